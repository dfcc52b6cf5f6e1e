//! Disputes between partners on real SQLite files (rule 18): raised against an issued
//! statement, held as disputed, brought to the panel, resolved by its decision, and carried
//! to the penny as adjustment lines on the next statement.
#![allow(clippy::unwrap_used, missing_docs)]

use chrono::NaiveDate;
use panel_core::Money;
use panel_core::decision::{DecisionInput, decision_input};
use panel_core::entry::{CostLineInput, PlacementInput, SplitInput, new_case, placement_input};
use panel_core::interchange::{read_dataset, write_dataset};
use panel_core::meeting::{new_attendee, new_meeting};
use panel_core::model::{DisputeReason, DisputeScope, DisputeStatus, ItemKind};
use panel_core::statement::{NewDispute, new_dispute};
use panel_store::{Store, StoreError};

const EXAMPLE: &str = include_str!("../../../docs/examples/oakfield.json");

fn d(s: &str) -> NaiveDate {
    panel_core::year::parse_iso_date(s).unwrap()
}

fn placement(splits: &[(&str, [&str; 3])]) -> PlacementInput {
    PlacementInput {
        provider: "Brook Lodge".into(),
        kind: "residential".into(),
        start: "01/04/2030".into(),
        end: String::new(),
        lines: vec![CostLineInput {
            description: "Fee".into(),
            per: "week".into(),
            amount: "700".into(),
            from: "01/04/2030".into(),
            to: String::new(),
        }],
        splits: splits
            .iter()
            .map(|(from, shares)| SplitInput {
                from: (*from).into(),
                shares: shares.iter().map(|s| (*s).into()).collect(),
            })
            .collect(),
    }
}

/// The example, a case with a placement at £100 a day from 01/04/2030 shared 50/30/20, and
/// Health's statements for April, May and June 2030 issued on 05/07/2030.
fn setup(dir: &tempfile::TempDir) -> (Store, i64, i64) {
    let mut store = Store::open(&dir.path().join("panel.sqlite3"), "tester").unwrap();
    store.import(&read_dataset(EXAMPLE).unwrap()).unwrap();
    let case = store
        .create_case(&new_case("CN-0300", "L.M.", "04/03/2015", "Autism", d("2030-03-01")).unwrap())
        .unwrap();
    let p = store
        .save_placement(
            case,
            None,
            &placement_input(&placement(&[("01/04/2030", ["50", "30", "20"])]), 3).unwrap(),
        )
        .unwrap();
    for (from, to) in [
        ("2030-04-01", "2030-04-30"),
        ("2030-05-01", "2030-05-31"),
        ("2030-06-01", "2030-06-30"),
    ] {
        store
            .issue_statement("HE", d(from), d(to), d("2030-07-05"))
            .unwrap();
    }
    (store, case, p)
}

fn line_of(store: &Store, number: &str, placement: i64) -> (u32, Money) {
    let (_, s) = store.issued_statement(number).unwrap();
    let (i, l) = s
        .lines
        .iter()
        .enumerate()
        .find(|(_, l)| l.placement_id == placement)
        .unwrap();
    (i as u32 + 1, l.amount)
}

fn split_dispute() -> NewDispute {
    new_dispute("split", "split", "Health agreed 10% from May, not 20%").unwrap()
}

fn snapshot(store: &Store) -> (String, i64) {
    (
        write_dataset(&store.export().unwrap()),
        store.audit_count().unwrap(),
    )
}

#[test]
fn a_disputed_split_goes_to_the_panel_and_the_next_statement_carries_the_difference() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, case, p) = setup(&dir);
    let (line, may) = line_of(&store, "HE/30-31/02", p);
    assert_eq!(may, Money::from_pounds(620));

    // Health disputes the split: every line of the placement stated to it is held.
    let raised = store
        .raise_dispute("HE/30-31/02", line, &split_dispute(), d("2030-07-10"))
        .unwrap();
    assert_eq!(raised.number, "DSP/30-31/001");
    assert_eq!(raised.scope, DisputeScope::Split);
    assert_eq!(raised.reason, DisputeReason::Split);
    assert_eq!(raised.amount, Money::from_pounds(600 + 620 + 600));
    assert_eq!(raised.status, DisputeStatus::Open);
    assert_eq!(raised.escalation_date, d("2030-08-07"));
    let debts = store.debts(d("2030-07-10")).unwrap();
    let he = debts.iter().find(|x| x.partner == "HE").unwrap();
    assert_eq!(he.disputed[0], Money::from_pounds(1820));
    assert_eq!(
        he.total,
        he.undisputed.iter().copied().sum::<Money>() + he.disputed[0]
    );

    // A second dispute of the same placement while the first is open is refused, and
    // changes nothing.
    let before = snapshot(&store);
    let err = store
        .raise_dispute(
            "HE/30-31/03",
            line_of(&store, "HE/30-31/03", p).0,
            &split_dispute(),
            d("2030-07-11"),
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("DSP/30-31/001 already disputes"),
        "{err}"
    );
    assert_eq!(snapshot(&store), before);

    // Past 28 days it is escalated.
    let later = store.dispute("DSP/30-31/001", d("2030-08-08")).unwrap();
    assert!(later.escalated);
    assert_eq!(later.age_days, 29);

    // The panel takes it: an agenda item of kind "dispute" about the case.
    let meeting = store
        .create_meeting(&new_meeting("20/08/2030", "County Hall", "Helen Ward").unwrap())
        .unwrap();
    for (name, partner) in [("Helen Ward", 0), ("Marcus Bell", 1), ("Dr Priya Nair", 2)] {
        store
            .add_attendee(
                meeting,
                &new_attendee(name, "Agency", Some(partner), "", "present").unwrap(),
            )
            .unwrap();
    }
    let item = store
        .bring_dispute_to_panel("DSP/30-31/001", meeting)
        .unwrap();
    let agenda = store.agenda(meeting).unwrap();
    let entry = agenda.iter().find(|a| a.id == item).unwrap();
    assert_eq!(entry.kind, ItemKind::Dispute);
    assert!(entry.title.contains("DSP/30-31/001"), "{}", entry.title);
    let err = store
        .bring_dispute_to_panel("DSP/30-31/001", meeting)
        .unwrap_err();
    assert!(err.to_string().contains("already on the agenda"), "{err}");
    // A dispute item comes only from the register, and stays one.
    let before = snapshot(&store);
    let loose =
        panel_core::meeting::new_agenda_item("dispute", "CN-0300", "A dispute", "", "", "", "")
            .unwrap();
    let err = store.add_agenda_item(meeting, &loose).unwrap_err();
    assert!(
        err.to_string().contains("from the disputes register"),
        "{err}"
    );
    let as_review =
        panel_core::meeting::new_agenda_item("review", "CN-0300", &entry.title, "", "", "", "")
            .unwrap();
    let err = store.update_agenda_item(item, &as_review).unwrap_err();
    assert!(err.to_string().contains("its kind stays"), "{err}");
    assert_eq!(snapshot(&store), before);

    // It decides Health's share is 10% from 1 May.
    store
        .save_placement(
            case,
            Some(p),
            &placement_input(
                &placement(&[
                    ("01/04/2030", ["50", "30", "20"]),
                    ("01/05/2030", ["60", "30", "10"]),
                ]),
                3,
            )
            .unwrap(),
        )
        .unwrap();
    let input = DecisionInput {
        outcome: "approved".into(),
        subject: "Dispute DSP/30-31/001: Health's share".into(),
        paragraphs: vec!["Health's share is 10% from 01/05/2030".into()],
        reasons: "Agreed at the placement's start".into(),
        alternatives: "None".into(),
        conditions: vec![],
        actions: vec![],
        review_date: "20/02/2031".into(),
        reduction: false,
        effective_from: String::new(),
        assents: vec!["agree".into(), "agree".into(), "agree".into()],
    };
    let decision = store
        .save_decision(item, None, Some(p), &decision_input(&input, 3).unwrap())
        .unwrap();
    let number = store.finalise_decision(decision).unwrap().to_string();
    let resolved = store.dispute("DSP/30-31/001", d("2030-08-21")).unwrap();
    assert_eq!(resolved.status, DisputeStatus::Resolved);
    assert_eq!(resolved.decision.as_deref(), Some(number.as_str()));
    assert_eq!(resolved.closed_on, Some(d("2030-08-20")));
    // Nothing is held any more; on a day before, it still was.
    let he = |as_of| {
        store
            .debts(d(as_of))
            .unwrap()
            .into_iter()
            .find(|x| x.partner == "HE")
            .unwrap()
    };
    assert_eq!(he("2030-08-21").disputed, [Money::ZERO; 4]);
    assert_eq!(he("2030-08-19").disputed[1], Money::from_pounds(1820));
    // Closed, it cannot be withdrawn or brought again.
    assert!(
        store
            .withdraw_dispute("DSP/30-31/001", "", d("2030-08-22"))
            .is_err()
    );

    // July's statement carries adjustments for May (-£310) and June (-£300), each citing
    // the dispute and the decision; April is as stated.
    let (_, july) = store
        .issue_statement("HE", d("2030-07-01"), d("2030-07-31"), d("2030-08-22"))
        .unwrap();
    let adjustments: Vec<_> = july
        .lines
        .iter()
        .filter(|l| l.adjusts.is_some() && l.placement_id == p)
        .collect();
    let shown: Vec<(&str, Money)> = adjustments
        .iter()
        .map(|l| (l.adjusts.as_deref().unwrap(), l.amount))
        .collect();
    assert_eq!(
        shown,
        [
            ("HE/30-31/02", Money::from_pounds(-310)),
            ("HE/30-31/03", Money::from_pounds(-300)),
        ]
    );
    for l in &adjustments {
        assert_eq!(l.disputes, ["DSP/30-31/001"]);
        assert!(l.decisions.contains(&number), "{l:?}");
        assert_eq!(l.share_text(), "10%");
    }
    // Each adjustment is the difference the decision makes to the statement it adjusts.
    for number in ["HE/30-31/02", "HE/30-31/03"] {
        let (issued, _) = store.issued_statement(number).unwrap();
        let (_, was) = line_of(&store, number, p);
        let now: Money = store
            .statement("HE", issued.from, issued.to)
            .unwrap()
            .lines
            .iter()
            .filter(|l| l.placement_id == p && l.adjusts.is_none())
            .map(|l| l.amount)
            .sum();
        let adjusted: Money = adjustments
            .iter()
            .filter(|l| l.adjusts.as_deref() == Some(number))
            .map(|l| l.amount)
            .sum();
        assert_eq!(adjusted, now - was, "{number}");
    }
    // Everything stated to Health on the placement is its share to date, to the penny:
    // April 20% of £3,000, then 10% of May, June and July.
    let stated: Money = ["HE/30-31/01", "HE/30-31/02", "HE/30-31/03", "HE/30-31/04"]
        .iter()
        .flat_map(|n| store.issued_statement(n).unwrap().1.lines)
        .filter(|l| l.placement_id == p)
        .map(|l| l.amount)
        .sum();
    assert_eq!(stated, Money::from_pounds(600 + 310 + 300 + 310));
    // The next statement owes no further adjustment for it.
    let august = store
        .statement("HE", d("2030-08-01"), d("2030-08-31"))
        .unwrap();
    assert!(
        august.lines.iter().all(|l| l.adjusts.is_none()),
        "{august:?}"
    );

    // Adjustments, disputes and all travel in the data file and come back the same.
    let text = write_dataset(&store.export().unwrap());
    assert!(text.contains("\"adjusts\": \"HE/30-31/02\""), "{text}");
    let dir2 = tempfile::tempdir().unwrap();
    let mut copy = Store::open(&dir2.path().join("copy.sqlite3"), "tester").unwrap();
    copy.import_as_of(&read_dataset(&text).unwrap(), d("2031-12-31"))
        .unwrap();
    assert_eq!(write_dataset(&copy.export().unwrap()), text);
    assert_eq!(
        copy.disputes(d("2030-08-22")).unwrap(),
        store.disputes(d("2030-08-22")).unwrap()
    );
}

#[test]
fn a_dispute_is_withdrawn_refused_when_wrong_and_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, p) = setup(&dir);
    let (line, amount) = line_of(&store, "HE/30-31/01", p);
    let before = snapshot(&store);
    for (statement, line, message) in [
        ("HE/30-31/09", 1, "there is no issued statement HE/30-31/09"),
        ("HE/30-31/01", 0, "HE/30-31/01 has no line 0"),
        ("HE/30-31/01", 99, "HE/30-31/01 has no line 99"),
    ] {
        let err = store
            .raise_dispute(
                statement,
                line,
                &new_dispute("line", "rate", "").unwrap(),
                d("2030-07-10"),
            )
            .unwrap_err();
        assert!(err.to_string().contains(message), "{err}");
    }
    assert_eq!(snapshot(&store), before);
    let err = new_dispute("line", "other", " ").unwrap_err();
    assert_eq!(err[0].field, "note");
    let err = new_dispute("everything", "why", "").unwrap_err();
    assert_eq!(
        err.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
        ["scope", "reason"]
    );

    let raised = store
        .raise_dispute(
            "HE/30-31/01",
            line,
            &new_dispute("line", "rate", "The fee rose in April").unwrap(),
            d("2030-07-10"),
        )
        .unwrap();
    assert_eq!(raised.amount, amount);
    let withdrawn = store
        .withdraw_dispute(&raised.number, "Invoice checked", d("2030-07-20"))
        .unwrap();
    assert_eq!(withdrawn.status, DisputeStatus::Withdrawn);
    assert_eq!(withdrawn.age_days, 10);
    assert_eq!(withdrawn.closing_note, "Invoice checked");
    // Owed again in full; held while it was open.
    let held = |as_of| {
        store
            .debts(d(as_of))
            .unwrap()
            .into_iter()
            .find(|x| x.partner == "HE")
            .unwrap()
            .disputed[0]
    };
    assert_eq!(held("2030-07-15"), amount);
    assert_eq!(held("2030-07-20"), Money::ZERO);
    // The register keeps it; the schema refuses a rewrite or a removal, even in raw SQL.
    for sql in [
        "UPDATE disputes SET status = 'open', closed_on = NULL",
        "UPDATE disputes SET amount_pence = 1",
        "DELETE FROM disputes",
        "DELETE FROM dispute_holds",
    ] {
        assert!(store.connection().execute(sql, []).is_err(), "{sql}");
    }
    assert!(matches!(
        store.withdraw_dispute(&raised.number, "", d("2030-07-21")),
        Err(StoreError::Invalid(_))
    ));
}
