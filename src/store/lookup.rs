//! Finding a unit or an official by code or by name, with or without diacritics.

use rusqlite::{Connection, OptionalExtension};

use super::StoreError;
use crate::domain::suggest::{Cutoff, nearest};
use crate::domain::text::fold;

#[derive(Clone, Copy)]
pub enum Directory {
    Units,
    Officials,
}

impl Directory {
    fn noun(self) -> &'static str {
        match self {
            Directory::Units => "đơn vị",
            Directory::Officials => "cán bộ",
        }
    }

    fn by_code(self) -> &'static str {
        match self {
            Directory::Units => "SELECT code, name FROM units WHERE code = ?1 COLLATE NOCASE",
            Directory::Officials => "SELECT code, name FROM officials WHERE code = ?1 COLLATE NOCASE",
        }
    }

    fn by_name(self) -> &'static str {
        match self {
            Directory::Units => "SELECT code, name FROM units WHERE instr(name_folded, ?1) > 0 ORDER BY code",
            Directory::Officials => "SELECT code, name FROM officials WHERE instr(name_folded, ?1) > 0 ORDER BY code",
        }
    }

    fn all_codes(self) -> &'static str {
        match self {
            Directory::Units => "SELECT code FROM units ORDER BY code",
            Directory::Officials => "SELECT code FROM officials ORDER BY code",
        }
    }
}

/// Returns `(code, name)`. An exact code wins; otherwise the name must match exactly one entry.
pub fn resolve(conn: &Connection, dir: Directory, query: &str) -> Result<(String, String), StoreError> {
    let query = query.trim();
    let exact = conn.query_row(dir.by_code(), [query], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    if let Some(found) = exact {
        return Ok(found);
    }
    let folded = fold(query);
    let mut stmt = conn.prepare(dir.by_name())?;
    let matches: Vec<(String, String)> = if folded.is_empty() {
        Vec::new()
    } else {
        stmt.query_map([&folded], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?
    };
    // A name typed in full is not ambiguous just because a longer name contains it.
    let whole: Vec<&(String, String)> = matches.iter().filter(|(_, name)| fold(name) == folded).collect();
    match (matches.len(), whole.as_slice()) {
        (1, _) => Ok(matches.into_iter().next().unwrap_or_default()),
        (_, [one]) => Ok((*one).clone()),
        (0, _) => Err(StoreError::NotFound(not_found(conn, dir, query)?)),
        _ => {
            let list: Vec<String> = matches.iter().map(|(c, n)| format!("{c} ({n})")).collect();
            Err(StoreError::Invalid(format!(
                "«{query}» khớp với nhiều {}: {}. Hãy ghi rõ mã.",
                dir.noun(),
                list.join(", ")
            )))
        }
    }
}

fn not_found(conn: &Connection, dir: Directory, query: &str) -> Result<String, StoreError> {
    let mut stmt = conn.prepare(dir.all_codes())?;
    let codes: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let hint = match nearest(query, codes.iter().map(String::as_str), Cutoff::Edits) {
        Some(code) => format!(" Có phải «{code}»?"),
        None if codes.is_empty() => format!(" Chưa có {} nào; hãy thêm hoặc nhập danh sách trước.", dir.noun()),
        None => format!(" Các mã hiện có: {}.", codes.join(", ")),
    };
    Ok(format!("không tìm thấy {} «{query}» (theo mã hoặc tên).{hint}", dir.noun()))
}
