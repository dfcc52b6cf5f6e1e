//! Placements, cost lines, splits, and their cost over a period as segments (rules 3, 4 and 6).

use std::fmt;
use std::str::FromStr;

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::money::Money;
use crate::split::{Percent, WHOLE, allocate_by_percent};
use crate::year::FinancialYear;

/// The unit of a cost line's amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ipc", derive(serde::Serialize, specta::Type))]
#[cfg_attr(feature = "ipc", serde(rename_all = "lowercase"))]
pub enum Per {
    /// An amount per week: a segment of n days costs amount × n ÷ 7.
    Week,
    /// An amount per day: amount × n.
    Day,
    /// An amount per year: amount × n ÷ days in that financial year.
    Year,
    /// A one-off amount on the line's `from` date.
    Once,
}

impl Per {
    /// Every unit, in the order forms offer them.
    pub const ALL: &'static [Per] = &[Per::Week, Per::Day, Per::Year, Per::Once];

    /// The code used in files and the database.
    pub fn code(self) -> &'static str {
        match self {
            Per::Week => "week",
            Per::Day => "day",
            Per::Year => "year",
            Per::Once => "once",
        }
    }

    /// The unit in words, for records: `per week`, `per day`, `per year`, `once`.
    pub fn label(self) -> &'static str {
        match self {
            Per::Week => "per week",
            Per::Day => "per day",
            Per::Year => "per year",
            Per::Once => "once",
        }
    }
}

impl fmt::Display for Per {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.code())
    }
}

impl FromStr for Per {
    type Err = String;
    fn from_str(s: &str) -> Result<Per, String> {
        match s {
            "week" => Ok(Per::Week),
            "day" => Ok(Per::Day),
            "year" => Ok(Per::Year),
            "once" => Ok(Per::Once),
            other => Err(format!(
                "\"{other}\" is not a unit (expected week, day, year or once)"
            )),
        }
    }
}

/// One rate of a placement: an amount per unit over a run of dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CostLine {
    /// What the amount is for.
    pub description: String,
    /// The unit.
    pub per: Per,
    /// The amount per unit (or the one-off amount).
    pub amount: Money,
    /// First day the rate applies (the date of a one-off amount).
    pub from: NaiveDate,
    /// Last day the rate applies; `None` runs to the placement's end.
    pub to: Option<NaiveDate>,
}

/// How a placement's cost is shared from a date: one percentage per partner, in partner order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitPeriod {
    /// The first day the split is in force.
    pub from: NaiveDate,
    /// One share per partner, in partner order, summing to exactly 100%.
    pub shares: Vec<Percent>,
}

/// What is funded for a case, with the dates, rates and splits needed to cost it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    /// First day.
    pub start: NaiveDate,
    /// Last day; `None` is open-ended.
    pub end: Option<NaiveDate>,
    /// Its cost lines.
    pub cost_lines: Vec<CostLine>,
    /// Its splits, in date order, the first in force from the start.
    pub splits: Vec<SplitPeriod>,
}

/// Why a placement cannot be costed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlacementError {
    /// The end is before the start.
    #[error("ends ({end}) before it starts ({start})")]
    EndBeforeStart {
        /// Start.
        start: NaiveDate,
        /// End.
        end: NaiveDate,
    },
    /// A cost line ends before it starts.
    #[error("cost line {index} ends ({to}) before it starts ({from})")]
    LineEndBeforeStart {
        /// Index of the line.
        index: usize,
        /// From.
        from: NaiveDate,
        /// To.
        to: NaiveDate,
    },
    /// A cost line's amount is beyond [`LINE_CEILING`] either way.
    #[error("cost line {index}: {amount} is above the most one cost line may be ({LINE_CEILING})")]
    AmountAboveCeiling {
        /// Index of the line.
        index: usize,
        /// Its amount.
        amount: Money,
    },
    /// No split at all.
    #[error("has no split")]
    NoSplit,
    /// The first split starts after the placement.
    #[error("the first split starts ({from}) after the placement ({start})")]
    FirstSplitLate {
        /// The first split's date.
        from: NaiveDate,
        /// The placement's start.
        start: NaiveDate,
    },
    /// Splits out of order or two on one date.
    #[error("split {index} is not after the split before it")]
    SplitsOutOfOrder {
        /// Index of the split.
        index: usize,
    },
    /// The shares do not sum to exactly 100.
    #[error("split {index}: shares sum to {}%, not 100%", crate::split::format_basis_points(*.sum))]
    SharesNot100 {
        /// Index of the split.
        index: usize,
        /// What they sum to, in hundredths of a percent.
        sum: u32,
    },
    /// The shares do not list every partner.
    #[error("split {index}: has {got} shares for {partners} partners")]
    WrongShareCount {
        /// Index of the split.
        index: usize,
        /// How many shares.
        got: usize,
        /// How many partners.
        partners: usize,
    },
}

/// A run of days of one cost line inside one financial year, with one rate and one split,
/// costed and rounded to the penny, and shared between partners (rule 3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Index of the cost line in its placement.
    pub line: usize,
    /// First day.
    pub from: NaiveDate,
    /// Last day (the same day for a one-off amount).
    pub to: NaiveDate,
    /// Days covered (1 for a one-off amount).
    pub days: i64,
    /// The line's unit.
    pub per: Per,
    /// The line's amount per unit.
    pub rate: Money,
    /// Index of the split in force.
    pub split: usize,
    /// The segment's cost, rounded to the penny.
    pub cost: Money,
    /// Each partner's share of `cost`, in partner order; they add up to `cost`.
    pub shares: Vec<Money>,
}

/// Inclusive days from `a` to `b`.
fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days() + 1
}

fn next_day(d: NaiveDate) -> Option<NaiveDate> {
    d.checked_add_days(Days::new(1))
}

fn prev_day(d: NaiveDate) -> Option<NaiveDate> {
    d.checked_sub_days(Days::new(1))
}

/// The largest amount one cost line may have, either way: £10,000,000.00 (a year of the
/// dearest placement is a small fraction of it). It keeps every sum of segments far inside
/// the range of whole pence, so no total can overflow or silently become zero.
pub const LINE_CEILING: Money = Money::from_pounds(10_000_000);

/// A cost line a door must refuse although it could be costed: its position, the field and
/// what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineProblem {
    /// Index of the line.
    pub line: usize,
    /// `amount`, `from` or `to`.
    pub field: &'static str,
    /// What is wrong.
    pub message: String,
}

/// The rules every cost line keeps, whichever door it comes in by (the form, a file, a
/// spreadsheet): an amount within [`LINE_CEILING`], above £0.00 unless one-off (a one-off may
/// be a credit but not nothing), an end not before its start, and dates within the placement's,
/// so that no amount vanishes from every year.
pub fn line_problems(p: &Placement) -> Vec<LineProblem> {
    p.cost_lines
        .iter()
        .enumerate()
        .flat_map(|(line, l)| {
            let known = LineFields {
                per: Some(l.per),
                amount: Some(l.amount),
                from: Some(l.from),
                to: Some(l.to),
            };
            cost_line_problems(line, &known, Some((p.start, p.end)))
        })
        .collect()
}

/// A cost line's fields as far as they are known: a form checks a line whose unit or date is
/// still wrong by the rules that need only what it has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LineFields {
    /// The unit.
    pub per: Option<Per>,
    /// The amount.
    pub amount: Option<Money>,
    /// The first day.
    pub from: Option<NaiveDate>,
    /// The last day (`Some(None)`: runs to the placement's end).
    pub to: Option<Option<NaiveDate>>,
}

/// What [`line_problems`] finds in one cost line, numbered `line`, of a placement running over
/// `within` (start, end; `None` while the placement's dates are unknown). Each rule runs when
/// the fields it reads are known. Each message reads after the field's name and carries no
/// label of its own, so each door puts its own.
pub fn cost_line_problems(
    line: usize,
    l: &LineFields,
    within: Option<(NaiveDate, Option<NaiveDate>)>,
) -> Vec<LineProblem> {
    let mut out = Vec::new();
    let show = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    let mut push = |field: &'static str, message: String| {
        out.push(LineProblem {
            line,
            field,
            message,
        })
    };
    if let Some(amount) = l.amount {
        if amount.abs() > LINE_CEILING {
            push(
                "amount",
                format!("{amount} is above the most one cost line may be ({LINE_CEILING})"),
            );
        } else if l.per.is_some_and(|p| p != Per::Once) && amount.pence() <= 0 {
            push(
                "amount",
                "must be more than £0.00 (only a one-off amount can be a credit)".into(),
            );
        } else if l.per == Some(Per::Once) && amount == Money::ZERO {
            push("amount", "a one-off amount cannot be £0.00".into());
        }
    }
    let inside =
        |d: NaiveDate| within.is_none_or(|(start, end)| start <= d && end.is_none_or(|e| d <= e));
    if let Some(from) = l.from
        && !inside(from)
    {
        push(
            "from",
            format!(
                "{} is outside the placement's dates{}",
                show(from),
                if l.per == Some(Per::Once) {
                    ": a one-off amount on it would count in no year"
                } else {
                    ""
                }
            ),
        );
    }
    if let Some(Some(t)) = l.to {
        if l.per == Some(Per::Once) {
            push("to", "a one-off amount has a date, not an end".into());
        } else if l.from.is_some_and(|f| t < f) {
            push(
                "to",
                format!(
                    "{} is before the line starts ({})",
                    show(t),
                    l.from.map(show).unwrap_or_default()
                ),
            );
        } else if within.is_some_and(|(_, end)| end.is_some_and(|e| t > e)) {
            push("to", format!("{} is after the placement ends", show(t)));
        }
    }
    out
}

/// Recurring cost lines that run together: allowed (a fee and a 1:1 support line are both
/// paid), but worth a second look, as a rate change entered without ending the old rate looks
/// the same. One sentence for each pair, naming the lines from 1 and the days they share.
pub fn overlapping_lines(p: &Placement) -> Vec<String> {
    let mut out = Vec::new();
    let end_of = |l: &CostLine| match (l.to, p.end) {
        (Some(t), Some(e)) => Some(t.min(e)),
        (Some(t), None) => Some(t),
        (None, e) => e,
    };
    let show = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    for (i, a) in p.cost_lines.iter().enumerate() {
        for (j, b) in p.cost_lines.iter().enumerate().skip(i + 1) {
            if a.per == Per::Once || b.per == Per::Once {
                continue;
            }
            let from = a.from.max(b.from);
            let to = match (end_of(a), end_of(b)) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
            if to.is_some_and(|t| t < from) {
                continue;
            }
            let until = to.map_or_else(|| "on".to_string(), |t| format!("to {}", show(t)));
            out.push(format!(
                "Cost lines {} ({}) and {} ({}) are both paid from {} {until}",
                i + 1,
                a.description,
                j + 1,
                b.description,
                show(from)
            ));
        }
    }
    out
}

/// The cost of `days` days at `rate` per `per` within financial year `year`, to the penny.
///
/// Exact in integers: the cost is the fraction pence × days ÷ 7 (or ÷ the year's days),
/// rounded half away from zero (as [`Money::from_decimal_pence`] rounds). A quotient of a
/// divisor of at most 366 is either exactly half a penny or at least 1/732 of a penny from
/// it, so no arithmetic of limited precision could round it otherwise.
pub fn pro_rata(rate: Money, per: Per, days: i64, year: FinancialYear) -> Money {
    let amount = i128::from(rate.pence());
    let days = i128::from(days);
    let pence = match per {
        Per::Week => divide_rounding(amount * days, 7),
        Per::Day => amount * days,
        Per::Year => divide_rounding(amount * days, i128::from(year.days())),
        Per::Once => amount,
    };
    // In range for every placement that passed `Placement::validate`: a line is at most
    // LINE_CEILING and a segment at most one year.
    Money::from_bounded_whole_pence(pence)
}

/// `n` ÷ `d` (`d` above zero) to the nearest whole number, halves away from zero.
fn divide_rounding(n: i128, d: i128) -> i128 {
    let (q, r) = crate::money::div_rem(n, d);
    if 2 * r.abs() >= d { q + n.signum() } else { q }
}

impl Placement {
    /// Checks that the placement can be costed for `partners` partners.
    pub fn validate(&self, partners: usize) -> Result<(), PlacementError> {
        if let Some(end) = self.end
            && end < self.start
        {
            return Err(PlacementError::EndBeforeStart {
                start: self.start,
                end,
            });
        }
        for (index, line) in self.cost_lines.iter().enumerate() {
            if line.amount.abs() > LINE_CEILING {
                return Err(PlacementError::AmountAboveCeiling {
                    index,
                    amount: line.amount,
                });
            }
            if let Some(to) = line.to
                && to < line.from
            {
                return Err(PlacementError::LineEndBeforeStart {
                    index,
                    from: line.from,
                    to,
                });
            }
        }
        let first = self.splits.first().ok_or(PlacementError::NoSplit)?;
        if first.from > self.start {
            return Err(PlacementError::FirstSplitLate {
                from: first.from,
                start: self.start,
            });
        }
        for (index, split) in self.splits.iter().enumerate() {
            if index > 0 && split.from <= self.splits[index - 1].from {
                return Err(PlacementError::SplitsOutOfOrder { index });
            }
            if split.shares.len() != partners {
                return Err(PlacementError::WrongShareCount {
                    index,
                    got: split.shares.len(),
                    partners,
                });
            }
            let sum: u32 = split.shares.iter().map(|p| p.basis_points()).sum();
            if sum != WHOLE {
                return Err(PlacementError::SharesNot100 { index, sum });
            }
        }
        Ok(())
    }

    /// Index of the split in force on `day`, if any.
    pub fn split_on(&self, day: NaiveDate) -> Option<usize> {
        self.splits.iter().rposition(|s| s.from <= day)
    }

    /// Whether the placement covers `day` (an open end covers every later day).
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.start <= day && self.end.is_none_or(|e| day <= e)
    }

    /// The placement's segments within `from..=to` (inclusive), in line then date order.
    ///
    /// An open-ended placement or line is projected to `to` (rule 4). The placement must have
    /// passed [`Placement::validate`]; days with no split in force are not costed.
    pub fn segments(&self, from: NaiveDate, to: NaiveDate) -> Vec<Segment> {
        let mut out = Vec::new();
        self.for_each_segment(from, to, |s| out.push(s));
        out
    }

    /// Calls `f` with each segment within `from..=to`, as [`Placement::segments`] lists them.
    pub fn for_each_segment(&self, from: NaiveDate, to: NaiveDate, mut f: impl FnMut(Segment)) {
        let placement_end = self.end.map_or(to, |e| e.min(to));
        for (index, line) in self.cost_lines.iter().enumerate() {
            if line.per == Per::Once {
                let day = line.from;
                if day >= from
                    && day <= to
                    && self.covers(day)
                    && let Some(seg) = self.segment(index, line, day, day)
                {
                    f(seg);
                }
                continue;
            }
            let lo = line.from.max(self.start).max(from);
            let hi = line.to.map_or(placement_end, |t| t.min(placement_end));
            let mut cur = lo;
            while cur <= hi {
                let year_end = FinancialYear::containing(cur).end();
                let split_end = self
                    .splits
                    .iter()
                    .find(|s| s.from > cur)
                    .and_then(|s| prev_day(s.from))
                    .unwrap_or(hi);
                let seg_end = hi.min(year_end).min(split_end);
                if let Some(seg) = self.segment(index, line, cur, seg_end) {
                    f(seg);
                }
                match next_day(seg_end) {
                    Some(n) => cur = n,
                    None => break,
                }
            }
        }
    }

    fn segment(
        &self,
        index: usize,
        line: &CostLine,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Option<Segment> {
        let split = self.split_on(from)?;
        let days = days_between(from, to);
        let cost = pro_rata(line.amount, line.per, days, FinancialYear::containing(from));
        let shares = allocate_by_percent(cost, &self.splits[split].shares)?;
        Some(Segment {
            line: index,
            from,
            to,
            days,
            per: line.per,
            rate: line.amount,
            split,
            cost,
            shares,
        })
    }

    /// The equivalent cost per week of the recurring lines in force on `day` (one-off amounts
    /// excluded): per day × 7, per year × 7 ÷ 365 — for display, rounded to the penny.
    pub fn weekly_equivalent(&self, day: NaiveDate) -> Money {
        Money::from_bounded_pence(self.weekly_rate(day))
    }

    /// The exact weekly cost in pence of the recurring lines in force on `day`, unrounded, as
    /// [`Placement::weekly_equivalent`] counts it: what a lower rate is compared by (rule 10).
    pub fn weekly_rate(&self, day: NaiveDate) -> Decimal {
        let mut total = Decimal::ZERO;
        for line in &self.cost_lines {
            let in_force = line.from <= day && line.to.is_none_or(|t| day <= t) && self.covers(day);
            if !in_force {
                continue;
            }
            let amount = Decimal::from(line.amount.pence());
            total += match line.per {
                Per::Week => amount,
                Per::Day => amount * Decimal::from(7),
                Per::Year => amount * Decimal::from(7) / Decimal::from(365),
                Per::Once => Decimal::ZERO,
            };
        }
        total
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::year::parse_iso_date;
    use proptest::prelude::*;

    pub(crate) fn d(s: &str) -> NaiveDate {
        parse_iso_date(s).unwrap()
    }

    #[test]
    fn lines_paid_together_are_named_and_a_rate_change_is_not() {
        let mk = |description: &str, per: Per, from: &str, to: Option<&str>| CostLine {
            description: description.into(),
            per,
            amount: Money::from_pounds(100),
            from: d(from),
            to: to.map(d),
        };
        let p = Placement {
            start: d("2026-04-01"),
            end: Some(d("2027-03-31")),
            cost_lines: vec![
                mk("Weekly fee", Per::Week, "2026-04-01", Some("2026-09-30")),
                mk("Weekly fee (uplift)", Per::Week, "2026-10-01", None),
                mk("1:1 support", Per::Day, "2026-09-01", Some("2026-11-30")),
                mk("Transition", Per::Once, "2026-09-15", None),
            ],
            splits: vec![],
        };
        assert_eq!(
            overlapping_lines(&p),
            [
                "Cost lines 1 (Weekly fee) and 3 (1:1 support) are both paid from 01/09/2026 to 30/09/2026",
                "Cost lines 2 (Weekly fee (uplift)) and 3 (1:1 support) are both paid from 01/10/2026 to 30/11/2026",
            ]
        );
    }

    fn pct(v: &[&str]) -> Vec<Percent> {
        v.iter().map(|s| Percent::parse(s).unwrap()).collect()
    }

    fn line(per: Per, amount: i64, from: &str, to: Option<&str>) -> CostLine {
        CostLine {
            description: String::new(),
            per,
            amount: Money::from_pence(amount),
            from: d(from),
            to: to.map(d),
        }
    }

    /// The example of the interchange format: Oakfield House.
    pub(crate) fn oakfield() -> Placement {
        Placement {
            start: d("2023-01-15"),
            end: None,
            cost_lines: vec![
                line(Per::Week, 525_000, "2023-01-15", Some("2023-06-30")),
                line(Per::Week, 551_250, "2023-07-01", None),
                line(Per::Once, 250_000, "2023-11-05", None),
            ],
            splits: vec![
                SplitPeriod {
                    from: d("2023-01-15"),
                    shares: pct(&["50", "25", "25"]),
                },
                SplitPeriod {
                    from: d("2023-10-01"),
                    shares: pct(&["40", "30", "30"]),
                },
            ],
        }
    }

    fn total(segs: &[Segment]) -> i64 {
        segs.iter().map(|s| s.cost.pence()).sum()
    }

    #[test]
    fn oakfield_by_hand_2023_24() {
        let p = oakfield();
        p.validate(3).unwrap();
        let y: FinancialYear = "2023/24".parse().unwrap();
        let segs = p.segments(y.start(), y.end());
        // Line 0: 1 Apr – 30 Jun 2023 = 91 days = 13 weeks exactly: £5,250 × 13 = £68,250.00.
        // Line 1: 1 Jul – 30 Sep 2023 = 92 days at 50/25/25: 551250 × 92 / 7 = 7245000p.
        //         1 Oct 2023 – 31 Mar 2024 = 183 days at 40/30/30: 551250 × 183 / 7 = 14411250p.
        // Line 2: £2,500 once on 5 Nov 2023 at 40/30/30.
        let got: Vec<(String, String, i64, i64, Vec<i64>)> = segs
            .iter()
            .map(|s| {
                (
                    s.from.to_string(),
                    s.to.to_string(),
                    s.days,
                    s.cost.pence(),
                    s.shares.iter().map(|m| m.pence()).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "2023-04-01".into(),
                    "2023-06-30".into(),
                    91,
                    6_825_000,
                    vec![3_412_500, 1_706_250, 1_706_250]
                ),
                (
                    "2023-07-01".into(),
                    "2023-09-30".into(),
                    92,
                    7_245_000,
                    vec![3_622_500, 1_811_250, 1_811_250]
                ),
                (
                    "2023-10-01".into(),
                    "2024-03-31".into(),
                    183,
                    14_411_250,
                    vec![5_764_500, 4_323_375, 4_323_375]
                ),
                (
                    "2023-11-05".into(),
                    "2023-11-05".into(),
                    1,
                    250_000,
                    vec![100_000, 75_000, 75_000]
                ),
            ]
        );
        assert_eq!(total(&segs), 28_731_250); // £287,312.50
    }

    #[test]
    fn open_ended_is_projected_only_to_the_period_end_and_cut_at_year_ends() {
        let p = oakfield();
        // Across two financial years: segments are cut at 31 March.
        let segs = p.segments(d("2023-03-01"), d("2023-04-30"));
        let spans: Vec<(String, String)> = segs
            .iter()
            .map(|s| (s.from.to_string(), s.to.to_string()))
            .collect();
        assert_eq!(
            spans,
            vec![
                ("2023-03-01".into(), "2023-03-31".into()),
                ("2023-04-01".into(), "2023-04-30".into())
            ]
        );
        // Before the placement starts: nothing.
        assert!(p.segments(d("2022-04-01"), d("2023-01-14")).is_empty());
    }

    #[test]
    fn per_year_and_per_day_rounding() {
        // £10,000 a year for 1 day of a 365-day year: 1000000/365 = 2739.726.. -> 2740p.
        let y: FinancialYear = "2022/23".parse().unwrap();
        assert_eq!(
            pro_rata(Money::from_pounds(10_000), Per::Year, 1, y).pence(),
            2740
        );
        assert_eq!(
            pro_rata(Money::from_pounds(10_000), Per::Year, 365, y).pence(),
            1_000_000
        );
        // Leap year: 366 days.
        let leap: FinancialYear = "2023/24".parse().unwrap();
        assert_eq!(
            pro_rata(Money::from_pounds(10_000), Per::Year, 366, leap).pence(),
            1_000_000
        );
        assert_eq!(
            pro_rata(Money::from_pounds(10_000), Per::Year, 183, leap).pence(),
            500_000
        );
        // Half a penny rounds away from zero: 1p/week for 7 days? exact. 5p per week × 1 day = 0.714 -> 1p.
        assert_eq!(pro_rata(Money::from_pence(5), Per::Week, 1, y).pence(), 1);
        // 3.5p exactly: 7p/week for 3.5 days is impossible; 7p/day × 1 = 7. Use a year: 365p/year × 1 day = 1p.
        assert_eq!(pro_rata(Money::from_pence(365), Per::Year, 1, y).pence(), 1);
        // 1p/week for 3 days = 0.43 -> 0; 4 days = 0.57 -> 1; negative rounds away from zero too.
        assert_eq!(pro_rata(Money::from_pence(1), Per::Week, 3, y).pence(), 0);
        assert_eq!(pro_rata(Money::from_pence(1), Per::Week, 4, y).pence(), 1);
        assert_eq!(pro_rata(Money::from_pence(-1), Per::Week, 4, y).pence(), -1);
        // Exactly half a penny: 730p a year for 1 day of 365... = 2p; 365p × 0.5? per-day exact.
        // 1095p/year over 365 days for 1 day = 3p; 7p/week × 1 day = 1p; 35p/week×1 = 5p.
        assert_eq!(
            pro_rata(Money::from_pence(183), Per::Year, 1, leap).pence(),
            1
        ); // 0.5 -> 1
        assert_eq!(
            pro_rata(Money::from_pence(-183), Per::Year, 1, leap).pence(),
            -1
        );
        assert_eq!(
            pro_rata(Money::from_pence(250), Per::Day, 3, y).pence(),
            750
        );
    }

    #[test]
    fn validation() {
        let mut p = oakfield();
        p.end = Some(d("2023-01-01"));
        assert!(matches!(
            p.validate(3),
            Err(PlacementError::EndBeforeStart { .. })
        ));
        let mut p = oakfield();
        p.splits[0].from = d("2023-01-16");
        assert!(matches!(
            p.validate(3),
            Err(PlacementError::FirstSplitLate { .. })
        ));
        let mut p = oakfield();
        p.splits[1].shares = pct(&["40", "30", "29.99"]);
        assert_eq!(
            p.validate(3).unwrap_err().to_string(),
            "split 1: shares sum to 99.99%, not 100%"
        );
        let mut p = oakfield();
        p.splits[1].from = p.splits[0].from;
        assert!(matches!(
            p.validate(3),
            Err(PlacementError::SplitsOutOfOrder { index: 1 })
        ));
        assert!(matches!(
            oakfield().validate(2),
            Err(PlacementError::WrongShareCount { .. })
        ));
    }

    #[test]
    fn weekly_equivalent() {
        let p = oakfield();
        assert_eq!(p.weekly_equivalent(d("2023-05-01")).pence(), 525_000);
        assert_eq!(p.weekly_equivalent(d("2023-11-05")).pence(), 551_250);
        assert_eq!(p.weekly_equivalent(d("2022-01-01")).pence(), 0);
    }

    prop_compose! {
        fn any_year()(start in 2000i32..2040) -> FinancialYear {
            FinancialYear::starting(start).unwrap()
        }
    }

    #[test]
    fn a_line_beyond_the_ceiling_cannot_be_costed_and_one_at_it_costs_exactly() {
        let y = FinancialYear::starting(2027).unwrap();
        let placement = |amount: Money| Placement {
            start: y.start(),
            end: None,
            cost_lines: vec![CostLine {
                description: "Fee".into(),
                per: Per::Day,
                amount,
                from: y.start(),
                to: None,
            }],
            splits: vec![SplitPeriod {
                from: y.start(),
                shares: vec![Percent::from_basis_points(WHOLE).unwrap()],
            }],
        };
        let over = placement(LINE_CEILING + Money::from_pence(1));
        assert_eq!(
            over.validate(1).unwrap_err().to_string(),
            "cost line 0: £10,000,000.01 is above the most one cost line may be (£10,000,000.00)"
        );
        assert!(
            placement(-LINE_CEILING - Money::from_pence(1))
                .validate(1)
                .is_err()
        );
        // The dearest line a door lets in, every day of a leap year: exact, not zero.
        let leap = FinancialYear::starting(2027).unwrap();
        let at = placement(LINE_CEILING);
        at.validate(1).unwrap();
        let cost: Money = at
            .segments(leap.start(), leap.end())
            .iter()
            .map(|s| s.cost)
            .sum();
        assert_eq!(cost, Money::from_pounds(10_000_000 * 366));
    }

    #[test]
    fn half_a_penny_rounds_away_from_zero() {
        // 2023/24 holds 29 February 2024: 183 of its 366 days are exactly half the year.
        let leap = FinancialYear::starting(2023).unwrap();
        assert_eq!(leap.days(), 366);
        let cost = |pence| pro_rata(Money::from_pence(pence), Per::Year, 183, leap).pence();
        assert_eq!([cost(1), cost(3), cost(-1), cost(-3)], [1, 2, -1, -2]);
        // Just below and just above half: 1p × 182/366 and 1p × 184/366.
        assert_eq!(
            pro_rata(Money::from_pence(1), Per::Year, 182, leap).pence(),
            0
        );
        assert_eq!(
            pro_rata(Money::from_pence(1), Per::Year, 184, leap).pence(),
            1
        );
        // A week's 10p for 3 days: 4.2857p; for 4 days, 5.714p.
        assert_eq!(
            pro_rata(Money::from_pence(10), Per::Week, 3, leap).pence(),
            4
        );
        assert_eq!(
            pro_rata(Money::from_pence(-10), Per::Week, 4, leap).pence(),
            -6
        );
    }

    proptest! {
        /// The integer arithmetic of [`pro_rata`] against the decimal sum it replaced: the
        /// exact product in pence divided by 7 or the year's days, rounded by `Decimal`.
        #[test]
        fn pro_rata_in_integers_is_the_decimal_sum_to_the_penny(
            year in any_year(),
            pence in -LINE_CEILING.pence()..=LINE_CEILING.pence(),
            days in 1i64..=366,
            k in 0usize..4,
        ) {
            let per = Per::ALL[k];
            let amount = Decimal::from(pence);
            let exact = match per {
                Per::Week => amount * Decimal::from(days) / Decimal::from(7),
                Per::Day => amount * Decimal::from(days),
                Per::Year => amount * Decimal::from(days) / Decimal::from(year.days()),
                Per::Once => amount,
            };
            prop_assert_eq!(
                pro_rata(Money::from_pence(pence), per, days, year),
                Money::from_decimal_pence(exact).unwrap()
            );
        }

        #[test]
        fn a_whole_year_of_an_annual_rate_costs_exactly_the_annual_amount(
            year in any_year(), pence in 0i64..=LINE_CEILING.pence(),
            shares in crate::split::tests::percentages(),
        ) {
            let partners = shares.len();
            let p = Placement {
                start: year.start(), end: None,
                cost_lines: vec![CostLine { description: String::new(), per: Per::Year,
                    amount: Money::from_pence(pence), from: year.start(), to: None }],
                splits: vec![SplitPeriod { from: year.start(), shares }],
            };
            p.validate(partners).unwrap();
            let segs = p.segments(year.start(), year.end());
            prop_assert_eq!(segs.len(), 1);
            prop_assert_eq!(segs[0].cost.pence(), pence);
        }

        #[test]
        fn to_date_never_exceeds_projected_and_shares_add_up(
            year in any_year(),
            offsets in prop::collection::vec((0u64..500, 0u64..400, 0i64..2_000_000, 0usize..4), 1..5),
            split_days in prop::collection::vec(1u64..400, 0..3),
            shares in crate::split::tests::percentages(),
            as_of_day in 0u64..366,
        ) {
            let base = year.start() - Days::new(100);
            let per = Per::ALL;
            let cost_lines: Vec<CostLine> = offsets.iter().map(|&(o, len, amount, k)| CostLine {
                description: String::new(), per: per[k], amount: Money::from_pence(amount),
                from: base + Days::new(o), to: Some(base + Days::new(o + len)),
            }).collect();
            let mut split_days = split_days;
            split_days.sort_unstable();
            split_days.dedup();
            let mut splits = vec![SplitPeriod { from: base, shares: shares.clone() }];
            for s in split_days {
                let mut rotated = shares.clone();
                rotated.rotate_left(1);
                splits.push(SplitPeriod { from: base + Days::new(s), shares: rotated });
            }
            let p = Placement { start: base, end: None, cost_lines, splits };
            p.validate(shares.len()).unwrap();
            let projected = p.segments(year.start(), year.end());
            let as_of = (year.start() + Days::new(as_of_day)).min(year.end());
            let to_date = p.segments(year.start(), as_of);
            prop_assert!(total(&to_date) <= total(&projected));
            for s in projected.iter().chain(&to_date) {
                prop_assert_eq!(s.shares.iter().map(|m| m.pence()).sum::<i64>(), s.cost.pence());
                prop_assert!(year.contains(s.from) && year.contains(s.to));
            }
        }
    }
}
