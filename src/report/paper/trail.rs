//! The paper trail in a unit's minutes: how many items that claim points are backed by files, which are not
//! ("chưa có tài liệu kiểm chứng"), what the unit was asked to clarify and its answers as of the meeting, and each
//! sample of case files (how drawn, which files, the result of each).

use crate::domain::date;
use crate::domain::evidence::{Backing, PaperTrail};
use crate::report::document::{Block, Section};

/// The subsection, or `None` when the unit has no files, requests or samples in the round.
pub fn section(number: &str, t: &PaperTrail) -> Option<Section> {
    if t.is_empty() {
        return None;
    }
    let mut lines = Vec::new();
    let claimed: Vec<_> = t.items.iter().filter(|i| i.claims_points()).collect();
    if !claimed.is_empty() {
        let backed = claimed.iter().filter(|i| i.backing() == Backing::Files).count();
        let missing: Vec<&str> =
            claimed.iter().filter(|i| i.backing() == Backing::Nothing).map(|i| i.criterion.as_str()).collect();
        let missing = if missing.is_empty() {
            String::new()
        } else {
            format!("; chưa có tài liệu kiểm chứng: nội dung {}", missing.join(", "))
        };
        lines.push(format!(
            "Tài liệu kiểm chứng: đơn vị đã gửi tệp tài liệu kiểm chứng cho {backed} trong số {} nội dung tự chấm có điểm{missing}.",
            claimed.len()
        ));
    }
    for c in t.clarifications.iter().filter(|c| c.asked_on <= t.as_of) {
        let item = c.criterion.as_deref().map(|i| format!(" (nội dung {i})")).unwrap_or_default();
        let due = c.due.map(|d| format!(", hạn {}", date::format(d))).unwrap_or_default();
        let answer = match c.answered_by(t.as_of) {
            Some(a) => format!("Đơn vị giải trình ngày {}: {}", date::format(a.on), a.text),
            None => "Đơn vị chưa giải trình.".to_owned(),
        };
        lines.push(format!("Yêu cầu giải trình{item}{due}: {} {answer}", c.question));
    }
    for s in &t.samples {
        let c = s.compliance();
        let results: Vec<String> = s
            .files
            .iter()
            .map(|f| {
                let result = match f.compliant {
                    Some(true) => "đạt",
                    Some(false) => "không đạt",
                    None => "chưa kiểm tra",
                };
                let note = match f.note.trim().trim_end_matches('.') {
                    "" => String::new(),
                    n => format!(" ({n})"),
                };
                format!("{} {result}{note}", f.code)
            })
            .collect();
        // How the files were drawn (list, hash, seed) stays in `cchc sample show`: the minutes say what was checked.
        lines.push(format!(
            "Kiểm tra xác suất hồ sơ thuộc nội dung {}: Đoàn kiểm tra chọn ngẫu nhiên {} trong số {} hồ sơ của đơn vị (danh sách và cách chọn lưu kèm hồ sơ kiểm tra): {}. Kết quả: {} hồ sơ đạt.",
            s.criterion,
            s.files.len(),
            s.list_size,
            results.join("; "),
            c.figure()
        ));
    }
    Some(
        Section::new(number, "Tài liệu kiểm chứng, giải trình và kiểm tra xác suất hồ sơ")
            .with_block(Block::Bullets(lines)),
    )
}
