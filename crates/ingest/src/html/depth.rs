//! A depth limit on the markup handed to the HTML parser.
//!
//! html5ever scans its stack of open elements on many start tags, so a page of 100,000 nested
//! `<div>`s costs quadratic time, and a deep tree would need deep walks afterwards. This pass
//! reads the tags once, keeps a rough stack of open elements (implied ends of `<p>`, `<li>`,
//! cells and rows included), and blanks with spaces every tag that would open deeper than
//! [`MAX_DEPTH`], with its end tag. Blanking keeps every byte offset and every character of text
//! where it was, so offsets into the raw input stay exact; only the nesting below the limit is
//! flattened.

use std::borrow::Cow;

/// Deeper than any real page nests (browsers' own limits start at 512).
pub(super) const MAX_DEPTH: usize = 256;

/// How far down the stack an end tag looks for its start tag (bounded so each tag costs O(1)).
const LOOKBACK: usize = 48;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound",
];

/// Raw-text elements: their content is not markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Elements that end an open `<p>` (and the same element ends its open twin: `<li>` an `<li>`).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "div",
    "dl",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
    "figcaption",
];
const SELF_ENDING: &[&str] = &["p", "li", "dd", "dt", "option", "tr", "td", "th", "a"];

/// `raw` unchanged when it nests no deeper than the limit, else a copy of the same length
/// with the deeper tags blanked.
pub(super) fn limit_depth(raw: &str) -> Cow<'_, str> {
    let b = raw.as_bytes();
    // (name, blanked)
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut blank: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(p) = memchr_lt(&b[i..]) {
        i += p;
        let rest = &raw[i..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            i = comment.find("-->").map_or(b.len(), |q| i + 4 + q + 3);
            continue;
        }
        let Some(&next) = b.get(i + 1) else { break };
        let end_tag = next == b'/';
        let name_start = i + 1 + usize::from(end_tag);
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i = if next == b'!' || next == b'?' || end_tag {
                rest.find('>').map_or(b.len(), |q| i + q + 1)
            } else {
                i + 1
            };
            continue;
        }
        let name_end = b[name_start..]
            .iter()
            .position(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
            .map_or(b.len(), |q| name_start + q);
        let name = raw[name_start..name_end].to_ascii_lowercase();
        let tag_end = tag_close(b, name_end);
        let self_closing = tag_end >= 2 && b[tag_end - 2] == b'/';
        if end_tag {
            let top = stack.len();
            if let Some(k) = (top.saturating_sub(LOOKBACK)..top)
                .rev()
                .find(|&k| stack[k].0 == name)
            {
                if stack[k].1 {
                    blank.push((i, tag_end));
                }
                stack.truncate(k);
            }
            i = tag_end;
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            i = close_of(raw, tag_end, &name);
            continue;
        }
        if VOID.contains(&name.as_str()) || self_closing {
            i = tag_end;
            continue;
        }
        // Implied ends, looked for near the top of the stack only: a block closes an open
        // `<p>`, and `<li>`, `<td>`, `<tr>`, … close their open twin.
        if CLOSES_P.contains(&name.as_str()) {
            let top = stack.len();
            if let Some(k) = (top.saturating_sub(4)..top)
                .rev()
                .find(|&k| stack[k].0 == "p")
            {
                stack.truncate(k);
            }
        }
        if SELF_ENDING.contains(&name.as_str()) {
            let top = stack.len();
            if let Some(k) = (top.saturating_sub(4)..top)
                .rev()
                .find(|&k| stack[k].0 == name)
            {
                if name == "a" {
                    // A link inside a link ends the outer one alone: the blocks opened inside
                    // it stay open (the parser's adoption agency moves them), so they still
                    // count as depth.
                    stack.remove(k);
                } else {
                    stack.truncate(k);
                }
            }
        }
        let deep = stack.len() >= MAX_DEPTH;
        if deep {
            blank.push((i, tag_end));
        }
        stack.push((name, deep));
        i = tag_end;
    }
    if blank.is_empty() {
        return Cow::Borrowed(raw);
    }
    let mut out = raw.as_bytes().to_vec();
    for (s, e) in blank {
        out[s..e].fill(b' ');
    }
    // Only ASCII tag bytes were replaced by ASCII spaces, so the text is still UTF-8.
    Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| raw.to_string()))
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

/// One past the `>` ending the tag whose attributes start at `from` (quoted values may hold `>`).
fn tag_close(b: &[u8], from: usize) -> usize {
    let mut j = from;
    let mut last = b' ';
    while j < b.len() {
        let c = b[j];
        if c == b'>' {
            return j + 1;
        }
        if (c == b'"' || c == b'\'') && last == b'=' {
            j = b[j + 1..]
                .iter()
                .position(|&q| q == c)
                .map_or(b.len(), |p| j + 1 + p);
        }
        if !c.is_ascii_whitespace() {
            last = c;
        }
        j += 1;
    }
    b.len()
}

fn close_of(raw: &str, from: usize, name: &str) -> usize {
    let b = raw.as_bytes();
    let mut j = from;
    while let Some(p) = raw[j..].find("</") {
        let at = j + p;
        let end = at + 2 + name.len();
        if end <= b.len() && b[at + 2..end].eq_ignore_ascii_case(name.as_bytes()) {
            return raw[end..].find('>').map_or(b.len(), |q| end + q + 1);
        }
        j = at + 2;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_pass_unchanged() {
        let page = "<html><body><div><p>a<p>b<ul><li>c<li>d</ul></div><script>if(a<b){}</script></body></html>";
        assert!(matches!(limit_depth(page), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_tags_are_blanked_with_their_ends() {
        let n = MAX_DEPTH + 10;
        let page = format!("{}text{}", "<div>".repeat(n), "</div>".repeat(n));
        let out = limit_depth(&page);
        assert_eq!(out.len(), page.len());
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains("text"));
    }

    /// The deepest element of the tree the HTML parser builds.
    fn parsed_depth(page: &str) -> usize {
        let html = scraper::Html::parse_document(page);
        html.tree
            .nodes()
            .map(|n| n.ancestors().count())
            .max()
            .unwrap_or(0)
    }

    /// Blocks opened inside links that never close (a fuzzed page: "<nav><a href=/>H>" over
    /// and over) stay open through every new link, so they are depth: without the limit the
    /// parser's tree, and its time, grow with the square of the repeats.
    #[test]
    fn blocks_inside_unclosed_links_count_as_depth() {
        let page = format!(
            "<body>{}</body>",
            "<nav><a href=\"/\">H>".repeat(4 * MAX_DEPTH)
        );
        assert!(parsed_depth(&page) > 4 * MAX_DEPTH);
        let out = limit_depth(&page);
        assert_eq!(out.len(), page.len());
        assert!(
            parsed_depth(&out) <= 2 * MAX_DEPTH + 8,
            "{}",
            parsed_depth(&out)
        );
    }

    #[test]
    fn unclosed_paragraphs_and_items_do_not_count_as_depth() {
        let page = format!("<div>{}</div>", "<p>x<li>y".repeat(5 * MAX_DEPTH));
        assert!(matches!(limit_depth(&page), Cow::Borrowed(_)));
    }
}
