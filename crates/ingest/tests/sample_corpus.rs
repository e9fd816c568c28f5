//! The sample corpus (examples/syria-2024-12): each document's removed spans with their reasons,
//! its metadata, and the invariants that tie the cleaned text back to the raw input.

use corroborate_ingest::read_bytes;
use corroborate_model::Document;
use std::path::PathBuf;

fn sample_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/syria-2024-12")
}

fn sample_docs() -> Vec<(String, Document)> {
    let mut paths: Vec<_> = std::fs::read_dir(sample_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let out = read_bytes(&name, &std::fs::read(&p).unwrap());
            assert!(out.errors.is_empty(), "{:?}", out.errors);
            (
                name,
                corroborate_extract::segment::segmented(out.documents.into_iter().next().unwrap()),
            )
        })
        .collect()
}

/// Metadata and every removed stretch, as a reviewer wants to read them.
fn render(d: &Document) -> String {
    let m = &d.meta;
    let mut s = String::new();
    s += &format!("title:     {}\n", m.title.as_deref().unwrap_or("-"));
    s += &format!("outlet:    {}\n", m.outlet.as_deref().unwrap_or("-"));
    s += &format!("author:    {}\n", m.author.as_deref().unwrap_or("-"));
    let basis = m.published_basis.as_ref().map_or(String::new(), |b| {
        format!(
            " ({}{}{})",
            b.kind.as_str(),
            if b.inferred { ", inferred" } else { "" },
            b.evidence
                .map(|e| format!(": “{}”", d.slice(e)))
                .unwrap_or_default()
        )
    });
    s += &format!(
        "published: {}{basis}\n",
        m.published.map_or("-".into(), |p| p.to_string())
    );
    s += &format!("language:  {}\n", m.language.as_deref().unwrap_or("-"));
    for c in &m.syndication {
        s += &format!("credit:    {} “{}”\n", c.relation, d.slice(c.evidence));
    }
    for c in &d.captions {
        s += &format!("caption:   “{}”\n", d.slice(*c));
    }
    s += &format!(
        "sentences: {} in {} paragraphs\n",
        d.sentences.len(),
        d.paragraphs.len()
    );
    for w in &d.warnings {
        s += &format!("warning:   {w}\n");
    }
    s += "removed:\n";
    for r in &d.removed {
        let flat: Vec<&str> = r.text.split_whitespace().collect();
        let mut t = flat.join(" ");
        if t.chars().count() > 100 {
            t = format!("{}…", t.chars().take(100).collect::<String>());
        }
        s += &format!("  [{}] {}\n", r.reason.as_str(), t);
    }
    s
}

#[test]
fn sample_documents_removed_spans_and_metadata() {
    for (name, d) in sample_docs() {
        insta::assert_snapshot!(name.clone(), render(&d));
    }
}

#[test]
fn nothing_of_the_article_is_lost() {
    // Lines a careful reader counts as article text, one per document, from top to bottom.
    let must_keep = [
        (
            "000",
            [
                "Syria: al-Assad flees to Russia",
                "Homs, December 8, 2024",
                "By EFE (Confidencial)",
                "HAVANA TIMES",
                "Those living in neighboring countries have already begun returning",
                "First published in Spanish by Confidencial",
            ],
        ),
        (
            "001",
            [
                "Bashar Al-Assad: Details of the Final Days",
                "Although Bashar Al-Assad",
                "Safe Passage",
                "Who Led the Attack?",
                "the 3rd Corps of the so-called Free Syrian Army",
                "supervised drone attacks.",
            ],
        ),
        (
            "002",
            [
                "Assad Granted Asylum in Russia",
                "Updated as reports come in.",
                "had not fleAbu Mohammad al-Golani",
                "Setback For Russia",
                "Assad’s whereabouts were not confirmed",
                "Based on reports from multiple sources",
            ],
        ),
        (
            "003",
            [
                "Regime has come to an End After 13 Years",
                "Fundamental act of justice",
                "Who are the Rebels?",
                "In 2016, he announced a break",
                "Bashar al-Assad Gets Asylum in Moscow:",
                "raising Israeli concerns about Iran’s military presence",
            ],
        ),
        (
            "004",
            [
                "Bashar al-Assad Flees to Moscow",
                "By Smartencyclopedia with Agencies",
                "December 8, 2024",
                "According to Russian state news agency TASS",
                "Assad sent his wife and three children to Moscow a week prior",
                "whether peace and stability can emerge",
            ],
        ),
    ];
    let junk = [
        "Share this",
        "Leave a Reply",
        "Comments are closed",
        "One thought on",
        "Related Articles",
        "Back to top",
        "Show More",
        "MonsterInsights",
        "d5d786b8",
        "READ MORE",
        "Read more news here",
        "Your email address",
        "The Castro regime should take note",
    ];
    for (name, d) in sample_docs() {
        let (_, keep) = must_keep.iter().find(|(p, _)| name.starts_with(p)).unwrap();
        for k in keep {
            assert!(d.text.contains(k), "{name}: lost {k:?}");
        }
        for j in junk {
            assert!(!d.text.contains(j), "{name}: kept junk {j:?}");
        }
    }
}

#[test]
fn every_span_maps_back_to_the_raw_input() {
    for (name, d) in sample_docs() {
        for s in d.sentences.iter().chain(&d.paragraphs).chain(&d.captions) {
            let r = d
                .offsets
                .raw_span(*s)
                .unwrap_or_else(|| panic!("{name}: {s:?} has no raw origin"));
            assert_eq!(r.slice(&d.raw), s.slice(&d.text), "{name}");
        }
        for r in &d.removed {
            assert_eq!(r.raw.slice(&d.raw), r.text, "{name}");
        }
    }
}

#[test]
fn the_sample_has_no_near_duplicates_but_credits_its_wire_copy() {
    use corroborate_ingest::dedup::{link, Fingerprint};
    let docs = sample_docs();
    let fps: Vec<_> = docs
        .iter()
        .map(|(_, d)| Fingerprint::new(&d.text, &d.paragraphs))
        .collect();
    for i in 0..docs.len() {
        for j in i + 1..docs.len() {
            assert!(
                link("a", &fps[i], "b", &fps[j], true).is_none(),
                "{} ~ {}",
                docs[i].0,
                docs[j].0
            );
        }
    }
    let efe = &docs[0].1;
    assert!(efe
        .meta
        .syndication
        .iter()
        .any(|s| s.relation == "wire" && s.credited == "EFE"));
}
