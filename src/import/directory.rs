//! Reading the ward's directories (units, officials, assignments) from CSV/XLSX, with every bad row reported.

use std::collections::HashMap;
use std::path::Path;

use super::ColumnSpec;
use super::problem::Problem;
use super::{Encoding, Rejected, Row, TableReader};
use crate::domain::catalogue::Catalogue;
use crate::domain::directory::{Assignment, AssignmentEdit, OfficialEdit, UnitEdit, unit_kind_code};
use crate::domain::suggest::did_you_mean;
use crate::domain::text::{code_form, hidden_char, nfc};

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
];

pub const ASSIGNMENT_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec::required("ma_tieu_chi", "Mã tiêu chí"),
    ColumnSpec::required("ma_don_vi", "Mã đơn vị"),
    ColumnSpec::optional("ma_can_bo", "Mã cán bộ"),
];

/// What the rows of a directory file are checked against: what is stored already.
pub struct Known<'a> {
    pub units: Codes,
    /// Official code in lower case → (its code as stored, its unit's code).
    pub officials: HashMap<String, (String, String)>,
    pub catalogue: Option<&'a Catalogue>,
}

/// Stored codes, found whatever the case a file writes them in (`kt` is KT).
#[derive(Default)]
pub struct Codes(HashMap<String, String>);

impl Codes {
    pub fn new(codes: impl IntoIterator<Item = String>) -> Codes {
        Codes(codes.into_iter().map(|c| (c.to_lowercase(), c)).collect())
    }

    /// The code as stored.
    pub fn get(&self, code: &str) -> Option<&str> {
        self.0.get(&code.to_lowercase()).map(String::as_str)
    }
}

/// Told (bytes read, total bytes) now and then while a file is read, for a progress bar.
pub type Progress<'p> = &'p dyn Fn(u64, u64);

/// Rows read between two progress reports.
const PROGRESS_ROWS: u64 = 1024;

/// Reads every row with `parse`, collecting all problems; nothing is returned unless every row is good.
pub fn read_all<T>(
    path: &Path,
    (encoding, progress): (Encoding, Progress),
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
        if row.line % PROGRESS_ROWS == 0 {
            let (done, total) = reader.progress();
            progress(done, total);
        }
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

    /// A required name cell, without hidden characters.
    pub fn name(&mut self, row: &Row, key: &str, label: &str) -> Option<String> {
        let value = self.required(row, key, label)?;
        self.visible(label, value)
    }

    /// The value unless it holds a character that changes how it shows (see [`hidden_char`]).
    fn visible(&mut self, label: &str, value: String) -> Option<String> {
        match hidden_char(&value) {
            None => Some(value),
            Some(message) => {
                self.problem(Some(label), &value, message, None);
                None
            }
        }
    }

    /// An optional text column: `None` when the file leaves it out (the stored value stays), else its text.
    pub fn optional(&mut self, row: &Row, key: &str, label: &str) -> Option<Option<String>> {
        match row.get(key) {
            None => Some(None),
            Some(value) => self.visible(label, nfc(value).into_owned()).map(Some),
        }
    }

    /// A code cell (NFKC): no spaces or control characters.
    pub fn code(&mut self, row: &Row, key: &str, label: &str) -> Option<String> {
        let value = code_form(&self.required(row, key, label)?);
        match check_code(&value) {
            Ok(()) => Some(value),
            Err(message) => {
                self.problem(Some(label), &value, message, None);
                None
            }
        }
    }

    /// The stored code `value` names, whatever its case.
    pub fn known(&mut self, label: &str, value: &str, known: &Codes, noun: &str) -> Option<String> {
        if let Some(code) = known.get(value) {
            return Some(code.to_owned());
        }
        let hint = did_you_mean(value, known.0.values().map(String::as_str));
        self.problem(Some(label), value, format!("{noun} chưa có trong cơ sở dữ liệu"), hint);
        None
    }
}

/// Codes are short identifiers typed by people: letters, digits, `-`, `_`, `.` (checked after [`code_form`]).
pub fn check_code(code: &str) -> Result<(), String> {
    if let Some(message) = hidden_char(code) {
        return Err(message);
    }
    let ok = !code.is_empty()
        && code.chars().count() <= 40
        && code.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err("mã chỉ gồm chữ, số và các dấu - _ . (không dấu cách), tối đa 40 ký tự".into())
    }
}

/// Codes that differ only in case are one unit: `kt` twice, or `kt` and `KT`, is a duplicate.
fn case_key(code: &str) -> String {
    code.to_lowercase()
}

pub fn read_units(path: &Path, encoding: Encoding, progress: Progress) -> Result<Vec<UnitEdit>, Rejected> {
    read_all(
        path,
        (encoding, progress),
        UNIT_COLUMNS,
        |u: &UnitEdit| case_key(&u.code),
        |row, check| {
            let code = check.code(row, "ma_don_vi", "Mã đơn vị");
            let name = check.name(row, "ten_don_vi", "Tên đơn vị");
            // `unit list --format csv|xlsx` writes the kind in words; either form reads back as the code.
            let kind = match check.optional(row, "loai", "Loại")? {
                None => None,
                Some(text) => match unit_kind_code(&text) {
                    Ok(kind) => Some(kind),
                    Err(message) => {
                        check.problem(Some("Loại"), &text, message, None);
                        return None;
                    }
                },
            };
            Some(UnitEdit { code: code?, name: name?, kind })
        },
    )
}

/// Officials must belong to units stored already.
pub fn read_officials(
    path: &Path,
    (encoding, progress): (Encoding, Progress),
    known: &Known,
) -> Result<Vec<OfficialEdit>, Rejected> {
    read_all(
        path,
        (encoding, progress),
        OFFICIAL_COLUMNS,
        |o: &OfficialEdit| case_key(&o.code),
        |row, check| {
            let code = check.code(row, "ma_can_bo", "Mã cán bộ");
            let name = check.name(row, "ho_ten", "Họ và tên");
            let position = check.optional(row, "chuc_vu", "Chức vụ");
            let unit = check.code(row, "ma_don_vi", "Mã đơn vị");
            let unit = unit.and_then(|u| check.known("Mã đơn vị", &u, &known.units, "đơn vị"));
            Some(OfficialEdit { code: code?, name: name?, position: position?, unit_code: unit? })
        },
    )
}

pub fn read_assignments(
    path: &Path,
    (encoding, progress): (Encoding, Progress),
    known: &Known,
) -> Result<Vec<AssignmentEdit>, Rejected> {
    let key = |e: &AssignmentEdit| format!("{} / {}", e.assignment.criterion, case_key(&e.assignment.unit_code));
    read_all(path, (encoding, progress), ASSIGNMENT_COLUMNS, key, |row, check| {
        let criterion = check.required(row, "ma_tieu_chi", "Mã tiêu chí");
        let criterion = criterion.filter(|c| match known.catalogue.map(|cat| cat.leaf(c)) {
            Some(Err(message)) => {
                check.problem(Some("Mã tiêu chí"), c, message, None);
                false
            }
            _ => true,
        });
        let unit = check.code(row, "ma_don_vi", "Mã đơn vị");
        let unit = unit.and_then(|u| check.known("Mã đơn vị", &u, &known.units, "đơn vị"));
        // Without the column, the official stays as stored (the caller keeps it); an empty cell clears it.
        let given = row.get("ma_can_bo").is_some();
        let official = match code_form(row.get("ma_can_bo").unwrap_or("")).as_str() {
            "" => None,
            code => match (known.officials.get(&case_key(code)), &unit) {
                (None, _) => {
                    let stored = known.officials.values().map(|(c, _)| c.as_str());
                    let hint = did_you_mean(code, stored);
                    check.problem(Some("Mã cán bộ"), code, "cán bộ chưa có trong cơ sở dữ liệu".into(), hint);
                    return None;
                }
                (Some((_, works_in)), Some(unit)) if works_in != unit => {
                    let message = format!("cán bộ này thuộc đơn vị {works_in}, không thuộc {unit}");
                    check.problem(Some("Mã cán bộ"), code, message, None);
                    return None;
                }
                (Some((stored, _)), _) => Some(stored.clone()),
            },
        };
        Some(AssignmentEdit {
            assignment: Assignment { criterion: criterion?, unit_code: unit?, official_code: official },
            official_given: given,
        })
    })
}
