//! Near-duplicate and syndication detection: MinHash over word shingles at document level,
//! exact hashes of normalized paragraphs at paragraph level, LSH bands for candidate search.
//!
//! A copy is linked to its original with the overlap fraction: the share of the copy's text
//! that the original also carries (shingle containment estimated from MinHash, or the share of
//! its paragraph characters found in the original, whichever is larger).

use corroborate_model::Span;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

/// Number of MinHash bins (one-permutation hashing); a power of two.
pub const PERMUTATIONS: usize = 64;
/// LSH: `BANDS` bands of `ROWS` rows; pairs with Jaccard ≈ 0.5 meet in some band with
/// probability ≈ 0.65, pairs at 0.8 with ≈ 0.999.
pub const BANDS: usize = 16;
pub const ROWS: usize = PERMUTATIONS / BANDS;
const SHINGLE: usize = 5;
/// Paragraphs shorter than this (normalized chars) are headings and widgets, not evidence.
const MIN_PARAGRAPH: usize = 40;

/// What is kept of a document to compare it with others later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub minhash: Vec<u64>,
    /// Number of distinct shingles (for containment estimates).
    pub shingles: u32,
    /// (hash of normalized paragraph, its normalized length).
    pub paragraphs: Vec<(u64, u32)>,
}

impl Fingerprint {
    pub fn new(text: &str, paragraphs: &[Span]) -> Fingerprint {
        let words = words(text);
        let word_hashes: Vec<u64> = words.iter().map(|w| w.hash).collect();
        // A shingle's hash combines its words' hashes: no string is built per shingle.
        let mut hashes: Vec<u64> = if word_hashes.len() < SHINGLE {
            (!word_hashes.is_empty())
                .then(|| combine(&word_hashes))
                .into_iter()
                .collect()
        } else {
            word_hashes.windows(SHINGLE).map(combine).collect()
        };
        hashes.sort_unstable();
        hashes.dedup();
        let minhash = one_permutation_minhash(&hashes);
        let paragraphs = paragraphs
            .iter()
            .filter_map(|p| {
                let first = words.partition_point(|w| w.start < p.start);
                let last = words.partition_point(|w| w.start < p.end);
                let len: usize = words[first..last]
                    .iter()
                    .map(|w| w.len as usize)
                    .sum::<usize>()
                    + (last - first).saturating_sub(1);
                (len >= MIN_PARAGRAPH).then(|| (combine(&word_hashes[first..last]), len as u32))
            })
            .collect();
        Fingerprint {
            minhash,
            shingles: hashes.len() as u32,
            paragraphs,
        }
    }

    /// The LSH band keys of this fingerprint: documents sharing a key are candidates.
    pub fn bands(&self) -> Vec<u64> {
        self.minhash
            .chunks(ROWS)
            .enumerate()
            .map(|(i, rows)| {
                let mut buf = Vec::with_capacity(8 * (ROWS + 1));
                buf.extend_from_slice(&(i as u64).to_le_bytes());
                for r in rows {
                    buf.extend_from_slice(&r.to_le_bytes());
                }
                xxh3_64(&buf)
            })
            .collect()
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn jaccard(&self, other: &Fingerprint) -> f64 {
        let same = self
            .minhash
            .iter()
            .zip(&other.minhash)
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / PERMUTATIONS as f64
    }

    /// The share of `self` that `other` also carries, in [0, 1].
    pub fn overlap_in(&self, other: &Fingerprint) -> f64 {
        let j = self.jaccard(other);
        let (a, b) = (self.shingles as f64, other.shingles as f64);
        let shingle_containment = if a == 0.0 {
            0.0
        } else {
            (j * (a + b) / (1.0 + j) / a).min(1.0)
        };
        let total: u32 = self.paragraphs.iter().map(|p| p.1).sum();
        let shared: u32 = self
            .paragraphs
            .iter()
            .filter(|p| other.paragraphs.iter().any(|q| q.0 == p.0))
            .map(|p| p.1)
            .sum();
        let para = if total == 0 {
            0.0
        } else {
            shared as f64 / total as f64
        };
        shingle_containment.max(para)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 * PERMUTATIONS + 8 + 12 * self.paragraphs.len());
        for v in &self.minhash {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.shingles.to_le_bytes());
        for (h, n) in &self.paragraphs {
            out.extend_from_slice(&h.to_le_bytes());
            out.extend_from_slice(&n.to_le_bytes());
        }
        out
    }

    pub fn from_bytes(b: &[u8]) -> Option<Fingerprint> {
        let u64_at = |i: usize| {
            b.get(i..i + 8)
                .map(|s| u64::from_le_bytes(s.try_into().expect("8 bytes")))
        };
        let u32_at = |i: usize| {
            b.get(i..i + 4)
                .map(|s| u32::from_le_bytes(s.try_into().expect("4 bytes")))
        };
        let minhash = (0..PERMUTATIONS)
            .map(|i| u64_at(i * 8))
            .collect::<Option<Vec<_>>>()?;
        let mut pos = PERMUTATIONS * 8;
        let shingles = u32_at(pos)?;
        pos += 4;
        let mut paragraphs = Vec::new();
        while pos < b.len() {
            paragraphs.push((u64_at(pos)?, u32_at(pos + 8)?));
            pos += 12;
        }
        Some(Fingerprint {
            minhash,
            shingles,
            paragraphs,
        })
    }
}

/// A syndicated or near-duplicate copy and the document it copies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateLink {
    pub copy: String,
    pub original: String,
    /// Share of the copy's text found in the original.
    pub overlap: f64,
    /// `near-duplicate` (Jaccard ≥ 0.8: the same story, lightly edited) or `syndicated` (a large
    /// part of the copy is the original's text).
    pub method: String,
}

/// Overlap at or above which a document counts as a copy.
pub const COPY_THRESHOLD: f64 = 0.5;

/// Decides whether `a` and `b` are copies; `a_first` says `a` is the earlier (the original)
/// when both are copies of each other.
pub fn link(
    a_id: &str,
    a: &Fingerprint,
    b_id: &str,
    b: &Fingerprint,
    a_first: bool,
) -> Option<DuplicateLink> {
    let a_in_b = a.overlap_in(b);
    let b_in_a = b.overlap_in(a);
    if a_in_b.max(b_in_a) < COPY_THRESHOLD {
        return None;
    }
    // The copy is the one more contained in the other; at a tie, the later one.
    let (copy, original, overlap) = if (a_in_b - b_in_a).abs() < 0.05 {
        if a_first {
            (b_id, a_id, b_in_a)
        } else {
            (a_id, b_id, a_in_b)
        }
    } else if b_in_a > a_in_b {
        (b_id, a_id, b_in_a)
    } else {
        (a_id, b_id, a_in_b)
    };
    let method = if a.jaccard(b) >= 0.8 {
        "near-duplicate"
    } else {
        "syndicated"
    };
    Some(DuplicateLink {
        copy: copy.to_string(),
        original: original.to_string(),
        overlap: (overlap * 1000.0).round() / 1000.0,
        method: method.to_string(),
    })
}

/// A word of the text: the hash of its lowercased form, where it starts, its byte length.
struct Word {
    hash: u64,
    start: usize,
    len: u32,
}

/// The lowercased alphanumeric words of `text`, in order, in one pass.
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut buf = String::new();
    let mut push = |s: usize, e: usize, out: &mut Vec<Word>| {
        let w = &text[s..e];
        let hash = if w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
            buf.clear();
            buf.extend(w.chars().flat_map(char::to_lowercase));
            xxh3_64(buf.as_bytes())
        } else {
            xxh3_64(w.as_bytes())
        };
        out.push(Word {
            hash,
            start: s,
            len: (e - s) as u32,
        });
    };
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push(s, i, &mut out);
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut out);
    }
    out
}

/// One-permutation MinHash with rotation densification (Li, Owen & Zhang 2012; Shrivastava &
/// Li 2014): each shingle hash is mixed once, its top bits pick one of the bins and the rest is
/// the value kept if smallest; empty bins borrow from the next non-empty bin. The same Jaccard
/// estimate as k independent permutations at 1/k of the cost.
fn one_permutation_minhash(hashes: &[u64]) -> Vec<u64> {
    const BITS: u32 = PERMUTATIONS.trailing_zeros();
    const EMPTY: u64 = u64::MAX;
    let (a, b) = PERMS[0];
    let mut bins = vec![EMPTY; PERMUTATIONS];
    for &h in hashes {
        let v = h.wrapping_mul(a).wrapping_add(b);
        let bin = (v >> (64 - BITS)) as usize;
        let rest = v & (u64::MAX >> BITS);
        if rest < bins[bin] {
            bins[bin] = rest;
        }
    }
    if bins.iter().all(|&x| x == EMPTY) {
        return bins;
    }
    let filled = bins.clone();
    for (i, slot) in bins.iter_mut().enumerate() {
        if *slot != EMPTY {
            continue;
        }
        // Borrow from the next filled bin, tagged with the distance so borrowed values from
        // different places do not collide.
        let mut d = 1;
        while filled[(i + d) % PERMUTATIONS] == EMPTY {
            d += 1;
        }
        *slot = filled[(i + d) % PERMUTATIONS] ^ ((d as u64) << (64 - BITS));
    }
    bins
}

/// An order-sensitive combination of word hashes.
fn combine(words: &[u64]) -> u64 {
    words.iter().fold(0x9E37_79B9_7F4A_7C15u64, |acc, &w| {
        (acc.rotate_left(23) ^ w).wrapping_mul(0xFF51_AFD7_ED55_8CCD)
    })
}

/// Fixed odd multipliers and offsets (splitmix64 from a constant seed), so fingerprints are the
/// same on every machine and in every version that keeps this table.
static PERMS: std::sync::LazyLock<Vec<(u64, u64)>> = std::sync::LazyLock::new(|| {
    let mut state: u64 = 0x00C0_44AB_0A7E_0001;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    (0..PERMUTATIONS).map(|_| (next() | 1, next())).collect()
});

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::layout::paragraphs;

    const WIRE: &str = "Insurgent groups have declared Damascus liberated from President Bashar al-Assad after a twelve-day offensive led by a coalition.\n\nAl-Assad, who ruled the country with an iron fist for 24 years, was granted asylum in Russia, according to a Kremlin source quoted by the TASS news agency.\n\nThe resounding success of the insurgent operation was attributed to over a decade of training, according to an opposition leader.";

    fn fp(t: &str) -> Fingerprint {
        Fingerprint::new(t, &paragraphs(t))
    }

    #[test]
    fn syndicated_copy_links_to_original() {
        let copy = format!(
            "Syria: al-Assad flees\n\nBy EFE\n\n{WIRE}\n\nRead more news here on Havana Times."
        );
        let l = link("orig", &fp(WIRE), "copy", &fp(&copy), true).unwrap();
        assert_eq!((l.copy.as_str(), l.original.as_str()), ("copy", "orig"));
        assert!(l.overlap > 0.8, "{l:?}");
    }

    #[test]
    fn partial_reuse_counts_paragraphs() {
        let (first, _) = WIRE.split_once("\n\n").unwrap();
        let other = format!("{first}\n\nA wholly different second paragraph written by another outlet about other matters entirely, with its own words and facts.");
        let l = link("a", &fp(WIRE), "b", &fp(&other), true).unwrap();
        assert_eq!(l.copy, "b");
        assert_eq!(l.method, "syndicated");
    }

    #[test]
    fn different_stories_do_not_link() {
        let other = "An earthquake of magnitude 6.1 struck the region on Tuesday, officials said, damaging houses.\n\nRescue teams were sent to the villages near the epicentre, where roads were blocked.";
        assert!(link("a", &fp(WIRE), "b", &fp(other), true).is_none());
    }

    #[test]
    fn bytes_round_trip() {
        let f = fp(WIRE);
        assert_eq!(Fingerprint::from_bytes(&f.to_bytes()), Some(f.clone()));
        assert_eq!(f.bands().len(), BANDS);
    }
}
