//! Prints every time expression in a text file with its value, interval and anchor.
//!
//! Usage: `cargo run -p corroborate-timex --example extract -- FILE [YYYY-MM-DD]`
//! Without a date the publication date is inferred from the text when it can be.

use chrono::NaiveDate;
use corroborate_timex::{extract_document, Anchor, Timex};
use std::process::ExitCode;

fn describe_anchor(text: &str, a: &Anchor) -> String {
    match a {
        Anchor::None => "-".into(),
        Anchor::Dct { date } => format!("DCT {date}"),
        Anchor::Previous { span, date } => format!("previous {:?} = {date}", span.slice(text)),
        Anchor::Event { span, date, via } => {
            format!(
                "event {:?} dated {date} by {:?}",
                span.slice(text),
                via.slice(text)
            )
        }
    }
}

fn line(text: &str, t: &Timex) -> String {
    let f = |x: Option<chrono::NaiveDateTime>| {
        x.map_or("…".into(), |x| x.format("%Y-%m-%d %H:%M").to_string())
    };
    let mut s = format!(
        "{:<32} {:<8} {:<14} [{} .. {}]",
        format!("{:?}", t.span.slice(text)),
        t.kind.as_timeml(),
        t.value,
        f(t.earliest),
        f(t.latest)
    );
    if let Some(m) = &t.modifier {
        s.push_str(&format!(" mod={m}"));
    }
    if t.min.is_some() || t.max.is_some() {
        s.push_str(&format!(
            " len={}..{}",
            t.min.as_deref().unwrap_or("?"),
            t.max.as_deref().unwrap_or("open")
        ));
    }
    if let Some(sig) = &t.signal {
        s.push_str(&format!(" signal={}", sig.word));
    }
    s.push_str(&format!(" anchor={}", describe_anchor(text, &t.anchor)));
    s
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: extract FILE [YYYY-MM-DD]");
        return ExitCode::FAILURE;
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let given = match args
        .get(1)
        .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d"))
    {
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => {
            eprintln!("error: date must be YYYY-MM-DD: {e}");
            return ExitCode::FAILURE;
        }
        None => None,
    };
    let (date, found) = extract_document(&text, given);
    match date {
        Some(d) => match d.inferred_from {
            Some(span) => println!(
                "publication date inferred: {} from {:?}",
                d.date,
                span.slice(&text)
            ),
            None => println!("publication date given: {}", d.date),
        },
        None => println!("publication date: unknown (no full date in the text)"),
    }
    for t in &found {
        println!("{}", line(&text, t));
    }
    ExitCode::SUCCESS
}
