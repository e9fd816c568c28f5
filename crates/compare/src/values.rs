//! The values a claim commits to, as typed, unit-aware intervals: durations in days, dates as
//! day numbers, times of day in minutes (UTC when the zone is known), counts of a noun,
//! percentages, money in a currency, measures in SI units, ranks, and the stops of a route.
//! Each value carries what its slot is made of: the noun it counts or the noun it measures, the
//! verb it hangs on and who acts, read from the sentence's words ([`crate::frames`]).

use crate::claims::{normalize_name, tokens};
use crate::frames::{Agent, Words};
use crate::DocInput;
use chrono::{Datelike, NaiveDateTime};
use corroborate_extract::calendar::WEEKDAYS as DAYS;
use corroborate_extract::lexicon::{Lexicon, WnPos};
use corroborate_extract::quantities::{self, QuantityKind};
use corroborate_model::Span;
use corroborate_timex::{Anchor, Precision, TimexKind};
use serde::Serialize;

/// What a value measures; only values of one kind are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    /// A length of time, in days.
    Duration,
    /// A calendar date, as days since 0001-01-01 (fractions for times of day).
    Date,
    /// A time of day, in minutes after midnight: UTC when the text gives the zone (or pairs the
    /// local time with GMT), local otherwise.
    Time,
    Count,
    Percent,
    Money,
    /// A physical measure in SI units, or a magnitude; `unit` names the dimension.
    Measure,
    /// A position in an ordering (1 = largest).
    Rank,
    /// The stops of a journey between its ends, as a set of place names.
    Route,
    /// Where something is or happened, came from or went: a named place hanging on a verb or
    /// a noun by a preposition; `detail` holds its name's words, `unit` the relation (`at`,
    /// `from`, `to`).
    Place,
    /// A score or a record, two numbers joined by a hyphen ("a 31-24 win", "the Colts
    /// (11-4)"); `detail` holds the two, larger first. Compared for agreement only, except
    /// two records of one named holder (`unit` "record"), which cannot both be its record.
    Score,
    /// Who holds a title: a person named after the noun of a role ("general manager A.J.
    /// Smith", "publicist Harlan Boll"); `detail` holds the name's words (surname last),
    /// `head` the role's noun, `unit` the role's last two words.
    Actor,
}

/// One value in a claim.
/// A value with no frame, unit, day or detail yet (the caller adds what it has).
fn bare_value(
    kind: ValueKind,
    span: Span,
    (lo, hi): (f64, f64),
    approx: bool,
    label: &str,
) -> Value {
    Value {
        kind,
        span,
        lo,
        hi,
        approx,
        label: label.to_string(),
        has_noun: false,
        head: None,
        role: None,
        verb_text: None,
        other_roles: vec![],
        subject: false,
        agreement_only: false,
        agent: Agent::Unknown,
        unit: None,
        day: None,
        offset: None,
        detail: vec![],
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Value {
    pub kind: ValueKind,
    pub span: Span,
    /// The closed interval the value allows, after qualifiers and roundness.
    pub lo: f64,
    pub hi: f64,
    /// A round or vague value ("two-decade", "just over a week", "50 years"): small gaps to it are
    /// tension, not contradiction.
    pub approx: bool,
    /// How a person would say the value: "12 days", "2024-12-07 (late)", "second-largest".
    pub label: String,
    /// The noun the value counts or measures ("missiles", "offensive", "rule", "city"),
    /// lemmatized; for values without one, the verb they hang on.
    pub head: Option<String>,
    /// The verb the value hangs on ("kill", "fire"), lemmatized.
    pub role: Option<String>,
    /// Whether `head` is a noun the value counts or measures (not the verb standing in).
    #[serde(skip)]
    pub has_noun: bool,
    /// Other verbs the value may hang on when the sentence was not parsed.
    #[serde(skip)]
    pub other_roles: Vec<String>,
    /// That verb as written, with an auxiliary before it ("were killed"), for titles.
    #[serde(skip)]
    pub verb_text: Option<String>,
    /// For ages: the person described ("a 60-year-old woman") is the subject of its clause,
    /// whom a news sentence tells about, not someone the subject acted on.
    #[serde(skip)]
    pub subject: bool,
    /// Compared for agreement only: the day of a clock reading ("10:24 a.m. Friday"), whose
    /// event is the clock's, seldom the one a bare day of another report dates.
    #[serde(skip)]
    pub agreement_only: bool,
    /// Who acts in the statement the value belongs to.
    #[serde(skip)]
    pub agent: Agent,
    /// For measures: the dimension ("length", "magnitude"); money: the currency; times: `UTC`
    /// or `local`.
    pub unit: Option<String>,
    /// For times: the day (days since 0001-01-01) when the text pins it.
    pub day: Option<i64>,
    /// For times: the offset of local time from UTC in minutes, when the text pairs the two
    /// ("4 p.m. (1300 GMT)" is +180).
    pub offset: Option<i64>,
    /// For ranks: the superlative; for routes: the stops, normalized.
    pub detail: Vec<String>,
}

const DAY_SECS: f64 = 86_400.0;

fn day_number(d: NaiveDateTime) -> f64 {
    d.date().num_days_from_ce() as f64 + d.time().num_seconds_from_midnight() as f64 / DAY_SECS
}

use chrono::Timelike;

/// ISO 8601 duration ("P12D", "P2E", "PT24H", "P1Y6M") in days; `None` for unknown amounts.
pub fn iso_days(iso: &str) -> Option<f64> {
    let body = iso.strip_prefix('P')?;
    let (date, time) = body.split_once('T').unwrap_or((body, ""));
    let mut days = 0.0;
    let mut num = String::new();
    for c in date.chars() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let n: f64 = num.parse().ok()?;
        num.clear();
        days += n * match c {
            'Y' => 365.25,
            'M' => 30.44,
            'W' => 7.0,
            'D' => 1.0,
            'E' => 3652.5,
            'C' => 36525.0,
            _ => return None,
        };
    }
    for c in time.chars() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let n: f64 = num.parse().ok()?;
        num.clear();
        days += n * match c {
            'H' => 1.0 / 24.0,
            'M' => 1.0 / 1440.0,
            'S' => 1.0 / DAY_SECS,
            _ => return None,
        };
    }
    Some(days)
}

/// What a value hangs on, read from the sentence: its words, verb lemma, agent, verb as written.
type Frame<'a> = dyn Fn(
        Span,
    ) -> (
        Vec<usize>,
        Option<String>,
        Agent,
        Option<String>,
        Vec<String>,
    ) + 'a;

/// Values inside sentence `s` of document `d`, read with the sentence's words `w`.
pub fn values_in(d: &DocInput<'_>, s: Span, w: &Words) -> Vec<Value> {
    // What a value hangs on: its verb, who acts, the possessor of its noun.
    // Days and times climb out of a participle that modifies a noun ([`Words::clause_verb`]);
    // amounts stay with it ("serving three life sentences").
    let frame_at = |span: Span, climb: bool| {
        let ws = w.within(span);
        let verb = w
            .verb_of(&ws)
            .map(|v| if climb { w.clause_verb(v) } else { v });
        let role = verb.map(|v| w.words[v].lemma.clone());
        let agent = w
            .possessor(&ws)
            .or_else(|| verb.and_then(|v| w.agent(v)))
            .unwrap_or(Agent::Unknown);
        let verb_text = verb.map(|v| {
            let aux = v
                .checked_sub(1)
                .filter(|&k| w.words[k].upos == "AUX")
                .map(|k| format!("{} ", w.words[k].lower))
                .unwrap_or_default();
            format!("{aux}{}", w.words[v].lower)
        });
        let others: Vec<String> = w
            .verbs_near(&ws)
            .into_iter()
            .map(|v| w.words[v].lemma.clone())
            .filter(|l| Some(l) != role.as_ref())
            .collect();
        (ws, role, agent, verb_text, others)
    };
    let frame = |span: Span| frame_at(span, false);
    let day_frame = |span: Span| frame_at(span, true);
    // A value read elsewhere, given the frame of the verb the value at `span` belongs to (as a
    // time belongs to it, when `day`).
    let framed_at = |span: Span, v: Value, day: bool| {
        let (_, role, agent, verb_text, other_roles) = frame_at(span, day);
        Value {
            head: role.clone(),
            role,
            verb_text,
            other_roles,
            agent,
            ..v
        }
    };
    let framed = |span: Span, v: Value| framed_at(span, v, true);
    // A compound length ("12 minutes, 31 seconds", "two years and three months") is one
    // value: the first part carries the whole, the second is not read again.
    let mut lengths: Vec<&corroborate_timex::Timex> = d
        .times
        .iter()
        .filter(|t| t.kind == TimexKind::Duration && s.contains(t.span))
        .collect();
    lengths.sort_by_key(|t| t.span.start);
    let compounds: Vec<(Span, Span, f64)> = lengths
        .windows(2)
        .filter_map(|p| Some((p[0].span, p[1].span, compound_tail(d.text, p[0], p[1])?)))
        .collect();
    let mut out = Vec::new();
    for t in d.times.iter().filter(|t| s.contains(t.span)) {
        let text = t.span.slice(d.text);
        // A clock reading ("5:30 p.m."), also when the report has no date to put it on. One
        // that names its day ("10:24 a.m. Friday") states that day too, as a day is stated.
        let mut dated_clock = false;
        // "at the 2:15 mark" is the time elapsed in a period (two minutes and fifteen seconds
        // into a round), not a time of day: a length, as "44 seconds into the round" is.
        if t.kind == TimexKind::Time {
            if let Some(v) = elapsed_mark(d.text, s, t) {
                out.push(framed_at(v.span, v, false));
                continue;
            }
        }
        if t.kind == TimexKind::Time && (t.precision <= Precision::Hour || has_clock(&t.value)) {
            if let Some(mut v) = clock_value(d.text, s, t, &day_frame) {
                // The day of a guessed publication date is no day the text pins.
                if d.published_inferred
                    && matches!(t.anchor, Anchor::Dct { .. })
                    && !names_month(d.text, t)
                {
                    v.day = None;
                }
                dated_clock = names_day(&text.to_lowercase());
                out.push(v);
            }
            if !dated_clock {
                continue;
            }
        }
        let first = out.len();
        match t.kind {
            TimexKind::Duration if compounds.iter().any(|c| c.1 == t.span) => {}
            TimexKind::Duration => {
                // Unknown amounts ("many years", "for hours") and sub-periods ("the first 24
                // hours of the operation", "the past week") are not the length of anything a
                // source states; a vague amount with bounds ("several hours", "a few days") is
                // an interval, as a vague count is.
                if t.value.contains('X') && (t.max.is_none() || t.min.is_none())
                    || matches!(t.anchor, Anchor::Event { .. } | Anchor::Previous { .. })
                    || sub_period(d.text, s, t.span)
                {
                    continue;
                }
                let (Some(min), max) = (
                    t.min.as_deref().and_then(iso_days),
                    t.max.as_deref().and_then(iso_days),
                ) else {
                    continue;
                };
                let exact = iso_days(&t.value);
                let lo = min;
                let hi = max.unwrap_or(f64::INFINITY);
                // Round multiples of a decade or "two-decade" style words are approximate.
                let round = exact
                    .is_some_and(|v| v >= 3000.0 && ((v / 365.25).round() as i64) % 10 == 0)
                    || text.contains("decade")
                    || t.modifier.is_some();
                let (lo, hi) = if round && hi.is_finite() && (hi - lo).abs() < 1e-9 {
                    (lo * 0.9, hi * 1.1)
                } else {
                    (lo, hi)
                };
                if lo == 0.0 && hi.is_infinite() {
                    continue;
                }
                let (span, lo, hi) = match compounds.iter().find(|c| c.0 == t.span) {
                    Some(&(_, tail, days)) => {
                        (Span::new(t.span.start, tail.end), lo + days, hi + days)
                    }
                    None => (t.span, lo, hi),
                };
                let text = span.slice(d.text);
                let (ws, role, agent, verb_text, other_roles) = frame(span);
                // "a twelve-day offensive", "over a decade of training": what lasted.
                let noun = head_after(d.text, span).or_else(|| of_noun(w, span));
                // Whose the length is: the possessor of its noun ("his 24-year rule"), or
                // who the noun is said of ("Russell, a 20-year veteran").
                let noun_word = ws
                    .last()
                    .and_then(|&k| w.words[k].head)
                    .filter(|&h| !ws.contains(&h));
                let agent = if noun.is_some() {
                    w.possessor(&ws)
                        .or_else(|| noun_word.and_then(|h| w.bearer(h)))
                        .unwrap_or(agent)
                } else {
                    agent
                };
                out.push(Value {
                    kind: ValueKind::Duration,
                    span,
                    lo,
                    hi,
                    approx: round || t.modifier.is_some() || t.min != t.max,
                    label: duration_label(text, &t.value),
                    has_noun: noun.is_some(),
                    head: noun.or_else(|| role.clone()),
                    role,
                    verb_text,
                    other_roles,
                    subject: false,
                    agreement_only: false,
                    agent,
                    unit: None,
                    day: None,
                    offset: None,
                    detail: vec![],
                });
            }
            // Days, and months and years ("in December", "in 2005", "1999's"): intervals of
            // days, so a year holds each of its days.
            TimexKind::Date | TimexKind::Time
                if dated_clock
                    || t.precision <= Precision::Day
                    || t.kind == TimexKind::Date
                        && matches!(t.precision, Precision::Month | Precision::Year) =>
            {
                // A part of a day ("Friday morning", "Tuesday night") is also a stretch of the
                // clock: a reading inside it ("10:30 a.m.") agrees with it, one outside does not.
                if let Some((from, to)) = t
                    .value
                    .rsplit_once('T')
                    .and_then(|(_, part)| part_of_day(part))
                {
                    let guessed = d.published_inferred
                        && matches!(t.anchor, Anchor::Dct { .. })
                        && !names_month(d.text, t);
                    let span_of_day = bare_value(ValueKind::Time, t.span, (from, to), true, text);
                    out.push(framed(
                        t.span,
                        Value {
                            unit: Some("local".into()),
                            day: t
                                .earliest
                                .filter(|_| !guessed)
                                .map(|e| e.date().num_days_from_ce() as i64),
                            detail: weekday_detail(&text.to_lowercase()),
                            ..span_of_day
                        },
                    ));
                }
                // A number with its unit ("for 1098 yards") is no year.
                if d.quantities.iter().any(|q| {
                    q.span.overlaps(t.span)
                        && q.span.end > t.span.end
                        && (q.unit.is_some() || q.dimension.is_some())
                }) {
                    continue;
                }
                // A day counted from a guessed publication date is a guess: a weekday it
                // names is still a weekday ("on Saturday"), other days ("today") say nothing;
                // a month and day ("Nov. 30") stand, with the guessed year.
                if d.published_inferred
                    && matches!(t.anchor, Anchor::Dct { .. })
                    && !names_month(d.text, t)
                {
                    if let Some(v) = guessed_weekday(d.text, t) {
                        out.push(framed(t.span, v));
                    }
                    continue;
                }
                let (lo, hi) = match t.event_bounds() {
                    (Some(a), Some(b)) => (day_number(a), day_number(b)),
                    (Some(a), None) => (day_number(a), f64::INFINITY),
                    (None, Some(b)) => (f64::NEG_INFINITY, day_number(b)),
                    (None, None) => {
                        // A report with no date of its own still names a weekday, a day of a
                        // month, a month or a year: those compare with the same of other reports.
                        if let Some(v) = unanchored_date(t) {
                            out.push(framed(
                                t.span,
                                Value {
                                    has_noun: false,
                                    ..v
                                },
                            ));
                        }
                        continue;
                    }
                };
                let label = match (t.earliest, t.signal.as_ref()) {
                    (Some(e), Some(sig))
                        if sig.word == "by" || sig.word == "before" || sig.word == "until" =>
                    {
                        format!("{} {}", sig.word, e.format("%Y-%m-%d"))
                    }
                    (Some(e), _) => {
                        let part = match t.modifier.as_deref() {
                            Some("END") => " (late)",
                            Some("START") => " (early)",
                            _ => "",
                        };
                        let form = match t.precision {
                            Precision::Year => "%Y",
                            Precision::Month => "%Y-%m",
                            _ => "%Y-%m-%d",
                        };
                        format!("{}{part}", e.format(form))
                    }
                    _ => t.value.clone(),
                };
                // A part of a day ("Tuesday morning") is, as a date, its whole day: which part
                // is the time of day's to compare (the morning and the afternoon of one day
                // are two times, not two dates).
                let day_part = t
                    .value
                    .rsplit_once('T')
                    .and_then(|(_, part)| part_of_day(part))
                    .is_some()
                    && lo.is_finite()
                    && hi.is_finite();
                let date = if dated_clock || day_part {
                    // The whole day the clock reading is on: two readings of one day agree
                    // on the day whatever their minutes.
                    let day = lo.floor();
                    let label = t
                        .earliest
                        .map_or(label, |e| e.format("%Y-%m-%d").to_string());
                    bare_value(
                        ValueKind::Date,
                        t.span,
                        (day, day + 1.0 - 1.0 / DAY_SECS),
                        false,
                        &label,
                    )
                } else {
                    bare_value(ValueKind::Date, t.span, (lo, hi), false, &label)
                };
                out.push(framed(t.span, date));
            }
            _ => {}
        }
        if dated_clock {
            for v in out[first..]
                .iter_mut()
                .filter(|v| v.kind == ValueKind::Date)
            {
                v.agreement_only = true;
            }
        }
    }
    for q in d.quantities.iter().filter(|q| s.contains(q.span)) {
        // A number inside a time expression is the time's.
        if out
            .iter()
            .any(|v: &Value| v.kind == ValueKind::Time && v.span.overlaps(q.span))
        {
            continue;
        }
        // A number joined to another by a colon ("08:30", "08: 30", "3:1") is a time, a score or
        // a ratio, not an amount of anything.
        // A numeral written with a leading zero ("0845", "08") is a code or a clock reading.
        let digits = q
            .span
            .slice(d.text)
            .trim_start_matches(|c: char| !c.is_ascii_digit());
        if colon_joined(d.text, q.span)
            || digits.starts_with('0') && digits.len() > 1 && !digits.starts_with("0.")
            || in_digit_run(d.text, q.span)
        {
            continue;
        }
        let kind = match q.kind {
            QuantityKind::Count => ValueKind::Count,
            QuantityKind::Percent => ValueKind::Percent,
            QuantityKind::Money => ValueKind::Money,
            QuantityKind::Measure => ValueKind::Measure,
            QuantityKind::Rank => ValueKind::Rank,
        };
        // A fraction is no number of things: "a 5.6 quake" reads the noun on a scale of its
        // own, a measure whose dimension the text does not name.
        let kind = if kind == ValueKind::Count && q.value.fract() != 0.0 {
            ValueKind::Measure
        } else {
            kind
        };
        let label = q.span.slice(d.text).to_string();
        let (_, role, agent, verb_text, other_roles) = frame(q.span);
        // The counted noun: the parse's (the noun the number modifies, else the last noun of
        // the quantity: "at least 50 injured" counts no noun), else the quantity stage's.
        let counted_word = |ws: &[usize]| {
            w.counted(ws).or_else(|| {
                ws.iter()
                    .rev()
                    .copied()
                    .find(|&i| matches!(w.words[i].upos, "NOUN" | "PROPN"))
            })
        };
        // A counted word in capitals is a model's name ("14 AK-47 rifles"): the quantity
        // stage's noun, read past the name, is what is counted.
        let model_name = |i: usize| {
            let t = w.words[i].span.slice(d.text);
            t.chars().any(|c| c.is_ascii_uppercase()) && !t.chars().any(char::is_lowercase)
        };
        let noun_of = |q: &corroborate_extract::quantities::Quantity| {
            if w.parsed {
                let ws = w.within(q.span);
                counted_word(&ws).map(|i| {
                    let unit = q.unit.as_deref().filter(|_| model_name(i));
                    let k = unit
                        .and_then(|u| ws.iter().copied().find(|&k| w.words[k].lower == u))
                        .unwrap_or(i);
                    w.words[k].lemma.clone()
                })
            } else {
                q.unit.as_deref().map(crate::claims::stem)
            }
        };
        // A measure's unit ("45-yard", "200 pounds") names no slot: what is measured is the
        // noun the unit's phrase modifies ("a 45-yard field goal"), else nothing (its verb
        // stands in).
        let noun = if kind == ValueKind::Measure && w.parsed {
            let ws = w.within(q.span);
            counted_word(&ws)
                .and_then(|u| {
                    if ws.contains(&u) && q.dimension.is_some() {
                        w.words[u]
                            .head
                            .filter(|h| !ws.contains(h) && w.words[*h].upos == "NOUN")
                    } else {
                        // No unit written ("a 5.6 quake"): the noun counted is the one measured.
                        Some(u)
                    }
                })
                .map(|h| w.words[h].lemma.clone())
        } else {
            noun_of(q)
        };
        // A distance from a named place ("940 miles south of Tehran", "1,150 kilometers (700
        // miles) southeast of Tehran") is the distance from that place.
        let noun = match (kind, q.dimension.as_deref()) {
            (ValueKind::Measure, Some("length")) => {
                distance_from(&d.text[q.span.end..s.end]).or(noun)
            }
            _ => noun,
        };
        // "landing 178 of 369 punches thrown": the first number counts the punches the verb
        // tells of, the second all of them, a slot of its own.
        let of_next = |a: Span, b: Span| {
            a.end < b.start && matches!(d.text[a.end..b.start].trim(), "of" | "of the")
        };
        let in_sentence = || d.quantities.iter().filter(|o| s.contains(o.span));
        let noun = match (
            kind,
            in_sentence().find(|o| of_next(q.span, o.span)),
            in_sentence().find(|o| of_next(o.span, q.span)),
        ) {
            (ValueKind::Count, Some(whole), _) if noun.is_none() => noun_of(whole),
            (ValueKind::Count, None, Some(_)) => noun.map(|n| format!("all {n}")),
            (_, _, _) => noun,
        };
        // "his first 17 passes" counts a part of the passes: a slot of its own.
        let noun = match (kind, noun) {
            (ValueKind::Count, Some(n)) => Some(match part_word(d.text, s, q.span) {
                Some(p) => format!("{p} {n}"),
                None => n,
            }),
            (_, n) => n,
        };
        let mut detail = Vec::new();
        if let Some(sc) = &q.scale {
            detail.push(sc.clone());
        }
        if kind == ValueKind::Rank {
            // What is ranked: the name just before or after ("Aleppo, Syria’s second-largest city").
            if let Some(n) = ranked_name(d.text, s, q.span) {
                detail.push(n);
            }
        }
        let round = kind == ValueKind::Count && q.value >= 10.0 && q.value % 10.0 == 0.0;
        let (span, lo, hi) = match split_decimal(d.text, s, q.span) {
            // The whole part was read as a number of its own: it is this one's.
            Some((start, x)) if q.high == Some(q.low) => {
                let span = Span::new(start, q.span.end);
                out.retain(|v: &Value| !span.contains(v.span));
                (span, x, x)
            }
            _ => (q.span, q.low, q.high.unwrap_or(f64::INFINITY)),
        };
        // "no - one" (a tokenized "no-one"): none, not one.
        let (lo, hi) = if kind == ValueKind::Count
            && label.eq_ignore_ascii_case("one")
            && d.text[s.start..span.start]
                .trim_end_matches([' ', '-'])
                .to_lowercase()
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                == Some("no")
        {
            (0.0, 0.0)
        } else {
            (lo, hi)
        };
        // A scale word joined by a hyphen ("$137-million") that the amount was read without.
        let (lo, hi) = match (&q.scale, hyphen_scale(&label)) {
            (None, Some(f)) if lo.abs() < 1000.0 => (lo * f, hi * f),
            _ => (lo, hi),
        };
        out.push(Value {
            kind,
            span,
            lo,
            hi,
            approx: q.qualifier.is_some() || q.high.is_none() || round,
            label,
            has_noun: noun.is_some(),
            head: noun.or_else(|| role.clone()),
            role,
            verb_text,
            other_roles,
            subject: false,
            agreement_only: false,
            agent,
            unit: q.dimension.clone(),
            day: None,
            offset: None,
            detail,
        });
    }
    if let Some(route) = route_in(d.text, s, w, d.times) {
        out.push(route);
    }
    // An age replaces the duration or count its number was read as ("36-year-old",
    // "Gomes, 35").
    // A value read by its own reader takes the frame of the clause it stands in.
    let in_frame = |a: Value| {
        let (_, role, _, verb_text, other_roles) = frame(a.span);
        Value {
            role,
            verb_text,
            other_roles,
            ..a
        }
    };
    for a in ages_in(d.text, s, w) {
        out.retain(|v| !v.span.overlaps(a.span));
        out.push(in_frame(a));
    }
    for a in actors_in(d.text, w) {
        out.push(in_frame(a));
    }
    for p in places_in(d, s, w) {
        let (_, role, agent, verb_text, other_roles) = frame(p.span);
        // A home town is said of its person, whatever the clause's verb does.
        let agent = if p.agent == Agent::Unknown {
            agent
        } else {
            p.agent.clone()
        };
        out.push(Value {
            role: role.clone(),
            head: p.head.clone().or(role),
            verb_text,
            other_roles,
            agent,
            ..p
        });
    }
    // Ordinals of a noun ("the seventh round", "her second stint", "the fifth anti-piracy
    // operation"): which one of a series the thing is.
    for (i, word) in w.words.iter().enumerate() {
        let Some(n) = ordinal(&word.lower) else {
            continue;
        };
        if out.iter().any(|v: &Value| v.span.overlaps(word.span)) {
            continue;
        }
        let Some(h) = word
            .head
            .filter(|&h| h > i && w.words[h].upos == "NOUN" && h - i <= 3)
        else {
            continue;
        };
        let noun = w.words[h].lemma.clone();
        let (_, role, agent, verb_text, other_roles) = frame(word.span);
        out.push(Value {
            kind: ValueKind::Rank,
            span: Span::new(word.span.start, w.words[h].span.end),
            lo: n,
            hi: n,
            approx: false,
            label: Span::new(word.span.start, w.words[h].span.end)
                .slice(d.text)
                .to_string(),
            has_noun: true,
            head: Some(noun.clone()),
            role,
            verb_text,
            other_roles,
            subject: false,
            agreement_only: false,
            agent,
            unit: Some("ordinal".into()),
            day: None,
            offset: None,
            detail: vec![noun],
        });
    }
    let scores = scores_in(d.text, s, w, d.times);
    out.retain(|v| !scores.iter().any(|p| p.span.overlaps(v.span)));
    // A score is of both sides: no one agent; a record is its holder's.
    for p in scores {
        let (_, role, _, verb_text, other_roles) = frame(p.span);
        out.push(Value {
            head: role.clone(),
            role,
            verb_text,
            other_roles,
            ..p
        });
    }
    // A reading inside a time's span is the time's ("13:36 GMT" and "1336" inside "17:06
    // hours local time (13:36 GMT)").
    let times: Vec<Span> = out
        .iter()
        .filter(|v| v.kind == ValueKind::Time)
        .map(|v| v.span)
        .collect();
    out.retain(|v| !times.iter().any(|&t| t != v.span && t.contains(v.span)));
    out.sort_by_key(|v| v.span.start);
    out
}

/// Scores and records: two numbers of one to three digits joined by a hyphen, standing alone
/// ("a 31-24 win", "(11-4)", "trailing 14-0"); not a range of an amount ("10-15 people",
/// "$140-150 million", "20-30 percent") nor a part of a date or a longer code.
fn scores_in(text: &str, s: Span, w: &Words, times: &[corroborate_timex::Timex]) -> Vec<Value> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = s.start;
    while i < s.end {
        let digits = |k: usize| {
            b[k..s.end]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count()
        };
        let boundary = |k: usize| {
            k == 0
                || !(b[k - 1].is_ascii_alphanumeric()
                    || b[k - 1] == b'-'
                    || b[k - 1] == b'.'
                    || b[k - 1] == b'$'
                    || b[k - 1] == b',')
        };
        let n = digits(i);
        if n == 0 || !boundary(i) {
            i += n.max(1);
            continue;
        }
        let start = i;
        i += n;
        if n > 3 || b.get(i) != Some(&b'-') || i + 1 >= s.end {
            continue;
        }
        let m = digits(i + 1);
        let end = i + 1 + m;
        if m == 0
            || m > 3
            || b.get(end)
                .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'%')
        {
            continue;
        }
        let span = Span::new(start, end);
        // What follows: a scale, a unit or a plural noun makes the pair a range of an amount.
        let next = text[end..s.end].trim_start();
        let next_word: String = next
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        let plural = w
            .words
            .iter()
            .find(|x| x.span.start >= end)
            .filter(|x| x.lower == next_word)
            .is_some_and(|x| x.upos == "NOUN" && (x.lemma != x.lower || x.lower == "people"));
        if plural
            || matches!(
                next_word.as_str(),
                "million" | "billion" | "thousand" | "percent" | "per" | "m" | "bn" | "km" | "mph"
            )
            || times.iter().any(|t| t.span.overlaps(span))
        {
            i = end;
            continue;
        }
        let (x, y) = (&text[start..i], &text[i + 1..end]);
        let (x, y) = (x.parse::<u32>().unwrap_or(0), y.parse::<u32>().unwrap_or(0));
        let mut v = bare_value(ValueKind::Score, span, (0.0, 0.0), false, span.slice(text));
        v.detail = vec![x.max(y).to_string(), x.min(y).to_string()];
        // A record right after a name, in brackets ("Klitschko (52-3, 46 KOs)") or between
        // commas before another number ("Wladimir Klitschko, 53-3, 47 KOs"): the named
        // fighter's or team's wins and losses, `unit` "record", the name's last word the agent.
        let lead = text[s.start..start].trim_end();
        let (opened, after) = (text[end..s.end].trim_start(), &text[end..s.end]);
        let name_end = match (lead.strip_suffix('('), lead.strip_suffix(',')) {
            (Some(l), _) if opened.starts_with([')', ',']) => Some(l.trim_end()),
            (_, Some(l))
                if after.starts_with(", ")
                    && after[2..].starts_with(|c: char| c.is_ascii_digit()) =>
            {
                Some(l.trim_end())
            }
            _ => None,
        }
        .map(|l| s.start + l.len());
        if let Some(k) = name_end.and_then(|e| {
            w.words
                .iter()
                .position(|x| x.span.end == e && x.upos == "PROPN")
        }) {
            v.agent = Agent::Person(w.words[k].lemma.clone());
            v.unit = Some("record".into());
        }
        out.push(v);
        i = end;
    }
    out
}

/// How far apart two records of one holder are, in results: 52-3 and 53-3 are one (a report
/// from before a bout and one from after it differ by that bout), 45-1 and 43-1 two.
pub fn record_gap(a: &Value, b: &Value) -> u32 {
    let n = |v: &Value, i: usize| {
        v.detail
            .get(i)
            .and_then(|x| x.parse::<u32>().ok())
            .unwrap_or(0)
    };
    n(a, 0).abs_diff(n(b, 0)) + n(a, 1).abs_diff(n(b, 1))
}

/// The factor of a scale word joined to a number by a hyphen: "137-million" is 1e6.
fn hyphen_scale(label: &str) -> Option<f64> {
    let lower = label.to_lowercase();
    let (num, word) = lower.rsplit_once('-')?;
    if !num.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    match word.trim() {
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// The place a distance is measured from, read from the words after it: an optional
/// parenthesis (the same distance in another unit), compass words, "of" or "from", an optional
/// "the", and a capitalized name: "from tehran".
fn distance_from(after: &str) -> Option<String> {
    // A closing bracket first: the value is itself the other unit's reading ("58km (36
    // miles) south-west of").
    let mut rest = after.trim_start().trim_start_matches(')').trim_start();
    if let Some(r) = rest.strip_prefix('(') {
        rest = r.split_once(')')?.1.trim_start();
    }
    let compass = |w: &str| {
        w.split('-').all(|p| {
            matches!(
                p,
                "north"
                    | "south"
                    | "east"
                    | "west"
                    | "northeast"
                    | "northwest"
                    | "southeast"
                    | "southwest"
                    | "northern"
                    | "southern"
                    | "eastern"
                    | "western"
            )
        })
    };
    let mut words = rest.split_whitespace().peekable();
    while words
        .peek()
        .is_some_and(|w| compass(&w.to_lowercase()) || *w == "-")
    {
        words.next();
    }
    if !matches!(words.next()?, "of" | "from") {
        return None;
    }
    let mut name = Vec::new();
    for w in words {
        let w = w.trim_end_matches([',', '.', ';', ')']);
        if w.eq_ignore_ascii_case("the") && name.is_empty() {
            continue;
        }
        if !w.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        name.push(normalize_name(&w.to_lowercase()));
    }
    (!name.is_empty()).then(|| format!("from {}", name.join(" ")))
}

/// Whether the number at `span` is one side of a colon pair: "08" or "30" in "08:30" (also with
/// a space after the colon, as tokenized copies write it).
fn colon_joined(text: &str, span: Span) -> bool {
    let after = text[span.end..].strip_prefix(':').map(str::trim_start);
    let before = text[..span.start].trim_end_matches(' ').strip_suffix(':');
    after.is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        || before.is_some_and(|l| l.ends_with(|c: char| c.is_ascii_digit()))
}

/// The weekday (0 = Monday) an expression, in lower case, names: "Tuesday morning", "6am on
/// Sunday".
fn named_weekday(lower: &str) -> Option<usize> {
    lower
        .split(|c: char| !c.is_alphabetic())
        .find_map(|w| DAYS.iter().position(|d| *d == w))
}

/// For a time of day: the weekday its expression names, as `detail` holds it (empty when it
/// names none). Two readings of the clock on two named weekdays are of two happenings.
fn weekday_detail(lower: &str) -> Vec<String> {
    named_weekday(lower)
        .map(|d| vec![DAYS[d].to_string()])
        .unwrap_or_default()
}

/// The weekday a day-precise expression names ("last Saturday", "Friday night"), as
/// [`unanchored_date`] gives it, read from the day it was resolved to.
fn guessed_weekday(text: &str, t: &corroborate_timex::Timex) -> Option<Value> {
    let lower = t.span.slice(text).to_lowercase();
    let named = named_weekday(&lower)?;
    let day = t.earliest?.date();
    // The resolved day must be the named one (an expression of two days is not one weekday).
    (day.weekday().num_days_from_monday() as usize == named).then_some(())?;
    let n = named as u32 + 1;
    Some(Value {
        kind: ValueKind::Date,
        span: t.span,
        lo: f64::from(n),
        hi: f64::from(n),
        approx: false,
        label: format!("{}{}", DAYS[named][..1].to_uppercase(), &DAYS[named][1..]),
        head: None,
        role: None,
        has_noun: false,
        other_roles: vec![],
        subject: false,
        agreement_only: false,
        verb_text: None,
        agent: Agent::Unknown,
        unit: Some("weekday".to_string()),
        day: None,
        offset: None,
        detail: vec![],
    })
}

/// Whether a time expression names its month ("Nov. 30", "December 15 of this year"): only
/// its year can come from the publication date.
fn names_month(text: &str, t: &corroborate_timex::Timex) -> bool {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    t.span
        .slice(text)
        .to_lowercase()
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m)))
}

/// A decimal a tokenized copy split at its point ("The 6. 1 - magnitude quake", often cut into
/// two sentences there): for a number of one or two digits right after "<digits>. ", the start
/// of the whole part (the sentence's start when the cut fell there) and the value.
fn split_decimal(text: &str, s: Span, span: Span) -> Option<(usize, f64)> {
    let frac: String = span
        .slice(text)
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if frac.is_empty() || frac.len() > 2 {
        return None;
    }
    let before = text[..span.start].strip_suffix(". ")?;
    let whole: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let start = span.start - 2 - whole.len();
    let lead = text[..start].chars().next_back();
    if whole.is_empty() || whole.len() > 3 || lead.is_some_and(|c| c.is_alphanumeric() || c == '.')
    {
        return None;
    }
    Some((start.max(s.start), format!("{whole}.{frac}").parse().ok()?))
}

/// Whether the number at `span` is one group of a run of bare digit groups ("0845 125 2222",
/// "0800 555 111"): a telephone number or a code, not an amount.
fn in_digit_run(text: &str, span: Span) -> bool {
    let bare = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    let before = text[..span.start]
        .strip_suffix(' ')
        .and_then(|l| l.rsplit(' ').next());
    let after = text[span.end..]
        .strip_prefix(' ')
        .and_then(|r| r.split(' ').next())
        .map(|w| w.trim_end_matches(['.', ',', ';', ')']));
    bare(span.slice(text).trim()) && (before.is_some_and(bare) || after.is_some_and(bare))
}

/// A date whose year and week the text leaves open, as a weekday (1 = Monday, unit `weekday`)
/// or a day of a month (month × 32 + day, unit `month-day`; a month is the span of its days,
/// "late July" their last third), read from its TIMEX3 value ("XXXX-WXX-2", "XXXX-11-27",
/// "XXXX-07"); its slot words are filled in by the caller.
fn unanchored_date(t: &corroborate_timex::Timex) -> Option<Value> {
    // A year on its own ("1999", "in 2005"): its days, comparable with any calendar date.
    if t.value.len() == 4 && t.value.chars().all(|c| c.is_ascii_digit()) {
        let y: i32 = t.value.parse().ok()?;
        let first = chrono::NaiveDate::from_ymd_opt(y, 1, 1)?.num_days_from_ce();
        let last = chrono::NaiveDate::from_ymd_opt(y, 12, 31)?.num_days_from_ce();
        return Some(Value {
            kind: ValueKind::Date,
            span: t.span,
            lo: f64::from(first),
            hi: f64::from(last) + 0.999,
            approx: false,
            label: t.value.clone(),
            head: None,
            role: None,
            has_noun: false,
            other_roles: vec![],
            subject: false,
            agreement_only: false,
            verb_text: None,
            agent: Agent::Unknown,
            unit: None,
            day: None,
            offset: None,
            detail: vec![],
        });
    }
    // The day, without a part of it ("XXXX-WXX-5TAF" is Friday afternoon: a Friday).
    let value = t.value.split('T').next().unwrap_or(&t.value);
    let rest = value.strip_prefix("XXXX-")?;
    let (unit, (lo, hi), label) = if let Some(d) = rest.strip_prefix("WXX-") {
        let d: u32 = d.parse().ok().filter(|d| (1..=7).contains(d))?;
        let name = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][d as usize - 1];
        ("weekday", (f64::from(d), f64::from(d)), name.to_string())
    } else if rest.len() == 2 {
        // A month of an unknown year ("in December": "XXXX-12") holds its days, on the scale
        // of a month's days below: "July 29" falls in "July", and in "late July" (the last
        // third of the month, as an anchored date's qualifier reads it), not in "early July".
        let m: u32 = rest.parse().ok().filter(|m| (1..=12).contains(m))?;
        let (from, to, part) = match t.modifier.as_deref() {
            Some("START") => (1, 10, " (early)"),
            Some("MID") => (11, 20, " (mid)"),
            Some("END") => (21, 31, " (late)"),
            _ => (1, 31, ""),
        };
        (
            "month-day",
            (f64::from(m * 32 + from), f64::from(m * 32 + to)),
            format!("--{m:02}{part}"),
        )
    } else {
        let (m, d) = rest.split_once('-')?;
        let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(())?;
        (
            "month-day",
            (f64::from(m * 32 + d), f64::from(m * 32 + d)),
            format!("--{m:02}-{d:02}"),
        )
    };
    Some(Value {
        kind: ValueKind::Date,
        span: t.span,
        lo,
        hi,
        approx: false,
        label,
        head: None,
        role: None,
        has_noun: false,
        other_roles: vec![],
        subject: false,
        agreement_only: false,
        verb_text: None,
        agent: Agent::Unknown,
        unit: Some(unit.to_string()),
        day: None,
        offset: None,
        detail: vec![],
    })
}

/// Whether a TIMEX3 value reads a clock ("XXXX-XX-XXT17:30", "2024-12-07T04"), not a part of
/// the day ("TAF").
fn has_clock(value: &str) -> bool {
    value
        .split_once('T')
        .is_some_and(|(_, c)| c.len() >= 2 && c[..2].chars().all(|x| x.is_ascii_digit()))
}

/// Zones by their abbreviation, with their offset from UTC in minutes (standard definitions).
const ZONES: &[(&str, i64)] = &[
    ("gmt", 0),
    ("utc", 0),
    ("z", 0),
    ("bst", 60),
    ("cet", 60),
    ("cest", 120),
    ("eet", 120),
    ("eest", 180),
    ("msk", 180),
    ("ist", 330),
    ("jst", 540),
    ("aest", 600),
    ("est", -300),
    ("edt", -240),
    ("cst", -360),
    ("cdt", -300),
    ("mst", -420),
    ("mdt", -360),
    ("pst", -480),
    ("pdt", -420),
];

/// A time of day: minutes after midnight, in UTC when the expression names its zone ("13:00
/// GMT") or pairs the local time with its UTC equivalent ("4 p.m. (1300 GMT)", one value whose
/// span covers both), local otherwise.
fn clock_value(
    text: &str,
    s: Span,
    t: &corroborate_timex::Timex,
    frame: &Frame<'_>,
) -> Option<Value> {
    let (_, clock) = t.value.split_once('T')?;
    let mut parts = clock.split(':');
    let h: i64 = parts.next()?.get(..2)?.parse().ok()?;
    let m: i64 = parts
        .next()
        .and_then(|x| x.get(..2))
        .unwrap_or("00")
        .parse()
        .ok()?;
    let local = h * 60 + m;
    let lower = t.span.slice(text).to_lowercase();
    let zone = lower
        .split(|c: char| !c.is_alphanumeric())
        .find_map(|w| ZONES.iter().find(|(z, _)| *z == w && w != "z"))
        .map(|&(_, off)| off);
    // "(1300 GMT)" or "(13:00 GMT)" right after the local time.
    let rest = &text[t.span.end..s.end];
    let paired = paren_utc(rest);
    let (minutes, unit, offset, end) = match (zone, paired) {
        (_, Some((utc, len))) => (
            utc,
            "UTC",
            Some((local - utc).rem_euclid(1440)),
            t.span.end + len,
        ),
        (Some(off), None) => ((local - off).rem_euclid(1440), "UTC", None, t.span.end),
        (None, None) => (local, "local", None, t.span.end),
    };
    let span = Span::new(t.span.start, end);
    // A whole hour ("4 p.m.") is said loosely; minutes ("2:15 p.m.") are not.
    let approx = m == 0 || t.modifier.is_some();
    // "about 4 p.m." allows half an hour either way; "about 8.40pm" five minutes: an
    // approximator widens a reading by about half the step its minutes are written in.
    let slack = match (t.modifier.is_some(), m) {
        (false, _) => 0.0,
        (true, 0) => 30.0,
        (true, m) if m % 15 == 0 => 10.0,
        (true, m) if m % 5 == 0 => 5.0,
        (true, _) => 2.0,
    };
    let (_, role, agent, verb_text, other_roles) = frame(t.span);
    // The day, when the expression names one ("3:40 p.m. on Friday"); a bare clock time is put
    // on the day of the report by the time stage, which is a guess, not a statement.
    let day = t
        .earliest
        .filter(|_| names_day(&lower))
        .map(|e| e.date().num_days_from_ce() as i64);
    Some(Value {
        kind: ValueKind::Time,
        span,
        lo: minutes as f64 - slack,
        hi: minutes as f64 + slack,
        approx,
        label: format!(
            "{:02}:{:02}{}",
            minutes / 60,
            minutes % 60,
            if unit == "UTC" { " GMT" } else { "" }
        ),
        has_noun: false,
        head: role.clone(),
        role,
        verb_text,
        other_roles,
        subject: false,
        agreement_only: false,
        agent,
        unit: Some(unit.to_string()),
        day,
        offset,
        detail: weekday_detail(&lower),
    })
}

/// Whether a clock expression, in lower case, names its day ("3:40 p.m. on Friday", "6am on
/// Sunday"): a word in it that is no zone and no "local time".
fn names_day(lower: &str) -> bool {
    lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
        w.len() > 2
            && !matches!(w, "local" | "time")
            && !ZONES.iter().any(|(z, _)| *z == w)
            && w.chars().all(char::is_alphabetic)
    })
}

/// The clock minutes (local) a part of the day spans, from its TIMEX3 code: the small hours
/// are "early morning", the evening overlaps the afternoon's end and the night's start.
fn part_of_day(code: &str) -> Option<(f64, f64)> {
    match code {
        "MO" => Some((0.0, 720.0)),
        "AF" => Some((720.0, 1080.0)),
        "EV" => Some((1020.0, 1320.0)),
        "NI" => Some((1080.0, 1440.0)),
        _ => None,
    }
}

/// "(1300 GMT)", " (13:00 UTC)", " hours local time (13:36 GMT)": the UTC minutes and the
/// length of the text through ")".
fn paren_utc(rest: &str) -> Option<(i64, usize)> {
    let mut trimmed = rest.trim_start();
    // Words that only say the reading before is a local clock's.
    for _ in 0..3 {
        let Some(word) = ["hours", "hrs", "local", "time"].into_iter().find(|w| {
            trimmed.len() > w.len()
                && trimmed[..w.len()].eq_ignore_ascii_case(w)
                && !trimmed[w.len()..].starts_with(|c: char| c.is_alphanumeric())
        }) else {
            break;
        };
        trimmed = trimmed[word.len()..].trim_start();
    }
    let lead = rest.len() - trimmed.len();
    let inner = trimmed.strip_prefix('(')?;
    let close = inner.find(')')?;
    let body = inner[..close].trim().to_lowercase();
    let (num, zone) = body.split_once(' ')?;
    if !matches!(zone.trim(), "gmt" | "utc") {
        return None;
    }
    let digits: String = num.chars().filter(char::is_ascii_digit).collect();
    if !(3..=4).contains(&digits.len()) {
        return None;
    }
    let (h, m) = digits.split_at(digits.len() - 2);
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some((h * 60 + m, lead + 1 + close + 1))
}

/// The days a second length adds to the first when the two make one compound length: exact
/// lengths joined by a comma or "and" ("12 minutes, 31 seconds", "two years and three
/// months"), the second of a smaller unit and shorter than one of the first's unit.
fn compound_tail(
    text: &str,
    first: &corroborate_timex::Timex,
    second: &corroborate_timex::Timex,
) -> Option<f64> {
    let gap = text.get(first.span.end..second.span.start)?;
    if !matches!(gap, ", " | " " | " and " | ", and ") {
        return None;
    }
    let exact = |t: &corroborate_timex::Timex| {
        (t.modifier.is_none() && t.min == t.max && !t.value.contains('X'))
            .then(|| iso_days(&t.value))
            .flatten()
    };
    // One of the length's unit: "PT12M" -> "PT1M".
    let unit = |t: &corroborate_timex::Timex| {
        let last = t.value.chars().last()?;
        let time = if t.value.contains('T') { "T" } else { "" };
        iso_days(&format!("P{time}1{last}"))
    };
    let (a, b) = (exact(first)?, exact(second)?);
    (unit(second)? < unit(first)? && b < unit(first)? && a > 0.0).then_some(b)
}

fn duration_label(text: &str, value: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        value.to_string()
    } else {
        t.to_string()
    }
}

/// A clock-like reading followed by "mark" ("the 2:15 mark", "the 1:30 mark of the round"):
/// minutes and seconds elapsed, as a length in days spanning the reading and "mark".
fn elapsed_mark(text: &str, s: Span, t: &corroborate_timex::Timex) -> Option<Value> {
    let raw = t.span.slice(text);
    let (m, sec) = raw.trim().split_once(':')?;
    let (m, sec) = (m.trim(), sec.trim());
    if !(1..=2).contains(&m.len()) || sec.len() != 2 {
        return None;
    }
    let (m, sec): (u32, u32) = (m.parse().ok()?, sec.parse().ok()?);
    if sec >= 60 {
        return None;
    }
    let rest = &text[t.span.end..s.end];
    let gap = rest.len() - rest.trim_start().len();
    let word = rest.trim_start();
    if !word.to_lowercase().starts_with("mark") || word[4..].starts_with(char::is_alphanumeric) {
        return None;
    }
    let days = (m * 60 + sec) as f64 / DAY_SECS;
    let span = Span::new(t.span.start, t.span.end + gap + 4);
    Some(bare_value(
        ValueKind::Duration,
        span,
        (days, days),
        false,
        span.slice(text),
    ))
}

/// "the *first* 24 hours", "the *past* week": a stretch inside something longer.
fn sub_period(text: &str, s: Span, span: Span) -> bool {
    part_word(text, s, span).is_some()
}

/// The word that makes a value a part of something larger ("his *first* 17 passes", "the
/// *past* week"), within two words before it; or an increment over an earlier amount ("an
/// *additional* six engines", "*another* 2,000", "two *extra* life sentences"), named "more".
fn part_word(text: &str, s: Span, span: Span) -> Option<String> {
    const INCREMENT: &[&str] = &["additional", "further", "another", "extra", "more"];
    let before = text[s.start..span.start]
        .split_whitespace()
        .rev()
        .take(2)
        .map(|w| w.to_lowercase());
    for w in before {
        if [
            "first", "last", "past", "next", "initial", "final", "coming",
        ]
        .contains(&w.as_str())
        {
            return Some(w);
        }
        if INCREMENT[..4].contains(&w.as_str()) {
            return Some("more".into());
        }
    }
    // The word right after the number inside the value: "two extra", "three more".
    let words: Vec<String> = span
        .slice(text)
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    words.windows(2).find_map(|p| {
        let number = p[0].chars().any(|c| c.is_ascii_digit()) || quantities::is_number_word(&p[0]);
        (number && INCREMENT[3..].contains(&p[1].as_str())).then(|| "more".to_string())
    })
}

/// "a twelve-day *offensive*", "his 24-year *rule*": the noun right after the duration.
fn head_after(text: &str, span: Span) -> Option<String> {
    let rest = &text[span.end..];
    let word: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let spaced = rest.starts_with(' ');
    (spaced
        && word.len() >= 3
        && !crate::claims::STOP.contains(&word.to_lowercase().as_str())
        && word.chars().next().is_some_and(char::is_lowercase))
    .then(|| head_key(&word))
}

/// "over a decade *of training*": the noun after "of" right behind a span, from the parse.
fn of_noun(w: &Words, span: Span) -> Option<String> {
    let next = w.words.iter().position(|x| x.span.start >= span.end)?;
    (w.words[next].lower == "of")
        .then(|| w.words.get(next + 1))
        .flatten()
        .filter(|x| x.upos == "NOUN")
        .map(|x| x.lemma.clone())
}

/// A head word as compared: its stem ("ruled" and "rule" meet).
fn head_key(w: &str) -> String {
    crate::claims::stem(&w.to_lowercase())
}

/// The number an ordinal word says: "second" 2, "10th" 10 (first through twentieth, and
/// digits with a suffix).
fn ordinal(word: &str) -> Option<f64> {
    const WORDS: &[&str] = &[
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    if let Some(k) = WORDS.iter().position(|x| *x == word) {
        return Some(k as f64 + 1.0);
    }
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    (!digits.is_empty() && matches!(suffix, "st" | "nd" | "rd" | "th"))
        .then(|| digits.parse::<f64>().ok())
        .flatten()
}

/// The capitalized name nearest a rank phrase within its clause.
fn ranked_name(text: &str, s: Span, span: Span) -> Option<String> {
    let before = &text[s.start..span.start];
    let after = &text[span.end..s.end];
    let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // "Syria’s largest city, Aleppo": the name after the comma; "Aleppo, Syria’s second-largest".
    let after_name = tokens(after)
        .into_iter()
        .take(3)
        .find(|t| cap(t.text))
        .map(|t| t.text.to_string());
    let before_toks = tokens(before);
    let before_name = before_toks
        .iter()
        .rev()
        .skip_while(|t| t.text.ends_with("’s") || t.text.ends_with("'s"))
        .take(2)
        .find(|t| cap(t.text))
        .map(|t| t.text.to_string());
    after_name
        .or(before_name)
        .map(|n| normalize_name(&n.to_lowercase()))
}

/// Prepositions that introduce a stop on the way.
const STOP_PREP: &[&str] = &["in", "at", "for", "via", "through"];
/// Prepositions that introduce a journey's ends, which are not stops.
const END_PREP: &[&str] = &["to", "from", "towards", "toward"];

/// A journey's intermediate stops named in one sentence: places introduced by a stop
/// preposition shortly after a verb of motion (one with a WordNet `verb.motion` sense:
/// "landed in", "flew via"), and "X airspace". The ends of the journey are left out, so that
/// routes compare by what lies between: places after "to"/"from", the object of a verb of
/// motion ("left Damascus"), and the place of a verb that can mean reaching a destination (a
/// sense defined by "destination": "arrived in Moscow").
fn route_in(text: &str, s: Span, w: &Words, times: &[corroborate_timex::Timex]) -> Option<Value> {
    let sentence = s.slice(text);
    let toks = tokens(sentence);
    // Each token's lemma, from the sentence's words.
    let lemma = |i: usize| -> String {
        let t = &toks[i];
        w.at(s.start + t.start)
            .map(|k| w.words[k].lemma.clone())
            .unwrap_or_else(|| t.text.to_lowercase())
    };
    // A verb of motion: a verb (by the parse, when there is one) with a `verb.motion` sense.
    let motion: Vec<bool> = (0..toks.len())
        .map(|i| {
            let verb = w
                .at(s.start + toks[i].start)
                .is_none_or(|k| !w.parsed || matches!(w.words[k].upos, "VERB" | "AUX"));
            verb && is_motion(&lemma(i))
        })
        .collect();
    if !motion.iter().any(|&m| m) {
        return None;
    }
    let cap = |i: usize| {
        toks.get(i)
            .is_some_and(|n| n.text.chars().next().is_some_and(char::is_uppercase))
    };
    let name_at = |i: usize| -> (String, usize) {
        let mut j = i;
        let mut parts = Vec::new();
        while cap(j) {
            parts.push(toks[j].text);
            j += 1;
        }
        (normalize_name(&parts.join(" ").to_lowercase()), j)
    };
    let mut ends: Vec<String> = Vec::new();
    let mut stops: Vec<(String, usize, usize)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let word = t.text.to_lowercase();
        if !cap(i + 1) {
            if word == "airspace" && i > 0 && cap(i - 1) {
                let name = format!(
                    "{} airspace",
                    normalize_name(&toks[i - 1].text.to_lowercase())
                );
                stops.push((name, toks[i - 1].start, t.start + t.text.len()));
            }
            continue;
        }
        let (name, j) = name_at(i + 1);
        // In a parse, the place hangs on the verb of motion itself ("landed in Abu Dhabi", not
        // "held talks in Doha"); without one, the verb is at most three words before.
        let after_motion = if w.parsed {
            w.at(s.start + toks[i + 1].start)
                .map(|mut k| {
                    // From a word of the name up to the name's head ("Abu" → "Dhabi").
                    while matches!(w.words[k].deprel.as_str(), "flat" | "compound") {
                        match w.words[k].head {
                            Some(h) => k = h,
                            None => break,
                        }
                    }
                    k
                })
                .and_then(|k| w.words[k].head)
                .is_some_and(|h| {
                    let motion_verb = |h: usize| {
                        matches!(w.words[h].upos, "VERB" | "AUX") && is_motion(&w.words[h].lemma)
                    };
                    // A place attached to the verb's object ("left Damascus for Hmeimim", the
                    // parse's choice of attachment) is the verb's too, unless it only locates
                    // that object: "taken to a hospital in Edina", "left rehab in Newport
                    // Beach" name where an end of the journey is, not a stop on the way. Not
                    // so a noun in another relation to the verb: "arrived … after a rebel
                    // advance through Syria" names the advance's way, not the journey's.
                    motion_verb(h)
                        || matches!(w.words[h].upos, "NOUN" | "PROPN")
                            && matches!(w.words[h].deprel.as_str(), "obj" | "iobj")
                            && !matches!(word.as_str(), "in" | "at")
                            && w.words[h].head.is_some_and(motion_verb)
                })
        } else {
            (i.saturating_sub(3)..i).any(|k| motion[k])
        };
        // "arrived in Moscow": the place of a verb of arrival, by a place preposition ("comes
        // after Lohan" names no place).
        let reached = i > 0 && STOP_PREP.contains(&word.as_str()) && is_arrival(&lemma(i - 1));
        if END_PREP.contains(&word.as_str()) || motion[i] || reached {
            ends.push(name);
        } else if STOP_PREP.contains(&word.as_str())
            && after_motion
            // "in June" is a time, not a stop.
            && !times.iter().any(|t| {
                t.span
                    .overlaps(Span::new(s.start + toks[i + 1].start, s.start + toks[j - 1].start + 1))
            })
        {
            stops.push((
                name,
                toks[i + 1].start,
                toks[j - 1].start + toks[j - 1].text.len(),
            ));
        }
    }
    stops.retain(|(n, _, _)| !ends.contains(n));
    stops.dedup_by(|a, b| a.0 == b.0);
    // A journey names where it went or came from; places of a verb of motion without one
    // ("fought at SAP Arena in Mannheim", "checked into a clinic in Newport Beach") are where
    // something happened, not stops on a way.
    if stops.is_empty() || ends.is_empty() {
        return None;
    }
    let start = s.start + stops.iter().map(|x| x.1).min().unwrap_or(0);
    let end = s.start + stops.iter().map(|x| x.2).max().unwrap_or(0);
    let names: Vec<String> = stops.into_iter().map(|x| x.0).collect();
    let label = format!("via {}", names.join(", "));
    let span = Span::new(start, end.max(start));
    Some(Value {
        detail: names,
        ..bare_value(ValueKind::Route, span, (0.0, 0.0), false, &label)
    })
}

/// How an age follows its number: "36-year-old", "16 year-old", "48-years-old".
const AGE_SUFFIXES: [&str; 6] = [
    "-year-old",
    " year-old",
    "-year old",
    " year old",
    "-years-old",
    " years old",
];

/// Ages of people, in years (a measure of unit `age`): "the 36-year-old Rahman", "a 61-year-old
/// man", "16 year-old Jermayne Timmons", "Gary Gomes, 35,", "aged 91", "at the age of 91". The
/// slot is whose age it is: a named person (`agent`, the last word of the name) or the noun
/// ("man", "daughter") as `head`. A year's difference is a tension (a birthday between reports).
fn ages_in(text: &str, s: Span, w: &Words) -> Vec<Value> {
    let mut out = Vec::new();
    for (k, word) in w.words.iter().enumerate() {
        // The number may be a word of its own or the start of one ("10-year-old").
        let digits = word.lower.len()
            - word
                .lower
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        // Or a number in letters before a hyphenated age ("Sixty-year-old Sharron Smith").
        let (years, number_len, spelled) = match word.lower[..digits].parse::<u32>() {
            Ok(n) if (1..=120).contains(&n) && digits <= 3 => (f64::from(n), digits, false),
            _ => {
                match quantities::leading_number(&text[word.span.start..s.end].to_ascii_lowercase())
                {
                    Some((n, len)) => (n, len, true),
                    None => continue,
                }
            }
        };
        let number_end = word.span.start + number_len;
        let after = text[number_end..s.end].to_lowercase();
        let lead = AGE_SUFFIXES.iter().find(|x| after.starts_with(*x));
        // "68 and 48-years-old", "16, 17 and 19 years old": a number coordinated with an age
        // is an age too (of a person the sentence names in turn, unknown here).
        let coordinated = lead.is_none()
            && digits == word.lower.len()
            && [" and ", " or ", ", ", ", and "].iter().any(|join| {
                after.strip_prefix(join).is_some_and(|rest| {
                    let n =
                        rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                    (1..=3).contains(&n) && AGE_SUFFIXES.iter().any(|x| rest[n..].starts_with(x))
                })
            });
        let prev = |back: usize| k.checked_sub(back).map(|i| &w.words[i]);
        let next = w.words.get(k + 1);
        // A number in letters starts a word: "one" of "Sixty-one-year-old" is not an age.
        let inside = text[..word.span.start]
            .chars()
            .next_back()
            .is_some_and(|c| c == '-' || c.is_alphanumeric());
        if spelled && (lead.is_none() || inside) {
            continue;
        }
        let (end, whose) = if let Some(lead) = lead {
            // The person is the next noun after "old" ("the 36-year-old Rahman"), the last word
            // of a run of names ("Jermayne Timmons").
            let end = number_end + lead.len();
            let mut person = None;
            for (i, x) in w.words.iter().enumerate().skip(k + 1) {
                if x.span.start < end || matches!(x.upos, "ADJ" | "ADV" | "PUNCT") {
                    continue;
                }
                if x.upos == "PROPN" {
                    person = Some(i);
                    if w.words.get(i + 1).is_some_and(|n| n.upos == "PROPN") {
                        continue;
                    }
                } else if x.upos == "NOUN" {
                    person = Some(i);
                }
                break;
            }
            (end, person)
        } else if coordinated {
            (word.span.end, None)
        } else if digits == word.lower.len()
            && prev(1).is_some_and(|c| c.lower == ",")
            && prev(2).is_some_and(|n| {
                n.upos == "PROPN"
                    && next.is_none_or(|n| matches!(n.lower.as_str(), "," | "." | ")" | "of" | ";"))
                    || n.upos == "NOUN"
                        && next.is_none_or(|n| matches!(n.lower.as_str(), "," | "." | ")" | ";"))
            })
        {
            // "Gary Gomes, 35, of New Bedford", "the troubled actress, 26,": a number set off
            // after a name or a person's noun.
            (word.span.end, Some(k - 2))
        } else if digits == word.lower.len()
            && prev(1).is_some_and(|c| c.lower == "age")
            && prev(2).is_some_and(|c| c.lower == ",")
        {
            // "Sharron Smith, age 61,": the age of the name or noun before the comma.
            let whose = k
                .checked_sub(3)
                .filter(|&i| matches!(w.words[i].upos, "PROPN" | "NOUN"));
            (word.span.end, whose)
        } else if prev(1).is_some_and(|c| c.lower == "aged")
            || prev(1).is_some_and(|c| c.lower == "of") && prev(2).is_some_and(|c| c.lower == "age")
        {
            (word.span.end, None)
        } else {
            continue;
        };
        // A word tagged as a name that is a common word ("the 41-year-old American") names
        // nobody.
        let (agent, head) = match whose.map(|i| &w.words[i]) {
            Some(x) if x.upos == "PROPN" && distinctive(&x.lemma) => {
                (Agent::Person(x.lemma.clone()), Some(x.lemma.clone()))
            }
            Some(x) => (Agent::Unknown, Some(x.lemma.clone())),
            None => (Agent::Unknown, None),
        };
        let subject = whose.is_some_and(|i| w.words[i].deprel.starts_with("nsubj"));
        out.push(Value {
            kind: ValueKind::Measure,
            span: Span::new(word.span.start, end),
            lo: years,
            hi: years,
            approx: true,
            label: format!("{years} years old"),
            has_noun: head.is_some(),
            head,
            role: None,
            verb_text: None,
            other_roles: vec![],
            subject,
            agreement_only: false,
            agent,
            unit: Some("age".to_string()),
            day: None,
            offset: None,
            detail: vec![],
        });
    }
    out
}

/// What a preposition says of the place after it: where something is or happened (`at`),
/// where it came from (`from`), where it went (`to`).
fn place_relation(prep: &str) -> Option<&'static str> {
    match prep {
        "in" | "at" | "on" | "near" | "outside" | "inside" | "within" | "across" | "throughout" => {
            Some("at")
        }
        "from" => Some("from"),
        "to" | "into" | "onto" | "toward" | "towards" => Some("to"),
        _ => None,
    }
}

/// Named places of a parsed sentence: a name (proper nouns, or a common noun they qualify:
/// "Pagliarelli prison", "his Cypress Park home") attached by a preposition of place to a verb
/// or a noun ("died in Beverly Hills", "a clinic in Malibu"). The slot is the word it hangs on
/// (`head`: that noun, or the verb the caller fills in as `role`); a name that is a time
/// expression ("on Tuesday", "in December") is no place.
fn places_in(d: &DocInput<'_>, s: Span, w: &Words) -> Vec<Value> {
    if !w.parsed {
        return vec![];
    }
    let children = |i: usize| (0..w.words.len()).filter(move |&j| w.words[j].head == Some(i));
    let mut out = Vec::new();
    for (n, word) in w.words.iter().enumerate() {
        if !matches!(word.upos, "PROPN" | "NOUN") {
            continue;
        }
        let rel = word.deprel.as_str();
        let attached = (rel == "obl"
            || rel == "nmod"
            || rel.starts_with("obl:")
            || rel.starts_with("nmod:"))
            && !matches!(
                rel,
                "nmod:poss" | "obl:agent" | "obl:tmod" | "obl:npmod" | "nmod:tmod" | "nmod:npmod"
            );
        let Some(h) = word.head.filter(|_| attached) else {
            continue;
        };
        // "Anthony LaSalle, 36, of Bloomington": a place after a named person's age is where
        // that person lives, a slot of the person (`unit` "home", `head` and agent the name).
        // Read by word order: a parse hangs the place on the name, the age or another noun.
        let home = children(n)
            .find(|&c| w.words[c].deprel == "case" && w.words[c].lower == "of")
            .filter(|&c| {
                c >= 4
                    && w.words[c - 1].lower == ","
                    && w.words[c - 2].upos == "NUM"
                    && w.words[c - 2]
                        .lower
                        .parse::<u32>()
                        .is_ok_and(|age| (1..=120).contains(&age))
                    && w.words[c - 3].lower == ","
                    && w.words[c - 4].upos == "PROPN"
            })
            .map(|c| w.words[c - 4].lemma.clone())
            .filter(|name| distinctive(name));
        let Some((prep, relation)) =
            children(n)
                .find(|&c| w.words[c].deprel == "case")
                .and_then(|c| {
                    let rel = if home.is_some() {
                        "home"
                    } else {
                        place_relation(&w.words[c].lower)?
                    };
                    Some((&w.words[c].lower, rel))
                })
        else {
            continue;
        };
        // The name: the word and its flat or compound parts, proper nouns only.
        let mut parts = vec![n];
        let mut k = 0;
        while k < parts.len() {
            let p = parts[k];
            parts.extend(children(p).filter(|&c| {
                matches!(
                    w.words[c].deprel.as_str(),
                    "flat" | "compound" | "flat:name"
                ) && matches!(w.words[c].upos, "PROPN" | "NOUN")
            }));
            k += 1;
        }
        let mut names: Vec<usize> = parts
            .into_iter()
            .filter(|&p| w.words[p].upos == "PROPN")
            .collect();
        if names.is_empty() {
            continue;
        }
        names.sort_unstable();
        let span = Span::new(
            w.words[names[0]].span.start,
            w.words[*names.last().unwrap_or(&names[0])].span.end,
        );
        if d.times.iter().any(|t| t.span.overlaps(span)) || !s.contains(span) {
            continue;
        }
        let mut detail: Vec<String> = names
            .iter()
            .map(|&p| w.words[p].lemma.clone())
            .filter(|l| !l.is_empty())
            .collect();
        detail.sort();
        detail.dedup();
        if detail.is_empty() {
            continue;
        }
        let (head, has_noun) = if let Some(name) = &home {
            (Some(name.clone()), true)
        } else if matches!(w.words[h].upos, "NOUN" | "PROPN") {
            (Some(w.words[h].lemma.clone()), true)
        } else {
            (None, false)
        };
        out.push(Value {
            kind: ValueKind::Place,
            span,
            lo: 0.0,
            hi: 0.0,
            approx: false,
            label: format!("{prep} {}", span.slice(d.text)),
            head,
            has_noun,
            role: None,
            verb_text: None,
            other_roles: vec![],
            subject: false,
            agreement_only: false,
            agent: home.map_or(Agent::Unknown, Agent::Person),
            unit: Some(relation.to_string()),
            day: None,
            offset: None,
            detail,
        });
    }
    out
}

/// Whether a noun names a kind of person first of all (WordNet's first noun sense is
/// `noun.person`, not a named one): "judge", "publicist", "manager", "defender"; not
/// "police", "team" or "Shannon".
fn person_noun(word: &str) -> bool {
    let wn = Lexicon::bundled();
    wn.synsets(word, Some(WnPos::Noun))
        .first()
        .is_some_and(|&s| {
            // A named person ("Shannon", "Lincoln") is an instance, with no kind above it.
            wn.synset(s).lexname() == "noun.person" && !wn.synset(s).hypernyms.is_empty()
        })
}

/// Whether a noun can name a kind of person (some WordNet noun sense is `noun.person` and not
/// a named one): "man", "woman", "doctor", "actress".
pub(crate) fn kind_of_person(word: &str) -> bool {
    let wn = Lexicon::bundled();
    wn.synsets(word, Some(WnPos::Noun))
        .iter()
        .any(|&s| wn.synset(s).lexname() == "noun.person" && !wn.synset(s).hypernyms.is_empty())
}

/// Whether a word can name a place (some WordNet sense is `noun.location`): "Vancouver",
/// "Maryland"; a word that stands after a person's age as where the person is from.
pub(crate) fn place_word(word: &str) -> bool {
    let wn = Lexicon::bundled();
    wn.synsets(word, None)
        .iter()
        .any(|&s| wn.synset(s).lexname() == "noun.location")
}

/// Persons named with their role in a parsed sentence: a run of nouns, adjectives and names
/// with no punctuation inside, whose last role noun ("Judge", "general manager", "Deputy
/// Public Defender") is followed by a capitalized name of one to four words ("James R.
/// Dabney", "Peter Lynch").
fn actors_in(text: &str, w: &Words) -> Vec<Value> {
    if !w.parsed {
        return vec![];
    }
    let capitalized = |i: usize| w.words[i].span.slice(text).starts_with(char::is_uppercase);
    // A headline in title case ("Swimmer And Actress Dies Aged 91") does not tell names from
    // other words.
    let lettered: Vec<usize> = (0..w.words.len())
        .filter(|&i| w.words[i].span.slice(text).starts_with(char::is_alphabetic))
        .collect();
    if lettered.iter().filter(|&&i| capitalized(i)).count() * 5 > lettered.len() * 3 {
        return vec![];
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.words.len() {
        let run_start = i;
        while i < w.words.len()
            && matches!(w.words[i].upos, "NOUN" | "PROPN" | "ADJ")
            && (i == run_start || !w.words[i].gap)
        {
            i += 1;
        }
        let run = run_start..i;
        i = i.max(run_start + 1);
        // The name: one to four capitalized proper nouns ending the run, after a role noun.
        // A capitalized role ("Judge", "Officer") is told from a first name ("Peter",
        // "Shannon", which WordNet also knows as persons) by the full name after it.
        let Some(title_end) = (run.start..run.end.saturating_sub(1)).rev().find(|&t| {
            let len = run.end - t - 1;
            len <= 4
                && (t + 1..run.end).all(|k| w.words[k].upos == "PROPN" && capitalized(k))
                && (!capitalized(t) || len >= 2)
                && person_noun(&w.words[t].lower)
        }) else {
            continue;
        };
        let name = title_end + 1..run.end;
        // The role's words: the role noun and the common words before it in the run.
        let mut title_start = title_end;
        while title_start > run.start && w.words[title_start - 1].upos != "PROPN" {
            title_start -= 1;
        }
        let role_words: Vec<String> = (title_start..=title_end)
            .map(|k| w.words[k].lower.clone())
            .collect();
        let detail: Vec<String> = name
            .clone()
            .map(|k| w.words[k].lemma.clone())
            .filter(|l| !l.is_empty())
            .collect();
        if detail.is_empty() {
            continue;
        }
        let span = Span::new(
            w.words[name.start].span.start,
            w.words[name.end - 1].span.end,
        );
        let key = role_words[role_words.len().saturating_sub(2)..].join(" ");
        let mut v = bare_value(
            ValueKind::Actor,
            span,
            (0.0, 0.0),
            false,
            Span::new(w.words[title_start].span.start, span.end).slice(text),
        );
        v.head = Some(w.words[title_end].lemma.clone());
        v.has_noun = true;
        v.unit = Some(key);
        v.detail = detail;
        out.push(v);
    }
    out
}

/// Whether a word of a name tells one place from another: a word WordNet does not know, or
/// knows only as the name of a place or a person ("Malibu", "Mannheim", "Philip"), not a
/// common word that names share ("street", "park", "high", "center").
pub fn distinctive(word: &str) -> bool {
    let wn = Lexicon::bundled();
    let senses = wn.synsets(word, None);
    word.chars().count() > 2
        && senses
            .iter()
            .all(|&s| matches!(wn.synset(s).lexname(), "noun.location" | "noun.person"))
}

/// How two place names relate: `Some(true)` when they name one place (a distinctive word in
/// common, the same words, or names without distinctive words sharing a word), `Some(false)`
/// when both have distinctive words and share none, `None` when they cannot be told apart.
pub fn same_place(a: &[String], b: &[String]) -> Option<bool> {
    let shared = |f: &dyn Fn(&String) -> bool| a.iter().any(|x| f(x) && b.contains(x));
    let da = a.iter().any(|x| distinctive(x));
    let db = b.iter().any(|x| distinctive(x));
    if shared(&|x| distinctive(x)) || a == b || !da && !db && shared(&|_| true) {
        Some(true)
    } else if da && db {
        Some(false)
    } else {
        None
    }
}

/// The bundled gazetteer, the one copy per process the pipeline's entity stage also reads
/// ([`Gazetteer::shared`](corroborate_entities::geo::Gazetteer::shared); `None` when its file is
/// missing, and the pipeline refuses to start without it).
fn gazetteer() -> Option<&'static corroborate_entities::geo::Gazetteer> {
    corroborate_entities::geo::Gazetteer::shared().ok()
}

/// How far apart two towns of one story may lie, in km: the places one event is told at.
const ONE_AREA_KM: f64 = 100.0;

/// Whether two place names are two different towns, neither of which holds the other, as the
/// gazetteer tells: the nearest places of the two names are towns that lie in one area
/// ([`ONE_AREA_KM`]) but are not one place, and no country, division, sea or other area of
/// either name lies near the other's places (it might hold them). `Some(false)` when they are
/// one town; `None` when it cannot tell (a name it does not know, such as a street or a
/// neighbourhood, or a division of that name nearby).
pub fn towns_apart(a: &str, b: &str) -> Option<bool> {
    let gaz = gazetteer()?;
    let places = |name: &str| gaz.lookup(name.trim_end_matches(['.', ',']));
    let (pa, pb) = (places(a), places(b));
    let town = |p: &corroborate_entities::geo::Place| p.feature.starts_with("P.");
    let km = |x: &corroborate_entities::geo::Place, y: &corroborate_entities::geo::Place| {
        corroborate_entities::geo::distance_km((x.lat, x.lon), (y.lat, y.lon))
    };
    // The nearest two towns of the two names: the ones the story means.
    let mut nearest: Option<(f64, usize, usize)> = None;
    for (i, x) in pa.iter().enumerate().filter(|(_, x)| town(x)) {
        for (j, y) in pb.iter().enumerate().filter(|(_, y)| town(y)) {
            let d = km(x, y);
            if nearest.is_none_or(|(n, _, _)| d < n) {
                nearest = Some((d, i, j));
            }
        }
    }
    let (d, i, j) = nearest?;
    // An area of either name near the other's town may hold it ("Los Angeles County" and
    // Pasadena); its point is its centre, so "near" is wide.
    let holds = |areas: &[corroborate_entities::geo::Place],
                 t: &corroborate_entities::geo::Place| {
        areas
            .iter()
            .any(|x| !town(x) && km(x, t) <= 4.0 * ONE_AREA_KM)
    };
    if holds(&pa, &pb[j]) || holds(&pb, &pa[i]) {
        None
    } else if d < 1.0 {
        Some(false)
    } else if d <= ONE_AREA_KM {
        Some(true)
    } else {
        None
    }
}

/// Whether two place values are two towns of one area, neither holding the other
/// ([`towns_apart`]): values a careful reader sets against each other when they are said of one
/// thing (where one named facility is, a named person's home town).
pub fn places_apart(a: &Value, b: &Value) -> bool {
    let (pa, na) = a.label.split_once(' ').unwrap_or(("", ""));
    let (pb, nb) = b.label.split_once(' ').unwrap_or(("", ""));
    // "near Nice", "outside Paris" locate by a landmark: at odds with no town.
    let located = |prep: &str| !matches!(prep, "near" | "outside" | "across" | "throughout");
    a.kind == ValueKind::Place
        && b.kind == ValueKind::Place
        && located(pa)
        && located(pb)
        && towns_apart(na, nb) == Some(true)
}

/// Whether a verb is one of motion: at least one in seven of its WordNet senses are
/// `verb.motion` ("leave" 2 of 14, "land" 5 of 7; not "hold", 1 of 36).
fn is_motion(lemma: &str) -> bool {
    let wn = Lexicon::bundled();
    let senses = wn.synsets(lemma, Some(WnPos::Verb));
    let motion = senses
        .iter()
        .filter(|&&s| wn.synset(s).lexname() == "verb.motion")
        .count();
    motion > 0 && motion * 7 >= senses.len()
}

/// Whether a verb has a sense defined as reaching a destination ("arrive", "reach").
fn is_arrival(lemma: &str) -> bool {
    let wn = Lexicon::bundled();
    wn.synsets(lemma, Some(WnPos::Verb)).iter().any(|&s| {
        wn.synset(s)
            .gloss
            .iter()
            .any(|&g| wn.word(g) == "destination")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_distance_is_from_the_place_named_after_it() {
        assert_eq!(
            distance_from(" south of Tehran, the capital.").as_deref(),
            Some("from tehran")
        );
        assert_eq!(
            distance_from(" (700 miles) southeast of Tehran").as_deref(),
            Some("from tehran")
        );
        assert_eq!(
            distance_from(") south - west of Bandar Abbas").as_deref(),
            Some("from bandar abbas")
        );
        assert_eq!(distance_from(" from the coast").as_deref(), None);
        assert_eq!(distance_from(" of rope").as_deref(), None);
    }

    #[test]
    fn iso_durations_in_days() {
        assert_eq!(iso_days("P12D"), Some(12.0));
        assert_eq!(iso_days("P2W"), Some(14.0));
        assert!((iso_days("P24Y").unwrap() - 8766.0).abs() < 1.0);
        assert!((iso_days("P2E").unwrap() - 7305.0).abs() < 1.0);
        assert_eq!(iso_days("PT24H"), Some(1.0));
        assert_eq!(iso_days("PXD"), None);
    }

    #[test]
    fn a_local_time_paired_with_its_utc_reading() {
        assert_eq!(paren_utc(" (1300 GMT) on Friday"), Some((780, 11)));
        assert_eq!(paren_utc(" hours local time (13:36 GMT)."), Some((816, 29)));
        assert_eq!(paren_utc(" local (1336 GMT)"), Some((816, 17)));
        assert_eq!(paren_utc(" hours, then (1336 GMT)"), None);
        assert_eq!(paren_utc(" timetable (1336 GMT)"), None);
    }

    #[test]
    fn towns_of_one_area_apart_from_what_holds_them() {
        // Two towns a few km apart; a town and the county that holds it; one town; a town
        // and a country; names the gazetteer does not know.
        for (a, b, expect) in [
            ("Pasadena", "Glendale", Some(true)),
            ("Santa Monica", "Culver City", Some(true)),
            ("Pasadena", "Los Angeles County", None),
            ("Minneapolis", "Minneapolis", Some(false)),
            ("Minneapolis", "United States", None),
            ("Philip Street", "Phillips Road", None),
        ] {
            assert_eq!(super::towns_apart(a, b), expect, "{a} / {b}");
        }
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal("seventh"), Some(7.0));
        assert_eq!(ordinal("10th"), Some(10.0));
        assert_eq!(ordinal("2nd"), Some(2.0));
        assert_eq!(ordinal("seven"), None);
        assert_eq!(ordinal("th"), None);
    }
}
