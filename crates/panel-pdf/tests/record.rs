//! Records of decision made from a real SQLite file, read back by extracting their text.
#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use common::{assert_figures, assert_framed, date, decided, info, text_of};
use panel_core::entry::cost_preview;
use panel_pdf::layout::{Block, Frame, text_width, typeset};
use panel_pdf::{Redaction, pdf_text, record_pdf};

#[test]
fn a_record_shows_every_element_and_its_figures_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = decided(&dir, "Needs cannot be met in a local day school.".into(), 2);
    let record = panel_app::documents::record(&store, id).unwrap();
    let pdf = record_pdf(&record, Redaction::Full).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = text_of(&pdf);
    assert!(assert_framed(&text) >= 2, "{text}");
    for expected in [
        "Local authority · Complex Needs Panel",
        "Record of decision CNP/30-31/0001",
        "16 January 2031",
        "chaired by Helen Ward",
        "CN-0200 (J.K.)",
        "Residential school placement for J.K.",
        "Approved with conditions",
        "a)",
        "Approve the placement of J.K. at Ashbrook Lodge School from 01/02/2031.",
        "b)",
        "Fund it 40% social care, 40% education and 20% health.",
        "A transition plan is agreed with Ashbrook Lodge before the start",
        "Needs cannot be met in a local day school.",
        "Day school with short breaks: rejected, risk of breakdown.",
        "Ashbrook Lodge School",
        "Residential special school",
        "1 February 2031",
        "Open-ended",
        "Residential fee",
        "£5,200.00",
        "Therapy",
        "£18,250.00",
        "16 July 2031",
        "3 months before a reduction takes effect",
        "1 May 2031",
        "Action 01: issue the contract part 01",
        "Commissioning",
        "30/01/2031",
        "Marcus Bell",
        "Education (SEND)",
        "Sam Okafor",
        "Apologies",
        "The meeting was quorate",
        "Governor of Ashbrook Lodge School",
        "May speak, not vote",
        "Agrees",
        "Disagrees",
        "Chair",
        "Date",
        "Financial impact",
        "Before",
        "After",
        "Change",
        "In 2030/31 the decision adds £",
        "In 2031/32 the decision adds £",
        "Indicative budget",
        "9 January 2031 (2030/31 resource allocation table)",
        "150 at £25.00 a point a week",
        "£3,750.00 a week",
        "£5,550.00 a week",
        "£1,800.00 a week above the indicative budget",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // The figures are the core's, and the split's amounts add up to the total shown.
    let (_, entry) = store
        .placement(store.decision(id).unwrap().placement_id.unwrap())
        .unwrap();
    let p = cost_preview(&entry.record.placement, date("2031-01-16"), 3);
    assert_eq!(p.weekly.to_string(), "£5,550.00");
    assert_figures(&text, &p);
    for pct in ["40.00%", "20.00%", "100.00%"] {
        assert!(text.contains(pct), "missing {pct}");
    }
    // The metadata names the record.
    assert_eq!(
        info(&pdf, b"Title").as_deref(),
        Some("Record of decision CNP/30-31/0001")
    );
    assert!(info(&pdf, b"Keywords").unwrap().contains("CNP/30-31/0001"));
}

#[test]
fn the_published_record_identifies_no_one() {
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = decided(
        &dir,
        "J.K. (CN-0200, born 04/03/2015) needs Ashbrook Lodge School.".into(),
        2,
    );
    let record = panel_app::documents::record(&store, id).unwrap();
    let pdf = record_pdf(&record, Redaction::Published).unwrap();
    let text = text_of(&pdf);
    let raw = String::from_utf8_lossy(&pdf).to_lowercase();
    for secret in [
        "CN-0200",
        "J.K.",
        "Ashbrook Lodge",
        "04/03/2015",
        "2015-03-04",
        "4 March 2015",
    ] {
        assert!(
            !text.to_lowercase().contains(&secret.to_lowercase()),
            "{secret} in:\n{text}"
        );
        assert!(
            !raw.contains(&secret.to_lowercase()),
            "{secret} in the file"
        );
    }
    assert!(text.contains("[withheld]"), "{text}");
    for key in [&b"Title"[..], b"Subject", b"Keywords", b"Author"] {
        let value = info(&pdf, key).unwrap_or_default();
        for secret in ["CN-0200", "J.K.", "Ashbrook Lodge"] {
            assert!(!value.contains(secret), "{secret} in the metadata");
        }
    }
    assert!(text.contains("Record of decision CNP/30-31/0001"));
    assert!(text.contains("Schedule 12A"));
    // The figures stay: the public record shows what the panel committed.
    assert!(text.contains("£5,550.00"), "{text}");
    assert!(!text.contains("OFFICIAL-SENSITIVE"));
}

#[test]
fn five_thousand_words_and_forty_actions_flow_over_pages_with_every_word_once() {
    let dir = tempfile::tempdir().unwrap();
    let words: Vec<String> = (1..=5000).map(|k| format!("w{k:04}")).collect();
    let (store, id) = decided(&dir, words.join(" "), 40);
    let record = panel_app::documents::record(&store, id).unwrap();
    let pdf = record_pdf(&record, Redaction::Full).unwrap();
    let text = text_of(&pdf);
    let tokens: std::collections::HashMap<&str, usize> =
        text.split_whitespace()
            .fold(Default::default(), |mut m, w| {
                *m.entry(w).or_default() += 1;
                m
            });
    for w in &words {
        assert_eq!(tokens.get(w.as_str()), Some(&1), "{w}");
    }
    for k in 1..=40 {
        assert_eq!(
            text.matches(&format!("Action {k:02}: issue the contract part {k:02}"))
                .count(),
            1,
            "action {k}"
        );
    }
    let pages = text.matches("OFFICIAL-SENSITIVE").count() / 2;
    assert!(pages >= 6, "{pages} pages");
    assert!(text.contains(&format!("Page {pages} of {pages}")));
}

#[test]
fn nothing_laid_out_overlaps_or_leaves_the_page() {
    let long: String = (0..3000).map(|k| format!("word{k} ")).collect();
    let blocks = vec![
        Block::Title("A title long enough to need wrapping across the width of the page, twice over at least".into()),
        Block::Heading("Heading".into()),
        Block::Text(long.clone()),
        Block::Lettered(vec![long.clone(), "short".into()]),
        Block::Table {
            columns: vec![
                panel_pdf::layout::Column::new("A", 0.5, panel_pdf::layout::Align::Left),
                panel_pdf::layout::Column::new("B", 0.5, panel_pdf::layout::Align::Right),
            ],
            rows: (0..120).map(|k| vec![format!("row {k} {}", "x ".repeat(k % 30)), format!("£{k}.00")]).collect(),
            total: Some(vec!["Total".into(), "£7,140.00".into()]),
        },
        Block::Text("Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword".into()),
    ];
    let pages = typeset(
        &blocks,
        &Frame {
            marking: "OFFICIAL-SENSITIVE".into(),
            footer: "x".into(),
        },
    )
    .unwrap();
    assert!(pages.len() > 5);
    for (n, page) in pages.iter().enumerate() {
        let boxes: Vec<(f32, f32, f32, f32)> = page
            .spans
            .iter()
            .map(|s| {
                let w = text_width(s.weight, &s.text, s.size).unwrap();
                assert!(
                    s.x >= 0.0 && s.x + w <= 595.28 - 56.0,
                    "page {n}: {s:?} leaves the page"
                );
                assert!(s.y > 20.0 && s.y < 841.89 - 20.0, "page {n}: {s:?}");
                (s.x, s.y - 0.2 * s.size, s.x + w, s.y + 0.75 * s.size)
            })
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let overlap =
                    a.0 < b.2 - 0.01 && b.0 < a.2 - 0.01 && a.1 < b.3 - 0.01 && b.1 < a.3 - 0.01;
                assert!(!overlap, "page {n}: {a:?} overlaps {b:?}");
            }
        }
    }
}

#[test]
fn a_reprinted_record_never_changes_when_the_placement_does() {
    use panel_core::entry::{CostLineInput, PlacementInput, SplitInput, placement_input};
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = decided(&dir, "Needs cannot be met locally.".into(), 1);
    let before = text_of(
        &record_pdf(
            &panel_app::documents::record(&store, id).unwrap(),
            Redaction::Full,
        )
        .unwrap(),
    );
    assert!(before.contains("£5,200.00"), "{before}");

    // The provider is renamed and the fee rises from March: the placement changes.
    let case = store.case_id("CN-0200").unwrap();
    let placement = store.decision(id).unwrap().placement_id.unwrap();
    let line = |description: &str, per: &str, amount: &str, from: &str, to: &str| CostLineInput {
        description: description.into(),
        per: per.into(),
        amount: amount.into(),
        from: from.into(),
        to: to.into(),
    };
    store
        .save_placement(
            case,
            Some(placement),
            &placement_input(
                &PlacementInput {
                    provider: "Ashbrook Lodge College".into(),
                    kind: "residential_school".into(),
                    start: "01/02/2031".into(),
                    end: String::new(),
                    lines: vec![
                        line(
                            "Residential fee",
                            "week",
                            "5200",
                            "01/02/2031",
                            "28/02/2031",
                        ),
                        line("Residential fee", "week", "7777", "01/03/2031", ""),
                        line("Therapy", "year", "18250", "01/02/2031", ""),
                    ],
                    splits: vec![SplitInput {
                        from: "01/02/2031".into(),
                        shares: vec!["50".into(), "50".into(), "0".into()],
                    }],
                },
                3,
            )
            .unwrap(),
        )
        .unwrap();
    let (_, now) = store.placement(placement).unwrap();
    assert_eq!(now.record.provider, "Ashbrook Lodge College");

    // The record says word for word what it said, with the figures decided on. (The files'
    // bytes differ only in the identifiers the PDF writer draws at random.)
    let again = record_pdf(
        &panel_app::documents::record(&store, id).unwrap(),
        Redaction::Full,
    )
    .unwrap();
    let text = text_of(&again);
    assert_eq!(text, before);
    assert!(!text.contains("Ashbrook Lodge College"), "{text}");
    assert!(!text.contains("£7,777.00"), "{text}");
    assert!(text.contains("40.00%"), "{text}");

    // It survives export and import into another database.
    let other = tempfile::tempdir().unwrap();
    let mut copy = panel_store::Store::open(&other.path().join("copy.sqlite3"), "t").unwrap();
    // As of a day after every record of 2031 (the decision, its assessment) was made.
    copy.import_as_of(&store.export().unwrap(), date("2031-02-01"))
        .unwrap();
    let copied = copy.decision_by_number("CNP/30-31/0001").unwrap();
    let moved = record_pdf(
        &panel_app::documents::record(&copy, copied).unwrap(),
        Redaction::Full,
    )
    .unwrap();
    assert_eq!(text_of(&moved), before);
}

/// Whether `text`, with its spaces and line breaks run together and in lower case, holds
/// `secret` written the same way, as a whole word.
fn shows(text: &str, secret: &str) -> bool {
    let norm = |s: &str| {
        s.to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (text, secret) = (norm(text), norm(secret));
    text.match_indices(&secret).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + secret.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn the_published_record_withholds_every_written_form_and_cuts_no_word() {
    let dir = tempfile::tempdir().unwrap();
    // The database also holds CN-0001 (A.B.), placed at Oakfield House.
    let reasons =
        "Ashbrook alone was considered. Ashbrook  Lodge with two spaces, and Ashbrook\nLodge \
        across a line. J. K. and JK and j.k. and J K said so; CN-0001 (A.B.) and A. B. were \
        compared. Born 4th March 2015, or 04.03.2015, or 4 Mar 2015, or 04/03/15, or March 4, \
        2015, or 2015-03-04. About the table: a capable, able abbey."
            .to_string();
    let (store, id) = decided(&dir, reasons, 1);
    let record = panel_app::documents::record(&store, id).unwrap();
    let text = text_of(&record_pdf(&record, Redaction::Published).unwrap());
    for secret in [
        "Ashbrook",
        "Ashbrook Lodge",
        "J. K.",
        "J K",
        "j.k",
        "CN-0001",
        "A.B",
        "A. B",
        "4th March 2015",
        "04.03.2015",
        "4 Mar 2015",
        "04/03/15",
        "March 4, 2015",
        "2015-03-04",
        "CN-0200",
    ] {
        assert!(!shows(&text, secret), "{secret:?} in:\n{text}");
    }
    // Ordinary words holding the letters of initials are left whole.
    for word in ["About", "table", "capable", "able", "abbey"] {
        assert!(shows(&text, word), "{word} lost from:\n{text}");
    }
    assert!(!text.contains("[withheld]ut"), "{text}");
}

#[test]
fn a_published_record_that_would_still_identify_is_not_produced() {
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = decided(&dir, "Needs cannot be met locally.".into(), 1);
    // A partner's name is printed as it is, and here it carries the provider's name.
    store
        .connection()
        .execute(
            "UPDATE partners SET name = 'Ashbrook Valley ICB' WHERE code = 'HE'",
            [],
        )
        .unwrap();
    let record = panel_app::documents::record(&store, id).unwrap();
    let err = record_pdf(&record, Redaction::Published).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("The record for publication was not produced")
            && message.contains("would still show the provider's name (\"Ashbrook\")"),
        "{message}"
    );
    // The full record, for the case file, is still printed.
    assert!(record_pdf(&record, Redaction::Full).is_ok());
}

/// A generator of numbers below `n` from a fixed seed, so that a failure is found again.
fn fixed_seed(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % n
    }
}

#[test]
fn identifiers_written_into_random_texts_in_random_forms_never_reach_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = decided(&dir, "Needs cannot be met locally.".into(), 1);
    let base = panel_app::documents::record(&store, id).unwrap();
    let forms = [
        "CN-0200",
        "cn-0200",
        "CN0200",
        "CN 0200",
        "J.K.",
        "J. K.",
        "JK",
        "j.k.",
        "J K",
        "J.\nK.",
        "Ashbrook",
        "ASHBROOK",
        "Ashbrook Lodge",
        "Ashbrook\nLodge School",
        "CN-0001",
        "A.B.",
        "A. B.",
        "AB",
        "04/03/2015",
        "4/3/2015",
        "04.03.15",
        "4-3-2015",
        "4th March 2015",
        "4 march 2015",
        "4 Mar 2015",
        "March 4, 2015",
        "2015-03-04",
        "4th of March 2015",
        // Other separators, invisible characters, look-alikes and compatibility forms.
        "CN_0200",
        "CN\u{2013}0200",
        "CN\u{2011}0200",
        "\u{421}N-0200",
        "ＣＮ－０２００",
        "J_K",
        "J\u{2013}K",
        "J\u{A0}K",
        "Ash-brook",
        "Ash brook",
        "ASH_BROOK",
        "Ash\u{2011}brook",
        "Ash\u{AD}brook",
        "Ash\u{200B}brook",
        "Ashbrooks",
        "Ashbrook's",
        "Ａｓｈｂｒｏｏｋ",
        "Ashbrook\u{A0}Lodge",
        // The date of birth compact, in US order and with a two-digit year.
        "20150304",
        "04032015",
        "03/04/2015",
        "4 March '15",
        "4 March \u{2019}15",
    ];
    let filler = [
        "the",
        "panel",
        "agreed",
        "about",
        "table",
        "placement",
        "review",
        "cost",
        "abject",
        "jake",
        "ashbrookfield",
        "jkl",
        "march",
        "2015",
        "cab",
        "04",
        "ab-initio",
    ];
    let mut next = fixed_seed(0x5eed_2026);
    for round in 0..30 {
        let mut words = Vec::new();
        let mut planted = Vec::new();
        for _ in 0..40 {
            if next(5) == 0 {
                let f = forms[next(forms.len())];
                planted.push(f);
                words.push(f.to_string());
            } else {
                words.push(filler[next(filler.len())].to_string());
            }
            words.push([" ", " ", "\n", ", ", "; "][next(5)].to_string());
        }
        let mut record = base.clone();
        record.content.reasons = words.concat();
        record.content.alternatives = words.concat().to_uppercase();
        let text = text_of(&record_pdf(&record, Redaction::Published).unwrap());
        for f in &planted {
            // Initials run together count in capitals only ("ab" of "ab-initio" is a word).
            let capitals = f.len() <= 4 && f.chars().all(|c| c.is_ascii_uppercase());
            let found = if capitals {
                text.split(|c: char| !c.is_alphanumeric()).any(|w| w == *f)
            } else {
                shows(&text, f)
            };
            assert!(!found, "round {round}: {f:?} reached the PDF:\n{text}");
        }
        for word in ["ashbrookfield", "abject", "jake"] {
            if words.iter().any(|w| w == word) {
                assert!(shows(&text, word), "round {round}: {word} was cut");
            }
        }
    }
}

#[test]
fn random_ordinary_english_sentences_come_out_whole() {
    // The providers' ordinary words ("Lodge", "School", "Oak", "Field", "Brook", "New") are
    // withheld only where they stand in a name: sentences of ordinary words are printed as
    // written, capitals and all.
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = decided(&dir, "Needs cannot be met locally.".into(), 1);
    let case = store.case_id("CN-0200").unwrap();
    for provider in [
        "Oak-field Lodge",
        "New Horizons",
        "St. Mary's",
        "Brook Farm",
    ] {
        let mut input = store.case(case).unwrap().placements[0].record.clone();
        input.provider = provider.into();
        store.save_placement(case, None, &input).unwrap();
    }
    let base = panel_app::documents::record(&store, id).unwrap();
    assert_eq!(base.providers.len(), 5, "{:?}", base.providers);
    let words: Vec<&str> = include_str!("../../../assets/words/ordinary-english.txt")
        .lines()
        .collect();
    let mut next = fixed_seed(0x0dd1_2026);
    let every_time = [
        "an oak tree and a playing field",
        "a new placement",
        "Mary",
        "the brook by the farm",
        "a new horizon of hope",
        "a lodge school",
    ];
    for round in 0..20 {
        let mut sentence: Vec<String> = (0..60)
            .map(|_| {
                let w = words[next(words.len())];
                if next(6) == 0 {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                } else {
                    w.to_string()
                }
            })
            .collect();
        sentence.insert(
            next(sentence.len()),
            every_time[round % every_time.len()].into(),
        );
        let sentence = format!("{}.", sentence.join(" "));
        let mut record = base.clone();
        record.content.reasons = sentence.clone();
        let text = pdf_text(&record_pdf(&record, Redaction::Published).unwrap()).unwrap();
        assert!(
            text.contains(&sentence),
            "round {round}: the sentence was not printed whole:\n{sentence}\n\nin:\n{text}"
        );
    }
}

#[test]
fn the_split_table_has_a_row_group_for_each_split_in_force_in_the_year() {
    use panel_core::{CostLine, Money, Per, Percent, Placement, SplitPeriod};
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = decided(&dir, "Needs cannot be met locally.".into(), 1);
    let mut record = panel_app::documents::record(&store, id).unwrap();
    // Health pays nothing at first and 30% from 01/03/2031, inside the year 2030/31.
    let pct = |v: [&str; 3]| v.map(|s| Percent::parse(s).unwrap()).to_vec();
    let placement = Placement {
        start: date("2031-02-01"),
        end: None,
        cost_lines: vec![CostLine {
            description: "Residential fee".into(),
            per: Per::Week,
            amount: Money::from_pounds(7_000),
            from: date("2031-02-01"),
            to: None,
        }],
        splits: vec![
            SplitPeriod {
                from: date("2031-02-01"),
                shares: pct(["50", "50", "0"]),
            },
            SplitPeriod {
                from: date("2031-03-01"),
                shares: pct(["35", "35", "30"]),
            },
        ],
    };
    let f = record.finance.as_mut().unwrap();
    f.preview = cost_preview(&placement, date("2031-01-16"), 3);
    f.lines = placement.cost_lines.clone();
    let p = f.preview.clone();
    assert_eq!(p.by_split.len(), 2);
    let text = text_of(&record_pdf(&record, Redaction::Full).unwrap());
    // 28 days at £1,000.00 a day, then 31 days.
    for expected in [
        "Split in force 01/02/2031 to 28/02/2031",
        "Split in force 01/03/2031 to 31/03/2031",
        "£28,000.00",
        "£31,000.00",
        "£9,300.00",
        "£59,000.00",
        "The year, by partner",
        "0.00%, 30.00% from 01/03/2031",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // Within each group the amounts add up to the group, and the groups to the year.
    let mut year = Money::ZERO;
    for g in &p.by_split {
        assert_eq!(g.amounts.iter().copied().sum::<Money>(), g.cost);
        year += g.cost;
    }
    assert_eq!(year, p.this_year);
    assert_eq!(p.by_split[1].amounts[2], Money::from_pounds(9_300));
    assert_eq!(p.this_year_shares[2], Money::from_pounds(9_300));
}
