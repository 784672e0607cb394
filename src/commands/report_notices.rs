//! What a report says on stderr besides the report: provisional figures, drafts to confirm, findings left out for
//! being recorded after the as-of day, and the review points open before signing.

use chrono::NaiveDate;

use crate::commands::report_dates::DateArgs;
use crate::commands::review::drafts_point;
use crate::domain::date;
use crate::domain::sources::RecordedLater;
use crate::messages;
use crate::report::model::assessment::{AssessmentPart, drafts};

/// Warns that figures are provisional and which assessment sections are still the program's draft.
pub fn notices(scope: &str, provisional: Option<String>, parts: &[AssessmentPart]) {
    if let Some(what) = provisional {
        messages::warn(format!("{what}: báo cáo ghi rõ trên trang đầu rằng số liệu có thể còn thay đổi."));
    }
    let drafts = drafts(parts);
    if !drafts.is_empty() {
        messages::warn(format!(
            "các mục đánh giá còn là dự thảo của phần mềm: {}. Viết lại bằng `cchc report text set {scope} --section MỤC --text \"…\"` (hoặc --file TỆP), hoặc xác nhận bản dự thảo bằng `cchc report text confirm {scope} --all`.",
            drafts.join(", ")
        ));
    }
}

/// How many review points are open before signing (`stored`: how many `review::count_stored_points` found; the
/// report's drafts are added here), and the command that lists them.
pub fn review_notice(scope: &str, dates: &DateArgs, stored: usize, parts: &[AssessmentPart]) {
    let open = stored + usize::from(drafts_point(scope, parts).is_some());
    if open > 0 {
        let mut command = format!("cchc review {scope}");
        for (flag, day) in [("--as-of", dates.as_of), ("--date", dates.date)] {
            if let Some(day) = day {
                command.push_str(&format!(" {flag} {}", date::format(day)));
            }
        }
        messages::warn(format!("còn {open} điểm cần xem lại trước khi ký; xem: `{command}`"));
    }
}

/// Says how many findings a report as of `as_of` leaves out for being recorded after it, and the as-of date that
/// takes them in.
pub fn recorded_later_notice(later: RecordedLater, as_of: NaiveDate) {
    let Some(latest) = later.latest.filter(|_| later.count > 0) else { return };
    messages::warn(format!(
        "{} kết luận ghi sau ngày {} không có trong báo cáo (báo cáo lập theo số liệu đến hết ngày đó); lập lại với --as-of {} để đưa vào.",
        later.count,
        date::format(as_of),
        date::format(latest)
    ));
}
