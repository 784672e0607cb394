//! What people read and what programs get: numbers rounded as displayed in every machine format, and a change log
//! in words (with the raw record kept for `--format json`).

use crate::common::{Ward, unzip};
use crate::reliability_corpus::ward_with_round;

/// Numbers in a text with more decimals than any display shows (ratios carry 3: "77,3%" is 0.773).
fn long_numbers(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|t| {
            t.split_once('.')
                .is_some_and(|(i, f)| !i.is_empty() && f.len() > 3 && f.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(str::to_owned)
        .collect()
}

fn scored() -> Ward {
    let ward = ward_with_round();
    ward.ok(&["round", "start", "2026-dot1"]);
    for (unit, item, points) in
        [("VP", "1.1.5", "1,5"), ("VP", "1.1.1", "0,7"), ("VP", "1.2.1", "0,3"), ("VHXH", "1.1.1", "1")]
    {
        ward.ok(&["score", "set", "2026-dot1", unit, item, points]);
    }
    ward
}

#[test]
fn every_exported_number_is_rounded_as_displayed() {
    let ward = scored();
    let mut outputs = Vec::new();
    for args in [
        &["score", "summary", "2026-dot1", "--format", "csv"][..],
        &["score", "summary", "2026-dot1", "--format", "json"],
        &["score", "summary", "2026-dot1", "--per", "linh-vuc", "--format", "csv"],
        &["score", "list", "2026-dot1", "--format", "csv"],
        &["report", "round", "2026-dot1", "--format", "csv"],
        &["report", "round", "2026-dot1", "--format", "json"],
        &["report", "year", "2026", "--format", "csv"],
    ] {
        outputs.push((args.join(" "), ward.ok(args)));
    }
    ward.ok(&["report", "round", "2026-dot1", "-o", "bc.xlsx"]);
    let sheets = unzip(&std::fs::read(ward.path("bc.xlsx")).unwrap());
    // The cell values (`<v>…</v>`), not the column widths and other layout numbers of the sheet.
    let worksheets: Vec<_> = sheets.into_iter().filter(|(name, _)| name.starts_with("xl/worksheets/")).collect();
    assert!(!worksheets.is_empty(), "bc.xlsx has no worksheet");
    for (name, xml) in worksheets {
        let values: Vec<&str> = xml.split("<v>").skip(1).filter_map(|v| v.split("</v>").next()).collect();
        outputs.push((name, values.join(" ")));
    }
    let summary = &outputs[0].1;
    assert!(summary.lines().count() > 2, "{summary}");
    for (what, text) in &outputs {
        assert!(text.chars().any(|c| c.is_ascii_digit()), "{what} shows no number: {text}");
        assert!(long_numbers(text).is_empty(), "{what}: {:?}", long_numbers(text));
    }
}

#[test]
fn the_log_reads_in_words_and_json_keeps_the_record() {
    let ward = scored();
    ward.ok(&["score", "set", "2026-dot1", "VP", "1.1.5", "--na", "--note", "Không có hồ sơ"]);
    ward.ok(&[
        "finding",
        "add",
        "2026-dot1",
        "--unit",
        "VP",
        "--kind",
        "han-che",
        "--text",
        "Chưa niêm yết",
        "--due",
        "30/09/2026",
    ]);
    ward.ok(&["unit", "add", "--code", "MOI", "--name", "Tổ một cửa", "--kind", "to-chuc-hanh-chinh"]);
    let table = ward.ok(&["log", "--since", "28/11/2026", "--entity", "điểm"]);
    insta::assert_snapshot!("log_scores_in_words", table);
    for entity in ["kết luận", "đơn vị"] {
        let csv = ward.ok(&["log", "--entity", entity, "--format", "csv"]);
        let last = csv.lines().last().unwrap_or_default().to_owned();
        assert!(!last.contains('{') && !last.contains("han-che") && !last.contains("to-chuc"), "{last}");
        assert!(last.contains("30/09/2026") || last.contains("Tổ chức hành chính"), "{last}");
    }
    let json = ward.json(&["log", "--entity", "score"]);
    let last = json.as_array().unwrap().last().unwrap().clone();
    let old: serde_json::Value = serde_json::from_str(last["old_value"].as_str().unwrap()).unwrap();
    assert_eq!((old["points"].as_f64(), last["action"].as_str()), (Some(1.5), Some("update")), "{last}");
}

#[test]
fn the_actor_falls_back_to_the_account_name() {
    let ward = ward_with_round();
    let by = |env: &[(&str, &str)]| {
        let name = format!("Đơn vị {env:?}");
        let mut cmd = ward.cmd(&["unit", "add", "--code", "X", "--name", &name]);
        cmd.env_remove("CCHC_USER");
        for (k, v) in env {
            cmd.env(k, v);
        }
        assert!(cmd.output().unwrap().status.success());
        let log = ward.json(&["log", "--entity", "unit"]);
        log.as_array().unwrap().last().unwrap()["actor"].as_str().unwrap_or_default().to_owned()
    };
    assert_eq!(by(&[("LOGNAME", "hoa")]), "hoa");
    assert_eq!(by(&[("HOME", "/home/lan")]), "lan");
    assert_eq!(by(&[("USERNAME", "Thu"), ("HOME", "/home/lan")]), "Thu");
}

/// Every kind of record the demo's year leaves in the log (schedule slots, report texts, answers to proposals,
/// settings…) and every action is named in Vietnamese in the table and CSV; JSON keeps the stored keys.
#[test]
fn every_entity_and_action_of_a_years_log_has_a_vietnamese_name() {
    let ward = Ward::empty();
    ward.ok(&["demo", "--out", "."]);
    let raw = ward.json(&["log"]);
    let stored: std::collections::BTreeSet<(String, String)> = raw
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap().to_owned(), e["entity"].as_str().unwrap().to_owned()))
        .collect();
    assert!(stored.iter().any(|(_, entity)| entity == "report_text"), "{stored:?}");
    let csv = ward.ok(&["log", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.len() >= stored.len(), "{} log rows for {} kinds of entry", rows.len(), stored.len());
    for row in rows {
        let (action, entity) = (&row[3], &row[4]);
        let raw_key = stored.iter().any(|(a, e)| a == action || e == entity);
        assert!(!raw_key, "a stored key shown to people: {action} / {entity}");
    }
}
