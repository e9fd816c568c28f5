//! Scale benchmark of the story clusterer over a generated stream: ECB+ texts repeated as
//! variants, shuffled, and fed in batches; prints documents/s, peak memory and how the time
//! grows from one size to the next.
//!
//! ```text
//! cargo run --release -p corroborate-resolve --example stories_scale -- ../shared/benchmarks/ecbplus [10000 100000 ...]
//! ```
//!
//! Variant `v` of a document renames, consistently across all of variant `v`, about 70% of the
//! longer words (a suffix per variant), so each variant of a sub-topic is a story of its own
//! that shares some vocabulary with the other variants of its topic, as unrelated stories on
//! the same kind of event do. Each generated document also drops one of its sentences.

use corroborate_resolve::stories::ecbplus;
use corroborate_resolve::stories::{Clusterer, Config, StoryDoc};
use std::time::Instant;

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next() else {
        eprintln!("usage: stories_scale ECBPLUS_DIR [N ...] [--batch B]");
        return std::process::ExitCode::from(2);
    };
    let mut sizes: Vec<usize> = Vec::new();
    let mut batch = 1000usize;
    while let Some(a) = args.next() {
        if a == "--batch" {
            batch = args.next().and_then(|b| b.parse().ok()).unwrap_or(batch);
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
    println!("stream from {} ECB+ texts, batches of {batch}", texts.len());
    println!(
        "{:>9} {:>9} {:>10} {:>9} {:>12} {:>9}",
        "docs", "seconds", "docs/s", "stories", "peak RSS MB", "x time"
    );
    let mut last: Option<(usize, f64)> = None;
    for &n in &sizes {
        let stream = generate(&texts, n);
        let t = Instant::now();
        let mut c = Clusterer::new(Config::default());
        for chunk in stream.chunks(batch) {
            c.add(chunk);
        }
        let stories = c.stories().len();
        let secs = t.elapsed().as_secs_f64();
        let growth = last.map_or(String::from("-"), |(ln, lt)| {
            format!("{:.2} for {:.0}x docs", secs / lt, n as f64 / ln as f64)
        });
        println!(
            "{:>9} {:>9.1} {:>10.0} {:>9} {:>12.0} {:>9}",
            n,
            secs,
            n as f64 / secs,
            stories,
            peak_rss_mb(),
            growth
        );
        last = Some((n, secs));
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

/// `n` documents: document `i` is variant `i / texts.len()` of text `i % texts.len()`, in a
/// shuffled order.
fn generate(texts: &[&str], n: usize) -> Vec<StoryDoc> {
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, (mix(i as u64) % (i as u64 + 1)) as usize);
    }
    order
        .into_iter()
        .map(|i| {
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
                    if v > 0 && alpha && mix(word_hash(&w.to_lowercase()) ^ v as u64) % 10 < 7 {
                        text.push_str(&sfx);
                    }
                }
                text.push('\n');
            }
            StoryDoc::new(format!("g{i:08}"), format!("gen/{i}"), text)
        })
        .collect()
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
