//! The spend screen shows exactly what `panel spend` prints, year by year and day by day.

use crate::*;

/// `panel spend --json` for `year` as of `as_of`, run as a person runs it on `db`.
fn panel_spend_json(db: &Path, year: &str, as_of: &str) -> serde_json::Value {
    let out = Command::new(panel_command())
        .env("PANEL_KEY", KEY)
        .args(["--db"])
        .arg(db)
        .args(["spend", "--json", "--year", year, "--as-of", as_of])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A figure of `panel spend --json` as the screen shows it: `"-712687.50"` as `-£712,687.50`.
fn shown(v: &serde_json::Value) -> String {
    panel_core::Money::parse("figure", v.as_str().unwrap())
        .unwrap()
        .to_string()
}

/// Every partner's and the pool's figures as the screen shows them: (code, figure) → text.
type Figures = Vec<(String, String, String)>;

async fn screen_figures(driver: &WebDriver) -> WebDriverResult<Figures> {
    let mut out = Vec::new();
    for row in driver
        .find_all(By::Css("[data-testid='spend-partners'] tr[data-partner]"))
        .await?
    {
        let code = row.attr("data-partner").await?.unwrap_or_default();
        for cell in row.find_all(By::Css("[data-figure]")).await? {
            let figure = cell.attr("data-figure").await?.unwrap_or_default();
            out.push((code.clone(), figure, cell.text().await?.trim().to_string()));
        }
    }
    Ok(out)
}

/// The figures `panel spend --json` gives, in the screen's terms.
fn json_figures(json: &serde_json::Value) -> Figures {
    let mut out = Vec::new();
    for p in json["partners"].as_array().unwrap() {
        let code = p["code"].as_str().unwrap().to_string();
        for (figure, key) in [
            ("contribution", "contribution"),
            ("to_date", "to_date"),
            ("projected", "projected"),
            ("variance", "variance"),
            ("risk_share", "risk_share"),
        ] {
            out.push((code.clone(), figure.to_string(), shown(&p[key])));
        }
    }
    for (figure, key) in [
        ("contribution", "budget"),
        ("to_date", "to_date"),
        ("projected", "projected"),
        ("variance", "variance"),
        ("risk_share", "variance"),
    ] {
        out.push(("TOTAL".into(), figure.to_string(), shown(&json[key])));
    }
    out
}

/// Types a date into the spend screen's as-of field and presses Enter.
async fn as_of(driver: &WebDriver, date: &str) -> WebDriverResult<()> {
    let input = wait_for(driver, "input[name='spend-as-of']").await?;
    input.clear().await?;
    input.send_keys(date).await?;
    input.send_keys(Key::Enter).await
}

/// Waits until the screen's spend to date reads `text`.
async fn wait_to_date(driver: &WebDriver, text: &str) -> WebDriverResult<String> {
    wait_text(
        driver,
        "[data-testid='spend-partners'] tr[data-partner='TOTAL'] [data-figure='to_date']",
        text,
    )
    .await
}

#[derive(Debug, Default)]
struct SpendRun {
    today: Figures,
    september: Figures,
    last_year: Figures,
    bad_date: String,
    after_bad_date: Figures,
    partner_projected: String,
    selection_partner_projected: String,
    placement_projected: String,
    segments_projected: String,
    segments_to_date_rows: usize,
    month_lines: usize,
    year_bars: usize,
    figures_csv: String,
    segments_csv: String,
    report: String,
    next_committed: String,
}

/// The years and day the spend test moves between.
struct SpendDates {
    this_year: String,
    last_year: String,
    /// 30 September of this year, as typed.
    september: String,
}

async fn run_spend(
    driver: &WebDriver,
    when: &SpendDates,
    expect_today: &str,
    expect_september: &str,
    expect_last_year: &str,
) -> WebDriverResult<SpendRun> {
    let mut seen = SpendRun::default();
    button(driver, "Spend").await?.click().await?;
    wait_for(driver, "[data-testid='spend-partners']").await?;
    wait_to_date(driver, expect_today).await?;
    seen.today = screen_figures(driver).await?;
    seen.next_committed = wait_for(driver, "[data-figure='next-committed']")
        .await?
        .text()
        .await?;
    driver
        .execute(
            "document.getElementById('next-year-heading').scrollIntoView()",
            vec![],
        )
        .await?;
    screenshot(driver, "spend-next-year.png").await?;
    seen.month_lines = driver
        .find_all(By::Css("[data-testid='chart-months'] .recharts-line"))
        .await?
        .len();
    seen.year_bars = driver
        .find_all(By::Css(
            "[data-testid='chart-years'] .recharts-bar-rectangle",
        ))
        .await?
        .len();
    screenshot(driver, "spend.png").await?;
    driver
        .execute(
            "document.querySelector(\"[data-testid='chart-months']\").scrollIntoView()",
            vec![],
        )
        .await?;
    screenshot(driver, "spend-charts.png").await?;

    // Another as-of date, typed as people type it.
    as_of(driver, &when.september).await?;
    wait_to_date(driver, expect_september).await?;
    seen.september = screen_figures(driver).await?;

    // A date that does not exist is refused and the figures stay.
    as_of(driver, "31/02/2025").await?;
    seen.bad_date = wait_text(driver, ".field-error .error-message", "not a date").await?;
    seen.after_bad_date = screen_figures(driver).await?;

    // Last year, as of 30 September of this year (the whole year to date).
    as_of(driver, &when.september).await?;
    choose(driver, "main", "spend-year", &when.last_year).await?;
    wait_to_date(driver, expect_last_year).await?;
    seen.last_year = screen_figures(driver).await?;

    // Back to this year; from health's projected spend to the placements behind it.
    choose(driver, "main", "spend-year", &when.this_year).await?;
    wait_to_date(driver, expect_september).await?;
    let health = wait_for(
        driver,
        "[data-testid='spend-partners'] tr[data-partner='HE'] button[data-figure='projected']",
    )
    .await?;
    seen.partner_projected = health.text().await?;
    health.click().await?;
    seen.selection_partner_projected = wait_text(
        driver,
        "[data-testid='spend-placements'] [data-figure='selection_partner_projected']",
        "£",
    )
    .await?;

    // From a placement to its segments.
    let first = wait_for(driver, "[data-testid='spend-placements'] tbody tr").await?;
    seen.placement_projected = first
        .find(By::Css("[data-figure='projected']"))
        .await?
        .text()
        .await?;
    first.find(By::Css("button")).await?.click().await?;
    seen.segments_projected = wait_text(
        driver,
        "[data-testid='segments-projected'] [data-figure='segments_total']",
        "£",
    )
    .await?;
    seen.segments_to_date_rows = driver
        .find_all(By::Css("[data-testid='segments-to-date'] tbody tr"))
        .await?
        .len();
    driver
        .execute(
            "document.getElementById('segments-heading').scrollIntoView()",
            vec![],
        )
        .await?;
    screenshot(driver, "spend-segments.png").await?;

    // Exports.
    let exports = "spend-exports";
    seen.figures_csv = print(driver, exports, "Figures (CSV)", "Saved to").await?;
    seen.segments_csv = print(driver, exports, "Segments (CSV)", "segments").await?;
    seen.report = print(driver, exports, "Print spend report", "report").await?;
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_spend_screen_shows_exactly_what_panel_spend_prints() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.sqlite3");
    let today = chrono::Local::now().date_naive();
    open_db(&db).import(&panel_core::demo::demo(today)).unwrap();
    let this_year = panel_core::FinancialYear::containing(today);
    let last_year = panel_core::FinancialYear::starting(this_year.start_year() - 1).unwrap();
    let september = chrono::NaiveDate::from_ymd_opt(this_year.start_year(), 9, 30).unwrap();
    let when = SpendDates {
        this_year: this_year.to_string(),
        last_year: last_year.to_string(),
        september: september.format("%d/%m/%Y").to_string(),
    };
    let json_today = panel_spend_json(&db, &when.this_year, &today.to_string());
    let json_september = panel_spend_json(&db, &when.this_year, &september.to_string());
    let json_last_year = panel_spend_json(&db, &when.last_year, &september.to_string());
    let (a, b, c) = (
        shown(&json_today["to_date"]),
        shown(&json_september["to_date"]),
        shown(&json_last_year["to_date"]),
    );
    let seen = drive(
        &db,
        |d| async move { run_spend(&d, &when, &a, &b, &c).await },
    )
    .await
    .expect("the spend screen did not work as a finance officer would expect");

    assert_eq!(seen.today, json_figures(&json_today));
    // Next year committed: panel spend's projection of next year, as of the day before it.
    let next = this_year.next();
    let json_next = panel_spend_json(
        &db,
        &next.to_string(),
        &next.start().pred_opt().unwrap().to_string(),
    );
    assert_eq!(seen.next_committed, shown(&json_next["projected"]));
    assert_eq!(seen.september, json_figures(&json_september));
    assert_eq!(seen.last_year, json_figures(&json_last_year));
    assert_eq!(json_last_year["to_date"], json_last_year["projected"]);
    assert!(seen.bad_date.contains("31/02/2025"), "{seen:?}");
    assert_eq!(seen.after_bad_date, seen.september);
    // Drill-down: health's placements add up to its projected spend; a placement's segments
    // add up to its figure.
    assert_eq!(
        seen.partner_projected,
        shown(&json_september["partners"][2]["projected"])
    );
    assert_eq!(seen.selection_partner_projected, seen.partner_projected);
    assert_eq!(seen.segments_projected, seen.placement_projected);
    assert!(seen.segments_to_date_rows >= 1, "{seen:?}");
    // Both charts were drawn: the actual and projected lines, a bar per year with placements.
    assert_eq!(seen.month_lines, 2, "{seen:?}");
    assert!(seen.year_bars >= 5, "{seen:?}");

    // The exports carry the same figures to the penny.
    let saved = saved_dir(&db);
    let stem = format!("{} {september}", this_year.to_string().replace('/', "-"));
    assert!(
        seen.figures_csv.contains(&format!("Spend {stem}.csv")),
        "{seen:?}"
    );
    let figures = std::fs::read_to_string(saved.join(format!("Spend {stem}.csv"))).unwrap();
    let total: Vec<&str> = figures.lines().last().unwrap().split(',').collect();
    assert_eq!(total[2], "TOTAL");
    for (col, key) in [
        (4, "budget"),
        (5, "to_date"),
        (6, "projected"),
        (7, "variance"),
    ] {
        assert_eq!(total[col], json_september[key].as_str().unwrap(), "{key}");
    }
    let segments =
        std::fs::read_to_string(saved.join(format!("Spend segments {stem}.csv"))).unwrap();
    let head: Vec<&str> = segments.lines().next().unwrap().split(',').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap();
    let projected: i64 = segments
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|c| c[col("basis")] == "projected")
        .map(|c| {
            panel_core::Money::parse("cost", c[col("cost")])
                .unwrap()
                .pence()
        })
        .sum();
    assert_eq!(
        panel_core::Money::from_pence(projected).to_plain(),
        json_september["projected"].as_str().unwrap()
    );
    let report = pdf_extract::extract_text_from_mem(
        &std::fs::read(saved.join(format!("Spend report {stem}.pdf"))).unwrap(),
    )
    .unwrap();
    for key in ["budget", "to_date", "projected"] {
        assert!(
            report.contains(&shown(&json_september[key])),
            "{key} not in the report"
        );
    }
}
