//! Checking self-report rows (báo cáo tự kiểm tra) against the round: unit, item, points, figure, assignment and
//! duplicates. Rows are checked as they stream by, borrowing their text; each unit's content is hashed on the way.

mod gaps;
pub mod read;
pub mod round_mark;
mod rules;

use std::sync::Arc;

use super::directory::RowCheck;
use super::problem::Problem;
use super::{ColumnMap, ColumnSpec, Row, parse_figure, parse_points};
use crate::domain::catalogue::{NodeKind, Rubric};
use crate::domain::number::points;
use crate::domain::selfreport::NewItem;
use crate::domain::selfreport::{ContentHash, ItemContent, settle_points};
use crate::domain::suggest::did_you_mean;
use crate::domain::text::fold;

pub use rules::{ProblemList, Rules};

pub const COLUMNS: &[ColumnSpec] = &[
    ColumnSpec::optional("ma_don_vi", "Mã đơn vị"),
    ColumnSpec::required("ma_tieu_chi", "Mã tiêu chí"),
    ColumnSpec::required("diem_tu_cham", "Điểm tự chấm"),
    ColumnSpec::optional("so_lieu", "Số liệu"),
    ColumnSpec::required("ket_qua", "Kết quả thực hiện"),
    ColumnSpec::required("tai_lieu_kiem_chung", "Tài liệu kiểm chứng"),
    ColumnSpec::optional("kho_khan_de_xuat", "Khó khăn, vướng mắc, đề xuất"),
];

// Positions in `COLUMNS`.
const UNIT: usize = 0;
const CODE: usize = 1;
const POINTS: usize = 2;
const FIGURE: usize = 3;
const RESULT: usize = 4;
const EVIDENCE: usize = 5;
const PROPOSAL: usize = 6;

/// Columns of the template that the import reads past without a word.
pub const TEMPLATE_ONLY: &[&str] = &["STT", "Nội dung", "Điểm tối đa"];

/// One good row, its text borrowed from the reader's row.
#[derive(Debug, Clone, Copy)]
pub struct Item<'r> {
    pub unit: u32,
    pub leaf: u16,
    pub points: Option<f64>,
    /// The points were computed from the figure: the unit wrote none.
    pub computed: bool,
    pub figure: &'r str,
    pub percent: Option<f64>,
    pub result: &'r str,
    pub evidence: &'r str,
    pub proposal: &'r str,
}

impl<'r> Item<'r> {
    pub fn to_new<'a>(self, criterion: &'a str) -> NewItem<'a>
    where
        'r: 'a,
    {
        NewItem {
            criterion,
            points: self.points,
            computed: self.computed,
            figure: self.figure,
            percent: self.percent,
            result: self.result,
            evidence: self.evidence,
            proposal: self.proposal,
        }
    }
}

/// A unit's submission in one file, once the file is read.
#[derive(Debug, Clone)]
pub struct UnitDone {
    pub unit: u32,
    pub hash: String,
    pub rows: u64,
}

struct Tally {
    /// Line of each leaf's row in this file (0: not seen), for duplicates; u32 keeps per-unit state small.
    lines: Box<[u32]>,
    hash: ContentHash,
    unassigned: Vec<u16>,
    /// Whether any row had self-points, a figure, a result or evidence: an untouched template is not a report.
    filled: bool,
}

/// The checking state of one file.
pub struct FileCheck<'a, 'c> {
    rules: &'a Rules<'c>,
    file: Arc<str>,
    columns: Option<ColumnMap>,
    /// Field index of each of `COLUMNS` in this file.
    fields: [Option<usize>; 7],
    /// The last unit code looked up and its unit: rows come grouped by unit.
    last_unit: (String, u32),
    tallies: Vec<Option<Box<Tally>>>,
    order: Vec<u32>,
    scratch: Vec<Problem>,
}

impl<'a, 'c> FileCheck<'a, 'c> {
    pub fn new(rules: &'a Rules<'c>, file: &str) -> Self {
        FileCheck {
            rules,
            file: Arc::from(file),
            columns: None,
            fields: [None; 7],
            last_unit: (String::new(), 0),
            tallies: Vec::new(),
            order: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// Checks the header once the reader has matched it: the unit column is needed without `--unit`; columns the
    /// import does not know (and the template does not have) are named in a warning, with the nearest known one.
    pub fn header(&mut self, columns: &ColumnMap, problems: &mut ProblemList, warnings: &mut ProblemList) {
        if self.rules.fixed_unit.is_none() && !columns.contains("ma_don_vi") {
            problems.push(self.file_problem(
                "thiếu cột «Mã đơn vị» (hoặc «ma_don_vi»)".into(),
                Some("thêm cột Mã đơn vị, hoặc chỉ rõ đơn vị của cả tệp bằng --unit MÃ".into()),
            ));
        }
        let known: Vec<&str> =
            COLUMNS.iter().flat_map(|c| [c.label, c.key]).chain(TEMPLATE_ONLY.iter().copied()).collect();
        for (index, header) in columns.headers().iter().enumerate() {
            let used = columns.mapped().iter().any(|m| m.index == index);
            let template = TEMPLATE_ONLY.iter().any(|t| fold(t) == fold(header));
            if header.is_empty() || used || template {
                continue;
            }
            let hint = did_you_mean(header, known.iter().copied());
            warnings.push(Problem {
                column: Some(header.clone()),
                ..self.file_problem("cột này không được dùng nên bị bỏ qua".into(), hint)
            });
        }
        for (field, spec) in self.fields.iter_mut().zip(COLUMNS) {
            *field = columns.index(spec.key);
        }
        self.columns = Some(columns.clone());
    }

    /// A cell of one of `COLUMNS`, trimmed (and NFC, as the reader gives mapped columns); "" when absent.
    fn cell<'r>(&self, row: &'r Row, column: usize) -> &'r str {
        self.fields.get(column).copied().flatten().and_then(|i| row.cell(i)).unwrap_or("")
    }

    fn file_problem(&self, message: String, hint: Option<String>) -> Problem {
        Problem { file: self.file.to_string(), row: None, column: None, value: None, message, hint }
    }

    fn label<'h>(&'h self, key: &'h str) -> &'h str {
        self.columns.as_ref().map_or(key, |c| c.header(key))
    }

    /// Checks one row. Its problems go to `problems` (and `None` comes back); warnings to `warnings`.
    pub fn check<'r>(
        &mut self,
        row: &'r Row,
        problems: &mut ProblemList,
        warnings: &mut ProblemList,
    ) -> Option<Item<'r>> {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let file = Arc::clone(&self.file);
        let item = {
            let mut check = RowCheck { file: &file, line: row.line, problems: &mut scratch };
            self.check_row(row, &mut check, warnings)
        };
        let bad = !scratch.is_empty();
        for p in scratch.drain(..) {
            problems.push(p);
        }
        self.scratch = scratch;
        item.filter(|_| !bad)
    }

    /// A row of the wrong width, reported already: only says whether it swallowed another row.
    pub fn misshapen(&self, row: &Row, problems: &mut ProblemList) {
        let mut found = Vec::new();
        self.swallowed(row, &mut RowCheck { file: &self.file, line: row.line, problems: &mut found });
        for p in found {
            problems.push(p);
        }
    }

    fn check_row<'r>(&mut self, row: &'r Row, check: &mut RowCheck, warnings: &mut ProblemList) -> Option<Item<'r>> {
        let rules = self.rules;
        self.swallowed(row, check);
        let unit = self.unit(row, check);
        let code = self.cell(row, CODE);
        let leaf = match rules.leaves.get(code) {
            Some(&leaf) => Some(leaf),
            None => {
                let message = match rules.catalogue.leaf(code) {
                    _ if code.is_empty() => "thiếu mã tiêu chí".to_owned(),
                    Ok(node) if rules.periodic && node.kind == NodeKind::Adhoc => format!(
                        "«{code}» là nội dung kiểm tra đột xuất, không thuộc báo cáo tự kiểm tra của đợt định kỳ {}",
                        rules.round_id
                    ),
                    Ok(_) => format!("nội dung «{code}» không thuộc đợt {}", rules.round_id),
                    Err(message) => message,
                };
                check.problem(Some(self.label("ma_tieu_chi")), code, message, None);
                None
            }
        };
        let points_text = self.cell(row, POINTS);
        let given = parse_points(points_text)
            .map_err(|e| check.problem(Some(self.label("diem_tu_cham")), points_text, e.to_string(), None))
            .ok();
        let figure = self.cell(row, FIGURE);
        let percent = parse_figure(figure)
            .map_err(|e| check.problem(Some(self.label("so_lieu")), figure, e.to_string(), None))
            .ok();
        let (Some(unit), Some(leaf), Some(given), Some(percent)) = (unit, leaf, given, percent) else {
            return None;
        };
        let percent = percent.map(|f| f.percent());
        let node = rules.node(leaf)?;
        let settled = match settle_points(node.max_points, node.rubric.as_ref(), given, percent) {
            Ok(settled) => settled,
            Err(max) => {
                let message = format!("vượt quá điểm tối đa {} của nội dung {code}", points(max));
                let hint = Some(format!("điểm tự chấm phải từ 0 đến {}", points(max)));
                check.problem(Some(self.label("diem_tu_cham")), points_text, message, hint);
                return None;
            }
        };
        if let Some(rubric) = settled.disagreement(given) {
            let message = format!(
                "điểm tự chấm {} khác điểm tính theo thang điểm từ số liệu «{figure}» ({}%): {}; giữ điểm đơn vị tự chấm",
                points_text,
                points(percent.unwrap_or_default()),
                points(rubric)
            );
            warnings.push(self.warning(row.line, "diem_tu_cham", points_text, message));
        } else if settled.points.is_none() {
            let message = match &node.rubric {
                Some(Rubric::Ratio { .. }) => "chưa tự chấm điểm và chưa có số liệu để tính điểm (ví dụ 95/100)",
                _ => "chưa tự chấm điểm",
            };
            warnings.push(self.warning(row.line, "diem_tu_cham", points_text, message.to_owned()));
        }
        let first = {
            let seen = self.tally(unit).lines.get_mut(usize::from(leaf))?;
            let first = *seen;
            if first == 0 {
                *seen = u32::try_from(row.line).unwrap_or(u32::MAX);
            }
            first
        };
        if first != 0 {
            let message = format!("trùng với dòng {first}: mỗi nội dung chỉ được báo cáo một lần cho mỗi đơn vị");
            check.problem(Some(self.label("ma_tieu_chi")), code, message, None);
            return None;
        }
        if !rules.is_assigned(unit, leaf) {
            if rules.strict {
                let unit_code = rules.unit_code(unit);
                let message = format!("nội dung {code} không được phân công cho đơn vị {unit_code}");
                let hint = format!("bỏ dòng này, hoặc phân công trước: cchc assign add {code} --unit {unit_code}");
                check.problem(Some(self.label("ma_tieu_chi")), code, message, Some(hint));
                return None;
            }
            self.tally(unit).unassigned.push(leaf);
        }
        let item = Item {
            unit,
            leaf,
            points: settled.points,
            computed: given.is_none() && settled.points.is_some(),
            figure,
            percent,
            result: self.cell(row, RESULT),
            evidence: self.cell(row, EVIDENCE),
            proposal: self.cell(row, PROPOSAL),
        };
        let filled = given.is_some() || !(item.figure.is_empty() && item.result.is_empty() && item.evidence.is_empty());
        self.tally(unit).filled |= filled;
        self.tally(unit).hash.add(&ItemContent {
            criterion: &node.code,
            points: item.points,
            figure: item.figure,
            result: item.result,
            evidence: item.evidence,
            proposal: item.proposal,
        });
        Some(item)
    }

    fn unit(&mut self, row: &Row, check: &mut RowCheck) -> Option<u32> {
        let rules = self.rules;
        let value = self.cell(row, UNIT);
        if !value.is_empty() && value == self.last_unit.0 {
            return Some(self.last_unit.1);
        }
        let label = self.label("ma_don_vi");
        if let Some(fixed) = rules.fixed_unit {
            if value.is_empty() || rules.unit(value) == Some(fixed) {
                return Some(fixed);
            }
            let message = format!("khác đơn vị đã chọn bằng --unit ({})", rules.unit_code(fixed));
            check.problem(Some(label), value, message, Some("sửa mã đơn vị, hoặc bỏ --unit".into()));
            return None;
        }
        if value.is_empty() {
            let hint = "ghi mã đơn vị (ví dụ VHXH), hoặc chỉ rõ đơn vị của cả tệp bằng --unit MÃ".to_owned();
            check.problem(Some(label), value, "thiếu mã đơn vị".into(), Some(hint));
            return None;
        }
        match rules.unit(value) {
            Some(unit) if rules.in_scope(unit) => {
                self.last_unit.0.clear();
                self.last_unit.0.push_str(value);
                self.last_unit.1 = unit;
                Some(unit)
            }
            Some(_) => {
                let message = format!("đơn vị này không thuộc phạm vi kiểm tra của đợt {}", rules.round_id);
                check.problem(Some(label), value, message, Some(format!("xem `cchc round show {}`", rules.round_id)));
                None
            }
            None => {
                let hint = did_you_mean(value, rules.codes.iter().map(String::as_str));
                check.problem(Some(label), value, "đơn vị chưa có trong cơ sở dữ liệu".into(), hint);
                None
            }
        }
    }

    fn warning(&self, line: u64, key: &str, value: &str, message: String) -> Problem {
        Problem {
            file: self.file.to_string(),
            row: Some(line),
            column: Some(self.label(key).to_owned()),
            value: Some(value.to_owned()),
            message,
            hint: None,
        }
    }

    fn tally(&mut self, unit: u32) -> &mut Tally {
        let i = unit as usize;
        if self.tallies.len() <= i {
            self.tallies.resize_with(self.rules.unit_count().max(i + 1), || None);
        }
        let leaves = self.rules.leaf_count();
        let order = &mut self.order;
        self.tallies[i].get_or_insert_with(|| {
            order.push(unit);
            Box::new(Tally {
                lines: vec![0; leaves].into_boxed_slice(),
                hash: ContentHash::default(),
                unassigned: vec![],
                filled: false,
            })
        })
    }

    /// Each unit's hash, in order of first appearance; items assigned to a unit and left out, and items not
    /// assigned to it, are each summed up in one warning (the first a problem under `--strict`).
    pub fn finish(mut self, problems: &mut ProblemList, warnings: &mut ProblemList) -> Vec<UnitDone> {
        let mut done = Vec::with_capacity(self.order.len());
        for &unit in &self.order {
            let Some(tally) = self.tallies.get_mut(unit as usize).and_then(Option::take) else { continue };
            if self.blank(unit, &tally, problems) {
                continue;
            }
            self.missing(unit, &tally, problems, warnings);
            if !tally.unassigned.is_empty() {
                let mut codes: Vec<&str> = tally.unassigned.iter().take(5).map(|&l| self.rules.criterion(l)).collect();
                if tally.unassigned.len() > codes.len() {
                    codes.push("…");
                }
                let message = format!(
                    "đơn vị {}: {} nội dung không được phân công cho đơn vị này ({}); vẫn được nhập, dùng --strict để từ chối",
                    self.rules.unit_code(unit),
                    tally.unassigned.len(),
                    codes.join(", ")
                );
                warnings.push(self.file_problem(message, None));
            }
            done.push(UnitDone { unit, hash: tally.hash.finish(), rows: tally.hash.rows() });
        }
        done
    }
}

#[cfg(test)]
#[path = "selfreport_tests.rs"]
mod tests;
