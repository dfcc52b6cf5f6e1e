//! Data safety: encryption, backups, restore and the audit trail.

use crate::*;

/// What the data safety test saw.
#[derive(Debug, Default)]
struct SafetyRun {
    encrypt_heading: String,
    short_error: String,
    mismatch_error: String,
    user_shown: String,
    second_instance: Option<i32>,
    backups_after_unlock: usize,
    backups_after_now: usize,
    renamed_title: String,
    preview_backup: String,
    preview_current: String,
    restored_notice: String,
    title_after_restore: String,
    locked_heading: String,
    wrong_error: String,
    audit_total: String,
    audit_first: String,
    audit_text: String,
    audit_by_setup: String,
}

async fn rows(driver: &WebDriver, css: &str) -> WebDriverResult<usize> {
    Ok(driver.find_all(By::Css(css)).await?.len())
}

/// Waits until `css` matches `n` elements, and returns how many it matched in the end.
async fn wait_rows(driver: &WebDriver, css: &str, n: usize) -> WebDriverResult<usize> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let now = rows(driver, css).await?;
        if now == n || Instant::now() > deadline {
            return Ok(now);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The audit screen's count of matching entries.
async fn total_shown(driver: &WebDriver) -> WebDriverResult<String> {
    loop {
        match wait_for(driver, "p[data-total]")
            .await?
            .attr("data-total")
            .await
        {
            Ok(t) => return Ok(t.unwrap_or_default()),
            Err(e) if stale(&e) => continue,
            Err(e) => return Err(e),
        }
    }
}

async fn run_safety(driver: &WebDriver, db: &Path) -> WebDriverResult<SafetyRun> {
    let mut seen = SafetyRun::default();
    let form = "form[data-form='unlock']";
    seen.encrypt_heading = wait_text(driver, "#unlock-heading", "").await?;
    screenshot(driver, "unlock-encrypt.png").await?;
    let submit = format!("{form} button[type='submit']");
    fill(driver, form, "user", USER).await?;
    fill(driver, form, "passphrase", "short").await?;
    fill(driver, form, "again", "short").await?;
    wait_for(driver, &submit).await?.click().await?;
    seen.short_error = wait_text(driver, &format!("{form} .error-message"), "").await?;
    fill(driver, form, "passphrase", KEY).await?;
    fill(driver, form, "again", "a different passphrase").await?;
    wait_for(driver, &submit).await?.click().await?;
    seen.mismatch_error =
        wait_text(driver, &format!("{form} .error-message"), "not the same").await?;
    fill(driver, form, "passphrase", KEY).await?;
    fill(driver, form, "again", KEY).await?;
    wait_for(driver, &submit).await?.click().await?;
    seen.user_shown = wait_text(driver, "[data-user]", "").await?;

    // A second start on the same database hands over to this one and ends. On Linux the two
    // find each other on the desktop session's D-Bus (`./tasks test` runs the tests under
    // `dbus-run-session`, as a desktop would have one).
    let app = env!("CARGO_BIN_EXE_complex-needs-panel");
    let db_path = db.to_path_buf();
    seen.second_instance = tokio::task::spawn_blocking(move || {
        let mut child = Command::new(app)
            .env("PANEL_DB", &db_path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                return status.code();
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    })
    .await
    .unwrap();

    // Backups: one taken on unlocking (the daily one), one now.
    button(driver, "Backups").await?.click().await?;
    let backup_rows = "table[data-table='backups'] tbody tr";
    wait_for(driver, backup_rows).await?;
    seen.backups_after_unlock = rows(driver, backup_rows).await?;
    button(driver, "Back up now").await?.click().await?;
    wait_text(driver, ".banner-success", "Backed up to").await?;
    seen.backups_after_now = wait_rows(driver, backup_rows, 2).await?;
    screenshot(driver, "backups.png").await?;

    // A change after the backups, then the daily backup restored over it.
    let title = wait_text(driver, ".header-title", "").await?;
    button(driver, "Settings").await?.click().await?;
    fill(
        driver,
        "form[data-form='settings']",
        "panel_name",
        "Renamed Panel",
    )
    .await?;
    button(driver, "Save settings").await?.click().await?;
    seen.renamed_title = wait_text(driver, ".header-title", "Renamed Panel").await?;
    button(driver, "Backups").await?.click().await?;
    open_daily_backup(driver).await?;
    seen.preview_backup = wait_text(driver, "tr[data-row='backup']", "").await?;
    seen.preview_current = wait_text(driver, "tr[data-row='current']", "").await?;
    screenshot(driver, "restore.png").await?;
    driver
        .execute("window.confirm = () => true;", Vec::new())
        .await?;
    confirm_button(driver, "Restore this backup").await?;
    seen.restored_notice = wait_text(driver, ".banner-success", "Restored").await?;
    seen.title_after_restore = wait_text(driver, ".header-title", &title).await?;

    // Locking closes the database; a wrong passphrase does not open it.
    button(driver, "Lock").await?.click().await?;
    seen.locked_heading = wait_text(driver, "#unlock-heading", "Unlock").await?;
    fill(driver, form, "user", USER).await?;
    fill(driver, form, "passphrase", "not the passphrase").await?;
    wait_for(driver, &submit).await?.click().await?;
    seen.wrong_error = wait_text(driver, &format!("{form} .error-message"), "").await?;
    unlock(driver, KEY).await?;
    wait_for(driver, "[data-user]").await?;

    // The audit trail: everything, then only the setup's changes.
    button(driver, "Audit").await?.click().await?;
    seen.audit_total = total_shown(driver).await?;
    seen.audit_first = wait_text(driver, "table[data-table='audit'] tbody tr", "").await?;
    // Each save's changes open under it, in words.
    for summary in driver
        .find_all(By::Css("details.audit-details summary"))
        .await?
    {
        summary.click().await?;
    }
    seen.audit_text = wait_for(driver, "table[data-table='audit']")
        .await?
        .text()
        .await?;
    screenshot(driver, "audit.png").await?;
    choose(driver, "[data-form='audit-filter']", "user", "setup").await?;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let now = total_shown(driver).await?;
        if now != seen.audit_total || Instant::now() > deadline {
            seen.audit_by_setup = now;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_database_is_encrypted_backed_up_restored_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    // An unencrypted database, as an earlier version of the app left it.
    let db = dir.path().join("panel.sqlite3");
    Store::open(&db, "setup")
        .unwrap()
        .import(&read_dataset(EXAMPLE).unwrap())
        .unwrap();
    let seen = drive_locked(&db, |d| {
        let db = db.clone();
        async move { run_safety(&d, &db).await }
    })
    .await
    .expect("the data safety run failed");
    assert_eq!(seen.encrypt_heading, "Encrypt this database", "{seen:?}");
    assert!(
        seen.short_error.contains("at least 10 characters"),
        "{seen:?}"
    );
    assert!(seen.mismatch_error.contains("not the same"), "{seen:?}");
    assert_eq!(seen.user_shown, USER);
    assert_eq!(
        seen.second_instance,
        Some(0),
        "the second instance hands over and ends"
    );
    assert_eq!(seen.backups_after_unlock, 1, "{seen:?}");
    assert_eq!(seen.backups_after_now, 2, "{seen:?}");
    assert!(seen.renamed_title.contains("Renamed Panel"));
    assert!(seen.preview_backup.contains("This backup"), "{seen:?}");
    assert!(seen.preview_current.contains("by E2E Tester"), "{seen:?}");
    assert!(
        seen.restored_notice
            .contains("The data it replaced is kept in"),
        "{seen:?}"
    );
    assert!(!seen.title_after_restore.contains("Renamed"), "{seen:?}");
    assert_eq!(seen.locked_heading, "Unlock Complex Needs Panel");
    assert!(
        seen.wrong_error.contains("does not open this database"),
        "{seen:?}"
    );

    // The file is encrypted, under the passphrase chosen; the screen's audit figures are the store's.
    assert!(!std::fs::read(&db).unwrap().starts_with(b"SQLite format 3"));
    let store = open_db(&db);
    assert!(store.check().unwrap().ok());
    let all = store
        .audit(&panel_store::AuditFilter {
            limit: 1,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(seen.audit_total, all.total.to_string());
    assert_eq!(
        all.entries[0].event.as_ref().map(|(e, _)| e.as_str()),
        Some("restored")
    );
    assert!(seen.audit_first.contains("Restored from "), "{seen:?}");
    assert!(seen.audit_first.contains(USER), "{seen:?}");
    // Read aloud: no ids, internal names or raw rows, and the setup's partners by name.
    for internal in [
        "_id",
        "partner id",
        "year start",
        "seq",
        "{\"",
        "pence",
        "basis points",
    ] {
        assert!(
            !seen.audit_text.contains(internal),
            "{internal} in {}",
            seen.audit_text
        );
    }
    assert!(seen.audit_text.contains("Show the"), "{}", seen.audit_text);
    let by_setup = store
        .audit(&panel_store::AuditFilter {
            actor: Some("setup".into()),
            limit: 1,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(seen.audit_by_setup, by_setup.total.to_string());
    assert!(by_setup.rows > 10 && by_setup.total >= 1 && by_setup.total < all.total);
    let reasons: Vec<String> = panel_store::list_backups(&panel_store::backup_dir(&db))
        .unwrap()
        .into_iter()
        .map(|b| b.reason)
        .collect();
    assert_eq!(
        reasons,
        ["before-restore", "manual", "daily"],
        "one on unlocking, one now, one before the restore"
    );
    // Nothing was renamed in the end: the restore took the database back.
    assert_ne!(store.settings().unwrap().panel_name, "Renamed Panel");
}

/// What the app showed while another program held the database.
#[derive(Debug, Default)]
struct TwoWritersRun {
    busy: String,
    venue_kept: String,
    heading: String,
    other_program_case: String,
}

async fn run_two_writers(driver: &WebDriver, db: &Path) -> WebDriverResult<TwoWritersRun> {
    let mut seen = TwoWritersRun::default();
    button(driver, "New meeting").await?.click().await?;
    let form = "form[data-form='meeting']";
    fill(driver, form, "date", "16/01/2031").await?;
    fill(driver, form, "chair", "Helen Ward").await?;
    fill(driver, form, "venue", "Committee Room 2").await?;
    // Another program (the panel command importing, say) is writing and keeps the database
    // for longer than the app waits: the app says busy, keeps what was typed, changes nothing.
    let other = open_db(db);
    other.connection().execute_batch("BEGIN IMMEDIATE").unwrap();
    let audit = other.audit_count().unwrap();
    button(driver, "Create meeting").await?.click().await?;
    seen.busy = wait_text(driver, ".banner-error", "busy").await?;
    seen.venue_kept = wait_for(driver, &format!("{form} [name='venue']"))
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    // The other program's change lands; then the app's, when asked again.
    other
        .connection()
        .execute_batch(
            "INSERT INTO cases (reference, initials, date_of_birth, needs) VALUES ('CN-0900', 'Q.R.', NULL, ''); COMMIT",
        )
        .unwrap();
    assert_eq!(other.audit_count().unwrap(), audit + 1);
    drop(other);
    button(driver, "Create meeting").await?.click().await?;
    seen.heading = wait_for(driver, "#meeting-heading").await?.text().await?;
    // And the app sees what the other program wrote.
    button(driver, "Cases").await?.click().await?;
    fill(driver, "main", "filter", "CN-0900").await?;
    seen.other_program_case = wait_text(driver, "[data-testid='cases']", "CN-0900").await?;
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_writer_makes_the_app_say_busy_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let db = example_db(&dir);
    let meetings = open_db(&db).meetings().unwrap().len();
    let db_path = db.clone();
    let seen = drive(&db, |d| async move { run_two_writers(&d, &db_path).await })
        .await
        .unwrap();
    assert!(
        seen.busy.contains("busy") && seen.busy.contains("try again"),
        "{seen:?}"
    );
    assert!(!seen.busy.contains("refused"), "{seen:?}");
    assert_eq!(seen.venue_kept, "Committee Room 2", "{seen:?}");
    assert!(seen.heading.contains("16 January 2031"), "{seen:?}");
    assert!(seen.other_program_case.contains("Q.R."), "{seen:?}");
    // Both writers' changes are there, once each, and the file checks clean.
    let store = open_db(&db);
    assert_eq!(store.meetings().unwrap().len(), meetings + 1);
    assert!(store.case_id("CN-0900").is_ok());
    assert!(store.check().unwrap().ok());
}

/// The `panel` command writes while the app is in the middle of finalising a decision (held
/// open for eight seconds): the command says it is waiting, waits, and makes its change once
/// the app's is committed; the app numbers its decision; both are there and the file checks
/// clean.
#[tokio::test(flavor = "multi_thread")]
async fn the_panel_command_waits_while_the_app_writes_and_both_changes_land() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.sqlite3");
    crate::crash::seed_decision(&db);
    let table = dir.path().join("table.json");
    std::fs::write(
        &table,
        r#"{"per_point": "12.50", "areas": [{"name": "Personal care", "levels": [{"name": "None", "points": 0}, {"name": "High", "points": 40}]}]}"#,
    )
    .unwrap();
    let (db_path, table_path) = (db.clone(), table.clone());
    let (number, command) = drive_with(&db, &[("PANEL_PAUSE_IN", "finalise")], |d| async move {
        crate::crash::write_decision(&d).await?;
        let file = db_path.clone();
        let writer = crate::crash::when_finalising(&db_path, move || {
            Command::new(panel_command())
                .env("PANEL_KEY", KEY)
                .env("PANEL_USER", "Finance Officer")
                .arg("--db")
                .arg(&file)
                .args(["allocation-table", "--year", "2030/31", "--set"])
                .arg(&table_path)
                .output()
                .unwrap()
        });
        confirm_button(&d, "Finalise decision").await?;
        let number = wait_for(&d, "[data-testid='decision-number']")
            .await?
            .text()
            .await?;
        Ok((number, writer.await.unwrap()))
    })
    .await
    .unwrap();
    let out = command.expect("the app held no write open while finalising");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("is writing to the database: waiting for it to finish"),
        "{said}"
    );
    assert_eq!(number, "CNP/30-31/0001");
    let store = open_db(&db);
    let year = panel_core::FinancialYear::starting(2030).unwrap();
    assert!(store.allocation_table(year).unwrap().is_some());
    assert!(store.check().unwrap().ok());
}
