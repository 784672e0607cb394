//! Taking one file in as evidence: which round, unit and item it backs, its kind by content, its size against the
//! cap, then streamed into the archive. Shared by `evidence add|import` and `clarify answer --file`.

use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::domain::evidence::{FileKind, SNIFF_LEN, Utf8Check, safe_name, sniff};
use crate::domain::round::Round;
use crate::domain::scoring::check_item_for_round;
use crate::store::evidence::{self, Evidence, NewEvidence};
use crate::store::lookup::{Directory, resolve};
use crate::store::{Store, Tx, catalogues, rounds};

/// A unit's item in a round, checked: the round exists, the unit is in its scope, the item is a leaf of the
/// round's catalogue that the round scores.
pub struct Target {
    pub round: Round,
    pub unit: String,
    pub criterion: String,
}

pub fn target(store: &Store, round: &str, unit: &str, item: Option<&str>) -> Result<(Round, String, Option<String>)> {
    let round = rounds::get(&store.conn, round)?;
    let (unit, unit_name) = resolve(&store.conn, Directory::Units, unit)?;
    if !rounds::scope(&store.conn, &round.id)?.contains(&unit) {
        bail!("đơn vị {unit} ({unit_name}) không thuộc phạm vi đợt {} (xem `cchc round show {}`)", round.id, round.id);
    }
    let criterion = item.map(|code| item_code(store, &round, code)).transpose()?;
    Ok((round, unit, criterion))
}

/// Like `target`, with the item required.
pub fn item_target(store: &Store, round: &str, unit: &str, item: &str) -> Result<Target> {
    let (round, unit, criterion) = target(store, round, unit, Some(item))?;
    Ok(Target { round, unit, criterion: criterion.unwrap_or_default() })
}

fn item_code(store: &Store, round: &Round, code: &str) -> Result<String> {
    let catalogue = catalogues::get(&store.conn, &round.catalogue_hash)?;
    let node = catalogue.leaf(code.trim()).map_err(anyhow::Error::msg)?;
    check_item_for_round(&round.id, round.kind, node.kind, &node.code).map_err(anyhow::Error::msg)?;
    Ok(node.code.clone())
}

/// One file to take in, and what to record about it.
pub struct Incoming<'a> {
    pub path: &'a Path,
    /// The name it came under (made safe here).
    pub name: &'a str,
    pub received_on: NaiveDate,
    pub note: &'a str,
    pub clarification: Option<&'a str>,
}

pub struct Attached {
    pub name: String,
    pub kind: FileKind,
    /// `None`: that very content already backed the item.
    pub row: Option<Evidence>,
    /// Whether the content was new to the database.
    pub fresh: bool,
}

/// Checks the file (kind by content, size cap) and streams it in within `tx`.
pub fn attach(tx: &Tx, target: &Target, file: &Incoming, max: u64) -> Result<Attached> {
    let shown = file.path.display().to_string();
    let refuse = |why: String| anyhow::anyhow!("tệp «{shown}»: {why}");
    let mut handle = File::open(file.path).map_err(|e| refuse(format!("không mở được ({e})")))?;
    let meta = handle.metadata().map_err(|e| refuse(e.to_string()))?;
    if meta.is_dir() {
        return Err(refuse("là một thư mục, không phải tệp".into()));
    }
    let size = meta.len();
    if size > max {
        return Err(refuse(format!(
            "dung lượng {} vượt giới hạn {} mỗi tệp; hãy nén hoặc tách tệp, hoặc nâng giới hạn: cchc config set {} SỐ_MB",
            size_text(size),
            size_text(max),
            evidence::MAX_MB_KEY
        )));
    }
    let mut head = Vec::with_capacity(SNIFF_LEN.min(usize::try_from(size).unwrap_or(SNIFF_LEN)));
    (&mut handle).take(SNIFF_LEN as u64).read_to_end(&mut head).map_err(|e| refuse(e.to_string()))?;
    let kind = sniff(&head).map_err(|e| refuse(e.to_string()))?;
    let name = safe_name(file.name);
    // The first pass reuses the open handle and checks text as it hashes; a second pass, if any, reopens.
    let mut first = Some(Cursor::new(head).chain(handle));
    let open = || -> std::io::Result<Box<dyn Read>> {
        let reader: Box<dyn Read> = match first.take() {
            Some(reader) => Box::new(reader),
            None => Box::new(File::open(file.path)?),
        };
        Ok(if kind == FileKind::Txt {
            Box::new(TextReader { inner: reader, check: Utf8Check::default() })
        } else {
            reader
        })
    };
    let content = evidence::put(tx, open, size, &shown)?;
    let new = NewEvidence {
        round_id: &target.round.id,
        unit_code: &target.unit,
        criterion: &target.criterion,
        name: &name,
        kind,
        received_on: file.received_on,
        note: file.note,
        clarification: file.clarification,
    };
    let row = evidence::link(tx, &new, &content)?;
    Ok(Attached { name, kind, row, fresh: content.fresh })
}

/// A size as people read it: "12 KB", "3,8 MB", "96 MB".
pub fn size_text(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        return format!("{} KB", bytes.div_ceil(1024));
    }
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb >= 10.0 { format!("{mb:.0} MB") } else { format!("{mb:.1} MB").replace('.', ",") }
}

/// Passes bytes through while checking they are UTF-8 text without NUL: the whole file, not only its head.
struct TextReader {
    inner: Box<dyn Read>,
    check: Utf8Check,
}

impl Read for TextReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let ok = if n == 0 { self.check.finish() } else { self.check.push(&buf[..n]) };
        if !ok {
            let why = crate::domain::evidence::Refused::NotText.to_string();
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, why));
        }
        Ok(n)
    }
}
