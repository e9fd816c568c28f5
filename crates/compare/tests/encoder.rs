//! The alignment with a sentence encoder: only the sentences whose decisions depend on it are
//! embedded, a failing encoder falls back to lexical alignment and says why, and the vectors
//! can add a match the lexical evidence misses. The encoder here is a stand-in with known
//! vectors (the real model is exercised by `crates/embed/tests` and the CLI tests).

use corroborate_compare::{analyze_with, SentenceEncoder};
use corroborate_model::Document;
use std::cell::RefCell;

fn docs(texts: &[&str]) -> Vec<Document> {
    texts
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            corroborate_ingest::read_bytes(&format!("d{i}.txt"), t.as_bytes())
                .documents
                .into_iter()
                .map(corroborate_extract::segment::segmented)
        })
        .collect()
}

/// Vectors by keyword: sentences mentioning "offensive" (and "operation" when `alike`) point
/// one way, "operation" otherwise another, everything else a third. Records what it was asked to embed.
struct Keywords {
    asked: RefCell<Vec<String>>,
    fail: bool,
    /// Whether "offensive" and "operation" sentences mean the same thing.
    alike: bool,
}

impl SentenceEncoder for Keywords {
    fn name(&self) -> String {
        "keywords".into()
    }
    fn encode(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, String> {
        if self.fail {
            return Err("model file is truncated".into());
        }
        self.asked
            .borrow_mut()
            .extend(sentences.iter().map(|s| s.to_string()));
        Ok(sentences
            .iter()
            .map(|s| {
                if s.contains("offensive") || self.alike && s.contains("operation") {
                    vec![1.0, 0.0, 0.0]
                } else if s.contains("operation") {
                    vec![0.0, 1.0, 0.0]
                } else {
                    vec![0.0, 0.0, 1.0]
                }
            })
            .collect())
    }
}

fn run(texts: &[&str], enc: Option<&Keywords>) -> corroborate_compare::Analysis {
    let ds = docs(texts);
    let annotations = corroborate_compare::Annotations::of(&ds, parser());
    let inputs = annotations.inputs(&ds);
    analyze_with(&inputs, enc.map(|e| e as &dyn SentenceEncoder))
}

const A: &str = "Syrian rebel commanders describe the first days of their campaign\n\nRebels said that the offensive was launched on November 27, 2024 by the coalition.\n\nThe weather in Damascus was cold.\n";
const B: &str = "How the campaign in the north of Syria began, according to its leaders\n\nThe surprise operation, which began in Idlib with drones, tanks, trucks and infantry moving south along the main highway toward Hama and its airport, was launched on November 27, 2024, commanders told reporters.\n\nShops in Aleppo reopened slowly.\n";

#[test]
fn vectors_confirm_or_veto_a_match_and_only_needed_sentences_are_embedded() {
    // The words align the two launch dates; vectors that call the sentences unrelated veto it.
    let lexical = run(&[A, B], None);
    assert_eq!(lexical.alignment.method, "lexical");
    assert_eq!(lexical.comparisons.len(), 1, "{:#?}", lexical.comparisons);
    let apart = Keywords {
        asked: RefCell::new(Vec::new()),
        fail: false,
        alike: false,
    };
    assert!(run(&[A, B], Some(&apart)).comparisons.is_empty());
    let enc = Keywords {
        asked: RefCell::new(Vec::new()),
        fail: false,
        alike: true,
    };
    let a = run(&[A, B], Some(&enc));
    assert_eq!(a.alignment.method, "embeddings");
    assert_eq!(a.alignment.model.as_deref(), Some("keywords"));
    let asked = enc.asked.borrow();
    assert_eq!(asked.len(), a.alignment.sentences_embedded);
    // The weather and the shops share nothing with anything: never embedded.
    assert!(
        asked
            .iter()
            .all(|s| !s.contains("weather") && !s.contains("Shops")),
        "{asked:?}"
    );
    let launch = a
        .comparisons
        .iter()
        .find(|c| c.positions.iter().any(|p| p.value.contains("2024-11-27")))
        .unwrap_or_else(|| panic!("no aligned launch date: {:#?}", a.comparisons));
    assert_eq!(
        launch.verdict,
        corroborate_compare::Verdict::Agree,
        "{launch:#?}"
    );
}

#[test]
fn a_failing_encoder_falls_back_to_lexical_and_says_why() {
    let enc = Keywords {
        asked: RefCell::new(Vec::new()),
        fail: true,
        alike: true,
    };
    let a = run(&[A, B], Some(&enc));
    assert_eq!(a.alignment.method, "lexical");
    assert_eq!(a.alignment.sentences_embedded, 0);
    assert_eq!(
        a.alignment.fallback.as_deref(),
        Some("model file is truncated")
    );
}

/// The bundled sentence parser, loaded once for all tests of this file.
fn parser() -> &'static corroborate_extract::syntax::Parser {
    static PARSER: std::sync::OnceLock<corroborate_extract::syntax::Parser> =
        std::sync::OnceLock::new();
    PARSER.get_or_init(|| {
        corroborate_extract::syntax::Parser::bundled().expect("the bundled syntax model")
    })
}
