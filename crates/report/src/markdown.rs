//! The dossier rendered as Markdown for people.

use crate::dossier::Dossier;
use std::fmt::Write;

/// Renders the dossier. Article words are quoted as they are; Markdown table cells escape `|`.
pub fn render(d: &Dossier) -> String {
    let mut out = String::new();
    let n = d.documents.len();
    let copies = d
        .documents
        .iter()
        .filter(|x| x.duplicate_of.is_some())
        .count();
    let _ = writeln!(out, "# Dossier\n");
    let _ = writeln!(
        out,
        "{n} document{}, {copies} linked as cop{} of another, {} input{} failed.\n",
        plural(n),
        if copies == 1 { "y" } else { "ies" },
        d.errors.len(),
        plural(d.errors.len())
    );
    let _ = writeln!(out, "## Sources\n");
    let _ = writeln!(
        out,
        "| # | id | title | outlet | published | basis | language | copy of |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|");
    for (i, doc) in d.documents.iter().enumerate() {
        let copy = doc.duplicate.as_ref().map_or(String::new(), |c| {
            let j = d
                .documents
                .iter()
                .position(|x| x.id == c.original)
                .map_or(c.original[..12].to_string(), |j| format!("#{}", j + 1));
            format!("{j} ({}, {:.0}%)", c.method, c.overlap * 100.0)
        });
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | {} | {} | {} |",
            i + 1,
            &doc.id[..12],
            cell(doc.title.as_deref().unwrap_or("—")),
            cell(doc.outlet.as_deref().unwrap_or("—")),
            doc.published.as_deref().unwrap_or("—"),
            cell(
                &doc.published_basis
                    .clone()
                    .map(|b| if doc.published_inferred {
                        format!("{b} (inferred)")
                    } else {
                        b
                    })
                    .unwrap_or_else(|| "—".into())
            ),
            doc.language.as_deref().unwrap_or("—"),
            copy
        );
    }
    let credited: Vec<_> = d
        .documents
        .iter()
        .enumerate()
        .filter(|(_, x)| !x.syndication.is_empty())
        .collect();
    if !credited.is_empty() {
        let _ = writeln!(out, "\n## Syndication credits\n");
        for (i, doc) in credited {
            let list: Vec<String> = doc
                .syndication
                .iter()
                .map(|s| format!("{} “{}”", s.relation, s.span.text))
                .collect();
            let _ = writeln!(out, "- #{}: {}", i + 1, list.join("; "));
        }
    }
    let _ = writeln!(out, "\n## Removed from the sources\n");
    for (i, doc) in d.documents.iter().enumerate() {
        if doc.removed.is_empty() {
            continue;
        }
        let _ = writeln!(out, "- #{}:", i + 1);
        for r in &doc.removed {
            let _ = writeln!(out, "  - {}: “{}”", r.reason, excerpt(&r.text, 90));
        }
    }
    let warned: Vec<_> = d
        .documents
        .iter()
        .enumerate()
        .filter(|(_, x)| !x.warnings.is_empty())
        .collect();
    if !warned.is_empty() {
        let _ = writeln!(out, "\n## Warnings\n");
        for (i, doc) in warned {
            for w in &doc.warnings {
                let _ = writeln!(out, "- #{}: {}", i + 1, w);
            }
        }
    }
    if !d.errors.is_empty() {
        let _ = writeln!(out, "\n## Inputs that failed\n");
        for e in &d.errors {
            let _ = writeln!(out, "- {}: {}", e.source, e.message);
        }
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn excerpt(s: &str, max: usize) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        format!("{}…", flat.chars().take(max).collect::<String>())
    }
}
