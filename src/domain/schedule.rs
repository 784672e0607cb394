//! The inspection schedule (lịch kiểm tra): the day, and optionally the session, each unit is inspected within a
//! round. A unit's self-report is due five days before its own slot (plan, section IV.1.c: "trước 5 ngày theo lịch
//! kiểm tra"); a unit without a slot keeps the round's deadline.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

use super::date;
use super::round::selfreport_due;
use super::text::fold;

/// Morning or afternoon of a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Session {
    Sang,
    Chieu,
}

impl Session {
    pub fn as_str(self) -> &'static str {
        match self {
            Session::Sang => "sang",
            Session::Chieu => "chieu",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Session::Sang => "Sáng",
            Session::Chieu => "Chiều",
        }
    }
}

impl FromStr for Session {
    type Err = String;

    /// `sang`, `sáng`, `Sáng`, `chieu`, `chiều`…: accents and case do not matter.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match fold(s.trim()).as_str() {
            "sang" | "buoi sang" => Ok(Session::Sang),
            "chieu" | "buoi chieu" => Ok(Session::Chieu),
            _ => Err(format!("buổi «{}» không hợp lệ: ghi «sáng» hoặc «chiều» (hoặc để trống)", s.trim())),
        }
    }
}

impl fmt::Display for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One unit's inspection slot in a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slot {
    pub round_id: String,
    pub unit_code: String,
    pub day: NaiveDate,
    pub session: Option<Session>,
    /// Where the team meets the unit; empty when not yet fixed.
    pub place: String,
}

impl Slot {
    /// The unit's self-report deadline: five days before its slot.
    pub fn due(&self) -> NaiveDate {
        selfreport_due(self.day)
    }

    /// "Sáng 01/07/2026", or the date alone.
    pub fn when(&self) -> String {
        match self.session {
            Some(session) => format!("{} {}", session.label(), date::format(self.day)),
            None => date::format(self.day),
        }
    }

    /// Sort key: day, then morning before afternoon before unspecified, then unit.
    pub fn order(&self) -> (NaiveDate, u8, &str) {
        let session = match self.session {
            Some(Session::Sang) => 0,
            Some(Session::Chieu) => 1,
            None => 2,
        };
        (self.day, session, self.unit_code.as_str())
    }
}

/// The self-report deadline of `unit`: its slot's, else the round's.
pub fn due_for(slots: &[Slot], round_id: &str, unit: &str, round_due: NaiveDate) -> NaiveDate {
    slots.iter().find(|s| s.round_id == round_id && s.unit_code == unit).map_or(round_due, Slot::due)
}

/// What is wrong with a slot's day, or what to warn about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayCheck {
    Fine,
    Weekend(&'static str),
}

/// A slot's day must lie within the round; a Saturday or Sunday is allowed with a warning.
pub fn check_day(day: NaiveDate, start: NaiveDate, end: NaiveDate) -> Result<DayCheck, String> {
    if day < start || day > end {
        return Err(format!(
            "ngày {} nằm ngoài thời gian của đợt ({} – {})",
            date::format(day),
            date::format(start),
            date::format(end)
        ));
    }
    Ok(match day.weekday() {
        Weekday::Sat => DayCheck::Weekend("thứ Bảy"),
        Weekday::Sun => DayCheck::Weekend("Chủ nhật"),
        _ => DayCheck::Fine,
    })
}

/// Monday to Friday from `start` to `end`.
pub fn working_days(start: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
    start.iter_days().take_while(|d| *d <= end).filter(|d| d.weekday().num_days_from_monday() < 5).collect()
}

/// A proposed schedule: the units, in the order given, spread evenly over the half-days of the working days
/// (morning, then afternoon), so that a round of ten days and twelve units does not crowd them into the first
/// week. `None` when the round has no working day.
pub fn propose(units: &[String], start: NaiveDate, end: NaiveDate) -> Option<Vec<(String, NaiveDate, Session)>> {
    let days = working_days(start, end);
    if days.is_empty() {
        return None;
    }
    let half_days = days.len() * 2;
    Some(
        units
            .iter()
            .enumerate()
            .map(|(i, unit)| {
                // Evenly spaced over the half-days, in order; with more units than half-days several share one.
                let at = i * half_days / units.len();
                let session = if at.is_multiple_of(2) { Session::Sang } else { Session::Chieu };
                (unit.clone(), days[at / 2], session)
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn slot(unit: &str, day: NaiveDate) -> Slot {
        Slot { round_id: "2026-dot1".into(), unit_code: unit.into(), day, session: None, place: String::new() }
    }

    #[test]
    fn a_units_deadline_is_five_days_before_its_slot() {
        let slots = vec![slot("VHXH", d(7, 8))];
        assert_eq!(slots[0].due(), d(7, 3));
        assert_eq!(due_for(&slots, "2026-dot1", "VHXH", d(6, 26)), d(7, 3));
        assert_eq!(due_for(&slots, "2026-dot1", "TTPVHCC", d(6, 26)), d(6, 26), "no slot: the round's");
        assert_eq!(due_for(&slots, "2026-dot2", "VHXH", d(10, 15)), d(10, 15), "another round's slot");
    }

    #[test]
    fn days_outside_the_round_are_refused_and_weekends_warned() {
        assert!(check_day(d(6, 30), d(7, 1), d(7, 10)).unwrap_err().contains("30/06/2026"));
        assert!(check_day(d(7, 11), d(7, 1), d(7, 10)).is_err());
        assert_eq!(check_day(d(7, 4), d(7, 1), d(7, 10)), Ok(DayCheck::Weekend("thứ Bảy")));
        assert_eq!(check_day(d(7, 5), d(7, 1), d(7, 10)), Ok(DayCheck::Weekend("Chủ nhật")));
        assert_eq!(check_day(d(7, 10), d(7, 1), d(7, 10)), Ok(DayCheck::Fine));
    }

    #[test]
    fn sessions_read_with_or_without_accents() {
        assert_eq!("Sáng".parse(), Ok(Session::Sang));
        assert_eq!(" chieu ".parse(), Ok(Session::Chieu));
        assert_eq!("CHIỀU".parse(), Ok(Session::Chieu));
        assert!("tối".parse::<Session>().unwrap_err().contains("tối"));
    }

    #[test]
    fn proposals_skip_weekends_and_spread_units_in_order() {
        // 01/07/2026 is a Wednesday: 01, 02, 03, 06, 07, 08, 09, 10 are the working days.
        assert_eq!(working_days(d(7, 1), d(7, 10)).len(), 8);
        let units: Vec<String> = (1..=4).map(|i| format!("U{i}")).collect();
        let plan = propose(&units, d(7, 1), d(7, 10)).unwrap();
        let got: Vec<(&str, NaiveDate, Session)> = plan.iter().map(|(u, d, s)| (u.as_str(), *d, *s)).collect();
        assert_eq!(
            got,
            [
                ("U1", d(7, 1), Session::Sang),
                ("U2", d(7, 3), Session::Sang),
                ("U3", d(7, 7), Session::Sang),
                ("U4", d(7, 9), Session::Sang)
            ]
        );
        let many: Vec<String> = (1..=20).map(|i| format!("U{i}")).collect();
        let plan = propose(&many, d(7, 1), d(7, 10)).unwrap();
        assert!(plan.iter().all(|(_, day, _)| day.weekday().num_days_from_monday() < 5));
        assert!(plan.windows(2).all(|w| (w[0].1, w[0].2) <= (w[1].1, w[1].2)), "in order");
        assert_eq!(plan[19].1, d(7, 10), "the last unit on the last day");
        assert!(propose(&units, d(7, 4), d(7, 5)).is_none(), "a weekend-only round has no working day");
    }
}
