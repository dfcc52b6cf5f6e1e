//! Safety: a busy database, encryption and passphrases, backups, restore and `check`, paths, arguments and a reader that goes away.

use super::*;

#[test]
fn a_database_another_program_is_writing_to_is_busy_not_refused() {
    let env = Env::new();
    env.ok(&["init"]);
    // Another program takes the write lock and keeps it past the command's wait (two seconds
    // here, thirty unless PANEL_BUSY_WAIT says).
    let holder = open_db(&env.db());
    holder
        .connection()
        .execute_batch("BEGIN IMMEDIATE")
        .unwrap();
    let o = command(&env.db(), &["demo", "--yes"])
        .env("PANEL_BUSY_WAIT", "2")
        .run();
    holder.connection().execute_batch("ROLLBACK").unwrap();
    assert_eq!(o.status.code(), Some(75), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("waiting for it to finish (up to 2 s)")
            && stderr(&o).contains("the database is busy")
            && stderr(&o).contains("try again"),
        "{}",
        stderr(&o)
    );
    drop(holder);
    // Nothing was changed: the database is still empty, and the demo goes in now.
    let out = env.ok(&["demo", "--yes"]);
    assert!(out.contains("Demo data added"), "{out}");
}

/// The command waits for a writer that keeps the database longer than the desktop app would
/// wait (five seconds), then makes its change.
#[test]
fn a_command_waits_for_another_writer_to_finish_and_then_writes() {
    let env = Env::new();
    env.ok(&["init"]);
    let holder = open_db(&env.db());
    holder
        .connection()
        .execute_batch(
            "BEGIN IMMEDIATE;
             INSERT INTO partners (code, name, position) VALUES ('XX', 'Held writer', 9)",
        )
        .unwrap();
    let started = std::time::Instant::now();
    let writer = std::thread::spawn({
        let db = env.db();
        move || panel(&db, &["demo", "--yes"])
    });
    std::thread::sleep(std::time::Duration::from_secs(7));
    holder.connection().execute_batch("ROLLBACK").unwrap();
    drop(holder);
    let o = writer.join().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(started.elapsed() >= std::time::Duration::from_secs(7));
    assert!(
        stderr(&o).contains("is writing to the database: waiting for it to finish (up to 30 s)"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("Demo data added"), "{}", stdout(&o));
    let store = open_db(&env.db());
    assert!(store.summary().unwrap().cases > 0);
    assert!(store.check().unwrap().ok());
}

#[test]
fn a_busy_wait_that_is_not_a_number_of_seconds_is_refused() {
    let env = Env::new();
    for bad in ["soon", "-1", "3601"] {
        let o = command(&env.db(), &["spend"])
            .env("PANEL_BUSY_WAIT", bad)
            .run();
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).contains(&format!(
                "PANEL_BUSY_WAIT: \"{bad}\" is not a number of seconds from 0 to 3600"
            )),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn bad_arguments_are_refused_clearly() {
    let env = Env::new();
    let o = panel(&env.db(), &["spend", "--year", "2023-24"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("--year: \"2023-24\" is not a financial year"),
        "{}",
        stderr(&o)
    );
    let o = panel(&env.db(), &["spend", "--as-of", "2023-02-30"]);
    assert!(
        stderr(&o).contains("--as-of: \"2023-02-30\" is not a date"),
        "{}",
        stderr(&o)
    );
    let o = panel(
        &env.db(),
        &[
            "import",
            env.dir.path().join("missing.json").to_str().unwrap(),
        ],
    );
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
}

/// Unix only: there the data folder follows `HOME`, so the test gives the program a home of its
/// own. On Windows it is the user's own `%APPDATA%`, which no test may write to; panel-store's
/// `the_default_database_is_in_appdata` checks the path there.
#[cfg(unix)]
#[test]
fn default_database_is_in_the_data_folder() {
    let env = Env::new();
    let home = env.dir.path();
    let o = Command::new(env!("CARGO_BIN_EXE_panel"))
        .arg("init")
        .env("HOME", home)
        .env("PANEL_KEY", KEY)
        .env_remove("XDG_DATA_HOME")
        .run();
    assert!(o.status.success(), "{}", stderr(&o));
    let expected = home.join(".local/share/uk.complexneedspanel.desktop/panel.sqlite3");
    assert!(expected.exists(), "{}", stdout(&o));
    assert!(stdout(&o).contains(expected.to_str().unwrap()));
}

#[test]
fn the_database_is_encrypted_and_its_passphrase_asked_for() {
    let env = Env::new();
    // No passphrase and no terminal: refused, and no file made.
    let o = command(&env.db(), &["init"]).env_remove("PANEL_KEY").run();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("set PANEL_KEY"), "{}", stderr(&o));
    assert!(!env.db().exists());
    // A weak one for a new database: refused.
    let o = command(&env.db(), &["init"])
        .env("PANEL_KEY", "short")
        .run();
    assert!(
        stderr(&o).contains("at least 10 characters"),
        "{}",
        stderr(&o)
    );
    assert!(!env.db().exists());

    env.ok(&["demo", "--yes"]);
    let bytes = std::fs::read(env.db()).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
    let before = env.state();
    let o = command(&env.db(), &["spend"])
        .env("PANEL_KEY", "not the passphrase")
        .run();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the passphrase is wrong"),
        "{}",
        stderr(&o)
    );
    assert_eq!(env.state(), before);

    // Changing it: the new one from PANEL_NEW_KEY; backups taken before keep the old one.
    let backup = env.dir.path().join("before change.sqlite3");
    env.ok(&["backup", backup.to_str().unwrap()]);
    let o = command(&env.db(), &["passphrase"])
        .env("PANEL_NEW_KEY", "a new passphrase now")
        .run();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(panel(&env.db(), &["spend"]).status.code() == Some(1));
    let new = |args: &[&str]| {
        command(&env.db(), args)
            .env("PANEL_KEY", "a new passphrase now")
            .run()
    };
    assert!(new(&["spend"]).status.success());
    let o = new(&["restore", backup.to_str().unwrap(), "--yes"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("set PANEL_BACKUP_KEY"),
        "{}",
        stderr(&o)
    );
    let o = command(&env.db(), &["restore", backup.to_str().unwrap(), "--yes"])
        .env("PANEL_KEY", "a new passphrase now")
        .env("PANEL_BACKUP_KEY", KEY)
        .run();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Restored from"), "{}", stdout(&o));
}

#[test]
fn an_unencrypted_database_is_encrypted_in_place() {
    let env = Env::new();
    let file = env.file("example.json", EXAMPLE);
    {
        let mut plain = panel_store::Store::open(&env.db(), "someone").unwrap();
        plain
            .import(&panel_core::interchange::read_dataset(EXAMPLE).unwrap())
            .unwrap();
    }
    let o = panel(&env.db(), &["spend", "--year", "2023/24", "--json"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("is not encrypted; `panel encrypt`"),
        "{}",
        stderr(&o)
    );
    let figures = stdout(&o);
    let o = command(&env.db(), &["encrypt"])
        .env("PANEL_KEY", "too short")
        .run();
    assert!(stderr(&o).contains("at least 10"), "{}", stderr(&o));
    assert!(
        std::fs::read(env.db())
            .unwrap()
            .starts_with(b"SQLite format 3")
    );
    let out = env.ok(&["encrypt"]);
    assert!(out.contains("Encrypted"), "{out}");
    assert!(
        !std::fs::read(env.db())
            .unwrap()
            .starts_with(b"SQLite format 3")
    );
    let o = panel(&env.db(), &["spend", "--year", "2023/24", "--json"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), figures);
    assert!(!stderr(&o).contains("not encrypted"));
    let o = panel(&env.db(), &["encrypt"]);
    assert!(stderr(&o).contains("already encrypted"), "{}", stderr(&o));
    // Importing again is refused as before: the data is the same.
    assert!(
        !panel(&env.db(), &["import", file.to_str().unwrap()])
            .status
            .success()
    );
}

#[test]
fn backup_restore_and_check_from_the_command_line() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    let out = env.ok(&["check"]);
    assert!(out.contains("All 10 checks passed"), "{out}");
    assert!(out.contains("ok    Every split adds up to 100%"), "{out}");
    let at_backup = env.state();
    let backup = env.dir.path().join("panel backup.sqlite3");
    let out = env.ok(&["backup", backup.to_str().unwrap()]);
    let cases = panel_core::demo::demo(today()).cases.len();
    assert!(
        out.contains(&format!("It holds 3 partners, {cases} cases")),
        "{out}"
    );
    let o = panel(&env.db(), &["backup", backup.to_str().unwrap()]);
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));

    // A change after the backup.
    open_db(&env.db())
        .connection()
        .execute("UPDATE cases SET needs = 'changed' WHERE id = 1", [])
        .unwrap();
    let changed = env.state();
    assert_ne!(changed, at_backup);
    // Without a terminal, restoring needs --yes; asked, nothing changes.
    let o = panel(&env.db(), &["restore", backup.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("The backup"), "{}", stdout(&o));
    assert!(stderr(&o).contains("give --yes"), "{}", stderr(&o));
    assert_eq!(env.state(), changed);
    let o = panel(
        &env.db(),
        &[
            "restore",
            env.file("no.sqlite3", "nonsense").to_str().unwrap(),
            "--yes",
        ],
    );
    assert!(stderr(&o).contains("Nothing restored"), "{}", stderr(&o));
    assert_eq!(env.state(), changed);

    let out = env.ok(&["restore", backup.to_str().unwrap(), "--yes"]);
    assert!(out.contains("The data it replaced is kept in"), "{out}");
    let (data, _) = env.state();
    assert_eq!(data, at_backup.0, "the backup's data, exactly");
    let out = env.ok(&["backups"]);
    assert!(out.contains("before-restore"), "{out}");
    let out = env.ok(&["backup"]);
    let sep = std::path::MAIN_SEPARATOR;
    assert!(out.contains(&format!("{sep}backups{sep}panel-")), "{out}");
    assert!(env.ok(&["check"]).contains("All 10 checks passed"));

    // A final decision changed behind the program's back is found, with a failing exit.
    let store = open_db(&env.db());
    store
        .connection()
        .execute_batch(
            "DROP TRIGGER decisions_final_no_update;
             UPDATE decisions SET reasons = 'rewritten' WHERE id = (SELECT min(id) FROM decisions WHERE status = 'final');",
        )
        .unwrap();
    drop(store);
    let o = panel(&env.db(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("FAIL  Finalised decisions unchanged"), "{out}");
    assert!(
        out.contains("has been changed since it was finalised: reasons"),
        "{out}"
    );
    assert!(
        out.contains("the trigger decisions_final_no_update is missing"),
        "{out}"
    );
    assert!(stderr(&o).contains("2 problems found"), "{}", stderr(&o));
}

#[test]
fn a_day_that_is_not_a_date_is_refused() {
    let env = Env::new();
    let o = command(&env.db(), &["spend"])
        .env("PANEL_TODAY", "31/03/2027")
        .run();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("PANEL_TODAY: \"31/03/2027\" is not a date (YYYY-MM-DD)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_restore_says_which_restored_decisions_break_the_rules() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    // A decision loses its assents behind the app's back, and is backed up so.
    {
        let store = open_db(&env.db());
        let c = store.connection();
        c.execute_batch("DROP TRIGGER assents_final_no_delete;")
            .unwrap();
        c.execute(
            "DELETE FROM assents WHERE decision_id = (SELECT min(id) FROM decisions
             WHERE status = 'final' AND outcome = 'approved')",
            [],
        )
        .unwrap();
    }
    let backup = env.dir.path().join("tampered.sqlite3");
    env.ok(&["backup", backup.to_str().unwrap()]);
    let out = env.ok(&["restore", backup.to_str().unwrap(), "--yes"]);
    // Said before anything is replaced, then once more after.
    let before = out
        .find("The backup breaks the rules in 2 places")
        .expect(&out);
    let listed = out
        .find("a split cannot be imposed on a partner")
        .expect(&out);
    let restored = out.find("Restored from").expect(&out);
    assert!(before < listed && listed < restored, "{out}");
    assert!(
        out.contains(
            "The restored data breaks the rules in 2 places: run panel check to list them"
        ),
        "{out}"
    );
    // A backup that keeps every rule says nothing of them.
    let other = Env::new();
    other.ok(&["demo", "--yes"]);
    let clean = other.dir.path().join("clean.sqlite3");
    other.ok(&["backup", clean.to_str().unwrap()]);
    let out = other.ok(&["restore", clean.to_str().unwrap(), "--yes"]);
    assert!(
        out.contains("Restored from") && !out.contains("breaks the rules"),
        "{out}"
    );
}

/// Council file shares have folders such as "Panel données 2026-27": a database, its backups,
/// an imported file and a printed record in such a folder work as anywhere else, on Linux and
/// on Windows (where the tests also run).
#[test]
fn paths_with_spaces_and_accents_work_everywhere() {
    let env = Env::new();
    let folder = env.dir.path().join("Panel données 2026-27");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("Réunion du panel.sqlite3");
    let run = |args: &[&str]| {
        let o = panel(&db, args);
        assert!(o.status.success(), "panel {args:?} failed: {}", stderr(&o));
        stdout(&o)
    };
    let file = folder.join("exemple à importer.json");
    std::fs::write(&file, EXAMPLE).unwrap();
    assert!(run(&["import", file.to_str().unwrap()]).contains("1 case"));
    let out = run(&["backup"]);
    let backups: Vec<PathBuf> = std::fs::read_dir(folder.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("-manual.sqlite3"))
        .collect();
    assert_eq!(backups.len(), 1, "{out}");
    assert!(out.contains(backups[0].to_str().unwrap()), "{out}");
    let pdf = folder.join("État des dépenses.pdf");
    run(&[
        "spend-report",
        "--year",
        "2023/24",
        "--as-of",
        "2023-09-30",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let text = pdf_extract::extract_text(&pdf).unwrap();
    assert!(text.contains("2023/24"), "{text}");
    assert!(run(&["check"]).contains("All 10 checks passed"));
    let restored = run(&["restore", backups[0].to_str().unwrap(), "--yes"]);
    assert!(
        restored.contains("The data it replaced is kept in"),
        "{restored}"
    );
    assert!(run(&["check"]).contains("All 10 checks passed"));
}

#[test]
fn a_reader_that_stops_reading_ends_every_printing_command_quietly() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    env.ok(&[
        "statement",
        "--partner",
        "HE",
        "--from",
        "2026-08-01",
        "--to",
        "2026-08-31",
        "--issue",
    ]);
    for args in [
        vec!["export", "-"],
        vec!["spend"],
        vec!["spend", "--json"],
        vec!["spend", "--csv"],
        vec!["spend", "--detail-csv"],
        vec![
            "statement",
            "--partner",
            "HE",
            "--from",
            "2026-04-01",
            "--to",
            "2026-10-31",
        ],
        vec!["statement", "--number", "HE/26-27/01", "--csv"],
        vec!["debts", "--json"],
        vec!["disputes"],
        vec!["contributions", "--year", "2026/27"],
        vec!["settlement", "--year", "2025/26"],
        vec!["check"],
        vec!["--help"],
    ] {
        // The reading end is closed before the command prints anything: every write it makes
        // finds no reader.
        let mut child = command(&env.db(), &args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
    }
    // A write that fails otherwise still says so: /dev/full has no room (a Unix device; on
    // Windows there is none).
    if cfg!(unix) && std::path::Path::new("/dev/full").exists() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = command(&env.db(), &["export", "-"]).stdout(full).run();
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
    }
}
