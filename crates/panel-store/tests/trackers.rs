//! Councils' own trackers imported the first time, with no column chosen by hand: an Excel
//! workbook, an OpenDocument spreadsheet and a CSV file saved by Excel (with its byte-order
//! mark), each with a title, blank rows, totals and subtotals, notes under the table and the
//! headings councils write ("Child", "LA share", "CCG share", "Weekly fee"). The rows that
//! are not placements are left out and named; no total ever becomes a case.
#![allow(clippy::unwrap_used, missing_docs)]

use chrono::NaiveDate;
use panel_core::Money;
use panel_core::settings::partner_input;
use panel_core::sheet::read_spreadsheet;
use panel_core::sheet_import::{LeftOut, best_sheet, guess_mapping};
use panel_store::{Store, StoreError};

mod support;
use support::workbook::{Value, ods_grid, text, workbook_grid};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A new database with a council's three partners.
fn store(dir: &tempfile::TempDir, health: (&str, &str)) -> Store {
    let mut s = Store::open(&dir.path().join("panel.sqlite3"), "Importer").unwrap();
    for (code, name) in [("SC", "Social care"), ("ED", "Education"), health] {
        s.add_partner(&partner_input(code, name).unwrap()).unwrap();
    }
    s
}

/// A placement row: reference, child's initials, provider, type, start, end, weekly cost and
/// shares (fractions, shown as percentages).
#[allow(clippy::too_many_arguments)]
fn placement(
    reference: &str,
    child: &str,
    provider: &str,
    kind: &str,
    start: NaiveDate,
    end: Option<NaiveDate>,
    cost: f64,
    shares: [f64; 3],
) -> Vec<Value> {
    let mut v = vec![
        text(reference),
        text(child),
        text(provider),
        text(kind),
        Value::Date(start),
        end.map_or(Value::Empty, Value::Date),
        Value::Money(cost),
    ];
    v.extend(shares.map(Value::Percent));
    v
}

fn blank() -> Vec<Value> {
    Vec::new()
}

/// A row with `label` in column A and `value` in the cost column (G), as a formula.
fn total(label: &str, formula: &str, value: f64) -> Vec<Value> {
    let mut v: Vec<Value> = (0..6).map(|_| Value::Empty).collect();
    v[0] = text(label);
    v.push(Value::Formula(formula.into(), value));
    v
}

/// The tracker's sheet, top to bottom: a title, the date it is as at, a blank row, the
/// headings in row 4, a heading over a group, placements with a subtotal, an unlabelled total
/// of formulas, a grand total, a blank row and notes.
fn grid(headings: &[&str]) -> Vec<Vec<Value>> {
    vec![
        vec![text("Complex needs panel: placements tracker 2026/27")],
        vec![text("As at 30/11/2026")],
        blank(),
        headings.iter().map(|h| text(h)).collect(),
        vec![text("Residential")],
        placement(
            "CN-0101",
            "A.B.",
            "Oak House",
            "Residential",
            date(2026, 4, 1),
            None,
            4250.0,
            [0.5, 0.25, 0.25],
        ),
        placement(
            "CN-0102",
            "C.D.",
            "Elm Lodge",
            "Residential",
            date(2026, 6, 15),
            Some(date(2027, 6, 14)),
            3875.5,
            [0.4, 0.2, 0.4],
        ),
        total("Sub-total", "=SUM(G6:G7)", 8125.5),
        vec![text("Education")],
        placement(
            "CN-0103",
            "E.F.",
            "Birch School",
            "Day school",
            date(2026, 9, 1),
            Some(date(2027, 7, 23)),
            1200.0,
            [0.0, 1.0, 0.0],
        ),
        blank(),
        placement(
            "CN-0101",
            "A.B.",
            "Ash Short Breaks",
            "Short breaks",
            date(2026, 5, 1),
            None,
            310.25,
            [0.5, 0.0, 0.5],
        ),
        {
            let mut v: Vec<Value> = (0..6).map(|_| Value::Empty).collect();
            v.push(Value::Formula("=SUM(G10:G12)".into(), 1510.25));
            v
        },
        total("Grand total", "=G8+G13", 9635.75),
        blank(),
        vec![text("Notes: costs are weekly and exclude transport.")],
        vec![text("Shares as agreed at panel; CCG now the ICB.")],
    ]
}

/// The report a tracker of [`grid`]'s shape gets.
const LEFT_OUT: [(usize, usize, LeftOut); 9] = [
    (5, 5, LeftOut::Section),
    (8, 8, LeftOut::Totals),
    (9, 9, LeftOut::Section),
    (11, 11, LeftOut::Blank),
    (13, 13, LeftOut::Totals),
    (14, 14, LeftOut::Totals),
    (15, 15, LeftOut::Blank),
    (16, 16, LeftOut::Note),
    (17, 17, LeftOut::Note),
];

/// Reads `file`, guesses everything, imports, and checks what was imported and left out.
fn imports_first_time(store: &mut Store, name: &str, bytes: &[u8]) {
    let tables = read_spreadsheet(name, bytes).unwrap();
    let partners = store.partners().unwrap();
    let table = &tables[best_sheet(&tables, &partners)];
    assert_eq!(
        table.header_row, 4,
        "{name}: the headings found below the title"
    );
    let mapping = guess_mapping(&table.headers, &partners);
    let plan = store.plan_sheet_import(table, &mapping, today()).unwrap();
    assert!(plan.problems.is_empty(), "{name}: {:#?}", plan.problems);
    let left: Vec<(usize, usize, LeftOut)> = plan
        .left_out
        .iter()
        .map(|l| (l.first, l.last, l.why))
        .collect();
    assert_eq!(left, LEFT_OUT, "{name}");
    let done = store.import_sheet(table, &mapping, today()).unwrap();
    assert_eq!((done.cases, done.placements), (3, 4), "{name}");
    assert_eq!(done.left_out.len(), LEFT_OUT.len());
    assert_eq!(
        done.left_out[1].to_string(),
        "Row 8: a totals row (\u{201C}Sub-total\u{201D}), left out",
        "{name}"
    );

    // No total became a case; every case is a child of the tracker.
    let cases = store.cases(today()).unwrap();
    let refs: Vec<&str> = cases.iter().map(|c| c.reference.as_str()).collect();
    assert_eq!(refs, ["CN-0101", "CN-0102", "CN-0103"], "{name}");
    // The weekly costs add up to the tracker's grand total, to the penny, and the shares are
    // those of the LA, HNB and CCG columns.
    let mut weekly = 0;
    for c in &cases {
        for p in &store.case(c.id).unwrap().placements {
            let line = &p.record.placement.cost_lines[0];
            weekly += line.amount.pence();
            let shares: Vec<u32> = p.record.placement.splits[0]
                .shares
                .iter()
                .map(|s| s.basis_points())
                .collect();
            assert_eq!(shares.iter().sum::<u32>(), 10_000);
            if p.record.provider == "Elm Lodge" {
                assert_eq!(shares, [4_000, 2_000, 4_000], "{name}");
                assert_eq!(p.record.placement.end, Some(date(2027, 6, 14)));
            }
        }
    }
    assert_eq!(
        Money::from_pence(weekly),
        Money::from_pence(963_575),
        "{name}"
    );
}

/// The Excel tracker's headings, the health partner's share headed `health`.
fn excel_headings(health: &str) -> [&str; 10] {
    [
        "Child ID",
        "Child",
        "Provider",
        "Placement type",
        "Date placed",
        "End date",
        "Cost per week",
        "LA share",
        "HNB %",
        health,
    ]
}

#[test]
fn an_excel_tracker_with_its_own_headings_imports_the_first_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir, ("HE", "Health (ICB)"));
    let headings = excel_headings("CCG share");
    let bytes = workbook_grid(&[
        ("Notes", vec![vec![text("How to fill in the tracker")]]),
        ("Tracker 2026-27", grid(&headings)),
    ]);
    imports_first_time(&mut s, "Panel tracker.xlsx", &bytes);
}

#[test]
fn an_opendocument_tracker_imports_the_first_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir, ("HE", "Health"));
    let headings = [
        "Ref",
        "Name",
        "Setting",
        "Type of provision",
        "Start",
        "End",
        "Weekly fee",
        "Council %",
        "Education %",
        "NHS %",
    ];
    let bytes = ods_grid(&[("Placements", grid(&headings))]);
    imports_first_time(&mut s, "placements.ods", &bytes);
}

/// The sheet as Excel saves it as "CSV UTF-8": a byte-order mark, money and percentages as
/// shown, formulas as their values.
fn csv(headings: &[&str]) -> Vec<u8> {
    let cell = |v: &Value| match v {
        Value::Empty => String::new(),
        Value::Text(t) => format!("\"{t}\""),
        Value::Date(d) => d.format("%d/%m/%Y").to_string(),
        Value::Money(n) | Value::Formula(_, n) => format!("\"£{}\"", with_commas(*n)),
        Value::Percent(n) => format!("{:.0}%", n * 100.0),
    };
    let mut out = String::from("\u{FEFF}");
    for row in grid(headings) {
        let mut cells: Vec<String> = row.iter().map(cell).collect();
        cells.resize(headings.len(), String::new());
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn with_commas(n: f64) -> String {
    let pence = (n * 100.0).round() as i64;
    let pounds = (pence / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in pounds.chars().enumerate() {
        if i > 0 && (pounds.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{grouped}.{:02}", pence % 100)
}

#[test]
fn a_csv_tracker_saved_by_excel_imports_the_first_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir, ("HE", "Health (ICB)"));
    let headings = [
        "Case no",
        "Initials",
        "Provider",
        "Type",
        "From",
        "To",
        "Weekly cost",
        "Social Care",
        "SEN %",
        "ICB %",
    ];
    imports_first_time(&mut s, "tracker.csv", &csv(&headings));
}

#[test]
fn a_partner_known_by_an_old_body_name_matches_once_the_setting_says_so() {
    let dir = tempfile::tempdir().unwrap();
    // A health partner whose code and name say nothing of its kind.
    let mut s = store(&dir, ("NENC", "North East and North Cumbria"));
    let headings = excel_headings("Sunderland CCG %");
    let bytes = workbook_grid(&[("Tracker", grid(&headings))]);
    let tables = read_spreadsheet("t.xlsx", &bytes).unwrap();
    let guess = |s: &Store| guess_mapping(&tables[0].headers, &s.partners().unwrap());
    let he = panel_core::sheet_import::Field::Share(2);
    assert_eq!(guess(&s).column(he), None, "not known yet");

    // Refused: a name another partner goes by; nothing changed.
    let audit = s.audit_count().unwrap();
    let e = s
        .set_partner_aliases("NENC", &["CCG, education".into()])
        .unwrap_err();
    assert!(
        matches!(&e, StoreError::Field(f) if f[0].message == "Also called: \"education\" is already a name of ED, Education; a name can point to one partner only"),
        "{e:?}"
    );
    assert_eq!(s.audit_count().unwrap(), audit);
    assert!(s.partners().unwrap()[2].aliases.is_empty());
    let e = s.set_partner_aliases("XX", &["CCG".into()]).unwrap_err();
    assert!(matches!(e, StoreError::NotFound(_)), "{e}");

    // Set: kept, audited, and the column is found.
    let set = s
        .set_partner_aliases("NENC", &["Sunderland CCG; ICB\nsunderland  ccg".into()])
        .unwrap();
    assert_eq!(set, ["Sunderland CCG", "ICB"]);
    assert!(s.audit_count().unwrap() > audit);
    assert_eq!(guess(&s).column(he), Some(9));
    let mapping = guess(&s);
    let done = s.import_sheet(&tables[0], &mapping, today()).unwrap();
    assert_eq!(done.placements, 4);

    // The other names travel with the data file.
    let exported = s.export().unwrap();
    assert_eq!(exported.partners[2].aliases, ["Sunderland CCG", "ICB"]);
    let text = panel_core::interchange::write_dataset(&exported);
    let read = panel_core::interchange::read_dataset(&text).unwrap();
    assert_eq!(read.partners[2].aliases, ["Sunderland CCG", "ICB"]);
    let dir2 = tempfile::tempdir().unwrap();
    let mut other = Store::open(&dir2.path().join("panel.sqlite3"), "Importer").unwrap();
    other.import(&read).unwrap();
    assert_eq!(
        other.partners().unwrap()[2].aliases,
        ["Sunderland CCG", "ICB"]
    );

    // A file whose partner goes by a name another partner of the database already has is
    // refused whole, with nothing changed.
    let dir3 = tempfile::tempdir().unwrap();
    let mut third = store(&dir3, ("NENC", "North East and North Cumbria"));
    third.set_partner_aliases("SC", &["ICB".into()]).unwrap();
    let before = (third.partners().unwrap(), third.audit_count().unwrap());
    let e = third.import(&read).unwrap_err();
    assert!(
        matches!(&e, StoreError::Invalid(lines) if lines.iter().any(|l| l
            == "partners[2].aliases: Also called: \"ICB\" is already a name of SC, Social care; a name can point to one partner only")),
        "{e:?}"
    );
    assert_eq!(
        (third.partners().unwrap(), third.audit_count().unwrap()),
        before
    );
}
