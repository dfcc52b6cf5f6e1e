//! Commands of the settings screen.

use panel_core::Money;
use panel_core::settings::{agreement_input, partner_input, settings_input};
use tauri::State;

use crate::commands::AppState;
use crate::dto::*;
use crate::error::AppError;

/// The settings, partners and agreements.
#[tauri::command]
#[specta::specta]
pub fn get_settings(state: State<'_, AppState>) -> Result<SettingsDto, AppError> {
    state.with(|s| {
        let st = s.settings()?;
        let f = s.finance_settings()?;
        Ok(SettingsDto {
            finance: FinanceInput {
                escalation_days: f.escalation_days.to_string(),
                lead_partner: f.lead_partner.unwrap_or_default(),
                statement_months: f.statement_months.to_string(),
                uplift: f.uplift.to_string(),
            },
            form: SettingsInput {
                authority: st.authority,
                panel_name: st.panel_name,
                decision_prefix: st.decision_prefix,
                first_review_months: st.first_review_months.to_string(),
                review_months: st.review_months.to_string(),
                notice_months: st.notice_months.to_string(),
                quorum: st.quorum.code().to_string(),
            },
            partners: crate::dto::partner_dtos(s.partners()?),
            agreements: s
                .agreements()?
                .into_iter()
                .map(|a| AgreementDto {
                    year: a.year.to_string(),
                    risk_share: a.risk_share.code().to_string(),
                    total: a.contributions.iter().copied().sum::<Money>().to_string(),
                    contributions: a.contributions.iter().map(|m| m.to_plain()).collect(),
                })
                .collect(),
        })
    })
}

/// Saves the panel's settings.
#[tauri::command]
#[specta::specta]
pub fn save_settings(state: State<'_, AppState>, input: SettingsInput) -> Result<(), AppError> {
    let st = settings_input(
        &input.authority,
        &input.panel_name,
        &input.decision_prefix,
        &input.first_review_months,
        &input.review_months,
        &input.notice_months,
        &input.quorum,
    )
    .map_err(AppError::fields)?;
    state.with(|s| Ok(s.save_settings(&st)?))
}

/// Saves the finance settings.
#[tauri::command]
#[specta::specta]
pub fn save_finance_settings(
    state: State<'_, AppState>,
    input: FinanceInput,
) -> Result<(), AppError> {
    let f = panel_core::settings::finance_input(
        &input.escalation_days,
        &input.lead_partner,
        &input.statement_months,
        &input.uplift,
    )
    .map_err(AppError::fields)?;
    state.with(|s| Ok(s.save_finance_settings(&f)?))
}

/// Adds a funding partner.
#[tauri::command]
#[specta::specta]
pub fn add_partner(state: State<'_, AppState>, input: PartnerInput) -> Result<(), AppError> {
    let p = partner_input(&input.code, &input.name).map_err(AppError::fields)?;
    state.with(|s| Ok(s.add_partner(&p)?))
}

/// Renames a funding partner.
#[tauri::command]
#[specta::specta]
pub fn rename_partner(state: State<'_, AppState>, input: PartnerInput) -> Result<(), AppError> {
    let p = partner_input(&input.code, &input.name).map_err(AppError::fields)?;
    state.with(|s| Ok(s.rename_partner(&p.code, &p.name)?))
}

/// Sets the names a partner also goes by in a spreadsheet's headings.
#[tauri::command]
#[specta::specta]
pub fn set_partner_aliases(
    state: State<'_, AppState>,
    input: PartnerAliasesInput,
) -> Result<Vec<String>, AppError> {
    state.with(|s| Ok(s.set_partner_aliases(&input.code, &[input.aliases])?))
}

/// Creates or replaces a year's pooled-budget agreement.
#[tauri::command]
#[specta::specta]
pub fn save_agreement(state: State<'_, AppState>, input: AgreementInput) -> Result<(), AppError> {
    state.with(|s| {
        let partners = s.partners()?.len();
        let a = agreement_input(
            &input.year,
            &input.risk_share,
            &input.contributions,
            partners,
        )
        .map_err(AppError::fields)?;
        Ok(s.save_agreement(&a)?)
    })
}
