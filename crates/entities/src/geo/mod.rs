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
    for e in entities.iter().filter(|e| is_place(e.kind)) {
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
    for e in entities.iter_mut() {
        if !is_place(e.kind) {
            continue;
        }
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
            if e.kind == crate::EntityKind::Location {
                gaz.geocode_area(n, ctx)
            } else {
                gaz.geocode(n, ctx)
            }
        };
        e.place = code(&e.name).or_else(|| e.aliases.iter().find_map(|a| code(a)));
    }
}

fn is_place(k: crate::EntityKind) -> bool {
    matches!(
        k,
        crate::EntityKind::Gpe | crate::EntityKind::Location | crate::EntityKind::Facility
    )
}
