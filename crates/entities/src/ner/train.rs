//! Training: an averaged structured perceptron over the hashed features, with IOB2-constrained
//! Viterbi decoding. Gold labels may be partial (a set of allowed tags per token, as when a
//! benchmark says LOC and we distinguish GPE/LOC/FAC): the target is then the best path among them.

use super::clusters::Clusters;
use super::features::{extract_in_doc, DocContext};
use super::gazetteer::Gazetteer;
use super::model::{viterbi, Model, Transitions};
use super::tags::{parse_tag, N_TAGS};
use super::NerError;
use std::collections::HashMap;

/// One training sentence: tokens and, per token, a bit set of allowed tags.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainSentence {
    /// The document it belongs to (sentences of one document are consecutive).
    pub doc: u32,
    pub tokens: Vec<String>,
    pub allowed: Vec<u16>,
}

/// Parses the corpus `scripts/ner/make_corpus.py` writes: `token<TAB>TAG[|TAG…]` lines, blank lines
/// between sentences, `-DOCSTART-` lines between documents.
pub fn read_corpus(text: &str) -> Result<Vec<TrainSentence>, NerError> {
    let mut out = Vec::new();
    let mut doc = 0u32;
    let (mut tokens, mut allowed) = (Vec::new(), Vec::new());
    for (n, line) in text.lines().enumerate() {
        let docstart = line.starts_with("-DOCSTART-");
        if line.trim().is_empty() || docstart {
            if !tokens.is_empty() {
                let tokens = std::mem::take(&mut tokens);
                let allowed = std::mem::take(&mut allowed);
                out.push(TrainSentence {
                    doc,
                    tokens,
                    allowed,
                });
            }
            if docstart {
                doc += 1;
            }
            continue;
        }
        let (tok, tags) = line
            .rsplit_once('\t')
            .ok_or_else(|| NerError::Format(format!("corpus line {}: no tab", n + 1)))?;
        let mut mask = 0u16;
        for t in tags.split('|') {
            let t = parse_tag(t).ok_or_else(|| {
                NerError::Format(format!("corpus line {}: unknown tag {t}", n + 1))
            })?;
            mask |= 1 << t;
        }
        tokens.push(tok.to_string());
        allowed.push(mask);
    }
    if !tokens.is_empty() {
        out.push(TrainSentence {
            doc,
            tokens,
            allowed,
        });
    }
    Ok(out)
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub epochs: usize,
    pub seed: u64,
    /// Features seen fewer times than this in the corpus are not learned.
    pub min_count: u32,
    /// Averaged weights with a smaller magnitude are dropped from the saved model.
    pub prune: f32,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            epochs: 8,
            seed: 13,
            min_count: 2,
            prune: 0.05,
        }
    }
}

/// xorshift64*: a tiny deterministic generator for the shuffle.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Sentence features as dense indices, flattened.
struct Encoded {
    feats: Vec<u32>,
    /// Token `i` owns `feats[offs[i]..offs[i + 1]]`.
    offs: Vec<u32>,
    allowed: Vec<u16>,
}

/// Weights with the running sums needed for averaging (`avg = w - u / c`).
struct Averaged {
    w: Vec<f32>,
    u: Vec<f32>,
}

impl Averaged {
    fn new(n: usize) -> Averaged {
        Averaged {
            w: vec![0.0; n],
            u: vec![0.0; n],
        }
    }

    fn add(&mut self, i: usize, delta: f32, c: f32) {
        self.w[i] += delta;
        self.u[i] += c * delta;
    }

    fn averaged(&self, i: usize, c: f32) -> f32 {
        self.w[i] - self.u[i] / c
    }
}

/// Trains a model whose features read `clusters` (empty: no cluster features; the model keeps
/// the table); `progress(epoch, token_error_rate)` is called after each epoch.
pub fn train(
    sentences: &[TrainSentence],
    gaz: &Gazetteer,
    clusters: Clusters,
    cfg: &TrainConfig,
    mut progress: impl FnMut(usize, f64),
) -> Model {
    let mut raw: Vec<Vec<Vec<u32>>> = Vec::with_capacity(sentences.len());
    for doc in sentences.chunk_by(|a, b| a.doc == b.doc) {
        let toks: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let ctx = DocContext::new(toks.iter().map(Vec::as_slice));
        raw.extend(toks.iter().map(|t| extract_in_doc(t, gaz, &clusters, &ctx)));
    }
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for s in &raw {
        for tok in s {
            for f in tok {
                *counts.entry(*f).or_default() += 1;
            }
        }
    }
    let mut kept: Vec<u32> = counts
        .iter()
        .filter(|(_, c)| **c >= cfg.min_count)
        .map(|(f, _)| *f)
        .collect();
    kept.sort_unstable();
    let dense: HashMap<u32, u32> = kept
        .iter()
        .enumerate()
        .map(|(i, f)| (*f, i as u32))
        .collect();
    drop(counts);
    let data: Vec<Encoded> = raw
        .into_iter()
        .zip(sentences)
        .map(|(s, sent)| {
            let mut feats = Vec::new();
            let mut offs = vec![0u32];
            for tok in s {
                feats.extend(tok.iter().filter_map(|f| dense.get(f).copied()));
                offs.push(feats.len() as u32);
            }
            Encoded {
                feats,
                offs,
                allowed: sent.allowed.clone(),
            }
        })
        .collect();
    drop(dense);

    let mut w = Averaged::new(kept.len() * N_TAGS);
    let mut t = Averaged::new((N_TAGS + 1) * N_TAGS);
    let mut c = 1.0f32;
    let mut rng = Rng(cfg.seed.max(1));
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut emit = Vec::new();
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let (mut wrong, mut total) = (0usize, 0usize);
        for &k in &order {
            let s = &data[k];
            let n = s.allowed.len();
            emit.clear();
            for i in 0..n {
                let mut e = [0.0f32; N_TAGS];
                for &f in &s.feats[s.offs[i] as usize..s.offs[i + 1] as usize] {
                    let row = &w.w[f as usize * N_TAGS..(f as usize + 1) * N_TAGS];
                    for (x, y) in e.iter_mut().zip(row) {
                        *x += y;
                    }
                }
                emit.push(e);
            }
            let trans = transitions(&t.w);
            let pred = viterbi(&emit, &trans, None);
            let gold = viterbi(&emit, &trans, Some(&s.allowed));
            total += n;
            if pred == gold {
                c += 1.0;
                continue;
            }
            for i in 0..n {
                let (g, p) = (gold[i], pred[i]);
                let (gp, pp) = if i == 0 {
                    (N_TAGS, N_TAGS)
                } else {
                    (gold[i - 1], pred[i - 1])
                };
                if g != p {
                    wrong += 1;
                    for &f in &s.feats[s.offs[i] as usize..s.offs[i + 1] as usize] {
                        w.add(f as usize * N_TAGS + g, 1.0, c);
                        w.add(f as usize * N_TAGS + p, -1.0, c);
                    }
                }
                if g != p || gp != pp {
                    t.add(gp * N_TAGS + g, 1.0, c);
                    t.add(pp * N_TAGS + p, -1.0, c);
                }
            }
            c += 1.0;
        }
        progress(epoch + 1, wrong as f64 / total.max(1) as f64);
    }

    let avg_t: Vec<f32> = (0..t.w.len()).map(|i| t.averaged(i, c)).collect();
    let rows = kept.iter().enumerate().map(|(i, id)| {
        let row: Vec<(u8, f32)> = (0..N_TAGS)
            .map(|tag| (tag as u8, w.averaged(i * N_TAGS + tag, c)))
            .filter(|(_, v)| v.abs() >= cfg.prune)
            .collect();
        (*id, row)
    });
    Model::from_rows(transitions(&avg_t), rows, clusters)
}

fn transitions(flat: &[f32]) -> Transitions {
    let mut t = [[0.0f32; N_TAGS]; N_TAGS + 1];
    for (p, row) in t.iter_mut().enumerate() {
        row.copy_from_slice(&flat[p * N_TAGS..(p + 1) * N_TAGS]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::tags::TAG_NAMES;

    #[test]
    fn reads_partial_labels() {
        let c = read_corpus("-DOCSTART- x\n\nIn\tO\nParis\tB-GPE|B-LOC\n\nHi\tO\n").unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].doc, c[1].doc), (1, 1));
        assert_eq!(c[0].tokens, vec!["In", "Paris"]);
        assert_eq!(c[0].allowed[1], (1 << 5) | (1 << 7));
        assert!(read_corpus("x\tB-FOO\n").is_err());
    }

    #[test]
    fn learns_a_toy_language() {
        let mut text = String::new();
        let names = ["Anna", "Boris", "Carla", "Dmitri"];
        let towns = ["Lyon", "Turin", "Graz", "Bern"];
        for (i, n) in names.iter().enumerate() {
            for t in towns {
                text.push_str(&format!(
                    "{n}\tB-PER\nvisited\tO\n{t}\tB-GPE|B-LOC\n.\tO\n\n"
                ));
                text.push_str(&format!(
                    "yesterday\tO\n{}\tB-PER\nleft\tO\n{t}\tB-GPE\n\n",
                    names[(i + 1) % 4]
                ));
            }
        }
        let corpus = read_corpus(&text).unwrap();
        let gaz = Gazetteer::default();
        let cfg = TrainConfig {
            epochs: 5,
            seed: 1,
            min_count: 1,
            prune: 0.0,
        };
        let model = train(&corpus, &gaz, Clusters::default(), &cfg, |_, _| {});
        let toks = ["Carla", "visited", "Graz", "."];
        let emit: Vec<_> = crate::ner::features::extract(&toks, &gaz, &model.clusters)
            .iter()
            .map(|f| model.emissions(f))
            .collect();
        let path: Vec<&str> = viterbi(&emit, &model.trans, None)
            .into_iter()
            .map(|t| TAG_NAMES[t])
            .collect();
        assert_eq!(path, vec!["B-PER", "O", "B-GPE", "O"]);
        // Same seed, same data: the same bytes.
        let again = train(&corpus, &gaz, Clusters::default(), &cfg, |_, _| {});
        assert_eq!(model.to_bytes(), again.to_bytes());
    }
}
