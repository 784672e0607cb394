//! Unit tests of the document's shared text helpers (date line, recipients, signature, headings).

use super::*;

fn letterhead(date: Option<NaiveDate>, month: Option<u32>) -> Letterhead {
    Letterhead {
        parent_body: None,
        issuing_body: "UBND PHƯỜNG THÀNH SEN".into(),
        number: "Số:      /BC-UBND".into(),
        place: "Thành Sen".into(),
        date,
        month,
        year: 2026,
        recipients: vec!["Sở Nội vụ (báo cáo);".into(), "Lưu: VT, VHXH".into()],
        signature: Signature {
            authority: Some("TM. ỦY BAN NHÂN DÂN".into()),
            delegation: None,
            title: "CHỦ TỊCH".into(),
            name: "Nguyễn Văn A".into(),
        },
    }
}

#[test]
fn date_line_pads_day_and_early_months() {
    let lh = letterhead(NaiveDate::from_ymd_opt(2026, 2, 5), None);
    assert_eq!(lh.date_line(), "Thành Sen, ngày 05 tháng 02 năm 2026");
    let lh = letterhead(NaiveDate::from_ymd_opt(2026, 11, 28), None);
    assert_eq!(lh.date_line(), "Thành Sen, ngày 28 tháng 11 năm 2026");
    let lh = letterhead(None, Some(6));
    assert_eq!(lh.date_line(), "Thành Sen, ngày      tháng 6 năm 2026");
    let lh = letterhead(None, None);
    assert_eq!(lh.date_line(), "Thành Sen, ngày      tháng      năm 2026");
}

#[test]
fn recipients_and_signature() {
    let lh = letterhead(None, None);
    assert_eq!(lh.recipient_lines(), ["- Sở Nội vụ (báo cáo);", "- Lưu: VT, VHXH."]);
    assert_eq!(lh.signature.lines(), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]);
}

#[test]
fn headings() {
    assert_eq!(Section::new("I", "KẾT QUẢ").heading(), "I. KẾT QUẢ");
    assert_eq!(Section::new("a)", "Ưu điểm").heading(), "a) Ưu điểm");
    assert_eq!(Section::new("", "Phụ lục").heading(), "Phụ lục");
}
