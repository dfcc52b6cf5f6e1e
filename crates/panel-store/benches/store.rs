//! Speed of the store on generated data: `cargo bench -p panel-store`.
//!
//! The large dataset is ten financial years of 300 cases, 3,000 placements and 30,000 cost
//! lines; the demo is the realistic size (about 30 children placed at a time).
#![allow(clippy::unwrap_used, missing_docs)]

use std::sync::LazyLock;

use chrono::NaiveDate;
use divan::Bencher;
use panel_core::analysis::Filter;
use panel_core::demo::{demo, generated};
use panel_core::interchange::{read_dataset, write_dataset};
use panel_core::{FinancialYear, dataset::Dataset};
use panel_store::Store;

#[path = "../tests/support/workbook.rs"]
mod workbook;

fn main() {
    divan::main();
}

static LARGE: LazyLock<Dataset> = LazyLock::new(|| generated(300, 10, 10, 10));
static LARGE_JSON: LazyLock<String> = LazyLock::new(|| write_dataset(&LARGE));

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// An empty store, in a folder that lives as long as the returned guard.
fn empty_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("bench.sqlite3"), "bench").unwrap();
    (dir, store)
}

/// A store holding `data`, in a folder that lives as long as the returned guard.
fn store_with(data: &Dataset) -> (tempfile::TempDir, Store) {
    let (dir, mut store) = empty_store();
    store.import(data).unwrap();
    (dir, store)
}

/// `panel spend` for one year of the ten-year dataset: read the year's placements from
/// SQLite, cost every segment, share it, and compute variance and risk share.
#[divan::bench(sample_count = 50)]
fn spend_one_year_large(bencher: Bencher) {
    let (_dir, store) = store_with(&LARGE);
    let year = FinancialYear::starting(2021).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2021, 11, 23).unwrap();
    let r = store.spend(year, as_of).unwrap();
    assert!(r.projected.pence() > 0);
    bencher.bench_local(|| store.spend(year, as_of).unwrap());
}

/// The same for the demo's current year (realistic size).
#[divan::bench(sample_count = 50)]
fn spend_one_year_demo(bencher: Bencher) {
    let (_dir, store) = store_with(&demo(today()));
    let year = FinancialYear::containing(today());
    bencher.bench_local(|| store.spend(year, today()).unwrap());
}

/// The cumulative spend screen for one year of the ten-year dataset, as on a change of year or
/// as-of date: every placement of every year read from SQLite, the year's figures, twelve
/// month ends, ten years side by side and every placement's line.
#[divan::bench(sample_count = 30)]
fn spend_screen_large(bencher: Bencher) {
    let (_dir, store) = store_with(&LARGE);
    let year = FinancialYear::starting(2021).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2021, 11, 23).unwrap();
    let s = store.spend_screen(year, as_of, &Filter::default()).unwrap();
    assert_eq!(s.years.len(), 10);
    assert!(s.placements.len() > 200);
    bencher.bench_local(|| store.spend_screen(year, as_of, &Filter::default()).unwrap());
}

/// The same on the demo data (realistic size).
#[divan::bench(sample_count = 50)]
fn spend_screen_demo(bencher: Bencher) {
    let (_dir, store) = store_with(&demo(today()));
    let year = FinancialYear::containing(today());
    bencher.bench_local(|| {
        store
            .spend_screen(year, today(), &Filter::default())
            .unwrap()
    });
}

/// One placement's segments, as when a finance officer opens it on the screen.
#[divan::bench(sample_count = 50)]
fn spend_segments_large(bencher: Bencher) {
    let (_dir, store) = store_with(&LARGE);
    let year = FinancialYear::starting(2021).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2021, 11, 23).unwrap();
    let id = store
        .spend_screen(year, as_of, &Filter::default())
        .unwrap()
        .placements[0]
        .id;
    bencher.bench_local(|| store.spend_segments(id, year, as_of).unwrap());
}

/// `panel import` of the whole ten-year dataset from its JSON text into an empty database:
/// parse, validate, insert in one transaction with the audit trail, commit.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn import_large(bencher: Bencher) {
    let text: &str = &LARGE_JSON;
    bencher
        .with_inputs(empty_store)
        .bench_local_values(|(dir, mut store)| {
            let dataset = read_dataset(text).unwrap();
            let summary = store.import(&dataset).unwrap();
            assert_eq!(summary.cost_lines, 30_000);
            (dir, store)
        });
}

/// The demo loaded into a new database, as "Load demo data" on first start does: a panel's
/// record since its first placement (67 meetings, 300 decisions at the benchmark's day).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn import_demo(bencher: Bencher) {
    let data = demo(today());
    bencher
        .with_inputs(empty_store)
        .bench_local_values(|(dir, mut store)| {
            store.import(&data).unwrap();
            (dir, store)
        });
}

/// What the demo's next meeting is offered (reviews, endings, chairs' actions, and the
/// exceptions that need the panel), as the agenda builder reads it.
#[divan::bench(sample_count = 30)]
fn agenda_offers_demo(bencher: Bencher) {
    let (_dir, store) = store_with(&demo(today()));
    let next = store
        .meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.date > today())
        .unwrap()
        .id;
    assert!(!store.agenda_offers(next).unwrap().is_empty());
    bencher.bench_local(|| store.agenda_offers(next).unwrap());
}

/// `panel export` of the whole ten-year dataset to JSON text.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn export_large(bencher: Bencher) {
    let (_dir, store) = store_with(&LARGE);
    bencher.bench_local(|| write_dataset(&store.export().unwrap()));
}

/// The case list of the ten-year dataset: every case with its placements in force today,
/// their weekly cost and the next review (what the Cases screen loads).
#[divan::bench(sample_count = 20)]
fn case_list_large(bencher: Bencher) {
    let (_dir, store) = store_with(&LARGE);
    assert_eq!(store.cases(today()).unwrap().len(), 300);
    bencher.bench_local(|| store.cases(today()).unwrap());
}

/// One case with its placements, cost lines, splits and decisions (the Case screen).
#[divan::bench(sample_count = 50)]
fn one_case_large(bencher: Bencher) {
    let (_dir, store) = store_with(&LARGE);
    let id = store.case_id(&LARGE.cases[150].reference).unwrap();
    assert!(!store.case(id).unwrap().placements.is_empty());
    bencher.bench_local(|| store.case(id).unwrap());
}

/// `panel check` on the ten-year dataset: integrity and foreign-key checks, splits, numbering,
/// every seal compared, the audit trail and the schema's triggers.
#[divan::bench(sample_count = 10)]
fn check_large(bencher: Bencher) {
    let (_dir, store) = store_with(&LARGE);
    assert!(store.check().unwrap().ok());
    bencher.bench_local(|| store.check().unwrap());
}

/// The ten-year dataset with a panel every month: 25 items a meeting, each a funding decision
/// (3,000 final decisions, each keeping its placement, every partner assenting), attended by
/// every partner.
static DECIDED: LazyLock<Dataset> = LazyLock::new(|| {
    use panel_core::model::{
        AgendaItem, Assent, Attendance, Attendee, Decision, DecisionNumber, DecisionStatus,
        ItemKind, Meeting, MinutesStatus, Outcome,
    };
    let mut d = generated(300, 10, 10, 10);
    let first = d.agreements.first().map_or(2016, |a| a.year.start_year());
    let mut seq: std::collections::HashMap<i32, u32> = Default::default();
    let mut next_case = 0;
    let mut approved = std::collections::HashSet::new();
    for m in 0..120u32 {
        let date = NaiveDate::from_ymd_opt(first + (m / 12) as i32, 1 + m % 12, 10).unwrap();
        let mut meeting = Meeting {
            date,
            starts_at: None,
            venue: "County Hall".into(),
            chair: "Helen Ward".into(),
            minutes_status: MinutesStatus::Locked,
            attendees: (0..d.partners.len())
                .map(|k| Attendee {
                    name: format!("Member {k}"),
                    agency: "Agency".into(),
                    represents: Some(k),
                    role: String::new(),
                    attendance: Attendance::Present,
                })
                .collect(),
            items: Vec::new(),
        };
        let mi = d.meetings.len();
        for _ in 0..25 {
            let c = next_case % d.cases.len();
            next_case += 1;
            meeting.items.push(AgendaItem {
                kind: ItemKind::Review,
                case: Some(c),
                title: "Review".into(),
                presenter: "A. Shah".into(),
                minutes: 10,
                ask: String::new(),
                notes: String::new(),
                interests: Vec::new(),
                ratifies: None,
            });
            let year = FinancialYear::containing(date);
            let n = seq.entry(year.start_year()).or_default();
            *n += 1;
            // Approved, as a reduction where the generated rates fall with enough notice;
            // only noted where they fall sooner (the rules would refuse approving it).
            let placement = &d.cases[c].placements[0].placement;
            let before = approved.contains(&c).then_some(placement);
            let notice = date.checked_add_months(chrono::Months::new(3)).unwrap();
            let (outcome, effective_from) =
                match panel_core::decision::first_reduction(placement, before, date) {
                    None => (Outcome::Approved, None),
                    Some(r) if r.from >= notice => (Outcome::Approved, Some(r.from)),
                    Some(_) => (Outcome::Noted, None),
                };
            if outcome == Outcome::Approved {
                approved.insert(c);
            }
            d.decisions.push(Decision {
                number: Some(DecisionNumber {
                    prefix: "CNP".into(),
                    year,
                    seq: *n,
                }),
                status: DecisionStatus::Final,
                item: Some((mi, meeting.items.len() - 1)),
                case: c,
                placement: Some(0),
                decided_on: date,
                urgent: false,
                inquorate: false,
                outcome,
                subject: "Review".into(),
                paragraphs: vec!["Continue funding".into()],
                reasons: "Needs unchanged".into(),
                alternatives: "None".into(),
                conditions: Vec::new(),
                actions: Vec::new(),
                review_date: date.checked_add_months(chrono::Months::new(6)),
                effective_from,
                assent: (0..d.partners.len()).map(|k| (k, Assent::Agree)).collect(),
                amends: None,
                snapshot: Some(d.cases[c].placements[0].clone()),
                impact: Vec::new(),
                indicative: None,
                actions_done: Vec::new(),
            });
        }
        d.meetings.push(meeting);
    }
    d
});

/// `panel check` on the ten-year dataset with 3,000 final decisions: every one through the
/// finaliser's rules, compared with the decisions before it, and the register as a whole.
#[divan::bench(sample_count = 5)]
fn check_decided_large(bencher: Bencher) {
    let (_dir, store) = store_with(&DECIDED);
    let report = store.check().unwrap();
    assert!(report.ok(), "{report:?}");
    bencher.bench_local(|| store.check().unwrap());
}

/// `panel import` of the ten-year dataset with 3,000 final decisions, every one checked by
/// the finaliser's rules and the register before anything is written.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn import_decided_large(bencher: Bencher) {
    let text = write_dataset(&DECIDED);
    bencher
        .with_inputs(empty_store)
        .bench_local_values(|(dir, mut store)| {
            let dataset = read_dataset(&text).unwrap();
            store.import(&dataset).unwrap();
            (dir, store)
        });
}

/// A backup of the ten-year dataset with the online backup API, encrypted as the app's are.
#[divan::bench(sample_count = 10)]
fn backup_large_encrypted(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let key = panel_core::access::Passphrase::given("bench passphrase").unwrap();
    let mut store =
        Store::open_encrypted(&dir.path().join("bench.sqlite3"), "bench", &key).unwrap();
    store.import(&LARGE).unwrap();
    let out = dir.path().join("backup.sqlite3");
    bencher.bench_local(|| store.backup_to(&out).unwrap());
}

/// A page of the audit screen (25 saves, 12 rows of each) on the ten-year dataset: the
/// whole trail, and filtered by one case.
#[divan::bench(args = [false, true], sample_count = 10)]
fn audit_page_large(bencher: Bencher, by_case: bool) {
    let (_dir, store) = store_with(&LARGE);
    let filter = panel_store::AuditFilter {
        case_id: by_case.then_some(150),
        limit: 25,
        rows_shown: 12,
        ..Default::default()
    };
    assert!(store.audit(&filter).unwrap().total > 0);
    bencher.bench_local(|| store.audit(&filter).unwrap());
}

/// Reading a tracker workbook and validating every row against the ten-year database, as
/// the import screen does on each change of column: a realistic tracker (300 rows) and the
/// largest sheet accepted (20,000 rows).
#[divan::bench(args = [300, 20_000], sample_count = 5, sample_size = 1)]
fn spreadsheet_preview_large(bencher: Bencher, rows: usize) {
    use panel_core::sheet::read_spreadsheet;
    use panel_core::sheet_import::guess_mapping;
    let (_dir, store) = store_with(&LARGE);
    let bytes = workbook::tracker(rows, "IM");
    let partners = store.partners().unwrap();
    bencher.bench_local(|| {
        let tables = read_spreadsheet("tracker.xlsx", &bytes).unwrap();
        let mapping = guess_mapping(&tables[0].headers, &partners);
        let plan = store
            .plan_sheet_import(&tables[0], &mapping, today())
            .unwrap();
        assert!(plan.problems.is_empty() && plan.placements.len() == rows);
    });
}

/// Importing a realistic tracker (300 rows: 300 new cases and placements) into the demo
/// database, validated again inside its one transaction.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn spreadsheet_import_demo(bencher: Bencher) {
    use panel_core::sheet::read_spreadsheet;
    use panel_core::sheet_import::guess_mapping;
    let bytes = workbook::tracker(300, "IM");
    let table = read_spreadsheet("tracker.xlsx", &bytes).unwrap().remove(0);
    bencher
        .with_inputs(|| store_with(&demo(today())))
        .bench_local_values(|(dir, mut store)| {
            let mapping = guess_mapping(&table.headers, &store.partners().unwrap());
            let done = store.import_sheet(&table, &mapping, today()).unwrap();
            assert_eq!(done.placements, 300);
            (dir, store)
        });
}

/// One partner's monthly statement on the ten-year dataset (rule 17): every placement of the
/// month's year costed from the year's start to the month's end, twice.
#[divan::bench(args = ["2021-04", "2025-03"], sample_count = 20)]
fn statement_month_large(bencher: Bencher, month: &str) {
    let (_dir, store) = store_with(&LARGE);
    let from = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").unwrap();
    let to = from
        .checked_add_months(chrono::Months::new(1))
        .unwrap()
        .pred_opt()
        .unwrap();
    let code = store.partners().unwrap()[2].code.clone();
    assert!(!store.statement(&code, from, to).unwrap().lines.is_empty());
    bencher.bench_local(|| store.statement(&code, from, to).unwrap());
}

/// The ten-year dataset with every partner's monthly statements of 2024/25 issued up to
/// `months` months, a payment against each and a split disputed: what a finance officer
/// has at that point of the year.
fn store_with_statements(months: u32) -> (tempfile::TempDir, Store) {
    let (dir, mut store) = store_with(&LARGE);
    let year = FinancialYear::starting(2024).unwrap();
    let codes: Vec<String> = store
        .partners()
        .unwrap()
        .into_iter()
        .map(|p| p.code)
        .collect();
    for m in 0..months {
        let from = year
            .start()
            .checked_add_months(chrono::Months::new(m))
            .unwrap();
        let to = from
            .checked_add_months(chrono::Months::new(1))
            .unwrap()
            .pred_opt()
            .unwrap();
        for code in &codes {
            let (issued, _) = store.issue_statement(code, from, to, today()).unwrap();
            if issued.total > panel_core::Money::ZERO {
                store
                    .record_payment(&issued.number, today(), issued.total, "", today())
                    .unwrap();
            }
        }
    }
    if months > 0 {
        let number = format!("{}/24-25/01", codes[2]);
        let d = panel_core::statement::new_dispute("split", "split", "").unwrap();
        store.raise_dispute(&number, 1, &d, today()).unwrap();
    }
    (dir, store)
}

/// Health's next monthly statement of 2024/25 on the ten-year dataset when 0 or 11 of the
/// year's statements are already issued to every partner: each earlier statement is
/// recomputed for the adjustments it may need (rule 17).
#[divan::bench(args = [0, 11], sample_count = 10)]
fn statement_after_issued_large(bencher: Bencher, months: u32) {
    let (_dir, store) = store_with_statements(months);
    let from = FinancialYear::starting(2024)
        .unwrap()
        .start()
        .checked_add_months(chrono::Months::new(months))
        .unwrap();
    let to = from
        .checked_add_months(chrono::Months::new(1))
        .unwrap()
        .pred_opt()
        .unwrap();
    let code = store.partners().unwrap()[2].code.clone();
    bencher.bench_local(|| store.statement(&code, from, to).unwrap());
}

/// Issuing a whole year's monthly statements for every partner (36 statements) on the
/// ten-year dataset, each numbered, stored and audited in its own transaction.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn statements_year_issued_large(bencher: Bencher) {
    bencher
        .with_inputs(|| store_with(&LARGE))
        .bench_local_values(|(dir, mut store)| {
            let year = FinancialYear::starting(2024).unwrap();
            let codes: Vec<String> = store
                .partners()
                .unwrap()
                .into_iter()
                .map(|p| p.code)
                .collect();
            for m in 0..12 {
                let from = year
                    .start()
                    .checked_add_months(chrono::Months::new(m))
                    .unwrap();
                let to = from
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap()
                    .pred_opt()
                    .unwrap();
                for code in &codes {
                    store.issue_statement(code, from, to, today()).unwrap();
                }
            }
            (dir, store)
        });
}

/// The year-end settlement of 2024/25 on the ten-year dataset with its 36 statements
/// issued and paid, and the disputes register.
#[divan::bench(sample_count = 10)]
fn settlement_large(bencher: Bencher) {
    let (_dir, store) = store_with_statements(12);
    let year = FinancialYear::starting(2024).unwrap();
    let s = store.settlement(year, today()).unwrap();
    assert_eq!(s.statements.len(), 36);
    bencher.bench_local(|| {
        (
            store.settlement(year, today()).unwrap(),
            store.disputes(today()).unwrap(),
        )
    });
}

/// Every exception (rule 20) of the ten-year dataset as of a day: the whole database read
/// and each rule applied.
#[divan::bench(sample_count = 10)]
fn exceptions_large(bencher: Bencher) {
    let (_dir, store) = store_with(&LARGE);
    assert!(!store.exceptions(today()).unwrap().is_empty());
    bencher.bench_local(|| store.exceptions(today()).unwrap());
}
