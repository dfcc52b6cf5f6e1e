//! CSV files of the spend figures for the councils' and the NHS's ledgers: the screen's
//! figures by partner, and every segment behind them.
//!
//! Money is a plain decimal (`2448000.00`), dates are ISO, percentages are plain numbers; text
//! is quoted where it must be, and text that a spreadsheet would take for a formula (`=`, `+`,
//! `-`, `@` first) is written with a leading apostrophe.

use chrono::NaiveDate;

use crate::analysis::{Basis, FundedPlacement, segment_lines};
use crate::money::Money;
use crate::spend::{Partner, SpendReport};
use crate::year::FinancialYear;

/// A CSV cell of text, guarded against formulas and quoted where it must be.
pub fn csv_text(s: &str) -> String {
    text(s)
}

fn text(s: &str) -> String {
    let guarded = match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

fn money(m: Money) -> String {
    m.to_plain()
}

/// One CSV row, ended by CRLF.
pub fn csv_row(out: &mut String, cells: &[String]) {
    row(out, cells)
}

fn row(out: &mut String, cells: &[String]) {
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// The screen's figures: one row per partner and a total row — contribution, spend to date,
/// projected spend, variance and risk share (rule 7).
pub fn summary_csv(report: &SpendReport, partners: &[Partner]) -> String {
    let mut out = String::new();
    row(
        &mut out,
        &[
            "year",
            "as_of",
            "partner_code",
            "partner",
            "contribution",
            "spend_to_date",
            "projected_spend",
            "variance",
            "risk_share",
        ]
        .map(String::from),
    );
    let head = [report.year.to_string(), report.as_of.to_string()];
    for (p, info) in report.partners.iter().zip(partners) {
        let mut cells = head.to_vec();
        cells.extend([
            text(&p.code),
            text(&info.name),
            money(p.contribution),
            money(p.to_date),
            money(p.projected),
            money(p.variance),
            money(p.risk_share),
        ]);
        row(&mut out, &cells);
    }
    let mut cells = head.to_vec();
    cells.extend([
        "TOTAL".to_string(),
        "All partners".to_string(),
        money(report.budget),
        money(report.to_date),
        money(report.projected),
        money(report.variance),
        money(report.variance),
    ]);
    row(&mut out, &cells);
    out
}

/// Every segment behind the year's figures (rule 3), once for spend to date (`basis`
/// `to_date`) and once for projected spend (`projected`): the `cost` column of each basis adds
/// up to the screen's figure, and each partner's `_amount` column to that partner's.
pub fn detail_csv(
    year: FinancialYear,
    as_of: NaiveDate,
    partners: &[Partner],
    placements: &[FundedPlacement],
) -> String {
    let mut out = String::new();
    let mut head: Vec<String> = [
        "year",
        "as_of",
        "basis",
        "placement_id",
        "case_reference",
        "initials",
        "placement_type",
        "provider",
        "cost_line",
        "per",
        "rate",
        "from",
        "to",
        "days",
        "split_from",
    ]
    .map(String::from)
    .to_vec();
    head.extend(partners.iter().map(|p| format!("{}_percent", p.code)));
    head.push("cost".into());
    head.extend(partners.iter().map(|p| format!("{}_amount", p.code)));
    row(&mut out, &head);
    for basis in [Basis::ToDate, Basis::Projected] {
        for p in placements {
            for seg in segment_lines(&p.placement, year, as_of, basis) {
                let mut cells = vec![
                    year.to_string(),
                    as_of.to_string(),
                    basis.code().to_string(),
                    p.id.to_string(),
                    text(&p.case_reference),
                    text(&p.initials),
                    p.kind.code().to_string(),
                    text(&p.provider),
                    text(&seg.line),
                    seg.per.code().to_string(),
                    money(seg.rate),
                    seg.from.to_string(),
                    seg.to.to_string(),
                    seg.days.to_string(),
                    seg.split_from.to_string(),
                ];
                cells.extend(seg.percents.iter().map(|p| p.to_string()));
                cells.push(money(seg.cost));
                cells.extend(seg.shares.iter().map(|m| money(*m)));
                row(&mut out, &cells);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Filter, spend_screen};
    use crate::cost::tests::{d, oakfield};
    use crate::model::PlacementType;
    use crate::spend::{Agreement, RiskShare};

    fn partners() -> Vec<Partner> {
        [
            ("SC", "Social care"),
            ("ED", "Education, SEND"),
            ("HE", "Health"),
        ]
        .iter()
        .map(|(c, n)| Partner {
            code: c.to_string(),
            name: n.to_string(),
            aliases: Vec::new(),
        })
        .collect()
    }

    fn placements() -> Vec<FundedPlacement> {
        let mut odd = oakfield();
        odd.cost_lines[0].description = "=HYPERLINK(\"x\")".into();
        vec![
            FundedPlacement {
                id: 7,
                case_id: 1,
                case_reference: "CN-0001".into(),
                initials: "A.B.".into(),
                provider: "Oakfield House, Derby".into(),
                kind: PlacementType::Residential,
                placement: oakfield(),
            },
            FundedPlacement {
                id: 8,
                case_id: 2,
                case_reference: "CN-0002".into(),
                initials: "C.D.".into(),
                provider: "-Other \"quoted\"".into(),
                kind: PlacementType::Other,
                placement: odd,
            },
        ]
    }

    /// Splits one CSV line into its cells (quoted cells may hold commas and doubled quotes).
    fn cells(line: &str) -> Vec<String> {
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

    fn pence(s: &str) -> i64 {
        Money::parse("cell", s).unwrap().pence()
    }

    #[test]
    fn summary_totals_are_the_screens() {
        let y: FinancialYear = "2023/24".parse().unwrap();
        let a = Agreement {
            year: y,
            risk_share: RiskShare::Contributions,
            contributions: vec![Money::from_pounds(300_000); 3],
        };
        let all = placements();
        let s = spend_screen(
            y,
            d("2023-09-30"),
            &partners(),
            &[a],
            &all,
            &Filter::default(),
        );
        let csv = summary_csv(&s.report, &partners());
        let lines: Vec<Vec<String>> = csv.lines().map(cells).collect();
        assert_eq!(lines.len(), 5);
        assert_eq!(lines[2][3], "Education, SEND");
        let total = &lines[4];
        assert_eq!(total[2], "TOTAL");
        for (col, figure) in [
            (4, s.report.budget),
            (5, s.report.to_date),
            (6, s.report.projected),
            (7, s.report.variance),
            (8, s.report.variance),
        ] {
            assert_eq!(pence(&total[col]), figure.pence(), "column {col}");
            let sum: i64 = lines[1..4].iter().map(|l| pence(&l[col])).sum();
            assert_eq!(sum, figure.pence(), "partners' column {col}");
        }
    }

    #[test]
    fn detail_segments_add_up_to_the_screen_for_each_basis_and_partner() {
        let y: FinancialYear = "2023/24".parse().unwrap();
        let as_of = d("2023-09-30");
        let all = placements();
        let s = spend_screen(y, as_of, &partners(), &[], &all, &Filter::default());
        let csv = detail_csv(y, as_of, &partners(), &all);
        let rows: Vec<Vec<String>> = csv.lines().map(cells).collect();
        let head = &rows[0];
        assert!(rows.iter().all(|r| r.len() == head.len()), "{csv}");
        let col = |name: &str| head.iter().position(|h| h == name).unwrap();
        for (basis, figure, parts) in [
            (
                "to_date",
                s.report.to_date,
                s.selection.spend.to_date_parts.clone(),
            ),
            (
                "projected",
                s.report.projected,
                s.selection.spend.projected_parts.clone(),
            ),
        ] {
            let of: Vec<&Vec<String>> = rows[1..]
                .iter()
                .filter(|r| r[col("basis")] == basis)
                .collect();
            assert!(!of.is_empty());
            let sum: i64 = of.iter().map(|r| pence(&r[col("cost")])).sum();
            assert_eq!(sum, figure.pence(), "{basis}");
            for (p, part) in partners().iter().zip(&parts) {
                let sum: i64 = of
                    .iter()
                    .map(|r| pence(&r[col(&format!("{}_amount", p.code))]))
                    .sum();
                assert_eq!(sum, part.pence(), "{basis} {}", p.code);
            }
        }
        // Text that a spreadsheet would run as a formula is defused, commas and quotes survive.
        let odd = rows.iter().find(|r| r[col("placement_id")] == "8").unwrap();
        assert_eq!(odd[col("provider")], "'-Other \"quoted\"");
        assert!(
            rows.iter()
                .any(|r| r[col("cost_line")] == "'=HYPERLINK(\"x\")")
        );
        let oak = rows.iter().find(|r| r[col("placement_id")] == "7").unwrap();
        assert_eq!(oak[col("provider")], "Oakfield House, Derby");
        assert_eq!(oak[col("SC_percent")], "50");
        assert_eq!(oak[col("days")], "91");
    }
}
