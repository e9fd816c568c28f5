//! Stories: groups of documents that report the same real-world event, built incrementally.
//!
//! A [`Clusterer`] takes documents in batches ([`Clusterer::add`]) and keeps the grouping up to
//! date. Two documents are compared only when they share a retrieval key (one of each
//! document's own most frequent names and words), through an inverted index, so the work per
//! new document depends on how many documents share its keys, not on the collection size.
//! Compared pairs keep their similarity as a *link*: a cosine over TF-IDF-weighted words,
//! capitalized-name n-grams, entities and event dates (damped when the two texts date their
//! events to different years), blended with embedding similarity when both have one.
//!
//! Stories are the clusters of average-linkage agglomeration over the links, stopped at
//! [`Config::merge_threshold`]. Because a merge needs at least one link at or above that
//! threshold, the clustering of one connected component of strong links never depends on
//! another; `add` therefore reclusters only the components the new documents touch (with fresh
//! weights), and the result is the same as clustering everything at once whenever the weights
//! of untouched components did not move across a threshold (see [`Clusterer::rebuild`] for the
//! full pass). Ties break on document ids, never on arrival order.
//!
//! Story ids come from the story's earliest member (publication date, then id), so they stay
//! the same while that member stays in the story. User overrides ([`Clusterer::pin`],
//! [`Clusterer::split_off`]) are stored in the clusterer and applied to every later clustering.
//!
//! [`bcubed`] scores a clustering against gold groups; [`ecbplus`] reads the ECB+ corpus.

mod background;
pub mod bcubed;
mod cluster;
pub mod ecbplus;
pub mod entities;
mod features;

pub use cluster::Clusterer;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One document as the story stage sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryDoc {
    /// Stable document id (the store's content id).
    pub id: String,
    /// Where it came from, as the user gave it.
    pub source: String,
    /// The cleaned article text.
    pub text: String,
    pub title: Option<String>,
    /// Publication date; relative time expressions ("on Sunday") are resolved against it.
    pub published: Option<NaiveDate>,
    /// The id of the original when this document is a copy of another (syndication).
    pub duplicate_of: Option<String>,
    /// Canonical names of the entities the document mentions, after within-document alias
    /// resolution ([`entities::document_entities`]); may be empty. Spellings of one name meet
    /// through [`entities::entity_key`].
    pub entities: Vec<String>,
    /// Sentence-embedding of the document when the model is available.
    pub embedding: Option<Vec<f32>>,
    /// Its time expressions read against `published`, when the caller has them already (the
    /// pipeline found them when it read the document); `None`: the story stage reads them.
    #[serde(skip)]
    pub times: Option<Vec<corroborate_timex::Timex>>,
}

impl StoryDoc {
    /// A document with only an id, a source and text.
    pub fn new(id: impl Into<String>, source: impl Into<String>, text: impl Into<String>) -> Self {
        StoryDoc {
            id: id.into(),
            source: source.into(),
            text: text.into(),
            title: None,
            published: None,
            duplicate_of: None,
            entities: Vec::new(),
            embedding: None,
            times: None,
        }
    }
}

/// The part of a document a sentence encoder reads to place it among stories: its title and
/// lead (the first `max_bytes` of its text, cut at a word). The lead of a news report says what
/// happened, where and when; the model reads at most 256 tokens anyway.
pub fn lead(title: Option<&str>, text: &str, max_bytes: usize) -> String {
    let mut end = text.len().min(max_bytes);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end < text.len() {
        if let Some(space) = text[..end].rfind(char::is_whitespace) {
            end = space;
        }
    }
    let body = text[..end].trim();
    match title
        .map(str::trim)
        .filter(|t| !t.is_empty() && !body.starts_with(*t))
    {
        Some(t) => format!("{t}. {body}"),
        None => body.to_string(),
    }
}

/// One story: its id, a label and its members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// `story-` + the id of the earliest member (by publication date, then id), not counting
    /// members the user pinned in.
    pub id: String,
    /// The story's most salient names and terms, e.g. "Tara Reid · Promises · rehab".
    pub label: String,
    /// Member document ids, earliest first (publication date, then id).
    pub documents: Vec<String>,
    /// For each member (same order): its mean similarity to the other members, 1 when alone.
    pub scores: Vec<f32>,
}

/// Where a document went after an [`Clusterer::add`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub doc: String,
    pub story: String,
    /// True for documents of this batch; false for earlier documents whose story changed
    /// (a merge or a split).
    pub new: bool,
}

/// How terms are weighed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weighting {
    /// By how rare a term is in English at large (`data/background/en.tsv.gz`, from
    /// `wordfreq`): weights never move, so a new document leaves every earlier similarity as
    /// it was and the cost per document stays flat however long the stream.
    Background,
    /// By document frequency in the documents seen so far (in power-of-two levels up to
    /// `df_saturation`): what states saved before background weighting use.
    Collection,
}

impl Weighting {
    fn collection() -> Weighting {
        Weighting::Collection
    }
}

fn default_scale() -> f32 {
    3000.0
}

fn default_frequency() -> f32 {
    1e-5
}

/// Weights and thresholds. The defaults are tuned on ECB+ train and dev topics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Inverse document frequency is `ln(1 + idf_scale / min(df, df_saturation))`. It does
    /// not depend on the collection size, and stops moving once a term is in
    /// `df_saturation` documents, so a new document changes the weights of few documents: those
    /// that share one of its rarer terms. Those are reclustered with it, which is what makes
    /// batches give the same stories as one shot.
    pub idf_scale: f32,
    pub df_saturation: u32,
    /// Background (the default) or collection weighting; states saved without it are
    /// collection-weighted.
    #[serde(default = "Weighting::collection")]
    pub weighting: Weighting,
    /// Background weighting: a term of frequency `f` in English weighs
    /// `ln(1 + 1 / (background_scale * max(f, 1e-7)))`; the scale is about the number of words
    /// of a document, making the ratio the chance that a document has the term at all.
    #[serde(default = "default_scale")]
    pub background_scale: f32,
    /// Background weighting: the least frequency a term is taken to have. Words the list does
    /// not hold (most names, typos, page debris) are all this rare, so it caps their weight.
    #[serde(default)]
    pub background_floor: f32,
    /// Background weighting: the frequency a number ("6.1", "1,200") is taken to have.
    #[serde(default = "default_frequency")]
    pub number_frequency: f32,
    /// Background weighting: the frequency an entity (from `StoryDoc::entities`) is taken to
    /// have.
    #[serde(default = "default_frequency")]
    pub entity_frequency: f32,
    /// Background weighting: the frequency an event date (year, month, day) is taken to have.
    #[serde(default = "default_frequency")]
    pub date_frequency: f32,
    /// Multiplier on counts of words in the title.
    pub title_weight: f32,
    pub word_weight: f32,
    pub name_weight: f32,
    pub entity_weight: f32,
    pub year_weight: f32,
    pub month_weight: f32,
    pub day_weight: f32,
    pub number_weight: f32,
    /// Pairs are compared on each document's this many heaviest terms (0: all), so that long
    /// pages full of side matter compare like short reports.
    pub max_terms: usize,
    /// Share of the embedding cosine in a pair's similarity when both documents have one.
    pub embedding_weight: f32,
    /// Factor on a pair's similarity when both texts date events but never to the same year.
    pub date_conflict: f32,
    /// Retrieval keys per document: most frequent content words and names.
    pub key_words: usize,
    pub key_names: usize,
    /// A key shared by more documents than this stops finding candidates (it says little about
    /// the story and would make the cost quadratic). Below this many documents per key, which
    /// pairs are compared is independent of arrival order.
    pub max_postings: usize,
    /// Two documents are compared when they share at least this many retrieval keys.
    pub min_shared_keys: usize,
    /// A reweighted document is reclustered only when one of its links moved by more than
    /// this (or crossed `merge_threshold`).
    #[serde(default)]
    pub relink_tolerance: f32,
    /// Compared pairs less similar than this are not kept as links (they count as 0, as pairs
    /// never compared do): they would weigh next to nothing in an average, and they are most
    /// of the links.
    #[serde(default)]
    pub min_link: f32,
    /// The average link a lone document needs to join a story of two or more documents
    /// (`None`: `merge_threshold`). A story's members vouch for each other, so one document
    /// that is like all of them on average, if less than two documents need to be to start a
    /// story, most likely belongs.
    #[serde(default)]
    pub attach_threshold: Option<f32>,
    /// Two stories of several documents each merge on their average link only when it is also
    /// at least this share of their cohesion (the mean of the average links inside each; 0:
    /// no such bar). Two events of one kind make two tight stories that are alike only on
    /// their shared topic words; reports of one event are about as alike across the two as
    /// within each.
    #[serde(default)]
    pub cohesion_ratio: f32,
    /// Two stories of several documents each also merge when every link between them is at
    /// least this (`None`: never on this ground). Long pages of one event share its names
    /// and words with each other evenly but weakly, under their own side matter; two events
    /// of one kind tend to share a few terms strongly and many not at all.
    #[serde(default)]
    pub clique_threshold: Option<f32>,
    /// Average-linkage stops when no two clusters are linked at least this strongly on average.
    pub merge_threshold: f32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            idf_scale: 100.0,
            df_saturation: 20,
            weighting: Weighting::Background,
            background_scale: default_scale(),
            background_floor: 1e-6,
            number_frequency: default_frequency(),
            date_frequency: 1e-6,
            entity_frequency: 1e-6,
            title_weight: 2.0,
            word_weight: 1.0,
            name_weight: 1.0,
            entity_weight: 0.5,
            year_weight: 1.0,
            month_weight: 1.0,
            day_weight: 1.0,
            number_weight: 1.0,
            max_terms: 0,
            embedding_weight: 0.5,
            date_conflict: 0.5,
            key_words: 10,
            key_names: 10,
            max_postings: 100,
            min_shared_keys: 2,
            relink_tolerance: 0.005,
            min_link: 0.05,
            attach_threshold: Some(0.1),
            clique_threshold: Some(0.14),
            cohesion_ratio: 0.6,
            merge_threshold: 0.2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::lead;

    #[test]
    fn lead_is_title_and_first_words() {
        assert_eq!(
            lead(Some("Quake"), "A strong earthquake hit.", 100),
            "Quake. A strong earthquake hit."
        );
        assert_eq!(lead(None, "A strong earthquake hit.", 10), "A strong");
        // A title the text already opens with is not repeated.
        assert_eq!(
            lead(Some("A strong"), "A strong earthquake hit.", 100),
            "A strong earthquake hit."
        );
        // Never cuts inside a character; inside a word only when there is no space before.
        assert_eq!(lead(None, "Ünïcödé text", 3), "Ün");
        assert_eq!(lead(None, "Ünï cödé", 7), "Ünï");
    }
}
