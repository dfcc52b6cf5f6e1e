//! Commands of the case screen: cases, placements with their live cost preview, splits.

use chrono::NaiveDate;
use panel_core::entry::{
    CostLineInput, CostPreview, PlacementInput, SplitInput, age_on, cost_preview, default_split,
    new_case, placement_input,
};
use panel_core::field::{FieldError, parse_date_input};
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
    let this_year_shares = amounts(partners, &p.split, &p.this_year_shares, &p.by_split);
    let full_year_shares = amounts(partners, &p.split, &p.full_year_shares, &[]);
    let notes = figure_notes(placement, p, &[&this_year_shares, &full_year_shares]);
    CostPreviewDto {
        weekly_note: notes.weekly,
        this_year_note: notes.this_year,
        full_year_note: notes.full_year,
        penny_note: notes.penny,
        warnings: panel_core::cost::overlapping_lines(placement),
        day: iso(p.day),
        weekly: p.weekly.to_string(),
        year: p.year.to_string(),
        this_year: p.this_year.to_string(),
        this_year_shares,
        full_year: p.full_year.to_string(),
        full_year_shares,
    }
}

/// The one-line explanations of a preview's figures.
struct FigureNotes {
    weekly: String,
    this_year: String,
    full_year: String,
    penny: Option<String>,
}

fn figure_notes(
    placement: &panel_core::Placement,
    p: &CostPreview,
    shares: &[&[PartnerAmount]],
) -> FigureNotes {
    use panel_core::Per;
    let uk = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    let day = uk(p.day);
    let from = placement.start.max(p.year.start());
    let to = placement.end.map_or(p.year.end(), |e| e.min(p.year.end()));
    let open = placement.end.is_none_or(|e| e > p.year.end());
    let one_off_in_year = placement
        .cost_lines
        .iter()
        .any(|l| l.per == Per::Once && p.year.start() <= l.from && l.from <= p.year.end());
    let part_of_year = from > p.year.start() || to < p.year.end();
    let year = p.year.to_string();
    let why = if p.full_year < p.this_year {
        if one_off_in_year {
            format!(": less than {year}, which also holds one-off costs")
        } else {
            format!(": less than {year}, which also holds higher rates at other times of the year")
        }
    } else if p.full_year > p.this_year {
        if part_of_year {
            format!(": more than {year}, of which the placement covers only part")
        } else {
            format!(": more than {year}, which also holds lower rates at other times of the year")
        }
    } else {
        String::new()
    };
    // Equal shares a penny apart, in either column.
    let penny = shares.iter().any(|col| {
        col.iter().enumerate().any(|(i, a)| {
            col[i + 1..]
                .iter()
                .any(|b| a.share == b.share && a.amount != b.amount)
        })
    });
    FigureNotes {
        weekly: format!(
            "What the cost lines in force on {day} cost a week: daily and yearly rates as their weekly equivalent, one-off costs left out."
        ),
        this_year: format!(
            "From {} to {}{}, each day at the rate and split in force that day, one-off costs included.",
            uk(from),
            uk(to),
            if open { " (no end date: counted to the end of the year)" } else { "" }
        ),
        full_year: format!(
            "A whole year at the rates in force on {day}, one-off costs left out{why}."
        ),
        penny: penny.then(|| {
            "Equal shares can be a penny apart: the pence of each amount that do not divide evenly go one at a time to the partners with the largest remainders (ties in partner order), so the parts always add up to the whole.".to_string()
        }),
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
    let eighteen = c
        .case
        .date_of_birth
        .and_then(|dob| panel_core::exceptions::birthday(dob, 18));
    let milestones = c
        .case
        .date_of_birth
        .map(panel_core::exceptions::milestones)
        .unwrap_or_default()
        .into_iter()
        .map(|m| MilestoneDto {
            on: iso(m.on),
            what: m.what.to_string(),
            passed: m.on <= day,
        })
        .collect();
    Ok(CaseDto {
        milestones,
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
                    past_eighteen: eighteen
                        .filter(|b| {
                            let pl = &p.record.placement;
                            pl.start < *b && pl.end.is_none_or(|e| e >= *b)
                        })
                        .map(iso),
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

#[cfg(test)]
mod tests {
    use super::*;
    use panel_core::Per;
    use panel_core::cost::{CostLine, SplitPeriod};

    fn d(s: &str) -> NaiveDate {
        panel_core::year::parse_iso_date(s).unwrap()
    }

    fn line(per: Per, pounds: &str, from: &str) -> CostLine {
        CostLine {
            description: "Fee".into(),
            per,
            amount: Money::parse("amount", pounds).unwrap(),
            from: d(from),
            to: None,
        }
    }

    fn partners() -> Vec<Partner> {
        ["Social care", "Education", "Health"]
            .iter()
            .zip(["SC", "ED", "HE"])
            .map(|(n, c)| Partner {
                code: c.into(),
                name: (*n).into(),
                aliases: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn each_figure_says_what_it_is_and_why_the_full_year_differs() {
        // A whole year at £1,000.01 a week shared 40/30/30, with a one-off in it: the year
        // costs more than a full year at the day's rate, and the two 30% shares are a penny
        // apart.
        let placement = panel_core::Placement {
            start: d("2026-04-01"),
            end: None,
            cost_lines: vec![
                line(Per::Week, "1000.01", "2026-04-01"),
                line(Per::Once, "500", "2026-06-01"),
            ],
            splits: vec![SplitPeriod {
                from: d("2026-04-01"),
                shares: ["40", "30", "30"]
                    .iter()
                    .map(|s| Percent::parse(s).unwrap())
                    .collect(),
            }],
        };
        let preview = panel_core::entry::cost_preview(&placement, d("2026-12-10"), 3);
        let dto = preview_dto(&placement, &preview, &partners());
        assert!(
            dto.weekly_note
                .starts_with("What the cost lines in force on 10/12/2026 cost a week"),
            "{}",
            dto.weekly_note
        );
        assert_eq!(
            dto.this_year_note,
            "From 01/04/2026 to 31/03/2027 (no end date: counted to the end of the year), each day at the rate and split in force that day, one-off costs included."
        );
        assert_eq!(
            dto.full_year_note,
            "A whole year at the rates in force on 10/12/2026, one-off costs left out: less than 2026/27, which also holds one-off costs."
        );
        let amounts: Vec<&str> = dto
            .this_year_shares
            .iter()
            .map(|a| a.amount.as_str())
            .collect();
        assert_ne!(amounts[1], amounts[2], "{amounts:?}");
        assert!(
            dto.penny_note
                .unwrap()
                .starts_with("Equal shares can be a penny apart")
        );

        // A placement starting in the year at a round rate: the full year costs more, because
        // the placement covers only part of the year, and no penny differs.
        let later = panel_core::Placement {
            start: d("2026-10-01"),
            end: Some(d("2027-01-31")),
            cost_lines: vec![line(Per::Week, "700", "2026-10-01")],
            splits: vec![SplitPeriod {
                from: d("2026-10-01"),
                shares: ["50", "50", "0"]
                    .iter()
                    .map(|s| Percent::parse(s).unwrap())
                    .collect(),
            }],
        };
        let preview = panel_core::entry::cost_preview(&later, d("2026-12-10"), 3);
        let dto = preview_dto(&later, &preview, &partners());
        assert!(
            dto.full_year_note
                .ends_with(": more than 2026/27, of which the placement covers only part."),
            "{}",
            dto.full_year_note
        );
        assert!(
            dto.this_year_note
                .starts_with("From 01/10/2026 to 31/01/2027, each day")
        );
        assert_eq!(dto.penny_note, None);
    }
}
