//! Vietnamese encodings from before Unicode — TCVN3 (ABC, the .VnTime fonts), VNI and VISCII — decoded by table,
//! and told apart from Windows-1258 by what the decoded text spells (see [`guess`]).

mod syllable;
mod tables;

use std::io::{self, Read};

use crate::domain::text::nfc;

/// Bytes of the file looked at to guess its encoding.
pub(crate) const SAMPLE: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    Vni,
    Viscii,
}

impl Legacy {
    pub const ALL: [Legacy; 3] = [Legacy::Tcvn3, Legacy::Vni, Legacy::Viscii];

    /// The name in messages and in the "Đọc «…»: bảng mã …" line.
    pub fn label(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI",
            Legacy::Viscii => "VISCII",
        }
    }

    /// The `--encoding` value that reads it.
    pub fn option(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "tcvn3",
            Legacy::Vni => "vni",
            Legacy::Viscii => "viscii",
        }
    }

    fn tables(self) -> (&'static [&'static str; 128], &'static [(u8, char)]) {
        match self {
            Legacy::Tcvn3 => (&tables::TCVN3_HIGH, tables::TCVN3_LOW),
            Legacy::Vni => (&tables::VNI_HIGH, tables::VNI_LOW),
            Legacy::Viscii => (&tables::VISCII_HIGH, tables::VISCII_LOW),
        }
    }

    /// Appends the text of `bytes`. Marks that follow their letter (TCVN3's tone bytes, VNI) come out as combining
    /// characters: the reader's NFC composes them.
    pub fn decode_into(self, bytes: &[u8], out: &mut String) {
        let (high, low) = self.tables();
        for &b in bytes {
            // Below 0x80 the index wraps past the table: ASCII, or one of the control bytes used for letters.
            match high.get(usize::from(b).wrapping_sub(0x80)) {
                Some(text) => out.push_str(text),
                _ => match low.iter().find(|(c, _)| *c == b) {
                    Some((_, letter)) => out.push(*letter),
                    None => out.push(char::from(b)),
                },
            }
        }
    }
}

/// A UTF-8 stream over a file in a legacy encoding.
pub(crate) struct LegacyReader<R> {
    inner: R,
    legacy: Legacy,
    input: Box<[u8]>,
    output: String,
    pos: usize,
}

impl<R: Read> LegacyReader<R> {
    pub fn new(inner: R, legacy: Legacy) -> Self {
        LegacyReader { inner, legacy, input: vec![0; 16 * 1024].into_boxed_slice(), output: String::new(), pos: 0 }
    }
}

impl<R: Read> Read for LegacyReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.output.len() {
            let n = self.inner.read(&mut self.input)?;
            self.output.clear();
            self.pos = 0;
            self.legacy.decode_into(self.input.get(..n).unwrap_or_default(), &mut self.output);
        }
        let pending = self.output.as_bytes().get(self.pos..).unwrap_or_default();
        let n = pending.len().min(buf.len());
        if let (Some(dst), Some(src)) = (buf.get_mut(..n), pending.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.pos += n;
        Ok(n)
    }
}

/// What a file that is not UTF-8 most likely is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guess {
    Windows1258,
    Legacy(Legacy),
}

/// The encoding under which `sample` spells the most Vietnamese syllables: Windows-1258 unless a legacy encoding
/// spells clearly more (TCVN3 read as Windows-1258 gives «§· thùc hiÖn»: few syllables).
pub fn guess(sample: &[u8]) -> Guess {
    // NUL bytes: UTF-16 without its mark, or not text at all; the CSV reader says which.
    if sample.contains(&0) {
        return Guess::Windows1258;
    }
    let (text, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(sample);
    let base = syllable::score(&nfc(&text));
    let mut best: Option<(f64, Legacy)> = None;
    for legacy in Legacy::ALL {
        let mut text = String::with_capacity(sample.len() * 2);
        legacy.decode_into(sample, &mut text);
        let score = syllable::score(&nfc(&text));
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, legacy));
        }
    }
    match best {
        // A clear margin: a few odd words in a Windows-1258 file do not make it a legacy one.
        Some((score, legacy)) if score > base + 0.2 => Guess::Legacy(legacy),
        _ => Guess::Windows1258,
    }
}

#[cfg(test)]
#[path = "legacy_tests.rs"]
mod tests;
