//! Scale benchmark of the story clusterer over a generated stream: ECB+ texts repeated as
//! variants, shuffled, and fed in batches; prints documents/s, peak memory and how the time
//! grows from one size to the next.
//!
//! ```text
//! cargo run --release -p corroborate-resolve --example stories_scale -- ../shared/benchmarks/ecbplus [10000 100000 ...]
//! ```
//!
//! Variant `v` of a document renames, consistently across all of variant `v`, a share of the
//! longer words (a suffix per variant; `--rename`, default 90%), so each variant of a sub-topic
//! is a story of its own that shares some vocabulary with the other variants of its topic, as
//! unrelated stories on the same kind of event do. Each generated document also drops one of
//! its sentences. With the default, stories keep their size as the stream grows (a stream of a
//! million documents is many stories, not bigger ones); with `--rename 70` the variants of a
//! text share enough to merge, so the largest stories grow with the stream, which is the worst
//! case for reclustering (a story touched by every batch is reclustered whole).

use corroborate_resolve::stories::ecbplus;
use corroborate_resolve::stories::{Clusterer, Config, StoryDoc};
use std::time::Instant;

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next() else {
        eprintln!("usage: stories_scale ECBPLUS_DIR [N ...] [--batch B] [--rename PERCENT] [--set key=value ...] [--state-size]");
        return std::process::ExitCode::from(2);
    };
    let mut sizes: Vec<usize> = Vec::new();
    let mut batch = 1000usize;
    let mut rename = 90u64;
    let mut state_size = false;
    let mut config = serde_json::to_value(Config::default()).expect("config serializes");
    while let Some(a) = args.next() {
        if a == "--state-size" {
            state_size = true;
            continue;
        }
        if a == "--set" {
            let kv = args.next().unwrap_or_default();
            let Some((k, v)) = kv.split_once('=') else {
                eprintln!("--set wants key=value, got {kv}");
                return std::process::ExitCode::from(2);
            };
            match serde_json::from_str(v) {
                Ok(v) if config.get(k).is_some() => config[k] = v,
                _ => {
                    eprintln!("--set {kv}: no such field or not a JSON value");
                    return std::process::ExitCode::from(2);
                }
            }
            continue;
        }
        if a == "--batch" {
            batch = args.next().and_then(|b| b.parse().ok()).unwrap_or(batch);
        } else if a == "--rename" {
            rename = args.next().and_then(|b| b.parse().ok()).unwrap_or(rename);
        } else if let Ok(n) = a.parse() {
            sizes.push(n);
        }
    }
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000];
    }
    let corpus = match ecbplus::read_corpus(std::path::Path::new(&root)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let texts: Vec<&str> = corpus.iter().map(|d| d.text.as_str()).collect();
    println!(
        "stream from {} ECB+ texts, batches of {batch}, {rename}% of longer words renamed per variant",
        texts.len()
    );
    println!(
        "{:>9} {:>9} {:>10} {:>9} {:>8} {:>12} {:>9}",
        "docs", "seconds", "docs/s", "stories", "largest", "peak RSS MB", "x time"
    );
    let mut last: Option<(usize, f64)> = None;
    for &n in &sizes {
        // Documents are generated batch by batch (not all held at once); only `add` is timed.
        let order = shuffled(n);
        let mut c = Clusterer::new(serde_json::from_value(config.clone()).expect("a valid config"));
        let mut secs = 0.0;
        for chunk in order.chunks(batch) {
            let docs: Vec<StoryDoc> = chunk.iter().map(|&i| variant(&texts, i, rename)).collect();
            let t = Instant::now();
            c.add(&docs);
            secs += t.elapsed().as_secs_f64();
        }
        let all = c.stories();
        let stories = all.len();
        let largest = all.first().map_or(0, |s| s.documents.len());
        let growth = last.map_or(String::from("-"), |(ln, lt)| {
            format!("{:.2} for {:.0}x docs", secs / lt, n as f64 / ln as f64)
        });
        println!(
            "{:>9} {:>9.1} {:>10.0} {:>9} {:>8} {:>12.0} {:>9}",
            n,
            secs,
            n as f64 / secs,
            stories,
            largest,
            peak_rss_mb(),
            growth
        );
        last = Some((n, secs));
        if state_size {
            let t = Instant::now();
            let json = serde_json::to_string(&c).expect("the state serializes");
            println!(
                "{:>9} state as the CLI stores it: {:.0} MB of JSON, {:.1} s to write",
                "",
                json.len() as f64 / 1e6,
                t.elapsed().as_secs_f64()
            );
        }
    }
    std::process::ExitCode::SUCCESS
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51afd7ed558ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ceb9fe1a85ec53);
    x ^ (x >> 33)
}

fn word_hash(w: &str) -> u64 {
    w.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

fn suffix(v: usize) -> String {
    let mut s = String::from("q");
    let mut v = v + 1;
    while v > 0 {
        s.push((b'a' + (v % 26) as u8) as char);
        v /= 26;
    }
    s
}

/// The order documents `0..n` arrive in: a fixed shuffle.
fn shuffled(n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, (mix(i as u64) % (i as u64 + 1)) as usize);
    }
    order
}

/// Document `i`: variant `i / texts.len()` of text `i % texts.len()`.
fn variant(texts: &[&str], i: usize, rename: u64) -> StoryDoc {
    let (t, v) = (i % texts.len(), i / texts.len());
    let sfx = suffix(v);
    let lines: Vec<&str> = texts[t].lines().collect();
    let drop = if lines.len() > 2 {
        Some(mix(i as u64 ^ 0xabc) as usize % lines.len())
    } else {
        None
    };
    let mut text = String::with_capacity(texts[t].len() + 256);
    for (li, line) in lines.iter().enumerate() {
        if Some(li) == drop {
            continue;
        }
        for (wi, w) in line.split(' ').enumerate() {
            if wi > 0 {
                text.push(' ');
            }
            text.push_str(w);
            let alpha = w.len() >= 4 && w.bytes().all(|b| b.is_ascii_alphabetic());
            if v > 0 && alpha && mix(word_hash(&w.to_lowercase()) ^ v as u64) % 100 < rename {
                text.push_str(&sfx);
            }
        }
        text.push('\n');
    }
    StoryDoc::new(format!("g{i:08}"), format!("gen/{i}"), text)
}

/// Peak resident set size of this process so far, from /proc (0 where it is not available).
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}
