//! Hand-made mentions for the five sample articles in ../shared/corpus/syria-2024-12: a stand-in
//! for the recognizer, so alias resolution can be tested on the real texts before the tagger lands.
//!
//! The list says which strings a careful tagger would mark and with what kind; [`tag`] finds
//! every occurrence (longest first, whole words, no overlaps). No text is copied into the repo.

#![allow(dead_code)] // shared by the test and the geo_roster example, each using part of it

use corroborate_entities::{EntityKind, Mention};
use corroborate_model::Span;
use std::path::PathBuf;

use EntityKind::{Facility as Fac, Gpe, Location as Loc, Organization as Org, Person as Per};

pub const NAMES: &[(&str, EntityKind)] = &[
    // People.
    ("Bashar al-Assad", Per),
    ("Bashar Al-Assad", Per),
    ("Bashar Assad", Per),
    ("al-Assad", Per),
    ("Al-Assad", Per),
    ("Assad", Per),
    ("Hadi al-Bahra", Per),
    ("Al-Bahra", Per),
    ("Abu Mohammed al-Julani", Per),
    ("Al-Julani", Per),
    // The article's text runs "had not fleAbu Mohammad al-Golani" (a glitch of the source), so
    // a tagger finds the name from "Mohammad".
    ("Mohammad al-Golani", Per),
    ("Abu Mohammad al-Jolani", Per),
    ("al-Jolani", Per),
    ("Jolani", Per),
    ("Ahmed Hussein al-Shar’a", Per),
    ("Abu Al-Jolani", Per),
    ("Abu Bakr al-Baghdadi", Per),
    ("Saddam Hussein", Per),
    ("Joe Biden", Per),
    ("Biden", Per),
    ("Hakan Fidan", Per),
    ("Antony Blinken", Per),
    ("Sergei Lavrov", Per),
    ("Sergey Lavrov", Per),
    ("Lavrov", Per),
    ("Maher", Per),
    ("Mohammad Ghazi al-Jalali", Per),
    ("Jalali", Per),
    ("Ahmed Rahal", Per),
    ("John Kirby", Per),
    ("Abbas Araghchi", Per),
    // Organizations.
    ("Hay’at Tahrir al-Sham", Org),
    ("Hayat Tahrir al-Sham", Org),
    ("HTS", Org),
    ("Jabhat Fateh al-Sham", Org),
    ("Front for the Conquest of the Levant", Org),
    ("Organization for the Liberation of the Levant", Org),
    ("Al-Nusra Front", Org),
    ("Al-Qaeda", Org),
    ("al Qaeda", Org),
    ("ISIS", Org),
    ("Syrian National Coalition", Org),
    ("CNFROS", Org),
    ("Hezbollah", Org),
    ("Baath Party", Org),
    ("TASS", Org),
    ("EFE", Org),
    ("United Nations Security Council", Org),
    ("United Nations", Org),
    ("UN", Org),
    ("Institute for the Study of War", Org),
    ("ISW", Org),
    ("Syrian Arab Army", Org),
    ("Military Operations Command", Org),
    ("Free Syrian Army", Org),
    ("Al-Sham Front", Org),
    ("Nour Al-Din Al-Zenki Movement", Org),
    ("Iranian Revolutionary Guard", Org),
    ("Russian Foreign Ministry", Org),
    ("CIA", Org),
    ("VOA", Org),
    ("RFE/RL", Org),
    ("Kremlin", Org),
    // Places.
    ("Syria", Gpe),
    ("Russia", Gpe),
    ("Damascus", Gpe),
    ("Homs", Gpe),
    ("Hama", Gpe),
    ("Aleppo", Gpe),
    ("Idlib", Gpe),
    ("Tartus", Gpe),
    ("Moscow", Gpe),
    ("Turkey", Gpe),
    ("Iran", Gpe),
    ("Iraq", Gpe),
    ("Israel", Gpe),
    ("Lebanon", Gpe),
    ("Qatar", Gpe),
    ("Doha", Gpe),
    ("Baghdad", Gpe),
    ("Tehran", Gpe),
    ("Istanbul", Gpe),
    ("Abu Dhabi", Gpe),
    ("UAE", Gpe),
    ("Washington", Gpe),
    ("United States", Gpe),
    ("U.S.", Gpe),
    ("US", Gpe),
    ("Britain", Gpe),
    ("Canada", Gpe),
    ("London", Gpe),
    ("Havana", Gpe),
    ("Miami", Gpe),
    ("Cuba", Gpe),
    ("Serbia", Gpe),
    ("Austria", Gpe),
    ("Spain", Gpe),
    ("China", Gpe),
    ("Venezuela", Gpe),
    ("Nicaragua", Gpe),
    ("Brazil", Gpe),
    ("Mexico", Gpe),
    ("Africa", Loc),
    ("Middle East", Loc),
    ("Mediterranean", Loc),
    ("Hmeimim", Fac),
];

/// The sample corpus folder: the repository's own copy (`examples/syria-2024-12`, the same files
/// as `../shared/corpus/syria-2024-12`), so every checkout has it.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/syria-2024-12")
}

/// (document id, text) of every sample article, sorted by file name. Panics (the test fails)
/// when the folder or an article cannot be read: a missing sample is a broken checkout, not a
/// reason to skip.
pub fn load() -> Vec<(String, String)> {
    let dir = corpus_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the sample corpus {} cannot be read: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        5,
        "the sample corpus {} holds five articles",
        dir.display()
    );
    files
        .into_iter()
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&p)
                .unwrap_or_else(|e| panic!("{} cannot be read: {e}", p.display()));
            (id, text)
        })
        .collect()
}

/// Mentions for every whole-word occurrence of each name, longest names first, no overlaps.
pub fn tag(text: &str) -> Vec<Mention> {
    let mut names: Vec<&(&str, EntityKind)> = NAMES.iter().collect();
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut out: Vec<Mention> = Vec::new();
    for (n, kind) in names {
        for (s, _) in text.match_indices(n) {
            let e = s + n.len();
            let before_ok = text[..s]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[e..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            let span = Span::new(s, e);
            if before_ok && after_ok && !out.iter().any(|m| m.span.overlaps(span)) {
                out.push(Mention {
                    span,
                    kind: *kind,
                    score: 1.0,
                });
            }
        }
    }
    out.sort_by_key(|m| m.span.start);
    out
}
