//! A pooled year's contributions for finance officers (rule 7): what each partner's
//! contribution is, what was called from it and what it paid in, with every call and receipt;
//! recording one. The figures are the store's, the same as `panel contributions` prints.

use panel_core::FinancialYear;
use panel_core::field::{FieldError, parse_date_input};
use panel_core::model::PoolKind;
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::State;

use crate::commands::AppState;
use crate::error::AppError;

/// A partner's contribution to a pooled year.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ContributionRow {
    /// The partner's code.
    pub partner: String,
    /// Its name.
    pub name: String,
    /// Its contribution, as the agreement gives it.
    pub agreed: String,
    /// Called so far.
    pub called: String,
    /// Paid in so far.
    pub paid_in: String,
    /// Still to call.
    pub to_call: String,
    /// Called and not yet paid in.
    pub outstanding: String,
}

/// A call or a receipt.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ContributionEntry {
    /// The partner's code.
    pub partner: String,
    /// "Called" or "Received".
    pub kind: String,
    /// The day (ISO).
    pub on: String,
    /// How much.
    pub amount: String,
    /// The invoice's or remittance's reference.
    pub reference: String,
}

/// A pooled year's contributions.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ContributionsDto {
    /// The year, e.g. `2026/27`; blank when no year has an agreement.
    pub year: String,
    /// The years with a pooled budget agreement, newest first.
    pub years: Vec<String>,
    /// A row a partner.
    pub partners: Vec<ContributionRow>,
    /// Every call and receipt of the year, by day.
    pub entries: Vec<ContributionEntry>,
    /// After recording one, what was recorded, in a sentence.
    pub recorded: Option<String>,
}

/// A call or receipt as typed.
#[derive(Clone, Debug, Deserialize, Type)]
pub struct ContributionInput {
    /// The partner's code.
    pub partner: String,
    /// The pooled year, e.g. `2026/27`.
    pub year: String,
    /// True for a call, false for money paid in.
    pub call: bool,
    /// The day, dd/mm/yyyy.
    pub on: String,
    /// How much.
    pub amount: String,
    /// The invoice's or remittance's reference.
    pub reference: String,
}

fn contributions_dto(
    s: &panel_store::Store,
    year: Option<FinancialYear>,
) -> Result<ContributionsDto, AppError> {
    let today = crate::cases::today();
    let mut years: Vec<FinancialYear> = s.agreements()?.into_iter().map(|a| a.year).collect();
    years.sort_by_key(|y| std::cmp::Reverse(y.start_year()));
    let current = FinancialYear::containing(today);
    let Some(year) = year.or_else(|| {
        years
            .iter()
            .copied()
            .find(|y| *y == current)
            .or(years.first().copied())
    }) else {
        return Ok(ContributionsDto {
            year: String::new(),
            years: Vec::new(),
            partners: Vec::new(),
            entries: Vec::new(),
            recorded: None,
        });
    };
    let position = s.pool_position(year, today)?;
    Ok(ContributionsDto {
        year: year.to_string(),
        years: years.iter().map(|y| y.to_string()).collect(),
        partners: position
            .into_iter()
            .map(|p| ContributionRow {
                to_call: (p.agreed - p.called).to_string(),
                outstanding: (p.called - p.received).to_string(),
                partner: p.partner,
                name: p.name,
                agreed: p.agreed.to_string(),
                called: p.called.to_string(),
                paid_in: p.received.to_string(),
            })
            .collect(),
        entries: s
            .pool_entries(Some(year))?
            .into_iter()
            .map(|e| ContributionEntry {
                partner: e.partner,
                kind: e.kind.label().to_string(),
                on: e.on.to_string(),
                amount: e.amount.to_string(),
                reference: e.reference,
            })
            .collect(),
        recorded: None,
    })
}

fn parse_year(year: &str) -> Result<FinancialYear, FieldError> {
    year.parse::<FinancialYear>()
        .map_err(|e| FieldError::labelled("year", "Year", e.to_string()))
}

/// A pooled year's contributions: `year` as `2026/27`, or none for this year's (or the
/// latest agreement's).
#[tauri::command]
#[specta::specta]
pub fn contributions(
    state: State<'_, AppState>,
    year: Option<String>,
) -> Result<ContributionsDto, AppError> {
    let year = year
        .as_deref()
        .map(parse_year)
        .transpose()
        .map_err(|e| AppError::fields(vec![e]))?;
    state.with(|s| contributions_dto(s, year))
}

/// Records part of a partner's contribution called, or paid in.
#[tauri::command]
#[specta::specta]
pub fn record_contribution(
    state: State<'_, AppState>,
    input: ContributionInput,
) -> Result<ContributionsDto, AppError> {
    let year = parse_year(&input.year);
    let on = parse_date_input("on", "On", &input.on);
    let amount = panel_core::Money::parse("Amount", &input.amount)
        .map_err(|e| FieldError::labelled("amount", "Amount", e.problem()));
    let (year, on, amount) = match (year, on, amount) {
        (Ok(y), Ok(on), Ok(a)) => (y, on, a),
        (y, on, a) => {
            return Err(AppError::fields(
                [y.err(), on.err(), a.err()].into_iter().flatten().collect(),
            ));
        }
    };
    let kind = if input.call {
        PoolKind::Call
    } else {
        PoolKind::Receipt
    };
    state.with(|s| {
        let after = s.record_pool_entry(
            &input.partner,
            year,
            kind,
            on,
            amount,
            &input.reference,
            crate::cases::today(),
        )?;
        let mut dto = contributions_dto(s, Some(year))?;
        dto.recorded = Some(after.recorded(kind, amount, on, year));
        Ok(dto)
    })
}
