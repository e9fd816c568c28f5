//! Trains the NER model from the corpus `scripts/ner/make_corpus.py` writes (run through
//! `scripts/ner/train.sh`, not by hand): `ner_train CORPUS OUT.bin [--epochs N] [--seed N]
//! [--min-count N] [--prune X] [--clusters]`.

use corroborate_entities::ner::clusters::ClusterConfig;
use corroborate_entities::ner::gazetteer::Gazetteer;
use corroborate_entities::ner::train::{read_corpus, train, TrainConfig};
use std::process::ExitCode;
use std::time::Instant;

fn run() -> Result<(), String> {
    let mut cfg = TrainConfig::default();
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
            "--clusters" => cfg.clusters = Some(ClusterConfig::default()),
            "--prune" => cfg.prune = value(&a)?.parse().map_err(|e| format!("--prune: {e}"))?,
            _ if a.starts_with("--") => return Err(format!("unknown flag {a}")),
            _ => paths.push(a),
        }
    }
    let [corpus, out] = &paths[..] else {
        return Err(
            "usage: ner_train CORPUS OUT.bin [--epochs N] [--seed N] [--min-count N] [--prune X]"
                .into(),
        );
    };
    let text = std::fs::read_to_string(corpus).map_err(|e| format!("reading {corpus}: {e}"))?;
    let sentences = read_corpus(&text).map_err(|e| e.to_string())?;
    let tokens: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    eprintln!("{} sentences, {tokens} tokens; {cfg:?}", sentences.len());
    let start = Instant::now();
    let model = train(&sentences, &Gazetteer::bundled(), &cfg, |epoch, err| {
        eprintln!(
            "epoch {epoch}: token error rate {:.4} ({:.0}s)",
            err,
            start.elapsed().as_secs_f64()
        );
    });
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
