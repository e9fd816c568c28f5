//! Print the roster of the five sample articles, with places geocoded: a look at what alias
//! resolution and geocoding make of real text, using the hand-made mentions of the tests.
//!
//! Run: `cargo run --release -p corroborate-entities --example geo_roster [-- [--ner] [OVERRIDES]]`
//! (`--ner`: mentions from the bundled recognizer instead of the hand-made list).

#[path = "../tests/sample_mentions/mod.rs"]
mod sample_mentions;

use corroborate_entities::alias::{resolve, DocMentions, Overrides};
use corroborate_entities::geo::{locate, Gazetteer};
use std::process::ExitCode;

fn main() -> ExitCode {
    // The repository's examples/syria-2024-12; a missing or unreadable article stops with its name.
    let docs = sample_mentions::load();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let use_ner = args.iter().any(|a| a == "--ner");
    let overrides = match args.iter().find(|a| *a != "--ner") {
        Some(p) => match Overrides::load(std::path::Path::new(&p)) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => Overrides::none(),
    };
    let mentions: Vec<Vec<corroborate_entities::Mention>> = if use_ner {
        let tagger = match corroborate_entities::ner::Tagger::load_default() {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        docs.iter()
            .map(|(_, t)| {
                let mut at = 0;
                let mut lines = Vec::new();
                for l in t.split_inclusive('\n') {
                    let s = corroborate_model::Span::new(at, at + l.len()).trim(t);
                    if !s.is_empty() {
                        lines.push(s);
                    }
                    at += l.len();
                }
                tagger.mentions(t, &lines)
            })
            .collect()
    } else {
        docs.iter().map(|(_, t)| sample_mentions::tag(t)).collect()
    };
    let dm: Vec<DocMentions> = docs
        .iter()
        .zip(&mentions)
        .map(|((id, text), m)| DocMentions {
            doc: id,
            text,
            mentions: m,
        })
        .collect();
    let mut es = resolve(&dm, &overrides);
    match Gazetteer::load_default() {
        Ok(g) => locate(&mut es, &g),
        Err(e) => eprintln!("warning: no geocoding: {e}"),
    }
    for e in &es {
        let docs: std::collections::BTreeSet<&str> =
            e.mentions.iter().map(|(d, _)| &d[..3]).collect();
        print!(
            "{} {:?} {:?}: {} mentions in docs {:?}",
            e.id,
            e.kind,
            e.name,
            e.mentions.len(),
            docs
        );
        if let Some(p) = &e.place {
            print!(
                " @ {} ({}, {}) {:.3},{:.3} geonames:{}",
                p.name, p.country, p.feature, p.lat, p.lon, p.geonames_id
            );
        }
        println!();
        if !e.aliases.is_empty() {
            println!("    aliases: {}", e.aliases.join(" | "));
        }
        for ev in &e.evidence {
            let at = ev
                .span
                .as_ref()
                .map(|(d, s)| format!(" [{}:{}..{}]", &d[..3], s.start, s.end))
                .unwrap_or_default();
            println!("    + {:?}: {}{}", ev.alias, ev.reason, at);
        }
    }
    ExitCode::SUCCESS
}
