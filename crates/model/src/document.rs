//! The Document: cleaned text, its provenance, metadata and per-document annotations.

use crate::{OffsetMap, Span};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A document's identity: the xxh3-128 hash of its cleaned text, as 32 lowercase hex digits.
///
/// Content-addressed so that re-ingesting the same article (from any path) is a no-op, and the
/// same input gives the same id on any machine on any day.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub String);

impl DocId {
    /// The short form shown to people (like a git abbreviated hash).
    pub fn short(&self) -> &str {
        &self.0[..self.0.len().min(12)]
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The format an input was read as (detected from content, not only the file name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
    Rss,
    Atom,
    JsonFeed,
    Jsonl,
    Warc,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Rss => "rss",
            Format::Atom => "atom",
            Format::JsonFeed => "jsonfeed",
            Format::Jsonl => "jsonl",
            Format::Warc => "warc",
        }
    }
}

/// Why a stretch of the input is not part of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RemovalReason {
    /// "Share this:", social buttons.
    ShareWidget,
    /// "Leave a Reply", "One thought on …", reader comments, "Comments are closed."
    CommentThread,
    /// "Related Articles", "Read more …", "Show More", "READ MORE about …".
    RelatedLinks,
    /// Menus, breadcrumbs, section labels, "Back to top".
    Navigation,
    /// A stray tracking or id line (a UUID, a hash) with no words.
    StrayId,
    /// Cookie and consent banners.
    CookieBanner,
    /// Newsletter and subscription prompts.
    Subscription,
    /// Advertising slots.
    Advertisement,
    /// Site footers, copyright lines, analytics badges ("Verified by MonsterInsights").
    Footer,
    /// Scripts, styles and other markup that carries no text for readers (HTML only).
    Markup,
    /// An HTML block judged not to be main content by its text and link density.
    Boilerplate,
    /// The page's headline (`<h1>`): kept as the document title, not as body text.
    Headline,
    /// A byline or date line above the article ("By Jane Roe", "Published 8 December 2024"):
    /// metadata, not body text.
    Byline,
}

impl RemovalReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalReason::ShareWidget => "share-widget",
            RemovalReason::CommentThread => "comment-thread",
            RemovalReason::RelatedLinks => "related-links",
            RemovalReason::Navigation => "navigation",
            RemovalReason::StrayId => "stray-id",
            RemovalReason::CookieBanner => "cookie-banner",
            RemovalReason::Subscription => "subscription",
            RemovalReason::Advertisement => "advertisement",
            RemovalReason::Footer => "footer",
            RemovalReason::Markup => "markup",
            RemovalReason::Boilerplate => "boilerplate",
            RemovalReason::Headline => "headline",
            RemovalReason::Byline => "byline",
        }
    }
}

/// A stretch of the raw input that was left out of the cleaned text, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// The byte range in the raw (decoded) input.
    pub raw: Span,
    /// The byte offset in the cleaned text where the removed stretch stood.
    pub at: usize,
    pub reason: RemovalReason,
    /// The removed text as a reader would see it (for HTML: the block's text, not its markup).
    pub text: String,
}

/// Where a publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateBasisKind {
    /// Document metadata: `<meta>`, OpenGraph, JSON-LD, `<time>`, a feed item, a JSONL field.
    Metadata,
    /// A dateline or a date line on its own near the top of the text ("December 8, 2024").
    Dateline,
    /// A dated photo caption ("… in Homs, December 8, 2024. // Photo: …").
    Caption,
    /// The latest explicit full date the text mentions (inferred).
    LatestMention,
    /// Resolved from the text's relative time expressions (inferred; see the time stage).
    TimeExpressions,
    /// The median date of the dated documents read in the same batch, for a document whose
    /// month-day mentions (without a year) all fall in the weeks before it (inferred).
    StoryContext,
}

impl DateBasisKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DateBasisKind::Metadata => "metadata",
            DateBasisKind::Dateline => "dateline",
            DateBasisKind::Caption => "caption",
            DateBasisKind::LatestMention => "latest-mention",
            DateBasisKind::TimeExpressions => "time-expressions",
            DateBasisKind::StoryContext => "story-context",
        }
    }
}

/// The basis of a publication date: its kind, whether it was inferred rather than stated, the
/// metadata field or the span of cleaned text it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateBasis {
    pub kind: DateBasisKind,
    pub inferred: bool,
    /// For metadata: the field it came from (`og:article:published_time`, `pubDate`, …).
    pub field: Option<String>,
    /// For text bases: where in the cleaned text.
    pub evidence: Option<Span>,
}

/// Bibliographic facts about a document, each from metadata or inferred from the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: Option<String>,
    /// The title's place in the cleaned text, when it is there.
    pub title_span: Option<Span>,
    pub outlet: Option<String>,
    pub outlet_span: Option<Span>,
    pub author: Option<String>,
    pub author_span: Option<Span>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub published_basis: Option<DateBasis>,
    /// ISO 639-1 code where one exists, else ISO 639-3 (from `whatlang`).
    pub language: Option<String>,
    /// Credit lines that say the text is syndicated ("By EFE", "First published … by Confidencial").
    pub syndication: Vec<Syndication>,
    /// When the input was fetched over HTTP (RFC 3339, UTC), for `corroborate fetch`/`watch`.
    /// Metadata about the reading, never part of anything derived from the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched: Option<String>,
}

/// A credit line in the text naming a wire service or an original publisher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Syndication {
    /// The agency or publication credited.
    pub credited: String,
    /// `wire` (an agency such as EFE, AP, Reuters), `original` (first published by), `agencies`
    /// ("with Agencies"), `compiled` ("based on reports from …").
    pub relation: String,
    pub evidence: Span,
}

/// One input article: owns its cleaned text; everything else points into it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: DocId,
    /// The path or URL as given by the user; items of a container get `#N` (1-based) appended
    /// unless they carry their own URL.
    pub source: String,
    pub format: Format,
    /// The decoded input this document was cut from (for HTML and feeds: the markup itself).
    pub raw: String,
    /// The encoding the raw bytes were decoded from (`UTF-8`, `windows-1252`, `UTF-16LE`, …).
    pub encoding: String,
    /// The cleaned article text.
    pub text: String,
    pub offsets: OffsetMap,
    pub removed: Vec<Removed>,
    /// Photo captions and credits: kept in the text, marked here.
    pub captions: Vec<Span>,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Span>,
    pub meta: Metadata,
    /// Things a reader should know about how this input was read ("decoded as windows-1252", …).
    pub warnings: Vec<String>,
}

impl Document {
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }
}
