//! Words a name is read by in one document: case and diacritic folding, and the title words that
//! open a person's name ("President", "Dr."). The recognizer trims titles off person spans; the
//! alias stage reads them as evidence.

use unicode_normalization::UnicodeNormalization;

/// Lower case with diacritics removed: "Ţarţūs" → "tartus". Apostrophes are kept (a rule drops them).
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Words that open a title in front of a person's name. Matched case-insensitively, without dots.
const TITLE_WORDS: [&str; 46] = [
    "president",
    "vice",
    "prime",
    "minister",
    "foreign",
    "defense",
    "defence",
    "interior",
    "secretary",
    "state",
    "general",
    "gen",
    "col",
    "colonel",
    "lt",
    "major",
    "maj",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sir",
    "sheikh",
    "shaikh",
    "emir",
    "king",
    "queen",
    "prince",
    "crown",
    "chancellor",
    "senator",
    "sen",
    "rep",
    "gov",
    "governor",
    "mayor",
    "ayatollah",
    "imam",
    "commander",
    "leader",
    "chief",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "ambassador",
];

/// True when `w` (as written) is a title word.
pub fn is_title_word(w: &str) -> bool {
    let k = fold(w.trim_end_matches('.'));
    TITLE_WORDS.contains(&k.as_str())
}
