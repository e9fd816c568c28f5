//! Source text made inert in Markdown: nothing a page says can become markup, a link, an
//! image or a table cell boundary in the dossier.
//!
//! Every character Markdown or an HTML-passing renderer could act on inline is escaped (`<`,
//! `>` and `&` as entities; `` \ ` * _ [ ] | ~ `` with a backslash), and anything a GFM renderer would
//! autolink (`https://…`, `www.…`, `name@host.tld`) is put in a code span, where nothing is
//! linked. Bidi embeddings and overrides are shown as `<U+202E>` so they cannot reorder the
//! text around them. Newlines become spaces: every use is inline.

use crate::terminal::is_bidi_control;
use regex::Regex;
use std::sync::LazyLock;

/// Inline Markdown text (list items, headings, quotes).
pub fn md(s: &str) -> String {
    render(s, false)
}

/// A Markdown table cell: as [`md`], and a `|` never ends the cell (not even in a code span).
pub fn md_cell(s: &str) -> String {
    render(s, true)
}

fn render(s: &str, in_table: bool) -> String {
    static LINKISH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:[a-z][a-z0-9+.-]{1,31}:/*[^\s<>]+|www\.[^\s<>]+|[^\s<>@]+@[^\s<>@]+\.[a-z]{2,})")
            .expect("linkish")
    });
    let mut out = String::with_capacity(s.len() + 16);
    let mut last = 0;
    for m in LINKISH.find_iter(s) {
        escape_into(&mut out, &s[last..m.start()]);
        code_span(&mut out, m.as_str(), in_table);
        last = m.end();
    }
    escape_into(&mut out, &s[last..]);
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c if is_bidi_control(c) => {
                out.push_str(&format!("&lt;U+{:04X}&gt;", c as u32));
            }
            c if c.is_control() => out.push(' '),
            // What can act inline (the text never starts a line: newlines are gone).
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
}

/// `s` verbatim in a code span: a fence longer than any backtick run inside it.
fn code_span(out: &mut String, s: &str, in_table: bool) {
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    out.push_str(&fence);
    out.push(' ');
    for c in s.chars() {
        match c {
            // In a GFM table the row is split on `|` before code spans are read.
            '|' if in_table => out.push_str("\\|"),
            c if is_bidi_control(c) || c.is_control() => {
                out.push_str(&format!("<U+{:04X}>", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(' ');
    out.push_str(&fence);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_text() {
        assert_eq!(
            md("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            md("<svg onload=x> <meta http-equiv=refresh>"),
            "&lt;svg onload=x&gt; &lt;meta http-equiv=refresh&gt;"
        );
        assert_eq!(md("**bold** _it_ # h"), "\\*\\*bold\\*\\* \\_it\\_ # h");
        assert_eq!(md("a\nb"), "a b");
    }

    #[test]
    fn links_and_images_are_code() {
        assert_eq!(
            md("[click](javascript:alert(1))"),
            "\\[click\\](` javascript:alert(1)) `"
        );
        assert_eq!(
            md("![x](https://evil.example/p.png)"),
            "!\\[x\\](` https://evil.example/p.png) `"
        );
        assert_eq!(md("see www.example.org now"), "see ` www.example.org ` now");
        assert_eq!(md("mail a@b.org"), "mail ` a@b.org `");
        assert_eq!(md("x `http://a` y"), "x \\``` http://a` `` y");
    }

    #[test]
    fn a_pipe_stays_in_its_cell() {
        assert_eq!(md_cell("Desk | World"), "Desk \\| World");
        assert_eq!(md_cell("http://a|b"), "` http://a\\|b `");
    }

    #[test]
    fn bidi_overrides_are_shown() {
        assert_eq!(md("abc\u{202e}cba"), "abc&lt;U+202E&gt;cba");
    }
}
