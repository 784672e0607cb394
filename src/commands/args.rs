//! Argument parsers and checks shared by several verbs.

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::domain::date;
use crate::import::directory::check_code as code_shape;

/// A date as people write it (dd/mm/yyyy), for `value_parser`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    date::parse(text)
}

/// The actor of `--by`, for `value_parser`: an empty or hidden-character name would make the audit log anonymous.
pub fn parse_actor(text: &str) -> Result<String, String> {
    let name = crate::domain::text::nfc(text.trim()).into_owned();
    if name.is_empty() {
        return Err("tên người thực hiện trống; hãy ghi tên, ví dụ --by \"Nguyễn Văn An\"".to_owned());
    }
    match crate::domain::text::hidden_char(&name) {
        Some(message) => Err(format!("tên người thực hiện {message}")),
        None => Ok(name),
    }
}

pub fn check_code(code: &str, what: &str) -> Result<()> {
    code_shape(code).map_err(|message| anyhow::anyhow!("{what} «{code}»: {message}"))
}

pub fn check_text(text: &str, what: &str) -> Result<()> {
    if text.trim().is_empty() {
        bail!("thiếu {what}");
    }
    if let Some(message) = crate::domain::text::hidden_char(text) {
        bail!("{what} «{text}»: {message}");
    }
    Ok(())
}
