use super::*;
use crate::domain::catalogue::DEFAULT_TOML;

const BANDS: &str = r#"
[classification]
basis = "NĐ 335/2025/NĐ-CP"
[[classification.bands]]
code = "xs"
name = "Hoàn thành xuất sắc nhiệm vụ"
min = 90.0
max = 100.0
[[classification.bands]]
code = "tot"
name = "Hoàn thành tốt nhiệm vụ"
min = 70.0
max = 90.0
[[classification.bands]]
code = "ht"
name = "Hoàn thành nhiệm vụ"
min = 50.0
max = 70.0
[[classification.bands]]
code = "kht"
name = "Không hoàn thành nhiệm vụ"
min = 0.0
max = 50.0
"#;

fn catalogue(nodes: &str) -> String {
    format!("id = \"t\"\nversion = \"1\"\ntitle = \"Thử\"\n{BANDS}\n{nodes}")
}

fn messages(source: &str) -> Vec<String> {
    match parse("thu.toml", source) {
        Ok(_) => vec![],
        Err(e) => e.problems.into_iter().map(|p| format!("{}:{} {}", p.line, p.column, p.message)).collect(),
    }
}

const GOOD: &str = r#"
[[nodes]]
code = "1"
title = "Định kỳ"
max_points = 10
[[nodes]]
code = "1.1"
title = "Lĩnh vực"
max_points = 10
[[nodes]]
code = "1.1.1"
title = "Nội dung"
max_points = 4
rubric = { type = "ratio", thresholds = [{ at_least = 90.0, points = 4.0 }, { at_least = 0.0, points = 0.0 }] }
[[nodes]]
code = "1.1.2"
title = "Nội dung 2"
max_points = 6
"#;

#[test]
fn a_good_catalogue_parses() {
    let cat = parse("thu.toml", &catalogue(GOOD)).unwrap();
    assert_eq!(cat.leaves().count(), 2);
    assert_eq!(cat.get("1.1.1").unwrap().parent.as_deref(), Some("1.1"));
    assert_eq!(cat.classification.bands[0].code, "xs");
}

#[test]
fn the_default_catalogue_is_valid_and_complete() {
    let cat = parse("mac-dinh-2026.toml", DEFAULT_TOML).unwrap_or_else(|e| panic!("{e}"));
    let periodic: Vec<_> = cat.leaves().filter(|n| n.kind == NodeKind::Periodic).collect();
    let adhoc: Vec<_> = cat.leaves().filter(|n| n.kind == NodeKind::Adhoc).collect();
    assert_eq!(periodic.len(), 69);
    assert_eq!(adhoc.len(), 2);
    let total: f64 = periodic.iter().map(|n| n.max_points).sum();
    assert!((total - 100.0).abs() < 1e-9, "{total}");
    for group in ["1.6.1", "1.6.2", "1.6.3", "1.7.1", "1.7.2"] {
        assert!(!cat.get(group).unwrap().is_leaf, "{group}");
    }
}

#[test]
fn duplicate_code_and_missing_parent_are_reported_with_positions() {
    let nodes = format!(
        "{GOOD}\n[[nodes]]\ncode = \"1.1.2\"\ntitle = \"Trùng\"\nmax_points = 1\n[[nodes]]\ncode = \"1.9.1\"\ntitle = \"Mồ côi\"\nmax_points = 1\n"
    );
    let found = messages(&catalogue(&nodes));
    assert!(found.iter().any(|m| m.contains("mã «1.1.2» bị trùng")), "{found:?}");
    assert!(found.iter().any(|m| m.contains("không có mục cha «1.9»")), "{found:?}");
    // "1" totals 10 but now also holds 1.9's 1 point? No: 1.9 is missing, so only the orphan and the duplicate.
    assert!(found.iter().all(|m| m.split(' ').next().unwrap().contains(':')));
}

#[test]
fn leaf_without_points_and_wrong_group_sum() {
    let nodes = GOOD.replace("max_points = 6", "").replace(
        "code = \"1.1\"\ntitle = \"Lĩnh vực\"\nmax_points = 10",
        "code = \"1.1\"\ntitle = \"Lĩnh vực\"\nmax_points = 12",
    );
    let found = messages(&catalogue(&nodes));
    assert!(found.iter().any(|m| m.contains("«1.1.2» chưa có điểm tối đa")), "{found:?}");
    assert!(found.iter().any(|m| m.contains("nhóm «1.1» có điểm tối đa 12")), "{found:?}");
}

#[test]
fn bands_with_gap_or_overlap() {
    let gap = catalogue(GOOD).replace("min = 70.0\nmax = 90.0", "min = 75.0\nmax = 90.0");
    assert!(messages(&gap).iter().any(|m| m.contains("bỏ trống")), "{:?}", messages(&gap));
    let overlap = catalogue(GOOD).replace("min = 50.0\nmax = 70.0", "min = 50.0\nmax = 72.0");
    assert!(messages(&overlap).iter().any(|m| m.contains("chồng lên nhau")), "{:?}", messages(&overlap));
}

#[test]
fn an_overlap_names_both_bands_their_scores_and_the_bounds_that_mend_it() {
    let source = catalogue(GOOD).replace("min = 90.0\nmax = 100.0", "min = 85.0\nmax = 100.0");
    let err = parse("bo.toml", &source).unwrap_err();
    let line = source.lines().position(|l| l == "min = 85.0").unwrap() + 1;
    assert_eq!(
        err.problems,
        vec![Problem {
            line,
            column: 7,
            message: "mức «Hoàn thành tốt nhiệm vụ» (tot, từ 70 đến dưới 90) và mức «Hoàn thành xuất sắc nhiệm vụ» \
                      (xs, từ 85 đến 100) chồng lên nhau từ 85 đến dưới 90: mỗi điểm số chỉ được thuộc một mức; \
                      hãy sửa cận dưới (min) của mức «xs» thành 90 hoặc cận trên (max) của mức «tot» thành 85"
                .into(),
        }]
    );
    let inside = catalogue(GOOD).replace("min = 50.0\nmax = 70.0", "min = 75.0\nmax = 80.0");
    let found = messages(&inside);
    assert!(found.iter().any(|m| m.contains("mức «ht» nằm trọn trong mức «tot»")), "{found:?}");
}

#[test]
fn unknown_keys_are_all_reported_with_line_and_column() {
    let source =
        catalogue(&GOOD.replace("title = \"Nội dung 2\"", "title = \"Nội dung 2\"\nmax_point = 3\nweight = 2"));
    let found = messages(&source);
    let unknown: Vec<_> = found.iter().filter(|m| m.contains("khoá không được hỗ trợ")).collect();
    assert_eq!(unknown.len(), 2, "{found:?}");
    assert!(unknown[0].contains("có phải «max_points»?"), "{unknown:?}");
    let line = source.lines().position(|l| l.starts_with("max_point =")).unwrap() + 1;
    assert!(unknown[0].starts_with(&format!("{line}:1 ")), "{unknown:?}");
}

#[test]
fn syntax_and_type_errors_have_positions() {
    let found = messages("id = \"t\"\nversion = \n");
    assert_eq!(found.len(), 1);
    assert!(found[0].starts_with("2:"), "{found:?}");
    let found = messages(&catalogue(&GOOD.replace("max_points = 4", "max_points = \"bốn\"")));
    assert!(found[0].contains("giá trị không hợp lệ"), "{found:?}");
}

#[test]
fn deep_or_malformed_codes_are_refused() {
    let deep = "1.".repeat(50) + "1";
    let found = messages(&catalogue(&format!("[[nodes]]\ncode = \"{deep}\"\ntitle = \"x\"\nmax_points = 1\n")));
    assert!(found.iter().any(|m| m.contains("tối đa")), "{found:?}");
}

#[test]
fn the_cap_base_is_read_and_checked() {
    let with = |base: &str| {
        catalogue(GOOD)
            .replace("basis = \"NĐ 335/2025/NĐ-CP\"", &format!("basis = \"x\"\ntop_band_cap_base = \"{base}\""))
    };
    let cat = parse("thu.toml", &with("tot-tro-len")).unwrap();
    assert_eq!(cat.classification.top_band_cap_base, Some(crate::domain::classification::CapBase::TotTroLen));
    assert_eq!(parse("thu.toml", &catalogue(GOOD)).unwrap().classification.top_band_cap_base, None);
    assert!(
        messages(&with("tốt")).iter().any(|m| m.contains("top_band_cap_base phải là")),
        "{:?}",
        messages(&with("tốt"))
    );
}

#[test]
fn a_blank_unit_of_measure_is_no_unit() {
    let unit_of = |unit: &str| {
        let source = catalogue(&GOOD.replace("max_points = 6\n", &format!("max_points = 6\nunit = \"{unit}\"\n")));
        parse("thu.toml", &source).unwrap().get("1.1.2").unwrap().unit.clone()
    };
    assert_eq!(unit_of("hồ sơ"), Some("hồ sơ".to_owned()));
    assert_eq!(unit_of("  "), None);
    assert_eq!(unit_of(""), None);
}
