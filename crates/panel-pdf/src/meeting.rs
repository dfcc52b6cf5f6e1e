//! A meeting's papers: the agenda pack circulated before it (items with their timings,
//! presenting officer, current costs and split, and what is asked of the panel) and the
//! minutes after it (attendance, apologies, quorum, and every item with its decisions).

use chrono::NaiveDate;
use panel_core::decision::DecisionDraft;
use panel_core::model::{Action, Attendance, Attendee, MinutesStatus, Outcome};
use panel_core::model::{AgendaEntry, InterestEntry};

use crate::PdfError;
use crate::layout::{Align, Block, Column, Frame, typeset};
use crate::parts::{
    Finance, actions_blocks, attendance_blocks, finance_fields, interests_blocks, long_date,
    short_date, split_table,
};
use crate::render::{Meta, render};

/// A meeting as its papers head it.
#[derive(Clone, Debug)]
pub struct MeetingHead {
    /// Authority.
    pub authority: String,
    /// Panel.
    pub panel_name: String,
    /// Partner names, in order.
    pub partners: Vec<String>,
    /// Date.
    pub date: NaiveDate,
    /// Start time, if known: the agenda's times are then clock times.
    pub starts_at: Option<chrono::NaiveTime>,
    /// Venue.
    pub venue: String,
    /// Chair.
    pub chair: String,
    /// Minutes status (rule 16).
    pub status: MinutesStatus,
    /// Attendees and apologies, in order.
    pub attendees: Vec<Attendee>,
    /// For each partner, whether someone present represents it (rule 12).
    pub represented: Vec<bool>,
}

impl MeetingHead {
    fn quorate(&self) -> bool {
        !self.represented.is_empty() && self.represented.iter().all(|r| *r)
    }

    fn apologies(&self) -> Vec<String> {
        self.attendees
            .iter()
            .filter(|a| a.attendance == Attendance::Apologies)
            .map(|a| format!("{} ({})", a.name, a.agency))
            .collect()
    }
}

/// An agenda item as both papers show it.
#[derive(Clone, Debug)]
pub struct ItemHead {
    /// The item as the agenda holds it.
    pub entry: AgendaEntry,
    /// For a ratification, the chair's action brought: date taken, subject, outcome (its
    /// number is the entry's).
    pub ratifies: Option<(NaiveDate, String, Outcome)>,
}

impl ItemHead {
    /// `CN-0200 (J.K.)`, or a dash when the item is about no case.
    fn case_label(&self) -> String {
        self.entry
            .case
            .as_ref()
            .map_or("—".into(), |(r, ini)| format!("{r} ({ini})"))
    }
}

/// `1 hour 5 minutes`, `40 minutes`.
fn duration(minutes: u32) -> String {
    let plural = |n: u32, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    match (minutes / 60, minutes % 60) {
        (0, m) => plural(m, "minute"),
        (h, 0) => plural(h, "hour"),
        (h, m) => format!("{} {}", plural(h, "hour"), plural(m, "minute")),
    }
}

/// Each item's start and end, as clock times from the start time or, with none, from the
/// opening of the meeting.
fn slots(pack: &AgendaPack) -> Vec<(String, String)> {
    let lengths: Vec<u32> = pack.items.iter().map(|i| i.item.entry.minutes).collect();
    panel_core::meeting::timetable(pack.head.starts_at, &lengths)
}

fn item_fields(item: &ItemHead, extra: Vec<(String, String)>) -> Block {
    let e = &item.entry;
    let mut fields = vec![("Item type".to_string(), e.kind.label().to_string())];
    if e.case.is_some() {
        fields.push(("Case".into(), item.case_label()));
    }
    fields.push((
        "Presenting officer".into(),
        if e.presenter.trim().is_empty() {
            "—".into()
        } else {
            e.presenter.clone()
        },
    ));
    fields.extend(extra);
    fields.push((
        "The panel is asked to".into(),
        if e.ask.trim().is_empty() {
            "Note the item".into()
        } else {
            e.ask.clone()
        },
    ));
    if let (Some((_, number)), Some((taken, subject, outcome))) = (&e.ratifies, &item.ratifies) {
        fields.push((
            "Chair's action".into(),
            format!(
                "{number}, taken on {}: {subject} ({})",
                long_date(*taken),
                outcome.label()
            ),
        ));
    }
    Block::Fields(fields)
}

fn head_fields(h: &MeetingHead, extra: Vec<(String, String)>) -> Block {
    let mut fields = vec![
        ("Date".to_string(), long_date(h.date)),
        (
            "Venue".into(),
            if h.venue.trim().is_empty() {
                "—".into()
            } else {
                h.venue.clone()
            },
        ),
        ("Chair".into(), h.chair.clone()),
    ];
    if let Some(t) = h.starts_at {
        fields.insert(1, ("Start time".into(), panel_core::meeting::clock_text(t)));
    }
    fields.extend(extra);
    Block::Fields(fields)
}

fn render_paper(
    blocks: &[Block],
    head: &MeetingHead,
    title: String,
    subject: String,
) -> Result<Vec<u8>, PdfError> {
    let pages = typeset(
        blocks,
        &Frame {
            marking: "OFFICIAL-SENSITIVE".into(),
            footer: format!("{title} · {}", long_date(head.date)),
        },
    )?;
    render(
        &pages,
        &Meta {
            title: format!("{title}, {}", long_date(head.date)),
            subject,
            author: head.authority.clone(),
            keywords: vec![head.panel_name.clone(), head.date.to_string()],
            date: head.date,
        },
    )
}

/// What the agenda pack shows of an item: the item, and the costs of the case's current
/// placements as they stand on the meeting's date.
#[derive(Clone, Debug)]
pub struct PackItem {
    /// The item.
    pub item: ItemHead,
    /// The case's placements covering or after the meeting's date (or its last one).
    pub placements: Vec<Finance>,
}

/// Everything the agenda pack of a meeting shows.
#[derive(Clone, Debug)]
pub struct AgendaPack {
    /// The meeting.
    pub head: MeetingHead,
    /// Its items, in order.
    pub items: Vec<PackItem>,
}

fn agenda_blocks(pack: &AgendaPack) -> Vec<Block> {
    let h = &pack.head;
    let total: u32 = pack.items.iter().map(|i| i.item.entry.minutes).sum();
    let mut b = vec![
        Block::Title(format!("Agenda of the {}", h.panel_name)),
        Block::Subtitle(format!(
            "{} · agenda pack for the meeting of {}",
            h.authority,
            long_date(h.date)
        )),
        head_fields(
            h,
            vec![
                (
                    "Items".into(),
                    format!(
                        "{} item{}, {} in all",
                        pack.items.len(),
                        if pack.items.len() == 1 { "" } else { "s" },
                        duration(total)
                    ),
                ),
                (
                    "Not for publication".into(),
                    "This pack contains information about individual children and their care (Local Government Act 1972, Schedule 12A, paragraphs 1–3).".into(),
                ),
            ],
        ),
    ];

    b.push(Block::Heading("Members".into()));
    if h.attendees.is_empty() {
        b.push(Block::Text("No members have been listed yet.".into()));
    } else {
        b.push(Block::Table {
            columns: vec![
                Column::new("Name", 0.22, Align::Left),
                Column::new("Agency", 0.22, Align::Left),
                Column::new("Represents", 0.22, Align::Left),
                Column::new("Role", 0.34, Align::Left),
            ],
            rows: h
                .attendees
                .iter()
                .map(|a| {
                    vec![
                        a.name.clone(),
                        a.agency.clone(),
                        a.represents
                            .and_then(|k| h.partners.get(k).cloned())
                            .unwrap_or_else(|| "—".into()),
                        if a.role.trim().is_empty() {
                            "—".into()
                        } else {
                            a.role.clone()
                        },
                    ]
                })
                .collect(),
            total: None,
        });
        let apologies = h.apologies();
        if !apologies.is_empty() {
            b.push(Block::Text(format!(
                "Apologies received: {}.",
                apologies.join("; ")
            )));
        }
    }

    b.push(Block::Heading("Timetable".into()));
    if pack.items.is_empty() {
        b.push(Block::Text(
            "No items have been added to this agenda yet.".into(),
        ));
    } else {
        let mut rows = Vec::new();
        for (n, (i, (from, to))) in pack.items.iter().zip(slots(pack)).enumerate() {
            rows.push(vec![
                (n + 1).to_string(),
                format!("{from}–{to}"),
                i.item.entry.title.clone(),
                i.item.case_label(),
                i.item.entry.presenter.clone(),
            ]);
        }
        b.push(Block::Table {
            columns: vec![
                Column::new("No.", 0.07, Align::Right),
                Column::new("Time", 0.13, Align::Left),
                Column::new("Item", 0.38, Align::Left),
                Column::new("Case", 0.2, Align::Left),
                Column::new("Presenting", 0.22, Align::Left),
            ],
            rows,
            total: None,
        });
        if h.starts_at.is_none() {
            b.push(Block::Text(
                "No start time is set for this meeting: times run from its opening.".into(),
            ));
        }
    }

    for (n, (i, (from, to))) in pack.items.iter().zip(slots(pack)).enumerate() {
        let item = &i.item;
        b.push(Block::Heading(format!(
            "Item {}: {}",
            n + 1,
            item.entry.title
        )));
        b.push(item_fields(
            item,
            vec![(
                "Time".into(),
                format!("{from}–{to} ({})", duration(item.entry.minutes)),
            )],
        ));
        if item.entry.case.is_some() {
            if i.placements.is_empty() {
                b.push(Block::Text(
                    "No placement is recorded for this case yet.".into(),
                ));
            }
            let count = i.placements.len();
            for (k, f) in i.placements.iter().enumerate() {
                b.push(Block::Subheading(if count == 1 {
                    "Current costs".into()
                } else {
                    format!("Current costs, placement {} of {count}", k + 1)
                }));
                b.push(finance_fields(f, false));
                b.push(split_table(f, &h.partners));
            }
        }
    }
    b
}

/// The PDF of a meeting's agenda pack.
pub fn agenda_pdf(pack: &AgendaPack) -> Result<Vec<u8>, PdfError> {
    render_paper(
        &agenda_blocks(pack),
        &pack.head,
        "Agenda pack".into(),
        format!("Agenda of the {}", pack.head.panel_name),
    )
}

/// A final decision as the minutes record it.
#[derive(Clone, Debug)]
pub struct MinutedDecision {
    /// Number.
    pub number: String,
    /// What was decided.
    pub content: DecisionDraft,
    /// The placement's costs as of the decision, if about one.
    pub finance: Option<Finance>,
    /// The decision it amends.
    pub amends: Option<String>,
}

/// An item as the minutes record it.
#[derive(Clone, Debug)]
pub struct MinutedItem {
    /// The item.
    pub item: ItemHead,
    /// Interests declared on it.
    pub interests: Vec<InterestEntry>,
    /// Its final decisions, in the order made.
    pub decisions: Vec<MinutedDecision>,
    /// Draft decisions still open on it (not minuted).
    pub drafts: usize,
}

/// Everything the minutes of a meeting show.
#[derive(Clone, Debug)]
pub struct Minutes {
    /// The meeting.
    pub head: MeetingHead,
    /// Its items, in order.
    pub items: Vec<MinutedItem>,
}

impl Minutes {
    fn draft(&self) -> bool {
        matches!(
            self.head.status,
            MinutesStatus::Draft | MinutesStatus::Circulated
        )
    }
}

fn minutes_blocks(m: &Minutes) -> Vec<Block> {
    let h = &m.head;
    let id = |s: &str| s.to_string();
    let mut b = vec![
        Block::Title(format!(
            "{} of the {}",
            if m.draft() {
                "Draft minutes"
            } else {
                "Minutes"
            },
            h.panel_name
        )),
        Block::Subtitle(format!(
            "{} · meeting of {}",
            h.authority,
            long_date(h.date)
        )),
        head_fields(
            h,
            vec![
                (
                    "Minutes status".into(),
                    match h.status {
                        MinutesStatus::Draft => "Draft: not yet circulated".into(),
                        MinutesStatus::Circulated => {
                            "Circulated for amendment; to be approved at the next meeting".into()
                        }
                        MinutesStatus::Approved => {
                            "Approved as a correct record at the next meeting".into()
                        }
                        MinutesStatus::Locked => "Approved as a correct record and locked".into(),
                    },
                ),
                (
                    "Quorum".into(),
                    if h.quorate() {
                        "Quorate".into()
                    } else {
                        "Not quorate".into()
                    },
                ),
            ],
        ),
    ];

    b.push(Block::Heading("Attendance".into()));
    if h.attendees.is_empty() {
        b.push(Block::Text("No attendance was recorded.".into()));
    } else {
        b.extend(attendance_blocks(
            &h.attendees,
            &h.partners,
            &h.represented,
            &id,
        ));
    }
    let apologies = h.apologies();
    b.push(Block::Subheading("Apologies".into()));
    b.push(Block::Text(if apologies.is_empty() {
        "None.".into()
    } else {
        format!("Apologies were received from {}.", apologies.join("; "))
    }));

    b.push(Block::Heading("Decisions at a glance".into()));
    if m.items.is_empty() {
        b.push(Block::Text("The meeting had no items.".into()));
    } else {
        b.push(Block::Table {
            columns: vec![
                Column::new("No.", 0.07, Align::Right),
                Column::new("Item", 0.37, Align::Left),
                Column::new("Case", 0.2, Align::Left),
                Column::new("Decision", 0.36, Align::Left),
            ],
            rows: m
                .items
                .iter()
                .enumerate()
                .map(|(n, i)| {
                    vec![
                        (n + 1).to_string(),
                        i.item.entry.title.clone(),
                        i.item.case_label(),
                        if i.decisions.is_empty() {
                            "None recorded".into()
                        } else {
                            i.decisions
                                .iter()
                                .map(|d| format!("{}: {}", d.number, d.content.outcome.label()))
                                .collect::<Vec<_>>()
                                .join("; ")
                        },
                    ]
                })
                .collect(),
            total: None,
        });
    }

    let mut all_actions: Vec<(usize, &Action)> = Vec::new();
    for (n, i) in m.items.iter().enumerate() {
        b.push(Block::Heading(format!(
            "Item {}: {}",
            n + 1,
            i.item.entry.title
        )));
        b.push(item_fields(&i.item, Vec::new()));
        b.push(Block::Subheading("Interests declared".into()));
        b.extend(interests_blocks(&i.interests, &id));
        if i.decisions.is_empty() {
            b.push(Block::Text(if i.drafts > 0 {
                "No final decision was recorded on this item; a draft decision is still open and is not part of these minutes.".into()
            } else {
                "No decision was recorded on this item.".into()
            }));
        }
        for d in &i.decisions {
            let c = &d.content;
            b.push(Block::Subheading(format!(
                "Decision {}: {}",
                d.number,
                c.outcome.label()
            )));
            let mut fields = vec![("Subject".to_string(), c.subject.clone())];
            if let Some(a) = &d.amends {
                fields.push(("Amends".into(), format!("Decision {a}")));
            }
            b.push(Block::Fields(fields));
            b.push(Block::Lettered(c.paragraphs.clone()));
            if !c.conditions.is_empty() {
                b.push(Block::Subheading("Conditions".into()));
                b.push(Block::Bullets(c.conditions.clone()));
            }
            b.push(Block::Subheading("Reasons".into()));
            b.push(Block::Text(c.reasons.clone()));
            b.push(Block::Subheading(
                "Alternatives considered and rejected".into(),
            ));
            b.push(Block::Text(if c.alternatives.trim().is_empty() {
                "None".into()
            } else {
                c.alternatives.clone()
            }));
            if let Some(f) = &d.finance {
                b.push(Block::Subheading("Financial implications".into()));
                b.push(finance_fields(f, false));
                b.push(split_table(f, &h.partners));
            }
            b.push(Block::Fields(vec![
                (
                    "Review date".into(),
                    c.review_date.map_or("None set".into(), long_date),
                ),
                (
                    "Reduction takes effect".into(),
                    c.effective_from.map_or("No reduction".into(), long_date),
                ),
            ]));
            b.push(Block::Subheading("Actions".into()));
            b.extend(actions_blocks(&c.actions, &id));
            all_actions.extend(c.actions.iter().map(|a| (n + 1, a)));
        }
        if i.drafts > 0 && !i.decisions.is_empty() {
            b.push(Block::Text(
                "A further draft decision on this item is still open and is not part of these minutes.".into(),
            ));
        }
    }

    b.push(Block::Heading("Actions arising".into()));
    if all_actions.is_empty() {
        b.push(Block::Text("None.".into()));
    } else {
        b.push(Block::Table {
            columns: vec![
                Column::new("Item", 0.08, Align::Right),
                Column::new("Action", 0.5, Align::Left),
                Column::new("Owner", 0.24, Align::Left),
                Column::new("Due", 0.18, Align::Left),
            ],
            rows: all_actions
                .iter()
                .map(|(n, a)| {
                    vec![
                        n.to_string(),
                        a.action.clone(),
                        a.owner.clone(),
                        a.due.map_or("—".into(), short_date),
                    ]
                })
                .collect(),
            total: None,
        });
    }

    b.push(Block::Heading("Approved as a correct record".into()));
    b.push(Block::Signature(vec![
        "Chair".into(),
        "Name".into(),
        "Date".into(),
    ]));
    b
}

/// The PDF of a meeting's minutes.
pub fn minutes_pdf(m: &Minutes) -> Result<Vec<u8>, PdfError> {
    render_paper(
        &minutes_blocks(m),
        &m.head,
        if m.draft() {
            "Draft minutes".into()
        } else {
            "Minutes".into()
        },
        format!("Minutes of the {}", m.head.panel_name),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_durations_read_as_people_write_them() {
        assert_eq!(duration(20), "20 minutes");
        assert_eq!(duration(60), "1 hour");
        assert_eq!(duration(1), "1 minute");
        assert_eq!(duration(185), "3 hours 5 minutes");
    }
}
