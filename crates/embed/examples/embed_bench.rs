//! Sentences per second of `Embedder::embed` over the sentences of a folder of articles
//! (default: examples/syria-2024-12), split with `corroborate_extract::segment`.
//!
//! Run: `cargo run --release -p corroborate-embed --example embed_bench [-- DIR [ROUNDS]]`.
//! The model comes from `scripts/models/fetch-minilm.sh`; `RAYON_NUM_THREADS` sets the
//! thread count (default: all cores).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use corroborate_embed::Embedder;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("embed_bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/syria-2024-12")
    });
    let rounds: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(5);

    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    let mut sentences = Vec::new();
    for f in files.iter().filter(|f| f.is_file()) {
        let text = std::fs::read_to_string(f)?;
        let (_, spans) = corroborate_extract::segment::segment(&text);
        sentences.extend(spans.iter().map(|s| text[s.start..s.end].to_string()));
    }
    let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let bytes: usize = refs.iter().map(|s| s.len()).sum();

    let t = Instant::now();
    let embedder = Embedder::load_default()?;
    println!("load: {:.2} s", t.elapsed().as_secs_f64());
    let tokens = refs
        .iter()
        .map(|s| embedder.count_tokens(s))
        .sum::<Result<usize, _>>()?;
    println!(
        "{} sentences ({bytes} bytes, {tokens} tokens) from {} files in {}",
        refs.len(),
        files.len(),
        dir.display()
    );

    let mut rates = Vec::new();
    for round in 1..=rounds {
        let t = Instant::now();
        let vectors = embedder.embed(&refs)?;
        let secs = t.elapsed().as_secs_f64();
        assert_eq!(vectors.len(), refs.len());
        let rate = refs.len() as f64 / secs;
        println!(
            "round {round}: {secs:.2} s, {rate:.1} sentences/s, {:.0} tokens/s, bits {:016x}",
            tokens as f64 / secs,
            fingerprint(&vectors)
        );
        rates.push(rate);
    }
    rates.sort_by(f64::total_cmp);
    if let (Some(best), Some(median)) = (rates.last(), rates.get(rates.len() / 2)) {
        println!("median {median:.1} sentences/s, best {best:.1} sentences/s");
    }
    Ok(())
}

/// FNV-1a over the bits of every vector: equal fingerprints across runs and thread counts
/// show the output is reproducible.
fn fingerprint(vectors: &[Vec<f32>]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for x in vectors.iter().flatten() {
        for b in x.to_bits().to_le_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}
