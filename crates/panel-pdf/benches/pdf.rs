//! How long printing takes: one record of decision from a real store.
#![allow(clippy::unwrap_used, missing_docs)]

use panel_pdf::{Redaction, record_pdf};
use panel_store::Store;

fn main() {
    divan::main();
}

/// The demo data's store and its decision ids.
fn demo() -> (tempfile::TempDir, Store, Vec<i64>) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("panel.sqlite3"), "bench").unwrap();
    let today = panel_core::year::parse_iso_date("2026-11-23").unwrap();
    store.import(&panel_core::demo::demo(today)).unwrap();
    let ids = (1..=5)
        .map(|k| {
            store
                .decision_by_number(&format!("CNP/26-27/{k:04}"))
                .unwrap()
        })
        .collect();
    (dir, store, ids)
}

#[divan::bench]
fn one_record(b: divan::Bencher) {
    let (_dir, store, ids) = demo();
    b.bench_local(|| {
        let record = panel_app::documents::record(&store, ids[0]).unwrap();
        record_pdf(&record, Redaction::Full).unwrap()
    });
}

#[divan::bench]
fn one_record_redacted(b: divan::Bencher) {
    let (_dir, store, ids) = demo();
    let record = panel_app::documents::record(&store, ids[1]).unwrap();
    b.bench_local(|| record_pdf(&record, Redaction::Published).unwrap());
}

/// The same record for publication in a large county's register: 3,000 other cases'
/// references and initials withheld beside the case's own, and five providers of its own.
#[divan::bench]
fn one_record_redacted_among_3000_cases(b: divan::Bencher) {
    let (_dir, store, ids) = demo();
    let mut record = panel_app::documents::record(&store, ids[1]).unwrap();
    let letters: Vec<char> = ('A'..='Z').collect();
    record.other_cases = (0..3000)
        .map(|k| {
            (
                format!("CN-{:04}", 5000 + k),
                format!("{}.{}.", letters[k % 26], letters[(k / 26) % 26]),
            )
        })
        .collect();
    record.providers.extend(
        [
            "Oak-field Lodge",
            "St. Mary's House",
            "New Horizons",
            "Brook Farm",
        ]
        .map(String::from),
    );
    b.bench_local(|| record_pdf(&record, Redaction::Published).unwrap());
}

/// The demo's store with a meeting of `items` items, each about a different case and each
/// with a final decision on its latest placement. Returns the meeting's id.
fn big_meeting(items: usize) -> (tempfile::TempDir, Store, i64) {
    use panel_core::decision::{ActionInput, DecisionInput, decision_input};
    use panel_core::meeting::{NewAgendaItem, new_attendee, new_meeting};
    use panel_core::model::ItemKind;

    let (dir, mut store, _) = demo();
    let day = panel_core::year::parse_iso_date("2027-02-11").unwrap();
    let meeting = store
        .create_meeting(&new_meeting("11/02/2027", "County Hall", "Helen Ward").unwrap())
        .unwrap();
    for (name, agency, partner) in [
        ("Helen Ward", "Children's Services", Some(0)),
        ("Marcus Bell", "Education (SEND)", Some(1)),
        ("Dr Priya Nair", "Health (ICB)", Some(2)),
        ("Sam Okafor", "Virtual School", None),
        ("Jo Reid", "Adult Care", None),
    ] {
        store
            .add_attendee(
                meeting,
                &new_attendee(name, agency, partner, "", "present").unwrap(),
            )
            .unwrap();
    }
    let reasons = "The assessed needs cannot be met by local or universal services, and the placement is the least restrictive option that meets them. ".repeat(8);
    let cases = store.cases(day).unwrap();
    assert!(cases.len() >= items, "the demo has {} cases", cases.len());
    for c in cases.iter().take(items) {
        let detail = store.case(c.id).unwrap();
        let placement = detail.placements.last().map(|p| p.id);
        let item = store
            .add_agenda_item(
                meeting,
                &NewAgendaItem {
                    kind: ItemKind::Review,
                    case: Some(c.reference.clone()),
                    title: "Six-monthly review".into(),
                    presenter: "A. Shah, Social Worker".into(),
                    minutes: 15,
                    ask: "Confirm continued funding and split".into(),
                    ratifies: None,
                },
            )
            .unwrap();
        let input = DecisionInput {
            outcome: "approved_with_conditions".into(),
            subject: "Six-monthly review".into(),
            paragraphs: vec![
                "Continue funding at the current rate and split.".into(),
                "Review again in six months.".into(),
                "Ask the provider for a transition plan.".into(),
            ],
            reasons: reasons.clone(),
            alternatives: "A local day placement: rejected, needs too complex.".into(),
            conditions: vec!["A progress report before the next review".into()],
            actions: (0..2)
                .map(|k| ActionInput {
                    action: format!("Action {k}: update the placement agreement"),
                    owner: "Commissioning".into(),
                    due: "11/03/2027".into(),
                })
                .collect(),
            review_date: "11/08/2027".into(),
            reduction: false,
            effective_from: String::new(),
            assents: vec!["agree".into(); 3],
        };
        let id = store
            .save_decision(item, None, placement, &decision_input(&input, 3).unwrap())
            .unwrap();
        store.finalise_decision(id).unwrap();
    }
    (dir, store, meeting)
}

#[divan::bench]
fn minutes_of_a_40_item_meeting(b: divan::Bencher) {
    let (_dir, store, meeting) = big_meeting(40);
    b.bench_local(|| {
        let minutes = panel_app::documents::minutes(&store, meeting).unwrap();
        panel_pdf::minutes_pdf(&minutes).unwrap()
    });
}

#[divan::bench]
fn agenda_pack_of_a_40_item_meeting(b: divan::Bencher) {
    let (_dir, store, meeting) = big_meeting(40);
    b.bench_local(|| {
        let pack = panel_app::documents::agenda_pack(&store, meeting).unwrap();
        panel_pdf::agenda_pdf(&pack).unwrap()
    });
}

/// The spend report of the demo's current year: the screen's figures for every partner,
/// month, year and placement, set and rendered.
#[divan::bench]
fn spend_report(b: divan::Bencher) {
    let (_dir, store, _) = demo();
    let today = panel_core::year::parse_iso_date("2026-11-23").unwrap();
    let year = panel_core::FinancialYear::containing(today);
    b.bench_local(|| {
        let paper = panel_app::documents::spend_paper(&store, year, today, today).unwrap();
        panel_pdf::spend_pdf(&paper).unwrap()
    });
}
