//! The linear-chain model: sparse per-feature tag weights plus tag transitions, its compact
//! binary file format, Viterbi decoding (IOB2-constrained) and forward-backward confidences.

use super::clusters::Clusters;
use super::tags::{allowed_transition, N_TAGS, O};
use super::NerError;
use rustc_hash::FxHashMap;

const MAGIC: &[u8; 8] = b"CRNER02\n";

/// Transition scores: `trans[prev][next]`, with `prev == N_TAGS` meaning sentence start.
pub type Transitions = [[f32; N_TAGS]; N_TAGS + 1];

/// A trained model: sparse feature weights and transitions.
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) trans: Transitions,
    /// Feature id → its row in `entries`. The ids are FNV hashes already: one multiplication
    /// (Fx) places them, where SipHash was a tenth of tagging.
    index: FxHashMap<u32, (u32, u8)>,
    entries: Vec<(u8, f32)>,
    /// The word clusters the features were computed with.
    pub(crate) clusters: Clusters,
}

/// Feature weights of one feature as `(tag, weight)` pairs.
pub type SparseRow = Vec<(u8, f32)>;

impl Model {
    /// Builds a model from transitions and per-feature rows (zero weights dropped).
    pub fn from_rows(
        trans: Transitions,
        rows: impl IntoIterator<Item = (u32, SparseRow)>,
        clusters: Clusters,
    ) -> Model {
        let mut index = FxHashMap::default();
        let mut entries = Vec::new();
        for (id, row) in rows {
            let row: Vec<(u8, f32)> = row.into_iter().filter(|(_, w)| *w != 0.0).collect();
            if row.is_empty() {
                continue;
            }
            index.insert(id, (entries.len() as u32, row.len() as u8));
            entries.extend(row);
        }
        Model {
            trans,
            index,
            entries,
            clusters,
        }
    }

    pub fn clusters(&self) -> &Clusters {
        &self.clusters
    }

    pub fn n_features(&self) -> usize {
        self.index.len()
    }

    /// Emission scores of one token.
    pub fn emissions(&self, features: &[u32]) -> [f32; N_TAGS] {
        let mut s = [0.0f32; N_TAGS];
        // Look up a batch of features first, then add their rows in the same order (the same
        // sums): the lookups are cache misses that the processor serves together this way.
        let mut rows = [(0u32, 0u8); 32];
        for batch in features.chunks(rows.len()) {
            let mut n = 0;
            for f in batch {
                if let Some(&row) = self.index.get(f) {
                    rows[n] = row;
                    n += 1;
                }
            }
            for &(start, len) in &rows[..n] {
                for &(tag, w) in &self.entries[start as usize..start as usize + len as usize] {
                    s[tag as usize] += w;
                }
            }
        }
        s
    }

    /// Serializes with weights quantized to i16 (one scale for the file), in a deterministic order.
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self
            .entries
            .iter()
            .map(|(_, w)| w.abs())
            .fold(0.0f32, f32::max)
            .max(1e-9);
        let scale = max / 32767.0;
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for row in &self.trans {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        let mut ids: Vec<(&u32, &(u32, u8))> = self.index.iter().collect();
        ids.sort_unstable_by_key(|(id, _)| **id);
        let rows: Vec<(u32, Vec<(u8, i16)>)> = ids
            .into_iter()
            .map(|(id, &(start, len))| {
                let row = self.entries[start as usize..start as usize + len as usize]
                    .iter()
                    .map(|&(t, w)| (t, (w / scale).round().clamp(-32767.0, 32767.0) as i16))
                    .filter(|(_, q)| *q != 0)
                    .collect();
                (*id, row)
            })
            .filter(|(_, row): &(u32, Vec<(u8, i16)>)| !row.is_empty())
            .collect();
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (id, row) in rows {
            out.extend_from_slice(&id.to_le_bytes());
            out.push(row.len() as u8);
            for (t, q) in row {
                out.push(t);
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        let entries = self.clusters.entries();
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (w, c) in entries {
            out.push(w.len().min(255) as u8);
            out.extend_from_slice(&w.as_bytes()[..w.len().min(255)]);
            out.extend_from_slice(&c.to_le_bytes());
        }
        out
    }

    /// Reads the format [`Model::to_bytes`] writes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, NerError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(NerError::Format(
                "not a corroborate NER model (bad magic)".into(),
            ));
        }
        let n = r.u32()? as usize;
        if n != N_TAGS {
            return Err(NerError::Format(format!(
                "model has {n} tags, this build expects {N_TAGS}"
            )));
        }
        let scale = r.f32()?;
        let mut trans = [[0.0f32; N_TAGS]; N_TAGS + 1];
        for row in trans.iter_mut() {
            for w in row.iter_mut() {
                *w = r.f32()?;
            }
        }
        let count = r.u32()? as usize;
        let mut index = FxHashMap::with_capacity_and_hasher(count, Default::default());
        let mut entries = Vec::with_capacity(count * 3);
        for _ in 0..count {
            let id = r.u32()?;
            let len = r.take(1)?[0];
            index.insert(id, (entries.len() as u32, len));
            for _ in 0..len {
                let t = r.take(1)?[0];
                if t as usize >= N_TAGS {
                    return Err(NerError::Format(format!("tag {t} out of range")));
                }
                let q = i16::from_le_bytes(r.take(2)?.try_into().unwrap());
                entries.push((t, f32::from(q) * scale));
            }
        }
        let n_words = r.u32()? as usize;
        let mut words = Vec::with_capacity(n_words);
        for _ in 0..n_words {
            let len = r.take(1)?[0] as usize;
            let w = std::str::from_utf8(r.take(len)?)
                .map_err(|_| NerError::Format("cluster word is not UTF-8".into()))?
                .to_string();
            words.push((w, u16::from_le_bytes(r.take(2)?.try_into().unwrap())));
        }
        if r.pos != bytes.len() {
            return Err(NerError::Format("trailing bytes after the model".into()));
        }
        Ok(Model {
            trans,
            index,
            entries,
            clusters: Clusters::from_entries(words),
        })
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], NerError> {
        let end = self.pos + n;
        let s = self
            .bytes
            .get(self.pos..end)
            .ok_or_else(|| NerError::Format("model file is truncated".into()))?;
        self.pos = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, NerError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }

    fn f32(&mut self) -> Result<f32, NerError> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
}

/// Best IOB2-valid tag path; `allowed[i]` (a bit per tag) restricts token `i` when given.
pub fn viterbi(emit: &[[f32; N_TAGS]], trans: &Transitions, allowed: Option<&[u16]>) -> Vec<usize> {
    let n = emit.len();
    if n == 0 {
        return Vec::new();
    }
    let ok = |i: usize, t: usize| allowed.is_none_or(|a| a[i] & (1 << t) != 0);
    let mut score = vec![[f32::NEG_INFINITY; N_TAGS]; n];
    let mut back = vec![[0u8; N_TAGS]; n];
    for t in 0..N_TAGS {
        if ok(0, t) && allowed_transition(None, t) {
            score[0][t] = trans[N_TAGS][t] + emit[0][t];
        }
    }
    for i in 1..n {
        for t in 0..N_TAGS {
            if !ok(i, t) {
                continue;
            }
            let mut best = f32::NEG_INFINITY;
            let mut arg = O;
            for p in 0..N_TAGS {
                if score[i - 1][p] == f32::NEG_INFINITY || !allowed_transition(Some(p), t) {
                    continue;
                }
                let s = score[i - 1][p] + trans[p][t];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            score[i][t] = best + emit[i][t];
            back[i][t] = arg as u8;
        }
    }
    let mut last = (0..N_TAGS)
        .max_by(|&a, &b| score[n - 1][a].total_cmp(&score[n - 1][b]).then(b.cmp(&a)))
        .unwrap();
    if score[n - 1][last] == f32::NEG_INFINITY {
        // Constraints admit no path (inconsistent training labels): fall back to unconstrained.
        return viterbi(emit, trans, None);
    }
    let mut path = vec![O; n];
    for i in (0..n).rev() {
        path[i] = last;
        last = back[i][last] as usize;
    }
    path
}

/// Per-token posterior probability of each tag (forward-backward over the scores as
/// log-potentials). Worked in probabilities, each step rescaled to sum to one (Rabiner's scaled
/// forward-backward, in f64): one `exp` per token and tag instead of one per pair of tags, which
/// made this a third of the tagger's time. When a step's mass underflows to nothing (every
/// likely tag forbidden after every likely previous one) the sentence is worked in logs instead.
pub fn marginals(emit: &[[f32; N_TAGS]], trans: &Transitions) -> Vec<[f32; N_TAGS]> {
    scaled_marginals(emit, trans).unwrap_or_else(|| marginals_in_logs(emit, trans))
}

/// [`marginals`] in rescaled probabilities; `None` when a step's mass underflows.
fn scaled_marginals(emit: &[[f32; N_TAGS]], trans: &Transitions) -> Option<Vec<[f32; N_TAGS]>> {
    let n = emit.len();
    if n == 0 {
        return Some(Vec::new());
    }
    // Potentials, shifted by their largest value (a constant factor that the rescaling removes).
    let top = trans
        .iter()
        .flatten()
        .copied()
        .fold(f32::NEG_INFINITY, f32::max);
    let mut tp = [[0.0f64; N_TAGS]; N_TAGS + 1];
    for (p, row) in tp.iter_mut().enumerate() {
        let prev = (p < N_TAGS).then_some(p);
        for (t, slot) in row.iter_mut().enumerate() {
            if allowed_transition(prev, t) {
                *slot = f64::from(trans[p][t] - top).exp();
            }
        }
    }
    let ep: Vec<[f64; N_TAGS]> = emit
        .iter()
        .map(|row| {
            let m = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            std::array::from_fn(|t| f64::from(row[t] - m).exp())
        })
        .collect();
    let mut alpha = vec![[0.0f64; N_TAGS]; n];
    let mut scale = vec![0.0f64; n];
    for i in 0..n {
        for t in 0..N_TAGS {
            let into = if i == 0 {
                tp[N_TAGS][t]
            } else {
                (0..N_TAGS).map(|p| alpha[i - 1][p] * tp[p][t]).sum()
            };
            alpha[i][t] = into * ep[i][t];
        }
        let c: f64 = alpha[i].iter().sum();
        if !(c > 0.0 && c.is_finite()) {
            return None;
        }
        alpha[i].iter_mut().for_each(|a| *a /= c);
        scale[i] = c;
    }
    let mut beta = vec![[1.0f64; N_TAGS]; n];
    for i in (0..n - 1).rev() {
        for p in 0..N_TAGS {
            let out: f64 = (0..N_TAGS)
                .map(|t| tp[p][t] * ep[i + 1][t] * beta[i + 1][t])
                .sum();
            beta[i][p] = out / scale[i + 1];
        }
    }
    let post = (0..n).map(|i| std::array::from_fn(|t| (alpha[i][t] * beta[i][t]) as f32));
    Some(post.collect())
}

/// [`marginals`] worked in logs throughout (log Σ exp over every pair of tags).
fn marginals_in_logs(emit: &[[f32; N_TAGS]], trans: &Transitions) -> Vec<[f32; N_TAGS]> {
    let n = emit.len();
    let ninf = f32::NEG_INFINITY;
    if n == 0 {
        return Vec::new();
    }
    // Transition scores with the forbidden ones (I-X not after B-X or I-X) as -inf, looked up
    // once rather than per token.
    let mut tr = [[ninf; N_TAGS]; N_TAGS + 1];
    for (p, row) in tr.iter_mut().enumerate() {
        let prev = (p < N_TAGS).then_some(p);
        for (t, slot) in row.iter_mut().enumerate() {
            if allowed_transition(prev, t) {
                *slot = trans[p][t];
            }
        }
    }
    // log Σ exp: a term of -inf adds exactly nothing, so it is skipped (no exp computed).
    let lse = |v: &[f32; N_TAGS]| -> f32 {
        let m = v.iter().copied().fold(ninf, f32::max);
        if m == ninf {
            return ninf;
        }
        let mut sum = -0.0f32;
        for &x in v {
            if x != ninf {
                sum += (x - m).exp();
            }
        }
        m + sum.ln()
    };
    let mut alpha = vec![[ninf; N_TAGS]; n];
    let mut beta = vec![[0.0f32; N_TAGS]; n];
    let mut v = [ninf; N_TAGS];
    for t in 0..N_TAGS {
        alpha[0][t] = tr[N_TAGS][t] + emit[0][t];
    }
    for i in 1..n {
        for t in 0..N_TAGS {
            for p in 0..N_TAGS {
                v[p] = alpha[i - 1][p] + tr[p][t];
            }
            alpha[i][t] = lse(&v) + emit[i][t];
        }
    }
    for i in (0..n.saturating_sub(1)).rev() {
        for p in 0..N_TAGS {
            for t in 0..N_TAGS {
                v[t] = tr[p][t] + emit[i + 1][t] + beta[i + 1][t];
            }
            beta[i][p] = lse(&v);
        }
    }
    let z = lse(&alpha[n - 1]);
    (0..n)
        .map(|i| {
            let mut m = [0.0f32; N_TAGS];
            for t in 0..N_TAGS {
                m[t] = (alpha[i][t] + beta[i][t] - z).exp();
            }
            m
        })
        .collect()
}

/// Forward-backward as first written (every term through `exp`), in f64, to check [`marginals`]
/// and [`marginals_in_logs`] (whose f32 sums of large log scores drift by about 1e-4 over a
/// sentence of 40 words).
#[cfg(test)]
fn marginals_reference(emit: &[[f32; N_TAGS]], trans: &Transitions) -> Vec<[f64; N_TAGS]> {
    let n = emit.len();
    let ninf = f64::NEG_INFINITY;
    if n == 0 {
        return Vec::new();
    }
    let lse = |xs: &mut dyn Iterator<Item = f64>| -> f64 {
        let mut v = [ninf; N_TAGS];
        for (slot, x) in v.iter_mut().zip(xs) {
            *slot = x;
        }
        let m = v.iter().copied().fold(ninf, f64::max);
        if m == ninf {
            return ninf;
        }
        m + v.iter().map(|x| (x - m).exp()).sum::<f64>().ln()
    };
    let tr = |p: Option<usize>, t: usize| -> f64 {
        if !allowed_transition(p, t) {
            return ninf;
        }
        f64::from(trans[p.unwrap_or(N_TAGS)][t])
    };
    let em = |i: usize, t: usize| f64::from(emit[i][t]);
    let mut alpha = vec![[ninf; N_TAGS]; n];
    let mut beta = vec![[0.0f64; N_TAGS]; n];
    for i in 0..n {
        for t in 0..N_TAGS {
            alpha[i][t] = if i == 0 {
                tr(None, t) + em(0, t)
            } else {
                lse(&mut (0..N_TAGS).map(|p| alpha[i - 1][p] + tr(Some(p), t))) + em(i, t)
            };
        }
    }
    for i in (0..n.saturating_sub(1)).rev() {
        for p in 0..N_TAGS {
            beta[i][p] =
                lse(&mut (0..N_TAGS).map(|t| tr(Some(p), t) + em(i + 1, t) + beta[i + 1][t]));
        }
    }
    let z = lse(&mut (0..N_TAGS).map(|t| alpha[n - 1][t]));
    (0..n)
        .map(|i| std::array::from_fn(|t| (alpha[i][t] + beta[i][t] - z).exp()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::tags::parse_tag;

    /// The confidences of the first forward-backward worked in f64 (to 1e-6; the f32 log form to
    /// 1e-3), on the bundled model's transitions and emissions spread over every tag (strong,
    /// weak and tied scores).
    #[test]
    fn marginals_are_those_of_the_reference() {
        let tagger = crate::ner::Tagger::load_default().expect("the bundled entity tagger");
        let trans = tagger.model.trans;
        let mut state = 7u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) % 2001) as f32 / 100.0 - 10.0
        };
        for n in [1usize, 2, 3, 8, 40] {
            let emit: Vec<[f32; N_TAGS]> = (0..n)
                .map(|i| {
                    std::array::from_fn(|t| {
                        if i % 3 == 2 && t % 2 == 0 {
                            0.5
                        } else {
                            next()
                        }
                    })
                })
                .collect();
            let got = marginals(&emit, &trans);
            let logs = marginals_in_logs(&emit, &trans);
            let want = marginals_reference(&emit, &trans);
            assert_eq!(got.len(), n);
            for ((g, l), w) in got.iter().zip(&logs).zip(&want) {
                for ((&a, &c), &b) in g.iter().zip(l).zip(w) {
                    assert!(
                        (f64::from(a) - b).abs() <= 1e-6,
                        "length {n}: {g:?} against {w:?}"
                    );
                    assert!(
                        (f64::from(c) - b).abs() <= 1e-3,
                        "length {n}: {l:?} against {w:?}"
                    );
                }
            }
        }
    }

    /// A sentence whose every likely path is forbidden (a strong O, then a strong I-PER, whose
    /// other tags are 1000 below) has no mass left in probabilities: it is worked in logs.
    #[test]
    fn marginals_fall_back_to_logs_when_the_mass_underflows() {
        let tagger = crate::ner::Tagger::load_default().expect("the bundled entity tagger");
        let trans = tagger.model.trans;
        let i_per = parse_tag("I-PER").unwrap();
        let emit: Vec<[f32; N_TAGS]> = [O, i_per]
            .iter()
            .map(|&hot| std::array::from_fn(|t| if t == hot { 0.0 } else { -1000.0 }))
            .collect();
        assert_eq!(scaled_marginals(&emit, &trans), None);
        let got = marginals(&emit, &trans);
        assert_eq!(got, marginals_in_logs(&emit, &trans));
        let want = marginals_reference(&emit, &trans);
        for (g, w) in got.iter().zip(&want) {
            assert!(g.iter().all(|x| x.is_finite()), "{g:?}");
            for (&a, &b) in g.iter().zip(w) {
                assert!((f64::from(a) - b).abs() <= 1e-3, "{g:?} against {w:?}");
            }
        }
    }

    fn toy() -> Model {
        let mut trans = [[0.0f32; N_TAGS]; N_TAGS + 1];
        trans[1][2] = 0.5;
        Model::from_rows(
            trans,
            vec![
                (7, vec![(1u8, 2.0f32), (0, -1.0)]),
                (9, vec![(2, 1.5)]),
                (11, vec![(3, 0.0)]),
            ],
            Clusters::from_entries([("boeing".to_string(), 3u16)]),
        )
    }

    #[test]
    fn bytes_round_trip() {
        let m = toy();
        assert_eq!(m.n_features(), 2, "all-zero rows are dropped");
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        let e = back.emissions(&[7, 9, 12345]);
        assert!(
            (e[1] - 2.0).abs() < 1e-3 && (e[2] - 1.5).abs() < 1e-3 && (e[0] + 1.0).abs() < 1e-3
        );
        assert_eq!(back.trans[1][2], 0.5);
        assert_eq!(back.clusters.get("boeing"), Some(3));
        assert!(Model::from_bytes(b"nonsense").is_err());
        let mut bytes = m.to_bytes();
        bytes.pop();
        assert!(Model::from_bytes(&bytes).is_err());
    }

    #[test]
    fn viterbi_respects_iob2_and_constraints() {
        let trans = [[0.0f32; N_TAGS]; N_TAGS + 1];
        let mut emit = vec![[0.0f32; N_TAGS]; 2];
        // The best local tags would be O then I-PER, which IOB2 forbids.
        emit[0][O] = 3.0;
        emit[1][parse_tag("I-PER").unwrap()] = 2.0;
        emit[1][parse_tag("B-ORG").unwrap()] = 1.0;
        assert_eq!(
            viterbi(&emit, &trans, None),
            vec![O, parse_tag("B-ORG").unwrap()]
        );
        let allow = [1u16 << parse_tag("B-PER").unwrap(), u16::MAX];
        assert_eq!(viterbi(&emit, &trans, Some(&allow)), vec![1, 2]);
        let m = marginals(&emit, &trans);
        for row in &m {
            assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-4);
        }
        assert!(m[1][parse_tag("I-PER").unwrap()] > 0.0);
    }
}
