//! Per-document ingest cost: `read_bytes` (decode, detect, extract, clean, segment, metadata,
//! id) on the sample corpus and the HTML fixtures, reported in bytes per second; and MinHash
//! fingerprinting on its own.

use corroborate_ingest::{dedup::Fingerprint, read_bytes};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::PathBuf;

fn inputs() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("../../examples/syria-2024-12"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.push(root.join("tests/fixtures/wordpress.html"));
    paths.push(root.join("tests/fixtures/newssite-windows1252.html"));
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let inputs = inputs();
    let total: usize = inputs.iter().map(|(_, b)| b.len()).sum();
    let text_inputs: Vec<_> = inputs.iter().filter(|(n, _)| n.ends_with(".txt")).collect();
    let text_total: usize = text_inputs.iter().map(|(_, b)| b.len()).sum();
    let mut g = c.benchmark_group("ingest");
    g.throughput(Throughput::Bytes(text_total as u64));
    g.bench_function("read_bytes/plain-text sample (5 docs)", |b| {
        b.iter(|| {
            for (n, bytes) in &text_inputs {
                black_box(read_bytes(n, bytes));
            }
        })
    });
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("read_bytes/sample + HTML fixtures (7 docs)", |b| {
        b.iter(|| {
            for (n, bytes) in &inputs {
                black_box(read_bytes(n, bytes));
            }
        })
    });
    let docs: Vec<_> = text_inputs
        .iter()
        .flat_map(|(n, b)| read_bytes(n, b).documents)
        .collect();
    g.throughput(Throughput::Bytes(
        docs.iter().map(|d| d.text.len() as u64).sum(),
    ));
    g.bench_function("fingerprint/sample (5 docs)", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(Fingerprint::new(&d.text, &d.paragraphs));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
