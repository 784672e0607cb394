//! Boundary tests of catalogue validation: each limit at, just inside and just outside (bands, the cap, sums with
//! their rounding slack, points, kinds, `replaces`).

use super::*;

/// The problems of a catalogue with these bands (`min-max` pairs, best first), cap line and nodes.
fn problems(bands: &[(f64, f64)], cap: &str, nodes: &str) -> Vec<String> {
    let mut source = format!("id = \"t\"\nversion = \"1\"\ntitle = \"Thử\"\n[classification]\nbasis = \"x\"\n{cap}\n");
    for (i, (min, max)) in bands.iter().enumerate() {
        source.push_str(&format!(
            "[[classification.bands]]\ncode = \"b{i}\"\nname = \"M{i}\"\nmin = {min:?}\nmax = {max:?}\n"
        ));
    }
    source.push_str(nodes);
    match parse("thu.toml", &source) {
        Ok(_) => vec![],
        Err(e) => e.problems.into_iter().map(|p| p.message).collect(),
    }
}

const BANDS: &[(f64, f64)] = &[(90.0, 100.0), (70.0, 90.0), (50.0, 70.0), (0.0, 50.0)];

/// A group `1` of `declared` points over leaves worth `leaves`.
fn group(declared: &str, leaves: &[&str]) -> String {
    let mut nodes = format!("[[nodes]]\ncode = \"1\"\ntitle = \"Nhóm\"\nmax_points = {declared}\n");
    for (i, points) in leaves.iter().enumerate() {
        nodes.push_str(&format!("[[nodes]]\ncode = \"1.{}\"\ntitle = \"Mục\"\nmax_points = {points}\n", i + 1));
    }
    nodes
}

fn ok_nodes() -> String {
    group("10", &["4", "6"])
}

#[test]
fn the_reference_catalogue_is_valid() {
    assert_eq!(problems(BANDS, "", &ok_nodes()), Vec::<String>::new());
}

#[test]
fn a_band_needs_min_below_max() {
    let equal = problems(&[(50.0, 100.0), (50.0, 50.0), (0.0, 50.0)], "", &ok_nodes());
    assert!(equal.iter().any(|p| p.contains("mức «b1»: min (50) phải nhỏ hơn max (50)")), "{equal:?}");
    let unbounded = problems(&[(50.0, 100.0), (f64::NEG_INFINITY, 50.0)], "", &ok_nodes());
    assert!(
        unbounded.iter().any(|p| p.starts_with("mức «b1»: min (") && p.ends_with("phải nhỏ hơn max (50)")),
        "a bound must be a number, not -inf: {unbounded:?}"
    );
    let thin = problems(&[(50.01, 100.0), (50.0, 50.01), (0.0, 50.0)], "", &ok_nodes());
    assert_eq!(thin, Vec::<String>::new(), "a hundredth wide is a band");
}

#[test]
fn bands_may_miss_by_the_rounding_slack_only() {
    assert_eq!(problems(&[(70.004, 100.0), (0.0, 70.0)], "", &ok_nodes()), Vec::<String>::new());
    let gap = problems(&[(70.006, 100.0), (0.0, 70.0)], "", &ok_nodes());
    assert!(gap.iter().any(|p| p.contains("bỏ trống từ 70 đến dưới 70,006")), "{gap:?}");
    let overlap = problems(&[(69.99, 100.0), (0.0, 70.0)], "", &ok_nodes());
    assert!(overlap.iter().any(|p| p.contains("chồng lên nhau từ 69,99 đến dưới 70")), "{overlap:?}");
    let from = problems(&[(50.0, 100.0), (0.01, 50.0)], "", &ok_nodes());
    assert!(from.iter().any(|p| p.contains("bắt đầu từ 0,01: điểm số từ 0 đến dưới 0,01")), "{from:?}");
    assert_eq!(problems(&[(50.0, 99.996), (0.0, 50.0)], "", &ok_nodes()), Vec::<String>::new());
    let short = problems(&[(50.0, 99.99), (0.0, 50.0)], "", &ok_nodes());
    assert!(short.iter().any(|p| p.contains("mức cao nhất «M0» (b0, từ 50 đến 99,99) dừng ở 99,99")), "{short:?}");
    // Exactly the slack (0,005 + 0,005 and 0,01 − 0,005 are exact in binary): still end to end.
    assert_eq!(problems(&[(50.0, 100.0), (0.005, 50.0)], "", &ok_nodes()), Vec::<String>::new());
    assert_eq!(problems(&[(50.0, 100.0), (-0.005, 50.0)], "", &ok_nodes()), Vec::<String>::new());
    assert_eq!(problems(&[(0.01, 100.0), (0.0, 0.005)], "", &ok_nodes()), Vec::<String>::new(), "a gap of 0,005");
    assert_eq!(problems(&[(0.005, 100.0), (0.0, 0.01)], "", &ok_nodes()), Vec::<String>::new(), "an overlap of 0,005");
    let below = problems(&[(50.0, 100.0), (-1.0, 50.0)], "", &ok_nodes());
    assert!(
        below.iter().any(|p| p.contains(
            "mức thấp nhất «M1» (b1, từ -1 đến dưới 50) bắt đầu dưới 0: điểm số chỉ từ 0 đến \
                                          100; hãy sửa cận dưới (min) của mức «b1» thành 0"
        )),
        "{below:?}"
    );
    let none = problems(&[], "bands = []", &ok_nodes());
    assert!(none.iter().any(|p| p.contains("chưa có mức xếp loại nào")), "{none:?}");
}

#[test]
fn the_cap_is_a_percentage_from_0_to_100() {
    for cap in ["0.0", "100.0", "20.0"] {
        assert_eq!(problems(BANDS, &format!("top_band_cap_percent = {cap}"), &ok_nodes()), Vec::<String>::new());
    }
    for cap in ["-0.1", "100.1"] {
        let found = problems(BANDS, &format!("top_band_cap_percent = {cap}"), &ok_nodes());
        assert!(found.iter().any(|p| p.contains("top_band_cap_percent")), "{cap}: {found:?}");
    }
}

#[test]
fn a_group_sum_may_differ_by_the_rounding_slack_only() {
    assert_eq!(problems(BANDS, "", &group("10", &["4", "6.004"])), Vec::<String>::new());
    assert_eq!(problems(BANDS, "", &group("10", &["4", "5.996"])), Vec::<String>::new());
    // Exactly the slack apart (0,01 − 0,005 is 0,005 exactly in binary): still the same sum.
    assert_eq!(problems(BANDS, "", &group("0.01", &["0.005"])), Vec::<String>::new());
    let beyond = problems(BANDS, "", &group("0.01", &["0.004"]));
    assert!(
        beyond.iter().any(|p| p.contains("nhóm «1» có điểm tối đa 0.01 nhưng tổng các mục con là 0.004")),
        "{beyond:?}"
    );
    let over = problems(BANDS, "", &group("10", &["4", "6.006"]));
    assert!(over.iter().any(|p| p.contains("nhóm «1» có điểm tối đa 10 nhưng tổng các mục con là 10.006")), "{over:?}");
    let under = problems(BANDS, "", &group("10", &["4", "5.994"]));
    assert!(under.iter().any(|p| p.contains("nhóm «1»")), "{under:?}");
}

#[test]
fn points_are_zero_or_more() {
    assert_eq!(problems(BANDS, "", &group("6", &["0", "6"])), Vec::<String>::new(), "zero points is allowed");
    let negative = problems(BANDS, "", &group("6", &["-0.5", "6.5"]));
    assert!(negative.iter().any(|p| p.contains("«1.1»: điểm tối đa phải là số không âm")), "{negative:?}");
    let missing = problems(BANDS, "", "[[nodes]]\ncode = \"1\"\ntitle = \"Mục\"\n");
    assert!(missing.iter().any(|p| p.contains("nội dung «1» chưa có điểm tối đa")), "{missing:?}");
    // A group without points takes its children's sum.
    let nodes =
        "[[nodes]]\ncode = \"1\"\ntitle = \"Nhóm\"\n[[nodes]]\ncode = \"1.1\"\ntitle = \"Mục\"\nmax_points = 2.5\n";
    assert_eq!(problems(BANDS, "", nodes), Vec::<String>::new());
}

#[test]
fn children_share_their_parents_kind_and_have_titles() {
    let mixed = problems(BANDS, "", &format!("{}kind = \"adhoc\"\n", ok_nodes()));
    assert!(mixed.iter().any(|p| p.contains("«1.2» phải cùng loại")), "{mixed:?}");
    let untitled = problems(BANDS, "", "[[nodes]]\ncode = \"1\"\ntitle = \"  \"\nmax_points = 1\n");
    assert!(untitled.iter().any(|p| p.contains("«1» chưa có tên")), "{untitled:?}");
}

#[test]
fn replaces_names_another_valid_code() {
    let with = |replaces: &str| problems(BANDS, "", &format!("{}replaces = \"{replaces}\"\n", ok_nodes()));
    assert_eq!(with("1.3"), Vec::<String>::new());
    assert_eq!(with("  "), Vec::<String>::new(), "blank is no replacement");
    assert!(with("1.2").iter().any(|p| p.contains("không thể thay cho chính nó")), "{:?}", with("1.2"));
    assert!(with("1.x").iter().any(|p| p.contains("replaces của «1.2»")), "{:?}", with("1.x"));
}

#[test]
fn an_unknown_key_suggests_the_nearest_known_one() {
    let found = problems(BANDS, "", &ok_nodes().replace("title = \"Mục\"", "titel = \"Mục\""));
    assert!(found.iter().any(|p| p.contains("«nodes.titel» (có phải «title»?)")), "{found:?}");
    let found = problems(BANDS, "cap = 20.0", &ok_nodes());
    assert!(found.iter().any(|p| p.contains("«classification.cap»")), "{found:?}");
}
