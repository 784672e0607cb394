//! The ward's directory: units (phòng, cơ quan, đơn vị), officials and who answers for which item.

use serde::Serialize;

/// Kinds of unit as stored (the code) and as people write them; a kind outside the list is kept as written.
const UNIT_KINDS: &[(&str, &str)] = &[
    ("co-quan-chuyen-mon", "Cơ quan chuyên môn"),
    ("don-vi-su-nghiep", "Đơn vị sự nghiệp"),
    ("to-chuc-hanh-chinh", "Tổ chức hành chính"),
];

/// The words for a stored unit kind ("Cơ quan chuyên môn" for `co-quan-chuyen-mon`).
pub fn unit_kind_label(code: &str) -> Option<&'static str> {
    UNIT_KINDS.iter().find(|(c, _)| *c == code).map(|(_, label)| *label)
}

/// The stored code for a unit kind written as words ("Cơ quan chuyên môn", "co quan chuyen mon") or as its code;
/// anything else is kept as written.
pub fn unit_kind_code(text: &str) -> String {
    let folded = crate::domain::text::fold(text);
    let known = UNIT_KINDS.iter().find(|(code, label)| folded == crate::domain::text::fold(label) || text == *code);
    known.map_or_else(|| text.to_owned(), |(code, _)| (*code).to_owned())
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Official {
    pub code: String,
    pub name: String,
    pub position: String,
    pub unit_code: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assignment {
    pub criterion: String,
    pub unit_code: String,
    pub official_code: Option<String>,
}

/// An assignment with the names a reader needs.
#[derive(Debug, Clone, Serialize)]
pub struct AssignmentView {
    pub criterion: String,
    pub unit_code: String,
    pub unit_name: String,
    pub official_code: Option<String>,
    pub official_name: Option<String>,
}
