//! The meeting's papers printed, the records exported, and a year's figures exported.

use crate::*;

#[derive(Debug, Default)]
struct PapersRun {
    minutes: String,
    agenda: String,
    export: String,
    record: String,
    redacted: String,
    case_record: String,
    year: String,
}

async fn run_papers(
    driver: &WebDriver,
    meeting: &str,
    reference: &str,
    year: &str,
) -> WebDriverResult<PapersRun> {
    let mut seen = PapersRun::default();
    button(driver, "Meetings").await?.click().await?;
    wait_for(driver, &format!("a[data-meeting-date='{meeting}']"))
        .await?
        .click()
        .await?;
    let papers = "meeting-papers";
    seen.minutes = print(driver, papers, "Print draft minutes", "Saved to").await?;
    seen.agenda = print(driver, papers, "Print agenda pack", "Agenda pack").await?;
    seen.export = print(driver, papers, "Export all records", "exported to").await?;
    screenshot(driver, "meeting-papers.png").await?;

    // A decision's record from its item.
    wait_for(driver, "a[href^='#item-']").await?.click().await?;
    let record = "record-buttons";
    seen.record = print(driver, record, "Print record", "Record").await?;
    seen.redacted = print(driver, record, "Print redacted record", "published").await?;
    screenshot(driver, "item-record.png").await?;

    // The same from the case's history.
    button(driver, "Cases").await?.click().await?;
    fill(driver, "main", "filter", reference).await?;
    wait_for(driver, "[data-testid='cases'] a")
        .await?
        .click()
        .await?;
    seen.case_record = print(driver, record, "Record", "Record").await?;

    // Every record of the year.
    button(driver, "Meetings").await?.click().await?;
    choose(driver, "main", "records-year", year).await?;
    seen.year = print(driver, "year-records", "Export all records", "exported to").await?;
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn print_a_meetings_papers_and_records_and_export_a_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.sqlite3");
    let today = chrono::Local::now().date_naive();
    // The demo's latest meeting with a final decision, its first item's decision and case.
    let (meeting, meeting_records, number, reference, initials, year, year_records) = {
        let mut store = open_db(&db);
        store.import(&panel_core::demo::demo(today)).unwrap();
        let (m, first) = store
            .meetings()
            .unwrap()
            .into_iter()
            .find_map(|m| {
                let item = store.agenda(m.id).unwrap().into_iter().next()?;
                let d = store.item_decisions(item.id).unwrap().into_iter().next()?;
                d.number.as_ref()?;
                Some((m, d))
            })
            .unwrap();
        let case = store.case(first.case_id).unwrap();
        let year = panel_core::FinancialYear::containing(first.decided_on);
        (
            m.date,
            store.meeting_records(m.id).unwrap(),
            first.number.unwrap(),
            case.case.reference,
            case.case.initials,
            year,
            store.year_records(year).unwrap(),
        )
    };
    assert!(meeting_records.len() >= 2 && year_records.len() > meeting_records.len());
    let (iso, yr, case_ref) = (meeting.to_string(), year.to_string(), reference.clone());
    let seen = drive(&db, |d| async move {
        run_papers(&d, &iso, &case_ref, &yr).await
    })
    .await
    .expect("the app did not print as a person would expect");

    let saved = saved_dir(&db);
    let file = |name: &str| saved.join(name);
    let text = |name: &str| {
        let bytes = std::fs::read(file(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        pdf_extract::extract_text_from_mem(&bytes)
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let long = meeting.format("%-d %B %Y").to_string();
    let file_number = number.replace('/', "-");

    // The meeting's minutes and agenda pack.
    let minutes_name = format!("Minutes {meeting}.pdf");
    assert!(seen.minutes.contains(&minutes_name), "{seen:?}");
    let minutes = text(&minutes_name);
    assert!(minutes.contains(&format!("meeting of {long}")), "{minutes}");
    for (_, n) in &meeting_records {
        assert!(minutes.contains(n.as_str()), "{n} not in the minutes");
    }
    let agenda = text(&format!("Agenda pack {meeting}.pdf"));
    assert!(
        agenda.contains("agenda pack for the meeting of"),
        "{agenda}"
    );

    // Every record of the meeting, one file each, named by number.
    assert!(
        seen.export
            .contains(&format!("{} records exported to", meeting_records.len())),
        "{seen:?}"
    );
    for (_, n) in &meeting_records {
        let name = format!("Record {}.pdf", n.replace('/', "-"));
        assert!(text(&name).contains(n.as_str()), "{name}");
    }

    // The record in full names the case; the published one does not.
    assert!(
        seen.record.contains(&format!("Record {file_number}.pdf")),
        "{seen:?}"
    );
    let full = text(&format!("Record {file_number}.pdf"));
    assert!(
        full.contains(&format!("{reference} ({initials})")),
        "{full}"
    );
    let published = text(&format!("Record {file_number} (published).pdf"));
    assert!(published.contains(&number), "{published}");
    assert!(!published.contains(&reference), "{published}");
    assert!(!published.contains(&initials), "{published}");

    // The year's export holds every final decision of the year, chair's actions included.
    assert!(
        seen.year
            .contains(&format!("{} records exported to", year_records.len())),
        "{seen:?}"
    );
    for (_, n) in &year_records {
        assert!(
            file(&format!("Record {}.pdf", n.replace('/', "-"))).exists(),
            "{n}"
        );
    }
    // Nothing half-written was left behind.
    let partial = std::fs::read_dir(&saved)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".partial")
        })
        .count();
    assert_eq!(partial, 0);
    assert!(seen.case_record.contains("Record"), "{seen:?}");
}

/// Case CN-0300 (L.M., born 01/03/2012) was at Oak-field Lodge, then St. Mary's House; a
/// final decision about its second placement, at the quorate meeting of 16/01/2031, names
/// both as people write them, beside ordinary sentences that share their words.
fn seed_second_placement(db: &Path) {
    use panel_core::decision::{ActionInput, DecisionInput, decision_input};
    let mut store = seed::example_with_agreement(db);
    let case = seed::case(&mut store, "CN-0300", "L.M.", "01/03/2012", "Autism");
    let splits = [("01/04/2030", ["40", "40", "20"])];
    seed::weekly_placement(
        &mut store,
        case,
        "Oak-field Lodge",
        "01/04/2030",
        "3900",
        &splits,
    );
    seed::weekly_placement(
        &mut store,
        case,
        "St. Mary's House",
        "01/02/2031",
        "4200",
        &splits,
    );
    let second = store.case(case).unwrap().placements[1].id;
    let meeting = seed::meeting_with_members(&mut store, "16/01/2031", "present");
    seed::item(
        &mut store,
        meeting,
        panel_core::model::ItemKind::Change,
        "CN-0300",
        "Move to a new placement",
        20,
    );
    let item = store.agenda(meeting).unwrap()[0].id;
    let input = DecisionInput {
        outcome: "approved".into(),
        subject: "Move from Oakfield Lodge to St Marys".into(),
        paragraphs: vec![
            "Approve the move from Oak field Lodge (OAK\u{2011}FIELD in the reports) to St Mary's House from 01/02/2031.".into(),
            "L_M, born 20120301 (1 March \u{2019}12), settled at Oakfields and at St. Marys.".into(),
        ],
        reasons: "An oak tree and a playing field lie beside the new home. Mary, the new key worker, lives in the house by the lodge.".into(),
        alternatives: "Staying at Oak-field: rejected, the lodge is closing.".into(),
        conditions: vec![],
        actions: vec![ActionInput {
            action: "Issue the placement agreement".into(),
            owner: "Commissioning".into(),
            due: "30/01/2031".into(),
        }],
        review_date: "16/07/2031".into(),
        reduction: false,
        effective_from: String::new(),
        assents: vec!["agree".into(), "agree".into(), "agree".into()],
    };
    let id = store
        .save_decision(
            item,
            None,
            Some(second),
            &decision_input(&input, 3).unwrap(),
        )
        .unwrap();
    store.finalise_decision(id).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_published_record_about_a_second_placement_withholds_both_providers_and_reads_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.sqlite3");
    seed_second_placement(&db);
    let seen = drive(&db, |d| async move {
        open_item(&d, "2031-01-16").await?;
        print(&d, "record-buttons", "Print redacted record", "published").await
    })
    .await
    .expect("the app did not print the record for publication");
    assert!(seen.contains("published"), "{seen}");
    let bytes =
        std::fs::read(saved_dir(&db).join("Record CNP-30-31-0001 (published).pdf")).unwrap();
    let text = pdf_extract::extract_text_from_mem(&bytes)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // Neither provider, however written, nor the child: compared with every separator and
    // letter case taken away.
    let bare: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    for gone in [
        "oakfield", "stmary", "marys", "cn0300", "20120301", "march12",
    ] {
        assert!(
            !bare.contains(gone),
            "{gone} in the published record:\n{text}"
        );
    }
    for gone in ["L.M.", "L_M", "OAK", "Oak field", "St Mary"] {
        assert!(
            !text.contains(gone),
            "{gone} in the published record:\n{text}"
        );
    }
    // And it reads whole: ordinary words, the names' own among them, are left.
    for whole in [
        "An oak tree and a playing field lie beside the new home. Mary, the new key worker, lives in the house by the lodge.",
        "the lodge is closing",
        "Approve the move from [withheld] ([withheld] in the reports) to [withheld] from 01/02/2031.",
    ] {
        assert!(text.contains(whole), "{whole:?} not in:\n{text}");
    }
}
