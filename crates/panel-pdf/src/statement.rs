//! A partner's statement (rule 17) on paper: for the period, each placement's line with its
//! evidence — the case, the placement, the decisions behind it, the partner's share and the
//! days — and the total; its number once issued, and who pays the providers.

use chrono::NaiveDate;
use panel_core::statement::Statement;

use crate::PdfError;
use crate::layout::{Align, Block, Column, Frame, typeset};
use crate::parts::long_date;
use crate::render::{Meta, render};

/// Everything a statement's paper shows.
#[derive(Clone, Debug)]
pub struct StatementPaper {
    /// The authority.
    pub authority: String,
    /// The panel's name.
    pub panel_name: String,
    /// The statement.
    pub statement: Statement,
    /// Its number and the day it was issued, once issued; a preview has none.
    pub issued: Option<(String, NaiveDate)>,
    /// The day it is printed.
    pub printed: NaiveDate,
    /// The partner that pays the providers and invoices the others, as "Name (CODE)", if the
    /// finance settings name one.
    pub lead_partner: Option<String>,
}

fn blocks(p: &StatementPaper) -> Vec<Block> {
    let s = &p.statement;
    let title = match &p.issued {
        Some((number, _)) => format!("Statement {number}"),
        None => "Statement (preview, not issued)".to_string(),
    };
    let mut fields = vec![
        (
            "Partner".to_string(),
            format!("{} ({})", s.partner_name, s.partner),
        ),
        (
            "Period".into(),
            format!("{} to {}", long_date(s.from), long_date(s.to)),
        ),
    ];
    match &p.issued {
        Some((_, on)) => fields.push(("Issued".into(), long_date(*on))),
        None => fields.push((
            "Status".into(),
            "A preview: not issued, not numbered, and not for payment".into(),
        )),
    }
    if let Some(lead) = &p.lead_partner {
        fields.push(("Providers paid by".into(), lead.clone()));
    }
    fields.push(("Total".into(), s.total.to_string()));
    let mut b = vec![
        Block::Title(title),
        Block::Subtitle(format!("{} · {}", p.authority, p.panel_name)),
        Block::Fields(fields),
        Block::Text(
            "Each line is what the partner's share of a placement's spend grew by over the period: its spend to date at the period's last day less its spend to date the day before the period's first, each day at the rate and split in force that day. Consecutive statements add up exactly to the year's spend to date.".into(),
        ),
    ];
    for part in &s.parts {
        let lines: Vec<_> = s
            .lines
            .iter()
            .filter(|l| l.year == part.year && l.adjusts.is_none())
            .collect();
        if s.parts.len() > 1 {
            b.push(Block::Heading(format!(
                "{}: {} to {}",
                part.year,
                long_date(part.from),
                long_date(part.to)
            )));
        } else {
            b.push(Block::Heading("Lines".into()));
        }
        if lines.is_empty() {
            b.push(Block::Text(
                "No placement cost this partner anything in these days.".into(),
            ));
            continue;
        }
        let subtotal = lines.iter().map(|l| l.amount).sum::<panel_core::Money>();
        b.push(Block::Table {
            columns: vec![
                Column::new("Case", 0.17, Align::Left),
                Column::new("Placement", 0.21, Align::Left),
                Column::new("Decisions", 0.17, Align::Left),
                Column::new("Share", 0.2, Align::Left),
                Column::new("Days", 0.07, Align::Right),
                Column::new("Amount", 0.18, Align::Right),
            ],
            rows: lines
                .iter()
                .map(|l| {
                    vec![
                        format!("{} ({})", l.case_reference, l.initials),
                        l.provider.clone(),
                        if l.decisions.is_empty() {
                            "None of record".into()
                        } else {
                            l.decisions.join(", ")
                        },
                        l.share_text(),
                        l.days.to_string(),
                        l.amount.to_string(),
                    ]
                })
                .collect(),
            total: Some(vec![
                if s.parts.len() > 1 {
                    format!("Total for {}", part.year)
                } else {
                    "Total".into()
                },
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                subtotal.to_string(),
            ]),
        });
    }
    let adjustments: Vec<_> = s.lines.iter().filter(|l| l.adjusts.is_some()).collect();
    if !adjustments.is_empty() {
        b.push(Block::Heading(
            "Adjustments to statements issued before".into(),
        ));
        b.push(Block::Text(
            "A panel decision settled a dispute, or changed a placement's costs or split, for days already stated. Each line is what the partner's share of those days comes to now less what was stated for them.".into(),
        ));
        let subtotal = adjustments
            .iter()
            .map(|l| l.amount)
            .sum::<panel_core::Money>();
        b.push(Block::Table {
            columns: vec![
                Column::new("Adjusts", 0.14, Align::Left),
                Column::new("Case", 0.15, Align::Left),
                Column::new("Placement", 0.17, Align::Left),
                Column::new("Decisions, disputes", 0.2, Align::Left),
                Column::new("Days", 0.18, Align::Right),
                Column::new("Amount", 0.16, Align::Right),
            ],
            rows: adjustments
                .iter()
                .map(|l| {
                    let mut why = l.decisions.clone();
                    why.extend(l.disputes.iter().cloned());
                    vec![
                        l.adjusts.clone().unwrap_or_default(),
                        format!("{} ({})", l.case_reference, l.initials),
                        l.provider.clone(),
                        why.join(", "),
                        format!(
                            "{} ({} to {})",
                            l.days,
                            l.from.format("%d/%m/%y"),
                            l.to.format("%d/%m/%y")
                        ),
                        l.amount.to_string(),
                    ]
                })
                .collect(),
            total: Some(vec![
                "Adjustments".into(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                subtotal.to_string(),
            ]),
        });
    }
    if s.parts.len() > 1 || !adjustments.is_empty() {
        b.push(Block::Fields(vec![("Total".into(), s.total.to_string())]));
    }
    if !s.pool.is_empty() {
        b.push(Block::Heading("The pooled budget".into()));
        b.push(Block::Table {
            columns: vec![
                Column::new("Year", 0.13, Align::Left),
                Column::new("At", 0.15, Align::Left),
                Column::new("Contribution", 0.18, Align::Right),
                Column::new("Called", 0.18, Align::Right),
                Column::new("Paid in", 0.18, Align::Right),
                Column::new("Spend to date", 0.18, Align::Right),
            ],
            rows: s
                .pool
                .iter()
                .map(|x| {
                    vec![
                        x.year.to_string(),
                        x.on.format("%d/%m/%Y").to_string(),
                        x.contribution.to_string(),
                        x.called.to_string(),
                        x.paid_in.to_string(),
                        x.spend.to_string(),
                    ]
                })
                .collect(),
            total: None,
        });
        b.push(Block::Text(format!(
            "The partner's contribution to the pool as the agreement gives it, what of it was called and paid in, and its share of the year's spend to date, each at the last day of the period in that year, {}.",
            if p.issued.is_some() {
                "as they stood when the statement was issued"
            } else {
                "as they stand today"
            }
        )));
    }
    let undecided = s
        .lines
        .iter()
        .filter(|l| l.decisions.is_empty() && l.adjusts.is_none())
        .count();
    if undecided > 0 {
        b.push(Block::Text(format!(
            "{undecided} line{} cite{} no decision of record: the spend is shown as the placement's costs and split stand.",
            if undecided == 1 { "" } else { "s" },
            if undecided == 1 { "s" } else { "" },
        )));
    }
    b
}

/// The PDF of a partner's statement.
pub fn statement_pdf(p: &StatementPaper) -> Result<Vec<u8>, PdfError> {
    let s = &p.statement;
    let name = match &p.issued {
        Some((number, _)) => format!("Statement {number}"),
        None => format!("Statement preview for {}", s.partner),
    };
    let pages = typeset(
        &blocks(p),
        &Frame {
            marking: "OFFICIAL-SENSITIVE".into(),
            footer: format!("{name} · {} to {}", long_date(s.from), long_date(s.to)),
        },
    )?;
    render(
        &pages,
        &Meta {
            title: format!("{name}, {} to {}", long_date(s.from), long_date(s.to)),
            subject: format!(
                "{}'s share of the spend of the {}",
                s.partner_name, p.panel_name
            ),
            author: p.authority.clone(),
            keywords: vec![s.partner.clone(), s.from.to_string(), s.to.to_string()],
            date: p.printed,
        },
    )
}
