//! Cross-document event coreference on ECB+ with `compare::events`: CoNLL F1 (mean of MUC, B³,
//! CEAF-e; `compare::eval::coref`) with gold event mentions and with predicted ones, clustering
//! within gold topics and within predicted sub-topics (the stories clusterer's stories), beside
//! the same-lemma baseline.
//!
//! `cargo run --release -p corroborate-compare --example event_coref -- [ECB+ DIR] [--no-embeddings] [--test] [--gold DIR] [--emit FILE]`
//!
//! Without `--test` only dev is scored (for choosing); `--test` adds the held-out topics.
//! `--emit FILE` writes the fitted weights, the threshold chosen on dev for predicted mentions
//! within gold sub-topics (one story, as `analyze` is given), and the mean similarity of two
//! documents of one train sub-topic as Rust source: `crates/compare/src/events_fitted.rs`, the
//! model `analyze` uses, is written with
//! `-- ../shared/benchmarks/ecbplus --no-embeddings --emit crates/compare/src/events_fitted.rs`
//! (no embeddings: the analysis aligns lexically unless given an encoder), and the model it uses
//! with an encoder with `-- ../shared/benchmarks/ecbplus --emit crates/compare/src/events_fitted_embed.rs`
//! (each mention with the MiniLM vectors of its sentence and of its lemma alone, both cached in
//! `.cache/`).
//!
//! With `--emit`, the sub-topics of the development gold (`data/devgold`, or `--gold DIR`) are
//! left out of fitting and of choosing: the dev gold scores the analysis on them, and a model
//! that had seen their coreference would flatter it. Without it, the usual split is used whole,
//! as the published numbers are.
//!
//! Protocol: the usual ECB+ split (train = the rest, dev = 2 5 12 18 21 23 34 35, test = 36–45);
//! only the sentences ECB+ selected for annotation (`ECBplus_coreference_sentences.csv`); event
//! mentions are the ACTION_* and NEG_ACTION_* markables, a mention's gold cluster its
//! CROSS_DOC_COREF instance (else its INTRA_DOC_COREF chain, else itself); singletons are kept;
//! mentions are identified by their head token (the first anchor token that is not an auxiliary),
//! so a predicted mention matches a gold one when it has the same head. The pair model is fitted
//! on train pairs within gold topics; the clustering threshold and the mention detector's
//! threshold are chosen on dev; test is reported once, with the choice made on dev. All
//! clusters of a split are scored together as one key and one response.
//!
//! Predicted mentions come from a detector learnt on train: a token is an event trigger when the
//! share of train's occurrences of its context that are trigger heads reaches the threshold; the
//! context is the most specific one seen twice in train: word and part of speech (our parser's,
//! ECB+'s tokens as the words), lemma and part of speech, word, suffix class (-ed, -ing, -tion,
//! -ment, …) and part of speech, part of speech.

use corroborate_compare::eval::coref::{self, Scores};
use corroborate_compare::events::{self, EventMention, Model, FEATURES, FEATURE_NAMES};
use corroborate_extract::syntax::Parser;
use corroborate_resolve::stories::ecbplus::{self, Split};
use corroborate_resolve::stories::{Clusterer, Config, StoryDoc};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// A token of one document; `upos` and `lemma` from our parser, in annotated sentences only.
struct Token {
    sentence: u32,
    text: String,
    upos: String,
    lemma: String,
}

/// One ECB+ document as this evaluation needs it.
struct Doc {
    name: String,
    topic: u32,
    /// `T/ecb` or `T/ecbplus`.
    sub: String,
    tokens: BTreeMap<u32, Token>,
    /// Gold event mentions: head token id → gold cluster id.
    gold: BTreeMap<u32, String>,
    /// Annotated sentence numbers.
    annotated: BTreeSet<u32>,
}

const AUXILIARIES: &[&str] = &[
    "be", "is", "are", "was", "were", "been", "being", "has", "have", "had", "will", "would",
    "did", "do", "does", "to", "not", "n't", "could", "may", "might", "should", "can",
];

fn read_doc(path: &Path, topic: u32, annotated: &HashSet<(String, u32)>) -> Doc {
    let xml = std::fs::read_to_string(path).expect("read ECB+ file");
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let token = Regex::new(r#"<token t_id="(\d+)" sentence="(\d+)"[^>]*>([^<]*)</token>"#).unwrap();
    let mut tokens = BTreeMap::new();
    for c in token.captures_iter(&xml) {
        let text = c[3]
            .replace("&amp;", "&")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">");
        tokens.insert(
            c[1].parse().unwrap(),
            Token {
                sentence: c[2].parse().unwrap(),
                text,
                upos: String::new(),
                lemma: String::new(),
            },
        );
    }
    let mention =
        Regex::new(r#"(?s)<((?:NEG_)?ACTION_\w+) m_id="(\d+)"\s*[^/>]*>(.*?)</"#).unwrap();
    let anchor = Regex::new(r#"t_id="(\d+)""#).unwrap();
    // m_id → head token.
    let mut heads: BTreeMap<String, u32> = BTreeMap::new();
    for c in mention.captures_iter(&xml) {
        let ids: Vec<u32> = anchor
            .captures_iter(&c[3])
            .map(|a| a[1].parse().unwrap())
            .collect();
        let head = ids
            .iter()
            .copied()
            .find(|t| {
                tokens
                    .get(t)
                    .is_some_and(|k: &Token| !AUXILIARIES.contains(&k.text.to_lowercase().as_str()))
            })
            .or(ids.first().copied());
        if let Some(h) = head {
            heads.insert(c[2].to_string(), h);
        }
    }
    let chain = Regex::new(r#"(?s)<(CROSS_DOC_COREF|INTRA_DOC_COREF) r_id="(\d+)"(?:\s+note="([^"]*)")?[^>]*>(.*?)</(?:CROSS|INTRA)_DOC_COREF>"#).unwrap();
    let member = Regex::new(r#"<(source|target) m_id="(\d+)""#).unwrap();
    let mut cluster_of: BTreeMap<String, String> = BTreeMap::new();
    for c in chain.captures_iter(&xml) {
        let id = match (&c[1], c.get(3)) {
            ("CROSS_DOC_COREF", Some(n)) => n.as_str().to_string(),
            _ => format!("{name}#intra{}", &c[2]),
        };
        for m in member.captures_iter(&c[4]) {
            // Cross-document instances win over within-document chains.
            if &c[1] == "CROSS_DOC_COREF" || !cluster_of.contains_key(&m[2]) {
                cluster_of.insert(m[2].to_string(), id.clone());
            }
        }
    }
    let ann: BTreeSet<u32> = tokens
        .values()
        .map(|t| t.sentence)
        .filter(|s| annotated.contains(&(name.clone(), *s)))
        .collect();
    let mut gold = BTreeMap::new();
    for (m, &h) in &heads {
        if ann.contains(&tokens[&h].sentence) {
            let id = cluster_of
                .get(m)
                .cloned()
                .unwrap_or_else(|| format!("{name}#m{m}"));
            gold.entry(h).or_insert(id);
        }
    }
    let sub = if name.ends_with("ecbplus.xml") {
        "ecbplus"
    } else {
        "ecb"
    };
    Doc {
        sub: format!("{topic}/{sub}"),
        name,
        topic,
        tokens,
        gold,
        annotated: ann,
    }
}

fn lemma(word: &str) -> String {
    events::lemma_key(word)
}

/// A token's mention lemma: our parser's lemma ("struck" → "strike"), as the analysis reads it.
fn mention_lemma(t: &Token) -> String {
    lemma(if t.lemma.is_empty() {
        &t.text
    } else {
        &t.lemma
    })
}

fn sentence_text(d: &Doc, s: u32) -> String {
    d.tokens
        .values()
        .filter(|t| t.sentence == s)
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Argument words of a sentence, apart from the trigger ([`events::argument_words`], the rule
/// `analyze` applies too).
fn arguments(d: &Doc, s: u32, head: u32) -> Vec<String> {
    events::argument_words(
        d.tokens
            .iter()
            .filter(|(_, t)| t.sentence == s)
            .map(|(&id, t)| (t.text.as_str(), id == head)),
    )
}

/// Suffix class of a word the detector has no statistics for.
fn suffix_class(w: &str) -> &'static str {
    for s in [
        "tion", "sion", "ment", "ing", "ed", "ure", "al", "ance", "ence",
    ] {
        if w.len() > s.len() + 2 && w.ends_with(s) {
            return s;
        }
    }
    "-"
}

/// The mention detector learnt on train: P(trigger head | context), read from the most specific
/// context seen at least twice in train: the word with its part of speech (our parser's), the
/// lemma with it, the word alone, the suffix class with the part of speech, the part of speech.
/// The part of speech tells the noun "fire" from the verb and gives a verb train never saw the
/// odds of verbs.
struct Detector {
    counts: HashMap<String, (u32, u32)>,
}

impl Detector {
    /// The contexts of a token, most specific first.
    fn contexts(t: &Token) -> [String; 5] {
        let w = t.text.to_lowercase();
        [
            format!("w|{}|{w}", t.upos),
            format!("l|{}|{}", t.upos, t.lemma.to_lowercase()),
            format!("w||{w}"),
            format!("s|{}|{}", t.upos, suffix_class(&w)),
            format!("u|{}", t.upos),
        ]
    }

    fn learn(docs: &[&Doc]) -> Detector {
        let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
        for d in docs {
            for (id, t) in &d.tokens {
                if !d.annotated.contains(&t.sentence) {
                    continue;
                }
                let hit = u32::from(d.gold.contains_key(id));
                for c in Detector::contexts(t) {
                    let e = counts.entry(c).or_default();
                    e.0 += hit;
                    e.1 += 1;
                }
            }
        }
        Detector { counts }
    }

    fn probability(&self, t: &Token) -> f64 {
        let (h, n) = Detector::contexts(t)
            .iter()
            .find_map(|c| self.counts.get(c).copied().filter(|&(_, n)| n >= 2))
            .unwrap_or((0, 1));
        f64::from(h) / f64::from(n.max(1))
    }

    /// Predicted trigger heads of a document: token ids in annotated sentences.
    fn detect(&self, d: &Doc, threshold: f64) -> Vec<u32> {
        d.tokens
            .iter()
            .filter(|(_, t)| {
                d.annotated.contains(&t.sentence)
                    && t.text.chars().any(char::is_alphabetic)
                    && self.probability(t) >= threshold
            })
            .map(|(&id, _)| id)
            .collect()
    }
}

/// Tags and lemmatizes the annotated sentences of a document with our parser (ECB+'s tokens as
/// the words).
fn tag(d: &mut Doc, parser: &Parser) {
    for &s in &d.annotated {
        let ids: Vec<u32> = d
            .tokens
            .iter()
            .filter(|(_, t)| t.sentence == s)
            .map(|(&id, _)| id)
            .collect();
        let forms: Vec<&str> = ids.iter().map(|id| d.tokens[id].text.as_str()).collect();
        let analyses = parser.analyze(&forms);
        for (id, a) in ids.iter().zip(analyses) {
            if let Some(t) = d.tokens.get_mut(id) {
                t.upos = a.upos;
                t.lemma = a.lemma;
            }
        }
    }
}

/// TF-IDF vectors of documents, for document similarity. Ordered maps: sums over them run in one
/// order, so a refit gives the same weights to the last bit.
fn doc_vectors(docs: &[&Doc]) -> Vec<BTreeMap<String, f64>> {
    let bags: Vec<BTreeMap<String, f64>> = docs
        .iter()
        .map(|d| {
            let mut bag = BTreeMap::new();
            for t in d.tokens.values() {
                let w = t.text.to_lowercase();
                if w.chars().count() >= 4 && w.chars().all(char::is_alphanumeric) {
                    *bag.entry(events::lemma_key(&w)).or_insert(0.0) += 1.0;
                }
            }
            bag
        })
        .collect();
    let mut df: BTreeMap<&str, f64> = BTreeMap::new();
    for b in &bags {
        for k in b.keys() {
            *df.entry(k.as_str()).or_insert(0.0) += 1.0;
        }
    }
    let n = bags.len() as f64;
    bags.iter()
        .map(|b| {
            let mut v: BTreeMap<String, f64> = b
                .iter()
                .map(|(k, tf)| (k.clone(), (1.0 + tf.ln()) * (n / df[k.as_str()]).ln()))
                .collect();
            let norm = v.values().map(|x| x * x).sum::<f64>().sqrt().max(1e-12);
            v.values_mut().for_each(|x| *x /= norm);
            v
        })
        .collect()
}

fn dot(a: &BTreeMap<String, f64>, b: &BTreeMap<String, f64>) -> f64 {
    let (s, l) = if a.len() < b.len() { (a, b) } else { (b, a) };
    s.iter().map(|(k, x)| x * l.get(k).unwrap_or(&0.0)).sum()
}

/// Mentions of one run: (document index, head token) and the mention features.
struct Mentions {
    keys: Vec<(usize, u32)>,
    mentions: Vec<EventMention>,
}

fn build(
    docs: &[&Doc],
    heads: &[Vec<u32>],
    vectors: &HashMap<(String, u32), Vec<f32>>,
    words: &HashMap<String, Vec<f32>>,
) -> Mentions {
    let mut keys = Vec::new();
    let mut mentions = Vec::new();
    for (di, (d, hs)) in docs.iter().zip(heads).enumerate() {
        for &h in hs {
            let s = d.tokens[&h].sentence;
            keys.push((di, h));
            let t = &d.tokens[&h];
            let l = mention_lemma(t);
            mentions.push(EventMention {
                doc: di,
                sentence: s as usize,
                word: words.get(&l).cloned(),
                lemma: l,
                arguments: arguments(d, s, h),
                vector: vectors.get(&(d.name.clone(), s)).cloned(),
            });
        }
    }
    Mentions { keys, mentions }
}

/// Groups of document indices the clustering runs within.
fn groups(docs: &[&Doc], by: &dyn Fn(&Doc) -> String) -> Vec<Vec<usize>> {
    let mut g: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        g.entry(by(d)).or_default().push(i);
    }
    g.into_values().collect()
}

/// Scores a response (cluster label per mention, labels global) against the gold of the docs.
fn evaluate(docs: &[&Doc], m: &Mentions, labels: &[String]) -> Scores {
    let mut key: BTreeMap<&str, Vec<(usize, u32)>> = BTreeMap::new();
    for (di, d) in docs.iter().enumerate() {
        for (&h, c) in &d.gold {
            key.entry(c.as_str()).or_default().push((di, h));
        }
    }
    let mut resp: BTreeMap<&str, Vec<(usize, u32)>> = BTreeMap::new();
    for (k, l) in m.keys.iter().zip(labels) {
        resp.entry(l.as_str()).or_default().push(*k);
    }
    let key: Vec<Vec<(usize, u32)>> = key.into_values().collect();
    let resp: Vec<Vec<(usize, u32)>> = resp.into_values().collect();
    coref::score(&key, &resp)
}

enum Method<'a> {
    Lemma,
    Model(&'a Model),
}

/// Clusters within each group and returns global labels.
fn run(
    docs: &[&Doc],
    m: &Mentions,
    groups: &[Vec<usize>],
    sims: &[BTreeMap<String, f64>],
    method: &Method<'_>,
) -> Vec<String> {
    let mut labels = vec![String::new(); m.mentions.len()];
    for (gi, g) in groups.iter().enumerate() {
        let members: Vec<usize> = (0..m.mentions.len())
            .filter(|&i| g.contains(&m.mentions[i].doc))
            .collect();
        let sub: Vec<EventMention> = members.iter().map(|&i| m.mentions[i].clone()).collect();
        let l = match method {
            Method::Lemma => events::same_lemma(&sub),
            Method::Model(model) => events::cluster(&sub, &|a, b| dot(&sims[a], &sims[b]), model),
        };
        for (k, &i) in members.iter().enumerate() {
            labels[i] = format!("{gi}:{}", l[k]);
        }
    }
    let _ = docs;
    labels
}

fn training_pairs(
    docs: &[&Doc],
    m: &Mentions,
    sims: &[BTreeMap<String, f64>],
) -> Vec<([f64; FEATURES], bool)> {
    let mut out = Vec::new();
    for g in groups(docs, &|d| d.topic.to_string()) {
        let idx: Vec<usize> = (0..m.mentions.len())
            .filter(|&i| g.contains(&m.mentions[i].doc))
            .collect();
        for (x, &i) in idx.iter().enumerate() {
            for &j in &idx[x + 1..] {
                let (a, b) = (&m.mentions[i], &m.mentions[j]);
                let (ka, kb) = (m.keys[i], m.keys[j]);
                let ga = docs[ka.0].gold.get(&ka.1);
                let gb = docs[kb.0].gold.get(&kb.1);
                let y = ga.is_some() && ga == gb;
                out.push((events::features(a, b, dot(&sims[a.doc], &sims[b.doc])), y));
            }
        }
    }
    out
}

fn line(name: &str, s: &Scores) -> String {
    format!(
        "{name:<44} MUC {:5.1} B³ {:5.1} CEAF-e {:5.1}  CoNLL {:5.1}",
        100.0 * s.muc.f1(),
        100.0 * s.b3.f1(),
        100.0 * s.ceafe.f1(),
        100.0 * s.conll()
    )
}

/// The vectors of `texts`, read from `cache` when it holds exactly these texts (the vectors of
/// one corpus do not change between runs), else embedded and written there.
fn embed_cached(e: &corroborate_embed::Embedder, texts: &[String], cache: &Path) -> Vec<Vec<f32>> {
    let cached: Option<(Vec<String>, Vec<Vec<f32>>)> = std::fs::read_to_string(cache)
        .ok()
        .and_then(|j| serde_json::from_str(&j).ok())
        .filter(|(t, _): &(Vec<String>, Vec<Vec<f32>>)| t == texts);
    if let Some((_, vs)) = cached {
        return vs;
    }
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let vs = e.embed(&refs).expect("embedding");
    if let Ok(j) = serde_json::to_string(&(texts, &vs)) {
        if let Some(dir) = cache.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(cache, j);
    }
    vs
}

fn main() {
    let mut root = PathBuf::from("../shared/benchmarks/ecbplus");
    let mut use_embeddings = true;
    let mut report_test = false;
    let mut gold_dir = PathBuf::from("data/devgold");
    let mut emit: Option<PathBuf> = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        if a == "--no-embeddings" {
            use_embeddings = false;
        } else if a == "--test" {
            report_test = true;
        } else if a == "--gold" {
            gold_dir = it.next().expect("--gold DIR").into();
        } else if a == "--emit" {
            emit = Some(it.next().expect("--emit FILE").into());
        } else {
            root = PathBuf::from(a);
        }
    }
    // The dev gold's sub-topics ("20/ecbplus"), left out of fitting and choosing.
    let mut held: Vec<String> = std::fs::read_dir(&gold_dir)
        .unwrap_or_else(|e| panic!("{}: {e}", gold_dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|p| {
            let j: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&p).ok()?).ok()?;
            Some(j.get("subtopic")?.as_str()?.to_string())
        })
        .collect();
    held.sort_by_key(|s| {
        let (t, h) = s.split_once('/').unwrap_or((s, ""));
        (t.parse::<u32>().unwrap_or(0), h.to_string())
    });
    let dir = ecbplus::locate(&root).unwrap_or_else(|| {
        eprintln!("event_coref: no ECB+ under {}", root.display());
        std::process::exit(2)
    });
    let csv = std::fs::read_to_string(
        dir.parent()
            .unwrap()
            .join("ECBplus_coreference_sentences.csv"),
    )
    .expect("ECBplus_coreference_sentences.csv");
    let annotated: HashSet<(String, u32)> = csv
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            Some((
                format!("{}_{}.xml", f.first()?, f.get(1)?),
                f.get(2)?.trim().parse().ok()?,
            ))
        })
        .collect();
    let t0 = Instant::now();
    let parser = Parser::shared().expect("the bundled parser");
    let mut all: Vec<Doc> = Vec::new();
    let mut topics: Vec<u32> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    topics.sort();
    for t in topics {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(t.to_string()))
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "xml"))
            .collect();
        files.sort();
        for f in files {
            let mut d = read_doc(&f, t, &annotated);
            tag(&mut d, parser);
            all.push(d);
        }
    }
    let split = |s: Split| -> Vec<&Doc> {
        all.iter()
            .filter(|d| ecbplus::split_of(d.topic) == s)
            .collect()
    };
    let (mut train, mut dev, test) = (split(Split::Train), split(Split::Dev), split(Split::Test));
    if emit.is_some() {
        train.retain(|d| !held.contains(&d.sub));
        dev.retain(|d| !held.contains(&d.sub));
        println!(
            "left out of fitting and choosing: the {} dev-gold sub-topics {}",
            held.len(),
            held.join(" ")
        );
    }
    println!(
        "ECB+: {} documents ({} train, {} dev, {} test), {} gold event mentions in annotated sentences; read in {:.1} s",
        all.len(),
        train.len(),
        dev.len(),
        test.len(),
        all.iter().map(|d| d.gold.len()).sum::<usize>(),
        t0.elapsed().as_secs_f64()
    );
    // Sentence embeddings of every annotated sentence.
    let mut vectors: HashMap<(String, u32), Vec<f32>> = HashMap::new();
    let mut words: HashMap<String, Vec<f32>> = HashMap::new();
    if use_embeddings {
        match corroborate_embed::Embedder::load_default() {
            Ok(e) => {
                let t = Instant::now();
                let cache = PathBuf::from(".cache/event_coref_vectors.json");
                let keys: Vec<(String, u32)> = all
                    .iter()
                    .flat_map(|d| d.annotated.iter().map(|&s| (d.name.clone(), s)))
                    .collect();
                let texts: Vec<String> = keys
                    .iter()
                    .map(|(n, s)| sentence_text(all.iter().find(|d| &d.name == n).unwrap(), *s))
                    .collect();
                let vs = embed_cached(&e, &texts, &cache);
                vectors = keys.into_iter().zip(vs).collect();
                println!(
                    "embedded {} sentences in {:.1} s",
                    texts.len(),
                    t.elapsed().as_secs_f64()
                );
                // Every lemma a mention may have (the word of any token of an annotated
                // sentence), embedded alone, cached the same way.
                let t = Instant::now();
                let lemmas: Vec<String> = all
                    .iter()
                    .flat_map(|d| {
                        d.tokens
                            .values()
                            .filter(|t| {
                                d.annotated.contains(&t.sentence)
                                    && t.text.chars().any(char::is_alphabetic)
                            })
                            .map(mention_lemma)
                    })
                    .collect::<BTreeSet<String>>()
                    .into_iter()
                    .collect();
                let cache = PathBuf::from(".cache/event_coref_words.json");
                let vs = embed_cached(&e, &lemmas, &cache);
                println!(
                    "embedded {} mention lemmas in {:.1} s",
                    lemmas.len(),
                    t.elapsed().as_secs_f64()
                );
                words = lemmas.into_iter().zip(vs).collect();
            }
            Err(e) => println!("no sentence embeddings ({e}); pair model without them"),
        }
    }
    // Predicted sub-topics: the stories clusterer over every document of the corpus.
    let story_docs: Vec<StoryDoc> = ecbplus::read_corpus(&root)
        .expect("ECB+ corpus")
        .iter()
        .map(|d| d.to_story_doc())
        .collect();
    let mut clusterer = Clusterer::new(Config::default());
    clusterer.add(&story_docs);
    let story_of: HashMap<String, String> = clusterer
        .stories()
        .into_iter()
        .flat_map(|s| {
            let id = s.id.clone();
            s.documents.into_iter().map(move |d| (d, id.clone()))
        })
        .collect();
    let gold_heads = |docs: &[&Doc]| -> Vec<Vec<u32>> {
        docs.iter()
            .map(|d| d.gold.keys().copied().collect())
            .collect()
    };
    // Fit the pair model on train, gold mentions within gold topics.
    let t = Instant::now();
    let train_m = build(&train, &gold_heads(&train), &vectors, &words);
    let train_sims = doc_vectors(&train);
    let pairs = training_pairs(&train, &train_m, &train_sims);
    let mut model = Model::fit(&pairs, 0.5);
    println!(
        "pair model fitted on {} train pairs ({} coreferent) in {:.1} s: {}",
        pairs.len(),
        pairs.iter().filter(|p| p.1).count(),
        t.elapsed().as_secs_f64(),
        FEATURE_NAMES
            .iter()
            .zip(model.weights)
            .map(|(n, w)| format!("{n} {w:+.2}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let detector = Detector::learn(&train);
    // Choose on dev: the clustering threshold (gold mentions, gold topics) and the detector's
    // threshold (mention F1 on dev).
    let dev_sims = doc_vectors(&dev);
    let dev_gold = build(&dev, &gold_heads(&dev), &vectors, &words);
    let dev_topics = groups(&dev, &|d| d.topic.to_string());
    let mut best = (f64::MIN, 0.5);
    for k in 4..=39 {
        let th = f64::from(k) * 0.025;
        model.threshold = th;
        let s = evaluate(
            &dev,
            &dev_gold,
            &run(
                &dev,
                &dev_gold,
                &dev_topics,
                &dev_sims,
                &Method::Model(&model),
            ),
        );
        println!("  dev threshold {th:.2}: CoNLL {:.1}", 100.0 * s.conll());
        if s.conll() > best.0 {
            best = (s.conll(), th);
        }
    }
    model.threshold = best.1;
    // The detector's threshold is chosen by what it is for: the CoNLL F1 of the pair model on
    // dev, predicted mentions within gold topics (mention F1 is printed beside it).
    let mut best_m = (f64::MIN, 0.5, 0.0);
    for k in 3..=12 {
        let th = f64::from(k) * 0.05;
        let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
        let heads: Vec<Vec<u32>> = dev.iter().map(|d| detector.detect(d, th)).collect();
        for (d, p) in dev.iter().zip(&heads) {
            tp += p.iter().filter(|h| d.gold.contains_key(h)).count();
            np += p.len();
            ng += d.gold.len();
        }
        let mention_f = 2.0 * tp as f64 / (np + ng).max(1) as f64;
        let m = build(&dev, &heads, &vectors, &words);
        let s = evaluate(
            &dev,
            &m,
            &run(&dev, &m, &dev_topics, &dev_sims, &Method::Model(&model)),
        );
        println!(
            "  dev detector threshold {th:.2}: mention F1 {:.1}, CoNLL {:.1}",
            100.0 * mention_f,
            100.0 * s.conll()
        );
        if s.conll() > best_m.0 {
            best_m = (s.conll(), th, mention_f);
        }
    }
    println!(
        "chosen on dev: clustering threshold {:.3} (dev CoNLL {:.1}), detector threshold {:.2} (dev CoNLL {:.1}, mention F1 {:.1})",
        model.threshold,
        100.0 * best.0,
        best_m.1,
        100.0 * best_m.0,
        100.0 * best_m.2
    );
    let mut chosen: HashMap<(String, String), f64> = HashMap::new();
    let mut reported = vec![("dev", &dev)];
    if report_test {
        reported.push(("test", &test));
    }
    for (name, docs) in reported {
        let sims = doc_vectors(docs);
        let predicted: Vec<Vec<u32>> = docs.iter().map(|d| detector.detect(d, best_m.1)).collect();
        let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
        for (d, p) in docs.iter().zip(&predicted) {
            tp += p.iter().filter(|h| d.gold.contains_key(h)).count();
            np += p.len();
            ng += d.gold.len();
        }
        println!(
            "\n== {name} ({} documents): predicted mentions {np}, gold {ng}, matched {tp} (P {:.1} R {:.1})",
            docs.len(),
            100.0 * tp as f64 / np.max(1) as f64,
            100.0 * tp as f64 / ng.max(1) as f64
        );
        for (mname, heads) in [
            ("gold mentions", gold_heads(docs)),
            ("predicted mentions", predicted),
        ] {
            let m = build(docs, &heads, &vectors, &words);
            for (gname, gs) in [
                ("gold topics", groups(docs, &|d| d.topic.to_string())),
                ("gold sub-topics", groups(docs, &|d| d.sub.clone())),
                (
                    "predicted sub-topics",
                    groups(docs, &|d| {
                        story_of
                            .get(&d.name)
                            .cloned()
                            .unwrap_or_else(|| d.name.clone())
                    }),
                ),
            ] {
                let t = Instant::now();
                let lemma_s = evaluate(docs, &m, &run(docs, &m, &gs, &sims, &Method::Lemma));
                // Each setting's threshold is chosen on dev and kept for test.
                let key = (mname.to_string(), gname.to_string());
                if name == "dev" {
                    let mut best = (f64::MIN, model.threshold);
                    for k in 28..=39 {
                        let mut mk = model.clone();
                        mk.threshold = f64::from(k) * 0.025;
                        let s = evaluate(docs, &m, &run(docs, &m, &gs, &sims, &Method::Model(&mk)));
                        if s.conll() > best.0 {
                            best = (s.conll(), mk.threshold);
                        }
                    }
                    chosen.insert(key.clone(), best.1);
                }
                let mut setting = model.clone();
                setting.threshold = chosen[&key];
                let model_s = evaluate(
                    docs,
                    &m,
                    &run(docs, &m, &gs, &sims, &Method::Model(&setting)),
                );
                println!(
                    "{}",
                    line(&format!("{mname}, {gname}, same lemma"), &lemma_s)
                );
                println!(
                    "{}  ({:.1} s)",
                    line(
                        &format!("{mname}, {gname}, pair model (t {:.3})", setting.threshold),
                        &model_s
                    ),
                    t.elapsed().as_secs_f64()
                );
            }
        }
    }
    if let Some(path) = emit {
        // The mean similarity of two documents of one train sub-topic.
        let (mut sum, mut n) = (0.0, 0usize);
        for (i, a) in train.iter().enumerate() {
            for (j, b) in train.iter().enumerate().skip(i + 1) {
                if a.sub == b.sub {
                    sum += dot(&train_sims[i], &train_sims[j]);
                    n += 1;
                }
            }
        }
        let story = sum / n.max(1) as f64;
        let mut fitted = model.clone();
        fitted.threshold = chosen[&(
            "predicted mentions".to_string(),
            "gold sub-topics".to_string(),
        )];
        let topics: BTreeSet<u32> = train.iter().map(|d| d.topic).collect();
        let dev_subs: BTreeSet<&str> = dev.iter().map(|d| d.sub.as_str()).collect();
        let (what, flag) = if words.is_empty() {
            (
                "The event pair model `analyze` uses (`events::fitted`), fitted on ECB+ with gold event mentions,\n\
                 without sentence embeddings; written by",
                "--no-embeddings --emit crates/compare/src/events_fitted.rs",
            )
        } else {
            (
                "The event pair model `analyze` uses with a sentence encoder (`events::fitted_with_embeddings`),\n\
                 fitted on ECB+ with gold event mentions, with the all-MiniLM-L6-v2 vectors of their sentences\n\
                 and of their lemmas alone; written by",
                "--emit crates/compare/src/events_fitted_embed.rs",
            )
        };
        let provenance = format!(
            "{what}\n\
             `cargo run --release -p corroborate-compare --example event_coref -- ../shared/benchmarks/ecbplus {flag}`.\n\
             Do not edit: rerun that command.\n\
             \n\
             Fitted on the train topics {} ({} documents, {} pairs within topics), leaving out the\n\
             dev-gold sub-topics {}.\n\
             Threshold chosen on the dev sub-topics {} (predicted mentions within gold sub-topics).",
            topics.iter().map(u32::to_string).collect::<Vec<_>>().join(" "),
            train.len(),
            pairs.len(),
            held.join(" "),
            dev_subs.into_iter().collect::<Vec<_>>().join(" ")
        );
        std::fs::write(&path, events::emit_source(&fitted, story, &provenance))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        println!(
            "wrote {} (threshold {:.3}, story similarity {story:.3})",
            path.display(),
            fitted.threshold
        );
    }
}
