//! The ward's self-assessment table for the province, from Đợt 2: every periodic item with the ward's self and
//! appraised points, evidence and notes, fields and groups carrying subtotals.

use std::collections::HashMap;

use anyhow::{Context as _, Result};

use super::doc::{Frame, NO_APPRAISAL, WARD_TOTAL, na_clause, note, points as points_col};
use super::{Index, keyed, round_info, totals};
use crate::domain::code;
use crate::domain::number;
use crate::domain::number::points;
use crate::domain::round::RoundKind;
use crate::domain::scoring::{self, ItemScore, Total, round2};
use crate::domain::sources::Sources;
use crate::report::document::{Block, Cell, Column, Document, Section, Table};
use crate::report::model::selfassessment::{AssessmentRow, AssessmentTotal, RowLevel, SelfAssessment};

/// An item's contribution to the subtotals.
struct ItemSum {
    code: String,
    max: f64,
    own: Option<f64>,
    appraised: Option<f64>,
    not_applicable: bool,
}

/// Totals per item: several units may answer for one item.
fn by_item(items: &[ItemScore]) -> HashMap<String, Total> {
    keyed(scoring::totals_by(items, |i| Some(i.code.as_str())))
}

/// Sum of the values some items have (unrounded), rounded once; `None` when none has one.
fn sum_of<'a>(items: impl Iterator<Item = &'a ItemSum>, pick: fn(&ItemSum) -> Option<f64>) -> Option<f64> {
    items.filter_map(pick).reduce(|a, b| a + b).map(round2)
}

/// An item's points on its own maximum, unrounded (the subtotals add these, and round once).
fn on_max(t: &Total, max: f64) -> Option<f64> {
    t.ratio().map(|r| r * max)
}

pub fn model(src: &Sources, year: i32) -> Result<SelfAssessment> {
    let ix = Index::new(src);
    let round = src.rounds.iter().find(|r| r.kind == RoundKind::Dot2).with_context(|| {
        format!("năm {year} chưa có Đợt 2; bảng tự đánh giá lập từ Đợt 2 (tạo bằng `cchc round new --kind dot2 --year {year}`)")
    })?;
    let catalogue = ix.catalogue(round).context("không tìm thấy bộ tiêu chí của đợt")?;
    let all_appraised = ix.appraised(round);
    let appraised = by_item(&all_appraised);
    let (own_items, same_items) = ix.compared(round);
    let own = by_item(&own_items);
    let kind = round.kind.node_kind();
    let mut rows = Vec::new();
    let mut items: Vec<ItemSum> = Vec::new();
    for node in catalogue.nodes.iter().filter(|n| n.kind == kind && code::depth(&n.code) >= 2) {
        let level = match (node.is_leaf, code::depth(&node.code)) {
            (true, _) => RowLevel::Item,
            (false, 2) => RowLevel::Field,
            (false, _) => RowLevel::Group,
        };
        let mut row = AssessmentRow {
            level,
            code: node.code.clone(),
            title: node.title.clone(),
            max: node.max_points,
            self_points: None,
            appraised_points: None,
            evidence: String::new(),
            note: String::new(),
        };
        if node.is_leaf {
            // Several units may answer for one item: their points combine in proportion to the item's maximum.
            let total_of = |totals: &HashMap<String, Total>| totals.get(&node.code).copied().unwrap_or_default();
            let (a, s) = (total_of(&appraised), total_of(&own));
            let not_applicable = a.scored == 0 && a.not_applicable > 0;
            let (own, appraised) = (on_max(&s, node.max_points), on_max(&a, node.max_points));
            row.self_points = own.map(round2);
            row.appraised_points = appraised.map(round2);
            row.note = notes(src, &round.id, &node.code, not_applicable);
            row.evidence = evidence(src, &round.id, &node.code);
            items.push(ItemSum { code: node.code.clone(), max: node.max_points, own, appraised, not_applicable });
        }
        rows.push(row);
    }
    // Subtotals: the sum of the items under each field and group (items without points add nothing).
    for row in rows.iter_mut().filter(|r| r.level != RowLevel::Item) {
        let prefix = format!("{}.", row.code);
        let under = || items.iter().filter(|i| i.code.starts_with(&prefix));
        row.self_points = sum_of(under(), |i| i.own);
        row.appraised_points = sum_of(under(), |i| i.appraised);
    }
    let max_of = |pred: fn(&ItemSum) -> bool| round2(items.iter().filter(|i| pred(i)).map(|i| i.max).sum());
    // The ward's total on 100 is the round report's (every unit's items pooled), whatever the table adds up to.
    let ward = totals(
        Some(&scoring::total(&all_appraised)),
        Some((&scoring::total(&own_items), &scoring::total(&same_items))),
    );
    // The round report's field figure: every unit's appraised items pooled, on the field's maximum.
    let differs_from_round = rows
        .iter()
        .filter(|r| r.level == RowLevel::Field)
        .filter_map(|r| {
            let prefix = format!("{}.", r.code);
            let pooled: Total = all_appraised.iter().filter(|i| i.code.starts_with(&prefix)).collect();
            let (table, round) = (r.appraised_points?, pooled.scaled(r.max)?);
            ((table - round).abs() > 0.005).then(|| (r.code.clone(), table, round, r.max))
        })
        .collect();
    Ok(SelfAssessment {
        differs_from_round,
        year,
        round: round_info(round),
        total: AssessmentTotal {
            max: max_of(|_| true),
            self_points: sum_of(items.iter(), |i| i.own),
            self_max: max_of(|i| i.own.is_some()),
            self_items: items.iter().filter(|i| i.own.is_some()).count(),
            appraised_points: sum_of(items.iter(), |i| i.appraised),
            assessed_max: max_of(|i| i.appraised.is_some()),
            self_score: ward.self_score,
            appraised_score: ward.appraised_score,
            not_applicable: items.iter().filter(|i| i.not_applicable).count(),
        },
        rows,
    })
}

/// The team's notes on an item (prefixed with the unit when several units answer for it), after what the self
/// and appraised columns leave out.
fn notes(src: &Sources, round: &str, code: &str, not_applicable: bool) -> String {
    let name =
        |unit: &str| src.units.iter().find(|u| u.code == unit).map_or_else(|| unit.to_owned(), |u| u.name.clone());
    let scores: Vec<_> = src.scores.iter().filter(|x| x.round_id == round && x.criterion == code).collect();
    let mut notes: Vec<String> = scores
        .iter()
        .filter(|x| !x.note.trim().is_empty())
        .map(|x| {
            if scores.len() > 1 {
                format!("{}: {}", name(&x.unit_code), x.note.trim())
            } else {
                x.note.trim().to_owned()
            }
        })
        .collect();
    if not_applicable {
        notes.insert(0, "Không áp dụng".to_owned());
    }
    // Self points the program computed from a unit's figure are not the unit's: left out of the self column.
    if src.self_items.iter().any(|i| i.round_id == round && i.criterion == code && i.computed) {
        notes.insert(0, "Tự chấm (tính từ số liệu): không tính".to_owned());
    }
    notes.join("; ")
}

/// The evidence for an item: the documents the units cite, each distinct text once, then the names of the files
/// they handed over ("Tệp kèm theo: …").
fn evidence(src: &Sources, round: &str, code: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for item in src.self_items.iter().filter(|i| i.round_id == round && i.criterion == code) {
        let text = item.evidence.trim();
        if !text.is_empty() && !out.contains(&text) {
            out.push(text);
        }
    }
    let mut files: Vec<&str> = Vec::new();
    for name in src.evidence.iter().filter(|i| i.criterion == code).flat_map(|i| &i.files) {
        if !files.contains(&name.as_str()) {
            files.push(name);
        }
    }
    let files = (!files.is_empty()).then(|| format!("Tệp kèm theo: {}", files.join(", ")));
    out.into_iter().map(str::to_owned).chain(files).collect::<Vec<_>>().join("; ")
}

pub fn document(m: &SelfAssessment, frame: &Frame) -> Document {
    let r = &m.round;
    let subject = format!("Kết quả tự đánh giá, chấm điểm cải cách hành chính năm {}", m.year);
    let mut d =
        Document::new(frame.letterhead("BC-UBND", m.year, frame.settings.recipients.clone()), "BÁO CÁO", &subject);
    let basis = Section::new("I", "CĂN CỨ TỰ ĐÁNH GIÁ").with_block(Block::Paragraph(format!(
        "Bảng tự đánh giá, chấm điểm được lập từ báo cáo tự kiểm tra của các phòng, cơ quan, đơn vị và kết quả thẩm định của Đoàn kiểm tra {} ({}). Điểm của nội dung do nhiều đơn vị cùng thực hiện được tính theo tỷ lệ điểm đạt của các đơn vị đó.",
        r.title,
        super::doc::period(r)
    )));
    let mut t = Table::new(
        "tu_danh_gia",
        "Bảng tự đánh giá, chấm điểm",
        vec![
            Column::text("STT").with_width(8.0),
            Column::text("Tiêu chí").with_width(56.0),
            points_col("Điểm tối đa"),
            points_col("Điểm tự chấm"),
            points_col("Điểm thẩm định"),
            Column::text("Tài liệu kiểm chứng").with_width(18.0),
            Column::text("Ghi chú").with_width(12.0),
        ],
    );
    for row in &m.rows {
        let title = match row.level {
            RowLevel::Field => row.title.to_uppercase(),
            _ => row.title.clone(),
        };
        t.push_row(vec![
            Cell::text(&row.code),
            Cell::text(title),
            Cell::Number(row.max),
            Cell::number(row.self_points),
            Cell::number(row.appraised_points),
            Cell::text(&row.evidence),
            Cell::text(&row.note),
        ]);
    }
    let total = &m.total;
    t.total = Some(vec![
        Cell::Empty,
        Cell::text("TỔNG ĐIỂM"),
        Cell::Number(total.max),
        Cell::number(total.self_points),
        Cell::number(total.appraised_points),
        Cell::Empty,
        Cell::Empty,
    ]);
    // One ward total, the round report's; the table's sum is its points, not a second total on 100.
    let summary = match (total.appraised_points, total.appraised_score) {
        (Some(p), Some(value)) => format!(
            "Cộng điểm thẩm định trong bảng: {}/{} điểm của các nội dung được chấm{}; mỗi nội dung tính một lần, nội dung do nhiều đơn vị cùng thực hiện lấy theo tỷ lệ điểm đạt chung của các đơn vị đó. Điểm toàn phường (thang 100), như trong báo cáo kết quả kiểm tra: {}; {}",
            points(p),
            points(total.assessed_max),
            na_clause(total.not_applicable),
            number::score(value),
            WARD_TOTAL
        ),
        _ => NO_APPRAISAL.to_owned(),
    };
    // The self column adds up only what the units scored themselves: said, so that it is not read as a total on 100.
    let summary = match total.self_points {
        Some(own) => format!(
            "{summary} Cột điểm tự chấm cộng {}/{} điểm trên {} nội dung đơn vị tự chấm; nội dung đơn vị không tự chấm (kể cả điểm tính từ số liệu) để trống và không cộng.",
            points(own),
            points(total.self_max),
            total.self_items
        ),
        None => summary,
    };
    let mut table =
        Section::new("II", "BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM").with_block(Block::Table(t)).with_block(note(summary));
    if !m.differs_from_round.is_empty() {
        let fields: Vec<String> = m
            .differs_from_round
            .iter()
            .map(|(code, here, round, max)| {
                format!(
                    "lĩnh vực {code}: {} trong bảng, {}/{} trong báo cáo {}",
                    points(*here),
                    points(*round),
                    points(*max),
                    r.title
                )
            })
            .collect();
        table = table.with_block(note(format!(
            "Điểm lĩnh vực trong bảng khác báo cáo kết quả {} ({}) vì cách gộp: bảng này tính mỗi nội dung một lần theo tỷ lệ điểm đạt chung của các đơn vị cùng thực hiện; báo cáo {} cộng điểm của từng đơn vị trên mọi nội dung được phân công rồi quy về điểm tối đa của lĩnh vực.",
            r.title,
            fields.join("; "),
            r.title
        )));
    }
    d.sections = vec![basis, table];
    d.closing = Some(format!(
        "Trên đây là kết quả tự đánh giá, chấm điểm cải cách hành chính năm {} của UBND {}./.",
        m.year,
        frame.ward()
    ));
    d
}
