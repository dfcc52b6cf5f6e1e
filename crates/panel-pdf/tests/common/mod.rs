//! What the PDF tests share: a real store with a case placed and decided on at a meeting,
//! and ways to read a PDF back.
#![allow(clippy::unwrap_used, missing_docs, dead_code)]

use panel_core::Money;
use panel_core::decision::{ActionInput, DecisionInput, decision_input};
use panel_core::entry::CostPreview;
use panel_core::entry::{CostLineInput, PlacementInput, SplitInput, new_case, placement_input};
use panel_core::interchange::read_dataset;
use panel_core::meeting::{NewAgendaItem, meeting_fields, new_attendee};
use panel_core::model::ItemKind;
use panel_core::ras::{AreaInput, LevelInput, table_input};
use panel_core::year::parse_iso_date;
use panel_store::Store;

pub const EXAMPLE: &str = include_str!("../../../../docs/examples/oakfield.json");

pub fn date(s: &str) -> chrono::NaiveDate {
    parse_iso_date(s).unwrap()
}

/// A document-information entry, decoded.
pub fn info(pdf: &[u8], key: &[u8]) -> Option<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let info = doc.trailer.get(b"Info").ok()?;
    let dict = match info {
        lopdf::Object::Reference(r) => doc.get_dictionary(*r).ok()?,
        lopdf::Object::Dictionary(d) => d,
        _ => return None,
    };
    let value = dict.get(key).ok()?;
    lopdf::decode_text_string(value).ok()
}

pub fn text_of(pdf: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(pdf).unwrap()
}

pub fn decision(reasons: String, actions: usize) -> DecisionInput {
    DecisionInput {
        outcome: "approved_with_conditions".into(),
        subject: "Residential school placement for J.K.".into(),
        paragraphs: vec![
            "Approve the placement of J.K. at Ashbrook Lodge School from 01/02/2031.".into(),
            "Fund it 40% social care, 40% education and 20% health.".into(),
        ],
        reasons,
        alternatives: "Day school with short breaks: rejected, risk of breakdown.".into(),
        conditions: vec!["A transition plan is agreed with Ashbrook Lodge before the start".into()],
        actions: (0..actions)
            .map(|k| ActionInput {
                action: format!("Action {:02}: issue the contract part {:02}", k + 1, k + 1),
                owner: "Commissioning".into(),
                due: "30/01/2031".into(),
            })
            .collect(),
        review_date: "16/07/2031".into(),
        reduction: true,
        effective_from: "01/05/2031".into(),
        assents: vec!["agree".into(), "agree".into(), "disagree".into()],
    }
}

/// A case CN-0200 (J.K., born 04/03/2015) placed at Ashbrook Lodge School, decided on at a
/// quorate meeting on 16/01/2031 with an interest declared. Returns the store and the
/// decision's id.
pub fn decided(dir: &tempfile::TempDir, reasons: String, actions: usize) -> (Store, i64) {
    let mut store = Store::open(&dir.path().join("panel.sqlite3"), "tester").unwrap();
    store.import(&read_dataset(EXAMPLE).unwrap()).unwrap();
    let case = store
        .create_case(
            &new_case(
                "CN-0200",
                "J.K.",
                "04/03/2015",
                "Autism",
                date("2031-01-01"),
            )
            .unwrap(),
        )
        .unwrap();
    let line = |description: &str, per: &str, amount: &str| CostLineInput {
        description: description.into(),
        per: per.into(),
        amount: amount.into(),
        from: "01/02/2031".into(),
        to: String::new(),
    };
    let placement = store
        .save_placement(
            case,
            None,
            &placement_input(
                &PlacementInput {
                    provider: "Ashbrook Lodge School".into(),
                    kind: "residential_school".into(),
                    start: "01/02/2031".into(),
                    end: String::new(),
                    lines: vec![
                        line("Residential fee", "week", "5200"),
                        line("Therapy", "year", "18250"),
                    ],
                    splits: vec![SplitInput {
                        from: "01/02/2031".into(),
                        shares: vec!["40".into(), "40".into(), "20".into()],
                    }],
                },
                3,
            )
            .unwrap(),
        )
        .unwrap();
    // The indicative budget: 150 points at £25.00 a point a week.
    let level = |name: &str, points: &str| LevelInput {
        name: name.into(),
        points: points.into(),
    };
    let table = table_input(
        "2030/31",
        "25.00",
        &[
            AreaInput {
                name: "Personal care".into(),
                levels: vec![level("None", "0"), level("High", "120")],
            },
            AreaInput {
                name: "Behaviour".into(),
                levels: vec![level("None", "0"), level("Some", "30")],
            },
        ],
    )
    .unwrap();
    store.save_allocation_table(&table).unwrap();
    store
        .record_assessment(
            case,
            date("2031-01-09"),
            &[
                ("Personal care".into(), "High".into()),
                ("Behaviour".into(), "Some".into()),
            ],
            date("2031-01-16"),
        )
        .unwrap();
    let meeting = store
        .create_meeting(&meeting_fields("16/01/2031", "9:30", "County Hall", "Helen Ward").unwrap())
        .unwrap();
    let mut attendees = Vec::new();
    for (name, agency, partner, attendance) in [
        ("Helen Ward", "Children's Services", Some(0), "present"),
        ("Marcus Bell", "Education (SEND)", Some(1), "present"),
        ("Dr Priya Nair", "Health (ICB)", Some(2), "present"),
        ("Sam Okafor", "Virtual School", None, "apologies"),
    ] {
        attendees.push(
            store
                .add_attendee(
                    meeting,
                    &new_attendee(name, agency, partner, "", attendance).unwrap(),
                )
                .unwrap(),
        );
    }
    let item = store
        .add_agenda_item(
            meeting,
            &NewAgendaItem {
                kind: ItemKind::NewReferral,
                case: Some("CN-0200".into()),
                title: "New referral".into(),
                presenter: "A. Shah".into(),
                minutes: 20,
                ask: "Agree the placement".into(),
                ratifies: None,
            },
        )
        .unwrap();
    store
        .declare_interest(
            item,
            attendees[1],
            "Governor of Ashbrook Lodge School",
            Some("May speak, not vote"),
        )
        .unwrap();
    let id = store
        .save_decision(
            item,
            None,
            Some(placement),
            &decision_input(&decision(reasons, actions), 3).unwrap(),
        )
        .unwrap();
    store.finalise_decision(id).unwrap();
    (store, id)
}

/// Every page framed by the marking at top and bottom and numbered `Page N of M`; returns
/// the number of pages.
pub fn assert_framed(text: &str) -> usize {
    let pages = text.matches("Page ").count();
    assert!(pages >= 1, "{text}");
    for n in 1..=pages {
        assert!(text.contains(&format!("Page {n} of {pages}")), "{text}");
    }
    assert_eq!(
        text.matches("OFFICIAL-SENSITIVE").count(),
        2 * pages,
        "{text}"
    );
    pages
}

/// The core's figures for a placement are all printed, and the partners' amounts shown add
/// up to the year's cost.
pub fn assert_figures(text: &str, p: &CostPreview) {
    for figure in [p.weekly, p.this_year, p.full_year] {
        assert!(
            text.contains(&figure.to_string()),
            "missing {figure} in:\n{text}"
        );
    }
    let mut sum = Money::ZERO;
    for share in &p.this_year_shares {
        assert!(text.contains(&share.to_string()), "missing {share}");
        sum += *share;
    }
    assert_eq!(sum, p.this_year);
}
