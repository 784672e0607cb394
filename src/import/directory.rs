//! Reading the ward's directories (units, officials, assignments) from CSV/XLSX, with every bad row reported.

use std::collections::HashMap;
use std::path::Path;

use super::ColumnSpec;
use super::problem::Problem;
use super::{Encoding, Rejected, Row, TableReader};
use crate::domain::catalogue::Catalogue;
use crate::domain::directory::{Assignment, AssignmentEdit, OfficialEdit, UnitEdit, category_code, unit_kind_code};
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
    ColumnSpec::optional("loai", "Loại"),
];

pub const ASSIGNMENT_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec::required("ma_tieu_chi", "Mã tiêu chí"),
    ColumnSpec::required("ma_don_vi", "Mã đơn vị"),
    ColumnSpec::optional("ma_can_bo", "Mã cán bộ"),
    ColumnSpec::optional(TITLE, "Nội dung"),
    ColumnSpec::optional(OFFICIAL_NAME, "Cán bộ phụ trách"),
];

/// Columns `assign list` writes beside the codes for the reader; an import reads them only to warn that an edit
/// there does nothing.
const TITLE: &str = "noi_dung";
const OFFICIAL_NAME: &str = "can_bo_phu_trach";
pub const DERIVED: [&str; 2] = [TITLE, OFFICIAL_NAME];

/// What the rows of a directory file are checked against: what is stored already.
pub struct Known<'a> {
    pub units: Codes,
    /// Official code in lower case → the official.
    pub officials: HashMap<String, KnownOfficial>,
    pub catalogue: Option<&'a Catalogue>,
}

pub struct KnownOfficial {
    /// The code as stored.
    pub code: String,
    pub unit: String,
    pub name: String,
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
    let shown = reader.problem_file();
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
                let mut check = RowCheck { file: &shown, line: row.line, problems: &mut problems };
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
            // A bad kind is reported and the row still checked for duplicates (the file is refused anyway).
            let kind = match check.optional(row, "loai", "Loại")? {
                None => None,
                Some(text) => unit_kind_code(&text).map_err(|m| check.problem(Some("Loại"), &text, m, None)).ok(),
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
            // Cán bộ, công chức, viên chức, người lao động; empty: taken from the unit's kind; a file without the
            // column keeps what is stored.
            let category = match row.get("loai").map(|t| nfc(t).trim().to_owned()) {
                None => Some(None),
                Some(written) if written.is_empty() => Some(Some(String::new())),
                Some(written) => match category_code(&written) {
                    Some(code) => Some(Some(code.to_owned())),
                    None => {
                        let hint = Some("ghi một trong: cán bộ, công chức, viên chức, người lao động".to_owned());
                        check.problem(Some("Loại"), &written, "loại cán bộ không hợp lệ".to_owned(), hint);
                        None
                    }
                },
            };
            Some(OfficialEdit { code: code?, name: name?, position: position?, unit_code: unit?, category: category? })
        },
    )
}

/// The assignments of a file, and warnings for edits to the columns it does not read.
pub fn read_assignments(
    path: &Path,
    (encoding, progress): (Encoding, Progress),
    known: &Known,
) -> Result<(Vec<AssignmentEdit>, Vec<Problem>), Rejected> {
    let key = |e: &AssignmentEdit| format!("{} / {}", e.assignment.criterion, case_key(&e.assignment.unit_code));
    let mut warnings = Vec::new();
    let rows = read_all(path, (encoding, progress), ASSIGNMENT_COLUMNS, key, |row, check| {
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
                    let stored = known.officials.values().map(|o| o.code.as_str());
                    let hint = did_you_mean(code, stored);
                    check.problem(Some("Mã cán bộ"), code, "cán bộ chưa có trong cơ sở dữ liệu".into(), hint);
                    return None;
                }
                (Some(KnownOfficial { unit: works_in, .. }), Some(unit)) if works_in != unit => {
                    let message = format!("cán bộ này thuộc đơn vị {works_in}, không thuộc {unit}");
                    check.problem(Some("Mã cán bộ"), code, message, None);
                    return None;
                }
                (Some(stored), _) => Some(stored.code.clone()),
            },
        };
        let assignment = Assignment { criterion: criterion?, unit_code: unit?, official_code: official };
        derived_edits(row, check, known, &assignment, &mut warnings);
        Some(AssignmentEdit { assignment, official_given: given })
    })?;
    Ok((rows, warnings))
}

/// Warns of a title or an official's name edited in the file: they come from the catalogue and the directory.
fn derived_edits(row: &Row, check: &RowCheck, known: &Known, a: &Assignment, warnings: &mut Vec<Problem>) {
    let title = known.catalogue.and_then(|cat| cat.leaf(&a.criterion).ok()).map(|n| n.title.as_str());
    let official = a.official_code.as_deref().and_then(|c| known.officials.get(&case_key(c)));
    let stored =
        [(TITLE, title, "theo bộ tiêu chí"), (OFFICIAL_NAME, official.map(|o| o.name.as_str()), "theo Mã cán bộ")];
    for (key, stored, source) in stored {
        let written = nfc(row.get(key).unwrap_or(""));
        let Some(stored) = stored.filter(|s| !written.is_empty() && written != *s) else { continue };
        let column = row.header(key).unwrap_or(key).to_owned();
        warnings.push(Problem {
            file: check.file.to_owned(),
            row: Some(check.line),
            column: Some(column),
            value: Some(written.into_owned()),
            message: format!("cột này chỉ để đọc (lấy {source}): sửa ở đây không có tác dụng, vẫn là «{stored}»"),
            hint: (key == OFFICIAL_NAME).then(|| "muốn đổi người phụ trách, sửa cột Mã cán bộ".to_owned()),
        });
    }
}
