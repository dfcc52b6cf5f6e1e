//! The meetings screen: a meeting created, its attendance and quorum; the first start offering the demo.

use crate::*;

/// What the meeting test saw, asserted after the session is closed.
#[derive(Debug, Default)]
struct MeetingRun {
    bad_date_error: String,
    heading: String,
    quorum_before: String,
    quorum_after_three: String,
    quorum_after_apologies: String,
    offer: String,
    agenda_after_offer: String,
    agenda_reordered: String,
    offers_left: usize,
    change_form_focus: String,
    change_refused: String,
    agenda_changed: String,
    time_refused: String,
    lede_after_change: String,
    agenda_after_time: String,
}

async fn run_meeting(driver: &WebDriver) -> WebDriverResult<MeetingRun> {
    let mut seen = MeetingRun::default();
    button(driver, "New meeting").await?.click().await?;
    let form = "form[data-form='meeting']";
    // A date that does not exist is refused at its field.
    fill(driver, form, "date", "31/02/2030").await?;
    fill(driver, form, "starts_at", "9.30").await?;
    fill(driver, form, "chair", "Helen Ward").await?;
    fill(driver, form, "venue", "Committee Room 2, County Hall").await?;
    button(driver, "Create meeting").await?.click().await?;
    seen.bad_date_error = wait_for(driver, ".field-error .error-message")
        .await?
        .text()
        .await?;
    // Oakfield House started 15/01/2023: a six-monthly review falls on 15/01/2031.
    fill(driver, form, "date", "16/01/2031").await?;
    button(driver, "Create meeting").await?.click().await?;
    seen.heading = wait_for(driver, "#meeting-heading").await?.text().await?;
    seen.quorum_before = wait_for(driver, "[data-testid='quorum']")
        .await?
        .text()
        .await?;
    let form = "form[data-form='attendee']";
    for (name, agency, partner) in [
        ("Helen Ward", "Children's Services", "Social care"),
        ("Marcus Bell", "Education (SEND)", "Education"),
        ("Dr Priya Nair", "Health (ICB)", "Health"),
    ] {
        fill(driver, form, "name", name).await?;
        fill(driver, form, "agency", agency).await?;
        choose(driver, form, "represents", partner).await?;
        button(driver, "Add").await?.click().await?;
        wait_text(driver, "[data-testid='attendance']", name).await?;
    }
    seen.quorum_after_three = wait_text(driver, "[data-testid='quorum']", "Quorate").await?;
    screenshot(driver, "meeting-attendance.png").await?;
    let health = wait_for(driver, "select[aria-label='Attendance of Dr Priya Nair']").await?;
    health
        .find(By::XPath(".//option[@value='apologies']"))
        .await?
        .click()
        .await?;
    seen.quorum_after_apologies =
        wait_text(driver, "[data-testid='quorum']", "Not quorate").await?;
    screenshot(driver, "meeting-inquorate.png").await?;

    // The agenda is offered the review that falls due, and takes it with one action.
    seen.offer = wait_for(driver, "[data-testid='offers'] li")
        .await?
        .text()
        .await?;
    button(driver, "Add to agenda: CN-0001")
        .await?
        .click()
        .await?;
    seen.agenda_after_offer = wait_text(driver, "[data-testid='agenda']", "Oakfield House").await?;
    seen.offers_left = driver
        .find_all(By::Css("[data-testid='offers'] li"))
        .await?
        .len();
    let form = "form[data-form='agenda-item']";
    choose(driver, form, "kind", "Information").await?;
    fill(driver, form, "title", "Pooled budget monitoring").await?;
    fill(driver, form, "minutes", "10").await?;
    button(driver, "Add item").await?.click().await?;
    wait_text(driver, "[data-testid='agenda']", "Pooled budget monitoring").await?;
    button(driver, "Up: item 2").await?.click().await?;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let first = wait_for(driver, "[data-testid='agenda'] tbody tr")
            .await?
            .text()
            .await?;
        if first.contains("Pooled budget monitoring") || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    seen.agenda_reordered = wait_for(driver, "[data-testid='agenda']")
        .await?
        .text()
        .await?;
    screenshot(driver, "agenda.png").await?;

    // The review item changed: its form opens below with focus on its first field; a length
    // out of range is refused at its field; then the presenter and length are saved.
    button(driver, "Change: item 2").await?.click().await?;
    wait_text(driver, "#item-form-heading", "Change item 2").await?;
    seen.change_form_focus = wait_focus_where(
        driver,
        async |el| Ok(el.attr("name").await?.unwrap_or_default()),
        |now| now == "kind",
    )
    .await?;
    let form = "form[data-form='agenda-item']";
    fill(driver, form, "presenter", "A. Shah").await?;
    fill(driver, form, "minutes", "600").await?;
    button(driver, "Save changes").await?.click().await?;
    seen.change_refused = wait_for(driver, &format!("{form} .field-error .error-message"))
        .await?
        .text()
        .await?;
    fill(driver, form, "minutes", "25").await?;
    button(driver, "Save changes").await?.click().await?;
    seen.agenda_changed = wait_text(driver, "[data-testid='agenda']", "A. Shah").await?;
    screenshot(driver, "agenda-changed.png").await?;

    // The meeting's start time changed: a time that is not one is refused at its field, then
    // the agenda's clock times follow the new start.
    button(driver, "Change details").await?.click().await?;
    let form = "form[data-form='meeting']";
    fill(driver, form, "starts_at", "25:00").await?;
    button(driver, "Save changes").await?.click().await?;
    seen.time_refused = wait_for(driver, &format!("{form} .field-error .error-message"))
        .await?
        .text()
        .await?;
    screenshot(driver, "meeting-details.png").await?;
    fill(driver, form, "starts_at", "14:00").await?;
    button(driver, "Save changes").await?.click().await?;
    seen.lede_after_change = wait_text(driver, ".lede", "Starts 14:00").await?;
    seen.agenda_after_time = wait_text(driver, "[data-testid='agenda']", "14:10–14:35").await?;
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn create_a_meeting_and_record_a_quorate_attendance() {
    let dir = tempfile::tempdir().unwrap();
    let db = example_db(&dir);
    let seen = drive(&db, |d| async move { run_meeting(&d).await })
        .await
        .expect("the app did not behave as a person would expect");

    assert!(
        seen.bad_date_error.contains("\"31/02/2030\" is not a date"),
        "{seen:?}"
    );
    assert_eq!(seen.heading, "Panel meeting, Thursday 16 January 2031");
    assert!(seen.quorum_before.starts_with("Not quorate"), "{seen:?}");
    assert!(seen.quorum_after_three.starts_with("Quorate"), "{seen:?}");
    assert!(
        seen.quorum_after_apologies.starts_with("Not quorate")
            && seen.quorum_after_apologies.contains("Health"),
        "{seen:?}"
    );

    // What the screen showed is what was stored: one meeting (the refused date left nothing).
    let store = open_db(&db);
    let meetings = store.meetings().unwrap();
    assert_eq!(meetings.len(), 1);
    assert_eq!(meetings[0].date.to_string(), "2031-01-16");
    let detail = store.meeting(meetings[0].id).unwrap();
    let attendance: Vec<(String, String)> = detail
        .attendees
        .iter()
        .map(|(_, a)| (a.name.clone(), a.attendance.code().to_string()))
        .collect();
    assert_eq!(
        attendance,
        [
            ("Helen Ward".into(), "present".into()),
            ("Marcus Bell".into(), "present".into()),
            ("Dr Priya Nair".into(), "apologies".into())
        ]
    );
    assert!(!detail.quorum.quorate);
    // The agenda: the review offered (the first, of 15/07/2023, never held, so overdue and
    // still offered: rule 11), then the information item moved above it.
    assert!(
        seen.offer.contains("Review due 15/07/2023")
            && seen.offer.contains("CN-0001 (A.B.), Oakfield House"),
        "{seen:?}"
    );
    assert!(
        seen.agenda_after_offer
            .contains("Review of placement at Oakfield House"),
        "{seen:?}"
    );
    // The review on the agenda is not offered again; what is left is the placement's spend
    // with no decision, an exception the panel must take up as a change.
    assert_eq!(
        seen.offers_left, 1,
        "an item on the agenda is not offered again"
    );
    let agenda: Vec<(String, Option<String>, u32)> = store
        .agenda(meetings[0].id)
        .unwrap()
        .into_iter()
        .map(|i| (i.kind.code().to_string(), i.case.map(|c| c.0), i.minutes))
        .collect();
    assert_eq!(
        agenda,
        [
            ("information".into(), None, 10),
            ("review".into(), Some("CN-0001".into()), 25)
        ]
    );
    // The change: its form focused, the bad length refused at its field, then saved.
    assert_eq!(seen.change_form_focus, "kind", "{seen:?}");
    assert!(seen.change_refused.contains("minutes"), "{seen:?}");
    assert!(
        seen.agenda_changed.contains("09:40–10:05 (25 min)"),
        "{seen:?}"
    );
    assert!(
        seen.time_refused
            .starts_with("Start time: \"25:00\" is not a time"),
        "{seen:?}"
    );
    assert!(seen.lede_after_change.contains("Starts 14:00"), "{seen:?}");
    assert!(seen.agenda_after_time.contains("14:00–14:10"), "{seen:?}");
    assert_eq!(
        store.meeting(meetings[0].id).unwrap().summary.starts_at,
        chrono::NaiveTime::from_hms_opt(14, 0, 0)
    );
    assert_eq!(
        store.agenda(meetings[0].id).unwrap()[1].presenter,
        "A. Shah"
    );
    let first_row = seen
        .agenda_reordered
        .find("Pooled budget monitoring")
        .unwrap();
    assert!(
        first_row < seen.agenda_reordered.find("Oakfield House").unwrap(),
        "{seen:?}"
    );
    let actor: String = store
        .connection()
        .query_row(
            "SELECT actor FROM audit_log WHERE table_name = 'meetings' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(actor, "E2E Tester");
}

async fn run_first_start(driver: &WebDriver) -> WebDriverResult<(String, usize)> {
    let welcome = wait_for(driver, "#welcome-heading").await?.text().await?;
    button(driver, "Load demo data").await?.click().await?;
    let rows = driver
        .query(By::Css("a[data-meeting-date]"))
        .wait(Duration::from_secs(20), Duration::from_millis(100))
        .all_from_selector_required()
        .await?;
    screenshot(driver, "meetings.png").await?;
    Ok((welcome, rows.len()))
}

#[tokio::test(flavor = "multi_thread")]
async fn first_start_offers_the_demo_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new/panel.sqlite3");
    let (welcome, meetings) = drive(&db, |d| async move { run_first_start(&d).await })
        .await
        .expect("first start did not offer the demo");
    assert_eq!(welcome, "Welcome to Complex Needs Panel");
    // A meeting every month since the first child was placed, and the next one.
    let store = open_db(&db);
    assert_eq!(meetings, store.meetings().unwrap().len());
    assert!(meetings > 12, "{meetings} meetings");
    assert!(store.export().unwrap().cases.len() > 50);
}
