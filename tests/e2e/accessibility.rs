//! Every screen, with the demo's data, passes axe-core's checks (WCAG 2.1 AA and best
//! practice) with no violation, and lays out without scrolling sideways at the size a laptop
//! gives the window (1280×820) and at the smallest the window allows (960×600).

use crate::*;

/// axe-core as npm installed it for the front end.
fn axe_source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}): `npm ci` in ui/ installs it",
            path.display()
        )
    })
}

/// What one screen showed: its name, axe's violations, and the sizes at which it scrolled
/// sideways.
#[derive(Debug, Default)]
struct Screen {
    name: String,
    violations: Vec<String>,
    overflow: Vec<String>,
}

const SIZES: [(u32, u32); 2] = [(1280, 820), (960, 600)];

/// Runs axe on the page as it stands, and measures it at each size.
async fn look(driver: &WebDriver, name: &str, axe: &str) -> WebDriverResult<Screen> {
    // Let the screen's reads land before it is judged: its heading is there, and a moment.
    wait_for(driver, "h1").await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let loaded: bool = driver
        .execute("return typeof window.axe !== 'undefined';", vec![])
        .await?
        .convert()?;
    if !loaded {
        driver.execute(axe, vec![]).await?;
    }
    let found = driver
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               axe.run(document, { resultTypes: ["violations"] })
                 .then((r) => done(r.violations.map((v) =>
                     `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`)))
                 .catch((e) => done([`axe failed: ${e}`]));"#,
            vec![],
        )
        .await?;
    let violations: Vec<String> = found.convert()?;
    let mut overflow = Vec::new();
    for (w, h) in SIZES {
        driver.set_window_rect(0, 0, w, h).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let (scroll, client): (i64, i64) = driver
            .execute(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];",
                vec![],
            )
            .await?
            .convert()?;
        if scroll > client {
            overflow.push(format!("{w}×{h}: {scroll}px wide in {client}px"));
        }
        // The smallest window is the one to look at.
        if w == 960 {
            screenshot(driver, &format!("small-{name}.png")).await?;
        }
    }
    driver.set_window_rect(0, 0, 1600, 1000).await?;
    Ok(Screen {
        name: name.into(),
        violations,
        overflow,
    })
}

async fn run_screens(driver: &WebDriver) -> WebDriverResult<Vec<Screen>> {
    let axe = axe_source();
    let mut seen = vec![look(driver, "unlock", &axe).await?];
    unlock(driver, KEY).await?;
    wait_for(driver, "[data-user]").await?;
    wait_for(driver, "#meetings-heading").await?;
    seen.push(look(driver, "meetings", &axe).await?);
    // A past meeting, its first item (a final decision), and the next meeting.
    wait_for(driver, "a.row-link[data-meeting-date]").await?;
    let past = driver
        .find_all(By::Css("a.row-link[data-meeting-date]"))
        .await?;
    past[1].click().await?;
    wait_for(driver, "[data-testid='agenda']").await?;
    seen.push(look(driver, "meeting", &axe).await?);
    wait_for(driver, "[data-testid='agenda'] a.row-link")
        .await?
        .click()
        .await?;
    wait_for(driver, "h1").await?;
    seen.push(look(driver, "item", &axe).await?);
    // The chair's shortcuts, over the item.
    driver.active_element().await?.send_keys("?").await?;
    if wait_for(driver, "dialog[open]").await.is_ok() {
        seen.push(look(driver, "shortcuts", &axe).await?);
        driver
            .active_element()
            .await?
            .send_keys(thirtyfour::Key::Escape)
            .await?;
    }
    button(driver, "Cases").await?.click().await?;
    wait_for(driver, "a.row-link").await?;
    seen.push(look(driver, "cases", &axe).await?);
    wait_for(driver, "a.row-link").await?.click().await?;
    wait_for(driver, "[data-testid='cost-figures']").await?;
    seen.push(look(driver, "case", &axe).await?);
    button(driver, "Add placement").await?.click().await?;
    wait_for(driver, "form").await?;
    seen.push(look(driver, "placement", &axe).await?);
    // Leaving the empty form asks nothing; a form with nothing typed holds nothing.
    button(driver, "Cases").await?.click().await?;
    if let Ok(b) = driver.find(By::Css("dialog[open] [data-confirm]")).await {
        b.click().await?;
    }
    button(driver, "Import from a spreadsheet…")
        .await?
        .click()
        .await?;
    wait_for(driver, "h1").await?;
    seen.push(look(driver, "import", &axe).await?);
    for (nav, ready, name) in [
        ("Spend", "[data-testid='spend-partners']", "spend"),
        ("Statements", "form[data-form='statement']", "statements"),
        (
            "Exceptions",
            "[data-testid='exceptions-count']",
            "exceptions",
        ),
        ("Audit", "table[data-table='audit']", "audit"),
        ("Backups", "h1", "backups"),
        ("Settings", "h1", "settings"),
    ] {
        button(driver, nav).await?.click().await?;
        wait_for(driver, ready).await?;
        if name == "audit" {
            wait_for(driver, "details.audit-details summary")
                .await?
                .click()
                .await?;
        }
        seen.push(look(driver, name, &axe).await?);
    }
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn every_screen_passes_axe_and_fits_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.sqlite3");
    let today = chrono::Local::now().date_naive();
    open_db(&db).import(&panel_core::demo::demo(today)).unwrap();
    let seen = drive_locked(&db, |d| async move { run_screens(&d).await })
        .await
        .unwrap();
    let names: Vec<&str> = seen.iter().map(|s| s.name.as_str()).collect();
    for expected in [
        "unlock",
        "meetings",
        "meeting",
        "item",
        "shortcuts",
        "cases",
        "case",
        "placement",
        "import",
        "spend",
        "statements",
        "exceptions",
        "audit",
        "backups",
        "settings",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} not looked at: {names:?}"
        );
    }
    let failing: Vec<String> = seen
        .iter()
        .filter(|s| !s.violations.is_empty() || !s.overflow.is_empty())
        .map(|s| format!("{}: {:?} {:?}", s.name, s.violations, s.overflow))
        .collect();
    assert!(failing.is_empty(), "{failing:#?}");
}
