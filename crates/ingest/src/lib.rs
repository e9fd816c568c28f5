//! Bytes to Documents: format detection, decoding, HTML main text, feeds, JSONL, WARC,
//! line-level cleaning, metadata, segmentation and near-duplicate fingerprints.
//!
//! [`read_bytes`] is the entry point: one input in, its documents and its problems out. A
//! problem with one input (or one item of a container) never stops the others; it comes back as
//! an [`InputError`] that names the input.

pub mod clean;
pub mod corpus;
pub mod decode;
pub mod dedup;
pub mod detect;
pub mod feed;
pub mod html;
pub mod item;
pub mod jsonl;
pub mod meta;
pub mod warc;

use corroborate_model::{DocId, Document, Format, OffsetMap, Span};
use item::Item;
use regex::Regex;
use std::sync::LazyLock;

/// Inputs larger than this are refused unless the caller raises the limit.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Why an input (or an item inside it) gave no document.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("empty input")]
    Empty,
    #[error("binary data ({0}), not text")]
    Binary(&'static str),
    #[error("{size} bytes is over the {limit}-byte input limit (raise it with --max-input-size)")]
    TooLarge { size: u64, limit: u64 },
    #[error("feed or archive has no items")]
    NoItems,
    #[error("{0}")]
    Malformed(String),
    #[error("no article text left after cleaning")]
    NoText,
}

/// One failed input or item: where, and what went wrong, in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub source: String,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}

/// Everything one input gave.
#[derive(Debug, Default)]
pub struct Outcome {
    pub documents: Vec<Document>,
    pub errors: Vec<InputError>,
}

impl Outcome {
    fn fail(source: &str, e: impl std::fmt::Display) -> Outcome {
        Outcome {
            documents: Vec::new(),
            errors: vec![InputError {
                source: source.to_string(),
                message: e.to_string(),
            }],
        }
    }
}

/// Reads one input given as bytes. `source` is the path or URL as the user gave it.
pub fn read_bytes(source: &str, bytes: &[u8]) -> Outcome {
    if detect::is_warc(bytes) || (detect::is_gzip(bytes) && source.contains(".warc")) {
        return match warc::read_warc(source, bytes) {
            Ok((items, errs)) => finish(items, errs),
            Err(e) => Outcome::fail(source, e),
        };
    }
    let decoded = match decode::decode(bytes, None) {
        Ok(d) => d,
        Err(decode::NotText::Empty) => return Outcome::fail(source, ReadError::Empty),
        Err(decode::NotText::Binary(kind)) => {
            return Outcome::fail(source, ReadError::Binary(kind))
        }
    };
    let name = source.rsplit('/').next();
    let format = detect::detect(&decoded.text, name);
    let (mut items, errs) = match format {
        Format::Text => (
            vec![Item::plain(
                source.to_string(),
                Format::Text,
                decoded.text,
                Default::default(),
            )],
            Vec::new(),
        ),
        Format::Html => {
            // A <meta charset> that disagrees with what we guessed: decode again as declared.
            let text = redecode_with_meta_charset(bytes, &decoded).unwrap_or(decoded.text);
            (vec![html::read_html(source, &text)], Vec::new())
        }
        Format::Rss | Format::Atom | Format::JsonFeed => {
            match feed::read_feed(source, &decoded.text, format) {
                Ok(items) => (items, Vec::new()),
                Err(e) => return Outcome::fail(source, e),
            }
        }
        Format::Jsonl => jsonl::read_jsonl(source, &decoded.text),
        Format::Warc => unreachable!("WARC is detected on bytes"),
    };
    for (i, it) in items.iter_mut().enumerate() {
        it.encoding = decoded.encoding.to_string();
        // Decoding warnings concern the whole input: say them once, on its first item.
        if i == 0 {
            it.warnings.splice(0..0, decoded.warnings.iter().cloned());
        }
    }
    if items.is_empty() && errs.is_empty() {
        return Outcome::fail(source, ReadError::NoItems);
    }
    finish(items, errs)
}

fn redecode_with_meta_charset(bytes: &[u8], decoded: &decode::Decoded) -> Option<String> {
    if decoded.encoding == "UTF-8" && decoded.warnings.is_empty() {
        return None;
    }
    static CHARSET: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"(?i)<meta[^>]+charset=["']?([\w-]+)"#).expect("charset"));
    let label = CHARSET
        .captures(&decoded.text[..decoded.text.len().min(4096)])?
        .get(1)?
        .as_str()
        .to_string();
    let enc = encoding_rs::Encoding::for_label(label.as_bytes())?;
    (enc.name() != decoded.encoding).then(|| enc.decode_without_bom_handling(bytes).0.into_owned())
}

fn finish(items: Vec<Item>, errs: Vec<(String, String)>) -> Outcome {
    let mut out = Outcome {
        documents: Vec::new(),
        errors: errs
            .into_iter()
            .map(|(source, message)| InputError { source, message })
            .collect(),
    };
    for item in items {
        let source = item.source.clone();
        match build_document(item) {
            Ok(d) => out.documents.push(d),
            Err(e) => out.errors.push(InputError {
                source,
                message: e.to_string(),
            }),
        }
    }
    out
}

/// Turns an extracted item into a Document: line cleaning (for plain text), offsets composed
/// back to the raw input, segmentation, metadata inference, id.
pub fn build_document(item: Item) -> Result<Document, ReadError> {
    let Item {
        source,
        format,
        raw,
        text,
        offsets,
        mut removed,
        mut captions,
        mut meta,
        mut warnings,
        encoding,
        needs_line_cleaning,
    } = item;
    let (text, offsets) = if needs_line_cleaning {
        let c = clean::clean(&text);
        // Cleaning cut lines out of `text`; re-express everything against the raw input.
        for r in c.removed {
            let raw_span = offsets.raw_span(r.raw).unwrap_or(r.raw);
            removed.push(corroborate_model::Removed {
                raw: raw_span,
                at: r.at,
                reason: r.reason,
                text: r.text,
            });
        }
        captions = c.captions;
        (c.text, compose(&c.offsets, &offsets))
    } else {
        (text, offsets)
    };
    removed.sort_by_key(|r| (r.at, r.raw.start));
    if text.trim().is_empty() {
        return Err(ReadError::NoText);
    }
    let (paragraphs, sentences) = corroborate_extract::segment::segment(&text);
    meta::infer(&text, &paragraphs, &captions, &mut meta);
    warnings.extend(splice_warnings(&text));
    let id = DocId(format!(
        "{:032x}",
        xxhash_rust::xxh3::xxh3_128(text.as_bytes())
    ));
    Ok(Document {
        id,
        source,
        format,
        encoding,
        raw,
        text,
        offsets,
        removed,
        captions,
        paragraphs,
        sentences,
        meta,
        warnings,
    })
}

/// `outer` maps text → mid, `inner` maps mid → raw; the result maps text → raw.
fn compose(outer: &OffsetMap, inner: &OffsetMap) -> OffsetMap {
    let mut out = OffsetMap::new();
    for p in outer.pieces() {
        if p.is_verbatim() && inner.is_verbatim_span(p.raw) {
            // Split at the inner seams so verbatim pieces stay verbatim.
            let mut pos = p.raw.start;
            while pos < p.raw.end {
                let Some(start) = inner.to_raw_start(pos) else {
                    break;
                };
                let seam = inner
                    .pieces()
                    .iter()
                    .find(|q| q.clean.start <= pos && pos < q.clean.end)
                    .map_or(p.raw.end, |q| q.clean.end.min(p.raw.end));
                let clean_start = p.clean.start + (pos - p.raw.start);
                out.push(
                    Span::new(clean_start, clean_start + (seam - pos)),
                    Span::new(start, start + (seam - pos)),
                );
                pos = seam;
            }
        } else if let Some(r) = inner.raw_span(p.raw) {
            out.push(p.clean, r);
        }
    }
    out
}

/// "…had not fleAbu Mohammad…": a lowercase word run into a capitalized one where a copy cut a
/// sentence off.
fn splice_warnings(text: &str) -> Vec<String> {
    static SPLICE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?-u:\b)[a-z]{3,}[A-Z][a-z]{2,}(?-u:\b)").expect("splice"));
    SPLICE
        .find_iter(text)
        .map(|m| {
            format!(
                "possible cut-off sentence at char {}: {:?} runs two words together",
                text[..m.start()].chars().count(),
                m.as_str()
            )
        })
        .collect()
}

/// Reads a file (size-checked) and returns its outcome.
pub fn read_file(path: &std::path::Path, source: &str, max_bytes: u64) -> Outcome {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return Outcome::fail(source, format!("cannot read: {e}")),
    };
    if meta.len() > max_bytes {
        return Outcome::fail(
            source,
            ReadError::TooLarge {
                size: meta.len(),
                limit: max_bytes,
            },
        );
    }
    match std::fs::read(path) {
        Ok(bytes) => read_bytes(source, &bytes),
        Err(e) => Outcome::fail(source, format!("cannot read: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_document_maps_back_to_raw() {
        let raw = "Policy\n\nBashar Al-Assad: Details of the Final Days in Syria\n\nAl-Assad left Damascus for Hmeimim by December 7.\n\nShow More\n\nRelated Articles";
        let out = read_bytes("a.txt", raw.as_bytes());
        let d = &out.documents[0];
        assert_eq!(d.text, "Bashar Al-Assad: Details of the Final Days in Syria\n\nAl-Assad left Damascus for Hmeimim by December 7.");
        for s in &d.sentences {
            let r = d.offsets.raw_span(*s).unwrap();
            assert_eq!(r.slice(&d.raw), s.slice(&d.text));
        }
        assert_eq!(
            d.meta.title.as_deref(),
            Some("Bashar Al-Assad: Details of the Final Days in Syria")
        );
    }

    #[test]
    fn bad_inputs_are_one_line_each() {
        assert_eq!(
            read_bytes("e.txt", b"").errors[0].to_string(),
            "e.txt: empty input"
        );
        assert_eq!(
            read_bytes("b.bin", b"\x7fELF\x02\x01").errors[0].to_string(),
            "b.bin: binary data (ELF executable), not text"
        );
        let empty_feed =
            br#"<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>"#;
        assert_eq!(
            read_bytes("f.xml", empty_feed).errors[0].to_string(),
            "f.xml: feed or archive has no items"
        );
        assert_eq!(
            read_bytes("j.txt", b"Share this:\n\nRelated Articles\n").errors[0].message,
            "no article text left after cleaning"
        );
    }

    #[test]
    fn splice_is_flagged() {
        let out = read_bytes("a.txt", b"Headline words here ok\n\nJalali said he had not fleAbu Mohammad al-Golani, a leader, emerged.");
        assert!(out.documents[0]
            .warnings
            .iter()
            .any(|w| w.contains("fleAbu")));
    }
}
