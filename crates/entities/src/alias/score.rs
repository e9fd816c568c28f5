//! Coreference scores over one set of mentions: MUC, B³, CEAF-e and their mean (the CoNLL F1),
//! for scoring alias resolution against gold chains (`examples/coref_eval.rs`).
//!
//! Both clusterings label the same mentions (gold mention spans), one chain label per mention.

use std::collections::BTreeMap;

/// Precision, recall and F1 of one metric.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f: f64,
}

impl Prf {
    fn new(p: f64, r: f64) -> Prf {
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf { p, r, f }
    }
}

/// The three metrics and the CoNLL F1 (their mean F1).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CorefScores {
    pub muc: Prf,
    pub b3: Prf,
    pub ceafe: Prf,
    pub conll: f64,
}

/// Clusters as lists of mention indices, from one label per mention (sorted, deterministic).
fn clusters<L: Ord>(labels: &[L]) -> Vec<Vec<usize>> {
    let mut by: BTreeMap<&L, Vec<usize>> = BTreeMap::new();
    for (i, l) in labels.iter().enumerate() {
        by.entry(l).or_default().push(i);
    }
    by.into_values().collect()
}

/// Score `response` against `key`: both give a chain label to each of the same mentions.
pub fn score<A: Ord, B: Ord>(key: &[A], response: &[B]) -> CorefScores {
    assert_eq!(
        key.len(),
        response.len(),
        "one label per mention on both sides"
    );
    let (k, r) = (clusters(key), clusters(response));
    let (kid, rid) = (ids(&k, key.len()), ids(&r, key.len()));
    let muc = Prf::new(muc_recall(&r, &kid), muc_recall(&k, &rid));
    let b3 = Prf::new(b3_recall(&r, &kid), b3_recall(&k, &rid));
    let ceafe = ceafe(&k, &r, &kid, &rid);
    CorefScores {
        muc,
        b3,
        ceafe,
        conll: (muc.f + b3.f + ceafe.f) / 3.0,
    }
}

/// The cluster index of each mention.
fn ids(cs: &[Vec<usize>], n: usize) -> Vec<usize> {
    let mut out = vec![0; n];
    for (c, ms) in cs.iter().enumerate() {
        for &m in ms {
            out[m] = c;
        }
    }
    out
}

/// MUC recall of clusters `cs` against the partition `other` (swap the arguments for precision):
/// the links of each cluster that the other side keeps.
fn muc_recall(cs: &[Vec<usize>], other: &[usize]) -> f64 {
    let (mut num, mut den) = (0usize, 0usize);
    for c in cs {
        let mut parts: Vec<usize> = c.iter().map(|&m| other[m]).collect();
        parts.sort_unstable();
        parts.dedup();
        num += c.len() - parts.len();
        den += c.len() - 1;
    }
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// B³ recall of clusters `cs` against `other` (swap for precision), averaged over mentions.
fn b3_recall(cs: &[Vec<usize>], other: &[usize]) -> f64 {
    let n: usize = cs.iter().map(Vec::len).sum();
    if n == 0 {
        return 0.0;
    }
    let mut total = 0.0;
    for c in cs {
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        for &m in c {
            *counts.entry(other[m]).or_default() += 1;
        }
        total += counts.values().map(|&x| (x * x) as f64).sum::<f64>() / c.len() as f64;
    }
    total / n as f64
}

/// CEAF-e: the best one-to-one alignment of key and response clusters by φ4 = 2|K∩R|/(|K|+|R|).
/// Clusters only overlap within connected components of the overlap graph, so the assignment is
/// solved per component (small), which keeps it fast on a whole corpus.
fn ceafe(k: &[Vec<usize>], r: &[Vec<usize>], kid: &[usize], rid: &[usize]) -> Prf {
    // Overlap counts between key cluster i and response cluster j.
    let mut overlap: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for m in 0..kid.len() {
        *overlap.entry((kid[m], rid[m])).or_default() += 1;
    }
    // Components by union-find over key clusters (0..k) and response clusters (k..k+r).
    let mut parent: Vec<usize> = (0..k.len() + r.len()).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut x = x;
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for &(i, j) in overlap.keys() {
        let (a, b) = (find(&mut parent, i), find(&mut parent, k.len() + j));
        parent[a.max(b)] = a.min(b);
    }
    let mut comps: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for i in 0..k.len() {
        let c = find(&mut parent, i);
        comps.entry(c).or_default().0.push(i);
    }
    for j in 0..r.len() {
        let c = find(&mut parent, k.len() + j);
        comps.entry(c).or_default().1.push(j);
    }
    let mut sim = 0.0;
    for (ks, rs) in comps.values() {
        if ks.is_empty() || rs.is_empty() {
            continue;
        }
        let w: Vec<Vec<f64>> = ks
            .iter()
            .map(|&i| {
                rs.iter()
                    .map(|&j| {
                        let o = overlap.get(&(i, j)).copied().unwrap_or(0);
                        2.0 * o as f64 / (k[i].len() + r[j].len()) as f64
                    })
                    .collect()
            })
            .collect();
        sim += max_assignment(&w);
    }
    let p = if r.is_empty() {
        0.0
    } else {
        sim / r.len() as f64
    };
    let rc = if k.is_empty() {
        0.0
    } else {
        sim / k.len() as f64
    };
    Prf::new(p, rc)
}

/// The largest total weight of a one-to-one assignment of rows to columns (Hungarian method on
/// costs `max − w`, padded square).
fn max_assignment(w: &[Vec<f64>]) -> f64 {
    let n = w.len().max(w.first().map_or(0, Vec::len));
    if n == 0 {
        return 0.0;
    }
    let get = |i: usize, j: usize| w.get(i).and_then(|r| r.get(j)).copied().unwrap_or(0.0);
    // Minimize cost = 1 − w (weights are in [0, 1]); 1-based arrays as in the classic method.
    let cost = |i: usize, j: usize| 1.0 - get(i, j);
    let inf = f64::INFINITY;
    let (mut u, mut v) = (vec![0.0; n + 1], vec![0.0; n + 1]);
    let (mut p, mut way) = (vec![0usize; n + 1], vec![0usize; n + 1]);
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
    (1..=n).map(|j| get(p[j] - 1, j - 1)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_perfect_response_scores_one_everywhere() {
        let key = [1, 1, 2, 3, 3, 3];
        let s = score(&key, &["a", "a", "b", "c", "c", "c"]);
        assert!((s.b3.f - 1.0).abs() < 1e-12 && (s.muc.f - 1.0).abs() < 1e-12);
        assert!((s.ceafe.f - 1.0).abs() < 1e-12 && (s.conll - 1.0).abs() < 1e-12);
    }

    #[test]
    fn textbook_example() {
        // Key {a b c} {d e}; response {a b} {c d e}. B³ R = (2/3+2/3+1/3+1+1)/5 = 11/15,
        // P = (1+1+1/3+2/3+2/3)/5 = 11/15; MUC R = (1+1)/(2+1) = 2/3, P = (1+1)/(1+2) = 2/3.
        let key = [0, 0, 0, 1, 1];
        let resp = [0, 0, 1, 1, 1];
        let s = score(&key, &resp);
        assert!((s.b3.r - 11.0 / 15.0).abs() < 1e-12, "{:?}", s.b3);
        assert!((s.b3.p - 11.0 / 15.0).abs() < 1e-12, "{:?}", s.b3);
        assert!((s.muc.r - 2.0 / 3.0).abs() < 1e-12);
        assert!((s.muc.p - 2.0 / 3.0).abs() < 1e-12);
        // CEAF-e: {a b c}↔{a b}: 2·2/5 = 0.8; {d e}↔{c d e}: 2·2/5 = 0.8; 1.6 / 2 clusters.
        assert!((s.ceafe.f - 0.8).abs() < 1e-12, "{:?}", s.ceafe);
    }

    #[test]
    fn all_singletons_against_one_chain() {
        let s = score(&[0, 0, 0, 0], &[0, 1, 2, 3]);
        assert_eq!(s.muc.r, 0.0);
        assert!((s.b3.p - 1.0).abs() < 1e-12 && (s.b3.r - 0.25).abs() < 1e-12);
    }
}
