//! Terminal rendering: headings and paragraphs as wrapped text, tables and
//! charts with comfy-table.

use comfy_table::presets::UTF8_FULL;
use comfy_table::{
    Attribute, Cell as TermCell, CellAlignment, ColumnConstraint, ContentArrangement, Table as TermTable, Width,
};

use std::io::Write;
use std::ops::Range;

use crate::report::document::{Block, Chart, Document, Table};

use super::WriteError;

use super::common::{Align, chart_caption, chart_rows, flatten_sections, row_cells};

const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";
/// Width of the longest bar of a chart, in characters.
const BAR_WIDTH: f64 = 20.0;

/// Render for a terminal into `out`, line by line. `width` wraps text and tables (`None`: no wrapping); `color`
/// enables bold headings (pass `false` when `NO_COLOR` is set).
pub fn write_table(doc: &Document, width: Option<u16>, color: bool, out: &mut dyn Write) -> Result<(), WriteError> {
    let mut out = Out { out, tail: None, width: width.map(usize::from), color, chunk: CHUNK };
    let lh = &doc.letterhead;
    if let Some(parent) = &lh.parent_body {
        out.line(parent)?;
    }
    out.line(&lh.issuing_body)?;
    out.line(lh.number.trim())?;
    out.line(&lh.date_line())?;
    out.blank()?;
    out.heading(&doc.title)?;
    out.heading(&doc.subject)?;
    for flat in flatten_sections(&doc.sections) {
        out.blank()?;
        out.heading(&flat.section.heading())?;
        for block in &flat.section.blocks {
            match block {
                Block::Paragraph(text) => out.wrapped(text, "")?,
                Block::Note(text) => out.wrapped(&format!("({text})"), "")?,
                Block::Centered(text) => out.wrapped(text, "")?,
                Block::Bullets(items) => {
                    for item in items {
                        out.wrapped(&format!("- {item}"), "  ")?;
                    }
                }
                Block::Table(t) => out.report_table(t, width, color)?,
                Block::Chart(c) => out.table(&chart_caption(c), terminal_chart(c, width, color))?,
            }
        }
    }
    if let Some(closing) = &doc.closing {
        out.blank()?;
        out.wrapped(closing, "")?;
    }
    out.blank()?;
    out.line("Nơi nhận:")?;
    for line in lh.recipient_lines() {
        out.line(&line)?;
    }
    out.blank()?;
    for line in lh.signature.lines() {
        out.line(line)?;
    }
    Ok(out.line(&lh.signature.name)?)
}

struct Out<'a> {
    out: &'a mut dyn Write,
    /// The last two bytes written (the first one a zero when only one was), once something is.
    tail: Option<[u8; 2]>,
    width: Option<usize>,
    color: bool,
    /// Rows of a table laid out at once (see `report_table`).
    chunk: usize,
}

/// User text without control characters (no escape sequences reach the terminal).
fn printable(text: &str) -> String {
    text.chars().map(|c| if c == '\t' { ' ' } else { c }).filter(|c| *c == '\n' || !c.is_control()).collect()
}

impl Out<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes)?;
        self.tail = match bytes {
            [.., a, b] => Some([*a, *b]),
            [b] => Some([self.tail.map_or(0, |t| t[1]), *b]),
            [] => self.tail,
        };
        Ok(())
    }

    fn raw(&mut self, text: &str) -> std::io::Result<()> {
        self.write(text.trim_end().as_bytes())?;
        self.write(b"\n")
    }

    fn line(&mut self, line: &str) -> std::io::Result<()> {
        self.raw(&printable(line))
    }

    /// One empty line between blocks, none at the start.
    fn blank(&mut self) -> std::io::Result<()> {
        match self.tail {
            Some(tail) if &tail != b"\n\n" => self.write(b"\n"),
            _ => Ok(()),
        }
    }

    fn heading(&mut self, text: &str) -> std::io::Result<()> {
        let text = printable(text);
        if self.color { self.raw(&format!("{BOLD}{text}{RESET}")) } else { self.raw(&text) }
    }

    fn wrapped(&mut self, text: &str, indent: &str) -> std::io::Result<()> {
        let lines = match self.width {
            Some(width) => wrap(text, width.max(20), indent),
            None => vec![text.to_string()],
        };
        lines.iter().try_for_each(|l| self.line(l))
    }

    fn table(&mut self, title: &str, table: TermTable) -> std::io::Result<()> {
        self.blank()?;
        self.heading(title)?;
        self.raw(&table.to_string())?;
        self.blank()
    }

    /// A report table; one too long to lay out at once (a national year lists tens of thousands of findings) is
    /// laid out `chunk` rows at a time at the widths of the whole table, so that the lines are those of one table.
    /// Only without wrapping: wrapped to a terminal, a table is laid out whole.
    fn report_table(&mut self, t: &Table, width: Option<u16>, color: bool) -> std::io::Result<()> {
        let rows = t.rows.len() + t.total.iter().len();
        if width.is_some() || rows <= self.chunk {
            return self.table(&t.title, headed(terminal_rows(t, width, color, 0..rows), t, color));
        }
        let chunk = self.chunk;
        let chunks = || (0..rows).step_by(chunk).map(|start| start..rows.min(start + chunk));
        let mut widths = vec![0u16; t.columns.len()];
        for part in chunks() {
            let measured = headed(terminal_rows(t, None, color, part), t, color).column_max_content_widths();
            widths.iter_mut().zip(measured).for_each(|(w, m)| *w = (*w).max(m));
        }
        let fixed = |mut table: TermTable| {
            for (column, w) in table.column_iter_mut().zip(&widths) {
                let width = w.saturating_add(column.padding_width());
                column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(width)));
            }
            table
        };
        // The line between two rows, taken from a table of two empty rows at those widths.
        let mut pair = new_table(None);
        pair.add_row(vec![""; widths.len()]).add_row(vec![""; widths.len()]);
        let between = fixed(pair).lines().nth(2).unwrap_or_default();
        self.blank()?;
        self.heading(&t.title)?;
        let last = chunks().len() - 1;
        for (i, part) in chunks().enumerate() {
            let table = terminal_rows(t, None, color, part);
            let mut lines: Vec<String> = fixed(if i == 0 { headed(table, t, color) } else { table }).lines().collect();
            // The header only on the first part, whose top border is the line between two rows on the others; the
            // bottom border only under the last part.
            if i > 0 {
                lines[0].clone_from(&between);
            }
            if i < last {
                lines.pop();
            }
            lines.iter().try_for_each(|line| self.raw(line))?;
        }
        self.blank()
    }
}

/// Rows of a report table laid out at once: a few hundred kilobytes of text.
const CHUNK: usize = 1000;

/// Greedy word wrap by characters; continuation lines get `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::replace(&mut line, indent.to_string()));
        }
        if !line.trim().is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.trim().is_empty() {
        lines.push(line);
    }
    lines
}

fn new_table(width: Option<u16>) -> TermTable {
    let mut table = TermTable::new();
    table.load_style(UTF8_FULL).force_no_tty();
    match width {
        Some(w) => table.set_width(w).set_content_arrangement(ContentArrangement::Dynamic),
        None => table.set_content_arrangement(ContentArrangement::Disabled),
    };
    table
}

fn header_cell(text: &str, color: bool) -> TermCell {
    let cell = TermCell::new(printable(text));
    if color { cell.add_attribute(Attribute::Bold) } else { cell }
}

fn aligned(text: String, align: Align) -> TermCell {
    TermCell::new(printable(&text)).set_alignment(match align {
        Align::Left => CellAlignment::Left,
        Align::Center => CellAlignment::Center,
        Align::Right => CellAlignment::Right,
    })
}

fn styled(table: &mut TermTable, color: bool) {
    if color {
        table.enforce_styling();
    }
}

/// `table` under the header of `t`.
fn headed(mut table: TermTable, t: &Table, color: bool) -> TermTable {
    table.set_header(t.columns.iter().map(|c| header_cell(&c.title, color)));
    table
}

/// The rows `part` of `t` (its total row last, after its rows), without its header.
fn terminal_rows(t: &Table, width: Option<u16>, color: bool, part: Range<usize>) -> TermTable {
    let mut table = new_table(width);
    styled(&mut table, color);
    let rows = t.rows.iter().map(|r| (false, r)).chain(t.total.iter().map(|r| (true, r)));
    for (is_total, row) in rows.skip(part.start).take(part.len()) {
        table.add_row(row_cells(t, row).map(|(text, align)| {
            let out = aligned(text, align);
            if is_total && color { out.add_attribute(Attribute::Bold) } else { out }
        }));
    }
    table
}

/// A chart as a table of values with a text bar per value.
fn terminal_chart(chart: &Chart, width: Option<u16>, color: bool) -> TermTable {
    let mut table = new_table(width);
    styled(&mut table, color);
    if chart.is_empty() {
        table.add_row([TermCell::new("Không có dữ liệu")]);
        return table;
    }
    let (header, rows) = chart_rows(chart);
    let mut head: Vec<TermCell> = header.iter().map(|h| header_cell(h, color)).collect();
    head.push(header_cell("", color));
    table.set_header(head);
    let max = chart.axis_max();
    for (i, row) in rows.into_iter().enumerate() {
        let bars: Vec<String> =
            chart.drawn_series().iter().map(|s| bar(s.values.get(i).copied().flatten(), max)).collect();
        let mut cells: Vec<TermCell> =
            row.into_iter().enumerate().map(|(j, text)| aligned(text, Align::of_chart_column(j))).collect();
        cells.push(TermCell::new(bars.join("\n")));
        table.add_row(cells);
    }
    table
}

fn bar(value: Option<f64>, max: f64) -> String {
    let Some(value) = value.filter(|v| v.is_finite()) else {
        return String::new();
    };
    let ratio = (value / max).clamp(0.0, 1.0);
    // Rounded to whole characters; the float is small and non-negative.
    let len = (ratio * BAR_WIDTH).round() as usize;
    "█".repeat(len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::write::sample::{sample, written};

    fn render_table(doc: &Document, width: Option<u16>, color: bool) -> String {
        written(|out| write_table(doc, width, color, out)).unwrap_or_default()
    }

    #[test]
    fn table_snapshot() {
        let text = render_table(&sample(), Some(100), false);
        insta::with_settings!({ prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("report_table", text);
        });
    }

    #[test]
    fn no_color_means_no_escape_codes() {
        let mut doc = sample();
        doc.subject = "\x1b[2J xoá màn hình".into();
        doc.sections[0].blocks.push(Block::Bullets(vec!["\x1b[31mđỏ".into()]));
        let plain = render_table(&doc, None, false);
        assert!(!plain.contains('\x1b'));
        let styled = render_table(&sample(), None, true);
        assert!(styled.contains(BOLD));
    }

    /// Laid out in parts, a long table has the lines it has laid out whole: the widths of its longest cells
    /// wherever they are, one header, the lines between all rows, its total, one bottom border.
    #[test]
    fn a_long_table_laid_out_in_parts_is_the_table_laid_out_whole() {
        let mut t = crate::report::write::sample::scores_table();
        let row = t.rows[1].clone();
        for i in 0..2 * CHUNK + 7 {
            let mut r = row.clone();
            r[0] = crate::report::document::Cell::Integer(i as i64);
            // The widest cell only in the last part.
            let note = if i == 2 * CHUNK + 3 { "y".repeat(150) } else { "x".repeat(i % 97) };
            r[6] = crate::report::document::Cell::text(note);
            t.rows.push(r);
        }
        for color in [false, true] {
            let laid_out = |chunk: usize| {
                let mut bytes = Vec::new();
                let mut out = Out { out: &mut bytes, tail: None, width: None, color, chunk };
                out.report_table(&t, None, color).map(|()| String::from_utf8(bytes).unwrap_or_default())
            };
            let (parts, whole) = (laid_out(CHUNK).unwrap(), laid_out(usize::MAX).unwrap());
            assert_eq!(parts, whole);
            assert_eq!(whole.matches("Tổng cộng").count(), 1);
        }
    }

    #[test]
    fn narrow_width_wraps() {
        let text = render_table(&sample(), Some(60), false);
        let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(widest <= 60, "{widest}");
    }
}
