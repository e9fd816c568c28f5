//! Word and punctuation tokens with byte offsets, and the quotation marks of a paragraph paired
//! into quoted stretches; the rules in `patterns` read these instead of raw bytes.

use corroborate_model::Span;

/// One token: a word (letters and digits, with inner apostrophes, hyphens, dots, slashes and
/// ampersands kept so that "al-Bahra", "U.S.-based", "RFE/RL" and "O’Malley" stay whole) or a
/// single punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub word: bool,
    /// Set when the token lies strictly inside a paired quotation (not the marks themselves).
    pub quoted: bool,
}

pub fn tokenize(text: &str, within: Span) -> Vec<Token> {
    let s = within.slice(text);
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                if cj.is_alphanumeric() {
                    j += 1;
                } else if is_inner(cj) && j + 1 < chars.len() && chars[j + 1].1.is_alphanumeric() {
                    j += 2;
                } else {
                    break;
                }
            }
            // "U.S." keeps its last dot when the word is a dotted abbreviation, and so do titles
            // and initials ("Mr.", "Sen.", "Kenneth P. Cohen"), which are part of a name.
            let word = &s[b..chars.get(j).map_or(s.len(), |c| c.0)];
            let title =
                TITLES.contains(&word) || (word.len() == 1 && word.chars().all(char::is_uppercase));
            if j < chars.len() && chars[j].1 == '.' && (s[b..chars[j].0].contains('.') || title) {
                j += 1;
                // "U.S.-based" stays one word.
                while j + 1 < chars.len() && chars[j].1 == '-' && chars[j + 1].1.is_alphanumeric() {
                    j += 2;
                    while j < chars.len() && chars[j].1.is_alphanumeric() {
                        j += 1;
                    }
                }
            }
            let end = if j < chars.len() { chars[j].0 } else { s.len() };
            out.push(tok(within.start + b, within.start + end, true));
            i = j;
        } else if (c == '\'' || c == '`') && i + 1 < chars.len() && chars[i + 1].1 == c {
            // Typewriter double quotes written as two marks: ``like this'' or ''like this''.
            out.push(tok(within.start + b, within.start + b + 2, false));
            i += 2;
        } else {
            out.push(tok(
                within.start + b,
                within.start + b + c.len_utf8(),
                false,
            ));
            i += 1;
        }
    }
    out
}

/// Abbreviated titles that end in a dot inside a name.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt", "Adm", "Prof",
    "Rev", "St", "Jr", "Sr", "Maj", "Cmdr", "Pres", "Amb", "Hon", "Mt", "Ft",
];

fn tok(start: usize, end: usize, word: bool) -> Token {
    Token {
        span: Span::new(start, end),
        word,
        quoted: false,
    }
}

fn is_inner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '.' | '/' | '&')
}

/// A paired quotation: the marks and what lies between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    pub open: Span,
    pub close: Span,
}

impl Quote {
    pub fn inner(&self) -> Span {
        Span::new(self.open.end, self.close.start)
    }
}

/// Pairs double quotation marks inside one paragraph. Curly marks pair by direction (a second
/// opening mark before a close restarts, since the first was never closed); straight marks
/// toggle. A mark left open at the paragraph end pairs with nothing, so a broken quote never
/// swallows the next paragraph.
pub fn pair_quotes(text: &str, para: Span) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open: Option<(Span, char)> = None;
    let body = para.slice(text);
    let mut chars = body.char_indices().peekable();
    while let Some((b, c)) = chars.next() {
        let mut at = Span::new(para.start + b, para.start + b + c.len_utf8());
        // Two apostrophes are one straight double quote, two backticks an opening one.
        let c = match c {
            '\'' | '`' if chars.peek().is_some_and(|&(_, n)| n == c) => {
                chars.next();
                at.end += 1;
                if c == '`' {
                    '“'
                } else {
                    '"'
                }
            }
            '\'' | '`' => continue,
            _ => c,
        };
        match c {
            '“' | '«' | '„' => open = Some((at, c)),
            '”' | '»' => {
                if let Some((o, oc)) = open {
                    if oc != '"' {
                        out.push(Quote { open: o, close: at });
                        open = None;
                    }
                }
            }
            '"' => match open {
                Some((o, '"')) => {
                    out.push(Quote { open: o, close: at });
                    open = None;
                }
                Some((o, '“')) if o.len() == 2 => {
                    out.push(Quote { open: o, close: at });
                    open = None;
                }
                _ => open = Some((at, '"')),
            },
            _ => {}
        }
    }
    out.retain(|q| q.inner().slice(text).chars().any(char::is_alphanumeric));
    out
}

/// Marks tokens inside quotations.
pub fn mark_quoted(tokens: &mut [Token], quotes: &[Quote]) {
    for t in tokens.iter_mut() {
        t.quoted = quotes.iter().any(|q| q.inner().contains(t.span));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_marks() {
        let t = "A U.S.-based source told RFE/RL that O’Malley left.";
        let toks = tokenize(t, Span::new(0, t.len()));
        let words: Vec<&str> = toks.iter().map(|k| k.span.slice(t)).collect();
        assert_eq!(
            words,
            [
                "A",
                "U.S.-based",
                "source",
                "told",
                "RFE/RL",
                "that",
                "O’Malley",
                "left",
                "."
            ]
        );
    }

    #[test]
    fn curly_and_straight_quotes_pair() {
        let t = "He said “a b” and \"c d\" then ''e f'' and ``g'' but “open never closes";
        let q = pair_quotes(t, Span::new(0, t.len()));
        let inner: Vec<&str> = q.iter().map(|q| q.inner().slice(t)).collect();
        assert_eq!(inner, ["a b", "c d", "e f", "g"]);
    }
}
