//! Part-of-speech tagger: greedy left-to-right averaged perceptron over word, affix, shape and
//! context features of a ±2 window and the two previous predicted tags. One class is a
//! (PTB tag, UPOS) pair seen in training, so both tags come out of one decision. Words seen
//! often with one tag only take it from the tag dictionary without scoring.

use super::parser::Clusters;
use super::perceptron::{argmax, feat, hash_str, Fnv, Reader, Rng, Trainer, Weights};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A (PTB tag, UPOS) class.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tag {
    pub xpos: String,
    pub upos: String,
}

/// A trained tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    pub tags: Vec<Tag>,
    weights: Weights,
    /// Lowercased word → its only tag.
    tagdict: FxHashMap<String, u8>,
    /// Whether the tagger reads word clusters (recorded in its file; the clusters themselves
    /// travel with the parser, see [`Tagger::set_clusters`]).
    uses_clusters: bool,
    /// Whether it reads the wider context features (recorded in its file).
    context: bool,
    clusters: Option<Clusters>,
    /// Words (as [`normalize`]d) seen often enough in training that the tagger reads no
    /// cluster for them: the clusters stand in for rare and unseen words only, and a frequent
    /// word's own evidence is not outvoted by the general-text sense of its cluster. Empty:
    /// every word reads its cluster.
    frequent: FxHashSet<String>,
}

/// Per-word hashes computed once per sentence.
#[derive(Debug, Clone, Copy)]
struct WordInfo {
    lower: u64,
    form: u64,
    suf: [u64; 4],
    pre: [u64; 3],
    shape: u64,
    /// Word clusters at 4, 8 and 12 bits (`NONE` without one).
    c: [u64; 3],
    /// The same when the word reads its own cluster (a rare word), else `NONE`; its
    /// neighbours read `c` whatever their frequency.
    own: [u64; 3],
}

const NONE: u64 = 0x5eed;
const START: u64 = 0x57a7;

fn word_info(form: &str, clusters: Option<&Clusters>, frequent: &FxHashSet<String>) -> WordInfo {
    let lower = normalize(form);
    let rare = !frequent.contains(&lower);
    word_info_of(form, &lower, clusters, rare)
}

/// The same, given the word's [`normalize`]d form (affixes are slices of it: no allocation).
fn word_info_of(form: &str, lower: &str, clusters: Option<&Clusters>, rare: bool) -> WordInfo {
    let suffix = |k: usize| -> u64 {
        match lower.char_indices().rev().nth(k - 1) {
            Some((i, _)) => hash_str(&lower[i..]),
            None => NONE,
        }
    };
    let prefix = |k: usize| -> u64 {
        let mut ends = lower.char_indices().map(|(i, _)| i).chain([lower.len()]);
        match ends.nth(k) {
            Some(end) => hash_str(&lower[..end]),
            None => NONE,
        }
    };
    let c = match clusters.and_then(|c| c.get(form)) {
        Some(id) => {
            let id = u64::from(id);
            [0xc400 | (id >> 8), 0xc8000 | (id >> 4), 0xc12000 | id]
        }
        None => [NONE; 3],
    };
    WordInfo {
        lower: hash_str(lower),
        form: hash_str(form),
        suf: [suffix(1), suffix(2), suffix(3), suffix(4)],
        pre: [prefix(1), prefix(2), prefix(3)],
        shape: shape_hash(form),
        c,
        own: if rare { c } else { [NONE; 3] },
    }
}

/// Lowercase, digits folded to `0` so that numbers share features.
pub fn normalize(form: &str) -> String {
    form.chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Word shape: `X` upper, `x` lower, `d` digit, other characters as they are, runs collapsed.
pub fn shape(form: &str) -> String {
    let mut out = String::new();
    each_shape_char(form, |k| out.push(k));
    out
}

/// [`hash_str`] of the word's [`shape`], without building it.
fn shape_hash(form: &str) -> u64 {
    let mut h = Fnv::new();
    each_shape_char(form, |k| h.write(k.encode_utf8(&mut [0; 4]).as_bytes()));
    h.finish()
}

/// Calls `push` with each character of the word's [`shape`].
fn each_shape_char(form: &str, mut push: impl FnMut(char)) {
    let mut last = None;
    for c in form.chars().take(40) {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if last != Some(k) {
            push(k);
        }
        last = Some(k);
    }
}

/// Which feature groups beyond the base set a tagger reads.
#[derive(Debug, Clone, Copy)]
struct Groups {
    clusters: bool,
    context: bool,
}

fn features(w: &[WordInfo], i: usize, p1: u64, p2: u64, groups: Groups, out: &mut Vec<u64>) {
    out.clear();
    let at = |j: isize| -> Option<&WordInfo> {
        if j < 0 {
            None
        } else {
            w.get(j as usize)
        }
    };
    let i_ = i as isize;
    let me = &w[i];
    let lw = |j: isize| at(i_ + j).map_or(START.wrapping_add(j as u64), |x| x.lower);
    out.push(feat(0, &[]));
    out.push(feat(1, &[me.lower]));
    out.push(feat(2, &[me.form]));
    for (k, s) in me.suf.iter().enumerate() {
        out.push(feat(3 + k as u64, &[*s]));
    }
    for (k, s) in me.pre.iter().enumerate() {
        out.push(feat(7 + k as u64, &[*s]));
    }
    out.push(feat(10, &[me.shape]));
    out.push(feat(11, &[lw(-1)]));
    out.push(feat(12, &[lw(-2)]));
    out.push(feat(13, &[lw(1)]));
    out.push(feat(14, &[lw(2)]));
    out.push(feat(15, &[at(i_ - 1).map_or(START, |x| x.suf[2])]));
    out.push(feat(16, &[at(i_ + 1).map_or(START, |x| x.suf[2])]));
    out.push(feat(17, &[at(i_ - 1).map_or(START, |x| x.shape)]));
    out.push(feat(18, &[at(i_ + 1).map_or(START, |x| x.shape)]));
    out.push(feat(19, &[p1]));
    out.push(feat(20, &[p2]));
    out.push(feat(21, &[p1, p2]));
    out.push(feat(22, &[p1, me.lower]));
    out.push(feat(23, &[me.lower, lw(1)]));
    out.push(feat(24, &[lw(-1), me.lower]));
    out.push(feat(25, &[(i == 0) as u64, me.shape]));
    out.push(feat(26, &[p1, me.suf[2]]));
    out.push(feat(
        27,
        &[at(i_ + 1).map_or(START, |x| x.suf[1]), me.suf[2]],
    ));
    if groups.clusters {
        // Clusters learned from far more text than the treebanks: a rare word shares weights
        // with the frequent words of its cluster, and so does its context.
        let c = |j: isize, k: usize| at(i_ + j).map_or(START.wrapping_add(j as u64), |x| x.c[k]);
        out.push(feat(28, &[me.own[2]]));
        out.push(feat(29, &[me.own[1]]));
        out.push(feat(30, &[me.own[0]]));
        out.push(feat(31, &[c(-1, 1)]));
        out.push(feat(32, &[c(1, 1)]));
        out.push(feat(33, &[p1, me.own[1]]));
        out.push(feat(34, &[me.own[1], c(1, 1)]));
        out.push(feat(35, &[c(2, 0)]));
    }
    if groups.context {
        // Word pairs and the next words' endings: what follows decides many a tag
        // ("that", "-ing", "-ed", a noun or a verb after "to").
        let suf3 = |j: isize| at(i_ + j).map_or(START.wrapping_add(j as u64), |x| x.suf[2]);
        out.push(feat(36, &[lw(1), lw(2)]));
        out.push(feat(37, &[p1, lw(1)]));
        out.push(feat(38, &[lw(-1), me.lower, lw(1)]));
        out.push(feat(39, &[suf3(2)]));
        out.push(feat(40, &[p1, me.suf[2], suf3(1)]));
    }
}

fn tag_hash(t: usize) -> u64 {
    t as u64 + 1000
}

/// Settings for [`Tagger::train`].
#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub epochs: usize,
    pub seed: u64,
    /// Prune averaged weights below this magnitude.
    pub prune: f32,
    /// A word is in the tag dictionary when seen at least this often…
    pub dict_min_count: usize,
    /// …with one tag at least this share of the time.
    pub dict_min_share: f64,
    /// Adds word-cluster features.
    pub clusters: Option<Clusters>,
    /// Adds word-pair and following-ending features.
    pub context: bool,
    /// With clusters: words seen at least this often in the training data read no cluster
    /// (0: every word reads its cluster).
    pub rare_below: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 8,
            seed: 7,
            prune: 0.0,
            dict_min_count: 20,
            dict_min_share: 0.97,
            clusters: None,
            context: false,
            rare_below: 0,
        }
    }
}

impl Tagger {
    /// Trains on sentences of (form, xpos, upos).
    pub fn train(sentences: &[Vec<(String, Tag)>], cfg: &TrainConfig) -> Tagger {
        let mut set = BTreeMap::new();
        for s in sentences {
            for (_, t) in s {
                *set.entry(t.clone()).or_insert(0usize) += 1;
            }
        }
        let tags: Vec<Tag> = set.keys().cloned().collect();
        assert!(tags.len() < 256, "too many tag classes");
        let index: HashMap<&Tag, u8> = tags.iter().enumerate().map(|(i, t)| (t, i as u8)).collect();
        // Tag dictionary.
        let mut counts: BTreeMap<String, BTreeMap<u8, usize>> = BTreeMap::new();
        for s in sentences {
            for (f, t) in s {
                *counts
                    .entry(normalize(f))
                    .or_default()
                    .entry(index[t])
                    .or_default() += 1;
            }
        }
        let frequent: FxHashSet<String> = if cfg.clusters.is_some() && cfg.rare_below > 0 {
            counts
                .iter()
                .filter(|(_, c)| c.values().sum::<usize>() >= cfg.rare_below)
                .map(|(w, _)| w.clone())
                .collect()
        } else {
            FxHashSet::default()
        };
        let mut tagdict = FxHashMap::default();
        for (w, c) in &counts {
            let total: usize = c.values().sum();
            let (best, n) = c
                .iter()
                .max_by_key(|(t, n)| (**n, std::cmp::Reverse(**t)))
                .unwrap();
            if total >= cfg.dict_min_count && *n as f64 / total as f64 >= cfg.dict_min_share {
                tagdict.insert(w.clone(), *best);
            }
        }
        // Per sentence: word features, gold classes, tag-dictionary classes.
        type Prepared = (Vec<WordInfo>, Vec<u8>, Vec<Option<u8>>);
        let gold: Vec<Prepared> = sentences
            .iter()
            .map(|s| {
                let info = s
                    .iter()
                    .map(|(f, _)| word_info(f, cfg.clusters.as_ref(), &frequent))
                    .collect();
                let g = s.iter().map(|(_, t)| index[t]).collect();
                let d = s
                    .iter()
                    .map(|(f, _)| tagdict.get(&normalize(f)).copied())
                    .collect();
                (info, g, d)
            })
            .collect();
        let use_clusters = cfg.clusters.is_some();
        let groups = Groups {
            clusters: use_clusters,
            context: cfg.context,
        };
        let mut trainer = Trainer::new(tags.len());
        let mut order: Vec<usize> = (0..gold.len()).collect();
        let mut rng = Rng::new(cfg.seed);
        let mut fs = Vec::new();
        let mut scores = vec![0f32; tags.len()];
        for _ in 0..cfg.epochs {
            rng.shuffle(&mut order);
            for &si in &order {
                let (info, g, dict) = &gold[si];
                let (mut p1, mut p2) = (START, START + 1);
                for i in 0..info.len() {
                    let guess = match dict[i] {
                        Some(t) => t as usize,
                        None => {
                            features(info, i, p1, p2, groups, &mut fs);
                            trainer.scores(&fs, &mut scores);
                            let guess = argmax(&scores, |_| true).unwrap_or(0);
                            trainer.tick();
                            trainer.update(&fs, g[i] as usize, guess, 1.0);
                            guess
                        }
                    };
                    p2 = p1;
                    p1 = tag_hash(guess);
                }
            }
        }
        Tagger {
            tags,
            weights: trainer.average(cfg.prune),
            tagdict,
            uses_clusters: use_clusters,
            context: cfg.context,
            clusters: cfg.clusters.clone(),
            frequent,
        }
    }

    /// Gives a tagger read from a file the clusters it was trained with (the file keeps one
    /// copy, in the parser's section).
    pub fn set_clusters(&mut self, clusters: Option<&Clusters>) -> Result<(), String> {
        if self.uses_clusters {
            let c = clusters.ok_or("the tagger reads word clusters, the file has none")?;
            self.clusters = Some(c.clone());
        }
        Ok(())
    }

    /// Tag indices for one sentence.
    pub fn tag(&self, forms: &[&str]) -> Vec<usize> {
        let lowers: Vec<String> = forms.iter().map(|f| normalize(f)).collect();
        self.tag_normalized(forms, &lowers)
    }

    /// The same, given the words [`normalize`]d (the parser and lemmatizer read them too).
    pub fn tag_normalized(&self, forms: &[&str], lowers: &[String]) -> Vec<usize> {
        let clusters = self.clusters.as_ref();
        let info: Vec<WordInfo> = forms
            .iter()
            .zip(lowers)
            .map(|(f, l)| word_info_of(f, l, clusters, !self.frequent.contains(l)))
            .collect();
        let mut out = Vec::with_capacity(forms.len());
        let (mut p1, mut p2) = (START, START + 1);
        let mut fs = Vec::with_capacity(32);
        let mut scores = vec![0f32; self.tags.len()];
        for (i, lower) in lowers.iter().enumerate() {
            let t = match self.tagdict.get(lower) {
                Some(&t) => t as usize,
                None => {
                    let groups = Groups {
                        clusters: self.uses_clusters,
                        context: self.context,
                    };
                    features(&info, i, p1, p2, groups, &mut fs);
                    scores.iter_mut().for_each(|s| *s = 0.0);
                    self.weights.add_scores(&fs, &mut scores);
                    argmax(&scores, |_| true).unwrap_or(0)
                }
            };
            out.push(t);
            p2 = p1;
            p1 = tag_hash(t);
        }
        out
    }

    pub fn n_features(&self) -> usize {
        self.weights.n_features()
    }

    /// Drops weights below `min_abs`.
    pub fn prune(&mut self, min_abs: f32) {
        self.weights.prune(min_abs);
    }

    /// Whether the tagger reads word clusters.
    pub fn uses_clusters(&self) -> bool {
        self.uses_clusters
    }

    /// Whether the tagger reads features beyond the base set (then its file needs version 3).
    pub fn has_flags(&self) -> bool {
        self.uses_clusters || self.context
    }

    /// How many words are frequent enough to read no cluster.
    pub fn n_frequent(&self) -> usize {
        self.frequent.len()
    }

    /// The tagger section; with `flags`, a byte first (bit 0: word clusters, bit 1: wider
    /// context, bit 2: a sorted list of the words that read no cluster follows), as file
    /// version 3 has it.
    pub fn write(&self, out: &mut Vec<u8>, with_flags: bool) {
        use super::perceptron::{put_str, put_varint};
        if with_flags {
            let listed = !self.frequent.is_empty();
            out.push(
                u8::from(self.uses_clusters)
                    | (u8::from(self.context) << 1)
                    | (u8::from(listed) << 2),
            );
            if listed {
                let words: BTreeSet<&String> = self.frequent.iter().collect();
                put_varint(out, words.len() as u64);
                for w in words {
                    put_str(out, w);
                }
            }
        }
        put_varint(out, self.tags.len() as u64);
        for t in &self.tags {
            put_str(out, &t.xpos);
            put_str(out, &t.upos);
        }
        let mut dict: Vec<(&String, &u8)> = self.tagdict.iter().collect();
        dict.sort();
        put_varint(out, dict.len() as u64);
        for (w, t) in dict {
            put_str(out, w);
            out.push(*t);
        }
        self.weights.write(out);
    }

    /// Reads a tagger section; `with_flags` for files that record its features (version 3).
    pub fn read(r: &mut Reader<'_>, with_flags: bool) -> Result<Tagger, String> {
        let flags = if with_flags { r.take(1)?[0] } else { 0 };
        if flags > 7 {
            return Err(format!("unknown tagger feature flags {flags:#x}"));
        }
        let mut frequent = FxHashSet::default();
        if flags & 4 != 0 {
            let n = r.varint()? as usize;
            frequent.reserve(n);
            for _ in 0..n {
                frequent.insert(r.str()?.to_string());
            }
        }
        let n = r.varint()? as usize;
        let mut tags = Vec::with_capacity(n);
        for _ in 0..n {
            let xpos = r.str()?.to_string();
            let upos = r.str()?.to_string();
            tags.push(Tag { xpos, upos });
        }
        let nd = r.varint()? as usize;
        let mut tagdict = FxHashMap::with_capacity_and_hasher(nd, Default::default());
        for _ in 0..nd {
            let w = r.str()?.to_string();
            let t = r.take(1)?[0];
            if t as usize >= n {
                return Err("tag dictionary class out of range".into());
            }
            tagdict.insert(w, t);
        }
        let weights = Weights::read(r)?;
        if weights.n_classes != n {
            return Err("tagger weights do not match its tag set".into());
        }
        Ok(Tagger {
            tags,
            weights,
            tagdict,
            uses_clusters: flags & 1 != 0,
            context: flags & 2 != 0,
            clusters: None,
            frequent,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(words: &str) -> Vec<(String, Tag)> {
        words
            .split(' ')
            .map(|w| {
                let (form, tag) = w.split_once('/').unwrap();
                let t = Tag {
                    xpos: tag.to_string(),
                    upos: tag.to_string(),
                };
                (form.to_string(), t)
            })
            .collect()
    }

    /// Words seen at least `rare_below` times read no cluster; the list travels in the file and
    /// the tagger read back tags as before.
    #[test]
    fn frequent_words_read_no_cluster_and_the_list_travels_in_the_file() {
        let clusters = Clusters::from_tsv("rebels\t17\nsoldiers\t18\nfired\t2049\n").unwrap();
        let mut train = Vec::new();
        for _ in 0..3 {
            train.push(sentence("rebels/NN fired/VB"));
        }
        train.push(sentence("soldiers/NN fired/VB"));
        let cfg = TrainConfig {
            epochs: 3,
            clusters: Some(clusters.clone()),
            rare_below: 3,
            ..TrainConfig::default()
        };
        let tagger = Tagger::train(&train, &cfg);
        let mut frequent: Vec<&String> = tagger.frequent.iter().collect();
        frequent.sort();
        assert_eq!(frequent, ["fired", "rebels"]);
        let mut bytes = Vec::new();
        tagger.write(&mut bytes, true);
        let mut back = Tagger::read(&mut Reader::new(&bytes), true).unwrap();
        back.set_clusters(Some(&clusters)).unwrap();
        assert_eq!(back.frequent, tagger.frequent);
        let words = ["soldiers", "fired"];
        assert_eq!(back.tag(&words), tagger.tag(&words));
        // Without the cut every word reads its cluster and no list is written.
        let all = Tagger::train(
            &train,
            &TrainConfig {
                rare_below: 0,
                ..cfg
            },
        );
        assert_eq!(all.n_frequent(), 0);
    }
}
