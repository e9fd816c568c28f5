//! The dossier rendered as Markdown for people: conflicts first with the sources' own words side
//! by side, the most corroborated statements, the timeline, the entity roster with the evidence
//! for each merge, the claims matrix, the sources with
//! their syndication, and what was cleaned out. Every sentence shown is quoted from a source.
//!
//! Text from the sources (article words, titles, outlets, names, file names, messages) goes
//! through `safe::md`/`safe::md_cell`: it shows as the words it is, never as markup, a link or
//! an image, and a `|` in it never splits a table row.

use crate::dossier::{ComparisonOut, Dossier, SpanOut};
use crate::safe::{md, md_cell};
use std::fmt::Write;

/// Renders the dossier. Source text is escaped (see the module notes).
pub fn render(d: &Dossier) -> String {
    let mut out = String::new();
    let n = d.documents.len();
    let copies = d
        .documents
        .iter()
        .filter(|x| x.duplicate_of.is_some())
        .count();
    let conflicts: Vec<&ComparisonOut> = d
        .comparisons
        .iter()
        .filter(|c| c.verdict == "conflict")
        .collect();
    match d
        .story
        .as_deref()
        .and_then(|id| d.stories.iter().find(|s| s.id == id))
    {
        Some(s) => {
            let place = match d.stories.len() {
                0 | 1 => "the only story in the input".to_string(),
                n => format!(
                    "{} of {n} stories in the input",
                    d.stories
                        .iter()
                        .position(|x| x.id == s.id)
                        .map_or(1, |i| i + 1)
                ),
            };
            let _ = writeln!(
                out,
                "# Dossier: {}\n\nStory `{}` ({place}).\n",
                md(&s.label),
                s.id
            );
        }
        None => {
            let _ = writeln!(out, "# Dossier\n");
        }
    }
    let _ = writeln!(
        out,
        "{n} document{}, {copies} linked as cop{} of another, {} input{} failed. {} claims, {} aligned groups, {} conflict{}.\n",
        plural(n),
        if copies == 1 { "y" } else { "ies" },
        d.errors.len(),
        plural(d.errors.len()),
        d.claims.len(),
        d.comparisons.len(),
        conflicts.len(),
        plural(conflicts.len())
    );
    if let Some(a) = &d.alignment {
        let how = match (&a.model, a.method.as_str()) {
            (Some(m), _) => format!(
                "Claims were aligned with sentence embeddings ({}, {} sentence{} embedded) as well as their words.",
                md(m),
                a.sentences_embedded,
                plural(a.sentences_embedded)
            ),
            _ => "Claims were aligned by their words (lexical alignment, no sentence embeddings).".to_string(),
        };
        let why = a
            .fallback
            .as_deref()
            .map(|f| {
                format!(
                    " Embeddings were not used: {}.",
                    md(f.trim_end_matches('.'))
                )
            })
            .unwrap_or_default();
        let _ = writeln!(out, "{how}{why}\n");
    }
    let doc_no = |id: &str| {
        d.documents
            .iter()
            .position(|x| x.id == id)
            .map_or(0, |i| i + 1)
    };
    let source_of = |s: &SpanOut| {
        let i = doc_no(&s.doc);
        let outlet = d
            .documents
            .get(i.wrapping_sub(1))
            .and_then(|x| x.outlet.as_deref())
            .map(|o| format!(" {}", md(o)))
            .unwrap_or_default();
        format!("#{i}{outlet}")
    };

    if !conflicts.is_empty() {
        let _ = writeln!(out, "## Where the sources disagree\n");
        for c in &conflicts {
            let _ = writeln!(
                out,
                "### {} · {} conflict ({}) — “{}”\n",
                c.id,
                c.kind.as_deref().unwrap_or("other"),
                c.degree.as_deref().unwrap_or("-"),
                md(&c.topic)
            );
            let _ = writeln!(
                out,
                "| position | independent sources | in the sources’ words |"
            );
            let _ = writeln!(out, "|---|---|---|");
            for p in &c.positions {
                let words: Vec<String> = p
                    .spans
                    .iter()
                    .map(|s| format!("{}: “{}”", source_of(s), cell(&context(d, s))))
                    .collect();
                let _ = writeln!(
                    out,
                    "| **{}** | {} | {} |",
                    cell(&p.value),
                    p.independent_sources,
                    words.join("<br>")
                );
            }
            out.push('\n');
        }
    }

    let agreed = d.most_corroborated();
    if !agreed.is_empty() {
        let _ = writeln!(out, "## Most corroborated\n");
        for c in agreed.iter().take(10) {
            let p = &c.positions[0];
            let first = &p.spans[0];
            // Each document once, though it may state the value twice.
            let mut sources: Vec<String> = Vec::new();
            for s in p.spans.iter().map(source_of) {
                if !sources.contains(&s) {
                    sources.push(s);
                }
            }
            let _ = writeln!(
                out,
                "- “{}” — {} ({} independent source{}: {})",
                md(&context(d, first)),
                md(&p.value),
                p.independent_sources,
                plural(p.independent_sources),
                sources.join(", ")
            );
        }
        out.push('\n');
    }

    if !d.timeline.is_empty() {
        let _ = writeln!(out, "## Timeline\n");
        for e in &d.timeline {
            let flag = e.disputed_by.as_deref().map_or(String::new(), |k| {
                format!(" **(date disputed: {})**", md(k))
            });
            let srcs: Vec<String> = e.sources.iter().map(source_of).collect();
            let _ = writeln!(
                out,
                "- **{}**{flag} “{}” — {}",
                md(&e.date),
                md(&e.what.text),
                srcs.join(", ")
            );
        }
        out.push('\n');
    }

    roster(d, &mut out);

    if !d.comparisons.is_empty() {
        let _ = writeln!(out, "## Claims matrix\n");
        let _ = writeln!(out, "Each aligned group against each source: ✔ supports the first position, ✘ states another, · silent.\n");
        let _ = write!(out, "| group | verdict |");
        for i in 0..n {
            let _ = write!(out, " #{} |", i + 1);
        }
        let _ = write!(out, "\n|---|---|");
        for _ in 0..n {
            out.push_str("---|");
        }
        out.push('\n');
        for c in &d.comparisons {
            let _ = write!(
                out,
                "| {} {} | {} |",
                cell(&c.id),
                cell(&clip(&c.topic, 50)),
                cell(&c.verdict)
            );
            for doc in &d.documents {
                let pos = c
                    .positions
                    .iter()
                    .position(|p| p.spans.iter().any(|s| s.doc == doc.id));
                let mark = match pos {
                    Some(0) => "✔",
                    Some(_) => "✘",
                    None => "·",
                };
                let _ = write!(out, " {mark} |");
            }
            out.push('\n');
        }
        out.push('\n');
    }

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
            cell(doc.published.as_deref().unwrap_or("—")),
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
            cell(doc.language.as_deref().unwrap_or("—")),
            cell(&copy)
        );
    }
    let credited: Vec<_> = d
        .documents
        .iter()
        .enumerate()
        .filter(|(_, x)| !x.syndication.is_empty())
        .collect();
    if !credited.is_empty() {
        let _ = writeln!(out, "\n### Syndication credits\n");
        for (i, doc) in credited {
            let list: Vec<String> = doc
                .syndication
                .iter()
                .map(|s| format!("{} “{}”", md(&s.relation), md(&s.span.text)))
                .collect();
            let _ = writeln!(out, "- #{}: {}", i + 1, list.join("; "));
        }
    }
    let _ = writeln!(out, "\n### Removed from the sources\n");
    for (i, doc) in d.documents.iter().enumerate() {
        if doc.removed.is_empty() {
            continue;
        }
        let _ = writeln!(out, "- #{}:", i + 1);
        for r in &doc.removed {
            let _ = writeln!(out, "  - {}: “{}”", md(&r.reason), md(&clip(&r.text, 90)));
        }
    }
    let warned: Vec<_> = d
        .documents
        .iter()
        .enumerate()
        .filter(|(_, x)| !x.warnings.is_empty())
        .collect();
    if !warned.is_empty() {
        let _ = writeln!(out, "\n### Warnings\n");
        for (i, doc) in warned {
            for w in &doc.warnings {
                let _ = writeln!(out, "- #{}: {}", i + 1, md(w));
            }
        }
    }
    if !d.errors.is_empty() {
        let _ = writeln!(out, "\n### Inputs that failed\n");
        for e in &d.errors {
            let _ = writeln!(out, "- {}: {}", md(&e.source), md(&e.message));
        }
    }
    out
}

/// The sentence of the dossier's claims that holds `s`, or `s` itself: what a reader needs to
/// judge the value in its own words.
pub(crate) fn context(d: &Dossier, s: &SpanOut) -> String {
    d.claims
        .iter()
        .map(|c| &c.sentence)
        .find(|c| c.doc == s.doc && c.start <= s.start && s.end <= c.end)
        .map_or_else(|| s.text.clone(), |c| c.text.clone())
        .replace('\n', " ")
}

/// One line of the entity roster as the reports show it.
pub(crate) struct RosterRow {
    pub name: String,
    pub kind: String,
    pub mentions: usize,
    /// Document numbers (1-based, as in the Sources table) the entity is named in.
    pub docs: Vec<usize>,
    /// Other spellings.
    pub aliases: Vec<String>,
    pub place: Option<String>,
    /// (spelling, reason, document numbers) for each distinct reason a spelling joined.
    pub why: Vec<(String, String, Vec<usize>)>,
}

/// The entity roster: who and what the sources name, how each spells them, where places are,
/// and why each spelling was taken to be the same entity; most mentioned first. Entities named
/// once, in one document, with nothing merged, are counted but not listed. Returns the rows
/// and the number of entities in all.
pub(crate) fn roster_rows(d: &Dossier) -> (Vec<RosterRow>, usize) {
    let doc_no = |id: &str| {
        d.documents
            .iter()
            .position(|x| x.id == id)
            .map_or(0, |i| i + 1)
    };
    let mut rows: Vec<RosterRow> = Vec::new();
    for e in &d.entities {
        let mut docs: Vec<usize> = e.mentions.iter().map(|m| doc_no(&m.doc)).collect();
        docs.sort_unstable();
        docs.dedup();
        // One line per distinct (spelling, reason); a name written the same way again needs
        // no explaining.
        let mut why: Vec<(String, String, Vec<usize>)> = Vec::new();
        for ev in &e.evidence {
            if ev.reason.starts_with("same name") {
                continue;
            }
            let doc = ev.span.as_ref().map(|s| doc_no(&s.doc));
            match why
                .iter_mut()
                .find(|(a, r, _)| *a == ev.alias && *r == ev.reason)
            {
                Some((_, _, ds)) => ds.extend(doc),
                None => why.push((
                    ev.alias.clone(),
                    ev.reason.clone(),
                    doc.into_iter().collect(),
                )),
            }
        }
        for (_, _, ds) in &mut why {
            ds.sort_unstable();
            ds.dedup();
        }
        if docs.len() < 2 && e.mentions.len() < 2 && why.is_empty() {
            continue;
        }
        rows.push(RosterRow {
            name: e.name.clone(),
            kind: e.kind.clone(),
            mentions: e.mentions.len(),
            docs,
            aliases: e
                .aliases
                .iter()
                .filter(|a| **a != e.name)
                .cloned()
                .collect(),
            place: e
                .place
                .as_ref()
                .map(|p| format!("{:.2}, {:.2} {}", p.lat, p.lon, p.country)),
            why,
        });
    }
    rows.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.name.cmp(&b.name))
    });
    (rows, d.entities.len())
}

fn numbers(docs: &[usize]) -> String {
    docs.iter()
        .map(|i| format!("#{i}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn roster(d: &Dossier, out: &mut String) {
    let (rows, total) = roster_rows(d);
    if total == 0 {
        return;
    }
    let _ = writeln!(out, "## Who and what\n");
    let _ = writeln!(
        out,
        "{total} entities; the {} named more than once or merged from several spellings, most mentioned first.\n",
        rows.len()
    );
    let _ = writeln!(
        out,
        "| entity | kind | mentions | in | also written | place |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for r in &rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&r.name),
            cell(&r.kind),
            r.mentions,
            numbers(&r.docs),
            cell(&clip(&r.aliases.join(" · "), 120)),
            cell(r.place.as_deref().unwrap_or(""))
        );
    }
    if rows.iter().any(|r| !r.why.is_empty()) {
        let _ = writeln!(out, "\n### Why names were merged\n");
        for r in rows.iter().filter(|r| !r.why.is_empty()) {
            let _ = writeln!(out, "- **{}**", md(&r.name));
            for (alias, reason, docs) in &r.why {
                let at = if docs.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", numbers(docs))
                };
                let _ = writeln!(out, "  - “{}”: {}{at}", md(alias), md(reason));
            }
        }
    }
    out.push('\n');
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn cell(s: &str) -> String {
    md_cell(s)
}

pub(crate) fn clip(s: &str, max: usize) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        format!("{}…", flat.chars().take(max).collect::<String>())
    }
}
