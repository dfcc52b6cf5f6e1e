//! Data safety on real files: encryption at rest, backups and restores, the checks of
//! `panel check`, and finalised decisions and the audit trail kept unchanged even from raw SQL.
#![allow(clippy::unwrap_used, missing_docs)]

use chrono::NaiveDateTime;
use panel_core::access::Passphrase;
use panel_core::demo::demo;
use panel_core::interchange::write_dataset;
use panel_store::{
    FileKind, Store, StoreError, backup_due, file_kind, inspect_backup, list_backups,
};

fn date(s: &str) -> chrono::NaiveDate {
    panel_core::year::parse_iso_date(s).unwrap()
}

/// The cases of the demo these tests import.
fn demo_cases() -> i64 {
    demo(date("2026-11-23")).cases.len() as i64
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn key(s: &str) -> Passphrase {
    Passphrase::chosen(s).unwrap()
}

/// Everything in the database, as text, and the audit trail's length.
fn snapshot(store: &Store) -> (String, i64) {
    (
        write_dataset(&store.export().unwrap()),
        store.audit_count().unwrap(),
    )
}

/// Text the demo data stores that must not be readable in an encrypted file: case references,
/// initials with their needs, providers, partner names, decision wording, the audit trail's actor.
fn stored_texts(store: &Store) -> Vec<String> {
    let conn = store.connection();
    let mut texts: Vec<String> = Vec::new();
    for sql in [
        "SELECT reference FROM cases LIMIT 5",
        "SELECT needs FROM cases WHERE length(needs) > 12 LIMIT 5",
        "SELECT provider FROM placements LIMIT 5",
        "SELECT name FROM partners",
        "SELECT subject FROM decisions LIMIT 5",
        "SELECT DISTINCT actor FROM audit_log",
        "SELECT authority FROM settings",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let found: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(!found.is_empty(), "{sql}");
        texts.extend(found);
    }
    // Table names and SQLite's own header are readable in a plain file too.
    texts.push("SQLite format 3".into());
    texts.push("CREATE TABLE".into());
    texts
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The file and its write-ahead log, as bytes.
fn raw(path: &std::path::Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    let mut wal = path.as_os_str().to_os_string();
    wal.push("-wal");
    if let Ok(more) = std::fs::read(&wal) {
        bytes.extend(more);
    }
    bytes
}

fn demo_store(path: &std::path::Path, key: Option<&Passphrase>) -> Store {
    let mut store = match key {
        Some(k) => Store::open_encrypted(path, "Sam Patel", k).unwrap(),
        None => Store::open(path, "Sam Patel").unwrap(),
    };
    store.import(&demo(date("2026-11-23"))).unwrap();
    store
}

#[test]
fn an_encrypted_file_says_nothing_without_its_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.sqlite3");
    let secret = key("correct horse battery staple");
    let store = demo_store(&path, Some(&secret));
    assert!(store.is_encrypted());
    let texts = stored_texts(&store);
    assert!(texts.len() > 20);
    // While open (some pages only in the write-ahead log) and after closing.
    for bytes in [raw(&path), {
        drop(store);
        raw(&path)
    }] {
        assert!(bytes.len() > 100_000, "{} bytes", bytes.len());
        for text in &texts {
            assert!(!contains(&bytes, text), "{text:?} readable in the file");
        }
    }
    assert_eq!(file_kind(&path).unwrap(), FileKind::Encrypted);

    // The same data in a plain file is readable: the check above can fail.
    let plain = dir.path().join("plain.sqlite3");
    let open = demo_store(&plain, None);
    drop(open);
    let bytes = raw(&plain);
    assert!(contains(&bytes, "SQLite format 3"));
    assert!(texts.iter().filter(|t| contains(&bytes, t)).count() > 10);

    // A wrong passphrase, or none, is a clear error and changes nothing.
    let before = std::fs::read(&path).unwrap();
    let err = Store::open_encrypted(&path, "x", &Passphrase::given("wrong").unwrap())
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::WrongPassphrase { .. }), "{err}");
    assert!(err.to_string().contains("passphrase is wrong"), "{err}");
    let err = Store::open(&path, "x").err().unwrap();
    assert!(err.to_string().contains("give its passphrase"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!std::path::Path::new(&format!("{}-wal", path.display())).exists());

    // The right one opens it, with everything there.
    let store = Store::open_encrypted(&path, "x", &secret).unwrap();
    assert_eq!(store.summary().unwrap().cases, demo_cases());
}

#[test]
fn an_unencrypted_file_is_encrypted_in_place_and_the_passphrase_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.sqlite3");
    let store = demo_store(&path, None);
    let (data, audit) = snapshot(&store);
    let texts = stored_texts(&store);
    drop(store);
    assert_eq!(file_kind(&path).unwrap(), FileKind::Plain);
    let first = key("first passphrase here");
    let err = Store::open_encrypted(&path, "x", &first).err().unwrap();
    assert!(matches!(err, StoreError::NotEncrypted { .. }), "{err}");

    let mut store = Store::encrypt_file(&path, "Sam Patel", &first).unwrap();
    assert!(store.is_encrypted());
    let (after, after_audit) = snapshot(&store);
    assert_eq!(after, data, "every row kept");
    assert_eq!(after_audit, audit, "the audit trail kept whole");
    assert!(store.check().unwrap().ok());
    let bytes = raw(&path);
    for text in &texts {
        assert!(
            !contains(&bytes, text),
            "{text:?} readable after encrypting"
        );
    }
    let events: Vec<(String, String)> = store
        .connection()
        .prepare("SELECT event, actor FROM events")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(events, [("encrypted".into(), "Sam Patel".into())]);
    let err = Store::encrypt_file(&path, "x", &first).err().unwrap();
    assert!(matches!(err, StoreError::Encrypted { .. }), "{err}");

    // Changing it needs the current one.
    let second = key("second passphrase here");
    let err = store
        .change_passphrase(&key("not the passphrase"), &second)
        .unwrap_err();
    assert!(matches!(err, StoreError::WrongPassphrase { .. }), "{err}");
    store.change_passphrase(&first, &second).unwrap();
    drop(store);
    assert!(matches!(
        Store::open_encrypted(&path, "x", &first).err().unwrap(),
        StoreError::WrongPassphrase { .. }
    ));
    let store = Store::open_encrypted(&path, "x", &second).unwrap();
    assert_eq!(snapshot(&store).0, data);
}

#[test]
fn backups_restore_what_they_hold_and_keep_what_they_replace() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.sqlite3");
    let backups = panel_store::backup_dir(&path);
    let first = key("first passphrase here");
    let mut store = demo_store(&path, Some(&first));
    let texts = stored_texts(&store);
    let (at_backup, _) = snapshot(&store);

    // A backup on demand, encrypted like the database.
    let chosen = dir.path().join("elsewhere/panel backup.sqlite3");
    store.backup_to(&chosen).unwrap();
    let bytes = std::fs::read(&chosen).unwrap();
    for text in &texts {
        assert!(!contains(&bytes, text), "{text:?} readable in the backup");
    }
    let summary = inspect_backup(&chosen, Some(&first)).unwrap();
    assert_eq!(summary, store.summary().unwrap());
    assert!(summary.encrypted);
    assert_eq!(
        (summary.cases, summary.partners, summary.final_decisions),
        (demo_cases(), 3, summary.final_decisions.max(1))
    );
    assert_eq!(summary.last_change.as_ref().unwrap().1, "Sam Patel");
    assert!(backup_due(&backups, at("2026-11-23 09:00:00")).unwrap());

    // Later changes, then a passphrase change: the backup keeps the old passphrase.
    store
        .connection()
        .execute("UPDATE cases SET needs = 'changed after the backup'", [])
        .unwrap();
    let second = key("second passphrase here");
    store.change_passphrase(&first, &second).unwrap();
    let (changed, _) = snapshot(&store);
    assert_ne!(changed, at_backup);
    // Looking at the backup (and what the rules find in it, on a scratch copy) leaves the
    // backup, the database and the folder as they were.
    let files = |d: &std::path::Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let folder = files(dir.path());
    let looked = store.inspect(&chosen, Some(&first)).unwrap();
    assert_eq!(looked.rule_problems, Vec::<String>::new());
    assert_eq!(looked.cases, summary.cases);
    assert_eq!(files(dir.path()), folder);
    assert_eq!(std::fs::read(&chosen).unwrap(), bytes);
    assert_eq!(snapshot(&store).0, changed);
    let err = store
        .restore_from(&chosen, None, &backups, at("2026-11-23 10:00:00"), 5)
        .unwrap_err();
    assert!(matches!(err, StoreError::WrongPassphrase { .. }), "{err}");
    assert_eq!(
        snapshot(&store).0,
        changed,
        "a refused restore changes nothing"
    );
    assert!(list_backups(&backups).unwrap().is_empty());

    let (restored, safety) = store
        .restore_from(
            &chosen,
            Some(&first),
            &backups,
            at("2026-11-23 10:00:00"),
            5,
        )
        .unwrap();
    assert_eq!(restored, summary);
    assert_eq!(snapshot(&store).0, at_backup, "the backup's data, exactly");
    assert_eq!(safety.reason, "before-restore");
    // The replaced data is kept, under the passphrase in use, and the restore is recorded.
    let kept = inspect_backup(&safety.path, Some(&second)).unwrap();
    assert_eq!(kept.cases, demo_cases());
    let detail: String = store
        .connection()
        .query_row(
            "SELECT detail FROM events WHERE event = 'restored'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(detail.contains("panel backup.sqlite3"), "{detail}");
    assert!(store.check().unwrap().ok(), "{:?}", store.check().unwrap());
    // The restored database is under the current passphrase.
    drop(store);
    let store = Store::open_encrypted(&path, "x", &second).unwrap();
    assert_eq!(snapshot(&store).0, at_backup);
    // What was replaced can itself be restored.
    let mut store = store;
    store
        .restore_from(&safety.path, None, &backups, at("2026-11-23 11:00:00"), 5)
        .unwrap();
    assert_eq!(snapshot(&store).0, changed);
}

#[test]
fn automatic_backups_keep_the_newest_and_refuse_nothing_silently() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.sqlite3");
    let backups = panel_store::backup_dir(&path);
    let mut store = demo_store(&path, Some(&key("a passphrase to test")));
    for hour in 0..6 {
        store
            .backup_auto(
                &backups,
                if hour == 5 { "close" } else { "daily" },
                at(&format!("2026-11-2{} 0{hour}:00:00", hour % 3 + 1)),
                4,
            )
            .unwrap();
    }
    let kept = list_backups(&backups).unwrap();
    let names: Vec<String> = kept
        .iter()
        .map(|b| format!("{} {}", b.taken, b.reason))
        .collect();
    assert_eq!(
        names,
        [
            "2026-11-23 05:00:00 close",
            "2026-11-23 02:00:00 daily",
            "2026-11-22 04:00:00 daily",
            "2026-11-22 01:00:00 daily",
        ]
    );
    // Other files in the folder are never touched.
    std::fs::write(backups.dir.join("notes.txt"), "keep me").unwrap();
    store
        .backup_auto(&backups, "daily", at("2026-11-24 06:00:00"), 1)
        .unwrap();
    assert_eq!(list_backups(&backups).unwrap().len(), 1);
    assert!(backups.dir.join("notes.txt").exists());
    assert!(!backup_due(&backups, at("2026-11-25 05:59:59")).unwrap());
    assert!(backup_due(&backups, at("2026-11-25 06:00:00")).unwrap());
    // A clock put back does not stop daily backups.
    assert!(backup_due(&backups, at("2026-11-20 06:00:00")).unwrap());

    // No backup over the database itself; a restore from something that is no backup, or
    // from the database itself, is refused and changes nothing.
    let before = snapshot(&store);
    assert!(store.backup_to(&path).is_err());
    let notes = backups.dir.join("notes.txt");
    let err = store
        .restore_from(&notes, None, &backups, at("2026-11-24 07:00:00"), 5)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("not a Complex Needs Panel database"),
        "{err}"
    );
    let empty = dir.path().join("empty.sqlite3");
    rusqlite::Connection::open(&empty)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let err = store
        .restore_from(&empty, None, &backups, at("2026-11-24 07:00:00"), 5)
        .unwrap_err();
    assert!(err.to_string().contains("holds no panel data"), "{err}");
    let err = store
        .restore_from(&path, None, &backups, at("2026-11-24 07:00:00"), 5)
        .unwrap_err();
    assert!(err.to_string().contains("database itself"), "{err}");
    let missing = dir.path().join("missing.sqlite3");
    assert!(
        store
            .restore_from(&missing, None, &backups, at("2026-11-24 07:00:00"), 5)
            .is_err()
    );
    assert!(!missing.exists());
    assert_eq!(snapshot(&store), before);
    assert_eq!(list_backups(&backups).unwrap().len(), 1);

    // A second database in the same folder has backups of its own: its daily backup is
    // taken although this one's was taken the same hour, and keeping its newest one
    // deletes none of this database's, nor lists them.
    let other_path = dir.path().join("other.sqlite3");
    let other = Store::open(&other_path, "Sam Patel").unwrap();
    let other_backups = panel_store::backup_dir(&other_path);
    assert_eq!(other_backups.dir, backups.dir, "one folder");
    assert!(backup_due(&other_backups, at("2026-11-24 07:00:00")).unwrap());
    for hour in 7..9 {
        other
            .backup_auto(
                &other_backups,
                "daily",
                at(&format!("2026-11-24 0{hour}:00:00")),
                1,
            )
            .unwrap();
    }
    let others = list_backups(&other_backups).unwrap();
    assert_eq!(others.len(), 1);
    assert!(others[0].path.file_name().is_some_and(|n| {
        n.to_string_lossy()
            .starts_with("other-20261124-080000-daily")
    }));
    assert_eq!(list_backups(&backups).unwrap().len(), 1, "this one's kept");
    assert!(!backup_due(&other_backups, at("2026-11-24 09:00:00")).unwrap());
}

#[test]
fn a_rules_refusal_and_a_busy_database_are_told_apart_by_their_codes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.sqlite3");
    let mut store = demo_store(&path, None);
    // A protective trigger's refusal is a rule's, in the trigger's own words.
    let err = store
        .connection()
        .execute(
            "UPDATE decisions SET subject = 'x' WHERE status = 'final'",
            [],
        )
        .unwrap_err();
    match StoreError::from(err) {
        StoreError::Refused(sentence) => assert_eq!(
            sentence,
            "a finalised decision cannot be changed: record an amending decision"
        ),
        other => panic!("expected a refusal, got {other:?}"),
    }
    // Another program writing for a moment: the change waits for it, then is made.
    let case =
        |r: &str| panel_core::entry::new_case(r, "B.Y.", "", "", date("2026-11-23")).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let writer = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(600));
        other.execute_batch("COMMIT").unwrap();
        other
    });
    store.create_case(&case("CN-WAITED")).unwrap();
    let other = writer.join().unwrap();
    // Holding it for longer than the wait: busy, not a refusal, and nothing changes. The word
    // "locked" in SQLite's message plays no part.
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let before = snapshot(&store);
    let started = std::time::Instant::now();
    let err = store.create_case(&case("CN-BUSY")).unwrap_err();
    assert!(matches!(err, StoreError::Busy), "{err:?}");
    assert!(
        started.elapsed() >= panel_store::BUSY_WAIT,
        "it waited first"
    );
    assert!(err.to_string().contains("try again"), "{err}");
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(snapshot(&store), before);
    // Tried again once the other program has finished, it is done.
    store.create_case(&case("CN-BUSY")).unwrap();
}

/// Runs raw SQL as somebody with the file and the passphrase but not the program would.
fn raw_sql(store: &Store, sql: &str) -> Result<usize, String> {
    store
        .connection()
        .execute(sql, [])
        .map_err(|e| e.to_string())
}

#[test]
fn finalised_decisions_and_the_audit_trail_refuse_raw_sql() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(&dir.path().join("panel.sqlite3"), None);
    let final_id: i64 = store
        .connection()
        .query_row(
            "SELECT min(id) FROM decisions WHERE status = 'final'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // Every part of a final decision is there to be refused.
    for table in ["decision_paragraphs", "conditions", "actions", "assents"] {
        let n: i64 = store
            .connection()
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE decision_id IN (SELECT id FROM decisions WHERE status = 'final')"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(n > 0, "{table}");
    }
    let event = "INSERT INTO events (at, actor, event) VALUES ('2026-11-23T10:00:00Z', 'Sam Patel', 'restored')";
    assert_eq!(raw_sql(&store, event), Ok(1));
    let finals = "(SELECT id FROM decisions WHERE status = 'final')";
    let before = snapshot(&store);
    let refused = [
        format!("UPDATE decisions SET subject = 'rewritten' WHERE id = {final_id}"),
        format!(
            "UPDATE decisions SET status = 'draft', number = NULL, year_start = NULL, seq = NULL WHERE id = {final_id}"
        ),
        format!("DELETE FROM decisions WHERE id = {final_id}"),
        format!("UPDATE decision_paragraphs SET text = 'rewritten' WHERE decision_id IN {finals}"),
        format!("DELETE FROM decision_paragraphs WHERE decision_id IN {finals}"),
        format!(
            "INSERT INTO decision_paragraphs (decision_id, position, text) VALUES ({final_id}, 99, 'added')"
        ),
        format!("UPDATE conditions SET text = 'rewritten' WHERE decision_id IN {finals}"),
        format!("DELETE FROM conditions WHERE decision_id IN {finals}"),
        format!(
            "INSERT INTO conditions (decision_id, position, text) VALUES ({final_id}, 99, 'added')"
        ),
        format!("UPDATE actions SET owner = 'someone' WHERE decision_id IN {finals}"),
        format!("DELETE FROM actions WHERE decision_id IN {finals}"),
        format!("UPDATE assents SET assent = 'disagree' WHERE decision_id IN {finals}"),
        format!("DELETE FROM assents WHERE decision_id IN {finals}"),
        format!("UPDATE decision_seals SET content = '{{}}' WHERE decision_id = {final_id}"),
        format!("DELETE FROM decision_seals WHERE decision_id = {final_id}"),
        "UPDATE audit_log SET actor = 'nobody'".to_string(),
        "DELETE FROM audit_log WHERE id = 1".to_string(),
        "UPDATE events SET actor = 'nobody'".to_string(),
        "DELETE FROM events".to_string(),
    ];
    for sql in &refused {
        let err = raw_sql(&store, sql).expect_err(sql);
        assert!(
            err.contains("cannot be changed") || err.contains("cannot be deleted"),
            "{sql}: {err}"
        );
    }
    assert_eq!(snapshot(&store), before);
    // A draft is still the program's to change: the triggers refuse only what they should.
    let draft_sql = "UPDATE cases SET needs = needs || '.' WHERE id = 1";
    assert_eq!(raw_sql(&store, draft_sql), Ok(1));
}

#[test]
fn check_finds_what_raw_sql_did_behind_the_programs_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(&dir.path().join("panel.sqlite3"), None);
    let report = store.check().unwrap();
    assert!(report.ok(), "{report:?}");
    assert_eq!(report.lines.len(), 10);
    assert!(report.lines[2].scope.contains("splits of"), "{report:?}");
    assert!(report.lines[3].scope.contains("cost lines"), "{report:?}");

    // Somebody drops the protective triggers and edits a final decision, a split, the
    // numbering and the audit trail.
    let c = store.connection();
    let (id, number): (i64, String) = c
        .query_row(
            "SELECT id, number FROM decisions WHERE status = 'final' ORDER BY year_start, seq LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    c.execute_batch(
        "DROP TRIGGER decisions_final_no_update;
         DROP TRIGGER decision_paragraphs_final_no_update;
         DROP TRIGGER audit_log_no_delete;",
    )
    .unwrap();
    c.execute(
        "UPDATE decisions SET subject = 'rewritten', reasons = 'none' WHERE id = ?1",
        [id],
    )
    .unwrap();
    c.execute(
        "UPDATE decision_paragraphs SET text = 'rewritten' WHERE decision_id = ?1",
        [id],
    )
    .unwrap();
    c.execute(
        "UPDATE split_shares SET basis_points = basis_points - 50 WHERE id = (SELECT min(id) FROM split_shares)",
        [],
    )
    .unwrap();
    let (year, seq): (i64, i64) = c
        .query_row(
            "SELECT year_start, max(seq) FROM decisions WHERE status = 'final' GROUP BY year_start ORDER BY year_start LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    c.execute(
        "UPDATE decisions SET seq = seq + 2, number = substr(number, 1, length(number) - 4) || printf('%04d', seq + 2) WHERE year_start = ?1 AND seq = ?2",
        [year, seq],
    )
    .unwrap();
    c.execute("DELETE FROM audit_log WHERE id IN (5, 6, 9)", [])
        .unwrap();
    // A funding decision loses its assents and is marked inquorate, behind the app's back.
    let (funded, funded_number): (i64, String) = c
        .query_row(
            "SELECT id, number FROM decisions WHERE status = 'final' AND outcome = 'approved'
             AND id != ?1 ORDER BY id LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    c.execute_batch("DROP TRIGGER assents_final_no_delete;")
        .unwrap();
    c.execute("DELETE FROM assents WHERE decision_id = ?1", [funded])
        .unwrap();
    c.execute("UPDATE decisions SET inquorate = 1 WHERE id = ?1", [funded])
        .unwrap();

    // A cost line is made £20,000,000.00 a week and a one-off is moved before its placement.
    let (line_ref, line_desc): (String, String) = c
        .query_row(
            "SELECT cs.reference, l.description FROM cost_lines l
             JOIN placements p ON p.id = l.placement_id JOIN cases cs ON cs.id = p.case_id
             WHERE l.id = (SELECT min(id) FROM cost_lines)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    c.execute(
        "UPDATE cost_lines SET amount_pence = 2000000000 WHERE id = (SELECT min(id) FROM cost_lines)",
        [],
    )
    .unwrap();
    let moved = c
        .execute(
            "UPDATE cost_lines SET from_date = '2001-01-01' WHERE id = (SELECT min(id) FROM cost_lines WHERE per = 'once')",
            [],
        )
        .unwrap();
    assert_eq!(moved, 1, "the demo has a one-off amount");

    let report = store.check().unwrap();
    assert!(!report.ok());
    let problems = |i: usize| report.lines[i].problems.join("\n");
    let placements = problems(3);
    assert!(
        placements.contains(&format!("case {line_ref}, placement at "))
            && placements.contains(&format!(
                "cost line 1 ({line_desc}) amount: £20,000,000.00 is above the most one cost line may be (£10,000,000.00)"
            )),
        "{placements}"
    );
    assert!(
        placements.contains(
            "from: 01/01/2001 is outside the placement's dates: a one-off amount on it would count in no year"
        ),
        "{placements}"
    );
    assert_eq!(report.lines[3].problems.len(), 2, "{placements}");
    assert_eq!(
        report.lines[0].problems,
        Vec::<String>::new(),
        "file intact"
    );
    assert!(
        problems(2).contains("adds up to 99.50%, not 100%"),
        "{}",
        problems(2)
    );
    let gap = problems(4);
    assert!(
        gap.contains("are missing") && gap.contains(&format!("{seq:04}")),
        "{gap}"
    );
    let rules = problems(6);
    assert!(
        rules.contains(&format!("{funded_number}: Record whether"))
            && rules.contains("a split cannot be imposed on a partner"),
        "{rules}"
    );
    assert!(
        rules.contains(&format!(
            "{funded_number}: Recorded as taken at an inquorate meeting, but the meeting's attendance is quorate"
        )),
        "{rules}"
    );
    let seals = problems(5);
    assert!(
        seals.contains(&format!(
            "{number} has been changed since it was finalised: subject, reasons, paragraphs"
        )),
        "{seals}"
    );
    assert!(
        problems(8).contains("entries 5 to 6 of the audit trail are missing"),
        "{}",
        problems(8)
    );
    assert!(problems(8).contains("entry 9 of the audit trail is missing"));
    let protections = problems(9);
    for trigger in [
        "decisions_final_no_update",
        "decision_paragraphs_final_no_update",
        "audit_log_no_delete",
    ] {
        assert!(
            protections.contains(&format!("the trigger {trigger} is missing")),
            "{protections}"
        );
    }
    assert!(report.problem_count() >= 11, "{report:?}");
}

#[test]
fn the_audit_trail_is_read_by_case_meeting_and_person() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.sqlite3");
    let store = demo_store(&path, None);
    let c = store.connection();
    let count = |sql: &str, id: i64| -> usize {
        c.query_row(sql, [id], |r| r.get::<_, f64>(0)).unwrap() as usize
    };
    // A case with a final decision, and the meeting that made it.
    let (case, meeting): (i64, i64) = c
        .query_row(
            "SELECT d.case_id, i.meeting_id FROM decisions d JOIN agenda_items i ON i.id = d.item_id
             WHERE d.status = 'final' AND d.outcome = 'approved_with_conditions' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    // The demo only inserted, then finalised its decisions and advanced its minutes: one entry
    // a row, two a final decision or a meeting past draft.
    let of_case = count(
        "SELECT 1
           + (SELECT count(*) FROM placements WHERE case_id = ?1)
           + (SELECT count(*) FROM cost_lines WHERE placement_id IN (SELECT id FROM placements WHERE case_id = ?1))
           + (SELECT count(*) FROM splits WHERE placement_id IN (SELECT id FROM placements WHERE case_id = ?1))
           + (SELECT count(*) FROM split_shares WHERE split_id IN (SELECT s.id FROM splits s JOIN placements p ON p.id = s.placement_id WHERE p.case_id = ?1))
           + (SELECT count(*) FROM agenda_items WHERE case_id = ?1)
           + (SELECT count(*) + total(status = 'final') FROM decisions WHERE case_id = ?1)
           + (SELECT count(*) FROM decision_paragraphs WHERE decision_id IN (SELECT id FROM decisions WHERE case_id = ?1))
           + (SELECT count(*) FROM conditions WHERE decision_id IN (SELECT id FROM decisions WHERE case_id = ?1))
           + (SELECT count(*) FROM actions WHERE decision_id IN (SELECT id FROM decisions WHERE case_id = ?1))
           + (SELECT count(*) FROM actions_done WHERE action_id IN (SELECT a.id FROM actions a JOIN decisions d ON d.id = a.decision_id WHERE d.case_id = ?1))
           + (SELECT count(*) FROM assents WHERE decision_id IN (SELECT id FROM decisions WHERE case_id = ?1))
           + (SELECT count(*) FROM assessments WHERE case_id = ?1)",
        case,
    );
    let reference: String = c
        .query_row("SELECT reference FROM cases WHERE id = ?1", [case], |r| {
            r.get(0)
        })
        .unwrap();
    let page = store
        .audit(&panel_store::AuditFilter {
            case_id: Some(case),
            limit: 10_000,
            rows_shown: usize::MAX,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.rows, of_case);
    let rows: Vec<&panel_store::AuditEntry> = page.entries.iter().flat_map(|e| &e.rows).collect();
    assert_eq!(rows.len(), of_case);
    assert!(
        rows.iter()
            .all(|e| e.case == Some((case, reference.clone())))
    );
    // Each save is one entry: the import wrote the case and its placements at once.
    assert!(
        page.total < of_case,
        "{} saves of {of_case} rows",
        page.total
    );
    for e in &page.entries {
        assert_eq!(e.row_count, e.rows.len());
        assert_eq!(
            e.summary.iter().map(|(_, _, n)| n).sum::<usize>(),
            e.row_count
        );
    }
    let tables: std::collections::BTreeSet<&str> = rows.iter().map(|e| e.table.as_str()).collect();
    for t in [
        "cases",
        "placements",
        "cost_lines",
        "split_shares",
        "decisions",
        "conditions",
        "assents",
    ] {
        assert!(tables.contains(t), "{t} in {tables:?}");
    }

    let of_meeting = count(
        "SELECT (SELECT 1 + (minutes_status != 'draft') FROM meetings WHERE id = ?1)
           + (SELECT count(*) FROM attendees WHERE meeting_id = ?1)
           + (SELECT count(*) FROM agenda_items WHERE meeting_id = ?1)
           + (SELECT count(*) FROM interests WHERE item_id IN (SELECT id FROM agenda_items WHERE meeting_id = ?1))
           + (SELECT count(*) + total(status = 'final') FROM decisions WHERE item_id IN (SELECT id FROM agenda_items WHERE meeting_id = ?1))
           + (SELECT count(*) FROM decision_paragraphs WHERE decision_id IN (SELECT d.id FROM decisions d JOIN agenda_items i ON i.id = d.item_id WHERE i.meeting_id = ?1))
           + (SELECT count(*) FROM conditions WHERE decision_id IN (SELECT d.id FROM decisions d JOIN agenda_items i ON i.id = d.item_id WHERE i.meeting_id = ?1))
           + (SELECT count(*) FROM actions WHERE decision_id IN (SELECT d.id FROM decisions d JOIN agenda_items i ON i.id = d.item_id WHERE i.meeting_id = ?1))
           + (SELECT count(*) FROM assents WHERE decision_id IN (SELECT d.id FROM decisions d JOIN agenda_items i ON i.id = d.item_id WHERE i.meeting_id = ?1))",
        meeting,
    );
    let both = store
        .audit(&panel_store::AuditFilter {
            meeting_id: Some(meeting),
            limit: 2,
            rows_shown: 3,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(both.rows, of_meeting);
    // The demo wrote the meeting in one save: one entry, three of its rows shown.
    assert_eq!(both.total, 1);
    assert_eq!(both.entries.len(), 1);
    assert_eq!(both.entries[0].row_count, of_meeting);
    assert!(both.entries.iter().all(|e| e.rows.len() <= 3));

    // A second person's change, newest first; the filter by person finds only theirs.
    drop(store);
    let store = Store::open(&path, "Jo Evans").unwrap();
    store
        .connection()
        .execute(
            "UPDATE cases SET needs = 'updated by Jo' WHERE id = ?1",
            [case],
        )
        .unwrap();
    let newest = store
        .audit(&panel_store::AuditFilter {
            limit: 1,
            rows_shown: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(newest.entries[0].actor, "Jo Evans");
    let newest = &newest.entries[0].rows;
    assert_eq!(newest.len(), 1);
    assert_eq!(newest[0].action, "update");
    assert!(newest[0].before.as_ref().unwrap().contains("\"needs\""));
    assert!(newest[0].after.as_ref().unwrap().contains("updated by Jo"));
    let jo = store
        .audit(&panel_store::AuditFilter {
            actor: Some("Jo Evans".into()),
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(jo.total, 1);
    assert_eq!(store.audit_actors().unwrap(), ["Jo Evans", "Sam Patel"]);
}

#[test]
fn a_passphrase_with_quotes_opens_its_database_and_changes_to_another() {
    use panel_core::access::Passphrase;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quoted.sqlite3");
    let first = Passphrase::chosen("it's my 'secret' phrase").unwrap();
    Store::open_encrypted(&path, "tester", &first).unwrap();
    // Reopened with it; refused with the same words unquoted.
    Store::open_encrypted(&path, "tester", &first).unwrap();
    let unquoted = Passphrase::given("its my secret phrase").unwrap();
    assert!(matches!(
        Store::open_encrypted(&path, "tester", &unquoted),
        Err(panel_store::StoreError::WrongPassphrase { .. })
    ));
    let second = Passphrase::chosen("another 'one', with ''two'' quotes").unwrap();
    let mut store = Store::open_encrypted(&path, "tester", &first).unwrap();
    store.change_passphrase(&first, &second).unwrap();
    drop(store);
    Store::open_encrypted(&path, "tester", &second).unwrap();
    assert!(Store::open_encrypted(&path, "tester", &first).is_err());
}

/// The audit trail of an import written a table at a time holds exactly the entries the
/// triggers write row by row, and leaves the triggers as they were.
#[test]
fn an_import_audited_a_table_at_a_time_writes_what_the_triggers_write() {
    let dir = tempfile::tempdir().unwrap();
    let data = demo(date("2026-11-23"));
    let trail = |store: &Store| -> Vec<String> {
        let mut rows: Vec<String> = store
            .connection()
            .prepare(
                "SELECT json_array(actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
                 FROM audit_log",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        rows.sort();
        rows
    };
    let schema = |store: &Store| -> Vec<String> {
        store
            .connection()
            .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    let mut by_row = Store::open(&dir.path().join("rows.sqlite3"), "Sam Patel").unwrap();
    by_row.audit_imports_row_by_row();
    by_row.import(&data).unwrap();
    let mut by_table = Store::open(&dir.path().join("tables.sqlite3"), "Sam Patel").unwrap();
    let before = schema(&by_table);
    by_table.import(&data).unwrap();
    let rows = trail(&by_row);
    assert!(rows.len() > 1_000, "{}", rows.len());
    assert!(rows.iter().any(|r| r.contains("\"cost_lines\"")));
    assert_eq!(trail(&by_table), rows);
    assert_eq!(
        schema(&by_table),
        before,
        "the triggers are back as they were"
    );
    assert!(by_table.check().unwrap().ok());
    // A refused import leaves the triggers, and everything else, as they were.
    let state = (
        write_dataset(&by_table.export().unwrap()),
        by_table.audit_count().unwrap(),
    );
    assert!(by_table.import(&data).is_err());
    assert_eq!(schema(&by_table), before);
    assert_eq!(
        (
            write_dataset(&by_table.export().unwrap()),
            by_table.audit_count().unwrap()
        ),
        state
    );
    // And the next change is audited by its trigger again.
    let case = by_table.case_id(&data.cases[0].reference).unwrap();
    let n = by_table.audit_count().unwrap();
    by_table
        .record_assessment(
            case,
            date("2026-11-20"),
            &by_table.allocation_tables().unwrap()[0]
                .areas
                .iter()
                .map(|a| (a.name.clone(), a.levels[0].name.clone()))
                .collect::<Vec<_>>(),
            date("2026-11-23"),
        )
        .unwrap();
    assert_eq!(by_table.audit_count().unwrap(), n + 1);
}
