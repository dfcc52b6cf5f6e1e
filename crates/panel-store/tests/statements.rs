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
    // The placements the demo's meetings decided cite their decisions' numbers, those in
    // force over the period: none made after it.
    let november = store
        .statement("HE", d("2026-11-01"), d("2026-11-30"))
        .unwrap();
    let cited: Vec<&String> = november.lines.iter().flat_map(|l| &l.decisions).collect();
    assert!(!cited.is_empty(), "{november:?}");
    let made: std::collections::HashMap<String, NaiveDate> = store
        .export()
        .unwrap()
        .decisions
        .iter()
        .filter_map(|x| Some((x.number.as_ref()?.to_string(), x.decided_on)))
        .collect();
    assert!(
        cited.iter().all(|n| made[n.as_str()] <= d("2026-11-30")),
        "{cited:?}"
    );
    // Every line charging something has its decision, but the placement the exceptions say
    // began with none.
    let undecided: Vec<&str> = november
        .lines
        .iter()
        .filter(|l| l.amount > Money::ZERO && l.decisions.is_empty())
        .map(|l| l.case_reference.as_str())
        .collect();
    let flagged: Vec<String> = store
        .exceptions(d("2026-11-30"))
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == panel_core::model::ExceptionKind::NoDecision)
        .filter_map(|e| e.case.map(|(r, _)| r))
        .collect();
    assert_eq!(undecided, flagged);
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

#[test]
fn an_issued_statement_is_numbered_kept_whole_and_never_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir, d("2026-12-01"));
    let today = d("2026-12-01");
    let (first, preview) = store
        .issue_statement("HE", d("2026-10-01"), d("2026-10-31"), today)
        .unwrap();
    assert_eq!(first.number, "HE/26-27/01");
    assert_eq!(first.total, preview.total);
    let (second, _) = store
        .issue_statement("HE", d("2026-11-01"), d("2026-11-30"), today)
        .unwrap();
    assert_eq!(second.number, "HE/26-27/02");
    // Another partner's numbers are its own; a period starting before 1 April takes the
    // earlier year's.
    let (ed, _) = store
        .issue_statement("ED", d("2026-03-01"), d("2026-04-30"), today)
        .unwrap();
    assert_eq!(ed.number, "ED/25-26/01");
    let issued = store.issued_statements(Some("HE")).unwrap();
    assert_eq!(
        issued.iter().map(|s| s.number.as_str()).collect::<Vec<_>>(),
        ["HE/26-27/01", "HE/26-27/02"]
    );
    assert_eq!(store.issued_statements(None).unwrap().len(), 3);
    // Its lines are kept as issued, adding up to its total.
    let c = store.connection();
    let (lines, sum): (i64, i64) = c
        .query_row(
            "SELECT count(*), sum(amount_pence) FROM statement_lines WHERE statement_id = ?1",
            [first.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(lines as usize, preview.lines.len());
    assert_eq!(sum, first.total.pence());

    // A day stated once; a period not yet over; an unknown partner: refused, nothing written.
    let before: i64 = c
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    for (code, from, to, said) in [
        (
            "HE",
            "2026-10-15",
            "2026-11-15",
            "HE/26-27/01 already states 01/10/2026 to 31/10/2026",
        ),
        (
            "HE",
            "2026-11-01",
            "2026-11-30",
            "HE/26-27/02 already states 01/11/2026 to 30/11/2026",
        ),
        (
            "HE",
            "2026-12-01",
            "2026-12-31",
            "the period ends on 31/12/2026, after today (01/12/2026)",
        ),
        (
            "XX",
            "2026-10-01",
            "2026-10-31",
            "There is no partner with the code \"XX\"",
        ),
    ] {
        let err = store
            .issue_statement(code, d(from), d(to), today)
            .unwrap_err();
        assert!(err.to_string().contains(said), "{from}: {err}");
    }
    let c = store.connection();
    let after: i64 = c
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(before, after);

    // Not even raw SQL changes an issued statement or adds a line to it.
    for sql in [
        "UPDATE statements SET total_pence = 0",
        "DELETE FROM statements",
        "UPDATE statement_lines SET amount_pence = 0",
        "DELETE FROM statement_lines",
    ] {
        let err = c.execute(sql, []).unwrap_err();
        assert!(
            err.to_string()
                .contains("an issued statement cannot be changed"),
            "{sql}: {err}"
        );
    }
    let err = c
        .execute(
            "INSERT INTO statement_lines (statement_id, position, year_start, line_from, line_to, case_id, placement_id, case_reference, initials, provider, days, amount_pence)
             SELECT ?1, 999, 2026, '2026-10-01', '2026-10-31', case_id, placement_id, case_reference, initials, provider, 1, 100 FROM statement_lines WHERE statement_id = ?1 LIMIT 1",
            [first.id],
        )
        .unwrap_err();
    assert!(err.to_string().contains("cannot be changed"), "{err}");
    // Issuing is audited, each line placed in its case; panel check finds all in order.
    let audited: i64 = c
        .query_row(
            "SELECT count(*) FROM audit_log WHERE table_name = 'statement_lines' AND case_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(audited >= lines);
    assert!(store.check().unwrap().ok());
}

#[test]
fn issued_statements_travel_in_the_data_file_and_are_checked_on_the_way_in() {
    use panel_core::interchange::{read_dataset, write_dataset};
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir, d("2026-12-01"));
    let today = d("2026-12-01");
    store
        .issue_statement("HE", d("2026-10-01"), d("2026-10-31"), today)
        .unwrap();
    store
        .issue_statement("ED", d("2026-03-01"), d("2026-04-30"), today)
        .unwrap();
    store
        .record_payment(
            "HE/26-27/01",
            d("2026-12-01"),
            Money::from_pence(12_345),
            "BACS 77",
            today,
        )
        .unwrap();
    let text = write_dataset(&store.export().unwrap());
    assert!(
        text.contains("\"number\": \"HE/26-27/01\""),
        "statements are exported"
    );
    assert!(
        text.contains("\"reference\": \"BACS 77\""),
        "payments are exported"
    );
    // Into a fresh database and out again: the same file, the same statements.
    let fresh_dir = tempfile::tempdir().unwrap();
    let mut fresh = Store::open(&fresh_dir.path().join("b.sqlite3"), "tester").unwrap();
    let summary = fresh.import(&read_dataset(&text).unwrap()).unwrap();
    assert_eq!(summary.statements, 2);
    assert_eq!(write_dataset(&fresh.export().unwrap()), text);
    assert_eq!(
        fresh.issued_statements(None).unwrap().len(),
        store.issued_statements(None).unwrap().len()
    );
    assert_eq!(
        fresh.payments("HE/26-27/01").unwrap(),
        store.payments("HE/26-27/01").unwrap()
    );
    assert!(fresh.check().unwrap().ok());
    // A statement numbered as one in the database, or stating its days again, is refused,
    // though its case is new.
    let mut more = read_dataset(&text).unwrap();
    let first = more.statements[0].clone();
    let case = first.lines[0].case;
    let mut new_case = more.cases[case].clone();
    new_case.reference = "CN-9999".into();
    more.cases = vec![new_case];
    more.agreements.clear();
    more.meetings.clear();
    more.decisions.clear();
    let mut lines: Vec<_> = first
        .lines
        .iter()
        .filter(|l| l.case == case)
        .cloned()
        .collect();
    for l in &mut lines {
        l.case = 0;
    }
    let mut again = first.clone();
    again.total = lines.iter().map(|l| l.amount).sum();
    again.lines = lines;
    more.statements = vec![again.clone()];
    let before = fresh.audit_count().unwrap();
    let err = fresh.import(&more).unwrap_err();
    assert!(
        err.to_string().contains(
            "statements[0].number: \"HE/26-27/01\" is already a statement in the database"
        ),
        "{err}"
    );
    again.number = "HE/26-27/02".into();
    more.statements = vec![again];
    let err = fresh.import(&more).unwrap_err();
    assert!(
        err.to_string().contains("statements[0].from: HE/26-27/02 states days that HE/26-27/01 in the database states already"),
        "{err}"
    );
    assert_eq!(fresh.audit_count().unwrap(), before);

    // A file whose statement does not add up, or is numbered as another partner's, or states
    // a day twice: each named by its place in the file.
    let mut bad = read_dataset(&text).unwrap();
    bad.statements[0].total = Money::from_pence(100);
    bad.statements[1].number = "HE/25-26/01".into();
    let mut twice = bad.statements[0].clone();
    twice.number = "HE/26-27/02".into();
    twice.total = twice.lines.iter().map(|l| l.amount).sum();
    bad.statements.push(twice);
    bad.statements[1].payments = vec![(
        d("2026-12-01"),
        bad.statements[1].total + Money::from_pence(1),
        String::new(),
    )];
    let problems = read_dataset(&write_dataset(&bad)).unwrap_err();
    let said = problems.join("\n");
    assert!(
        said.contains("statements[0].total: £1.00 is not the sum of the lines"),
        "{said}"
    );
    assert!(
        said.contains("statements[1].number: \"HE/25-26/01\" is not a number of ED's statements for 2025/26 (expected ED/25-26/01)"),
        "{said}"
    );
    assert!(said.contains("statements[1].payments: £"), "{said}");
    assert!(
        said.contains("received is more than the statement's total"),
        "{said}"
    );
    assert!(
        said.contains(
            "statements[2].from: HE/26-27/02 states days that HE/26-27/01 states already"
        ),
        "{said}"
    );

    // A file whose partner that pays the providers is stated to: refused at the statement.
    let mut to_lead = read_dataset(&text).unwrap();
    to_lead.finance.as_mut().unwrap().lead_partner = Some("HE".into());
    let said = read_dataset(&write_dataset(&to_lead))
        .unwrap_err()
        .join("\n");
    assert!(
        said.contains("statements[0].partner: HE/26-27/01 is stated to HE, which pays the providers (finance.lead_partner): statements go to the partners it invoices"),
        "{said}"
    );
}

#[test]
fn the_partner_that_pays_the_providers_is_never_stated_to() {
    let dir = tempfile::tempdir().unwrap();
    let today = d("2026-12-01");
    let mut store = demo_store(&dir, today);
    assert_eq!(
        store.finance_settings().unwrap().lead_partner.as_deref(),
        Some("SC")
    );
    // The preview says why it cannot be issued, before anyone asks; issuing is refused and
    // changes nothing.
    let preview = store
        .statement("SC", d("2026-10-01"), d("2026-10-31"))
        .unwrap();
    let why = store.why_not_issued(&preview, today).unwrap().unwrap();
    assert_eq!(why.field, "partner");
    assert_eq!(
        why.message,
        "Social care pays the providers and invoices the other partners: it is not issued a statement"
    );
    let before = store.audit_count().unwrap();
    let err = store
        .issue_statement("SC", d("2026-10-01"), d("2026-10-31"), today)
        .unwrap_err();
    assert!(
        err.to_string().contains("it is not issued a statement"),
        "{err}"
    );
    assert_eq!(store.audit_count().unwrap(), before);
    assert!(store.issued_statements(None).unwrap().is_empty());

    // Another partner's preview can be issued; once issued, the same days say so.
    let he = store
        .statement("HE", d("2026-10-01"), d("2026-10-31"))
        .unwrap();
    assert_eq!(store.why_not_issued(&he, today).unwrap(), None);
    store
        .issue_statement("HE", d("2026-10-01"), d("2026-10-31"), today)
        .unwrap();
    let again = store.why_not_issued(&he, today).unwrap().unwrap();
    assert_eq!(
        again.message,
        "HE/26-27/01 already states 01/10/2026 to 31/10/2026: each day is stated to a partner once (a correction is an adjustment on a later statement)"
    );
    // A period not yet over.
    let ahead = store
        .statement("HE", d("2026-12-01"), d("2026-12-31"))
        .unwrap();
    assert_eq!(
        store.why_not_issued(&ahead, today).unwrap().unwrap().field,
        "to"
    );

    // A partner already stated to cannot become the one that pays the providers.
    let mut f = store.finance_settings().unwrap();
    f.lead_partner = Some("HE".into());
    let before = store.audit_count().unwrap();
    let err = store.save_finance_settings(&f).unwrap_err();
    assert!(
        err.to_string().contains("HE has been issued statements (HE/26-27/01 the first): the partner that pays the providers is the one that issues them"),
        "{err}"
    );
    assert_eq!(store.audit_count().unwrap(), before);
    assert_eq!(
        store.finance_settings().unwrap().lead_partner.as_deref(),
        Some("SC")
    );
}

#[test]
fn an_issued_statement_reads_back_as_issued_after_its_placements_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir, d("2026-12-01"));
    let (issued, as_issued) = store
        .issue_statement("HE", d("2026-10-01"), d("2026-10-31"), d("2026-12-01"))
        .unwrap();
    // A placement on it ends earlier: the preview changes, the issued statement does not.
    let line = as_issued
        .lines
        .iter()
        .find(|l| l.amount.pence() > 0)
        .unwrap();
    store
        .connection()
        .execute(
            "UPDATE placements SET end_date = '2026-10-10' WHERE id = ?1",
            [line.placement_id],
        )
        .unwrap();
    let preview = store
        .statement("HE", d("2026-10-01"), d("2026-10-31"))
        .unwrap();
    assert_ne!(preview.total, as_issued.total);
    let (again, read) = store.issued_statement(&issued.number).unwrap();
    assert_eq!(again, issued);
    assert_eq!(read, as_issued);
    let err = store.issued_statement("HE/26-27/09").unwrap_err();
    assert_eq!(err.to_string(), "there is no issued statement HE/26-27/09");
}

#[test]
fn payments_are_recorded_within_what_is_owed_and_debts_age_by_statement() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir, d("2026-12-01"));
    let (oct, _) = store
        .issue_statement("HE", d("2026-08-01"), d("2026-08-31"), d("2026-09-05"))
        .unwrap();
    let (nov, _) = store
        .issue_statement("HE", d("2026-09-01"), d("2026-09-30"), d("2026-11-20"))
        .unwrap();
    let (ed, _) = store
        .issue_statement("ED", d("2026-09-01"), d("2026-09-30"), d("2026-10-10"))
        .unwrap();
    let part = Money::from_pence(oct.total.pence() / 3);
    let left = store
        .record_payment(
            &oct.number,
            d("2026-10-01"),
            part,
            " BACS 1234 ",
            d("2026-12-01"),
        )
        .unwrap();
    assert_eq!(left, oct.total - part);
    let paid = store.payments(&oct.number).unwrap();
    assert_eq!(paid.len(), 1);
    assert_eq!(
        (paid[0].amount, paid[0].reference.as_str()),
        (part, "BACS 1234")
    );

    // Refused, and nothing written: more than is owed, nothing, before the statement was
    // issued, after today, an unknown statement, a reference on two lines.
    let before = store.audit_count().unwrap();
    for (number, on, amount, reference, said) in [
        (
            oct.number.as_str(),
            "2026-10-02",
            oct.total,
            "",
            "is more than is owed on",
        ),
        (
            oct.number.as_str(),
            "2026-10-02",
            Money::ZERO,
            "",
            "A payment is an amount above £0.00",
        ),
        (
            oct.number.as_str(),
            "2026-09-01",
            part,
            "",
            "is received between its issue on 05/09/2026 and today",
        ),
        (
            oct.number.as_str(),
            "2026-12-02",
            part,
            "",
            "not on 02/12/2026",
        ),
        (
            "HE/26-27/09",
            "2026-10-02",
            part,
            "",
            "there is no issued statement HE/26-27/09",
        ),
        (oct.number.as_str(), "2026-10-02", part, "a\nb", "Reference"),
    ] {
        let err = store
            .record_payment(number, d(on), amount, reference, d("2026-12-01"))
            .unwrap_err();
        assert!(err.to_string().contains(said), "{said}: {err}");
    }
    assert_eq!(store.audit_count().unwrap(), before);
    // Not even raw SQL pays more than the total, or changes a payment.
    let c = store.connection();
    let err = c
        .execute(
            "INSERT INTO payments (statement_id, received_on, amount_pence) VALUES (?1, '2026-10-03', ?2)",
            rusqlite::params![oct.id, oct.total.pence()],
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("never paid more than its total"),
        "{err}"
    );
    assert!(c.execute("DELETE FROM payments", []).is_err());

    // Aged by each statement's date, as of 1 December 2026: HE's August statement (issued
    // 05/09) is 87 days old, its September one (issued 20/11) 11 days; ED's (10/10) 52 days.
    let debts = store.debts(d("2026-12-01")).unwrap();
    let he = debts.iter().find(|x| x.partner == "HE").unwrap();
    assert_eq!(he.undisputed[0], nov.total);
    assert_eq!(he.undisputed[2], oct.total - part);
    assert_eq!(he.undisputed[1] + he.undisputed[3], Money::ZERO);
    assert_eq!(he.total, nov.total + oct.total - part);
    let ed_debt = debts.iter().find(|x| x.partner == "ED").unwrap();
    assert_eq!(ed_debt.undisputed[1], ed.total);
    assert_eq!(
        debts.iter().find(|x| x.partner == "SC").unwrap().total,
        Money::ZERO
    );
    assert!(debts.iter().all(|x| x.disputed == [Money::ZERO; 4]));
    // As of a day before a payment, it was owed; before a statement, nothing was.
    let earlier = store.debts(d("2026-09-30")).unwrap();
    let he = earlier.iter().find(|x| x.partner == "HE").unwrap();
    assert_eq!(he.total, oct.total);
    assert_eq!(he.undisputed[0], oct.total);
}

#[test]
fn check_finds_an_issued_statement_changed_behind_the_programs_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir, d("2026-12-01"));
    for (from, to) in [("2026-09-01", "2026-09-30"), ("2026-10-01", "2026-10-31")] {
        store
            .issue_statement("HE", d(from), d(to), d("2026-12-01"))
            .unwrap();
    }
    let report = store.check().unwrap();
    assert!(report.ok(), "{report:?}");
    let line = |r: &panel_store::CheckReport| {
        r.lines
            .iter()
            .find(|l| l.name.starts_with("Issued statements"))
            .unwrap()
            .clone()
    };
    assert_eq!(line(&report).scope, "2 statements and 0 disputes");
    // The protections dropped, a line's amount raised, a statement's period stretched.
    let c = store.connection();
    c.execute_batch(
        "DROP TRIGGER statement_lines_no_update; DROP TRIGGER statements_no_update;
         UPDATE statement_lines SET amount_pence = amount_pence + 100
          WHERE id = (SELECT min(id) FROM statement_lines WHERE statement_id = 1);
         UPDATE statements SET period_to = '2026-10-05' WHERE id = 1;",
    )
    .unwrap();
    let found = line(&store.check().unwrap()).problems;
    assert!(
        found.contains(&"line 1 of HE/26-27/01 is not as it was issued".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"HE/26-27/01 is not as it was issued".to_string()),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("HE/26-27/01 totals ") && p.contains("but its lines come to")),
        "{found:?}"
    );
    assert!(
        found.contains(&"HE/26-27/01 and HE/26-27/02 both state days from 01/10/2026".to_string()),
        "{found:?}"
    );
}
