//! Trains the syntax model (tagger, lemmatizer, parser) and writes it to a file; optionally
//! scores it on GUM dev. `scripts/syntax/train.sh` runs it with the shipped settings.
//!
//! `cargo run --release -p corroborate-extract --example syntax_train -- --gum DIR --ewt DIR --out FILE
//!  [--gum-copies N] [--tagger-epochs N] [--parser-epochs N] [--folds N] [--prune-tagger X]
//!  [--prune-parser X] [--explore-p X] [--copies-parser-only | --copies-tagger-only] [--parser-from FILE] [--extended] [--attach] [--rich] [--tagger-context] [--clusters TSV [--tagger-clusters [--tagger-rare-below N]]] [--dev]`
//!
//! (`--copies-parser-only`: GUM's extra copies are seen by the parser only, not the tagger
//! and lemmatizer; `--copies-tagger-only`: by the tagger and lemmatizer only (the jackknife
//! taggers too), not the parser; `--parser-from FILE`: only a tagger is trained, and put in
//! place of FILE's, whose lemmatizer and parser are kept; `--tagger-clusters`: the tagger reads the word clusters too, the word's and its
//! neighbours'; `--tagger-rare-below N`: only for words seen fewer than N times in training;
//! `--tagger-context`: the tagger reads word pairs and the next words' endings;
//! `--attach`: parser features of a phrase's marker word with its candidate heads; `--rich`:
//! a phrase's adposition or conjunction, punctuation between the words, valency with distance)

use corroborate_extract::syntax::parser::{word_hash, Clusters, NetConfig};
use corroborate_extract::syntax::train::{self, read_file, read_gum, Recipe, Split};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut gum = None;
    let mut ewt = None;
    let mut out = None;
    let mut copies = 1usize;
    let mut dev = false;
    let mut tagger_clusters = false;
    let mut recipe = Recipe::default();
    let mut limit: Option<usize> = None;
    let mut net: Option<NetConfig> = None;
    let mut vectors_path: Option<String> = None;
    let mut parser_from: Option<PathBuf> = None;
    fn net_cfg(net: &mut Option<NetConfig>) -> &mut NetConfig {
        net.get_or_insert_with(NetConfig::default)
    }
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_default();
        match a.as_str() {
            "--gum" => gum = Some(PathBuf::from(val())),
            "--ewt" => ewt = Some(PathBuf::from(val())),
            "--out" => out = Some(PathBuf::from(val())),
            "--gum-copies" => copies = val().parse().unwrap_or(1),
            "--tagger-epochs" => recipe.tagger.epochs = val().parse().unwrap_or(8),
            "--parser-epochs" => recipe.parser.epochs = val().parse().unwrap_or(12),
            "--folds" => recipe.folds = val().parse().unwrap_or(4),
            "--prune-tagger" => recipe.tagger.prune = val().parse().unwrap_or(0.0),
            "--prune-parser" => recipe.parser.prune = val().parse().unwrap_or(0.0),
            "--explore-p" => recipe.parser.explore_p = val().parse().unwrap_or(0.9),
            "--dev" => dev = true,
            "--limit" => limit = val().parse().ok(),
            "--net" => net = Some(NetConfig::default()),
            "--vectors" => vectors_path = Some(val()),
            "--net-epochs" => net_cfg(&mut net).epochs = val().parse().unwrap_or(10),
            "--hidden" => net_cfg(&mut net).dims.hidden = val().parse().unwrap_or(200),
            "--rate" => net_cfg(&mut net).rate = val().parse().unwrap_or(0.02),
            "--dropout" => net_cfg(&mut net).dropout = val().parse().unwrap_or(0.3),
            "--tagger-clusters" => tagger_clusters = true,
            "--copies-parser-only" => recipe.copies_parser_only = true,
            "--copies-tagger-only" => recipe.copies_tagger_only = true,
            "--bare-copies" => recipe.bare_copies = true,
            "--parser-from" => parser_from = Some(PathBuf::from(val())),
            "--extended" => recipe.parser.extended = true,
            "--attach" => recipe.parser.attach = true,
            "--rich" => recipe.parser.rich = true,
            "--tagger-context" => recipe.tagger.context = true,
            "--tagger-rare-below" => recipe.tagger.rare_below = val().parse().unwrap_or(0),
            "--clusters" => {
                let path = val();
                match std::fs::read_to_string(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|t| Clusters::from_tsv(&t))
                {
                    Ok(c) => recipe.parser.clusters = Some(c),
                    Err(e) => {
                        eprintln!("cannot read clusters {path}: {e}");
                        return ExitCode::from(2);
                    }
                }
            }
            other => {
                eprintln!("unknown argument {other}");
                return ExitCode::from(2);
            }
        }
    }
    if tagger_clusters {
        if recipe.parser.clusters.is_none() {
            eprintln!("--tagger-clusters needs --clusters");
            return ExitCode::from(2);
        }
        recipe.tagger.clusters = recipe.parser.clusters.clone();
    }
    let (Some(gum), Some(out)) = (gum, out) else {
        eprintln!("usage: syntax_train --gum DIR [--ewt DIR] --out FILE [options]");
        return ExitCode::from(2);
    };
    let mut data = Vec::new();
    let mut weights = Vec::new();
    match read_gum(&gum, Split::Train) {
        Ok(s) => {
            weights.extend(std::iter::repeat_n(copies, s.len()));
            data.extend(s);
        }
        Err(e) => {
            eprintln!("cannot read GUM at {}: {e}", gum.display());
            return ExitCode::from(2);
        }
    }
    if let Some(ewt) = ewt {
        for name in ["en_ewt-ud-train.conllu", "en_ewt-ud-dev.conllu"] {
            match read_file(&ewt.join(name)) {
                Ok(s) => {
                    weights.extend(std::iter::repeat_n(1, s.len()));
                    data.extend(s);
                }
                Err(e) => {
                    eprintln!("cannot read EWT: {e}");
                    return ExitCode::from(2);
                }
            }
        }
    }
    if let Some(n) = limit {
        data.truncate(n);
        weights.truncate(n);
    }
    if let Some(mut cfg) = net {
        let mut vectors = rustc_hash::FxHashMap::default();
        if let Some(path) = &vectors_path {
            let Ok(text) = std::fs::read_to_string(path) else {
                eprintln!("cannot read vectors {path}");
                return ExitCode::from(2);
            };
            for line in text.lines() {
                let Some((w, v)) = line.split_once('\t') else {
                    continue;
                };
                let v: Vec<f32> = v.split(' ').filter_map(|x| x.parse().ok()).collect();
                cfg.dims.word = v.len();
                vectors.insert(word_hash(w), v);
            }
        }
        recipe.net = Some((cfg, vectors));
    }
    let words: usize = data
        .iter()
        .zip(&weights)
        .map(|(s, w)| s.words.len() * w)
        .sum();
    eprintln!(
        "training on {} distinct sentences, {words} words with GUM x{copies}",
        data.len()
    );
    let started = Instant::now();
    let log = |m: &str| eprintln!("[{:6.1}s] {m}", started.elapsed().as_secs_f64());
    let parser = match &parser_from {
        Some(path) => match corroborate_extract::syntax::Parser::load(path) {
            Ok(base) => train::swap_tagger(&base, &data, &weights, &recipe, log),
            Err(e) => {
                eprintln!("cannot read {}: {e}", path.display());
                return ExitCode::from(2);
            }
        },
        None => train::train(&data, &weights, &recipe, log),
    };
    let bytes = parser.to_bytes();
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("cannot write {}: {e}", out.display());
        return ExitCode::from(2);
    }
    eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
    if dev {
        let gold = match read_gum(&gum, Split::Dev) {
            Ok(g) => g,
            Err(e) => {
                eprintln!("cannot read GUM dev: {e}");
                return ExitCode::from(2);
            }
        };
        // Score what was written (quantized), not the in-memory weights.
        let parser = corroborate_extract::syntax::Parser::from_bytes(&bytes)
            .expect("the model just written reads back");
        let mut scores = corroborate_extract::syntax::score::Scores::default();
        for s in &gold {
            let pred = corroborate_extract::syntax::train::predict(&parser, s);
            scores.add(&s.words, &pred);
        }
        println!(
            "GUM dev ({} words)\n{}\n{}",
            scores.words,
            corroborate_extract::syntax::score::Scores::HEADER,
            scores.row()
        );
    }
    ExitCode::SUCCESS
}
