//! The work carried from one year into the next in the same database, and another ward's database that never shows
//! the first ward's name.

use rusqlite::Connection;

use crate::common::{EXAMPLES, Ward, unzip};
use crate::reports::fixture::{fixture, insert_findings, insert_scores, insert_selfreports};

const EDITED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/catalogue/edited-2.0.0.xlsx");

/// The year report's section from `from` up to the closing sentence.
fn section(report: &str, from: &str) -> String {
    let start = report.find(from).unwrap_or_else(|| panic!("no «{from}» in\n{report}"));
    // Up to the next numbered section (the assessment follows the comparison) or the closing.
    let rest = &report[start..];
    let end = [rest.find("\n## "), rest.find("Trên đây là báo cáo")].into_iter().flatten().min().unwrap_or(rest.len());
    rest[..end].to_owned()
}

#[test]
fn the_next_year_carries_open_findings_and_compares_with_the_year_before() {
    let ward = fixture();
    ward.ok(&["criteria", "load", EDITED]);
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2027"]);
    let out = ward.cmd(&["round", "start", "2027-dot1"]).output().unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!("next_year_round_start", String::from_utf8(out.stderr).unwrap());
    // 2027's appraisal: 2026's Đợt 2 points under 2027's codes and maxima (1.1.6 is now 1.2.12), VP's 1.1.5 up.
    let conn = Connection::open(ward.db()).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT unit_code, CASE criterion WHEN '1.1.6' THEN '1.2.12' ELSE criterion END,
                    CASE WHEN unit_code = 'VP' AND criterion = '1.1.5' THEN 2.0
                         ELSE min(points, CASE criterion WHEN '1.1.1' THEN 1.5 WHEN '1.1.7' THEN 1.0 ELSE 100 END) END
             FROM scores WHERE round_id = '2026-dot2' AND not_applicable = 0 ORDER BY unit_code, criterion",
        )
        .unwrap();
    let rows: Vec<String> = stmt
        .query_map([], |r| Ok(format!("{},{},{}", r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, f64>(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    ward.write("tham-dinh-2027.csv", format!("ma_don_vi,ma_tieu_chi,diem_tham_dinh\n{}\n", rows.join("\n")));
    ward.ok(&["score", "import", "2027-dot1", "tham-dinh-2027.csv"]);
    // As of the end of 2027: the clock of the tests is in 2026, before 2027's rounds are held.
    let year = ward.ok(&["report", "year", "2027", "--format", "md", "--as-of", "31/12/2027"]);
    insta::assert_snapshot!("next_year_comparison", section(&year, "SO SÁNH VỚI NĂM 2026"));
    let json = ward.json(&["report", "year", "2027", "--as-of", "31/12/2027"]);
    let err = ward.fails(1, &["report", "year", "2027"]);
    assert!(err.contains("chưa có đợt kiểm tra nào của năm 2027 bắt đầu"), "{err}");
    let compared = &json["previous_year"]["scores"];
    assert_eq!(compared["new_items"][0]["code"], "1.1.8", "{compared}");
    assert_eq!(compared["renumbered"][0]["previous_code"], "1.1.6", "{compared}");
    // The follow-up of 2027 still lists 2026's open findings under their own ids.
    let followup = ward.ok(&["report", "followup", "--format", "md"]);
    assert!(followup.contains("2026-dot1-F"), "{followup}");
    // 2026's year report has no comparison (no 2025) and is as before.
    assert!(ward.json(&["report", "year", "2026"]).get("previous_year").is_none());
}

/// Every output a secretary of another ward produces, as text: stdout and stderr of each command, and the XML of
/// each DOCX/XLSX file written.
fn outputs(ward: &Ward) -> Vec<(String, String)> {
    let mut seen = Vec::new();
    let run = |seen: &mut Vec<(String, String)>, args: &[&str]| {
        let out = ward.cmd(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        seen.push((args.join(" "), text));
    };
    for report in [
        &["report", "round", "2026-dot1"][..],
        &["report", "round", "2026-dx1"],
        &["report", "unit", "2026-dot2", "TTPVHCC"],
        &["report", "year", "2026"],
        &["report", "selfassessment", "2026"],
        &["report", "followup"],
    ] {
        for format in ["table", "md", "html", "csv", "json"] {
            run(&mut seen, &[report, &["--format", format]].concat());
        }
        for ext in ["docx", "xlsx"] {
            run(&mut seen, &[report, &["-o", &format!("bao-cao.{ext}")]].concat());
            let bytes = std::fs::read(ward.path(&format!("bao-cao.{ext}"))).unwrap();
            let parts = unzip(&bytes).into_iter().map(|(_, xml)| xml).collect::<Vec<_>>().join("\n");
            seen.push((format!("{} ({ext})", report.join(" ")), parts));
        }
    }
    for args in [
        &["criteria", "list"][..],
        &["criteria", "tree"],
        &["criteria", "show", "1.1.1"],
        &["criteria", "versions"],
        &["criteria", "export", "-o", "bo-tieu-chi.xlsx"],
        &["unit", "list"],
        &["official", "list"],
        &["round", "list"],
        &["round", "show", "2026-dot1"],
        &["finding", "list"],
        &["score", "summary", "2026-dot2"],
        &["selfreport", "template", "2026-dot2", "-o", "mau.xlsx"],
        &["config", "list"],
    ] {
        run(&mut seen, args);
    }
    for file in ["bo-tieu-chi.xlsx", "mau.xlsx"] {
        let parts = unzip(&std::fs::read(ward.path(file)).unwrap()).into_iter().map(|(_, xml)| xml);
        seen.push((file.to_owned(), parts.collect::<Vec<_>>().join("\n")));
    }
    seen
}

#[test]
fn another_wards_outputs_never_mention_thanh_sen() {
    let ward = Ward::empty();
    let init = ward.cmd(&["init", "--ward", "Sông Lam", "--province", "Nghệ An"]).output().unwrap();
    assert!(init.status.success());
    let units = std::fs::read_to_string(format!("{EXAMPLES}/units.csv")).unwrap().replace("Thành Sen", "Sông Lam");
    ward.write("units.csv", units);
    ward.ok(&["unit", "import", "units.csv"]);
    ward.ok(&["official", "import", &format!("{EXAMPLES}/officials.csv")]);
    ward.ok(&["assign", "import", &format!("{EXAMPLES}/assignments.csv")]);
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    let adhoc = ["--from", "15/09/2026", "--topic", "Kỷ luật, kỷ cương hành chính", "--units", "TTPVHCC,VP"];
    ward.ok(&[&["round", "new", "--kind", "dot-xuat", "--year", "2026"][..], &adhoc].concat());
    ward.ok(&["round", "new", "--kind", "dot2", "--year", "2026"]);
    let conn = Connection::open(ward.db()).unwrap();
    insert_selfreports(&conn);
    insert_scores(&conn);
    insert_findings(&conn);
    drop(conn);
    let all = outputs(&ward);
    let year = &all.iter().find(|(args, _)| args == "report year 2026 --format md").unwrap().1;
    assert!(year.contains("Sông Lam"), "the ward's own name is shown:\n{year}");
    let init_message = String::from_utf8(init.stderr).unwrap();
    for (args, text) in all.iter().chain([&("init".to_owned(), init_message)]) {
        for name in ["Thành Sen", "thanh-sen", "THÀNH SEN"] {
            assert!(!text.contains(name), "«{name}» in the output of `cchc {args}`:\n{text}");
        }
    }
}
