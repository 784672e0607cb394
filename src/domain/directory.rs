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

/// An official's category as stored (the code) and as people write it: each is rated under its own rules.
pub const CATEGORIES: &[(&str, &str)] = &[
    ("can-bo", "Cán bộ"),
    ("cong-chuc", "Công chức"),
    ("vien-chuc", "Viên chức"),
    ("nguoi-lao-dong", "Người lao động"),
];

/// The stored code of a category written as words or as its code; `None` for anything else.
pub fn category_code(text: &str) -> Option<&'static str> {
    let folded = crate::domain::text::fold(text.trim());
    CATEGORIES
        .iter()
        .find(|(code, label)| folded == crate::domain::text::fold(label) || text.trim() == *code)
        .map(|(c, _)| *c)
}

/// The words for a category code ("Viên chức").
pub fn category_label(code: &str) -> &'static str {
    CATEGORIES.iter().find(|(c, _)| *c == code).map_or("Công chức", |(_, label)| *label)
}

/// An official's category: the one recorded, else by the unit's kind (a public-service unit employs viên chức,
/// the others công chức).
pub fn category_of<'a>(recorded: &'a str, unit_kind: &str) -> &'a str {
    match recorded {
        "" if unit_kind == "don-vi-su-nghiep" => "vien-chuc",
        "" => "cong-chuc",
        code => code,
    }
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
    /// Its category code (`CATEGORIES`); empty: taken from the unit's kind.
    pub category: String,
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
