//! Scores `corroborate_timex::extract` on TempEval-3: tuning split (TBAQ-cleaned) and test split
//! (te3-platinum), with documents per second.
//!
//! Usage: `cargo run --release -p corroborate-timex --example tempeval -- ../shared/benchmarks/tempeval3 [--errors SPLIT]`
//! `--errors train` lists every miss, spurious match and wrong value on the tuning split.

use corroborate_timex::tempeval::{align, read_timeml, score, Counts, Outcome, TimeMlDoc};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

fn tml_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        // TBAQ-cleaned/testpipeline holds a second copy of TimeBank's AP900815-0044.
        if p.is_dir() && !p.ends_with("testpipeline") {
            tml_files(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "tml") {
            out.push(p);
        }
    }
    Ok(())
}

fn load(dir: &Path) -> Result<Vec<TimeMlDoc>, String> {
    let mut files = Vec::new();
    tml_files(dir, &mut files).map_err(|e| format!("{}: {e}", dir.display()))?;
    files.sort();
    let mut docs = Vec::new();
    for f in files {
        let xml = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        docs.push(read_timeml(&xml).map_err(|e| format!("{}: {e}", f.display()))?);
    }
    Ok(docs)
}

fn show_errors(docs: &[TimeMlDoc]) {
    for d in docs {
        let sys = corroborate_timex::extract(&d.text, d.dct);
        for o in align(&d.timexes, &sys) {
            match o {
                Outcome::Matched { gold, system } => {
                    let same_span = gold.span == system.span;
                    if gold.value != system.value || !same_span {
                        println!(
                            "{}\tMATCH\t{:?}\t{}\t{}\t| sys {:?}\t{}\t{}",
                            d.id,
                            gold.span.slice(&d.text),
                            gold.kind,
                            gold.value,
                            system.span.slice(&d.text),
                            system.kind.as_timeml(),
                            system.value
                        );
                    }
                }
                Outcome::Missed(g) => {
                    let ctx_start = d.text[..g.span.start]
                        .char_indices()
                        .rev()
                        .nth(30)
                        .map_or(0, |x| x.0);
                    println!(
                        "{}\tMISS\t{:?}\t{}\t{}\t| ...{}",
                        d.id,
                        g.span.slice(&d.text),
                        g.kind,
                        g.value,
                        d.text[ctx_start..g.span.end].replace('\n', " ")
                    );
                }
                Outcome::Spurious(s) => {
                    let ctx_start = d.text[..s.span.start]
                        .char_indices()
                        .rev()
                        .nth(30)
                        .map_or(0, |x| x.0);
                    println!(
                        "{}\tSPUR\t{:?}\t{}\t{}\t| ...{}",
                        d.id,
                        s.span.slice(&d.text),
                        s.kind.as_timeml(),
                        s.value,
                        d.text[ctx_start..s.span.end].replace('\n', " ")
                    );
                }
            }
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(
        args.first()
            .map_or("../shared/benchmarks/tempeval3", |s| s.as_str()),
    );
    let errors_for = args
        .iter()
        .position(|a| a == "--errors")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let splits = [
        (
            "train",
            "TBAQ-cleaned (tuning)",
            root.join("Training/TBAQ-cleaned"),
        ),
        (
            "test",
            "te3-platinum (test)",
            root.join("Evaluation/te3-platinum"),
        ),
    ];
    println!(
        "{:<24} {:>5} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>7} {:>7} | {:>8} {:>6}",
        "split",
        "docs",
        "gold",
        "sys",
        "str-P",
        "str-R",
        "str-F1",
        "rel-P",
        "rel-R",
        "rel-F1",
        "val-F1",
        "type-F1",
        "docs/s",
        "MB/s"
    );
    for (key, name, dir) in splits {
        let docs = load(&dir)?;
        if docs.is_empty() {
            return Err(format!("no .tml files under {}", dir.display()));
        }
        let mut total = Counts::default();
        for d in &docs {
            total.add(score(
                &d.timexes,
                &corroborate_timex::extract(&d.text, d.dct),
            ));
        }
        // Time extraction alone, repeated for at least a second so small splits give a
        // stable rate. Single thread.
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        let t0 = Instant::now();
        let mut passes = 0;
        while passes < 3 || t0.elapsed().as_secs_f64() < 1.0 {
            for d in &docs {
                std::hint::black_box(corroborate_timex::extract(&d.text, d.dct));
            }
            passes += 1;
        }
        let secs = t0.elapsed().as_secs_f64();
        let rate = (docs.len() * passes) as f64 / secs;
        let mbps = (bytes * passes) as f64 / secs / 1e6;
        let (sp, sr, sf) = total.strict_prf();
        let (rp, rr, rf) = total.relaxed_prf();
        println!(
            "{:<24} {:>5} {:>5} {:>5} | {:>6.2} {:>6.2} {:>6.2} | {:>6.2} {:>6.2} {:>6.2} | {:>7.2} {:>7.2} | {:>8.0} {:>6.1}",
            name,
            docs.len(),
            total.gold,
            total.system,
            sp * 100.0,
            sr * 100.0,
            sf * 100.0,
            rp * 100.0,
            rr * 100.0,
            rf * 100.0,
            total.value_f1() * 100.0,
            total.type_f1() * 100.0,
            rate,
            mbps
        );
        if errors_for.as_deref() == Some(key) {
            show_errors(&docs);
        }
    }
    println!("(expressions inside <TEXT> only, as the official toolkit scores; value/type F1 = relaxed F1 x attribute accuracy)");
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("pass the tempeval3 folder, e.g. ../shared/benchmarks/tempeval3");
            ExitCode::FAILURE
        }
    }
}
