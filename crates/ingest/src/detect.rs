//! Format detection from content (the file name is only a tie-breaker).

use corroborate_model::Format;

/// Guesses the format of decoded input `text`; `name` (a file name or URL) breaks ties.
///
/// WARC is detected on the raw bytes before decoding, see [`is_warc`].
pub fn detect(text: &str, name: Option<&str>) -> Format {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(2048)
        .collect();
    let lower = head.to_ascii_lowercase();
    if lower.starts_with('{') || lower.starts_with('[') {
        if lower.contains("\"version\"") && lower.contains("jsonfeed.org") {
            return Format::JsonFeed;
        }
        // JSON Lines: the first line is a complete object.
        if let Some(first) = text.trim_start().lines().next() {
            if serde_json::from_str::<serde_json::Value>(first).is_ok_and(|v| v.is_object()) {
                return Format::Jsonl;
            }
        }
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(text) {
            if v.get("items").is_some() && v.get("version").is_some() {
                return Format::JsonFeed;
            }
            if v.is_array() {
                return Format::Jsonl;
            }
        }
    }
    if lower.starts_with('<') {
        // Skip an XML declaration, comments and a doctype to find the root element.
        let root = first_element(&lower);
        match root.as_deref() {
            Some("rss") | Some("rdf:rdf") => return Format::Rss,
            Some("feed") => return Format::Atom,
            Some("html") | Some("head") | Some("body") | Some("article") | Some("div")
            | Some("p") | Some("main") => return Format::Html,
            _ => {}
        }
        if lower.contains("<html") || lower.contains("<!doctype html") {
            return Format::Html;
        }
    }
    let ext = name
        .and_then(|n| n.rsplit('.').next())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html" | "htm" | "xhtml") if looks_like_markup(&lower) => Format::Html,
        Some("rss") if lower.contains("<rss") => Format::Rss,
        Some("atom") if lower.contains("<feed") => Format::Atom,
        Some("jsonl" | "ndjson") if lower.starts_with('{') => Format::Jsonl,
        _ if looks_like_markup(&lower) && lower.contains("<p") => Format::Html,
        _ => Format::Text,
    }
}

/// WARC files start with a `WARC/1.x` version line (possibly inside gzip members).
pub fn is_warc(bytes: &[u8]) -> bool {
    bytes.starts_with(b"WARC/")
}

/// gzip magic.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

fn looks_like_markup(lower: &str) -> bool {
    let tags = lower.matches('<').count();
    tags >= 3 && (lower.contains("</") || lower.contains("/>"))
}

fn first_element(lower: &str) -> Option<String> {
    let mut rest = lower;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = &r[r.find("?>")? + 2..];
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
        } else if let Some(r) = rest.strip_prefix("<!") {
            rest = &r[r.find('>')? + 1..];
        } else if let Some(r) = rest.strip_prefix('<') {
            let end = r.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
            return Some(r[..end].to_string());
        } else {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_content_not_name() {
        assert_eq!(
            detect(
                "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>",
                Some("x.txt")
            ),
            Format::Rss
        );
        assert_eq!(
            detect(
                "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'/>",
                None
            ),
            Format::Atom
        );
        assert_eq!(
            detect("<rdf:RDF xmlns:rdf='…'><channel/></rdf:RDF>", None),
            Format::Rss
        );
        assert_eq!(
            detect(
                "<!DOCTYPE html><html><body><p>x</p></body></html>",
                Some("a.txt")
            ),
            Format::Html
        );
        assert_eq!(
            detect("{\"text\": \"a\"}\n{\"text\": \"b\"}\n", Some("a.html")),
            Format::Jsonl
        );
        assert_eq!(
            detect(
                "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}",
                None
            ),
            Format::JsonFeed
        );
        assert_eq!(
            detect("Syria: al-Assad flees\n\nBy EFE", Some("a.html")),
            Format::Text
        );
        assert_eq!(detect("x < y and a > b", None), Format::Text);
    }
}
