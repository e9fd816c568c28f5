//! Lemmatizer and morphological features, both learned from the training treebanks.
//!
//! A lemma is an edit script on the word form: strip some characters from the end, append a
//! string, lowercase or keep the case. Scripts come from an exception table (word + PTB tag, the
//! most frequent script seen in training) and, for unseen words, from the longest word ending
//! seen with that tag ("-ies" + NNS → strip 3, add "y"). Features (Number, Tense, VerbForm,
//! Person, …) are the most frequent ones of the word + tag in training, else of the tag; Voice is
//! set from the tree (a participle with a passive auxiliary or subject).

use super::perceptron::{put_str, put_varint, Reader};
use super::tagger::normalize;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// How to turn a form into its lemma.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Script {
    strip: u8,
    add: String,
    lower: bool,
}

impl Script {
    /// The script that turns `form` into `lemma`.
    pub fn between(form: &str, lemma: &str) -> Script {
        let build = |f: &str, lower: bool| {
            let fc: Vec<char> = f.chars().collect();
            let lc: Vec<char> = lemma.chars().collect();
            let p = fc.iter().zip(&lc).take_while(|(a, b)| a == b).count();
            Script {
                strip: (fc.len() - p).min(255) as u8,
                add: lc[p..].iter().collect(),
                lower,
            }
        };
        let lowered = form.to_lowercase();
        let low = build(&lowered, true);
        if lowered == form {
            return low;
        }
        let keep = build(form, false);
        if keep.strip as usize + keep.add.len() <= low.strip as usize + low.add.len() {
            keep
        } else {
            low
        }
    }

    /// Whether the script applies to a form of `n` characters (after its lowercasing).
    fn fits(&self, n: usize) -> bool {
        let strip = self.strip as usize;
        !(strip > n || (strip == n && self.add.is_empty()))
    }

    /// Applies the script; `None` when the form is too short for it.
    pub fn apply(&self, form: &str) -> Option<String> {
        let base = if self.lower {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let n = base.chars().count();
        if !self.fits(n) {
            return None;
        }
        let keep: String = base.chars().take(n - self.strip as usize).collect();
        Some(keep + &self.add)
    }
}

/// Longest word ending used for rules.
const MAX_SUFFIX: usize = 5;

/// Lemmas and features from training data.
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    scripts: Vec<Script>,
    /// `lowercased form \t xpos` → script.
    exceptions: HashMap<String, u32>,
    /// `ending \t xpos` → script.
    rules: HashMap<String, u32>,
    /// `lowercased form \t xpos \t upos` → features.
    feats: HashMap<String, String>,
    /// `xpos \t upos` → features.
    tag_feats: HashMap<String, String>,
}

fn most_frequent<K: Ord + Clone>(m: &BTreeMap<K, usize>) -> Option<(K, usize)> {
    // Highest count; on ties the smallest key, so the choice never depends on input order.
    m.iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(k, n)| (k.clone(), *n))
}

fn suffix(s: &str, k: usize) -> Option<String> {
    suffix_of(s, k).map(str::to_string)
}

/// The last `k` characters of `s` when it has more than `k`.
fn suffix_of(s: &str, k: usize) -> Option<&str> {
    if k == 0 {
        return (!s.is_empty()).then_some("");
    }
    let (i, _) = s.char_indices().rev().nth(k - 1)?;
    (i > 0).then(|| &s[i..])
}

/// Looks `parts` joined by tabs up in a map keyed so, the key built on the stack when it is
/// short: no allocation per lookup.
fn get_joined<'m, V>(map: &'m HashMap<String, V>, parts: &[&str]) -> Option<&'m V> {
    let len = parts
        .iter()
        .map(|p| p.len() + 1)
        .sum::<usize>()
        .saturating_sub(1);
    let mut buf = [0u8; 96];
    if len > buf.len() {
        return map.get(&parts.join("\t"));
    }
    let mut at = 0;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            buf[at] = b'\t';
            at += 1;
        }
        buf[at..at + p.len()].copy_from_slice(p.as_bytes());
        at += p.len();
    }
    std::str::from_utf8(&buf[..at])
        .ok()
        .and_then(|k| map.get(k))
}

impl Lemmatizer {
    /// Learns from (form, xpos, upos, lemma, feats) words.
    pub fn train<'a>(
        words: impl Iterator<Item = (&'a str, &'a str, &'a str, &'a str, &'a str)>,
    ) -> Lemmatizer {
        let mut exc: BTreeMap<String, BTreeMap<Script, usize>> = BTreeMap::new();
        let mut rules: BTreeMap<String, BTreeMap<Script, usize>> = BTreeMap::new();
        let mut feats: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        let mut tag_feats: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for (form, xpos, upos, lemma, f) in words {
            if lemma == "_" || form.is_empty() {
                continue;
            }
            let script = Script::between(form, lemma);
            let lower = form.to_lowercase();
            *exc.entry(format!("{lower}\t{xpos}"))
                .or_default()
                .entry(script.clone())
                .or_default() += 1;
            for k in 0..=MAX_SUFFIX {
                if let Some(end) = suffix(&lower, k) {
                    *rules
                        .entry(format!("{end}\t{xpos}"))
                        .or_default()
                        .entry(script.clone())
                        .or_default() += 1;
                }
            }
            *feats
                .entry(format!("{}\t{xpos}\t{upos}", normalize(form)))
                .or_default()
                .entry(f.to_string())
                .or_default() += 1;
            *tag_feats
                .entry(format!("{xpos}\t{upos}"))
                .or_default()
                .entry(f.to_string())
                .or_default() += 1;
        }
        let mut lem = Lemmatizer::default();
        let mut ids: BTreeMap<Script, u32> = BTreeMap::new();
        let mut id = |s: Script, scripts: &mut Vec<Script>| -> u32 {
            *ids.entry(s.clone()).or_insert_with(|| {
                scripts.push(s);
                scripts.len() as u32 - 1
            })
        };
        // A rule is kept only where it says something the shorter ending does not.
        for (key, m) in &rules {
            let (s, n) = most_frequent(m).unwrap();
            if n >= 2 {
                let i = id(s, &mut lem.scripts);
                lem.rules.insert(key.clone(), i);
            }
        }
        for (key, m) in &exc {
            let (s, _) = most_frequent(m).unwrap();
            let (form, xpos) = key.split_once('\t').unwrap();
            // Words the rules already get right need no entry.
            if lem.by_rule(form, xpos) == Some(&s) {
                continue;
            }
            let i = id(s, &mut lem.scripts);
            lem.exceptions.insert(key.clone(), i);
        }
        for (key, m) in &feats {
            let (f, _) = most_frequent(m).unwrap();
            let (_, tags) = key.split_once('\t').unwrap();
            if tag_feats.get(tags).and_then(most_frequent).map(|x| x.0) != Some(f.clone()) {
                lem.feats.insert(key.clone(), f);
            }
        }
        for (key, m) in &tag_feats {
            lem.tag_feats
                .insert(key.clone(), most_frequent(m).unwrap().0);
        }
        lem
    }

    /// The script of the longest ending of `lower` with a rule for `xpos` that applies.
    fn by_rule(&self, lower: &str, xpos: &str) -> Option<&Script> {
        // `lower` is lowercased already, and lowercasing again keeps it.
        let n = lower.chars().count();
        for k in (0..=MAX_SUFFIX).rev() {
            let Some(end) = suffix_of(lower, k) else {
                continue;
            };
            if let Some(&i) = get_joined(&self.rules, &[end, xpos]) {
                let s = &self.scripts[i as usize];
                if s.fits(n) {
                    return Some(s);
                }
            }
        }
        None
    }

    /// The lemma of a word with its PTB tag.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        let lower = form.to_lowercase();
        let script = get_joined(&self.exceptions, &[&lower, xpos])
            .map(|&i| &self.scripts[i as usize])
            .or_else(|| self.by_rule(&lower, xpos));
        script
            .and_then(|s| s.apply(form))
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| form.to_string())
    }

    /// Morphological features (CoNLL-U FEATS string, `_` for none), before the tree is known.
    pub fn feats(&self, form: &str, xpos: &str, upos: &str) -> String {
        self.feats_normalized(&normalize(form), xpos, upos)
    }

    /// The same, given the word [`normalize`]d.
    pub fn feats_normalized(&self, norm: &str, xpos: &str, upos: &str) -> String {
        get_joined(&self.feats, &[norm, xpos, upos])
            .or_else(|| get_joined(&self.tag_feats, &[xpos, upos]))
            .cloned()
            .unwrap_or_else(|| "_".to_string())
    }

    pub fn n_entries(&self) -> (usize, usize, usize) {
        (self.exceptions.len(), self.rules.len(), self.feats.len())
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        put_varint(out, self.scripts.len() as u64);
        for s in &self.scripts {
            out.push(s.strip);
            put_str(out, &s.add);
            out.push(u8::from(s.lower));
        }
        for map in [&self.exceptions, &self.rules] {
            let mut v: Vec<(&String, &u32)> = map.iter().collect();
            v.sort();
            put_varint(out, v.len() as u64);
            for (k, i) in v {
                put_str(out, k);
                put_varint(out, u64::from(*i));
            }
        }
        for map in [&self.feats, &self.tag_feats] {
            let mut v: Vec<(&String, &String)> = map.iter().collect();
            v.sort();
            put_varint(out, v.len() as u64);
            for (k, f) in v {
                put_str(out, k);
                put_str(out, f);
            }
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Lemmatizer, String> {
        let mut lem = Lemmatizer::default();
        let n = r.varint()? as usize;
        for _ in 0..n {
            let strip = r.take(1)?[0];
            let add = r.str()?.to_string();
            let lower = r.take(1)?[0] != 0;
            lem.scripts.push(Script { strip, add, lower });
        }
        for which in 0..2 {
            let n = r.varint()? as usize;
            for _ in 0..n {
                let k = r.str()?.to_string();
                let i = r.varint()? as u32;
                if i as usize >= lem.scripts.len() {
                    return Err("lemma script out of range".into());
                }
                if which == 0 {
                    lem.exceptions.insert(k, i);
                } else {
                    lem.rules.insert(k, i);
                }
            }
        }
        for which in 0..2 {
            let n = r.varint()? as usize;
            for _ in 0..n {
                let k = r.str()?.to_string();
                let f = r.str()?.to_string();
                if which == 0 {
                    lem.feats.insert(k, f);
                } else {
                    lem.tag_feats.insert(k, f);
                }
            }
        }
        Ok(lem)
    }
}

/// Adds `Voice=Pass` to a features string (kept sorted, as CoNLL-U wants).
pub fn with_passive(feats: &str) -> String {
    if feats.contains("Voice=") {
        return feats.to_string();
    }
    let mut parts: Vec<&str> = feats
        .split('|')
        .filter(|f| !f.is_empty() && *f != "_")
        .collect();
    parts.push("Voice=Pass");
    parts.sort_by_key(|p| p.to_lowercase());
    parts.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_round_trip() {
        for (f, l) in [
            ("studies", "study"),
            ("The", "the"),
            ("Sydney", "Sydney"),
            ("was", "be"),
            ("n't", "not"),
            ("Parents", "parent"),
        ] {
            assert_eq!(Script::between(f, l).apply(f).as_deref(), Some(l), "{f}");
        }
    }
}
