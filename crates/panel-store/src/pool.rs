//! A pooled year's contributions called from the partners and received from them (rule 7):
//! never more called than the agreement's contribution, never more received than called.

use chrono::NaiveDate;
use panel_core::model::PoolKind;
use panel_core::money::Money;
use panel_core::year::FinancialYear;
use rusqlite::{OptionalExtension, params};

use crate::{Result, Store, StoreError, date_col, field};

pub use panel_core::pool::{PoolEntry, PoolPosition};

/// A day after every day recorded, to count everything.
pub(crate) fn ever() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

impl Store {
    /// Records a contribution called from, or received from, partner `code` for pooled
    /// `year`, on `on` (no later than `today`). Refused: a year with no agreement, an unknown
    /// partner, nothing, a call beyond the contribution, a receipt beyond what was called.
    #[allow(clippy::too_many_arguments)]
    pub fn record_pool_entry(
        &mut self,
        code: &str,
        year: FinancialYear,
        kind: PoolKind,
        on: NaiveDate,
        amount: Money,
        reference: &str,
        today: NaiveDate,
    ) -> Result<PoolPosition> {
        let reference = panel_core::field::text_input(
            "reference",
            "Reference",
            reference,
            false,
            panel_core::text::limit::NAME,
        )
        .map_err(|e| StoreError::Field(vec![e]))?;
        if amount <= Money::ZERO {
            return Err(field(
                "amount",
                "An amount above £0.00 is called or received",
            ));
        }
        if on > today {
            return Err(field(
                "on",
                format!(
                    "{} is after today ({}): record it when it happens",
                    on.format("%d/%m/%Y"),
                    today.format("%d/%m/%Y")
                ),
            ));
        }
        if self.agreement(year)?.is_none() {
            return Err(field(
                "year",
                format!(
                    "{year} has no pooled budget agreement: contributions are called only in a pooled year"
                ),
            ));
        }
        let partner_id: i64 = self
            .conn
            .query_row("SELECT id FROM partners WHERE code = ?1", [code], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| {
                field(
                    "partner",
                    format!("There is no partner with the code \"{code}\""),
                )
            })?;
        let before = self.pool_position(year, ever())?;
        let p = before
            .iter()
            .find(|p| p.partner == code)
            .ok_or_else(|| StoreError::NotFound(format!("partner {code}")))?;
        match kind {
            PoolKind::Call if p.called + amount > p.agreed => {
                return Err(field(
                    "amount",
                    format!(
                        "{amount} would call more than {}'s contribution of {} ({} called already)",
                        p.name, p.agreed, p.called
                    ),
                ));
            }
            PoolKind::Receipt if p.received + amount > p.called => {
                return Err(field(
                    "amount",
                    format!(
                        "{amount} is more than {} was called for and has not paid ({} of {} called)",
                        p.name,
                        p.called - p.received,
                        p.called
                    ),
                ));
            }
            _ => {}
        }
        self.conn.execute(
            "INSERT INTO pool_entries (partner_id, year_start, kind, on_date, amount_pence, reference)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                partner_id,
                year.start_year(),
                kind.code(),
                on.to_string(),
                amount.pence(),
                reference
            ],
        )?;
        self.pool_position(year, ever())?
            .into_iter()
            .find(|p| p.partner == code)
            .ok_or_else(|| StoreError::NotFound(format!("partner {code}")))
    }

    /// Each partner's contribution for `year`, and what was called and received of it by
    /// `as_of`, in partner order.
    pub fn pool_position(
        &self,
        year: FinancialYear,
        as_of: NaiveDate,
    ) -> Result<Vec<PoolPosition>> {
        let agreement = self.agreement(year)?;
        let partners = self.partners()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.code,
                    coalesce(sum(CASE WHEN e.kind = 'call' THEN e.amount_pence END), 0),
                    coalesce(sum(CASE WHEN e.kind = 'receipt' THEN e.amount_pence END), 0)
             FROM pool_entries e JOIN partners p ON p.id = e.partner_id
             WHERE e.year_start = ?1 AND e.on_date <= ?2 GROUP BY p.code",
        )?;
        let mut sums = std::collections::HashMap::new();
        let mut rows = stmt.query(params![year.start_year(), as_of.to_string()])?;
        while let Some(r) = rows.next()? {
            sums.insert(
                r.get::<_, String>(0)?,
                (Money::from_pence(r.get(1)?), Money::from_pence(r.get(2)?)),
            );
        }
        Ok(partners
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let (called, received) = sums.get(&p.code).copied().unwrap_or_default();
                PoolPosition {
                    partner: p.code.clone(),
                    name: p.name.clone(),
                    agreed: agreement
                        .as_ref()
                        .and_then(|a| a.contributions.get(i).copied())
                        .unwrap_or(Money::ZERO),
                    called,
                    received,
                }
            })
            .collect())
    }

    /// Every contribution called and received, by year, day and order recorded.
    pub fn pool_entries(&self, year: Option<FinancialYear>) -> Result<Vec<PoolEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.code, e.year_start, e.kind, e.on_date, e.amount_pence, e.reference
             FROM pool_entries e JOIN partners p ON p.id = e.partner_id
             WHERE ?1 IS NULL OR e.year_start = ?1 ORDER BY e.year_start, e.on_date, e.id",
        )?;
        let mut rows = stmt.query([year.map(|y| y.start_year())])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let y: i32 = r.get(1)?;
            out.push(PoolEntry {
                partner: r.get(0)?,
                year: FinancialYear::starting(y)
                    .ok_or_else(|| StoreError::Corrupt(format!("a pool entry of year {y}")))?,
                kind: PoolKind::parse(&r.get::<_, String>(2)?).map_err(StoreError::Corrupt)?,
                on: date_col(&r.get::<_, String>(3)?)?,
                amount: Money::from_pence(r.get(4)?),
                reference: r.get(5)?,
            });
        }
        Ok(out)
    }
}
