//! What a decision does to the pool (its financial impact): worked out for a draft from the
//! placements on record, and kept with a final decision as it was when it was finalised.

use panel_core::decision::funds;
use panel_core::impact::{YearImpact, impact, impact_years};
use panel_core::model::DecisionStatus;
use panel_core::money::Money;
use panel_core::year::FinancialYear;
use rusqlite::params;

use crate::{DecisionRecord, Result, Store, StoreError};

impl Store {
    /// The financial impact of decision `id`: as kept when it was finalised, or for a draft as
    /// the placements stand now. None for a decision about no placement, or a final decision
    /// finalised before impacts were kept.
    pub fn decision_impact(&self, id: i64) -> Result<Vec<YearImpact>> {
        let record = self.decision(id)?;
        if record.status == DecisionStatus::Final {
            return self.kept_impact(id);
        }
        self.impact_of(&record)
    }

    /// The impact of `record` worked out from the placements on record now.
    pub(crate) fn impact_of(&self, record: &DecisionRecord) -> Result<Vec<YearImpact>> {
        self.impact_for(
            record.placement_id,
            record.decided_on,
            record.content.outcome,
        )
    }

    /// The impact a decision with `outcome` on `decided_on` about placement `placement_id`
    /// would have, from the placements on record now: what the chair sees before finalising.
    pub fn impact_for(
        &self,
        placement_id: Option<i64>,
        decided_on: chrono::NaiveDate,
        outcome: panel_core::model::Outcome,
    ) -> Result<Vec<YearImpact>> {
        let Some(placement_id) = placement_id else {
            return Ok(Vec::new());
        };
        let partners = self.partners()?;
        let years = impact_years(decided_on);
        let agreements = years
            .iter()
            .map(|y| self.agreement(*y))
            .collect::<Result<Vec<_>>>()?;
        let mut now = None;
        let mut others = Vec::new();
        for p in self.funded_placements_in(years[0].start(), years[1].end(), partners.len())? {
            if p.id == placement_id {
                now = Some(p.placement);
            } else {
                others.push(p.placement);
            }
        }
        // Before: as the latest earlier decision approved it. With none, a placement already
        // running when the decision is taken is in the spend as it stands (every screen of
        // spend counts it): the decision is measured against that, not against a pool without
        // it. A placement not yet begun is brought in by its first decision.
        let before = match self.approved_before(placement_id, decided_on)? {
            Some(approved) => Some(approved),
            None => now.clone().filter(|p| p.start <= decided_on),
        };
        let after = if funds(outcome) {
            now.or_else(|| before.clone())
        } else {
            before.clone()
        };
        Ok(impact(
            &years,
            &partners,
            &agreements,
            &others,
            before.as_ref(),
            after.as_ref(),
            self.finance_settings()?.uplift,
        ))
    }

    /// The impact kept with final decision `id`.
    pub(crate) fn kept_impact(&self, id: i64) -> Result<Vec<YearImpact>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.year_start, i.has_agreement, i.contribution_pence, i.before_pence, i.after_pence
             FROM decision_impacts i JOIN partners p ON p.id = i.partner_id
             WHERE i.decision_id = ?1 ORDER BY i.year_start, p.position",
        )?;
        let mut rows = stmt.query([id])?;
        let mut out: Vec<YearImpact> = Vec::new();
        while let Some(r) = rows.next()? {
            let start: i32 = r.get(0)?;
            let year = FinancialYear::starting(start)
                .ok_or_else(|| StoreError::Corrupt(format!("an impact of year {start}")))?;
            if out.last().is_none_or(|y| y.year != year) {
                out.push(YearImpact {
                    year,
                    contributions: Vec::new(),
                    before: Vec::new(),
                    after: Vec::new(),
                    has_agreement: r.get(1)?,
                });
            }
            if let Some(y) = out.last_mut() {
                y.contributions.push(Money::from_pence(r.get(2)?));
                y.before.push(Money::from_pence(r.get(3)?));
                y.after.push(Money::from_pence(r.get(4)?));
            }
        }
        Ok(out)
    }
}

/// Keeps `years` as the impact of final decision `id` (inside the caller's transaction).
pub(crate) fn keep_impact(
    conn: &rusqlite::Connection,
    id: i64,
    years: &[YearImpact],
) -> Result<()> {
    let partner_ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM partners ORDER BY position")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO decision_impacts (decision_id, year_start, partner_id, has_agreement,
                                       contribution_pence, before_pence, after_pence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for y in years {
        for (k, partner) in partner_ids.iter().enumerate() {
            let at = |v: &[Money]| v.get(k).copied().unwrap_or(Money::ZERO).pence();
            stmt.execute(params![
                id,
                y.year.start_year(),
                partner,
                y.has_agreement,
                at(&y.contributions),
                at(&y.before),
                at(&y.after)
            ])?;
        }
    }
    Ok(())
}
