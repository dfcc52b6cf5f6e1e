//! Records that hold: the `panel` command, run as a person runs it, given data files written to
//! mislead (a flag that contradicts the record, dates after today, money between partners that
//! does not cohere, look-alike names), asked to print a decision's record for publication, and
//! run twice at once or on a mistyped path. Every file here is the demo panel as `panel
//! export` writes it, changed in one way.
#![allow(clippy::unwrap_used, missing_docs)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::{Value, json};

mod support;
use support::*;

/// `panel …` that must succeed: what it printed.
fn ok(db: &Path, args: &[&str]) -> String {
    let o = panel(db, args);
    assert!(o.status.success(), "panel {args:?} failed: {}", stderr(&o));
    stdout(&o)
}

/// The demo panel with a statement issued to Health for October and a dispute of its first
/// line, as exported. The demo has a chair's action of its own, since the last meeting.
fn fixture() -> &'static Value {
    static FIXTURE: OnceLock<Value> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.sqlite3");
        ok(&db, &["demo", "--yes"]);
        ok(
            &db,
            &[
                "statement",
                "--partner",
                "HE",
                "--from",
                "2026-10-01",
                "--to",
                "2026-10-31",
                "--issue",
            ],
        );
        ok(
            &db,
            &[
                "dispute",
                "--statement",
                "HE/26-27/01",
                "--line",
                "1",
                "--reason",
                "rate",
            ],
        );
        serde_json::from_str(&ok(&db, &["export", "-"])).unwrap()
    })
}

/// The place in the fixture's `list` of the first entry that `f` picks.
fn first(list: &str, f: impl Fn(&Value) -> bool) -> usize {
    fixture()[list]
        .as_array()
        .unwrap()
        .iter()
        .position(f)
        .unwrap_or_else(|| panic!("nothing of {list} as asked"))
}

/// The latest decision approving funding at a meeting.
fn at_meeting() -> usize {
    fixture()["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .rposition(|x| {
            x["meeting"].is_string() && x["outcome"].as_str().unwrap().starts_with("approved")
        })
        .unwrap()
}

/// The date of the meeting of [`at_meeting`], and the day before it.
fn its_meeting() -> (String, String) {
    let on = fixture()["decisions"][at_meeting()]["meeting"]
        .as_str()
        .unwrap()
        .to_string();
    let before = panel_core::year::parse_iso_date(&on)
        .unwrap()
        .pred_opt()
        .unwrap()
        .to_string();
    (on, before)
}

/// The chair's action since the last meeting.
fn chairs_action() -> usize {
    first("decisions", |x| x["urgent"] == json!(true))
}

/// An amount as the file writes it (`6076.88`) as people read it (`£6,076.88`).
fn money(plain: &str) -> String {
    panel_core::Money::parse("amount", plain)
        .unwrap()
        .to_string()
}

/// A decision's number.
fn number(i: usize) -> String {
    fixture()["decisions"][i]["number"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A database with nothing in it yet, in a folder of its own.
fn empty_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.sqlite3");
    ok(&db, &["init"]);
    (dir, db)
}

/// `panel import` of `data` into a new database: refused, saying each of `expected`, with
/// the database exactly as it was and no backup kept.
fn refused(what: &str, data: &Value, expected: &[&str]) {
    let (dir, db) = empty_db();
    let before = ok(&db, &["export", "-"]);
    let file = dir.path().join("data.json");
    std::fs::write(&file, serde_json::to_string_pretty(data).unwrap()).unwrap();
    let o = panel(&db, &["import", file.to_str().unwrap()]);
    let said = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{what}: {}{said}", stdout(&o));
    for e in expected {
        assert!(said.contains(e), "{what}: expected {e:?} in\n{said}");
    }
    assert_eq!(ok(&db, &["export", "-"]), before, "{what}: nothing changed");
    let backups = dir.path().join("backups");
    assert!(
        std::fs::read_dir(&backups).map_or(true, |mut d| d.next().is_none()),
        "{what}: no backup kept"
    );
}

/// `data` changed by `change`.
fn with(change: impl FnOnce(&mut Value)) -> Value {
    let mut data = fixture().clone();
    change(&mut data);
    data
}

/// Every decision's `urgent` left out, as a file need not say it.
fn without_urgent(d: &mut Value) {
    for x in d["decisions"].as_array_mut().unwrap() {
        x.as_object_mut().unwrap().remove("urgent");
    }
}

/// Health's representative at the meeting of [`at_meeting`] sends apologies.
fn health_away(d: &mut Value) {
    let (on, _) = its_meeting();
    let m = first("meetings", |m| m["date"] == on.as_str());
    for a in d["meetings"][m]["attendees"].as_array_mut().unwrap() {
        if a["represents"] == "HE" {
            a["attendance"] = json!("apologies");
        }
    }
}

#[test]
fn the_fixture_itself_imports_so_each_refusal_is_its_change() {
    let (dir, db) = empty_db();
    let file = dir.path().join("data.json");
    std::fs::write(&file, fixture().to_string()).unwrap();
    let out = ok(&db, &["import", file.to_str().unwrap()]);
    let decisions = fixture()["decisions"].as_array().unwrap().len();
    assert!(out.contains(&format!("{decisions} decisions")), "{out}");
    // Without `urgent` at all, the same record: a chair's action is one without an item.
    let (dir, db) = empty_db();
    let file = dir.path().join("data.json");
    std::fs::write(&file, with(without_urgent).to_string()).unwrap();
    ok(&db, &["import", file.to_str().unwrap()]);
    let again: Value = serde_json::from_str(&ok(&db, &["export", "-"])).unwrap();
    assert_eq!(again["decisions"][chairs_action()]["urgent"], json!(true));
    assert_eq!(again["decisions"][at_meeting()]["urgent"], json!(false));
}

#[test]
fn whether_a_decision_is_a_chairs_action_is_derived_not_believed() {
    let (m, c) = (at_meeting(), chairs_action());
    refused(
        "urgent at a meeting Health sent apologies to",
        &with(|d| {
            health_away(d);
            d["decisions"][m]["urgent"] = json!(true);
        }),
        &[&format!(
            "decisions[{m}].urgent: true says a chair's action"
        )],
    );
    refused(
        "an inquorate meeting, the file silent on urgency",
        &with(|d| {
            without_urgent(d);
            health_away(d);
        }),
        &[
            &format!("decisions[{m}]."),
            "The meeting is not quorate: nobody present represents Health (ICB)",
        ],
    );
    refused(
        "a chair's action said not to be one",
        &with(|d| d["decisions"][c]["urgent"] = json!(false)),
        &[&format!(
            "decisions[{c}].urgent: false says the panel's decision at a meeting"
        )],
    );
    let (on, before) = its_meeting();
    refused(
        "a decision at a meeting dated otherwise",
        &with(|d| d["decisions"][m]["decided_on"] = json!(before)),
        &[&format!(
            "decisions[{m}].decided_on: {before} is not the date of its meeting ({on})"
        )],
    );
}

#[test]
fn nothing_is_dated_after_today_that_the_app_would_refuse() {
    let c = chairs_action();
    refused(
        "a chair's action next February",
        &with(|d| {
            d["decisions"][c]["decided_on"] = json!("2027-02-10");
            d["decisions"][c]["actions"] = json!([]);
        }),
        &[&format!(
            "decisions[{c}].decided_on: 10/02/2027 is after today (15/11/2026)"
        )],
    );
    refused(
        "an action done next month",
        &with(|d| {
            d["decisions"][c]["actions"][0]["done"] = json!({"on": "2026-12-10", "note": ""})
        }),
        &[&format!(
            "decisions[{c}].actions[0].done.on: 10/12/2026 is after today (15/11/2026)"
        )],
    );
    refused(
        "an assessment next month",
        &with(|d| d["assessments"][0]["assessed_on"] = json!("2026-12-01")),
        &["assessments[0].assessed_on: 01/12/2026 is after today"],
    );
    refused(
        "a pool receipt next month",
        &with(|d| {
            let k = d["pool"]
                .as_array()
                .unwrap()
                .iter()
                .position(|p| p["kind"] == "receipt" && p["year"] == "2026/27")
                .unwrap();
            d["pool"][k]["on"] = json!("2026-12-01");
        }),
        &[".on: 01/12/2026 is after today"],
    );
    refused(
        "a statement issued and paid next month",
        &with(|d| {
            d["statements"][0]["issued_on"] = json!("2026-12-05");
            d["statements"][0]["payments"] =
                json!([{"received_on": "2026-12-06", "amount": "100.00", "reference": "BACS"}]);
            d["disputes"][0]["raised_on"] = json!("2026-12-07");
        }),
        &[
            "statements[0].issued_on: 05/12/2026 is after today",
            "statements[0].payments[0].received_on: 06/12/2026 is after today",
            "disputes[0].raised_on: 07/12/2026 is after today",
        ],
    );
    refused(
        "a statement issued before its period is over",
        &with(|d| d["statements"][0]["issued_on"] = json!("2026-10-20")),
        &["statements[0].issued_on: a statement is issued once its period is over, not before"],
    );
}

#[test]
fn money_between_partners_coheres_whatever_the_file_says() {
    let resolved_by = |number: &str| {
        let number = number.to_string();
        with(move |d| {
            let x = &mut d["disputes"][0];
            x["status"] = json!("resolved");
            x["closed_on"] = json!("2026-11-15");
            x["decision"] = json!(number);
        })
    };
    // The disputed line: its case, what it charges; a decision about another case, and one
    // about its own made before the dispute was raised.
    let line = &fixture()["statements"][0]["lines"][0];
    let (case, charged) = (
        line["case"].as_str().unwrap().to_string(),
        line["amount"].as_str().unwrap().to_string(),
    );
    let other = first("decisions", |x| x["case"] != case.as_str());
    let other_case = fixture()["decisions"][other]["case"].as_str().unwrap();
    let own = first("decisions", |x| {
        x["case"] == case.as_str() && x["decided_on"].as_str().unwrap() < "2026-11-15"
    });
    refused(
        "a dispute resolved by a decision about another case",
        &resolved_by(&number(other)),
        &[&format!(
            "disputes[0].decision: a dispute is resolved by a decision about its own case ({case}), not case {other_case}"
        )],
    );
    refused(
        "a dispute resolved by a decision made before it was raised",
        &resolved_by(&number(own)),
        &["disputes[0].decision: a dispute is resolved by a decision made after it was raised"],
    );
    refused(
        "a dispute holding more than its line",
        &with(|d| {
            d["disputes"][0]["amount"] = json!("999999.00");
            d["disputes"][0]["holds"][0]["amount"] = json!("999999.00");
        }),
        &[&format!(
            "disputes[0].holds[0].amount: £999,999.00 is not what line 1 of HE/26-27/01 charges ({})",
            money(&charged)
        )],
    );
    let second = |line: usize, amount: &str| {
        let amount = amount.to_string();
        with(move |d| {
            let mut again = d["disputes"][0].clone();
            again["number"] = json!("DSP/26-27/002");
            again["line"] = json!(line);
            again["amount"] = json!(amount);
            again["holds"][0]["amount"] = json!(amount);
            d["disputes"].as_array_mut().unwrap().push(again);
        })
    };
    refused(
        "a line disputed twice at once",
        &second(1, &charged),
        &["disputes[1].line: DSP/26-27/001 already disputes this line and is open"],
    );
    let zero = fixture()["statements"][0]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .position(|l| l["amount"] == "0.00")
        .unwrap();
    refused(
        "a line of nothing disputed for its amount",
        &second(zero + 1, "0.00"),
        &[&format!(
            "disputes[1].line: line {} of HE/26-27/01 charges nothing",
            zero + 1
        )],
    );
    refused(
        "200 days in October",
        &with(|d| d["statements"][0]["lines"][0]["days"] = json!(200)),
        &[
            "statements[0].lines[0].days: 200 days cannot lie between 01/10/2026 and 31/10/2026 (31 days)",
        ],
    );
    refused(
        "a line citing a decision that does not exist",
        &with(|d| d["statements"][0]["lines"][0]["decisions"] = json!(["CNP/26-27/0099"])),
        &[
            "statements[0].lines[0].decisions[0]: \"CNP/26-27/0099\" is not a final decision in decisions",
        ],
    );
    let elsewhere = number(other);
    refused(
        "a line citing another case's decision",
        &with(|d| d["statements"][0]["lines"][0]["decisions"] = json!([elsewhere])),
        &[&format!(
            "statements[0].lines[0].decisions[0]: {elsewhere} is about case {other_case}, not {case}"
        )],
    );
}

#[test]
fn names_that_look_alike_are_one_name_or_refused() {
    let twin = |reference: &str| {
        let reference = reference.to_string();
        with(move |d| {
            let mut case = d["cases"][0].clone();
            case["reference"] = json!(reference);
            d["cases"].as_array_mut().unwrap().push(case);
        })
    };
    let first = fixture()["cases"][0]["reference"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(first, "CN-0001");
    let n = fixture()["cases"].as_array().unwrap().len();
    refused(
        "a zero-width space in a reference",
        &twin("CN-\u{200B}0001"),
        &[&format!(
            "cases[{n}].reference: contains an invisible character (U+200B, a zero-width space)"
        )],
    );
    refused(
        "a Cyrillic С in a reference",
        &twin("\u{421}N-0001"),
        &[
            &format!(
                "cases[{n}].reference: \"\u{421}N-0001\" may hold only letters A–Z, digits, - / and _"
            ),
            "mixes letters of different scripts",
        ],
    );
    refused(
        "the same reference in lower case",
        &twin("cn-0001"),
        &[&format!(
            "cases[{n}].reference: \"cn-0001\" is the case reference \"CN-0001\" written otherwise"
        )],
    );
    for name in ["Personal  care", "Personal\u{A0}care", "PERSONAL CARE"] {
        refused(
            &format!("an area {name:?} beside \"Personal care\""),
            &with(|d| {
                let mut area = d["allocation_tables"][0]["areas"][0].clone();
                area["name"] = json!(name);
                d["allocation_tables"][0]["areas"]
                    .as_array_mut()
                    .unwrap()
                    .push(area);
            }),
            &["is named twice"],
        );
    }
    refused(
        "one attendee three times",
        &with(|d| {
            let list = d["meetings"][0]["attendees"].as_array_mut().unwrap();
            for name in ["helen  ward", "HELEN WARD"] {
                let mut again = list[0].clone();
                again["name"] = json!(name);
                list.push(again);
            }
        }),
        &[
            "meetings[0].attendees[5].name: \"helen  ward\" is listed twice",
            "meetings[0].attendees[6].name: \"HELEN WARD\" is listed twice",
        ],
    );
    // Against the database: a case written otherwise is the case already there.
    let (dir, db) = empty_db();
    let file = dir.path().join("data.json");
    std::fs::write(&file, fixture().to_string()).unwrap();
    ok(&db, &["import", file.to_str().unwrap()]);
    let before = ok(&db, &["export", "-"]);
    let one = json!({
        "format": "complex-needs-panel/1",
        "partners": fixture()["partners"],
        "cases": [{"reference": "cn-0009", "initials": "Z.Z.", "placements": []}],
    });
    std::fs::write(&file, one.to_string()).unwrap();
    let o = panel(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "cases[0].reference: \"cn-0009\" is the case CN-0009 already in the database, written otherwise"
        ),
        "{}",
        stderr(&o)
    );
    assert_eq!(ok(&db, &["export", "-"]), before);
}

#[test]
fn a_published_record_withholds_every_provider_of_the_child_and_reads_whole() {
    // A child at Willow Short Breaks, approved at a meeting, given as H.A., born 06/02/2014,
    // was at Oak-field Lodge before; the decision is about the second placement, and its
    // text names both as people write.
    let at = first("decisions", |x| {
        let case = fixture()["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["reference"] == x["case"])
            .unwrap();
        !x["meeting"].is_null()
            && x["outcome"] == "approved"
            && case["placements"][0]["provider"] == "Willow Short Breaks"
    });
    let (record, reference) = (
        number(at),
        fixture()["decisions"][at]["case"]
            .as_str()
            .unwrap()
            .to_string(),
    );
    let data = with(|d| {
        let case = d["cases"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|c| c["reference"] == reference.as_str())
            .unwrap();
        case["initials"] = json!("H.A.");
        case["date_of_birth"] = json!("2014-02-06");
        let start =
            panel_core::year::parse_iso_date(case["placements"][0]["start"].as_str().unwrap())
                .unwrap();
        let (from, to) = (
            (start - chrono::Days::new(600)).to_string(),
            start.pred_opt().unwrap().to_string(),
        );
        let mut earlier = case["placements"][0].clone();
        earlier["provider"] = json!("Oak-field Lodge");
        earlier["type"] = json!("residential");
        earlier["start"] = json!(from);
        earlier["end"] = json!(to);
        earlier["cost_lines"] = json!([{"description": "Weekly fee", "per": "week",
            "amount": "3900.00", "from": from, "to": null}]);
        earlier["splits"] = json!([{"from": from, "shares": {"SC": "100", "ED": "0", "HE": "0"}}]);
        case["placements"]
            .as_array_mut()
            .unwrap()
            .insert(0, earlier);
        for x in d["decisions"].as_array_mut().unwrap() {
            if x["case"] == reference.as_str() {
                x["placement"] = json!(1);
            }
        }
        for s in d["statements"].as_array_mut().unwrap() {
            for l in s["lines"].as_array_mut().unwrap() {
                if l["case"] == reference.as_str() {
                    l["placement"] = json!(1);
                }
            }
        }
        d["decisions"][at]["paragraphs"] = json!([
            "approve the move from Oakfield Lodge (Oak field, OAK\u{2011}FIELD and Oakfields in the reports) to St Willow Short Breaks",
            "note that H_A, born 20140206 (06/02/14, 6 Feb \u{2019}14), settled at OAK_FIELD",
        ]);
        d["decisions"][at]["reasons"] = json!(
            "An oak tree and a playing field lie beside the new home. A new placement near the willow walk suits a child who loves a field."
        );
    });
    let (dir, db) = empty_db();
    let file = dir.path().join("data.json");
    std::fs::write(&file, data.to_string()).unwrap();
    ok(&db, &["import", file.to_str().unwrap()]);
    let pdf = dir.path().join("published.pdf");
    ok(
        &db,
        &[
            "record",
            &record,
            "--redacted",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    let text = pdf_extract::extract_text(&pdf).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Nothing of either provider, the child's reference, initials or date of birth, however
    // it was written: compared with every separator and case taken away.
    let bare: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    for gone in [
        "oakfield",
        "oakfieldlodge",
        "willowshortbreaks",
        &reference.to_lowercase().replace('-', ""),
        "20140206",
        "060214",
        "6feb14",
    ] {
        assert!(!bare.contains(gone), "{gone} in {text}");
    }
    for gone in ["H.A.", "H_A", "Oak-field", "OAK", "Oak field"] {
        assert!(!text.contains(gone), "{gone} in {text}");
    }
    // Ordinary words are left whole.
    for whole in [
        "An oak tree and a playing field lie beside the new home. A new placement near the willow walk suits a child who loves a field.",
        "approve the move from [withheld]",
        "settled at [withheld]",
    ] {
        assert!(text.contains(whole), "{whole:?} not in {text}");
    }
    // The record in full names both, as the case file needs.
    let full = dir.path().join("full.pdf");
    ok(&db, &["record", &record, "--out", full.to_str().unwrap()]);
    let full = pdf_extract::extract_text(&full).unwrap();
    assert!(full.contains("Willow Short Breaks") && full.contains(&reference));
}

#[test]
fn a_reading_command_never_creates_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("mistyped.sqlite3");
    for args in [
        &["spend"][..],
        &["check"],
        &["export", "-"],
        &["debts"],
        &["exceptions"],
        &["record", "CNP/26-27/0001", "--out", "x.pdf"],
    ] {
        let o = panel(&missing, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&o).contains(&format!(
                "There is no database at {}: `panel init` creates one.",
                missing.display()
            )),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(!missing.exists(), "{args:?} created it");
        assert!(stdout(&o).is_empty(), "{args:?} printed figures");
    }
    ok(&missing, &["init"]);
    assert!(missing.exists());
}

/// The automatic backups of the database `db`, by file name.
fn backup_names(db: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(db.parent().unwrap().join("backups"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn two_imports_or_two_backups_at_once_both_land() {
    let (dir, db) = empty_db();
    // Two files of different cases, imported by two programs started together.
    let example: Value =
        serde_json::from_str(include_str!("../../../docs/examples/oakfield.json")).unwrap();
    let mut files = Vec::new();
    for (k, reference) in ["CN-0101", "CN-0102"].into_iter().enumerate() {
        let mut data = example.clone();
        data["cases"][0]["reference"] = json!(reference);
        if k == 1 {
            data.as_object_mut().unwrap().remove("agreements");
        }
        let file = dir.path().join(format!("{reference}.json"));
        std::fs::write(&file, data.to_string()).unwrap();
        files.push(file);
    }
    let running: Vec<_> = files
        .iter()
        .map(|f| {
            let mut c = command(&db, &["import", f.to_str().unwrap()]);
            c.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            start::again_if_refused("panel import", || c.spawn())
        })
        .collect();
    for r in running {
        let o = r.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let data: Value = serde_json::from_str(&ok(&db, &["export", "-"])).unwrap();
    let refs: Vec<&str> = data["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["reference"].as_str().unwrap())
        .collect();
    assert_eq!(refs.len(), 2, "{refs:?}");
    assert!(refs.contains(&"CN-0101") && refs.contains(&"CN-0102"));
    let names = backup_names(&db);
    assert_eq!(names.len(), 2, "one backup each: {names:?}");
    assert!(
        names
            .iter()
            .all(|n| n.starts_with("panel-") && n.ends_with(".sqlite3"))
    );
    ok(&db, &["check"]);

    // Two backups at once: both taken, neither over the other, nothing half-written left.
    let running: Vec<_> = (0..2)
        .map(|_| {
            let mut c = command(&db, &["backup"]);
            c.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            start::again_if_refused("panel backup", || c.spawn())
        })
        .collect();
    for r in running {
        let o = r.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let names = backup_names(&db);
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(names.iter().all(|n| !n.contains("partial")), "{names:?}");
}

#[test]
fn two_databases_in_one_folder_keep_their_own_backups() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("north.sqlite3");
    let b = dir.path().join("south.sqlite3");
    ok(&a, &["demo", "--yes"]);
    ok(&b, &["init"]);
    ok(&a, &["backup"]);
    ok(&b, &["backup"]);
    let listed = |db: &Path| -> Vec<String> {
        ok(db, &["backups"])
            .lines()
            .filter(|l| l.contains(".sqlite3"))
            .map(str::to_string)
            .collect()
    };
    let north = listed(&a);
    let south = listed(&b);
    assert_eq!(north.len(), 1, "{north:?}");
    assert_eq!(south.len(), 1, "{south:?}");
    assert!(north[0].contains("north-") && !north[0].contains("south-"));
    assert!(south[0].contains("south-") && !south[0].contains("north-"));
    // Restoring south from north's backup is a choice of file, never an offer: the list
    // south shows holds south's own backups only.
    let names = backup_names(&a);
    assert_eq!(names.len(), 2, "{names:?}");
}
