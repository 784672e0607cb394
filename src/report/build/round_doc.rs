//! The round report as a document: the report the team sends the Chairman and Vice-Chairmen.

use crate::domain::assessment::readable_reason;
use crate::domain::date;
use crate::domain::number;
use crate::domain::round::RoundKind;
use crate::report::document::{Block, Cell, Chart, Column, Document, Section, Table};
use crate::report::model::RoundInfo;
use crate::report::model::round::{CarryOver, FieldResult, LateUnit, OfficialResult, RoundReport, UnitResult};
use crate::report::model::settings::DocKind;

use super::assessment_doc;
use super::doc::{
    self, FINDINGS_COUNTED, Frame, NO_APPRAISAL, WARD_TOTAL, count, note, points as points_col, row_number,
    score_chart, score_sentence, scores, stt, table_or,
};

/// What the signature shows when the round has no Trưởng đoàn: a gap nobody signs under unnoticed.
pub const NO_LEADER: &str = "[Trưởng đoàn: chưa ghi tên]";

pub fn document(m: &RoundReport, frame: &Frame) -> Document {
    if m.round.kind == RoundKind::DotXuat {
        return super::round_adhoc_doc::document(m, frame);
    }
    let r = &m.round;
    let subject = format!("Kết quả kiểm tra cải cách hành chính {}", r.title);
    let mut d = Document::new(letterhead(m, frame), "BÁO CÁO", subject.clone());
    d.sections = vec![
        overview(m, frame),
        super::round_trail::section("4", m).into_iter().fold(
            Section::new("II", "KẾT QUẢ KIỂM TRA")
                .with_subsection(fields_section(m))
                .with_subsection(units_section(&m.units))
                .with_subsection(officials_section(&m.officials)),
            Section::with_subsection,
        ),
        assessment_doc::practices("III", &m.good_practices, "Đợt kiểm tra chưa ghi nhận mô hình, cách làm hay."),
        Section::new("IV", "TỒN TẠI, HẠN CHẾ, VI PHẠM VÀ KIẾN NGHỊ KHẮC PHỤC").with_block(table_or(
            doc::remediation_table("ton_tai", "Tồn tại, hạn chế, vi phạm", &m.shortcomings, true),
            "Đợt kiểm tra chưa ghi nhận tồn tại, hạn chế, vi phạm.",
        )),
        assessment_doc::proposals("V", &m.proposals),
        Section::new("VI", "KẾT QUẢ KHẮC PHỤC TỒN TẠI, HẠN CHẾ SAU CÁC ĐỢT KIỂM TRA TRƯỚC")
            .with_block(carry_over(&m.carry_over, r)),
        Section::new("VII", "ĐƠN VỊ NỘP BÁO CÁO TỰ KIỂM TRA MUỘN HOẶC CHƯA NỘP").with_block(match r.kind {
            RoundKind::DotXuat => note("Kiểm tra đột xuất không yêu cầu đơn vị gửi báo cáo tự kiểm tra."),
            _ => late(&m.late_units),
        }),
    ];
    d.sections.extend(assessment_doc::assessment(&["VIII", "IX"], &m.assessment));
    d.closing = Some(format!(
        "Trên đây là báo cáo {} của Đoàn kiểm tra, kính trình Chủ tịch, các Phó Chủ tịch UBND {} xem xét, chỉ đạo./.",
        assessment_doc::first_lower(&subject),
        frame.ward()
    ));
    d
}

/// From the inspection team to the Chairman, signed by its leader (or a visible gap where none is recorded).
pub(super) fn letterhead(m: &RoundReport, frame: &Frame) -> crate::report::document::Letterhead {
    let leader = m.team.iter().find(|t| t.role == "truong-doan").map_or(NO_LEADER, |t| t.name.as_str());
    let recipients = vec![
        format!("Chủ tịch UBND {} (báo cáo)", frame.ward()),
        format!("Các Phó Chủ tịch UBND {}", frame.ward()),
        "Thành viên Đoàn kiểm tra".to_owned(),
        frame.settings.filing_line(),
    ];
    let mut letterhead = frame.letterhead_for(DocKind::Round, "BC-ĐKT", m.round.year, Some(leader), recipients);
    letterhead.parent_body = Some(format!("UBND {}", frame.ward().to_uppercase()));
    letterhead.issuing_body = "ĐOÀN KIỂM TRA\nCẢI CÁCH HÀNH CHÍNH".to_owned();
    letterhead
}

/// "số liệu tạm tính, Đợt 2 năm 2026 chưa kết thúc" for a round still open.
pub fn provisional(m: &RoundReport) -> Option<String> {
    let round = match m.round.kind {
        RoundKind::DotXuat => "đợt kiểm tra đột xuất".to_owned(),
        _ => m.round.title.clone(),
    };
    m.provisional.then(|| format!("số liệu tạm tính, {round} chưa kết thúc"))
}

/// ", Quyết định số … về việc thành lập Đoàn kiểm tra" once the round's decision is recorded: the team reports
/// under the decision that formed it.
pub fn decision_clause(m: &RoundReport) -> String {
    m.decision.as_deref().map_or_else(String::new, |d| {
        format!(" và Quyết định số {d} của Chủ tịch UBND phường về việc thành lập Đoàn kiểm tra")
    })
}

fn overview(m: &RoundReport, frame: &Frame) -> Section {
    let r = &m.round;
    let mut s = Section::new("I", "KHÁI QUÁT CHUNG");
    if let Some(what) = provisional(m) {
        s.blocks.push(assessment_doc::provisional_note(&what));
    }
    s.blocks.push(Block::Paragraph(format!(
        "Thực hiện {}{}, {}, Đoàn kiểm tra đã kiểm tra việc thực hiện cải cách hành chính tại {} phòng, cơ quan, đơn vị và các cán bộ, công chức, viên chức phụ trách nội dung cải cách hành chính.",
        frame.plan(r.year, false),
        decision_clause(m),
        doc::period(r),
        m.units_in_scope
    )));
    if let Some(topic) = &r.topic {
        let reason = r
            .reason
            .as_deref()
            .map(|x| format!(" Lý do kiểm tra: {}.", readable_reason(x).trim_end_matches('.')))
            .unwrap_or_default();
        s.blocks.push(Block::Paragraph(format!("Nội dung kiểm tra đột xuất: {topic}.{reason}")));
    }
    let mut bullets = team(m);
    if r.kind != RoundKind::DotXuat {
        let due = match m.units_scheduled {
            0 => format!("hạn gửi {}", date::format(r.selfreport_due)),
            n if n >= m.units_in_scope => "hạn gửi 5 ngày trước ngày kiểm tra từng đơn vị theo lịch".to_owned(),
            _ => format!(
                "hạn gửi 5 ngày trước ngày kiểm tra từng đơn vị theo lịch, đơn vị chưa có lịch hạn {}",
                date::format(r.selfreport_due)
            ),
        };
        bullets.push(format!(
            "Báo cáo tự kiểm tra: {}/{} đơn vị thuộc phạm vi đợt đã gửi ({due}).",
            m.selfreports_received, m.units_in_scope
        ));
    }
    bullets.push(score_sentence("toàn phường", &m.ward));
    if !m.out_of_scope.is_empty() {
        let names: Vec<&str> = m.out_of_scope.iter().map(|u| u.name.as_str()).collect();
        bullets.push(format!(
            "Không thuộc phạm vi đợt này (không được phân công nội dung kiểm tra nào): {}.",
            names.join(", ")
        ));
    }
    for u in &m.unscored {
        bullets.push(format!("{} thuộc phạm vi đợt nhưng chưa có điểm thẩm định: {}.", u.name, u.reason));
    }
    s.with_block(Block::Bullets(bullets))
}

/// The team, one line a member; a team without members or without a leader says so where it is read.
pub(super) fn team(m: &RoundReport) -> Vec<String> {
    let mut lines: Vec<String> = m
        .team
        .iter()
        .map(|t| match &t.unit_name {
            Some(unit) => format!("{}: {} ({unit})", t.role_label, t.name),
            None => format!("{}: {}", t.role_label, t.name),
        })
        .collect();
    if lines.is_empty() {
        lines.push("[Thành phần Đoàn kiểm tra: chưa ghi, cchc round team]".to_owned());
    }
    if !m.team.iter().any(|t| t.role == "truong-doan") {
        lines.push(NO_LEADER.to_owned());
    }
    lines
}

fn fields_section(m: &RoundReport) -> Section {
    let mut s = Section::new("1", "Kết quả theo lĩnh vực");
    if m.fields.iter().all(|f| f.self_points.is_none() && f.appraised_points.is_none()) {
        return s.with_block(note(NO_APPRAISAL));
    }
    let mut t = fields_table("Điểm theo lĩnh vực", &m.fields);
    t.total = Some(vec![
        Cell::Empty,
        Cell::text("Tổng (quy về thang 100)"),
        Cell::Number(100.0),
        Cell::number(m.ward.self_score),
        Cell::number(m.ward.appraised_score),
        Cell::number(m.ward.ratio),
    ]);
    s.blocks.push(Block::Table(t));
    s.blocks.push(note(format!(
        "Điểm của lĩnh vực = tổng điểm các nội dung được chấm ÷ tổng điểm tối đa của các nội dung đó × điểm tối đa của lĩnh vực; nội dung không áp dụng không tính vào cả hai. Dòng tổng quy về thang 100: {WARD_TOTAL}",
    )));
    s.blocks.push(Block::Chart(fields_chart(&m.fields)));
    s.blocks.push(Block::Paragraph("Nhận xét của Đoàn kiểm tra:".to_owned()));
    s.blocks.push(Block::Bullets(super::round_comments::comments(&m.fields)));
    s
}

fn fields_chart(fields: &[FieldResult]) -> Chart {
    score_chart(
        "Điểm theo lĩnh vực, quy về thang 100: tự chấm và thẩm định",
        fields.iter().map(|f| format!("{}. {}", f.code, f.title)).collect(),
        vec![
            ("Tự chấm", fields.iter().map(|f| f.totals.self_score).collect()),
            ("Thẩm định", fields.iter().map(|f| f.totals.appraised_score).collect()),
        ],
    )
}

/// What the self and appraised columns of the unit table compare, so that a reader can check the difference.
const COMPARED: &str = "Thẩm định: trên mọi nội dung được chấm của đơn vị. Tự chấm so sánh chỉ trên các nội dung đơn vị tự chấm có điểm thẩm định (cột “So sánh trên”: số nội dung so sánh/số nội dung được chấm); điểm tính từ số liệu khi đơn vị không tự chấm không được so sánh. Chênh lệch = “Thẩm định cùng nội dung” − “Tự chấm”; số âm là đơn vị tự chấm cao hơn kết quả thẩm định.";

pub(super) fn units_section(units: &[UnitResult]) -> Section {
    let mut t = Table::new(
        "don_vi",
        "Kết quả theo đơn vị (thang 100)",
        vec![
            stt(),
            Column::text("Đơn vị").with_width(28.0),
            Column::integer("Số nội dung chấm"),
            scores("Thẩm định"),
            Column::text("So sánh trên").with_width(7.0),
            scores("Tự chấm"),
            scores("Thẩm định cùng nội dung"),
            scores("Chênh lệch"),
            Column::integer("Số kết luận"),
        ],
    );
    for (i, u) in units.iter().enumerate() {
        let compared = u.totals.self_score.map(|_| format!("{}/{}", u.totals.items_compared, u.totals.items_assessed));
        t.push_row(vec![
            row_number(i),
            Cell::text(&u.name),
            count(u.totals.items_assessed),
            Cell::number(u.totals.appraised_score),
            compared.map_or(Cell::Empty, Cell::text),
            Cell::number(u.totals.self_score),
            Cell::number(u.totals.appraised_compared),
            Cell::number(u.totals.difference),
            count(u.findings),
        ]);
    }
    let mut s = Section::new("2", "Kết quả theo đơn vị").with_block(Block::Table(t));
    if units.iter().all(|u| u.totals.appraised_score.is_none()) {
        s.blocks.push(note(NO_APPRAISAL));
    } else if units.iter().any(|u| u.totals.difference.is_some()) {
        s.blocks.push(note(format!("{COMPARED} {FINDINGS_COUNTED}")));
    } else {
        s.blocks.push(note(FINDINGS_COUNTED));
    }
    s
}

fn officials_section(officials: &[OfficialResult]) -> Section {
    let mut t = Table::new(
        "can_bo",
        "Kết quả theo cán bộ phụ trách",
        vec![
            stt(),
            Column::text("Họ và tên").with_width(18.0),
            Column::text("Chức vụ, đơn vị").with_width(24.0),
            Column::integer("Số nội dung phụ trách"),
            Column::integer("Số nội dung chấm"),
            scores("Tự chấm"),
            scores("Thẩm định"),
            Column::text("Nội dung bị trừ điểm").with_width(24.0),
        ],
    );
    for (i, o) in officials.iter().enumerate() {
        t.push_row(vec![
            row_number(i),
            Cell::text(&o.name),
            Cell::text(format!("{}, {}", o.position, o.unit_name)),
            count(o.items_assigned),
            count(o.totals.items_assessed),
            Cell::number(o.totals.self_score),
            Cell::number(o.totals.appraised_score),
            Cell::text(doc::losses_text(&o.losses, &o.unit_code, o.totals.appraised_score.is_some())),
        ]);
    }
    let mut s = Section::new("3", "Kết quả theo cán bộ, công chức, viên chức phụ trách")
        .with_block(table_or(t, "Chưa có phân công cán bộ phụ trách nội dung của đợt này."));
    if !officials.is_empty() && officials.iter().all(|o| o.totals.appraised_score.is_none()) {
        s.blocks.push(note(NO_APPRAISAL));
    }
    s
}

fn carry_over(items: &[CarryOver], round: &RoundInfo) -> Block {
    let kind = round.kind;
    let mut t = Table::new(
        "khac_phuc",
        "Khắc phục tồn tại các đợt trước",
        vec![
            stt(),
            Column::text("Đơn vị, người phụ trách").with_width(13.0),
            Column::text("Tồn tại, hạn chế, vi phạm").with_width(28.0),
            Column::date("Thời hạn"),
            Column::text("Tình trạng").with_width(11.0),
            Column::text("Kết quả kiểm tra lại").with_width(18.0),
            doc::id_column(),
        ],
    );
    for (i, c) in items.iter().enumerate() {
        let f = &c.finding;
        // An item scored again in this round was looked at again, even with no check of the remediation recorded:
        // what the unit reported, then the round's points on the item.
        let rescored = c.rescored.map(|r| {
            let item = f.criterion.as_deref().unwrap_or_default();
            let (points, max) = (number::points(r.points), number::points(r.max));
            format!("Điểm {} (nội dung {item}): {points}/{max}.", round.title)
        });
        let check = match (&f.latest_note, c.checked_in_round, rescored) {
            (Some(note), true, _) => note.clone(),
            (Some(note), false, Some(rescored)) => format!("Đơn vị báo cáo: {} {rescored}", sentence(note)),
            (Some(note), false, None) => format!("{note} (chưa kiểm tra lại trong đợt này)"),
            (None, _, Some(rescored)) => format!("Chưa có báo cáo khắc phục. {rescored}"),
            (None, _, None) => "Chưa có báo cáo khắc phục".to_owned(),
        };
        let status = doc::status(f);
        t.push_row(vec![
            row_number(i),
            Cell::text(doc::who(f)),
            Cell::text(doc::finding_text(f)),
            Cell::date(f.due_date),
            Cell::text(status),
            Cell::text(check),
            Cell::text(&f.id),
        ]);
    }
    let empty = if kind == RoundKind::Dot1 {
        "Đây là đợt kiểm tra định kỳ đầu tiên của năm: chưa có tồn tại, hạn chế của đợt trước cần theo dõi khắc phục."
    } else {
        "Các đợt kiểm tra trước trong năm không có tồn tại, hạn chế cần khắc phục."
    };
    table_or(t, empty)
}

fn late(units: &[LateUnit]) -> Block {
    let mut t = Table::new(
        "nop_muon",
        "Báo cáo tự kiểm tra muộn, thiếu",
        vec![
            stt(),
            Column::text("Đơn vị").with_width(30.0),
            Column::date("Hạn nộp"),
            Column::date("Ngày nộp"),
            Column::integer("Số ngày muộn"),
            Column::text("Ghi chú").with_width(14.0),
        ],
    );
    for (i, u) in units.iter().enumerate() {
        t.push_row(vec![
            row_number(i),
            Cell::text(&u.name),
            Cell::Date(u.due),
            Cell::date(u.received_on),
            u.days_late.map_or(Cell::Empty, Cell::Integer),
            Cell::text(if u.received_on.is_some() { "Nộp muộn" } else { "Chưa nộp" }),
        ]);
    }
    table_or(t, "Tất cả đơn vị đã nộp báo cáo tự kiểm tra đúng hạn.")
}

/// Points per field: maximum, self, appraised and the share achieved (the round report and the ad-hoc report).
pub(super) fn fields_table<'a>(title: &str, fields: impl IntoIterator<Item = &'a FieldResult>) -> Table {
    let mut t = Table::new(
        "linh_vuc",
        title,
        vec![
            Column::text("Mã").with_width(6.0),
            Column::text("Lĩnh vực").with_width(40.0),
            points_col("Điểm tối đa"),
            points_col("Điểm tự chấm"),
            points_col("Điểm thẩm định"),
            Column::percent("Tỷ lệ đạt"),
        ],
    );
    for f in fields {
        t.push_row(vec![
            Cell::text(&f.code),
            Cell::text(&f.title),
            Cell::Number(f.max),
            Cell::number(f.self_points),
            Cell::number(f.appraised_points),
            Cell::number(f.totals.ratio),
        ]);
    }
    t
}

/// `text` ending as a sentence does (a full stop added when it has no closing mark).
fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?', ';']) { text.to_owned() } else { format!("{text}.") }
}
