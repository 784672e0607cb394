//! Boundary tests of the directory rules: kinds and categories read from words or codes, the category an official
//! takes from the unit, the changes an edit shows, what an assignment without its official column keeps.

use super::*;

#[test]
fn every_unit_kind_is_read_from_its_code_or_its_words_and_shown_in_words() {
    for (code, label) in UNIT_KINDS {
        assert_eq!(unit_kind_code(code).as_deref(), Ok(*code));
        assert_eq!(unit_kind_code(label).as_deref(), Ok(*code));
        assert_eq!(unit_kind_code(&label.to_uppercase()).as_deref(), Ok(*code));
        assert_eq!(unit_kind_label(code), Some(*label));
    }
    assert_eq!(unit_kind_label("Cơ quan chuyên môn"), None, "words are no code");
}

#[test]
fn every_category_is_read_from_its_code_or_its_words() {
    let read: Vec<Option<&str>> = ["can-bo", "Công chức", " viên chức ", "NGUOI LAO DONG", "nguoi-lao-dong"]
        .into_iter()
        .map(category_code)
        .collect();
    assert_eq!(
        read,
        [Some("can-bo"), Some("cong-chuc"), Some("vien-chuc"), Some("nguoi-lao-dong"), Some("nguoi-lao-dong")]
    );
    for unknown in ["", "Hợp đồng", "vien chuc tap su"] {
        assert_eq!(category_code(unknown), None, "{unknown:?}");
    }
}

#[test]
fn a_category_is_shown_in_words_and_an_unknown_code_as_cong_chuc() {
    let shown: Vec<&str> =
        ["can-bo", "cong-chuc", "vien-chuc", "nguoi-lao-dong", "", "khac"].into_iter().map(category_label).collect();
    assert_eq!(shown, ["Cán bộ", "Công chức", "Viên chức", "Người lao động", "Công chức", "Công chức"]);
}

#[test]
fn an_official_without_a_category_takes_it_from_the_units_kind() {
    assert_eq!(category_of("", "don-vi-su-nghiep"), "vien-chuc");
    assert_eq!(category_of("", "co-quan-chuyen-mon"), "cong-chuc");
    assert_eq!(category_of("", ""), "cong-chuc");
    assert_eq!(category_of("nguoi-lao-dong", "don-vi-su-nghiep"), "nguoi-lao-dong", "the recorded one wins");
    assert_eq!(category_of("can-bo", "co-quan-chuyen-mon"), "can-bo");
}

#[test]
fn an_officials_changes_name_each_field_and_its_category_in_words() {
    let old = Official {
        code: "CB01".into(),
        name: "Nguyễn Văn An".into(),
        position: "Trưởng phòng".into(),
        unit_code: "KT".into(),
        category: "cong-chuc".into(),
    };
    assert!(old.changes_from(&old).is_empty());
    let new = Official {
        name: "Nguyễn Văn Ân".into(),
        position: String::new(),
        unit_code: "VHXH".into(),
        category: "vien-chuc".into(),
        ..old.clone()
    };
    let shown: Vec<String> = new.changes_from(&old).iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "Họ và tên: «Nguyễn Văn An» → «Nguyễn Văn Ân»",
            "Chức vụ: «Trưởng phòng» → (trống)",
            "Đơn vị: «KT» → «VHXH»",
            "Loại: «Công chức» → «Viên chức»",
        ]
    );
}

fn assignment(official: Option<&str>) -> Assignment {
    Assignment { criterion: "1.1".into(), unit_code: "KT".into(), official_code: official.map(str::to_owned) }
}

#[test]
fn an_assignment_without_its_official_column_keeps_the_stored_official() {
    let old = assignment(Some("CB01"));
    let edit = |official, given| AssignmentEdit { assignment: assignment(official), official_given: given };
    assert_eq!(edit(None, false).apply(Some(&old)), old, "column absent: kept");
    assert_eq!(edit(Some("CB02"), false).apply(Some(&old)), old, "column absent, whatever was read");
    assert_eq!(edit(None, true).apply(Some(&old)), assignment(None), "column given empty: cleared");
    assert_eq!(edit(Some("CB02"), true).apply(Some(&old)), assignment(Some("CB02")));
    assert_eq!(edit(Some("CB02"), false).apply(None), assignment(Some("CB02")), "nothing stored: as given");
    assert_eq!(edit(None, true).apply(None), assignment(None));
}
