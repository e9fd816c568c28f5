//! Metadata a plain-text copy carries in its words: title, outlet, byline, syndication credits
//! and publication date (dateline, dated caption, else the latest full date mentioned), and the
//! language.

use chrono::NaiveDate;
use corroborate_model::{DateBasis, DateBasisKind, Metadata, Span, Syndication};
use regex::Regex;
use std::sync::LazyLock;

/// Fills the gaps in `meta` from the cleaned `text` (metadata from the format always wins).
pub fn infer(text: &str, paragraphs: &[Span], captions: &[Span], meta: &mut Metadata) {
    if meta.title.is_none() {
        if let Some(p) = paragraphs.first() {
            let s = p.slice(text);
            // A first paragraph that is a single line of headline length is the title.
            if !s.contains('\n') && s.chars().count() <= 250 && s.split_whitespace().count() <= 40 {
                meta.title = Some(s.to_string());
                meta.title_span = Some(*p);
            }
        }
    } else if meta.title_span.is_none() {
        let t = meta.title.clone().unwrap_or_default();
        meta.title_span = paragraphs
            .iter()
            .take(3)
            .find(|p| p.slice(text) == t)
            .copied();
    }
    byline(text, paragraphs, meta);
    syndication(text, paragraphs, meta);
    if meta.published.is_none() {
        publication_date(text, paragraphs, captions, meta);
    }
    if meta.language.is_none() {
        meta.language = language(text);
    }
}

/// Known wire services: a byline naming one credits a wire copy, not an outlet.
const WIRES: &[&str] = &[
    "EFE",
    "AP",
    "Associated Press",
    "Reuters",
    "AFP",
    "Agence France-Presse",
    "dpa",
    "ANSA",
    "TASS",
    "Xinhua",
    "Anadolu",
    "Anadolu Agency",
    "UPI",
    "Kyodo",
    "Yonhap",
    "Europa Press",
    "PA",
    "Bernama",
    "Interfax",
    "RIA Novosti",
    "IRNA",
    "SANA",
    "WAFA",
    "KUNA",
    "APA",
    "Sputnik",
    "Bloomberg",
];

fn is_wire(name: &str) -> bool {
    WIRES.iter().any(|w| w.eq_ignore_ascii_case(name.trim()))
}

static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:by)\s+(.{2,80}?)\s*$").expect("byline"));
static OUTLET_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    // "HAVANA TIMES – …": an all-caps name with a newspaper word, then a dash.
    Regex::new(r"^([A-Z][A-Z'’.&]+(?: [A-Z][A-Z'’.&]+){0,4}) [–—-] ").expect("outlet dateline")
});
const OUTLET_WORDS: &[&str] = &[
    "TIMES",
    "POST",
    "NEWS",
    "HERALD",
    "TRIBUNE",
    "JOURNAL",
    "GAZETTE",
    "DAILY",
    "CHRONICLE",
    "TELEGRAPH",
    "GUARDIAN",
    "MONITOR",
    "OBSERVER",
    "EXPRESS",
    "REVIEW",
    "WIRE",
    "PRESS",
    "STAR",
    "MAIL",
    "INDEPENDENT",
    "INSIDER",
    "REPORT",
    "AGENCY",
    "TV",
    "RADIO",
    "MEDIA",
];

/// "By EFE (Confidencial)", "By Smartencyclopedia with Agencies", "By Jane Roe": the byline;
/// an all-caps outlet dateline ("HAVANA TIMES – …") names the outlet.
fn byline(text: &str, paragraphs: &[Span], meta: &mut Metadata) {
    for p in paragraphs.iter().take(8) {
        let s = p.slice(text);
        if let Some(c) = BYLINE.captures(s) {
            let who = c.get(1).expect("group");
            let span = Span::new(p.start + who.start(), p.start + who.end());
            let value = who.as_str();
            if meta.author.is_none() {
                meta.author = Some(value.to_string());
                meta.author_span = Some(span);
            }
            // "Smartencyclopedia with Agencies": the part before "with" is the publisher.
            let head = value.split(" with ").next().unwrap_or(value);
            let head = head.split(" (").next().unwrap_or(head).trim();
            if value.to_lowercase().contains(" with agencies") {
                meta.syndication.push(Syndication {
                    credited: "agencies".into(),
                    relation: "agencies".into(),
                    evidence: span,
                });
            }
            let head_span = Span::new(span.start, span.start + head.len());
            if is_wire(head) {
                meta.syndication.push(Syndication {
                    credited: head.to_string(),
                    relation: "wire".into(),
                    evidence: head_span,
                });
            } else if meta.outlet.is_none() && !looks_like_person(head) {
                meta.outlet = Some(head.to_string());
                meta.outlet_span = Some(head_span);
            }
            // "EFE (Confidencial)": the parenthesis names the publication the wire copy came from.
            if let Some(inner) = value
                .split_once(" (")
                .and_then(|(_, r)| r.strip_suffix(')'))
            {
                let at = span.start + value.find(inner).unwrap_or(0);
                meta.syndication.push(Syndication {
                    credited: inner.to_string(),
                    relation: "original".into(),
                    evidence: Span::new(at, at + inner.len()),
                });
            }
            break;
        }
    }
    if meta.outlet.is_none() {
        for p in paragraphs.iter().take(8) {
            let s = p.slice(text);
            if let Some(c) = OUTLET_DATELINE.captures(s) {
                let name = c.get(1).expect("group");
                if name.as_str().split(' ').any(|w| OUTLET_WORDS.contains(&w)) {
                    meta.outlet = Some(title_case(name.as_str()));
                    meta.outlet_span =
                        Some(Span::new(p.start + name.start(), p.start + name.end()));
                    break;
                }
            }
        }
    }
}

/// "Jane Roe", "Mohammed al-Jalali": two to four capitalized words (particles allowed).
fn looks_like_person(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase())
                || ["al-", "el-", "de", "van", "von", "bin"]
                    .iter()
                    .any(|p| w.starts_with(p))
        })
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(|c| c.to_lowercase()))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

static FIRST_PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?i:first|originally) (?i:published|appeared)(?: in [A-Z]\w+)? (?:by|in|on) ([A-Z][\w&.’'-]*(?: [A-Z][\w&.’'-]*){0,4})").expect("first published")
});
static POSTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:translated and )?(?i:posted|republished|reproduced)(?: in English)? by ([A-Z][\w&.’'-]*(?: [A-Z][\w&.’'-]*){0,4})").expect("posted by")
});
static BASED_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)based on reports from (?:multiple sources, )?(?:including )?([^.;]{2,120})",
    )
    .expect("based on")
});
static PAREN_WIRE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z][A-Za-z ,]{1,40} \(([A-Za-z]{2,20})\) [–—-] ").expect("paren wire")
});

/// Credit lines that say the text is syndicated or compiled.
fn syndication(text: &str, paragraphs: &[Span], meta: &mut Metadata) {
    for p in paragraphs {
        let s = p.slice(text);
        let credit = |m: regex::Match<'_>| Span::new(p.start + m.start(), p.start + m.end());
        for c in FIRST_PUBLISHED.captures_iter(s) {
            let g = c.get(1).expect("group");
            push_unique(meta, g.as_str(), "original", credit(g));
        }
        for c in POSTED_BY.captures_iter(s) {
            let g = c.get(1).expect("group");
            let name = g.as_str().trim_end_matches('.');
            push_unique(
                meta,
                name,
                "republished",
                Span::new(p.start + g.start(), p.start + g.start() + name.len()),
            );
            if meta.outlet.is_none() {
                meta.outlet = Some(name.to_string());
                meta.outlet_span = Some(Span::new(
                    p.start + g.start(),
                    p.start + g.start() + name.len(),
                ));
            }
        }
        if let Some(c) = BASED_ON.captures(s) {
            let g = c.get(1).expect("group");
            push_unique(meta, g.as_str().trim(), "compiled", credit(g));
        }
        if let Some(c) = PAREN_WIRE.captures(s) {
            let g = c.get(1).expect("group");
            if is_wire(g.as_str()) {
                push_unique(meta, g.as_str(), "wire", credit(g));
            }
        }
    }
}

fn push_unique(meta: &mut Metadata, credited: &str, relation: &str, evidence: Span) {
    if !meta
        .syndication
        .iter()
        .any(|s| s.credited.eq_ignore_ascii_case(credited) && s.relation == relation)
    {
        meta.syndication.push(Syndication {
            credited: credited.to_string(),
            relation: relation.to_string(),
            evidence,
        });
    }
}

const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";

/// Full dates with a year: "December 8, 2024", "8 December 2024", "2024-12-08".
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:(?P<m1>{MONTHS})\.? (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y1>\d{{4}})|(?P<d2>\d{{1,2}}) (?P<m2>{MONTHS})\.?,? (?P<y2>\d{{4}})|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))(?-u:\b)"
    ))
    .expect("full date")
});

/// Month and day without a year: "December 7", "on 30 November".
pub(crate) static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?-u:\b)(?:(?P<m1>{MONTHS})\.? (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,? (?P<y1>\d{{4}}))?|(?P<d2>\d{{1,2}}) (?P<m2>{MONTHS})(?-u:\b))")).expect("month day")
});

/// Every full date in `text` with its span.
pub fn full_dates(text: &str) -> Vec<(NaiveDate, Span)> {
    FULL_DATE
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let (y, mo, d) = if let Some(y) = c.name("y1") {
                (
                    y.as_str(),
                    month_number(c.name("m1")?.as_str())?,
                    c.name("d1")?.as_str(),
                )
            } else if let Some(y) = c.name("y2") {
                (
                    y.as_str(),
                    month_number(c.name("m2")?.as_str())?,
                    c.name("d2")?.as_str(),
                )
            } else {
                (
                    c.name("y3")?.as_str(),
                    c.name("m3")?.as_str().parse().ok()?,
                    c.name("d3")?.as_str(),
                )
            };
            let date = NaiveDate::from_ymd_opt(y.parse().ok()?, mo, d.parse().ok()?)?;
            Some((date, Span::new(m.start(), m.end())))
        })
        .collect()
}

/// (month, day, span) for month-day mentions without a year.
pub fn month_days(text: &str) -> Vec<(u32, u32, Span)> {
    MONTH_DAY
        .captures_iter(text)
        .filter_map(|c| {
            if c.name("y1").is_some() {
                return None;
            }
            let m = c.get(0)?;
            let (mo, d) = match (c.name("m1"), c.name("d1"), c.name("m2"), c.name("d2")) {
                (Some(mo), Some(d), _, _) | (_, _, Some(mo), Some(d)) => {
                    (month_number(mo.as_str())?, d.as_str().parse().ok()?)
                }
                _ => return None,
            };
            (1..=31)
                .contains(&d)
                .then(|| (mo, d, Span::new(m.start(), m.end())))
        })
        .collect()
}

fn month_number(m: &str) -> Option<u32> {
    let m = m.to_ascii_lowercase();
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    NAMES
        .iter()
        .position(|n| m.starts_with(n))
        .map(|i| i as u32 + 1)
}

/// Publication date from the text: a date line near the top, a dated caption, else the latest
/// full date mentioned (inferred).
fn publication_date(text: &str, paragraphs: &[Span], captions: &[Span], meta: &mut Metadata) {
    let set = |meta: &mut Metadata, d: NaiveDate, kind: DateBasisKind, inferred: bool, ev: Span| {
        meta.published = Some(d);
        meta.published_basis = Some(DateBasis {
            kind,
            inferred,
            field: None,
            evidence: Some(ev),
        });
    };
    // A paragraph near the top that is just a date, or starts as a dateline.
    for p in paragraphs.iter().take(8) {
        let s = p.slice(text);
        if let Some((d, sp)) = full_dates(s).into_iter().next() {
            let rest = s[..sp.start].trim().len() + s[sp.end..].trim().len();
            if rest == 0
                || (sp.start < 40 && s[sp.end..].trim_start().starts_with(['–', '—', '-', '(']))
            {
                set(
                    meta,
                    d,
                    DateBasisKind::Dateline,
                    false,
                    Span::new(p.start + sp.start, p.start + sp.end),
                );
                return;
            }
        }
    }
    for c in captions {
        if let Some((d, sp)) = full_dates(c.slice(text))
            .into_iter()
            .max_by_key(|(d, _)| *d)
        {
            set(
                meta,
                d,
                DateBasisKind::Caption,
                true,
                Span::new(c.start + sp.start, c.start + sp.end),
            );
            return;
        }
    }
    if let Some((d, sp)) = full_dates(text)
        .into_iter()
        .max_by_key(|(d, sp)| (*d, std::cmp::Reverse(sp.start)))
    {
        set(meta, d, DateBasisKind::LatestMention, true, sp);
    }
}

/// Reads metadata date values: RFC 3339, RFC 2822, `YYYY-MM-DD`, and the prose forms above.
pub fn parse_date_value(v: &str) -> Option<NaiveDate> {
    let v = v.trim();
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(v) {
        return Some(d.date_naive());
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(v) {
        return Some(d.date_naive());
    }
    if let Some(head) = v.get(..10) {
        if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
            return Some(d);
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(v, "%Y/%m/%d") {
        return Some(d);
    }
    full_dates(v).into_iter().next().map(|(d, _)| d)
}

/// ISO 639-1 where one exists, else ISO 639-3; `None` for text too short to tell.
pub fn language(text: &str) -> Option<String> {
    if is_plainly_english(text) {
        return Some("en".to_string());
    }
    let sample: String = text.chars().take(600).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && sample.chars().count() >= 600 {
        return None;
    }
    let code = info.lang().code();
    Some(iso639_1(code).unwrap_or(code).to_string())
}

/// A fast path before trigram detection: among the first 200 words, at least a quarter are
/// English function words that other languages written in Latin script rarely use.
fn is_plainly_english(text: &str) -> bool {
    const FUNCTION_WORDS: &[&str] = &[
        "the", "and", "of", "to", "in", "that", "is", "was", "for", "with", "on", "as", "by", "he",
        "it", "his", "are", "were", "have", "has", "from", "which", "this", "their", "they",
    ];
    let mut words = 0;
    let mut hits = 0;
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(200)
    {
        words += 1;
        if FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(w)) {
            hits += 1;
        }
    }
    words >= 40 && hits * 4 >= words
}

fn iso639_1(code3: &str) -> Option<&'static str> {
    const MAP: &[(&str, &str)] = &[
        ("eng", "en"),
        ("spa", "es"),
        ("fra", "fr"),
        ("deu", "de"),
        ("ita", "it"),
        ("por", "pt"),
        ("rus", "ru"),
        ("ara", "ar"),
        ("tur", "tr"),
        ("pes", "fa"),
        ("ukr", "uk"),
        ("pol", "pl"),
        ("nld", "nl"),
        ("swe", "sv"),
        ("dan", "da"),
        ("nob", "no"),
        ("fin", "fi"),
        ("ell", "el"),
        ("heb", "he"),
        ("hin", "hi"),
        ("urd", "ur"),
        ("ben", "bn"),
        ("cmn", "zh"),
        ("jpn", "ja"),
        ("kor", "ko"),
        ("vie", "vi"),
        ("ind", "id"),
        ("ron", "ro"),
        ("hun", "hu"),
        ("ces", "cs"),
        ("bul", "bg"),
        ("srp", "sr"),
        ("hrv", "hr"),
        ("cat", "ca"),
        ("tha", "th"),
        ("kur", "ku"),
    ];
    MAP.iter().find(|(c3, _)| *c3 == code3).map(|(_, c1)| *c1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::layout::paragraphs;

    fn meta_of(text: &str) -> Metadata {
        let mut m = Metadata::default();
        infer(text, &paragraphs(text), &[], &mut m);
        m
    }

    #[test]
    fn wire_byline_and_outlet_dateline() {
        let t = "Syria: al-Assad flees to Russia\n\nBy EFE (Confidencial)\n\nHAVANA TIMES – Insurgent groups have declared Damascus liberated.\n\nFirst published in Spanish by Confidencial and translated and posted in English by Havana Times.";
        let m = meta_of(t);
        assert_eq!(m.title.as_deref(), Some("Syria: al-Assad flees to Russia"));
        assert_eq!(m.author.as_deref(), Some("EFE (Confidencial)"));
        assert_eq!(m.outlet.as_deref(), Some("Havana Times"));
        let credits: Vec<(&str, &str)> = m
            .syndication
            .iter()
            .map(|s| (s.credited.as_str(), s.relation.as_str()))
            .collect();
        assert_eq!(
            credits,
            vec![
                ("EFE", "wire"),
                ("Confidencial", "original"),
                ("Havana Times", "republished")
            ]
        );
        for s in &m.syndication {
            assert_eq!(s.evidence.slice(t), s.credited);
        }
    }

    #[test]
    fn told_outlet_is_not_the_outlet() {
        let m = meta_of("Headline of a report here\n\nA security source told Soldier of Fortune on Saturday that it was over.");
        assert_eq!(m.outlet, None);
    }

    #[test]
    fn publisher_byline_with_agencies() {
        let m = meta_of("Bashar al-Assad Flees to Moscow\n\nBy Smartencyclopedia with Agencies\n\nDecember 8, 2024\n\nIn a historic turn of events, he fled.");
        assert_eq!(m.outlet.as_deref(), Some("Smartencyclopedia"));
        assert_eq!(m.published.unwrap().to_string(), "2024-12-08");
        assert_eq!(m.published_basis.unwrap().kind, DateBasisKind::Dateline);
        assert_eq!(m.syndication[0].relation, "agencies");
    }

    #[test]
    fn person_byline_is_author_only() {
        let m = meta_of("A Headline of Some Length\n\nBy Jane Roe\n\nText.");
        assert_eq!(m.author.as_deref(), Some("Jane Roe"));
        assert_eq!(m.outlet, None);
    }

    #[test]
    fn dated_caption_then_latest_mention() {
        let text = "Title Words Are Here\n\nSoldiers in Homs, December 8, 2024. // Photo: EFE/X\n\nIt began on 27 November 2024.";
        let paras = paragraphs(text);
        let mut m = Metadata::default();
        infer(text, &paras, &[paras[1]], &mut m);
        assert_eq!(m.published.unwrap().to_string(), "2024-12-08");
        assert_eq!(
            m.published_basis.as_ref().unwrap().kind,
            DateBasisKind::Caption
        );
        let m = meta_of("Title Words Are Here\n\nIt began on 27 November 2024 and ended on December 8, 2024, officials said.");
        let b = m.published_basis.unwrap();
        assert_eq!((b.kind, b.inferred), (DateBasisKind::LatestMention, true));
        assert_eq!(m.published.unwrap().to_string(), "2024-12-08");
    }

    #[test]
    fn parses_metadata_date_forms() {
        for v in [
            "2024-12-08T06:00:00+03:00",
            "Sun, 08 Dec 2024 06:00:00 GMT",
            "2024-12-08",
            "December 8, 2024",
        ] {
            assert_eq!(
                parse_date_value(v).map(|d| d.to_string()).as_deref(),
                Some("2024-12-08"),
                "{v}"
            );
        }
    }

    #[test]
    fn detects_english() {
        assert_eq!(language("Insurgent groups have declared Damascus liberated from President Bashar al-Assad after a twelve-day offensive.").as_deref(), Some("en"));
    }
}
