//! Formatting shared by the text writers: Vietnamese number and date display,
//! cell alignment, escaping, and flattening of the section tree.

use chrono::NaiveDate;

use crate::report::document::{Cell, Chart, ColumnKind, Section};

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

    pub fn name(self) -> &'static str {
        match self {
            Self::Left => "left",
            Self::Center => "center",
            Self::Right => "right",
        }
    }
}

/// dd/mm/yyyy.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// Vietnamese number display: decimal comma, dot as thousands separator
/// ("1.234,5"). Non-finite values are shown as empty.
pub fn format_decimal(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return String::new();
    }
    // Round half away from zero (6,25 → 6,3), as people round scores by hand.
    let factor = 10f64.powi(i32::try_from(decimals).unwrap_or(0));
    let rounded = (value.abs() * factor).round() / factor;
    let fixed = format!("{rounded:.decimals$}");
    let (int_part, frac_part) = fixed.split_once('.').unwrap_or((fixed.as_str(), ""));
    let is_zero = fixed.bytes().all(|b| b == b'0' || b == b'.');
    let sign = if value < 0.0 && !is_zero { "-" } else { "" };
    let mut out = format!("{sign}{}", group_thousands(int_part));
    if !frac_part.is_empty() {
        out.push(',');
        out.push_str(frac_part);
    }
    out
}

/// A number without a column format: up to two decimals, trailing zeros dropped.
pub fn format_general(value: f64) -> String {
    let text = format_decimal(value, 2);
    if text.contains(',') { text.trim_end_matches('0').trim_end_matches(',').to_string() } else { text }
}

pub fn format_integer(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let sign = if value < 0 { "-" } else { "" };
    format!("{sign}{}", group_thousands(&digits))
}

fn group_thousands(digits: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// Display text of a cell in a column of the given kind.
pub fn format_cell(cell: &Cell, kind: ColumnKind) -> String {
    match cell {
        Cell::Text(text) => text.clone(),
        Cell::Number(value) => match kind {
            ColumnKind::Number { decimals } => format_decimal(*value, usize::from(decimals)),
            ColumnKind::Integer => format_decimal(*value, 0),
            ColumnKind::Percent => percent(*value),
            ColumnKind::Text | ColumnKind::Date => format_general(*value),
        },
        Cell::Integer(value) => match kind {
            ColumnKind::Percent => format!("{}%", format_integer(*value)),
            _ => format_integer(*value),
        },
        Cell::Date(date) => format_date(*date),
        Cell::Empty => String::new(),
    }
}

fn percent(ratio: f64) -> String {
    let text = format_decimal(ratio * 100.0, 1);
    if text.is_empty() { text } else { format!("{text}%") }
}

/// Decimals that show every value of a chart exactly (at most two), so that a
/// column of values lines up ("9,0" next to "8,5").
pub fn chart_decimals(chart: &Chart) -> usize {
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
        Some(v) if v.is_finite() => format_decimal(v, decimals),
        _ => "—".to_string(),
    }
}

/// Header and rows of a chart shown as a table: category, then one column per series.
pub fn chart_rows(chart: &Chart) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header = vec!["Nội dung".to_string()];
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

pub use crate::output::looks_like_formula;

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
    fn numbers_use_decimal_comma() {
        assert_eq!(format_decimal(7.5, 1), "7,5");
        assert_eq!(format_decimal(6.25, 1), "6,3");
        assert_eq!(format_decimal(14.75, 1), "14,8");
        assert_eq!(format_decimal(1234.5, 1), "1.234,5");
        assert_eq!(format_decimal(-0.01, 1), "0,0");
        assert_eq!(format_decimal(-2.25, 2), "-2,25");
        assert_eq!(format_decimal(f64::NAN, 1), "");
        assert_eq!(format_general(8.0), "8");
        assert_eq!(format_general(7.25), "7,25");
        assert_eq!(format_general(7.5), "7,5");
        assert_eq!(format_integer(-1234567), "-1.234.567");
        assert_eq!(format_cell(&Cell::Number(0.755), ColumnKind::Percent), "75,5%");
    }

    #[test]
    fn escapes_and_strips_illegal_xml() {
        assert_eq!(xml_escape("a<b>&\"'\u{0}\u{8}c"), "a&lt;b&gt;&amp;&quot;&apos;c");
        assert!(looks_like_formula("=1+1"));
        assert!(!looks_like_formula("Điểm"));
    }
}
