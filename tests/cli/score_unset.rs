//! `cchc score unset`: a score entered by mistake is removed (audited); refused on a closed round.

use crate::common::Ward;
use crate::reliability_corpus::ward_with_round;

fn started() -> Ward {
    let ward = ward_with_round();
    ward.ok(&["round", "start", "2026-dot1"]);
    ward
}

fn mark_of(ward: &Ward, criterion: &str) -> serde_json::Value {
    let sheet = ward.json(&["score", "list", "2026-dot1", "--unit", "VP"]);
    let row = sheet.as_array().unwrap().iter().find(|r| r["criterion"] == criterion).cloned();
    row.unwrap_or_else(|| panic!("{criterion} not in the sheet: {sheet}"))
}

#[test]
fn unset_removes_the_score_and_logs_it() {
    let ward = started();
    ward.ok(&["score", "set", "2026-dot1", "VP", "1.1.5", "1,5", "--note", "nhầm đơn vị"]);
    assert_eq!(mark_of(&ward, "1.1.5")["mark"], "scored");
    let out = ward.cmd(&["score", "unset", "2026-dot1", "VP", "1.1.5"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    insta::assert_snapshot!("score_unset_done", String::from_utf8_lossy(&out.stderr));
    let row = mark_of(&ward, "1.1.5");
    assert_eq!((row["mark"].as_str(), row["points"].is_null()), (Some("pending"), true), "{row}");
    let log = ward.json(&["log", "--entity", "score"]);
    let last = log.as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["action"].as_str(), last["entity_id"].as_str()), (Some("unset"), Some("VP/1.1.5")), "{last}");
    assert!(
        last["new_value"].as_str().is_none_or(str::is_empty)
            && last["old_value"].as_str().unwrap().contains("nhầm đơn vị"),
        "{last}"
    );
    assert!(ward.ok(&["check"]).contains("đạt"));
}

#[test]
fn unset_without_a_score_or_on_a_closed_round_is_refused_and_changes_nothing() {
    let ward = started();
    let before = ward.dump();
    let err = ward.fails(1, &["score", "unset", "2026-dot1", "VP", "1.1.5"]);
    insta::assert_snapshot!("score_unset_nothing", err);
    let err = ward.fails(1, &["score", "unset", "2026-dot1", "VP", "9.9.9"]);
    assert!(err.contains("9.9.9"), "{err}");
    assert_eq!(ward.dump(), before);

    ward.ok(&["score", "set", "2026-dot1", "VP", "1.1.5", "1,5"]);
    ward.ok(&["round", "close", "2026-dot1"]);
    let before = ward.dump();
    let err = ward.fails(1, &["score", "unset", "2026-dot1", "VP", "1.1.5"]);
    insta::assert_snapshot!("score_unset_closed", err);
    assert_eq!(ward.dump(), before);
}
