//! A workbook as a grid of cells: read from a file `criteria export` wrote, edited, written back the way a script
//! writes it (formulas kept as text, with no computed value).

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use rust_xlsxwriter::{Formula, Workbook};

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Formula(String),
}

pub struct Book {
    pub sheets: Vec<(String, Vec<Vec<Cell>>)>,
}

impl Book {
    pub fn read(path: &Path) -> Book {
        let mut book = open_workbook_auto(path).expect("a workbook");
        let mut sheets = Vec::new();
        for name in book.sheet_names() {
            let cells = book.worksheet_range(&name).expect("sheet");
            let formulas = book.worksheet_formula(&name).expect("formulas");
            let (rows, cols) = cells.end().map_or((0, 0), |(r, c)| (r + 1, c + 1));
            let grid = (0..rows)
                .map(|r| {
                    (0..cols)
                        .map(|c| match (formulas.get_value((r, c)), cells.get_value((r, c))) {
                            (Some(f), _) if !f.is_empty() => Cell::Formula(format!("={f}")),
                            (_, Some(Data::String(s))) => Cell::Text(s.clone()),
                            (_, Some(Data::Float(x))) => Cell::Number(*x),
                            (_, Some(Data::Int(x))) => Cell::Number(*x as f64),
                            _ => Cell::Empty,
                        })
                        .collect()
                })
                .collect();
            sheets.push((name, grid));
        }
        Book { sheets }
    }

    pub fn write(&self, path: &Path) {
        let mut book = Workbook::new();
        for (name, grid) in &self.sheets {
            let sheet = book.add_worksheet();
            sheet.set_name(name).unwrap();
            for (r, row) in grid.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let (r, c) = (r as u32, c as u16);
                    let written = match cell {
                        Cell::Empty => continue,
                        Cell::Text(s) => sheet.write_string(r, c, s),
                        Cell::Number(x) => sheet.write_number(r, c, *x),
                        Cell::Formula(f) => sheet.write_formula(r, c, Formula::new(f)),
                    };
                    written.expect("cell written");
                }
            }
        }
        book.save(path).expect("save workbook");
    }

    pub fn grid(&mut self, sheet: &str) -> &mut Vec<Vec<Cell>> {
        &mut self.sheets.iter_mut().find(|(n, _)| n == sheet).expect("sheet").1
    }

    /// The 0-based row whose first cell is `key` (a code, or a key of the header sheet).
    pub fn row(&mut self, sheet: &str, key: &str) -> usize {
        self.grid(sheet).iter().position(|row| row.first() == Some(&Cell::Text(key.into()))).expect("row")
    }

    pub fn set(&mut self, sheet: &str, key: &str, column: usize, cell: Cell) {
        let row = self.row(sheet, key);
        self.grid(sheet)[row][column] = cell;
    }
}
