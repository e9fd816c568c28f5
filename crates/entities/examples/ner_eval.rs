//! NER evaluation: CoNLL exact-span P/R/F1 per type (PER, ORG, LOC) and sentences/s on MEANTIME
//! (held-out corpora airbus + gm; the annotated first sentences of each article) and ECB+ test
//! topics 36–45 (the sentences listed in ECBplus_coreference_sentences.csv) and GUM test (every
//! sentence; named mentions as `support/gum.rs` reads them), optionally with spaCy en_core_web_sm
//! run on the very same sentences by `scripts/ner/peer_spacy.py` and scored by the same code.
//!
//! Both systems' fine labels (PER ORG GPE LOC FAC NORP MISC) go through one mapping, [`coarse`]:
//! GPE, LOC and FAC are LOC; NORP is LOC on MEANTIME, whose guidelines annotate a nationality
//! adjective as a mention of its country ("the Italian company" → Italy, LOC), and MISC on ECB+
//! (the CoNLL convention), where it is scored as nothing. Gold person spans are names without
//! titles (see `ner_cat::person_name`).
//!
//! `cargo run --release -p corroborate-entities --example ner_eval -- ../shared/benchmarks [--peer]
//!  [--split test|dev] [--model FILE] [--out DIR]`

#[path = "ner_cat.rs"]
mod cat;
#[path = "support/gum.rs"]
mod gum;

use corroborate_entities::ner::score::{iob2_spans, LabelledSpan, Scores};
use corroborate_entities::ner::tags::TAG_NAMES;
use corroborate_entities::ner::Tagger;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// MEANTIME corpora held out from training (training uses apple + stock).
const MEANTIME_HELD_OUT: [&str; 2] = ["corpus_airbus", "corpus_gm"];
/// MEANTIME dev: corpus_stock and every other corpus_apple article (the second, fourth, … file in
/// name order), left out of training by `scripts/ner/sweep.sh` (same rule as `DEV_DOC` there).
fn meantime_dev(corpus: &str, index: usize) -> bool {
    corpus == "corpus_stock" || (corpus == "corpus_apple" && index % 2 == 1)
}
const ECB_TEST: std::ops::RangeInclusive<u32> = 36..=45;
const ECB_DEV: [u32; 8] = [2, 5, 12, 18, 21, 23, 34, 35];
const TYPES: [&str; 3] = ["PER", "ORG", "LOC"];

struct Sentence {
    /// Index of its document in the set (a document's sentences are consecutive).
    doc: usize,
    tokens: Vec<String>,
    gold: Vec<LabelledSpan>,
}

struct EvalSet {
    name: String,
    /// What a NORP label counts as on this set (see [`coarse`]).
    norp: &'static str,
    sentences: Vec<Sentence>,
    /// Per document: its sentences that are not scored (context for the tagger only).
    context: Vec<Vec<Vec<String>>>,
}

fn sentences_of(doc: cat::CatDoc, keep: impl Fn(u32) -> bool) -> (Vec<Sentence>, Vec<Vec<String>>) {
    let mut by_sent: Vec<(u32, Sentence)> = Vec::new();
    for (i, tok) in doc.tokens.iter().enumerate() {
        let s = doc.sentence_of[i];
        if by_sent.last().is_none_or(|(id, _)| *id != s) {
            by_sent.push((
                s,
                Sentence {
                    doc: 0,
                    tokens: Vec::new(),
                    gold: Vec::new(),
                },
            ));
        }
        by_sent.last_mut().unwrap().1.tokens.push(tok.clone());
    }
    // Token index -> (sentence slot, offset within it).
    let mut starts = Vec::new();
    let mut pos = 0;
    for (_, s) in &by_sent {
        starts.push(pos);
        pos += s.tokens.len();
    }
    for (a, b, ty) in doc.mentions {
        let slot = starts.partition_point(|&st| st <= a) - 1;
        let off = starts[slot];
        if b - off <= by_sent[slot].1.tokens.len() {
            by_sent[slot].1.gold.push((a - off, b - off, ty));
        }
    }
    // Unscored sentences stay as document context (tokens only, no gold), after the scored ones.
    let (scored, rest): (Vec<_>, Vec<_>) = by_sent.into_iter().partition(|(id, _)| keep(*id));
    let context = rest.into_iter().map(|(_, s)| s.tokens).collect();
    (scored.into_iter().map(|(_, s)| s).collect(), context)
}

fn add_doc(
    sentences: &mut Vec<Sentence>,
    context: &mut Vec<Vec<Vec<String>>>,
    mut scored: Vec<Sentence>,
    rest: Vec<Vec<String>>,
) {
    if scored.is_empty() {
        return;
    }
    scored.iter_mut().for_each(|s| s.doc = context.len());
    sentences.extend(scored);
    context.push(rest);
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))
}

fn xml_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("listing {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Lowercase words of all MEANTIME and ECB+ documents (see `cat::named_parts`).
fn lowercase_vocabulary(bench: &Path) -> Result<HashSet<String>, String> {
    let mut dirs = Vec::new();
    for corpus in ["corpus_airbus", "corpus_apple", "corpus_gm", "corpus_stock"] {
        dirs.push(bench.join("meantime/intra-doc_annotation").join(corpus));
    }
    let ecb = bench.join("ecbplus/ECB+_LREC2014/ECB+");
    for t in 1..=45 {
        if ecb.join(t.to_string()).is_dir() {
            dirs.push(ecb.join(t.to_string()));
        }
    }
    let mut texts = Vec::new();
    for d in dirs {
        for f in xml_files(&d)? {
            texts.push(read(&f)?);
        }
    }
    Ok(cat::lowercase_words(texts.iter().map(String::as_str)))
}

fn load_meantime(
    bench: &Path,
    lower: &HashSet<String>,
    corpora: &[&str],
    keep: impl Fn(&str, usize) -> bool,
    name: &str,
) -> Result<EvalSet, String> {
    let (mut sentences, mut context) = (Vec::new(), Vec::new());
    for corpus in corpora {
        let files = xml_files(&bench.join("meantime/intra-doc_annotation").join(corpus))?;
        for (_, f) in files.iter().enumerate().filter(|(i, _)| keep(corpus, *i)) {
            let doc = cat::meantime(&read(f)?, lower);
            let until = doc.annotated_until;
            let (scored, rest) = sentences_of(doc, |s| s <= until);
            add_doc(&mut sentences, &mut context, scored, rest);
        }
    }
    Ok(EvalSet {
        name: name.into(),
        norp: "LOC",
        sentences,
        context,
    })
}

fn load_ecbplus(
    bench: &Path,
    lower: &HashSet<String>,
    topics: &[u32],
    name: &str,
) -> Result<EvalSet, String> {
    let base = bench.join("ecbplus/ECB+_LREC2014");
    let csv = read(&base.join("ECBplus_coreference_sentences.csv"))?;
    let mut annotated: HashMap<String, HashSet<u32>> = HashMap::new();
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.trim().split(',').collect();
        if let [topic, file, sent] = f[..] {
            if let Ok(s) = sent.parse() {
                annotated
                    .entry(format!("{topic}_{file}"))
                    .or_default()
                    .insert(s);
            }
        }
    }
    let (mut sentences, mut context) = (Vec::new(), Vec::new());
    for t in topics {
        for f in xml_files(&base.join("ECB+").join(t.to_string()))? {
            let stem = f.file_stem().unwrap().to_string_lossy().to_string();
            let Some(keep) = annotated.get(&stem) else {
                continue;
            };
            let (scored, rest) =
                sentences_of(cat::ecbplus(&read(&f)?, lower), |s| keep.contains(&s));
            add_doc(&mut sentences, &mut context, scored, rest);
        }
    }
    Ok(EvalSet {
        name: name.into(),
        norp: "MISC",
        sentences,
        context,
    })
}

/// GUM's documents of one split (`gum::gum_split`), every sentence scored. GUM annotates every
/// entity mention, so its named ones are complete gold; NORP is MISC, as on ECB+.
fn load_gum(bench: &Path, split: &str, name: &str) -> Result<EvalSet, String> {
    let (mut sentences, mut context) = (Vec::new(), Vec::new());
    for (path, s) in gum::gum_split(&bench.join("gum/dep"))? {
        if s != split {
            continue;
        }
        let scored = gum::gum_sentences(&read(&path)?)
            .into_iter()
            .map(|g| Sentence {
                doc: 0,
                tokens: g.words,
                gold: g.names,
            })
            .collect();
        add_doc(&mut sentences, &mut context, scored, Vec::new());
    }
    Ok(EvalSet {
        name: name.into(),
        norp: "MISC",
        sentences,
        context,
    })
}

/// The scored label of a fine IOB2 label (`B-GPE` → `B-LOC`), the same for every system.
fn coarse(label: &str, norp: &str) -> String {
    let Some((bio, ty)) = label.split_once('-') else {
        return "O".into();
    };
    let ty = match ty {
        "PER" | "PERSON" => "PER",
        "ORG" => "ORG",
        "GPE" | "LOC" | "FAC" => "LOC",
        "NORP" => norp,
        _ => "MISC",
    };
    format!("{bio}-{ty}")
}

fn write_conll(path: &Path, set: &EvalSet, labels: Option<&[Vec<&str>]>) -> Result<(), String> {
    let mut out = String::new();
    for (k, s) in set.sentences.iter().enumerate() {
        let mut gold = vec!["O".to_string(); s.tokens.len()];
        for (a, b, ty) in &s.gold {
            gold[*a] = format!("B-{ty}");
            for g in &mut gold[a + 1..*b] {
                *g = format!("I-{ty}");
            }
        }
        for (i, tok) in s.tokens.iter().enumerate() {
            let tok = if tok.chars().any(char::is_whitespace) {
                tok.replace(char::is_whitespace, "_")
            } else {
                tok.clone()
            };
            let _ = write!(out, "{tok}\t{}", gold[i]);
            if let Some(l) = labels {
                let _ = write!(out, "\t{}", l[k][i]);
            }
            out.push('\n');
        }
        out.push('\n');
    }
    std::fs::write(path, out).map_err(|e| format!("writing {}: {e}", path.display()))
}

/// Predicted labels (last column) of a CoNLL file, one Vec per sentence.
fn read_predictions(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let text = read(path)?;
    let mut out = vec![Vec::new()];
    for line in text.lines() {
        if line.trim().is_empty() {
            if !out.last().unwrap().is_empty() {
                out.push(Vec::new());
            }
            continue;
        }
        out.last_mut()
            .unwrap()
            .push(line.rsplit('\t').next().unwrap_or("O").to_string());
    }
    if out.last().unwrap().is_empty() {
        out.pop();
    }
    Ok(out)
}

/// Scores fine predicted labels, NORP counted as `norp`.
fn score(set: &EvalSet, pred: &[Vec<String>], norp: &str) -> Result<Scores, String> {
    if pred.len() != set.sentences.len() {
        return Err(format!(
            "{}: {} predicted sentences for {} gold",
            set.name,
            pred.len(),
            set.sentences.len()
        ));
    }
    let mut s = Scores::default();
    for (sent, p) in set.sentences.iter().zip(pred) {
        let labels: Vec<String> = p.iter().map(|l| coarse(l, norp)).collect();
        let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
        s.add(&sent.gold, &iob2_spans(&labels), &TYPES);
    }
    Ok(s)
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut bench = PathBuf::from("../shared/benchmarks");
    let mut full_context = false;
    let (mut peer, mut split, mut model, mut out) = (
        false,
        "test".to_string(),
        None,
        PathBuf::from(".cache/ner/eval"),
    );
    while let Some(a) = args.next() {
        match a.as_str() {
            "--peer" => peer = true,
            "--full-context" => full_context = true,
            "--split" => split = args.next().ok_or("--split needs test or dev")?,
            "--model" => model = Some(PathBuf::from(args.next().ok_or("--model needs a file")?)),
            "--out" => out = PathBuf::from(args.next().ok_or("--out needs a directory")?),
            _ if a.starts_with("--") => return Err(format!("unknown flag {a}")),
            _ => bench = PathBuf::from(a),
        }
    }
    let lower = lowercase_vocabulary(&bench)?;
    let sets = match split.as_str() {
        "test" => {
            let topics: Vec<u32> = ECB_TEST.collect();
            vec![
                load_meantime(&bench, &lower, &MEANTIME_HELD_OUT, |_, _| true, "meantime")?,
                load_ecbplus(&bench, &lower, &topics, "ecbplus")?,
                load_gum(&bench, "test", "gum")?,
            ]
        }
        // meantime-dev is part of the training corpora of the shipped model: only meaningful for
        // a model trained without it (as scripts/ner/sweep.sh does).
        "dev" => vec![
            load_ecbplus(&bench, &lower, &ECB_DEV, "ecbplus-dev")?,
            load_meantime(
                &bench,
                &lower,
                &["corpus_apple", "corpus_stock"],
                meantime_dev,
                "meantime-dev",
            )?,
            load_gum(&bench, "dev", "gum-dev")?,
        ],
        other => return Err(format!("unknown split {other}")),
    };
    std::fs::create_dir_all(&out).map_err(|e| format!("creating {}: {e}", out.display()))?;
    let tagger = match &model {
        Some(p) => Tagger::load(p),
        None => Tagger::load_default(),
    }
    .map_err(|e| e.to_string())?;
    println!("model: {} features", tagger.model().n_features());
    for set in &sets {
        let gold_path = out.join(format!("{}.gold.conll", set.name));
        write_conll(&gold_path, set, None)?;
    }
    if peer {
        let names: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
        let status = Command::new("python3")
            .arg("scripts/ner/peer_spacy.py")
            .arg(&out)
            .args(&names)
            .status()
            .map_err(|e| format!("running scripts/ner/peer_spacy.py: {e}"))?;
        if !status.success() {
            return Err("scripts/ner/peer_spacy.py failed".into());
        }
    }
    for set in &sets {
        let toks: Vec<Vec<&str>> = set
            .sentences
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let mut best = f64::INFINITY;
        let mut labels = Vec::new();
        let mut tagged = 0;
        for _ in 0..3 {
            let t = Instant::now();
            labels.clear();
            tagged = 0;
            let mut i = 0;
            for doc in set.sentences.chunk_by(|a, b| a.doc == b.doc) {
                let mut sents = toks[i..i + doc.len()].to_vec();
                if full_context {
                    let ctx = &set.context[doc[0].doc];
                    sents.extend(ctx.iter().map(|s| s.iter().map(String::as_str).collect()));
                }
                tagged += sents.len();
                let mut l: Vec<Vec<&str>> = tagger
                    .tag_document_indices(&sents)
                    .into_iter()
                    .map(|s| s.into_iter().map(|t| TAG_NAMES[t]).collect())
                    .collect();
                l.truncate(doc.len());
                labels.extend(l);
                i += doc.len();
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        write_conll(
            &out.join(format!("{}.ours.conll", set.name)),
            set,
            Some(&labels),
        )?;
        let pred: Vec<Vec<String>> = labels
            .iter()
            .map(|l| l.iter().map(|s| s.to_string()).collect())
            .collect();
        let n = set.sentences.len();
        let ours = score(set, &pred, set.norp)?;
        println!(
            "\n=== {} ({} sentences, {} gold mentions) ===",
            set.name,
            n,
            ours.gold_count(None)
        );
        print!(
            "{}",
            ours.table(&format!(
                "corroborate ner: {:.0} sentences/s (1 thread; {tagged} sentences tagged{})",
                tagged as f64 / best,
                if full_context {
                    ", unscored ones as document context"
                } else {
                    ""
                }
            ))
        );
        let conll_f1 = |pred: &[Vec<String>]| -> Result<f64, String> {
            Ok(100.0 * score(set, pred, "MISC")?.prf(None).2)
        };
        if set.norp != "MISC" {
            println!(
                "  (NORP scored as MISC instead: all F1 {:.1})",
                conll_f1(&pred)?
            );
        }
        if peer {
            let pred = read_predictions(&out.join(format!("{}.spacy.conll", set.name)))?;
            let secs: f64 = read(&out.join(format!("{}.spacy.time", set.name)))?
                .trim()
                .parse()
                .map_err(|e| format!("spaCy timing: {e}"))?;
            let theirs = score(set, &pred, set.norp)?;
            print!(
                "{}",
                theirs.table(&format!(
                    "spaCy en_core_web_sm: {:.0} sentences/s (NER only)",
                    n as f64 / secs
                ))
            );
            if set.norp != "MISC" {
                println!(
                    "  (NORP scored as MISC instead: all F1 {:.1})",
                    conll_f1(&pred)?
                );
            }
            let ratio = (tagged as f64 / best) / (n as f64 / secs);
            println!("speed ratio ours/spaCy (sentences/s): {ratio:.1}x");
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ner_eval: {e}");
            ExitCode::FAILURE
        }
    }
}
