//! The indicative budget: the resource allocation tables on the settings screen, a case's
//! assessments on its page, and the budget beside a decision's package on the chair's screen
//! (as it stands for a draft, as kept for a final decision). Validation is the core's.

use panel_core::field::{FieldError, parse_date_input};
use panel_core::ras::{AreaInput, Indicative, table_input};
use panel_core::year::FinancialYear;
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::State;

use crate::commands::{AppState, to_id};
use crate::error::AppError;

/// A year's table, as the settings screen shows and edits it.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct AllocationTableDto {
    /// The financial year, e.g. `2026/27`.
    pub year: String,
    /// What a point is worth a week, as typed (e.g. `12.50`).
    pub per_point: String,
    /// Its areas with their levels.
    pub areas: Vec<AreaInput>,
}

/// One area's level as assessed.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ScoreDto {
    /// The area.
    pub area: String,
    /// The level.
    pub level: String,
    /// Its points.
    pub points: u32,
}

/// An assessment, for the case page.
#[derive(Clone, Debug, Serialize, Type)]
pub struct AssessmentDto {
    /// Its id.
    pub id: i32,
    /// When it was made (ISO).
    pub assessed_on: String,
    /// The table's year.
    pub year: String,
    /// Its points.
    pub points: u32,
    /// What a point was worth a week, e.g. `£12.50`.
    pub per_point: String,
    /// The indicative weekly budget, e.g. `£812.50`.
    pub budget: String,
    /// Each area's level.
    pub scores: Vec<ScoreDto>,
}

/// An assessment as entered: the day (dd/mm/yyyy) and one level in every area.
#[derive(Clone, Debug, Deserialize, Type)]
pub struct AssessmentForm {
    /// The case.
    pub case_id: i32,
    /// When it was made.
    pub assessed_on: String,
    /// (area, level) pairs, levels named as the table names them.
    pub levels: Vec<(String, String)>,
}

/// The indicative budget beside a package.
#[derive(Clone, Debug, Serialize, Type)]
pub struct IndicativeDto {
    /// When the assessment was made (ISO).
    pub assessed_on: String,
    /// The table's year.
    pub year: String,
    /// The assessment's points.
    pub points: u32,
    /// What a point was worth a week.
    pub per_point: String,
    /// The indicative weekly budget.
    pub budget: String,
    /// The package's weekly cost.
    pub package: String,
    /// The package above (positive) or below the budget, a week, e.g. `£120.00`.
    pub difference: String,
    /// Whether the package costs more than the budget.
    pub above: bool,
    /// The difference in words.
    pub words: String,
}

fn dto(i: &Indicative) -> IndicativeDto {
    IndicativeDto {
        assessed_on: i.assessed_on.to_string(),
        year: i.year.to_string(),
        points: i.points,
        per_point: i.per_point.to_string(),
        budget: i.budget.to_string(),
        package: i.package.to_string(),
        difference: i.difference().to_string(),
        above: i.difference() > panel_core::Money::ZERO,
        words: i.difference_words(),
    }
}

fn table_dto(t: &panel_core::ras::AllocationTable) -> AllocationTableDto {
    AllocationTableDto {
        year: t.year.to_string(),
        per_point: t.per_point.to_plain(),
        areas: t.as_input(),
    }
}

fn year(text: &str) -> Result<FinancialYear, AppError> {
    text.trim().parse::<FinancialYear>().map_err(|e| {
        AppError::fields(vec![FieldError::labelled(
            "year",
            "Financial year",
            e.to_string(),
        )])
    })
}

/// Every table, latest year first.
#[tauri::command]
#[specta::specta]
pub fn allocation_tables(state: State<'_, AppState>) -> Result<Vec<AllocationTableDto>, AppError> {
    state.with(|s| Ok(s.allocation_tables()?.iter().map(table_dto).collect()))
}

/// Sets a year's table as typed, replacing the one there was; refused field by field.
#[tauri::command]
#[specta::specta]
pub fn save_allocation_table(
    state: State<'_, AppState>,
    table: AllocationTableDto,
) -> Result<(), AppError> {
    let t = table_input(&table.year, &table.per_point, &table.areas).map_err(AppError::fields)?;
    state.with(|s| Ok(s.save_allocation_table(&t)?))
}

/// Removes a year's table; assessments made with it keep their points.
#[tauri::command]
#[specta::specta]
pub fn remove_allocation_table(state: State<'_, AppState>, year: String) -> Result<(), AppError> {
    let y = self::year(&year)?;
    state.with(|s| Ok(s.remove_allocation_table(y)?))
}

/// The table an assessment on `on` (dd/mm/yyyy) is made with, if its year has one.
#[tauri::command]
#[specta::specta]
pub fn table_for_day(
    state: State<'_, AppState>,
    on: String,
) -> Result<Option<AllocationTableDto>, AppError> {
    let day = parse_date_input("assessed_on", "Assessed on", &on)
        .map_err(|e| AppError::fields(vec![e]))?;
    state.with(|s| {
        Ok(s.allocation_table(FinancialYear::containing(day))?
            .as_ref()
            .map(table_dto))
    })
}

/// A case's assessments, latest first.
#[tauri::command]
#[specta::specta]
pub fn case_assessments(
    state: State<'_, AppState>,
    case_id: i32,
) -> Result<Vec<AssessmentDto>, AppError> {
    state.with(|s| {
        s.assessments(i64::from(case_id))?
            .into_iter()
            .map(|e| {
                let a = &e.assessment;
                Ok(AssessmentDto {
                    id: to_id(e.id)?,
                    assessed_on: a.assessed_on.to_string(),
                    year: a.year.to_string(),
                    points: a.points(),
                    per_point: a.per_point.to_string(),
                    budget: a.weekly_budget().to_string(),
                    scores: a
                        .scores
                        .iter()
                        .map(|x| ScoreDto {
                            area: x.area.clone(),
                            level: x.level.clone(),
                            points: x.points,
                        })
                        .collect(),
                })
            })
            .collect()
    })
}

/// Records an assessment; refused field by field (`assessed_on`, `scores.K`).
#[tauri::command]
#[specta::specta]
pub fn record_assessment(
    state: State<'_, AppState>,
    form: AssessmentForm,
) -> Result<i32, AppError> {
    let day = parse_date_input("assessed_on", "Assessed on", &form.assessed_on)
        .map_err(|e| AppError::fields(vec![e]))?;
    state.with(|s| {
        to_id(s.record_assessment(
            i64::from(form.case_id),
            day,
            &form.levels,
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
    let on = parse_date_input("decided_on", "Decided on", &decided_on)
        .map_err(|e| AppError::fields(vec![e]))?;
    state.with(|s| {
        let (case_id, _) = s.placement(i64::from(placement_id))?;
        Ok(
            s.indicative_for(case_id, Some(i64::from(placement_id)), on)?
                .as_ref()
                .map(dto),
        )
    })
}

/// The indicative budget of a decision: as kept when finalised, or for a draft now.
#[tauri::command]
#[specta::specta]
pub fn decision_indicative(
    state: State<'_, AppState>,
    decision_id: i32,
) -> Result<Option<IndicativeDto>, AppError> {
    state.with(|s| {
        Ok(s.decision_indicative(i64::from(decision_id))?
            .as_ref()
            .map(dto))
    })
}
