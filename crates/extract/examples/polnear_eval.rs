//! Scores the quote and attribution extractor on PolNeAR: prints P/R/F1 of source, cue and
//! content spans (exact and overlap) for the dev and test splits, and documents per second.
//!
//! `cargo run --release -p corroborate-extract --example polnear_eval -- ../shared/benchmarks/polnear [split...]`
//! Splits default to `dev test`; `train` is accepted for tuning. With `POLNEAR_DUMP=FILE` the
//! predicted spans are also written as TSV (article, role, byte start, byte end) for error study.

use corroborate_extract::quotes::{self, polnear};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: polnear_eval PATH/TO/polnear [split...]");
        return ExitCode::from(2);
    };
    let mut splits: Vec<String> = args.collect();
    if splits.is_empty() {
        splits = vec!["dev".into(), "test".into()];
    }
    for split in splits {
        let dir = root.join("data").join(&split);
        let articles = match polnear::load_split(&dir) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("cannot read {}: {e}", dir.display());
                return ExitCode::from(2);
            }
        };
        let started = Instant::now();
        let mut bytes = 0;
        let predictions: Vec<_> = articles
            .iter()
            .map(|a| {
                bytes += a.text.len();
                let (_, sentences) = corroborate_extract::segment::segment(&a.text);
                quotes::extract(&a.text, &sentences)
            })
            .collect();
        let secs = started.elapsed().as_secs_f64();
        if let Ok(path) = std::env::var("POLNEAR_DUMP") {
            let mut tsv = String::new();
            for (a, p) in articles.iter().zip(&predictions) {
                for (role, s) in polnear::predicted(p) {
                    tsv.push_str(&format!(
                        "{}\t{}\t{}\t{}\n",
                        a.name,
                        role.as_str(),
                        s.start,
                        s.end
                    ));
                }
            }
            if let Err(e) = std::fs::write(format!("{path}.{split}"), tsv) {
                eprintln!("cannot write {path}.{split}: {e}");
            }
        }
        let annotations: usize = articles.iter().map(|a| a.annotations.len()).sum();
        for (label, convention) in [
            ("every annotator", polnear::Convention::AllAnnotators),
            ("first annotator", polnear::Convention::FirstAnnotator),
        ] {
            let mut total = polnear::Scores::default();
            for (a, p) in articles.iter().zip(&predictions) {
                total.add(&polnear::score_article(a, p, convention));
            }
            println!("## PolNeAR {split}: {} articles, {annotations} annotation files, scored against {label}\n", articles.len());
            println!("{}", total.table());
        }
        println!(
            "speed ({split}): {:.0} documents/s, {:.1} MB/s (segmentation + extraction, one thread)\n",
            articles.len() as f64 / secs,
            bytes as f64 / secs / 1e6
        );
    }
    ExitCode::SUCCESS
}
