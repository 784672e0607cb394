//! JSON: the document as it is (dates in ISO 8601).

use std::io::Write;

use crate::report::document::Document;

use super::WriteError;

pub fn write_json(doc: &Document, out: &mut dyn Write) -> Result<(), WriteError> {
    // As an io::Error when writing failed: serde_json's own error would hide a full disk or a closed pipe.
    serde_json::to_writer_pretty(&mut *out, doc).map_err(|e| match e.io_error_kind() {
        Some(_) => WriteError::Io(e.into()),
        None => WriteError::Json(e),
    })?;
    Ok(out.write_all(b"\n")?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::write::sample::{sample, written};

    #[test]
    fn json_has_iso_dates_and_plain_numbers() {
        let json = written(|out| write_json(&sample(), out)).unwrap_or_default();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(value["title"], "BÁO CÁO");
        assert_eq!(value["letterhead"]["date"], "2026-07-15");
        let table = &value["sections"][1]["subsections"][0]["blocks"][0];
        assert_eq!(table["type"], "table");
        assert_eq!(table["content"]["rows"][0][3], 8.5);
        assert_eq!(table["content"]["rows"][0][5], "2026-07-01");
        assert!(table["content"]["rows"][0][6].is_null());
    }
}
