//! Money between partners: statements, payments and debts, disputes, the settlement pack and the pool's contributions.

use super::*;

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
