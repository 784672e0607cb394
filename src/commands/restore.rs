//! `cchc restore FILE`: put a backup back, keeping what was there, so that a restore can itself be undone.
//!
//! Copying the backup over the database by hand works only if its `-wal` and `-shm` files go too: SQLite would
//! otherwise replay a stale write-ahead log onto the restored file. This command lets SQLite do the copy.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::Args;
use rusqlite::{Connection, OpenFlags};

use crate::context::Context;
use crate::store::audit::Change;
use crate::store::{SCHEMA_VERSION, Store, StoreError, maintenance};

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// Tệp sao lưu (do `cchc backup` tạo)
    #[arg(value_name = "TỆP_SAO_LƯU")]
    pub file: PathBuf,
}

pub fn run(ctx: &Context, args: RestoreArgs) -> Result<()> {
    let source = open_backup(&args.file)?;
    let kept = put_back(ctx, &source)?;
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

/// Writes the backup into the database's place; returns where the previous database was kept, if there was one.
fn put_back(ctx: &Context, source: &Connection) -> Result<Option<PathBuf>> {
    let db = &ctx.db_path;
    if !db.exists() {
        maintenance::restore(&mut Connection::open(db)?, source)?;
        return Ok(None);
    }
    let stamp = ctx.now.format("%Y%m%d-%H%M%S");
    match Store::open(db, &ctx.actor, ctx.now) {
        // A readable database is restored in place, through SQLite, after a copy of it is kept.
        Ok(mut store) => {
            let kept = sibling(db, &format!("truoc-khoi-phuc-{stamp}"));
            maintenance::backup(&store.conn, &kept)?;
            maintenance::restore(&mut store.conn, source)?;
            Ok(Some(kept))
        }
        Err(e @ (StoreError::Busy | StoreError::TooNew { .. })) => Err(e.into()),
        // A database that no longer opens is moved aside with its journal files, and the backup takes its place.
        Err(_) => {
            let kept = sibling(db, &format!("hong-{stamp}"));
            for suffix in ["", "-wal", "-shm"] {
                let from = PathBuf::from(format!("{}{suffix}", db.display()));
                if from.exists() {
                    std::fs::rename(&from, format!("{}{suffix}", kept.display())).with_context(|| {
                        format!("không đổi tên được «{}» (có thể đang có người dùng cơ sở dữ liệu)", from.display())
                    })?;
                }
            }
            maintenance::restore(&mut Connection::open(db)?, source)?;
            Ok(Some(kept))
        }
    }
}

/// The backup, read-only, refused unless it passes every check and comes from this cchc or an older one.
fn open_backup(path: &Path) -> Result<Connection> {
    if !path.is_file() {
        bail!("không có tệp sao lưu «{}»", path.display());
    }
    let not_a_backup = || format!("«{}» không phải bản sao lưu cơ sở dữ liệu cchc", path.display());
    let source = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).with_context(not_a_backup)?;
    // A bad backup is a refused input (exit 1), not a damaged database of the user's (4): keep the message only.
    let version: i64 =
        source.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|_| anyhow::anyhow!(not_a_backup()))?;
    if version == 0 {
        bail!(not_a_backup());
    }
    if version > SCHEMA_VERSION {
        bail!("bản sao lưu «{}» do phiên bản cchc mới hơn tạo; hãy cài bản mới hơn rồi khôi phục", path.display());
    }
    let failed = maintenance::problems(&source)?;
    if !failed.is_empty() {
        bail!("bản sao lưu «{}» không đạt kiểm tra, không khôi phục: {}", path.display(), failed.join("; "));
    }
    Ok(source)
}

/// `cchc.db` → `cchc.<tag>.db`, next to it.
fn sibling(db: &Path, tag: &str) -> PathBuf {
    let stem = db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "cchc".into());
    let ext = db.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    db.with_file_name(format!("{stem}.{tag}{ext}"))
}
