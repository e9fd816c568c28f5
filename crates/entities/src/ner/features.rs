//! Feature extraction: word, shape, affix, context, gazetteer and document-context features of each
//! token, hashed to 32-bit ids (FNV-1a, so ids are the same on every machine and in every run).

use super::clusters::Clusters;
use super::gazetteer::{Gazetteer, CATEGORIES};
use std::collections::HashMap;

/// Incremental FNV-1a over a template id and string parts.
struct FeatureHash(u64);

impl FeatureHash {
    fn new(template: u8) -> FeatureHash {
        let mut h = FeatureHash(0xcbf2_9ce4_8422_2325);
        h.byte(template);
        h
    }

    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }

    fn part(mut self, s: &str) -> FeatureHash {
        for &b in s.as_bytes() {
            self.byte(b);
        }
        self.byte(0xff);
        self
    }

    fn finish(self) -> u32 {
        (self.0 ^ (self.0 >> 32)) as u32
    }
}

/// The collapsed shape of a word: `Obama` -> `Xx`, `U.S.` -> `X.X.`, `1,200` -> `d,d`.
pub fn shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if Some(k) != last {
            out.push(k);
            last = Some(k);
        }
    }
    out
}

fn prefix(w: &str, n: usize) -> &str {
    match w.char_indices().nth(n) {
        Some((i, _)) => &w[..i],
        None => w,
    }
}

fn suffix(w: &str, n: usize) -> &str {
    let count = w.chars().count();
    if count <= n {
        return w;
    }
    let (i, _) = w.char_indices().nth(count - n).unwrap();
    &w[i..]
}

const PAD_START: &str = "<s>";
const PAD_END: &str = "</s>";

/// Whether a sentence looks like a title-case headline, where capitalization says little.
fn is_headline(tokens: &[&str]) -> bool {
    let alpha = tokens
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .count();
    let capital = tokens
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    alpha >= 4 && capital * 10 >= alpha * 7
}

/// Contexts kept per word (the first ones seen, so the features do not depend on hashing order).
const MAX_CONTEXTS: usize = 6;

/// What the rest of the document says about each capitalized word: whether it is also written in
/// lowercase, whether it is capitalized inside a (non-headline) sentence, and the words around its
/// other occurrences ("context aggregation": "Northrop" elsewhere followed by "CEO").
#[derive(Debug, Default)]
pub struct DocContext {
    words: HashMap<String, WordStats>,
}

#[derive(Debug, Default)]
struct WordStats {
    lower: bool,
    capital_inside: bool,
    prev: Vec<String>,
    next: Vec<String>,
}

impl DocContext {
    /// Statistics over the sentences of one document.
    pub fn new<'a>(sentences: impl IntoIterator<Item = &'a [&'a str]>) -> DocContext {
        let mut words: HashMap<String, WordStats> = HashMap::new();
        for toks in sentences {
            let headline = is_headline(toks);
            for (i, w) in toks.iter().enumerate() {
                let Some(c) = w.chars().next() else { continue };
                if !c.is_alphabetic() {
                    continue;
                }
                let st = words.entry(w.to_lowercase()).or_default();
                if c.is_lowercase() {
                    st.lower = true;
                    continue;
                }
                if i > 0 && !headline {
                    st.capital_inside = true;
                }
                let prev = if i == 0 {
                    PAD_START.to_string()
                } else {
                    toks[i - 1].to_lowercase()
                };
                let next = toks
                    .get(i + 1)
                    .map_or(PAD_END.to_string(), |w| w.to_lowercase());
                if st.prev.len() < MAX_CONTEXTS && !st.prev.contains(&prev) {
                    st.prev.push(prev);
                }
                if st.next.len() < MAX_CONTEXTS && !st.next.contains(&next) {
                    st.next.push(next);
                }
            }
        }
        DocContext { words }
    }
}

/// Hashed feature ids for every token of one sentence, with no document around it.
pub fn extract(tokens: &[&str], gaz: &Gazetteer, clusters: &Clusters) -> Vec<Vec<u32>> {
    extract_in_doc(tokens, gaz, clusters, &DocContext::new([tokens]))
}

/// Hashed feature ids for every token of one sentence of a document.
pub fn extract_in_doc(
    tokens: &[&str],
    gaz: &Gazetteer,
    clusters: &Clusters,
    doc: &DocContext,
) -> Vec<Vec<u32>> {
    let n = tokens.len();
    let lower: Vec<String> = tokens.iter().map(|w| w.to_lowercase()).collect();
    let shapes: Vec<String> = tokens.iter().map(|w| shape(w)).collect();
    let gm = gaz.matches(&lower);
    let lw = |i: isize| -> &str {
        if i < 0 {
            PAD_START
        } else if i as usize >= n {
            PAD_END
        } else {
            &lower[i as usize]
        }
    };
    let sh = |i: isize| -> &str {
        if i < 0 {
            PAD_START
        } else if i as usize >= n {
            PAD_END
        } else {
            &shapes[i as usize]
        }
    };
    let headline = is_headline(tokens);
    // Cluster ids are hierarchical (see `Clusters::from_tsv`): the 4- and 8-bit prefixes of the
    // 12-bit id are coarser groups of words. Per token: the prefixes of 4, 8 and 12 bits.
    let cl: Vec<[String; 3]> = if clusters.is_empty() {
        Vec::new()
    } else {
        lower
            .iter()
            .map(|l| match clusters.get(l) {
                Some(c) => [4, 8, 12].map(|bits| (c >> (12 - bits)).to_string()),
                None => ["-", "-", "-"].map(String::from),
            })
            .collect()
    };
    let cp = |i: isize, bits: usize| -> &str {
        if i < 0 {
            PAD_START
        } else if i as usize >= n {
            PAD_END
        } else {
            &cl[i as usize][bits / 4 - 1]
        }
    };
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let ii = i as isize;
        let mut f = Vec::with_capacity(48);
        let l = &lower[i];
        f.push(FeatureHash::new(0).finish());
        f.push(FeatureHash::new(1).part(l).finish());
        f.push(FeatureHash::new(2).part(tokens[i]).finish());
        f.push(FeatureHash::new(3).part(lw(ii - 1)).finish());
        f.push(FeatureHash::new(4).part(lw(ii + 1)).finish());
        f.push(FeatureHash::new(5).part(lw(ii - 2)).finish());
        f.push(FeatureHash::new(6).part(lw(ii + 2)).finish());
        f.push(FeatureHash::new(7).part(sh(ii)).finish());
        f.push(FeatureHash::new(8).part(sh(ii - 1)).finish());
        f.push(FeatureHash::new(9).part(sh(ii + 1)).finish());
        for k in 1..=3 {
            f.push(FeatureHash::new(10 + k as u8).part(prefix(l, k)).finish());
        }
        for k in 1..=4 {
            f.push(FeatureHash::new(14 + k as u8).part(suffix(l, k)).finish());
        }
        f.push(FeatureHash::new(20).part(lw(ii - 1)).part(l).finish());
        f.push(FeatureHash::new(21).part(l).part(lw(ii + 1)).finish());
        f.push(
            FeatureHash::new(22)
                .part(sh(ii - 1))
                .part(sh(ii))
                .part(sh(ii + 1))
                .finish(),
        );
        f.push(
            FeatureHash::new(23)
                .part(if i == 0 { "first" } else { "later" })
                .part(sh(ii))
                .finish(),
        );
        f.push(FeatureHash::new(24).part(lw(ii - 1)).part(sh(ii)).finish());
        f.push(FeatureHash::new(25).part(sh(ii)).part(lw(ii + 1)).finish());
        f.push(
            FeatureHash::new(26)
                .part(sh(ii - 2))
                .part(sh(ii - 1))
                .part(sh(ii))
                .finish(),
        );
        f.push(
            FeatureHash::new(27)
                .part(sh(ii))
                .part(sh(ii + 1))
                .part(sh(ii + 2))
                .finish(),
        );
        if !clusters.is_empty() {
            f.push(FeatureHash::new(50).part(cp(ii, 4)).finish());
            f.push(FeatureHash::new(51).part(cp(ii, 8)).finish());
            f.push(FeatureHash::new(52).part(cp(ii, 12)).finish());
            f.push(FeatureHash::new(53).part(cp(ii, 8)).part(sh(ii)).finish());
            f.push(FeatureHash::new(54).part(cp(ii - 1, 8)).finish());
            f.push(FeatureHash::new(55).part(cp(ii + 1, 8)).finish());
            f.push(
                FeatureHash::new(56)
                    .part(cp(ii - 1, 4))
                    .part(cp(ii, 4))
                    .finish(),
            );
            f.push(
                FeatureHash::new(57)
                    .part(cp(ii, 4))
                    .part(cp(ii + 1, 4))
                    .finish(),
            );
        }
        if headline {
            f.push(FeatureHash::new(34).part(sh(ii)).finish());
            f.push(FeatureHash::new(35).part(l).finish());
        }
        if tokens[i].chars().next().is_some_and(char::is_uppercase) {
            if let Some(st) = doc.words.get(l.as_str()) {
                let flags = match (st.lower, st.capital_inside) {
                    (false, false) => "none",
                    (true, false) => "lower",
                    (false, true) => "capital",
                    (true, true) => "both",
                };
                let pos = if i == 0 || headline {
                    "start"
                } else {
                    "inside"
                };
                f.push(FeatureHash::new(40).part(flags).part(pos).finish());
                for p in st.prev.iter().filter(|p| p.as_str() != lw(ii - 1)) {
                    f.push(FeatureHash::new(41).part(p).finish());
                }
                for x in st.next.iter().filter(|x| x.as_str() != lw(ii + 1)) {
                    f.push(FeatureHash::new(42).part(x).finish());
                }
                // The same words by cluster: "Chrysler announced" elsewhere says what "Chrysler
                // reported" would.
                let group = |w: &str| clusters.get(w).map(|c| (c >> 4).to_string());
                for p in st.prev.iter().filter_map(|p| group(p)) {
                    f.push(FeatureHash::new(43).part(&p).finish());
                }
                for x in st.next.iter().filter_map(|x| group(x)) {
                    f.push(FeatureHash::new(44).part(&x).finish());
                }
            }
        }
        // A capitalized word's own WordNet noun classes: "Paris" is a city and a person there,
        // "Apple" a food and nothing else; a name WordNet lacks says so by "-".
        if tokens[i].chars().next().is_some_and(char::is_uppercase) {
            let (first, all) = noun_classes(l);
            f.push(FeatureHash::new(66).part(&all).finish());
            f.push(FeatureHash::new(67).part(first).part(sh(ii)).finish());
        }
        for (bit, cat) in CATEGORIES.iter().enumerate() {
            let m = 1u8 << bit;
            if gm[i].begin & m != 0 {
                f.push(FeatureHash::new(30).part(cat).part(sh(ii)).finish());
            }
            if gm[i].inside & m != 0 {
                f.push(FeatureHash::new(31).part(cat).finish());
            }
            if i > 0 && (gm[i - 1].begin | gm[i - 1].inside) & m != 0 {
                f.push(FeatureHash::new(32).part(cat).finish());
            }
            if i + 1 < n && (gm[i + 1].begin | gm[i + 1].inside) & m != 0 {
                f.push(FeatureHash::new(33).part(cat).finish());
            }
        }
        out.push(f);
    }
    out
}

/// The WordNet noun classes of a capitalized word: its first sense's lexicographer file, and up
/// to three distinct ones in sense order joined ("paris": `noun.location|noun.person`); "-" when
/// WordNet has no noun of that spelling.
fn noun_classes(w: &str) -> (&'static str, String) {
    use corroborate_extract::lexicon::{Lexicon, WnPos};
    let names = Lexicon::bundled().lexnames(w, Some(WnPos::Noun));
    match names.first() {
        None => ("-", "-".to_string()),
        Some(&first) => (
            first,
            names.iter().take(3).copied().collect::<Vec<_>>().join("|"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_context_adds_other_occurrences() {
        let g = Gazetteer::default();
        let s1: &[&str] = &["Northrop", "CEO", "Ron", "Sugar", "spoke"];
        let s2: &[&str] = &["Shares", "of", "Northrop", "rose"];
        let alone = extract(s2, &g, &Clusters::default());
        let doc = DocContext::new([s1, s2]);
        let together = extract_in_doc(s2, &g, &Clusters::default(), &doc);
        assert_eq!(alone[0], together[0], "\"Shares\" occurs once");
        assert!(
            together[2].len() > alone[2].len(),
            "\"Northrop\" sees \"CEO\" from s1"
        );
        assert!(together[2].contains(&FeatureHash::new(42).part("ceo").finish()));
    }

    #[test]
    fn cluster_prefixes_carry_over_to_words_of_the_group() {
        let g = Gazetteer::default();
        // chrysler and honda share the 8-bit prefix (117), boeing only the 4-bit one (7); none
        // of the three is a WordNet noun ("nissan" is, a month), so their WordNet classes agree.
        let c = Clusters::from_tsv("chrysler\t1878\nhonda\t1879\nboeing\t1835\n").unwrap();
        let feats = |w: &str| extract(&["Shares", "of", w, "fell"], &g, &c).swap_remove(2);
        let (a, b, d) = (feats("Chrysler"), feats("Honda"), feats("Boeing"));
        let shared = |x: &[u32], y: &[u32]| x.iter().filter(|f| y.contains(f)).count();
        assert!(shared(&a, &b) > shared(&a, &d));
        assert!(shared(&a, &d) > shared(&a, &feats("Detroit")));
        assert!(extract(&["Chrysler"], &g, &Clusters::default())[0].len() < a.len());
    }

    #[test]
    fn capitalized_words_carry_their_wordnet_noun_classes() {
        let g = Gazetteer::default();
        let c = Clusters::default();
        let own = |w: &str| FeatureHash::new(66).part(w).finish();
        // "paris" is a city, a person and a plant genus in WordNet; "zork" is no noun at all.
        let f = extract(&["he", "met", "Paris", "officials"], &g, &c);
        assert!(f[2].contains(&own("noun.location|noun.person|noun.plant")));
        let none = extract(&["he", "met", "Zork", "officials"], &g, &c);
        assert!(none[2].contains(&own("-")));
        // Only capitalized words: "paris" in lower case gets no class feature.
        let lower = extract(&["he", "met", "paris", "officials"], &g, &c);
        assert!(!lower[2].contains(&own("noun.location|noun.person|noun.plant")));
        assert!(!lower[1].contains(&own("-")));
    }

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape("Obama"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1,200"), "d,d");
        assert_eq!(shape("iPhone"), "xXx");
    }

    #[test]
    fn features_are_deterministic_and_contextual() {
        let g = Gazetteer::parse("city\tparis\n");
        let a = extract(&["Visit", "Paris", "now"], &g, &Clusters::default());
        let b = extract(&["Visit", "Paris", "now"], &g, &Clusters::default());
        assert_eq!(a, b);
        let c = extract(&["Leave", "Paris", "now"], &g, &Clusters::default());
        assert_eq!(a[1][1], c[1][1], "same word feature");
        assert_ne!(a[1], c[1], "different left context");
        let d = extract(&["Visit", "Lyon", "now"], &g, &Clusters::default());
        assert!(a[1].len() > d[1].len(), "gazetteer hit adds features");
    }
}
