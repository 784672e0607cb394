//! `cchc restore FILE`: put a backup back, keeping what was there, so that a restore can itself be undone.
//!
//! Copying the backup over the database by hand works only if its `-wal` and `-shm` files go too: SQLite would
//! otherwise replay a stale write-ahead log onto the restored file. This command lets SQLite do the copy.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::Args;
use rusqlite::{Connection, OpenFlags};

use crate::context::Context;
use crate::files::{self, os_error, os_error::Action};
use crate::store::audit::Change;
use crate::store::{self, Identity, SCHEMA_VERSION, Store, StoreError, maintenance};

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// Tệp sao lưu (do `cchc backup` tạo)
    #[arg(value_name = "TỆP_SAO_LƯU")]
    pub file: PathBuf,
}

pub fn run(ctx: &Context, args: RestoreArgs) -> Result<()> {
    let source = open_backup(&args.file)?;
    // The backup is first copied beside the database and brought to this cchc's schema there: the live database
    // is then changed in one transaction, and a failure (a full disk) leaves it as it was.
    let staged = Staged::new(ctx, &source)?;
    drop(source);
    let kept = put_back(ctx, &staged.path)?;
    drop(staged);
    let mut store = ctx.store()?;
    let failed = maintenance::problems(&store.conn)?;
    if !failed.is_empty() {
        bail!("sau khi khôi phục, cơ sở dữ liệu không đạt kiểm tra: {}", failed.join("; "));
    }
    let from = args.file.display().to_string();
    let record = serde_json::json!({ "from": from, "kept": kept.as_ref().map(|k| k.display().to_string()) });
    store.write(|tx| {
        let change = Change { action: "restore", entity: "database", entity_id: &from, round_id: None };
        tx.audit(change, None::<&()>, Some(&record))
    })?;
    let kept = match &kept {
        Some(kept) => format!(
            " Bản trước khi khôi phục được giữ ở «{}»; những gì làm sau lần sao lưu cần nhập lại (xem `cchc --db {} log`).",
            kept.display(),
            kept.display()
        ),
        None => String::new(),
    };
    ctx.info(format!("Đã khôi phục «{}» từ «{from}»; cơ sở dữ liệu đạt mọi kiểm tra.{kept}", ctx.db_path.display()));
    Ok(())
}

/// The backup's copy beside the database, at this cchc's schema; removed with its side files when dropped.
struct Staged {
    path: PathBuf,
}

impl Staged {
    fn new(ctx: &Context, source: &Connection) -> Result<Staged> {
        let (path, file) = files::temporary(&ctx.db_path)?;
        drop(file);
        let staged = Staged { path };
        let beside = |e| store::error::at(e, &ctx.db_path);
        maintenance::backup(source, &staged.path).map_err(beside)?;
        Store::open(&staged.path, &ctx.actor, ctx.now).map_err(beside)?;
        Ok(staged)
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }
}

/// Writes the staged copy into the database's place; returns where the previous database was kept, if there was
/// one.
fn put_back(ctx: &Context, staged: &Path) -> Result<Option<PathBuf>> {
    let db = &ctx.db_path;
    if !db.exists() {
        return move_into_place(staged, db).map(|()| None);
    }
    let stamp = ctx.now.format("%Y%m%d-%H%M%S").to_string();
    match Store::open(db, &ctx.actor, ctx.now) {
        // A readable database is restored in place under its write lock, after a copy of it is kept.
        Ok(store) => {
            let mut kept = None;
            maintenance::replace_under_lock(&store.conn, staged, || {
                let path = unique_sibling(db, &format!("truoc-khoi-phuc-{stamp}"))
                    .map_err(|e| StoreError::File(e.to_string()))?;
                // Read through a second connection: the write transaction of `live` blocks no reader, and while
                // it is held nothing can be committed that the copy would miss.
                let reader = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
                maintenance::backup(&reader, &path)?;
                kept = Some(path);
                Ok(())
            })?;
            Ok(kept)
        }
        Err(e @ (StoreError::Busy | StoreError::TooNew { .. } | StoreError::File(_) | StoreError::NotCchc(..))) => {
            Err(e.into())
        }
        // A database that no longer opens is moved aside with its journal files, and the backup takes its place.
        Err(_) => {
            let kept = unique_sibling(db, &format!("hong-{stamp}"))?;
            for suffix in ["", "-wal", "-shm"] {
                let from = PathBuf::from(format!("{}{suffix}", db.display()));
                if from.exists() {
                    std::fs::rename(&from, format!("{}{suffix}", kept.display())).with_context(|| {
                        format!("không đổi tên được «{}» (có thể đang có người dùng cơ sở dữ liệu)", from.display())
                    })?;
                }
            }
            move_into_place(staged, db)?;
            Ok(Some(kept))
        }
    }
}

/// The staged copy, folded into one file, renamed to the database's name.
fn move_into_place(staged: &Path, db: &Path) -> Result<()> {
    Connection::open(staged)?.pragma_update(None, "journal_mode", "DELETE")?;
    std::fs::rename(staged, db).map_err(|e| anyhow::anyhow!(os_error::explain(&e, db, Action::Write)))
}

/// The backup, read-only, refused unless it is a cchc database that passes every check and comes from this cchc
/// or an older one. A backup on read-only media (a CD, a locked card) is opened as unchangeable.
fn open_backup(path: &Path) -> Result<Connection> {
    if !path.is_file() {
        bail!("không có tệp sao lưu: {}", os_error::describe(os_error::Cause::NotFound, path, Action::Read));
    }
    let not_a_backup = || format!("«{}» không phải bản sao lưu cơ sở dữ liệu cchc", path.display());
    let source = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| Identity::read(&c).map(|id| (c, id)))
        .or_else(|_| {
            let uri = format!("file:{}?immutable=1", uri_path(path));
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
            Connection::open_with_flags(uri, flags).and_then(|c| Identity::read(&c).map(|id| (c, id)))
        });
    // A bad backup is a refused input (exit 1), not a damaged database of the user's (4): keep the message only.
    let (source, identity) = source.map_err(|_| anyhow::anyhow!(not_a_backup()))?;
    if identity.version == 0 || !identity.is_cchc(false) {
        bail!(not_a_backup());
    }
    if identity.version > SCHEMA_VERSION {
        bail!("bản sao lưu «{}» do phiên bản cchc mới hơn tạo; hãy cài bản mới hơn rồi khôi phục", path.display());
    }
    let failed = maintenance::problems(&source)?;
    if !failed.is_empty() {
        bail!("bản sao lưu «{}» không đạt kiểm tra, không khôi phục: {}", path.display(), failed.join("; "));
    }
    Ok(source)
}

/// A path as SQLite's `file:` URI wants it: `%`, `?` and `#` escaped, forward slashes, a drive letter after `/`.
fn uri_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('%', "%25").replace('?', "%3f").replace('#', "%23");
    if cfg!(windows) {
        let text = text.replace('\\', "/");
        if text.as_bytes().get(1) == Some(&b':') { format!("/{text}") } else { text }
    } else {
        text
    }
}

/// `cchc.db` → `cchc.<tag>.db` next to it; a second one in the same second gets `-2`, then `-3`…, reserved by
/// creating it, so that two restores never share a name.
fn unique_sibling(db: &Path, tag: &str) -> Result<PathBuf> {
    let stem = db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "cchc".into());
    let ext = db.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    for n in 1..1000 {
        let counter = if n == 1 { String::new() } else { format!("-{n}") };
        let path = db.with_file_name(format!("{stem}.{tag}{counter}{ext}"));
        match std::fs::File::options().write(true).create_new(true).open(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => bail!(os_error::explain(&e, &path, Action::Write)),
        }
    }
    bail!("không đặt được tên cho bản giữ lại bên cạnh «{}»", db.display())
}
