//! `spend` and `spend-report`: the figures, their CSV to the penny, the PDF.

use super::*;

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
