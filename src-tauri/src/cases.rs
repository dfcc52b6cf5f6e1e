//! Commands of the case screen: cases, placements with their live cost preview, splits.

use chrono::NaiveDate;
use panel_core::entry::{
    CostLineInput, CostPreview, PlacementInput, SplitInput, age_on, cost_preview, default_split,
    new_case, placement_input,
};
use panel_core::meeting::{FieldError, parse_date_input};
use panel_core::split::format_basis_points;
use panel_core::{FinancialYear, Money, Partner, Percent};
use panel_store::{CaseDetail, Store};
use tauri::State;

use crate::commands::{AppState, to_id};
use crate::dto::*;
use crate::error::AppError;

/// The app's clock: this computer's, or the day PANEL_TODAY fixes.
pub(crate) fn clock() -> panel_core::clock::Clock {
    panel_core::clock::Clock::from_env().unwrap_or_else(|_| panel_core::clock::Clock::system())
}

/// Today, by the app's clock.
pub(crate) fn today() -> NaiveDate {
    clock().today()
}

fn iso(d: NaiveDate) -> String {
    d.to_string()
}

fn opt_iso(d: Option<NaiveDate>) -> String {
    d.map(iso).unwrap_or_default()
}

fn percent(p: Percent) -> String {
    format_basis_points(p.basis_points())
}

fn amounts(
    partners: &[Partner],
    shares: &[Percent],
    amounts: &[Money],
    by_split: &[panel_core::entry::SplitInYear],
) -> Vec<PartnerAmount> {
    partners
        .iter()
        .zip(shares)
        .zip(amounts)
        .enumerate()
        .map(|(k, ((p, s), a))| {
            let of = |g: &panel_core::entry::SplitInYear| {
                g.shares.get(k).map_or_else(String::new, |x| percent(*x))
            };
            // Every percentage beside the amount it shared: each split of the year in turn.
            let share = match by_split {
                [first, rest @ ..] if !rest.is_empty() => {
                    std::iter::once(format!("{}% share", of(first)))
                        .chain(
                            rest.iter()
                                .map(|g| format!("{}% from {}", of(g), g.from.format("%d/%m/%Y"))),
                        )
                        .collect::<Vec<_>>()
                        .join(", ")
                }
                _ => format!("{}% share", percent(*s)),
            };
            PartnerAmount {
                code: p.code.clone(),
                name: p.name.clone(),
                percent: percent(*s),
                amount: a.to_string(),
                share,
            }
        })
        .collect()
}

/// A preview for the screen; the shares of this year are summed per segment, so their
/// percentages are those of the day's split for reference only.
pub(crate) fn preview_dto(
    placement: &panel_core::Placement,
    p: &CostPreview,
    partners: &[Partner],
) -> CostPreviewDto {
    CostPreviewDto {
        warnings: panel_core::cost::overlapping_lines(placement),
        day: iso(p.day),
        weekly: p.weekly.to_string(),
        year: p.year.to_string(),
        this_year: p.this_year.to_string(),
        this_year_shares: amounts(partners, &p.split, &p.this_year_shares, &p.by_split),
        full_year: p.full_year.to_string(),
        full_year_shares: amounts(partners, &p.split, &p.full_year_shares, &[]),
    }
}

fn placement_form(r: &panel_core::model::PlacementRecord) -> PlacementForm {
    let p = &r.placement;
    PlacementForm {
        provider: r.provider.clone(),
        kind: r.kind.code().to_string(),
        start: iso(p.start),
        end: opt_iso(p.end),
        lines: p
            .cost_lines
            .iter()
            .map(|l| CostLineForm {
                description: l.description.clone(),
                per: l.per.code().to_string(),
                amount: l.amount.to_plain(),
                from: iso(l.from),
                to: opt_iso(l.to),
            })
            .collect(),
        splits: p
            .splits
            .iter()
            .map(|s| SplitForm {
                from: iso(s.from),
                shares: s.shares.iter().map(|&x| percent(x)).collect(),
            })
            .collect(),
    }
}

fn placement_input_of(f: &PlacementForm) -> PlacementInput {
    PlacementInput {
        provider: f.provider.clone(),
        kind: f.kind.clone(),
        start: f.start.clone(),
        end: f.end.clone(),
        lines: f
            .lines
            .iter()
            .map(|l| CostLineInput {
                description: l.description.clone(),
                per: l.per.clone(),
                amount: l.amount.clone(),
                from: l.from.clone(),
                to: l.to.clone(),
            })
            .collect(),
        splits: f
            .splits
            .iter()
            .map(|s| SplitInput {
                from: s.from.clone(),
                shares: s.shares.clone(),
            })
            .collect(),
    }
}

/// A case for the screen, with each placement's cost as of `day`.
pub(crate) fn case_dto(s: &Store, c: CaseDetail, day: NaiveDate) -> Result<CaseDto, AppError> {
    let partners = s.partners()?;
    let next_review = c
        .placements
        .iter()
        .filter(|p| p.record.placement.end.is_none_or(|e| e >= day))
        .map(|p| p.next_review)
        .min();
    Ok(CaseDto {
        id: to_id(c.id)?,
        reference: c.case.reference,
        initials: c.case.initials,
        date_of_birth: c.case.date_of_birth.map(iso),
        age: c.case.date_of_birth.map(|d| age_on(d, day)),
        needs: c.case.needs,
        placements: c
            .placements
            .iter()
            .map(|p| {
                let preview = cost_preview(&p.record.placement, day, partners.len());
                Ok(PlacementDto {
                    id: to_id(p.id)?,
                    form: placement_form(&p.record),
                    kind_label: p.record.kind.label().to_string(),
                    current: p.record.placement.covers(day),
                    next_review: iso(p.next_review),
                    preview: preview_dto(&p.record.placement, &preview, &partners),
                })
            })
            .collect::<Result<_, AppError>>()?,
        decisions: c
            .decisions
            .into_iter()
            .map(|d| {
                Ok(DecisionRow {
                    id: to_id(d.id)?,
                    number: d.number,
                    status: d.status,
                    decided_on: iso(d.decided_on),
                    outcome: d.outcome,
                    subject: d.subject,
                    meeting_id: d.meeting.map(|(id, _)| to_id(id)).transpose()?,
                    amends: d.amends,
                    urgent: d.urgent,
                    ratification_meeting: d.ratification.map(|(id, _)| to_id(id)).transpose()?,
                    ratification_date: d.ratification.map(|(_, date)| iso(date)),
                    amendable: d.amendable,
                })
            })
            .collect::<Result<_, AppError>>()?,
        next_review: next_review.map(iso),
    })
}

/// Every case, with what is in force today.
#[tauri::command]
#[specta::specta]
pub fn list_cases(state: State<'_, AppState>) -> Result<Vec<CaseRow>, AppError> {
    let day = today();
    state.with(|s| {
        s.cases(day)?
            .into_iter()
            .map(|c| {
                Ok(CaseRow {
                    id: to_id(c.id)?,
                    reference: c.reference,
                    initials: c.initials,
                    date_of_birth: c.date_of_birth.map(iso),
                    age: c.date_of_birth.map(|d| age_on(d, day)),
                    active: u32::try_from(c.active).unwrap_or(u32::MAX),
                    weekly: c.weekly.to_string(),
                    next_review: c.next_review.map(iso),
                    current: c.current,
                })
            })
            .collect()
    })
}

/// One case with its placements, their costs today, and its decisions.
#[tauri::command]
#[specta::specta]
pub fn get_case(state: State<'_, AppState>, id: i32) -> Result<CaseDto, AppError> {
    state.with(|s| {
        let c = s.case(i64::from(id))?;
        case_dto(s, c, today())
    })
}

/// Creates a case; returns its id.
#[tauri::command]
#[specta::specta]
pub fn create_case(state: State<'_, AppState>, input: CaseInput) -> Result<i32, AppError> {
    let c = new_case(
        &input.reference,
        &input.initials,
        &input.date_of_birth,
        &input.needs,
        today(),
    )
    .map_err(AppError::fields)?;
    state.with(|s| to_id(s.create_case(&c)?))
}

/// Changes a case's details.
#[tauri::command]
#[specta::specta]
pub fn update_case(state: State<'_, AppState>, id: i32, input: CaseInput) -> Result<(), AppError> {
    let c = new_case(
        &input.reference,
        &input.initials,
        &input.date_of_birth,
        &input.needs,
        today(),
    )
    .map_err(AppError::fields)?;
    state.with(|s| Ok(s.update_case(i64::from(id), &c)?))
}

/// The cost of a placement as typed so far, computed by the core rules, or every field
/// that is refused.
#[tauri::command]
#[specta::specta]
pub fn preview_placement(
    state: State<'_, AppState>,
    input: PlacementForm,
) -> Result<CostPreviewDto, AppError> {
    state.with(|s| {
        let partners = s.partners()?;
        let record = placement_input(&placement_input_of(&input), partners.len())
            .map_err(AppError::fields)?;
        Ok(preview_dto(
            &record.placement,
            &cost_preview(&record.placement, today(), partners.len()),
            &partners,
        ))
    })
}

/// Saves a new placement of a case (`placement_id` null) or replaces one; returns its id.
#[tauri::command]
#[specta::specta]
pub fn save_placement(
    state: State<'_, AppState>,
    case_id: i32,
    placement_id: Option<i32>,
    input: PlacementForm,
) -> Result<i32, AppError> {
    state.with(|s| {
        let partners = s.partners()?.len();
        let record =
            placement_input(&placement_input_of(&input), partners).map_err(AppError::fields)?;
        to_id(s.save_placement(i64::from(case_id), placement_id.map(i64::from), &record)?)
    })
}

/// The split offered for a split in force from `from`: the pooled agreement's contribution
/// ratios for that financial year.
#[tauri::command]
#[specta::specta]
pub fn default_split_for(
    state: State<'_, AppState>,
    from: String,
) -> Result<DefaultSplitDto, AppError> {
    let day =
        parse_date_input("from", "In force from", &from).map_err(|e| AppError::fields(vec![e]))?;
    let year = FinancialYear::containing(day);
    state.with(|s| {
        let partners = s.partners()?;
        let agreement = s.agreement(year)?;
        match agreement.and_then(|a| default_split(&a.contributions)) {
            Some(shares) => Ok(DefaultSplitDto {
                shares: shares.into_iter().map(percent).collect(),
                source: format!("the {year} pooled budget contributions"),
            }),
            None => Err(AppError::fields(vec![FieldError::new(
                "from",
                format!(
                    "There is no pooled budget agreement for {year} to take a split from: type the percentages for the {} partners",
                    partners.len()
                ),
            )])),
        }
    })
}
