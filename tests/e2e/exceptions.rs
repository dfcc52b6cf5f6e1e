//! An administrator lists the exceptions as of a day, is refused a day that does not exist,
//! opens the case an exception is about, and prints the list; what the screen shows is what
//! the store finds.

use crate::*;

#[derive(Debug, Default)]
struct ExceptionsRun {
    refused: String,
    count: String,
    overdue: String,
    actions: String,
    case_heading: String,
    printed: String,
    done_refused: String,
    after_done: String,
}

async fn run_exceptions(driver: &WebDriver) -> WebDriverResult<ExceptionsRun> {
    let mut seen = ExceptionsRun::default();
    button(driver, "Exceptions").await?.click().await?;
    let form = "form[data-form='exceptions']";
    wait_for(driver, form).await?;
    fill(driver, form, "as_of", "31/02/2026").await?;
    button(driver, "Show the exceptions").await?.click().await?;
    seen.refused = wait_for(driver, &format!("{form} .field-error .error-message"))
        .await?
        .text()
        .await?;
    fill(driver, form, "as_of", "15/11/2026").await?;
    button(driver, "Show the exceptions").await?.click().await?;
    seen.count = wait_text(
        driver,
        "[data-testid='exceptions-count']",
        "15 November 2026",
    )
    .await?;
    seen.overdue = wait_for(driver, "[data-testid='exceptions-review_overdue']")
        .await?
        .text()
        .await?;
    seen.actions = wait_for(driver, "[data-testid='exceptions-action_overdue']")
        .await?
        .text()
        .await?;
    screenshot(driver, "exceptions.png").await?;
    seen.printed = print(driver, "exceptions-papers", "Print PDF", "Saved to").await?;
    print(driver, "exceptions-papers", "Save CSV", "Saved to").await?;
    // The overdue action is done: a day before the decision refused at its field, then
    // recorded, and the list has one exception left.
    wait_for(driver, "button[data-action='action-done']")
        .await?
        .click()
        .await?;
    let done = "form[data-form='action-done']";
    fill(driver, done, "on", "01/01/2026").await?;
    fill(driver, done, "note", "Contract signed").await?;
    confirm_button(driver, "Record it as done").await?;
    seen.done_refused = wait_for(driver, &format!("{done} .field-error .error-message"))
        .await?
        .text()
        .await?;
    fill(driver, done, "on", "10/11/2026").await?;
    confirm_button(driver, "Record it as done").await?;
    seen.after_done = wait_text(driver, "[data-testid='exceptions-count']", "1 exception").await?;
    // The case opens from its exception.
    driver
        .query(By::Css(
            "[data-testid='exceptions-review_overdue'] button.link-button",
        ))
        .first()
        .await?
        .click()
        .await?;
    seen.case_heading = wait_text(driver, "main h1", "CN-0001").await?;
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn exceptions_are_listed_opened_and_printed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.sqlite3");
    let mut planted: serde_json::Value =
        serde_json::from_str(include_str!("../../docs/examples/clean-panel.json")).unwrap();
    planted["decisions"][0]["review_date"] = serde_json::json!("2026-10-01");
    planted["decisions"][0]["actions"][0]["due"] = serde_json::json!("2026-11-01");
    open_db(&db)
        .import(&read_dataset(&planted.to_string()).unwrap())
        .unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap();
    let found = open_db(&db).exceptions(as_of).unwrap();
    let seen = drive(&db, |d| async move { run_exceptions(&d).await })
        .await
        .unwrap();
    assert!(
        seen.refused
            .starts_with("As of: \"31/02/2026\" is not a date"),
        "{seen:?}"
    );
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        seen.count.starts_with("2 exceptions as of") && seen.count.contains("15 November 2026"),
        "{seen:?}"
    );
    assert!(seen.overdue.contains(&found[0].detail), "{seen:?}");
    assert!(seen.overdue.contains("CN-0001 (A.B.)"), "{seen:?}");
    assert!(seen.actions.contains(&found[1].detail), "{seen:?}");
    assert!(seen.actions.contains("CNP/25-26/0001"), "{seen:?}");
    assert!(seen.case_heading.contains("CN-0001"), "{seen:?}");
    // The PDF and the CSV went where documents go.
    let pdf = saved_dir(&db).join("Exceptions 2026-11-15.pdf");
    let text = pdf_extract::extract_text_from_mem(&std::fs::read(&pdf).unwrap()).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Review overdue (1)"), "{text}");
    assert!(text.contains("its review was due on 01/10/2026"), "{text}");
    let csv = std::fs::read_to_string(saved_dir(&db).join("Exceptions 2026-11-15.csv")).unwrap();
    assert_eq!(csv, panel_store::exceptions_csv(as_of, &found));
    // The action done, as typed: its exception is cleared.
    assert!(
        seen.done_refused
            .contains("01/01/2026 is before CNP/25-26/0001 was taken"),
        "{seen:?}"
    );
    assert!(seen.after_done.starts_with("1 exception as of"), "{seen:?}");
    let left = open_db(&db).exceptions(as_of).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].kind.code(), "review_overdue");
}
