//! Sentence-embedding similarity in the alignment: which claims to embed, and how a vector
//! similarity combines with the lexical evidence.
//!
//! Embedding is the slow part of the analysis (tens of sentences a second on a CPU), so only the
//! sentences whose decisions depend on it are embedded: a pair of claims is probed with the best
//! and the worst possible similarity, and only when the two answers differ are its sentences
//! sent to the encoder. Every rule keeps its lexical form; a similarity either confirms a
//! lexical match (unless it is below [`VETO`]) or makes a match the lexical evidence missed
//! (when it reaches the rule's threshold) between values that agree. Meaning alone never sets
//! two values at odds: on the development gold (`data/devgold`) the matches it made between
//! differing values were 1 right conflict against 8 wrong ones (two happenings of one story read
//! alike: a 90-day and a 30-day stay, a field goal of 45 yards and a run of 35).

use super::{
    candidate_pairs, same_slot, same_statement, Claim, DocInput, SentenceEncoder, Similarity,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Two values' sentences measure the same thing (durations, counts).
pub(crate) const SAME_THING: f64 = 0.62;
/// Two dated sentences whose dates hang on the same predicate ("launched") describe the same
/// event. Lower than the other thresholds: the predicate already matches, and two long
/// sentences around one event differ in everything else ("the operation launched on November
/// 27 caught the regime by surprise" vs "the offensive launched by the opposition on November
/// 27 aimed to deter Russian airstrikes": 0.46).
pub(crate) const SAME_EVENT: f64 = 0.45;
/// Two sentences without comparable values say the same thing or about the same thing.
pub(crate) const SAME_STATEMENT: f64 = 0.70;
/// Aligned sentences this close in meaning agree; below it they complement each other.
pub(crate) const AGREE: f64 = 0.80;
/// A lexical match whose sentences are this far apart in meaning is not a match.
pub(crate) const VETO: f64 = 0.30;

/// A rule's decision given its lexical verdict and, when known, the sentence similarity.
pub(crate) fn decide(lexical: bool, sem: Option<f64>, accept: f64, veto: f64) -> bool {
    match sem {
        None => lexical,
        Some(s) => lexical && s >= veto || s >= accept,
    }
}

/// Claims whose sentence vectors can change a decision: both claims of every cross-source pair
/// (value slots and sentence alignments) whose outcome differs between similarity 1 and -1.
pub(crate) fn wanted(claims: &[Claim], roots: &[usize], sim: &Similarity) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    let items: Vec<(usize, usize)> = claims
        .iter()
        .enumerate()
        .flat_map(|(ci, c)| (0..c.values.len()).map(move |vi| (ci, vi)))
        .collect();
    for (i, &(ca, va)) in items.iter().enumerate() {
        for &(cb, vb) in &items[i + 1..] {
            let (a, b) = (&claims[ca], &claims[cb]);
            if roots[a.doc] == roots[b.doc] || a.values[va].kind != b.values[vb].kind {
                continue;
            }
            let cos = sim.value_cosine(claims, (ca, va), (cb, vb));
            let probe = |s| same_slot(a, &a.values[va], b, &b.values[vb], cos, Some(s));
            if probe(1.0) != probe(-1.0) {
                out.insert(ca);
                out.insert(cb);
            }
        }
    }
    for (i, j) in candidate_pairs(claims) {
        let (a, b) = (&claims[i], &claims[j]);
        if roots[a.doc] == roots[b.doc] {
            continue;
        }
        let cos = sim.cosine(i, j);
        if same_statement(a, b, cos, Some(1.0)) != same_statement(a, b, cos, Some(-1.0)) {
            out.insert(i);
            out.insert(j);
        }
    }
    out
}

/// Embeds the sentences of the wanted claims (each distinct sentence once) and returns the unit
/// vector of each claim with the number of sentences embedded.
pub(crate) fn embed(
    docs: &[DocInput<'_>],
    claims: &[Claim],
    wanted: &BTreeSet<usize>,
    encoder: &dyn SentenceEncoder,
) -> Result<(HashMap<usize, Vec<f32>>, usize), String> {
    let mut sentences: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &c in wanted {
        let claim = &claims[c];
        let text = claim.sentence.slice(docs[claim.doc].text).trim();
        sentences.entry(text).or_default().push(c);
    }
    let texts: Vec<&str> = sentences.keys().copied().collect();
    let vectors = encoder.encode(&texts)?;
    if vectors.len() != texts.len() {
        return Err(format!(
            "the encoder returned {} vectors for {} sentences",
            vectors.len(),
            texts.len()
        ));
    }
    let mut out = HashMap::new();
    for (mut v, claims_of) in vectors.into_iter().zip(sentences.into_values()) {
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        if !norm.is_finite() || norm == 0.0 {
            continue;
        }
        v.iter_mut().for_each(|x| *x /= norm);
        for c in claims_of {
            out.insert(c, v.clone());
        }
    }
    Ok((out, texts.len()))
}

#[cfg(test)]
mod tests {
    use super::decide;

    #[test]
    fn lexical_decision_stands_without_vectors() {
        assert!(decide(true, None, 0.7, 0.3));
        assert!(!decide(false, None, 0.7, 0.3));
    }

    #[test]
    fn vectors_confirm_veto_or_add() {
        // Confirmed lexical match.
        assert!(decide(true, Some(0.5), 0.7, 0.3));
        // Vetoed: the sentences mean different things.
        assert!(!decide(true, Some(0.1), 0.7, 0.3));
        // Added: the lexical evidence missed a paraphrase.
        assert!(decide(false, Some(0.75), 0.7, 0.3));
        assert!(!decide(false, Some(0.69), 0.7, 0.3));
    }
}
