//! Working days (ngày làm việc): Monday to Friday, less the public holidays. The fixed-date holidays are built in
//! (Bộ luật Lao động 2019, Điều 112); the lunar ones (Tết Nguyên đán, Giỗ Tổ Hùng Vương), the day joined to 02/09
//! and the government's announced swaps change every year and are entered with `cchc config`.
//! A deadline that falls on a non-working day moves to the previous working day (so the team keeps its five days),
//! or to the next one (Bộ luật Dân sự 2015, Điều 148) when the ward chooses so.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::date;

/// The plan asks units to report 5 days before their slot (section IV.1.c).
pub const SELFREPORT_LEAD_DAYS: u64 = 5;

/// (day, month, name) of the public holidays on a fixed solar date.
const FIXED_HOLIDAYS: [(u32, u32, &str); 4] =
    [(1, 1, "Tết Dương lịch"), (30, 4, "ngày Chiến thắng"), (1, 5, "ngày Quốc tế lao động"), (2, 9, "Quốc khánh")];

/// Which way a deadline on a non-working day moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// To the previous working day: the team keeps its five days.
    #[default]
    Before,
    /// To the next working day (Bộ luật Dân sự 2015, Điều 148).
    After,
}

impl Direction {
    /// `truoc` or `sau`, as `cchc config set deadline_direction` takes it.
    pub fn parse(text: &str) -> Result<Self, String> {
        match text.trim() {
            "" | "truoc" | "trước" => Ok(Direction::Before),
            "sau" => Ok(Direction::After),
            other => Err(format!(
                "«{other}» không hợp lệ: ghi «truoc» (lùi về ngày làm việc liền trước) hoặc «sau» (sang ngày làm việc liền sau)"
            )),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    /// Holidays entered for a year (lunar holidays, the day joined to 02/09, days off by a swap).
    pub holidays: BTreeSet<NaiveDate>,
    /// Saturdays or Sundays made working days by a swap.
    pub workdays: BTreeSet<NaiveDate>,
    pub direction: Direction,
}

impl Calendar {
    /// Why `day` is not a working day ("thứ Bảy", "Chủ nhật", "ngày nghỉ lễ Quốc khánh"), or `None` when it is one.
    pub fn day_off(&self, day: NaiveDate) -> Option<String> {
        if self.workdays.contains(&day) {
            return None;
        }
        if let Some((_, _, name)) = FIXED_HOLIDAYS.iter().find(|(d, m, _)| day.day() == *d && day.month() == *m) {
            return Some(format!("ngày nghỉ lễ {name}"));
        }
        if self.holidays.contains(&day) {
            return Some("ngày nghỉ lễ, Tết".to_owned());
        }
        match day.weekday() {
            Weekday::Sat => Some("thứ Bảy".to_owned()),
            Weekday::Sun => Some("Chủ nhật".to_owned()),
            _ => None,
        }
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        self.day_off(day).is_none()
    }

    /// The working days from `start` to `end`.
    pub fn working_days(&self, start: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
        start.iter_days().take_while(|d| *d <= end).filter(|d| self.is_working_day(*d)).collect()
    }

    /// `day`, or the nearest working day in the ward's direction.
    pub fn working_day(&self, day: NaiveDate) -> NaiveDate {
        self.working_day_towards(day, self.direction)
    }

    /// `day`, or the nearest working day before (or after) it.
    pub fn working_day_towards(&self, day: NaiveDate, direction: Direction) -> NaiveDate {
        let mut d = day;
        // A year holds far fewer than 60 consecutive days off; the bound only guards against a bad setting.
        for _ in 0..60 {
            if self.is_working_day(d) {
                return d;
            }
            let step = match direction {
                Direction::Before => d.checked_sub_days(Days::new(1)),
                Direction::After => d.checked_add_days(Days::new(1)),
            };
            let Some(next) = step else { break };
            d = next;
        }
        day
    }

    /// THE self-report deadline of a unit inspected on `slot` (or of a round starting on `slot`): five days before,
    /// moved to a working day.
    pub fn selfreport_due(&self, slot: NaiveDate) -> NaiveDate {
        self.working_day(slot.checked_sub_days(Days::new(SELFREPORT_LEAD_DAYS)).unwrap_or(slot))
    }
}

/// "Thứ Sáu" for a Friday.
pub fn weekday_name(day: NaiveDate) -> &'static str {
    match day.weekday() {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

/// "Thứ Sáu, 26/06/2026": a date a person must act on.
pub fn with_weekday(day: NaiveDate) -> String {
    format!("{}, {}", weekday_name(day), date::format(day))
}

/// A `;`-separated list of dd/mm/yyyy dates, as `cchc config` stores holidays and swapped working days.
pub fn parse_dates(text: &str) -> Result<BTreeSet<NaiveDate>, String> {
    text.split([';', ',']).map(str::trim).filter(|t| !t.is_empty()).map(date::parse).collect()
}

/// The stored form of a list of dates: sorted, `;`-separated.
pub fn format_dates(days: &BTreeSet<NaiveDate>) -> String {
    days.iter().map(|d| date::format(*d)).collect::<Vec<_>>().join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn a_deadline_on_a_weekend_moves_back_to_friday() {
        let cal = Calendar::default();
        // Slot Friday 03/07: five days before is Sunday 28/06, so Friday 26/06.
        assert_eq!(cal.selfreport_due(d(7, 3)), d(6, 26));
        // Slot Wednesday 01/07: Friday 26/06, a working day, stays.
        assert_eq!(cal.selfreport_due(d(7, 1)), d(6, 26));
        // Slot Thursday 02/07: Saturday 27/06 moves back to Friday 26/06.
        assert_eq!(cal.selfreport_due(d(7, 2)), d(6, 26));
        // Slot Monday 06/07: Wednesday 01/07 stays; the day before and after the weekend boundary.
        assert_eq!(cal.selfreport_due(d(7, 6)), d(7, 1));
        assert_eq!(cal.selfreport_due(d(7, 7)), d(7, 2));
        // Slot Wednesday 08/07: Friday 03/07.
        assert_eq!(cal.selfreport_due(d(7, 8)), d(7, 3));
    }

    #[test]
    fn the_next_working_day_when_the_ward_chooses_so() {
        let cal = Calendar { direction: Direction::After, ..Calendar::default() };
        assert_eq!(cal.selfreport_due(d(7, 3)), d(6, 29), "Sunday 28/06 moves to Monday 29/06");
        assert_eq!(Direction::parse("sau"), Ok(Direction::After));
        assert!(Direction::parse("giữa").unwrap_err().contains("giữa"));
    }

    #[test]
    fn holidays_fixed_and_entered_are_days_off() {
        let mut cal = Calendar::default();
        // Slot Wednesday 06/05: Friday 01/05 is a holiday, Thursday 30/04 too, so Wednesday 29/04.
        assert_eq!(cal.selfreport_due(d(5, 6)), d(4, 29));
        assert!(cal.day_off(d(9, 2)).unwrap().contains("Quốc khánh"));
        // Giỗ Tổ Hùng Vương 2026 (10/3 âm lịch) falls on Sunday 26/04, its day off on Monday 27/04.
        cal.holidays = parse_dates("27/04/2026").unwrap();
        assert_eq!(cal.selfreport_due(d(5, 2)), d(4, 24), "Monday 27/04 off, then the weekend");
        // A Saturday made a working day by a swap.
        cal.workdays = parse_dates("25/04/2026").unwrap();
        assert_eq!(cal.selfreport_due(d(5, 2)), d(4, 25));
        assert!(parse_dates("25/04/2026; 32/04/2026").is_err());
        assert_eq!(format_dates(&parse_dates("02/01/2026;01/01/2026").unwrap()), "01/01/2026; 02/01/2026");
    }

    #[test]
    fn working_days_and_weekday_names() {
        let cal = Calendar::default();
        assert_eq!(cal.working_days(d(7, 1), d(7, 10)).len(), 8);
        assert_eq!(with_weekday(d(6, 26)), "Thứ Sáu, 26/06/2026");
        assert_eq!(cal.day_off(d(7, 4)).as_deref(), Some("thứ Bảy"));
        assert!(cal.is_working_day(d(7, 3)));
        let saturday = NaiveDate::from_ymd_opt(2027, 7, 10).unwrap();
        assert_eq!(cal.working_day_towards(saturday, Direction::Before).to_string(), "2027-07-09");
    }
}
