//! Name lists the tagger reads as features: GeoNames places and census first/last names,
//! converted from registry packages by `scripts/ner/make_gazetteer.py` into `data/ner/gazetteer.tsv`.

use std::collections::HashMap;

/// The categories of the gazetteer file, bit-indexed.
pub const CATEGORIES: [&str; 6] = ["country", "state", "city", "continent", "first", "last"];

/// The longest phrase (in tokens) looked up.
const MAX_TOKENS: usize = 4;

/// Lowercased phrases with a bit set of categories.
#[derive(Debug, Default)]
pub struct Gazetteer {
    phrases: HashMap<String, u8>,
}

/// Per-token matches: for each category bit, whether the token begins (`begin`) or continues
/// (`inside`) a matched phrase of that category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokenMatch {
    pub begin: u8,
    pub inside: u8,
}

impl Gazetteer {
    /// Parses `category<TAB>phrase` lines; `#` lines are comments; unknown categories are skipped.
    pub fn parse(tsv: &str) -> Gazetteer {
        let mut phrases: HashMap<String, u8> = HashMap::new();
        for line in tsv.lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((cat, phrase)) = line.split_once('\t') else {
                continue;
            };
            let Some(bit) = CATEGORIES.iter().position(|c| *c == cat) else {
                continue;
            };
            if phrase.split(' ').count() > MAX_TOKENS {
                continue;
            }
            *phrases.entry(phrase.to_lowercase()).or_default() |= 1 << bit;
        }
        Gazetteer { phrases }
    }

    /// The bundled gazetteer.
    pub fn bundled() -> Gazetteer {
        Gazetteer::parse(include_str!("../../../../data/ner/gazetteer.tsv"))
    }

    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Category bits of one lowercased phrase.
    pub fn lookup(&self, phrase: &str) -> u8 {
        self.phrases.get(phrase).copied().unwrap_or(0)
    }

    /// Matches over lowercased tokens: every phrase of up to four tokens, longest first per start.
    pub fn matches(&self, lower: &[String]) -> Vec<TokenMatch> {
        let mut out = vec![TokenMatch::default(); lower.len()];
        let mut phrase = String::new();
        for i in 0..lower.len() {
            if !lower[i].chars().next().is_some_and(char::is_alphabetic) {
                continue;
            }
            let max = MAX_TOKENS.min(lower.len() - i);
            for n in (1..=max).rev() {
                phrase.clear();
                for (k, w) in lower[i..i + n].iter().enumerate() {
                    if k > 0 {
                        phrase.push(' ');
                    }
                    phrase.push_str(w);
                }
                let bits = self.lookup(&phrase);
                if bits == 0 {
                    continue;
                }
                out[i].begin |= bits;
                for m in &mut out[i + 1..i + n] {
                    m.inside |= bits;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_multiword_places() {
        let g =
            Gazetteer::parse("# c\tp\ncity\tnew york\nstate\tnew york\nfirst\tjohn\nbogus\tx\n");
        let lower: Vec<String> = ["John", "left", "New", "York"]
            .iter()
            .map(|w| w.to_lowercase())
            .collect();
        let m = g.matches(&lower);
        assert_eq!(m[0].begin, 1 << 4);
        assert_eq!(m[1], TokenMatch::default());
        assert_eq!(m[2].begin, (1 << 2) | (1 << 1));
        assert_eq!(m[3].inside, (1 << 2) | (1 << 1));
    }

    #[test]
    fn bundled_list_has_places_and_names() {
        let g = Gazetteer::bundled();
        assert!(g.len() > 30_000);
        assert_ne!(g.lookup("germany") & 1, 0);
        assert_ne!(g.lookup("mary") & (1 << 4), 0);
    }
}
