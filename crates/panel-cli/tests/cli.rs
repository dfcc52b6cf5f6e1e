//! The `panel` command, run as a person runs it, on real files in temporary folders.
#![allow(clippy::unwrap_used, missing_docs)]

use std::path::PathBuf;
use std::process::Command;

use serde_json::{Value, json};

const EXAMPLE: &str = include_str!("../../../docs/examples/oakfield.json");

mod support;
use support::*;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn db(&self) -> PathBuf {
        self.dir.path().join("panel.sqlite3")
    }
    fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }
    fn ok(&self, args: &[&str]) -> String {
        let o = panel(&self.db(), args);
        assert!(o.status.success(), "panel {args:?} failed: {}", stderr(&o));
        stdout(&o)
    }
    fn export(&self) -> String {
        self.ok(&["export", "-"])
    }
    /// The database's whole content and the length of its audit trail.
    fn state(&self) -> (String, i64) {
        let audit = open_db(&self.db()).audit_count().unwrap();
        (self.export(), audit)
    }
}

#[test]
fn spend_json_has_exactly_the_documented_shape_and_figures() {
    let env = Env::new();
    let file = env.file("example.json", EXAMPLE);
    let out = env.ok(&["import", file.to_str().unwrap()]);
    assert!(out.contains("1 case (1 placement, 3 cost lines)"), "{out}");
    let got: Value = serde_json::from_str(&env.ok(&[
        "spend",
        "--year",
        "2023/24",
        "--as-of",
        "2023-09-30",
        "--json",
    ]))
    .unwrap();
    let expected = json!({
        "year": "2023/24", "as_of": "2023-09-30", "budget": "1000000.00", "projected": "287312.50",
        "to_date": "140700.00", "variance": "-712687.50",
        "partners": [
            {"code": "SC", "contribution": "500000.00", "projected": "128995.00", "to_date": "70350.00", "variance": "-371005.00", "risk_share": "-356343.75"},
            {"code": "ED", "contribution": "300000.00", "projected": "79158.75", "to_date": "35175.00", "variance": "-220841.25", "risk_share": "-213806.25"},
            {"code": "HE", "contribution": "200000.00", "projected": "79158.75", "to_date": "35175.00", "variance": "-120841.25", "risk_share": "-142537.50"}
        ]
    });
    assert_eq!(got, expected);
    // Key order as documented.
    let keys: Vec<&String> = got.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "year",
            "as_of",
            "budget",
            "projected",
            "to_date",
            "variance",
            "partners"
        ]
    );
    // The table shows the same figures with £ signs.
    let table = env.ok(&["spend", "--year", "2023/24", "--as-of", "2023-09-30"]);
    for figure in [
        "£1,000,000.00",
        "£287,312.50",
        "£140,700.00",
        "-£712,687.50",
        "-£356,343.75",
        "£79,158.75",
        "Projected underspend: £712,687.50",
    ] {
        assert!(table.contains(figure), "{figure} missing from\n{table}");
    }
}

#[test]
fn seed_pool_reproduces() {
    // The seed: £7,200,000 as £2,448,000 / £2,376,000 / £2,376,000; spend of £7.5m a year
    // at 34/33/33 leaves an overspend of £300,000 borne £102,000 / £99,000 / £99,000.
    let env = Env::new();
    let text = r#"{"format": "complex-needs-panel/1",
      "partners": [{"code": "SC", "name": "Social care"}, {"code": "ED", "name": "Education"}, {"code": "HE", "name": "Health"}],
      "agreements": [{"year": "2020/21", "risk_share": "contributions",
        "contributions": {"SC": "£2,448,000", "ED": "2,376,000.00", "HE": "2376000"}}],
      "cases": [{"reference": "POOL", "initials": "P.L.",
        "placements": [{"provider": "All placements", "type": "other", "start": "2020-04-01", "end": null,
          "cost_lines": [{"description": "Annual spend", "per": "year", "amount": "7500000.00", "from": "2020-04-01", "to": null}],
          "splits": [{"from": "2020-04-01", "shares": {"SC": "34", "ED": "33", "HE": "33"}}]}]}]}"#;
    let file = env.file("seed.json", text);
    env.ok(&["import", file.to_str().unwrap()]);
    let got: Value = serde_json::from_str(&env.ok(&[
        "spend",
        "--year",
        "2020/21",
        "--as-of",
        "2021-03-31",
        "--json",
    ]))
    .unwrap();
    assert_eq!(got["budget"], "7200000.00");
    assert_eq!(got["variance"], "300000.00");
    let contributions: Vec<&str> = got["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["contribution"].as_str().unwrap())
        .collect();
    assert_eq!(contributions, ["2448000.00", "2376000.00", "2376000.00"]);
    let risk: Vec<&str> = got["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["risk_share"].as_str().unwrap())
        .collect();
    assert_eq!(risk, ["102000.00", "99000.00", "99000.00"]);
    assert_eq!(got["to_date"], "7500000.00");
}

/// Applies `edit` to the example and returns it as text.
fn edited(edit: impl Fn(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(EXAMPLE).unwrap();
    edit(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn every_kind_of_bad_input_is_refused_by_name_and_changes_nothing() {
    let env = Env::new();
    // Start from a database with something in it, so "unchanged" is not trivially true.
    let seed = env.file(
        "seed.json",
        &EXAMPLE
            .replace("CN-0001", "CN-0100")
            .replace("2023/24", "2022/23"),
    );
    env.ok(&["import", seed.to_str().unwrap()]);
    let before = env.state();
    let pl = "/cases/0/placements/0";
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "bad money",
            edited(|v| {
                v.pointer_mut(&format!("{pl}/cost_lines/1/amount"))
                    .map(|a| *a = json!("12.345"))
                    .unwrap()
            }),
            "cases[0].placements[0].cost_lines[1].amount: \"12.345\" has more than two decimal places",
        ),
        (
            "money not a string",
            edited(|v| {
                v.pointer_mut(&format!("{pl}/cost_lines/0/amount"))
                    .map(|a| *a = json!(5250.0))
                    .unwrap()
            }),
            "cases[0].placements[0].cost_lines[0].amount: must be an amount as a string",
        ),
        (
            "empty money",
            edited(|v| {
                v.pointer_mut("/agreements/0/contributions/SC")
                    .map(|a| *a = json!(""))
                    .unwrap()
            }),
            "agreements[0].contributions.SC: an amount is required",
        ),
        (
            "unknown partner in a split",
            edited(|v| {
                v.pointer_mut(&format!("{pl}/splits/0/shares"))
                    .map(|s| s["NHS"] = json!("0"))
                    .unwrap()
            }),
            "cases[0].placements[0].splits[0].shares.NHS: \"NHS\" is not a partner listed in partners",
        ),
        (
            "unknown partner in an agreement",
            edited(|v| {
                v.pointer_mut("/agreements/0/contributions")
                    .map(|s| s["XX"] = json!("1.00"))
                    .unwrap()
            }),
            "agreements[0].contributions.XX: \"XX\" is not a partner listed in partners",
        ),
        (
            "shares not summing to 100",
            edited(|v| {
                v.pointer_mut(&format!("{pl}/splits/1/shares/HE"))
                    .map(|s| *s = json!("29.99"))
                    .unwrap()
            }),
            "cases[0].placements[0].splits[1].shares: sum to 99.99%, not exactly 100%",
        ),
        (
            "share with three decimals",
            edited(|v| {
                v.pointer_mut(&format!("{pl}/splits/0/shares/SC"))
                    .map(|s| *s = json!("50.001"))
                    .unwrap()
            }),
            "cases[0].placements[0].splits[0].shares.SC: \"50.001\" has more than two decimal places",
        ),
        (
            "end before start",
            edited(|v| {
                v.pointer_mut(&format!("{pl}/end"))
                    .map(|s| *s = json!("2023-01-01"))
                    .unwrap()
            }),
            "cases[0].placements[0].end: 2023-01-01 is before the start 2023-01-15",
        ),
        (
            "cost line to before from",
            edited(|v| {
                v.pointer_mut(&format!("{pl}/cost_lines/0/to"))
                    .map(|s| *s = json!("2023-01-01"))
                    .unwrap()
            }),
            "cases[0].placements[0].cost_lines[0].to: 2023-01-01 is before its from 2023-01-15",
        ),
        (
            "malformed date",
            edited(|v| {
                v.pointer_mut(&format!("{pl}/start"))
                    .map(|s| *s = json!("15/01/2023"))
                    .unwrap()
            }),
            "cases[0].placements[0].start: \"15/01/2023\" is not a date (expected YYYY-MM-DD)",
        ),
        (
            "impossible date",
            edited(|v| {
                v.pointer_mut(&format!("{pl}/cost_lines/2/from"))
                    .map(|s| *s = json!("2023-02-29"))
                    .unwrap()
            }),
            "cases[0].placements[0].cost_lines[2].from: \"2023-02-29\" is not a date",
        ),
        (
            "malformed financial year",
            edited(|v| {
                v.pointer_mut("/agreements/0/year")
                    .map(|s| *s = json!("2023/25"))
                    .unwrap()
            }),
            "agreements[0].year: \"2023/25\" is not a financial year",
        ),
        (
            "duplicate case reference",
            edited(|v| {
                let c = v["cases"][0].clone();
                v["cases"].as_array_mut().unwrap().push(c);
            }),
            "cases[1].reference: \"CN-0001\" is a duplicate case reference",
        ),
        (
            "case already in the database",
            EXAMPLE.replace("CN-0001", "CN-0100"),
            "cases[0].reference: \"CN-0100\" is already a case in the database",
        ),
        (
            "unknown per",
            edited(|v| {
                v.pointer_mut(&format!("{pl}/cost_lines/0/per"))
                    .map(|s| *s = json!("month"))
                    .unwrap()
            }),
            "cases[0].placements[0].cost_lines[0].per: \"month\" is not a unit (expected week, day, year or once)",
        ),
        (
            "unknown risk share",
            edited(|v| {
                v.pointer_mut("/agreements/0/risk_share")
                    .map(|s| *s = json!("shared"))
                    .unwrap()
            }),
            "agreements[0].risk_share: \"shared\" is not a risk share (expected contributions or as_incurred)",
        ),
        (
            "missing field",
            edited(|v| {
                v.pointer_mut(pl)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .remove("provider");
            }),
            "cases[0].placements[0].provider: is missing",
        ),
        (
            "missing open end",
            edited(|v| {
                v.pointer_mut(pl)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .remove("end");
            }),
            "cases[0].placements[0].end: is missing (use null for none)",
        ),
        (
            "unknown format",
            edited(|v| v["format"] = json!("complex-needs-panel/2")),
            "format: \"complex-needs-panel/2\" is not a format this program reads",
        ),
        (
            "missing format",
            edited(|v| {
                v.as_object_mut().unwrap().remove("format");
            }),
            "format: is missing",
        ),
        (
            "unknown field",
            edited(|v| v["cases"][0]["name"] = json!("Alex Brown")),
            "cases[0].name: unknown field",
        ),
        (
            "full name as initials",
            edited(|v| v["cases"][0]["initials"] = json!("Alex Brown")),
            "cases[0].initials: \"Alex Brown\" is not initials",
        ),
        (
            "first split after start",
            edited(|v| {
                v.pointer_mut(&format!("{pl}/splits/0/from"))
                    .map(|s| *s = json!("2023-02-01"))
                    .unwrap()
            }),
            "cases[0].placements[0].splits[0].from: 2023-02-01 is after the placement start 2023-01-15",
        ),
        (
            "duplicate partner",
            edited(|v| {
                let p = v["partners"][0].clone();
                v["partners"].as_array_mut().unwrap().push(p);
            }),
            "partners[3].code: \"SC\" is listed twice",
        ),
        ("not JSON", "{\"format\": ".to_string(), "not valid JSON"),
    ];
    for (what, text, expected) in cases {
        let file = env.file("bad.json", &text);
        let o = panel(&env.db(), &["import", file.to_str().unwrap()]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{what}: should fail");
        assert!(
            err.contains(expected),
            "{what}: expected {expected:?} in\n{err}"
        );
        assert!(err.contains("Nothing was imported"), "{what}: {err}");
        assert_eq!(env.state(), before, "{what}: the database changed");
    }
}

#[test]
fn export_import_export_is_identical() {
    let env = Env::new();
    let out = env.ok(&["demo", "--yes"]);
    assert!(out.contains("Demo data added"), "{out}");
    let first = env.dir.path().join("first.json");
    env.ok(&["export", first.to_str().unwrap()]);
    let second_db = env.dir.path().join("second.sqlite3");
    let o = panel(&second_db, &["import", first.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The data as it was before is backed up first, and the import says where.
    let backups = env.dir.path().join("backups");
    let taken: Vec<_> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("before-import"))
        .collect();
    assert_eq!(
        taken.len(),
        1,
        "{taken:?} {:?} {}",
        std::fs::read_dir(&backups)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect::<Vec<_>>(),
        stdout(&o)
    );
    assert!(
        stdout(&o).contains(&format!(
            "The data as it was before is backed up in {}",
            taken[0].display()
        )),
        "{}",
        stdout(&o)
    );
    // Imported again, it is refused whole, and the backup it did not need is not kept.
    let o = panel(&second_db, &["import", first.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let after: Vec<_> = std::fs::read_dir(&backups).unwrap().collect();
    assert_eq!(after.len(), 1, "{after:?}");
    let second = env.dir.path().join("second.json");
    let o = panel(&second_db, &["export", second.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (a, b) = (
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap(),
    );
    assert!(a == b, "exports differ");
    assert!(
        a.len() > 50_000,
        "the demo export is suspiciously small: {} bytes",
        a.len()
    );
}

#[test]
fn demo_only_fills_an_empty_database() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    let before = env.state();
    let o = panel(&env.db(), &["demo", "--yes"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already holds data"), "{}", stderr(&o));
    assert_eq!(env.state(), before);
    // This year's spend of the demo: the seed's pool.
    let v: Value = serde_json::from_str(&env.ok(&["spend", "--json"])).unwrap();
    assert_eq!(v["budget"], "7200000.00");
}

#[test]
fn a_database_another_program_is_writing_to_is_busy_not_refused() {
    let env = Env::new();
    env.ok(&["init"]);
    // Another program takes the write lock and keeps it past the command's wait (two seconds
    // here, thirty unless PANEL_BUSY_WAIT says).
    let holder = open_db(&env.db());
    holder
        .connection()
        .execute_batch("BEGIN IMMEDIATE")
        .unwrap();
    let o = command(&env.db(), &["demo", "--yes"])
        .env("PANEL_BUSY_WAIT", "2")
        .run();
    holder.connection().execute_batch("ROLLBACK").unwrap();
    assert_eq!(o.status.code(), Some(75), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("waiting for it to finish (up to 2 s)")
            && stderr(&o).contains("the database is busy")
            && stderr(&o).contains("try again"),
        "{}",
        stderr(&o)
    );
    drop(holder);
    // Nothing was changed: the database is still empty, and the demo goes in now.
    let out = env.ok(&["demo", "--yes"]);
    assert!(out.contains("Demo data added"), "{out}");
}

/// The command waits for a writer that keeps the database longer than the desktop app would
/// wait (five seconds), then makes its change.
#[test]
fn a_command_waits_for_another_writer_to_finish_and_then_writes() {
    let env = Env::new();
    env.ok(&["init"]);
    let holder = open_db(&env.db());
    holder
        .connection()
        .execute_batch(
            "BEGIN IMMEDIATE;
             INSERT INTO partners (code, name, position) VALUES ('XX', 'Held writer', 9)",
        )
        .unwrap();
    let started = std::time::Instant::now();
    let writer = std::thread::spawn({
        let db = env.db();
        move || panel(&db, &["demo", "--yes"])
    });
    std::thread::sleep(std::time::Duration::from_secs(7));
    holder.connection().execute_batch("ROLLBACK").unwrap();
    drop(holder);
    let o = writer.join().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(started.elapsed() >= std::time::Duration::from_secs(7));
    assert!(
        stderr(&o).contains("is writing to the database: waiting for it to finish (up to 30 s)"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("Demo data added"), "{}", stdout(&o));
    let store = open_db(&env.db());
    assert!(store.summary().unwrap().cases > 0);
    assert!(store.check().unwrap().ok());
}

#[test]
fn a_busy_wait_that_is_not_a_number_of_seconds_is_refused() {
    let env = Env::new();
    for bad in ["soon", "-1", "3601"] {
        let o = command(&env.db(), &["spend"])
            .env("PANEL_BUSY_WAIT", bad)
            .run();
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).contains(&format!(
                "PANEL_BUSY_WAIT: \"{bad}\" is not a number of seconds from 0 to 3600"
            )),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn bad_arguments_are_refused_clearly() {
    let env = Env::new();
    let o = panel(&env.db(), &["spend", "--year", "2023-24"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("--year: \"2023-24\" is not a financial year"),
        "{}",
        stderr(&o)
    );
    let o = panel(&env.db(), &["spend", "--as-of", "2023-02-30"]);
    assert!(
        stderr(&o).contains("--as-of: \"2023-02-30\" is not a date"),
        "{}",
        stderr(&o)
    );
    let o = panel(
        &env.db(),
        &[
            "import",
            env.dir.path().join("missing.json").to_str().unwrap(),
        ],
    );
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
}

/// Unix only: there the data folder follows `HOME`, so the test gives the program a home of its
/// own. On Windows it is the user's own `%APPDATA%`, which no test may write to; panel-store's
/// `the_default_database_is_in_appdata` checks the path there.
#[cfg(unix)]
#[test]
fn default_database_is_in_the_data_folder() {
    let env = Env::new();
    let home = env.dir.path();
    let o = Command::new(env!("CARGO_BIN_EXE_panel"))
        .arg("init")
        .env("HOME", home)
        .env("PANEL_KEY", KEY)
        .env_remove("XDG_DATA_HOME")
        .run();
    assert!(o.status.success(), "{}", stderr(&o));
    let expected = home.join(".local/share/uk.complexneedspanel.desktop/panel.sqlite3");
    assert!(expected.exists(), "{}", stdout(&o));
    assert!(stdout(&o).contains(expected.to_str().unwrap()));
}

#[test]
fn record_prints_a_final_decision_in_full_or_redacted() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    let store = open_db(&env.db());
    let year = panel_core::FinancialYear::containing(today());
    // The demo's decisions are numbered in the current year or the one before.
    let previous = panel_core::FinancialYear::starting(year.start_year() - 1).unwrap();
    let number = [year, previous]
        .iter()
        .map(|y| format!("CNP/{}/0001", y.short_label()))
        .find(|n| store.decision_by_number(n).is_ok())
        .expect("the demo has a first decision");
    let record =
        panel_app::documents::record(&store, store.decision_by_number(&number).unwrap()).unwrap();
    drop(store);

    let full = env.dir.path().join("out/record.pdf");
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    let o = panel(
        &env.db(),
        &["record", &number, "--out", full.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("Record of decision {number}")));
    let bytes = std::fs::read(&full).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let redacted = env.dir.path().join("out/published.pdf");
    env.ok(&[
        "record",
        &number,
        "--out",
        redacted.to_str().unwrap(),
        "--redacted",
    ]);
    let published = std::fs::read(&redacted).unwrap();
    assert!(published.starts_with(b"%PDF-"));
    let raw = String::from_utf8_lossy(&published);
    assert!(
        !raw.contains(&record.reference),
        "{} in the file",
        record.reference
    );

    // No such decision: refused, and no file.
    let missing = env.dir.path().join("out/missing.pdf");
    let o = panel(
        &env.db(),
        &[
            "record",
            "CNP/99-00/0001",
            "--out",
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("there is no decision CNP/99-00/0001"),
        "{}",
        stderr(&o)
    );
    assert!(!missing.exists());
}

#[test]
fn minutes_and_agenda_print_a_meeting_by_its_date() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    let store = open_db(&env.db());
    // The demo's latest meeting with decisions, and its first decision.
    let (meeting, number) = store
        .meetings()
        .unwrap()
        .into_iter()
        .find_map(|m| {
            let agenda = store.agenda(m.id).unwrap();
            let first = agenda.first()?;
            let d = store.item_decisions(first.id).unwrap().into_iter().next()?;
            Some((m, d.number?))
        })
        .expect("the demo has a meeting with decisions");
    drop(store);
    let day = meeting.date.to_string();
    let flat = |path: &std::path::Path| {
        let bytes = std::fs::read(path).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        pdf_extract::extract_text_from_mem(&bytes)
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let long = meeting.date.format("%-d %B %Y").to_string();

    let minutes = env.dir.path().join("minutes.pdf");
    let o = panel(
        &env.db(),
        &["minutes", &day, "--out", minutes.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("Minutes of the meeting of {long} written to")));
    let text = flat(&minutes);
    assert!(text.contains(&format!("meeting of {long}")), "{text}");
    assert!(text.contains(&number), "{number} not in {text}");
    assert!(text.contains(&meeting.chair), "{text}");

    let agenda = env.dir.path().join("agenda.pdf");
    env.ok(&["agenda", &day, "--out", agenda.to_str().unwrap()]);
    let text = flat(&agenda);
    assert!(
        text.contains(&format!("agenda pack for the meeting of {long}")),
        "{text}"
    );
    // The demo's meetings start at 10:00: the timetable has clock times.
    assert!(text.contains("Start time 10:00"), "{text}");
    assert!(text.contains("10:00–"), "{text}");

    // A date with no meeting, or no date at all: refused, and no file.
    let none = env.dir.path().join("none.pdf");
    let o = panel(
        &env.db(),
        &["minutes", "2001-01-01", "--out", none.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("there is no meeting on 01/01/2001"),
        "{}",
        stderr(&o)
    );
    let o = panel(
        &env.db(),
        &["agenda", "10/12/2026", "--out", none.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("write it as YYYY-MM-DD"),
        "{}",
        stderr(&o)
    );
    assert!(!none.exists());
}

/// Splits one CSV line into cells (quoted cells may hold commas and doubled quotes).
fn csv_cells(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => out.last_mut().unwrap().push(c),
        }
    }
    out
}

fn pence(cell: &str) -> i64 {
    panel_core::Money::parse("cell", cell).unwrap().pence()
}

#[test]
fn spend_csv_totals_are_the_json_figures_to_the_penny() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    let when = ["--year", "2025/26", "--as-of", "2025-12-31"];
    let json: Value =
        serde_json::from_str(&env.ok(&[&["spend", "--json"][..], &when].concat())).unwrap();
    let figure = |v: &Value| pence(v.as_str().unwrap());

    let summary = env.ok(&[&["spend", "--csv"][..], &when].concat());
    let rows: Vec<Vec<String>> = summary.lines().map(csv_cells).collect();
    assert_eq!(
        rows[0][..5],
        ["year", "as_of", "partner_code", "partner", "contribution"]
    );
    let partners = json["partners"].as_array().unwrap();
    assert_eq!(rows.len(), partners.len() + 2);
    for (row, p) in rows[1..].iter().zip(partners) {
        assert_eq!(row[0], "2025/26");
        assert_eq!(row[2], p["code"].as_str().unwrap());
        assert_eq!(pence(&row[4]), figure(&p["contribution"]));
        assert_eq!(pence(&row[5]), figure(&p["to_date"]));
        assert_eq!(pence(&row[6]), figure(&p["projected"]));
        assert_eq!(pence(&row[7]), figure(&p["variance"]));
        assert_eq!(pence(&row[8]), figure(&p["risk_share"]));
    }
    let total = rows.last().unwrap();
    assert_eq!(total[2], "TOTAL");
    assert_eq!(pence(&total[4]), figure(&json["budget"]));
    assert_eq!(pence(&total[5]), figure(&json["to_date"]));
    assert_eq!(pence(&total[6]), figure(&json["projected"]));
    assert_eq!(pence(&total[7]), figure(&json["variance"]));

    let detail = env.ok(&[&["spend", "--detail-csv"][..], &when].concat());
    let rows: Vec<Vec<String>> = detail.lines().map(csv_cells).collect();
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    for (basis, key) in [("to_date", "to_date"), ("projected", "projected")] {
        let of: Vec<&Vec<String>> = rows[1..]
            .iter()
            .filter(|r| r[col("basis")] == basis)
            .collect();
        let sum: i64 = of.iter().map(|r| pence(&r[col("cost")])).sum();
        assert_eq!(sum, figure(&json[key]), "{basis}");
        for p in partners {
            let code = p["code"].as_str().unwrap();
            let sum: i64 = of
                .iter()
                .map(|r| pence(&r[col(&format!("{code}_amount"))]))
                .sum();
            assert_eq!(sum, figure(&p[key]), "{basis} {code}");
        }
        // Every segment's days × rate explain its cost (per-week lines: rate × days ÷ 7).
        for r in of.iter().filter(|r| r[col("per")] == "week") {
            let exact =
                pence(&r[col("rate")]) as f64 * r[col("days")].parse::<f64>().unwrap() / 7.0;
            assert!(
                (pence(&r[col("cost")]) as f64 - exact).abs() <= 0.5,
                "{r:?}"
            );
        }
    }
    // One format at a time.
    let o = panel(&env.db(), &["spend", "--csv", "--json"]);
    assert!(!o.status.success());
}

#[test]
fn spend_report_prints_the_year_as_pdf() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    let out = env.dir.path().join("spend.pdf");
    let o = panel(
        &env.db(),
        &[
            "spend-report",
            "--year",
            "2025/26",
            "--as-of",
            "2025-12-31",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("Spend report for 2025/26 as of 31 December 2025"));
    let text = pdf_extract::extract_text_from_mem(&std::fs::read(&out).unwrap()).unwrap();
    let json: Value = serde_json::from_str(&env.ok(&[
        "spend",
        "--json",
        "--year",
        "2025/26",
        "--as-of",
        "2025-12-31",
    ]))
    .unwrap();
    let money = |v: &Value| panel_core::Money::from_pence(pence(v.as_str().unwrap())).to_string();
    for key in ["budget", "to_date", "projected"] {
        assert!(text.contains(&money(&json[key])), "{key}");
    }
    // A bad year writes nothing.
    let bad = env.dir.path().join("bad.pdf");
    let o = panel(
        &env.db(),
        &[
            "spend-report",
            "--year",
            "2025-26",
            "--out",
            bad.to_str().unwrap(),
        ],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--year"), "{}", stderr(&o));
    assert!(!bad.exists());
}

#[test]
fn the_database_is_encrypted_and_its_passphrase_asked_for() {
    let env = Env::new();
    // No passphrase and no terminal: refused, and no file made.
    let o = command(&env.db(), &["init"]).env_remove("PANEL_KEY").run();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("set PANEL_KEY"), "{}", stderr(&o));
    assert!(!env.db().exists());
    // A weak one for a new database: refused.
    let o = command(&env.db(), &["init"])
        .env("PANEL_KEY", "short")
        .run();
    assert!(
        stderr(&o).contains("at least 10 characters"),
        "{}",
        stderr(&o)
    );
    assert!(!env.db().exists());

    env.ok(&["demo", "--yes"]);
    let bytes = std::fs::read(env.db()).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
    let before = env.state();
    let o = command(&env.db(), &["spend"])
        .env("PANEL_KEY", "not the passphrase")
        .run();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the passphrase is wrong"),
        "{}",
        stderr(&o)
    );
    assert_eq!(env.state(), before);

    // Changing it: the new one from PANEL_NEW_KEY; backups taken before keep the old one.
    let backup = env.dir.path().join("before change.sqlite3");
    env.ok(&["backup", backup.to_str().unwrap()]);
    let o = command(&env.db(), &["passphrase"])
        .env("PANEL_NEW_KEY", "a new passphrase now")
        .run();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(panel(&env.db(), &["spend"]).status.code() == Some(1));
    let new = |args: &[&str]| {
        command(&env.db(), args)
            .env("PANEL_KEY", "a new passphrase now")
            .run()
    };
    assert!(new(&["spend"]).status.success());
    let o = new(&["restore", backup.to_str().unwrap(), "--yes"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("set PANEL_BACKUP_KEY"),
        "{}",
        stderr(&o)
    );
    let o = command(&env.db(), &["restore", backup.to_str().unwrap(), "--yes"])
        .env("PANEL_KEY", "a new passphrase now")
        .env("PANEL_BACKUP_KEY", KEY)
        .run();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Restored from"), "{}", stdout(&o));
}

#[test]
fn an_unencrypted_database_is_encrypted_in_place() {
    let env = Env::new();
    let file = env.file("example.json", EXAMPLE);
    {
        let mut plain = panel_store::Store::open(&env.db(), "someone").unwrap();
        plain
            .import(&panel_core::interchange::read_dataset(EXAMPLE).unwrap())
            .unwrap();
    }
    let o = panel(&env.db(), &["spend", "--year", "2023/24", "--json"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("is not encrypted; `panel encrypt`"),
        "{}",
        stderr(&o)
    );
    let figures = stdout(&o);
    let o = command(&env.db(), &["encrypt"])
        .env("PANEL_KEY", "too short")
        .run();
    assert!(stderr(&o).contains("at least 10"), "{}", stderr(&o));
    assert!(
        std::fs::read(env.db())
            .unwrap()
            .starts_with(b"SQLite format 3")
    );
    let out = env.ok(&["encrypt"]);
    assert!(out.contains("Encrypted"), "{out}");
    assert!(
        !std::fs::read(env.db())
            .unwrap()
            .starts_with(b"SQLite format 3")
    );
    let o = panel(&env.db(), &["spend", "--year", "2023/24", "--json"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), figures);
    assert!(!stderr(&o).contains("not encrypted"));
    let o = panel(&env.db(), &["encrypt"]);
    assert!(stderr(&o).contains("already encrypted"), "{}", stderr(&o));
    // Importing again is refused as before: the data is the same.
    assert!(
        !panel(&env.db(), &["import", file.to_str().unwrap()])
            .status
            .success()
    );
}

#[test]
fn backup_restore_and_check_from_the_command_line() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    let out = env.ok(&["check"]);
    assert!(out.contains("All 10 checks passed"), "{out}");
    assert!(out.contains("ok    Every split adds up to 100%"), "{out}");
    let at_backup = env.state();
    let backup = env.dir.path().join("panel backup.sqlite3");
    let out = env.ok(&["backup", backup.to_str().unwrap()]);
    let cases = panel_core::demo::demo(today()).cases.len();
    assert!(
        out.contains(&format!("It holds 3 partners, {cases} cases")),
        "{out}"
    );
    let o = panel(&env.db(), &["backup", backup.to_str().unwrap()]);
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));

    // A change after the backup.
    open_db(&env.db())
        .connection()
        .execute("UPDATE cases SET needs = 'changed' WHERE id = 1", [])
        .unwrap();
    let changed = env.state();
    assert_ne!(changed, at_backup);
    // Without a terminal, restoring needs --yes; asked, nothing changes.
    let o = panel(&env.db(), &["restore", backup.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("The backup"), "{}", stdout(&o));
    assert!(stderr(&o).contains("give --yes"), "{}", stderr(&o));
    assert_eq!(env.state(), changed);
    let o = panel(
        &env.db(),
        &[
            "restore",
            env.file("no.sqlite3", "nonsense").to_str().unwrap(),
            "--yes",
        ],
    );
    assert!(stderr(&o).contains("Nothing restored"), "{}", stderr(&o));
    assert_eq!(env.state(), changed);

    let out = env.ok(&["restore", backup.to_str().unwrap(), "--yes"]);
    assert!(out.contains("The data it replaced is kept in"), "{out}");
    let (data, _) = env.state();
    assert_eq!(data, at_backup.0, "the backup's data, exactly");
    let out = env.ok(&["backups"]);
    assert!(out.contains("before-restore"), "{out}");
    let out = env.ok(&["backup"]);
    let sep = std::path::MAIN_SEPARATOR;
    assert!(out.contains(&format!("{sep}backups{sep}panel-")), "{out}");
    assert!(env.ok(&["check"]).contains("All 10 checks passed"));

    // A final decision changed behind the program's back is found, with a failing exit.
    let store = open_db(&env.db());
    store
        .connection()
        .execute_batch(
            "DROP TRIGGER decisions_final_no_update;
             UPDATE decisions SET reasons = 'rewritten' WHERE id = (SELECT min(id) FROM decisions WHERE status = 'final');",
        )
        .unwrap();
    drop(store);
    let o = panel(&env.db(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("FAIL  Finalised decisions unchanged"), "{out}");
    assert!(
        out.contains("has been changed since it was finalised: reasons"),
        "{out}"
    );
    assert!(
        out.contains("the trigger decisions_final_no_update is missing"),
        "{out}"
    );
    assert!(stderr(&o).contains("2 problems found"), "{}", stderr(&o));
}

#[test]
fn placements_are_imported_from_a_spreadsheet_or_refused_with_a_report() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    let head = "Placements tracker\n\nCase ref,Initials,Provider,Placement type,Began,End date,Weekly cost,Social care %,Education %,Health %\n";
    let good = "CN-9001,T.W.,Meadow Bank,Day school,01/09/2026,,\"£1,450.00\",0,100,0\n";
    let bad = "CN-9002,Jo Bloggs,Oak,Castle,31/09/2026,,abc,50,50,10\n";
    let file = env.file("tracker.csv", &format!("{head}{good}{bad}"));
    let file = file.to_str().unwrap();
    let before = env.state();

    // Refused whole: the good row is not imported either, and the report says what to fix.
    let o = panel(&env.db(), &["import-sheet", file]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("headings in row 3, 2 rows"), "{out}");
    assert!(
        out.contains("Amount                               G  Weekly cost"),
        "{out}"
    );
    // "Began" is not a heading the start is known by.
    assert!(
        out.contains("Start date                           -"),
        "{out}"
    );
    let err = stderr(&o);
    assert!(
        err.contains("Choose the column that holds the start date"),
        "{err}"
    );
    assert!(err.contains("Nothing was imported from"), "{err}");
    assert_eq!(env.state(), before);

    let o = panel(&env.db(), &["import-sheet", file, "--column", "start=E"]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<String> = stderr(&o).lines().map(String::from).collect();
    assert_eq!(
        lines,
        [
            "Row 5, column B (Initials): \"Jo Bloggs\" is not initials (capital letters with dots, e.g. A.B.): records never hold a full name",
            "Row 5, column D (Placement type): \"Castle\" is not a type of placement; use one of: Residential children's home, Residential special school, Day special school, Independent fostering, Care package at home, Short breaks, Direct payment, Supported living, Other",
            "Row 5, column E (Began): \"31/09/2026\" is not a date (type it as dd/mm/yyyy, e.g. 23/11/2026)",
            "Row 5, column G (Weekly cost): \"abc\" is not an amount of money (expected e.g. 1234.50 or £1,234.50)",
            "Row 5: the shares add up to 110%; they must add up to exactly 100% (the shares are in the partners' columns)",
            &format!("Nothing was imported from {file}: 5 problems to fix."),
        ]
    );
    assert_eq!(env.state(), before);

    // Mended, checked, then imported; a backup of the data before it is kept.
    let mended = "CN-9002,J.B.,Oak,IFA,30/09/2026,,900,50,50,0\n";
    env.file("tracker.csv", &format!("{head}{good}{mended}"));
    let out = env.ok(&["import-sheet", file, "--column", "start=Began", "--check"]);
    assert!(
        out.contains("Every row can be imported: 2 placements and 2 new cases. Nothing was imported (--check)."),
        "{out}"
    );
    assert_eq!(env.state(), before);
    let out = env.ok(&["import-sheet", file, "--column", "start=e"]);
    assert!(
        out.contains("Imported 2 placements and 2 new cases from"),
        "{out}"
    );
    assert!(out.contains("-before-import.sqlite3"), "{out}");
    let store = open_db(&env.db());
    let case = store.case(store.case_id("CN-9002").unwrap()).unwrap();
    assert_eq!(case.case.initials, "J.B.");
    assert_eq!(case.placements[0].record.provider, "Oak");
    assert_eq!(
        case.placements[0].record.placement.cost_lines[0].amount,
        panel_core::Money::from_pence(90_000)
    );
    drop(store);

    // A second run finds every row already there.
    let after = env.state();
    let o = panel(&env.db(), &["import-sheet", file, "--column", "start=E"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already has a placement with Meadow Bank from 01/09/2026"));
    assert_eq!(env.state(), after);
    for bad_option in [
        vec!["--column", "start"],
        vec!["--column", "begin=E"],
        vec!["--column", "start=Q"],
        vec!["--per", "month"],
        vec!["--sheet", "Other"],
    ] {
        let mut args = vec!["import-sheet", file];
        args.extend(bad_option.iter());
        let o = panel(&env.db(), &args);
        assert_eq!(o.status.code(), Some(1), "{bad_option:?}");
        assert!(!stderr(&o).is_empty());
    }
    let o = panel(&env.db(), &["import-sheet", "/nonexistent/tracker.xlsx"]);
    assert!(stderr(&o).contains("cannot read /nonexistent/tracker.xlsx"));
}

#[test]
fn a_council_tracker_imports_first_time_and_says_what_it_left_out() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    // As Excel saves "CSV UTF-8": a byte-order mark, CRLF, a title, a totals row, notes, and
    // the council's own headings (the CCG still named).
    let tracker = "\u{FEFF}Complex needs tracker 2026/27\r\nAs at 30/11/2026\r\n\r\n\
        Child ID,Child,Setting,Type of provision,Date placed,Planned end,Weekly fee,LA share,HNB %,Sunderland CCG %\r\n\
        CN-9101,T.W.,Meadow Bank,Day school,01/09/2026,,\"£1,450.00\",0%,100%,0%\r\n\
        ,,,,,,,,,\r\n\
        CN-9102,J.B.,Oak,IFA,30/09/2026,,£900.00,50%,25%,25%\r\n\
        Total,,,,,,\"£2,350.00\",,,\r\n\
        Notes: fees exclude transport,,,,,,,,,\r\n";
    let file = env.file("tracker.csv", tracker);
    let file = file.to_str().unwrap();
    let out = env.ok(&["import-sheet", file, "--check"]);
    for line in [
        "headings in row 4, 4 rows",
        "Row 6: blank, left out",
        "Row 8: a totals row (\u{201C}Total\u{201D}), left out",
        "Row 9: a note under the table (\u{201C}Notes: fees exclude transport\u{201D}), left out",
        "Every row can be imported: 2 placements and 2 new cases.",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    // "Sunderland CCG %" is the health partner's column: CCG is a name of its kind.
    assert!(
        out.contains("Health (ICB) share                   J  Sunderland CCG %"),
        "{out}"
    );
    let out = env.ok(&["import-sheet", file]);
    assert!(
        out.contains("Imported 2 placements and 2 new cases"),
        "{out}"
    );
    let store = open_db(&env.db());
    assert!(store.case_id("Total").is_err(), "no case called Total");
    drop(store);

    // A partner's other names: listed, set, refused when another partner goes by one.
    let out = env.ok(&[
        "partners",
        "HE",
        "--also-called",
        "Sunderland CCG; NHS Sunderland",
    ]);
    assert!(
        out.contains("HE is also called Sunderland CCG, NHS Sunderland."),
        "{out}"
    );
    assert!(
        out.contains("  also called: Sunderland CCG, NHS Sunderland"),
        "{out}"
    );
    let before = env.state();
    let o = panel(
        &env.db(),
        &[
            "partners",
            "HE",
            "--also-called",
            "LA social care, Social care",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("\"Social care\" is already a name of SC, Social care"),
        "{}",
        stderr(&o)
    );
    assert_eq!(env.state(), before);
}

/// The demo's whole dataset as `panel export` writes it.
fn demo_dataset() -> Value {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    serde_json::from_str(&env.export()).unwrap()
}

/// A decision's actions as a draft has them: none done yet.
fn undone(decision: &mut Value) {
    for a in decision["actions"].as_array_mut().unwrap() {
        a.as_object_mut().unwrap().remove("done");
    }
}

/// The position in `decisions` of the first final decision satisfying `f`.
fn final_where(v: &Value, f: impl Fn(&Value) -> bool) -> usize {
    v["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .position(|d| d["status"] == "final" && f(d))
        .expect("the demo has such a decision")
}

#[test]
fn import_refuses_every_decision_the_app_would_refuse() {
    let demo = demo_dataset();
    // The demo as exported imports cleanly into an empty database.
    let env = Env::new();
    let whole = env.file("demo.json", &demo.to_string());
    env.ok(&["import", whole.to_str().unwrap()]);

    let funded = |d: &Value| d["outcome"] == "approved" && d["meeting"].is_string();
    let k = final_where(&demo, funded);
    // A review: its placement started before the decision.
    let kr = final_where(&demo, |d| {
        funded(d) && d["placement_snapshot"]["start"].as_str() < d["decided_on"].as_str()
    });
    let meeting = demo["decisions"][k]["meeting"]
        .as_str()
        .unwrap()
        .to_string();
    let mi = demo["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .position(|m| m["date"] == meeting.as_str())
        .unwrap();
    let other_case = demo["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["reference"].as_str().unwrap().to_string())
        .find(|r| *r != demo["decisions"][k]["case"])
        .unwrap();
    type Edit = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Edit, String)> = vec![
        (
            "no reasons",
            Box::new(move |v| v["decisions"][k]["reasons"] = json!("")),
            format!("decisions[{k}].reasons: Give the reasons for the decision"),
        ),
        (
            "no paragraphs, review date or assent",
            Box::new(move |v| {
                v["decisions"][k]["paragraphs"] = json!([]);
                v["decisions"][k]["review_date"] = json!(null);
                v["decisions"][k]["assent"] = json!({});
            }),
            format!("decisions[{k}].assent.SC: Record whether Social care agrees (it pays"),
        ),
        (
            "health sent apologies",
            Box::new(move |v| {
                for a in v["meetings"][mi]["attendees"].as_array_mut().unwrap() {
                    if a["represents"] == "HE" {
                        a["attendance"] = json!("apologies");
                    }
                }
            }),
            format!("decisions[{k}].meeting: The meeting is not quorate"),
        ),
        (
            "inquorate flag on a quorate meeting",
            Box::new(move |v| v["decisions"][k]["inquorate"] = json!(true)),
            format!(
                "decisions[{k}].inquorate: Recorded as taken at an inquorate meeting, but the meeting's attendance is quorate"
            ),
        ),
        (
            "a reduction the day after the decision",
            Box::new(move |v| {
                let d = &mut v["decisions"][kr];
                let day = chrono::NaiveDate::parse_from_str(d["decided_on"].as_str().unwrap(), "%Y-%m-%d").unwrap();
                let next = day.succ_opt().unwrap().to_string();
                let snap = &mut d["placement_snapshot"];
                let start = snap["start"].as_str().unwrap().to_string();
                snap["end"] = json!(null);
                snap["cost_lines"] = json!([
                    {"description": "Weekly fee", "per": "week", "amount": "99999.00", "from": start, "to": day.to_string()},
                    {"description": "Weekly fee", "per": "week", "amount": "4000.00", "from": next, "to": null}
                ]);
                d["effective_from"] = json!(next);
            }),
            // From the rate an earlier decision approved, whatever it was.
            format!(
                "decisions[{kr}].effective_from: The weekly cost falls from £ … to £4,000.00 on {}",
                chrono::NaiveDate::parse_from_str(demo["decisions"][kr]["decided_on"].as_str().unwrap(), "%Y-%m-%d")
                    .unwrap()
                    .succ_opt()
                    .unwrap()
                    .format("%d/%m/%Y")
            ),
        ),
        (
            "a decision filed on an item about another child",
            Box::new({
                let other_case = other_case.clone();
                move |v| {
                    let d = &mut v["decisions"][k];
                    d["case"] = json!(other_case);
                    d["placement"] = json!(null);
                    d["placement_snapshot"] = json!(null);
                }
            }),
            format!(
                "decisions[{k}].item: the agenda item it was made on is about another case"
            ),
        ),
        (
            "a later split paid by a partner not asked",
            Box::new(move |v| {
                let d = &mut v["decisions"][k];
                d["assent"].as_object_mut().unwrap().remove("HE");
                let snap = &mut d["placement_snapshot"];
                let end = snap["end"].clone();
                let first = snap["splits"][0]["from"].clone();
                snap["splits"] = json!([
                    {"from": first, "shares": {"SC": "50", "ED": "50", "HE": "0"}},
                    {"from": end.as_str().map_or("2030-01-01".to_string(), |e| {
                        let e = chrono::NaiveDate::parse_from_str(e, "%Y-%m-%d").unwrap();
                        e.pred_opt().unwrap().to_string()
                    }), "shares": {"SC": "35", "ED": "35", "HE": "30"}}
                ]);
            }),
            format!("decisions[{k}].assent.HE: Record whether Health (ICB) agrees (it pays 30% from"),
        ),
        (
            "an open draft under locked minutes",
            Box::new(move |v| {
                v["meetings"][mi]["minutes_status"] = json!("locked");
                let mut draft = v["decisions"][k].clone();
                draft["status"] = json!("draft");
                draft["number"] = json!(null);
                draft["placement_snapshot"] = json!(null);
                undone(&mut draft);
                draft["amends"] = json!(v["decisions"][k]["number"].clone());
                v["decisions"].as_array_mut().unwrap().push(draft);
            }),
            "a draft under minutes that are approved and locked: it could never be finalised or discarded".into(),
        ),
        (
            "two amendments of one decision",
            Box::new(move |v| {
                let number = v["decisions"][k]["number"].clone();
                for _ in 0..2 {
                    let mut draft = v["decisions"][k].clone();
                    draft["status"] = json!("draft");
                    draft["number"] = json!(null);
                    draft["placement_snapshot"] = json!(null);
                    undone(&mut draft);
                    draft["amends"] = number.clone();
                    v["decisions"].as_array_mut().unwrap().push(draft);
                }
            }),
            "is already amended by the draft decisions[".into(),
        ),
    ];
    for (what, edit, expected) in cases {
        let mut v = demo.clone();
        edit(&mut v);
        let env = Env::new();
        let file = env.file("bad.json", &v.to_string());
        let o = panel(&env.db(), &["import", file.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{what}: {}", stdout(&o));
        // Parts of a message that varies between them, each said.
        assert!(
            expected.split(" … ").all(|part| stderr(&o).contains(part)),
            "{what}: expected {expected:?} in\n{}",
            stderr(&o)
        );
        // Nothing of the file was imported.
        let exported: Value = serde_json::from_str(&env.export()).unwrap();
        assert_eq!(exported["cases"], json!([]), "{what}");
    }
}

#[test]
fn import_refuses_what_no_door_may_store() {
    let env = Env::new();
    env.ok(&["init"]);
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "a key given twice",
            EXAMPLE.replace(
                r#""amount": "5250.00","#,
                r#""amount": "5250.00", "amount": "1.00","#,
            ),
            "cases[0].placements[0].cost_lines[0].amount: is given twice (a field may be given only once)",
        ),
        (
            "a trillion pounds a day",
            EXAMPLE.replace(
                r#""per": "week", "amount": "5250.00""#,
                r#""per": "day", "amount": "1000000000000.00""#,
            ),
            "cases[0].placements[0].cost_lines[0].amount: £1,000,000,000,000.00 is above the most one cost line may be (£10,000,000.00)",
        ),
        (
            "a one-off before the placement starts",
            EXAMPLE.replace(
                r#""amount": "2500.00", "from": "2023-11-05""#,
                r#""amount": "2500.00", "from": "2022-11-05""#,
            ),
            "cases[0].placements[0].cost_lines[2].from: 05/11/2022 is outside the placement's dates: a one-off amount on it would count in no year",
        ),
        (
            "a bell in the provider",
            EXAMPLE.replace("Oakfield House", "Oakfield\\u0007House"),
            "cases[0].placements[0].provider: contains a control character (U+0007) that cannot be stored",
        ),
        (
            "a right-to-left override in a description",
            EXAMPLE.replace("Weekly fee (uplift)", "Weekly fee \\u202e(uplift)"),
            "cases[0].placements[0].cost_lines[1].description: contains a character (U+202E) that changes the direction text is shown in",
        ),
        (
            "a line break in initials",
            EXAMPLE.replace("\"A.B.\"", "\"A.\\nB.\""),
            "cases[0].initials: must be on one line (it contains a line break)",
        ),
        (
            "a provider longer than the form allows",
            EXAMPLE.replace("Oakfield House", &"O".repeat(201)),
            "cases[0].placements[0].provider: is too long (201 characters; at most 200)",
        ),
    ];
    for (what, text, expected) in cases {
        let file = env.file("bad.json", &text);
        let o = panel(&env.db(), &["import", file.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{what}: {}", stdout(&o));
        assert!(
            stderr(&o).contains(expected),
            "{what}: expected {expected:?} in\n{}",
            stderr(&o)
        );
        let exported: Value = serde_json::from_str(&env.export()).unwrap();
        assert_eq!(exported["cases"], json!([]), "{what}");
    }
    // The example itself imports; lines paid together are imported with a word to check them.
    let together = EXAMPLE.replace(
        r#""amount": "5250.00", "from": "2023-01-15", "to": "2023-06-30""#,
        r#""amount": "5250.00", "from": "2023-01-15", "to": "2023-07-31""#,
    );
    let good = env.file("good.json", &together);
    let out = env.ok(&["import", good.to_str().unwrap()]);
    assert!(
        out.contains("Check cases[0].placements[0]: Cost lines 1 (Weekly fee) and 2 (Weekly fee (uplift)) are both paid from 01/07/2023 to 31/07/2023"),
        "{out}"
    );
}

#[test]
fn a_day_that_is_not_a_date_is_refused() {
    let env = Env::new();
    let o = command(&env.db(), &["spend"])
        .env("PANEL_TODAY", "31/03/2027")
        .run();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("PANEL_TODAY: \"31/03/2027\" is not a date (YYYY-MM-DD)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_decision_recorded_as_inquorate_is_imported_and_printed_as_such() {
    let mut v = demo_dataset();
    let k = final_where(&v, |d| d["meeting"].is_string());
    let meeting = v["decisions"][k]["meeting"].clone();
    let mi = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .position(|m| m["date"] == meeting)
        .unwrap();
    for a in v["meetings"][mi]["attendees"].as_array_mut().unwrap() {
        if a["represents"] == "HE" {
            a["attendance"] = json!("apologies");
        }
    }
    // Every decision at that meeting says so.
    for d in v["decisions"].as_array_mut().unwrap() {
        if d["meeting"] == meeting {
            d["inquorate"] = json!(true);
        }
    }
    let env = Env::new();
    let file = env.file("inquorate.json", &v.to_string());
    env.ok(&["import", file.to_str().unwrap()]);
    assert!(env.ok(&["check"]).contains("All 10 checks passed"));
    let number = v["decisions"][k]["number"].as_str().unwrap().to_string();
    let out = env.dir.path().join("record.pdf");
    env.ok(&["record", &number, "--out", out.to_str().unwrap()]);
    let text = pdf_extract::extract_text_from_mem(&std::fs::read(&out).unwrap()).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Not quorate: recorded as taken at an inquorate meeting"),
        "{flat}"
    );
    assert!(flat.contains("The meeting was not quorate"), "{flat}");
}

#[test]
fn a_restore_says_which_restored_decisions_break_the_rules() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    // A decision loses its assents behind the app's back, and is backed up so.
    {
        let store = open_db(&env.db());
        let c = store.connection();
        c.execute_batch("DROP TRIGGER assents_final_no_delete;")
            .unwrap();
        c.execute(
            "DELETE FROM assents WHERE decision_id = (SELECT min(id) FROM decisions
             WHERE status = 'final' AND outcome = 'approved')",
            [],
        )
        .unwrap();
    }
    let backup = env.dir.path().join("tampered.sqlite3");
    env.ok(&["backup", backup.to_str().unwrap()]);
    let out = env.ok(&["restore", backup.to_str().unwrap(), "--yes"]);
    // Said before anything is replaced, then once more after.
    let before = out
        .find("The backup breaks the rules in 2 places")
        .expect(&out);
    let listed = out
        .find("a split cannot be imposed on a partner")
        .expect(&out);
    let restored = out.find("Restored from").expect(&out);
    assert!(before < listed && listed < restored, "{out}");
    assert!(
        out.contains(
            "The restored data breaks the rules in 2 places: run panel check to list them"
        ),
        "{out}"
    );
    // A backup that keeps every rule says nothing of them.
    let other = Env::new();
    other.ok(&["demo", "--yes"]);
    let clean = other.dir.path().join("clean.sqlite3");
    other.ok(&["backup", clean.to_str().unwrap()]);
    let out = other.ok(&["restore", clean.to_str().unwrap(), "--yes"]);
    assert!(
        out.contains("Restored from") && !out.contains("breaks the rules"),
        "{out}"
    );
}

/// Council file shares have folders such as "Panel données 2026-27": a database, its backups,
/// an imported file and a printed record in such a folder work as anywhere else, on Linux and
/// on Windows (where the tests also run).
#[test]
fn paths_with_spaces_and_accents_work_everywhere() {
    let env = Env::new();
    let folder = env.dir.path().join("Panel données 2026-27");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("Réunion du panel.sqlite3");
    let run = |args: &[&str]| {
        let o = panel(&db, args);
        assert!(o.status.success(), "panel {args:?} failed: {}", stderr(&o));
        stdout(&o)
    };
    let file = folder.join("exemple à importer.json");
    std::fs::write(&file, EXAMPLE).unwrap();
    assert!(run(&["import", file.to_str().unwrap()]).contains("1 case"));
    let out = run(&["backup"]);
    let backups: Vec<PathBuf> = std::fs::read_dir(folder.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("-manual.sqlite3"))
        .collect();
    assert_eq!(backups.len(), 1, "{out}");
    assert!(out.contains(backups[0].to_str().unwrap()), "{out}");
    let pdf = folder.join("État des dépenses.pdf");
    run(&[
        "spend-report",
        "--year",
        "2023/24",
        "--as-of",
        "2023-09-30",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let text = pdf_extract::extract_text(&pdf).unwrap();
    assert!(text.contains("2023/24"), "{text}");
    assert!(run(&["check"]).contains("All 10 checks passed"));
    let restored = run(&["restore", backups[0].to_str().unwrap(), "--yes"]);
    assert!(
        restored.contains("The data it replaced is kept in"),
        "{restored}"
    );
    assert!(run(&["check"]).contains("All 10 checks passed"));
}

#[test]
fn monthly_statements_add_up_to_panel_spend_and_bad_periods_are_refused() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    let spend: Value = serde_json::from_str(&env.ok(&[
        "spend",
        "--json",
        "--year",
        "2025/26",
        "--as-of",
        "2026-03-31",
    ]))
    .unwrap();
    let months = [
        ("2025-04-01", "2025-04-30"),
        ("2025-05-01", "2025-05-31"),
        ("2025-06-01", "2025-06-30"),
        ("2025-07-01", "2025-07-31"),
        ("2025-08-01", "2025-08-31"),
        ("2025-09-01", "2025-09-30"),
        ("2025-10-01", "2025-10-31"),
        ("2025-11-01", "2025-11-30"),
        ("2025-12-01", "2025-12-31"),
        ("2026-01-01", "2026-01-31"),
        ("2026-02-01", "2026-02-28"),
        ("2026-03-01", "2026-03-31"),
    ];
    for p in spend["partners"].as_array().unwrap() {
        let code = p["code"].as_str().unwrap();
        let mut sum = 0;
        for (from, to) in months {
            let s: Value = serde_json::from_str(&env.ok(&[
                "statement",
                "--partner",
                code,
                "--from",
                from,
                "--to",
                to,
                "--json",
            ]))
            .unwrap();
            let keys: Vec<&String> = s.as_object().unwrap().keys().collect();
            assert_eq!(keys, ["partner", "from", "to", "total", "lines"]);
            let lines: i64 = s["lines"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| pence(l["amount"].as_str().unwrap()))
                .sum();
            assert_eq!(lines, pence(s["total"].as_str().unwrap()));
            sum += lines;
        }
        assert_eq!(sum, pence(p["to_date"].as_str().unwrap()), "{code}");
        // The CSV's total row is the JSON's total.
        let csv = env.ok(&[
            "statement",
            "--partner",
            code,
            "--from",
            "2025-04-01",
            "--to",
            "2026-03-31",
            "--csv",
        ]);
        let last = csv.lines().last().unwrap();
        let cells = csv_cells(last);
        assert_eq!(cells[4], "total");
        assert_eq!(pence(&cells[10]), sum, "{code}");
    }
    // The table names the partner and the period.
    let table = env.ok(&[
        "statement",
        "--partner",
        "HE",
        "--from",
        "2026-03-20",
        "--to",
        "2026-04-05",
    ]);
    assert!(
        table.starts_with("Statement for Health (ICB) (HE), 20/03/2026 to 05/04/2026"),
        "{table}"
    );
    assert!(table.contains("crosses 31 March"), "{table}");
    // An unknown partner, a period ending before it starts, a day that does not exist: each
    // refused with a clear message.
    for (args, said) in [
        (
            [
                "--partner",
                "XX",
                "--from",
                "2026-04-01",
                "--to",
                "2026-04-30",
            ],
            "There is no partner with the code \"XX\" (the partners are SC, ED, HE)",
        ),
        (
            [
                "--partner",
                "HE",
                "--from",
                "2026-04-30",
                "--to",
                "2026-04-01",
            ],
            "The period ends on 01/04/2026 before it starts on 30/04/2026",
        ),
        (
            [
                "--partner",
                "HE",
                "--from",
                "2026-02-30",
                "--to",
                "2026-04-01",
            ],
            "--from: \"2026-02-30\" is not a date (expected YYYY-MM-DD)",
        ),
    ] {
        let mut all = vec!["statement"];
        all.extend(args);
        let o = panel(&env.db(), &all);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains(said), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty());
    }
}

#[test]
fn a_statement_is_issued_once_numbered_and_a_second_issue_changes_nothing() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    let args = [
        "statement",
        "--partner",
        "HE",
        "--from",
        "2026-10-01",
        "--to",
        "2026-10-31",
    ];
    let preview: Value = serde_json::from_str(&env.ok(&[&args[..], &["--json"]].concat())).unwrap();
    let o = panel(&env.db(), &[&args[..], &["--issue", "--json"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let issued: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(issued["number"], "HE/26-27/01");
    assert_eq!(issued["total"], preview["total"]);
    assert_eq!(issued["lines"], preview["lines"]);
    assert!(
        stderr(&o).starts_with("Issued HE/26-27/01 to Health (ICB): 01/10/2026 to 31/10/2026"),
        "{}",
        stderr(&o)
    );
    // Printed again by its number: as issued.
    let again: Value =
        serde_json::from_str(&env.ok(&["statement", "--number", "HE/26-27/01", "--json"])).unwrap();
    assert_eq!(again["lines"], issued["lines"]);
    assert_eq!(again["number"], "HE/26-27/01");
    let o = panel(&env.db(), &["statement", "--number", "HE/26-27/07"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("there is no issued statement HE/26-27/07"),
        "{}",
        stderr(&o)
    );
    // Issued again, or a period overlapping it, or one not yet over (the tests' today is
    // 15/11/2026): refused, and the database unchanged.
    let before = env.state();
    for (from, to, said) in [
        (
            "2026-10-01",
            "2026-10-31",
            "HE/26-27/01 already states 01/10/2026 to 31/10/2026",
        ),
        ("2026-10-31", "2026-11-10", "HE/26-27/01 already states"),
        ("2026-11-01", "2026-11-30", "after today (15/11/2026)"),
    ] {
        let o = panel(
            &env.db(),
            &[
                "statement",
                "--partner",
                "HE",
                "--from",
                from,
                "--to",
                to,
                "--issue",
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{from}");
        assert!(stderr(&o).contains(said), "{from}: {}", stderr(&o));
    }
    assert_eq!(env.state(), before);
    // The next period is the next number; the table says which, and the PDF shows every
    // line's evidence.
    let out = env.dir.path().join("HE-02.pdf");
    let o = panel(
        &env.db(),
        &[
            "statement",
            "--partner",
            "HE",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-14",
            "--issue",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o)
            .starts_with("Statement HE/26-27/02 for Health (ICB) (HE), 01/11/2026 to 14/11/2026"),
        "{}",
        stdout(&o)
    );
    let text = pdf_extract::extract_text_from_mem(&std::fs::read(&out).unwrap()).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Statement HE/26-27/02",
        "Health (ICB) (HE)",
        "1 November 2026 to 14 November 2026",
        "Issued 15 November 2026",
        "CN-0048 (B.C.)",
        "Larchwood College",
        "CNP/24-25/0006",
        "30%",
        "OFFICIAL-SENSITIVE",
    ] {
        assert!(text.contains(expected), "{expected} not in {text}");
    }
    let json: Value = serde_json::from_str(&env.ok(&[
        "statement",
        "--partner",
        "HE",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-14",
        "--json",
    ]))
    .unwrap();
    let total = panel_core::Money::parse("total", json["total"].as_str().unwrap()).unwrap();
    assert!(
        text.contains(&format!("Total {total}")),
        "{total} not in {text}"
    );
    env.ok(&["check"]);
}

#[test]
fn payments_are_recorded_and_debts_printed_by_age() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    // The tests' today is 15/11/2026: an August statement issued today is 0 days old.
    let issued: Value = serde_json::from_str(&env.ok(&[
        "statement",
        "--partner",
        "HE",
        "--from",
        "2026-08-01",
        "--to",
        "2026-08-31",
        "--issue",
        "--json",
    ]))
    .unwrap();
    let total = pence(issued["total"].as_str().unwrap());
    let out = env.ok(&[
        "payment",
        "--statement",
        "HE/26-27/01",
        "--amount",
        "1000.00",
        "--on",
        "2026-11-15",
        "--reference",
        "BACS 1",
    ]);
    assert!(
        out.starts_with("Recorded £1,000.00 received on 15/11/2026 against HE/26-27/01"),
        "{out}"
    );
    // Refused, and nothing changed: more than is owed, three decimals, an unknown statement,
    // a day after today.
    let before = env.state();
    for (args, said) in [
        (
            vec!["--statement", "HE/26-27/01", "--amount", "99999999"],
            "is more than is owed on HE/26-27/01",
        ),
        (
            vec!["--statement", "HE/26-27/01", "--amount", "12.345"],
            "--amount: \"12.345\" has more than two decimal places",
        ),
        (
            vec!["--statement", "HE/26-27/05", "--amount", "10"],
            "there is no issued statement HE/26-27/05",
        ),
        (
            vec![
                "--statement",
                "HE/26-27/01",
                "--amount",
                "10",
                "--on",
                "2026-11-16",
            ],
            "not on 16/11/2026",
        ),
    ] {
        let mut all = vec!["payment"];
        all.extend(args.iter().copied());
        let o = panel(&env.db(), &all);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains(said), "{args:?}: {}", stderr(&o));
    }
    assert_eq!(env.state(), before);
    // Debts by age: today, 0–30 days; as of 1 March 2027 (106 days), over 90.
    let now: Value = serde_json::from_str(&env.ok(&["debts", "--json"])).unwrap();
    let he = now["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["partner"] == "HE")
        .unwrap()
        .clone();
    assert_eq!(
        pence(he["undisputed"][0].as_str().unwrap()),
        total - 100_000
    );
    assert_eq!(pence(he["total"].as_str().unwrap()), total - 100_000);
    assert_eq!(pence(now["total"].as_str().unwrap()), total - 100_000);
    let later: Value =
        serde_json::from_str(&env.ok(&["debts", "--json", "--as-of", "2027-03-01"])).unwrap();
    let he = later["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["partner"] == "HE")
        .unwrap()
        .clone();
    assert_eq!(
        pence(he["undisputed"][3].as_str().unwrap()),
        total - 100_000
    );
    let csv = env.ok(&["debts", "--csv"]);
    assert!(
        csv.starts_with("as_of,partner,kind,0-30_days,31-60_days,61-90_days,over_90_days,total"),
        "{csv}"
    );
    let table = env.ok(&["debts"]);
    assert!(table.contains("Health (ICB) (HE)"), "{table}");
    env.ok(&["check"]);
}

#[test]
fn disputes_are_raised_held_brought_to_a_meeting_and_withdrawn() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    let issued: Value = serde_json::from_str(&env.ok(&[
        "statement",
        "--partner",
        "HE",
        "--from",
        "2026-08-01",
        "--to",
        "2026-08-31",
        "--issue",
        "--json",
    ]))
    .unwrap();
    let line = |n: usize| issued["lines"][n - 1].clone();
    let second = pence(line(2)["amount"].as_str().unwrap());
    let third = pence(line(3)["amount"].as_str().unwrap());
    assert!(second > 0 && third > 0, "{issued}");

    // Refused, each with its reason, and nothing changed.
    let before = env.state();
    for (args, said) in [
        (
            vec![
                "--statement",
                "HE/26-27/01",
                "--line",
                "2",
                "--reason",
                "whim",
            ],
            "--reason: Choose why the partner disputes it: one of split, rate, no_decision, eligibility, other",
        ),
        (
            vec![
                "--statement",
                "HE/26-27/01",
                "--line",
                "2",
                "--reason",
                "other",
            ],
            "--note: Say what the partner disputes",
        ),
        (
            vec![
                "--statement",
                "HE/26-27/01",
                "--line",
                "99",
                "--reason",
                "rate",
            ],
            "HE/26-27/01 has no line 99",
        ),
        (
            vec![
                "--statement",
                "HE/26-27/04",
                "--line",
                "1",
                "--reason",
                "rate",
            ],
            "there is no issued statement HE/26-27/04",
        ),
        (
            vec!["--withdraw", "DSP/26-27/009"],
            "there is no dispute DSP/26-27/009",
        ),
        (vec![], "say what to do"),
    ] {
        let mut all = vec!["dispute"];
        all.extend(args.iter().copied());
        let o = panel(&env.db(), &all);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains(said), "{args:?}: {}", stderr(&o));
    }
    assert_eq!(env.state(), before);

    // A line disputed for its rate, another placement's split disputed.
    let out = env.ok(&[
        "dispute",
        "--statement",
        "HE/26-27/01",
        "--line",
        "2",
        "--reason",
        "rate",
        "--note",
        "Fee rose without notice",
    ]);
    assert!(
        out.starts_with("Raised DSP/26-27/001: Health (ICB) disputes line 2 of HE/26-27/01"),
        "{out}"
    );
    assert!(
        out.contains("escalated if still open after 13/12/2026"),
        "{out}"
    );
    env.ok(&[
        "dispute",
        "--statement",
        "HE/26-27/01",
        "--line",
        "3",
        "--split",
        "--reason",
        "split",
    ]);
    let o = panel(
        &env.db(),
        &[
            "dispute",
            "--statement",
            "HE/26-27/01",
            "--line",
            "2",
            "--reason",
            "rate",
        ],
    );
    assert!(
        stderr(&o).contains("DSP/26-27/001 already disputes this line"),
        "{}",
        stderr(&o)
    );

    // Held as disputed in the aged debt, and on the register.
    let debts: Value = serde_json::from_str(&env.ok(&["debts", "--json"])).unwrap();
    let he = debts["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["partner"] == "HE")
        .unwrap()
        .clone();
    let total = pence(issued["total"].as_str().unwrap());
    assert_eq!(pence(he["disputed"][0].as_str().unwrap()), second + third);
    assert_eq!(
        pence(he["undisputed"][0].as_str().unwrap()),
        total - second - third
    );
    assert_eq!(pence(he["total"].as_str().unwrap()), total);
    let register: Value =
        serde_json::from_str(&env.ok(&["disputes", "--json", "--as-of", "2026-12-20"])).unwrap();
    let all = register["disputes"].as_array().unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["number"], "DSP/26-27/001");
    assert_eq!(all[0]["reason"], "rate");
    assert_eq!(all[0]["note"], "Fee rose without notice");
    assert_eq!(all[0]["status"], "open");
    assert_eq!(all[0]["age_days"], 35);
    assert_eq!(all[0]["escalated"], true);
    assert_eq!(all[1]["scope"], "split");
    assert_eq!(pence(all[1]["amount"].as_str().unwrap()), third);
    let table = env.ok(&["disputes"]);
    assert!(table.contains("2 open"), "{table}");
    assert!(table.contains("none escalated"), "{table}");
    let csv = env.ok(&["disputes", "--csv"]);
    assert!(
        csv.starts_with("as_of,number,partner,statement,line,scope,case,provider,reason,note"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 3, "{csv}");

    // Brought to the next meeting: its agenda pack lists it; brought again, refused.
    let meeting = open_db(&env.db())
        .meetings()
        .unwrap()
        .into_iter()
        .filter(|m| m.date > today())
        .min_by_key(|m| m.date)
        .unwrap();
    let day = meeting.date.to_string();
    let out = env.ok(&["dispute", "--bring", "DSP/26-27/002", "--meeting", &day]);
    assert!(out.contains("is on the agenda of the meeting of"), "{out}");
    let o = panel(
        &env.db(),
        &["dispute", "--bring", "DSP/26-27/002", "--meeting", &day],
    );
    assert!(
        stderr(&o).contains("already on the agenda"),
        "{}",
        stderr(&o)
    );
    let pack = env.dir.path().join("agenda.pdf");
    env.ok(&["agenda", &day, "--out", pack.to_str().unwrap()]);
    let text = pdf_extract::extract_text_from_mem(&std::fs::read(&pack).unwrap()).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Dispute DSP/26-27/002"), "{text}");

    // Withdrawn: owed again undisputed; withdrawn again, refused.
    let out = env.ok(&[
        "dispute",
        "--withdraw",
        "DSP/26-27/001",
        "--note",
        "Fee confirmed",
    ]);
    assert!(out.starts_with("Withdrew DSP/26-27/001"), "{out}");
    let o = panel(&env.db(), &["dispute", "--withdraw", "DSP/26-27/001"]);
    assert!(
        stderr(&o).contains("DSP/26-27/001 is withdrawn and cannot change"),
        "{}",
        stderr(&o)
    );
    let debts: Value = serde_json::from_str(&env.ok(&["debts", "--json"])).unwrap();
    let he = debts["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["partner"] == "HE")
        .unwrap()
        .clone();
    assert_eq!(pence(he["disputed"][0].as_str().unwrap()), third);
    env.ok(&["check"]);
}

#[test]
fn the_settlement_pack_has_panel_spends_figures_and_balances_what_was_paid() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    // Health's year stated in one statement, part paid, a line disputed.
    let issued: Value = serde_json::from_str(&env.ok(&[
        "statement",
        "--partner",
        "HE",
        "--from",
        "2025-04-01",
        "--to",
        "2026-03-31",
        "--issue",
        "--json",
    ]))
    .unwrap();
    env.ok(&[
        "payment",
        "--statement",
        "HE/25-26/01",
        "--amount",
        "250000.00",
    ]);
    let held = pence(issued["lines"][1]["amount"].as_str().unwrap());
    env.ok(&[
        "dispute",
        "--statement",
        "HE/25-26/01",
        "--line",
        "2",
        "--reason",
        "eligibility",
    ]);

    let spend: Value = serde_json::from_str(&env.ok(&[
        "spend",
        "--year",
        "2025/26",
        "--as-of",
        "2026-03-31",
        "--json",
    ]))
    .unwrap();
    let s: Value =
        serde_json::from_str(&env.ok(&["settlement", "--year", "2025/26", "--json"])).unwrap();
    assert_eq!(s["final"], true);
    assert_eq!(s["lead"], "SC");
    assert_eq!(s["budget"], spend["budget"]);
    assert_eq!(s["spend"], spend["projected"]);
    assert_eq!(s["variance"], spend["variance"]);
    let mut balances = 0;
    for (p, x) in s["partners"]
        .as_array()
        .unwrap()
        .iter()
        .zip(spend["partners"].as_array().unwrap())
    {
        assert_eq!(p["partner"], x["code"]);
        for (a, b) in [
            ("contribution", "contribution"),
            ("spend", "projected"),
            ("variance", "variance"),
            ("risk_share", "risk_share"),
        ] {
            assert_eq!(p[a], x[b], "{a} of {}", p["partner"]);
        }
        let due = pence(p["due"].as_str().unwrap());
        assert_eq!(
            due,
            pence(x["contribution"].as_str().unwrap()) + pence(x["risk_share"].as_str().unwrap())
        );
        balances += pence(p["balance"].as_str().unwrap());
        if p["partner"] == "HE" {
            assert_eq!(p["stated"], issued["total"]);
            assert_eq!(p["unstated"], "0.00");
            assert_eq!(p["paid"], "250000.00");
            assert_eq!(pence(p["disputed"].as_str().unwrap()), held);
            // The demo's Health pays its contribution in quarter by quarter, as called.
            let paid_in = pence(p["paid_in"].as_str().unwrap());
            assert_eq!(paid_in, pence(x["contribution"].as_str().unwrap()));
            assert_eq!(p["called"], p["paid_in"]);
            assert_eq!(
                pence(p["balance"].as_str().unwrap()),
                due - 25_000_000 - paid_in
            );
        }
    }
    // The council paid the providers: what the others owe it is what it is owed.
    assert_eq!(balances, 0);

    let csv = env.ok(&["settlement", "--year", "2025/26", "--csv"]);
    assert_eq!(csv.lines().count(), 5, "{csv}");
    assert!(csv.contains(",HE,"), "{csv}");
    let table = env.ok(&["settlement", "--year", "2025/26"]);
    // Health paid in its contribution and a statement too: the council owes it back.
    assert!(table.contains("is owed £256,900.65 by SC"), "{table}");
    assert!(table.contains("1 dispute open on them"), "{table}");

    let out = env.dir.path().join("settlement.pdf");
    env.ok(&[
        "settlement",
        "--year",
        "2025/26",
        "--out",
        out.to_str().unwrap(),
    ]);
    let text = pdf_extract::extract_text_from_mem(&std::fs::read(&out).unwrap()).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let money = |v: &Value| panel_core::Money::from_pence(pence(v.as_str().unwrap())).to_string();
    for expected in [
        "Year-end settlement 2025/26".to_string(),
        "Providers paid by Social care (SC)".into(),
        format!("Contributions {}", money(&spend["budget"])),
        format!(
            "{} for the year, as of 31 March",
            money(&spend["projected"])
        ),
        "HE/25-26/01".into(),
        "DSP/26-27/001".into(),
        "OFFICIAL-SENSITIVE".into(),
    ] {
        assert!(text.contains(&expected), "{expected} not in {text}");
    }

    // A year that is not one is refused.
    let o = panel(&env.db(), &["settlement", "--year", "2025-26"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--year:"), "{}", stderr(&o));
}

#[test]
fn contributions_are_called_and_paid_in_and_shown_beside_a_statements_spend() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    // The demo's partners other than the council are called a quarter at a time: by 15/11/2026
    // three quarters of 2026/27 are called and paid in.
    let v: Value =
        serde_json::from_str(&env.ok(&["contributions", "--year", "2026/27", "--json"])).unwrap();
    let ed = v["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["partner"] == "ED")
        .unwrap()
        .clone();
    let agreed = pence(ed["agreed"].as_str().unwrap());
    let called = pence(ed["called"].as_str().unwrap());
    assert_eq!(called, 3 * (agreed / 4));
    assert_eq!(ed["paid_in"], ed["called"]);
    // Refused, and nothing changed: a call beyond the contribution, a receipt beyond the calls,
    // a year with no agreement, an unknown partner, a day after today, no amount.
    let before = env.state();
    let left = (agreed - called) as f64 / 100.0;
    let beyond = format!("{:.2}", left + 0.01);
    for (args, said) in [
        (
            vec![
                "--partner",
                "ED",
                "--year",
                "2026/27",
                "--call",
                "--amount",
                beyond.as_str(),
            ],
            "would call more than Education (High Needs Block)'s contribution",
        ),
        (
            vec![
                "--partner",
                "ED",
                "--year",
                "2026/27",
                "--receipt",
                "--amount",
                "0.01",
            ],
            "is more than Education (High Needs Block) was called for and has not paid",
        ),
        (
            vec![
                "--partner",
                "ED",
                "--year",
                "2031/32",
                "--call",
                "--amount",
                "1",
            ],
            "2031/32 has no pooled budget agreement",
        ),
        (
            vec![
                "--partner",
                "XX",
                "--year",
                "2026/27",
                "--call",
                "--amount",
                "1",
            ],
            "There is no partner with the code \"XX\"",
        ),
        (
            vec![
                "--partner",
                "ED",
                "--year",
                "2026/27",
                "--call",
                "--amount",
                "1",
                "--on",
                "2026-11-16",
            ],
            "is after today (15/11/2026)",
        ),
        (
            vec![
                "--partner",
                "ED",
                "--year",
                "2026/27",
                "--call",
                "--amount",
                "0",
            ],
            "An amount above £0.00",
        ),
    ] {
        let mut all = vec!["contribution"];
        all.extend(args.iter().copied());
        let o = panel(&env.db(), &all);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains(said), "{args:?}: {}", stderr(&o));
    }
    assert_eq!(env.state(), before);

    // The last quarter called early and half of it paid in.
    let rest = format!("{:.2}", left);
    let out = env.ok(&[
        "contribution",
        "--partner",
        "ED",
        "--year",
        "2026/27",
        "--call",
        "--amount",
        &rest,
        "--on",
        "2026-11-02",
        "--reference",
        "INV 4",
    ]);
    assert!(out.starts_with("Recorded £"), "{out}");
    assert!(
        out.contains("called from Education (High Needs Block) on 02/11/2026 for 2026/27"),
        "{out}"
    );
    env.ok(&[
        "contribution",
        "--partner",
        "ED",
        "--year",
        "2026/27",
        "--receipt",
        "--amount",
        "1000.00",
        "--on",
        "2026-11-10",
    ]);
    let table = env.ok(&["contributions", "--year", "2026/27"]);
    assert!(
        table.contains("Education (High Needs Block) (ED)"),
        "{table}"
    );
    let v: Value =
        serde_json::from_str(&env.ok(&["contributions", "--year", "2026/27", "--json"])).unwrap();
    let ed = &v["partners"][1];
    assert_eq!(pence(ed["called"].as_str().unwrap()), agreed);
    assert_eq!(pence(ed["paid_in"].as_str().unwrap()), called + 100_000);

    // Education's October statement shows where its contribution stood on 31/10/2026, before
    // the early call, beside its share of the spend to that day as panel spend has it.
    let spend: Value = serde_json::from_str(&env.ok(&[
        "spend",
        "--year",
        "2026/27",
        "--as-of",
        "2026-10-31",
        "--json",
    ]))
    .unwrap();
    let ed_spend = spend["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "ED")
        .unwrap()
        .clone();
    let money = |pence: i64| panel_core::Money::from_pence(pence).to_string();
    let table = env.ok(&[
        "statement",
        "--partner",
        "ED",
        "--from",
        "2026-10-01",
        "--to",
        "2026-10-31",
    ]);
    let said = format!(
        "2026/27 pooled budget at 31/10/2026: contribution {}, of which {} called and {} paid in; share of the spend to date {}.",
        money(agreed),
        money(called),
        money(called),
        money(pence(ed_spend["to_date"].as_str().unwrap()))
    );
    assert!(table.contains(&said), "{said}\n{table}");
    // Its JSON keeps its documented shape.
    let s: Value = serde_json::from_str(&env.ok(&[
        "statement",
        "--partner",
        "ED",
        "--from",
        "2026-10-01",
        "--to",
        "2026-10-31",
        "--json",
    ]))
    .unwrap();
    let keys: Vec<&String> = s.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["partner", "from", "to", "total", "lines"]);
    // The settlement counts what was paid in.
    let st: Value =
        serde_json::from_str(&env.ok(&["settlement", "--year", "2026/27", "--json"])).unwrap();
    let p = &st["partners"][1];
    assert_eq!(pence(p["paid_in"].as_str().unwrap()), called + 100_000);
    assert_eq!(pence(p["called"].as_str().unwrap()), agreed);
}

#[test]
fn a_reader_that_stops_reading_ends_every_printing_command_quietly() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    env.ok(&[
        "statement",
        "--partner",
        "HE",
        "--from",
        "2026-08-01",
        "--to",
        "2026-08-31",
        "--issue",
    ]);
    for args in [
        vec!["export", "-"],
        vec!["spend"],
        vec!["spend", "--json"],
        vec!["spend", "--csv"],
        vec!["spend", "--detail-csv"],
        vec![
            "statement",
            "--partner",
            "HE",
            "--from",
            "2026-04-01",
            "--to",
            "2026-10-31",
        ],
        vec!["statement", "--number", "HE/26-27/01", "--csv"],
        vec!["debts", "--json"],
        vec!["disputes"],
        vec!["contributions", "--year", "2026/27"],
        vec!["settlement", "--year", "2025/26"],
        vec!["check"],
        vec!["--help"],
    ] {
        // The reading end is closed before the command prints anything: every write it makes
        // finds no reader.
        let mut child = command(&env.db(), &args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
    }
    // A write that fails otherwise still says so: /dev/full has no room (a Unix device; on
    // Windows there is none).
    if cfg!(unix) && std::path::Path::new("/dev/full").exists() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = command(&env.db(), &["export", "-"]).stdout(full).run();
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
    }
}

#[test]
fn exceptions_are_listed_as_of_a_day_as_json_csv_and_pdf() {
    let env = Env::new();
    let clean: Value =
        serde_json::from_str(include_str!("../../../docs/examples/clean-panel.json")).unwrap();
    // The clean panel has nothing to ask about; planted, a review overdue and an action past
    // its due date are found, each with its case and placement.
    let mut planted = clean.clone();
    planted["decisions"][0]["review_date"] = json!("2026-10-01");
    planted["decisions"][0]["actions"][0]["due"] = json!("2026-11-01");
    let file = env.file("planted.json", &planted.to_string());
    env.ok(&["import", file.to_str().unwrap()]);
    let before = env.state();
    let v: Value =
        serde_json::from_str(&env.ok(&["exceptions", "--as-of", "2026-09-30", "--json"])).unwrap();
    assert_eq!(v, json!({"as_of": "2026-09-30", "exceptions": []}));
    let v: Value = serde_json::from_str(&env.ok(&["exceptions", "--json"])).unwrap();
    assert_eq!(
        v,
        json!({"as_of": TODAY, "exceptions": [
            {"kind": "review_overdue", "case": "CN-0001", "year": null, "placement": 0,
             "detail": "Oakfield House: its review was due on 01/10/2026, 45 days ago"},
            {"kind": "action_overdue", "case": "CN-0001", "year": null, "placement": 0,
             "detail": "CNP/25-26/0001: \"Send the contract\" (Commissioning) was due on 01/11/2026"},
        ]})
    );
    let csv = env.ok(&["exceptions", "--csv"]);
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(
        csv.starts_with("as_of,kind,case,year,placement,decision,detail\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains("2026-11-15,review_overdue,CN-0001,,0,,"),
        "{csv}"
    );
    let table = env.ok(&["exceptions"]);
    assert!(table.contains("Review overdue (1)"), "{table}");
    assert!(table.contains("2 exceptions in all."), "{table}");
    let out = env.dir.path().join("exceptions.pdf");
    env.ok(&["exceptions", "--out", out.to_str().unwrap()]);
    let text = pdf_extract::extract_text_from_mem(&std::fs::read(&out).unwrap()).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Exceptions"), "{text}");
    assert!(text.contains("Review overdue (1)"), "{text}");
    assert!(text.contains("Action overdue (1)"), "{text}");
    assert!(text.contains("CN-0001 (A.B.)"), "{text}");
    assert!(!text.contains("Sam Carter"), "no attendee's name: {text}");
    // Listing and printing them changed nothing.
    assert_eq!(env.state(), before);
    // The action done clears it; done twice is refused.
    let out = env.ok(&[
        "action-done",
        "--decision",
        "CNP/25-26/0001",
        "--action",
        "1",
        "--on",
        "2026-11-10",
        "--note",
        "Contract signed",
    ]);
    assert_eq!(
        out,
        "Recorded action 1 of CNP/25-26/0001 as done on 10/11/2026.\n"
    );
    let v: Value = serde_json::from_str(&env.ok(&["exceptions", "--json"])).unwrap();
    assert_eq!(v["exceptions"].as_array().unwrap().len(), 1, "{v}");
    let o = panel(
        &env.db(),
        &[
            "action-done",
            "--decision",
            "CNP/25-26/0001",
            "--action",
            "1",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("was recorded as done on 10/11/2026 already"),
        "{}",
        stderr(&o)
    );
    let before = env.state();
    // A day that is not one is refused; nothing is ever changed.
    let o = panel(&env.db(), &["exceptions", "--as-of", "2026-02-30"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("--as-of: \"2026-02-30\" is not a date"),
        "{}",
        stderr(&o)
    );
    assert_eq!(env.state(), before);
}

#[test]
fn a_printed_record_is_verified_against_the_register() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    let store = open_db(&env.db());
    let number: String = store
        .connection()
        .query_row(
            "SELECT number FROM seal_chain ORDER BY position LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let digest = store.register_digest(&number).unwrap().unwrap();
    drop(store);
    let full = env.dir.path().join("record.pdf");
    let published = env.dir.path().join("published.pdf");
    env.ok(&["record", &number, "--out", full.to_str().unwrap()]);
    env.ok(&[
        "record",
        &number,
        "--out",
        published.to_str().unwrap(),
        "--redacted",
    ]);
    let text = panel_pdf::pdf_text(&std::fs::read(&full).unwrap()).unwrap();
    let grouped = format!(
        "{} {} {} {}",
        &digest[..16],
        &digest[16..32],
        &digest[32..48],
        &digest[48..]
    );
    assert!(
        text.contains(&format!("Register digest (SHA-256): {grouped}")),
        "{text}"
    );
    // Both prints are the record on the register.
    for file in [&full, &published] {
        let out = env.ok(&["verify", file.to_str().unwrap()]);
        assert_eq!(
            out,
            format!(
                "{} is the record of {number} on the register (digest {digest}).\n",
                file.display()
            )
        );
    }
    // Another register does not hold it.
    let other = Env::new();
    let clean = other.file(
        "clean.json",
        include_str!("../../../docs/examples/clean-panel.json"),
    );
    other.ok(&["import", clean.to_str().unwrap()]);
    let o = panel(&other.db(), &["verify", full.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!("names {number}, which is not on this register")),
        "{}",
        stderr(&o)
    );
    // A document that is no record, and a file that is no PDF.
    let spend = env.dir.path().join("spend.pdf");
    env.ok(&["spend-report", "--out", spend.to_str().unwrap()]);
    let o = panel(&env.db(), &["verify", spend.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is not a record of decision"),
        "{}",
        stderr(&o)
    );
    let junk = env.file("junk.pdf", "not a pdf");
    let o = panel(&env.db(), &["verify", junk.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is not a record of decision"),
        "{}",
        stderr(&o)
    );
    // The decision rewritten in the database, with its seal, behind the program's back: the
    // printed record no longer matches the register.
    open_db(&env.db())
        .connection()
        .execute_batch(&format!(
            "DROP TRIGGER decisions_final_no_update; DROP TRIGGER decision_seals_no_update;
             UPDATE decisions SET reasons = 'Other reasons' WHERE number = '{number}';
             UPDATE decision_seals SET content = (SELECT content FROM decision_content WHERE id = decision_seals.decision_id)
              WHERE decision_id = (SELECT id FROM decisions WHERE number = '{number}');"
        ))
        .unwrap();
    let o = panel(&env.db(), &["verify", full.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the register itself has been changed there"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_table_is_set_from_a_file_and_a_case_assessed_against_it() {
    let env = Env::new();
    let file = env.file("example.json", EXAMPLE);
    env.ok(&["import", file.to_str().unwrap()]);
    let table = env.file(
        "table.json",
        r#"{"per_point": "12.50", "areas": [
            {"name": "Personal care", "levels": [{"name": "None", "points": 0}, {"name": "High", "points": 40}]},
            {"name": "Behaviour", "levels": [{"name": "None", "points": 0}, {"name": "Some", "points": "25"}]}
        ]}"#,
    );
    // Refused, changing nothing: a level worth too much, a case assessed with no table.
    let before = env.state();
    let bad = env.file(
        "bad.json",
        r#"{"per_point": "12.50", "areas": [{"name": "Care", "levels": [{"name": "None", "points": 1001}]}]}"#,
    );
    let o = panel(
        &env.db(),
        &[
            "allocation-table",
            "--year",
            "2026/27",
            "--set",
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("Area 1, level 1 points"),
        "{}",
        stderr(&o)
    );
    let o = panel(
        &env.db(),
        &["assess", "CN-0001", "--level", "Personal care=High"],
    );
    assert!(
        stderr(&o).contains("no resource allocation table for 2026/27"),
        "{}",
        stderr(&o)
    );
    assert_eq!(env.state(), before);

    let out = env.ok(&[
        "allocation-table",
        "--year",
        "2026/27",
        "--set",
        table.to_str().unwrap(),
    ]);
    assert!(out.contains("2 areas, £12.50 a point a week"), "{out}");
    let out = env.ok(&["allocation-table"]);
    assert!(out.contains("2026/27: £12.50 a point a week"), "{out}");
    assert!(out.contains("None 0 · High 40"), "{out}");
    // Every area needs a level.
    let o = panel(
        &env.db(),
        &["assess", "CN-0001", "--level", "Personal care=High"],
    );
    assert!(
        stderr(&o).contains("Behaviour: choose a level"),
        "{}",
        stderr(&o)
    );
    let out = env.ok(&[
        "assess",
        "CN-0001",
        "--level",
        "Personal care=High",
        "--level",
        "behaviour = some",
        "--on",
        "2026-11-02",
    ]);
    assert!(
        out.contains(
            "Assessed CN-0001 on 02/11/2026: 65 points, an indicative budget of £812.50 a week."
        ),
        "{out}"
    );
    let out = env.ok(&["assess", "CN-0001"]);
    assert!(out.contains("65 points × £12.50 = £812.50 a week"), "{out}");
    assert!(env.export().contains("\"assessments\": ["));
}
