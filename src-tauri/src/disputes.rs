//! Disputes between partners for finance officers (rule 18): a line of an issued statement
//! (or its placement's split) disputed, the register, a dispute withdrawn or brought to a
//! meeting, and the register saved as CSV. The store holds the rules; these are its doors.

use panel_core::model::{DisputeReason, DisputeScope, DisputeStatus};
use panel_store::DisputeEntry;
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::{AppHandle, State};

use crate::commands::{AppState, to_id};
use crate::documents::{CSV, SavedDocument, save_as};
use crate::error::AppError;

/// A dispute as typed against a line of an issued statement.
#[derive(Clone, Debug, Deserialize, Type)]
pub struct DisputeInput {
    /// The statement's number.
    pub statement: String,
    /// The line, from 1.
    pub line: u32,
    /// `line` or `split`.
    pub scope: String,
    /// The reason's code.
    pub reason: String,
    /// What the partner says.
    pub note: String,
}

/// A dispute on the register, for the screen.
#[derive(Clone, Debug, Serialize, Type)]
pub struct DisputeRow {
    /// Its number, e.g. `DSP/26-27/001`.
    pub number: String,
    /// The partner's code.
    pub partner: String,
    /// Its name.
    pub partner_name: String,
    /// The statement disputed.
    pub statement: String,
    /// The line, from 1.
    pub line: u32,
    /// The line or the placement's split.
    pub scope: DisputeScope,
    /// The case, by id.
    pub case_id: i32,
    /// Its reference.
    pub case_reference: String,
    /// The child's initials.
    pub initials: String,
    /// The provider.
    pub provider: String,
    /// Why.
    pub reason: DisputeReason,
    /// Why, in words.
    pub reason_label: String,
    /// What the partner said.
    pub note: String,
    /// Raised (ISO).
    pub raised_on: String,
    /// What it holds as disputed.
    pub amount: String,
    /// Where it stands.
    pub status: DisputeStatus,
    /// Days open (to the day it closed).
    pub age_days: i32,
    /// The day after which it is escalated (ISO).
    pub escalation_date: String,
    /// Open past that day.
    pub escalated: bool,
    /// The meeting whose agenda brings it: its id and date (ISO).
    pub meeting: Option<(i32, String)>,
    /// Closed (ISO).
    pub closed_on: Option<String>,
    /// The decision that resolved it.
    pub decision: Option<String>,
    /// What was said on closing it.
    pub closing_note: String,
}

fn row(d: DisputeEntry) -> Result<DisputeRow, AppError> {
    Ok(DisputeRow {
        case_id: to_id(d.case_id)?,
        reason_label: d.reason.label().to_string(),
        number: d.number,
        partner: d.partner,
        partner_name: d.partner_name,
        statement: d.statement,
        line: d.line,
        scope: d.scope,
        case_reference: d.case_reference,
        initials: d.initials,
        provider: d.provider,
        reason: d.reason,
        note: d.note,
        raised_on: d.raised_on.to_string(),
        amount: d.amount.to_string(),
        status: d.status,
        age_days: i32::try_from(d.age_days).unwrap_or(i32::MAX),
        escalation_date: d.escalation_date.to_string(),
        escalated: d.escalated,
        meeting: d
            .meeting
            .map(|(id, on)| Ok::<_, AppError>((to_id(id)?, on.to_string())))
            .transpose()?,
        closed_on: d.closed_on.map(|c| c.to_string()),
        decision: d.decision,
        closing_note: d.closing_note,
    })
}

/// The register as of today, oldest first.
#[tauri::command]
#[specta::specta]
pub fn list_disputes(state: State<'_, AppState>) -> Result<Vec<DisputeRow>, AppError> {
    let today = crate::cases::today();
    state.with(|s| s.disputes(today)?.into_iter().map(row).collect())
}

/// Records a partner's dispute of a line of an issued statement, today.
#[tauri::command]
#[specta::specta]
pub fn raise_dispute(
    state: State<'_, AppState>,
    input: DisputeInput,
) -> Result<DisputeRow, AppError> {
    let d = panel_core::statement::new_dispute(&input.scope, &input.reason, &input.note)
        .map_err(AppError::fields)?;
    state.with(|s| {
        let entry = s.raise_dispute(&input.statement, input.line, &d, crate::cases::today())?;
        row(entry)
    })
}

/// Withdraws an open dispute today, with what was said.
#[tauri::command]
#[specta::specta]
pub fn withdraw_dispute(
    state: State<'_, AppState>,
    number: String,
    note: String,
) -> Result<DisputeRow, AppError> {
    state.with(|s| {
        let entry = s.withdraw_dispute(&number, &note, crate::cases::today())?;
        row(entry)
    })
}

/// Brings an open dispute to a meeting as an agenda item; answers the item's id.
#[tauri::command]
#[specta::specta]
pub fn bring_dispute(
    state: State<'_, AppState>,
    number: String,
    meeting_id: i32,
) -> Result<i32, AppError> {
    state.with(|s| to_id(s.bring_dispute_to_panel(&number, i64::from(meeting_id))?))
}

/// Saves the register as of today as CSV.
#[tauri::command]
#[specta::specta]
pub async fn save_disputes(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<SavedDocument>, AppError> {
    let today = crate::cases::today();
    let bytes =
        state.with(|s| Ok(panel_store::disputes_csv(today, &s.disputes(today)?).into_bytes()))?;
    save_as(&app, &format!("Disputes {today}.csv"), &bytes, CSV).await
}
