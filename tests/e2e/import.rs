//! The spreadsheet import: refused with a report, then imported; the closing backup.

use crate::*;

/// A tracker as a panel keeps it in Excel: a title, headings in row 3 (the start date headed
/// "Began", which is not a name it is known by), dates, money and percentages formatted.
/// `initials` is the new case's initials as typed.
fn tracker_xlsx(path: &Path, initials: &str) {
    let date = |y, m, d| Value::Date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap());
    let percent = |shares: [f64; 3]| shares.map(Value::Percent);
    let mut known = vec![
        text("CN-0001"),
        Value::Empty,
        text("Harbour View"),
        text("Residential"),
        date(2026, 12, 1),
        Value::Empty,
        Value::Money(4_800.0),
    ];
    known.extend(percent([0.5, 0.25, 0.25]));
    let mut new = vec![
        text("CN-7001"),
        text(initials),
        text("Meadow Bank School"),
        text("Day school"),
        date(2026, 9, 1),
        Value::Empty,
        Value::Money(1_450.75),
    ];
    new.extend(percent([0.0, 1.0, 0.0]));
    let bytes = workbook(&[Sheet {
        name: "Placements",
        title: Some("Placements tracker"),
        headings: &[
            "Case ref",
            "Initials",
            "Provider",
            "Placement type",
            "Began",
            "End date",
            "Weekly cost",
            "Social care %",
            "Education %",
            "Health %",
        ],
        rows: vec![known, new],
    }]);
    std::fs::write(path, bytes).unwrap();
}

#[derive(Debug, Default)]
struct ImportRun {
    summary: String,
    first_problems: String,
    problems: String,
    enabled_with_problems: bool,
    ready: String,
    rows: String,
    done: String,
    ended_on_sigterm: bool,
}

async fn run_import(driver: &WebDriver, file: &Path) -> WebDriverResult<ImportRun> {
    let mut seen = ImportRun::default();
    button(driver, "Cases").await?.click().await?;
    button(driver, "Import from a spreadsheet…")
        .await?
        .click()
        .await?;
    let form = "form[data-form='spreadsheet']";
    fill(driver, form, "path", file.to_str().unwrap()).await?;
    button(driver, "Read the file").await?.click().await?;
    seen.summary = wait_text(driver, "[data-sheet-summary]", "headings in row").await?;
    // "Began" is not known as the start: the report asks for its column.
    seen.first_problems = wait_text(driver, "table[data-table='problems']", "start date").await?;
    choose(
        driver,
        "table[data-table='mapping']",
        "map-start",
        "E: Began",
    )
    .await?;
    seen.problems = wait_text(driver, "table[data-table='problems']", "Row 5").await?;
    seen.enabled_with_problems = button(driver, "Import 1 placement")
        .await?
        .is_enabled()
        .await?;
    driver
        .execute(
            "document.querySelector('[data-preview]').scrollIntoView();",
            Vec::new(),
        )
        .await?;
    screenshot(driver, "import-problems.png").await?;

    // The spreadsheet mended and read again: the column chosen is kept.
    tracker_xlsx(file, "T.W.");
    button(driver, "Read the file").await?.click().await?;
    seen.ready = wait_text(driver, "[data-preview] .banner-success", "Every row").await?;
    seen.rows = wait_text(driver, "table[data-table='import-rows'] tbody", "").await?;
    driver
        .execute(
            "document.querySelector('[data-table=\"mapping\"]').scrollIntoView();",
            Vec::new(),
        )
        .await?;
    screenshot(driver, "import.png").await?;
    driver
        .execute("window.confirm = () => true;", Vec::new())
        .await?;
    confirm_button(driver, "Import 2 placements").await?;
    seen.done = wait_text(driver, ".banner-success", "Imported").await?;

    // Logging out ends the app with SIGTERM: it takes the backup on closing and ends.
    let db = file.with_file_name("panel.sqlite3");
    seen.ended_on_sigterm = tokio::task::spawn_blocking(move || end_with_sigterm(&db))
        .await
        .unwrap();
    Ok(seen)
}

/// The process id of the application running on `db`.
pub(crate) fn app_pid(db: &Path) -> Option<u32> {
    let app = std::fs::canonicalize(env!("CARGO_BIN_EXE_complex-needs-panel")).ok()?;
    let wanted = format!("PANEL_DB={}", db.display());
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let pid: u32 = e.file_name().to_str()?.parse().ok()?;
        let exe = std::fs::read_link(e.path().join("exe")).ok()?;
        let environ = std::fs::read(e.path().join("environ")).ok()?;
        let ours = exe == app && environ.split(|b| *b == 0).any(|v| v == wanted.as_bytes());
        ours.then_some(pid)
    })
}

/// Sends SIGTERM to the application on `db` and waits up to 20 seconds for it to end;
/// whether it ended.
fn end_with_sigterm(db: &Path) -> bool {
    end_app(db, "TERM")
}

/// Sends `signal` (`TERM`, `KILL`) to the application on `db` and waits up to 20 seconds for
/// it to end; whether it ended.
pub(crate) fn end_app(db: &Path, signal: &str) -> bool {
    let Some(pid) = app_pid(db) else {
        return false;
    };
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .is_ok_and(|s| s.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    while sent && Instant::now() < deadline {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // Gone, or a zombie waiting for its parent.
        if state.is_empty() || state.split(") ").nth(1).is_some_and(|r| r.starts_with('Z')) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[tokio::test(flavor = "multi_thread")]
async fn a_spreadsheet_of_placements_is_refused_with_a_report_then_imported() {
    let dir = tempfile::tempdir().unwrap();
    let db = example_db(&dir);
    let file = dir.path().join("Tracker.xlsx");
    tracker_xlsx(&file, "Tom Walker");
    let before = {
        let store = open_db(&db);
        (
            store
                .case(store.case_id("CN-0001").unwrap())
                .unwrap()
                .placements
                .len(),
            store.audit_count().unwrap(),
        )
    };
    let seen = drive(&db, |d| {
        let file = file.clone();
        async move { run_import(&d, &file).await }
    })
    .await
    .expect("the import run failed");
    assert!(
        seen.summary
            .contains("Sheet “Placements”: headings in row 3, 2 rows"),
        "{seen:?}"
    );
    assert!(
        seen.first_problems
            .contains("Choose the column that holds the start date"),
        "{seen:?}"
    );
    assert!(
        seen.problems
            .contains("5B (Initials)\"Tom Walker\" is not initials"),
        "{seen:?}"
    );
    assert!(!seen.problems.contains("start date"), "{seen:?}");
    assert!(
        !seen.enabled_with_problems,
        "no import while a row is wrong"
    );
    assert!(
        seen.ready
            .contains("Every row can be imported: 2 placements, 1 new case"),
        "{seen:?}"
    );
    assert!(seen.rows.contains("CN-0001 A.B."), "{seen:?}");
    assert!(
        seen.rows.contains("£4,800.00 a week50%25%25%OK"),
        "{seen:?}"
    );
    assert!(seen.rows.contains("CN-7001 T.W. New"), "{seen:?}");
    assert!(
        seen.done.contains("Imported 2 placements and 1 new case"),
        "{seen:?}"
    );
    assert!(seen.done.contains("before-import.sqlite3"), "{seen:?}");

    // What the screen imported is in the database, exactly, recorded against the person.
    let store = open_db(&db);
    let known = store.case(store.case_id("CN-0001").unwrap()).unwrap();
    assert_eq!(known.placements.len(), before.0 + 1);
    let added = &known.placements.last().unwrap().record;
    assert_eq!(added.provider, "Harbour View");
    assert_eq!(
        added.placement.cost_lines[0].amount,
        panel_core::Money::from_pence(480_000)
    );
    let new = store.case(store.case_id("CN-7001").unwrap()).unwrap();
    assert_eq!(new.case.initials, "T.W.");
    assert_eq!(
        new.placements[0].record.placement.cost_lines[0].amount,
        panel_core::Money::from_pence(145_075)
    );
    assert!(store.audit_count().unwrap() > before.1);
    let mine = store
        .audit(&panel_store::AuditFilter {
            actor: Some(USER.into()),
            limit: 500,
            rows_shown: usize::MAX,
            ..Default::default()
        })
        .unwrap();
    assert!(
        mine.entries
            .iter()
            .flat_map(|e| &e.rows)
            .any(|e| e.table == "placements" && e.action == "insert"),
        "the import is audited against the person"
    );
    assert!(store.check().unwrap().ok());
    let reasons: Vec<String> = panel_store::list_backups(&panel_store::backup_dir(&db))
        .unwrap()
        .into_iter()
        .map(|b| b.reason)
        .collect();
    assert!(
        reasons.contains(&"before-import".to_string()),
        "{reasons:?}"
    );
    assert!(seen.ended_on_sigterm, "the app ends on SIGTERM");
    assert_eq!(
        reasons[0], "close",
        "the backup on closing is the newest: {reasons:?}"
    );
    let newest = &panel_store::list_backups(&panel_store::backup_dir(&db)).unwrap()[0];
    let key = panel_core::access::Passphrase::given(KEY).unwrap();
    assert_eq!(
        panel_store::inspect_backup(&newest.path, Some(&key))
            .unwrap()
            .placements,
        store.summary().unwrap().placements,
        "it holds the imported placements"
    );
}
