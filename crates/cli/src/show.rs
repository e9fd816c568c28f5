//! Text views for people: annotations drawn under the sentences they belong to.

use corroborate_pipeline::{Anchor, Timex};
use corroborate_pipeline::{Document, Span};
use std::fmt::Write;

/// Each sentence that holds time expressions, with a caret line under every expression and
/// its reading below:
///
/// ```text
/// Additionally, the operation launched on November 27 “caught the regime by surprise” …
///                                         ^^^^^^^^^^^ DATE 2024-11-27  [2024-11-27 .. 2024-11-27] day  (publication 2024-12-08)
/// ```
pub fn times_aligned(doc: &Document, times: &[Timex]) -> String {
    let mut out = String::new();
    let published = doc
        .meta
        .published
        .map_or("unknown".to_string(), |d| d.to_string());
    let _ = writeln!(
        out,
        "{} time expressions; publication date {published}\n",
        times.len()
    );
    for s in &doc.sentences {
        let inside: Vec<&Timex> = times.iter().filter(|t| s.contains(t.span)).collect();
        if inside.is_empty() {
            continue;
        }
        let sentence = s.slice(&doc.text).replace('\n', " ");
        let _ = writeln!(out, "{sentence}");
        for t in inside {
            let col = doc.text[s.start..t.span.start].chars().count();
            let width = t.span.slice(&doc.text).chars().count().max(1);
            let _ = writeln!(
                out,
                "{}{} {}",
                " ".repeat(col),
                "^".repeat(width),
                describe(doc, t)
            );
        }
        out.push('\n');
    }
    out
}

fn describe(doc: &Document, t: &Timex) -> String {
    let day = |d: chrono::NaiveDateTime| {
        if d.time() == chrono::NaiveTime::MIN || d.format("%H:%M:%S").to_string() == "23:59:59" {
            d.format("%Y-%m-%d").to_string()
        } else {
            d.format("%Y-%m-%d %H:%M").to_string()
        }
    };
    let interval = match (t.earliest, t.latest) {
        (Some(a), Some(b)) => format!("[{} .. {}]", day(a), day(b)),
        (Some(a), None) => format!("[{} .. ]", day(a)),
        (None, Some(b)) => format!("[ .. {}]", day(b)),
        (None, None) => "[no interval]".to_string(),
    };
    let bounds = match (&t.min, &t.max) {
        (Some(a), Some(b)) if a != b => format!(" length {a}..{b}"),
        (Some(a), None) => format!(" length ≥ {a}"),
        _ => String::new(),
    };
    let anchor = match &t.anchor {
        Anchor::None => "absolute".to_string(),
        Anchor::Dct { date } => format!("from publication {date}"),
        Anchor::Previous { span, date } => format!("from “{}” {date}", quote(doc, *span)),
        Anchor::Event { span, date, .. } => {
            format!("from the event “{}” {date}", quote(doc, *span))
        }
    };
    let modifier = t
        .modifier
        .as_deref()
        .map_or(String::new(), |m| format!(" {m}"));
    format!(
        "{} {}{modifier} {interval} {:?}{bounds} ({anchor})",
        t.kind.as_timeml(),
        t.value,
        t.precision
    )
    .replace("  ", " ")
}

fn quote(doc: &Document, s: Span) -> String {
    s.slice(&doc.text).chars().take(40).collect()
}
