//! The year-end settlement on a real SQLite file (rules 7, 17, 18): its pool figures are
//! `panel spend`'s for 31 March, its statements add up to the spend, and its balances are what
//! is still owed between the partners, to the penny.
#![allow(clippy::unwrap_used, missing_docs)]

use chrono::{Months, NaiveDate};
use panel_core::Money;
use panel_core::settlement::settlement_csv;
use panel_core::statement::new_dispute;
use panel_core::year::FinancialYear;
use panel_store::Store;

fn d(s: &str) -> NaiveDate {
    panel_core::year::parse_iso_date(s).unwrap()
}

#[test]
fn a_settled_year_matches_the_spend_and_balances_what_was_paid_and_disputed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("panel.sqlite3"), "tester").unwrap();
    let today = d("2026-11-23");
    // The demo without its contributions called and paid in: the test calls them itself.
    let mut demo = panel_core::demo::demo(today);
    demo.pool.clear();
    store.import(&demo).unwrap();
    let year = FinancialYear::starting(2025).unwrap();
    let partners = store.partners().unwrap();

    // Before any statement: nothing stated or paid; each partner's balance is its due, the
    // lead partner's the others' with the sign turned.
    let empty = store.settlement(year, today).unwrap();
    let spend = store.spend(year, year.end()).unwrap();
    assert_eq!(empty.spend, spend);
    assert_eq!(empty.lead, Some(0), "the demo's council pays providers");
    for (i, (p, s)) in empty.partners.iter().zip(&spend.partners).enumerate() {
        assert_eq!(p.contribution, s.contribution);
        assert_eq!(p.spend, s.projected);
        assert_eq!(p.variance, s.variance);
        assert_eq!(p.risk_share, s.risk_share);
        assert_eq!(p.due, s.contribution + s.risk_share);
        assert_eq!(p.stated, Money::ZERO);
        // The council pays the providers: nothing of its own split waits for a statement.
        let waiting = if i == 0 { Money::ZERO } else { s.projected };
        assert_eq!(p.unstated, waiting);
    }
    assert_eq!(
        empty.partners.iter().map(|p| p.due).sum::<Money>(),
        spend.projected
    );

    // Twelve monthly statements for every partner, a payment of each statement's total by
    // Health and of £1,000.00 by Education on their March statements, and a dispute of a line.
    let mut from = year.start();
    while from <= year.end() {
        let to = from
            .checked_add_months(Months::new(1))
            .unwrap()
            .pred_opt()
            .unwrap();
        // The council pays the providers and states to the others: never to itself.
        for p in partners.iter().filter(|p| p.code != "SC") {
            let (issued, _) = store.issue_statement(&p.code, from, to, today).unwrap();
            if p.code == "HE" && issued.total > Money::ZERO {
                store
                    .record_payment(&issued.number, today, issued.total, "BACS", today)
                    .unwrap();
            }
        }
        from = to.succ_opt().unwrap();
    }
    store
        .record_payment("ED/25-26/12", today, Money::from_pounds(1000), "", today)
        .unwrap();
    let (_, march) = store.issued_statement("ED/25-26/12").unwrap();
    let (line, held) = march
        .lines
        .iter()
        .enumerate()
        .find(|(_, l)| l.amount > Money::ZERO)
        .map(|(i, l)| (i as u32 + 1, l.amount))
        .unwrap();
    store
        .raise_dispute(
            "ED/25-26/12",
            line,
            &new_dispute("line", "rate", "").unwrap(),
            today,
        )
        .unwrap();

    // Education's contribution: £1,000,000.00 called, £600,000.00 paid in; a call beyond the
    // contribution, or a receipt beyond the calls, refused and nothing changed.
    use panel_core::model::PoolKind;
    let contribution = spend.partners[1].contribution;
    let pooled = |store: &mut Store, kind, pounds: i64| {
        store.record_pool_entry(
            "ED",
            year,
            kind,
            d("2025-07-01"),
            Money::from_pounds(pounds),
            "INV 1",
            today,
        )
    };
    pooled(&mut store, PoolKind::Call, 1_000_000).unwrap();
    let after = pooled(&mut store, PoolKind::Receipt, 600_000).unwrap();
    assert_eq!(
        (after.called, after.received),
        (Money::from_pounds(1_000_000), Money::from_pounds(600_000))
    );
    let before = store.audit_count().unwrap();
    let err = pooled(&mut store, PoolKind::Receipt, 400_001).unwrap_err();
    assert!(
        err.to_string()
            .contains("more than Education (High Needs Block) was called for"),
        "{err}"
    );
    let err = store
        .record_pool_entry(
            "ED",
            year,
            PoolKind::Call,
            d("2025-07-01"),
            contribution,
            "",
            today,
        )
        .unwrap_err();
    assert!(err.to_string().contains("would call more than"), "{err}");
    let err = store
        .record_pool_entry(
            "ED",
            FinancialYear::starting(2031).unwrap(),
            PoolKind::Call,
            d("2025-07-01"),
            Money::from_pounds(1),
            "",
            today,
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("has no pooled budget agreement"),
        "{err}"
    );
    assert_eq!(store.audit_count().unwrap(), before);
    assert!(
        store
            .connection()
            .execute("UPDATE pool_entries SET amount_pence = 1", [])
            .is_err()
    );

    let s = store.settlement(year, today).unwrap();
    assert_eq!(s.spend, spend, "the pool's figures are panel spend's");
    assert_eq!(s.statements.len(), 24);
    for (i, p) in s.partners.iter().enumerate().skip(1) {
        assert_eq!(p.stated, spend.partners[i].projected, "{}", p.code);
        assert_eq!(p.unstated, Money::ZERO, "{}", p.code);
    }
    // The lead partner: stated nothing, and nothing of its split waits for a statement.
    assert_eq!(
        (s.partners[0].stated, s.partners[0].unstated),
        (Money::ZERO, Money::ZERO)
    );
    let he = &s.partners[2];
    assert_eq!(he.paid, he.stated);
    assert_eq!(he.balance, he.due - he.stated);
    let ed = &s.partners[1];
    assert_eq!(ed.paid, Money::from_pounds(1000));
    assert_eq!(ed.disputed, held);
    assert_eq!(ed.called, Money::from_pounds(1_000_000));
    assert_eq!(ed.paid_in, Money::from_pounds(600_000));
    assert_eq!(ed.balance, ed.due - Money::from_pounds(1000 + 600_000));
    // The council paid the providers: the others' balances are what it is owed.
    assert_eq!(
        s.partners.iter().map(|p| p.balance).sum::<Money>(),
        Money::ZERO
    );
    assert!(s.is_final());

    // Counted as of a day before the payments, nothing was paid or disputed.
    let earlier = store.settlement(year, d("2026-04-01")).unwrap();
    assert!(earlier.statements.is_empty());
    assert!(earlier.partners.iter().all(|p| p.paid == Money::ZERO));

    let csv = settlement_csv(&s);
    let mut rows = csv.lines();
    assert_eq!(
        rows.next().unwrap(),
        "year,as_of,partner,contribution,spend,variance,risk_share,due,stated,unstated,paid,disputed,called,paid_in,balance,lead"
    );
    assert!(rows.next().unwrap().starts_with("2025/26,2026-11-23,SC,"));
    let total = csv.lines().last().unwrap().to_string();
    assert!(total.starts_with("2025/26,2026-11-23,total,"), "{total}");
    assert!(
        total.contains(&format!(",{},", spend.projected.to_plain())),
        "{total}"
    );
}
