//! Feature extraction: word, shape, affix, context and gazetteer features of each token, hashed to
//! 32-bit ids (FNV-1a, so ids are the same on every machine and in every run).

use super::gazetteer::{Gazetteer, CATEGORIES};

/// Incremental FNV-1a over a template id and string parts.
struct FeatureHash(u64);

impl FeatureHash {
    fn new(template: u8) -> FeatureHash {
        let mut h = FeatureHash(0xcbf2_9ce4_8422_2325);
        h.byte(template);
        h
    }

    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }

    fn part(mut self, s: &str) -> FeatureHash {
        for &b in s.as_bytes() {
            self.byte(b);
        }
        self.byte(0xff);
        self
    }

    fn finish(self) -> u32 {
        (self.0 ^ (self.0 >> 32)) as u32
    }
}

/// The collapsed shape of a word: `Obama` -> `Xx`, `U.S.` -> `X.X.`, `1,200` -> `d,d`.
pub fn shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if Some(k) != last {
            out.push(k);
            last = Some(k);
        }
    }
    out
}

fn prefix(w: &str, n: usize) -> &str {
    match w.char_indices().nth(n) {
        Some((i, _)) => &w[..i],
        None => w,
    }
}

fn suffix(w: &str, n: usize) -> &str {
    let count = w.chars().count();
    if count <= n {
        return w;
    }
    let (i, _) = w.char_indices().nth(count - n).unwrap();
    &w[i..]
}

const PAD_START: &str = "<s>";
const PAD_END: &str = "</s>";

/// Hashed feature ids for every token of one sentence.
pub fn extract(tokens: &[&str], gaz: &Gazetteer) -> Vec<Vec<u32>> {
    let n = tokens.len();
    let lower: Vec<String> = tokens.iter().map(|w| w.to_lowercase()).collect();
    let shapes: Vec<String> = tokens.iter().map(|w| shape(w)).collect();
    let gm = gaz.matches(&lower);
    let lw = |i: isize| -> &str {
        if i < 0 {
            PAD_START
        } else if i as usize >= n {
            PAD_END
        } else {
            &lower[i as usize]
        }
    };
    let sh = |i: isize| -> &str {
        if i < 0 {
            PAD_START
        } else if i as usize >= n {
            PAD_END
        } else {
            &shapes[i as usize]
        }
    };
    // In a title-case headline capitalization says little; the model sees that separately.
    let alpha = tokens
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .count();
    let capital = tokens
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    let headline = alpha >= 4 && capital * 10 >= alpha * 7;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let ii = i as isize;
        let mut f = Vec::with_capacity(48);
        let l = &lower[i];
        f.push(FeatureHash::new(0).finish());
        f.push(FeatureHash::new(1).part(l).finish());
        f.push(FeatureHash::new(2).part(tokens[i]).finish());
        f.push(FeatureHash::new(3).part(lw(ii - 1)).finish());
        f.push(FeatureHash::new(4).part(lw(ii + 1)).finish());
        f.push(FeatureHash::new(5).part(lw(ii - 2)).finish());
        f.push(FeatureHash::new(6).part(lw(ii + 2)).finish());
        f.push(FeatureHash::new(7).part(sh(ii)).finish());
        f.push(FeatureHash::new(8).part(sh(ii - 1)).finish());
        f.push(FeatureHash::new(9).part(sh(ii + 1)).finish());
        for k in 1..=3 {
            f.push(FeatureHash::new(10 + k as u8).part(prefix(l, k)).finish());
        }
        for k in 1..=4 {
            f.push(FeatureHash::new(14 + k as u8).part(suffix(l, k)).finish());
        }
        f.push(FeatureHash::new(20).part(lw(ii - 1)).part(l).finish());
        f.push(FeatureHash::new(21).part(l).part(lw(ii + 1)).finish());
        f.push(
            FeatureHash::new(22)
                .part(sh(ii - 1))
                .part(sh(ii))
                .part(sh(ii + 1))
                .finish(),
        );
        f.push(
            FeatureHash::new(23)
                .part(if i == 0 { "first" } else { "later" })
                .part(sh(ii))
                .finish(),
        );
        f.push(FeatureHash::new(24).part(lw(ii - 1)).part(sh(ii)).finish());
        f.push(FeatureHash::new(25).part(sh(ii)).part(lw(ii + 1)).finish());
        f.push(
            FeatureHash::new(26)
                .part(sh(ii - 2))
                .part(sh(ii - 1))
                .part(sh(ii))
                .finish(),
        );
        f.push(
            FeatureHash::new(27)
                .part(sh(ii))
                .part(sh(ii + 1))
                .part(sh(ii + 2))
                .finish(),
        );
        if headline {
            f.push(FeatureHash::new(34).part(sh(ii)).finish());
            f.push(FeatureHash::new(35).part(l).finish());
        }
        for (bit, cat) in CATEGORIES.iter().enumerate() {
            let m = 1u8 << bit;
            if gm[i].begin & m != 0 {
                f.push(FeatureHash::new(30).part(cat).part(sh(ii)).finish());
            }
            if gm[i].inside & m != 0 {
                f.push(FeatureHash::new(31).part(cat).finish());
            }
            if i > 0 && (gm[i - 1].begin | gm[i - 1].inside) & m != 0 {
                f.push(FeatureHash::new(32).part(cat).finish());
            }
            if i + 1 < n && (gm[i + 1].begin | gm[i + 1].inside) & m != 0 {
                f.push(FeatureHash::new(33).part(cat).finish());
            }
        }
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape("Obama"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1,200"), "d,d");
        assert_eq!(shape("iPhone"), "xXx");
    }

    #[test]
    fn features_are_deterministic_and_contextual() {
        let g = Gazetteer::parse("city\tparis\n");
        let a = extract(&["Visit", "Paris", "now"], &g);
        let b = extract(&["Visit", "Paris", "now"], &g);
        assert_eq!(a, b);
        let c = extract(&["Leave", "Paris", "now"], &g);
        assert_eq!(a[1][1], c[1][1], "same word feature");
        assert_ne!(a[1], c[1], "different left context");
        let d = extract(&["Visit", "Lyon", "now"], &g);
        assert!(a[1].len() > d[1].len(), "gazetteer hit adds features");
    }
}
