//! CoNLL-style exact-span scoring per entity type, and IOB2 helpers for the evaluation tools.

use std::collections::BTreeMap;
use std::fmt::Write;

/// A labelled span over token indices `[start, end)`.
pub type LabelledSpan = (usize, usize, String);

/// Entity spans of an IOB2 label sequence (`B-PER`, `I-PER`, `O`; a stray `I-` opens a span).
pub fn iob2_spans(labels: &[&str]) -> Vec<LabelledSpan> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < labels.len() {
        let Some((_, ty)) = labels[i].split_once('-') else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < labels.len() && labels[j].strip_prefix("I-") == Some(ty) {
            j += 1;
        }
        out.push((i, j, ty.to_string()));
        i = j;
    }
    out
}

/// True/false positives and false negatives per type.
#[derive(Debug, Default, Clone)]
pub struct Scores {
    counts: BTreeMap<String, [usize; 3]>,
}

impl Scores {
    /// Adds one sentence; only types in `types` are scored (others are ignored on both sides).
    pub fn add(&mut self, gold: &[LabelledSpan], pred: &[LabelledSpan], types: &[&str]) {
        let keep = |s: &&LabelledSpan| types.contains(&s.2.as_str());
        let gold: Vec<&LabelledSpan> = gold.iter().filter(keep).collect();
        let pred: Vec<&LabelledSpan> = pred.iter().filter(keep).collect();
        for t in types {
            self.counts.entry(t.to_string()).or_default();
        }
        for p in &pred {
            let c = self.counts.get_mut(&p.2).unwrap();
            if gold.contains(p) {
                c[0] += 1;
            } else {
                c[1] += 1;
            }
        }
        for g in &gold {
            if !pred.contains(g) {
                self.counts.get_mut(&g.2).unwrap()[2] += 1;
            }
        }
    }

    /// (precision, recall, F1) of one type, or of all types together with `None`.
    pub fn prf(&self, ty: Option<&str>) -> (f64, f64, f64) {
        let [tp, fp, fn_] = match ty {
            Some(t) => self.counts.get(t).copied().unwrap_or_default(),
            None => self
                .counts
                .values()
                .fold([0; 3], |a, c| [a[0] + c[0], a[1] + c[1], a[2] + c[2]]),
        };
        let p = if tp + fp == 0 {
            0.0
        } else {
            tp as f64 / (tp + fp) as f64
        };
        let r = if tp + fn_ == 0 {
            0.0
        } else {
            tp as f64 / (tp + fn_) as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }

    /// Gold mentions of a type (all types with `None`).
    pub fn gold_count(&self, ty: Option<&str>) -> usize {
        match ty {
            Some(t) => self.counts.get(t).map_or(0, |c| c[0] + c[2]),
            None => self.counts.values().map(|c| c[0] + c[2]).sum(),
        }
    }

    /// A table: one row per type and an overall micro-averaged row, in percent.
    pub fn table(&self, title: &str) -> String {
        let mut s = format!(
            "{title}\n{:<8}{:>7}{:>8}{:>8}{:>8}\n",
            "type", "gold", "P", "R", "F1"
        );
        let types: Vec<Option<&str>> = self
            .counts
            .keys()
            .map(|k| Some(k.as_str()))
            .chain(std::iter::once(None))
            .collect();
        for t in types {
            let (p, r, f) = self.prf(t);
            let _ = writeln!(
                s,
                "{:<8}{:>7}{:>8.1}{:>8.1}{:>8.1}",
                t.unwrap_or("all"),
                self.gold_count(t),
                100.0 * p,
                100.0 * r,
                100.0 * f
            );
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_spans_only() {
        let gold = iob2_spans(&["B-PER", "I-PER", "O", "B-LOC", "B-MISC"]);
        let pred = iob2_spans(&["B-PER", "O", "O", "B-LOC", "B-ORG"]);
        let mut s = Scores::default();
        s.add(&gold, &pred, &["PER", "ORG", "LOC"]);
        assert_eq!(s.prf(Some("LOC")), (1.0, 1.0, 1.0));
        assert_eq!(s.prf(Some("PER")), (0.0, 0.0, 0.0));
        let (p, r, _) = s.prf(None);
        assert!((p - 1.0 / 3.0).abs() < 1e-9 && (r - 0.5).abs() < 1e-9);
        assert!(s.table("t").contains("all"));
    }
}
