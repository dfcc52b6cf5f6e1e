//! Placements imported from a spreadsheet: its columns mapped to fields (guessed from the
//! headings, changed by the person), every row validated with the same rules as the entry
//! form, and a report that names the row, the column and what to fix. One row is one
//! placement with one cost line and one split; a case not yet recorded is created from its
//! row. Nothing is imported unless every row is right.
//!
//! `mapping` says which column holds which field, `cells` reads what a cell holds, and `plan`
//! checks every row and plans the import.

mod cells;
mod mapping;
mod names;
mod plan;
mod rows;

pub use cells::{placement_kind, unit};
pub(crate) use mapping::heading_score;
pub use mapping::{Field, Mapping, best_sheet, guess_mapping};
pub use names::{PartnerName, partner_names, share_partner};
pub use plan::{Existing, ImportPlan, Problem, RowPreview, SheetImported, plan_import};
pub use rows::{LeftOut, LeftOutRows};

#[cfg(test)]
mod tests {
    use super::cells::{amount_text, share_texts};
    use super::*;
    use crate::cost::Per;
    use crate::model::PlacementType;
    use crate::money::Money;
    use crate::sheet::read_csv;
    use crate::sheet::{Cell, Table};
    use crate::spend::Partner;
    use chrono::NaiveDate;

    fn partners() -> Vec<Partner> {
        [("SC", "Social care"), ("ED", "Education"), ("HE", "Health")]
            .iter()
            .map(|(c, n)| Partner {
                code: c.to_string(),
                name: n.to_string(),
                aliases: Vec::new(),
            })
            .collect()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn plan(csv: &str, existing: &Existing) -> ImportPlan {
        let t = read_csv("t", csv.as_bytes()).unwrap();
        let m = guess_mapping(&t.headers, &partners());
        plan_import(&t, &m, &partners(), existing, today())
    }

    fn messages(p: &ImportPlan) -> Vec<String> {
        p.problems.iter().map(ToString::to_string).collect()
    }

    const HEAD: &str = "Case ref,Initials,DOB,Provider,Placement type,Start date,End date,Weekly cost,Social care %,Education %,Health %\n";

    #[test]
    fn headings_as_trackers_name_them_are_mapped() {
        let p = partners();
        let headers: Vec<String> = HEAD.trim().split(',').map(String::from).collect();
        let m = guess_mapping(&headers, &p);
        let got: Vec<(String, usize)> = m.columns.iter().map(|(f, c)| (f.code(&p), *c)).collect();
        let want: Vec<(String, usize)> = [
            ("reference", 0),
            ("initials", 1),
            ("date_of_birth", 2),
            ("provider", 3),
            ("type", 4),
            ("start", 5),
            ("end", 6),
            ("amount", 7),
            ("share:SC", 8),
            ("share:ED", 9),
            ("share:HE", 10),
        ]
        .iter()
        .map(|(f, c)| (f.to_string(), *c))
        .collect();
        assert_eq!(got, want);
        assert_eq!(m.per, Per::Week);
        let annual: Vec<String> = ["Ref", "Annual cost", "SC share", "Health contribution"]
            .map(String::from)
            .to_vec();
        let m = guess_mapping(&annual, &p);
        assert_eq!(m.per, Per::Year);
        assert_eq!(m.column(Field::Share(0)), Some(2));
        assert_eq!(m.column(Field::Share(2)), Some(3));
        assert_eq!(m.column(Field::Share(1)), None);
        for f in Field::all(3) {
            assert_eq!(Field::parse(&f.code(&p), &p), Some(f));
        }
    }

    #[test]
    fn good_rows_become_cases_and_placements() {
        let mut existing = Existing::default();
        existing.cases.insert("CN-0001".into(), "A.B.".into());
        let p = plan(
            &format!(
                "{HEAD}CN-0001,,,Oak House,Residential,01/04/2026,,\"£4,250.00\",50,25,25\n\
                 CN-0100,X.Y.,2012-05-06,Elm School,day school,1.9.2026,31/07/2027,1200.5,0,100,\n"
            ),
            &existing,
        );
        assert_eq!(messages(&p), Vec::<String>::new());
        assert!(p.is_ready());
        assert_eq!(p.new_cases.len(), 1);
        assert_eq!(p.new_cases[0].reference, "CN-0100");
        assert_eq!(p.new_cases[0].initials, "X.Y.");
        assert_eq!(p.placements.len(), 2);
        let (r, first) = &p.placements[0];
        assert_eq!(r, "CN-0001");
        assert_eq!(first.kind, PlacementType::Residential);
        assert_eq!(
            first.placement.cost_lines[0].amount,
            Money::from_pence(425_000)
        );
        assert_eq!(first.placement.cost_lines[0].per, Per::Week);
        assert_eq!(
            first.placement.cost_lines[0].description,
            "Residential children's home"
        );
        let second = &p.placements[1].1;
        assert_eq!(second.placement.end, NaiveDate::from_ymd_opt(2027, 7, 31));
        assert_eq!(
            second.placement.splits[0]
                .shares
                .iter()
                .map(|s| s.basis_points())
                .collect::<Vec<_>>(),
            [0, 10_000, 0]
        );
        assert_eq!(p.rows[0].initials, "A.B.");
        assert!(!p.rows[0].new_case);
        assert!(p.rows[1].new_case);
        assert_eq!(p.rows[1].cost, "£1,200.50 a week");
        assert_eq!(p.rows[1].start, "01/09/2026");

        // A reference written otherwise is the case already known, or met earlier in the sheet.
        let p = plan(
            &format!(
                "{HEAD}cn-0001,,,Oak House,Residential,01/04/2026,,100,50,25,25\n\
                 CN-0100,X.Y.,,Elm School,day school,1.9.2026,,100,0,100,\n\
                 cn-0100,,,Ash School,day school,1.9.2026,,100,0,100,\n"
            ),
            &existing,
        );
        assert_eq!(messages(&p), Vec::<String>::new());
        assert_eq!(p.new_cases.len(), 1);
        assert_eq!(p.placements[0].0, "CN-0001");
        assert!(!p.rows[0].new_case);
    }

    #[test]
    fn every_fault_is_reported_by_row_and_column_and_nothing_is_planned() {
        let mut existing = Existing::default();
        existing.cases.insert("CN-0001".into(), "A.B.".into());
        existing.placements.insert((
            "CN-0001".into(),
            "oak house".into(),
            NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        ));
        let p = plan(
            &format!(
                "{HEAD}\
                 CN-0001,,,OAK HOUSE,Residential,01/04/2026,,100,100,,\n\
                 CN-0001,C.D.,,Birch,Respite,01/04/2026,,100,100,,\n\
                 CN-0200,Jane Smith,,Birch,Castle,31/02/2026,,-5,50,40,\n\
                 CN-0300,P.Q.,,Ash,Fostering,01/05/2026,01/04/2026,12.345,60,40,0\n\
                 ,,,Ash,fostering,01/05/2026,,12,100,,\n"
            ),
            &existing,
        );
        assert!(!p.is_ready());
        assert!(p.placements.is_empty() && p.new_cases.is_empty());
        assert_eq!(
            messages(&p),
            [
                "Row 2: CN-0001 already has a placement with OAK HOUSE from 01/04/2026; it may have been imported before, so delete the row or change the case",
                "Row 3, column B (Initials): case CN-0001 is recorded with the initials A.B., not C.D.; check the case reference",
                "Row 4, column B (Initials): \"Jane Smith\" is not initials (capital letters with dots, e.g. A.B.): records never hold a full name",
                "Row 4, column E (Placement type): \"Castle\" is not a type of placement; use one of: Residential children's home, Residential special school, Day special school, Independent fostering, Care package at home, Short breaks, Direct payment, Supported living, Other",
                "Row 4, column F (Start date): \"31/02/2026\" is not a date (type it as dd/mm/yyyy, e.g. 23/11/2026)",
                "Row 4, column H (Weekly cost): must be more than £0.00 (only a one-off amount can be a credit)",
                "Row 4: the shares add up to 90%; they must add up to exactly 100% (the shares are in the partners' columns)",
                "Row 5, column G (End date): the end date cannot be before the start date",
                "Row 5, column H (Weekly cost): \"12.345\" has more than two decimal places",
                "Row 6, column A (Case ref): the case reference is empty",
            ]
        );
        assert_eq!(p.rows.len(), 5);
        assert_eq!(p.rows[2].problems, 5);
    }

    #[test]
    fn repeated_rows_and_a_case_with_two_sets_of_initials_are_caught() {
        let p = plan(
            &format!(
                "{HEAD}CN-9,A.B.,,Oak,Fostering,01/04/2026,,100,100,,\n\
                 CN-9,A.B.,,oak,Fostering,01/04/2026,,100,100,,\n\
                 CN-9,Z.Z.,,Elm,Fostering,01/04/2026,,100,100,,\n"
            ),
            &Existing::default(),
        );
        assert_eq!(
            messages(&p),
            [
                "Row 3: this is the same placement as row 2 (CN-9, oak, from 01/04/2026); delete one of the rows",
                "Row 4, column B (Initials): case CN-9 has the initials A.B. in row 2, not Z.Z.; check the case reference",
            ]
        );
    }

    #[test]
    fn a_mapping_without_what_is_needed_is_refused_before_any_row() {
        let t = read_csv("t", b"Ref,Cost,Cost again\nCN-1,5,6\n").unwrap();
        let p = partners();
        let mut m = guess_mapping(&t.headers, &p);
        m.columns.insert(Field::End, 1);
        let plan = plan_import(&t, &m, &p, &Existing::default(), today());
        assert_eq!(
            messages(&plan),
            [
                "Choose the column that holds the provider",
                "Choose the column that holds the type of placement",
                "Choose the column that holds the start date",
                "Choose the columns that hold the partners' shares (a partner without a column pays 0%)",
                "Column B (Cost) is chosen for End date and Amount: choose one column for each",
            ]
        );
        assert!(plan.rows.is_empty());
    }

    #[test]
    fn cells_showing_errors_or_numbers_for_dates_are_reported() {
        let headers: Vec<String> = HEAD.trim().split(',').map(String::from).collect();
        let mut cells: Vec<Cell> = [
            "CN-1",
            "A.B.",
            "",
            "Oak",
            "Fostering",
            "",
            "",
            "",
            "100",
            "",
            "",
        ]
        .iter()
        .map(|t| Cell::Text(t.to_string()))
        .collect();
        cells[5] = Cell::Number(46_113.0);
        cells[6] = Cell::Error("#REF!".into());
        cells[7] = Cell::Error("#DIV/0!".into());
        cells[3] = Cell::Error("#N/A".into());
        let table = Table {
            name: "t".into(),
            header_row: 1,
            headers,
            rows: vec![(2, cells)],
            formulas: Default::default(),
        };
        let p = partners();
        let m = guess_mapping(&table.headers, &p);
        let plan = plan_import(&table, &m, &p, &Existing::default(), today());
        assert_eq!(
            messages(&plan),
            [
                "Row 2, column D (Provider): the cell shows the error #N/A; mend the formula or type the value",
                "Row 2, column F (Start date): 46113 is a number, not a date; format the column as dates in the spreadsheet, or type dd/mm/yyyy",
                "Row 2, column G (End date): the cell shows the error #REF!; mend the formula or type the date",
                "Row 2, column H (Weekly cost): the cell shows the error #DIV/0!; mend the formula or type the amount",
            ]
        );
    }

    #[test]
    fn spreadsheet_numbers_become_exact_amounts_and_shares() {
        let mut faults = Vec::new();
        let amount = |n: f64, faults: &mut Vec<String>| {
            amount_text(Some((0, &Cell::Number(n))), &mut |m| faults.push(m))
        };
        assert_eq!(amount(0.1 + 0.2, &mut faults), "0.30");
        assert_eq!(amount(4250.0, &mut faults), "4250.00");
        assert_eq!(amount(1234.56, &mut faults), "1234.56");
        assert!(faults.is_empty());
        assert_eq!(amount(1234.565, &mut faults), "");
        assert_eq!(amount(f64::NAN, &mut faults), "");
        assert_eq!(faults.len(), 2);
        let n = |x: f64| Cell::Number(x);
        let (a, b, c) = (n(0.5), n(0.25), n(0.25));
        assert_eq!(
            share_texts(vec![Some(&a), Some(&b), Some(&c)]),
            ["50", "25", "25"]
        );
        let (a, b) = (n(1.0 / 3.0), n(2.0 / 3.0));
        let thirds = share_texts(vec![Some(&a), Some(&b)]);
        assert!(
            thirds[0].starts_with("33.3333") && thirds[1].starts_with("66.6666"),
            "{thirds:?}"
        );
        let (a, b) = (n(1.0), n(99.0));
        assert_eq!(share_texts(vec![Some(&a), Some(&b), None]), ["1", "99", ""]);
        let (a, b) = (n(0.5), n(0.4));
        assert_eq!(
            share_texts(vec![Some(&a), Some(&b), None]),
            ["50", "40", ""]
        );
        let one = n(1.0);
        assert_eq!(share_texts(vec![Some(&one), None, None]), ["100", "", ""]);
        assert_eq!(unit("Per Week"), Some(Per::Week));
        assert_eq!(unit("p.a."), Some(Per::Year));
        assert_eq!(unit("one-off"), Some(Per::Once));
        assert_eq!(unit("fortnightly"), None);
        assert_eq!(placement_kind("IFA"), Some(PlacementType::Fostering));
        assert_eq!(
            placement_kind("residential_school"),
            Some(PlacementType::ResidentialSchool)
        );
        assert_eq!(
            placement_kind("Short Breaks"),
            Some(PlacementType::ShortBreaks)
        );
        assert_eq!(placement_kind(""), None);
    }

    /// A council's tracker as kept: a title and a date above, its own headings, a blank row,
    /// a subtotal, a grand total, notes under the table.
    const TRACKER: &str = "\u{FEFF}Complex needs placements 2026/27,,,,,,,,,\n\
        As at 01/11/2026,,,,,,,,,\n\
        ,,,,,,,,,\n\
        Child ID,Child,Provider,Placement type,Date placed,End date,Cost per week,LA share,HNB %,CCG share\n\
        Residential,,,,,,,,,\n\
        CN-0101,A.B.,Oak House,Residential,01/04/2026,,\"£4,250.00\",50%,25%,25%\n\
        ,,,,,,,,,\n\
        CN-0102,C.D.,Elm School,Day school,01/09/2026,31/07/2027,\"£1,200.00\",0%,100%,0%\n\
        Sub-total,,,,,,\"£5,450.00\",,,\n\
        CN-0103,E.F.,Ash Lodge,Short breaks,01/05/2026,,£300.00,50%,0%,50%\n\
        ,,,,,,£300.00,,,\n\
        Grand total,,,,,,\"£5,750.00\",,,\n\
        ,,,,,,,,,\n\
        Notes: figures exclude transport,,,,,,,,,\n\
        Prepared by Finance 01/11/2026,,,,,,,,,\n";

    #[test]
    fn a_council_tracker_imports_with_what_is_not_a_placement_left_out_and_named() {
        let t = read_csv("tracker", TRACKER.as_bytes()).unwrap();
        assert_eq!(t.header_row, 4, "the headings, not the title or the date");
        let p = partners();
        let m = guess_mapping(&t.headers, &p);
        let got: Vec<(String, usize)> = m.columns.iter().map(|(f, c)| (f.code(&p), *c)).collect();
        assert_eq!(
            got,
            [
                ("reference", 0),
                ("initials", 1),
                ("provider", 2),
                ("type", 3),
                ("start", 4),
                ("end", 5),
                ("amount", 6),
                ("share:SC", 7),
                ("share:ED", 8),
                ("share:HE", 9),
            ]
            .map(|(f, c)| (f.to_string(), c))
        );
        let plan = plan_import(&t, &m, &p, &Existing::default(), today());
        assert_eq!(messages(&plan), Vec::<String>::new());
        assert!(plan.is_ready());
        let refs: Vec<&str> = plan.placements.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(refs, ["CN-0101", "CN-0102", "CN-0103"]);
        assert!(
            plan.new_cases
                .iter()
                .all(|c| c.reference.starts_with("CN-"))
        );
        let report: Vec<String> = plan.left_out.iter().map(ToString::to_string).collect();
        assert_eq!(
            report,
            [
                "Row 5: a heading within the table (“Residential”), left out",
                "Row 7: blank, left out",
                "Row 9: a totals row (“Sub-total”), left out",
                "Row 11: a totals row, left out",
                "Row 12: a totals row (“Grand total”), left out",
                "Row 13: blank, left out",
                "Row 14: a note under the table (“Notes: figures exclude transport”), left out",
                "Row 15: a note under the table (“Prepared by Finance 01/11/2026”), left out",
            ]
        );
        let shown: Vec<(usize, Option<&str>)> = plan
            .rows
            .iter()
            .map(|r| (r.row, r.left_out.map(LeftOut::code)))
            .collect();
        assert_eq!(
            shown,
            [
                (5, Some("section")),
                (6, None),
                (8, None),
                (9, Some("totals")),
                (10, None),
                (11, Some("totals")),
                (12, Some("totals")),
                (14, Some("note")),
                (15, Some("note")),
            ]
        );
    }

    #[test]
    fn a_row_like_neither_a_placement_nor_a_total_is_still_a_problem() {
        // Within the table, two cells with nothing of a placement: reported, not left out.
        let p = plan(
            &format!(
                "{HEAD}CN-1,A.B.,,Oak,Fostering,01/04/2026,,100,100,,\n\
                 ,Pending,,Birch,,,,,,,\n\
                 CN-2,C.D.,,Elm,Fostering,01/04/2026,,100,100,,\n\
                 Total weekly,,,,,,,250,,,\n"
            ),
            &Existing::default(),
        );
        assert_eq!(
            messages(&p)[0],
            "Row 3, column A (Case ref): the case reference is empty"
        );
        assert_eq!(p.left_out.len(), 1);
        assert_eq!(
            p.left_out[0].why,
            LeftOut::Totals,
            "labelled, whatever its sum"
        );
        // A total the sums find, with no label, and the headings written again.
        let p = plan(
            &format!(
                "{HEAD}CN-1,A.B.,,Oak,Fostering,01/04/2026,,100,100,,\n\
                 CN-2,C.D.,,Elm,Fostering,01/04/2026,,150.50,100,,\n\
                 ,,,,,,,250.50,200,,\n\
                 {HEAD}CN-3,E.F.,,Elm,Fostering,01/04/2026,,100,100,,\n"
            ),
            &Existing::default(),
        );
        assert_eq!(messages(&p), Vec::<String>::new());
        assert_eq!(p.placements.len(), 3);
        let why: Vec<(usize, LeftOut)> = p.left_out.iter().map(|l| (l.first, l.why)).collect();
        assert_eq!(why, [(4, LeftOut::Totals), (5, LeftOut::Headings)]);
        // A sum that is not the rows' is no total: the row is a problem.
        let p = plan(
            &format!(
                "{HEAD}CN-1,A.B.,,Oak,Fostering,01/04/2026,,100,100,,\n\
                 ,,,,,,,999,,,\n"
            ),
            &Existing::default(),
        );
        assert!(p.left_out.is_empty());
        assert!(!p.problems.is_empty());
    }

    #[test]
    fn a_provider_called_total_is_still_a_placement() {
        let p = plan(
            &format!("{HEAD}CN-1,A.B.,,Total Care Ltd,Fostering,01/04/2026,,100,100,,\n"),
            &Existing::default(),
        );
        assert_eq!(messages(&p), Vec::<String>::new());
        assert_eq!(p.placements[0].1.provider, "Total Care Ltd");
    }

    #[test]
    fn a_field_no_heading_names_is_asked_for_with_the_columns_it_may_be() {
        let t = read_csv(
            "t",
            b"Ref,Kid,Provider,Type,Date of placement,Weekly cost,Social care %\nCN-1,A.B.,Oak,Fostering,01/04/2026,100,100\n",
        )
        .unwrap();
        let p = partners();
        let m = guess_mapping(&t.headers, &p);
        let plan = plan_import(&t, &m, &p, &Existing::default(), today());
        assert_eq!(
            messages(&plan),
            ["Choose the column that holds the start date: perhaps E (“Date of placement”)"]
        );
    }

    #[test]
    fn shares_that_fall_short_name_the_column_a_partner_may_be_known_by() {
        let head = "Ref,Initials,Provider,Type,Start,Weekly cost,LA %,HNB %,North Tyneside PCT %\n";
        let t = read_csv(
            "t",
            format!("{head}CN-1,A.B.,Oak,IFA,01/04/2026,100,50%,20%,30%\n").as_bytes(),
        )
        .unwrap();
        let p = partners();
        let m = guess_mapping(&t.headers, &p);
        let plan = plan_import(&t, &m, &p, &Existing::default(), today());
        assert_eq!(
            messages(&plan),
            [
                "Row 2: the shares add up to 70%; they must add up to exactly 100% (the shares are in the partners' columns; none is chosen for Health: perhaps I (“North Tyneside PCT %”), which a partner's other names on the settings screen can match)"
            ]
        );
        let mut p = partners();
        p[2].aliases = vec!["North Tyneside PCT".into()];
        let m = guess_mapping(&t.headers, &p);
        let plan = plan_import(&t, &m, &p, &Existing::default(), today());
        assert_eq!(messages(&plan), Vec::<String>::new());
    }

    #[test]
    fn headings_written_at_length_are_read_by_their_words() {
        let p = partners();
        let headers: Vec<String> = [
            "Child's LCS reference",
            "Initials of young person",
            "Name of provider / school",
            "Placement type (see key)",
            "Placement start date (dd/mm/yyyy)",
            "Placement end date",
            "Total weekly cost (£)",
            "Total cost to date",
            "Social care %",
            "Education %",
            "NHS number",
        ]
        .map(String::from)
        .to_vec();
        let m = guess_mapping(&headers, &p);
        let got: Vec<(String, usize)> = m.columns.iter().map(|(f, c)| (f.code(&p), *c)).collect();
        assert_eq!(
            got,
            [
                ("reference", 0),
                ("initials", 1),
                ("provider", 2),
                ("type", 3),
                ("start", 4),
                ("end", 5),
                ("amount", 6),
                ("share:SC", 8),
                ("share:ED", 9),
            ]
            .map(|(f, c)| (f.to_string(), c))
        );
        assert_eq!(m.per, Per::Week);
        let annual = ["Ref", "Cost p.a.", "Annual placement cost"].map(String::from);
        let m = guess_mapping(&annual, &p);
        assert_eq!((m.column(Field::Amount), m.per), (Some(1), Per::Year));
    }

    #[test]
    fn a_count_of_placements_above_a_total_is_no_reference() {
        let p = plan(
            &format!(
                "{HEAD}CN-1,A.B.,,Oak,Fostering,01/04/2026,,100,100,,\n\
                 2 placements,,,,,,,100,,,\n"
            ),
            &Existing::default(),
        );
        assert_eq!(messages(&p), Vec::<String>::new());
        assert_eq!(p.left_out[0].why, LeftOut::Totals);
    }
}
