//! Quantities that sources disagree about: counts ("more than 14 million Syrians"), percentages,
//! money, and ranks and superlatives ("Syria's largest city", "second-largest"), each with its
//! numeric bounds, the qualifier that widens them and the noun it counts.
//!
//! Durations and dates are the time stage's (`corroborate-timex`); this module leaves words
//! followed by time units ("12 days", "24-year") to it.

use corroborate_model::Span;
use serde::{Deserialize, Serialize};

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuantityKind {
    Count,
    Percent,
    Money,
    /// A position in an ordering: "largest" is 1, "second-largest" 2.
    Rank,
}

/// One quantity in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub span: Span,
    pub kind: QuantityKind,
    /// The number as written (after "million" and the like are applied).
    pub value: f64,
    /// Bounds after the qualifier: "more than 50" is `[50, ∞)`, "about 50" `[45, 55]`,
    /// "nearly 50" `[45, 50]`. `high == None` is unbounded.
    pub low: f64,
    pub high: Option<f64>,
    /// "more than", "about", "at least", … as written.
    pub qualifier: Option<String>,
    /// The noun counted or ranked ("Syrians", "city"), lowercased, when it follows.
    pub unit: Option<String>,
    /// For ranks: the superlative ("largest", "biggest").
    pub scale: Option<String>,
}

const SMALL: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
    ("dozens", 24.0),
    ("hundreds", 200.0),
    ("thousands", 2000.0),
];

const SCALE: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

const ORDINALS: &[(&str, u32)] = &[
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
];

const SUPERLATIVES: &[&str] = &[
    "largest",
    "biggest",
    "smallest",
    "oldest",
    "newest",
    "youngest",
    "longest",
    "shortest",
    "highest",
    "lowest",
    "richest",
    "poorest",
    "deadliest",
    "strongest",
    "busiest",
    "most populous",
];

/// Words after a number that make it a duration or date, left to the time stage.
const TIME_UNITS: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Words after a number that are not what it counts.
const NOT_UNITS: &[&str] = &[
    "and", "or", "to", "of", "in", "on", "at", "by", "the", "a", "an", "for", "from", "with",
    "remain", "remained", "are", "were", "is", "was", "have", "has", "had", "will", "would",
    "said", "say", "says", "more", "than",
];

/// Qualifiers before a number and how they bound it (low factor, high factor; `None` high is
/// unbounded).
const QUALIFIERS: &[(&str, f64, Option<f64>)] = &[
    ("more than", 1.0, None),
    ("over", 1.0, None),
    ("at least", 1.0, None),
    ("upwards of", 1.0, None),
    ("fewer than", 0.0, Some(1.0)),
    ("less than", 0.0, Some(1.0)),
    ("under", 0.0, Some(1.0)),
    ("up to", 0.0, Some(1.0)),
    ("at most", 0.0, Some(1.0)),
    ("nearly", 0.9, Some(1.0)),
    ("almost", 0.9, Some(1.0)),
    ("about", 0.9, Some(1.1)),
    ("around", 0.9, Some(1.1)),
    ("roughly", 0.9, Some(1.1)),
    ("approximately", 0.9, Some(1.1)),
    ("some", 0.9, Some(1.1)),
    ("an estimated", 0.9, Some(1.1)),
];

#[derive(Debug, Clone)]
struct Tok<'a> {
    text: &'a str,
    span: Span,
}

fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let is_word =
        |c: char| c.is_alphanumeric() || matches!(c, '.' | ',' | '-' | '$' | '%' | '’' | '\'');
    for (i, c) in text.char_indices() {
        if is_word(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push_tok(text, s, i, &mut out);
        }
    }
    if let Some(s) = start {
        push_tok(text, s, text.len(), &mut out);
    }
    out
}

/// Trims trailing punctuation (sentence stops, commas) off a token.
fn push_tok<'a>(text: &'a str, s: usize, e: usize, out: &mut Vec<Tok<'a>>) {
    let raw = &text[s..e];
    let trimmed = raw.trim_end_matches(['.', ',', '’', '\'']);
    // Keep "a.m." and "U.S." whole.
    let keep = if raw.matches('.').count() >= 2 {
        raw
    } else {
        trimmed
    };
    if !keep.is_empty() {
        out.push(Tok {
            text: keep,
            span: Span::new(s, s + keep.len()),
        });
    }
}

/// Parses a numeric token: "14", "7.2", "10,000", "$10", "70%".
fn numeric(tok: &str) -> Option<(f64, bool, bool)> {
    let money = tok.starts_with('$');
    let percent = tok.ends_with('%');
    let core = tok
        .trim_start_matches('$')
        .trim_end_matches('%')
        .replace(',', "");
    if core.is_empty()
        || !core.chars().all(|c| c.is_ascii_digit() || c == '.')
        || !core.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    core.parse::<f64>().ok().map(|v| (v, money, percent))
}

/// Finds the quantities of `text`.
pub fn extract(text: &str) -> Vec<Quantity> {
    let toks = tokenize(text);
    let lower: Vec<String> = toks.iter().map(|t| t.text.to_lowercase()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(q) = rank_at(&toks, &lower, i) {
            i = toks
                .iter()
                .position(|t| t.span.start >= q.span.end)
                .unwrap_or(toks.len());
            out.push(q);
            continue;
        }
        let (value, money, mut percent, mut end) = if let Some((v, m, p)) = numeric(toks[i].text) {
            (v, m, p, i + 1)
        } else if let Some(&(_, v)) = SMALL.iter().find(|(w, _)| *w == lower[i]) {
            // "a dozen", "hundreds of" are vague: counted with wide bounds below.
            (v, false, false, i + 1)
        } else {
            i += 1;
            continue;
        };
        let mut value = value;
        if let Some(&(_, mult)) = lower
            .get(end)
            .and_then(|w| SCALE.iter().find(|(s, _)| s == w))
        {
            value *= mult;
            end += 1;
        }
        if lower.get(end).is_some_and(|w| w == "percent" || w == "per") {
            percent = true;
            end += if lower.get(end + 1).is_some_and(|w| w == "cent") {
                2
            } else {
                1
            };
        }
        // Leave durations, dates and times to the time stage; skip years and ordinals.
        let after_month = i > 0 && MONTHS.iter().any(|m| lower[i - 1].starts_with(m));
        let next = lower.get(end).map(String::as_str).unwrap_or("");
        let joined_unit = lower[i].split_once('-').map(|(_, u)| u.to_string());
        if after_month
            || TIME_UNITS.contains(&next)
            || joined_unit
                .as_deref()
                .is_some_and(|u| TIME_UNITS.contains(&u) || u == "hour")
            || (!money
                && !percent
                && (1900.0..=2100.0).contains(&value)
                && value.fract() == 0.0
                && toks[i].text.len() == 4)
            || lower[i].ends_with("th") && numeric(lower[i].trim_end_matches("th")).is_some()
        {
            i = end;
            continue;
        }
        // A qualifier right before.
        let mut start = i;
        let mut qualifier = None;
        let (mut low, mut high) = (value, Some(value));
        for (q, lo, hi) in QUALIFIERS {
            let words: Vec<&str> = q.split(' ').collect();
            if i >= words.len()
                && lower[i - words.len()..i]
                    .iter()
                    .zip(&words)
                    .all(|(a, b)| a == b)
            {
                start = i - words.len();
                qualifier = Some(
                    toks[start..i]
                        .iter()
                        .map(|t| t.text)
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                low = value * lo;
                high = hi.map(|h| value * h);
                break;
            }
        }
        if matches!(lower[i].as_str(), "dozens" | "hundreds" | "thousands") {
            low = value / 2.0;
            high = None;
        }
        let kind = if money {
            QuantityKind::Money
        } else if percent {
            QuantityKind::Percent
        } else {
            QuantityKind::Count
        };
        // The counted noun: the next word, skipping "of" and adjectives is beyond us; take the
        // next alphabetic word when it is lowercase or a demonym.
        let unit = lower
            .get(end)
            .filter(|w| {
                w.chars().all(|c| c.is_alphabetic() || c == '-') && !NOT_UNITS.contains(&w.as_str())
            })
            .cloned();
        let last = if unit.is_some() { end } else { end - 1 };
        out.push(Quantity {
            span: Span::new(
                toks[start].span.start,
                toks[last.min(toks.len() - 1)].span.end,
            ),
            kind,
            value,
            low,
            high,
            qualifier,
            unit,
            scale: None,
        });
        i = end;
    }
    out
}

/// "largest", "second-largest", "third biggest", "the most populous".
fn rank_at(toks: &[Tok<'_>], lower: &[String], i: usize) -> Option<Quantity> {
    let w = lower[i].as_str();
    let (position, scale, end) = if let Some((ord, sup)) = w.split_once('-') {
        let &(_, n) = ORDINALS.iter().find(|(o, _)| *o == ord)?;
        SUPERLATIVES
            .contains(&sup)
            .then_some((n, sup.to_string(), i + 1))?
    } else if let Some(&(_, n)) = ORDINALS.iter().find(|(o, _)| *o == w) {
        let next = lower.get(i + 1)?;
        SUPERLATIVES
            .contains(&next.as_str())
            .then(|| (n, next.clone(), i + 2))?
    } else if SUPERLATIVES.contains(&w) {
        (1, w.to_string(), i + 1)
    } else if w == "most" && lower.get(i + 1).is_some_and(|n| n == "populous") {
        (1, "most populous".to_string(), i + 2)
    } else {
        return None;
    };
    let unit = lower
        .get(end)
        .filter(|w| w.chars().all(char::is_alphabetic))
        .cloned();
    let last = if unit.is_some() { end } else { end - 1 };
    Some(Quantity {
        span: Span::new(toks[i].span.start, toks[last].span.end),
        kind: QuantityKind::Rank,
        value: position as f64,
        low: position as f64,
        high: Some(position as f64),
        qualifier: None,
        unit,
        scale: Some(scale),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each quantity as `[text] kind value low..high unit`.
    fn check(text: &str, expect: &[&str]) {
        let got: Vec<String> = extract(text)
            .iter()
            .map(|q| {
                format!(
                    "[{}] {:?} {} {}..{} {}",
                    q.span.slice(text),
                    q.kind,
                    q.value,
                    q.low,
                    q.high.map_or("∞".to_string(), |h| h.to_string()),
                    q.unit.as_deref().unwrap_or("-")
                )
            })
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn counts_with_scale_and_qualifiers() {
        check(
            "Since 2011, more than 14 million Syrians have fled. Over 7.2 million remain displaced.",
            &["[more than 14 million Syrians] Count 14000000 14000000..∞ syrians", "[Over 7.2 million] Count 7200000 7200000..∞ -"],
        );
    }

    #[test]
    fn percentages_and_money() {
        check(
            "with 70% of the population in need and 90% poor; a $10 million reward",
            &[
                "[70%] Percent 70 70..70 -",
                "[90% poor] Percent 90 90..90 poor",
                "[$10 million reward] Money 10000000 10000000..10000000 reward",
            ],
        );
    }

    #[test]
    fn ranks_and_superlatives() {
        check(
            "seizing Syria’s largest city, Aleppo; Aleppo, Syria’s second-largest city",
            &[
                "[largest city] Rank 1 1..1 city",
                "[second-largest city] Rank 2 2..2 city",
            ],
        );
    }

    #[test]
    fn leaves_durations_dates_and_years_to_the_time_stage() {
        check("a twelve-day offensive in just 12 days, for 24 years, since 2011, on December 8, the 25th division", &[]);
    }

    #[test]
    fn spelled_counts() {
        check(
            "his wife and three children; two other major urban centers",
            &[
                "[three children] Count 3 3..3 children",
                "[two other] Count 2 2..2 other",
            ],
        );
    }
}
