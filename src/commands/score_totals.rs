//! Totals on the 100-point scale as a listing: per unit and the ward, per field of each unit, per official.

use std::collections::HashMap;

use anyhow::Result;
use clap::ValueEnum;
use rusqlite::Connection;

use crate::commands::listing::{ListFormat, Listing, Value, col, machine_col};
use crate::domain::catalogue::Catalogue;
use crate::domain::score::SheetRow;
use crate::domain::scoring::{self, ItemScore, Total};
use crate::store::scores;
use crate::store::{officials, units};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// Từng đơn vị, và toàn phường
    #[value(name = "don-vi")]
    DonVi,
    /// Từng lĩnh vực của mỗi đơn vị, và tổng của đơn vị
    #[value(name = "linh-vuc")]
    LinhVuc,
    /// Từng cán bộ phụ trách: các nội dung được phân công, ở mọi đơn vị
    #[value(name = "can-bo")]
    CanBo,
}

struct Rows<'a> {
    listing: Listing,
    catalogue: &'a Catalogue,
    format: ListFormat,
}

impl Rows<'_> {
    fn push(&mut self, level: &str, unit: &str, code: &str, name: &str, total: &Total, banded: bool) {
        let score = total.score100();
        let band = score
            .filter(|_| banded)
            .and_then(|s| self.catalogue.classification.band_for(s))
            .map(|b| if self.format == ListFormat::Table { b.name.clone() } else { b.code.clone() });
        let count = |n: usize| Value::Integer(n as i64);
        self.listing.push(vec![
            level.into(),
            unit.into(),
            code.into(),
            name.into(),
            Value::Number(Some(total.points)),
            Value::Number(Some(total.max)),
            Value::Score(score),
            Value::from(band),
            count(total.scored),
            count(total.not_applicable),
            count(total.pending),
        ]);
    }
}

/// The totals of `sheet` (a round's score sheet, possibly narrowed) grouped as asked.
pub fn listing(
    conn: &Connection,
    catalogue: &Catalogue,
    sheet: &[SheetRow],
    by: By,
    format: ListFormat,
) -> Result<Listing> {
    let columns = vec![
        machine_col("level"),
        col("unit", "Đơn vị"),
        // Per unit the row's subject is the unit itself, already in the first column.
        if by == By::DonVi { machine_col("code") } else { col("code", "Mã") },
        col("name", "Tên"),
        col("points", "Điểm"),
        col("max", "Tối đa"),
        col("score100", "Thang 100"),
        col("band", "Xếp loại đề xuất"),
        col("scored", "Đã chấm"),
        col("not_applicable", "Không áp dụng"),
        col("pending", "Chưa chấm"),
    ];
    let mut rows = Rows { listing: Listing::new(columns), catalogue, format };
    let items: Vec<ItemScore> = sheet.iter().map(SheetRow::item_score).collect();
    let unit_names: HashMap<String, String> = units::list(conn)?.into_iter().map(|u| (u.code, u.name)).collect();
    let mut unit_order: Vec<&str> = Vec::new();
    for row in sheet {
        if unit_order.last() != Some(&row.unit.as_str()) {
            unit_order.push(&row.unit);
        }
    }
    let name_of = |code: &str| unit_names.get(code).cloned().unwrap_or_default();
    match by {
        By::DonVi => {
            let totals: HashMap<String, Total> = scoring::totals_by_unit(&items).into_iter().collect();
            for unit in &unit_order {
                let total = totals.get(*unit).copied().unwrap_or_default();
                rows.push("unit", unit, "", &name_of(unit), &total, true);
            }
        }
        By::LinhVuc => {
            for unit in &unit_order {
                let own: Vec<ItemScore> = items.iter().filter(|i| i.unit == *unit).cloned().collect();
                for (field, total) in scoring::totals_by_field(&own) {
                    let title = catalogue.get(&field).map(|n| n.title.clone()).unwrap_or_default();
                    rows.push("field", unit, &field, &title, &total, false);
                }
                let label = format!("Tổng điểm {}", name_of(unit));
                rows.push("unit", unit, "", &label, &scoring::total(&own), true);
            }
        }
        By::CanBo => {
            let people: HashMap<String, (String, String)> =
                officials::list(conn, None)?.into_iter().map(|o| (o.code, (o.name, o.unit_code))).collect();
            let responsibilities = scores::responsibilities(conn)?;
            for (code, total) in scoring::totals_by_official(&items, &responsibilities) {
                let (name, unit) = people.get(&code).cloned().unwrap_or_default();
                rows.push("official", &unit, &code, &name, &total, true);
            }
        }
    }
    if by != By::CanBo && unit_order.len() > 1 {
        rows.push("ward", "", "", "Toàn phường", &scoring::total(&items), true);
    }
    Ok(rows.listing)
}
