//! Spend against the pooled budget: `spend` and `spend-report`.

use crate::*;

/// `panel spend`: spend against the pooled budget, as a table, JSON or CSV.
pub(crate) fn spend(
    db: &Option<PathBuf>,
    year: Option<String>,
    as_of: Option<String>,
    json: bool,
    csv: bool,
    detail_csv: bool,
) -> Result<(), Failure> {
    let (year, as_of) = year_and_day(year, as_of)?;
    let (store, _) = open(db)?;
    if csv {
        print!("{}", store.spend_summary_csv(year, as_of)?);
    } else if detail_csv {
        print!("{}", store.spend_detail_csv(year, as_of)?);
    } else if json {
        let report = store.spend(year, as_of)?;
        let text =
            serde_json::to_string_pretty(&report).map_err(|e| Failure::Said(e.to_string()))?;
        println!("{text}");
    } else {
        print_spend(&store, &store.spend(year, as_of)?)?;
    }
    Ok(())
}

/// `panel spend-report`: the spend report as PDF.
pub(crate) fn spend_report(
    db: &Option<PathBuf>,
    year: Option<String>,
    as_of: Option<String>,
    out: PathBuf,
) -> Result<(), Failure> {
    let (year, as_of) = year_and_day(year, as_of)?;
    let (store, _) = open(db)?;
    let paper = panel_app::documents::spend_paper(&store, year, as_of, today())?;
    let pdf = spend_pdf(&paper)?;
    write_pdf(
        &out,
        &pdf,
        &format!(
            "Spend report for {year} as of {}",
            panel_pdf::long_date(as_of)
        ),
    )?;
    Ok(())
}

/// Prints the spend report as a table.
pub(crate) fn print_spend(store: &Store, r: &SpendReport) -> Result<(), Failure> {
    let settings = store.settings()?;
    let partners = store.partners()?;
    println!("{} — {}", settings.panel_name, settings.authority);
    println!(
        "Pooled budget {} ({} to {}), spend to date as of {}",
        r.year,
        r.year.start().format("%d/%m/%Y"),
        r.year.end().format("%d/%m/%Y"),
        r.as_of.format("%d/%m/%Y")
    );
    println!("{}", r.agreement_note());
    println!();
    let headings = [
        "Partner",
        "Contribution",
        "Spend to date",
        "Projected spend",
        "Risk share",
    ];
    let mut rows: Vec<[String; 5]> = r
        .partners
        .iter()
        .zip(&partners)
        .map(|(p, info)| {
            [
                format!("{} {}", p.code, info.name),
                p.contribution.to_string(),
                p.to_date.to_string(),
                p.projected.to_string(),
                p.risk_share.to_string(),
            ]
        })
        .collect();
    rows.push([
        "Total".into(),
        r.budget.to_string(),
        r.to_date.to_string(),
        r.projected.to_string(),
        r.variance.to_string(),
    ]);
    let mut widths = headings.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 5]| {
        let mut s = format!("{:<w$}", cells[0], w = widths[0]);
        for (i, c) in cells.iter().enumerate().skip(1) {
            s.push_str(&format!("  {:>w$}", c, w = widths[i]));
        }
        s
    };
    println!("{}", line(headings));
    println!(
        "{}",
        "-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1))
    );
    for (i, row) in rows.iter().enumerate() {
        if i + 1 == rows.len() {
            println!(
                "{}",
                "-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1))
            );
        }
        println!("{}", line([&row[0], &row[1], &row[2], &row[3], &row[4]]));
    }
    println!();
    println!("{}", r.verdict());
    Ok(())
}

/// The year and as-of date of `--year` and `--as-of`: today, and the year containing the day,
/// when not given.
pub(crate) fn year_and_day(
    year: Option<String>,
    as_of: Option<String>,
) -> Result<(FinancialYear, NaiveDate), Failure> {
    let as_of = match as_of {
        Some(s) => parse_iso_date(&s).ok_or_else(|| {
            Failure::Said(format!(
                "--as-of: \"{s}\" is not a date (expected YYYY-MM-DD)"
            ))
        })?,
        None => today(),
    };
    let year = match year {
        Some(y) => y
            .parse::<FinancialYear>()
            .map_err(|e| Failure::Said(format!("--year: {e}")))?,
        None => FinancialYear::containing(as_of),
    };
    Ok((year, as_of))
}
