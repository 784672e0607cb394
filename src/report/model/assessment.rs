//! The assessment a round or year report ends with: each section's text, written by the secretary or drafted
//! from the data.

use serde::Serialize;

use crate::domain::assessment::TextSection;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentPart {
    pub section: TextSection,
    pub title: &'static str,
    pub origin: Origin,
    /// One paragraph per line of the text.
    pub paragraphs: Vec<String>,
}

/// Where a section's text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Drafted by the program from the data, not yet confirmed: marked as a draft.
    Draft,
    /// The draft as the secretary confirmed it.
    Confirmed,
    /// Written by the secretary.
    Written,
}

impl AssessmentPart {
    pub fn is_draft(&self) -> bool {
        self.origin == Origin::Draft
    }
}

/// The sections still in draft, as `cchc report text` names them.
pub fn drafts(parts: &[AssessmentPart]) -> Vec<&'static str> {
    parts.iter().filter(|p| p.is_draft()).map(|p| p.section.as_str()).collect()
}
