//! The sample corpus (../shared/corpus/syria-2024-12, published 2024-12-08): every time
//! expression a careful reader would mark is found with the value and interval they would
//! give. Reads the files at run time and skips, saying so, when the corpus is absent.

use chrono::NaiveDate;
use corroborate_timex::{extract, infer_document_date, Anchor, Timex};
use std::path::{Path, PathBuf};

/// The repository's copy of the sample corpus (the same files as `../shared/corpus/syria-2024-12`).
fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/syria-2024-12")
}

/// The sample article whose file name starts with `prefix`; a missing article fails the test.
fn read(prefix: &str) -> String {
    let dir = corpus();
    let entry = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the sample corpus {} cannot be read: {e}", dir.display()))
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no article {prefix}* in {}", dir.display()));
    std::fs::read_to_string(entry.path())
        .unwrap_or_else(|e| panic!("{} cannot be read: {e}", entry.path().display()))
}

fn published() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 12, 8).unwrap()
}

/// "text=value [earliest..latest]" for each expression, intervals at day resolution.
fn render(text: &str, ts: &[Timex]) -> Vec<String> {
    ts.iter()
        .map(|t| {
            let f = |x: Option<chrono::NaiveDateTime>| {
                x.map_or("…".into(), |x| x.format("%m-%d %H:%M").to_string())
            };
            format!(
                "{}={} [{}..{}]",
                t.span.slice(text),
                t.value,
                f(t.earliest),
                f(t.latest)
            )
        })
        .collect()
}

fn expect_all(prefix: &str, anchor: Option<NaiveDate>, expected: &[&str]) {
    let text = read(prefix);
    let got = render(&text, &extract(&text, anchor));
    for e in expected {
        assert!(
            got.iter().any(|g| g == e),
            "{prefix}: missing {e:?}\ngot: {got:#?}"
        );
    }
}

#[test]
fn havana_times_report() {
    expect_all(
        "000_",
        Some(published()),
        &[
            "December 8, 2024=2024-12-08 [12-08 00:00..12-08 23:59]",
            "twelve-day=P12D […..…]",
            "24 years=P24Y [12-08 00:00..12-08 23:59]",
            "12 days=P12D […..…]",
            "November 27=2024-11-27 [11-27 00:00..11-27 23:59]",
            "more than a year=P1Y […..…]",
            "2003=2003 [01-01 00:00..12-31 23:59]",
        ],
    );
}

#[test]
fn undated_report_dates_itself_only_with_help() {
    let text = read("001_");
    // The text never writes a year next to a day, so it cannot date itself.
    assert_eq!(infer_document_date(&text, &extract(&text, None)), None);
    let ts = extract(&text, Some(published()));
    let first24 = ts
        .iter()
        .find(|t| t.span.slice(&text) == "the first 24 hours")
        .unwrap();
    match &first24.anchor {
        Anchor::Event { span, date, via } => {
            assert_eq!(span.slice(&text), "the operation");
            assert_eq!(via.slice(&text), "November 27");
            assert_eq!(*date, NaiveDate::from_ymd_opt(2024, 11, 27).unwrap());
        }
        other => panic!("expected an event anchor, got {other:?}"),
    }
    expect_all(
        "001_",
        Some(published()),
        &[
            "a few days ago=PAST_REF [12-02 00:00..12-06 23:59]",
            "December 7=2024-12-07 [12-07 00:00..12-07 23:59]",
            "December 8=2024-12-08 [12-08 00:00..12-08 23:59]",
            "2013=2013 [01-01 00:00..12-31 23:59]",
            "2017=2017 [01-01 00:00..12-31 23:59]",
        ],
    );
}

#[test]
fn rfe_rl_report() {
    expect_all(
        "002_",
        Some(published()),
        &[
            "Sunday=2024-12-08 [12-08 00:00..12-08 23:59]",
            "early Sunday=2024-12-08 [12-08 00:00..12-08 07:59]",
            "Saturday=2024-12-07 [12-07 00:00..12-07 23:59]",
            "more than 50 years=P50Y […..12-08 23:59]",
            "December 7=2024-12-07 [12-07 00:00..12-07 23:59]",
            "2016=2016 [01-01 00:00..12-31 23:59]",
        ],
    );
}

#[test]
fn newsdesk_report() {
    expect_all(
        "003_",
        Some(published()),
        &[
            "Sunday=2024-12-08 [12-08 00:00..12-08 23:59]",
            "13 years=P13Y […..…]",
            "50 years=P50Y [12-08 00:00..12-08 23:59]",
            "11 days=P11D […..…]",
            "November 30=2024-11-30 [11-30 00:00..11-30 23:59]",
            "2020=2020 [01-01 00:00..12-31 23:59]",
            "24-year=P24Y […..…]",
        ],
    );
}

#[test]
fn smartencyclopedia_report_dates_itself() {
    let text = read("004_");
    let (date, span) = infer_document_date(&text, &extract(&text, None)).unwrap();
    assert_eq!((date, span.slice(&text)), (published(), "December 8, 2024"));
    expect_all(
        "004_",
        Some(date),
        &[
            "two-decade=P20Y […..…]",
            "53 years=P53Y […..…]",
            "late on December 7=2024-12-07 [12-07 16:00..12-07 23:59]",
            "earlier in the day=2024-12-07 [12-07 00:00..12-07 23:59]",
            "just over a week=P1W […..…]",
            "2011=2011 [01-01 00:00..12-31 23:59]",
            "a week prior=2024-11-30 [11-29 00:00..12-01 23:59]",
        ],
    );
}
