//! A meeting's minutes and agenda pack made from a real SQLite file, read back by extracting
//! their text.
#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use common::{assert_figures, assert_framed, date, decided, decision, info, text_of};
use panel_core::decision::decision_input;
use panel_core::entry::CostPreview;
use panel_core::entry::cost_preview;
use panel_core::meeting::NewAgendaItem;
use panel_core::model::{DecisionNumber, ItemKind, MinutesStatus};
use panel_pdf::{agenda_pdf, minutes_pdf};
use panel_store::Store;

fn item(kind: ItemKind, title: &str, minutes: u32, ratifies: Option<&str>) -> NewAgendaItem {
    NewAgendaItem {
        kind,
        case: Some("CN-0200".into()),
        title: title.into(),
        presenter: "B. Jones, Finance".into(),
        minutes,
        ask: format!("{title}: agree the recommendation"),
        ratifies: ratifies.map(|n| DecisionNumber::parse(n).unwrap()),
    }
}

/// The costs of the fixture's placement as they stand on the meeting's date.
fn costs(store: &Store, decision: i64) -> CostPreview {
    let (_, entry) = store
        .placement(store.decision(decision).unwrap().placement_id.unwrap())
        .unwrap();
    cost_preview(&entry.record.placement, date("2031-01-16"), 3)
}

/// Whether `text` holds each of `expected`, however its lines were broken.
fn assert_contains(text: &str, expected: &[&str]) {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for e in expected {
        assert!(flat.contains(e), "missing {e:?} in:\n{text}");
    }
}

#[test]
fn the_minutes_record_every_item_attendance_quorum_and_decision() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = decided(&dir, "Needs cannot be met in a local day school.".into(), 2);
    let meeting = store.meeting_on(date("2031-01-16")).unwrap();
    // A second item whose decision is still a draft: it is not minuted.
    let second = store
        .add_agenda_item(
            meeting,
            &item(ItemKind::Review, "Transport review", 30, None),
        )
        .unwrap();
    let mut draft = decision("Still being discussed.".into(), 0);
    draft.subject = "Unfinished transport decision".into();
    let draft_id = store
        .save_decision(second, None, None, &decision_input(&draft, 3).unwrap())
        .unwrap();

    let pdf = minutes_pdf(&panel_app::documents::minutes(&store, meeting).unwrap()).unwrap();
    let text = text_of(&pdf);
    assert_framed(&text);
    let p = costs(&store, id);
    assert_contains(
        &text,
        &[
            "Draft minutes of the Complex Needs Panel",
            "Local authority · meeting of 16 January 2031",
            "County Hall",
            "Helen Ward",
            "Draft: not yet circulated",
            "Quorate",
            "Marcus Bell",
            "Dr Priya Nair",
            "The meeting was quorate: every funding partner was represented.",
            "Apologies were received from Sam Okafor (Virtual School).",
            // At a glance, then every item in order.
            "CNP/30-31/0001: Approved with conditions",
            "None recorded",
            "Item 1: New referral",
            "CN-0200 (J.K.)",
            "A. Shah",
            "Agree the placement",
            "Governor of Ashbrook Lodge School",
            "May speak, not vote",
            "Decision CNP/30-31/0001: Approved with conditions",
            "Residential school placement for J.K.",
            "Approve the placement of J.K. at Ashbrook Lodge School from 01/02/2031.",
            "A transition plan is agreed with Ashbrook Lodge before the start",
            "Needs cannot be met in a local day school.",
            "Day school with short breaks: rejected, risk of breakdown.",
            "Ashbrook Lodge School",
            "16 July 2031",
            "1 May 2031",
            "Item 2: Transport review",
            "B. Jones, Finance",
            "Transport review: agree the recommendation",
            "a draft decision is still open and is not part of these minutes",
            // Actions arising, gathered from every decision.
            "Actions arising",
            "Action 01: issue the contract part 01",
            "Action 02: issue the contract part 02",
            "Approved as a correct record",
        ],
    );
    assert!(
        text.find("Item 1: New referral").unwrap() < text.find("Item 2: Transport review").unwrap()
    );
    // A draft decision is not minuted.
    assert!(!text.contains("Unfinished transport decision"), "{text}");
    assert!(!text.contains("Still being discussed."), "{text}");
    // The figures are the core's, and the split adds up.
    assert_figures(&text, &p);
    assert_eq!(
        info(&pdf, b"Title").as_deref(),
        Some("Draft minutes, 16 January 2031")
    );

    // Approved minutes lose the word draft.
    store.discard_draft(draft_id).unwrap();
    store
        .advance_minutes(meeting, MinutesStatus::Circulated)
        .unwrap();
    let text =
        text_of(&minutes_pdf(&panel_app::documents::minutes(&store, meeting).unwrap()).unwrap());
    assert_contains(
        &text,
        &["Circulated for amendment; to be approved at the next meeting"],
    );
    store
        .advance_minutes(meeting, MinutesStatus::Approved)
        .unwrap();
    let pdf = minutes_pdf(&panel_app::documents::minutes(&store, meeting).unwrap()).unwrap();
    let text = text_of(&pdf);
    assert_contains(
        &text,
        &[
            "Minutes of the Complex Needs Panel",
            "Approved as a correct record at the next meeting",
            "No decision was recorded on this item.",
        ],
    );
    assert!(!text.contains("Draft minutes"), "{text}");
    assert_eq!(
        info(&pdf, b"Title").as_deref(),
        Some("Minutes, 16 January 2031")
    );
}

#[test]
fn the_agenda_pack_gives_timings_presenters_costs_and_the_ask() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = decided(&dir, "Needs cannot be met.".into(), 1);
    let meeting = store.meeting_on(date("2031-01-16")).unwrap();
    store
        .add_agenda_item(
            meeting,
            &item(ItemKind::Review, "Transport review", 30, None),
        )
        .unwrap();
    // A chair's action taken before the meeting, brought for ratification.
    let case = store.case_id("CN-0200").unwrap();
    let placement = store.decision(id).unwrap().placement_id;
    let mut urgent = decision("Emergency respite was needed at once.".into(), 0);
    urgent.subject = "Emergency respite".into();
    let action = store
        .save_chair_action(
            case,
            None,
            placement,
            date("2031-01-10"),
            &decision_input(&urgent, 3).unwrap(),
        )
        .unwrap();
    let number = store.finalise_decision(action).unwrap().to_string();
    assert_eq!(number, "CNP/30-31/0002");
    store
        .add_agenda_item(
            meeting,
            &item(
                ItemKind::Ratification,
                "Ratification of chair's action",
                15,
                Some(&number),
            ),
        )
        .unwrap();

    let pdf = agenda_pdf(&panel_app::documents::agenda_pack(&store, meeting).unwrap()).unwrap();
    let text = text_of(&pdf);
    assert_framed(&text);
    let p = costs(&store, id);
    assert_contains(
        &text,
        &[
            "Agenda of the Complex Needs Panel",
            "agenda pack for the meeting of 16 January 2031",
            "County Hall",
            "Helen Ward",
            "3 items, 1 hour 5 minutes in all",
            "Schedule 12A",
            "Marcus Bell",
            "Apologies received: Sam Okafor (Virtual School).",
            // The timetable, and each item's sheet.
            "Start time 09:30",
            "09:30–09:50",
            "09:50–10:20",
            "10:20–10:35",
            "Item 1: New referral",
            "09:30–09:50 (20 minutes)",
            "A. Shah",
            "Agree the placement",
            "Item 2: Transport review",
            "09:50–10:20 (30 minutes)",
            "B. Jones, Finance",
            "Transport review: agree the recommendation",
            "Item 3: Ratification of chair's action",
            "Ratification of an urgent decision",
            "CNP/30-31/0002, taken on 10 January 2031: Emergency respite (Approved with conditions)",
            "CN-0200 (J.K.)",
            // The case's current costs and split, as on the meeting's date.
            "Current costs",
            "Ashbrook Lodge School",
            "Residential special school",
            "40.00%",
            "20.00%",
            "100.00%",
        ],
    );
    assert_eq!(text.matches("Current costs").count(), 3, "{text}");
    assert_figures(&text, &p);
    // An agenda pack shows no decisions: it is circulated before the meeting.
    assert!(!text.contains("Needs cannot be met."), "{text}");
    assert_eq!(
        info(&pdf, b"Title").as_deref(),
        Some("Agenda pack, 16 January 2031")
    );
}

#[test]
fn a_meeting_without_items_or_members_still_makes_sensible_papers() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("panel.sqlite3"), "tester").unwrap();
    store
        .import(&panel_core::interchange::read_dataset(common::EXAMPLE).unwrap())
        .unwrap();
    let meeting = store
        .create_meeting(&panel_core::meeting::new_meeting("05/03/2031", "", "Helen Ward").unwrap())
        .unwrap();
    let agenda =
        text_of(&agenda_pdf(&panel_app::documents::agenda_pack(&store, meeting).unwrap()).unwrap());
    assert_contains(
        &agenda,
        &[
            "5 March 2031",
            "0 items, 0 minutes in all",
            "No members have been listed yet.",
            "No items have been added to this agenda yet.",
        ],
    );
    let minutes =
        text_of(&minutes_pdf(&panel_app::documents::minutes(&store, meeting).unwrap()).unwrap());
    assert_contains(
        &minutes,
        &[
            "No attendance was recorded.",
            "Not quorate",
            "The meeting had no items.",
        ],
    );
    // Health sends apologies: the minutes say the meeting is not quorate, and why.
    for (name, agency, partner, attendance) in [
        ("Helen Ward", "Children's Services", Some(0), "present"),
        ("Marcus Bell", "Education (SEND)", Some(1), "present"),
        ("Dr Priya Nair", "Health (ICB)", Some(2), "apologies"),
    ] {
        store
            .add_attendee(
                meeting,
                &panel_core::meeting::new_attendee(name, agency, partner, "", attendance).unwrap(),
            )
            .unwrap();
    }
    let minutes =
        text_of(&minutes_pdf(&panel_app::documents::minutes(&store, meeting).unwrap()).unwrap());
    assert_contains(
        &minutes,
        &[
            "Not quorate",
            "The meeting was not quorate: Health was not represented.",
            "Apologies were received from Dr Priya Nair (Health (ICB)).",
        ],
    );
    let agenda =
        text_of(&agenda_pdf(&panel_app::documents::agenda_pack(&store, meeting).unwrap()).unwrap());
    assert_contains(
        &agenda,
        &["Apologies received: Dr Priya Nair (Health (ICB))."],
    );
    // With no start time, the timetable runs from the opening and says so.
    assert!(!agenda.contains("Start time"), "{agenda}");
    store
        .add_agenda_item(
            meeting,
            &NewAgendaItem {
                kind: ItemKind::Information,
                case: None,
                ..item(ItemKind::Information, "Budget update", 25, None)
            },
        )
        .unwrap();
    let agenda =
        text_of(&agenda_pdf(&panel_app::documents::agenda_pack(&store, meeting).unwrap()).unwrap());
    assert_contains(
        &agenda,
        &[
            "+0:00–+0:25",
            "No start time is set for this meeting: times run from its opening.",
        ],
    );

    // No such meeting: a clear refusal.
    let missing = store.meeting_on(date("2031-03-06")).unwrap_err();
    assert_eq!(missing.to_string(), "there is no meeting on 06/03/2031");
}
