//! Findings (kết luận kiểm tra) and their remediation: kinds, the status order, overdue.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
pub enum FindingKind {
    /// Điển hình: cách làm hay để giới thiệu, nhân rộng
    #[value(name = "dien-hinh")]
    #[serde(rename = "dien-hinh")]
    DienHinh,
    /// Tồn tại, hạn chế cần khắc phục
    #[value(name = "han-che")]
    #[serde(rename = "han-che")]
    HanChe,
    /// Vi phạm cần chấn chỉnh, khắc phục
    #[value(name = "vi-pham")]
    #[serde(rename = "vi-pham")]
    ViPham,
    /// Khó khăn, vướng mắc, đề xuất, kiến nghị cần trả lời
    #[value(name = "kien-nghi")]
    #[serde(rename = "kien-nghi")]
    KienNghi,
}

impl FindingKind {
    pub const ALL: [FindingKind; 4] =
        [FindingKind::DienHinh, FindingKind::HanChe, FindingKind::ViPham, FindingKind::KienNghi];

    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::DienHinh => "dien-hinh",
            FindingKind::HanChe => "han-che",
            FindingKind::ViPham => "vi-pham",
            FindingKind::KienNghi => "kien-nghi",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FindingKind::DienHinh => "Điển hình",
            FindingKind::HanChe => "Tồn tại, hạn chế",
            FindingKind::ViPham => "Vi phạm",
            FindingKind::KienNghi => "Kiến nghị, đề xuất",
        }
    }

    /// A shortcoming or violation: the unit must correct it (a proposal is answered, a good practice replicated).
    pub fn is_shortcoming(self) -> bool {
        matches!(self, FindingKind::HanChe | FindingKind::ViPham)
    }

    /// Whether its remediation is followed up (statuses, overdue, carry-over): shortcomings and violations only.
    /// A good practice is replicated and a proposal answered (`finding answer`): neither is ever "chưa khắc phục".
    pub fn is_followed_up(self) -> bool {
        self.is_shortcoming()
    }
}

impl FromStr for FindingKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FindingKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("loại kết luận «{s}» không hợp lệ (dien-hinh, han-che, vi-pham, kien-nghi)"))
    }
}

/// Remediation status, in the only order it may move: open → in progress → remediated → verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, clap::ValueEnum)]
pub enum FindingStatus {
    /// Mới ghi nhận, chưa khắc phục
    #[value(name = "mo")]
    #[serde(rename = "mo")]
    Mo,
    /// Đang khắc phục
    #[value(name = "dang-khac-phuc")]
    #[serde(rename = "dang-khac-phuc")]
    DangKhacPhuc,
    /// Đơn vị đã khắc phục, chờ đoàn kiểm tra xác minh
    #[value(name = "da-khac-phuc")]
    #[serde(rename = "da-khac-phuc")]
    DaKhacPhuc,
    /// Đoàn kiểm tra đã xác minh kết quả khắc phục
    #[value(name = "da-xac-minh")]
    #[serde(rename = "da-xac-minh")]
    DaXacMinh,
}

impl FindingStatus {
    pub const ALL: [FindingStatus; 4] =
        [FindingStatus::Mo, FindingStatus::DangKhacPhuc, FindingStatus::DaKhacPhuc, FindingStatus::DaXacMinh];

    pub fn as_str(self) -> &'static str {
        match self {
            FindingStatus::Mo => "mo",
            FindingStatus::DangKhacPhuc => "dang-khac-phuc",
            FindingStatus::DaKhacPhuc => "da-khac-phuc",
            FindingStatus::DaXacMinh => "da-xac-minh",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FindingStatus::Mo => "chưa khắc phục",
            FindingStatus::DangKhacPhuc => "đang khắc phục",
            FindingStatus::DaKhacPhuc => "đã khắc phục",
            FindingStatus::DaXacMinh => "đã xác minh",
        }
    }

    /// Whether the unit has done its part (remediated, verified or not yet): such a finding is never overdue.
    pub fn is_remediated(self) -> bool {
        self >= FindingStatus::DaKhacPhuc
    }
}

impl FromStr for FindingStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FindingStatus::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| {
            format!("trạng thái khắc phục «{s}» không hợp lệ (mo, dang-khac-phuc, da-khac-phuc, da-xac-minh)")
        })
    }
}

impl fmt::Display for FindingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The finding id: the round's id and a two-digit number within the round (`2026-dot1-F07`).
pub fn finding_id(round_id: &str, seq: i64) -> String {
    format!("{round_id}-F{seq:02}")
}

/// Status only moves forward, and steps may be skipped (a unit may remediate at once, and the team may verify
/// on the spot). Restating the current status is a progress note, allowed only with a note or evidence and
/// never after verification, which is final.
pub fn check_move(id: &str, from: FindingStatus, to: FindingStatus, has_note: bool) -> Result<(), String> {
    if from == FindingStatus::DaXacMinh {
        return Err(format!("kết luận {id} đã được xác minh khắc phục xong; không thay đổi trạng thái được nữa"));
    }
    if to < from {
        return Err(format!(
            "kết luận {id} đang «{}», không thể lùi về «{}»: trạng thái khắc phục chỉ đi tiếp \
             (chưa khắc phục → đang khắc phục → đã khắc phục → đã xác minh)",
            from.label(),
            to.label()
        ));
    }
    if to == from && !has_note {
        return Err(format!(
            "kết luận {id} đã ở trạng thái «{}»; muốn ghi nhận tiến độ hãy thêm --note hoặc --evidence",
            from.label()
        ));
    }
    Ok(())
}

/// Overdue is derived, never stored: a due date in the past and the unit has not remediated yet.
/// The due date itself is still in time.
pub fn is_overdue(due: Option<NaiveDate>, status: FindingStatus, today: NaiveDate) -> bool {
    due.is_some_and(|due| due < today) && !status.is_remediated()
}

/// Days past the due date (0 when not overdue).
pub fn days_overdue(due: Option<NaiveDate>, status: FindingStatus, today: NaiveDate) -> i64 {
    match due {
        Some(due) if is_overdue(Some(due), status, today) => (today - due).num_days(),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use FindingStatus::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn ids_have_two_digits() {
        assert_eq!(finding_id("2026-dot1", 7), "2026-dot1-F07");
        assert_eq!(finding_id("2026-dx1", 12), "2026-dx1-F12");
        assert_eq!(finding_id("2026-dot2", 123), "2026-dot2-F123");
    }

    #[test]
    fn status_moves_forward_and_may_skip() {
        assert!(check_move("F", Mo, DangKhacPhuc, false).is_ok());
        assert!(check_move("F", DangKhacPhuc, DaKhacPhuc, false).is_ok());
        assert!(check_move("F", DaKhacPhuc, DaXacMinh, false).is_ok());
        assert!(check_move("F", Mo, DaXacMinh, false).is_ok());
        assert!(check_move("F", Mo, DaKhacPhuc, false).is_ok());
    }

    #[test]
    fn backward_moves_and_changes_after_verification_are_refused() {
        let err = check_move("2026-dot1-F01", DaKhacPhuc, DangKhacPhuc, true).unwrap_err();
        assert!(err.contains("không thể lùi") && err.contains("2026-dot1-F01"), "{err}");
        assert!(check_move("F", DaXacMinh, DaXacMinh, true).unwrap_err().contains("đã được xác minh"));
        assert!(check_move("F", DaXacMinh, DangKhacPhuc, true).is_err());
    }

    #[test]
    fn restating_the_status_needs_a_note() {
        assert!(check_move("F", DangKhacPhuc, DangKhacPhuc, false).unwrap_err().contains("--note"));
        assert!(check_move("F", DangKhacPhuc, DangKhacPhuc, true).is_ok());
    }

    #[test]
    fn overdue_with_a_pinned_date() {
        let today = day(2026, 11, 28);
        assert!(is_overdue(Some(day(2026, 9, 30)), Mo, today));
        assert!(is_overdue(Some(day(2026, 11, 27)), DangKhacPhuc, today));
        assert!(!is_overdue(Some(day(2026, 11, 28)), Mo, today), "the due day itself is in time");
        assert!(!is_overdue(Some(day(2026, 12, 31)), Mo, today));
        assert!(!is_overdue(Some(day(2026, 9, 30)), DaKhacPhuc, today));
        assert!(!is_overdue(Some(day(2026, 9, 30)), DaXacMinh, today));
        assert!(!is_overdue(None, Mo, today));
        assert_eq!(days_overdue(Some(day(2026, 9, 30)), Mo, today), 59);
        assert_eq!(days_overdue(Some(day(2026, 9, 30)), DaKhacPhuc, today), 0);
    }

    #[test]
    fn kinds_and_statuses_round_trip() {
        for kind in FindingKind::ALL {
            assert_eq!(kind.as_str().parse::<FindingKind>(), Ok(kind));
        }
        for status in FindingStatus::ALL {
            assert_eq!(status.as_str().parse::<FindingStatus>(), Ok(status));
        }
        assert!("xyz".parse::<FindingKind>().is_err());
        assert!(!FindingKind::DienHinh.is_followed_up() && !FindingKind::KienNghi.is_followed_up());
        let shortcomings: Vec<_> = FindingKind::ALL.into_iter().filter(|k| k.is_shortcoming()).collect();
        assert_eq!(shortcomings, [FindingKind::HanChe, FindingKind::ViPham]);
    }
}

#[cfg(test)]
#[path = "finding_tests.rs"]
mod boundary_tests;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub id: String,
    pub round_id: String,
    pub seq: i64,
    pub unit_code: String,
    pub criterion: Option<String>,
    pub official_code: Option<String>,
    pub kind: FindingKind,
    pub text: String,
    pub recommendation: String,
    pub due: Option<NaiveDate>,
    pub status: FindingStatus,
    /// Where the finding came from when not typed by the team, e.g. `selfreport:VP:1.2.3`.
    pub source: Option<String>,
    pub created_at: String,
    /// The earlier proposal this one repeats (a `kien-nghi` only), linked by a person, never guessed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeats: Option<String>,
}

impl Finding {
    /// Past its due date and not remediated; a good practice is never overdue.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.kind.is_followed_up() && is_overdue(self.due, self.status, today)
    }

    /// Days past the due date, 0 when not overdue.
    pub fn days_overdue(&self, today: NaiveDate) -> i64 {
        if self.kind.is_followed_up() { days_overdue(self.due, self.status, today) } else { 0 }
    }
}

/// Whether `proposal` may be recorded as repeating `earlier`: both proposals of the same unit, the earlier one
/// made in a round that started before (`earlier_first`: that round starts first), and not itself a repeat (the
/// link names the first time it was made). The message says what to do.
pub fn check_repeat(proposal: &Finding, earlier: &Finding, earlier_first: bool) -> Result<(), String> {
    let id = &earlier.id;
    if proposal.kind != FindingKind::KienNghi || earlier.kind != FindingKind::KienNghi {
        return Err(format!(
            "chỉ kiến nghị, đề xuất (--kind kien-nghi) mới nhắc lại được kiến nghị khác; {id} là «{}»",
            earlier.kind.label()
        ));
    }
    if proposal.unit_code != earlier.unit_code {
        return Err(format!(
            "kiến nghị {id} là của đơn vị {}, không phải {}; chọn kiến nghị của cùng đơn vị (`cchc finding list --kind kien-nghi --unit {}`)",
            earlier.unit_code, proposal.unit_code, proposal.unit_code
        ));
    }
    if !earlier_first || earlier.round_id == proposal.round_id {
        return Err(format!(
            "kiến nghị {id} không thuộc một đợt trước đợt {}; chọn kiến nghị đã nêu ở đợt trước",
            proposal.round_id
        ));
    }
    if let Some(first) = &earlier.repeats {
        return Err(format!(
            "kiến nghị {id} cũng nhắc lại {first}; hãy liên kết thẳng với lần nêu đầu tiên: --repeats {first}"
        ));
    }
    Ok(())
}

/// One status change of a finding, with the round in which it was checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Shown under its finding, so left out of the JSON.
    #[serde(skip)]
    pub finding_id: String,
    pub at: String,
    pub status: FindingStatus,
    pub note: String,
    pub evidence: String,
    pub round_id: Option<String>,
    pub actor: String,
}
