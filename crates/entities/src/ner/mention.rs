//! What the recognizer emits for one document: mention spans and their kinds (re-exported at the
//! crate root, where the alias and geo stages take them).

use corroborate_model::Span;
use serde::{Deserialize, Serialize};

/// The kinds of mention the recognizer emits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// Companies, agencies, institutions, armed groups, media outlets.
    Organization,
    /// Geopolitical entities: countries, cities, states (places with a government).
    Gpe,
    /// Other locations: regions, bodies of water, mountains.
    Location,
    /// Facilities: airports, air bases, buildings, prisons.
    Facility,
    /// Nationalities, religious and political groups ("Syrian", "Islamist", "Kurds").
    Group,
    /// Other named things (events, laws, works).
    Misc,
}

impl EntityKind {
    /// The CoNLL-2003 label of this kind (PER, ORG, LOC, MISC).
    pub fn conll(self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Organization => "ORG",
            EntityKind::Gpe | EntityKind::Location | EntityKind::Facility => "LOC",
            EntityKind::Group | EntityKind::Misc => "MISC",
        }
    }
}

/// One mention of an entity: a span of the document's text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityKind,
    /// The tagger's confidence in [0, 1].
    pub score: f32,
}
