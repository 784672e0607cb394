//! `cchc assign add|list|import`: which unit (and official) answers for which criterion.

use anyhow::{Result, bail};
use clap::{Args, Subcommand};

use crate::commands::directory_import::{self, ImportArgs};
use crate::commands::listing::{FormatArg, Listing, Value, col};
use crate::context::Context;
use crate::domain::directory::Assignment;
use crate::store::assignments;
use crate::store::lookup::{Directory, resolve};
use crate::store::units::Saved;
use crate::store::{catalogues, officials};

#[derive(Debug, Subcommand)]
pub enum AssignCommand {
    /// Giao một nội dung cho một đơn vị (và một cán bộ)
    Add(AddArgs),
    /// Danh sách phân công
    List(ListArgs),
    /// Nhập phân công từ CSV/XLSX (ma_tieu_chi, ma_don_vi, ma_can_bo)
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Mã tiêu chí (nội dung chấm điểm, ví dụ 1.3.2)
    #[arg(value_name = "MÃ_TIÊU_CHÍ")]
    pub criterion: String,
    /// Đơn vị phụ trách (mã hoặc tên)
    #[arg(long, value_name = "ĐƠN_VỊ")]
    pub unit: String,
    /// Cán bộ phụ trách (mã hoặc tên), thuộc đơn vị trên
    #[arg(long, value_name = "CÁN_BỘ")]
    pub official: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Chỉ phân công của đơn vị này
    #[arg(long, value_name = "ĐƠN_VỊ")]
    pub unit: Option<String>,
    /// Chỉ phân công của cán bộ này
    #[arg(long, value_name = "CÁN_BỘ")]
    pub official: Option<String>,
    #[command(flatten)]
    pub output: FormatArg,
}

pub fn run(ctx: &Context, cmd: AssignCommand) -> Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        AssignCommand::Add(args) => {
            let (_, catalogue) = catalogues::active(&store.conn)?;
            let criterion = catalogue.leaf(args.criterion.trim()).map_err(anyhow::Error::msg)?.code.clone();
            let (unit_code, unit_name) = resolve(&store.conn, Directory::Units, &args.unit)?;
            let official_code = match &args.official {
                Some(o) => {
                    let (code, name) = resolve(&store.conn, Directory::Officials, o)?;
                    let works_in = officials::get(&store.conn, &code)?.map(|o| o.unit_code);
                    if works_in.as_deref() != Some(unit_code.as_str()) {
                        bail!(
                            "cán bộ {code} ({name}) thuộc đơn vị {}, không thuộc {unit_code}; hãy chọn cán bộ của {unit_name}",
                            works_in.unwrap_or_default()
                        );
                    }
                    Some(code)
                }
                None => None,
            };
            let assignment = Assignment { criterion, unit_code, official_code };
            let saved = store.write(|tx| assignments::save(tx, &assignment))?;
            ctx.info(match saved {
                Saved::Unchanged => format!("Phân công {} → {} không thay đổi.", assignment.criterion, unit_name),
                _ => format!("Đã giao nội dung {} cho {}.", assignment.criterion, unit_name),
            });
            Ok(())
        }
        AssignCommand::List(args) => {
            let unit = args.unit.as_deref().map(|u| resolve(&store.conn, Directory::Units, u)).transpose()?;
            let official =
                args.official.as_deref().map(|o| resolve(&store.conn, Directory::Officials, o)).transpose()?;
            let (_, catalogue) = catalogues::active(&store.conn)?;
            let mut listing = Listing::new(vec![
                col("criterion", "Mã"),
                col("title", "Nội dung"),
                col("unit", "Đơn vị"),
                col("official", "Mã CB"),
                col("official_name", "Cán bộ phụ trách"),
            ]);
            let rows = assignments::list(
                &store.conn,
                unit.as_ref().map(|u| u.0.as_str()),
                official.as_ref().map(|o| o.0.as_str()),
            )?;
            for a in rows {
                let title = catalogue.get(&a.criterion).map(|n| n.title.clone()).unwrap_or_default();
                listing.push(vec![
                    a.criterion.into(),
                    title.into(),
                    a.unit_code.into(),
                    Value::from(a.official_code),
                    Value::from(a.official_name),
                ]);
            }
            listing.emit(ctx, args.output.format)
        }
        AssignCommand::Import(args) => directory_import::assignments(ctx, &mut store, &args),
    }
}
