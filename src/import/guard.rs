//! A pass-through reader in front of the `csv` parser. It mirrors the
//! parser's quoting rules so that it can bound memory (field, row and column
//! limits), reject NUL bytes and unterminated quotes (which `csv` silently
//! accepts), turn CR and CRLF into LF (so `csv` counts lines right) and
//! record the line on which each record starts.

use std::collections::VecDeque;
use std::io::{self, Read};

pub(crate) const MAX_FIELD_BYTES: u64 = 1024 * 1024;
pub(crate) const MAX_RECORD_BYTES: u64 = 8 * 1024 * 1024;
pub(crate) const MAX_COLUMNS: u64 = 1000;

/// A structural problem found by the guard; travels inside an `io::Error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GuardError {
    Nul { line: u64 },
    FieldTooLong { line: u64, quote_line: Option<u64> },
    RecordTooLong { line: u64 },
    TooManyColumns { line: u64 },
    UnclosedQuote { line: u64 },
}

impl GuardError {
    pub fn line(&self) -> u64 {
        match *self {
            GuardError::Nul { line }
            | GuardError::FieldTooLong { line, .. }
            | GuardError::RecordTooLong { line }
            | GuardError::TooManyColumns { line }
            | GuardError::UnclosedQuote { line } => line,
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
    /// Bytes that end a run of plain field content, outside / inside quotes.
    stops: [bool; 256],
    stops_quoted: [bool; 256],
}

impl<R> Guard<R> {
    pub fn new(inner: R, delimiter: u8) -> Self {
        let stops_quoted: [bool; 256] = std::array::from_fn(|i| matches!(i as u8, b'"' | b'\n' | b'\r' | 0));
        let stops: [bool; 256] = std::array::from_fn(|i| stops_quoted.get(i) == Some(&true) || i as u8 == delimiter);
        Guard {
            stops,
            stops_quoted,
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
            (_, _) => self.state = State::Unquoted,
        }
        self.check_limits()
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
            let w = match self.filter(chunk) {
                Ok(w) => w,
                Err(e) => return Err(self.fail(e)),
            };
            if w > 0 {
                return Ok(w);
            }
            // The chunk was a lone LF of a split CRLF; read on.
        }
    }
}

impl<R> Guard<R> {
    /// Runs the state machine over `chunk`, rewriting it in place (CR → LF,
    /// the LF of CRLF dropped); returns the new length.
    fn filter(&mut self, chunk: &mut [u8]) -> Result<usize, GuardError> {
        let n = chunk.len();
        let (mut r, mut w) = (0usize, 0usize);
        while r < n {
            // Fast path: a run of bytes that only lengthens the current field.
            if self.state != State::RecordStart {
                let stops = if self.state == State::Quoted { &self.stops_quoted } else { &self.stops };
                let rest = chunk.get(r..).unwrap_or_default();
                // `get` of a u8 in a 256-entry table never misses.
                let run = rest.iter().position(|&b| stops.get(usize::from(b)) != Some(&false));
                let run = run.unwrap_or(n - r);
                if run > 0 {
                    if self.state != State::Quoted {
                        self.state = State::Unquoted;
                    }
                    self.after_cr = false;
                    self.field_bytes += run as u64;
                    self.record_bytes += run as u64;
                    self.check_limits()?;
                    if w != r {
                        chunk.copy_within(r..r + run, w);
                    }
                    r += run;
                    w += run;
                    continue;
                }
            }
            let Some(&b) = chunk.get(r) else { break };
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
            self.step(out)?;
            if let Some(slot) = chunk.get_mut(w) {
                *slot = out;
            }
            w += 1;
        }
        Ok(w)
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
    fn bounds_fields_and_columns() {
        let mut long = b"a,\"".to_vec();
        long.extend(std::iter::repeat_n(b'x', 2 * MAX_FIELD_BYTES as usize));
        assert_eq!(run(&long).0, Err(GuardError::FieldTooLong { line: 1, quote_line: Some(1) }));
        let wide = ",".repeat(MAX_COLUMNS as usize);
        assert_eq!(run(format!("a\n{wide}\n").as_bytes()).0, Err(GuardError::TooManyColumns { line: 2 }));
        let ok = ",".repeat(MAX_COLUMNS as usize - 1);
        assert!(run(ok.as_bytes()).0.is_ok());
    }

    mod agreement {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            /// The guard sees exactly the records `csv` sees, starting on
            /// non-decreasing lines no earlier than `csv` says.
            #[test]
            fn guard_and_csv_agree_on_records(
                bytes in proptest::collection::vec(
                    prop_oneof![Just(b'a'), Just(b','), Just(b'"'), Just(b'\n'),
                                Just(b'\r'), Just(b' ')], 0..300)
            ) {
                let mut rdr = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .buffer_capacity(16)
                    .from_reader(Guard::new(bytes.as_slice(), b','));
                let mut rec = csv::ByteRecord::new();
                let mut last = 0;
                let clean_end = loop {
                    match rdr.read_byte_record(&mut rec) {
                        Ok(true) => {}
                        Ok(false) => break true,
                        Err(_) => break false,
                    }
                    let ours = rdr.get_mut().pop_record_line();
                    let theirs = rec.position().map(|p| p.line());
                    prop_assert!(ours.is_some());
                    prop_assert!(ours >= theirs && ours >= Some(last));
                    last = ours.unwrap_or(0);
                };
                if clean_end {
                    prop_assert_eq!(rdr.get_mut().pop_record_line(), None);
                }
            }
        }
    }
}
