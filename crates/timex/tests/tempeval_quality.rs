//! Quality gate: TempEval-3 scores must not fall below the recorded level. Reads the benchmark
//! from ../shared/benchmarks/tempeval3 (or $TEMPEVAL3_DIR) and skips, saying so, when absent.

use corroborate_timex::tempeval::{evaluate, read_timeml, Counts};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    match std::env::var_os("TEMPEVAL3_DIR") {
        Some(d) => PathBuf::from(d),
        // `shared/benchmarks` beside the repository (or beside a folder above it).
        None => {
            let here = Path::new(env!("CARGO_MANIFEST_DIR"));
            here.ancestors()
                .map(|a| a.join("shared/benchmarks/tempeval3"))
                .find(|p| p.is_dir())
                .unwrap_or_else(|| {
                    panic!(
                        "TempEval-3 not found in shared/benchmarks beside {}: set TEMPEVAL3_DIR",
                        here.display()
                    )
                })
        }
    }
}

fn score_dir(dir: &Path) -> Option<Counts> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).ok()? {
            let p = e.ok()?.path();
            // TBAQ-cleaned/testpipeline holds a second copy of TimeBank's AP900815-0044.
            if p.is_dir() && !p.ends_with("testpipeline") {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "tml") {
                files.push(p);
            }
        }
    }
    let mut total = Counts::default();
    for f in files {
        let xml = std::fs::read_to_string(&f).ok()?;
        let doc = read_timeml(&xml).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        total.add(evaluate(&doc).1);
    }
    Some(total)
}

fn gate(split: &str, strict_min: f64, relaxed_min: f64, value_min: f64) {
    let dir = root().join(split);
    let Some(c) = score_dir(&dir).filter(|c| c.gold > 0) else {
        panic!(
            "TempEval-3 not found at {}: set TEMPEVAL3_DIR or put the benchmarks at ../shared/benchmarks beside the repository",
            dir.display()
        );
    };
    let (s, r, v) = (c.strict_prf().2, c.relaxed_prf().2, c.value_f1());
    eprintln!("{split}: strict F1 {s:.4}, relaxed F1 {r:.4}, value F1 {v:.4}");
    assert!(
        s >= strict_min,
        "{split}: strict F1 {s:.4} fell below {strict_min}"
    );
    assert!(
        r >= relaxed_min,
        "{split}: relaxed F1 {r:.4} fell below {relaxed_min}"
    );
    assert!(
        v >= value_min,
        "{split}: value F1 {v:.4} fell below {value_min}"
    );
}

/// The tuning split: thresholds just under the measured scores, so any regression shows.
#[test]
fn tbaq_scores_hold() {
    gate("Training/TBAQ-cleaned", 0.865, 0.93, 0.78);
}

/// The test split: a looser floor; rules are never fitted to it.
#[test]
fn platinum_scores_hold() {
    gate("Evaluation/te3-platinum", 0.80, 0.90, 0.75);
}
