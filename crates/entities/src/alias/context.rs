//! What the text around a mention says about it: role words in front ("President", "HTS leader"),
//! kinship cues ("his brother Maher"), whether it is used as a modifier ("Al-Qaeda affiliate"),
//! and whether it is all a bracket holds.

use super::names::is_title_word;
use corroborate_model::Span;

/// Kinship words that, after "his"/"her"/"their", introduce a different person of the family.
const KIN: [&str; 14] = [
    "brother",
    "sister",
    "father",
    "mother",
    "son",
    "daughter",
    "wife",
    "husband",
    "uncle",
    "aunt",
    "cousin",
    "nephew",
    "niece",
    "brother-in-law",
];

/// Role words taken from the few words right before a mention, e.g. ["President"] for "President
/// Assad" or ["leader"] for "HTS leader Abu Mohammed al-Julani". Stops at sentence punctuation.
pub fn preceding_roles(text: &str, span: Span) -> Vec<String> {
    let before = &text[..span.start];
    let mut roles = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for w in before.split_whitespace().rev().take(4) {
        // Any punctuation but an abbreviation dot closes the phrase: "…said, Assad" has no role.
        if is_title_word(w) && !w.ends_with([',', ';', ':', '"', '“', '”']) {
            run.push(w);
        } else {
            break;
        }
    }
    if !run.is_empty() {
        run.reverse();
        roles.push(run.join(" "));
    }
    roles
}

/// The kinship word when the mention is introduced as a relative: "his brother Maher" → "brother".
pub fn kinship(text: &str, span: Span) -> Option<&'static str> {
    let before = text[..span.start].trim_end();
    let mut words = before.rsplit(char::is_whitespace);
    let kin = words.next()?.to_lowercase();
    let det = words.next()?.to_lowercase();
    let det = det.trim_matches(|c: char| !c.is_alphabetic());
    if !matches!(det, "his" | "her" | "their" | "whose" | "the") {
        return None;
    }
    let kin = kin.trim_end_matches(',');
    KIN.iter().copied().find(|k| *k == kin)
}

/// True when the mention modifies a following common noun ("Al-Qaeda affiliate", "Assad regime",
/// "HTS leader"): then it is not the head a following relative clause or alias phrase talks about.
pub fn used_as_modifier(text: &str, span: Span) -> bool {
    let after = &text[span.end..];
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    rest.chars().next().is_some_and(char::is_lowercase)
        && !rest.starts_with("and ")
        && !rest.starts_with("or ")
        && !rest.starts_with("of ")
        && !rest.starts_with("in ")
}

/// Whether the mention is all that a bracket holds: "(Front for the Conquest of the Levant)".
pub fn bracketed(text: &str, span: Span) -> bool {
    text[..span.start].trim_end().ends_with('(') && text[span.end..].trim_start().starts_with(')')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(text: &str, needle: &str) -> Span {
        let s = text.find(needle).unwrap();
        Span::new(s, s + needle.len())
    }

    #[test]
    fn roles_before_a_name() {
        let t = "HTS leader Abu Mohammed al-Julani met Turkish Foreign Minister Hakan Fidan.";
        assert_eq!(
            preceding_roles(t, span_of(t, "Abu Mohammed")),
            vec!["leader"]
        );
        assert_eq!(
            preceding_roles(t, span_of(t, "Hakan Fidan")),
            vec!["Foreign Minister"]
        );
        let t = "They left. Assad fled.";
        assert!(preceding_roles(t, span_of(t, "Assad")).is_empty());
    }

    #[test]
    fn kinship_cue() {
        let t = "Reports indicate that his brother Maher boarded an aircraft.";
        assert_eq!(kinship(t, span_of(t, "Maher")), Some("brother"));
        let t = "Reports indicate that Maher boarded an aircraft.";
        assert_eq!(kinship(t, span_of(t, "Maher")), None);
    }

    #[test]
    fn modifier_use() {
        let t = "the Al-Nusra Front, the former Al-Qaeda affiliate in Syria";
        assert!(used_as_modifier(t, span_of(t, "Al-Qaeda")));
        assert!(!used_as_modifier(t, span_of(t, "Al-Nusra Front")));
    }
}
