//! Evidence files inside the database: stored once by content, readable by SQLite's own archiver, typed by
//! content, named safely, packed with an index, re-hashed by `cchc check`, and what lacks them.

use std::io::Read;

use sha2::{Digest, Sha256};

use crate::common::Ward;

pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";

pub fn ward() -> Ward {
    let ward = Ward::example();
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    ward
}

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn rows(ward: &Ward, sql: &str) -> i64 {
    rusqlite::Connection::open(ward.db()).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_file_sent_twice_is_stored_once_and_sqlite_extracts_it_identical() {
    let ward = ward();
    ward.write("Kế hoạch số hóa.pdf", PDF);
    ward.write("ban-sao.pdf", PDF);
    ward.write("anh.png", PNG);
    ward.ok(&["evidence", "add", "2026-dot1", "VP", "1.1.5", "Kế hoạch số hóa.pdf", "anh.png"]);
    ward.ok(&["evidence", "add", "2026-dot1", "VP", "1.1.7", "ban-sao.pdf"]);
    let before = ward.dump();
    ward.ok(&["evidence", "add", "2026-dot1", "VP", "1.1.5", "ban-sao.pdf"]);
    assert_eq!(ward.dump(), before, "the same content for the same item again changes nothing");
    assert_eq!(rows(&ward, "SELECT count(*) FROM evidence"), 3);
    assert_eq!(rows(&ward, "SELECT count(*) FROM sqlar"), 2, "the PDF is stored once for two items");
    assert_eq!(
        rows(&ward, "SELECT count(*) FROM sqlar WHERE sz = length(data)"),
        2,
        "stored uncompressed, as sqlar allows"
    );

    let list = ward.json(&["evidence", "list", "2026-dot1", "--unit", "VP"]);
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Kế hoạch số hóa.pdf", "anh.png", "ban-sao.pdf"]);
    assert_eq!(list[0]["sha256"], sha(PDF));
    assert_eq!(list[1]["kind"], "png");

    let out = ward.path("x");
    std::fs::create_dir(&out).unwrap();
    let status = std::process::Command::new("sqlite3").arg(ward.db()).arg("-Ax").current_dir(&out).status();
    if let Ok(status) = status {
        assert!(status.success());
        assert_eq!(std::fs::read(out.join(format!("sha256/{}", sha(PDF)))).unwrap(), PDF);
        assert_eq!(std::fs::read(out.join(format!("sha256/{}", sha(PNG)))).unwrap(), PNG);
    }
    assert!(ward.ok(&["check"]).contains("Tệp kiểm chứng khớp mã băm"));
}

#[test]
fn refusals_change_nothing() {
    let ward = ward();
    ward.write("ok.pdf", PDF);
    ward.ok(&["evidence", "add", "2026-dot1", "VP", "1.1.5", "ok.pdf"]);
    ward.write("bao-cao.pdf", b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff");
    ward.write("script.pdf", b"#!/bin/sh\nrm -rf /\n");
    ward.write("rong.txt", b"");
    ward.write("hong.txt", b"abc\xff\xfe");
    ward.write("lon.pdf", [b"%PDF-1.4\n".as_slice(), &vec![b' '; 2 * 1024 * 1024]].concat());
    ward.ok(&["config", "set", "evidence_max_mb", "1"]);
    let before = ward.dump();
    for (file, says) in [
        ("bao-cao.pdf", "chương trình chạy được"),
        ("script.pdf", "chương trình chạy được"),
        ("rong.txt", "tệp rỗng"),
        ("hong.txt", "UTF-8"),
        ("lon.pdf", "vượt giới hạn 1,0 MB"),
    ] {
        // The good file first: all or nothing, it is not kept either.
        let err = ward.fails(1, &["evidence", "add", "2026-dot1", "VP", "1.1.7", "ok.pdf", file]);
        assert!(err.contains(file) && err.contains(says), "{file}: {err}");
    }
    ward.fails(1, &["evidence", "add", "2026-dot1", "VP", "9.9.9", "ok.pdf"]);
    ward.fails(1, &["evidence", "add", "2026-dot1", "KHONGCO", "1.1.5", "ok.pdf"]);
    assert_eq!(ward.dump(), before, "a refused command leaves the database byte for byte");
}

#[test]
fn remove_keeps_content_another_row_uses_and_check_finds_a_tampered_file() {
    let ward = ward();
    ward.write("a.pdf", PDF);
    ward.ok(&["evidence", "add", "2026-dot1", "VP", "1.1.5", "a.pdf"]);
    ward.ok(&["evidence", "add", "2026-dot1", "VP", "1.1.7", "a.pdf"]);
    ward.ok(&["evidence", "remove", "1"]);
    assert_eq!(rows(&ward, "SELECT count(*) FROM sqlar"), 1);
    let conn = rusqlite::Connection::open(ward.db()).unwrap();
    conn.execute("UPDATE sqlar SET data = CAST('%PDF-1.4 sua' AS BLOB), sz = 12", []).unwrap();
    drop(conn);
    let err = ward.fails(1, &["check"]);
    assert!(err.contains("mục kiểm tra không đạt"), "{err}");
    let table = String::from_utf8(ward.cmd(&["check"]).output().unwrap().stdout).unwrap();
    assert!(table.contains("«a.pdf»: nội dung không khớp mã băm"), "{table}");
    ward.ok(&["evidence", "remove", "2"]);
    assert_eq!(rows(&ward, "SELECT count(*) FROM sqlar"), 0, "the last user gone, the content goes");
    let log = ward.json(&["log", "--entity", "evidence"]);
    assert_eq!(log.as_array().unwrap().len(), 4, "two adds and two removals audited");
}

#[test]
fn pack_unzips_to_the_index_and_files_with_matching_hashes_under_safe_names() {
    let ward = ward();
    let tricky = ward.path("CON.pdf");
    std::fs::write(&tricky, PDF).unwrap();
    ward.write("anh.png", PNG);
    ward.ok(&["evidence", "add", "2026-dot1", "VP", "1.1.5", "CON.pdf", "anh.png"]);
    ward.ok(&["evidence", "pack", "2026-dot1", "-o", "goi.zip"]);
    let bytes = std::fs::read(ward.path("goi.zip")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["VP/1.1.5/_CON.pdf", "VP/1.1.5/anh.png", "muc-luc.csv", "muc-luc.html"]);
    let mut index = String::new();
    zip.by_name("muc-luc.csv").unwrap().read_to_string(&mut index).unwrap();
    for line in index.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let (file, hash) = (cells[4], cells[6]);
        let mut content = Vec::new();
        zip.by_name(file).unwrap().read_to_end(&mut content).unwrap();
        assert_eq!(sha(&content), hash, "{file}");
    }
    assert!(index.contains("Việc thực hiện nghiệp vụ lưu trữ số"), "the item's title: {index}");
    ward.ok(&["evidence", "pack", "2026", "--for-province", "-o", "tinh.zip"]);
    let bytes = std::fs::read(ward.path("tinh.zip")).unwrap();
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    assert!(names.iter().any(|n| n == "1.1.5/VP - anh.png"), "{names:?}");

    ward.ok(&["evidence", "extract", "2026-dot1", "-o", "ra"]);
    assert_eq!(std::fs::read(ward.path("ra/VP/1.1.5/_CON.pdf")).unwrap(), PDF);
}

#[test]
fn a_folder_is_imported_all_or_nothing_and_a_list_cannot_reach_outside() {
    let ward = ward();
    for (path, bytes) in
        [("nop/VP/1.1.5 Kế hoạch.pdf", PDF), ("nop/VP/1.1.7-2.png", PNG), ("nop/VHXH/ghi-chu.txt", b"x")]
    {
        let path = ward.path(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let before = ward.dump();
    let err = ward.fails(1, &["evidence", "import", "2026-dot1", "nop"]);
    assert!(err.contains("ghi-chu.txt") && err.contains("mã tiêu chí"), "{err}");
    assert_eq!(ward.dump(), before);
    std::fs::remove_dir_all(ward.path("nop/VHXH")).unwrap();
    ward.ok(&["evidence", "import", "2026-dot1", "nop", "--dry-run"]);
    assert_eq!(ward.dump(), before, "--dry-run writes nothing");
    ward.ok(&["evidence", "import", "2026-dot1", "nop"]);
    assert_eq!(rows(&ward, "SELECT count(*) FROM evidence WHERE unit_code = 'VP'"), 2);

    ward.write("ngoai.pdf", PDF);
    let folder = ward.path("ds");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("danh-sach.csv"), "Mã tiêu chí,Tệp,Ghi chú\n1.1.5,../ngoai.pdf,\n").unwrap();
    let before = ward.dump();
    let err = ward.fails(1, &["evidence", "import", "2026-dot1", "ds", "--unit", "VP"]);
    assert!(err.contains("../ngoai.pdf") && err.contains("«..»"), "{err}");
    assert_eq!(ward.dump(), before);
}

#[test]
fn check_lists_claims_without_evidence_then_citations_without_files() {
    let ward = ward();
    ward.write(
        "vp.csv",
        "Mã đơn vị,Mã tiêu chí,Điểm tự chấm,Kết quả thực hiện,Tài liệu kiểm chứng\nVP,1.1.5,1,x,\nVP,1.1.7,2,x,Báo cáo số 5/BC-VP\nVP,1.1.1,1,x,\n",
    );
    ward.ok(&["selfreport", "import", "2026-dot1", "vp.csv"]);
    ward.write("kh.pdf", PDF);
    ward.ok(&["evidence", "add", "2026-dot1", "VP", "1.1.1", "kh.pdf"]);
    let found = ward.json(&["evidence", "check", "2026-dot1"]);
    let rows: Vec<(String, String)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["criterion"].as_str().unwrap().to_owned(), r["status"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(rows, [("1.1.5".into(), "nothing".into()), ("1.1.7".into(), "citation-only".into())]);
    let table = ward.ok(&["evidence", "check", "2026-dot1"]);
    assert!(table.contains("chưa có tài liệu kiểm chứng"), "{table}");
}
