//! Choosing the text encoding of a CSV file and building the UTF-8 stream.

use std::fmt;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use super::ImportError;
use super::decode::{CountingReader, DecodeReader, line_of_offset, scan_utf8};
use super::legacy::{self, Guess, Legacy, LegacyReader};

/// The encoding the user asked for (`--encoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// BOM, else UTF-8 if valid, else Windows-1258 (refusing damaged UTF-8).
    #[default]
    Auto,
    Utf8,
    /// Little-endian unless a BOM says otherwise (Excel "Unicode text").
    Utf16,
    Windows1258,
    /// The Vietnamese encodings from before Unicode, by table (see [`legacy`]).
    Legacy(Legacy),
}

impl Encoding {
    pub const NAMES: [&'static str; 7] = ["auto", "utf-8", "utf-16", "windows-1258", "tcvn3", "vni", "viscii"];
}

impl FromStr for Encoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => Ok(Encoding::Auto),
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "utf-16" | "utf16" | "utf-16le" | "unicode" => Ok(Encoding::Utf16),
            "windows-1258" | "cp1258" | "1258" => Ok(Encoding::Windows1258),
            "tcvn3" | "tcvn" | "abc" | "tcvn5712" | "tcvn5712-1" => Ok(Encoding::Legacy(Legacy::Tcvn3)),
            "vni" | "vni-windows" => Ok(Encoding::Legacy(Legacy::Vni)),
            "viscii" => Ok(Encoding::Legacy(Legacy::Viscii)),
            _ => Err(format!("bảng mã «{s}» không được hỗ trợ; hãy chọn một trong: {}", Encoding::NAMES.join(", "))),
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Encoding::Auto => "auto",
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Legacy(legacy) => legacy.option(),
        };
        f.write_str(name)
    }
}

/// A UTF-8 byte stream over the file's text (BOM removed), and the name of
/// the encoding it was decoded from.
pub(crate) struct Prepared {
    pub reader: Box<dyn Read + Send>,
    pub label: &'static str,
    /// Bytes skipped at the start (the BOM): file offset = `skip` + stream offset.
    pub skip: u64,
}

enum Plan {
    /// Bytes are already UTF-8 (validated).
    Utf8 {
        skip: u64,
        label: &'static str,
    },
    Decode {
        encoding: &'static encoding_rs::Encoding,
        skip: u64,
        label: &'static str,
    },
    Legacy(Legacy),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Bom {
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Bom {
    /// The encoding the BOM announces, as messages name it.
    fn name(self) -> &'static str {
        match self {
            Bom::Utf8 => "UTF-8",
            Bom::Utf16Le => "UTF-16LE",
            Bom::Utf16Be => "UTF-16BE",
        }
    }
}

fn sniff_bom(head: &[u8]) -> Option<Bom> {
    match head {
        [0xEF, 0xBB, 0xBF, ..] => Some(Bom::Utf8),
        [0xFF, 0xFE, ..] => Some(Bom::Utf16Le),
        [0xFE, 0xFF, ..] => Some(Bom::Utf16Be),
        _ => None,
    }
}

pub(crate) fn prepare(
    mut file: File,
    name: &str,
    choice: Encoding,
    counter: Arc<AtomicU64>,
) -> Result<Prepared, ImportError> {
    let read_err = |e: io::Error| ImportError::read(name, &e);
    let mut head = [0u8; 4];
    let got = (&mut file).take(4).read(&mut head).map_err(read_err)?;
    let bom = sniff_bom(head.get(..got).unwrap_or_default());

    let plan = match (choice, bom) {
        // A BOM is unambiguous: an explicit choice that contradicts it would only produce garbage headers.
        (Encoding::Utf8, Some(Bom::Utf16Le | Bom::Utf16Be))
        | (Encoding::Utf16, Some(Bom::Utf8))
        | (Encoding::Windows1258 | Encoding::Legacy(_), Some(_)) => {
            return Err(ImportError::EncodingMismatch {
                file: name.to_owned(),
                chosen: choice.to_string(),
                found: bom.map_or("", Bom::name),
            });
        }
        (Encoding::Utf16, Some(Bom::Utf16Be)) | (Encoding::Auto, Some(Bom::Utf16Be)) => {
            Plan::Decode { encoding: encoding_rs::UTF_16BE, skip: 2, label: "UTF-16BE" }
        }
        (Encoding::Utf16, Some(Bom::Utf16Le)) | (Encoding::Auto, Some(Bom::Utf16Le)) => {
            Plan::Decode { encoding: encoding_rs::UTF_16LE, skip: 2, label: "UTF-16LE" }
        }
        (Encoding::Utf16, _) => Plan::Decode { encoding: encoding_rs::UTF_16LE, skip: 0, label: "UTF-16LE" },
        (Encoding::Windows1258, _) => {
            Plan::Decode { encoding: encoding_rs::WINDOWS_1258, skip: 0, label: "Windows-1258" }
        }
        (Encoding::Legacy(legacy), None) => Plan::Legacy(legacy),
        (Encoding::Auto | Encoding::Utf8, Some(Bom::Utf8)) => {
            check_utf8(&mut file, name, 3, false)?;
            Plan::Utf8 { skip: 3, label: "UTF-8 (BOM)" }
        }
        (Encoding::Utf8, _) => {
            check_utf8(&mut file, name, 0, false)?;
            Plan::Utf8 { skip: 0, label: "UTF-8" }
        }
        (Encoding::Auto, None) => {
            if check_utf8(&mut file, name, 0, true)? {
                Plan::Utf8 { skip: 0, label: "UTF-8" }
            } else {
                legacy_or_1258(&mut file, name)?
            }
        }
    };

    let (skip, label) = match plan {
        Plan::Utf8 { skip, label } | Plan::Decode { skip, label, .. } => (skip, label),
        Plan::Legacy(legacy) => (0, legacy.label()),
    };
    file.seek(SeekFrom::Start(skip)).map_err(read_err)?;
    counter.store(skip, std::sync::atomic::Ordering::Relaxed);
    let counted = CountingReader::new(file, counter);
    let reader: Box<dyn Read + Send> = match plan {
        Plan::Utf8 { .. } => Box::new(counted),
        Plan::Decode { encoding, .. } => Box::new(DecodeReader::new(counted, encoding, skip)),
        Plan::Legacy(legacy) => Box::new(LegacyReader::new(counted, legacy)),
    };
    Ok(Prepared { reader, label, skip })
}

/// A file that is not UTF-8: Windows-1258, unless its text spells Vietnamese in a legacy encoding; that one is
/// refused naming the encoding and the option that reads it, rather than stored as «§· thùc hiÖn».
fn legacy_or_1258(file: &mut File, name: &str) -> Result<Plan, ImportError> {
    let read_err = |e: io::Error| ImportError::read(name, &e);
    file.seek(SeekFrom::Start(0)).map_err(read_err)?;
    let mut sample = Vec::with_capacity(legacy::SAMPLE);
    (&mut *file).take(legacy::SAMPLE as u64).read_to_end(&mut sample).map_err(read_err)?;
    match legacy::guess(&sample) {
        Guess::Windows1258 => Ok(Plan::Decode { encoding: encoding_rs::WINDOWS_1258, skip: 0, label: "Windows-1258" }),
        Guess::Legacy(legacy) => {
            Err(ImportError::LegacyEncoding { file: name.to_owned(), label: legacy.label(), option: legacy.option() })
        }
    }
}

/// Validates the file as UTF-8 from `skip` on (settling early on a clean
/// multi-byte start: the reader checks the rest). Returns `Ok(false)` only
/// when `allow_legacy` and the bytes look like a legacy single-byte file
/// rather than damaged UTF-8.
fn check_utf8(file: &mut File, name: &str, skip: u64, allow_legacy: bool) -> Result<bool, ImportError> {
    scan_file(file, name, skip, allow_legacy, true)
}

/// The exact error for a UTF-8 file that the reader found damaged past the
/// start [`check_utf8`] looked at: the whole file is scanned again.
pub(crate) fn utf8_damage(path: &Path, name: &str, skip: u64) -> ImportError {
    let scanned = File::open(path)
        .map_err(|e| ImportError::open(name, &e))
        .and_then(|mut file| scan_file(&mut file, name, skip, false, false));
    match scanned {
        Err(e) => e,
        // Valid now: the file changed while it was read.
        Ok(_) => ImportError::Read {
            file: name.to_owned(), reason: "tệp bị thay đổi trong khi đang đọc".to_owned()
        },
    }
}

fn scan_file(file: &mut File, name: &str, skip: u64, allow_legacy: bool, settle: bool) -> Result<bool, ImportError> {
    let read_err = |e: io::Error| ImportError::read(name, &e);
    file.seek(SeekFrom::Start(skip)).map_err(read_err)?;
    let scan = scan_utf8(&mut *file, settle).map_err(read_err)?;
    let Some(bad) = scan.first_invalid else {
        return Ok(true);
    };
    if allow_legacy && !scan.looks_like_damaged_utf8() {
        return Ok(false);
    }
    let offset = skip + bad;
    file.seek(SeekFrom::Start(0)).map_err(read_err)?;
    let line = line_of_offset(&mut *file, offset).map_err(read_err)?;
    Err(ImportError::InvalidUtf8 { file: name.to_owned(), line, offset })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_cli_names() {
        assert_eq!("auto".parse(), Ok(Encoding::Auto));
        assert_eq!("UTF-8".parse(), Ok(Encoding::Utf8));
        assert_eq!("utf-16".parse(), Ok(Encoding::Utf16));
        assert_eq!("windows-1258".parse(), Ok(Encoding::Windows1258));
        assert_eq!("cp1258".parse(), Ok(Encoding::Windows1258));
        let e = "latin1".parse::<Encoding>().unwrap_err();
        assert!(e.contains("không được hỗ trợ"), "{e}");
        for n in Encoding::NAMES {
            assert_eq!(n.parse::<Encoding>().map(|e| e.to_string()), Ok(n.to_owned()));
        }
    }
}
