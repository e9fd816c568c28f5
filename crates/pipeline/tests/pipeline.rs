//! The pipeline as the CLI and the server call it: the sample through `analyze`, rosters kept
//! per story, bad input reported while the rest goes on, and the same bytes out on a rerun.

use corroborate_pipeline::{analyze, AnalyzeOptions, Input, Resources, Silent};
use corroborate_store::Store;
use std::path::PathBuf;
use std::sync::OnceLock;

fn resources() -> &'static Resources {
    static R: OnceLock<Resources> = OnceLock::new();
    R.get_or_init(|| Resources::lexical().expect("bundled resources load"))
}

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/syria-2024-12")
}

fn text(source: &str, body: &str) -> Input {
    Input::Bytes {
        source: source.into(),
        bytes: body.as_bytes().to_vec(),
    }
}

/// A made-up quake report, unrelated to the sample.
const QUAKE: &str = "A magnitude 6.1 earthquake struck the island of Lombok on Monday, \
killing at least 12 people and damaging hundreds of homes, officials said. The quake hit at \
a depth of 10 km near the town of Mataram, the national disaster agency said.\n\nRescue \
teams searched collapsed buildings in Mataram through the night.";

#[test]
fn the_sample_is_one_story_with_its_conflicts() {
    let mut store = Store::open_in_memory().unwrap();
    let (inputs, errors) = corroborate_pipeline::expand(&[sample()]);
    let out = analyze(
        &mut store,
        resources(),
        inputs,
        errors,
        &AnalyzeOptions::default(),
        &Silent,
    )
    .unwrap();
    assert!(
        out.is_clean(),
        "{:?} {:?}",
        out.ingest.errors,
        out.story_errors
    );
    assert_eq!(out.dossiers.len(), 1, "one story");
    let d = &out.dossiers[0];
    assert_eq!(d.documents.len(), 5);
    let conflicts = d
        .comparisons
        .iter()
        .filter(|c| c.verdict.starts_with("conflict"))
        .count();
    // Four of the README's five: the lexical alignment without the story's verb lists no
    // longer sets "12 days" against "11 days" and "just over a week" (issue 13).
    assert!(conflicts >= 4, "{conflicts} conflicts");
}

#[test]
fn every_story_keeps_its_own_roster() {
    let mut store = Store::open_in_memory().unwrap();
    let (mut inputs, errors) = corroborate_pipeline::expand(&[sample()]);
    inputs.push(text("quake.txt", QUAKE));
    let out = analyze(
        &mut store,
        resources(),
        inputs,
        errors,
        &AnalyzeOptions::default(),
        &Silent,
    )
    .unwrap();
    assert_eq!(
        out.dossiers.len(),
        2,
        "the sample and the quake are two stories"
    );
    let roster = store.roster(None).unwrap();
    let stories: std::collections::BTreeSet<&str> =
        roster.iter().map(|r| r.story.as_str()).collect();
    assert_eq!(stories.len(), 2, "{stories:?}");
    let names = |s: &str| -> Vec<&str> {
        roster
            .iter()
            .filter(|r| r.story == s)
            .map(|r| r.name.as_str())
            .collect()
    };
    let [a, b]: [&str; 2] = stories.into_iter().collect::<Vec<_>>().try_into().unwrap();
    let (syria, quake) = if names(a).iter().any(|n| n.contains("Assad")) {
        (a, b)
    } else {
        (b, a)
    };
    assert!(names(syria).iter().any(|n| n.contains("Assad")));
    assert!(names(quake).contains(&"Mataram"), "{:?}", names(quake));
    assert!(!names(quake).iter().any(|n| n.contains("Assad")));
}

#[test]
fn a_bad_input_is_reported_and_the_rest_goes_on() {
    let mut store = Store::open_in_memory().unwrap();
    let inputs = vec![
        Input::Bytes {
            source: "binary.bin".into(),
            bytes: vec![0, 159, 146, 150, 0, 0, 1, 2],
        },
        text("quake.txt", QUAKE),
    ];
    let out = analyze(
        &mut store,
        resources(),
        inputs,
        vec![],
        &AnalyzeOptions::default(),
        &Silent,
    )
    .unwrap();
    assert_eq!(out.ingest.errors.len(), 1, "{:?}", out.ingest.errors);
    assert_eq!(out.ingest.errors[0].source, "binary.bin");
    assert!(!out.is_clean());
    assert_eq!(out.dossiers.len(), 1);
    assert_eq!(out.dossiers[0].documents.len(), 1);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let run = || {
        let mut store = Store::open_in_memory().unwrap();
        let (inputs, errors) = corroborate_pipeline::expand(&[sample()]);
        let out = analyze(
            &mut store,
            resources(),
            inputs,
            errors,
            &AnalyzeOptions::default(),
            &Silent,
        )
        .unwrap();
        out.dossiers[0].to_json_line()
    };
    assert_eq!(run(), run());
}

#[test]
fn no_inputs_analyze_every_stored_document() {
    // The server's view: what an earlier run stored, analyzed again with nothing new given.
    let mut store = Store::open_in_memory().unwrap();
    let (inputs, errors) = corroborate_pipeline::expand(&[sample()]);
    let options = AnalyzeOptions::default();
    let first = analyze(&mut store, resources(), inputs, errors, &options, &Silent).unwrap();
    let again = analyze(&mut store, resources(), vec![], vec![], &options, &Silent).unwrap();
    assert!(again.is_clean());
    assert_eq!(again.ingest.new + again.ingest.known, 0, "nothing was read");
    assert_eq!(again.dossiers.len(), 1);
    assert_eq!(
        again.dossiers[0].to_json(),
        first.dossiers[0].to_json(),
        "the stored documents give the dossier the run that stored them gave"
    );
}

/// The conflicts of a dossier: (kind, topic, the values of its positions).
fn conflicts_of(d: &corroborate_report::Dossier) -> Vec<(Option<String>, String, Vec<String>)> {
    let mut out: Vec<_> = d
        .comparisons
        .iter()
        .filter(|c| c.verdict.starts_with("conflict"))
        .map(|c| {
            let mut values: Vec<String> = c.positions.iter().map(|p| p.value.clone()).collect();
            values.sort();
            (c.kind.clone(), c.topic.clone(), values)
        })
        .collect();
    out.sort();
    out
}

/// Many lightly edited copies of the sample's reports (the 3,000-copies case of issue 16, at a
/// size a debug test affords; `scripts/bench/gen_copies.py` makes the big one): the copies
/// collapse onto their originals, so the reports still make one story, counted once, with the
/// sample's own conflicts.
#[test]
fn copies_of_the_sample_are_one_story_with_the_samples_conflicts() {
    let analyze_all = |inputs: Vec<Input>| {
        let mut store = Store::open_in_memory().unwrap();
        analyze(
            &mut store,
            resources(),
            inputs,
            vec![],
            &AnalyzeOptions::default(),
            &Silent,
        )
        .unwrap()
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(sample())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let originals: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read_to_string(p).unwrap())
        })
        .collect();
    let alone = analyze_all(originals.iter().map(|(n, t)| text(n, t)).collect());
    let mut inputs = Vec::new();
    for (n, t) in &originals {
        inputs.push(text(n, t));
        // More documents than a retrieval key may list (`max_postings`, 100): copies must not
        // crowd the originals out of each other's candidates.
        for k in 0..24 {
            // A desk's own line above and a credit below: a near-copy, not the same bytes.
            let copy = format!("Filed by desk {k}\n\n{t}\n\nDistributed to partner desk {k}.\n");
            inputs.push(text(&format!("copy{k}-{n}"), &copy));
        }
    }
    let out = analyze_all(inputs);
    assert!(
        out.is_clean(),
        "{:?} {:?}",
        out.ingest.errors,
        out.story_errors
    );
    assert_eq!(out.dossiers.len(), 1, "one story");
    let d = &out.dossiers[0];
    assert_eq!(d.documents.len(), 125);
    assert_eq!(out.ingest.links, 120, "every copy linked to its original");
    let expected = conflicts_of(&alone.dossiers[0]);
    assert!(expected.len() >= 4, "{expected:?}");
    assert_eq!(conflicts_of(d), expected);
}
