//! Merged cells of an XLSX sheet. Excel keeps a merged range's value in its first cell only; a unit's code merged
//! down the rows of its items would leave every row after the first without it. The rows are given the first
//! cell's text in the cells the range covers, as the person who merged them sees the sheet.

use calamine::Dimensions;

use super::fields::Fields;

/// The sheet's merged ranges of more than one cell, by first row; each keeps its first cell's text once read.
pub(super) struct MergedRanges {
    ranges: Vec<(Dimensions, String)>,
    /// Ranges before this one start on rows already read.
    next: usize,
    /// Ranges that have started and not yet ended, as indexes into `ranges`.
    open: Vec<usize>,
}

impl MergedRanges {
    pub fn new(mut ranges: Vec<Dimensions>) -> Self {
        ranges.retain(|d| d.start != d.end && d.start.0 <= d.end.0 && d.start.1 <= d.end.1);
        ranges.sort_by_key(|d| d.start);
        MergedRanges { ranges: ranges.into_iter().map(|d| (d, String::new())).collect(), next: 0, open: Vec::new() }
    }

    /// Called with every non-empty cell as it is read: keeps the text of the ranges' first cells.
    pub fn read(&mut self, row: u32, col: u32, text: &str) {
        self.start_rows_to(row);
        for &i in &self.open {
            let (range, value) = &mut self.ranges[i];
            if range.start == (row, col) {
                value.clear();
                value.push_str(text);
            }
        }
    }

    /// `rec`, the fields of row `row`, with the empty cells that a range covers given the range's text.
    pub fn fill(&mut self, row: u32, rec: Fields) -> Fields {
        self.start_rows_to(row);
        let ranges = &self.ranges;
        self.open.retain(|&i| ranges[i].0.end.0 >= row);
        let covering = |col: usize| {
            self.open.iter().map(|&i| &self.ranges[i]).find(|(d, value)| {
                let inside =
                    (d.start.0..=d.end.0).contains(&row) && (d.start.1 as usize..=d.end.1 as usize).contains(&col);
                inside && !value.is_empty() && d.start != (row, col as u32)
            })
        };
        let width = self.open.iter().map(|&i| self.ranges[i].0.end.1 as usize + 1).max().unwrap_or(0);
        let wanted = |col: usize| rec.get(col).is_none_or(str::is_empty) && covering(col).is_some();
        if !(0..width).any(wanted) {
            return rec;
        }
        let mut filled = Fields::new();
        for col in 0..width.max(rec.len()) {
            let own = rec.get(col).unwrap_or("");
            match covering(col) {
                Some((_, value)) if own.is_empty() => filled.push_field(value),
                _ => filled.push_field(own),
            }
        }
        filled
    }

    fn start_rows_to(&mut self, row: u32) {
        while let Some((range, _)) = self.ranges.get(self.next) {
            if range.start.0 > row {
                break;
            }
            self.open.push(self.next);
            self.next += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(cells: &[&str]) -> Fields {
        let mut f = Fields::new();
        for c in cells {
            f.push_field(c);
        }
        f
    }

    fn cells(f: &Fields) -> Vec<&str> {
        f.iter().collect()
    }

    #[test]
    fn a_merged_code_fills_the_rows_it_spans_and_no_others() {
        // A1:A3 merged ("VHXH"), C2:D2 merged ("x"); row 4 is past both.
        let mut merged = MergedRanges::new(vec![
            Dimensions { start: (1, 0), end: (3, 0) },
            Dimensions { start: (2, 2), end: (2, 3) },
            Dimensions { start: (5, 5), end: (5, 5) },
        ]);
        merged.read(1, 0, "VHXH");
        assert_eq!(cells(&merged.fill(1, fields(&["VHXH", "1.1.1", "0,5"]))), ["VHXH", "1.1.1", "0,5"]);
        merged.read(2, 2, "x");
        assert_eq!(cells(&merged.fill(2, fields(&["", "1.1.2", "x"]))), ["VHXH", "1.1.2", "x", "x"]);
        assert_eq!(cells(&merged.fill(3, fields(&["", "1.1.3"]))), ["VHXH", "1.1.3"]);
        assert_eq!(cells(&merged.fill(4, fields(&["", "1.1.4"]))), ["", "1.1.4"]);
    }

    #[test]
    fn a_cell_with_its_own_text_keeps_it() {
        let mut merged = MergedRanges::new(vec![Dimensions { start: (0, 0), end: (1, 1) }]);
        merged.read(0, 0, "A");
        assert_eq!(cells(&merged.fill(0, fields(&["A"]))), ["A", "A"]);
        assert_eq!(cells(&merged.fill(1, fields(&["B", ""]))), ["B", "A"]);
    }
}
