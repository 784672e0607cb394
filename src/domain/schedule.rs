//! The inspection schedule (lịch kiểm tra): the day, and optionally the session, each unit is inspected within a
//! round. A unit's self-report is due five days before its own slot (plan, section IV.1.c: "trước 5 ngày theo lịch
//! kiểm tra"), moved to a working day (`Calendar::selfreport_due`); a unit without a slot keeps the round's
//! deadline. The team is one team: two units never share a half-day.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

use super::calendar::Calendar;
use super::date;
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
    /// The unit's self-report deadline: five days before its slot, on a working day (set from the calendar).
    pub due: NaiveDate,
}

impl Slot {
    pub fn new(
        round_id: &str,
        unit: String,
        day: NaiveDate,
        session: Option<Session>,
        place: String,
        cal: &Calendar,
    ) -> Slot {
        Slot { round_id: round_id.to_owned(), unit_code: unit, day, session, place, due: cal.selfreport_due(day) }
    }

    /// The unit's self-report deadline.
    pub fn due(&self) -> NaiveDate {
        self.due
    }

    /// Whether the team would be in two places at once: the same day and session (a slot without a session takes
    /// the whole day), for two different units.
    pub fn clashes(&self, other: &Slot) -> bool {
        self.unit_code != other.unit_code
            && self.day == other.day
            && (self.session.is_none() || other.session.is_none() || self.session == other.session)
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

/// The other unit's slot `slot` clashes with, if any.
pub fn clash<'a>(slots: &'a [Slot], slot: &Slot) -> Option<&'a Slot> {
    slots.iter().find(|s| s.clashes(slot))
}

/// A proposed schedule: the units, in the order given, spread evenly over the free half-days of the working days
/// (morning, then afternoon), so that a round of ten days and twelve units does not crowd them into the first
/// week; `taken` are half-days already booked. `None` when there are fewer free half-days than units: the team
/// never inspects two units at once.
pub fn propose(
    units: &[String],
    days: &[NaiveDate],
    taken: &[(NaiveDate, Option<Session>)],
) -> Option<Vec<(String, NaiveDate, Session)>> {
    let booked =
        |day: NaiveDate, session: Session| taken.iter().any(|(d, s)| *d == day && s.is_none_or(|s| s == session));
    let free: Vec<(NaiveDate, Session)> = days
        .iter()
        .flat_map(|d| [(*d, Session::Sang), (*d, Session::Chieu)])
        .filter(|(d, s)| !booked(*d, *s))
        .collect();
    if free.len() < units.len() || free.is_empty() {
        return None;
    }
    Some(
        units
            .iter()
            .enumerate()
            .map(|(i, unit)| {
                let (day, session) = free[i * free.len() / units.len()];
                (unit.clone(), day, session)
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
        Slot::new("2026-dot1", unit.into(), day, None, String::new(), &Calendar::default())
    }

    #[test]
    fn a_units_deadline_is_five_days_before_its_slot() {
        let slots = vec![slot("VHXH", d(7, 8))];
        assert_eq!(slots[0].due(), d(7, 3));
        assert_eq!(slot("KT", d(7, 3)).due(), d(6, 26), "Sunday 28/06 moves back to Friday 26/06");
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
    fn proposals_never_double_book_and_skip_days_off() {
        let days = Calendar::default().working_days(d(7, 1), d(7, 10));
        let units: Vec<String> = (1..=4).map(|i| format!("U{i}")).collect();
        let plan = propose(&units, &days, &[]).unwrap();
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
        let plan = propose(&units, &days, &[(d(7, 1), None), (d(7, 3), Some(Session::Sang))]).unwrap();
        assert!(plan.iter().all(|(_, day, s)| *day != d(7, 1) && (*day, *s) != (d(7, 3), Session::Sang)));
        let many: Vec<String> = (1..=16).map(|i| format!("U{i}")).collect();
        let plan = propose(&many, &days, &[]).unwrap();
        assert!(plan.windows(2).all(|w| (w[0].1, w[0].2) < (w[1].1, w[1].2)), "in order, one unit a half-day");
        let too_many: Vec<String> = (1..=17).map(|i| format!("U{i}")).collect();
        assert!(propose(&too_many, &days, &[]).is_none(), "17 units in 16 half-days");
        assert!(propose(&units, &[], &[]).is_none(), "no working day");
    }

    #[test]
    fn two_units_in_one_half_day_clash() {
        let cal = Calendar::default();
        let a = Slot::new("r", "A".into(), d(7, 1), Some(Session::Sang), String::new(), &cal);
        let b = Slot::new("r", "B".into(), d(7, 1), Some(Session::Sang), String::new(), &cal);
        let c = Slot::new("r", "C".into(), d(7, 1), Some(Session::Chieu), String::new(), &cal);
        let whole = Slot::new("r", "D".into(), d(7, 1), None, String::new(), &cal);
        assert!(a.clashes(&b) && !a.clashes(&c) && whole.clashes(&c) && !a.clashes(&a));
        assert_eq!(clash(&[a.clone(), c.clone()], &b).map(|s| s.unit_code.as_str()), Some("A"));
    }
}

#[cfg(test)]
#[path = "schedule_tests.rs"]
mod boundary_tests;
