//! The shared `import` of the unit, official and assignment commands: read all, check all, write all or nothing.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::context::Context;
use crate::import::Encoding;
use crate::import::directory::{self, Known};

use crate::store::units::Saved;
use crate::store::{Store, Tx, assignments, catalogues, officials, units};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Tệp CSV hoặc XLSX
    #[arg(value_name = "TỆP")]
    pub file: PathBuf,
    /// Bảng mã của tệp CSV
    #[arg(long, default_value = "auto", value_name = "BẢNG_MÃ")]
    pub encoding: Encoding,
    /// Chỉ kiểm tra và cho biết sẽ thay đổi gì, không ghi
    #[arg(long)]
    pub dry_run: bool,
}

fn known(store: &Store) -> Result<HashMap<String, String>> {
    Ok(officials::list(&store.conn, None)?.into_iter().map(|o| (o.code, o.unit_code)).collect())
}

#[derive(Default)]
struct Counts {
    added: usize,
    updated: usize,
    unchanged: usize,
}

impl Counts {
    fn count(&mut self, saved: Saved) {
        match saved {
            Saved::Added => self.added += 1,
            Saved::Updated => self.updated += 1,
            Saved::Unchanged => self.unchanged += 1,
        }
    }
}

/// Saves every row in one transaction (rolled back on a dry run) and says what changed.
pub fn save_all<T>(
    ctx: &Context,
    store: &mut Store,
    args: &ImportArgs,
    what: &str,
    rows: &[T],
    save: impl Fn(&Tx, &T) -> Result<Saved>,
) -> Result<()> {
    let counts = store.transaction(!args.dry_run, |tx| -> Result<Counts> {
        let mut counts = Counts::default();
        for row in rows {
            counts.count(save(tx, row)?);
        }
        Ok(counts)
    })?;
    let lead = if args.dry_run { "Chạy thử (chưa ghi gì):" } else { "Đã nhập" };
    ctx.info(format!(
        "{lead} {} {what} từ «{}»: {} mới, {} cập nhật, {} không đổi.",
        rows.len(),
        args.file.display(),
        counts.added,
        counts.updated,
        counts.unchanged
    ));
    Ok(())
}

pub fn units(ctx: &Context, store: &mut Store, args: &ImportArgs) -> Result<()> {
    let rows = directory::read_units(&args.file, args.encoding)?;
    save_all(ctx, store, args, "đơn vị", &rows, |tx, u| Ok(units::save(tx, u)?))
}

pub fn officials(ctx: &Context, store: &mut Store, args: &ImportArgs) -> Result<()> {
    let known = Known {
        units: units::list(&store.conn)?.into_iter().map(|u| u.code).collect(),
        officials: HashMap::new(),
        catalogue: None,
    };
    let rows = directory::read_officials(&args.file, args.encoding, &known)?;
    save_all(ctx, store, args, "cán bộ", &rows, |tx, o| Ok(officials::save(tx, o)?))
}

pub fn assignments(ctx: &Context, store: &mut Store, args: &ImportArgs) -> Result<()> {
    let (_, catalogue) = catalogues::active(&store.conn)?;
    let known = Known {
        units: units::list(&store.conn)?.into_iter().map(|u| u.code).collect(),
        officials: known(store)?,
        catalogue: Some(&catalogue),
    };
    let rows = directory::read_assignments(&args.file, args.encoding, &known)?;
    save_all(ctx, store, args, "phân công", &rows, |tx, a| Ok(assignments::save(tx, a)?))
}
