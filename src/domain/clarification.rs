//! Clarifications (giải trình): a question the team asks a unit, optionally on an item, with a due date, and the
//! unit's answer.

use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Clarification {
    /// `<round>-GT<nn>`, e.g. `2026-dot1-GT01`.
    pub id: String,
    pub round_id: String,
    pub unit_code: String,
    pub criterion: Option<String>,
    pub question: String,
    pub due: Option<NaiveDate>,
    pub asked_on: NaiveDate,
    pub answer: Option<Answer>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub text: String,
    pub on: NaiveDate,
}

impl Clarification {
    pub fn id_for(round_id: &str, seq: i64) -> String {
        format!("{round_id}-GT{seq:02}")
    }

    /// Answered on or before `as_of` (a document as of a date does not see a later answer).
    pub fn answered_by(&self, as_of: NaiveDate) -> Option<&Answer> {
        self.answer.as_ref().filter(|a| a.on <= as_of)
    }

    /// Asked by `day` and not answered by it: what a paper of that day shows as open.
    pub fn open_on(&self, day: NaiveDate) -> bool {
        self.asked_on <= day && self.answered_by(day).is_none()
    }

    /// Still unanswered on `as_of`, after its due date: what the reminder names.
    pub fn is_overdue(&self, as_of: NaiveDate) -> bool {
        self.answered_by(as_of).is_none() && self.due.is_some_and(|due| due < as_of)
    }

    pub fn status(&self, as_of: NaiveDate) -> Status {
        if self.answered_by(as_of).is_some() {
            Status::Answered
        } else if self.is_overdue(as_of) {
            Status::Overdue
        } else {
            Status::Open
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Open,
    Overdue,
    Answered,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "chưa giải trình",
            Status::Overdue => "quá hạn",
            Status::Answered => "đã giải trình",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Status::Open => "chua-giai-trinh",
            Status::Overdue => "qua-han",
            Status::Answered => "da-giai-trinh",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 7, d).unwrap()
    }

    #[test]
    fn overdue_and_answered_are_measured_to_the_as_of_date() {
        let mut c = Clarification {
            id: Clarification::id_for("2026-dot1", 1),
            round_id: "2026-dot1".into(),
            unit_code: "VP".into(),
            criterion: None,
            question: "?".into(),
            due: Some(day(5)),
            asked_on: day(1),
            answer: None,
        };
        assert_eq!(c.id, "2026-dot1-GT01");
        assert!(!c.is_overdue(day(5)) && c.is_overdue(day(6)));
        c.answer = Some(Answer { text: "!".into(), on: day(8) });
        assert_eq!(c.status(day(7)), Status::Overdue);
        assert_eq!(c.status(day(8)).label(), "đã giải trình");
    }

    /// The JSON and the reports name each status by its code and its label: the three must stay apart.
    #[test]
    fn each_status_has_its_own_code_and_label() {
        assert_eq!(
            [Status::Open, Status::Overdue, Status::Answered].map(|s| (s.code(), s.label())),
            [("chua-giai-trinh", "chưa giải trình"), ("qua-han", "quá hạn"), ("da-giai-trinh", "đã giải trình")]
        );
    }
}
