//! Follow-up: findings not yet remediated, by unit and by responsible official, with days overdue.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::Index;
use super::assessment_doc;
use super::doc::{self, Frame, count, row_number, stt, table_or};
use crate::domain::date;
use crate::domain::finding::{Finding, FindingKind};
use crate::domain::sources::Sources;
use crate::report::document::{Block, Cell, Column, Document, Section, Table};
use crate::report::model::FindingView;
use crate::report::model::followup::{Followup, OpenCount};

/// `src` holds the open findings of every year and the proposals of the as-of year (see
/// `store::reports::load_open`).
pub fn model(src: &Sources, as_of: NaiveDate) -> Followup {
    let ix = Index::new(src);
    let mut proposals: Vec<Finding> = src
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::KienNghi && ix.round(&f.round_id).is_some_and(|r| r.year == as_of.year()))
        .cloned()
        .collect();
    let mut findings: Vec<FindingView> =
        src.findings.iter().filter(|f| f.kind.is_followed_up()).map(|f| ix.finding(f, as_of)).collect();
    // Positions and counts looked up by code, in one pass over the findings: open findings of every year, for
    // every unit and official, would otherwise be scanned once per unit and per official.
    let mut unit_order: HashMap<&str, usize> = HashMap::new();
    for (i, u) in src.units.iter().enumerate() {
        unit_order.entry(u.code.as_str()).or_insert(i);
    }
    let order = |code: &str| unit_order.get(code).copied().unwrap_or(usize::MAX);
    // The proposals in the tables' order of units (the directory's), each unit's in its rounds' order: a repeat
    // then stands under the proposal it repeats.
    let position: HashMap<&str, usize> = src.rounds.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    proposals.sort_by_key(|f| (order(&f.unit_code), position.get(f.round_id.as_str()).copied(), f.seq));
    findings.sort_by(|a, b| {
        let name = |f: &FindingView| f.official_name.clone().unwrap_or_default();
        (order(&a.unit_code).cmp(&order(&b.unit_code)))
            .then_with(|| crate::domain::collate::compare_people(&name(a), &name(b)))
            .then_with(|| a.due_date.cmp(&b.due_date))
    });
    let (mut of_unit, mut of_official) = (HashMap::<&str, Open>::new(), HashMap::<&str, Open>::new());
    let mut nobody = Open::default();
    for f in &findings {
        of_unit.entry(&*f.unit_code).or_default().add(f);
        match f.official_code.as_deref() {
            Some(official) => of_official.entry(official).or_default().add(f),
            None => nobody.add(f),
        }
    }
    let count = |code: &str, name: String, unit_name: Option<String>, open: Option<&Open>| {
        let open = open.copied().unwrap_or_default();
        OpenCount {
            code: code.to_owned(),
            name,
            unit_name,
            open: open.open,
            overdue: open.overdue,
            max_days_overdue: open.max_days_overdue,
        }
    };
    let by_unit = src
        .units
        .iter()
        .map(|u| count(&u.code, u.name.clone(), None, of_unit.get(u.code.as_str())))
        .filter(|c| c.open > 0)
        .collect();
    let mut by_official: Vec<OpenCount> = src
        .officials
        .iter()
        .map(|o| count(&o.code, o.name.clone(), Some(ix.unit_name(&o.unit_code)), of_official.get(o.code.as_str())))
        .filter(|c| c.open > 0)
        .collect();
    let nobody = count("", "Chưa xác định người phụ trách".to_owned(), None, Some(&nobody));
    if nobody.open > 0 {
        by_official.push(nobody);
    }
    Followup {
        as_of,
        open: findings.len(),
        overdue: findings.iter().filter(|f| f.days_overdue.is_some()).count(),
        by_unit,
        by_official,
        findings,
        proposals: ix.year_proposals(&proposals),
    }
}

/// Open findings of one unit or official, and how overdue.
#[derive(Debug, Default, Clone, Copy)]
struct Open {
    open: usize,
    overdue: usize,
    max_days_overdue: Option<i64>,
}

impl Open {
    fn add(&mut self, f: &FindingView) {
        self.open += 1;
        if let Some(days) = f.days_overdue {
            self.overdue += 1;
            self.max_days_overdue = self.max_days_overdue.max(Some(days));
        }
    }
}

pub fn document(m: &Followup, frame: &Frame) -> Document {
    let subject = format!(
        "Tình hình khắc phục tồn tại, hạn chế sau kiểm tra cải cách hành chính (đến ngày {})",
        date::format(m.as_of)
    );
    let letterhead = frame.letterhead("BC-UBND", m.as_of.year(), frame.settings.recipients.clone());
    let mut d = Document::new(letterhead, "BÁO CÁO", subject);
    d.sections = if m.findings.is_empty() {
        vec![Section::new("I", "TỔNG HỢP").with_block(doc::note(format!(
            "Đến ngày {}, không còn tồn tại, hạn chế, vi phạm nào chưa khắc phục xong.",
            date::format(m.as_of)
        )))]
    } else {
        vec![
            Section::new("I", "TỔNG HỢP THEO ĐƠN VỊ")
                .with_block(Block::Paragraph(format!(
                    "Đến ngày {}, còn {} tồn tại, hạn chế, vi phạm chưa khắc phục xong, trong đó {} đã quá thời hạn khắc phục.",
                    date::format(m.as_of),
                    m.open,
                    m.overdue
                )))
                .with_block(Block::Table(counts("theo_don_vi", "Theo đơn vị", &m.by_unit, false))),
            Section::new("II", "THEO CÁN BỘ PHỤ TRÁCH")
                .with_block(Block::Table(counts("theo_can_bo", "Theo cán bộ phụ trách", &m.by_official, true))),
            Section::new("III", "DANH SÁCH CHI TIẾT").with_block(table_or(details(&m.findings), "")),
        ]
    };
    let number = if m.findings.is_empty() { "II" } else { "IV" };
    d.sections.push(assessment_doc::proposals(number, &m.proposals));
    d.closing = Some(
        "Đề nghị các phòng, cơ quan, đơn vị và cán bộ, công chức, viên chức phụ trách khẩn trương khắc phục các tồn tại quá hạn và báo cáo kết quả về bộ phận thường trực cải cách hành chính./.".to_owned(),
    );
    d
}

fn counts(id: &str, title: &str, rows: &[OpenCount], with_unit: bool) -> Table {
    let mut columns = vec![stt(), Column::text(if with_unit { "Họ và tên" } else { "Đơn vị" }).with_width(24.0)];
    if with_unit {
        columns.push(Column::text("Đơn vị").with_width(24.0));
    }
    columns.extend([
        Column::integer("Chưa khắc phục xong"),
        Column::integer("Quá hạn"),
        Column::integer("Quá hạn lâu nhất (ngày)"),
    ]);
    let mut t = Table::new(id, title, columns);
    for (i, c) in rows.iter().enumerate() {
        let mut row = vec![row_number(i), Cell::text(&c.name)];
        if with_unit {
            row.push(Cell::text(c.unit_name.clone().unwrap_or_default()));
        }
        row.extend([count(c.open), count(c.overdue), c.max_days_overdue.map_or(Cell::Empty, Cell::Integer)]);
        t.push_row(row);
    }
    t
}

fn details(findings: &[FindingView]) -> Table {
    let mut t = Table::new(
        "chi_tiet",
        "Chi tiết tồn tại chưa khắc phục",
        vec![
            stt(),
            Column::text("Đơn vị, người phụ trách").with_width(14.0),
            Column::text("Tồn tại, hạn chế, vi phạm").with_width(24.0),
            Column::text("Kiến nghị khắc phục").with_width(18.0),
            Column::date("Thời hạn"),
            Column::text("Tình trạng").with_width(11.0),
            // The team works the follow-up by id: shown in every format.
            Column::text("Mã").with_width(11.0),
        ],
    );
    for (i, f) in findings.iter().enumerate() {
        t.push_row(vec![
            row_number(i),
            Cell::text(doc::who(f)),
            Cell::text(doc::finding_text(f)),
            Cell::text(&f.recommendation),
            Cell::date(f.due_date),
            // The days overdue beside the status, as the round and year reports print them: one column less, so
            // that the text columns have the room on a portrait page.
            Cell::text(doc::status(f)),
            Cell::text(&f.id),
        ]);
    }
    t
}
