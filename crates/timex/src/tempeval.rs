//! TempEval-3 scoring of time expressions: reads TimeML gold files and computes the task's
//! extraction (strict and relaxed) and attribute (value, type) measures.
//!
//! Measures follow the official TempEval-3 toolkit (UzZaman et al. 2013): a system expression
//! matches a gold one *strictly* when the extents are identical and *relaxed* when they overlap;
//! attribute F1 is the relaxed F1 times the share of relaxed-matched pairs whose attribute is
//! right (so an attribute counts only when the expression was also found). As in the official
//! toolkit, only expressions inside `<TEXT>` are scored, so the document creation time is not.
//! The official tool compares extents token by token after its own tokenizer; here extents
//! are compared as byte ranges of the text, trimmed of surrounding whitespace.

use crate::{Timex, TimexKind};
use chrono::NaiveDate;
use corroborate_model::Span;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use std::fmt;

/// A gold TIMEX3 from a TimeML file, positioned in the document's plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    pub span: Span,
    pub kind: String,
    pub value: String,
}

/// One TimeML document: the plain text of its `<TEXT>` element (tags removed, entities
/// decoded), its creation date and the gold time expressions in that text.
#[derive(Debug, Clone)]
pub struct TimeMlDoc {
    pub id: String,
    pub dct: Option<NaiveDate>,
    pub text: String,
    pub timexes: Vec<GoldTimex>,
}

/// A TimeML file that could not be read as XML.
#[derive(Debug)]
pub struct TimeMlError(String);

impl fmt::Display for TimeMlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed TimeML: {}", self.0)
    }
}

impl std::error::Error for TimeMlError {}

/// Parses a TimeML document. Only `<TEXT>` is kept as text; the DCT comes from the `<DCT>`
/// element's TIMEX3 value.
pub fn read_timeml(xml: &str) -> Result<TimeMlDoc, TimeMlError> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut id = String::new();
    let mut dct = None;
    let mut open: Option<(usize, String, String)> = None;
    let mut timexes = Vec::new();
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| TimeMlError(e.to_string()))?;
        let in_text = stack.iter().any(|s| s == "TEXT");
        match ev {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if name == "TIMEX3" {
                    let mut kind = String::new();
                    let mut value = String::new();
                    for a in e.attributes().flatten() {
                        let v = a
                            .normalized_value(XmlVersion::Implicit1_0)
                            .map_err(|e| TimeMlError(e.to_string()))?
                            .into_owned();
                        match a.key.as_ref() {
                            "type" => kind = v,
                            "value" => value = v,
                            _ => {}
                        }
                    }
                    if stack.iter().any(|s| s == "DCT") {
                        dct = value
                            .get(..10)
                            .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok());
                    }
                    open = in_text.then_some((text.len(), kind, value));
                }
                stack.push(name);
            }
            Event::End(e) => {
                let name = e.name().as_ref().to_string();
                if name == "TIMEX3" {
                    if let Some((start, kind, value)) = open.take() {
                        let span = Span::new(start, text.len()).trim(&text);
                        timexes.push(GoldTimex { span, kind, value });
                    }
                }
                stack.pop();
            }
            Event::Text(t) => {
                let s = t.xml10_content();
                if in_text {
                    text.push_str(&s);
                } else if stack.last().is_some_and(|n| n == "DOCID") {
                    id.push_str(s.trim());
                }
            }
            Event::CData(t) if in_text => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let c = match r
                    .resolve_char_ref()
                    .map_err(|e| TimeMlError(e.to_string()))?
                {
                    Some(c) => c,
                    None => match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => return Err(TimeMlError(format!("unknown entity &{other};"))),
                    },
                };
                text.push(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(TimeMlDoc {
        id,
        dct,
        text,
        timexes,
    })
}

/// Counts from comparing system output with gold, summed over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub system: usize,
    pub strict: usize,
    pub relaxed: usize,
    /// Relaxed-matched pairs with the same `value`.
    pub value: usize,
    /// Relaxed-matched pairs with the same `type`.
    pub kind: usize,
}

impl Counts {
    pub fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.system += o.system;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.value += o.value;
        self.kind += o.kind;
    }

    fn prf(&self, tp: usize) -> (f64, f64, f64) {
        let p = if self.system == 0 {
            0.0
        } else {
            tp as f64 / self.system as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            tp as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }

    /// Precision, recall and F1 of exact-extent matches.
    pub fn strict_prf(&self) -> (f64, f64, f64) {
        self.prf(self.strict)
    }

    /// Precision, recall and F1 of overlapping-extent matches.
    pub fn relaxed_prf(&self) -> (f64, f64, f64) {
        self.prf(self.relaxed)
    }

    fn attribute_f1(&self, correct: usize) -> f64 {
        if self.relaxed == 0 {
            return 0.0;
        }
        self.relaxed_prf().2 * correct as f64 / self.relaxed as f64
    }

    /// Relaxed F1 × value accuracy over relaxed matches (TempEval-3 "value F1").
    pub fn value_f1(&self) -> f64 {
        self.attribute_f1(self.value)
    }

    /// Relaxed F1 × type accuracy over relaxed matches.
    pub fn type_f1(&self) -> f64 {
        self.attribute_f1(self.kind)
    }
}

/// One aligned pair or miss, for error listings.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome<'a> {
    Matched {
        gold: &'a GoldTimex,
        system: &'a Timex,
    },
    Missed(&'a GoldTimex),
    Spurious(&'a Timex),
}

/// Aligns system expressions to gold ones: each gold expression pairs with at most one system
/// expression, the first that overlaps it.
pub fn align<'a>(gold: &'a [GoldTimex], system: &'a [Timex]) -> Vec<Outcome<'a>> {
    let mut used = vec![false; gold.len()];
    let mut out = Vec::new();
    for s in system {
        let hit = gold
            .iter()
            .enumerate()
            .find(|(i, g)| !used[*i] && g.span.overlaps(s.span));
        match hit {
            Some((i, g)) => {
                used[i] = true;
                out.push(Outcome::Matched { gold: g, system: s });
            }
            None => out.push(Outcome::Spurious(s)),
        }
    }
    for (i, g) in gold.iter().enumerate() {
        if !used[i] {
            out.push(Outcome::Missed(g));
        }
    }
    out
}

/// Scores one document's system output against its gold expressions.
pub fn score(gold: &[GoldTimex], system: &[Timex]) -> Counts {
    let mut c = Counts {
        gold: gold.len(),
        system: system.len(),
        ..Counts::default()
    };
    c.strict = system
        .iter()
        .filter(|s| gold.iter().any(|g| g.span == s.span))
        .count();
    for o in align(gold, system) {
        if let Outcome::Matched { gold: g, system: s } = o {
            c.relaxed += 1;
            if g.value == s.value {
                c.value += 1;
            }
            if g.kind == s.kind.as_timeml() {
                c.kind += 1;
            }
        }
    }
    c
}

/// Runs [`crate::extract`] on a document with its DCT as the anchor and scores the result.
pub fn evaluate(doc: &TimeMlDoc) -> (Vec<Timex>, Counts) {
    let sys = crate::extract(&doc.text, doc.dct);
    let c = score(&doc.timexes, &sys);
    (sys, c)
}

impl TimexKind {
    /// Parses a TIMEX3 `type` attribute.
    pub fn from_timeml(s: &str) -> Option<TimexKind> {
        Some(match s {
            "DATE" => TimexKind::Date,
            "TIME" => TimexKind::Time,
            "DURATION" => TimexKind::Duration,
            "SET" => TimexKind::Set,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>
The CDC said <TIMEX3 tid="t3" type="DATE" value="2013-03-22">Friday</TIMEX3> that Q&amp;A ran for <TIMEX3 tid="t4" type="DURATION" value="P1M">a month</TIMEX3>.
</TEXT>
</TimeML>"#;

    #[test]
    fn reads_text_dct_and_gold_offsets() {
        let d = read_timeml(DOC).unwrap();
        assert_eq!(d.id, "X1");
        assert_eq!(d.dct, NaiveDate::from_ymd_opt(2013, 3, 22));
        assert_eq!(d.timexes.len(), 2);
        assert_eq!(d.timexes[0].span.slice(&d.text), "Friday");
        assert_eq!(d.timexes[1].span.slice(&d.text), "a month");
        assert!(d.text.contains("Q&A"));
    }

    #[test]
    fn perfect_output_scores_one_and_partial_extent_only_relaxed() {
        let d = read_timeml(DOC).unwrap();
        let (_, c) = evaluate(&d);
        assert_eq!(c.strict_prf().2, 1.0);
        assert_eq!(c.value_f1(), 1.0);
        // Drop a word from one system extent: strict loses it, relaxed keeps it.
        let mut sys = crate::extract(&d.text, d.dct);
        sys[1].span.start += 2;
        let c = score(&d.timexes, &sys);
        assert_eq!((c.strict, c.relaxed, c.value), (1, 2, 2));
    }

    #[test]
    fn wrong_value_lowers_value_f1_not_extraction() {
        let d = read_timeml(DOC).unwrap();
        let mut sys = crate::extract(&d.text, d.dct);
        sys[0].value = "2013-03-15".into();
        let c = score(&d.timexes, &sys);
        assert_eq!(c.relaxed_prf().2, 1.0);
        assert!((c.value_f1() - 0.5).abs() < 1e-9);
    }
}
