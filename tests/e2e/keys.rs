//! The chair's pace: a standard decision by keys alone, counted from the meetings list, and a
//! refused finalisation that keeps the form and what was typed into it.

use crate::*;

/// Two cases with a placement each, split by the 2030/31 agreement, and a quorate meeting on
/// 16/01/2031 with an item about each.
fn seed_quorate_meeting(db: &Path) -> i64 {
    use panel_core::model::ItemKind;
    let mut store = seed::example_with_agreement(db);
    for (reference, initials, provider) in [
        ("CN-0400", "A.B.", "Brook Lodge School"),
        ("CN-0401", "C.D.", "Elm House"),
    ] {
        let case = seed::case(&mut store, reference, initials, "", "Autism");
        seed::weekly_placement(
            &mut store,
            case,
            provider,
            "01/02/2031",
            "5200",
            &[("01/02/2031", ["34", "33", "33"])],
        );
    }
    let meeting = seed::meeting_with_members(&mut store, "16/01/2031", "present");
    for (reference, title) in [
        ("CN-0400", "Residential school placement"),
        ("CN-0401", "Residential placement"),
    ] {
        seed::item(
            &mut store,
            meeting,
            ItemKind::NewReferral,
            reference,
            title,
            20,
        );
    }
    meeting
}

/// A person at the keyboard: each key, chord or typed field is one action, sent to whatever
/// has focus (as a person's keys are), and counted.
struct Keyboard<'a> {
    driver: &'a WebDriver,
    actions: usize,
}

impl Keyboard<'_> {
    async fn press(&mut self, key: Key) -> WebDriverResult<()> {
        let key: char = key.into();
        self.actions += 1;
        self.driver
            .action_chain()
            .key_down(key)
            .key_up(key)
            .perform()
            .await
    }

    /// A letter or symbol pressed as a key (not typed into a field).
    async fn letter(&mut self, c: char) -> WebDriverResult<()> {
        self.actions += 1;
        self.driver
            .action_chain()
            .key_down(c)
            .key_up(c)
            .perform()
            .await
    }

    /// `modifier` held while `c` is pressed.
    async fn chord(&mut self, modifier: Key, c: impl Into<char>) -> WebDriverResult<()> {
        let (modifier, c): (char, char) = (modifier.into(), c.into());
        self.actions += 1;
        self.driver
            .action_chain()
            .key_down(modifier)
            .key_down(c)
            .key_up(c)
            .key_up(modifier)
            .perform()
            .await
    }

    /// Text typed into the field that has focus.
    async fn type_text(&mut self, text: &str) -> WebDriverResult<()> {
        self.actions += 1;
        self.driver.action_chain().send_keys(text).perform().await
    }
}

/// The `name` of the element with focus, or its text when it has none, once it holds
/// `expected` (or whatever it is after 15 s: focus moves as the screen's effects run).
async fn focused(driver: &WebDriver, expected: &str) -> WebDriverResult<String> {
    wait_focus_where(
        driver,
        async |el| match el.attr("name").await? {
            Some(n) => Ok(n),
            None => el.text().await,
        },
        |now| now.contains(expected),
    )
    .await
}

#[derive(Debug, Default)]
struct KeysRun {
    at_start: String,
    after_d: String,
    actions_for_first: usize,
    first_number: String,
    focus_after_final: String,
    help: String,
    after_refusal: String,
    refusal: String,
    second_number: String,
    second_problems: Option<String>,
}

async fn run_keys(driver: &WebDriver) -> WebDriverResult<KeysRun> {
    let mut seen = KeysRun::default();
    // The meetings list opens with focus on the next meeting.
    wait_for(driver, "a[data-meeting-date='2031-01-16']").await?;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        seen.at_start = driver
            .execute(
                "const a = document.activeElement; return a ? a.outerHTML.slice(0, 160) : '';",
                vec![],
            )
            .await?
            .convert()?;
        if seen.at_start.contains("2031-01-16") || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut keys = Keyboard { driver, actions: 0 };

    // Approved as presented: open the meeting, skip to the agenda, open the item, go to the
    // decision, write it, every partner present agrees, finalise and confirm.
    keys.press(Key::Enter).await?;
    wait_for(driver, "#meeting-heading").await?;
    keys.press(Key::Tab).await?;
    keys.press(Key::Enter).await?;
    keys.press(Key::Enter).await?;
    wait_for(driver, "form[data-form='decision']").await?;
    keys.letter('d').await?;
    seen.after_d = focused(driver, "paragraphs.0").await?;
    keys.type_text("Approve the residential school placement at Brook Lodge School from 01/02/2031, split 34% social care, 33% education, 33% health.")
        .await?;
    keys.press(Key::Tab).await?;
    keys.press(Key::Tab).await?;
    keys.type_text("Needs cannot be met in a local day school.")
        .await?;
    keys.press(Key::Tab).await?;
    keys.type_text("None").await?;
    keys.chord(Key::Alt, 'a').await?;
    keys.chord(Key::Control, Key::Enter).await?;
    wait_for(driver, "dialog[open] [data-confirm]").await?;
    keys.press(Key::Enter).await?;
    seen.first_number = wait_for(driver, "[data-testid='decision-number']")
        .await?
        .text()
        .await?;
    seen.actions_for_first = keys.actions;
    // Focus is on what just happened: the message that the decision is final.
    tokio::time::sleep(Duration::from_millis(300)).await;
    seen.focus_after_final = focused(driver, "is final").await?;
    screenshot(driver, "keys-final.png").await?;

    // The help overlay, and Escape closes it.
    keys.letter('?').await?;
    seen.help = wait_text(driver, "dialog[open][data-testid='shortcuts']", "Ctrl").await?;
    screenshot(driver, "keys-help.png").await?;
    keys.press(Key::Escape).await?;

    // The next item: the assents forgotten, so finalising is refused; the form goes on
    // holding the saved draft and everything typed, and focus goes to the first assent.
    keys.letter('n').await?;
    wait_text(driver, "#item-heading", "CN-0401").await?;
    wait_for(driver, "form[data-form='decision']").await?;
    keys.letter('d').await?;
    keys.type_text("Approve the placement at Elm House from 01/02/2031.")
        .await?;
    keys.press(Key::Tab).await?;
    keys.press(Key::Tab).await?;
    keys.type_text("Needs are best met close to home.").await?;
    keys.press(Key::Tab).await?;
    keys.type_text("None").await?;
    keys.chord(Key::Control, Key::Enter).await?;
    wait_for(driver, "dialog[open] [data-confirm]").await?;
    keys.press(Key::Enter).await?;
    seen.refusal = wait_text(driver, "[data-testid='decision-problems']", "agrees").await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    seen.after_refusal = focused(driver, "assents.0").await?;
    screenshot(driver, "keys-refused.png").await?;
    // Agrees by its letter on the first partner, then everyone present.
    keys.letter('a').await?;
    keys.chord(Key::Alt, 'a').await?;
    keys.chord(Key::Control, Key::Enter).await?;
    wait_for(driver, "dialog[open] [data-confirm]").await?;
    keys.press(Key::Enter).await?;
    seen.second_number = wait_text(driver, "[data-testid='decision-number']", "CNP/").await?;
    seen.second_problems = match driver
        .find(By::Css("[data-testid='decision-problems']"))
        .await
    {
        Ok(p) => Some(p.text().await?),
        Err(_) => None,
    };
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_standard_decision_takes_at_most_fifteen_keys_and_a_refusal_keeps_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.sqlite3");
    let meeting = seed_quorate_meeting(&db);
    let seen = drive(&db, |d| async move { run_keys(&d).await })
        .await
        .expect("the app did not behave as a person would expect");

    assert!(
        seen.at_start.contains("data-meeting-date=\"2031-01-16\""),
        "{seen:?}"
    );
    assert_eq!(seen.after_d, "paragraphs.0", "{seen:?}");
    assert!(seen.actions_for_first <= 15, "{seen:?}");
    assert_eq!(seen.first_number, "CNP/30-31/0001", "{seen:?}");
    assert!(seen.focus_after_final.contains("is final"), "{seen:?}");
    assert!(
        seen.help.contains("Every partner present agrees"),
        "{seen:?}"
    );
    assert!(seen.refusal.contains("Record whether"), "{seen:?}");
    assert_eq!(seen.after_refusal, "assents.0", "{seen:?}");
    assert_eq!(seen.second_number, "CNP/30-31/0002", "{seen:?}");
    assert_eq!(seen.second_problems, None, "{seen:?}");

    let store = open_db(&db);
    let items = store.agenda(meeting).unwrap();
    for (item, paragraph) in [
        (items[0].id, "Brook Lodge School"),
        (items[1].id, "Elm House"),
    ] {
        // One decision per item (the refused finalisation's draft became the final one), as
        // typed, with every partner agreeing.
        let decisions = store.item_decisions(item).unwrap();
        assert_eq!(decisions.len(), 1, "{seen:?}");
        let d = &decisions[0];
        assert_eq!(d.status.code(), "final");
        assert!(d.content.paragraphs[0].contains(paragraph), "{d:?}");
        assert_eq!(d.content.alternatives, "None");
        assert!(
            d.content
                .assents
                .iter()
                .all(|a| a.map(|a| a.code()) == Some("agree")),
            "{d:?}"
        );
    }
}
