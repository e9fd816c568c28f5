//! Per-document extractors. Each module reads a document's text (and the annotations of the
//! modules before it) and returns spans into that text; none of them copies text.
//!
//! - [`segment`]: paragraphs and sentences.
//! - [`quantities`]: counts, percentages, money, ranks.

pub mod quantities;
pub mod quotes;
pub mod segment;
