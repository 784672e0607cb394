//! The ward's directory: units (phòng, cơ quan, đơn vị), officials and who answers for which item.

use serde::Serialize;

/// Kinds of unit as stored (the code) and as people write them.
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
/// empty stays empty. Any other kind is refused with the nearest known one (the catalogue knows only these).
pub fn unit_kind_code(text: &str) -> Result<String, String> {
    let folded = crate::domain::text::fold(text);
    if folded.is_empty() {
        return Ok(String::new());
    }
    // A code folds to its label's words ("co-quan-chuyen-mon" to "co quan chuyen mon"): one comparison reads both.
    let known = UNIT_KINDS.iter().find(|(_, label)| folded == crate::domain::text::fold(label));
    if let Some((code, _)) = known {
        return Ok((*code).to_owned());
    }
    // Compared without accents: "Co quan chuyen mn" is one letter from the first kind.
    let nearest = UNIT_KINDS
        .iter()
        .map(|(_, label)| (strsim::levenshtein(&folded, &crate::domain::text::fold(label)), *label))
        .min()
        .filter(|(d, _)| *d <= 3);
    let hint = nearest.map_or_else(String::new, |(_, n)| format!("có phải «{n}»? "));
    let all: Vec<String> = UNIT_KINDS.iter().map(|(_, label)| format!("«{label}»")).collect();
    Err(format!("loại đơn vị «{text}» không có; {hint}các loại: {}", all.join(", ")))
}

/// One field an edit changes, as shown to the user.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

impl std::fmt::Display for FieldChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = |v: &str| if v.is_empty() { "(trống)".to_owned() } else { format!("«{v}»") };
        write!(f, "{}: {} → {}", self.field, shown(&self.old), shown(&self.new))
    }
}

/// A field as shown in a change: its label and how to read it.
type Field<T> = (&'static str, fn(&T) -> String);

/// The changes from `old` to `new`, field by field.
fn changes<T>(old: &T, new: &T, fields: &[Field<T>]) -> Vec<FieldChange> {
    fields
        .iter()
        .filter_map(|(field, value)| {
            let (old, new) = (value(old), value(new));
            (old != new).then_some(FieldChange { field, old, new })
        })
        .collect()
}

fn kind_words(u: &Unit) -> String {
    unit_kind_label(&u.kind).map_or_else(|| u.kind.clone(), str::to_owned)
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
    // As for unit kinds, a code folds to its label's words.
    let folded = crate::domain::text::fold(text);
    CATEGORIES.iter().find(|(_, label)| folded == crate::domain::text::fold(label)).map(|(c, _)| *c)
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

impl Unit {
    /// What saving `self` over `old` changes.
    pub fn changes_from(&self, old: &Unit) -> Vec<FieldChange> {
        changes(old, self, &[("Tên đơn vị", |u| u.name.clone()), ("Loại", kind_words)])
    }
}

/// A unit as a command or a file gives it: `None` for what it leaves out, which keeps the stored value.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitEdit {
    pub code: String,
    pub name: String,
    pub kind: Option<String>,
}

impl UnitEdit {
    /// The unit to store over `old` (the unit whose code matches whatever the case): its code as stored.
    pub fn apply(&self, old: Option<&Unit>) -> Unit {
        Unit {
            code: old.map_or_else(|| self.code.clone(), |o| o.code.clone()),
            name: self.name.clone(),
            kind: self.kind.clone().or_else(|| old.map(|o| o.kind.clone())).unwrap_or_default(),
        }
    }
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

impl Official {
    /// What saving `self` over `old` changes.
    pub fn changes_from(&self, old: &Official) -> Vec<FieldChange> {
        let fields: &[Field<Official>] = &[
            ("Họ và tên", |o| o.name.clone()),
            ("Chức vụ", |o| o.position.clone()),
            ("Đơn vị", |o| o.unit_code.clone()),
            ("Loại", |o| category_label(&o.category).to_owned()),
        ];
        changes(old, self, fields)
    }
}

/// An official as a command or a file gives it: `None` for what it leaves out, which keeps the stored value.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficialEdit {
    pub code: String,
    pub name: String,
    pub position: Option<String>,
    pub unit_code: String,
    /// A category code, or empty for "by the unit's kind"; `None` keeps the stored one.
    pub category: Option<String>,
}

impl OfficialEdit {
    /// The official to store over `old` (matched whatever the case): its code as stored.
    pub fn apply(&self, old: Option<&Official>) -> Official {
        Official {
            code: old.map_or_else(|| self.code.clone(), |o| o.code.clone()),
            name: self.name.clone(),
            position: self.position.clone().or_else(|| old.map(|o| o.position.clone())).unwrap_or_default(),
            unit_code: self.unit_code.clone(),
            category: self.category.clone().or_else(|| old.map(|o| o.category.clone())).unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assignment {
    pub criterion: String,
    pub unit_code: String,
    pub official_code: Option<String>,
}

/// An assignment as a file gives it: without its official column, the official stays as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignmentEdit {
    pub assignment: Assignment,
    pub official_given: bool,
}

impl AssignmentEdit {
    /// The assignment to store over `old`.
    pub fn apply(&self, old: Option<&Assignment>) -> Assignment {
        let official = match old {
            Some(old) if !self.official_given => old.official_code.clone(),
            _ => self.assignment.official_code.clone(),
        };
        Assignment { official_code: official, ..self.assignment.clone() }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_kinds_known_or_refused_with_the_nearest() {
        assert_eq!(unit_kind_code("Cơ quan chuyên môn"), Ok("co-quan-chuyen-mon".to_owned()));
        assert_eq!(unit_kind_code("co quan chuyen mon"), Ok("co-quan-chuyen-mon".to_owned()));
        assert_eq!(unit_kind_code("don-vi-su-nghiep"), Ok("don-vi-su-nghiep".to_owned()));
        assert_eq!(unit_kind_code(""), Ok(String::new()));
        let e = unit_kind_code("Phòng ban").unwrap_err();
        assert!(e.contains("«Phòng ban»") && e.contains("các loại"), "{e}");
        let e = unit_kind_code("Co quan chuyen mn").unwrap_err();
        assert!(e.contains("có phải «Cơ quan chuyên môn»?"), "{e}");
    }

    #[test]
    fn changes_name_each_field() {
        let old = Unit { code: "KT".into(), name: "Phòng Kinh tế".into(), kind: "co-quan-chuyen-mon".into() };
        let new = Unit { kind: String::new(), ..old.clone() };
        let shown: Vec<String> = new.changes_from(&old).iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["Loại: «Cơ quan chuyên môn» → (trống)"]);
        assert!(old.changes_from(&old).is_empty());
    }

    #[test]
    fn an_edit_keeps_what_it_leaves_out_and_the_stored_case() {
        let old = Unit { code: "KT".into(), name: "Phòng Kinh tế".into(), kind: "co-quan-chuyen-mon".into() };
        let edit = UnitEdit { code: "kt".into(), name: "Phòng Kinh tế mới".into(), kind: None };
        let new = edit.apply(Some(&old));
        assert_eq!((new.code.as_str(), new.kind.as_str()), ("KT", "co-quan-chuyen-mon"));
        let cleared = UnitEdit { kind: Some(String::new()), ..edit }.apply(Some(&old));
        assert_eq!(cleared.kind, "");
    }
}

#[cfg(test)]
#[path = "directory_tests.rs"]
mod boundary_tests;
