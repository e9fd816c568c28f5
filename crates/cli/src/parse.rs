//! `corroborate parse`: sentence structure as CoNLL-U, for plain text (tokenized and split
//! here) or for CoNLL-U input (its words and sentences kept, our annotation columns written).

use crate::commands::Status;
use anyhow::{Context, Result};
use corroborate_extract::syntax::{conllu, Parser};
use corroborate_model::CharIndex;
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

/// Whitespace and control characters as single spaces, so a comment stays one inert line.
fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn run(file: &Path, conllu_input: bool) -> Result<Status> {
    let parser = Parser::bundled().context("loading the bundled syntax model")?;
    let text = read_input(file)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if conllu_input {
        let mut sentences =
            conllu::read(&text).with_context(|| format!("{}: not CoNLL-U", file.display()))?;
        parser.annotate_conllu(&mut sentences);
        out.write_all(conllu::write(&sentences).as_bytes())?;
    } else {
        let chars = CharIndex::new(&text);
        let syntax = parser.parse_text(&text);
        let mut n = 0;
        for s in syntax.sentences.iter().filter(|s| !s.tokens.is_empty()) {
            n += 1;
            writeln!(out, "# sent_id = {n}")?;
            writeln!(out, "# text = {}", one_line(s.span.slice(&text)))?;
            for (i, t) in s.tokens.iter().enumerate() {
                let mut misc = Vec::new();
                if s.tokens
                    .get(i + 1)
                    .is_some_and(|next| next.span.start == t.span.end)
                {
                    misc.push("SpaceAfter=No".to_string());
                }
                misc.push(format!(
                    "TokenRange={}:{}",
                    chars.char_of(t.span.start),
                    chars.char_of(t.span.end)
                ));
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{}",
                    i + 1,
                    t.span.slice(&text),
                    t.lemma,
                    t.upos,
                    t.xpos,
                    t.feats,
                    t.head.map_or(0, |h| h + 1),
                    t.deprel,
                    misc.join("|")
                )?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(Status::Ok)
}
