//! Commands of the indicative budget: the resource allocation tables on the settings screen, a
//! case's assessments on its page, and the budget beside a decision's package on the chair's
//! screen. Each one call of `panel_app::indicative`.

use panel_app::indicative;
use tauri::State;

use crate::commands::{AppState, to_id};
use crate::error::AppError;

pub use panel_app::indicative::{
    AllocationTableDto, AssessmentDto, AssessmentForm, IndicativeDto, ScoreDto,
};

/// Every table, latest year first.
#[tauri::command]
#[specta::specta]
pub fn allocation_tables(state: State<'_, AppState>) -> Result<Vec<AllocationTableDto>, AppError> {
    state.with(|s| Ok(indicative::tables(s)?))
}

/// Sets a year's table as typed, replacing the one there was; refused field by field.
#[tauri::command]
#[specta::specta]
pub fn save_allocation_table(
    state: State<'_, AppState>,
    table: AllocationTableDto,
) -> Result<(), AppError> {
    state.with(|s| Ok(indicative::save_table(s, &table)?))
}

/// Removes a year's table; assessments made with it keep their points.
#[tauri::command]
#[specta::specta]
pub fn remove_allocation_table(state: State<'_, AppState>, year: String) -> Result<(), AppError> {
    state.with(|s| Ok(indicative::remove_table(s, &year)?))
}

/// The table an assessment on `on` (dd/mm/yyyy) is made with, if its year has one.
#[tauri::command]
#[specta::specta]
pub fn table_for_day(
    state: State<'_, AppState>,
    on: String,
) -> Result<Option<AllocationTableDto>, AppError> {
    state.with(|s| Ok(indicative::table_for_day(s, &on)?))
}

/// A case's assessments, latest first.
#[tauri::command]
#[specta::specta]
pub fn case_assessments(
    state: State<'_, AppState>,
    case_id: i32,
) -> Result<Vec<AssessmentDto>, AppError> {
    state.with(|s| Ok(indicative::case_assessments(s, i64::from(case_id))?))
}

/// Records an assessment; refused field by field (`assessed_on`, `scores.K`).
#[tauri::command]
#[specta::specta]
pub fn record_assessment(
    state: State<'_, AppState>,
    form: AssessmentForm,
) -> Result<i32, AppError> {
    state.with(|s| {
        to_id(indicative::record_assessment(
            s,
            &form,
            crate::cases::today(),
        )?)
    })
}

/// The indicative budget beside placement `placement_id` for a decision on `decided_on`
/// (dd/mm/yyyy), from its case's latest assessment by then: what the chair sees.
#[tauri::command]
#[specta::specta]
pub fn indicative_preview(
    state: State<'_, AppState>,
    placement_id: i32,
    decided_on: String,
) -> Result<Option<IndicativeDto>, AppError> {
    state.with(|s| {
        Ok(indicative::preview(
            s,
            i64::from(placement_id),
            &decided_on,
        )?)
    })
}

/// The indicative budget of a decision: as kept when finalised, or for a draft now.
#[tauri::command]
#[specta::specta]
pub fn decision_indicative(
    state: State<'_, AppState>,
    decision_id: i32,
) -> Result<Option<IndicativeDto>, AppError> {
    state.with(|s| Ok(indicative::of_decision(s, i64::from(decision_id))?))
}
