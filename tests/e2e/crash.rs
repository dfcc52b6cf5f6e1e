//! The app killed (SIGKILL, as a power cut or the task manager would) in the middle of a
//! spreadsheet import, of a restore and of finalising a decision, then started again: the file
//! opens, `panel check` finds nothing wrong, and the data is whole — as it was before the
//! change or as it was after it, never half — with everything the app had reported saved
//! still there.

use crate::*;

/// A tracker of `rows` placements, each a new case, with headings the import knows.
fn big_tracker(path: &Path, rows: usize) {
    std::fs::write(path, workbook::tracker(rows, "KL")).unwrap();
}

/// Kills the app on `db` with SIGKILL and waits for it to be gone.
fn kill_app(db: &Path) -> bool {
    crate::import::end_app(db, "KILL")
}

/// When to kill the app.
#[derive(Clone, Copy, Debug)]
enum When {
    /// This long after the button is pressed, whatever it is doing then.
    After(Duration),
    /// As soon as it is seen writing: its write-ahead log grown by a quarter of a megabyte,
    /// the change under way and not yet committed.
    Writing,
}

/// Kills the app on `db` at `when`: started before the button is pressed, so that no round
/// trip to the window comes between.
fn kill_at(db: &Path, when: When) -> tokio::task::JoinHandle<bool> {
    let db = db.to_path_buf();
    tokio::task::spawn_blocking(move || {
        match when {
            When::After(delay) => std::thread::sleep(delay),
            When::Writing => {
                let wal = db.with_file_name("panel.sqlite3-wal");
                let size = || std::fs::metadata(&wal).map_or(0, |m| m.len());
                let mut least = size();
                let deadline = Instant::now() + Duration::from_secs(30);
                while Instant::now() < deadline {
                    let now = size();
                    least = least.min(now);
                    if now > least + 256 * 1024 {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(2));
                }
            }
        }
        kill_app(&db)
    })
}

/// Starts the import of `file` (2,000 rows) and kills the app at `when`; whether it was
/// killed.
async fn import_then_kill(
    driver: &WebDriver,
    db: &Path,
    file: &Path,
    when: When,
) -> WebDriverResult<bool> {
    button(driver, "Cases").await?.click().await?;
    button(driver, "Import from a spreadsheet…")
        .await?
        .click()
        .await?;
    let form = "form[data-form='spreadsheet']";
    fill(driver, form, "path", file.to_str().unwrap()).await?;
    button(driver, "Read the file").await?.click().await?;
    wait_text(driver, "[data-preview] .banner-success", "Every row").await?;
    driver
        .execute("window.confirm = () => true;", Vec::new())
        .await?;
    let killer = kill_at(db, when);
    let _ = confirm_button(driver, "Import 2,000 placements").await;
    let killed = killer.await.unwrap();
    Ok(killed)
}

/// Renames the panel (reported saved), then restores the backup taken on unlocking (before
/// the rename) and kills the app at `when`; whether it was killed.
async fn restore_then_kill(driver: &WebDriver, db: &Path, when: When) -> WebDriverResult<bool> {
    button(driver, "Settings").await?.click().await?;
    fill(
        driver,
        "form[data-form='settings']",
        "panel_name",
        "Renamed Panel",
    )
    .await?;
    button(driver, "Save settings").await?.click().await?;
    wait_text(driver, ".header-title", "Renamed Panel").await?;
    button(driver, "Backups").await?.click().await?;
    open_daily_backup(driver).await?;
    wait_text(driver, "tr[data-row='backup']", "").await?;
    driver
        .execute("window.confirm = () => true;", Vec::new())
        .await?;
    let killer = kill_at(db, when);
    let _ = confirm_button(driver, "Restore this backup").await;
    let killed = killer.await.unwrap();
    Ok(killed)
}

/// Starts the app again on `db`: it unlocks and lists the cases.
async fn restarts(db: &Path) -> bool {
    drive(db, |d| async move {
        button(&d, "Cases").await?.click().await?;
        wait_for(&d, "a.row-link").await?;
        Ok(())
    })
    .await
    .is_ok()
}

/// A database holding the example and a few hundred generated cases, so that an import and
/// a restore take long enough to be killed in the middle.
fn sizeable_db(dir: &Path) -> PathBuf {
    let db = dir.join("panel.sqlite3");
    let mut store = open_db(&db);
    let example = read_dataset(EXAMPLE).unwrap();
    store.import(&example).unwrap();
    let mut more = panel_core::demo::generated(300, 10, 10, 10);
    more.agreements.clear();
    more.partners = example.partners;
    store.import(&more).unwrap();
    db
}

#[tokio::test(flavor = "multi_thread")]
async fn killed_in_the_middle_of_an_import_or_a_restore_the_app_starts_again_whole() {
    // The import button says "Import 2,000 placements".
    let rows = 2_000;
    let mut outcomes = Vec::new();
    let ms = |n| When::After(Duration::from_millis(n));
    for when in [ms(300), When::Writing, ms(4_000)] {
        // The spreadsheet import.
        let dir = tempfile::tempdir().unwrap();
        let db = sizeable_db(dir.path());
        let file = dir.path().join("Tracker.xlsx");
        big_tracker(&file, rows);
        let cases_before = open_db(&db).summary().unwrap().cases as usize;
        let (db_path, file_path) = (db.clone(), file.clone());
        let killed = drive(&db, |d| async move {
            import_then_kill(&d, &db_path, &file_path, when).await
        })
        .await
        .unwrap();
        assert!(killed, "the app was not killed");
        let store = open_db(&db);
        let report = store.check().unwrap();
        assert!(report.ok(), "after an import killed {when:?}: {report:?}");
        let cases_after = store.summary().unwrap().cases as usize;
        assert!(
            cases_after == cases_before || cases_after == cases_before + rows,
            "half an import: {cases_before} cases before, {cases_after} after"
        );
        drop(store);
        assert!(restarts(&db).await, "the app did not start again");
        outcomes.push(format!(
            "import killed {when:?}: {}",
            if cases_after == cases_before {
                "before"
            } else {
                "after"
            }
        ));

        // The restore.
        let dir = tempfile::tempdir().unwrap();
        let db = sizeable_db(dir.path());
        let original = open_db(&db).settings().unwrap().panel_name;
        let db_path = db.clone();
        let killed = drive(&db, |d| async move {
            restore_then_kill(&d, &db_path, when).await
        })
        .await
        .unwrap();
        assert!(killed, "the app was not killed");
        let store = open_db(&db);
        let report = store.check().unwrap();
        assert!(report.ok(), "after a restore killed {when:?}: {report:?}");
        let name = store.settings().unwrap().panel_name;
        assert!(name == "Renamed Panel" || name == original, "{name}");
        drop(store);
        assert!(restarts(&db).await, "the app did not start again");
        outcomes.push(format!(
            "restore killed {when:?}: {}",
            if name == "Renamed Panel" {
                "before"
            } else {
                "after"
            }
        ));
    }
    eprintln!("{}", outcomes.join("; "));
}

/// A case with a placement shared by all three partners and a quorate meeting on 16/01/2031
/// with an item about it, whose decision the test writes and finalises.
pub(crate) fn seed_decision(db: &Path) {
    let mut store = seed::example_with_agreement(db);
    let case = seed::case(&mut store, "CN-0400", "K.L.", "04/03/2015", "Autism");
    seed::weekly_placement(
        &mut store,
        case,
        "Oakfield Grange",
        "01/02/2031",
        "6000",
        &[("01/02/2031", ["34", "33", "33"])],
    );
    let meeting = seed::meeting_with_members(&mut store, "16/01/2031", "present");
    seed::item(
        &mut store,
        meeting,
        panel_core::model::ItemKind::NewReferral,
        "CN-0400",
        "Residential placement",
        15,
    );
}

/// Opens the item of 16/01/2031 and, unless its draft is there already, writes the decision.
pub(crate) async fn write_decision(driver: &WebDriver) -> WebDriverResult<()> {
    open_item(driver, "2031-01-16").await?;
    let typed = wait_for(driver, "form[data-form='decision'] [name='reasons']")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    if typed.is_empty() {
        write_decision_text(
            driver,
            "Approve the placement from 01/02/2031.",
            "Needs cannot be met at home.",
            "Foster care: no carer available.",
            3,
        )
        .await?;
    }
    Ok(())
}

/// Waits until another program holds the write lock of `db` without a break for a whole
/// second — no save of a few milliseconds but the finalise held open (`PANEL_PAUSE_IN`) —
/// then does `then`; `None` when no write was held so long within a minute.
pub(crate) fn when_finalising<T: Send + 'static>(
    db: &Path,
    then: impl FnOnce() -> T + Send + 'static,
) -> tokio::task::JoinHandle<Option<T>> {
    // Opened (its key derived) before the button is pressed.
    let store = open_db(db);
    tokio::task::spawn_blocking(move || {
        let conn = store.connection();
        conn.busy_timeout(Duration::ZERO).unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut held_since: Option<Instant> = None;
        while Instant::now() < deadline {
            let busy = match conn.execute_batch("BEGIN IMMEDIATE") {
                Ok(()) => {
                    conn.execute_batch("ROLLBACK").unwrap();
                    false
                }
                Err(_) => true,
            };
            held_since = if busy {
                held_since.or(Some(Instant::now()))
            } else {
                None
            };
            if held_since.is_some_and(|t| t.elapsed() > Duration::from_secs(1)) {
                drop(store);
                return Some(then());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    })
}

/// Kills the app on `db` while it finalises (see [`when_finalising`]); whether it was killed.
fn kill_while_finalising(db: &Path) -> tokio::task::JoinHandle<Option<bool>> {
    let path = db.to_path_buf();
    when_finalising(db, move || kill_app(&path))
}

/// The decision of `db`'s item: its status and number.
fn decision_state(db: &Path) -> Vec<(String, Option<String>)> {
    let store = open_db(db);
    let mut stmt = store
        .connection()
        .prepare("SELECT status, number FROM decisions ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn killed_while_finalising_a_decision_the_app_starts_again_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.sqlite3");
    seed_decision(&db);

    // Killed with the finalise's rows written and not committed: the draft it had reported
    // saved is there, and nothing of the finalise is.
    let db_path = db.clone();
    let killed = drive_with(&db, &[("PANEL_PAUSE_IN", "finalise")], |d| async move {
        write_decision(&d).await?;
        let killer = kill_while_finalising(&db_path);
        // The app may be killed while the button is still being confirmed.
        let _ = confirm_button(&d, "Finalise decision").await;
        Ok(killer.await.unwrap() == Some(true))
    })
    .await
    .unwrap();
    assert!(killed, "the app was not killed while finalising");
    let report = open_db(&db).check().unwrap();
    assert!(report.ok(), "after a finalise killed: {report:?}");
    assert_eq!(decision_state(&db), [("draft".to_string(), None)]);

    // Started again, the draft finalises with the first number (the killed attempt took none);
    // killed as soon as the number is shown, the decision is final with it.
    let db_path = db.clone();
    let (number, killed) = drive(&db, |d| async move {
        write_decision(&d).await?;
        confirm_button(&d, "Finalise decision").await?;
        let number = wait_for(&d, "[data-testid='decision-number']")
            .await?
            .text()
            .await?;
        Ok((number, kill_app(&db_path)))
    })
    .await
    .unwrap();
    assert!(killed, "the app was not killed after finalising");
    assert_eq!(number, "CNP/30-31/0001");
    let report = open_db(&db).check().unwrap();
    assert!(
        report.ok(),
        "after a finalised decision was killed: {report:?}"
    );
    assert_eq!(
        decision_state(&db),
        [("final".to_string(), Some(number.clone()))]
    );
    assert!(restarts(&db).await, "the app did not start again");
}
