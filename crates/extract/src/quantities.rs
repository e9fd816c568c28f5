//! Quantities that sources disagree about: counts ("more than 14 million Syrians", "no
//! casualties"), percentages, money, measures with their unit converted to SI ("50 km", "30
//! miles", "magnitude 7.1"), and ranks and superlatives ("Syria's largest city",
//! "second-largest"), each with its numeric bounds, the qualifier that widens them and the noun
//! it counts.
//!
//! Durations, dates and clock times are the time stage's (`corroborate-timex`); this module
//! leaves words followed by time units ("12 days", "24-year"), clock times ("2:15 p.m.") and
//! times with a zone ("1300 GMT") to it.

use corroborate_model::Span;
use serde::{Deserialize, Serialize};

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuantityKind {
    Count,
    Percent,
    Money,
    /// A physical measure, in the SI unit of its dimension (metres, kilograms, square metres,
    /// cubic metres, metres per second) or on its own scale (an earthquake's magnitude).
    Measure,
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
    /// For measures: the dimension ("length", "mass", "area", "volume", "speed", "magnitude");
    /// for money: the currency ("USD", "EUR", "GBP") when the text names it.
    #[serde(default)]
    pub dimension: Option<String>,
}

/// Numbers in letters from one to nineteen, then the tens ("twenty" … "ninety").
const UNIT_WORDS: [&str; 19] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS_WORDS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Other number words that stand alone, some vague ("dozens", "hundreds": counted with wide
/// bounds).
const OTHER_NUMBER_WORDS: &[(&str, f64)] = &[
    ("hundred", 100.0),
    ("dozen", 12.0),
    ("dozens", 24.0),
    ("hundreds", 200.0),
    ("thousands", 2000.0),
];

/// The value of a number word standing alone ("seven", "forty", "dozens"), lowercased.
fn small_number(word: &str) -> Option<f64> {
    if let Some(i) = UNIT_WORDS.iter().position(|w| *w == word) {
        return Some(i as f64 + 1.0);
    }
    if let Some(i) = TENS_WORDS.iter().position(|w| *w == word) {
        return Some((i as f64 + 2.0) * 10.0);
    }
    OTHER_NUMBER_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|&(_, v)| v)
}

/// A number in letters at the start of `lower` ("sixty", "sixty-one", "seventeen"), up to 99,
/// with the bytes it takes: the longest number word that starts the text ("seventeen", not
/// "seven"), a tens word and a unit joined by a hyphen. What follows is the caller's to check.
pub fn leading_number(lower: &str) -> Option<(f64, usize)> {
    let unit = |s: &str| {
        UNIT_WORDS
            .iter()
            .enumerate()
            .filter(|(_, w)| s.starts_with(**w))
            .max_by_key(|(_, w)| w.len())
            .map(|(i, w)| (i as f64 + 1.0, w.len()))
    };
    if let Some((t, w)) = TENS_WORDS
        .iter()
        .enumerate()
        .find(|(_, w)| lower.starts_with(**w))
    {
        let tens = (t as f64 + 2.0) * 10.0;
        let ones = lower[w.len()..]
            .strip_prefix('-')
            .and_then(unit)
            .filter(|&(u, _)| u < 10.0);
        return Some(match ones {
            Some((u, len)) => (tens + u, w.len() + 1 + len),
            None => (tens, w.len()),
        });
    }
    unit(lower)
}

const SCALE: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

/// Whether a word is a number written in letters ("seven", "dozens", "million"), in any case.
pub fn is_number_word(word: &str) -> bool {
    let w = word.to_lowercase();
    small_number(&w).is_some() || SCALE.iter().any(|(x, _)| *x == w)
}

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

/// Units after a number that make it a duration or date, left to the time stage (month names
/// too: [`is_time_unit`]).
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
];

/// Whether a word after a number makes it a duration or date: a time unit or a month's name.
fn is_time_unit(w: &str) -> bool {
    TIME_UNITS.contains(&w) || crate::calendar::MONTHS.contains(&w)
}

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
    let is_word = |c: char| {
        c.is_alphanumeric()
            || matches!(
                c,
                '.' | ',' | '-' | '$' | '€' | '£' | '¥' | '%' | '’' | '\'' | '/' | '²'
            )
    };
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
    // Keep "a.m." and "U.S." whole; a number ends at its last digit ("it was 6.1.").
    let number = trimmed.ends_with(|c: char| c.is_ascii_digit());
    let keep = if raw.matches('.').count() >= 2 && !number {
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
    let money = tok.starts_with(['$', '€', '£', '¥']);
    let percent = tok.ends_with('%');
    let core = tok
        .trim_start_matches(['$', '€', '£', '¥'])
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

/// Units of measure: the written forms, the dimension and the size of one unit in the SI unit of
/// that dimension (m, kg, m², m³, m/s), from the SI and the international yard and pound
/// definitions. A unit whose size differs by convention ("ton": short or long; "gallon": US or
/// imperial) is an interval.
const UNITS: &[(&[&str], &str, f64, f64)] = &[
    (
        &[
            "km",
            "kms",
            "kilometre",
            "kilometres",
            "kilometer",
            "kilometers",
        ],
        "length",
        1e3,
        1e3,
    ),
    (
        &["m", "metre", "metres", "meter", "meters"],
        "length",
        1.0,
        1.0,
    ),
    (
        &[
            "cm",
            "centimetre",
            "centimetres",
            "centimeter",
            "centimeters",
        ],
        "length",
        0.01,
        0.01,
    ),
    (
        &[
            "mm",
            "millimetre",
            "millimetres",
            "millimeter",
            "millimeters",
        ],
        "length",
        1e-3,
        1e-3,
    ),
    (&["mile", "miles", "mi"], "length", 1609.344, 1609.344),
    (&["yard", "yards", "yd"], "length", 0.9144, 0.9144),
    (&["foot", "feet", "ft"], "length", 0.3048, 0.3048),
    (&["inch", "inches"], "length", 0.0254, 0.0254),
    (
        &["kg", "kgs", "kilogram", "kilograms", "kilo", "kilos"],
        "mass",
        1.0,
        1.0,
    ),
    (&["g", "gram", "grams"], "mass", 1e-3, 1e-3),
    (&["tonne", "tonnes"], "mass", 1e3, 1e3),
    (&["ton", "tons"], "mass", 907.184_74, 1_016.046_908_8),
    (
        &["lb", "lbs", "pound", "pounds"],
        "mass",
        0.453_592_37,
        0.453_592_37,
    ),
    (
        &["ounce", "ounces", "oz"],
        "mass",
        0.028_349_523_125,
        0.028_349_523_125,
    ),
    (&["hectare", "hectares", "ha"], "area", 1e4, 1e4),
    (&["acre", "acres"], "area", 4_046.856_422_4, 4_046.856_422_4),
    (&["km2", "km²"], "area", 1e6, 1e6),
    (
        &["litre", "litres", "liter", "liters", "l"],
        "volume",
        1e-3,
        1e-3,
    ),
    (
        &["gallon", "gallons"],
        "volume",
        0.003_785_411_784,
        0.004_546_09,
    ),
    (
        &["barrel", "barrels"],
        "volume",
        0.158_987_294_928,
        0.158_987_294_928,
    ),
    (&["mph"], "speed", 0.447_04, 0.447_04),
    (&["kph", "km/h"], "speed", 1.0 / 3.6, 1.0 / 3.6),
    (
        &["knot", "knots"],
        "speed",
        1852.0 / 3600.0,
        1852.0 / 3600.0,
    ),
];

/// A unit at token `i` (and the tokens it takes): "km", "square miles", "sq km", "cubic
/// metres", "miles per hour", "kilometres an hour". Returns (dimension, SI low, SI high, end).
fn unit_at(lower: &[String], i: usize) -> Option<(&'static str, f64, f64, usize)> {
    let w = lower.get(i)?.as_str();
    let find = |w: &str| UNITS.iter().find(|(names, ..)| names.contains(&w));
    if matches!(w, "square" | "sq" | "cubic") {
        let &(_, dim, lo, hi) = find(lower.get(i + 1)?)?;
        if dim != "length" {
            return None;
        }
        let p = if w == "cubic" { 3 } else { 2 };
        let dim = if p == 3 { "volume" } else { "area" };
        return Some((dim, lo.powi(p), hi.powi(p), i + 2));
    }
    let &(_, dim, lo, hi) = find(w)?;
    // "kilometres per hour", "miles an hour".
    if dim == "length"
        && matches!(
            lower.get(i + 1).map(String::as_str),
            Some("per" | "an" | "a")
        )
        && lower.get(i + 2).is_some_and(|h| h == "hour")
    {
        return Some(("speed", lo / 3600.0, hi / 3600.0, i + 3));
    }
    Some((dim, lo, hi, i + 1))
}

/// Currencies by sign or name, as ISO 4217 codes.
const CURRENCIES: &[(&str, &str)] = &[
    ("$", "USD"),
    ("us$", "USD"),
    ("dollar", "USD"),
    ("dollars", "USD"),
    ("€", "EUR"),
    ("euro", "EUR"),
    ("euros", "EUR"),
    ("£", "GBP"),
    ("sterling", "GBP"),
    ("¥", "JPY"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("rupees", "INR"),
    ("rubles", "RUB"),
    ("roubles", "RUB"),
];

/// Zones of clock times ("1300 GMT"): a number before one is a time, not a count.
const ZONES: &[&str] = &[
    "gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "cet", "cest", "bst",
    "msk", "ist", "jst", "aest", "hkt", "sgt",
];

/// Plural nouns without an "s": a number's counted noun when it is one of these.
const IRREGULAR_PLURALS: &[&str] = &[
    "people",
    "children",
    "men",
    "women",
    "police",
    "personnel",
    "staff",
    "cattle",
    "livestock",
    "feet",
    "teeth",
    "mice",
    "geese",
    "sheep",
    "fish",
    "aircraft",
    "crew",
];

/// Half a unit of the last significant digit written: "50" is 45..55, "7.1" 7.05..7.15, "1,250"
/// 1,245..1,255; what a rounded measure allows.
fn rounding(tok: &str) -> f64 {
    let core: String = tok
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    if let Some((_, frac)) = core.split_once('.') {
        return 0.5 * 10f64.powi(-(frac.len() as i32));
    }
    let zeros = core.chars().rev().take_while(|&c| c == '0').count();
    if zeros == core.len() {
        return 0.5;
    }
    0.5 * 10f64.powi(zeros as i32)
}

/// The size of one unit of the last significant digit of a number as written ("102" in "$102
/// million" is a million, "40" ten, "7.25" a hundredth), scaled to `value`; for a number in
/// words, the largest power of ten that divides it.
fn written_place(tok: &str, value: f64) -> f64 {
    let core: String = tok
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        .filter(|c| *c != ',')
        .collect();
    match core.parse::<f64>() {
        Ok(raw) if raw > 0.0 => 2.0 * rounding(&core) * value / raw,
        _ => {
            let mut place = 1.0;
            while value >= place * 10.0 && (value / (place * 10.0)).fract() == 0.0 {
                place *= 10.0;
            }
            place
        }
    }
}

/// Vague amounts of a noun, as the counts English speakers take them to allow: "a pair of
/// hooks" is two, "a couple of" two or three, "a few" two to five, "a handful of" two to six,
/// "several" three to nine. Each is (its words, low, high); "of" after it is part of it.
const VAGUE_COUNTS: &[(&str, f64, f64)] = &[
    ("a pair of", 2.0, 2.0),
    ("a couple of", 2.0, 3.0),
    ("a few", 2.0, 5.0),
    ("a handful of", 2.0, 6.0),
    ("several", 3.0, 9.0),
];

/// A vague amount at token `i` ([`VAGUE_COUNTS`]) that counts a plural noun: the quantity and
/// the index after it. One before a unit of time ("several hours", "a few days") is a length,
/// the time stage's.
fn vague_at(toks: &[Tok<'_>], lower: &[String], i: usize) -> Option<(Quantity, usize)> {
    let &(words, low, high) = VAGUE_COUNTS.iter().find(|(words, ..)| {
        let ws: Vec<&str> = words.split(' ').collect();
        lower
            .get(i..i + ws.len())
            .is_some_and(|got| got.iter().zip(&ws).all(|(a, b)| a == b))
    })?;
    let end = i + words.split(' ').count();
    if lower.get(end).is_none_or(|w| is_time_unit(w)) {
        return None;
    }
    let (unit, last) = counted_noun(toks, lower, end, QuantityKind::Count);
    if last < end || !unit.as_deref().is_some_and(plural) {
        return None;
    }
    let exact = low == high;
    let quantity = Quantity {
        span: Span::new(toks[i].span.start, toks[last].span.end),
        kind: QuantityKind::Count,
        value: low,
        low,
        high: Some(high),
        qualifier: (!exact).then(|| {
            toks[i..end]
                .iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" ")
        }),
        unit,
        scale: None,
        dimension: None,
    };
    Some((quantity, last + 1))
}

/// Scale words written close up after an amount of money: "$1.2m", "£3bn", "74million".
const MONEY_SUFFIXES: &[(&str, f64)] = &[
    ("million", 1e6),
    ("billion", 1e9),
    ("mn", 1e6),
    ("bn", 1e9),
    ("m", 1e6),
    ("k", 1e3),
];

/// An amount of money written as one token, with the currency it names and its value: a sign
/// and a scale close up ("$1.2bn", "£1.2m", "US$5m"), or the letters plain-text wire copy puts
/// for a sign it cannot write, "e" for € and "p" for £, which only stand for one before a scale
/// ("e80", "p74million": `needs_scale` says the scale must follow as a word). Returns (currency,
/// value, whether the scale was in the token, whether a scale word must follow).
fn money_token(tok: &str) -> Option<(&'static str, f64, bool, bool)> {
    let (code, rest, ascii) = [
        ("us$", "USD", false),
        ("$", "USD", false),
        ("€", "EUR", false),
        ("£", "GBP", false),
        ("¥", "JPY", false),
        ("e", "EUR", true),
        ("p", "GBP", true),
    ]
    .iter()
    .find_map(|&(sign, code, ascii)| {
        let rest = tok.strip_prefix(sign)?;
        rest.starts_with(|c: char| c.is_ascii_digit())
            .then_some((code, rest, ascii))
    })?;
    let digits_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let value: f64 = rest[..digits_end].replace(',', "").parse().ok()?;
    let suffix = &rest[digits_end..];
    if suffix.is_empty() {
        // "$10" is the ordinary reader's; "e80" only with a scale word after it.
        return ascii.then_some((code, value, false, true));
    }
    let &(_, mult) = MONEY_SUFFIXES.iter().find(|(s, _)| *s == suffix)?;
    Some((code, value * mult, true, false))
}

/// Calibres of guns and rounds: ".45-caliber", ".32 calibre", ".22 - caliber": a measure of
/// dimension `caliber`, the bore in inches as written. Calibres are names of sizes, so the
/// value is exact. Returns the quantity and the index after it.
fn caliber_at(toks: &[Tok<'_>], lower: &[String], i: usize) -> Option<(Quantity, usize)> {
    let w = lower[i].as_str();
    let (num, last) = match w.split_once('-') {
        Some((n, "caliber" | "calibre")) => (n, i),
        Some(_) => return None,
        None => {
            let mut j = i + 1;
            if lower.get(j).is_some_and(|x| x == "-") {
                j += 1;
            }
            lower
                .get(j)
                .filter(|x| matches!(x.as_str(), "caliber" | "calibre"))?;
            (w, j)
        }
    };
    let digits = num.strip_prefix('.')?;
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let value: f64 = num.parse().ok()?;
    Some((
        Quantity {
            span: Span::new(toks[i].span.start, toks[last].span.end),
            kind: QuantityKind::Measure,
            value,
            low: value,
            high: Some(value),
            qualifier: None,
            unit: None,
            scale: None,
            dimension: Some("caliber".into()),
        },
        last + 1,
    ))
}

/// Whether the number at token `i` is the number of a model's name ("AK-47", "AK - 47", "F-16";
/// "six AK 47 rifles"): right after a word of one to four capitals, joined by a hyphen, or by
/// a space when a count stands before that word.
fn model_number(toks: &[Tok<'_>], lower: &[String], text: &str, i: usize) -> bool {
    let caps = |j: usize| {
        let t = toks[j].text;
        (1..=4).contains(&t.len()) && t.chars().all(|c| c.is_ascii_uppercase())
    };
    if i == 0 || !toks[i].text.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let mut j = i - 1;
    if toks[j].text == "-" {
        if j == 0 {
            return false;
        }
        j -= 1;
    }
    if !caps(j) {
        return false;
    }
    let between = &text[toks[j].span.end..toks[i].span.start];
    match between {
        "-" | " - " => true,
        " " => {
            j > 0 && (numeric(toks[j - 1].text).is_some() || small_number(&lower[j - 1]).is_some())
        }
        _ => false,
    }
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
        if let Some((q, end)) = zero_at(&toks, &lower, i) {
            out.push(q);
            i = end;
            continue;
        }
        if let Some((q, end)) = magnitude_at(&toks, &lower, i) {
            out.push(q);
            i = end;
            continue;
        }
        if let Some((q, end)) = caliber_at(&toks, &lower, i) {
            out.push(q);
            i = end;
            continue;
        }
        if let Some((q, end)) = vague_at(&toks, &lower, i) {
            out.push(q);
            i = end;
            continue;
        }
        if model_number(&toks, &lower, text, i) {
            i += 1;
            continue;
        }
        // "30-mile", "12-day": the number and its unit in one token.
        let (num_tok, joined_unit) = match toks[i].text.split_once('-') {
            Some((n, u)) if numeric(n).is_some() && u.chars().all(char::is_alphabetic) => {
                (n, Some(u.to_lowercase()))
            }
            _ => (toks[i].text, None),
        };
        // "$1.2bn", "£1.2m", "e80 million": money with its sign and scale in one token.
        let money_tok = money_token(&lower[i]).filter(|&(_, _, _, needs_scale)| {
            !needs_scale
                || lower
                    .get(i + 1)
                    .is_some_and(|w| SCALE.iter().any(|(s, _)| s == w))
        });
        let (value, money, mut percent, mut end) = if let Some((_, v, _, _)) = money_tok {
            (v, true, false, i + 1)
        } else if let Some((v, m, p)) = numeric(num_tok) {
            (v, m, p, i + 1)
        } else if let Some(v) = small_number(&lower[i]) {
            // "a dozen", "hundreds of" are vague: counted with wide bounds below.
            (v, false, false, i + 1)
        } else {
            i += 1;
            continue;
        };
        // A clock time ("2:15", "13:00") or a time with its zone ("1300 GMT") is the time
        // stage's; so is the minute part after the colon.
        let after = &text[toks[i].span.end..];
        let before = &text[..toks[i].span.start];
        if after.starts_with(':') && after[1..].starts_with(|c: char| c.is_ascii_digit())
            || before.ends_with(':')
            || lower.get(end).is_some_and(|w| ZONES.contains(&w.as_str()))
        {
            i = end;
            continue;
        }
        let mut value = value;
        let mut scaled = money_tok.is_some_and(|(_, _, joined, _)| joined);
        let scale_word = lower
            .get(end)
            .filter(|_| !scaled)
            .and_then(|w| SCALE.iter().find(|(s, _)| s == w));
        if let Some(&(_, mult)) = scale_word {
            value *= mult;
            end += 1;
            scaled = true;
        }
        if lower.get(end).is_some_and(|w| w == "percent" || w == "per")
            && lower.get(end + 1).is_none_or(|w| w != "hour")
        {
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
        if after_month
            || is_time_unit(next)
            || joined_unit
                .as_deref()
                .is_some_and(|u| is_time_unit(u) || u == "hour")
            || (!money
                && !percent
                && (1900.0..=2100.0).contains(&value)
                && value.fract() == 0.0
                && num_tok.len() == 4)
            || lower[i].ends_with("th") && numeric(lower[i].trim_end_matches("th")).is_some()
        {
            i = end;
            continue;
        }
        // A qualifier right before ("more than", "nearly"), also over an article ("more than a
        // dozen").
        let mut start = i;
        let mut qualifier = None;
        let (mut low, mut high) = (value, Some(value));
        let skip_article = usize::from(i > 0 && lower[i - 1] == "a");
        for (q, lo, hi) in QUALIFIERS {
            let words: Vec<&str> = q.split(' ').collect();
            let at = i - skip_article;
            if at >= words.len()
                && lower[at - words.len()..at]
                    .iter()
                    .zip(&words)
                    .all(|(a, b)| a == b)
            {
                start = at - words.len();
                qualifier = Some(
                    toks[start..at]
                        .iter()
                        .map(|t| t.text)
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                low = value * lo;
                high = hi.map(|h| value * h);
                // An approximator widens a number by a tenth at most, and by no more than two
                // units of its last digit written: "about 40" is 36..44, but "an estimated
                // $102 million" is 100..104 million, not 92..112.
                if *lo > 0.0 && *lo < 1.0 {
                    let width = (value * (1.0 - lo)).min(2.0 * written_place(&lower[i], value));
                    low = value - width;
                    high = hi.map(|h| value + width.min(value * (h - 1.0)));
                }
                break;
            }
        }
        if matches!(
            lower[i].as_str(),
            "dozens" | "hundreds" | "thousands" | "millions"
        ) {
            low = value / 2.0;
            high = None;
        }
        // Money: a sign on the number, or a currency word after it.
        let mut currency = CURRENCIES
            .iter()
            .find(|(sign, _)| lower[i].starts_with(sign) && sign.len() <= 3)
            .map(|(_, c)| c.to_string());
        if let Some((code, ..)) = money_tok {
            currency = Some(code.to_string());
        }
        if money && currency.is_none() {
            currency = Some("USD".into());
        }
        // "74 million pounds": a sum of that size in pounds is money, unless it weighs
        // something ("2 million pounds of grain").
        if currency.is_none()
            && scaled
            && lower
                .get(end)
                .is_some_and(|w| w == "pounds" || w == "pound")
            && lower.get(end + 1).is_none_or(|w| w != "of")
        {
            currency = Some("GBP".into());
            end += 1;
        }
        if currency.is_none() && !percent {
            if let Some(&(_, code)) = lower
                .get(end)
                .and_then(|w| CURRENCIES.iter().find(|(n, _)| n == w))
            {
                currency = Some(code.to_string());
                end += 1;
            }
        }
        // A unit of measure after the number ("50 km", "30-mile", "2,000 square kilometres").
        let joined_measure = joined_unit
            .as_deref()
            .and_then(|u| unit_at(&[u.to_string()], 0));
        let measure = if currency.is_some() || percent {
            None
        } else if let Some((dim, lo, hi, _)) = joined_measure {
            Some((dim, lo, hi, end))
        } else {
            unit_at(&lower, end)
        };
        if let Some((dim, ulo, uhi, uend)) = measure {
            // A written measure allows its rounding; the qualifier widens it further.
            let r = if scaled || qualifier.is_some() {
                0.0
            } else {
                rounding(num_tok)
            };
            let (qlo, qhi) = (low, high);
            out.push(Quantity {
                span: Span::new(toks[start].span.start, toks[uend - 1].span.end),
                kind: QuantityKind::Measure,
                value: value * ulo,
                low: (qlo - r).max(0.0) * ulo,
                high: qhi.map(|h| (h + r) * uhi),
                qualifier,
                unit: None,
                scale: None,
                dimension: Some(dim.to_string()),
            });
            i = uend;
            continue;
        }
        let kind = if currency.is_some() {
            QuantityKind::Money
        } else if percent {
            QuantityKind::Percent
        } else {
            QuantityKind::Count
        };
        let (unit, last) = counted_noun(&toks, &lower, end, kind);
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
            dimension: currency,
        });
        i = end;
    }
    refer_back(text, &mut out);
    out
}

/// A bare number that a pronoun says is the value of the clause before ("Tehran put the
/// quake's magnitude at 5.9, but the USGS said it was 6.1"; "police put the toll at 12 dead;
/// doctors said it was 15"): it measures what the last quantity of the sentence measured, a
/// magnitude or a count of the same noun.
fn refer_back(text: &str, out: &mut [Quantity]) {
    const PRONOUN_IS: &[&str] = &[
        "it was",
        "it is",
        "it's",
        "it had been",
        "it has been",
        "it stood at",
        "it was at",
    ];
    for k in 1..out.len() {
        let (before, rest) = out.split_at_mut(k);
        let (prev, q) = (&before[k - 1], &mut rest[0]);
        if q.kind != QuantityKind::Count || q.unit.is_some() || q.span.start < prev.span.end {
            continue;
        }
        let lead = text[..q.span.start].trim_end().to_lowercase();
        let lead = lead
            .strip_suffix(q.qualifier.as_deref().unwrap_or("").to_lowercase().as_str())
            .unwrap_or(&lead)
            .trim_end();
        if !PRONOUN_IS.iter().any(|p| {
            lead.strip_suffix(p)
                .is_some_and(|b| b.is_empty() || b.ends_with(|c: char| !c.is_alphanumeric()))
        }) {
            continue;
        }
        // The two in one sentence: no full stop after a lowercase word or a digit between them.
        let between = &text[prev.span.end..q.span.start];
        let b = &text.as_bytes()[prev.span.end.saturating_sub(1)..q.span.start];
        let sentence_end = (1..b.len().saturating_sub(1)).any(|i| {
            matches!(b[i], b'.' | b'?' | b'!')
                && (b[i - 1].is_ascii_lowercase() || b[i - 1].is_ascii_digit())
                && b[i + 1] == b' '
                && b.get(i + 2).is_some_and(u8::is_ascii_uppercase)
        });
        if sentence_end || between.contains('\n') {
            continue;
        }
        let magnitude = prev.kind == QuantityKind::Measure
            && prev.dimension.as_deref() == Some("magnitude")
            && q.value < 10.0;
        if magnitude {
            let r = rounding(q.span.slice(text).rsplit(' ').next().unwrap_or(""));
            q.kind = QuantityKind::Measure;
            q.dimension = prev.dimension.clone();
            if q.qualifier.is_none() {
                q.low = q.value - r;
                q.high = Some(q.value + r);
            }
        } else if prev.kind == QuantityKind::Count && prev.unit.is_some() && q.value.fract() == 0.0
        {
            q.unit = prev.unit.clone();
        }
    }
}

/// Whether a lowercase word reads as a plural noun.
fn plural(w: &str) -> bool {
    IRREGULAR_PLURALS.contains(&w)
        || w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us")
}

/// The noun a number counts, from the words after it: the first plural among the next three
/// lowercase words before a function word ("two other major urban *centers*", "nine *people*
/// killed"), else the first word ("a $10 million *reward*"); the noun after "of" for vague
/// amounts ("dozens of *people*"). Returns the noun and the index of the last token of the
/// quantity's span.
fn counted_noun(
    toks: &[Tok<'_>],
    lower: &[String],
    end: usize,
    kind: QuantityKind,
) -> (Option<String>, usize) {
    let word_ok = |j: usize| {
        lower.get(j).is_some_and(|w| {
            w.chars().all(|c| c.is_alphabetic() || c == '-')
                && !NOT_UNITS.contains(&w.as_str())
                && (toks[j].text.chars().next().is_some_and(char::is_lowercase) || plural(w))
        })
    };
    // Only a space between words of one phrase: a comma or a bracket ends it.
    let joined =
        |j: usize| j > 0 && j < toks.len() && toks[j].span.start == toks[j - 1].span.end + 1;
    let mut first = end;
    if lower.get(end).is_some_and(|w| w == "of")
        && end > 0
        && matches!(
            lower[end - 1].as_str(),
            "dozens" | "hundreds" | "thousands" | "millions" | "dozen" | "hundred" | "thousand"
        )
    {
        first = end + 1;
        if lower.get(first).is_some_and(|w| w == "the") {
            first += 1;
        }
    }
    // A model's name inside the phrase: "AK-47", "AK - 47", "AK 47", "F-16".
    let caps = |t: &str| (1..=4).contains(&t.len()) && t.chars().all(|c| c.is_ascii_uppercase());
    let model = |j: usize| {
        toks.get(j).is_some_and(|t| {
            let (letters, number) = t.text.split_once('-').unwrap_or((t.text, ""));
            caps(letters) && number.chars().all(|c| c.is_ascii_digit())
                || j > first
                    && (t.text == "-" || t.text.chars().all(|c| c.is_ascii_digit()))
                    && (caps(toks[j - 1].text) || toks[j - 1].text == "-")
        })
    };
    if !(word_ok(first) || kind == QuantityKind::Count && model(first)) || !joined(first) {
        return (None, end - 1);
    }
    // Inside the phrase, a capitalized word is a proper adjective or a name the counted noun
    // follows ("99 alleged *Sicilian Mafia* members", "three *US* soldiers"); a day or a
    // month starts another phrase.
    let name_ok = |j: usize| {
        lower.get(j).is_some_and(|w| {
            w.chars().all(char::is_alphabetic)
                && !NOT_UNITS.contains(&w.as_str())
                && !crate::calendar::is_day_or_month(w.as_str())
                && toks[j].text.chars().next().is_some_and(char::is_uppercase)
        })
    };
    if kind == QuantityKind::Count {
        let mut j = first;
        while j < first + 6
            && (word_ok(j) || model(j) || j > first && name_ok(j))
            && (j == first || joined(j))
        {
            if plural(&lower[j]) {
                return (Some(lower[j].clone()), j);
            }
            j += 1;
        }
    }
    if !word_ok(first) {
        return (None, end - 1);
    }
    (Some(lower[first].clone()), first)
}

/// "no casualties", "no immediate reports of injuries", "no one", "nobody": a count of zero of
/// the noun. Returns the quantity and the index after it.
fn zero_at(toks: &[Tok<'_>], lower: &[String], i: usize) -> Option<(Quantity, usize)> {
    let zero = |span: Span, unit: &str| Quantity {
        span,
        kind: QuantityKind::Count,
        value: 0.0,
        low: 0.0,
        high: Some(0.0),
        qualifier: None,
        unit: Some(unit.to_string()),
        scale: None,
        dimension: None,
    };
    match lower[i].as_str() {
        "nobody" => return Some((zero(toks[i].span, "people"), i + 1)),
        "no" if lower.get(i + 1).is_some_and(|w| w == "one") => {
            return Some((
                zero(
                    Span::new(toks[i].span.start, toks[i + 1].span.end),
                    "people",
                ),
                i + 2,
            ))
        }
        "no" => {}
        _ => return None,
    }
    // The noun: the first plural within two words, or the plural after "of" ("no reports of
    // casualties" counts the casualties).
    let mut j = i + 1;
    while j <= i + 2 {
        let w = lower.get(j)?;
        if !w.chars().all(char::is_alphabetic) || NOT_UNITS.contains(&w.as_str()) {
            return None;
        }
        if plural(w) {
            let mut noun = j;
            if lower.get(j + 1).is_some_and(|w| w == "of")
                && lower.get(j + 2).is_some_and(|w| plural(w))
            {
                noun = j + 2;
            }
            let span = Span::new(toks[i].span.start, toks[noun].span.end);
            return Some((zero(span, &lower[noun]), noun + 1));
        }
        j += 1;
    }
    None
}

/// An earthquake's magnitude: "magnitude 7.1", "7.1-magnitude", "7.1 magnitude", "a magnitude-6.9
/// quake", "6.2 on the Richter scale". Its rounding is half the last digit written.
fn magnitude_at(toks: &[Tok<'_>], lower: &[String], i: usize) -> Option<(Quantity, usize)> {
    let make = |num: &str, start: usize, last: usize| {
        let v: f64 = num.parse().ok()?;
        let r = rounding(num);
        Some(Quantity {
            span: Span::new(toks[start].span.start, toks[last].span.end),
            kind: QuantityKind::Measure,
            value: v,
            low: v - r,
            high: Some(v + r),
            qualifier: None,
            unit: None,
            scale: None,
            dimension: Some("magnitude".into()),
        })
    };
    let w = lower[i].as_str();
    if let Some(num) = w.strip_prefix("magnitude-") {
        return Some((make(num, i, i)?, i + 1));
    }
    if let Some(num) = w.strip_suffix("-magnitude") {
        return Some((make(num, i, i)?, i + 1));
    }
    if w == "magnitude" {
        // "magnitude 5.9", "magnitude - 5.9", "a magnitude of 5.9", "put the magnitude at 5.9",
        // "a magnitude of at least 5.9" (the qualifier bounds it as it bounds a count).
        let mut j = i + 1;
        if lower
            .get(j)
            .is_some_and(|x| matches!(x.as_str(), "-" | "of" | "at"))
        {
            j += 1;
        }
        let bound = QUALIFIERS.iter().find(|(q, ..)| {
            let ws: Vec<&str> = q.split(' ').collect();
            lower
                .get(j..j + ws.len())
                .is_some_and(|got| got.iter().zip(&ws).all(|(a, b)| a == b))
        });
        if let Some((q, ..)) = bound {
            j += q.split(' ').count();
        }
        let num = lower.get(j)?;
        numeric(num)?;
        let mut m = make(num, i, j)?;
        // A bound opens one side; "about" leaves the rounding, which is finer than a tenth.
        if let Some(&(q, lo, hi)) = bound {
            if hi.is_none() {
                m.high = None;
            } else if lo == 0.0 {
                m.low = 0.0;
            }
            m.qualifier = Some(q.to_string());
        }
        return Some((m, j + 1));
    }
    numeric(w)?;
    if lower.get(i + 1).is_some_and(|n| n == "magnitude") {
        return Some((make(w, i, i + 1)?, i + 2));
    }
    if lower
        .get(i + 1..i + 4)
        .is_some_and(|n| n[0] == "on" && n[1] == "the" && n[2] == "richter")
    {
        return Some((make(w, i, i)?, i + 1));
    }
    None
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
        dimension: None,
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
    fn an_approximator_is_narrow_for_a_precise_number() {
        check(
            "an estimated $102 million in damage; about 40 people; some 1,250 homes; nearly 7 boats",
            &[
                "[an estimated $102 million] Money 102000000 100000000..104000000 -",
                "[about 40 people] Count 40 36..44 people",
                "[some 1,250 homes] Count 1250 1230..1270 homes",
                "[nearly 7 boats] Count 7 6.3..7 boats",
            ],
        );
    }

    #[test]
    fn a_number_after_it_was_measures_what_the_clause_before_measured() {
        check_measures(
            "Tehran put the quake's magnitude at 5.9, but the USGS said it was 6.1. It was 7.",
            &[
                "[magnitude at 5.9] Measure magnitude 5.8500..5.9500",
                "[6.1] Measure magnitude 6.0500..6.1500",
                "[7] Count - 7.0000..7.0000",
            ],
        );
        check(
            "Police put the toll at 12 dead; doctors said it was 15, and it is 3 miles away.",
            &[
                "[12 dead] Count 12 12..12 dead",
                "[15] Count 15 15..15 dead",
                "[3 miles] Measure 4828.032 4023.36..5632.704 -",
            ],
        );
    }

    #[test]
    fn spelled_counts() {
        check(
            "his wife and three children; two other major urban centers",
            &[
                "[three children] Count 3 3..3 children",
                "[two other major urban centers] Count 2 2..2 centers",
            ],
        );
    }

    #[test]
    fn a_number_in_letters_opening_a_text() {
        assert_eq!(leading_number("sixty-one-year-old"), Some((61.0, 9)));
        assert_eq!(leading_number("seventeen years"), Some((17.0, 9)));
        assert_eq!(leading_number("seventy-year-old"), Some((70.0, 7)));
        assert_eq!(leading_number("ninety-ten"), Some((90.0, 6)));
        assert_eq!(leading_number("a dozen"), None);
    }

    #[test]
    fn the_counted_noun_is_the_plural_after_the_number() {
        check(
            "nearly 18,000 residents of the town; at least 9 people killed; dozens of people; more than a dozen soldiers",
            &[
                "[nearly 18,000 residents] Count 18000 16200..18000 residents",
                "[at least 9 people] Count 9 9..∞ people",
                "[dozens of people] Count 24 12..∞ people",
                "[more than a dozen soldiers] Count 12 12..∞ soldiers",
            ],
        );
    }

    #[test]
    fn the_counted_noun_follows_proper_adjectives() {
        check(
            "one of 99 alleged Sicilian Mafia members; 20 killed Tuesday officials",
            &[
                "[one] Count 1 1..1 -",
                "[99 alleged Sicilian Mafia members] Count 99 99..99 members",
                "[20 killed] Count 20 20..20 killed",
            ],
        );
    }

    #[test]
    fn clock_times_and_zoned_times_are_not_counts() {
        check(
            "at 2:15 p.m. on Friday; at 4 p.m. (1300 GMT); at 13:00 GMT; 0900 UTC",
            &[],
        );
    }

    #[test]
    fn none_is_a_count_of_zero() {
        check(
            "There were no casualties. No one was hurt and there were no immediate reports of injuries.",
            &[
                "[no casualties] Count 0 0..0 casualties",
                "[No one] Count 0 0..0 people",
                "[no immediate reports of injuries] Count 0 0..0 injuries",
            ],
        );
        check("There was no comment and no longer any doubt.", &[]);
    }

    /// Each measure as `[text] dimension low..high` in SI units, rounded.
    fn check_measures(text: &str, expect: &[&str]) {
        let got: Vec<String> = extract(text)
            .iter()
            .map(|q| {
                format!(
                    "[{}] {:?} {} {:.4}..{}",
                    q.span.slice(text),
                    q.kind,
                    q.dimension.as_deref().unwrap_or("-"),
                    q.low,
                    q.high.map_or("∞".to_string(), |h| format!("{h:.4}"))
                )
            })
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn measures_in_si_units_with_their_rounding() {
        check_measures(
            "50 km away, about 30 miles, a 12-mile stretch, 2,000 square kilometres, 120 km/h",
            &[
                "[50 km] Measure length 45000.0000..55000.0000",
                "[about 30 miles] Measure length 43452.2880..53108.3520",
                "[12-mile] Measure length 18507.4560..20116.8000",
                "[2,000 square kilometres] Measure area 1500000000.0000..2500000000.0000",
                "[120 km/h] Measure speed 31.9444..34.7222",
            ],
        );
    }

    #[test]
    fn magnitudes_and_money_with_currency() {
        check_measures(
            "a magnitude 7.1 quake, a 6.9-magnitude tremor, 5.8 on the Richter scale; €5 million and 300 euros; $10",
            &[
                "[magnitude 7.1] Measure magnitude 7.0500..7.1500",
                "[6.9-magnitude] Measure magnitude 6.8500..6.9500",
                "[5.8] Measure magnitude 5.7500..5.8500",
                "[€5 million] Money EUR 5000000.0000..5000000.0000",
                "[300 euros] Money EUR 300.0000..300.0000",
                "[$10] Money USD 10.0000..10.0000",
            ],
        );
    }

    #[test]
    fn vague_counts_are_intervals() {
        check(
            "landed a pair of left hooks; hitting several cars; a few villagers and a handful of boats; a couple of officers",
            &[
                "[a pair of left hooks] Count 2 2..2 hooks",
                "[several cars] Count 3 3..9 cars",
                "[a few villagers] Count 2 2..5 villagers",
                "[a handful of boats] Count 2 2..6 boats",
                "[a couple of officers] Count 2 2..3 officers",
            ],
        );
        // A vague amount of time is a length; one of nothing counted is no count.
        check(
            "for several hours, a few days later; several of them; a pair of",
            &[],
        );
    }

    #[test]
    fn money_with_its_scale_close_up_or_a_plain_text_sign() {
        check_measures(
            "a necklace worth £1.2m; a $3bn deal; e80 million in gems; p74million of rings; 85 million euros (74 million pounds)",
            &[
                "[£1.2m] Money GBP 1200000.0000..1200000.0000",
                "[$3bn deal] Money USD 3000000000.0000..3000000000.0000",
                "[e80 million] Money EUR 80000000.0000..80000000.0000",
                "[p74million] Money GBP 74000000.0000..74000000.0000",
                "[85 million euros] Money EUR 85000000.0000..85000000.0000",
                "[74 million pounds] Money GBP 74000000.0000..74000000.0000",
            ],
        );
        // A letter before a number is no sign without a scale; pounds of something weigh.
        check_measures(
            "route e80 to the coast; 2 million pounds of grain",
            &["[2 million pounds] Measure mass 907184.7400..907184.7400"],
        );
    }

    #[test]
    fn magnitudes_with_a_preposition_or_a_bound() {
        check_measures(
            "put the magnitude at 5.9; a magnitude of at least 5.9; measured magnitude - 6.1",
            &[
                "[magnitude at 5.9] Measure magnitude 5.8500..5.9500",
                "[magnitude of at least 5.9] Measure magnitude 5.8500..∞",
                "[magnitude - 6.1] Measure magnitude 6.0500..6.1500",
            ],
        );
    }

    #[test]
    fn calibres_are_exact_measures() {
        check_measures(
            "a .45-caliber bullet, a .32 calibre revolver and a .22 - caliber rifle; 0.45 inches",
            &[
                "[.45-caliber] Measure caliber 0.4500..0.4500",
                "[.32 calibre] Measure caliber 0.3200..0.3200",
                "[.22 - caliber] Measure caliber 0.2200..0.2200",
                "[0.45 inches] Measure length 0.0113..0.0116",
            ],
        );
    }

    #[test]
    fn a_model_number_is_no_count() {
        check(
            "seized 14 AK - 47 rifles, six AK 47 rifles and 2 F-16 jets; Route 66 signs",
            &[
                "[14 AK - 47 rifles] Count 14 14..14 rifles",
                "[six AK 47 rifles] Count 6 6..6 rifles",
                "[2 F-16 jets] Count 2 2..2 jets",
                "[66 signs] Count 66 66..66 signs",
            ],
        );
    }
}
