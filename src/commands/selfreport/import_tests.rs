//! Property: any file either imports whole or is refused with an error, never a panic and never a partial write.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::commands::init;
use crate::domain::directory::Assignment;
use crate::domain::directory::Unit;
use crate::store::Store;
use crate::store::assignments;
use crate::store::rounds::NewRound;
use crate::store::units as unit_store;

fn ward(dir: &std::path::Path) -> Context {
    let now = NaiveDate::from_ymd_opt(2026, 6, 20).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap();
    let ctx = Context { db_path: dir.join("cchc.db"), actor: "kiểm thử".into(), now, replaying: false };
    init::run(&ctx, init::InitArgs { catalogue: None, ward: None, province: None }).unwrap();
    let mut store = ctx.store().unwrap();
    store
        .write(|tx| -> Result<()> {
            for code in ["VP", "KT"] {
                unit_store::save(tx, &Unit { code: code.into(), name: format!("Đơn vị {code}"), kind: String::new() })?;
            }
            for code in ["1.1.5", "1.1.6", "1.1.7"] {
                assignments::save(
                    tx,
                    &Assignment { criterion: code.into(), unit_code: "VP".into(), official_code: None },
                )?;
            }
            let (hash, _) = catalogues::active(tx)?;
            let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
            let new = NewRound {
                kind: RoundKind::Dot1,
                year: 2026,
                start: d(7, 1),
                end: d(7, 10),
                selfreport_due: d(6, 26),
                topic: None,
                reason: None,
                units: vec![],
                catalogue_hash: hash,
            };
            rounds::create(tx, &new)?;
            Ok(())
        })
        .unwrap();
    ctx
}

/// Every row of every table, to compare before and after.
fn dump(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    for table in ["selfreports", "selfreport_items", "audit_log"] {
        let mut stmt = store.conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| Ok((0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join("|")))
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

fn args(file: std::path::PathBuf) -> ImportArgs {
    ImportArgs {
        round: "2026-dot1".into(),
        files: vec![file],
        unit: None,
        encoding: Encoding::Auto,
        dry_run: false,
        strict: false,
        allow_other_round: false,
        received: None,
    }
}

type RandomRow = (&'static str, &'static str, &'static str, &'static str, String);

fn row() -> impl Strategy<Value = RandomRow> {
    (
        prop::sample::select(vec!["VP", "VP", "KT", "vp", "XX", ""]),
        prop::sample::select(vec!["1.1.5", "1.1.6", "1.1.7", "1.2.1", "1.1", "2.1", "9.9", ""]),
        prop::sample::select(vec!["", "1", "0,5", "1.5", "2.5", "abc", "-1", "1e3", "1,0,0"]),
        prop::sample::select(vec!["", "96/100", "50%", "120/100", "x", "1/0", "101%"]),
        any::<String>(),
    )
}

/// Rows that are mostly good, so that whole files get through too.
fn good_row() -> impl Strategy<Value = RandomRow> {
    (
        prop::sample::select(vec!["VP", "KT"]),
        prop::sample::select(vec!["1.1.5", "1.1.6", "1.1.7", "1.2.1", "1.3.1", "1.4.1", "1.5.1"]),
        prop::sample::select(vec!["", "1", "0,5", "0.5"]),
        prop::sample::select(vec!["", "96/100", "50%"]),
        "[a-zA-ZĐđàáảãạăắằẳẵặâấầẩẫậ ,;\"\n]{0,30}",
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_file_imports_whole_or_not_at_all(
        rows in prop::collection::vec(prop_oneof![1 => row(), 3 => good_row()], 0..8),
        semicolon in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let ctx = ward(dir.path());
        let before = dump(&ctx.store().unwrap());
        let mut w = csv::WriterBuilder::new().delimiter(if semicolon { b';' } else { b',' }).from_writer(Vec::new());
        w.write_record(["Mã đơn vị", "Mã tiêu chí", "Điểm tự chấm", "Số liệu", "Kết quả thực hiện", "Tài liệu kiểm chứng"]).unwrap();
        for (unit, code, points, figure, text) in &rows {
            w.write_record([*unit, *code, *points, *figure, text.as_str(), "BC 1"]).unwrap();
        }
        let path = dir.path().join("tu-kiem-tra.csv");
        std::fs::write(&path, w.into_inner().unwrap()).unwrap();
        let result = run(&ctx, args(path));
        let store = ctx.store().unwrap();
        match result {
            Ok(()) => {
                let stored: i64 = store.conn
                    .query_row("SELECT COUNT(*) FROM selfreport_items i JOIN selfreports s ON s.id = i.selfreport_id WHERE s.is_current = 1", [], |r| r.get(0))
                    .unwrap();
                prop_assert_eq!(stored as usize, rows.len());
                let violations = store.conn.prepare("PRAGMA foreign_key_check").unwrap().query_map([], |_| Ok(())).unwrap().count();
                prop_assert_eq!(violations, 0);
            }
            Err(err) => {
                prop_assert!(!err.to_string().is_empty());
                prop_assert_eq!(dump(&store), before);
            }
        }
    }
}

#[test]
fn the_same_file_twice_changes_nothing_and_a_changed_one_is_a_new_revision() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = ward(dir.path());
    let head = "Mã đơn vị,Mã tiêu chí,Điểm tự chấm,Số liệu,Kết quả thực hiện,Tài liệu kiểm chứng\n";
    let path = dir.path().join("vp.csv");
    std::fs::write(&path, format!("{head}VP,1.1.5,2,,Đã lưu trữ số,BC 12\nVP,1.1.7,,96/100,Hoàn thành,BC 13\n"))
        .unwrap();
    run(&ctx, args(path.clone())).unwrap();
    let once = dump(&ctx.store().unwrap());
    run(&ctx, args(path.clone())).unwrap();
    assert_eq!(dump(&ctx.store().unwrap()), once);
    std::fs::write(&path, format!("{head}VP,1.1.7,,96/100,Hoàn thành,BC 13\nVP,1.1.5,1.5,,Đã lưu trữ số,BC 12\n"))
        .unwrap();
    run(&ctx, args(path)).unwrap();
    let store = ctx.store().unwrap();
    let revisions = crate::store::selfreports::revisions(&store.conn, "2026-dot1", "VP").unwrap();
    assert_eq!(revisions.iter().map(|r| (r.revision, r.is_current)).collect::<Vec<_>>(), vec![(1, false), (2, true)]);
    let audit: i64 =
        store.conn.query_row("SELECT COUNT(*) FROM audit_log WHERE entity = 'selfreport'", [], |r| r.get(0)).unwrap();
    assert_eq!(audit, 2);
}
