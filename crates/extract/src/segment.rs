//! Paragraph and sentence segmentation that survives news-text abbreviations, initials,
//! decimals, quotations and headings without punctuation.
//!
//! Output is ranges, never copies. Invariants (checked by property tests): paragraphs and
//! sentences are sorted, non-overlapping, trimmed, non-empty; every non-whitespace character
//! of the text lies in exactly one paragraph and exactly one sentence, and every sentence lies
//! inside one paragraph.

use corroborate_model::Span;

pub use corroborate_model::layout::{paragraphs, UNWRAPPED_LINE};

/// Splits every paragraph of `text` into sentences.
pub fn sentences(text: &str, paragraphs: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for &p in paragraphs {
        split_paragraph(text, p, &mut out);
    }
    out
}

/// Fills the sentences of a document that has none (documents come from ingest with their
/// paragraphs only: reading bytes does not segment). A no-op when they are there already.
pub fn segment_document(doc: &mut corroborate_model::Document) {
    if doc.sentences.is_empty() {
        doc.sentences = sentences(&doc.text, &doc.paragraphs);
    }
}

/// The document with its sentences filled ([`segment_document`]), for iterator chains.
pub fn segmented(mut doc: corroborate_model::Document) -> corroborate_model::Document {
    segment_document(&mut doc);
    doc
}

/// Paragraphs and sentences in one call.
pub fn segment(text: &str) -> (Vec<Span>, Vec<Span>) {
    let paras = paragraphs(text);
    let sents = sentences(text, &paras);
    (paras, sents)
}

fn split_paragraph(text: &str, para: Span, out: &mut Vec<Span>) {
    let s = para.slice(text);
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut start = 0usize; // byte offset within s
    let mut i = 0usize;
    while i < chars.len() {
        let (_, c) = chars[i];
        if !is_terminal(c) {
            i += 1;
            continue;
        }
        // Swallow runs of terminals and closing quotes/brackets: `?!`, `.”`, `.)`.
        let mut j = i + 1;
        while j < chars.len() && (is_terminal(chars[j].1) || is_closer(chars[j].1)) {
            j += 1;
        }
        // A boundary needs whitespace after it.
        if j < chars.len() && !chars[j].1.is_whitespace() {
            i = j;
            continue;
        }
        let end = if j < chars.len() { chars[j].0 } else { s.len() };
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        if k >= chars.len() {
            break; // paragraph end closes the last sentence anyway
        }
        if is_boundary(s, &chars, i, k) {
            out.push(Span::new(para.start + start, para.start + end).trim(text));
            start = chars[k].0;
        }
        i = k;
    }
    let last = Span::new(para.start + start, para.end).trim(text);
    if !last.is_empty() {
        out.push(last);
    }
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«')
}

/// Decides whether the terminal at `chars[term]` ends a sentence, given that the next sentence
/// would start at `chars[next]`.
fn is_boundary(s: &str, chars: &[(usize, char)], term: usize, next: usize) -> bool {
    let tc = chars[term].1;
    let word_before = word_before(s, chars[term].0);
    let next_word = word_at(s, chars[next].0);
    let next_first = chars[next].1;
    if tc == '.' {
        let bare = word_before.trim_start_matches(|c: char| is_opener(c));
        // Initials: "Bashar F. Assad", "J. R. R.".
        if bare.chars().count() == 1 && bare.chars().all(|c| c.is_uppercase()) {
            return false;
        }
        let lower = bare.to_lowercase();
        if ALWAYS_ABBREV.contains(&lower.as_str()) {
            return false;
        }
        if (MONTH_ABBREV.contains(&lower.as_str()) || NUMBER_ABBREV.contains(&lower.as_str()))
            && next_first.is_ascii_digit()
        {
            return false;
        }
        // Dotted acronyms: "U.S.", "a.m." — a boundary only before a typical sentence opener.
        if bare.contains('.') && bare.chars().filter(|c| *c == '.').count() >= 1 {
            return is_sentence_opener(next_word);
        }
    }
    // “… need our fix!” Clinton said. — a quoted question or exclamation followed by its
    // speaker and a speech verb goes on in the same sentence.
    let closes_quote = chars[term + 1..next]
        .iter()
        .any(|(_, c)| matches!(c, '”' | '"' | '’' | '\''));
    if (tc == '?' || tc == '!') && closes_quote && speech_verb_follows(&s[chars[next].0..]) {
        return false;
    }
    if next_first.is_uppercase() || next_first.is_ascii_digit() || is_opener(next_first) {
        return true;
    }
    if tc == '…' {
        return false;
    }
    // A lowercase start after a full stop: "… the newspaper reported. al-Assad attempted …".
    // Only after an ordinary word, never after something abbreviation-like.
    if next_first.is_lowercase() {
        let bare = word_before.trim_matches(|c: char| !c.is_alphanumeric());
        return bare.chars().count() >= 3
            && bare.chars().all(|c| c.is_alphabetic())
            && LOWERCASE_STARTS.iter().any(|p| next_word.starts_with(p));
    }
    false
}

/// Whether a speech verb comes within the next four words ("Clinton said", "said the source",
/// "he asked").
fn speech_verb_follows(rest: &str) -> bool {
    rest.split_whitespace()
        .take(4)
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .any(|w| SPEECH_VERBS.contains(&w.as_str()))
}

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "asked",
    "asks",
    "told",
    "added",
    "wrote",
    "stated",
    "shouted",
    "cried",
    "exclaimed",
    "replied",
    "insisted",
    "tweeted",
];

fn word_before(s: &str, end: usize) -> &str {
    let head = &s[..end];
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

fn word_at(s: &str, start: usize) -> &str {
    let tail = &s[start..];
    let end = tail.find(char::is_whitespace).unwrap_or(tail.len());
    tail[..end].trim_matches(|c: char| !c.is_alphanumeric())
}

fn is_sentence_opener(word: &str) -> bool {
    OPENERS.contains(&word)
}

/// Abbreviations that never end a sentence in news prose (titles, "vs", "e.g").
const ALWAYS_ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj",
    "rep", "sen", "gov", "pres", "rev", "hon", "st", "mt", "ft", "jr", "sr", "vs", "v", "e.g",
    "i.e", "cf", "approx", "dept", "est", "fig", "gov't", "messrs", "mme", "mlle", "sgt.maj",
];

/// Abbreviations that end a sentence only when no number follows ("Dec. 8" vs "… in Dec. The").
const MONTH_ABBREV: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

const NUMBER_ABBREV: &[&str] = &["no", "nos", "art", "vol", "p", "pp", "ch", "sec", "para"];

/// Words that typically open a sentence; after "U.S." they make the full stop a boundary.
const OPENERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "A",
    "An",
    "In",
    "On",
    "But",
    "And",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Their",
    "Its",
    "There",
    "Meanwhile",
    "However",
    "According",
    "After",
    "As",
    "At",
    "For",
    "If",
    "When",
    "While",
    "Our",
    "Some",
    "Many",
];

/// Lowercase sentence starts seen in web copies: transliterated name particles.
const LOWERCASE_STARTS: &[&str] = &["al-", "el-", "ad-", "as-", "ash-", "ar-", "bin ", "ibn "];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Segments `text` and shows each sentence on a line, for readable expectations.
    fn check(text: &str, expect: &[&str]) {
        let (_, sents) = segment(text);
        let got: Vec<&str> = sents.iter().map(|s| s.slice(text)).collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn abbreviations_and_titles() {
        check(
            "Mr. Bashar al-Assad left. U.S. President Joe Biden spoke on Dec. 8 at 5 p.m. local time.",
            &["Mr. Bashar al-Assad left.", "U.S. President Joe Biden spoke on Dec. 8 at 5 p.m. local time."],
        );
    }

    #[test]
    fn dotted_acronym_at_sentence_end() {
        check(
            "He moved to the U.S. The family followed.",
            &["He moved to the U.S.", "The family followed."],
        );
    }

    #[test]
    fn initials_and_decimals() {
        check(
            "John F. Kennedy was cited. Over 7.2 million remain displaced.",
            &[
                "John F. Kennedy was cited.",
                "Over 7.2 million remain displaced.",
            ],
        );
    }

    #[test]
    fn quotes_close_sentences() {
        check(
            "“We declare the city free,” the command wrote. “To the displaced, a free Syria awaits you.” He left.",
            &[
                "“We declare the city free,” the command wrote.",
                "“To the displaced, a free Syria awaits you.”",
                "He left.",
            ],
        );
    }

    #[test]
    fn quote_spanning_sentences_splits_inside() {
        check(
            "“They don’t have beds. So why should they fight?” he added.",
            &[
                "“They don’t have beds.",
                "So why should they fight?” he added.",
            ],
        );
    }

    #[test]
    fn quoted_question_with_its_speaker_is_one_sentence() {
        check(
            "“Why should they fight?” Al-Bahra asked. “We will need our fix!” Clinton said to People.",
            &["“Why should they fight?” Al-Bahra asked.", "“We will need our fix!” Clinton said to People."],
        );
    }

    #[test]
    fn lowercase_particle_starts_sentence() {
        check(
            "the newspaper reported. al-Assad attempted to call.",
            &["the newspaper reported.", "al-Assad attempted to call."],
        );
    }

    #[test]
    fn headings_without_punctuation_are_paragraphs() {
        let text = "Transitional Government\n\nAl-Bahra also stated that it works.";
        check(
            text,
            &[
                "Transitional Government",
                "Al-Bahra also stated that it works.",
            ],
        );
    }

    #[test]
    fn wrapped_blocks_join_lines() {
        let text = "A short wrapped\nparagraph here.\n\nAnother one.";
        let paras = paragraphs(text);
        assert_eq!(paras.len(), 2);
        assert_eq!(paras[0].slice(text), "A short wrapped\nparagraph here.");
    }

    fn assert_tiles(text: &str) {
        let (paras, sents) = segment(text);
        for spans in [&paras, &sents] {
            let mut pos = 0;
            for s in spans.iter() {
                assert!(s.start >= pos && s.start < s.end, "{s:?} after {pos}");
                assert!(
                    text[pos..s.start].trim().is_empty(),
                    "gap {:?}",
                    &text[pos..s.start]
                );
                assert_eq!(s.slice(text).trim(), s.slice(text));
                pos = s.end;
            }
            assert!(text[pos..].trim().is_empty());
        }
        for s in &sents {
            assert!(
                paras.iter().any(|p| p.contains(*s)),
                "sentence {s:?} crosses paragraphs"
            );
        }
    }

    proptest! {
        #[test]
        fn segmentation_tiles_text(words in proptest::collection::vec(
            prop_oneof![
                "[A-Za-z]{1,8}", Just("Mr.".to_string()), Just("U.S.".to_string()),
                Just("end.".to_string()), Just("“Quote.”".to_string()), Just("\n".to_string()),
                Just("\n\n".to_string()), Just("7.2".to_string()), Just("why?!".to_string()),
                Just("…".to_string()), Just("é.".to_string()), Just("al-Assad".to_string()), Just("Gov.\u{a0}Pence".to_string()),
            ], 0..60)) {
            let text = words.join(" ");
            assert_tiles(&text);
        }
    }
}
