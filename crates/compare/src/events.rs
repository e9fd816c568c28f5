//! Cross-document event coreference: which event mentions of several documents refer to one
//! real event. A pair model scores two mentions from general evidence — the same trigger lemma,
//! similar lemmas, shared arguments (names, numbers, times, places of the sentence), sentence-
//! embedding similarity, and how alike their documents are — and average-link agglomerative
//! clustering groups mentions while the mean pair score stays above a threshold.
//!
//! The weights and the threshold are learnt, not written: [`Model::fit`] is a logistic
//! regression over labelled pairs, the threshold is chosen on held-out data by the caller
//! (`examples/event_coref.rs` fits on ECB+ train topics and chooses on dev). Nothing here knows a
//! word of any story. The same call serves alignment: give it the predicates of claims with their
//! arguments and it returns the groups that speak of one event.

/// One event mention: its trigger and what the caller knows of its context.
#[derive(Debug, Clone)]
pub struct EventMention {
    /// The document the mention is in (an index the caller also uses for document similarity).
    pub doc: usize,
    /// The sentence within the document.
    pub sentence: usize,
    /// The trigger's lemma (or stem), lowercase: "kill", "earthquake".
    pub lemma: String,
    /// Normalized argument words of the mention's sentence: names, numbers, times, places.
    pub arguments: Vec<String>,
    /// Sentence (or mention-in-context) embedding; compared by cosine.
    pub vector: Option<Vec<f32>>,
    /// Embedding of the trigger's lemma alone: what the word means beyond its letters
    /// ("offensive" / "attack", "quake" / "tremor"); compared by cosine.
    pub word: Option<Vec<f32>>,
}

/// Number of pair features.
pub const FEATURES: usize = 14;

/// Names of the pair features, in order (for printing a fitted model).
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "bias",
    "same lemma",
    "lemma character overlap",
    "argument overlap",
    "shared argument",
    "sentence cosine",
    "document similarity",
    "same document",
    "same lemma × document similarity",
    "lemma character overlap × document similarity",
    "sentence cosine × document similarity",
    "same sentence",
    "WordNet: one action",
    "trigger cosine (two lemmas)",
];

/// The features of a pair of mentions, given the similarity of their documents (0..1).
pub fn features(a: &EventMention, b: &EventMention, doc_similarity: f64) -> [f64; FEATURES] {
    let same = f64::from(u8::from(a.lemma == b.lemma));
    let (inter, union) = overlap(&a.arguments, &b.arguments);
    let jaccard = if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    };
    let cosine = match (&a.vector, &b.vector) {
        (Some(x), Some(y)) => cosine(x, y).max(0.0),
        _ => 0.0,
    };
    // Two different lemmas close in meaning; the same lemma is its own feature.
    let trigger = match (&a.word, &b.word) {
        (Some(x), Some(y)) if a.lemma != b.lemma => self::cosine(x, y).max(0.0),
        _ => 0.0,
    };
    [
        1.0,
        same,
        trigram_dice(&a.lemma, &b.lemma),
        jaccard,
        f64::from(u8::from(inter > 0)),
        cosine,
        doc_similarity,
        f64::from(u8::from(a.doc == b.doc)),
        // Interactions: the same trigger in two reports of one story is strong evidence, in
        // reports of two stories (two different quakes) it is not.
        same * doc_similarity,
        trigram_dice(&a.lemma, &b.lemma) * doc_similarity,
        cosine * doc_similarity,
        // Two mentions of one sentence share its vector and its arguments, which says nothing
        // about whether they are one event (they rarely are).
        f64::from(u8::from(a.doc == b.doc && a.sentence == b.sentence)),
        // Two different lemmas that WordNet gives one sense, or two kinds of one action
        // ("strike" / "hit", "seize" / "confiscate"): general knowledge of English.
        f64::from(u8::from(
            a.lemma != b.lemma && crate::lexicon::same_action(&a.lemma, &b.lemma),
        )),
        trigger,
    ]
}

fn overlap(a: &[String], b: &[String]) -> (usize, usize) {
    let sa: std::collections::BTreeSet<&str> = a.iter().map(String::as_str).collect();
    let sb: std::collections::BTreeSet<&str> = b.iter().map(String::as_str).collect();
    let inter = sa.intersection(&sb).count();
    (inter, sa.len() + sb.len() - inter)
}

/// Dice coefficient of the character trigrams of two words (with boundary marks): "attack" and
/// "attacker" are close, "attack" and "kill" are not.
fn trigram_dice(a: &str, b: &str) -> f64 {
    let grams = |w: &str| -> std::collections::BTreeSet<Vec<char>> {
        let chars: Vec<char> = format!("^{w}$").chars().collect();
        chars.windows(3).map(<[char]>::to_vec).collect()
    };
    let (ga, gb) = (grams(a), grams(b));
    if ga.is_empty() || gb.is_empty() {
        return 0.0;
    }
    2.0 * ga.intersection(&gb).count() as f64 / (ga.len() + gb.len()) as f64
}

fn cosine(a: &[f32], b: &[f32]) -> f64 {
    let (mut dot, mut na, mut nb) = (0.0f64, 0.0f64, 0.0f64);
    for (x, y) in a.iter().zip(b) {
        dot += f64::from(*x) * f64::from(*y);
        na += f64::from(*x) * f64::from(*x);
        nb += f64::from(*y) * f64::from(*y);
    }
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na.sqrt() * nb.sqrt())
    }
}

/// A fitted pair model and the clustering threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub weights: [f64; FEATURES],
    /// Clusters merge while their mean pair probability is at least this.
    pub threshold: f64,
}

/// The fitted pair model and clustering threshold built into the engine: the weights, the
/// threshold and the document similarity of two reports of one story come from
/// `events_fitted.rs`, written by `examples/event_coref.rs --emit` (the command and the topics
/// it was fitted on are stated there). No file is read at run time.
pub fn fitted() -> Model {
    Model {
        weights: crate::events_fitted::WEIGHTS,
        threshold: crate::events_fitted::THRESHOLD,
    }
}

/// The pair model fitted with sentence and trigger embeddings (`events_fitted_embed.rs`,
/// written by `event_coref --emit` with the encoder), for an analysis given an encoder: its
/// mentions carry the vectors of their sentences and lemmas.
pub fn fitted_with_embeddings() -> Model {
    Model {
        weights: crate::events_fitted_embed::WEIGHTS,
        threshold: crate::events_fitted_embed::THRESHOLD,
    }
}

/// The similarity of two documents of one story the fitted model takes (the mean TF-IDF cosine
/// of two documents of one ECB+ train sub-topic): [`crate::analyze`] is given one story, whose
/// own document similarities, weighed by that story's few documents, are not on the training scale.
pub fn story_similarity() -> f64 {
    crate::events_fitted::STORY_SIMILARITY
}

/// [`story_similarity`] as the run that fitted [`fitted_with_embeddings`] measured it (the
/// same train documents: the same number).
pub fn story_similarity_with_embeddings() -> f64 {
    crate::events_fitted_embed::STORY_SIMILARITY
}

/// The lines of a Rust source file holding a fitted model, as `event_coref --emit` writes it.
pub fn emit_source(model: &Model, story_similarity: f64, provenance: &str) -> String {
    let mut s = String::new();
    for line in provenance.lines() {
        s.push_str(&format!("//! {line}\n").replace("//! \n", "//!\n"));
    }
    s.push_str("\n/// Pair weights, in the order of `FEATURE_NAMES`.\n");
    s.push_str("pub(crate) const WEIGHTS: [f64; crate::events::FEATURES] = [\n");
    for (w, n) in model.weights.iter().zip(FEATURE_NAMES) {
        // Nine decimals: the fit sums floats in an order that may vary in the last bits.
        s.push_str(&format!("    // {n}\n    {w:.9},\n"));
    }
    s.push_str("];\n\n/// Clusters merge while their mean pair probability is at least this.\n");
    s.push_str(&format!(
        "pub(crate) const THRESHOLD: f64 = {:?};\n",
        model.threshold
    ));
    s.push_str("\n/// Mean similarity of two documents of one train sub-topic.\n");
    s.push_str(&format!(
        "pub(crate) const STORY_SIMILARITY: f64 = {story_similarity:.9};\n"
    ));
    s
}

impl Model {
    /// Probability that two mentions corefer.
    pub fn probability(&self, f: &[f64; FEATURES]) -> f64 {
        let z: f64 = self.weights.iter().zip(f).map(|(w, x)| w * x).sum();
        1.0 / (1.0 + (-z).exp())
    }

    /// Logistic regression by full-batch gradient descent with a small L2 penalty; positives
    /// and negatives weigh the same in total, so the rare positive pairs are not drowned. Same
    /// pairs in, same weights out.
    pub fn fit(pairs: &[([f64; FEATURES], bool)], threshold: f64) -> Model {
        let n_pos = pairs.iter().filter(|p| p.1).count().max(1) as f64;
        let n_neg = pairs.iter().filter(|p| !p.1).count().max(1) as f64;
        let mut m = Model {
            weights: [0.0; FEATURES],
            threshold,
        };
        let (rate, l2) = (2.0, 1e-4);
        for _ in 0..400 {
            let mut grad = [0.0; FEATURES];
            for (f, y) in pairs {
                let p = m.probability(f);
                let (target, weight) = if *y {
                    (1.0, 0.5 / n_pos)
                } else {
                    (0.0, 0.5 / n_neg)
                };
                for (g, x) in grad.iter_mut().zip(f) {
                    *g += weight * (p - target) * x;
                }
            }
            for (w, g) in m.weights.iter_mut().zip(grad) {
                *w -= rate * (g + l2 * *w);
            }
        }
        m
    }
}

/// Clusters mentions: average-link agglomeration over pair probabilities, merging the closest
/// two clusters while their mean probability reaches the model's threshold. Returns a cluster
/// label per mention (labels are the index of the cluster's first mention), deterministic.
pub fn cluster(
    mentions: &[EventMention],
    doc_similarity: &dyn Fn(usize, usize) -> f64,
    model: &Model,
) -> Vec<usize> {
    let n = mentions.len();
    let mut sum = vec![vec![0.0f64; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (&mentions[i], &mentions[j]);
            let p = model.probability(&features(a, b, doc_similarity(a.doc, b.doc)));
            sum[i][j] = p;
            sum[j][i] = p;
        }
    }
    let mut size = vec![1usize; n];
    let mut alive: Vec<usize> = (0..n).collect();
    let mut label: Vec<usize> = (0..n).collect();
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for (x, &i) in alive.iter().enumerate() {
            for &j in &alive[x + 1..] {
                let avg = sum[i][j] / (size[i] * size[j]) as f64;
                if avg >= model.threshold && best.is_none_or(|(b, _, _)| avg > b) {
                    best = Some((avg, i, j));
                }
            }
        }
        let Some((_, i, j)) = best else { break };
        // Merge j into i.
        for &k in &alive {
            if k != i && k != j {
                let s = sum[i][k] + sum[j][k];
                sum[i][k] = s;
                sum[k][i] = s;
            }
        }
        size[i] += size[j];
        alive.retain(|&k| k != j);
        for l in label.iter_mut() {
            if *l == j {
                *l = i;
            }
        }
    }
    label
}

/// The argument words of a mention's sentence, the rule the model is fitted with and applied
/// with: capitalized words after the sentence's first word, and words that open with a digit,
/// lowercased, sorted, once each; the trigger itself (`true` beside its word) left out.
pub fn argument_words<'a>(words: impl IntoIterator<Item = (&'a str, bool)>) -> Vec<String> {
    let mut out: Vec<String> = words
        .into_iter()
        .enumerate()
        .filter(|(k, (w, trigger))| {
            let c = w.chars().next().unwrap_or(' ');
            !trigger && (*k > 0 && c.is_uppercase() || c.is_ascii_digit())
        })
        .map(|(_, (w, _))| w.to_lowercase())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A trigger's lemma key: lowercase with the regular inflections folded ("killed", "killing",
/// "kills" → "kill"; "injuries" → "injury"; "stopped" → "stop"). Irregular forms stay apart;
/// the sentence embedding and the lemma-character feature carry those pairs.
pub fn lemma_key(word: &str) -> String {
    let w = word.to_lowercase();
    let w = w.strip_suffix("'s").unwrap_or(&w).to_string();
    let n = w.chars().count();
    if n <= 3 || !w.is_ascii() {
        return w;
    }
    let undouble = |s: &str| -> String {
        let b = s.as_bytes();
        let k = b.len();
        if k >= 2 && b[k - 1] == b[k - 2] && !matches!(b[k - 1], b'l' | b's' | b'z' | b'e' | b'o') {
            s[..k - 1].to_string()
        } else {
            s.to_string()
        }
    };
    if let Some(s) = w.strip_suffix("ies") {
        return format!("{s}y");
    }
    if let Some(s) = w.strip_suffix("ing").filter(|s| s.len() >= 3) {
        return undouble(s);
    }
    if w.ends_with("eed") {
        return w[..w.len() - 1].to_string();
    }
    if let Some(s) = w.strip_suffix("ied") {
        return format!("{s}y");
    }
    if let Some(s) = w.strip_suffix("ed").filter(|s| s.len() >= 3) {
        return undouble(s);
    }
    if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return w[..w.len() - 1].to_string();
    }
    w
}

/// The lemma baseline: mentions with the same lemma form one cluster.
pub fn same_lemma(mentions: &[EventMention]) -> Vec<usize> {
    let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    mentions
        .iter()
        .enumerate()
        .map(|(i, m)| *first.entry(m.lemma.as_str()).or_insert(i))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(doc: usize, lemma: &str, args: &[&str]) -> EventMention {
        EventMention {
            doc,
            sentence: 0,
            lemma: lemma.into(),
            arguments: args.iter().map(|s| s.to_string()).collect(),
            vector: None,
            word: None,
        }
    }

    #[test]
    fn shared_lemma_and_arguments_corefer_and_a_lone_lemma_stays_apart() {
        let ms = [
            mention(0, "quake", &["qeshm", "sunday"]),
            mention(1, "quake", &["qeshm"]),
            mention(2, "arrest", &["palermo"]),
        ];
        // Weights: same lemma and a shared argument are strong evidence.
        let model = Model {
            weights: [
                -3.0, 2.5, 0.5, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            ],
            threshold: 0.5,
        };
        let labels = cluster(&ms, &|_, _| 0.0, &model);
        assert_eq!(labels, vec![0, 0, 2]);
        assert_eq!(same_lemma(&ms), vec![0, 0, 2]);
    }

    #[test]
    fn fitting_learns_that_the_same_lemma_is_evidence() {
        let pos = features(
            &mention(0, "kill", &["a"]),
            &mention(1, "kill", &["a"]),
            0.5,
        );
        let neg = features(&mention(0, "kill", &[]), &mention(1, "arrest", &[]), 0.1);
        let pairs: Vec<_> = (0..10).flat_map(|_| [(pos, true), (neg, false)]).collect();
        let m = Model::fit(&pairs, 0.5);
        assert!(
            m.probability(&pos) > 0.8 && m.probability(&neg) < 0.2,
            "{m:?}"
        );
    }

    #[test]
    fn trigger_vectors_relate_two_lemmas_only() {
        let with = |lemma: &str, word: Vec<f32>| EventMention {
            word: Some(word),
            ..mention(0, lemma, &[])
        };
        let last = FEATURES - 1;
        // Two lemmas whose words mean alike: their cosine.
        let f = features(
            &with("offensive", vec![1.0, 0.0]),
            &with("attack", vec![0.6, 0.8]),
            0.3,
        );
        assert!((f[last] - 0.6).abs() < 1e-6, "{f:?}");
        // One lemma: the same-lemma feature says it, this one does not repeat it.
        let f = features(
            &with("attack", vec![1.0, 0.0]),
            &with("attack", vec![1.0, 0.0]),
            0.3,
        );
        assert_eq!(f[last], 0.0);
        // Without vectors (a lexical analysis): nothing.
        let f = features(
            &mention(0, "offensive", &[]),
            &mention(1, "attack", &[]),
            0.3,
        );
        assert_eq!(f[last], 0.0);
    }

    #[test]
    fn lemma_keys_fold_regular_inflections() {
        for (w, k) in [
            ("killed", "kill"),
            ("Killing", "kill"),
            ("injuries", "injury"),
            ("stopped", "stop"),
            ("agreed", "agree"),
            ("fell", "fell"),
        ] {
            assert_eq!(lemma_key(w), k, "{w}");
        }
    }

    #[test]
    fn character_trigrams_relate_derived_words() {
        assert!(trigram_dice("attack", "attacker") > 0.6);
        assert!(trigram_dice("attack", "kill") < 0.1);
    }
}
