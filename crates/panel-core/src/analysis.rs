//! What lies behind the spend figures: the cumulative spend screen's months, years, placements
//! and segments, and its exports.
//!
//! Every figure here is a sum of rule 3's segments, cut exactly as [`spend_report`] cuts them,
//! so the screen, `panel spend`, the CSV files and the printed report agree to the penny: the
//! month points are spend to date as of each month end (rule 4), a placement's figures are its
//! segments in the year, and the years side by side are each year's projected spend.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;

use crate::cost::{Per, Placement};
use crate::model::PlacementType;
use crate::money::Money;
use crate::spend::{Agreement, Partner, SpendReport, YearSpend, add_spend, spend_report};
use crate::split::Percent;
use crate::year::{FIRST_YEAR, FinancialYear, LAST_YEAR};

/// A placement with what identifies it on the screen: its case (reference and initials, never a
/// name), provider and type. Its cost lines keep their descriptions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FundedPlacement {
    /// The placement's row id.
    pub id: i64,
    /// The case's row id.
    pub case_id: i64,
    /// Case reference.
    pub case_reference: String,
    /// The child's initials.
    pub initials: String,
    /// Provider.
    pub provider: String,
    /// Kind of provision.
    pub kind: PlacementType,
    /// Dates, cost lines and splits (validated).
    pub placement: Placement,
}

/// Which placements the drill-down lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only placements of this type.
    pub kind: Option<PlacementType>,
    /// Only placements of which this partner (index, in partner order) bears a part.
    pub partner: Option<usize>,
    /// Only placements in force on the activity date.
    pub active_only: bool,
}

/// Placements and children in force on one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    /// The day: the as-of date, kept inside the year viewed.
    pub on: NaiveDate,
    /// Children (cases) with a placement in force.
    pub children: usize,
    /// Placements in force.
    pub placements: usize,
    /// Sum of their weekly equivalents (one-off amounts excluded).
    pub weekly_total: Money,
    /// `weekly_total` ÷ `placements`, to the penny (zero when there are none).
    pub weekly_average: Money,
}

/// Spend to date as of a month's last day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthPoint {
    /// The month's first day.
    pub month: NaiveDate,
    /// The month's last day.
    pub end: NaiveDate,
    /// Spend in the month: this month's cumulative less the last.
    pub in_month: Money,
    /// Spend from the start of the year to `end`.
    pub cumulative: Money,
    /// Each partner's part of `cumulative`, in partner order.
    pub parts: Vec<Money>,
    /// Whether `end` is on or before the as-of date (spend so far, not projection).
    pub actual: bool,
}

/// One year of the years side by side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearLine {
    /// The year.
    pub year: FinancialYear,
    /// Whether an agreement is recorded for it.
    pub has_agreement: bool,
    /// Total contributions.
    pub budget: Money,
    /// Projected spend for the whole year (its outturn once the year is over).
    pub projected: Money,
    /// Projected − budget.
    pub variance: Money,
    /// Whether the year ended on or before the as-of date.
    pub closed: bool,
    /// Placements covering any day of the year.
    pub placements: usize,
    /// Average weekly cost of a placement in the year: the cost of the recurring lines over
    /// the year ÷ the placement-weeks (days placements cover ÷ 7), to the penny.
    pub weekly_average: Money,
}

/// One placement's part of the year's spend.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlacementLine {
    /// The placement's row id.
    pub id: i64,
    /// The case's row id.
    pub case_id: i64,
    /// Case reference.
    pub case_reference: String,
    /// Initials.
    pub initials: String,
    /// Provider.
    pub provider: String,
    /// Kind of provision.
    pub kind: PlacementType,
    /// First day.
    pub start: NaiveDate,
    /// Last day, if it has one.
    pub end: Option<NaiveDate>,
    /// Whether it is in force on the activity date.
    pub active: bool,
    /// Its weekly equivalent on the activity date (zero when not in force).
    pub weekly: Money,
    /// Its segments in the whole year, and to the as-of date.
    pub spend: YearSpend,
}

/// The sum of the listed placements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Totals {
    /// Placements listed.
    pub placements: usize,
    /// Their spend.
    pub spend: YearSpend,
}

/// Everything the cumulative spend screen shows for a year as of a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpendScreen {
    /// The figures of `panel spend`.
    pub report: SpendReport,
    /// Placements and children in force on the as-of date.
    pub activity: Activity,
    /// Twelve months, April to March.
    pub months: Vec<MonthPoint>,
    /// Every year on record, oldest first.
    pub years: Vec<YearLine>,
    /// The placements the filter lets through that cost anything in, or cover a day of, the
    /// year; largest projected spend first.
    pub placements: Vec<PlacementLine>,
    /// Their sum.
    pub selection: Totals,
}

/// The agreement for `year`, if any.
fn agreement_for(agreements: &[Agreement], year: FinancialYear) -> Option<&Agreement> {
    agreements.iter().find(|a| a.year == year)
}

/// `as_of` kept within `year`: the day whose placements the screen counts as in force.
pub fn activity_day(year: FinancialYear, as_of: NaiveDate) -> NaiveDate {
    as_of.clamp(year.start(), year.end())
}

/// Computes the whole screen. `placements` may hold placements of any year; those outside
/// `year` only count towards the years side by side.
pub fn spend_screen(
    year: FinancialYear,
    as_of: NaiveDate,
    partners: &[Partner],
    agreements: &[Agreement],
    placements: &[FundedPlacement],
    filter: &Filter,
) -> SpendScreen {
    let in_year: Vec<&FundedPlacement> = placements
        .iter()
        .filter(|p| overlaps(&p.placement, year))
        .collect();
    let costed: Vec<Placement> = in_year.iter().map(|p| p.placement.clone()).collect();
    let report = spend_report(
        year,
        as_of,
        partners,
        agreement_for(agreements, year),
        &costed,
    );
    let day = activity_day(year, as_of);
    let n = partners.len();

    let lines: Vec<PlacementLine> = in_year
        .iter()
        .map(|p| placement_line(p, year, as_of, day, n))
        .collect();
    let activity = activity(&lines, day);
    let months = months(year, as_of, &costed, n);
    let years = years(year, as_of, agreements, placements);

    let mut listed: Vec<PlacementLine> = lines
        .into_iter()
        .filter(|l| {
            filter.kind.is_none_or(|k| l.kind == k)
                && (!filter.active_only || l.active)
                && filter.partner.is_none_or(|i| {
                    let s = &l.spend;
                    s.projected_parts.get(i).is_some_and(|m| *m != Money::ZERO)
                        || s.to_date_parts.get(i).is_some_and(|m| *m != Money::ZERO)
                })
        })
        .collect();
    listed.sort_by(|a, b| {
        b.spend
            .projected
            .cmp(&a.spend.projected)
            .then_with(|| a.case_reference.cmp(&b.case_reference))
            .then_with(|| a.id.cmp(&b.id))
    });
    let selection = totals(&listed, n);
    SpendScreen {
        report,
        activity,
        months,
        years,
        placements: listed,
        selection,
    }
}

/// Whether the placement covers any day of `year`.
fn overlaps(p: &Placement, year: FinancialYear) -> bool {
    p.start <= year.end() && p.end.is_none_or(|e| e >= year.start())
}

fn placement_line(
    p: &FundedPlacement,
    year: FinancialYear,
    as_of: NaiveDate,
    day: NaiveDate,
    n: usize,
) -> PlacementLine {
    let spend = YearSpend::of(std::slice::from_ref(&p.placement), year, as_of, n);
    let active = p.placement.covers(day);
    PlacementLine {
        id: p.id,
        case_id: p.case_id,
        case_reference: p.case_reference.clone(),
        initials: p.initials.clone(),
        provider: p.provider.clone(),
        kind: p.kind,
        start: p.placement.start,
        end: p.placement.end,
        active,
        weekly: if active {
            p.placement.weekly_equivalent(day)
        } else {
            Money::ZERO
        },
        spend,
    }
}

/// `total` ÷ `count` to the penny, half away from zero; zero for no count.
fn average(total: Money, count: Decimal) -> Money {
    if count.is_zero() {
        return Money::ZERO;
    }
    // In range: the count is at least a day (1/7 of a week), so the average is at most
    // seven times a total of amounts the doors bound.
    Money::from_bounded_pence(Decimal::from(total.pence()) / count)
}

fn activity(lines: &[PlacementLine], on: NaiveDate) -> Activity {
    let active: Vec<&PlacementLine> = lines.iter().filter(|l| l.active).collect();
    let children: BTreeSet<i64> = active.iter().map(|l| l.case_id).collect();
    let weekly_total: Money = active.iter().map(|l| l.weekly).sum();
    Activity {
        on,
        children: children.len(),
        placements: active.len(),
        weekly_total,
        weekly_average: average(weekly_total, Decimal::from(active.len())),
    }
}

fn months(
    year: FinancialYear,
    as_of: NaiveDate,
    placements: &[Placement],
    n: usize,
) -> Vec<MonthPoint> {
    let mut out: Vec<MonthPoint> = Vec::with_capacity(12);
    let mut before = Money::ZERO;
    for m in 0..12u32 {
        let Some(month) = year.start().checked_add_months(Months::new(m)) else {
            break;
        };
        let end = month
            .checked_add_months(Months::new(1))
            .and_then(|d| d.checked_sub_days(Days::new(1)))
            .unwrap_or(year.end());
        let mut cumulative = Money::ZERO;
        let mut parts = vec![Money::ZERO; n];
        add_spend(placements, year.start(), end, &mut cumulative, &mut parts);
        out.push(MonthPoint {
            month,
            end,
            in_month: cumulative - before,
            cumulative,
            parts,
            actual: end <= as_of,
        });
        before = cumulative;
    }
    out
}

/// The years on record: from the first year with an agreement or a placement to the last year
/// with an agreement, a placement's start or end, or the year viewed.
fn year_range(
    viewed: FinancialYear,
    agreements: &[Agreement],
    placements: &[FundedPlacement],
) -> (FinancialYear, FinancialYear) {
    let mut first = viewed;
    let mut last = viewed;
    let mut see = |y: FinancialYear| {
        first = first.min(y);
        last = last.max(y);
    };
    for a in agreements {
        see(a.year);
    }
    for p in placements {
        see(FinancialYear::containing(p.placement.start));
        if let Some(e) = p.placement.end {
            see(FinancialYear::containing(e));
        }
    }
    (first, last)
}

fn years(
    viewed: FinancialYear,
    as_of: NaiveDate,
    agreements: &[Agreement],
    placements: &[FundedPlacement],
) -> Vec<YearLine> {
    let (first, last) = year_range(viewed, agreements, placements);
    let count = (last.start_year() - first.start_year() + 1).clamp(1, LAST_YEAR - FIRST_YEAR + 1);
    let index = |y: FinancialYear| (y.start_year() - first.start_year()) as usize;
    let size = count as usize;
    let mut projected = vec![Money::ZERO; size];
    let mut recurring = vec![Money::ZERO; size];
    let mut covered = vec![0i64; size];
    let mut counted = vec![0usize; size];
    for p in placements {
        let pl = &p.placement;
        // Segments never cross a year's end, so one pass over the whole range cuts them as a
        // pass over each year would.
        pl.for_each_segment(first.start(), last.end(), |seg| {
            let i = index(FinancialYear::containing(seg.from));
            projected[i] += seg.cost;
            if seg.per != Per::Once {
                recurring[i] += seg.cost;
            }
        });
        let mut y = FinancialYear::containing(pl.start).max(first);
        while y <= last && pl.start <= y.end() {
            if pl.end.is_some_and(|e| e < y.start()) {
                break;
            }
            let from = pl.start.max(y.start());
            let to = pl.end.map_or(y.end(), |e| e.min(y.end()));
            let i = index(y);
            covered[i] += (to - from).num_days() + 1;
            counted[i] += 1;
            if y == last {
                break;
            }
            y = y.next();
        }
    }
    let mut out = Vec::with_capacity(size);
    let mut y = first;
    for i in 0..size {
        let agreement = agreement_for(agreements, y);
        let budget: Money = agreement
            .map(|a| a.contributions.iter().copied().sum())
            .unwrap_or(Money::ZERO);
        out.push(YearLine {
            year: y,
            has_agreement: agreement.is_some(),
            budget,
            projected: projected[i],
            variance: projected[i] - budget,
            closed: y.end() <= as_of,
            placements: counted[i],
            weekly_average: average(recurring[i], Decimal::from(covered[i]) / Decimal::from(7)),
        });
        if i + 1 < size {
            y = y.next();
        }
    }
    out
}

fn totals(lines: &[PlacementLine], n: usize) -> Totals {
    let mut spend = YearSpend::zero(n);
    for l in lines {
        spend.add(&l.spend);
    }
    Totals {
        placements: lines.len(),
        spend,
    }
}

/// Which run of days a segment list covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Basis {
    /// The year's first day to the as-of date: the segments of spend to date.
    ToDate,
    /// The whole year: the segments of projected spend.
    Projected,
}

impl Basis {
    /// The code used in files.
    pub fn code(self) -> &'static str {
        match self {
            Basis::ToDate => "to_date",
            Basis::Projected => "projected",
        }
    }
}

/// One segment of a placement explained (rule 3): the days, the rate, the split and the amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentLine {
    /// Which figure it belongs to.
    pub basis: Basis,
    /// The cost line's description.
    pub line: String,
    /// The line's unit.
    pub per: Per,
    /// The rate per unit.
    pub rate: Money,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Days.
    pub days: i64,
    /// The day the split in force took effect.
    pub split_from: NaiveDate,
    /// The split's percentages, in partner order.
    pub percents: Vec<Percent>,
    /// The segment's cost, to the penny.
    pub cost: Money,
    /// Each partner's share of `cost`.
    pub shares: Vec<Money>,
}

/// A placement's segments of `basis` in `year` as of `as_of`, in line then date order; their
/// costs add up to the placement's figure on the screen.
pub fn segment_lines(
    p: &Placement,
    year: FinancialYear,
    as_of: NaiveDate,
    basis: Basis,
) -> Vec<SegmentLine> {
    let to = match basis {
        Basis::ToDate => as_of.min(year.end()),
        Basis::Projected => year.end(),
    };
    let mut out = Vec::new();
    if to < year.start() {
        return out;
    }
    p.for_each_segment(year.start(), to, |seg| {
        let split = &p.splits[seg.split];
        out.push(SegmentLine {
            basis,
            line: p
                .cost_lines
                .get(seg.line)
                .map(|l| l.description.clone())
                .unwrap_or_default(),
            per: seg.per,
            rate: seg.rate,
            from: seg.from,
            to: seg.to,
            days: seg.days,
            split_from: split.from,
            percents: split.shares.clone(),
            cost: seg.cost,
            shares: seg.shares,
        });
    });
    out
}

/// The month's short name and year, `Apr 2026`.
pub fn month_label(month: NaiveDate) -> String {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!("{} {}", NAMES[month.month0() as usize], month.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::tests::{d, oakfield};
    use crate::cost::{CostLine, SplitPeriod};
    use crate::spend::tests::partners;

    fn funded(id: i64, case_id: i64, kind: PlacementType, placement: Placement) -> FundedPlacement {
        FundedPlacement {
            id,
            case_id,
            case_reference: format!("CN-{case_id:04}"),
            initials: "A.B.".into(),
            provider: format!("Provider {id}"),
            kind,
            placement,
        }
    }

    fn weekly(amount_pounds: i64, start: &str, end: Option<&str>, shares: [&str; 3]) -> Placement {
        Placement {
            start: d(start),
            end: end.map(d),
            cost_lines: vec![CostLine {
                description: "Weekly fee".into(),
                per: Per::Week,
                amount: Money::from_pounds(amount_pounds),
                from: d(start),
                to: None,
            }],
            splits: vec![SplitPeriod {
                from: d(start),
                shares: shares.iter().map(|s| Percent::parse(s).unwrap()).collect(),
            }],
        }
    }

    fn agreement(year: &str, c: [i64; 3]) -> Agreement {
        Agreement {
            year: year.parse().unwrap(),
            risk_share: crate::spend::RiskShare::Contributions,
            contributions: c.iter().map(|&p| Money::from_pounds(p)).collect(),
        }
    }

    fn sample() -> Vec<FundedPlacement> {
        vec![
            funded(1, 1, PlacementType::Residential, oakfield()),
            funded(
                2,
                2,
                PlacementType::DaySchool,
                weekly(1_000, "2022-09-01", Some("2023-07-20"), ["0", "100", "0"]),
            ),
            funded(
                3,
                2,
                PlacementType::ShortBreaks,
                weekly(350, "2023-04-01", None, ["50", "0", "50"]),
            ),
            funded(
                4,
                3,
                PlacementType::Residential,
                weekly(7_000, "2019-05-01", Some("2021-03-31"), ["34", "33", "33"]),
            ),
        ]
    }

    #[test]
    fn the_screen_holds_the_report_and_its_parts_add_up() {
        let y: FinancialYear = "2023/24".parse().unwrap();
        let as_of = d("2023-09-30");
        let agreements = [agreement("2023/24", [500_000, 300_000, 200_000])];
        let all = sample();
        let s = spend_screen(y, as_of, &partners(), &agreements, &all, &Filter::default());
        let plain: Vec<Placement> = all.iter().map(|p| p.placement.clone()).collect();
        assert_eq!(
            s.report,
            spend_report(y, as_of, &partners(), Some(&agreements[0]), &plain)
        );
        // Placement 4 ended in 2020/21: not listed.
        assert_eq!(s.placements.len(), 3);
        assert_eq!(s.selection.spend.projected, s.report.projected);
        assert_eq!(s.selection.spend.to_date, s.report.to_date);
        for (i, p) in s.report.partners.iter().enumerate() {
            assert_eq!(s.selection.spend.projected_parts[i], p.projected);
            assert_eq!(s.selection.spend.to_date_parts[i], p.to_date);
        }
        // Largest first.
        assert!(
            s.placements
                .windows(2)
                .all(|w| w[0].spend.projected >= w[1].spend.projected)
        );
    }

    #[test]
    fn months_are_spend_to_date_at_each_month_end() {
        let y: FinancialYear = "2023/24".parse().unwrap();
        let all = sample();
        let plain: Vec<Placement> = all.iter().map(|p| p.placement.clone()).collect();
        let s = spend_screen(
            y,
            d("2023-09-30"),
            &partners(),
            &[],
            &all,
            &Filter::default(),
        );
        assert_eq!(s.months.len(), 12);
        assert_eq!(s.months[0].month, d("2023-04-01"));
        assert_eq!(s.months[0].end, d("2023-04-30"));
        assert_eq!(s.months[10].end, d("2024-02-29"));
        assert_eq!(s.months[11].end, d("2024-03-31"));
        for m in &s.months {
            let r = spend_report(y, m.end, &partners(), None, &plain);
            assert_eq!(m.cumulative, r.to_date, "{}", m.end);
            let parts: Vec<Money> = r.partners.iter().map(|p| p.to_date).collect();
            assert_eq!(m.parts, parts);
        }
        assert_eq!(s.months[11].cumulative, s.report.projected);
        let in_months: Money = s.months.iter().map(|m| m.in_month).sum();
        assert_eq!(in_months, s.report.projected);
        // Actual to September, projected after.
        let actual: Vec<bool> = s.months.iter().map(|m| m.actual).collect();
        assert_eq!(actual.iter().filter(|a| **a).count(), 6);
        assert!(actual[5] && !actual[6]);
        assert_eq!(s.months[5].cumulative, s.report.to_date);
        assert_eq!(month_label(s.months[11].month), "Mar 2024");
    }

    #[test]
    fn activity_counts_children_not_placements_and_averages_weekly_cost() {
        let y: FinancialYear = "2023/24".parse().unwrap();
        let s = spend_screen(
            y,
            d("2023-06-01"),
            &partners(),
            &[],
            &sample(),
            &Filter::default(),
        );
        // On 1 June 2023: Oakfield (case 1, £5,250/wk), the day school (case 2, £1,000) and
        // short breaks (case 2, £350): two children, three placements.
        assert_eq!(s.activity.on, d("2023-06-01"));
        assert_eq!(s.activity.children, 2);
        assert_eq!(s.activity.placements, 3);
        assert_eq!(s.activity.weekly_total, Money::from_pounds(6_600));
        assert_eq!(s.activity.weekly_average, Money::from_pounds(2_200));
        // An as-of date after the year counts the year's last day.
        let s = spend_screen(
            y,
            d("2030-01-01"),
            &partners(),
            &[],
            &sample(),
            &Filter::default(),
        );
        assert_eq!(s.activity.on, d("2024-03-31"));
        assert_eq!(s.activity.placements, 2);
        assert_eq!(
            s.activity.weekly_average,
            average(Money::from_pence(551_250 + 35_000), Decimal::from(2))
        );
    }

    #[test]
    fn filters_pick_placements_and_their_totals() {
        let y: FinancialYear = "2023/24".parse().unwrap();
        let as_of = d("2023-09-30");
        let all = sample();
        let by_type = spend_screen(
            y,
            as_of,
            &partners(),
            &[],
            &all,
            &Filter {
                kind: Some(PlacementType::Residential),
                ..Filter::default()
            },
        );
        assert_eq!(by_type.placements.len(), 1);
        assert_eq!(by_type.placements[0].id, 1);
        let health = spend_screen(
            y,
            as_of,
            &partners(),
            &[],
            &all,
            &Filter {
                partner: Some(2),
                ..Filter::default()
            },
        );
        // The day school is education's alone.
        let ids: BTreeSet<i64> = health.placements.iter().map(|p| p.id).collect();
        assert_eq!(ids, BTreeSet::from([1, 3]));
        // The partner's figure is explained by the listed placements.
        assert_eq!(
            health.selection.spend.projected_parts[2],
            health.report.partners[2].projected
        );
        let active = spend_screen(
            y,
            d("2023-08-01"),
            &partners(),
            &[],
            &all,
            &Filter {
                active_only: true,
                ..Filter::default()
            },
        );
        assert_eq!(active.placements.len(), active.activity.placements);
        assert_eq!(active.placements.len(), 2);
    }

    #[test]
    fn years_side_by_side_are_each_years_projected_spend() {
        let agreements = [
            agreement("2020/21", [100_000, 100_000, 100_000]),
            agreement("2023/24", [500_000, 300_000, 200_000]),
        ];
        let all = sample();
        let plain: Vec<Placement> = all.iter().map(|p| p.placement.clone()).collect();
        let viewed: FinancialYear = "2023/24".parse().unwrap();
        let s = spend_screen(
            viewed,
            d("2023-09-30"),
            &partners(),
            &agreements,
            &all,
            &Filter::default(),
        );
        let labels: Vec<String> = s.years.iter().map(|y| y.year.to_string()).collect();
        assert_eq!(
            labels,
            ["2019/20", "2020/21", "2021/22", "2022/23", "2023/24"]
        );
        for line in &s.years {
            let a = agreement_for(&agreements, line.year);
            let r = spend_report(line.year, line.year.end(), &partners(), a, &plain);
            assert_eq!(line.projected, r.projected, "{}", line.year);
            assert_eq!(line.budget, r.budget);
            assert_eq!(line.variance, r.variance);
            assert_eq!(line.has_agreement, a.is_some());
        }
        assert!(s.years[0].closed && !s.years[4].closed);
        // 2019/20: one placement at £7,000 a week: the average is the rate.
        assert_eq!(s.years[0].weekly_average, Money::from_pounds(7_000));
        assert_eq!(s.years[0].placements, 1);
        // 2021/22: nothing placed.
        assert_eq!(s.years[2].projected, Money::ZERO);
        assert_eq!(s.years[2].weekly_average, Money::ZERO);
        assert_eq!(s.years[2].placements, 0);
    }

    #[test]
    fn segments_explain_a_placements_figures() {
        let y: FinancialYear = "2023/24".parse().unwrap();
        let as_of = d("2023-09-30");
        let all = sample();
        let s = spend_screen(y, as_of, &partners(), &[], &all, &Filter::default());
        for line in &s.placements {
            let p = &all.iter().find(|p| p.id == line.id).unwrap().placement;
            for (basis, figure, parts) in [
                (
                    Basis::Projected,
                    line.spend.projected,
                    &line.spend.projected_parts,
                ),
                (Basis::ToDate, line.spend.to_date, &line.spend.to_date_parts),
            ] {
                let segs = segment_lines(p, y, as_of, basis);
                assert_eq!(segs.iter().map(|s| s.cost).sum::<Money>(), figure);
                for (i, part) in parts.iter().enumerate() {
                    assert_eq!(segs.iter().map(|s| s.shares[i]).sum::<Money>(), *part);
                }
            }
        }
        // Oakfield's first segment: 1 Apr – 30 Jun 2023, 91 days at £5,250 a week.
        let oak = segment_lines(&oakfield(), y, as_of, Basis::ToDate);
        assert_eq!(oak[0].from, d("2023-04-01"));
        assert_eq!(oak[0].to, d("2023-06-30"));
        assert_eq!(oak[0].days, 91);
        assert_eq!(oak[0].cost, Money::from_pence(6_825_000));
        assert_eq!(oak[0].percents[0].to_string(), "50");
        assert_eq!(
            segment_lines(&oakfield(), y, d("2023-03-01"), Basis::ToDate),
            vec![]
        );
    }
}
