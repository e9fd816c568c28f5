//! Where extracted words stand in the raw markup.
//!
//! The parser does not report source positions, so the raw markup is read once more, linearly,
//! into the stream of characters a reader sees (tags, comments, scripts and styles left out,
//! character references decoded), each stretch remembering the raw bytes it came from. The words
//! of every extracted block are then found in that stream in reading order, moving forward, so
//! every kept word maps back exactly: a verbatim stretch byte for byte, a character reference as
//! a whole (`&amp;` ↔ `&`).

use corroborate_model::Span;
use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

/// One stretch of the stream: `len` bytes of decoded text from `raw_len` raw bytes at `raw`.
/// Equal lengths mean a verbatim copy.
#[derive(Debug, Clone, Copy)]
struct Seg {
    at: usize,
    len: usize,
    raw: usize,
    raw_len: usize,
}

/// Elements whose content is not markup and never part of a text block.
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

/// The visible characters of a page, mapped back to the markup.
#[derive(Debug)]
pub(super) struct Stream {
    text: String,
    segs: Vec<Seg>,
}

impl Stream {
    pub(super) fn new(raw: &str) -> Stream {
        let b = raw.as_bytes();
        let mut s = Stream {
            text: String::with_capacity(raw.len() / 2),
            segs: Vec::new(),
        };
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'<' => match tag_end(raw, i) {
                    Some((end, Some(name))) if RAW_TEXT.contains(&name.as_str()) => {
                        i = close_of(raw, end, &name);
                    }
                    Some((end, _)) => i = end,
                    None => {
                        s.verbatim(raw, i, i + 1);
                        i += 1;
                    }
                },
                b'&' => match char_ref(raw, i) {
                    Some((end, decoded)) => {
                        let at = s.text.len();
                        s.text.push_str(&decoded);
                        s.segs.push(Seg {
                            at,
                            len: decoded.len(),
                            raw: i,
                            raw_len: end - i,
                        });
                        i = end;
                    }
                    None => {
                        s.verbatim(raw, i, i + 1);
                        i += 1;
                    }
                },
                _ => {
                    let end = b[i..]
                        .iter()
                        .position(|&c| c == b'<' || c == b'&')
                        .map_or(b.len(), |p| i + p);
                    s.verbatim(raw, i, end);
                    i = end;
                }
            }
        }
        s
    }

    fn verbatim(&mut self, raw: &str, from: usize, to: usize) {
        let at = self.text.len();
        self.text.push_str(&raw[from..to]);
        match self.segs.last_mut() {
            Some(l) if l.len == l.raw_len && l.at + l.len == at && l.raw + l.raw_len == from => {
                l.len += to - from;
                l.raw_len += to - from;
            }
            _ => self.segs.push(Seg {
                at,
                len: to - from,
                raw: from,
                raw_len: to - from,
            }),
        }
    }

    /// The raw pieces of stream range `[a, b)`: `(offset in the range, length, raw span)`.
    fn pieces(&self, a: usize, b: usize, out: &mut Vec<(usize, usize, Span)>) {
        let mut k = self.segs.partition_point(|s| s.at + s.len <= a);
        while let Some(s) = self.segs.get(k) {
            if s.at >= b {
                break;
            }
            let from = a.max(s.at);
            let to = b.min(s.at + s.len);
            if s.len == s.raw_len {
                let r = s.raw + (from - s.at);
                out.push((from - a, to - from, Span::new(r, r + (to - from))));
            } else {
                out.push((from - a, to - from, Span::new(s.raw, s.raw + s.raw_len)));
            }
            k += 1;
        }
    }
}

/// Where the tag starting at `i` ends (one past `>`), and its lowercased name for a start tag.
/// `None` when the `<` does not open markup (then it is text).
fn tag_end(raw: &str, i: usize) -> Option<(usize, Option<String>)> {
    let b = raw.as_bytes();
    let rest = &raw[i..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        return Some((comment.find("-->").map_or(b.len(), |p| i + 4 + p + 3), None));
    }
    let next = *b.get(i + 1)?;
    if next == b'!' || next == b'?' || (next == b'/' && b.get(i + 2).is_some()) {
        return Some((rest.find('>').map_or(b.len(), |p| i + p + 1), None));
    }
    if !next.is_ascii_alphabetic() {
        return None;
    }
    let name_end = b[i + 1..]
        .iter()
        .position(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
        .map_or(b.len(), |p| i + 1 + p);
    let name = raw[i + 1..name_end].to_ascii_lowercase();
    // Quoted attribute values may hold '>'.
    let mut j = name_end;
    let mut last = b' ';
    while j < b.len() {
        let c = b[j];
        if c == b'>' {
            return Some((j + 1, Some(name)));
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
    Some((b.len(), Some(name)))
}

/// One past the `>` of `</name` after `from`, or the end of the input.
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

/// The character reference at `i` (which holds `&`) as HTML's tokenizer reads it in text: its
/// end and what it stands for.
fn char_ref(raw: &str, i: usize) -> Option<(usize, String)> {
    let b = raw.as_bytes();
    if b.get(i + 1) == Some(&b'#') {
        let hex = matches!(b.get(i + 2), Some(b'x' | b'X'));
        let start = i + 2 + usize::from(hex);
        let digits = b[start..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let mut end = start + digits;
        // Saturate rather than overflow on absurd lengths; anything too big is U+FFFD anyway.
        let n = raw[start..end]
            .chars()
            .try_fold(0u32, |acc, c| {
                acc.checked_mul(if hex { 16 } else { 10 })?
                    .checked_add(c.to_digit(16)?)
            })
            .unwrap_or(u32::MAX);
        if b.get(end) == Some(&b';') {
            end += 1;
        }
        let c = match n {
            0x80..=0x9f => C1_REPLACEMENTS[(n - 0x80) as usize].unwrap_or('\u{fffd}'),
            0 => '\u{fffd}',
            _ => char::from_u32(n).unwrap_or('\u{fffd}'),
        };
        return Some((end, c.to_string()));
    }
    // The longest name in the table; legacy names also match without their ';'.
    let mut best = None;
    let mut j = i + 1;
    while j < b.len() && j - i <= 40 {
        j += 1;
        if !raw.is_char_boundary(j) {
            break;
        }
        match NAMED_ENTITIES.get(&raw[i + 1..j]) {
            Some(&(0, _)) => {}
            Some(&(c1, c2)) => best = Some((j, c1, c2)),
            None => break,
        }
    }
    let (end, c1, c2) = best?;
    let mut s = String::new();
    s.extend(char::from_u32(c1));
    if c2 != 0 {
        s.extend(char::from_u32(c2));
    }
    Some((end, s))
}

/// Finds block words in the stream in reading order.
#[derive(Debug)]
pub(super) struct Finder {
    stream: Stream,
    /// Stream offset where the next search starts.
    cursor: usize,
    /// Bytes the searches may still scan in a wide window; past it only a narrow window is
    /// searched, so a page whose words cannot be found costs linear time, not quadratic.
    budget: usize,
}

/// How far ahead of the cursor a word is looked for (in stream bytes).
const WIDE: usize = 64 * 1024;
const NARROW: usize = 2 * 1024;

impl Finder {
    pub(super) fn new(raw: &str) -> Finder {
        let stream = Stream::new(raw);
        let budget = 8 * stream.text.len() + (1 << 20);
        Finder {
            stream,
            cursor: 0,
            budget,
        }
    }

    /// The raw offset the next word would be looked for from.
    pub(super) fn raw_cursor(&self) -> usize {
        let segs = &self.stream.segs;
        let k = segs.partition_point(|s| s.at + s.len <= self.cursor);
        segs.get(k).map_or_else(
            || segs.last().map_or(0, |s| s.raw + s.raw_len),
            |s| {
                if s.len == s.raw_len && self.cursor >= s.at {
                    s.raw + (self.cursor - s.at)
                } else {
                    s.raw
                }
            },
        )
    }

    /// For every word of `block` (words are separated by single spaces) found in the markup:
    /// (range in `block`, raw span), in order. A word holding a character reference gives
    /// several pieces: its verbatim runs and each reference whole.
    pub(super) fn words(&mut self, block: &str) -> Vec<(Span, Span)> {
        let mut out = Vec::new();
        let mut pieces = Vec::new();
        let mut pos = 0;
        for w in block.split(' ') {
            let start = pos;
            pos += w.len() + 1;
            if w.is_empty() {
                continue;
            }
            if let Some(at) = self.find(w) {
                pieces.clear();
                self.stream.pieces(at, at + w.len(), &mut pieces);
                for &(off, len, raw) in &pieces {
                    out.push((Span::new(start + off, start + off + len), raw));
                }
                self.cursor = at + w.len();
            }
        }
        out
    }

    fn find(&mut self, needle: &str) -> Option<usize> {
        let text = &self.stream.text;
        let window = if self.budget > 0 { WIDE } else { NARROW };
        let mut end = (self.cursor + window + needle.len()).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let hay = text.get(self.cursor..end)?;
        match hay.find(needle) {
            Some(p) => {
                self.budget = self.budget.saturating_sub(p);
                Some(self.cursor + p)
            }
            None => {
                self.budget = self.budget.saturating_sub(hay.len());
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(raw: &str) -> String {
        Stream::new(raw).text
    }

    #[test]
    fn stream_is_the_visible_text() {
        assert_eq!(
            stream("<p class=\"a>b\">Tom &amp; Jerry&nbsp;&#8212;&#x41;</p><script>x<y</script><!-- c -->z"),
            "Tom & Jerry\u{a0}—Az"
        );
        assert_eq!(
            stream("a < b &copy 2024 &nosuch; &#150;"),
            "a < b © 2024 &nosuch; –"
        );
        assert_eq!(stream("<STYLE>p{}</style >x<TITLE>t</TITLE>y"), "xy");
    }

    #[test]
    fn words_map_to_raw_pieces() {
        let raw = "<p>Tom &amp;&nbsp;Jerry&rsquo;s</p><p>Tom again</p>";
        let mut f = Finder::new(raw);
        let got: Vec<(String, String)> = f
            .words("Tom & Jerry’s")
            .into_iter()
            .chain(f.words("Tom again"))
            .map(|(c, r)| {
                (
                    c.slice("Tom & Jerry’s").to_string(),
                    r.slice(raw).to_string(),
                )
            })
            .collect();
        assert_eq!(got[0], ("Tom".into(), "Tom".into()));
        assert_eq!(got[1], ("&".into(), "&amp;".into()));
        assert_eq!(got[2], ("Jerry".into(), "Jerry".into()));
        assert_eq!(got[3], ("’".into(), "&rsquo;".into()));
        assert_eq!(got[4], ("s".into(), "s".into()));
        // "Tom" of the second block is the second one in the markup.
        assert_eq!(f.cursor, stream(raw).len());
    }
}
