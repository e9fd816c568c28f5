//! `corroborate-fuzz`: runs the fuzz targets of `corroborate_fuzz` for a while, flags inputs
//! that panic, take longer than `--max-ms` or push memory past `--max-mb`, and saves each under
//! the findings folder; `replay` regenerates one input from its seed and index.
//!
//! ```sh
//! cargo run --release -p corroborate-fuzz -- run read_html --seconds 60
//! cargo run --release -p corroborate-fuzz -- replay read_html 1 4711 --save crash.html
//! ```

use corroborate_fuzz::{mutate, target, Target, TARGETS};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Opts {
    seconds: u64,
    seed: u64,
    start: u64,
    max_ms: u64,
    max_mb: u64,
    /// Inputs are cut to this many bytes (a quick run on a debug build in CI).
    max_len: usize,
    root: PathBuf,
    out: PathBuf,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let num = |name: &str, default: u64| {
        flag(name).map_or(default, |v| {
            v.parse()
                .unwrap_or_else(|_| fail(&format!("{name} takes a number")))
        })
    };
    let root =
        flag("--root").map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let opts = Opts {
        seconds: num("--seconds", 60),
        seed: num("--seed", 1),
        start: num("--start", 0),
        max_ms: num("--max-ms", 10_000),
        max_mb: num("--max-mb", 1024),
        max_len: num("--max-len", mutate::MAX_LEN as u64) as usize,
        out: flag("--out").map_or_else(|| root.join("findings"), PathBuf::from),
        root,
    };
    match args.first().map(String::as_str) {
        Some("list") => {
            for t in TARGETS {
                println!("{}", t.name);
            }
        }
        Some("run") => {
            let t = args
                .get(1)
                .and_then(|n| target(n))
                .unwrap_or_else(|| fail("run TARGET: see `list`"));
            // The reading threads of the CLI have Rust's default 2 MiB stack: so does the
            // run, so a recursion too deep for them is found here too.
            std::thread::Builder::new()
                .stack_size(2 << 20)
                .spawn(move || run(t, &opts))
                .unwrap_or_else(|e| fail(&format!("cannot start the run: {e}")))
                .join()
                .unwrap_or_else(|_| fail("the run panicked outside a target"));
        }
        Some("replay") => {
            let t = args
                .get(1)
                .and_then(|n| target(n))
                .unwrap_or_else(|| fail("replay TARGET SEED INDEX"));
            let (Some(seed), Some(i)) = (
                args.get(2).and_then(|s| s.parse().ok()),
                args.get(3).and_then(|s| s.parse().ok()),
            ) else {
                fail("replay TARGET SEED INDEX [--save FILE]")
            };
            let mut input = mutate::input(seed, i, &seeds(&opts.root, t), t.dictionary);
            input.truncate(opts.max_len);
            if let Some(path) = flag("--save") {
                std::fs::write(&path, &input).unwrap_or_else(|e| fail(&format!("{path}: {e}")));
                println!("{} bytes saved to {path}", input.len());
            }
            let t0 = Instant::now();
            (t.run)(&input);
            println!("{} bytes in {} ms", input.len(), t0.elapsed().as_millis());
        }
        _ => fail(
            "usage: corroborate-fuzz list | run TARGET [--seconds N --seed S --start I --max-ms MS --max-mb MB --max-len BYTES --out DIR] | replay TARGET SEED INDEX [--max-len BYTES] [--save FILE]",
        ),
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("corroborate-fuzz: {msg}");
    std::process::exit(2)
}

/// The seed corpus of a target, sorted by file name.
fn seeds(root: &Path, t: &Target) -> Vec<Vec<u8>> {
    let dir = root.join("seeds").join(t.seeds);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    if paths.is_empty() {
        fail(&format!("{}: no seeds", dir.display()));
    }
    paths
        .iter()
        .map(|p| std::fs::read(p).unwrap_or_else(|e| fail(&format!("{}: {e}", p.display()))))
        .collect()
}

fn rss_mb() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4096 / (1 << 20)
}

fn save(out: &Path, t: &Target, kind: &str, seed: u64, i: u64, input: &[u8]) -> PathBuf {
    let dir = out.join(t.name);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())));
    let p = dir.join(format!("{kind}-{seed}-{i}.bin"));
    std::fs::write(&p, input).unwrap_or_else(|e| fail(&format!("{}: {e}", p.display())));
    p
}

fn run(t: &'static Target, o: &Opts) {
    let seeds = seeds(&o.root, t);
    std::fs::create_dir_all(&o.out).unwrap_or_else(|e| fail(&format!("{}: {e}", o.out.display())));
    // Where the campaign finds the input that killed the process (stack overflow, abort).
    let status_path = o.out.join(format!("{}.status", t.name));
    let status = std::fs::File::create(&status_path)
        .unwrap_or_else(|e| fail(&format!("{}: {e}", status_path.display())));
    let current = Arc::new(Mutex::new((0u64, Vec::<u8>::new())));
    let started = Arc::new(AtomicU64::new(0));
    let epoch = Instant::now();
    {
        // The watchdog: an input over the time or memory limit is saved, and the run stops.
        let (current, started, out) = (current.clone(), started.clone(), o.out.clone());
        let (seed, max_ms, max_mb) = (o.seed, o.max_ms, o.max_mb);
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_millis(50));
            let s = started.load(Ordering::Acquire);
            let busy_ms = if s == 0 {
                0
            } else {
                (epoch.elapsed().as_nanos() as u64).saturating_sub(s) / 1_000_000
            };
            let mb = rss_mb();
            let kind = if busy_ms > max_ms {
                "slow"
            } else if mb > max_mb {
                "oom"
            } else {
                continue;
            };
            let (i, input) = current.lock().map(|c| c.clone()).unwrap_or_default();
            let p = save(&out, t, kind, seed, i, &input);
            println!(
                "FLAGGED {} {kind}: input {i} ({} bytes) at {busy_ms} ms, {mb} MB: {}",
                t.name,
                input.len(),
                p.display()
            );
            std::process::exit(3);
        });
    }
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map_or(String::new(), |l| format!(" at {}:{}", l.file(), l.line()));
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("?");
        eprintln!("panic{at}: {msg}");
    }));
    let t0 = Instant::now();
    let (mut execs, mut crashes, mut slowest) = (0u64, 0u64, (0u128, 0u64));
    let mut i = o.start;
    while t0.elapsed() < Duration::from_secs(o.seconds) {
        let mut input = mutate::input(o.seed, i, &seeds, t.dictionary);
        input.truncate(o.max_len);
        {
            use std::os::unix::fs::FileExt;
            let line = format!("{} {i:<20}\n", o.seed);
            let _ = status.write_at(line.as_bytes(), 0);
        }
        if let Ok(mut c) = current.lock() {
            *c = (i, input.clone());
        }
        let t1 = Instant::now();
        started.store(epoch.elapsed().as_nanos() as u64 | 1, Ordering::Release);
        let r = std::panic::catch_unwind(|| (t.run)(&input));
        started.store(0, Ordering::Release);
        let ms = t1.elapsed().as_millis();
        if ms > slowest.0 {
            slowest = (ms, i);
        }
        if r.is_err() {
            crashes += 1;
            let p = save(&o.out, t, "crash", o.seed, i, &input);
            println!("FLAGGED {} crash: input {i}: {}", t.name, p.display());
        }
        execs += 1;
        i += 1;
    }
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "{}: {execs} executions in {secs:.0} s ({:.0}/s), {crashes} crashes, slowest input {} ({} ms), memory now {} MB; next --start {i}",
        t.name,
        execs as f64 / secs,
        slowest.1,
        slowest.0,
        rss_mb()
    );
    let _ = std::io::stdout().flush();
    let _ = std::fs::remove_file(&status_path);
    if crashes > 0 {
        std::process::exit(1);
    }
}
