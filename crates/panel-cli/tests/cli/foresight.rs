//! Foresight: the exceptions as of a day, the indicative budget's tables and assessments.

use super::*;

#[test]
fn exceptions_are_listed_as_of_a_day_as_json_csv_and_pdf() {
    let env = Env::new();
    let clean: Value =
        serde_json::from_str(include_str!("../../../../docs/examples/clean-panel.json")).unwrap();
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
