//! The indicative budget (a resource allocation system), its use cases: each year's table of
//! need areas and levels, a case's assessments against it, and the budget each gives beside a
//! placement or a decision. The screens' models are built here for every door.

use chrono::NaiveDate;
use panel_core::field::{FieldError, parse_date_input};
use panel_core::ports::{CasesStore, DecisionsStore, Error, Result, SettingsStore};
use panel_core::ras::{AreaInput, Indicative, table_input};
use panel_core::year::FinancialYear;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::to_id;

/// A year's table, as the settings screen shows and edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
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

/// An indicative budget as the screens show it.
pub fn dto(i: &Indicative) -> IndicativeDto {
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

/// A table as the screens show and edit it.
pub fn table_dto(t: &panel_core::ras::AllocationTable) -> AllocationTableDto {
    AllocationTableDto {
        year: t.year.to_string(),
        per_point: t.per_point.to_plain(),
        areas: t.as_input(),
    }
}

/// A financial year as typed, refused at the field `year`.
fn year(text: &str) -> Result<FinancialYear> {
    text.trim().parse::<FinancialYear>().map_err(|e| {
        Error::field(FieldError::labelled(
            "year",
            "Financial year",
            e.to_string(),
        ))
    })
}

/// Every table, latest year first.
pub fn tables(s: &(impl SettingsStore + ?Sized)) -> Result<Vec<AllocationTableDto>> {
    Ok(s.allocation_tables()?.iter().map(table_dto).collect())
}

/// Sets a year's table as typed, replacing the one there was; refused field by field.
pub fn save_table(s: &mut (impl SettingsStore + ?Sized), table: &AllocationTableDto) -> Result<()> {
    let t = table_input(&table.year, &table.per_point, &table.areas).map_err(Error::Field)?;
    s.save_allocation_table(&t)
}

/// Removes a year's table as typed; assessments made with it keep their points.
pub fn remove_table(s: &mut (impl SettingsStore + ?Sized), year_text: &str) -> Result<()> {
    s.remove_allocation_table(year(year_text)?)
}

/// The table an assessment on `on` (dd/mm/yyyy) is made with, if its year has one.
pub fn table_for_day(
    s: &(impl SettingsStore + ?Sized),
    on: &str,
) -> Result<Option<AllocationTableDto>> {
    let day = parse_date_input("assessed_on", "Assessed on", on).map_err(Error::field)?;
    Ok(s.allocation_table(FinancialYear::containing(day))?
        .as_ref()
        .map(table_dto))
}

/// A case's assessments, latest first.
pub fn case_assessments(
    s: &(impl CasesStore + ?Sized),
    case_id: i64,
) -> Result<Vec<AssessmentDto>> {
    s.assessments(case_id)?
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
}

/// Records an assessment as typed, not after `today`; refused field by field
/// (`assessed_on`, `scores.K`). Its id.
pub fn record_assessment(
    s: &mut (impl CasesStore + ?Sized),
    form: &AssessmentForm,
    today: NaiveDate,
) -> Result<i64> {
    let day =
        parse_date_input("assessed_on", "Assessed on", &form.assessed_on).map_err(Error::field)?;
    s.record_assessment(i64::from(form.case_id), day, &form.levels, today)
}

/// The indicative budget beside placement `placement_id` for a decision on `decided_on`
/// (dd/mm/yyyy), from its case's latest assessment by then: what the chair sees.
pub fn preview(
    s: &(impl CasesStore + ?Sized),
    placement_id: i64,
    decided_on: &str,
) -> Result<Option<IndicativeDto>> {
    let on = parse_date_input("decided_on", "Decided on", decided_on).map_err(Error::field)?;
    let case_id = s.case_of_placement(placement_id)?;
    Ok(s.indicative_for(case_id, Some(placement_id), on)?
        .as_ref()
        .map(dto))
}

/// The indicative budget of a decision: as kept when finalised, or for a draft now.
pub fn of_decision(
    s: &(impl DecisionsStore + ?Sized),
    decision_id: i64,
) -> Result<Option<IndicativeDto>> {
    Ok(s.decision_indicative(decision_id)?.as_ref().map(dto))
}

/// Every table as the core holds it, latest year first (the command prints them its own way).
pub fn all_tables(
    s: &(impl SettingsStore + ?Sized),
) -> Result<Vec<panel_core::ras::AllocationTable>> {
    s.allocation_tables()
}

/// Sets a table already read and checked (`ras::table_input`, as a file gives it).
pub fn set_table(
    s: &mut (impl SettingsStore + ?Sized),
    t: &panel_core::ras::AllocationTable,
) -> Result<()> {
    s.save_allocation_table(t)
}

/// A case's assessments as the core holds them, latest first.
pub fn assessments_of(
    s: &(impl CasesStore + ?Sized),
    case_id: i64,
) -> Result<Vec<panel_core::ras::AssessmentEntry>> {
    s.assessments(case_id)
}

/// Records a case's assessment on `on` (not after `today`), one level (area, level) in every
/// area of that year's table; the assessment as recorded.
pub fn assess(
    s: &mut (impl CasesStore + ?Sized),
    case_id: i64,
    on: NaiveDate,
    choices: &[(String, String)],
    today: NaiveDate,
) -> Result<panel_core::ras::AssessmentEntry> {
    let id = s.record_assessment(case_id, on, choices, today)?;
    s.assessments(case_id)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| Error::Storage(format!("assessment {id} was recorded but cannot be read")))
}
