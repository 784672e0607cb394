//! CSV: every table one after another (title line, header, rows, total, blank
//! line). UTF-8 with a byte-order mark so that Excel shows Vietnamese text.

use std::io::Write;

use crate::domain::date;
use crate::report::document::{Cell, Document, Table};

use super::WriteError;
use crate::domain::text::neutralise_formula as neutralise;

const BOM: &str = "\u{FEFF}";

pub fn write_csv(doc: &Document, out: &mut dyn Write) -> Result<(), WriteError> {
    out.write_all(BOM.as_bytes())?;
    for table in doc.tables() {
        write_table(&mut *out, table)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn write_table(out: &mut dyn Write, table: &Table) -> Result<(), WriteError> {
    let mut writer = ::csv::WriterBuilder::new().flexible(true).from_writer(out);
    writer.write_record([neutralise(&table.title)])?;
    writer.write_record(table.columns.iter().map(|c| neutralise(&c.title)))?;
    for row in table.rows.iter().chain(table.total.iter()) {
        writer.write_record(row.iter().map(cell_text))?;
    }
    Ok(writer.flush()?)
}

/// Plain machine-readable numbers (`7.5`), dates dd/mm/yyyy.
fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => neutralise(text),
        Cell::Number(value) if value.is_finite() => value.to_string(),
        Cell::Number(_) | Cell::Empty => String::new(),
        Cell::Integer(value) => value.to_string(),
        Cell::Date(day) => date::format(*day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::document::Column;
    use crate::report::write::sample::{sample, written};

    fn text(doc: &Document) -> String {
        written(|out| write_csv(doc, out)).unwrap_or_default()
    }

    #[test]
    fn tables_with_plain_numbers() {
        let csv = text(&sample());
        assert!(csv.starts_with(BOM));
        let lines: Vec<&str> = csv.trim_start_matches(BOM).lines().collect();
        assert_eq!(lines[0], "Điểm kiểm tra theo lĩnh vực");
        assert_eq!(lines[1], "STT,Lĩnh vực,Điểm tối đa,Điểm thẩm định,Tỷ lệ,Ngày kiểm tra,Ghi chú");
        assert_eq!(lines[2], "1,\"Công tác chỉ đạo, điều hành\",10,8.5,0.85,01/07/2026,");
        assert_eq!(lines[5], ",Tổng cộng,29,14.75,,,");
        assert_eq!(lines[6], "");
    }

    #[test]
    fn formula_injection_is_neutralised() {
        let mut doc = sample();
        let mut table = Table::new("t", "=cmd", vec![Column::text("@A"), Column::text("B")]);
        table.push_row(vec![Cell::text("=HYPERLINK(\"http://x\",\"y\")"), Cell::text("+1")]);
        table.push_row(vec![Cell::text("-2"), Cell::text("\tx")]);
        doc.sections[0].blocks.push(crate::report::document::Block::Table(table));
        let csv = text(&doc);
        assert!(csv.contains("'=cmd\n'@A,B\n"));
        assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1\n"));
        assert!(csv.contains("'-2,'\tx\n") || csv.contains("'-2,\"'\tx\"\n"));
        assert!(!csv.lines().any(|l| l.starts_with('=') || l.starts_with("\"=")));
        // neutralised in the sample table too
        assert!(csv.contains(",'=1+1\n"));
    }
}
