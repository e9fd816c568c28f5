//! What a format reader hands to the common pipeline: one article, not yet cleaned line by line.

use corroborate_model::{Format, Metadata, OffsetMap, Removed, Span};

/// One article found in an input, with its text extracted but not yet line-cleaned, segmented
/// or hashed.
#[derive(Debug, Clone)]
pub struct Item {
    pub source: String,
    pub format: Format,
    /// The decoded raw input of this item (for a feed or WARC item: the item's own markup).
    pub raw: String,
    /// Extracted text; paragraphs separated by blank lines.
    pub text: String,
    /// `text` → `raw`.
    pub offsets: OffsetMap,
    /// Removed stretches; `raw` ranges index `raw`, `at` indexes `text`.
    pub removed: Vec<Removed>,
    /// Captions kept in `text`.
    pub captions: Vec<Span>,
    /// Whatever the format's own metadata said.
    pub meta: Metadata,
    pub warnings: Vec<String>,
    /// The encoding the raw bytes were decoded from.
    pub encoding: String,
    /// True for plain text (files, JSONL and feed fields that are not HTML): the text still
    /// carries web-copy junk that only line-level cleaning can find.
    pub needs_line_cleaning: bool,
}

impl Item {
    /// A plain-text item whose text is its raw input.
    pub fn plain(source: String, format: Format, text: String, meta: Metadata) -> Item {
        Item {
            source,
            format,
            offsets: OffsetMap::identity(text.len()),
            raw: text.clone(),
            text,
            removed: Vec::new(),
            captions: Vec::new(),
            meta,
            warnings: Vec::new(),
            encoding: "UTF-8".to_string(),
            needs_line_cleaning: true,
        }
    }

    /// An item whose text field may be HTML (feeds, JSONL): extracts it when it is markup.
    pub fn from_field(source: String, format: Format, body: &str, meta: Metadata) -> Item {
        if looks_like_html_fragment(body) {
            let mut item = crate::html::read_html(&source, body);
            item.format = format;
            let html_meta = std::mem::take(&mut item.meta);
            item.meta = merge_meta(meta, html_meta);
            item
        } else {
            Item::plain(source, format, body.to_string(), meta)
        }
    }
}

/// A metadata value and the field it came from (for the date basis).
#[derive(Debug, Clone)]
pub struct MetaField {
    pub field: String,
    pub value: String,
}

impl MetaField {
    pub fn new(field: &str, value: String) -> MetaField {
        MetaField {
            field: field.to_string(),
            value,
        }
    }
}

fn looks_like_html_fragment(s: &str) -> bool {
    let lower = s
        .trim_start()
        .get(..s.len().min(4096))
        .unwrap_or(s)
        .to_ascii_lowercase();
    [
        "<p", "<div", "<br", "<html", "<article", "<h1", "<h2", "<span", "<figure", "<img",
    ]
    .iter()
    .any(|t| lower.contains(t))
}

/// `first` wins field by field; `second` fills gaps.
pub fn merge_meta(first: Metadata, second: Metadata) -> Metadata {
    Metadata {
        title: first.title.or(second.title),
        title_span: first.title_span.or(second.title_span),
        outlet: first.outlet.or(second.outlet),
        outlet_span: first.outlet_span.or(second.outlet_span),
        author: first.author.or(second.author),
        author_span: first.author_span.or(second.author_span),
        url: first.url.or(second.url),
        published_basis: if first.published.is_some() {
            first.published_basis
        } else {
            second.published_basis
        },
        published: first.published.or(second.published),
        language: first.language.or(second.language),
        syndication: if first.syndication.is_empty() {
            second.syndication
        } else {
            first.syndication
        },
        fetched: first.fetched.or(second.fetched),
    }
}
