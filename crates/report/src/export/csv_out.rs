//! CSV of claims (one row per claim) and of comparisons (one row per position). A cell that
//! a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, carriage return first) is prefixed
//! with `'`, as OWASP advises against CSV injection.

use super::outlets;
use crate::dossier::Dossier;

/// A cell as text, defused.
fn cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

fn write(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| cell(c)));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

pub(super) fn claims(d: &Dossier) -> String {
    let names = outlets(d);
    let published = |doc: &str| {
        d.documents
            .iter()
            .find(|x| x.id == doc)
            .and_then(|x| x.published.clone())
            .unwrap_or_default()
    };
    let rows = d
        .claims
        .iter()
        .map(|c| {
            vec![
                c.id.clone(),
                c.sentence.doc.clone(),
                names
                    .get(c.sentence.doc.as_str())
                    .copied()
                    .unwrap_or("")
                    .to_string(),
                published(&c.sentence.doc),
                c.sentence.start.to_string(),
                c.sentence.end.to_string(),
                c.sentence.text.clone(),
                c.predicate.clone().unwrap_or_default(),
                c.names.join("; "),
                c.values
                    .iter()
                    .map(|v| format!("{}: {}", v.kind, v.label))
                    .collect::<Vec<_>>()
                    .join("; "),
                c.modality.clone(),
                c.negated.to_string(),
                c.attribution.clone().unwrap_or_default(),
            ]
        })
        .collect();
    write(
        &[
            "claim",
            "document",
            "outlet",
            "published",
            "start",
            "end",
            "sentence",
            "predicate",
            "names",
            "values",
            "modality",
            "negated",
            "attribution",
        ],
        rows,
    )
}

pub(super) fn comparisons(d: &Dossier) -> String {
    let names = outlets(d);
    let mut rows = Vec::new();
    for c in &d.comparisons {
        for (i, p) in c.positions.iter().enumerate() {
            let mut outs: Vec<&str> = p
                .spans
                .iter()
                .filter_map(|s| names.get(s.doc.as_str()).copied())
                .collect();
            outs.dedup();
            rows.push(vec![
                c.id.clone(),
                c.topic.clone(),
                c.verdict.clone(),
                c.kind.clone().unwrap_or_default(),
                c.degree.clone().unwrap_or_default(),
                (i + 1).to_string(),
                p.value.clone(),
                p.independent_sources.to_string(),
                outs.join("; "),
                p.claims.join("; "),
                p.published.clone().unwrap_or_default(),
                p.spans
                    .iter()
                    .map(|s| format!("{}@{}-{}: {}", s.doc, s.start, s.end, s.text))
                    .collect::<Vec<_>>()
                    .join(" | "),
            ]);
        }
    }
    write(
        &[
            "comparison",
            "topic",
            "verdict",
            "kind",
            "degree",
            "position",
            "value",
            "independent_sources",
            "outlets",
            "claims",
            "published",
            "spans",
        ],
        rows,
    )
}
