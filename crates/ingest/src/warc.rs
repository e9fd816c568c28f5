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
use std::io::Read;

/// A problem with one record: (record source, message).
pub type RecordError = (String, String);

/// Reads every HTML response record. `bytes` may be gzip-compressed (`.warc.gz`).
pub fn read_warc(source: &str, bytes: &[u8]) -> Result<(Vec<Item>, Vec<RecordError>), ReadError> {
    let owned;
    let data: &[u8] = if crate::detect::is_gzip(bytes) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(bytes)
            .read_to_end(&mut out)
            .map_err(|e| ReadError::Malformed(format!("gzip stream is broken: {e}")))?;
        owned = out;
        &owned
    } else {
        bytes
    };
    let mut items = Vec::new();
    let mut errors = Vec::new();
    let mut pos = 0;
    let mut n = 0;
    let mut html_records = 0;
    while pos < data.len() {
        // Skip the CRLFs between records.
        while pos < data.len() && (data[pos] == b'\r' || data[pos] == b'\n') {
            pos += 1;
        }
        if pos >= data.len() {
            break;
        }
        n += 1;
        let here = format!("{source}#record{n}");
        let Some(head_end) = find(&data[pos..], b"\r\n\r\n").map(|i| pos + i + 4) else {
            errors.push((
                here,
                "record header is not terminated; archive truncated".to_string(),
            ));
            break;
        };
        let head = String::from_utf8_lossy(&data[pos..head_end]);
        if !head.starts_with("WARC/") {
            errors.push((
                here,
                "expected a WARC/1.x record; archive is corrupt from here".to_string(),
            ));
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
        let Some(len) = header("Content-Length").and_then(|v| v.parse::<usize>().ok()) else {
            errors.push((here, "record has no Content-Length".to_string()));
            break;
        };
        let body_end = head_end + len;
        if body_end > data.len() {
            errors.push((
                here,
                format!("record claims {len} bytes but the archive ends first"),
            ));
            break;
        }
        let block = &data[head_end..body_end];
        pos = body_end;
        let is_response = header("WARC-Type").is_some_and(|t| t.eq_ignore_ascii_case("response"));
        if !is_response {
            continue;
        }
        let uri = header("WARC-Target-URI").unwrap_or_else(|| here.clone());
        let name = uri.trim_matches(|c| c == '<' || c == '>').to_string();
        match http_html(block) {
            Ok(Some((html_bytes, charset))) => {
                html_records += 1;
                match decode(&html_bytes, charset.as_deref()) {
                    Ok(d) => {
                        let mut item = crate::html::read_html(&name, &d.text);
                        item.format = Format::Warc;
                        if item.meta.url.is_none() {
                            item.meta.url = Some(name.clone());
                        }
                        item.warnings.extend(d.warnings);
                        item.encoding = d.encoding.to_string();
                        items.push(item);
                    }
                    Err(e) => errors.push((name, format!("response body is not text ({e:?})"))),
                }
            }
            Ok(None) => {}
            Err(msg) => errors.push((name, msg)),
        }
    }
    if html_records == 0 && errors.is_empty() {
        return Err(ReadError::NoItems);
    }
    Ok((items, errors))
}

/// An HTML body and its declared charset.
type HtmlBody = (Vec<u8>, Option<String>);

/// The HTML body of an HTTP response block and its declared charset, or `None` when the
/// response is not HTML (images, scripts, redirects).
fn http_html(block: &[u8]) -> Result<Option<HtmlBody>, String> {
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
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&body[..])
            .read_to_end(&mut out)
            .map_err(|e| format!("gzip body is broken: {e}"))?;
        body = out;
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
