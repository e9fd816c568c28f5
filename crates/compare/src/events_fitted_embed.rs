//! The event pair model `analyze` uses with a sentence encoder (`events::fitted_with_embeddings`),
//! fitted on ECB+ with gold event mentions, with the all-MiniLM-L6-v2 vectors of their sentences
//! and of their lemmas alone; written by
//! `cargo run --release -p corroborate-compare --example event_coref -- ../shared/benchmarks/ecbplus --emit crates/compare/src/events_fitted_embed.rs`.
//! Do not edit: rerun that command.
//!
//! Fitted on the train topics 3 4 6 7 8 9 10 11 13 16 19 22 25 26 27 28 29 30 31 32 33 (359 documents, 175155 pairs within topics), leaving out the
//! dev-gold sub-topics 1/ecb 1/ecbplus 2/ecbplus 3/ecbplus 4/ecbplus 7/ecb 8/ecb 10/ecb 11/ecbplus 12/ecbplus 14/ecb 14/ecbplus 16/ecb 18/ecb 20/ecb 20/ecbplus 21/ecb 22/ecb 23/ecb 24/ecb 24/ecbplus 26/ecb 29/ecb 30/ecbplus 32/ecb 33/ecb 34/ecb 35/ecb.
//! Threshold chosen on the dev sub-topics 12/ecb 18/ecbplus 2/ecb 21/ecbplus 23/ecbplus 34/ecbplus 35/ecbplus 5/ecb 5/ecbplus (predicted mentions within gold sub-topics).

/// Pair weights, in the order of `FEATURE_NAMES`.
pub(crate) const WEIGHTS: [f64; crate::events::FEATURES] = [
    // bias
    -3.602847036,
    // same lemma
    2.304538871,
    // lemma character overlap
    2.590891299,
    // argument overlap
    -0.302098067,
    // shared argument
    0.251394050,
    // sentence cosine
    0.826413064,
    // document similarity
    1.724570803,
    // same document
    -0.977023458,
    // same lemma × document similarity
    1.148888907,
    // lemma character overlap × document similarity
    1.340153076,
    // sentence cosine × document similarity
    0.461302827,
    // same sentence
    -1.525245310,
    // WordNet: one action
    1.225842760,
    // trigger cosine (two lemmas)
    4.274328178,
];

/// Clusters merge while their mean pair probability is at least this.
pub(crate) const THRESHOLD: f64 = 0.8500000000000001;

/// Mean similarity of two documents of one train sub-topic.
pub(crate) const STORY_SIMILARITY: f64 = 0.305356943;
