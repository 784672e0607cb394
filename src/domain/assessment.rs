//! The assessment a round or year report ends with (đánh giá chung, kiến nghị, phương hướng), and the units'
//! proposals it lists apart from shortcomings: the level they are addressed to and whether they were answered.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::Serialize;

/// A section of the assessment the secretary may write (`cchc report text set … --section`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
pub enum TextSection {
    /// Ưu điểm
    #[value(name = "uu-diem")]
    #[serde(rename = "uu-diem")]
    UuDiem,
    /// Tồn tại, hạn chế
    #[value(name = "han-che")]
    #[serde(rename = "han-che")]
    HanChe,
    /// Nguyên nhân
    #[value(name = "nguyen-nhan")]
    #[serde(rename = "nguyen-nhan")]
    NguyenNhan,
    /// Kiến nghị, đề xuất của Đoàn kiểm tra
    #[value(name = "kien-nghi")]
    #[serde(rename = "kien-nghi")]
    KienNghi,
    /// Phương hướng, nhiệm vụ năm sau (chỉ báo cáo năm)
    #[value(name = "phuong-huong")]
    #[serde(rename = "phuong-huong")]
    PhuongHuong,
}

impl TextSection {
    pub const ALL: [TextSection; 5] = [Self::UuDiem, Self::HanChe, Self::NguyenNhan, Self::KienNghi, Self::PhuongHuong];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::UuDiem => "uu-diem",
            Self::HanChe => "han-che",
            Self::NguyenNhan => "nguyen-nhan",
            Self::KienNghi => "kien-nghi",
            Self::PhuongHuong => "phuong-huong",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::UuDiem => "Ưu điểm",
            Self::HanChe => "Tồn tại, hạn chế",
            Self::NguyenNhan => "Nguyên nhân",
            Self::KienNghi => "Kiến nghị, đề xuất",
            Self::PhuongHuong => "Phương hướng, nhiệm vụ năm sau",
        }
    }

    /// The sections a report has: a round report has no "phương hướng" (the year report carries it).
    pub fn of_report(year: bool) -> &'static [TextSection] {
        if year { &Self::ALL } else { &Self::ALL[..4] }
    }
}

impl fmt::Display for TextSection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TextSection {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("mục «{s}» không hợp lệ (uu-diem, han-che, nguyen-nhan, kien-nghi, phuong-huong)"))
    }
}

/// The level a unit's proposal is addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
pub enum Level {
    /// UBND phường
    #[value(name = "phuong")]
    #[serde(rename = "phuong")]
    Phuong,
    /// Tỉnh (các sở, ngành, UBND tỉnh)
    #[value(name = "tinh")]
    #[serde(rename = "tinh")]
    Tinh,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Phuong => "phuong",
            Self::Tinh => "tinh",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Phuong => "UBND phường",
            Self::Tinh => "Tỉnh",
        }
    }

    /// The level a proposal names when none was recorded: "Đề nghị tỉnh …", "Sở …" go to the province, the rest
    /// to the ward.
    pub fn guess(text: &str) -> Level {
        let lower = text.to_lowercase();
        if ["tỉnh", "sở ", "trung ương"].iter().any(|w| lower.contains(w)) { Level::Tinh } else { Level::Phuong }
    }
}

impl FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "phuong" => Ok(Self::Phuong),
            "tinh" => Ok(Self::Tinh),
            _ => Err(format!("cấp «{s}» không hợp lệ (phuong, tinh)")),
        }
    }
}

/// The reason an ad-hoc round records when it answers a proposal or complaint (`round new --from-finding`); the
/// reports find the finding that started the round by it.
pub fn cause_reason(finding_id: &str, round_id: &str, unit: &str, text: &str) -> String {
    format!("{} (đợt {round_id}, đơn vị {unit}): {text}", cause_marker(finding_id))
}

/// The part of `cause_reason` that names the finding.
pub fn cause_marker(finding_id: &str) -> String {
    format!("{CAUSE} {finding_id}")
}

const CAUSE: &str = "Theo kiến nghị";

/// The findings a round's reason names as its cause (`cause_reason`): the id after each marker, up to " (" (an id
/// has no space).
pub fn cause_ids(reason: &str) -> impl Iterator<Item = &str> {
    reason.match_indices(CAUSE).filter_map(|(at, _)| {
        let rest = reason[at + CAUSE.len()..].strip_prefix(' ')?;
        rest.find(" (").map(|end| &rest[..end])
    })
}

/// A round's reason as people read it, said once: the proposal or complaint that `cause_reason` recorded (who,
/// when, what), without its ids and codes and without the note that introduced it, which tells the same matter
/// again; a reason without a recorded cause as written.
pub fn readable_reason(reason: &str) -> String {
    let Some(start) = reason.find(CAUSE) else { return reason.to_owned() };
    let Some(end) = reason[start..].find("): ") else { return reason.to_owned() };
    reason[start + end + 3..].trim().to_owned()
}

/// A section's text as stored for a report's scope (a round id, or a year such as `2026`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredText {
    pub section: TextSection,
    pub text: String,
    /// The program's draft, confirmed by the secretary as it stood.
    pub confirmed_draft: bool,
    pub updated_at: String,
    pub actor: String,
}

/// The level a proposal is addressed to and the answer given to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProposalAnswer {
    pub finding_id: String,
    pub addressed_to: Option<Level>,
    pub answer: Option<String>,
    pub answered_on: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_parse_and_the_round_report_has_no_phuong_huong() {
        for s in TextSection::ALL {
            assert_eq!(s.as_str().parse::<TextSection>(), Ok(s));
        }
        assert!("uu_diem".parse::<TextSection>().is_err());
        assert!(!TextSection::of_report(false).contains(&TextSection::PhuongHuong));
        assert_eq!(TextSection::of_report(true).len(), 5);
    }

    #[test]
    fn the_reason_people_read_has_no_codes() {
        let cause = cause_reason("2026-dot2-F06", "2026-dot2", "TTPVHCC", "Bà M. phản ánh hồ sơ trễ hẹn.");
        assert_eq!(readable_reason(&format!("Phiếu số 125. {cause}")), "Bà M. phản ánh hồ sơ trễ hẹn.");
        assert_eq!(readable_reason("Theo kế hoạch"), "Theo kế hoạch");
    }

    #[test]
    fn a_reason_names_the_findings_it_was_caused_by_and_no_other() {
        let one = cause_reason("2026-dot2-F11", "2026-dot2", "TTPVHCC", "Bà M. phản ánh (lần 2) hồ sơ trễ hẹn.");
        let two = cause_reason("2026-dot1-F1", "2026-dot1", "VHXH", "Đề nghị bổ sung kinh phí.");
        let reason = format!("Phiếu số 125. {one} {two}");
        assert_eq!(cause_ids(&reason).collect::<Vec<_>>(), ["2026-dot2-F11", "2026-dot1-F1"]);
        assert_eq!(cause_ids(&cause_reason("F1", "r", "u", "t")).collect::<Vec<_>>(), ["F1"]);
        assert_eq!(cause_ids("Theo kiến nghị của cử tri").count(), 0, "no id before « (»");
        assert_eq!(cause_ids("Theo kế hoạch").count(), 0);
    }

    #[test]
    fn the_level_is_guessed_from_the_text() {
        assert_eq!(Level::guess("Đề nghị tỉnh cho kéo dài thời gian giải ngân"), Level::Tinh);
        assert_eq!(Level::guess("Đề nghị Sở Tài chính hướng dẫn"), Level::Tinh);
        assert_eq!(Level::guess("Đề nghị UBND phường bố trí kinh phí"), Level::Phuong);
        assert_eq!(Level::guess("Đề nghị hỗ trợ kinh phí nâng cấp đường truyền tại bộ phận một cửa"), Level::Phuong);
    }
}

#[cfg(test)]
#[path = "assessment_tests.rs"]
mod boundary_tests;
