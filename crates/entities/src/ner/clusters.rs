//! Word clusters, read by the tagger as features: what was learned for frequent words carries over
//! to rarer words of their cluster ("Chrysler" in the cluster of "Nissan" and "Volkswagen" reads
//! as a company, not a surname). The shipped model uses [`Clusters::from_tsv`] on the clusters
//! `scripts/ner/make_clusters.py` makes from all-MiniLM-L6-v2's input embedding table: 12-bit
//! hierarchical ids whose 4- and 8-bit prefixes are coarser clusters. [`Clusters::learn`] learns
//! flat clusters from the training text instead (each frequent word described by the words seen
//! left and right of it, k-means with cosine and a deterministic start); it adds little, as the
//! text it learns from is the labelled text itself (see `data/ner/README.md`).

use std::collections::HashMap;

/// Cluster settings.
#[derive(Debug, Clone, Copy)]
pub struct ClusterConfig {
    pub clusters: usize,
    pub iterations: usize,
    /// Words seen fewer times are not clustered.
    pub min_count: u32,
    /// At most this many (the most frequent) words are clustered.
    pub max_words: usize,
    /// Context dimensions: the most frequent words, on each side.
    pub context_words: usize,
}

impl Default for ClusterConfig {
    fn default() -> ClusterConfig {
        ClusterConfig {
            clusters: 256,
            iterations: 8,
            min_count: 5,
            max_words: 40_000,
            context_words: 500,
        }
    }
}

/// Lowercased word → cluster id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clusters {
    map: HashMap<String, u16>,
}

/// The context class of a neighbour that is not one of the frequent context words.
fn other_class(word: &str) -> usize {
    match word.chars().next() {
        Some(c) if c.is_uppercase() => 0,
        Some(c) if c.is_numeric() => 1,
        Some(c) if c.is_alphabetic() => 2,
        _ => 3,
    }
}

const OTHER_CLASSES: usize = 4;

impl Clusters {
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The cluster of a lowercased word.
    pub fn get(&self, lower: &str) -> Option<u16> {
        self.map.get(lower).copied()
    }

    /// Words and ids sorted by word (the serialized order).
    pub fn entries(&self) -> Vec<(&str, u16)> {
        let mut v: Vec<(&str, u16)> = self.map.iter().map(|(w, c)| (w.as_str(), *c)).collect();
        v.sort_unstable();
        v
    }

    /// Reads `word<TAB>id` lines (as `scripts/ner/make_clusters.py` writes them: hierarchical
    /// 12-bit ids whose 4- and 8-bit prefixes are coarser clusters); words are lowercased.
    pub fn from_tsv(tsv: &str) -> Result<Clusters, String> {
        let mut map = HashMap::new();
        for (n, line) in tsv.lines().enumerate() {
            let (w, id) = line
                .split_once('\t')
                .ok_or_else(|| format!("cluster line {}: no tab", n + 1))?;
            let id: u16 = id
                .trim()
                .parse()
                .map_err(|e| format!("cluster line {}: {e}", n + 1))?;
            if id >= 1 << 12 {
                return Err(format!("cluster line {}: id {id} over 12 bits", n + 1));
            }
            map.insert(w.to_lowercase(), id);
        }
        Ok(Clusters { map })
    }

    pub fn from_entries(entries: impl IntoIterator<Item = (String, u16)>) -> Clusters {
        Clusters {
            map: entries.into_iter().collect(),
        }
    }

    /// Learns clusters from tokenized sentences.
    pub fn learn<'a>(
        sentences: impl IntoIterator<Item = &'a [String]> + Clone,
        cfg: &ClusterConfig,
    ) -> Clusters {
        let mut counts: HashMap<String, u32> = HashMap::new();
        for s in sentences.clone() {
            for w in s {
                *counts.entry(w.to_lowercase()).or_default() += 1;
            }
        }
        let mut by_freq: Vec<(&String, &u32)> = counts.iter().collect();
        by_freq.sort_unstable_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let context: HashMap<&str, usize> = by_freq
            .iter()
            .take(cfg.context_words)
            .enumerate()
            .map(|(i, (w, _))| (w.as_str(), i))
            .collect();
        let vocab: Vec<&str> = by_freq
            .iter()
            .filter(|(_, c)| **c >= cfg.min_count)
            .take(cfg.max_words)
            .map(|(w, _)| w.as_str())
            .collect();
        let index: HashMap<&str, usize> = vocab.iter().enumerate().map(|(i, w)| (*w, i)).collect();
        let side = cfg.context_words + OTHER_CLASSES;
        let dims = 2 * side;
        let mut ctx: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
        for s in sentences {
            let lower: Vec<String> = s.iter().map(|w| w.to_lowercase()).collect();
            for (i, l) in lower.iter().enumerate() {
                let Some(&v) = index.get(l.as_str()) else {
                    continue;
                };
                let dim = |j: usize| {
                    context
                        .get(lower[j].as_str())
                        .copied()
                        .unwrap_or_else(|| cfg.context_words + other_class(&s[j]))
                };
                if i > 0 {
                    *ctx[v].entry(dim(i - 1) as u32).or_default() += 1.0;
                }
                if i + 1 < s.len() {
                    *ctx[v].entry((side + dim(i + 1)) as u32).or_default() += 1.0;
                }
            }
        }
        // log-scaled, unit-length sparse vectors, in a fixed order
        let vecs: Vec<Vec<(u32, f32)>> = ctx
            .into_iter()
            .map(|m| {
                let mut v: Vec<(u32, f32)> =
                    m.into_iter().map(|(d, c)| (d, (1.0 + c).ln())).collect();
                v.sort_unstable_by_key(|x| x.0);
                let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
                v.iter_mut().for_each(|x| x.1 /= norm);
                v
            })
            .collect();
        let k = cfg.clusters.min(vecs.len()).max(1);
        let mut centroids = vec![0.0f32; k * dims];
        for c in 0..k {
            for &(d, x) in &vecs[c * vecs.len() / k] {
                centroids[c * dims + d as usize] = x;
            }
        }
        let mut assign = vec![0usize; vecs.len()];
        for _ in 0..cfg.iterations {
            for (v, a) in vecs.iter().zip(assign.iter_mut()) {
                let mut best = (f32::NEG_INFINITY, 0);
                for c in 0..k {
                    let row = &centroids[c * dims..(c + 1) * dims];
                    let dot: f32 = v.iter().map(|&(d, x)| row[d as usize] * x).sum();
                    if dot > best.0 {
                        best = (dot, c);
                    }
                }
                *a = best.1;
            }
            let mut sums = vec![0.0f32; k * dims];
            let mut sizes = vec![0usize; k];
            for (v, &a) in vecs.iter().zip(&assign) {
                sizes[a] += 1;
                for &(d, x) in v {
                    sums[a * dims + d as usize] += x;
                }
            }
            for c in 0..k {
                if sizes[c] == 0 {
                    continue;
                }
                let row = &mut sums[c * dims..(c + 1) * dims];
                let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
                row.iter_mut().for_each(|x| *x /= norm);
                centroids[c * dims..(c + 1) * dims].copy_from_slice(row);
            }
        }
        Clusters {
            map: vocab
                .iter()
                .zip(&assign)
                .map(|(w, a)| (w.to_string(), *a as u16))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_cluster_file() {
        let c = Clusters::from_tsv("Chrysler\t1878\nnissan\t1879\n").unwrap();
        assert_eq!(c.get("chrysler"), Some(1878));
        assert_eq!(c.get("nissan"), Some(1879));
        assert_eq!(c.get("boeing"), None);
        assert!(Clusters::from_tsv("chrysler 1878\n").is_err());
        assert!(
            Clusters::from_tsv("chrysler\t4096\n").is_err(),
            "over 12 bits"
        );
    }

    #[test]
    fn words_used_alike_share_a_cluster() {
        let mut sents: Vec<Vec<String>> = Vec::new();
        for day in ["monday", "tuesday", "friday"] {
            for _ in 0..5 {
                sents.push(
                    ["we", "met", "on", day, "morning"]
                        .iter()
                        .map(|s| s.to_string())
                        .collect(),
                );
            }
        }
        for firm in ["boeing", "airbus", "embraer"] {
            for _ in 0..5 {
                sents.push(
                    ["shares", "of", firm, "rose", "sharply"]
                        .iter()
                        .map(|s| s.to_string())
                        .collect(),
                );
            }
        }
        let cfg = ClusterConfig {
            clusters: 4,
            iterations: 5,
            min_count: 5,
            max_words: 100,
            context_words: 20,
        };
        let c = Clusters::learn(sents.iter().map(Vec::as_slice), &cfg);
        assert_eq!(c.get("monday"), c.get("friday"));
        assert_eq!(c.get("boeing"), c.get("embraer"));
        assert_ne!(c.get("monday"), c.get("boeing"));
        assert_eq!(
            c,
            Clusters::learn(sents.iter().map(Vec::as_slice), &cfg),
            "deterministic"
        );
    }
}
