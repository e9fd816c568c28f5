//! Bytes to Documents: format detection, decoding, HTML main text, feeds, JSONL, WARC,
//! line-level cleaning, metadata, segmentation and near-duplicate fingerprints.
//!
//! [`read_source`] reads an input's bytes under a budget; [`read_each`] turns them into
//! documents one by one, handing each over as soon as it is built (a feed or archive of 100,000
//! items is never held whole as documents); [`read_bytes`] collects them. A problem with one
//! input (or one item of a container) never stops the others; it comes back as an
//! [`InputError`] that names the input.

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
pub mod source;
pub mod warc;

use corroborate_model::{DocId, Document, Format, OffsetMap, Span};
use item::Item;
use regex::Regex;
use std::sync::LazyLock;

pub use source::{read_source, Limits, Source};

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
    /// The budget ran out while reading or decompressing (the full size is not known).
    #[error("{what} is over the {limit}-byte input limit (raise it with --max-input-size)")]
    OverLimit { what: &'static str, limit: u64 },
    /// The input could not be opened or read, or is not something to read (a device).
    #[error("{0}")]
    Unreadable(String),
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

/// Reads one input given as bytes, with the default [`Limits`]. `source` is the path or URL as
/// the user gave it.
pub fn read_bytes(source: &str, bytes: &[u8]) -> Outcome {
    read_bytes_with(source, bytes, &Limits::default())
}

/// [`read_bytes`] under `limits` (they bound decompression).
pub fn read_bytes_with(source: &str, bytes: &[u8], limits: &Limits) -> Outcome {
    let mut out = Outcome::default();
    read_each(source, bytes, limits, &mut |r| match r {
        Ok(d) => out.documents.push(d),
        Err(e) => out.errors.push(e),
    });
    out
}

/// Reads one input and hands each document (or each problem) to `each` as soon as it is
/// built, in input order: a caller can store the first items of a large feed or archive
/// before the last are parsed. gzip-compressed inputs are inflated under `limits.max_bytes`.
pub fn read_each(
    source: &str,
    bytes: &[u8],
    limits: &Limits,
    each: &mut dyn FnMut(Result<Document, InputError>),
) {
    let mut item = |r: Result<Item, (String, String)>| match r {
        Ok(it) => {
            let src = it.source.clone();
            each(build_document(it).map_err(|e| InputError {
                source: src,
                message: e.to_string(),
            }))
        }
        Err((source, message)) => each(Err(InputError { source, message })),
    };
    if let Err(e) = read_items(source, bytes, limits, &mut item) {
        item(Err((source.to_string(), e.to_string())));
    }
}

/// The items of one input, before cleaning and segmentation. `Err` when the input as a whole
/// gave nothing (then nothing was handed out).
fn read_items(
    source: &str,
    bytes: &[u8],
    limits: &Limits,
    each: &mut dyn FnMut(Result<Item, (String, String)>),
) -> Result<(), ReadError> {
    if detect::is_warc(bytes) || (detect::is_gzip(bytes) && source.contains(".warc")) {
        return warc::for_each_record(source, bytes, limits.max_bytes, each);
    }
    if detect::is_gzip(bytes) {
        // Any compressed input (`page.html.gz`, `feed.xml.gz`): inflated under the budget, then
        // read as what it holds. One level only: gzip inside gzip stays binary data.
        let inflated = source::gunzip(bytes, limits.max_bytes)?;
        if detect::is_warc(&inflated) {
            return warc::for_each_record(source, &inflated, limits.max_bytes, each);
        }
        return read_text(source, &inflated, each);
    }
    read_text(source, bytes, each)
}

/// Text, HTML, feeds and JSONL.
fn read_text(
    source: &str,
    bytes: &[u8],
    each: &mut dyn FnMut(Result<Item, (String, String)>),
) -> Result<(), ReadError> {
    let decoded = match decode::decode(bytes, None) {
        Ok(d) => d,
        Err(decode::NotText::Empty) => return Err(ReadError::Empty),
        Err(decode::NotText::Binary(kind)) => return Err(ReadError::Binary(kind)),
    };
    // Decoding warnings concern the whole input: say them once, on its first item.
    let mut first = true;
    let mut tag = |r: Result<Item, (String, String)>| {
        each(r.map(|mut it| {
            it.encoding = decoded.encoding.to_string();
            if std::mem::take(&mut first) {
                it.warnings.splice(0..0, decoded.warnings.iter().cloned());
            }
            it
        }))
    };
    let name = source.rsplit('/').next();
    let format = detect::detect(&decoded.text, name);
    match format {
        Format::Text => tag(Ok(Item::plain(
            source.to_string(),
            Format::Text,
            decoded.text.clone(),
            Default::default(),
        ))),
        Format::Html => {
            // A <meta charset> that disagrees with what we guessed: decode again as declared.
            let text = redecode_with_meta_charset(bytes, &decoded);
            let text = text.as_deref().unwrap_or(&decoded.text);
            tag(Ok(html::read_html(source, text)))
        }
        Format::Rss | Format::Atom | Format::JsonFeed => {
            feed::for_each_item(source, &decoded.text, format, &mut tag)?
        }
        Format::Jsonl => {
            let (items, errs) = jsonl::read_jsonl(source, &decoded.text);
            if items.is_empty() && errs.is_empty() {
                return Err(ReadError::NoItems);
            }
            for e in errs {
                tag(Err(e));
            }
            for it in items {
                tag(Ok(it));
            }
        }
        Format::Warc => unreachable!("WARC is detected on bytes"),
    }
    Ok(())
}

fn redecode_with_meta_charset(bytes: &[u8], decoded: &decode::Decoded) -> Option<String> {
    if decoded.encoding == "UTF-8" && decoded.warnings.is_empty() {
        return None;
    }
    static CHARSET: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"(?i)<meta[^>]+charset=["']?([\w-]+)"#).expect("charset"));
    // The declaration is near the top; 4 KiB of text, cut back to a character boundary.
    let mut head = decoded.text.len().min(4096);
    while !decoded.text.is_char_boundary(head) {
        head -= 1;
    }
    let label = CHARSET
        .captures(&decoded.text[..head])?
        .get(1)?
        .as_str()
        .to_string();
    let enc = encoding_rs::Encoding::for_label(label.as_bytes())?;
    (enc.name() != decoded.encoding).then(|| enc.decode_without_bom_handling(bytes).0.into_owned())
}

/// Turns an extracted item into a Document: line cleaning (for plain text), offsets composed
/// back to the raw input, paragraphs, metadata inference, id. Sentences are left empty: they are
/// the first per-document stage (`corroborate_extract::segment::segment_document`).
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
    // Paragraphs only: sentences are a per-document stage (`extract::segment::segment_document`).
    let paragraphs = corroborate_model::layout::paragraphs(&text);
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
        sentences: Vec::new(),
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
/// sentence off. Char offsets are counted on from the previous match (counting each from the
/// start was quadratic on text with thousands of matches, found by fuzzing); past
/// `MAX_SPLICE_WARNINGS` one line says how many more there are.
fn splice_warnings(text: &str) -> Vec<String> {
    const MAX_SPLICE_WARNINGS: usize = 20;
    static SPLICE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?-u:\b)[a-z]{3,}[A-Z][a-z]{2,}(?-u:\b)").expect("splice"));
    let (mut at_byte, mut at_char) = (0, 0);
    let mut out = Vec::new();
    let mut more = 0;
    for m in SPLICE.find_iter(text) {
        if out.len() == MAX_SPLICE_WARNINGS {
            more += 1;
            continue;
        }
        at_char += text[at_byte..m.start()].chars().count();
        at_byte = m.start();
        out.push(format!(
            "possible cut-off sentence at char {at_char}: {:?} runs two words together",
            m.as_str()
        ));
    }
    if more > 0 {
        out.push(format!(
            "and {more} more places where two words run together (not listed)"
        ));
    }
    out
}

/// Reads a file under a byte budget (see [`read_source`]) and returns its outcome.
pub fn read_file(path: &std::path::Path, source: &str, max_bytes: u64) -> Outcome {
    let limits = Limits::with_max_bytes(max_bytes);
    match read_source(Source::Path(path), &limits) {
        Ok(bytes) => read_bytes_with(source, &bytes, &limits),
        Err(e) => Outcome::fail(source, e),
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
        for s in &d.paragraphs {
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

    /// Issue 17: 4 of 10 variants of a windows-1251 page were "internal error" (a slice at byte
    /// 4096 inside a character). Every variant, whatever the padding, reads.
    #[test]
    fn windows_1251_pages_read_whatever_falls_at_byte_4096() {
        let sentence = "Президент покинул Дамаск в воскресенье, сообщили в Москве. ";
        for pad in 0..10 {
            let html = format!(
                "<html><head><meta charset=\"windows-1251\"><title>Новости</title></head><body>{}<article><p>{}</p></article></body></html>",
                " ".repeat(pad),
                sentence.repeat(80)
            );
            let (bytes, _, bad) = encoding_rs::WINDOWS_1251.encode(&html);
            assert!(!bad);
            let out = read_bytes("ru.html", &bytes);
            assert!(out.errors.is_empty(), "pad {pad}: {:?}", out.errors);
            assert!(
                out.documents[0]
                    .text
                    .starts_with("Президент покинул Дамаск"),
                "pad {pad}"
            );
        }
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let mut e = GzEncoder::new(Vec::new(), Compression::best());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    fn errors(out: &Outcome) -> Vec<String> {
        out.errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn gzip_inputs_are_read_within_the_budget() {
        let page =
            b"<html><body><p>Rebels entered Homs on Saturday, the monitor said.</p></body></html>";
        let out = read_bytes("page.html.gz", &gzip(page));
        assert!(out.documents[0].text.starts_with("Rebels entered Homs"));
        // 8 MB of markup in a few kilobytes: refused at a 1 MB budget, not inflated whole.
        let mut bomb = b"<html><body><p>".to_vec();
        bomb.resize(8 << 20, b'a');
        let out = read_bytes_with(
            "bomb.html.gz",
            &gzip(&bomb),
            &Limits::with_max_bytes(1 << 20),
        );
        assert_eq!(
            errors(&out),
            ["bomb.html.gz: decompressed data is over the 1048576-byte input limit (raise it with --max-input-size)"]
        );
    }

    #[test]
    fn warc_bombs_stop_at_the_budget_and_keep_what_came_before() {
        let good = warc::tests::record(
            "https://example.org/a",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Lavrov spoke in Doha on Saturday about the bases.</p>",
        );
        // A record claiming 64 MB after a good one, as one gzip member each (`.warc.gz`).
        let mut big = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/bomb\r\nContent-Length: {}\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
            64 << 20
        )
        .into_bytes();
        big.resize(64 << 20, b'a');
        let mut gz = gzip(&good);
        gz.extend(gzip(&big));
        let out = read_bytes_with("day.warc.gz", &gz, &Limits::with_max_bytes(1 << 20));
        assert_eq!(out.documents.len(), 1);
        assert_eq!(
            errors(&out),
            ["day.warc.gz#record2: record of 67108864 bytes goes over the 1048576-byte input limit (raise it with --max-input-size); the records before it were read"]
        );
        // A gzip HTTP body inflating past the budget is that record's error.
        let mut body = b"<p>".to_vec();
        body.resize(4 << 20, b'a');
        let mut http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        http.extend(gzip(&body));
        let mut rec = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/b\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        rec.extend(http);
        let mut warc = good.clone();
        warc.extend(rec);
        let out = read_bytes_with("day.warc", &warc, &Limits::with_max_bytes(1 << 20));
        assert_eq!(out.documents.len(), 1);
        assert_eq!(
            errors(&out),
            ["https://example.org/b: gzip body inflates past the 1048576-byte input limit (raise it with --max-input-size)"]
        );
    }

    #[test]
    fn feed_items_are_handed_over_one_by_one() {
        let item = |i: usize| {
            format!("<item><title>Report {i}</title><description>Officials in Homs said {i} convoys arrived on Monday.</description></item>")
        };
        let items: String = (1..=3).map(item).collect();
        let rss = format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Desk</title>{items}<item><title>broken</item></channel></rss>");
        let mut seen = Vec::new();
        read_each("desk.rss", rss.as_bytes(), &Limits::default(), &mut |r| {
            seen.push(match r {
                Ok(d) => format!("{} {}", d.source, d.meta.outlet.unwrap_or_default()),
                Err(e) => e.to_string(),
            })
        });
        assert_eq!(
            seen[..3],
            ["desk.rss#1 Desk", "desk.rss#2 Desk", "desk.rss#3 Desk"]
        );
        assert_eq!(seen.len(), 4, "{seen:?}");
        assert!(
            seen[3].starts_with("desk.rss#4: feed is broken after item 3"),
            "{}",
            seen[3]
        );
    }

    #[test]
    fn splice_warnings_count_chars_and_stop_listing() {
        let text = format!("Ré sumé fleAbu said. {}", "wordRuns ".repeat(30));
        let w = splice_warnings(&text);
        assert_eq!(
            w[0],
            "possible cut-off sentence at char 8: \"fleAbu\" runs two words together"
        );
        assert_eq!(
            w[1],
            "possible cut-off sentence at char 21: \"wordRuns\" runs two words together"
        );
        assert_eq!(w.len(), 21);
        assert_eq!(
            w[20],
            "and 11 more places where two words run together (not listed)"
        );
    }
}
