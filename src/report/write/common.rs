//! Formatting shared by the text writers: cells in their column's format (numbers and dates as `output` and
//! `domain::date` show them), chart values, cell alignment, escaping, and flattening of the section tree.

use crate::domain::date;
use crate::domain::number::{decimal, integer, percent, points};
use crate::report::document::{Cell, Chart, ColumnKind, Section, Table};

/// Horizontal alignment of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

impl Align {
    pub fn of(kind: ColumnKind, cell: &Cell) -> Self {
        match (kind, cell) {
            (_, Cell::Number(_) | Cell::Integer(_)) => Self::Right,
            (k, _) if k.is_numeric() => Self::Right,
            (ColumnKind::Date, _) | (_, Cell::Date(_)) => Self::Center,
            _ => Self::Left,
        }
    }

    pub fn of_column(kind: ColumnKind) -> Self {
        match kind {
            k if k.is_numeric() => Self::Right,
            ColumnKind::Date => Self::Center,
            _ => Self::Left,
        }
    }

    /// A chart shown as a table: the category at the left, its values at the right.
    pub fn of_chart_column(column: usize) -> Self {
        if column == 0 { Self::Left } else { Self::Right }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Left => "left",
            Self::Center => "center",
            Self::Right => "right",
        }
    }
}

/// Display text of a cell in a column of the given kind.
pub fn format_cell(cell: &Cell, kind: ColumnKind) -> String {
    match cell {
        Cell::Text(text) => text.clone(),
        Cell::Number(value) => match kind {
            ColumnKind::Number { decimals } => decimal(*value, usize::from(decimals)),
            ColumnKind::Integer => decimal(*value, 0),
            ColumnKind::Percent => percent(*value),
            ColumnKind::Text | ColumnKind::Date => points(*value),
        },
        Cell::Integer(value) => match kind {
            ColumnKind::Percent => format!("{}{}", integer(*value), crate::domain::number::PERCENT_SIGN),
            _ => integer(*value),
        },
        Cell::Date(date) => date::format(*date),
        Cell::Empty => String::new(),
    }
}

/// Display text and alignment of a row's cells, each in its column's format (text for cells past the columns).
pub fn row_cells<'a>(table: &'a Table, row: &'a [Cell]) -> impl Iterator<Item = (String, Align)> + 'a {
    row.iter().enumerate().map(|(i, cell)| {
        let kind = table.columns.get(i).map_or(ColumnKind::Text, |c| c.kind);
        (format_cell(cell, kind), Align::of(kind, cell))
    })
}

/// The chart's own decimals, else those that show every value exactly (at most two), so that a column of
/// values lines up ("9,0" next to "8,5").
pub fn chart_decimals(chart: &Chart) -> usize {
    if let Some(decimals) = chart.decimals {
        return decimals.into();
    }
    let needed = |v: f64| {
        if ((v * 10.0).round() - v * 10.0).abs() > 1e-6 {
            2
        } else if (v.round() - v).abs() > 1e-6 {
            1
        } else {
            0
        }
    };
    let values = chart.drawn_series().iter().flat_map(|s| s.values.iter().flatten());
    values.filter(|v| v.is_finite()).map(|v| needed(*v)).max().unwrap_or(0)
}

/// A chart value for display, or a dash when missing.
pub fn format_chart_value(value: Option<f64>, decimals: usize) -> String {
    match value {
        Some(v) if v.is_finite() => decimal(v, decimals),
        _ => "—".to_string(),
    }
}

/// A chart's title with its unit: "Điểm theo lĩnh vực (đơn vị: điểm)".
pub fn chart_caption(chart: &Chart) -> String {
    match chart.unit.trim() {
        "" => chart.title.clone(),
        unit => format!("{} (đơn vị: {unit})", chart.title),
    }
}

/// Header and rows of a chart shown as a table: category, then one column per series.
pub fn chart_rows(chart: &Chart) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header = vec![chart.category.clone()];
    header.extend(chart.drawn_series().iter().enumerate().map(|(i, s)| match (s.name.trim(), chart.unit.trim()) {
        ("", "") => format!("Giá trị {}", i + 1),
        ("", unit) => format!("Giá trị ({unit})"),
        (name, _) => name.to_string(),
    }));
    let decimals = chart_decimals(chart);
    let rows = chart
        .categories
        .iter()
        .enumerate()
        .map(|(i, category)| {
            let mut row = vec![category.clone()];
            row.extend(
                chart.drawn_series().iter().map(|s| format_chart_value(s.values.get(i).copied().flatten(), decimals)),
            );
            row
        })
        .collect();
    (header, rows)
}

/// A section with its depth (1 for top level), for writers that emit a flat stream.
pub struct FlatSection<'a> {
    pub level: usize,
    pub section: &'a Section,
}

pub fn flatten_sections(sections: &[Section]) -> Vec<FlatSection<'_>> {
    fn walk<'a>(sections: &'a [Section], level: usize, out: &mut Vec<FlatSection<'a>>) {
        for section in sections {
            out.push(FlatSection { level, section });
            walk(&section.subsections, level + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(sections, 1, &mut out);
    out
}

pub use crate::domain::text::looks_like_formula;

/// Drop characters that XML 1.0 forbids (C0 controls other than tab, LF, CR; U+FFFE/U+FFFF).
pub fn is_xml_char(ch: char) -> bool {
    matches!(ch, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escape text for XML/HTML element content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars().filter(|c| is_xml_char(*c)) {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_follow_their_column() {
        assert_eq!(format_cell(&Cell::Number(0.755), ColumnKind::Percent), "75,5\u{a0}%");
        assert_eq!(format_cell(&Cell::Number(91.8), ColumnKind::Number { decimals: 2 }), "91,80");
        assert_eq!(format_cell(&Cell::Number(7.5), ColumnKind::Text), "7,5");
        assert_eq!(format_cell(&Cell::Integer(1234), ColumnKind::Integer), "1.234");
    }

    #[test]
    fn charts_keep_their_own_decimals_or_show_just_enough() {
        let mut chart = super::super::sample::scores_chart();
        assert_eq!(chart_decimals(&chart), 2, "6,25 needs two");
        chart.series.iter_mut().for_each(|s| s.values = vec![Some(8.5), Some(9.0)]);
        assert_eq!(chart_decimals(&chart), 1);
        chart.decimals = Some(2);
        assert_eq!(chart_rows(&chart).1[0][1], "8,50");
    }

    #[test]
    fn escapes_and_strips_illegal_xml() {
        assert_eq!(xml_escape("a<b>&\"'\u{0}\u{8}c"), "a&lt;b&gt;&amp;&quot;&apos;c");
        assert!(looks_like_formula("=1+1"));
        assert!(!looks_like_formula("Điểm"));
    }
}
