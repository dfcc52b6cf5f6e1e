//! Commands of the chair's screen: decisions on agenda items, interests, minutes status.

use panel_core::decision::{
    ActionInput, DecisionInput, chair_action_date, decision_input, earliest_reduction,
};
use panel_core::field::{FieldError, text_input};
use panel_core::model::MinutesStatus;
use panel_store::{DecisionRecord, Store};
use tauri::State;

use crate::cases::{case_dto, today};
use crate::commands::{AppState, agenda_dtos, meeting_dto, to_id};
use crate::dto::*;
use crate::error::{AppError, ErrorCode};

fn decision_dto(d: DecisionRecord) -> Result<DecisionDto, AppError> {
    let c = d.content;
    Ok(DecisionDto {
        id: to_id(d.id)?,
        number: d.number,
        status: d.status,
        decided_on: d.decided_on.to_string(),
        placement_id: d.placement_id.map(to_id).transpose()?,
        form: DecisionForm {
            outcome: c.outcome.code().to_string(),
            subject: c.subject,
            paragraphs: c.paragraphs,
            reasons: c.reasons,
            alternatives: c.alternatives,
            conditions: c.conditions,
            actions: c
                .actions
                .into_iter()
                .map(|a| ActionForm {
                    action: a.action,
                    owner: a.owner,
                    due: a.due.map(|x| x.to_string()).unwrap_or_default(),
                })
                .collect(),
            review_date: c.review_date.map(|x| x.to_string()).unwrap_or_default(),
            reduction: c.effective_from.is_some(),
            effective_from: c.effective_from.map(|x| x.to_string()).unwrap_or_default(),
            assents: c
                .assents
                .iter()
                .map(|a| a.map(|a| a.code().to_string()).unwrap_or_default())
                .collect(),
        },
        amends: d.amends.map(|(_, n)| n),
        amended_by: d
            .amended_by
            .into_iter()
            .map(|(_, n)| n.unwrap_or_else(|| "draft".into()))
            .collect(),
    })
}

fn decision_input_of(f: &DecisionForm) -> DecisionInput {
    DecisionInput {
        outcome: f.outcome.clone(),
        subject: f.subject.clone(),
        paragraphs: f.paragraphs.clone(),
        reasons: f.reasons.clone(),
        alternatives: f.alternatives.clone(),
        conditions: f.conditions.clone(),
        actions: f
            .actions
            .iter()
            .map(|a| ActionInput {
                action: a.action.clone(),
                owner: a.owner.clone(),
                due: a.due.clone(),
            })
            .collect(),
        review_date: f.review_date.clone(),
        reduction: f.reduction,
        effective_from: f.effective_from.clone(),
        assents: f.assents.clone(),
    }
}

fn workspace(s: &Store, item_id: i64) -> Result<ItemWorkspace, AppError> {
    let meeting_id = s.item_meeting(item_id)?;
    let meeting = meeting_dto(s, to_id(meeting_id)?)?;
    let agenda = s.agenda(meeting_id)?;
    let pos = agenda
        .iter()
        .position(|i| i.id == item_id)
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, "The item is not on its agenda"))?;
    let previous_item = pos
        .checked_sub(1)
        .and_then(|p| agenda.get(p))
        .map(|i| to_id(i.id))
        .transpose()?;
    let next_item = agenda.get(pos + 1).map(|i| to_id(i.id)).transpose()?;
    let entry = agenda
        .into_iter()
        .nth(pos)
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, "The item is not on its agenda"))?;
    let date = panel_core::year::parse_iso_date(&meeting.meeting.date)
        .ok_or_else(|| AppError::new(ErrorCode::Storage, "The meeting's date is damaged"))?;
    let case = match &entry.case {
        Some((reference, _)) => {
            let detail = s.case(s.case_id(reference)?)?;
            // Costs as they stand on the meeting's date.
            Some(case_dto(s, detail, date)?)
        }
        None => None,
    };
    let decisions = s.item_decisions(item_id)?;
    let placement = decisions
        .iter()
        .rev()
        .find_map(|d| d.placement_id)
        .or_else(|| {
            case.as_ref()
                .and_then(|c| c.placements.last())
                .map(|p| i64::from(p.id))
        });
    let settings = s.settings()?;
    let ratifies = match entry.ratifies {
        Some((id, _)) => Some(decision_dto(s.decision(id)?)?),
        None => None,
    };
    Ok(ItemWorkspace {
        editable: matches!(
            meeting.meeting.minutes_status,
            panel_core::model::MinutesStatus::Draft | panel_core::model::MinutesStatus::Circulated
        ),
        // The item as the agenda shows it, with its times.
        item: agenda_dtos(s, meeting_id)?
            .into_iter()
            .nth(pos)
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, "The item is not on its agenda"))?,
        meeting,
        case,
        decisions: decisions
            .into_iter()
            .map(decision_dto)
            .collect::<Result<_, _>>()?,
        interests: s
            .interests(item_id)?
            .into_iter()
            .map(|i| {
                Ok(InterestDto {
                    id: to_id(i.id)?,
                    attendee_id: to_id(i.attendee_id)?,
                    name: i.name,
                    agency: i.agency,
                    interest: i.interest,
                    dispensation: i.dispensation,
                })
            })
            .collect::<Result<_, AppError>>()?,
        default_review: s.default_review_date(placement, date)?.to_string(),
        earliest_reduction: earliest_reduction(date, settings.notice_months).to_string(),
        notice_months: settings.notice_months,
        previous_item,
        next_item,
        ratifies,
    })
}

/// Everything the chair's screen shows for an agenda item.
#[tauri::command]
#[specta::specta]
pub fn item_workspace(state: State<'_, AppState>, item_id: i32) -> Result<ItemWorkspace, AppError> {
    state.with(|s| workspace(s, i64::from(item_id)))
}

/// Saves the draft decision on an item (new when `decision_id` is null); returns its id.
#[tauri::command]
#[specta::specta]
pub fn save_decision(
    state: State<'_, AppState>,
    item_id: i32,
    decision_id: Option<i32>,
    placement_id: Option<i32>,
    input: DecisionForm,
) -> Result<i32, AppError> {
    state.with(|s| {
        let partners = s.partners()?.len();
        let draft =
            decision_input(&decision_input_of(&input), partners).map_err(AppError::fields)?;
        to_id(s.save_decision(
            i64::from(item_id),
            decision_id.map(i64::from),
            placement_id.map(i64::from),
            &draft,
        )?)
    })
}

/// The screen for recording a chair's action on a case between meetings (rule 15).
#[tauri::command]
#[specta::specta]
pub fn chair_action_workspace(
    state: State<'_, AppState>,
    case_id: i32,
) -> Result<ChairActionWorkspace, AppError> {
    let today = today();
    state.with(|s| {
        let case_id = i64::from(case_id);
        let detail = s.case(case_id)?;
        let draft = s.chair_action_draft(case_id)?;
        let decided_on = draft.as_ref().map_or(today, |d| d.decided_on);
        let placement = draft
            .as_ref()
            .and_then(|d| d.placement_id)
            .or_else(|| detail.placements.last().map(|p| p.id));
        let settings = s.settings()?;
        Ok(ChairActionWorkspace {
            case: case_dto(s, detail, today)?,
            draft: draft.map(decision_dto).transpose()?,
            today: today.to_string(),
            default_review: s.default_review_date(placement, decided_on)?.to_string(),
            earliest_reduction: earliest_reduction(decided_on, settings.notice_months).to_string(),
            notice_months: settings.notice_months,
        })
    })
}

/// Saves a draft chair's action on a case (new when `decision_id` is null), taken on
/// `decided_on` as typed; returns its id.
#[tauri::command]
#[specta::specta]
pub fn save_chair_action(
    state: State<'_, AppState>,
    case_id: i32,
    decision_id: Option<i32>,
    placement_id: Option<i32>,
    decided_on: String,
    input: DecisionForm,
) -> Result<i32, AppError> {
    state.with(|s| {
        let partners = s.partners()?.len();
        let date = chair_action_date(&decided_on, today());
        let draft = decision_input(&decision_input_of(&input), partners);
        let (date, draft) = match (date, draft) {
            (Ok(date), Ok(draft)) => (date, draft),
            (date, draft) => {
                let mut problems: Vec<FieldError> = date.err().into_iter().collect();
                problems.extend(draft.err().unwrap_or_default());
                return Err(AppError::fields(problems));
            }
        };
        to_id(s.save_chair_action(
            i64::from(case_id),
            decision_id.map(i64::from),
            placement_id.map(i64::from),
            date,
            &draft,
        )?)
    })
}

/// Finalises a draft decision: numbers and locks it, or says what stops it.
#[tauri::command]
#[specta::specta]
pub fn finalise_decision(state: State<'_, AppState>, id: i32) -> Result<String, AppError> {
    state.with(|s| Ok(s.finalise_decision(i64::from(id))?.to_string()))
}

/// Starts an amending decision of a final one where it is made: at the agenda item
/// `item_id` (a meeting whose minutes are open), or with none as a chair's action taken on
/// `decided_on` (dd/mm/yyyy, no later than today). Returns the new draft's id.
#[tauri::command]
#[specta::specta]
pub fn amend_decision(
    state: State<'_, AppState>,
    id: i32,
    item_id: Option<i32>,
    decided_on: Option<String>,
) -> Result<i32, AppError> {
    let today = today();
    let date = match (&item_id, decided_on) {
        (Some(_), _) => today,
        (None, Some(d)) => chair_action_date(&d, today).map_err(|e| AppError::fields(vec![e]))?,
        (None, None) => today,
    };
    state.with(|s| to_id(s.amend_decision(i64::from(id), item_id.map(i64::from), date)?))
}

/// Discards a draft decision.
#[tauri::command]
#[specta::specta]
pub fn discard_decision(state: State<'_, AppState>, id: i32) -> Result<(), AppError> {
    state.with(|s| Ok(s.discard_draft(i64::from(id))?))
}

/// Records an interest declared on an item (rule 13); returns its id.
#[tauri::command]
#[specta::specta]
pub fn declare_interest(
    state: State<'_, AppState>,
    item_id: i32,
    input: InterestInput,
) -> Result<i32, AppError> {
    let attendee = input
        .attendee_id
        .trim()
        .parse::<i64>()
        .map_err(|_| FieldError::new("attendee_id", "Choose who declared the interest"));
    let interest = text_input("interest", "Interest", &input.interest, true, 1000);
    let dispensation = text_input(
        "dispensation",
        "Dispensation",
        &input.dispensation,
        false,
        1000,
    );
    let (attendee, interest, dispensation) = match (attendee, interest, dispensation) {
        (Ok(a), Ok(i), Ok(d)) => (a, i, d),
        (a, i, d) => {
            return Err(AppError::fields(
                [a.err(), i.err(), d.err()].into_iter().flatten().collect(),
            ));
        }
    };
    state.with(|s| {
        to_id(s.declare_interest(
            i64::from(item_id),
            attendee,
            &interest,
            Some(dispensation.as_str()).filter(|d| !d.is_empty()),
        )?)
    })
}

/// Removes an interest recorded in error.
#[tauri::command]
#[specta::specta]
pub fn remove_interest(state: State<'_, AppState>, id: i32) -> Result<(), AppError> {
    state.with(|s| Ok(s.remove_interest(i64::from(id))?))
}

/// Moves a meeting's minutes on to `to` (rule 16).
#[tauri::command]
#[specta::specta]
pub fn advance_minutes(
    state: State<'_, AppState>,
    meeting_id: i32,
    to: String,
) -> Result<(), AppError> {
    let to = MinutesStatus::parse(&to).map_err(|e| AppError::new(ErrorCode::Validation, e))?;
    state.with(|s| Ok(s.advance_minutes(i64::from(meeting_id), to)?))
}
