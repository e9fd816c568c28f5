//! Sentence structure as CoNLL-U (`corroborate parse`): plain text is tokenized and split by our
//! own layer; CoNLL-U input keeps its words and sentences and gets our annotation columns.

pub use corroborate_extract::syntax::{Parser, SyntaxError};

use corroborate_extract::syntax::conllu;
use corroborate_model::CharIndex;
use std::fmt::Write;

/// The input is CoNLL-U but could not be read as such.
#[derive(Debug, thiserror::Error)]
#[error("not CoNLL-U: {0}")]
pub struct NotConllu(String);

/// Loads the bundled syntax model (tokenizer, tagger, lemmatizer, parser).
pub fn load_parser() -> Result<Parser, SyntaxError> {
    Parser::bundled()
}

/// Whitespace and control characters as single spaces, so a comment stays one inert line.
fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// CoNLL-U for plain text: one block per non-empty sentence, `TokenRange` (character offsets
/// into the input) and `SpaceAfter=No` in MISC.
pub fn parse_text_conllu(parser: &Parser, text: &str) -> String {
    let chars = CharIndex::new(text);
    let syntax = parser.parse_text(text);
    let mut out = String::new();
    let mut n = 0;
    for s in syntax.sentences.iter().filter(|s| !s.tokens.is_empty()) {
        n += 1;
        let _ = writeln!(out, "# sent_id = {n}");
        let _ = writeln!(out, "# text = {}", one_line(s.span.slice(text)));
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
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{}",
                i + 1,
                t.span.slice(text),
                t.lemma,
                t.upos,
                t.xpos,
                t.feats,
                t.head.map_or(0, |h| h + 1),
                t.deprel,
                misc.join("|")
            );
        }
        out.push('\n');
    }
    out
}

/// CoNLL-U input with our LEMMA, UPOS, XPOS, FEATS, HEAD and DEPREL in its columns; its words,
/// sentence boundaries, comments and MISC are kept.
pub fn reparse_conllu(parser: &Parser, text: &str) -> Result<String, NotConllu> {
    let mut sentences = conllu::read(text).map_err(|e| NotConllu(e.to_string()))?;
    parser.annotate_conllu(&mut sentences);
    Ok(conllu::write(&sentences))
}
