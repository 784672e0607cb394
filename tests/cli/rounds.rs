use crate::common::Ward;

#[test]
fn periodic_rounds_get_the_plans_dates_and_ids() {
    let ward = Ward::example();
    assert_eq!(ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]), "2026-dot1\n");
    assert_eq!(ward.ok(&["round", "new", "--kind", "dot2"]), "2026-dot2\n");
    let rounds = ward.json(&["round", "list"]);
    let first = &rounds[0];
    assert_eq!(first["id"], "2026-dot1");
    assert_eq!(first["start"], "2026-07-01");
    assert_eq!(first["end"], "2026-07-10");
    assert_eq!(first["selfreport_due"], "2026-06-26");
    assert_eq!(first["status"], "planned");
    assert_eq!(rounds[1]["selfreport_due"], "2026-10-15");
    let table = ward.ok(&["round", "list"]);
    assert!(table.contains("01/07/2026") && table.contains("Đợt 1 (6 tháng)"), "{table}");
    let err = ward.fails(1, &["round", "new", "--kind", "dot1", "--year", "2026"]);
    assert!(err.contains("đã có 2026-dot1"), "{err}");
}

#[test]
fn ad_hoc_rounds_are_numbered_and_need_a_topic() {
    let ward = Ward::example();
    let err = ward.fails(1, &["round", "new", "--kind", "dot-xuat", "--from", "15/08/2026"]);
    assert!(err.contains("--topic"), "{err}");
    let id = ward.ok(&[
        "round",
        "new",
        "--kind",
        "dot-xuat",
        "--from",
        "15/08/2026",
        "--topic",
        "Kỷ luật, kỷ cương hành chính",
        "--reason",
        "Phản ánh của ông Nguyễn Văn H. ngày 10/08/2026",
        "--units",
        "ttpvhcc,van phong",
    ]);
    assert_eq!(id, "2026-dx1\n");
    assert_eq!(
        ward.ok(&["round", "new", "--kind", "dot-xuat", "--from", "01/09/2026", "--topic", "Phản ánh"]),
        "2026-dx2\n"
    );
    let shown = ward.ok(&["round", "show", "2026-dx1"]);
    assert!(shown.contains("Đơn vị được kiểm tra (2): VP, TTPVHCC") || shown.contains("(2): TTPVHCC, VP"), "{shown}");
    assert!(shown.contains("Phản ánh của ông"), "{shown}");
}

#[test]
fn bad_dates_name_the_value_and_the_expected_form() {
    let ward = Ward::example();
    let err = ward.fails(2, &["round", "new", "--kind", "dot1", "--from", "2026-07-01"]);
    assert!(err.contains("«2026-07-01»") && err.contains("dd/mm/yyyy"), "{err}");
    let err = ward.fails(2, &["round", "new", "--kind", "dot1", "--from", "31/02/2026"]);
    assert!(err.contains("không tồn tại"), "{err}");
    let err = ward.fails(1, &["round", "new", "--kind", "dot1", "--from", "10/07/2026", "--to", "01/07/2026"]);
    assert!(err.contains("trước ngày bắt đầu"), "{err}");
}

#[test]
fn status_moves_and_reopen_needs_a_reason() {
    let ward = Ward::example();
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    ward.ok(&["round", "start", "2026-dot1"]);
    ward.ok(&["round", "close", "2026-dot1"]);
    let err = ward.fails(1, &["round", "team", "2026-dot1", "add", "--name", "A", "--role", "thanh-vien"]);
    assert!(err.contains("cchc round reopen 2026-dot1"), "{err}");
    ward.fails(2, &["round", "reopen", "2026-dot1"]);
    let err = ward.fails(1, &["round", "start", "2026-dot1"]);
    assert!(err.contains("reopen"), "{err}");
    ward.ok(&["round", "reopen", "2026-dot1", "--reason", "Bổ sung kết quả thẩm định"]);
    assert_eq!(ward.json(&["round", "list"])[0]["status"], "in_progress");
    let err = ward.fails(1, &["round", "show", "2026-dot9"]);
    assert!(err.contains("2026-dot1"), "{err}");
}

#[test]
fn the_team_has_one_leader() {
    let ward = Ward::example();
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    ward.ok(&[
        "round",
        "team",
        "2026-dot1",
        "add",
        "--name",
        "Nguyễn Thị Hoài Thu",
        "--role",
        "truong-doan",
        "--unit",
        "van hoa",
    ]);
    ward.ok(&["round", "team", "2026-dot1", "add", "--name", "Lê Văn Quang", "--role", "thanh-vien", "--unit", "VP"]);
    let err = ward.fails(1, &["round", "team", "2026-dot1", "add", "--name", "X", "--role", "truong-doan"]);
    assert!(err.contains("đã có trưởng đoàn"), "{err}");
    let team = ward.json(&["round", "team", "2026-dot1", "list"]);
    assert_eq!(team[0]["role"], "truong-doan");
    assert_eq!(team[0]["unit"], "VHXH");
}

#[test]
fn a_round_keeps_its_catalogue_when_the_toml_changes() {
    let ward = Ward::example();
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    let pinned = ward.ok(&["round", "show", "2026-dot1"]);
    let text =
        include_str!("../../criteria/mac-dinh-2026.toml").replacen("version = \"1.0.0\"", "version = \"2.0.0\"", 1);
    ward.write("v2.toml", text);
    ward.ok(&["init", "--catalogue", "v2.toml"]);
    ward.ok(&["round", "new", "--kind", "dot2", "--year", "2026"]);
    assert_eq!(ward.ok(&["round", "show", "2026-dot1"]), pinned);
    assert!(pinned.contains("phiên bản 1.0.0"));
    assert!(ward.ok(&["round", "show", "2026-dot2"]).contains("phiên bản 2.0.0"));
}
