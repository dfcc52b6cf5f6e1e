//! What a decision does to the pool (issue of foresight): each partner's projected spend, and
//! the pool's variance, for the financial year the decision is taken in and the next, before
//! and after it.
//!
//! *Before* is the spend with the placement as the latest earlier funding decision approved it
//! (or without it, for a first decision); *after* is with the placement as the decision
//! approves it (or as before, for a decision that funds nothing: declined, deferred, noted).
//! Each figure is [`crate::spend_report`]'s projected spend: every day of the year the
//! placements cover (rule 4), so it equals `panel spend` for the year computed with and
//! without the decision.

use crate::cost::Placement;
use crate::money::Money;
use crate::spend::{Agreement, Partner, spend_report};
use crate::year::FinancialYear;

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
/// (if it funds it). `agreements` gives each year's agreement, if any.
pub fn impact(
    years: &[FinancialYear],
    partners: &[Partner],
    agreements: &[Option<Agreement>],
    others: &[Placement],
    before: Option<&Placement>,
    after: Option<&Placement>,
) -> Vec<YearImpact> {
    let projected = |year: FinancialYear, agreement: Option<&Agreement>, p: Option<&Placement>| {
        let mut all: Vec<Placement> = others.to_vec();
        all.extend(p.cloned());
        spend_report(year, year.end(), partners, agreement, &all)
    };
    years
        .iter()
        .enumerate()
        .map(|(i, &year)| {
            let agreement = agreements.get(i).and_then(Option::as_ref);
            let b = projected(year, agreement, before);
            let a = projected(year, agreement, after);
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
