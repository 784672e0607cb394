//! Numbers as they are shown, for every writer: a report's CSV, JSON and XLSX carry the figure a reader sees in
//! its DOCX or HTML (0.773 for "77,3%", 7.73 for "7,73"), never 0.7726999999999999. The builders compute from
//! unrounded values; `render` rounds once, here, just before writing.

use crate::domain::number::{self, PERCENT_DECIMALS, POINT_DECIMALS};
use crate::report::document::{Block, Cell, ColumnKind, Document, Section, Table};

/// A number in a column of `kind`, rounded as that column shows it.
pub fn as_shown(kind: ColumnKind, value: f64) -> f64 {
    match kind {
        ColumnKind::Number { decimals } => number::round(value, decimals),
        ColumnKind::Integer => number::round(value, 0),
        // A ratio shown as a percentage with one decimal.
        ColumnKind::Percent => number::round(value, PERCENT_DECIMALS + 2),
        ColumnKind::Text | ColumnKind::Date => number::round(value, POINT_DECIMALS),
    }
}

/// The document with every table number and every chart value rounded as shown.
pub fn document(mut doc: Document) -> Document {
    doc.sections.iter_mut().for_each(section);
    doc
}

fn section(section: &mut Section) {
    for block in &mut section.blocks {
        match block {
            Block::Table(t) => table(t),
            Block::Chart(chart) => {
                // A chart without fixed decimals shows every value exactly: nothing to round.
                if let Some(decimals) = chart.decimals {
                    let values = chart.series.iter_mut().flat_map(|s| s.values.iter_mut()).flatten();
                    values.for_each(|v| *v = number::round(*v, decimals));
                }
            }
            Block::Paragraph(_) | Block::Bullets(_) | Block::Note(_) | Block::Centered(_) => {}
        }
    }
    section.subsections.iter_mut().for_each(self::section);
}

fn table(table: &mut Table) {
    let kinds: Vec<ColumnKind> = table.columns.iter().map(|c| c.kind).collect();
    for row in table.rows.iter_mut().chain(table.total.iter_mut()) {
        for (i, cell) in row.iter_mut().enumerate() {
            if let Cell::Number(value) = cell {
                *value = as_shown(kinds.get(i).copied().unwrap_or(ColumnKind::Text), *value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::document::Column;
    use crate::report::write::sample::sample;

    #[test]
    fn numbers_are_rounded_as_their_column_shows_them() {
        assert_eq!(as_shown(ColumnKind::Percent, 0.7726999999999999), 0.773);
        assert_eq!(as_shown(ColumnKind::Number { decimals: 2 }, 100.0 * 0.7727), 77.27);
        assert_eq!(as_shown(ColumnKind::Number { decimals: 1 }, 6.25), 6.3);
        assert_eq!(as_shown(ColumnKind::Text, 0.1 + 0.2), 0.3);
        let mut doc = sample();
        let mut t = Table::new("t", "Tỷ lệ", vec![Column::percent("Tỷ lệ"), Column::number("Điểm", 2)]);
        t.push_row(vec![Cell::Number(0.7726999999999999), Cell::Number(1.0 / 3.0)]);
        doc.sections[0].blocks.push(Block::Table(t));
        let shown = document(doc);
        let Some(Block::Table(t)) = shown.sections[0].blocks.last() else { panic!("no table") };
        assert_eq!(t.rows[0], vec![Cell::Number(0.773), Cell::Number(0.33)]);
    }
}
