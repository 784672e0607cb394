//! Inspection rounds (đợt kiểm tra): kinds, default dates from the plan, ids and status moves.

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::Serialize;

use super::catalogue::{Catalogue, NodeKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
pub enum RoundKind {
    /// Đợt 1: kiểm tra 6 tháng
    #[value(name = "dot1")]
    #[serde(rename = "dot1")]
    Dot1,
    /// Đợt 2: kiểm tra cuối năm, kết hợp tự đánh giá
    #[value(name = "dot2")]
    #[serde(rename = "dot2")]
    Dot2,
    /// Kiểm tra đột xuất
    #[value(name = "dot-xuat")]
    #[serde(rename = "dot-xuat")]
    DotXuat,
}

impl RoundKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RoundKind::Dot1 => "dot1",
            RoundKind::Dot2 => "dot2",
            RoundKind::DotXuat => "dot-xuat",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RoundKind::Dot1 => "Đợt 1 (6 tháng)",
            RoundKind::Dot2 => "Đợt 2 (cuối năm)",
            RoundKind::DotXuat => "Đột xuất",
        }
    }

    /// The plan's dates (section IV.1.b): Đợt 1 01/07–10/07, Đợt 2 20/10–25/10. Ad-hoc rounds have none.
    pub fn default_dates(self, year: i32) -> Option<(NaiveDate, NaiveDate)> {
        let d = |m, day| NaiveDate::from_ymd_opt(year, m, day);
        match self {
            RoundKind::Dot1 => Some((d(7, 1)?, d(7, 10)?)),
            RoundKind::Dot2 => Some((d(10, 20)?, d(10, 25)?)),
            RoundKind::DotXuat => None,
        }
    }

    /// The catalogue kind a round scores: periodic items in Đợt 1 and 2, ad-hoc topics in an ad-hoc round.
    pub fn node_kind(self) -> NodeKind {
        match self {
            RoundKind::DotXuat => NodeKind::Adhoc,
            _ => NodeKind::Periodic,
        }
    }

    /// `2026-dot1`, `2026-dot2`, `2026-dx3`.
    pub fn round_id(self, year: i32, seq: i64) -> String {
        match self {
            RoundKind::DotXuat => format!("{year}-dx{seq}"),
            _ => format!("{year}-{}", self.as_str()),
        }
    }
}

impl FromStr for RoundKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "dot1" => Ok(RoundKind::Dot1),
            "dot2" => Ok(RoundKind::Dot2),
            "dot-xuat" => Ok(RoundKind::DotXuat),
            other => Err(format!("loại đợt «{other}» không hợp lệ (dot1, dot2, dot-xuat)")),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundStatus {
    Planned,
    InProgress,
    Closed,
}

impl RoundStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RoundStatus::Planned => "planned",
            RoundStatus::InProgress => "in_progress",
            RoundStatus::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RoundStatus::Planned => "kế hoạch",
            RoundStatus::InProgress => "đang kiểm tra",
            RoundStatus::Closed => "đã kết thúc",
        }
    }
}

impl FromStr for RoundStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "planned" => Ok(RoundStatus::Planned),
            "in_progress" => Ok(RoundStatus::InProgress),
            "closed" => Ok(RoundStatus::Closed),
            other => Err(format!("trạng thái đợt «{other}» không hợp lệ")),
        }
    }
}

impl fmt::Display for RoundStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// planned → in progress → closed; closed → in progress only by `reopen` (with a reason).
/// How a team member's role (as stored: `truong-doan`, `pho-doan`, `thanh-vien`, `thu-ky`) is shown.
pub fn role_label(code: &str) -> &'static str {
    match code {
        "truong-doan" => "Trưởng đoàn",
        "pho-doan" => "Phó Trưởng đoàn",
        "thu-ky" => "Thư ký",
        _ => "Thành viên",
    }
}

pub fn check_move(id: &str, from: RoundStatus, to: RoundStatus) -> Result<(), String> {
    use RoundStatus::*;
    match (from, to) {
        (Planned, InProgress) | (InProgress, Closed) | (Planned, Closed) | (Closed, InProgress) => Ok(()),
        (a, b) if a == b => Err(format!("đợt {id} đã ở trạng thái «{}»", a.label())),
        (a, b) => Err(format!("đợt {id} đang «{}», không thể chuyển sang «{}»", a.label(), b.label())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_dates_and_deadline() {
        let cal = super::super::calendar::Calendar::default();
        let (from, to) = RoundKind::Dot1.default_dates(2026).unwrap();
        assert_eq!((from.to_string(), to.to_string()), ("2026-07-01".into(), "2026-07-10".into()));
        assert_eq!(cal.selfreport_due(from).to_string(), "2026-06-26");
        let (from, _) = RoundKind::Dot2.default_dates(2026).unwrap();
        assert_eq!(cal.selfreport_due(from).to_string(), "2026-10-15");
        assert!(RoundKind::DotXuat.default_dates(2026).is_none());
    }

    #[test]
    fn ids() {
        assert_eq!(RoundKind::Dot1.round_id(2026, 1), "2026-dot1");
        assert_eq!(RoundKind::DotXuat.round_id(2026, 3), "2026-dx3");
    }

    #[test]
    fn status_moves() {
        use RoundStatus::*;
        assert!(check_move("r", Planned, InProgress).is_ok());
        assert!(check_move("r", InProgress, Closed).is_ok());
        assert!(check_move("r", Closed, InProgress).is_ok());
        assert!(check_move("r", InProgress, Planned).is_err());
        assert!(check_move("r", Closed, Closed).is_err());
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Round {
    pub id: String,
    pub kind: RoundKind,
    pub year: i32,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub selfreport_due: NaiveDate,
    pub topic: Option<String>,
    pub reason: Option<String>,
    pub status: RoundStatus,
    pub catalogue_hash: String,
    /// Units inspected on purpose although they answer for none of the round's items.
    pub included: Vec<String>,
}

impl Round {
    pub fn title(&self) -> String {
        match self.kind {
            RoundKind::Dot1 => format!("Đợt 1 năm {}", self.year),
            RoundKind::Dot2 => format!("Đợt 2 năm {}", self.year),
            RoundKind::DotXuat => {
                // "lần 1", not the id "2026-dx1": documents read by people outside the team carry no internal ids.
                let n = self.id.rsplit_once("-dx").map_or(self.id.as_str(), |(_, n)| n);
                match &self.topic {
                    Some(topic) => format!("Kiểm tra đột xuất lần {n} năm {}: {topic}", self.year),
                    None => format!("Kiểm tra đột xuất lần {n} năm {}", self.year),
                }
            }
        }
    }

    /// Splits the units a round covers into those it inspects and those outside its scope (plan II.3: the units in
    /// charge of CCHC content): in Đợt 1 and 2 a unit is inspected when it answers for at least one item the round
    /// scores, or when it was put in on purpose (`included`); an ad-hoc round inspects every unit it names. Order
    /// is kept.
    /// `assignments` are (item code, unit code) pairs.
    pub fn split_scope<'a, S: AsRef<str>>(
        &self,
        catalogue: &Catalogue,
        assignments: impl IntoIterator<Item = (&'a str, &'a str)>,
        covered: impl IntoIterator<Item = S>,
    ) -> (Vec<S>, Vec<S>) {
        if self.kind == RoundKind::DotXuat {
            return (covered.into_iter().collect(), Vec::new());
        }
        let kind = self.kind.node_kind();
        let answering: HashSet<&str> = assignments
            .into_iter()
            .filter(|(item, _)| catalogue.get(item).is_some_and(|n| n.is_leaf && n.kind == kind))
            .map(|(_, unit)| unit)
            .collect();
        covered
            .into_iter()
            .partition(|code| answering.contains(code.as_ref()) || self.included.iter().any(|u| u == code.as_ref()))
    }

    /// Refuses a write into a closed round, saying how to reopen it.
    pub fn ensure_open(&self) -> Result<(), RoundClosed> {
        if self.status == RoundStatus::Closed {
            return Err(RoundClosed { id: self.id.clone() });
        }
        Ok(())
    }
}

/// A write into a closed round, with how to reopen it.
#[derive(Debug, thiserror::Error)]
#[error("đợt {id} đã kết thúc nên chỉ được xem. Nếu cần sửa, hãy mở lại: `cchc round reopen {id} --reason \"…\"`.")]
pub struct RoundClosed {
    pub id: String,
}

/// The decision (quyết định) that formed a round's team: its number ("112/QĐ-UBND") and the day it was signed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    pub number: String,
    pub decided_on: NaiveDate,
}

impl Decision {
    /// As papers cite it: "112/QĐ-UBND ngày 22/06/2026".
    pub fn citation(&self) -> String {
        format!("{} ngày {}", self.number, super::date::format(self.decided_on))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TeamMember {
    pub id: i64,
    pub round_id: String,
    pub name: String,
    pub role: String,
    pub unit_code: Option<String>,
    /// Chức vụ, as the decision prints it.
    pub title: String,
    /// The body of a member from outside the ward's directory.
    pub unit_name: String,
    pub official_code: Option<String>,
}

#[cfg(test)]
#[path = "round_tests.rs"]
mod boundary_tests;
