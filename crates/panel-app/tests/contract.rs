//! The contract every store keeps, exercised through the use cases of `panel-app` as the
//! shells call them: what is saved reads back as saved, what the rules refuse is refused
//! with its field and changes nothing. Each story is written once, against the ports; a
//! store runs the whole suite by one line at the end (`contract!(name, fresh store)`).
//! Tamper tests, which need a store's raw SQL, stay with that store.
#![allow(clippy::unwrap_used, missing_docs)]

use panel_app::disputes::{self, DisputeInput};
use panel_app::settings::{
    self, AgreementInput, FinanceInput, PartnerAliasesInput, PartnerInput, SettingsInput,
};
use panel_app::sheets::{self, ColumnChoice, SheetImportInput};
use panel_core::model::{DisputeScope, DisputeStatus};
use panel_core::ports::{CasesStore, Error, MoneyStore, SettingsStore};

/// The field a refusal names, or what else it was.
fn refused_field(e: Error) -> String {
    match e {
        Error::Field(f) => f[0].field.clone(),
        other => panic!("not a field's refusal: {other:?}"),
    }
}

fn partner(code: &str, name: &str) -> PartnerInput {
    PartnerInput {
        code: code.into(),
        name: name.into(),
    }
}

fn three_partners(s: &mut impl SettingsStore) {
    for (code, name) in [
        ("SC", "Social care"),
        ("ED", "Education"),
        ("HE", "Health (ICB)"),
    ] {
        settings::add_partner(s, &partner(code, name)).unwrap();
    }
}

/// The panel's settings: saved as typed, read back as form values; a bad value refused at its
/// field with nothing changed.
fn settings_read_back_as_saved(s: &mut impl SettingsStore) {
    let before = settings::screen(s).unwrap();
    let typed = SettingsInput {
        authority: "Northshire County Council".into(),
        panel_name: "Children's Complex Needs Panel".into(),
        decision_prefix: "NCP".into(),
        first_review_months: "3".into(),
        review_months: "12".into(),
        notice_months: "2".into(),
        quorum: "all_partners".into(),
    };
    settings::save_settings(s, &typed).unwrap();
    assert_eq!(settings::screen(s).unwrap().form, typed);
    let bad = SettingsInput {
        decision_prefix: "N CNP".into(),
        ..typed.clone()
    };
    assert_eq!(
        refused_field(settings::save_settings(s, &bad).unwrap_err()),
        "decision_prefix"
    );
    assert_eq!(settings::screen(s).unwrap().form, typed);
    assert_ne!(before.form, typed);
}

/// Partners: added in order, renamed, their other names kept; a code or name twice, a name
/// another partner goes by and an unknown partner refused, nothing changed.
fn partners_keep_their_names_apart(s: &mut impl SettingsStore) {
    three_partners(s);
    let codes: Vec<String> = settings::partners(s)
        .unwrap()
        .into_iter()
        .map(|p| p.code)
        .collect();
    assert_eq!(codes, ["SC", "ED", "HE"]);
    assert_eq!(
        refused_field(settings::add_partner(s, &partner("sc", "Children")).unwrap_err()),
        "code"
    );
    assert_eq!(
        refused_field(settings::add_partner(s, &partner("CH", "education")).unwrap_err()),
        "name"
    );
    settings::rename_partner(s, &partner("HE", "Health (NENC ICB)")).unwrap();
    let set = settings::set_partner_aliases(
        s,
        &PartnerAliasesInput {
            code: "he".into(),
            aliases: "Sunderland CCG, ICB; sunderland ccg".into(),
        },
    )
    .unwrap();
    assert_eq!(set, ["Sunderland CCG", "ICB"]);
    let before = settings::partners(s).unwrap();
    let he = &before[2];
    assert_eq!(
        (he.name.as_str(), he.aliases.clone()),
        ("Health (NENC ICB)", set.clone())
    );
    assert!(he.kind_names.contains(&"CCG".to_string()));
    assert_eq!(
        refused_field(
            settings::set_partner_aliases(
                s,
                &PartnerAliasesInput {
                    code: "ED".into(),
                    aliases: "Sunderland CCG".into(),
                },
            )
            .unwrap_err()
        ),
        "aliases"
    );
    let unknown = settings::set_partner_aliases(
        s,
        &PartnerAliasesInput {
            code: "XX".into(),
            aliases: "CCG".into(),
        },
    )
    .unwrap_err();
    assert!(matches!(unknown, Error::NotFound(_)), "{unknown:?}");
    assert_eq!(settings::partners(s).unwrap(), before);
}

/// Agreements: one contribution a partner, saved and replaced by year; the wrong number of
/// contributions refused.
fn agreements_are_kept_by_year(s: &mut impl SettingsStore) {
    three_partners(s);
    let typed = |year: &str, amounts: [&str; 3]| AgreementInput {
        year: year.into(),
        risk_share: "contributions".into(),
        contributions: amounts.map(String::from).to_vec(),
    };
    settings::save_agreement(s, &typed("2026/27", ["2,448,000", "2376000", "2376000.00"])).unwrap();
    settings::save_agreement(s, &typed("2025/26", ["100", "200", "300"])).unwrap();
    settings::save_agreement(s, &typed("2026/27", ["2500000", "2400000", "2400000"])).unwrap();
    let screen = settings::screen(s).unwrap();
    let years: Vec<(&str, &str)> = screen
        .agreements
        .iter()
        .map(|a| (a.year.as_str(), a.total.as_str()))
        .collect();
    assert_eq!(
        years,
        [("2025/26", "£600.00"), ("2026/27", "£7,300,000.00")]
    );
    let short = AgreementInput {
        contributions: vec!["1".into(), "2".into()],
        ..typed("2027/28", ["1", "1", "1"])
    };
    assert!(matches!(
        settings::save_agreement(s, &short).unwrap_err(),
        Error::Field(_)
    ));
    assert_eq!(settings::screen(s).unwrap().agreements.len(), 2);
}

/// The finance settings: saved as typed, read back; a bad value refused at its field.
fn finance_settings_read_back_as_saved(s: &mut impl SettingsStore) {
    three_partners(s);
    let typed = FinanceInput {
        escalation_days: "45".into(),
        lead_partner: "SC".into(),
        statement_months: "3".into(),
        uplift: "3.5".into(),
    };
    settings::save_finance_settings(s, &typed).unwrap();
    assert_eq!(settings::screen(s).unwrap().finance, typed);
    let bad = FinanceInput {
        escalation_days: "0".into(),
        ..typed.clone()
    };
    assert_eq!(
        refused_field(settings::save_finance_settings(s, &bad).unwrap_err()),
        "escalation_days"
    );
    assert_eq!(settings::screen(s).unwrap().finance, typed);
}

/// A spreadsheet's rows: previewed against what is recorded, imported whole in one
/// transaction, and refused whole the second time with nothing changed.
fn a_sheet_imports_once_and_whole(s: &mut (impl SettingsStore + CasesStore)) {
    three_partners(s);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tracker.csv");
    std::fs::write(
        &path,
        "Tracker\n\nCase ref,Child,Provider,Type,Start date,Weekly cost,LA %,HNB %,ICB %\n\
         CN-0101,A.B.,Oak House,Residential,01/04/2026,\"£4,250.00\",50,25,25\n\
         CN-0101,A.B.,Ash Breaks,Short breaks,01/05/2026,310.25,50,0,50\n\
         Total,,,,,\"£4,560.25\",,,\n",
    )
    .unwrap();
    let opened = sheets::open(s, path.to_str().unwrap()).unwrap();
    let sheet = &opened.sheets[opened.suggested as usize];
    let input = SheetImportInput {
        path: opened.path.clone(),
        sheet: sheet.name.clone(),
        columns: sheet.guess.clone(),
        per: sheet.per.clone(),
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let preview = sheets::preview(s, &input, today).unwrap();
    assert!(preview.ready, "{:?}", preview.problems);
    assert_eq!((preview.placements, preview.new_cases), (2, 1));
    assert_eq!(
        preview.left_out,
        ["Row 6: a totals row (\u{201C}Total\u{201D}), left out"]
    );

    // The port imports it whole, and knows it after.
    let tables = sheets::read_file(&path).unwrap();
    let partners = s.partners().unwrap();
    let mapping = panel_core::sheet_import::guess_mapping(&tables[0].headers, &partners);
    let done = s.import_sheet(&tables[0], &mapping, today).unwrap();
    assert_eq!(
        (done.cases, done.placements, done.left_out.len()),
        (1, 2, 1)
    );
    let recorded = s.recorded_for_import().unwrap();
    assert_eq!(
        recorded.cases.get("CN-0101").map(String::as_str),
        Some("A.B.")
    );
    assert_eq!(recorded.placements.len(), 2);

    // The second time: the preview says why, the port refuses, nothing changes.
    let again = sheets::preview(s, &input, today).unwrap();
    assert!(!again.ready);
    assert!(
        again.problems[0]
            .message
            .contains("CN-0101 already has a placement with Oak House from 01/04/2026"),
        "{:?}",
        again.problems
    );
    let e = s.import_sheet(&tables[0], &mapping, today).unwrap_err();
    assert!(
        matches!(&e, Error::Invalid(lines) if lines.len() == 2),
        "{e:?}"
    );
    assert_eq!(s.recorded_for_import().unwrap().placements.len(), 2);

    // A column chosen that the sheet does not have is named, and so is a field unknown.
    let wrong = SheetImportInput {
        columns: vec![ColumnChoice {
            field: "share:XX".into(),
            column: Some(1),
        }],
        ..input
    };
    assert!(matches!(
        sheets::preview(s, &wrong, today).unwrap_err(),
        Error::Field(_)
    ));
}

/// A dispute of a line of an issued statement (rule 18): raised once, on the register,
/// refused twice and refused with a bad reason (nothing changed), withdrawn once.
fn a_dispute_is_raised_once_and_withdrawn_once(s: &mut impl MoneyStore, statement: &str) {
    let day = |t: &str| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap();
    let today = day("2030-07-10");
    let before = disputes::register(s, today).unwrap();
    let input = DisputeInput {
        statement: statement.into(),
        line: 1,
        scope: "line".into(),
        reason: "rate".into(),
        note: "The fee rose in April".into(),
    };
    let raised = disputes::raise(s, &input, today).unwrap();
    assert_eq!(
        (
            raised.statement.as_str(),
            raised.line,
            raised.scope,
            raised.status
        ),
        (statement, 1, DisputeScope::Line, DisputeStatus::Open)
    );
    assert!(raised.amount.pence() > 0, "it holds the line's amount");
    let after = disputes::register(s, today).unwrap();
    assert_eq!(after.len(), before.len() + 1);
    assert!(
        disputes::raise(s, &input, today).is_err(),
        "the line is disputed already"
    );
    let bad = DisputeInput {
        reason: "because".into(),
        ..input.clone()
    };
    assert_eq!(
        refused_field(disputes::raise(s, &bad, today).unwrap_err()),
        "reason"
    );
    assert_eq!(disputes::register(s, today).unwrap(), after);
    let rows = disputes::list(s, today).unwrap();
    assert!(
        rows.iter()
            .any(|r| r.number == raised.number && r.reason_label == "The rate")
    );

    let withdrawn =
        disputes::withdraw(s, &raised.number, "Agreed after all", day("2030-07-12")).unwrap();
    assert_eq!(withdrawn.status, DisputeStatus::Withdrawn);
    assert_eq!(withdrawn.closing_note, "Agreed after all");
    assert!(disputes::withdraw(s, &raised.number, "", day("2030-07-12")).is_err());
    assert!(disputes::csv(s, today).unwrap().lines().count() > after.len());
}

/// A pooled year's contributions (rule 7): a call and a receipt recorded and counted; a
/// receipt beyond what was called, a call beyond the contribution, a year with no agreement and
/// a partner unknown refused, nothing changed.
fn contributions_are_called_and_paid_in_within_the_agreement(
    s: &mut (impl SettingsStore + MoneyStore),
) {
    use panel_app::pool::{self, ContributionInput};
    let today = chrono::NaiveDate::from_ymd_opt(2030, 7, 10).unwrap();
    let typed = |call: bool, amount: &str| ContributionInput {
        partner: "HE".into(),
        year: "2023/24".into(),
        call,
        on: "10/01/2024".into(),
        amount: amount.into(),
        reference: "INV-1".into(),
    };
    let after = pool::record_typed(s, &typed(true, "50,000"), today).unwrap();
    assert!(
        after
            .recorded
            .as_deref()
            .unwrap()
            .starts_with("Recorded £50,000.00 called from"),
        "{after:?}"
    );
    let after = pool::record_typed(s, &typed(false, "20000"), today).unwrap();
    let he = after.partners.iter().find(|p| p.partner == "HE").unwrap();
    assert_eq!(
        (
            he.agreed.as_str(),
            he.called.as_str(),
            he.paid_in.as_str(),
            he.outstanding.as_str()
        ),
        ("£200,000.00", "£50,000.00", "£20,000.00", "£30,000.00")
    );
    assert_eq!(after.entries.len(), 2);
    let before = pool::screen_for(s, Some("2023/24"), today).unwrap();
    assert!(pool::record_typed(s, &typed(false, "30000.01"), today).is_err());
    assert!(pool::record_typed(s, &typed(true, "150000.01"), today).is_err());
    let unpooled = ContributionInput {
        year: "2029/30".into(),
        ..typed(true, "1")
    };
    assert_eq!(
        refused_field(pool::record_typed(s, &unpooled, today).unwrap_err()),
        "year"
    );
    let nobody = ContributionInput {
        partner: "XX".into(),
        ..typed(true, "1")
    };
    assert!(pool::record_typed(s, &nobody, today).is_err());
    let typo = ContributionInput {
        on: "31/02/2024".into(),
        amount: "lots".into(),
        ..typed(true, "1")
    };
    match pool::record_typed(s, &typo, today).unwrap_err() {
        Error::Field(f) => assert_eq!(f.len(), 2, "both fields at once: {f:?}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(pool::screen_for(s, Some("2023/24"), today).unwrap(), before);
}

/// What a store with an issued statement holds: the statement's number, and the case and
/// placement it states.
pub struct Issued {
    /// The statement's number.
    pub statement: String,
    /// The case's id.
    pub case: i64,
    /// The placement's id.
    pub placement: i64,
}

/// The indicative budget: a year's table set and read back, a case assessed against it (a
/// level unknown refused, nothing recorded), and the budget beside the placement.
fn an_assessment_gives_the_budget_its_table_says(
    s: &mut (impl SettingsStore + CasesStore + panel_core::ports::DecisionsStore),
    issued: &Issued,
) {
    use panel_app::indicative::{self, AllocationTableDto, AssessmentForm};
    use panel_core::ras::{AreaInput, LevelInput};
    let area = |name: &str| AreaInput {
        name: name.into(),
        levels: [("Low", "10"), ("High", "40")]
            .map(|(n, p)| LevelInput {
                name: n.into(),
                points: p.into(),
            })
            .to_vec(),
    };
    let table = AllocationTableDto {
        year: "2030/31".into(),
        per_point: "25.00".into(),
        areas: vec![area("Personal care"), area("Behaviour")],
    };
    indicative::save_table(s, &table).unwrap();
    let read = indicative::tables(s).unwrap();
    assert_eq!((read.len(), read[0].year.as_str()), (1, "2030/31"));
    assert_eq!(read[0].areas, table.areas);
    let bad = AllocationTableDto {
        per_point: "-1".into(),
        ..table.clone()
    };
    assert!(matches!(
        indicative::save_table(s, &bad).unwrap_err(),
        Error::Field(_)
    ));
    assert!(
        indicative::table_for_day(s, "10/07/2030")
            .unwrap()
            .is_some()
    );
    assert!(
        indicative::table_for_day(s, "10/07/2031")
            .unwrap()
            .is_none()
    );

    let today = chrono::NaiveDate::from_ymd_opt(2030, 7, 10).unwrap();
    let form = |levels: [(&str, &str); 2]| AssessmentForm {
        case_id: i32::try_from(issued.case).unwrap(),
        assessed_on: "01/07/2030".into(),
        levels: levels.map(|(a, l)| (a.to_string(), l.to_string())).to_vec(),
    };
    assert!(
        indicative::record_assessment(
            s,
            &form([("Personal care", "High"), ("Behaviour", "Wild")]),
            today
        )
        .is_err()
    );
    assert!(
        indicative::case_assessments(s, issued.case)
            .unwrap()
            .is_empty()
    );
    indicative::record_assessment(
        s,
        &form([("Personal care", "High"), ("Behaviour", "Low")]),
        today,
    )
    .unwrap();
    let listed = indicative::case_assessments(s, issued.case).unwrap();
    assert_eq!((listed.len(), listed[0].points), (1, 50));
    assert_eq!(listed[0].budget, "£1,250.00");
    let beside = indicative::preview(s, issued.placement, "10/07/2030")
        .unwrap()
        .expect("the budget beside the placement");
    assert_eq!(beside.budget, "£1,250.00");
}

/// What a decision would do to the pool: for an approval of the placement, each partner's
/// projected spend for the decision's year and the next and the pool's, before and after;
/// nothing for a decision about no placement; an outcome or a day that is not one refused at
/// its field.
fn a_decision_shows_what_it_does_to_the_pool(
    s: &(impl SettingsStore + panel_core::ports::DecisionsStore),
    issued: &Issued,
) {
    use panel_app::impact::{self, ImpactQuery};
    let query = |outcome: &str, on: &str, placement: Option<i64>| ImpactQuery {
        placement_id: placement.map(|p| i32::try_from(p).unwrap()),
        outcome: outcome.into(),
        decided_on: on.into(),
    };
    let years =
        impact::preview(s, &query("approved", "10/07/2030", Some(issued.placement))).unwrap();
    let names: Vec<&str> = years.iter().map(|y| y.year.as_str()).collect();
    assert_eq!(names, ["2030/31", "2031/32"]);
    let lines: Vec<&str> = years[0].lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(lines, ["Social care", "Education", "Health", "Pool"]);
    assert!(
        impact::preview(s, &query("approved", "10/07/2030", None))
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        refused_field(
            impact::preview(s, &query("maybe", "10/07/2030", Some(issued.placement))).unwrap_err()
        ),
        "outcome"
    );
    assert_eq!(
        refused_field(
            impact::preview(s, &query("approved", "31/02/2030", Some(issued.placement)))
                .unwrap_err()
        ),
        "decided_on"
    );
}

/// What an auditor would ask about: the placement begun with no decision found, in its kind's
/// group with its case; the same list as CSV; a day that is not one refused at its field; an
/// action of a decision that does not exist refused.
fn the_exceptions_name_what_an_auditor_would_ask(
    s: &mut (impl CasesStore + panel_core::ports::DecisionsStore),
) {
    use panel_app::exceptions::{self, ActionDoneInput};
    let screen = exceptions::screen(s, "10/07/2030").unwrap();
    assert_eq!(
        screen.groups.len(),
        panel_core::model::ExceptionKind::ALL.len()
    );
    let rows: Vec<_> = screen.groups.iter().flat_map(|g| &g.rows).collect();
    assert_eq!(rows.len() as u32, screen.count);
    assert!(
        rows.iter()
            .any(|r| r.case.as_deref() == Some("CN-0300 (L.M.)") && r.case_id.is_some()),
        "{rows:?}"
    );
    let day = chrono::NaiveDate::from_ymd_opt(2030, 7, 10).unwrap();
    let csv = exceptions::csv(s, day).unwrap();
    assert_eq!(csv.lines().count(), rows.len() + 1);
    assert_eq!(
        refused_field(exceptions::screen(s, "31/02/2030").unwrap_err()),
        "as_of"
    );
    let nowhere = ActionDoneInput {
        decision: "CNP/99-00/0001".into(),
        action: 1,
        on: "10/07/2030".into(),
        note: String::new(),
    };
    assert!(exceptions::complete_action(s, &nowhere, day).is_err());
}

/// Every story of the contract, for one store: `$fresh` makes a new, empty store (and what
/// must live as long as it); `$with_statement` a store holding a statement issued to a
/// partner with a line to dispute, and its number.
macro_rules! contract {
    ($name:ident, $fresh:expr, $with_statement:expr) => {
        mod $name {
            use super::*;

            #[test]
            fn settings_read_back_as_saved() {
                let (_keep, mut s) = $fresh;
                super::settings_read_back_as_saved(&mut s);
            }

            #[test]
            fn partners_keep_their_names_apart() {
                let (_keep, mut s) = $fresh;
                super::partners_keep_their_names_apart(&mut s);
            }

            #[test]
            fn agreements_are_kept_by_year() {
                let (_keep, mut s) = $fresh;
                super::agreements_are_kept_by_year(&mut s);
            }

            #[test]
            fn a_sheet_imports_once_and_whole() {
                let (_keep, mut s) = $fresh;
                super::a_sheet_imports_once_and_whole(&mut s);
            }

            #[test]
            fn a_dispute_is_raised_once_and_withdrawn_once() {
                let (_keep, mut s, issued) = $with_statement;
                super::a_dispute_is_raised_once_and_withdrawn_once(&mut s, &issued.statement);
            }

            #[test]
            fn contributions_are_called_and_paid_in_within_the_agreement() {
                let (_keep, mut s, _) = $with_statement;
                super::contributions_are_called_and_paid_in_within_the_agreement(&mut s);
            }

            #[test]
            fn an_assessment_gives_the_budget_its_table_says() {
                let (_keep, mut s, issued) = $with_statement;
                super::an_assessment_gives_the_budget_its_table_says(&mut s, &issued);
            }

            #[test]
            fn a_decision_shows_what_it_does_to_the_pool() {
                let (_keep, s, issued) = $with_statement;
                super::a_decision_shows_what_it_does_to_the_pool(&s, &issued);
            }

            #[test]
            fn the_exceptions_name_what_an_auditor_would_ask() {
                let (_keep, mut s, _) = $with_statement;
                super::the_exceptions_name_what_an_auditor_would_ask(&mut s);
            }

            #[test]
            fn finance_settings_read_back_as_saved() {
                let (_keep, mut s) = $fresh;
                super::finance_settings_read_back_as_saved(&mut s);
            }
        }
    };
}

/// A new SQLite file in a folder of its own.
fn sqlite() -> (tempfile::TempDir, panel_store::Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = panel_store::Store::open(&dir.path().join("panel.sqlite3"), "Contract").unwrap();
    (dir, store)
}

/// The example panel, a placement at £700 a week from 01/04/2030 shared 50/30/20, and
/// Health's statement for April 2030 issued on 05/07/2030.
fn sqlite_with_statement() -> (tempfile::TempDir, panel_store::Store, Issued) {
    use panel_core::entry::{CostLineInput, PlacementInput, SplitInput, new_case, placement_input};
    let day = |t: &str| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap();
    let (dir, mut store) = sqlite();
    let example = include_str!("../../../docs/examples/oakfield.json");
    store
        .import(&panel_core::interchange::read_dataset(example).unwrap())
        .unwrap();
    let case = store
        .create_case(&new_case("CN-0300", "L.M.", "", "Autism", day("2030-03-01")).unwrap())
        .unwrap();
    let typed = PlacementInput {
        provider: "Brook Lodge".into(),
        kind: "residential".into(),
        start: "01/04/2030".into(),
        end: String::new(),
        lines: vec![CostLineInput {
            description: "Fee".into(),
            per: "week".into(),
            amount: "700".into(),
            from: "01/04/2030".into(),
            to: String::new(),
        }],
        splits: vec![SplitInput {
            from: "01/04/2030".into(),
            shares: ["50", "30", "20"].map(String::from).to_vec(),
        }],
    };
    let placement = store
        .save_placement(case, None, &placement_input(&typed, 3).unwrap())
        .unwrap();
    let (issued, _) = store
        .issue_statement(
            "HE",
            day("2030-04-01"),
            day("2030-04-30"),
            day("2030-07-05"),
        )
        .unwrap();
    (
        dir,
        store,
        Issued {
            statement: issued.number,
            case,
            placement,
        },
    )
}

contract!(sqlite_store, sqlite(), sqlite_with_statement());
