//! Crash safety: a process writing a stream of changes to an encrypted database is killed
//! (SIGKILL) at a random moment, many times over; each time the file must reopen intact, and
//! every change the process had reported as saved must be there, whole.
//!
//! The writer is this test binary itself, run again with `PANEL_CRASH_DB` set: see
//! [`crash_writer`]. `PANEL_CRASH_ITERATIONS` sets how many kills (default 100).
#![allow(clippy::unwrap_used, missing_docs)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use panel_core::access::Passphrase;
use panel_core::entry::{CostLineInput, PlacementInput, SplitInput, new_case, placement_input};
use panel_core::interchange::read_dataset;
use panel_store::Store;

#[path = "support/start.rs"]
mod start;

const EXAMPLE: &str = include_str!("../../../docs/examples/oakfield.json");
const KEY: &str = "crash test passphrase";

/// The weekly fee of write `n`, first as saved and then as changed.
fn fee(n: u64, changed: bool) -> String {
    format!("{}.00", 3000 + n * 7 + if changed { 1000 } else { 0 })
}

fn placement(n: u64, changed: bool) -> PlacementInput {
    let line = |description: &str, per: &str, amount: String| CostLineInput {
        description: description.into(),
        per: per.into(),
        amount,
        from: "01/04/2030".into(),
        to: String::new(),
    };
    PlacementInput {
        provider: format!("Provider {n}"),
        kind: "residential".into(),
        start: "01/04/2030".into(),
        end: String::new(),
        lines: vec![
            line("Residential fee", "week", fee(n, changed)),
            line("Therapy", "year", "12000".into()),
        ],
        splits: vec![
            SplitInput {
                from: "01/04/2030".into(),
                shares: vec!["50".into(), "30".into(), "20".into()],
            },
            SplitInput {
                from: "01/10/2030".into(),
                shares: vec!["33.34".into(), "33.33".into(), "33.33".into()],
            },
        ],
    }
}

/// The process the crash test kills: writes cases and placements (each placement a
/// transaction of many rows: the placement, cost lines, splits and their shares, and the audit
/// trail of each), then changes each placement (rows deleted and written again), saying on
/// standard output what it has saved as soon as the store reports it saved. Run only by the
/// crash test.
#[test]
#[ignore = "the process the crash test runs and kills"]
fn crash_writer() {
    let (Ok(db), Ok(run)) = (
        std::env::var("PANEL_CRASH_DB"),
        std::env::var("PANEL_CRASH_RUN"),
    ) else {
        return;
    };
    let key = Passphrase::given(KEY).unwrap();
    let mut store = Store::open_encrypted(std::path::Path::new(&db), "crash writer", &key).unwrap();
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready").unwrap();
    out.flush().unwrap();
    for n in 0.. {
        let reference = format!("CR-{run}-{n}");
        let case = store
            .create_case(&new_case(&reference, "A.B.", "", "", chrono::NaiveDate::MAX).unwrap())
            .unwrap();
        writeln!(out, "case {reference}").unwrap();
        out.flush().unwrap();
        let id = store
            .save_placement(
                case,
                None,
                &placement_input(&placement(n, false), 3).unwrap(),
            )
            .unwrap();
        writeln!(out, "placement {reference} {n}").unwrap();
        out.flush().unwrap();
        store
            .save_placement(
                case,
                Some(id),
                &placement_input(&placement(n, true), 3).unwrap(),
            )
            .unwrap();
        writeln!(out, "changed {reference} {n}").unwrap();
        out.flush().unwrap();
    }
}

/// What the writer reported saved for one case.
#[derive(Default, Debug)]
struct Reported {
    placement: Option<u64>,
    changed: bool,
}

/// A small pseudo-random sequence (xorshift), seeded per run, for the moment of each kill.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Starts a writer (see [`start::again_if_refused`]); a writer once started is never
/// started twice for the same run.
fn start(writer: &mut Command) -> std::process::Child {
    start::again_if_refused("the writer", || writer.spawn())
}

#[test]
fn killed_writers_lose_nothing_they_reported_saved() {
    let iterations: u64 = std::env::var("PANEL_CRASH_ITERATIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.sqlite3");
    let key = Passphrase::given(KEY).unwrap();
    {
        let mut store = Store::open_encrypted(&db, "tester", &key).unwrap();
        store.import(&read_dataset(EXAMPLE).unwrap()).unwrap();
    }
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("crash test seed {seed}");
    let mut rng = Rng(seed);
    let mut reported: HashMap<String, Reported> = HashMap::new();
    let mut kills_mid_stream = 0;
    for run in 0..iterations {
        let mut writer = Command::new(std::env::current_exe().unwrap());
        writer
            .args([
                "--exact",
                "crash_writer",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("PANEL_CRASH_DB", &db)
            .env("PANEL_CRASH_RUN", run.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = start(&mut writer);
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Once the writer is writing, let it run for a random while, then kill it.
        // (The test harness prints its own words first, "ready" ends its line.)
        while !rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the writer starts")
            .ends_with("ready")
        {}
        std::thread::sleep(Duration::from_millis(rng.below(400)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        let mut lines = 0;
        for line in rx.try_iter() {
            let parts: Vec<&str> = line.split_whitespace().collect();
            match parts.as_slice() {
                ["case", reference] => {
                    reported.entry(reference.to_string()).or_default();
                }
                ["placement", reference, n] => {
                    reported.get_mut(*reference).unwrap().placement = Some(n.parse().unwrap());
                }
                ["changed", reference, _] => reported.get_mut(*reference).unwrap().changed = true,
                _ => continue,
            }
            lines += 1;
        }
        if lines > 0 {
            kills_mid_stream += 1;
        }

        // The file reopens intact, and holds everything reported saved, whole: this run's
        // writes now, every run's at the end.
        let store = Store::open_encrypted(&db, "checker", &key).unwrap();
        let report = store.check().unwrap();
        assert!(report.ok(), "after kill {run}: {report:?}");
        let prefix = format!("CR-{run}-");
        verify(
            &store,
            run,
            reported.iter().filter(|(r, _)| r.starts_with(&prefix)),
        );
    }
    let store = Store::open_encrypted(&db, "checker", &key).unwrap();
    verify(&store, iterations, reported.iter());
    let saved = reported.values().filter(|r| r.changed).count();
    eprintln!(
        "{iterations} kills ({kills_mid_stream} mid-stream), {} cases and {saved} changed placements reported saved, none lost",
        reported.len()
    );
    assert!(
        kills_mid_stream * 2 >= iterations,
        "most kills must land while the writer is writing ({kills_mid_stream} of {iterations})"
    );
    assert!(saved > 0);
}

/// Every case in `saved` is in the store as reported: its placement whole, its change kept.
fn verify<'a>(store: &Store, run: u64, saved: impl Iterator<Item = (&'a String, &'a Reported)>) {
    for (reference, saved) in saved {
        let case = store
            .case_id(reference)
            .unwrap_or_else(|e| panic!("after kill {run}: case {reference} lost: {e}"));
        let detail = store.case(case).unwrap();
        let Some(n) = saved.placement else {
            assert!(detail.placements.len() <= 1, "{reference}");
            continue;
        };
        assert_eq!(
            detail.placements.len(),
            1,
            "after kill {run}: the placement of {reference} lost"
        );
        let p = &detail.placements[0].record.placement;
        assert_eq!(p.cost_lines.len(), 2, "{reference}: {p:?}");
        assert_eq!(p.splits.len(), 2, "{reference}: {p:?}");
        let weekly = p.cost_lines[0].amount.to_string().replace(['£', ','], "");
        if saved.changed {
            assert_eq!(
                weekly,
                fee(n, true),
                "after kill {run}: the change to {reference} lost"
            );
        } else {
            assert!(
                weekly == fee(n, false) || weekly == fee(n, true),
                "{reference}: {weekly}"
            );
        }
    }
}
