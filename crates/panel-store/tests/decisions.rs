//! Cases, placements, decisions and minutes on real SQLite files.
#![allow(clippy::unwrap_used, missing_docs)]

use panel_core::decision::{ActionInput, DecisionInput, decision_input};
use panel_core::entry::{CostLineInput, PlacementInput, SplitInput, new_case, placement_input};
use panel_core::interchange::{read_dataset, write_dataset};
use panel_core::meeting::{NewAgendaItem, new_attendee, new_meeting};
use panel_core::model::{Attendance, DecisionStatus, ItemKind, MinutesStatus};
use panel_core::year::parse_iso_date;
use panel_store::{Store, StoreError};

const EXAMPLE: &str = include_str!("../../../docs/examples/oakfield.json");

fn date(s: &str) -> chrono::NaiveDate {
    parse_iso_date(s).unwrap()
}

fn snapshot(store: &Store) -> (String, i64) {
    (
        write_dataset(&store.export().unwrap()),
        store.audit_count().unwrap(),
    )
}

/// Every problem `panel check` finds.
fn check_problems(store: &Store) -> Vec<String> {
    store.check().unwrap().into_problems()
}

fn fields(e: StoreError) -> Vec<String> {
    match e {
        StoreError::Field(f) => f.into_iter().map(|f| f.field).collect(),
        other => panic!("not a field error: {other}"),
    }
}

fn placement() -> PlacementInput {
    let line = |description: &str, per: &str, amount: &str, from: &str, to: &str| CostLineInput {
        description: description.into(),
        per: per.into(),
        amount: amount.into(),
        from: from.into(),
        to: to.into(),
    };
    PlacementInput {
        provider: "Brook Lodge".into(),
        kind: "residential_school".into(),
        start: "01/02/2031".into(),
        end: String::new(),
        lines: vec![
            line("Residential fee", "week", "£5,200.00", "01/02/2031", ""),
            line("Therapy", "year", "18,250", "01/02/2031", ""),
        ],
        splits: vec![SplitInput {
            from: "01/02/2031".into(),
            shares: vec!["40".into(), "40".into(), "20".into()],
        }],
    }
}

fn decision() -> DecisionInput {
    DecisionInput {
        outcome: "approved".into(),
        subject: "Residential school placement".into(),
        paragraphs: vec!["Approve the placement at Brook Lodge from 01/02/2031".into()],
        reasons: "Needs cannot be met locally".into(),
        alternatives: "Day school with short breaks: rejected".into(),
        conditions: vec![],
        actions: vec![ActionInput {
            action: "Issue the contract".into(),
            owner: "Commissioning".into(),
            due: "30/01/2031".into(),
        }],
        review_date: "16/07/2031".into(),
        reduction: false,
        effective_from: String::new(),
        assents: vec!["agree".into(), "agree".into(), "agree".into()],
    }
}

/// The example dataset, a new case with a placement, a meeting on 16/01/2031 with everyone
/// present but health, and an item about the case. Returns (store, case, placement, meeting,
/// item, health's attendee).
fn setup(dir: &tempfile::TempDir) -> (Store, i64, i64, i64, i64, i64) {
    let mut store = Store::open(&dir.path().join("panel.sqlite3"), "tester").unwrap();
    store.import(&read_dataset(EXAMPLE).unwrap()).unwrap();
    let case = store
        .create_case(
            &new_case(
                "CN-0200",
                "J.K.",
                "04/03/2015",
                "Autism",
                date("2031-01-01"),
            )
            .unwrap(),
        )
        .unwrap();
    let placement = store
        .save_placement(case, None, &placement_input(&placement(), 3).unwrap())
        .unwrap();
    let meeting = store
        .create_meeting(&new_meeting("16/01/2031", "County Hall", "Helen Ward").unwrap())
        .unwrap();
    let mut health = 0;
    for (name, partner, attendance) in [
        ("Helen Ward", 0, "present"),
        ("Marcus Bell", 1, "present"),
        ("Dr Priya Nair", 2, "apologies"),
    ] {
        health = store
            .add_attendee(
                meeting,
                &new_attendee(name, "Agency", Some(partner), "", attendance).unwrap(),
            )
            .unwrap();
    }
    let item = store
        .add_agenda_item(
            meeting,
            &NewAgendaItem {
                kind: ItemKind::NewReferral,
                case: Some("CN-0200".into()),
                title: "New referral".into(),
                presenter: "A. Shah".into(),
                minutes: 20,
                ask: "Agree the placement".into(),
                ratifies: None,
            },
        )
        .unwrap();
    (store, case, placement, meeting, item, health)
}

#[test]
fn cases_and_placements_are_created_and_replaced_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, case, placement_id, ..) = setup(&dir);
    let detail = store.case(case).unwrap();
    assert_eq!(detail.case.initials, "J.K.");
    assert_eq!(detail.placements.len(), 1);
    let p = &detail.placements[0];
    assert_eq!(p.record.placement.cost_lines[1].description, "Therapy");
    // First review six months after the start, by default.
    assert_eq!(p.next_review, date("2031-08-01"));

    // A duplicate reference is refused at its field, and nothing changes.
    let before = snapshot(&store);
    let dup = new_case("CN-0001", "X.Y.", "", "", date("2031-01-01")).unwrap();
    assert_eq!(fields(store.create_case(&dup).unwrap_err()), ["reference"]);
    assert_eq!(
        fields(store.update_case(case, &dup).unwrap_err()),
        ["reference"]
    );
    assert_eq!(snapshot(&store), before);

    // A rate change: the fee ends and a new rate runs from 01/04/2031, all in one save.
    let mut input = placement();
    input.lines[0].to = "31/03/2031".into();
    input.lines.push(CostLineInput {
        description: "Residential fee".into(),
        per: "week".into(),
        amount: "5408".into(),
        from: "01/04/2031".into(),
        to: String::new(),
    });
    input.splits.push(SplitInput {
        from: "01/04/2031".into(),
        shares: vec!["34".into(), "33".into(), "33".into()],
    });
    let audit = store.audit_count().unwrap();
    let id = store
        .save_placement(
            case,
            Some(placement_id),
            &placement_input(&input, 3).unwrap(),
        )
        .unwrap();
    assert_eq!(id, placement_id);
    let (owner, entry) = store.placement(placement_id).unwrap();
    assert_eq!(owner, case);
    assert_eq!(entry.record.placement.cost_lines.len(), 3);
    assert_eq!(entry.record.placement.splits.len(), 2);
    assert!(store.audit_count().unwrap() > audit);
    // The spend report sees the new rate (2031/32 from 01/04/2031).
    let year = panel_core::FinancialYear::containing(date("2031-04-01"));
    let report = store.spend(year, date("2031-04-07")).unwrap();
    assert!(report.to_date.pence() > 0);

    // Another case's placement cannot be saved under this one.
    let other = store.case_id("CN-0001").unwrap();
    let err = store
        .save_placement(
            other,
            Some(placement_id),
            &placement_input(&input, 3).unwrap(),
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    let listed = store.cases(date("2031-02-10")).unwrap();
    let mine = listed.iter().find(|c| c.id == case).unwrap();
    assert_eq!(mine.active, 1);
    assert_eq!(mine.next_review, Some(date("2031-08-01")));
    // Current: a placement in force or to come, or none yet; a case whose placements have all
    // ended is not (the case list opens on the current ones).
    assert!(mine.current);
    let gone = store
        .create_case(&new_case("CN-0299", "E.F.", "", "Autism", date("2030-01-01")).unwrap())
        .unwrap();
    let mut old = placement();
    old.start = "01/02/2030".into();
    old.end = "31/12/2030".into();
    old.lines.truncate(1);
    old.lines[0].from = "01/02/2030".into();
    old.splits.truncate(1);
    old.splits[0].from = "01/02/2030".into();
    store
        .save_placement(gone, None, &placement_input(&old, 3).unwrap())
        .unwrap();
    store
        .create_case(&new_case("CN-0298", "G.H.", "", "Autism", date("2031-01-01")).unwrap())
        .unwrap();
    let listed = store.cases(date("2031-02-10")).unwrap();
    let mut ended = 0;
    for c in &listed {
        let placements = store.case(c.id).unwrap().placements;
        let open = placements.iter().any(|p| {
            p.record
                .placement
                .end
                .is_none_or(|e| e >= date("2031-02-10"))
        });
        assert_eq!(c.current, placements.is_empty() || open, "{}", c.reference);
        ended += usize::from(!c.current);
    }
    assert_eq!(
        ended, 1,
        "CN-0299's placement has ended; CN-0298 has none yet"
    );
}

#[test]
fn an_inquorate_meeting_cannot_finalise_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, placement, _, item, health) = setup(&dir);
    let draft = decision_input(&decision(), 3).unwrap();
    let id = store
        .save_decision(item, None, Some(placement), &draft)
        .unwrap();
    let before = snapshot(&store);
    // Saving it again unchanged writes nothing.
    assert_eq!(
        store
            .save_decision(item, Some(id), Some(placement), &draft)
            .unwrap(),
        id
    );
    assert_eq!(snapshot(&store), before);
    let err = store.finalise_decision(id).unwrap_err();
    assert_eq!(fields(err), ["quorum"]);
    assert_eq!(snapshot(&store), before);
    assert_eq!(store.decision(id).unwrap().status, DecisionStatus::Draft);

    // Once health is present, it finalises with the first number of 2030/31.
    store.set_attendance(health, Attendance::Present).unwrap();
    let number = store.finalise_decision(id).unwrap();
    assert_eq!(number.to_string(), "CNP/30-31/0001");
    let record = store.decision(id).unwrap();
    assert_eq!(record.status, DecisionStatus::Final);
    assert_eq!(record.number.as_deref(), Some("CNP/30-31/0001"));
    assert_eq!(record.decided_on, date("2031-01-16"));
    assert_eq!(record.content.actions[0].due, Some(date("2031-01-30")));
    // It keeps the placement as it stood, and not even raw SQL can change what it kept.
    let (_, entry) = store.placement(placement).unwrap();
    assert_eq!(record.snapshot.as_ref(), Some(&entry.record));
    let err = store
        .connection()
        .execute(
            "UPDATE decisions SET placement_snapshot = NULL WHERE id = ?1",
            [id],
        )
        .unwrap_err();
    assert!(err.to_string().contains("cannot be changed"), "{err}");
    assert_eq!(store.decision(id).unwrap().snapshot, record.snapshot);

    // Final means final: no save, no second draft on the item, attendance fixed.
    let err = store
        .save_decision(item, Some(id), Some(placement), &draft)
        .unwrap_err();
    assert!(err.to_string().contains("amending decision"), "{err}");
    let err = store
        .save_decision(item, None, Some(placement), &draft)
        .unwrap_err();
    assert!(err.to_string().contains("CNP/30-31/0001"), "{err}");
    let err = store
        .set_attendance(health, Attendance::Apologies)
        .unwrap_err();
    assert!(
        err.to_string().contains("attendance can no longer change"),
        "{err}"
    );
    let err = store.discard_draft(id).unwrap_err();
    assert!(err.to_string().contains("cannot be discarded"), "{err}");

    // An amendment starts as a copy naming the original, and takes the next number.
    let amendment = store
        .amend_decision(id, Some(item), date("2031-01-16"))
        .unwrap();
    let a = store.decision(amendment).unwrap();
    assert_eq!(a.amends, Some((id, "CNP/30-31/0001".to_string())));
    assert_eq!(a.content, record.content);
    assert!(
        store
            .amend_decision(id, Some(item), date("2031-01-16"))
            .is_err(),
        "one open amendment at a time"
    );
    let mut changed = decision();
    changed.paragraphs[0] = "Approve the placement at Brook Lodge from 08/02/2031".into();
    store
        .save_decision(
            item,
            Some(amendment),
            Some(placement),
            &decision_input(&changed, 3).unwrap(),
        )
        .unwrap();
    assert_eq!(
        store.finalise_decision(amendment).unwrap().to_string(),
        "CNP/30-31/0002"
    );
    let err = store
        .amend_decision(id, None, date("2031-02-01"))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("already amended by CNP/30-31/0002"),
        "{err}"
    );
    assert_eq!(
        store.decision(id).unwrap().amended_by,
        [(amendment, Some("CNP/30-31/0002".to_string()))]
    );
}

#[test]
fn finalising_needs_every_part_and_partner_assent() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, placement, meeting, item, health) = setup(&dir);
    store.set_attendance(health, Attendance::Present).unwrap();
    let mut input = decision();
    input.reasons = String::new();
    input.assents = vec!["agree".into(), String::new(), String::new()];
    input.reduction = true;
    input.effective_from = "01/03/2031".into();
    let id = store
        .save_decision(
            item,
            None,
            Some(placement),
            &decision_input(&input, 3).unwrap(),
        )
        .unwrap();
    let before = snapshot(&store);
    assert_eq!(
        fields(store.finalise_decision(id).unwrap_err()),
        ["reasons", "assents.1", "assents.2", "effective_from"]
    );
    assert_eq!(snapshot(&store), before);

    // Interests: recorded on the item, shown with the decision, fixed once it is final.
    let interest = store
        .declare_interest(
            item,
            health,
            "Sits on the board of Brook Lodge",
            Some("May speak, not vote"),
        )
        .unwrap();
    assert_eq!(
        store.interests(item).unwrap()[0].dispensation.as_deref(),
        Some("May speak, not vote")
    );

    // Minutes cannot be approved while a decision is draft.
    store
        .advance_minutes(meeting, MinutesStatus::Circulated)
        .unwrap();
    let err = store
        .advance_minutes(meeting, MinutesStatus::Approved)
        .unwrap_err();
    assert!(err.to_string().contains("still draft"), "{err}");
    let err = store
        .advance_minutes(meeting, MinutesStatus::Locked)
        .unwrap_err();
    assert!(
        err.to_string().contains("only move on to approved"),
        "{err}"
    );

    input = decision();
    input.reduction = true;
    input.effective_from = "16/04/2031".into();
    store
        .save_decision(
            item,
            Some(id),
            Some(placement),
            &decision_input(&input, 3).unwrap(),
        )
        .unwrap();
    store.finalise_decision(id).unwrap();
    let err = store.remove_interest(interest).unwrap_err();
    assert!(err.to_string().contains("final"), "{err}");

    store
        .advance_minutes(meeting, MinutesStatus::Approved)
        .unwrap();
    // Approved minutes are settled: no new items, attendees or decisions.
    let err = store
        .add_attendee(
            meeting,
            &new_attendee("Late", "Agency", None, "", "present").unwrap(),
        )
        .unwrap_err();
    assert!(err.to_string().contains("approved"), "{err}");
    store
        .advance_minutes(meeting, MinutesStatus::Locked)
        .unwrap();
    let err = store
        .advance_minutes(meeting, MinutesStatus::Locked)
        .unwrap_err();
    assert!(err.to_string().contains("locked"), "{err}");
}

#[test]
fn a_draft_is_saved_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, placement, _, item, _) = setup(&dir);
    let draft = decision_input(&decision(), 3).unwrap();
    let id = store
        .save_decision(item, None, Some(placement), &draft)
        .unwrap();
    // A second draft on the item is refused; the first is edited instead.
    assert!(
        store
            .save_decision(item, None, Some(placement), &draft)
            .is_err()
    );
    // A placement of another case is refused at its field and nothing changes.
    let before = snapshot(&store);
    let other_case = store.case_id("CN-0001").unwrap();
    let other = store.case(other_case).unwrap().placements[0].id;
    assert_eq!(
        fields(
            store
                .save_decision(item, Some(id), Some(other), &draft)
                .unwrap_err()
        ),
        ["placement"]
    );
    assert_eq!(snapshot(&store), before);
    // The default review: six months on, then six-monthly after the first decision.
    assert_eq!(
        store
            .default_review_date(Some(placement), date("2031-01-16"))
            .unwrap(),
        date("2031-07-16")
    );
    store.discard_draft(id).unwrap();
    assert!(store.item_decisions(item).unwrap().is_empty());
}

#[test]
fn settings_partners_and_agreements() {
    use panel_core::settings::{agreement_input, partner_input, settings_input};
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ..) = setup(&dir);
    let s = settings_input(
        "Northshire County Council",
        "Complex Needs Panel",
        "NCC-CNP",
        "3",
        "12",
        "3",
        "all_partners",
    )
    .unwrap();
    store.save_settings(&s).unwrap();
    assert_eq!(store.settings().unwrap(), s);
    // Saving the same again writes nothing.
    let audit = store.audit_count().unwrap();
    store.save_settings(&s).unwrap();
    assert_eq!(store.audit_count().unwrap(), audit);

    let before = snapshot(&store);
    assert_eq!(
        fields(
            store
                .add_partner(&partner_input("SC", "Again").unwrap())
                .unwrap_err()
        ),
        ["code"]
    );
    // A code in other letters, or a name spaced or capitalised otherwise, is the same partner.
    let existing = store.partners().unwrap()[1].name.clone();
    for (code, name, field) in [
        ("sc", "Again", "code"),
        ("XY", existing.to_uppercase().as_str(), "name"),
        ("XZ", &existing.replace(' ', "  "), "name"),
    ] {
        assert_eq!(
            fields(
                store
                    .add_partner(&partner_input(code, name).unwrap())
                    .unwrap_err()
            ),
            [field],
            "{code} {name}"
        );
    }
    assert_eq!(snapshot(&store), before);
    store
        .add_partner(&partner_input("VS", "Virtual School").unwrap())
        .unwrap();
    store.rename_partner("HE", "Health (ICB)").unwrap();
    assert_eq!(store.partners().unwrap()[2].name, "Health (ICB)");
    // Existing placements still cost: the new partner has 0% of every split.
    let case = store.case_id("CN-0200").unwrap();
    let p = &store.case(case).unwrap().placements[0];
    assert_eq!(p.record.placement.splits[0].shares.len(), 4);

    let a = agreement_input(
        "2030/31",
        "contributions",
        &[
            "2448000".into(),
            "2376000".into(),
            "2376000".into(),
            "0".into(),
        ],
        4,
    )
    .unwrap();
    store.save_agreement(&a).unwrap();
    let mut changed = a.clone();
    changed.contributions[3] = panel_core::Money::from_pounds(50_000);
    store.save_agreement(&changed).unwrap();
    let years: Vec<String> = store
        .agreements()
        .unwrap()
        .iter()
        .map(|a| a.year.to_string())
        .collect();
    assert_eq!(years, ["2023/24", "2030/31"]);
    assert_eq!(
        store.agreement(a.year).unwrap().unwrap().contributions[3],
        panel_core::Money::from_pounds(50_000)
    );
    // The 2023/24 agreement had no contribution for the new partner: it reads as £0.00.
    assert_eq!(store.agreements().unwrap()[0].contributions.len(), 4);
}

#[test]
fn a_chairs_action_is_numbered_in_sequence_and_comes_for_ratification() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, case, placement, first_meeting, ..) = setup(&dir);
    let draft = decision_input(&decision(), 3).unwrap();
    let taken = date("2031-01-25");

    // A draft chair's action, between the meetings of 16/01 and 13/02/2031; one open per case.
    let id = store
        .save_chair_action(case, None, Some(placement), taken, &draft)
        .unwrap();
    let err = store
        .save_chair_action(case, None, Some(placement), taken, &draft)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("already has a draft chair's action"),
        "{err}"
    );
    assert_eq!(store.chair_action_draft(case).unwrap().unwrap().id, id);
    // Another case's placement is refused at its field.
    let other = store.case_id("CN-0001").unwrap();
    assert_eq!(
        fields(
            store
                .save_chair_action(other, None, Some(placement), taken, &draft)
                .unwrap_err()
        ),
        ["placement"]
    );

    // Finalised with no meeting and so no quorum, it takes the next number of its year.
    let number = store.finalise_decision(id).unwrap().to_string();
    assert_eq!(number, "CNP/30-31/0001");
    let record = store.decision(id).unwrap();
    assert!(record.urgent);
    assert_eq!((record.item_id, record.decided_on), (None, taken));
    assert_eq!(record.status, DecisionStatus::Final);
    assert!(store.chair_action_draft(case).unwrap().is_none());
    let summary = store.case(case).unwrap().decisions;
    assert!(summary[0].urgent && summary[0].ratification.is_none());

    // The meeting before it is not offered it; the next one is.
    let ratification_offers = |store: &Store, meeting: i64| -> Vec<String> {
        store
            .agenda_offers(meeting)
            .unwrap()
            .into_iter()
            .filter(|o| o.kind == ItemKind::Ratification)
            .map(|o| o.decision.unwrap().0)
            .collect()
    };
    assert!(ratification_offers(&store, first_meeting).is_empty());
    let next = store
        .create_meeting(&new_meeting("13/02/2031", "County Hall", "Helen Ward").unwrap())
        .unwrap();
    for (name, partner) in [("Helen Ward", 0), ("Marcus Bell", 1), ("Dr Priya Nair", 2)] {
        store
            .add_attendee(
                next,
                &new_attendee(name, "Agency", Some(partner), "", "present").unwrap(),
            )
            .unwrap();
    }
    assert_eq!(ratification_offers(&store, next), vec![number.clone()]);

    // A ratification item must name that chair's action; a wrong one changes nothing.
    let item = |n: &str, case: &str| {
        panel_core::meeting::new_agenda_item(
            "ratification",
            case,
            "Ratification of chair's action",
            "",
            "10",
            "",
            n,
        )
        .unwrap()
    };
    let before = snapshot(&store);
    for (n, c, message) in [
        ("CNP/30-31/0099", "CN-0200", "There is no final decision"),
        (number.as_str(), "CN-0001", "is about another case"),
    ] {
        match store.add_agenda_item(next, &item(n, c)).unwrap_err() {
            StoreError::Field(f) => {
                assert_eq!(f[0].field, "ratifies");
                assert!(f[0].message.contains(message), "{}", f[0].message);
            }
            other => panic!("{other}"),
        }
    }
    assert_eq!(snapshot(&store), before);
    let ratify = store
        .add_agenda_item(next, &item(&number, "CN-0200"))
        .unwrap();
    let agenda = store.agenda(next).unwrap();
    assert_eq!(agenda[0].ratifies, Some((id, number.clone())));
    assert!(ratification_offers(&store, next).is_empty());
    assert_eq!(
        store.case(case).unwrap().decisions[0].ratification,
        Some((next, date("2031-02-13")))
    );

    // Deferred there, it is offered again to the meeting after.
    let mut deferral = decision();
    deferral.outcome = "deferred".into();
    deferral.review_date = String::new();
    let deferred = store
        .save_decision(ratify, None, None, &decision_input(&deferral, 3).unwrap())
        .unwrap();
    assert_eq!(
        store.finalise_decision(deferred).unwrap().to_string(),
        "CNP/30-31/0002"
    );
    let after = store
        .create_meeting(&new_meeting("13/03/2031", "County Hall", "Helen Ward").unwrap())
        .unwrap();
    assert_eq!(ratification_offers(&store, after), vec![number.clone()]);

    // The link survives export and import into a new file.
    let text = write_dataset(&store.export().unwrap());
    assert!(text.contains(&format!("\"ratifies\": \"{number}\"")));
    let mut copy = Store::open(&dir.path().join("copy.sqlite3"), "tester").unwrap();
    copy.import_as_of(&read_dataset(&text).unwrap(), date("2031-12-31"))
        .unwrap();
    assert_eq!(write_dataset(&copy.export().unwrap()), text);

    // A file whose ratification names a decision of the file that is no chair's action is
    // refused on reading; one naming a decision in neither file nor database, on import.
    let named = |n: &str| {
        text.replace(
            &format!("\"ratifies\": \"{number}\""),
            &format!("\"ratifies\": \"{n}\""),
        )
    };
    let problems = read_dataset(&named("CNP/30-31/0002")).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("ratifies") && p.contains("not a chair's action")),
        "{problems:?}"
    );
    let mut empty = Store::open(&dir.path().join("empty.sqlite3"), "tester").unwrap();
    let err = empty
        .import_as_of(
            &read_dataset(&named("CNP/30-31/0099")).unwrap(),
            date("2031-12-31"),
        )
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("ratifies: There is no final decision CNP/30-31/0099"),
        "{err}"
    );
    assert!(empty.is_empty().unwrap());
}

#[test]
fn an_amendment_is_made_where_and_when_it_is_made_whatever_the_earlier_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, case, placement, meeting, item, health) = setup(&dir);
    store.set_attendance(health, Attendance::Present).unwrap();
    let draft = decision_input(&decision(), 3).unwrap();
    let id = store
        .save_decision(item, None, Some(placement), &draft)
        .unwrap();
    store.finalise_decision(id).unwrap();
    // The January minutes are approved and locked: nothing more is made there.
    for to in [
        MinutesStatus::Circulated,
        MinutesStatus::Approved,
        MinutesStatus::Locked,
    ] {
        store.advance_minutes(meeting, to).unwrap();
    }
    let err = store
        .amend_decision(id, Some(item), date("2031-01-16"))
        .unwrap_err();
    assert!(err.to_string().contains("locked"), "{err}");

    // February's meeting amends it at an item about the same case, dated that day.
    let february = store
        .create_meeting(&new_meeting("13/02/2031", "County Hall", "Helen Ward").unwrap())
        .unwrap();
    for (name, partner) in [("Helen Ward", 0), ("Marcus Bell", 1), ("Dr Priya Nair", 2)] {
        store
            .add_attendee(
                february,
                &new_attendee(name, "Agency", Some(partner), "", "present").unwrap(),
            )
            .unwrap();
    }
    let add = |store: &mut Store, reference: &str, title: &str| {
        store
            .add_agenda_item(
                february,
                &NewAgendaItem {
                    kind: ItemKind::Change,
                    case: Some(reference.into()),
                    title: title.into(),
                    presenter: "A. Shah".into(),
                    minutes: 10,
                    ask: "Correct the decision".into(),
                    ratifies: None,
                },
            )
            .unwrap()
    };
    let other_item = add(&mut store, "CN-0001", "Another child");
    let err = store
        .amend_decision(id, Some(other_item), date("2031-02-13"))
        .unwrap_err();
    assert!(err.to_string().contains("about another case"), "{err}");
    let here = add(&mut store, "CN-0200", "Correction of CNP/30-31/0001");
    let amendment = store
        .amend_decision(id, Some(here), date("2031-02-13"))
        .unwrap();
    let a = store.decision(amendment).unwrap();
    assert_eq!(
        (a.item_id, a.decided_on, a.urgent, a.case_id),
        (Some(here), date("2031-02-13"), false, case)
    );
    assert_eq!(a.amends, Some((id, "CNP/30-31/0001".into())));
    let number = store.finalise_decision(amendment).unwrap().to_string();
    assert_eq!(number, "CNP/30-31/0002");

    // Only the latest of the chain is amended: the chair amends CNP/30-31/0002 between
    // meetings, and never before the decision it amends.
    let err = store
        .amend_decision(id, None, date("2031-02-20"))
        .unwrap_err();
    assert!(
        err.to_string().contains("amend that decision instead"),
        "{err}"
    );
    let err = store
        .amend_decision(amendment, None, date("2031-02-01"))
        .unwrap_err();
    assert!(
        err.to_string().contains("is before CNP/30-31/0002"),
        "{err}"
    );
    let chair = store
        .amend_decision(amendment, None, date("2031-02-20"))
        .unwrap();
    let c = store.decision(chair).unwrap();
    assert_eq!(
        (c.item_id, c.urgent, c.decided_on),
        (None, true, date("2031-02-20"))
    );
    assert_eq!(
        store.chair_action_draft(case).unwrap().map(|d| d.id),
        Some(chair)
    );
    assert_eq!(
        store.finalise_decision(chair).unwrap().to_string(),
        "CNP/30-31/0003"
    );
    // The register holds together, and the check agrees.
    let report = store.check().unwrap();
    assert!(report.ok(), "{report:?}");
}

#[test]
fn an_agenda_item_is_edited_until_the_minutes_are_approved_and_keeps_its_case_once_decided() {
    use panel_core::meeting::new_agenda_item;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, placement, meeting, item, _) = setup(&dir);
    store
        .create_case(&new_case("CN-0201", "L.M.", "", "Autism", date("2031-01-01")).unwrap())
        .unwrap();
    let edit = |kind: &str, case: &str, title: &str, minutes: &str| {
        new_agenda_item(
            kind,
            case,
            title,
            "B. Patel",
            minutes,
            "Agree the package",
            "",
        )
        .unwrap()
    };
    // Anything can change while nothing is decided: here the case, title, presenter, length.
    let audit = store.audit_count().unwrap();
    store
        .update_agenda_item(item, &edit("new_referral", "CN-0201", "Referral", "25"))
        .unwrap();
    let shown = &store.agenda(meeting).unwrap()[0];
    assert_eq!(
        (
            shown.title.as_str(),
            shown.presenter.as_str(),
            shown.minutes,
            shown.case.as_ref().map(|c| c.0.as_str())
        ),
        ("Referral", "B. Patel", 25, Some("CN-0201"))
    );
    assert!(
        store.audit_count().unwrap() > audit,
        "the change is audited"
    );
    // An unknown case is refused by field, and nothing changes.
    let before = snapshot(&store);
    let err = store
        .update_agenda_item(item, &edit("new_referral", "CN-9999", "Referral", "25"))
        .unwrap_err();
    assert_eq!(fields(err), ["case"]);
    assert_eq!(snapshot(&store), before);

    // Once a decision is drafted on it, the item stays about its case and of its kind; its
    // words and length can still change.
    store
        .update_agenda_item(item, &edit("new_referral", "CN-0200", "Referral", "25"))
        .unwrap();
    let draft = decision_input(&decision(), 3).unwrap();
    store
        .save_decision(item, None, Some(placement), &draft)
        .unwrap();
    let before = snapshot(&store);
    let err = store
        .update_agenda_item(item, &edit("change", "CN-0201", "Referral", "25"))
        .unwrap_err();
    assert_eq!(fields(err), ["kind", "case"]);
    assert_eq!(snapshot(&store), before);
    store
        .update_agenda_item(
            item,
            &edit("new_referral", "CN-0200", "New referral: J.K.", "30"),
        )
        .unwrap();
    assert_eq!(store.agenda(meeting).unwrap()[0].minutes, 30);

    // Approved minutes (the draft discarded first): nothing of the meeting changes.
    let draft_id = store.item_decisions(item).unwrap()[0].id;
    store.discard_draft(draft_id).unwrap();
    store
        .advance_minutes(meeting, MinutesStatus::Circulated)
        .unwrap();
    store
        .advance_minutes(meeting, MinutesStatus::Approved)
        .unwrap();
    let before = snapshot(&store);
    let err = store
        .update_agenda_item(item, &edit("new_referral", "CN-0200", "Late change", "30"))
        .unwrap_err();
    assert!(err.to_string().contains("approved"), "{err}");
    assert_eq!(snapshot(&store), before);
}

#[test]
fn a_decision_on_a_placement_already_running_is_measured_against_the_spend_as_it_stands() {
    use panel_core::Money;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, case, _, _, item, _) = setup(&dir);
    let draft = decision_input(&decision(), 3).unwrap();
    // A placement already running with no decision before (a review of one brought from a
    // tracker): the spend as it stands counts it, so a decision to go on funding it as it
    // runs adds nothing, and before and after are both the spend screen's figures.
    let running = store
        .save_placement(
            case,
            None,
            &placement_input(
                &PlacementInput {
                    provider: "Elm House".into(),
                    start: "01/09/2030".into(),
                    lines: vec![CostLineInput {
                        description: "Weekly fee".into(),
                        per: "week".into(),
                        amount: "3,000".into(),
                        from: "01/09/2030".into(),
                        to: String::new(),
                    }],
                    splits: vec![SplitInput {
                        from: "01/09/2030".into(),
                        shares: vec!["50".into(), "0".into(), "50".into()],
                    }],
                    ..self::placement()
                },
                3,
            )
            .unwrap(),
        )
        .unwrap();
    let review = store
        .save_decision(item, None, Some(running), &draft)
        .unwrap();
    for y in store.decision_impact(review).unwrap() {
        let spend = store.spend(y.year, y.year.end()).unwrap();
        let projected: Vec<Money> = spend.partners.iter().map(|p| p.projected).collect();
        assert_eq!(y.before, projected, "{}", y.year);
        assert_eq!(y.after, projected, "{}", y.year);
        assert!(
            y.words()
                .contains("leaves the pool's projected spend as it was"),
            "{}",
            y.words()
        );
    }
}

#[test]
fn a_decision_shows_what_it_does_to_the_pool_and_keeps_it_when_final() {
    use panel_core::Money;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, case, placement, _, item, health) = setup(&dir);
    let draft = decision_input(&decision(), 3).unwrap();
    let id = store
        .save_decision(item, None, Some(placement), &draft)
        .unwrap();
    // The meeting is in 2030/31: that year and the next, before (without Brook Lodge, never
    // approved before) and after (with it), each partner's projected spend as panel spend has
    // it, to the penny.
    let impact = store.decision_impact(id).unwrap();
    let years: Vec<String> = impact.iter().map(|y| y.year.to_string()).collect();
    assert_eq!(years, ["2030/31", "2031/32"]);
    let (_, brook) = store.placement(placement).unwrap();
    for y in &impact {
        let spend = store.spend(y.year, y.year.end()).unwrap();
        let mut own = [Money::ZERO; 3];
        for s in brook
            .record
            .placement
            .segments(y.year.start(), y.year.end())
        {
            for (k, share) in s.shares.iter().enumerate() {
                own[k] += *share;
            }
        }
        for (k, (partner, own)) in spend.partners.iter().zip(own).enumerate() {
            assert_eq!(y.after[k], partner.projected, "{} {k}", y.year);
            assert_eq!(y.before[k], partner.projected - own);
        }
        assert!(!y.has_agreement);
        assert!(y.spend_after() > y.spend_before());
        assert!(y.words().contains("adds £"), "{}", y.words());
    }
    // A declined decision changes nothing.
    let mut declined = decision();
    declined.outcome = "declined".into();
    declined.review_date = String::new();
    let other = store
        .save_decision(
            item,
            Some(id),
            Some(placement),
            &decision_input(&declined, 3).unwrap(),
        )
        .unwrap();
    for y in store.decision_impact(other).unwrap() {
        assert_eq!(y.before, y.after);
        assert!(
            y.words()
                .contains("leaves the pool's projected spend as it was")
        );
    }
    store
        .save_decision(item, Some(id), Some(placement), &draft)
        .unwrap();

    // Finalised, the impact is kept as it was, whatever changes after.
    store.set_attendance(health, Attendance::Present).unwrap();
    store.finalise_decision(id).unwrap();
    assert_eq!(store.decision_impact(id).unwrap(), impact);
    let mut dearer = placement_input(&self::placement(), 3).unwrap();
    dearer.placement.cost_lines[0].amount = Money::from_pounds(9_000);
    store
        .save_placement(case, Some(placement), &dearer)
        .unwrap();
    assert_eq!(store.decision_impact(id).unwrap(), impact);
    // It travels in the data file, and panel check finds it changed behind the program's back.
    let text = write_dataset(&store.export().unwrap());
    assert!(text.contains("\"impact\": ["), "the impact is exported");
    let fresh_dir = tempfile::tempdir().unwrap();
    let mut fresh = Store::open(&fresh_dir.path().join("b.sqlite3"), "tester").unwrap();
    fresh.import(&read_dataset(&text).unwrap()).unwrap();
    assert_eq!(write_dataset(&fresh.export().unwrap()), text);
    assert!(store.check().unwrap().ok());
    store
        .connection()
        .execute_batch(
            "DROP TRIGGER decision_impacts_no_update;
             UPDATE decision_impacts SET after_pence = after_pence - 100;",
        )
        .unwrap();
    let found = check_problems(&store);
    assert!(
        found.contains(
            &"the financial impact of CNP/30-31/0001 is not as it was finalised".to_string()
        ),
        "{found:?}"
    );
}

#[test]
fn the_indicative_budget_stands_beside_the_package_and_is_kept_when_final() {
    use panel_core::Money;
    use panel_core::ras::{AreaInput, LevelInput, table_input};
    let dir = tempfile::tempdir().unwrap();
    let (mut store, case, placement, _, item, health) = setup(&dir);
    let today = date("2031-01-16");
    let areas = |high: &str| {
        let level = |name: &str, points: &str| LevelInput {
            name: name.into(),
            points: points.into(),
        };
        vec![
            AreaInput {
                name: "Personal care".into(),
                levels: vec![level("None", "0"), level("Some", "40"), level("High", high)],
            },
            AreaInput {
                name: "Behaviour".into(),
                levels: vec![level("None", "0"), level("Some", "30"), level("High", "90")],
            },
        ]
    };
    let choices = |care: &str, behaviour: &str| {
        vec![
            ("Personal care".to_string(), care.to_string()),
            ("Behaviour".to_string(), behaviour.to_string()),
        ]
    };
    // No table for 2030/31 yet: the assessment is refused, and nothing changes.
    let before = snapshot(&store);
    let e = store
        .record_assessment(case, date("2031-01-10"), &choices("High", "Some"), today)
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("no resource allocation table for 2030/31"),
        "{e}"
    );
    assert_eq!(snapshot(&store), before);
    let table = table_input("2030/31", "25.00", &areas("120")).unwrap();
    store.save_allocation_table(&table).unwrap();
    assert_eq!(store.allocation_tables().unwrap(), vec![table.clone()]);
    // Refused at its field, changing nothing: a day after today, a level the area lacks.
    let before = snapshot(&store);
    let e = store
        .record_assessment(case, date("2031-01-17"), &choices("High", "Some"), today)
        .unwrap_err();
    assert_eq!(fields(e), ["assessed_on"]);
    let e = store
        .record_assessment(
            case,
            date("2031-01-10"),
            &choices("Very high", "Some"),
            today,
        )
        .unwrap_err();
    assert_eq!(fields(e), ["scores.0"]);
    assert_eq!(snapshot(&store), before);
    store
        .record_assessment(case, date("2031-01-10"), &choices("High", "Some"), today)
        .unwrap();

    // The draft: 150 points at £25.00 is £3,750.00 a week, beside a package of £5,200.00 a
    // week and £18,250.00 a year (£350.00 a week): £5,550.00, £1,800.00 above.
    let draft = decision_input(&decision(), 3).unwrap();
    let id = store
        .save_decision(item, None, Some(placement), &draft)
        .unwrap();
    let shown = store.decision_indicative(id).unwrap().unwrap();
    assert_eq!(shown.points, 150);
    assert_eq!(shown.budget, Money::from_pounds(3_750));
    assert_eq!(shown.package, Money::from_pounds(5_550));
    assert_eq!(
        shown.difference_words(),
        "£1,800.00 a week above the indicative budget"
    );

    // Finalised, it is kept: a dearer table, a new assessment and a dearer placement later
    // change nothing of it.
    store.set_attendance(health, Attendance::Present).unwrap();
    store.finalise_decision(id).unwrap();
    assert_eq!(store.decision_indicative(id).unwrap(), Some(shown.clone()));
    store
        .save_allocation_table(&table_input("2030/31", "30.00", &areas("150")).unwrap())
        .unwrap();
    store
        .record_assessment(case, date("2031-01-16"), &choices("High", "High"), today)
        .unwrap();
    let mut dearer = placement_input(&self::placement(), 3).unwrap();
    dearer.placement.cost_lines[0].amount = Money::from_pounds(9_000);
    store
        .save_placement(case, Some(placement), &dearer)
        .unwrap();
    assert_eq!(store.decision_indicative(id).unwrap(), Some(shown));
    // The first assessment kept its points though the table changed.
    let list = store.assessments(case).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(
        list[0].assessment.weekly_budget(),
        Money::from_pounds(240 * 30)
    );
    assert_eq!(
        list[1].assessment.weekly_budget(),
        Money::from_pounds(3_750)
    );

    // Tables, assessments and the kept budget travel in the data file.
    let text = write_dataset(&store.export().unwrap());
    assert!(
        text.contains("\"indicative\": {"),
        "the kept budget is exported"
    );
    assert!(text.contains("\"allocation_tables\": ["));
    let fresh_dir = tempfile::tempdir().unwrap();
    let mut fresh = Store::open(&fresh_dir.path().join("b.sqlite3"), "tester").unwrap();
    fresh
        .import_as_of(&read_dataset(&text).unwrap(), date("2031-12-31"))
        .unwrap();
    assert_eq!(write_dataset(&fresh.export().unwrap()), text);

    // An assessment is never changed, and panel check finds a kept budget changed behind
    // the program's back.
    assert!(
        store
            .connection()
            .execute("DELETE FROM assessments", [])
            .is_err()
    );
    assert!(store.check().unwrap().ok());
    store
        .connection()
        .execute_batch(
            "DROP TRIGGER decision_indicatives_no_update;
             UPDATE decision_indicatives SET package_pence = package_pence - 100;",
        )
        .unwrap();
    let found = check_problems(&store);
    assert!(
        found.contains(
            &"the indicative budget beside CNP/30-31/0001 is not as it was finalised".to_string()
        ),
        "{found:?}"
    );
}
