//! The averaged multi-class perceptron both the tagger and the parser use: hashed features,
//! sparse per-feature class weights while training, a compact frozen form for inference.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Feature keys are already well-mixed hashes; hashing them again would only cost time.
#[derive(Default, Clone, Copy)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        // hashbrown reads its 7-bit tag from the top bits: spread a 32-bit key into them.
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdentityHasher>>;

/// 64-bit FNV-1a of a string, finished with a splitmix step so that short strings spread.
pub fn hash_str(s: &str) -> u64 {
    let mut h = Fnv::new();
    h.write(s.as_bytes());
    h.finish()
}

/// [`hash_str`] of a string given in pieces, built as they come.
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Fnv {
    pub fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    #[inline]
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub fn finish(self) -> u64 {
        mix(self.0)
    }
}

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv::new()
    }
}

/// splitmix64 finalizer.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A feature key from a template number and up to a few value hashes.
#[inline]
pub fn feat(template: u64, values: &[u64]) -> u64 {
    let mut h = mix(template.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    for &v in values {
        h = mix(h ^ v);
    }
    h
}

/// Frozen feature keys are 32 bits: the few collisions among a million features cost nothing
/// measurable and halve the index.
#[inline]
pub fn key32(h: u64) -> u32 {
    (h >> 32) as u32 ^ h as u32
}

/// One feature's weights while training: what scoring reads (class, current weight) apart
/// from what only updates and averaging read, so that scoring, nearly all of the training
/// time, streams 8 bytes per weight instead of 24.
#[derive(Debug, Default)]
struct Row {
    cw: Vec<(u16, f32)>,
    /// Per entry: the sum of weight × time so far, and the clock at its last change.
    acc: Vec<(f64, u32)>,
}

/// Training-time weights with lazy averaging.
#[derive(Debug)]
pub struct Trainer {
    pub n_classes: usize,
    rows: IdMap<u64, Row>,
    /// Number of updates seen so far (the averaging clock).
    clock: u32,
}

impl std::fmt::Debug for IdentityHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdentityHasher")
    }
}

impl Trainer {
    pub fn new(n_classes: usize) -> Trainer {
        Trainer {
            n_classes,
            rows: IdMap::default(),
            clock: 0,
        }
    }

    /// Current (not averaged) scores. A batch of features is looked up before any row is
    /// summed, so the lookups' cache misses overlap.
    pub fn scores(&self, feats: &[u64], out: &mut [f32]) {
        out.iter_mut().for_each(|s| *s = 0.0);
        let mut found: [Option<&Row>; BATCH] = [None; BATCH];
        for batch in feats.chunks(BATCH) {
            for (slot, f) in found.iter_mut().zip(batch) {
                *slot = self.rows.get(f);
            }
            for row in found[..batch.len()].iter().flatten() {
                for &(c, w) in &row.cw {
                    out[c as usize] += w;
                }
            }
        }
    }

    /// Advances the clock by one instance (call once per training decision).
    pub fn tick(&mut self) {
        self.clock += 1;
    }

    /// Moves weights toward `gold` and away from `guess` for these features.
    pub fn update(&mut self, feats: &[u64], gold: usize, guess: usize, amount: f32) {
        if gold == guess {
            return;
        }
        let clock = self.clock;
        for &f in feats {
            let row = self.rows.entry(f).or_default();
            for (class, delta) in [(gold, amount), (guess, -amount)] {
                let class = class as u16;
                match row.cw.iter().position(|e| e.0 == class) {
                    Some(i) => {
                        let w = &mut row.cw[i].1;
                        let (total, stamp) = &mut row.acc[i];
                        *total += f64::from(clock - *stamp) * f64::from(*w);
                        *stamp = clock;
                        *w += delta;
                    }
                    None => {
                        row.cw.push((class, delta));
                        row.acc.push((0.0, clock));
                    }
                }
            }
        }
    }

    /// Averaged weights, quantized to 16 bits, then pruned below `min_abs`; rows sorted by
    /// key, so the result does not depend on hash-map order. Pruning after quantizing makes a
    /// model pruned at training time and one pruned after reading its file the same bytes.
    pub fn average(&self, min_abs: f32) -> Weights {
        let clock = f64::from(self.clock.max(1));
        let mut keys: Vec<&u64> = self.rows.keys().collect();
        keys.sort_unstable();
        let mut rows: Vec<(u32, Vec<(u8, f32)>)> = Vec::new();
        for k in keys {
            let r = &self.rows[k];
            let mut row: Vec<(u8, f32)> =
                r.cw.iter()
                    .zip(&r.acc)
                    .map(|(&(class, w), &(total, stamp))| {
                        let total = total + f64::from(self.clock - stamp) * f64::from(w);
                        (class as u8, (total / clock) as f32)
                    })
                    .filter(|(_, w)| *w != 0.0)
                    .collect();
            if row.is_empty() {
                continue;
            }
            row.sort_by_key(|(c, _)| *c);
            rows.push((key32(*k), row));
        }
        let mut w = Weights::from_rows(self.n_classes, rows);
        w.prune(min_abs);
        w
    }
}

/// Open addressing with linear probing over one array of 8-byte slots, at most 3/4 full: a
/// lookup that hits costs one cache miss (a general-purpose map costs two, and lookups are
/// most of the parser's time), and the index of a million features is 16 MB.
#[derive(Debug, Clone, Default)]
struct FlatIndex {
    /// `(key, value)`; key 0 marks an empty slot (the key 0 itself lives in `zero`).
    slots: Vec<(u32, u32)>,
    zero: Option<u32>,
    len: usize,
}

impl FlatIndex {
    fn mask(&self) -> usize {
        self.slots.len().wrapping_sub(1)
    }

    fn reserve(&mut self, n: usize) {
        let want = ((self.len + n) * 4 / 3 + 1).next_power_of_two().max(16);
        if want > self.slots.len() {
            let old = std::mem::take(&mut self.slots);
            self.slots = vec![(0, 0); want];
            self.len = usize::from(self.zero.is_some());
            for (k, v) in old.into_iter().filter(|e| e.0 != 0) {
                self.insert(k, v);
            }
        }
    }

    fn insert(&mut self, key: u32, v: u32) {
        if key == 0 {
            self.len += usize::from(self.zero.is_none());
            self.zero = Some(v);
            return;
        }
        if 4 * (self.len + 1) > 3 * self.slots.len() {
            self.reserve(self.len + 1);
        }
        let mask = self.mask();
        let mut i = key as usize & mask;
        loop {
            let slot = &mut self.slots[i];
            if slot.0 == 0 || slot.0 == key {
                self.len += usize::from(slot.0 == 0);
                *slot = (key, v);
                return;
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    fn get(&self, key: u32) -> Option<u32> {
        if key == 0 {
            return self.zero;
        }
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.mask();
        let mut i = key as usize & mask;
        loop {
            let (k, v) = self.slots[i];
            if k == key {
                return Some(v);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Starts loading the home slot of each key, so that the lookups which follow find them
    /// in the cache (see [`Weights::each_row`]).
    #[inline]
    fn prefetch(&self, keys: impl Iterator<Item = u32>) {
        let mask = self.mask();
        if !self.slots.is_empty() {
            for k in keys {
                prefetch(&self.slots[k as usize & mask]);
            }
        }
    }

    /// Every value, to rewrite in place.
    fn values_mut(&mut self) -> impl Iterator<Item = &mut u32> + '_ {
        self.zero
            .iter_mut()
            .chain(self.slots.iter_mut().filter(|e| e.0 != 0).map(|e| &mut e.1))
    }

    fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.zero
            .map(|v| (0, v))
            .into_iter()
            .chain(self.slots.iter().filter(|e| e.0 != 0).copied())
    }

    fn len(&self) -> usize {
        self.len
    }
}

/// Frozen weights: per 32-bit feature key, a run of `(class, weight)` entries, the weights in
/// 16-bit steps of one scale (the file's form; a weight is `steps × scale`).
#[derive(Debug, Clone, Default)]
pub struct Weights {
    pub n_classes: usize,
    /// The 16-bit quantization step.
    scale: f32,
    index: FlatIndex,
    /// Every row as a header `(0, length)` and its `(class, steps)`, rows one after another:
    /// one array, so a row costs one cache miss; the index holds where each row starts.
    entries: Vec<(u8, i16)>,
    /// The long rows again, dense (`n_classes` steps each, 0 where the row has no entry): the
    /// few long rows are the frequent features, most of the weights a score sums, and a dense
    /// row is summed by a loop the compiler vectorizes instead of one scattered add per entry.
    /// The index marks such a row with [`DENSE`] and its number here.
    dense: Vec<i16>,
    /// Where each dense row's sparse form starts in `entries` (for writing and pruning).
    dense_start: Vec<u32>,
}

/// Index values with this bit set are dense row numbers.
const DENSE: u32 = 1 << 31;

/// Index values with this bit set hold a row of one entry themselves, its class in bits 16–23
/// and its steps in bits 0–15: a third of the rows, the rarest features, whose lookups would
/// otherwise miss the cache twice (index, then row).
const INLINE: u32 = 1 << 30;

/// The row of one entry `(c, q)` as an index value.
fn inline_row(c: u8, q: i16) -> u32 {
    INLINE | (u32::from(c) << 16) | u32::from(q as u16)
}

/// The entry of an [`INLINE`] index value.
#[inline]
fn inline_entry(v: u32) -> (u8, i16) {
    ((v >> 16) as u8, v as u16 as i16)
}

/// Rows with at least this many entries are also kept dense (of the parser's 103 classes: a
/// dense row is then at most twice the bytes of the sparse one, and the fewest instructions
/// and cache misses on GUM; 16 and 64 cost more of one or the other).
const DENSE_MIN: usize = 32;

/// Features scored per batch in [`Weights::add_scores`].
const BATCH: usize = 64;

/// Asks the processor to start loading the cache line of `x` and goes on without waiting for
/// it: a hint, with no effect on any result. Lookups are most of the parser's time and nearly
/// all cache misses; a load would hold its place in the processor's queue until the data came,
/// a prefetch does not, so the lookups of a whole batch of features overlap.
#[inline(always)]
fn prefetch<T>(x: &T) {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse"))]
    safe_arch::prefetch_t0(x);
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse")))]
    let _ = x;
}

impl Weights {
    /// From float rows (keys may repeat after folding to 32 bits: repeated keys are summed),
    /// quantized to 16 bits with one step (the largest magnitude / 32767).
    pub fn from_rows(n_classes: usize, mut rows: Vec<(u32, Vec<(u8, f32)>)>) -> Weights {
        rows.sort_by_key(|(k, _)| *k);
        let mut merged: Vec<(u32, Vec<(u8, f32)>)> = Vec::with_capacity(rows.len());
        for (k, row) in rows {
            match merged.last_mut() {
                Some((lk, lrow)) if *lk == k => {
                    for (c, w) in row {
                        match lrow.iter_mut().find(|(lc, _)| *lc == c) {
                            Some(e) => e.1 += w,
                            None => lrow.push((c, w)),
                        }
                    }
                    lrow.sort_by_key(|(c, _)| *c);
                }
                _ => merged.push((k, row)),
            }
        }
        let max = merged
            .iter()
            .flat_map(|(_, r)| r.iter())
            .fold(0f32, |m, (_, w)| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let rows = merged.into_iter().map(|(k, row)| {
            let row = row.into_iter().map(|(c, w)| (c, quantum(w, scale)));
            (k, row.collect())
        });
        Weights::from_steps(n_classes, scale, rows)
    }

    /// From rows already in steps of `scale`, with distinct keys.
    fn from_steps(
        n_classes: usize,
        scale: f32,
        rows: impl IntoIterator<Item = (u32, Vec<(u8, i16)>)>,
    ) -> Weights {
        let mut w = Weights {
            n_classes,
            scale,
            ..Weights::default()
        };
        for (k, row) in rows {
            w.index.insert(k, row_start(w.entries.len()));
            w.entries.push((0, row_len(row.len())));
            w.entries.extend(row);
        }
        w.densify();
        w
    }

    /// Copies the rows of at least [`DENSE_MIN`] entries into `dense` and points the index at
    /// them there; puts the rows of one entry into the index itself ([`INLINE`]).
    fn densify(&mut self) {
        let n = self.n_classes;
        let (mut dense, mut dense_start) = (Vec::new(), Vec::new());
        let entries = &self.entries;
        for v in self.index.values_mut() {
            debug_assert_eq!(
                *v & (DENSE | INLINE),
                0,
                "densify runs once, on sparse rows"
            );
            let len = entries[*v as usize].1 as usize;
            if len == 1 {
                let (c, q) = entries[*v as usize + 1];
                *v = inline_row(c, q);
                continue;
            }
            if len < DENSE_MIN {
                continue;
            }
            let start = *v as usize;
            let at = dense.len();
            dense.resize(at + n, 0i16);
            for &(c, q) in &entries[start + 1..start + 1 + len] {
                dense[at + c as usize] = q;
            }
            *v = DENSE | row_start(dense_start.len());
            dense_start.push(row_start(start));
        }
        self.dense = dense;
        self.dense_start = dense_start;
    }

    pub fn n_features(&self) -> usize {
        self.index.len()
    }

    /// Drops weights below `min_abs` (and features left with none).
    pub fn prune(&mut self, min_abs: f32) {
        if min_abs <= 0.0 {
            return;
        }
        let scale = self.scale;
        let mut keys: Vec<(u32, u32)> = self.index.iter().collect();
        keys.sort_unstable();
        let rows: Vec<(u32, Vec<(u8, i16)>)> = keys
            .into_iter()
            .map(|(k, start)| {
                let row = self
                    .row_entries(start)
                    .into_iter()
                    .filter(|(_, q)| (f32::from(*q) * scale).abs() >= min_abs)
                    .collect::<Vec<_>>();
                (k, row)
            })
            .filter(|(_, r)| !r.is_empty())
            .collect();
        *self = Weights::from_steps(self.n_classes, scale, rows);
    }

    /// The entries of the row of an index value, for writing and pruning.
    fn row_entries(&self, v: u32) -> Vec<(u8, i16)> {
        if v & INLINE != 0 {
            vec![inline_entry(v)]
        } else {
            self.row(v).to_vec()
        }
    }

    /// The sparse row of an index value (whose header is at `start`, or a dense row's; not an
    /// [`INLINE`] one).
    #[inline]
    fn row(&self, mut start: u32) -> &[(u8, i16)] {
        if start & DENSE != 0 {
            start = self.dense_start[(start & !DENSE) as usize];
        }
        let s = start as usize + 1;
        let len = self.entries.get(start as usize).map_or(0, |h| h.1 as usize);
        self.entries.get(s..s + len).unwrap_or(&[])
    }

    pub fn n_entries(&self) -> usize {
        self.entries.len() - self.index.len()
    }

    /// Adds the weights of these features into `out` (which the caller zeroes), in the order
    /// of the features. (A dense row adds 0 where the row has no entry: the sums are the
    /// same, bit for bit, as the sparse row's, `-0.0 + 0.0` aside, which compares equal.)
    #[inline]
    pub fn add_scores(&self, feats: &[u64], out: &mut [f32]) {
        let scale = self.scale;
        self.each_row(
            feats,
            &mut out[..self.n_classes],
            |out, row| {
                for &(c, q) in row {
                    out[c as usize] += f32::from(q) * scale;
                }
            },
            |out, row| {
                for (o, &q) in out.iter_mut().zip(row) {
                    *o += f32::from(q) * scale;
                }
            },
        );
    }

    /// The same in whole steps (scores are `steps × scale`): exact integer sums, so the best
    /// class does not depend on rounding, and no conversion per weight.
    #[inline]
    pub fn add_steps(&self, feats: &[u64], out: &mut [i32]) {
        // A class is a byte: sums kept for all 256 need no bounds check per entry.
        let mut sums = [0i32; 256];
        self.each_row(
            feats,
            &mut sums,
            |sums, row| {
                for &(c, q) in row {
                    sums[c as usize] += i32::from(q);
                }
            },
            |sums, row| {
                for (o, &q) in sums.iter_mut().zip(row) {
                    *o += i32::from(q);
                }
            },
        );
        for (o, s) in out.iter_mut().zip(&sums) {
            *o += s;
        }
    }

    /// Calls `sparse` with `out` and the row of each feature that has a short one, `dense`
    /// with the dense row of each that has a long one, in the order of the features.
    /// Lookups are most of the parser's time and nearly all cache misses: a batch of features
    /// first prefetches all its index slots, then all its rows, so the memory system serves
    /// them at once rather than one after another; the rows are then read from the cache.
    #[inline]
    fn each_row<O: ?Sized>(
        &self,
        feats: &[u64],
        out: &mut O,
        sparse: impl Fn(&mut O, &[(u8, i16)]),
        dense: impl Fn(&mut O, &[i16]),
    ) {
        let n = self.n_classes;
        let mut found = [0u32; BATCH];
        for batch in feats.chunks(BATCH) {
            self.index.prefetch(batch.iter().map(|&f| key32(f)));
            let mut k = 0;
            for &f in batch {
                if let Some(v) = self.index.get(key32(f)) {
                    found[k] = v;
                    k += 1;
                }
            }
            // Each row's cache lines too, so that they load alongside the other rows' rather
            // than one after another while summing.
            for &v in &found[..k] {
                if v & INLINE != 0 {
                    continue;
                }
                if v & DENSE != 0 {
                    let at = (v & !DENSE) as usize * n;
                    if let Some(row) = self.dense.get(at..at + n) {
                        for line in row.iter().step_by(32).chain(row.last()) {
                            prefetch(line);
                        }
                    }
                } else {
                    let at = v as usize;
                    if let Some(head) = self.entries.get(at) {
                        prefetch(head);
                    }
                    if let Some(next) = self.entries.get(at + 16) {
                        prefetch(next);
                    }
                }
            }
            for &v in &found[..k] {
                if v & INLINE != 0 {
                    sparse(out, &[inline_entry(v)]);
                } else if v & DENSE != 0 {
                    let at = (v & !DENSE) as usize * n;
                    dense(out, &self.dense[at..at + n]);
                } else {
                    sparse(out, self.row(v));
                }
            }
        }
    }

    /// Writes the weights quantized to 16 bits with one scale: sorted keys as varint deltas,
    /// then per row its length, classes and weights.
    pub fn write(&self, out: &mut Vec<u8>) {
        let mut keys: Vec<(u32, u32)> = self.index.iter().collect();
        keys.sort_unstable_by_key(|(k, _)| *k);
        put_u32(out, self.n_classes as u32);
        put_u32(out, keys.len() as u32);
        out.extend_from_slice(&self.scale.to_le_bytes());
        let mut prev = 0u32;
        for (k, _) in &keys {
            put_varint(out, u64::from(*k - prev));
            prev = *k;
        }
        for &(_, start) in &keys {
            let row = self.row_entries(start);
            put_varint(out, row.len() as u64);
            out.extend(row.iter().map(|e| e.0));
        }
        for &(_, start) in &keys {
            for (_, q) in self.row_entries(start) {
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Weights, String> {
        let n_classes = r.u32()? as usize;
        let n = r.u32()? as usize;
        let scale = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| "scale")?);
        let mut keys = Vec::with_capacity(n);
        let mut prev = 0u64;
        for _ in 0..n {
            prev += r.varint()?;
            keys.push(u32::try_from(prev).map_err(|_| "key out of range")?);
        }
        let mut w = Weights {
            n_classes,
            scale,
            ..Weights::default()
        };
        w.index.reserve(n);
        let mut total = 0;
        for &k in &keys {
            let len = r.varint()? as usize;
            if len > 256 {
                return Err("row too long".into());
            }
            let cls = r.take(len)?;
            if cls.iter().any(|&c| c as usize >= n_classes) {
                return Err("class out of range".into());
            }
            w.index.insert(k, row_start(w.entries.len()));
            w.entries.push((0, row_len(len)));
            w.entries.extend(cls.iter().map(|&c| (c, 0)));
            total += len;
        }
        let raw = r.take(total * 2)?;
        let mut steps = raw
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]));
        // Rows were stored in key order, one after another: fill all but the headers.
        let mut i = 0;
        while i < w.entries.len() {
            let len = w.entries[i].1 as usize;
            for e in &mut w.entries[i + 1..i + 1 + len] {
                e.1 = steps.next().ok_or("truncated weights")?;
            }
            i += 1 + len;
        }
        w.densify();
        Ok(w)
    }
}

/// Where a row starts, as the index stores it (models are far below a billion entries; the
/// top two bits mark [`DENSE`] and [`INLINE`] values).
fn row_start(at: usize) -> u32 {
    u32::try_from(at)
        .ok()
        .filter(|&a| a < INLINE)
        .expect("fewer than 2^30 weights")
}

/// A row's length in its header (a row has at most one entry per class, and classes are bytes).
fn row_len(len: usize) -> i16 {
    i16::try_from(len).expect("at most 256 classes")
}

fn quantum(w: f32, scale: f32) -> i16 {
    (w / scale).round().clamp(-32767.0, 32767.0) as i16
}

pub fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

pub fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A cursor over a model file.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0 }
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| format!("truncated at byte {}", self.pos))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    pub fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn varint(&mut self) -> Result<u64, String> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err("varint too long".into())
    }

    pub fn str(&mut self) -> Result<&'a str, String> {
        let n = self.varint()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|e| e.to_string())
    }
}

/// A small deterministic generator for shuffling and exploration (xorshift64*).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(mix(seed) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Index of the highest score among the allowed classes (lowest index on ties).
pub fn argmax<T: PartialOrd + Copy>(
    scores: &[T],
    allowed: impl Fn(usize) -> bool,
) -> Option<usize> {
    let mut best: Option<(usize, T)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}
