//! The store at ten times the ten-year dataset — 3,000 cases, 30,000 placements and 300,000
//! cost lines over ten financial years, a large county's decade: `cargo bench -p panel-store
//! --bench scale`. Goals: an import under 8 s (and, measured on `panel import`, under 250 MB),
//! one year's spend under 30 ms, the spend screen under 150 ms, a page of the audit screen
//! under 20 ms, and opening the file independent of its size.
#![allow(clippy::unwrap_used, missing_docs)]

use std::path::PathBuf;
use std::sync::LazyLock;

use chrono::NaiveDate;
use divan::Bencher;
use panel_core::analysis::Filter;
use panel_core::demo::{demo, generated};
use panel_core::interchange::{read_dataset, write_dataset};
use panel_core::{FinancialYear, dataset::Dataset};
use panel_store::Store;

fn main() {
    divan::main();
}

static TEN_TIMES: LazyLock<Dataset> = LazyLock::new(|| generated(3_000, 10, 10, 10));
static TEN_TIMES_JSON: LazyLock<String> = LazyLock::new(|| write_dataset(&TEN_TIMES));

/// A database file holding `data`, made once, in a folder kept for the run.
fn file_with(data: &Dataset, name: &str) -> PathBuf {
    let dir = tempfile::tempdir().unwrap().keep();
    let path = dir.join(name);
    Store::open(&path, "bench").unwrap().import(data).unwrap();
    path
}

static TEN_TIMES_DB: LazyLock<PathBuf> = LazyLock::new(|| file_with(&TEN_TIMES, "ten.sqlite3"));
static DEMO_DB: LazyLock<PathBuf> = LazyLock::new(|| {
    file_with(
        &demo(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()),
        "demo.sqlite3",
    )
});

fn open(path: &std::path::Path) -> Store {
    Store::open(path, "bench").unwrap()
}

/// `panel import` of the whole file into an empty database: read the text (its cases one at
/// a time), validate, insert in one transaction with the audit trail, commit.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn import(bencher: Bencher) {
    let text: &str = &TEN_TIMES_JSON;
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(&dir.path().join("bench.sqlite3"), "bench").unwrap();
            (dir, store)
        })
        .bench_local_values(|(dir, mut store)| {
            let dataset = read_dataset(text).unwrap();
            let summary = store.import(&dataset).unwrap();
            assert_eq!(summary.cost_lines, 300_000);
            (dir, store)
        });
}

/// One year's spend, in process, as `panel spend` computes it.
#[divan::bench(sample_count = 20)]
fn spend_one_year(bencher: Bencher) {
    let store = open(&TEN_TIMES_DB);
    let year = FinancialYear::starting(2021).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2021, 11, 23).unwrap();
    assert!(store.spend(year, as_of).unwrap().projected.pence() > 0);
    bencher.bench_local(|| store.spend(year, as_of).unwrap());
}

/// A year with nothing in it: what is left is the cost of looking.
#[divan::bench(sample_count = 20)]
fn spend_empty_year(bencher: Bencher) {
    let store = open(&TEN_TIMES_DB);
    let year = FinancialYear::starting(2040).unwrap();
    assert_eq!(
        store.spend(year, year.start()).unwrap().projected.pence(),
        0
    );
    bencher.bench_local(|| store.spend(year, year.start()).unwrap());
}

/// The cumulative spend screen for one year: the year, its months, ten years side by side,
/// every placement's line.
#[divan::bench(sample_count = 10)]
fn spend_screen(bencher: Bencher) {
    let store = open(&TEN_TIMES_DB);
    let year = FinancialYear::starting(2021).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2021, 11, 23).unwrap();
    bencher.bench_local(|| store.spend_screen(year, as_of, &Filter::default()).unwrap());
}

/// One page of the audit screen (25 saves, 12 rows of each): the whole trail, and filtered
/// by one case.
#[divan::bench(args = [false, true], sample_count = 20)]
fn audit_page(bencher: Bencher, by_case: bool) {
    let store = open(&TEN_TIMES_DB);
    let filter = panel_store::AuditFilter {
        case_id: by_case.then_some(1_500),
        limit: 25,
        rows_shown: 12,
        ..Default::default()
    };
    assert!(store.audit(&filter).unwrap().total > 0);
    bencher.bench_local(|| store.audit(&filter).unwrap());
}

/// Opening the file (no passphrase to derive a key from): the demo's and ten times the
/// ten-year dataset's take the same time.
#[divan::bench(args = ["demo", "ten times"], sample_count = 20)]
fn open_file(bencher: Bencher, which: &str) {
    let path: &PathBuf = if which == "demo" {
        &DEMO_DB
    } else {
        &TEN_TIMES_DB
    };
    bencher.bench_local(|| open(path));
}
