//! Claim frames: one per sentence of article text, with the values a source commits to
//! (durations, dates, times, counts, measures, ranks, routes), the names and content terms that
//! say what the claim is about, its predicate (the lemma of the main verb, from the sentence's
//! structure: [`crate::frames`]), who acts, modality, negation and attribution.

use crate::frames::{Agent, Words};
use crate::values::{self, Value};
use crate::DocInput;
use corroborate_model::Span;
use serde::Serialize;

/// How firmly the source puts a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated as fact in the outlet's own voice.
    Confirmed,
    /// Attributed to someone else ("according to TASS", "X said").
    Reported,
    /// Hedged: "reportedly", "rumors", "may have", "possibly".
    Speculated,
    /// Denied by someone: "denied", "rejected reports".
    Denied,
}

/// One claim frame.
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    /// `C<doc index>.<sentence index>`, stable for the same input.
    pub id: String,
    /// Index into the analysis documents.
    pub doc: usize,
    pub sentence: Span,
    /// Capitalized names in the sentence, normalized (lowercase, article particles dropped).
    pub names: Vec<String>,
    /// Content words, stemmed.
    pub terms: Vec<String>,
    /// The lemma of the sentence's main predicate ("capture", "fire").
    pub predicate: Option<String>,
    /// Who acts in the main predicate.
    #[serde(skip)]
    pub agent: Agent,
    pub values: Vec<Value>,
    pub modality: Modality,
    /// The main predicate is negated ("did not", "never").
    pub negated: bool,
    /// Who the claim rests on, as the text names it ("TASS", "Russian media"); `None` for the
    /// outlet's own voice.
    pub attribution: Option<String>,
    /// Among the first claims of its document: a news story's lead tells its main event.
    #[serde(skip)]
    pub lead: bool,
    /// What the sentence says happened, read through attribution: the main verb, or the verbs of
    /// what a source is said to have said ("TMZ reported that she *never entered* the clinic"),
    /// with their polarity, mood and participants.
    #[serde(skip)]
    pub events: Vec<Event>,
}

/// Whether an event is told as done or as expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mood {
    /// Told as having happened or happening (or, negated, as not having happened).
    Done,
    /// Told as expected, planned or wanted ("he is expected to accept"), not as done.
    Expected,
}

/// One happening a sentence asserts, in the scope of its negation, mood and attribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The verb's lemma ("enter", "check"); an un- adjective's verb ("unreleased" → "release").
    pub lemma: String,
    /// Told as not having happened ("never entered", "did not", "remain unreleased").
    pub negated: bool,
    pub mood: Mood,
    /// Lowercased lemmas of who and what take part: the subject (a pronoun as the name it
    /// stands for), objects, obliques, with the compound and flat parts of their names.
    pub participants: Vec<String>,
    /// Who did it when a common noun names them: the active subject or the "by" phrase, with
    /// its conjuncts ("found by police and firefighters"); empty for a name, a pronoun or none.
    pub agents: Vec<String>,
    /// What was acted on: the object, the passive subject, or the noun a relative clause
    /// tells of, with the parts of their names.
    pub themes: Vec<String>,
}

/// How many claims open a document as its lead.
pub const LEAD_CLAIMS: usize = 2;

/// Builds the claims of one document.
pub fn claims_of(doc_index: usize, d: &DocInput<'_>) -> Vec<Claim> {
    let mut out = Vec::new();
    // The named subject of the sentence before, for a "he" or "she" that opens the next one.
    let mut antecedent: Option<String> = None;
    for (si, &s) in d.sentences.iter().enumerate() {
        let text = s.slice(d.text);
        // A title is a headline, not a statement, unless it reads as a sentence: a plain-text
        // copy whose first line (taken as its title) is the article's first sentence.
        if is_heading(text)
            || d.title.is_some_and(|t| t.overlaps(s)) && !reads_as_sentence(text)
            || d.captions.iter().any(|c| c.overlaps(s))
        {
            continue;
        }
        let tokens = tokens(text);
        let mut names = names(&tokens);
        // Resolved entities stand for their mentions' words.
        for (span, id) in d.entities.iter().filter(|(sp, _)| s.contains(*sp)) {
            let covered: Vec<String> =
                crate::claims::names(&crate::claims::tokens(span.slice(d.text)));
            names.retain(|n| !covered.contains(n));
            if !names.contains(id) {
                names.push(id.clone());
            }
        }
        let terms = terms(&tokens);
        if terms.len() + names.len() < 3 {
            continue;
        }
        let lower = text.to_lowercase();
        let attribution = d
            .attributions
            .iter()
            .find(|a| a.span.overlaps(s))
            .map(|a| a.source.clone());
        let modality = if SPECULATION.iter().any(|w| contains_word(&lower, w)) {
            Modality::Speculated
        } else if DENIAL.iter().any(|w| contains_word(&lower, w)) {
            Modality::Denied
        } else if attribution.is_some() {
            Modality::Reported
        } else {
            Modality::Confirmed
        };
        let mut words = d
            .parses
            .iter()
            .find(|p| p.span == s)
            .map(|p| Words::from_syntax(d.text, p))
            .unwrap_or_else(|| Words::guess(d.text, s));
        words.antecedent = antecedent.take();
        antecedent = words.named_subject();
        let main = words.predicate();
        let negated = main.is_some_and(|p| words.negated(p) && !until_after(&words, p))
            || main.is_none() && NEGATION.iter().any(|w| contains_word(&lower, w));
        let mut values = values::values_in(d, s, &words);
        // Lines the sentence starts with that end without a stop (a title, a dateline, a
        // timestamp run into the first sentence of a plain-text copy) state nothing: their
        // dates and times are the page's, not the event's.
        let body = heading_lines_end(text);
        if body > 0 {
            values.retain(|v| v.span.start >= s.start + body);
        }
        out.push(Claim {
            id: format!("C{}.{}", doc_index + 1, si + 1),
            doc: doc_index,
            sentence: s,
            predicate: main.map(|p| words.words[p].lemma.clone()),
            agent: main.and_then(|p| words.agent(p)).unwrap_or(Agent::Unknown),
            names,
            terms,
            values,
            modality,
            negated,
            attribution,
            lead: out.len() < LEAD_CLAIMS,
            events: main.map(|p| events_of(&words, p)).unwrap_or_default(),
        });
    }
    out
}

/// Verbs that tell an event as expected, planned or wanted when its verb is their complement
/// ("is expected to accept", "plans to resign"): general English.
const EXPECTING: &[&str] = &[
    "expect", "plan", "intend", "hope", "want", "schedule", "aim", "seek", "promise", "propose",
    "prepare", "wish", "consider",
];

/// Verbs that assert nothing checkable on their own: being, having, doing.
const LIGHT: &[&str] = &["be", "have", "do", "get"];

/// The events a sentence asserts, read from its parse from the main predicate `main`: a verb
/// of speaking stands for what was said (its clausal complement), an expecting verb for its
/// complement in the expected mood, and verbs joined by "and" / "but" count each.
pub(crate) fn events_of(words: &Words, main: usize) -> Vec<Event> {
    if !words.parsed {
        return Vec::new();
    }
    let ws = &words.words;
    let children = |i: usize| (0..ws.len()).filter(move |&j| ws[j].head == Some(i));
    let verbal = |i: usize| matches!(ws[i].upos, "VERB" | "ADJ");
    // The verbs in scope, with the subject they inherit (a conjunct shares its head's) and
    // their mood.
    let mut todo: Vec<(usize, Option<usize>, Mood, usize)> = vec![(main, None, Mood::Done, 0)];
    // Relative clause verbs and the noun they tell of ("the bodies, which were found").
    let mut relcl: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::new();
    while let Some((v, inherited, mood, depth)) = todo.pop() {
        let told_of = relcl.iter().find(|r| r.0 == v).map(|r| r.1);
        if depth > 4 {
            continue;
        }
        let lemma = ws[v].lemma.to_lowercase();
        let subject = children(v)
            .find(|&c| ws[c].deprel.starts_with("nsubj") || ws[c].deprel == "obl:agent")
            .or(inherited);
        for c in children(v) {
            let rel = ws[c].deprel.as_str();
            if rel == "conj" && verbal(c) {
                todo.push((c, subject, mood, depth + 1));
            }
            // What a relative clause of a participant tells is told too ("the bodies, which
            // were found by police").
            for r in children(c).filter(|&r| ws[r].deprel == "acl:relcl" && ws[r].upos == "VERB") {
                relcl.push((r, c));
                todo.push((r, None, mood, depth + 1));
            }
        }
        // What a source said, knew or found ("told the judge *that* she had checked in"):
        // the complement clause is asserted in the source's voice.
        let speech = crate::lexicon::speech_verb(&lemma);
        for c in children(v) {
            let rel = ws[c].deprel.as_str();
            if (rel == "ccomp" || speech && rel == "parataxis") && verbal(c) {
                todo.push((c, None, mood, depth + 1));
            }
        }
        if speech {
            continue;
        }
        if EXPECTING.contains(&lemma.as_str()) {
            // "You don't want to end the game": nothing expected.
            if words.negated(v) {
                continue;
            }
            for c in children(v) {
                if ws[c].deprel == "xcomp" && ws[c].upos == "VERB" {
                    todo.push((c, subject, Mood::Expected, depth + 1));
                }
            }
            continue;
        }
        // "remain unreleased", "was unharmed": the verb of an un- adjective, negated.
        let (lemma, flipped) = match un_verb(&ws[v].lower) {
            Some(base) if ws[v].upos == "ADJ" || ws[v].upos == "VERB" => (base, true),
            _ => (lemma, false),
        };
        if ws[v].upos == "ADJ" && !flipped {
            continue;
        }
        if LIGHT.contains(&lemma.as_str()) || ws[v].upos == "AUX" {
            continue;
        }
        let mut participants: Vec<String> = Vec::new();
        let mut add = |p: String| {
            if p.len() >= 2 && !participants.contains(&p) {
                participants.push(p);
            }
        };
        if let Some(s) = subject.filter(|&s| ws[s].upos == "PRON") {
            if let Some(n) = pronoun_subject(words, s) {
                add(n);
            }
        }
        let nominal = |i: usize| matches!(ws[i].upos, "NOUN" | "PROPN");
        let mut themes: Vec<String> = Vec::new();
        for c in children(v).chain(subject).chain(told_of) {
            let rel = ws[c].deprel.as_str();
            let arg = rel.starts_with("nsubj")
                || rel.starts_with("obj")
                || rel.starts_with("obl")
                || rel == "iobj"
                || rel.starts_with("xcomp");
            if !(arg || Some(c) == subject || Some(c) == told_of) || !nominal(c) {
                continue;
            }
            let theme = rel.starts_with("obj")
                || rel == "nsubj:pass"
                || rel == "iobj"
                || Some(c) == told_of;
            // The whole name: its compound and flat parts, and theirs.
            let mut name = vec![c];
            while let Some(n) = name.pop() {
                add(ws[n].lemma.to_lowercase());
                if theme && !themes.contains(&ws[n].lemma.to_lowercase()) {
                    themes.push(ws[n].lemma.to_lowercase());
                }
                name.extend(children(n).filter(|&d| {
                    matches!(ws[d].deprel.as_str(), "compound" | "flat" | "flat:name") && nominal(d)
                }));
            }
        }
        // "offered no details", "nobody entered": a negated subject or object negates the
        // event. A negation followed by "until" is no negation (`until_after`).
        let none = |i: usize| {
            matches!(
                ws[i].lower.as_str(),
                "nothing" | "nobody" | "none" | "no one"
            ) || children(i).any(|d| matches!(ws[d].lower.as_str(), "no" | "neither"))
        };
        let until = until_after(words, v);
        if until {
            continue;
        }
        let object_negated = children(v).chain(subject).any(|c| {
            let rel = ws[c].deprel.as_str();
            (rel.starts_with("nsubj") || rel.starts_with("obj")) && none(c)
        });
        let negated = (words.negated(v) || object_negated) != flipped;
        let doer = children(v)
            .find(|&c| ws[c].deprel == "nsubj" || ws[c].deprel == "obl:agent")
            .or(inherited.filter(|&s| ws[s].deprel == "nsubj"));
        // A noun standing with a name ("party girl Tara Reid", "spokesman Gregg Miliote")
        // describes a named person: no common-noun doer.
        let named = |a: usize| {
            children(a).any(|d| {
                ws[d].upos == "PROPN"
                    && matches!(
                        ws[d].deprel.as_str(),
                        "compound" | "flat" | "appos" | "flat:name"
                    )
            })
        };
        let agents: Vec<String> = doer
            .filter(|&a| ws[a].upos == "NOUN" && !named(a))
            .map(|a| {
                std::iter::once(a)
                    .chain(children(a).filter(|&d| ws[d].deprel == "conj" && ws[d].upos == "NOUN"))
                    .map(|d| ws[d].lemma.to_lowercase())
                    .collect()
            })
            .unwrap_or_default();
        if !out
            .iter()
            .any(|e: &Event| e.lemma == lemma && e.negated == negated)
        {
            out.push(Event {
                lemma,
                negated,
                mood,
                participants,
                agents,
                themes,
            });
        }
    }
    out
}

/// Whether "until", "till" or "before" follows the verb at `v`: "did not take the lead until the
/// fourth quarter", "residents have not felt them before" tell when it happened, not that it
/// did not (the parse attaches the clause
/// unreliably, so any later "until" counts).
fn until_after(words: &Words, v: usize) -> bool {
    words.words[v + 1..]
        .iter()
        .any(|w| matches!(w.lower.as_str(), "until" | "till" | "before"))
}

/// The person a personal pronoun subject stands for: the nearest name before it that is the
/// subject of a verb other than one of speaking ("TMZ reported Lohan was shopping and that
/// *she* never entered" is Lohan), else the named subject of the sentence before.
fn pronoun_subject(words: &Words, s: usize) -> Option<String> {
    let ws = &words.words;
    if !matches!(ws[s].lower.as_str(), "he" | "she") {
        return None;
    }
    (0..s)
        .rev()
        .find(|&k| {
            let speaker = ws[k].deprel.starts_with("nsubj")
                && ws[k]
                    .head
                    .is_some_and(|h| crate::lexicon::speech_verb(&ws[h].lemma.to_lowercase()));
            ws[k].upos == "PROPN"
                && (ws[k].deprel.starts_with("nsubj") || ws[k].deprel == "obj")
                && !speaker
        })
        .map(|k| ws[k].lemma.to_lowercase())
        .or_else(|| words.antecedent.clone().map(|a| a.to_lowercase()))
}

/// The verb of an un- participle ("unreleased" → "release", "unharmed" → "harm"), when WordNet
/// knows the rest as a verb and not the whole word as one.
fn un_verb(lower: &str) -> Option<String> {
    use corroborate_extract::lexicon::{Lexicon, WnPos};
    let rest = lower.strip_prefix("un")?;
    let stem = rest.strip_suffix("ed")?;
    let wn = Lexicon::bundled();
    if !wn.synsets(lower, Some(WnPos::Verb)).is_empty() {
        return None;
    }
    [format!("{stem}e"), stem.to_string()]
        .into_iter()
        .find(|b| b.len() >= 3 && !wn.synsets(b, Some(WnPos::Verb)).is_empty())
}

/// Where the body of a sentence starts: after its leading lines that read as headings (few
/// words, no closing punctuation, not ending on a function word, the next line starting with a
/// capital or a digit); 0 when it has none. A hard-wrapped sentence's lines fail one of these.
fn heading_lines_end(s: &str) -> usize {
    let mut end = 0;
    for (i, _) in s.match_indices('\n') {
        let line = s[end..i].trim();
        let t = line.trim_end_matches(['”', '"', '’', '\'', ')']);
        let last = t
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        let next_opens = s[i + 1..]
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if line.is_empty()
            || t.ends_with(['.', '!', '?', '…', ':', ',', ';', '-'])
            || line.split_whitespace().count() >= 14
            || STOP.contains(&last.as_str())
            || !next_opens
        {
            break;
        }
        end = i + 1;
    }
    end
}

/// A full sentence: a final stop and more words than a headline's few.
fn reads_as_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['”', '"', '’', '\'', ')']);
    t.ends_with(['.', '!', '?']) && s.split_whitespace().count() >= 8
}

/// A heading or a label: no sentence-final punctuation and few words.
fn is_heading(s: &str) -> bool {
    let t = s.trim_end_matches(['”', '"', '’', '\'', ')']);
    !t.ends_with(['.', '!', '?', '…']) && s.split_whitespace().count() < 14
}

pub(crate) fn contains_word(hay: &str, w: &str) -> bool {
    hay.match_indices(w).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + w.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

const SPECULATION: &[&str] = &[
    "reportedly",
    "rumors",
    "rumours",
    "rumor",
    "may have",
    "might have",
    "possibly",
    "speculation",
    "unconfirmed",
    "allegedly",
    "unclear",
    "remain unclear",
    "not confirmed",
    "could not be independently verified",
];
const DENIAL: &[&str] = &[
    "denied",
    "denies",
    "deny",
    "refuted",
    "dismissed reports",
    "rejected reports",
];
const NEGATION: &[&str] = &[
    "not", "no", "never", "didn’t", "didn't", "wasn’t", "wasn't", "won’t", "won't", "nor",
    "neither",
];

/// A word token with its byte offset inside the sentence.
pub(crate) struct Tok<'a> {
    pub text: &'a str,
    pub start: usize,
}

pub(crate) fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '’' || c == '\'';
    for (i, c) in s.char_indices() {
        if is_word(c) {
            start.get_or_insert(i);
        } else if let Some(b) = start.take() {
            out.push(Tok {
                text: s[b..i].trim_end_matches(['’', '\'', '-']),
                start: b,
            });
        }
    }
    if let Some(b) = start {
        out.push(Tok {
            text: s[b..].trim_end_matches(['’', '\'', '-']),
            start: b,
        });
    }
    out.retain(|t| !t.text.is_empty());
    out
}

/// Capitalized tokens that are not sentence openers or function words, normalized so that
/// "Al-Assad", "al-Assad" and "Assad’s" meet.
pub(crate) fn names(tokens: &[Tok<'_>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let first = t.text.chars().next().unwrap_or(' ');
        let particle = t.text.starts_with("al-") || t.text.starts_with("el-");
        if !(first.is_uppercase() || particle) {
            continue;
        }
        let lower = t.text.to_lowercase();
        if STOP.contains(&lower.as_str()) || corroborate_extract::calendar::is_day_or_month(&lower)
        {
            continue;
        }
        // A capital at the start of a sentence says nothing, unless the next word is capitalized
        // too ("Hadi al-Bahra") or the word is hyphenated like a transliterated name.
        let next_cap = tokens.get(i + 1).is_some_and(|n| {
            n.text.chars().next().is_some_and(char::is_uppercase) || n.text.starts_with("al-")
        });
        if i == 0 && !next_cap && !t.text.contains('-') {
            continue;
        }
        let n = normalize_name(&lower);
        if n.len() >= 2 && !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

pub(crate) fn normalize_name(lower: &str) -> String {
    let s = lower.trim_end_matches("’s").trim_end_matches("'s");
    let s = s
        .strip_prefix("al-")
        .or_else(|| s.strip_prefix("el-"))
        .unwrap_or(s);
    s.replace(['’', '\''], "")
}

/// Lowercased content words with a light stem, for topic similarity.
pub(crate) fn terms(tokens: &[Tok<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    for t in tokens {
        let lower = t.text.to_lowercase();
        if lower.len() < 3
            || STOP.contains(&lower.as_str())
            || lower.chars().all(|c| c.is_ascii_digit())
        {
            continue;
        }
        let stem = stem(&normalize_name(&lower));
        if !out.contains(&stem) {
            out.push(stem);
        }
    }
    out
}

pub(crate) fn stem(w: &str) -> String {
    for suf in [
        "ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "ly", "s",
    ] {
        if let Some(b) = w.strip_suffix(suf) {
            if b.len() >= 4 {
                return b.to_string();
            }
            // "ruled" → "rule", "fired" → "fire": a short base kept its final "e".
            if suf == "ed" && b.len() == 3 {
                return format!("{b}e");
            }
        }
    }
    w.to_string()
}

pub(crate) const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "as",
    "that",
    "this",
    "these",
    "those",
    "which",
    "who",
    "whom",
    "whose",
    "it",
    "its",
    "his",
    "her",
    "their",
    "they",
    "he",
    "she",
    "we",
    "our",
    "you",
    "i",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "not",
    "no",
    "also",
    "than",
    "then",
    "there",
    "here",
    "after",
    "before",
    "into",
    "over",
    "under",
    "about",
    "such",
    "said",
    "says",
    "say",
    "told",
    "according",
    "while",
    "when",
    "where",
    "what",
    "how",
    "all",
    "any",
    "some",
    "more",
    "most",
    "other",
    "only",
    "just",
    "very",
    "so",
    "if",
    "up",
    "out",
    "did",
    "do",
    "does",
    "however",
    "meanwhile",
    "additionally",
    "moreover",
    "despite",
    "following",
    "amid",
    "since",
    "until",
    "within",
    "through",
    "during",
    "him",
    "them",
    "one",
    "two",
    "three",
    "mr",
    "per",
    "via",
    "now",
    "even",
    "yet",
    "still",
    "well",
    "much",
];

#[cfg(test)]
mod tests {
    use super::heading_lines_end;

    #[test]
    fn title_and_dateline_lines_before_a_sentence_are_headings() {
        let s = "Major fire at Waitrose in Wellington\nJuly 21, 2013, 2:21 pm BST\nA LARGE fire broke out.";
        assert_eq!(&s[heading_lines_end(s)..], "A LARGE fire broke out.");
        // A hard-wrapped sentence: its lines end on a function word or run on in lower case.
        for wrapped in [
            "The army said on Tuesday that\nthe rebels had taken the town.",
            "Rebels took the town of\nHama on Thursday.",
        ] {
            assert_eq!(heading_lines_end(wrapped), 0, "{wrapped}");
        }
    }
}
