//! The record of one decision (DOMAIN.md, "The record of decision"): in full for the case
//! file, or redacted for publication with nothing that identifies the child.

use chrono::NaiveDate;
use panel_core::cost::CostLine;
use panel_core::decision::DecisionDraft;
use panel_core::entry::{CostPreview, cost_preview};
use panel_core::model::{Assent, Attendance, Attendee, DecisionStatus};
use panel_store::{InterestEntry, Store};

use crate::PdfError;
use crate::layout::{Align, Block, Column, Frame, typeset};
use crate::render::{Meta, render};

/// In full (restricted, for the case file) or for publication (Schedule 12A).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Redaction {
    /// Everything, marked OFFICIAL-SENSITIVE.
    Full,
    /// No case reference, initials, date of birth or provider name anywhere.
    Published,
}

/// The meeting a decision was made at.
#[derive(Clone, Debug)]
pub struct MeetingPart {
    /// Date.
    pub date: NaiveDate,
    /// Venue.
    pub venue: String,
    /// Chair.
    pub chair: String,
    /// Attendees and apologies.
    pub attendees: Vec<Attendee>,
    /// Whether it was quorate.
    pub quorate: bool,
    /// The agenda item's title.
    pub item: String,
}

/// The placement a decision is about, with its costs as of the decision.
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

/// Everything a record of decision shows.
#[derive(Clone, Debug)]
pub struct Record {
    /// Authority.
    pub authority: String,
    /// Panel.
    pub panel_name: String,
    /// Decision number.
    pub number: String,
    /// Date decided.
    pub decided_on: NaiveDate,
    /// The meeting, or none for a chair's action.
    pub meeting: Option<MeetingPart>,
    /// Case reference.
    pub reference: String,
    /// Initials.
    pub initials: String,
    /// Date of birth (never printed; withheld from the published version wherever it occurs).
    pub date_of_birth: Option<NaiveDate>,
    /// What was decided.
    pub content: DecisionDraft,
    /// The placement's costs, if about one.
    pub finance: Option<Finance>,
    /// Partner names, in order.
    pub partners: Vec<String>,
    /// Notice period in months (rule 10).
    pub notice_months: u32,
    /// Interests declared on the item.
    pub interests: Vec<InterestEntry>,
    /// The decision this one amends.
    pub amends: Option<String>,
    /// Decisions amending this one.
    pub amended_by: Vec<String>,
}

impl Record {
    /// The record of the final decision `id`.
    pub fn load(store: &Store, id: i64) -> Result<Record, PdfError> {
        let d = store.decision(id)?;
        let number = match (d.status, d.number) {
            (DecisionStatus::Final, Some(n)) => n,
            _ => {
                return Err(PdfError::Refused(
                    "A draft decision has no record: finalise it first".into(),
                ));
            }
        };
        let settings = store.settings()?;
        let partners: Vec<String> = store.partners()?.into_iter().map(|p| p.name).collect();
        let case = store.case(d.case_id)?;
        let (meeting, interests) = match d.item_id {
            Some(item) => {
                let meeting_id = store.item_meeting(item)?;
                let m = store.meeting(meeting_id)?;
                let title = store
                    .agenda(meeting_id)?
                    .into_iter()
                    .find(|i| i.id == item)
                    .map(|i| i.title)
                    .unwrap_or_default();
                (
                    Some(MeetingPart {
                        date: m.summary.date,
                        venue: m.summary.venue,
                        chair: m.summary.chair,
                        attendees: m.attendees.into_iter().map(|(_, a)| a).collect(),
                        quorate: m.quorum.quorate,
                        item: title,
                    }),
                    store.interests(item)?,
                )
            }
            None => (None, Vec::new()),
        };
        let finance = match d.placement_id {
            Some(p) => {
                let (_, entry) = store.placement(p)?;
                let r = entry.record;
                let preview = cost_preview(&r.placement, d.decided_on, partners.len());
                Some(Finance {
                    provider: r.provider,
                    kind: r.kind.label().to_string(),
                    start: r.placement.start,
                    end: r.placement.end,
                    lines: r.placement.cost_lines.clone(),
                    preview,
                })
            }
            None => None,
        };
        Ok(Record {
            authority: settings.authority,
            panel_name: settings.panel_name,
            number,
            decided_on: d.decided_on,
            meeting,
            reference: case.case.reference,
            initials: case.case.initials,
            date_of_birth: case.case.date_of_birth,
            content: d.content,
            finance,
            partners,
            notice_months: settings.notice_months,
            interests,
            amends: d.amends.map(|(_, n)| n),
            amended_by: d
                .amended_by
                .into_iter()
                .map(|(_, n)| n.unwrap_or_else(|| "a draft".into()))
                .collect(),
        })
    }
}

/// `25 January 2031`.
pub fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// `25/01/2031`.
pub fn short_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn percent(bp: u32) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

/// Takes out of a published record every value that could identify the child.
struct Scrubber {
    needles: Vec<String>,
}

const WITHHELD: &str = "[withheld]";

impl Scrubber {
    fn new(r: &Record, redaction: Redaction) -> Scrubber {
        let mut needles = Vec::new();
        if redaction == Redaction::Published {
            needles.push(r.reference.clone());
            needles.push(r.initials.clone());
            let bare: String = r.initials.chars().filter(|c| c.is_alphanumeric()).collect();
            if bare.chars().count() >= 2 && bare != r.initials {
                needles.push(bare);
            }
            if let Some(f) = &r.finance {
                // The provider's name, and any two or more of its words in a row ("Brook
                // Lodge" of "Brook Lodge School"), as free text tends to shorten it.
                let words: Vec<&str> = f.provider.split_whitespace().collect();
                needles.push(f.provider.clone());
                for len in 2..words.len() {
                    for w in words.windows(len) {
                        needles.push(w.join(" "));
                    }
                }
            }
            if let Some(dob) = r.date_of_birth {
                needles.extend([
                    short_date(dob),
                    dob.to_string(),
                    long_date(dob),
                    dob.format("%d %B %Y").to_string(),
                    dob.format("%-d/%-m/%Y").to_string(),
                ]);
            }
        }
        needles.retain(|n| !n.trim().is_empty());
        // Longest first, so that a shorter value inside a longer one cannot leave a piece.
        needles.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
        Scrubber { needles }
    }

    fn text(&self, s: &str) -> String {
        let mut out = s.to_string();
        for n in &self.needles {
            out = replace_ignoring_case(&out, n, WITHHELD);
        }
        out
    }
}

/// `haystack` with every occurrence of `needle`, in any case, replaced.
fn replace_ignoring_case(haystack: &str, needle: &str, with: &str) -> String {
    let lower_needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<char> = haystack.chars().collect();
    let lower: Vec<Vec<char>> = chars.iter().map(|c| c.to_lowercase().collect()).collect();
    let mut out = String::with_capacity(haystack.len());
    let mut i = 0;
    'outer: while i < chars.len() {
        let mut k = i;
        let mut matched: Vec<char> = Vec::new();
        while matched.len() < lower_needle.len() && k < chars.len() {
            matched.extend(&lower[k]);
            k += 1;
        }
        if matched == lower_needle {
            out.push_str(with);
            i = k;
            continue 'outer;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The blocks of a record: the decision, its reasons, its money, and who decided it.
fn blocks(r: &Record, redaction: Redaction, sc: &Scrubber) -> Vec<Block> {
    let t = |s: &str| sc.text(s);
    let c = &r.content;
    let mut b = vec![
        Block::Title(format!("Record of decision {}", r.number)),
        Block::Subtitle(match redaction {
            Redaction::Full => format!("{} · {}", t(&r.authority), t(&r.panel_name)),
            Redaction::Published => format!(
                "{} · {} · redacted for publication (Local Government Act 1972, Schedule 12A)",
                t(&r.authority),
                t(&r.panel_name)
            ),
        }),
    ];
    let mut fields = vec![
        ("Decision number".to_string(), r.number.clone()),
        ("Date of decision".to_string(), long_date(r.decided_on)),
    ];
    match &r.meeting {
        Some(m) => {
            fields.push((
                "Meeting".into(),
                t(&format!(
                    "Panel meeting of {}, {}",
                    long_date(m.date),
                    m.venue
                )),
            ));
            fields.push((
                "Decided by".into(),
                t(&format!("The {}, chaired by {}", r.panel_name, m.chair)),
            ));
        }
        None => {
            fields.push((
                "Meeting".into(),
                "None: chair's action between meetings, for ratification at the next meeting"
                    .into(),
            ));
            fields.push((
                "Decided by".into(),
                t(&format!("The chair of the {}", r.panel_name)),
            ));
        }
    }
    fields.push((
        "Case".into(),
        match redaction {
            Redaction::Full => format!("{} ({})", r.reference, r.initials),
            Redaction::Published => {
                "Withheld: information about an individual (Schedule 12A, paragraphs 1–3)".into()
            }
        },
    ));
    fields.push(("Subject".into(), t(&c.subject)));
    fields.push(("Outcome".into(), c.outcome.label().into()));
    if let Some(a) = &r.amends {
        fields.push((
            "Amends".into(),
            format!("Decision {a}, which this decision replaces"),
        ));
    }
    if !r.amended_by.is_empty() {
        fields.push(("Amended by".into(), r.amended_by.join(", ")));
    }
    b.push(Block::Fields(fields));

    b.push(Block::Heading("The decision".into()));
    b.push(Block::Lettered(c.paragraphs.iter().map(|p| t(p)).collect()));
    if !c.conditions.is_empty() {
        b.push(Block::Heading("Conditions".into()));
        b.push(Block::Bullets(c.conditions.iter().map(|p| t(p)).collect()));
    }
    b.push(Block::Heading("Reasons".into()));
    b.push(Block::Text(t(&c.reasons)));
    b.push(Block::Heading(
        "Alternatives considered and rejected".into(),
    ));
    b.push(Block::Text(if c.alternatives.trim().is_empty() {
        "None".into()
    } else {
        t(&c.alternatives)
    }));

    b.push(Block::Heading("Financial implications".into()));
    match &r.finance {
        None => b.push(Block::Text(
            "This decision is about no placement and commits no funding.".into(),
        )),
        Some(f) => {
            let p = &f.preview;
            b.push(Block::Fields(vec![
                (
                    "Provider".into(),
                    match redaction {
                        Redaction::Full => f.provider.clone(),
                        Redaction::Published => WITHHELD.into(),
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
            ]));
            b.push(Block::Table {
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
            });
            b.push(Block::Table {
                columns: vec![
                    Column::new("Partner", 0.46, Align::Left),
                    Column::new("Share", 0.2, Align::Right),
                    Column::new(&format!("Amount in {}", p.year), 0.34, Align::Right),
                ],
                rows: r
                    .partners
                    .iter()
                    .enumerate()
                    .map(|(k, name)| {
                        vec![
                            name.clone(),
                            p.split
                                .get(k)
                                .map_or("—".into(), |s| percent(s.basis_points())),
                            p.this_year_shares
                                .get(k)
                                .map_or("—".into(), ToString::to_string),
                        ]
                    })
                    .collect(),
                total: Some(vec![
                    "Total".into(),
                    percent(p.split.iter().map(|s| s.basis_points()).sum()),
                    p.this_year.to_string(),
                ]),
            });
        }
    }

    b.push(Block::Heading("Review and notice".into()));
    b.push(Block::Fields(vec![
        (
            "Review date".into(),
            c.review_date.map_or("None set".into(), long_date),
        ),
        (
            "Notice period".into(),
            format!("{} months before a reduction takes effect", r.notice_months),
        ),
        (
            "Reduction takes effect".into(),
            c.effective_from.map_or("No reduction".into(), long_date),
        ),
    ]));

    b.push(Block::Heading("Actions".into()));
    if c.actions.is_empty() {
        b.push(Block::Text("None.".into()));
    } else {
        b.push(Block::Table {
            columns: vec![
                Column::new("Action", 0.58, Align::Left),
                Column::new("Owner", 0.24, Align::Left),
                Column::new("Due", 0.18, Align::Left),
            ],
            rows: c
                .actions
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
        });
    }

    b.push(Block::Heading("Attendance".into()));
    match &r.meeting {
        None => b.push(Block::Text(
            "Taken by the chair between meetings: no meeting was held, and the decision comes to the next meeting for ratification (rule 15).".into(),
        )),
        Some(m) => {
            let represents = |a: &Attendee| {
                a.represents
                    .and_then(|k| r.partners.get(k).cloned())
                    .unwrap_or_else(|| "—".into())
            };
            b.push(Block::Table {
                columns: vec![
                    Column::new("Name", 0.3, Align::Left),
                    Column::new("Agency", 0.32, Align::Left),
                    Column::new("Represents", 0.2, Align::Left),
                    Column::new("Attendance", 0.18, Align::Left),
                ],
                rows: m
                    .attendees
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
            });
            b.push(Block::Text(if m.quorate {
                "The meeting was quorate: every funding partner was represented.".into()
            } else {
                "The meeting was not quorate.".into()
            }));
        }
    }

    b.push(Block::Heading("Interests declared".into()));
    if r.interests.is_empty() {
        b.push(Block::Text("None declared.".into()));
    } else {
        b.push(Block::Table {
            columns: vec![
                Column::new("Declared by", 0.3, Align::Left),
                Column::new("Interest", 0.4, Align::Left),
                Column::new("Dispensation", 0.3, Align::Left),
            ],
            rows: r
                .interests
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
        });
    }

    b.push(Block::Heading("Partners' assent".into()));
    b.push(Block::Table {
        columns: vec![
            Column::new("Partner", 0.5, Align::Left),
            Column::new("Share", 0.2, Align::Right),
            Column::new("Assent", 0.3, Align::Left),
        ],
        rows: r
            .partners
            .iter()
            .enumerate()
            .map(|(k, name)| {
                vec![
                    name.clone(),
                    r.finance
                        .as_ref()
                        .and_then(|f| f.preview.split.get(k))
                        .map_or("—".into(), |s| percent(s.basis_points())),
                    match c.assents.get(k).copied().flatten() {
                        Some(Assent::Agree) => "Agrees".into(),
                        Some(Assent::Disagree) => "Disagrees".into(),
                        None => "Not recorded".into(),
                    },
                ]
            })
            .collect(),
        total: None,
    });

    b.push(Block::Heading("Signed".into()));
    b.push(Block::Signature(vec![
        "Chair".into(),
        "Name".into(),
        "Date".into(),
    ]));
    b
}

/// The PDF of a record of decision.
pub fn record_pdf(r: &Record, redaction: Redaction) -> Result<Vec<u8>, PdfError> {
    let frame = Frame {
        marking: match redaction {
            Redaction::Full => "OFFICIAL-SENSITIVE".into(),
            Redaction::Published => "OFFICIAL".into(),
        },
        footer: format!("Record of decision {}", r.number),
    };
    let sc = Scrubber::new(r, redaction);
    let pages = typeset(&blocks(r, redaction, &sc), &frame)?;
    render(
        &pages,
        &Meta {
            title: format!("Record of decision {}", r.number),
            subject: match redaction {
                Redaction::Full => sc.text(&r.content.subject),
                Redaction::Published => "Redacted for publication".into(),
            },
            author: r.authority.clone(),
            keywords: vec![r.number.clone(), r.panel_name.clone()],
            date: r.decided_on,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_in_any_case() {
        assert_eq!(
            replace_ignoring_case("At Brook Lodge; brook LODGE.", "Brook Lodge", "[x]"),
            "At [x]; [x]."
        );
        assert_eq!(
            replace_ignoring_case("J.K. and JK", "j.k.", "[x]"),
            "[x] and JK"
        );
    }
}
