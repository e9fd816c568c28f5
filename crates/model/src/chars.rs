//! Converting byte offsets to Unicode scalar (char) offsets for the outside world.

/// Byte → char offset conversion for one text, O(log n) per lookup after an O(n) build.
///
/// Only non-ASCII characters are recorded, so an ASCII text costs nothing.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offsets at which a multi-byte char starts, with the extra bytes before it.
    wide: Vec<(usize, usize)>,
    len_bytes: usize,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut wide = Vec::new();
        let mut extra = 0;
        for (i, c) in text.char_indices() {
            let n = c.len_utf8();
            if n > 1 {
                extra += n - 1;
                // Bytes strictly after this char start owe `extra` fewer chars.
                wide.push((i + n, extra));
            }
        }
        CharIndex {
            wide,
            len_bytes: text.len(),
        }
    }

    /// The char offset of byte offset `byte` (which must be on a char boundary).
    pub fn char_of(&self, byte: usize) -> usize {
        debug_assert!(byte <= self.len_bytes);
        let idx = self.wide.partition_point(|&(b, _)| b <= byte);
        let extra = if idx == 0 { 0 } else { self.wide[idx - 1].1 };
        byte - extra
    }

    /// The byte offset of char offset `ch` (the inverse of [`CharIndex::char_of`]).
    pub fn byte_of(&self, ch: usize) -> usize {
        // byte = ch + extra(byte); extra is monotone, so search the table by char position.
        let idx = self.wide.partition_point(|&(b, e)| b - e <= ch);
        let extra = if idx == 0 { 0 } else { self.wide[idx - 1].1 };
        ch + extra
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn char_offsets_match_std(s in "\\PC{0,40}") {
            let idx = CharIndex::new(&s);
            for (ci, (bi, _)) in s.char_indices().enumerate() {
                prop_assert_eq!(idx.char_of(bi), ci);
                prop_assert_eq!(idx.byte_of(ci), bi);
            }
            prop_assert_eq!(idx.char_of(s.len()), s.chars().count());
            prop_assert_eq!(idx.byte_of(s.chars().count()), s.len());
        }
    }
}
