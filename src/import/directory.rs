//! Reading the ward's directories (units, officials, assignments) from CSV/XLSX, with every bad row reported.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::ColumnSpec;
use super::problem::Problem;
use super::{Encoding, Rejected, Row, TableReader};
use crate::domain::catalogue::Catalogue;
use crate::domain::directory::{Assignment, Official, Unit, category_code, unit_kind_code};
use crate::domain::suggest::did_you_mean;
use crate::domain::text::nfc;

pub const UNIT_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec::required("ma_don_vi", "Mã đơn vị"),
    ColumnSpec::required("ten_don_vi", "Tên đơn vị"),
    ColumnSpec::optional("loai", "Loại"),
];

pub const OFFICIAL_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec::required("ma_can_bo", "Mã cán bộ"),
    ColumnSpec::required("ho_ten", "Họ và tên"),
    ColumnSpec::optional("chuc_vu", "Chức vụ"),
    ColumnSpec::required("ma_don_vi", "Mã đơn vị"),
    ColumnSpec::optional("loai", "Loại"),
];

pub const ASSIGNMENT_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec::required("ma_tieu_chi", "Mã tiêu chí"),
    ColumnSpec::required("ma_don_vi", "Mã đơn vị"),
    ColumnSpec::optional("ma_can_bo", "Mã cán bộ"),
];

/// What the rows of a directory file are checked against: what is stored already.
pub struct Known<'a> {
    pub units: HashSet<String>,
    /// Official code → unit code.
    pub officials: HashMap<String, String>,
    pub catalogue: Option<&'a Catalogue>,
}

/// Reads every row with `parse`, collecting all problems; nothing is returned unless every row is good.
pub fn read_all<T>(
    path: &Path,
    encoding: Encoding,
    columns: &'static [ColumnSpec],
    key_of: impl Fn(&T) -> String,
    mut parse: impl FnMut(&Row, &mut RowCheck) -> Option<T>,
) -> Result<Vec<T>, Rejected> {
    let mut reader = TableReader::open(path, encoding, columns).map_err(Rejected::from)?;
    let file = reader.file_name().to_owned();
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    let mut first_line: HashMap<String, u64> = HashMap::new();
    let mut row = Row::default();
    loop {
        match reader.next_row(&mut row) {
            Ok(false) => break,
            Ok(true) => {
                let mut check = RowCheck { file: &file, line: row.line, problems: &mut problems };
                if let Some(item) = parse(&row, &mut check) {
                    let key = key_of(&item);
                    if let Some(first) = first_line.get(&key) {
                        check.problem(
                            None,
                            &key,
                            format!("trùng với dòng {first}: mỗi mục chỉ được ghi một lần"),
                            None,
                        );
                    } else {
                        first_line.insert(key, row.line);
                        rows.push(item);
                    }
                }
            }
            Err(err) if err.is_row_problem() => problems.push(err.to_problem()),
            Err(err) => return Err(Rejected::from(err)),
        }
    }
    if problems.is_empty() { Ok(rows) } else { Err(Rejected { file, problems, omitted: 0 }) }
}

/// Collects the problems of one row.
pub struct RowCheck<'a> {
    pub file: &'a str,
    pub line: u64,
    pub problems: &'a mut Vec<Problem>,
}

impl RowCheck<'_> {
    pub fn problem(&mut self, column: Option<&str>, value: &str, message: String, hint: Option<String>) {
        self.problems.push(Problem {
            file: self.file.to_owned(),
            row: Some(self.line),
            column: column.map(str::to_owned),
            value: Some(value.to_owned()),
            message,
            hint,
        });
    }

    /// A required text cell, NFC; an empty one is a problem.
    pub fn required(&mut self, row: &Row, key: &str, label: &str) -> Option<String> {
        let value = row.get(key).unwrap_or("");
        if value.is_empty() {
            self.problem(Some(label), value, format!("thiếu {}", label.to_lowercase()), None);
            return None;
        }
        Some(nfc(value).into_owned())
    }

    /// A code cell: no spaces or control characters.
    pub fn code(&mut self, row: &Row, key: &str, label: &str) -> Option<String> {
        let value = self.required(row, key, label)?;
        match check_code(&value) {
            Ok(()) => Some(value),
            Err(message) => {
                self.problem(Some(label), &value, message, None);
                None
            }
        }
    }

    pub fn known(&mut self, label: &str, value: &str, known: &HashSet<String>, noun: &str) -> bool {
        if known.contains(value) {
            return true;
        }
        let hint = did_you_mean(value, known.iter().map(String::as_str));
        self.problem(Some(label), value, format!("{noun} chưa có trong cơ sở dữ liệu"), hint);
        false
    }
}

/// Codes are short identifiers typed by people: letters, digits, `-`, `_`, `.`.
pub fn check_code(code: &str) -> Result<(), String> {
    let ok = !code.is_empty()
        && code.chars().count() <= 40
        && code.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err("mã chỉ gồm chữ, số và các dấu - _ . (không dấu cách), tối đa 40 ký tự".into())
    }
}

pub fn read_units(path: &Path, encoding: Encoding) -> Result<Vec<Unit>, Rejected> {
    read_all(
        path,
        encoding,
        UNIT_COLUMNS,
        |u: &Unit| u.code.clone(),
        |row, check| {
            let code = check.code(row, "ma_don_vi", "Mã đơn vị");
            let name = check.required(row, "ten_don_vi", "Tên đơn vị");
            // `unit list --format csv|xlsx` writes the kind in words; either form reads back as the code.
            let kind = unit_kind_code(&nfc(row.get("loai").unwrap_or("")));
            Some(Unit { code: code?, name: name?, kind })
        },
    )
}

/// Officials must belong to units stored already.
pub fn read_officials(path: &Path, encoding: Encoding, known: &Known) -> Result<Vec<Official>, Rejected> {
    read_all(
        path,
        encoding,
        OFFICIAL_COLUMNS,
        |o: &Official| o.code.clone(),
        |row, check| {
            let code = check.code(row, "ma_can_bo", "Mã cán bộ");
            let name = check.required(row, "ho_ten", "Họ và tên");
            let position = nfc(row.get("chuc_vu").unwrap_or("")).into_owned();
            let unit = check.code(row, "ma_don_vi", "Mã đơn vị");
            let unit = unit.filter(|u| check.known("Mã đơn vị", u, &known.units, "đơn vị"));
            // Cán bộ, công chức, viên chức, người lao động; empty: taken from the unit's kind.
            let written = nfc(row.get("loai").unwrap_or("")).trim().to_owned();
            let category = match written.as_str() {
                "" => Some(String::new()),
                text => category_code(text).map(str::to_owned),
            };
            if category.is_none() {
                let hint = Some("ghi một trong: cán bộ, công chức, viên chức, người lao động".to_owned());
                check.problem(Some("Loại"), &written, "loại cán bộ không hợp lệ".to_owned(), hint);
            }
            Some(Official { code: code?, name: name?, position, unit_code: unit?, category: category? })
        },
    )
}

pub fn read_assignments(path: &Path, encoding: Encoding, known: &Known) -> Result<Vec<Assignment>, Rejected> {
    let key = |a: &Assignment| format!("{} / {}", a.criterion, a.unit_code);
    read_all(path, encoding, ASSIGNMENT_COLUMNS, key, |row, check| {
        let criterion = check.required(row, "ma_tieu_chi", "Mã tiêu chí");
        let criterion = criterion.filter(|c| match known.catalogue.map(|cat| cat.leaf(c)) {
            Some(Err(message)) => {
                check.problem(Some("Mã tiêu chí"), c, message, None);
                false
            }
            _ => true,
        });
        let unit = check.code(row, "ma_don_vi", "Mã đơn vị");
        let unit = unit.filter(|u| check.known("Mã đơn vị", u, &known.units, "đơn vị"));
        let official = match row.get("ma_can_bo").unwrap_or("") {
            "" => None,
            code => match (known.officials.get(code), &unit) {
                (None, _) => {
                    let hint = did_you_mean(code, known.officials.keys().map(String::as_str));
                    check.problem(Some("Mã cán bộ"), code, "cán bộ chưa có trong cơ sở dữ liệu".into(), hint);
                    return None;
                }
                (Some(works_in), Some(unit)) if works_in != unit => {
                    let message = format!("cán bộ này thuộc đơn vị {works_in}, không thuộc {unit}");
                    check.problem(Some("Mã cán bộ"), code, message, None);
                    return None;
                }
                _ => Some(code.to_owned()),
            },
        };
        Some(Assignment { criterion: criterion?, unit_code: unit?, official_code: official })
    })
}
