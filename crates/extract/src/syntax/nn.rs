//! A feed-forward transition scorer (Chen & Manning 2014), the second scorer behind the parser's
//! transition system: embeddings of the words and tags of [`WORD_SLOTS`] positions of the state
//! (stack, buffer, the stack words' outer children) and of the labels of the children, one hidden
//! layer with ReLU, a score per transition. Trained by [`Net::train_step`] one transition at a
//! time with AdaGrad and dropout on the hidden layer, against every transition the dynamic oracle
//! calls optimal (the loss is minus the log of their summed probability). Deterministic: its
//! random numbers come from the caller's seeded generator, sums run in a fixed order.

use super::perceptron::{put_u32, put_varint, Reader, Rng};
use rustc_hash::FxHashMap;

/// Word and tag positions: s0, s1, s2, b0, b1, b2, then the first and second leftmost and
/// rightmost children of s0 and s1, then the leftmost child of s0's and s1's leftmost child and
/// the rightmost of their rightmost (Chen & Manning's 18).
pub const WORD_SLOTS: usize = 18;
/// Label positions: the 12 children among the word positions (slots 6..18).
pub const LABEL_SLOTS: usize = 12;

/// Row of a position with no word.
pub const NO_WORD: u32 = 0;
/// Row of the root.
pub const ROOT_ROW: u32 = 1;
/// Row of a word or tag outside the vocabulary.
pub const UNKNOWN: u32 = 2;
/// First row of a vocabulary entry.
const FIRST: u32 = 3;

/// The dot product in eight running sums (a fixed order the compiler can vectorize).
#[inline]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// Sizes of the layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dims {
    pub word: usize,
    pub tag: usize,
    pub label: usize,
    pub hidden: usize,
    pub classes: usize,
}

impl Dims {
    fn input(&self) -> usize {
        WORD_SLOTS * (self.word + self.tag) + LABEL_SLOTS * self.label
    }
}

/// The rows a state's positions read: word rows, tag rows, label rows (0: no child, else
/// label + 1).
#[derive(Debug, Clone, Copy, Default)]
pub struct Ids {
    pub words: [u32; WORD_SLOTS],
    pub tags: [u32; WORD_SLOTS],
    pub labels: [u32; LABEL_SLOTS],
}

/// The network.
#[derive(Debug, Clone, Default)]
pub struct Net {
    pub dims: Dims,
    /// Word hash (the parser input's) → row.
    words: FxHashMap<u64, u32>,
    /// Tag hash → row.
    tags: FxHashMap<u64, u32>,
    n_word_rows: usize,
    n_tag_rows: usize,
    n_label_rows: usize,
    /// All parameters in one array (see [`Layout`]), so that training keeps one AdaGrad sum
    /// per parameter beside it.
    params: Vec<f32>,
    layout: Layout,
    /// Each tag row's and label row's share of the hidden sums at each position, computed
    /// once when the network is read (see [`Net::scores`]).
    tag_part: Vec<f32>,
    label_part: Vec<f32>,
}

impl Default for Dims {
    fn default() -> Self {
        Dims {
            word: 50,
            tag: 20,
            label: 20,
            hidden: 200,
            classes: 1,
        }
    }
}

/// Where each block of parameters starts in [`Net::params`].
#[derive(Debug, Clone, Copy, Default)]
struct Layout {
    word_emb: usize,
    tag_emb: usize,
    label_emb: usize,
    /// Input × hidden (a row per input unit, so an input adds its row to the hidden sums).
    w1: usize,
    b1: usize,
    /// Classes × hidden.
    w2: usize,
    b2: usize,
    len: usize,
}

impl Layout {
    fn new(d: &Dims, words: usize, tags: usize, labels: usize) -> Layout {
        let word_emb = 0;
        let tag_emb = word_emb + words * d.word;
        let label_emb = tag_emb + tags * d.tag;
        let w1 = label_emb + labels * d.label;
        let b1 = w1 + d.input() * d.hidden;
        let w2 = b1 + d.hidden;
        let b2 = w2 + d.classes * d.hidden;
        Layout {
            word_emb,
            tag_emb,
            label_emb,
            w1,
            b1,
            w2,
            b2,
            len: b2 + d.classes,
        }
    }
}

/// Work space of one forward and backward pass.
#[derive(Debug, Default)]
pub struct Scratch {
    /// A word row's share of the hidden sums at a position, by (row, position), for the
    /// sentence being parsed: a word keeps its place over several steps.
    words: FxHashMap<(u32, u8), u32>,
    word_parts: Vec<f32>,
    x: Vec<f32>,
    h: Vec<f32>,
    mask: Vec<f32>,
    dh: Vec<f32>,
    dx: Vec<f32>,
}

/// Training state beside a [`Net`]: gradients summed over a batch of transitions, and
/// AdaGrad's summed squared gradients.
#[derive(Debug)]
pub struct Trainer {
    sq: Vec<f32>,
    grad: Vec<f32>,
    /// Embedding rows (their first parameter) with a gradient in this batch.
    touched: Vec<(usize, usize)>,
    seen: Vec<bool>,
    pub rate: f32,
    pub dropout: f32,
    scratch: Scratch,
    probs: Vec<f32>,
}

impl Net {
    /// A new network: `words` and `tags` are the vocabularies (hashes, in a fixed order),
    /// `vectors` initial word embeddings by hash (scaled to the random rows' spread), the rest
    /// random from `rng`.
    pub fn new(
        dims: Dims,
        words: &[u64],
        tags: &[u64],
        n_labels: usize,
        vectors: &FxHashMap<u64, Vec<f32>>,
        rng: &mut Rng,
    ) -> Net {
        let index = |v: &[u64]| -> FxHashMap<u64, u32> {
            v.iter()
                .enumerate()
                .map(|(i, &h)| (h, FIRST + i as u32))
                .collect()
        };
        let n_word_rows = words.len() + FIRST as usize;
        let n_tag_rows = tags.len() + FIRST as usize;
        let n_label_rows = n_labels + 1;
        let layout = Layout::new(&dims, n_word_rows, n_tag_rows, n_label_rows);
        let mut params = vec![0f32; layout.len];
        let mut uniform = |p: &mut [f32], r: f32| {
            for x in p {
                *x = ((rng.unit() * 2.0 - 1.0) as f32) * r;
            }
        };
        uniform(&mut params[layout.word_emb..layout.w1], 1.0);
        let fan1 = ((6.0 / (dims.input() + dims.hidden) as f64).sqrt()) as f32;
        uniform(&mut params[layout.w1..layout.b1], fan1);
        params[layout.b1..layout.w2].fill(0.01);
        let fan2 = ((6.0 / (dims.hidden + dims.classes) as f64).sqrt()) as f32;
        uniform(&mut params[layout.w2..layout.b2], fan2);
        // Pretrained vectors: unit spread per dimension, random rows uniform in ±1 (spread
        // 1/√3).
        for (i, h) in words.iter().enumerate() {
            if let Some(v) = vectors.get(h) {
                let at = layout.word_emb + (FIRST as usize + i) * dims.word;
                for (p, &x) in params[at..at + dims.word].iter_mut().zip(v) {
                    *p = x * 0.577;
                }
            }
        }
        Net {
            dims,
            words: index(words),
            tags: index(tags),
            n_word_rows,
            n_tag_rows,
            n_label_rows,
            params,
            layout,
            tag_part: Vec::new(),
            label_part: Vec::new(),
        }
    }

    /// The share of the hidden sums of embedding `emb` at input offset `at`, added to `out`.
    fn part(&self, emb: &[f32], at: usize, out: &mut [f32]) {
        let d = self.dims.hidden;
        let w1 = &self.params[self.layout.w1..self.layout.b1];
        for (j, &v) in emb.iter().enumerate() {
            let row = &w1[(at + j) * d..(at + j + 1) * d];
            for (o, &w) in out.iter_mut().zip(row) {
                *o += v * w;
            }
        }
    }

    /// Computes the tag and label shares of the hidden sums (after training or reading).
    pub fn freeze(&mut self) {
        let d = self.dims;
        let l = self.layout;
        let mut tag_part = vec![0f32; WORD_SLOTS * self.n_tag_rows * d.hidden];
        for k in 0..WORD_SLOTS {
            let at = WORD_SLOTS * d.word + k * d.tag;
            for t in 0..self.n_tag_rows {
                let emb = &self.params[l.tag_emb + t * d.tag..l.tag_emb + (t + 1) * d.tag];
                let o = (k * self.n_tag_rows + t) * d.hidden;
                self.part(emb, at, &mut tag_part[o..o + d.hidden]);
            }
        }
        let mut label_part = vec![0f32; LABEL_SLOTS * self.n_label_rows * d.hidden];
        for k in 0..LABEL_SLOTS {
            let at = WORD_SLOTS * (d.word + d.tag) + k * d.label;
            for b in 0..self.n_label_rows {
                let emb = &self.params[l.label_emb + b * d.label..l.label_emb + (b + 1) * d.label];
                let o = (k * self.n_label_rows + b) * d.hidden;
                self.part(emb, at, &mut label_part[o..o + d.hidden]);
            }
        }
        self.tag_part = tag_part;
        self.label_part = label_part;
    }

    pub fn word_row(&self, hash: u64) -> u32 {
        self.words.get(&hash).copied().unwrap_or(UNKNOWN)
    }

    pub fn tag_row(&self, hash: u64) -> u32 {
        self.tags.get(&hash).copied().unwrap_or(UNKNOWN)
    }

    /// The input vector of `ids` into `x`.
    fn gather(&self, ids: &Ids, x: &mut Vec<f32>) {
        let d = &self.dims;
        let l = &self.layout;
        x.clear();
        for &w in &ids.words {
            let at = l.word_emb + w as usize * d.word;
            x.extend_from_slice(&self.params[at..at + d.word]);
        }
        for &t in &ids.tags {
            let at = l.tag_emb + t as usize * d.tag;
            x.extend_from_slice(&self.params[at..at + d.tag]);
        }
        for &b in &ids.labels {
            let at = l.label_emb + b as usize * d.label;
            x.extend_from_slice(&self.params[at..at + d.label]);
        }
    }

    /// Hidden layer of input `x` (before dropout).
    fn hidden(&self, x: &[f32], h: &mut Vec<f32>) {
        let d = &self.dims;
        let l = &self.layout;
        h.clear();
        h.extend_from_slice(&self.params[l.b1..l.b1 + d.hidden]);
        let w1 = &self.params[l.w1..l.b1];
        for (&v, row) in x.iter().zip(w1.chunks_exact(d.hidden)) {
            for (o, &w) in h.iter_mut().zip(row) {
                *o += v * w;
            }
        }
        for o in h.iter_mut() {
            *o = o.max(0.0);
        }
    }

    /// Scores of hidden layer `h` into `out`.
    fn output(&self, h: &[f32], out: &mut [f32]) {
        let d = &self.dims;
        let l = &self.layout;
        let w2 = &self.params[l.w2..l.b2];
        for (c, (o, row)) in out.iter_mut().zip(w2.chunks_exact(d.hidden)).enumerate() {
            *o = dot(row, h) + self.params[l.b2 + c];
        }
    }

    /// The score of every transition, from the frozen shares of the hidden sums (see
    /// [`Net::freeze`]); `s` is kept for one sentence.
    pub fn scores(&self, ids: &Ids, s: &mut Scratch, out: &mut [f32]) {
        let d = self.dims;
        let l = self.layout;
        if self.tag_part.is_empty() {
            self.gather(ids, &mut s.x);
            let mut h = std::mem::take(&mut s.h);
            self.hidden(&s.x, &mut h);
            self.output(&h, out);
            s.h = h;
            return;
        }
        let mut h = std::mem::take(&mut s.h);
        h.clear();
        h.extend_from_slice(&self.params[l.b1..l.b1 + d.hidden]);
        let add = |h: &mut [f32], part: &[f32]| {
            for (o, &v) in h.iter_mut().zip(part) {
                *o += v;
            }
        };
        for (k, &w) in ids.words.iter().enumerate() {
            let at = match s.words.get(&(w, k as u8)) {
                Some(&at) => at as usize,
                None => {
                    let at = s.word_parts.len();
                    s.word_parts.resize(at + d.hidden, 0.0);
                    let emb = &self.params
                        [l.word_emb + w as usize * d.word..l.word_emb + (w as usize + 1) * d.word];
                    self.part(emb, k * d.word, &mut s.word_parts[at..at + d.hidden]);
                    s.words.insert((w, k as u8), at as u32);
                    at
                }
            };
            add(&mut h, &s.word_parts[at..at + d.hidden]);
        }
        for (k, &t) in ids.tags.iter().enumerate() {
            let o = (k * self.n_tag_rows + t as usize) * d.hidden;
            add(&mut h, &self.tag_part[o..o + d.hidden]);
        }
        for (k, &b) in ids.labels.iter().enumerate() {
            let o = (k * self.n_label_rows + b as usize) * d.hidden;
            add(&mut h, &self.label_part[o..o + d.hidden]);
        }
        for o in h.iter_mut() {
            *o = o.max(0.0);
        }
        self.output(&h, out);
        s.h = h;
    }

    /// Writes the sizes, the vocabularies (sorted by hash) and the parameters.
    pub fn write(&self, out: &mut Vec<u8>) {
        let d = &self.dims;
        for n in [d.word, d.tag, d.label, d.hidden, d.classes] {
            put_varint(out, n as u64);
        }
        for map in [&self.words, &self.tags] {
            let mut v: Vec<(u64, u32)> = map.iter().map(|(&h, &r)| (h, r)).collect();
            v.sort_unstable();
            put_varint(out, v.len() as u64);
            for (h, r) in v {
                out.extend_from_slice(&h.to_le_bytes());
                put_u32(out, r);
            }
        }
        put_varint(out, self.n_label_rows as u64);
        for p in &self.params {
            out.extend_from_slice(&p.to_le_bytes());
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Net, String> {
        let mut n = || r.varint().map(|v| v as usize);
        let dims = Dims {
            word: n()?,
            tag: n()?,
            label: n()?,
            hidden: n()?,
            classes: n()?,
        };
        let mut maps = Vec::new();
        for _ in 0..2 {
            let len = r.varint()? as usize;
            let mut m = FxHashMap::with_capacity_and_hasher(len, Default::default());
            for _ in 0..len {
                let b = r.take(8)?;
                let h = u64::from_le_bytes(b.try_into().map_err(|_| "short hash")?);
                m.insert(h, r.u32()?);
            }
            maps.push(m);
        }
        let tags = maps.pop().unwrap_or_default();
        let words = maps.pop().unwrap_or_default();
        let n_label_rows = r.varint()? as usize;
        let n_word_rows = words.len() + FIRST as usize;
        let n_tag_rows = tags.len() + FIRST as usize;
        let layout = Layout::new(&dims, n_word_rows, n_tag_rows, n_label_rows);
        let bytes = r.take(layout.len * 4)?;
        let params = bytes
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        let mut net = Net {
            dims,
            words,
            tags,
            n_word_rows,
            n_tag_rows,
            n_label_rows,
            params,
            layout,
            tag_part: Vec::new(),
            label_part: Vec::new(),
        };
        net.freeze();
        Ok(net)
    }

    pub fn n_params(&self) -> usize {
        self.params.len()
    }

    /// Rows of each table (words, tags, labels).
    pub fn rows(&self) -> (usize, usize, usize) {
        (self.n_word_rows, self.n_tag_rows, self.n_label_rows)
    }
}

impl Trainer {
    pub fn new(net: &Net, rate: f32, dropout: f32) -> Trainer {
        Trainer {
            sq: vec![1e-6; net.params.len()],
            grad: vec![0.0; net.params.len()],
            touched: Vec::new(),
            seen: vec![false; net.layout.w1],
            rate,
            dropout,
            scratch: Scratch::default(),
            probs: vec![0.0; net.dims.classes],
        }
    }

    /// One transition: scores (with dropout) into `scores`, then, when `allowed` has a class
    /// and `best` names at least one, adds the gradient of minus the log probability of the
    /// `best` classes under a softmax over the `allowed` ones to the batch's. Returns the loss.
    pub fn train_step(
        &mut self,
        net: &Net,
        ids: &Ids,
        allowed: &[bool],
        best: &[bool],
        scores: &mut [f32],
        rng: &mut Rng,
    ) -> f32 {
        let d = net.dims;
        let l = net.layout;
        let s = &mut self.scratch;
        net.gather(ids, &mut s.x);
        net.hidden(&s.x, &mut s.h);
        s.mask.clear();
        let keep = 1.0 - self.dropout;
        for hv in s.h.iter_mut() {
            let m = if rng.unit() < f64::from(self.dropout) {
                0.0
            } else {
                1.0 / keep
            };
            *hv *= m;
            s.mask.push(m);
        }
        net.output(&s.h, scores);
        // Softmax over the allowed classes.
        let max = scores
            .iter()
            .zip(allowed)
            .filter(|(_, &a)| a)
            .map(|(&v, _)| v)
            .fold(f32::NEG_INFINITY, f32::max);
        if !max.is_finite() {
            return 0.0;
        }
        let mut total = 0f32;
        let mut good = 0f32;
        for c in 0..d.classes {
            let p = if allowed[c] {
                (scores[c] - max).exp()
            } else {
                0.0
            };
            self.probs[c] = p;
            total += p;
            if best[c] {
                good += p;
            }
        }
        if good <= 0.0 {
            return 0.0;
        }
        // d loss / d score = p - p·[best] / P(best).
        let g = &mut self.probs;
        for c in 0..d.classes {
            let p = g[c] / total;
            g[c] = p - if best[c] { g[c] / good } else { 0.0 };
        }
        let loss = -(good / total).ln();
        let grad = &mut self.grad;
        s.dh.clear();
        s.dh.resize(d.hidden, 0.0);
        for (c, &gc) in g.iter().enumerate() {
            if gc == 0.0 {
                continue;
            }
            let at = l.w2 + c * d.hidden;
            let row = &net.params[at..at + d.hidden];
            for (o, &w) in s.dh.iter_mut().zip(row) {
                *o += gc * w;
            }
            for (o, &hv) in grad[at..at + d.hidden].iter_mut().zip(&s.h) {
                *o += gc * hv;
            }
            grad[l.b2 + c] += gc;
        }
        for ((o, &hv), &m) in s.dh.iter_mut().zip(&s.h).zip(&s.mask) {
            // ReLU (h is 0 where the unit was off or dropped) and dropout's scale.
            *o = if hv > 0.0 { *o * m } else { 0.0 };
        }
        // Input gradient and the first layer's.
        s.dx.clear();
        s.dx.resize(s.x.len(), 0.0);
        for (k, &v) in s.x.iter().enumerate() {
            let at = l.w1 + k * d.hidden;
            let row = &net.params[at..at + d.hidden];
            s.dx[k] = dot(row, &s.dh);
            for (o, &dh) in grad[at..at + d.hidden].iter_mut().zip(&s.dh) {
                *o += v * dh;
            }
        }
        for (o, &dh) in grad[l.b1..l.b1 + d.hidden].iter_mut().zip(&s.dh) {
            *o += dh;
        }
        // Embedding rows, each position's slice of the input gradient.
        let mut k = 0;
        let rows = ids
            .words
            .iter()
            .map(|&w| (l.word_emb + w as usize * d.word, d.word))
            .chain(
                ids.tags
                    .iter()
                    .map(|&t| (l.tag_emb + t as usize * d.tag, d.tag)),
            )
            .chain(
                ids.labels
                    .iter()
                    .map(|&b| (l.label_emb + b as usize * d.label, d.label)),
            );
        for (at, dim) in rows {
            for (o, &v) in grad[at..at + dim].iter_mut().zip(&s.dx[k..k + dim]) {
                *o += v;
            }
            k += dim;
            if !self.seen[at] {
                self.seen[at] = true;
                self.touched.push((at, dim));
            }
        }
        loss
    }

    /// A step of AdaGrad with the batch's summed gradient, which it then clears.
    pub fn apply(&mut self, net: &mut Net) {
        let rate = self.rate;
        let step = |p: &mut [f32], sq: &mut [f32], g: &mut [f32]| {
            for ((p, q), g) in p.iter_mut().zip(sq.iter_mut()).zip(g.iter_mut()) {
                *q += *g * *g;
                *p -= rate * *g / q.sqrt();
                *g = 0.0;
            }
        };
        let w1 = net.layout.w1;
        step(
            &mut net.params[w1..],
            &mut self.sq[w1..],
            &mut self.grad[w1..],
        );
        self.touched.sort_unstable();
        for &(at, dim) in &self.touched {
            step(
                &mut net.params[at..at + dim],
                &mut self.sq[at..at + dim],
                &mut self.grad[at..at + dim],
            );
            self.seen[at] = false;
        }
        self.touched.clear();
    }
}
