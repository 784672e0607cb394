//! Boundary tests of the review checks: each check sends back exactly the point its rule names, at and on either
//! side of its limit, and reads only the rows of the round it reviews.

use super::*;
use crate::domain::assessment::Level;
use crate::domain::catalogue::{DEFAULT_FILE_NAME, DEFAULT_TOML};
use crate::domain::catalogue_parse::parse;
use crate::domain::finding::FindingStatus;
use crate::domain::round::RoundStatus;

fn round(id: &str, kind: RoundKind) -> Round {
    let day = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    Round {
        id: id.into(),
        kind,
        year: 2026,
        start: day,
        end: day,
        selfreport_due: day,
        topic: None,
        reason: None,
        status: RoundStatus::InProgress,
        catalogue_hash: "h".into(),
        included: vec![],
    }
}

/// The shipped catalogue: item 1.1.1 is worth 2 points, 1.1.3 is worth 1,5.
fn rows() -> ReviewRows {
    let catalogue = parse(DEFAULT_FILE_NAME, DEFAULT_TOML).expect("the shipped catalogue parses");
    let year = YearRows { catalogues: HashMap::from([("h".to_owned(), catalogue)]), ..YearRows::default() };
    ReviewRows { year: Arc::new(year), ..ReviewRows::default() }
}

fn finding(round: &str, seq: i64, kind: FindingKind, criterion: Option<&str>) -> Finding {
    Finding {
        id: format!("{round}-F{seq:02}"),
        round_id: round.into(),
        seq,
        unit_code: "VP".into(),
        criterion: criterion.map(Into::into),
        official_code: None,
        kind,
        text: "Chưa niêm yết thủ tục".into(),
        recommendation: String::new(),
        due: None,
        status: FindingStatus::Mo,
        source: None,
        created_at: "2026-06-02T09:00:00".into(),
        repeats: None,
    }
}

fn score(round: &str, criterion: &str, points: Option<f64>) -> Score {
    Score {
        round_id: round.into(),
        unit_code: "VP".into(),
        criterion: criterion.into(),
        points,
        not_applicable: points.is_none(),
        note: String::new(),
    }
}

fn self_item(round: &str, criterion: &str, computed: bool, evidence: &str) -> SelfItemRow {
    SelfItemRow {
        round_id: round.into(),
        unit_code: "VP".into(),
        criterion: criterion.into(),
        self_points: Some(1.5),
        computed,
        figure: Some("95%".into()),
        evidence: evidence.into(),
        proposal: String::new(),
    }
}

const NONE: Vec<ReviewPoint> = Vec::new();

/// The points listed.
fn review(src: &ReviewRows, rounds: &[&Round]) -> Vec<ReviewPoint> {
    let mut out = Vec::new();
    super::review(src, rounds, &mut out);
    out
}

fn problems(src: &ReviewRows, rounds: &[&Round]) -> Vec<String> {
    review(src, rounds).into_iter().map(|p| p.problem).collect()
}

#[test]
fn a_shortcoming_on_an_item_with_full_points_is_sent_back_with_where_and_how() {
    let dot1 = round("2026-dot1", RoundKind::Dot1);
    let mut src = rows();
    src.findings = vec![finding("2026-dot1", 1, FindingKind::HanChe, Some("1.1.1"))];
    src.scores = vec![score("2026-dot1", "1.1.1", Some(2.0))];
    assert_eq!(
        review(&src, &[&dot1]),
        [ReviewPoint {
            place: "Đợt 1 năm 2026, đơn vị VP, nội dung 1.1.1".into(),
            problem: "Tồn tại, hạn chế «Chưa niêm yết thủ tục» (2026-dot1-F01) nhưng nội dung được chấm đủ điểm 2/2"
                .into(),
            fix: "sửa điểm thẩm định (`cchc score set 2026-dot1 VP 1.1.1 --points …`) hoặc sửa, chuyển kết luận sang \
                  nội dung khác"
                .into(),
        }]
    );
}

#[test]
fn full_points_are_the_maximum_give_or_take_float_noise() {
    let dot1 = round("2026-dot1", RoundKind::Dot1);
    let flagged = |points: f64| {
        let mut src = rows();
        src.findings = vec![finding("2026-dot1", 1, FindingKind::ViPham, Some("1.1.3"))];
        src.scores = vec![score("2026-dot1", "1.1.3", Some(points))];
        problems(&src, &[&dot1])
    };
    assert_eq!(
        flagged(1.5),
        ["Vi phạm «Chưa niêm yết thủ tục» (2026-dot1-F01) nhưng nội dung được chấm đủ điểm 1,5/1,5"]
    );
    assert_eq!(flagged(0.5 + 0.5 + 0.5 - 1e-12).len(), 1, "a hair under 1,5 is 1,5");
    assert_eq!(flagged(1.0), Vec::<String>::new(), "a violation on an item that lost points is consistent");
    assert_eq!(flagged(0.0), Vec::<String>::new());
}

#[test]
fn a_good_practice_on_an_item_that_lost_points_is_sent_back_and_on_full_points_is_not() {
    let dot1 = round("2026-dot1", RoundKind::Dot1);
    let flagged = |points: f64| {
        let mut src = rows();
        src.findings = vec![finding("2026-dot1", 1, FindingKind::DienHinh, Some("1.1.1"))];
        src.scores = vec![score("2026-dot1", "1.1.1", Some(points))];
        problems(&src, &[&dot1])
    };
    assert_eq!(flagged(1.5), ["điển hình «Chưa niêm yết thủ tục» (2026-dot1-F01) trên nội dung bị trừ điểm (1,5/2)"]);
    assert_eq!(flagged(2.0), Vec::<String>::new());
}

#[test]
fn findings_without_an_item_a_score_or_points_are_not_compared() {
    let dot1 = round("2026-dot1", RoundKind::Dot1);
    let mut src = rows();
    src.findings = vec![
        finding("2026-dot1", 1, FindingKind::HanChe, None),
        finding("2026-dot1", 2, FindingKind::HanChe, Some("1.1.1")),
        finding("2026-dot1", 3, FindingKind::HanChe, Some("1.1.2")),
        finding("2026-dot1", 4, FindingKind::HanChe, Some("9.9.9")),
    ];
    // 1.1.1 has no score; 1.1.2 is not applicable (no points); 9.9.9 is in no catalogue.
    src.scores = vec![score("2026-dot1", "1.1.2", None), score("2026-dot1", "9.9.9", Some(2.0))];
    assert_eq!(problems(&src, &[&dot1]), Vec::<String>::new());
}

#[test]
fn not_applicable_is_sent_back_when_the_evidence_cites_a_document() {
    let dot1 = round("2026-dot1", RoundKind::Dot1);
    let mut src = rows();
    src.scores = vec![score("2026-dot1", "1.1.1", None), score("2026-dot1", "1.1.2", None)];
    src.self_items = vec![
        self_item("2026-dot1", "1.1.1", false, " Báo cáo số 28/BC-UBND "),
        self_item("2026-dot1", "1.1.2", false, "Trong kỳ không phát sinh"),
    ];
    assert_eq!(
        review(&src, &[&dot1]),
        [ReviewPoint {
            place: "Đợt 1 năm 2026, đơn vị VP, nội dung 1.1.1".into(),
            problem: "chấm «không áp dụng» nhưng tài liệu kiểm chứng dẫn «Báo cáo số 28/BC-UBND»".into(),
            fix: "chấm điểm nội dung này (`cchc score set 2026-dot1 VP 1.1.1 --points …`) hoặc ghi rõ vì sao không \
                  áp dụng"
                .into(),
        }]
    );
    // The same evidence behind an item that has points is what evidence is for.
    src.scores = vec![score("2026-dot1", "1.1.1", Some(1.0))];
    assert_eq!(problems(&src, &[&dot1]), Vec::<String>::new());
}

#[test]
fn self_points_the_program_computed_are_sent_back_and_those_the_unit_wrote_are_not() {
    let dot1 = round("2026-dot1", RoundKind::Dot1);
    let mut src = rows();
    src.self_items = vec![self_item("2026-dot1", "1.1.1", true, ""), self_item("2026-dot1", "1.1.3", false, "")];
    assert_eq!(
        review(&src, &[&dot1]),
        [ReviewPoint {
            place: "Đợt 1 năm 2026, đơn vị VP, nội dung 1.1.1".into(),
            problem: "điểm tự chấm 1,5 do phần mềm tính từ số liệu «95%», đơn vị không tự chấm (báo cáo ghi «tính \
                      từ số liệu» và không so sánh nội dung này)"
                .into(),
            fix: "đề nghị đơn vị VP ghi điểm tự chấm và nộp lại báo cáo (`cchc selfreport import 2026-dot1 TỆP`)"
                .into(),
        }]
    );
}

/// Whether a unit in scope without any appraised score is sent back, by round kind, whether it answers for items
/// and whether it has a score.
fn unscored(kind: RoundKind, id: &str, answering: bool, scored: bool) -> Vec<ReviewPoint> {
    let r = round(id, kind);
    let mut src = rows();
    src.scopes = vec![(id.into(), "VP".into())];
    Arc::make_mut(&mut src.year).answering =
        if answering { ["VP".into()].into_iter().collect() } else { Default::default() };
    src.scored_units = if scored { vec![(id.into(), "VP".into())] } else { vec![] };
    review(&src, &[&r])
}

#[test]
fn a_periodic_round_sends_back_units_that_answer_for_items_but_have_no_score() {
    assert_eq!(
        unscored(RoundKind::Dot2, "2026-dot2", true, false),
        [ReviewPoint {
            place: "Đợt 2 năm 2026, đơn vị VP".into(),
            problem: "đơn vị thuộc phạm vi đợt nhưng chưa có điểm thẩm định".into(),
            fix: "nhập điểm thẩm định (`cchc score import 2026-dot2 TỆP`) hoặc bỏ đơn vị khỏi phạm vi đợt".into(),
        }]
    );
    assert_eq!(unscored(RoundKind::Dot1, "2026-dot1", true, true), NONE, "scored");
    assert_eq!(unscored(RoundKind::Dot1, "2026-dot1", false, false), NONE, "answers for no item: nothing to score");
}

#[test]
fn a_surprise_round_sends_back_every_unscored_unit_in_its_scope() {
    let points = unscored(RoundKind::DotXuat, "2026-dx1", false, false);
    assert_eq!(
        points.iter().map(|p| p.place.as_str()).collect::<Vec<_>>(),
        ["Kiểm tra đột xuất lần 1 năm 2026, đơn vị VP"]
    );
    assert_eq!(unscored(RoundKind::DotXuat, "2026-dx1", true, false).len(), 1);
    assert_eq!(unscored(RoundKind::DotXuat, "2026-dx1", false, true), NONE);
}

fn answer(level: Option<Level>, text: Option<&str>) -> ProposalAnswer {
    ProposalAnswer {
        finding_id: "2026-dot1-F01".into(),
        addressed_to: level,
        answer: text.map(Into::into),
        answered_on: None,
    }
}

#[test]
fn a_proposal_is_sent_back_until_it_has_both_a_level_and_an_answer() {
    let dot1 = round("2026-dot1", RoundKind::Dot1);
    let missing = |a: Option<ProposalAnswer>| {
        let mut src = rows();
        src.findings = vec![finding("2026-dot1", 1, FindingKind::KienNghi, Some("1.1.1"))];
        Arc::make_mut(&mut src.year).answers = first_answers(a.into_iter().collect());
        problems(&src, &[&dot1])
    };
    let says = |what: &str| vec![format!("kiến nghị «Chưa niêm yết thủ tục» {what}")];
    assert_eq!(missing(None), says("chưa ghi cấp giải quyết và chưa trả lời"));
    assert_eq!(missing(Some(answer(None, Some("Đã chuyển Sở Nội vụ")))), says("chưa ghi cấp giải quyết"));
    assert_eq!(missing(Some(answer(Some(Level::Tinh), None))), says("chưa trả lời"));
    assert_eq!(missing(Some(answer(Some(Level::Tinh), Some("  ")))), says("chưa trả lời"), "blank is no answer");
    assert_eq!(missing(Some(answer(Some(Level::Phuong), Some("Đã bố trí kinh phí")))), Vec::<String>::new());
}

#[test]
fn an_unanswered_proposal_says_where_and_which_command_answers_it() {
    let dot1 = round("2026-dot1", RoundKind::Dot1);
    let mut src = rows();
    src.findings = vec![finding("2026-dot1", 1, FindingKind::KienNghi, None)];
    let point = &review(&src, &[&dot1])[0];
    assert_eq!(point.place, "Đợt 1 năm 2026, đơn vị VP, kiến nghị 2026-dot1-F01");
    assert_eq!(
        point.fix,
        "ghi cấp và ý kiến trả lời: `cchc finding answer 2026-dot1-F01 --level phuong|tinh --text \"…\"`"
    );
}

#[test]
fn only_proposals_wait_for_an_answer() {
    let dot1 = round("2026-dot1", RoundKind::Dot1);
    let mut src = rows();
    src.findings = [FindingKind::DienHinh, FindingKind::HanChe, FindingKind::ViPham]
        .into_iter()
        .enumerate()
        .map(|(i, kind)| finding("2026-dot1", i as i64 + 1, kind, None))
        .collect();
    assert_eq!(problems(&src, &[&dot1]), Vec::<String>::new());
}

/// Rows of round 2 that every check would flag, and round 1 rows they would be matched with were the round not
/// checked: reviewing round 1 alone finds nothing.
#[test]
fn each_check_reads_only_the_rows_of_the_round_it_reviews() {
    let dot1 = round("2026-dot1", RoundKind::Dot1);
    let mut src = rows();
    src.findings = vec![
        finding("2026-dot2", 1, FindingKind::HanChe, Some("1.1.1")),
        finding("2026-dot2", 2, FindingKind::KienNghi, None),
    ];
    src.scores = vec![
        score("2026-dot1", "1.1.1", Some(2.0)),
        score("2026-dot1", "1.1.2", Some(1.0)),
        score("2026-dot2", "1.1.1", Some(2.0)),
        score("2026-dot2", "1.1.2", None),
    ];
    src.self_items = vec![
        self_item("2026-dot1", "1.1.2", false, "Kế hoạch số 12/KH-UBND"),
        self_item("2026-dot2", "1.1.2", false, "Kế hoạch số 12/KH-UBND"),
        self_item("2026-dot2", "1.1.3", true, ""),
    ];
    Arc::make_mut(&mut src.year).answering = ["VP".into()].into_iter().collect();
    src.scopes = vec![("2026-dot2".into(), "VP".into())];
    assert_eq!(review(&src, &[&dot1]), NONE);
    let dot2 = round("2026-dot2", RoundKind::Dot2);
    assert_eq!(review(&src, &[&dot2]).len(), 5, "round 2's own review finds one point of each check");
    let mut count = Count::default();
    super::review(&src, &[&dot2], &mut count);
    assert_eq!(count.0, 5, "a count without the texts counts the points listed");
}

#[test]
fn a_team_without_its_leader_is_sent_back() {
    let dot1 = round("2026-dot1", RoundKind::Dot1);
    assert_eq!(
        leaderless(&dot1, &["thanh-vien", "thu-ky"]),
        Some(ReviewPoint {
            place: "Đợt 1 năm 2026".into(),
            problem: "đoàn kiểm tra chưa có Trưởng đoàn".into(),
            fix: "`cchc round team 2026-dot1 add --name \"…\" --role truong-doan`".into(),
        })
    );
    assert_eq!(leaderless(&dot1, &["thanh-vien", "truong-doan"]), None);
}

fn asked(n: i64, round: &str, asked_on: u32, due: Option<u32>, answered_on: Option<u32>) -> Clarification {
    let july = |d: u32| NaiveDate::from_ymd_opt(2026, 7, d).unwrap();
    Clarification {
        id: Clarification::id_for(round, n),
        round_id: round.into(),
        unit_code: "VP".into(),
        criterion: None,
        question: format!(" Câu hỏi {n} "),
        due: due.map(july),
        asked_on: july(asked_on),
        answer: answered_on
            .map(|d| crate::domain::clarification::Answer { text: "Đã giải trình".into(), on: july(d) }),
    }
}

/// As of 10/07: asked by the day and not answered by it; the due date said, and whether it has passed.
#[test]
fn a_clarification_asked_by_the_day_and_unanswered_on_it_is_sent_back() {
    let dot1 = round("2026-dot1", RoundKind::Dot1);
    let mut on_item = asked(1, "2026-dot1", 1, Some(9), None);
    on_item.criterion = Some("1.1.1".into());
    let all = [
        on_item,
        asked(2, "2026-dot1", 2, Some(10), None),
        asked(3, "2026-dot1", 10, None, Some(11)),
        asked(4, "2026-dot1", 3, Some(5), Some(10)),
        asked(5, "2026-dot1", 11, None, None),
        asked(6, "2026-dot2", 1, None, None),
    ];
    let points = unanswered_clarifications(&dot1, &all, NaiveDate::from_ymd_opt(2026, 7, 10).unwrap());
    let problems: Vec<_> = points.iter().map(|p| p.problem.as_str()).collect();
    assert_eq!(
        problems,
        [
            "yêu cầu giải trình 2026-dot1-GT01 chưa được trả lời (hạn 09/07/2026, đã quá hạn): «Câu hỏi 1»",
            "yêu cầu giải trình 2026-dot1-GT02 chưa được trả lời (hạn 10/07/2026): «Câu hỏi 2»",
            "yêu cầu giải trình 2026-dot1-GT03 chưa được trả lời: «Câu hỏi 3»",
        ],
        "answered on the day (4), asked the day after (5) and another round's (6) are not"
    );
    let places: Vec<_> = points.iter().map(|p| p.place.as_str()).collect();
    assert_eq!(
        places,
        ["Đợt 1 năm 2026, đơn vị VP, nội dung 1.1.1", "Đợt 1 năm 2026, đơn vị VP", "Đợt 1 năm 2026, đơn vị VP"]
    );
    assert_eq!(
        points[0].fix,
        "ghi câu trả lời của đơn vị: `cchc clarify answer 2026-dot1-GT01 --text \"…\"`; quá hạn thì đôn đốc: `cchc \
         paper reminder 2026-dot1`"
    );
}
