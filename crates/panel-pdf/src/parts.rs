//! What the record of decision, the minutes and the agenda pack have in common: dates and
//! percentages as printed, the withholding of identifying values, a placement's costs, and
//! the attendance, interests, actions and split sections.

use chrono::NaiveDate;
use panel_core::cost::CostLine;
use panel_core::entry::{CostPreview, cost_preview};
use panel_core::model::InterestEntry;
use panel_core::model::{Action, Attendance, Attendee};

use crate::layout::{Align, Block, Column};

/// `25 January 2031`.
pub fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// `25/01/2031`.
pub fn short_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// `33.34%`.
pub(crate) use panel_core::split::format_percent_table as percent;

pub(crate) use crate::redact::WITHHELD;

/// A placement and its costs as of a day.
#[derive(Clone, Debug)]
pub struct Finance {
    /// Provider.
    pub provider: String,
    /// Placement type, as words.
    pub kind: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day, if ending.
    pub end: Option<NaiveDate>,
    /// Cost lines with their rate history.
    pub lines: Vec<CostLine>,
    /// Weekly equivalent, this year's and a full year's cost, and the split.
    pub preview: CostPreview,
}

impl Finance {
    /// A placement record costed as of `day`.
    pub fn of(r: &panel_core::model::PlacementRecord, day: NaiveDate, partners: usize) -> Finance {
        Finance {
            provider: r.provider.clone(),
            kind: r.kind.label().to_string(),
            start: r.placement.start,
            end: r.placement.end,
            lines: r.placement.cost_lines.clone(),
            preview: cost_preview(&r.placement, day, partners),
        }
    }
}

/// The figures of a placement: provider (or `[withheld]`), type, dates, weekly equivalent,
/// the year's cost and a full year's.
pub(crate) fn finance_fields(f: &Finance, withhold_provider: bool) -> Block {
    let p = &f.preview;
    Block::Fields(vec![
        (
            "Provider".into(),
            if withhold_provider {
                WITHHELD.into()
            } else {
                f.provider.clone()
            },
        ),
        ("Placement type".into(), f.kind.clone()),
        ("Start".into(), long_date(f.start)),
        ("End".into(), f.end.map_or("Open-ended".into(), long_date)),
        (
            "Weekly equivalent".into(),
            format!("{} (on {})", p.weekly, short_date(p.day)),
        ),
        (format!("Cost in {}", p.year), p.this_year.to_string()),
        ("Cost of a full year".into(), p.full_year.to_string()),
    ])
}

/// The cost lines of a placement with their rate history.
pub(crate) fn cost_lines_table(f: &Finance, t: &dyn Fn(&str) -> String) -> Block {
    Block::Table {
        columns: vec![
            Column::new("Cost line", 0.36, Align::Left),
            Column::new("Rate", 0.18, Align::Right),
            Column::new("Per", 0.14, Align::Left),
            Column::new("From", 0.16, Align::Left),
            Column::new("To", 0.16, Align::Left),
        ],
        rows: f
            .lines
            .iter()
            .map(|l| {
                vec![
                    t(&l.description),
                    l.amount.to_string(),
                    l.per.label().into(),
                    short_date(l.from),
                    l.to.map_or("—".into(), short_date),
                ]
            })
            .collect(),
        total: None,
    }
}

/// Each partner's share and amount of the year's cost, with the total (rule 3: the amounts
/// add up to the year's cost to the penny).
pub(crate) fn split_table(f: &Finance, partners: &[String]) -> Block {
    let p = &f.preview;
    let mut rows = Vec::new();
    // One row group per split in force in the year, each under its dates, so that every
    // percentage stands beside the amounts it shared (rule 6).
    for g in &p.by_split {
        rows.push(vec![
            format!(
                "Split in force {} to {}",
                short_date(g.from),
                short_date(g.to)
            ),
            String::new(),
            String::new(),
        ]);
        for (k, name) in partners.iter().enumerate() {
            rows.push(vec![
                format!("  {name}"),
                g.shares
                    .get(k)
                    .map_or("—".into(), |s| percent(s.basis_points())),
                g.amounts.get(k).map_or("—".into(), ToString::to_string),
            ]);
        }
        if p.by_split.len() > 1 {
            rows.push(vec![
                "  Under this split".into(),
                String::new(),
                g.cost.to_string(),
            ]);
        }
    }
    if p.by_split.len() > 1 {
        rows.push(vec![
            "The year, by partner".into(),
            String::new(),
            String::new(),
        ]);
        for (k, name) in partners.iter().enumerate() {
            rows.push(vec![
                format!("  {name}"),
                String::new(),
                p.this_year_shares
                    .get(k)
                    .map_or("—".into(), ToString::to_string),
            ]);
        }
    }
    let whole = match p.by_split.as_slice() {
        [one] => percent(one.shares.iter().map(|s| s.basis_points()).sum()),
        _ => String::new(),
    };
    Block::Table {
        columns: vec![
            Column::new("Partner", 0.56, Align::Left),
            Column::new("Share", 0.16, Align::Right),
            Column::new(&format!("Amount in {}", p.year), 0.28, Align::Right),
        ],
        rows,
        total: Some(vec!["Total".into(), whole, p.this_year.to_string()]),
    }
}

/// A partner's share over the year as printed beside its assent: one percentage, or each in
/// turn with its date when the split changes in the year ("0.00%, 30.00% from 01/01/2027").
pub(crate) fn year_share(f: &Finance, k: usize) -> String {
    let groups = &f.preview.by_split;
    let pct = |g: &panel_core::entry::SplitInYear| {
        g.shares
            .get(k)
            .map_or("—".into(), |s| percent(s.basis_points()))
    };
    match groups.as_slice() {
        [] => f
            .preview
            .split
            .get(k)
            .map_or("—".into(), |s| percent(s.basis_points())),
        [one] => pct(one),
        [first, rest @ ..] => std::iter::once(pct(first))
            .chain(
                rest.iter()
                    .map(|g| format!("{} from {}", pct(g), short_date(g.from))),
            )
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Actions with owner and due date, or "None." when there are none.
pub(crate) fn actions_blocks(actions: &[Action], t: &dyn Fn(&str) -> String) -> Vec<Block> {
    if actions.is_empty() {
        return vec![Block::Text("None.".into())];
    }
    vec![Block::Table {
        columns: vec![
            Column::new("Action", 0.58, Align::Left),
            Column::new("Owner", 0.24, Align::Left),
            Column::new("Due", 0.18, Align::Left),
        ],
        rows: actions
            .iter()
            .map(|a| {
                vec![
                    t(&a.action),
                    t(&a.owner),
                    a.due.map_or("—".into(), short_date),
                ]
            })
            .collect(),
        total: None,
    }]
}

/// Who attended, who sent apologies, and whether the meeting was quorate (rule 12), naming
/// any partner left unrepresented.
pub(crate) fn attendance_blocks(
    attendees: &[Attendee],
    partners: &[String],
    represented: &[bool],
    t: &dyn Fn(&str) -> String,
) -> Vec<Block> {
    let represents = |a: &Attendee| {
        a.represents
            .and_then(|k| partners.get(k).cloned())
            .unwrap_or_else(|| "—".into())
    };
    let mut b = vec![Block::Table {
        columns: vec![
            Column::new("Name", 0.3, Align::Left),
            Column::new("Agency", 0.32, Align::Left),
            Column::new("Represents", 0.2, Align::Left),
            Column::new("Attendance", 0.18, Align::Left),
        ],
        rows: attendees
            .iter()
            .map(|a| {
                vec![
                    t(&a.name),
                    t(&a.agency),
                    represents(a),
                    match a.attendance {
                        Attendance::Present => "Present".into(),
                        Attendance::Apologies => "Apologies".into(),
                    },
                ]
            })
            .collect(),
        total: None,
    }];
    let missing: Vec<&str> = partners
        .iter()
        .zip(represented)
        .filter(|(_, r)| !**r)
        .map(|(p, _)| p.as_str())
        .collect();
    b.push(Block::Text(if missing.is_empty() && !partners.is_empty() {
        "The meeting was quorate: every funding partner was represented.".into()
    } else {
        format!(
            "The meeting was not quorate: {} {} not represented.",
            join_and(&missing),
            if missing.len() == 1 { "was" } else { "were" }
        )
    }));
    b
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[&str]) -> String {
    match items {
        [] => "no partner".into(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Interests declared on an item with any dispensation, or "None declared.".
pub(crate) fn interests_blocks(
    interests: &[InterestEntry],
    t: &dyn Fn(&str) -> String,
) -> Vec<Block> {
    if interests.is_empty() {
        return vec![Block::Text("None declared.".into())];
    }
    vec![Block::Table {
        columns: vec![
            Column::new("Declared by", 0.3, Align::Left),
            Column::new("Interest", 0.4, Align::Left),
            Column::new("Dispensation", 0.3, Align::Left),
        ],
        rows: interests
            .iter()
            .map(|i| {
                vec![
                    t(&format!("{} ({})", i.name, i.agency)),
                    t(&i.interest),
                    i.dispensation.as_deref().map_or("None".into(), t),
                ]
            })
            .collect(),
        total: None,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_partners_missing() {
        assert_eq!(join_and(&["Health"]), "Health");
        assert_eq!(
            join_and(&["Social care", "Education", "Health"]),
            "Social care, Education and Health"
        );
    }
}
