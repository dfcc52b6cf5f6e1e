//! What a decision does to the pool, for the chair before finalising it and as kept with a
//! final decision: each partner's projected spend for the decision's year and the next,
//! before and after it. The figures are the store's, the same as the record prints.

use panel_core::field::parse_date_input;
use panel_core::impact::YearImpact;
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::State;

use crate::commands::AppState;
use crate::error::AppError;

/// A partner's line of a year's impact.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ImpactLine {
    /// The partner's name, or "Pool".
    pub name: String,
    /// Projected spend before the decision.
    pub before: String,
    /// And after it.
    pub after: String,
    /// The change, e.g. `£18,711.43` or `-£120.00`.
    pub change: String,
}

/// A year's impact.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ImpactYear {
    /// `2026/27`.
    pub year: String,
    /// Each partner's line, then the pool's.
    pub lines: Vec<ImpactLine>,
    /// What it does, in a sentence.
    pub words: String,
}

/// What a decision would do, as the chair sees it before finalising.
#[derive(Clone, Debug, Deserialize, Type)]
pub struct ImpactQuery {
    /// The placement the decision is about, if any.
    pub placement_id: Option<i32>,
    /// The outcome's code.
    pub outcome: String,
    /// When it is decided, dd/mm/yyyy.
    pub decided_on: String,
}

fn years(s: &panel_store::Store, impact: &[YearImpact]) -> Result<Vec<ImpactYear>, AppError> {
    let names: Vec<String> = s.partners()?.into_iter().map(|p| p.name).collect();
    Ok(impact
        .iter()
        .map(|y| {
            let at = |v: &[panel_core::Money], k: usize| v.get(k).copied().unwrap_or_default();
            let mut lines: Vec<ImpactLine> = names
                .iter()
                .enumerate()
                .map(|(k, name)| ImpactLine {
                    name: name.clone(),
                    before: at(&y.before, k).to_string(),
                    after: at(&y.after, k).to_string(),
                    change: (at(&y.after, k) - at(&y.before, k)).to_string(),
                })
                .collect();
            lines.push(ImpactLine {
                name: "Pool".into(),
                before: y.spend_before().to_string(),
                after: y.spend_after().to_string(),
                change: (y.spend_after() - y.spend_before()).to_string(),
            });
            ImpactYear {
                year: y.year.to_string(),
                lines,
                words: y.words(),
            }
        })
        .collect())
}

/// What a decision with this outcome, on this day, about this placement would do to the pool.
#[tauri::command]
#[specta::specta]
pub fn impact_preview(
    state: State<'_, AppState>,
    query: ImpactQuery,
) -> Result<Vec<ImpactYear>, AppError> {
    let on = parse_date_input("decided_on", "Decided on", &query.decided_on)
        .map_err(|e| AppError::fields(vec![e]))?;
    let outcome = panel_core::model::Outcome::parse(&query.outcome).map_err(|e| {
        AppError::fields(vec![panel_core::field::FieldError::labelled(
            "outcome", "Outcome", e,
        )])
    })?;
    state.with(|s| {
        let impact = s.impact_for(query.placement_id.map(i64::from), on, outcome)?;
        years(s, &impact)
    })
}

/// What a decision does to the pool: as kept when it was finalised, or for a draft now.
#[tauri::command]
#[specta::specta]
pub fn decision_impact(
    state: State<'_, AppState>,
    decision_id: i32,
) -> Result<Vec<ImpactYear>, AppError> {
    state.with(|s| {
        let impact = s.decision_impact(i64::from(decision_id))?;
        years(s, &impact)
    })
}
