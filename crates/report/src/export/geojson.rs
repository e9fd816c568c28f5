//! GeoJSON (RFC 7946) of the places the roster located in the gazetteer: one Point feature per
//! place entity, longitude first.

use crate::dossier::Dossier;
use serde_json::{json, Value};
use std::collections::BTreeSet;

pub(super) fn render(d: &Dossier) -> Value {
    let features: Vec<Value> = d
        .entities
        .iter()
        .filter_map(|e| {
            let p = e.place.as_ref()?;
            let docs: BTreeSet<&str> = e.mentions.iter().map(|m| m.doc.as_str()).collect();
            Some(json!({
                "type": "Feature",
                "id": e.id,
                "geometry": { "type": "Point", "coordinates": [p.lon, p.lat] },
                "properties": {
                    "name": e.name,
                    "kind": e.kind,
                    "aliases": e.aliases,
                    "country": p.country,
                    "geonames_id": p.geonames_id,
                    "gazetteer_name": p.name,
                    "feature": p.feature,
                    "mentions": e.mentions.len(),
                    "documents": docs.len(),
                },
            }))
        })
        .collect();
    json!({ "type": "FeatureCollection", "features": features })
}
