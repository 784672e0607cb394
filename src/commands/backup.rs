//! `cchc backup FILE` and `cchc check`: a safe copy of the record, and proof that it is sound.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;

use crate::commands::listing::{FormatArg, Listing, col};
use crate::context::Context;
use crate::store::{Store, maintenance};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Tệp sao lưu sẽ tạo (ví dụ cchc-2026-11-28.db)
    #[arg(value_name = "TỆP")]
    pub file: PathBuf,
    /// Ghi đè nếu tệp đã có
    #[arg(long)]
    pub force: bool,
}

pub fn backup(ctx: &Context, args: BackupArgs) -> Result<()> {
    let store = ctx.store()?;
    if args.file.exists() {
        if !args.force {
            bail!("tệp «{}» đã có; chọn tên khác hoặc thêm --force để ghi đè", args.file.display());
        }
        std::fs::remove_file(&args.file)?;
    }
    maintenance::backup(&store.conn, &args.file)?;
    // The copy is checked before it is called a backup.
    let copy = Store::open(&args.file, &ctx.actor, ctx.now)?;
    let failed = maintenance::problems(&copy.conn)?;
    if !failed.is_empty() {
        bail!("bản sao lưu «{}» không đạt kiểm tra: {}", args.file.display(), failed.join("; "));
    }
    ctx.info(format!(
        "Đã sao lưu «{}» sang «{}». Khôi phục: `cchc restore {}`.",
        ctx.db_path.display(),
        args.file.display(),
        args.file.display()
    ));
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
