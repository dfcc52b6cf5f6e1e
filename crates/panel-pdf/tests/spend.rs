//! The spend report made from a real SQLite file of the demo data, read back by extracting its
//! text: it carries exactly the figures of `Store::spend` and of the spend screen.
#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use common::{assert_framed, date, info, text_of};
use panel_core::FinancialYear;
use panel_core::analysis::month_label;
use panel_core::demo::demo;
use panel_pdf::spend_pdf;
use panel_store::Store;

fn demo_store(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("panel.sqlite3"), "tester").unwrap();
    store.import(&demo(date("2026-11-23"))).unwrap();
    store
}

#[test]
fn the_spend_report_prints_the_figures_of_panel_spend() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(&dir);
    let as_of = date("2026-11-23");
    let year = FinancialYear::containing(as_of);
    let paper = panel_app::documents::spend_paper(&store, year, as_of, as_of).unwrap();
    let pdf = spend_pdf(&paper).unwrap();
    let text = text_of(&pdf);
    let pages = assert_framed(&text);
    assert!(pages >= 2, "{pages}");
    assert!(text.contains("OFFICIAL-SENSITIVE"));
    assert!(
        text.contains("Pooled budget 2026/27: spend report"),
        "{text}"
    );

    let r = store.spend(year, as_of).unwrap();
    assert_eq!(paper.screen.report, r);
    let mut figures = vec![r.budget, r.to_date, r.projected, r.variance];
    for p in &r.partners {
        figures.extend([
            p.contribution,
            p.to_date,
            p.projected,
            p.variance,
            p.risk_share,
        ]);
    }
    for f in figures {
        assert!(text.contains(&f.to_string()), "{f} missing");
    }
    for name in store.partners().unwrap().iter().map(|p| &p.name) {
        // Names may wrap in their cell: look for the first word.
        let first = name.split(' ').next().unwrap();
        assert!(text.contains(first), "{name}");
    }
    assert!(text.contains(&r.verdict()) || text.contains("Projected overspend"));
    let s = &paper.screen;
    assert!(text.contains(&format!("{} a placement", s.activity.weekly_average)));
    for m in &s.months {
        assert!(text.contains(&month_label(m.month)), "{}", m.month);
        assert!(text.contains(&m.cumulative.to_string()), "{}", m.month);
    }
    for y in &s.years {
        assert!(text.contains(&y.year.to_string()));
        assert!(text.contains(&y.projected.to_string()), "{}", y.year);
    }
    assert!(!s.placements.is_empty());
    for l in &s.placements {
        assert!(text.contains(&l.case_reference), "{}", l.case_reference);
        assert!(
            text.contains(&l.spend.projected.to_string()),
            "{}",
            l.case_reference
        );
    }
    assert_eq!(
        info(&pdf, b"Title").unwrap(),
        "Pooled budget 2026/27: spend report as of 23 November 2026"
    );
}

#[test]
fn a_year_with_nothing_placed_and_no_agreement_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(&dir);
    let year = FinancialYear::starting(2012).unwrap();
    let paper =
        panel_app::documents::spend_paper(&store, year, year.start(), date("2026-11-23")).unwrap();
    let text = text_of(&spend_pdf(&paper).unwrap());
    assert!(
        text.contains("No pooled-budget agreement is recorded for 2012/13"),
        "{text}"
    );
    assert!(text.contains("Placements in 2012/13 (0)"));
    assert!(text.contains("Projected spend equals the budget."));
}
