//! What the gazetteer costs a run: loading it (`Gazetteer::load_default`: decompress, parse,
//! index every name) and the first look-up by transliteration key, which builds the fallback
//! index, in this thread's CPU time and in peak memory (the process's high-water mark).
//!
//! `cargo run --release -p corroborate-entities --example gazetteer_cost [-- RUNS]` (default 3;
//! each run loads anew; the lowest time is the one the machine disturbed least).

use corroborate_entities::geo::{Context, Gazetteer};

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
    let (mut load, mut first) = (f64::MAX, f64::MAX);
    for _ in 0..runs {
        let t = cpu_ns();
        let gaz = match Gazetteer::load_default() {
            Ok(g) => g,
            Err(e) => {
                eprintln!("gazetteer_cost: {e}");
                std::process::exit(1);
            }
        };
        let t1 = cpu_ns();
        // Not a name the gazetteer holds as written: only the transliteration key finds it.
        let found = gaz.geocode("Tartoos", &Context::none());
        let t2 = cpu_ns();
        assert!(found.is_some(), "the transliteration key finds Tartus");
        load = load.min((t1 - t) as f64 / 1e6);
        first = first.min((t2 - t1) as f64 / 1e6);
        drop(gaz);
    }
    println!(
        "places load {load:.0} ms CPU; first transliteration look-up {first:.0} ms CPU; peak {:.0} MB",
        peak_mb()
    );
}
