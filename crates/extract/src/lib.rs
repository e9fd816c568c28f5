//! Per-document extractors. Each module reads a document's text (and the annotations of the
//! modules before it) and returns spans into that text; none of them copies text.
//!
//! - [`segment`]: paragraphs and sentences.
//! - [`quantities`]: counts, percentages, money, ranks.
//! - [`lexicon`]: WordNet senses, synonyms, hypernyms, derivations.
//! - [`syntax`]: tokens, part of speech, lemmas, features and dependency trees.

pub mod calendar;
pub mod lexicon;
pub mod quantities;
pub mod quotes;
pub mod segment;
pub mod syntax;
