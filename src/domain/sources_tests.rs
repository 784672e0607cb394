//! Boundary tests of a report's sources as of a day: what happened on the day is in, what happened the day after
//! is out.

use super::*;
use crate::domain::finding::FindingKind;
use crate::domain::round::{RoundKind, RoundStatus};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn finding(id: &str, round: &str, created_at: &str) -> Finding {
    Finding {
        id: id.into(),
        round_id: round.into(),
        seq: 1,
        unit_code: "VP".into(),
        criterion: None,
        official_code: None,
        kind: FindingKind::HanChe,
        text: "Chưa niêm yết thủ tục".into(),
        recommendation: String::new(),
        due: None,
        status: FindingStatus::DaXacMinh,
        source: None,
        created_at: created_at.into(),
        repeats: None,
    }
}

fn round(id: &str, kind: RoundKind, start: NaiveDate) -> Round {
    Round {
        id: id.into(),
        kind,
        year: 2026,
        start,
        end: start,
        selfreport_due: start,
        topic: None,
        reason: None,
        status: RoundStatus::InProgress,
        catalogue_hash: "h".into(),
        included: vec![],
    }
}

fn event(finding_id: &str, at: &str, status: FindingStatus) -> Event {
    Event {
        finding_id: finding_id.into(),
        at: at.into(),
        status,
        note: String::new(),
        evidence: String::new(),
        round_id: None,
        actor: "tester".into(),
    }
}

fn answer(finding_id: &str, on: NaiveDate) -> ProposalAnswer {
    ProposalAnswer {
        finding_id: finding_id.into(),
        addressed_to: None,
        answer: Some("Đã bố trí kinh phí".into()),
        answered_on: Some(on),
    }
}

fn clarification(id: &str, asked_on: NaiveDate, answered: Option<NaiveDate>) -> Clarification {
    Clarification {
        id: id.into(),
        round_id: "2026-dot1".into(),
        unit_code: "VP".into(),
        criterion: None,
        question: "Vì sao chưa niêm yết?".into(),
        due: None,
        asked_on,
        answer: answered.map(|on| crate::domain::clarification::Answer { text: "Đã niêm yết".into(), on }),
    }
}

fn sources() -> Sources {
    Sources {
        rounds: vec![],
        catalogues: HashMap::new(),
        units: vec![],
        officials: vec![],
        assignments: vec![],
        scopes: vec![],
        whole: vec![],
        team: vec![],
        scores: vec![],
        self_items: vec![],
        receipts: vec![],
        slots: vec![],
        findings: vec![],
        events: vec![],
        answers: vec![],
        evidence: vec![],
        clarifications: vec![],
    }
}

#[test]
fn the_day_of_a_stored_time_is_its_first_ten_characters() {
    assert_eq!(recorded_on("2026-07-10T09:00:00"), Some(day(7, 10)));
    assert_eq!(recorded_on("2026-07-10"), Some(day(7, 10)));
    assert_eq!(recorded_on("10/07/2026 09:00"), None);
    assert_eq!(recorded_on("2026-07"), None);
}

#[test]
fn a_finding_recorded_on_the_day_is_kept_and_one_recorded_after_it_is_counted_out() {
    let mut later = RecordedLater::default();
    let on = day(7, 10);
    assert!(later.keep(&finding("F1", "r", "2026-07-09T08:00:00"), on), "the day before");
    assert!(later.keep(&finding("F2", "r", "2026-07-10T23:59:59"), on), "late on the day itself");
    assert_eq!(later, RecordedLater::default(), "nothing left out yet");
    assert!(!later.keep(&finding("F3", "r", "2026-07-15T08:00:00"), on));
    assert!(!later.keep(&finding("F4", "r", "2026-07-11T00:00:00"), on), "the day after");
    assert!(later.keep(&finding("F5", "r", "không rõ"), on), "an unreadable time cannot prove it later");
    assert_eq!(later, RecordedLater { count: 2, latest: Some(day(7, 15)) }, "the latest, not the last seen");
}

/// Rounds, findings, status changes and answers on both sides of 10/07.
#[test]
fn a_report_as_of_a_day_sees_that_day_and_nothing_after_it() {
    let mut src = sources();
    src.rounds = vec![
        round("2026-dot1", RoundKind::Dot1, day(6, 1)),
        round("2026-dot2", RoundKind::Dot2, day(7, 10)),
        round("2026-dx1", RoundKind::DotXuat, day(7, 11)),
    ];
    src.findings = vec![
        finding("2026-dot1-F01", "2026-dot1", "2026-06-02T09:00:00"),
        finding("2026-dot1-F02", "2026-dot1", "2026-07-11T09:00:00"),
        finding("2026-dot2-F01", "2026-dot2", "2026-07-10T15:00:00"),
        finding("2026-dx1-F01", "2026-dx1", "2026-07-09T09:00:00"),
    ];
    src.events = vec![
        event("2026-dot1-F01", "2026-07-10T16:00:00", FindingStatus::DangKhacPhuc),
        event("2026-dot1-F01", "2026-07-11T08:00:00", FindingStatus::DaKhacPhuc),
        event("2026-dot1-F02", "2026-07-11T10:00:00", FindingStatus::DangKhacPhuc),
    ];
    src.answers = vec![answer("2026-dot1-F01", day(7, 10)), answer("2026-dot2-F01", day(7, 11))];
    src.clarifications = vec![
        clarification("GT01", day(7, 9), Some(day(7, 10))),
        clarification("GT02", day(7, 10), Some(day(7, 11))),
        clarification("GT03", day(7, 11), None),
    ];
    let later = src.as_of(day(7, 10));

    let ids = |v: &[String]| v.join(" ");
    assert_eq!(ids(&src.rounds.iter().map(|r| r.id.clone()).collect::<Vec<_>>()), "2026-dot1 2026-dot2");
    assert_eq!(
        ids(&src.findings.iter().map(|f| f.id.clone()).collect::<Vec<_>>()),
        "2026-dot1-F01 2026-dot2-F01",
        "F02 was typed in the day after; the surprise round had not started"
    );
    assert_eq!(later, RecordedLater { count: 1, latest: Some(day(7, 11)) }, "only findings of rounds kept count");
    let statuses: Vec<_> = src.findings.iter().map(|f| f.status).collect();
    assert_eq!(statuses, [FindingStatus::DangKhacPhuc, FindingStatus::Mo], "each takes back its status on the day");
    assert_eq!(src.events.len(), 1, "the change on the day stays, the one after goes");
    let given: Vec<_> = src.answers.iter().map(|a| (a.answer.is_some(), a.answered_on)).collect();
    assert_eq!(given, [(true, Some(day(7, 10))), (false, None)], "an answer of the next day is not given yet");
    let asked: Vec<_> = src.clarifications.iter().map(|c| (c.id.as_str(), c.answer.is_some())).collect();
    assert_eq!(asked, [("GT01", true), ("GT02", false)], "asked on the day counts, answered the day after does not");
}

#[test]
fn an_answer_is_given_from_its_day_on() {
    let mut src = sources();
    src.answers = vec![answer("F1", day(7, 9)), answer("F2", day(7, 10)), answer("F3", day(7, 11))];
    src.answers_as_of(day(7, 10));
    let given: Vec<_> = src.answers.iter().map(|a| a.answer.as_deref()).collect();
    assert_eq!(given, [Some("Đã bố trí kinh phí"), Some("Đã bố trí kinh phí"), None]);
    assert_eq!(src.answers[2].answered_on, None);
}
