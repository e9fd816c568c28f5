//! The development gold (`data/devgold/`, rules in its README): its file format, checks that a
//! gold file is well formed against its documents, and the matching of reported comparisons to
//! gold items.
//!
//! The scorer is deliberately independent of how the comparison represents its verdicts: a
//! caller turns each reported comparison into a [`Reported`] (verdict word, degree word, and the
//! positions as document-and-span lists), so new verdicts (an `update`) or fields do not break
//! it.

use corroborate_model::Span;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// One gold file: a sub-topic of ECB+ and the items a careful reader found in it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubTopic {
    /// `T/ecb` or `T/ecbplus`.
    pub subtopic: String,
    pub event: String,
    /// Every document of the sub-topic (file names), all read in full.
    pub documents: Vec<String>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Conflict,
    Agreement,
    Update,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Hardness {
    Hard,
    Soft,
}

/// The slot a statement fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Slot {
    Count,
    Time,
    Date,
    Duration,
    Measure,
    Place,
    Actor,
    Route,
    Rank,
    Negation,
}

/// A statement: the document and a short verbatim phrase that locates it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub doc: String,
    pub phrase: String,
}

/// One conflict, tension, update or agreement.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub kind: Kind,
    pub hardness: Hardness,
    pub slot: Slot,
    pub what: String,
    pub a: Statement,
    pub b: Statement,
    #[serde(default)]
    pub a_more: Vec<Statement>,
    #[serde(default)]
    pub b_more: Vec<Statement>,
    pub note: String,
}

impl Item {
    /// Side A: `a` and the documents that state the same value.
    pub fn side_a(&self) -> impl Iterator<Item = &Statement> {
        std::iter::once(&self.a).chain(&self.a_more)
    }

    pub fn side_b(&self) -> impl Iterator<Item = &Statement> {
        std::iter::once(&self.b).chain(&self.b_more)
    }
}

/// Where a phrase is meant: its first occurrence in the text, both read through
/// [`detokenize`] (the text is given detokenized; the phrase as written in the gold file).
pub fn locate(text: &str, phrase: &str) -> Option<Span> {
    let phrase = detokenize(phrase);
    text.find(&phrase).map(|s| Span::new(s, s + phrase.len()))
}

/// ECB+ text as a reader sees it: the corpus stores tokens, and its reader joins them with
/// spaces, which splits numbers and abbreviations (`6. 1`, `120, 000`, `1: 30`, `a. m.`,
/// `U. S.`, `30 - day`). Only splits that a joined token cannot mean otherwise are closed: a
/// decimal point or thousands comma between a short number and digits, a clock colon before two
/// digits, single-letter abbreviations, and a hyphen between a number and a lower-case word.
/// Dashes between words stay (`for a while - at least` is punctuation in ECB's own spacing).
pub fn detokenize(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Digits of the number token that ends just before byte `i` (0 when none).
    let number_before = |i: usize| {
        let mut j = i;
        while j > 0 && b[j - 1].is_ascii_digit() {
            j -= 1;
        }
        // A currency sign ("$910", "£910", "€80") starts an amount as a space does.
        let starts_token = j == 0
            || matches!(b[j - 1], b' ' | b'$' | b'(' | b'.' | b',' | b'\n')
            || text[..j]
                .chars()
                .next_back()
                .is_some_and(|c| matches!(c, '£' | '€' | '¥'));
        if starts_token {
            i - j
        } else {
            0
        }
    };
    let digits_at = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let letter_token_before = |i: usize| {
        i >= 1
            && b[i - 1].is_ascii_alphabetic()
            && (i == 1 || matches!(b[i - 2], b' ' | b'(' | b'.' | b'"' | b'\n'))
    };
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let spaced = i + 2 < b.len() && b[i + 1] == b' ';
        let close = spaced
            && match c {
                b'.' => {
                    let n = number_before(i);
                    ((1..=3).contains(&n) && b[i + 2].is_ascii_digit())
                        || (letter_token_before(i)
                            && b[i + 2].is_ascii_alphabetic()
                            && b.get(i + 3) == Some(&b'.'))
                }
                b',' => {
                    let n = number_before(i);
                    (1..=3).contains(&n) && digits_at(i + 2) == 3
                }
                b':' => (1..=2).contains(&number_before(i)) && digits_at(i + 2) == 2,
                _ => false,
            };
        if close {
            out.push(c as char);
            i += 2;
            continue;
        }
        if c == b' '
            && b.get(i + 1) == Some(&b'-')
            && b.get(i + 2) == Some(&b' ')
            && number_before(i) >= 1
            && b.get(i + 3).is_some_and(u8::is_ascii_lowercase)
        {
            out.push('-');
            i += 3;
            continue;
        }
        // A compound of three words ("four - by - four", "smash - and - grab"): two hyphens
        // around one short lower-case word are no pair of dashes.
        if c == b' ' && i > 0 && b[i - 1].is_ascii_alphanumeric() && text[i..].starts_with(" - ") {
            let mid: String = text[i + 3..]
                .chars()
                .take_while(char::is_ascii_lowercase)
                .collect();
            let after = i + 3 + mid.len();
            if (1..=3).contains(&mid.len())
                && text[after..].starts_with(" - ")
                && b.get(after + 3).is_some_and(u8::is_ascii_alphanumeric)
            {
                out.push('-');
                out.push_str(&mid);
                out.push('-');
                i = after + 3;
                continue;
            }
        }
        let ch = text[i..].chars().next().expect("a char boundary");
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// Everything wrong with a gold file, given the text of each of its sub-topic's documents
/// (file name → text): documents listed that do not exist or missing from the list, phrases that
/// do not occur, items whose sides do not come from two documents, empty notes.
pub fn problems(gold: &SubTopic, texts: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    let listed: BTreeSet<&str> = gold.documents.iter().map(String::as_str).collect();
    let actual: BTreeSet<&str> = texts.keys().map(String::as_str).collect();
    for d in listed.difference(&actual) {
        out.push(format!(
            "{}: lists {d}, which is not a document of the sub-topic",
            gold.subtopic
        ));
    }
    for d in actual.difference(&listed) {
        out.push(format!("{}: does not list its document {d}", gold.subtopic));
    }
    for (i, item) in gold.items.iter().enumerate() {
        let at = format!("{} item {} ({})", gold.subtopic, i + 1, item.what);
        for s in item.side_a().chain(item.side_b()) {
            match texts.get(&s.doc) {
                None => out.push(format!("{at}: unknown document {}", s.doc)),
                Some(t) if locate(t, &s.phrase).is_none() => {
                    out.push(format!("{at}: {:?} does not occur in {}", s.phrase, s.doc))
                }
                Some(_) => {}
            }
            let words = s.phrase.split_whitespace().count();
            if s.phrase.trim().is_empty() || words > 16 {
                out.push(format!("{at}: phrase of {words} words in {}", s.doc));
            }
        }
        let docs: BTreeSet<&str> = item
            .side_a()
            .chain(item.side_b())
            .map(|s| s.doc.as_str())
            .collect();
        if docs.len() < 2 || (item.kind != Kind::Agreement && item.a.doc == item.b.doc) {
            out.push(format!(
                "{at}: the two sides must come from different documents"
            ));
        }
        if item.note.trim().is_empty() || item.what.trim().is_empty() {
            out.push(format!("{at}: empty note or description"));
        }
    }
    out
}

/// A reported comparison, as the scorer sees it.
#[derive(Debug, Clone)]
pub struct Reported {
    pub id: String,
    pub topic: String,
    /// `agree`, `conflict`, `complement`, `update`, …
    pub verdict: String,
    /// `contradiction`, `tension`, … when given.
    pub degree: Option<String>,
    /// Each position's statements: (document file name, span in that document's text).
    pub positions: Vec<Vec<(String, Span)>>,
}

impl Reported {
    /// Reports a disagreement: a conflict or an update.
    pub fn disagrees(&self) -> bool {
        matches!(self.verdict.as_str(), "conflict" | "update")
    }
}

/// A gold statement located in the analysed text.
#[derive(Debug, Clone)]
struct Located {
    doc: String,
    span: Span,
}

fn holds(position: &[(String, Span)], s: &Located) -> bool {
    position
        .iter()
        .any(|(d, sp)| *d == s.doc && sp.overlaps(s.span))
}

/// Counts of one sub-topic (or the total).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Score {
    pub hard_conflicts: usize,
    pub hard_found: usize,
    /// Conflicts of both hardnesses (tensions included).
    pub conflicts: usize,
    pub conflicts_found: usize,
    pub agreements: usize,
    pub agreements_found: usize,
    pub updates: usize,
    /// Updates reported as a conflict or an update.
    pub updates_found: usize,
    /// Updates the program called an update.
    pub updates_called: usize,
    pub reported_conflicts: usize,
    pub reported_correct: usize,
    /// Gold statements whose phrase the analysed text no longer holds (lost in ingest).
    pub lost_phrases: usize,
}

impl Score {
    pub fn add(&mut self, o: &Score) {
        self.hard_conflicts += o.hard_conflicts;
        self.hard_found += o.hard_found;
        self.conflicts += o.conflicts;
        self.conflicts_found += o.conflicts_found;
        self.agreements += o.agreements;
        self.agreements_found += o.agreements_found;
        self.updates += o.updates;
        self.updates_found += o.updates_found;
        self.updates_called += o.updates_called;
        self.reported_conflicts += o.reported_conflicts;
        self.reported_correct += o.reported_correct;
        self.lost_phrases += o.lost_phrases;
    }
}

/// The outcome for one sub-topic: the counts, the gold items not found, and the reported
/// conflicts that match no gold conflict, tension or update (for review).
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub score: Score,
    pub missed: Vec<usize>,
    pub wrong: Vec<usize>,
}

/// Does `r` find a conflict or update `item`: one position holds a side-A statement and
/// another a side-B statement?
fn finds_disagreement(r: &Reported, a: &[Located], b: &[Located]) -> bool {
    r.disagrees()
        && r.positions.iter().enumerate().any(|(i, p)| {
            a.iter().any(|s| holds(p, s))
                && r.positions
                    .iter()
                    .enumerate()
                    .any(|(j, q)| j != i && b.iter().any(|s| holds(q, s)))
        })
}

/// Does `r` find an agreement: one position holds statements of two different documents of
/// the item (a conflict's position agrees within itself)?
fn finds_agreement(r: &Reported, all: &[Located]) -> bool {
    matches!(r.verdict.as_str(), "agree" | "conflict" | "update")
        && r.positions.iter().any(|p| {
            let docs: BTreeSet<&str> = all
                .iter()
                .filter(|s| holds(p, s))
                .map(|s| s.doc.as_str())
                .collect();
            docs.len() >= 2
        })
}

/// Matches the reported comparisons of one sub-topic against its gold. `texts` holds the text
/// of every document as the comparison saw it (file name → text); gold phrases are located there.
pub fn score(gold: &SubTopic, texts: &BTreeMap<String, String>, reported: &[Reported]) -> Outcome {
    let mut out = Outcome::default();
    let mut locate_all = |it: &mut dyn Iterator<Item = &Statement>| -> Vec<Located> {
        let mut v = Vec::new();
        for s in it {
            match texts.get(&s.doc).and_then(|t| locate(t, &s.phrase)) {
                Some(span) => v.push(Located {
                    doc: s.doc.clone(),
                    span,
                }),
                None => out.score.lost_phrases += 1,
            }
        }
        v
    };
    let sides: Vec<(Vec<Located>, Vec<Located>)> = gold
        .items
        .iter()
        .map(|it| (locate_all(&mut it.side_a()), locate_all(&mut it.side_b())))
        .collect();
    let s = &mut out.score;
    for (i, (item, (a, b))) in gold.items.iter().zip(&sides).enumerate() {
        let found = match item.kind {
            Kind::Conflict | Kind::Update => reported
                .iter()
                .any(|r| finds_disagreement(r, a, b) || finds_disagreement(r, b, a)),
            Kind::Agreement => {
                let all: Vec<Located> = a.iter().chain(b).cloned().collect();
                reported.iter().any(|r| finds_agreement(r, &all))
            }
        };
        match item.kind {
            Kind::Conflict => {
                s.conflicts += 1;
                s.conflicts_found += usize::from(found);
                if item.hardness == Hardness::Hard {
                    s.hard_conflicts += 1;
                    s.hard_found += usize::from(found);
                }
            }
            Kind::Update => {
                s.updates += 1;
                s.updates_found += usize::from(found);
                let called = reported.iter().any(|r| {
                    r.verdict == "update"
                        && (finds_disagreement(r, a, b) || finds_disagreement(r, b, a))
                });
                s.updates_called += usize::from(called);
            }
            Kind::Agreement => {
                s.agreements += 1;
                s.agreements_found += usize::from(found);
            }
        }
        if !found {
            out.missed.push(i);
        }
    }
    for (ri, r) in reported.iter().enumerate() {
        if !r.disagrees() {
            continue;
        }
        s.reported_conflicts += 1;
        let correct = gold.items.iter().zip(&sides).any(|(item, (a, b))| {
            item.kind != Kind::Agreement
                && (finds_disagreement(r, a, b) || finds_disagreement(r, b, a))
        });
        if correct {
            s.reported_correct += 1;
        } else {
            out.wrong.push(ri);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detokenize_closes_split_numbers_and_abbreviations_only() {
        for (tokens, text) in [
            (
                "at 6. 1, home to 120, 000 people",
                "at 6.1, home to 120,000 people",
            ),
            (
                "around 1: 30 a. m. (U. S. time)",
                "around 1:30 a.m. (U.S. time)",
            ),
            (
                "a 30 - day program, $2. 6 - million",
                "a 30-day program, $2.6-million",
            ),
            ("1, 150 kilometers", "1,150 kilometers"),
            ("£910, 000 worth, £1. 2m", "£910,000 worth, £1.2m"),
            ("a large four - by - four car", "a large four-by-four car"),
            // Punctuation that stays: word dashes, a date range, initials, a year list.
            ("a while - at least", "a while - at least"),
            ("Dec. 18 - 11:14 pm", "Dec. 18 - 11:14 pm"),
            ("Judge James R. Dabney", "Judge James R. Dabney"),
            ("in 2001, 2005 and 2010", "in 2001, 2005 and 2010"),
        ] {
            assert_eq!(detokenize(tokens), text);
        }
        assert_eq!(
            locate("It was 6.1 there", "was 6. 1"),
            Some(Span::new(3, 10))
        );
    }

    const TEXT_1: &str = "A 5.6 magnitude earthquake hit, injuring five people.";
    const TEXT_2: &str = "The quake measured 5.6 and injured two people.";

    fn gold() -> SubTopic {
        serde_json::from_str(
            r#"{"subtopic": "20/ecb", "event": "quake", "documents": ["d1", "d2"], "items": [
              {"kind": "conflict", "hardness": "hard", "slot": "count", "what": "injured",
               "a": {"doc": "d1", "phrase": "injuring five people"},
               "b": {"doc": "d2", "phrase": "injured two people"}, "note": "5 vs 2"},
              {"kind": "agreement", "hardness": "hard", "slot": "measure", "what": "magnitude",
               "a": {"doc": "d1", "phrase": "5.6 magnitude"},
               "b": {"doc": "d2", "phrase": "measured 5.6"}, "note": "same"}]}"#,
        )
        .unwrap()
    }

    fn texts() -> BTreeMap<String, String> {
        [("d1", TEXT_1), ("d2", TEXT_2)]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// A reported comparison whose positions hold the given (document, word) pairs.
    fn reported(verdict: &str, positions: &[&[(&str, &str)]]) -> Reported {
        let t = texts();
        Reported {
            id: "K1".into(),
            topic: String::new(),
            verdict: verdict.into(),
            degree: None,
            positions: positions
                .iter()
                .map(|p| {
                    p.iter()
                        .map(|(d, w)| (d.to_string(), locate(&t[*d], w).unwrap()))
                        .collect()
                })
                .collect(),
        }
    }

    fn check(reports: &[Reported], expect: (usize, usize, usize, usize)) {
        let s = score(&gold(), &texts(), reports).score;
        assert_eq!(
            (
                s.conflicts_found,
                s.agreements_found,
                s.reported_conflicts,
                s.reported_correct
            ),
            expect
        );
    }

    #[test]
    fn a_conflict_is_found_by_its_two_values_in_different_positions() {
        check(
            &[reported("conflict", &[&[("d1", "five")], &[("d2", "two")]])],
            (1, 0, 1, 1),
        );
        // Either order.
        check(
            &[reported("conflict", &[&[("d2", "two")], &[("d1", "five")]])],
            (1, 0, 1, 1),
        );
    }

    #[test]
    fn an_agreement_on_the_conflicting_values_finds_nothing() {
        check(
            &[reported("agree", &[&[("d1", "five"), ("d2", "two")]])],
            (0, 0, 0, 0),
        );
    }

    #[test]
    fn a_conflict_between_agreeing_values_is_wrong() {
        let r = reported("conflict", &[&[("d1", "5.6")], &[("d2", "5.6")]]);
        check(std::slice::from_ref(&r), (0, 0, 1, 0));
        assert_eq!(score(&gold(), &texts(), &[r]).wrong, vec![0]);
    }

    #[test]
    fn an_agreement_needs_two_documents_in_one_position() {
        check(
            &[reported("agree", &[&[("d1", "5.6"), ("d2", "5.6")]])],
            (0, 1, 0, 0),
        );
        check(
            &[reported("agree", &[&[("d1", "5.6")], &[("d2", "5.6")]])],
            (0, 0, 0, 0),
        );
    }

    #[test]
    fn problems_name_missing_phrases_and_documents() {
        let mut g = gold();
        g.items[0].b.phrase = "injured three people".into();
        g.documents.push("d3".into());
        let p = problems(&g, &texts());
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(
            p[0].contains("d3") && p[1].contains("injured three people"),
            "{p:?}"
        );
        assert!(problems(&gold(), &texts()).is_empty());
    }
}
