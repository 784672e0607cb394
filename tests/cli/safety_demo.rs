//! Issue 25, item 1: the demo writes only what it creates, and never opens --db/CCHC_DB.

use crate::common::Ward;

#[test]
fn demo_beside_a_real_database_changes_nothing() {
    let ward = Ward::example();
    let before = std::fs::read(ward.db()).unwrap();
    let err = ward.fails(1, &["demo", "--out", "."]);
    assert!(err.contains("cchc.db") && err.contains("--out"), "{err}");
    assert_eq!(std::fs::read(ward.db()).unwrap(), before);
    let names: Vec<_> = std::fs::read_dir(ward.dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn demo_never_opens_the_configured_database_and_may_run_again_in_its_folder() {
    let ward = Ward::empty();
    // CCHC_DB points at a file that is not a database: the demo does not touch it.
    ward.write("cchc.db", b"not a database");
    ward.ok(&["demo", "--out", "mau"]);
    ward.ok(&["demo", "--out", "mau"]);
    assert_eq!(std::fs::read(ward.db()).unwrap(), b"not a database");
    assert!(ward.path("mau/cchc.db").is_file() && ward.path("mau/.cchc-demo").is_file());
    let hidden: Vec<_> = std::fs::read_dir(ward.path("mau"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("dang-dung") || n.contains("-cu-"))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

#[test]
fn demo_refuses_a_folder_holding_a_file_it_would_replace() {
    let ward = Ward::empty();
    ward.write("tep-mau", b"ghi chu cua toi");
    let err = ward.fails(1, &["demo", "--out", "."]);
    assert!(err.contains("tep-mau"), "{err}");
    assert_eq!(std::fs::read(ward.path("tep-mau")).unwrap(), b"ghi chu cua toi");
}
