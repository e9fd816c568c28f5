//! The bundled tagger and alias resolution on the five sample articles (examples/syria-2024-12),
//! read as the CLI reads them: every mention of the roster underlined under its sentence with its
//! kind and entity (snapshots), and the roster checked the way a careful reader would.

use corroborate_entities::alias::{resolve, DocMentions, Entity, Overrides};
use corroborate_entities::ner::Tagger;
use corroborate_entities::{EntityKind, Mention};
use corroborate_model::{Document, Span};
use std::path::PathBuf;

fn sample_docs() -> Vec<(String, Document)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/syria-2024-12");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let out = corroborate_ingest::read_bytes(&name, &std::fs::read(&p).unwrap());
            (
                name,
                corroborate_extract::segment::segmented(out.documents.into_iter().next().unwrap()),
            )
        })
        .collect()
}

fn tagged() -> Vec<(String, Document, Vec<Mention>)> {
    let tagger = Tagger::load_default().unwrap();
    sample_docs()
        .into_iter()
        .map(|(name, d)| {
            let m = tagger.mentions(&d.text, &d.sentences);
            (name, d, m)
        })
        .collect()
}

fn label(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "PER",
        EntityKind::Organization => "ORG",
        EntityKind::Gpe => "GPE",
        EntityKind::Location => "LOC",
        EntityKind::Facility => "FAC",
        EntityKind::Group => "NORP",
        EntityKind::Misc => "MISC",
    }
}

/// Each sentence with mentions, then one line per mention: `^` under its characters, its kind
/// and the entity of the roster it belongs to.
fn underline(d: &Document, mentions: &[(Span, EntityKind, &str)]) -> String {
    let mut out = String::new();
    for s in &d.sentences {
        let inside: Vec<_> = mentions
            .iter()
            .filter(|(m, _, _)| s.start <= m.start && m.end <= s.end)
            .collect();
        if inside.is_empty() {
            continue;
        }
        out += &s.slice(&d.text).replace(['\n', '\r', '\t'], " ");
        out.push('\n');
        for (m, kind, entity) in inside {
            let pad = d.text[s.start..m.start].chars().count();
            let len = m.slice(&d.text).chars().count().max(1);
            let carets = "^".repeat(len);
            out += &format!("{}{carets} {} {entity}\n", " ".repeat(pad), label(*kind));
        }
        out.push('\n');
    }
    out
}

fn roster(docs: &[(String, Document, Vec<Mention>)]) -> Vec<Entity> {
    let dm: Vec<DocMentions> = docs
        .iter()
        .map(|(_, d, m)| DocMentions {
            doc: &d.id.0,
            text: &d.text,
            mentions: m,
        })
        .collect();
    resolve(&dm, &Overrides::none())
}

#[test]
fn sample_mentions_underlined() {
    let docs = tagged();
    let es = roster(&docs);
    for (name, d, _) in &docs {
        let mut mentions: Vec<(Span, EntityKind, &str)> = es
            .iter()
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .filter(|(doc, _)| *doc == d.id.0)
                    .map(move |(_, s)| (*s, e.kind, e.name.as_str()))
            })
            .collect();
        mentions.sort_by_key(|(s, _, _)| (s.start, s.end));
        insta::assert_snapshot!(name.clone(), underline(d, &mentions));
    }
}

fn find<'a>(es: &'a [Entity], name: &str) -> &'a Entity {
    es.iter()
        .find(|e| e.name == name || e.aliases.iter().any(|a| a == name))
        .unwrap_or_else(|| panic!("no entity has the name {name:?}"))
}

#[test]
fn sample_roster_from_the_tagger() {
    let es = roster(&tagged());
    // One man under his names and their transliterations.
    let sharaa = find(&es, "Ahmed Hussein al-Shar’a");
    assert_eq!(sharaa.kind, EntityKind::Person);
    for n in [
        "Abu Mohammad al-Jolani",
        "Abu Mohammed al-Julani",
        "Abu Mohammad al-Golani",
        "Abu Al-Jolani",
        "Al-Julani",
        "Jolani",
    ] {
        assert_eq!(find(&es, n).id, sharaa.id, "{n}");
    }
    // HTS is Hay’at Tahrir al-Sham, an organization, whatever the recognizer cut.
    let hts = find(&es, "HTS");
    assert_eq!(hts.kind, EntityKind::Organization);
    assert_eq!(find(&es, "Hay’at Tahrir al-Sham").id, hts.id);
    assert!(!es
        .iter()
        .any(|e| e.kind == EntityKind::Person && e.name.contains("Tahrir")));
    // Assad is Bashar; Maher, his brother, is not; the family is not the man.
    let bashar = find(&es, "Bashar al-Assad");
    assert_eq!(bashar.kind, EntityKind::Person);
    assert_eq!(find(&es, "Assad").id, bashar.id);
    assert_ne!(find(&es, "Maher").id, bashar.id);
    let family = es
        .iter()
        .find(|e| e.name.ends_with("family"))
        .expect("the Assad family");
    assert_ne!(family.id, bashar.id);
    assert!(!bashar.aliases.iter().any(|a| a.ends_with("family")));
    // Kinds a reader would give.
    assert_eq!(find(&es, "Aleppo").kind, EntityKind::Gpe);
    assert_eq!(find(&es, "Hama").kind, EntityKind::Gpe);
    // Names of the form "<head> of/for the …" are whole: the Levant is part of them, no person
    // and no place of its own here; "the Army of Al-Izza" is no bare "Army".
    assert!(!es.iter().any(|e| e.name == "Levant" || e.name == "Army"));
    assert_eq!(
        find(&es, "Organization for the Liberation of the Levant").id,
        hts.id
    );
    assert_eq!(find(&es, "Army of Al-Izza").kind, EntityKind::Organization);
    // The Syrian army under its short and its official name; Tartus a place wherever named; a
    // resolution is no organization.
    assert_eq!(
        find(&es, "Syrian Army").id,
        find(&es, "Syrian Arab Army").id
    );
    let tartus: Vec<&Entity> = es.iter().filter(|e| e.name == "Tartus").collect();
    assert_eq!(tartus.len(), 1);
    assert_eq!(tartus[0].kind, EntityKind::Gpe);
    assert!(!es
        .iter()
        .any(|e| e.kind == EntityKind::Organization && e.name.contains("Resolution")));
    // No possessives or quotes in names.
    for e in &es {
        for n in std::iter::once(&e.name).chain(&e.aliases) {
            assert!(!n.ends_with("’s") && !n.starts_with('“'), "{n}");
        }
    }
    assert_eq!(
        find(&es, "Jabhat Fateh al-Sham").kind,
        EntityKind::Organization
    );
    // No headline words in names, no descriptions as names.
    for e in &es {
        assert!(!e.name.ends_with(" Flees"), "{}", e.name);
        assert!(!e.name.ends_with(" group"), "{}", e.name);
    }
    // Every merge says why.
    for e in &es {
        if !e.aliases.is_empty() {
            assert!(!e.evidence.is_empty(), "{}", e.name);
        }
    }
}
