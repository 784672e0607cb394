//! Reading the inspection team's appraisal file (điểm thẩm định) and checking each value against the round.

use std::collections::HashSet;
use std::path::Path;

use super::directory::{Progress, RowCheck, read_all};
use super::{ColumnSpec, Encoding, Rejected, parse_points, swallowed};
use crate::domain::catalogue::Catalogue;
use crate::domain::number::points as show_points;
use crate::domain::round::Round;
use crate::domain::score::Score;
use crate::domain::scoring::{self, Mark, check_item_for_round};
use crate::domain::suggest::did_you_mean;
use crate::domain::text::{fold, nfc};

pub const APPRAISAL_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec::required("ma_don_vi", "Mã đơn vị"),
    ColumnSpec::required("ma_tieu_chi", "Mã tiêu chí"),
    ColumnSpec::required("diem_tham_dinh", "Điểm thẩm định"),
    ColumnSpec::optional("nhan_xet", "Nhận xét"),
];

/// How a person writes "not applicable" in the points cell (compared after folding accents and case).
const NOT_APPLICABLE: &[&str] = &["n a", "na", "kad", "khong ap dung"];

/// What a round's appraisal is checked against.
pub struct Scope<'a> {
    pub round: &'a Round,
    pub catalogue: &'a Catalogue,
    /// Every unit in the database, and those the round covers.
    pub units: HashSet<String>,
    pub in_round: HashSet<String>,
}

/// Appraised points as typed: empty → `None` (not appraised yet), `N/A` or `KAD` (không áp dụng) → N/A,
/// else a number such as `7,5` or `7.5`.
pub fn parse_mark(text: &str) -> Result<Option<Mark>, String> {
    if NOT_APPLICABLE.contains(&fold(text).as_str()) {
        return Ok(Some(Mark::NotApplicable));
    }
    match parse_points(text) {
        Ok(points) => Ok(points.map(Mark::Points)),
        Err(err) => Err(format!("{err}; ghi N/A nếu nội dung không áp dụng")),
    }
}

/// Appraised points lie between 0 and the item's maximum.
pub fn check_points(points: f64, max: f64, code: &str) -> Result<(), String> {
    if scoring::within_max(points, max) {
        Ok(())
    } else {
        Err(format!("vượt quá điểm tối đa của nội dung {code}; cần từ 0 đến {}", show_points(max)))
    }
}

impl Scope<'_> {
    /// The unit a value names, known and covered by the round.
    pub fn check_unit(&self, unit: &str) -> Result<(), (String, Option<String>)> {
        if !self.units.contains(unit) {
            let hint = did_you_mean(unit, self.units.iter().map(String::as_str));
            return Err(("đơn vị chưa có trong cơ sở dữ liệu".into(), hint));
        }
        if !self.in_round.contains(unit) {
            let mut covered: Vec<&str> = self.in_round.iter().map(String::as_str).collect();
            covered.sort_unstable();
            let message = format!("đơn vị không thuộc phạm vi đợt {} (gồm: {})", self.round.id, covered.join(", "));
            return Err((message, None));
        }
        Ok(())
    }

    /// The item a value names: a leaf of the round's catalogue, of the round's kind. Returns its maximum.
    pub fn check_item(&self, code: &str) -> Result<f64, String> {
        let node = self.catalogue.leaf(code)?;
        check_item_for_round(&self.round.id, self.round.kind, node.kind, code)?;
        Ok(node.max_points)
    }
}

/// What a file of appraised points holds.
pub struct Appraisal {
    pub scores: Vec<Score>,
    /// Rows with neither points nor a note: items not appraised yet.
    pub skipped: usize,
    /// Whether the file has a note column (without one, the notes already recorded are kept).
    pub has_notes: bool,
}

/// Reads every row, checking all of them; nothing is returned unless every row is good. Rows with neither
/// points nor a note are items not appraised yet and are skipped.
pub fn read(path: &Path, (encoding, progress): (Encoding, Progress), scope: &Scope) -> Result<Appraisal, Rejected> {
    let (mut skipped, mut has_notes) = (0, false);
    let key = |s: &Score| format!("{} / {}", s.unit_code, s.criterion);
    let scores = read_all(path, (encoding, progress), APPRAISAL_COLUMNS, key, |row, check| {
        let points_text = row.get("diem_tham_dinh").unwrap_or("");
        has_notes |= row.get("nhan_xet").is_some();
        let note = nfc(row.get("nhan_xet").unwrap_or("")).into_owned();
        let known = |unit: &str, code: &str| scope.units.contains(unit) && scope.catalogue.leaf(code).is_ok();
        if let Some(found) = row.swallowed(&note, ("ma_don_vi", "ma_tieu_chi"), known) {
            swallowed::report(check, "Nhận xét", &note, found);
        }
        if points_text.is_empty() && note.is_empty() {
            skipped += 1;
            return None;
        }
        let unit = check.code(row, "ma_don_vi", "Mã đơn vị");
        let unit = unit.filter(|u| ok(check, "Mã đơn vị", u, scope.check_unit(u)));
        let criterion = check.required(row, "ma_tieu_chi", "Mã tiêu chí");
        let max = match criterion.as_deref().map(|c| scope.check_item(c)) {
            Some(Ok(max)) => Some(max),
            Some(Err(message)) => {
                check.problem(Some("Mã tiêu chí"), criterion.as_deref().unwrap_or(""), message, None);
                None
            }
            None => None,
        };
        let mark = match parse_mark(points_text) {
            Ok(Some(mark)) => Some(mark),
            Ok(None) => {
                check.problem(
                    Some("Điểm thẩm định"),
                    points_text,
                    "có nhận xét nhưng thiếu điểm thẩm định".into(),
                    Some("ghi điểm, hoặc N/A nếu không áp dụng".into()),
                );
                None
            }
            Err(message) => {
                check.problem(Some("Điểm thẩm định"), points_text, message, None);
                None
            }
        };
        if let (Some(Mark::Points(p)), Some(max), Some(code)) = (mark, max, criterion.as_deref())
            && let Err(message) = check_points(p, max, code)
        {
            check.problem(Some("Điểm thẩm định"), points_text, message, None);
            return None;
        }
        max?;
        Some(Score::new(&scope.round.id, unit?, criterion?, mark?, note))
    })?;
    Ok(Appraisal { scores, skipped, has_notes })
}

/// Records a failed check as a problem of the row; true when the check passed.
fn ok(check: &mut RowCheck, column: &str, value: &str, result: Result<(), (String, Option<String>)>) -> bool {
    match result {
        Ok(()) => true,
        Err((message, hint)) => {
            check.problem(Some(column), value, message, hint);
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_as_people_write_them() {
        assert_eq!(parse_mark(""), Ok(None));
        assert_eq!(parse_mark("7,5"), Ok(Some(Mark::Points(7.5))));
        assert_eq!(parse_mark(" 7.5 "), Ok(Some(Mark::Points(7.5))));
        for na in ["N/A", "n/a", "NA", "KAD", "Không áp dụng", "khong ap dung"] {
            assert_eq!(parse_mark(na), Ok(Some(Mark::NotApplicable)), "{na}");
        }
        assert!(parse_mark("bảy").unwrap_err().contains("N/A"));
        assert!(parse_mark("-1").is_err());
    }

    #[test]
    fn points_up_to_the_maximum() {
        assert!(check_points(0.0, 2.0, "1.1.5").is_ok());
        assert!(check_points(2.0, 2.0, "1.1.5").is_ok());
        let err = check_points(2.5, 2.0, "1.1.5").unwrap_err();
        assert!(err.contains("1.1.5") && err.contains("từ 0 đến 2"), "{err}");
        assert!(check_points(1.5, 1.5, "x").is_ok());
        assert!(check_points(1.6, 1.5, "x").unwrap_err().contains("1,5"));
    }
}
