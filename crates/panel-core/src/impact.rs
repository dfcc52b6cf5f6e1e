//! What a decision does to the pool (issue of foresight): each partner's projected spend, and
//! the pool's variance, for the financial year the decision is taken in and the next, before
//! and after it.
//!
//! *Before* is the spend with the placement as the latest earlier funding decision approved it
//! (for a first decision, as it runs if it has already begun, since the spend as it stands
//! counts it, or without it if it has not); *after* is with the placement as the decision
//! approves it (or as before, for a decision that funds nothing: declined, deferred, noted).
//! Each figure is [`crate::spend_report`]'s projected spend: every day of the year the
//! placements cover (rule 4), so it equals `panel spend` for the year computed with and
//! without the decision.

use crate::cost::{Per, Placement};
use crate::money::Money;
use crate::spend::{Agreement, Partner, spend_report};
use crate::split::Percent;
use crate::year::FinancialYear;

/// `amount` raised by `uplift`, rounded to the penny, half away from zero.
pub fn uplifted(amount: Money, uplift: Percent) -> Money {
    let scaled = i128::from(amount.pence()) * (10_000 + i128::from(uplift.basis_points()));
    let (q, r) = (scaled / 10_000, scaled % 10_000);
    let rounded = if r.abs() * 2 >= 10_000 {
        q + scaled.signum()
    } else {
        q
    };
    Money::from_pence(i64::try_from(rounded).unwrap_or(i64::MAX))
}

/// The placement with every rate (per week, day or year, not a one-off amount) raised by
/// `uplift`: what next year's projection assumes.
pub fn with_uplift(p: &Placement, uplift: Percent) -> Placement {
    let mut out = p.clone();
    if uplift.basis_points() > 0 {
        for line in &mut out.cost_lines {
            if line.per != Per::Once {
                line.amount = uplifted(line.amount, uplift);
            }
        }
    }
    out
}

/// One year's figures before and after a decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearImpact {
    /// The year.
    pub year: FinancialYear,
    /// Each partner's contribution that year, in partner order (nothing without an agreement).
    pub contributions: Vec<Money>,
    /// Each partner's projected spend before the decision.
    pub before: Vec<Money>,
    /// And after it.
    pub after: Vec<Money>,
    /// Whether the year has a pooled budget agreement.
    pub has_agreement: bool,
}

impl YearImpact {
    /// The pool's projected spend before the decision.
    pub fn spend_before(&self) -> Money {
        self.before.iter().copied().sum()
    }

    /// And after it.
    pub fn spend_after(&self) -> Money {
        self.after.iter().copied().sum()
    }

    /// The pool's contributions.
    pub fn budget(&self) -> Money {
        self.contributions.iter().copied().sum()
    }

    /// What the decision changes, in a sentence: the pool's spend and, with an agreement,
    /// its variance.
    pub fn words(&self) -> String {
        let change = self.spend_after() - self.spend_before();
        let moved = if change == Money::ZERO {
            "leaves the pool's projected spend as it was".to_string()
        } else if change > Money::ZERO {
            format!("adds {change} to the pool's projected spend")
        } else {
            format!(
                "takes {} off the pool's projected spend",
                Money::ZERO - change
            )
        };
        if !self.has_agreement {
            return format!(
                "In {} the decision {moved}, now {}; the year has no pooled budget agreement.",
                self.year,
                self.spend_after()
            );
        }
        let variance = |spend: Money| {
            let v = spend - self.budget();
            if v > Money::ZERO {
                format!("an overspend of {v}")
            } else if v < Money::ZERO {
                format!("an underspend of {}", Money::ZERO - v)
            } else {
                "exactly the budget".to_string()
            }
        };
        format!(
            "In {} the decision {moved}, now {} against contributions of {}: {} before, {} after.",
            self.year,
            self.spend_after(),
            self.budget(),
            variance(self.spend_before()),
            variance(self.spend_after())
        )
    }
}

/// The years a decision on `decided_on` is weighed in: its financial year and the next.
pub fn impact_years(decided_on: chrono::NaiveDate) -> [FinancialYear; 2] {
    let year = FinancialYear::containing(decided_on);
    [year, year.next()]
}

/// What a decision does in each of `years`: `others` are every other placement on record,
/// `before` the placement as approved before (if it was), `after` as the decision approves it
/// (if it funds it). `agreements` gives each year's agreement, if any. The years after the
/// first assume every rate raised by `uplift` (0% leaves them as they are).
pub fn impact(
    years: &[FinancialYear],
    partners: &[Partner],
    agreements: &[Option<Agreement>],
    others: &[Placement],
    before: Option<&Placement>,
    after: Option<&Placement>,
    uplift: Percent,
) -> Vec<YearImpact> {
    let projected =
        |year: FinancialYear, later: bool, agreement: Option<&Agreement>, p: Option<&Placement>| {
            let mut all: Vec<Placement> = others.iter().chain(p).cloned().collect();
            if later {
                all = all.iter().map(|p| with_uplift(p, uplift)).collect();
            }
            spend_report(year, year.end(), partners, agreement, &all)
        };
    years
        .iter()
        .enumerate()
        .map(|(i, &year)| {
            let agreement = agreements.get(i).and_then(Option::as_ref);
            let b = projected(year, i > 0, agreement, before);
            let a = projected(year, i > 0, agreement, after);
            YearImpact {
                year,
                contributions: b.partners.iter().map(|p| p.contribution).collect(),
                before: b.partners.iter().map(|p| p.projected).collect(),
                after: a.partners.iter().map(|p| p.projected).collect(),
                has_agreement: b.has_agreement,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uplift_raises_rates_to_the_penny_and_leaves_one_off_amounts() {
        let p = |s: &str| Percent::parse(s).unwrap();
        assert_eq!(
            uplifted(Money::from_pence(100_000), p("3.5")),
            Money::from_pence(103_500)
        );
        // 333.33 × 1.015 = 338.329…; 0.05 × 1.1 = 0.055, half away from zero.
        assert_eq!(
            uplifted(Money::from_pence(33_333), p("1.5")),
            Money::from_pence(33_833)
        );
        assert_eq!(
            uplifted(Money::from_pence(5), p("10")),
            Money::from_pence(6)
        );
        assert_eq!(
            uplifted(Money::from_pence(-5), p("10")),
            Money::from_pence(-6)
        );
        assert_eq!(
            uplifted(Money::from_pence(12_345), Percent::ZERO),
            Money::from_pence(12_345)
        );
    }
}
