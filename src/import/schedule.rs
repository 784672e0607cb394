//! Reading a round's schedule from CSV/XLSX: one row per unit, with its day, session and place.

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;

use super::directory::{Progress, read_all};
use super::{ColumnSpec, Encoding, Rejected};
use crate::domain::date;
use crate::domain::schedule::{DayCheck, Session, check_day};
use crate::domain::suggest::did_you_mean;
use crate::domain::text::nfc;

pub const SCHEDULE_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec::required("ma_don_vi", "Mã đơn vị"),
    ColumnSpec::required("ngay", "Ngày kiểm tra"),
    ColumnSpec::optional("buoi", "Buổi"),
    ColumnSpec::optional("dia_diem", "Địa điểm"),
];

/// One row of a schedule file, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotRow {
    pub line: u64,
    pub unit: String,
    pub day: NaiveDate,
    pub session: Option<Session>,
    pub place: String,
    /// "thứ Bảy" or "Chủ nhật" when the day falls on a weekend (a warning, not an error).
    pub weekend: Option<&'static str>,
}

/// What the rows are checked against: the units the round covers and its dates.
pub struct Bounds<'a> {
    pub scope: &'a HashSet<String>,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Every row or nothing: a unit not in the round, a day outside it, a bad session or a unit given twice is a
/// problem naming the row and column.
pub fn read(
    path: &Path,
    (encoding, progress): (Encoding, Progress),
    bounds: &Bounds,
) -> Result<Vec<SlotRow>, Rejected> {
    read_all(
        path,
        (encoding, progress),
        SCHEDULE_COLUMNS,
        |s: &SlotRow| s.unit.clone(),
        |row, check| {
            let unit = check.code(row, "ma_don_vi", "Mã đơn vị");
            let unit = unit.filter(|u| {
                let known = bounds.scope.contains(u);
                if !known {
                    let hint = did_you_mean(u, bounds.scope.iter().map(String::as_str));
                    let message = "đơn vị không thuộc phạm vi đợt (hoặc chưa có trong danh sách đơn vị)".to_owned();
                    check.problem(Some("Mã đơn vị"), u, message, hint);
                }
                known
            });
            let day = check.required(row, "ngay", "Ngày kiểm tra").and_then(|text| match date::parse(&text) {
                Ok(day) => Some(day),
                Err(message) => {
                    check.problem(Some("Ngày kiểm tra"), &text, message, None);
                    None
                }
            });
            let weekend = match day.map(|d| check_day(d, bounds.start, bounds.end)) {
                Some(Err(message)) => {
                    let shown = day.map(date::format).unwrap_or_default();
                    check.problem(Some("Ngày kiểm tra"), &shown, message, None);
                    return None;
                }
                Some(Ok(DayCheck::Weekend(name))) => Some(name),
                _ => None,
            };
            let session = match row.get("buoi").unwrap_or("") {
                "" => None,
                text => match text.parse::<Session>() {
                    Ok(session) => Some(session),
                    Err(message) => {
                        check.problem(Some("Buổi"), text, message, None);
                        return None;
                    }
                },
            };
            let place = nfc(row.get("dia_diem").unwrap_or("").trim()).into_owned();
            Some(SlotRow { line: row.line, unit: unit?, day: day?, session, place, weekend })
        },
    )
}
