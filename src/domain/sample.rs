//! Sampled case files (bóc mẫu hồ sơ): a draw anyone can repeat from the same list and seed.
//!
//! The generator is SplitMix64 (Steele, Lea, Flood 2014; the seeding generator of Java's `SplittableRandom` and of
//! xoshiro): `state += 0x9E3779B97F4A7C15`, then the output mixes `state` with two xor-shift-multiply rounds. It is
//! a dozen lines, so any programmer can re-implement it and check a draw by hand.
//!
//! The draw: a partial Fisher–Yates shuffle of the list's positions `0..n`. For `i` in `0..k`, pick `j` uniformly
//! in `i..n` and swap positions `i` and `j`; the first `k` positions, in that order, are the sample. A uniform
//! number below `bound` is `r % bound` for the first output `r` with `r >= (2^64 - bound) % bound` (rejection, so
//! no code is likelier than another).
//!
//! Without a given seed, the seed is the first 8 bytes (big-endian) of SHA-256 of
//! `"<round>|<unit>|<item>|<list hash>"`; the list hash is SHA-256 of the codes in the list's order, each followed
//! by a line feed. Both are printed and stored.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// SplitMix64: the whole generator.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (`bound > 0`), by rejection.
    pub fn below(&mut self, bound: u64) -> u64 {
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let r = self.next_u64();
            if r >= threshold {
                return r % bound;
            }
        }
    }
}

/// The hash that identifies a list of case files: SHA-256 of its codes in order, each followed by `\n`.
pub fn list_hash<S: AsRef<str>>(codes: &[S]) -> String {
    let mut hasher = Sha256::new();
    for code in codes {
        hasher.update(code.as_ref().as_bytes());
        hasher.update(b"\n");
    }
    hex(&hasher.finalize())
}

/// The seed used when none is given.
pub fn derived_seed(round: &str, unit: &str, item: &str, list_hash: &str) -> u64 {
    let digest = Sha256::digest(format!("{round}|{unit}|{item}|{list_hash}").as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first)
}

/// Positions (0-based) in the list of the `k` drawn files, in draw order; all of them when `k >= n`.
pub fn draw(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..n).collect();
    let mut rng = SplitMix64::new(seed);
    let k = k.min(n);
    for i in 0..k {
        let span = u64::try_from(n - i).unwrap_or(u64::MAX);
        let j = i + usize::try_from(rng.below(span)).unwrap_or(0);
        positions.swap(i, j);
    }
    positions.truncate(k);
    positions
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A drawn sample: how it was drawn and the drawn files in draw order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sample {
    pub id: i64,
    pub round_id: String,
    pub unit_code: String,
    pub criterion: String,
    pub list_name: String,
    pub list_hash: String,
    pub list_size: i64,
    /// Decimal: a u64 does not fit SQLite's integer.
    pub seed: String,
    pub seed_given: bool,
    pub drawn_at: String,
    pub drawn_by: String,
    pub files: Vec<SampleFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SampleFile {
    pub position: i64,
    pub code: String,
    /// The list's other columns, header → value, in the list's order.
    #[serde(serialize_with = "as_map")]
    pub details: Vec<(String, String)>,
    pub compliant: Option<bool>,
    pub note: String,
}

fn as_map<S: serde::Serializer>(pairs: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}

impl Sample {
    pub fn compliance(&self) -> Compliance {
        let results: Vec<Option<bool>> = self.files.iter().map(|f| f.compliant).collect();
        Compliance::of(&results)
    }
}

/// The team's findings on a sample: files checked, found compliant, and the rate the item's rubric reads.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Compliance {
    pub drawn: usize,
    pub checked: usize,
    pub compliant: usize,
}

impl Compliance {
    pub fn of(results: &[Option<bool>]) -> Self {
        Self {
            drawn: results.len(),
            checked: results.iter().filter(|r| r.is_some()).count(),
            compliant: results.iter().filter(|r| **r == Some(true)).count(),
        }
    }

    /// The item's figure, as units report it: "8/10" (compliant of those checked).
    pub fn figure(&self) -> String {
        format!("{}/{}", self.compliant, self.checked)
    }

    /// Percent compliant of those checked; `None` before any is checked.
    pub fn percent(&self) -> Option<f64> {
        (self.checked > 0).then(|| 100.0 * self.compliant as f64 / self.checked as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_the_reference_outputs() {
        // The first outputs for seed 1234567, as printed by the reference C implementation (splitmix64.c).
        let mut rng = SplitMix64::new(1_234_567);
        let got: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        assert_eq!(got, [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423]);
    }

    #[test]
    fn a_draw_is_pinned() {
        let codes: Vec<String> = (1..=50).map(|i| format!("HS-{i:03}")).collect();
        let hash = list_hash(&codes);
        let seed = derived_seed("2026-dot1", "TTPVHCC", "1.3.2", &hash);
        let drawn: Vec<&str> = draw(codes.len(), 5, seed).into_iter().map(|i| codes[i].as_str()).collect();
        assert_eq!(drawn, PINNED);
        assert_eq!(draw(codes.len(), 5, seed), draw(codes.len(), 5, seed), "the same list and seed, the same files");
        assert_eq!(draw(3, 10, 7).len(), 3, "never more than the list");
    }

    // Computed independently (a Python transcription of the module comment) and pinned.
    const PINNED: [&str; 5] = ["HS-048", "HS-050", "HS-044", "HS-032", "HS-045"];

    #[test]
    fn compliance_reads_as_the_items_figure() {
        let c = Compliance::of(&[Some(true), Some(false), Some(true), None]);
        assert_eq!(c.figure(), "2/3");
        assert!((c.percent().unwrap() - 66.666).abs() < 0.01);
    }

    #[test]
    fn only_files_found_compliant_count_as_compliant() {
        let c = Compliance::of(&[Some(true), Some(false), Some(false), None, None, Some(true), Some(true)]);
        assert_eq!(c, Compliance { drawn: 7, checked: 5, compliant: 3 });
        assert_eq!(c.figure(), "3/5");
        assert_eq!(c.percent(), Some(60.0));
    }

    #[test]
    fn no_rate_before_a_file_is_checked() {
        let none_checked = Compliance::of(&[None, None]);
        assert_eq!((none_checked.figure(), none_checked.percent()), ("0/0".to_owned(), None));
        let one = Compliance::of(&[Some(false), None]);
        assert_eq!((one.figure(), one.percent()), ("0/1".to_owned(), Some(0.0)));
    }
}
