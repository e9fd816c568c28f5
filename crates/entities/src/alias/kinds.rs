//! Second looks at what the recognizer said a mention is, from evidence beyond its sentence:
//! headings (where every word is capitalized, so a verb joins a name), organization head words
//! ("… Movement", "Jabhat …"), place names the gazetteer knows, a family ("the Assad family"),
//! and descriptions that are no names ("Lebanese Shiite group").

use super::names::Name;
use super::patterns::acronym_of;
use crate::ner::gazetteer::{Gazetteer, CATEGORIES};
use crate::EntityKind;
use corroborate_extract::syntax::Parser;
use corroborate_model::Span;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// Words that make a name an organization's wherever they stand: English heads ("Free Syrian
/// Army", "Nour al-Din al-Zenki Movement") and the transliterated Arabic words that open the names
/// of fronts, parties and armed groups ("Jabhat" front, "Hay'at" body, "Harakat" movement, "Jaysh"
/// army, "Liwa" brigade, "Kataib" battalions, "Hizb" party, "Saraya" companies, "Faylaq" corps).
const ORG_HEADS: [&str; 37] = [
    "movement",
    "front",
    "army",
    "party",
    "council",
    "brigade",
    "brigades",
    "battalion",
    "battalions",
    "forces",
    "organization",
    "organisation",
    "committee",
    "command",
    "corps",
    "coalition",
    "ministry",
    "agency",
    "institute",
    "university",
    "association",
    "company",
    "corporation",
    "militia",
    "jabhat",
    "jabha",
    // Not "hayat" without the apostrophe: that is also a given name.
    "hay'at",
    "harakat",
    "haraka",
    "jaysh",
    "jaish",
    "liwa",
    "kataib",
    "hizb",
    "saraya",
    "faylaq",
    "tanzim",
];

/// Fold typographic apostrophes so "Hay’at" and "Hay'at" read alike.
fn plain(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .replace(['’', 'ʼ', '‘', '`'], "'")
        .to_lowercase()
}

/// Whether the words of a mention name an organization by one of their head words.
pub fn has_org_head(surface: &str) -> bool {
    surface
        .split_whitespace()
        .any(|w| ORG_HEADS.contains(&plain(w).as_str()))
}

/// The recognizer's gazetteer (places and census names), parsed once.
fn gazetteer() -> &'static Gazetteer {
    static GAZ: OnceLock<Gazetteer> = OnceLock::new();
    GAZ.get_or_init(Gazetteer::bundled)
}

/// Whether the text is a country, state, city or continent the gazetteer knows, whatever else it
/// may be ("Jordan" is).
pub fn is_known_place(surface: &str) -> bool {
    let bit = |c: &str| 1u8 << CATEGORIES.iter().position(|x| *x == c).unwrap_or(0);
    let cats = gazetteer().lookup(&surface.trim().to_lowercase());
    cats & (bit("country") | bit("state") | bit("city") | bit("continent")) != 0
}

/// Whether the word is a given name of the census lists the gazetteer carries ("Alexis",
/// "Christopher"; not "Alexandros").
pub fn is_census_given_name(word: &str) -> bool {
    let bit = 1u8 << CATEGORIES.iter().position(|x| *x == "first").unwrap_or(0);
    gazetteer().lookup(&word.trim().to_lowercase()) & bit != 0
}

/// Whether the text is a country, state or city the gazetteer knows and no census first or last
/// name ("Aleppo", "Hama"; not "Jordan", which is also a first name).
pub fn is_place_name(surface: &str) -> bool {
    let bit = |c: &str| 1u8 << CATEGORIES.iter().position(|x| *x == c).unwrap_or(0);
    let cats = gazetteer().lookup(&surface.trim().to_lowercase());
    let place = bit("country") | bit("state") | bit("city");
    let person = bit("first") | bit("last");
    cats & place != 0 && cats & person == 0
}

/// A heading line: a line without closing punctuation that is the document's first (its title)
/// or has at least half of its words capitalized ("Opposition Gains and Government Collapse"), or
/// a line that repeats the title ("One thought on “<title>”"). In a heading every word
/// may be capitalized, so the recognizer's spans there are not to be trusted on their own.
pub fn heading_lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut title: Option<&str> = None;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let span = Span::new(start, start + line.len());
        start += line.len();
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        let is_title = title.is_none();
        if is_title {
            title = Some(l);
        }
        let repeats_title = title.is_some_and(|t| !is_title && t.len() >= 20 && l.contains(t));
        let words: Vec<&str> = l
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        let capital = words
            .iter()
            .filter(|w| {
                w.chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(char::is_uppercase)
            })
            .count();
        let open_end = !l.ends_with(['.', '!', '?', '"', '”', ':', ';', ',', ')']);
        let title_case = words.len() >= 3 && capital * 2 >= words.len();
        if repeats_title || open_end && (is_title || title_case) {
            out.push(span);
        }
    }
    out
}

/// Lowercase words of the texts ("gains", "flees"): a capitalized one in a heading is a common
/// word, not part of a name. Web addresses and e-mail addresses are left out: their words are
/// lower case whatever they name ("…/san-diego-chargers-tackle…").
pub fn lowercase_words<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for t in texts {
        for w in t
            .split_whitespace()
            .filter(|c| !is_address(c))
            .flat_map(|c| c.split(|c: char| !c.is_alphabetic()))
        {
            if w.chars().next().is_some_and(char::is_lowercase) {
                out.insert(w.to_string());
            }
        }
    }
    out
}

/// Whether a whitespace-free chunk of text is a web or e-mail address.
fn is_address(chunk: &str) -> bool {
    let c = chunk.to_ascii_lowercase();
    c.contains("://")
        || c.starts_with("www.")
        || c.contains('@') && c.contains('.')
        || c.contains('/')
            && [".com", ".org", ".net", ".htm"]
                .iter()
                .any(|d| c.contains(d))
}

/// Words that, right after a name, make it a family's ("the Assad family").
const FAMILY_WORDS: [&str; 4] = ["family", "clan", "dynasty", "brothers"];

/// The span grown over a following family word ("Al-Assad" in "the Al-Assad family’s rule" →
/// "Al-Assad family"), or `None` when no family word follows.
pub fn family_span(text: &str, span: Span) -> Option<Span> {
    let after = &text[span.end..];
    let rest = after.strip_prefix(' ')?;
    FAMILY_WORDS.iter().find_map(|w| {
        let tail = rest.strip_prefix(w)?;
        (!tail.starts_with(char::is_alphabetic))
            .then(|| Span::new(span.start, span.end + 1 + w.len()))
    })
}

/// Whether an organization mention is a description rather than a name: its last word is a
/// lowercase common noun ("Lebanese Shiite group", "rebel alliance"). Names of organizations end
/// in a capitalized word ("Hay’at Tahrir al-Sham", "Institute for the Study of War").
pub fn is_description(surface: &str) -> bool {
    surface.split_whitespace().last().is_some_and(|w| {
        w.chars().next().is_some_and(char::is_lowercase) && !w.contains('-') && w.len() > 2
    })
}

/// Nouns of settlements and regions that an apposition names ("a second major city, Hama,").
const PLACE_NOUNS: [&str; 10] = [
    "city",
    "town",
    "village",
    "capital",
    "province",
    "governorate",
    "region",
    "district",
    "port",
    "island",
];

/// Whether `w` (lower case) is a noun of settlements and regions ("county", "province").
pub fn is_place_noun(w: &str) -> bool {
    PLACE_NOUNS.contains(&w) || matches!(w, "county" | "valley" | "sea" | "state" | "river")
}

/// Whether the mention stands in apposition to a place noun and ends its phrase: "captured a
/// second major city, Hama, and" or "the capital Damascus." (not "In the city, Smith said").
pub fn place_apposition(text: &str, span: Span) -> bool {
    let before = text[..span.start]
        .trim_end()
        .trim_end_matches(',')
        .trim_end();
    let noun = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let after = text[span.end..].chars().next();
    PLACE_NOUNS.contains(&noun.as_str()) && after.is_none_or(|c| ",.;)".contains(c))
}

/// The span grown leftwards over the words the recognizer left out when a bracketed acronym right
/// after it spells the longer name: "Hay’at [Tahrir al-Sham] (HTS)" → "Hay’at Tahrir al-Sham".
/// `None` when the acronym already fits, or no such acronym follows, or no growth of up to three
/// capitalized words makes it fit.
pub fn acronym_completion(text: &str, span: Span) -> Option<Span> {
    let after = text[span.end..].trim_start().strip_prefix('(')?;
    let acro = Name::parse_with(&after[..after.find(')')?], false);
    if !acro.is_acronym() || acronym_of(&acro, &Name::parse_with(span.slice(text), false)) {
        return None;
    }
    let mut start = span.start;
    for _ in 0..3 {
        let before = text[..start].trim_end_matches(' ');
        let word_start = before.rfind(char::is_whitespace).map_or(0, |p| p + 1);
        let word = &before[word_start..];
        if before.len() == start || !word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        start = word_start;
        let grown = Span::new(start, span.end);
        if acronym_of(&acro, &Name::parse_with(grown.slice(text), false)) {
            return Some(grown);
        }
    }
    None
}

/// The bracketed acronym of the mention's initials right after it ("Hay’at Tahrir al-Sham
/// (HTS)"), if there is one: groups and institutions are introduced that way, people hardly ever.
pub fn own_acronym(text: &str, span: Span) -> Option<Span> {
    let rest = &text[span.end..];
    let open = span.end + rest.len() - rest.trim_start().len();
    let after = text[open..].strip_prefix('(')?;
    let inner = Span::new(open + 1, open + 1 + after.find(')')?);
    let acro = Name::parse_with(inner.slice(text), false);
    acronym_of(&acro, &Name::parse_with(span.slice(text), false)).then_some(inner)
}

/// Whether a one-word name stands after "the" and ends its noun phrase ("the Levant.", "of the
/// Sahel,"): English gives people's names no article, places often do. "the Assad regime" (a
/// modifier) and "the Al-Assad family" (see [`family_span`]) are not this.
pub fn article_place(text: &str, span: Span) -> bool {
    let surface = span.slice(text);
    let before = text[..span.start].trim_end_matches(' ');
    let article = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .is_some_and(|w| w == "the");
    let after = text[span.end..].chars().next();
    !surface.contains(char::is_whitespace)
        && before.len() < span.start
        && article
        && after.is_none_or(|c| ",.;:)".contains(c))
}

/// Words that name a document or an agreement when they end a name, bare or before its number:
/// "United Nations Security Council Resolution 2254", "Paris Agreement", "Patriot Act".
const DOCUMENT_WORDS: [&str; 11] = [
    "resolution",
    "act",
    "treaty",
    "accord",
    "accords",
    "agreement",
    "convention",
    "protocol",
    "declaration",
    "amendment",
    "memorandum",
];

/// Whether the mention names a document (a resolution, treaty, law) rather than the body that
/// made it: its last word, or its last word before a number, is a document word.
pub fn is_document_name(surface: &str) -> bool {
    let words: Vec<&str> = surface.split_whitespace().collect();
    let numbered = words
        .last()
        .is_some_and(|w| w.chars().any(|c| c.is_ascii_digit()));
    let head = if numbered && words.len() >= 2 {
        words[words.len() - 2]
    } else if numbered {
        return false;
    } else {
        words.last().copied().unwrap_or("")
    };
    head.chars().next().is_some_and(char::is_uppercase)
        && DOCUMENT_WORDS.contains(&plain(head).as_str())
        && words.len() >= 2
}

/// Whether the mention is a bare head word of organization names ("Army", "Organization",
/// "Council"): no name by itself, only a piece the recognizer cut out of one.
pub fn is_bare_head(surface: &str) -> bool {
    let w = surface.trim();
    !w.contains(char::is_whitespace) && ORG_HEADS.contains(&plain(w).as_str())
}

/// Prepositions of place: "naval facilities at Tartus".
const LOCATIVES: [&str; 6] = ["at", "in", "near", "outside", "around", "into"];

/// Whether a one-word mention stands after a preposition of place and ends its phrase
/// ("facilities at Tartus, which"): said of a name known as a place (by the gazetteer, or by the
/// corpus, which tags it as one elsewhere), it is the place, whatever else the recognizer read
/// ("at Tartus" as the port's operator). Not when a capitalized word follows ("in Aleppo
/// University").
pub fn locative_place(text: &str, span: Span) -> bool {
    let surface = span.slice(text);
    if surface.contains(char::is_whitespace) {
        return false;
    }
    let before = text[..span.start].trim_end_matches(' ');
    let prep = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let next_word = text[span.end..]
        .trim_start_matches(' ')
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    before.len() < span.start && LOCATIVES.contains(&prep) && !next_word
}

/// Whether a lower-case word is a kind of natural feature or place that a name opens with
/// ("mount", "lake", "route"): a WordNet noun with an object or location sense, and no
/// adjective ("red" of "Red Cross" describes, it names no kind).
pub fn is_feature_word(word: &str) -> bool {
    use corroborate_extract::lexicon::{Lexicon, WnPos};
    let wn = Lexicon::bundled();
    wn.synsets(word, Some(WnPos::Adj)).is_empty()
        && wn
            .synsets(word, Some(WnPos::Noun))
            .iter()
            .any(|&s| matches!(wn.synset(s).lexname(), "noun.object" | "noun.location"))
}

/// Whether a lower-case word (or its singular) is an English common noun: a WordNet noun with a
/// sense that is no place, person or group ("recovery", "center", "computer", "jaguars"; not
/// "hollywood"). The words a name's short form leaves out at its end are of this kind
/// ("Morningside" of "Morningside Recovery Center").
pub fn is_common_noun(word: &str) -> bool {
    use corroborate_extract::lexicon::{Lexicon, WnPos};
    if !word.chars().all(char::is_alphabetic) {
        return false;
    }
    let wn = Lexicon::bundled();
    let common = |w: &str| {
        wn.synsets(w, Some(WnPos::Noun)).iter().any(|&s| {
            !matches!(
                wn.synset(s).lexname(),
                "noun.location" | "noun.person" | "noun.group"
            )
        })
    };
    common(word)
        || word
            .strip_suffix('s')
            .is_some_and(|w| w.len() >= 3 && common(w))
}

/// Whether a word is a form of a verb of going away: a WordNet motion sense of "leave" or
/// "depart", or a verb sense below one of them ("left", "fled", "flew", "escaped", "departed" —
/// not "voted", "played", "campaigned", "traded"). The lemma comes from the parser's lemmatizer
/// (the word read as the verb form its ending says). Both models load on first use, which only a
/// "Place for Name" in the text brings about.
fn is_departure_verb(word: &str) -> bool {
    use corroborate_extract::lexicon::{Lexicon, WnPos};
    let Ok(lem) = Parser::shared().map(|p| &p.lemmatizer) else {
        return false;
    };
    let lower = word.to_lowercase();
    if !lower.chars().all(char::is_alphabetic) {
        return false;
    }
    let xpos = if lower.ends_with("ing") {
        "VBG"
    } else if lower.ends_with('s') {
        "VBZ"
    } else {
        "VBD"
    };
    let wn = Lexicon::bundled();
    static GOING_AWAY: OnceLock<BTreeSet<u32>> = OnceLock::new();
    let going_away = GOING_AWAY.get_or_init(|| {
        ["leave", "depart"]
            .iter()
            .flat_map(|v| wn.synsets(v, Some(WnPos::Verb)))
            .filter(|&s| wn.synset(s).lexname() == "verb.motion")
            .collect()
    });
    let lemma = lem.lemma(&lower, xpos);
    wn.closure(&wn.synsets(&lemma, Some(WnPos::Verb)))
        .iter()
        .any(|s| going_away.contains(s))
}

/// Whether a mention is where someone went from a place: a verb of going away, a place name
/// (capitalized words the gazetteer or the corpus knows as a place), "for", then the mention
/// ("Al-Assad left Damascus for Hmeimim"). The destination of a departure is a place, even one
/// no gazetteer holds.
pub fn destination_place(text: &str, span: Span, is_place: impl Fn(&str) -> bool) -> bool {
    let Some(before) = text[..span.start].strip_suffix(" for ") else {
        return false;
    };
    let words: Vec<&str> = before.rsplit(' ').take(5).collect();
    // words[0..k] is the origin (read backwards), words[k] the verb.
    (1..words.len()).any(|k| {
        let origin: Vec<&str> = words[..k].iter().rev().copied().collect();
        is_departure_verb(words[k])
            && origin.iter().all(|w| {
                w.starts_with(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || c == '-')
            })
            && is_place(&origin.join(" "))
    })
}

/// What kind a mention is once its words are looked at again, with the reason when it changes.
pub fn revised_kind(surface: &str, kind: EntityKind) -> Option<(EntityKind, &'static str)> {
    match kind {
        // Before the head words: "Security Council Resolution 2254" holds "Council".
        _ if is_document_name(surface) => {
            (kind != EntityKind::Misc).then_some((EntityKind::Misc, "document name"))
        }
        EntityKind::Person | EntityKind::Group | EntityKind::Misc if has_org_head(surface) => {
            Some((EntityKind::Organization, "organization head word"))
        }
        EntityKind::Person | EntityKind::Group | EntityKind::Misc if is_place_name(surface) => {
            Some((EntityKind::Gpe, "place name in the gazetteer"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_destination_of_a_departure_is_a_place() {
        let at = |t: &str, w: &str| {
            let i = t.find(w).unwrap();
            Span::new(i, i + w.len())
        };
        let known = |p: &str| matches!(p, "Damascus" | "Latakia" | "New York");
        let t = "Al-Assad left Damascus for Hmeimim by December 7";
        assert!(destination_place(t, at(t, "Hmeimim"), known));
        let t = "they fled New York for Albany.";
        assert!(destination_place(t, at(t, "Albany"), known));
        // Must not: no verb of leaving, an origin that is no known place, or a person after "for".
        let t = "Damascus voted for Hmeimim";
        assert!(!destination_place(t, at(t, "Hmeimim"), known));
        let t = "he left Ryanair for Lufthansa";
        assert!(!destination_place(t, at(t, "Lufthansa"), known));
        let t = "he left a note for Hmeimim";
        assert!(!destination_place(t, at(t, "Hmeimim"), known));
        // Any verb of going away, in any form; no other verb.
        let t = "The convoy was leaving Latakia for Tartus";
        assert!(destination_place(t, at(t, "Tartus"), known));
        let t = "They escaped Damascus for Beirut";
        assert!(destination_place(t, at(t, "Beirut"), known));
        let t = "the club played Damascus for Hmeimim";
        assert!(!destination_place(t, at(t, "Hmeimim"), known));
        let t = "she campaigned Damascus for Hmeimim";
        assert!(!destination_place(t, at(t, "Hmeimim"), known));
    }

    #[test]
    fn organization_head_words() {
        for s in [
            "Jabhat Fateh al-Sham",
            "Hay’at Tahrir al-Sham",
            "Nour Al-Din Al-Zenki Movement",
            "Free Syrian Army",
            "Jaysh al-Islam",
        ] {
            assert!(has_org_head(s), "{s}");
        }
        for s in [
            "Abu Mohammad al-Jolani",
            "Bashar al-Assad",
            "Hadi al-Bahra",
            "Ahmed Hussein al-Shar’a",
        ] {
            assert!(!has_org_head(s), "{s}");
        }
    }

    #[test]
    fn place_names_but_not_personal_names() {
        assert!(is_place_name("Aleppo"));
        assert!(is_place_name("Homs"));
        // Also a census first name: the recognizer's reading stands.
        assert!(!is_place_name("Jordan"));
        assert!(!is_place_name("Syrian"));
        assert!(!is_place_name("Assad"));
    }

    #[test]
    fn revised_kinds() {
        use EntityKind::*;
        assert_eq!(
            revised_kind("Jabhat Fateh al-Sham", Person).map(|k| k.0),
            Some(Organization)
        );
        assert_eq!(revised_kind("Aleppo", Group).map(|k| k.0), Some(Gpe));
        assert_eq!(revised_kind("Bashar al-Assad", Person), None);
        assert_eq!(revised_kind("Iranian", Group), None);
        // An organization stays one even when its name holds a place ("Damascus University").
        assert_eq!(revised_kind("Aleppo", Organization), None);
        // "entered Aleppo" read as MISC: a city of the gazetteer that is nobody's name.
        assert_eq!(revised_kind("Aleppo", Misc).map(|k| k.0), Some(Gpe));
        assert_eq!(revised_kind("Jordan", Misc), None);
        // Known places, whatever else the name may be; a surname is none.
        assert!(is_known_place("Jordan") && is_known_place("Aleppo"));
        assert!(!is_known_place("Jolani"));
    }

    #[test]
    fn headings() {
        let t = "Syria: al-Assad flees as his Dictatorship Falls\n\nHe fled on Sunday.\nOpposition Gains and Government Collapse\nBy the end, it was over.\nOne thought on “Syria: al-Assad flees as his Dictatorship Falls”\n";
        let lines: Vec<&str> = heading_lines(t).iter().map(|s| s.slice(t).trim()).collect();
        assert_eq!(
            lines,
            [
                "Syria: al-Assad flees as his Dictatorship Falls",
                "Opposition Gains and Government Collapse",
                "One thought on “Syria: al-Assad flees as his Dictatorship Falls”"
            ]
        );
    }

    #[test]
    fn family_spans() {
        let t = "the end of the al-Assad family’s rule and the Assad regime";
        let s = t.find("al-Assad").unwrap();
        let grown = family_span(t, Span::new(s, s + 8)).unwrap();
        assert_eq!(grown.slice(t), "al-Assad family");
        let s = t.find("Assad regime").unwrap();
        assert_eq!(family_span(t, Span::new(s, s + 5)), None);
        let t = "the Assad familyfriend";
        assert_eq!(family_span(t, Span::new(4, 9)), None);
    }

    #[test]
    fn appositions_to_place_nouns() {
        let at = |t: &str, w: &str| {
            let s = t.find(w).unwrap();
            place_apposition(t, Span::new(s, s + w.len()))
        };
        let t = "opposition forces captured a second major city, Hama, and advanced";
        assert!(at(t, "Hama"));
        assert!(at("They reached the capital Damascus.", "Damascus"));
        // Must not: a name that starts a clause after a place noun.
        assert!(!at("In the city, Smith said so.", "Smith"));
        assert!(!at("The mayor, Smith, said so.", "Smith"));
    }

    #[test]
    fn names_completed_by_their_acronym() {
        let t = "led by the group Hay’at Tahrir al-Sham (HTS), along with others";
        let s = t.find("Tahrir").unwrap();
        let cut = Span::new(s, t.find(" (HTS)").unwrap());
        assert_eq!(
            acronym_completion(t, cut).map(|g| g.slice(t)),
            Some("Hay’at Tahrir al-Sham")
        );
        // Already whole, or the words before do not spell it: left alone.
        let whole = Span::new(t.find("Hay’at").unwrap(), cut.end);
        assert_eq!(acronym_completion(t, whole), None);
        let t = "the group Tahrir al-Sham (HTS) said";
        let s = t.find("Tahrir").unwrap();
        assert_eq!(acronym_completion(t, Span::new(s, s + 14)), None);
        let t = "Bashar al-Assad (SAA) said";
        assert_eq!(acronym_completion(t, Span::new(0, 15)), None);
        assert_eq!(own_acronym(t, Span::new(0, 15)), None);
        let t = "Hay’at Tahrir al-Sham (HTS) said";
        let s = Span::new(0, t.find(" (").unwrap());
        assert_eq!(own_acronym(t, s).map(|a| a.slice(t)), Some("HTS"));
    }

    #[test]
    fn one_word_names_after_the() {
        let at = |t: &str, w: &str| {
            let s = t.find(w).unwrap();
            place_apposition(t, Span::new(s, s + w.len()))
                || article_place(t, Span::new(s, s + w.len()))
        };
        assert!(at(
            "the Front for the Conquest of the Levant), a coalition",
            "Levant"
        ));
        assert!(at("aid to the Sahel.", "Sahel"));
        assert!(!at("the Assad regime fell.", "Assad"));
        assert!(!at("Then Assad fled.", "Assad"));
        assert!(!at("the Bashar al-Assad era.", "Bashar al-Assad"));
    }

    #[test]
    fn documents_are_not_the_bodies_that_made_them() {
        use EntityKind::*;
        for s in [
            "United Nations Security Council Resolution 2254",
            "Security Council Resolution 2254",
            "Paris Agreement",
            "Patriot Act",
        ] {
            assert!(is_document_name(s), "{s}");
        }
        assert_eq!(
            revised_kind(
                "United Nations Security Council Resolution 2254",
                Organization
            )
            .map(|k| k.0),
            Some(Misc)
        );
        // Must not: the body itself, a numbered unit, a lone document word, a lower-case word.
        for s in [
            "United Nations Security Council",
            "Regiment 46",
            "Resolution",
            "Act",
            "peace agreement",
        ] {
            assert!(!is_document_name(s), "{s}");
        }
        assert_eq!(
            revised_kind("United Nations Security Council", Organization),
            None
        );
    }

    #[test]
    fn bare_head_words_are_no_names() {
        for s in ["Army", "Organization", "Council", "Front"] {
            assert!(is_bare_head(s), "{s}");
        }
        for s in ["Syrian Army", "Hezbollah", "Army of Al-Izza"] {
            assert!(!is_bare_head(s), "{s}");
        }
    }

    #[test]
    fn places_after_prepositions_of_place() {
        let at = |t: &str, w: &str| {
            let s = t.find(w).unwrap();
            locative_place(t, Span::new(s, s + w.len()))
        };
        assert!(at(
            "an air base and strategic naval facilities at Tartus, which are used",
            "Tartus"
        ));
        assert!(at("He now works in Istanbul.", "Istanbul"));
        // Must not: no preposition, a following name, more than one word.
        assert!(!at("Tartus said so.", "Tartus"));
        assert!(!at("He studied in Aleppo University.", "Aleppo"));
        assert!(!at("She works at Aleppo Bank.", "Aleppo Bank"));
    }

    #[test]
    fn descriptions_are_no_names() {
        assert!(is_description("Lebanese Shiite group"));
        assert!(!is_description("Hay’at Tahrir al-Sham"));
        assert!(!is_description("Institute for the Study of War"));
        assert!(!is_description("Hezbollah"));
    }
}
