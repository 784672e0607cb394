//! The shared `import` of the unit, official and assignment commands: read all, check all, write all or nothing.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::commands::late_bar::LateBar;
use crate::context::Context;
use crate::domain::directory::FieldChange;
use crate::import::Encoding;
use crate::import::directory::{self, Codes, Known, KnownOfficial};

use crate::store::units::Saved;
use crate::store::{Store, Tx, assignments, catalogues, officials, units};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Tệp CSV hoặc XLSX
    #[arg(value_name = "TỆP")]
    pub file: PathBuf,
    /// Bảng mã của tệp CSV: auto, utf-8, utf-16, windows-1258, tcvn3, vni, viscii
    #[arg(long, default_value = "auto", value_name = "BẢNG_MÃ")]
    pub encoding: Encoding,
    /// Chỉ kiểm tra và cho biết sẽ thay đổi gì, không ghi
    #[arg(long)]
    pub dry_run: bool,
}

fn known(store: &Store) -> Result<HashMap<String, KnownOfficial>> {
    let all = officials::list(&store.conn, None)?.into_iter();
    Ok(all.map(|o| (o.code.to_lowercase(), KnownOfficial { code: o.code, unit: o.unit_code, name: o.name })).collect())
}

/// Changes listed after the summary; a whole directory's worth would bury it.
const SHOWN_CHANGES: usize = 200;

/// What saving one row did, and for an update the fields it changed («KT — Loại: «…» → (trống)»).
pub struct Outcome {
    saved: Saved,
    line: Option<String>,
}

impl From<Saved> for Outcome {
    fn from(saved: Saved) -> Outcome {
        Outcome { saved, line: None }
    }
}

/// The outcome of saving `code` with these field changes.
pub fn changed(saved: Saved, code: &str, changes: &[FieldChange]) -> Outcome {
    let line = (!changes.is_empty()).then(|| {
        let fields: Vec<String> = changes.iter().map(ToString::to_string).collect();
        format!("{code} — {}", fields.join("; "))
    });
    Outcome { saved, line }
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
pub fn save_all<T, O: Into<Outcome>>(
    ctx: &Context,
    store: &mut Store,
    args: &ImportArgs,
    what: &str,
    rows: &[T],
    save: impl Fn(&Tx, &T) -> Result<O>,
) -> Result<()> {
    let (counts, lines) = store.transaction(!args.dry_run, |tx| -> Result<(Counts, Vec<String>)> {
        let mut counts = Counts::default();
        let mut lines = Vec::new();
        for row in rows {
            let outcome = save(tx, row)?.into();
            counts.count(outcome.saved);
            lines.extend(outcome.line);
        }
        Ok((counts, lines))
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
    for line in lines.iter().take(SHOWN_CHANGES) {
        ctx.info(format!("  {line}"));
    }
    if lines.len() > SHOWN_CHANGES {
        ctx.info(format!("  … và {} thay đổi khác (xem cchc log)", lines.len() - SHOWN_CHANGES));
    }
    Ok(())
}

pub fn units(ctx: &Context, store: &mut Store, args: &ImportArgs) -> Result<()> {
    let bar = LateBar::new();
    let rows = directory::read_units(&args.file, args.encoding, &|done, total| bar.update(done, total))?;
    bar.finish();
    save_all(ctx, store, args, "đơn vị", &rows, |tx, edit| {
        let old = units::get(tx, &edit.code)?;
        let unit = edit.apply(old.as_ref());
        let changes = old.map(|o| unit.changes_from(&o)).unwrap_or_default();
        Ok(changed(units::save(tx, &unit)?, &unit.code, &changes))
    })
}

pub fn officials(ctx: &Context, store: &mut Store, args: &ImportArgs) -> Result<()> {
    let known = Known {
        units: Codes::new(units::list(&store.conn)?.into_iter().map(|u| u.code)),
        officials: HashMap::new(),
        catalogue: None,
    };
    let bar = LateBar::new();
    let rows = directory::read_officials(&args.file, (args.encoding, &|d, t| bar.update(d, t)), &known)?;
    bar.finish();
    save_all(ctx, store, args, "cán bộ", &rows, |tx, edit| {
        let old = officials::get(tx, &edit.code)?;
        let official = edit.apply(old.as_ref());
        let changes = old.map(|o| official.changes_from(&o)).unwrap_or_default();
        Ok(changed(officials::save(tx, &official)?, &official.code, &changes))
    })
}

pub fn assignments(ctx: &Context, store: &mut Store, args: &ImportArgs) -> Result<()> {
    let (_, catalogue) = catalogues::active(&store.conn)?;
    let known = Known {
        units: Codes::new(units::list(&store.conn)?.into_iter().map(|u| u.code)),
        officials: known(store)?,
        catalogue: Some(&catalogue),
    };
    let bar = LateBar::new();
    let (rows, warnings) = directory::read_assignments(&args.file, (args.encoding, &|d, t| bar.update(d, t)), &known)?;
    bar.finish();
    for warning in warnings.iter().take(SHOWN_CHANGES) {
        crate::messages::warn(warning.to_string());
    }
    save_all(ctx, store, args, "phân công", &rows, |tx, edit| {
        let old = assignments::get(tx, &edit.assignment.criterion, &edit.assignment.unit_code)?;
        Ok(assignments::save(tx, &edit.apply(old.as_ref()))?)
    })
}
