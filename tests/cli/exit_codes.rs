//! Exit codes a script can act on (README, «Mã thoát»): 2 usage, 3 busy, 4 damaged or newer, 70 internal error.
//! 1 (data refused) is asserted throughout the other modules; 3 by reliability_concurrency, 4 for a newer and a
//! foreign file by store.rs.

use crate::common::Ward;

#[test]
fn a_damaged_database_exits_with_4_and_is_left_as_it_was() {
    let ward = Ward::example();
    {
        let conn = rusqlite::Connection::open(ward.db()).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let mut bytes = std::fs::read(ward.db()).unwrap();
    let page = 4096;
    assert!(bytes.len() > 8 * page, "{}", bytes.len());
    // Every page after the first (the schema root stays readable): b-tree headers become nonsense.
    for b in &mut bytes[page..] {
        *b = 0xA5;
    }
    ward.write("cchc.db", &bytes);
    let err = ward.fails(4, &["unit", "list"]);
    assert!(err.contains("hỏng") || err.contains("malformed"), "{err}");
    assert_eq!(std::fs::read(ward.db()).unwrap(), bytes);
}

#[test]
fn a_write_lock_held_by_another_program_exits_with_3() {
    let ward = Ward::example();
    let before = ward.dump();
    let mut holder = rusqlite::Connection::open(ward.db()).unwrap();
    let lock = holder.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).unwrap();
    let out = ward
        .cmd(&["unit", "add", "--code", "MOI", "--name", "Đơn vị mới"])
        .env("CCHC_BUSY_TIMEOUT", "0.1")
        .output()
        .unwrap();
    drop(lock);
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(ward.dump(), before);
}

/// The panic is reachable only in a debug build (`#[cfg(debug_assertions)]` in `lib::run`), never by users.
#[test]
fn an_internal_error_exits_with_70_and_says_so_in_vietnamese() {
    let ward = Ward::example();
    let before = ward.dump();
    let out = ward.cmd(&["unit", "list"]).env("CCHC_DEBUG_PANIC", "1").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(70), "{stderr}");
    assert!(stderr.starts_with("Lỗi nội bộ của cchc") && stderr.contains("Báo lỗi"), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(ward.dump(), before);
}

#[test]
fn usage_errors_of_unset_and_demo_exit_with_2() {
    let ward = Ward::example();
    let err = ward.fails(2, &["score", "unset", "2026-dot1", "VP"]);
    assert!(err.starts_with("Lỗi cú pháp") && err.contains("<MÃ_TIÊU_CHÍ>"), "{err}");
    let err = ward.fails(2, &["demo", "--db", "khac.db"]);
    assert!(err.contains("không dùng --db"), "{err}");
}
