//! The syntax layer on news constructions: which noun a number counts, the passive subject,
//! negation, appositions, reported speech, datelines, headlines. Each case asserts structural
//! facts, not whole trees. Also: hostile input parses without panics, with spans that cover
//! the text in order.

use corroborate_extract::syntax::{Parser, SentenceSyntax};
use corroborate_model::Span;
use proptest::prelude::*;
use std::sync::OnceLock;

/// The bundled model, or the model file named by `SYNTAX_TEST_MODEL` (to try a model under
/// trial on these cases without rebuilding).
fn parser() -> &'static Parser {
    static P: OnceLock<Parser> = OnceLock::new();
    P.get_or_init(|| match std::env::var_os("SYNTAX_TEST_MODEL") {
        Some(path) => Parser::load(std::path::Path::new(&path)).expect("SYNTAX_TEST_MODEL"),
        None => Parser::bundled().expect("data/syntax/model.bin (scripts/syntax/train.sh)"),
    })
}

/// A structural fact about one sentence: `rel(head, dependent)` by word text.
enum Fact {
    /// `dependent` depends on `head` with this relation (subtype-insensitive when `rel` has none).
    Arc(&'static str, &'static str, &'static str),
    /// `dependent` depends on `head`, whatever the relation.
    Dep(&'static str, &'static str),
    /// One word depends on the other, either way round.
    Linked(&'static str, &'static str),
    /// The word is in the scope of a negation.
    Negated(&'static str),
    /// The clause of this predicate is negated.
    ClauseNegated(&'static str),
    NotNegated(&'static str),
    /// UPOS of a word.
    Pos(&'static str, &'static str),
    Lemma(&'static str, &'static str),
}

fn check(text: &str, facts: &[Fact]) {
    let syntax = parser().parse_text(text);
    let s: Vec<&SentenceSyntax> = syntax.sentences.iter().collect();
    let find = |w: &str| -> (&SentenceSyntax, usize) {
        for s in &s {
            if let Some(i) = s.find(text, w) {
                return (s, i);
            }
        }
        panic!("{w:?} not a token of {text:?}")
    };
    let dump = || {
        s.iter()
            .map(|s| {
                s.tokens
                    .iter()
                    .map(|t| {
                        let head = t.head.map_or("ROOT", |h| s.tokens[h].span.slice(text));
                        format!("{}/{}<-{}:{}", t.span.slice(text), t.upos, t.deprel, head)
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    for f in facts {
        match f {
            Fact::Arc(rel, head, dep) => {
                let (s, d) = find(dep);
                let h = s.tokens[d].head.map(|h| s.tokens[h].span.slice(text));
                let got = &s.tokens[d].deprel;
                let rel_ok =
                    got == rel || (!rel.contains(':') && got.split(':').next() == Some(rel));
                assert!(
                    h == Some(*head) && rel_ok,
                    "expected {rel}({head}, {dep}) in {text:?}:\n{}",
                    dump()
                );
            }
            Fact::Dep(head, dep) => {
                let (s, d) = find(dep);
                let h = s.tokens[d].head.map(|h| s.tokens[h].span.slice(text));
                assert!(
                    h == Some(*head),
                    "expected {head} <- {dep} in {text:?}:\n{}",
                    dump()
                );
            }
            Fact::Linked(a, b) => {
                let (s, i) = find(a);
                let j = s.find(text, b).expect("both words in one sentence");
                let linked = s.tokens[i].head == Some(j) || s.tokens[j].head == Some(i);
                assert!(
                    linked,
                    "expected {a} and {b} linked in {text:?}:\n{}",
                    dump()
                );
            }
            Fact::ClauseNegated(w) => {
                let (s, i) = find(w);
                assert!(
                    s.clause_negated(i),
                    "the clause of {w:?} should be negated in {text:?}:\n{}",
                    dump()
                );
            }
            Fact::Negated(w) => {
                let (s, i) = find(w);
                assert!(
                    s.negation_in_scope(i),
                    "{w:?} should be negated in {text:?}:\n{}",
                    dump()
                );
            }
            Fact::NotNegated(w) => {
                let (s, i) = find(w);
                assert!(
                    !s.negation_in_scope(i),
                    "{w:?} should not be negated in {text:?}:\n{}",
                    dump()
                );
            }
            Fact::Pos(w, upos) => {
                let (s, i) = find(w);
                assert_eq!(
                    s.tokens[i].upos,
                    *upos,
                    "UPOS of {w:?} in {text:?}:\n{}",
                    dump()
                );
            }
            Fact::Lemma(w, lemma) => {
                let (s, i) = find(w);
                assert_eq!(s.tokens[i].lemma, *lemma, "lemma of {w:?} in {text:?}");
            }
        }
    }
}

use Fact::*;

#[test]
fn passives() {
    check(
        "Three missiles were fired at the air base on Sunday.",
        &[
            Arc("nsubj:pass", "fired", "missiles"),
            Arc("aux:pass", "fired", "were"),
            Arc("nummod", "missiles", "Three"),
            Lemma("fired", "fire"),
        ],
    );
    check(
        "The convoy was attacked by government forces.",
        &[
            Arc("nsubj:pass", "attacked", "convoy"),
            Arc("obl", "attacked", "forces"),
        ],
    );
}

#[test]
fn numbers_and_their_nouns() {
    check(
        "At least 9 people had been killed and 14 wounded, officials said.",
        &[
            Arc("nummod", "people", "9"),
            Arc("nsubj:pass", "killed", "people"),
            Arc("conj", "killed", "wounded"),
        ],
    );
    check(
        "The strikes killed 12 civilians, including four children.",
        &[
            Arc("nummod", "civilians", "12"),
            Arc("obj", "killed", "civilians"),
            Arc("nummod", "children", "four"),
        ],
    );
}

#[test]
fn negation() {
    check(
        "There were no casualties.",
        &[Arc("det", "casualties", "no"), Negated("casualties")],
    );
    check(
        "The army did not fire on the protesters.",
        &[
            Negated("fire"),
            Arc("advmod", "fire", "not"),
            NotNegated("army"),
            Negated("protesters"),
        ],
    );
    check(
        "No one was hurt in the attack.",
        &[ClauseNegated("hurt"), NotNegated("attack")],
    );
    check(
        "He did not say that the army fired.",
        &[Negated("fired"), Arc("ccomp", "say", "fired")],
    );
    check(
        "Troops fired on the protesters.",
        &[NotNegated("fired"), NotNegated("protesters")],
    );
}

#[test]
fn appositions_with_titles_and_names() {
    check(
        "The defence minister, Ali Abbas, said the city had fallen.",
        // UD: a name's first word heads it ("Ali" ← flat "Abbas").
        &[
            Arc("appos", "minister", "Ali"),
            Arc("flat", "Ali", "Abbas"),
            Arc("nsubj", "said", "minister"),
            Pos("Ali", "PROPN"),
        ],
    );
    check(
        "President Bashar al-Assad left Damascus.",
        &[
            Arc("nsubj", "left", "Bashar"),
            Arc("flat", "Bashar", "Assad"),
            Dep("Bashar", "President"),
            Arc("obj", "left", "Damascus"),
        ],
    );
}

#[test]
fn reported_speech() {
    check(
        "The rebels have taken the airport, he told reporters.",
        // UD: the reported clause is the root, the speech verb its parataxis.
        &[
            Arc("nsubj", "told", "he"),
            Dep("told", "reporters"),
            Arc("parataxis", "taken", "told"),
            Arc("nsubj", "taken", "rebels"),
        ],
    );
    check(
        "Officials said that 20 soldiers died.",
        &[
            Arc("ccomp", "said", "died"),
            Arc("mark", "died", "that"),
            Arc("nummod", "soldiers", "20"),
        ],
    );
}

#[test]
fn datelines_and_headlines() {
    check(
        "DAMASCUS, Syria (Reuters) - Rebels entered the capital on Sunday.",
        &[
            Arc("nsubj", "entered", "Rebels"),
            Arc("obj", "entered", "capital"),
            Pos("DAMASCUS", "PROPN"),
        ],
    );
    // Headline style: no determiners, present tense. ("as Assad flees" is not asserted: the
    // tagger reads "flees" as a noun there.)
    check(
        "Rebels seize Damascus as Assad flees",
        &[
            Arc("nsubj", "seize", "Rebels"),
            Arc("obj", "seize", "Damascus"),
        ],
    );
    // The number goes with "killed" (its subject, or the head of a reduced relative: UD allows
    // both for an elided noun), not with "blast".
    check(
        "Three killed in Damascus blast",
        &[Linked("Three", "killed"), Arc("obl", "killed", "blast")],
    );
}

#[test]
fn tokens_keep_exact_offsets() {
    let text = "  He didn't say \u{201c}no\u{201d}\u{2014}the U.S. Army's chief did. ";
    let syntax = parser().parse_text(text);
    let words: Vec<&str> = syntax
        .sentences
        .iter()
        .flat_map(|s| s.tokens.iter().map(|t| t.span.slice(text)))
        .collect();
    assert_eq!(
        words,
        [
            "He", "did", "n't", "say", "\u{201c}", "no", "\u{201d}", "\u{2014}", "the", "U.S.",
            "Army", "'s", "chief", "did", "."
        ]
    );
}

/// Reading the model and writing it again gives the file's bytes: nothing is lost or
/// re-rounded in memory, so a model pruned or re-saved by a tool is the model it claims to be.
#[test]
fn model_file_round_trips() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/syntax/model.bin");
    let bytes = std::fs::read(path).expect("data/syntax/model.bin (scripts/syntax/train.sh)");
    let again = Parser::from_bytes(&bytes)
        .expect("the bundled model reads")
        .to_bytes();
    assert!(
        again == bytes,
        "{} bytes written back, {} read",
        again.len(),
        bytes.len()
    );
}

fn well_formed(text: &str) {
    let syntax = parser().parse_spans(text, &[Span::new(0, text.len())]);
    let mut last = 0;
    for s in &syntax.sentences {
        let roots = s.tokens.iter().filter(|t| t.head.is_none()).count();
        assert!(s.tokens.is_empty() || roots == 1, "one root");
        for (i, t) in s.tokens.iter().enumerate() {
            assert!(
                t.span.start >= last && t.span.end > t.span.start,
                "spans in order"
            );
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            last = t.span.end;
            if let Some(h) = t.head {
                assert!(h < s.tokens.len() && s.dominates(h, i) && !s.dominates(i, h));
            }
        }
    }
}

#[test]
fn hostile_input() {
    well_formed("");
    well_formed("   \n\t ");
    well_formed("\u{0}\u{7}\u{1b}[31m red \u{202e}evil\u{202c} 🙂🙂🙂 👩‍👩‍👧");
    well_formed("Москва и Дамаск — 東京 القاهرة!!! ??? ...");
    // A 2,000-word "sentence" (a table flattened into one line) parses in linear time.
    let long: String = (0..2000)
        .map(|i| if i % 7 == 0 { "| 12.5 " } else { "killed " })
        .collect();
    well_formed(&long);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_text_parses(text in "\\PC{0,200}") {
        well_formed(&text);
    }
}
