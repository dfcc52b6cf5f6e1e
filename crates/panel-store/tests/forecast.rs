//! What placements cost after each child's 18th birthday (rule 19), and next year's cost of
//! the placements on record against its agreement (rule 4), on a real SQLite file.
#![allow(clippy::unwrap_used, missing_docs)]

use panel_core::Money;
use panel_core::interchange::read_dataset;
use panel_core::year::FinancialYear;
use panel_store::Store;

const CLEAN: &str = include_str!("../../../docs/examples/clean-panel.json");

/// The clean panel (£1,000.00 a week from 01/04/2026, half Social care, half Education),
/// its child born on `dob`.
fn store(dir: &tempfile::TempDir, dob: &str) -> Store {
    let mut v: serde_json::Value = serde_json::from_str(CLEAN).unwrap();
    v["cases"][0]["date_of_birth"] = serde_json::json!(dob);
    let mut store = Store::open(&dir.path().join("panel.sqlite3"), "tester").unwrap();
    store
        .import(&read_dataset(&v.to_string()).unwrap())
        .unwrap();
    store
}

#[test]
fn the_cost_after_an_18th_birthday_is_shown_apart_and_next_year_is_forecast() {
    let dir = tempfile::tempdir().unwrap();
    // Born 28/02/2009: 18 on 28/02/2027, 32 days before 2026/27 ends.
    let store = store(&dir, "2009-02-28");
    let this = FinancialYear::starting(2026).unwrap();
    let after = store.after_eighteen(this).unwrap();
    // 32 days at £1,000.00 a week: £4,571.43, shared half and half, the odd penny to the
    // first partner (rule 5).
    assert_eq!(after.total, Money::from_pence(457_143));
    assert_eq!(
        after.partners,
        vec![
            Money::from_pence(228_572),
            Money::from_pence(228_571),
            Money::ZERO
        ]
    );
    assert_eq!(after.children, 1);
    // Next year, 2027/28, has 366 days (29 February 2028), every one after the birthday; it
    // has no agreement.
    let next = store.next_year(this).unwrap();
    assert_eq!(next.spend.year, this.next());
    assert!(!next.spend.has_agreement);
    assert_eq!(next.spend.to_date, Money::ZERO);
    assert_eq!(next.spend.projected, Money::from_pence(5_228_571));
    assert_eq!(next.after_eighteen.total, next.spend.projected);
    assert_eq!(
        next.spend.projected,
        store
            .spend(this.next(), this.next().end())
            .unwrap()
            .projected
    );
    // With a 10% uplift assumed, next year's rates are £1,100.00 a week: 366 days, £57,514.29;
    // this year is as it was.
    let mut store = store;
    let mut finance = store.finance_settings().unwrap();
    finance.uplift = panel_core::Percent::parse("10").unwrap();
    store.save_finance_settings(&finance).unwrap();
    let next = store.next_year(this).unwrap();
    assert_eq!(next.spend.projected, Money::from_pence(5_751_429));
    assert_eq!(next.after_eighteen.total, next.spend.projected);
    assert_eq!(
        store.after_eighteen(this).unwrap().total,
        Money::from_pence(457_143)
    );
    // A child who turns 18 after next year: nothing after 18 in either year.
    let dir = tempfile::tempdir().unwrap();
    let young = store_young(&dir);
    assert_eq!(young.after_eighteen(this).unwrap().total, Money::ZERO);
    assert_eq!(young.next_year(this).unwrap().after_eighteen.children, 0);
}

fn store_young(dir: &tempfile::TempDir) -> Store {
    store(dir, "2014-05-10")
}

/// What the spend reads is kept between requests and read again once anything is committed,
/// by this connection or another program's.
#[test]
fn the_spend_follows_every_change_made_here_or_by_another_program() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(&dir, "2014-05-10");
    let year = FinancialYear::starting(2026).unwrap();
    // Asked twice each time: once read for the year, then every placement read and kept.
    let projected = |s: &Store| {
        let once = s.spend(year, year.end()).unwrap().projected;
        let again = s.spend(year, year.end()).unwrap().projected;
        let third = s.spend(year, year.end()).unwrap().projected;
        assert_eq!((once, again), (third, third));
        once
    };
    // £1,000.00 a week for the whole year (365 days).
    assert_eq!(projected(&store), Money::from_pence(5_214_286));
    assert_eq!(projected(&store), Money::from_pence(5_214_286));
    let case = store.case_id("CN-0001").unwrap();
    let id = store.case(case).unwrap().placements[0].id;
    let (_, mut entry) = store.placement(id).unwrap();
    entry.record.placement.cost_lines[0].amount = Money::from_pounds(2_000);
    store.save_placement(case, Some(id), &entry.record).unwrap();
    assert_eq!(projected(&store), Money::from_pence(10_428_571));
    // Another program ends the placement on 30/09/2026: 183 days at £2,000.00 a week.
    let other = Store::open(&dir.path().join("panel.sqlite3"), "another program").unwrap();
    other
        .connection()
        .execute(
            "UPDATE placements SET end_date = '2026-09-30' WHERE id = ?1",
            [id],
        )
        .unwrap();
    assert_eq!(projected(&store), Money::from_pence(5_228_571));
    // Within a transaction of its own, a change not yet committed is seen.
    store
        .connection()
        .execute_batch("BEGIN; UPDATE placements SET end_date = '2026-04-30' WHERE id = 1;")
        .unwrap();
    assert_eq!(projected(&store), Money::from_pence(857_143));
    store.connection().execute_batch("ROLLBACK").unwrap();
    assert_eq!(projected(&store), Money::from_pence(5_228_571));
}

/// Kept placements give every figure a fresh read gives: the spend screen (which takes the
/// kept list whole), each year's spend and statement period (which take part of it).
#[test]
fn kept_placements_give_the_figures_a_fresh_read_gives() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.sqlite3");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    Store::open(&path, "test")
        .unwrap()
        .import(&panel_core::demo::demo(today))
        .unwrap();
    let kept = Store::open(&path, "test").unwrap();
    let filter = panel_core::analysis::Filter::default();
    for start in 2022..=2027 {
        let year = FinancialYear::starting(start).unwrap();
        let as_of = today.min(year.end());
        let fresh = Store::open(&path, "test").unwrap();
        let screen = fresh.spend_screen(year, as_of, &filter).unwrap();
        let spend = Store::open(&path, "test")
            .unwrap()
            .spend(year, as_of)
            .unwrap();
        assert!(!screen.placements.is_empty(), "{year} has placements");
        for _ in 0..3 {
            assert_eq!(kept.spend_screen(year, as_of, &filter).unwrap(), screen);
            assert_eq!(kept.spend(year, as_of).unwrap(), spend);
        }
    }
}
