//! JSON: the document as it is (dates in ISO 8601).

use crate::report::document::Document;

use super::WriteError;

pub fn render_json(doc: &Document) -> Result<String, WriteError> {
    let mut text = serde_json::to_string_pretty(doc)?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::write::sample::sample;

    #[test]
    fn json_has_iso_dates_and_plain_numbers() {
        let json = render_json(&sample()).unwrap_or_default();
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
