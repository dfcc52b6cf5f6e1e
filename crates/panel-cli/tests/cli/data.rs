//! `init`, `import`, `import-sheet`, `export`, `demo` and `partners`: data in and out, and every refusal of what no door may store.

use super::*;

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
