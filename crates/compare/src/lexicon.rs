//! Relations between the words of two slots, from WordNet (`extract::lexicon`): whether two
//! lemmas can name one thing ("fire" / "launch", "seize" / "capture") and whether one covers the
//! other ("casualty" covers "kill" and "wound"). Lookups are memoized per thread: alignment asks
//! about the same few lemma pairs many times.

use corroborate_extract::lexicon::{Lexicon, Relation, WnPos};
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    static MEMO: RefCell<HashMap<(String, String), Option<Relation>>> = RefCell::new(HashMap::new());
}

/// WordNet's closest link from `a` to `b`, memoized. "people" is looked up as the plural of
/// "person" (WordNet's "people" is a people, a nation).
fn relation(a: &str, b: &str) -> Option<Relation> {
    let person = |w: &str| if w == "people" { "person" } else { w }.to_string();
    let key = (person(a), person(b));
    if key.0 == key.1 {
        return Some(Relation::Synonym);
    }
    if let Some(r) = MEMO.with(|m| m.borrow().get(&key).copied()) {
        return r;
    }
    let r = Lexicon::bundled().related(&key.0, &key.1);
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        // A bound on memory for long runs; the cache only saves time.
        if m.len() > 200_000 {
            m.clear();
        }
        m.insert(key, r);
    });
    r
}

/// Whether two nouns can name the same thing: equal, synonyms, derivations of one another,
/// or one a direct kind of the other ("missile" / "weapon").
pub(crate) fn same_thing(a: &str, b: &str) -> bool {
    a == b
        || matches!(
            relation(a, b),
            Some(
                Relation::Synonym
                    | Relation::Derived
                    | Relation::KindOf { derived: false }
                    | Relation::Covers { derived: false }
            )
        )
}

/// Whether two nouns name the same thing without one being a kind of the other: equal,
/// synonyms or derivations ("pass" is a kind of "attempt": 28 passes are not 41 attempts).
pub(crate) fn same_kind(a: &str, b: &str) -> bool {
    a == b || matches!(relation(a, b), Some(Relation::Synonym | Relation::Derived))
}

/// Whether two lemmas are equal or share a sense.
pub(crate) fn synonyms(a: &str, b: &str) -> bool {
    a == b || relation(a, b) == Some(Relation::Synonym)
}

/// Whether two verbs can name one happening: as [`same_thing`], or two kinds of one action
/// ("fire" and "launch" both propel: siblings, or cousins at most three links apart).
pub(crate) fn same_action(a: &str, b: &str) -> bool {
    same_thing(a, b) || matches!(relation(a, b), Some(Relation::Sibling))
}

/// Whether `general` covers `specific`: equal, `specific` a kind of `general` (also through a
/// derivation: "wound" → "wound" (noun) → "casualty"), or named in its definition ("casualty:
/// someone injured or killed").
pub(crate) fn covers(general: &str, specific: &str) -> bool {
    general == specific
        || matches!(
            relation(specific, general),
            Some(Relation::Synonym | Relation::KindOf { .. } | Relation::InDefinitionOf)
        )
}

/// Whether a verb's first (most frequent) WordNet sense is one of communication ("say",
/// "announce", "tell", "report"): a date on it is when a source spoke, which differs from
/// outlet to outlet without any dispute about the event.
pub(crate) fn speech_verb(lemma: &str) -> bool {
    thread_local! {
        static SPEECH: RefCell<HashMap<String, bool>> = RefCell::new(HashMap::new());
    }
    if let Some(b) = SPEECH.with(|m| m.borrow().get(lemma).copied()) {
        return b;
    }
    let b = Lexicon::bundled()
        .lexnames(lemma, Some(corroborate_extract::lexicon::WnPos::Verb))
        .first()
        .is_some_and(|l| *l == "verb.communication");
    SPEECH.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() > 100_000 {
            m.clear();
        }
        m.insert(lemma.to_string(), b);
    });
    b
}

/// Whether a noun names a happening: at least a third of its WordNet noun senses are acts,
/// events, natural phenomena or processes ("offensive", "tremor", "quake", "fire", "arrest",
/// "attack"), not a unit, a time or a thing ("time", "year", "round", "city").
pub(crate) fn event_noun(lemma: &str) -> bool {
    share_of_senses(
        lemma,
        WnPos::Noun,
        &["noun.act", "noun.event", "noun.phenomenon", "noun.process"],
    )
    .is_some_and(|(k, n)| 3 * k >= n)
}

/// Whether a verb says only that something was, lasted or was perceived (at least half of its
/// WordNet senses stative or of perception: "last", "sense", "be"): the happening of a value on
/// it is its subject or object ("the tremor lasted 30 seconds", "sensed a tremor for a minute").
pub(crate) fn support_verb(lemma: &str) -> bool {
    share_of_senses(lemma, WnPos::Verb, &["verb.stative", "verb.perception"])
        .is_some_and(|(k, n)| 2 * k >= n)
}

/// How many of a lemma's senses of one part of speech have one of `lexnames`, and how many
/// senses it has (`None` when WordNet has none).
fn share_of_senses(lemma: &str, pos: WnPos, lexnames: &[&str]) -> Option<(usize, usize)> {
    let wn = Lexicon::bundled();
    let senses = wn.synsets(lemma, Some(pos));
    (!senses.is_empty()).then(|| {
        let k = senses
            .iter()
            .filter(|&&s| lexnames.contains(&wn.synset(s).lexname()))
            .count();
        (k, senses.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(word: &str, expect: (bool, bool)) {
        assert_eq!((event_noun(word), support_verb(word)), expect, "{word}");
    }

    #[test]
    fn nouns_of_happenings_and_verbs_of_lasting() {
        // (a noun naming a happening, a verb that only says something lasted or was perceived)
        check("offensive", (true, false));
        check("tremor", (true, false));
        check("quake", (true, false));
        check("arrest", (true, false));
        check("time", (false, false));
        check("year", (false, false));
        check("city", (false, false));
        check("last", (false, true));
        check("sense", (false, true));
        check("capture", (true, false));
        check("kill", (true, false));
    }
}
