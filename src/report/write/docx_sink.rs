//! The main part of a DOCX goes into its zip entry as it is written, held back only by a fixed lookahead.
//!
//! Why a lookahead and not a plain buffer: the deflate stream (flate2 over zlib-rs) cuts its output differently
//! when a call runs out of input than when it stops at its full 32 KiB output buffer, so the same XML handed over
//! in other pieces gives other compressed bytes. Handed over whole, every call had all the rest of the part; handed
//! over at least `lookahead` bytes at a time, the calls are the same as long as 32 KiB of compressed output never
//! comes from more than `lookahead` − 64 KiB (the compressor's window) of XML: at most 3.1 MiB per call in the year
//! report of 3,400 units (a ratio of 100:1), so the bytes stay those of the whole part handed over at once.

use std::fmt;
use std::io::{self, ErrorKind, Write};

/// XML kept before each call into the compressor (see the module's comment).
const LOOKAHEAD: usize = 8 << 20;

/// The XML writers' `fmt::Write` over the zip entry. `fmt::Error` carries nothing, so the I/O error is kept here
/// and returned by [`Sink::finish`].
pub struct Sink<W: Write> {
    out: W,
    pending: Vec<u8>,
    lookahead: usize,
    error: Option<io::Error>,
}

impl<W: Write> Sink<W> {
    pub fn new(out: W) -> Self {
        Self::with_lookahead(out, LOOKAHEAD)
    }

    fn with_lookahead(out: W, lookahead: usize) -> Self {
        // Room for the lookahead and the piece that goes past it, without the doubling of a growing Vec.
        Self { out, pending: Vec::with_capacity(lookahead + (64 << 10)), lookahead, error: None }
    }

    fn push(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.pending.extend_from_slice(bytes);
        let mut taken = 0;
        while self.pending.len() - taken >= self.lookahead {
            match self.out.write(&self.pending[taken..]) {
                Ok(0) => return Err(ErrorKind::WriteZero.into()),
                Ok(n) => taken += n,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        if taken > 0 {
            self.pending.drain(..taken);
        }
        Ok(())
    }

    /// The outcome of writing through the sink, the rest of the XML handed over.
    pub fn finish(mut self, written: fmt::Result) -> io::Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        // Without an I/O error only a `Display` impl can have failed; none of the writers' does.
        written.map_err(|_| io::Error::other("không tạo được nội dung DOCX"))?;
        self.out.write_all(&self.pending)
    }
}

impl<W: Write> fmt::Write for Sink<W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push(s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            fmt::Error
        })
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;
    use std::io::{Cursor, Write as _};

    use zip::ZipWriter;
    use zip::write::SimpleFileOptions;

    use super::Sink;

    /// XML-like text that compresses about as well as a report's tables (rows alike, values not).
    fn rows(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| {
                format!(
                    r#"<w:tr><w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc></w:tr>"#,
                    i * 7919 % 100_003,
                    (i * 104_729) % 997
                )
            })
            .collect()
    }

    fn zipped(write: impl FnOnce(&mut ZipWriter<Cursor<Vec<u8>>>)) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let entry = zip.start_file("word/document.xml", SimpleFileOptions::default());
        assert!(entry.is_ok());
        write(&mut zip);
        match zip.finish() {
            Ok(cursor) => cursor.into_inner(),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn streamed_bytes_are_those_of_the_whole_part() {
        let rows = rows(40_000);
        let whole = zipped(|zip| assert!(zip.write_all(rows.concat().as_bytes()).is_ok()));
        // 4.5 MB of XML through a lookahead of 1 MiB, as a national report goes through the real one. These rows
        // compress about 23:1 at most, 740 KiB of XML for 32 KiB of output: through 512 KiB the bytes differ.
        let streamed = zipped(|zip| {
            let mut sink = Sink::with_lookahead(zip, 1 << 20);
            let written = rows.iter().try_for_each(|row| sink.write_str(row));
            assert!(sink.finish(written).is_ok());
        });
        assert!(whole == streamed, "compressed bytes differ: {} vs {} bytes", whole.len(), streamed.len());
    }

    /// A disk that is full.
    struct Full;

    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::StorageFull.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn an_io_error_is_returned_by_finish() {
        let mut sink = Sink::with_lookahead(Full, 4);
        let written = sink.write_str("<w:p/>");
        assert!(written.is_err());
        assert!(sink.finish(written).is_err_and(|e| e.kind() == std::io::ErrorKind::StorageFull));
    }
}
