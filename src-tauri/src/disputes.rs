//! Commands of the disputes register (rule 18): each one call of `panel_app::disputes`.

use panel_app::disputes;
use tauri::{AppHandle, State};

use crate::commands::{AppState, to_id};
use crate::documents::{CSV, SavedDocument, save_as};
use crate::error::AppError;

pub use panel_app::disputes::{DisputeInput, DisputeRow};

/// The register as of today, oldest first.
#[tauri::command]
#[specta::specta]
pub fn list_disputes(state: State<'_, AppState>) -> Result<Vec<DisputeRow>, AppError> {
    state.with(|s| Ok(disputes::list(s, crate::cases::today())?))
}

/// Records a partner's dispute of a line of an issued statement, today.
#[tauri::command]
#[specta::specta]
pub fn raise_dispute(
    state: State<'_, AppState>,
    input: DisputeInput,
) -> Result<DisputeRow, AppError> {
    state.with(|s| Ok(disputes::raise_row(s, &input, crate::cases::today())?))
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
        Ok(disputes::withdraw_row(
            s,
            &number,
            &note,
            crate::cases::today(),
        )?)
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
    state.with(|s| {
        let item = disputes::bring(s, &number, i64::from(meeting_id))?;
        to_id(item)
    })
}

/// Saves the register as of today as CSV.
#[tauri::command]
#[specta::specta]
pub async fn save_disputes(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<SavedDocument>, AppError> {
    let today = crate::cases::today();
    let bytes = state.with(|s| Ok(disputes::csv(s, today)?.into_bytes()))?;
    save_as(&app, &format!("Disputes {today}.csv"), &bytes, CSV).await
}
