//! `cchc unit add|list|show|import`: the units inspected.

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::commands::args;
use crate::commands::directory_import::{self, ImportArgs};
use crate::commands::export::{self, ExportArg};
use crate::commands::listing;
use crate::commands::listing::{FormatArg, Listing, Value, col};
use crate::context::Context;
use crate::domain::collate;
use crate::domain::directory::{Unit, UnitEdit, unit_kind_code, unit_kind_label};
use crate::domain::text::{code_form, nfc};
use crate::store::lookup::{Directory, resolve};
use crate::store::units::{self, Saved};
use crate::store::{Store, assignments, officials};

#[derive(Debug, Subcommand)]
pub enum UnitCommand {
    /// Thêm (hoặc sửa) một đơn vị
    Add(AddArgs),
    /// Danh sách đơn vị
    List(ExportArg),
    /// Thông tin một đơn vị: cán bộ và nội dung phụ trách
    Show(ShowArgs),
    /// Nhập danh sách đơn vị từ CSV/XLSX (ma_don_vi, ten_don_vi, loai)
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Mã đơn vị (ví dụ VHXH)
    #[arg(long, value_name = "MÃ_ĐƠN_VỊ")]
    pub code: String,
    /// Tên đơn vị (bắt buộc khi thêm mới; khi sửa, bỏ qua thì giữ tên cũ)
    #[arg(long, value_name = "TÊN")]
    pub name: Option<String>,
    /// Loại đơn vị: "Cơ quan chuyên môn", "Đơn vị sự nghiệp", "Tổ chức hành chính" (khi sửa, bỏ qua thì giữ loại cũ)
    #[arg(long, value_name = "LOẠI")]
    pub kind: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Mã hoặc tên đơn vị (không cần dấu: "van hoa")
    #[arg(value_name = "ĐƠN_VỊ")]
    pub unit: String,
    #[command(flatten)]
    pub output: FormatArg,
}

pub fn run(ctx: &Context, cmd: UnitCommand) -> Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        UnitCommand::Add(args) => add(ctx, &mut store, &args),
        UnitCommand::List(out) => {
            // The headers `unit import` reads; the kind in words except for programs (JSON).
            let mut listing =
                Listing::new(vec![col("code", "Mã đơn vị"), col("name", "Tên đơn vị"), col("kind", "Loại")]);
            let mut all = units::list(&store.conn)?;
            all.sort_by(|a, b| collate::compare(&a.name, &b.name));
            for u in all {
                let kind = match unit_kind_label(&u.kind) {
                    Some(label) if !out.for_programs() => label.to_owned(),
                    _ => u.kind,
                };
                listing.push(vec![u.code.into(), u.name.into(), kind.into()]);
            }
            export::emit(ctx, &listing, &out)
        }
        UnitCommand::Show(args) => {
            let (code, _) = resolve(&store.conn, Directory::Units, &args.unit)?;
            let unit =
                units::get(&store.conn, &code)?.unwrap_or(Unit { code, name: String::new(), kind: String::new() });
            let staff = officials::list(&store.conn, Some(&unit.code))?;
            let items = assignments::list(&store.conn, Some(&unit.code), None)?;
            let mut listing = Listing::new(vec![col("criterion", "Nội dung phụ trách"), col("official", "Cán bộ")]);
            for a in &items {
                listing.push(vec![a.criterion.clone().into(), Value::from(a.official_name.clone())]);
            }
            if args.output.format != listing::ListFormat::Table {
                return listing.emit(ctx, args.output.format);
            }
            let kind = unit_kind_label(&unit.kind).unwrap_or(&unit.kind);
            let mut text = format!("{} — {}\nLoại: {kind}\nCán bộ ({}):\n", unit.code, unit.name, staff.len());
            for o in &staff {
                text.push_str(&format!("  {} {} — {}\n", o.code, o.name, o.position));
            }
            text.push_str(&format!("Phụ trách {} nội dung:\n", items.len()));
            ctx.print_data(&text)?;
            listing.emit(ctx, args.output.format)
        }
        UnitCommand::Import(args) => directory_import::units(ctx, &mut store, &args),
    }
}

/// Adds a unit, or changes only the options given of the unit with that code (whatever its case).
fn add(ctx: &Context, store: &mut Store, args: &AddArgs) -> Result<()> {
    let code = code_form(&args.code);
    args::check_code(&code, "mã đơn vị")?;
    let old = units::get(&store.conn, &code)?;
    let name = match (&args.name, &old) {
        (Some(name), _) => nfc(name.trim()).into_owned(),
        (None, Some(old)) => old.name.clone(),
        (None, None) => anyhow::bail!("thiếu tên đơn vị: đơn vị {code} chưa có, hãy thêm --name \"Tên đơn vị\""),
    };
    args::check_text(&name, "tên đơn vị")?;
    let kind = args.kind.as_deref().map(unit_kind_code).transpose().map_err(|m| anyhow::anyhow!("{m}"))?;
    let unit = UnitEdit { code, name, kind }.apply(old.as_ref());
    let saved = store.write(|tx| units::save(tx, &unit))?;
    ctx.info(match saved {
        Saved::Added => format!("Đã thêm đơn vị {} ({}).", unit.code, unit.name),
        Saved::Updated => {
            let changes = old.map(|o| unit.changes_from(&o)).unwrap_or_default();
            let changes: Vec<String> = changes.iter().map(ToString::to_string).collect();
            format!("Đã cập nhật đơn vị {}: {}.", unit.code, changes.join("; "))
        }
        Saved::Unchanged => format!("Đơn vị {} không thay đổi.", unit.code),
    });
    Ok(())
}
