//! Alignment across outlets on ECB+ (several outlets per real event), lexical and with sentence
//! embeddings, and the same two runs on the sample corpus.
//!
//! `cargo run --release -p corroborate-compare --example align_eval -- ../shared/benchmarks/ecbplus [test|dev|train] [SAMPLES]`
//!
//! Each ECB+ sub-topic (one real event, several outlets) is analyzed as one story. Reported per
//! method: aligned groups, how many span two or more outlets (three or more), the aligned
//! sentence pairs across documents and their precision and recall against ECB+'s gold
//! cross-document event coreference (two sentences speak about the same thing when they mention
//! one gold event chain; only the sentences ECB+ annotated are scored, the rest are not gold
//! either way), documents per second of the whole comparison, and a sample of multi-outlet groups
//! for review. The model comes from `scripts/models/fetch-minilm.sh`.

use corroborate_compare::{analyze_with, Analysis, SentenceEncoder};
use corroborate_embed::Embedder;
use corroborate_model::Document;
use corroborate_resolve::stories::ecbplus::{self, Split};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

struct Minilm(Embedder);

impl SentenceEncoder for Minilm {
    fn name(&self) -> String {
        "all-MiniLM-L6-v2".into()
    }
    fn encode(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, String> {
        self.0.embed(sentences).map_err(|e| e.to_string())
    }
}

/// Gold of one file: sentence number → the cross-document event chains it mentions, and the
/// text lines in the order the reader wrote them (line i is sentence `lines[i]`).
struct Gold {
    chains: HashMap<u32, BTreeSet<String>>,
    lines: Vec<u32>,
}

fn read_gold(path: &Path) -> Gold {
    let xml = std::fs::read_to_string(path).expect("read ECB+ file");
    let token = Regex::new(r#"<token t_id="(\d+)" sentence="(\d+)""#).unwrap();
    let mut sentence_of: HashMap<u32, u32> = HashMap::new();
    let mut lines: Vec<u32> = Vec::new();
    for c in token.captures_iter(&xml) {
        let (t, s): (u32, u32) = (c[1].parse().unwrap(), c[2].parse().unwrap());
        sentence_of.insert(t, s);
        if lines.last() != Some(&s) {
            lines.push(s);
        }
    }
    if path.to_string_lossy().ends_with("ecbplus.xml") {
        lines.retain(|&s| s != 0);
    }
    // Mentions: m_id → sentence of its first anchor token.
    let mention =
        Regex::new(r#"(?s)<(ACTION_\w+|NEG_ACTION_\w+)[^>]*m_id="(\d+)"[^>]*>(.*?)</"#).unwrap();
    let anchor = Regex::new(r#"t_id="(\d+)""#).unwrap();
    let mut mention_sentence: HashMap<u32, u32> = HashMap::new();
    for c in mention.captures_iter(&xml) {
        if let Some(a) = anchor.captures(&c[3]) {
            let t: u32 = a[1].parse().unwrap();
            if let Some(&s) = sentence_of.get(&t) {
                mention_sentence.insert(c[2].parse().unwrap(), s);
            }
        }
    }
    let chain = Regex::new(
        r#"(?s)<CROSS_DOC_COREF[^>]*note="((?:ACT|NEG)\w+)"[^>]*>(.*?)</CROSS_DOC_COREF>"#,
    )
    .unwrap();
    let source = Regex::new(r#"<source m_id="(\d+)""#).unwrap();
    let mut chains: HashMap<u32, BTreeSet<String>> = HashMap::new();
    for c in chain.captures_iter(&xml) {
        for s in source.captures_iter(&c[2]) {
            let m: u32 = s[1].parse().unwrap();
            if let Some(&sent) = mention_sentence.get(&m) {
                chains.entry(sent).or_default().insert(c[1].to_string());
            }
        }
    }
    Gold { chains, lines }
}

#[derive(Default)]
struct Tally {
    groups: usize,
    multi2: usize,
    multi3: usize,
    pairs: usize,
    scored: usize,
    correct: usize,
    gold_pairs: usize,
    found_gold: usize,
    docs: usize,
    secs: f64,
    embedded: usize,
    samples: Vec<String>,
}

fn main() {
    let parser = corroborate_extract::syntax::Parser::bundled().expect("the bundled syntax model");
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "../shared/benchmarks/ecbplus".into()),
    );
    let split = match args.next().as_deref().unwrap_or("test") {
        "dev" => Split::Dev,
        "train" => Split::Train,
        _ => Split::Test,
    };
    let n_samples: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(6);
    let embedder = match Embedder::load_default() {
        Ok(e) => Some(Minilm(e)),
        Err(e) => {
            eprintln!("align_eval: no sentence embeddings ({e}); lexical only");
            None
        }
    };
    let annotated: HashSet<(String, u32)> = {
        let csv = std::fs::read_to_string(
            ecbplus::locate(&root)
                .expect("ECB+ folder")
                .parent()
                .unwrap()
                .join("ECBplus_coreference_sentences.csv"),
        )
        .expect("ECBplus_coreference_sentences.csv");
        csv.lines()
            .skip(1)
            .filter_map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                Some((
                    format!("{}_{}.xml", f.first()?, f.get(1)?),
                    f.get(2)?.trim().parse().ok()?,
                ))
            })
            .collect()
    };
    let corpus = ecbplus::read_corpus(&root).expect("ECB+ corpus");
    let dir = ecbplus::locate(&root).unwrap();
    let mut by_story: BTreeMap<String, Vec<&ecbplus::EcbDoc>> = BTreeMap::new();
    for d in corpus
        .iter()
        .filter(|d| ecbplus::split_of(d.topic) == split)
    {
        by_story.entry(d.gold.clone()).or_default().push(d);
    }
    let methods: Vec<(&str, Option<&dyn SentenceEncoder>)> = match &embedder {
        Some(m) => vec![
            ("lexical", None),
            ("embeddings", Some(m as &dyn SentenceEncoder)),
        ],
        None => vec![("lexical", None)],
    };
    let mut tallies: Vec<Tally> = methods.iter().map(|_| Tally::default()).collect();
    for (story, files) in &by_story {
        let docs: Vec<Document> = files
            .iter()
            .flat_map(|f| {
                corroborate_ingest::read_bytes(&f.name, f.text.as_bytes())
                    .documents
                    .into_iter()
                    .map(corroborate_extract::segment::segmented)
            })
            .collect();
        let golds: Vec<Gold> = files
            .iter()
            .map(|f| read_gold(&dir.join(f.topic.to_string()).join(&f.name)))
            .collect();
        let annotations = corroborate_compare::Annotations::of(&docs, &parser);
        let inputs = annotations.inputs(&docs);
        // ECB+ sentence number of each claim's sentence: the line of the reader's text it sits on.
        let sentence_no = |a: &Analysis, c: usize| -> Option<(usize, u32)> {
            let claim = &a.claims[c];
            let fi = files
                .iter()
                .position(|f| f.name == docs[claim.doc].source)?;
            let s = claim.sentence.slice(&docs[claim.doc].text).trim();
            let probe: String = s.chars().take(40).collect();
            let line = files[fi].text.lines().position(|l| l.contains(&probe))?;
            Some((fi, *golds[fi].lines.get(line)?))
        };
        // All gold pairs among annotated sentences of different documents.
        let mut gold_sents: Vec<(usize, u32, &BTreeSet<String>)> = Vec::new();
        for (fi, g) in golds.iter().enumerate() {
            for (s, ch) in &g.chains {
                if annotated.contains(&(files[fi].name.clone(), *s)) {
                    gold_sents.push((fi, *s, ch));
                }
            }
        }
        let mut gold_pairs: HashSet<((usize, u32), (usize, u32))> = HashSet::new();
        for (i, a) in gold_sents.iter().enumerate() {
            for b in &gold_sents[i + 1..] {
                if a.0 != b.0 && a.2.intersection(b.2).next().is_some() {
                    gold_pairs.insert(((a.0, a.1).min((b.0, b.1)), (a.0, a.1).max((b.0, b.1))));
                }
            }
        }
        for ((_, enc), t) in methods.iter().zip(tallies.iter_mut()) {
            let start = Instant::now();
            let a = analyze_with(&inputs, *enc);
            t.secs += start.elapsed().as_secs_f64();
            t.docs += docs.len();
            t.embedded += a.alignment.sentences_embedded;
            t.gold_pairs += gold_pairs.len();
            let mut found: HashSet<((usize, u32), (usize, u32))> = HashSet::new();
            for c in &a.comparisons {
                t.groups += 1;
                let members: Vec<usize> = c
                    .positions
                    .iter()
                    .flat_map(|p| p.claims.iter().copied())
                    .collect();
                let outlets: BTreeSet<usize> = members.iter().map(|&m| a.claims[m].doc).collect();
                if outlets.len() >= 2 {
                    t.multi2 += 1;
                }
                if outlets.len() >= 3 {
                    t.multi3 += 1;
                }
                if outlets.len() >= 2 && t.samples.len() < n_samples && t.groups % 7 == 1 {
                    let mut s = format!("{story} {:?} {:?} — {}", c.verdict, c.kind, c.topic);
                    for &m in members.iter().take(4) {
                        let cl = &a.claims[m];
                        let txt: String = cl
                            .sentence
                            .slice(&docs[cl.doc].text)
                            .chars()
                            .take(110)
                            .collect();
                        s.push_str(&format!("\n      [{}] {}", docs[cl.doc].source, txt.trim()));
                    }
                    t.samples.push(s);
                }
                for (i, &x) in members.iter().enumerate() {
                    for &y in &members[i + 1..] {
                        if a.claims[x].doc == a.claims[y].doc {
                            continue;
                        }
                        t.pairs += 1;
                        let (Some(sx), Some(sy)) = (sentence_no(&a, x), sentence_no(&a, y)) else {
                            continue;
                        };
                        let key = (sx.min(sy), sx.max(sy));
                        let both_annotated = annotated.contains(&(files[sx.0].name.clone(), sx.1))
                            && annotated.contains(&(files[sy.0].name.clone(), sy.1));
                        if !both_annotated || !found.insert(key) {
                            continue;
                        }
                        t.scored += 1;
                        if gold_pairs.contains(&key) {
                            t.correct += 1;
                        }
                    }
                }
            }
            t.found_gold += found.iter().filter(|k| gold_pairs.contains(k)).count();
        }
    }
    println!(
        "ECB+ {split:?} split: {} stories (sub-topics)",
        by_story.len()
    );
    for ((name, _), t) in methods.iter().zip(&tallies) {
        let p = t.correct as f64 / t.scored.max(1) as f64;
        let r = t.found_gold as f64 / t.gold_pairs.max(1) as f64;
        println!(
            "{name:>10}: {} groups, {} across ≥2 outlets, {} across ≥3; {} cross-document sentence pairs, {} scored: precision {:.3}, recall {:.3} (gold pairs {}); {} sentences embedded; {:.1} documents/s ({} documents in {:.1} s)",
            t.groups, t.multi2, t.multi3, t.pairs, t.scored, p, r, t.gold_pairs, t.embedded,
            t.docs as f64 / t.secs.max(1e-9), t.docs, t.secs
        );
        for s in &t.samples {
            println!("    {s}");
        }
    }
}
