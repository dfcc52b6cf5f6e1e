//! Spend against the pooled budget for a financial year, and who bears the variance (rule 7).

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::Serialize;

use crate::cost::Placement;
use crate::money::Money;
use crate::split::allocate;
use crate::year::FinancialYear;

/// A funding body, in partner order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partner {
    /// Short code, e.g. `SC`.
    pub code: String,
    /// Name, e.g. `Social care`.
    pub name: String,
    /// Other names it is known by in the headings of a council's spreadsheets (e.g. `CCG`),
    /// beyond those the application knows for its kind of partner.
    pub aliases: Vec<String>,
}

/// Who bears an overspend (or receives an underspend) of the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum RiskShare {
    /// Each partner in proportion to its contribution for the year (the default).
    #[default]
    Contributions,
    /// Each partner bears the difference between its own split of the spend and its contribution.
    AsIncurred,
}

impl RiskShare {
    /// The code used in files and the database.
    pub fn code(self) -> &'static str {
        match self {
            RiskShare::Contributions => "contributions",
            RiskShare::AsIncurred => "as_incurred",
        }
    }

    /// A phrase for people.
    pub fn describe(self) -> &'static str {
        match self {
            RiskShare::Contributions => "in proportion to contributions",
            RiskShare::AsIncurred => "as incurred",
        }
    }
}

impl fmt::Display for RiskShare {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.code())
    }
}

impl FromStr for RiskShare {
    type Err = String;
    fn from_str(s: &str) -> Result<RiskShare, String> {
        match s {
            "contributions" => Ok(RiskShare::Contributions),
            "as_incurred" => Ok(RiskShare::AsIncurred),
            other => Err(format!(
                "\"{other}\" is not a risk share (expected contributions or as_incurred)"
            )),
        }
    }
}

/// A pooled-budget agreement for one financial year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agreement {
    /// The year.
    pub year: FinancialYear,
    /// Who bears the variance.
    pub risk_share: RiskShare,
    /// Each partner's contribution, in partner order.
    pub contributions: Vec<Money>,
}

/// One partner's line of a [`SpendReport`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PartnerSpend {
    /// The partner's code.
    pub code: String,
    /// Its contribution to the pool for the year.
    pub contribution: Money,
    /// Its split of the projected spend.
    pub projected: Money,
    /// Its split of the spend to date.
    pub to_date: Money,
    /// Its split of the projected spend less its contribution: what it would bear if each
    /// partner carried its own risk. The partners' variances add up to the pool's.
    pub variance: Money,
    /// Its part of the variance under the agreement's risk share.
    pub risk_share: Money,
}

/// Spend against the pooled budget for a year, as of a date: the figures of `panel spend`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SpendReport {
    /// The financial year.
    #[serde(serialize_with = "as_display")]
    pub year: FinancialYear,
    /// Spend to date counts the days of the year up to and including this date.
    pub as_of: NaiveDate,
    /// The sum of the contributions.
    pub budget: Money,
    /// Every day of the year that placements cover (open-ended ones to the year end).
    pub projected: Money,
    /// The days of the year up to and including `as_of`.
    pub to_date: Money,
    /// Projected − budget: positive is an overspend, negative an underspend.
    pub variance: Money,
    /// One line per partner, in partner order.
    pub partners: Vec<PartnerSpend>,
    /// The agreement's risk share (the default when there is no agreement).
    #[serde(skip)]
    pub risk_share: RiskShare,
    /// Whether an agreement exists for the year.
    #[serde(skip)]
    pub has_agreement: bool,
}

impl SpendReport {
    /// One sentence: whether the year is projected to over- or underspend, by how much, and
    /// who bears it.
    pub fn verdict(&self) -> String {
        match self.variance.pence() {
            v if v > 0 => format!(
                "Projected overspend: {}, borne by the partners as shown under risk share.",
                self.variance
            ),
            v if v < 0 => format!(
                "Projected underspend: {}, shared as shown under risk share.",
                self.variance.abs()
            ),
            _ => "Projected spend equals the budget.".to_string(),
        }
    }

    /// How the variance is shared, or what stands in for an agreement when there is none.
    pub fn agreement_note(&self) -> String {
        if self.has_agreement {
            format!("Risk share: {}.", self.risk_share.describe())
        } else {
            format!(
                "No pooled-budget agreement is recorded for {}: contributions are shown as £0.00 and each partner bears its own spend.",
                self.year
            )
        }
    }
}

fn as_display<S: serde::Serializer, T: fmt::Display>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// Spend to date and projected spend for a year, in total and per partner (rule 4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearSpend {
    /// Every day of the year the placements cover.
    pub projected: Money,
    /// Each partner's part of `projected`, in partner order.
    pub projected_parts: Vec<Money>,
    /// The days of the year up to and including the as-of date.
    pub to_date: Money,
    /// Each partner's part of `to_date`, in partner order.
    pub to_date_parts: Vec<Money>,
}

impl YearSpend {
    /// Nothing spent, for `partners` partners.
    pub fn zero(partners: usize) -> YearSpend {
        YearSpend {
            projected: Money::ZERO,
            projected_parts: vec![Money::ZERO; partners],
            to_date: Money::ZERO,
            to_date_parts: vec![Money::ZERO; partners],
        }
    }

    /// The segments of `placements` in `year`: all of them, and those up to `as_of`.
    pub fn of(
        placements: &[Placement],
        year: FinancialYear,
        as_of: NaiveDate,
        partners: usize,
    ) -> YearSpend {
        let mut s = YearSpend::zero(partners);
        add_spend(
            placements,
            year.start(),
            year.end(),
            &mut s.projected,
            &mut s.projected_parts,
        );
        add_spend(
            placements,
            year.start(),
            as_of.min(year.end()),
            &mut s.to_date,
            &mut s.to_date_parts,
        );
        s
    }

    /// Adds `other` to this.
    pub fn add(&mut self, other: &YearSpend) {
        self.projected += other.projected;
        self.to_date += other.to_date;
        for (a, b) in self.projected_parts.iter_mut().zip(&other.projected_parts) {
            *a += *b;
        }
        for (a, b) in self.to_date_parts.iter_mut().zip(&other.to_date_parts) {
            *a += *b;
        }
    }
}

/// Adds each placement's segments within `from..=to` into `total` and per-partner `parts`.
pub fn add_spend(
    placements: &[Placement],
    from: NaiveDate,
    to: NaiveDate,
    total: &mut Money,
    parts: &mut [Money],
) {
    if to < from {
        return;
    }
    for p in placements {
        p.for_each_segment(from, to, |seg| {
            *total += seg.cost;
            for (part, share) in parts.iter_mut().zip(&seg.shares) {
                *part += *share;
            }
        });
    }
}

/// Computes spend for `year` as of `as_of` over `placements` (already validated for
/// `partners.len()` partners).
///
/// Without an agreement, contributions are zero and each partner bears its own spend.
pub fn spend_report(
    year: FinancialYear,
    as_of: NaiveDate,
    partners: &[Partner],
    agreement: Option<&Agreement>,
    placements: &[Placement],
) -> SpendReport {
    let n = partners.len();
    let YearSpend {
        projected,
        projected_parts,
        to_date,
        to_date_parts,
    } = YearSpend::of(placements, year, as_of, n);

    let contributions: Vec<Money> = match agreement {
        Some(a) => (0..n)
            .map(|i| a.contributions.get(i).copied().unwrap_or(Money::ZERO))
            .collect(),
        None => vec![Money::ZERO; n],
    };
    let budget: Money = contributions.iter().copied().sum();
    let variance = projected - budget;
    let rule = agreement.map(|a| a.risk_share).unwrap_or_default();
    let weights: Vec<i64> = contributions.iter().map(|c| c.pence()).collect();
    let risk: Vec<Money> = match rule {
        RiskShare::Contributions => allocate(variance, &weights),
        RiskShare::AsIncurred => None,
    }
    // As incurred, and the fallback when there is nothing to be in proportion to.
    .unwrap_or_else(|| {
        projected_parts
            .iter()
            .zip(&contributions)
            .map(|(&spent, &paid)| spent - paid)
            .collect()
    });

    SpendReport {
        year,
        as_of,
        budget,
        projected,
        to_date,
        variance,
        partners: partners
            .iter()
            .enumerate()
            .map(|(i, p)| PartnerSpend {
                code: p.code.clone(),
                contribution: contributions[i],
                projected: projected_parts[i],
                to_date: to_date_parts[i],
                variance: projected_parts[i] - contributions[i],
                risk_share: risk[i],
            })
            .collect(),
        risk_share: rule,
        has_agreement: agreement.is_some(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::cost::tests::{d, oakfield};
    use crate::cost::{CostLine, Per, SplitPeriod};
    use crate::split::Percent;
    use proptest::prelude::*;

    /// Three partners, SC, ED and HE, named by their codes.
    pub(crate) fn partners() -> Vec<Partner> {
        ["SC", "ED", "HE"]
            .iter()
            .map(|c| Partner {
                code: c.to_string(),
                name: c.to_string(),
                aliases: Vec::new(),
            })
            .collect()
    }

    fn agreement(rule: RiskShare, c: [i64; 3]) -> Agreement {
        Agreement {
            year: "2023/24".parse().unwrap(),
            risk_share: rule,
            contributions: c.iter().map(|&p| Money::from_pounds(p)).collect(),
        }
    }

    #[test]
    fn seed_pool_overspend_in_proportion_to_contributions() {
        // The seed's pool: £7.2m as £2,448,000 / £2,376,000 / £2,376,000. Take spend of £7.5m
        // at 34/33/33: overspend £300,000, borne 34/33/33 = £102,000 / £99,000 / £99,000.
        let y: FinancialYear = "2023/24".parse().unwrap();
        let a = Agreement {
            year: y,
            risk_share: RiskShare::Contributions,
            contributions: vec![
                Money::from_pounds(2_448_000),
                Money::from_pounds(2_376_000),
                Money::from_pounds(2_376_000),
            ],
        };
        let p = Placement {
            start: y.start(),
            end: None,
            cost_lines: vec![CostLine {
                description: String::new(),
                per: Per::Year,
                amount: Money::from_pounds(7_500_000),
                from: y.start(),
                to: None,
            }],
            splits: vec![SplitPeriod {
                from: y.start(),
                shares: ["34", "33", "33"]
                    .iter()
                    .map(|s| Percent::parse(s).unwrap())
                    .collect(),
            }],
        };
        let r = spend_report(y, d("2023-09-30"), &partners(), Some(&a), &[p]);
        assert_eq!(r.budget.to_string(), "£7,200,000.00");
        assert_eq!(r.projected.to_string(), "£7,500,000.00");
        assert_eq!(r.variance.to_string(), "£300,000.00");
        let risk: Vec<String> = r
            .partners
            .iter()
            .map(|p| p.risk_share.to_string())
            .collect();
        assert_eq!(risk, ["£102,000.00", "£99,000.00", "£99,000.00"]);
        // 1 Apr – 30 Sep 2023 = 183 of 366 days: £7,500,000 × 183/366 = £3,750,000.
        assert_eq!(r.to_date.to_string(), "£3,750,000.00");
    }

    #[test]
    fn oakfield_example_underspend_both_rules() {
        let y: FinancialYear = "2023/24".parse().unwrap();
        let a = agreement(RiskShare::Contributions, [500_000, 300_000, 200_000]);
        let r = spend_report(y, d("2023-09-30"), &partners(), Some(&a), &[oakfield()]);
        assert_eq!(r.projected.pence(), 28_731_250);
        // Partners: SC 3412500+3622500+5764500+100000, ED/HE 1706250+1811250+4323375+75000.
        assert_eq!(r.partners[0].projected.pence(), 12_899_500);
        assert_eq!(r.partners[1].projected.pence(), 7_915_875);
        assert_eq!(r.partners[2].projected.pence(), 7_915_875);
        // To 30 Sep: the first two segments only.
        assert_eq!(r.to_date.pence(), 6_825_000 + 7_245_000);
        assert_eq!(r.partners[0].to_date.pence(), 3_412_500 + 3_622_500);
        // Variance 287,312.50 − 1,000,000 = −712,687.50; by 50/30/20:
        // −356,343.75 / −213,806.25 / −142,537.50 in pence exactly.
        assert_eq!(r.variance.pence(), -71_268_750);
        let risk: Vec<i64> = r.partners.iter().map(|p| p.risk_share.pence()).collect();
        assert_eq!(risk, [-35_634_375, -21_380_625, -14_253_750]);

        let a = agreement(RiskShare::AsIncurred, [500_000, 300_000, 200_000]);
        let r = spend_report(y, d("2023-09-30"), &partners(), Some(&a), &[oakfield()]);
        let risk: Vec<i64> = r.partners.iter().map(|p| p.risk_share.pence()).collect();
        assert_eq!(
            risk,
            [
                12_899_500 - 50_000_000,
                7_915_875 - 30_000_000,
                7_915_875 - 20_000_000
            ]
        );
        assert_eq!(risk.iter().sum::<i64>(), r.variance.pence());
    }

    #[test]
    fn as_of_before_the_year_gives_nothing_to_date_and_after_gives_all() {
        let y: FinancialYear = "2023/24".parse().unwrap();
        let r = spend_report(y, d("2023-01-01"), &partners(), None, &[oakfield()]);
        assert_eq!(r.to_date, Money::ZERO);
        assert!(!r.has_agreement);
        assert_eq!(r.budget, Money::ZERO);
        let r2 = spend_report(y, d("2030-01-01"), &partners(), None, &[oakfield()]);
        assert_eq!(r2.to_date, r2.projected);
        // No agreement: each partner bears its own spend.
        assert_eq!(r2.partners[0].risk_share, r2.partners[0].projected);
    }

    #[test]
    fn json_shape() {
        let y: FinancialYear = "2023/24".parse().unwrap();
        let a = agreement(RiskShare::Contributions, [500_000, 300_000, 200_000]);
        let r = spend_report(y, d("2023-09-30"), &partners(), Some(&a), &[oakfield()]);
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.starts_with(r#"{"year":"2023/24","as_of":"2023-09-30","budget":"1000000.00","projected":"287312.50","to_date":"140700.00","variance":"-712687.50","partners":[{"code":"SC","contribution":"500000.00","projected":"128995.00""#), "{json}");
    }

    proptest! {
        #[test]
        fn per_partner_figures_add_up_to_the_totals(
            contributions in prop::collection::vec(0i64..10i64.pow(9), 3),
            as_incurred in any::<bool>(),
            rates in prop::collection::vec((1i64..1_000_000, 0usize..3), 1..8),
            as_of_day in 0u64..366,
        ) {
            let y: FinancialYear = "2024/25".parse().unwrap();
            let per = [Per::Week, Per::Day, Per::Year];
            let placements: Vec<Placement> = rates.iter().enumerate().map(|(i, &(r, k))| {
                let mut p = oakfield();
                p.start = y.start() - chrono::Days::new(i as u64 * 37);
                p.splits[0].from = p.start;
                p.cost_lines.push(CostLine { description: String::new(), per: per[k],
                    amount: Money::from_pence(r), from: p.start, to: None });
                p
            }).collect();
            let rule = if as_incurred { RiskShare::AsIncurred } else { RiskShare::Contributions };
            let a = Agreement { year: y, risk_share: rule,
                contributions: contributions.iter().map(|&c| Money::from_pence(c)).collect() };
            let as_of = y.start() + chrono::Days::new(as_of_day);
            let r = spend_report(y, as_of, &partners(), Some(&a), &placements);
            let sum = |f: fn(&PartnerSpend) -> Money| r.partners.iter().map(f).sum::<Money>();
            prop_assert_eq!(sum(|p| p.projected), r.projected);
            prop_assert_eq!(sum(|p| p.to_date), r.to_date);
            prop_assert_eq!(sum(|p| p.contribution), r.budget);
            prop_assert_eq!(sum(|p| p.risk_share), r.variance);
            prop_assert_eq!(sum(|p| p.variance), r.variance);
            prop_assert_eq!(r.variance, r.projected - r.budget);
            prop_assert!(r.to_date <= r.projected);
        }
    }
}
