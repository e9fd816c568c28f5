//! CPU cost per document of the stages that claim frames add, measured on real news text: the
//! parse (`extract::syntax`), the frames (words, predicate, agent, negation of every sentence,
//! `compare::frames`) and the values (`compare::values::values_in`), plus for reference the time
//! expressions and quantities the values read. Each stage runs over every document in its own
//! pass on one thread; the time is the thread's own CPU time (Linux `schedstat`), so other jobs
//! on the machine do not inflate it.
//!
//! `cargo run --release -p corroborate-compare --example stage_cost -- [ECBPLUS_DIR] [--docs N]`
//! (default `../shared/benchmarks/ecbplus`, every document of ECB+). `--dump FILE` also writes
//! every parse (document, sentence span, each word's span, tags, lemma, features, head and
//! relation), to check that a faster parse gives the same outputs byte for byte. `--model FILE`
//! parses with that syntax model file instead of the bundled one (to time two models alike).

use corroborate_compare::frames::Words;
use corroborate_compare::{values, DocInput};
use corroborate_extract::syntax::{Parser, Syntax};
use corroborate_model::Document;
use corroborate_resolve::stories::ecbplus;

/// Nanoseconds this thread has run on a CPU.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .expect("/proc/thread-self/schedstat (Linux) gives the thread's CPU time")
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let start = cpu_ns();
    let out = f();
    (out, (cpu_ns() - start) as f64 / 1e6)
}

fn main() {
    let mut dir = std::path::PathBuf::from("../shared/benchmarks/ecbplus");
    let mut limit = usize::MAX;
    let mut dump: Option<std::path::PathBuf> = None;
    let mut model: Option<std::path::PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--docs" => limit = args.next().and_then(|n| n.parse().ok()).expect("--docs N"),
            "--dump" => dump = Some(args.next().expect("--dump FILE").into()),
            "--model" => model = Some(args.next().expect("--model FILE").into()),
            _ => dir = a.into(),
        }
    }
    let corpus = ecbplus::read_corpus(&dir).unwrap_or_else(|e| {
        eprintln!("stage_cost: {e}; pass the ECB+ folder");
        std::process::exit(2)
    });
    let docs: Vec<Document> = corpus
        .iter()
        .take(limit)
        .flat_map(|d| {
            corroborate_ingest::read_bytes(&d.name, d.text.as_bytes())
                .documents
                .into_iter()
                .map(corroborate_extract::segment::segmented)
        })
        .collect();
    let n = docs.len() as f64;
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let parser = match &model {
        Some(path) => Parser::load(path).expect("a syntax model file"),
        None => Parser::bundled().expect("the bundled syntax model"),
    };
    // Loaded once per process (as in a run): not part of any document's cost.
    corroborate_extract::lexicon::Lexicon::bundled();
    let (times, t_times) = timed(|| {
        docs.iter()
            .map(|d| corroborate_timex::extract(&d.text, d.meta.published))
            .collect::<Vec<_>>()
    });
    let (quantities, t_quant) = timed(|| {
        docs.iter()
            .map(|d| corroborate_extract::quantities::extract(&d.text))
            .collect::<Vec<_>>()
    });
    let (parses, t_parse) = timed(|| {
        docs.iter()
            .map(|d| parser.parse_document(d))
            .collect::<Vec<Syntax>>()
    });
    if let Some(path) = &dump {
        use std::fmt::Write;
        let mut out = String::new();
        for (d, p) in docs.iter().zip(&parses) {
            for s in &p.sentences {
                let _ = writeln!(out, "# {} {}..{}", d.source, s.span.start, s.span.end);
                for t in &s.tokens {
                    let head = t.head.map_or(0, |h| h + 1);
                    let (a, b) = (t.span.start, t.span.end);
                    let _ = writeln!(
                        out,
                        "{a}..{b}\t{}\t{}\t{}\t{}\t{}\t{head}\t{}",
                        t.span.slice(&d.text),
                        t.upos,
                        t.xpos,
                        t.lemma,
                        t.feats,
                        t.deprel
                    );
                }
            }
        }
        std::fs::write(path, out).expect("writing the dump");
    }
    let (words, t_frames) = timed(|| {
        let mut out: Vec<Vec<Words>> = Vec::new();
        let mut preds = 0usize;
        for (d, p) in docs.iter().zip(&parses) {
            let ws: Vec<Words> = p
                .sentences
                .iter()
                .map(|s| Words::from_syntax(&d.text, s))
                .collect();
            for w in &ws {
                if let Some(v) = w.predicate() {
                    preds += usize::from(w.agent(v).is_some()) + usize::from(w.negated(v));
                }
            }
            out.push(ws);
        }
        std::hint::black_box(preds);
        out
    });
    let (n_values, t_values) = timed(|| {
        let mut count = 0;
        for (i, d) in docs.iter().enumerate() {
            let input = DocInput::of(d, &times[i], &quantities[i], &parses[i]);
            for (s, w) in parses[i].sentences.iter().zip(&words[i]) {
                count += values::values_in(&input, s.span, w).len();
            }
        }
        count
    });
    println!(
        "{} documents ({:.0} bytes, {:.1} sentences on average), {n_values} values; CPU ms per average document, one thread:",
        docs.len(),
        bytes as f64 / n,
        sentences as f64 / n
    );
    for (stage, ms) in [
        ("parse", t_parse),
        ("frames", t_frames),
        ("values", t_values),
    ] {
        println!("  {stage:<8} {:7.3}", ms / n);
    }
    println!(
        "  {:<8} {:7.3}  (parse + frames + values)",
        "new",
        (t_parse + t_frames + t_values) / n
    );
    println!(
        "  inputs the values read: time expressions {:.3}, quantities {:.3}",
        t_times / n,
        t_quant / n
    );
}
