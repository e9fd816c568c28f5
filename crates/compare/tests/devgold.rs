//! The development gold (`data/devgold/`) is well formed: every file parses with the known kinds,
//! hardnesses and slots, lists exactly its sub-topic's documents, stays out of the test topics,
//! and every phrase occurs verbatim in its document's text as the ECB+ reader makes it (both read
//! through `devgold::detokenize`).
//!
//! Needs ECB+: `$ECBPLUS_DIR`, or `shared/benchmarks/ecbplus` beside the checkout (or beside any
//! folder above it). Without it the test fails: a gold nobody can check is not a gold.

use corroborate_compare::eval::devgold::{self, SubTopic};
use corroborate_resolve::stories::ecbplus;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn ecbplus_root() -> PathBuf {
    if let Some(d) = std::env::var_os("ECBPLUS_DIR") {
        return PathBuf::from(d);
    }
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .map(|a| a.join("shared/benchmarks/ecbplus"))
        .find(|p| ecbplus::locate(p).is_some())
        .unwrap_or_else(|| {
            panic!(
                "ECB+ not found: set ECBPLUS_DIR or put it at shared/benchmarks/ecbplus beside {}",
                here.display()
            )
        })
}

fn gold_files() -> Vec<(String, SubTopic)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/devgold");
    let mut out = Vec::new();
    for e in std::fs::read_dir(&dir).expect("data/devgold") {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let json = std::fs::read_to_string(&p).unwrap();
            let gold: SubTopic =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            out.push((name, gold));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn devgold_is_well_formed_and_every_phrase_occurs_in_its_document() {
    let corpus = ecbplus::read_corpus(&ecbplus_root()).expect("ECB+ corpus");
    let golds = gold_files();
    assert!(golds.len() >= 25, "only {} gold sub-topics", golds.len());
    let mut problems = Vec::new();
    let mut items = 0;
    for (name, gold) in &golds {
        assert_eq!(
            name.replace('_', "/"),
            gold.subtopic,
            "file name and sub-topic differ"
        );
        let topic: u32 = gold.subtopic.split('/').next().unwrap().parse().unwrap();
        assert_ne!(
            ecbplus::split_of(topic),
            ecbplus::Split::Test,
            "{}: test topics 36-45 stay out of the development gold",
            gold.subtopic
        );
        let texts: BTreeMap<String, String> = corpus
            .iter()
            .filter(|d| d.gold == gold.subtopic)
            .map(|d| (d.name.clone(), devgold::detokenize(&d.text)))
            .collect();
        assert!(!texts.is_empty(), "{}: no such sub-topic", gold.subtopic);
        problems.extend(devgold::problems(gold, &texts));
        items += gold.items.len();
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(items >= 200, "only {items} gold items");
}
