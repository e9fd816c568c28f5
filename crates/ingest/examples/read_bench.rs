//! Reads one input through `read_source` + `read_each` and reports documents/s, the time to
//! the first document and peak memory: the measure for huge and hostile inputs (issue 17).
//!
//! ```sh
//! python3 scripts/hostile/gen_feed.py 100000 /tmp/feed100k.xml
//! cargo run --release -p corroborate-ingest --example read_bench -- /tmp/feed100k.xml
//! ```

use corroborate_ingest::{read_each, read_source, Limits, Source};
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: read_bench FILE [MAX_BYTES]");
        std::process::exit(2);
    };
    let limits = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .map_or_else(Limits::default, Limits::with_max_bytes);
    let t = Instant::now();
    let bytes = match read_source(Source::Path(path.as_ref()), &limits) {
        Ok(b) => b,
        Err(e) => {
            println!("{path}: {e}");
            report(0, 0, None, t);
            return;
        }
    };
    let (mut docs, mut errors, mut first) = (0usize, 0usize, None);
    read_each(&path, &bytes, &limits, &mut |r| {
        match r {
            Ok(_) => docs += 1,
            Err(e) => {
                if errors < 3 {
                    println!("{e}");
                }
                errors += 1;
            }
        }
        first.get_or_insert_with(|| t.elapsed());
    });
    report(docs, errors, first, t);
}

fn report(docs: usize, errors: usize, first: Option<std::time::Duration>, t: Instant) {
    let secs = t.elapsed().as_secs_f64();
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .map_or("unknown".to_string(), |v| v.trim().to_string());
    println!(
        "{docs} documents, {errors} errors in {secs:.1} s ({:.0} documents/s); first after {}; peak memory {peak}",
        docs as f64 / secs,
        first.map_or("-".to_string(), |f| format!("{:.2} s", f.as_secs_f64()))
    );
}
