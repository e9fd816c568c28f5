//! Reader for the CAT XML of MEANTIME and ECB+ (tokens, sentences, named PER/ORG/LOC gold mentions),
//! shared by `ner_eval` through `#[path]`; run alone it prints one file's gold mentions:
//! `cargo run -p corroborate-entities --example ner_cat -- meantime|ecbplus FILE.xml`.

#![allow(dead_code)] // reason: included by ner_eval, which does not call `main`

/// Prints the gold mentions of one CAT file.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: ner_cat meantime|ecbplus FILE.xml");
        std::process::exit(2);
    }
    let xml =
        std::fs::read_to_string(&args[2]).unwrap_or_else(|e| panic!("reading {}: {e}", args[2]));
    let lower = lowercase_words([xml.as_str()]);
    let doc = if args[1] == "meantime" {
        meantime(&xml, &lower)
    } else {
        ecbplus(&xml, &lower)
    };
    for (a, b, ty) in &doc.mentions {
        println!(
            "{ty}\t{}\t{}",
            doc.sentence_of[*a],
            doc.tokens[*a..*b].join(" ")
        );
    }
}

use regex::Regex;
use std::collections::{HashMap, HashSet};

/// One CAT document: tokens with their sentence numbers and the named PER/ORG/LOC gold mentions.
#[derive(Debug, Default)]
pub struct CatDoc {
    pub tokens: Vec<String>,
    pub sentence_of: Vec<u32>,
    /// Gold mentions `(start, end, type)` over token indices, flat (no overlaps).
    pub mentions: Vec<(usize, usize, String)>,
    /// The last sentence with any annotation (MEANTIME annotates only the title, the date line and
    /// the first four sentences of each article).
    pub annotated_until: u32,
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn attrs(s: &str) -> HashMap<String, String> {
    let re = Regex::new(r#"([A-Za-z_.]+)="([^"]*)""#).unwrap();
    re.captures_iter(s)
        .map(|c| (c[1].to_string(), unescape(&c[2])))
        .collect()
}

const CONNECT: &[&str] = &[
    "of", "the", "for", "de", "la", "du", "von", "van", "der", "'s", "&", "-", "on", "at", "in",
    "'", ".",
];
const PRONOUNS: &[&str] = &[
    "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my", "him",
    "them", "us", "who", "this", "that", "these", "those", "which", "one", "both", "all", "some",
];

fn upper_or_digit(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// A gold mention as CoNLL-style name spans: a coordination ("Boeing and Lockheed Martin",
/// "Bountiful , B.C.") is split at `,` and at `and` unless an `of`/`for` comes before it; leading lowercase words ("in western Canada") and
/// trailing possessives are dropped; parts that are not names (pronouns, lowercase noun phrases, a
/// lone sentence-initial word that the corpus also writes in lowercase: "Police", "Witnesses") are
/// left out. A person mention keeps only the name (see [`person_name`]). The same rule as
/// `named_parts` in scripts/ner/make_corpus.py.
pub fn named_parts(
    tokens: &[String],
    sentence_start: &dyn Fn(usize) -> bool,
    lowercase: &HashSet<String>,
    start: usize,
    end: usize,
    person: bool,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = start;
    for i in start..=end {
        // "Department of Health and Human Services" is one name: no split after "of"/"for".
        let of_before = tokens[s..i.min(end)]
            .iter()
            .any(|w| w == "of" || w == "for");
        if i == end || (tokens[i] == "and" && !of_before) || tokens[i] == "," {
            let trimmed = trim_named(tokens, s, i);
            let trimmed = if person {
                trimmed.and_then(|(a, b)| person_name(tokens, s, a, b))
            } else {
                trimmed
            };
            if let Some((a, b)) = trimmed {
                if !(b == a + 1
                    && sentence_start(a)
                    && lowercase.contains(&tokens[a].to_lowercase()))
                {
                    out.push((a, b));
                }
            }
            s = i + 1;
        }
    }
    out
}

/// Titles and roles that CoNLL-style person spans leave out ("President", "Mr.", "CEO").
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "vice",
    "senator",
    "sen",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "governor",
    "gov",
    "mayor",
    "minister",
    "premier",
    "chancellor",
    "secretary",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "emir",
    "general",
    "gen",
    "lt",
    "col",
    "colonel",
    "maj",
    "capt",
    "captain",
    "sgt",
    "sergeant",
    "officer",
    "chief",
    "executive",
    "ceo",
    "cfo",
    "coo",
    "cto",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "founder",
    "judge",
    "justice",
    "pope",
    "cardinal",
    "bishop",
    "rev",
    "reverend",
    "ambassador",
    "commissioner",
    "inspector",
    "detective",
    "superintendent",
    "commander",
    "deputy",
    "analyst",
    "coach",
    "attorney",
];

fn is_title(w: &str) -> bool {
    TITLES.contains(&w.trim_end_matches('.').to_lowercase().as_str())
}

/// The name inside a gold person mention `[start, end)` (already trimmed from `[raw, end)`), the
/// CoNLL way: titles and what precedes them are left out ("U.S. President Barack Obama" → "Barack
/// Obama", "Mr. Lee Hsien Loong" → "Lee Hsien Loong"); a role with no name ("Prime Minister of
/// Canada", "Ryanair CEO") or a complement left after dropping lowercase words ("minister of
/// transport for Indonesia" → "Indonesia") is no person name at all.
pub fn person_name(
    tokens: &[String],
    raw: usize,
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    if tokens[raw..start].iter().any(|w| w == "of" || w == "for") {
        return None;
    }
    let Some(k) = (start..end).rev().find(|&i| is_title(&tokens[i])) else {
        return Some((start, end));
    };
    let rest = &tokens[k + 1..end];
    if rest.is_empty() || rest.iter().any(|w| w == "of" || w == "for") {
        return None;
    }
    // "President of the United States Barack Obama": the role phrase has no clear end.
    if tokens[start..k].iter().any(|w| w == "of" || w == "for") {
        return None;
    }
    Some((k + 1, end))
}

/// Words the corpus writes in lowercase somewhere (so a capitalized sentence-initial one is no name).
pub fn lowercase_words<'a>(xmls: impl IntoIterator<Item = &'a str>) -> HashSet<String> {
    let tok_re = Regex::new(r"<token [^>]*>([^<]*)</token>").unwrap();
    let mut out = HashSet::new();
    for xml in xmls {
        for c in tok_re.captures_iter(xml) {
            let w = c[1].trim();
            if w.chars().next().is_some_and(char::is_lowercase)
                && w.chars().all(char::is_alphabetic)
            {
                out.insert(w.to_string());
            }
        }
    }
    out
}

fn trim_named(tokens: &[String], mut start: usize, mut end: usize) -> Option<(usize, usize)> {
    while start < end && !tokens[start].chars().next().is_some_and(char::is_uppercase) {
        start += 1;
    }
    while start < end && ["The", "A", "An"].contains(&tokens[start].as_str()) {
        start += 1;
    }
    while end > start && ["'s", "’s", "'", ",", "."].contains(&tokens[end - 1].as_str()) {
        end -= 1;
    }
    if start >= end || PRONOUNS.contains(&tokens[start].to_lowercase().as_str()) {
        return None;
    }
    let words = &tokens[start..end];
    if !words
        .iter()
        .all(|w| upper_or_digit(w) || CONNECT.contains(&w.to_lowercase().as_str()))
    {
        return None;
    }
    Some((start, end))
}

/// Keeps non-overlapping spans, longest first, then sorts by position.
pub fn dedupe(mut spans: Vec<(usize, usize, String)>) -> Vec<(usize, usize, String)> {
    spans.sort_by_key(|s| (s.0 as isize - s.1 as isize, s.0));
    let mut kept: Vec<(usize, usize, String)> = Vec::new();
    for s in spans {
        if kept.iter().all(|k| s.1 <= k.0 || s.0 >= k.1) {
            kept.push(s);
        }
    }
    kept.sort();
    kept
}

/// A markable element: tag name, attributes, anchored token ids; or a relation with its ends.
#[derive(Debug, Default)]
struct Element {
    tag: String,
    attrs: HashMap<String, String>,
    anchors: Vec<String>,
    sources: Vec<String>,
    targets: Vec<String>,
}

struct Parsed {
    tokens: Vec<String>,
    sentence_of: Vec<u32>,
    token_index: HashMap<String, usize>,
    markables: Vec<Element>,
    relations: Vec<Element>,
}

fn parse(xml: &str) -> Parsed {
    let tok_re = Regex::new(r"<token ([^>]*)>([^<]*)</token>").unwrap();
    let mut tokens = Vec::new();
    let mut sentence_of = Vec::new();
    let mut token_index = HashMap::new();
    for c in tok_re.captures_iter(xml) {
        let a = attrs(&c[1]);
        token_index.insert(a.get("t_id").cloned().unwrap_or_default(), tokens.len());
        let text = unescape(c[2].trim());
        tokens.push(if text.is_empty() {
            "_".to_string()
        } else {
            text
        });
        sentence_of.push(a.get("sentence").and_then(|s| s.parse().ok()).unwrap_or(0));
    }
    let tag_re = Regex::new(r"<(/?)([A-Za-z_.]+)([^>]*?)(/?)>").unwrap();
    let mut markables = Vec::new();
    let mut relations = Vec::new();
    let mut section = "";
    let mut open: Option<Element> = None;
    for c in tag_re.captures_iter(xml) {
        let (closing, empty) = (&c[1] == "/", &c[4] == "/");
        let (name, rest) = (c.get(2).unwrap().as_str(), c.get(3).unwrap().as_str());
        match name {
            "Markables" | "Relations" => {
                section = if closing { "" } else { name };
                continue;
            }
            "token" | "Document" => continue,
            _ => {}
        }
        if section.is_empty() {
            continue;
        }
        if let Some(el) = open.as_mut() {
            if closing && name == el.tag {
                let el = open.take().unwrap();
                if section == "Markables" {
                    markables.push(el)
                } else {
                    relations.push(el)
                }
                continue;
            }
            let a = attrs(rest);
            match name {
                "token_anchor" => el.anchors.extend(a.get("t_id").cloned()),
                "source" => el.sources.extend(a.get("m_id").cloned()),
                "target" => el.targets.extend(a.get("m_id").cloned()),
                _ => {}
            }
            continue;
        }
        if closing {
            continue;
        }
        let el = Element {
            tag: name.to_string(),
            attrs: attrs(rest),
            ..Element::default()
        };
        if empty {
            if section == "Markables" {
                markables.push(el)
            } else {
                relations.push(el)
            }
        } else {
            open = Some(el);
        }
    }
    Parsed {
        tokens,
        sentence_of,
        token_index,
        markables,
        relations,
    }
}

fn contiguous(p: &Parsed, anchors: &[String]) -> Option<(usize, usize)> {
    let mut ids: Vec<usize> = anchors
        .iter()
        .filter_map(|a| p.token_index.get(a).copied())
        .collect();
    ids.sort_unstable();
    let (first, last) = (*ids.first()?, *ids.last()?);
    (last - first + 1 == ids.len()).then_some((first, last + 1))
}

/// A MEANTIME document: NAM / PRE.NAM mentions whose entity is PER, ORG or LOC.
pub fn meantime(xml: &str, lowercase: &HashSet<String>) -> CatDoc {
    let p = parse(xml);
    let first = |i: usize| i == 0 || p.sentence_of[i - 1] != p.sentence_of[i];
    let by_id: HashMap<&str, &Element> = p
        .markables
        .iter()
        .filter_map(|m| Some((m.attrs.get("m_id")?.as_str(), m)))
        .collect();
    let mut spans = Vec::new();
    for rel in p.relations.iter().filter(|r| r.tag == "REFERS_TO") {
        let Some(target) = rel.targets.first().and_then(|t| by_id.get(t.as_str())) else {
            continue;
        };
        let Some(ty) = target
            .attrs
            .get("ent_type")
            .filter(|t| ["PER", "ORG", "LOC"].contains(&t.as_str()))
        else {
            continue;
        };
        for s in &rel.sources {
            let Some(m) = by_id.get(s.as_str()) else {
                continue;
            };
            let syn = m.attrs.get("syntactic_type").map(String::as_str);
            if m.tag != "ENTITY_MENTION" || !matches!(syn, Some("NAM") | Some("PRE.NAM")) {
                continue;
            }
            if let Some((a, b)) = contiguous(&p, &m.anchors) {
                spans.extend(
                    named_parts(&p.tokens, &first, lowercase, a, b, ty == "PER")
                        .into_iter()
                        .map(|(a, b)| (a, b, ty.clone())),
                );
            }
        }
    }
    let annotated_until = p
        .markables
        .iter()
        .flat_map(|m| m.anchors.iter())
        .filter_map(|a| p.token_index.get(a).map(|&i| p.sentence_of[i]))
        .max()
        .unwrap_or(0);
    CatDoc {
        mentions: dedupe(spans),
        tokens: p.tokens,
        sentence_of: p.sentence_of,
        annotated_until,
    }
}

/// An ECB+ document: named person, organization and place mentions (ECB+ annotates only the
/// participants of the topic's events), PER/ORG/LOC by the CoNLL mapping.
pub fn ecbplus(xml: &str, lowercase: &HashSet<String>) -> CatDoc {
    let p = parse(xml);
    let first = |i: usize| i == 0 || p.sentence_of[i - 1] != p.sentence_of[i];
    let mut spans = Vec::new();
    for m in &p.markables {
        let ty = match m.tag.as_str() {
            "HUMAN_PART_PER" => "PER",
            "HUMAN_PART_ORG" => "ORG",
            "HUMAN_PART_GPE" | "HUMAN_PART_FAC" | "LOC_GEO" | "LOC_FAC" | "LOC_OTHER" => "LOC",
            _ => continue,
        };
        if let Some((a, b)) = contiguous(&p, &m.anchors) {
            spans.extend(
                named_parts(&p.tokens, &first, lowercase, a, b, ty == "PER")
                    .into_iter()
                    .map(|(a, b)| (a, b, ty.to_string())),
            );
        }
    }
    CatDoc {
        mentions: dedupe(spans),
        tokens: p.tokens,
        sentence_of: p.sentence_of,
        annotated_until: u32::MAX,
    }
}

/// One named gold mention with its coreference chain, for `coref_eval`.
#[derive(Debug, Clone)]
pub struct CorefMention {
    /// Token range `[start, end)` of the name (titles left out, the CoNLL way).
    pub start: usize,
    pub end: usize,
    /// The gold type as the corpus writes it (`HUMAN_PART_PER`, `LOC_GEO`, MEANTIME `PER`, …).
    pub kind: String,
    /// The chain: a cross-document instance id, or a chain local to this document.
    pub chain: String,
}

/// The one name part of a gold mention, or `None` when it is no name or a list of names.
fn one_name(
    p: &Parsed,
    lowercase: &HashSet<String>,
    a: usize,
    b: usize,
    person: bool,
) -> Option<(usize, usize)> {
    let first = |i: usize| i == 0 || p.sentence_of[i - 1] != p.sentence_of[i];
    match named_parts(&p.tokens, &first, lowercase, a, b, person)[..] {
        [one] => Some(one),
        _ => None,
    }
}

/// Named ECB+ entity mentions (people, organizations, places) and their chains: the instance of
/// the `CROSS_DOC_COREF` or `INTRA_DOC_COREF` relation a mention is a source of; a mention in
/// no relation is a chain of its own.
pub fn ecbplus_coref(
    xml: &str,
    doc: &str,
    lowercase: &HashSet<String>,
) -> (CatDoc, Vec<CorefMention>) {
    let p = parse(xml);
    let mut chain_of: HashMap<String, String> = HashMap::new();
    for rel in &p.relations {
        let chain = match rel.tag.as_str() {
            "CROSS_DOC_COREF" => rel.attrs.get("note").cloned().unwrap_or_default(),
            "INTRA_DOC_COREF" => format!("{doc}#{}", rel.targets.join("+")),
            _ => continue,
        };
        for s in &rel.sources {
            chain_of.insert(s.clone(), chain.clone());
        }
    }
    let mut out = Vec::new();
    for m in &p.markables {
        let person = m.tag == "HUMAN_PART_PER";
        let entity = matches!(
            m.tag.as_str(),
            "HUMAN_PART_PER" | "HUMAN_PART_ORG" | "HUMAN_PART_GPE" | "HUMAN_PART_FAC"
        ) || m.tag.starts_with("LOC_");
        if !entity || m.anchors.is_empty() {
            continue;
        }
        let Some((a, b)) = contiguous(&p, &m.anchors) else {
            continue;
        };
        let Some((s, e)) = one_name(&p, lowercase, a, b, person) else {
            continue;
        };
        let id = m.attrs.get("m_id").cloned().unwrap_or_default();
        let chain = chain_of
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("{doc}#{id}"));
        out.push(CorefMention {
            start: s,
            end: e,
            kind: m.tag.clone(),
            chain,
        });
    }
    out.sort_by_key(|m| (m.start, m.end));
    out.dedup_by_key(|m| (m.start, m.end));
    let doc = CatDoc {
        mentions: Vec::new(),
        tokens: p.tokens,
        sentence_of: p.sentence_of,
        annotated_until: u32::MAX,
    };
    (doc, out)
}

/// Named MEANTIME entity mentions (NAM / PRE.NAM of PER, ORG, LOC entities) and their chains: the
/// entity's cross-document `instance_id`, or the entity markable within this document.
pub fn meantime_coref(
    xml: &str,
    doc: &str,
    lowercase: &HashSet<String>,
) -> (CatDoc, Vec<CorefMention>) {
    let p = parse(xml);
    let by_id: HashMap<&str, &Element> = p
        .markables
        .iter()
        .filter_map(|m| Some((m.attrs.get("m_id")?.as_str(), m)))
        .collect();
    let mut out = Vec::new();
    for rel in p.relations.iter().filter(|r| r.tag == "REFERS_TO") {
        let Some(tid) = rel.targets.first() else {
            continue;
        };
        let Some(target) = by_id.get(tid.as_str()) else {
            continue;
        };
        let Some(ty) = target
            .attrs
            .get("ent_type")
            .filter(|t| ["PER", "ORG", "LOC"].contains(&t.as_str()))
        else {
            continue;
        };
        let chain = target
            .attrs
            .get("instance_id")
            .filter(|i| !i.is_empty())
            .cloned()
            .unwrap_or_else(|| format!("{doc}#{tid}"));
        for s in &rel.sources {
            let Some(m) = by_id.get(s.as_str()) else {
                continue;
            };
            let syn = m.attrs.get("syntactic_type").map(String::as_str);
            if m.tag != "ENTITY_MENTION" || !matches!(syn, Some("NAM") | Some("PRE.NAM")) {
                continue;
            }
            let Some((a, b)) = contiguous(&p, &m.anchors) else {
                continue;
            };
            if let Some((s, e)) = one_name(&p, lowercase, a, b, ty == "PER") {
                out.push(CorefMention {
                    start: s,
                    end: e,
                    kind: ty.clone(),
                    chain: chain.clone(),
                });
            }
        }
    }
    out.sort_by_key(|m| (m.start, m.end));
    out.dedup_by_key(|m| (m.start, m.end));
    let doc = CatDoc {
        mentions: Vec::new(),
        tokens: p.tokens,
        sentence_of: p.sentence_of,
        annotated_until: u32::MAX,
    };
    (doc, out)
}

/// Whether tokens `[a, b)` stand in a title-case headline (at least three words, most of them
/// capitalized) and are all words the corpus also writes in lower case ("Actress", "Mafia
/// Boss"): common nouns capitalized by the headline, not names.
pub fn heading_word(doc: &CatDoc, lowercase: &HashSet<String>, a: usize, b: usize) -> bool {
    let s = doc.sentence_of[a];
    let words: Vec<&String> = (0..doc.tokens.len())
        .filter(|&i| doc.sentence_of[i] == s)
        .map(|i| &doc.tokens[i])
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let capital = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    let headline = words.len() >= 3 && capital * 10 >= words.len() * 7;
    headline
        && doc.tokens[a..b].iter().all(|w| {
            CONNECT.contains(&w.to_lowercase().as_str()) || lowercase.contains(&w.to_lowercase())
        })
}
