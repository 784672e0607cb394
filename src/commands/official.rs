//! `cchc official add|list|import`: the officials responsible for content areas.

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::commands::args;
use crate::commands::directory_import::{self, ImportArgs};
use crate::commands::export::{self, ExportArg};
use crate::commands::listing::{Listing, col};
use crate::context::Context;
use crate::domain::collate;
use crate::domain::directory::{Official, category_code, category_label};
use crate::domain::text::nfc;
use crate::store::lookup::{Directory, resolve};
use crate::store::officials;
use crate::store::units::Saved;

#[derive(Debug, Subcommand)]
pub enum OfficialCommand {
    /// Thêm (hoặc sửa) một cán bộ
    Add(AddArgs),
    /// Danh sách cán bộ
    List(ListArgs),
    /// Nhập danh sách cán bộ từ CSV/XLSX (ma_can_bo, ho_ten, chuc_vu, ma_don_vi)
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Mã cán bộ (ví dụ CB07)
    #[arg(long, value_name = "MÃ_CÁN_BỘ")]
    pub code: String,
    /// Họ và tên
    #[arg(long, value_name = "HỌ_TÊN")]
    pub name: String,
    /// Chức vụ
    #[arg(long, value_name = "CHỨC_VỤ", default_value = "")]
    pub position: String,
    /// Đơn vị công tác (mã hoặc tên)
    #[arg(long, value_name = "ĐƠN_VỊ")]
    pub unit: String,
    /// Loại: cán bộ, công chức, viên chức, người lao động (mặc định: theo loại đơn vị)
    #[arg(long, value_name = "LOẠI", value_parser = parse_category)]
    pub category: Option<String>,
}

fn parse_category(text: &str) -> Result<String, String> {
    category_code(text)
        .map(str::to_owned)
        .ok_or_else(|| format!("loại «{text}» không hợp lệ: cán bộ, công chức, viên chức hoặc người lao động"))
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Chỉ cán bộ của đơn vị này (mã hoặc tên)
    #[arg(long, value_name = "ĐƠN_VỊ")]
    pub unit: Option<String>,
    #[command(flatten)]
    pub output: ExportArg,
}

pub fn run(ctx: &Context, cmd: OfficialCommand) -> Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        OfficialCommand::Add(args) => {
            let (unit_code, unit_name) = resolve(&store.conn, Directory::Units, &args.unit)?;
            let official = Official {
                code: args.code.trim().to_owned(),
                name: nfc(args.name.trim()).into_owned(),
                position: nfc(args.position.trim()).into_owned(),
                unit_code,
                category: args.category.unwrap_or_default(),
            };
            args::check_code(&official.code, "mã cán bộ")?;
            args::check_text(&official.name, "họ và tên")?;
            let saved = store.write(|tx| officials::save(tx, &official))?;
            ctx.info(match saved {
                Saved::Added => format!("Đã thêm cán bộ {} {} ({unit_name}).", official.code, official.name),
                Saved::Updated => format!("Đã cập nhật cán bộ {} {}.", official.code, official.name),
                Saved::Unchanged => format!("Cán bộ {} không thay đổi.", official.code),
            });
            Ok(())
        }
        OfficialCommand::List(args) => {
            let unit = match &args.unit {
                Some(u) => Some(resolve(&store.conn, Directory::Units, u)?.0),
                None => None,
            };
            let mut listing = Listing::new(vec![
                col("code", "Mã cán bộ"),
                col("name", "Họ và tên"),
                col("position", "Chức vụ"),
                col("unit", "Mã đơn vị"),
                col("loai", "Loại"),
            ]);
            let mut staff = officials::list(&store.conn, unit.as_deref())?;
            staff.sort_by(|a, b| collate::compare_people(&a.name, &b.name));
            for o in staff {
                // Empty when taken from the unit's kind, so that the list imports back unchanged.
                let category = if o.category.is_empty() { "" } else { category_label(&o.category) };
                listing.push(vec![
                    o.code.into(),
                    o.name.into(),
                    o.position.into(),
                    o.unit_code.into(),
                    category.into(),
                ]);
            }
            export::emit(ctx, &listing, &args.output)
        }
        OfficialCommand::Import(args) => directory_import::officials(ctx, &mut store, &args),
    }
}
