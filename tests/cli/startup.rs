//! Start-up: a command on a round reads its catalogue's parsed form from the database instead of parsing the TOML
//! each time (`catalogue_parsed`); a database from before that table gets it from its first command, and a listing
//! reads the same either way.

use crate::common::Ward;

const V10: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema/v10.db");

fn kept(ward: &Ward) -> i64 {
    let conn = rusqlite::Connection::open(ward.db()).unwrap();
    conn.query_row("SELECT count(*) FROM catalogue_parsed", [], |r| r.get(0)).unwrap()
}

#[test]
fn an_older_database_gets_the_parsed_form_at_its_first_command_and_lists_the_same_with_or_without_it() {
    let ward = Ward::empty();
    std::fs::copy(V10, ward.db()).unwrap();
    ward.ok(&["round", "list"]);
    assert_eq!(kept(&ward), 1, "the round's catalogue, kept by the first command");
    let listings = || {
        let commands: [&[&str]; 4] = [
            &["score", "list", "2026-dot1"],
            &["score", "list", "2026-dot1", "--format", "json"],
            &["criteria", "list", "--format", "json"],
            &["criteria", "show", "1.1.5"],
        ];
        commands.map(|args| ward.ok(args))
    };
    let from_kept = listings();

    // Without the parsed form, and with another command writing so that it cannot be kept again: parsed each time.
    let writer = rusqlite::Connection::open(ward.db()).unwrap();
    writer.execute_batch("DELETE FROM catalogue_parsed; BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let parsed = listings();
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "no command waited for the writer");
    writer.execute_batch("ROLLBACK").unwrap();
    assert_eq!(kept(&ward), 0);
    assert_eq!(from_kept, parsed);
    assert!(from_kept[0].contains("1.1.1"), "{}", from_kept[0]);

    ward.ok(&["round", "list"]);
    assert_eq!(kept(&ward), 1, "kept again once the writer is done");
}
