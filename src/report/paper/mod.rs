//! The papers of the inspection cycle, laid out like the reports (NĐ 30/2020/NĐ-CP): the decision establishing the
//! team (QĐ), the schedule notice (TB), one unit's minutes (BB), the reminder to late units (CV) and the year's
//! plan (KH). Each module holds a view model (printed as it is for JSON) and its layout as a `Document`; the
//! command fills the model from the database. Like the reports, papers never see a connection.

pub mod decision;
pub mod minutes;
pub mod plan;
pub mod reminder;
pub mod schedule;
pub mod text;
pub mod trail;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::calendar::weekday_name;
use crate::domain::date;
use crate::domain::schedule::Session;

/// A member of the inspection team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    pub name: String,
    /// `truong-doan`, `pho-doan`, `thanh-vien`, `thu-ky`.
    pub role: String,
    pub role_label: &'static str,
    /// Chức vụ; empty when not entered.
    pub title: String,
    pub unit_name: Option<String>,
}

impl Member {
    /// "Nguyễn Thị Hoài Thu, Phó Trưởng phòng, Phòng Văn hoá - Xã hội – Trưởng đoàn".
    pub fn line(&self) -> String {
        let mut parts = vec![self.name.as_str()];
        parts.extend(Some(self.title.trim()).filter(|t| !t.is_empty()));
        parts.extend(self.unit_name.as_deref().filter(|u| !u.trim().is_empty()));
        format!("{} – {}", parts.join(", "), self.role_label)
    }
}

/// A person of the inspected unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub name: String,
    pub position: String,
}

impl Person {
    pub fn line(&self) -> String {
        if self.position.trim().is_empty() { self.name.clone() } else { format!("{} – {}", self.name, self.position) }
    }
}

/// A unit's line of the schedule: its slot (if it has one) and its self-report deadline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlotLine {
    pub unit_code: String,
    pub unit_name: String,
    pub day: Option<NaiveDate>,
    pub session: Option<Session>,
    pub place: String,
    pub selfreport_due: NaiveDate,
}

impl SlotLine {
    /// "buổi sáng Thứ Tư, ngày 08/07/2026", or "Thứ Tư, ngày 08/07/2026", or blanks to fill by hand.
    pub fn when(&self) -> String {
        let day = |d: NaiveDate| format!("{}, ngày {}", weekday_name(d), date::format(d));
        match (self.session, self.day) {
            (Some(session), Some(d)) => format!("buổi {} {}", session.label().to_lowercase(), day(d)),
            (None, Some(d)) => day(d),
            _ => "ngày …/…/……".to_owned(),
        }
    }
}

/// The title the team leader signs with, and the team's name on the minutes' letterhead.
pub const TEAM_LEADER: &str = "TRƯỞNG ĐOÀN";
