//! The round report's assessment drafts, from the team to the Chairman. Ưu điểm holds only strengths (a share at
//! least `STRONG`), ties are told as ties, lists stop at five, and nguyên nhân is left to the secretary where the
//! data say nothing about causes.

use crate::domain::assessment::TextSection;
use crate::domain::date;
use crate::domain::number::{percent, points, score};
use crate::domain::round::RoundKind;
use crate::report::model::round::{CarryOver, RoundReport};

use super::assessment::proposal_sentence;
use super::prose::{leaders, listed, loss_groups, named, placeholder, quoted, strong_unit, tie};

/// A score (on 100) or a share (in %) from which a result is a strength.
pub const STRONG: f64 = 90.0;
/// The share of earlier findings remedied from which remediation is a strength.
const MOSTLY: f64 = 0.8;

/// The cause sections the data cannot fill: the secretary writes them.
pub fn causes(objective: Vec<String>, subjective: Vec<String>) -> Vec<String> {
    let part = |label: &str, found: Vec<String>, gap: &str| {
        if found.is_empty() {
            format!("{label}: {}", placeholder(gap))
        } else {
            format!("{label}: {}", found.join("; "))
        }
    };
    vec![
        part(
            "Nguyên nhân khách quan",
            objective,
            "Thư ký ghi nguyên nhân khách quan; số liệu kiểm tra không cho biết nguyên nhân này",
        ),
        part(
            "Nguyên nhân chủ quan",
            subjective,
            "Thư ký ghi nguyên nhân chủ quan; số liệu kiểm tra không cho biết nguyên nhân này",
        ),
    ]
    .into_iter()
    .map(|s| format!("{}.", s.trim_end_matches('.')))
    .collect()
}

pub(super) fn draft(m: &RoundReport, section: TextSection) -> Vec<String> {
    if m.round.kind == RoundKind::DotXuat {
        return adhoc(m, section);
    }
    let mut fields: Vec<(String, f64)> =
        m.fields.iter().filter_map(|f| Some((named(&f.title, &f.code), f.totals.appraised_score?))).collect();
    fields.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut units: Vec<(String, f64)> =
        m.units.iter().filter_map(|u| Some((u.name.clone(), u.totals.appraised_score?))).collect();
    units.sort_by(|a, b| b.1.total_cmp(&a.1));
    let names = |v: &[(String, f64)]| v.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    let mut out = Vec::new();
    match section {
        TextSection::UuDiem => {
            if let Some(a) = m.ward.appraised_score.filter(|a| *a >= STRONG) {
                out.push(format!("Điểm thẩm định toàn phường đạt {} điểm (thang 100).", score(a)));
            }
            let strong: Vec<_> = fields.iter().filter(|f| f.1 >= STRONG).cloned().collect();
            if !strong.is_empty() {
                let shown: Vec<String> = strong.iter().map(|(n, v)| format!("{n} ({})", percent(v / 100.0))).collect();
                out.push(format!(
                    "Lĩnh vực đạt từ {} trở lên: {}.",
                    percent(STRONG / 100.0),
                    listed(&shown, "lĩnh vực")
                ));
            }
            let owed = || m.carry_over.iter().map(|c| &c.finding).chain(&m.shortcomings);
            let mut high: Vec<(&str, &str, f64)> = m
                .units
                .iter()
                .filter_map(|u| Some((u.name.as_str(), u.code.as_str(), u.totals.appraised_score?)))
                .filter(|u| u.2 >= STRONG)
                .collect();
            high.sort_by(|a, b| b.2.total_cmp(&a.2));
            let high: Vec<String> = high.iter().map(|(n, c, v)| strong_unit(n, c, *v, owed())).collect();
            if !high.is_empty() {
                out.push(format!(
                    "Đơn vị đạt từ {} điểm trở lên (thang 100): {}.",
                    score(STRONG),
                    listed(&high, "đơn vị")
                ));
            }
            if !m.good_practices.is_empty() {
                out.push(format!(
                    "Đoàn kiểm tra ghi nhận {} mô hình, cách làm hay cần nhân rộng (mục III).",
                    m.good_practices.len()
                ));
            }
            let done = m.carry_over.iter().filter(|c| c.finding.status.is_remediated()).count();
            if !m.carry_over.is_empty() && done as f64 >= MOSTLY * m.carry_over.len() as f64 {
                let on_time = m.carry_over.iter().filter(|c| on_time(c)).count();
                out.push(format!(
                    "Việc khắc phục tồn tại của các đợt trước được quan tâm: đã khắc phục {done} trên {}, trong đó {on_time} đúng hạn.",
                    m.carry_over.len()
                ));
            }
            let on_time = m.selfreports_received - m.late_units.iter().filter(|l| l.received_on.is_some()).count();
            if m.units_in_scope > 0 && on_time == m.units_in_scope {
                out.push("Các đơn vị gửi báo cáo tự kiểm tra đúng hạn.".to_owned());
            }
        }
        TextSection::HanChe => {
            if fields.len() > 1 {
                let mut low = fields.clone();
                low.reverse();
                let lowest = leaders(&low, |f| f.1);
                let best = fields[0].1;
                out.push(format!(
                    "Đạt tỷ lệ thấp nhất là {}, thấp hơn lĩnh vực cao nhất {} điểm phần trăm.",
                    tie("lĩnh vực", "đạt", &names(lowest), &percent(lowest[0].1 / 100.0)),
                    points(best - lowest[0].1)
                ));
            }
            if units.len() > 1 {
                let mut low = units.clone();
                low.reverse();
                let lowest = leaders(&low, |u| u.1);
                out.push(format!(
                    "Đạt điểm thấp nhất là {}, thấp hơn đơn vị cao nhất {} điểm (thang 100).",
                    tie("đơn vị", "đạt", &names(lowest), &format!("{} điểm", score(lowest[0].1))),
                    score(units[0].1 - lowest[0].1)
                ));
            }
            let losses: Vec<(String, f64)> =
                m.item_losses.iter().map(|l| (named(&l.title, &l.criterion), l.lost)).collect();
            let groups = loss_groups(&losses, 2);
            if !groups.is_empty() {
                out.push(format!(
                    "Nội dung bị trừ nhiều điểm nhất (điểm của nội dung, cộng ở mọi đơn vị): {}.",
                    groups.join("; ")
                ));
            }
            out.extend(self_over(m));
            let notes: Vec<String> = m
                .recurring_notes
                .iter()
                .filter(|n| n.items > 1)
                .map(|n| format!("{} ({} nội dung)", quoted(&n.note), n.items))
                .collect();
            if !notes.is_empty() {
                out.push(format!("Nhận xét Đoàn kiểm tra nêu ở nhiều nội dung: {}.", listed(&notes, "nhận xét")));
            }
            if !m.shortcomings.is_empty() {
                out.push(format!(
                    "Đoàn kiểm tra ghi nhận {} tồn tại, hạn chế, vi phạm cần khắc phục (mục IV).",
                    m.shortcomings.len()
                ));
            }
            let open: Vec<_> = m.carry_over.iter().filter(|c| !c.finding.status.is_remediated()).collect();
            if !open.is_empty() {
                let overdue = open.iter().filter(|c| c.finding.days_overdue.is_some()).count();
                out.push(format!(
                    "Còn {} trên {} tồn tại, hạn chế của các đợt trước chưa khắc phục xong, trong đó {overdue} đã quá hạn.",
                    open.len(),
                    m.carry_over.len()
                ));
            }
            let late: Vec<String> = m
                .late_units
                .iter()
                .map(|l| match l.days_late {
                    Some(days) => format!("{} (muộn {days} ngày)", l.name),
                    None => format!("{} (chưa gửi)", l.name),
                })
                .collect();
            if !late.is_empty() {
                out.push(format!("Đơn vị gửi báo cáo tự kiểm tra muộn hoặc chưa gửi: {}.", listed(&late, "đơn vị")));
            }
        }
        TextSection::NguyenNhan => {
            let mut subjective = Vec::new();
            if !m.late_units.is_empty() {
                subjective.push("một số đơn vị chưa chấp hành nghiêm thời hạn gửi báo cáo tự kiểm tra".to_owned());
            }
            if m.carry_over.iter().any(|c| c.finding.days_overdue.is_some()) {
                subjective
                    .push("việc khắc phục tồn tại sau kiểm tra chưa được quan tâm đúng mức, để quá hạn".to_owned());
            }
            out = causes(Vec::new(), subjective);
        }
        TextSection::KienNghi => {
            if !m.shortcomings.is_empty() {
                out.push(format!(
                    "Đề nghị Chủ tịch UBND phường chỉ đạo các đơn vị khắc phục {} tồn tại, hạn chế, vi phạm nêu tại mục IV đúng thời hạn.",
                    m.shortcomings.len()
                ));
            }
            let overdue = m.carry_over.iter().filter(|c| c.finding.days_overdue.is_some()).count();
            if overdue > 0 {
                out.push(format!(
                    "Yêu cầu các đơn vị hoàn thành ngay {overdue} tồn tại của các đợt trước đã quá hạn khắc phục."
                ));
            }
            if !m.good_practices.is_empty() {
                out.push(
                    "Giới thiệu, nhân rộng các mô hình, cách làm hay đã nêu đến các phòng, cơ quan, đơn vị.".to_owned(),
                );
            }
            out.extend(proposal_sentence(&m.proposals));
            if fields.len() > 1 {
                let mut low = fields.clone();
                low.reverse();
                let lowest = leaders(&low, |f| f.1);
                out.push(format!(
                    "Tập trung chỉ đạo {} trong thời gian tới.",
                    tie("lĩnh vực", "đạt", &names(lowest), &percent(lowest[0].1 / 100.0))
                ));
            }
        }
        TextSection::PhuongHuong => {}
    }
    if out.is_empty() {
        out.push(placeholder("Số liệu của đợt không cho nội dung này; thư ký ghi hoặc ghi “Không có”"));
    }
    out
}

/// Units that graded themselves above the appraisal, compared on the items they scored themselves.
fn self_over(m: &RoundReport) -> Option<String> {
    let mut over: Vec<_> = m.units.iter().filter(|u| u.totals.difference.is_some_and(|d| d < 0.0)).collect();
    over.sort_by(|a, b| a.totals.difference.unwrap_or(0.0).total_cmp(&b.totals.difference.unwrap_or(0.0)));
    let u = over.first()?;
    let who = match over.len() {
        1 => format!("Đơn vị {} tự chấm cao hơn kết quả thẩm định", u.name),
        n => format!("Có {n} đơn vị tự chấm cao hơn kết quả thẩm định; chênh lệch nhiều nhất là {}", u.name),
    };
    Some(format!(
        "{who} (thang 100, trên {} nội dung đơn vị tự chấm: tự chấm {}, thẩm định {}, chênh {} điểm).",
        u.totals.items_compared,
        score(u.totals.self_score.unwrap_or_default()),
        score(u.totals.appraised_compared.unwrap_or_default()),
        score(-u.totals.difference.unwrap_or_default())
    ))
}

/// An ad-hoc round looks at one matter in one or a few units: what the team concluded and what it requires.
fn adhoc(m: &RoundReport, section: TextSection) -> Vec<String> {
    let mut out = Vec::new();
    match section {
        TextSection::UuDiem => {
            for u in m.units.iter().filter(|u| u.totals.appraised_score.is_some_and(|s| s >= STRONG)) {
                out.push(format!(
                    "{} thực hiện tốt nội dung được kiểm tra ({} điểm, thang 100).",
                    u.name,
                    score(u.totals.appraised_score.unwrap_or_default())
                ));
            }
            if !m.good_practices.is_empty() {
                out.push(format!("Đoàn kiểm tra ghi nhận {} cách làm hay (mục II).", m.good_practices.len()));
            }
        }
        TextSection::HanChe => {
            let said: Vec<String> = m
                .shortcomings
                .iter()
                .map(|f| {
                    format!(
                        "{} – {}: {}",
                        f.unit_name,
                        f.kind_label.to_lowercase(),
                        f.text.trim().trim_end_matches('.')
                    )
                })
                .collect();
            if !said.is_empty() {
                out.push(format!("Đoàn kiểm tra kết luận: {}.", listed(&said, "nội dung")));
            }
        }
        TextSection::NguyenNhan => out = causes(Vec::new(), Vec::new()),
        TextSection::KienNghi => {
            for f in m.shortcomings.iter().take(super::prose::MAX_LISTED) {
                let by = f.due_date.map(|d| format!(", hoàn thành trước ngày {}", date::format(d))).unwrap_or_default();
                let what = f.recommendation.trim().trim_end_matches('.');
                let what = if what.is_empty() { "khắc phục tồn tại, vi phạm đã nêu" } else { what };
                out.push(format!(
                    "Đề nghị Chủ tịch UBND phường chỉ đạo {}: {}{by}, báo cáo kết quả về bộ phận thường trực cải cách hành chính phường.",
                    f.unit_name,
                    super::assessment_doc::first_lower(what)
                ));
            }
            if m.shortcomings.len() > super::prose::MAX_LISTED {
                out.push(format!(
                    "Các yêu cầu khác theo mục IV ({} nội dung).",
                    m.shortcomings.len() - super::prose::MAX_LISTED
                ));
            }
        }
        TextSection::PhuongHuong => {}
    }
    if out.is_empty() && section != TextSection::NguyenNhan {
        out.push(placeholder("Số liệu của đợt không cho nội dung này; thư ký ghi hoặc ghi “Không có”"));
    }
    out
}

/// Remediated by its due date (or without one).
fn on_time(c: &CarryOver) -> bool {
    let Some(due) = c.finding.due_date else { return true };
    c.events
        .iter()
        .find(|e| e.status.is_remediated())
        .and_then(|e| chrono::NaiveDate::parse_from_str(e.at.get(..10)?, "%Y-%m-%d").ok())
        .is_some_and(|done| done <= due)
}
