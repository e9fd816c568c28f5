//! Behaviour tests: a sentence in, the time expressions (extent, value, interval) out, one
//! group per pattern family; then property tests for invariants.

use super::*;
use chrono::NaiveDate;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const DCT: (i32, u32, u32) = (2024, 12, 8); // a Sunday

fn dct() -> Option<NaiveDate> {
    Some(d(DCT.0, DCT.1, DCT.2))
}

/// Every expression found in `text`, as "extent=value".
fn found(text: &str, anchor: Option<NaiveDate>) -> Vec<String> {
    extract(text, anchor)
        .iter()
        .map(|t| format!("{}={}", t.span.slice(text), t.value))
        .collect()
}

fn check(text: &str, expect: &[&str]) {
    assert_eq!(found(text, dct()), expect, "in {text:?}");
}

fn one(text: &str) -> Timex {
    let all = extract(text, dct());
    assert_eq!(
        all.len(),
        1,
        "expected one expression in {text:?}, got {all:#?}"
    );
    all.into_iter().next().unwrap()
}

fn dt(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn interval(t: &Timex) -> (String, String) {
    let f =
        |x: Option<NaiveDateTime>| x.map_or("-".into(), |x| x.format("%Y-%m-%d %H:%M").to_string());
    (f(t.earliest), f(t.latest))
}

#[test]
fn absolute_dates() {
    check(
        "Soldiers in Homs, December 8, 2024.",
        &["December 8, 2024=2024-12-08"],
    );
    check(
        "It opened on 8 December 2024 and Dec. 9.",
        &["8 December 2024=2024-12-08", "Dec. 9=2024-12-09"],
    );
    check("The 2024-12-08 report.", &["2024-12-08=2024-12-08"]);
    check(
        "In December 2024 and in 2011.",
        &["December 2024=2024-12", "2011=2011"],
    );
    check(
        "Monday, Oct. 26, 1998 was calm.",
        &["Monday, Oct. 26, 1998=1998-10-26"],
    );
}

#[test]
fn missing_years_come_from_the_anchor_and_roll_over_new_year() {
    check(
        "The offensive launched on November 27.",
        &["November 27=2024-11-27"],
    );
    // Past tense in early January: December is last year's.
    let t = extract("Rebels entered Homs on December 7.", Some(d(2025, 1, 3)));
    assert_eq!(t[0].value, "2024-12-07");
    // Future tense in December: January is next year's.
    let t = extract("The talks will resume on January 5.", dct());
    assert_eq!(t[0].value, "2025-01-05");
    assert_eq!(
        t[0].anchor,
        Anchor::Dct {
            date: d(2024, 12, 8)
        }
    );
}

#[test]
fn weekdays_follow_tense() {
    check(
        "The family arrived in Moscow Sunday.",
        &["Sunday=2024-12-08"],
    );
    check(
        "A source told reporters on Saturday.",
        &["Saturday=2024-12-07"],
    );
    check("The council will meet on Tuesday.", &["Tuesday=2024-12-10"]);
    check("He left last Friday.", &["last Friday=2024-12-06"]);
}

#[test]
fn deictic_days_weeks_months_years() {
    check(
        "Yesterday, today and tomorrow; last week, this month, next year.",
        &[
            "Yesterday=2024-12-07",
            "today=2024-12-08",
            "tomorrow=2024-12-09",
            "last week=2024-W48",
            "this month=2024-12",
            "next year=2025",
        ],
    );
}

#[test]
fn fuzzy_qualifiers_shift_the_interval() {
    let t = one("Rebels said early Sunday that the city was free.");
    assert_eq!(
        (
            t.span
                .slice("Rebels said early Sunday that the city was free."),
            t.value.as_str()
        ),
        ("early Sunday", "2024-12-08")
    );
    assert_eq!(t.modifier.as_deref(), Some("START"));
    assert_eq!(
        interval(&t),
        ("2024-12-08 00:00".into(), "2024-12-08 07:59".into())
    );

    let text = "Assad arrived in Moscow late on December 7.";
    let t = one(text);
    assert_eq!(t.span.slice(text), "late on December 7");
    assert_eq!(t.modifier.as_deref(), Some("END"));
    assert_eq!(t.earliest, Some(dt("2024-12-07 16:00:00")));
    assert_eq!(t.latest, Some(dt("2024-12-07 23:59:59")));

    let t = one("The season started in early December.");
    assert_eq!(t.value, "2024-12");
    assert!(t.latest.unwrap() < dt("2024-12-12 00:00:00"));
}

#[test]
fn durations_keep_their_bounds() {
    let text = "after a twelve-day offensive and a two-decade rule";
    assert_eq!(found(text, dct()), ["twelve-day=P12D", "two-decade=P20Y"]);

    let t = one("whose family ruled the country for more than 50 years.");
    assert_eq!((t.value.as_str(), t.kind), ("P50Y", TimexKind::Duration));
    assert_eq!((t.min.as_deref(), t.max.as_deref()), (Some("P50Y"), None));
    assert_eq!(t.modifier.as_deref(), Some("MORE_THAN"));

    let t = one("In just over a week, opposition groups captured Aleppo.");
    assert_eq!(t.value, "P1W");
    assert_eq!(
        (t.min.as_deref(), t.max.as_deref()),
        (Some("P8D"), Some("P10D"))
    );

    let t = one("reached Damascus in just 12 days");
    assert_eq!(
        (t.value.as_str(), t.min.as_deref(), t.max.as_deref()),
        ("P12D", Some("P12D"), Some("P12D"))
    );
    assert_eq!(t.earliest, None);

    check("three eight-hour shifts", &["eight-hour=PT8H"]);
    check("for months", &["months=PXM"]);
    check("a year and a half", &["a year and a half=P1Y6M"]);
    check(
        "half an hour, 2 1/2 years",
        &["half an hour=PT30M", "2 1/2 years=P2Y6M"],
    );
}

#[test]
fn for_n_years_ends_at_the_anchor() {
    let t = one("Al-Assad, who ruled the country with an iron fist for 24 years, fled.");
    assert_eq!(t.value, "P24Y");
    assert_eq!(
        interval(&t),
        ("2000-12-08 00:00".into(), "2024-12-08 23:59".into())
    );
    assert_eq!(
        t.anchor,
        Anchor::Dct {
            date: d(2024, 12, 8)
        }
    );
}

#[test]
fn offsets_from_the_publication_date_and_from_the_story() {
    check(
        "Two years ago, and 11 days ago.",
        &["Two years ago=2022", "11 days ago=2024-11-27"],
    );
    // "a week prior" counts back from the day just described, not from publication.
    let text = "Assad arrived in Moscow on December 5. His wife had left a week prior.";
    let all = extract(text, dct());
    assert_eq!(all[1].span.slice(text), "a week prior");
    assert_eq!(all[1].value, "2024-11-28");
    assert_eq!(
        all[1].anchor,
        Anchor::Previous {
            span: all[0].span,
            date: d(2024, 12, 5)
        }
    );

    let t = one("Although the regime fell a few days ago, details emerge.");
    assert_eq!(t.value, "PAST_REF");
    assert_eq!(
        interval(&t),
        ("2024-12-02 00:00".into(), "2024-12-06 23:59".into())
    );
}

#[test]
fn anaphoric_days_use_the_previous_date() {
    let text = "Rebels entered Homs on December 6. The next day they reached Damascus.";
    assert_eq!(
        found(text, dct()),
        ["December 6=2024-12-06", "The next day=2024-12-07"]
    );
}

#[test]
fn event_anchored_durations() {
    let text =
        "The offensive launched on November 27. Within the first 24 hours of the operation, \
                rebels seized Regiment 46.";
    let all = extract(text, dct());
    let t = &all[1];
    assert_eq!(t.span.slice(text), "the first 24 hours");
    assert_eq!(t.value, "PT24H");
    match &t.anchor {
        Anchor::Event { span, date, via } => {
            assert_eq!(span.slice(text), "the operation");
            assert_eq!(*date, d(2024, 11, 27));
            assert_eq!(via.slice(text), "November 27");
        }
        other => panic!("expected an event anchor, got {other:?}"),
    }
    assert_eq!(
        interval(t),
        ("2024-11-27 00:00".into(), "2024-11-27 23:59".into())
    );
}

#[test]
fn signals_bound_the_event() {
    let text = "Al-Assad left Damascus by December 7.";
    let t = one(text);
    assert_eq!(t.signal.as_ref().map(|s| s.word.as_str()), Some("by"));
    assert_eq!(t.event_bounds(), (None, Some(dt("2024-12-07 23:59:59"))));
    let t = one("The war has raged since 2011.");
    assert_eq!(t.event_bounds(), (Some(dt("2011-01-01 00:00:00")), None));
    let t = one("They left before December 7.");
    assert_eq!(t.event_bounds(), (None, Some(dt("2024-12-07 00:00:00"))));
}

#[test]
fn decades_centuries_quarters_seasons() {
    check(
        "the 1990s, the 21st century, the third quarter, last summer",
        &[
            "the 1990s=199",
            "the 21st century=20",
            "the third quarter=2024-Q3",
            "last summer=2024-SU",
        ],
    );
}

#[test]
fn references_and_sets() {
    check(
        "He is currently in Moscow, now.",
        &["currently=PRESENT_REF", "now=PRESENT_REF"],
    );
    check(
        "Flights run daily and every Sunday.",
        &["daily=P1D", "every Sunday=XXXX-WXX-7"],
    );
    check("It costs $5 a year.", &["a year=P1Y"]);
}

#[test]
fn clock_times() {
    check(
        "The vote ends at 10:30 a.m. EST Tuesday.",
        &["10:30 a.m. EST Tuesday=2024-12-03T10:30"],
    );
    check("They met Sunday night.", &["Sunday night=2024-12-08TNI"]);
    // Written close up, and the British clock with a dot (a time without a day takes the day
    // last named).
    check(
        "The blast came at 8.49pm on Friday and the all-clear at 4.30 a.m.",
        &[
            "8.49pm on Friday=2024-12-06T20:49",
            "4.30 a.m.=2024-12-06T04:30",
        ],
    );
    check("Polls close at 6pm.", &["6pm=2024-12-08T18:00"]);
    // A length written close up.
    check(
        "Total downtime was 1hr 4 mins, after 7hrs.",
        &["1hr=PT1H", "4 mins=PT4M", "7hrs=PT7H"],
    );
    // A decimal is no clock, and a dot time needs its am or pm.
    check("Turnout was 8.49 per cent, up 4.30.", &[]);
    check("A magnitude 6.1 quake.", &[]);
}

#[test]
fn words_that_look_like_dates_but_are_not() {
    check("You may march on.", &[]);
    check("They paid $2000 for 1500 people.", &[]);
    check("They don't have proper winter clothing.", &[]);
}

#[test]
fn without_an_anchor_relative_values_stay_underspecified() {
    let t = extract(
        "The offensive launched on November 27, a few days ago.",
        None,
    );
    assert_eq!(t[0].value, "XXXX-11-27");
    assert_eq!((t[0].earliest, t[0].anchor.clone()), (None, Anchor::None));
}

#[test]
fn infers_a_dateline_and_otherwise_returns_none_without_a_year() {
    let text = "Assad Flees\nBy Agencies\n\nDecember 8, 2024\n\nAssad arrived late on December 7.";
    let ts = extract(text, None);
    let (date, span) = infer_document_date(text, &ts).unwrap();
    assert_eq!(date, d(2024, 12, 8));
    assert_eq!(span.slice(text), "December 8, 2024");
    // Re-extracting with the inferred date pins the year-less date.
    assert_eq!(extract(text, Some(date))[1].value, "2024-12-07");

    let undated = "The offensive launched on November 27 and ended on December 8.";
    assert_eq!(infer_document_date(undated, &extract(undated, None)), None);
}

#[test]
fn serde_round_trip() {
    let all = extract(
        "Assad fled late on December 7, after a twelve-day offensive.",
        dct(),
    );
    let json = serde_json::to_string(&all).unwrap();
    let back: Vec<Timex> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, all);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Intervals are well-formed whatever the text and anchor.
    #[test]
    fn intervals_are_ordered(
        words in proptest::collection::vec(proptest::sample::select(vec![
            "on", "Sunday", "late", "early", "December", "7", "2024", ",", "a", "week", "prior",
            "the", "next", "day", "last", "year", "ago", "two", "more", "than", "50", "years",
            "about", "mid", "-", "1990s", "since", "2011", "just", "over", "first", "24", "hours",
            "of", "operation", "said", "will", "tonight", "3", "p.m.", "quarter", "third", "every",
            "summer", "the end of", "Dec.", "night", "before", "recently", "now", "decade",
        ]), 0..14),
        y in 1900i32..2100, m in 1u32..=12, dd in 1u32..=28,
    ) {
        let text = words.join(" ");
        let anchor = NaiveDate::from_ymd_opt(y, m, dd);
        for t in extract(&text, anchor) {
            if let (Some(a), Some(b)) = (t.earliest, t.latest) {
                prop_assert!(a <= b, "{:?} in {:?}", t, text);
            }
            prop_assert!(t.span.end <= text.len() && t.span.start < t.span.end);
            prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        }
    }

    /// Any text at all, including odd Unicode and punctuation runs, is handled without a
    /// panic and every span slices back out of it.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}", y in 1i32..9000) {
        let anchor = NaiveDate::from_ymd_opt(y, 6, 15);
        for t in extract(&text, anchor) {
            prop_assert!(text.get(t.span.start..t.span.end).is_some());
            if let (Some(a), Some(b)) = (t.earliest, t.latest) {
                prop_assert!(a <= b);
            }
        }
        let _ = infer_document_date(&text, &extract(&text, None));
    }

    /// Number-heavy text near the ends of the calendar: no panic, intervals ordered.
    #[test]
    fn numbers_at_calendar_edges(
        words in proptest::collection::vec(proptest::sample::select(vec![
            "31", "2199", "1000", "12/31/2199", "2024-02-30", "0", "99", "1/2", "December",
            "Feb.", "29", "century", "ago", "later", "hundred", "thousand", "years", "the",
            "21st", "1990s", "'", "90s", "Q4", "fourth", "quarter", "of", "weeks", "prior",
            "-", "and", "to", "noon", "12:61", "25:00", "3", "p.m.", "morning", "next",
        ]), 0..12),
        y in 1i32..9999, m in 1u32..=12, dd in 1u32..=28,
    ) {
        let text = words.join(" ");
        for t in extract(&text, NaiveDate::from_ymd_opt(y, m, dd)) {
            if let (Some(a), Some(b)) = (t.earliest, t.latest) {
                prop_assert!(a <= b, "{:?} in {:?}", t, text);
            }
        }
    }

    /// Normalization depends only on the text and the given anchor: running twice gives the
    /// same output, and no value or interval moves with anything but the anchor.
    #[test]
    fn output_depends_only_on_text_and_anchor(shift_days in -4000i64..4000) {
        let text = "On Sunday, two years ago, late on December 7, the next day, for 24 years, now.";
        let anchor = d(2024, 12, 8) + chrono::Duration::days(shift_days);
        let a = extract(text, Some(anchor));
        let b = extract(text, Some(anchor));
        prop_assert_eq!(&a, &b);
        // Absolute dates never move with the anchor year; relative ones always carry it.
        for t in &a {
            if t.anchor == Anchor::None && t.kind == TimexKind::Date {
                prop_assert!(!t.value.is_empty());
            }
        }
        let unanchored = extract(text, None);
        for t in unanchored {
            let from_dct = matches!(t.anchor, Anchor::Dct { .. });
            prop_assert!(!from_dct, "{:?}", t);
        }
    }
}

#[test]
fn weekday_with_date_before_a_colon() {
    check(
        "an editorial on Monday, Oct. 26: it said",
        &["Monday, Oct. 26=2024-10-26"],
    );
}

#[test]
fn months_with_a_relative_year_and_coordinated_days() {
    check(
        "In June last year and January this year.",
        &["June last year=2023-06", "January this year=2024-01"],
    );
    check(
        "The summit was held on April 24 and 25.",
        &["April 24=2024-04-24", "25=2024-04-25"],
    );
    check(
        "Talks ran December 7-8.",
        &["December 7=2024-12-07", "8=2024-12-08"],
    );
}

#[test]
fn weeks_of_a_month_and_edges_of_periods() {
    let t = one("Talks were held in the first week of December.");
    assert_eq!(t.value, "2024-W49");
    assert_eq!(
        interval(&t),
        ("2024-12-01 00:00".into(), "2024-12-07 23:59".into())
    );
    let t = one("Assad ruled until the end of last year.");
    assert_eq!(t.value, "2023");
    assert_eq!(
        interval(&t),
        ("2023-11-01 00:00".into(), "2023-12-31 23:59".into())
    );
    let t = one("It happened 48 hours ago.");
    assert_eq!(t.value, "2024-12-06");
}

/// No source file of this crate may read the clock: normalization depends only on the text
/// and the anchor the caller passes.
#[test]
fn no_source_file_reads_the_clock() {
    let sources = [
        ("lib.rs", include_str!("lib.rs")),
        ("token.rs", include_str!("token.rs")),
        ("grammar.rs", include_str!("grammar.rs")),
        ("resolve.rs", include_str!("resolve.rs")),
        ("calendar.rs", include_str!("calendar.rs")),
        ("tempeval.rs", include_str!("tempeval.rs")),
    ];
    let forbidden = [
        "Local::now",
        "Utc::now",
        "SystemTime",
        "Instant::now",
        "today()",
    ];
    for (name, src) in sources {
        for f in forbidden {
            assert!(!src.contains(f), "{name} mentions {f}");
        }
    }
}

#[test]
fn the_past_year_is_the_year_up_to_the_anchor() {
    let t = one("Violence rose over the past year.");
    assert_eq!((t.value.as_str(), t.kind), ("2023", TimexKind::Date));
    assert_eq!(
        interval(&t),
        ("2023-12-08 00:00".into(), "2024-12-08 23:59".into())
    );
    let t = one("Raids became routine over the past decade.");
    assert_eq!((t.value.as_str(), t.kind), ("P10Y", TimexKind::Duration));
    assert_eq!(
        interval(&t),
        ("2014-12-08 00:00".into(), "2024-12-08 23:59".into())
    );
}

#[test]
fn ranges_of_durations_keep_both_ends() {
    let t = one("Repairs will take two to three weeks.");
    assert_eq!(
        (t.value.as_str(), t.min.as_deref(), t.max.as_deref()),
        ("P2W", Some("P2W"), Some("P3W"))
    );
    let t = one("The next couple of years will be hard.");
    assert_eq!(
        (t.min.as_deref(), t.max.as_deref()),
        (Some("P2Y"), Some("P3Y"))
    );
}

#[test]
fn earlier_this_week_keeps_its_meaning_outside_the_extent() {
    let text = "Rebels took Hama earlier this week.";
    let t = one(text);
    assert_eq!(t.span.slice(text), "this week");
    assert_eq!(t.modifier_span.map(|s| s.slice(text)), Some("earlier"));
    // Monday of the anchor's week up to the anchor (a Sunday).
    assert_eq!(
        interval(&t),
        ("2024-12-02 00:00".into(), "2024-12-08 23:59".into())
    );
}

#[test]
fn participles_after_will_be_point_forward() {
    // Published in March: "will be named ... in December" is this December, not last.
    let t = extract(
        "Collins will be named commander for a mission in December.",
        Some(d(1998, 3, 4)),
    );
    assert_eq!(t[0].value, "1998-12");
    let t = extract(
        "In January, the company brought in a new chief.",
        Some(d(1989, 10, 27)),
    );
    assert_eq!(t[0].value, "1989-01");
}

#[test]
fn documents_are_dated_by_metadata_or_marked_inferred() {
    let text = "Assad Flees\n\nDecember 8, 2024\n\nHe arrived late on December 7.";
    let (date, ts) = extract_document(text, None);
    let date = date.unwrap();
    assert_eq!(date.date, d(2024, 12, 8));
    assert_eq!(
        date.inferred_from.map(|s| s.slice(text)),
        Some("December 8, 2024")
    );
    assert_eq!(ts[1].value, "2024-12-07");
    let (given, _) = extract_document(text, Some(d(2024, 12, 9)));
    assert_eq!(
        given,
        Some(DocumentDate {
            date: d(2024, 12, 9),
            inferred_from: None
        })
    );
    assert_eq!(
        extract_document("Rebels took Homs on Saturday.", None).0,
        None
    );
}

#[test]
fn a_unit_before_or_after_the_time_just_named() {
    let text = "The regime fell in 2024. The year before, it had seemed secure.";
    assert_eq!(found(text, dct()), ["2024=2024", "The year before=2023"]);
}

#[test]
fn hedges_and_coming_weekdays() {
    let t = one("Talks could take two weeks or so.");
    assert_eq!(
        (
            t.span.slice("Talks could take two weeks or so."),
            t.modifier.as_deref()
        ),
        ("two weeks or so", Some("APPROX"))
    );
    check(
        "They will meet this coming Sunday.",
        &["this coming Sunday=2024-12-15"],
    );
}

#[test]
fn a_hedged_clock_reading_keeps_its_hedge() {
    let t = one("The fire broke out at about 8:40 p.m., firefighters said.");
    assert_eq!(t.modifier.as_deref(), Some("APPROX"));
    let t = one("The fire broke out at 8:40 p.m., firefighters said.");
    assert_eq!(t.modifier, None);
}
