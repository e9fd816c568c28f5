//! B-cubed precision, recall and F1 of a clustering against gold groups (Bagga & Baldwin 1998).
//!
//! For each item, precision is the share of its predicted cluster that shares its gold group,
//! recall the share of its gold group that shares its predicted cluster; both are averaged over
//! items. Items missing from either side are left out (and counted in `missing`).

use std::collections::HashMap;
use std::hash::Hash;

/// B-cubed scores over the items present in both the prediction and the gold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BCubed {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Items scored.
    pub items: usize,
    /// Items present on one side only.
    pub missing: usize,
}

/// Scores `predicted` (item → cluster) against `gold` (item → group).
pub fn score<I, P, G>(predicted: &HashMap<I, P>, gold: &HashMap<I, G>) -> BCubed
where
    I: Eq + Hash,
    P: Eq + Hash,
    G: Eq + Hash,
{
    let items: Vec<&I> = predicted.keys().filter(|i| gold.contains_key(*i)).collect();
    let missing = predicted.len() + gold.len() - 2 * items.len();
    let mut pred_size: HashMap<&P, f64> = HashMap::new();
    let mut gold_size: HashMap<&G, f64> = HashMap::new();
    let mut both: HashMap<(&P, &G), f64> = HashMap::new();
    for i in &items {
        let (p, g) = (&predicted[*i], &gold[*i]);
        *pred_size.entry(p).or_default() += 1.0;
        *gold_size.entry(g).or_default() += 1.0;
        *both.entry((p, g)).or_default() += 1.0;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for i in &items {
        let (p, g) = (&predicted[*i], &gold[*i]);
        let shared = both[&(p, g)];
        precision += shared / pred_size[p];
        recall += shared / gold_size[g];
    }
    let n = items.len() as f64;
    let (precision, recall) = if n > 0.0 {
        (precision / n, recall / n)
    } else {
        (0.0, 0.0)
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    BCubed {
        precision,
        recall,
        f1,
        items: items.len(),
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&'static str, u32)]) -> HashMap<&'static str, u32> {
        pairs.iter().copied().collect()
    }

    #[test]
    fn perfect_clustering_scores_one() {
        let g = map(&[("a", 1), ("b", 1), ("c", 2)]);
        let s = score(&g, &g);
        assert_eq!((s.precision, s.recall, s.f1), (1.0, 1.0, 1.0));
    }

    #[test]
    fn one_big_cluster_has_full_recall_and_low_precision() {
        let g = map(&[("a", 1), ("b", 1), ("c", 2), ("d", 2)]);
        let p = map(&[("a", 0), ("b", 0), ("c", 0), ("d", 0)]);
        let s = score(&p, &g);
        assert_eq!(s.recall, 1.0);
        assert_eq!(s.precision, 0.5);
    }

    #[test]
    fn textbook_example() {
        // Gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}.
        let g = map(&[("a", 1), ("b", 1), ("c", 1), ("d", 2), ("e", 2)]);
        let p = map(&[("a", 1), ("b", 1), ("c", 2), ("d", 2), ("e", 2)]);
        let s = score(&p, &g);
        // Precision: a,b: 1; c: 1/3; d,e: 2/3 → (2 + 1/3 + 4/3)/5.
        assert!((s.precision - (2.0 + 1.0 / 3.0 + 4.0 / 3.0) / 5.0).abs() < 1e-12);
        // Recall: a,b: 2/3; c: 1/3; d,e: 1 → (4/3 + 1/3 + 2)/5.
        assert!((s.recall - (4.0 / 3.0 + 1.0 / 3.0 + 2.0) / 5.0).abs() < 1e-12);
    }

    #[test]
    fn items_on_one_side_are_counted_missing() {
        let g = map(&[("a", 1), ("b", 1)]);
        let p = map(&[("a", 1), ("z", 1)]);
        let s = score(&p, &g);
        assert_eq!((s.items, s.missing), (1, 2));
    }
}
