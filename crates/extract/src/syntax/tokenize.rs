//! Plain text → syntactic words with exact byte spans, as UD English tokenizes: punctuation
//! apart, clitics apart ("do|n't", "ca|n't", "John|'s", "they|'re"), "cannot" as "can|not",
//! hyphens between word parts apart ("well|-|known") except after bound prefixes ("non-",
//! "self-"), abbreviations, initials, numbers ("1,000.5"), URLs and e-mail addresses whole.
//! Every word is a non-empty slice of the input, in order, never overlapping.

use corroborate_model::Span;

/// Abbreviations that keep their final period.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt",
    "cpl", "maj", "adm", "gov", "sen", "rep", "rev", "hon", "pres", "inc", "co", "corp", "ltd",
    "bros", "vs", "etc", "no", "nos", "vol", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "fig", "approx", "dept", "est", "ave", "blvd", "rd", "e.g",
    "i.e", "al", "cf", "ft", "p", "pp",
];

/// Prefixes UD English keeps attached to the rest of a hyphenated word.
const PREFIXES: &[&str] = &[
    "non", "pre", "post", "re", "co", "anti", "ex", "self", "cross", "semi", "sub", "multi",
    "inter", "pro", "un", "mid", "counter", "neo", "over", "under", "intra", "extra", "ultra",
    "mega", "micro", "macro", "pseudo", "quasi", "trans", "bi", "tri", "e",
];

/// Word spans of `text[span]`, offsets into `text`.
pub fn words(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let s = span.slice(text);
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() || c.is_control() {
            if let Some(st) = start.take() {
                chunk(text, span.start + st, span.start + i, &mut out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        chunk(text, span.start + st, span.end, &mut out);
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Characters that come off the front of a chunk as their own words.
fn opens(c: char) -> bool {
    !is_word_char(c) && !matches!(c, '@' | '#' | '.')
}

/// Splits one whitespace-free chunk `text[a..b]`.
fn chunk(text: &str, mut a: usize, mut b: usize, out: &mut Vec<Span>) {
    let mut tail: Vec<Span> = Vec::new();
    loop {
        let s = &text[a..b];
        let Some(c) = s.chars().next() else { break };
        if opens(c) && !(c == '\'' && is_clitic_start(s)) {
            // A run of the same punctuation ("...", "--", "``") is one word.
            let run = run_len(s, c);
            out.push(Span::new(a, a + run));
            a += run;
            continue;
        }
        break;
    }
    loop {
        if a >= b {
            break;
        }
        let s = &text[a..b];
        let c = s.chars().next_back().unwrap();
        if is_word_char(c) || c == '@' || c == '#' {
            break;
        }
        if c == '.' {
            let body = &s[..s.len() - 1];
            if keeps_period(body) {
                break;
            }
        }
        if c == '\'' || c == '’' {
            // "parents'" → "parents" + "'": a possessive after s.
            let body = &s[..s.len() - c.len_utf8()];
            if body.ends_with(['s', 'S']) && body.chars().all(is_word_char) && body.len() > 1 {
                tail.push(Span::new(b - c.len_utf8(), b));
                b -= c.len_utf8();
                break;
            }
        }
        let run = run_len_back(s, c);
        tail.push(Span::new(b - run, b));
        b -= run;
    }
    if a < b {
        inner(text, a, b, out);
    }
    out.extend(tail.into_iter().rev());
}

fn run_len(s: &str, c: char) -> usize {
    s.chars().take_while(|&d| d == c).map(char::len_utf8).sum()
}

fn run_len_back(s: &str, c: char) -> usize {
    s.chars()
        .rev()
        .take_while(|&d| d == c)
        .map(char::len_utf8)
        .sum()
}

fn is_clitic_start(s: &str) -> bool {
    let l = s.to_lowercase();
    ["'s", "'re", "'ve", "'ll", "'d", "'m"]
        .iter()
        .any(|c| l == *c)
}

fn keeps_period(body: &str) -> bool {
    if body.is_empty() {
        return false;
    }
    let l = body.to_lowercase();
    if ABBREVIATIONS.contains(&l.as_str()) {
        return true;
    }
    // Initials and dotted abbreviations: "J.", "U.S.", "a.m.".
    let letters: Vec<char> = body.chars().collect();
    if letters.len() == 1 && letters[0].is_alphabetic() {
        return true;
    }
    body.contains('.')
        && body
            .split('.')
            .all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
}

/// Splits the inside of a chunk whose edges are word characters: clitics, hyphens, dashes,
/// slashes between words stay (UD keeps "and/or").
fn inner(text: &str, a: usize, b: usize, out: &mut Vec<Span>) {
    let s = &text[a..b];
    if s.contains("://") || s.starts_with("www.") || (s.contains('@') && s.contains('.')) {
        out.push(Span::new(a, b));
        return;
    }
    // Pieces at internal punctuation that UD splits: hyphens, dashes, some symbols.
    let mut pieces: Vec<Span> = Vec::new();
    let mut start = a;
    let chars: Vec<(usize, char)> = s.char_indices().map(|(i, c)| (a + i, c)).collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let splits = matches!(
            c,
            '—' | '–'
                | '…'
                | '('
                | ')'
                | '['
                | ']'
                | '"'
                | '“'
                | '”'
                | ';'
                | '!'
                | '?'
                | '='
                | '+'
                | '*'
        ) || (c == '-' && hyphen_splits(text, start, i, b))
            || (c == ','
                && !(k > 0
                    && chars[k - 1].1.is_ascii_digit()
                    && chars.get(k + 1).is_some_and(|x| x.1.is_ascii_digit())))
            || (c == ':'
                && !(k > 0
                    && chars[k - 1].1.is_ascii_digit()
                    && chars.get(k + 1).is_some_and(|x| x.1.is_ascii_digit())));
        if splits {
            let run = run_len(&text[i..b], c);
            if start < i {
                pieces.push(Span::new(start, i));
            }
            pieces.push(Span::new(i, i + run));
            start = i + run;
            k += text[i..i + run].chars().count();
            continue;
        }
        k += 1;
    }
    if start < b {
        pieces.push(Span::new(start, b));
    }
    for p in pieces {
        clitics(text, p, out);
    }
}

fn hyphen_splits(text: &str, start: usize, at: usize, end: usize) -> bool {
    let before = &text[start..at];
    let after = &text[at + 1..end];
    if before.is_empty() || after.is_empty() {
        return true;
    }
    let last_word = before.rsplit('-').next().unwrap_or(before).to_lowercase();
    !PREFIXES.contains(&last_word.as_str())
}

/// Splits English clitics off one piece: "don't" → "do" "n't", "John's" → "John" "'s".
fn clitics(text: &str, p: Span, out: &mut Vec<Span>) {
    let s = p.slice(text);
    let l = s.to_lowercase();
    if l.len() == s.len() {
        for (whole, cut) in [("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)] {
            if l == whole {
                out.push(Span::new(p.start, p.start + cut));
                out.push(Span::new(p.start + cut, p.end));
                return;
            }
        }
        for neg in ["n't", "n’t"] {
            if l.ends_with(neg) && l.len() > neg.len() {
                let cut = p.end - neg.len();
                out.push(Span::new(p.start, cut));
                out.push(Span::new(cut, p.end));
                return;
            }
        }
        for q in ['\'', '’'] {
            if let Some(pos) = l.rfind(q) {
                let suffix = &l[pos + q.len_utf8()..];
                if pos > 0 && ["s", "re", "ve", "ll", "d", "m"].contains(&suffix) {
                    out.push(Span::new(p.start, p.start + pos));
                    out.push(Span::new(p.start + pos, p.end));
                    return;
                }
            }
        }
    }
    out.push(p);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &str) {
        let got: Vec<&str> = words(text, Span::new(0, text.len()))
            .iter()
            .map(|s| s.slice(text))
            .collect();
        assert_eq!(got.join("|"), expect, "{text}");
    }

    #[test]
    fn ud_english_conventions() {
        check("I don't know, he said.", "I|do|n't|know|,|he|said|.");
        check("They can't and won't.", "They|ca|n't|and|wo|n't|.");
        check(
            "The U.S. Army's chief, Mr. Smith.",
            "The|U.S.|Army|'s|chief|,|Mr.|Smith|.",
        );
        check(
            "a well-known non-profit (NGO)",
            "a|well|-|known|non-profit|(|NGO|)",
        );
        check(
            "\"We cannot,\" she said...",
            "\"|We|can|not|,|\"|she|said|...",
        );
        check(
            "$1,000.50 and 3:30 p.m. at www.example.com/x?y",
            "$|1,000.50|and|3:30|p.m.|at|www.example.com/x?y",
        );
        check("the parents' home", "the|parents|'|home");
        check("Damascus—Rebels", "Damascus|—|Rebels");
        check("", "");
        check("🙂 ok!!", "🙂|ok|!!");
    }
}
