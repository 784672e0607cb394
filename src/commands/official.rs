//! `cchc official add|list|import`: the officials responsible for content areas.

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::commands::args;
use crate::commands::directory_import::{self, ImportArgs};
use crate::commands::export::{self, ExportArg};
use crate::commands::listing::{Listing, col};
use crate::context::Context;
use crate::domain::collate;
use crate::domain::directory::{OfficialEdit, category_code, category_label};
use crate::domain::text::{code_form, nfc};
use crate::store::lookup::{Directory, resolve};
use crate::store::units::Saved;
use crate::store::{Store, officials};

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
    /// Họ và tên (bắt buộc khi thêm mới; khi sửa, bỏ qua thì giữ như cũ)
    #[arg(long, value_name = "HỌ_TÊN")]
    pub name: Option<String>,
    /// Chức vụ (khi sửa, bỏ qua thì giữ chức vụ cũ)
    #[arg(long, value_name = "CHỨC_VỤ")]
    pub position: Option<String>,
    /// Đơn vị công tác, mã hoặc tên (bắt buộc khi thêm mới)
    #[arg(long, value_name = "ĐƠN_VỊ")]
    pub unit: Option<String>,
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
        OfficialCommand::Add(args) => add(ctx, &mut store, &args),
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

/// Adds an official, or changes only the options given of the official with that code (whatever its case).
fn add(ctx: &Context, store: &mut Store, args: &AddArgs) -> Result<()> {
    let code = code_form(&args.code);
    args::check_code(&code, "mã cán bộ")?;
    let old = officials::get(&store.conn, &code)?;
    let missing = |what: &str, option: &str| anyhow::anyhow!("thiếu {what}: cán bộ {code} chưa có, hãy thêm {option}");
    let name = match (&args.name, &old) {
        (Some(name), _) => nfc(name.trim()).into_owned(),
        (None, Some(old)) => old.name.clone(),
        (None, None) => return Err(missing("họ và tên", "--name \"Họ và tên\"")),
    };
    args::check_text(&name, "họ và tên")?;
    let (unit_code, unit_name) = match (&args.unit, &old) {
        (Some(unit), _) => resolve(&store.conn, Directory::Units, unit)?,
        (None, Some(old)) => (old.unit_code.clone(), String::new()),
        (None, None) => return Err(missing("đơn vị", "--unit MÃ_ĐƠN_VỊ")),
    };
    let position = args.position.as_deref().map(|p| nfc(p.trim()).into_owned());
    if let Some(p) = position.as_deref().filter(|p| !p.is_empty()) {
        args::check_text(p, "chức vụ")?;
    }
    let official =
        OfficialEdit { code, name, position, unit_code, category: args.category.clone() }.apply(old.as_ref());
    let saved = store.write(|tx| officials::save(tx, &official))?;
    ctx.info(match saved {
        Saved::Added => format!("Đã thêm cán bộ {} {} ({unit_name}).", official.code, official.name),
        Saved::Updated => {
            let changes = old.map(|o| official.changes_from(&o)).unwrap_or_default();
            let changes: Vec<String> = changes.iter().map(ToString::to_string).collect();
            format!("Đã cập nhật cán bộ {}: {}.", official.code, changes.join("; "))
        }
        Saved::Unchanged => format!("Cán bộ {} không thay đổi.", official.code),
    });
    Ok(())
}
