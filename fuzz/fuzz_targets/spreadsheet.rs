//! The spreadsheet import: any bytes, as a CSV file or as a workbook, are read or refused, and
//! every sheet read is validated row by row under the columns its headings suggest, never with
//! a panic. A plan with no problems holds one placement a row.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use panel_core::Partner;
use panel_core::sheet::read_spreadsheet;
use panel_core::sheet_import::{Existing, guess_mapping, plan_import};

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let name = if kind % 2 == 0 {
        "tracker.csv"
    } else {
        "tracker.xlsx"
    };
    let Ok(tables) = read_spreadsheet(name, bytes) else {
        return;
    };
    let partners: Vec<Partner> = [("SC", "Social care"), ("ED", "Education"), ("HE", "Health")]
        .iter()
        .map(|(c, n)| Partner {
            code: c.to_string(),
            name: n.to_string(),
            // Another name, so that headings are matched by it too.
            aliases: vec![format!("{n} old body")],
        })
        .collect();
    let mut existing = Existing::default();
    existing.cases.insert("CN-0001".into(), "A.B.".into());
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    for t in &tables {
        assert!(
            t.rows
                .iter()
                .all(|(_, cells)| cells.len() == t.headers.len())
        );
        let mapping = guess_mapping(&t.headers, &partners);
        let plan = plan_import(t, &mapping, &partners, &existing, today);
        // With no problem, every row is a placement or a row left out as not one, named.
        if plan.problems.is_empty() {
            let left_out = plan.rows.iter().filter(|r| r.left_out.is_some()).count();
            assert_eq!(plan.placements.len() + left_out, t.rows.len());
        }
    }
});
