//! Text from the data (file names, titles, article text, error messages) made safe to print on
//! a terminal: control characters, escape sequences and bidi overrides become visible escapes,
//! so a page title cannot clear the screen and a newline in a file name cannot split a
//! one-line error.

use std::borrow::Cow;

/// One line: every control character (newlines and tabs too), DEL, the C1 controls and the
/// Unicode bidi embeddings, overrides and isolates are shown as `\n`, `\u{1b}`, `\u{202e}`.
pub fn safe(s: &str) -> Cow<'_, str> {
    escape(s, |_| false)
}

/// Running text (a document shown whole): as [`safe`], but newlines and tabs are kept.
pub fn safe_text(s: &str) -> Cow<'_, str> {
    escape(s, |c| c == '\n' || c == '\t')
}

/// Characters that change what a terminal (or a reader) sees beyond their own glyph.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// U+202A–202E (embeddings, overrides) and U+2066–2069 (isolates): they reorder the text
/// around them, so "txt.exe" can be made to read "exe.txt".
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escape(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) && !keep(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_become_visible() {
        assert_eq!(safe("plain “text” ok"), "plain “text” ok");
        assert!(matches!(safe("plain"), Cow::Borrowed(_)));
        assert_eq!(safe("a\u{1b}[2J\u{1b}[Hb"), "a\\u{1b}[2J\\u{1b}[Hb");
        assert_eq!(safe("bad\nname.txt"), "bad\\nname.txt");
        assert_eq!(safe("x\u{9b}31m\u{7f}"), "x\\u{9b}31m\\u{7f}");
        assert_eq!(safe("report\u{202e}txt.exe"), "report\\u{202e}txt.exe");
        assert_eq!(safe_text("one\n\ttwo\u{7}"), "one\n\ttwo\\u{7}");
    }
}
