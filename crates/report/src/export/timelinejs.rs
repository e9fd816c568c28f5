//! TimelineJS 3 JSON: one event per timeline entry; TimelineJS renders `headline` and `text` as
//! HTML, so both are escaped.

use super::{clip, html_escape, outlets};
use crate::dossier::Dossier;
use serde_json::{json, Value};

pub(super) fn render(d: &Dossier) -> Value {
    let names = outlets(d);
    let title = d
        .documents
        .iter()
        .find_map(|x| x.title.as_deref())
        .unwrap_or("Timeline");
    let events: Vec<Value> = d
        .timeline
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let mut parts = t.date.splitn(3, '-');
            let (y, m, day) = (parts.next()?, parts.next()?, parts.next()?);
            let mut sources: Vec<&str> = t
                .sources
                .iter()
                .filter_map(|s| names.get(s.doc.as_str()).copied())
                .collect();
            sources.dedup();
            let mut text = format!(
                "<p>{}</p><p>Sources: {}</p>",
                html_escape(&t.what.text),
                html_escape(&sources.join(", "))
            );
            if let Some(c) = &t.disputed_by {
                text.push_str(&format!(
                    "<p>The date is disputed by the sources (comparison {}).</p>",
                    html_escape(c)
                ));
            }
            Some(json!({
                "unique_id": format!("event-{}", i + 1),
                "start_date": {
                    "year": y.trim_start_matches('0'),
                    "month": m.trim_start_matches('0'),
                    "day": day.trim_start_matches('0'),
                },
                "text": { "headline": html_escape(&clip(&t.what.text, 90)), "text": text },
                "group": if t.disputed_by.is_some() { "disputed date" } else { "dated events" },
            }))
        })
        .collect();
    json!({
        "title": { "text": {
            "headline": html_escape(title),
            "text": html_escape(&format!("{} dated events from {} reports", d.timeline.len(), d.documents.len())),
        }},
        "events": events,
    })
}
