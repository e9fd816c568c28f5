//! Recognition: matches time expressions over tokens and records what each one means before
//! any anchor is known.
//!
//! The grammar is a set of hand-written rules tried at every token; the longest match wins and
//! matching resumes after it. Each rule returns a [`Sem`], which `resolve` turns into a value and
//! an interval. Keeping meaning separate from resolution is what lets the same sentence be
//! re-anchored (another publication date, an event date) without re-parsing.

use crate::token::{Tok, TokKind};
use chrono::Weekday;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// A count of units. `hi == Some(lo)` is exact; `vague` amounts print as `X` in values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Amount {
    pub lo: f64,
    pub hi: Option<f64>,
    pub vague: bool,
}

impl Amount {
    pub fn exact(n: f64) -> Amount {
        Amount {
            lo: n,
            hi: Some(n),
            vague: false,
        }
    }
    pub fn vague(lo: f64, hi: Option<f64>) -> Amount {
        Amount {
            lo,
            hi,
            vague: true,
        }
    }
}

/// Part of a day, or a clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tod {
    Morning,
    Afternoon,
    Evening,
    Night,
    Clock(u32, u32),
}

/// What a relative expression counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Base {
    /// The publication date ("yesterday", "two years ago", "next week").
    Dct,
    /// The time the text was just talking about ("the next day", "a week prior"), falling back
    /// to the publication date when nothing suitable came before.
    Previous,
}

/// Which occurrence of a weekday, month or season is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pick {
    /// Decide from tense: the nearest one on the side of the anchor the verb points to.
    Tense,
    Last,
    This,
    Next,
    /// "June last year": the one in the anchor's year plus this many years.
    InYear(i32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayRef {
    Date {
        year: Option<i32>,
        month: u32,
        day: u32,
    },
    Weekday {
        wd: Weekday,
        pick: Pick,
    },
    Rel {
        days: i32,
        base: Base,
    },
    Thanksgiving {
        year: Option<i32>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Frame {
    /// Just a length ("in just 12 days").
    Free,
    /// Ends at the anchor: "the past two years", "for 24 years" (past tense), "recent days".
    EndsAtAnchor,
    /// Starts at the anchor: "the next two weeks", "the coming days".
    StartsAtAnchor,
    /// Starts at a previously dated event the text names: "the first 24 hours of the
    /// operation"; the token range is the event's noun phrase.
    StartsAtEvent { start: usize, end: usize },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Sem {
    Day {
        day: DayRef,
        tod: Option<Tod>,
    },
    Month {
        year: Option<i32>,
        month: u32,
        pick: Pick,
    },
    Year(i32),
    Decade(i32),
    /// Century number minus one, as TIMEX3 writes it: the 21st century is `20`.
    Century(i32),
    /// `q == None`: the latest completed quarter ("the quarter", "the latest quarter").
    Quarter {
        year: Option<i32>,
        q: Option<u32>,
        year_shift: i32,
    },
    Half {
        year: Option<i32>,
        h: u32,
    },
    Season {
        year: Option<i32>,
        season: Season,
        pick: Pick,
    },
    /// This/last/next unit: offset counted in whole calendar units from the base.
    Rel {
        unit: Unit,
        offset: i32,
        base: Base,
    },
    Weekend {
        offset: i32,
    },
    /// "the past year": TimeML writes the previous calendar unit's value, but the stretch
    /// meant is the one unit of time up to the anchor.
    Trailing {
        unit: Unit,
    },
    /// "the first week of December": days 1-7 (or the last seven days for `n == -1`).
    WeekOfMonth {
        n: i32,
        month: u32,
        year: Option<i32>,
    },
    Ref(&'static str),
    /// "two years ago", "a week prior", "three days later".
    Offset {
        amount: Amount,
        unit: Unit,
        dir: i32,
        base: Base,
    },
    Duration {
        amount: Amount,
        unit: Unit,
        frame: Frame,
    },
    Set {
        value: String,
    },
}

/// Fuzzy qualifiers that change an interval or a duration's bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mod {
    Start,
    Mid,
    End,
    Approx,
    MoreThan,
    LessThan,
    OrMore,
    OrLess,
    JustOver,
    Nearly,
}

impl Mod {
    pub fn timeml(self) -> &'static str {
        match self {
            Mod::Start => "START",
            Mod::Mid => "MID",
            Mod::End => "END",
            Mod::Approx => "APPROX",
            Mod::MoreThan | Mod::JustOver => "MORE_THAN",
            Mod::LessThan => "LESS_THAN",
            Mod::OrMore => "EQUAL_OR_MORE",
            Mod::OrLess | Mod::Nearly => "EQUAL_OR_LESS",
        }
    }
    fn is_positional(self) -> bool {
        matches!(self, Mod::Start | Mod::Mid | Mod::End)
    }
}

/// One recognized expression: tokens `start..end`, its meaning and qualifier.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Match {
    pub start: usize,
    pub end: usize,
    pub sem: Sem,
    pub modifier: Option<Mod>,
    /// First token of a qualifier that TimeML leaves outside the extent ("*about* two
    /// weeks"): it still sets `modifier`, and its own span is reported separately.
    pub qualifier: Option<usize>,
}

impl Match {
    fn new(start: usize, end: usize, sem: Sem, modifier: Option<Mod>) -> Match {
        Match {
            start,
            end,
            sem,
            modifier,
            qualifier: None,
        }
    }
    /// The first token the expression or its qualifier covers.
    pub fn first(&self) -> usize {
        self.qualifier.unwrap_or(self.start)
    }
}

/// Qualifiers TimeML annotators (TBAQ) mostly leave outside the extent: "about" (4 of 6 before
/// a count). The guidelines put qualifiers inside, and TBAQ agrees or ties for "nearly",
/// "almost", "over", "more than", "at least", "up to", "early", "late".
const OUTSIDE_QUALIFIERS: &[&str] = &["about"];

pub(crate) fn recognize(toks: &[Tok]) -> Vec<Match> {
    let g = G { t: toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // No expression starts with punctuation; skipping it saves every rule a look.
        if toks[i].kind == TokKind::Punct {
            i += 1;
            continue;
        }
        match g.best(i) {
            Some(m) => {
                i = m.end;
                let second = g.second_day(&m);
                out.push(m);
                if let Some(m2) = second {
                    i = m2.end;
                    out.push(m2);
                }
            }
            None => i += 1,
        }
    }
    out
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("mon", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("tue", Weekday::Tue),
    ("tues", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("wed", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("thu", Weekday::Thu),
    ("thur", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("fri", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sat", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("sun", Weekday::Sun),
];

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
];

const TENS: &[(&str, f64)] = &[
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

const ORDINALS: &[(&str, u32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
];

const TIMEZONES: &[&str] = &[
    "est", "edt", "et", "gmt", "utc", "cet", "cest", "pst", "pdt", "cst", "cdt", "bst", "msk",
];

/// Words before a bare month name that make "May" or "March" a month, not a verb.
const MONTH_CUES: &[&str] = &[
    "in",
    "of",
    "since",
    "until",
    "till",
    "by",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "from",
    "through",
    "during",
    "before",
    "after",
    "between",
    "and",
    "to",
    "end",
    "beginning",
];

fn lookup<T: Copy>(table: &[(&str, T)], w: &str) -> Option<T> {
    table.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

pub(crate) fn unit_word(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "second" => (Unit::Second, false),
        "seconds" => (Unit::Second, true),
        "minute" | "min" => (Unit::Minute, false),
        "minutes" | "mins" => (Unit::Minute, true),
        "hour" | "hr" => (Unit::Hour, false),
        "hours" | "hrs" => (Unit::Hour, true),
        "day" | "night" => (Unit::Day, false),
        "days" | "nights" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" | "yr" => (Unit::Year, false),
        "years" | "yrs" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

struct G<'a> {
    t: &'a [Tok],
}

impl G<'_> {
    fn w(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.norm.as_str())
    }
    fn is(&self, i: usize, s: &str) -> bool {
        self.w(i) == s
    }
    fn any(&self, i: usize, set: &[&str]) -> bool {
        let w = self.w(i);
        !w.is_empty() && set.contains(&w)
    }
    /// Consecutive words from `i`; returns the index after them.
    fn seq(&self, i: usize, words: &[&str]) -> Option<usize> {
        words
            .iter()
            .enumerate()
            .all(|(k, w)| self.is(i + k, w))
            .then_some(i + words.len())
    }
    fn joined(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.joined)
    }
    fn num_tok(&self, i: usize) -> Option<f64> {
        let t = self.t.get(i)?;
        if t.kind != TokKind::Number || t.norm.contains(':') {
            return None;
        }
        t.norm.replace(',', "").parse().ok()
    }
    fn int_tok(&self, i: usize) -> Option<u32> {
        let t = self.t.get(i)?;
        if t.kind != TokKind::Number || !t.norm.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        t.norm.parse().ok()
    }

    fn best(&self, i: usize) -> Option<Match> {
        let mut best: Option<Match> = None;
        let mut consider = |m: Option<Match>| {
            if let Some(m) = m {
                if best.as_ref().is_none_or(|b| m.end > b.end) {
                    best = Some(m);
                }
            }
        };
        consider(self.core(i).map(|(end, sem)| Match::new(i, end, sem, None)));
        if let Some((j, md)) = self.modifier(i) {
            if let Some((end, sem)) = self.core(j) {
                let fits = match &sem {
                    Sem::Duration { .. } | Sem::Offset { .. } => !md.is_positional(),
                    Sem::Set { .. } | Sem::Ref(_) => false,
                    // "the late 1970s" keeps its article; "the late-November rally" does not.
                    Sem::Decade(_) | Sem::Century(_) => md.is_positional() || md == Mod::Approx,
                    _ if self.is(i, "the") && self.any(i + 1, &["early", "late", "mid"]) => false,
                    _ => md.is_positional() || md == Mod::Approx,
                };
                // A hedge before a clock reading ("around 5:30 p.m.") stays outside too.
                let clock = self.t.get(j).is_some_and(|t| t.norm.contains(':'));
                if fits && (self.any(i, OUTSIDE_QUALIFIERS) || clock) {
                    let m = Match {
                        start: j,
                        end,
                        sem,
                        modifier: Some(md),
                        qualifier: Some(i),
                    };
                    consider(Some(m));
                } else if fits {
                    consider(Some(Match::new(i, end, sem, Some(md))));
                }
            }
        }
        consider(self.earlier_later(i));
        consider(self.year_end(i));
        // "the next year or so", "two weeks or so": the hedge belongs to the expression.
        if let Some(m) = best.as_mut() {
            if self.seq(m.end, &["or", "so"]).is_some() {
                m.end += 2;
                m.modifier = m.modifier.or(Some(Mod::Approx));
            }
        }
        best
    }

    /// Qualifiers in front of an expression.
    fn modifier(&self, i: usize) -> Option<(usize, Mod)> {
        let w = self.w(i);
        // A clock reading counts as a number: "about 8:40 p.m." is hedged as "about 9" is.
        let clock = |j: usize| {
            self.t.get(j).is_some_and(|t| {
                t.kind == TokKind::Number
                    && t.norm.contains(':')
                    && t.norm.bytes().all(|b| b.is_ascii_digit() || b == b':')
            })
        };
        let after_num = |j: usize| {
            self.num_tok(j).is_some()
                || clock(j)
                || self.number(j).is_some()
                || self.any(j, &["a", "an", "one", "half"])
        };
        let r = match w {
            "early" => (i + 1, Mod::Start),
            "late" => (i + 1, Mod::End),
            "mid" if self.joined(i + 1) || self.w(i + 1).chars().all(|c| c.is_ascii_digit()) => {
                (i + 1, Mod::Mid)
            }
            "the" if self.any(i + 1, &["early", "late", "mid"]) => {
                let (j, md) = self.modifier(i + 1)?;
                (j, md)
            }
            "the" | "end" | "beginning" | "start" | "middle" | "close" => {
                let j = if w == "the" { i + 1 } else { i };
                let md = match self.w(j) {
                    "end" | "close" => Mod::End,
                    "beginning" | "start" => Mod::Start,
                    "middle" => Mod::Mid,
                    _ => return None,
                };
                if !self.is(j + 1, "of") {
                    return None;
                }
                (j + 2, md)
            }
            "about" | "around" | "approximately" | "roughly" | "some" | "nearly" | "almost" => {
                if !after_num(i + 1) {
                    return None;
                }
                let md = if matches!(w, "nearly" | "almost") {
                    Mod::Nearly
                } else {
                    Mod::Approx
                };
                (i + 1, md)
            }
            "over" | "upwards" if after_num(i + 1) => (i + 1, Mod::MoreThan),
            "more" | "less" | "fewer" if self.is(i + 1, "than") && after_num(i + 2) => (
                i + 2,
                if w == "more" {
                    Mod::MoreThan
                } else {
                    Mod::LessThan
                },
            ),
            "under" if after_num(i + 1) => (i + 1, Mod::LessThan),
            "at" if self.any(i + 1, &["least", "most"]) && after_num(i + 2) => (
                i + 2,
                if self.is(i + 1, "least") {
                    Mod::OrMore
                } else {
                    Mod::OrLess
                },
            ),
            "up" if self.is(i + 1, "to") && after_num(i + 2) => (i + 2, Mod::OrLess),
            "no" if self.any(i + 1, &["more", "less"]) && self.is(i + 2, "than") => (
                i + 3,
                if self.is(i + 1, "more") {
                    Mod::OrLess
                } else {
                    Mod::OrMore
                },
            ),
            "just" | "a" | "slightly" => {
                let j = if w == "a" && self.is(i + 1, "little") {
                    i + 2
                } else {
                    i + 1
                };
                if j == i + 1 && w == "a" {
                    return None;
                }
                if self.is(j, "over") || self.seq(j, &["more", "than"]).is_some() {
                    let k = if self.is(j, "over") { j + 1 } else { j + 2 };
                    (k, Mod::JustOver)
                } else if self.is(j, "under") || self.seq(j, &["less", "than"]).is_some() {
                    let k = if self.is(j, "under") { j + 1 } else { j + 2 };
                    (k, Mod::Nearly)
                } else {
                    return None;
                }
            }
            _ => return None,
        };
        // "late on December 7", "early in 2013".
        let (j, md) = r;
        if md.is_positional() && self.any(j, &["on", "in"]) {
            return Some((j + 1, md));
        }
        Some(r)
    }

    /// "April 24 and 25", "December 7-8": the second day shares the first one's month.
    fn second_day(&self, m: &Match) -> Option<Match> {
        let Sem::Day {
            day: DayRef::Date { year, month, .. },
            tod: None,
        } = m.sem
        else {
            return None;
        };
        let j = m.end;
        let k = if self.joined(j) {
            j
        } else if self.any(j, &["and", "to", "through", "until"]) {
            j + 1
        } else {
            return None;
        };
        let (end, day) = self.day_num(k)?;
        let closes = self.t.get(end).is_none_or(|t| t.kind == TokKind::Punct);
        if !closes {
            return None;
        }
        let sem = Sem::Day {
            day: DayRef::Date { year, month, day },
            tod: None,
        };
        Some(Match::new(k, end, sem, None))
    }

    /// "year-end", "year end", "year's end": the end of the anchor's year.
    fn year_end(&self, i: usize) -> Option<Match> {
        if !self.is(i, "year") {
            return None;
        }
        let end = if self.is(i + 1, "'s") && self.is(i + 2, "end") {
            i + 3
        } else if self.is(i + 1, "end") {
            i + 2
        } else {
            return None;
        };
        let sem = Sem::Rel {
            unit: Unit::Year,
            offset: 0,
            base: Base::Dct,
        };
        Some(Match::new(i, end, sem, Some(Mod::End)))
    }

    /// "earlier this year", "later this month", "earlier today", "later in the day".
    fn earlier_later(&self, i: usize) -> Option<Match> {
        let md = match self.w(i) {
            "earlier" => Mod::Start,
            "later" => Mod::End,
            _ => return None,
        };
        if self.any(i + 1, &["this", "that"]) {
            let base = if self.is(i + 1, "this") {
                Base::Dct
            } else {
                Base::Previous
            };
            let (unit, _) = unit_word(self.w(i + 2))?;
            if unit == Unit::Day {
                let sem = Sem::Day {
                    day: DayRef::Rel { days: 0, base },
                    tod: None,
                };
                return Some(Match::new(i, i + 3, sem, None));
            }
            let sem = Sem::Rel {
                unit,
                offset: 0,
                base,
            };
            if unit == Unit::Week {
                // TBAQ leaves "earlier" outside "this week" (4 of 4), inside "this month/year".
                let m = Match {
                    start: i + 1,
                    end: i + 3,
                    sem,
                    modifier: Some(md),
                    qualifier: Some(i),
                };
                return Some(m);
            }
            return Some(Match::new(i, i + 3, sem, Some(md)));
        }
        if self.is(i + 1, "today") {
            let sem = Sem::Day {
                day: DayRef::Rel {
                    days: 0,
                    base: Base::Dct,
                },
                tod: None,
            };
            return Some(Match::new(i, i + 2, sem, None));
        }
        if let Some(end) = self.seq(i + 1, &["in", "the", "year"]) {
            let sem = Sem::Rel {
                unit: Unit::Year,
                offset: 0,
                base: Base::Previous,
            };
            return Some(Match::new(i, end, sem, Some(md)));
        }
        if let Some(end) = self.seq(i + 1, &["in", "the", "day"]) {
            let sem = Sem::Day {
                day: DayRef::Rel {
                    days: 0,
                    base: Base::Previous,
                },
                tod: None,
            };
            return Some(Match::new(i, end, sem, None));
        }
        None
    }

    fn core(&self, i: usize) -> Option<(usize, Sem)> {
        let mut best: Option<(usize, Sem)> = None;
        let cands = [
            self.clock_expr(i),
            self.day_expr_with_tod(i),
            self.month_expr(i),
            self.week_of_month(i),
            self.year_expr(i),
            self.decade_century(i),
            self.quarter_half(i),
            self.season_expr(i),
            self.relative(i),
            self.reference(i),
            self.duration(i),
            self.set_expr(i),
        ];
        for c in cands.into_iter().flatten() {
            if best.as_ref().is_none_or(|b| c.0 > b.0) {
                best = Some(c);
            }
        }
        best
    }

    /// A cardinal number in digits or words: "12", "twelve", "twenty-four", "two and a half".
    fn number(&self, i: usize) -> Option<(usize, f64)> {
        let (mut j, mut n) = if let Some(n) = self.num_tok(i) {
            if self.year_tok(i).is_some() {
                return None; // "the 1988 quarter" is a year, not 1988 quarters.
            }
            (i + 1, n)
        } else if let Some(n) = lookup(SMALL, self.w(i)) {
            (i + 1, n)
        } else if let Some(t) = lookup(TENS, self.w(i)) {
            match lookup(SMALL, self.w(i + 1)) {
                Some(u) if u < 10.0 => (i + 2, t + u),
                _ => (i + 1, t),
            }
        } else if self.is(i, "dozen") {
            (i + 1, 12.0)
        } else {
            return None;
        };
        if self.any(j, &["hundred", "thousand"]) {
            n *= if self.is(j, "hundred") { 100.0 } else { 1000.0 };
            j += 1;
        }
        if let Some(k) = self.seq(j, &["and", "a", "half"]) {
            return Some((k, n + 0.5));
        }
        if self.is(j, "1") && self.is(j + 1, "/") && self.is(j + 2, "2") {
            return Some((j + 3, n + 0.5));
        }
        Some((j, n))
    }

    /// Counts a duration can start with, exact or vague.
    fn amount(&self, i: usize) -> Option<(usize, Amount)> {
        if self.is(i, "half") && self.any(i + 1, &["a", "an"]) {
            return Some((i + 2, Amount::exact(0.5)));
        }
        if self.any(i, &["a", "an"]) {
            if self.is(i + 1, "few") {
                return Some((i + 2, Amount::vague(2.0, Some(6.0))));
            }
            if self.is(i + 1, "couple") {
                let j = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
                return Some((j, Amount::vague(2.0, Some(3.0))));
            }
            if self.is(i + 1, "half") {
                return Some((i + 2, Amount::exact(0.5)));
            }
            if self.is(i + 1, "dozen") {
                return Some((i + 2, Amount::exact(12.0)));
            }
            if self.any(i + 1, &["number", "handful"]) && self.is(i + 2, "of") {
                return Some((i + 3, Amount::vague(2.0, None)));
            }
            return Some((i + 1, Amount::exact(1.0)));
        }
        match self.w(i) {
            "few" => return Some((i + 1, Amount::vague(2.0, Some(6.0)))),
            "couple" => {
                let j = if self.is(i + 1, "of") { i + 2 } else { i + 1 };
                return Some((j, Amount::vague(2.0, Some(3.0))));
            }
            "several" => return Some((i + 1, Amount::vague(3.0, Some(9.0)))),
            "many" | "numerous" => return Some((i + 1, Amount::vague(3.0, None))),
            "dozens" | "hundreds" if self.is(i + 1, "of") => {
                let lo = if self.is(i, "dozens") { 24.0 } else { 200.0 };
                return Some((i + 2, Amount::vague(lo, None)));
            }
            _ => {}
        }
        let (j, n) = self.number(i)?;
        // "two to three weeks", "12 to 18 months", "two or three days", "10-12 days"
        let k = if self.any(j, &["to", "or"]) { j + 1 } else { j };
        if k > j || self.joined(j) {
            if let Some((end, m)) = self.number(k) {
                if m > n && unit_word(self.w(end)).is_some() {
                    return Some((
                        end,
                        Amount {
                            lo: n,
                            hi: Some(m),
                            vague: false,
                        },
                    ));
                }
            }
        }
        Some((j, Amount::exact(n)))
    }

    fn ordinal(&self, i: usize) -> Option<(usize, u32)> {
        let w = self.w(i);
        if let Some(n) = lookup(ORDINALS, w) {
            return Some((i + 1, n));
        }
        if let Some(t) = lookup(TENS, w) {
            if let Some(u) = lookup(ORDINALS, self.w(i + 1)) {
                if u < 10 {
                    return Some((i + 2, t as u32 + u));
                }
            }
        }
        let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
        let suffix = &w[digits.len()..];
        if !digits.is_empty() && matches!(suffix, "st" | "nd" | "rd" | "th") {
            return digits.parse().ok().map(|n| (i + 1, n));
        }
        None
    }

    fn month_name(&self, i: usize) -> Option<u32> {
        let t = self.t.get(i)?;
        let m = lookup(MONTHS, &t.norm)?;
        // Three-letter forms only with their dot ("Mar."), and names only capitalized, so the
        // verbs "may", "march" and the word "sep" are not months.
        // Abbreviations need their dot or a day after them: "Jan Kavan" is a name.
        if t.norm.len() <= 4 && t.norm != "may" && t.norm != "june" && t.norm != "july" {
            let dotted = t.end - t.start > t.norm.len();
            let day_follows = self.int_tok(i + 1).is_some_and(|d| (1..=31).contains(&d));
            if !dotted && !day_follows {
                return None;
            }
        }
        if !t.capital {
            return None;
        }
        Some(m)
    }

    fn weekday(&self, i: usize) -> Option<Weekday> {
        let t = self.t.get(i)?;
        let wd = lookup(WEEKDAYS, &t.norm)?;
        if t.norm.len() <= 5 && !t.norm.ends_with("day") && t.end - t.start == t.norm.len() {
            return None; // "sat", "sun", "wed" only as "Sat." etc.
        }
        Some(wd)
    }

    fn year_tok(&self, i: usize) -> Option<i32> {
        let t = self.t.get(i)?;
        if t.norm.len() != 4 {
            return None;
        }
        let y = self.int_tok(i)? as i32;
        (1000..=2199).contains(&y).then_some(y)
    }

    fn day_num(&self, i: usize) -> Option<(usize, u32)> {
        let (j, d) = match self.int_tok(i) {
            Some(d) if self.t[i].norm.len() <= 2 => (i + 1, d),
            _ => self.ordinal(i)?,
        };
        (1..=31).contains(&d).then_some((j, d))
    }

    /// Optional ", 2024" / " 2024" after a month and day.
    fn opt_year(&self, j: usize) -> (usize, Option<i32>) {
        if self.is(j, ",") {
            if let Some(y) = self.year_tok(j + 1) {
                return (j + 2, Some(y));
            }
        }
        if let Some(y) = self.year_tok(j) {
            return (j + 1, Some(y));
        }
        (j, None)
    }

    /// Expressions naming one day.
    fn day_expr(&self, i: usize) -> Option<(usize, DayRef)> {
        let w = self.w(i);
        // Month day [, year]
        if let Some(month) = self.month_name(i) {
            let k = if self.is(i + 1, "the") { i + 2 } else { i + 1 };
            if let Some((j, day)) = self.day_num(k) {
                if self.any(j, &["am", "pm"]) {
                    return None;
                }
                let (j, year) = self.opt_year(j);
                return Some((j, DayRef::Date { year, month, day }));
            }
        }
        // [the] day [of] Month [year]
        let k = if w == "the" { i + 1 } else { i };
        if let Some((j, day)) = self.day_num(k) {
            let j2 = if self.is(j, "of") { j + 1 } else { j };
            if let Some(month) = self.month_name(j2) {
                let (end, year) = self.opt_year(j2 + 1);
                return Some((end, DayRef::Date { year, month, day }));
            }
        }
        // Weekday [, Month day [, year]]
        if let Some(wd) = self.weekday(i) {
            let k = if self.is(i + 1, ",") { i + 2 } else { i + 1 };
            if let Some((j, d)) = self.day_expr(k) {
                if matches!(d, DayRef::Date { .. }) {
                    return Some((j, d));
                }
            }
            return Some((
                i + 1,
                DayRef::Weekday {
                    wd,
                    pick: Pick::Tense,
                },
            ));
        }
        // ISO 2024-12-08 and US 12/8/2024.
        if let Some(year) = self.year_tok(i) {
            if self.joined(i + 1) && self.joined(i + 2) {
                if let (Some(m), Some(d)) = (self.int_tok(i + 1), self.int_tok(i + 2)) {
                    if (1..=12).contains(&m) && (1..=31).contains(&d) {
                        return Some((
                            i + 3,
                            DayRef::Date {
                                year: Some(year),
                                month: m,
                                day: d,
                            },
                        ));
                    }
                }
            }
        }
        if let (Some(m), true, Some(d), true) = (
            self.int_tok(i),
            self.is(i + 1, "/"),
            self.int_tok(i + 2),
            self.is(i + 3, "/"),
        ) {
            if let Some(y) = self.year_tok(i + 4) {
                if (1..=12).contains(&m) && (1..=31).contains(&d) {
                    return Some((
                        i + 5,
                        DayRef::Date {
                            year: Some(y),
                            month: m,
                            day: d,
                        },
                    ));
                }
            }
        }
        let dct = |days| {
            Some(DayRef::Rel {
                days,
                base: Base::Dct,
            })
        };
        let prev = |days| {
            Some(DayRef::Rel {
                days,
                base: Base::Previous,
            })
        };
        let simple = match w {
            "today" => dct(0),
            "yesterday" => dct(-1),
            "tomorrow" => dct(1),
            _ => None,
        };
        if let Some(d) = simple {
            return Some((i + 1, d));
        }
        // last/this/next/coming weekday
        let pick = match w {
            "last" | "past" => Some(Pick::Last),
            "this" => Some(Pick::This),
            "next" | "coming" => Some(Pick::Next),
            _ => None,
        };
        if let (Some(pick), Some(wd)) = (pick, self.weekday(i + 1)) {
            return Some((i + 2, DayRef::Weekday { wd, pick }));
        }
        if self.seq(i, &["this", "coming"]).is_some() {
            if let Some(wd) = self.weekday(i + 2) {
                return Some((
                    i + 3,
                    DayRef::Weekday {
                        wd,
                        pick: Pick::Next,
                    },
                ));
            }
        }
        if let Some(end) = self.seq(i, &["the", "day", "before", "yesterday"]) {
            return Some((
                end,
                DayRef::Rel {
                    days: -2,
                    base: Base::Dct,
                },
            ));
        }
        if let Some(end) = self.seq(i, &["the", "day", "after", "tomorrow"]) {
            return Some((
                end,
                DayRef::Rel {
                    days: 2,
                    base: Base::Dct,
                },
            ));
        }
        // Days relative to the day just talked about.
        let phrases: &[(&[&str], i32)] = &[
            (&["that", "same", "day"], 0),
            (&["the", "same", "day"], 0),
            (&["that", "day"], 0),
            (&["the", "next", "day"], 1),
            (&["the", "following", "day"], 1),
            (&["the", "day", "after"], 1),
            (&["the", "previous", "day"], -1),
            (&["the", "day", "before"], -1),
            (&["a", "day", "later"], 1),
            (&["a", "day", "earlier"], -1),
        ];
        for (p, days) in phrases {
            if let Some(end) = self.seq(i, p) {
                return Some((end, prev(*days)?));
            }
        }
        // Holidays with fixed dates.
        let fixed: &[(&[&str], u32, u32)] = &[
            (&["christmas", "eve"], 12, 24),
            (&["christmas", "day"], 12, 25),
            (&["christmas"], 12, 25),
            (&["new", "year", "'s", "eve"], 12, 31),
            (&["new", "year", "'s", "day"], 1, 1),
            (&["independence", "day"], 7, 4),
            (&["halloween"], 10, 31),
            (&["valentine", "'s", "day"], 2, 14),
        ];
        if self.t.get(i).is_some_and(|t| t.capital) {
            for (p, month, day) in fixed {
                if let Some(end) = self.seq(i, p) {
                    let (end, year) = self.opt_year(end);
                    return Some((
                        end,
                        DayRef::Date {
                            year,
                            month: *month,
                            day: *day,
                        },
                    ));
                }
            }
            if w == "thanksgiving" {
                let end = if self.is(i + 1, "day") { i + 2 } else { i + 1 };
                let (end, year) = self.opt_year(end);
                return Some((end, DayRef::Thanksgiving { year }));
            }
        }
        None
    }

    fn tod_word(&self, i: usize) -> Option<Tod> {
        Some(match self.w(i) {
            "morning" => Tod::Morning,
            "afternoon" => Tod::Afternoon,
            "evening" => Tod::Evening,
            "night" => Tod::Night,
            _ => return None,
        })
    }

    fn day_expr_with_tod(&self, i: usize) -> Option<(usize, Sem)> {
        // "this morning", "tonight", "last night", "that night", "the night before"
        let special: &[(&[&str], i32, Base, Tod)] = &[
            (&["this", "morning"], 0, Base::Dct, Tod::Morning),
            (&["this", "afternoon"], 0, Base::Dct, Tod::Afternoon),
            (&["this", "evening"], 0, Base::Dct, Tod::Evening),
            (&["tonight"], 0, Base::Dct, Tod::Night),
            (&["last", "night"], -1, Base::Dct, Tod::Night),
            (&["overnight"], -1, Base::Dct, Tod::Night),
            (&["that", "night"], 0, Base::Previous, Tod::Night),
            (&["that", "morning"], 0, Base::Previous, Tod::Morning),
            (&["the", "night", "before"], -1, Base::Previous, Tod::Night),
            (
                &["the", "previous", "night"],
                -1,
                Base::Previous,
                Tod::Night,
            ),
            (&["the", "next", "morning"], 1, Base::Previous, Tod::Morning),
            (
                &["the", "following", "morning"],
                1,
                Base::Previous,
                Tod::Morning,
            ),
        ];
        for (p, days, base, tod) in special {
            if let Some(end) = self.seq(i, p) {
                let day = DayRef::Rel {
                    days: *days,
                    base: *base,
                };
                return Some((
                    end,
                    Sem::Day {
                        day,
                        tod: Some(*tod),
                    },
                ));
            }
        }
        let (j, day) = self.day_expr(i)?;
        if let Some(tod) = self.tod_word(j) {
            return Some((
                j + 1,
                Sem::Day {
                    day,
                    tod: Some(tod),
                },
            ));
        }
        Some((j, Sem::Day { day, tod: None }))
    }

    /// "10:30 a.m.", "6 p.m. EST", "noon", optionally followed by the day: "9 a.m. Tuesday".
    fn clock_expr(&self, i: usize) -> Option<(usize, Sem)> {
        let w = self.w(i);
        let (mut j, mut h, m) = if w == "noon" || w == "midday" {
            (i + 1, 12, 0)
        } else if w == "midnight" {
            (i + 1, 0, 0)
        } else if let Some((hh, mm)) = w.split_once(':') {
            let h: u32 = hh.parse().ok()?;
            let m: u32 = mm.get(..2)?.parse().ok()?;
            if h > 23 || m > 59 || self.t[i].kind != TokKind::Number {
                return None;
            }
            (i + 1, h, m)
        } else if let Some((hh, mm)) = w.split_once('.').filter(|_| self.any(i + 1, &["am", "pm"]))
        {
            // "8.49pm", "4.30 a.m.": the British clock, only with its am or pm (else a decimal).
            let h: u32 = hh.parse().ok()?;
            let m: u32 = mm.parse().ok()?;
            if !(1..=12).contains(&h) || mm.len() != 2 || m > 59 {
                return None;
            }
            (i + 1, h, m)
        } else {
            let h = self.int_tok(i)?;
            if !(1..=12).contains(&h) || !self.any(i + 1, &["am", "pm", "o'clock"]) {
                return None;
            }
            (i + 1, h, 0)
        };
        if self.any(j, &["am", "pm"]) {
            if self.is(j, "pm") && h < 12 {
                h += 12;
            }
            if self.is(j, "am") && h == 12 {
                h = 0;
            }
            j += 1;
        } else if !w.contains(':') && !matches!(w, "noon" | "midday" | "midnight") {
            j += 1; // "o'clock"
        }
        if self.any(j, TIMEZONES) {
            j += 1;
        } else if self.seq(j, &["local", "time"]).is_some() {
            j += 2;
        }
        let tod = Some(Tod::Clock(h, m));
        let k = if self.is(j, "on") { j + 1 } else { j };
        if let Some((end, day)) = self.day_expr(k) {
            return Some((end, Sem::Day { day, tod }));
        }
        let day = DayRef::Rel {
            days: 0,
            base: Base::Previous,
        };
        Some((j, Sem::Day { day, tod }))
    }

    fn month_expr(&self, i: usize) -> Option<(usize, Sem)> {
        let pick = match self.w(i) {
            "last" => Some(Pick::Last),
            "this" => Some(Pick::This),
            "next" => Some(Pick::Next),
            _ => None,
        };
        if let Some(pick) = pick {
            let month = self.month_name(i + 1)?;
            if self.day_num(i + 2).is_some() {
                return None; // "last Oct. 23": the date stands on its own.
            }
            return Some((
                i + 2,
                Sem::Month {
                    year: None,
                    month,
                    pick,
                },
            ));
        }
        let month = self.month_name(i)?;
        // "June last year", "January this year", "April next year"
        if self.any(i + 1, &["last", "this", "next"]) && self.is(i + 2, "year") {
            let k = match self.w(i + 1) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            return Some((
                i + 3,
                Sem::Month {
                    year: None,
                    month,
                    pick: Pick::InYear(k),
                },
            ));
        }
        let j = if self.is(i + 1, "of") || self.is(i + 1, ",") {
            i + 2
        } else {
            i + 1
        };
        if let Some(y) = self.year_tok(j) {
            return Some((
                j + 1,
                Sem::Month {
                    year: Some(y),
                    month,
                    pick: Pick::Tense,
                },
            ));
        }
        // A bare name: "May" and "March" need a cue word before them.
        let t = &self.t[i];
        if matches!(t.norm.as_str(), "may" | "march") {
            let cue = i > 0 && self.any(i - 1, MONTH_CUES);
            if !cue {
                return None;
            }
        }
        Some((
            i + 1,
            Sem::Month {
                year: None,
                month,
                pick: Pick::Tense,
            },
        ))
    }

    fn week_of_month(&self, i: usize) -> Option<(usize, Sem)> {
        if !self.is(i, "the") {
            return None;
        }
        let (j, n) = if self.is(i + 1, "last") {
            (i + 2, -1)
        } else {
            let (j, n) = self.ordinal(i + 1)?;
            (j, n as i32)
        };
        if !(self.is(j, "week") && self.is(j + 1, "of")) || n == 0 || n > 5 {
            return None;
        }
        let month = self.month_name(j + 2)?;
        let (end, year) = match self.year_tok(j + 3) {
            Some(y) => (j + 4, Some(y)),
            None => (j + 3, None),
        };
        Some((end, Sem::WeekOfMonth { n, month, year }))
    }

    fn year_expr(&self, i: usize) -> Option<(usize, Sem)> {
        if self.is(i, "fiscal") {
            let j = if self.is(i + 1, "year") { i + 2 } else { i + 1 };
            let y = self.year_tok(j)?;
            return Some((j + 1, Sem::Year(y)));
        }
        if self.is(i, "nineteen") {
            // "nineteen ninety-six"
            let tens = lookup(TENS, self.w(i + 1))?;
            let unit = lookup(SMALL, self.w(i + 2)).filter(|u| *u < 10.0);
            let end = if unit.is_some() { i + 3 } else { i + 2 };
            return Some((end, Sem::Year(1900 + (tens + unit.unwrap_or(0.0)) as i32)));
        }
        if self.is(i, "year") && self.any(i + 1, &["ago", "earlier"]) && self.joined(i + 1) {
            // "year-earlier" results: a year before the period just discussed.
            let sem = Sem::Offset {
                amount: Amount::exact(1.0),
                unit: Unit::Year,
                dir: -1,
                base: Base::Previous,
            };
            return Some((i + 2, sem));
        }
        if self.is(i, "the") && self.is(i + 1, "year") {
            if self.seq(i + 2, &["two", "thousand"]).is_some() {
                return Some((i + 4, Sem::Year(2000)));
            }
            let y = self.year_tok(i + 2)?;
            return Some((i + 3, Sem::Year(y)));
        }
        let y = self.year_tok(i)?;
        // Counts and money are not years: "$2000", "2000 people", "1990 percent".
        if i > 0 && self.any(i - 1, &["$", "£", "€", "no", "number", "flight", "route"]) {
            return None;
        }
        if self.any(
            i + 1,
            &[
                "%", "percent", "people", "troops", "soldiers", "km", "miles",
            ],
        ) {
            return None;
        }
        if self
            .t
            .get(i + 1)
            .is_some_and(|t| t.joined && t.kind == TokKind::Number)
        {
            // "2009-2010" is two years; a joined year after a year is matched on its own.
            self.year_tok(i + 1)?;
        }
        Some((i + 1, Sem::Year(y)))
    }

    fn decade_century(&self, i: usize) -> Option<(usize, Sem)> {
        let k = if self.is(i, "the") { i + 1 } else { i };
        let w = self.w(k);
        // "1990s", "'90s", "the nineties"
        if let Some(d) = w.strip_suffix('s') {
            if d.len() == 4 && d.bytes().all(|b| b.is_ascii_digit()) && d.ends_with('0') {
                return Some((k + 1, Sem::Decade(d.parse().ok()?)));
            }
            if d.len() == 2 && d.ends_with('0') && self.is(k.wrapping_sub(1), "'") {
                let n: i32 = d.parse().ok()?;
                return Some((
                    k + 1,
                    Sem::Decade(if n >= 30 { 1900 + n } else { 2000 + n }),
                ));
            }
        }
        let decades = [
            ("twenties", 20),
            ("thirties", 30),
            ("forties", 40),
            ("fifties", 50),
            ("sixties", 60),
            ("seventies", 70),
            ("eighties", 80),
            ("nineties", 90),
        ];
        if k > i {
            if let Some(n) = lookup(&decades, w) {
                return Some((k + 1, Sem::Decade(1900 + n)));
            }
        }
        // "the 21st century", "the twentieth century", "this century"
        if self.is(i, "this") && self.is(i + 1, "century") {
            return Some((
                i + 2,
                Sem::Rel {
                    unit: Unit::Century,
                    offset: 0,
                    base: Base::Dct,
                },
            ));
        }
        if let Some((j, n)) = self.ordinal(k) {
            if self.is(j, "century") && (1..=30).contains(&n) {
                return Some((j + 1, Sem::Century(n as i32 - 1)));
            }
        }
        None
    }

    fn quarter_half(&self, i: usize) -> Option<(usize, Sem)> {
        let mut k = i;
        let mut the = false;
        let mut year = None;
        let mut shift = 0;
        if self.is(k, "the") {
            k += 1;
            the = true;
        }
        // "this year's third quarter", "last year's quarter"
        if self.any(k, &["this", "last", "next"]) && self.is(k + 1, "year") && self.is(k + 2, "'s")
        {
            shift = match self.w(k) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            k += 3;
            the = true;
        }
        if the && self.any(k, &["comparable", "corresponding", "same"]) {
            k += 1;
        }
        // "the 1988 third quarter"
        if the {
            if let Some(y) = self.year_tok(k) {
                year = Some(y);
                k += 1;
            }
        }
        // "the year-ago quarter", "the year-earlier period"
        if self.is(k, "year") && self.any(k + 1, &["ago", "earlier"]) && self.joined(k + 1) {
            shift -= 1;
            k += 2;
            the = true;
        }
        if self.is(k, "fiscal") {
            k += 1;
        }
        let specific = year.is_some() || shift != 0;
        if the
            && self.any(k, &["latest", "current", "recent"])
            && self.any(k + 1, &["quarter", "period"])
        {
            return Some((
                k + 2,
                Sem::Quarter {
                    year,
                    q: None,
                    year_shift: shift,
                },
            ));
        }
        let period_ok = self.is(k, "quarter") || (self.is(k, "period") && specific);
        if the && period_ok && !self.is(k + 1, "of") && !self.joined(k) {
            return Some((
                k + 1,
                Sem::Quarter {
                    year,
                    q: None,
                    year_shift: shift,
                },
            ));
        }
        if let Some((mut j, n)) = self.ordinal(k) {
            let is_half = self.is(j, "half");
            if self.is(j, "fiscal") {
                j += 1;
            }
            let quarter = self.is(j, "quarter") && (1..=4).contains(&n);
            let half = is_half && n <= 2;
            if !quarter && !half {
                return None;
            }
            if self.joined(j) && i < k && self.is(i, "the") && !specific {
                return None; // "the third-quarter results": the article is the noun's.
            }
            let (end, of_year, of_shift) = self.of_year(j + 1);
            let year = year.or(of_year);
            let shift = shift + of_shift;
            if is_half {
                // A bare "the first half" is the anchor's year.
                return Some((end, Sem::Half { year, h: n }));
            }
            return Some((
                end,
                Sem::Quarter {
                    year,
                    q: Some(n),
                    year_shift: shift,
                },
            ));
        }
        if self.is(k, "last") && self.is(k + 1, "half") {
            let (end, year, _) = self.of_year(k + 2);
            return Some((end, Sem::Half { year, h: 2 }));
        }
        None
    }

    /// Optional "of 2013" / "of last year" / "of this year" / " 2013".
    fn of_year(&self, j: usize) -> (usize, Option<i32>, i32) {
        if self.is(j, "of") {
            if let Some(y) = self.year_tok(j + 1) {
                return (j + 2, Some(y), 0);
            }
            if self.is(j + 1, "last") && self.is(j + 2, "year") {
                return (j + 3, None, -1);
            }
            if self.any(j + 1, &["this", "the"]) && self.is(j + 2, "year") {
                return (j + 3, None, 0);
            }
        }
        if let Some(y) = self.year_tok(j) {
            return (j + 1, Some(y), 0);
        }
        (j, None, 0)
    }

    fn season_expr(&self, i: usize) -> Option<(usize, Sem)> {
        let season_of = |w: &str| match w {
            "spring" => Some(Season::Spring),
            "summer" => Some(Season::Summer),
            "fall" | "autumn" => Some(Season::Fall),
            "winter" => Some(Season::Winter),
            _ => None,
        };
        let pick = match (self.w(i), self.w(i + 1)) {
            ("this", "past") => Some((Pick::Last, i + 2)),
            ("last" | "past", _) => Some((Pick::Last, i + 1)),
            ("this", _) => Some((Pick::This, i + 1)),
            ("next" | "coming", _) => Some((Pick::Next, i + 1)),
            _ => None,
        };
        if let Some((pick, j)) = pick {
            let season = season_of(self.w(j))?;
            return Some((
                j + 1,
                Sem::Season {
                    year: None,
                    season,
                    pick,
                },
            ));
        }
        let k = if self.is(i, "the") { i + 1 } else { i };
        let season = season_of(self.w(k))?;
        let (end, year, _) = self.of_year(k + 1);
        if year.is_some() {
            return Some((
                end,
                Sem::Season {
                    year,
                    season,
                    pick: Pick::Tense,
                },
            ));
        }
        // A bare season word: only in "in the summer" / "summer" next to a cue, not "winter
        // clothing" or "the fall of Aleppo".
        let cue = k > i
            || (i > 0
                && self.any(
                    i - 1,
                    &[
                        "in", "during", "this", "since", "until", "by", "into", "over", "through",
                    ],
                ));
        let noun_follows = self.t.get(k + 1).is_some_and(|t| t.kind == TokKind::Word)
            && !self.any(k + 1, &["and", "when", "as", "after", "before", "to"]);
        if cue && !noun_follows && !matches!(season, Season::Fall | Season::Spring) {
            return Some((
                k + 1,
                Sem::Season {
                    year: None,
                    season,
                    pick: Pick::Tense,
                },
            ));
        }
        None
    }

    /// this/last/next week, the coming year, that year, the previous month, the weekend.
    fn relative(&self, i: usize) -> Option<(usize, Sem)> {
        let after_bound_word = i >= 2
            && self.is(i - 1, "of")
            && self.any(
                i - 2,
                &["end", "beginning", "start", "middle", "close", "rest"],
            );
        let (mut j, offset, base) = match (self.w(i), self.w(i + 1)) {
            ("this", "past") => (i + 2, -1, Base::Dct),
            ("this" | "current", _) => (i + 1, 0, Base::Dct),
            ("the", "full" | "fiscal" | "calendar") => (i + 1, 0, Base::Dct),
            ("the", "year" | "month" | "week") if after_bound_word => (i + 1, 0, Base::Dct),
            ("the", "current") => (i + 2, 0, Base::Dct),
            ("the", "past") => {
                let (unit, plural) = unit_word(self.w(i + 2))?;
                return match unit {
                    Unit::Week | Unit::Month | Unit::Year if !plural => {
                        Some((i + 3, Sem::Trailing { unit }))
                    }
                    Unit::Decade | Unit::Century if !plural => {
                        let frame = Frame::EndsAtAnchor;
                        Some((
                            i + 3,
                            Sem::Duration {
                                amount: Amount::exact(1.0),
                                unit,
                                frame,
                            },
                        ))
                    }
                    _ => None,
                };
            }
            ("last", _) => (i + 1, -1, Base::Dct),
            ("next", _) => (i + 1, 1, Base::Dct),
            ("the", "coming" | "upcoming") => (i + 2, 1, Base::Dct),
            ("the", "last") => (i + 2, -1, Base::Dct),
            ("the", "previous" | "preceding" | "prior") => (i + 2, -1, Base::Previous),
            ("the", "following" | "next") => (i + 2, 1, Base::Previous),
            ("that" | "the", "same") => (i + 2, 0, Base::Previous),
            ("that", _) => (i + 1, 0, Base::Previous),
            ("the", "weekend") => return Some((i + 2, Sem::Weekend { offset: 0 })),
            // "the week before", "the year after": one unit from the time just talked about.
            ("the", "week" | "month" | "year")
                if self.any(i + 2, &["before", "after", "earlier", "later"])
                    && self.t.get(i + 3).is_none_or(|t| t.kind == TokKind::Punct) =>
            {
                let (unit, _) = unit_word(self.w(i + 1))?;
                let offset = if self.any(i + 2, &["before", "earlier"]) {
                    -1
                } else {
                    1
                };
                return Some((
                    i + 3,
                    Sem::Rel {
                        unit,
                        offset,
                        base: Base::Previous,
                    },
                ));
            }
            _ => return None,
        };
        if self.is(j, "weekend") {
            return Some((j + 1, Sem::Weekend { offset }));
        }
        if self.any(j, &["full", "fiscal", "calendar"]) {
            j += 1;
            if !self.is(j, "year") {
                return None;
            }
        }
        let (unit, plural) = unit_word(self.w(j))?;
        if plural || matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
            return None;
        }
        if self.is(j, "night") {
            return None;
        }
        if unit == Unit::Day && base == Base::Dct {
            return None; // "this day", "next day" are not "today" / "tomorrow".
        }
        if unit == Unit::Quarter {
            let sem = if offset == 0 {
                Sem::Quarter {
                    year: None,
                    q: None,
                    year_shift: 0,
                }
            } else {
                Sem::Rel { unit, offset, base }
            };
            return Some((j + 1, sem));
        }
        if unit == Unit::Day {
            return Some((
                j + 1,
                Sem::Day {
                    day: DayRef::Rel { days: offset, base },
                    tod: None,
                },
            ));
        }
        Some((j + 1, Sem::Rel { unit, offset, base }))
    }

    fn reference(&self, i: usize) -> Option<(usize, Sem)> {
        let w = self.w(i);
        let one = |v: &'static str| Some((i + 1, Sem::Ref(v)));
        match w {
            "now" | "currently" | "nowadays" | "presently" => return one("PRESENT_REF"),
            "current" => {
                // "current" as "this quarter's", not "electric current" or "the current of".
                let next_word = self.t.get(i + 1).is_some_and(|t| t.kind == TokKind::Word);
                return if next_word { one("PRESENT_REF") } else { None };
            }
            // "previously", "soon", bare "recent" are left out: TimeML annotators (TBAQ) mostly
            // do not mark them, and alone they pin nothing.
            "recently" | "lately" => return one("PAST_REF"),
            _ => {}
        }
        let phrases: &[(&[&str], &'static str)] = &[
            (&["these", "days"], "PRESENT_REF"),
            (&["the", "present"], "PRESENT_REF"),
            (&["the", "future"], "FUTURE_REF"),
            (&["the", "near", "future"], "FUTURE_REF"),
            (&["the", "foreseeable", "future"], "FUTURE_REF"),
            (&["the", "past"], "PAST_REF"),
            (&["the", "near", "term"], "FUTURE_REF"),
            (&["the", "short", "term"], "FUTURE_REF"),
            (&["the", "long", "term"], "FUTURE_REF"),
        ];
        for (p, v) in phrases {
            if let Some(end) = self.seq(i, p) {
                // "the past two years" is a duration, not the past.
                if *v == "PAST_REF"
                    && (self.amount(end).is_some() || unit_word(self.w(end)).is_some())
                {
                    return None;
                }
                return Some((end, Sem::Ref(v)));
            }
        }
        None
    }

    fn duration(&self, i: usize) -> Option<(usize, Sem)> {
        let mut j = i;
        let has_the = self.is(j, "the");
        if has_the {
            j += 1;
        }
        let frame_word = self.w(j);
        let mut frame = match frame_word {
            "past" | "last" | "previous" | "preceding" | "recent" => Some(Frame::EndsAtAnchor),
            "next" | "coming" | "following" | "upcoming" => Some(Frame::StartsAtAnchor),
            "first" | "initial" | "opening" | "final" => Some(Frame::Free),
            _ => None,
        };
        if frame_word == "following" && !has_the {
            return None; // "following 13 years of war" is "after", not "the next".
        }
        if frame.is_some() {
            j += 1;
        } else if has_the && self.amount(j).is_none() {
            return None;
        }
        if !has_the && frame_word == "last" {
            return None; // "last year" is a date; "the last three years" is a duration.
        }
        let amount = self.amount(j);
        let (mut k, amount) = match amount {
            Some((k, a)) => (k, Some(a)),
            None => (j, None),
        };
        if self.any(k, &["more", "additional", "full", "straight", "long"]) && amount.is_some() {
            k += 1;
        }
        let (unit, plural) = unit_word(self.w(k))?;
        let unit_joined = self.joined(k);
        let mut end = k + 1;
        // "a year and a half"
        let amount = match (amount, self.seq(end, &["and", "a", "half"])) {
            (Some(a), Some(e)) if !a.vague => {
                end = e;
                Some(Amount::exact(a.lo + 0.5))
            }
            (a, _) => a,
        };
        let amount = match amount {
            Some(a) => a,
            None => {
                // Bare plural units: "for months", "recent years", "the past weeks".
                if !plural {
                    return None;
                }
                if frame.is_none() && i > 0 && self.is(i - 1, "the") {
                    return None;
                }
                // "recent days" reaches back a couple of weeks at most; "recent years" a decade.
                let recent_reach = match unit {
                    Unit::Hour => Some(48.0),
                    Unit::Day => Some(14.0),
                    Unit::Week => Some(8.0),
                    Unit::Month => Some(12.0),
                    Unit::Year => Some(10.0),
                    _ => None,
                };
                let hi = if frame_word == "recent" {
                    recent_reach
                } else {
                    None
                };
                Amount::vague(2.0, hi)
            }
        };
        if self.is(k, "night") && amount.hi == Some(1.0) && !unit_joined {
            return None;
        }
        // "the eight-year program": the article belongs to the noun, not the duration.
        if has_the && frame.is_none() && unit_joined {
            return None;
        }
        // "a second" and "three-quarters" are fractions, not lengths of time.
        let by_article = amount.hi == Some(1.0) && self.any(j, &["a", "an"]);
        if (by_article && matches!(unit, Unit::Second | Unit::Quarter))
            || (unit == Unit::Quarter && unit_joined)
        {
            return None;
        }
        // Ages ("a six-year-old") are not time expressions in TimeML.
        if self.is(end, "old") && (self.joined(end) || plural) {
            return None;
        }
        // "day-long", "decades-long"
        if self.is(end, "long") && self.joined(end) {
            end += 1;
        }
        // Offsets: "two years ago", "a week prior", "three days later".
        let dir_base = match self.w(end) {
            "ago" => Some((-1, Base::Dct)),
            "hence" => Some((1, Base::Dct)),
            "earlier" | "before" | "prior" | "previously" => {
                let prep = self.is(end, "before") || self.is(end, "prior");
                let np_follows = self
                    .t
                    .get(end + 1)
                    .is_some_and(|t| t.kind != TokKind::Punct)
                    && !self.any(end + 1, &["and", "but", "when", "that"]);
                if prep && np_follows {
                    None
                } else {
                    Some((-1, Base::Previous))
                }
            }
            "later" | "afterward" | "afterwards" => Some((1, Base::Previous)),
            "from" if self.is(end + 1, "now") => Some((1, Base::Dct)),
            _ => None,
        };
        if let Some((dir, base)) = dir_base {
            if frame.is_none() && !has_the {
                let e = if self.is(end, "from") {
                    end + 2
                } else {
                    end + 1
                };
                return Some((
                    e,
                    Sem::Offset {
                        amount,
                        unit,
                        dir,
                        base,
                    },
                ));
            }
        }
        // Amounts of "a"/"one" with a bare singular unit need more than the article, or
        // "a day" in "three times a day" would be a duration.
        let article = amount.hi == Some(1.0) && self.any(j, &["a", "an"]);
        if article && i > 0 {
            let before = self.w(i - 1);
            let rate = self.num_tok(i - 1).is_some()
                || matches!(
                    before,
                    "times" | "twice" | "once" | "thrice" | "barrels" | "tons"
                )
                || before.ends_with("illion");
            if rate {
                return Some((
                    end,
                    Sem::Set {
                        value: set_value(unit),
                    },
                ));
            }
        }
        // "the first 24 hours of the operation": starts when that event started.
        if frame_word == "first" && self.is(end, "of") && self.is(end + 1, "the") {
            let np_start = end + 1;
            let mut np_end = end + 2;
            while self.t.get(np_end).is_some_and(|t| t.kind == TokKind::Word)
                && np_end < end + 5
                && !self.any(np_end, &["and", "the", "was", "were", "is", "had", "has"])
            {
                np_end += 1;
            }
            if np_end > end + 2 {
                frame = Some(Frame::StartsAtEvent {
                    start: np_start,
                    end: np_end,
                });
            }
        }
        let frame = match frame {
            Some(f) => f,
            None if i > 0 && self.is(i - 1, "for") => Frame::EndsAtAnchor,
            None => Frame::Free,
        };
        Some((
            end,
            Sem::Duration {
                amount,
                unit,
                frame,
            },
        ))
    }

    fn set_expr(&self, i: usize) -> Option<(usize, Sem)> {
        let simple = match self.w(i) {
            "daily" => Some("P1D"),
            "weekly" => Some("P1W"),
            "monthly" => Some("P1M"),
            "yearly" | "annual" => Some("P1Y"),
            "hourly" => Some("PT1H"),
            "nightly" => Some("XXXX-XX-XXTNI"),
            _ => None,
        };
        if let Some(v) = simple {
            if self.is(i, "annual") {
                return None; // "annual report": too often not a time expression in news
            }
            return Some((
                i + 1,
                Sem::Set {
                    value: v.to_string(),
                },
            ));
        }
        if !self.any(i, &["every", "each", "per"]) {
            return None;
        }
        let mut j = i + 1;
        if self.is(j, "other") {
            j += 1;
        }
        let every_other = j > i + 1;
        if let Some(wd) = self.weekday(j) {
            let n = wd.number_from_monday();
            return Some((
                j + 1,
                Sem::Set {
                    value: format!("XXXX-WXX-{n}"),
                },
            ));
        }
        if let Some(m) = self.month_name(j) {
            return Some((
                j + 1,
                Sem::Set {
                    value: format!("XXXX-{m:02}"),
                },
            ));
        }
        if let Some(tod) = self.tod_word(j) {
            let code = tod_code(tod);
            return Some((
                j + 1,
                Sem::Set {
                    value: format!("XXXX-XX-XXT{code}"),
                },
            ));
        }
        let (k, n) = match self.number(j) {
            Some((k, n)) if !every_other => (k, n),
            _ => (j, if every_other { 2.0 } else { 1.0 }),
        };
        let (unit, _) = unit_word(self.w(k))?;
        let value = crate::resolve::duration_value(Amount::exact(n), unit);
        Some((k + 1, Sem::Set { value }))
    }
}

fn set_value(unit: Unit) -> String {
    crate::resolve::duration_value(Amount::exact(1.0), unit)
}

pub(crate) fn tod_code(tod: Tod) -> String {
    match tod {
        Tod::Morning => "MO".into(),
        Tod::Afternoon => "AF".into(),
        Tod::Evening => "EV".into(),
        Tod::Night => "NI".into(),
        Tod::Clock(h, m) => format!("{h:02}:{m:02}"),
    }
}
