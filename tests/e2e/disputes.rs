//! A partner's disputed split goes to the panel and comes back as adjustment lines: Health
//! disputes its 20% of a placement on an issued statement, the register brings it to today's
//! meeting, the placement's split is changed from a date and the decision finalised, and the
//! next statement carries the difference to the penny, in the app and on paper; the year-end
//! settlement shows what Health was stated.

use chrono::{Datelike, Months, NaiveDate};
use panel_core::Money;

use crate::*;

/// The months of the test: the first of the month three, two and one before today's.
struct Months3 {
    first: NaiveDate,
    second: NaiveDate,
    third: NaiveDate,
}

fn months(today: NaiveDate) -> Months3 {
    let this = today.with_day(1).unwrap();
    Months3 {
        first: this - Months::new(3),
        second: this - Months::new(2),
        third: this - Months::new(1),
    }
}

fn last_day(first: NaiveDate) -> NaiveDate {
    (first + Months::new(1)).pred_opt().unwrap()
}

fn uk(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// A case with a placement at £700 a week (£100 a day) from the first month shared 50/30/20,
/// Health's statements for the first and second months issued today, and a quorate meeting
/// today. Answers the second month's statement number.
fn seed(db: &Path, today: NaiveDate) -> String {
    let m = months(today);
    let mut store = seed::example_with_agreement(db);
    let case = seed::case(&mut store, "CN-0400", "J.K.", "04/03/2012", "Autism");
    seed::weekly_placement(
        &mut store,
        case,
        "Heron House",
        &uk(m.first),
        "700",
        &[(&uk(m.first), ["50", "30", "20"])],
    );
    store
        .issue_statement("HE", m.first, last_day(m.first), today)
        .unwrap();
    let (second, _) = store
        .issue_statement("HE", m.second, last_day(m.second), today)
        .unwrap();
    seed::meeting_with_members(&mut store, &uk(today), "present");
    second.number
}

#[derive(Debug, Default)]
struct Run {
    register: String,
    brought: String,
    decision: String,
    lines: String,
    explained: String,
    printed: String,
    settlement: String,
}

async fn run(driver: &WebDriver, second: &str, today: NaiveDate) -> WebDriverResult<Run> {
    let m = months(today);
    let mut seen = Run::default();
    // Health disputes its share on the second month's statement.
    button(driver, "Statements").await?.click().await?;
    button(driver, second).await?.click().await?;
    wait_text(driver, "#statement-heading", second).await?;
    // (The example's own case, CN-0001, is on the statement too.)
    driver
        .query(By::XPath(
            "//table[@data-testid='statement-lines']//tr[.//td[contains(., 'CN-0400')]]//button[@data-action='dispute']",
        ))
        .first()
        .await?
        .click()
        .await?;
    let form = "form[data-form='dispute']";
    choose(
        driver,
        form,
        "scope",
        "The placement's split (every line of it stated to the partner)",
    )
    .await?;
    choose(driver, form, "reason", "The split").await?;
    fill(
        driver,
        form,
        "note",
        "Health agreed 10% from the second month",
    )
    .await?;
    confirm_button(driver, "Record the dispute").await?;
    seen.register = wait_text(driver, "[data-testid='disputes']", "DSP/").await?;
    // Brought to today's meeting.
    wait_for(driver, "tr[data-dispute] button[data-action='bring']")
        .await?
        .click()
        .await?;
    button(driver, "Put it on the agenda")
        .await?
        .click()
        .await?;
    seen.brought = wait_text(driver, "[data-testid='dispute-notice']", "agenda").await?;

    // The panel's new split, from the second month, entered on the placement.
    button(driver, "Cases").await?.click().await?;
    fill(driver, "main", "filter", "CN-0400").await?;
    wait_for(driver, "[data-testid='cases'] a")
        .await?
        .click()
        .await?;
    wait_for(driver, "[data-testid='placement'] h3 button")
        .await?
        .click()
        .await?;
    let form = "form[data-form='placement']";
    button(driver, "Add a split change").await?.click().await?;
    fill(driver, form, "splits.1.from", &uk(m.second)).await?;
    for (k, share) in ["60", "30", "10"].iter().enumerate() {
        fill(driver, form, &format!("splits.1.shares.{k}"), share).await?;
    }
    button(driver, "Save placement").await?.click().await?;
    wait_text(driver, "[data-testid='placement']", "10%").await?;

    // The decision on the dispute's item, finalised.
    open_item(driver, &today.to_string()).await?;
    write_decision_text(
        driver,
        &format!("Health's share is 10% from {}.", uk(m.second)),
        "As agreed when the placement began.",
        "Keep 20%: not what was agreed.",
        3,
    )
    .await?;
    confirm_button(driver, "Finalise decision").await?;
    seen.decision = wait_for(driver, "[data-testid='decision-number']")
        .await?
        .text()
        .await?;

    // The third month's statement, issued, carries the adjustment.
    button(driver, "Statements").await?.click().await?;
    let form = "form[data-form='statement']";
    choose(driver, form, "partner", "Health (HE)").await?;
    fill(driver, form, "from", &uk(m.third)).await?;
    fill(driver, form, "to", &uk(last_day(m.third))).await?;
    button(driver, "Preview the statement")
        .await?
        .click()
        .await?;
    wait_text(driver, "#statement-heading", "Preview").await?;
    confirm_button(driver, "Issue this statement").await?;
    wait_text(driver, "#statement-heading", "Statement HE/").await?;
    seen.lines = wait_text(driver, "[data-testid='statement-lines']", "Adjusts").await?;
    seen.explained = wait_for(driver, "[data-testid='adjustments-explained']")
        .await?
        .text()
        .await?;
    screenshot(driver, "statement-adjusted.png").await?;
    seen.printed = print(driver, "statement-papers", "Print PDF", "Saved to").await?;

    // The year-end settlement of the year the third month is in.
    let year = panel_core::FinancialYear::containing(m.third).to_string();
    choose(driver, "[data-form='settlement']", "year", &year).await?;
    // Health's column: what is due of it, and what it was stated.
    seen.settlement = wait_text(
        driver,
        "[data-testid='settlement'] td[data-partner='HE'][data-figure='due']",
        "£",
    )
    .await?;
    seen.settlement += " ";
    seen.settlement += &wait_text(
        driver,
        "[data-testid='settlement'] td[data-partner='HE'][data-figure='stated']",
        "£",
    )
    .await?;
    driver
        .execute(
            "document.querySelector('#settlement-heading').scrollIntoView();",
            vec![],
        )
        .await?;
    screenshot(driver, "settlement.png").await?;
    print(
        driver,
        "settlement-papers",
        "Print the settlement pack",
        "Saved to",
    )
    .await?;
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_disputed_split_is_settled_by_the_panel_and_the_next_statement_adjusts_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.sqlite3");
    let today = chrono::Local::now().date_naive();
    let m = months(today);
    let second = seed(&db, today);
    let number = second.clone();
    let seen = drive(&db, |d| async move { run(&d, &number, today).await })
        .await
        .unwrap();

    let store = open_db(&db);
    let disputes = store.disputes(today).unwrap();
    assert_eq!(disputes.len(), 1, "{seen:?}");
    let dispute = &disputes[0];
    assert!(seen.register.contains(&dispute.number), "{seen:?}");
    assert!(seen.brought.contains(&dispute.number), "{seen:?}");
    assert_eq!(
        dispute.status,
        panel_core::model::DisputeStatus::Resolved,
        "{seen:?}"
    );
    assert_eq!(dispute.decision.as_deref(), Some(seen.decision.as_str()));

    // The third month's statement: its own line at 10%, and the second month adjusted by
    // Health's 10% less of its days at £100, to the penny.
    let issued = store.issued_statements(Some("HE")).unwrap();
    let third = issued.last().unwrap();
    let (_, st) = store.issued_statement(&third.number).unwrap();
    let days = i64::from(last_day(m.second).day());
    let adjustment: Vec<_> = st
        .lines
        .iter()
        .filter(|l| l.adjusts.is_some() && l.case_reference == "CN-0400")
        .collect();
    assert_eq!(adjustment.len(), 1, "{st:?}");
    assert_eq!(adjustment[0].adjusts.as_deref(), Some(second.as_str()));
    assert_eq!(adjustment[0].amount, Money::from_pounds(-10 * days));
    assert_eq!(
        adjustment[0].disputes.as_slice(),
        std::slice::from_ref(&dispute.number),
        "{dispute:?} {issued:?}"
    );
    assert!(adjustment[0].decisions.contains(&seen.decision));
    assert_eq!(dispute.case_reference, "CN-0400");
    let own = st
        .lines
        .iter()
        .find(|l| l.adjusts.is_none() && l.case_reference == "CN-0400")
        .unwrap();
    assert_eq!(
        own.amount,
        Money::from_pounds(10 * i64::from(last_day(m.third).day()))
    );
    assert!(
        seen.lines.contains(&format!("Adjusts {second}")),
        "{seen:?}"
    );
    assert!(seen.lines.contains(&dispute.number), "{seen:?}");
    assert!(
        seen.lines
            .contains(&Money::from_pounds(-10 * days).to_string()),
        "{seen:?}"
    );
    assert!(seen.explained.contains("correct a statement issued before"));

    // On paper: the adjustment apart, citing the statement, the decision and the dispute.
    let pdf = saved_dir(&db).join(format!("Statement {}.pdf", third.number.replace('/', "-")));
    let text = pdf_extract::extract_text_from_mem(&std::fs::read(&pdf).unwrap()).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Adjustments to statements issued before".to_string(),
        second.clone(),
        dispute.number.clone(),
        seen.decision.clone(),
        Money::from_pounds(-10 * days).to_string(),
        format!("Total {}", st.total),
    ] {
        assert!(text.contains(&expected), "{expected} not in {text}");
    }

    // The settlement screen shows what the store settles, and its pack was saved.
    let year = panel_core::FinancialYear::containing(m.third);
    let settlement = store.settlement(year, today).unwrap();
    let he = settlement.partners.iter().find(|p| p.code == "HE").unwrap();
    assert!(seen.settlement.contains(&he.due.to_string()), "{seen:?}");
    assert!(seen.settlement.contains(&he.stated.to_string()) || he.stated == Money::ZERO);
    let pack = saved_dir(&db).join(format!(
        "Settlement {}.pdf",
        year.to_string().replace('/', "-")
    ));
    let text = pdf_extract::extract_text_from_mem(&std::fs::read(&pack).unwrap()).unwrap();
    assert!(
        text.contains(&format!("Year-end settlement {year}")),
        "{text}"
    );
}
