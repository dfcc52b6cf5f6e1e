//! Commands of a pooled year's contributions (rule 7): each one call of `panel_app::pool`.

use panel_app::pool;
use tauri::State;

use crate::commands::AppState;
use crate::error::AppError;

pub use panel_app::pool::{
    ContributionEntry, ContributionInput, ContributionRow, ContributionsDto,
};

/// A pooled year's contributions: `year` as `2026/27`, or none for this year's (or the
/// latest agreement's).
#[tauri::command]
#[specta::specta]
pub fn contributions(
    state: State<'_, AppState>,
    year: Option<String>,
) -> Result<ContributionsDto, AppError> {
    state.with(|s| Ok(pool::screen_for(s, year.as_deref(), crate::cases::today())?))
}

/// Records part of a partner's contribution called, or paid in.
#[tauri::command]
#[specta::specta]
pub fn record_contribution(
    state: State<'_, AppState>,
    input: ContributionInput,
) -> Result<ContributionsDto, AppError> {
    state.with(|s| Ok(pool::record_typed(s, &input, crate::cases::today())?))
}
