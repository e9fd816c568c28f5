//! Spelling and transliteration variants by a fitted model: "Beit Lahiya" / "Beit Lahia", "Bettie
//! Page" / "Betty Page", "Ministry of Defence" / "Defense Ministry", "Somali" / "Somalian" inside
//! an organization's name.
//!
//! Two names are compared word by word over a phonetic key ([`phonetic`]: the transliteration
//! rules of [`super::names`], then soft consonants and vowels folded) and by character
//! similarity (Jaro–Winkler) of their spellings and keys; words may stand in another order
//! ("Defence Ministry" for "Ministry of Defence"). [`features`] turns a pair into numbers and
//! [`probability`] weighs them by a logistic regression whose weights [`WEIGHTS`] were fitted by
//! [`fit`] on the gold variant pairs of the ECB+ and MEANTIME train splits (`examples/coref_eval.rs
//! --fit`, deterministic: batch gradient descent from zero, fixed steps). The caller asks for
//! agreeing context before it merges (see `alias::across_documents`).

use super::names::{fold, token_key, Name};

/// Function words left out when names are compared as bags of words.
const FUNCTION_WORDS: [&str; 8] = ["of", "the", "for", "and", "de", "la", "in", "on"];

/// The phonetic key of one word: the transliteration key, then c before e/i/y as s, other c as
/// k, z as s, y as i, w as v, vowels after the first letter dropped, doubled letters once.
/// "Lahiya" and "Lahia" → "lh"; "Defence" and "Defense" → "dfns".
pub fn phonetic(word: &str) -> String {
    // Soft and hard c, and z, before the transliteration rules fold e into a.
    let f: Vec<char> = fold(word).chars().collect();
    let mut soft = String::with_capacity(f.len());
    for (i, &c) in f.iter().enumerate() {
        soft.push(match c {
            'c' if matches!(f.get(i + 1), Some('e' | 'i' | 'y')) => 's',
            'c' => 'k',
            'z' => 's',
            other => other,
        });
    }
    let k = token_key(&soft);
    let chars: Vec<char> = k.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let c = match c {
            'y' => 'i',
            'w' => 'v',
            other => other,
        };
        if i > 0 && matches!(c, 'a' | 'e' | 'i' | 'o' | 'u') {
            continue;
        }
        if i > 0 && c == 'h' && !matches!(out.chars().last(), Some('s' | 'k' | 't')) {
            continue; // a written h after a vowel or most consonants is silent in these spellings
        }
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Jaro–Winkler similarity of two strings (1 for equal strings, 0 for nothing in common).
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.is_empty() || b.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let (mut ma, mut mb) = (vec![false; a.len()], vec![false; b.len()]);
    let mut matches = 0usize;
    for i in 0..a.len() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for j in lo..hi {
            if !mb[j] && a[i] == b[j] {
                ma[i] = true;
                mb[j] = true;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let (sa, sb): (Vec<char>, Vec<char>) = (
        a.iter().zip(&ma).filter(|p| *p.1).map(|p| *p.0).collect(),
        b.iter().zip(&mb).filter(|p| *p.1).map(|p| *p.0).collect(),
    );
    let transpositions = sa.iter().zip(&sb).filter(|(x, y)| x != y).count() / 2;
    let m = matches as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + (m - transpositions as f64) / m) / 3.0;
    let prefix = a.iter().zip(&b).take(4).take_while(|(x, y)| x == y).count();
    jaro + prefix as f64 * 0.1 * (1.0 - jaro)
}

/// The content words of a name, folded: function words and initials ("W.", "C.") left out.
pub fn content(n: &Name) -> Vec<String> {
    n.tokens
        .iter()
        .filter(|t| t.text.trim_end_matches('.').chars().count() > 1)
        .map(|t| fold(&t.text).replace(['\'', '’', '.'], ""))
        .filter(|w| !w.is_empty() && !FUNCTION_WORDS.contains(&w.as_str()))
        .collect()
}

/// Whether two names are worth asking the model about: as many content words, and alike as a
/// whole (Jaro–Winkler of the sorted content words at least 0.75). The resolver's blocking and
/// the training pairs of `coref_eval --fit` both use this.
pub fn candidate(a: &Name, b: &Name) -> bool {
    let (mut ca, mut cb) = (content(a), content(b));
    if ca.is_empty() || ca.len() != cb.len() || ca == cb {
        return false;
    }
    ca.sort();
    cb.sort();
    jaro_winkler(&ca.join(" "), &cb.join(" ")) >= 0.75
}

/// The best one-to-one pairing of the words of `a` with the words of `b` in any order (greedy
/// by similarity; names are short): the mean similarity over the longer side's words.
fn word_alignment(a: &[String], b: &[String], sim: impl Fn(&str, &str) -> f64) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            pairs.push((sim(x, y), i, j));
        }
    }
    pairs.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
    let (mut ua, mut ub) = (vec![false; a.len()], vec![false; b.len()]);
    let mut total = 0.0;
    for (s, i, j) in pairs {
        if !ua[i] && !ub[j] {
            ua[i] = true;
            ub[j] = true;
            total += s;
        }
    }
    total / a.len().max(b.len()) as f64
}

/// Whether two acronyms differ by one letter or by two neighbouring letters swapped ("UNHCR" /
/// "UNCHR", "UNHRC").
pub fn acronym_typo(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (
        a.chars().filter(|c| c.is_alphanumeric()).collect(),
        b.chars().filter(|c| c.is_alphanumeric()).collect(),
    );
    if a.len() != b.len() || a.len() < 3 || a == b {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    match diff[..] {
        [_] => true,
        [i, j] => j == i + 1 && a[i] == b[j] && a[j] == b[i],
        _ => false,
    }
}

/// Number of features [`features`] gives (the first is the bias).
pub const N_FEATURES: usize = 7;

/// The numbers a pair of names is judged by: bias; mean Jaro–Winkler of aligned words as
/// written, and of their phonetic keys; the share of aligned words with equal phonetic keys;
/// whether the words stand in the same order; whether both have as many words; whether the
/// first letters agree.
pub fn features(a: &Name, b: &Name) -> [f64; N_FEATURES] {
    let (ca, cb) = (content(a), content(b));
    let (pa, pb): (Vec<String>, Vec<String>) = (
        ca.iter().map(|w| phonetic(w)).collect(),
        cb.iter().map(|w| phonetic(w)).collect(),
    );
    let spelled = word_alignment(&ca, &cb, jaro_winkler);
    let sounded = word_alignment(&pa, &pb, jaro_winkler);
    let equal_keys = word_alignment(&pa, &pb, |x, y| f64::from(u8::from(x == y)));
    let in_order = f64::from(u8::from(
        ca.len() == cb.len() && ca.iter().zip(&cb).all(|(x, y)| jaro_winkler(x, y) >= 0.8),
    ));
    let same_len = f64::from(u8::from(ca.len() == cb.len()));
    let first = f64::from(u8::from(
        ca.first().and_then(|w| w.chars().next()) == cb.first().and_then(|w| w.chars().next()),
    ));
    [1.0, spelled, sounded, equal_keys, in_order, same_len, first]
}

/// Whether two names of several words differ only by spellings that sound alike, with at least
/// one word spelt the same in both: "Bettie Page" / "Betty Page", not "Bettie Page" / "Betty
/// Pace" nor "Lahiya" / "Lahia" (one word: nothing written alike vouches for the pair).
pub fn one_spelling_slip(a: &Name, b: &Name) -> bool {
    let (ca, cb) = (content(a), content(b));
    ca.len() >= 2
        && ca.len() == cb.len()
        && ca != cb
        && ca.iter().zip(&cb).all(|(x, y)| phonetic(x) == phonetic(y))
        && ca.iter().zip(&cb).any(|(x, y)| x == y)
}

/// Whether two lists of given names are the same names spelt differently: as many, and each
/// pair with one phonetic key ("Bettie" / "Betty", "Marc" / "Mark"; not "Mo" / "Maurice").
pub fn sound_alike(a: &[super::names::Token], b: &[super::names::Token]) -> bool {
    !a.is_empty()
        && a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| phonetic(&x.text) == phonetic(&y.text))
}

/// Weights of the logistic regression over [`features`], fitted by [`fit`] on the ECB+ and
/// MEANTIME train pairs (`coref_eval --fit`; printed there, copied here).
pub const WEIGHTS: [f64; N_FEATURES] = [-4.53, 0.67, 1.18, 4.1, 3.91, -0.02, -0.21];

/// How likely two names are spellings of one name, by [`WEIGHTS`].
pub fn probability(a: &Name, b: &Name) -> f64 {
    logistic(dot(&WEIGHTS, &features(a, b)))
}

fn dot(w: &[f64; N_FEATURES], x: &[f64; N_FEATURES]) -> f64 {
    w.iter().zip(x).map(|(a, b)| a * b).sum()
}

fn logistic(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Fit the weights on labelled pairs (features, same name?): L2-regularised logistic regression
/// by batch gradient descent from zero weights, positives and negatives weighed equally.
/// Deterministic: no sampling, a fixed number of steps.
pub fn fit(pairs: &[([f64; N_FEATURES], bool)]) -> [f64; N_FEATURES] {
    let pos = pairs.iter().filter(|p| p.1).count().max(1) as f64;
    let neg = pairs.iter().filter(|p| !p.1).count().max(1) as f64;
    let mut w = [0.0; N_FEATURES];
    let (rate, l2) = (0.5, 1e-3);
    for _ in 0..20_000 {
        let mut grad = [0.0; N_FEATURES];
        for (x, y) in pairs {
            let weight = if *y { 0.5 / pos } else { 0.5 / neg };
            let err = logistic(dot(&w, x)) - f64::from(u8::from(*y));
            for k in 0..N_FEATURES {
                grad[k] += weight * err * x[k];
            }
        }
        for k in 0..N_FEATURES {
            let reg = if k == 0 { 0.0 } else { l2 * w[k] };
            w[k] -= rate * (grad[k] + reg);
        }
    }
    w.map(|v| (v * 100.0).round() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(a: &str, b: &str) -> f64 {
        probability(&Name::parse_with(a, false), &Name::parse_with(b, false))
    }

    #[test]
    fn phonetic_keys_fold_spellings() {
        assert_eq!(phonetic("Lahiya"), phonetic("Lahia"));
        assert_eq!(phonetic("Defence"), phonetic("Defense"));
        assert_eq!(phonetic("Qaddura"), phonetic("Kaddoura"));
        assert_ne!(phonetic("Homs"), phonetic("Hama"));
    }

    #[test]
    fn variants_score_high_and_other_names_low() {
        for (a, b) in [
            ("Beit Lahiya", "Beit Lahia"),
            ("Bettie Page", "Betty Page"),
            ("Ministry of Defence", "Defense Ministry"),
            ("Hassan Qaddura", "Hasan Kaddoura"),
            ("Somali National Army", "Somalian National Army"),
            ("Bireuen", "Bireun"),
        ] {
            assert!(p(a, b) >= 0.5, "{a} / {b}: {}", p(a, b));
        }
        for (a, b) in [
            ("Homs", "Hama"),
            ("Sonoma", "Napa"),
            ("Bashar al-Assad", "Maher al-Assad"),
            ("Mohammad Ghazi al-Jalali", "Abu Mohammad al-Jolani"),
        ] {
            assert!(p(a, b) < 0.5, "{a} / {b}: {}", p(a, b));
        }
    }

    #[test]
    fn jaro_winkler_reference_values() {
        assert!((jaro_winkler("martha", "marhta") - 0.9611).abs() < 1e-3);
        assert!((jaro_winkler("dixon", "dicksonx") - 0.8133).abs() < 1e-3);
        assert_eq!(jaro_winkler("abc", "abc"), 1.0);
    }
}
