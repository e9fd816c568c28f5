//! Scores the syntax model on GUM (gold tokens): UPOS, XPOS, lemma, features, UAS, LAS (the
//! CoNLL 2018 way: punctuation included, LAS on universal relations; LAS-full with subtypes),
//! the scheme-fair attachment score, and speed in sentences per second on one thread (per
//! second of wall time, and per second of the thread's own CPU time, which a busy machine
//! disturbs far less). With
//! `--peer`, spaCy en_core_web_sm runs on the same sentences in the same run
//! (`scripts/syntax/peer_spacy.py`) and is scored the same way.
//!
//! `cargo run --release -p corroborate-extract --example syntax_eval -- ../shared/benchmarks/gum [dev|test ...]
//!  [--model FILE] [--peer] [--out DIR] [--prune-tagger X --prune-parser X [--save FILE]] [--diagnose]`
//! (`--diagnose`: where attachment errors fall, by gold relation, and UAS/LAS when the parser
//! is given the gold tags, which bounds what better tagging could bring)
//! (the prune options score a pruned copy of the model, and `--save` writes it)

use corroborate_extract::syntax::score::{Predicted, Scores};
use corroborate_extract::syntax::train::{predict, read_file, read_gum, Split};
use corroborate_extract::syntax::{conllu, Parser};
use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::time::Instant;

/// CPU time of the calling thread so far, from Linux's `/proc/thread-self/schedstat` (its
/// first field: nanoseconds on a CPU); `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

/// Head errors by gold relation (most first), and the parser's scores on gold tags.
fn diagnostics(parser: &Parser, gold: &[conllu::Sentence], preds: &[Vec<Predicted>]) {
    let mut by_rel: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    let mut errors = 0;
    for (g, p) in gold.iter().zip(preds) {
        for (w, p) in g.words.iter().zip(p) {
            let rel = w.deprel.split(':').next().unwrap_or("");
            let e = by_rel.entry(rel).or_default();
            e.0 += 1;
            if w.head != p.head {
                e.1 += 1;
                errors += 1;
            }
        }
    }
    let mut rows: Vec<(&str, (usize, usize))> = by_rel.into_iter().collect();
    rows.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(b.0)));
    println!("head errors by gold relation (words, wrong heads, share of all wrong heads):");
    for (rel, (n, wrong)) in rows.iter().take(15) {
        println!(
            "  {rel:12} {n:6} {wrong:5} ({:4.1}% of its words, {:4.1}% of errors)",
            100.0 * *wrong as f64 / (*n).max(1) as f64,
            100.0 * *wrong as f64 / errors.max(1) as f64
        );
    }
    if let Ok(rel) = std::env::var("SYNTAX_EXAMPLES") {
        let word = |s: &conllu::Sentence, h: usize| {
            if h == 0 {
                "ROOT".to_string()
            } else {
                s.words[h - 1].form.clone()
            }
        };
        for (g, p) in gold.iter().zip(preds).take(400) {
            for (i, (w, p)) in g.words.iter().zip(p).enumerate() {
                if w.deprel.split(':').next() == Some(rel.as_str()) && w.head != p.head {
                    println!(
                        "  {}#{}: {} -> {} {} (gold {} {})  | {}",
                        rel,
                        i + 1,
                        w.form,
                        word(g, p.head),
                        p.deprel,
                        word(g, w.head),
                        w.deprel,
                        g.forms().join(" ")
                    );
                }
            }
        }
    }
    let (mut words, mut uas, mut las) = (0, 0, 0);
    for s in gold {
        let forms = s.forms();
        let xpos: Vec<&str> = s.words.iter().map(|w| w.xpos.as_str()).collect();
        let upos: Vec<&str> = s.words.iter().map(|w| w.upos.as_str()).collect();
        let (mut heads, labels) = parser.deps.parse(&parser.deps.input(&forms, &xpos, &upos));
        // Punctuation by the rule, as `Parser::analyze` does.
        let punct: Vec<bool> = upos
            .iter()
            .zip(&labels)
            .map(|(u, &l)| *u == "PUNCT" && parser.deps.labels[l] == "punct")
            .collect();
        corroborate_extract::syntax::punct::attach(&forms, &punct, &mut heads);
        for ((w, h), l) in s.words.iter().zip(heads).zip(labels) {
            words += 1;
            if w.head == h {
                uas += 1;
                let base = |r: &str| r.split(':').next().unwrap_or("").to_string();
                las += usize::from(base(&w.deprel) == base(&parser.deps.labels[l]));
            }
        }
    }
    let pct = |n: usize| 100.0 * n as f64 / words.max(1) as f64;
    println!(
        "parser on gold tags: UAS {:.2} LAS {:.2}",
        pct(uas),
        pct(las)
    );
}

fn main() -> ExitCode {
    let mut gum = None;
    let mut splits = Vec::new();
    let mut model = None;
    let mut peer = false;
    let mut out = PathBuf::from(".cache/syntax/eval");
    let mut prune = (0f32, 0f32);
    let mut save = None;
    let mut diagnose = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--model" => model = args.next().map(PathBuf::from),
            "--out" => out = args.next().map(PathBuf::from).unwrap_or(out),
            "--peer" => peer = true,
            "--prune-tagger" => prune.0 = args.next().and_then(|x| x.parse().ok()).unwrap_or(0.0),
            "--prune-parser" => prune.1 = args.next().and_then(|x| x.parse().ok()).unwrap_or(0.0),
            "--save" => save = args.next().map(PathBuf::from),
            "--diagnose" => diagnose = true,
            s if Split::parse(s).is_some() => splits.push(s.to_string()),
            s if gum.is_none() => gum = Some(PathBuf::from(s)),
            other => {
                eprintln!("unknown argument {other}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(gum) = gum else {
        eprintln!("usage: syntax_eval GUM_DIR [dev|test ...] [--model FILE] [--peer] [--out DIR]");
        return ExitCode::from(2);
    };
    if splits.is_empty() {
        splits = vec!["dev".into(), "test".into()];
    }
    let parser = match model.as_deref().map_or_else(Parser::bundled, Parser::load) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let parser = if prune != (0.0, 0.0) {
        let bytes = parser.pruned(prune.0, prune.1).to_bytes();
        eprintln!("pruned model: {} bytes", bytes.len());
        if let Some(path) = &save {
            if let Err(e) = std::fs::write(path, &bytes) {
                eprintln!("cannot write {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
        Parser::from_bytes(&bytes).expect("a pruned model reads back")
    } else {
        parser
    };
    eprintln!(
        "model: tagger {} features, parser {} features",
        parser.tagger.n_features(),
        parser.deps.n_features()
    );
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("cannot create {}: {e}", out.display());
        return ExitCode::from(2);
    }
    for split in splits {
        let gold = match read_gum(&gum, Split::parse(&split).unwrap()) {
            Ok(g) => g,
            Err(e) => {
                eprintln!("cannot read GUM {split}: {e}");
                return ExitCode::from(2);
            }
        };
        let words: usize = gold.iter().map(|s| s.words.len()).sum();
        let started = Instant::now();
        let cpu_started = cpu_seconds();
        let preds: Vec<Vec<Predicted>> = gold.iter().map(|s| predict(&parser, s)).collect();
        let secs = started.elapsed().as_secs_f64();
        let cpu = cpu_started.zip(cpu_seconds()).map(|(a, b)| b - a);
        let mut ours = Scores::default();
        for (g, p) in gold.iter().zip(&preds) {
            ours.add(&g.words, p);
        }
        println!("GUM {split}: {} sentences, {words} words", gold.len());
        println!("system        {}  sent/s  sent/cpu-s", Scores::HEADER);
        let per =
            |s: Option<f64>| s.map_or("-".to_string(), |s| format!("{:.0}", gold.len() as f64 / s));
        println!(
            "corroborate   {}  {:7.0}  {:>10}",
            ours.row(),
            gold.len() as f64 / secs,
            per(cpu)
        );
        if diagnose {
            diagnostics(&parser, &gold, &preds);
        }
        if peer {
            let gold_path = out.join(format!("gum-{split}.gold.conllu"));
            let peer_path = out.join(format!("gum-{split}.spacy.conllu"));
            if let Err(e) = std::fs::write(&gold_path, conllu::write(&gold)) {
                eprintln!("cannot write {}: {e}", gold_path.display());
                return ExitCode::from(2);
            }
            let run = Command::new("python3")
                .arg("scripts/syntax/peer_spacy.py")
                .arg(&gold_path)
                .arg(&peer_path)
                .output();
            let field = |o: &std::process::Output, name: &str| {
                String::from_utf8_lossy(&o.stdout).lines().find_map(|l| {
                    l.strip_prefix(name)
                        .and_then(|s| s.trim().parse::<f64>().ok())
                })
            };
            let peer_cpu = match &run {
                Ok(o) if o.status.success() => field(o, "cpu_seconds "),
                _ => None,
            };
            let seconds = match &run {
                Ok(o) if o.status.success() => field(o, "seconds "),
                Ok(o) => {
                    eprintln!(
                        "peer_spacy.py failed: {}",
                        String::from_utf8_lossy(&o.stderr)
                    );
                    None
                }
                Err(e) => {
                    eprintln!("cannot run peer_spacy.py: {e}");
                    None
                }
            };
            let theirs = match (seconds, read_file(&peer_path)) {
                (Some(s), Ok(p)) => (s, p),
                (_, Err(e)) => {
                    eprintln!("no spaCy output: {e}");
                    return ExitCode::from(1);
                }
                (None, _) => return ExitCode::from(1),
            };
            let mut sc = Scores::default();
            for (g, p) in gold.iter().zip(&theirs.1) {
                let pred: Vec<Predicted> = p
                    .words
                    .iter()
                    .map(|w| Predicted {
                        upos: w.upos.clone(),
                        xpos: w.xpos.clone(),
                        lemma: w.lemma.clone(),
                        feats: w.feats.clone(),
                        head: w.head,
                        deprel: w.deprel.clone(),
                    })
                    .collect();
                sc.add(&g.words, &pred);
            }
            println!(
                "spaCy-sm      {}  {:7.0}  {:>10}",
                sc.row(),
                gold.len() as f64 / theirs.0,
                per(peer_cpu)
            );
            let cpu_ratio = cpu
                .zip(peer_cpu)
                .map_or("-".to_string(), |(a, b)| format!("{:.1}x", b / a));
            println!(
                "speed ratio   {:.1}x wall, {cpu_ratio} CPU time",
                theirs.0 / secs
            );
        }
    }
    ExitCode::SUCCESS
}
