//! The year-end settlement pack for the partnership board (rules 7, 17, 18): the pool as of 31
//! March — each partner's contribution, split of the spend, variance and risk share — then what
//! its statements charged, what it paid, what is disputed and the balance it owes or is owed,
//! with the statements and open disputes behind those figures.

use chrono::NaiveDate;
use panel_core::Money;
use panel_core::settlement::{Settlement, balance_words};

use crate::PdfError;
use crate::layout::{Align, Block, Column, Frame, typeset};
use crate::parts::long_date;
use crate::render::{Meta, render};

/// Everything the settlement pack shows.
#[derive(Clone, Debug)]
pub struct SettlementPaper {
    /// The authority.
    pub authority: String,
    /// The panel's name.
    pub panel_name: String,
    /// The figures.
    pub settlement: Settlement,
    /// The open disputes on the year's statements: number, partner, statement and line,
    /// case, reason, amount held and age in days.
    pub disputes: Vec<[String; 6]>,
    /// The day it is printed.
    pub printed: NaiveDate,
}

fn blocks(p: &SettlementPaper) -> Vec<Block> {
    let s = &p.settlement;
    let r = &s.spend;
    let lead = s.lead.and_then(|i| s.partners.get(i));
    let mut fields = vec![
        (
            "Financial year".to_string(),
            format!(
                "{} ({} to {})",
                s.year,
                long_date(s.year.start()),
                long_date(s.year.end())
            ),
        ),
        (
            "Spend".into(),
            if s.is_final() {
                format!("{} for the year, as of 31 March", r.projected)
            } else {
                format!(
                    "{} projected for the year: the year is not over, so this pack is provisional",
                    r.projected
                )
            },
        ),
        ("Contributions".into(), r.budget.to_string()),
        (
            "Variance".into(),
            if !r.has_agreement {
                "No pooled budget: each partner bears its own spend.".into()
            } else if s.is_final() {
                match r.variance {
                    v if v > Money::ZERO => {
                        format!("Overspend: {v}, borne by the partners as shown under risk share.")
                    }
                    v if v < Money::ZERO => {
                        format!("Underspend: {}, shared as shown under risk share.", v.abs())
                    }
                    _ => "The spend equals the budget.".into(),
                }
            } else {
                r.verdict()
            },
        ),
        (
            "Payments and disputes".into(),
            format!("as they stood on {}", long_date(s.as_of)),
        ),
    ];
    if let Some(l) = lead {
        fields.push((
            "Providers paid by".into(),
            format!("{} ({})", l.name, l.code),
        ));
    }
    fields.push(("Printed".into(), long_date(p.printed)));
    let sum = |f: &dyn Fn(&panel_core::settlement::PartnerSettlement) -> Money| {
        s.partners.iter().map(f).sum::<Money>().to_string()
    };
    let mut b = vec![
        Block::Title(format!("Year-end settlement {}", s.year)),
        Block::Subtitle(format!("{} · {}", p.authority, p.panel_name)),
        Block::Fields(fields),
        Block::Heading("The pool".into()),
        Block::Text(format!(
            "{} Each partner's due is its contribution and its part of the variance: what the year costs it in the end.",
            r.agreement_note()
        )),
        Block::Table {
            columns: vec![
                Column::new("Partner", 0.22, Align::Left),
                Column::new("Contribution", 0.16, Align::Right),
                Column::new("Its split of the spend", 0.17, Align::Right),
                Column::new("Own variance", 0.14, Align::Right),
                Column::new("Risk share", 0.14, Align::Right),
                Column::new("Due", 0.17, Align::Right),
            ],
            rows: s
                .partners
                .iter()
                .map(|x| {
                    vec![
                        format!("{} ({})", x.name, x.code),
                        x.contribution.to_string(),
                        x.spend.to_string(),
                        x.variance.to_string(),
                        x.risk_share.to_string(),
                        x.due.to_string(),
                    ]
                })
                .collect(),
            total: Some(vec![
                "Total".into(),
                sum(&|x| x.contribution),
                sum(&|x| x.spend),
                sum(&|x| x.variance),
                sum(&|x| x.risk_share),
                sum(&|x| x.due),
            ]),
        },
        Block::Heading("Settling up".into()),
        Block::Text(match lead {
            Some(l) => format!(
                "Stated is what the statements issued charge for the year; paid is what was received against them; paid in is the contribution paid in against the calls. {} paid the providers, so each other partner's balance is what it owes {} (its due less what it paid and paid in), and {}'s is what it is owed by the others.",
                l.name, l.code, l.code
            ),
            None => "Stated is what the statements issued charge for the year; paid is what was received against them; paid in is the contribution paid in against the calls. Each partner's balance is its due less what it paid and paid in: what it owes the pool, or is owed by it.".into(),
        }),
        Block::Table {
            columns: vec![
                Column::new("Partner", 0.08, Align::Left),
                Column::new("Stated", 0.14, Align::Right),
                Column::new("Not yet stated", 0.14, Align::Right),
                Column::new("Paid", 0.13, Align::Right),
                Column::new("Disputed", 0.11, Align::Right),
                Column::new("Paid in", 0.14, Align::Right),
                Column::new("Balance", 0.26, Align::Left),
            ],
            rows: s
                .partners
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    vec![
                        x.code.clone(),
                        x.stated.to_string(),
                        x.unstated.to_string(),
                        x.paid.to_string(),
                        x.disputed.to_string(),
                        x.paid_in.to_string(),
                        format!(
                            "{} {}",
                            x.code,
                            balance_words(
                                x.balance,
                                lead.map(|l| l.code.as_str()),
                                s.lead == Some(i)
                            )
                        ),
                    ]
                })
                .collect(),
            total: Some(vec![
                "Total".into(),
                sum(&|x| x.stated),
                sum(&|x| x.unstated),
                sum(&|x| x.paid),
                sum(&|x| x.disputed),
                sum(&|x| x.paid_in),
                String::new(),
            ]),
        },
    ];
    let unstated: Money = s.partners.iter().map(|x| x.unstated).sum();
    if unstated != Money::ZERO {
        b.push(Block::Text(format!(
            "{unstated} of the year's spend is on no statement yet: the statements still to be issued, or adjustments still to come, will charge it."
        )));
    }
    b.push(Block::Heading("Statements issued for the year".into()));
    if s.statements.is_empty() {
        b.push(Block::Text(
            "No statement has been issued for the year.".into(),
        ));
    } else {
        b.push(Block::Table {
            columns: vec![
                Column::new("Statement", 0.2, Align::Left),
                Column::new("Partner", 0.12, Align::Left),
                Column::new("Period", 0.32, Align::Left),
                Column::new("Stated", 0.18, Align::Right),
                Column::new("Paid", 0.18, Align::Right),
            ],
            rows: s
                .statements
                .iter()
                .map(|x| {
                    vec![
                        x.number.clone(),
                        s.partners
                            .get(x.partner)
                            .map(|p| p.code.clone())
                            .unwrap_or_default(),
                        format!(
                            "{} to {}",
                            x.from.format("%d/%m/%Y"),
                            x.to.format("%d/%m/%Y")
                        ),
                        x.stated.to_string(),
                        x.paid.to_string(),
                    ]
                })
                .collect(),
            total: Some(vec![
                "Total".into(),
                String::new(),
                String::new(),
                s.statements
                    .iter()
                    .map(|x| x.stated)
                    .sum::<Money>()
                    .to_string(),
                s.statements
                    .iter()
                    .map(|x| x.paid)
                    .sum::<Money>()
                    .to_string(),
            ]),
        });
    }
    b.push(Block::Heading("Disputes open".into()));
    if p.disputes.is_empty() {
        b.push(Block::Text(
            "No dispute is open on the year's statements.".into(),
        ));
    } else {
        b.push(Block::Table {
            columns: vec![
                Column::new("Dispute", 0.17, Align::Left),
                Column::new("Statement line", 0.22, Align::Left),
                Column::new("Case", 0.2, Align::Left),
                Column::new("Reason", 0.14, Align::Left),
                Column::new("Held", 0.15, Align::Right),
                Column::new("Age", 0.12, Align::Right),
            ],
            rows: p.disputes.iter().map(|d| d.to_vec()).collect(),
            total: None,
        });
    }
    b
}

/// The PDF of a year's settlement pack.
pub fn settlement_pdf(p: &SettlementPaper) -> Result<Vec<u8>, PdfError> {
    let s = &p.settlement;
    let name = format!("Year-end settlement {}", s.year);
    let pages = typeset(
        &blocks(p),
        &Frame {
            marking: "OFFICIAL-SENSITIVE".into(),
            footer: format!("{name} · as of {}", long_date(s.as_of)),
        },
    )?;
    render(
        &pages,
        &Meta {
            title: name.clone(),
            subject: format!(
                "The pooled budget of the {} settled between the partners",
                p.panel_name
            ),
            author: p.authority.clone(),
            keywords: vec![s.year.to_string(), s.as_of.to_string()],
            date: p.printed,
        },
    )
}
