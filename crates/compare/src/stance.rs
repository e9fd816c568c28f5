//! The stance of a body of text toward a headline claim (FNC-1): unrelated, or related and then
//! agreeing, disagreeing or merely discussing. A check of the agreement machinery on outside
//! data: relatedness by TF-IDF cosine over the same names and stemmed terms that align claims,
//! refutation and hedging by the same modality lexicons that mark claims denied or speculated.

use crate::claims::{names, terms, tokens};
use std::collections::HashMap;

/// FNC-1's four labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stance {
    Agree,
    Disagree,
    Discuss,
    Unrelated,
}

impl Stance {
    pub fn parse(s: &str) -> Option<Stance> {
        match s.trim() {
            "agree" => Some(Stance::Agree),
            "disagree" => Some(Stance::Disagree),
            "discuss" => Some(Stance::Discuss),
            "unrelated" => Some(Stance::Unrelated),
            _ => None,
        }
    }
}

/// Decision thresholds, chosen on one half of the data and reported on the other.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    /// Below this cosine, unrelated.
    pub related: f64,
    /// Refuting words per 1,000 words of body at or above which the body disagrees.
    pub refute: f64,
    /// Hedging words per 1,000 words below which a strongly overlapping body agrees.
    pub hedge: f64,
    /// Share of the headline's terms one body sentence must carry for agreement.
    pub overlap: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            related: 0.12,
            refute: 2.0,
            hedge: 6.0,
            overlap: 0.6,
        }
    }
}

/// Document frequencies over a collection of bodies.
#[derive(Debug, Clone, Default)]
pub struct StanceModel {
    df: HashMap<String, u32>,
    n: u32,
}

/// What the classifier measured on one pair.
#[derive(Debug, Clone, Copy)]
pub struct Features {
    pub cosine: f64,
    pub overlap: f64,
    pub refute: f64,
    pub hedge: f64,
}

const REFUTE: &[&str] = &[
    "fake",
    "hoax",
    "false",
    "falsely",
    "debunk",
    "debunked",
    "denied",
    "deny",
    "denies",
    "untrue",
    "fabricated",
    "myth",
    "not true",
    "no evidence",
    "satire",
    "satirical",
    "refuted",
    "retracted",
    "misleading",
    "baseless",
    "bogus",
    "doctored",
    "photoshopped",
];
const HEDGE: &[&str] = &[
    "reportedly",
    "allegedly",
    "alleged",
    "claims",
    "claimed",
    "according to",
    "unconfirmed",
    "unverified",
    "may",
    "might",
    "could",
    "rumor",
    "rumors",
    "rumour",
    "rumours",
    "purportedly",
    "apparently",
    "appears",
    "if true",
    "speculation",
    "suggests",
    "believed",
];

fn bag(text: &str) -> Vec<String> {
    let toks = tokens(text);
    let mut v = terms(&toks);
    for n in names(&toks) {
        if !v.contains(&n) {
            v.push(n);
        }
    }
    v
}

fn per_thousand(lower: &str, words: usize, lexicon: &[&str]) -> f64 {
    let hits: usize = lexicon
        .iter()
        .map(|w| {
            lower
                .match_indices(w)
                .filter(|(i, _)| {
                    let before = lower[..*i].chars().next_back();
                    let after = lower[i + w.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })
                .count()
        })
        .sum();
    hits as f64 * 1000.0 / words.max(1) as f64
}

impl StanceModel {
    pub fn fit<'a>(bodies: impl Iterator<Item = &'a str>) -> StanceModel {
        let mut m = StanceModel::default();
        for b in bodies {
            m.n += 1;
            for t in bag(b) {
                *m.df.entry(t).or_default() += 1;
            }
        }
        m
    }

    fn vector(&self, terms: &[String]) -> HashMap<String, f64> {
        let mut v: HashMap<String, f64> = HashMap::new();
        for t in terms {
            let df = self.df.get(t).copied().unwrap_or(0) as f64;
            v.insert(t.clone(), ((1.0 + self.n as f64) / (1.0 + df)).ln() + 1.0);
        }
        let norm = v.values().map(|x| x * x).sum::<f64>().sqrt().max(1e-9);
        v.values_mut().for_each(|x| *x /= norm);
        v
    }

    /// Measures a pair.
    pub fn features(&self, headline: &str, body: &str) -> Features {
        let h = bag(headline);
        let b = bag(body);
        let (hv, bv) = (self.vector(&h), self.vector(&b));
        let cosine = hv
            .iter()
            .filter_map(|(k, x)| bv.get(k).map(|y| x * y))
            .sum();
        let overlap = body
            .split(['.', '!', '?', '\n'])
            .map(|s| {
                let sb = bag(s);
                h.iter().filter(|t| sb.contains(t)).count() as f64 / h.len().max(1) as f64
            })
            .fold(0.0, f64::max);
        let lower = body.to_lowercase();
        let words = body.split_whitespace().count();
        Features {
            cosine,
            overlap,
            refute: per_thousand(&lower, words, REFUTE),
            hedge: per_thousand(&lower, words, HEDGE),
        }
    }

    /// The stance of `body` toward `headline`.
    pub fn classify(&self, f: &Features, t: &Thresholds) -> Stance {
        if f.cosine < t.related {
            Stance::Unrelated
        } else if f.refute >= t.refute {
            Stance::Disagree
        } else if f.overlap >= t.overlap && f.hedge < t.hedge {
            Stance::Agree
        } else {
            Stance::Discuss
        }
    }
}

/// FNC-1's weighted score: 0.25 for telling related from unrelated, 0.75 more for the right
/// related label. Returns (score, best possible score).
pub fn fnc_score(pairs: &[(Stance, Stance)]) -> (f64, f64) {
    let mut score = 0.0;
    let mut best = 0.0;
    for &(gold, pred) in pairs {
        let related = |s: Stance| s != Stance::Unrelated;
        best += if related(gold) { 1.0 } else { 0.25 };
        if related(gold) == related(pred) {
            score += 0.25;
        }
        if related(gold) && gold == pred {
            score += 0.75;
        }
    }
    (score, best)
}

/// Macro-averaged F1 over the four labels.
pub fn macro_f1(pairs: &[(Stance, Stance)]) -> f64 {
    let labels = [
        Stance::Agree,
        Stance::Disagree,
        Stance::Discuss,
        Stance::Unrelated,
    ];
    let f1s: Vec<f64> = labels
        .iter()
        .map(|&l| {
            let tp = pairs.iter().filter(|(g, p)| *g == l && *p == l).count() as f64;
            let fp = pairs.iter().filter(|(g, p)| *g != l && *p == l).count() as f64;
            let fn_ = pairs.iter().filter(|(g, p)| *g == l && *p != l).count() as f64;
            if tp == 0.0 {
                0.0
            } else {
                2.0 * tp / (2.0 * tp + fp + fn_)
            }
        })
        .collect();
    f1s.iter().sum::<f64>() / 4.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_refuting_and_unrelated() {
        let bodies = ["The report that the minister resigned is a hoax, officials said; it is fake and no evidence supports it.", "Heavy rain flooded the valley on Tuesday and farmers lost crops.", "The minister resigned on Monday after the scandal, his office confirmed in a statement."];
        let m = StanceModel::fit(bodies.iter().copied());
        let t = Thresholds::default();
        let h = "Minister resigned after scandal";
        assert_eq!(m.classify(&m.features(h, bodies[0]), &t), Stance::Disagree);
        assert_eq!(m.classify(&m.features(h, bodies[1]), &t), Stance::Unrelated);
        assert_eq!(m.classify(&m.features(h, bodies[2]), &t), Stance::Agree);
    }

    #[test]
    fn score_is_fnc_weighted() {
        let pairs = [
            (Stance::Agree, Stance::Agree),
            (Stance::Unrelated, Stance::Unrelated),
            (Stance::Discuss, Stance::Agree),
        ];
        assert_eq!(fnc_score(&pairs), (1.0 + 0.25 + 0.25, 2.25));
    }
}
