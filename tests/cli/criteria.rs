use crate::common::Ward;

const PLAN: &str = include_str!("../../docs/ke-hoach-kiem-tra-cchc-2026.txt");

#[test]
fn all_71_items_are_present_with_the_plans_titles() {
    let ward = Ward::empty();
    let items = ward.json(&["criteria", "list", "--leaves"]);
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 71);
    let periodic = items.iter().filter(|i| i["kind"] == "periodic").count();
    assert_eq!(periodic, 69);
    for item in items {
        let title = item["title"].as_str().unwrap();
        assert!(PLAN.contains(title), "title not verbatim from the plan: {title}");
        for key in ["code", "parent", "max_points", "kind", "unit"] {
            assert!(item.get(key).is_some(), "{key} missing in {item}");
        }
    }
    let codes: Vec<&str> = items.iter().map(|i| i["code"].as_str().unwrap()).collect();
    for code in [
        "1.1.1", "1.1.7", "1.2.11", "1.3.10", "1.4.10", "1.5.7", "1.6.1.6", "1.6.2.3", "1.6.3.3", "1.7.1.7", "1.7.2.5",
        "2.1", "2.2",
    ] {
        assert!(codes.contains(&code), "{code}");
    }
    let total: f64 = items.iter().filter(|i| i["kind"] == "periodic").map(|i| i["max_points"].as_f64().unwrap()).sum();
    assert!((total - 100.0).abs() < 1e-9);
}

#[test]
fn list_filters_by_field_and_prints_a_table() {
    let ward = Ward::empty();
    let out = ward.ok(&["criteria", "list", "--field", "1.3"]);
    assert!(out.contains("Mã") && out.contains("Điểm tối đa") && out.contains("Đơn vị phụ trách"));
    assert!(out.contains("1.3.10"));
    assert!(!out.contains("1.4.1 "));
    let csv = ward.ok(&["criteria", "list", "--field", "1.6", "--format", "csv"]);
    assert!(csv.starts_with("code,title,parent,max_points,kind,unit"));
    assert_eq!(csv.lines().count(), 1 + 1 + 3 + 12);
}

#[test]
fn unknown_field_suggests_the_nearest_code() {
    let ward = Ward::empty();
    let err = ward.fails(1, &["criteria", "list", "--field", "1.33"]);
    assert!(err.contains("«1.33»") && err.contains("có phải «1.3»?"), "{err}");
}

#[test]
fn tree_shows_group_totals() {
    let ward = Ward::empty();
    let out = ward.ok(&["criteria", "tree"]);
    assert!(out.contains("1 Kiểm tra định kỳ [tổng 100 đ]"), "{out}");
    assert!(out.contains("    1.6.1 "), "{out}");
}

#[test]
fn show_by_code_or_by_words() {
    let ward = Ward::empty();
    let out = ward.ok(&["criteria", "show", "1.3.3"]);
    assert!(out.contains("Thang chấm theo tỷ lệ"), "{out}");
    assert!(out.contains("Tài liệu kiểm chứng"), "{out}");
    let out = ward.ok(&["criteria", "show", "quy che chi tieu noi bo"]);
    assert!(out.starts_with("1.6.1.6 "), "{out}");
    let err = ward.fails(1, &["criteria", "show", "1.3.99"]);
    assert!(err.contains("1.3.9"), "{err}");
}

#[test]
fn check_accepts_the_shipped_catalogue() {
    let ward = Ward::empty();
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/criteria/mac-dinh-2026.toml");
    let out = ward.cmd(&["criteria", "check", file]).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("hợp lệ") && err.contains("71 nội dung"), "{err}");
}

#[test]
fn check_reports_every_problem_with_file_line_column() {
    let ward = Ward::empty();
    let bad = include_str!("../../criteria/mac-dinh-2026.toml")
        .replacen("code = \"1.1.2\"", "code = \"1.1.1\"", 1)
        .replacen("code = \"1.5\"\n", "code = \"1.5\"\nweight = 3\n", 1)
        .replacen("min = 70.0", "min = 75.0", 1);
    ward.write("bad.toml", bad);
    let err = ward.fails(1, &["criteria", "check", "bad.toml"]);
    assert!(err.contains("bad.toml:"), "{err}");
    assert!(err.contains("mã «1.1.1» bị trùng"), "{err}");
    assert!(err.contains("khoá không được hỗ trợ «nodes.weight»"), "{err}");
    assert!(err.contains("bỏ trống"), "{err}");
    assert!(err.contains("nhóm «1.1» có điểm tối đa"), "{err}");
}
