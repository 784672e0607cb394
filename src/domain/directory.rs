//! The ward's directory: units (phòng, cơ quan, đơn vị), officials and who answers for which item.

use serde::Serialize;

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
