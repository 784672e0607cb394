//! Column widths from content, for the writers that lay tables out on an A4 page (DOCX, HTML): numbers and dates
//! get the room they need on one line, and the text columns share the rest by how much text they hold, so that
//! the longest text is not wrapped to a dozen lines beside a half-empty column. Columns with nothing in any row
//! are left out of those layouts.

use std::borrow::Cow;

use crate::report::document::{Cell, Table};

use super::common::format_cell;

/// How many rows of a table its widths are fitted to: enough to know its text, few enough to fit a national
/// year's tens of thousands of findings in no time.
const SAMPLE_ROWS: usize = 150;

/// The narrowest a column of text gets (unless all its text is shorter), in characters.
const TEXT_MIN: f64 = 8.0;

/// What a column holds, in characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Need {
    header: String,
    /// The longest word of the header or of a text cell, or the longest number or date: never broken; for a
    /// column of long sentences a little more (`roomy`), when the page has it.
    min: f64,
    /// `min` without the extra room of a column of long sentences.
    floor: f64,
    /// Every cell on one line.
    want: f64,
    /// The cells of the first rows (`SAMPLE_ROWS`), for the lines they take at a given width.
    cells: Vec<String>,
    /// Whether some cell holds text of more than one word (which wraps).
    text: bool,
}

/// The width of `text` in characters of average width: punctuation counts half.
fn chars(text: &str) -> f64 {
    text.chars()
        .map(|c| if matches!(c, '.' | ',' | ':' | ';' | '/' | '(' | ')' | '\'' | '!' | '|' | '-') { 0.5 } else { 1.0 })
        .sum()
}

impl Need {
    /// `cells`: each cell's display text and whether it is text (as opposed to a number or a date). Text that is
    /// one word (a code, a file name) does not wrap, like a number.
    pub fn of(header: &str, cells: impl Iterator<Item = (String, bool)>) -> Need {
        let longest_word = |s: &str| s.split_whitespace().map(chars).fold(0.0, f64::max);
        // Headers are bold: a little wider than the cells' text.
        let mut min = (longest_word(header) + 1.5).max(3.0);
        let mut want = min;
        let mut text = false;
        let mut sample = Vec::new();
        for (content, text_cell) in cells {
            let len = chars(&content);
            want = want.max(len);
            if text_cell && content.split_whitespace().nth(1).is_some() {
                text = true;
                min = min.max(longest_word(&content));
            } else if text_cell && content.contains('-') {
                // An id ("2026-dot1-F09") breaks after its hyphens, as a word processor breaks it.
                min = min.max(content.split_inclusive('-').map(chars).fold(0.0, f64::max) + 0.5);
            } else {
                // Bold in a total row, and never to be broken: a little slack.
                min = min.max(len + 0.5);
            }
            if sample.len() < SAMPLE_ROWS {
                sample.push(content);
            }
        }
        let floor;
        if text {
            // A column of sentences a word a line reads badly, however few lines it saves elsewhere; one of long
            // sentences gets at least a tenth of its longest, so that it is not squeezed beside a column of ids.
            floor = min.max(want.min(TEXT_MIN));
            min = floor.max(want.min(want / 10.0));
        } else {
            // A column of numbers or dates is narrow, but its header takes at most three lines or so.
            min = min.max(chars(header) / 2.5 + 1.0);
            floor = min;
        }
        Need { header: header.to_owned(), min, floor, want, cells: sample, text }
    }
}

/// The lines `text` takes in a column `width` characters wide, its words wrapped greedily (a word longer than
/// the line is broken); half a character is kept spare, as widths are estimates.
fn lines(text: &str, width: f64) -> usize {
    let width = (width - 0.5).max(1.0);
    let mut count = 1;
    let mut used = 0.0;
    for word in text.split_whitespace() {
        let len = chars(word);
        let needed = if used > 0.0 { used + 1.0 + len } else { len };
        if needed <= width + 1e-9 {
            used = needed;
        } else if used > 0.0 {
            count += 1;
            used = len;
        } else {
            used = len;
        }
        while used > width + 1e-9 {
            count += 1;
            used -= width;
        }
    }
    count
}

/// Shares `width` (in characters) among the columns so that the rows take as few lines as they can: every column
/// starts at its longest unbreakable word or number, and the rest is handed out in steps, each time to the column
/// that saves the most lines per character given (text first on a tie). Room left once nothing more is saved goes
/// to the text columns (to every column when there is none). When even the minimums do not fit, every column
/// shrinks in proportion.
pub fn fit(needs: &[Need], width: f64) -> Vec<f64> {
    if needs.is_empty() {
        return Vec::new();
    }
    // The extra room of long sentences only when every column has its own.
    let roomy: f64 = needs.iter().map(|n| n.min).sum();
    let mins: Vec<f64> = needs.iter().map(|n| if roomy < width { n.min } else { n.floor }).collect();
    let min_sum: f64 = mins.iter().sum();
    if min_sum >= width {
        // Numbers, dates and ids keep their width; the columns of sentences, which wrap, give way.
        let fixed: f64 = needs.iter().zip(&mins).filter(|(n, _)| !n.text).map(|(_, m)| m).sum();
        let text: f64 = min_sum - fixed;
        if fixed < width && text > 0.0 {
            let scale = (width - fixed) / text;
            return needs.iter().zip(&mins).map(|(n, m)| if n.text { m * scale } else { *m }).collect();
        }
        return mins.iter().map(|m| m * width / min_sum).collect();
    }
    let step = (width / 80.0).max(0.5);
    let spare_steps = ((width - min_sum) / step).floor() as usize;
    // lines[j][k][r]: the lines of row r (the header first) in column j when it is `min + k × step` wide.
    let rows = 1 + needs.iter().map(|n| n.cells.len()).max().unwrap_or(0);
    let lines: Vec<Vec<Vec<usize>>> = needs
        .iter()
        .enumerate()
        .map(|(j, n)| {
            (0..=spare_steps)
                .map(|k| {
                    let w = mins[j] + k as f64 * step;
                    // Headers are bold: a little wider than the cells' text.
                    let mut col = vec![self::lines(&n.header, w - 1.5)];
                    col.extend(n.cells.iter().map(|c| self::lines(c, w)));
                    col.resize(rows, 1);
                    col
                })
                .collect()
        })
        .collect();
    let mut at = vec![0usize; needs.len()];
    let mut used = 0;
    loop {
        let mut best: Option<(f64, bool, usize, usize)> = None;
        for j in 0..needs.len() {
            let others: Vec<usize> = (0..rows)
                .map(|r| (0..needs.len()).filter(|&i| i != j).map(|i| lines[i][at[i]][r]).max().unwrap_or(1))
                .collect();
            let height = |k: usize| -> usize { (0..rows).map(|r| others[r].max(lines[j][k][r])).sum() };
            let now = height(at[j]);
            for k in at[j] + 1..=at[j] + (spare_steps - used) {
                let saved = now - height(k).min(now);
                if saved > 0 {
                    let per_step = saved as f64 / (k - at[j]) as f64;
                    let better = best.is_none_or(|(b, text, _, _)| {
                        per_step > b + 1e-9 || ((per_step - b).abs() <= 1e-9 && needs[j].text && !text)
                    });
                    if better {
                        best = Some((per_step, needs[j].text, j, k));
                    }
                    break;
                }
            }
        }
        let Some((_, _, j, k)) = best else { break };
        used += k - at[j];
        at[j] = k;
    }
    let mut widths: Vec<f64> = mins.iter().zip(&at).map(|(m, k)| m + *k as f64 * step).collect();
    let spare = width - widths.iter().sum::<f64>();
    if spare > 1e-6 {
        let any_text = needs.iter().any(|n| n.text);
        let growing = |n: &Need| n.text || !any_text;
        let total: f64 = needs.iter().zip(&mins).filter(|(n, _)| growing(n)).map(|(n, m)| n.want.max(*m)).sum();
        for ((w, n), m) in widths.iter_mut().zip(needs).zip(&mins) {
            if growing(n) && total > 0.0 {
                *w += spare * n.want.max(*m) / total;
            }
        }
    }
    widths
}

/// Text width of an A4 page with 30 mm + 15 mm side margins, in twips (DOCX and printed HTML).
pub const A4_TEXT_WIDTH: u32 = 11906 - 1701 - 851;

/// Approximate width of a 12 pt Times New Roman character, in twips.
const CHAR_TWIPS: f64 = 120.0;
/// Cell padding (left + right, 80 each) and slack, in twips.
const CELL_PAD: f64 = 180.0;

/// Column widths in twips for a table `text_width` twips wide, with 12 pt text (DOCX, and HTML printed on A4).
pub fn fit_twips(needs: &[Need], text_width: u32) -> Vec<f64> {
    let padding = CELL_PAD * needs.len() as f64;
    let chars = (f64::from(text_width) - padding).max(0.0) / CHAR_TWIPS;
    fit(needs, chars).iter().map(|w| w * CHAR_TWIPS + CELL_PAD).collect()
}

/// What each column of `t` needs, header and total row included.
pub fn needs(t: &Table) -> Vec<Need> {
    t.columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let cells = t.rows.iter().chain(t.total.iter()).filter_map(|r| r.get(i));
            Need::of(&column.title, cells.map(|c| (format_cell(c, column.kind), matches!(c, Cell::Text(_)))))
        })
        .collect()
}

/// What the columns of a chart's table need: the categories (text) then the values.
pub fn chart_needs(header: &[String], rows: &[Vec<String>]) -> Vec<Need> {
    header
        .iter()
        .enumerate()
        .map(|(j, h)| Need::of(h, rows.iter().filter_map(|r| r.get(j)).map(|c| (c.clone(), j == 0))))
        .collect()
}

/// Whether a table whose columns need `needs` keeps on one page of A4 text width.
pub fn keep_on_a4(needs: &[Need]) -> bool {
    keep_together(needs, &fit_twips(needs, A4_TEXT_WIDTH))
}

/// `t` without the columns that are empty in every row (and in the total); a table without rows keeps its
/// columns, which are then all it shows.
pub fn without_empty_columns(t: &Table) -> Cow<'_, Table> {
    match used_columns(t) {
        None => Cow::Borrowed(t),
        Some(used) => {
            let mut t = t.clone();
            t.retain_columns(&used);
            Cow::Owned(t)
        }
    }
}

/// `without_empty_columns` in place, for a table the writer owns.
pub fn drop_empty_columns(t: &mut Table) {
    if let Some(used) = used_columns(t) {
        t.retain_columns(&used);
    }
}

/// Which columns have a cell that is not blank; `None` when every one does (or the table has no row).
fn used_columns(t: &Table) -> Option<Vec<bool>> {
    let blank = |c: &Cell| match c {
        Cell::Empty => true,
        Cell::Text(s) => s.trim().is_empty(),
        _ => false,
    };
    let used: Vec<bool> = (0..t.columns.len())
        .map(|i| t.rows.iter().chain(t.total.iter()).any(|r| r.get(i).is_some_and(|c| !blank(c))))
        .collect();
    (!t.rows.is_empty() && !used.iter().all(|u| *u)).then_some(used)
}

/// Tables of at most this many lines of 12 pt text (header included, about a sixth of an A4 page) are kept on
/// one page: moved whole (with the heading and paragraph that keep with it), such a table leaves little blank. A
/// longer table starts where it is, its header row repeated on each page: LibreOffice and Word move a kept table
/// whole whenever it does not fit the rest of the page, which left Đợt 2's first page half blank.
pub const SMALL_TABLE_LINES: usize = 8;

/// Whether a table whose columns need `needs` is small enough, at `twips` wide columns, to be kept on one page.
pub fn keep_together(needs: &[Need], twips: &[f64]) -> bool {
    let widths: Vec<f64> = twips.iter().map(|w| (w - CELL_PAD) / CHAR_TWIPS).collect();
    let rows = needs.iter().map(|n| n.cells.len()).max().unwrap_or(0);
    if rows >= SAMPLE_ROWS {
        return false;
    }
    let header = needs.iter().zip(&widths).map(|(n, w)| lines(&n.header, w - 1.5)).max().unwrap_or(1);
    let body: usize = (0..rows)
        .map(|r| {
            let cell = |(n, w): (&Need, &f64)| n.cells.get(r).map_or(1, |c| c.split('\n').map(|l| lines(l, *w)).sum());
            needs.iter().zip(&widths).map(cell).max().unwrap_or(1)
        })
        .sum();
    header + body <= SMALL_TABLE_LINES
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::document::Column;

    fn long(words: usize) -> String {
        vec!["chữ"; words].join(" ")
    }

    #[test]
    fn the_text_column_with_the_most_text_gets_the_room_and_dates_stay_on_one_line() {
        let mut t = Table::new(
            "khac_phuc",
            "Tình trạng khắc phục",
            vec![Column::text("Đơn vị"), Column::text("Nội dung"), Column::date("Thời hạn"), Column::text("Ghi chú")],
        );
        for _ in 0..5 {
            t.push_row(vec![Cell::text(long(5)), Cell::text(long(40)), Cell::Empty, Cell::text("")]);
        }
        t.push_row(vec![
            Cell::text(long(5)),
            Cell::text(long(40)),
            Cell::Date(chrono::NaiveDate::from_ymd_opt(2026, 9, 30).unwrap_or_default()),
            Cell::text(long(2)),
        ]);
        let w = fit(&needs(&t), 80.0);
        assert!((w.iter().sum::<f64>() - 80.0).abs() < 1e-6, "{w:?}");
        assert!(w[2] >= chars("30/09/2026"), "a date is never broken: {w:?}");
        assert!(w[1] > w[0] * 2.0 && w[1] > w[3] * 2.0, "the content column gets the room: {w:?}");
        let lines = |i: usize, chars: usize| (chars as f64 / w[i]).ceil();
        assert!(lines(1, 159) <= 4.0, "Nội dung wraps to a few lines: {w:?}");
    }

    #[test]
    fn columns_empty_in_every_row_are_left_out() {
        let mut t = Table::new("t", "T", vec![Column::text("A"), Column::date("Thời hạn"), Column::integer("Quá hạn")]);
        t.push_row(vec![Cell::text("x"), Cell::Empty, Cell::Integer(3)]);
        t.push_row(vec![Cell::text("y"), Cell::text(" "), Cell::Empty]);
        let kept = without_empty_columns(&t);
        let titles: Vec<&str> = kept.columns.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, ["A", "Quá hạn"]);
        assert_eq!(kept.rows[1], vec![Cell::text("y"), Cell::Empty]);
        let empty = Table::new("t", "T", vec![Column::text("A")]);
        assert_eq!(without_empty_columns(&empty).columns.len(), 1, "a table without rows keeps its header");
    }

    #[test]
    fn words_wrap_greedily() {
        assert_eq!(lines("Chưa khắc phục", 14.5), 1);
        assert_eq!(lines("Chưa khắc phục", 14.0), 2, "half a character kept spare");
        assert_eq!(lines("Chưa khắc phục", 10.0), 2);
        assert_eq!(lines("Chưa khắc phục", 4.5), 3);
        assert_eq!(lines("2026-dot1-F10", 5.5), 3, "a word longer than the line is broken");
        assert_eq!(lines("", 5.0), 1);
    }

    #[test]
    fn minimums_that_do_not_fit_shrink_in_proportion() {
        let needs = [Need::of("Aaaaaaaaaa", std::iter::empty()), Need::of("Bbbbbbbbbb", std::iter::empty())];
        assert_eq!(fit(&needs, 10.0), vec![5.0, 5.0]);
    }
}
