//! Trains the NER model from the corpus `scripts/ner/make_corpus.py` writes (run through
//! `scripts/ner/train.sh`, not by hand): `ner_train CORPUS OUT.bin [--epochs N] [--seed N]
//! [--min-count N] [--prune X] [--cluster-file CLUSTERS.tsv | --learn-clusters]`.
//!
//! `--cluster-file` reads the word clusters `scripts/ner/make_clusters.py` makes from MiniLM's
//! embedding table; `--learn-clusters` learns flat ones from the corpus text instead
//! (`clusters::Clusters::learn`).

use corroborate_entities::ner::clusters::{ClusterConfig, Clusters};
use corroborate_entities::ner::gazetteer::Gazetteer;
use corroborate_entities::ner::train::{read_corpus, train, TrainConfig};
use std::process::ExitCode;
use std::time::Instant;

fn run() -> Result<(), String> {
    let mut cfg = TrainConfig::default();
    let (mut cluster_file, mut learn_clusters) = (None, false);
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |flag: &str| args.next().ok_or(format!("{flag} needs a value"));
        match a.as_str() {
            "--epochs" => cfg.epochs = value(&a)?.parse().map_err(|e| format!("--epochs: {e}"))?,
            "--seed" => cfg.seed = value(&a)?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--min-count" => {
                cfg.min_count = value(&a)?
                    .parse()
                    .map_err(|e| format!("--min-count: {e}"))?
            }
            "--cluster-file" => cluster_file = Some(value(&a)?),
            "--learn-clusters" => learn_clusters = true,
            "--prune" => cfg.prune = value(&a)?.parse().map_err(|e| format!("--prune: {e}"))?,
            _ if a.starts_with("--") => return Err(format!("unknown flag {a}")),
            _ => paths.push(a),
        }
    }
    let [corpus, out] = &paths[..] else {
        return Err(
            "usage: ner_train CORPUS OUT.bin [--epochs N] [--seed N] [--min-count N] [--prune X] \
             [--cluster-file CLUSTERS.tsv | --learn-clusters]"
                .into(),
        );
    };
    let text = std::fs::read_to_string(corpus).map_err(|e| format!("reading {corpus}: {e}"))?;
    let sentences = read_corpus(&text).map_err(|e| e.to_string())?;
    let tokens: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    eprintln!("{} sentences, {tokens} tokens; {cfg:?}", sentences.len());
    let clusters = match (&cluster_file, learn_clusters) {
        (Some(_), true) => return Err("--cluster-file or --learn-clusters, not both".into()),
        (Some(f), false) => {
            let text = std::fs::read_to_string(f).map_err(|e| format!("reading {f}: {e}"))?;
            Clusters::from_tsv(&text)?
        }
        (None, true) => Clusters::learn(
            sentences.iter().map(|s| s.tokens.as_slice()),
            &ClusterConfig::default(),
        ),
        (None, false) => Clusters::default(),
    };
    eprintln!("{} clustered words", clusters.len());
    let start = Instant::now();
    let model = train(
        &sentences,
        &Gazetteer::bundled(),
        clusters,
        &cfg,
        |epoch, err| {
            eprintln!(
                "epoch {epoch}: token error rate {:.4} ({:.0}s)",
                err,
                start.elapsed().as_secs_f64()
            );
        },
    );
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| format!("writing {out}: {e}"))?;
    eprintln!(
        "wrote {out}: {} features, {} bytes",
        model.n_features(),
        bytes.len()
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ner_train: {e}");
            ExitCode::FAILURE
        }
    }
}
