//! The demo as a new council first sees it, on a real SQLite file: a well-run panel whose next
//! meeting is quorate, with a handful of things to bring to it and one of each of a few kinds
//! of thing an auditor would ask about, whatever the day it is made for.
#![allow(clippy::unwrap_used, missing_docs)]

use std::collections::HashSet;

use chrono::NaiveDate;
use panel_core::model::{ExceptionKind, ItemKind, MinutesStatus};
use panel_store::Store;

fn d(s: &str) -> NaiveDate {
    panel_core::year::parse_iso_date(s).unwrap()
}

#[test]
fn the_demo_is_a_panel_in_order_with_a_handful_to_bring_on_any_day() {
    for today in [
        "2026-12-07",
        "2026-11-15",
        "2027-03-31",
        "2027-04-01",
        "2027-07-08",
        "2028-02-29",
    ] {
        let today = d(today);
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("panel.sqlite3"), "tester").unwrap();
        store
            .import_as_of(&panel_core::demo::demo(today), today)
            .unwrap();
        assert!(store.check().unwrap().ok(), "{today}");

        // The next meeting: after today, quorate with everyone expected, its agenda begun.
        let meetings = store.meetings().unwrap();
        let next = meetings.iter().find(|m| m.date > today).unwrap();
        assert_eq!(next.minutes_status, MinutesStatus::Draft, "{today}");
        assert!(next.quorate, "{today}: the next meeting is not quorate");
        let agenda = store.agenda(next.id).unwrap();
        assert!(
            agenda.iter().any(|i| i.kind == ItemKind::NewReferral),
            "{today}: {agenda:?}"
        );
        // Every meeting before it is quorate and decided every item.
        for m in meetings.iter().filter(|m| m.date < next.date) {
            assert!(m.quorate, "{today}: {}", m.date);
            assert!(
                m.minutes_status != MinutesStatus::Draft,
                "{today}: {}",
                m.date
            );
        }

        // A handful to bring: the reviews falling due, a chair's action to ratify, and what
        // the exceptions ask the panel to take up; not a page of them.
        let offers = store.agenda_offers(next.id).unwrap();
        assert!(
            (5..=15).contains(&offers.len()),
            "{today}: {} offers: {offers:#?}",
            offers.len()
        );
        let kinds: HashSet<ItemKind> = offers.iter().map(|o| o.kind).collect();
        for kind in [
            ItemKind::Review,
            ItemKind::Ratification,
            ItemKind::Change,
            ItemKind::Ending,
        ] {
            assert!(
                kinds.contains(&kind),
                "{today}: no {kind:?} offered: {offers:#?}"
            );
        }

        // What an auditor would ask about: a few, each of its own kind, and among them a
        // placement begun with no decision, a fee raised above the rate approved, a
        // placement ending soon on no agenda and a young person turning 18.
        let exceptions = store.exceptions(today).unwrap();
        assert!(
            (4..10).contains(&exceptions.len()),
            "{today}: {exceptions:#?}"
        );
        let kinds: Vec<ExceptionKind> = exceptions.iter().map(|e| e.kind).collect();
        let distinct: HashSet<&ExceptionKind> = kinds.iter().collect();
        assert_eq!(distinct.len(), kinds.len(), "{today}: {exceptions:#?}");
        for kind in [
            ExceptionKind::NoDecision,
            ExceptionKind::AboveApproved,
            ExceptionKind::EndingSoon,
            ExceptionKind::Turns18,
        ] {
            assert!(
                distinct.contains(&kind),
                "{today}: no {kind:?}: {exceptions:#?}"
            );
        }
        assert!(
            !distinct.contains(&ExceptionKind::NoAgreement),
            "{today}: every year with spend has its agreement"
        );
    }
}
