//! Cross-document work over stored documents; for now, grouping documents into stories.
//!
//! [`stories`] holds the incremental clusterer ([`stories::Clusterer`]), the B-cubed scorer and
//! the ECB+ reader its evaluation uses.

pub mod stories;
