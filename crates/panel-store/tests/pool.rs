//! A pooled year's contributions called and paid in (rule 7), and where they stood on each
//! partner statement, on real SQLite files.
#![allow(clippy::unwrap_used, missing_docs)]

use chrono::NaiveDate;
use panel_core::Money;
use panel_core::model::PoolKind;
use panel_core::year::FinancialYear;
use panel_store::Store;

fn d(s: &str) -> NaiveDate {
    panel_core::year::parse_iso_date(s).unwrap()
}

const TODAY: &str = "2026-12-01";

fn demo_store(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("panel.sqlite3"), "tester").unwrap();
    store.import(&panel_core::demo::demo(d(TODAY))).unwrap();
    store
}

#[test]
fn a_pooled_years_statement_shows_the_contribution_called_and_paid_in_beside_the_spend() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir);
    let year = FinancialYear::starting(2026).unwrap();
    let he = store
        .partners()
        .unwrap()
        .iter()
        .position(|p| p.code == "HE")
        .unwrap();
    let agreed = store.agreement(year).unwrap().unwrap().contributions[he];

    // The demo calls a quarter as each quarter begins and is paid three weeks later: by the
    // end of October, three quarters called and paid in.
    let s = store
        .statement("HE", d("2026-10-01"), d("2026-10-31"))
        .unwrap();
    assert_eq!(s.pool.len(), 1);
    let x = &s.pool[0];
    assert_eq!((x.year, x.on), (year, d("2026-10-31")));
    assert_eq!(x.contribution, agreed);
    let quarter = Money::from_pence(agreed.pence() / 4);
    assert_eq!(x.called, quarter + quarter + quarter);
    assert_eq!(x.paid_in, x.called);
    // The share of the spend to date is panel spend's, and what the year's statements add to.
    let spend = store.spend(year, d("2026-10-31")).unwrap();
    assert_eq!(x.spend, spend.partners[he].to_date);
    let so_far = store
        .statement("HE", year.start(), d("2026-10-31"))
        .unwrap();
    assert_eq!(so_far.total, x.spend);
    assert!(
        x.words()
            .starts_with("2026/27 pooled budget at 31/10/2026: contribution £")
    );

    // Issued, it keeps the figures as they stood; a call recorded later for a day in the
    // period changes the preview, never the statement.
    let (issued, as_issued) = store
        .issue_statement("HE", d("2026-10-01"), d("2026-10-31"), d(TODAY))
        .unwrap();
    store
        .record_pool_entry(
            "HE",
            year,
            PoolKind::Call,
            d("2026-10-15"),
            Money::from_pounds(1_000),
            "INV late",
            d(TODAY),
        )
        .unwrap();
    let preview = store
        .statement("HE", d("2026-10-01"), d("2026-10-31"))
        .unwrap();
    assert_eq!(preview.pool[0].called, x.called + Money::from_pounds(1_000));
    let (_, read) = store.issued_statement(&issued.number).unwrap();
    assert_eq!(read, as_issued);
    assert_eq!(read.pool[0].called, x.called);

    // A period across 31 March shows each pooled year at its own last day.
    let across = store
        .statement("HE", d("2026-03-01"), d("2026-04-30"))
        .unwrap();
    let years: Vec<_> = across
        .pool
        .iter()
        .map(|x| (x.year.to_string(), x.on))
        .collect();
    assert_eq!(
        years,
        vec![
            ("2025/26".to_string(), d("2026-03-31")),
            ("2026/27".to_string(), d("2026-04-30"))
        ]
    );
    assert_eq!(across.pool[0].called, across.pool[0].contribution);
    assert_eq!(across.pool[1].called, quarter);
    // The partner that pays the providers is called for nothing.
    let sc = store
        .statement("SC", d("2026-10-01"), d("2026-10-31"))
        .unwrap();
    assert_eq!(sc.pool[0].called, Money::ZERO);
}

#[test]
fn contributions_and_statements_pooled_figures_travel_in_the_data_file_and_are_checked() {
    use panel_core::interchange::{read_dataset, write_dataset};
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir);
    store
        .issue_statement("HE", d("2026-10-01"), d("2026-10-31"), d(TODAY))
        .unwrap();
    let text = write_dataset(&store.export().unwrap());
    assert!(text.contains("\"pool\": ["), "{}", &text[..200]);
    assert!(
        text.contains("\"paid_in\": "),
        "the statement's pool is written"
    );
    let fresh_dir = tempfile::tempdir().unwrap();
    let mut fresh = Store::open(&fresh_dir.path().join("b.sqlite3"), "tester").unwrap();
    let summary = fresh.import(&read_dataset(&text).unwrap()).unwrap();
    assert_eq!(summary.pool, store.pool_entries(None).unwrap().len());
    assert!(summary.pool > 0);
    assert_eq!(write_dataset(&fresh.export().unwrap()), text);
    assert_eq!(
        fresh.issued_statement("HE/26-27/01").unwrap(),
        store.issued_statement("HE/26-27/01").unwrap()
    );
    assert!(fresh.check().unwrap().ok());
    // Imported again, nothing is added twice.
    let again = fresh.import(&read_dataset(&text).unwrap());
    assert!(again.is_err() || again.unwrap().pool == 0);

    // A statement's contribution that is not the agreement's, a pooled year not in its period,
    // more paid in than called: each named by its place in the file.
    let mut bad = read_dataset(&text).unwrap();
    bad.statements[0].pool[0].contribution += Money::from_pence(1);
    let mut other = bad.statements[0].pool[0].clone();
    other.year = FinancialYear::starting(2025).unwrap();
    other.paid_in = other.called + Money::from_pence(1);
    bad.statements[0].pool.push(other);
    let said = read_dataset(&write_dataset(&bad)).unwrap_err().join("\n");
    assert!(
        said.contains("statements[0].pool[0].contribution: £")
            && said.contains("is not the partner's contribution for 2026/27"),
        "{said}"
    );
    assert!(
        said.contains("statements[0].pool[1]: 2025/26 at 2026-10-31 is not at the last day of a part of the statement's period"),
        "{said}"
    );
    assert!(
        said.contains("nothing is paid in beyond what was called"),
        "{said}"
    );
    // Contributions paid in beyond the calls, or called in a year with no agreement.
    let mut bad = read_dataset(&text).unwrap();
    let receipt = bad
        .pool
        .iter()
        .position(|p| p.kind == PoolKind::Receipt)
        .unwrap();
    bad.pool[receipt].amount += Money::from_pence(1);
    let said = read_dataset(&write_dataset(&bad)).unwrap_err().join("\n");
    assert!(
        said.contains("pool: ") && said.contains("but was called for"),
        "{said}"
    );
    let mut bad = read_dataset(&text).unwrap();
    bad.agreements.retain(|a| a.year.start_year() != 2026);
    bad.statements.clear();
    bad.disputes.clear();
    let empty = tempfile::tempdir().unwrap();
    let mut blank = Store::open(&empty.path().join("c.sqlite3"), "tester").unwrap();
    let before = blank.audit_count().unwrap();
    let err = blank.import(&bad).unwrap_err().to_string();
    assert!(
        err.contains("which has no pooled budget agreement"),
        "{err}"
    );
    assert_eq!(blank.audit_count().unwrap(), before, "nothing is imported");
}

#[test]
fn check_finds_contributions_or_a_statements_pooled_figures_changed_behind_the_programs_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir);
    store
        .issue_statement("HE", d("2026-10-01"), d("2026-10-31"), d(TODAY))
        .unwrap();
    assert!(store.check().unwrap().ok());
    // An agreement is never lowered below what was called of it.
    let year = FinancialYear::starting(2026).unwrap();
    let mut a = store.agreement(year).unwrap().unwrap();
    a.contributions[2] = Money::from_pounds(1);
    let err = store.save_agreement(&a).unwrap_err().to_string();
    assert!(
        err.contains("A contribution cannot be less than what has been called of it"),
        "{err}"
    );
    let c = store.connection();
    c.execute_batch(
        "DROP TRIGGER statement_pool_no_update; DROP TRIGGER pool_entries_no_update;
         UPDATE statement_pool SET spend_pence = spend_pence + 100;
         UPDATE pool_entries SET amount_pence = amount_pence * 10
          WHERE id = (SELECT min(id) FROM pool_entries WHERE kind = 'call');",
    )
    .unwrap();
    let report = store.check().unwrap();
    let found: Vec<String> = report
        .lines
        .iter()
        .flat_map(|l| l.problems.clone())
        .collect();
    assert!(
        found.contains(
            &"the pooled budget figures of HE/26-27/01 are not as they were issued".to_string()
        ),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("a contribution called on ")
                && p.ends_with("is not as it was recorded")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|p| p.starts_with("ED is called for ")
            && p.contains(" of its contribution to 20")
            && p.contains(", which is ")),
        "{found:?}"
    );
}
