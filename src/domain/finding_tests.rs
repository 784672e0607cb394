//! Boundary tests of the finding rules: every status move, each allowed or refused by `check_move` itself.

use super::*;
use FindingStatus::*;

/// The rule, move by move: forward (skips allowed) always; a restatement with a note only; backward never;
/// nothing once verified.
#[test]
fn every_status_move_is_allowed_or_refused_by_the_rule() {
    for from in FindingStatus::ALL {
        for to in FindingStatus::ALL {
            for has_note in [false, true] {
                let want = from != DaXacMinh && (to > from || (to == from && has_note));
                let got = check_move("2026-dot1-F01", from, to, has_note);
                assert_eq!(got.is_ok(), want, "{from:?} → {to:?} (note: {has_note}): {got:?}");
                if let Err(err) = got {
                    assert!(err.contains("2026-dot1-F01"), "the message names the finding: {err}");
                }
            }
        }
    }
}

#[test]
fn no_status_goes_back_to_mo() {
    for from in [DangKhacPhuc, DaKhacPhuc, DaXacMinh] {
        for has_note in [false, true] {
            assert!(check_move("F", from, Mo, has_note).is_err(), "{from:?} → Mo");
        }
    }
}

#[test]
fn each_refusal_says_why() {
    let back = check_move("F", DangKhacPhuc, Mo, true).unwrap_err();
    assert!(back.contains("không thể lùi về «chưa khắc phục»") && back.contains("«đang khắc phục»"), "{back}");
    let verified = check_move("F", DaXacMinh, DaXacMinh, false).unwrap_err();
    assert!(verified.contains("đã được xác minh"), "{verified}");
    let same = check_move("F", Mo, Mo, false).unwrap_err();
    assert!(same.contains("«chưa khắc phục»") && same.contains("--note"), "{same}");
}

#[test]
fn the_order_is_mo_then_dang_then_da_then_xac_minh() {
    assert!(Mo < DangKhacPhuc && DangKhacPhuc < DaKhacPhuc && DaKhacPhuc < DaXacMinh);
    let remediated: Vec<_> = FindingStatus::ALL.into_iter().filter(|s| s.is_remediated()).collect();
    assert_eq!(remediated, [DaKhacPhuc, DaXacMinh]);
}

#[test]
fn names_and_labels() {
    let shown: Vec<String> = FindingStatus::ALL.iter().map(|s| s.to_string()).collect();
    assert_eq!(shown, ["chưa khắc phục", "đang khắc phục", "đã khắc phục", "đã xác minh"]);
    let kinds: Vec<(&str, &str)> = FindingKind::ALL.iter().map(|k| (k.as_str(), k.label())).collect();
    assert_eq!(
        kinds,
        [
            ("dien-hinh", "Điển hình"),
            ("han-che", "Tồn tại, hạn chế"),
            ("vi-pham", "Vi phạm"),
            ("kien-nghi", "Kiến nghị, đề xuất")
        ]
    );
    assert!("mo ".parse::<FindingStatus>().unwrap_err().contains("«mo »"));
    assert!("Mo".parse::<FindingStatus>().is_err());
    assert!("vipham".parse::<FindingKind>().unwrap_err().contains("«vipham»"));
}

#[test]
fn only_shortcomings_and_violations_are_followed_up() {
    let followed: Vec<_> = FindingKind::ALL.into_iter().filter(|k| k.is_followed_up()).collect();
    assert_eq!(followed, [FindingKind::HanChe, FindingKind::ViPham]);
}

/// The kind gates the deadline: only what is followed up can be overdue (the day count itself is the date rules').
#[test]
fn a_finding_is_overdue_only_when_its_kind_is_followed_up() {
    let today = day(11, 28);
    for kind in FindingKind::ALL {
        let open = finding(kind, Mo);
        assert_eq!(open.is_overdue(today), kind.is_followed_up(), "{kind:?}");
        assert_eq!(open.days_overdue(today) > 1, kind.is_followed_up(), "{kind:?}");
        assert!(!finding(kind, DaKhacPhuc).is_overdue(today) && finding(kind, DaKhacPhuc).days_overdue(today) == 0);
        assert!(!open.is_overdue(day(9, 30)) && open.days_overdue(day(9, 30)) == 0, "{kind:?}: the due day is in time");
    }
}

/// A proposal may repeat only a proposal of the same unit, made first in an earlier round; each refusal says what
/// to choose instead.
#[test]
fn a_proposal_repeats_only_a_first_time_proposal_of_the_same_unit_from_an_earlier_round() {
    let earlier =
        Finding { id: "2025-dot2-F04".into(), round_id: "2025-dot2".into(), ..finding(FindingKind::KienNghi, Mo) };
    let proposal = Finding { id: "2026-dot1-F07".into(), ..finding(FindingKind::KienNghi, Mo) };
    assert_eq!(check_repeat(&proposal, &earlier, true), Ok(()));

    let not_proposals = "chỉ kiến nghị, đề xuất (--kind kien-nghi) mới nhắc lại được kiến nghị khác; 2025-dot2-F04 là";
    let shortcoming = Finding { kind: FindingKind::HanChe, ..proposal.clone() };
    assert_eq!(check_repeat(&shortcoming, &earlier, true), Err(format!("{not_proposals} «Kiến nghị, đề xuất»")));
    let violation = Finding { kind: FindingKind::ViPham, ..earlier.clone() };
    assert_eq!(check_repeat(&proposal, &violation, true), Err(format!("{not_proposals} «Vi phạm»")));

    let other_unit = Finding { unit_code: "KT".into(), ..earlier.clone() };
    assert_eq!(
        check_repeat(&proposal, &other_unit, true),
        Err("kiến nghị 2025-dot2-F04 là của đơn vị KT, không phải VP; chọn kiến nghị của cùng đơn vị (`cchc finding \
             list --kind kien-nghi --unit VP`)"
            .into())
    );

    let not_earlier =
        "kiến nghị 2025-dot2-F04 không thuộc một đợt trước đợt 2026-dot1; chọn kiến nghị đã nêu ở đợt trước";
    assert_eq!(check_repeat(&proposal, &earlier, false), Err(not_earlier.into()), "its round starts later");
    let same_round = Finding { round_id: "2026-dot1".into(), ..earlier.clone() };
    assert_eq!(check_repeat(&proposal, &same_round, true), Err(not_earlier.into()), "the same round");

    let itself_a_repeat = Finding { repeats: Some("2024-dot1-F02".into()), ..earlier };
    assert_eq!(
        check_repeat(&proposal, &itself_a_repeat, true),
        Err("kiến nghị 2025-dot2-F04 cũng nhắc lại 2024-dot1-F02; hãy liên kết thẳng với lần nêu đầu tiên: --repeats \
             2024-dot1-F02"
            .into())
    );
}

fn day(month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, d).unwrap()
}

/// A finding of round 2026-dot1 on unit VP, due 30/09/2026.
fn finding(kind: FindingKind, status: FindingStatus) -> Finding {
    Finding {
        id: "2026-dot1-F01".into(),
        round_id: "2026-dot1".into(),
        seq: 1,
        unit_code: "VP".into(),
        criterion: None,
        official_code: None,
        kind,
        text: String::new(),
        recommendation: String::new(),
        due: Some(day(9, 30)),
        status,
        source: None,
        repeats: None,
        created_at: String::new(),
    }
}
