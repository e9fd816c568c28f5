//! Scores the comparison against the development gold (`data/devgold/`, rules and matching in
//! its README): for each gold ECB+ sub-topic, its documents are analyzed as one story, and the
//! reported comparisons are matched to the gold conflicts, tensions, updates and agreements.
//!
//! `cargo run --release -p corroborate-compare --example devgold_eval -- [--ecbplus DIR] [--gold DIR] [--align lexical|embeddings|both] [--missed] [--text T/sub]`
//!
//! Printed per sub-topic and in total, per alignment method: conflict recall over hard
//! conflicts and over hard + soft, precision of reported conflicts (correct when they match a
//! gold conflict, tension or update), agreement recall, and updates (found as a disagreement /
//! called an update). Every wrong reported conflict is printed with its positions' words, so it
//! can be reviewed; `--missed` also lists the gold items not found. `--text T/sub` prints the
//! sub-topic's documents as the gold's phrases are written against (for annotators);
//! `--values T/sub` prints its claims' values with what their slots are made of, then the
//! groups the alignment made of them.
//!
//! The documents go through the same steps as `align_eval`: ingest, time expressions and
//! quantities and the parse of every sentence (`Annotations::of`), `analyze_with`. The sentence encoder is all-MiniLM-L6-v2 from
//! `scripts/models/fetch-minilm.sh`.

use corroborate_compare::eval::devgold::{self, Outcome, Reported, Score, SubTopic};
use corroborate_compare::{analyze_with, Analysis, SentenceEncoder};
use corroborate_embed::Embedder;
use corroborate_model::Document;
use corroborate_resolve::stories::ecbplus;
use std::collections::BTreeMap;
use std::path::PathBuf;
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

struct Args {
    ecbplus: PathBuf,
    gold: PathBuf,
    align: String,
    missed: bool,
    text: Option<String>,
    values: Option<String>,
}

fn args() -> Args {
    let mut a = Args {
        ecbplus: PathBuf::from("../shared/benchmarks/ecbplus"),
        gold: PathBuf::from("data/devgold"),
        align: "both".into(),
        missed: false,
        text: None,
        values: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        match x.as_str() {
            "--ecbplus" => a.ecbplus = it.next().expect("--ecbplus DIR").into(),
            "--gold" => a.gold = it.next().expect("--gold DIR").into(),
            "--align" => a.align = it.next().expect("--align lexical|embeddings|both"),
            "--missed" => a.missed = true,
            "--text" => a.text = it.next(),
            "--values" => a.values = it.next(),
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

/// The comparison's output as the scorer sees it. Verdict and degree are read through serde,
/// so verdicts added later (an `update`) are scored without changing this file.
fn reported(a: &Analysis, docs: &[Document]) -> Vec<Reported> {
    let word = |v: serde_json::Value| v.as_str().map(str::to_string);
    a.comparisons
        .iter()
        .map(|c| Reported {
            id: c.id.clone(),
            topic: c.topic.clone(),
            verdict: word(serde_json::to_value(c.verdict).unwrap()).unwrap_or_default(),
            degree: c
                .degree
                .and_then(|d| word(serde_json::to_value(d).unwrap())),
            positions: c
                .positions
                .iter()
                .map(|p| {
                    p.spans
                        .iter()
                        .map(|&(ci, span)| (docs[a.claims[ci].doc].source.clone(), span))
                        .collect()
                })
                .collect(),
        })
        .collect()
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "   –  ".into()
    } else {
        format!("{:5.1}%", 100.0 * n as f64 / d as f64)
    }
}

fn row(name: &str, s: &Score) -> String {
    format!(
        "{name:<12} {:>6} ({:>2}/{:<2}) {:>6} ({:>2}/{:<2}) {:>6} ({:>2}/{:<2}) {:>6} ({:>3}/{:<3}) {:>2}/{:<2}/{:<2}",
        pct(s.hard_found, s.hard_conflicts),
        s.hard_found,
        s.hard_conflicts,
        pct(s.conflicts_found, s.conflicts),
        s.conflicts_found,
        s.conflicts,
        pct(s.reported_correct, s.reported_conflicts),
        s.reported_correct,
        s.reported_conflicts,
        pct(s.agreements_found, s.agreements),
        s.agreements_found,
        s.agreements,
        s.updates_found,
        s.updates_called,
        s.updates,
    )
}

/// A position's words, for review: its value and the first words of each statement.
fn words(r: &Reported, texts: &BTreeMap<String, String>) -> String {
    r.positions
        .iter()
        .map(|p| {
            p.iter()
                .take(3)
                .map(|(d, s)| {
                    let t: String = texts[d][s.start..s.end].chars().take(70).collect();
                    format!("[{d}] {:?}", t.trim())
                })
                .collect::<Vec<_>>()
                .join(" + ")
        })
        .collect::<Vec<_>>()
        .join("  ≠  ")
}

/// The values the comparison read inside a gold statement's phrase, with their slot words:
/// whether a miss comes from reading (no value) or from alignment (values that did not meet).
fn side_values(a: &Analysis, docs: &[Document], side: &devgold::Statement) -> String {
    let Some(di) = docs.iter().position(|d| d.source == side.doc) else {
        return format!("[{}] not read", side.doc);
    };
    let text = &docs[di].text;
    let Some(range) = devgold::locate(text, &side.phrase) else {
        return format!("[{}] phrase not in text", side.doc);
    };
    let vals: Vec<String> = a
        .claims
        .iter()
        .filter(|c| c.doc == di)
        .flat_map(|c| c.values.iter().map(move |v| (c, v)))
        .filter(|(_, v)| v.span.overlaps(range))
        .map(|(c, v)| {
            format!(
                "{:?} «{}» head={:?}{} role={:?} agent={:?} pred={:?}",
                v.kind,
                v.span.slice(text),
                v.head,
                if v.has_noun { "(noun)" } else { "" },
                v.role,
                v.agent,
                c.predicate
            )
        })
        .collect();
    if vals.is_empty() {
        format!("[{}] no value", side.doc)
    } else {
        format!("[{}] {}", side.doc, vals.join("; "))
    }
}

/// Every claim with values, and each value's slot (for `--values T/sub`).
fn print_values(a: &Analysis, docs: &[Document]) {
    for c in a.claims.iter().filter(|c| !c.values.is_empty()) {
        let text = &docs[c.doc].text;
        println!(
            "{} [{}] pred={:?} «{}»",
            c.id,
            docs[c.doc].source,
            c.predicate,
            c.sentence.slice(text).chars().take(140).collect::<String>()
        );
        for v in &c.values {
            println!(
                "    {:?} «{}» {}..{} head={:?} noun={} role={:?} agent={:?}",
                v.kind,
                v.span.slice(text),
                v.lo,
                v.hi,
                v.head,
                v.has_noun,
                v.role,
                v.agent
            );
        }
    }
    // The groups of values the alignment made, each with its verdict and positions.
    for k in a.comparisons.iter().filter(|k| k.value_kind.is_some()) {
        let sides: Vec<String> = k
            .positions
            .iter()
            .map(|p| {
                let at: Vec<String> = p
                    .spans
                    .iter()
                    .map(|&(c, s)| {
                        let c = &a.claims[c];
                        format!("{}«{}»", c.id, s.slice(&docs[c.doc].text))
                    })
                    .collect();
                at.join(" ")
            })
            .collect();
        println!(
            "{} {:?} {:?}: {}",
            k.id,
            k.value_kind,
            k.verdict,
            sides.join("  |  ")
        );
    }
}

fn main() {
    let parser = corroborate_extract::syntax::Parser::bundled().expect("the bundled syntax model");
    let args = args();
    let corpus = ecbplus::read_corpus(&args.ecbplus).unwrap_or_else(|e| {
        eprintln!("devgold_eval: {e}; pass --ecbplus DIR");
        std::process::exit(2)
    });
    if let Some(sub) = &args.text {
        for d in corpus.iter().filter(|d| &d.gold == sub) {
            println!("=== {}\n{}\n", d.name, devgold::detokenize(&d.text));
        }
        return;
    }
    let mut golds: Vec<SubTopic> = std::fs::read_dir(&args.gold)
        .unwrap_or_else(|e| panic!("{}: {e}", args.gold.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let json = std::fs::read_to_string(&p).unwrap();
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect();
    golds.sort_by_key(|g| {
        let (t, s) = g.subtopic.split_once('/').unwrap_or((&g.subtopic, ""));
        (t.parse::<u32>().unwrap_or(0), s.to_string())
    });
    let embedder = if args.align == "lexical" {
        None
    } else {
        match Embedder::load_default() {
            Ok(e) => Some(Minilm(e)),
            Err(e) => {
                eprintln!("devgold_eval: no sentence embeddings ({e}); lexical only");
                None
            }
        }
    };
    let mut methods: Vec<(&str, Option<&dyn SentenceEncoder>)> = Vec::new();
    if args.align != "embeddings" {
        methods.push(("lexical", None));
    }
    if let Some(m) = &embedder {
        methods.push(("embeddings", Some(m as &dyn SentenceEncoder)));
    }
    for (method, encoder) in methods {
        let mut total = Score::default();
        let mut lines = Vec::new();
        let mut review = Vec::new();
        let (mut n_docs, mut secs) = (0usize, 0.0f64);
        for g in &golds {
            let docs: Vec<Document> = corpus
                .iter()
                .filter(|d| d.gold == g.subtopic)
                .flat_map(|d| {
                    let text = devgold::detokenize(&d.text);
                    corroborate_ingest::read_bytes(&d.name, text.as_bytes())
                        .documents
                        .into_iter()
                        .map(corroborate_extract::segment::segmented)
                })
                .collect();
            let texts: BTreeMap<String, String> = docs
                .iter()
                .map(|d| (d.source.clone(), d.text.clone()))
                .collect();
            let annotations = corroborate_compare::Annotations::of(&docs, &parser);
            let inputs = annotations.inputs(&docs);
            let start = Instant::now();
            let analysis = analyze_with(&inputs, encoder);
            secs += start.elapsed().as_secs_f64();
            n_docs += docs.len();
            if args.values.as_deref() == Some(g.subtopic.as_str()) {
                print_values(&analysis, &docs);
            }
            let reps = reported(&analysis, &docs);
            let Outcome {
                score,
                missed,
                wrong,
            } = devgold::score(g, &texts, &reps);
            lines.push(row(&g.subtopic, &score));
            total.add(&score);
            for &w in &wrong {
                let r = &reps[w];
                review.push(format!(
                    "  {} {} {}{}: {}",
                    g.subtopic,
                    r.id,
                    r.verdict,
                    r.degree
                        .as_deref()
                        .map(|d| format!("/{d}"))
                        .unwrap_or_default(),
                    words(r, &texts)
                ));
            }
            if args.missed {
                for &m in &missed {
                    let it = &g.items[m];
                    review.push(format!(
                        "  missed {} {:?}/{:?} {:?} {}: [{}] {:?} / [{}] {:?}",
                        g.subtopic,
                        it.kind,
                        it.hardness,
                        it.slot,
                        it.what,
                        it.a.doc,
                        it.a.phrase,
                        it.b.doc,
                        it.b.phrase
                    ));
                    for side in [&it.a, &it.b] {
                        review.push(format!("      {}", side_values(&analysis, &docs, side)));
                    }
                }
            }
        }
        println!(
            "\n== dev gold, alignment {method}: {} sub-topics, {n_docs} documents, comparison {:.1} documents/s",
            golds.len(),
            n_docs as f64 / secs.max(1e-9)
        );
        println!(
            "{:<12} {:>14} {:>14} {:>14} {:>16} {:>8}",
            "sub-topic",
            "hard conflict R",
            "all conflict R",
            "conflict P",
            "agreement R",
            "updates"
        );
        for l in &lines {
            println!("{l}");
        }
        println!("{}", row("TOTAL", &total));
        println!(
            "updates: found as a disagreement / called an update / gold; gold phrases lost in ingest: {}",
            total.lost_phrases
        );
        if !review.is_empty() {
            println!(
                "-- reported conflicts that match no gold conflict{}:",
                if args.missed {
                    ", and gold items missed"
                } else {
                    ""
                }
            );
            for r in &review {
                println!("{r}");
            }
        }
    }
}
