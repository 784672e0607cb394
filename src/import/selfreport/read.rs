//! Reading self-report files one after another: every row checked, good rows handed on in batches (owned copies,
//! so a writer on another thread can insert them while the next rows are read), every problem of every file kept.

use std::path::PathBuf;

use super::{FileCheck, Item, ProblemList, Rules, UnitDone};
use crate::import::{Encoding, Rejected, Row, TableReader};

/// Rows per batch; a batch is also handed on once its text passes `BATCH_TEXT` bytes.
const BATCH_ROWS: usize = 2048;
const BATCH_TEXT: usize = 1 << 20;
/// Rows between two progress updates.
const PROGRESS_EVERY: u64 = 4096;

#[derive(Debug, Clone, Copy)]
struct Packed {
    unit: u32,
    leaf: u16,
    points: Option<f64>,
    computed: bool,
    percent: Option<f64>,
    /// Offsets in `text`: where the figure starts, then where figure, result, evidence and proposal end (each
    /// starts where the previous one ends).
    bounds: [usize; 5],
}

/// Good rows of one file, their text in one buffer.
#[derive(Debug, Default)]
pub struct Batch {
    pub file: usize,
    items: Vec<Packed>,
    text: String,
}

impl Batch {
    fn push(&mut self, item: &Item) {
        let mut bounds = [self.text.len(); 5];
        for (end, part) in bounds.iter_mut().skip(1).zip([item.figure, item.result, item.evidence, item.proposal]) {
            self.text.push_str(part);
            *end = self.text.len();
        }
        let (unit, leaf, points, percent) = (item.unit, item.leaf, item.points, item.percent);
        self.items.push(Packed { unit, leaf, points, computed: item.computed, percent, bounds });
    }

    fn is_full(&self) -> bool {
        self.items.len() >= BATCH_ROWS || self.text.len() >= BATCH_TEXT
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn clear(&mut self) {
        self.items.clear();
        self.text.clear();
    }

    pub fn iter(&self) -> impl Iterator<Item = Item<'_>> {
        self.items.iter().map(|p| {
            let part = |i: usize| self.text.get(p.bounds[i]..p.bounds[i + 1]).unwrap_or("");
            Item {
                unit: p.unit,
                leaf: p.leaf,
                points: p.points,
                computed: p.computed,
                percent: p.percent,
                figure: part(0),
                result: part(1),
                evidence: part(2),
                proposal: part(3),
            }
        })
    }
}

/// The writer went away (it failed, and its error says why); reading stops.
#[derive(Debug)]
pub struct Stopped;

/// Where good rows go.
pub trait Sink {
    /// Takes a full batch and gives back an empty one to fill next.
    fn batch(&mut self, batch: Batch) -> Result<Batch, Stopped>;
    /// Every row of `file` has been handed on; `units` are its units with their content hashes.
    fn file_done(&mut self, file: usize, units: Vec<UnitDone>) -> Result<(), Stopped>;
}

/// Told what is going on, for the person at the terminal.
pub trait Observer {
    /// A file was opened: its name as shown, the encoding used, the delimiter (none for XLSX) and its size.
    fn opened(&self, file: &str, encoding: &str, delimiter: Option<char>, total: u64);
    /// Bytes done of the current file.
    fn progress(&self, done: u64, total: u64);
}

/// What reading all the files found.
#[derive(Debug, Default)]
pub struct Outcome {
    pub rows: u64,
    /// Files with problems, each with every problem found.
    pub rejected: Vec<Rejected>,
    pub warnings: ProblemList,
}

/// Reads every file with `rules`, handing good rows to `sink` as long as no problem has been found anywhere
/// (after the first problem, rows are only checked, so that every problem gets listed).
pub fn read_all(
    rules: &Rules,
    paths: &[PathBuf],
    encoding: Encoding,
    sink: &mut impl Sink,
    observer: &impl Observer,
) -> Outcome {
    let mut outcome = Outcome::default();
    let mut batch = Batch::default();
    let mut row = Row::new();
    for (index, path) in paths.iter().enumerate() {
        let mut problems = ProblemList::default();
        let mut reader = match TableReader::open(path, encoding, super::COLUMNS) {
            Ok(reader) => reader,
            Err(err) => {
                outcome.rejected.push(Rejected::from(err));
                continue;
            }
        };
        observer.opened(reader.file_name(), reader.encoding_used(), reader.delimiter(), reader.progress().1);
        let mut check = FileCheck::new(rules, &reader.problem_file());
        check.round_mark(reader.preamble(), &mut problems);
        check.header(reader.columns(), &mut problems, &mut outcome.warnings);
        batch.file = index;
        let mut count = 0u64;
        loop {
            match reader.next_row(&mut row) {
                Ok(true) => {}
                Ok(false) => break,
                Err(err) if err.is_row_problem() => {
                    problems.push(err.to_problem());
                    // A row cut short can be one whose end a quote left open swallowed, with the next row.
                    check.misshapen(&row, &mut problems);
                    continue;
                }
                Err(err) => {
                    problems.push_first(err.to_problem());
                    break;
                }
            }
            count += 1;
            if count.is_multiple_of(PROGRESS_EVERY) {
                let (done, total) = reader.progress();
                observer.progress(done, total);
            }
            let item = check.check(&row, &mut problems, &mut outcome.warnings);
            let clean = problems.is_empty() && outcome.rejected.is_empty();
            if let (Some(item), true) = (item, clean) {
                batch.push(&item);
                if batch.is_full() {
                    match sink.batch(std::mem::take(&mut batch)) {
                        Ok(empty) => batch = empty,
                        Err(Stopped) => return outcome,
                    }
                    batch.file = index;
                }
            }
        }
        let (done, total) = reader.progress();
        observer.progress(done, total);
        outcome.rows += count;
        let units = check.finish(&mut problems, &mut outcome.warnings);
        if !problems.is_empty() {
            let file = reader.file_name().to_owned();
            outcome.rejected.push(Rejected { file, problems: problems.list, omitted: problems.omitted });
        }
        if outcome.rejected.is_empty() {
            if !batch.is_empty() {
                match sink.batch(std::mem::take(&mut batch)) {
                    Ok(empty) => batch = empty,
                    Err(Stopped) => return outcome,
                }
            }
            if sink.file_done(index, units).is_err() {
                return outcome;
            }
        }
        batch.clear();
    }
    outcome
}
