//! What a new council meets in its first week, in the real app with the demo: a first
//! passphrase too short puts focus back where typing starts again; the next meeting is quorate
//! with a handful to bring; leaving a changed form and pressing Enter by reflex keeps the work;
//! the statement form starts on a partner that is stated to, and a preview that cannot be
//! issued says why instead of offering to; a dispute's form takes focus as it opens; a figure
//! chosen on the spend screen takes focus with the view.

use crate::*;

#[derive(Debug, Default)]
struct FirstWeek {
    focus_after_short_passphrase: String,
    next_meeting_quorum: String,
    offers: usize,
    focus_in_leave_question: String,
    after_enter: String,
    provider_kept: String,
    statement_partner: String,
    lead_preview: String,
    lead_issue_buttons: usize,
    focus_after_dispute: String,
    focus_after_figure: String,
}

async fn run_first_week(driver: &WebDriver) -> WebDriverResult<FirstWeek> {
    let mut seen = FirstWeek::default();
    // A passphrase too short for a new database: refused, both emptied, focus on the first.
    let form = "form[data-form='unlock']";
    wait_for(driver, form).await?;
    fill(driver, form, "user", USER).await?;
    fill(driver, form, "passphrase", "short").await?;
    fill(driver, form, "again", "short").await?;
    wait_for(driver, &format!("{form} button[type='submit']"))
        .await?
        .click()
        .await?;
    wait_for(driver, &format!("{form} .error-message")).await?;
    seen.focus_after_short_passphrase = wait_focus_where(
        driver,
        async |el| Ok(el.attr("name").await?.unwrap_or_default()),
        |now| now == "passphrase",
    )
    .await?;
    unlock(driver, KEY).await?;
    wait_for(driver, "[data-user]").await?;

    // The demo's next meeting: quorate, with a handful of things offered.
    wait_for(driver, "a.row-link[data-meeting-date]")
        .await?
        .click()
        .await?;
    seen.next_meeting_quorum = wait_for(driver, "[data-testid='quorum']")
        .await?
        .text()
        .await?;
    wait_for(driver, "[data-testid='offers'] li").await?;
    seen.offers = driver
        .find_all(By::Css("[data-testid='offers'] li"))
        .await?
        .len();

    // A placement changed, then left: the question opens on the choice that keeps the work,
    // and Enter pressed by reflex keeps it.
    change_first_placement(driver, Some(" (renamed)")).await?;
    seen.focus_in_leave_question = wait_focus_where(
        driver,
        async |el| Ok(el.text().await?),
        |now| now == "Stay on this screen",
    )
    .await?;
    driver
        .active_element()
        .await?
        .send_keys(thirtyfour::Key::Enter)
        .await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    seen.after_enter = wait_for(driver, "h1").await?.text().await?;
    seen.provider_kept = wait_for(driver, "form[data-form='placement'] input[name='provider']")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    // Leaving on purpose, with the button that says so.
    button(driver, "Cases").await?.click().await?;
    confirm_dialog(driver).await?;
    wait_for(driver, "a.row-link").await?;

    // Statements: the form starts on a partner that is stated to; the council, which pays
    // the providers, is shown why it is not, with nothing offered to issue.
    button(driver, "Statements").await?.click().await?;
    let form = "form[data-form='statement']";
    seen.statement_partner = wait_for(driver, &format!("{form} [name='partner']"))
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    choose(driver, form, "partner", "Social care (SC)").await?;
    button(driver, "Preview the statement")
        .await?
        .click()
        .await?;
    seen.lead_preview = wait_for(driver, "[data-testid='not-issuable']")
        .await?
        .text()
        .await?;
    seen.lead_issue_buttons = driver
        .find_all(By::XPath(
            "//button[normalize-space(.)='Issue this statement']",
        ))
        .await?
        .len();
    // Health's, issued; a line disputed: the form opens below the lines with focus in it.
    choose(driver, form, "partner", "Health (ICB) (HE)").await?;
    button(driver, "Preview the statement")
        .await?
        .click()
        .await?;
    confirm_button(driver, "Issue this statement").await?;
    wait_for(driver, "[data-action='dispute']")
        .await?
        .click()
        .await?;
    wait_for(driver, "form[data-form='dispute']").await?;
    seen.focus_after_dispute = wait_focus_where(
        driver,
        async |el| Ok(el.attr("name").await?.unwrap_or_default()),
        |now| now == "scope",
    )
    .await?;
    screenshot(driver, "dispute-focus.png").await?;

    // Spend: a partner's headline figure chosen; focus goes with the view to its placements.
    button(driver, "Spend").await?.click().await?;
    wait_for(driver, "[data-testid='spend-partners']").await?;
    wait_for(
        driver,
        "[data-testid='spend-partners'] tr[data-partner='HE'] button",
    )
    .await?
    .click()
    .await?;
    seen.focus_after_figure = wait_focus_where(
        driver,
        async |el| Ok(el.attr("aria-labelledby").await?.unwrap_or_default()),
        |now| now == "placements-heading",
    )
    .await?;
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_first_week_loses_no_work_to_a_default_and_finds_focus_where_it_acts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.sqlite3");
    let today = chrono::Local::now().date_naive();
    // The demo in a database not yet encrypted: the first screen chooses the passphrase.
    {
        let mut store = Store::open(&db, "tester").unwrap();
        store.import(&panel_core::demo::demo(today)).unwrap();
    }
    let seen = drive_locked(&db, |d| async move { run_first_week(&d).await })
        .await
        .expect("the first week did not go as a new council would expect");

    assert_eq!(seen.focus_after_short_passphrase, "passphrase", "{seen:?}");
    assert!(seen.next_meeting_quorum.starts_with("Quorate"), "{seen:?}");
    assert!((5..=15).contains(&seen.offers), "{seen:?}");
    assert_eq!(
        seen.focus_in_leave_question, "Stay on this screen",
        "{seen:?}"
    );
    assert!(
        seen.after_enter.starts_with("Change placement at"),
        "{seen:?}"
    );
    assert!(seen.provider_kept.ends_with(" (renamed)"), "{seen:?}");
    assert_ne!(seen.statement_partner, "SC", "{seen:?}");
    assert!(
        seen.lead_preview
            .contains("Social care pays the providers and invoices the other partners"),
        "{seen:?}"
    );
    assert_eq!(seen.lead_issue_buttons, 0, "{seen:?}");
    assert_eq!(seen.focus_after_dispute, "scope", "{seen:?}");
    assert_eq!(seen.focus_after_figure, "placements-heading", "{seen:?}");
}
