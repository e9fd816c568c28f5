//! The dossier as one self-contained HTML page: no scripts, no external resources, and every
//! piece of article text escaped, so a source carrying markup or script shows as text.

use crate::dossier::{Dossier, SpanOut};
use crate::markdown::{clip, context};
use std::fmt::Write;

/// Escapes text for HTML element content and attribute values. Bidi embeddings, overrides
/// and isolates (U+202A–202E, U+2066–2069) are shown as `<U+202E>` instead of reordering the
/// text around them.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if crate::terminal::is_bidi_control(c) => {
                out.push_str(&format!("&lt;U+{:04X}&gt;", c as u32))
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}\
h1,h2,h3{line-height:1.2}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}\
td,th{border:1px solid #ccc;padding:.35rem .5rem;vertical-align:top;text-align:left}\
th{background:#f3f3f3}.conflict{border-left:4px solid #c0392b;padding-left:.75rem;margin:1rem 0}\
.tension{border-left-color:#e67e22}mark{background:#fff3b0}.muted{color:#777}.disputed{color:#c0392b;font-weight:600}\
code{font-size:90%}td{overflow-wrap:anywhere}\
@media (prefers-color-scheme:dark){body{background:#16181a;color:#e4e4e4}th{background:#26292c}td,th{border-color:#444}\
mark{background:#5c4b00;color:#fff}.muted{color:#9a9a9a}.disputed,.conflict h3{color:#ff8a7a}}\
@media print{body{max-width:none;margin:0;font-size:11pt}tr,section{break-inside:avoid}h2,h3{break-after:avoid}}";

/// Renders the page of one dossier.
pub fn render(d: &Dossier) -> String {
    render_all(std::slice::from_ref(d))
}

/// Renders one page holding several dossiers (one per story), one after the other.
pub fn render_all(ds: &[Dossier]) -> String {
    let mut o = String::new();
    let _ = write!(o, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>corroborate dossier</title><style>{STYLE}</style></head><body>\n");
    for (i, d) in ds.iter().enumerate() {
        if i > 0 {
            o.push_str("<hr>\n");
        }
        o.push_str("<article>\n");
        body(d, &mut o);
        o.push_str("</article>\n");
    }
    o.push_str("</body></html>\n");
    o
}

/// The body of one dossier.
fn body(d: &Dossier, o: &mut String) {
    let conflicts: Vec<_> = d
        .comparisons
        .iter()
        .filter(|c| c.verdict == "conflict")
        .collect();
    // Each story's section is labelled, so several stories on one page can be told apart.
    let heading = match d
        .story
        .as_deref()
        .and_then(|id| d.stories.iter().find(|s| s.id == id))
    {
        Some(s) => format!(
            "<h1 id=\"{}\">Dossier: {}</h1><p class=\"muted\">Story <code>{}</code></p>",
            escape(&s.id),
            escape(&s.label),
            escape(&s.id)
        ),
        None => "<h1>Dossier</h1>".to_string(),
    };
    let _ = writeln!(
        o,
        "{heading}<p>{} documents, {} claims, {} aligned groups, {} conflicts.</p>",
        d.documents.len(),
        d.claims.len(),
        d.comparisons.len(),
        conflicts.len()
    );
    if let Some(a) = &d.alignment {
        let how = match &a.model {
            Some(m) => format!(
                "Claims were aligned with sentence embeddings ({}, {} sentences embedded) as well as their words.",
                escape(m),
                a.sentences_embedded
            ),
            None => "Claims were aligned by their words (lexical alignment, no sentence embeddings).".to_string(),
        };
        let why = a
            .fallback
            .as_deref()
            .map(|f| format!(" Embeddings were not used: {}", escape(f)))
            .unwrap_or_default();
        let _ = writeln!(o, "<p class=\"muted\">{how}{why}</p>");
    }
    let doc_label = |s: &SpanOut| {
        let i = d
            .documents
            .iter()
            .position(|x| x.id == s.doc)
            .map_or(0, |i| i + 1);
        let outlet = d
            .documents
            .get(i.wrapping_sub(1))
            .and_then(|x| x.outlet.clone())
            .unwrap_or_default();
        format!("#{i} {}", escape(&outlet))
    };
    // The value marked inside its sentence.
    let marked = |s: &SpanOut| {
        let sentence = context(d, s);
        match sentence.find(&s.text) {
            Some(at) if !s.text.is_empty() => format!(
                "{}<mark>{}</mark>{}",
                escape(&sentence[..at]),
                escape(&s.text),
                escape(&sentence[at + s.text.len()..])
            ),
            _ => escape(&sentence),
        }
    };
    if !conflicts.is_empty() {
        let _ = writeln!(o, "<h2>Where the sources disagree</h2>");
        for c in &conflicts {
            let class = if c.degree.as_deref() == Some("tension") {
                "conflict tension"
            } else {
                "conflict"
            };
            let _ = writeln!(o, "<section class=\"{class}\"><h3>{} · {} conflict ({}) — “{}”</h3><table><tr><th>position</th><th>independent sources</th><th>in the sources’ words</th></tr>", escape(&c.id), escape(c.kind.as_deref().unwrap_or("other")), escape(c.degree.as_deref().unwrap_or("-")), escape(&c.topic));
            for p in &c.positions {
                let words: Vec<String> = p
                    .spans
                    .iter()
                    .map(|s| format!("<p><b>{}</b>: “{}”</p>", doc_label(s), marked(s)))
                    .collect();
                let _ = writeln!(
                    o,
                    "<tr><td><b>{}</b></td><td>{}</td><td>{}</td></tr>",
                    escape(&p.value),
                    p.independent_sources,
                    words.join("")
                );
            }
            let _ = writeln!(o, "</table></section>");
        }
    }
    let agreed = d.most_corroborated();
    if !agreed.is_empty() {
        let _ = writeln!(o, "<h2>Most corroborated</h2><ul>");
        for c in agreed.iter().take(10) {
            let p = &c.positions[0];
            let _ = writeln!(
                o,
                "<li>“{}” — {} <span class=\"muted\">({} independent sources: {})</span></li>",
                marked(&p.spans[0]),
                escape(&p.value),
                p.independent_sources,
                p.spans.iter().map(doc_label).collect::<Vec<_>>().join(", ")
            );
        }
        let _ = writeln!(o, "</ul>");
    }
    if !d.timeline.is_empty() {
        let _ = writeln!(o, "<h2>Timeline</h2><table><tr><th>date</th><th>what the sources say</th><th>sources</th></tr>");
        for e in &d.timeline {
            let flag = e.disputed_by.as_deref().map_or(String::new(), |k| {
                format!(
                    " <span class=\"disputed\">date disputed ({})</span>",
                    escape(k)
                )
            });
            let _ = writeln!(
                o,
                "<tr><td>{}{flag}</td><td>{}</td><td>{}</td></tr>",
                escape(&e.date),
                escape(&e.what.text),
                e.sources
                    .iter()
                    .map(doc_label)
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        let _ = writeln!(o, "</table>");
    }
    let (rows, total) = crate::markdown::roster_rows(d);
    if total > 0 {
        let _ = writeln!(
            o,
            "<h2>Who and what</h2><p class=\"muted\">{total} entities; the {} named more than once or merged from several spellings.</p><table><tr><th>entity</th><th>kind</th><th>mentions</th><th>in</th><th>also written</th><th>place</th><th>why merged</th></tr>",
            rows.len()
        );
        for r in &rows {
            let docs: Vec<String> = r.docs.iter().map(|i| format!("#{i}")).collect();
            let why: Vec<String> = r
                .why
                .iter()
                .map(|(a, reason, _)| format!("“{}”: {}", escape(a), escape(reason)))
                .collect();
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&r.name),
                escape(&r.kind),
                r.mentions,
                docs.join(" "),
                escape(&r.aliases.join(" · ")),
                escape(r.place.as_deref().unwrap_or("")),
                why.join("<br>")
            );
        }
        let _ = writeln!(o, "</table>");
    }
    if !d.comparisons.is_empty() {
        let _ = writeln!(o, "<h2>Claims matrix</h2><p class=\"muted\">✔ supports the first position, ✘ states another, · silent.</p><table><tr><th>group</th><th>verdict</th>");
        // Columns are named by outlet (or title) when the document has one, with its number.
        for (i, doc) in d.documents.iter().enumerate() {
            let name = doc
                .outlet
                .as_deref()
                .or(doc.title.as_deref())
                .map(|n| n.chars().take(24).collect::<String>())
                .unwrap_or_default();
            let _ = write!(o, "<th>#{} {}</th>", i + 1, escape(&name));
        }
        let _ = writeln!(o, "</tr>");
        for c in &d.comparisons {
            let _ = write!(
                o,
                "<tr><td>{} {}</td><td>{}</td>",
                escape(&c.id),
                escape(&clip(&c.topic, 60)),
                escape(&c.verdict)
            );
            for doc in &d.documents {
                let mark = match c
                    .positions
                    .iter()
                    .position(|p| p.spans.iter().any(|s| s.doc == doc.id))
                {
                    Some(0) => "✔",
                    Some(_) => "✘",
                    None => "·",
                };
                let _ = write!(o, "<td>{mark}</td>");
            }
            let _ = writeln!(o, "</tr>");
        }
        let _ = writeln!(o, "</table>");
    }
    let _ = writeln!(o, "<h2>Sources</h2><table><tr><th>#</th><th>title</th><th>outlet</th><th>published</th><th>copy of</th><th>credits</th></tr>");
    for (i, doc) in d.documents.iter().enumerate() {
        let copy = doc.duplicate.as_ref().map_or(String::new(), |c| {
            format!(
                "{} ({}, {:.0}%)",
                escape(&c.original[..12]),
                escape(&c.method),
                c.overlap * 100.0
            )
        });
        let credits: Vec<String> = doc
            .syndication
            .iter()
            .map(|s| format!("{} “{}”", escape(&s.relation), escape(&s.span.text)))
            .collect();
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}<br><code class=\"muted\">{}</code></td><td>{}</td><td>{} <span class=\"muted\">{}</span></td><td>{copy}</td><td>{}</td></tr>",
            i + 1,
            escape(doc.title.as_deref().unwrap_or("—")),
            escape(&doc.source),
            escape(doc.outlet.as_deref().unwrap_or("—")),
            escape(doc.published.as_deref().unwrap_or("—")),
            escape(doc.published_basis.as_deref().unwrap_or("")),
            credits.join("<br>")
        );
    }
    let _ = writeln!(o, "</table>");
    if !d.errors.is_empty() {
        let _ = writeln!(o, "<h2>Inputs that failed</h2><ul>");
        for e in &d.errors {
            let _ = writeln!(o, "<li>{}: {}</li>", escape(&e.source), escape(&e.message));
        }
        let _ = writeln!(o, "</ul>");
    }
}
