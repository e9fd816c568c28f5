//! Times the syntax stages apart on one thread: the tagger, the parser alone (on the tagger's
//! tags, inputs built beforehand) and the whole analysis, on the sentences of a text file (one
//! sentence a line, words split at spaces), each the fastest of several passes, in thread CPU
//! time, so that a machine shared with other work disturbs it little.
//!
//! `cargo run --release -p corroborate-extract --example syntax_bench -- FILE [PASSES]`

use corroborate_extract::syntax::Parser;
use std::process::ExitCode;

/// CPU time of the calling thread so far, from Linux's `/proc/thread-self/schedstat`.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    let ns: u64 = stat
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    ns as f64 / 1e9
}

/// The fastest of `passes` runs of `f`, in CPU seconds.
fn fastest(passes: usize, mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut check = 0;
    for _ in 0..passes {
        let t = cpu_seconds();
        check = std::hint::black_box(f());
        best = best.min(cpu_seconds() - t);
    }
    (best, check)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(file) = args.first() else {
        eprintln!("usage: syntax_bench FILE [PASSES]");
        return ExitCode::from(2);
    };
    let passes = args.get(1).and_then(|p| p.parse().ok()).unwrap_or(5);
    let parser = Parser::bundled().expect("the bundled model");
    let text = std::fs::read_to_string(file).expect("the text file");
    let sentences: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|s| !s.is_empty())
        .collect();
    let words: usize = sentences.iter().map(Vec::len).sum();
    let tags: Vec<Vec<usize>> = sentences.iter().map(|s| parser.tagger.tag(s)).collect();
    let inputs: Vec<_> = sentences
        .iter()
        .zip(&tags)
        .map(|(s, t)| {
            let xpos: Vec<&str> = t
                .iter()
                .map(|&t| parser.tagger.tags[t].xpos.as_str())
                .collect();
            let upos: Vec<&str> = t
                .iter()
                .map(|&t| parser.tagger.tags[t].upos.as_str())
                .collect();
            parser.deps.input(s, &xpos, &upos)
        })
        .collect();
    let (tag, a) = fastest(passes, || {
        sentences.iter().map(|s| parser.tagger.tag(s).len()).sum()
    });
    let (parse, b) = fastest(passes, || {
        inputs
            .iter()
            .map(|x| parser.deps.parse(x).0.iter().sum::<usize>())
            .sum()
    });
    let (all, c) = fastest(passes, || {
        sentences.iter().map(|s| parser.analyze(s).len()).sum()
    });
    let per = |t: f64| t * 1e6 / words as f64;
    println!(
        "{} sentences, {words} words; fastest of {passes} passes, CPU µs per word:",
        sentences.len()
    );
    println!("  tagger   {:7.3}", per(tag));
    println!("  parser   {:7.3}", per(parse));
    println!(
        "  analyze  {:7.3}  ({:.0} sentences per CPU second)",
        per(all),
        sentences.len() as f64 / all
    );
    println!("  check    {a} {b} {c}");
    ExitCode::SUCCESS
}
