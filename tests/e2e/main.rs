//! End-to-end tests: the real built application in its real WebView, driven through
//! tauri-driver and WebKitWebDriver (run under Xvfb by `./tasks test`).
//!
//! Each test gets its own database in a temporary folder, its own tauri-driver on free ports,
//! collects what it saw, quits the session and only then asserts.
//!
//! One test binary; the tests are grouped by screen in the modules below, and this file holds
//! what they share: starting the app through tauri-driver, unlocking, waiting and typing.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod accessibility;
mod amendments;
mod chair_action;
mod crash;
mod decisions;
mod disputes;
mod exceptions;
mod first_week;
mod history;
mod import;
mod keys;
mod measure;
mod meetings;
mod papers;
mod safety;
mod seed;
mod settings;
mod spend;
mod statements;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use panel_core::interchange::read_dataset;
use panel_store::Store;
use thirtyfour::prelude::*;

#[path = "../../crates/panel-store/tests/support/workbook.rs"]
mod workbook;
use workbook::{Sheet, Value, text, workbook, workbook_grid};

const EXAMPLE: &str = include_str!("../../docs/examples/oakfield.json");

/// The passphrase the tests' databases are encrypted under, and who unlocks them.
const KEY: &str = "end to end passphrase";
const USER: &str = "E2E Tester";

/// The database at `db` (created encrypted if new), as the tests set it up and read it back.
/// The tests running side by side open their databases one at a time: SQLCipher's first
/// keying of a connection was seen to fail when two threads of one process did it at once.
fn open_db(db: &Path) -> Store {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
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
    /// The driver, and through it the app, on `db` with the variables `env` set as well.
    fn start(db: &Path, env: &[(&str, &str)]) -> Driver {
        let (port, native) = (free_port(), free_port());
        let child = Command::new(tauri_driver())
            .envs(env.iter().copied())
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

/// The `panel` command: built beside this test's binary by `cargo test --workspace`, or
/// built now when this test is run on its own.
fn panel_command() -> PathBuf {
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
    panel
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
    drive_with(db, &[], run).await
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
    drive_locked_with(db, &[], run).await
}

/// [`drive`] with the variables `env` set for the app.
async fn drive_with<T, F, Fut>(db: &Path, env: &[(&str, &str)], run: F) -> WebDriverResult<T>
where
    F: FnOnce(WebDriver) -> Fut,
    Fut: std::future::Future<Output = WebDriverResult<T>>,
{
    drive_locked_with(db, env, |d| async move {
        unlock(&d, KEY).await?;
        wait_for(&d, "[data-user]").await?;
        run(d).await
    })
    .await
}

/// [`drive_locked`] with the variables `env` set for the app.
async fn drive_locked_with<T, F, Fut>(db: &Path, env: &[(&str, &str)], run: F) -> WebDriverResult<T>
where
    F: FnOnce(WebDriver) -> Fut,
    Fut: std::future::Future<Output = WebDriverResult<T>>,
{
    let driver_process = Driver::start(db, env);
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

/// On the backups screen, opens the backup taken on unlocking (the daily one) to restore.
async fn open_daily_backup(driver: &WebDriver) -> WebDriverResult<()> {
    driver
        .query(By::XPath(
            "//table[@data-table='backups']//tr[td[normalize-space(.)='Daily']]//button",
        ))
        .wait(Duration::from_secs(15), Duration::from_millis(100))
        .first()
        .await?
        .click()
        .await
}

/// The id of the element with focus once it is `id`, or whatever has it after 15 s: focus
/// moves as the screen's effects run, which a busy machine may take a moment to do.
async fn wait_focus(driver: &WebDriver, id: &str) -> WebDriverResult<String> {
    wait_focus_where(
        driver,
        async |el| Ok(el.id().await?.unwrap_or_default()),
        |now| now == id,
    )
    .await
}

/// Waits up to 15 seconds for the focused element, as `read` describes it, to be `wanted`
/// (focus moves a moment after the screen changes); returns its last description.
async fn wait_focus_where(
    driver: &WebDriver,
    read: impl AsyncFn(WebElement) -> WebDriverResult<String>,
    wanted: impl Fn(&str) -> bool,
) -> WebDriverResult<String> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let now = read(driver.active_element().await?).await?;
        if wanted(&now) || Instant::now() > deadline {
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

/// Opens the first item on the agenda of the meeting of `date` (yyyy-mm-dd).
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

/// Writes the open item's decision: its first paragraph, its reasons and the alternatives
/// considered, and the assent of the first `agreeing` partners.
async fn write_decision_text(
    driver: &WebDriver,
    paragraph: &str,
    reasons: &str,
    alternatives: &str,
    agreeing: usize,
) -> WebDriverResult<()> {
    let form = "form[data-form='decision']";
    fill(driver, form, "paragraphs.0", paragraph).await?;
    fill(driver, form, "reasons", reasons).await?;
    fill(driver, form, "alternatives", alternatives).await?;
    for k in 0..agreeing {
        wait_for(
            driver,
            &format!("{form} input[name='assents.{k}'][value='agree']"),
        )
        .await?
        .click()
        .await?;
    }
    Ok(())
}

/// From anywhere, the first case's first placement opened to be changed; then `typed` added to
/// its provider, and the app asked to leave it for the cases (which asks first, when typed).
async fn change_first_placement(driver: &WebDriver, typed: Option<&str>) -> WebDriverResult<()> {
    button(driver, "Cases").await?.click().await?;
    wait_for(driver, "a.row-link").await?.click().await?;
    wait_for(driver, "[data-testid='placement'] h3 button")
        .await?
        .click()
        .await?;
    let provider = wait_for(driver, "form[data-form='placement'] input[name='provider']").await?;
    if let Some(typed) = typed {
        provider.send_keys(typed).await?;
        button(driver, "Cases").await?.click().await?;
        wait_for(driver, "dialog[open] [data-keep]").await?;
    }
    Ok(())
}

async fn fill(driver: &WebDriver, form: &str, name: &str, value: &str) -> WebDriverResult<()> {
    let css = format!("{form} [name='{name}']");
    again_if_stale(|| async {
        let input = wait_for(driver, &css).await?;
        // Emptied as a person would, selecting it all and deleting, so that React sees it:
        // WebDriver's clear empties the element behind React's back, and React may put a
        // default value back (a cost line's "Placement fee") before the typing starts.
        for _ in 0..5 {
            driver
                .execute("arguments[0].select();", vec![input.to_json()?])
                .await?;
            input.send_keys(Key::Backspace).await?;
            if input.prop("value").await?.unwrap_or_default().is_empty() {
                break;
            }
        }
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

/// Clicks the button `text` and confirms the question the app then asks, in its own dialog.
/// A click that lands on a button the screen is just re-rendering asks nothing: the button is
/// found and clicked again.
async fn confirm_button(driver: &WebDriver, text: &str) -> WebDriverResult<()> {
    for _ in 0..5 {
        button(driver, text).await?.click().await?;
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if let Ok(yes) = driver.find(By::Css("dialog[open] [data-confirm]")).await {
                return yes.click().await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    confirm_dialog(driver).await
}

/// Confirms the question the app asks in its dialog, with the button that goes ahead.
async fn confirm_dialog(driver: &WebDriver) -> WebDriverResult<()> {
    wait_for(driver, "dialog[open] [data-confirm]")
        .await?
        .click()
        .await
}

/// An agreement for 2030/31 in the seed's proportions, so the default split is 34/33/33.
const AGREEMENT_2030: &str = r#"{"format": "complex-needs-panel/1",
  "partners": [{"code": "SC", "name": "Social care"}, {"code": "ED", "name": "Education"}, {"code": "HE", "name": "Health"}],
  "agreements": [{"year": "2030/31", "risk_share": "contributions",
    "contributions": {"SC": "2448000.00", "ED": "2376000.00", "HE": "2376000.00"}}]}"#;

/// Clicks the first button starting with `label` inside an element marked `testid`, and
/// returns the status said beneath once it says `expect`.
async fn print(
    driver: &WebDriver,
    testid: &str,
    label: &str,
    expect: &str,
) -> WebDriverResult<String> {
    let found = driver
        .query(By::XPath(format!(
            "//*[@data-testid='{testid}']//button[starts-with(normalize-space(.), {})]",
            xpath_literal(label)
        )))
        .wait(Duration::from_secs(15), Duration::from_millis(100))
        .first()
        .await?;
    // In the middle of the window first: a button the driver scrolls only just into view, its
    // centre on the window's last pixel, can take the click on the page instead.
    driver
        .execute(
            "arguments[0].scrollIntoView({ block: 'center' });",
            vec![found.to_json()?],
        )
        .await?;
    found.click().await?;
    wait_text(
        driver,
        &format!("[data-testid='{testid}'] [data-testid='document-status']"),
        expect,
    )
    .await
}
