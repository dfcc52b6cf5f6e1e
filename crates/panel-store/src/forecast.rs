//! What the placements on record will cost, apart from what they cost after each child's 18th
//! birthday (rule 19), and next year's cost of the placements already agreed (rule 4).

use chrono::NaiveDate;
use panel_core::SpendReport;
use panel_core::exceptions::birthday;
use panel_core::money::Money;
use panel_core::year::FinancialYear;

use crate::{Result, Store};

/// What the placements cost in a year after each child's 18th birthday.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AfterEighteen {
    /// Each partner's share, in partner order, for every day of the year the placements
    /// cover (rule 4).
    pub partners: Vec<Money>,
    /// Their sum.
    pub total: Money,
    /// How many children turn 18 before or during the year in a placement that costs then.
    pub children: usize,
}

/// A year ahead: the placements' projected spend against the year's agreement, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Forecast {
    /// The year and its figures (every day of it the placements cover).
    pub spend: SpendReport,
    /// What of it falls after children's 18th birthdays.
    pub after_eighteen: AfterEighteen,
}

impl Store {
    /// What the placements cost in `year` on the days after each child's 18th birthday.
    pub fn after_eighteen(&self, year: FinancialYear) -> Result<AfterEighteen> {
        self.after_eighteen_with(year, panel_core::Percent::ZERO)
    }

    /// [`Store::after_eighteen`] with every rate raised by `uplift`.
    fn after_eighteen_with(
        &self,
        year: FinancialYear,
        uplift: panel_core::Percent,
    ) -> Result<AfterEighteen> {
        let partners = self.partners()?.len();
        let born: std::collections::HashMap<i64, NaiveDate> = self
            .conn
            .prepare_cached("SELECT id, date_of_birth FROM cases WHERE date_of_birth IS NOT NULL")?
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
            .filter_map(|r| match r {
                Ok((id, d)) => crate::date_col(&d).ok().map(|d| Ok((id, d))),
                Err(e) => Some(Err(e)),
            })
            .collect::<rusqlite::Result<_>>()?;
        let mut out = AfterEighteen {
            partners: vec![Money::ZERO; partners],
            total: Money::ZERO,
            children: 0,
        };
        let mut children = std::collections::HashSet::new();
        for p in self.funded_placements_in(year.start(), year.end(), partners)? {
            let Some(eighteen) = born.get(&p.case_id).and_then(|d| birthday(*d, 18)) else {
                continue;
            };
            let from = eighteen.max(year.start()).max(p.placement.start);
            if from > year.end() {
                continue;
            }
            let mut any = false;
            panel_core::impact::with_uplift(&p.placement, uplift).for_each_segment(
                from,
                year.end(),
                |s| {
                    for (k, share) in s.shares.iter().enumerate() {
                        out.partners[k] += *share;
                    }
                    out.total += s.cost;
                    any |= s.cost != Money::ZERO;
                },
            );
            if any {
                children.insert(p.case_id);
            }
        }
        out.children = children.len();
        Ok(out)
    }

    /// The year after `year`: what the placements on record will cost in it (open-ended ones
    /// for the whole year, at the rates and splits they have), against its agreement if there
    /// is one, and what of it falls after children's 18th birthdays.
    pub fn next_year(&self, year: FinancialYear) -> Result<Forecast> {
        let next = year.next();
        let uplift = self.finance_settings()?.uplift;
        let before = next.start().pred_opt().unwrap_or(next.start());
        Ok(Forecast {
            spend: self.spend_with_uplift(next, before, uplift)?,
            after_eighteen: self.after_eighteen_with(next, uplift)?,
        })
    }
}
