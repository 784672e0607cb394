//! The year report's assessment drafts: Đợt 1 against Đợt 2, what stays open, and the next year's direction.

use crate::domain::assessment::{Level, TextSection};
use crate::domain::number::score;
use crate::domain::round::RoundKind;
use crate::report::model::year::YearReport;

use super::assessment_round::{STRONG, causes};
use super::proposals::by_level;
use super::prose::{leaders, listed, named, placeholder, strong_unit, tie};

pub(super) fn draft(m: &YearReport, section: TextSection) -> Vec<String> {
    // On the 100-point scale, as the chart table under the fields prints them.
    let mut fields: Vec<(String, f64)> =
        m.fields.iter().filter_map(|f| Some((named(&f.title, &f.code), f.dot2_score.or(f.dot1_score)?))).collect();
    fields.sort_by(|a, b| b.1.total_cmp(&a.1));
    let changes: Vec<(String, f64)> =
        m.fields.iter().filter_map(|f| Some((named(&f.title, &f.code), f.dot2_score? - f.dot1_score?))).collect();
    let ranked: Vec<(String, f64)> =
        m.units.iter().filter_map(|u| Some((u.name.clone(), u.dot2.or(u.dot1)?))).collect();
    let names = |v: &[(String, f64)]| v.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    let open: Vec<_> = m.remediation.findings.iter().filter(|f| !f.status.is_remediated()).collect();
    let ward = |kind| m.rounds.iter().find(|r| r.round.kind == kind).and_then(|r| r.ward.appraised_score);
    let wards = (ward(RoundKind::Dot1), ward(RoundKind::Dot2));
    let mut out = Vec::new();
    match section {
        TextSection::UuDiem => {
            match wards {
                (Some(a), Some(b)) if b > a => out.push(format!(
                    "Điểm thẩm định toàn phường (thang 100) tăng từ {} điểm (Đợt 1) lên {} điểm (Đợt 2).",
                    score(a),
                    score(b)
                )),
                (Some(a), None) | (None, Some(a)) if a >= STRONG => {
                    out.push(format!("Điểm thẩm định toàn phường đạt {} điểm (thang 100).", score(a)))
                }
                _ => {}
            }
            let mut rising: Vec<(String, f64)> = changes.iter().filter(|c| c.1 > 0.0).cloned().collect();
            rising.sort_by(|a, b| b.1.total_cmp(&a.1));
            if !rising.is_empty() {
                let most = leaders(&rising, |c| c.1);
                let amount = format!("{} điểm", score(most[0].1));
                out.push(match rising.len() {
                    1 => format!(
                        "Lĩnh vực {} có điểm Đợt 2 cao hơn Đợt 1 (quy về thang 100), tăng {amount}.",
                        rising[0].0
                    ),
                    n => format!(
                        "Có {n} lĩnh vực có điểm Đợt 2 cao hơn Đợt 1 (so sánh trên thang 100); tăng nhiều nhất là {}.",
                        tie("lĩnh vực", "tăng", &names(most), &amount)
                    ),
                });
            }
            let high: Vec<String> = m
                .units
                .iter()
                .filter_map(|u| Some((u, u.dot2.or(u.dot1)?)))
                .filter(|(_, v)| *v >= STRONG)
                .map(|(u, v)| strong_unit(&u.name, &u.code, v, &m.remediation.findings))
                .collect();
            if !high.is_empty() {
                out.push(format!(
                    "Đơn vị đạt từ {} điểm trở lên (thang 100): {}.",
                    score(STRONG),
                    listed(&high, "đơn vị")
                ));
            }
            let total = m.remediation.findings.len();
            let done = total - open.len();
            if total > 0 && done as f64 >= 0.8 * total as f64 {
                out.push(format!("Đã khắc phục {done} trên {total} tồn tại, hạn chế, vi phạm được chỉ ra trong năm."));
            }
            if !m.good_practices.is_empty() {
                out.push(format!("Trong năm ghi nhận {} mô hình, cách làm hay cần nhân rộng.", m.good_practices.len()));
            }
        }
        TextSection::HanChe => {
            if let (Some(a), Some(b)) = wards
                && b < a
            {
                out.push(format!(
                    "Điểm thẩm định toàn phường (thang 100) giảm từ {} điểm (Đợt 1) xuống {} điểm (Đợt 2).",
                    score(a),
                    score(b)
                ));
            }
            if fields.len() > 1 {
                let mut low = fields.clone();
                low.reverse();
                let lowest = leaders(&low, |f| f.1);
                out.push(format!(
                    "Đạt thấp nhất (quy về thang 100) là {}.",
                    tie("lĩnh vực", "đạt", &names(lowest), &format!("{} điểm", score(lowest[0].1)))
                ));
            }
            let mut falling: Vec<(String, f64)> = changes.iter().filter(|c| c.1 < 0.0).cloned().collect();
            falling.sort_by(|a, b| a.1.total_cmp(&b.1));
            let falling: Vec<String> = falling.iter().map(|(n, c)| format!("{n} (giảm {} điểm)", score(-c))).collect();
            if !falling.is_empty() {
                out.push(format!(
                    "Lĩnh vực có điểm Đợt 2 thấp hơn Đợt 1 (quy về thang 100): {}.",
                    listed(&falling, "lĩnh vực")
                ));
            }
            if ranked.len() > 1 {
                let mut low = ranked.clone();
                low.sort_by(|a, b| a.1.total_cmp(&b.1));
                let lowest = leaders(&low, |u| u.1);
                let best = ranked.iter().map(|u| u.1).fold(f64::MIN, f64::max);
                out.push(format!(
                    "Xếp hạng thấp nhất là {}, thấp hơn đơn vị cao nhất {} điểm (thang 100).",
                    tie("đơn vị", "đạt", &names(lowest), &format!("{} điểm", score(lowest[0].1))),
                    score(best - lowest[0].1)
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
            let mut subjective = Vec::new();
            if m.remediation.overdue > 0 {
                subjective.push(
                    "một số đơn vị chưa quan tâm đúng mức việc khắc phục tồn tại sau kiểm tra, để quá hạn".to_owned(),
                );
            }
            out = causes(Vec::new(), subjective);
        }
        TextSection::KienNghi => {
            // The year report goes up, from the UBND to the province: it asks the province, never its own signer.
            let province = by_level(&m.proposals).get(&Level::Tinh).copied().unwrap_or(0);
            if province > 0 {
                out.push(format!(
                    "Đề nghị UBND tỉnh, Sở Nội vụ và các sở, ngành liên quan xem xét, giải quyết {province} kiến nghị, đề xuất của các đơn vị thuộc thẩm quyền của tỉnh chưa được trả lời (mục VII)."
                ));
            }
            out.push(placeholder("Thư ký ghi kiến nghị khác với UBND tỉnh, Sở Nội vụ, nếu có"));
        }
        TextSection::PhuongHuong => {
            out.push(format!("Xây dựng, ban hành Kế hoạch kiểm tra cải cách hành chính năm {}.", m.year + 1));
            let low: Vec<String> =
                fields.iter().rev().take(2).map(|(n, v)| format!("{n} ({} điểm)", score(*v))).collect();
            if fields.len() > 2 {
                out.push(format!(
                    "Tập trung cải thiện các lĩnh vực đạt thấp (thang 100): {}.",
                    listed(&low, "lĩnh vực")
                ));
            }
            if !open.is_empty() {
                out.push(format!(
                    "Chỉ đạo các đơn vị khắc phục dứt điểm {} tồn tại, hạn chế, vi phạm còn lại.",
                    open.len()
                ));
            }
            let ward_level = by_level(&m.proposals).get(&Level::Phuong).copied().unwrap_or(0);
            if ward_level > 0 {
                out.push(format!(
                    "Xem xét, trả lời {ward_level} kiến nghị, đề xuất của các đơn vị thuộc thẩm quyền của phường."
                ));
            }
            if !m.good_practices.is_empty() {
                out.push("Nhân rộng các mô hình, cách làm hay đã được ghi nhận trong năm.".to_owned());
            }
            if !m.officials.is_empty() {
                out.push(
                    "Sử dụng kết quả kiểm tra làm căn cứ đánh giá, xếp loại cán bộ, công chức, viên chức và xét thi đua, khen thưởng."
                        .to_owned(),
                );
            }
        }
    }
    if out.is_empty() {
        out.push(placeholder("Số liệu trong năm không cho nội dung này; thư ký ghi hoặc ghi “Không có”"));
    }
    out
}
