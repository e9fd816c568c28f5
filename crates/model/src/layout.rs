//! The layout of a text: its paragraphs, found from blank lines and line lengths alone.
//!
//! Kept here, beside [`crate::Document`], because reading bytes (ingest) needs paragraphs for
//! metadata and copy detection while sentence segmentation, a per-document stage, builds on
//! them: both sides use this one definition.

use crate::Span;

/// Splits `text` into paragraphs.
///
/// Web copies come in two shapes: one paragraph per line (lines hundreds of characters long), or
/// hard-wrapped blocks separated by blank lines. A text with any line longer than
/// [`UNWRAPPED_LINE`] characters is the first shape, so every line is a paragraph; otherwise
/// blank lines separate paragraphs and single newlines are wrapping.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let unwrapped = text.lines().any(|l| l.chars().count() > UNWRAPPED_LINE);
    let mut out = Vec::new();
    let mut block_start: Option<usize> = None;
    let mut block_end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_span = Span::new(pos, pos + line.len()).trim(text);
        pos += line.len();
        if line_span.is_empty() {
            if let Some(s) = block_start.take() {
                out.push(Span::new(s, block_end));
            }
            continue;
        }
        if unwrapped {
            out.push(line_span);
            continue;
        }
        if block_start.is_none() {
            block_start = Some(line_span.start);
        }
        block_end = line_span.end;
    }
    if let Some(s) = block_start {
        out.push(Span::new(s, block_end));
    }
    out
}

/// Lines longer than this mean the text is not hard-wrapped.
pub const UNWRAPPED_LINE: usize = 110;
