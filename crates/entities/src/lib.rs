//! Entity recognition, alias resolution with evidence, geocoding.
//!
//! `ner` finds mentions in one document (a trained statistical tagger); `alias` groups mentions
//! within and across documents into entities, recording the evidence for every merge; `geo`
//! places GPE/LOC/FAC entities on the map from a bundled GeoNames-derived gazetteer.

pub mod alias;
pub mod geo;
pub mod ner;

pub use ner::mention::{EntityKind, Mention};
