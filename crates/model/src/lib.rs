//! Document, spans and annotation types shared by every corroborate stage.
//!
//! One [`Document`] owns its cleaned `text`. Every annotation is a [`Span`]: a byte range into that
//! text, always on `char` boundaries. Nothing here copies text; a view is `&doc.text[span.range()]`.
//! Byte offsets are the internal currency because Rust slices by bytes; the outer edges (dossier
//! JSON, SQLite) speak Unicode scalar (char) offsets and convert with [`CharIndex`].

mod chars;
mod document;
pub mod layout;
mod offsets;
mod span;

pub use chars::CharIndex;
pub use document::{
    DateBasis, DateBasisKind, DocId, Document, Format, Metadata, RemovalReason, Removed,
    Syndication,
};
pub use offsets::{OffsetMap, Piece};
pub use span::Span;
