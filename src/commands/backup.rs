//! `cchc backup FILE` and `cchc check`: a safe copy of the record, and proof that it is sound.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::Args;
use rusqlite::Connection;

use crate::commands::listing::{FormatArg, Listing, col};
use crate::context::Context;
use crate::files::{self, Kind, os_error, os_error::Action};
use crate::store::{self, Store, maintenance};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Tệp sao lưu sẽ tạo (ví dụ cchc-2026-11-28.db)
    #[arg(value_name = "TỆP")]
    pub file: PathBuf,
    /// Ghi đè nếu tệp đã có
    #[arg(long)]
    pub force: bool,
}

/// The new copy is written beside the target and checked there; only a copy that passes replaces the old one
/// (`--force`), so an interruption, a full disk or a failed check leaves the old backup whole and nothing half-made.
pub fn backup(ctx: &Context, args: BackupArgs) -> Result<()> {
    let store = ctx.store()?;
    files::check_target(&ctx.db_path, &args.file, Kind::Database)?;
    if args.file.exists() && !args.force {
        bail!("tệp «{}» đã có; chọn tên khác hoặc thêm --force để ghi đè", args.file.display());
    }
    let (temp, file) = files::temporary(&args.file)?;
    drop(file);
    let made = copy_and_check(&store, &temp, &args.file).and_then(|()| {
        std::fs::rename(&temp, &args.file)
            .map_err(|e| anyhow::anyhow!(os_error::explain(&e, &args.file, Action::Write)))
    });
    if made.is_err() {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", temp.display()));
        }
    }
    made?;
    ctx.info(format!(
        "Đã sao lưu «{}» sang «{}». Khôi phục: `cchc restore {}`.",
        ctx.db_path.display(),
        args.file.display(),
        args.file.display()
    ));
    Ok(())
}

/// The copy is checked, as it will be read, before it is called a backup.
fn copy_and_check(store: &Store, temp: &Path, target: &Path) -> Result<()> {
    maintenance::backup(&store.conn, temp).map_err(|e| store::error::at(e, target))?;
    // Read-write, so that closing it folds its write-ahead log in: the copy is one file when renamed.
    let copy = Connection::open(temp)?;
    let failed = maintenance::problems(&copy)?;
    drop(copy);
    if !failed.is_empty() {
        bail!("bản sao lưu «{}» không đạt kiểm tra, không giữ lại: {}", target.display(), failed.join("; "));
    }
    Ok(())
}

pub fn check(ctx: &Context, out: FormatArg) -> Result<()> {
    let store = ctx.store()?;
    let results = maintenance::run_checks(&store.conn)?;
    let mut listing =
        Listing::new(vec![col("check", "Kiểm tra"), col("result", "Kết quả"), col("problems", "Chi tiết")]);
    for r in &results {
        let result = if r.problems.is_empty() { "đạt" } else { "LỖI" };
        listing.push(vec![r.name.into(), result.into(), r.problems.join("\n").into()]);
    }
    listing.emit(ctx, out.format)?;
    let failures = results.iter().filter(|r| !r.problems.is_empty()).count();
    if failures > 0 {
        bail!("{failures} mục kiểm tra không đạt; hãy khôi phục từ bản sao lưu gần nhất (xem RELIABILITY.md)");
    }
    ctx.info("Cơ sở dữ liệu đạt mọi kiểm tra.");
    Ok(())
}
