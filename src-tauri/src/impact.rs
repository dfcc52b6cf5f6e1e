//! Commands of what a decision does to the pool: each one call of `panel_app::impact`.

use panel_app::impact;
use tauri::State;

use crate::commands::AppState;
use crate::error::AppError;

pub use panel_app::impact::{ImpactLine, ImpactQuery, ImpactYear};

/// What a decision with this outcome, on this day, about this placement would do to the pool.
#[tauri::command]
#[specta::specta]
pub fn impact_preview(
    state: State<'_, AppState>,
    query: ImpactQuery,
) -> Result<Vec<ImpactYear>, AppError> {
    state.with(|s| Ok(impact::preview(s, &query)?))
}

/// What a decision does to the pool: as kept when it was finalised, or for a draft now.
#[tauri::command]
#[specta::specta]
pub fn decision_impact(
    state: State<'_, AppState>,
    decision_id: i32,
) -> Result<Vec<ImpactYear>, AppError> {
    state.with(|s| Ok(impact::of_decision(s, i64::from(decision_id))?))
}
