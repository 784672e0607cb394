//! Boundary tests of self-report rules: when written points disagree with the figure, and what a content hash is.

use super::*;

fn settled_by_rubric(points: f64) -> Settled {
    Settled { points: Some(points), from_rubric: Some(points) }
}

#[test]
fn written_points_disagree_with_the_figure_only_beyond_float_noise() {
    assert_eq!(settled_by_rubric(2.0).disagreement(Some(2.0)), None, "the same points");
    assert_eq!(settled_by_rubric(0.5).disagreement(Some(0.5 + EPS / 2.0)), None, "within the slack");
    assert_eq!(settled_by_rubric(0.0).disagreement(Some(EPS)), None, "exactly the slack");
    assert_eq!(settled_by_rubric(0.0).disagreement(Some(2.0 * EPS)), Some(0.0), "beyond the slack");
    assert_eq!(settled_by_rubric(2.0).disagreement(Some(1.5)), Some(2.0), "fewer written than earned");
    assert_eq!(settled_by_rubric(1.0).disagreement(Some(2.0)), Some(1.0), "more written than earned");
    assert_eq!(settled_by_rubric(1.0).disagreement(None), None, "nothing written");
    let no_rubric = Settled { points: Some(2.0), from_rubric: None };
    assert_eq!(no_rubric.disagreement(Some(1.0)), None, "no figure to disagree with");
}

fn row<'a>(criterion: &'a str, points: Option<f64>, result: &'a str) -> ItemContent<'a> {
    ItemContent { criterion, points, figure: "", result, evidence: "KH số 12/KH-UBND", proposal: "" }
}

/// The stored hash of a report: a later version computing it differently would take every unchanged report for a
/// new revision. The rows are many enough that the 256-bit sum carries between its words.
#[test]
fn a_reports_content_hash_is_the_same_in_every_version() {
    let rows = [
        row("1.1.1", Some(2.0), "Đã ban hành kế hoạch CCHC năm 2026"),
        row("1.1.2", Some(1.5), "Đã báo cáo đúng hạn"),
        row("1.2.1", None, ""),
        row("1.2.2", Some(0.0), "Chưa thực hiện"),
        row("1.3.1", Some(1.0), "Đạt 8/10 hồ sơ"),
        row("2.1.1", Some(0.25), "Một phần"),
    ];
    let mut hash = ContentHash::default();
    for r in &rows {
        hash.add(r);
    }
    assert_eq!(hash.rows(), 6);
    assert_eq!(hash.finish(), "e6061266521a281191e8af77d066feda09fbb4276a263202b2898d31a0fae772");
    let mut reversed = ContentHash::default();
    for r in rows.iter().rev() {
        reversed.add(r);
    }
    assert_eq!(reversed, hash);
}

#[test]
fn the_row_count_counts_every_row_added() {
    let mut hash = ContentHash::default();
    assert_eq!(hash.rows(), 0);
    hash.add(&row("1.1.1", Some(2.0), "Đã xong"));
    assert_eq!(hash.rows(), 1);
    hash.add(&row("1.1.2", None, ""));
    hash.add(&row("1.1.3", Some(1.0), "Chưa xong"));
    assert_eq!(hash.rows(), 3);
}
