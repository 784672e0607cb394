use crate::common::Ward;

#[test]
fn the_example_ward_imports_and_every_item_is_assigned() {
    let ward = Ward::example();
    let units = ward.json(&["unit", "list"]);
    assert_eq!(units.as_array().unwrap().len(), 9);
    let assigned = ward.json(&["assign", "list"]);
    let codes: std::collections::HashSet<&str> =
        assigned.as_array().unwrap().iter().map(|a| a["criterion"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), 71);
    // Importing the same files again changes nothing.
    let before = ward.dump();
    ward.ok(&["unit", "import", &format!("{}/units.csv", crate::common::EXAMPLES)]);
    assert_eq!(ward.dump(), before);
}

#[test]
fn units_are_found_by_name_without_diacritics() {
    let ward = Ward::example();
    let out = ward.ok(&["unit", "show", "van hoa"]);
    assert!(out.starts_with("VHXH — Phòng Văn hoá - Xã hội"), "{out}");
    let out = ward.ok(&["unit", "show", "Phòng Văn hóa - Xã hội"]);
    assert!(out.starts_with("VHXH"), "{out}");
    let err = ward.fails(1, &["unit", "show", "phong"]);
    assert!(err.contains("khớp với nhiều đơn vị") && err.contains("KT (") && err.contains("VHXH ("), "{err}");
    let err = ward.fails(1, &["unit", "show", "VHX"]);
    assert!(err.contains("«VHXH»?"), "{err}");
    let listed = ward.json(&["official", "list", "--unit", "trung tam phuc vu"]);
    let listed = listed.as_array().unwrap();
    assert!(!listed.is_empty(), "the example has officials at TTPVHCC");
    assert!(listed.iter().all(|o| o["unit"] == "TTPVHCC"), "{listed:?}");
}

#[test]
fn a_bad_units_file_lists_every_bad_row_and_writes_nothing() {
    let ward = Ward::example();
    let before = ward.dump();
    ward.write(
        "units-bad.csv",
        "ma_don_vi,ten_don_vi,loai\nVP,Văn phòng mới,x\nVP,Trùng mã,x\n,Không mã,x\nA B,Có dấu cách,x\nTT,,x\n",
    );
    let err = ward.fails(1, &["unit", "import", "units-bad.csv"]);
    for needle in ["dòng 3", "trùng với dòng 2", "dòng 4", "dòng 5", "«A B»", "dòng 6", "thiếu tên đơn vị"]
    {
        assert!(err.contains(needle), "{needle} not in {err}");
    }
    assert_eq!(ward.dump(), before);
}

#[test]
fn a_bad_assignments_file_names_the_nearest_code() {
    let ward = Ward::example();
    let before = ward.dump();
    ward.write("pc.csv", "Mã tiêu chí;Mã đơn vị;Mã cán bộ\n1.3.99;VHXH;\n1.3.2;VHXX;\n1.3;VHXH;\n1.3.1;VHXH;CB01\n");
    let err = ward.fails(1, &["assign", "import", "pc.csv"]);
    assert!(err.contains("dòng 2") && err.contains("«1.3.99»") && err.contains("«1.3.9»"), "{err}");
    assert!(err.contains("dòng 3") && err.contains("có phải «VHXH»?"), "{err}");
    assert!(err.contains("dòng 4") && err.contains("là nhóm"), "{err}");
    assert!(err.contains("dòng 5") && err.contains("không thuộc VHXH"), "{err}");
    assert_eq!(ward.dump(), before);
}

#[test]
fn officials_must_belong_to_a_known_unit() {
    let ward = Ward::new();
    ward.ok(&["unit", "add", "--code", "VP", "--name", "Văn phòng HĐND và UBND"]);
    ward.write(
        "cb.csv",
        "ma_can_bo,ho_ten,chuc_vu,ma_don_vi\nCB1,Nguyễn Văn A,Chuyên viên,VP\nCB2,Trần Thị B,Chuyên viên,KT\n",
    );
    let err = ward.fails(1, &["official", "import", "cb.csv"]);
    assert!(err.contains("dòng 3") && err.contains("«KT»") && err.contains("đơn vị chưa có"), "{err}");
    ward.ok(&["official", "add", "--code", "CB1", "--name", "Nguyễn Văn A", "--unit", "van phong"]);
    let list = ward.json(&["official", "list"]);
    assert_eq!(list[0]["unit"], "VP");
}

#[test]
fn assign_add_checks_the_criterion_unit_and_official() {
    let ward = Ward::example();
    ward.ok(&["assign", "add", "1.3.1", "--unit", "VP"]);
    let err = ward.fails(1, &["assign", "add", "1.3.11", "--unit", "VP"]);
    assert!(err.contains("có phải «1.3.1"), "{err}");
    let err = ward.fails(1, &["assign", "add", "1.3.1", "--unit", "VP", "--official", "CB20"]);
    assert!(err.contains("không thuộc VP"), "{err}");
}

#[test]
fn a_dry_run_writes_nothing() {
    let ward = Ward::new();
    let before = ward.dump();
    let out =
        ward.cmd(&["unit", "import", &format!("{}/units.csv", crate::common::EXAMPLES), "--dry-run"]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Chạy thử"));
    assert_eq!(ward.dump(), before);
}
