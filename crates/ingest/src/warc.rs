//! WARC (ISO 28500) web archives, plain or gzip-compressed per record: every `response` record
//! that holds an HTML page becomes a document named by its `WARC-Target-URI`.
//!
//! The record format is a version line, headers, a blank line and `Content-Length` bytes; the
//! HTTP response inside is parsed here too (status, headers, chunked transfer coding, gzip
//! content coding), since what we need of both is small and exact.

use crate::decode::decode;
use crate::item::Item;
use crate::ReadError;
use corroborate_model::Format;
use std::io::{BufRead, Read};

/// A problem with one record: (record source, message).
pub type RecordError = (String, String);

/// A record header longer than this is not a WARC header.
const MAX_HEADER: usize = 64 * 1024;

/// Reads every HTML response record. `bytes` may be gzip-compressed (`.warc.gz`).
pub fn read_warc(source: &str, bytes: &[u8]) -> Result<(Vec<Item>, Vec<RecordError>), ReadError> {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for_each_record(source, bytes, crate::DEFAULT_MAX_BYTES, &mut |r| match r {
        Ok(item) => items.push(item),
        Err(e) => errors.push(e),
    })?;
    Ok((items, errors))
}

/// Hands every HTML response record to `each` as soon as it is read. The archive is read as a
/// stream (a `.warc.gz` is never inflated whole), and every byte that comes out of a
/// decompressor — the archive's own gzip members, gzip HTTP bodies — counts against `limit`:
/// an archive that would inflate past it stops there, with an error naming the record.
pub fn for_each_record(
    source: &str,
    bytes: &[u8],
    limit: u64,
    each: &mut dyn FnMut(Result<Item, RecordError>),
) -> Result<(), ReadError> {
    let mut reader: Box<dyn BufRead + '_> = if crate::detect::is_gzip(bytes) {
        Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
            bytes,
        )))
    } else {
        Box::new(bytes)
    };
    let mut budget = limit;
    let mut n = 0;
    let mut html_records = 0;
    let mut failed = false;
    macro_rules! fail {
        ($here:expr, $msg:expr $(,)?) => {{
            failed = true;
            each(Err(($here, $msg)))
        }};
    }
    loop {
        // Skip the CRLFs between records.
        match skip_newlines(&mut reader) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                fail!(
                    format!("{source}#record{}", n + 1),
                    format!("archive is unreadable from here: {e}"),
                );
                break;
            }
        }
        n += 1;
        let here = format!("{source}#record{n}");
        let head = match read_header(&mut reader) {
            Ok(Some(h)) => h,
            Ok(None) => {
                fail!(
                    here,
                    "record header is not terminated; archive truncated".to_string(),
                );
                break;
            }
            Err(msg) => {
                fail!(here, msg);
                break;
            }
        };
        budget = budget.saturating_sub(head.len() as u64);
        let head = String::from_utf8_lossy(&head).into_owned();
        if !head.starts_with("WARC/") {
            fail!(
                here,
                "expected a WARC/1.x record; archive is corrupt from here".to_string(),
            );
            break;
        }
        let header = |name: &str| -> Option<String> {
            head.lines().find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.trim()
                    .eq_ignore_ascii_case(name)
                    .then(|| v.trim().to_string())
            })
        };
        let Some(len) = header("Content-Length").and_then(|v| v.parse::<u64>().ok()) else {
            fail!(here, "record has no Content-Length".to_string());
            break;
        };
        if len > budget {
            fail!(
                here,
                format!(
                    "record of {len} bytes goes over the {limit}-byte input limit (raise it with --max-input-size); the records before it were read"
                ),
            );
            break;
        }
        let mut block = Vec::with_capacity(len.min(1 << 20) as usize);
        if let Err(e) = (&mut reader).take(len).read_to_end(&mut block) {
            fail!(here, format!("archive is unreadable from here: {e}"));
            break;
        }
        if (block.len() as u64) < len {
            fail!(
                here,
                format!("record claims {len} bytes but the archive ends first"),
            );
            break;
        }
        budget -= len;
        let is_response = header("WARC-Type").is_some_and(|t| t.eq_ignore_ascii_case("response"));
        if !is_response {
            continue;
        }
        let uri = header("WARC-Target-URI").unwrap_or_else(|| here.clone());
        let name = uri.trim_matches(|c| c == '<' || c == '>').to_string();
        match http_html(&block, &mut budget, limit) {
            Ok(Some((html_bytes, charset))) => {
                html_records += 1;
                drop(block);
                match decode(&html_bytes, charset.as_deref()) {
                    Ok(d) => {
                        let mut item = crate::html::read_html(&name, &d.text);
                        item.format = Format::Warc;
                        if item.meta.url.is_none() {
                            item.meta.url = Some(name.clone());
                        }
                        item.warnings.extend(d.warnings);
                        item.encoding = d.encoding.to_string();
                        each(Ok(item));
                    }
                    Err(e) => fail!(name, format!("response body is not text ({e:?})")),
                }
            }
            Ok(None) => {}
            Err(msg) => fail!(name, msg),
        }
    }
    if html_records == 0 && !failed {
        return Err(ReadError::NoItems);
    }
    Ok(())
}

/// Consumes CR and LF bytes; false at the end of the archive.
fn skip_newlines(r: &mut dyn BufRead) -> std::io::Result<bool> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        let k = buf
            .iter()
            .take_while(|b| **b == b'\r' || **b == b'\n')
            .count();
        let more = k < buf.len();
        r.consume(k);
        if more {
            return Ok(true);
        }
    }
}

/// The header block up to and including its blank line; `None` when the archive ends first.
fn read_header(r: &mut dyn BufRead) -> Result<Option<Vec<u8>>, String> {
    let mut head = Vec::new();
    loop {
        let start = head.len();
        let got = r
            .take((MAX_HEADER + 1 - start.min(MAX_HEADER)) as u64)
            .read_until(b'\n', &mut head)
            .map_err(|e| format!("archive is unreadable from here: {e}"))?;
        if got == 0 {
            return Ok(None);
        }
        if head.len() > MAX_HEADER {
            return Err(format!(
                "record header is over {MAX_HEADER} bytes; archive is corrupt from here"
            ));
        }
        if matches!(&head[start..], b"\r\n" | b"\n") {
            return Ok(Some(head));
        }
    }
}

/// An HTML body and its declared charset.
type HtmlBody = (Vec<u8>, Option<String>);

/// The HTML body of an HTTP response block and its declared charset, or `None` when the
/// response is not HTML (images, scripts, redirects).
fn http_html(block: &[u8], budget: &mut u64, limit: u64) -> Result<Option<HtmlBody>, String> {
    let Some(head_end) = find(block, b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| find(block, b"\n\n").map(|i| i + 2))
    else {
        return Err("HTTP response has no header end".to_string());
    };
    let head = String::from_utf8_lossy(&block[..head_end]).to_ascii_lowercase();
    let status_ok = head.lines().next().is_some_and(|l| {
        l.split_whitespace()
            .nth(1)
            .is_some_and(|s| s.starts_with('2'))
    });
    if !status_ok {
        return Ok(None);
    }
    let header = |name: &str| {
        head.lines().find_map(|l| {
            l.strip_prefix(name)
                .map(|v| v.trim_start_matches(':').trim().to_string())
        })
    };
    let ctype = header("content-type").unwrap_or_default();
    let mut body = block[head_end..].to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body).ok_or("chunked body is broken")?;
    }
    if header("content-encoding").is_some_and(|t| t.contains("gzip")) {
        body = match crate::source::gunzip(&body, *budget) {
            Ok(out) => out,
            Err(ReadError::OverLimit { .. }) => {
                return Err(format!(
                    "gzip body inflates past the {limit}-byte input limit (raise it with --max-input-size)"
                ))
            }
            Err(e) => return Err(format!("HTTP body: {e}")),
        };
        *budget = budget.saturating_sub(body.len() as u64);
    }
    let is_html = ctype.contains("html")
        || (ctype.is_empty()
            && crate::detect::detect(
                &String::from_utf8_lossy(&body[..body.len().min(2048)]),
                None,
            ) == Format::Html);
    if !is_html {
        return Ok(None);
    }
    let charset = ctype.split(';').find_map(|p| {
        p.trim()
            .strip_prefix("charset=")
            .map(|c| c.trim_matches('"').to_string())
    });
    Ok(Some((body, charset)))
}

fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = find(b, b"\r\n")?;
        let size_str = std::str::from_utf8(&b[..line_end])
            .ok()?
            .split(';')
            .next()?
            .trim()
            .to_string();
        let size = usize::from_str_radix(&size_str, 16).ok()?;
        b = &b[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = b.get(size + 2..)?;
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Builds a WARC response record around an HTTP response.
    pub fn record(uri: &str, http: &str) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        r.extend_from_slice(http.as_bytes());
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    #[test]
    fn reads_html_responses_and_skips_the_rest() {
        let page = "<html><body><article><p>Russia has multiple military sites in Syria, including an air base at Hmeimim.</p></article></body></html>";
        let mut warc =
            b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\ninfo\r\n\r\n".to_vec();
        warc.extend(record(
            "https://example.org/a",
            &format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}"),
        ));
        warc.extend(record(
            "https://example.org/logo.png",
            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\u{1}PNG",
        ));
        warc.extend(record("https://example.org/b", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n1b\r\n<html><body><p>Chunked page\r\nb\r\n text.</p>.\r\n0\r\n\r\n"));
        let (items, errors) = read_warc("day.warc", &warc).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].source, "https://example.org/a");
        assert!(items[0].text.contains("Hmeimim"));
        assert!(
            items[1].text.starts_with("Chunked page text."),
            "{}",
            items[1].text
        );
    }

    #[test]
    fn gzip_members_and_truncation() {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let rec = record("https://example.org/a", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Lavrov spoke in Doha on Saturday about the bases.</p>");
        let mut gz = Vec::new();
        for _ in 0..2 {
            let mut e = GzEncoder::new(Vec::new(), Compression::fast());
            e.write_all(&rec).unwrap();
            gz.extend(e.finish().unwrap());
        }
        let (items, _) = read_warc("day.warc.gz", &gz).unwrap();
        assert_eq!(items.len(), 2);
        let cut = &rec[..rec.len() - 20];
        let (items, errors) = read_warc("cut.warc", cut).unwrap();
        assert!(items.is_empty());
        assert!(errors[0].1.contains("archive ends first"));
    }
}
