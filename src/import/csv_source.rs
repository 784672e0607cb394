//! CSV rows from a UTF-8 stream: delimiter sniffing and error mapping.

use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};

use csv::ByteRecord;

use super::ImportError;
use super::decode::DecodeError;
use super::fields::Fields;
use super::guard::{Guard, GuardError};

/// How much of the decoded text is examined to choose the delimiter.
const SNIFF_BYTES: u64 = 64 * 1024;
const BUFFER: usize = 64 * 1024;

type Stream = io::Chain<Cursor<Vec<u8>>, Box<dyn Read + Send>>;

pub(crate) struct CsvSource {
    rdr: csv::Reader<Guard<Stream>>,
    bytes: ByteRecord,
    /// Where the file is and the bytes before the stream (a BOM), to find damaged UTF-8 exactly.
    path: PathBuf,
    skip: u64,
    file: String,
    encoding: &'static str,
    pub delimiter: u8,
}

impl CsvSource {
    pub fn new(
        mut stream: Box<dyn Read + Send>,
        file: &str,
        encoding: &'static str,
        (path, skip): (&Path, u64),
    ) -> Result<Self, ImportError> {
        let mut prefix = Vec::new();
        (&mut stream).take(SNIFF_BYTES).read_to_end(&mut prefix).map_err(|e| map_io(file, encoding, e))?;
        let delimiter = sniff_delimiter(&prefix);
        let guard = Guard::new(Cursor::new(prefix).chain(stream), delimiter);
        let rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .buffer_capacity(BUFFER)
            .from_reader(guard);
        let path = path.to_owned();
        Ok(CsvSource { rdr, bytes: ByteRecord::new(), path, skip, file: file.to_owned(), encoding, delimiter })
    }

    /// Next record and the line it starts on; `None` at the end.
    pub fn next_record(&mut self, rec: &mut Fields) -> Result<Option<u64>, ImportError> {
        match self.rdr.read_byte_record(&mut self.bytes) {
            Ok(true) => {
                let fallback = self.bytes.position().map_or(0, |p| p.line());
                let line = self.rdr.get_mut().pop_record_line().unwrap_or(fallback);
                // Bad bytes past the start the encoding check looked at: the file is damaged; say exactly where.
                rec.fill(&self.bytes).map_err(|_| super::encoding::utf8_damage(&self.path, &self.file, self.skip))?;
                Ok(Some(line))
            }
            Ok(false) => Ok(None),
            Err(e) => Err(self.map_csv(e)),
        }
    }

    fn map_csv(&self, e: csv::Error) -> ImportError {
        let line = e.position().map_or(0, |p| p.line());
        match e.into_kind() {
            csv::ErrorKind::Io(io) => map_io(&self.file, self.encoding, io),
            csv::ErrorKind::Utf8 { pos, .. } => ImportError::InvalidUtf8 {
                file: self.file.clone(),
                line: pos.as_ref().map_or(line, |p| p.line()),
                offset: pos.as_ref().map_or(0, |p| p.byte()),
            },
            other => ImportError::Structure {
                file: self.file.clone(),
                line,
                message: format!("không đọc được dòng CSV ({other:?})"),
            },
        }
    }
}

/// Turns the errors our readers smuggle through `io::Error` back into
/// import errors.
fn map_io(file: &str, encoding: &'static str, e: io::Error) -> ImportError {
    if let Some(g) = e.get_ref().and_then(|i| i.downcast_ref::<GuardError>()) {
        return ImportError::Structure { file: file.to_owned(), line: g.line(), message: g.to_string() };
    }
    if let Some(d) = e.get_ref().and_then(|i| i.downcast_ref::<DecodeError>()) {
        return ImportError::Malformed { file: file.to_owned(), encoding, line: d.line, offset: d.offset };
    }
    ImportError::read(file, &e)
}

/// The delimiter of the first line that has one: `,` `;` or tab, counted
/// outside quotes; the most frequent wins, ties go to `,` then `;`.
pub(crate) fn sniff_delimiter(text: &[u8]) -> u8 {
    let (mut comma, mut semi, mut tab) = (0usize, 0usize, 0usize);
    let mut in_quotes = false;
    let mut lines = 0;
    for &b in text {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => {
                lines += 1;
                if comma + semi + tab > 0 || lines >= 10 {
                    break;
                }
            }
            b',' if !in_quotes => comma += 1,
            b';' if !in_quotes => semi += 1,
            b'\t' if !in_quotes => tab += 1,
            _ => {}
        }
    }
    if semi > comma && semi >= tab {
        b';'
    } else if tab > comma && tab > semi {
        b'\t'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_the_header_line() {
        assert_eq!(sniff_delimiter(b"a,b,c\n1;2;3;4;5\n"), b',');
        assert_eq!(sniff_delimiter(b"a;b;c\n"), b';');
        assert_eq!(sniff_delimiter(b"a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter(b"\"x;y;z\",b\n"), b',');
        assert_eq!(sniff_delimiter(b"a;b,c\n"), b',');
        assert_eq!(sniff_delimiter(b"a;b\tc\n"), b';');
        assert_eq!(sniff_delimiter(b"TITLE\r\n\r\na;b;c\r\n"), b';');
        assert_eq!(sniff_delimiter(b""), b',');
    }
}
