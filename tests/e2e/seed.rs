//! What the tests that drive a meeting start from: the example with the 2030/31 agreement,
//! cases with a weekly placement, and meetings with the panel's three members and items.

use panel_core::entry::{CostLineInput, PlacementInput, SplitInput, new_case, placement_input};
use panel_core::meeting::{NewAgendaItem, new_attendee, new_meeting};
use panel_core::model::ItemKind;

use crate::*;

/// The panel's members, one for each funding partner in order.
pub const MEMBERS: [(&str, &str); 3] = [
    ("Helen Ward", "Children's Services"),
    ("Marcus Bell", "Education (SEND)"),
    ("Dr Priya Nair", "Health (ICB)"),
];

/// The database at `db` holding the example and the 2030/31 pooled budget agreement.
pub fn example_with_agreement(db: &Path) -> Store {
    let mut store = open_db(db);
    store.import(&read_dataset(EXAMPLE).unwrap()).unwrap();
    store
        .import(&read_dataset(AGREEMENT_2030).unwrap())
        .unwrap();
    store
}

/// A new case; returns its id.
pub fn case(store: &mut Store, reference: &str, initials: &str, born: &str, needs: &str) -> i64 {
    let today = chrono::Local::now().date_naive();
    store
        .create_case(&new_case(reference, initials, born, needs, today).unwrap())
        .unwrap()
}

/// A residential placement at `provider` from `start` at `weekly` pounds a week, open-ended,
/// shared by each `(from, [shares])` in turn.
pub fn weekly_placement(
    store: &mut Store,
    case: i64,
    provider: &str,
    start: &str,
    weekly: &str,
    splits: &[(&str, [&str; 3])],
) {
    let placement = PlacementInput {
        provider: provider.into(),
        kind: "residential".into(),
        start: start.into(),
        end: String::new(),
        lines: vec![CostLineInput {
            description: "Residential fee".into(),
            per: "week".into(),
            amount: weekly.into(),
            from: start.into(),
            to: String::new(),
        }],
        splits: splits
            .iter()
            .map(|(from, shares)| SplitInput {
                from: (*from).into(),
                shares: shares.iter().map(|s| (*s).into()).collect(),
            })
            .collect(),
    };
    store
        .save_placement(case, None, &placement_input(&placement, 3).unwrap())
        .unwrap();
}

/// A meeting on `date` at County Hall, chaired by Helen Ward, with the three members: each
/// present but Health, whose attendance is `health`. Returns its id.
pub fn meeting_with_members(store: &mut Store, date: &str, health: &str) -> i64 {
    let meeting = store
        .create_meeting(&new_meeting(date, "County Hall", "Helen Ward").unwrap())
        .unwrap();
    for (partner, (name, agency)) in MEMBERS.iter().enumerate() {
        let attendance = if partner == 2 { health } else { "present" };
        store
            .add_attendee(
                meeting,
                &new_attendee(name, agency, Some(partner), "", attendance).unwrap(),
            )
            .unwrap();
    }
    meeting
}

/// An item about the case `reference`, presented by A. Shah, asking for the placement and its
/// split to be agreed.
pub fn item(
    store: &mut Store,
    meeting: i64,
    kind: ItemKind,
    reference: &str,
    title: &str,
    minutes: u32,
) {
    store
        .add_agenda_item(
            meeting,
            &NewAgendaItem {
                kind,
                case: Some(reference.into()),
                title: title.into(),
                presenter: "A. Shah".into(),
                minutes,
                ask: "Agree the placement and its split".into(),
                ratifies: None,
            },
        )
        .unwrap();
}
