//! The comparison on the sample corpus finds what a careful reader finds: the conflicts between
//! the five reports (with their kind and degree), the agreements, and no conflict between
//! compatible statements.

use corroborate_compare::{analyze, Analysis, DocInput};
use corroborate_model::Document;

fn sample() -> (Vec<Document>, Analysis) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/syria-2024-12");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let mut docs: Vec<Document> = paths
        .iter()
        .flat_map(|p| {
            corroborate_ingest::read_bytes(&p.display().to_string(), &std::fs::read(p).unwrap())
                .documents
                .into_iter()
                .map(corroborate_extract::segment::segmented)
        })
        .collect();
    corroborate_ingest::corpus::infer_dates_from_batch(&mut docs);
    let annotations = corroborate_compare::Annotations::of(&docs, parser());
    let inputs = annotations.inputs(&docs);
    let a = analyze(&inputs);
    (docs, a)
}

/// Each comparison as `verdict kind degree: value [doc#: words] | value [...]`.
fn render(docs: &[Document], a: &Analysis) -> Vec<String> {
    a.comparisons
        .iter()
        .map(|c| {
            let positions: Vec<String> = c
                .positions
                .iter()
                .map(|p| {
                    let words: Vec<String> = p
                        .spans
                        .iter()
                        .map(|(cl, s)| {
                            format!(
                                "{}: {}",
                                a.claims[*cl].doc + 1,
                                s.slice(&docs[a.claims[*cl].doc].text)
                            )
                        })
                        .collect();
                    format!("{} [{}]", p.value, words.join("; "))
                })
                .collect();
            let kind = c
                .kind
                .map_or("-".to_string(), |k| format!("{k:?}").to_lowercase());
            let degree = c
                .degree
                .map_or("-".to_string(), |d| format!("{d:?}").to_lowercase());
            format!("{:?} {kind} {degree}: {}", c.verdict, positions.join(" | ")).to_lowercase()
        })
        .collect()
}

#[test]
fn finds_the_conflicts_a_careful_reader_finds() {
    let (docs, a) = sample();
    let got = render(&docs, &a);
    let has = |needle: &[&str]| {
        got.iter()
            .any(|line| needle.iter().all(|n| line.contains(&n.to_lowercase())))
    };
    // 12 days (EFE) against 11 days against "just over a week" is not found since the story's
    // verb lists left (issue 13): the three lengths are of an "offensive" (a noun), of
    // "swept" and of "captured", which WordNet does not relate, and the sentences share no
    // content word; it needs event alignment (`compare::events`), not yet in the alignment.
    // Syria's largest city against its second-largest.
    assert!(
        has(&[
            "conflict rank contradiction",
            "4: largest city",
            "5: second-largest city"
        ]),
        "{got:#?}"
    );
    // Via Hmeimim and Turkish airspace, or via Abu Dhabi.
    assert!(
        has(&[
            "conflict route",
            "via hmeimim, turkish airspace",
            "via abu dhabi"
        ]),
        "{got:#?}"
    );
    // "arrived in Moscow … after a lightning rebel advance through Syria": the advance's way,
    // not the family's.
    assert!(
        !got.iter()
            .any(|l| l.contains("conflict route") && l.contains("via syria")),
        "{got:#?}"
    );
    // Arrival late on December 7 (TASS) against December 8 / Sunday.
    assert!(
        has(&[
            "conflict date tension",
            "5: late on december 7",
            "3: sunday"
        ]),
        "{got:#?}"
    );
    // 24 years against a "two-decade" rule: a tension, not a flat contradiction.
    assert!(
        has(&[
            "conflict duration tension",
            "1: 24 years",
            "4: 24-year",
            "5: two-decade"
        ]),
        "{got:#?}"
    );
}

#[test]
fn compatible_statements_are_not_conflicts() {
    let (docs, a) = sample();
    let got = render(&docs, &a);
    // No conflict sets the family's "more than 50 years", "For 50 years" and "53 years"
    // against each other.
    assert!(
        !got.iter().any(
            |l| l.starts_with("conflict") && (l.contains("50 years") || l.contains("53 years"))
        ),
        "{got:#?}"
    );
    // One man's 24 years and his family's 50 are different things.
    assert!(
        !got.iter()
            .any(|l| l.contains("24 years") && l.contains("53 years")),
        "{got:#?}"
    );
    // No date of the offensive's start is disputed.
    assert!(
        !got.iter()
            .any(|l| l.starts_with("conflict") && l.contains("november 27")),
        "{got:#?}"
    );
}

#[test]
fn timeline_is_ordered_and_marks_disputed_dates() {
    let (_, a) = sample();
    assert!(a.timeline.windows(2).all(|w| w[0].date <= w[1].date));
    assert!(a.timeline.iter().any(|e| e.disputed_by.is_some()));
    assert_eq!(
        a.timeline.first().map(|e| e.date.to_string()).as_deref(),
        Some("2024-11-27")
    );
}

/// A syndicated copy repeats its original's claims: it is never aligned with them, and when it
/// agrees with a third outlet the original and the copy count as one source.
#[test]
fn syndicated_copies_count_once() {
    let original = "Rebels Take The City After A Long Siege\n\nThe rebel offensive lasted 12 days before the city fell, commanders said on Sunday.\n";
    let copy = "Wire Story Republished Here\n\nThe rebel offensive lasted 12 days before the city fell, commanders said on Sunday.\n\nRead more here.\n";
    let third = "Another Outlet Reports On The Siege\n\nThe rebel offensive lasted 12 days before the city fell, according to residents.\n";
    let docs: Vec<Document> = [original, copy, third]
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            corroborate_ingest::read_bytes(&format!("{i}.txt"), t.as_bytes())
                .documents
                .into_iter()
                .map(corroborate_extract::segment::segmented)
        })
        .collect();
    let published = chrono::NaiveDate::from_ymd_opt(2024, 12, 8);
    let times: Vec<_> = docs
        .iter()
        .map(|d| corroborate_timex::extract(&d.text, published))
        .collect();
    let quantities: Vec<_> = docs
        .iter()
        .map(|d| corroborate_extract::quantities::extract(&d.text))
        .collect();
    let parses: Vec<_> = docs.iter().map(|d| parser().parse_document(d)).collect();
    let inputs: Vec<DocInput<'_>> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| DocInput {
            published,
            copy_of: (i == 1).then_some(0),
            ..DocInput::of(d, &times[i], &quantities[i], &parses[i])
        })
        .collect();
    let a = analyze(&inputs);
    let k = a
        .comparisons
        .iter()
        .find(|c| c.positions.iter().any(|p| p.value.contains("12 days")))
        .expect("the 12 days are compared");
    assert_eq!(k.positions.len(), 1);
    assert_eq!(k.positions[0].independent_sources, 2, "{k:?}");
    // No comparison pairs the copy with its original alone.
    for c in &a.comparisons {
        let docs_in: std::collections::BTreeSet<usize> = c
            .positions
            .iter()
            .flat_map(|p| p.claims.iter().map(|&cl| a.claims[cl].doc))
            .collect();
        assert!(docs_in != [0, 1].into_iter().collect(), "{c:?}");
    }
}

/// The bundled sentence parser, loaded once for all tests of this file.
fn parser() -> &'static corroborate_extract::syntax::Parser {
    static PARSER: std::sync::OnceLock<corroborate_extract::syntax::Parser> =
        std::sync::OnceLock::new();
    PARSER.get_or_init(|| {
        corroborate_extract::syntax::Parser::bundled().expect("the bundled syntax model")
    })
}
