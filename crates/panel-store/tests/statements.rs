//! Partner statements on real SQLite files (rule 17).
#![allow(clippy::unwrap_used, missing_docs)]

use chrono::{Months, NaiveDate};
use panel_core::Money;
use panel_core::year::FinancialYear;
use panel_store::{Store, StoreError};

fn d(s: &str) -> NaiveDate {
    panel_core::year::parse_iso_date(s).unwrap()
}

fn demo_store(dir: &tempfile::TempDir, today: NaiveDate) -> Store {
    let mut store = Store::open(&dir.path().join("panel.sqlite3"), "tester").unwrap();
    store.import(&panel_core::demo::demo(today)).unwrap();
    store
}

#[test]
fn twelve_monthly_statements_add_up_to_the_years_spend_for_every_partner() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(&dir, d("2026-12-01"));
    for start in [2024, 2025, 2026] {
        let year = FinancialYear::starting(start).unwrap();
        let spend = store.spend(year, year.end()).unwrap();
        for (k, partner) in store.partners().unwrap().iter().enumerate() {
            let mut sum = Money::ZERO;
            let mut from = year.start();
            let mut lines = 0;
            while from <= year.end() {
                let to = from
                    .checked_add_months(Months::new(1))
                    .unwrap()
                    .pred_opt()
                    .unwrap();
                let s = store.statement(&partner.code, from, to).unwrap();
                assert_eq!(s.total, s.lines.iter().map(|l| l.amount).sum::<Money>());
                assert!(s.lines.iter().all(|l| l.from == from && l.to == to));
                lines += s.lines.len();
                sum += s.total;
                from = to.succ_opt().unwrap();
            }
            assert!(lines > 0, "{year} {}", partner.code);
            assert_eq!(sum, spend.partners[k].to_date, "{year} {}", partner.code);
            // The year in one statement is the same sum.
            let whole = store
                .statement(&partner.code, year.start(), year.end())
                .unwrap();
            assert_eq!(whole.total, sum);
        }
    }
}

#[test]
fn a_statement_across_31_march_is_cut_there_and_each_line_cites_its_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(&dir, d("2026-12-01"));
    let s = store
        .statement("HE", d("2026-03-01"), d("2026-04-30"))
        .unwrap();
    assert_eq!(s.parts.len(), 2);
    assert_eq!(s.parts[0].year.to_string(), "2025/26");
    assert_eq!(s.parts[1].year.to_string(), "2026/27");
    assert!(s.lines.iter().any(|l| l.to == d("2026-03-31")));
    assert!(s.lines.iter().any(|l| l.from == d("2026-04-01")));
    let march = store
        .statement("HE", d("2026-03-01"), d("2026-03-31"))
        .unwrap();
    let april = store
        .statement("HE", d("2026-04-01"), d("2026-04-30"))
        .unwrap();
    assert_eq!(s.total, march.total + april.total);
    for l in &s.lines {
        assert!(!l.case_reference.is_empty() && !l.provider.is_empty());
        assert!(l.days <= 31);
        if l.days > 0 {
            assert!(!l.shares.is_empty(), "{l:?}");
        }
    }
    // The placements the demo's meetings decided cite their decisions' numbers, from the day
    // each was decided.
    let november = store
        .statement("HE", d("2026-11-01"), d("2026-11-30"))
        .unwrap();
    let cited: Vec<&String> = november.lines.iter().flat_map(|l| &l.decisions).collect();
    assert!(!cited.is_empty(), "{november:?}");
    assert!(
        cited.iter().all(|n| n.starts_with("CNP/26-27/")),
        "{cited:?}"
    );
}

#[test]
fn an_unknown_partner_or_a_period_ending_before_it_starts_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(&dir, d("2026-12-01"));
    let err = store
        .statement("XX", d("2026-04-01"), d("2026-04-30"))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Field(f) if f[0].field == "partner"
            && f[0].message == "There is no partner with the code \"XX\" (the partners are SC, ED, HE)"),
        "{err}"
    );
    let err = store
        .statement("HE", d("2026-04-30"), d("2026-04-01"))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("The period ends on 01/04/2026 before it starts on 30/04/2026"),
        "{err}"
    );
}
