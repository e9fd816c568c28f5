//! Splits text into the word, number and punctuation tokens the time grammar matches on.
//!
//! Tokens keep byte offsets into the original text so every match maps back to an exact span.
//! Hyphens between two words are not tokens: the word after them is marked `joined`, so
//! "twelve-day" and "twelve day" reach the grammar the same way while the span still covers
//! the hyphen.

/// One token: a byte range, its lower-cased form, and how it touches its neighbours.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    /// Lower-cased text without a trailing abbreviation dot ("sept." → "sept", "a.m." → "am").
    pub norm: String,
    /// First character is upper case in the source (months like "May" and "March" need it).
    pub capital: bool,
    pub kind: TokKind,
    /// A hyphen (or en dash) directly joins this token to the previous one.
    pub joined: bool,
    /// A blank line or line break separates this token from the previous one.
    pub line_break: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Number,
    Punct,
}

/// Abbreviations whose trailing dot belongs to the token rather than ending a sentence.
const DOTTED: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "mr", "mrs", "dr", "st",
    "no", "u.s",
];

pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks: Vec<Tok> = Vec::new();
    let mut i = 0;
    let mut pending_join = false;
    let mut pending_break = false;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        let clen = c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' {
                pending_break = true;
            }
            pending_join = false;
            i += clen;
            continue;
        }
        if (c == '-' || c == '–' || c == '‐') && !toks.is_empty() {
            // A hyphen glued on both sides joins words; anything else is punctuation.
            let prev_glued = toks
                .last()
                .is_some_and(|t| t.end == i && t.kind != TokKind::Punct);
            let next_glued = text[i + clen..]
                .chars()
                .next()
                .is_some_and(|n| n.is_alphanumeric());
            if prev_glued && next_glued {
                pending_join = true;
                i += clen;
                continue;
            }
        }
        let start = i;
        if c.is_alphanumeric() {
            let mut end = i;
            for (off, ch) in text[i..].char_indices() {
                if ch.is_alphanumeric() {
                    end = i + off + ch.len_utf8();
                } else if (ch == ':' || ch == ',' || ch == '.')
                    && c.is_ascii_digit()
                    && end == i + off
                    && bytes.get(end + 1).is_some_and(|b| b.is_ascii_digit())
                    && !(ch == ',' && text[i..end].contains(':'))
                {
                    // Inner separators of numbers: "10:30", "1.5", "2,000".
                    continue;
                } else {
                    break;
                }
            }
            let mut norm = text[start..end].to_lowercase();
            // "a.m." / "p.m." as one token.
            if (norm == "a" || norm == "p")
                && bytes
                    .get(end..end + 2)
                    .is_some_and(|b| b.eq_ignore_ascii_case(b".m"))
            {
                norm.push('m');
                end += 2;
                if text[end..].starts_with('.') {
                    end += 1;
                }
            } else if text[end..].starts_with('.') && DOTTED.contains(&norm.as_str()) {
                end += 1;
            }
            // A clock time written close up ("6pm", "8.49pm", "10:30am"): the number and
            // "am"/"pm" as two tokens, as when they stand apart.
            // So too a length written close up ("1hr", "30mins", "7hrs").
            let digits = norm
                .bytes()
                .take_while(|b| b.is_ascii_digit() || *b == b':' || *b == b'.')
                .count();
            let suffix = &norm[digits..];
            let glued_meridiem = c.is_ascii_digit()
                && digits > 0
                && norm[..digits].ends_with(|ch: char| ch.is_ascii_digit())
                && (suffix == "am"
                    || suffix == "pm"
                    || !norm[..digits].contains(':')
                        && crate::grammar::unit_word(suffix).is_some());
            if glued_meridiem {
                let cut = start + digits;
                toks.push(Tok {
                    start,
                    end: cut,
                    norm: norm[..digits].to_string(),
                    capital: false,
                    kind: TokKind::Number,
                    joined: pending_join,
                    line_break: pending_break,
                });
                toks.push(Tok {
                    start: cut,
                    end,
                    norm: suffix.to_string(),
                    capital: false,
                    kind: TokKind::Word,
                    joined: false,
                    line_break: false,
                });
                pending_join = false;
                pending_break = false;
                i = end;
                continue;
            }
            let kind = if c.is_ascii_digit() {
                TokKind::Number
            } else {
                TokKind::Word
            };
            toks.push(Tok {
                start,
                end,
                norm,
                capital: c.is_uppercase(),
                kind,
                joined: pending_join,
                line_break: pending_break,
            });
            i = end;
        } else {
            // Possessive "'s" stays one token so "Friday's" is "friday" + "'s".
            let is_apos = c == '\'' || c == '’';
            let mut end = i + clen;
            let mut norm = c.to_string();
            if is_apos
                && text[end..].starts_with(['s', 'S'])
                && !text[end + 1..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_alphanumeric())
            {
                end += 1;
                norm = "'s".to_string();
            } else if is_apos {
                norm = "'".to_string();
            }
            toks.push(Tok {
                start,
                end,
                norm,
                capital: false,
                kind: TokKind::Punct,
                joined: false,
                line_break: pending_break,
            });
            i = end;
        }
        pending_join = false;
        pending_break = false;
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn hyphenated_words_are_joined_not_split_by_punctuation() {
        let toks = tokenize("a twelve-day offensive");
        assert_eq!(
            norms("a twelve-day offensive"),
            ["a", "twelve", "day", "offensive"]
        );
        assert!(toks[2].joined);
        assert!(!toks[1].joined);
    }

    #[test]
    fn abbreviations_and_clock_times_stay_whole() {
        assert_eq!(
            norms("Sept. 30 at 10:30 a.m. EST."),
            ["sept", "30", "at", "10:30", "am", "est", "."]
        );
        let t = "Dec. 8";
        assert_eq!(&t[tokenize(t)[0].start..tokenize(t)[0].end], "Dec.");
    }

    #[test]
    fn possessive_is_its_own_token() {
        assert_eq!(norms("Friday's vote"), ["friday", "'s", "vote"]);
        assert_eq!(norms("Friday’s vote"), ["friday", "'s", "vote"]);
    }

    #[test]
    fn numbers_keep_separators_but_not_trailing_commas() {
        assert_eq!(
            norms("December 8, 2024, then"),
            ["december", "8", ",", "2024", ",", "then"]
        );
        assert_eq!(norms("2,000 people"), ["2,000", "people"]);
    }
}
