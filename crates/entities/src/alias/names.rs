//! Name parsing and transliteration-aware comparison: titles, articles, kunyas and spelling rules.
//!
//! A mention's text is cut into a [`Name`]: the titles in front ("President", "Mr.", "Foreign
//! Minister") are set aside as roles, Arabic articles ("al-", "el-", "Al ") are marked on the token
//! they belong to, and the rest are the name's tokens. Two names are compared token by token
//! through [`translit_match`], which applies the spelling [`Rule`]s one after the other and says
//! which ones it needed, so a merge can say "transliteration: j/g + article" instead of "similar".

pub use crate::ner::titles::{fold, is_title_word};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One spelling rule of English transliterations of Arabic, Russian and other names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// "al-Assad" / "Assad" / "Al Assad" / "el-Assad"; also sun-letter forms "ash-", "ad-", "as-".
    Article,
    /// "Shar'a" / "Shara", "Hay'at" / "Hayat": apostrophes written for ayn and hamza.
    Apostrophe,
    /// "Mt" / "Mount", "Ft." / "Fort": a place word written short.
    Abbreviation,
    /// "Centre" / "Center", "Defence" / "Defense", "Labour" / "Labor", "Organisation" /
    /// "Organization": British and American spellings.
    British,
    /// "Philip" / "Filip".
    PhF,
    /// "Sergei" / "Sergey", "Hussein" / "Husayn": ei, ey, ai, ay are one diphthong.
    Diphthong,
    /// "Jolani" / "Golani", "Djamel" / "Jamel": Egyptian and French g/dj for jim.
    JG,
    /// "Julani" / "Jolani" / "Joulani": u, o and ou.
    UO,
    /// "Mohammed" / "Mohammad", "Ahmed" / "Ahmad": e and a.
    EA,
    /// "Qaeda" / "Kaeda", "Qassem" / "Kassem".
    QK,
    /// "Mohammad" / "Mohamad", "Sharaa" / "Shara": doubled letters.
    Doubled,
    /// "Hamzah" / "Hamza": a final h after a vowel is often dropped.
    FinalH,
    /// "C." / "Cheney": a given name written as its initial (given names only).
    Initial,
    /// "Fred" / "Frederick": a given name cut short (given names only).
    ShortGiven,
    /// "Katie" / "Kathryn", "Bill" / "William": a nickname of the public English table
    /// (`data/nicknames`; given names only).
    Nickname,
}

impl Rule {
    /// Every rule, in the order they are applied.
    pub const ALL: [Rule; 12] = [
        Rule::Article,
        Rule::Apostrophe,
        Rule::Abbreviation,
        Rule::British,
        Rule::PhF,
        Rule::Diphthong,
        Rule::JG,
        Rule::UO,
        Rule::EA,
        Rule::QK,
        Rule::Doubled,
        Rule::FinalH,
    ];

    /// How the rule is named in evidence.
    pub fn label(self) -> &'static str {
        match self {
            Rule::Article => "article",
            Rule::Apostrophe => "apostrophe (ayn/hamza)",
            Rule::Abbreviation => "abbreviation",
            Rule::British => "British/American spelling",
            Rule::PhF => "ph/f",
            Rule::Diphthong => "ei/ey/ay",
            Rule::JG => "j/g",
            Rule::UO => "u/o/ou",
            Rule::EA => "e/a",
            Rule::QK => "q/k",
            Rule::Doubled => "doubled letters",
            Rule::FinalH => "final h",
            Rule::Initial => "initial of a given name",
            Rule::ShortGiven => "given name cut short",
            Rule::Nickname => "nickname",
        }
    }

    /// Whether [`apply`](Self::apply) can change the token: `false` only when it is sure not
    /// to (so a key is made without copying the token for every rule).
    fn may_change(self, t: &str) -> bool {
        match self {
            Rule::Article | Rule::Initial | Rule::ShortGiven | Rule::Nickname => false,
            Rule::Apostrophe => t.chars().any(is_apostrophe),
            Rule::Abbreviation => matches!(t.trim_end_matches('.'), "mt" | "ft"),
            Rule::British => {
                t.contains("isation")
                    || t.ends_with("re")
                    || t.ends_with("our")
                    || t.ends_with("ence")
            }
            Rule::PhF => t.contains("ph"),
            Rule::Diphthong => {
                t.contains("ey") || t.contains("ei") || t.contains("ay") || t.ends_with('y')
            }
            Rule::JG => t.contains('g') || t.contains("dj") || t.contains("dzh"),
            Rule::UO => t.contains('o'),
            Rule::EA => t.contains('e'),
            Rule::QK => t.contains('q') || t.contains("ck"),
            Rule::Doubled => t.chars().zip(t.chars().skip(1)).any(|(a, b)| a == b),
            Rule::FinalH => t.ends_with('h'),
        }
    }

    /// Apply the rule to one lower-case, diacritic-free token (articles are handled on [`Token`]).
    fn apply(self, t: &str) -> String {
        match self {
            Rule::Article | Rule::Initial | Rule::ShortGiven | Rule::Nickname => t.to_string(),
            Rule::Apostrophe => t.chars().filter(|c| !is_apostrophe(*c)).collect(),
            Rule::Abbreviation => match t.trim_end_matches('.') {
                "mt" => "mount".to_string(),
                "ft" => "fort".to_string(),
                _ => t.to_string(),
            },
            Rule::British => {
                let n = t.chars().count();
                let t = t.replace("isation", "ization");
                if let Some(stem) = t.strip_suffix("re").filter(|s| {
                    n >= 5
                        && s.chars()
                            .next_back()
                            .is_some_and(|c| !is_vowel(c) && c != 'r')
                }) {
                    format!("{stem}er")
                } else if let Some(stem) = t.strip_suffix("our").filter(|_| n >= 6) {
                    format!("{stem}or")
                } else if let Some(stem) = t.strip_suffix("ence") {
                    format!("{stem}ense")
                } else {
                    t
                }
            }
            Rule::PhF => t.replace("ph", "f"),
            Rule::Diphthong => {
                let mut s = t
                    .replace("ey", "ai")
                    .replace("ei", "ai")
                    .replace("ay", "ai");
                if s.ends_with('y') && s.len() > 2 {
                    s.pop();
                    s.push('i');
                }
                s
            }
            Rule::JG => t.replace("dj", "j").replace("dzh", "j").replace('g', "j"),
            Rule::UO => t.replace("ou", "u").replace('o', "u"),
            Rule::EA => t.replace('e', "a"),
            Rule::QK => t.replace('q', "k").replace("ck", "k"),
            Rule::Doubled => {
                let mut out = String::with_capacity(t.len());
                let mut prev = None;
                for c in t.chars() {
                    if Some(c) != prev {
                        out.push(c);
                    }
                    prev = Some(c);
                }
                out
            }
            Rule::FinalH => {
                let b = t.as_bytes();
                if b.len() > 3 && b[b.len() - 1] == b'h' && is_vowel(b[b.len() - 2] as char) {
                    t[..t.len() - 1].to_string()
                } else {
                    t.to_string()
                }
            }
        }
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʻ' | 'ʼ' | 'ʿ' | 'ʾ' | '`' | '´')
}

/// The Arabic definite article and its sun-letter assimilations, as written before a hyphen.
const ARTICLES: [&str; 11] = [
    "al", "el", "ul", "ad", "ash", "as", "at", "az", "an", "ar", "adh",
];

/// Words that may stand in front of a title and go with it ("former", "ousted", "Syrian").
const TITLE_MODIFIERS: [&str; 8] = [
    "former", "ousted", "late", "then", "acting", "deputy", "the", "u.s",
];

/// One word of a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// As written, without the article ("Assad" for "al-Assad").
    pub text: String,
    /// The article written before it with its separator, if any ("al-", "Al ", "el-").
    pub article: Option<String>,
    /// Folded: lower case, no diacritics, apostrophes kept.
    pub folded: String,
}

/// A mention's text cut into titles and name tokens.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Name {
    /// The titles found inside the mention ("President", "Foreign Minister"), in order.
    pub titles: Vec<String>,
    pub tokens: Vec<Token>,
    /// A generational suffix after the family name ("Jr.", "Sr.", "III"): no word of the name,
    /// but two people who differ in it are two people.
    pub generation: Option<String>,
    /// The name as written, titles and possessive left out: a slice of the mention's text, so
    /// hyphens and spacing stay as the writer put them ("Jean-Pierre Okafor").
    pub shown: String,
}

impl Name {
    /// Cut a person's name: titles in front are set aside. See [`Name::parse_with`].
    pub fn parse(text: &str) -> Name {
        Name::parse_with(text, true)
    }

    /// Cut a mention's text. Possessives ("Assad’s") and quotes are dropped; leading "the" too.
    /// Titles are only looked for when `titles` is set (for people: "Foreign Ministry" is an
    /// organization, not a title and a name).
    pub fn parse_with(text: &str, titles: bool) -> Name {
        // Punctuation before the first word (". Regina Benjamin", a span cut after a full stop)
        // is no part of the name.
        let text = strip_possessive(
            text.trim()
                .trim_matches(|c: char| "\"“”«»".contains(c))
                .trim_start_matches(|c: char| c.is_ascii_punctuation() && c != '\'')
                .trim_start(),
        );
        // "U.S.-based Institute for …": a leading "X-based" describes, it does not name.
        let placed: Vec<(usize, &str)> = text
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
            .flat_map(split_title)
            .skip_while(|(_, w)| w.ends_with("-based") || w.ends_with("-backed"))
            .collect();
        // "Betty Ford Center in Rancho Mirage": a name placed by "in" and a capitalized place
        // is the name before it.
        let placed = match placed
            .windows(2)
            .position(|w| w[0].1 == "in" && is_capitalized(w[1].1))
        {
            Some(i) if i > 0 => placed[..i].to_vec(),
            _ => placed,
        };
        // A generational suffix closing a person's name of two words or more.
        let (placed, generation) = match placed.split_last() {
            Some(((_, w), rest))
                if titles
                    && rest.len() >= 2
                    && GENERATIONS
                        .contains(&w.trim_end_matches([',', '.']).to_lowercase().as_str()) =>
            {
                // "Comeaux Jr" or "Comeaux, Jr.": the comma goes with the suffix.
                let mut rest = rest.to_vec();
                if let Some(last) = rest.last_mut() {
                    last.1 = last.1.trim_end_matches(',');
                }
                (rest, Some(w.trim_end_matches(',').to_string()))
            }
            _ => (placed, None),
        };
        let words: Vec<&str> = placed.iter().map(|(_, w)| *w).collect();
        // Titles: the longest leading run made of title words and their modifiers, ending on a
        // title word, as long as at least one word is left for the name itself.
        let mut cut = 0;
        for (i, w) in words.iter().enumerate() {
            if !titles || i + 1 >= words.len() {
                break;
            }
            let k = fold(w.trim_end_matches('.'));
            if is_title_word(w) {
                cut = i + 1;
            } else if TITLE_MODIFIERS.contains(&k.as_str()) || is_capitalized(w) && cut == i {
                // A nationality or modifier before a title ("Syrian President"): decided by
                // whether a title word follows.
                continue;
            } else {
                break;
            }
        }
        if cut > 0 && !words[..cut].iter().any(|w| is_title_word(w)) {
            cut = 0;
        }
        let titles = if cut > 0 {
            let first_title = words[..cut]
                .iter()
                .position(|w| is_title_word(w))
                .unwrap_or(0);
            vec![words[first_title..cut].join(" ")]
        } else {
            Vec::new()
        };
        let mut first = cut;
        if words.len() - first > 1 && fold(words[first]) == "the" {
            first += 1;
        }
        let rest = &words[first..];
        let mut tokens = Vec::new();
        let mut pending_article: Option<String> = None;
        let mut shown: Option<(usize, usize)> = None;
        for (i, w0) in rest.iter().enumerate() {
            let w = w0.trim_matches(|c: char| ",;:()[]".contains(c));
            if w.is_empty() {
                continue;
            }
            let at = placed[first + i].0 + (w.as_ptr() as usize - w0.as_ptr() as usize);
            shown = Some((shown.map_or(at, |s| s.0), at + w.len()));
            // A free-standing article ("Al Qaeda", "Abu Al Jolani") before a further word.
            if i + 1 < rest.len()
                && matches!(fold(w).as_str(), "al" | "el")
                && is_capitalized(rest[i + 1])
            {
                pending_article = Some(format!("{w} "));
                continue;
            }
            for (j, part) in w.split('-').enumerate() {
                if part.is_empty() {
                    continue;
                }
                let last = j + 1 == w.split('-').count();
                if !last && ARTICLES.contains(&fold(part).as_str()) {
                    pending_article = Some(format!("{part}-"));
                    continue;
                }
                tokens.push(Token {
                    text: part.to_string(),
                    article: pending_article.take(),
                    folded: fold(part),
                });
            }
        }
        let shown = shown.map_or(String::new(), |(a, b)| text[a..b].to_string());
        Name {
            titles,
            tokens,
            generation,
            shown,
        }
    }

    /// The name without titles and without articles, as a reader would write it for matching.
    pub fn bare(&self) -> String {
        self.tokens
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The name without titles, articles kept ("Bashar al-Assad"), as written in the text.
    pub fn display(&self) -> String {
        if !self.shown.is_empty() {
            return self.shown.clone();
        }
        self.tokens
            .iter()
            .map(|t| match &t.article {
                Some(a) => format!("{a}{}", t.text),
                None => t.text.clone(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// True for "HTS", "ISW", "U.S.": one token of capitals (dots allowed), 2 to 8 letters.
    pub fn is_acronym(&self) -> bool {
        self.tokens.len() == 1 && is_acronym_word(&self.tokens[0].text)
    }

    /// The last token: a person's family name or nisba.
    pub fn surname(&self) -> Option<&Token> {
        self.tokens.last()
    }

    /// The tokens before the last: given names, a kunya ("Abu Mohammad"), patronymics.
    pub fn given(&self) -> &[Token] {
        if self.tokens.is_empty() {
            &[]
        } else {
            &self.tokens[..self.tokens.len() - 1]
        }
    }

    /// Upper-case initials of the content tokens ("Hay'at Tahrir al-Sham" → "HTS"); small
    /// function words ("for", "the", "of") are skipped.
    pub fn initials(&self) -> String {
        self.tokens
            .iter()
            .filter(|t| {
                !matches!(
                    t.folded.as_str(),
                    "of" | "for" | "the" | "and" | "in" | "on"
                )
            })
            .flat_map(|t| {
                // "Hewlett-Packard" gives "HP": each capitalized part after a hyphen counts.
                let mut parts = t.text.split('-');
                let first = parts.next().and_then(|p| p.chars().next());
                first.into_iter().chain(
                    parts
                        .filter_map(|p| p.chars().next())
                        .filter(|c| c.is_uppercase()),
                )
            })
            .flat_map(char::to_uppercase)
            .collect()
    }
}

/// Generational suffixes of people's names, lower case, without their full stop.
const GENERATIONS: [&str; 5] = ["jr", "sr", "ii", "iii", "iv"];

/// A word that glues a title to the name after it without a space ("Gov.Sarah") as two words;
/// any other word as it is.
fn split_title((at, w): (usize, &str)) -> Vec<(usize, &str)> {
    if let Some(p) = w.find('.') {
        let (title, rest) = (&w[..=p], &w[p + 1..]);
        if is_title_word(title)
            && rest.chars().next().is_some_and(char::is_uppercase)
            && rest.chars().count() > 1
            && !rest.contains('.')
        {
            return vec![(at, title), (at + p + 1, rest)];
        }
    }
    vec![(at, w)]
}

pub(crate) fn is_acronym_word(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| *c != '.').collect();
    (2..=8).contains(&letters.len())
        && letters
            .iter()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
        && letters.iter().any(|c| c.is_alphabetic())
}

fn is_capitalized(w: &str) -> bool {
    w.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

fn strip_possessive(s: &str) -> &str {
    for suf in ["'s", "’s", "‘s", "'S", "’S"] {
        if let Some(p) = s.strip_suffix(suf) {
            return p;
        }
    }
    s.trim_end_matches(['’', '\''])
}

/// The fully reduced key of one token: every rule applied. Equal keys are candidates for a match.
pub fn token_key(t: &str) -> String {
    let mut s = fold(t);
    for r in Rule::ALL {
        if r.may_change(&s) {
            s = r.apply(&s);
        }
    }
    s
}

/// The singular of a plural word of nationality or belief ("Syrians" → "Syrian", "Iraqis" →
/// "Iraqi"); `None` for a word that does not end in a plural "s" ("Swiss", "Kurdish").
pub fn plural_stem(w: &str) -> Option<&str> {
    let stem = w.strip_suffix('s')?;
    let last = stem.chars().next_back()?;
    (stem.chars().count() >= 3 && !matches!(last, 's' | 'S') && last.is_lowercase()).then_some(stem)
}

/// The key of a whole name: token keys joined by spaces. Articles do not take part.
pub fn name_key(n: &Name) -> String {
    n.tokens
        .iter()
        .map(|t| token_key(&t.text))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Do two tokens spell the same word? `None` if not; else the rules that had to be applied
/// (empty when they match as written, up to case and diacritics). An article present on one side
/// only counts as the [`Rule::Article`] rule.
pub fn translit_match(a: &Token, b: &Token) -> Option<Vec<Rule>> {
    let reduce = |t: &str, skip: Option<Rule>| {
        let mut s = t.to_string();
        for r in Rule::ALL {
            if Some(r) != skip {
                s = r.apply(&s);
            }
        }
        s
    };
    if reduce(&a.folded, None) != reduce(&b.folded, None) {
        return None;
    }
    let mut used = Vec::new();
    let article = |t: &Token| {
        t.article
            .as_deref()
            .map(|a| fold(a.trim_end_matches(['-', ' '])))
    };
    if article(a) != article(b) {
        used.push(Rule::Article);
    }
    if a.folded != b.folded {
        // A rule is evidence when the match fails without it; rules both spellings go through
        // alike ("Mohammed"/"Mohammad" both lose a doubled m) are not.
        let needed: Vec<Rule> = Rule::ALL
            .into_iter()
            .filter(|r| *r != Rule::Article)
            .filter(|r| reduce(&a.folded, Some(*r)) != reduce(&b.folded, Some(*r)))
            .collect();
        if needed.is_empty() {
            // Two rules could each do it alone: name those that changed anything.
            used.extend(Rule::ALL.into_iter().filter(|r| {
                *r != Rule::Article
                    && (r.apply(&a.folded) != a.folded || r.apply(&b.folded) != b.folded)
            }));
        } else {
            used.extend(needed);
        }
    }
    used.sort();
    used.dedup();
    Some(used)
}

/// Match two token sequences position by position; the union of rules used, or `None`.
pub fn tokens_match(a: &[Token], b: &[Token]) -> Option<Vec<Rule>> {
    if a.len() != b.len() {
        return None;
    }
    let mut rules = Vec::new();
    for (x, y) in a.iter().zip(b) {
        rules.extend(translit_match(x, y)?);
    }
    rules.sort();
    rules.dedup();
    Some(rules)
}

/// Is `short` an in-order subsequence of `long` under [`translit_match`]? Used for given names:
/// "Abu" fits "Abu Mohammad", "Bashar" fits "Bashar Hafez", "Bashar" does not fit "Hafez".
pub fn given_fits(short: &[Token], long: &[Token]) -> Option<Vec<Rule>> {
    let mut rules = Vec::new();
    let mut j = 0;
    for s in short {
        loop {
            if j >= long.len() {
                return None;
            }
            let m = translit_match(s, &long[j]).or_else(|| given_short_form(s, &long[j]));
            j += 1;
            if let Some(r) = m {
                rules.extend(r);
                break;
            }
        }
    }
    rules.sort();
    rules.dedup();
    Some(rules)
}

/// Whether two given names are one written short: an initial and a name that starts with it
/// ("C." / "Cheney"), or a name of three letters or more that starts the other ("Fred" /
/// "Frederick"). `None` if not; else the rule.
fn given_short_form(a: &Token, b: &Token) -> Option<Vec<Rule>> {
    let letters =
        |t: &Token| -> String { t.folded.chars().filter(|c| c.is_alphabetic()).collect() };
    let (x, y) = (letters(a), letters(b));
    let (short, long) = if x.len() <= y.len() {
        (&x, &y)
    } else {
        (&y, &x)
    };
    let (st, lt) = if x.len() <= y.len() { (a, b) } else { (b, a) };
    if short.is_empty() || short == long {
        return None;
    }
    if !long.starts_with(short.as_str()) {
        return is_nickname(&x, &y).then(|| vec![Rule::Nickname]);
    }
    let initial = short.chars().count() == 1
        && (st.text.ends_with('.') || st.text.chars().count() == 1)
        && lt.text.chars().count() > 2;
    if initial {
        return Some(vec![Rule::Initial]);
    }
    (short.chars().count() >= 3 && !is_acronym_word(&lt.text)).then(|| vec![Rule::ShortGiven])
}

/// The given-name nickname table (`data/nicknames/nicknames.tsv`, from the public `nicknames`
/// package; see its README): each lower-case name with its nicknames, and each nickname with
/// the names it is one of.
fn nicknames() -> &'static BTreeMap<&'static str, Vec<&'static str>> {
    static TABLE: OnceLock<BTreeMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (name, nick) in include_str!("../../../../data/nicknames/nicknames.tsv")
            .lines()
            .filter_map(|l| l.split_once('\t'))
        {
            table.entry(name).or_default().push(nick);
            table.entry(nick).or_default().push(name);
        }
        table
    })
}

/// The names a lower-case given name is a nickname of, and its nicknames ("katie" →
/// "kathryn", "katherine", …); two nicknames of one name ("kate" / "katie") are not related.
pub fn nickname_relatives(name: &str) -> &'static [&'static str] {
    nicknames().get(name).map_or(&[], Vec::as_slice)
}

/// Whether one lower-case given name is a nickname of the other ([`nickname_relatives`]).
pub fn is_nickname(a: &str, b: &str) -> bool {
    nickname_relatives(a).contains(&b)
}

/// "transliteration: j/g + article" (or "same spelling" when no rule was needed).
pub fn describe(rules: &[Rule]) -> String {
    if rules.is_empty() {
        "same name".to_string()
    } else {
        let parts: Vec<&str> = rules.iter().map(|r| r.label()).collect();
        format!("transliteration: {}", parts.join(" + "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(s: &str) -> Token {
        Name::parse(s).tokens.pop().unwrap()
    }

    fn rules(a: &str, b: &str) -> Option<Vec<Rule>> {
        translit_match(&tok(a), &tok(b))
    }

    #[test]
    fn article_rule() {
        assert_eq!(rules("al-Assad", "Assad"), Some(vec![Rule::Article]));
        assert_eq!(rules("Al-Assad", "al-Assad"), Some(vec![]));
        assert_eq!(rules("el-Sisi", "al-Sisi"), Some(vec![Rule::Article]));
        let n = Name::parse("Al Qaeda");
        assert_eq!(n.tokens.len(), 1);
        assert_eq!(n.tokens[0].article.as_deref(), Some("Al "));
        assert_eq!(n.display(), "Al Qaeda");
        assert_eq!(rules("Al Qaeda", "al-Qaeda"), Some(vec![]));
        assert_eq!(Name::parse("ash-Sharaa").tokens[0].text, "Sharaa");
    }

    #[test]
    fn apostrophe_rule() {
        assert_eq!(rules("al-Shar’a", "al-Shara"), Some(vec![Rule::Apostrophe]));
        assert_eq!(rules("Hay'at", "Hayat"), Some(vec![Rule::Apostrophe]));
        // Shar'a / Sharaa: the apostrophe and a doubled vowel.
        assert_eq!(
            rules("Shar'a", "Sharaa"),
            Some(vec![Rule::Apostrophe, Rule::Doubled])
        );
    }

    #[test]
    fn vowel_rules() {
        assert_eq!(rules("Julani", "Jolani"), Some(vec![Rule::UO]));
        assert_eq!(rules("Joulani", "Julani"), Some(vec![Rule::UO]));
        assert_eq!(rules("Mohammed", "Mohammad"), Some(vec![Rule::EA]));
        assert_eq!(
            rules("Muhammad", "Mohamed"),
            Some(vec![Rule::UO, Rule::EA, Rule::Doubled])
        );
    }

    #[test]
    fn j_g_rule() {
        assert_eq!(rules("Golani", "Jolani"), Some(vec![Rule::JG]));
        assert_eq!(
            rules("al-Golani", "Julani"),
            Some(vec![Rule::Article, Rule::JG, Rule::UO])
        );
    }

    #[test]
    fn diphthong_and_ph_rules() {
        assert_eq!(rules("Sergei", "Sergey"), Some(vec![Rule::Diphthong]));
        assert_eq!(
            rules("Hussein", "Husayn"),
            Some(vec![Rule::Diphthong, Rule::Doubled])
        );
        assert_eq!(rules("Philip", "Filip"), Some(vec![Rule::PhF]));
    }

    #[test]
    fn q_k_and_final_h_rules() {
        assert_eq!(rules("Qassem", "Kassem"), Some(vec![Rule::QK]));
        assert_eq!(rules("Hamzah", "Hamza"), Some(vec![Rule::FinalH]));
    }

    #[test]
    fn british_and_american_spellings() {
        assert_eq!(rules("Centre", "Center"), Some(vec![Rule::British]));
        assert_eq!(rules("Defence", "Defense"), Some(vec![Rule::British]));
        // "ou" / "o" is also the u/o rule: both are named.
        assert!(rules("Labour", "Labor").is_some_and(|r| r.contains(&Rule::British)));
        assert_eq!(
            rules("Organisation", "Organization"),
            Some(vec![Rule::British])
        );
        assert_eq!(rules("Acre", "Acer"), None);
    }

    /// A rule said not to change a word leaves it as it is: over the words of every fifth
    /// name of the bundled gazetteer and words made to fire each rule.
    #[test]
    fn rules_that_cannot_change_a_word_leave_it() {
        let gaz = crate::geo::Gazetteer::load_default().expect("the bundled gazetteer");
        let mut words: Vec<String> = gaz
            .names()
            .step_by(5)
            .flat_map(|n| n.split(' ').map(fold).collect::<Vec<_>>())
            .collect();
        words.extend(
            [
                "shar'a",
                "mt.",
                "ft",
                "centre",
                "labour",
                "defence",
                "organisation",
                "philip",
                "beyrut",
                "djibouti",
                "dzhokhar",
                "george",
                "tartous",
                "iraq",
                "mecca",
                "jeddah",
                "allah",
                "y",
                "éé",
                "ley",
                "oo",
            ]
            .map(String::from),
        );
        let mut fired = 0;
        for w in &words {
            for r in Rule::ALL {
                let changed = r.apply(w) != *w;
                assert!(!changed || r.may_change(w), "{r:?} changes {w:?}");
                fired += usize::from(changed);
            }
        }
        assert!(
            words.len() > 50_000 && fired > 10_000,
            "{} words, {fired} changed",
            words.len()
        );
    }

    #[test]
    fn abbreviated_place_words() {
        assert_eq!(rules("Mt", "Mount"), Some(vec![Rule::Abbreviation]));
        assert_eq!(rules("Ft.", "Fort"), Some(vec![Rule::Abbreviation]));
    }

    #[test]
    fn a_name_placed_by_in_is_the_name_before_it() {
        let n = Name::parse_with("Betty Ford Center in Rancho Mirage", false);
        assert_eq!(n.display(), "Betty Ford Center");
        assert_eq!(Name::parse_with("Center in", false).display(), "Center in");
    }

    #[test]
    fn generational_suffixes_and_glued_titles() {
        let n = Name::parse("W. Mark Felt Sr.");
        assert_eq!(n.display(), "W. Mark Felt");
        assert_eq!(n.generation.as_deref(), Some("Sr."));
        let n = Name::parse("Arcade Joseph Comeaux, Jr.");
        assert_eq!(n.display(), "Arcade Joseph Comeaux");
        let n = Name::parse("Gov.Sarah Palin");
        assert_eq!(n.titles, vec!["Gov."]);
        assert_eq!(n.display(), "Sarah Palin");
        assert_eq!(
            Name::parse(". Regina Benjamin").display(),
            "Regina Benjamin"
        );
        // "Jr" alone, or after one word, is no suffix of a person's full name.
        assert_eq!(Name::parse("Senior Jr").generation, None);
    }

    #[test]
    fn initials_and_short_given_names_fit() {
        let fits = |a: &str, b: &str| {
            let (a, b) = (Name::parse(a), Name::parse(b));
            given_fits(a.given(), b.given())
        };
        assert_eq!(
            fits("Frederick C. LaRue", "Frederick Cheney LaRue"),
            Some(vec![Rule::Initial])
        );
        assert_eq!(
            fits("Fred LaRue", "Frederick C. LaRue"),
            Some(vec![Rule::ShortGiven])
        );
        assert_eq!(fits("Ed Smith", "Edward Smith"), None); // two letters: too short to tell
        assert_eq!(fits("Maher Assad", "Bashar Assad"), None);
    }

    #[test]
    fn doubled_rule() {
        assert_eq!(rules("Assad", "Asad"), Some(vec![Rule::Doubled]));
    }

    #[test]
    fn different_names_do_not_match() {
        assert_eq!(rules("Bashar", "Maher"), None);
        assert_eq!(rules("Bashar", "Hafez"), None);
        assert_eq!(rules("Jalali", "Jolani"), None);
        assert_eq!(rules("Homs", "Hama"), None);
        assert_eq!(rules("Lavrov", "Lavrentiev"), None);
    }

    #[test]
    fn titles_are_set_aside() {
        let n = Name::parse("Syrian President Bashar Al-Assad");
        assert_eq!(n.titles, vec!["President"]);
        assert_eq!(n.display(), "Bashar Al-Assad");
        let n = Name::parse("Turkish Foreign Minister Hakan Fidan");
        assert_eq!(n.titles, vec!["Foreign Minister"]);
        assert_eq!(n.bare(), "Hakan Fidan");
        assert_eq!(Name::parse("Mr. Bashar al-Assad").bare(), "Bashar Assad");
        // A one-word name is never eaten as a title.
        assert_eq!(Name::parse("President").bare(), "President");
        // No title: nothing stripped.
        assert_eq!(Name::parse("Hadi al-Bahra").titles.len(), 0);
        assert_eq!(Name::parse("Bashar Al-Assad‘s").bare(), "Bashar Assad");
    }

    #[test]
    fn the_displayed_name_is_a_slice_of_the_text() {
        let check = |text: &str, shown: &str| {
            let n = Name::parse(text);
            assert_eq!(n.display(), shown, "{text}");
            assert!(text.contains(&n.display()), "{text}");
        };
        check("Mr Jean-Pierre Okafor", "Jean-Pierre Okafor");
        check("Dr. Anna-Lena Haddad’s", "Anna-Lena Haddad");
        check("President Bashar al-Assad", "Bashar al-Assad");
        check(
            "the Organization for the Liberation",
            "Organization for the Liberation",
        );
        check("Abu Al Jolani", "Abu Al Jolani");
    }

    #[test]
    fn kunya_given_names_fit() {
        let long = Name::parse("Abu Mohammad al-Jolani");
        let short = Name::parse("Abu Al-Jolani");
        assert!(given_fits(short.given(), long.given()).is_some());
        let bashar = Name::parse("Bashar al-Assad");
        let maher = Name::parse("Maher al-Assad");
        assert!(given_fits(maher.given(), bashar.given()).is_none());
    }

    #[test]
    fn initials_skip_articles_and_function_words() {
        assert_eq!(Name::parse("Hay’at Tahrir al-Sham").initials(), "HTS");
        assert_eq!(
            Name::parse("Institute for the Study of War").initials(),
            "ISW"
        );
        assert!(Name::parse("HTS").is_acronym());
        assert!(Name::parse("U.S.").is_acronym());
        assert!(!Name::parse("Hezbollah").is_acronym());
    }
}
