//! A pass-through reader in front of the `csv` parser. It mirrors the
//! parser's quoting rules so that it can bound memory (field, row and column
//! limits), reject NUL bytes and unterminated quotes (which `csv` silently
//! accepts), refuse text after a closing quote (`"abc"def`, which `csv` glues into `abcdef`, and which is how a
//! quote left open shows itself once a later quote closes it), turn CR and CRLF into LF (so `csv` counts lines
//! right and every line break is stored as LF) and record the line on which each record starts.

use std::collections::VecDeque;
use std::io::{self, Read};

pub(crate) const MAX_FIELD_BYTES: u64 = 1024 * 1024;
pub(crate) const MAX_RECORD_BYTES: u64 = 8 * 1024 * 1024;
pub(crate) const MAX_COLUMNS: u64 = 1000;

/// Bytes that can change the parser's state: everything else only lengthens a field. Delimiters are all marked,
/// whichever one the file uses; a delimiter that is not this file's then takes the (equivalent) slow path.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    let special = [0u8, b'\n', b'\r', b'"', b',', b';', b'\t'];
    while i < special.len() {
        t[special[i] as usize] = true;
        i += 1;
    }
    t
};

/// A structural problem found by the guard; travels inside an `io::Error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GuardError {
    Nul {
        line: u64,
    },
    FieldTooLong {
        line: u64,
        quote_line: Option<u64>,
    },
    RecordTooLong {
        line: u64,
    },
    TooManyColumns {
        line: u64,
    },
    UnclosedQuote {
        line: u64,
    },
    /// Text after a field's closing quote: `column` is the field's 1-based position in its record.
    AfterQuote {
        line: u64,
        column: u64,
        quote_line: u64,
    },
}

impl GuardError {
    pub fn line(&self) -> u64 {
        match *self {
            GuardError::Nul { line }
            | GuardError::FieldTooLong { line, .. }
            | GuardError::RecordTooLong { line }
            | GuardError::TooManyColumns { line }
            | GuardError::UnclosedQuote { line }
            | GuardError::AfterQuote { line, .. } => line,
        }
    }
}

impl std::fmt::Display for GuardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GuardError::Nul { .. } => f.write_str(
                "có ký tự NUL (byte 0): đây không phải tệp văn bản CSV, hoặc là tệp UTF-16 \
                 không có BOM (khi đó hãy chỉ rõ --encoding utf-16)",
            ),
            GuardError::FieldTooLong { quote_line: Some(q), .. } => {
                write!(f, "một ô dài quá 1 MiB; có lẽ dấu ngoặc kép mở ở dòng {q} không được đóng")
            }
            GuardError::FieldTooLong { .. } => f.write_str("một ô dài quá 1 MiB"),
            GuardError::RecordTooLong { .. } => f.write_str("một dòng dài quá 8 MiB"),
            GuardError::TooManyColumns { .. } => {
                write!(f, "dòng có hơn {MAX_COLUMNS} cột")
            }
            GuardError::UnclosedQuote { .. } => {
                f.write_str("dấu ngoặc kép mở ở dòng này không được đóng (cho đến hết tệp)")
            }
            GuardError::AfterQuote { line, column, quote_line } if quote_line < line => write!(
                f,
                "cột thứ {column}: dấu ngoặc kép mở ở dòng {quote_line} không được đóng đúng chỗ, nên các dòng sau \
                 nó bị gộp vào ô này (đến đây vẫn còn chữ sau dấu ngoặc kép đóng); hãy thêm dấu ngoặc kép đóng ở \
                 cuối ô tại dòng {quote_line}"
            ),
            GuardError::AfterQuote { column, .. } => write!(
                f,
                "cột thứ {column}: sau dấu ngoặc kép đóng ô vẫn còn chữ (kiểu \"abc\"def); hãy đặt cả ô trong dấu \
                 ngoặc kép và viết mỗi dấu ngoặc kép bên trong thành hai dấu (\"\")"
            ),
        }
    }
}

impl std::error::Error for GuardError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a record (nothing of it seen yet).
    RecordStart,
    FieldStart,
    Unquoted,
    Quoted,
    /// Just saw a quote inside a quoted field: closing or first of `""`.
    QuoteInQuoted,
}

pub(crate) struct Guard<R> {
    inner: R,
    delimiter: u8,
    state: State,
    after_cr: bool,
    line: u64,
    quote_line: u64,
    record_line: u64,
    field_bytes: u64,
    record_bytes: u64,
    fields: u64,
    starts: VecDeque<u64>,
    failed: bool,
}

impl<R: Read> Guard<R> {
    pub fn new(inner: R, delimiter: u8) -> Self {
        Guard {
            inner,
            delimiter,
            state: State::RecordStart,
            after_cr: false,
            line: 1,
            quote_line: 1,
            record_line: 1,
            field_bytes: 0,
            record_bytes: 0,
            fields: 0,
            starts: VecDeque::new(),
            failed: false,
        }
    }

    /// Start line of the oldest record handed to the parser and not yet
    /// claimed. Records come out of `csv` in the same order.
    pub fn pop_record_line(&mut self) -> Option<u64> {
        self.starts.pop_front()
    }

    fn fail(&mut self, e: GuardError) -> io::Error {
        self.failed = true;
        io::Error::other(e)
    }

    fn new_field(&mut self) -> Result<(), GuardError> {
        self.fields += 1;
        self.field_bytes = 0;
        if self.fields >= MAX_COLUMNS {
            return Err(GuardError::TooManyColumns { line: self.record_line });
        }
        Ok(())
    }

    fn end_record(&mut self) {
        self.state = State::RecordStart;
        self.fields = 0;
        self.field_bytes = 0;
        self.record_bytes = 0;
    }

    /// Advances the state machine over `len` bytes that are none of [`SPECIAL`], outside `RecordStart`: the same
    /// as `len` calls of [`Guard::step`], in constant time.
    fn plain_run(&mut self, len: u64) -> Result<(), GuardError> {
        if self.state == State::QuoteInQuoted {
            return Err(self.after_quote());
        }
        self.record_bytes += len;
        self.field_bytes += len;
        if self.state != State::Quoted {
            self.state = State::Unquoted;
        }
        self.check_limits()
    }

    fn after_quote(&self) -> GuardError {
        GuardError::AfterQuote { line: self.line, column: self.fields + 1, quote_line: self.quote_line }
    }

    fn check_limits(&self) -> Result<(), GuardError> {
        if self.field_bytes > MAX_FIELD_BYTES {
            let quote_line = (self.state == State::Quoted).then_some(self.quote_line);
            return Err(GuardError::FieldTooLong { line: self.record_line, quote_line });
        }
        if self.record_bytes > MAX_RECORD_BYTES {
            return Err(GuardError::RecordTooLong { line: self.record_line });
        }
        Ok(())
    }

    /// Advances the state machine over one (already CR-normalised) byte.
    fn step(&mut self, b: u8) -> Result<(), GuardError> {
        if b == 0 {
            return Err(GuardError::Nul { line: self.line });
        }
        if self.state == State::RecordStart {
            if b == b'\n' {
                // Blank line: the parser skips it, and so do we.
                self.line += 1;
                return Ok(());
            }
            self.record_line = self.line;
            self.starts.push_back(self.line);
            self.state = State::FieldStart;
        }
        self.record_bytes += 1;
        self.field_bytes += 1;
        let d = self.delimiter;
        match (self.state, b) {
            (State::FieldStart | State::Unquoted | State::QuoteInQuoted, b'\n') => {
                self.line += 1;
                self.end_record();
            }
            (State::FieldStart | State::Unquoted | State::QuoteInQuoted, _) if b == d => {
                self.state = State::FieldStart;
                self.new_field()?;
            }
            (State::FieldStart, b'"') => {
                self.state = State::Quoted;
                self.quote_line = self.line;
            }
            (State::Quoted, b'"') => self.state = State::QuoteInQuoted,
            (State::QuoteInQuoted, b'"') => self.state = State::Quoted,
            (State::Quoted, b'\n') => self.line += 1,
            (State::Quoted, _) => {}
            (State::QuoteInQuoted, _) => return Err(self.after_quote()),
            (_, _) => self.state = State::Unquoted,
        }
        self.check_limits()
    }
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.failed {
            return Ok(0);
        }
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                if self.state == State::Quoted {
                    let line = self.quote_line;
                    return Err(self.fail(GuardError::UnclosedQuote { line }));
                }
                return Ok(0);
            }
            let Some(chunk) = buf.get_mut(..n) else {
                return Ok(0);
            };
            // Rewrite in place: CR → LF, and drop the LF of a CRLF pair.
            let mut w = 0usize;
            let mut r = 0usize;
            while r < n {
                let Some(&b) = chunk.get(r) else { break };
                if !SPECIAL[usize::from(b)] && self.state != State::RecordStart {
                    // A run of plain bytes only lengthens the field: count it in one go (the hot path).
                    let rest = chunk.get(r..n).unwrap_or_default();
                    let len = rest.iter().position(|&c| SPECIAL[usize::from(c)]).unwrap_or(rest.len());
                    self.after_cr = false;
                    if let Err(e) = self.plain_run(len as u64) {
                        return Err(self.fail(e));
                    }
                    if w != r {
                        chunk.copy_within(r..r + len, w);
                    }
                    w += len;
                    r += len;
                    continue;
                }
                r += 1;
                let out = match b {
                    b'\n' if self.after_cr => {
                        self.after_cr = false;
                        continue;
                    }
                    b'\r' => {
                        self.after_cr = true;
                        b'\n'
                    }
                    _ => {
                        self.after_cr = false;
                        b
                    }
                };
                if let Err(e) = self.step(out) {
                    return Err(self.fail(e));
                }
                if let Some(slot) = chunk.get_mut(w) {
                    *slot = out;
                }
                w += 1;
            }
            if w > 0 {
                return Ok(w);
            }
            // The chunk was a lone LF of a split CRLF; read on.
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(data: &[u8]) -> (Result<Vec<u8>, GuardError>, Vec<u64>) {
        let mut g = Guard::new(data, b',');
        let mut out = Vec::new();
        let res = g.read_to_end(&mut out).map(|_| out).map_err(|e| {
            e.get_ref().and_then(|e| e.downcast_ref::<GuardError>()).cloned().unwrap_or(GuardError::Nul { line: 0 })
        });
        (res, g.starts.into_iter().collect())
    }

    #[test]
    fn normalises_line_ends_and_tracks_record_starts() {
        let (out, starts) = run(b"a,b\r\n\r\nc,\"x\ry\"\rd\n");
        assert_eq!(out.unwrap(), b"a,b\n\nc,\"x\ny\"\nd\n");
        assert_eq!(starts, vec![1, 3, 5]);
    }

    #[test]
    fn rejects_unclosed_quote_and_nul() {
        assert_eq!(run(b"a,b\nc,\"d\ne\n").0, Err(GuardError::UnclosedQuote { line: 2 }));
        assert_eq!(run(b"a,b\nc\0d\n").0, Err(GuardError::Nul { line: 2 }));
        // Quotes inside an unquoted field are literal, as in `csv`.
        assert!(run(b"a\"b,c\n").0.is_ok());
        assert!(run(b"\"a\"\"b\",c\n").0.is_ok());
    }

    #[test]
    fn rejects_text_after_a_closing_quote() {
        let after = |line, column, quote_line| Err(GuardError::AfterQuote { line, column, quote_line });
        assert_eq!(run(b"a,b\nc,\"abc\"def\n").0, after(2, 2, 2));
        // A delimiter that is not this file's is text too.
        assert_eq!(run(b"a,b\n\"x\";y\n").0, after(2, 1, 2));
        // A quote left open on line 2 is closed by the next row's opening quote: caught on line 3.
        assert_eq!(run(b"h\nVP,1,\"open\nVP,2,\"next\"\n").0, after(3, 3, 2));
        assert!(run(b"\"a\",\"b\"\r\n\"c\"\n").0.is_ok());
    }

    #[test]
    fn bounds_fields_and_columns() {
        let mut long = b"a,\"".to_vec();
        long.extend(std::iter::repeat_n(b'x', 2 * MAX_FIELD_BYTES as usize));
        assert_eq!(run(&long).0, Err(GuardError::FieldTooLong { line: 1, quote_line: Some(1) }));
        let wide = ",".repeat(MAX_COLUMNS as usize);
        assert_eq!(run(format!("a\n{wide}\n").as_bytes()).0, Err(GuardError::TooManyColumns { line: 2 }));
        let ok = ",".repeat(MAX_COLUMNS as usize - 1);
        assert!(run(ok.as_bytes()).0.is_ok());
    }
}
