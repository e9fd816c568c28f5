//! Per-document story features: stemmed content words, capitalized-name n-grams, entities and
//! event dates, as raw counts that the clusterer weights with its document frequencies.
//!
//! Everything here depends on one document only, so features can be computed in parallel, stored
//! and reloaded; only the weighting (see `cluster`) looks at the whole collection.

use super::StoryDoc;
use chrono::Datelike;
use corroborate_timex::{Precision, TimexKind};
use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

/// Which kind of evidence a feature is; the clusterer weighs each kind separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A stemmed, lower-cased content word.
    Word,
    /// A run of capitalized words ("Tara Reid"), or one word of such a run.
    Name,
    /// A canonical entity given by the entity stage.
    Entity,
    /// A calendar year the text places an event in.
    Year,
    /// A year and month.
    Month,
    /// A single day.
    Day,
    /// A number written in the text ("6.1", "82", "1,200"), years excepted.
    Number,
}

impl Kind {
    /// The prefix the feature carries in the clusterer's vocabulary.
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::Word => "w:",
            Kind::Name => "n:",
            Kind::Entity => "e:",
            Kind::Year => "y:",
            Kind::Month => "m:",
            Kind::Day => "d:",
            Kind::Number => "#:",
        }
    }

    pub fn from_key(key: &str) -> Kind {
        match key.get(..2) {
            Some("n:") => Kind::Name,
            Some("e:") => Kind::Entity,
            Some("y:") => Kind::Year,
            Some("m:") => Kind::Month,
            Some("d:") => Kind::Day,
            Some("#:") => Kind::Number,
            _ => Kind::Word,
        }
    }
}

/// The features of one document before weighting.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawFeatures {
    /// Feature key (prefixed, see [`Kind::prefix`]) → count, in key order.
    pub counts: BTreeMap<String, f32>,
    /// How each name key was written, for labels ("n:tara reid" → "Tara Reid").
    pub surfaces: BTreeMap<String, String>,
    /// Years the text's dated expressions fall in, with how often.
    pub years: BTreeMap<i32, u32>,
    /// Retrieval keys: the document's own most frequent names and words, chosen from this
    /// document alone so that which pairs are compared never depends on arrival order.
    pub keys: Vec<String>,
}

/// Words that carry no story: function words, reporting verbs, calendar words.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "around",
    "as",
    "at",
    "back",
    "be",
    "became",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "early",
    "even",
    "ever",
    "few",
    "first",
    "for",
    "from",
    "further",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "late",
    "later",
    "least",
    "less",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "new",
    "news",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "said",
    "same",
    "say",
    "says",
    "see",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "to",
    "told",
    "too",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "according",
    "although",
    "despite",
    "amid",
    "among",
    "meanwhile",
    "following",
    "including",
    "across",
    "toward",
    "towards",
    "another",
    "every",
    "several",
    "reported",
    "report",
    "reports",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "yesterday",
    "tomorrow",
    "week",
    "weeks",
    "day",
    "days",
    "month",
    "months",
    "time",
    "times",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "http",
    "https",
    "www",
    "com",
    "html",
    "htm",
    "via",
    "photo",
    "image",
    "read",
    "share",
    "click",
    "updated",
    "posted",
    "pm",
];

static STOPSET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| STOPWORDS.iter().copied().collect());

fn is_stopword(w: &str) -> bool {
    STOPSET.contains(w)
}

/// A crude English stemmer: enough to fold plurals and -ed/-ing forms together
/// ("earthquakes" → "earthquake", "killed"/"killing" → "kill").
pub fn stem(word: &str) -> String {
    let w = word.strip_suffix("'s").unwrap_or(word);
    let n = w.chars().count();
    if n <= 3 {
        return w.to_string();
    }
    if let Some(s) = w.strip_suffix("ies") {
        return format!("{s}y");
    }
    if w.ends_with("sses") {
        return w[..w.len() - 2].to_string();
    }
    if let Some(s) = w.strip_suffix("ing") {
        if s.chars().count() >= 3 {
            return undouble(s);
        }
    }
    // "agreed", "freed": the e is the word's own ("agree", "free").
    if w.ends_with("eed") {
        return w[..w.len() - 1].to_string();
    }
    if let Some(s) = w.strip_suffix("ed") {
        if s.chars().count() >= 3 {
            return undouble(s);
        }
    }
    if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

fn undouble(s: &str) -> String {
    let b = s.as_bytes();
    let n = b.len();
    // "stopp" → "stop", but "flee" (from "fleeing") and "fall" stay.
    if n >= 2
        && b[n - 1] == b[n - 2]
        && !matches!(
            b[n - 1],
            b'l' | b's' | b'z' | b'a' | b'e' | b'i' | b'o' | b'u'
        )
    {
        s[..n - 1].to_string()
    } else {
        s.to_string()
    }
}

struct Token<'a> {
    text: &'a str,
    /// First word of a sentence (or of the text, or of a line).
    sentence_start: bool,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut boundary = true;
    let mut pending_boundary = false;
    for (i, c) in text.char_indices() {
        // "6.1" and "1,200" stay one token.
        let in_number = matches!(c, '.' | ',')
            && start.is_some()
            && text[..i].ends_with(|p: char| p.is_ascii_digit())
            && text[i + 1..].starts_with(|n: char| n.is_ascii_digit());
        let word_char =
            c.is_alphanumeric() || (c == '\'' && start.is_some()) || c == '’' || in_number;
        if word_char {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(s) = start.take() {
                let t = text[s..i].trim_end_matches(['\'', '’']);
                out.push(Token {
                    text: t,
                    sentence_start: boundary,
                });
                boundary = false;
            }
            if matches!(c, '.' | '!' | '?' | '\n' | ':' | '"' | '“' | '|') {
                pending_boundary = true;
            }
            if pending_boundary && (c.is_whitespace() || c == '"' || c == '“') {
                boundary = true;
                pending_boundary = false;
            } else if !c.is_whitespace() && !matches!(c, '.' | '!' | '?' | ':' | '|') {
                pending_boundary = false;
            }
        }
    }
    if let Some(s) = start {
        out.push(Token {
            text: text[s..].trim_end_matches(['\'', '’']),
            sentence_start: boundary,
        });
    }
    out
}

fn is_capitalized(w: &str) -> bool {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => cs.clone().next().is_some(),
        _ => false,
    }
}

/// Which of two spellings of a term is shown: fewer capitals first ("Bashar al-Assad" before
/// "Bashar Al-Assad", "Tara Reid" before "TARA REID"), then the smaller; never arrival order.
pub fn surface_order(s: &str) -> (usize, &str) {
    (s.chars().filter(|c| c.is_uppercase()).count(), s)
}

/// "Assad's" is Assad.
fn unpossessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

/// Whether a headline capitalizes its words: at least three words of four letters or more
/// that are not function words, and nearly all of them capitalized.
fn is_title_case(title: &str) -> bool {
    let words: Vec<&str> = tokens(title)
        .into_iter()
        .map(|t| t.text)
        .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
        .filter(|w| !is_stopword(&normalize(w)))
        .collect();
    let caps = words.iter().filter(|w| is_capitalized(w)).count();
    words.len() >= 3 && caps * 5 >= words.len() * 4
}

fn normalize(w: &str) -> String {
    w.replace('’', "'").to_lowercase()
}

/// Computes a document's features. `title_weight` multiplies the counts of words in the title.
pub fn extract(
    doc: &StoryDoc,
    title_weight: f32,
    key_words: usize,
    key_names: usize,
) -> RawFeatures {
    let mut f = RawFeatures::default();
    // A headline in title case ("Assad Flees to Moscow Amid Opposition Surge") capitalizes
    // every word: there (in the title, and in lines of the text set like it) only words the
    // prose also capitalizes mid-sentence are names.
    let headline = |line: &str| is_title_case(line) && !line.trim_end().ends_with('.');
    let prose_names: HashSet<String> = doc
        .text
        .lines()
        .filter(|l| !headline(l))
        .flat_map(tokens)
        .filter(|t| !t.sentence_start && is_capitalized(t.text))
        .map(|t| normalize(unpossessive(t.text)))
        .collect();
    let add_text =
        |text: &str, weight: f32, names: Option<&HashSet<String>>, f: &mut RawFeatures| {
            let toks = tokens(text);
            let is_name = |t: &Token| {
                is_capitalized(t.text)
                    && names.is_none_or(|n| n.contains(&normalize(unpossessive(t.text))))
            };
            let mut i = 0;
            while i < toks.len() {
                let t = &toks[i];
                let lower = normalize(t.text);
                let numeric = lower.starts_with(|c: char| c.is_ascii_digit());
                if numeric {
                    // Quantities tell similar events apart (a magnitude, a toll, a sum); years are
                    // dates, handled below.
                    let is_year =
                        lower.len() == 4 && (lower.starts_with("19") || lower.starts_with("20"));
                    if !is_year && lower.len() > 1 {
                        *f.counts
                            .entry(format!("#:{}", lower.replace(',', "")))
                            .or_default() += weight;
                    }
                } else if lower.chars().count() > 1 && !is_stopword(&lower) {
                    *f.counts.entry(format!("w:{}", stem(&lower))).or_default() += weight;
                }
                // Runs of capitalized words are names; a sentence-initial word counts only when the
                // run goes on ("Tara Reid said"), since any word is capitalized there.
                if is_name(t) {
                    let mut j = i;
                    while j < toks.len() && is_name(&toks[j]) && (j == i || !toks[j].sentence_start)
                    {
                        j += 1;
                    }
                    // "Assad's" is Assad.
                    let run: Vec<&str> = toks[i..j]
                        .iter()
                        .map(|t| unpossessive(t.text))
                        .filter(|w| !is_stopword(&normalize(w)))
                        .collect();
                    let skip_single = t.sentence_start && j - i == 1 && names.is_none();
                    let kept = !run.is_empty() && !skip_single;
                    if kept {
                        for w in &run {
                            let key = format!("n:{}", normalize(w));
                            *f.counts.entry(key.clone()).or_default() += weight;
                            f.surfaces.entry(key).or_insert_with(|| (*w).to_string());
                        }
                        if run.len() > 1 && run.len() <= 4 {
                            let key = format!("n:{}", normalize(&run.join(" ")));
                            *f.counts.entry(key.clone()).or_default() += weight;
                            f.surfaces.entry(key).or_insert_with(|| run.join(" "));
                        }
                    }
                    // Words after the first of the run were handled as names; words still count.
                    for t in &toks[i + 1..j] {
                        let lower = normalize(t.text);
                        if lower.chars().count() > 1 && !is_stopword(&lower) {
                            *f.counts.entry(format!("w:{}", stem(&lower))).or_default() += weight;
                        }
                    }
                    i = j.max(i + 1);
                    continue;
                }
                i += 1;
            }
        };
    if let Some(title) = &doc.title {
        let names = headline(title).then_some(&prose_names);
        add_text(title, title_weight, names, &mut f);
    }
    for line in doc.text.lines() {
        let names = headline(line).then_some(&prose_names);
        add_text(line, 1.0, names, &mut f);
    }
    // Entity names meet across spellings ("al-Julani", "al-Golani") through their key.
    for e in &doc.entities {
        let k = super::entities::entity_key(e);
        if k.is_empty() {
            continue;
        }
        let key = format!("e:{k}");
        *f.counts.entry(key.clone()).or_default() += 1.0;
        let surface = f.surfaces.entry(key).or_insert_with(|| e.clone());
        if surface_order(e) < surface_order(surface) {
            *surface = e.clone();
        }
    }
    let read;
    let times = match &doc.times {
        Some(t) => t.as_slice(),
        None => {
            read = corroborate_timex::extract(&doc.text, doc.published);
            read.as_slice()
        }
    };
    for t in times {
        if !matches!(t.kind, TimexKind::Date | TimexKind::Time) {
            continue;
        }
        // The day of the year, with or without a year ("December 8" in an undated text is
        // XXXX-12-08): reports of one event name the same days, reports of another event of
        // the same kind, in another year, seldom do.
        if let Some(md) = month_day(&t.value) {
            *f.counts.entry(format!("d:--{md}")).or_default() += 1.0;
        }
        let (Some(a), Some(b)) = (t.earliest, t.latest) else {
            continue;
        };
        // Only expressions that pin a year or less: "2008", "March 2011", "Sunday".
        if t.precision > Precision::Year || (b - a).num_days() > 366 {
            continue;
        }
        let (a, b) = (a.date(), b.date());
        *f.years.entry(a.year()).or_default() += 1;
        *f.counts.entry(format!("y:{}", a.year())).or_default() += 1.0;
        if t.precision <= Precision::Month {
            *f.counts
                .entry(format!("m:{:04}-{:02}", a.year(), a.month()))
                .or_default() += 1.0;
        }
        if t.precision <= Precision::Day && a == b {
            *f.counts.entry(format!("d:{a}")).or_default() += 1.0;
        }
    }
    f.keys = choose_keys(&f.counts, key_words, key_names);
    f
}

/// "12-08" from a day-precision TIMEX3 value, "2024-12-08" or "XXXX-12-08".
fn month_day(value: &str) -> Option<&str> {
    let b = value.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b[5..7].iter().chain(&b[8..10]).all(u8::is_ascii_digit)
        && (b[..4].iter().all(u8::is_ascii_digit) || &b[..4] == b"XXXX");
    ok.then(|| &value[5..])
}

fn choose_keys(counts: &BTreeMap<String, f32>, words: usize, names: usize) -> Vec<String> {
    let top = |kind: &[Kind], n: usize| {
        let mut v: Vec<(&String, f32)> = counts
            .iter()
            .filter(|(k, _)| kind.contains(&Kind::from_key(k)))
            .map(|(k, c)| (k, *c))
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        v.into_iter()
            .take(n)
            .map(|(k, _)| k.clone())
            .collect::<Vec<_>>()
    };
    let mut keys = top(&[Kind::Name], names);
    keys.extend(top(&[Kind::Word], words));
    keys.sort();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> StoryDoc {
        StoryDoc {
            id: "d".into(),
            source: "d".into(),
            text: text.into(),
            title: None,
            published: None,
            duplicate_of: None,
            entities: vec![],
            embedding: None,
            times: None,
        }
    }

    #[test]
    fn stems_fold_inflections() {
        assert_eq!(stem("earthquakes"), "earthquake");
        assert_eq!(stem("killed"), "kill");
        assert_eq!(stem("killing"), "kill");
        assert_eq!(stem("stopped"), "stop");
        assert_eq!(stem("casualties"), "casualty");
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("fleeing"), "flee");
        assert_eq!(stem("flees"), "flee");
        assert_eq!(stem("agreed"), "agree");
        assert_eq!(stem("agrees"), "agree");
    }

    #[test]
    fn names_runs_and_dates() {
        let f = extract(
            &doc("An earthquake struck Northern California on March 3, 2008. Tara Reid said. He called Reid's agent."),
            2.0,
            10,
            10,
        );
        assert!(f.counts.contains_key("n:northern california"));
        assert!(f.counts.contains_key("n:tara reid"));
        assert_eq!(f.counts.get("n:reid"), Some(&2.0), "possessive folded in");
        assert!(!f.counts.contains_key("n:reid's"));
        assert!(!f.counts.contains_key("n:an"));
        assert!(f.counts.contains_key("d:2008-03-03"));
        assert!(f.counts.contains_key("d:--03-03"));
        // A day without a year in an undated text still counts as that day of the year.
        let g = extract(&doc("Rebels entered the city on December 8."), 2.0, 10, 10);
        assert!(g.counts.contains_key("d:--12-08"), "{:?}", g.counts);
        assert_eq!(month_day("2024-12-08"), Some("12-08"));
        assert_eq!(month_day("XXXX-11-27"), Some("11-27"));
        assert_eq!(month_day("2024-12"), None);
        assert_eq!(month_day("2024-W49-1"), None);
        assert_eq!(f.years.get(&2008), Some(&1));
        assert_eq!(f.surfaces["n:tara reid"], "Tara Reid");
    }

    #[test]
    fn a_title_case_headline_names_only_what_the_prose_capitalizes() {
        let mut d = doc("Bashar al-Assad Flees to Moscow Amid Opposition Surge\n\
                         The former president left for Moscow with Bashar al-Assad's family.");
        d.title = Some("Bashar al-Assad Flees to Moscow Amid Opposition Surge".into());
        let f = extract(&d, 2.0, 10, 10);
        assert!(f.counts.contains_key("n:moscow"));
        assert!(f.counts.contains_key("n:bashar"));
        assert!(!f.counts.contains_key("n:flees"), "{:?}", f.counts);
        assert!(!f.counts.contains_key("n:surge"));
        assert!(!f.counts.contains_key("n:moscow opposition surge"));
        // The words still count as words.
        assert!(f.counts.contains_key("w:flee"));
        assert!(f.counts.contains_key("w:surge"));
        // A sentence-case headline keeps its runs.
        assert!(is_title_case(
            "Assad Flees To Moscow As Rebels Take Damascus"
        ));
        assert!(!is_title_case(
            "Assad flees to Moscow as rebels take Damascus"
        ));
        assert!(!is_title_case("Assad Flees"));
    }
}
