//! Background word frequencies: how common a word is in English at large, from the `wordfreq`
//! package (`data/background/en.tsv.gz`, built by `scripts/stories/build-background.sh`).
//!
//! The story clusterer weighs a term by how rare it is in general, not by how often it occurs in
//! the documents seen so far. A weight that never moves means that a new document never changes
//! the similarity of two earlier ones, so adding documents costs the same at the millionth as at
//! the first, and the result cannot depend on the order documents arrive in.

use super::features::stem;
use flate2::read::GzDecoder;
use std::collections::HashMap;
use std::io::Read;
use std::sync::LazyLock;

static DATA: &[u8] = include_bytes!("../../../../data/background/en.tsv.gz");

/// The lowest frequency the list holds (10^-7): words not in it are at least this rare.
pub const FLOOR: f64 = 1e-7;

/// Word frequencies, per lower-cased word and per stem (the sum over the words with that stem).
#[derive(Debug)]
pub struct Background {
    words: HashMap<String, f64>,
    stems: HashMap<String, f64>,
}

static BACKGROUND: LazyLock<Background> = LazyLock::new(|| {
    Background::parse(DATA).expect("the bundled background frequencies are well-formed")
});

impl Background {
    /// The bundled English list.
    pub fn english() -> &'static Background {
        &BACKGROUND
    }

    /// Reads `word<TAB>centibels` lines, gzip-compressed.
    pub fn parse(gz: &[u8]) -> Result<Background, String> {
        let mut text = String::new();
        GzDecoder::new(gz)
            .read_to_string(&mut text)
            .map_err(|e| format!("background frequencies: {e}"))?;
        let mut words = HashMap::new();
        let mut stems: HashMap<String, f64> = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let (w, cb) = line
                .split_once('\t')
                .ok_or_else(|| format!("background frequencies: line {} has no tab", n + 1))?;
            let cb: f64 = cb
                .parse()
                .map_err(|_| format!("background frequencies: line {}: bad number", n + 1))?;
            let f = 10f64.powf(cb / 100.0);
            words.insert(w.to_string(), f);
            *stems.entry(stem(w)).or_default() += f;
        }
        Ok(Background { words, stems })
    }

    /// Frequency of a lower-cased word as written ("reid"), at least [`FLOOR`].
    pub fn word(&self, w: &str) -> f64 {
        self.words.get(w).copied().unwrap_or(FLOOR).max(FLOOR)
    }

    /// Frequency of a stem: all the words that stem to it ("earthquake" for "earthquakes").
    pub fn stem(&self, s: &str) -> f64 {
        self.stems.get(s).copied().unwrap_or(FLOOR).max(FLOOR)
    }

    /// Frequency of a name ("tara reid"): that of its rarest word, which is what picks it out.
    pub fn name(&self, name: &str) -> f64 {
        name.split([' ', '-'])
            .filter(|w| !w.is_empty())
            .map(|w| self.word(w))
            .fold(1.0, f64::min)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_frequent_and_names_rare() {
        let b = Background::english();
        assert!(b.word("the") > 0.01);
        assert!(
            b.stem("earthquake") > b.word("earthquake"),
            "plural folded in"
        );
        assert!(b.word("government") > b.word("earthquake"));
        assert!(b.word("earthquake") > b.word("hijacking"));
        assert_eq!(b.word("jolani"), FLOOR);
        assert!(b.name("tara reid") <= b.word("reid"));
        assert!(b.name("tara reid") <= b.word("tara"));
    }

    #[test]
    fn malformed_data_is_an_error() {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(b"the\tnot-a-number\n").unwrap();
        let gz = e.finish().unwrap();
        assert!(Background::parse(&gz).unwrap_err().contains("line 1"));
    }
}
