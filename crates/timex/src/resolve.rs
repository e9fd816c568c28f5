//! Normalization: turns recognized expressions into TIMEX3 values and calendar intervals,
//! choosing for each relative expression the anchor it counts from.
//!
//! Anchors: the publication date (DCT) for deictic words ("yesterday", "last year", "two weeks
//! ago"); the time just talked about for anaphoric ones ("the next day", "a week prior");
//! a named event's date for "the first 24 hours of the operation". Missing years and weekdays
//! are placed on the side of the anchor the verb tense points to.

use crate::calendar::{self, end_of, period, shift, start_of, unit_days, unit_precision, ymd};
use crate::grammar::{tod_code, Amount, Base, DayRef, Frame, Match, Mod, Pick, Sem, Tod, Unit};
use crate::token::{Tok, TokKind};
use crate::{Anchor, Precision, Signal, Timex, TimexKind};
use chrono::{Datelike, Days, Duration, NaiveDate, NaiveDateTime, Weekday};
use corroborate_model::Span;

/// How far back (bytes) an anaphoric expression looks for the time it refers to. Beyond this,
/// "the next day" more likely refers to something the text no longer names.
const PREVIOUS_WINDOW: usize = 1000;
/// Events named by "the first N hours of the X" may have been dated further back.
const EVENT_WINDOW: usize = 2500;
/// Tokens read on each side of an expression when looking for its clause's tense.
const LEFT_REACH: usize = 15;
const RIGHT_REACH: usize = 12;
/// "a week prior" refers to the event the story is about, which may have been dated a few
/// paragraphs earlier.
const OFFSET_WINDOW: usize = 3000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

struct Ctx<'a> {
    /// Parallel to `out`: whether the expression was itself counted from an earlier one
    /// ("a year earlier"); such expressions are not anchors for the next offset, or "a year
    /// earlier" after "a year ago" would drift back two years.
    derived: Vec<bool>,
    toks: &'a [Tok],
    dct: Option<NaiveDate>,
    out: Vec<Timex>,
    /// The latest expression of `out` that is a full calendar date of its own (what undated
    /// text counts from), kept as `out` grows so no lookup rescans it.
    last_absolute: Option<usize>,
}

/// The core of a resolved date: value, first and last instant, precision, anchor.
struct Dated {
    value: String,
    earliest: Option<NaiveDateTime>,
    latest: Option<NaiveDateTime>,
    precision: Precision,
    anchor: Anchor,
    kind: TimexKind,
}

impl Dated {
    fn unresolved(value: String, precision: Precision, kind: TimexKind) -> Dated {
        Dated {
            value,
            earliest: None,
            latest: None,
            precision,
            anchor: Anchor::None,
            kind,
        }
    }
    fn days(
        value: String,
        a: NaiveDate,
        b: NaiveDate,
        precision: Precision,
        anchor: Anchor,
    ) -> Dated {
        Dated {
            value,
            earliest: Some(start_of(a)),
            latest: Some(end_of(b)),
            precision,
            anchor,
            kind: TimexKind::Date,
        }
    }
}

pub(crate) fn resolve_all(toks: &[Tok], matches: &[Match], dct: Option<NaiveDate>) -> Vec<Timex> {
    let mut ctx = Ctx {
        derived: Vec::new(),
        toks,
        dct,
        out: Vec::with_capacity(matches.len()),
        last_absolute: None,
    };
    for m in matches {
        let t = ctx.resolve(m);
        ctx.derived.push(matches!(m.sem, Sem::Offset { .. }));
        if t.anchor == Anchor::None
            && t.precision <= Precision::Day
            && t.kind != TimexKind::Duration
            && t.earliest.is_some()
        {
            ctx.last_absolute = Some(ctx.out.len());
        }
        ctx.out.push(t);
    }
    ctx.out
}

const SIGNALS: &[&str] = &[
    "on",
    "by",
    "since",
    "until",
    "till",
    "before",
    "after",
    "in",
    "during",
    "from",
    "for",
    "within",
    "through",
    "throughout",
    "at",
    "over",
    "prior",
    "to",
    "between",
];

impl Ctx<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.toks[start].start, self.toks[end - 1].end)
    }

    fn signal(&self, m: &Match) -> Option<Signal> {
        let i = m.first().checked_sub(1)?;
        let t = &self.toks[i];
        let mut word = t.norm.clone();
        let mut span = Span::new(t.start, t.end);
        if word == "of" && i > 0 && self.toks[i - 1].norm == "as" {
            word = "as of".into();
            span = Span::new(self.toks[i - 1].start, t.end);
        } else if word == "to" && i > 0 && self.toks[i - 1].norm == "prior" {
            word = "prior".into();
            span = Span::new(self.toks[i - 1].start, t.end);
        } else if !SIGNALS.contains(&word.as_str()) {
            return None;
        }
        Some(Signal { span, word })
    }

    /// The tense of the clause around tokens `start..end`, from the nearest auxiliary or
    /// past-tense verb. News defaults to the past when nothing says otherwise.
    fn tense(&self, start: usize, end: usize) -> Tense {
        let is_boundary = |i: usize| {
            let t = &self.toks[i];
            t.line_break
                || (t.kind == TokKind::Punct && matches!(t.norm.as_str(), "." | "!" | "?" | ";"))
        };
        let cue = |i: usize| -> Option<Tense> {
            let w = self.toks[i].norm.as_str();
            // "as soon as Tuesday", "is to resume trading Tuesday"
            let prev = |k: usize| i.checked_sub(k).map_or("", |j| self.toks[j].norm.as_str());
            if w == "as" && matches!(prev(1), "soon" | "early") && prev(2) == "as" {
                return Some(Tense::Future);
            }
            if w == "to" && matches!(prev(1), "is" | "are") {
                return Some(Tense::Future);
            }
            match w {
                "will" | "shall" | "ll" | "scheduled" | "expected" | "due" | "plans" | "plan"
                | "planning" | "planned" | "upcoming" | "going" | "hopes" | "intends" | "aims"
                | "would" | "next" | "set" | "effective" => Some(Tense::Future),
                _ if is_past_form(w, self.toks[i].kind) => {
                    // A participle after "will be" / "would be" / "to be" is not the past:
                    // "will be named", "would be paid".
                    match (prev(1), prev(2)) {
                        ("be", "will" | "would" | "shall" | "ll" | "to") => Some(Tense::Future),
                        ("be" | "being", _) => None,
                        _ => Some(Tense::Past),
                    }
                }
                _ => None,
            }
        };
        // Walk outwards from the expression, right and left in turn, stopping at the sentence
        // boundary on each side; the nearest cue wins.
        // The verb an adverbial attaches to usually comes before it in English ("rebels
        // entered Homs on Saturday"), so the left side of the clause is read first.
        for d in 1..=LEFT_REACH {
            match start.checked_sub(d) {
                Some(l) if !is_boundary(l) && !self.toks[l + 1].line_break => {
                    if let Some(t) = cue(l) {
                        return t;
                    }
                }
                _ => break,
            }
        }
        for r in end..(end + RIGHT_REACH).min(self.toks.len()) {
            if is_boundary(r) {
                break;
            }
            if let Some(t) = cue(r) {
                return t;
            }
        }
        Tense::Unknown
    }

    /// The most recent earlier expression with a calendar date that is at least as fine as
    /// `finest`, within `window` bytes before `pos`.
    fn previous(
        &self,
        pos: usize,
        finest: Precision,
        window: usize,
    ) -> Option<(&Timex, NaiveDate)> {
        self.out
            .iter()
            .zip(&self.derived)
            .rev()
            .take_while(|(t, _)| t.span.end + window >= pos)
            .find_map(|(t, derived)| {
                let ok = !derived
                    && matches!(t.kind, TimexKind::Date | TimexKind::Time)
                    && t.precision <= finest
                    && t.precision != Precision::Vague;
                let e = t.earliest?;
                ok.then_some((t, e.date()))
            })
    }

    /// The date a relative expression counts from, and the anchor to record.
    fn base(
        &self,
        base: Base,
        pos: usize,
        finest: Precision,
    ) -> Option<(NaiveDate, Anchor, Option<Precision>)> {
        self.base_within(base, pos, finest, PREVIOUS_WINDOW)
    }

    fn base_within(
        &self,
        base: Base,
        pos: usize,
        finest: Precision,
        window: usize,
    ) -> Option<(NaiveDate, Anchor, Option<Precision>)> {
        if base == Base::Previous {
            if let Some((t, d)) = self.previous(pos, finest, window) {
                return Some((
                    d,
                    Anchor::Previous {
                        span: t.span,
                        date: d,
                    },
                    Some(t.precision),
                ));
            }
        }
        if let Some(d) = self.dct {
            return Some((d, Anchor::Dct { date: d }, None));
        }
        // Undated text: an earlier full date written out in the text can stand in.
        let t = &self.out[self.last_absolute?];
        let d = t.earliest?.date();
        Some((
            d,
            Anchor::Previous {
                span: t.span,
                date: d,
            },
            Some(t.precision),
        ))
    }

    fn resolve(&mut self, m: &Match) -> Timex {
        let span = self.span(m.start, m.end);
        let signal = self.signal(m);
        let modifier_span = m.qualifier.map(|q| self.span(q, m.start));
        let tense = self.tense(m.first(), m.end);
        let mut min = None;
        let mut max = None;
        let mut d = match &m.sem {
            Sem::Duration {
                amount,
                unit,
                frame,
            } => {
                let (lo, hi) = bounds(*amount, *unit, m.modifier);
                min = lo.map(|x| duration_value(Amount::exact(x), *unit));
                max = hi.map(|x| duration_value(Amount::exact(x), *unit));
                self.duration(span, *amount, *unit, *frame, hi, signal.as_ref(), tense)
            }
            Sem::Set { value } => {
                Dated::unresolved(value.clone(), Precision::Vague, TimexKind::Set)
            }
            sem => self.date(sem, span, tense, m.modifier),
        };
        if let (Some(md), Some(a), Some(b)) = (m.modifier, d.earliest, d.latest) {
            if !matches!(m.sem, Sem::Duration { .. }) {
                let first_word = self.toks[m.first()].norm.as_str();
                let (a2, b2) = apply_date_mod(md, a, b, first_word, self.dct);
                d.earliest = Some(a2);
                d.latest = Some(b2);
            }
        }
        let value = d.value;
        Timex {
            span,
            kind: d.kind,
            value,
            earliest: d.earliest,
            latest: d.latest,
            precision: d.precision,
            anchor: d.anchor,
            modifier: m.modifier.map(|x| x.timeml().to_string()),
            min,
            max,
            signal,
            modifier_span,
        }
    }

    #[allow(clippy::too_many_arguments)] // reason: one call site; the pieces are all different facts
    fn duration(
        &self,
        span: Span,
        amount: Amount,
        unit: Unit,
        frame: Frame,
        max_len: Option<f64>,
        signal: Option<&Signal>,
        tense: Tense,
    ) -> Dated {
        let value = duration_value(amount, unit);
        let precision = unit_precision(unit);
        let mut out = Dated::unresolved(value, precision, TimexKind::Duration);

        // "for 24 years" (past) runs up to the anchor; "will stay for two weeks" starts there.
        let frame = match (frame, signal.map(|s| s.word.as_str()), tense) {
            (Frame::EndsAtAnchor | Frame::Free, Some("for"), Tense::Future) => {
                Frame::StartsAtAnchor
            }
            (Frame::Free, Some("for"), _) => Frame::EndsAtAnchor,
            (f, _, _) => f,
        };
        let length = |from: NaiveDate, dir: f64| max_len.and_then(|n| shift(from, unit, dir * n));
        match frame {
            Frame::Free => {}
            Frame::EndsAtAnchor | Frame::StartsAtAnchor => {
                let Some((d, anchor, _)) = self.base(Base::Dct, span.start, Precision::Day) else {
                    return out;
                };
                out.anchor = anchor;
                if frame == Frame::EndsAtAnchor {
                    out.earliest = length(d, -1.0).map(start_of);
                    out.latest = Some(end_of(d));
                } else {
                    out.earliest = Some(start_of(d));
                    out.latest = length(d, 1.0).map(end_of);
                }
            }
            Frame::StartsAtEvent { start, end } => {
                let Some((t, d)) = self.previous(span.start, Precision::Day, EVENT_WINDOW) else {
                    return out;
                };
                let ev = self.span(start, end);
                out.anchor = Anchor::Event {
                    span: ev,
                    date: d,
                    via: t.span,
                };
                out.earliest = Some(start_of(d));
                out.latest = max_len.map(|n| {
                    let secs = (n * unit_days(unit) * 86400.0).round() as i64;
                    start_of(d) + Duration::seconds(secs.max(1) - 1)
                });
            }
        }
        out
    }

    fn date(&self, sem: &Sem, span: Span, tense: Tense, md: Option<Mod>) -> Dated {
        let pos = span.start;
        let dated = |value: String, a: NaiveDate, b: NaiveDate, p: Precision, anchor: Anchor| {
            Dated::days(value, a, b, p, anchor)
        };
        let per = |d: NaiveDate, p: Precision, anchor: Anchor| -> Dated {
            match period(d, p) {
                Some((v, a, b)) => Dated::days(v, a, b, p, anchor),
                None => Dated::unresolved("XXXX".into(), p, TimexKind::Date),
            }
        };
        match sem {
            Sem::Day { day, tod } => self.day(day, *tod, pos, tense),
            Sem::Month {
                year: Some(y),
                month,
                ..
            } => match ymd(*y, *month, 1) {
                Some(d) => per(d, Precision::Month, Anchor::None),
                None => Dated::unresolved(
                    format!("{y:04}-{month:02}"),
                    Precision::Month,
                    TimexKind::Date,
                ),
            },
            Sem::Month {
                year: None,
                month,
                pick,
            } => {
                let Some((a, anchor, _)) = self.base(Base::Dct, pos, Precision::Day) else {
                    return Dated::unresolved(
                        format!("XXXX-{month:02}"),
                        Precision::Month,
                        TimexKind::Date,
                    );
                };
                let cands: Vec<NaiveDate> = (-1..=1)
                    .filter_map(|k| ymd(a.year() + k, *month, 1))
                    .collect();
                let this = ymd(a.year(), a.month(), 1).unwrap_or(a);
                let chosen = match pick {
                    Pick::This => ymd(a.year(), *month, 1),
                    Pick::InYear(k) => ymd(a.year() + k, *month, 1),
                    Pick::Last => cands.iter().rev().find(|c| **c < this).copied(),
                    Pick::Next => cands.iter().find(|c| **c > this).copied(),
                    Pick::Tense => Some(choose_by_tense(&cands, this, tense, 31)),
                };
                match chosen {
                    Some(d) => per(d, Precision::Month, anchor),
                    None => Dated::unresolved(
                        format!("XXXX-{month:02}"),
                        Precision::Month,
                        TimexKind::Date,
                    ),
                }
            }
            Sem::Year(y) => match ymd(*y, 1, 1) {
                Some(d) => per(d, Precision::Year, Anchor::None),
                None => Dated::unresolved(format!("{y:04}"), Precision::Year, TimexKind::Date),
            },
            Sem::Decade(y) => match ymd(*y, 1, 1) {
                Some(d) => per(d, Precision::Decade, Anchor::None),
                None => {
                    Dated::unresolved(format!("{:03}", y / 10), Precision::Decade, TimexKind::Date)
                }
            },
            Sem::Century(c) => match ymd(c * 100, 1, 1) {
                Some(d) => per(d, Precision::Century, Anchor::None),
                None => Dated::unresolved(format!("{c:02}"), Precision::Century, TimexKind::Date),
            },
            Sem::Quarter {
                year,
                q,
                year_shift,
            } => {
                let base = self.base(Base::Dct, pos, Precision::Day);
                let (y, q, anchor) = match (year, q, &base) {
                    (Some(y), Some(q), _) => (*y, *q, Anchor::None),
                    (None, Some(q), Some((a, an, _))) => (a.year() + year_shift, *q, an.clone()),
                    (_, None, Some((a, an, _))) => {
                        // The latest completed quarter: the one before the anchor's.
                        let cur = (a.month() - 1) / 3 + 1;
                        let (y, q) = if cur == 1 {
                            (a.year() - 1, 4)
                        } else {
                            (a.year(), cur - 1)
                        };
                        // "the 1988 quarter": that year's quarter of the same number.
                        (year.unwrap_or(y + year_shift), q, an.clone())
                    }
                    (_, q, None) => {
                        let v = q.map_or("XXXX-QX".into(), |q| format!("XXXX-Q{q}"));
                        return Dated::unresolved(v, Precision::Quarter, TimexKind::Date);
                    }
                };
                match ymd(y, 3 * q - 2, 1) {
                    Some(d) => per(d, Precision::Quarter, anchor),
                    None => {
                        Dated::unresolved(format!("XXXX-Q{q}"), Precision::Quarter, TimexKind::Date)
                    }
                }
            }
            Sem::Half { year, h } => {
                let (y, anchor) = match (year, self.base(Base::Dct, pos, Precision::Day)) {
                    (Some(y), _) => (*y, Anchor::None),
                    (None, Some((a, an, _))) => (a.year(), an),
                    (None, None) => {
                        return Dated::unresolved(
                            format!("XXXX-H{h}"),
                            Precision::Half,
                            TimexKind::Date,
                        )
                    }
                };
                match ymd(y, 6 * h - 5, 1) {
                    Some(d) => per(d, Precision::Half, anchor),
                    None => {
                        Dated::unresolved(format!("XXXX-H{h}"), Precision::Half, TimexKind::Date)
                    }
                }
            }
            Sem::Season { year, season, pick } => {
                let code = calendar::season_code(*season);
                let (y, anchor) = match (year, self.base(Base::Dct, pos, Precision::Day)) {
                    (Some(y), _) => (*y, Anchor::None),
                    (None, Some((a, an, _))) => {
                        let (cy, cs) = calendar::season_of(a);
                        let start_this = |y: i32| calendar::season_bounds(y, *season).map(|b| b.0);
                        let cur_start = calendar::season_bounds(cy, cs).map(|b| b.0);
                        let y = match pick {
                            Pick::InYear(k) => a.year() + k,
                            Pick::This => {
                                if cs == *season {
                                    cy
                                } else {
                                    a.year()
                                }
                            }
                            Pick::Last => {
                                if start_this(a.year()) < cur_start {
                                    a.year()
                                } else {
                                    a.year() - 1
                                }
                            }
                            Pick::Next => {
                                if start_this(a.year()) > Some(a) {
                                    a.year()
                                } else {
                                    a.year() + 1
                                }
                            }
                            Pick::Tense => {
                                if cs == *season {
                                    cy
                                } else if tense == Tense::Future {
                                    if start_this(a.year()) > Some(a) {
                                        a.year()
                                    } else {
                                        a.year() + 1
                                    }
                                } else if start_this(a.year()) <= Some(a) {
                                    a.year()
                                } else {
                                    a.year() - 1
                                }
                            }
                        };
                        (y, an)
                    }
                    (None, None) => {
                        return Dated::unresolved(
                            format!("XXXX-{code}"),
                            Precision::Season,
                            TimexKind::Date,
                        )
                    }
                };
                match calendar::season_bounds(y, *season) {
                    Some((a, b)) => {
                        dated(format!("{y:04}-{code}"), a, b, Precision::Season, anchor)
                    }
                    None => Dated::unresolved(
                        format!("XXXX-{code}"),
                        Precision::Season,
                        TimexKind::Date,
                    ),
                }
            }
            Sem::Rel { unit, offset, base } => {
                let p = unit_precision(*unit);
                // "that year" after "in 2016" is 2016; after "December 7" it is that year.
                let Some((a, anchor, _)) = self.base(*base, pos, p) else {
                    return Dated::unresolved(x_value(p), p, TimexKind::Date);
                };
                match shift(a, *unit, *offset as f64) {
                    Some(d) => per(d, p, anchor),
                    None => Dated::unresolved(x_value(p), p, TimexKind::Date),
                }
            }
            Sem::Weekend { offset } => {
                let Some((a, anchor, _)) = self.base(Base::Dct, pos, Precision::Day) else {
                    return Dated::unresolved(
                        "XXXX-WXX-WE".into(),
                        Precision::Week,
                        TimexKind::Date,
                    );
                };
                let mut weeks = *offset as i64;
                let wd = a.weekday().num_days_from_monday();
                if *offset == 0 && tense != Tense::Future && wd < 4 {
                    weeks -= 1; // Said on a Monday to Thursday in the past tense: the one just gone.
                }
                let sat = a - Days::new(wd as u64) + Days::new(5);
                let sat = if weeks >= 0 {
                    sat + Days::new(7 * weeks as u64)
                } else {
                    sat - Days::new(7 * (-weeks) as u64)
                };
                let w = sat.iso_week();
                let v = format!("{:04}-W{:02}-WE", w.year(), w.week());
                dated(v, sat, sat + Days::new(1), Precision::Week, anchor)
            }
            Sem::Trailing { unit } => {
                let p = unit_precision(*unit);
                let Some((a, anchor, _)) = self.base(Base::Dct, pos, Precision::Day) else {
                    return Dated::unresolved(x_value(p), p, TimexKind::Date);
                };
                match (
                    shift(a, *unit, -1.0),
                    shift(a, *unit, -1.0).and_then(|d| period(d, p)),
                ) {
                    (Some(from), Some((v, _, _))) => dated(v, from, a, p, anchor),
                    _ => Dated::unresolved(x_value(p), p, TimexKind::Date),
                }
            }
            Sem::WeekOfMonth { n, month, year } => {
                let (y, anchor) = match (year, self.base(Base::Dct, pos, Precision::Day)) {
                    (Some(y), _) => (Some(*y), Anchor::None),
                    (None, Some((a, an, _))) => {
                        let cands: Vec<NaiveDate> = (-1..=1)
                            .filter_map(|k| ymd(a.year() + k, *month, 1))
                            .collect();
                        let this = ymd(a.year(), a.month(), 1).unwrap_or(a);
                        (Some(choose_by_tense(&cands, this, tense, 31).year()), an)
                    }
                    (None, None) => (None, Anchor::None),
                };
                let range = y.and_then(|y| {
                    let first = ymd(y, *month, 1)?;
                    let last = period(first, Precision::Month)?.2;
                    let start = if *n < 0 {
                        last - Days::new(6)
                    } else {
                        first + Days::new(7 * (*n as u64 - 1))
                    };
                    Some((start, (start + Days::new(6)).min(last)))
                });
                match range {
                    Some((a, b)) => {
                        let w = (a + Days::new(3)).iso_week();
                        let v = format!("{:04}-W{:02}", w.year(), w.week());
                        dated(v, a, b, Precision::Week, anchor)
                    }
                    None => Dated::unresolved("XXXX-WXX".into(), Precision::Week, TimexKind::Date),
                }
            }
            Sem::Ref(v) => {
                let Some((a, anchor, _)) = self.base(Base::Dct, pos, Precision::Day) else {
                    return Dated::unresolved((*v).to_string(), Precision::Vague, TimexKind::Date);
                };
                let (e, l) = match *v {
                    "PRESENT_REF" => (Some(start_of(a)), Some(end_of(a))),
                    "PAST_REF" => (None, Some(end_of(a))),
                    _ => (Some(start_of(a)), None),
                };
                Dated {
                    value: (*v).to_string(),
                    earliest: e,
                    latest: l,
                    precision: Precision::Vague,
                    anchor,
                    kind: TimexKind::Date,
                }
            }
            Sem::Offset {
                amount,
                unit,
                dir,
                base,
            } => self.offset(*amount, *unit, *dir, *base, pos, md),
            Sem::Duration { .. } | Sem::Set { .. } => {
                Dated::unresolved(String::new(), Precision::Vague, TimexKind::Date)
            }
        }
    }

    fn offset(
        &self,
        amount: Amount,
        unit: Unit,
        dir: i32,
        base: Base,
        pos: usize,
        md: Option<Mod>,
    ) -> Dated {
        let up = unit_precision(unit);
        // "a year ago" right after "the third quarter" compares quarters: count from that one.
        let quarter = (base == Base::Dct && unit == Unit::Year && dir < 0)
            .then(|| self.previous(pos, Precision::Quarter, 300))
            .flatten()
            .filter(|(t, _)| t.precision == Precision::Quarter);
        if let Some((t, d)) = quarter {
            let an = Anchor::Previous {
                span: t.span,
                date: d,
            };
            if let Some((v, s, e)) =
                shift(d, unit, -amount.lo).and_then(|x| period(x, Precision::Quarter))
            {
                return Dated::days(v, s, e, Precision::Quarter, an);
            }
        }
        let Some((a, anchor, aprec)) = self.base_within(base, pos, up, OFFSET_WINDOW) else {
            let v = if dir < 0 { "PAST_REF" } else { "FUTURE_REF" };
            return Dated::unresolved(v.into(), Precision::Vague, TimexKind::Date);
        };
        // Hours and minutes from a date-only anchor cannot be finer than the day.
        let mut p = match aprec {
            Some(ap) if ap > Precision::Day || base == Base::Previous => ap.max(Precision::Day),
            _ => up.max(Precision::Day),
        };
        if p == Precision::Decade || p == Precision::Century {
            p = Precision::Year;
        }
        let sign = dir as f64;
        if amount.vague {
            let v = if dir < 0 { "PAST_REF" } else { "FUTURE_REF" };
            let near = shift(a, unit, sign * amount.lo);
            let far = amount.hi.and_then(|h| shift(a, unit, sign * h));
            let (e, l) = if dir < 0 { (far, near) } else { (near, far) };
            return Dated {
                value: v.into(),
                earliest: e.map(start_of),
                latest: l.map(end_of),
                precision: up,
                anchor,
                kind: TimexKind::Date,
            };
        }
        let Some(target) = shift(a, unit, sign * amount.lo) else {
            return Dated::unresolved(x_value(p), p, TimexKind::Date);
        };
        let Some((v, s, e)) = period(target, p) else {
            return Dated::unresolved(x_value(p), p, TimexKind::Date);
        };
        let mut out = Dated::days(v, s, e, p, anchor);
        // "a week prior" to a known day is that day a week back give or take a day; "a month
        // earlier" a few days either way. Counts of days are taken as exact.
        let slack = match (p, unit) {
            (Precision::Day, Unit::Week) => 1,
            (Precision::Day, Unit::Month) => 3,
            _ => 0,
        };
        if slack > 0 {
            out.earliest = out.earliest.map(|x| x - Duration::days(slack));
            out.latest = out.latest.map(|x| x + Duration::days(slack));
        }
        // "more than four decades ago": open towards the far side of the offset.
        match (md, dir < 0) {
            (Some(Mod::MoreThan | Mod::OrMore | Mod::JustOver), true) => out.earliest = None,
            (Some(Mod::MoreThan | Mod::OrMore | Mod::JustOver), false) => out.latest = None,
            (Some(Mod::LessThan | Mod::OrLess | Mod::Nearly), true) => out.latest = Some(end_of(a)),
            (Some(Mod::LessThan | Mod::OrLess | Mod::Nearly), false) => {
                out.earliest = Some(start_of(a))
            }
            _ => {}
        }
        out
    }

    fn day(&self, day: &DayRef, tod: Option<Tod>, pos: usize, tense: Tense) -> Dated {
        let (date, anchor, fallback) = match *day {
            DayRef::Date {
                year: Some(y),
                month,
                day,
            } => (
                ymd(y, month, day),
                Anchor::None,
                format!("{y:04}-{month:02}-{day:02}"),
            ),
            DayRef::Date {
                year: None,
                month,
                day,
            } => {
                let fb = format!("XXXX-{month:02}-{day:02}");
                match self.base(Base::Dct, pos, Precision::Day) {
                    Some((a, an, _)) => {
                        let cands: Vec<NaiveDate> = (-1..=1)
                            .filter_map(|k| ymd(a.year() + k, month, day))
                            .collect();
                        if cands.is_empty() {
                            (None, Anchor::None, fb)
                        } else {
                            (Some(choose_by_tense(&cands, a, tense, 75)), an, fb)
                        }
                    }
                    None => (None, Anchor::None, fb),
                }
            }
            DayRef::Thanksgiving { year } => {
                let fourth_thu =
                    |y: i32| NaiveDate::from_weekday_of_month_opt(y, 11, Weekday::Thu, 4);
                match (year, self.base(Base::Dct, pos, Precision::Day)) {
                    (Some(y), _) => (fourth_thu(y), Anchor::None, format!("{y:04}-11-XX")),
                    (None, Some((a, an, _))) => {
                        let cands: Vec<NaiveDate> =
                            (-1..=1).filter_map(|k| fourth_thu(a.year() + k)).collect();
                        (
                            Some(choose_by_tense(&cands, a, tense, 75)),
                            an,
                            "XXXX-11-XX".into(),
                        )
                    }
                    (None, None) => (None, Anchor::None, "XXXX-11-XX".into()),
                }
            }
            DayRef::Weekday { wd, pick } => {
                let fb = format!("XXXX-WXX-{}", wd.number_from_monday());
                match self.base(Base::Dct, pos, Precision::Day) {
                    Some((a, an, _)) => (Some(weekday_near(a, wd, pick, tense)), an, fb),
                    None => (None, Anchor::None, fb),
                }
            }
            DayRef::Rel { days, base } => {
                // "the next day", "the night before" need a day the text just named; guessing
                // the publication date would state a date the text does not give. A bare
                // clock time ("at 10:30 a.m.") is on the day of the report unless said.
                let bare_clock = matches!(tod, Some(Tod::Clock(..))) && days == 0;
                let found = if base == Base::Previous && !bare_clock {
                    self.previous(pos, Precision::Day, PREVIOUS_WINDOW)
                        .map(|(t, d)| {
                            (
                                d,
                                Anchor::Previous {
                                    span: t.span,
                                    date: d,
                                },
                            )
                        })
                } else {
                    self.base(base, pos, Precision::Day)
                        .map(|(a, an, _)| (a, an))
                };
                match found {
                    Some((a, an)) => (shift(a, Unit::Day, days as f64), an, "XXXX-XX-XX".into()),
                    None => (None, Anchor::None, "XXXX-XX-XX".into()),
                }
            }
        };
        // As annotated in TBAQ: clock times ("3 p.m.", "9 a.m. Tuesday") and parts of days
        // counted from now ("this morning", "last night") are TIME; a part of a named day
        // ("Sunday night", 19 of 26 in TBAQ) is DATE.
        let kind = match (tod, day) {
            (None, _) => TimexKind::Date,
            (Some(Tod::Clock(..)), _) => TimexKind::Time,
            (
                Some(_),
                DayRef::Rel {
                    base: Base::Dct, ..
                },
            ) => TimexKind::Time,
            (Some(_), _) => TimexKind::Date,
        };
        let Some(d) = date else {
            let v = match tod {
                Some(t) => format!("{fallback}T{}", tod_code(t)),
                None => fallback,
            };
            let p = if tod.is_some() {
                Precision::PartOfDay
            } else {
                Precision::Day
            };
            return Dated::unresolved(v, p, kind);
        };
        let v = d.format("%Y-%m-%d").to_string();
        match tod {
            None => Dated::days(v, d, d, Precision::Day, anchor),
            Some(t) => {
                let at = |h: u32, m: u32| d.and_hms_opt(h, m, 0).unwrap_or_else(|| start_of(d));
                let (e, l, p) = match t {
                    Tod::Morning => (at(5, 0), at(11, 59), Precision::PartOfDay),
                    Tod::Afternoon => (at(12, 0), at(17, 59), Precision::PartOfDay),
                    Tod::Evening => (at(17, 0), at(21, 59), Precision::PartOfDay),
                    Tod::Night => (
                        at(20, 0),
                        at(23, 59) + Duration::hours(5),
                        Precision::PartOfDay,
                    ),
                    Tod::Clock(h, m) => (at(h, m), at(h, m), Precision::Minute),
                };
                Dated {
                    value: format!("{v}T{}", tod_code(t)),
                    earliest: Some(e),
                    latest: Some(l + Duration::seconds(59)),
                    precision: p,
                    anchor,
                    kind,
                }
            }
        }
    }
}

/// Simple past forms: "-ed" words and the common irregular verbs of news reports.
fn is_past_form(w: &str, kind: TokKind) -> bool {
    const IRREGULAR: &[&str] = &[
        "was", "were", "had", "did", "said", "told", "ago", "came", "took", "left", "went", "fled",
        "fell", "began", "met", "made", "gave", "saw", "became", "held", "got", "sent", "spoke",
        "wrote", "brought", "bought", "sold", "lost", "paid", "rose", "spent", "stood", "struck",
        "thought", "won", "fought", "kept", "knew", "led", "sought", "shot", "stole", "withdrew",
        "drove", "flew", "grew", "threw", "broke", "chose", "found", "heard", "built", "caught",
        "felt", "ran", "swore", "seized", "overran", "arose", "forgot",
    ];
    IRREGULAR.contains(&w) || (kind == TokKind::Word && w.len() >= 5 && w.ends_with("ed"))
}

/// Picks among candidate dates (the same month/day in neighbouring years) by tense: the
/// latest one not after the anchor for the past, the earliest not before it for the future,
/// the nearest otherwise. A tense-chosen date far away loses to one within `near_days`, since
/// tense cues are weaker evidence than a date a few days off.
fn choose_by_tense(
    cands: &[NaiveDate],
    anchor: NaiveDate,
    tense: Tense,
    near_days: i64,
) -> NaiveDate {
    let dist = |d: &NaiveDate| (*d - anchor).num_days().abs();
    let nearest = *cands
        .iter()
        .min_by_key(|d| (dist(d), **d > anchor))
        .unwrap_or(&anchor);
    let by_tense = match tense {
        Tense::Past => cands.iter().rev().find(|d| **d <= anchor).copied(),
        Tense::Future => cands.iter().find(|d| **d >= anchor).copied(),
        Tense::Unknown => None,
    };
    match by_tense {
        Some(d) if dist(&d) > 183 && dist(&nearest) <= near_days => nearest,
        Some(d) => d,
        None => nearest,
    }
}

/// The weekday meant by "Sunday" in a text dated `a`: the day itself if it is that weekday,
/// else the nearest one in the direction of the tense (the past by default, as news reports).
fn weekday_near(a: NaiveDate, wd: Weekday, pick: Pick, tense: Tense) -> NaiveDate {
    let back =
        (7 + a.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64) % 7;
    let fwd = (7 - back) % 7;
    let days = match pick {
        Pick::This => wd.num_days_from_monday() as i64 - a.weekday().num_days_from_monday() as i64,
        Pick::Last => -(if back == 0 { 7 } else { back }),
        Pick::Next => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Pick::Tense | Pick::InYear(_) if back == 0 => 0,
        Pick::Tense if tense == Tense::Future => fwd,
        Pick::Tense | Pick::InYear(_) => -back,
    };
    a + Duration::days(days)
}

/// Shifts or widens a date interval for a qualifier: "early" is the first third, "mid" the
/// middle third, "late" the last third; "the beginning of" / "the end of" the first or last
/// sixth; "about" widens by the interval's own length either side. "earlier this year" runs
/// from the start of the year to the anchor. Intervals longer than a day are cut on day
/// boundaries, a single day at 08:00 and 16:00.
fn apply_date_mod(
    md: Mod,
    a: NaiveDateTime,
    b: NaiveDateTime,
    first_word: &str,
    dct: Option<NaiveDate>,
) -> (NaiveDateTime, NaiveDateTime) {
    let len = b - a;
    let sec = Duration::seconds(1);
    let edge = matches!(first_word, "the" | "end" | "beginning" | "start" | "close");
    let parts = if edge { 6 } else { 3 };
    let days = (b.date() - a.date()).num_days() + 1;
    let part = if days >= 2 {
        Duration::days((days as f64 / parts as f64).round().max(1.0) as i64)
    } else {
        Duration::seconds((len.num_seconds() + 1) / parts)
    };
    match md {
        Mod::Start if first_word == "earlier" => (a, dct.map_or(b, end_of).min(b).max(a)),
        Mod::End if first_word == "later" => (dct.map_or(a, start_of).max(a).min(b), b),
        Mod::Start => (a, a + part - sec),
        Mod::End => (b + sec - part, b),
        Mod::Mid => {
            let mid = a + len / 2;
            (mid - part / 2, mid + part / 2)
        }
        Mod::Approx | Mod::Nearly => (a - len - sec, b + len + sec),
        _ => (a, b),
    }
}

/// Lower and upper bound on a duration's length in its own unit; `None` is open.
fn bounds(amount: Amount, unit: Unit, md: Option<Mod>) -> (Option<f64>, Option<f64>) {
    let n = amount.lo;
    // One step of the next smaller unit, in this unit: "just over a week" starts at 8 days.
    let step = match unit {
        Unit::Week => 1.0 / 7.0,
        Unit::Month => 1.0 / 30.0,
        Unit::Year => 1.0 / 12.0,
        Unit::Decade => 0.1,
        Unit::Century => 0.1,
        Unit::Day => 1.0 / 24.0,
        Unit::Hour => 1.0 / 60.0,
        _ => 0.0,
    };
    match md {
        Some(Mod::MoreThan | Mod::OrMore) => (Some(n), None),
        Some(Mod::LessThan | Mod::OrLess) => (None, amount.hi),
        Some(Mod::Nearly) => (Some(n * 0.8), Some(n)),
        Some(Mod::Approx) => (Some(n * 0.8), Some(amount.hi.unwrap_or(n) * 1.2)),
        Some(Mod::JustOver) => (Some(n + step), Some(n * 1.4)),
        _ => (Some(n), amount.hi),
    }
}

fn unit_letter(unit: Unit) -> (&'static str, &'static str) {
    match unit {
        Unit::Second => ("T", "S"),
        Unit::Minute => ("T", "M"),
        Unit::Hour => ("T", "H"),
        Unit::Day => ("", "D"),
        Unit::Week => ("", "W"),
        Unit::Month | Unit::Quarter => ("", "M"),
        Unit::Year | Unit::Decade => ("", "Y"),
        Unit::Century => ("", "E"),
    }
}

/// TIMEX3 duration value: "P12D", "PT24H", "P20Y" for two decades, "PXY" for "years".
/// Fractions move to the next smaller unit ("a year and a half" is "P18M").
pub(crate) fn duration_value(amount: Amount, unit: Unit) -> String {
    let (t, letter) = unit_letter(unit);
    if amount.vague {
        return format!("P{t}X{letter}");
    }
    let mut n = amount.lo;
    let mut unit = unit;
    match unit {
        Unit::Decade => {
            n *= 10.0;
            unit = Unit::Year;
        }
        Unit::Century => {
            n *= 100.0;
            unit = Unit::Year;
        }
        Unit::Quarter => {
            n *= 3.0;
            unit = Unit::Month;
        }
        _ => {}
    }
    let (t, letter) = unit_letter(unit);
    if (n - n.round()).abs() > 1e-9 {
        let smaller = match unit {
            Unit::Year => Some((12.0, Unit::Month)),
            Unit::Month => Some((30.0, Unit::Day)),
            Unit::Week => Some((7.0, Unit::Day)),
            Unit::Day => Some((24.0, Unit::Hour)),
            Unit::Hour => Some((60.0, Unit::Minute)),
            Unit::Minute => Some((60.0, Unit::Second)),
            _ => None,
        };
        if let Some((k, u)) = smaller {
            // "2 1/2 years" is P2Y6M, "half an hour" PT30M, "a day and a half" P1DT12H.
            // Weeks and days do not mix in ISO 8601: 1.2 weeks is P8D.
            let whole = if unit == Unit::Week { 0.0 } else { n.floor() };
            let rest = ((n - whole) * k).round() as i64;
            let (t2, letter2) = unit_letter(u);
            let head = if whole > 0.0 {
                format!("{t}{}{letter}", whole as i64)
            } else {
                String::new()
            };
            let t2 = if head.contains('T') { "" } else { t2 };
            return format!("P{head}{t2}{rest}{letter2}");
        }
    }
    format!("P{t}{}{letter}", n.round() as i64)
}

fn x_value(p: Precision) -> String {
    match p {
        Precision::Day => "XXXX-XX-XX",
        Precision::Week => "XXXX-WXX",
        Precision::Month => "XXXX-XX",
        Precision::Quarter => "XXXX-QX",
        Precision::Decade => "XXX",
        Precision::Century => "XX",
        _ => "XXXX",
    }
    .to_string()
}
