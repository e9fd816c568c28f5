//! Scores story clustering against ECB+ sub-topics with B-cubed, checks that batches give the
//! same stories as one shot, and clusters ECB+ together with the bundled sample corpus.
//!
//! ```text
//! cargo run --release -p corroborate-resolve --example stories_eval -- ../shared/benchmarks/ecbplus \
//!     [--sample examples/syria-2024-12] [--set merge_threshold=0.25 ...] [--tune]
//! ```
//!
//! `--tune` sweeps the merge threshold on train+dev topics only and prints the table; it never
//! looks at test topics.

use corroborate_entities::ner::Tagger;
use corroborate_resolve::stories::bcubed::{self, BCubed};
use corroborate_resolve::stories::ecbplus::{self, EcbDoc, Split};
use corroborate_resolve::stories::entities::document_entities;
use corroborate_resolve::stories::{Clusterer, Config, StoryDoc};
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::Instant;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut root: Option<PathBuf> = None;
    let mut sample: Option<PathBuf> = Some(PathBuf::from("examples/syria-2024-12"));
    let mut sets: Vec<String> = Vec::new();
    let mut tune = false;
    let mut errors = false;
    let mut embeddings = false;
    let mut entities = true;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--sample" => sample = args.next().map(PathBuf::from),
            "--no-sample" => sample = None,
            "--set" => sets.extend(args.next()),
            "--tune" => tune = true,
            "--errors" => errors = true,
            "--embeddings" => embeddings = true,
            "--no-entities" => entities = false,
            _ => root = Some(PathBuf::from(a)),
        }
    }
    let Some(root) = root else {
        eprintln!("usage: stories_eval ECBPLUS_DIR [--sample DIR | --no-sample] [--set key=value]... [--tune] [--errors] [--embeddings]");
        return ExitCode::from(2);
    };
    let config = match configure(&sets) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let corpus = match ecbplus::read_corpus(&root) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    println!("ECB+: {} documents, {} gold stories", corpus.len(), {
        let mut g: Vec<&str> = corpus.iter().map(|d| d.gold.as_str()).collect();
        g.sort();
        g.dedup();
        g.len()
    });
    if entities {
        let t = Instant::now();
        let tagger = Tagger::load_default().expect("the bundled tagger loads");
        let map: HashMap<String, Vec<String>> = corpus
            .iter()
            .map(|d| {
                let (_, sentences) = corroborate_extract::segment::segment(&d.text);
                (
                    d.name.clone(),
                    document_entities(&tagger, &d.text, &sentences),
                )
            })
            .collect();
        println!(
            "entities of {} documents from the entity stage in {:.1} s",
            map.len(),
            t.elapsed().as_secs_f64()
        );
        let _ = ENTITIES.set(map);
        let _ = TAGGER.set(tagger);
    }
    if embeddings {
        match embed_corpus(&corpus, sample.as_deref()) {
            Ok(n) => println!("embedded the leads of {n} documents (all-MiniLM-L6-v2)"),
            Err(e) => {
                eprintln!("error: --embeddings: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if tune {
        run_tune(&corpus, &config);
        return ExitCode::SUCCESS;
    }
    if errors {
        show_errors(&corpus, &config);
        return ExitCode::SUCCESS;
    }

    let pick = |f: &dyn Fn(Split) -> bool| -> Vec<&EcbDoc> {
        corpus
            .iter()
            .filter(|d| f(ecbplus::split_of(d.topic)))
            .collect()
    };
    println!("\nB-cubed against sub-topics (each split clustered on its own):");
    println!(
        "{:<12} {:>6} {:>7} {:>7} {:>7} {:>8} {:>9}",
        "set", "docs", "P", "R", "F1", "stories", "docs/s"
    );
    let mut whole_f1 = 0.0;
    for (name, docs) in [
        ("test 36-45", pick(&|s| s == Split::Test)),
        ("dev", pick(&|s| s == Split::Dev)),
        ("train", pick(&|s| s == Split::Train)),
        ("train+dev", pick(&|s| s != Split::Test)),
        ("whole", pick(&|_| true)),
    ] {
        let (s, stories, rate) = evaluate(&docs, &config);
        println!(
            "{:<12} {:>6} {:>7.4} {:>7.4} {:>7.4} {:>8} {:>9.0}",
            name, s.items, s.precision, s.recall, s.f1, stories, rate
        );
        if name == "whole" {
            whole_f1 = s.f1;
        }
    }

    // Batches against one shot: the whole corpus in a scrambled order, in uneven batches.
    let docs: Vec<StoryDoc> = corpus.iter().map(story_doc).collect();
    let mut one = Clusterer::new(config.clone());
    one.add(&docs);
    let mut scrambled = docs.clone();
    scramble(&mut scrambled, 0x5eed);
    let mut batched = Clusterer::new(config.clone());
    let mut start = 0;
    for size in [1usize, 7, 50, 120, 300].iter().cycle() {
        if start >= scrambled.len() {
            break;
        }
        let end = (start + size).min(scrambled.len());
        batched.add(&scrambled[start..end]);
        start = end;
    }
    let equal = one.stories() == batched.stories();
    println!(
        "\nbatches (1, 7, 50, 120, 300, … in scrambled order) == one shot: {}",
        if equal { "yes" } else { "NO" }
    );
    if !equal {
        let a = one.stories();
        let b = batched.stories();
        println!(
            "  one shot {} stories, batched {} stories",
            a.len(),
            b.len()
        );
    }

    if let Some(dir) = sample {
        sample_with_ecb(&dir, &docs, &config);
    }
    println!("\nwhole-corpus B3 F1 {:.4} (target 0.95)", whole_f1);
    ExitCode::SUCCESS
}

fn configure(sets: &[String]) -> Result<Config, String> {
    let mut v = serde_json::to_value(Config::default()).map_err(|e| e.to_string())?;
    for s in sets {
        let (k, val) = s
            .split_once('=')
            .ok_or_else(|| format!("--set wants key=value, got {s}"))?;
        let obj = v.as_object_mut().ok_or("config is an object")?;
        if !obj.contains_key(k) {
            return Err(format!("no config field {k}"));
        }
        let parsed: serde_json::Value =
            serde_json::from_str(val).map_err(|e| format!("{k}: {e}"))?;
        obj.insert(k.to_string(), parsed);
    }
    serde_json::from_value(v).map_err(|e| e.to_string())
}

/// Clusters `docs` in one batch and scores against their gold sub-topics.
fn evaluate(docs: &[&EcbDoc], config: &Config) -> (BCubed, usize, f64) {
    let input: Vec<StoryDoc> = docs.iter().map(|d| story_doc(d)).collect();
    let t = Instant::now();
    let mut c = Clusterer::new(config.clone());
    c.add(&input);
    let stories = c.stories();
    let secs = t.elapsed().as_secs_f64();
    let mut predicted = HashMap::new();
    for s in &stories {
        for d in &s.documents {
            predicted.insert(d.clone(), s.id.clone());
        }
    }
    let gold: HashMap<String, String> = docs
        .iter()
        .map(|d| (d.name.clone(), d.gold.clone()))
        .collect();
    (
        bcubed::score(&predicted, &gold),
        stories.len(),
        docs.len() as f64 / secs,
    )
}

fn run_tune(corpus: &[EcbDoc], base: &Config) {
    let docs: Vec<&EcbDoc> = corpus
        .iter()
        .filter(|d| ecbplus::split_of(d.topic) != Split::Test)
        .collect();
    println!("tuning on train+dev ({} documents)", docs.len());
    // Each line of TUNE_GRID (env) is a set of key=value pairs; the default sweeps the threshold.
    let grid = std::env::var("TUNE_GRID").unwrap_or_else(|_| {
        [0.12, 0.15, 0.18, 0.2, 0.22, 0.25]
            .iter()
            .map(|t| format!("merge_threshold={t}"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    for line in grid.lines().filter(|l| !l.trim().is_empty()) {
        let mut v = serde_json::to_value(base).expect("config serializes");
        for kv in line.split_whitespace() {
            let Some((k, val)) = kv.split_once('=') else {
                continue;
            };
            if let (Some(obj), Ok(x)) = (v.as_object_mut(), serde_json::from_str(val)) {
                obj.insert(k.to_string(), x);
            }
        }
        let Ok(c) = serde_json::from_value::<Config>(v) else {
            println!("{line}: bad config");
            continue;
        };
        let (s, n, _) = evaluate(&docs, &c);
        println!(
            "{:<60} P {:.4} R {:.4} F1 {:.4} stories {}",
            line, s.precision, s.recall, s.f1, n
        );
    }
}

/// A fixed pseudo-random permutation (xorshift), so the check is the same on every run.
fn scramble<T>(v: &mut [T], seed: u64) {
    let mut x = seed;
    for i in (1..v.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v.swap(i, (x % (i as u64 + 1)) as usize);
    }
}

/// Feeds ECB+ and the sample corpus together and reports where the sample documents went.
fn sample_with_ecb(dir: &std::path::Path, ecb: &[StoryDoc], config: &Config) {
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(r) => r
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect(),
        Err(e) => {
            println!("\nsample corpus {}: not read ({e})", dir.display());
            return;
        }
    };
    paths.sort();
    let mut sample = Vec::new();
    for p in &paths {
        let source = p.display().to_string();
        let out = corroborate_ingest::read_file(p, &source, corroborate_ingest::DEFAULT_MAX_BYTES);
        for d in out
            .documents
            .into_iter()
            .map(corroborate_extract::segment::segmented)
        {
            // As the CLI does: a date from the text's time expressions when nothing else gave one.
            let published = d.meta.published.or_else(|| {
                let times = corroborate_timex::extract(&d.text, None);
                corroborate_timex::infer_document_date(&d.text, &times).map(|x| x.0)
            });
            sample.push(StoryDoc {
                id: d.id.0.clone(),
                source: d.source.clone(),
                text: d.text.clone(),
                title: d.meta.title.clone(),
                published,
                duplicate_of: None,
                entities: TAGGER
                    .get()
                    .map(|t| document_entities(t, &d.text, &d.sentences))
                    .unwrap_or_default(),
                embedding: EMBEDDINGS.get().and_then(|m| m.get(&d.id.0).cloned()),
                times: None,
            });
        }
    }
    let mut all: Vec<StoryDoc> = ecb.to_vec();
    all.extend(sample.iter().cloned());
    let mut one = Clusterer::new(config.clone());
    one.add(&all);
    // The same documents in three batches: sample first, then ECB+ in two halves.
    let mut batched = Clusterer::new(config.clone());
    batched.add(&sample);
    let half = ecb.len() / 2;
    batched.add(&ecb[half..]);
    batched.add(&ecb[..half]);
    let stories = one.stories();
    println!("\nsample corpus, pairwise similarity:");
    for (i, a) in sample.iter().enumerate() {
        let row: Vec<String> = sample
            .iter()
            .map(|b| format!("{:.3}", one.similarity_of(&a.id, &b.id).unwrap_or(0.0)))
            .collect();
        println!("  {i} {} {:?}", row.join(" "), a.published);
    }
    println!("what the sample documents are compared on (heaviest terms):");
    for (i, a) in sample.iter().enumerate() {
        let top: Vec<String> = one
            .top_terms(&a.id, 30)
            .into_iter()
            .map(|(t, w)| format!("{t} {w:.1}"))
            .collect();
        println!("  {i}: {}", top.join(", "));
    }
    println!("what the sample documents share (term: share of the similarity):");
    for (i, a) in sample.iter().enumerate() {
        for (j, b) in sample.iter().enumerate().skip(i + 1) {
            let shared: Vec<String> = one
                .shared_terms(&a.id, &b.id, 8)
                .into_iter()
                .map(|(t, w)| format!("{t} {w:.3}"))
                .collect();
            println!("  {i}-{j}: {}", shared.join(", "));
        }
    }
    let mut holding: Vec<&str> = Vec::new();
    for s in &stories {
        let n = s
            .documents
            .iter()
            .filter(|d| sample.iter().any(|x| &x.id == *d))
            .count();
        if n > 0 {
            holding.push(&s.id);
            println!(
                "\nsample corpus ({} documents) + ECB+: story {} holds {} sample and {} other documents; label: {}",
                sample.len(),
                s.id,
                n,
                s.documents.len() - n,
                s.label
            );
            for d in &s.documents {
                println!("  {}", one.source_of(d).unwrap_or(d));
            }
        }
    }
    println!(
        "sample corpus is one story: {}; batches == one shot: {}; {} stories in all",
        if holding.len() == 1 { "yes" } else { "NO" },
        if batched.stories() == stories {
            "yes"
        } else {
            "NO"
        },
        stories.len()
    );
}

/// Prints, for train+dev topics, every story that mixes gold sub-topics and every sub-topic
/// spread over several stories.
fn show_errors(corpus: &[EcbDoc], config: &Config) {
    let docs: Vec<StoryDoc> = corpus
        .iter()
        .filter(|d| ecbplus::split_of(d.topic) != Split::Test)
        .map(story_doc)
        .collect();
    let gold: HashMap<&str, &str> = corpus
        .iter()
        .map(|d| (d.name.as_str(), d.gold.as_str()))
        .collect();
    let mut c = Clusterer::new(config.clone());
    c.add(&docs);
    let mut spread: HashMap<&str, Vec<usize>> = HashMap::new();
    for s in c.stories() {
        let mut count: std::collections::BTreeMap<&str, usize> = Default::default();
        for d in &s.documents {
            *count.entry(gold[d.as_str()]).or_default() += 1;
        }
        for (g, n) in &count {
            spread.entry(g).or_default().push(*n);
        }
        if count.len() > 1 {
            println!(
                "mixed {:>3} docs {:?}  [{}]",
                s.documents.len(),
                count,
                s.label
            );
        }
    }
    let mut split: Vec<_> = spread.into_iter().filter(|(_, v)| v.len() > 1).collect();
    split.sort();
    for (g, v) in split {
        println!("split {g}: {v:?}");
    }
}

/// Lead embeddings by document id (ECB+ name or sample id), when `--embeddings` is given.
static EMBEDDINGS: OnceLock<HashMap<String, Vec<f32>>> = OnceLock::new();
/// Entity names of each ECB+ document (unless `--no-entities`), and the tagger for the sample.
static ENTITIES: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
static TAGGER: OnceLock<Tagger> = OnceLock::new();

/// Bytes of each document's text the encoder reads (with its title), as the CLI does.
const LEAD_BYTES: usize = 1500;

fn story_doc(d: &EcbDoc) -> StoryDoc {
    let mut s = d.to_story_doc();
    s.entities = ENTITIES
        .get()
        .and_then(|m| m.get(&s.id).cloned())
        .unwrap_or_default();
    s.embedding = EMBEDDINGS.get().and_then(|m| m.get(&s.id).cloned());
    s
}

/// Embeds the lead of every ECB+ and sample document with the real model (fetched by
/// `scripts/models/fetch-minilm.sh`); the vectors are cached in `.cache/stories/`.
fn embed_corpus(corpus: &[EcbDoc], sample: Option<&std::path::Path>) -> Result<usize, String> {
    let mut items: Vec<(String, String)> = corpus
        .iter()
        .map(|d| {
            let s = d.to_story_doc();
            let lead = corroborate_resolve::stories::lead(s.title.as_deref(), &s.text, LEAD_BYTES);
            (s.id, lead)
        })
        .collect();
    if let Some(dir) = sample {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| e.to_string())?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        paths.sort();
        for p in paths {
            let source = p.display().to_string();
            let out =
                corroborate_ingest::read_file(&p, &source, corroborate_ingest::DEFAULT_MAX_BYTES);
            for d in out
                .documents
                .into_iter()
                .map(corroborate_extract::segment::segmented)
            {
                let lead = corroborate_resolve::stories::lead(
                    d.meta.title.as_deref(),
                    &d.text,
                    LEAD_BYTES,
                );
                items.push((d.id.0.clone(), lead));
            }
        }
    }
    let cache = PathBuf::from(".cache/stories/lead-embeddings.json");
    let mut known: HashMap<String, Vec<f32>> = std::fs::read_to_string(&cache)
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    // Keyed by the lead itself, so a change in what is read never reuses a stale vector.
    let missing: Vec<&(String, String)> = items
        .iter()
        .filter(|(_, l)| !known.contains_key(l))
        .collect();
    if !missing.is_empty() {
        let model = corroborate_embed::Embedder::load_default().map_err(|e| e.to_string())?;
        let t = Instant::now();
        let texts: Vec<&str> = missing.iter().map(|(_, l)| l.as_str()).collect();
        let vectors = model.embed(&texts).map_err(|e| e.to_string())?;
        println!(
            "embedded {} leads in {:.1} s",
            texts.len(),
            t.elapsed().as_secs_f64()
        );
        for ((_, l), v) in missing.iter().zip(vectors) {
            known.insert(l.clone(), v);
        }
        std::fs::create_dir_all(".cache/stories").map_err(|e| e.to_string())?;
        std::fs::write(
            &cache,
            serde_json::to_string(&known).map_err(|e| e.to_string())?,
        )
        .map_err(|e| e.to_string())?;
    }
    let by_id: HashMap<String, Vec<f32>> = items
        .iter()
        .map(|(id, l)| (id.clone(), known[l].clone()))
        .collect();
    let n = by_id.len();
    EMBEDDINGS
        .set(by_id)
        .map_err(|_| "embeddings set twice".to_string())?;
    Ok(n)
}
