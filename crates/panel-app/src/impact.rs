//! What a decision does to the pool (rule 7), its use cases: each partner's projected spend
//! for the decision's year and the next, before and after it — for the chair before finalising,
//! and as kept with a final decision. The figures are the ones the record prints.

use panel_core::field::{FieldError, parse_date_input};
use panel_core::impact::YearImpact;
use panel_core::ports::{DecisionsStore, Error, Result, SettingsStore};
use serde::{Deserialize, Serialize};
use specta::Type;

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

fn years(s: &(impl SettingsStore + ?Sized), impact: &[YearImpact]) -> Result<Vec<ImpactYear>> {
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
pub fn preview(
    s: &(impl SettingsStore + DecisionsStore + ?Sized),
    query: &ImpactQuery,
) -> Result<Vec<ImpactYear>> {
    let on =
        parse_date_input("decided_on", "Decided on", &query.decided_on).map_err(Error::field)?;
    let outcome = panel_core::model::Outcome::parse(&query.outcome)
        .map_err(|e| Error::field(FieldError::labelled("outcome", "Outcome", e)))?;
    let impact = s.impact_for(query.placement_id.map(i64::from), on, outcome)?;
    years(s, &impact)
}

/// What a decision does to the pool: as kept when it was finalised, or for a draft now.
pub fn of_decision(
    s: &(impl SettingsStore + DecisionsStore + ?Sized),
    decision_id: i64,
) -> Result<Vec<ImpactYear>> {
    let impact = s.decision_impact(decision_id)?;
    years(s, &impact)
}
