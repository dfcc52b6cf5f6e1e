//! The cumulative spend screen: its figures, the segments behind a placement's, and its
//! exports (CSV for the ledgers, the spend report as PDF). Every figure comes from
//! `panel_core::analysis`, through the store, as `panel spend`'s do.

use chrono::NaiveDate;
use panel_core::analysis::{Basis, Filter, SegmentLine, Totals, month_label};
use panel_core::field::{FieldError, parse_date_input};
use panel_core::model::PlacementType;
use panel_core::split::format_percent_table;
use panel_core::{FinancialYear, Money};
use panel_pdf::spend_pdf;
use panel_store::Store;
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::{AppHandle, State};

use crate::commands::{AppState, to_id};
use crate::documents::{CSV, PDF, SavedDocument, save_as};
use crate::error::AppError;

/// The year and day the screen is for, as chosen.
#[derive(Clone, Debug, Deserialize, Type)]
pub struct SpendWhen {
    /// The financial year, `2026/27`.
    pub year: String,
    /// Spend to date counts up to and including this day (dd/mm/yyyy or ISO).
    pub as_of: String,
}

/// Which placements the drill-down lists.
#[derive(Clone, Debug, Default, Deserialize, Type)]
pub struct SpendFilterInput {
    /// A placement type code, or none for every type.
    pub kind: Option<String>,
    /// A partner's code, or none for every partner.
    pub partner: Option<String>,
    /// Only placements in force on the as-of date.
    pub active_only: bool,
}

/// A partner's line, or the pool's total.
#[derive(Clone, Debug, Serialize, Type)]
pub struct PartnerFigures {
    /// Code (`TOTAL` for the pool).
    pub code: String,
    /// Name.
    pub name: String,
    /// Contribution (the budget, for the pool).
    pub contribution: String,
    /// Spend to date.
    pub to_date: String,
    /// Projected spend.
    pub projected: String,
    /// Projected less contribution.
    pub variance: String,
    /// What it bears of the pool's variance (rule 7).
    pub risk_share: String,
    /// Whether its variance is an overspend.
    pub over: bool,
    /// The contribution in pounds, for drawing only.
    pub contribution_plot: f64,
}

/// Children and placements in force.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ActivityDto {
    /// The day (ISO).
    pub on: String,
    /// Children with a placement in force.
    pub children: u32,
    /// Placements in force.
    pub placements: u32,
    /// Average weekly cost of a placement in force.
    pub weekly_average: String,
    /// Their weekly cost in all.
    pub weekly_total: String,
}

/// A month's point of the cumulative chart.
#[derive(Clone, Debug, Serialize, Type)]
pub struct MonthDto {
    /// `Apr 2026`.
    pub label: String,
    /// The month's last day (ISO).
    pub end: String,
    /// Spend in the month.
    pub in_month: String,
    /// Spend from the year's start to the month's end.
    pub cumulative: String,
    /// Each partner's part of it.
    pub parts: Vec<String>,
    /// Whether the month ended by the as-of date.
    pub actual: bool,
    /// `cumulative` in pounds, for drawing only.
    pub cumulative_plot: f64,
    /// `parts` in pounds, for drawing only.
    pub parts_plot: Vec<f64>,
}

/// A year of the years side by side.
#[derive(Clone, Debug, Serialize, Type)]
pub struct YearDto {
    /// `2026/27`.
    pub year: String,
    /// Whether an agreement is recorded.
    pub has_agreement: bool,
    /// Total contributions.
    pub budget: String,
    /// Outturn, or projected outturn while the year runs.
    pub projected: String,
    /// Projected less budget.
    pub variance: String,
    /// Whether the variance is an overspend.
    pub over: bool,
    /// Whether the year ended by the as-of date.
    pub closed: bool,
    /// Placements covering a day of it.
    pub placements: u32,
    /// Average weekly cost of a placement over the year.
    pub weekly_average: String,
    /// `weekly_average` in pounds, for drawing only.
    pub weekly_average_plot: f64,
}

/// A placement's part of the year's spend.
#[derive(Clone, Debug, Serialize, Type)]
pub struct PlacementSpendDto {
    /// Placement row id.
    pub id: i32,
    /// Case row id.
    pub case_id: i32,
    /// Case reference.
    pub case_reference: String,
    /// Initials.
    pub initials: String,
    /// Provider.
    pub provider: String,
    /// Type in words.
    pub kind: String,
    /// First day (ISO).
    pub start: String,
    /// Last day (ISO), if any.
    pub end: Option<String>,
    /// In force on the activity day.
    pub active: bool,
    /// Weekly equivalent on that day.
    pub weekly: String,
    /// Spend to date.
    pub to_date: String,
    /// Projected spend.
    pub projected: String,
    /// Each partner's part of the spend to date.
    pub to_date_parts: Vec<String>,
    /// Each partner's part of the projected spend.
    pub projected_parts: Vec<String>,
}

/// The sum of listed placements.
#[derive(Clone, Debug, Serialize, Type)]
pub struct TotalsDto {
    /// How many.
    pub placements: u32,
    /// Spend to date.
    pub to_date: String,
    /// Projected spend.
    pub projected: String,
    /// Each partner's part of the spend to date.
    pub to_date_parts: Vec<String>,
    /// Each partner's part of the projected spend.
    pub projected_parts: Vec<String>,
}

/// Everything the cumulative spend screen shows.
#[derive(Clone, Debug, Serialize, Type)]
pub struct SpendScreenDto {
    /// `2026/27`.
    pub year: String,
    /// The year's first day (ISO).
    pub year_start: String,
    /// The year's last day (ISO).
    pub year_end: String,
    /// The as-of date (ISO).
    pub as_of: String,
    /// Whether an agreement is recorded for the year.
    pub has_agreement: bool,
    /// The risk share in words, or what stands in for an agreement.
    pub agreement_note: String,
    /// Over- or underspend, in a sentence.
    pub verdict: String,
    /// Each partner, in partner order.
    pub partners: Vec<PartnerFigures>,
    /// The pool.
    pub total: PartnerFigures,
    /// Children and placements in force.
    pub activity: ActivityDto,
    /// April to March.
    pub months: Vec<MonthDto>,
    /// Every year on record.
    pub years: Vec<YearDto>,
    /// The placements the filter lets through, largest first.
    pub placements: Vec<PlacementSpendDto>,
    /// Their sum.
    pub selection: TotalsDto,
    /// What of the year's projected spend falls after children's 18th birthdays (rule 19).
    pub after_eighteen: AfterEighteenDto,
    /// The year after: what the placements on record will cost in it.
    pub next_year: NextYearDto,
}

/// What placements cost in a year after children's 18th birthdays.
#[derive(Clone, Debug, Serialize, Type)]
pub struct AfterEighteenDto {
    /// Each partner's share, in partner order.
    pub partners: Vec<String>,
    /// Their sum.
    pub total: String,
    /// How many children it is for.
    pub children: u32,
}

/// The year after the one shown: the placements on record, open-ended ones for the whole
/// year at the rates and splits they have, against its agreement if there is one.
#[derive(Clone, Debug, Serialize, Type)]
pub struct NextYearDto {
    /// `2027/28`.
    pub year: String,
    /// Whether it has an agreement.
    pub has_agreement: bool,
    /// Over- or underspend, in a sentence (blank with no agreement).
    pub verdict: String,
    /// Each partner: contribution, committed (projected) spend and variance.
    pub partners: Vec<PartnerFigures>,
    /// The pool.
    pub total: PartnerFigures,
    /// What of it falls after children's 18th birthdays.
    pub after_eighteen: AfterEighteenDto,
}

/// One segment explained.
#[derive(Clone, Debug, Serialize, Type)]
pub struct SegmentDto {
    /// The cost line.
    pub line: String,
    /// Its unit in words.
    pub per: String,
    /// Rate per unit.
    pub rate: String,
    /// First day (ISO).
    pub from: String,
    /// Last day (ISO).
    pub to: String,
    /// Days.
    pub days: u32,
    /// When the split in force took effect (ISO).
    pub split_from: String,
    /// The split's percentages, in partner order (`33.34%`).
    pub percents: Vec<String>,
    /// The segment's cost.
    pub cost: String,
    /// Each partner's share.
    pub shares: Vec<String>,
}

/// The segments of one figure of a placement, and their sum.
#[derive(Clone, Debug, Serialize, Type)]
pub struct SegmentGroup {
    /// The segments.
    pub segments: Vec<SegmentDto>,
    /// Their cost in all.
    pub total: String,
    /// Each partner's share in all.
    pub parts: Vec<String>,
}

/// A placement's spend explained down to the day.
#[derive(Clone, Debug, Serialize, Type)]
pub struct PlacementSegments {
    /// Placement row id.
    pub id: i32,
    /// Case reference.
    pub case_reference: String,
    /// Initials.
    pub initials: String,
    /// Provider.
    pub provider: String,
    /// Type in words.
    pub kind: String,
    /// Segments from the year's start to the as-of date.
    pub to_date: SegmentGroup,
    /// Segments of the whole year.
    pub projected: SegmentGroup,
}

fn money(m: Money) -> String {
    m.to_string()
}

/// Pounds as a float: only ever for drawing a chart.
fn plot(m: Money) -> f64 {
    m.pence() as f64 / 100.0
}

fn monies(m: &[Money]) -> Vec<String> {
    m.iter().map(|x| x.to_string()).collect()
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn iso(d: NaiveDate) -> String {
    d.to_string()
}

/// The year and day chosen, or a message naming the field.
fn when(w: &SpendWhen) -> Result<(FinancialYear, NaiveDate), AppError> {
    let mut problems = Vec::new();
    let year = w.year.trim().parse::<FinancialYear>().map_err(|_| {
        problems.push(FieldError::new(
            "year",
            format!(
                "Financial year: \"{}\" is not a financial year (write it as 2026/27)",
                w.year.trim()
            ),
        ))
    });
    let as_of = parse_date_input("as_of", "As of", &w.as_of).map_err(|e| problems.push(e));
    match (year, as_of) {
        (Ok(y), Ok(d)) => Ok((y, d)),
        _ => Err(AppError::fields(problems)),
    }
}

fn filter(s: &Store, f: &SpendFilterInput) -> Result<Filter, AppError> {
    let mut problems = Vec::new();
    let kind = match f.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
        None => None,
        Some(k) => match PlacementType::parse(k) {
            Ok(t) => Some(t),
            Err(e) => {
                problems.push(FieldError::new("kind", format!("Placement type: {e}")));
                None
            }
        },
    };
    let partners = s.partners()?;
    let partner = match f
        .partner
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        None => None,
        Some(code) => match partners.iter().position(|p| p.code == code) {
            Some(i) => Some(i),
            None => {
                problems.push(FieldError::new(
                    "partner",
                    format!("Partner: there is no partner {code}"),
                ));
                None
            }
        },
    };
    if !problems.is_empty() {
        return Err(AppError::fields(problems));
    }
    Ok(Filter {
        kind,
        partner,
        active_only: f.active_only,
    })
}

fn totals(t: &Totals) -> TotalsDto {
    TotalsDto {
        placements: count(t.placements),
        to_date: money(t.spend.to_date),
        projected: money(t.spend.projected),
        to_date_parts: monies(&t.spend.to_date_parts),
        projected_parts: monies(&t.spend.projected_parts),
    }
}

/// The screen's figures for a year as of a day, placements listed by `filter`.
pub fn screen(s: &Store, w: &SpendWhen, f: &SpendFilterInput) -> Result<SpendScreenDto, AppError> {
    let (year, as_of) = when(w)?;
    let filter = filter(s, f)?;
    let partners = s.partners()?;
    let sc = s.spend_screen(year, as_of, &filter)?;
    let r = &sc.report;
    let figures =
        |code: &str, name: &str, c: Money, t: Money, p: Money, v: Money, k: Money| PartnerFigures {
            code: code.to_string(),
            name: name.to_string(),
            contribution: money(c),
            to_date: money(t),
            projected: money(p),
            variance: money(v),
            risk_share: money(k),
            over: v.pence() > 0,
            contribution_plot: plot(c),
        };
    // Each partner's line and the pool's, of a year's report.
    let lines = |r: &panel_core::SpendReport| {
        let each = r
            .partners
            .iter()
            .zip(&partners)
            .map(|(p, info)| {
                figures(
                    &p.code,
                    &info.name,
                    p.contribution,
                    p.to_date,
                    p.projected,
                    p.variance,
                    p.risk_share,
                )
            })
            .collect::<Vec<_>>();
        let pool = figures(
            "TOTAL",
            "Pooled budget",
            r.budget,
            r.to_date,
            r.projected,
            r.variance,
            r.variance,
        );
        (each, pool)
    };
    let (partner_lines, pool_line) = lines(r);
    let mut placements = Vec::with_capacity(sc.placements.len());
    for l in &sc.placements {
        placements.push(PlacementSpendDto {
            id: to_id(l.id)?,
            case_id: to_id(l.case_id)?,
            case_reference: l.case_reference.clone(),
            initials: l.initials.clone(),
            provider: l.provider.clone(),
            kind: l.kind.label().to_string(),
            start: iso(l.start),
            end: l.end.map(iso),
            active: l.active,
            weekly: money(l.weekly),
            to_date: money(l.spend.to_date),
            projected: money(l.spend.projected),
            to_date_parts: monies(&l.spend.to_date_parts),
            projected_parts: monies(&l.spend.projected_parts),
        });
    }
    Ok(SpendScreenDto {
        year: year.to_string(),
        year_start: iso(year.start()),
        year_end: iso(year.end()),
        as_of: iso(as_of),
        has_agreement: r.has_agreement,
        agreement_note: r.agreement_note(),
        verdict: r.verdict(),
        partners: partner_lines,
        total: pool_line,
        activity: ActivityDto {
            on: iso(sc.activity.on),
            children: count(sc.activity.children),
            placements: count(sc.activity.placements),
            weekly_average: money(sc.activity.weekly_average),
            weekly_total: money(sc.activity.weekly_total),
        },
        months: sc
            .months
            .iter()
            .map(|m| MonthDto {
                label: month_label(m.month),
                end: iso(m.end),
                in_month: money(m.in_month),
                cumulative: money(m.cumulative),
                parts: monies(&m.parts),
                actual: m.actual,
                cumulative_plot: plot(m.cumulative),
                parts_plot: m.parts.iter().map(|p| plot(*p)).collect(),
            })
            .collect(),
        years: sc
            .years
            .iter()
            .map(|y| YearDto {
                year: y.year.to_string(),
                has_agreement: y.has_agreement,
                budget: money(y.budget),
                projected: money(y.projected),
                variance: money(y.variance),
                over: y.variance.pence() > 0,
                closed: y.closed,
                placements: count(y.placements),
                weekly_average: money(y.weekly_average),
                weekly_average_plot: plot(y.weekly_average),
            })
            .collect(),
        placements,
        selection: totals(&sc.selection),
        after_eighteen: after_eighteen(&s.after_eighteen(year)?),
        next_year: {
            let f = s.next_year(year)?;
            let n = &f.spend;
            let (next_lines, next_pool) = lines(n);
            NextYearDto {
                year: n.year.to_string(),
                has_agreement: n.has_agreement,
                verdict: if n.has_agreement {
                    n.verdict()
                } else {
                    String::new()
                },
                partners: next_lines,
                total: next_pool,
                after_eighteen: after_eighteen(&f.after_eighteen),
            }
        },
    })
}

fn after_eighteen(a: &panel_store::AfterEighteen) -> AfterEighteenDto {
    AfterEighteenDto {
        partners: monies(&a.partners),
        total: money(a.total),
        children: u32::try_from(a.children).unwrap_or(u32::MAX),
    }
}

fn group(lines: &[SegmentLine], basis: Basis, partners: usize) -> SegmentGroup {
    let of: Vec<&SegmentLine> = lines.iter().filter(|l| l.basis == basis).collect();
    let mut parts = vec![Money::ZERO; partners];
    for l in &of {
        for (a, b) in parts.iter_mut().zip(&l.shares) {
            *a += *b;
        }
    }
    SegmentGroup {
        total: money(of.iter().map(|l| l.cost).sum()),
        parts: monies(&parts),
        segments: of
            .iter()
            .map(|l| SegmentDto {
                line: l.line.clone(),
                per: l.per.label().to_string(),
                rate: money(l.rate),
                from: iso(l.from),
                to: iso(l.to),
                days: u32::try_from(l.days).unwrap_or(u32::MAX),
                split_from: iso(l.split_from),
                percents: l
                    .percents
                    .iter()
                    .map(|p| format_percent_table(p.basis_points()))
                    .collect(),
                cost: money(l.cost),
                shares: monies(&l.shares),
            })
            .collect(),
    }
}

/// The cumulative spend screen for a year as of a day.
#[tauri::command]
#[specta::specta]
pub fn spend_screen(
    state: State<'_, AppState>,
    when: SpendWhen,
    filter: SpendFilterInput,
) -> Result<SpendScreenDto, AppError> {
    state.with(|s| screen(s, &when, &filter))
}

/// The segments behind placement `placement_id`'s spend to date and projected spend.
#[tauri::command]
#[specta::specta]
pub fn spend_segments(
    state: State<'_, AppState>,
    placement_id: i32,
    when: SpendWhen,
) -> Result<PlacementSegments, AppError> {
    state.with(|s| {
        let (year, as_of) = self::when(&when)?;
        let n = s.partners()?.len();
        let (p, lines) = s.spend_segments(i64::from(placement_id), year, as_of)?;
        Ok(PlacementSegments {
            id: placement_id,
            case_reference: p.case_reference,
            initials: p.initials,
            provider: p.provider,
            kind: p.kind.label().to_string(),
            to_date: group(&lines, Basis::ToDate, n),
            projected: group(&lines, Basis::Projected, n),
        })
    })
}

/// What the spend screen can export.
#[derive(Clone, Copy, Debug, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SpendExport {
    /// The figures by partner, CSV.
    Figures,
    /// Every segment behind them, CSV.
    Segments,
    /// The spend report, PDF.
    Report,
}

/// Exports the screen's figures (CSV), their segments (CSV) or the spend report (PDF): asks
/// where to save it; the report is opened. `null` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_spend(
    app: AppHandle,
    state: State<'_, AppState>,
    when: SpendWhen,
    what: SpendExport,
) -> Result<Option<SavedDocument>, AppError> {
    let (name, bytes, kind) = state.with(|s| {
        let (year, as_of) = self::when(&when)?;
        let stem = format!("{} {}", year.to_string().replace('/', "-"), as_of);
        Ok(match what {
            SpendExport::Figures => (
                format!("Spend {stem}.csv"),
                s.spend_summary_csv(year, as_of)?.into_bytes(),
                CSV,
            ),
            SpendExport::Segments => (
                format!("Spend segments {stem}.csv"),
                s.spend_detail_csv(year, as_of)?.into_bytes(),
                CSV,
            ),
            SpendExport::Report => {
                let today = crate::cases::today();
                let paper = panel_app::documents::spend_paper(s, year, as_of, today)?;
                (format!("Spend report {stem}.pdf"), spend_pdf(&paper)?, PDF)
            }
        })
    })?;
    save_as(&app, &name, &bytes, kind).await
}
