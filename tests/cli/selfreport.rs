//! `cchc selfreport`: import in every encoding, delimiter and header spelling, every bad input refused with the
//! database unchanged, revisions, deadlines and the template read back.

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::common::Ward;

/// The example ward with Đợt 1 (self-reports due 26/06/2026).
fn ward() -> Ward {
    let ward = Ward::example();
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    ward
}

const HEADER: [&str; 7] = [
    "Mã đơn vị",
    "Mã tiêu chí",
    "Điểm tự chấm",
    "Số liệu",
    "Kết quả thực hiện",
    "Tài liệu kiểm chứng",
    "Khó khăn, vướng mắc, đề xuất",
];

/// Cells joined with `sep`, quoted where they hold it.
fn line(cells: &[&str], sep: &str) -> String {
    let quote = |c: &&str| if c.contains(sep) { format!("\"{c}\"") } else { (*c).to_owned() };
    cells.iter().map(quote).collect::<Vec<_>>().join(sep)
}

fn head() -> String {
    line(&HEADER, ",")
}

/// Three VP rows (1.1.7 is a ratio item left to the rubric), joined with `sep`.
fn vp_file(sep: &str, header: &[&str]) -> String {
    let rows = [
        ["VP", "1.1.5", "2", "", "Đã lưu trữ số 1.245 hồ sơ", "BC 58/BC-VP", ""],
        ["VP", "1.1.6", "1", "", "Đối thoại ngày 24/4/2026", "Biên bản đối thoại", ""],
        ["VP", "1.1.7", "", "96/100", "Hoàn thành 96 nhiệm vụ", "Danh mục nhiệm vụ", "Đề nghị gia hạn"],
    ];
    let mut text = line(header, sep) + "\n";
    for row in rows {
        text.push_str(&line(&row, sep));
        text.push('\n');
    }
    text
}

fn items(ward: &Ward, unit: &str) -> Vec<Value> {
    ward.json(&["selfreport", "show", "2026-dot1", unit]).as_array().cloned().unwrap_or_default()
}

fn import(ward: &Ward, file: &str, extra: &[&str]) -> String {
    let mut args = vec!["selfreport", "import", "2026-dot1", file, "--received", "20/06/2026"];
    args.extend(extra);
    let out = ward.cmd(&args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    stderr
}

fn assert_vp_imported(ward: &Ward) {
    let got = items(ward, "VP");
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0]["result"], "Đã lưu trữ số 1.245 hồ sơ");
    // 96% earns 1.5 of 1.1.7's 2 points under its rubric.
    assert_eq!((got[2]["self_points"].as_f64(), got[2]["figure_pct"].as_f64()), (Some(1.5), Some(96.0)));
    assert_eq!(got[2]["proposal"], "Đề nghị gia hạn");
}

/// The import writes with foreign keys checked by construction (not row by row): prove they hold.
fn assert_foreign_keys_hold(ward: &Ward) {
    let conn = rusqlite::Connection::open(ward.db()).unwrap();
    let mut stmt = conn.prepare("PRAGMA foreign_key_check").unwrap();
    let violations = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().count();
    assert_eq!(violations, 0);
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    std::iter::once(0xFEFF)
        .chain(text.encode_utf16())
        .flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() })
        .collect()
}

/// Windows-1258 as old Excel wrote it: tone marks as separate combining characters after the base letter.
fn cp1258(text: &str) -> Vec<u8> {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let staged: String = text
        .chars()
        .flat_map(|ch| {
            let decomposed: Vec<char> = ch.to_string().nfd().collect();
            let base: String = decomposed.iter().filter(|c| !TONES.contains(c)).collect::<String>().nfc().collect();
            base.chars().chain(decomposed.into_iter().filter(|c| TONES.contains(c))).collect::<Vec<_>>()
        })
        .collect();
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&staged);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn every_encoding_is_read_and_named() {
    let text = vp_file(",", &HEADER);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("utf8.csv", text.clone().into_bytes(), "UTF-8,"),
        ("bom.csv", [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(), "UTF-8 (BOM)"),
        ("le.txt", utf16(&vp_file("\t", &HEADER), false), "UTF-16LE"),
        ("be.txt", utf16(&text, true), "UTF-16BE"),
        ("cp1258.csv", cp1258(&text), "Windows-1258"),
    ];
    for (name, bytes, label) in cases {
        let ward = ward();
        ward.write(name, bytes);
        let stderr = import(&ward, name, &[]);
        assert!(stderr.contains(&format!("bảng mã {label}")), "{name}: {stderr}");
        assert_vp_imported(&ward);
    }
}

#[test]
fn delimiters_and_header_spellings() {
    let ascii =
        ["ma_don_vi", "ma_tieu_chi", "diem_tu_cham", "so_lieu", "ket_qua", "tai_lieu_kiem_chung", "kho_khan_de_xuat"];
    let upper = [
        "MA DON VI",
        "MA TIEU CHI",
        "DIEM TU CHAM",
        "SO LIEU",
        "KET QUA THUC HIEN",
        "TAI LIEU KIEM CHUNG",
        "KHO KHAN VUONG MAC DE XUAT",
    ];
    for (sep, header, said) in
        [(";", &ascii[..], "chấm phẩy"), ("\t", &upper[..], "tab"), (",", &HEADER[..], "dấu phẩy")]
    {
        let ward = ward();
        ward.write("vp.csv", vp_file(sep, header).replace("Đề nghị gia hạn", "\"Đề nghị gia hạn, bổ sung\""));
        let stderr = import(&ward, "vp.csv", &[]);
        assert!(stderr.contains(said), "{stderr}");
        assert_eq!(items(&ward, "VP")[2]["proposal"], "Đề nghị gia hạn, bổ sung");
    }
}

#[test]
fn decimals_with_comma_and_the_rubric_disagreement_is_shown() {
    let ward = ward();
    ward.write("vp.csv", "Mã đơn vị;Mã tiêu chí;Điểm tự chấm;Số liệu;Kết quả thực hiện;Tài liệu kiểm chứng\nVP;1.1.5;1,5;;x;y\nVP;1.1.7;2;80%;x;y\n");
    let stderr = import(&ward, "vp.csv", &[]);
    assert!(
        stderr.contains(
            "Cảnh báo: vp.csv, dòng 3, cột «Điểm tự chấm» = «2»: điểm tự chấm 2 khác điểm tính theo thang điểm"
        ),
        "{stderr}"
    );
    let got = items(&ward, "VP");
    assert_eq!((got[0]["self_points"].as_f64(), got[1]["self_points"].as_f64()), (Some(1.5), Some(2.0)));
}

/// Each bad file is refused with its own message, and the database stays as it was.
#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let ward = ward();
    let head = head();
    let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        ("unit.csv", format!("{head}\nVPP,1.1.5,2,,x,y,\n").into_bytes(), vec!["dòng 2", "«VPP»", "có phải «VP»?"]),
        ("item.csv", format!("{head}\nVP,1.1.55,2,,x,y,\n").into_bytes(), vec!["«1.1.55»", "có phải «1.1.5»?"]),
        ("max.csv", format!("{head}\nVP,1.1.6,1.5,,x,y,\n").into_bytes(), vec!["«1.5»", "vượt quá điểm tối đa 1"]),
        ("nan.csv", format!("{head}\nVP,1.1.6,một,,x,y,\n").into_bytes(), vec!["«một»", "không phải số"]),
        ("figure.csv", format!("{head}\nVP,1.1.7,,96,x,y,\n").into_bytes(), vec!["cột «Số liệu» = «96»", "95/100"]),
        (
            "dup.csv",
            format!("{head}\nVP,1.1.6,1,,x,y,\nVP,1.1.6,1,,x,y,\n").into_bytes(),
            vec!["dòng 3", "trùng với dòng 2"],
        ),
        ("wide.csv", format!("{head}\nVP,1.1.6,1,,x,y,,z\n").into_bytes(), vec!["dòng 2", "có 8 cột", "7 cột"]),
        ("short.csv", format!("{head}\nVP,1.1.6,1\n").into_bytes(), vec!["dòng 2", "có 3 cột"]),
        ("empty.csv", Vec::new(), vec!["rỗng"]),
        ("header.csv", format!("{head}\n").into_bytes(), vec!["không có dòng dữ liệu"]),
        ("cols.csv", b"Ma tieu chi,Diem\n1.1.6,1\n".to_vec(), vec!["thiếu cột «Điểm tự chấm»"]),
        (
            "damaged.csv",
            [format!("{head}\nVP,1.1.6,1,,Đã xong,y,\nVP,1.1.5,2,,Đã ").as_bytes(), b"\xFF\xFE", b"xong,y,\n"].concat(),
            vec!["không phải UTF-8 hợp lệ", "dòng 3"],
        ),
    ];
    let before = ward.dump();
    for (name, bytes, needles) in cases {
        ward.write(name, bytes);
        let err = ward.fails(1, &["selfreport", "import", "2026-dot1", name]);
        for needle in needles {
            assert!(err.contains(needle), "{name}: «{needle}» not in {err}");
        }
        assert_eq!(ward.dump(), before, "{name} changed the database");
    }
}

#[test]
fn damage_far_into_a_large_utf8_file_is_found_exactly() {
    let ward = ward();
    let mut text = head() + "\n";
    let mut line = 1;
    while text.len() < 200_000 {
        text.push_str("VP,1.1.6,1,,Đã tổ chức đối thoại với người dân,Biên bản,\n");
        line += 1;
    }
    let offset = text.len() + "VP,1.1.5,2,,Đã ".len();
    let bytes = [text.as_bytes(), "VP,1.1.5,2,,Đã ".as_bytes(), b"\xC4 xong,y,\n"].concat();
    ward.write("late.csv", bytes);
    let before = ward.dump();
    let err = ward.fails(1, &["selfreport", "import", "2026-dot1", "late.csv"]);
    let want = format!("không phải UTF-8 hợp lệ: hỏng ở dòng {}, byte {offset}", line + 1);
    assert!(err.contains(&want), "{want} not in {err}");
    assert_eq!(ward.dump(), before);
}

#[test]
fn every_problem_of_every_file_is_listed_and_none_is_written() {
    let ward = ward();
    let head = head();
    ward.write("good.csv", vp_file(",", &HEADER));
    ward.write("bad.csv", format!("{head}\nKT,1.6.1.4,5,,x,y,\nKT,9.9,1,,x,y,\nXX,1.6.1.5,1,,x,y,\n"));
    let before = ward.dump();
    let err = ward.fails(1, &["selfreport", "import", "2026-dot1", "good.csv", "bad.csv"]);
    assert!(err.contains("Tệp «bad.csv» có 3 lỗi; chưa ghi gì vào cơ sở dữ liệu"), "{err}");
    for needle in ["dòng 2", "dòng 3", "dòng 4"] {
        assert!(err.contains(needle), "{needle} not in {err}");
    }
    assert_eq!(ward.dump(), before);
}

#[test]
fn unassigned_items_warn_unless_strict() {
    let ward = ward();
    ward.write("kt.csv", format!("{}\nKT,1.1.5,1,,x,y,\n", head()));
    let before = ward.dump();
    let err = ward.fails(1, &["selfreport", "import", "2026-dot1", "kt.csv", "--strict"]);
    assert!(
        err.contains("không được phân công cho đơn vị KT") && err.contains("cchc assign add 1.1.5 --unit KT"),
        "{err}"
    );
    assert_eq!(ward.dump(), before);
    let stderr = import(&ward, "kt.csv", &[]);
    assert!(stderr.contains("đơn vị KT: 1 nội dung không được phân công"), "{stderr}");
}

#[test]
fn a_closed_round_is_read_only() {
    let ward = ward();
    ward.ok(&["round", "close", "2026-dot1"]);
    ward.write("vp.csv", vp_file(",", &HEADER));
    let before = ward.dump();
    let err = ward.fails(1, &["selfreport", "import", "2026-dot1", "vp.csv"]);
    assert!(err.contains("đã kết thúc") && err.contains("cchc round reopen"), "{err}");
    assert_eq!(ward.dump(), before);
}

#[test]
fn reimport_changes_nothing_and_a_new_content_is_a_new_revision() {
    let ward = ward();
    ward.write("vp.csv", vp_file(",", &HEADER));
    import(&ward, "vp.csv", &[]);
    let once = ward.dump();
    let stderr = import(&ward, "vp.csv", &[]);
    assert!(stderr.contains("Không có gì thay đổi"), "{stderr}");
    assert_eq!(ward.dump(), once);
    // Same content in another order, encoding and delimiter: still the same.
    let tsv = vp_file("\t", &HEADER);
    let mut lines: Vec<&str> = tsv.lines().collect();
    lines[1..].reverse();
    ward.write("vp2.txt", utf16(&(lines.join("\n") + "\n"), false));
    assert!(import(&ward, "vp2.txt", &[]).contains("Không có gì thay đổi"));
    // A dry run of a changed file writes nothing.
    ward.write("vp3.csv", vp_file(",", &HEADER).replace("Đối thoại ngày 24/4/2026", "Đối thoại ngày 25/4/2026"));
    assert!(import(&ward, "vp3.csv", &["--dry-run"]).contains("Chạy thử (chưa ghi gì)"));
    assert_eq!(ward.dump(), once);
    let stderr = import(&ward, "vp3.csv", &[]);
    assert!(stderr.contains("VP: bản 2, thay bản 1"), "{stderr}");
    assert_eq!(items(&ward, "VP")[1]["result"], "Đối thoại ngày 25/4/2026");
    let old = ward.json(&["selfreport", "show", "2026-dot1", "VP", "--revision", "1"]);
    assert_eq!(old[1]["result"], "Đối thoại ngày 24/4/2026");
    assert_eq!(old[1]["revision"], 1);
    let table = ward.ok(&["selfreport", "show", "2026-dot1", "van phong", "--revision", "1"]);
    assert!(table.contains("bản 1/2 (bản cũ)") && table.contains("vp3.csv"), "{table}");
    let err = ward.fails(1, &["selfreport", "show", "2026-dot1", "VP", "--revision", "7"]);
    assert!(err.contains("không có bản 7") && err.contains("1, 2"), "{err}");
    assert_foreign_keys_hold(&ward);
}

#[test]
fn status_shows_late_and_missing_units() {
    let ward = ward();
    ward.write("vp.csv", vp_file(",", &HEADER));
    import(&ward, "vp.csv", &[]);
    ward.write("kt.csv", format!("{}\nKT,1.6.1.4,1,,x,y,\n", head()));
    ward.ok(&["selfreport", "import", "2026-dot1", "kt.csv", "--received", "29/06/2026"]);
    let status = ward.json(&["selfreport", "status", "2026-dot1"]);
    let row = |unit: &str| status.as_array().unwrap().iter().find(|r| r["unit"] == unit).cloned().unwrap();
    let vp = row("VP");
    assert_eq!((vp["status"].as_str(), vp["submitted_on"].as_str()), (Some("on_time"), Some("2026-06-20")));
    assert_eq!((vp["items_reported"].as_i64(), vp["items_assigned"].as_i64()), (Some(3), Some(24)));
    assert_eq!(vp["self_points"].as_f64(), Some(4.5));
    let kt = row("KT");
    assert_eq!((kt["status"].as_str(), kt["days_late"].as_i64()), (Some("late"), Some(3)));
    assert_eq!(row("VHXH")["status"], "missing");
    assert_eq!(status.as_array().unwrap().len(), 9);
    let table = ward.ok(&["selfreport", "status", "2026-dot1"]);
    assert!(table.contains("muộn 3 ngày") && table.contains("chưa nộp (quá hạn 155 ngày)"), "{table}");
    // The health station and the schools answer for no item: nothing to report, not missing.
    assert_eq!(row("TYT")["status"], "not_required");
    assert!(table.contains("2/5 đơn vị đã nộp (1 nộp muộn), 3 chưa nộp"), "{table}");
    // Without --received the import date is the received date (the pinned clock: 28/11/2026).
    ward.write("vhxh.csv", format!("{}\nVHXH,1.1.1,2,,x,y,\n", head()));
    ward.ok(&["selfreport", "import", "2026-dot1", "vhxh.csv"]);
    let status = ward.json(&["selfreport", "status", "2026-dot1"]);
    let vhxh = status.as_array().unwrap().iter().find(|r| r["unit"] == "VHXH").cloned().unwrap();
    assert_eq!((vhxh["submitted_on"].as_str(), vhxh["days_late"].as_i64()), (Some("2026-11-28"), Some(155)));
}

#[test]
fn the_templates_read_back_into_the_importer() {
    let ward = ward();
    ward.ok(&["selfreport", "template", "2026-dot1", "--unit", "TTPVHCC", "-o", "mau.xlsx"]);
    ward.ok(&["selfreport", "template", "2026-dot1", "--unit", "VP", "-o", "mau.csv"]);
    let csv = std::fs::read(ward.path("mau.csv")).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let title = "\u{FEFF}BÁO CÁO TỰ KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH — ĐỢT 1 NĂM 2026 (Mã đợt: 2026-dot1)\n";
    assert!(csv.starts_with(&format!("{title}STT,Mã đơn vị,")), "BOM, the title with the round, the header: {csv}");
    // An untouched template is read (its columns known) but is not a report: refused, nothing written.
    let before = ward.dump();
    for (file, unit) in [("mau.xlsx", "TTPVHCC"), ("mau.csv", "VP")] {
        let err = ward.fails(1, &["selfreport", "import", "2026-dot1", file, "--received", "20/06/2026"]);
        assert!(err.contains(&format!("Tệp chưa điền nội dung nào cho đơn vị {unit}")), "{err}");
        assert!(!err.contains("bị bỏ qua"), "template columns are known: {err}");
    }
    assert_eq!(ward.dump(), before);
    // The filled template of the example ward.
    let filled = format!("{}/tu-kiem-tra/ttpvhcc-dot1.xlsx", crate::common::EXAMPLES);
    let stderr = import(&ward, &filled, &[]);
    assert!(stderr.contains("định dạng XLSX") && !stderr.contains("bảng mã XLSX"), "{stderr}");
    assert_eq!(items(&ward, "TTPVHCC").len(), 10);
    let got = items(&ward, "TTPVHCC");
    assert_eq!(got[1]["figure"], "96%");
    assert_eq!(got[0]["self_points"].as_f64(), Some(1.5));
    let err = ward.fails(1, &["selfreport", "template", "2026-dot1", "-o", "mau.pdf"]);
    assert!(err.contains(".xlsx hoặc .csv"), "{err}");
}

#[test]
fn one_unit_per_file_with_unit_option() {
    let ward = ward();
    let rows = "Mã tiêu chí,Điểm tự chấm,Kết quả thực hiện,Tài liệu kiểm chứng\n1.6.1.4,1,x,y\n";
    ward.write("kt.csv", rows);
    let err = ward.fails(1, &["selfreport", "import", "2026-dot1", "kt.csv"]);
    assert!(err.contains("thiếu cột «Mã đơn vị»") && err.contains("--unit"), "{err}");
    import(&ward, "kt.csv", &["--unit", "kinh te"]);
    assert_eq!(items(&ward, "KT").len(), 1);
}

#[test]
fn the_demo_has_self_reports_late_and_revised() {
    let ward = Ward::empty();
    ward.ok(&["demo", "--out", "d"]);
    let db = ward.path("d/cchc.db");
    let db = db.to_str().unwrap();
    let status = ward.json(&["--db", db, "selfreport", "status", "2026-dot1"]);
    let by_unit = |unit: &str| status.as_array().unwrap().iter().find(|r| r["unit"] == unit).cloned().unwrap();
    // VHXH sent on Monday 29/06 for its slot on 06/07 (due 01/07): on time; TTDVC (due Friday 03/07) never sent.
    assert_eq!(by_unit("VHXH")["status"], "on_time");
    assert_eq!(by_unit("TTDVC")["status"], "missing");
    assert_eq!(by_unit("VP")["revisions"], 2);
    assert_eq!(by_unit("TTPVHCC")["items_reported"], 10);
    let dot2 = ward.json(&["--db", db, "selfreport", "status", "2026-dot2"]);
    let late: Vec<&str> =
        dot2.as_array().unwrap().iter().filter(|r| r["status"] == "late").filter_map(|r| r["unit"].as_str()).collect();
    assert_eq!(late, vec!["TTPVHCC"]);
    let vp = ward.json(&["--db", db, "selfreport", "show", "2026-dot2", "VP"]);
    assert!(vp[0]["result"].as_str().unwrap().contains("số hoá xong"), "Windows-1258 text decoded: {}", vp[0]);
    let conn = rusqlite::Connection::open(ward.path("d/cchc.db")).unwrap();
    let violations = conn.prepare("PRAGMA foreign_key_check").unwrap().query_map([], |_| Ok(())).unwrap().count();
    assert_eq!(violations, 0);
}

#[test]
fn a_units_proposal_becomes_a_kien_nghi_finding_once() {
    let ward = ward();
    ward.write("vp.csv", vp_file(",", &HEADER));
    import(&ward, "vp.csv", &[]);
    // Before the round starts, proposals wait; starting it turns them into findings.
    assert_eq!(ward.json(&["finding", "list", "--round", "2026-dot1"]).as_array().unwrap().len(), 0);
    ward.ok(&["round", "start", "2026-dot1"]);
    let found = ward.json(&["finding", "list", "--round", "2026-dot1", "--kind", "kien-nghi"]);
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["text"], "Đề nghị gia hạn");
    assert_eq!(found[0]["unit"], "VP");
    assert_eq!(found[0]["criterion"], "1.1.7");
    // A corrected file during the round (new revision) does not repeat the finding.
    ward.write("vp2.csv", vp_file(",", &HEADER).replace("Biên bản đối thoại", "Biên bản đối thoại số 2"));
    let said = import(&ward, "vp2.csv", &[]);
    assert!(!said.contains("kiến nghị"), "{said}");
    assert_eq!(
        ward.json(&["finding", "list", "--round", "2026-dot1", "--kind", "kien-nghi"]).as_array().unwrap().len(),
        1
    );
    assert_foreign_keys_hold(&ward);
}
