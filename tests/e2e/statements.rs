//! A finance officer previews a partner's statement, is refused a period that does not exist,
//! issues the statement, finds it numbered in the list, and prints it; the figures are the
//! store's to the penny.

use crate::*;

#[derive(Debug, Default)]
struct StatementRun {
    refused: String,
    preview_total: String,
    preview_heading: String,
    focus_after_preview: String,
    notice: String,
    issued_heading: String,
    list: String,
    printed: String,
    payment_refused: String,
    payment_notice: String,
    owed: String,
    debts: String,
    statement_pool: String,
    call_refused: String,
    contribution_notice: String,
    contributions: String,
}

async fn run_statements(driver: &WebDriver) -> WebDriverResult<StatementRun> {
    let mut seen = StatementRun::default();
    button(driver, "Statements").await?.click().await?;
    let form = "form[data-form='statement']";
    wait_for(driver, form).await?;
    choose(driver, form, "partner", "Health (ICB) (HE)").await?;
    // A day that does not exist is refused at its field.
    let to = wait_for(driver, &format!("{form} [name='to']"))
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    fill(driver, form, "to", "31/02/2026").await?;
    button(driver, "Preview the statement")
        .await?
        .click()
        .await?;
    seen.refused = wait_for(driver, &format!("{form} .field-error .error-message"))
        .await?
        .text()
        .await?;
    fill(driver, form, "to", &to).await?;
    button(driver, "Preview the statement")
        .await?
        .click()
        .await?;
    seen.preview_heading = wait_text(driver, "#statement-heading", "Preview").await?;
    seen.preview_total = wait_for(driver, "[data-figure='statement-total']")
        .await?
        .text()
        .await?;
    seen.statement_pool = wait_for(driver, "[data-testid='statement-pool']")
        .await?
        .text()
        .await?;
    seen.focus_after_preview = wait_focus(driver, "statement-heading").await?;
    screenshot(driver, "statement-preview.png").await?;
    confirm_button(driver, "Issue this statement").await?;
    seen.notice = wait_text(driver, "[data-testid='statement-notice']", "Issued").await?;
    seen.issued_heading = wait_text(driver, "#statement-heading", "Statement HE/").await?;
    seen.list = wait_text(driver, "[data-testid='issued-statements']", "HE/").await?;
    seen.printed = print(driver, "statement-papers", "Print PDF", "Saved to").await?;
    screenshot(driver, "statement-issued.png").await?;
    // A payment against it: three decimals refused at its field, then £100.00 recorded.
    let form = "form[data-form='payment']";
    fill(driver, form, "amount", "12.345").await?;
    confirm_button(driver, "Record a payment").await?;
    seen.payment_refused = wait_for(driver, &format!("{form} .field-error .error-message"))
        .await?
        .text()
        .await?;
    fill(driver, form, "amount", "100.00").await?;
    fill(driver, form, "reference", "BACS 42").await?;
    confirm_button(driver, "Record a payment").await?;
    seen.payment_notice = wait_text(driver, "[data-testid='payment-notice']", "Recorded").await?;
    seen.owed = wait_text(driver, "[data-testid='payments']", "BACS 42").await?;
    seen.debts = wait_for(driver, "[data-testid='debts'] tr[data-partner='HE']")
        .await?
        .text()
        .await?;
    screenshot(driver, "statement-payment.png").await?;
    print(driver, "debts-papers", "Save CSV of the debts", "Saved to").await?;
    // Education's contribution: a call beyond it refused at the amount, then £100,000.00
    // called and £40,000.00 paid in.
    let form = "form[data-form='contribution']";
    wait_for(driver, form).await?;
    choose(driver, form, "partner", "Education (High Needs Block) (ED)").await?;
    fill(driver, form, "amount", "99999999").await?;
    confirm_button(driver, "Record it").await?;
    seen.call_refused = wait_for(driver, &format!("{form} .field-error .error-message"))
        .await?
        .text()
        .await?;
    fill(driver, form, "amount", "100,000.00").await?;
    fill(driver, form, "reference", "INV ED 1").await?;
    confirm_button(driver, "Record it").await?;
    wait_text(driver, "[data-testid='contribution-notice']", "called from").await?;
    choose(driver, form, "kind", "Paid in").await?;
    fill(driver, form, "amount", "40000").await?;
    confirm_button(driver, "Record it").await?;
    seen.contribution_notice =
        wait_text(driver, "[data-testid='contribution-notice']", "paid in by").await?;
    seen.contributions = wait_text(
        driver,
        "[data-testid='contributions'] tr[data-partner='ED']",
        "£40,000.00",
    )
    .await?;
    driver
        .execute(
            "document.querySelector('#contributions-heading').scrollIntoView();",
            vec![],
        )
        .await?;
    screenshot(driver, "contributions.png").await?;
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_statement_is_previewed_issued_listed_and_printed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.sqlite3");
    let today = chrono::Local::now().date_naive();
    // The demo without its contributions called, so that a call can be made whatever the day.
    let mut demo = panel_core::demo::demo(today);
    demo.pool.clear();
    open_db(&db).import(&demo).unwrap();
    let seen = drive(&db, |d| async move { run_statements(&d).await })
        .await
        .unwrap();
    assert!(
        seen.refused.starts_with("To: \"31/02/2026\" is not a date"),
        "{seen:?}"
    );
    assert_eq!(seen.focus_after_preview, "statement-heading", "{seen:?}");
    // What was issued is what the store holds, to the penny, and what the preview showed.
    let store = open_db(&db);
    let issued = store.issued_statements(Some("HE")).unwrap();
    assert_eq!(issued.len(), 1, "{seen:?}");
    let number = &issued[0].number;
    assert!(
        seen.notice.contains(&format!("Issued {number}.")),
        "{seen:?}"
    );
    assert!(seen.issued_heading.contains(number.as_str()), "{seen:?}");
    assert!(seen.list.contains(number.as_str()), "{seen:?}");
    assert_eq!(seen.preview_total, issued[0].total.to_string());
    let (_, statement) = store.issued_statement(number).unwrap();
    let again = store.statement("HE", statement.from, statement.to).unwrap();
    assert_eq!(again.total, statement.total);
    // The PDF went where documents go, and shows the number and the total.
    let pdf = saved_dir(&db).join(format!("Statement {}.pdf", number.replace('/', "-")));
    assert!(seen.printed.contains("Saved to"), "{seen:?}");
    let text = pdf_extract::extract_text_from_mem(&std::fs::read(&pdf).unwrap()).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(&format!("Statement {number}")), "{text}");
    assert!(
        text.contains(&format!("Total {}", statement.total)),
        "{text}"
    );
    // The payment: refused at its field, then recorded, and the debt is what is left.
    assert!(
        seen.payment_refused
            .contains("has more than two decimal places"),
        "{seen:?}"
    );
    let owed = statement.total - panel_core::Money::from_pence(10_000);
    assert!(
        seen.payment_notice
            .contains(&format!("{owed} is still owed on {number}")),
        "{seen:?}"
    );
    // Beside the spend, Health's contribution for the year, as the statement holds it.
    let pool = &statement.pool[statement.pool.len() - 1];
    assert!(
        seen.statement_pool.contains(&pool.contribution.to_string())
            && seen.statement_pool.contains(&pool.spend.to_string()),
        "{seen:?}"
    );
    assert!(
        text.contains("The pooled budget") && text.contains(&pool.spend.to_string()),
        "{text}"
    );
    // Education's call and receipt, as the store has them.
    assert!(
        seen.call_refused
            .contains("would call more than Education (High Needs Block)'s contribution"),
        "{seen:?}"
    );
    assert!(seen.contribution_notice.contains("£40,000.00"), "{seen:?}");
    let ed = store
        .pool_position(panel_core::FinancialYear::containing(today), today)
        .unwrap()
        .into_iter()
        .find(|p| p.partner == "ED")
        .unwrap();
    assert_eq!(ed.called, panel_core::Money::from_pounds(100_000));
    assert_eq!(ed.received, panel_core::Money::from_pounds(40_000));
    assert!(seen.contributions.contains("£100,000.00"), "{seen:?}");
    let entries = store.pool_entries(None).unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].reference, "INV ED 1");
    let paid = store.payments(number).unwrap();
    assert_eq!(paid.len(), 1);
    assert_eq!(paid[0].reference, "BACS 42");
    assert!(seen.debts.contains(&owed.to_string()), "{seen:?}");
    // The debts saved for a ledger: Health owes what is left, in its first age band.
    let csv = std::fs::read_to_string(saved_dir(&db).join(format!("Debts {today}.csv"))).unwrap();
    let he = csv
        .lines()
        .find(|l| l.contains(",HE,undisputed,"))
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        he,
        format!(
            "{today},HE,undisputed,{},0.00,0.00,0.00,{}",
            owed.to_plain(),
            owed.to_plain()
        ),
        "{csv}"
    );
}

#[derive(Debug, Default)]
struct DisputeRun {
    refused: String,
    line_after: String,
    register: String,
    brought: String,
    withdrawn: String,
    debts: String,
}

async fn run_disputes(driver: &WebDriver, number: &str) -> WebDriverResult<DisputeRun> {
    let mut seen = DisputeRun::default();
    button(driver, "Statements").await?.click().await?;
    button(driver, number).await?.click().await?;
    wait_text(driver, "#statement-heading", number).await?;
    // Line 2 disputed for "Other" with nothing said: refused at the note.
    wait_for(
        driver,
        "[data-testid='statement-lines'] tr[data-line='2'] button[data-action='dispute']",
    )
    .await?
    .click()
    .await?;
    let form = "form[data-form='dispute']";
    choose(driver, form, "reason", "Other").await?;
    confirm_button(driver, "Record the dispute").await?;
    seen.refused = wait_for(driver, &format!("{form} .field-error .error-message"))
        .await?
        .text()
        .await?;
    fill(driver, form, "note", "The fee was never agreed").await?;
    confirm_button(driver, "Record the dispute").await?;
    seen.line_after = wait_text(
        driver,
        "[data-testid='statement-lines'] tr[data-line='2']",
        "DSP/",
    )
    .await?;
    // Line 3's split disputed too.
    wait_for(
        driver,
        "[data-testid='statement-lines'] tr[data-line='3'] button[data-action='dispute']",
    )
    .await?
    .click()
    .await?;
    choose(
        driver,
        form,
        "scope",
        "The placement's split (every line of it stated to the partner)",
    )
    .await?;
    choose(driver, form, "reason", "The split").await?;
    confirm_button(driver, "Record the dispute").await?;
    wait_text(
        driver,
        "[data-testid='statement-lines'] tr[data-line='3']",
        "DSP/",
    )
    .await?;
    seen.register = wait_text(driver, "[data-testid='disputes']", "/002").await?;
    screenshot(driver, "disputes.png").await?;
    // The first brought to the next meeting, the second withdrawn.
    wait_for(
        driver,
        "tr[data-dispute$='/001'] button[data-action='bring']",
    )
    .await?
    .click()
    .await?;
    button(driver, "Put it on the agenda")
        .await?
        .click()
        .await?;
    seen.brought = wait_text(driver, "[data-testid='dispute-notice']", "agenda").await?;
    driver
        .query(By::XPath(
            "//tr[contains(@data-dispute, '/002')]//button[normalize-space(.)='Withdraw']",
        ))
        .first()
        .await?
        .click()
        .await?;
    fill(
        driver,
        "form[data-form='dispute-action']",
        "closing_note",
        "Split confirmed",
    )
    .await?;
    confirm_button(driver, "Withdraw the dispute").await?;
    seen.withdrawn = wait_text(driver, "[data-testid='dispute-notice']", "Withdrew").await?;
    seen.debts = wait_text(
        driver,
        "[data-testid='debts'] tr[data-partner='HE']",
        "disputed",
    )
    .await?;
    driver
        .execute(
            "document.querySelector('#disputes-heading').scrollIntoView();",
            vec![],
        )
        .await?;
    screenshot(driver, "disputes-register.png").await?;
    print(
        driver,
        "disputes-papers",
        "Save CSV of the disputes",
        "Saved to",
    )
    .await?;
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_partner_disputes_lines_of_its_statement_and_the_register_follows_them() {
    use chrono::Datelike;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.sqlite3");
    let today = chrono::Local::now().date_naive();
    let mut store = open_db(&db);
    store.import(&panel_core::demo::demo(today)).unwrap();
    let first = today.with_day(1).unwrap();
    let from = first - chrono::Months::new(1);
    let to = first - chrono::Duration::days(1);
    let (issued, statement) = store.issue_statement("HE", from, to, today).unwrap();
    drop(store);
    let number = issued.number.clone();
    let seen = drive(&db, |d| async move { run_disputes(&d, &number).await })
        .await
        .unwrap();
    assert!(
        seen.refused.contains("Say what the partner disputes"),
        "{seen:?}"
    );
    let store = open_db(&db);
    let register = store.disputes(today).unwrap();
    assert_eq!(register.len(), 2, "{seen:?}");
    let (one, two) = (&register[0], &register[1]);
    assert_eq!(one.line, 2);
    assert_eq!(one.amount, statement.lines[1].amount);
    assert_eq!(one.note, "The fee was never agreed");
    assert!(seen.line_after.contains(&one.number), "{seen:?}");
    assert!(seen.register.contains(&two.number), "{seen:?}");
    // The first is on the next meeting's agenda as a dispute item; the second withdrawn.
    let (meeting, _) = one.meeting.unwrap();
    let item = store
        .agenda(meeting)
        .unwrap()
        .into_iter()
        .find(|a| a.kind == panel_core::model::ItemKind::Dispute)
        .unwrap();
    assert!(item.title.contains(&one.number), "{}", item.title);
    assert!(seen.brought.contains(&one.number), "{seen:?}");
    assert_eq!(two.status, panel_core::model::DisputeStatus::Withdrawn);
    assert_eq!(two.closing_note, "Split confirmed");
    assert!(seen.withdrawn.contains(&two.number), "{seen:?}");
    // What the open one holds is shown as disputed in the debts.
    assert!(
        seen.debts.contains(&format!("{} disputed", one.amount)),
        "{seen:?}"
    );
    let csv =
        std::fs::read_to_string(saved_dir(&db).join(format!("Disputes {today}.csv"))).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(
        csv.contains(&one.number) && csv.contains("withdrawn"),
        "{csv}"
    );
}
