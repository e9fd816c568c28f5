//! Prints the parse of each line of a text file (one word per line: form, lemma, UPOS,
//! relation, head word) with a model file, to read what a model under trial does with sentences.
//!
//! `cargo run --release -p corroborate-extract --example syntax_parse -- FILE [--model MODEL]`

use corroborate_extract::syntax::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(file) = args.first() else {
        eprintln!("usage: syntax_parse FILE [--model MODEL]");
        return ExitCode::from(2);
    };
    let parser = match args.iter().position(|a| a == "--model") {
        Some(i) => Parser::load(std::path::Path::new(
            args.get(i + 1).map_or("", String::as_str),
        )),
        None => Parser::bundled(),
    };
    let parser = match parser {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot read the model: {e}");
            return ExitCode::from(2);
        }
    };
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        for s in parser.parse_text(line).sentences {
            for (i, t) in s.tokens.iter().enumerate() {
                let head = t.head.map_or("ROOT", |h| s.tokens[h].span.slice(line));
                println!(
                    "{:3} {:15} {:15} {:6} {:12} {}",
                    i + 1,
                    t.span.slice(line),
                    t.lemma,
                    t.upos,
                    t.deprel,
                    head
                );
            }
            println!();
        }
    }
    ExitCode::SUCCESS
}
