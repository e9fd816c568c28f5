//! What each resource costs a run when it loads: the gazetteer (`Gazetteer::load_default`:
//! decompress, parse, index every name), its transliteration index (built by the first look-up
//! that needs it), the WordNet lexicon (`extract::lexicon`, read on first use), the entity
//! tagger and the syntax model, in this thread's CPU time, and the process's peak memory.
//!
//! `cargo run --release -p corroborate-entities --example resources_cost [-- RUNS]` (default 3;
//! each run loads anew, the lexicon only once since it is a process-wide static; the lowest
//! time of each is the one the machine disturbed least).

use corroborate_entities::geo::{Context, Gazetteer};
use corroborate_entities::ner::Tagger;
use corroborate_extract::lexicon::Lexicon;
use corroborate_extract::syntax::Parser;
/// Nanoseconds this thread has run on a CPU.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .expect("/proc/thread-self/schedstat (Linux) gives the thread's CPU time")
}

/// The process's peak resident memory in MB (`VmHWM`).
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .map(|n| n.parse().expect("RUNS: a number"))
        .unwrap_or(3);
    let fail = |what: &str, e: &dyn std::fmt::Display| -> ! {
        eprintln!("resources_cost: {what}: {e}");
        std::process::exit(1)
    };
    let mut best = [f64::MAX; 5];
    let mut timed = |slot: usize, f: &mut dyn FnMut()| {
        let t = cpu_ns();
        f();
        best[slot] = best[slot].min((cpu_ns() - t) as f64 / 1e6);
    };
    timed(2, &mut || {
        let wn = Lexicon::bundled();
        assert!(!wn.synsets("house", None).is_empty());
    });
    for _ in 0..runs {
        let mut gaz = None;
        timed(0, &mut || {
            gaz = Some(Gazetteer::load_default().unwrap_or_else(|e| fail("gazetteer", &e)));
        });
        let gaz = gaz.expect("loaded");
        timed(1, &mut || {
            // Not a name the gazetteer holds as written: only the transliteration key finds it.
            let found = gaz.geocode("Tartoos", &Context::none());
            assert!(found.is_some(), "the transliteration key finds Tartus");
        });
        drop(gaz);
        timed(3, &mut || {
            Tagger::load_default().unwrap_or_else(|e| fail("entity tagger", &e));
        });
        timed(4, &mut || {
            Parser::bundled().unwrap_or_else(|e| fail("syntax model", &e));
        });
    }
    let names = [
        "gazetteer",
        "its transliteration index",
        "WordNet lexicon",
        "entity tagger",
        "syntax model",
    ];
    for (n, t) in names.iter().zip(best) {
        println!("{n:<26} {t:>6.0} ms CPU");
    }
    println!("peak memory {:.0} MB", peak_mb());
}
