//! Span repairs after decoding: what the tagger's token-by-token view gets wrong at the edges of a
//! name, fixed on the decoded tag path of one sentence (so `tag --conll`, the scorers and the
//! mentions of the CLI all see the same spans).
//!
//! - Edges that are no part of a name: an opening quote ("“Military Operations Command"), a
//!   possessive ("Hakan Fidan’s"), stray punctuation.
//! - A modifier glued to the name by a hyphen: "U.S.-based Institute for the Study of War" is the
//!   institute (the tokenizer keeps "U.S.-based" whole, since the hyphen follows a dot).
//! - An organization's head word followed by "of"/"for" and capitalized words: "Army of Al-Izza",
//!   "Organization for the Liberation of the Levant", "Front for the Conquest of the Levant" are
//!   one name each, not a bare "Army" and a place "Levant".
//! - Two all-capital names joined by a slash: "RFE/RL" is one outlet, not "RL".
//! - A nationality word opening a name of an event: "the Arab Spring uprisings".
//! - A maker's name before a model designation names a product: "Boeing 787", "Airbus A330"
//!   are MISC (OntoNotes' PRODUCT), not the organization.
//! - Place words at a name's edge decide its type over a person or organization: "George
//!   Washington Bridge" is a facility, "Fort Lee" and "Mt Cook" are places (the words come from
//!   WordNet and the USPS street types, `data/ner/place_words.tsv`).
//! - Titles before a person's name: "President Barack Obama" → "Barack Obama" (the alias stage
//!   still reads the title from the text before the name).
//! - A place and a capitalized plural nickname are a team: "Philadelphia 76ers", "Portland
//!   Trailblazers" (not "Golan Heights": a geographic plural).
//! - Letters apart from their dots are one abbreviation ("U . S ."), no end of a person's name.
//! - An era after a year is no name: "3000 BC", "394 AD".

use super::tags::{begin, runs, O, TYPES};
use super::titles::is_title_word;
use std::collections::HashMap;
use std::sync::OnceLock;

/// English head words that open an organization's name followed by "of"/"for" ("Ministry of
/// Defence", "Institute for the Study of War"), written capitalized as they are in names.
const OF_HEADS: [&str; 38] = [
    "Organization",
    "Organisation",
    "Army",
    "Front",
    "Council",
    "Ministry",
    "Institute",
    "University",
    "Movement",
    "Party",
    "Committee",
    "Command",
    "Corps",
    "Brigade",
    "Brigades",
    "Battalion",
    "Battalions",
    "Coalition",
    "Agency",
    "Association",
    "League",
    "Union",
    "Federation",
    "Department",
    "Bureau",
    "Commission",
    "Academy",
    "Foundation",
    "Society",
    "Center",
    "Centre",
    "Court",
    "Bank",
    "Fund",
    "Authority",
    "College",
    "Board",
    "Assembly",
];

/// Lower-case words that join the parts of a name after its head ("of the", "for"). Not "on":
/// "… Committee on ABC" is more often a broadcast than a name.
const OF_WORDS: [&str; 2] = ["of", "for"];

/// Lower-case particles inside Arabic and European names ("Al-Izza" is `Al`, `-`, `Izza`;
/// "al-Sham"; "de", "van" do not start the name after "of").
const PARTICLES: [&str; 4] = ["al", "el", "ad", "ash"];

fn ty_index(name: &str) -> usize {
    TYPES.iter().position(|t| *t == name).unwrap_or(0)
}

fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A token with no letter or digit: punctuation, quotes, brackets.
fn is_punct(w: &str) -> bool {
    !w.chars().any(char::is_alphanumeric)
}

fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "’s" | "‘s" | "'" | "’")
}

/// All capitals (and digits), two characters or more: "RFE", "RL", "BBC".
fn is_caps(w: &str) -> bool {
    w.chars().count() >= 2
        && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && w.chars().any(char::is_uppercase)
}

/// A single token that is a modifier glued by a hyphen after a dot: "U.S.-based", "U.N.-backed".
fn is_hyphen_modifier(w: &str) -> bool {
    w.rsplit_once('-').is_some_and(|(head, tail)| {
        !head.is_empty()
            && !tail.is_empty()
            && tail.chars().all(char::is_lowercase)
            && !PARTICLES.contains(&tail)
    })
}

fn set_run(path: &mut [usize], s: usize, e: usize, ty: usize) {
    if s >= e {
        return;
    }
    path[s] = begin(ty);
    for t in &mut path[s + 1..e] {
        *t = begin(ty) + 1;
    }
}

fn clear(path: &mut [usize], s: usize, e: usize) {
    for t in &mut path[s..e] {
        *t = O;
    }
}

/// Capitalized words that follow a name without being part of it ("the Ministry of Defence
/// Tuesday said").
const CALENDAR: [&str; 19] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The end (exclusive) of a chain of capitalized name words starting at `i`: capitalized tokens,
/// hyphens between name words and particles before a hyphen ("Al-Din Al-Zenki", "al-Sham").
/// `i` itself when no name word starts there. The chain stops before a person of two words or
/// more the tagger found, a title of one, and a day or month ("the Council of Europe President Donald Tusk").
fn name_chain(tokens: &[&str], path: &[usize], i: usize) -> usize {
    let per = begin(ty_index("PER"));
    let mut j = i;
    while j < tokens.len() {
        let w = tokens[j];
        let next_hyphen = tokens.get(j + 1).is_some_and(|n| *n == "-");
        // A person of two words or more: a lone "Levant" read as a person after "of the" is
        // the tagger's mistake, not where the name ends.
        let person_at = |x: usize| path[x] == per && path.get(x + 1) == Some(&(per + 1));
        // A title counts only before a person ("Defence" also opens "Ministry of Defence").
        let titles_person = is_title_word(w) && (j + 1..tokens.len().min(j + 4)).any(person_at);
        let stop = person_at(j) || titles_person || CALENDAR.contains(&w);
        let word = !stop && is_capitalized(w) && w.chars().any(char::is_alphabetic);
        let hyphen = j > i && w == "-" && tokens.get(j + 1).is_some_and(|n| is_capitalized(n));
        let particle = PARTICLES.contains(&w) && next_hyphen;
        if !(word || hyphen || particle) {
            break;
        }
        j += 1;
    }
    // A chain does not end on a hyphen or a particle.
    while j > i && (tokens[j - 1] == "-" || PARTICLES.contains(&tokens[j - 1])) {
        j -= 1;
    }
    j
}

/// The end of "of/for (the) Name ( of/for (the) Name )*" after a head word at `h`, if any.
fn of_tail(tokens: &[&str], path: &[usize], h: usize) -> Option<usize> {
    let mut end = None;
    let mut j = h + 1;
    while j < tokens.len() && OF_WORDS.contains(&tokens[j]) {
        let mut k = j + 1;
        if tokens.get(k).is_some_and(|w| *w == "the") {
            k += 1;
        }
        let e = name_chain(tokens, path, k);
        if e == k {
            break;
        }
        end = Some(e);
        j = e;
    }
    end
}

fn is_dash(w: &str) -> bool {
    matches!(w, "-" | "–" | "—" | "--")
}

/// A dateline's place: news wires open a story with where it was written, in capitals, then the
/// agency in brackets and a dash ("SANTIAGO (Reuters) –", "SANTIAGO, Chile (AP) —"). Without
/// the bracket ("GAZA CITY –") the shape is too like a heading ("UPDATE –", "NATO – the alliance").
/// The place words are a place whatever the tagger read (an all-capital word looks like an
/// acronym, so an organization). In title case ("Santiago (Reuters) –") only at the start of a
/// sentence, where nothing else is read that way; in capitals anywhere, since the dateline often
/// shares a sentence with a headline above it.
fn dateline(tokens: &[&str], path: &mut [usize]) {
    let gpe = ty_index("GPE");
    let word = |w: &str| w.chars().any(char::is_alphabetic) && !is_punct(w);
    let mut i = 0;
    while i < tokens.len() {
        let caps = |w: &str| word(w) && w.chars().all(|c| !c.is_lowercase());
        let at_start = i == 0;
        let place_word = |w: &str| caps(w) || at_start && is_capitalized(w) && word(w);
        let mut j = i;
        while j < tokens.len() && j < i + 4 && place_word(tokens[j]) {
            j += 1;
        }
        if j == i || (i > 0 && place_word(tokens[i - 1])) {
            i += 1;
            continue;
        }
        // ", Chile" / ", CHILE": the country or state after the town.
        let mut region = None;
        let mut k = j;
        if tokens.get(k) == Some(&",") {
            let r = k + 1;
            let mut re = r;
            while re < tokens.len() && re < r + 3 && is_capitalized(tokens[re]) && word(tokens[re])
            {
                re += 1;
            }
            if re > r {
                region = Some((r, re));
                k = re;
            }
        }
        // "(Reuters)": one to four words in brackets.
        if tokens.get(k) == Some(&"(") {
            let close = (k + 1..tokens.len().min(k + 6)).find(|&c| tokens[c] == ")");
            match close {
                Some(c) if c > k + 1 => k = c + 1,
                _ => {
                    i = j;
                    continue;
                }
            }
        }
        let bracketed = k > j && tokens[k - 1] == ")";
        let ok = bracketed && tokens.get(k).is_some_and(|w| is_dash(w));
        if ok {
            let spans: Vec<(usize, usize)> = std::iter::once((i, j)).chain(region).collect();
            for (a, b) in spans {
                // Whatever run touches the place words gives way to the place.
                for (s, e, _) in runs(path) {
                    if s < b && e > a {
                        clear(path, s, e);
                    }
                }
                set_run(path, a, b, gpe);
            }
            i = k;
        } else {
            i = j;
        }
    }
}

/// A model designation: a token of letters and digits with a digit, not an ordinal ("A330",
/// "737s", "DC-9", "Q10", "GT650M"), or of three digits or more that is no year ("737", "8900";
/// not "2009"). One or two bare digits ("Route 94", "School 4") number other things.
fn is_model_designation(w: &str) -> bool {
    let digits = w.chars().filter(char::is_ascii_digit).count();
    if digits == 0 || !w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return false;
    }
    if w.starts_with('-') || w.ends_with('-') {
        return false;
    }
    let lower = w.to_ascii_lowercase();
    let ordinal = ["st", "nd", "rd", "th"].iter().any(|o| {
        lower
            .strip_suffix(o)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    });
    if ordinal {
        return false;
    }
    if w.chars().all(|c| c.is_ascii_digit()) {
        let year =
            w.len() == 4 && (w.starts_with("18") || w.starts_with("19") || w.starts_with("20"));
        return w.len() >= 3 && !year;
    }
    true
}

/// A maker's name and a model designation name a product, not the maker: "Boeing 787", "Airbus
/// A330-200", "BlackBerry Curve 8900" (OntoNotes' PRODUCT, CoNLL's MISC). An organization run
/// followed by a designation (and its hyphenated variant: `737`, `-`, `800`), or ending in one,
/// becomes one MISC run.
fn products(tokens: &[&str], path: &mut [usize]) {
    let org = ty_index("ORG");
    let misc = ty_index("MISC");
    for (s, e, ty) in runs(path) {
        if ty != org {
            continue;
        }
        let mut end = e;
        if e - s >= 2 && is_model_designation(tokens[e - 1]) {
            // The run holds the designation already.
        } else if e < tokens.len() && path[e] == O && is_model_designation(tokens[e]) {
            end = e + 1;
        } else {
            continue;
        }
        while end + 1 < tokens.len()
            && tokens[end] == "-"
            && path[end] == O
            && path[end + 1] == O
            && tokens[end + 1].chars().all(|c| c.is_ascii_alphanumeric())
            && tokens[end + 1].chars().any(|c| c.is_ascii_digit())
        {
            end += 2;
        }
        set_run(path, s, end, misc);
    }
}

/// An abbreviation written with its letters apart from their dots ("U . S .", as some corpora
/// tokenize "U.S."): a letter is no name of its own nor the end of a person's name. A run that
/// ends in the first letter ("Regina Benjamin U", "U") gives it up; a run of the letter alone
/// covers the whole abbreviation with the type it had ("the U . S . Army" is the tagger's to
/// read as a whole, not letter by letter).
fn letters_apart(tokens: &[&str], path: &mut [usize]) {
    let letter = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|w| w.chars().count() == 1 && w.chars().all(char::is_uppercase))
    };
    for (s, e, ty) in runs(path) {
        let i = e - 1;
        if !(letter(i) && tokens.get(i + 1) == Some(&".") && letter(i + 2)) {
            continue;
        }
        // The abbreviation's end: letters and dots after it, while untagged.
        let mut end = i + 1;
        while end < tokens.len() && path[end] == O && (tokens[end] == "." || letter(end)) {
            end += 1;
        }
        if e - s > 1 {
            clear(path, i, e);
            set_run(path, s, i, ty);
        } else {
            set_run(path, s, end, ty);
        }
    }
}

/// A sports team is named by its place and a plural nickname: "Philadelphia 76ers", "Portland
/// Trailblazers". A place run followed by an untagged capitalized plural (or a number-led one,
/// "76ers") joins it as one organization, unless the plural is a geographic word ("Golan
/// Heights", "Florida Keys", "Virgin Islands": a WordNet sense of its singular is a natural
/// object or a location) or no noun of a person or an animal when WordNet knows it.
fn teams(tokens: &[&str], path: &mut [usize]) {
    use corroborate_extract::lexicon::{Lexicon, WnPos};
    let (gpe, org) = (ty_index("GPE"), ty_index("ORG"));
    for (s, e, ty) in runs(path) {
        let Some(&w) = tokens.get(e) else { continue };
        if ty != gpe || path[e] != O {
            continue;
        }
        let first = w.chars().next().unwrap_or(' ');
        let letters = w.trim_start_matches(|c: char| c.is_ascii_digit());
        let plural = letters.len() >= 3
            && letters.ends_with('s')
            && !letters.ends_with("ss")
            && letters.chars().all(char::is_alphabetic)
            && letters.chars().skip(1).all(char::is_lowercase);
        if !plural || !(first.is_uppercase() || first.is_ascii_digit() && letters.len() < w.len()) {
            continue;
        }
        // A number-led word ("76ers") is no common noun.
        let singular = letters[..letters.len() - 1].to_lowercase();
        let classes = if letters.len() < w.len() {
            Vec::new()
        } else {
            Lexicon::bundled().lexnames(&singular, Some(WnPos::Noun))
        };
        let geographic = classes
            .iter()
            .any(|c| matches!(*c, "noun.object" | "noun.location"));
        let living = classes
            .iter()
            .any(|c| matches!(*c, "noun.person" | "noun.animal"));
        if geographic || !(classes.is_empty() || living) {
            continue;
        }
        set_run(path, s, e + 1, org);
    }
}

/// An era after a year is part of a date, not an organization: "3000 BC", "776 BCE", "394 AD".
fn eras(tokens: &[&str], path: &mut [usize]) {
    for (s, e, _) in runs(path) {
        let era = e - s == 1 && matches!(tokens[s], "BC" | "BCE" | "AD" | "CE" | "B.C." | "A.D.");
        let year = s > 0 && tokens[s - 1].chars().all(|c| c.is_ascii_digit());
        if era && year {
            clear(path, s, e);
        }
    }
}

/// The place words of `data/ner/place_words.tsv`, derived from WordNet by
/// `scripts/ner/make_place_words.py` (see data/ner/README.md).
struct PlaceWords {
    /// Head words that end the name of a built place ("George Washington Bridge", "Shandao
    /// Station"), written capitalized; `true` when the word is also a common first or last name
    /// ("Hall", "Lane"), so that it ends no two-word name of a person.
    heads: HashMap<&'static str, bool>,
    /// Words that open the two-word name of a place ("Mount Cook", "Lake Tahoe", "Mt Cook"), with
    /// the type the name takes.
    openers: HashMap<&'static str, usize>,
}

fn place_table() -> &'static PlaceWords {
    static TABLE: OnceLock<PlaceWords> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = PlaceWords {
            heads: HashMap::new(),
            openers: HashMap::new(),
        };
        for line in include_str!("../../../../data/ner/place_words.tsv").lines() {
            let mut cols = line.split('\t');
            let (Some(kind), Some(ty), Some(word)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            match kind {
                "head" => {
                    table.heads.insert(word, false);
                }
                "name-head" => {
                    table.heads.insert(word, true);
                }
                "opener" => {
                    table.openers.insert(word, ty_index(ty));
                }
                _ => {}
            }
        }
        table
    })
}

/// Place words at a name's edge decide its type where the tagger read a person or an
/// organization: a name ending in a facility's head word is a facility ("George Washington
/// Bridge" is no person, "Shandao Station" no organization), and a two-word name opened by a
/// place word is that place ("Fort Lee", "Mt Cook").
fn place_words(tokens: &[&str], path: &mut [usize]) {
    let (per, org, fac) = (ty_index("PER"), ty_index("ORG"), ty_index("FAC"));
    for (s, e, ty) in runs(path) {
        if ty != per && ty != org {
            continue;
        }
        let table = place_table();
        let first = tokens[s].trim_end_matches('.');
        let head = table.heads.get(tokens[e - 1]);
        // A head that is a surname ends a person's two-word name ("Arsenio Hall"), not a longer
        // run ("George Washington Bridge").
        if e - s >= 2 && head.is_some_and(|&name| ty == org || !name || e - s >= 3) {
            set_run(path, s, e, fac);
        } else if let (Some(&place), 2) = (table.openers.get(first), e - s) {
            if is_capitalized(tokens[s + 1]) {
                set_run(path, s, e, place);
            }
        }
    }
}

/// Kinds of WordNet noun senses that a person, organization or place name can have: a sense
/// of one of these makes the phrase a possible name ("Federal Reserve" is a group, "Harvard
/// University" a building, "Ford" a person).
const NAME_LEXNAMES: [&str; 5] = [
    "noun.group",
    "noun.location",
    "noun.person",
    "noun.object",
    "noun.artifact",
];

/// Whether an all-capital word is an acronym that WordNet spells out: a synonym of one of its
/// noun senses whose word initials are the acronym ("RBI": "run batted in", "SI": "Systeme
/// International"; not "ABC", whose senses are "alphabet", "rudiments").
fn spelled_out(wn: &corroborate_extract::lexicon::Lexicon, senses: &[u32], acronym: &str) -> bool {
    let acronym = acronym.to_lowercase();
    senses.iter().any(|&s| {
        wn.synset(s).words.iter().any(|&w| {
            let initials: String = wn
                .word(w)
                .split([' ', '-'])
                .filter_map(|p| p.chars().next())
                .collect();
            wn.word(w).contains(' ') && initials == acronym
        })
    })
}

/// An ordinal written in digits: "81st", "2nd", "3rd".
fn is_ordinal(w: &str) -> bool {
    let lower = w.to_ascii_lowercase();
    ["st", "nd", "rd", "th"].iter().any(|o| {
        lower
            .strip_suffix(o)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    })
}

/// A phrase the tagger read as a person or organization that WordNet lists as a common noun
/// whose senses are none of a name's kinds (`NAME_LEXNAMES`) is no such name but a term, an
/// award, an index or a measure: "Academy Awards" (an award, `noun.communication`), "Natural
/// Language Processing" (`noun.cognition`), "Dow Jones" (an index). It becomes MISC. Only
/// phrases of two words or more, and all-capital acronyms WordNet spells out ("RBI", "SI"): a
/// single capitalized word is too often a name that is also a word ("Apple", "Twitter").
/// The phrase is looked up as written, then with its last word singular ("Awards").
fn common_terms(tokens: &[&str], path: &mut [usize]) {
    use corroborate_extract::lexicon::{Lexicon, WnPos};
    let (per, org, misc) = (ty_index("PER"), ty_index("ORG"), ty_index("MISC"));
    for (first, e, ty) in runs(path) {
        if ty != per && ty != org {
            continue;
        }
        // An edition's number before the term ("81st Annual Academy Awards") is no part of it.
        let mut s = first;
        if e - s >= 3 && is_ordinal(tokens[s]) {
            s += 1;
            if tokens[s] == "Annual" && e - s >= 3 {
                s += 1;
            }
        }
        let acronym =
            e - s == 1 && is_caps(tokens[s]) && tokens[s].chars().all(char::is_alphabetic);
        if e - s == 1 && !acronym {
            continue;
        }
        if !tokens[s..e]
            .iter()
            .all(|w| w.chars().all(char::is_alphabetic))
        {
            continue;
        }
        let phrase = tokens[s..e].join(" ");
        let wn = Lexicon::bundled();
        let mut senses = wn.synsets(&phrase, Some(WnPos::Noun));
        if senses.is_empty() {
            if let Some(one) = phrase.strip_suffix('s').filter(|p| p.len() >= 3) {
                senses = wn.synsets(one, Some(WnPos::Noun));
            }
        }
        if senses.is_empty() || (acronym && !spelled_out(wn, &senses, tokens[s])) {
            continue;
        }
        if senses
            .iter()
            .all(|&x| !NAME_LEXNAMES.contains(&wn.synset(x).lexname()))
        {
            set_run(path, first, e, misc);
        }
    }
}

/// Whether a capitalized word opening a person's name is a common noun for a person, a role
/// rather than a part of the name ("Comedian Ellen DeGeneres", "Mathematician Hermann Weyl"): a
/// word in title case whose WordNet noun senses are all people (`noun.person`) and that is no
/// first or last name of the gazetteer ("Baker", "Hunter" stay).
fn is_role_noun(w: &str) -> bool {
    use corroborate_extract::lexicon::{Lexicon, WnPos};
    let mut chars = w.chars();
    if !chars.next().is_some_and(char::is_uppercase) || !chars.all(char::is_lowercase) {
        return false;
    }
    let lower = w.to_lowercase();
    static NAMES: OnceLock<super::gazetteer::Gazetteer> = OnceLock::new();
    let names = NAMES.get_or_init(super::gazetteer::Gazetteer::bundled);
    let name_bits = super::gazetteer::CATEGORIES
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(**c, "first" | "last"))
        .fold(0u8, |m, (i, _)| m | 1 << i);
    if names.lookup(&lower) & name_bits != 0 {
        return false;
    }
    let wn = Lexicon::bundled();
    let senses = wn.synsets(&lower, Some(WnPos::Noun));
    !senses.is_empty()
        && senses
            .iter()
            .all(|&s| wn.synset(s).lexname() == "noun.person")
}

/// Repairs the decoded tag path of one sentence in place (see the module documentation).
pub fn repair(tokens: &[&str], path: &mut [usize]) {
    let org = ty_index("ORG");
    // Organization heads followed by "of"/"for" and a name.
    let mut h = 0;
    while h < tokens.len() {
        let Some(end) = OF_HEADS
            .contains(&tokens[h])
            .then(|| of_tail(tokens, path, h))
            .flatten()
        else {
            h += 1;
            continue;
        };
        // Start where the run holding the head starts ("Free Syrian Army of …"), else at the
        // head; anything the name now covers is part of it.
        let start = runs(path)
            .into_iter()
            .find(|&(s, e, _)| s <= h && h < e)
            .map_or(h, |(s, _, _)| s);
        // A run the name overlaps that goes on past it takes the name with it ("Academy of
        // Motion Picture Arts and Sciences" as the tagger read it): nothing tagged is lost.
        let end = runs(path)
            .into_iter()
            .filter(|&(s, e, _)| s < end && e > start)
            .map(|(_, e, _)| e)
            .fold(end, usize::max);
        set_run(path, start, end, org);
        h = end;
    }
    // "RFE/RL": all-capital names joined by a slash.
    for (s, e, ty) in runs(path) {
        let mut s2 = s;
        let mut e2 = e;
        if s >= 2 && tokens[s - 1] == "/" && is_caps(tokens[s - 2]) && is_caps(tokens[s]) {
            s2 = s - 2;
        }
        if e + 1 < tokens.len()
            && tokens[e] == "/"
            && is_caps(tokens[e + 1])
            && is_caps(tokens[e - 1])
        {
            e2 = e + 2;
        }
        if (s2, e2) != (s, e)
            && runs(path)
                .iter()
                .all(|&(a, b, _)| (a, b) == (s, e) || b <= s2 || a >= e2)
        {
            set_run(path, s2, e2, ty);
        }
    }
    // A nationality word that opens a name: "the Arab Spring uprisings" names an event, not the
    // Arabs. Only over one untagged word in title case that a lower-case word follows
    // ("Turkish Foreign Minister" is no name of that kind, "British FTSE" no name, and "as per
    // Russian Media." a capitalized common noun at the end of a sentence).
    let norp = ty_index("NORP");
    let misc = ty_index("MISC");
    for (s, e, ty) in runs(path) {
        let next = tokens.get(e + 1).copied().unwrap_or("");
        if ty == norp
            && e - s == 1
            && e < tokens.len()
            && path[e] == O
            && is_capitalized(tokens[e])
            && tokens[e].chars().skip(1).all(char::is_lowercase)
            && !is_title_word(tokens[e])
            && next.chars().next().is_some_and(char::is_lowercase)
        {
            set_run(path, s, e + 1, misc);
        }
    }
    // Titles before a person's name: "President Barack Obama" names Barack Obama (the CoNLL
    // convention the scorers' gold follows; the alias stage reads titles from the text itself).
    let per = ty_index("PER");
    for (s, e, ty) in runs(path) {
        let mut a = s;
        while ty == per
            && a + 1 < e
            && (is_title_word(tokens[a]) || e - a >= 3 && is_role_noun(tokens[a]))
        {
            a += 1;
        }
        if a > s {
            clear(path, s, a);
            set_run(path, a, e, ty);
        }
    }
    // A title written apart from its dot before a person's name ("Dr . Regina Benjamin", as some
    // corpora tokenize "Dr."): the title is no name of its own, whatever the tagger read it as.
    for (s, e, _) in runs(path) {
        if e - s == 1
            && is_title_word(tokens[s])
            && tokens.get(e) == Some(&".")
            && path[e] == O
            && path.get(e + 1).is_some_and(|&t| t == begin(per))
        {
            clear(path, s, e);
        }
    }
    // A person's name goes on over a lower-case particle joined by a hyphen to a capitalized
    // word: "Bashar al-Assad" is one name (`Bashar`, `al`, `-`, `Assad`), not "Bashar" and an
    // "Assad" of its own or of nothing.
    for (s, e, ty) in runs(path) {
        if ty != per || e + 2 >= tokens.len() {
            continue;
        }
        let particle = PARTICLES.contains(&tokens[e].to_lowercase().as_str());
        if !(particle && tokens[e + 1] == "-" && is_capitalized(tokens[e + 2])) {
            continue;
        }
        if path[e] != O || path[e + 1] != O {
            continue;
        }
        // The word after the hyphen may stand alone or open a one-word run of any type.
        let after = runs(path).into_iter().find(|&(a, _, _)| a == e + 2);
        let end = match after {
            Some((_, b, _)) if b == e + 3 => b,
            Some(_) => continue,
            None if path[e + 2] == O => e + 3,
            None => continue,
        };
        set_run(path, s, end, per);
    }
    // A middle initial written apart from its dot ("Regina M . Benjamin", as some corpora
    // tokenize "M."): the name goes on over the dot to the surname after it.
    for (s, e, ty) in runs(path) {
        let initial = |w: &str| w.chars().count() == 1 && w.chars().all(char::is_uppercase);
        if ty != per || e - s < 2 || !initial(tokens[e - 1]) || e + 1 >= tokens.len() {
            continue;
        }
        let surname = |w: &str| is_capitalized(w) && w.chars().any(char::is_lowercase);
        if tokens[e] != "." || path[e] != O || !surname(tokens[e + 1]) {
            continue;
        }
        let end = match runs(path).into_iter().find(|&(a, _, _)| a == e + 1) {
            Some((_, b, t)) if t == per => b,
            Some(_) => continue,
            None => e + 2,
        };
        set_run(path, s, end, per);
    }
    letters_apart(tokens, path);
    dateline(tokens, path);
    products(tokens, path);
    teams(tokens, path);
    eras(tokens, path);
    place_words(tokens, path);
    // Edges: quotes, possessives, punctuation, a hyphen-glued modifier.
    for (s, e, ty) in runs(path) {
        let mut a = s;
        let mut b = e;
        // A hyphen-glued modifier goes only when a name follows it: a lone "U.S.-based" still
        // names the United States.
        while a < b && (is_punct(tokens[a]) || a + 1 < b && is_hyphen_modifier(tokens[a])) {
            a += 1;
        }
        while b > a && (is_punct(tokens[b - 1]) || is_possessive(tokens[b - 1])) {
            // "U.S." ends in a dot but is a token with letters: kept; so is the last dot of
            // letters written apart ("U . S .").
            let abbreviation = b >= a + 4
                && tokens[b - 1] == "."
                && tokens[b - 3] == "."
                && tokens[b - 2].chars().count() == 1;
            if abbreviation {
                break;
            }
            b -= 1;
        }
        if (a, b) != (s, e) {
            clear(path, s, e);
            set_run(path, a, b, ty);
        }
    }
    common_terms(tokens, path);
}

#[cfg(test)]
mod tests {
    use super::super::tags::{parse_tag, TAG_NAMES};
    use super::*;

    /// Tags `tokens` (space-separated) with `tags` (space-separated IOB2), repairs, and returns
    /// the repaired tags.
    fn check(tokens: &str, tags: &str, expect: &str) {
        let toks: Vec<&str> = tokens.split(' ').collect();
        let mut path: Vec<usize> = tags.split(' ').map(|t| parse_tag(t).unwrap()).collect();
        assert_eq!(toks.len(), path.len(), "test input");
        repair(&toks, &mut path);
        let got: Vec<&str> = path.iter().map(|t| TAG_NAMES[*t]).collect();
        assert_eq!(got.join(" "), expect, "{tokens}");
    }

    #[test]
    fn a_phrase_wordnet_lists_as_a_common_term_is_no_name() {
        check(
            "hosted the Academy Awards and had two RBI",
            "O O B-ORG I-ORG O O O B-ORG",
            "O O B-MISC I-MISC O O O B-MISC",
        );
        check(
            "the 81st Annual Academy Awards and the 2nd Academy Awards",
            "O B-ORG I-ORG I-ORG I-ORG O O B-ORG I-ORG I-ORG",
            "O B-MISC I-MISC I-MISC I-MISC O O B-MISC I-MISC I-MISC",
        );
        check(
            "built on Natural Language Processing .",
            "O O B-ORG I-ORG I-ORG O",
            "O O B-MISC I-MISC I-MISC O",
        );
        // Names WordNet holds as groups, buildings or people stay; so do acronyms it does not
        // spell out ("ABC" is the alphabet there) and single words ("Apple").
        check(
            "the Federal Reserve , Harvard University , ABC and Apple",
            "O B-ORG I-ORG O B-ORG I-ORG O B-ORG O B-ORG",
            "O B-ORG I-ORG O B-ORG I-ORG O B-ORG O B-ORG",
        );
    }

    #[test]
    fn a_title_apart_from_its_dot_is_no_name() {
        check(
            "nominated Dr . Regina Benjamin today",
            "O B-LOC O B-PER I-PER O",
            "O O O B-PER I-PER O",
        );
        // Without a person after it the word stays ("Elm Dr . in Queens" may be a street).
        check("on Elm Dr . in", "O B-FAC I-FAC O O", "O B-FAC I-FAC O O");
    }

    #[test]
    fn a_role_noun_opening_a_persons_name_is_cut_off() {
        check(
            "Comedian Ellen DeGeneres will host",
            "B-PER I-PER I-PER O O",
            "O B-PER I-PER O O",
        );
        check(
            "Jordanian King Abdullah II said",
            "B-PER I-PER I-PER I-PER O",
            "O O B-PER I-PER O",
        );
        // A role noun that is also a surname, and a two-word name, stay whole.
        check(
            "Baker James Smith and Comedian DeGeneres",
            "B-PER I-PER I-PER O B-PER I-PER",
            "B-PER I-PER I-PER O B-PER I-PER",
        );
    }

    #[test]
    fn a_middle_initial_apart_from_its_dot_stays_in_the_name() {
        check(
            "nominating Regina M . Benjamin , MD",
            "O B-PER I-PER O B-PER O O",
            "O B-PER I-PER I-PER I-PER O O",
        );
        check(
            "Raj K . Chohan was walking",
            "B-PER I-PER O O O O",
            "B-PER I-PER I-PER I-PER O O",
        );
        // Another initial after the dot is no surname: "Regina Benjamin U . S . Surgeon" (and
        // the letter is then no part of the name: `letters_apart`).
        check(
            "Regina Benjamin U . S . Surgeon",
            "B-PER I-PER I-PER O O O O",
            "B-PER I-PER O O O O O",
        );
    }

    #[test]
    fn letters_apart_from_their_dots_are_one_abbreviation() {
        check(
            "Regina Benjamin U . S . Surgeon",
            "B-PER I-PER I-PER O O O O",
            "B-PER I-PER O O O O O",
        );
        check(
            "as U . S . Surgeon",
            "O B-ORG O O O O",
            "O B-ORG I-ORG I-ORG I-ORG O",
        );
        // A middle initial before a surname is no abbreviation.
        check(
            "Regina M . Benjamin said",
            "B-PER I-PER O B-PER O",
            "B-PER I-PER I-PER I-PER O",
        );
    }

    #[test]
    fn a_place_and_a_plural_nickname_are_a_team() {
        check(
            "the Philadelphia 76ers , Portland Trailblazers and Texas Instruments",
            "O B-GPE O O B-GPE O O B-GPE O",
            "O B-ORG I-ORG O B-ORG I-ORG O B-ORG I-ORG",
        );
        // Geographic plurals, plurals of things and lower-case words stay out.
        check(
            "the Golan Heights , Florida Keys , Ohio Hearings and Ohio voters",
            "O B-GPE O O B-GPE O O B-GPE O O B-GPE O",
            "O B-GPE O O B-GPE O O B-GPE O O B-GPE O",
        );
    }

    #[test]
    fn an_era_after_a_year_is_no_name() {
        check(
            "in 3000 BC and 394 AD , the BC government",
            "O O B-ORG O O B-ORG O O B-ORG O",
            "O O O O O O O O B-ORG O",
        );
    }

    #[test]
    fn a_makers_name_and_a_model_designation_are_a_product() {
        check(
            "the Boeing 787 and Airbus A330 - 200 jets",
            "O B-ORG O O B-ORG O O O O",
            "O B-MISC I-MISC O B-MISC I-MISC I-MISC I-MISC O",
        );
        check(
            "a BlackBerry Curve 8900 phone",
            "O B-ORG I-ORG I-ORG O",
            "O B-MISC I-MISC I-MISC O",
        );
        // Years, ordinals and small numbers are no designations (and "State Route" is a road:
        // a facility by its head word).
        check(
            "Ford 2009 sales , Fox 21st , State Route 94",
            "B-ORG O O O B-ORG O O B-ORG I-ORG O",
            "B-ORG O O O B-ORG O O B-FAC I-FAC O",
        );
    }

    #[test]
    fn place_words_at_a_names_edge_decide_its_type() {
        check(
            "over the George Washington Bridge to Fort Lee",
            "O O B-PER I-PER I-PER O B-ORG I-ORG",
            "O O B-FAC I-FAC I-FAC O B-GPE I-GPE",
        );
        check(
            "climbers on Mt Cook and the Mount Sinai Hospital",
            "O O B-PER I-PER O O B-ORG I-ORG I-ORG",
            "O O B-LOC I-LOC O O B-ORG I-ORG I-ORG",
        );
        // A street's abbreviated head; a head that is a surname ends no person's name, and a
        // place of business names its business ("Wal-Mart", "Apple Store").
        check(
            "on Anderson Ave with Arsenio Hall at Carnegie Hall",
            "O B-PER I-PER O B-PER I-PER O B-ORG I-ORG",
            "O B-FAC I-FAC O B-PER I-PER O B-FAC I-FAC",
        );
        check("the Apple Store", "O B-ORG I-ORG", "O B-ORG I-ORG");
    }

    #[test]
    fn a_particle_and_hyphen_continue_a_persons_name() {
        check(
            "Bashar al - Assad fled",
            "B-PER O O O O",
            "B-PER I-PER I-PER I-PER O",
        );
        check(
            "Bashar al - Assad fled",
            "B-PER O O B-PER O",
            "B-PER I-PER I-PER I-PER O",
        );
        // Must not: a longer name after the hyphen is a name of its own ("al-Sham Front").
        check(
            "Bashar al - Sham Front",
            "B-PER O O B-ORG I-ORG",
            "B-PER O O B-ORG I-ORG",
        );
        // Must not: no person before it.
        check("the al - Assad regime", "O O O B-PER O", "O O O B-PER O");
    }

    #[test]
    fn dateline_places_are_places() {
        check(
            "SANTIAGO ( Reuters ) – A strong quake",
            "B-ORG O B-ORG O O O O O",
            "B-GPE O B-ORG O O O O O",
        );
        check(
            "SANTIAGO , Chile ( AP ) — Rescuers",
            "B-ORG O B-GPE O B-ORG O O O",
            "B-GPE O B-GPE O B-ORG O O O",
        );
        check(
            "GAZA CITY ( AP ) – Rescuers",
            "B-ORG I-ORG O B-ORG O O O",
            "B-GPE I-GPE O B-ORG O O O",
        );
        check(
            "Santiago ( Reuters ) - Rescuers",
            "B-PER O B-ORG O O O",
            "B-GPE O B-ORG O O O",
        );
        // In capitals after a headline in the same sentence.
        check(
            "Quake hits Chile VALPARAISO ( Reuters ) – Rescuers",
            "O O B-GPE B-ORG O B-ORG O O O",
            "O O B-GPE B-GPE O B-ORG O O O",
        );
        // Must not: title case inside a sentence, or capitals with no dash after them.
        check(
            "said Santiago ( Reuters ) - Rescuers",
            "O B-PER O B-ORG O O O",
            "O B-PER O B-ORG O O O",
        );
        check(
            "the NATO ( alliance ) said",
            "O B-ORG O O O O",
            "O B-ORG O O O O",
        );
        // Must not: no agency in brackets ("NATO – the alliance").
        check("NATO – the alliance", "B-ORG O O O", "B-ORG O O O");
    }

    #[test]
    fn possessives_and_quotes_are_no_part_of_a_name() {
        check(
            "Hakan Fidan ’s participation",
            "B-PER I-PER I-PER O",
            "B-PER I-PER O O",
        );
        check(
            "the “ Military Operations Command ,",
            "O B-ORG I-ORG I-ORG I-ORG O",
            "O O B-ORG I-ORG I-ORG O",
        );
        // Dots inside a name stay: "U.S." is a name.
        check("the U.S. said", "O B-GPE O", "O B-GPE O");
    }

    #[test]
    fn hyphen_glued_modifiers_are_cut_off() {
        check(
            "The U.S.-based Institute for the Study of War",
            "O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG",
            "O O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG",
        );
        // Must not: "al" after a hyphen is part of an Arabic name.
        check("Hayat-al Sham", "B-ORG I-ORG", "B-ORG I-ORG");
    }

    #[test]
    fn organization_heads_take_their_of_phrase() {
        check(
            "the Army of Al - Izza ,",
            "O B-ORG O B-ORG I-ORG I-ORG O",
            "O B-ORG I-ORG I-ORG I-ORG I-ORG O",
        );
        check(
            "as the Organization for the Liberation of the Levant .",
            "O O B-ORG O O O O O B-LOC O",
            "O O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG O",
        );
        // An untagged head gains the name too.
        check(
            "( Front for the Conquest of the Levant )",
            "O O O O O O O B-LOC O",
            "O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG O",
        );
        // A lone word read as a person is still part of the name.
        check(
            "the Front for the Conquest of the Levant )",
            "O O O O O O O B-PER O",
            "O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG O",
        );
        // The name ends before a person, a title or a day.
        check(
            "the Council of Europe President Donald Tusk said",
            "O B-ORG O B-GPE O B-PER I-PER O",
            "O B-ORG I-ORG I-ORG O B-PER I-PER O",
        );
        check(
            "the Ministry of Defence Tuesday said",
            "O B-ORG O O O O",
            "O B-ORG I-ORG I-ORG O O",
        );
        // A run that goes on past the name keeps its end.
        check(
            "the Academy of Motion Picture Arts and Sciences said",
            "O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG O",
            "O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG O",
        );
        // The run holding the head keeps its start.
        check(
            "Free Syrian Army of Idlib",
            "B-ORG I-ORG I-ORG O B-GPE",
            "B-ORG I-ORG I-ORG I-ORG I-ORG",
        );
        // Must not: a lower-case head, or "of" followed by no name.
        check(
            "the army of Al - Izza",
            "O O O B-ORG I-ORG I-ORG",
            "O O O B-ORG I-ORG I-ORG",
        );
        check(
            "the Army of the revolution",
            "O B-ORG O O O",
            "O B-ORG O O O",
        );
    }

    #[test]
    fn titles_are_no_part_of_a_persons_name() {
        check(
            "President Barack Obama spoke",
            "B-PER I-PER I-PER O",
            "O B-PER I-PER O",
        );
        check("Mr. Smith said", "B-PER I-PER O", "O B-PER O");
        // Must not: a title alone stays what the tagger said; other types keep their words.
        check("the Emir said", "O B-PER O", "O B-PER O");
        check(
            "King Abdullah University",
            "B-ORG I-ORG I-ORG",
            "B-ORG I-ORG I-ORG",
        );
    }

    #[test]
    fn a_nationality_opening_a_name_is_part_of_it() {
        check(
            "during the Arab Spring uprisings",
            "O O B-NORP O O",
            "O O B-MISC I-MISC O",
        );
        // Must not: a title or a name that goes on, an acronym, a lower-case noun.
        check(
            "Turkish Foreign Minister Hakan Fidan",
            "B-NORP O O B-PER I-PER",
            "B-NORP O O B-PER I-PER",
        );
        check("the British FTSE index", "O B-NORP O O", "O B-NORP O O");
        check("Syrian President Assad", "B-NORP O B-PER", "B-NORP O B-PER");
        check("Syrian rebels", "B-NORP O", "B-NORP O");
        check("as per Russian Media .", "O O B-NORP O O", "O O B-NORP O O");
    }

    #[test]
    fn slashed_acronyms_are_one_name() {
        check(
            "told RFE / RL that",
            "O O O B-ORG O",
            "O B-ORG I-ORG I-ORG O",
        );
        // Must not: a slash between a name and a common word.
        check("the RL / day", "O B-ORG O O", "O B-ORG O O");
    }
}
