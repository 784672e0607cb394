//! Boundary tests of the assessment's words: the headings a report prints for each section, the codes a command
//! takes, the levels a proposal is addressed to.

use super::*;

#[test]
fn each_section_has_the_heading_the_report_prints_and_the_code_a_command_takes() {
    let shown: Vec<(String, &str)> = TextSection::ALL.iter().map(|s| (s.to_string(), s.title())).collect();
    assert_eq!(
        shown,
        [
            ("uu-diem".to_owned(), "Ưu điểm"),
            ("han-che".to_owned(), "Tồn tại, hạn chế"),
            ("nguyen-nhan".to_owned(), "Nguyên nhân"),
            ("kien-nghi".to_owned(), "Kiến nghị, đề xuất"),
            ("phuong-huong".to_owned(), "Phương hướng, nhiệm vụ năm sau"),
        ]
    );
    assert_eq!(TextSection::of_report(false), &TextSection::ALL[..4], "a round report: all but phương hướng");
    assert_eq!(TextSection::of_report(true), &TextSection::ALL);
}

#[test]
fn each_level_is_stored_shown_and_read_back() {
    for (level, stored, shown) in [(Level::Phuong, "phuong", "UBND phường"), (Level::Tinh, "tinh", "Tỉnh")] {
        assert_eq!((level.as_str(), level.label()), (stored, shown));
        assert_eq!(stored.parse(), Ok(level), "read back as stored");
    }
    assert_eq!("xa".parse::<Level>(), Err("cấp «xa» không hợp lệ (phuong, tinh)".to_owned()));
    assert!("Tinh".parse::<Level>().is_err(), "codes are exact");
}
