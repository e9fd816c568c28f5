//! Explicit alias patterns inside one document: "Hay'at Tahrir al-Sham (HTS)", "X, known as Y",
//! "X, whose real name is Y", "X, formerly Y", "… later evolved into Y", and appositions "X, Y,".
//!
//! Each pattern looks only at the text between and around two mentions and returns which of the
//! two names the text presents as the main one (the current or real name), so the entity's
//! canonical name can follow what the writer said.

use super::names::{fold, Name};
use corroborate_model::Span;

/// Which side of a pattern the text marks as the main name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Primary {
    Left,
    Right,
}

/// A link between two mentions found by a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternLink {
    pub reason: &'static str,
    pub primary: Option<Primary>,
}

/// Phrases between two names that say they name the same thing.
const ALIAS_PHRASES: [(&str, &str, Option<Primary>); 12] = [
    (
        "also known as",
        "also-known-as pattern",
        Some(Primary::Left),
    ),
    ("better known as", "known-as pattern", Some(Primary::Left)),
    (
        "otherwise known as",
        "known-as pattern",
        Some(Primary::Left),
    ),
    ("known as", "known-as pattern", Some(Primary::Left)),
    ("a.k.a.", "aka pattern", Some(Primary::Left)),
    ("aka", "aka pattern", Some(Primary::Left)),
    ("formerly known as", "formerly pattern", Some(Primary::Left)),
    (
        "previously known as",
        "formerly pattern",
        Some(Primary::Left),
    ),
    ("formerly", "formerly pattern", Some(Primary::Left)),
    (
        "whose real name is",
        "real-name pattern",
        Some(Primary::Right),
    ),
    (
        "whose real name was",
        "real-name pattern",
        Some(Primary::Right),
    ),
    ("real name", "real-name pattern", Some(Primary::Right)),
];

/// Phrases before a name that say an earlier-named thing became it ("later evolved into HTS").
/// The earlier name is found by walking back to the nearest fitting mention.
pub const RENAME_PHRASES: [&str; 8] = [
    "later evolved into",
    "evolved into",
    "later transformed into",
    "transformed into",
    "was renamed",
    "renamed itself",
    "rebranded as",
    "later became",
];

/// The gap between two mentions, reduced to its words: quotes, commas and brackets dropped,
/// lower case, a trailing "the" removed. ", also known as the " → "also known as".
fn gap_words(gap: &str) -> String {
    let cleaned: String = gap
        .chars()
        .map(|c| {
            if "(),\"“”‘’;".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut w: Vec<&str> = cleaned.split_whitespace().collect();
    if w.last()
        .is_some_and(|l| matches!(fold(l).as_str(), "the" | "a" | "an"))
    {
        w.pop();
    }
    fold(&w.join(" "))
}

/// Whether the name at `a` opens a byline: "By" (or "by") alone before it on its line.
fn in_byline(text: &str, a: Span) -> bool {
    let line = text[..a.start].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line..a.start].trim();
    before.eq_ignore_ascii_case("by")
}

/// Does `acro` spell the initials of `name`? Dots are ignored ("U.S." for "United States").
pub fn acronym_of(acro: &Name, name: &Name) -> bool {
    if !acro.is_acronym() || name.initials().chars().count() < 2 {
        return false;
    }
    let letters: String = acro.tokens[0].text.chars().filter(|c| *c != '.').collect();
    name.initials() == letters
}

/// The pattern, if any, that links mention `a` to the mention `b` right after it in `text`.
pub fn link(text: &str, a: Span, an: &Name, b: Span, bn: &Name) -> Option<PatternLink> {
    if a.end > b.start {
        return None;
    }
    let gap = &text[a.end..b.start];
    let after = text[b.end..].trim_start();
    // "Hay’at Tahrir al-Sham (HTS)": the second name in brackets right after the first. Not in
    // a byline: "By EFE (Confidencial)" names the agency and the outlet that ran its story.
    if gap.trim() == "(" && after.starts_with(')') {
        if in_byline(text, a) {
            return None;
        }
        let reason = if acronym_of(bn, an) {
            "acronym-expansion"
        } else if bn.is_acronym() {
            "parenthetical acronym"
        } else {
            "parenthetical alias"
        };
        return Some(PatternLink {
            reason,
            primary: None,
        });
    }
    if gap.len() > 40 || gap.contains('\n') {
        return None;
    }
    let words = gap_words(gap);
    // A name the recognizer cut short ("Organization" of "Organization for the Liberation of
    // the Levant") is not the alias the phrase introduces.
    let next_word = text[b.end..]
        .strip_prefix(' ')
        .and_then(|r| r.split_whitespace().next());
    let cut_short = next_word.is_some_and(|w| matches!(w, "of" | "for" | "de" | "du" | "and"));
    if let Some((_, reason, primary)) = ALIAS_PHRASES
        .iter()
        .find(|(p, _, _)| words == *p)
        .filter(|_| !cut_short)
    {
        return Some(PatternLink {
            reason,
            primary: *primary,
        });
    }
    // Apposition "Ahmed al-Sharaa, Abu Mohammad al-Jolani, said": two full names side by side,
    // the second closed by a comma or bracket, neither part of a list.
    if gap == ", "
        && an.tokens.len() >= 2
        && bn.tokens.len() >= 2
        && (after.starts_with(',') || after.starts_with(')'))
        && !after
            .trim_start_matches(',')
            .trim_start()
            .starts_with("and ")
        && !text[..a.start].trim_end().ends_with(',')
        && !text[..a.start].trim_end().ends_with(" and")
    {
        return Some(PatternLink {
            reason: "apposition",
            primary: Some(Primary::Left),
        });
    }
    None
}

/// The rename phrase right before `b` ("… which later transformed into HTS"), if any.
pub fn rename_before(text: &str, b: Span) -> Option<&'static str> {
    let start = b.start.saturating_sub(60);
    let start = (start..b.start)
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(b.start);
    let before = fold(text[start..b.start].trim_end());
    let before = before
        .strip_suffix(" the")
        .unwrap_or(&before)
        .trim_end()
        .to_string();
    RENAME_PHRASES.iter().copied().find(|p| before.ends_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Find `x` and `y` in `text` (first occurrences) and run [`link`].
    fn check(text: &str, x: &str, y: &str) -> Option<&'static str> {
        let a = text.find(x).unwrap();
        let b = a + x.len() + text[a + x.len()..].find(y).unwrap();
        link(
            text,
            Span::new(a, a + x.len()),
            &Name::parse_with(x, false),
            Span::new(b, b + y.len()),
            &Name::parse_with(y, false),
        )
        .map(|l| l.reason)
    }

    #[test]
    fn acronym_in_brackets() {
        let t = "a coalition led by Hay’at Tahrir al-Sham (HTS), along with others";
        assert_eq!(
            check(t, "Hay’at Tahrir al-Sham", "HTS"),
            Some("acronym-expansion")
        );
        let t = "the Institute for the Study of War (ISW) said";
        assert_eq!(
            check(t, "Institute for the Study of War", "ISW"),
            Some("acronym-expansion")
        );
        let t = "the Syrian National Coalition (CNFROS), the top body";
        assert_eq!(
            check(t, "Syrian National Coalition", "CNFROS"),
            Some("parenthetical acronym")
        );
        let t = "Jabhat Fateh al-Sham (Front for the Conquest of the Levant), a coalition";
        assert_eq!(
            check(
                t,
                "Jabhat Fateh al-Sham",
                "Front for the Conquest of the Levant"
            ),
            Some("parenthetical alias")
        );
    }

    #[test]
    fn a_byline_bracket_is_no_alias() {
        let t = "Dictatorship Falls\n\nBy EFE (Confidencial)\n\nHAVANA TIMES – Insurgent groups";
        assert_eq!(check(t, "EFE", "Confidencial"), None);
        // The same brackets in prose still are.
        let t = "the news agency EFE (Agencia EFE) reported";
        assert_eq!(check(t, "EFE", "Agencia EFE"), Some("parenthetical alias"));
    }

    #[test]
    fn known_as_and_real_name() {
        let t = "its leader Ahmed Hussein al-Shar’a, known as Abu Al-Jolani. In just";
        assert_eq!(
            check(t, "Ahmed Hussein al-Shar’a", "Abu Al-Jolani"),
            Some("known-as pattern")
        );
        let t = "Hayat Tahrir al-Sham (HTS), also known as the Organization for the Liberation of the Levant.";
        assert_eq!(
            check(t, "HTS", "Organization for the Liberation of the Levant"),
            Some("also-known-as pattern")
        );
        let t = "Abu Mohammad al-Jolani, whose real name is Ahmed al-Sharaa, said";
        assert_eq!(
            check(t, "Abu Mohammad al-Jolani", "Ahmed al-Sharaa"),
            Some("real-name pattern")
        );
        let t = "Hayat Tahrir al-Sham (HTS), also known as the Organization for the Liberation";
        assert_eq!(
            check(t, "HTS", "Organization"),
            None,
            "a name cut short is no alias"
        );
        let t = "Hayat Tahrir al-Sham, formerly the Nusra Front, said";
        assert_eq!(
            check(t, "Hayat Tahrir al-Sham", "Nusra Front"),
            Some("formerly pattern")
        );
    }

    #[test]
    fn not_alias_patterns() {
        // "former" as an adjective is not "formerly".
        let t = "the Al-Nusra Front, the former Al-Qaeda affiliate in Syria";
        assert_eq!(check(t, "Al-Nusra Front", "Al-Qaeda"), None);
        // Lists are not appositions.
        let t = "Joe Biden, Antony Blinken, and Jake Sullivan met.";
        assert_eq!(check(t, "Joe Biden", "Antony Blinken"), None);
        let t = "He met Joe Biden, Antony Blinken and others.";
        assert_eq!(check(t, "Joe Biden", "Antony Blinken"), None);
        // Two names in one sentence with other words between.
        let t = "Hakan Fidan spoke with his counterpart, Antony Blinken.";
        assert_eq!(check(t, "Hakan Fidan", "Antony Blinken"), None);
        // A bracketed place after a place is not an alias when the caller checks kinds;
        // the pattern itself only reports what the text says.
        let t = "Hama, Homs (Syria) and Aleppo";
        assert_eq!(check(t, "Hama", "Homs"), None);
    }

    #[test]
    fn apposition_of_two_full_names() {
        let t = "Ahmed al-Sharaa, Abu Mohammad al-Jolani, said on Sunday";
        assert_eq!(
            check(t, "Ahmed al-Sharaa", "Abu Mohammad al-Jolani"),
            Some("apposition")
        );
    }

    #[test]
    fn rename_phrase_before_a_name() {
        let t = "the Al-Nusra Front, the former Al-Qaeda affiliate in Syria, which later transformed into HTS after";
        let b = t.find("HTS").unwrap();
        assert_eq!(
            rename_before(t, Span::new(b, b + 3)),
            Some("later transformed into")
        );
        let t = "This organization later evolved into Hayat Tahrir al-Sham (HTS)";
        let b = t.find("Hayat").unwrap();
        assert_eq!(
            rename_before(t, Span::new(b, b + 5)),
            Some("later evolved into")
        );
        let t = "The group moved into Hayat Tahrir al-Sham territory";
        let b = t.find("Hayat").unwrap();
        assert_eq!(rename_before(t, Span::new(b, b + 5)), None);
    }
}
