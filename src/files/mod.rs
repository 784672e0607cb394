//! Files cchc writes: one way to put a file on disk, used by every command that writes one (reports, papers,
//! lists, templates, catalogue exports, backups), and the one mapping of OS errors to Vietnamese (`os_error`).
//!
//! A file is written to a temporary file in the same folder and renamed into place, so an interruption or a full
//! disk leaves the old file whole. Before that, the target is checked: never the open database or its side files,
//! never another SQLite file, never a file of another kind than the one written (a CSV over a workbook), and a
//! name every system accepts (no Windows device names, no control characters).

mod kind;
pub mod os_error;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use kind::Found;
pub use kind::Kind;
use os_error::{Action, explain, folder};

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct FileError(pub String);

/// Writes `bytes` as `path` (see the module's rules); `database` is the open database, which is never written.
pub fn write(database: &Path, path: &Path, kind: Kind, bytes: &[u8]) -> Result<(), FileError> {
    write_with(database, path, kind, |out| {
        out.write_all(bytes).map_err(|e| FileError(explain(&e, path, Action::Write)))
    })
}

/// Like `write`, for content produced piece by piece (a large JSON report).
pub fn write_with<E: From<FileError>>(
    database: &Path,
    path: &Path,
    kind: Kind,
    fill: impl FnOnce(&mut BufWriter<File>) -> Result<(), E>,
) -> Result<(), E> {
    check_target(database, path, kind)?;
    let (temp, file) = temporary(path)?;
    // A national report is tens of megabytes: written in pieces of 256 KiB, not 8 KiB (a write call each).
    let mut out = BufWriter::with_capacity(256 * 1024, file);
    let written = fill(&mut out).and_then(|()| {
        let file = out.into_inner().map_err(|e| FileError(explain(e.error(), path, Action::Write)))?;
        file.sync_all().map_err(|e| FileError(explain(&e, path, Action::Write)))?;
        drop(file);
        std::fs::rename(&temp, path).map_err(|e| FileError(explain(&e, path, Action::Write)).into())
    });
    if written.is_err() {
        // The old file, if any, is untouched; the partial one goes.
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// A file created beside `path`, named so that a person who sees it left over (after a power cut) knows what it is.
pub fn temporary(path: &Path) -> Result<(PathBuf, File), FileError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    for n in 0..100u32 {
        let suffix = if n == 0 { String::new() } else { format!("-{n}") };
        let temp = path.with_file_name(format!(".{name}.dang-ghi-{}{suffix}", std::process::id()));
        match File::options().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(FileError(explain(&e, path, Action::Write))),
        }
    }
    Err(FileError(format!("không tạo được tệp tạm trong thư mục «{}»", folder(path).display())))
}

/// Every refusal that can be decided before writing: the name, the kind, the database, the file replaced.
pub fn check_target(database: &Path, path: &Path, kind: Kind) -> Result<(), FileError> {
    check_name(path)?;
    kind.check_extension(path)?;
    let dir = folder(path);
    if !dir.is_dir() {
        return Err(FileError(os_error::describe(os_error::Cause::NotFound, path, Action::Write)));
    }
    if is_database_file(database, path) {
        return Err(FileError(format!(
            "«{}» là cơ sở dữ liệu đang dùng (hoặc tệp đi kèm của nó): không ghi đè. Hãy chọn tên tệp khác, ví dụ \
             -o {}",
            path.display(),
            kind.example()
        )));
    }
    match Found::sniff(path) {
        Found::Nothing => Ok(()),
        Found::Directory => Err(FileError(format!("«{}» là một thư mục: hãy ghi rõ tên tệp", path.display()))),
        found if kind.replaces(found) => Ok(()),
        Found::Sqlite => Err(FileError(format!(
            "«{}» là một cơ sở dữ liệu SQLite (có thể là bản sao lưu): không ghi đè. Hãy chọn tên tệp khác.",
            path.display()
        ))),
        found => Err(FileError(format!(
            "«{}» đã có và là {}, không phải {}: không ghi đè. Hãy chọn tên tệp khác.",
            path.display(),
            found.label(),
            kind.label()
        ))),
    }
}

/// The open database, its `-wal`, `-shm` and `-journal`, compared as the system resolves them.
fn is_database_file(database: &Path, path: &Path) -> bool {
    let resolve = |p: &Path| -> Option<PathBuf> {
        let dir = std::fs::canonicalize(folder(p)).ok()?;
        let name = p.file_name()?.to_string_lossy();
        // Windows and macOS compare names without case.
        let name = if cfg!(any(windows, target_os = "macos")) { name.to_lowercase() } else { name.into_owned() };
        Some(dir.join(name))
    };
    let (Some(db), Some(target)) = (resolve(database), resolve(path)) else { return false };
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .any(|suffix| target.as_os_str() == format!("{}{suffix}", db.display()).as_str())
}

/// Names every system accepts: a file written here may travel to a Windows machine, or come from a pasted line.
pub fn check_name(path: &Path) -> Result<(), FileError> {
    let text = path.to_string_lossy();
    if text.chars().any(char::is_control) {
        return Err(FileError(format!(
            "tên tệp «{}» có ký tự điều khiển (xuống dòng, tab…): hãy gõ lại tên tệp",
            text.escape_debug()
        )));
    }
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default().trim_end().to_ascii_uppercase();
    let device = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem[3..].chars().all(|c| c.is_ascii_digit() && c != '0'));
    if device {
        return Err(FileError(format!(
            "«{name}» là tên thiết bị dành riêng của Windows ({stem}), không dùng làm tên tệp: hãy chọn tên khác"
        )));
    }
    Ok(())
}

#[cfg(test)]
#[path = "files_tests.rs"]
mod tests;
