//! Every screen, with the demo's data, passes axe-core's checks (WCAG 2.2 AA and best
//! practice) with no violation, and lays out without scrolling sideways at the size a laptop
//! gives the window (1280×820) and at the smallest the window allows (960×600), with nothing
//! covering a control: each one, brought into view, is the element found at its own centre.

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

/// What one screen showed: its name, axe's violations, the sizes at which it scrolled
/// sideways, and the controls something else covered.
#[derive(Debug, Default)]
struct Screen {
    name: String,
    violations: Vec<String>,
    overflow: Vec<String>,
    covered: Vec<String>,
}

/// Each control shown (in the open dialog, if there is one), scrolled to the middle of the
/// window and looked for at its centre: those found under something else, or out of reach.
const COVERED: &str = r##"
const root = document.querySelector("dialog[open]") ?? document;
const say = (el) => {
  if (!el) return "nothing";
  const words = (el.getAttribute("aria-label") || el.innerText || el.value || el.getAttribute("name") || "").trim().replace(/\s+/g, " ");
  return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${words.slice(0, 40)}"`;
};
const out = [];
const controls = root.querySelectorAll("button, a[href], input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])");
for (const el of controls) {
  const before = el.getBoundingClientRect();
  // Not shown, or shown only to screen readers.
  if (before.width <= 1 || before.height <= 1 || getComputedStyle(el).visibility === "hidden") continue;
  if (el.closest("[hidden], details:not([open]) > :not(summary)")) continue;
  // A skip link shows itself only when focused (the keyboard test goes through one).
  if (el.classList.contains("skip-link")) continue;
  el.scrollIntoView({ block: "center", inline: "center" });
  // A link run over two lines: the middle of its first line.
  const r = el.getClientRects()[0] ?? el.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) {
    out.push(`${say(el)} cannot be brought into view`);
    continue;
  }
  const hit = document.elementFromPoint(x, y);
  const own = hit && (hit === el || el.contains(hit) || [...(el.labels ?? [])].some((l) => l.contains(hit)));
  if (!own) out.push(`${say(el)} lies under ${say(hit)}`);
}
window.scrollTo(0, 0);
return out;
"##;

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
               axe.run(document, {
                   resultTypes: ["violations"],
                   runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
                 })
                 .then((r) => done(r.violations.map((v) =>
                     `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`)))
                 .catch((e) => done([`axe failed: ${e}`]));"#,
            vec![],
        )
        .await?;
    let violations: Vec<String> = found.convert()?;
    let mut overflow = Vec::new();
    let mut covered = Vec::new();
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
            // What reaches past the window: the innermost elements that do.
            let wide: Vec<String> = driver
                .execute(
                    r#"const w = document.documentElement.clientWidth;
                       return [...document.querySelectorAll("body *")]
                         .filter((el) => el.getBoundingClientRect().right > w + 1
                           && ![...el.children].some((c) => c.getBoundingClientRect().right > w + 1))
                         .slice(0, 3)
                         .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}px`);"#,
                    vec![],
                )
                .await?
                .convert()?;
            overflow.push(format!("{w}×{h}: {scroll}px wide in {client}px: {wide:?}"));
        }
        // The smallest window is the one to look at, as it opens.
        if w == 960 {
            screenshot(driver, &format!("small-{name}.png")).await?;
        }
        let under: Vec<String> = driver.execute(COVERED, vec![]).await?.convert()?;
        covered.extend(under.into_iter().map(|c| format!("{w}×{h}: {c}")));
    }
    driver.set_window_rect(0, 0, 1600, 1000).await?;
    Ok(Screen {
        name: name.into(),
        violations,
        overflow,
        covered,
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
    // Leaving the empty form asks nothing: a form with nothing typed holds nothing.
    // A placement of record, changed: its rates, splits and their actions.
    change_first_placement(driver, None).await?;
    seen.push(look(driver, "placement-change", &axe).await?);
    button(driver, "Cases").await?.click().await?;
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
        if name == "statements" {
            // The year-end settlement, a column a partner, at the smallest size.
            driver.set_window_rect(0, 0, 960, 600).await?;
            driver
                .execute(
                    "document.querySelector('#settlement-heading').scrollIntoView();",
                    vec![],
                )
                .await?;
            screenshot(driver, "small-settlement.png").await?;
            driver.set_window_rect(0, 0, 1600, 1000).await?;
            // Health's statement for last month, issued, and a line of it disputed.
            choose(
                driver,
                "form[data-form='statement']",
                "partner",
                "Health (ICB) (HE)",
            )
            .await?;
            button(driver, "Preview the statement")
                .await?
                .click()
                .await?;
            wait_for(driver, "[data-testid='statement-lines']").await?;
            seen.push(look(driver, "statement-preview", &axe).await?);
            confirm_button(driver, "Issue this statement").await?;
            wait_for(driver, "[data-action='dispute']")
                .await?
                .click()
                .await?;
            wait_for(driver, "form[data-form='dispute']").await?;
            seen.push(look(driver, "dispute", &axe).await?);
        }
        if name == "backups" {
            button(driver, "Back up now").await?.click().await?;
            wait_for(driver, "table button.link-button")
                .await?
                .click()
                .await?;
            wait_for(driver, "table[data-table='restore-preview']").await?;
            seen.push(look(driver, "restore-preview", &axe).await?);
        }
    }
    // The next meeting's first item: the decision form as the chair meets it.
    button(driver, "Meetings").await?.click().await?;
    wait_for(driver, "a.row-link[data-meeting-date]")
        .await?
        .click()
        .await?;
    wait_for(driver, "[data-testid='offers']").await?;
    seen.push(look(driver, "next-meeting", &axe).await?);
    driver.set_window_rect(0, 0, 960, 600).await?;
    driver
        .execute(
            "document.querySelector(\"[data-testid='offers']\").scrollIntoView();",
            vec![],
        )
        .await?;
    screenshot(driver, "small-offers.png").await?;
    driver.set_window_rect(0, 0, 1600, 1000).await?;
    wait_for(driver, "[data-testid='agenda'] a.row-link")
        .await?
        .click()
        .await?;
    wait_for(driver, "form[data-form='decision']").await?;
    seen.push(look(driver, "decision", &axe).await?);
    // A placement's form with something typed, then leaving: the question asked, with the
    // safe choice focused. (Last: WebKit's driver cannot take a picture of a page with a file
    // field once a modal has been shown.)
    change_first_placement(driver, Some(" (changed)")).await?;
    seen.push(look(driver, "leave-dialog", &axe).await?);
    wait_for(driver, "dialog[open] [data-confirm]")
        .await?
        .click()
        .await?;
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
        "placement-change",
        "leave-dialog",
        "next-meeting",
        "decision",
        "import",
        "spend",
        "statements",
        "statement-preview",
        "dispute",
        "exceptions",
        "audit",
        "backups",
        "restore-preview",
        "settings",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} not looked at: {names:?}"
        );
    }
    let failing: Vec<String> = seen
        .iter()
        .filter(|s| !s.violations.is_empty() || !s.overflow.is_empty() || !s.covered.is_empty())
        .map(|s| {
            format!(
                "{}: {:?} {:?} {:?}",
                s.name, s.violations, s.overflow, s.covered
            )
        })
        .collect();
    assert!(failing.is_empty(), "{failing:#?}");
}
