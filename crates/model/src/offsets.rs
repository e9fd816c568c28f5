//! The map from cleaned-text offsets back to the raw input they were taken from.

use crate::Span;
use serde::{Deserialize, Serialize};

/// One stretch of cleaned text and the stretch of raw input it came from.
///
/// When `clean.len() == raw.len()` the two are byte-identical (a verbatim copy) and offsets inside
/// map one to one. Otherwise the text was transformed (HTML entities decoded, whitespace
/// collapsed) and only the piece's ends map exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    pub clean: Span,
    pub raw: Span,
}

impl Piece {
    pub fn is_verbatim(&self) -> bool {
        self.clean.len() == self.raw.len()
    }
}

/// Pieces sorted by `clean.start`, non-overlapping. Cleaned text not covered by any piece was
/// synthesized (a paragraph break between HTML blocks, say) and has no raw origin.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
}

impl OffsetMap {
    pub fn new() -> OffsetMap {
        OffsetMap::default()
    }

    /// The identity map over a text of `len` bytes (the cleaned text *is* the raw input).
    pub fn identity(len: usize) -> OffsetMap {
        let mut m = OffsetMap::new();
        m.push(Span::new(0, len), Span::new(0, len));
        m
    }

    /// Appends a piece. Pieces must arrive in cleaned-text order; adjacent verbatim pieces that are
    /// also adjacent in the raw input are merged so the map stays small.
    pub fn push(&mut self, clean: Span, raw: Span) {
        if clean.is_empty() && raw.is_empty() {
            return;
        }
        if let Some(last) = self.pieces.last_mut() {
            debug_assert!(last.clean.end <= clean.start, "pieces out of order");
            if last.is_verbatim()
                && clean.len() == raw.len()
                && last.clean.end == clean.start
                && last.raw.end == raw.start
            {
                last.clean.end = clean.end;
                last.raw.end = raw.end;
                return;
            }
        }
        self.pieces.push(Piece { clean, raw });
    }

    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// The raw offset of cleaned offset `clean` read as the end of a range: where a piece ends
    /// and the next begins, the earlier piece wins. Inside a transformed piece the answer is the
    /// piece's raw start (or raw end at its end); in synthesized text between pieces, the raw end
    /// of the piece before. `None` only before the first piece.
    pub fn to_raw(&self, clean: usize) -> Option<usize> {
        let idx = self.pieces.partition_point(|p| p.clean.end < clean);
        match self.pieces.get(idx) {
            Some(p) if p.clean.start <= clean => Some(Self::inside(p, clean)),
            _ => idx.checked_sub(1).map(|i| self.pieces[i].raw.end),
        }
    }

    /// Like [`OffsetMap::to_raw`], read as the start of a range: the later piece wins at a seam,
    /// and synthesized text maps to the raw start of the piece after it. `None` only after the
    /// last piece.
    pub fn to_raw_start(&self, clean: usize) -> Option<usize> {
        let idx = self.pieces.partition_point(|p| p.clean.end <= clean);
        match self.pieces.get(idx) {
            Some(p) if p.clean.start <= clean => Some(Self::inside(p, clean)),
            Some(p) => Some(p.raw.start),
            None => self.to_raw(clean),
        }
    }

    fn inside(p: &Piece, clean: usize) -> usize {
        if p.is_verbatim() {
            p.raw.start + (clean - p.clean.start)
        } else if clean == p.clean.end {
            p.raw.end
        } else {
            p.raw.start
        }
    }

    /// The raw range a cleaned span came from: from the raw origin of its start to that of its end.
    pub fn raw_span(&self, clean: Span) -> Option<Span> {
        let start = self.to_raw_start(clean.start)?;
        let end = self.to_raw(clean.end)?;
        (start <= end).then(|| Span::new(start, end))
    }

    /// The raw ranges the text of `clean` was taken from, piece by piece, clipped to the span.
    /// When a span crosses a place where input was removed it comes from several raw ranges;
    /// for verbatim pieces the raw slices joined equal the span's text.
    pub fn raw_pieces(&self, clean: Span) -> Vec<Span> {
        let first = self.pieces.partition_point(|p| p.clean.end <= clean.start);
        self.pieces[first..]
            .iter()
            .take_while(|p| p.clean.start < clean.end)
            .map(|p| {
                if !p.is_verbatim() {
                    return p.raw;
                }
                let s = clean.start.max(p.clean.start);
                let e = clean.end.min(p.clean.end);
                Span::new(
                    p.raw.start + (s - p.clean.start),
                    p.raw.start + (e - p.clean.start),
                )
            })
            .collect()
    }

    /// Whether `clean` lies inside verbatim pieces only, so `raw[raw_span] == text[clean]` holds.
    pub fn is_verbatim_span(&self, clean: Span) -> bool {
        let mut pos = clean.start;
        if clean.is_empty() {
            return self.to_raw(pos).is_some();
        }
        let mut idx = self.pieces.partition_point(|p| p.clean.end <= pos);
        while pos < clean.end {
            let Some(p) = self.pieces.get(idx) else {
                return false;
            };
            if p.clean.start > pos || !p.is_verbatim() {
                return false;
            }
            pos = p.clean.end;
            idx += 1;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_through_gaps() {
        // raw: "Hello JUNK world", clean: "Hello world"
        let mut m = OffsetMap::new();
        m.push(Span::new(0, 6), Span::new(0, 6));
        m.push(Span::new(6, 11), Span::new(11, 16));
        assert_eq!(m.to_raw(0), Some(0));
        assert_eq!(m.to_raw(7), Some(12));
        assert_eq!(m.raw_span(Span::new(6, 11)), Some(Span::new(11, 16)));
        assert!(m.is_verbatim_span(Span::new(2, 9)));
    }

    #[test]
    fn merges_adjacent_verbatim_pieces() {
        let mut m = OffsetMap::new();
        m.push(Span::new(0, 3), Span::new(0, 3));
        m.push(Span::new(3, 5), Span::new(3, 5));
        assert_eq!(m.pieces().len(), 1);
    }

    #[test]
    fn transformed_piece_maps_ends() {
        // raw "a &amp; b" -> clean "a & b"
        let mut m = OffsetMap::new();
        m.push(Span::new(0, 2), Span::new(0, 2));
        m.push(Span::new(2, 3), Span::new(2, 7));
        m.push(Span::new(3, 5), Span::new(7, 9));
        assert_eq!(m.to_raw(3), Some(7));
        assert!(!m.is_verbatim_span(Span::new(0, 5)));
        assert!(m.is_verbatim_span(Span::new(3, 5)));
    }
}
