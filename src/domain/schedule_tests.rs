//! Boundary tests of the schedule rules: the words for sessions and slots, their order, the round's first and last
//! day, half-days already booked.

use super::*;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn slot(unit: &str, day: NaiveDate, session: Option<Session>) -> Slot {
    Slot::new("2026-dot1", unit.into(), day, session, String::new(), &Calendar::default())
}

#[test]
fn sessions_are_stored_and_shown_in_their_own_words() {
    for (session, stored, shown) in [(Session::Sang, "sang", "Sáng"), (Session::Chieu, "chieu", "Chiều")] {
        assert_eq!((session.as_str(), session.label(), session.to_string()), (stored, shown, shown.to_owned()));
        assert_eq!(stored.parse(), Ok(session), "read back as stored");
        assert_eq!(format!("buổi {shown}").parse(), Ok(session));
    }
}

#[test]
fn a_slot_is_shown_with_its_session_then_its_date() {
    assert_eq!(slot("KT", d(7, 1), Some(Session::Sang)).when(), "Sáng 01/07/2026");
    assert_eq!(slot("KT", d(7, 9), Some(Session::Chieu)).when(), "Chiều 09/07/2026");
    assert_eq!(slot("KT", d(7, 10), None).when(), "10/07/2026");
}

#[test]
fn slots_sort_by_day_then_morning_afternoon_whole_day_then_unit() {
    let mut slots = [
        slot("A", d(7, 2), Some(Session::Sang)),
        slot("B", d(7, 1), None),
        slot("C", d(7, 1), Some(Session::Chieu)),
        slot("A", d(7, 1), None),
        slot("D", d(7, 1), Some(Session::Sang)),
    ];
    slots.sort_by(|a, b| a.order().cmp(&b.order()));
    let order: Vec<(u32, &str)> = slots.iter().map(|s| (s.day.day(), s.unit_code.as_str())).collect();
    assert_eq!(order, [(1, "D"), (1, "C"), (1, "A"), (1, "B"), (2, "A")]);
}

#[test]
fn the_rounds_first_and_last_days_are_inside_it_and_the_days_around_are_not() {
    let (start, end) = (d(7, 1), d(7, 10));
    assert_eq!(check_day(start, start, end), Ok(DayCheck::Fine), "Wednesday 01/07, the first day");
    assert_eq!(check_day(end, start, end), Ok(DayCheck::Fine), "Friday 10/07, the last day");
    assert_eq!(
        check_day(d(6, 30), start, end),
        Err("ngày 30/06/2026 nằm ngoài thời gian của đợt (01/07/2026 – 10/07/2026)".to_owned())
    );
    assert!(check_day(d(7, 11), start, end).unwrap_err().contains("11/07/2026"));
}

#[test]
fn a_booked_morning_leaves_the_afternoon_free() {
    let days = [d(7, 1)];
    let plan = propose(&["KT".to_owned()], &days, &[(d(7, 1), Some(Session::Sang))]).unwrap();
    assert_eq!(plan, [("KT".to_owned(), d(7, 1), Session::Chieu)]);
    let plan = propose(&["KT".to_owned()], &days, &[(d(7, 1), Some(Session::Chieu))]).unwrap();
    assert_eq!(plan, [("KT".to_owned(), d(7, 1), Session::Sang)]);
    assert_eq!(propose(&["KT".to_owned()], &days, &[(d(7, 1), None)]), None, "a whole-day slot takes both");
}
