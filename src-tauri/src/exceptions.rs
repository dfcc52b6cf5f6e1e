//! Commands of the exceptions (rule 20): each one call of `panel_app::exceptions`, the
//! printed list laid out by `panel-pdf`.

use panel_app::exceptions;
use tauri::{AppHandle, State};

use crate::commands::AppState;
use crate::documents::{CSV, PDF, SavedDocument, save_as};
use crate::error::AppError;

pub use panel_app::exceptions::{ActionDoneInput, ExceptionGroup, ExceptionRow, ExceptionsDto};

/// The exceptions as of `as_of` (dd/mm/yyyy).
#[tauri::command]
#[specta::specta]
pub fn exceptions(state: State<'_, AppState>, as_of: String) -> Result<ExceptionsDto, AppError> {
    state.with(|s| Ok(exceptions::screen(s, &as_of)?))
}

/// Saves the exceptions as of `as_of` as PDF (opened once saved) or CSV.
#[tauri::command]
#[specta::specta]
pub async fn save_exceptions(
    app: AppHandle,
    state: State<'_, AppState>,
    as_of: String,
    csv: bool,
) -> Result<Option<SavedDocument>, AppError> {
    let day = exceptions::as_of(&as_of)?;
    let (name, bytes, kind) = state.with(|s| {
        let stem = format!("Exceptions {day}");
        Ok(if csv {
            (
                format!("{stem}.csv"),
                exceptions::csv(s, day)?.into_bytes(),
                CSV,
            )
        } else {
            let found = exceptions::list(s, day)?;
            let paper =
                panel_app::documents::exceptions_paper(s, &found, day, crate::cases::today())?;
            (
                format!("{stem}.pdf"),
                panel_pdf::exceptions_pdf(&paper)?,
                PDF,
            )
        })
    })?;
    save_as(&app, &name, &bytes, kind).await
}

/// Records an action of a final decision as done, which clears it from the exceptions.
#[tauri::command]
#[specta::specta]
pub fn complete_action(state: State<'_, AppState>, input: ActionDoneInput) -> Result<(), AppError> {
    state.with(|s| {
        Ok(exceptions::complete_action(
            s,
            &input,
            crate::cases::today(),
        )?)
    })
}
