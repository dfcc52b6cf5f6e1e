//! End-to-end tests: the real built application in its real WebView, driven through
//! tauri-driver and WebKitWebDriver (run under Xvfb by `./tasks test`).
//!
//! Each test gets its own database in a temporary folder, its own tauri-driver on free ports,
//! collects what it saw, quits the session and only then asserts.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use panel_core::interchange::read_dataset;
use panel_store::Store;
use thirtyfour::prelude::*;

#[path = "../crates/panel-store/tests/support/workbook.rs"]
mod workbook;
use workbook::{Sheet, Value, text, workbook};

const EXAMPLE: &str = include_str!("../docs/examples/oakfield.json");

/// The passphrase the tests' databases are encrypted under, and who unlocks them.
const KEY: &str = "end to end passphrase";
const USER: &str = "E2E Tester";

/// The database at `db` (created encrypted if new), as the tests set it up and read it back.
fn open_db(db: &Path) -> Store {
    let key = panel_core::access::Passphrase::given(KEY).unwrap();
    Store::open_encrypted(db, "setup", &key).unwrap()
}

/// tauri-driver: `TAURI_DRIVER` if set, else the project's own install, else the PATH.
fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("../.tools/bin/tauri-driver");
    if local.exists() {
        local
    } else {
        PathBuf::from("tauri-driver")
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Where the app under test saves documents: `documents` beside its database.
fn saved_dir(db: &Path) -> PathBuf {
    let dir = db.with_file_name("documents");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A running tauri-driver, stopped with SIGTERM (SIGKILL would leave WebKitWebDriver behind).
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(db: &Path) -> Driver {
        let (port, native) = (free_port(), free_port());
        let child = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .env("PANEL_DB", db)
            .env("PANEL_USER", USER)
            // Documents are saved beside the database without a dialog, and not opened.
            .env("PANEL_SAVE_DIR", saved_dir(db))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver must be installed (./tasks test installs it into .tools/)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port }
    }

    /// A WebDriver session on the app. tauri-driver accepts connections before the
    /// WebKitWebDriver behind it listens, so the first attempts may be refused: retry briefly.
    async fn session(&self) -> WebDriver {
        let mut last_error = None;
        for _ in 0..20 {
            let mut caps = Capabilities::new();
            caps.set("browserName", "wry").unwrap();
            caps.set(
                "tauri:options",
                serde_json::json!({ "application": env!("CARGO_BIN_EXE_complex-needs-panel") }),
            )
            .unwrap();
            match WebDriver::new(&format!("http://127.0.0.1:{}", self.port), caps).await {
                Ok(driver) => return driver,
                Err(e) => last_error = Some(e),
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        panic!("cannot start the application through tauri-driver: {last_error:?}");
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

/// A database in `dir` holding the documented example.
fn example_db(dir: &tempfile::TempDir) -> PathBuf {
    let db = dir.path().join("panel.sqlite3");
    open_db(&db)
        .import(&read_dataset(EXAMPLE).unwrap())
        .unwrap();
    db
}

/// Starts the app on `db`, unlocks it (choosing the passphrase for a new database), lets
/// `run` drive it, then quits and stops the driver before returning what `run` saw (so a
/// failed assertion never leaves the app running).
async fn drive<T, F, Fut>(db: &Path, run: F) -> WebDriverResult<T>
where
    F: FnOnce(WebDriver) -> Fut,
    Fut: std::future::Future<Output = WebDriverResult<T>>,
{
    drive_locked(db, |d| async move {
        unlock(&d, KEY).await?;
        wait_for(&d, "[data-user]").await?;
        run(d).await
    })
    .await
}

/// Fills the unlock screen with the tests' user and `passphrase` (twice when choosing one).
async fn unlock(driver: &WebDriver, passphrase: &str) -> WebDriverResult<()> {
    let form = "form[data-form='unlock']";
    wait_for(driver, form).await?;
    fill(driver, form, "user", USER).await?;
    fill(driver, form, "passphrase", passphrase).await?;
    if let Ok(again) = driver.find(By::Css(format!("{form} [name='again']"))).await {
        again.send_keys(passphrase).await?;
    }
    wait_for(driver, &format!("{form} button[type='submit']"))
        .await?
        .click()
        .await
}

/// [`drive`] without unlocking: `run` starts at the unlock screen.
async fn drive_locked<T, F, Fut>(db: &Path, run: F) -> WebDriverResult<T>
where
    F: FnOnce(WebDriver) -> Fut,
    Fut: std::future::Future<Output = WebDriverResult<T>>,
{
    let driver_process = Driver::start(db);
    let driver = driver_process.session().await;
    let result = run(driver.clone()).await;
    // (A run that closed the app's window has ended the session already.)
    let _ = driver.quit().await;
    drop(driver_process);
    result
}

async fn wait_for(driver: &WebDriver, css: &str) -> WebDriverResult<WebElement> {
    again_if_stale(|| async {
        driver
            .query(By::Css(css))
            .wait(Duration::from_secs(15), Duration::from_millis(100))
            .first()
            .await
    })
    .await
}

/// Runs `step` again while it fails because the screen replaced an element it was using (a
/// re-render between finding an element and acting on it), for up to 15 seconds.
async fn again_if_stale<T, F, Fut>(mut step: F) -> WebDriverResult<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = WebDriverResult<T>>,
{
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        match step().await {
            Err(e) if stale(&e) && Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            other => return other,
        }
    }
}

/// Whether the element was replaced on the screen since it was found.
fn stale(e: &WebDriverError) -> bool {
    matches!(
        **e,
        thirtyfour::error::WebDriverErrorInner::StaleElementReference(..)
    )
}

/// Waits until the element's text contains `text`, and returns the text. An element the screen
/// replaced between finding and reading it is found again.
async fn wait_text(driver: &WebDriver, css: &str, text: &str) -> WebDriverResult<String> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let now = match wait_for(driver, css).await?.text().await {
            Ok(t) => t,
            Err(e) if stale(&e) && Instant::now() < deadline => continue,
            Err(e) => return Err(e),
        };
        if now.contains(text) || Instant::now() > deadline {
            return Ok(now);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Saves a screenshot into `E2E_SCREENSHOTS`, when set (for the README and for looking).
async fn screenshot(driver: &WebDriver, name: &str) -> WebDriverResult<()> {
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        driver.screenshot(&Path::new(&dir).join(name)).await?;
    }
    Ok(())
}

async fn fill(driver: &WebDriver, form: &str, name: &str, value: &str) -> WebDriverResult<()> {
    let css = format!("{form} [name='{name}']");
    again_if_stale(|| async {
        let input = wait_for(driver, &css).await?;
        input.clear().await?;
        input.send_keys(value).await
    })
    .await
}

async fn choose(driver: &WebDriver, form: &str, name: &str, label: &str) -> WebDriverResult<()> {
    let select = wait_for(driver, &format!("{form} select[name='{name}']")).await?;
    select
        .find(By::XPath(format!(
            ".//option[normalize-space(.)={}]",
            xpath_literal(label)
        )))
        .await?
        .click()
        .await
}

/// `text` as an XPath string literal, in whichever quotes it does not contain.
fn xpath_literal(text: &str) -> String {
    if text.contains('\'') {
        format!("\"{text}\"")
    } else {
        format!("'{text}'")
    }
}

async fn button(driver: &WebDriver, text: &str) -> WebDriverResult<WebElement> {
    let xpath = format!("//button[normalize-space(.)={}]", xpath_literal(text));
    again_if_stale(|| async {
        driver
            .query(By::XPath(xpath.clone()))
            .wait(Duration::from_secs(15), Duration::from_millis(100))
            .first()
            .await
    })
    .await
}

/// Clicks the button `text` and accepts the confirmation it asks for. A click that lands on a
/// button the screen is just re-rendering asks nothing: the button is found and clicked again.
async fn confirm_button(driver: &WebDriver, text: &str) -> WebDriverResult<()> {
    for _ in 0..5 {
        button(driver, text).await?.click().await?;
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if driver.accept_alert().await.is_ok() {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    driver.accept_alert().await
}

/// What the meeting test saw, asserted after the session is closed.
#[derive(Debug, Default)]
struct MeetingRun {
    bad_date_error: String,
    heading: String,
    quorum_before: String,
    quorum_after_three: String,
    quorum_after_apologies: String,
    offer: String,
    agenda_after_offer: String,
    agenda_reordered: String,
    offers_left: usize,
}

async fn run_meeting(driver: &WebDriver) -> WebDriverResult<MeetingRun> {
    let mut seen = MeetingRun::default();
    button(driver, "New meeting").await?.click().await?;
    let form = "form[aria-labelledby='new-meeting-heading']";
    // A date that does not exist is refused at its field.
    fill(driver, form, "date", "31/02/2030").await?;
    fill(driver, form, "chair", "Helen Ward").await?;
    fill(driver, form, "venue", "Committee Room 2, County Hall").await?;
    button(driver, "Create meeting").await?.click().await?;
    seen.bad_date_error = wait_for(driver, ".field-error .error-message")
        .await?
        .text()
        .await?;
    // Oakfield House started 15/01/2023: a six-monthly review falls on 15/01/2031.
    fill(driver, form, "date", "16/01/2031").await?;
    button(driver, "Create meeting").await?.click().await?;
    seen.heading = wait_for(driver, "#meeting-heading").await?.text().await?;
    seen.quorum_before = wait_for(driver, "[data-testid='quorum']")
        .await?
        .text()
        .await?;
    let form = "form[data-form='attendee']";
    for (name, agency, partner) in [
        ("Helen Ward", "Children's Services", "Social care"),
        ("Marcus Bell", "Education (SEND)", "Education"),
        ("Dr Priya Nair", "Health (ICB)", "Health"),
    ] {
        fill(driver, form, "name", name).await?;
        fill(driver, form, "agency", agency).await?;
        choose(driver, form, "represents", partner).await?;
        button(driver, "Add").await?.click().await?;
        wait_text(driver, "[data-testid='attendance']", name).await?;
    }
    seen.quorum_after_three = wait_text(driver, "[data-testid='quorum']", "Quorate").await?;
    screenshot(driver, "meeting-attendance.png").await?;
    let health = wait_for(driver, "select[aria-label='Attendance of Dr Priya Nair']").await?;
    health
        .find(By::XPath(".//option[@value='apologies']"))
        .await?
        .click()
        .await?;
    seen.quorum_after_apologies =
        wait_text(driver, "[data-testid='quorum']", "Not quorate").await?;
    screenshot(driver, "meeting-inquorate.png").await?;

    // The agenda is offered the review that falls due, and takes it with one action.
    seen.offer = wait_for(driver, "[data-testid='offers'] li")
        .await?
        .text()
        .await?;
    button(driver, "Add to agenda: CN-0001")
        .await?
        .click()
        .await?;
    seen.agenda_after_offer = wait_text(driver, "[data-testid='agenda']", "Oakfield House").await?;
    seen.offers_left = driver
        .find_all(By::Css("[data-testid='offers'] li"))
        .await?
        .len();
    let form = "form[data-form='agenda-item']";
    choose(driver, form, "kind", "Information").await?;
    fill(driver, form, "title", "Pooled budget monitoring").await?;
    fill(driver, form, "minutes", "10").await?;
    button(driver, "Add item").await?.click().await?;
    wait_text(driver, "[data-testid='agenda']", "Pooled budget monitoring").await?;
    button(driver, "Up: item 2").await?.click().await?;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let first = wait_for(driver, "[data-testid='agenda'] tbody tr")
            .await?
            .text()
            .await?;
        if first.contains("Pooled budget monitoring") || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    seen.agenda_reordered = wait_for(driver, "[data-testid='agenda']")
        .await?
        .text()
        .await?;
    screenshot(driver, "agenda.png").await?;
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn create_a_meeting_and_record_a_quorate_attendance() {
    let dir = tempfile::tempdir().unwrap();
    let db = example_db(&dir);
    let seen = drive(&db, |d| async move { run_meeting(&d).await })
        .await
        .expect("the app did not behave as a person would expect");

    assert!(
        seen.bad_date_error.contains("\"31/02/2030\" is not a date"),
        "{seen:?}"
    );
    assert_eq!(seen.heading, "Panel meeting, Thursday 16 January 2031");
    assert!(seen.quorum_before.starts_with("Not quorate"), "{seen:?}");
    assert!(seen.quorum_after_three.starts_with("Quorate"), "{seen:?}");
    assert!(
        seen.quorum_after_apologies.starts_with("Not quorate")
            && seen.quorum_after_apologies.contains("Health"),
        "{seen:?}"
    );

    // What the screen showed is what was stored: one meeting (the refused date left nothing).
    let store = open_db(&db);
    let meetings = store.meetings().unwrap();
    assert_eq!(meetings.len(), 1);
    assert_eq!(meetings[0].date.to_string(), "2031-01-16");
    let detail = store.meeting(meetings[0].id).unwrap();
    let attendance: Vec<(String, String)> = detail
        .attendees
        .iter()
        .map(|(_, a)| (a.name.clone(), a.attendance.code().to_string()))
        .collect();
    assert_eq!(
        attendance,
        [
            ("Helen Ward".into(), "present".into()),
            ("Marcus Bell".into(), "present".into()),
            ("Dr Priya Nair".into(), "apologies".into())
        ]
    );
    assert!(!detail.quorum.quorate);
    // The agenda: the review offered (the first, of 15/07/2023, never held, so overdue and
    // still offered: rule 11), then the information item moved above it.
    assert!(
        seen.offer.contains("Review due 15/07/2023")
            && seen.offer.contains("CN-0001 (A.B.), Oakfield House"),
        "{seen:?}"
    );
    assert!(
        seen.agenda_after_offer
            .contains("Review of placement at Oakfield House"),
        "{seen:?}"
    );
    assert_eq!(
        seen.offers_left, 0,
        "an item on the agenda is not offered again"
    );
    let agenda: Vec<(String, Option<String>, u32)> = store
        .agenda(meetings[0].id)
        .unwrap()
        .into_iter()
        .map(|i| (i.kind.code().to_string(), i.case.map(|c| c.0), i.minutes))
        .collect();
    assert_eq!(
        agenda,
        [
            ("information".into(), None, 10),
            ("review".into(), Some("CN-0001".into()), 15)
        ]
    );
    let first_row = seen
        .agenda_reordered
        .find("Pooled budget monitoring")
        .unwrap();
    assert!(
        first_row < seen.agenda_reordered.find("Oakfield House").unwrap(),
        "{seen:?}"
    );
    let actor: String = store
        .connection()
        .query_row(
            "SELECT actor FROM audit_log WHERE table_name = 'meetings' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(actor, "E2E Tester");
}

async fn run_first_start(driver: &WebDriver) -> WebDriverResult<(String, usize)> {
    let welcome = wait_for(driver, "#welcome-heading").await?.text().await?;
    button(driver, "Load demo data").await?.click().await?;
    let rows = driver
        .query(By::Css("a[data-meeting-date]"))
        .wait(Duration::from_secs(20), Duration::from_millis(100))
        .all_from_selector_required()
        .await?;
    screenshot(driver, "meetings.png").await?;
    Ok((welcome, rows.len()))
}

#[tokio::test(flavor = "multi_thread")]
async fn first_start_offers_the_demo_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new/panel.sqlite3");
    let (welcome, meetings) = drive(&db, |d| async move { run_first_start(&d).await })
        .await
        .expect("first start did not offer the demo");
    assert_eq!(welcome, "Welcome to Complex Needs Panel");
    assert_eq!(
        meetings, 4,
        "the demo has three past meetings and the next one"
    );
    let store = open_db(&db);
    assert!(store.export().unwrap().cases.len() > 50);
}

/// An agreement for 2030/31 in the seed's proportions, so the default split is 34/33/33.
const AGREEMENT_2030: &str = r#"{"format": "complex-needs-panel/1",
  "partners": [{"code": "SC", "name": "Social care"}, {"code": "ED", "name": "Education"}, {"code": "HE", "name": "Health"}],
  "agreements": [{"year": "2030/31", "risk_share": "contributions",
    "contributions": {"SC": "2448000.00", "ED": "2376000.00", "HE": "2376000.00"}}]}"#;

/// The example, a 2030/31 agreement, a new case CN-0200 and a meeting on 16/01/2031 at which
/// health sent apologies, with an item about the case. Returns the meeting's id.
fn seed_meeting(db: &Path) -> i64 {
    use panel_core::entry::new_case;
    use panel_core::meeting::{NewAgendaItem, new_attendee, new_meeting};
    use panel_core::model::ItemKind;
    let mut store = open_db(db);
    store.import(&read_dataset(EXAMPLE).unwrap()).unwrap();
    store
        .import(&read_dataset(AGREEMENT_2030).unwrap())
        .unwrap();
    let today = chrono::Local::now().date_naive();
    store
        .create_case(&new_case("CN-0200", "J.K.", "", "Autism; attachment needs", today).unwrap())
        .unwrap();
    let meeting = store
        .create_meeting(&new_meeting("16/01/2031", "County Hall", "Helen Ward").unwrap())
        .unwrap();
    for (name, agency, partner, attendance) in [
        ("Helen Ward", "Children's Services", 0, "present"),
        ("Marcus Bell", "Education (SEND)", 1, "present"),
        ("Dr Priya Nair", "Health (ICB)", 2, "apologies"),
    ] {
        store
            .add_attendee(
                meeting,
                &new_attendee(name, agency, Some(partner), "", attendance).unwrap(),
            )
            .unwrap();
    }
    store
        .add_agenda_item(
            meeting,
            &NewAgendaItem {
                kind: ItemKind::NewReferral,
                case: Some("CN-0200".into()),
                title: "Residential school placement".into(),
                presenter: "A. Shah".into(),
                minutes: 20,
                ask: "Agree the placement and its split".into(),
                ratifies: None,
            },
        )
        .unwrap();
    meeting
}

/// What the placement and decision test saw.
#[derive(Debug, Default)]
struct DecisionRun {
    preview_weekly: String,
    preview_this_year: String,
    preview_full_year: String,
    preview_shares: Vec<String>,
    split_total: String,
    case_page: String,
    inquorate_problems: String,
    audit_before_refusal: i64,
    audit_after_refusal: i64,
    number_shown: String,
    amending_note: String,
    numbers_after_amendment: Vec<String>,
}

async fn cell(driver: &WebDriver, form: &str, name: &str, value: &str) -> WebDriverResult<()> {
    fill(driver, form, name, value).await
}

async fn run_decision(driver: &WebDriver, db: &Path) -> WebDriverResult<DecisionRun> {
    let mut seen = DecisionRun::default();
    // The case, from the case list.
    button(driver, "Cases").await?.click().await?;
    fill(driver, "main", "filter", "CN-0200").await?;
    wait_for(driver, "[data-testid='cases'] a")
        .await?
        .click()
        .await?;
    button(driver, "Add placement").await?.click().await?;

    // A placement with two cost lines and the pooled budget's split.
    let form = "form[data-form='placement']";
    fill(driver, form, "provider", "Brook Lodge School").await?;
    choose(driver, form, "kind", "Residential special school").await?;
    fill(driver, form, "start", "01/02/2031").await?;
    cell(driver, form, "lines.0.description", "Residential fee").await?;
    cell(driver, form, "lines.0.amount", "£5,200.00").await?;
    button(driver, "Add cost line").await?.click().await?;
    cell(driver, form, "lines.1.description", "Therapy").await?;
    choose(driver, form, "lines.1.per", "per year").await?;
    cell(driver, form, "lines.1.amount", "18250").await?;
    button(driver, "Use pooled budget ratios: split 1")
        .await?
        .click()
        .await?;
    seen.split_total = wait_text(driver, "[data-testid='split-total-0']", "100.00%").await?;
    seen.preview_full_year = wait_text(driver, "[data-figure='full-year']", "£").await?;
    seen.preview_weekly = wait_for(driver, "[data-figure='weekly']")
        .await?
        .text()
        .await?;
    seen.preview_this_year = wait_for(driver, "[data-figure='this-year']")
        .await?
        .text()
        .await?;
    for code in ["SC", "ED", "HE"] {
        seen.preview_shares.push(
            wait_for(driver, &format!("aside [data-figure='share-{code}']"))
                .await?
                .text()
                .await?,
        );
    }
    screenshot(driver, "placement.png").await?;
    button(driver, "Save placement").await?.click().await?;
    seen.case_page = wait_text(driver, "[data-testid='placement']", "Brook Lodge School").await?;
    screenshot(driver, "case.png").await?;

    // The decision, at the meeting, which is not quorate: finalising is refused.
    button(driver, "Meetings").await?.click().await?;
    wait_for(driver, "a[data-meeting-date='2031-01-16']")
        .await?
        .click()
        .await?;
    wait_for(driver, "[data-testid='agenda'] a")
        .await?
        .click()
        .await?;
    wait_for(driver, "[data-testid='cost-figures']").await?;
    screenshot(driver, "item.png").await?;
    let form = "form[data-form='decision']";
    cell(
        driver,
        form,
        "paragraphs.0",
        "Approve a residential school placement at Brook Lodge School from 01/02/2031.",
    )
    .await?;
    button(driver, "Add paragraph b)").await?.click().await?;
    cell(
        driver,
        form,
        "paragraphs.1",
        "Fund it 34% social care, 33% education, 33% health.",
    )
    .await?;
    cell(
        driver,
        form,
        "reasons",
        "Needs cannot be met in a local day school.",
    )
    .await?;
    cell(
        driver,
        form,
        "alternatives",
        "Day school with short breaks: rejected, risk of breakdown.",
    )
    .await?;
    cell(
        driver,
        form,
        "actions.0.action",
        "Issue the placement contract",
    )
    .await?;
    cell(driver, form, "actions.0.owner", "Commissioning").await?;
    cell(driver, form, "actions.0.due", "30/01/2031").await?;
    for k in 0..3 {
        wait_for(
            driver,
            &format!("{form} input[name='assents.{k}'][value='agree']"),
        )
        .await?
        .click()
        .await?;
    }
    button(driver, "Save draft").await?.click().await?;
    wait_text(driver, ".banner-success", "draft decision is saved").await?;
    seen.audit_before_refusal = open_db(db).audit_count().unwrap();
    button(driver, "Finalise decision").await?.click().await?;
    driver.accept_alert().await?;
    seen.inquorate_problems =
        wait_text(driver, "[data-testid='decision-problems']", "quorate").await?;
    seen.audit_after_refusal = open_db(db).audit_count().unwrap();
    screenshot(driver, "decision-inquorate.png").await?;

    // Health joins: the meeting is quorate and the decision is numbered.
    wait_for(driver, "main p a").await?.click().await?;
    let health = wait_for(driver, "select[aria-label='Attendance of Dr Priya Nair']").await?;
    health
        .find(By::XPath(".//option[@value='present']"))
        .await?
        .click()
        .await?;
    wait_text(driver, "[data-testid='quorum']", "Quorate").await?;
    wait_for(driver, "[data-testid='agenda'] a")
        .await?
        .click()
        .await?;
    wait_text(driver, "[data-testid='item-quorum']", "Quorate").await?;
    button(driver, "Finalise decision").await?.click().await?;
    driver.accept_alert().await?;
    seen.number_shown = wait_for(driver, "[data-testid='decision-number']")
        .await?
        .text()
        .await?;
    screenshot(driver, "decision-final.png").await?;

    // A correction: an amending decision that names the final one, numbered after it.
    button(driver, "Amend CNP/30-31/0001")
        .await?
        .click()
        .await?;
    driver.accept_alert().await?;
    seen.amending_note =
        wait_text(driver, "form[data-form='decision']", "amending decision").await?;
    let form = "form[data-form='decision']";
    fill(
        driver,
        form,
        "paragraphs.1",
        "Fund it 40% social care, 40% education, 20% health.",
    )
    .await?;
    button(driver, "Finalise decision").await?.click().await?;
    driver.accept_alert().await?;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let numbers = driver
            .find_all(By::Css("[data-testid='decision-number']"))
            .await?;
        if numbers.len() == 2 || Instant::now() > deadline {
            for n in numbers {
                seen.numbers_after_amendment.push(n.text().await?);
            }
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn enter_a_placement_and_finalise_a_decision_only_when_quorate() {
    use panel_core::entry::{cost_preview, default_split};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.sqlite3");
    let meeting = seed_meeting(&db);
    let db_path = db.clone();
    let seen = drive(&db, |d| async move { run_decision(&d, &db_path).await })
        .await
        .expect("the app did not behave as a person would expect");

    // The placement was stored as entered, and the preview showed the core's figures for it.
    let store = open_db(&db);
    let case = store.case(store.case_id("CN-0200").unwrap()).unwrap();
    assert_eq!(case.placements.len(), 1, "{seen:?}");
    let placement = &case.placements[0];
    let p = &placement.record.placement;
    assert_eq!(placement.record.provider, "Brook Lodge School");
    assert_eq!(p.cost_lines.len(), 2);
    assert_eq!(p.cost_lines[0].amount.to_string(), "£5,200.00");
    assert_eq!(p.cost_lines[1].per.code(), "year");
    let seed_split = default_split(
        &store
            .agreement(panel_core::FinancialYear::starting(2030).unwrap())
            .unwrap()
            .unwrap()
            .contributions,
    )
    .unwrap();
    assert_eq!(p.splits[0].shares, seed_split);
    assert_eq!(seen.split_total, "100.00%");
    let expected = cost_preview(p, chrono::Local::now().date_naive(), 3);
    assert_eq!(seen.preview_weekly, expected.weekly.to_string());
    assert_eq!(seen.preview_this_year, expected.this_year.to_string());
    assert_eq!(seen.preview_full_year, expected.full_year.to_string());
    let shares: Vec<String> = expected
        .this_year_shares
        .iter()
        .map(|m| m.to_string())
        .collect();
    assert_eq!(seen.preview_shares, shares);
    // By hand: £5,200 a week plus £18,250 a year is £5,550.00 a week; a full year is
    // £271,142.86 + £18,250.00.
    assert_eq!(seen.preview_weekly, "£5,550.00");
    assert_eq!(seen.preview_full_year, "£289,392.86");
    assert!(
        seen.case_page.contains("Residential special school"),
        "{seen:?}"
    );

    // Refused at the inquorate meeting, with nothing written.
    assert!(seen.inquorate_problems.contains("not quorate"), "{seen:?}");
    assert_eq!(
        seen.audit_before_refusal, seen.audit_after_refusal,
        "{seen:?}"
    );

    // Then final, with the number shown and stored.
    assert_eq!(seen.number_shown, "CNP/30-31/0001");
    let item = store.agenda(meeting).unwrap()[0].id;
    let decisions = store.item_decisions(item).unwrap();
    assert_eq!(decisions.len(), 2, "{seen:?}");
    let d = &decisions[0];
    assert_eq!(d.number.as_deref(), Some("CNP/30-31/0001"));
    assert_eq!(d.status.code(), "final");
    assert_eq!(d.decided_on.to_string(), "2031-01-16");
    assert_eq!(d.placement_id, Some(placement.id));
    assert_eq!(d.content.paragraphs.len(), 2);
    assert_eq!(d.content.actions[0].owner, "Commissioning");
    // The review date defaulted to six months after the decision.
    assert_eq!(
        d.content.review_date.map(|r| r.to_string()).as_deref(),
        Some("2031-07-16")
    );
    assert!(
        d.content
            .assents
            .iter()
            .all(|a| a.map(|a| a.code()) == Some("agree"))
    );

    // The amendment: both stay on record, the original unchanged.
    assert!(
        seen.amending_note
            .contains("amending decision of CNP/30-31/0001"),
        "{seen:?}"
    );
    assert_eq!(
        seen.numbers_after_amendment,
        ["CNP/30-31/0001", "CNP/30-31/0002"]
    );
    let amendment = &decisions[1];
    assert_eq!(amendment.number.as_deref(), Some("CNP/30-31/0002"));
    assert_eq!(
        amendment.amends.as_ref().map(|a| a.1.as_str()),
        Some("CNP/30-31/0001")
    );
    assert!(amendment.content.paragraphs[1].contains("40% social care"));
    assert!(d.content.paragraphs[1].contains("34% social care"));
    assert_eq!(
        d.amended_by,
        [(amendment.id, Some("CNP/30-31/0002".to_string()))]
    );
}

async fn run_settings(driver: &WebDriver) -> WebDriverResult<(String, String, String)> {
    button(driver, "Settings").await?.click().await?;
    let form = "form[data-form='settings']";
    fill(driver, form, "authority", "Northshire County Council").await?;
    fill(driver, form, "decision_prefix", "N CNP").await?;
    fill(driver, form, "first_review_months", "3").await?;
    fill(driver, form, "review_months", "12").await?;
    button(driver, "Save settings").await?.click().await?;
    let refused = wait_for(driver, &format!("{form} .field-error .error-message"))
        .await?
        .text()
        .await?;
    fill(driver, form, "decision_prefix", "NCP").await?;
    button(driver, "Save settings").await?.click().await?;
    wait_text(driver, ".banner-success", "settings are saved").await?;
    let header = wait_text(driver, ".header-authority", "Northshire").await?;
    let form = "form[data-form='agreement']";
    fill(driver, form, "year", "2031/32").await?;
    fill(driver, form, "contributions.0", "2,500,000").await?;
    fill(driver, form, "contributions.1", "2,400,000").await?;
    fill(driver, form, "contributions.2", "2,400,000.00").await?;
    button(driver, "Save agreement").await?.click().await?;
    let agreements = wait_text(driver, "[data-testid='agreements']", "2031/32").await?;
    screenshot(driver, "settings.png").await?;
    Ok((refused, header, agreements))
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_are_validated_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = example_db(&dir);
    let (refused, header, agreements) = drive(&db, |d| async move { run_settings(&d).await })
        .await
        .expect("the settings screen did not work");
    assert!(
        refused.contains("\"N CNP\" may hold only letters"),
        "{refused}"
    );
    assert_eq!(header, "Northshire County Council");
    assert!(agreements.contains("£7,300,000.00"), "{agreements}");
    let store = open_db(&db);
    let s = store.settings().unwrap();
    assert_eq!(
        (
            s.decision_prefix.as_str(),
            s.first_review_months,
            s.review_months
        ),
        ("NCP", 3, 12)
    );
    let a = store
        .agreement(panel_core::FinancialYear::starting(2031).unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(a.contributions[0].to_string(), "£2,500,000.00");
}

/// What the chair's action test saw.
#[derive(Debug, Default)]
struct ChairActionRun {
    future_refusal: String,
    decisions_after_refusal: usize,
    case_notice: String,
    case_decisions: String,
    offer: String,
    agenda: String,
    offers_left: usize,
    item_page: String,
}

async fn run_chair_action(driver: &WebDriver, db: &Path) -> WebDriverResult<ChairActionRun> {
    let mut seen = ChairActionRun::default();
    button(driver, "Cases").await?.click().await?;
    fill(driver, "main", "filter", "CN-0300").await?;
    wait_for(driver, "[data-testid='cases'] a")
        .await?
        .click()
        .await?;
    button(driver, "Record chair's action")
        .await?
        .click()
        .await?;
    let form = "form[data-form='decision']";
    fill(driver, form, "decided_on", "31/12/2099").await?;
    fill(driver, form, "subject", "Emergency short-break package").await?;
    fill(
        driver,
        form,
        "paragraphs.0",
        "Fund four nights a week of short breaks at Willow House until the next panel.",
    )
    .await?;
    fill(
        driver,
        form,
        "reasons",
        "Family breakdown; the child could not safely wait for the panel.",
    )
    .await?;
    fill(
        driver,
        form,
        "alternatives",
        "Emergency foster care: no placement available.",
    )
    .await?;
    for k in 0..3 {
        wait_for(
            driver,
            &format!("{form} input[name='assents.{k}'][value='agree']"),
        )
        .await?
        .click()
        .await?;
    }
    // A date after today is refused at its field, and nothing is written.
    button(driver, "Finalise chair's action")
        .await?
        .click()
        .await?;
    driver.accept_alert().await?;
    seen.future_refusal =
        wait_text(driver, "[data-testid='decision-problems']", "after today").await?;
    let store = open_db(db);
    seen.decisions_after_refusal = store
        .case(store.case_id("CN-0300").unwrap())
        .unwrap()
        .decisions
        .len();
    drop(store);
    screenshot(driver, "chair-action.png").await?;

    fill(driver, form, "decided_on", "02/11/2026").await?;
    button(driver, "Finalise chair's action")
        .await?
        .click()
        .await?;
    driver.accept_alert().await?;
    seen.case_notice = wait_text(driver, ".banner-success", "Chair's action").await?;
    seen.case_decisions = wait_for(driver, "[data-testid='case-decisions']")
        .await?
        .text()
        .await?;

    // The next meeting is offered it for ratification.
    button(driver, "Meetings").await?.click().await?;
    wait_for(driver, "a[data-meeting-date='2026-12-10']")
        .await?
        .click()
        .await?;
    seen.offer = wait_text(driver, "[data-testid='offers']", "Chair's action").await?;
    button(driver, "Add to agenda: CN-0300")
        .await?
        .click()
        .await?;
    seen.agenda = wait_text(driver, "[data-testid='agenda']", "Ratifies").await?;
    seen.offers_left = driver
        .find_all(By::Css("[data-testid='offers'] li"))
        .await?
        .len();
    screenshot(driver, "agenda-ratification.png").await?;
    wait_for(driver, "[data-testid='agenda'] a")
        .await?
        .click()
        .await?;
    seen.item_page = wait_text(driver, "main", "brought for ratification").await?;
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chairs_action_is_numbered_and_comes_to_the_next_meeting_for_ratification() {
    use panel_core::entry::new_case;
    use panel_core::meeting::{new_attendee, new_meeting};
    let dir = tempfile::tempdir().unwrap();
    let db = example_db(&dir);
    let meeting = {
        let mut store = open_db(&db);
        let today = chrono::Local::now().date_naive();
        store
            .create_case(&new_case("CN-0300", "R.T.", "", "Learning disability", today).unwrap())
            .unwrap();
        let meeting = store
            .create_meeting(&new_meeting("10/12/2026", "County Hall", "Helen Ward").unwrap())
            .unwrap();
        for (name, partner) in [("Helen Ward", 0), ("Marcus Bell", 1), ("Dr Priya Nair", 2)] {
            store
                .add_attendee(
                    meeting,
                    &new_attendee(name, "Agency", Some(partner), "", "present").unwrap(),
                )
                .unwrap();
        }
        meeting
    };
    let db_path = db.clone();
    let seen = drive(&db, |d| async move { run_chair_action(&d, &db_path).await })
        .await
        .expect("the app did not behave as a person would expect");

    assert!(
        seen.future_refusal.contains("31/12/2099 is after today"),
        "{seen:?}"
    );
    assert_eq!(seen.decisions_after_refusal, 0, "{seen:?}");
    assert!(
        seen.case_notice
            .contains("Chair's action CNP/26-27/0001 is final"),
        "{seen:?}"
    );
    assert!(seen.case_decisions.contains("CNP/26-27/0001"), "{seen:?}");
    assert!(
        seen.case_decisions.contains("Awaiting ratification"),
        "{seen:?}"
    );
    assert!(seen.offer.contains("CNP/26-27/0001"), "{seen:?}");
    assert!(seen.agenda.contains("Ratifies CNP/26-27/0001"), "{seen:?}");
    // What is left is the overdue review of the other case, offered until it is held.
    assert_eq!(seen.offers_left, 1, "{seen:?}");
    assert!(seen.offer.contains("Review due 15/07/2023"), "{seen:?}");
    assert!(seen.item_page.contains("CNP/26-27/0001"), "{seen:?}");

    let store = open_db(&db);
    let case = store.case(store.case_id("CN-0300").unwrap()).unwrap();
    assert_eq!(case.decisions.len(), 1);
    let d = store.decision(case.decisions[0].id).unwrap();
    assert!(d.urgent);
    assert_eq!(d.item_id, None);
    assert_eq!(d.number.as_deref(), Some("CNP/26-27/0001"));
    assert_eq!(d.decided_on.to_string(), "2026-11-02");
    assert_eq!(d.content.subject, "Emergency short-break package");
    let agenda = store.agenda(meeting).unwrap();
    assert_eq!(agenda.len(), 1);
    assert_eq!(agenda[0].kind.code(), "ratification");
    assert_eq!(
        agenda[0].ratifies,
        Some((d.id, "CNP/26-27/0001".to_string()))
    );
    assert_eq!(
        case.decisions[0].ratification,
        Some((meeting, store.meeting(meeting).unwrap().summary.date))
    );
}

/// Clicks the first button starting with `label` inside an element marked `testid`, and
/// returns the status said beneath once it says `expect`.
async fn print(
    driver: &WebDriver,
    testid: &str,
    label: &str,
    expect: &str,
) -> WebDriverResult<String> {
    driver
        .query(By::XPath(format!(
            "//*[@data-testid='{testid}']//button[starts-with(normalize-space(.), {})]",
            xpath_literal(label)
        )))
        .wait(Duration::from_secs(15), Duration::from_millis(100))
        .first()
        .await?
        .click()
        .await?;
    wait_text(
        driver,
        &format!("[data-testid='{testid}'] [data-testid='document-status']"),
        expect,
    )
    .await
}

#[derive(Debug, Default)]
struct PapersRun {
    minutes: String,
    agenda: String,
    export: String,
    record: String,
    redacted: String,
    case_record: String,
    year: String,
}

async fn run_papers(
    driver: &WebDriver,
    meeting: &str,
    reference: &str,
    year: &str,
) -> WebDriverResult<PapersRun> {
    let mut seen = PapersRun::default();
    button(driver, "Meetings").await?.click().await?;
    wait_for(driver, &format!("a[data-meeting-date='{meeting}']"))
        .await?
        .click()
        .await?;
    let papers = "meeting-papers";
    seen.minutes = print(driver, papers, "Print draft minutes", "Saved to").await?;
    seen.agenda = print(driver, papers, "Print agenda pack", "Agenda pack").await?;
    seen.export = print(driver, papers, "Export all records", "exported to").await?;
    screenshot(driver, "meeting-papers.png").await?;

    // A decision's record from its item.
    wait_for(driver, "a[href^='#item-']").await?.click().await?;
    let record = "record-buttons";
    seen.record = print(driver, record, "Print record", "Record").await?;
    seen.redacted = print(driver, record, "Print redacted record", "published").await?;
    screenshot(driver, "item-record.png").await?;

    // The same from the case's history.
    button(driver, "Cases").await?.click().await?;
    fill(driver, "main", "filter", reference).await?;
    wait_for(driver, "[data-testid='cases'] a")
        .await?
        .click()
        .await?;
    seen.case_record = print(driver, record, "Record", "Record").await?;

    // Every record of the year.
    button(driver, "Meetings").await?.click().await?;
    choose(driver, "main", "records-year", year).await?;
    seen.year = print(driver, "year-records", "Export all records", "exported to").await?;
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn print_a_meetings_papers_and_records_and_export_a_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.sqlite3");
    let today = chrono::Local::now().date_naive();
    // The demo's latest meeting with a final decision, its first item's decision and case.
    let (meeting, meeting_records, number, reference, initials, year, year_records) = {
        let mut store = open_db(&db);
        store.import(&panel_core::demo::demo(today)).unwrap();
        let (m, first) = store
            .meetings()
            .unwrap()
            .into_iter()
            .find_map(|m| {
                let item = store.agenda(m.id).unwrap().into_iter().next()?;
                let d = store.item_decisions(item.id).unwrap().into_iter().next()?;
                d.number.as_ref()?;
                Some((m, d))
            })
            .unwrap();
        let case = store.case(first.case_id).unwrap();
        let year = panel_core::FinancialYear::containing(first.decided_on);
        (
            m.date,
            store.meeting_records(m.id).unwrap(),
            first.number.unwrap(),
            case.case.reference,
            case.case.initials,
            year,
            store.year_records(year).unwrap(),
        )
    };
    assert!(meeting_records.len() >= 2 && year_records.len() > meeting_records.len());
    let (iso, yr, case_ref) = (meeting.to_string(), year.to_string(), reference.clone());
    let seen = drive(&db, |d| async move {
        run_papers(&d, &iso, &case_ref, &yr).await
    })
    .await
    .expect("the app did not print as a person would expect");

    let saved = saved_dir(&db);
    let file = |name: &str| saved.join(name);
    let text = |name: &str| {
        let bytes = std::fs::read(file(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        pdf_extract::extract_text_from_mem(&bytes)
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let long = meeting.format("%-d %B %Y").to_string();
    let file_number = number.replace('/', "-");

    // The meeting's minutes and agenda pack.
    let minutes_name = format!("Minutes {meeting}.pdf");
    assert!(seen.minutes.contains(&minutes_name), "{seen:?}");
    let minutes = text(&minutes_name);
    assert!(minutes.contains(&format!("meeting of {long}")), "{minutes}");
    for (_, n) in &meeting_records {
        assert!(minutes.contains(n.as_str()), "{n} not in the minutes");
    }
    let agenda = text(&format!("Agenda pack {meeting}.pdf"));
    assert!(
        agenda.contains("agenda pack for the meeting of"),
        "{agenda}"
    );

    // Every record of the meeting, one file each, named by number.
    assert!(
        seen.export
            .contains(&format!("{} records exported to", meeting_records.len())),
        "{seen:?}"
    );
    for (_, n) in &meeting_records {
        let name = format!("Record {}.pdf", n.replace('/', "-"));
        assert!(text(&name).contains(n.as_str()), "{name}");
    }

    // The record in full names the case; the published one does not.
    assert!(
        seen.record.contains(&format!("Record {file_number}.pdf")),
        "{seen:?}"
    );
    let full = text(&format!("Record {file_number}.pdf"));
    assert!(
        full.contains(&format!("{reference} ({initials})")),
        "{full}"
    );
    let published = text(&format!("Record {file_number} (published).pdf"));
    assert!(published.contains(&number), "{published}");
    assert!(!published.contains(&reference), "{published}");
    assert!(!published.contains(&initials), "{published}");

    // The year's export holds every final decision of the year, chair's actions included.
    assert!(
        seen.year
            .contains(&format!("{} records exported to", year_records.len())),
        "{seen:?}"
    );
    for (_, n) in &year_records {
        assert!(
            file(&format!("Record {}.pdf", n.replace('/', "-"))).exists(),
            "{n}"
        );
    }
    // Nothing half-written was left behind.
    let partial = std::fs::read_dir(&saved)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".partial")
        })
        .count();
    assert_eq!(partial, 0);
    assert!(seen.case_record.contains("Record"), "{seen:?}");
}

/// `panel spend --json` for `year` as of `as_of`, run as a person runs it on `db`.
fn panel_spend_json(db: &Path, year: &str, as_of: &str) -> serde_json::Value {
    // The `panel` command is built beside this test's binary by `cargo test --workspace`;
    // when this test is run on its own, build it first.
    let bin_dir = std::env::current_exe()
        .unwrap()
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .to_path_buf();
    let panel = bin_dir.join(format!("panel{}", std::env::consts::EXE_SUFFIX));
    if !panel.exists() {
        let built = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "-p", "panel-cli", "--bin", "panel"])
            .status()
            .unwrap();
        assert!(built.success(), "could not build the panel command");
    }
    let out = Command::new(&panel)
        .env("PANEL_KEY", KEY)
        .args(["--db"])
        .arg(db)
        .args(["spend", "--json", "--year", year, "--as-of", as_of])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A figure of `panel spend --json` as the screen shows it: `"-712687.50"` as `-£712,687.50`.
fn shown(v: &serde_json::Value) -> String {
    panel_core::Money::parse("figure", v.as_str().unwrap())
        .unwrap()
        .to_string()
}

/// Every partner's and the pool's figures as the screen shows them: (code, figure) → text.
type Figures = Vec<(String, String, String)>;

async fn screen_figures(driver: &WebDriver) -> WebDriverResult<Figures> {
    let mut out = Vec::new();
    for row in driver
        .find_all(By::Css("[data-testid='spend-partners'] tr[data-partner]"))
        .await?
    {
        let code = row.attr("data-partner").await?.unwrap_or_default();
        for cell in row.find_all(By::Css("[data-figure]")).await? {
            let figure = cell.attr("data-figure").await?.unwrap_or_default();
            out.push((code.clone(), figure, cell.text().await?.trim().to_string()));
        }
    }
    Ok(out)
}

/// The figures `panel spend --json` gives, in the screen's terms.
fn json_figures(json: &serde_json::Value) -> Figures {
    let mut out = Vec::new();
    for p in json["partners"].as_array().unwrap() {
        let code = p["code"].as_str().unwrap().to_string();
        for (figure, key) in [
            ("contribution", "contribution"),
            ("to_date", "to_date"),
            ("projected", "projected"),
            ("variance", "variance"),
            ("risk_share", "risk_share"),
        ] {
            out.push((code.clone(), figure.to_string(), shown(&p[key])));
        }
    }
    for (figure, key) in [
        ("contribution", "budget"),
        ("to_date", "to_date"),
        ("projected", "projected"),
        ("variance", "variance"),
        ("risk_share", "variance"),
    ] {
        out.push(("TOTAL".into(), figure.to_string(), shown(&json[key])));
    }
    out
}

/// Types a date into the spend screen's as-of field and presses Enter.
async fn as_of(driver: &WebDriver, date: &str) -> WebDriverResult<()> {
    let input = wait_for(driver, "input[name='spend-as-of']").await?;
    input.clear().await?;
    input.send_keys(date).await?;
    input.send_keys(Key::Enter).await
}

/// Waits until the screen's spend to date reads `text`.
async fn wait_to_date(driver: &WebDriver, text: &str) -> WebDriverResult<String> {
    wait_text(
        driver,
        "[data-testid='spend-partners'] tr[data-partner='TOTAL'] [data-figure='to_date']",
        text,
    )
    .await
}

#[derive(Debug, Default)]
struct SpendRun {
    today: Figures,
    september: Figures,
    last_year: Figures,
    bad_date: String,
    after_bad_date: Figures,
    partner_projected: String,
    selection_partner_projected: String,
    placement_projected: String,
    segments_projected: String,
    segments_to_date_rows: usize,
    month_lines: usize,
    year_bars: usize,
    figures_csv: String,
    segments_csv: String,
    report: String,
}

/// The years and day the spend test moves between.
struct SpendDates {
    this_year: String,
    last_year: String,
    /// 30 September of this year, as typed.
    september: String,
}

async fn run_spend(
    driver: &WebDriver,
    when: &SpendDates,
    expect_today: &str,
    expect_september: &str,
    expect_last_year: &str,
) -> WebDriverResult<SpendRun> {
    let mut seen = SpendRun::default();
    button(driver, "Spend").await?.click().await?;
    wait_for(driver, "[data-testid='spend-partners']").await?;
    wait_to_date(driver, expect_today).await?;
    seen.today = screen_figures(driver).await?;
    seen.month_lines = driver
        .find_all(By::Css("[data-testid='chart-months'] .recharts-line"))
        .await?
        .len();
    seen.year_bars = driver
        .find_all(By::Css(
            "[data-testid='chart-years'] .recharts-bar-rectangle",
        ))
        .await?
        .len();
    screenshot(driver, "spend.png").await?;
    driver
        .execute(
            "document.querySelector(\"[data-testid='chart-months']\").scrollIntoView()",
            vec![],
        )
        .await?;
    screenshot(driver, "spend-charts.png").await?;

    // Another as-of date, typed as people type it.
    as_of(driver, &when.september).await?;
    wait_to_date(driver, expect_september).await?;
    seen.september = screen_figures(driver).await?;

    // A date that does not exist is refused and the figures stay.
    as_of(driver, "31/02/2025").await?;
    seen.bad_date = wait_text(driver, ".field-error .error-message", "not a date").await?;
    seen.after_bad_date = screen_figures(driver).await?;

    // Last year, as of 30 September of this year (the whole year to date).
    as_of(driver, &when.september).await?;
    choose(driver, "main", "spend-year", &when.last_year).await?;
    wait_to_date(driver, expect_last_year).await?;
    seen.last_year = screen_figures(driver).await?;

    // Back to this year; from health's projected spend to the placements behind it.
    choose(driver, "main", "spend-year", &when.this_year).await?;
    wait_to_date(driver, expect_september).await?;
    let health = wait_for(
        driver,
        "[data-testid='spend-partners'] tr[data-partner='HE'] button[data-figure='projected']",
    )
    .await?;
    seen.partner_projected = health.text().await?;
    health.click().await?;
    seen.selection_partner_projected = wait_text(
        driver,
        "[data-testid='spend-placements'] [data-figure='selection_partner_projected']",
        "£",
    )
    .await?;

    // From a placement to its segments.
    let first = wait_for(driver, "[data-testid='spend-placements'] tbody tr").await?;
    seen.placement_projected = first
        .find(By::Css("[data-figure='projected']"))
        .await?
        .text()
        .await?;
    first.find(By::Css("button")).await?.click().await?;
    seen.segments_projected = wait_text(
        driver,
        "[data-testid='segments-projected'] [data-figure='segments_total']",
        "£",
    )
    .await?;
    seen.segments_to_date_rows = driver
        .find_all(By::Css("[data-testid='segments-to-date'] tbody tr"))
        .await?
        .len();
    driver
        .execute(
            "document.getElementById('segments-heading').scrollIntoView()",
            vec![],
        )
        .await?;
    screenshot(driver, "spend-segments.png").await?;

    // Exports.
    let exports = "spend-exports";
    seen.figures_csv = print(driver, exports, "Figures (CSV)", "Saved to").await?;
    seen.segments_csv = print(driver, exports, "Segments (CSV)", "segments").await?;
    seen.report = print(driver, exports, "Print spend report", "report").await?;
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_spend_screen_shows_exactly_what_panel_spend_prints() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.sqlite3");
    let today = chrono::Local::now().date_naive();
    open_db(&db).import(&panel_core::demo::demo(today)).unwrap();
    let this_year = panel_core::FinancialYear::containing(today);
    let last_year = panel_core::FinancialYear::starting(this_year.start_year() - 1).unwrap();
    let september = chrono::NaiveDate::from_ymd_opt(this_year.start_year(), 9, 30).unwrap();
    let when = SpendDates {
        this_year: this_year.to_string(),
        last_year: last_year.to_string(),
        september: september.format("%d/%m/%Y").to_string(),
    };
    let json_today = panel_spend_json(&db, &when.this_year, &today.to_string());
    let json_september = panel_spend_json(&db, &when.this_year, &september.to_string());
    let json_last_year = panel_spend_json(&db, &when.last_year, &september.to_string());
    let (a, b, c) = (
        shown(&json_today["to_date"]),
        shown(&json_september["to_date"]),
        shown(&json_last_year["to_date"]),
    );
    let seen = drive(
        &db,
        |d| async move { run_spend(&d, &when, &a, &b, &c).await },
    )
    .await
    .expect("the spend screen did not work as a finance officer would expect");

    assert_eq!(seen.today, json_figures(&json_today));
    assert_eq!(seen.september, json_figures(&json_september));
    assert_eq!(seen.last_year, json_figures(&json_last_year));
    assert_eq!(json_last_year["to_date"], json_last_year["projected"]);
    assert!(seen.bad_date.contains("31/02/2025"), "{seen:?}");
    assert_eq!(seen.after_bad_date, seen.september);
    // Drill-down: health's placements add up to its projected spend; a placement's segments
    // add up to its figure.
    assert_eq!(
        seen.partner_projected,
        shown(&json_september["partners"][2]["projected"])
    );
    assert_eq!(seen.selection_partner_projected, seen.partner_projected);
    assert_eq!(seen.segments_projected, seen.placement_projected);
    assert!(seen.segments_to_date_rows >= 1, "{seen:?}");
    // Both charts were drawn: the actual and projected lines, a bar per year with placements.
    assert_eq!(seen.month_lines, 2, "{seen:?}");
    assert!(seen.year_bars >= 5, "{seen:?}");

    // The exports carry the same figures to the penny.
    let saved = saved_dir(&db);
    let stem = format!("{} {september}", this_year.to_string().replace('/', "-"));
    assert!(
        seen.figures_csv.contains(&format!("Spend {stem}.csv")),
        "{seen:?}"
    );
    let figures = std::fs::read_to_string(saved.join(format!("Spend {stem}.csv"))).unwrap();
    let total: Vec<&str> = figures.lines().last().unwrap().split(',').collect();
    assert_eq!(total[2], "TOTAL");
    for (col, key) in [
        (4, "budget"),
        (5, "to_date"),
        (6, "projected"),
        (7, "variance"),
    ] {
        assert_eq!(total[col], json_september[key].as_str().unwrap(), "{key}");
    }
    let segments =
        std::fs::read_to_string(saved.join(format!("Spend segments {stem}.csv"))).unwrap();
    let head: Vec<&str> = segments.lines().next().unwrap().split(',').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap();
    let projected: i64 = segments
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|c| c[col("basis")] == "projected")
        .map(|c| {
            panel_core::Money::parse("cost", c[col("cost")])
                .unwrap()
                .pence()
        })
        .sum();
    assert_eq!(
        panel_core::Money::from_pence(projected).to_plain(),
        json_september["projected"].as_str().unwrap()
    );
    let report = pdf_extract::extract_text_from_mem(
        &std::fs::read(saved.join(format!("Spend report {stem}.pdf"))).unwrap(),
    )
    .unwrap();
    for key in ["budget", "to_date", "projected"] {
        assert!(
            report.contains(&shown(&json_september[key])),
            "{key} not in the report"
        );
    }
}

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

    // A second start on the same database hands over to this one and ends.
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
    driver
        .query(By::XPath(
            "//table[@data-table='backups']//tr[td[normalize-space(.)='Daily']]//button",
        ))
        .wait(Duration::from_secs(15), Duration::from_millis(100))
        .first()
        .await?
        .click()
        .await?;
    seen.preview_backup = wait_text(driver, "tr[data-row='backup']", "").await?;
    seen.preview_current = wait_text(driver, "tr[data-row='current']", "").await?;
    screenshot(driver, "restore.png").await?;
    driver
        .execute("window.confirm = () => true;", Vec::new())
        .await?;
    button(driver, "Restore this backup").await?.click().await?;
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
    assert_eq!(all.entries[0].action, "restored");
    assert!(
        seen.audit_first.contains("restored from a backup"),
        "{seen:?}"
    );
    assert!(seen.audit_first.contains(USER), "{seen:?}");
    let by_setup = store
        .audit(&panel_store::AuditFilter {
            actor: Some("setup".into()),
            limit: 1,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(seen.audit_by_setup, by_setup.total.to_string());
    assert!(by_setup.total > 10 && by_setup.total < all.total);
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
    button(driver, "Import 2 placements").await?.click().await?;
    seen.done = wait_text(driver, ".banner-success", "Imported").await?;

    // Logging out ends the app with SIGTERM: it takes the backup on closing and ends.
    let db = file.with_file_name("panel.sqlite3");
    seen.ended_on_sigterm = tokio::task::spawn_blocking(move || end_with_sigterm(&db))
        .await
        .unwrap();
    Ok(seen)
}

/// The process id of the application running on `db`.
fn app_pid(db: &Path) -> Option<u32> {
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
    let Some(pid) = app_pid(db) else {
        return false;
    };
    let sent = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .is_ok_and(|s| s.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    while sent && Instant::now() < deadline {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // Gone, or a zombie waiting for its parent.
        if state.is_empty() || state.split(") ").nth(1).is_some_and(|r| r.starts_with('Z')) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
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
            ..Default::default()
        })
        .unwrap();
    assert!(
        mine.entries
            .iter()
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

/// A case whose placement Health pays nothing of at first and 30% from 01/03/2031, a quorate
/// meeting on 16/01/2031 with an item about it, and a quorate one on 13/02/2031 with another.
fn seed_future_split(db: &Path) {
    use panel_core::entry::{CostLineInput, PlacementInput, SplitInput, new_case, placement_input};
    use panel_core::meeting::{NewAgendaItem, new_attendee, new_meeting};
    use panel_core::model::ItemKind;
    let mut store = open_db(db);
    store.import(&read_dataset(EXAMPLE).unwrap()).unwrap();
    store
        .import(&read_dataset(AGREEMENT_2030).unwrap())
        .unwrap();
    let today = chrono::Local::now().date_naive();
    let case = store
        .create_case(
            &new_case(
                "CN-0300",
                "R.T.",
                "04/03/2015",
                "Complex health needs",
                today,
            )
            .unwrap(),
        )
        .unwrap();
    let placement = PlacementInput {
        provider: "Oakfield Grange".into(),
        kind: "residential".into(),
        start: "01/02/2031".into(),
        end: String::new(),
        lines: vec![CostLineInput {
            description: "Residential fee".into(),
            per: "week".into(),
            amount: "7000".into(),
            from: "01/02/2031".into(),
            to: String::new(),
        }],
        splits: vec![
            SplitInput {
                from: "01/02/2031".into(),
                shares: vec!["50".into(), "50".into(), "0".into()],
            },
            SplitInput {
                from: "01/03/2031".into(),
                shares: vec!["35".into(), "35".into(), "30".into()],
            },
        ],
    };
    store
        .save_placement(case, None, &placement_input(&placement, 3).unwrap())
        .unwrap();
    for (date, kind, title) in [
        ("16/01/2031", ItemKind::NewReferral, "Residential placement"),
        (
            "13/02/2031",
            ItemKind::Change,
            "Correction of the decision of January",
        ),
    ] {
        let meeting = store
            .create_meeting(&new_meeting(date, "County Hall", "Helen Ward").unwrap())
            .unwrap();
        for (name, agency, partner) in [
            ("Helen Ward", "Children's Services", 0),
            ("Marcus Bell", "Education (SEND)", 1),
            ("Dr Priya Nair", "Health (ICB)", 2),
        ] {
            store
                .add_attendee(
                    meeting,
                    &new_attendee(name, agency, Some(partner), "", "present").unwrap(),
                )
                .unwrap();
        }
        store
            .add_agenda_item(
                meeting,
                &NewAgendaItem {
                    kind,
                    case: Some("CN-0300".into()),
                    title: title.into(),
                    presenter: "A. Shah".into(),
                    minutes: 15,
                    ask: "Agree the placement and its split".into(),
                    ratifies: None,
                },
            )
            .unwrap();
    }
}

#[derive(Debug, Default)]
struct FutureSplitRun {
    glance: String,
    assent_problem: String,
    number: String,
    redacted: String,
    offered: String,
    amending_note: String,
    numbers: Vec<String>,
}

async fn open_item(driver: &WebDriver, date: &str) -> WebDriverResult<()> {
    button(driver, "Meetings").await?.click().await?;
    wait_for(driver, &format!("a[data-meeting-date='{date}']"))
        .await?
        .click()
        .await?;
    wait_for(driver, "[data-testid='agenda'] a")
        .await?
        .click()
        .await?;
    Ok(())
}

async fn run_future_split(driver: &WebDriver) -> WebDriverResult<FutureSplitRun> {
    let mut seen = FutureSplitRun::default();
    open_item(driver, "2031-01-16").await?;
    // At a glance, each amount beside the shares it was shared by.
    seen.glance = wait_text(
        driver,
        "[data-testid='cost-figures']",
        "30% from 01/03/2031",
    )
    .await?;
    let form = "form[data-form='decision']";
    fill(
        driver,
        form,
        "paragraphs.0",
        "Approve the placement from 01/02/2031.",
    )
    .await?;
    fill(driver, form, "reasons", "Needs cannot be met at home.").await?;
    fill(
        driver,
        form,
        "alternatives",
        "Foster care: no carer available.",
    )
    .await?;
    // Social care and education agree; health pays nothing today and is not asked.
    for k in 0..2 {
        wait_for(
            driver,
            &format!("{form} input[name='assents.{k}'][value='agree']"),
        )
        .await?
        .click()
        .await?;
    }
    confirm_button(driver, "Finalise decision").await?;
    seen.assent_problem = wait_text(driver, "[data-testid='decision-problems']", "Health").await?;
    screenshot(driver, "decision-assent.png").await?;
    wait_for(
        driver,
        &format!("{form} input[name='assents.2'][value='agree']"),
    )
    .await?
    .click()
    .await?;
    confirm_button(driver, "Finalise decision").await?;
    seen.number = wait_for(driver, "[data-testid='decision-number']")
        .await?
        .text()
        .await?;
    seen.redacted = print(
        driver,
        "record-buttons",
        "Print redacted record",
        "published",
    )
    .await?;

    // The January minutes are approved and locked.
    wait_for(driver, "main p a").await?.click().await?;
    for step in [
        "Circulate minutes for amendment",
        "Record approval of the minutes",
        "Lock the minutes",
    ] {
        confirm_button(driver, step).await?;
    }
    wait_text(
        driver,
        "[data-testid='minutes-status'] li[aria-current='step']",
        "Approved and locked",
    )
    .await?;

    // February's meeting corrects the decision with one of its own.
    open_item(driver, "2031-02-13").await?;
    seen.offered = wait_text(
        driver,
        "[data-testid='earlier-decisions']",
        "CNP/30-31/0001",
    )
    .await?;
    screenshot(driver, "amend-later.png").await?;
    confirm_button(driver, "Amend at this meeting: CNP/30-31/0001").await?;
    seen.amending_note = wait_text(driver, form, "amending decision").await?;
    fill(
        driver,
        form,
        "paragraphs.0",
        "Approve the placement from 08/02/2031.",
    )
    .await?;
    confirm_button(driver, "Finalise decision").await?;
    let deadline = Instant::now() + Duration::from_secs(15);
    while seen.numbers.is_empty() && Instant::now() < deadline {
        for n in driver
            .find_all(By::Css("[data-testid='decision-number']"))
            .await?
        {
            seen.numbers.push(n.text().await?);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_later_split_asks_its_partner_and_a_correction_is_made_at_a_later_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.sqlite3");
    seed_future_split(&db);
    let seen = drive(&db, |d| async move { run_future_split(&d).await })
        .await
        .expect("the app did not behave as a person would expect");

    assert!(
        seen.glance.contains("0% share, 30% from 01/03/2031"),
        "{seen:?}"
    );
    // Rule 14: health funds part of the period, so its assent was asked for.
    assert!(
        seen.assent_problem
            .contains("Record whether Health agrees (it pays 30% from 01/03/2031)"),
        "{seen:?}"
    );
    assert_eq!(seen.number, "CNP/30-31/0001", "{seen:?}");

    // The record for publication holds no identifier of the child or the provider.
    let bytes =
        std::fs::read(saved_dir(&db).join("Record CNP-30-31-0001 (published).pdf")).unwrap();
    let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for secret in [
        "CN-0300",
        "R.T.",
        "Oakfield",
        "04/03/2015",
        "4 March 2015",
        "CN-0001",
        "A.B.",
    ] {
        assert!(
            !flat.contains(secret),
            "{secret} in the published record:\n{flat}"
        );
    }
    assert!(flat.contains("0.00%, 30.00% from 01/03/2031"), "{flat}");
    assert!(
        flat.contains("Split in force 01/03/2031 to 31/03/2031"),
        "{flat}"
    );

    // Rule 9: the amendment was made at February's meeting, whatever January's minutes.
    assert!(seen.amending_note.contains("CNP/30-31/0001"), "{seen:?}");
    assert_eq!(seen.numbers, ["CNP/30-31/0002"], "{seen:?}");
    let store = open_db(&db);
    let amendment = store
        .decision(store.decision_by_number("CNP/30-31/0002").unwrap())
        .unwrap();
    assert_eq!(amendment.decided_on.to_string(), "2031-02-13");
    assert_eq!(
        amendment.amends.map(|(_, n)| n).as_deref(),
        Some("CNP/30-31/0001")
    );
    let report = store.check().unwrap();
    assert!(report.ok(), "{report:?}");
}

/// Where the app is after each step of the history test: the address and the first heading.
async fn place(driver: &WebDriver) -> WebDriverResult<(String, String)> {
    let url = driver.current_url().await?;
    let hash = url.fragment().unwrap_or("").to_string();
    let heading = wait_for(driver, "main h1").await?.text().await?;
    Ok((hash, heading))
}

/// Waits until the address after `#` is `hash`, then says where the app is.
async fn arrive(driver: &WebDriver, hash: &str) -> WebDriverResult<(String, String)> {
    arrive_where(driver, |h| h == hash).await
}

/// Waits until the address after `#` is one `wanted` accepts, then says where the app is.
async fn arrive_where(
    driver: &WebDriver,
    wanted: impl Fn(&str) -> bool,
) -> WebDriverResult<(String, String)> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let url = driver.current_url().await?;
        if wanted(url.fragment().unwrap_or("")) || Instant::now() > deadline {
            // Let the screen named by the address render before reading its heading.
            tokio::time::sleep(Duration::from_millis(200)).await;
            return place(driver).await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn run_history(driver: &WebDriver) -> WebDriverResult<Vec<(String, String)>> {
    let mut seen = Vec::new();
    seen.push(arrive(driver, "/meetings").await?);
    button(driver, "Cases").await?.click().await?;
    seen.push(arrive(driver, "/cases").await?);
    wait_for(driver, "main a.row-link").await?.click().await?;
    seen.push(arrive_where(driver, |h| h.starts_with("/case/")).await?);
    // Alt+Left goes back, as in a browser.
    driver
        .find(By::Css("body"))
        .await?
        .send_keys(Key::Alt + Key::Left)
        .await?;
    seen.push(arrive(driver, "/cases").await?);
    // The header's Back and Forward buttons.
    wait_for(driver, "button[aria-label='Back']")
        .await?
        .click()
        .await?;
    seen.push(arrive(driver, "/meetings").await?);
    wait_for(driver, "button[aria-label='Forward']")
        .await?
        .click()
        .await?;
    seen.push(arrive(driver, "/cases").await?);
    // A reload (the database stays unlocked) opens the same screen.
    driver.refresh().await?;
    wait_for(driver, "[data-user]").await?;
    seen.push(arrive(driver, "/cases").await?);
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn back_and_forward_go_through_the_screens_and_a_reload_keeps_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let db = example_db(&dir);
    let seen = drive(&db, |d| async move { run_history(&d).await })
        .await
        .expect("moving back and forward did not work");
    let hashes: Vec<&str> = seen.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(hashes[0], "/meetings", "{seen:?}");
    assert_eq!(hashes[1], "/cases", "{seen:?}");
    assert!(hashes[2].starts_with("/case/"), "{seen:?}");
    assert_eq!(
        &hashes[3..],
        ["/cases", "/meetings", "/cases", "/cases"],
        "{seen:?}"
    );
    assert_eq!(seen[1].1, "Cases");
    assert_eq!(seen[4].1, "Meetings");
    assert_eq!(
        seen[6].1, "Cases",
        "the reloaded app shows the screen it was on"
    );
}
