//! Findings of a round (about six per unit) and the steps of their remediation, as the team records them.

use rusqlite::params;

use super::generator::{Leaf, Rng};
use super::{Gen, GenRound, answering, at, date, plus};
use cchc::bench::format_date as shown;

const GOOD: &[&str] = &[
    "Triển khai họp trực tuyến đến tất cả các bộ phận; giao ban hằng tuần tổ chức trực tuyến, tiết kiệm thời gian và chi phí.",
    "Bố trí công chức hướng dẫn người dân nộp hồ sơ trực tuyến ngay tại Bộ phận một cửa; tỷ lệ hồ sơ trực tuyến toàn trình tăng rõ rệt.",
    "Số hoá toàn bộ hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực, tái sử dụng dữ liệu, người dân không phải nộp lại giấy tờ.",
    "Lập nhóm Zalo «Hỏi đáp thủ tục hành chính» do công chức một cửa trả lời trong ngày.",
];
const SHORTCOMING: &[&str] = &[
    "Một số hồ sơ thủ tục hành chính giải quyết quá hạn nhưng chưa có văn bản xin lỗi người dân.",
    "Tỷ lệ hồ sơ trực tuyến toàn trình thấp hơn chỉ tiêu của tỉnh; thanh toán trực tuyến còn hạn chế.",
    "Chưa cập nhật kịp thời danh mục thủ tục hành chính niêm yết tại Bộ phận một cửa.",
    "Việc số hoá hồ sơ, kết quả giải quyết thủ tục hành chính chưa đầy đủ, còn tồn hồ sơ giấy giai đoạn trước.",
    "Hồ sơ lưu trữ chưa được chỉnh lý, sắp xếp theo quy định; chưa lập mục lục hồ sơ.",
    "Kế hoạch tuyên truyền cải cách hành chính ban hành chậm, nội dung còn chung chung.",
    "Trang thông tin điện tử chưa cập nhật đầy đủ văn bản chỉ đạo, điều hành.",
];
const VIOLATION: &[&str] = &[
    "Chưa công khai dự toán ngân sách năm đúng thời hạn quy định.",
    "Yêu cầu người dân bổ sung giấy tờ ngoài thành phần hồ sơ theo quy định.",
    "Công chức không đeo thẻ khi thi hành công vụ tại Bộ phận một cửa.",
    "Sử dụng tài sản công không đúng mục đích, chưa có quy chế quản lý, sử dụng.",
];
const PROPOSAL: &[&str] = &[
    "Đề nghị bố trí kinh phí nâng cấp máy scan, máy tính phục vụ số hoá hồ sơ.",
    "Đề nghị tổ chức tập huấn sử dụng Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh.",
    "Kiến nghị sớm hoàn thiện kết nối liên thông giữa phần mềm một cửa và cơ sở dữ liệu đất đai.",
    "Đề nghị bổ sung biên chế công chức Tư pháp - Hộ tịch cho bộ phận một cửa.",
];
const REMEDY: &[&str] = &[
    "Khẩn trương khắc phục, báo cáo kết quả về Phòng Văn hoá - Xã hội.",
    "Rà soát, bổ sung hồ sơ theo quy định; người đứng đầu chịu trách nhiệm trước Chủ tịch UBND.",
    "Chấn chỉnh, kiểm điểm trách nhiệm cá nhân liên quan; báo cáo bằng văn bản.",
];
const SPREAD: &str = "Giới thiệu cách làm để các đơn vị khác học tập, nhân rộng.";
const PROGRESS: &[&str] = &[
    "Đã ban hành kế hoạch khắc phục, phân công người thực hiện.",
    "Đang rà soát, bổ sung hồ sơ; dự kiến hoàn thành trong tháng.",
];
const DONE: &[&str] = &["Đã khắc phục xong, có báo cáo kèm theo.", "Đã hoàn thành, cập nhật đầy đủ trên hệ thống."];
const CHECKED: &str = "Đoàn kiểm tra đã xác minh tại đơn vị, kết quả đạt yêu cầu.";
const STATUSES: [&str; 4] = ["mo", "dang-khac-phuc", "da-khac-phuc", "da-xac-minh"];

pub fn write(g: &mut Gen, round: &GenRound, leaves: &[Leaf]) -> rusqlite::Result<()> {
    let tx = g.tx;
    let mut finding = tx.prepare(
        "INSERT INTO findings (id, round_id, seq, unit_code, criterion, official_code, kind, text, recommendation,
             due_date, status, source, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut event = tx.prepare(
        "INSERT INTO finding_events (finding_id, at, status, note, evidence, round_id, actor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    // Findings of a round early in the year have had time to be remediated, and are checked in the next one.
    let early = round.start < date(g.p.year, 9, 1);
    let last_day = date(g.p.year, 11, 27);
    let mut seq = 0i64;
    for &n in &round.units {
        let unit = super::generator::unit_code(n);
        for _ in 0..4 + g.rng.below(5) {
            seq += 1;
            let id = format!("{}-F{seq:02}", round.id);
            let leaf = g.rng.pick(leaves);
            let official = g.rng.chance(50).then(|| answering(n, &leaf.code));
            let (kind, text, remedy, due) = match g.rng.below(100) {
                0..15 => ("dien-hinh", *g.rng.pick(GOOD), SPREAD.to_owned(), None),
                15..65 => ("han-che", *g.rng.pick(SHORTCOMING), (*g.rng.pick(REMEDY)).to_owned(), Some(60)),
                65..80 => ("vi-pham", *g.rng.pick(VIOLATION), (*g.rng.pick(REMEDY)).to_owned(), Some(30)),
                _ => ("kien-nghi", *g.rng.pick(PROPOSAL), String::new(), Some(45)),
            };
            let source = (kind == "kien-nghi" && g.rng.chance(50)).then(|| format!("selfreport:{unit}:{}", leaf.code));
            let due = due.map(|days| plus(round.end, days + g.rng.below(30) as u64));
            let steps = if kind == "dien-hinh" { 0 } else { steps(&mut g.rng, early) };
            let created = at(round.end, seq as usize);
            finding.execute(params![
                id,
                round.id,
                seq,
                unit,
                leaf.code,
                official,
                kind,
                text,
                remedy,
                due.map(|d| d.to_string()),
                STATUSES[steps],
                source,
                created
            ])?;
            g.audit(&created, "add", "finding", &id, Some(&round.id), &format!(r#"{{"kind":"{kind}"}}"#))?;
            let mut day = round.end;
            for (step, status) in STATUSES.iter().enumerate().take(steps + 1).skip(1) {
                day = plus(day, 7 + g.rng.below(20) as u64).min(last_day);
                let (note, checked_in, actor) = match step {
                    1 => ((*g.rng.pick(PROGRESS)).to_owned(), None, "thư ký"),
                    2 => ((*g.rng.pick(DONE)).to_owned(), None, "thư ký"),
                    _ => (CHECKED.to_owned(), round.next.as_ref().map(|r| r.0.as_str()), "trưởng đoàn"),
                };
                if let (3, Some((_, start))) = (step, &round.next) {
                    day = plus(*start, 1);
                }
                let evidence = format!("Báo cáo số {}/BC-UBND ngày {}", 10 + g.rng.below(300), shown(day));
                let when = at(day, step);
                event.execute(params![id, when, status, note, evidence, checked_in, actor])?;
                let new = format!(r#"{{"status":"{status}"}}"#);
                g.audit(&when, "status", "finding", &id, Some(&round.id), &new)?;
                g.counts.events += 1;
            }
            g.counts.findings += 1;
        }
    }
    Ok(())
}

/// How far a finding's remediation went (an index into `STATUSES`).
fn steps(rng: &mut Rng, early: bool) -> usize {
    let roll = rng.below(100);
    if early {
        [15, 30, 55, 100].iter().position(|&p| roll < p).unwrap_or(0)
    } else {
        [60, 100].iter().position(|&p| roll < p).unwrap_or(0)
    }
}
