//! An action of a final decision recorded as done, which clears it from the exceptions (rule
//! 20), on a real SQLite file.
#![allow(clippy::unwrap_used, missing_docs)]

use panel_core::interchange::{read_dataset, write_dataset};
use panel_core::year::parse_iso_date;
use panel_store::Store;

const CLEAN: &str = include_str!("../../../docs/examples/clean-panel.json");

fn d(s: &str) -> chrono::NaiveDate {
    parse_iso_date(s).unwrap()
}

#[test]
fn an_action_done_is_recorded_once_and_clears_its_exception() {
    let mut v: serde_json::Value = serde_json::from_str(CLEAN).unwrap();
    v["decisions"][0]["actions"][0]["due"] = serde_json::json!("2026-10-01");
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("panel.sqlite3"), "tester").unwrap();
    store
        .import(&read_dataset(&v.to_string()).unwrap())
        .unwrap();
    let today = d("2026-11-15");
    let found = store.exceptions(today).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].action, Some(1));
    assert_eq!(found[0].decision.as_deref(), Some("CNP/25-26/0001"));

    // Refused by field, changing nothing: an unknown decision, an action it does not have, a
    // day after today or before the decision.
    let before = (
        write_dataset(&store.export().unwrap()),
        store.audit_count().unwrap(),
    );
    for (number, position, on, said) in [
        (
            "CNP/25-26/0009",
            1,
            "2026-11-10",
            "There is no final decision CNP/25-26/0009",
        ),
        (
            "CNP/25-26/0001",
            2,
            "2026-11-10",
            "CNP/25-26/0001 has 1 action: there is no action 2",
        ),
        (
            "CNP/25-26/0001",
            1,
            "2026-11-16",
            "16/11/2026 is after today (15/11/2026)",
        ),
        (
            "CNP/25-26/0001",
            1,
            "2026-03-19",
            "19/03/2026 is before CNP/25-26/0001 was taken, on 20/03/2026",
        ),
    ] {
        let err = store
            .complete_action(number, position, d(on), "", today)
            .unwrap_err();
        assert!(err.to_string().contains(said), "{err}");
    }
    assert_eq!(
        (
            write_dataset(&store.export().unwrap()),
            store.audit_count().unwrap()
        ),
        before
    );
    store
        .complete_action(
            "CNP/25-26/0001",
            1,
            d("2026-11-10"),
            "Signed and returned",
            today,
        )
        .unwrap();
    assert!(store.exceptions(today).unwrap().is_empty());
    let err = store
        .complete_action("CNP/25-26/0001", 1, d("2026-11-11"), "", today)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("Action 1 of CNP/25-26/0001 was recorded as done on 10/11/2026 already"),
        "{err}"
    );
    // It travels in the data file, and panel check finds it changed behind the program's back.
    let text = write_dataset(&store.export().unwrap());
    assert!(text.contains("\"note\": \"Signed and returned\""), "{text}");
    let other = tempfile::tempdir().unwrap();
    let mut fresh = Store::open(&other.path().join("b.sqlite3"), "tester").unwrap();
    fresh.import(&read_dataset(&text).unwrap()).unwrap();
    assert_eq!(write_dataset(&fresh.export().unwrap()), text);
    assert!(fresh.exceptions(today).unwrap().is_empty());
    assert!(store.check().unwrap().ok());
    store
        .connection()
        .execute_batch(
            "DROP TRIGGER actions_done_no_update; UPDATE actions_done SET done_on = '2026-11-12';",
        )
        .unwrap();
    let problems = store.check().unwrap().into_problems();
    assert!(
        problems.contains(&"action 1 of CNP/25-26/0001 is not as it was recorded done".to_string()),
        "{problems:?}"
    );
}
