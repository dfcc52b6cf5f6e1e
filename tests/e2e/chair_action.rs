//! A chair's action: numbered in sequence and brought to the next meeting for ratification.

use crate::*;

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
    confirm_dialog(driver).await?;
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
    confirm_dialog(driver).await?;
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
    // What is left is the overdue review of the other case, offered until it is held, and
    // its spend with no decision, an exception the panel must take up.
    assert_eq!(seen.offers_left, 2, "{seen:?}");
    assert!(seen.offer.contains("Review due 15/07/2023"), "{seen:?}");
    assert!(
        seen.offer
            .contains("Spend with no decision — CN-0001 (A.B.), Oakfield House from 15/01/2023"),
        "{seen:?}"
    );
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
