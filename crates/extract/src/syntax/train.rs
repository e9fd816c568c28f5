//! The training recipe: GUM split by its fixed rule, EWT as extra gold, jackknifed tags for the
//! parser (it learns from the tags it will see at run time, not gold ones), then the final
//! tagger, lemmatizer and parser. Deterministic: fixed seeds, sorted inputs, no hash-map order.

use super::conllu::{self, Sentence};
use super::lemma::Lemmatizer;
use super::parser::{self, Example, Input};
use super::tagger::{self, Tag, Tagger};
use super::Parser;
use std::path::Path;

/// Which part of GUM a document belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    Train,
    Dev,
    Test,
}

impl Split {
    pub fn parse(s: &str) -> Option<Split> {
        match s {
            "train" => Some(Split::Train),
            "dev" => Some(Split::Dev),
            "test" => Some(Split::Test),
            _ => None,
        }
    }
}

/// GUM's split rule (its SOURCE.md): file names sorted; the 5th, 10th, … are test, the one
/// after each test document is dev, the rest train.
pub fn gum_split(index: usize) -> Split {
    let n = index + 1;
    if n.is_multiple_of(5) {
        Split::Test
    } else if n > 5 && n % 5 == 1 {
        Split::Dev
    } else {
        Split::Train
    }
}

/// Reads the `.conllu` files of one GUM split from `dir` (its `dep/` folder or GUM's root).
pub fn read_gum(dir: &Path, split: Split) -> std::io::Result<Vec<Sentence>> {
    let dep = if dir.join("dep").is_dir() {
        dir.join("dep")
    } else {
        dir.to_path_buf()
    };
    let mut files: Vec<_> = std::fs::read_dir(&dep)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for (i, f) in files.iter().enumerate() {
        if gum_split(i) == split {
            out.extend(read_file(f)?);
        }
    }
    Ok(out)
}

pub fn read_file(path: &Path) -> std::io::Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path)?;
    conllu::read(&text).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("{}: {e}", path.display()),
        )
    })
}

/// Settings for the whole recipe.
#[derive(Debug, Clone)]
pub struct Recipe {
    pub tagger: tagger::TrainConfig,
    pub parser: parser::TrainConfig,
    /// Folds for jackknifed parser-training tags (1 = tag with the final tagger itself).
    pub folds: usize,
    /// Score transitions with a network instead of the perceptron: its settings and initial
    /// word vectors (by [`parser::word_hash`]).
    pub net: Option<(parser::NetConfig, rustc_hash::FxHashMap<u64, Vec<f32>>)>,
    /// The sentence copies are for the parser only: the tagger and lemmatizer see every
    /// sentence once.
    pub copies_parser_only: bool,
    /// The sentence copies are for the tagger and lemmatizer only: the parser (and the
    /// jackknife taggers that tag its training data) sees every sentence once.
    pub copies_tagger_only: bool,
    /// The tagger's extra copies of a sentence lose their closing punctuation (headlines,
    /// captions and list items end without it: the tagger sees both kinds of ending).
    pub bare_copies: bool,
}

impl Default for Recipe {
    fn default() -> Self {
        Recipe {
            tagger: tagger::TrainConfig::default(),
            parser: parser::TrainConfig::default(),
            folds: 4,
            net: None,
            copies_parser_only: false,
            copies_tagger_only: false,
            bare_copies: false,
        }
    }
}

/// Copy `n` (from 0) of a tagged sentence for the tagger: with `bare`, every copy after the
/// first without its trailing punctuation.
fn tagger_copy(s: &[(String, Tag)], n: usize, bare: bool) -> Vec<(String, Tag)> {
    let mut end = s.len();
    if bare && n > 0 {
        while end > 1 && s[end - 1].1.upos == "PUNCT" {
            end -= 1;
        }
    }
    s[..end].to_vec()
}

fn tag_sentence(s: &Sentence) -> Vec<(String, Tag)> {
    s.words
        .iter()
        .map(|w| {
            (
                w.form.clone(),
                Tag {
                    xpos: w.xpos.clone(),
                    upos: w.upos.clone(),
                },
            )
        })
        .collect()
}

/// Trains everything on `train`, sentence `i` seen `copies[i]` times per epoch (gold of the
/// target domain weighed above the rest). Jackknife folds are over distinct sentences, so that
/// no sentence is tagged by a tagger that saw it.
pub fn train(
    train: &[Sentence],
    copies: &[usize],
    recipe: &Recipe,
    mut log: impl FnMut(&str),
) -> Parser {
    let tagged: Vec<Vec<(String, Tag)>> = train.iter().map(tag_sentence).collect();
    let copies_of = |i: usize| copies.get(i).copied().unwrap_or(1);
    let repeat = |i: usize| {
        if recipe.copies_tagger_only {
            1
        } else {
            copies_of(i)
        }
    };
    let tagger_repeat = |i: usize| {
        if recipe.copies_parser_only {
            1
        } else {
            copies_of(i)
        }
    };
    let weighted = |v: &[Vec<(String, Tag)>],
                    keep: &dyn Fn(usize) -> bool,
                    times: &dyn Fn(usize) -> usize|
     -> Vec<Vec<(String, Tag)>> {
        v.iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .flat_map(|(i, s)| (0..times(i)).map(move |n| tagger_copy(s, n, recipe.bare_copies)))
            .collect()
    };
    // Jackknifed tags: fold k is tagged by a tagger trained on the other folds (with the
    // tagger's copies: the parser learns from tags as good as the final tagger's).
    let mut predicted: Vec<Vec<Tag>> = vec![Vec::new(); train.len()];
    if recipe.folds > 1 {
        for k in 0..recipe.folds {
            let rest = weighted(&tagged, &|i| i % recipe.folds != k, &tagger_repeat);
            // Pruning is for the shipped file: the fold taggers keep every weight.
            let unpruned = tagger::TrainConfig {
                prune: 0.0,
                ..recipe.tagger.clone()
            };
            let t = Tagger::train(&rest, &unpruned);
            let (mut right, mut all) = (0, 0);
            for (i, s) in train
                .iter()
                .enumerate()
                .filter(|(i, _)| i % recipe.folds == k)
            {
                let forms = s.forms();
                let tags = t.tag(&forms);
                predicted[i] = tags.iter().map(|&x| t.tags[x].clone()).collect();
                for (p, w) in predicted[i].iter().zip(&s.words) {
                    right += usize::from(p.xpos == w.xpos);
                    all += 1;
                }
            }
            log(&format!(
                "jackknife fold {k}: XPOS {:.2}",
                100.0 * right as f64 / all.max(1) as f64
            ));
        }
    }
    let tagger = Tagger::train(
        &weighted(&tagged, &|_| true, &tagger_repeat),
        &recipe.tagger,
    );
    log(&format!(
        "tagger: {} classes, {} features, {} words without clusters",
        tagger.tags.len(),
        tagger.n_features(),
        tagger.n_frequent()
    ));
    if recipe.folds <= 1 {
        for (i, s) in train.iter().enumerate() {
            predicted[i] = tagger
                .tag(&s.forms())
                .iter()
                .map(|&x| tagger.tags[x].clone())
                .collect();
        }
    }
    let lemmatizer = Lemmatizer::train(
        train
            .iter()
            .enumerate()
            .flat_map(|(i, s)| std::iter::repeat_n(s, tagger_repeat(i)))
            .flat_map(|s| {
                s.words.iter().map(|w| {
                    (
                        w.form.as_str(),
                        w.xpos.as_str(),
                        w.upos.as_str(),
                        w.lemma.as_str(),
                        w.feats.as_str(),
                    )
                })
            }),
    );
    let (e, r, f) = lemmatizer.n_entries();
    log(&format!(
        "lemmatizer: {e} exceptions, {r} rules, {f} feature entries"
    ));
    let examples: Vec<Example> = train
        .iter()
        .zip(&predicted)
        .enumerate()
        .flat_map(|(i, sp)| std::iter::repeat_n(sp, repeat(i)))
        .map(|(s, p)| {
            let forms = s.forms();
            let xpos: Vec<&str> = p.iter().map(|t| t.xpos.as_str()).collect();
            let upos: Vec<&str> = p.iter().map(|t| t.upos.as_str()).collect();
            Example {
                input: Input::with_clusters(&forms, &xpos, &upos, recipe.parser.clusters.as_ref()),
                heads: s.words.iter().map(|w| w.head).collect(),
                labels: s.words.iter().map(|w| w.deprel.clone()).collect(),
            }
        })
        .collect();
    let deps = match &recipe.net {
        Some((cfg, vectors)) => {
            parser::Parser::train_net(&examples, cfg, vectors, |epoch, acc, loss| {
                log(&format!(
                    "network parser epoch {}: transitions right {:.2}%, loss {loss:.4}",
                    epoch + 1,
                    100.0 * acc
                ))
            })
        }
        None => parser::Parser::train(&examples, &recipe.parser, |epoch, acc| {
            log(&format!(
                "parser epoch {}: transitions right {:.2}%",
                epoch + 1,
                100.0 * acc
            ))
        }),
    };
    log(&format!(
        "parser: {} labels, {} features",
        deps.labels.len(),
        deps.n_features()
    ));
    Parser {
        tagger,
        lemmatizer,
        deps,
    }
}

/// A new tagger (sentence `i` seen `copies[i]` times per epoch) in place of `base`'s, whose
/// lemmatizer and parser are kept as they are: what a better tagger alone brings.
pub fn swap_tagger(
    base: &Parser,
    train: &[Sentence],
    copies: &[usize],
    recipe: &Recipe,
    mut log: impl FnMut(&str),
) -> Parser {
    let tagged: Vec<Vec<(String, Tag)>> = train
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            let t = tag_sentence(s);
            (0..copies.get(i).copied().unwrap_or(1))
                .map(move |n| tagger_copy(&t, n, recipe.bare_copies))
                .collect::<Vec<_>>()
        })
        .collect();
    let tagger = Tagger::train(&tagged, &recipe.tagger);
    log(&format!(
        "tagger: {} classes, {} features",
        tagger.tags.len(),
        tagger.n_features()
    ));
    Parser {
        tagger,
        lemmatizer: base.lemmatizer.clone(),
        deps: base.deps.clone(),
    }
}

/// Our analysis of a gold sentence's words, in the scorer's terms.
pub fn predict(parser: &Parser, s: &Sentence) -> Vec<super::score::Predicted> {
    parser
        .analyze(&s.forms())
        .into_iter()
        .map(|a| super::score::Predicted {
            upos: a.upos,
            xpos: a.xpos,
            lemma: a.lemma,
            feats: a.feats,
            head: a.head,
            deprel: a.deprel,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(words: &[(&str, &str)], copy: usize, bare: bool, expect: &[&str]) {
        let s: Vec<(String, Tag)> = words
            .iter()
            .map(|(w, u)| {
                (
                    w.to_string(),
                    Tag {
                        xpos: String::new(),
                        upos: u.to_string(),
                    },
                )
            })
            .collect();
        let got: Vec<String> = tagger_copy(&s, copy, bare)
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn bare_copies_lose_closing_punctuation_only() {
        let s = [
            ("Three", "NUM"),
            ("killed", "VERB"),
            (",", "PUNCT"),
            ("police", "NOUN"),
            ("said", "VERB"),
            (".", "PUNCT"),
            ("\"", "PUNCT"),
        ];
        let all = ["Three", "killed", ",", "police", "said", ".", "\""];
        check(&s, 0, true, &all);
        check(&s, 1, false, &all);
        check(&s, 1, true, &["Three", "killed", ",", "police", "said"]);
        // A sentence of punctuation alone keeps its first word.
        check(&[("-", "PUNCT"), ("-", "PUNCT")], 1, true, &["-"]);
    }
}
