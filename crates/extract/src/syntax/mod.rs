//! Sentence structure: tokens, part of speech (UPOS and PTB), lemmas, morphological features
//! and a dependency tree (UD v2 relations) for every sentence of a document, on the
//! document's byte offsets. Computed once per document; later stages read the [`Syntax`] layer.
//!
//! Module map: [`tokenize`] (plain text → UD English words), [`tagger`] (averaged perceptron
//! POS tagger), [`lemma`] (lemmas and features learned from the treebanks), [`parser`]
//! (arc-hybrid transition parser with a dynamic oracle), [`perceptron`] (the shared learner and
//! weight file format), [`conllu`] (reading and writing CoNLL-U), [`train`] (the training
//! recipe), [`score`] (accuracy, UAS, LAS).
//!
//! The bundled model is `data/syntax/model.bin`, built by `scripts/syntax/train.sh` from GUM and
//! EWT (see `data/syntax/README.md`), compiled in with `include_bytes!`.
//!
//! ```
//! use corroborate_extract::syntax::Parser;
//! let parser = Parser::bundled().unwrap();
//! let text = "Three missiles were fired at the base.";
//! let syntax = parser.parse_text(text);
//! let s = &syntax.sentences[0];
//! let fired = s.find(text, "fired").unwrap();
//! let subject = s.child(fired, "nsubj:pass").unwrap();
//! assert_eq!(s.tokens[subject].span.slice(text), "missiles");
//! ```

pub mod conllu;
pub mod lemma;
pub mod nn;
pub mod parser;
pub mod perceptron;
pub mod punct;
pub mod score;
pub mod tagger;
pub mod tokenize;
pub mod train;

use corroborate_model::{Document, Span};
use perceptron::Reader;
use std::io::{Read, Write};

/// Errors loading a model.
#[derive(Debug, thiserror::Error)]
pub enum SyntaxError {
    #[error("syntax model format: {0} (rebuild it with scripts/syntax/train.sh)")]
    Format(String),
    #[error("reading syntax model {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

static BUNDLED: &[u8] = include_bytes!("../../../../data/syntax/model.bin");
/// Version 3 records the tagger's feature set too, version 2 the parser's; version 1 files
/// have the base sets.
const MAGIC: &[u8; 8] = b"CRSYN03\n";
const MAGIC_V2: &[u8; 8] = b"CRSYN02\n";
const MAGIC_V1: &[u8; 8] = b"CRSYN01\n";

/// One syntactic word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the document text (in CoNLL-U input: in the sentence's forms joined).
    pub span: Span,
    pub upos: String,
    /// Penn Treebank tag.
    pub xpos: String,
    pub lemma: String,
    /// CoNLL-U features (`Number=Plur|…`, `_` for none).
    pub feats: String,
    /// Index of the head within the sentence, `None` for the root.
    pub head: Option<usize>,
    /// UD v2 relation with its subtype (`nsubj:pass`).
    pub deprel: String,
}

/// The analysis of one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceSyntax {
    pub span: Span,
    pub tokens: Vec<Token>,
}

/// Every sentence of one document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Syntax {
    pub sentences: Vec<SentenceSyntax>,
}

/// Words whose presence as a dependent makes their head negated.
const NEGATORS: &[&str] = &[
    "not", "never", "no", "neither", "nor", "none", "nobody", "nothing", "without",
];

impl SentenceSyntax {
    /// The root word.
    pub fn root(&self) -> Option<usize> {
        self.tokens.iter().position(|t| t.head.is_none())
    }

    /// Dependents of word `i`, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.tokens
            .iter()
            .enumerate()
            .filter(move |(_, t)| t.head == Some(i))
            .map(|(j, _)| j)
    }

    /// The first dependent of `i` with exactly this relation (`"nsubj:pass"`), or with this
    /// base relation when `rel` has no subtype and the dependent's has one (`"obl"` finds `obl:tmod`).
    pub fn child(&self, i: usize, rel: &str) -> Option<usize> {
        self.children(i)
            .find(|&j| rel_matches(&self.tokens[j].deprel, rel))
    }

    /// All dependents of `i` with this relation (same matching as [`child`](Self::child)).
    pub fn children_with(&self, i: usize, rel: &str) -> Vec<usize> {
        self.children(i)
            .filter(|&j| rel_matches(&self.tokens[j].deprel, rel))
            .collect()
    }

    /// Word `i` and everything below it, as word indices in order.
    pub fn subtree(&self, i: usize) -> Vec<usize> {
        (0..self.tokens.len())
            .filter(|&j| self.dominates(i, j))
            .collect()
    }

    /// The byte span from the first to the last word of `i`'s subtree.
    pub fn subtree_span(&self, i: usize) -> Span {
        let words = self.subtree(i);
        let first = words
            .first()
            .map_or(self.tokens[i].span.start, |&j| self.tokens[j].span.start);
        let last = words
            .last()
            .map_or(self.tokens[i].span.end, |&j| self.tokens[j].span.end);
        Span::new(first, last)
    }

    /// Whether `a` is `b` or an ancestor of `b`.
    pub fn dominates(&self, a: usize, b: usize) -> bool {
        let mut cur = Some(b);
        // The tree is acyclic by construction; the bound keeps a hand-built one from looping.
        for _ in 0..=self.tokens.len() {
            match cur {
                Some(c) if c == a => return true,
                Some(c) => cur = self.tokens[c].head,
                None => return false,
            }
        }
        false
    }

    /// The subject of predicate `i` and whether it is a passive one.
    pub fn subject(&self, i: usize) -> Option<(usize, bool)> {
        self.children(i)
            .find_map(|j| match self.tokens[j].deprel.as_str() {
                "nsubj:pass" | "csubj:pass" => Some((j, true)),
                "nsubj" | "csubj" | "nsubj:outer" | "csubj:outer" => Some((j, false)),
                _ => None,
            })
    }

    /// The noun a number counts (`nummod`), or the number's head for other relations.
    pub fn counted(&self, number: usize) -> Option<usize> {
        let t = &self.tokens[number];
        (t.deprel == "nummod").then_some(t.head).flatten()
    }

    /// Numbers counting noun `i`.
    pub fn numbers(&self, i: usize) -> Vec<usize> {
        self.children_with(i, "nummod")
    }

    /// Whether word `i` is itself a negator ("not", "never", "no", "nobody", "without"…).
    pub fn is_negator(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        NEGATORS.contains(&t.lemma.to_lowercase().as_str())
            || t.feats.contains("Polarity=Neg")
            || t.feats.contains("PronType=Neg")
    }

    /// Whether word `i` has a negating dependent ("not fired", "no casualties", "never").
    pub fn negated(&self, i: usize) -> bool {
        self.children(i).any(|j| {
            let rel = self.tokens[j].deprel.as_str();
            (rel.starts_with("advmod") || matches!(rel, "det" | "cc:preconj" | "case" | "mark"))
                && self.is_negator(j)
        })
    }

    /// Whether `i` lies in the scope of a negation: it is negated, or it sits inside the
    /// predicate phrase of a negated word (objects, obliques, complements and their modifiers:
    /// "did not fire missiles" covers "missiles"; "did not say the army fired" covers "fired").
    /// A subject is outside its predicate's negation ("the army did not fire": not "army").
    pub fn negation_in_scope(&self, i: usize) -> bool {
        let mut cur = i;
        for _ in 0..=self.tokens.len() {
            if self.negated(cur) {
                return true;
            }
            let t = &self.tokens[cur];
            let rel = t.deprel.split(':').next().unwrap_or("");
            let Some(h) = t.head else { return false };
            if matches!(
                rel,
                "nsubj"
                    | "csubj"
                    | "expl"
                    | "parataxis"
                    | "discourse"
                    | "vocative"
                    | "punct"
                    | "root"
                    | "dislocated"
                    | "list"
                    | "reparandum"
            ) {
                return false;
            }
            cur = h;
        }
        false
    }

    /// Whether the clause of predicate `pred` is negated: the predicate is, or its subject or
    /// object is a negator or negated ("nobody was hurt", "no casualties were reported").
    pub fn clause_negated(&self, pred: usize) -> bool {
        self.negated(pred)
            || self.children(pred).any(|c| {
                let rel = self.tokens[c].deprel.split(':').next().unwrap_or("");
                matches!(rel, "nsubj" | "obj" | "csubj") && (self.is_negator(c) || self.negated(c))
            })
    }

    /// The first word whose text is `word` (a convenience for tests and tools).
    pub fn find(&self, text: &str, word: &str) -> Option<usize> {
        self.tokens.iter().position(|t| t.span.slice(text) == word)
    }
}

fn rel_matches(deprel: &str, rel: &str) -> bool {
    deprel == rel || (!rel.contains(':') && deprel.split(':').next() == Some(rel))
}

/// One word's analysis from [`Parser::analyze`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub upos: String,
    pub xpos: String,
    pub lemma: String,
    pub feats: String,
    /// 1-based head, 0 for the root (CoNLL-U numbering).
    pub head: usize,
    pub deprel: String,
}

/// Tagger, lemmatizer and dependency parser together.
#[derive(Debug, Clone)]
pub struct Parser {
    pub tagger: tagger::Tagger,
    pub lemmatizer: lemma::Lemmatizer,
    pub deps: parser::Parser,
}

impl Parser {
    /// The bundled model.
    pub fn bundled() -> Result<Parser, SyntaxError> {
        Parser::from_bytes(BUNDLED)
    }

    /// The bundled model, read once per process and shared by every stage that needs it (the
    /// pipeline's parses, the entity stage's lemmas): reading it costs a quarter of a second.
    pub fn shared() -> Result<&'static Parser, SyntaxError> {
        static SHARED: std::sync::OnceLock<Result<Parser, String>> = std::sync::OnceLock::new();
        SHARED
            .get_or_init(|| Parser::bundled().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| SyntaxError::Format(e.clone()))
    }

    /// A model file as written by [`Parser::to_bytes`].
    pub fn load(path: &std::path::Path) -> Result<Parser, SyntaxError> {
        let bytes = std::fs::read(path).map_err(|source| SyntaxError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Parser::from_bytes(&bytes)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, SyntaxError> {
        let fmt = |e: String| SyntaxError::Format(e);
        let (body, version) = match [MAGIC, MAGIC_V2, MAGIC_V1]
            .iter()
            .zip([3, 2, 1])
            .find_map(|(m, v)| bytes.strip_prefix(m.as_slice()).map(|b| (b, v)))
        {
            Some(found) => found,
            None => {
                let n = bytes.len();
                return Err(fmt(format!("not a syntax model ({n} bytes, no header)")));
            }
        };
        let mut raw = Vec::new();
        flate2::read::DeflateDecoder::new(body)
            .read_to_end(&mut raw)
            .map_err(|e| fmt(e.to_string()))?;
        let mut r = Reader::new(&raw);
        let mut tagger = tagger::Tagger::read(&mut r, version >= 3).map_err(fmt)?;
        let lemmatizer = lemma::Lemmatizer::read(&mut r).map_err(fmt)?;
        let deps = parser::Parser::read(&mut r, version >= 2).map_err(fmt)?;
        tagger.set_clusters(deps.clusters()).map_err(fmt)?;
        Ok(Parser {
            tagger,
            lemmatizer,
            deps,
        })
    }

    /// The same model with weights below these magnitudes dropped (a smaller file).
    pub fn pruned(&self, tagger_min: f32, parser_min: f32) -> Parser {
        let mut p = self.clone();
        p.tagger.prune(tagger_min);
        p.deps.prune(parser_min);
        p
    }

    /// The model file: header, then the deflated tagger, lemmatizer and parser. The version
    /// is the lowest that holds the model (3 only for a tagger beyond the base features), so that
    /// a file read and written again keeps its bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let v3 = self.tagger.has_flags();
        let mut raw = Vec::new();
        self.tagger.write(&mut raw, v3);
        self.lemmatizer.write(&mut raw);
        self.deps.write(&mut raw);
        let mut out = if v3 {
            MAGIC.to_vec()
        } else {
            MAGIC_V2.to_vec()
        };
        let mut enc = flate2::write::DeflateEncoder::new(&mut out, flate2::Compression::best());
        enc.write_all(&raw).expect("writing to memory");
        enc.finish().expect("writing to memory");
        out
    }

    /// Tags, lemmas, features and tree of one sentence given as words.
    pub fn analyze(&self, forms: &[&str]) -> Vec<Analysis> {
        let norms: Vec<String> = forms.iter().map(|f| tagger::normalize(f)).collect();
        let tags = self.tagger.tag_normalized(forms, &norms);
        let xpos: Vec<&str> = tags
            .iter()
            .map(|&t| self.tagger.tags[t].xpos.as_str())
            .collect();
        let upos: Vec<&str> = tags
            .iter()
            .map(|&t| self.tagger.tags[t].upos.as_str())
            .collect();
        let input = self.deps.input_normalized(forms, &norms, &xpos, &upos);
        let (mut heads, labels) = self.deps.parse(&input);
        // Punctuation by the UD rule (tagged PUNCT and attached as punct by the parser).
        let punct: Vec<bool> = upos
            .iter()
            .zip(&labels)
            .map(|(u, &l)| *u == "PUNCT" && self.deps.labels[l] == "punct")
            .collect();
        punct::attach(forms, &punct, &mut heads);
        let mut out: Vec<Analysis> = forms
            .iter()
            .zip(&norms)
            .zip(&tags)
            .zip(heads.iter().zip(&labels))
            .map(|(((f, norm), &t), (&head, &l))| {
                let tag = &self.tagger.tags[t];
                Analysis {
                    upos: tag.upos.clone(),
                    xpos: tag.xpos.clone(),
                    lemma: self.lemmatizer.lemma(f, &tag.xpos),
                    feats: self.lemmatizer.feats_normalized(norm, &tag.xpos, &tag.upos),
                    head,
                    deprel: self.deps.labels[l].clone(),
                }
            })
            .collect();
        // Voice comes from the tree: a participle with a passive auxiliary or subject.
        let passive: Vec<usize> = out
            .iter()
            .filter(|a| {
                matches!(a.deprel.as_str(), "aux:pass" | "nsubj:pass" | "csubj:pass") && a.head > 0
            })
            .map(|a| a.head - 1)
            .collect();
        for h in passive {
            if out[h].xpos == "VBN" {
                out[h].feats = lemma::with_passive(&out[h].feats);
            }
        }
        out
    }

    /// One sentence of `text`, tokenized here.
    pub fn parse_sentence(&self, text: &str, span: Span) -> SentenceSyntax {
        let spans = tokenize::words(text, span);
        let forms: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
        let tokens = self
            .analyze(&forms)
            .into_iter()
            .zip(spans)
            .map(|(a, span)| Token {
                span,
                upos: a.upos,
                xpos: a.xpos,
                lemma: a.lemma,
                feats: a.feats,
                head: a.head.checked_sub(1),
                deprel: a.deprel,
            })
            .collect();
        SentenceSyntax { span, tokens }
    }

    /// Every sentence of a document (its `sentences`, as `segment` made them).
    pub fn parse_document(&self, doc: &Document) -> Syntax {
        if doc.sentences.is_empty() && !doc.text.trim().is_empty() {
            return self.parse_text(&doc.text);
        }
        self.parse_spans(&doc.text, &doc.sentences)
    }

    /// Plain text, segmented into sentences with [`crate::segment`].
    pub fn parse_text(&self, text: &str) -> Syntax {
        let (_, sentences) = crate::segment::segment(text);
        self.parse_spans(text, &sentences)
    }

    pub fn parse_spans(&self, text: &str, sentences: &[Span]) -> Syntax {
        Syntax {
            sentences: sentences
                .iter()
                .map(|&s| self.parse_sentence(text, s))
                .collect(),
        }
    }

    /// Replaces the annotation columns of CoNLL-U sentences with ours, keeping forms,
    /// multiword-token lines, comments and the other columns.
    pub fn annotate_conllu(&self, sentences: &mut [conllu::Sentence]) {
        for s in sentences {
            let forms: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
            let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
            for (w, a) in s.words.iter_mut().zip(self.analyze(&forms)) {
                w.lemma = a.lemma;
                w.upos = a.upos;
                w.xpos = a.xpos;
                w.feats = a.feats;
                w.head = a.head;
                w.deprel = a.deprel;
                w.deps = "_".to_string();
            }
        }
    }
}
