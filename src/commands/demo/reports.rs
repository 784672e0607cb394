//! The report part of `cchc demo`: the plan's letterhead, every report of the year in every format, and the
//! year-end ranking on the terminal.

use std::path::Path;

use anyhow::{Context as _, Result};
use rusqlite::Connection;

use crate::commands::listing::{ListFormat, Listing, Value, col};
use crate::commands::report::{DateArgs, build_followup, build_round, build_selfassessment, build_unit};
use crate::commands::report_year::build_year;
use crate::context::Context;
use crate::domain::round::{Round, RoundKind};
use crate::messages;
use crate::report::model::year::YearReport;
use crate::report::ready::Ready;
use crate::report::write::{self, Format, RenderOptions};
use crate::store::{findings, rounds, settings};

/// The plan's own letterhead values (Kế hoạch kiểm tra CCHC năm 2026 of UBND phường Thành Sen).
const PLAN_SETTINGS: &[(&str, &str)] = &[
    ("signer_authority", "TM. ỦY BAN NHÂN DÂN"),
    ("signer_delegation", "KT. CHỦ TỊCH"),
    ("signer_title", "PHÓ CHỦ TỊCH"),
    ("signer_name", "Trần Thị Thủy Nga"),
    (
        "recipients",
        "Sở Nội vụ (báo cáo); TTr Đảng ủy, TTr HĐND phường; Chủ tịch, các PCT UBND phường; Các phòng, cơ quan, đơn vị trên địa bàn phường; Cán bộ, công chức, viên chức phường; Lưu: VT, VHXH",
    ),
];

/// Every file format a report is written in by the demo.
const DEMO_FORMATS: [Format; 7] =
    [Format::Table, Format::Markdown, Format::Html, Format::Docx, Format::Xlsx, Format::Csv, Format::Json];

/// For `cchc demo`: sets the plan's letterhead, writes every report of the latest year in every file format to
/// `out/bao-cao/`, and prints the year-end summary table. Works on a database without scores yet.
pub fn demo(ctx: &Context, out: &Path) -> Result<()> {
    let mut store = ctx.store()?;
    store.write(|tx| -> Result<()> {
        for (key, value) in PLAN_SETTINGS {
            settings::set(tx, key, value)?;
        }
        Ok(())
    })?;
    let conn = &store.conn;
    let all = rounds::list(conn, None)?;
    let Some(year_number) = all.iter().map(|r| r.year).max() else {
        messages::warn("Chưa có đợt kiểm tra nào nên chưa lập báo cáo.");
        return Ok(());
    };
    let of_year: Vec<&Round> = all.iter().filter(|r| r.year == year_number).collect();
    let mut built = Vec::new();
    for r in &of_year {
        built.push(build_round(ctx, conn, &r.id, &DateArgs::default())?);
    }
    if let Some(first) = of_year.first() {
        built.push(build_unit(ctx, conn, &first.id, &demo_unit(conn, &first.id)?, &DateArgs::default())?);
    }
    let (year_model, year_report, _) = build_year(ctx, conn, None, year_number, &DateArgs::default())?;
    if of_year.iter().any(|r| r.kind == RoundKind::Dot2) {
        built.push(build_selfassessment(ctx, conn, year_number, &DateArgs::default())?);
    }
    built.push(build_followup(ctx, conn, None, None)?);
    built.push(year_report);
    let dir = out.join("bao-cao");
    // Named where it ends up: `out` is the hidden build folder inside the demo's own folder.
    let shown = out.parent().unwrap_or(out).join("bao-cao");
    let written = write_files(ctx, &built, &dir, &DEMO_FORMATS)?;
    ctx.info(format!("Đã ghi {written} tệp báo cáo vào «{}».", shown.display()));
    summary(ctx, &year_model)
}

/// Writes each report in each format to `dir` (created), named after its stem; returns the number of files.
pub(super) fn write_files(ctx: &Context, reports: &[Ready], dir: &Path, formats: &[Format]) -> Result<usize> {
    std::fs::create_dir_all(dir).with_context(|| format!("không tạo được thư mục «{}»", dir.display()))?;
    let mut written = 0;
    for report in reports {
        let document = report.document();
        for &format in formats {
            let file = dir.join(format!("{}.{}", report.stem, format.extension()));
            let bytes = match format {
                Format::Json => {
                    let mut json = Vec::new();
                    report.write_json(&mut json)?;
                    json
                }
                _ => write::render(document.clone(), format, &RenderOptions::default())?,
            };
            crate::files::write(&ctx.db_path, &file, format.kind(), &bytes)?;
            written += 1;
        }
    }
    Ok(written)
}

/// The unit the demo's notice goes to: the first in scope with findings in the round, else the first in scope.
fn demo_unit(conn: &Connection, round_id: &str) -> Result<String> {
    let scope = rounds::scope(conn, round_id)?;
    let with_findings = findings::first_unit(conn, round_id)?;
    with_findings.or_else(|| scope.first().cloned()).context("đợt chưa có đơn vị nào")
}

/// The year-end ranking, on the terminal.
fn summary(ctx: &Context, model: &YearReport) -> Result<()> {
    let mut listing = Listing::new(vec![
        col("rank", "Hạng"),
        col("unit", "Đơn vị"),
        col("dot1", "Đợt 1 (thang 100)"),
        col("dot2", "Đợt 2 (thang 100)"),
        col("change", "Tăng, giảm"),
    ]);
    for unit in &model.units {
        listing.push(vec![
            unit.rank.map_or(Value::Text(String::new()), |r| Value::Integer(r.into())),
            unit.name.as_str().into(),
            Value::Score(unit.dot1),
            Value::Score(unit.dot2),
            Value::Score(unit.change),
        ]);
    }
    match &model.basis_round {
        Some(basis) => ctx.info(format!("Tổng hợp năm {} (xếp hạng theo điểm thẩm định {basis}):", model.year)),
        None => ctx.info(format!("Tổng hợp năm {}: chưa có điểm thẩm định nên chưa xếp hạng.", model.year)),
    }
    listing.emit(ctx, ListFormat::Table)
}
