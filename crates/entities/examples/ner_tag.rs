//! The `corroborate tag --conll FILE` transformation as a stand-alone tool until the CLI wires it:
//! `cargo run --release -p corroborate-entities --example ner_tag -- FILE.conll > tagged.conll`
//! (`-` reads standard input).

use corroborate_entities::ner::{tag_conll, Tagger};
use std::io::{Read, Write};
use std::process::ExitCode;

fn run() -> Result<(), String> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: ner_tag FILE.conll (or - for standard input)")?;
    let mut input = String::new();
    if path == "-" {
        std::io::stdin()
            .read_to_string(&mut input)
            .map_err(|e| format!("reading standard input: {e}"))?;
    } else {
        input = std::fs::read_to_string(&path).map_err(|e| format!("reading {path}: {e}"))?;
    }
    // NER_MODEL names another weights file (a model from scripts/ner/sweep.sh) instead of the bundled one.
    let tagger = match std::env::var_os("NER_MODEL") {
        Some(p) => Tagger::load(std::path::Path::new(&p)),
        None => Tagger::load_default(),
    }
    .map_err(|e| e.to_string())?;
    std::io::stdout()
        .lock()
        .write_all(tag_conll(&tagger, &input).as_bytes())
        .map_err(|e| format!("writing: {e}"))
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ner_tag: {e}");
            ExitCode::FAILURE
        }
    }
}
