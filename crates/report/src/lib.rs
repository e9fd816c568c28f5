//! The dossier that leaves the program (`corroborate.dossier/1`) and its renderings.
//!
//! Only this crate decides what the outside world sees: field names, char offsets, ordering.
//! Internal types convert into these at the edge. The JSON Schema is `schema/dossier.schema.json`
//! at the repository root; a test validates real output against it.

pub mod dossier;
pub mod export;
pub mod html;
pub mod markdown;
pub mod output;
pub mod safe;
pub mod terminal;

pub use dossier::{Dossier, DossierBuilder};
