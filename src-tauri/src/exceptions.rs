//! What an auditor would ask about (rule 20) for administrators: the exceptions as of a day,
//! each opening the case or meeting it is about; printed or saved as CSV. The figures are the
//! store's, the same as `panel exceptions` prints.

use panel_core::field::{FieldError, parse_date_input};
use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, State};

use crate::commands::{AppState, to_id};
use crate::documents::{CSV, PDF, SavedDocument, save_as};
use crate::error::AppError;

/// One exception, for the screen.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ExceptionRow {
    /// Its kind's code, e.g. `review_overdue`.
    pub kind: String,
    /// The case's reference and initials, e.g. `CN-0001 (A.B.)`, when it is about one.
    pub case: Option<String>,
    /// The case, by id, to open it.
    pub case_id: Option<i32>,
    /// The year, when it is about one.
    pub year: Option<String>,
    /// The decision's number, when it is about one.
    pub decision: Option<String>,
    /// The meeting, by id, and its date (ISO), when it is about one.
    pub meeting: Option<(i32, String)>,
    /// The action's place in its decision (from 1), when it is about one.
    pub action: Option<u32>,
    /// What is wrong.
    pub detail: String,
}

/// The exceptions of one kind.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ExceptionGroup {
    /// The kind's code.
    pub kind: String,
    /// The kind in words.
    pub label: String,
    /// Whether the panel itself has to take these up.
    pub for_the_panel: bool,
    /// The exceptions.
    pub rows: Vec<ExceptionRow>,
}

/// The exceptions as of a day, by kind (every kind, found or not).
#[derive(Clone, Debug, Serialize, Type)]
pub struct ExceptionsDto {
    /// The day (ISO).
    pub as_of: String,
    /// How many in all.
    pub count: u32,
    /// By kind, in order.
    pub groups: Vec<ExceptionGroup>,
}

fn as_of(text: &str) -> Result<chrono::NaiveDate, AppError> {
    parse_date_input("as_of", "As of", text).map_err(|e: FieldError| AppError::fields(vec![e]))
}

/// The exceptions as of `as_of` (dd/mm/yyyy).
#[tauri::command]
#[specta::specta]
pub fn exceptions(state: State<'_, AppState>, as_of: String) -> Result<ExceptionsDto, AppError> {
    let day = self::as_of(&as_of)?;
    state.with(|s| {
        let found = s.exceptions(day)?;
        let groups = panel_core::model::ExceptionKind::ALL
            .iter()
            .map(|kind| {
                Ok(ExceptionGroup {
                    kind: kind.code().to_string(),
                    label: kind.label().to_string(),
                    for_the_panel: kind.needs_the_panel(),
                    rows: found
                        .iter()
                        .filter(|e| e.kind == *kind)
                        .map(|e| {
                            Ok(ExceptionRow {
                                kind: e.kind.code().to_string(),
                                case: e.case.as_ref().map(|(r, i)| format!("{r} ({i})")),
                                case_id: e.case_id.map(to_id).transpose()?,
                                year: e.year.map(|y| y.to_string()),
                                decision: e.decision.clone(),
                                meeting: e
                                    .meeting
                                    .map(|(id, on)| Ok::<_, AppError>((to_id(id)?, on.to_string())))
                                    .transpose()?,
                                action: e.action.and_then(|a| u32::try_from(a).ok()),
                                detail: e.detail.clone(),
                            })
                        })
                        .collect::<Result<_, AppError>>()?,
                })
            })
            .collect::<Result<_, AppError>>()?;
        Ok(ExceptionsDto {
            as_of: day.to_string(),
            count: u32::try_from(found.len()).unwrap_or(u32::MAX),
            groups,
        })
    })
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
    let day = self::as_of(&as_of)?;
    let (name, bytes, kind) = state.with(|s| {
        let found = s.exceptions(day)?;
        let stem = format!("Exceptions {day}");
        Ok(if csv {
            (
                format!("{stem}.csv"),
                panel_store::exceptions_csv(day, &found).into_bytes(),
                CSV,
            )
        } else {
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

/// An action recorded as done, as typed.
#[derive(Clone, Debug, serde::Deserialize, Type)]
pub struct ActionDoneInput {
    /// The decision's number.
    pub decision: String,
    /// The action's place in it, from 1.
    pub action: u32,
    /// The day it was done, dd/mm/yyyy.
    pub on: String,
    /// What was done.
    pub note: String,
}

/// Records an action of a final decision as done, which clears it from the exceptions.
#[tauri::command]
#[specta::specta]
pub fn complete_action(state: State<'_, AppState>, input: ActionDoneInput) -> Result<(), AppError> {
    let on = parse_date_input("on", "Done on", &input.on).map_err(|e| AppError::fields(vec![e]))?;
    state.with(|s| {
        s.complete_action(
            &input.decision,
            input.action as usize,
            on,
            &input.note,
            crate::cases::today(),
        )?;
        Ok(())
    })
}
