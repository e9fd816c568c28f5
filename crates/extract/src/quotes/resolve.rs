//! Classifies each speaker phrase (named, pronoun, anonymous, media, unspecified) and points
//! pronouns and anaphoric descriptions back to the nearest earlier source they can mean.

use super::lexicon::{self as lx, is};
use super::patterns::Raw;
use super::{Attribution, SourceKind};
use corroborate_model::Span;

/// How far back (bytes) a pronoun may reach for its antecedent: a few paragraphs of news.
const REACH: usize = 2500;

fn words(text: &str, s: Span) -> Vec<&str> {
    s.slice(text)
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
        .map(|w| w.trim_end_matches(['’', '\'']).trim_end_matches("’s"))
        .filter(|w| !w.is_empty())
        .collect()
}

pub fn classify(text: &str, source: Option<Span>) -> SourceKind {
    let Some(s) = source else {
        return SourceKind::Unspecified;
    };
    let w = words(text, s);
    let Some(&head) = w.last() else {
        return SourceKind::Unspecified;
    };
    let lower: Vec<String> = w.iter().map(|x| x.to_lowercase()).collect();
    if w.len() == 1 && is(lx::PRONOUNS, head) {
        return SourceKind::Pronoun;
    }
    // "Posts on social media" are posts, whoever carries them.
    let named = w
        .iter()
        .skip(1)
        .any(|x| x.chars().next().is_some_and(char::is_uppercase));
    if is(lx::UNSPECIFIED_NOUNS, w[0]) || is(lx::UNSPECIFIED_NOUNS, head) && !named {
        return SourceKind::Unspecified;
    }
    if lower.iter().any(|x| lx::MEDIA_NAMES.contains(&x.as_str())) || is(lx::MEDIA_NOUNS, head) {
        return SourceKind::Media;
    }
    let capitalized = w.iter().enumerate().any(|(i, x)| {
        // "al-Assad" is a name too.
        let cap = x.chars().next().is_some_and(char::is_uppercase)
            || (x.contains('-') && x.chars().any(char::is_uppercase));
        cap && !(i == 0 && is(&["the", "a", "an"], x))
    });
    let definite = lower[0] == "the" || lower[0] == "this" || lower[0] == "that";
    if definite && !capitalized && w.len() <= 3 && is(lx::ROLE_NOUNS, head) {
        return SourceKind::Pronoun;
    }
    if is(lx::ANONYMOUS_NOUNS, head) {
        return SourceKind::Anonymous;
    }
    if capitalized {
        SourceKind::Named
    } else {
        SourceKind::Anonymous
    }
}

/// Classifies speakers, resolves pronouns, and turns raw matches into attributions.
pub fn finish(text: &str, raws: Vec<Raw>) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = Vec::with_capacity(raws.len());
    for r in raws {
        let kind = classify(text, r.source);
        let mut resolved = r.antecedent;
        let needs = matches!(kind, SourceKind::Pronoun)
            || (kind == SourceKind::Media
                && r.source
                    .is_some_and(|s| !has_capital(text, s) && starts_definite(text, s)));
        if resolved.is_none() && needs {
            if let Some(s) = r.source {
                resolved = antecedent(text, s, kind, &out);
            }
        }
        out.push(Attribution {
            kind: r.kind,
            content: r.content,
            cue: r.cue,
            source: r.source,
            source_kind: kind,
            resolved_source: resolved,
            relayed_by: r.relayed_by,
            sentence: r.sentence,
        });
    }
    out
}

fn has_capital(text: &str, s: Span) -> bool {
    words(text, s)
        .iter()
        .skip(1)
        .any(|w| w.chars().next().is_some_and(char::is_uppercase))
        || words(text, s).first().is_some_and(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && !is(&["the", "a", "an"], w)
        })
}

fn starts_definite(text: &str, s: Span) -> bool {
    words(text, s)
        .first()
        .is_some_and(|w| is(&["the", "this", "that"], w))
}

/// The earlier source a pronoun or description means: one sharing its head noun ("the ministry"
/// → "The Russian Foreign Ministry", "the source" → "a Kremlin source"), else the nearest named
/// one of a fitting kind.
fn antecedent(text: &str, s: Span, kind: SourceKind, before: &[Attribution]) -> Option<Span> {
    let w = words(text, s);
    let head = w.last()?.to_lowercase();
    let candidates = before.iter().rev().filter_map(|a| {
        let src = a.source?;
        (src.end <= s.start && s.start - src.end <= REACH).then_some(a)
    });
    let target = |a: &Attribution| a.resolved_source.or(a.source);
    if w.len() > 1 {
        for a in candidates.clone() {
            let src = a.source?;
            if src != s
                && words(text, src).iter().any(|x| {
                    x.to_lowercase() == head
                        || x.to_lowercase().trim_end_matches('s') == head.trim_end_matches('s')
                })
            {
                if a.source_kind == SourceKind::Pronoun {
                    return a.resolved_source;
                }
                return Some(src);
            }
        }
    }
    let personal =
        is(&["he", "she", "i", "who"], &head) || kind == SourceKind::Pronoun && w.len() > 1;
    for a in candidates {
        let fits = match a.source_kind {
            SourceKind::Named => true,
            SourceKind::Media => !personal && a.source.is_some_and(|x| has_capital(text, x)),
            SourceKind::Pronoun => {
                a.resolved_source.is_some() && !is(&["it", "they", "which"], &head)
            }
            _ => false,
        };
        if fits {
            return target(a);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(t: &str) -> SourceKind {
        classify(t, Some(Span::new(0, t.len())))
    }

    #[test]
    fn kinds() {
        assert_eq!(kind("Hadi al-Bahra"), SourceKind::Named);
        assert_eq!(kind("he"), SourceKind::Pronoun);
        assert_eq!(kind("the politician"), SourceKind::Pronoun);
        assert_eq!(kind("the source"), SourceKind::Pronoun);
        assert_eq!(kind("a Kremlin source"), SourceKind::Anonymous);
        assert_eq!(kind("multiple diplomatic sources"), SourceKind::Anonymous);
        assert_eq!(kind("the TASS news agency"), SourceKind::Media);
        assert_eq!(kind("the newspaper"), SourceKind::Media);
        assert_eq!(kind("Russian Media"), SourceKind::Media);
        assert_eq!(kind("reports"), SourceKind::Unspecified);
        assert_eq!(kind("Posts on social media"), SourceKind::Unspecified);
    }
}
