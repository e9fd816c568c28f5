//! The incremental story clusterer: inverted index of retrieval keys, weighted links between
//! compared pairs, and average-linkage agglomeration over the components new documents touch.

use super::background::Background;
use super::features::{self, surface_order, Kind};
use super::{Assignment, Config, Story, StoryDoc, Weighting};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet};

const STORY_PREFIX: &str = "story-";
const GRID: f32 = (1u32 << 20) as f32;

/// A product of weights in fixed point (2^-32 units), so that sums over terms do not depend on
/// the order of term ids, which depends on arrival order.
fn fixed(x: f64) -> i128 {
    (x * 4_294_967_296.0).round() as i128
}

/// What the clusterer keeps of one document.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct DocState {
    id: String,
    source: String,
    published: Option<NaiveDate>,
    duplicate_of: Option<String>,
    /// (term id, count), sorted by term id. Under background weighting it is let go once
    /// `vector` is computed, since the weights never move.
    terms: Vec<(u32, f32)>,
    years: Vec<i32>,
    keys: Vec<u32>,
    embedding: Option<Vec<f32>>,
    /// Norm of the weighted term vector, kept current: a document's weights change only when
    /// a new document shares one of its unsaturated terms, and then it is recomputed.
    norm: f64,
    /// (term id, weight) of the `max_terms` heaviest terms under the current weights, by term
    /// id; what pairs are compared on. Recomputed with `norm`. (States saved before it was kept
    /// had counts under the name `top`; they are reweighed on load, see `Clusterer::ready`.)
    #[serde(default)]
    vector: Vec<(u32, f32)>,
    /// (other document, similarity) for every compared pair, similarity or not.
    links: Vec<(u32, f32)>,
}

/// Incremental story clustering state. Serializable, so a caller can persist it between runs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Clusterer {
    config: Config,
    vocab: Vec<String>,
    kinds: Vec<Kind>,
    term_ids: HashMap<String, u32>,
    df: Vec<u32>,
    /// Background weighting: each term's inverse frequency, fixed when it is first seen.
    #[serde(default)]
    idf: Vec<f32>,
    /// Name term → how it is written (the smallest spelling seen, so arrival order never shows).
    surfaces: HashMap<u32, String>,
    /// Retrieval key → documents that have it as a key.
    postings: HashMap<u32, Vec<u32>>,
    /// Keys held by more than `max_postings` documents: they no longer find candidates, and
    /// pairs they alone supported were dropped when they crossed the limit.
    stopped: HashSet<u32>,
    /// Term → documents that contain it, while its weight can still change (df below
    /// saturation); dropped once it cannot.
    unsaturated: HashMap<u32, Vec<u32>>,
    docs: Vec<DocState>,
    index: HashMap<String, u32>,
    /// Copies by original id, for originals that may arrive after their copies.
    copies: HashMap<String, Vec<u32>>,
    /// Document → the anchor document of its story.
    story: Vec<u32>,
    /// Story anchor → members.
    members: HashMap<u32, Vec<u32>>,
    /// User overrides: document id → anchor document id of the story it is pinned to.
    pins: BTreeMap<String, String>,
    /// User overrides: documents that stand alone.
    split: BTreeSet<String>,
    /// Whether every document's weighted vector is current; false in states saved before
    /// vectors were kept, which are reweighed once on first use.
    #[serde(default)]
    weighed: bool,
}

impl serde::Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.prefix())
    }
}

impl<'de> serde::Deserialize<'de> for Kind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(Kind::from_key(&s))
    }
}

impl Clusterer {
    pub fn new(config: Config) -> Self {
        Clusterer {
            config,
            vocab: Vec::new(),
            kinds: Vec::new(),
            term_ids: HashMap::new(),
            df: Vec::new(),
            idf: Vec::new(),
            surfaces: HashMap::new(),
            postings: HashMap::new(),
            stopped: HashSet::new(),
            unsaturated: HashMap::new(),
            docs: Vec::new(),
            index: HashMap::new(),
            copies: HashMap::new(),
            story: Vec::new(),
            members: HashMap::new(),
            pins: BTreeMap::new(),
            split: BTreeSet::new(),
            weighed: true,
        }
    }

    /// Brings a state saved by an earlier version up to date (see `weighed`).
    fn ready(&mut self) {
        if !self.weighed {
            for d in 0..self.docs.len() as u32 {
                self.reweigh(d);
            }
            self.weighed = true;
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Number of documents added so far.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Adds a batch of documents and reclusters the components they touch. Documents whose id
    /// is already known are ignored. Returns where each new document went, and where earlier
    /// documents went whose story changed.
    pub fn add(&mut self, docs: &[StoryDoc]) -> Vec<Assignment> {
        let mut fresh: Vec<&StoryDoc> = Vec::new();
        let mut seen = HashSet::new();
        for d in docs {
            if !self.index.contains_key(&d.id) && seen.insert(d.id.as_str()) {
                fresh.push(d);
            }
        }
        if fresh.is_empty() {
            return Vec::new();
        }
        self.ready();
        let raw = self.features(&fresh);
        let first = self.docs.len() as u32;
        let mut changed: HashSet<u32> = HashSet::new();
        let mut pruned: HashSet<u32> = HashSet::new();
        for (d, f) in fresh.iter().zip(raw) {
            self.insert(d, f, &mut changed);
        }
        let new: Vec<u32> = (first..self.docs.len() as u32).collect();
        let mut crossed = Vec::new();
        for &d in &new {
            // A copy rides with its original: it is no candidate of its own, so a thousand
            // copies of one report neither crowd the postings nor outvote other reports.
            if self.is_copy(d) {
                continue;
            }
            for &k in &self.docs[d as usize].keys {
                if self.stopped.contains(&k) {
                    continue;
                }
                let p = self.postings.entry(k).or_default();
                p.push(d);
                if p.len() > self.config.max_postings {
                    crossed.push(k);
                }
            }
        }
        for k in crossed {
            if self.stopped.insert(k) {
                for x in self.postings.remove(&k).unwrap_or_default() {
                    let dropped = self.prune_links(x);
                    if !dropped.is_empty() {
                        pruned.insert(x);
                        pruned.extend(dropped.iter().copied());
                    }
                    changed.extend(dropped);
                    changed.insert(x);
                }
            }
        }
        let mut order: Vec<u32> = changed.iter().copied().collect();
        order.sort_unstable();
        for &d in &order {
            self.reweigh(d);
        }
        for &d in &new {
            if !self.is_copy(d) {
                self.link_candidates(d, first);
            }
        }
        // Documents are reclustered when they are new, lost links, or a link of theirs moved
        // by more than the tolerance (a small move in a weight leaves stories as they are).
        let mut seeds: Vec<u32> = (first..self.docs.len() as u32).collect();
        seeds.extend(pruned);
        for &d in &order {
            if d < first {
                seeds.extend(self.refresh_links(d));
            }
        }
        seeds.sort_unstable();
        seeds.dedup();
        let mut old: HashMap<u32, u32> = HashMap::new();
        let affected = self.settle(&seeds, |d, anchor| {
            if d < first {
                old.entry(d).or_insert(anchor);
            }
        });
        let mut out = Vec::new();
        for &d in &affected {
            let anchor = self.story[d as usize];
            let is_new = d >= first;
            let moved = old
                .get(&d)
                .is_some_and(|&a| self.docs[a as usize].id != self.docs[anchor as usize].id);
            if is_new || moved {
                out.push(Assignment {
                    doc: self.docs[d as usize].id.clone(),
                    story: self.story_id(anchor),
                    new: is_new,
                });
            }
        }
        out.sort_by(|a, b| b.new.cmp(&a.new).then_with(|| a.doc.cmp(&b.doc)));
        out
    }

    /// Reclusters every document with the current weights: the full consistency pass.
    pub fn rebuild(&mut self) {
        self.ready();
        let all: Vec<u32> = (0..self.docs.len() as u32).collect();
        for &d in &all {
            self.reweigh(d);
        }
        for &d in &all {
            self.refresh_links(d);
        }
        self.recluster(&all);
    }

    /// Pins a document to a story (by story id, or by the id of any of its documents). The pin
    /// is kept and applied to every later clustering; it waits if either is not known yet.
    pub fn pin(&mut self, doc: &str, story: &str) {
        let target = story
            .strip_prefix(STORY_PREFIX)
            .unwrap_or(story)
            .to_string();
        if target == doc {
            return;
        }
        self.split.remove(doc);
        self.pins.insert(doc.to_string(), target);
        self.apply_override(doc);
    }

    /// Takes a document out of its story into a story of its own, now and in every later
    /// clustering. Removes any pin of that document.
    pub fn split_off(&mut self, doc: &str) {
        self.pins.remove(doc);
        self.split.insert(doc.to_string());
        self.apply_override(doc);
    }

    /// The stored overrides: pins (document → anchor document) and split documents.
    pub fn overrides(&self) -> (&BTreeMap<String, String>, &BTreeSet<String>) {
        (&self.pins, &self.split)
    }

    fn apply_override(&mut self, doc: &str) {
        self.ready();
        let Some(&d) = self.index.get(doc) else {
            return;
        };
        let mut seeds = vec![d];
        seeds.extend(
            self.members
                .get(&self.story[d as usize])
                .cloned()
                .unwrap_or_default(),
        );
        self.settle(&seeds, |_, _| {});
    }

    /// All stories, largest first, then by id.
    pub fn stories(&self) -> Vec<Story> {
        let mut out: Vec<Story> = self
            .members
            .iter()
            .map(|(&anchor, members)| self.make_story(anchor, members))
            .collect();
        out.sort_by(|a, b| {
            b.documents
                .len()
                .cmp(&a.documents.len())
                .then_with(|| a.id.cmp(&b.id))
        });
        out
    }

    /// The story id of a document, if it is known.
    pub fn story_of(&self, doc: &str) -> Option<String> {
        let &d = self.index.get(doc)?;
        Some(self.story_id(self.story[d as usize]))
    }

    /// The similarity of two known documents under the current weights, whether or not they
    /// were compared; for explaining a grouping.
    pub fn similarity_of(&self, a: &str, b: &str) -> Option<f32> {
        Some(self.similarity(*self.index.get(a)?, *self.index.get(b)?))
    }

    /// Why two known documents are alike: the terms they share, with each one's share of
    /// their (lexical) similarity, largest first; at most `n`. Terms are prefixed by kind
    /// (`w:` word stem, `n:` name, `e:` entity, `y:`/`m:`/`d:` event date, `#:` number).
    pub fn shared_terms(&self, a: &str, b: &str, n: usize) -> Vec<(String, f32)> {
        let (Some(&a), Some(&b)) = (self.index.get(a), self.index.get(b)) else {
            return Vec::new();
        };
        let (da, db) = (&self.docs[a as usize], &self.docs[b as usize]);
        let norms = da.norm * db.norm;
        if norms <= 0.0 {
            return Vec::new();
        }
        let wb: HashMap<u32, f32> = db.vector.iter().copied().collect();
        let mut out: Vec<(String, f32)> = da
            .vector
            .iter()
            .filter_map(|&(t, w)| {
                let v = wb.get(&t)?;
                Some((
                    self.vocab[t as usize].clone(),
                    (fixed(w as f64 * *v as f64) as f64 / norms) as f32,
                ))
            })
            .collect();
        out.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
        out.truncate(n);
        out
    }

    /// A known document's heaviest terms with their weights, heaviest first; at most `n`. What
    /// it is compared on, for explaining a grouping (prefixes as in [`Clusterer::shared_terms`]).
    pub fn top_terms(&self, doc: &str, n: usize) -> Vec<(String, f32)> {
        let Some(&d) = self.index.get(doc) else {
            return Vec::new();
        };
        let mut out: Vec<(String, f32)> = self.docs[d as usize]
            .vector
            .iter()
            .map(|&(t, w)| (self.vocab[t as usize].clone(), w))
            .collect();
        out.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
        out.truncate(n);
        out
    }

    /// The source of a known document.
    pub fn source_of(&self, doc: &str) -> Option<&str> {
        let &d = self.index.get(doc)?;
        Some(&self.docs[d as usize].source)
    }

    fn story_id(&self, anchor: u32) -> String {
        format!("{STORY_PREFIX}{}", self.docs[anchor as usize].id)
    }

    fn make_story(&self, anchor: u32, members: &[u32]) -> Story {
        let mut ms = members.to_vec();
        ms.sort_by(|&a, &b| self.earlier(a, b));
        let set: HashSet<u32> = ms.iter().copied().collect();
        let scores = ms
            .iter()
            .map(|&d| {
                if ms.len() == 1 {
                    return 1.0;
                }
                let sum: f32 = self.docs[d as usize]
                    .links
                    .iter()
                    .filter(|(o, _)| set.contains(o))
                    .map(|(_, s)| *s)
                    .sum();
                sum / (ms.len() - 1) as f32
            })
            .collect();
        Story {
            id: self.story_id(anchor),
            label: self.label(&ms),
            documents: ms
                .iter()
                .map(|&d| self.docs[d as usize].id.clone())
                .collect(),
            scores,
        }
    }

    /// Up to three names and two words with the highest summed weight over the members.
    fn label(&self, members: &[u32]) -> String {
        let mut totals: HashMap<u32, f64> = HashMap::new();
        for &d in members {
            for &(t, w) in &self.docs[d as usize].vector {
                if matches!(
                    self.kinds[t as usize],
                    Kind::Name | Kind::Entity | Kind::Word
                ) {
                    *totals.entry(t).or_default() += w as f64;
                }
            }
        }
        let mut ranked: Vec<(u32, f64)> = totals.iter().map(|(&t, &w)| (t, w)).collect();
        ranked.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.vocab[a.0 as usize].cmp(&self.vocab[b.0 as usize]))
        });
        // Entities first (canonical names, "Bashar al-Assad"), then name runs ("Assad").
        // Entities count once a document, so their weight is added to that of their name as
        // written (the weight of its name run or most written word, which grows with how often
        // it is written).
        let written = |t: u32| -> f64 {
            let surface = self.surfaces.get(&t).map_or("", String::as_str);
            let run: Vec<String> = surface
                .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .filter(|w| !w.is_empty())
                .map(|w| w.replace('’', "'").to_lowercase())
                .collect();
            let weight = |key: String| {
                self.term_ids
                    .get(&key)
                    .and_then(|n| totals.get(n))
                    .copied()
                    .unwrap_or(0.0)
            };
            // Its most written word ("Assad" for "Bashar al-Assad"), and the whole name as
            // written, which tells "Bashar al-Assad" from "al-Assad family".
            run.iter()
                .filter(|w| w.chars().count() > 2)
                .map(|w| weight(format!("n:{w}")))
                .fold(0.0, f64::max)
                + weight(format!("n:{}", run.join(" ")))
        };
        let mut entities: Vec<(u32, f64, f64)> = ranked
            .iter()
            .filter(|x| self.kinds[x.0 as usize] == Kind::Entity)
            .map(|&(t, w)| (t, w, written(t)))
            .collect();
        entities.sort_by(|a, b| {
            (b.1 + b.2)
                .total_cmp(&(a.1 + a.2))
                .then_with(|| self.vocab[a.0 as usize].cmp(&self.vocab[b.0 as usize]))
        });
        let mut names: Vec<String> = Vec::new();
        let entity_terms = entities.iter().map(|x| x.0);
        let name_terms = ranked
            .iter()
            .filter(|x| self.kinds[x.0 as usize] == Kind::Name)
            .map(|x| x.0);
        for t in entity_terms.chain(name_terms) {
            if names.len() == 3 {
                break;
            }
            let surface = self
                .surfaces
                .get(&t)
                .cloned()
                .unwrap_or_else(|| self.vocab[t as usize][2..].to_string());
            // One label name per name word: "Al-Assad family" adds nothing to "Bashar al-Assad".
            let words = label_words(&surface);
            let covered = names
                .iter()
                .any(|n| label_words(n).iter().any(|w| words.contains(w)));
            if !covered && !words.is_empty() {
                names.push(surface);
            }
        }
        let name_words: Vec<String> = names.iter().flat_map(|n| label_words(n)).collect();
        let mut words: Vec<String> = Vec::new();
        for &(t, _) in &ranked {
            let text = &self.vocab[t as usize][2..];
            if words.len() == 2 {
                break;
            }
            if self.kinds[t as usize] == Kind::Word
                && !name_words.iter().any(|w| w.starts_with(text))
            {
                words.push(text.to_string());
            }
        }
        names.extend(words);
        names.join(" · ")
    }

    /// Publication date (undated last), then id.
    fn earlier(&self, a: u32, b: u32) -> Ordering {
        let (da, db) = (&self.docs[a as usize], &self.docs[b as usize]);
        let key = |d: &DocState| (d.published.is_none(), d.published);
        key(da).cmp(&key(db)).then_with(|| da.id.cmp(&db.id))
    }

    fn features(&self, docs: &[&StoryDoc]) -> Vec<features::RawFeatures> {
        let c = &self.config;
        let run = |d: &&StoryDoc| features::extract(d, c.title_weight, c.key_words, c.key_names);
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if threads == 1 || docs.len() < 16 {
            return docs.iter().map(run).collect();
        }
        let chunk = docs.len().div_ceil(threads);
        std::thread::scope(|s| {
            let handles: Vec<_> = docs
                .chunks(chunk)
                .map(|part| s.spawn(move || part.iter().map(run).collect::<Vec<_>>()))
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("feature extraction does not panic"))
                .collect()
        })
    }

    fn intern(&mut self, key: &str) -> u32 {
        if let Some(&t) = self.term_ids.get(key) {
            return t;
        }
        let t = self.vocab.len() as u32;
        self.vocab.push(key.to_string());
        self.kinds.push(Kind::from_key(key));
        self.term_ids.insert(key.to_string(), t);
        self.df.push(0);
        if self.config.weighting == Weighting::Background {
            let idf = background_idf(&self.config, key);
            self.idf.push(idf);
        }
        t
    }

    /// Stores a document and its terms; `changed` gets every document whose weights moved
    /// (it shares a term whose document frequency was below saturation) and the new one.
    fn insert(&mut self, d: &StoryDoc, f: features::RawFeatures, changed: &mut HashSet<u32>) {
        let mut terms: Vec<(u32, f32)> =
            f.counts.iter().map(|(k, &c)| (self.intern(k), c)).collect();
        terms.sort_by_key(|&(t, _)| t);
        let idx = self.docs.len() as u32;
        let saturation = self.config.df_saturation;
        changed.insert(idx);
        let moving = self.config.weighting == Weighting::Collection;
        for &(t, _) in &terms {
            let df = &mut self.df[t as usize];
            if moving && *df < saturation {
                let holders = self.unsaturated.entry(t).or_default();
                // Weights only move when the document frequency reaches a new level.
                if level(*df, saturation) != level(*df + 1, saturation) {
                    changed.extend(holders.iter().copied());
                }
                holders.push(idx);
                if *df + 1 >= saturation {
                    self.unsaturated.remove(&t);
                }
            }
            *df += 1;
        }
        for (k, s) in &f.surfaces {
            let t = self.term_ids[k];
            match self.surfaces.get(&t) {
                Some(old) if surface_order(old) <= surface_order(s) => {}
                _ => {
                    self.surfaces.insert(t, s.clone());
                }
            }
        }
        let keys = f.keys.iter().map(|k| self.term_ids[k]).collect();
        self.docs.push(DocState {
            id: d.id.clone(),
            source: d.source.clone(),
            published: d.published,
            duplicate_of: d.duplicate_of.clone().filter(|o| *o != d.id),
            terms,
            years: f.years.keys().copied().collect(),
            keys,
            embedding: d.embedding.clone(),
            norm: 0.0,
            vector: Vec::new(),
            links: Vec::new(),
        });
        self.index.insert(d.id.clone(), idx);
        self.story.push(idx);
        self.members.insert(idx, vec![idx]);
        if let Some(o) = &self.docs[idx as usize].duplicate_of {
            self.copies.entry(o.clone()).or_default().push(idx);
        }
    }

    fn weight(&self, t: u32, count: f32) -> f32 {
        let c = &self.config;
        let kind = match self.kinds[t as usize] {
            Kind::Word => c.word_weight,
            Kind::Name => c.name_weight,
            Kind::Entity => c.entity_weight,
            Kind::Year => c.year_weight,
            Kind::Month => c.month_weight,
            Kind::Day => c.day_weight,
            Kind::Number => c.number_weight,
        };
        let idf = match c.weighting {
            Weighting::Background => self.idf[t as usize],
            Weighting::Collection => {
                let df = level(self.df[t as usize], c.df_saturation);
                (1.0 + c.idf_scale / df as f32).ln()
            }
        };
        kind * (1.0 + count.ln()) * idf
    }

    /// Weighs a document's terms, keeps the heaviest, and computes their norm.
    fn reweigh(&mut self, d: u32) {
        let doc = &self.docs[d as usize];
        let fixed_weights = self.config.weighting == Weighting::Background;
        if fixed_weights && doc.terms.is_empty() && !doc.vector.is_empty() {
            return; // weighed once and for all; the counts were let go
        }
        let mut top: Vec<(u32, f32)> = doc
            .terms
            .iter()
            .map(|&(t, c)| (t, self.weight(t, c)))
            .collect();
        let k = self.config.max_terms;
        if k > 0 && top.len() > k {
            // Ties break on the term itself: term ids depend on arrival order.
            top.sort_by(|a, b| {
                b.1.total_cmp(&a.1)
                    .then_with(|| self.vocab[a.0 as usize].cmp(&self.vocab[b.0 as usize]))
            });
            top.truncate(k);
            top.sort_by_key(|x| x.0);
        }
        let norm = (norm2(&top) as f64).sqrt();
        let doc = &mut self.docs[d as usize];
        doc.vector = top;
        doc.norm = norm;
        if fixed_weights {
            // Weights never move again: the counts are not needed, and they are half of what
            // a document costs in memory.
            doc.terms = Vec::new();
        }
    }

    /// Similarity of two documents under the current weights.
    fn similarity(&self, a: u32, b: u32) -> f32 {
        let (da, db) = (&self.docs[a as usize], &self.docs[b as usize]);
        let (mut i, mut j, mut dot) = (0, 0, 0i128);
        while i < da.vector.len() && j < db.vector.len() {
            let (ta, wa) = da.vector[i];
            let (tb, wb) = db.vector[j];
            match ta.cmp(&tb) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    dot += fixed(wa as f64 * wb as f64);
                    i += 1;
                    j += 1;
                }
            }
        }
        let norms = da.norm * db.norm;
        let mut s = if norms > 0.0 {
            (dot as f64 / norms) as f32
        } else {
            0.0
        };
        if let (Some(ea), Some(eb)) = (&da.embedding, &db.embedding) {
            let w = self.config.embedding_weight;
            s = (1.0 - w) * s + w * cosine(ea, eb);
        }
        if !da.years.is_empty()
            && !db.years.is_empty()
            && !da.years.iter().any(|y| db.years.contains(y))
        {
            s *= self.config.date_conflict;
        }
        // On a 2^-20 grid, so that sums of similarities are exact in any order.
        (s * GRID).round() / GRID
    }

    fn link_candidates(&mut self, d: u32, first_new: u32) {
        let mut cands: Vec<u32> = Vec::new();
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for &k in &self.docs[d as usize].keys {
            let Some(p) = self.postings.get(&k) else {
                continue;
            };
            if self.stopped.contains(&k) {
                continue;
            }
            // A pair of new documents is compared once, from its later member.
            for &o in p {
                if o < d || o < first_new {
                    *shared.entry(o).or_default() += 1;
                }
            }
        }
        let need = self.config.min_shared_keys.max(1);
        cands.extend(
            shared
                .into_iter()
                .filter(|&(_, n)| n >= need)
                .map(|(o, _)| o),
        );
        cands.sort_unstable();
        let existing: HashSet<u32> = self.docs[d as usize].links.iter().map(|l| l.0).collect();
        for o in cands {
            if o == d || existing.contains(&o) {
                continue;
            }
            let s = self.similarity(d, o);
            // Weaker links would count for next to nothing in an average; not keeping them
            // is most of the memory saved. (A pair not linked counts as 0.)
            if s < self.config.min_link {
                continue;
            }
            set_link(&mut self.docs[d as usize].links, o, s);
            set_link(&mut self.docs[o as usize].links, d, s);
        }
    }

    /// Drops the links of `x` that no longer share `min_shared_keys` live keys; returns the
    /// documents at the other end.
    fn prune_links(&mut self, x: u32) -> Vec<u32> {
        let need = self.config.min_shared_keys.max(1);
        let links = std::mem::take(&mut self.docs[x as usize].links);
        let mut dropped = Vec::new();
        let mut kept = Vec::with_capacity(links.len());
        for (o, s) in links {
            let (kx, ko) = (&self.docs[x as usize].keys, &self.docs[o as usize].keys);
            let shared = kx
                .iter()
                .filter(|k| !self.stopped.contains(k) && ko.contains(k))
                .count();
            if shared >= need {
                kept.push((o, s));
            } else {
                dropped.push(o);
            }
        }
        self.docs[x as usize].links = kept;
        for &o in &dropped {
            self.docs[o as usize].links.retain(|l| l.0 != x);
        }
        dropped
    }

    /// Recomputes the links of `d` under the current weights; returns the documents at both
    /// ends of every link that moved by more than [`Config::relink_tolerance`] or crossed the
    /// merge threshold.
    fn refresh_links(&mut self, d: u32) -> Vec<u32> {
        let tau = self.config.merge_threshold;
        let tol = self.config.relink_tolerance;
        let links = std::mem::take(&mut self.docs[d as usize].links);
        let mut moved = Vec::new();
        let mut fresh = Vec::with_capacity(links.len());
        for &(o, old) in &links {
            let s = self.similarity(d, o);
            if (s - old).abs() > tol || ((s >= tau) != (old >= tau)) {
                moved.push(o);
            }
            fresh.push((o, s));
        }
        for &(o, s) in &fresh {
            set_link(&mut self.docs[o as usize].links, d, s);
        }
        self.docs[d as usize].links = fresh;
        if !moved.is_empty() {
            moved.push(d);
        }
        moved
    }

    /// Whether `d` is a copy of a known document (and not split off): it joins its original's
    /// story and counts for nothing in the clustering, the original counts once for both.
    fn is_copy(&self, d: u32) -> bool {
        let doc = &self.docs[d as usize];
        doc.duplicate_of
            .as_ref()
            .is_some_and(|o| self.index.contains_key(o))
            && !self.split.contains(&doc.id)
    }

    /// Documents that must be clustered together with `d` whatever the similarities: its
    /// original and copies, and pins in both directions.
    fn must_links(&self, d: u32) -> Vec<u32> {
        let doc = &self.docs[d as usize];
        let mut out = Vec::new();
        if self.split.contains(&doc.id) {
            return out;
        }
        if let Some(o) = doc.duplicate_of.as_ref().and_then(|o| self.index.get(o)) {
            out.push(*o);
        }
        if let Some(cs) = self.copies.get(&doc.id) {
            out.extend(cs.iter().copied());
        }
        if let Some(a) = self.pins.get(&doc.id).and_then(|a| self.index.get(a)) {
            out.push(*a);
        }
        out.retain(|o| !self.split.contains(&self.docs[*o as usize].id));
        out
    }

    /// Reclusters the stories around `seeds` (their own, and those they are strongly linked,
    /// copied or pinned to), then grows the set by any outside story that a new cluster would
    /// merge with, until none would. `before` sees each document (and its story anchor) as it
    /// joins the set, before its story changes. Returns the documents reclustered, sorted.
    ///
    /// Average linkage over a union of whole stories of a finished clustering gives those same
    /// stories back, so this equals clustering everything at once except where a change inside
    /// the set frees a part of a story that an outside story would then have taken: rare, and
    /// the price of a cost that grows with the stories touched, not with the connected
    /// component (which, in a long stream on one topic, grows without bound).
    fn settle(&mut self, seeds: &[u32], mut before: impl FnMut(u32, u32)) -> Vec<u32> {
        let tau = self.lowest_threshold();
        let pinned_to = self.pinned_to();
        let mut set: HashSet<u32> = HashSet::new();
        let mut stories: Vec<u32> = Vec::new();
        for &s in seeds {
            stories.push(self.story[s as usize]);
            let doc = &self.docs[s as usize];
            stories.extend(
                doc.links
                    .iter()
                    .filter(|l| l.1 >= tau)
                    .map(|l| self.story[l.0 as usize]),
            );
            stories.extend(self.must_links(s).iter().map(|&o| self.story[o as usize]));
            if let Some(ps) = pinned_to.get(doc.id.as_str()) {
                stories.extend(ps.iter().map(|&o| self.story[o as usize]));
            }
        }
        loop {
            stories.sort_unstable();
            stories.dedup();
            let mut grew = false;
            for &a in &stories {
                for &d in self.members.get(&a).map_or(&[][..], |m| m.as_slice()) {
                    if set.insert(d) {
                        before(d, a);
                        grew = true;
                    }
                }
            }
            if !grew {
                break;
            }
            let mut order: Vec<u32> = set.iter().copied().collect();
            order.sort_unstable();
            self.recluster(&order);
            stories = self.drawn_outside(&order, &set);
            if stories.is_empty() {
                return order;
            }
        }
        let mut order: Vec<u32> = set.into_iter().collect();
        order.sort_unstable();
        order
    }

    /// Stories outside `set` that a story of `docs` (all of `set`) would merge with: average
    /// link at or above the threshold, or a must-link.
    fn drawn_outside(&self, docs: &[u32], set: &HashSet<u32>) -> Vec<u32> {
        let tau = self.lowest_threshold();
        let mut sums: BTreeMap<(u32, u32), (f64, u32)> = BTreeMap::new();
        let mut strong: BTreeSet<(u32, u32)> = BTreeSet::new();
        let clique = self.config.clique_threshold;
        let mut out = Vec::new();
        for &d in docs {
            let a = self.story[d as usize];
            for &(o, w) in &self.docs[d as usize].links {
                if set.contains(&o) {
                    continue;
                }
                let b = self.story[o as usize];
                let e = sums.entry((a, b)).or_default();
                e.0 += w as f64;
                e.1 += u32::from(clique.is_some_and(|c| w >= c));
                if w >= tau {
                    strong.insert((a, b));
                }
            }
            for o in self.must_links(d) {
                if !set.contains(&o) {
                    out.push(self.story[o as usize]);
                }
            }
        }
        let size = |a: u32| self.members.get(&a).map_or(1, |m| m.len()) as f64;
        let mut cohesions: HashMap<u32, f64> = HashMap::new();
        for (a, b) in strong {
            let (na, nb) = (size(a), size(b));
            let (s, k) = sums[&(a, b)];
            let mut coh = |x: u32| *cohesions.entry(x).or_insert_with(|| self.cohesion_of(x));
            let bar = joint_cohesion(coh(a), coh(b));
            if self.merges(na as u32, nb as u32, s / (na * nb), k, bar) {
                out.push(b);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The average link inside the story anchored at `anchor` (0 for a lone document).
    fn cohesion_of(&self, anchor: u32) -> f64 {
        let Some(members) = self.members.get(&anchor) else {
            return 0.0;
        };
        let inner: f64 = members
            .iter()
            .flat_map(|&d| {
                self.docs[d as usize]
                    .links
                    .iter()
                    .filter(move |l| l.0 > d && self.story[l.0 as usize] == anchor)
                    .map(|l| l.1 as f64)
            })
            .sum();
        cohesion(inner, members.len() as u32)
    }

    /// The average link two clusters of these sizes need to merge: `attach_threshold` for a
    /// lone document and a story of several, `merge_threshold` otherwise.
    fn threshold(&self, a: u32, b: u32) -> f64 {
        let c = &self.config;
        if (a == 1) != (b == 1) {
            c.attach_threshold.unwrap_or(c.merge_threshold) as f64
        } else {
            c.merge_threshold as f64
        }
    }

    /// Whether two clusters of sizes `a` and `b` merge, given their average link, how many of
    /// their `a * b` links reach `clique_threshold`, and their joint cohesion (the mean of
    /// their inner average links; 0 when either is a lone document): on the average when it
    /// also reaches `cohesion_ratio` of their cohesion, or, for two stories of several
    /// documents each, when every one of their links reaches `clique_threshold`.
    fn merges(&self, a: u32, b: u32, avg: f64, strong: u32, cohesion: f64) -> bool {
        let c = &self.config;
        (avg >= self.threshold(a, b) && avg >= c.cohesion_ratio as f64 * cohesion)
            || (self.config.clique_threshold.is_some() && a > 1 && b > 1 && strong == a * b)
    }

    fn lowest_threshold(&self) -> f32 {
        let c = &self.config;
        c.attach_threshold
            .unwrap_or(c.merge_threshold)
            .min(c.merge_threshold)
    }

    /// Pinned documents by the anchor id they are pinned to.
    fn pinned_to(&self) -> HashMap<&str, Vec<u32>> {
        let mut m: HashMap<&str, Vec<u32>> = HashMap::new();
        for (doc, anchor) in &self.pins {
            if let Some(&d) = self.index.get(doc) {
                m.entry(anchor.as_str()).or_default().push(d);
            }
        }
        m
    }

    /// Average-linkage agglomeration of `set` (a union of whole components), then new stories.
    fn recluster(&mut self, set: &[u32]) {
        let mut order: Vec<u32> = set.to_vec();
        order.sort_by(|&a, &b| self.docs[a as usize].id.cmp(&self.docs[b as usize].id));
        let rank: HashMap<u32, u32> = order
            .iter()
            .enumerate()
            .map(|(r, &d)| (d, r as u32))
            .collect();
        let n = order.len();
        let mut uf = UnionFind::new(n);
        for (r, &d) in order.iter().enumerate() {
            for o in self.must_links(d) {
                if let Some(&ro) = rank.get(&o) {
                    uf.union(r as u32, ro);
                }
            }
        }
        let split: Vec<bool> = order
            .iter()
            .map(|&d| self.split.contains(&self.docs[d as usize].id))
            .collect();
        // Initial clusters: must-link groups, keyed by their smallest rank. Copies whose
        // original is in the set weigh nothing: a group counts its distinct reports.
        let passenger: Vec<bool> = order
            .iter()
            .map(|&d| {
                self.is_copy(d)
                    && self.docs[d as usize]
                        .duplicate_of
                        .as_ref()
                        .and_then(|o| self.index.get(o))
                        .is_some_and(|o| rank.contains_key(o))
            })
            .collect();
        let mut size = vec![0u32; n];
        for r in 0..n {
            if !passenger[r] {
                size[uf.find(r as u32) as usize] += 1;
            }
        }
        for r in 0..n {
            let c = uf.find(r as u32) as usize;
            size[c] = size[c].max(1);
        }
        // Per cluster pair: the sum of their links, and how many reach `clique_threshold`.
        let clique = self.config.clique_threshold;
        let strong = |s: f32| u32::from(clique.is_some_and(|c| s >= c));
        let mut sums: Vec<HashMap<u32, (f64, u32)>> = vec![HashMap::new(); n];
        // Per cluster: the sum of the links inside it.
        let mut inner = vec![0f64; n];
        for (r, &d) in order.iter().enumerate() {
            if split[r] || passenger[r] {
                continue;
            }
            let cr = uf.find(r as u32);
            for &(o, s) in &self.docs[d as usize].links {
                let Some(&ro) = rank.get(&o) else { continue };
                if ro <= r as u32 || split[ro as usize] || passenger[ro as usize] {
                    continue;
                }
                let co = uf.find(ro);
                if co == cr {
                    inner[cr as usize] += s as f64;
                } else {
                    for (x, y) in [(cr, co), (co, cr)] {
                        let e = sums[x as usize].entry(y).or_default();
                        e.0 += s as f64;
                        e.1 += strong(s);
                    }
                }
            }
        }
        let mut version = vec![0u32; n];
        let mut heap = BinaryHeap::new();
        for c in 0..n as u32 {
            if uf.find(c) != c {
                continue;
            }
            for (&o, &(s, k)) in &sums[c as usize] {
                if c < o {
                    let avg = s / (size[c as usize] as f64 * size[o as usize] as f64);
                    let coh = |x: u32| cohesion(inner[x as usize], size[x as usize]);
                    let bar = joint_cohesion(coh(c), coh(o));
                    if self.merges(size[c as usize], size[o as usize], avg, k, bar) {
                        heap.push(Merge {
                            avg,
                            a: c,
                            b: o,
                            va: 0,
                            vb: 0,
                        });
                    }
                }
            }
        }
        while let Some(m) = heap.pop() {
            if version[m.a as usize] != m.va
                || version[m.b as usize] != m.vb
                || uf.find(m.a) != m.a
                || uf.find(m.b) != m.b
            {
                continue;
            }
            // Merge b into a (a < b, so the cluster keeps its smallest rank as key).
            let (a, b) = (m.a, m.b);
            uf.parent[b as usize] = a;
            size[a as usize] += size[b as usize];
            version[a as usize] += 1;
            let sb = std::mem::take(&mut sums[b as usize]);
            let cross = sums[a as usize].remove(&b).unwrap_or_default().0;
            inner[a as usize] += inner[b as usize] + cross;
            for (o, (s, k)) in sb {
                if o == a {
                    continue;
                }
                let e = sums[a as usize].entry(o).or_default();
                e.0 += s;
                e.1 += k;
                let so = &mut sums[o as usize];
                let from_b = so.remove(&b).unwrap_or_default();
                let e = so.entry(a).or_default();
                e.0 += from_b.0;
                e.1 += from_b.1;
            }
            let mut neigh: Vec<(u32, (f64, u32))> =
                sums[a as usize].iter().map(|(&o, &s)| (o, s)).collect();
            neigh.sort_by_key(|x| x.0);
            for (o, (s, k)) in neigh {
                let avg = s / (size[a as usize] as f64 * size[o as usize] as f64);
                let coh = joint_cohesion(
                    cohesion(inner[a as usize], size[a as usize]),
                    cohesion(inner[o as usize], size[o as usize]),
                );
                if self.merges(size[a as usize], size[o as usize], avg, k, coh) {
                    let (x, y) = if a < o { (a, o) } else { (o, a) };
                    heap.push(Merge {
                        avg,
                        a: x,
                        b: y,
                        va: version[x as usize],
                        vb: version[y as usize],
                    });
                }
            }
        }
        // Old stories of these documents go; new ones come.
        for &d in &order {
            let a = self.story[d as usize];
            self.members.remove(&a);
        }
        let mut groups: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for (r, &d) in order.iter().enumerate() {
            groups.entry(uf.find(r as u32)).or_default().push(d);
        }
        for (_, ms) in groups {
            let anchor = self.anchor(&ms);
            for &d in &ms {
                self.story[d as usize] = anchor;
            }
            self.members.insert(anchor, ms);
        }
    }

    /// The earliest member, not counting members pinned in (unless all are).
    fn anchor(&self, members: &[u32]) -> u32 {
        let own: Vec<u32> = members
            .iter()
            .copied()
            .filter(|&d| !self.pins.contains_key(&self.docs[d as usize].id))
            .collect();
        let pool = if own.is_empty() { members } else { &own };
        *pool
            .iter()
            .min_by(|&&a, &&b| self.earlier(a, b))
            .expect("a story has members")
    }
}

/// Squared norm of a weighted vector in fixed point (see [`fixed`]).
fn norm2(terms: &[(u32, f32)]) -> i128 {
    terms.iter().map(|&(_, w)| fixed(w as f64 * w as f64)).sum()
}

/// Sets the link to `o` in a list kept sorted by document.
fn set_link(links: &mut Vec<(u32, f32)>, o: u32, s: f32) {
    match links.binary_search_by_key(&o, |l| l.0) {
        Ok(i) => links[i].1 = s,
        Err(i) => {
            // Lists from states saved before they were kept sorted.
            if let Some(l) = links.iter_mut().find(|l| l.0 == o) {
                l.1 = s;
            } else {
                links.insert(i, (o, s));
            }
        }
    }
}

/// The inverse frequency of a term under background weighting (see [`Config::background_scale`]).
fn background_idf(c: &Config, key: &str) -> f32 {
    let bg = Background::english();
    let text = key.get(2..).unwrap_or("");
    let f = match Kind::from_key(key) {
        Kind::Word => bg.stem(text),
        Kind::Name => bg.name(text),
        // An entity's key is no word (its spellings are reduced), so all weigh alike.
        Kind::Entity => c.entity_frequency as f64,
        Kind::Number => c.number_frequency as f64,
        Kind::Year | Kind::Month | Kind::Day => c.date_frequency as f64,
    };
    let f = f
        .max(super::background::FLOOR)
        .max(c.background_floor as f64);
    (1.0 + 1.0 / (c.background_scale as f64 * f)).ln() as f32
}

/// The document frequency a weight sees: the largest power of two not above `df`, capped at
/// `saturation`. A term's weight changes a handful of times in its life, not at every new
/// document that has it, and each change makes its holders be compared again.
fn level(df: u32, saturation: u32) -> u32 {
    let df = df.clamp(1, saturation.max(1));
    if df == saturation {
        df
    } else {
        1 << (31 - df.leading_zeros())
    }
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let (mut dot, mut na, mut nb) = (0f64, 0f64, 0f64);
    for (x, y) in a.iter().zip(b) {
        dot += (*x as f64) * (*y as f64);
        na += (*x as f64) * (*x as f64);
        nb += (*y as f64) * (*y as f64);
    }
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        (dot / (na.sqrt() * nb.sqrt())) as f32
    }
}

/// A candidate merge; the heap pops the strongest, ties to the smallest cluster keys.
/// The average link inside a cluster of `size` documents whose links add up to `inner`; 0 for
/// a lone document.
/// The lower-cased words of a name that tell it apart (not "al", "of", "the").
fn label_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 2 && !matches!(w.to_lowercase().as_str(), "the" | "and"))
        .map(str::to_lowercase)
        .collect()
}

/// The cohesion two clusters are held to: the mean of their inner average links, or 0 (no
/// bar) when either is a lone document.
fn joint_cohesion(a: f64, b: f64) -> f64 {
    if a == 0.0 || b == 0.0 {
        0.0
    } else {
        (a + b) / 2.0
    }
}

fn cohesion(inner: f64, size: u32) -> f64 {
    if size < 2 {
        return 0.0;
    }
    inner / (size as f64 * (size as f64 - 1.0) / 2.0)
}

#[derive(Debug, PartialEq)]
struct Merge {
    avg: f64,
    a: u32,
    b: u32,
    va: u32,
    vb: u32,
}

impl Eq for Merge {}

impl Ord for Merge {
    fn cmp(&self, o: &Self) -> Ordering {
        self.avg
            .total_cmp(&o.avg)
            .then_with(|| o.a.cmp(&self.a))
            .then_with(|| o.b.cmp(&self.b))
    }
}

impl PartialOrd for Merge {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
        }
    }

    fn find(&mut self, x: u32) -> u32 {
        let mut r = x;
        while self.parent[r as usize] != r {
            r = self.parent[r as usize];
        }
        let mut x = x;
        while self.parent[x as usize] != r {
            let next = self.parent[x as usize];
            self.parent[x as usize] = r;
            x = next;
        }
        r
    }

    /// Joins two sets under the smaller root, so a set's key is its smallest member.
    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi as usize] = lo;
        }
    }
}
