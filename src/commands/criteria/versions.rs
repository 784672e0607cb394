//! `cchc criteria versions|diff`: the catalogue versions one database holds, and what changed between two.

use anyhow::Result;
use clap::Args;

use crate::commands::listing::{FormatArg, ListFormat, Listing, Value, col, machine_col};
use crate::context::Context;
use crate::domain::catalogue::NodeKind;
use crate::domain::catalogue_diff;
use crate::store::catalogues;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Phiên bản cũ (MÃ@PHIÊN_BẢN, xem `criteria versions`)
    #[arg(value_name = "PHIÊN_BẢN_CŨ")]
    pub old: String,
    /// Phiên bản mới; bỏ trống thì là phiên bản các đợt mới đang dùng
    #[arg(value_name = "PHIÊN_BẢN_MỚI")]
    pub new: Option<String>,
    /// Cả các nhóm, lĩnh vực (mặc định chỉ các nội dung chấm điểm)
    #[arg(long)]
    pub groups: bool,
    #[command(flatten)]
    pub output: FormatArg,
}

pub fn list(ctx: &Context, format: ListFormat) -> Result<()> {
    let store = ctx.store()?;
    let mut listing = Listing::new(vec![
        col("id", "Bộ tiêu chí"),
        col("version", "Phiên bản"),
        col("hash", "Mã băm"),
        col("items", "Số nội dung"),
        col("periodic_points", "Tổng điểm định kỳ"),
        col("rounds", "Các đợt dùng"),
        col("active", "Đợt mới dùng"),
        machine_col("file"),
        machine_col("loaded_at"),
    ]);
    for v in catalogues::versions(&store.conn)? {
        let hash = if format == ListFormat::Table { v.hash[..12.min(v.hash.len())].to_owned() } else { v.hash.clone() };
        let periodic = v.catalogue.leaves().filter(|n| n.kind == NodeKind::Periodic).map(|n| n.max_points).sum();
        listing.push(vec![
            v.id.into(),
            v.version.into(),
            hash.into(),
            Value::Integer(v.catalogue.leaves().count() as i64),
            Value::Number(Some(periodic)),
            v.rounds.join(", ").into(),
            (if v.active { "có" } else { "" }).into(),
            v.file_name.into(),
            v.loaded_at.into(),
        ]);
    }
    listing.emit(ctx, format)
}

pub fn diff(ctx: &Context, args: DiffArgs) -> Result<()> {
    let store = ctx.store()?;
    let (old_hash, old) = catalogues::find(&store.conn, &args.old)?;
    let (new_hash, new) = match &args.new {
        Some(spec) => catalogues::find(&store.conn, spec)?,
        None => catalogues::active(&store.conn)?,
    };
    let changes: Vec<_> = catalogue_diff::diff(&old, &new).into_iter().filter(|c| args.groups || c.is_leaf).collect();
    let mut listing = Listing::new(vec![
        col("change", "Thay đổi"),
        col("old_code", "Mã cũ"),
        col("new_code", "Mã mới"),
        col("title", "Nội dung"),
        col("old_points", "Điểm cũ"),
        col("new_points", "Điểm mới"),
        machine_col("old_title"),
    ]);
    for c in &changes {
        let kinds: Vec<&str> = match args.output.format {
            ListFormat::Table => c.kinds.iter().map(|k| k.label()).collect(),
            _ => c.kinds.iter().map(|k| kind_key(*k)).collect(),
        };
        listing.push(vec![
            kinds.join(", ").into(),
            c.old_code.clone().into(),
            c.new_code.clone().into(),
            c.title.clone().into(),
            Value::Number(c.old_points),
            Value::Number(c.new_points),
            c.old_title.clone().into(),
        ]);
    }
    let name = |c: &crate::domain::catalogue::Catalogue| format!("{}@{}", c.id, c.version);
    if old_hash == new_hash {
        ctx.info(format!("{} và {} là cùng một nội dung.", args.old, name(&new)));
    } else if changes.is_empty() {
        ctx.info(format!("Không có nội dung chấm điểm nào khác nhau giữa {} và {}.", name(&old), name(&new)));
    } else {
        ctx.info(format!("{} thay đổi từ {} sang {}:", changes.len(), name(&old), name(&new)));
    }
    listing.emit(ctx, args.output.format)
}

fn kind_key(kind: catalogue_diff::ChangeKind) -> &'static str {
    use catalogue_diff::ChangeKind::*;
    match kind {
        Added => "added",
        Removed => "removed",
        Moved => "moved",
        Retitled => "retitled",
        Repointed => "repointed",
    }
}
