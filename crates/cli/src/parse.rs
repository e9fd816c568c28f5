//! `corroborate parse`: sentence structure as CoNLL-U, for plain text (tokenized and split
//! here) or for CoNLL-U input (its words and sentences kept, our annotation columns written).

use crate::commands::Status;
use anyhow::{Context, Result};
use corroborate_pipeline::parse;
use std::io::Write;
use std::path::Path;

fn read_input(file: &Path) -> Result<String> {
    let bytes = if file.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)?;
        b
    } else {
        std::fs::read(file).with_context(|| format!("reading {}", file.display()))?
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

pub fn run(file: &Path, conllu_input: bool) -> Result<Status> {
    let parser = parse::load_parser().context("loading the bundled syntax model")?;
    let text = read_input(file)?;
    let out = if conllu_input {
        parse::reparse_conllu(&parser, &text).with_context(|| file.display().to_string())?
    } else {
        parse::parse_text_conllu(&parser, &text)
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(Status::Ok)
}
