//! A placement entered with its costs and split, and a decision finalised only at a quorate meeting.

use crate::*;

/// The example, a 2030/31 agreement, a new case CN-0200 and a meeting on 16/01/2031 at which
/// health sent apologies, with an item about the case. Returns the meeting's id.
fn seed_meeting(db: &Path) -> i64 {
    let mut store = seed::example_with_agreement(db);
    seed::case(
        &mut store,
        "CN-0200",
        "J.K.",
        "",
        "Autism; attachment needs",
    );
    let meeting = seed::meeting_with_members(&mut store, "16/01/2031", "apologies");
    seed::item(
        &mut store,
        meeting,
        panel_core::model::ItemKind::NewReferral,
        "CN-0200",
        "Residential school placement",
        20,
    );
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
    impact: String,
    final_impact: String,
    table_refused: String,
    tables: String,
    assessment: String,
    indicative: String,
    final_indicative: String,
}

/// This financial year, whose table an assessment made today uses.
fn this_year() -> String {
    panel_core::year::FinancialYear::containing(chrono::Local::now().date_naive()).to_string()
}

async fn cell(driver: &WebDriver, form: &str, name: &str, value: &str) -> WebDriverResult<()> {
    fill(driver, form, name, value).await
}

async fn run_decision(driver: &WebDriver, db: &Path) -> WebDriverResult<DecisionRun> {
    let mut seen = DecisionRun::default();
    // This year's resource allocation table, on the settings screen: a level worth too much is
    // refused at its cell, then the table is saved.
    button(driver, "Settings").await?.click().await?;
    let table = "form[data-form='allocation']";
    fill(driver, table, "year", &this_year()).await?;
    fill(driver, table, "per_point", "25.00").await?;
    fill(driver, table, "areas.0.name", "Personal care").await?;
    fill(driver, table, "areas.0.levels.1.name", "High").await?;
    fill(driver, table, "areas.0.levels.1.points", "1200").await?;
    button(driver, "Save table").await?.click().await?;
    seen.table_refused = wait_for(driver, &format!("{table} .cell-error .error-message"))
        .await?
        .text()
        .await?;
    fill(driver, table, "areas.0.levels.1.points", "120").await?;
    button(driver, "Save table").await?.click().await?;
    seen.tables = wait_text(driver, "[data-testid='allocation-tables']", "Personal care").await?;
    screenshot(driver, "allocation-table.png").await?;
    // The case, from the case list.
    button(driver, "Cases").await?.click().await?;
    fill(driver, "main", "filter", "CN-0200").await?;
    wait_for(driver, "[data-testid='cases'] a")
        .await?
        .click()
        .await?;
    // The child is assessed today against this year's table.
    button(driver, "Record an assessment")
        .await?
        .click()
        .await?;
    let assess = "form[data-form='assessment']";
    choose(driver, assess, "scores.0", "High (120)").await?;
    wait_text(driver, "[data-testid='assessment-total']", "£3000.00").await?;
    button(driver, "Record assessment").await?.click().await?;
    seen.assessment = wait_text(driver, "[data-testid='assessment-list']", "£3,000.00").await?;
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
    // Nothing typed in the split: a new placement's first split is the pooled budget
    // agreement's ratios for the year it starts in, as soon as its start date is known.
    seen.split_total = wait_text(driver, "[data-testid='split-total-0']", "100.00%").await?;
    // The preview of the form as it now stands (not of one typed on the way).
    seen.preview_full_year = wait_text(
        driver,
        "aside[data-preview-current='true'] [data-figure='full-year']",
        "£",
    )
    .await?;
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
    open_item(driver, "2031-01-16").await?;
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
    seen.impact = wait_text(driver, "[data-testid='impact']", "2031/32").await?;
    seen.indicative = wait_text(driver, "[data-testid='indicative']", "Package requested").await?;
    driver
        .execute(
            "document.getElementById('impact-heading').scrollIntoView()",
            vec![],
        )
        .await?;
    screenshot(driver, "decision-impact.png").await?;
    seen.audit_before_refusal = open_db(db).audit_count().unwrap();
    button(driver, "Finalise decision").await?.click().await?;
    confirm_dialog(driver).await?;
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
    confirm_dialog(driver).await?;
    seen.number_shown = wait_for(driver, "[data-testid='decision-number']")
        .await?
        .text()
        .await?;
    screenshot(driver, "decision-final.png").await?;
    wait_for(driver, "[data-testid='final-impact'] summary")
        .await?
        .click()
        .await?;
    seen.final_impact = wait_text(driver, "[data-testid='final-impact']", "2031/32").await?;
    seen.final_indicative = wait_text(
        driver,
        "[data-testid='final-indicative']",
        "Package requested",
    )
    .await?;

    // A correction: an amending decision that names the final one, numbered after it.
    button(driver, "Amend CNP/30-31/0001")
        .await?
        .click()
        .await?;
    confirm_dialog(driver).await?;
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
    confirm_dialog(driver).await?;
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
    assert_eq!(p.cost_lines[0].description, "Residential fee");
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
    // The chair saw what the decision does to the pool before finalising it; the same figures
    // are kept with it, and shown once it is final.
    let id = store.decision_by_number("CNP/30-31/0001").unwrap();
    let kept = store.decision_impact(id).unwrap();
    assert_eq!(kept.len(), 2, "{seen:?}");
    for y in &kept {
        for shown in [&seen.impact, &seen.final_impact] {
            assert!(shown.contains(&y.words()), "{}: {shown}", y.words());
            assert!(shown.contains(&y.spend_after().to_string()), "{shown}");
        }
    }
    assert_eq!(seen.number_shown, "CNP/30-31/0001");
    // The indicative budget: the table refused at its cell, then saved; the assessment of
    // 120 points at £25.00; beside the package of £5,550.00 a week before and after
    // finalising, as kept.
    assert!(
        seen.table_refused
            .contains("is not a whole number of points from 0 to 1000"),
        "{seen:?}"
    );
    assert!(
        seen.tables.contains("Personal care: None 0 · High 120"),
        "{seen:?}"
    );
    assert!(
        seen.assessment.contains("Personal care: High (120)"),
        "{seen:?}"
    );
    let indicative = store.decision_indicative(id).unwrap().unwrap();
    assert_eq!(indicative.budget.to_string(), "£3,000.00");
    assert_eq!(indicative.package.to_string(), "£5,550.00");
    for shown in [&seen.indicative, &seen.final_indicative] {
        assert!(
            shown.contains("£2,550.00 a week above the indicative budget"),
            "{shown}"
        );
        assert!(shown.contains("£3,000.00 a week"), "{shown}");
    }
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
