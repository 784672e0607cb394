//! Argument parsers and checks shared by several verbs.

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::domain::date;
use crate::import::directory::check_code as code_shape;

/// A date as people write it (dd/mm/yyyy), for `value_parser`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    date::parse(text)
}

pub fn check_code(code: &str, what: &str) -> Result<()> {
    code_shape(code).map_err(|message| anyhow::anyhow!("{what} «{code}»: {message}"))
}

pub fn check_text(text: &str, what: &str) -> Result<()> {
    if text.trim().is_empty() {
        bail!("thiếu {what}");
    }
    Ok(())
}
