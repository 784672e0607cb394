//! The policy wording of the papers (legal bases, purposes, requirements, how the inspection is organised): not
//! data, but an editable TOML template whose default is the wording of the 2026 plan (`templates/papers.toml`).

use serde::{Deserialize, Serialize};

/// The built-in wording.
pub const DEFAULT: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/papers.toml"));

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PaperText {
    /// The year the legal bases are those of.
    pub year: i32,
    pub plan: PlanText,
    pub decision: DecisionText,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PlanText {
    pub bases: Vec<String>,
    pub purposes: Vec<String>,
    pub requirements: Vec<String>,
    pub form: String,
    pub adhoc_time: String,
    pub subjects: String,
    pub periodic_intro: String,
    pub adhoc_intro: String,
    pub team: String,
    pub procedure: Vec<String>,
    pub adhoc_organisation: String,
    pub closing: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionText {
    pub bases: Vec<String>,
    pub standing_unit: String,
    pub proposer: String,
}

impl PaperText {
    /// The built-in wording.
    pub fn builtin() -> Self {
        // The shipped file is checked by a unit test; a broken one is a build defect, not user input.
        Self::parse(DEFAULT, "templates/papers.toml").unwrap_or_else(|e| panic!("{e}"))
    }

    /// Reads a wording file; the error names the file, the line and the key.
    pub fn parse(source: &str, file: &str) -> Result<Self, String> {
        toml::from_str(source).map_err(|e| {
            let line = e.span().map(|s| source[..s.start.min(source.len())].lines().count().max(1));
            let at = line.map(|l| format!(", dòng {l}")).unwrap_or_default();
            format!("tệp lời văn «{file}»{at}: {} (xem mẫu bằng `cchc paper text`)", e.message())
        })
    }
}

/// `{year}` and `{ward}` filled in.
pub fn fill(text: &str, year: i32, ward: &str) -> String {
    text.replace("{year}", &year.to_string()).replace("{ward}", ward)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_wording_is_the_2026_plans() {
        let text = PaperText::builtin();
        assert_eq!(text.year, 2026);
        assert_eq!(text.plan.bases.len(), 3);
        assert!(text.plan.procedure[0].contains("trước 5 ngày theo lịch kiểm tra"));
        assert_eq!(fill(&text.plan.purposes[2], 2027, "Thành Sen").matches("2027").count(), 1);
    }

    #[test]
    fn a_bad_file_names_its_line_and_key() {
        let err = PaperText::parse("year = 2026\n[plan]\nbases = 3\n", "x.toml").unwrap_err();
        assert!(err.contains("x.toml") && err.contains("dòng 3"), "{err}");
        let err = PaperText::parse(&DEFAULT.replace("form =", "forme ="), "y.toml").unwrap_err();
        assert!(err.contains("forme"), "{err}");
    }
}
