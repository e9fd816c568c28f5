//! Runs our HTML extraction on the Dragnet pages of `../shared/benchmarks/extraction` through
//! `read_bytes` (the same call `ingest` makes: decoding, extraction, cleaning, segmentation,
//! metadata) and writes one JSON line per page: `{"id", "text", "seconds"}`, where `text` is the
//! document's title line followed by its body (Dragnet's gold begins with the headline).
//!
//! `cargo run --release -p corroborate-ingest --example extraction_eval -- DRAGNET_DIR SPLIT OUT.jsonl`
//! with SPLIT one of `dev`, `test`, `all` (the split rule of the benchmark's SOURCE.md). Pages are
//! decompressed into memory before the clock starts; the clock covers `read_bytes` only.

use std::io::{Read, Write};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, dir, id] = args.as_slice() {
        show(dir, id);
        return;
    }
    let [_, dir, split, out] = args.as_slice() else {
        eprintln!(
            "usage: extraction_eval DRAGNET_DIR dev|test|all OUT.jsonl  |  DRAGNET_DIR PAGE_ID"
        );
        std::process::exit(2);
    };
    let mut ids: Vec<String> = std::fs::read_dir(format!("{dir}/html"))
        .expect("html dir")
        .filter_map(|e| {
            let n = e.ok()?.file_name().to_string_lossy().into_owned();
            n.strip_suffix(".html.gz").map(str::to_string)
        })
        .collect();
    ids.sort();
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}/ground-truth.json")).expect("ground truth"),
    )
    .expect("ground truth json");
    ids.retain(|id| gold.get(id).is_some());
    let pages: Vec<(String, Vec<u8>)> = ids
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            let test = (i / 50) % 4 == 3;
            match split.as_str() {
                "dev" => !test,
                "test" => test,
                _ => true,
            }
        })
        .map(|(_, id)| {
            let gz = std::fs::read(format!("{dir}/html/{id}.html.gz")).expect("page");
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(&gz[..])
                .read_to_end(&mut bytes)
                .expect("gunzip");
            (id.clone(), bytes)
        })
        .collect();
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).expect("out"));
    let mut total = 0.0;
    for (id, bytes) in &pages {
        let t = Instant::now();
        let outcome = corroborate_ingest::read_bytes(&format!("{id}.html"), bytes);
        let secs = t.elapsed().as_secs_f64();
        total += secs;
        let text = outcome.documents.first().map_or(String::new(), scored_text);
        let line = serde_json::json!({"id": id, "text": text, "seconds": secs});
        writeln!(w, "{line}").expect("write");
    }
    eprintln!(
        "ours: {} pages in {:.2} s, {:.1} pages/s (read_bytes, one thread)",
        pages.len(),
        total,
        pages.len() as f64 / total
    );
}

/// Prints one page's title, text and removed blocks with their reasons, for reading failures.
fn show(dir: &str, id: &str) {
    let gz = std::fs::read(format!("{dir}/html/{id}.html.gz")).expect("page");
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut bytes)
        .expect("gunzip");
    let out = corroborate_ingest::read_bytes(&format!("{id}.html"), &bytes);
    for e in &out.errors {
        println!("error: {e}");
        let item = corroborate_ingest::html::read_html(id, &String::from_utf8_lossy(&bytes));
        for r in &item.removed {
            let t: String = r.text.chars().take(100).collect();
            println!("[{} @{}] {t}", r.reason.as_str(), r.at);
        }
    }
    for d in &out.documents {
        println!(
            "title: {:?}\nwarnings: {:?}\n--- text\n{}\n--- removed",
            d.meta.title, d.warnings, d.text
        );
        for r in &d.removed {
            let t: String = r.text.chars().take(100).collect();
            println!("[{} @{}] {t}", r.reason.as_str(), r.at);
        }
    }
}

/// What is scored: the title line, then the text (headline, bylines and clutter are not in it;
/// captions are, marked).
fn scored_text(d: &corroborate_model::Document) -> String {
    format!(
        "{}\n\n{}",
        d.meta.title.as_deref().unwrap_or_default(),
        d.text
    )
}
