//! `cchc criteria export`: the catalogue as a workbook a secretary edits in Excel or LibreOffice. One row per node,
//! indented and outlined by level; a group's points are a live sum of its items' rows (by the parent column, so a
//! row added under a group counts at once); codes, points, kinds and rubric kinds are validated as they are typed.

use std::path::Path;

use anyhow::{Context as _, Result};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign, FormatBorder, Formula, Workbook,
    Worksheet, XlsxError,
};

use crate::domain::catalogue::{Catalogue, Node};
use crate::domain::code;
use crate::import::catalogue_workbook::layout::{
    self, BAND_COLUMNS, BANDS_SHEET, Column, HEAD_ROWS, HEAD_SHEET, LEVELS, NODE_COLUMNS, NODES_SHEET, RATIO,
};

/// Rows the formulas and validations reach: room for items a secretary adds.
const LAST_ROW: u32 = 4999;

pub fn write(catalogue: &Catalogue, database: &Path, path: &Path) -> Result<()> {
    let mut book = Workbook::new();
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_title(&catalogue.title));
    nodes_sheet(book.add_worksheet(), catalogue).context("không dựng được trang tiêu chí")?;
    head_sheet(book.add_worksheet(), catalogue).context("không dựng được trang thông tin")?;
    bands_sheet(book.add_worksheet(), catalogue).context("không dựng được trang xếp loại")?;
    Ok(crate::files::write(database, path, crate::files::Kind::Xlsx, &book.save_to_buffer()?)?)
}

fn header_row(sheet: &mut Worksheet, columns: &[Column]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_text_wrap().set_background_color("#DDEBF7").set_border(FormatBorder::Thin);
    for (c, column) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, column.header, &bold)?;
        sheet.set_column_width(c as u16, column.width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    // Printed for review: A4 landscape, every column on one page's width, the header on every page.
    sheet.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

/// Excel's column letter of a column key in the node sheet (`A` for the code).
fn letter(key: &str) -> char {
    (b'A' + layout::position(&NODE_COLUMNS, key) as u8) as char
}

fn nodes_sheet(sheet: &mut Worksheet, catalogue: &Catalogue) -> Result<(), XlsxError> {
    sheet.set_name(NODES_SHEET)?;
    header_row(sheet, &NODE_COLUMNS)?;
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let text = Format::new().set_num_format("@").set_align(FormatAlign::Top);
    let number = Format::new().set_align(FormatAlign::Top);
    let col = |key| layout::position(&NODE_COLUMNS, key) as u16;
    // Codes stay text as typed: Excel would read 1.10 as the number 1.1.
    sheet.set_column_format(col("code"), &text)?;
    sheet.set_column_format(col("parent"), &text)?;
    sheet.set_column_format(col("replaces"), &text)?;
    for (i, node) in catalogue.nodes.iter().enumerate() {
        let row = i as u32 + 1;
        let depth = code::depth(&node.code);
        let mut title = wrap.clone().set_indent(depth.saturating_sub(1).min(15) as u8);
        let mut points = number.clone();
        if !node.is_leaf {
            title = title.set_bold();
            points = points.set_bold();
        }
        sheet.write_string_with_format(row, col("code"), &node.code, &text)?;
        sheet.write_string_with_format(row, col("parent"), node.parent.as_deref().unwrap_or(""), &text)?;
        sheet.write_string_with_format(row, col("title"), &node.title, &title)?;
        if node.is_leaf {
            sheet.write_number_with_format(row, col("max_points"), node.max_points, &points)?;
        } else {
            let (b, a, d) = (letter("parent"), letter("code"), letter("max_points"));
            let end = LAST_ROW + 1;
            let sum = Formula::new(format!("=SUMIF(${b}$2:${b}${end},{a}{},${d}$2:${d}${end})", row + 1))
                .set_result(crate::domain::catalogue_toml::number(catalogue.sum_of_leaves(&node.code)));
            sheet.write_formula_with_format(row, col("max_points"), sum, &points)?;
        }
        sheet.write_string_with_format(row, col("kind"), layout::kind_text(node.kind), &wrap)?;
        sheet.write_string_with_format(row, col("unit"), node.unit.as_deref().unwrap_or(""), &wrap)?;
        sheet.write_string_with_format(row, col("evidence"), node.evidence.join("\n"), &wrap)?;
        if let Some(rubric) = &node.rubric {
            let (kind, lines) = layout::rubric_text(rubric);
            sheet.write_string_with_format(row, col("rubric_type"), kind, &wrap)?;
            sheet.write_string_with_format(row, col("rubric"), lines, &wrap)?;
        }
        sheet.write_string_with_format(row, col("note"), node.note.as_deref().unwrap_or(""), &wrap)?;
        sheet.write_string_with_format(row, col("replaces"), node.replaces.as_deref().unwrap_or(""), &text)?;
    }
    outline(sheet, &catalogue.nodes)?;
    validations(sheet)
}

/// Each group's descendants (contiguous rows: the nodes are in pre-order) form one outline level under it.
fn outline(sheet: &mut Worksheet, nodes: &[Node]) -> Result<(), XlsxError> {
    sheet.group_symbols_above(true);
    for (i, node) in nodes.iter().enumerate().filter(|(_, n)| !n.is_leaf && n.parent.is_some()) {
        let prefix = format!("{}.", node.code);
        let count = nodes[i + 1..].iter().take_while(|n| n.code.starts_with(&prefix)).count() as u32;
        if count > 0 {
            let first = i as u32 + 2;
            sheet.group_rows(first, first + count - 1)?;
        }
    }
    Ok(())
}

fn validations(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    let col = |key| layout::position(&NODE_COLUMNS, key) as u16;
    let a = letter("code");
    let unique_code = DataValidation::new()
        .allow_custom(Formula::new(format!(
            "=AND(COUNTIF(${a}$2:${a}${},{a}2)=1,ISERROR(FIND(\" \",{a}2)))",
            LAST_ROW + 1
        )))
        .set_input_title("Mã tiêu chí")?
        .set_input_message("Các số cách nhau bởi dấu chấm, ví dụ 1.3.2; không trùng mã khác.")?
        .set_error_title("Mã không hợp lệ")?
        .set_error_message("Mã đã có ở dòng khác hoặc có dấu cách. Mỗi tiêu chí một mã riêng, ví dụ 1.3.2.")?;
    sheet.add_data_validation(1, col("code"), LAST_ROW, col("code"), &unique_code)?;
    let points = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
        .set_input_title("Điểm tối đa")?
        .set_input_message("Nhập điểm của nội dung; dòng nhóm tự cộng điểm các mục con.")?
        .set_error_message("Điểm phải là số từ 0 đến 100.")?;
    sheet.add_data_validation(1, col("max_points"), LAST_ROW, col("max_points"), &points)?;
    let kinds = DataValidation::new()
        .allow_list_strings(&[layout::kind_text(crate::domain::catalogue::NodeKind::Periodic), "đột xuất"])?;
    sheet.add_data_validation(1, col("kind"), LAST_ROW, col("kind"), &kinds)?;
    let rubric_kinds =
        DataValidation::new().allow_list_strings(&[LEVELS, RATIO])?.set_error_style(DataValidationErrorStyle::Warning);
    sheet.add_data_validation(1, col("rubric_type"), LAST_ROW, col("rubric_type"), &rubric_kinds)?;
    Ok(())
}

fn head_sheet(sheet: &mut Worksheet, catalogue: &Catalogue) -> Result<(), XlsxError> {
    sheet.set_name(HEAD_SHEET)?;
    let grey = Format::new().set_font_color("#808080").set_align(FormatAlign::Top);
    let bold = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    sheet.set_column_width(0, 20)?;
    sheet.set_column_width(1, 38)?;
    sheet.set_column_width(2, 90)?;
    let cap = catalogue.classification.top_band_cap_percent.map(layout::points_text).unwrap_or_default();
    for (i, (key, label)) in HEAD_ROWS.iter().enumerate() {
        let value = match *key {
            "id" => catalogue.id.clone(),
            "version" => catalogue.version.clone(),
            "title" => catalogue.title.clone(),
            "description" => catalogue.description.clone(),
            "legal_basis" => catalogue.legal_basis.join("\n"),
            "basis" => catalogue.classification.basis.clone(),
            "top_band_cap_base" => {
                catalogue.classification.top_band_cap_base.map(|b| b.as_str().to_owned()).unwrap_or_default()
            }
            _ => cap.clone(),
        };
        let row = i as u32;
        sheet.write_string_with_format(row, 0, *key, &grey)?;
        sheet.write_string_with_format(row, 1, *label, &bold)?;
        sheet.write_string_with_format(row, 2, value, &wrap)?;
    }
    let notes = [
        "Cách sửa: sửa nội dung, điểm ở trang «Tiêu chí» (điểm của nhóm tự cộng từ các mục con), tăng «Phiên bản»,",
        "lưu tệp rồi chạy: cchc criteria import TỆP.xlsx -o TỆP.toml; cchc criteria load TỆP.xlsx; cchc criteria diff.",
        "Mục đổi số thứ tự: ghi mã cũ vào cột «Thay cho mã (năm trước)» để báo cáo năm so sánh được với năm trước.",
    ];
    for (i, note) in notes.iter().enumerate() {
        sheet.write_string_with_format(HEAD_ROWS.len() as u32 + 1 + i as u32, 1, *note, &grey)?;
    }
    Ok(())
}

fn bands_sheet(sheet: &mut Worksheet, catalogue: &Catalogue) -> Result<(), XlsxError> {
    sheet.set_name(BANDS_SHEET)?;
    header_row(sheet, &BAND_COLUMNS)?;
    for (i, band) in catalogue.classification.bands.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &band.code)?;
        sheet.write_string(row, 1, &band.name)?;
        sheet.write_number(row, 2, band.min)?;
        sheet.write_number(row, 3, band.max)?;
    }
    Ok(())
}
