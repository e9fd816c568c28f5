//! Dependency parser: arc-hybrid transitions (SHIFT, LEFT-label, RIGHT-label) chosen greedily by
//! an averaged perceptron over Zhang–Nivre-style features (words and tags of the stack and
//! buffer, their leftmost and rightmost children, distance, valency, label sets), trained with
//! the Goldberg–Nivre dynamic oracle and error exploration, so that it learns to recover from
//! its own mistakes. The label is chosen jointly with the transition. Time and memory are linear
//! in the sentence length (each word is shifted once and popped once).

use super::nn;
use super::perceptron::{
    argmax, feat, hash_str, put_str, put_varint, Reader, Rng, Trainer, Weights,
};
use super::tagger::normalize;
use std::collections::BTreeMap;

const SHIFT: usize = 0;

/// Feature groups of [`State::features`]. `S`: the static properties (word, tags, cluster,
/// ending, distance) of the top three stack words alone, fixed while the top word stays on the
/// stack (the words below it cannot change before it is popped); `B`: those of the first three
/// buffer words alone, fixed until the next SHIFT; `X`: all the others (children, labels,
/// valency, the stack and buffer words together), new at every step.
const S: u8 = 1;
const B: u8 = 2;
const X: u8 = 4;
const ALL: u8 = S | B | X;
const NONE: u64 = 0x0e0e;
const ROOT_W: u64 = 0x7007;
/// No dependent (in [`State`]'s latest dependents).
const NO_DEP: usize = usize::MAX;

/// Word clusters: lowercased word → 12-bit hierarchical id whose 4- and 8-bit prefixes are
/// coarser clusters (`scripts/ner/make_clusters.py`, from all-MiniLM-L6-v2's input embeddings,
/// learned from far more text than the treebanks). A rare word of the training data, or one
/// never seen, shares weights with the frequent words of its cluster.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clusters {
    /// Fx-hashed: every word of every parse is looked up.
    map: rustc_hash::FxHashMap<String, u16>,
}

impl Clusters {
    /// Reads `word<TAB>id` lines.
    pub fn from_tsv(tsv: &str) -> Result<Clusters, String> {
        let mut map = rustc_hash::FxHashMap::default();
        for (n, line) in tsv.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
            let (word, id) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {}: no tab", n + 1))?;
            let id: u16 = id
                .trim()
                .parse()
                .map_err(|e| format!("line {}: {e}", n + 1))?;
            map.insert(word.to_string(), id & 0xfff);
        }
        Ok(Clusters { map })
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub(crate) fn get(&self, form: &str) -> Option<u16> {
        if let Some(&id) = self.map.get(form) {
            return Some(id);
        }
        // A word its lower case leaves as it is was just looked up.
        let unchanged = |c: char| {
            let mut l = c.to_lowercase();
            l.next() == Some(c) && l.next().is_none()
        };
        if form.chars().all(unchanged) {
            return None;
        }
        self.map.get(&form.to_lowercase()).copied()
    }

    /// Sorted by word, so the file does not depend on hash-map order.
    fn write(&self, out: &mut Vec<u8>) {
        let mut words: Vec<(&String, &u16)> = self.map.iter().collect();
        words.sort_unstable();
        put_varint(out, words.len() as u64);
        for (w, id) in words {
            put_str(out, w);
            put_varint(out, u64::from(*id));
        }
    }

    fn read(r: &mut Reader<'_>) -> Result<Clusters, String> {
        let n = r.varint()? as usize;
        let mut map = rustc_hash::FxHashMap::with_capacity_and_hasher(n, Default::default());
        for _ in 0..n {
            let w = r.str()?.to_string();
            let id = u16::try_from(r.varint()?).map_err(|_| "cluster id out of range")?;
            map.insert(w, id);
        }
        Ok(Clusters { map })
    }
}

/// The hash a word has in the parser's input (for word vectors keyed like the input).
pub fn word_hash(form: &str) -> u64 {
    hash_str(&normalize(form))
}

/// A sentence for the parser: lowercased words and PTB tags, as hashes.
#[derive(Debug, Clone)]
pub struct Input {
    w: Vec<u64>,
    p: Vec<u64>,
    /// Universal tags and 3-letter endings.
    u: Vec<u64>,
    suf: Vec<u64>,
    /// Word clusters at 4, 8 and 12 bits (a word without one: its PTB tag in their place).
    c4: Vec<u64>,
    c8: Vec<u64>,
    c12: Vec<u64>,
    /// The word's role in marking a phrase: 1 adposition or conjunction, 2 punctuation, 0 else.
    kind: Vec<u8>,
    /// Punctuation marks among words `1..=i`.
    punct_before: Vec<u32>,
}

impl Input {
    /// From word forms and their (predicted) PTB tags.
    pub fn new(forms: &[&str], xpos: &[&str], upos: &[&str]) -> Input {
        Input::with_clusters(forms, xpos, upos, None)
    }

    /// The same, with the words' clusters.
    pub fn with_clusters(
        forms: &[&str],
        xpos: &[&str],
        upos: &[&str],
        clusters: Option<&Clusters>,
    ) -> Input {
        let norms: Vec<String> = forms.iter().map(|f| normalize(f)).collect();
        Input::with_normalized(forms, &norms, xpos, upos, clusters)
    }

    /// The same, given the words [`normalize`]d.
    pub fn with_normalized(
        forms: &[&str],
        norms: &[String],
        xpos: &[&str],
        upos: &[&str],
        clusters: Option<&Clusters>,
    ) -> Input {
        let n = forms.len() + 1;
        let mut x = Input {
            w: Vec::with_capacity(n),
            p: Vec::with_capacity(n),
            u: Vec::with_capacity(n),
            suf: Vec::with_capacity(n),
            c4: Vec::with_capacity(n),
            c8: Vec::with_capacity(n),
            c12: Vec::with_capacity(n),
            kind: Vec::with_capacity(n),
            punct_before: Vec::with_capacity(n),
        };
        x.kind.push(0);
        x.punct_before.push(0);
        x.w.push(ROOT_W);
        x.p.push(ROOT_W + 1);
        x.u.push(ROOT_W + 2);
        x.suf.push(ROOT_W + 3);
        x.c4.push(ROOT_W + 4);
        x.c8.push(ROOT_W + 5);
        x.c12.push(ROOT_W + 6);
        for (((f, norm), t), ut) in forms.iter().zip(norms).zip(xpos).zip(upos) {
            let cut = norm.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
            let p = hash_str(t) ^ 0x9999;
            x.w.push(hash_str(norm));
            x.p.push(p);
            x.u.push(hash_str(ut) ^ 0x7777);
            x.suf.push(hash_str(&norm[cut..]) ^ 0x5555);
            let (c4, c8, c12) = match clusters.and_then(|c| c.get(f)) {
                Some(id) => {
                    let id = u64::from(id);
                    (0xc400 | (id >> 8), 0xc8000 | (id >> 4), 0xc12000 | id)
                }
                None => (p ^ 0xc4, p ^ 0xc8, p ^ 0xc12),
            };
            x.c4.push(c4);
            x.c8.push(c8);
            x.c12.push(c12);
            let kind = match *ut {
                "ADP" | "SCONJ" | "CCONJ" => 1,
                "PUNCT" => 2,
                _ => 0,
            };
            x.kind.push(kind);
            let before = x.punct_before.last().copied().unwrap_or(0);
            x.punct_before.push(before + u32::from(kind == 2));
        }
        x
    }

    /// Punctuation marks strictly between words `a` and `b` (`a < b`), 0, 1 or 2 for more.
    fn punct_between(&self, a: Option<usize>, b: Option<usize>) -> u64 {
        match (a, b) {
            (Some(a), Some(b)) if a < b => {
                u64::from((self.punct_before[b - 1] - self.punct_before[a]).min(2)) + 1
            }
            _ => 0,
        }
    }

    fn len(&self) -> usize {
        self.w.len() - 1
    }
}

/// Parser state over words `1..=n` (0 is the root).
#[derive(Debug)]
struct State {
    stack: Vec<usize>,
    /// Front of the buffer; the buffer is `b..=n`.
    b: usize,
    n: usize,
    heads: Vec<usize>,
    labels: Vec<u8>,
    /// Each word's two latest left dependents, the latest first ([`NO_DEP`] for none): the
    /// features read no further (left dependents are attached nearest first, so these are
    /// the leftmost two).
    lefts: Vec<[usize; 2]>,
    /// The same on the right (the rightmost two).
    rights: Vec<[usize; 2]>,
    /// How many left and right dependents each word has.
    n_lefts: Vec<u32>,
    n_rights: Vec<u32>,
    lmask: Vec<u128>,
    rmask: Vec<u128>,
    /// The leftmost left dependent that is an adposition or conjunction (the last attached:
    /// left dependents are attached nearest first).
    lmarker: Vec<usize>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            stack: vec![0],
            b: 1,
            n,
            heads: vec![usize::MAX; n + 1],
            labels: vec![0; n + 1],
            lefts: vec![[NO_DEP; 2]; n + 1],
            rights: vec![[NO_DEP; 2]; n + 1],
            n_lefts: vec![0; n + 1],
            n_rights: vec![0; n + 1],
            lmask: vec![0; n + 1],
            rmask: vec![0; n + 1],
            lmarker: vec![usize::MAX; n + 1],
        }
    }

    /// The `k`-th latest left dependent of word `i` (`k` < 2).
    fn left(&self, i: Option<usize>, k: usize) -> Option<usize> {
        i.map(|i| self.lefts[i][k]).filter(|&d| d != NO_DEP)
    }

    /// The `k`-th latest right dependent of word `i` (`k` < 2).
    fn right(&self, i: Option<usize>, k: usize) -> Option<usize> {
        i.map(|i| self.rights[i][k]).filter(|&d| d != NO_DEP)
    }

    fn done(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }

    fn s(&self, k: usize) -> Option<usize> {
        self.stack.len().checked_sub(k + 1).map(|i| self.stack[i])
    }

    fn buf(&self, k: usize) -> Option<usize> {
        let i = self.b + k;
        (i <= self.n).then_some(i)
    }

    fn can_shift(&self) -> bool {
        self.b <= self.n
    }

    fn can_left(&self) -> bool {
        self.b <= self.n && self.s(0).is_some_and(|s| s != 0)
    }

    /// RIGHT onto the root only when the buffer is empty, so the tree has one root.
    fn can_right(&self) -> bool {
        match self.s(1) {
            None => false,
            Some(0) => self.b > self.n,
            Some(_) => true,
        }
    }

    fn attach(&mut self, head: usize, dep: usize, label: u8, x: &Input) {
        self.heads[dep] = head;
        self.labels[dep] = label;
        if dep < head {
            if x.kind[dep] == 1 {
                self.lmarker[head] = dep;
            }
            self.lefts[head] = [dep, self.lefts[head][0]];
            self.n_lefts[head] += 1;
            self.lmask[head] |= 1u128 << (label % 128);
        } else {
            self.rights[head] = [dep, self.rights[head][0]];
            self.n_rights[head] += 1;
            self.rmask[head] |= 1u128 << (label % 128);
        }
    }

    fn apply(&mut self, class: usize, x: &Input) {
        if class == SHIFT {
            self.stack.push(self.b);
            self.b += 1;
            return;
        }
        let label = ((class - 1) / 2) as u8;
        let s0 = self.stack.pop().expect("a valid transition has a stack");
        if class % 2 == 1 {
            self.attach(self.b, s0, label, x);
        } else {
            let s1 = *self.stack.last().expect("RIGHT needs two items");
            self.attach(s1, s0, label, x);
        }
    }

    /// Unlabeled costs (arcs of the gold tree that become unreachable) of SHIFT, LEFT, RIGHT.
    fn costs(&self, gold: &[usize], deps: &[Vec<usize>]) -> [usize; 3] {
        let mut c = [usize::MAX; 3];
        let in_buffer = |k: usize| k != 0 && k >= self.b && k <= self.n;
        if self.can_shift() {
            let b = self.b;
            let s0 = self.s(0);
            let mut cost = 0;
            for &s in &self.stack {
                if s != 0 && gold[s] == b {
                    cost += 1;
                }
                if gold[b] == s && Some(s) != s0 {
                    cost += 1;
                }
            }
            c[0] = cost;
        }
        if let Some(s0) = self.s(0).filter(|&s| s != 0) {
            let lost_deps = deps[s0].iter().filter(|&&k| in_buffer(k)).count();
            let h = gold[s0];
            if self.can_left() {
                let head_lost = h != self.b && (Some(h) == self.s(1) || in_buffer(h));
                c[1] = lost_deps + usize::from(head_lost);
            }
            if self.can_right() {
                c[2] = lost_deps + usize::from(in_buffer(h));
            }
        }
        c
    }

    /// The features of the state in `groups` ([`S`], [`B`], [`X`] or several), as keys.
    fn features(&self, x: &Input, set: FeatureSet, groups: u8, out: &mut Vec<u64>) {
        out.clear();
        let w = |i: Option<usize>| i.map_or(NONE, |i| x.w[i]);
        let p = |i: Option<usize>| i.map_or(NONE, |i| x.p[i]);
        let l = |i: Option<usize>| i.map_or(NONE, |i| u64::from(self.labels[i]) + 500);
        let (lm, rm) = (|i, k| self.left(i, k), |i, k| self.right(i, k));
        let (s0, s1, s2) = (self.s(0), self.s(1), self.s(2));
        let (b0, b1, b2) = (self.buf(0), self.buf(1), self.buf(2));
        let (s0l, s0l2, s0r, s0r2) = (lm(s0, 0), lm(s0, 1), rm(s0, 0), rm(s0, 1));
        let (b0l, b0l2) = (lm(b0, 0), lm(b0, 1));
        let (s1l, s1r, s1r2) = (lm(s1, 0), rm(s1, 0), rm(s1, 1));
        let s0ll = lm(s0l, 0);
        let (s0w, s0p, s1w, s1p, b0w, b0p) = (w(s0), p(s0), w(s1), p(s1), w(b0), p(b0));
        let (b1w, b1p, b2w, b2p, s2w, s2p) = (w(b1), p(b1), w(b2), p(b2), w(s2), p(s2));
        let dist = |a: Option<usize>, b: Option<usize>| match (a, b) {
            (Some(a), Some(b)) => (b.abs_diff(a)).min(5) as u64 + 1,
            _ => 0,
        };
        let d0 = dist(s0, b0);
        let d1 = dist(s1, s0);
        let vl = |i: Option<usize>| i.map_or(99, |i| u64::from(self.n_lefts[i].min(4)));
        let vr = |i: Option<usize>| i.map_or(99, |i| u64::from(self.n_rights[i].min(4)));
        let mask = |m: &Vec<u128>, i: Option<usize>| {
            i.map_or(NONE, |i| {
                let v = m[i];
                (v as u64) ^ ((v >> 64) as u64).rotate_left(17)
            })
        };
        let u = |i: Option<usize>| i.map_or(NONE, |i| x.u[i]);
        let sf = |i: Option<usize>| i.map_or(NONE, |i| x.suf[i]);
        // Every template keeps its number whichever groups are asked for.
        let mut t = 0u64;
        let mut f = |group: u8, vals: &[u64]| {
            t += 1;
            if groups & group != 0 {
                out.push(feat(t, vals));
            }
        };
        // Single words.
        f(S, &[s0w, s0p]);
        f(S, &[s0w]);
        f(S, &[s0p]);
        f(B, &[b0w, b0p]);
        f(B, &[b0w]);
        f(B, &[b0p]);
        f(B, &[b1w, b1p]);
        f(B, &[b1w]);
        f(B, &[b1p]);
        f(B, &[b2w, b2p]);
        f(B, &[b2w]);
        f(B, &[b2p]);
        f(S, &[s1w, s1p]);
        f(S, &[s1w]);
        f(S, &[s1p]);
        f(S, &[s2p]);
        f(S, &[s2w]);
        // Pairs.
        f(X, &[s0w, s0p, b0w, b0p]);
        f(X, &[s0w, s0p, b0w]);
        f(X, &[s0w, b0w, b0p]);
        f(X, &[s0w, s0p, b0p]);
        f(X, &[s0p, b0w, b0p]);
        f(X, &[s0w, b0w]);
        f(X, &[s0p, b0p]);
        f(B, &[b0p, b1p]);
        f(B, &[b0w, b1w]);
        f(S, &[s1w, s1p, s0w, s0p]);
        f(S, &[s1w, s0w]);
        f(S, &[s1p, s0p]);
        f(S, &[s1p, s0w]);
        f(S, &[s1w, s0p]);
        f(X, &[s1p, b0p]);
        f(X, &[s1w, b0w]);
        // Triples.
        f(B, &[b0p, b1p, b2p]);
        f(X, &[s0p, b0p, b1p]);
        f(X, &[s1p, s0p, b0p]);
        f(S, &[s2p, s1p, s0p]);
        f(X, &[s0p, p(s0l), b0p]);
        f(X, &[s0p, p(s0r), b0p]);
        f(X, &[s0p, b0p, p(b0l)]);
        f(X, &[s1p, p(s1r), s0p]);
        f(X, &[s1p, s0p, p(s0r)]);
        f(X, &[s1p, s0p, p(s0l)]);
        f(X, &[s1p, p(s1l), s0p]);
        f(X, &[s0w, b0p, b1p]);
        f(X, &[s0p, b0w, b1p]);
        // Distance.
        f(X, &[s0w, d0]);
        f(X, &[s0p, d0]);
        f(X, &[b0w, d0]);
        f(X, &[b0p, d0]);
        f(X, &[s0w, b0w, d0]);
        f(X, &[s0p, b0p, d0]);
        f(S, &[s1p, s0p, d1]);
        f(S, &[s1w, s0w, d1]);
        f(S, &[s1w, s0p, d1]);
        f(S, &[s1p, s0w, d1]);
        // Valency.
        f(X, &[s0w, vr(s0)]);
        f(X, &[s0p, vr(s0)]);
        f(X, &[s0w, vl(s0)]);
        f(X, &[s0p, vl(s0)]);
        f(X, &[b0w, vl(b0)]);
        f(X, &[b0p, vl(b0)]);
        f(X, &[s1w, vr(s1)]);
        f(X, &[s1p, vr(s1)]);
        f(X, &[s1p, vl(s1)]);
        // Children.
        f(X, &[w(s0l)]);
        f(X, &[p(s0l)]);
        f(X, &[l(s0l)]);
        f(X, &[w(s0r)]);
        f(X, &[p(s0r)]);
        f(X, &[l(s0r)]);
        f(X, &[w(b0l)]);
        f(X, &[p(b0l)]);
        f(X, &[l(b0l)]);
        f(X, &[w(s1r)]);
        f(X, &[p(s1r)]);
        f(X, &[l(s1r)]);
        f(X, &[l(s1l)]);
        f(X, &[w(s0l2)]);
        f(X, &[p(s0l2)]);
        f(X, &[l(s0l2)]);
        f(X, &[w(s0r2)]);
        f(X, &[p(s0r2)]);
        f(X, &[l(s0r2)]);
        f(X, &[w(b0l2)]);
        f(X, &[p(b0l2)]);
        f(X, &[l(b0l2)]);
        f(X, &[s0p, l(s0l), l(s0l2)]);
        f(X, &[s0p, l(s0r), l(s0r2)]);
        f(X, &[b0p, l(b0l), l(b0l2)]);
        f(X, &[s1p, l(s1r), l(s1r2)]);
        f(X, &[s0p, l(s0l), p(s0ll)]);
        f(X, &[s0p, s1p, l(s1r)]);
        f(X, &[s0w, l(s0l)]);
        f(X, &[b0w, l(b0l)]);
        // Label sets.
        f(X, &[s0w, mask(&self.rmask, s0)]);
        f(X, &[s0p, mask(&self.rmask, s0)]);
        f(X, &[s0w, mask(&self.lmask, s0)]);
        f(X, &[s0p, mask(&self.lmask, s0)]);
        f(X, &[b0w, mask(&self.lmask, b0)]);
        f(X, &[b0p, mask(&self.lmask, b0)]);
        f(X, &[s1p, mask(&self.rmask, s1)]);
        f(X, &[s1p, mask(&self.lmask, s1)]);
        if set.clusters {
            let c4 = |i: Option<usize>| i.map_or(NONE, |i| x.c4[i]);
            let c8 = |i: Option<usize>| i.map_or(NONE, |i| x.c8[i]);
            let c12 = |i: Option<usize>| i.map_or(NONE, |i| x.c12[i]);
            f(S, &[c12(s0)]);
            f(B, &[c12(b0)]);
            f(B, &[c12(b1)]);
            f(S, &[c12(s1)]);
            f(S, &[c8(s0)]);
            f(B, &[c8(b0)]);
            f(X, &[c4(s0), c4(b0)]);
            f(X, &[c8(s0), c8(b0)]);
            f(X, &[c12(s0), b0p]);
            f(X, &[s0p, c12(b0)]);
            f(X, &[c8(s0), b0p, b1p]);
            f(S, &[c8(s1), c8(s0)]);
            f(S, &[c12(s1), s0p]);
            f(S, &[s1p, c12(s0)]);
            f(B, &[c8(b0), c8(b1)]);
            f(X, &[c8(s0), c8(b0), d0]);
            f(S, &[c8(s1), c8(s0), d1]);
            f(X, &[c12(s0), l(s0l), l(s0r)]);
            f(X, &[c12(b0), l(b0l)]);
            f(X, &[s0p, c8(s0r), b0p]);
            f(X, &[c8(s1), c8(s1r), s0p]);
        }
        if set.attach {
            // What a phrase on the buffer attaches to, by the word that marks it (its leftmost
            // child: the preposition of a prepositional phrase, the conjunction of a conjunct)
            // and the candidate heads: prepositional and coordination attachment.
            let c8 = |i: Option<usize>| i.map_or(NONE, |i| x.c8[i]);
            let b0lw = w(b0l);
            let s0lw = w(s0l);
            f(X, &[s0w, b0lw]);
            f(X, &[s1w, b0lw]);
            f(X, &[s0w, b0lw, b0w]);
            f(X, &[s0p, b0lw, b0p]);
            f(X, &[c8(s0), b0lw, c8(b0)]);
            f(X, &[s1p, s0p, b0lw]);
            f(X, &[s1w, s0lw, s0w]);
            f(X, &[c8(s1), s0lw, c8(s0)]);
        }
        if set.rich {
            // A phrase's marker (its leftmost adposition or conjunction, not a comma before
            // it), the punctuation between the candidate head and the phrase, and the head's
            // last dependent: where a phrase after a clause or a list attaches.
            let marker = |i: Option<usize>| {
                i.map(|i| self.lmarker[i])
                    .filter(|&k| k != usize::MAX)
                    .map_or(NONE, |k| x.w[k])
            };
            let leads =
                |i: Option<usize>| self.left(i, 0).map(|k| u64::from(x.kind[k])).unwrap_or(9);
            let c8 = |i: Option<usize>| i.map_or(NONE, |i| x.c8[i]);
            let (mb0, ms0) = (marker(b0), marker(s0));
            let pb0 = x.punct_between(s0, b0);
            let pb1 = x.punct_between(s1, s0);
            f(X, &[s0p, mb0, pb0]);
            f(X, &[s0w, mb0, pb0]);
            f(X, &[s1p, s0p, mb0, pb0]);
            f(X, &[c8(s0), mb0, c8(b0)]);
            f(X, &[s1w, ms0, s0p]);
            f(X, &[s1p, ms0, c8(s0), pb1]);
            f(X, &[s0p, b0p, pb0, leads(b0)]);
            f(X, &[s1p, s0p, pb1, leads(s0)]);
            f(X, &[s0p, l(s0r), b0p, pb0]);
            f(X, &[s0p, p(s0r), mb0]);
            f(X, &[c8(s0r), b0p, mb0]);
            f(X, &[u(s1), u(s0), u(b0), pb0, pb1]);
            f(X, &[s0p, vr(s0), b0p, d0]);
            f(X, &[s1p, vr(s1), s0p, d1]);
        }
        if !set.extended {
            return;
        }
        // Universal tags and endings (rare words).
        f(X, &[u(s0), u(b0)]);
        f(S, &[u(s1), u(s0)]);
        f(X, &[u(s1), u(s0), u(b0)]);
        f(B, &[u(b0), u(b1)]);
        f(S, &[sf(s0), s0p]);
        f(B, &[sf(b0), b0p]);
        f(X, &[sf(s0), sf(b0)]);
        f(S, &[sf(s1), s1p]);
        f(B, &[sf(b1), b1p]);
    }

    fn valid(&self, class: usize, root_label: usize) -> bool {
        self.moves().allow(class, root_label)
    }

    /// The positions the network reads (see [`nn::WORD_SLOTS`]) as rows of its tables.
    fn nn_ids(&self, x: &Input, net: &nn::Net) -> nn::Ids {
        let (lm, rm) = (|i, k| self.left(i, k), |i, k| self.right(i, k));
        let (s0, s1) = (self.s(0), self.s(1));
        let at: [Option<usize>; nn::WORD_SLOTS] = [
            s0,
            s1,
            self.s(2),
            self.buf(0),
            self.buf(1),
            self.buf(2),
            lm(s0, 0),
            rm(s0, 0),
            lm(s0, 1),
            rm(s0, 1),
            lm(s1, 0),
            rm(s1, 0),
            lm(s1, 1),
            rm(s1, 1),
            lm(lm(s0, 0), 0),
            rm(rm(s0, 0), 0),
            lm(lm(s1, 0), 0),
            rm(rm(s1, 0), 0),
        ];
        let mut ids = nn::Ids::default();
        for (k, i) in at.iter().enumerate() {
            (ids.words[k], ids.tags[k]) = match *i {
                None => (nn::NO_WORD, nn::NO_WORD),
                Some(0) => (nn::ROOT_ROW, nn::ROOT_ROW),
                Some(i) => (net.word_row(x.w[i]), net.tag_row(x.p[i])),
            };
        }
        for (k, i) in at[6..].iter().enumerate() {
            ids.labels[k] = i.map_or(0, |i| u32::from(self.labels[i]) + 1);
        }
        ids
    }

    /// Which transitions the state allows, computed once for all classes of a step.
    fn moves(&self) -> Moves {
        Moves {
            shift: self.can_shift(),
            left: self.can_left(),
            right: self.can_right(),
            onto_root: self.s(1) == Some(0),
        }
    }
}

/// The transitions a state allows (see [`State::moves`]).
#[derive(Debug, Clone, Copy)]
struct Moves {
    shift: bool,
    left: bool,
    right: bool,
    /// A RIGHT attaches to the root.
    onto_root: bool,
}

impl Moves {
    #[inline]
    fn allow(self, class: usize, root_label: usize) -> bool {
        if class == SHIFT {
            return self.shift;
        }
        let label = (class - 1) / 2;
        if class % 2 == 1 {
            self.left && label != root_label
        } else {
            // The root label exactly for attachments to the root.
            self.right && self.onto_root == (label == root_label)
        }
    }
}

/// Which templates beyond the base set a parser reads (recorded in its file).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct FeatureSet {
    /// Universal tags and word endings.
    extended: bool,
    /// Word clusters.
    clusters: bool,
    /// Attachment of a phrase by its marker word (see [`State::features`]).
    attach: bool,
    /// A phrase's adposition or conjunction, punctuation between the words, valency with
    /// distance (see [`State::features`]).
    rich: bool,
}

/// Settings for [`Parser::train`].
#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub epochs: usize,
    pub seed: u64,
    /// Epochs with the oracle's own transitions before following the model's.
    pub explore_after: usize,
    /// Probability of following the model's (possibly wrong) transition when exploring.
    pub explore_p: f64,
    pub prune: f32,
    /// Adds universal-tag and word-ending features to the base set.
    pub extended: bool,
    /// Adds word-cluster features (the clusters travel in the model file).
    pub clusters: Option<Clusters>,
    /// Adds features of a phrase's marker word (preposition, conjunction) with the candidate
    /// heads.
    pub attach: bool,
    /// Adds features of a phrase's adposition or conjunction, of the punctuation between the
    /// candidate words, and of valency with distance.
    pub rich: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            seed: 11,
            explore_after: 1,
            explore_p: 0.9,
            prune: 0.0,
            extended: false,
            clusters: None,
            attach: false,
            rich: false,
        }
    }
}

/// A training sentence: input, gold heads (1-based, 0 = root) and label names.
#[derive(Debug, Clone)]
pub struct Example {
    pub input: Input,
    pub heads: Vec<usize>,
    pub labels: Vec<String>,
}

/// A trained parser.
#[derive(Debug, Clone)]
pub struct Parser {
    pub labels: Vec<String>,
    weights: Weights,
    root: usize,
    set: FeatureSet,
    clusters: Option<Clusters>,
    /// The network scorer; the perceptron's `weights` are empty when it is set.
    net: Option<nn::Net>,
}

/// Settings for [`Parser::train_net`].
#[derive(Debug, Clone)]
pub struct NetConfig {
    pub epochs: usize,
    pub seed: u64,
    /// Epochs with the oracle's own transitions before following the model's.
    pub explore_after: usize,
    /// Probability of following the model's (possibly wrong) transition when exploring.
    pub explore_p: f64,
    /// Layer sizes (the class count is set from the labels).
    pub dims: nn::Dims,
    pub rate: f32,
    pub dropout: f32,
    /// Words of the training data seen fewer times than this and without a vector read the
    /// unknown row.
    pub min_count: usize,
}

impl Default for NetConfig {
    fn default() -> Self {
        NetConfig {
            epochs: 10,
            seed: 11,
            explore_after: 1,
            explore_p: 0.9,
            dims: nn::Dims::default(),
            rate: 0.02,
            dropout: 0.3,
            min_count: 2,
        }
    }
}

/// The labels of the training data and the root's index among them.
fn label_set(examples: &[Example]) -> (Vec<String>, usize) {
    let mut set = std::collections::BTreeSet::new();
    for e in examples {
        set.extend(e.labels.iter().cloned());
    }
    set.insert("root".to_string());
    let labels: Vec<String> = set.into_iter().collect();
    assert!(labels.len() < 127, "too many labels");
    let root = labels.iter().position(|l| l == "root").unwrap_or(0);
    (labels, root)
}

/// Each label's index in `labels`.
fn label_ids(labels: &[String]) -> BTreeMap<&str, usize> {
    labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect()
}

/// Gold heads, label indices and dependents of an example (index 0 the root).
fn gold_of(ex: &Example, lid: &BTreeMap<&str, usize>) -> (Vec<usize>, Vec<usize>, Vec<Vec<usize>>) {
    let n = ex.input.len();
    let mut gold = vec![0usize; n + 1];
    let mut glab = vec![0usize; n + 1];
    let mut deps = vec![Vec::new(); n + 1];
    for i in 1..=n {
        gold[i] = ex.heads[i - 1];
        glab[i] = lid[ex.labels[i - 1].as_str()];
        deps[gold[i]].push(i);
    }
    (gold, glab, deps)
}

/// Labeled cost of each class in `st` (`usize::MAX` when not allowed).
fn class_costs(
    st: &State,
    gold: &[usize],
    glab: &[usize],
    deps: &[Vec<usize>],
    root: usize,
    out: &mut [usize],
) {
    let base = st.costs(gold, deps);
    let s0 = st.s(0).unwrap_or(0);
    for (c, o) in out.iter_mut().enumerate() {
        *o = if !st.valid(c, root) {
            usize::MAX
        } else if c == SHIFT {
            base[0]
        } else {
            let label = (c - 1) / 2;
            if c % 2 == 1 {
                base[1] + usize::from(gold[s0] == st.b && glab[s0] != label)
            } else {
                let right = st.s(1) == Some(gold[s0]);
                base[2] + usize::from(right && glab[s0] != label)
            }
        };
    }
}

impl Parser {
    /// A parser scored by a feed-forward network ([`nn::Net`]) over the same transitions,
    /// trained with the dynamic oracle; `vectors` are initial word embeddings by word hash
    /// (as [`word_hash`] makes them). `log` gets each epoch's share of optimal transitions and
    /// mean loss.
    pub fn train_net(
        examples: &[Example],
        cfg: &NetConfig,
        vectors: &rustc_hash::FxHashMap<u64, Vec<f32>>,
        mut log: impl FnMut(usize, f64, f64),
    ) -> Parser {
        let (labels, root) = label_set(examples);
        let lid = label_ids(&labels);
        let n_classes = 1 + 2 * labels.len();
        let mut counts: BTreeMap<u64, usize> = BTreeMap::new();
        let mut tag_set = std::collections::BTreeSet::new();
        for e in examples {
            for i in 1..=e.input.len() {
                *counts.entry(e.input.w[i]).or_default() += 1;
                tag_set.insert(e.input.p[i]);
            }
        }
        let words: Vec<u64> = counts
            .iter()
            .filter(|(h, &n)| n >= cfg.min_count || vectors.contains_key(h))
            .map(|(&h, _)| h)
            .collect();
        let tags: Vec<u64> = tag_set.into_iter().collect();
        let mut rng = Rng::new(cfg.seed);
        let dims = nn::Dims {
            classes: n_classes,
            ..cfg.dims
        };
        let mut net = nn::Net::new(dims, &words, &tags, labels.len(), vectors, &mut rng);
        let mut trainer = nn::Trainer::new(&net, cfg.rate, cfg.dropout);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut scores = vec![0f32; n_classes];
        let mut costs = vec![0usize; n_classes];
        let mut allowed = vec![false; n_classes];
        let mut best = vec![false; n_classes];
        for epoch in 0..cfg.epochs {
            rng.shuffle(&mut order);
            let (mut correct, mut total, mut loss) = (0usize, 0usize, 0f64);
            for &ei in &order {
                let ex = &examples[ei];
                let (gold, glab, deps) = gold_of(ex, &lid);
                let mut st = State::new(ex.input.len());
                while !st.done() {
                    class_costs(&st, &gold, &glab, &deps, root, &mut costs);
                    let Some(&min) = costs.iter().min().filter(|&&m| m != usize::MAX) else {
                        break;
                    };
                    for c in 0..n_classes {
                        allowed[c] = costs[c] != usize::MAX;
                        best[c] = costs[c] == min;
                    }
                    let ids = st.nn_ids(&ex.input, &net);
                    loss += f64::from(trainer.train_step(
                        &net,
                        &ids,
                        &allowed,
                        &best,
                        &mut scores,
                        &mut rng,
                    ));
                    let Some(pred) = argmax(&scores, |c| allowed[c]) else {
                        break;
                    };
                    total += 1;
                    correct += usize::from(best[pred]);
                    let follow = if epoch >= cfg.explore_after && rng.unit() < cfg.explore_p {
                        pred
                    } else {
                        argmax(&scores, |c| best[c]).unwrap_or(pred)
                    };
                    st.apply(follow, &ex.input);
                }
                trainer.apply(&mut net);
            }
            let t = total.max(1) as f64;
            log(epoch, correct as f64 / t, loss / t);
        }
        net.freeze();
        Parser {
            labels,
            weights: Weights::default(),
            root,
            set: FeatureSet::default(),
            clusters: None,
            net: Some(net),
        }
    }

    pub fn train(
        examples: &[Example],
        cfg: &TrainConfig,
        mut log: impl FnMut(usize, f64),
    ) -> Parser {
        let (labels, root) = label_set(examples);
        let lid = label_ids(&labels);
        let n_classes = 1 + 2 * labels.len();
        let mut trainer = Trainer::new(n_classes);
        let mut rng = Rng::new(cfg.seed);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut fs = Vec::with_capacity(160);
        let mut scores = vec![0f32; n_classes];
        let set = FeatureSet {
            extended: cfg.extended,
            clusters: cfg.clusters.is_some(),
            attach: cfg.attach,
            rich: cfg.rich,
        };
        for epoch in 0..cfg.epochs {
            rng.shuffle(&mut order);
            let (mut correct, mut total) = (0usize, 0usize);
            for &ei in &order {
                let ex = &examples[ei];
                let n = ex.input.len();
                let (gold, glab, deps) = gold_of(ex, &lid);
                let mut st = State::new(n);
                while !st.done() {
                    st.features(&ex.input, set, ALL, &mut fs);
                    trainer.scores(&fs, &mut scores);
                    let base = st.costs(&gold, &deps);
                    let cost = |c: usize| -> usize {
                        if c == SHIFT {
                            return base[0];
                        }
                        let label = (c - 1) / 2;
                        let s0 = st.s(0).unwrap_or(0);
                        if c % 2 == 1 {
                            base[1] + usize::from(gold[s0] == st.b && glab[s0] != label)
                        } else {
                            let right = st.s(1) == Some(gold[s0]);
                            base[2] + usize::from(right && glab[s0] != label)
                        }
                    };
                    let valid: Vec<usize> = (0..n_classes).filter(|&c| st.valid(c, root)).collect();
                    if valid.is_empty() {
                        break;
                    }
                    let min = valid.iter().map(|&c| cost(c)).min().unwrap();
                    let pred = argmax(&scores, |c| st.valid(c, root)).unwrap();
                    let best = argmax(&scores, |c| st.valid(c, root) && cost(c) == min).unwrap();
                    trainer.tick();
                    total += 1;
                    if cost(pred) == min {
                        correct += 1;
                    } else {
                        trainer.update(&fs, best, pred, 1.0);
                    }
                    let follow = if epoch >= cfg.explore_after && rng.unit() < cfg.explore_p {
                        pred
                    } else {
                        best
                    };
                    st.apply(follow, &ex.input);
                }
            }
            log(epoch, correct as f64 / total.max(1) as f64);
        }
        Parser {
            labels,
            weights: trainer.average(cfg.prune),
            root,
            set,
            clusters: cfg.clusters.clone(),
            net: None,
        }
    }

    /// The parser's input for a sentence: words, their predicted tags, and the word clusters
    /// when this parser reads them.
    pub fn input(&self, forms: &[&str], xpos: &[&str], upos: &[&str]) -> Input {
        Input::with_clusters(forms, xpos, upos, self.clusters.as_ref())
    }

    /// The same, given the words [`normalize`]d.
    pub fn input_normalized(
        &self,
        forms: &[&str],
        norms: &[String],
        xpos: &[&str],
        upos: &[&str],
    ) -> Input {
        Input::with_normalized(forms, norms, xpos, upos, self.clusters.as_ref())
    }

    /// Heads (0 = root) and label indices of words `1..=n`.
    pub fn parse(&self, x: &Input) -> (Vec<usize>, Vec<usize>) {
        let n = x.len();
        let n_classes = 1 + 2 * self.labels.len();
        let mut st = State::new(n);
        let mut fs = Vec::with_capacity(160);
        if let Some(net) = &self.net {
            let mut scratch = nn::Scratch::default();
            let mut scores = vec![0f32; n_classes];
            while !st.done() {
                net.scores(&st.nn_ids(x, net), &mut scratch, &mut scores);
                let moves = st.moves();
                let Some(c) = argmax(&scores, |c| moves.allow(c, self.root)) else {
                    break;
                };
                st.apply(c, x);
            }
        }
        // Scores are exact sums of whole steps, so they may be summed in any grouping: the
        // features of the top stack words alone ([`S`]) are summed once when the top word is
        // pushed (one row per stack depth, valid for the depths below `valid`), those of the
        // buffer words alone ([`B`]) once per buffer front; each step sums only the rest ([`X`]).
        let mut scores = vec![0i32; n_classes];
        let mut stack_rows: Vec<i32> = Vec::new();
        let mut valid = 0;
        let mut buffer_row = vec![0i32; n_classes];
        let mut buffer_at = usize::MAX;
        while !st.done() {
            let depth = st.stack.len();
            if valid < depth {
                st.features(x, self.set, S, &mut fs);
                stack_rows.resize(depth * n_classes, 0);
                let row = &mut stack_rows[(depth - 1) * n_classes..];
                row.iter_mut().for_each(|s| *s = 0);
                self.weights.add_steps(&fs, row);
                valid = depth;
            }
            if buffer_at != st.b {
                st.features(x, self.set, B, &mut fs);
                buffer_row.iter_mut().for_each(|s| *s = 0);
                self.weights.add_steps(&fs, &mut buffer_row);
                buffer_at = st.b;
            }
            st.features(x, self.set, X, &mut fs);
            let top = &stack_rows[(depth - 1) * n_classes..depth * n_classes];
            for ((s, a), b) in scores.iter_mut().zip(top).zip(&buffer_row) {
                *s = a + b;
            }
            self.weights.add_steps(&fs, &mut scores);
            let moves = st.moves();
            let Some(c) = argmax(&scores, |c| moves.allow(c, self.root)) else {
                break;
            };
            st.apply(c, x);
            // A SHIFT puts a new word on top; a reduction uncovers one whose row stands.
            valid = valid.min(st.stack.len() - usize::from(c == SHIFT));
        }
        let heads = st.heads[1..]
            .iter()
            .map(|&h| if h == usize::MAX { 0 } else { h })
            .collect();
        let labels = st.labels[1..].iter().copied().map(usize::from).collect();
        (heads, labels)
    }

    pub fn n_features(&self) -> usize {
        self.weights.n_features()
    }

    /// The word clusters this parser reads, if any.
    pub fn clusters(&self) -> Option<&Clusters> {
        self.clusters.as_ref()
    }

    /// Drops weights below `min_abs`.
    pub fn prune(&mut self, min_abs: f32) {
        self.weights.prune(min_abs);
    }

    /// The feature set as one byte (bit 0: extended, bit 1: clusters, which then follow, bit
    /// 2: attachment, bit 3: the richer set, bit 4: scored by a network), the labels, the
    /// weights or the network.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.push(
            u8::from(self.set.extended)
                | (u8::from(self.clusters.is_some()) << 1)
                | (u8::from(self.set.attach) << 2)
                | (u8::from(self.set.rich) << 3)
                | (u8::from(self.net.is_some()) << 4),
        );
        if let Some(c) = &self.clusters {
            c.write(out);
        }
        put_varint(out, self.labels.len() as u64);
        for l in &self.labels {
            put_str(out, l);
        }
        match &self.net {
            Some(net) => net.write(out),
            None => self.weights.write(out),
        }
    }

    /// Reads a parser section; `with_flags` for files that record the feature set (version 2).
    pub fn read(r: &mut Reader<'_>, with_flags: bool) -> Result<Parser, String> {
        let flags = if with_flags { r.take(1)?[0] } else { 0 };
        if flags > 31 {
            return Err(format!("unknown parser feature flags {flags:#x}"));
        }
        let clusters = if flags & 2 != 0 {
            Some(Clusters::read(r)?)
        } else {
            None
        };
        let set = FeatureSet {
            extended: flags & 1 != 0,
            clusters: clusters.is_some(),
            attach: flags & 4 != 0,
            rich: flags & 8 != 0,
        };
        let n = r.varint()? as usize;
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            labels.push(r.str()?.to_string());
        }
        let root = labels
            .iter()
            .position(|l| l == "root")
            .ok_or("no root label")?;
        let (weights, net) = if flags & 16 != 0 {
            let net = nn::Net::read(r)?;
            if net.dims.classes != 1 + 2 * n {
                return Err("parser network does not match its labels".into());
            }
            (Weights::default(), Some(net))
        } else {
            let weights = Weights::read(r)?;
            if weights.n_classes != 1 + 2 * n {
                return Err("parser weights do not match its labels".into());
            }
            (weights, None)
        };
        Ok(Parser {
            labels,
            weights,
            root,
            set,
            clusters,
            net,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(words: &str, heads: &[usize], labels: &str, clusters: Option<&Clusters>) -> Example {
        let forms: Vec<&str> = words.split(' ').collect();
        let xpos: Vec<&str> = forms.iter().map(|_| "NN").collect();
        Example {
            input: Input::with_clusters(&forms, &xpos, &xpos, clusters),
            heads: heads.to_vec(),
            labels: labels.split(' ').map(str::to_string).collect(),
        }
    }

    /// A parser with clusters keeps them in its file, and its feature set: read back, it
    /// parses as before.
    #[test]
    fn clusters_travel_in_the_file() {
        let clusters = Clusters::from_tsv("rebels\t17\nsoldiers\t18\nfired\t2049\n").unwrap();
        let c = Some(&clusters);
        let train = [
            example("rebels fired", &[2, 0], "nsubj root", c),
            example("soldiers fired", &[2, 0], "nsubj root", c),
        ];
        let cfg = TrainConfig {
            epochs: 3,
            clusters: Some(clusters.clone()),
            attach: true,
            rich: true,
            ..TrainConfig::default()
        };
        let parser = Parser::train(&train, &cfg, |_, _| {});
        let mut bytes = Vec::new();
        parser.write(&mut bytes);
        let back = Parser::read(&mut Reader::new(&bytes), true).unwrap();
        assert_eq!(back.clusters.as_ref().map(Clusters::len), Some(3));
        assert_eq!(back.set, parser.set);
        let x = back.input(&["soldiers", "fired"], &["NN", "NN"], &["NN", "NN"]);
        assert_eq!(back.parse(&x), parser.parse(&x));
        let (heads, labels) = back.parse(&x);
        assert_eq!(heads, [2, 0]);
        assert_eq!(back.labels[labels[0]], "nsubj");
    }

    /// A network parser learns a small treebank, travels in its file (flag bit 4) and parses
    /// the same read back; training twice gives the same bytes.
    #[test]
    fn network_parser_learns_and_round_trips() {
        let train = [
            example("rebels fired rockets", &[2, 0, 2], "nsubj root obj", None),
            example("soldiers fired shots", &[2, 0, 2], "nsubj root obj", None),
            example("rebels took towns", &[2, 0, 2], "nsubj root obj", None),
        ];
        let cfg = NetConfig {
            epochs: 30,
            dims: nn::Dims {
                word: 8,
                tag: 4,
                label: 4,
                hidden: 16,
                classes: 0,
            },
            rate: 0.1,
            dropout: 0.0,
            min_count: 1,
            ..NetConfig::default()
        };
        let vectors = rustc_hash::FxHashMap::default();
        let parser = Parser::train_net(&train, &cfg, &vectors, |_, _, _| {});
        let mut bytes = Vec::new();
        parser.write(&mut bytes);
        let mut again = Vec::new();
        Parser::train_net(&train, &cfg, &vectors, |_, _, _| {}).write(&mut again);
        assert_eq!(bytes, again);
        let back = Parser::read(&mut Reader::new(&bytes), true).unwrap();
        let x = back.input(&["soldiers", "took", "rockets"], &["NN"; 3], &["NN"; 3]);
        assert_eq!(back.parse(&x), parser.parse(&x));
        let (heads, labels) = back.parse(&x);
        assert_eq!(heads, [2, 0, 2]);
        assert_eq!(back.labels[labels[0]], "nsubj");
        assert_eq!(back.labels[labels[2]], "obj");
    }
}
