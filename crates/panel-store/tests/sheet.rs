//! Placements imported from real spreadsheet files: an Excel workbook laid out as panels keep
//! their trackers (a title, formatted dates, money and percentages, a formula, a notes sheet),
//! and a CSV file as Excel saves it. Imported whole, or refused whole with a report.
#![allow(clippy::unwrap_used, missing_docs)]

use chrono::NaiveDate;
use panel_core::demo::demo;
use panel_core::interchange::write_dataset;
use panel_core::model::PlacementType;
use panel_core::sheet::read_spreadsheet;
use panel_core::sheet_import::{best_sheet, guess_mapping};
use panel_core::{Money, Per};
use panel_store::{SheetImported, Store, StoreError};

mod support;
use support::workbook::{Sheet, Value, text, workbook};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn demo_store(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("panel.sqlite3"), "Importer").unwrap();
    store.import(&demo(today())).unwrap();
    store
}

fn snapshot(store: &Store) -> (String, i64) {
    (
        write_dataset(&store.export().unwrap()),
        store.audit_count().unwrap(),
    )
}

/// One row of the tracker: reference, initials, provider, type, start, end, weekly cost,
/// shares as fractions (the cells are formatted as percentages).
type Row<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    NaiveDate,
    Option<NaiveDate>,
    f64,
    [f64; 3],
);

/// A workbook as a panel keeps it: a notes sheet first, then the tracker with a title row, a
/// blank row, headings, dates and money formatted, shares as percentages, and an annual cost
/// worked out by a formula.
fn tracker(rows: &[Row]) -> Vec<u8> {
    let notes = Sheet {
        name: "Read me",
        title: Some("Complex needs tracker: one row per placement"),
        headings: &["Shares are of the weekly cost"],
        rows: vec![],
    };
    let tracker = Sheet {
        name: "Placements 2026-27",
        title: Some("Complex Needs Panel: placements at 1 November 2026"),
        headings: &[
            "Case ref",
            "Initials",
            "Provider",
            "Placement type",
            "Start date",
            "End date",
            "Weekly cost",
            "Annual cost",
            "Social care %",
            "Education %",
            "Health %",
        ],
        rows: rows
            .iter()
            .enumerate()
            .map(
                |(i, (reference, initials, provider, kind, start, end, weekly, shares))| {
                    let mut cells = vec![
                        text(reference),
                        text(initials),
                        text(provider),
                        text(kind),
                        Value::Date(*start),
                        end.map_or(Value::Empty, Value::Date),
                        Value::Money(*weekly),
                        Value::Formula(format!("=G{}*52", i + 4), weekly * 52.0),
                    ];
                    cells.extend(shares.iter().map(|s| Value::Percent(*s)));
                    cells
                },
            )
            .collect(),
    };
    workbook(&[notes, tracker])
}

#[test]
fn a_real_workbook_of_placements_imports_whole_and_only_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir);
    let known = &store.cases(today()).unwrap()[0];
    let (known_ref, known_initials) = (known.reference.clone(), known.initials.clone());
    let known_placements = store.case(known.id).unwrap().placements.len();
    let rows: Vec<Row> = vec![
        (
            &known_ref,
            &known_initials,
            "Harbour View Children's Home",
            "Residential children's home",
            date(2026, 12, 1),
            None,
            5_120.50,
            [0.5, 0.25, 0.25],
        ),
        (
            "CN-9001",
            "T.W.",
            "Meadow Bank School",
            "Day special school",
            date(2026, 9, 1),
            Some(date(2027, 7, 23)),
            1_450.0,
            [0.0, 1.0, 0.0],
        ),
        (
            "CN-9001",
            "T.W.",
            "Little Oaks Short Breaks",
            "Short breaks",
            date(2026, 10, 5),
            None,
            310.25,
            [0.6, 0.0, 0.4],
        ),
        (
            "CN-9002",
            "R.K.",
            "Brightwater Fostering",
            "IFA",
            date(2026, 11, 2),
            None,
            1_045.0,
            [1.0, 0.0, 0.0],
        ),
    ];
    let bytes = tracker(&rows);
    let tables = read_spreadsheet("Tracker 2026-27.xlsx", &bytes).unwrap();
    assert_eq!(tables.len(), 2, "the notes sheet and the tracker");
    let partners = store.partners().unwrap();
    let at = best_sheet(&tables, &partners);
    assert_eq!(tables[at].name, "Placements 2026-27");
    let table = &tables[at];
    assert_eq!(table.header_row, 3);
    let mapping = guess_mapping(&table.headers, &partners);
    assert_eq!(mapping.per, Per::Week);

    let plan = store.plan_sheet_import(table, &mapping, today()).unwrap();
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    assert_eq!(plan.rows.len(), 4);
    assert_eq!(
        plan.rows.iter().map(|r| r.row).collect::<Vec<_>>(),
        [4, 5, 6, 7],
        "the rows Excel shows"
    );
    assert_eq!(plan.rows[1].cost, "£1,450.00 a week");
    assert_eq!(plan.rows[0].shares, ["50%", "25%", "25%"]);

    let audit_before = store.audit_count().unwrap();
    let done = store.import_sheet(table, &mapping, today()).unwrap();
    assert_eq!(
        done,
        SheetImported {
            cases: 2,
            placements: 4,
            left_out: Vec::new(),
        }
    );
    assert!(store.audit_count().unwrap() > audit_before, "audited");

    // Each placement is stored exactly as the row says.
    let known_after = store.case(known.id).unwrap();
    assert_eq!(known_after.placements.len(), known_placements + 1);
    let added = &known_after.placements.last().unwrap().record;
    assert_eq!(added.provider, "Harbour View Children's Home");
    assert_eq!(added.kind, PlacementType::Residential);
    assert_eq!(added.placement.start, date(2026, 12, 1));
    assert_eq!(added.placement.end, None);
    assert_eq!(
        added.placement.cost_lines[0].amount,
        Money::from_pence(512_050)
    );
    let new_id = store.case_id("CN-9001").unwrap();
    let new_case = store.case(new_id).unwrap();
    assert_eq!(new_case.case.initials, "T.W.");
    assert_eq!(new_case.placements.len(), 2);
    let school = &new_case.placements[0].record.placement;
    assert_eq!(school.end, Some(date(2027, 7, 23)));
    assert_eq!(
        school.splits[0]
            .shares
            .iter()
            .map(|s| s.basis_points())
            .collect::<Vec<_>>(),
        [0, 10_000, 0]
    );
    let breaks = &new_case.placements[1].record.placement;
    assert_eq!(breaks.cost_lines[0].amount, Money::from_pence(31_025));
    assert_eq!(
        breaks.splits[0]
            .shares
            .iter()
            .map(|s| s.basis_points())
            .collect::<Vec<_>>(),
        [6_000, 0, 4_000]
    );
    let fostering = store.case(store.case_id("CN-9002").unwrap()).unwrap();
    assert_eq!(
        fostering.placements[0].record.kind,
        PlacementType::Fostering
    );
    assert!(store.check().unwrap().ok());

    // The same file again: every row is already there, and nothing changes.
    let before = snapshot(&store);
    let Err(StoreError::Invalid(report)) = store.import_sheet(table, &mapping, today()) else {
        panic!("a second import must be refused");
    };
    assert_eq!(report.len(), 4, "{report:?}");
    assert!(
        report[1].starts_with(
            "Row 5: CN-9001 already has a placement with Meadow Bank School from 01/09/2026"
        ),
        "{report:?}"
    );
    assert_eq!(snapshot(&store), before);
}

#[test]
fn a_workbook_with_faults_is_refused_whole_with_a_report_that_says_what_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir);
    let known = &store.cases(today()).unwrap()[0];
    let rows: Vec<Row> = vec![
        (
            "CN-9101",
            "A.A.",
            "Good Provider",
            "Fostering",
            date(2026, 9, 1),
            None,
            900.0,
            [1.0, 0.0, 0.0],
        ),
        (
            &known.reference,
            "Q.Q.",
            "Wrong Initials House",
            "Residential",
            date(2026, 9, 1),
            None,
            4_000.0,
            [0.5, 0.5, 0.0],
        ),
        (
            "CN-9102",
            "",
            "No Initials Ltd",
            "Respite",
            date(2026, 9, 1),
            None,
            100.0,
            [0.5, 0.5, 0.0],
        ),
        (
            "CN-9103",
            "B.B.",
            "Short Split",
            "Care package",
            date(2026, 9, 1),
            Some(date(2026, 8, 1)),
            123.456,
            [0.5, 0.4, 0.0],
        ),
    ];
    let bytes = tracker(&rows);
    let tables = read_spreadsheet("faults.xlsx", &bytes).unwrap();
    let partners = store.partners().unwrap();
    let table = &tables[best_sheet(&tables, &partners)];
    let mapping = guess_mapping(&table.headers, &partners);
    let before = snapshot(&store);
    let Err(StoreError::Invalid(report)) = store.import_sheet(table, &mapping, today()) else {
        panic!("a sheet with faults must be refused");
    };
    assert_eq!(
        report,
        [
            format!(
                "Row 5, column B (Initials): case {} is recorded with the initials {}, not Q.Q.; check the case reference",
                known.reference, known.initials
            ),
            "Row 6, column B (Initials): CN-9102 is a new case: type its initials (e.g. A.B.)"
                .to_string(),
            "Row 7, column F (End date): the end date cannot be before the start date".to_string(),
            "Row 7, column G (Weekly cost): 123.456 has fractions of a penny; round it to pence in the spreadsheet"
                .to_string(),
            "Row 7: the shares add up to 90%; they must add up to exactly 100% (the shares are in the partners' columns)"
                .to_string(),
        ]
    );
    assert_eq!(
        snapshot(&store),
        before,
        "the good first row is not imported either"
    );
    assert!(matches!(
        store.case_id("CN-9101"),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn a_csv_file_as_excel_saves_it_imports() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir);
    // Windows-1252, as Excel's "CSV (Comma delimited)" writes it: £ is byte A3.
    let mut bytes = b"Ref,Initials,Provider,Type,From,To,Cost,Per,SC %,ED %,HE %\r\n".to_vec();
    bytes.extend_from_slice(b"CN-9201,M.N.,\"Oak, Elm & Co\",Supported living,01/10/2026,,\"\xA31,250.00\",weekly,40,30,30\r\n");
    bytes.extend_from_slice(
        b"CN-9201,,Oak Tutors,Day school,2026-10-01,,\xA318000,per annum,0,100,0\r\n",
    );
    let t = &read_spreadsheet("export.csv", &bytes).unwrap()[0];
    let partners = store.partners().unwrap();
    let m = guess_mapping(&t.headers, &partners);
    let plan = store.plan_sheet_import(t, &m, today()).unwrap();
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    assert_eq!(plan.new_cases.len(), 1, "one case, met twice");
    let done = store.import_sheet(t, &m, today()).unwrap();
    assert_eq!(done.placements, 2);
    let case = store.case(store.case_id("CN-9201").unwrap()).unwrap();
    let lines: Vec<(Money, Per)> = case
        .placements
        .iter()
        .map(|p| {
            (
                p.record.placement.cost_lines[0].amount,
                p.record.placement.cost_lines[0].per,
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (Money::from_pence(125_000), Per::Week),
            (Money::from_pence(1_800_000), Per::Year)
        ]
    );
    assert_eq!(case.placements[0].record.provider, "Oak, Elm & Co");
}
