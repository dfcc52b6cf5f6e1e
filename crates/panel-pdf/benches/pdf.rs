//! How long printing takes: one record of decision from a real store.
#![allow(clippy::unwrap_used, missing_docs)]

use panel_pdf::{Record, Redaction, record_pdf};
use panel_store::Store;

fn main() {
    divan::main();
}

/// The demo data's store and its decision ids.
fn demo() -> (tempfile::TempDir, Store, Vec<i64>) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("panel.sqlite3"), "bench").unwrap();
    let today = panel_core::year::parse_iso_date("2026-11-23").unwrap();
    store.import(&panel_core::demo::demo(today)).unwrap();
    let ids = (1..=5)
        .map(|k| {
            store
                .decision_by_number(&format!("CNP/26-27/{k:04}"))
                .unwrap()
        })
        .collect();
    (dir, store, ids)
}

#[divan::bench]
fn one_record(b: divan::Bencher) {
    let (_dir, store, ids) = demo();
    b.bench_local(|| {
        let record = Record::load(&store, ids[0]).unwrap();
        record_pdf(&record, Redaction::Full).unwrap()
    });
}

#[divan::bench]
fn one_record_redacted(b: divan::Bencher) {
    let (_dir, store, ids) = demo();
    let record = Record::load(&store, ids[1]).unwrap();
    b.bench_local(|| record_pdf(&record, Redaction::Published).unwrap());
}
