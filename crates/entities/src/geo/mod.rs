//! Geocoding place mentions against the bundled GeoNames-derived gazetteer.
//!
//! [`Gazetteer::load_default`] reads `data/gazetteer/gazetteer.tsv.gz` (built by
//! `scripts/gazetteer/build.sh`; format in `data/gazetteer/README.md`). [`Gazetteer::geocode`]
//! looks a name up by its folded spelling (then by its transliteration key) and ranks the
//! candidates by population, feature type (country > first-level division > city) and the
//! document's [`Context`]: the countries and first-level divisions of the other places the
//! document names, and how near those places are.

mod gazetteer;

pub use gazetteer::{lookup_key, Gazetteer, GeoError};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a place is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2 code ("SY"); empty for continents.
    pub country: String,
    /// The GeoNames id; 0 for airports, whose source has none.
    pub geonames_id: u64,
    /// The gazetteer's name for it ("Ţarţūs" for "Tartus").
    pub name: String,
    /// GeoNames feature class and code: "P.PPL", "A.PCLI", "A.ADM1", "A.ADM2", "L.CONT", "S.AIRP".
    pub feature: String,
}

/// What the rest of the document says about where it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// Votes for countries (ISO alpha-2), from the document's other places.
    pub countries: BTreeMap<String, f64>,
    /// Votes for first-level divisions (GeoNames ids).
    pub admin1: BTreeMap<u64, f64>,
    /// Points of the document's other places (lat, lon).
    pub points: Vec<(f64, f64)>,
    /// For each other place name of the document, the points of all its town and district
    /// candidates (names with few candidates only): a town near some reading of each other name
    /// is likely the one meant ("Kent", "Brandon", "Alexandria" together are in Minnesota).
    pub neighbours: Vec<Vec<(f64, f64)>>,
    /// Second-level divisions the other names were read as, counted per first-level division
    /// (GeoNames id): a document that names counties may name more by their bare names
    /// ("Becker", "Clay" next to "Otter Tail County").
    pub admin2_in: BTreeMap<u64, f64>,
    /// Second-level divisions (GeoNames ids) that hold a town some other name may be.
    pub holding: BTreeMap<u64, f64>,
    /// Second-level divisions (GeoNames ids) some other name may be.
    pub holding_named: BTreeMap<u64, f64>,
    /// Per country (ISO alpha-2), how many other names of the document were read as its
    /// first-level divisions: a name among "Ohio", "Oregon" and "Utah" is likelier a state too.
    pub divisions_named: BTreeMap<String, f64>,
}

impl Context {
    /// No context: population and feature type alone decide.
    pub fn none() -> Context {
        Context::default()
    }

    /// A context that only says which country the document is about.
    pub fn country(iso: &str) -> Context {
        let mut c = Context::default();
        c.countries.insert(iso.to_string(), 1.0);
        c
    }
}

/// Great-circle distance in kilometres.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// Place the place entities of a roster: each is geocoded with the context of the other places
/// named in the documents it appears in.
pub fn locate(entities: &mut [crate::alias::Entity], gaz: &Gazetteer) {
    // A country named by the initials of one of its own multi-word names in the gazetteer
    // ("UAE": United Arab Emirates, "DRC": Democratic Republic of the Congo), which the
    // recognizer read as an organization, is the country.
    for e in entities.iter_mut() {
        if e.kind == crate::EntityKind::Organization && gaz.country_of_initials(&e.name).is_some() {
            e.kind = crate::EntityKind::Gpe;
        }
    }
    // Per document: its place names, each with its lookup key and mention count, the most
    // named first (the first seen first among equals), made once and not once per entity.
    let mut by_doc: BTreeMap<String, Vec<(String, String, f64)>> = BTreeMap::new();
    let mut seen: std::collections::HashMap<(String, String), usize> =
        std::collections::HashMap::new();
    // Nationality and group words linked to a country or division ("Japanese") are placed and
    // say where the document is, as the place's own name would.
    let linked: Vec<bool> = entities
        .iter()
        .map(|e| {
            is_place(e.kind)
                || e.kind == crate::EntityKind::Group
                    && group_place(gaz, &e.name, &Context::none()).is_some()
        })
        .collect();
    for e in entities
        .iter()
        .zip(&linked)
        .filter(|(_, l)| **l)
        .map(|(e, _)| e)
    {
        for (d, _) in &e.mentions {
            let list = by_doc.entry(d.clone()).or_default();
            match seen.get(&(d.clone(), e.name.clone())) {
                Some(&k) => list[k].2 += 1.0,
                None => {
                    seen.insert((d.clone(), e.name.clone()), list.len());
                    list.push((e.name.clone(), lookup_key(&e.name), 1.0));
                }
            }
        }
    }
    for list in by_doc.values_mut() {
        // A stable sort: equal counts keep the order they were first seen in.
        list.sort_by(|a, b| b.2.total_cmp(&a.2));
    }
    let mut contexts: std::collections::HashMap<Vec<(String, u64)>, Context> =
        std::collections::HashMap::new();
    for (e, _) in entities.iter_mut().zip(&linked).filter(|(_, l)| **l) {
        // Every mention of another place in the entity's documents, counted per mention.
        let mut docs: Vec<&String> = e.mentions.iter().map(|(d, _)| d).collect();
        docs.dedup();
        // Other spellings of the same name ("PORTLAND" for "Portland") are not other places.
        let own = lookup_key(&e.name);
        let mut merged: BTreeMap<&str, (usize, f64)> = BTreeMap::new();
        for d in &docs {
            let others = by_doc
                .get(*d)
                .into_iter()
                .flatten()
                .filter(|(n, k, _)| *n != e.name && *k != own)
                .take(gazetteer::MAX_CONTEXT_NAMES);
            for (n, _, times) in others {
                let next = merged.len();
                merged.entry(n.as_str()).or_insert((next, 0.0)).1 += times;
            }
        }
        let mut counted: Vec<(usize, &str, f64)> =
            merged.into_iter().map(|(n, (k, t))| (k, n, t)).collect();
        counted.sort_unstable_by_key(|c| c.0);
        let names: Vec<(&str, f64)> = counted.into_iter().map(|(_, n, t)| (n, t)).collect();
        // Entities of one document that are not among its most named places share one
        // context: it is built once.
        let key: Vec<(String, u64)> = names
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_bits()))
            .collect();
        if contexts.len() >= 256 && !contexts.contains_key(&key) {
            // Bounded memory: a story of many documents shares few contexts anyway.
            contexts.clear();
        }
        let ctx = contexts
            .entry(key)
            .or_insert_with(|| gaz.context_counted(&names));
        // Regions and seas (LOC) are not the small towns that bear their names.
        let code = |n: &str| {
            if e.kind == crate::EntityKind::Group {
                group_place(gaz, n, ctx)
            } else {
                gaz.geocode_mention(n, ctx, e.kind == crate::EntityKind::Location)
            }
        };
        e.place = code(&e.name).or_else(|| e.aliases.iter().find_map(|a| code(a)));
    }
}

/// The place inside an organization's name, as a place mention of its own: "Kentucky" of
/// "Kentucky State Police", "Alberta" of "Government of Alberta", "Toronto" of
/// "Toronto-Dominion Bank". The longest run of whole words (words split at spaces and hyphens; at
/// least one word shorter than the name) that starts with a capital, is not only generic words
/// ("North", "City") and names a country, first-level division, continent or region of the
/// gazetteer, or a capital or a town of 10,000+ people that the recognizer's name list does not
/// hold as a person's first or last name ("Jackson"); one per organization mention, none where a
/// mention of the document already covers that span.
pub fn embedded_places(
    text: &str,
    mentions: &[crate::Mention],
    gaz: &Gazetteer,
) -> Vec<crate::Mention> {
    static NAMES: std::sync::OnceLock<crate::ner::gazetteer::Gazetteer> =
        std::sync::OnceLock::new();
    let names = NAMES.get_or_init(crate::ner::gazetteer::Gazetteer::bundled);
    let mut out: Vec<crate::Mention> = Vec::new();
    for m in mentions
        .iter()
        .filter(|m| m.kind == crate::EntityKind::Organization)
    {
        let Some(span) = embedded_place(names, gaz, text, m.span) else {
            continue;
        };
        if mentions.iter().chain(&out).any(|o| o.span == span) {
            continue;
        }
        out.push(crate::Mention {
            span,
            kind: crate::EntityKind::Gpe,
            score: m.score,
        });
    }
    out
}

/// [`embedded_places`] of one organization mention.
fn embedded_place(
    names: &crate::ner::gazetteer::Gazetteer,
    gaz: &Gazetteer,
    text: &str,
    span: corroborate_model::Span,
) -> Option<corroborate_model::Span> {
    let name = text.get(span.start..span.end)?;
    // Each word with its byte offset in the name.
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in name
        .char_indices()
        .chain(std::iter::once((name.len(), ' ')))
    {
        let gap = c.is_whitespace() || c == '-';
        match (start, gap) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                words.push((s, &name[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    const PERSON: u8 = 0b11_0000; // first name, last name
    for n in (1..words.len()).rev() {
        for i in 0..=words.len() - n {
            let (a, _) = words[i];
            let (b, last) = words[i + n - 1];
            let phrase = name[a..b + last.len()].trim_end_matches(['.', ',', '\'', '’']);
            if !phrase.starts_with(char::is_uppercase)
                || words[i..i + n]
                    .iter()
                    .all(|(_, w)| Gazetteer::is_generic_word(w))
            {
                continue;
            }
            let notable = match gaz.notability(phrase) {
                2 => true,
                1 => names.lookup(&phrase.to_lowercase()) & PERSON == 0,
                _ => false,
            };
            if notable {
                let start = span.start + a;
                return Some(corroborate_model::Span::new(start, start + phrase.len()));
            }
        }
    }
    None
}

/// A nationality or group word ("Japanese", "Canadians") the gazetteer reads as a country, a
/// first-level division or a continent: the place it is linked to. Other groups ("Kurds",
/// "Christians", "Democrats") have none, whatever town bears a like name.
fn group_place(gaz: &Gazetteer, name: &str, ctx: &Context) -> Option<Place> {
    gaz.geocode(name, ctx)
        .filter(|p| matches!(p.feature.as_str(), "A.PCLI" | "A.ADM1" | "L.CONT" | "L.RGN"))
}

fn is_place(k: crate::EntityKind) -> bool {
    matches!(
        k,
        crate::EntityKind::Gpe | crate::EntityKind::Location | crate::EntityKind::Facility
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alias::Entity;
    use crate::{EntityKind, Mention};
    use corroborate_model::Span;

    /// The places `embedded_places` finds in `text`, whose organization mentions are the
    /// `orgs` phrases, as the texts they span.
    fn check_embedded(text: &str, orgs: &[&str], expect: &[&str]) {
        let mentions: Vec<Mention> = orgs
            .iter()
            .map(|o| {
                let at = text.find(o).expect("the phrase is in the text");
                Mention {
                    span: Span::new(at, at + o.len()),
                    kind: EntityKind::Organization,
                    score: 0.9,
                }
            })
            .collect();
        let gaz = Gazetteer::parse(
            "6254925\tKentucky\t37.500\t-85.000\tUS\tA.ADM1\t4000000\t0\t\n\
             -100000\tToronto\t43.700\t-79.420\tCA\tP.PPL\t2600000\t0\t\n\
             200000\tAlberta\t52.280\t-113.810\tCA\tA.ADM1\t4000000\t0\t\n\
             300000\tJackson\t32.300\t-90.180\tUS\tP.PPL\t170000\t0\t\n\
             400000\tLondon\t42.980\t-81.230\tCA\tP.PPL\t350000\t0\t\n",
        )
        .unwrap();
        let got: Vec<&str> = embedded_places(text, &mentions, &gaz)
            .iter()
            .inspect(|m| assert_eq!(m.kind, EntityKind::Gpe))
            .map(|m| m.span.slice(text))
            .collect();
        assert_eq!(got, expect, "{text}");
    }

    #[test]
    fn the_place_inside_an_organizations_name_is_a_mention() {
        check_embedded(
            "A spokesman for the Kentucky State Police said the road was shut.",
            &["Kentucky State Police"],
            &["Kentucky"],
        );
        check_embedded(
            "Officers of the Toronto Police Service and Hollin Group staff met.",
            &["Toronto Police Service", "Hollin Group"],
            &["Toronto"],
        );
        // A name that is all place is no organization with a place inside.
        check_embedded("Kentucky said no.", &["Kentucky"], &[]);
        // A division that is also a first name is still the division; a town that is also a
        // family name is not taken; words joined by a hyphen are words.
        check_embedded(
            "The Government of Alberta, Jackson Hewitt and Toronto-Dominion Bank said so.",
            &[
                "Government of Alberta",
                "Jackson Hewitt",
                "Toronto-Dominion Bank",
            ],
            &["Alberta", "Toronto"],
        );
    }

    /// The place `locate` gives each entity of one made-up document, by name.
    fn check_located(entities: &[(&str, EntityKind)], expect: &[(&str, Option<&str>)]) {
        // Made-up lines in the gazetteer's format: a country with its demonym (as the bundled
        // file gives it), a division and a town that bears a group's name.
        let gaz = Gazetteer::parse(
            "1861060\tJapan\t35.685\t139.751\tJP\tA.PCLI\t126000000\t0\tJapanese\n\
             -1000000\tKurd\t46.450\t18.317\tHU\tP.PPL\t1200\t0\t\n\
             4000000\tVirginia\t37.548\t-77.447\tUS\tA.ADM1\t8000000\t0\t\n",
        )
        .unwrap();
        let mut es: Vec<Entity> = entities
            .iter()
            .enumerate()
            .map(|(i, (n, k))| Entity {
                id: format!("E{i}"),
                name: n.to_string(),
                kind: *k,
                aliases: Vec::new(),
                mentions: vec![("d".to_string(), Span::new(10 * i, 10 * i + n.len()))],
                evidence: Vec::new(),
                place: None,
            })
            .collect();
        locate(&mut es, &gaz);
        for (n, cc) in expect {
            let e = es.iter().find(|e| e.name == *n).unwrap();
            assert_eq!(e.place.as_ref().map(|p| p.country.as_str()), *cc, "{n}");
        }
    }

    #[test]
    fn nationality_words_are_linked_to_their_country() {
        check_located(
            &[
                ("Japanese", EntityKind::Group),
                ("Virginians", EntityKind::Group),
                ("Kurds", EntityKind::Group),
            ],
            &[
                ("Japanese", Some("JP")),
                ("Virginians", Some("US")),
                // A group no country or division is named after has no place, though a
                // town bears its name.
                ("Kurds", None),
            ],
        );
    }
}
