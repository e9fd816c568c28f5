//! Sentence structure as the claim frames read it: words with a lemma, a part of speech and,
//! when a dependency parse is given, a head and a relation. The frame of a claim (its
//! predicate, who acts, what a number counts, which verb a value hangs on) is read from this.
//!
//! The parse is an input ([`Words::from_syntax`]); without one, [`Words::guess`] reads the same
//! shape from word forms alone (capitals, auxiliaries, "-ed" forms, numbers), with no heads, and
//! the frame falls back on word order.

use corroborate_extract::lexicon::{Lexicon, WnPos};
use corroborate_extract::syntax::SentenceSyntax;
use corroborate_model::Span;

/// One word of a sentence.
#[derive(Debug, Clone)]
pub struct Word {
    /// Absolute byte span in the document.
    pub span: Span,
    pub lower: String,
    /// The dictionary form ("killed" → "kill"); a light stem without a parse.
    pub lemma: String,
    /// Universal POS: NOUN, PROPN, VERB, AUX, NUM, PRON, ADJ, ADV, ADP, DET, PART, CCONJ, PUNCT, X.
    pub upos: &'static str,
    /// Index of the head word in the sentence, when parsed.
    pub head: Option<usize>,
    /// UD relation to the head ("nsubj", "obj", "nummod"), when parsed.
    pub deprel: String,
    /// Punctuation (a comma, a bracket, a quote mark) stands between this word and the one
    /// before: word order does not carry across it.
    pub gap: bool,
}

/// The words of one sentence.
#[derive(Debug, Clone, Default)]
pub struct Words {
    pub words: Vec<Word>,
    /// Whether heads and relations come from a dependency parse.
    pub parsed: bool,
    /// The person a sentence-initial "he" or "she" stands for: the named subject of the
    /// sentence before ("Harrison was listed as inactive. He has 53 catches").
    pub antecedent: Option<String>,
}

const AUX: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do",
    "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must",
];
const PRON: &[&str] = &[
    "i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "his", "its",
    "their", "our", "my", "your", "who", "whom", "whose", "which", "that", "this", "these",
    "those", "there",
];
const DET: &[&str] = &[
    "the", "a", "an", "some", "any", "no", "every", "each", "all", "both",
];
const ADP: &[&str] = &[
    "of", "in", "on", "at", "by", "for", "with", "from", "to", "into", "onto", "over", "under",
    "after", "before", "since", "until", "during", "through", "via", "about", "across", "near",
    "against", "between", "among", "within", "without", "toward", "towards", "off", "per",
];
const CCONJ: &[&str] = &["and", "or", "but", "nor", "yet", "so"];
const PART: &[&str] = &["not", "n't", "never"];

impl Words {
    /// Words of one sentence from its dependency parse (`extract::syntax`).
    pub fn from_syntax(text: &str, s: &SentenceSyntax) -> Words {
        Words {
            words: s
                .tokens
                .iter()
                .enumerate()
                .map(|(i, t)| Word {
                    span: t.span,
                    lower: t.span.slice(text).to_lowercase(),
                    // Names are keyed as the claims key them ("al-Assad's" → "assad").
                    lemma: if t.upos == "PROPN" {
                        crate::claims::normalize_name(&t.span.slice(text).to_lowercase())
                    } else {
                        known_lemma(&t.lemma.to_lowercase(), &t.upos)
                    },
                    upos: upos_static(&t.upos),
                    head: t.head,
                    deprel: t.deprel.clone(),
                    // Punctuation is a word of its own in a parse.
                    gap: i > 0 && s.tokens[i - 1].upos == "PUNCT",
                })
                .collect(),
            parsed: true,
            antecedent: None,
        }
    }

    /// Words of sentence `s` read from their forms alone.
    pub fn guess(text: &str, s: Span) -> Words {
        let sentence = s.slice(text);
        let mut words: Vec<Word> = Vec::new();
        for t in crate::claims::tokens(sentence) {
            let span = Span::new(s.start + t.start, s.start + t.start + t.text.len());
            let lower = t.text.to_lowercase();
            let first = words.is_empty();
            let cap = t.text.chars().next().is_some_and(char::is_uppercase);
            let prev = words.last().map(|w| w.lower.as_str());
            let upos = if lower.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                "NUM"
            } else if AUX.contains(&lower.as_str()) {
                "AUX"
            } else if PRON.contains(&lower.as_str()) {
                "PRON"
            } else if DET.contains(&lower.as_str()) {
                "DET"
            } else if ADP.contains(&lower.as_str()) {
                "ADP"
            } else if CCONJ.contains(&lower.as_str()) {
                "CCONJ"
            } else if PART.contains(&lower.as_str()) {
                "PART"
            } else if cap && !first
                || t.text
                    .split_once('-')
                    .is_some_and(|(_, b)| b.starts_with(char::is_uppercase))
            {
                // "al-Assad": a lowercase particle before a capitalized name.
                "PROPN"
            } else if lower.ends_with("ly")
                && lower.len() > 4
                // "the family", "Assad family", "his ally": a noun after a determiner or name.
                && !words
                    .last()
                    .is_some_and(|p| matches!(p.upos, "DET" | "PROPN" | "PRON"))
            {
                "ADV"
            } else if prev.is_some_and(|p| AUX.contains(&p) || PART.contains(&p))
                || lower.ends_with("ed") && lower.len() > 4
            {
                "VERB"
            } else {
                "NOUN"
            };
            let gap = words.last().is_some_and(|p: &Word| {
                text[p.span.end..span.start]
                    .contains([',', ';', ':', '(', ')', '“', '”', '"', '—', '–'])
            });
            let lemma = if upos == "PROPN" {
                crate::claims::normalize_name(&lower)
            } else {
                crate::claims::stem(&lower)
            };
            words.push(Word {
                span,
                lower,
                lemma,
                upos,
                head: None,
                deprel: String::new(),
                gap,
            });
        }
        // "rose to 36", "climbed by 5": a word before "to"/"by" and a number acts on it.
        for i in 0..words.len().saturating_sub(2) {
            if words[i].upos == "NOUN"
                && matches!(words[i + 1].lower.as_str(), "to" | "by")
                && words[i + 2].upos == "NUM"
                && !words[i + 1].gap
            {
                words[i].upos = "VERB";
            }
        }
        // A capital at the start says little, unless the word is hyphenated like a
        // transliterated name ("Al-Assad") or the next word is a name too or set off by a comma.
        if words.len() > 1 && words[0].upos == "NOUN" {
            let t = words[0].span.slice(text);
            if t.chars().next().is_some_and(char::is_uppercase)
                && (t.contains('-')
                    || t.ends_with("’s")
                    || t.ends_with("'s")
                    || words[1].upos == "PROPN"
                    || words[1].gap)
            {
                words[0].upos = "PROPN";
                words[0].lemma = crate::claims::normalize_name(&words[0].lower);
            }
        }
        Words {
            words,
            parsed: false,
            antecedent: None,
        }
    }

    /// Index of the word that covers byte `pos`.
    pub fn at(&self, pos: usize) -> Option<usize> {
        self.words
            .iter()
            .position(|w| w.span.start <= pos && pos < w.span.end.max(w.span.start + 1))
    }

    /// The words inside `span`.
    pub fn within(&self, span: Span) -> Vec<usize> {
        (0..self.words.len())
            .filter(|&i| span.contains(self.words[i].span))
            .collect()
    }

    fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.words.len()).filter(move |&j| self.words[j].head == Some(i))
    }

    /// The verb whose clause a value of verb `v` belongs to: a participle that modifies a noun
    /// ("the Navy *patrolling* the Gulf on Thursday thwarted", "vessels *transiting* the Gulf
    /// on Friday") tells what the noun was doing, and what is said of the time belongs to the
    /// verb of the noun's clause; other verbs are their own.
    pub fn clause_verb(&self, v: usize) -> usize {
        if !self.parsed
            || !self.words[v].deprel.starts_with("acl")
            || self.words[v].deprel == "acl:relcl"
            || !self.words[v].lower.ends_with("ing")
        {
            return v;
        }
        let mut cur = v;
        for _ in 0..8 {
            let Some(h) = self.words[cur].head else {
                return v;
            };
            if self.words[h].upos == "VERB" {
                return h;
            }
            cur = h;
        }
        v
    }

    /// The main predicate: the root verb of a parse, else the first verb.
    pub fn predicate(&self) -> Option<usize> {
        if self.parsed {
            let root = self.words.iter().position(|w| w.head.is_none())?;
            return matches!(self.words[root].upos, "VERB" | "NOUN" | "ADJ").then_some(root);
        }
        self.words.iter().position(|w| w.upos == "VERB")
    }

    /// The verb a value at words `ws` hangs on: up the tree to the first verb in a parse;
    /// without one, the nearest verb after the value in its clause ("nine people *were
    /// killed*"), else the nearest before it ("*forced* nearly 18,000 residents").
    pub fn verb_of(&self, ws: &[usize]) -> Option<usize> {
        let (&first, &last) = (ws.first()?, ws.last()?);
        if self.parsed {
            let mut cur = self.head_of_span(ws)?;
            for _ in 0..8 {
                if self.words[cur].upos == "VERB" {
                    return Some(cur);
                }
                cur = self.words[cur].head?;
            }
            return None;
        }
        let clause_end = |w: &Word| w.upos == "CCONJ" || w.lower == "which" || w.lower == "who";
        // A fronted phrase ("For 50 years, the family ruled") belongs to the clause after its
        // comma.
        let fronted = self.words[..first]
            .iter()
            .all(|w| matches!(w.upos, "ADP" | "ADV" | "DET"));
        let mut gaps = usize::from(fronted);
        let after = self.words[last + 1..]
            .iter()
            .take(6)
            .take_while(|w| {
                if w.gap {
                    if gaps == 0 {
                        return false;
                    }
                    gaps -= 1;
                }
                !clause_end(w)
            })
            .position(|w| w.upos == "VERB")
            .map(|k| last + 1 + k);
        after.or_else(|| {
            (0..first)
                .rev()
                .take(8)
                .take_while(|&k| !clause_end(&self.words[k]) && !self.words[k + 1].gap)
                .find(|&k| self.words[k].upos == "VERB")
        })
    }

    /// The verbs a value may hang on: [`Words::verb_of`], and without a parse also the nearest
    /// verb on the other side of it.
    pub fn verbs_near(&self, ws: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = self.verb_of(ws).into_iter().collect();
        if !self.parsed {
            if let (Some(&first), Some(&last)) = (ws.first(), ws.last()) {
                // Every verb within eight words before it in its clause ("the offensive
                // *launched* by the Syrian *armed* opposition on November 27"), and the first
                // after it.
                let before = (0..first)
                    .rev()
                    .take(8)
                    .take_while(|&k| !self.words[k + 1].gap)
                    .filter(|&k| self.words[k].upos == "VERB");
                let after = self.words[last + 1..]
                    .iter()
                    .take(4)
                    .take_while(|w| !w.gap)
                    .position(|w| w.upos == "VERB")
                    .map(|k| last + 1 + k);
                for v in before.chain(after) {
                    if !out.contains(&v) {
                        out.push(v);
                    }
                }
            }
        }
        out
    }

    /// The word of `ws` whose head lies outside them.
    fn head_of_span(&self, ws: &[usize]) -> Option<usize> {
        ws.iter()
            .copied()
            .find(|&i| self.words[i].head.is_none_or(|h| !ws.contains(&h)))
    }

    /// What a number counts: the noun it modifies in a parse ("nummod"), else none (the
    /// quantity stage reads the words after the number).
    pub fn counted(&self, ws: &[usize]) -> Option<usize> {
        if !self.parsed {
            return None;
        }
        let num = ws.iter().copied().find(|&i| self.words[i].upos == "NUM")?;
        let h = self.words[num].head?;
        (self.words[num].deprel.starts_with("nummod") && self.words[h].upos == "NOUN").then_some(h)
    }

    /// Who acts: the subject of `verb` (its name when a pronoun points back to one in the
    /// sentence: "Assad, *who* ruled", "*his* rule"), or the possessor of a noun ("*his* 24-year
    /// rule", "the *family*'s rule").
    pub fn agent(&self, verb: usize) -> Option<Agent> {
        let subj = if self.parsed {
            // The subject of a passive is what was acted on; who acted is its "by" phrase.
            self.children(verb)
                .find(|&c| matches!(self.words[c].deprel.as_str(), "nsubj" | "csubj"))
                .or_else(|| {
                    self.children(verb)
                        .find(|&c| self.words[c].deprel == "obl:agent")
                })
                .or_else(|| {
                    self.children(verb)
                        .find(|&c| self.words[c].deprel == "nmod:poss")
                })
        } else {
            self.subject_by_order(verb)
        }?;
        Some(self.resolve(subj))
    }

    /// Without a parse: the word before the verb (over auxiliaries and adverbs), or for a noun
    /// the possessor before it.
    fn subject_by_order(&self, verb: usize) -> Option<usize> {
        let mut k = verb;
        while k > 0 && !self.words[k].gap {
            k -= 1;
            let w = &self.words[k];
            match w.upos {
                "AUX" | "ADV" | "PART" | "NUM" | "ADJ" => continue,
                "NOUN" | "PROPN" | "PRON" => return Some(k),
                _ => return None,
            }
        }
        None
    }

    /// A pronoun stands for the nearest name before it in the sentence ("his", "who"); "whose
    /// family" is the family; "that" / "which" the noun before.
    fn resolve(&self, i: usize) -> Agent {
        let w = &self.words[i];
        if w.lower == "whose" {
            if let Some(n) = self.words.get(i + 1).filter(|n| n.upos == "NOUN") {
                return Agent::Group(n.lemma.clone());
            }
        }
        match w.lower.as_str() {
            // A relative pronoun points to the name just before it ("Assad, who ruled").
            "who" | "whose" => (0..i)
                .rev()
                .find(|&k| self.words[k].upos == "PROPN")
                .map(|k| Agent::Person(self.words[k].lemma.clone()))
                .unwrap_or(Agent::Unknown),
            // A personal one to the sentence's first named person, the usual subject: the last
            // word of its first run of names ("Mr. Bashar al-Assad … his rule" is Assad's).
            "he" | "his" | "him" | "she" | "her" => {
                let Some(start) = (0..i).find(|&k| self.words[k].upos == "PROPN") else {
                    return self
                        .antecedent
                        .clone()
                        .map_or(Agent::Unknown, Agent::Referred);
                };
                // The run goes on over a hyphen inside a name ("al - Assad" as a parse splits it).
                let mut end = start;
                let mut k = start + 1;
                while k < i {
                    let w = &self.words[k];
                    if w.upos == "PROPN" && (!w.gap || self.words[k - 1].lower == "-") {
                        end = k;
                    } else if w.lower != "-" {
                        break;
                    }
                    k += 1;
                }
                Agent::Person(self.words[end].lemma.clone())
            }
            "that" | "which" => (0..i)
                .rev()
                .find(|&k| matches!(self.words[k].upos, "NOUN" | "PROPN"))
                .map(|k| self.agent_of_word(k))
                .unwrap_or(Agent::Unknown),
            _ if w.upos == "PRON" => Agent::Unknown,
            _ => self.agent_of_word(i),
        }
    }

    /// The first person the sentence names as a subject of any of its clauses (a name, or a
    /// personal pronoun resolved to one: "Hakim is the second technician to die, Hastings
    /// said" gives Hakim), for the next sentence's pronouns; `None` when no subject is a person.
    pub fn named_subject(&self) -> Option<String> {
        if !self.parsed {
            return None;
        }
        (0..self.words.len())
            .filter(|&k| self.words[k].deprel.starts_with("nsubj"))
            .find_map(|k| match self.resolve(k) {
                Agent::Person(n) | Agent::Referred(n) if !n.is_empty() => Some(n),
                _ => None,
            })
    }

    fn agent_of_word(&self, k: usize) -> Agent {
        let w = &self.words[k];
        if w.upos == "PROPN" {
            let name = w.lemma.clone();
            // A name whose word WordNet knows first as a group ("the Indian Navy", "FBI")
            // names a body, not one person.
            if body_word(&name) {
                Agent::Body(name)
            } else {
                Agent::Person(name)
            }
        } else {
            Agent::Group(w.lemma.clone())
        }
    }

    /// Who a noun is said of, in a parse: the name it stands in apposition to ("Russell, a
    /// 20-year veteran"), or the subject of the copula it is the predicate of ("Tennant was a
    /// 28-year veteran").
    pub fn bearer(&self, noun: usize) -> Option<Agent> {
        if !self.parsed || self.words[noun].upos != "NOUN" {
            return None;
        }
        let w = &self.words[noun];
        if w.deprel == "appos" {
            let h = w.head?;
            return (self.words[h].upos == "PROPN").then(|| self.agent_of_word(h));
        }
        let subject = self
            .children(noun)
            .find(|&c| self.words[c].deprel == "nsubj")?;
        self.children(noun)
            .any(|c| self.words[c].deprel == "cop")
            .then(|| self.resolve(subject))
    }

    /// The possessor of the noun right after a value ("*his* 24-year rule") or of the value's
    /// own head noun.
    pub fn possessor(&self, ws: &[usize]) -> Option<Agent> {
        let first = *ws.first()?;
        let before = first.checked_sub(1)?;
        let w = &self.words[before];
        if matches!(w.lower.as_str(), "his" | "her" | "its" | "their")
            || w.lower.ends_with("’s")
            || w.lower.ends_with("'s")
        {
            if w.upos == "PRON" {
                return Some(self.resolve(before));
            }
            return Some(self.agent_of_word(before));
        }
        None
    }

    /// Whether the verb at `i` is negated: a "not"/"never" before it (over auxiliaries), or a
    /// `neg` child in a parse.
    pub fn negated(&self, i: usize) -> bool {
        if self.parsed {
            return self.children(i).any(|c| {
                self.words[c].deprel == "advmod" && PART.contains(&self.words[c].lower.as_str())
                    || self.words[c].deprel == "neg"
            });
        }
        (0..i)
            .rev()
            .take(3)
            .take_while(|&k| matches!(self.words[k].upos, "AUX" | "PART" | "ADV"))
            .any(|k| self.words[k].upos == "PART")
    }
}

/// Who a statement says acted: one named person or a group named by a common noun (a family,
/// a regime, a government). One man's years and his family's are different slots.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Agent {
    Person(String),
    Group(String),
    /// A body or a people named with a common word ("the Indian Navy", "Somali"): it acts
    /// through its units, ships and members, so it differs from no other agent.
    Body(String),
    /// A person named in an earlier sentence, that a pronoun stands for ("He has 53
    /// catches"): told apart from other named people, not from groups (the guess is too weak
    /// to keep a value out of a group's slot).
    Referred(String),
    #[default]
    Unknown,
}

impl Agent {
    /// Whether two agents cannot be the same: a named person against a group, or two
    /// different names.
    pub fn differs(&self, other: &Agent) -> bool {
        match (self, other) {
            (Agent::Person(a) | Agent::Referred(a), Agent::Person(b) | Agent::Referred(b)) => {
                !(a.contains(b.as_str()) || b.contains(a.as_str()))
            }
            (Agent::Person(_), Agent::Group(_)) | (Agent::Group(_), Agent::Person(_)) => true,
            _ => false,
        }
    }
}

/// Whether a name's word names a body or a people: some WordNet noun sense of it is
/// `noun.group` ("navy", "fbi", "police"), or it is an adjective too ("Somali", "Indian").
/// A word WordNet also knows as a kind of person ("chief", "captain") is a person's title.
fn body_word(word: &str) -> bool {
    let wn = Lexicon::bundled();
    let nouns = wn.synsets(word, Some(WnPos::Noun));
    let person = nouns
        .iter()
        .any(|&s| wn.synset(s).lexname() == "noun.person");
    let group = nouns
        .iter()
        .any(|&s| wn.synset(s).lexname() == "noun.group");
    !person && (group || !wn.synsets(word, Some(WnPos::Adj)).is_empty())
}

/// The parser's lemma, or when WordNet does not know it as that part of speech and knows it
/// with a final "e" ("rul" for "ruled"), that: a learned lemmatizer sometimes drops the "e".
fn known_lemma(lemma: &str, upos: &str) -> String {
    let Some(pos) = WnPos::from_upos(upos).filter(|p| matches!(p, WnPos::Noun | WnPos::Verb))
    else {
        return lemma.to_string();
    };
    let wn = Lexicon::bundled();
    if !wn.synsets(lemma, Some(pos)).is_empty() {
        return lemma.to_string();
    }
    let with_e = format!("{lemma}e");
    if !wn.synsets(&with_e, Some(pos)).is_empty() {
        return with_e;
    }
    lemma.to_string()
}

fn upos_static(u: &str) -> &'static str {
    const ALL: &[&str] = &[
        "NOUN", "PROPN", "VERB", "AUX", "NUM", "PRON", "ADJ", "ADV", "ADP", "DET", "PART", "CCONJ",
        "SCONJ", "PUNCT", "SYM", "INTJ", "X",
    ];
    ALL.iter().find(|x| **x == u).copied().unwrap_or("X")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each value-like span's verb and agent, read without a parse.
    fn check(sentence: &str, value: &str, expect: &str) {
        let w = Words::guess(sentence, Span::new(0, sentence.len()));
        let at = sentence.find(value).expect("value in sentence");
        let ws = w.within(Span::new(at, at + value.len()));
        let verb = w.verb_of(&ws);
        let agent = w
            .possessor(&ws)
            .or_else(|| verb.and_then(|v| w.agent(v)))
            .unwrap_or(Agent::Unknown);
        let got = format!(
            "{} {:?}",
            verb.map_or("-", |v| w.words[v].lemma.as_str()),
            agent
        );
        assert_eq!(
            got,
            expect,
            "{:?}",
            w.words
                .iter()
                .map(|x| (&x.lower, x.upos))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn verbs_and_agents_from_word_order() {
        check(
            "For 50 years, the Assad family maintained control over the country.",
            "50 years",
            "maintain Group(\"fami\")",
        );
        check(
            "Al-Assad, who ruled the country for 24 years, was granted asylum.",
            "24 years",
            "rule Person(\"assad\")",
        );
        check(
            "At least 9 people were killed when the bridge collapsed.",
            "9 people",
            "kill Group(\"people\")",
        );
        check(
            "Mr. Bashar al-Assad left Damascus, marking the end of his 24-year rule.",
            "24-year",
            "- Person(\"assad\")",
        );
    }
}
