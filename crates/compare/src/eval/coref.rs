//! Coreference metrics as the CoNLL reference scorer computes them (Pradhan et al. 2014,
//! `conll/reference-coreference-scorers` v8): MUC (Vilain et al. 1995), B³ (Bagga & Baldwin
//! 1998), CEAF-e (Luo 2005, entity similarity φ4 with the best one-to-one alignment), and the
//! CoNLL F1, their mean.
//!
//! Clusters are sets of mentions of any ordered type; key (gold) and response (system) may hold
//! different mentions (predicted mentions): a response mention absent from the key is a false
//! alarm, a key mention absent from the response a miss, as in the reference scorer. Singletons
//! are scored as given; a caller that wants them out removes them first.

use std::collections::{BTreeMap, BTreeSet};

/// Recall and precision as numerator / denominator pairs, so sums over documents or topics add
/// up as the reference scorer's totals do.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub recall_num: f64,
    pub recall_den: f64,
    pub precision_num: f64,
    pub precision_den: f64,
}

impl Prf {
    pub fn recall(&self) -> f64 {
        ratio(self.recall_num, self.recall_den)
    }

    pub fn precision(&self) -> f64 {
        ratio(self.precision_num, self.precision_den)
    }

    pub fn f1(&self) -> f64 {
        let (r, p) = (self.recall(), self.precision());
        if r + p == 0.0 {
            0.0
        } else {
            2.0 * r * p / (r + p)
        }
    }

    pub fn add(&mut self, o: Prf) {
        self.recall_num += o.recall_num;
        self.recall_den += o.recall_den;
        self.precision_num += o.precision_num;
        self.precision_den += o.precision_den;
    }
}

fn ratio(n: f64, d: f64) -> f64 {
    if d == 0.0 {
        0.0
    } else {
        n / d
    }
}

/// The three metrics of one key/response pair (or summed over many).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub muc: Prf,
    pub b3: Prf,
    pub ceafe: Prf,
}

impl Scores {
    /// CoNLL F1: the mean of the three F1s.
    pub fn conll(&self) -> f64 {
        (self.muc.f1() + self.b3.f1() + self.ceafe.f1()) / 3.0
    }

    pub fn add(&mut self, o: &Scores) {
        self.muc.add(o.muc);
        self.b3.add(o.b3);
        self.ceafe.add(o.ceafe);
    }
}

/// All three metrics.
pub fn score<M: Ord + Clone>(key: &[Vec<M>], response: &[Vec<M>]) -> Scores {
    let key = dedup(key);
    let response = dedup(response);
    Scores {
        muc: muc(&key, &response),
        b3: b_cubed(&key, &response),
        ceafe: ceaf_e(&key, &response),
    }
}

/// Clusters as sets; a mention repeated across clusters is kept in the first only, empty
/// clusters dropped (the reference scorer de-duplicates the same way).
fn dedup<M: Ord + Clone>(clusters: &[Vec<M>]) -> Vec<BTreeSet<M>> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for c in clusters {
        let s: BTreeSet<M> = c
            .iter()
            .filter(|m| seen.insert((*m).clone()))
            .cloned()
            .collect();
        if !s.is_empty() {
            out.push(s);
        }
    }
    out
}

fn cluster_of<M: Ord + Clone>(clusters: &[BTreeSet<M>]) -> BTreeMap<M, usize> {
    clusters
        .iter()
        .enumerate()
        .flat_map(|(i, c)| c.iter().map(move |m| (m.clone(), i)))
        .collect()
}

/// MUC: links kept. For each key cluster K, |K| − |partitions of K by the response| (a
/// mention the response lacks is a partition of its own), over Σ(|K| − 1); precision swaps roles.
fn muc<M: Ord + Clone>(key: &[BTreeSet<M>], response: &[BTreeSet<M>]) -> Prf {
    let side = |a: &[BTreeSet<M>], b: &[BTreeSet<M>]| -> (f64, f64) {
        let of = cluster_of(b);
        let (mut num, mut den) = (0.0, 0.0);
        for c in a {
            let mut parts = BTreeSet::new();
            let mut missing = 0usize;
            for m in c {
                match of.get(m) {
                    Some(&i) => {
                        parts.insert(i);
                    }
                    None => missing += 1,
                }
            }
            num += (c.len() - parts.len() - missing) as f64;
            den += (c.len() - 1) as f64;
        }
        (num, den)
    };
    let (rn, rd) = side(key, response);
    let (pn, pd) = side(response, key);
    Prf {
        recall_num: rn,
        recall_den: rd,
        precision_num: pn,
        precision_den: pd,
    }
}

fn overlap<M: Ord>(a: &BTreeSet<M>, b: &BTreeSet<M>) -> usize {
    a.intersection(b).count()
}

/// B³: per mention, the share of its key cluster its response cluster recovers (recall), and
/// the reverse (precision); sums of |K∩R|²/|K| over mentions.
fn b_cubed<M: Ord + Clone>(key: &[BTreeSet<M>], response: &[BTreeSet<M>]) -> Prf {
    let side = |a: &[BTreeSet<M>], b: &[BTreeSet<M>]| -> (f64, f64) {
        let mut num = 0.0;
        let mut den = 0.0;
        for c in a {
            den += c.len() as f64;
            for d in b {
                let n = overlap(c, d) as f64;
                num += n * n / c.len() as f64;
            }
        }
        (num, den)
    };
    let (rn, rd) = side(key, response);
    let (pn, pd) = side(response, key);
    Prf {
        recall_num: rn,
        recall_den: rd,
        precision_num: pn,
        precision_den: pd,
    }
}

/// CEAF-e: the best one-to-one alignment of key and response clusters under
/// φ4(K, R) = 2|K∩R| / (|K| + |R|); recall divides the total similarity by the number of key
/// clusters, precision by the number of response clusters.
fn ceaf_e<M: Ord + Clone>(key: &[BTreeSet<M>], response: &[BTreeSet<M>]) -> Prf {
    let sim: Vec<Vec<f64>> = key
        .iter()
        .map(|k| {
            response
                .iter()
                .map(|r| 2.0 * overlap(k, r) as f64 / (k.len() + r.len()) as f64)
                .collect()
        })
        .collect();
    let total = max_assignment(&sim);
    Prf {
        recall_num: total,
        recall_den: key.len() as f64,
        precision_num: total,
        precision_den: response.len() as f64,
    }
}

/// The largest total weight of a one-to-one matching of rows to columns (Hungarian method,
/// O(n³), on the square matrix padded with zeros). Only clusters that share a mention can gain
/// anything, so the matrix is first split into its connected blocks; ECB+ topics give many small
/// blocks.
fn max_assignment(w: &[Vec<f64>]) -> f64 {
    let rows = w.len();
    let cols = w.first().map_or(0, Vec::len);
    if rows == 0 || cols == 0 {
        return 0.0;
    }
    // Connected components over positive entries (rows 0..rows, columns rows..rows+cols).
    let mut parent: Vec<usize> = (0..rows + cols).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        let mut y = x;
        while p[y] != r {
            let next = p[y];
            p[y] = r;
            y = next;
        }
        r
    }
    for (i, row) in w.iter().enumerate() {
        for (j, &v) in row.iter().enumerate() {
            if v > 0.0 {
                let (a, b) = (find(&mut parent, i), find(&mut parent, rows + j));
                parent[a] = b;
            }
        }
    }
    let mut blocks: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for i in 0..rows {
        let r = find(&mut parent, i);
        blocks.entry(r).or_default().0.push(i);
    }
    for j in 0..cols {
        let r = find(&mut parent, rows + j);
        blocks.entry(r).or_default().1.push(j);
    }
    blocks
        .values()
        .filter(|(r, c)| !r.is_empty() && !c.is_empty())
        .map(|(r, c)| {
            let sub: Vec<Vec<f64>> = r
                .iter()
                .map(|&i| c.iter().map(|&j| w[i][j]).collect())
                .collect();
            hungarian_max(&sub)
        })
        .sum()
}

/// Maximum-weight assignment on a dense matrix: the Hungarian method on costs −w, square
/// padding with zeros.
fn hungarian_max(w: &[Vec<f64>]) -> f64 {
    let n = w.len().max(w.first().map_or(0, Vec::len));
    let cost =
        |i: usize, j: usize| -> f64 { -w.get(i).and_then(|r| r.get(j)).copied().unwrap_or(0.0) };
    // Potentials u (rows), v (columns), matching p[column] = row, 1-based with 0 as the sentinel.
    let inf = f64::INFINITY;
    let mut u = vec![0.0; n + 1];
    let mut v = vec![0.0; n + 1];
    let mut p = vec![0usize; n + 1];
    let mut way = vec![0usize; n + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = inf;
            let mut j1 = 0;
            for j in 1..=n {
                if !used[j] {
                    let cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=n)
        .filter(|&j| p[j] != 0)
        .map(|j| -cost(p[j] - 1, j - 1))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clusters written as the reference scorer's test cases write them: "{a} {bc} {def}".
    fn parse(s: &str) -> Vec<Vec<char>> {
        s.split_whitespace()
            .map(|c| c.trim_matches(|x| x == '{' || x == '}').chars().collect())
            .collect()
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-4, "{a} != {b}");
    }

    /// (recall, precision) of MUC, B³ and CEAF-e.
    fn check(key: &str, response: &str, muc: (f64, f64), b3: (f64, f64), ceafe: (f64, f64)) {
        let s = score(&parse(key), &parse(response));
        for (got, want) in [(s.muc, muc), (s.b3, b3), (s.ceafe, ceafe)] {
            close(got.recall(), want.0);
            close(got.precision(), want.1);
        }
    }

    // Expected values from the reference scorer's test cases (TestCases.README and
    // CorefMetricTestConfig.pm of conll/reference-coreference-scorers), as fractions.

    #[test]
    fn perfect_response() {
        check(
            "{a} {bc} {def}",
            "{a} {bc} {def}",
            (1.0, 1.0),
            (1.0, 1.0),
            (1.0, 1.0),
        );
    }

    #[test]
    fn missing_mentions_and_entities() {
        // TC-A-2: BCUB recall 7/18, precision 3/3; MUC 1/3, 1/1; CEAFe 1.8/3, 1.8/2.
        check(
            "{a} {bc} {def}",
            "{a} {de}",
            (1.0 / 3.0, 1.0),
            (7.0 / 18.0, 1.0),
            (0.6, 0.9),
        );
    }

    #[test]
    fn false_alarm_mentions_and_entities() {
        // TC-A-3: BCUB precision (4 + 7/12)/9; CEAFe common = 1 + 4/5 + 6/7.
        let common = 1.0 + 0.8 + 6.0 / 7.0;
        check(
            "{a} {bc} {def}",
            "{a} {bcx} {defy} {z}",
            (1.0, 3.0 / 5.0),
            (1.0, (1.0 + 4.0 / 3.0 + 9.0 / 4.0) / 9.0),
            (common / 3.0, common / 4.0),
        );
    }

    #[test]
    fn missing_and_false_alarm_mentions() {
        // TC-A-4: MUC 1/3, 1/3; BCUB 10/18, 17/42; CEAFe 2.2/3, 2.2/4.
        check(
            "{a} {bc} {def}",
            "{a} {bcx} {dy} {z}",
            (1.0 / 3.0, 1.0 / 3.0),
            (10.0 / 18.0, 17.0 / 42.0),
            (2.2 / 3.0, 2.2 / 4.0),
        );
    }

    #[test]
    fn conll_is_the_mean_of_three_f1s() {
        let s = score(&parse("{a} {bc} {def}"), &parse("{a} {bcx} {dy} {z}"));
        close(s.conll(), (s.muc.f1() + s.b3.f1() + s.ceafe.f1()) / 3.0);
        close(s.muc.f1(), 1.0 / 3.0);
    }

    #[test]
    fn assignment_prefers_the_best_total_not_the_greedy_pair() {
        // Greedy takes 0.9 and then 0.1; the best one-to-one is 0.8 + 0.8.
        close(max_assignment(&[vec![0.9, 0.8], vec![0.8, 0.1]]), 1.6);
        close(max_assignment(&[vec![0.5], vec![0.7], vec![0.0]]), 0.7);
    }
}
