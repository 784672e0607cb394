//! Reading a catalogue back from the workbook `criteria export` writes (XLSX or ODS, as Excel or LibreOffice saved
//! it). The rows are rendered to TOML and checked by the same parser as `criteria check`; each problem is pointed
//! back at its sheet, row and column. Group points are derived: a group's formula is never evaluated (a script may
//! leave it without a computed value) — its total is recomputed from its items.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use calamine::{Data, Range, Reader, open_workbook_auto};

use super::{ImportError, Problem, display_name};
use crate::domain::catalogue::{Band, Catalogue, Classification, Node, NodeKind};
use crate::domain::catalogue_parse;
use crate::domain::catalogue_toml::{self, Head, Part};
use crate::domain::classification::CapBase;
use crate::domain::code;
use crate::domain::text::{fold, nfc};
use crate::import::value::parse_points;

pub mod layout;

use layout::{BAND_COLUMNS, BANDS_SHEET, Column, HEAD_ROWS, HEAD_SHEET, NODE_COLUMNS, NODES_SHEET};

#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error(transparent)]
    Open(#[from] ImportError),
    #[error("{}", list(.file, .problems))]
    Problems { file: String, problems: Vec<Problem> },
}

fn list(file: &str, problems: &[Problem]) -> String {
    let mut out = format!("Tệp «{file}» có {} lỗi, chưa nạp gì; hãy sửa trong Excel rồi nhập lại:", problems.len());
    problems.iter().for_each(|p| out.push_str(&format!("\n  - {p}")));
    out
}

/// One sheet: its cells, its formulas, and the row (0-based) of its header.
struct Sheet {
    name: String,
    cells: Range<Data>,
    formulas: Range<String>,
}

impl Sheet {
    fn text(&self, row: u32, col: usize) -> String {
        let Ok(col) = u32::try_from(col) else { return String::new() };
        match self.cells.get_value((row, col)) {
            None | Some(Data::Empty) => String::new(),
            Some(Data::String(s)) => nfc(s.trim()).into_owned(),
            Some(Data::Float(f)) => catalogue_toml::number(*f).trim_end_matches(".0").to_owned(),
            Some(other) => other.to_string().trim().to_owned(),
        }
    }

    fn number(&self, row: u32, col: usize) -> Result<Option<f64>, String> {
        match self.cells.get_value((row, col as u32)) {
            Some(Data::Float(f)) => Ok(Some(*f)),
            Some(Data::Int(i)) => Ok(Some(*i as f64)),
            _ => parse_points(&self.text(row, col)).map_err(|e| e.to_string()),
        }
    }

    fn has_formula(&self, row: u32, col: usize) -> bool {
        self.formulas.get_value((row, col as u32)).is_some_and(|f| !f.trim().is_empty())
    }

    fn rows(&self) -> std::ops::Range<u32> {
        match (self.cells.start(), self.cells.end()) {
            (Some(_), Some((last, _))) => 0..last + 1,
            _ => 0..0,
        }
    }
}

/// Problems found while reading cells, by sheet.
struct Problems<'a> {
    file: &'a str,
    list: Vec<Problem>,
}

impl Problems<'_> {
    fn at(&mut self, sheet: &str, row: Option<u32>, column: Option<&str>, value: Option<String>, message: String) {
        self.list.push(Problem {
            file: if sheet.is_empty() { self.file.to_owned() } else { format!("{}, trang «{sheet}»", self.file) },
            row: row.map(|r| u64::from(r) + 1),
            column: column.map(str::to_owned),
            value,
            message,
            hint: None,
        });
    }
}

/// Cells holding a failed formula's error value, wherever they are (stored as text they would become titles), and
/// cells past the size cap.
fn error_cells(sheet: &Sheet, p: &mut Problems) {
    for (row, col, value) in sheet.cells.used_cells() {
        let (row, col) = (row as u32, col as u32);
        let start = sheet.cells.start().unwrap_or_default();
        let pos = (start.0 + row, start.1 + col);
        if let Data::String(text) = value
            && text.len() > super::cells::MAX_CELL_BYTES
        {
            let column = super::workbook::column_letters(pos.1);
            p.at(&sheet.name, Some(pos.0), Some(&column), None, super::cells::too_long_message(text.len()));
            continue;
        }
        let error = match value {
            Data::Error(e) => Some(e.to_string()),
            Data::String(s) if super::cells::is_error_value(s) && sheet.has_formula(pos.0, pos.1 as usize) => {
                Some(s.clone())
            }
            _ => None,
        };
        if let Some(error) = error {
            let column = super::workbook::column_letters(pos.1);
            p.at(
                &sheet.name,
                Some(pos.0),
                Some(&column),
                Some(error.clone()),
                super::cells::error_value_message(&error),
            );
        }
    }
}

/// A catalogue read from a workbook: every problem is reported, or none.
pub fn read(path: &Path) -> Result<Catalogue, WorkbookError> {
    let file = display_name(path);
    super::workbook::inspect(path, &file)?;
    let mut book =
        open_workbook_auto(path).map_err(|e| ImportError::excel(&file, format!("không đọc được bảng tính ({e})")))?;
    let names = book.sheet_names();
    let mut p = Problems { file: &file, list: Vec::new() };
    let mut sheet = |wanted: &str| -> Option<Sheet> {
        let name = names.iter().find(|n| fold(n) == fold(wanted))?.clone();
        let cells = book.worksheet_range(&name).ok()?;
        let formulas = book.worksheet_formula(&name).unwrap_or_default();
        Some(Sheet { name, cells, formulas })
    };
    let (Some(head), Some(bands), Some(nodes)) = (sheet(HEAD_SHEET), sheet(BANDS_SHEET), sheet(NODES_SHEET)) else {
        let missing = format!(
            "cần đủ ba trang «{HEAD_SHEET}», «{BANDS_SHEET}», «{NODES_SHEET}» như tệp do `cchc criteria export` tạo; tệp có: {}",
            names.join(", ")
        );
        p.at("", None, None, None, missing);
        return Err(WorkbookError::Problems { file: file.clone(), problems: p.list });
    };
    for sheet in [&head, &bands, &nodes] {
        error_cells(sheet, &mut p);
    }
    let head_rows = read_head(&head, &mut p);
    let cap_base = cap_base(&head, &head_rows, &mut p);
    let (band_rows, band_list) = read_bands(&bands, &mut p);
    let (node_rows, node_list) = read_nodes(&nodes, &mut p);
    if !p.list.is_empty() {
        return Err(WorkbookError::Problems { file: file.clone(), problems: p.list });
    }
    let value = |key: &str| head_rows.iter().find(|(k, _, _)| *k == key).map(|(_, _, v)| v.clone()).unwrap_or_default();
    let legal_basis = layout::lines(&value("legal_basis"));
    let cap = parse_points(&value("top_band_cap_percent")).ok().flatten();
    let classification = Classification {
        basis: value("basis"),
        top_band_cap_percent: cap,
        top_band_cap_base: cap_base,
        bands: band_list,
    };
    let (id, version, title, description) = (value("id"), value("version"), value("title"), value("description"));
    let head_part =
        Head { id: &id, version: &version, title: &title, description: &description, legal_basis: &legal_basis };
    let rendered = catalogue_toml::render(&head_part, &classification, &node_list);
    let catalogue = match catalogue_parse::parse(&file, &rendered.text) {
        Ok(catalogue) => catalogue,
        Err(error) => {
            for problem in error.problems {
                let (sheet, row, column) = match rendered.part_at(problem.line) {
                    Some(Part::Node(i, key)) => (NODES_SHEET, Some(node_rows[i]), header(&NODE_COLUMNS, key)),
                    Some(Part::Band(i, key)) => (BANDS_SHEET, Some(band_rows[i]), header(&BAND_COLUMNS, key)),
                    Some(Part::Head(key) | Part::Classification(key)) => {
                        let row = head_rows.iter().find(|(k, _, _)| *k == key).map(|(_, r, _)| *r);
                        (if key.is_empty() { BANDS_SHEET } else { HEAD_SHEET }, row, None)
                    }
                    None => (NODES_SHEET, None, None),
                };
                p.at(sheet, row, column, None, problem.message);
            }
            return Err(WorkbookError::Problems { file: file.clone(), problems: p.list });
        }
    };
    let periodic: f64 = catalogue.leaves().filter(|n| n.kind == NodeKind::Periodic).map(|n| n.max_points).sum();
    if (periodic - 100.0).abs() > 0.005 {
        let root = node_list.iter().position(|n| code::depth(&n.code) == 1 && n.kind == NodeKind::Periodic);
        let message = format!(
            "tổng điểm các nội dung định kỳ là {}, phải là 100; hãy chuyển điểm giữa các nội dung cho đủ 100",
            layout::points_text(periodic)
        );
        p.at(NODES_SHEET, root.map(|i| node_rows[i]), header(&NODE_COLUMNS, "max_points"), None, message);
        return Err(WorkbookError::Problems { file: file.clone(), problems: p.list });
    }
    Ok(catalogue)
}

fn header(columns: &[Column], key: &str) -> Option<&'static str> {
    columns.iter().find(|c| c.key == key).map(|c| c.header)
}

/// Key, row and value of each header-sheet row whose column A holds a known key.
/// What the top band's cap is counted on; blank: the decree's reading (`None`).
fn cap_base(sheet: &Sheet, rows: &[(&'static str, u32, String)], p: &mut Problems) -> Option<CapBase> {
    let (_, row, text) = rows.iter().find(|(k, _, v)| *k == "top_band_cap_base" && !v.trim().is_empty())?;
    let base = CapBase::parse(text);
    if base.is_none() {
        let message = "cần «tot» (tính trên số được xếp mức thứ hai) hoặc «tot-tro-len»; để trống là «tot»".to_owned();
        p.at(&sheet.name, Some(*row), Some("C"), Some(text.clone()), message);
    }
    base
}

fn read_head(sheet: &Sheet, p: &mut Problems) -> Vec<(&'static str, u32, String)> {
    let mut out = Vec::new();
    for row in sheet.rows() {
        let key = sheet.text(row, 0);
        if let Some((known, _)) = HEAD_ROWS.iter().find(|(k, label)| fold(&key) == fold(k) || fold(&key) == fold(label))
        {
            out.push((*known, row, sheet.text(row, 2)));
        }
    }
    for (key, label) in HEAD_ROWS.iter().take(3) {
        if out.iter().all(|(k, _, v)| k != key || v.is_empty()) {
            p.at(&sheet.name, None, Some("C"), None, format!("thiếu «{label}» (dòng có mã «{key}» ở cột A)"));
        }
    }
    out
}

/// Columns found in the header row (the first non-empty row): their positions by `columns` order.
fn map_columns(sheet: &Sheet, columns: &[Column], p: &mut Problems) -> Option<(u32, Vec<Option<usize>>)> {
    let header_row = sheet.rows().find(|&r| (0..columns.len() + 8).any(|c| !sheet.text(r, c).is_empty()))?;
    let width = sheet.cells.end().map_or(0, |(_, c)| c as usize + 1);
    let found: Vec<Option<usize>> =
        columns.iter().map(|col| (0..width).find(|&c| layout::names(col, &sheet.text(header_row, c)))).collect();
    let required = ["code", "title", "max_points", "name", "min", "max"];
    for (col, at) in columns.iter().zip(&found) {
        if at.is_none() && required.contains(&col.key) {
            p.at(&sheet.name, Some(header_row), Some(col.header), None, "thiếu cột này ở dòng tiêu đề".into());
        }
    }
    Some((header_row, found))
}

fn read_bands(sheet: &Sheet, p: &mut Problems) -> (Vec<u32>, Vec<Band>) {
    let (mut rows, mut bands) = (Vec::new(), Vec::new());
    let Some((header_row, cols)) = map_columns(sheet, &BAND_COLUMNS, p) else { return (rows, bands) };
    let at = |key| cols[layout::position(&BAND_COLUMNS, key)];
    for row in header_row + 1..sheet.rows().end {
        let text = |key| at(key).map(|c| sheet.text(row, c)).unwrap_or_default();
        if BAND_COLUMNS.iter().all(|c| text(c.key).is_empty()) {
            continue;
        }
        let mut number = |key| match at(key).map(|c| sheet.number(row, c)) {
            Some(Ok(Some(x))) => x,
            Some(Err(message)) => {
                p.at(&sheet.name, Some(row), header(&BAND_COLUMNS, key), Some(text(key)), message);
                0.0
            }
            _ => {
                p.at(&sheet.name, Some(row), header(&BAND_COLUMNS, key), Some(String::new()), "cần một số điểm".into());
                0.0
            }
        };
        let (min, max) = (number("min"), number("max"));
        rows.push(row);
        bands.push(Band { code: text("code"), name: text("name"), min, max });
    }
    (rows, bands)
}

/// Node rows as nodes (points of groups recomputed from their items), with their sheet rows.
fn read_nodes(sheet: &Sheet, p: &mut Problems) -> (Vec<u32>, Vec<Node>) {
    let (mut rows, mut nodes) = (Vec::new(), Vec::new());
    let Some((header_row, cols)) = map_columns(sheet, &NODE_COLUMNS, p) else { return (rows, nodes) };
    let at = |key| cols[layout::position(&NODE_COLUMNS, key)];
    let text = |row, key| at(key).map(|c| sheet.text(row, c)).unwrap_or_default();
    let data_rows: Vec<u32> = (header_row + 1..sheet.rows().end)
        .filter(|&r| NODE_COLUMNS.iter().any(|c| !text(r, c.key).is_empty()))
        .collect();
    let codes: Vec<String> = data_rows.iter().map(|&r| text(r, "code")).collect();
    let groups: HashSet<&str> = codes.iter().filter_map(|c| code::parent(c)).collect();
    // Points as written: a group's formula (or empty cell) counts as "derived".
    let mut written: Vec<Option<f64>> = Vec::with_capacity(data_rows.len());
    for (&row, code) in data_rows.iter().zip(&codes) {
        let is_group = groups.contains(code.as_str());
        let column = header(&NODE_COLUMNS, "max_points");
        let mut unreadable = false;
        let value = match at("max_points") {
            Some(c) if is_group && sheet.has_formula(row, c) => None,
            Some(c) => sheet.number(row, c).unwrap_or_else(|message| {
                p.at(&sheet.name, Some(row), column, Some(text(row, "max_points")), message);
                unreadable = true;
                None
            }),
            None => None,
        };
        if value.is_none() && !is_group && !code.is_empty() && !unreadable {
            let message = format!("nội dung «{code}» chưa có điểm tối đa; hãy nhập một số, ví dụ 1,5");
            p.at(&sheet.name, Some(row), column, Some(String::new()), message);
        }
        written.push(value);
    }
    let derived = group_totals(&codes, &written);
    for (i, (&row, code)) in data_rows.iter().zip(&codes).enumerate() {
        let parent_cell = text(row, "parent");
        let parent = code::parent(code).unwrap_or("");
        if !parent_cell.is_empty() && parent_cell != parent && code::validate(code).is_ok() {
            let message = format!(
                "mục cha «{parent_cell}» không khớp với mã «{code}» (theo mã, mục cha là «{}»); vị trí trong cây theo mã: hãy sửa mã hoặc mục cha",
                if parent.is_empty() { "(không có)" } else { parent }
            );
            p.at(&sheet.name, Some(row), header(&NODE_COLUMNS, "parent"), Some(parent_cell), message);
        }
        let kind = layout::parse_kind(&text(row, "kind")).unwrap_or_else(|message| {
            p.at(&sheet.name, Some(row), header(&NODE_COLUMNS, "kind"), Some(text(row, "kind")), message);
            NodeKind::Periodic
        });
        let rubric = layout::parse_rubric(&text(row, "rubric_type"), &text(row, "rubric")).unwrap_or_else(|message| {
            p.at(&sheet.name, Some(row), header(&NODE_COLUMNS, "rubric"), None, message);
            None
        });
        let is_leaf = !groups.contains(code.as_str());
        let max_points = derived[i];
        let optional = |key| Some(text(row, key)).filter(|t| !t.is_empty());
        rows.push(row);
        nodes.push(Node {
            code: code.clone(),
            title: text(row, "title"),
            kind,
            max_points,
            unit: optional("unit"),
            evidence: layout::lines(&text(row, "evidence")),
            rubric,
            note: optional("note"),
            parent: None,
            is_leaf,
            replaces: optional("replaces"),
        });
    }
    (rows, nodes)
}

/// Each row's points: as written, or for a group left to its formula (or empty), the sum of its children's, the
/// way the parser sums them (a repeated code counts once, at its first row), so a derived total never disagrees.
fn group_totals(codes: &[String], written: &[Option<f64>]) -> Vec<f64> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, code) in codes.iter().enumerate() {
        first.entry(code.as_str()).or_insert(i);
    }
    let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
    for (&code, &i) in &first {
        if let Some(parent) = code::parent(code) {
            children.entry(parent).or_default().push(i);
        }
    }
    fn total(i: usize, codes: &[String], written: &[Option<f64>], children: &HashMap<&str, Vec<usize>>) -> f64 {
        written[i].unwrap_or_else(|| {
            let under = children.get(codes[i].as_str()).map_or(&[][..], Vec::as_slice);
            under.iter().map(|&c| total(c, codes, written, children)).sum()
        })
    }
    (0..codes.len()).map(|i| total(i, codes, written, &children)).collect()
}

#[cfg(test)]
mod tests {
    use super::group_totals;

    #[test]
    fn derived_groups_sum_their_children_as_the_parser_does() {
        let codes: Vec<String> =
            ["1", "1.1", "1.1.1", "1.1.2", "1.1.1", "1.2", "1.2.1", "1.9.1"].map(String::from).into();
        // 1.1 derived; 1.2 typed over its formula; the repeated 1.1.1 and the orphan 1.9.1 count nowhere.
        let written = [None, None, Some(2.0), Some(3.0), Some(7.0), Some(5.0), Some(4.0), Some(1.5)];
        let totals = group_totals(&codes, &written);
        assert_eq!(totals, vec![10.0, 5.0, 2.0, 3.0, 7.0, 5.0, 4.0, 1.5]);
    }
}
