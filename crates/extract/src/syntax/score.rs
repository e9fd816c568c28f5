//! Scores predicted analyses against gold CoNLL-U words, the CoNLL 2018 way (punctuation
//! included; LAS compares the universal part of the relation, `LAS full` the whole label), plus
//! the scheme-fair attachment score used to compare with parsers of other annotation schemes.

use super::conllu::Word;

/// Relations that UD and the ClearNLP scheme (spaCy's English models) attach alike when the
/// head is not a copular predicate: subjects, objects, determiners, modifiers, numbers,
/// possessors, compounds, auxiliaries.
pub const FAIR_RELATIONS: &[&str] = &[
    "nsubj",
    "nsubj:pass",
    "obj",
    "iobj",
    "det",
    "amod",
    "nummod",
    "advmod",
    "compound",
    "nmod:poss",
    "aux",
    "aux:pass",
];

/// What a system predicted for one word (UD labels; other schemes map theirs first).
#[derive(Debug, Clone, Default)]
pub struct Predicted {
    pub upos: String,
    pub xpos: String,
    pub lemma: String,
    pub feats: String,
    pub head: usize,
    pub deprel: String,
}

/// Running counts.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub words: usize,
    pub upos: usize,
    pub xpos: usize,
    pub lemma: usize,
    pub feats: usize,
    pub uas: usize,
    pub las: usize,
    pub las_full: usize,
    pub fair_words: usize,
    pub fair_heads: usize,
    pub fair_labeled: usize,
}

fn base(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Gold words of a sentence whose relation is in [`FAIR_RELATIONS`] and whose head has no
/// `cop` dependent.
pub fn fair_words(gold: &[Word]) -> Vec<usize> {
    let copular: Vec<bool> = (0..=gold.len())
        .map(|h| h > 0 && gold.iter().any(|w| w.head == h && base(&w.deprel) == "cop"))
        .collect();
    (0..gold.len())
        .filter(|&i| FAIR_RELATIONS.contains(&gold[i].deprel.as_str()) && !copular[gold[i].head])
        .collect()
}

impl Scores {
    /// Adds one sentence.
    pub fn add(&mut self, gold: &[Word], pred: &[Predicted]) {
        assert_eq!(gold.len(), pred.len(), "one prediction per gold word");
        for (g, p) in gold.iter().zip(pred) {
            self.words += 1;
            self.upos += usize::from(g.upos == p.upos);
            self.xpos += usize::from(g.xpos == p.xpos);
            self.lemma += usize::from(g.lemma == p.lemma);
            self.feats += usize::from(g.feats == p.feats);
            if g.head == p.head {
                self.uas += 1;
                self.las += usize::from(base(&g.deprel) == base(&p.deprel));
                self.las_full += usize::from(g.deprel == p.deprel);
            }
        }
        for i in fair_words(gold) {
            self.fair_words += 1;
            if gold[i].head == pred[i].head {
                self.fair_heads += 1;
                self.fair_labeled += usize::from(gold[i].deprel == pred[i].deprel);
            }
        }
    }

    fn pct(&self, n: usize, of: usize) -> f64 {
        100.0 * n as f64 / of.max(1) as f64
    }

    /// One table row: UPOS XPOS lemma feats UAS LAS LAS-full fair-UAS fair-LAS.
    pub fn row(&self) -> String {
        let w = self.words;
        format!(
            "{:6.2} {:6.2} {:6.2} {:6.2} {:6.2} {:6.2} {:8.2} {:8.2} {:8.2}",
            self.pct(self.upos, w),
            self.pct(self.xpos, w),
            self.pct(self.lemma, w),
            self.pct(self.feats, w),
            self.pct(self.uas, w),
            self.pct(self.las, w),
            self.pct(self.las_full, w),
            self.pct(self.fair_heads, self.fair_words),
            self.pct(self.fair_labeled, self.fair_words),
        )
    }

    pub const HEADER: &'static str =
        "  UPOS   XPOS  Lemma  Feats    UAS    LAS LAS-full fair-UAS fair-LAS";
}
