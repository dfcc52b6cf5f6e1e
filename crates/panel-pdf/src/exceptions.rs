//! The exceptions an auditor would ask about (rule 20) on paper, to clear before a meeting:
//! grouped by kind, each with its case (reference and initials) and what is wrong.

use chrono::NaiveDate;

use crate::PdfError;
use crate::layout::{Align, Block, Column, Frame, typeset};
use crate::parts::long_date;
use crate::render::{Meta, render};

/// Everything the exceptions paper shows.
#[derive(Clone, Debug)]
pub struct ExceptionsPaper {
    /// The authority.
    pub authority: String,
    /// The panel's name.
    pub panel_name: String,
    /// The day the exceptions are as of.
    pub as_of: NaiveDate,
    /// The day it is printed.
    pub printed: NaiveDate,
    /// By kind, in order: the kind in words, and for each exception the case (reference and
    /// initials, or blank) and what is wrong.
    pub groups: Vec<(String, Vec<[String; 2]>)>,
}

fn blocks(p: &ExceptionsPaper) -> Vec<Block> {
    let count: usize = p.groups.iter().map(|(_, rows)| rows.len()).sum();
    let mut b = vec![
        Block::Title("Exceptions".into()),
        Block::Subtitle(format!("{} · {}", p.authority, p.panel_name)),
        Block::Fields(vec![
            ("As of".into(), long_date(p.as_of)),
            (
                "Found".into(),
                match count {
                    0 => "Nothing: no exception of any kind".into(),
                    1 => "1 exception".into(),
                    n => format!("{n} exceptions"),
                },
            ),
            ("Printed".into(), long_date(p.printed)),
        ]),
        Block::Text(
            "What an auditor would ask about: spend with no decision approving it, a rate above what was approved, reviews overdue, placements ending within eight weeks with nothing on an agenda, spend in a year with no pooled budget agreement, a funding partner's assent not recorded, actions past their due date, chairs' actions not ratified at the next meeting, and placements running past a child's 18th birthday.".into(),
        ),
    ];
    for (kind, rows) in &p.groups {
        if rows.is_empty() {
            continue;
        }
        b.push(Block::Heading(format!("{kind} ({})", rows.len())));
        b.push(Block::Table {
            columns: vec![
                Column::new("Case", 0.2, Align::Left),
                Column::new("What is wrong", 0.8, Align::Left),
            ],
            rows: rows.iter().map(|r| r.to_vec()).collect(),
            total: None,
        });
    }
    b
}

/// The PDF of the exceptions as of a day.
pub fn exceptions_pdf(p: &ExceptionsPaper) -> Result<Vec<u8>, PdfError> {
    let pages = typeset(
        &blocks(p),
        &Frame {
            marking: "OFFICIAL-SENSITIVE".into(),
            footer: format!("Exceptions as of {}", long_date(p.as_of)),
        },
    )?;
    render(
        &pages,
        &Meta {
            title: format!("Exceptions as of {}", long_date(p.as_of)),
            subject: format!("What an auditor would ask about, {}", p.panel_name),
            author: p.authority.clone(),
            keywords: vec!["exceptions".into(), p.as_of.to_string()],
            date: p.printed,
        },
    )
}
