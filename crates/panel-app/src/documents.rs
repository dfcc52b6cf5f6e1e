//! The documents' models, built from the store: what the record of a decision, a meeting's
//! agenda pack and minutes, and the spend report show. `panel-pdf` lays them out and never
//! reads the database itself, so a document can be made (and tested) from a model alone.

use chrono::NaiveDate;
use panel_core::FinancialYear;
use panel_core::analysis::Filter;
use panel_core::model::DecisionStatus;
use panel_pdf::meeting::{ItemHead, MeetingHead, MinutedDecision, MinutedItem, PackItem};
use panel_pdf::record::MeetingPart;
use panel_pdf::{AgendaPack, Finance, Minutes, Record, SpendPaper};
use panel_store::{DecisionRecord, Store, StoreError};

use crate::Result;

/// The record of the final decision `id`.
pub fn record(store: &Store, id: i64) -> Result<Record> {
    let d = store.decision(id)?;
    let number = match (d.status, d.number.clone()) {
        (DecisionStatus::Final, Some(n)) => n,
        _ => {
            return Err(StoreError::Refused(
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
                    represented: m.quorum.represented,
                    item: title,
                }),
                store.interests(item)?,
            )
        }
        None => (None, Vec::new()),
    };
    let finance = finance_of_decision(store, &d, partners.len())?;
    let impact = store.decision_impact(id)?;
    let indicative = store.decision_indicative(id)?;
    let digest = store.register_digest(&number)?;
    let providers = case
        .placements
        .iter()
        .map(|p| p.record.provider.clone())
        .collect();
    let other_cases = store
        .case_refs()?
        .into_iter()
        .filter(|(reference, _)| *reference != case.case.reference)
        .collect();
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
        impact,
        indicative,
        digest,
        other_cases,
        providers,
        inquorate: d.inquorate,
    })
}

/// The meeting as both its papers head it.
fn meeting_head(store: &Store, meeting_id: i64) -> Result<MeetingHead> {
    let settings = store.settings()?;
    let m = store.meeting(meeting_id)?;
    Ok(MeetingHead {
        authority: settings.authority,
        panel_name: settings.panel_name,
        partners: store.partners()?.into_iter().map(|p| p.name).collect(),
        date: m.summary.date,
        starts_at: m.summary.starts_at,
        venue: m.summary.venue,
        chair: m.summary.chair,
        status: m.summary.minutes_status,
        attendees: m.attendees.into_iter().map(|(_, a)| a).collect(),
        represented: m.quorum.represented,
    })
}

/// The meeting's items, each ratification with the chair's action it brings.
fn items_of(store: &Store, meeting_id: i64) -> Result<Vec<ItemHead>> {
    store
        .agenda(meeting_id)?
        .into_iter()
        .map(|entry| {
            let ratifies = match &entry.ratifies {
                Some((id, _)) => {
                    let d = store.decision(*id)?;
                    Some((d.decided_on, d.content.subject, d.content.outcome))
                }
                None => None,
            };
            Ok(ItemHead { entry, ratifies })
        })
        .collect()
}

/// The agenda pack of meeting `meeting_id`.
pub fn agenda_pack(store: &Store, meeting_id: i64) -> Result<AgendaPack> {
    let head = meeting_head(store, meeting_id)?;
    let partners = head.partners.len();
    let mut items = Vec::new();
    for item in items_of(store, meeting_id)? {
        let placements = match &item.entry.case {
            Some((reference, _)) => {
                let case = store.case(store.case_id(reference)?)?;
                let current: Vec<Finance> = case
                    .placements
                    .iter()
                    .filter(|p| p.record.placement.end.is_none_or(|end| end >= head.date))
                    .map(|p| Finance::of(&p.record, head.date, partners))
                    .collect();
                if current.is_empty() {
                    case.placements
                        .last()
                        .map(|p| Finance::of(&p.record, head.date, partners))
                        .into_iter()
                        .collect()
                } else {
                    current
                }
            }
            None => Vec::new(),
        };
        items.push(PackItem { item, placements });
    }
    Ok(AgendaPack { head, items })
}

/// The minutes of meeting `meeting_id`.
pub fn minutes(store: &Store, meeting_id: i64) -> Result<Minutes> {
    let head = meeting_head(store, meeting_id)?;
    let partners = head.partners.len();
    let mut items = Vec::new();
    for item in items_of(store, meeting_id)? {
        let id = item.entry.id;
        let mut decisions = Vec::new();
        let mut drafts = 0;
        for d in store.item_decisions(id)? {
            let Some(number) = d.number.clone() else {
                drafts += 1;
                continue;
            };
            let finance = finance_of_decision(store, &d, partners)?;
            decisions.push(MinutedDecision {
                number,
                content: d.content,
                finance,
                amends: d.amends.map(|(_, n)| n),
            });
        }
        items.push(MinutedItem {
            item,
            interests: store.interests(id)?,
            decisions,
            drafts,
        });
    }
    Ok(Minutes { head, items })
}

/// The placement a final decision was made on, costed as of its date: as it stood when
/// the decision was finalised, so that a reprinted record never changes (or as it stands,
/// for decisions finalised before that was kept).
fn finance_of_decision(
    store: &Store,
    d: &DecisionRecord,
    partners: usize,
) -> Result<Option<Finance>> {
    if let Some(kept) = &d.snapshot {
        return Ok(Some(Finance::of(kept, d.decided_on, partners)));
    }
    match d.placement_id {
        Some(id) => {
            let (_, entry) = store.placement(id)?;
            Ok(Some(Finance::of(&entry.record, d.decided_on, partners)))
        }
        None => Ok(None),
    }
}

/// The report for `year` as of `as_of`, printed on `printed`.
pub fn spend_paper(
    store: &Store,
    year: FinancialYear,
    as_of: NaiveDate,
    printed: NaiveDate,
) -> Result<SpendPaper> {
    let settings = store.settings()?;
    Ok(SpendPaper {
        authority: settings.authority,
        panel_name: settings.panel_name,
        partners: store.partners()?,
        screen: store.spend_screen(year, as_of, &Filter::default())?,
        printed,
    })
}

/// The settlement pack for `year`, payments and disputes as of `as_of`, printed on `printed`.
pub fn settlement_paper(
    store: &Store,
    year: FinancialYear,
    as_of: NaiveDate,
    printed: NaiveDate,
) -> Result<panel_pdf::SettlementPaper> {
    let settings = store.settings()?;
    let settlement = store.settlement(year, as_of)?;
    let numbers: std::collections::HashSet<&str> = settlement
        .statements
        .iter()
        .map(|s| s.number.as_str())
        .collect();
    let disputes = store
        .disputes(as_of)?
        .into_iter()
        .filter(|d| {
            d.status == panel_core::model::DisputeStatus::Open
                && numbers.contains(d.statement.as_str())
        })
        .map(|d| {
            [
                d.number,
                format!("{} line {}", d.statement, d.line),
                format!("{} ({})", d.case_reference, d.initials),
                d.reason.label().to_string(),
                d.amount.to_string(),
                format!("{} days", d.age_days),
            ]
        })
        .collect();
    Ok(panel_pdf::SettlementPaper {
        authority: settings.authority,
        panel_name: settings.panel_name,
        settlement,
        disputes,
        printed,
    })
}

/// The exceptions as of `as_of` on paper, printed on `printed`, grouped by kind.
pub fn exceptions_paper(
    store: &Store,
    found: &[panel_store::ExceptionEntry],
    as_of: NaiveDate,
    printed: NaiveDate,
) -> Result<panel_pdf::ExceptionsPaper> {
    let settings = store.settings()?;
    let groups = panel_core::model::ExceptionKind::ALL
        .iter()
        .map(|kind| {
            (
                kind.label().to_string(),
                found
                    .iter()
                    .filter(|e| e.kind == *kind)
                    .map(|e| {
                        [
                            e.case
                                .as_ref()
                                .map(|(r, i)| format!("{r} ({i})"))
                                .or_else(|| e.year.map(|y| y.to_string()))
                                .unwrap_or_default(),
                            e.detail.clone(),
                        ]
                    })
                    .collect(),
            )
        })
        .collect();
    Ok(panel_pdf::ExceptionsPaper {
        authority: settings.authority,
        panel_name: settings.panel_name,
        as_of,
        printed,
        groups,
    })
}
