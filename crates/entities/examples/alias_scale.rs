//! Alias resolution on one generated article of N MB of unique text (issue 17: it was quadratic,
//! 22 s for 1 MB): prints the time per size, so the growth can be read off.
//!
//! `cargo run --release -p corroborate-entities --example alias_scale -- 1 2 4`

#[path = "../tests/generated/mod.rs"]
mod generated;

use corroborate_entities::alias::{resolve, DocMentions, Overrides};
use std::time::Instant;

fn main() {
    let sizes: Vec<f64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1.0, 2.0, 4.0]
    } else {
        sizes
    };
    for mb in sizes {
        let (text, mentions) = generated::article((mb * 1_000_000.0) as usize);
        let started = Instant::now();
        let es = resolve(
            &[DocMentions {
                doc: "big",
                text: &text,
                mentions: &mentions,
            }],
            &Overrides::none(),
        );
        println!(
            "{mb} MB, {} mentions: {} entities in {:.2} s",
            mentions.len(),
            es.len(),
            started.elapsed().as_secs_f64()
        );
    }
}
