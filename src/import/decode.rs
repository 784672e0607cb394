//! Byte-level helpers: UTF-8 scanning, strict streaming decoding, line
//! counting and byte counting for progress.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

const CHUNK: usize = 64 * 1024;

/// Counts lines the way users see them: LF, CRLF and bare CR each end one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineCounter {
    pub line: u64,
    after_cr: bool,
}

impl LineCounter {
    pub fn new() -> Self {
        LineCounter { line: 1, after_cr: false }
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        let Some(&first) = bytes.first() else { return };
        if bytes.contains(&b'\r') {
            for &b in bytes {
                match b {
                    b'\n' if self.after_cr => self.after_cr = false,
                    b'\n' => self.line += 1,
                    b'\r' => {
                        self.line += 1;
                        self.after_cr = true;
                    }
                    _ => self.after_cr = false,
                }
            }
        } else {
            // Fast path (vectorised count) for the usual LF-only chunks.
            let lf = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
            let joined = u64::from(self.after_cr && first == b'\n');
            self.line += lf - joined;
            self.after_cr = false;
        }
    }
}

/// What a pass over undecoded bytes found.
#[derive(Debug, Default)]
pub(crate) struct Utf8Scan {
    /// Byte offset (0-based, from the start of the scanned stream) of the
    /// first invalid sequence.
    pub first_invalid: Option<u64>,
    /// Valid multi-byte sequences before the first invalid byte.
    pub multibyte_before: u64,
    pub multibyte_total: u64,
    pub invalid_total: u64,
}

impl Utf8Scan {
    /// Real UTF-8 with damage, as opposed to a legacy single-byte file. A
    /// Windows-1258 file can contain an accidental valid pair (a tone mark
    /// followed by a curly quote), hence the ratio rather than "any".
    pub fn looks_like_damaged_utf8(&self) -> bool {
        self.multibyte_before > 0 || (self.multibyte_total > 0 && self.multibyte_total * 20 >= self.invalid_total)
    }
}

/// Scans a stream for UTF-8 validity in fixed-size chunks. With `settle_early`, the scan stops after the first
/// chunk when it holds valid multi-byte text and nothing invalid: such a file is UTF-8, and the reader checks the
/// rest record by record (a full pass here would read the whole file once more before the import starts).
pub(crate) fn scan_utf8(mut reader: impl Read, settle_early: bool) -> io::Result<Utf8Scan> {
    let mut scan = Utf8Scan::default();
    let mut buf = vec![0u8; CHUNK + 4];
    let mut carry = 0usize;
    let mut base = 0u64; // stream offset of buf[0]
    loop {
        let n = read_some(&mut reader, buf.get_mut(carry..).unwrap_or_default())?;
        let end = carry + n;
        let data = buf.get(..end).unwrap_or_default();
        if n == 0 {
            if carry > 0 {
                // A sequence cut off by the end of the file.
                scan.note_invalid(base);
            }
            return Ok(scan);
        }
        let mut pos = 0usize;
        carry = 0;
        while let Some(rest) = data.get(pos..).filter(|r| !r.is_empty()) {
            // SIMD validation: this pass reads the whole file before the import starts.
            match simdutf8::compat::from_utf8(rest) {
                Ok(s) => {
                    scan.note_valid(s.as_bytes());
                    pos = end;
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    scan.note_valid(rest.get(..valid).unwrap_or_default());
                    match e.error_len() {
                        Some(len) => {
                            scan.note_invalid(base + (pos + valid) as u64);
                            pos += valid + len;
                        }
                        None => {
                            // Incomplete sequence at the chunk end: retry it
                            // with the next chunk.
                            carry = rest.len() - valid;
                            pos = end;
                        }
                    }
                }
            }
        }
        buf.copy_within(end - carry..end, 0);
        base += (end - carry) as u64;
        if settle_early && scan.first_invalid.is_none() && scan.multibyte_total > 0 {
            return Ok(scan);
        }
    }
}

impl Utf8Scan {
    fn note_valid(&mut self, bytes: &[u8]) {
        // Byte-wide counters over blocks of 255 compile to vector code; this runs over the whole file.
        let leads: u64 =
            bytes.chunks(255).map(|c| u64::from(c.iter().fold(0u8, |n, &b| n + u8::from(b >= 0xC0)))).sum();
        self.multibyte_total += leads;
        if self.first_invalid.is_none() {
            self.multibyte_before += leads;
        }
    }

    fn note_invalid(&mut self, offset: u64) {
        self.invalid_total += 1;
        self.first_invalid.get_or_insert(offset);
    }
}

/// Line number (1-based) of a byte offset, by reading up to it again; only
/// used on the error path so the fast scan need not count lines.
pub(crate) fn line_of_offset(reader: impl Read, offset: u64) -> io::Result<u64> {
    let mut counter = LineCounter::new();
    let mut limited = reader.take(offset);
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = read_some(&mut limited, &mut buf)?;
        if n == 0 {
            return Ok(counter.line);
        }
        counter.feed(buf.get(..n).unwrap_or_default());
    }
}

fn read_some(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match reader.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// Malformed input for the chosen encoding; travels inside an `io::Error`
/// through the CSV reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DecodeError {
    pub line: u64,
    /// Offset in the file, BOM included.
    pub offset: u64,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "dữ liệu sai ở dòng {}, byte {}", self.line, self.offset)
    }
}

impl std::error::Error for DecodeError {}

/// Strict streaming decoder to UTF-8: malformed input is an error, never
/// U+FFFD.
pub(crate) struct DecodeReader<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Box<[u8]>,
    in_start: usize,
    in_end: usize,
    eof: bool,
    done: bool,
    output: Box<[u8]>,
    out_start: usize,
    out_end: usize,
    /// File offset of input[0].
    base: u64,
    lines: LineCounter,
}

impl<R: Read> DecodeReader<R> {
    pub fn new(inner: R, encoding: &'static encoding_rs::Encoding, base: u64) -> Self {
        DecodeReader {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            input: vec![0u8; CHUNK].into_boxed_slice(),
            in_start: 0,
            in_end: 0,
            eof: false,
            done: false,
            output: vec![0u8; CHUNK * 3].into_boxed_slice(),
            out_start: 0,
            out_end: 0,
            base,
            lines: LineCounter::new(),
        }
    }

    /// Decodes more input into the (empty) output buffer.
    fn refill(&mut self) -> io::Result<()> {
        use encoding_rs::DecoderResult;
        self.out_start = 0;
        self.out_end = 0;
        while self.out_end == 0 && !self.done {
            if self.in_start == self.in_end && !self.eof {
                self.base += self.in_end as u64;
                self.in_start = 0;
                self.in_end = read_some(&mut self.inner, &mut self.input)?;
                self.eof = self.in_end == 0;
            }
            let src = self.input.get(self.in_start..self.in_end).unwrap_or_default();
            let (result, read, written) =
                self.decoder.decode_to_utf8_without_replacement(src, &mut self.output, self.eof);
            let produced = self.output.get(..written).unwrap_or_default();
            self.lines.feed(produced);
            self.in_start += read;
            self.out_end = written;
            match result {
                DecoderResult::InputEmpty => self.done = self.eof,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(bad, after) => {
                    let at = self.base + self.in_start as u64;
                    let offset = at.saturating_sub(u64::from(bad) + u64::from(after));
                    let line = self.lines.line;
                    return Err(io::Error::other(DecodeError { line, offset }));
                }
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for DecodeReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out_start == self.out_end {
            self.refill()?;
        }
        let pending = self.output.get(self.out_start..self.out_end).unwrap_or_default();
        let n = pending.len().min(buf.len());
        if let (Some(dst), Some(src)) = (buf.get_mut(..n), pending.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.out_start += n;
        Ok(n)
    }
}

/// Counts bytes pulled from the file, for the progress bar.
pub(crate) struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R> CountingReader<R> {
    pub fn new(inner: R, count: Arc<AtomicU64>) -> Self {
        CountingReader { inner, count }
    }
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_counter_handles_all_line_ends() {
        let mut c = LineCounter::new();
        c.feed(b"a\nb\r\nc\rd");
        assert_eq!(c.line, 4);
        // CRLF split across two chunks counts once.
        let mut c = LineCounter::new();
        c.feed(b"a\r");
        c.feed(b"\nb\n");
        assert_eq!(c.line, 3);
    }

    #[test]
    fn scan_finds_first_invalid_across_chunks() {
        let mut data = "ệ".repeat(CHUNK); // 3-byte chars straddle chunk ends
        data.push('x');
        let mut bytes = data.into_bytes();
        assert_eq!(scan_utf8(bytes.as_slice(), false).unwrap().first_invalid, None);
        bytes.push(0xFF);
        let scan = scan_utf8(bytes.as_slice(), false).unwrap();
        assert_eq!(scan.first_invalid, Some(bytes.len() as u64 - 1));
        assert!(scan.looks_like_damaged_utf8());
    }

    #[test]
    fn scan_settles_early_on_a_clean_multibyte_start() {
        let mut bytes = "ệ".repeat(2 * CHUNK).into_bytes();
        bytes.push(0xFF);
        let scan = scan_utf8(bytes.as_slice(), true).unwrap();
        assert_eq!(scan.first_invalid, None);
        // An ASCII start proves nothing: the scan goes on to the end.
        let mut ascii = vec![b'a'; 2 * CHUNK];
        ascii.push(0xFF);
        assert_eq!(scan_utf8(ascii.as_slice(), true).unwrap().first_invalid, Some(2 * CHUNK as u64));
    }

    #[test]
    fn scan_truncated_sequence_at_end_is_invalid() {
        let scan = scan_utf8(&b"ab\xE1\xBB"[..], false).unwrap();
        assert_eq!(scan.first_invalid, Some(2));
    }

    #[test]
    fn decode_reader_reports_offset_of_bad_utf16() {
        // "a\n" then a lone high surrogate in UTF-16LE, read after a 2-byte BOM.
        let data = [b'a', 0, b'\n', 0, 0x00, 0xD8, b'b', 0];
        let mut r = DecodeReader::new(&data[..], encoding_rs::UTF_16LE, 2);
        let mut out = Vec::new();
        let err = r.read_to_end(&mut out).unwrap_err();
        let inner = err.get_ref().and_then(|e| e.downcast_ref::<DecodeError>());
        assert_eq!(inner, Some(&DecodeError { line: 2, offset: 6 }));
    }
}
