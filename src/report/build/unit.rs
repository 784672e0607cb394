//! The notice to one unit (thông báo kết quả kiểm tra): its results per item and what to remediate by when.

use std::collections::HashMap;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;

use super::doc::{self, Frame, NO_APPRAISAL, note, points as points_col, score_sentence, table_or};
use super::{Index, round_info, totals};
use crate::domain::date;
use crate::domain::directory::AssignmentView;
use crate::domain::finding::Finding;
use crate::domain::finding::FindingKind;
use crate::domain::number::points;
use crate::domain::round::RoundKind;
use crate::domain::score::Score;
use crate::domain::scoring::{ItemScore, Mark, Total};
use crate::domain::selfreport::SelfItemRow;
use crate::domain::sources::Sources;
use crate::report::document::{Block, Cell, Column, Document, Section, Table};
use crate::report::model::FindingView;
use crate::report::model::settings::DocKind;
use crate::report::model::unit::{ItemResult, UnitReport};

pub fn model(src: &Sources, round_id: &str, unit: &str, as_of: NaiveDate) -> Result<UnitReport> {
    let ix = Index::new(src);
    let round = ix.round(round_id).with_context(|| format!("không có đợt kiểm tra «{round_id}»"))?;
    let catalogue = ix.catalogue(round).context("không tìm thấy bộ tiêu chí của đợt")?;
    // The unit's own rows first, so that each item is looked up among tens of rows, not the whole round's.
    let scores: HashMap<&str, &Score> = src
        .scores
        .iter()
        .filter(|s| s.round_id == round.id && s.unit_code == unit)
        .map(|s| (s.criterion.as_str(), s))
        .collect();
    let own_items: HashMap<&str, &SelfItemRow> = src
        .self_items
        .iter()
        .filter(|i| i.round_id == round.id && i.unit_code == unit)
        .map(|i| (i.criterion.as_str(), i))
        .collect();
    let assignments: HashMap<&str, &AssignmentView> =
        src.assignments.iter().filter(|a| a.unit_code == unit).map(|a| (a.criterion.as_str(), a)).collect();
    let score = |code: &str| scores.get(code).copied();
    let own = |code: &str| own_items.get(code).copied();
    let assigned = |code: &str| assignments.get(code).copied();
    let kind = round.kind.node_kind();
    let items: Vec<ItemResult> = catalogue
        .leaves()
        .filter(|n| {
            n.kind == kind && (assigned(&n.code).is_some() || score(&n.code).is_some() || own(&n.code).is_some())
        })
        .map(|n| {
            let mark = score(&n.code).map(Score::mark);
            ItemResult {
                code: n.code.clone(),
                title: n.title.clone(),
                max: n.max_points,
                self_points: own(&n.code).and_then(|i| i.self_points),
                self_computed: own(&n.code).is_some_and(|i| i.computed),
                appraised_points: mark.and_then(Mark::points),
                not_applicable: mark == Some(Mark::NotApplicable),
                note: score(&n.code).map(|s| s.note.clone()).unwrap_or_default(),
                evidence: own(&n.code).map(|i| i.evidence.clone()).unwrap_or_default(),
                official_name: assigned(&n.code).and_then(|a| a.official_name.clone()),
            }
        })
        .collect();
    let mine = |all: &[ItemScore]| all.iter().filter(|i| i.unit == unit).collect::<Total>();
    let (own, same) = ix.compared(round);
    let findings = |keep: &dyn Fn(&Finding) -> bool| -> Vec<FindingView> {
        src.findings.iter().filter(|f| f.unit_code == unit && keep(f)).map(|f| ix.finding(f, as_of)).collect()
    };
    Ok(UnitReport {
        round: round_info(round),
        unit_code: unit.to_owned(),
        unit_name: ix.unit_name(unit),
        selfreport_due: ix.selfreport_due(round, unit),
        selfreport_received_on: src
            .receipts
            .iter()
            .find(|r| r.round_id == round.id && r.unit_code == unit)
            .map(|r| r.first_received),
        totals: totals(Some(&mine(&ix.appraised(round))), Some((&mine(&own), &mine(&same)))),
        items,
        good_practices: findings(&|f| f.round_id == round.id && f.kind == FindingKind::DienHinh),
        to_remediate: findings(&|f| f.round_id == round.id && f.kind.is_shortcoming()),
        earlier_open: findings(&|f| {
            ix.is_before(&f.round_id, round) && f.kind.is_shortcoming() && !f.status.is_remediated()
        }),
        proposals: ix.proposals(round, Some(unit)),
    })
}

pub fn document(m: &UnitReport, frame: &Frame) -> Document {
    let r = &m.round;
    let recipients =
        vec![m.unit_name.clone(), "Chủ tịch, các PCT UBND phường".to_owned(), frame.settings.filing_line()];
    let subject = format!("Kết quả kiểm tra cải cách hành chính {} tại {}", r.title, m.unit_name);
    let letterhead = frame.letterhead_for(DocKind::Unit, "TB-UBND", r.year, None, recipients);
    let mut d = Document::new(letterhead, "THÔNG BÁO", subject);
    let received = selfreport_received(m);
    let results = Section::new("I", "KẾT QUẢ CHẤM ĐIỂM")
        .with_block(Block::Paragraph(format!(
            "{}, Đoàn kiểm tra của UBND {} đã kiểm tra việc thực hiện cải cách hành chính tại {}. UBND {} thông báo kết quả như sau:",
            doc::capitalized(&doc::period(r)),
            frame.ward(),
            m.unit_name,
            frame.ward()
        )))
        .with_block(Block::Bullets(vec![format!("Báo cáo tự kiểm tra: {received}."), score_sentence("của đơn vị", &m.totals)]))
        .with_block(items_block(m));
    let results = match computed_note(m) {
        Some(block) => results.with_block(block),
        None => results,
    };
    let todo = if m.to_remediate.is_empty() && m.earlier_open.is_empty() {
        format!("Đề nghị {} tiếp tục duy trì, phát huy kết quả đạt được./.", m.unit_name)
    } else {
        format!(
            "Yêu cầu {} tổ chức khắc phục các tồn tại, hạn chế nêu trên đúng thời hạn và báo cáo kết quả về UBND {} (qua bộ phận thường trực cải cách hành chính) để theo dõi, tổng hợp./.",
            m.unit_name,
            frame.ward()
        )
    };
    d.sections = vec![
        results,
        super::assessment_doc::practices(
            "II",
            &m.good_practices,
            "Đợt kiểm tra chưa ghi nhận mô hình, cách làm hay của đơn vị.",
        ),
        Section::new("III", "TỒN TẠI, HẠN CHẾ VÀ YÊU CẦU KHẮC PHỤC").with_block(table_or(
            doc::remediation_table("khac_phuc", "Tồn tại và yêu cầu khắc phục", &m.to_remediate, false),
            "Đợt kiểm tra không ghi nhận tồn tại, hạn chế phải khắc phục.",
        )),
        Section::new("IV", "TỒN TẠI CỦA CÁC ĐỢT TRƯỚC CHƯA KHẮC PHỤC XONG").with_block(table_or(
            doc::remediation_table("ton_dong", "Tồn tại các đợt trước còn mở", &m.earlier_open, false),
            if m.round.kind == RoundKind::Dot1 {
                "Đây là đợt kiểm tra định kỳ đầu tiên của năm: chưa có tồn tại của đợt trước cần theo dõi khắc phục."
            } else {
                "Không còn tồn tại nào của các đợt trước chưa khắc phục."
            },
        )),
        super::assessment_doc::proposals("V", &m.proposals),
    ];
    d.closing = Some(todo);
    d
}

/// "nộp ngày 29/06/2026 (muộn so với hạn 27/06/2026)", against the unit's own deadline.
pub fn selfreport_received(m: &UnitReport) -> String {
    match m.selfreport_received_on {
        Some(day) if day > m.selfreport_due => {
            format!("nộp ngày {} (muộn so với hạn {})", date::format(day), date::format(m.selfreport_due))
        }
        Some(day) => format!("nộp ngày {}", date::format(day)),
        None => format!("chưa nộp (hạn {})", date::format(m.selfreport_due)),
    }
}

/// The unit's items with their maximum, self and appraised points (also the minutes' table).
pub fn items_block(m: &UnitReport) -> Block {
    if m.items.is_empty() {
        return note("Đơn vị chưa được phân công nội dung nào của đợt này và chưa có điểm.");
    }
    let mut t = Table::new(
        "ket_qua",
        "Kết quả theo nội dung kiểm tra",
        vec![
            Column::text("Mã").with_width(8.0),
            Column::text("Nội dung kiểm tra").with_width(52.0),
            points_col("Điểm tối đa"),
            points_col("Tự chấm"),
            points_col("Thẩm định"),
            Column::text("Nhận xét của Đoàn kiểm tra").with_width(20.0),
            Column::text("Phụ trách").with_width(12.0),
        ],
    );
    let (mut max, mut own, mut appraised) = (0.0, 0.0, 0.0);
    for i in &m.items {
        if !i.not_applicable {
            max += i.max;
            // Points the program computed are not the unit's: left out of its self total.
            own += if i.self_computed { 0.0 } else { i.self_points.unwrap_or(0.0) };
            appraised += i.appraised_points.unwrap_or(0.0);
        }
        let note = match (i.not_applicable, i.note.trim()) {
            (true, "") => "Không áp dụng".to_owned(),
            (true, n) => format!("Không áp dụng. {n}"),
            (false, n) => n.to_owned(),
        };
        // A computed point stands in the remark, never in the unit's own column: the column adds up to its total.
        let (own_cell, note) = match (i.self_computed, i.self_points) {
            (true, Some(p)) => {
                (Cell::text("—"), format!("{COMPUTED} {} điểm. {note}", points(p)).trim_end().to_owned())
            }
            (_, None) => (Cell::text("—"), note),
            (false, Some(p)) => (Cell::Number(p), note),
        };
        t.push_row(vec![
            Cell::text(&i.code),
            Cell::text(&i.title),
            Cell::Number(i.max),
            own_cell,
            Cell::number(i.appraised_points),
            Cell::text(note),
            Cell::text(i.official_name.clone().unwrap_or_default()),
        ]);
    }
    let any_appraised = m.items.iter().any(|i| i.appraised_points.is_some());
    let any_own = m.items.iter().any(|i| !i.not_applicable && !i.self_computed && i.self_points.is_some());
    t.total = Some(vec![
        Cell::Empty,
        Cell::text("Tổng (các nội dung được chấm)"),
        Cell::Number(max),
        if any_own { Cell::Number(own) } else { Cell::text("—") },
        if any_appraised { Cell::Number(appraised) } else { Cell::Empty },
        Cell::text(if any_appraised { "" } else { NO_APPRAISAL }),
        Cell::Empty,
    ]);
    Block::Table(t)
}

/// Beside self points the program computed from the unit's figure.
const COMPUTED: &str = "Đơn vị không tự chấm; điểm theo số liệu đơn vị báo cáo (tính từ số liệu):";

/// Under the items: how many self points the unit entered, and why the others are not compared.
fn computed_note(m: &UnitReport) -> Option<Block> {
    let computed = m.items.iter().filter(|i| i.self_computed).count();
    (computed > 0).then(|| {
        note(format!(
            "Điểm của {computed} nội dung đơn vị không tự chấm được tính từ số liệu đơn vị báo cáo (ghi “tính từ số liệu”): không cộng vào tổng tự chấm và không so sánh với điểm thẩm định; so sánh trên {}/{} nội dung đơn vị tự chấm.",
            m.totals.items_compared, m.totals.items_assessed
        ))
    })
}
