//! The store on real SQLite files in temporary folders.
#![allow(clippy::unwrap_used, missing_docs)]

use panel_core::access::Passphrase;
use panel_core::analysis::{Basis, Filter};
use panel_core::demo::demo;
use panel_core::interchange::{read_dataset, write_dataset};
use panel_core::{FinancialYear, Money};
use panel_store::{Store, StoreError};
use rusqlite::Connection;

const EXAMPLE: &str = include_str!("../../../docs/examples/oakfield.json");

fn date(s: &str) -> chrono::NaiveDate {
    panel_core::year::parse_iso_date(s).unwrap()
}

fn fresh(dir: &tempfile::TempDir, name: &str) -> Store {
    Store::open(&dir.path().join(name), "tester").unwrap()
}

/// Everything in the database, as text, and the audit trail's length: what "unchanged" means.
fn snapshot(store: &Store) -> (String, i64) {
    (
        write_dataset(&store.export().unwrap()),
        store.audit_count().unwrap(),
    )
}

#[test]
fn creates_migrates_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/panel.sqlite3");
    let store = Store::open(&path, "tester").unwrap();
    assert!(store.is_empty().unwrap());
    let version: i64 = store
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, panel_store::SCHEMA_VERSION);
    assert_eq!(version, 17);
    let mode: String = store
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = store
        .connection()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    drop(store);
    let again = Store::open(&path, "tester").unwrap();
    assert_eq!(again.settings().unwrap().decision_prefix, "CNP");
}

#[test]
fn brings_a_first_version_file_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.sqlite3");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../migrations/0001_initial.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let store = Store::open(&path, "tester").unwrap();
    let version: i64 = store
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 17);
    for (table, column) in [
        ("agenda_items", "ratifies_id"),
        ("decisions", "placement_snapshot"),
        ("meetings", "starts_at"),
    ] {
        let columns: i64 = store
            .connection()
            .query_row(
                "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2",
                [table, column],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(columns, 1, "{table}.{column}");
    }
    assert_eq!(store.settings().unwrap().decision_prefix, "CNP");
}

#[test]
fn the_trail_written_before_saves_were_numbered_is_grouped_and_placed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.sqlite3");
    {
        let conn = Connection::open(&path).unwrap();
        for sql in [
            include_str!("../migrations/0001_initial.sql"),
            include_str!("../migrations/0002_ratification.sql"),
            include_str!("../migrations/0003_placement_snapshot.sql"),
            include_str!("../migrations/0004_seals_and_events.sql"),
            include_str!("../migrations/0005_decision_indexes.sql"),
            include_str!("../migrations/0006_meeting_start.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 6).unwrap();
        // A trail as an earlier version wrote it: a case with a placement and a cost line in
        // one save; a meeting five seconds later; another person's item and decision on it;
        // then the cost line and the placement removed (rows since deleted).
        let rows = [
            (
                "10:00:00.000",
                "Ann",
                "cases",
                1,
                "insert",
                r#"{"id":1,"reference":"CN-1"}"#,
            ),
            (
                "10:00:00.100",
                "Ann",
                "placements",
                5,
                "insert",
                r#"{"id":5,"case_id":1}"#,
            ),
            (
                "10:00:00.200",
                "Ann",
                "cost_lines",
                9,
                "insert",
                r#"{"id":9,"placement_id":5}"#,
            ),
            (
                "10:00:05.000",
                "Ann",
                "meetings",
                2,
                "insert",
                r#"{"id":2,"date":"2026-12-10"}"#,
            ),
            (
                "10:00:05.100",
                "Bob",
                "agenda_items",
                3,
                "insert",
                r#"{"id":3,"meeting_id":2,"case_id":1}"#,
            ),
            (
                "10:00:05.200",
                "Bob",
                "decisions",
                4,
                "insert",
                r#"{"id":4,"case_id":1,"item_id":3}"#,
            ),
            (
                "10:00:05.300",
                "Bob",
                "assents",
                7,
                "insert",
                r#"{"id":7,"decision_id":4}"#,
            ),
            (
                "10:00:09.000",
                "Ann",
                "cost_lines",
                9,
                "delete",
                r#"{"id":9,"placement_id":5}"#,
            ),
            (
                "10:00:09.100",
                "Ann",
                "placements",
                5,
                "delete",
                r#"{"id":5,"case_id":1}"#,
            ),
        ];
        for (at, actor, table, row, action, json) in rows {
            let (before, after) = if action == "delete" {
                (Some(json), None)
            } else {
                (None, Some(json))
            };
            conn.execute(
                "INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                rusqlite::params![format!("2026-11-23T{at}Z"), actor, table, row, action, before, after],
            )
            .unwrap();
        }
        conn.execute(
            "INSERT INTO events (at, actor, event) VALUES ('2026-11-23T10:00:06Z', 'Ann', 'encrypted')",
            [],
        )
        .unwrap();
    }
    let store = Store::open(&path, "tester").unwrap();
    let placed: Vec<(i64, Option<i64>, Option<i64>)> = store
        .connection()
        .prepare("SELECT save, case_id, meeting_id FROM audit_log ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        placed,
        [
            (1, Some(1), None),
            (1, Some(1), None),
            (1, Some(1), None),
            (4, None, Some(2)),
            (5, Some(1), Some(2)),
            (5, Some(1), Some(2)),
            (5, Some(1), Some(2)),
            (8, Some(1), None),
            (8, Some(1), None),
        ]
    );
    let seq: i64 = store
        .connection()
        .query_row("SELECT audit_seq FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        seq, 7,
        "the event came after the assent, before the removals"
    );
}

#[test]
fn each_save_numbers_its_rows_alike_and_the_next_save_anew() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(&dir, "a.sqlite3");
    store.import(&read_dataset(EXAMPLE).unwrap()).unwrap();
    let m = store
        .create_meeting(
            &panel_core::meeting::new_meeting("10/12/2026", "County Hall", "Helen Ward").unwrap(),
        )
        .unwrap();
    store
        .add_attendee(
            m,
            &panel_core::meeting::new_attendee(
                "Helen Ward",
                "Children's Services",
                Some(0),
                "",
                "present",
            )
            .unwrap(),
        )
        .unwrap();
    // A refused change writes nothing and numbers nothing.
    assert!(
        store
            .create_meeting(&panel_core::meeting::new_meeting("10/12/2026", "", "X").unwrap())
            .is_err()
    );
    let saves: Vec<(i64, i64, i64, Option<i64>)> = store
        .connection()
        .prepare("SELECT save, min(id), count(*), min(meeting_id) FROM audit_log GROUP BY save ORDER BY save")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    // The import, the meeting, the attendee: three saves, each numbered by its first row.
    assert_eq!(saves.len(), 3, "{saves:?}");
    for (save, first, _, _) in &saves {
        assert_eq!(save, first);
    }
    assert!(saves[0].2 > 10, "the import is one save of many rows");
    assert_eq!((saves[1].2, saves[1].3), (1, Some(m)));
    assert_eq!((saves[2].2, saves[2].3), (1, Some(m)));
    // The import's rows are placed in the example's case.
    let unplaced: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE table_name IN ('placements', 'cost_lines', 'splits', 'split_shares') AND case_id IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unplaced, 0);
}

#[test]
fn refuses_a_database_from_a_newer_program() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.sqlite3");
    drop(Store::open(&path, "tester").unwrap());
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = Store::open(&path, "tester").err().unwrap();
    assert!(matches!(
        err,
        StoreError::TooNew {
            found: 99,
            supported: 17
        }
    ));
    assert!(err.to_string().contains("newer version"), "{err}");
}

#[test]
fn refuses_files_that_are_not_ours() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "this is not a database, just some notes that go on for a while .........................................").unwrap();
    // Without a header it could be an encrypted database; no passphrase opens it.
    let err = Store::open(&text, "tester").err().unwrap();
    assert!(matches!(err, StoreError::Encrypted { .. }), "{err}");
    let key = Passphrase::given("any passphrase").unwrap();
    let err = Store::open_encrypted(&text, "tester", &key).err().unwrap();
    assert!(
        err.to_string()
            .contains("not a Complex Needs Panel database"),
        "{err}"
    );
    assert!(
        std::fs::read(&text)
            .unwrap()
            .starts_with(b"this is not a database")
    );
    let other = dir.path().join("other.sqlite3");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let err = Store::open(&other, "tester").err().unwrap();
    assert!(
        err.to_string().contains("already holds other tables"),
        "{err}"
    );
}

#[test]
fn example_imports_and_its_spend_matches_the_hand_figures() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(&dir, "a.sqlite3");
    let summary = store.import(&read_dataset(EXAMPLE).unwrap()).unwrap();
    assert_eq!(
        (
            summary.partners,
            summary.cases,
            summary.placements,
            summary.cost_lines
        ),
        (3, 1, 1, 3)
    );
    let r = store
        .spend("2023/24".parse().unwrap(), date("2023-09-30"))
        .unwrap();
    assert_eq!(r.budget, Money::from_pounds(1_000_000));
    assert_eq!(r.projected.to_plain(), "287312.50");
    assert_eq!(r.to_date.to_plain(), "140700.00");
    assert_eq!(r.variance.to_plain(), "-712687.50");
    let parts: Vec<String> = r
        .partners
        .iter()
        .map(|p| {
            format!(
                "{} {} {} {}",
                p.code,
                p.projected.to_plain(),
                p.to_date.to_plain(),
                p.risk_share.to_plain()
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            "SC 128995.00 70350.00 -356343.75",
            "ED 79158.75 35175.00 -213806.25",
            "HE 79158.75 35175.00 -142537.50"
        ]
    );
    // The year before: the placement from 15 Jan 2023, no agreement.
    let r = store
        .spend("2022/23".parse().unwrap(), date("2023-03-31"))
        .unwrap();
    // 15 Jan – 31 Mar 2023 = 76 days at £5,250/wk: 525000 × 76 / 7 = 5700000p.
    assert_eq!(r.projected.pence(), 5_700_000);
    assert_eq!(r.budget, Money::ZERO);
}

#[test]
fn export_import_export_is_identical() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = fresh(&dir, "first.sqlite3");
    first.import(&demo(date("2026-11-23"))).unwrap();
    let exported = write_dataset(&first.export().unwrap());
    let mut second = fresh(&dir, "second.sqlite3");
    second.import(&read_dataset(&exported).unwrap()).unwrap();
    let again = write_dataset(&second.export().unwrap());
    assert!(
        exported == again,
        "the second export differs from the first"
    );
    // And the demo, which has meetings, decisions and locked parts, came through whole.
    let d = second.export().unwrap();
    assert!(!d.meetings.is_empty() && !d.decisions.is_empty());
}

#[test]
fn a_failed_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(&dir, "a.sqlite3");
    store.import(&read_dataset(EXAMPLE).unwrap()).unwrap();
    let before = snapshot(&store);
    // Same case reference again, plus a new partner and agreement that would otherwise go in.
    let text = EXAMPLE
        .replace(
            r#"{"code": "HE", "name": "Health"}"#,
            r#"{"code": "HE", "name": "Health"}, {"code": "VS", "name": "Virtual school"}"#,
        )
        .replace(r#""year": "2023/24""#, r#""year": "2024/25""#);
    let err = store.import(&read_dataset(&text).unwrap()).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("cases[0].reference: \"CN-0001\" is already a case in the database"),
        "{msg}"
    );
    assert_eq!(snapshot(&store), before);
    // A partner whose name differs from the stored one is refused too.
    let text = EXAMPLE
        .replace(r#""name": "Health""#, r#""name": "NHS""#)
        .replace("CN-0001", "CN-0002")
        .replace("2023/24", "2025/26");
    let err = store.import(&read_dataset(&text).unwrap()).unwrap_err();
    assert!(
        err.to_string()
            .contains("partners[2].name: \"NHS\" differs"),
        "{err}"
    );
    assert_eq!(snapshot(&store), before);
}

#[test]
fn an_import_that_fits_adds_to_what_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(&dir, "a.sqlite3");
    store.import(&read_dataset(EXAMPLE).unwrap()).unwrap();
    let text = EXAMPLE
        .replace("CN-0001", "CN-0002")
        .replace("2023/24", "2024/25");
    let s = store.import(&read_dataset(&text).unwrap()).unwrap();
    assert_eq!((s.partners, s.agreements, s.cases), (0, 1, 1));
    assert_eq!(store.export().unwrap().cases.len(), 2);
}

#[test]
fn every_change_is_audited_with_who_and_what() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(&dir, "a.sqlite3");
    store.import(&read_dataset(EXAMPLE).unwrap()).unwrap();
    let conn = store.connection();
    let (actor, after): (String, String) = conn
        .query_row("SELECT actor, after FROM audit_log WHERE table_name = 'cost_lines' AND action = 'insert' ORDER BY id LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(actor, "tester");
    assert!(after.contains("\"amount_pence\":525000"), "{after}");
    // Rows written: 3 partners, 1 agreement, 3 contributions, 1 case, 1 placement, 3 lines, 2 splits, 6 shares.
    assert_eq!(store.audit_count().unwrap(), 20);
    conn.execute(
        "UPDATE cases SET needs = 'Updated' WHERE reference = 'CN-0001'",
        [],
    )
    .unwrap();
    let (before, after): (String, String) = conn
        .query_row(
            "SELECT before, after FROM audit_log WHERE table_name = 'cases' AND action = 'update'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(before.contains("\"needs\":\"\"") && after.contains("\"needs\":\"Updated\""));
    // The trail itself cannot be changed.
    let err = conn.execute("DELETE FROM audit_log", []).unwrap_err();
    assert!(
        err.to_string()
            .contains("the audit trail cannot be changed"),
        "{err}"
    );
    let err = conn
        .execute("UPDATE audit_log SET actor = 'someone else'", [])
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("the audit trail cannot be changed"),
        "{err}"
    );
}

#[test]
fn a_change_outside_the_program_is_refused_not_unrecorded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.sqlite3");
    let mut store = Store::open(&path, "tester").unwrap();
    store.import(&read_dataset(EXAMPLE).unwrap()).unwrap();
    drop(store);
    let raw = Connection::open(&path).unwrap();
    let err = raw
        .execute("UPDATE cases SET initials = 'X.Y.'", [])
        .unwrap_err();
    assert!(err.to_string().contains("panel_actor"), "{err}");
    let initials: String = raw
        .query_row("SELECT initials FROM cases", [], |r| r.get(0))
        .unwrap();
    assert_eq!(initials, "A.B.");
}

#[test]
fn finalised_decisions_cannot_be_changed_even_by_raw_sql() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(&dir, "a.sqlite3");
    store.import(&demo(date("2026-11-23"))).unwrap();
    let conn = store.connection();
    let (id, number): (i64, String) = conn
        .query_row(
            "SELECT id, number FROM decisions WHERE status = 'final' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(number.starts_with("CNP/"), "{number}");
    for sql in [
        format!("UPDATE decisions SET reasons = 'changed' WHERE id = {id}"),
        format!(
            "UPDATE decisions SET status = 'draft', number = NULL, year_start = NULL, seq = NULL WHERE id = {id}"
        ),
        format!("DELETE FROM decisions WHERE id = {id}"),
        format!("UPDATE decision_paragraphs SET text = 'changed' WHERE decision_id = {id}"),
        format!("DELETE FROM decision_paragraphs WHERE decision_id = {id}"),
        format!("INSERT INTO conditions (decision_id, position, text) VALUES ({id}, 99, 'new')"),
        format!("DELETE FROM assents WHERE decision_id = {id}"),
    ] {
        let err = conn.execute(&sql, []).unwrap_err();
        assert!(
            err.to_string().contains("finalised decision"),
            "{sql}: {err}"
        );
    }
    // Schema constraints hold too: a final decision needs its number, numbers are unique.
    conn.execute("INSERT INTO decisions (status, case_id, decided_on, outcome, subject) VALUES ('draft', 1, '2026-11-12', 'approved', 'draft')", []).unwrap();
    let draft = conn.last_insert_rowid();
    let err = conn
        .execute(
            &format!("UPDATE decisions SET status = 'final' WHERE id = {draft}"),
            [],
        )
        .unwrap_err();
    assert!(err.to_string().contains("CHECK"), "{err}");
    let dup = conn.execute(
        &format!("INSERT INTO decisions (status, number, year_start, seq, case_id, decided_on, outcome, subject) SELECT 'final', number, year_start, seq, case_id, decided_on, outcome, subject FROM decisions WHERE id = {id}"),
        [],
    );
    assert!(dup.unwrap_err().to_string().contains("UNIQUE"));
}

#[test]
fn schema_constraints_refuse_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(&dir, "a.sqlite3");
    store.import(&read_dataset(EXAMPLE).unwrap()).unwrap();
    let conn = store.connection();
    for sql in [
        "INSERT INTO split_shares (split_id, partner_id, basis_points) VALUES (1, 1, 10001)",
        "INSERT INTO cost_lines (placement_id, position, description, per, amount_pence, from_date) VALUES (1, 9, 'x', 'month', 100, '2023-01-01')",
        "INSERT INTO cost_lines (placement_id, position, description, per, amount_pence, from_date) VALUES (1, 9, 'x', 'week', 100, '2023-02-30')",
        "INSERT INTO placements (case_id, position, provider, type, start_date, end_date) VALUES (1, 5, 'P', 'residential', '2023-05-01', '2023-04-01')",
        "INSERT INTO placements (case_id, position, provider, type, start_date) VALUES (99, 5, 'P', 'residential', '2023-05-01')",
        "INSERT INTO cases (reference, initials) VALUES ('CN-0001', 'C.D.')",
        "INSERT INTO decisions (status, case_id, decided_on, outcome, subject) VALUES ('final', 1, '2023-05-01', 'approved', 'x')",
    ] {
        assert!(conn.execute(sql, []).is_err(), "accepted: {sql}");
    }
}

#[test]
fn spend_agrees_with_the_core_on_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(&dir, "a.sqlite3");
    let d = demo(date("2026-11-23"));
    store.import(&d).unwrap();
    for y in 2023..=2026 {
        let year = FinancialYear::starting(y).unwrap();
        let as_of = date("2026-11-23");
        let placements: Vec<_> = d
            .cases
            .iter()
            .flat_map(|c| &c.placements)
            .map(|p| p.placement.clone())
            .collect();
        let agreement = d.agreements.iter().find(|a| a.year == year);
        let expected = panel_core::spend_report(year, as_of, &d.partners, agreement, &placements);
        assert_eq!(store.spend(year, as_of).unwrap(), expected, "{year}");
    }
}

#[test]
fn the_spend_screen_stands_on_the_same_figures_and_explains_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(&dir, "a.sqlite3");
    let d = demo(date("2026-11-23"));
    store.import(&d).unwrap();
    let as_of = date("2026-11-23");
    let year = FinancialYear::containing(as_of);
    let screen = store.spend_screen(year, as_of, &Filter::default()).unwrap();
    assert_eq!(screen.report, store.spend(year, as_of).unwrap());
    assert_eq!(screen.selection.spend.projected, screen.report.projected);
    assert_eq!(screen.selection.spend.to_date, screen.report.to_date);
    assert!(screen.activity.children > 0);
    // Each year side by side is that year's `panel spend`.
    for line in &screen.years {
        let r = store.spend(line.year, as_of).unwrap();
        assert_eq!(
            (line.budget, line.projected),
            (r.budget, r.projected),
            "{}",
            line.year
        );
    }
    // Every placement's figures are the sum of its segments, which name its cost lines.
    for line in &screen.placements {
        let (p, segs) = store.spend_segments(line.id, year, as_of).unwrap();
        assert_eq!(p.case_reference, line.case_reference);
        let sum = |b: Basis| {
            segs.iter()
                .filter(|s| s.basis == b)
                .map(|s| s.cost)
                .sum::<Money>()
        };
        assert_eq!(sum(Basis::ToDate), line.spend.to_date);
        assert_eq!(sum(Basis::Projected), line.spend.projected);
        assert!(segs.iter().all(|s| !s.line.is_empty()));
    }
    // A placement with no day in the year is a clear error.
    let ended = store
        .spend_screen(
            FinancialYear::starting(2016).unwrap(),
            as_of,
            &Filter::default(),
        )
        .unwrap();
    assert!(ended.placements.is_empty());
    let err = store.spend_segments(
        screen.placements[0].id,
        FinancialYear::starting(2016).unwrap(),
        as_of,
    );
    assert!(matches!(err, Err(StoreError::NotFound(_))), "{err:?}");
    assert!(matches!(
        store.spend_screen(
            year,
            as_of,
            &Filter {
                partner: Some(9),
                ..Filter::default()
            }
        ),
        Err(StoreError::NotFound(_))
    ));
    // The detail CSV's cost column adds up to the screen's projected spend.
    let csv = store.spend_detail_csv(year, as_of).unwrap();
    let head: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let (basis, cost) = (
        head.iter().position(|h| *h == "basis").unwrap(),
        head.iter().position(|h| *h == "cost").unwrap(),
    );
    let projected: i64 = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|c| c[basis] == "projected")
        .map(|c| Money::parse("cost", c[cost]).unwrap().pence())
        .sum();
    assert_eq!(projected, screen.report.projected.pence());
    let summary = store.spend_summary_csv(year, as_of).unwrap();
    let total = summary.lines().last().unwrap();
    assert!(
        total.contains(&format!(",{},", screen.report.projected.to_plain())),
        "{total}"
    );
}

/// Imports the example with draft decisions about its case on `dates`; returns their ids.
fn example_with_drafts(store: &mut Store, dates: &[&str]) -> Vec<i64> {
    let decisions: Vec<String> = dates
        .iter()
        .map(|d| format!(r#"{{"number": null, "status": "draft", "case": "CN-0001", "decided_on": "{d}", "outcome": "approved", "subject": "Placement at Oakfield House", "paragraphs": ["approve the placement"], "reasons": "Needs met", "alternatives": "None", "review_date": "2025-06-01", "assent": {{"SC": "agree", "ED": "agree", "HE": "agree"}}}}"#))
        .collect();
    let body = EXAMPLE.trim_end().strip_suffix('}').unwrap();
    let text = format!("{body}, \"decisions\": [{}]}}", decisions.join(", "));
    store.import(&read_dataset(&text).unwrap()).unwrap();
    let mut stmt = store
        .connection()
        .prepare("SELECT id FROM decisions ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn finalising_numbers_decisions_in_sequence_per_financial_year() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(&dir, "a.sqlite3");
    let ids = example_with_drafts(
        &mut store,
        &["2023-05-11", "2023-06-08", "2024-03-31", "2024-04-01"],
    );
    let numbers: Vec<String> = [ids[1], ids[0], ids[2], ids[3]]
        .iter()
        .map(|&id| store.finalise_decision(id).unwrap().to_string())
        .collect();
    // Numbered in the order finalised, restarting at 0001 in a new financial year.
    assert_eq!(
        numbers,
        [
            "CNP/23-24/0001",
            "CNP/23-24/0002",
            "CNP/23-24/0003",
            "CNP/24-25/0001"
        ]
    );
    // Final means final.
    let err = store.finalise_decision(ids[0]).unwrap_err().to_string();
    assert!(err.contains("already final"), "{err}");
    let err = store
        .connection()
        .execute("UPDATE decisions SET subject = 'x' WHERE id = ?1", [ids[0]])
        .unwrap_err();
    assert!(err.to_string().contains("finalised decision"));
    let err = store.finalise_decision(9999).unwrap_err().to_string();
    assert!(err.contains("no such decision"), "{err}");
    // The numbers survive an export and import.
    let text = write_dataset(&store.export().unwrap());
    assert!(text.contains("\"number\": \"CNP/24-25/0001\""));
}

#[test]
fn meetings_attendance_and_quorum() {
    use panel_core::meeting::{new_attendee, new_meeting};
    use panel_core::model::Attendance;
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(&dir, "a.sqlite3");
    store.import(&read_dataset(EXAMPLE).unwrap()).unwrap();
    let id = store
        .create_meeting(&new_meeting("10/12/2026", "County Hall", "Helen Ward").unwrap())
        .unwrap();
    let err = store
        .create_meeting(&new_meeting("2026-12-10", "", "Someone").unwrap())
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Field(f) if f[0].field == "date" && f[0].message == "There is already a meeting on 10/12/2026"),
        "{err}"
    );
    assert!(!store.meeting(id).unwrap().quorum.quorate);
    assert!(matches!(
        store.meeting(id + 999),
        Err(StoreError::NotFound(_))
    ));
    let mut ids = Vec::new();
    for (name, partner) in [("Helen Ward", 0), ("Marcus Bell", 1), ("Dr Priya Nair", 2)] {
        ids.push(
            store
                .add_attendee(
                    id,
                    &new_attendee(name, "Agency", Some(partner), "", "present").unwrap(),
                )
                .unwrap(),
        );
    }
    store
        .add_attendee(
            id,
            &new_attendee("Sam Okafor", "Virtual School", None, "", "present").unwrap(),
        )
        .unwrap();
    let m = store.meeting(id).unwrap();
    assert!(m.quorum.quorate && m.summary.quorate);
    assert_eq!(m.attendees.len(), 4);
    // Health sends apologies instead: inquorate, and the list says so.
    store.set_attendance(ids[2], Attendance::Apologies).unwrap();
    let m = store.meeting(id).unwrap();
    assert_eq!(m.quorum.represented, [true, true, false]);
    assert!(!store.meetings().unwrap()[0].quorate);
    let dup = store
        .add_attendee(
            id,
            &new_attendee("Helen Ward", "Agency", None, "", "present").unwrap(),
        )
        .unwrap_err();
    assert!(dup.to_string().contains("already listed"));
    // The same person spaced, capitalised or with a no-break space is the same person.
    for again in ["helen  ward", "HELEN WARD", "Helen\u{A0}Ward"] {
        let dup = store
            .add_attendee(
                id,
                &new_attendee(again, "Agency", None, "", "present").unwrap(),
            )
            .unwrap_err();
        assert!(
            dup.to_string().contains("Helen Ward is already listed"),
            "{again:?}: {dup}"
        );
    }
    store.remove_attendee(ids[2]).unwrap();
    assert_eq!(store.meeting(id).unwrap().attendees.len(), 3);
    // Every one of those changes is in the audit trail.
    let n: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE table_name IN ('meetings', 'attendees')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1 + 4 + 1 + 1);
}

#[test]
fn a_meeting_changes_until_approved_and_keeps_its_date_once_decided() {
    use panel_core::meeting::{NewAgendaItem, meeting_fields};
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(&dir, "a.sqlite3");
    store.import(&read_dataset(EXAMPLE).unwrap()).unwrap();
    let id = store
        .create_meeting(&meeting_fields("10/12/2026", "9:30", "County Hall", "Helen Ward").unwrap())
        .unwrap();
    let other = store
        .create_meeting(&meeting_fields("14/01/2027", "", "", "Helen Ward").unwrap())
        .unwrap();
    let m = store.meeting(id).unwrap().summary;
    assert_eq!(m.starts_at, chrono::NaiveTime::from_hms_opt(9, 30, 0));
    assert_eq!(store.meeting(other).unwrap().summary.starts_at, None);
    // Everything changes while nothing is decided; the audit trail keeps the start time.
    store
        .update_meeting(
            id,
            &meeting_fields("11/12/2026", "14:00", "Room 2", "Marcus Bell").unwrap(),
        )
        .unwrap();
    let m = store.meeting(id).unwrap().summary;
    assert_eq!(
        (m.date, m.starts_at, m.venue.as_str(), m.chair.as_str()),
        (
            date("2026-12-11"),
            chrono::NaiveTime::from_hms_opt(14, 0, 0),
            "Room 2",
            "Marcus Bell"
        )
    );
    let after: String = store
        .connection()
        .query_row(
            "SELECT after FROM audit_log WHERE table_name = 'meetings' AND action = 'update' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(after.contains(r#""starts_at":"14:00""#), "{after}");
    // Saving it unchanged writes nothing to the trail.
    let before = snapshot(&store);
    store
        .update_meeting(
            id,
            &meeting_fields("11/12/2026", "14:00", "Room 2", "Marcus Bell").unwrap(),
        )
        .unwrap();
    assert_eq!(snapshot(&store), before);
    // Another meeting's date is taken.
    let err = store
        .update_meeting(
            id,
            &meeting_fields("14/01/2027", "", "", "Helen Ward").unwrap(),
        )
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Field(f) if f[0].field == "date" && f[0].message == "There is already a meeting on 14/01/2027"),
        "{err}"
    );
    // Once a decision of the meeting is recorded, even as a draft, its date stays; the rest
    // still changes.
    let item = store
        .add_agenda_item(
            id,
            &NewAgendaItem {
                kind: panel_core::model::ItemKind::Information,
                case: None,
                title: "Budget update".into(),
                presenter: String::new(),
                minutes: 10,
                ask: String::new(),
                ratifies: None,
            },
        )
        .unwrap();
    let case_id = store.cases(date("2026-12-11")).unwrap()[0].id;
    store
        .connection()
        .execute(
            "INSERT INTO decisions (status, item_id, case_id, decided_on, outcome, subject) VALUES ('draft', ?1, ?2, '2026-12-11', 'approved', 'x')",
            rusqlite::params![item, case_id],
        )
        .unwrap();
    let err = store
        .update_meeting(
            id,
            &meeting_fields("12/12/2026", "14:00", "Room 2", "Marcus Bell").unwrap(),
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("the date can no longer change"),
        "{err}"
    );
    store
        .update_meeting(
            id,
            &meeting_fields("11/12/2026", "", "Room 3", "Marcus Bell").unwrap(),
        )
        .unwrap();
    assert_eq!(store.meeting(id).unwrap().summary.starts_at, None);
    // Approved minutes: nothing changes.
    store
        .connection()
        .execute(
            "UPDATE meetings SET minutes_status = 'approved' WHERE id = ?1",
            [other],
        )
        .unwrap();
    let before = snapshot(&store);
    let err = store
        .update_meeting(
            other,
            &meeting_fields("14/01/2027", "10:00", "", "Helen Ward").unwrap(),
        )
        .unwrap_err();
    assert!(err.to_string().contains("approved"), "{err}");
    assert_eq!(snapshot(&store), before);
}

#[test]
fn agenda_items_order_and_the_reviews_offered() {
    use panel_core::meeting::{new_agenda_item, new_meeting};
    use panel_core::model::ItemKind;
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh(&dir, "a.sqlite3");
    store.import(&read_dataset(EXAMPLE).unwrap()).unwrap();
    // Oakfield started 15/01/2023: six-monthly reviews fall on 15 July and 15 January.
    let november = store
        .create_meeting(&new_meeting("16/11/2023", "", "Chair").unwrap())
        .unwrap();
    let january = store
        .create_meeting(&new_meeting("18/01/2024", "", "Chair").unwrap())
        .unwrap();
    // The first review fell on 15 July and the panel has not held it: overdue, it is offered
    // in November, and again in January (rule 11), until a decision holds it.
    // Oakfield has spend and no decision: an exception the panel must take up, offered as a
    // change with what is wrong (rule 20).
    for meeting in [november, january] {
        let all = store.agenda_offers(meeting).unwrap();
        let (offers, exceptions): (Vec<_>, Vec<_>) =
            all.into_iter().partition(|o| o.exception.is_none());
        assert_eq!(exceptions.len(), 1, "{exceptions:?}");
        let (kind, why) = exceptions[0].exception.clone().unwrap();
        assert_eq!(
            (exceptions[0].kind, exceptions[0].case.as_str(), kind),
            (
                ItemKind::Change,
                "CN-0001",
                panel_core::model::ExceptionKind::NoDecision
            )
        );
        assert!(why.contains("with no final decision approving it"), "{why}");
        assert_eq!(offers.len(), 1);
        assert_eq!(
            (
                offers[0].kind,
                offers[0].case.as_str(),
                offers[0].date.to_string().as_str()
            ),
            (ItemKind::Review, "CN-0001", "2023-07-15")
        );
    }

    let review = store
        .add_agenda_item(
            january,
            &new_agenda_item(
                "review",
                "CN-0001",
                "Six-monthly review",
                "A. Shah",
                "20",
                "Confirm funding",
                "",
            )
            .unwrap(),
        )
        .unwrap();
    assert!(
        store
            .agenda_offers(january)
            .unwrap()
            .iter()
            .all(|o| o.kind != ItemKind::Review),
        "an item on the agenda is not offered again"
    );
    let change = store
        .add_agenda_item(
            january,
            &new_agenda_item("change", "CN-0001", "Funding", "", "15", "", "").unwrap(),
        )
        .unwrap();
    assert!(store.agenda_offers(january).unwrap().is_empty());
    store.remove_agenda_item(change).unwrap();
    let info = store
        .add_agenda_item(
            january,
            &new_agenda_item("information", "", "Budget monitoring", "", "", "", "").unwrap(),
        )
        .unwrap();
    let err = store
        .add_agenda_item(
            january,
            &new_agenda_item("review", "CN-9999", "x", "", "", "", "").unwrap(),
        )
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Field(f) if f[0].field == "case"),
        "{err}"
    );

    let titles = |s: &Store| {
        s.agenda(january)
            .unwrap()
            .iter()
            .map(|i| i.title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&store), ["Six-monthly review", "Budget monitoring"]);
    store.move_agenda_item(info, true).unwrap();
    assert_eq!(titles(&store), ["Budget monitoring", "Six-monthly review"]);
    store.move_agenda_item(info, true).unwrap(); // already first: nothing changes
    assert_eq!(titles(&store), ["Budget monitoring", "Six-monthly review"]);
    store.remove_agenda_item(info).unwrap();
    assert_eq!(titles(&store), ["Six-monthly review"]);
    assert_eq!(store.agenda(january).unwrap()[0].id, review);
    assert_eq!(
        store
            .meetings()
            .unwrap()
            .iter()
            .find(|m| m.id == january)
            .unwrap()
            .items,
        1
    );
}
