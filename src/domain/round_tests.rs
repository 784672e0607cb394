//! Boundary tests of the round rules: the words papers print for kinds, statuses, roles and titles; every status
//! move; which units a round inspects; writes into a closed round.

use super::*;
use crate::domain::catalogue::{Classification, Node};
use RoundStatus::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn round(kind: RoundKind, id: &str, topic: Option<&str>) -> Round {
    Round {
        id: id.into(),
        kind,
        year: 2026,
        start: day(2026, 7, 1),
        end: day(2026, 7, 10),
        selfreport_due: day(2026, 6, 26),
        topic: topic.map(str::to_owned),
        reason: None,
        status: InProgress,
        catalogue_hash: String::new(),
        included: vec![],
    }
}

#[test]
fn each_kind_has_the_words_papers_print_and_the_catalogue_kind_it_scores() {
    let kinds = [RoundKind::Dot1, RoundKind::Dot2, RoundKind::DotXuat];
    let shown: Vec<(&str, &str, NodeKind)> = kinds.iter().map(|k| (k.as_str(), k.label(), k.node_kind())).collect();
    assert_eq!(
        shown,
        [
            ("dot1", "Đợt 1 (6 tháng)", NodeKind::Periodic),
            ("dot2", "Đợt 2 (cuối năm)", NodeKind::Periodic),
            ("dot-xuat", "Đột xuất", NodeKind::Adhoc),
        ]
    );
    for k in kinds {
        assert_eq!(k.as_str().parse::<RoundKind>(), Ok(k));
    }
}

#[test]
fn each_status_is_stored_and_shown_in_its_own_words() {
    for (status, stored, shown) in [
        (Planned, "planned", "kế hoạch"),
        (InProgress, "in_progress", "đang kiểm tra"),
        (Closed, "closed", "đã kết thúc"),
    ] {
        assert_eq!((status.as_str(), status.label(), status.to_string()), (stored, shown, shown.to_owned()));
        assert_eq!(stored.parse::<RoundStatus>(), Ok(status), "read back as stored");
    }
    assert!("dong".parse::<RoundStatus>().unwrap_err().contains("«dong»"));
}

#[test]
fn team_roles_are_shown_as_the_decision_names_them() {
    let shown: Vec<&str> =
        ["truong-doan", "pho-doan", "thu-ky", "thanh-vien", "khac"].into_iter().map(role_label).collect();
    assert_eq!(shown, ["Trưởng đoàn", "Phó Trưởng đoàn", "Thư ký", "Thành viên", "Thành viên"]);
}

/// The rule, move by move: planned → in progress → closed (skipping allowed), reopened from closed; never back to
/// planned; a move to the status it has is refused as "already there", any other refusal says from and to.
#[test]
fn every_status_move_is_allowed_or_refused_by_the_rule() {
    let all = [Planned, InProgress, Closed];
    for from in all {
        for to in all {
            let allowed =
                matches!((from, to), (Planned, InProgress | Closed) | (InProgress, Closed) | (Closed, InProgress));
            let got = check_move("2026-dot1", from, to);
            assert_eq!(got.is_ok(), allowed, "{from:?} → {to:?}: {got:?}");
            if let Err(err) = got {
                let want = if from == to {
                    format!("đợt 2026-dot1 đã ở trạng thái «{}»", from.label())
                } else {
                    format!("đợt 2026-dot1 đang «{}», không thể chuyển sang «{}»", from.label(), to.label())
                };
                assert_eq!(err, want);
            }
        }
    }
}

#[test]
fn titles_name_the_round_without_internal_ids() {
    assert_eq!(round(RoundKind::Dot1, "2026-dot1", None).title(), "Đợt 1 năm 2026");
    assert_eq!(round(RoundKind::Dot2, "2026-dot2", None).title(), "Đợt 2 năm 2026");
    assert_eq!(round(RoundKind::DotXuat, "2026-dx3", None).title(), "Kiểm tra đột xuất lần 3 năm 2026");
    assert_eq!(
        round(RoundKind::DotXuat, "2026-dx12", Some("hồ sơ trễ hẹn")).title(),
        "Kiểm tra đột xuất lần 12 năm 2026: hồ sơ trễ hẹn"
    );
}

#[test]
fn only_a_closed_round_refuses_writes_and_says_how_to_reopen() {
    for status in [Planned, InProgress] {
        assert!(Round { status, ..round(RoundKind::Dot1, "2026-dot1", None) }.ensure_open().is_ok(), "{status:?}");
    }
    let err = Round { status: Closed, ..round(RoundKind::Dot1, "2026-dot1", None) }.ensure_open().unwrap_err();
    assert_eq!(
        err.to_string(),
        "đợt 2026-dot1 đã kết thúc nên chỉ được xem. Nếu cần sửa, hãy mở lại: `cchc round reopen 2026-dot1 --reason \"…\"`."
    );
}

#[test]
fn a_decision_is_cited_with_its_number_and_date() {
    let decision = Decision { number: "112/QĐ-UBND".into(), decided_on: day(2026, 6, 2) };
    assert_eq!(decision.citation(), "112/QĐ-UBND ngày 02/06/2026");
}

/// Group 1 with a periodic item 1.1, an ad-hoc topic 1.2; group 1 itself is no item.
fn catalogue() -> Catalogue {
    let node = |code: &str, kind, is_leaf| Node {
        code: code.into(),
        title: code.into(),
        kind,
        max_points: 1.0,
        unit: None,
        evidence: vec![],
        rubric: None,
        note: None,
        parent: crate::domain::code::parent(code).map(str::to_owned),
        is_leaf,
        replaces: None,
    };
    let nodes = vec![
        node("1", NodeKind::Periodic, false),
        node("1.1", NodeKind::Periodic, true),
        node("1.2", NodeKind::Adhoc, true),
    ];
    let classification =
        Classification { basis: String::new(), top_band_cap_percent: None, top_band_cap_base: None, bands: vec![] };
    Catalogue::new("x".into(), "1".into(), String::new(), String::new(), vec![], classification, nodes)
}

fn split<'a>(r: &Round, assignments: &[(&'a str, &'a str)], covered: &[&'a str]) -> (Vec<&'a str>, Vec<&'a str>) {
    r.split_scope(&catalogue(), assignments.iter().copied(), covered.iter().copied())
}

#[test]
fn a_periodic_round_inspects_the_units_answering_for_its_items_or_put_in_on_purpose() {
    let mut r = round(RoundKind::Dot1, "2026-dot1", None);
    // A: answers for a periodic item; B: only for an ad-hoc topic; C: only for the group; D: for nothing.
    let assignments = [("1.1", "A"), ("1.2", "B"), ("1", "C"), ("9.9", "D")];
    let covered = ["D", "C", "B", "A", "E"];
    assert_eq!(split(&r, &assignments, &covered), (vec!["A"], vec!["D", "C", "B", "E"]));
    r.included = vec!["E".into(), "C".into()];
    assert_eq!(split(&r, &assignments, &covered), (vec!["C", "A", "E"], vec!["D", "B"]), "order kept");
    r.kind = RoundKind::Dot2;
    assert_eq!(split(&r, &assignments, &covered), (vec!["C", "A", "E"], vec!["D", "B"]));
}

#[test]
fn an_adhoc_round_inspects_every_unit_it_names() {
    let r = round(RoundKind::DotXuat, "2026-dx1", None);
    assert_eq!(split(&r, &[("1.1", "A")], &["B", "A", "C"]), (vec!["B", "A", "C"], vec![]));
    assert_eq!(split(&r, &[], &[]), (vec![], vec![]));
}
