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
            "Tài liệu kiểm chứng: {backed}/{} nội dung tự chấm có điểm có tệp kiểm chứng{missing}.",
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
        let how = if s.seed_given {
            "hạt giống do đoàn chọn"
        } else {
            "hạt giống tính từ đợt, đơn vị, nội dung và danh sách"
        };
        let results: Vec<String> = s
            .files
            .iter()
            .map(|f| {
                let result = match f.compliant {
                    Some(true) => "đạt",
                    Some(false) => "không đạt",
                    None => "chưa kiểm tra",
                };
                let note = if f.note.is_empty() { String::new() } else { format!(" ({})", f.note) };
                format!("{} {result}{note}", f.code)
            })
            .collect();
        lines.push(format!(
            "Bóc mẫu hồ sơ nội dung {}: {} trong {} hồ sơ của danh sách «{}» (SHA-256 {}), chọn ngẫu nhiên bằng SplitMix64 với hạt giống {} ({how}); kết quả: {}; đạt {}.",
            s.criterion,
            s.files.len(),
            s.list_size,
            s.list_name,
            s.list_hash,
            s.seed,
            results.join("; "),
            c.figure()
        ));
    }
    Some(Section::new(number, "Tài liệu kiểm chứng, giải trình và bóc mẫu hồ sơ").with_block(Block::Bullets(lines)))
}
