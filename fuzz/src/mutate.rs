//! A deterministic byte mutator: bit flips, byte edits, range deletion and duplication
//! (repeated up to thousands of times, to find costs that grow faster than the input),
//! dictionary tokens, nesting, and splices of two seeds.

/// xorshift64*: small, fast, and the same on every machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Inputs never grow past this (the campaign looks for costs out of proportion to the input,
/// not for the input limit itself).
pub const MAX_LEN: usize = 4 << 20;

/// Input `i` of a run: a seed (or two spliced) with 1–8 mutations stacked on it.
pub fn input(seed: u64, i: u64, seeds: &[Vec<u8>], dictionary: &[&str]) -> Vec<u8> {
    let mut rng = Rng::new(seed ^ i.wrapping_mul(0xD6E8_FEB8_6659_FD93));
    let mut data = if seeds.is_empty() {
        Vec::new()
    } else {
        seeds[rng.below(seeds.len())].clone()
    };
    let rounds = 1 + rng.below(8);
    for _ in 0..rounds {
        mutate(&mut rng, &mut data, seeds, dictionary);
        data.truncate(MAX_LEN);
    }
    data
}

fn mutate(rng: &mut Rng, data: &mut Vec<u8>, seeds: &[Vec<u8>], dictionary: &[&str]) {
    let len = data.len();
    let at = rng.below(len + 1);
    match rng.below(11) {
        0 if len > 0 => {
            let i = rng.below(len);
            data[i] ^= 1 << rng.below(8);
        }
        1 if len > 0 => {
            let i = rng.below(len);
            data[i] = interesting_byte(rng);
        }
        2 => data.insert(at, interesting_byte(rng)),
        3 if len > 0 => {
            let n = 1 + rng.below((len - at.min(len - 1)).min(64));
            let from = at.min(len - 1);
            data.drain(from..(from + n).min(len));
        }
        4 | 5 if !dictionary.is_empty() => {
            let t = dictionary[rng.below(dictionary.len())].as_bytes();
            data.splice(at..at, t.iter().copied());
        }
        6 if len > 0 => {
            // Repeat a short range many times: deep nesting, long runs, many items.
            let from = rng.below(len);
            let n = 1 + rng.below((len - from).min(48));
            let piece = data[from..from + n].to_vec();
            let times = [2, 10, 100, 1_000, 10_000][rng.below(5)];
            let mut grown = Vec::with_capacity(len + piece.len() * times);
            grown.extend_from_slice(&data[..from]);
            for _ in 0..times {
                grown.extend_from_slice(&piece);
                if grown.len() > MAX_LEN {
                    break;
                }
            }
            grown.extend_from_slice(&data[from..]);
            *data = grown;
        }
        7 if !dictionary.is_empty() => {
            // A token nested or repeated deeply.
            let t = dictionary[rng.below(dictionary.len())].as_bytes();
            let times = [10, 1_000, 20_000][rng.below(3)];
            let mut run = Vec::with_capacity(t.len() * times);
            for _ in 0..times {
                run.extend_from_slice(t);
            }
            data.splice(at..at, run);
        }
        8 if seeds.len() > 1 => {
            let other = &seeds[rng.below(seeds.len())];
            let cut = rng.below(other.len() + 1);
            data.truncate(at);
            data.extend_from_slice(&other[cut..]);
        }
        9 => data.truncate(at),
        _ if len > 1 => {
            let (i, j) = (rng.below(len), rng.below(len));
            data.swap(i, j);
        }
        _ => data.push(interesting_byte(rng)),
    }
}

fn interesting_byte(rng: &mut Rng) -> u8 {
    const B: &[u8] = b"\0\x01\x1b\x7f\x80\xbf\xc0\xe2\xef\xf0\xfe\xff<>&;\"'\n\r\t =#[]{}/\\";
    if rng.below(2) == 0 {
        B[rng.below(B.len())]
    } else {
        rng.next_u64() as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_a_function_of_seed_and_index() {
        let seeds = vec![b"<p>Homs fell.</p>".to_vec(), b"Assad fled.".to_vec()];
        let dict = ["<div>", "&amp;"];
        let a: Vec<_> = (0..50).map(|i| input(7, i, &seeds, &dict)).collect();
        let b: Vec<_> = (0..50).map(|i| input(7, i, &seeds, &dict)).collect();
        assert_eq!(a, b);
        assert!(a.iter().collect::<std::collections::BTreeSet<_>>().len() > 40);
        assert!(a.iter().all(|x| x.len() <= MAX_LEN));
    }
}
