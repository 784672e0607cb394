//! The year-end report as a document: the basis for classifying officials and for emulation awards.

use crate::domain::assessment::readable_reason;
use crate::domain::classification::{CapBase, CapCheck, cap_allowed};
use crate::domain::number::{points, score};
use crate::domain::round::RoundKind;
use crate::report::document::{Block, Cell, Column, Document, Section, Table};
use crate::report::model::FindingView;
use crate::report::model::settings::DocKind;
use crate::report::model::year::{FieldChange, OfficialProposal, Remediation, RoundSummary, UnitChange, YearReport};

use super::assessment_doc;
use super::doc::{
    Frame, NO_APPRAISAL, WARD_TOTAL, capitalized, count, finding_text, id_column, losses_text, note,
    points as points_col, row_number, score_chart, scores, span, stt, table_or, who,
};

/// Takes the model: its findings and officials, tens of thousands in a national year, are let go one by one as their
/// rows are laid out.
pub fn document(mut m: YearReport, frame: &Frame) -> Document {
    let findings = std::mem::take(&mut m.remediation.findings);
    let officials = std::mem::take(&mut m.officials);
    let subject = format!("Kết quả kiểm tra cải cách hành chính năm {}", m.year);
    let letterhead = frame.letterhead_for(DocKind::Year, "BC-UBND", m.year, None, frame.settings.recipients.clone());
    let mut d = Document::new(letterhead, "BÁO CÁO", &subject);
    let basis = m
        .basis_round
        .as_deref()
        .and_then(|id| m.rounds.iter().find(|r| r.round.id == id))
        .map(|r| r.round.title.clone());
    let mut first = rounds_section(&m.rounds);
    if let Some(what) = &m.provisional {
        first.blocks.insert(0, assessment_doc::provisional_note(what));
    }
    let opening = format!(
        "Thực hiện {}, UBND {} báo cáo kết quả kiểm tra cải cách hành chính năm {} như sau:",
        frame.plan(m.year, true),
        frame.ward(),
        m.year
    );
    d.sections = vec![
        Section::new("", "").with_block(Block::Paragraph(opening)),
        first,
        fields_section(&m.fields),
        units_section(&m.units, basis.as_deref()),
        remediation_section(&m.remediation, findings),
        officials_section(&m, officials, basis.as_deref()),
        assessment_doc::practices("VI", &m.good_practices, "Trong năm chưa ghi nhận mô hình, cách làm hay."),
        assessment_doc::proposals("VII", &m.proposals),
    ];
    // The opening paragraph is a section without a number.
    if let Some(c) = &m.previous_year {
        d.sections.push(super::year_compare::section(c, super::year_compare::roman(d.sections.len()), m.year));
    }
    let numbers: Vec<&str> = (0..3).map(|i| super::year_compare::roman(d.sections.len() + i)).collect();
    d.sections.extend(assessment_doc::assessment(&numbers, &m.assessment));
    d.closing = Some(format!(
        "Trên đây là báo cáo kết quả kiểm tra cải cách hành chính năm {} của UBND {}, làm cơ sở để cấp có thẩm quyền đánh giá, xếp loại cán bộ, công chức, viên chức và xét thi đua, khen thưởng cuối năm./.",
        m.year,
        frame.ward()
    ));
    d
}

fn rounds_section(rounds: &[RoundSummary]) -> Section {
    let mut t = Table::new(
        "cac_dot",
        "Các đợt kiểm tra trong năm",
        vec![
            stt(),
            Column::text("Đợt kiểm tra").with_width(24.0),
            Column::text("Thời gian").with_width(14.0),
            Column::integer("Số đơn vị"),
            scores("Điểm thẩm định toàn phường"),
            Column::integer("Số kết luận"),
            Column::text("Trạng thái").with_width(11.0),
        ],
    );
    for (i, r) in rounds.iter().enumerate() {
        t.push_row(vec![
            row_number(i),
            Cell::text(&r.round.title),
            Cell::text(span(&r.round)),
            count(r.units_in_scope),
            Cell::number(r.ward.appraised_score),
            count(r.findings),
            Cell::text(capitalized(r.round.status.label())),
        ]);
    }
    let mut s = Section::new("I", "CÁC ĐỢT KIỂM TRA TRONG NĂM").with_block(table_or(t, "Chưa có đợt kiểm tra nào."));
    if !rounds.is_empty() {
        s.blocks.push(note(format!("{} {}", capitalized(WARD_TOTAL), super::doc::FINDINGS_COUNTED)));
    }
    let adhoc: Vec<&RoundSummary> = rounds.iter().filter(|r| r.round.kind == RoundKind::DotXuat).collect();
    if adhoc.is_empty() {
        s.blocks.push(note("Trong năm không có đợt kiểm tra đột xuất."));
    }
    for r in adhoc {
        let reason = r
            .round
            .reason
            .as_deref()
            .map(|x| format!(" Lý do: {}.", readable_reason(x).trim_end_matches('.')))
            .unwrap_or_default();
        s.blocks.push(Block::Paragraph(format!(
            "Kiểm tra đột xuất ({}): {}.{reason}",
            span(&r.round),
            r.round.topic.as_deref().unwrap_or("không nêu chủ đề"),
        )));
        let results = r.unit_results.iter().map(|u| match u.appraised_score {
            Some(value) => format!("{}: {} điểm (thang 100)", u.name, score(value)),
            None => format!("{}: chưa có điểm thẩm định", u.name),
        });
        s.blocks.push(Block::Bullets(results.collect()));
    }
    s
}

fn change_columns(first: Column, values: fn(&str) -> Column) -> Vec<Column> {
    vec![first, values("Đợt 1"), values("Đợt 2"), values("Tăng (+), giảm (−)")]
}

fn fields_section(fields: &[FieldChange]) -> Section {
    let s = Section::new("II", "KẾT QUẢ THEO LĨNH VỰC: ĐỢT 1 VÀ ĐỢT 2");
    if fields.iter().all(|f| f.dot1.is_none() && f.dot2.is_none()) {
        return s.with_block(note(NO_APPRAISAL));
    }
    let mut columns = vec![Column::text("Mã").with_width(6.0)];
    columns.extend(change_columns(Column::text("Lĩnh vực").with_width(40.0), points_col));
    columns.insert(2, points_col("Điểm tối đa"));
    let mut t = Table::new("linh_vuc", "Điểm lĩnh vực, Đợt 1 và Đợt 2", columns);
    for f in fields {
        t.push_row(vec![
            Cell::text(&f.code),
            Cell::text(&f.title),
            Cell::Number(f.max),
            Cell::number(f.dot1),
            Cell::number(f.dot2),
            Cell::number(f.change),
        ]);
    }
    s.with_block(Block::Table(t)).with_block(Block::Chart(score_chart(
        "Điểm theo lĩnh vực, quy về thang 100: Đợt 1 và Đợt 2",
        fields.iter().map(|f| format!("{}. {}", f.code, f.title)).collect(),
        vec![
            ("Đợt 1", fields.iter().map(|f| f.dot1_score).collect()),
            ("Đợt 2", fields.iter().map(|f| f.dot2_score).collect()),
        ],
    )))
}

fn units_section(units: &[UnitChange], basis: Option<&str>) -> Section {
    let s = Section::new("III", "KẾT QUẢ VÀ XẾP HẠNG CÁC ĐƠN VỊ");
    let Some(basis) = basis else {
        return s.with_block(note(format!("{NO_APPRAISAL} Chưa xếp hạng đơn vị.")));
    };
    let mut columns = vec![Column::integer("Hạng")];
    columns.extend(change_columns(Column::text("Đơn vị").with_width(34.0), scores));
    let mut t = Table::new("xep_hang", "Xếp hạng đơn vị (thang 100)", columns);
    for u in units {
        t.push_row(vec![
            u.rank.map_or(Cell::Empty, |r| Cell::Integer(r.into())),
            Cell::text(&u.name),
            Cell::number(u.dot1),
            Cell::number(u.dot2),
            Cell::number(u.change),
        ]);
    }
    s.with_block(note(format!("Xếp hạng theo điểm thẩm định {basis} (thang 100); các đơn vị bằng điểm xếp cùng hạng.")))
        .with_block(Block::Table(t))
}

/// `r` without its findings, which come apart.
fn remediation_section(r: &Remediation, findings: Vec<FindingView>) -> Section {
    let s = Section::new("IV", "TÌNH HÌNH KHẮC PHỤC TỒN TẠI, HẠN CHẾ");
    if findings.is_empty() {
        return s.with_block(note("Trong năm chưa ghi nhận tồn tại, hạn chế, vi phạm nào."));
    }
    let summary = r.counts.iter().map(|c| format!("{}: {}", c.status.label(), c.count)).collect::<Vec<_>>();
    let mut t = Table::new(
        "khac_phuc",
        "Tình trạng khắc phục",
        vec![
            stt(),
            Column::text("Đơn vị, người phụ trách").with_width(14.0),
            Column::text("Nội dung").with_width(26.0),
            Column::date("Thời hạn"),
            Column::text("Tình trạng, ghi chú").with_width(20.0),
            id_column(),
        ],
    );
    let listed = findings.len();
    for (i, f) in findings.into_iter().enumerate() {
        // Status, days overdue and the latest note in one cell: a finding's id needs its own column on the page.
        let mut status = super::doc::status(&f);
        if let Some(note) = f.latest_note.as_deref().filter(|n| !n.trim().is_empty()) {
            status.push_str(&format!(".\n{note}"));
        }
        t.push_row(vec![
            row_number(i),
            Cell::text(who(&f)),
            Cell::text(finding_text(&f)),
            Cell::date(f.due_date),
            Cell::text(status),
            Cell::text(f.id),
        ]);
    }
    s.with_block(Block::Paragraph(format!(
        "Trong năm có {} tồn tại, hạn chế, vi phạm ({}); {} quá hạn khắc phục. Kiến nghị, đề xuất của đơn vị được theo dõi riêng tại mục VII.",
        listed,
        summary.join(", "),
        r.overdue
    )))
    .with_block(Block::Table(t))
}

/// `m` without its officials, which come apart.
fn officials_section(m: &YearReport, officials: Vec<OfficialProposal>, basis: Option<&str>) -> Section {
    let s = Section::new("V", "KẾT QUẢ CỦA CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC PHỤ TRÁCH VÀ ĐỀ XUẤT XẾP LOẠI");
    let Some(basis) = basis else {
        return s.with_block(note(format!("{NO_APPRAISAL} Chưa đề xuất xếp loại.")));
    };
    let mut s = s.with_block(note(format!(
        "Điểm của mỗi người tính trên các nội dung được phân công phụ trách, theo điểm thẩm định {basis} (thang 100); mức tương ứng theo thang điểm của {}. Đây là căn cứ tham khảo: việc đánh giá, xếp loại và khen thưởng do cấp có thẩm quyền xem xét, quyết định.",
        m.classification_basis
    )));
    s.blocks.push(Block::Paragraph(m.classification_rule.clone()));
    let mut officials = officials;
    for group in &m.groups {
        let (of_group, rest): (Vec<_>, Vec<_>) = officials.into_iter().partition(|o| o.category == group.category);
        officials = rest;
        let tie = top_tie(group.label, basis, &of_group);
        s.blocks.push(Block::Table(officials_table(group.label, of_group)));
        s.blocks.extend(tie.map(Block::Paragraph));
    }
    let mut columns = vec![Column::text("Mức xếp loại đề xuất").with_width(36.0)];
    columns.extend(m.groups.iter().map(|g| Column::integer(g.label)));
    let mut bands = Table::new("muc_xep_loai", "Số người theo mức thang điểm", columns);
    for (i, b) in m.groups.first().map(|g| g.band_counts.as_slice()).unwrap_or_default().iter().enumerate() {
        let mut row = vec![Cell::text(&b.name)];
        row.extend(m.groups.iter().map(|g| count(g.band_counts.get(i).map_or(0, |c| c.count))));
        bands.push_row(row);
    }
    s.blocks.push(Block::Table(bands));
    for group in &m.groups {
        if let Some(cap) = &group.cap {
            s.blocks.push(Block::Paragraph(cap_sentence(group.label, cap)));
        }
    }
    s
}

/// People of a group who share the top score, named as a tie ("Công chức: 5 người cùng đạt 100,00 điểm …"): a
/// table that ranks them equal must not read as if one came first.
fn top_tie(label: &str, basis: &str, officials: &[OfficialProposal]) -> Option<String> {
    let mut scored: Vec<(String, f64)> =
        officials.iter().filter_map(|o| Some((o.name.clone(), o.totals.appraised_score?))).collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    let top = super::prose::leaders(&scored, |o| o.1);
    let names: Vec<String> = top.iter().map(|o| o.0.clone()).collect();
    (names.len() > 1).then(|| {
        let shown = format!("{} điểm", crate::domain::number::score(top[0].1));
        format!("{label}: {} (điểm thẩm định {basis}, thang 100).", super::prose::tie("người", "đạt", &names, &shown))
    })
}

fn officials_table(label: &str, officials: Vec<OfficialProposal>) -> Table {
    let mut t = Table::new(
        "de_xuat_xep_loai",
        format!("Mức theo thang điểm: {}", label.to_lowercase()),
        vec![
            stt(),
            Column::text("Họ và tên").with_width(16.0),
            Column::text("Chức vụ, đơn vị").with_width(20.0),
            scores("Đợt 1"),
            scores("Đợt 2"),
            scores("Tăng (+), giảm (−)"),
            Column::text("Mức theo thang điểm").with_width(14.0),
            Column::text("Nội dung bị trừ điểm nhiều nhất").with_width(20.0),
        ],
    );
    for (i, o) in officials.into_iter().enumerate() {
        let reason = losses_text(&o.losses, &o.unit_code, o.totals.appraised_score.is_some());
        t.push_row(vec![
            row_number(i),
            Cell::text(o.name),
            Cell::text(format!("{}, {}", o.position, o.unit_name)),
            Cell::number(o.dot1),
            Cell::number(o.dot2),
            Cell::number(o.change),
            Cell::text(match (o.band_name, o.thin_basis) {
                (Some(band), Some(thin)) => format!("{band} ({thin})"),
                (band, _) => band.as_deref().unwrap_or_default().to_owned(),
            }),
            Cell::text(reason),
        ]);
    }
    t
}

/// The cap on one group's top band, stated: what the rule allows under the reading used (and the other), and what
/// the Chairman must decide; never a verdict.
fn cap_sentence(group: &str, c: &CapCheck) -> String {
    let other = match c.base {
        CapBase::Tot => CapBase::TotTroLen,
        CapBase::TotTroLen => CapBase::Tot,
    };
    let reading = |base: CapBase| match base {
        CapBase::Tot => format!(
            "{}% số được xếp loại “{}” (người không giữ mức “{}” chuyển xuống mức này và được tính vào)",
            points(c.cap_percent),
            c.below_band,
            c.top_band
        ),
        CapBase::TotTroLen => {
            format!("{}% số được xếp loại từ “{}” trở lên", points(c.cap_percent), c.below_band)
        }
    };
    let decide = if c.exceeded() {
        format!(
            " Số được đề xuất ({}) nhiều hơn số tối đa ({}): việc chọn những người được xếp mức “{}” do cấp có thẩm quyền xem xét, quyết định.",
            c.top_count, c.allowed, c.top_band
        )
    } else {
        " Số được đề xuất nằm trong giới hạn này.".to_owned()
    };
    format!(
        "{group}: đề xuất {} người mức “{}” và {} người mức “{}”. Tính theo tỷ lệ không quá {}, tối đa {} người được xếp mức “{}” (nếu tính {} thì tối đa {} người).{decide}",
        c.top_count,
        c.top_band,
        c.below_count,
        c.below_band,
        reading(c.base),
        c.allowed,
        c.top_band,
        reading(other),
        cap_allowed(c.top_count, c.below_count, c.cap_percent, other),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_is_stated_for_the_chairman_to_decide() {
        let c = CapCheck {
            top_band: "Hoàn thành xuất sắc nhiệm vụ".into(),
            below_band: "Hoàn thành tốt nhiệm vụ".into(),
            top_count: 9,
            below_count: 7,
            cap_percent: 20.0,
            base: CapBase::Tot,
            allowed: 2,
        };
        let text = cap_sentence("Công chức", &c);
        assert!(text.contains("tối đa 2 người được xếp mức “Hoàn thành xuất sắc nhiệm vụ”"), "{text}");
        assert!(text.contains("thì tối đa 3 người"), "{text}");
        assert!(text.contains("Số được đề xuất (9) nhiều hơn số tối đa (2)"), "{text}");
        assert!(!text.contains("vượt"), "{text}");
    }
}
