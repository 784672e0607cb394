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
fn the_team_is_edited_in_place_and_every_change_audited() {
    let ward = Ward::example();
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    let add = |extra: &[&str]| ward.ok(&[&["round", "team", "2026-dot1", "add"][..], extra].concat());
    add(&["--name", "Nguyễn Thị Hoài Thu", "--role", "truong-doan", "--title", "Phó Trưởng phòng", "--unit", "VHXH"]);
    add(&["--official", "CB01", "--role", "thanh-vien"]);
    add(&["--name", "Hồ Văn Bình", "--role", "thu-ky", "--title", "Cán bộ", "--unit-name", "Công an phường"]);
    // A person is on a team once (name as typed or as the directory writes it).
    let err =
        ward.fails(1, &["round", "team", "2026-dot1", "add", "--name", "nguyen thi hoai thu", "--role", "thanh-vien"]);
    assert!(err.contains("đã có trong đoàn"), "{err}");
    let err = ward.fails(1, &["round", "team", "2026-dot1", "add", "--official", "CB01", "--role", "thu-ky"]);
    assert!(err.contains("đã có trong đoàn"), "{err}");
    let team = ward.json(&["round", "team", "2026-dot1"]);
    assert_eq!(
        (team[1]["name"].as_str(), team[1]["title"].as_str()),
        (Some("Trần Quốc Khánh"), Some("Chánh Văn phòng"))
    );
    // The leader changes in one command: the former one becomes a member.
    ward.ok(&["round", "team", "2026-dot1", "role", "Trần Quốc Khánh", "--role", "truong-doan"]);
    let team = ward.json(&["round", "team", "2026-dot1"]);
    let role = |name: &str| team.as_array().unwrap().iter().find(|m| m["name"] == name).unwrap()["role"].clone();
    assert_eq!((role("Trần Quốc Khánh"), role("Nguyễn Thị Hoài Thu")), ("truong-doan".into(), "thanh-vien".into()));
    let decision = ward.ok(&["paper", "decision", "2026-dot1", "--format", "md"]);
    assert!(
        decision.contains("1. Trần Quốc Khánh, Chánh Văn phòng, Văn phòng HĐND và UBND – Trưởng đoàn;"),
        "{decision}"
    );
    assert!(
        decision.contains("3. Hồ Văn Bình, Cán bộ, Công an phường – Thư ký."),
        "the last line ends with a full stop: {decision}"
    );
    // The decision once numbered: its own number and date on the paper, and the minutes of this round cite it.
    let before = ward.ok(&["paper", "decision", "2026-dot1", "--format", "md"]);
    assert!(before.contains("Số:       /QĐ-UBND") && before.contains("ngày      tháng"), "{before}");
    ward.ok(&["round", "team", "2026-dot1", "decision", "112/QĐ-UBND", "--date", "22/06/2026"]);
    let numbered = ward.ok(&["paper", "decision", "2026-dot1", "--format", "md"]);
    assert!(numbered.contains("Số: 112/QĐ-UBND") && numbered.contains("ngày 22 tháng 6 năm 2026"), "{numbered}");
    let err = ward.fails(1, &["round", "team", "2026-dot1", "decision", "112", "--date", "22/06/2026"]);
    assert!(err.contains("112/QĐ-UBND"), "{err}");
    ward.ok(&["round", "new", "--kind", "dot2", "--year", "2026"]);
    ward.ok(&["round", "team", "2026-dot2", "add", "--official", "CB01", "--role", "truong-doan"]);
    let second = ward.ok(&["paper", "decision", "2026-dot2", "--format", "md"]);
    assert!(!second.contains("112/QĐ-UBND"), "another round's decision: {second}");
    ward.ok(&["round", "team", "2026-dot1", "remove", "Hồ Văn Bình"]);
    let err = ward.fails(1, &["round", "team", "2026-dot1", "remove", "Hồ Văn Bình"]);
    assert!(err.contains("không có «Hồ Văn Bình»"), "{err}");
    assert_eq!(ward.json(&["round", "team", "2026-dot1"]).as_array().unwrap().len(), 2);
    // Without a leader the decision is not printed.
    ward.ok(&["round", "team", "2026-dot1", "remove", "CB01"]);
    let err = ward.fails(1, &["paper", "decision", "2026-dot1"]);
    assert!(err.contains("đúng một Trưởng đoàn"), "{err}");
    let log = ward.json(&["log", "--entity", "team"]);
    let actions: Vec<&str> = log.as_array().unwrap().iter().filter_map(|e| e["action"].as_str()).collect();
    for action in ["add", "role", "remove"] {
        assert!(actions.contains(&action), "{action} not audited: {actions:?}");
    }
    assert_eq!(ward.json(&["log", "--entity", "decision"]).as_array().map(Vec::len), Some(1));
    ward.ok(&["round", "close", "2026-dot1"]);
    let err = ward.fails(1, &["round", "team", "2026-dot1", "role", "Nguyễn Thị Hoài Thu", "--role", "truong-doan"]);
    assert!(err.contains("đã kết thúc"), "{err}");
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
