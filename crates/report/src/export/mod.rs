//! Exports of one dossier for other tools: TimelineJS JSON, GeoJSON of places, CSV of claims
//! and of comparisons, schema.org ClaimReview JSON-LD per conflict. The CLI (`corroborate
//! export`) and the server (`/api/stories/{id}/export`) both call [`render`].
//!
//! Every export is built for a hostile reader of hostile text: JSON has `<`, `>` and `&`
//! escaped (it stays valid inside an HTML `<script>` block), fields that TimelineJS renders as
//! HTML are HTML-escaped, CSV cells that a spreadsheet would run as a formula are prefixed with
//! `'`, and only `http`/`https` URLs are passed on.

mod claimreview;
mod csv_out;
mod geojson;
mod timelinejs;

use crate::dossier::Dossier;
use std::collections::HashMap;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    TimelineJs,
    GeoJson,
    CsvClaims,
    CsvComparisons,
    ClaimReview,
}

impl Format {
    /// The names `--format` and `?format=` take, in [`Format::ALL`] order.
    pub const NAMES: &'static [&'static str] = &[
        "timelinejs",
        "geojson",
        "csv-claims",
        "csv-comparisons",
        "claimreview",
    ];
    pub const ALL: &'static [Format] = &[
        Format::TimelineJs,
        Format::GeoJson,
        Format::CsvClaims,
        Format::CsvComparisons,
        Format::ClaimReview,
    ];

    pub fn parse(name: &str) -> Option<Format> {
        Self::NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| Self::ALL[i])
    }

    pub fn name(self) -> &'static str {
        Self::NAMES[Self::ALL.iter().position(|f| *f == self).unwrap_or(0)]
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::TimelineJs => "application/json; charset=utf-8",
            Format::GeoJson => "application/geo+json; charset=utf-8",
            Format::CsvClaims | Format::CsvComparisons => "text/csv; charset=utf-8",
            Format::ClaimReview => "application/ld+json; charset=utf-8",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::TimelineJs => "timeline.json",
            Format::GeoJson => "geojson",
            Format::CsvClaims => "claims.csv",
            Format::CsvComparisons => "comparisons.csv",
            Format::ClaimReview => "claimreview.jsonld",
        }
    }
}

/// The export of `d` in `format`.
pub fn render(d: &Dossier, format: Format) -> String {
    match format {
        Format::TimelineJs => json_text(&timelinejs::render(d)),
        Format::GeoJson => json_text(&geojson::render(d)),
        Format::CsvClaims => csv_out::claims(d),
        Format::CsvComparisons => csv_out::comparisons(d),
        Format::ClaimReview => json_text(&claimreview::render(d)),
    }
}

/// Pretty JSON with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`: the same value,
/// but no `</script>` or comment opener can appear in it. (Those characters occur only inside
/// JSON strings, so replacing them in the text is exact.)
pub fn json_text(v: &serde_json::Value) -> String {
    let s = serde_json::to_string_pretty(v).unwrap_or_default();
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out.push('\n');
    out
}

/// A URL fit to be a link: `http` or `https`, no spaces or control characters; anything else
/// (`javascript:`, `data:`, relative paths) is dropped.
pub fn safe_url(url: Option<&str>) -> Option<String> {
    let u = url?.trim();
    let lower = u.to_ascii_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
        && u.len() > lower.find("//").unwrap_or(0) + 2
        && !u
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    ok.then(|| u.to_string())
}

/// Text for a field that its reader renders as HTML (TimelineJS): every markup character
/// escaped.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// How a document is named to readers: its outlet, else its title, else its source.
pub(crate) fn outlets(d: &Dossier) -> HashMap<&str, &str> {
    d.documents
        .iter()
        .map(|x| {
            let name = x
                .outlet
                .as_deref()
                .or(x.title.as_deref())
                .unwrap_or(x.source.as_str());
            (x.id.as_str(), name)
        })
        .collect()
}

/// The latest publication date of the dossier's documents: the date an export is "as of",
/// taken from the data so the same input gives the same bytes.
pub(crate) fn as_of(d: &Dossier) -> Option<&str> {
    d.documents
        .iter()
        .filter_map(|x| x.published.as_deref())
        .max()
}

/// At most `n` characters of `s`, with an ellipsis when cut.
pub(crate) fn clip(s: &str, n: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}
