//! Lists that round-trip through Excel: `unit|official|assign list --format csv|xlsx` write the headers and values
//! the matching `import` reads; exported, edited and imported again, only the edit changes.

use crate::common::Ward;

/// Exports `what` as CSV, replaces `from` by `to` in it, imports it back; returns the exported text.
fn csv_round_trip(ward: &Ward, what: &str, from: &str, to: &str) -> String {
    let csv = ward.ok(&[what, "list", "--format", "csv"]);
    assert!(csv.starts_with('\u{FEFF}'), "a byte-order mark for Excel");
    assert!(csv.contains(from), "{csv}");
    let file = ward.write(&format!("{what}.csv"), csv.replacen(from, to, 1));
    ward.ok(&[what, "import", &file.display().to_string()]);
    csv
}

#[test]
fn units_round_trip_through_csv_with_kinds_in_words() {
    let ward = Ward::example();
    let before = ward.json(&["unit", "list"]);
    let csv = csv_round_trip(&ward, "unit", "Phòng Văn hoá - Xã hội", "Phòng Văn hoá và Thông tin");
    let header = csv.trim_start_matches('\u{FEFF}').lines().next().unwrap_or_default().to_owned();
    assert_eq!(header, "Mã đơn vị,Tên đơn vị,Loại");
    assert!(csv.contains("Cơ quan chuyên môn") && !csv.contains("co-quan-chuyen-mon"), "{csv}");
    let after = ward.json(&["unit", "list"]);
    let changed: Vec<_> =
        before.as_array().unwrap().iter().zip(after.as_array().unwrap()).filter(|(b, a)| b != a).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].1["name"], "Phòng Văn hoá và Thông tin");
    assert_eq!(changed[0].1["kind"], "co-quan-chuyen-mon", "the kind reads back as its code");
}

#[test]
fn officials_and_assignments_round_trip_through_csv() {
    let ward = Ward::example();
    let officials = ward.json(&["official", "list"]);
    let first = officials[0]["name"].as_str().unwrap().to_owned();
    csv_round_trip(&ward, "official", &first, "Nguyễn Thị Mới");
    let after = ward.json(&["official", "list"]);
    assert_eq!(after.as_array().unwrap().len(), officials.as_array().unwrap().len());
    assert!(after.as_array().unwrap().iter().any(|o| o["name"] == "Nguyễn Thị Mới"), "{after}");

    let before = ward.dump();
    let csv = ward.ok(&["assign", "list", "--format", "csv"]);
    assert!(
        csv.trim_start_matches('\u{FEFF}').starts_with("Mã tiêu chí,Nội dung,Mã đơn vị,Mã cán bộ,Cán bộ phụ trách\n")
    );
    let file = ward.write("phan-cong.csv", &csv);
    ward.ok(&["assign", "import", &file.display().to_string()]);
    assert_eq!(ward.dump(), before, "an unedited export imports as no change");
}

#[test]
fn lists_round_trip_through_xlsx() {
    let ward = Ward::example();
    let before = ward.dump();
    for what in ["unit", "official", "assign"] {
        let file = format!("{what}.xlsx");
        ward.ok(&[what, "list", "--format", "xlsx", "-o", &file]);
        let bytes = std::fs::read(ward.path(&file)).unwrap();
        assert!(bytes.starts_with(b"PK"), "{what}: an xlsx (zip) file");
        ward.ok(&[what, "import", &file]);
    }
    assert_eq!(ward.dump(), before, "unedited workbooks import as no change");
    let fresh = Ward::new();
    for what in ["unit", "official", "assign"] {
        fresh.ok(&[what, "import", &ward.path(&format!("{what}.xlsx")).display().to_string()]);
    }
    for what in ["unit", "official", "assign"] {
        assert_eq!(fresh.json(&[what, "list"]), ward.json(&[what, "list"]), "{what}");
    }
}

#[test]
fn units_and_officials_are_listed_in_vietnamese_order() {
    let ward = Ward::new();
    let units =
        "ma_don_vi,ten_don_vi\nYT,Trạm Y tế\nDQ,Đội Quản lý trật tự\nUB,Ủy ban Mặt trận\nBD,Ban Dân vận\nAN,Ấp Nam\n";
    ward.ok(&["unit", "import", &ward.write("dv.csv", units).display().to_string()]);
    let officials = "ma_can_bo,ho_ten,ma_don_vi\nC1,Nguyễn Văn Bình,YT\nC2,Trần Thị Ánh,YT\nC3,Lê Đức,DQ\nC4,Phạm Thị An,BD\nC5,Hồ Dũng,UB\n";
    ward.ok(&["official", "import", &ward.write("cb.csv", officials).display().to_string()]);
    let names = |what: &str| -> Vec<String> {
        let list = ward.json(&[what, "list"]);
        list.as_array().unwrap().iter().map(|v| v["name"].as_str().unwrap_or_default().to_owned()).collect()
    };
    assert_eq!(names("unit"), ["Ấp Nam", "Ban Dân vận", "Đội Quản lý trật tự", "Trạm Y tế", "Ủy ban Mặt trận"]);
    // People by given name (tên) first, as Vietnamese lists are kept; đ after d.
    assert_eq!(names("official"), ["Phạm Thị An", "Trần Thị Ánh", "Nguyễn Văn Bình", "Hồ Dũng", "Lê Đức"]);
    insta::assert_snapshot!("official_list_vietnamese_order", ward.ok(&["official", "list"]));
}
