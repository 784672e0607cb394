//! The first hour of a new user (issue 23): the mistakes a secretary makes on day one each get a Vietnamese
//! message that says what to do next.

use crate::common::Ward;

/// stderr of a command that must succeed.
fn messages(ward: &Ward, args: &[&str]) -> String {
    let out = ward.cmd(args).output().expect("run");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(out.status.success(), "cchc {args:?}: {err}");
    err
}

#[test]
fn help_for_a_word_that_is_no_command_lists_the_commands_and_the_nearest() {
    let ward = Ward::empty();
    let err = ward.fails(2, &["help", "nhap"]);
    assert!(err.contains("không có lệnh «nhap»"), "{err}");
    assert!(err.contains("Gần nhất: cchc unit import"), "{err}");
    assert!(err.contains("Các lệnh của «cchc»:") && err.contains("\n  selfreport "), "{err}");
    let err = ward.fails(2, &["help", "bao-cao"]);
    assert!(err.contains("Gần nhất: cchc report"), "{err}");
    // One level down: the commands of that group.
    let err = ward.fails(2, &["help", "round", "nhap"]);
    assert!(err.contains("Các lệnh của «cchc round»:") && err.contains("\n  schedule "), "{err}");
    assert!(err.contains("Trợ giúp của một lệnh: cchc help round LỆNH"), "{err}");
}

#[test]
fn word_s_quotes_are_caught_with_the_command_as_meant() {
    let ward = Ward::new();
    let before = ward.dump();
    // cmd.exe splits “Trần Thị Thủy Nga” at its spaces: clap would see an option «Thị».
    let err = ward.fails(2, &["config", "set", "signer_name", "“Trần", "Thị", "Thủy", "Nga”"]);
    assert!(err.contains("dấu ngoặc kiểu Word"), "{err}");
    assert!(err.contains("cchc config set signer_name \"Trần Thị Thủy Nga\""), "{err}");
    assert!(!err.contains("tùy chọn"), "{err}");
    assert_eq!(ward.dump(), before);
    // A quotation inside a text is a quotation.
    ward.ok(&["config", "set", "signer_name", "Trần Thị “Thủy” Nga"]);
}

#[test]
fn a_missing_choice_lists_the_values_it_takes() {
    let ward = Ward::new();
    let err = ward.fails(2, &["round", "new", "--year", "2026"]);
    assert!(err.contains("thiếu --kind"), "{err}");
    assert!(err.contains("--kind nhận một trong các giá trị: dot1"), "{err}");
    assert!(err.contains("dot-xuat"), "{err}");
    let err = ward.fails(2, &["round", "new", "--year", "2026", "--kind"]);
    assert!(err.contains("--kind nhận một trong các giá trị: dot1"), "{err}");
}

#[test]
fn init_with_nothing_to_change_says_so() {
    let ward = Ward::empty();
    let err = messages(&ward, &["init", "--ward", "Thành Sen", "--province", "Hà Tĩnh"]);
    assert!(err.contains("Đã tạo"), "{err}");
    let err = messages(&ward, &["init", "--ward", "Thành Sen", "--province", "Hà Tĩnh"]);
    assert!(err.contains("không có gì thay đổi"), "{err}");
    assert!(!err.contains("Đã cập nhật"), "{err}");
    let err = messages(&ward, &["init"]);
    assert!(err.contains("không có gì thay đổi"), "{err}");
}

#[test]
fn unit_show_names_the_kind_in_words() {
    let ward = Ward::example();
    let out = ward.ok(&["unit", "show", "VP"]);
    assert!(out.contains("Loại: Cơ quan chuyên môn"), "{out}");
    assert!(!out.contains("co-quan-chuyen-mon"), "{out}");
}

#[test]
fn the_demo_says_its_warnings_are_part_of_the_sample() {
    let ward = Ward::empty();
    let err = messages(&ward, &["demo", "--out", "mau"]);
    let note = err.find("là một phần của dữ liệu mẫu").expect(&err);
    let first_warning = err.find("Cảnh báo:").expect(&err);
    assert!(note < first_warning, "{err}");
}

/// Đợt 1 started, with VP 1.1.5 appraised by hand.
fn appraised_by_hand() -> Ward {
    let ward = Ward::example();
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    ward.ok(&["round", "start", "2026-dot1"]);
    ward.ok(&["score", "set", "2026-dot1", "VP", "1.1.5", "1,5", "--note", "Chưa số hóa hết tài liệu"]);
    ward
}

fn note_of(ward: &Ward, unit: &str, criterion: &str) -> serde_json::Value {
    let rows = ward.json(&["score", "list", "2026-dot1", "--unit", unit]);
    let row = rows.as_array().unwrap().iter().find(|r| r["criterion"] == criterion).unwrap().clone();
    row["note"].clone()
}

#[test]
fn a_score_import_lists_what_it_changes_and_keeps_a_note_set_by_hand() {
    let ward = appraised_by_hand();
    ward.write("diem.csv", "ma_don_vi,ma_tieu_chi,diem_tham_dinh\nVP,1.1.5,2\nVP,1.1.6,1\n");
    let before = ward.dump();
    let dry = messages(&ward, &["score", "import", "2026-dot1", "diem.csv", "--dry-run"]);
    assert!(dry.contains("Sẽ thay đổi 1 điểm đã ghi trước đó (cũ → mới):\n  VP 1.1.5: 1,5 → 2"), "{dry}");
    assert!(!dry.contains("nhận xét «"), "{dry}");
    assert_eq!(ward.dump(), before);
    let done = messages(&ward, &["score", "import", "2026-dot1", "diem.csv"]);
    assert!(done.contains("Đã thay đổi 1 điểm đã ghi trước đó (cũ → mới):\n  VP 1.1.5: 1,5 → 2"), "{done}");
    assert!(done.contains("1 mới, 1 cập nhật"), "{done}");
    assert_eq!(note_of(&ward, "VP", "1.1.5"), "Chưa số hóa hết tài liệu");

    // A file with a note column sets the notes, and says so.
    ward.write("diem-nx.csv", "ma_don_vi,ma_tieu_chi,diem_tham_dinh,nhan_xet\nVP,1.1.5,2,Đủ hồ sơ\n");
    let done = messages(&ward, &["score", "import", "2026-dot1", "diem-nx.csv"]);
    assert!(done.contains("VP 1.1.5: 2 → 2; nhận xét «Chưa số hóa hết tài liệu» → «Đủ hồ sơ»"), "{done}");
    assert_eq!(note_of(&ward, "VP", "1.1.5"), "Đủ hồ sơ");
}

/// Ctrl-C in the middle of a long import: the Vietnamese word, exit code 130, nothing written.
#[cfg(unix)]
#[test]
fn ctrl_c_during_an_import_stops_with_nothing_written() {
    use std::fmt::Write as _;
    let ward = Ward::new();
    let mut csv = String::from("ma_don_vi,ten_don_vi,loai\n");
    for i in 0..100_000 {
        writeln!(csv, "DV{i},Đơn vị số {i},co-quan-chuyen-mon").unwrap();
    }
    ward.write("rat-nhieu.csv", csv);
    let before = ward.dump();
    let child =
        ward.std_cmd(&["unit", "import", "rat-nhieu.csv"]).stderr(std::process::Stdio::piped()).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    let kill = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(err.contains("Đã dừng (Ctrl-C): chưa ghi gì vào cơ sở dữ liệu"), "{err}");
    assert_eq!(ward.dump(), before);
}
