//! A news-text word tokenizer that keeps byte offsets (close to the spaCy/PTB conventions the
//! tagger was trained on: punctuation and clitics split off, hyphens between letters split,
//! abbreviations and numbers kept whole).

use corroborate_model::Span;

const ABBREVIATIONS: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "prof.", "sen.", "rep.", "gov.", "gen.", "col.", "lt.", "sgt.",
    "capt.", "st.", "jr.", "sr.", "inc.", "corp.", "co.", "ltd.", "bros.", "no.", "vs.", "jan.",
    "feb.", "mar.", "apr.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.", "mt.", "ft.", "ave.",
    "u.s.", "u.k.", "u.n.", "d.c.", "e.g.", "i.e.", "etc.", "rev.", "gens.", "pres.", "adm.",
];

const CLITICS: &[&str] = &[
    "'s", "'re", "'ve", "'ll", "'d", "'m", "n't", "’s", "’re", "’ve", "’ll", "’d", "’m", "n’t",
    // A left quote typed for an apostrophe ("Bashar Al-Assad‘s regime").
    "‘s",
];

fn is_leading_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | '['
            | '{'
            | '“'
            | '‘'
            | '«'
            | '$'
            | '£'
            | '€'
            | '#'
            | '¿'
            | '¡'
            | '*'
            | '<'
    )
}

fn is_trailing_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '”'
            | '’'
            | '»'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | '%'
            | '…'
            | '*'
            | '>'
    )
}

/// Word tokens of `text` as byte spans relative to `text`.
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                split_chunk(text, s, i, &mut out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        split_chunk(text, s, text.len(), &mut out);
    }
    out
}

/// Splits one whitespace-free chunk `text[s..e]` into tokens.
fn split_chunk(text: &str, mut s: usize, mut e: usize, out: &mut Vec<Span>) {
    // Leading punctuation, one char per token.
    while s < e {
        let c = text[s..e].chars().next().unwrap();
        if is_leading_punct(c) && text[s..e].chars().count() > 1 {
            out.push(Span::new(s, s + c.len_utf8()));
            s += c.len_utf8();
        } else {
            break;
        }
    }
    let mut tail = Vec::new();
    loop {
        if s >= e {
            break;
        }
        let chunk = &text[s..e];
        let last = chunk.chars().next_back().unwrap();
        let lower = chunk.to_lowercase();
        if last == '.' && (ABBREVIATIONS.contains(&lower.as_str()) || is_initials(chunk)) {
            break;
        }
        if chunk.chars().count() > 1 && is_trailing_punct(last) {
            // "..." stays one token.
            if chunk.ends_with("...") && chunk.len() > 3 {
                tail.push(Span::new(e - 3, e));
                e -= 3;
                continue;
            }
            if chunk == "..." {
                break;
            }
            tail.push(Span::new(e - last.len_utf8(), e));
            e -= last.len_utf8();
            continue;
        }
        if let Some(cl) = CLITICS
            .iter()
            .find(|cl| lower.ends_with(*cl) && lower.len() > cl.len())
        {
            tail.push(Span::new(e - cl.len(), e));
            e -= cl.len();
            continue;
        }
        break;
    }
    if s < e {
        let glued = glue_point(&text[s..e]).map(|p| s + p);
        if let Some(p) = glued {
            split_hyphens(text, s, p, out);
            split_hyphens(text, p, e, out);
        } else {
            split_hyphens(text, s, e, out);
        }
    }
    out.extend(tail.into_iter().rev());
}

/// Where two words of a web copy lost the space or line break between them: "had not
/// fleAbu Mohammad" (a cut-off "fled" before "Abu"). Only a lower-case run of two letters or more
/// followed by a word in title case ("fle|Abu"); "iPhone", "eBay", "McDonald", "YouTube", "macOS"
/// are not split.
fn glue_point(chunk: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = chunk.char_indices().collect();
    let k = chars
        .windows(2)
        .position(|w| w[0].1.is_lowercase() && w[1].1.is_uppercase())?
        + 1;
    let before = &chars[..k];
    let after = &chars[k..];
    let lower_before = before.len() >= 2 && before.iter().all(|(_, c)| c.is_lowercase());
    let title_after = after.len() >= 3
        && after[1..]
            .iter()
            .take_while(|(_, c)| c.is_alphabetic())
            .all(|(_, c)| c.is_lowercase())
        && after[1].1.is_lowercase();
    (lower_before && title_after).then_some(chars[k].0)
}

/// "U.S." / "J.R.R." style initials.
fn is_initials(chunk: &str) -> bool {
    let b = chunk.as_bytes();
    b.len() >= 2
        && b.chunks(2)
            .all(|p| p.len() == 2 && p[0].is_ascii_alphabetic() && p[1] == b'.')
}

/// Splits letter-hyphen-letter sequences ("Wal-Mart" -> "Wal", "-", "Mart") and a slash between words.
fn split_hyphens(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let chunk = &text[s..e];
    let chars: Vec<(usize, char)> = chunk.char_indices().collect();
    let mut piece_start = 0;
    for k in 1..chars.len().saturating_sub(1) {
        let (off, c) = chars[k];
        if (c == '-' || c == '–' || c == '—' || c == '/')
            && chars[k - 1].1.is_alphabetic()
            && chars[k + 1].1.is_alphabetic()
        {
            if off > piece_start {
                out.push(Span::new(s + piece_start, s + off));
            }
            out.push(Span::new(s + off, s + off + c.len_utf8()));
            piece_start = off + c.len_utf8();
        }
    }
    out.push(Span::new(s + piece_start, e));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn splits_punctuation_and_clitics() {
        assert_eq!(
            words("Obama's plan (for the U.S.) didn't work, said Mr. Smith."),
            vec![
                "Obama", "'s", "plan", "(", "for", "the", "U.S.", ")", "did", "n't", "work", ",",
                "said", "Mr.", "Smith", "."
            ]
        );
    }

    #[test]
    fn keeps_numbers_and_splits_hyphens() {
        assert_eq!(
            words("Wal-Mart paid $1,200.50 in “New York”..."),
            vec![
                "Wal", "-", "Mart", "paid", "$", "1,200.50", "in", "“", "New", "York", "”", "..."
            ]
        );
    }

    #[test]
    fn words_glued_by_a_lost_space_are_split() {
        assert_eq!(
            words("had not fleAbu Mohammad al-Golani"),
            vec!["had", "not", "fle", "Abu", "Mohammad", "al", "-", "Golani"]
        );
        // Must not: brand and name spellings.
        for w in [
            "iPhone",
            "eBay",
            "McDonald",
            "YouTube",
            "macOS",
            "MonsterInsights",
        ] {
            assert_eq!(words(w), vec![w]);
        }
    }

    #[test]
    fn offsets_are_char_boundaries() {
        let text = "Zürich — São Paulo’s «Café»";
        for s in tokenize(text) {
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            assert!(!s.slice(text).trim().is_empty());
        }
        assert_eq!(
            words(text),
            vec!["Zürich", "—", "São", "Paulo", "’s", "«", "Café", "»"]
        );
    }
}
