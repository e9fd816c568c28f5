//! Time expressions: recognition and normalization into TIMEX3 values and dated intervals.
//!
//! [`extract`] finds dates, times, durations and sets in English news text and pins each to the
//! calendar against an explicit anchor (normally the publication date). Nothing here reads the
//! system clock: the same text and anchor always give the same output.
//!
//! The work happens in three stages, each in its own module:
//! `token` (text → tokens with byte offsets), `grammar` (tokens → matched expressions with an
//! unresolved meaning), `resolve` (meaning + anchor → TIMEX3 value, interval, precision).
//! `tempeval` scores the whole thing on the TempEval-3 TimeML data.

mod calendar;
mod grammar;
mod resolve;
pub mod tempeval;
mod token;

use chrono::{NaiveDate, NaiveDateTime};
use corroborate_model::Span;
use serde::{Deserialize, Serialize};

/// The TIMEX3 `type` of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TimexKind {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexKind {
    /// The TIMEX3 spelling: `DATE`, `TIME`, `DURATION`, `SET`.
    pub fn as_timeml(self) -> &'static str {
        match self {
            TimexKind::Date => "DATE",
            TimexKind::Time => "TIME",
            TimexKind::Duration => "DURATION",
            TimexKind::Set => "SET",
        }
    }
}

/// How finely the expression pins time. For durations it is the unit the text counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Precision {
    Second,
    Minute,
    Hour,
    /// Morning, afternoon, evening, night of a known day.
    PartOfDay,
    Day,
    Week,
    Month,
    Season,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
    /// "now", "recently", "the future": a position relative to the anchor, no calendar unit.
    Vague,
}

/// What a relative expression was resolved against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Anchor {
    /// Absolute expressions ("December 8, 2024"), or relative ones nothing could anchor.
    None,
    /// The document creation time given to [`extract`].
    Dct { date: NaiveDate },
    /// An earlier time expression in the same text ("a week prior", "the next day").
    Previous { span: Span, date: NaiveDate },
    /// An event the expression names ("the first 24 hours *of the operation*"), dated by the
    /// time expression at `via` that the text attached to that event earlier.
    Event {
        span: Span,
        date: NaiveDate,
        via: Span,
    },
}

/// The word that links an expression to the event it times ("*by* December 7", "*since* 2011").
/// It is kept apart from the span because TIMEX3 extents exclude it, but it changes what the
/// expression says about the event: see [`Timex::event_bounds`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signal {
    pub span: Span,
    /// Lower-cased: "on", "by", "since", "until", "before", "after", "in", "during", "for", ...
    pub word: String,
}

/// One time expression found in a text.
///
/// For dates and times, `earliest..=latest` is the stretch of calendar time the expression
/// covers, widened or shifted by fuzzy qualifiers ("early Sunday" is the first part of that
/// Sunday; "about March 5" reaches a day either side).
///
/// For durations, `min`/`max` bound the length (ISO 8601, e.g. "more than 50 years" has
/// `min = P50Y`, `max = None`; "just over a week" has `P8D`..`P10D`). `earliest`/`latest` are
/// set only when the text ties the duration to a point: "the past two years" and "for 24 years"
/// end at the anchor, "the next week" starts there, "the first 24 hours of the operation" starts
/// at the operation's date. Otherwise they are `None`.
///
/// For sets ("every Sunday", "daily") the interval is `None`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    pub span: Span,
    pub kind: TimexKind,
    /// TIMEX3 `value`: "2024-12-08", "2024-W49", "XXXX-11-27", "P12D", "PXY", "PRESENT_REF".
    pub value: String,
    pub earliest: Option<NaiveDateTime>,
    pub latest: Option<NaiveDateTime>,
    pub precision: Precision,
    pub anchor: Anchor,
    /// TIMEX3 `mod`: START, MID, END, APPROX, MORE_THAN, LESS_THAN, EQUAL_OR_MORE, EQUAL_OR_LESS.
    pub modifier: Option<String>,
    /// Shortest length a duration can have, ISO 8601.
    pub min: Option<String>,
    /// Longest length a duration can have, ISO 8601; `None` when open-ended.
    pub max: Option<String>,
    pub signal: Option<Signal>,
    /// A qualifier that changed `modifier` but stands outside `span`, where TimeML extents (as
    /// annotated in TBAQ) leave it out: in "about two weeks" the span is "two weeks", in
    /// "earlier this week" it is "this week".
    pub modifier_span: Option<Span>,
}

impl Timex {
    /// Bounds on the time of an event the signal word ties to this expression:
    /// "by December 7" gives `(None, end of Dec 7)`, "before December 7" `(None, start of
    /// Dec 7)`, "since 2011" `(start of 2011, None)`, "after 2011" `(end of 2011, None)`,
    /// "on Sunday" the whole Sunday. Without a signal, the expression's own interval.
    pub fn event_bounds(&self) -> (Option<NaiveDateTime>, Option<NaiveDateTime>) {
        match self.signal.as_ref().map(|s| s.word.as_str()) {
            Some("by" | "until" | "till") => (None, self.latest),
            Some("before" | "prior") => (None, self.earliest),
            Some("since" | "from") => (self.earliest, None),
            Some("after") => (self.latest, None),
            _ => (self.earliest, self.latest),
        }
    }
}

/// Finds and normalizes every time expression in `text`, resolving relative ones against
/// `anchor_date` (the publication date). With no anchor, relative expressions keep
/// underspecified values ("XXXX-11-27") and no interval, unless the text itself supplies an
/// anchor (an earlier full date). Deterministic: never reads the clock.
pub fn extract(text: &str, anchor_date: Option<NaiveDate>) -> Vec<Timex> {
    let toks = token::tokenize(text);
    let matches = grammar::recognize(&toks);
    resolve::resolve_all(&toks, &matches, anchor_date)
}

/// The date a document is anchored on, and whether it was given or read out of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentDate {
    pub date: NaiveDate,
    /// `Some(span)` when inferred by [`infer_document_date`]: the expression it came from.
    /// `None` when the caller supplied the date (publication metadata).
    pub inferred_from: Option<Span>,
}

/// [`extract`] for a whole document: uses the publication date when known; otherwise infers
/// one from the text, marks it inferred, and extracts again against it. Without either, the
/// expressions are those of `extract(text, None)`.
pub fn extract_document(
    text: &str,
    published: Option<NaiveDate>,
) -> (Option<DocumentDate>, Vec<Timex>) {
    if let Some(date) = published {
        return (
            Some(DocumentDate {
                date,
                inferred_from: None,
            }),
            extract(text, Some(date)),
        );
    }
    let first = extract(text, None);
    match infer_document_date(text, &first) {
        Some((date, span)) => {
            let dd = DocumentDate {
                date,
                inferred_from: Some(span),
            };
            (Some(dd), extract(text, Some(date)))
        }
        None => (None, first),
    }
}

/// Guesses the publication date of an undated text from its own time expressions.
///
/// A full date (day, month and year all written) standing on its own line near the top is
/// taken as the dateline; otherwise the latest full date the text mentions. Returns `None`
/// when the text never writes a year next to a day, because a month and day alone cannot be
/// placed in a year without outside knowledge. The span is the expression the date came from,
/// so callers can mark the date as inferred and show why.
pub fn infer_document_date(text: &str, timexes: &[Timex]) -> Option<(NaiveDate, Span)> {
    let full: Vec<(&Timex, NaiveDate)> = timexes
        .iter()
        .filter(|t| t.kind != TimexKind::Duration && t.kind != TimexKind::Set)
        .filter(|t| t.anchor == Anchor::None && t.precision <= Precision::Day)
        .filter_map(|t| {
            let v = t.value.get(..10)?;
            NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .ok()
                .map(|d| (t, d))
        })
        .collect();
    let on_own_line = |t: &Timex| {
        let line_start = text[..t.span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[t.span.end..]
            .find('\n')
            .map_or(text.len(), |i| t.span.end + i);
        let rest = format!(
            "{}{}",
            &text[line_start..t.span.start],
            &text[t.span.end..line_end]
        );
        rest.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
            .is_empty()
    };
    if let Some((t, d)) = full
        .iter()
        .find(|(t, _)| t.span.start < 600 && on_own_line(t))
    {
        return Some((*d, t.span));
    }
    full.iter()
        .max_by_key(|(t, d)| (*d, std::cmp::Reverse(t.span.start)))
        .map(|(t, d)| (*d, t.span))
}

#[cfg(test)]
mod tests;
