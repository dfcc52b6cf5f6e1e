//! A later split asks its partner for assent, and a decision is corrected at a later meeting.

use crate::*;

/// A case whose placement Health pays nothing of at first and 30% from 01/03/2031, a quorate
/// meeting on 16/01/2031 with an item about it, and a quorate one on 13/02/2031 with another.
fn seed_future_split(db: &Path) {
    use panel_core::model::ItemKind;
    let mut store = seed::example_with_agreement(db);
    let case = seed::case(
        &mut store,
        "CN-0300",
        "R.T.",
        "04/03/2015",
        "Complex health needs",
    );
    seed::weekly_placement(
        &mut store,
        case,
        "Oakfield Grange",
        "01/02/2031",
        "7000",
        &[
            ("01/02/2031", ["50", "50", "0"]),
            ("01/03/2031", ["35", "35", "30"]),
        ],
    );
    for (date, kind, title) in [
        ("16/01/2031", ItemKind::NewReferral, "Residential placement"),
        (
            "13/02/2031",
            ItemKind::Change,
            "Correction of the decision of January",
        ),
    ] {
        let meeting = seed::meeting_with_members(&mut store, date, "present");
        seed::item(&mut store, meeting, kind, "CN-0300", title, 15);
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
    // Social care and education agree; health pays nothing today and is not asked.
    write_decision_text(
        driver,
        "Approve the placement from 01/02/2031.",
        "Needs cannot be met at home.",
        "Foster care: no carer available.",
        2,
    )
    .await?;
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
