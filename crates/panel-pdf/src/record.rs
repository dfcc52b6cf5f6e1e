//! The record of one decision (DOMAIN.md, "The record of decision"): in full for the case
//! file, or redacted for publication with nothing that identifies the child.

use chrono::NaiveDate;
use panel_core::decision::DecisionDraft;
use panel_core::model::InterestEntry;
use panel_core::model::{Assent, Attendee};

use crate::PdfError;
use crate::layout::{Align, Block, Column, Frame, typeset};
use crate::parts::Finance;
use crate::parts::{
    actions_blocks, attendance_blocks, cost_lines_table, finance_fields, interests_blocks,
    long_date, split_table,
};
use crate::redact::Identifiers;
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
    /// For each partner, whether someone present represented it (rule 12).
    pub represented: Vec<bool>,
    /// The agenda item's title.
    pub item: String,
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
    /// Every other case's reference and initials, withheld from the published version too.
    pub other_cases: Vec<(String, String)>,
    /// Every provider the case has had or will have (not only the decision's own
    /// placement's), withheld from the published version.
    pub providers: Vec<String>,
    /// Recorded as taken at an inquorate meeting (rule 12).
    pub inquorate: bool,
    /// What the decision did to the pool, as kept when it was finalised: its year and the next.
    pub impact: Vec<panel_core::impact::YearImpact>,
    /// The indicative budget set beside the package when it was finalised, if the case had
    /// an assessment then.
    pub indicative: Option<panel_core::ras::Indicative>,
    /// Its digest on the register (the chain of seals), printed so that the record can be
    /// checked against the register; none for a register not yet chained.
    pub digest: Option<String>,
}

/// What a published record withholds: the case's identifying values, every provider the
/// case has had or will have, and every other case's reference and initials. Nothing for a
/// record printed in full.
fn identifiers(r: &Record, redaction: Redaction) -> Identifiers {
    let mut ids = Identifiers::default();
    if redaction == Redaction::Published {
        ids.case(&r.reference, &r.initials, r.date_of_birth, "the case");
        if let Some(f) = &r.finance {
            ids.provider(&f.provider);
        }
        for provider in &r.providers {
            ids.provider(provider);
        }
        for (reference, initials) in &r.other_cases {
            ids.case(reference, initials, None, "another case");
        }
    }
    ids
}

/// The blocks of a record: the decision, its reasons, its money, and who decided it.
fn blocks(r: &Record, redaction: Redaction, ids: &Identifiers) -> Vec<Block> {
    let t = |s: &str| ids.scrub(s);
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
    if r.inquorate {
        fields.push((
            "Quorum".into(),
            "Not quorate: recorded as taken at an inquorate meeting".into(),
        ));
    }
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
            b.push(finance_fields(f, redaction == Redaction::Published));
            b.push(cost_lines_table(f, &t));
            b.push(split_table(f, &r.partners));
        }
    }
    if !r.impact.is_empty() {
        b.push(Block::Subheading("Financial impact".into()));
        b.push(Block::Text(
            "Each partner's projected spend for the year, before the decision (the placement as approved before, or without it) and after it, as it stood when the decision was finalised.".into(),
        ));
        for y in &r.impact {
            let mut rows: Vec<Vec<String>> = r
                .partners
                .iter()
                .enumerate()
                .map(|(k, name)| {
                    let at = |v: &[panel_core::Money]| v.get(k).copied().unwrap_or_default();
                    vec![
                        name.clone(),
                        at(&y.before).to_string(),
                        at(&y.after).to_string(),
                        (at(&y.after) - at(&y.before)).to_string(),
                    ]
                })
                .collect();
            rows.push(vec![
                "Pool".into(),
                y.spend_before().to_string(),
                y.spend_after().to_string(),
                (y.spend_after() - y.spend_before()).to_string(),
            ]);
            b.push(Block::Table {
                columns: vec![
                    Column::new(&format!("{}", y.year), 0.31, Align::Left),
                    Column::new("Before", 0.23, Align::Right),
                    Column::new("After", 0.23, Align::Right),
                    Column::new("Change", 0.23, Align::Right),
                ],
                rows,
                total: None,
            });
            b.push(Block::Text(y.words()));
        }
    }
    if let Some(i) = &r.indicative {
        b.push(Block::Subheading("Indicative budget".into()));
        b.push(Block::Fields(vec![
            (
                "Assessment".into(),
                format!(
                    "{} ({} resource allocation table)",
                    long_date(i.assessed_on),
                    i.year
                ),
            ),
            (
                "Points".into(),
                format!("{} at {} a point a week", i.points, i.per_point),
            ),
            ("Weekly budget".into(), format!("{} a week", i.budget)),
            ("Package requested".into(), format!("{} a week", i.package)),
            ("Difference".into(), {
                let words = i.difference_words();
                let mut c = words.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }),
        ]));
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
    b.extend(actions_blocks(&c.actions, &t));

    b.push(Block::Heading("Attendance".into()));
    match &r.meeting {
        None => b.push(Block::Text(
            "Taken by the chair between meetings: no meeting was held, and the decision comes to the next meeting for ratification.".into(),
        )),
        Some(m) => b.extend(attendance_blocks(&m.attendees, &r.partners, &m.represented, &t)),
    }

    b.push(Block::Heading("Interests declared".into()));
    b.extend(interests_blocks(&r.interests, &t));

    b.push(Block::Heading("Partners' assent".into()));
    b.push(Block::Table {
        columns: vec![
            Column::new("Partner", 0.4, Align::Left),
            Column::new("Share", 0.38, Align::Right),
            Column::new("Assent", 0.22, Align::Left),
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
                        .map_or("—".into(), |f| crate::parts::year_share(f, k)),
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
    if let Some(d) = &r.digest {
        // In four groups of sixteen digits, so that a line breaks between them.
        let groups: Vec<&str> = (0..d.len())
            .step_by(16)
            .filter_map(|i| d.get(i..(i + 16).min(d.len())))
            .collect();
        b.push(Block::Text(format!(
            "Register digest (SHA-256): {}",
            groups.join(" ")
        )));
    }
    b
}

/// The text of a PDF as a reader extracts it, its white space folded: for checking a printed
/// record against the register.
pub fn pdf_text(pdf: &[u8]) -> Result<String, PdfError> {
    let text = pdf_extract::extract_text_from_mem(pdf)
        .map_err(|e| PdfError::Refused(format!("its text cannot be read ({e})")))?;
    Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
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
    let ids = identifiers(r, redaction);
    let pages = typeset(&blocks(r, redaction, &ids), &frame)?;
    let meta = Meta {
        title: format!("Record of decision {}", r.number),
        subject: match redaction {
            Redaction::Full => r.content.subject.clone(),
            Redaction::Published => "Redacted for publication".into(),
        },
        author: ids.scrub(&r.authority),
        keywords: vec![r.number.clone(), ids.scrub(&r.panel_name)],
        date: r.decided_on,
    };
    if ids.is_empty() {
        return render(&pages, &meta);
    }
    refuse_if_identifying(&ids, &pages, &meta)?;
    let pdf = render(&pages, &meta)?;
    // The finished file's text, as a reader extracts it, is searched once more.
    let text = pdf_extract::extract_text_from_mem(&pdf).map_err(|e| {
        PdfError::Refused(format!(
            "The record for publication was not produced: its text could not be read back to check it ({e})"
        ))
    })?;
    if let Some((what, written)) = ids.find(&text) {
        return Err(PdfError::Refused(format!(
            "The record for publication was not produced: the finished file would still show {what} (\"{}\")",
            written.split_whitespace().collect::<Vec<_>>().join(" ")
        )));
    }
    Ok(pdf)
}

/// Fails closed: the published record's finished text, page by page, and its metadata are
/// searched for every identifying value; one found refuses the document, saying where.
fn refuse_if_identifying(
    ids: &Identifiers,
    pages: &[crate::layout::Page],
    meta: &Meta,
) -> Result<(), PdfError> {
    let refuse = |what: String, written: String, place: String| {
        Err(PdfError::Refused(format!(
            "The record for publication was not produced: {place} would still show {what} (\"{}\")",
            written.split_whitespace().collect::<Vec<_>>().join(" ")
        )))
    };
    for (n, page) in pages.iter().enumerate() {
        let text: Vec<&str> = page.spans.iter().map(|s| s.text.as_str()).collect();
        if let Some((what, written)) = ids.find(&text.join("\n")) {
            return refuse(what, written, format!("page {}", n + 1));
        }
    }
    let all: Vec<&str> = pages
        .iter()
        .flat_map(|p| p.spans.iter().map(|s| s.text.as_str()))
        .collect();
    if let Some((what, written)) = ids.find(&all.join("\n")) {
        return refuse(what, written, "a page break".into());
    }
    let fields = [
        ("its title", meta.title.clone()),
        ("its subject", meta.subject.clone()),
        ("its author", meta.author.clone()),
        ("its keywords", meta.keywords.join(", ")),
    ];
    for (place, text) in fields {
        if let Some((what, written)) = ids.find(&text) {
            return refuse(what, written, format!("the file's metadata ({place})"));
        }
    }
    Ok(())
}
