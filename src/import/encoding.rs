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
}

impl Encoding {
    pub const NAMES: [&'static str; 4] = ["auto", "utf-8", "utf-16", "windows-1258"];
}

impl FromStr for Encoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => Ok(Encoding::Auto),
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "utf-16" | "utf16" | "utf-16le" | "unicode" => Ok(Encoding::Utf16),
            "windows-1258" | "cp1258" | "1258" => Ok(Encoding::Windows1258),
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
        };
        f.write_str(name)
    }
}

/// A UTF-8 byte stream over the file's text (BOM removed), and the name of
/// the encoding it was decoded from.
pub(crate) struct Prepared {
    pub reader: Box<dyn Read + Send>,
    pub label: &'static str,
    /// Where the undecoded UTF-8 text starts, when the stream is raw UTF-8
    /// still to be validated by the CSV reader (see [`locate_invalid_utf8`]).
    pub raw_utf8_from: Option<u64>,
}

enum Plan {
    /// Bytes are UTF-8 already (validated as they are parsed).
    Utf8 {
        skip: u64,
        label: &'static str,
    },
    Decode {
        encoding: &'static encoding_rs::Encoding,
        skip: u64,
        label: &'static str,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Bom {
    Utf8,
    Utf16Le,
    Utf16Be,
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
    let mut head = Vec::with_capacity(4);
    (&mut file).take(4).read_to_end(&mut head).map_err(read_err)?;
    let bom = sniff_bom(&head);

    let bom_name = match bom {
        Some(Bom::Utf8) => "UTF-8",
        Some(Bom::Utf16Le) => "UTF-16LE",
        Some(Bom::Utf16Be) => "UTF-16BE",
        None => "",
    };
    let plan = match (choice, bom) {
        // A BOM is unambiguous: an explicit choice that contradicts it
        // would only produce garbage headers.
        (Encoding::Utf8, Some(Bom::Utf16Le | Bom::Utf16Be))
        | (Encoding::Utf16, Some(Bom::Utf8))
        | (Encoding::Windows1258, Some(_)) => {
            return Err(ImportError::EncodingMismatch {
                file: name.to_owned(),
                chosen: choice.to_string(),
                found: bom_name,
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
        (Encoding::Auto | Encoding::Utf8, Some(Bom::Utf8)) => Plan::Utf8 { skip: 3, label: "UTF-8 (BOM)" },
        (Encoding::Utf8, _) => Plan::Utf8 { skip: 0, label: "UTF-8" },
        (Encoding::Auto, None) => {
            if is_legacy(&mut file, name)? {
                Plan::Decode { encoding: encoding_rs::WINDOWS_1258, skip: 0, label: "Windows-1258" }
            } else {
                Plan::Utf8 { skip: 0, label: "UTF-8" }
            }
        }
    };

    let (skip, label) = match plan {
        Plan::Utf8 { skip, label } | Plan::Decode { skip, label, .. } => (skip, label),
    };
    file.seek(SeekFrom::Start(skip)).map_err(read_err)?;
    counter.store(skip, std::sync::atomic::Ordering::Relaxed);
    let counted = CountingReader::new(file, counter);
    let (reader, raw_utf8_from): (Box<dyn Read + Send>, _) = match plan {
        Plan::Utf8 { .. } => (Box::new(counted), Some(skip)),
        Plan::Decode { encoding, .. } => (Box::new(DecodeReader::new(counted, encoding, skip)), None),
    };
    Ok(Prepared { reader, label, raw_utf8_from })
}

/// Is this BOM-less file in a legacy single-byte encoding rather than
/// UTF-8? Damaged UTF-8 is an error. Reads only up to the first non-ASCII
/// text for a UTF-8 file; the CSV reader validates the rest.
fn is_legacy(file: &mut File, name: &str) -> Result<bool, ImportError> {
    let read_err = |e: std::io::Error| ImportError::read(name, &e);
    file.seek(SeekFrom::Start(0)).map_err(read_err)?;
    let scan = scan_utf8(&mut *file, true).map_err(read_err)?;
    match scan.first_invalid {
        None => Ok(false),
        Some(_) if !scan.looks_like_damaged_utf8() => Ok(true),
        Some(offset) => Err(invalid_utf8(file, name, offset)),
    }
}

/// The error for invalid UTF-8 at a file offset, with its line.
fn invalid_utf8(file: &mut File, name: &str, offset: u64) -> ImportError {
    let line = file.seek(SeekFrom::Start(0)).and_then(|_| line_of_offset(&mut *file, offset));
    match line {
        Ok(line) => ImportError::InvalidUtf8 { file: name.to_owned(), line, offset },
        Err(e) => ImportError::read(name, &e),
    }
}

/// Finds the first invalid UTF-8 sequence after `from`, for the error
/// message once the CSV reader has hit one.
pub(crate) fn locate_invalid_utf8(path: &Path, name: &str, from: u64) -> Option<ImportError> {
    let mut file = File::open(path).ok()?;
    file.seek(SeekFrom::Start(from)).ok()?;
    let bad = scan_utf8(&mut file, false).ok()?.first_invalid?;
    Some(invalid_utf8(&mut file, name, from + bad))
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
