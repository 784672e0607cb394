//! The year report's assessment drafts: Đợt 1 against Đợt 2, what stays open, and the next year's direction.

use crate::domain::assessment::TextSection;
use crate::domain::number::{percent, points, score};
use crate::domain::round::RoundKind;
use crate::report::model::year::{UnitChange, YearReport};

use super::assessment::{listed, named, proposal_sentence};
use super::proposals::answered_counts;

pub(super) fn draft(m: &YearReport, section: TextSection) -> Vec<String> {
    let mut fields: Vec<(&str, &str, f64)> = m
        .fields
        .iter()
        .filter_map(|f| Some((f.title.as_str(), f.code.as_str(), f.dot2.or(f.dot1)? / f.max * 100.0)))
        .filter(|f| f.2.is_finite())
        .collect();
    fields.sort_by(|a, b| b.2.total_cmp(&a.2));
    let ranked: Vec<_> = m.units.iter().filter(|u| u.dot2.or(u.dot1).is_some()).collect();
    let open: Vec<_> = m.remediation.findings.iter().filter(|f| !f.status.is_remediated()).collect();
    let mut out = Vec::new();
    match section {
        TextSection::UuDiem => {
            let ward = |kind| m.rounds.iter().find(|r| r.round.kind == kind).and_then(|r| r.ward.appraised_score);
            match (ward(RoundKind::Dot1), ward(RoundKind::Dot2)) {
                (Some(a), Some(b)) => out.push(format!(
                    "Điểm thẩm định toàn phường {} từ {} điểm (Đợt 1) lên {} điểm (Đợt 2).",
                    if b >= a { "tăng" } else { "giảm" },
                    score(a),
                    score(b)
                )),
                (Some(a), None) | (None, Some(a)) => {
                    out.push(format!("Điểm thẩm định toàn phường đạt {} điểm (thang 100).", score(a)))
                }
                _ => {}
            }
            let mut rising: Vec<_> = m.fields.iter().filter(|f| f.change.is_some_and(|c| c > 0.0)).collect();
            rising.sort_by(|a, b| b.change.unwrap_or(0.0).total_cmp(&a.change.unwrap_or(0.0)));
            if let Some(f) = rising.first() {
                out.push(format!(
                    "{} lĩnh vực có điểm Đợt 2 cao hơn Đợt 1; tăng nhiều nhất là {} (tăng {} điểm).",
                    rising.len(),
                    named(&f.title, &f.code),
                    points(f.change.unwrap_or_default())
                ));
            }
            if let Some(u) = ranked.first() {
                out.push(format!(
                    "Đơn vị xếp hạng cao nhất là {} ({} điểm).",
                    u.name,
                    score(u.dot2.or(u.dot1).unwrap_or_default())
                ));
            }
            let done = m.remediation.findings.len() - open.len();
            if !m.remediation.findings.is_empty() {
                out.push(format!(
                    "{done}/{} tồn tại, hạn chế, vi phạm trong năm đã được khắc phục.",
                    m.remediation.findings.len()
                ));
            }
            if !m.good_practices.is_empty() {
                out.push(format!("Trong năm ghi nhận {} mô hình, cách làm hay cần nhân rộng.", m.good_practices.len()));
            }
        }
        TextSection::HanChe => {
            if let Some((title, code, share)) = fields.last().filter(|_| fields.len() > 1) {
                out.push(format!(
                    "Lĩnh vực đạt tỷ lệ thấp nhất là {} ({}).",
                    named(title, code),
                    percent(share / 100.0)
                ));
            }
            let falling: Vec<String> = m
                .fields
                .iter()
                .filter(|f| f.change.is_some_and(|c| c < 0.0))
                .map(|f| format!("{} (giảm {} điểm)", named(&f.title, &f.code), points(-f.change.unwrap_or_default())))
                .collect();
            if !falling.is_empty() {
                out.push(format!("Lĩnh vực có điểm Đợt 2 thấp hơn Đợt 1: {}.", listed(&falling)));
            }
            if let [best, .., worst] = ranked.as_slice() {
                let value = |u: &&UnitChange| u.dot2.or(u.dot1).unwrap_or_default();
                out.push(format!(
                    "Đơn vị xếp hạng thấp nhất là {} ({} điểm), thấp hơn đơn vị cao nhất {} điểm.",
                    worst.name,
                    score(value(worst)),
                    score(value(best) - value(worst))
                ));
            }
            if !open.is_empty() {
                out.push(format!(
                    "Còn {} tồn tại, hạn chế, vi phạm chưa khắc phục xong, trong đó {} đã quá hạn.",
                    open.len(),
                    m.remediation.overdue
                ));
            }
        }
        TextSection::NguyenNhan => {
            if m.remediation.overdue > 0 {
                out.push(
                    "Một số đơn vị chưa quan tâm đúng mức việc khắc phục tồn tại sau kiểm tra, để quá hạn.".to_owned(),
                );
            }
            let (_, waiting) = answered_counts(&m.proposals);
            if waiting > 0 {
                out.push(format!(
                    "{waiting} kiến nghị, đề xuất của đơn vị chưa được trả lời, trong đó có nội dung thuộc thẩm quyền của cấp trên."
                ));
            }
        }
        TextSection::KienNghi => {
            if !open.is_empty() {
                out.push(format!(
                    "Đề nghị Chủ tịch UBND phường chỉ đạo các đơn vị hoàn thành khắc phục {} tồn tại, hạn chế, vi phạm còn lại.",
                    open.len()
                ));
            }
            out.extend(proposal_sentence(&m.proposals));
            if !m.officials.is_empty() {
                out.push(
                    "Sử dụng kết quả kiểm tra làm căn cứ đánh giá, xếp loại cán bộ, công chức, viên chức và xét thi đua, khen thưởng năm."
                        .to_owned(),
                );
            }
        }
        TextSection::PhuongHuong => {
            out.push(format!("Xây dựng, ban hành Kế hoạch kiểm tra cải cách hành chính năm {}.", m.year + 1));
            let low: Vec<String> = fields
                .iter()
                .rev()
                .take(2)
                .map(|(title, code, share)| format!("{} ({})", named(title, code), percent(share / 100.0)))
                .collect();
            if fields.len() > 2 {
                out.push(format!("Tập trung cải thiện các lĩnh vực đạt thấp: {}.", listed(&low)));
            }
            if !open.is_empty() {
                out.push(format!("Theo dõi, đôn đốc khắc phục dứt điểm {} tồn tại, hạn chế còn lại.", open.len()));
            }
            if !m.good_practices.is_empty() {
                out.push("Nhân rộng các mô hình, cách làm hay đã được ghi nhận trong năm.".to_owned());
            }
        }
    }
    if out.is_empty() {
        out.push("Chưa có số liệu để nhận xét.".to_owned());
    }
    out
}
