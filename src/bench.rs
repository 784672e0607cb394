//! The hot paths of an import and a report, for the Criterion benchmarks (`benches/hot_paths.rs`), and a new
//! database for the national-scale generator (`src/bin/cchc-gen-scale.rs`); nothing else. Each is the code the
//! commands run.

use std::path::Path;

pub use crate::domain::catalogue::{Catalogue, Rubric};
pub use crate::domain::date::{format as format_date, parse as parse_date};
pub use crate::domain::text::{fold, nfc};
pub use crate::import::selfreport::Rules;
pub use crate::import::{ColumnMap, ImportError, Row, parse_figure, parse_points};
/// The schema version a database is brought to, for the upgrade tests (tests/cli/upgrade.rs, store.rs).
pub use crate::store::SCHEMA_VERSION;

use crate::commands::init::{self, InitArgs};
use crate::context::Context;
use crate::domain::catalogue::{DEFAULT_FILE_NAME, DEFAULT_TOML};
use crate::domain::catalogue_parse;
use crate::import::selfreport::{COLUMNS, FileCheck, ProblemList};
use crate::import::{Encoding, TableReader, map_header};

/// The catalogue compiled into the program.
pub fn default_catalogue() -> Catalogue {
    catalogue_parse::parse(DEFAULT_FILE_NAME, DEFAULT_TOML).expect("the shipped catalogue parses")
}

/// Header matching: how many of the self-report's columns a header row names.
pub fn match_selfreport_header<'a>(cells: impl Iterator<Item = &'a str>) -> usize {
    map_header("bench.csv", COLUMNS, cells).map_or(0, |m| m.mapped().len())
}

/// The rows of a self-report file, read by the real reader (header matched, text NFC).
pub fn read_selfreport(path: &Path) -> Result<(ColumnMap, Vec<Row>), ImportError> {
    let mut reader = TableReader::open(path, Encoding::Auto, COLUMNS)?;
    let (mut row, mut rows) = (Row::new(), Vec::new());
    while reader.next_row(&mut row)? {
        rows.push(row.clone());
    }
    Ok((reader.columns().clone(), rows))
}

/// The rules of a periodic round covering `units`, each answering for every item of the catalogue.
pub fn selfreport_rules(catalogue: &Catalogue, units: Vec<String>) -> Rules<'_> {
    let leaves: Vec<&str> = catalogue.leaves().map(|n| n.code.as_str()).collect();
    let mut rules = Rules::new("2026-dot1", true, catalogue, units.clone(), &units);
    for unit in &units {
        for code in &leaves {
            rules.assign(unit, code);
        }
    }
    rules
}

/// Row validation: checks `rows` as one file of the import does; returns how many were good.
pub fn check_selfreport(rules: &Rules, columns: &ColumnMap, rows: &[Row]) -> usize {
    let (mut problems, mut warnings) = (ProblemList::default(), ProblemList::default());
    let mut check = FileCheck::new(rules, "bench.csv");
    check.header(columns, &mut problems, &mut warnings);
    rows.iter().filter(|row| check.check(row, &mut problems, &mut warnings).is_some()).count()
}

/// A new database at `path` as `cchc init` makes it, for the national-scale generator; the clock and the actor
/// come from the environment (`CCHC_NOW`, `CCHC_USER`) as for `cchc`.
pub fn init_database(path: &Path) -> anyhow::Result<rusqlite::Connection> {
    let ctx = Context::new(path.to_path_buf(), None)?;
    init::run(&ctx, InitArgs { catalogue: None, ward: None, province: None })?;
    Ok(ctx.store()?.conn)
}
