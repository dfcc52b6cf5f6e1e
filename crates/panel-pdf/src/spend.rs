//! The printable spend report: where the pooled budget stands for a year as of a date, by
//! partner, month by month, year by year, and placement by placement — the figures of the
//! spend screen and of `panel spend`.

use chrono::NaiveDate;
use panel_core::Partner;
use panel_core::analysis::{SpendScreen, month_label};

use crate::PdfError;
use crate::layout::{Align, Block, Column, Frame, typeset};
use crate::parts::long_date;
use crate::render::{Meta, render};

/// Everything the spend report shows.
#[derive(Clone, Debug)]
pub struct SpendPaper {
    /// The authority.
    pub authority: String,
    /// The panel's name.
    pub panel_name: String,
    /// Partners, in partner order.
    pub partners: Vec<Partner>,
    /// The figures, every placement listed.
    pub screen: SpendScreen,
    /// The day the report is printed.
    pub printed: NaiveDate,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn blocks(p: &SpendPaper) -> Vec<Block> {
    let s = &p.screen;
    let r = &s.report;
    let mut b = vec![
        Block::Title(format!("Pooled budget {}: spend report", r.year)),
        Block::Subtitle(format!(
            "{} · {} · spend to date as of {}",
            p.authority,
            p.panel_name,
            long_date(r.as_of)
        )),
        Block::Fields(vec![
            (
                "Financial year".into(),
                format!(
                    "{} ({} to {})",
                    r.year,
                    long_date(r.year.start()),
                    long_date(r.year.end())
                ),
            ),
            ("Spend to date".into(), format!("to {}", long_date(r.as_of))),
            (
                "In force".into(),
                format!(
                    "{} with {} on {}",
                    plural(
                        s.activity.children,
                        "child or young person",
                        "children and young people"
                    ),
                    plural(s.activity.placements, "placement", "placements"),
                    long_date(s.activity.on)
                ),
            ),
            (
                "Average weekly cost".into(),
                format!(
                    "{} a placement ({} a week in all)",
                    s.activity.weekly_average, s.activity.weekly_total
                ),
            ),
            ("Printed".into(), long_date(p.printed)),
        ]),
        Block::Heading("Where each partner stands".into()),
        Block::Text(r.agreement_note()),
    ];
    let names = |code: &str| {
        p.partners
            .iter()
            .find(|x| x.code == code)
            .map_or(code.to_string(), |x| x.name.clone())
    };
    b.push(Block::Table {
        columns: vec![
            Column::new("Partner", 0.22, Align::Left),
            Column::new("Contribution", 0.16, Align::Right),
            Column::new("Spend to date", 0.16, Align::Right),
            Column::new("Projected spend", 0.16, Align::Right),
            Column::new("Variance", 0.15, Align::Right),
            Column::new("Risk share", 0.15, Align::Right),
        ],
        rows: r
            .partners
            .iter()
            .map(|x| {
                vec![
                    names(&x.code),
                    x.contribution.to_string(),
                    x.to_date.to_string(),
                    x.projected.to_string(),
                    x.variance.to_string(),
                    x.risk_share.to_string(),
                ]
            })
            .collect(),
        total: Some(vec![
            "Pooled budget".into(),
            r.budget.to_string(),
            r.to_date.to_string(),
            r.projected.to_string(),
            r.variance.to_string(),
            r.variance.to_string(),
        ]),
    });
    b.push(Block::Text(format!(
        "{} Variance is each partner's projected spend less its contribution; risk share is what it bears of the pool's variance under the agreement.",
        r.verdict()
    )));

    b.push(Block::Heading("Month by month".into()));
    b.push(Block::Text(format!(
        "Cumulative spend at each month end against the budget of {}: actual to {}, projected after it (placements as recorded, open-ended ones to the year end).",
        r.budget,
        long_date(r.as_of)
    )));
    b.push(Block::Table {
        columns: vec![
            Column::new("Month", 0.2, Align::Left),
            Column::new("", 0.16, Align::Left),
            Column::new("In the month", 0.2, Align::Right),
            Column::new("Cumulative", 0.22, Align::Right),
            Column::new("Budget left", 0.22, Align::Right),
        ],
        rows: s
            .months
            .iter()
            .map(|m| {
                vec![
                    month_label(m.month),
                    if m.actual { "actual" } else { "projected" }.into(),
                    m.in_month.to_string(),
                    m.cumulative.to_string(),
                    (r.budget - m.cumulative).to_string(),
                ]
            })
            .collect(),
        total: None,
    });

    b.push(Block::Heading("Years side by side".into()));
    b.push(Block::Table {
        columns: vec![
            Column::new("Year", 0.1, Align::Left),
            Column::new("Budget", 0.17, Align::Right),
            Column::new("Outturn", 0.17, Align::Right),
            Column::new("", 0.11, Align::Left),
            Column::new("Variance", 0.16, Align::Right),
            Column::new("Placements", 0.13, Align::Right),
            Column::new("A week", 0.16, Align::Right),
        ],
        rows: s
            .years
            .iter()
            .map(|y| {
                vec![
                    y.year.to_string(),
                    if y.has_agreement {
                        y.budget.to_string()
                    } else {
                        "no agreement".into()
                    },
                    y.projected.to_string(),
                    if y.closed { "" } else { "projected" }.into(),
                    y.variance.to_string(),
                    y.placements.to_string(),
                    y.weekly_average.to_string(),
                ]
            })
            .collect(),
        total: None,
    });
    b.push(Block::Text(
        "A week: the average weekly cost of a placement — the cost of the recurring cost lines over the year divided by the weeks placements were in force.".into(),
    ));

    b.push(Block::Heading(format!(
        "Placements in {} ({})",
        r.year,
        s.placements.len()
    )));
    if s.placements.is_empty() {
        b.push(Block::Text("None.".into()));
    } else {
        b.push(Block::Table {
            columns: vec![
                Column::new("Case", 0.17, Align::Left),
                Column::new("Provider and type", 0.35, Align::Left),
                Column::new("A week now", 0.15, Align::Right),
                Column::new("To date", 0.16, Align::Right),
                Column::new("Projected", 0.17, Align::Right),
            ],
            rows: s
                .placements
                .iter()
                .map(|l| {
                    vec![
                        format!("{} ({})", l.case_reference, l.initials),
                        format!("{}, {}", l.provider, l.kind.label().to_lowercase()),
                        if l.active {
                            l.weekly.to_string()
                        } else {
                            "—".into()
                        },
                        l.spend.to_date.to_string(),
                        l.spend.projected.to_string(),
                    ]
                })
                .collect(),
            total: Some(vec![
                "Total".into(),
                String::new(),
                s.activity.weekly_total.to_string(),
                s.selection.spend.to_date.to_string(),
                s.selection.spend.projected.to_string(),
            ]),
        });
    }
    b
}

/// The spend report as PDF.
pub fn spend_pdf(paper: &SpendPaper) -> Result<Vec<u8>, PdfError> {
    let r = &paper.screen.report;
    let pages = typeset(
        &blocks(paper),
        &Frame {
            marking: "OFFICIAL-SENSITIVE".into(),
            footer: format!("Spend report {} · as of {}", r.year, long_date(r.as_of)),
        },
    )?;
    render(
        &pages,
        &Meta {
            title: format!(
                "Pooled budget {}: spend report as of {}",
                r.year,
                long_date(r.as_of)
            ),
            subject: format!(
                "Spend against the pooled budget of the {}",
                paper.panel_name
            ),
            author: paper.authority.clone(),
            keywords: vec![r.year.to_string(), r.as_of.to_string()],
            date: paper.printed,
        },
    )
}
