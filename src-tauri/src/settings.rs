//! Commands of the settings screen: each one call of `panel_app::settings`.

use panel_app::settings;
use tauri::State;

use crate::commands::AppState;
use crate::dto::*;
use crate::error::AppError;

/// The settings, partners and agreements.
#[tauri::command]
#[specta::specta]
pub fn get_settings(state: State<'_, AppState>) -> Result<SettingsDto, AppError> {
    state.with(|s| Ok(settings::screen(s)?))
}

/// Saves the panel's settings.
#[tauri::command]
#[specta::specta]
pub fn save_settings(state: State<'_, AppState>, input: SettingsInput) -> Result<(), AppError> {
    state.with(|s| Ok(settings::save_settings(s, &input)?))
}

/// Saves the finance settings.
#[tauri::command]
#[specta::specta]
pub fn save_finance_settings(
    state: State<'_, AppState>,
    input: FinanceInput,
) -> Result<(), AppError> {
    state.with(|s| Ok(settings::save_finance_settings(s, &input)?))
}

/// Adds a funding partner.
#[tauri::command]
#[specta::specta]
pub fn add_partner(state: State<'_, AppState>, input: PartnerInput) -> Result<(), AppError> {
    state.with(|s| Ok(settings::add_partner(s, &input)?))
}

/// Renames a funding partner.
#[tauri::command]
#[specta::specta]
pub fn rename_partner(state: State<'_, AppState>, input: PartnerInput) -> Result<(), AppError> {
    state.with(|s| Ok(settings::rename_partner(s, &input)?))
}

/// Sets the names a partner also goes by in a spreadsheet's headings.
#[tauri::command]
#[specta::specta]
pub fn set_partner_aliases(
    state: State<'_, AppState>,
    input: PartnerAliasesInput,
) -> Result<Vec<String>, AppError> {
    state.with(|s| Ok(settings::set_partner_aliases(s, &input)?))
}

/// Creates or replaces a year's pooled-budget agreement.
#[tauri::command]
#[specta::specta]
pub fn save_agreement(state: State<'_, AppState>, input: AgreementInput) -> Result<(), AppError> {
    state.with(|s| Ok(settings::save_agreement(s, &input)?))
}
