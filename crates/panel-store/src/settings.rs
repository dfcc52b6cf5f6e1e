//! The settings screen: the panel's settings, partners, and each year's agreement.

use panel_core::model::Settings;
use panel_core::{Agreement, FinancialYear, Partner};
use rusqlite::{OptionalExtension, params};

use crate::{Result, Store, StoreError, field};

impl Store {
    /// Replaces the settings.
    pub fn save_settings(&mut self, s: &Settings) -> Result<()> {
        self.conn.execute(
            "UPDATE settings SET authority = ?1, panel_name = ?2, decision_prefix = ?3, first_review_months = ?4,
             review_months = ?5, notice_months = ?6, quorum = ?7 WHERE id = 1
             AND (authority, panel_name, decision_prefix, first_review_months, review_months, notice_months, quorum)
                 IS NOT (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![s.authority, s.panel_name, s.decision_prefix, s.first_review_months, s.review_months, s.notice_months, s.quorum.code()],
        )?;
        Ok(())
    }

    /// Adds a funding partner after the others. Existing splits give it 0%.
    pub fn add_partner(&mut self, p: &Partner) -> Result<()> {
        let tx = self.conn.transaction()?;
        // One partner once: its code (letter case aside) and its name (`text::identity`).
        let partners: Vec<(String, String)> = tx
            .prepare("SELECT code, name FROM partners")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let identity = panel_core::text::identity;
        if let Some((code, _)) = partners
            .iter()
            .find(|(code, _)| identity(code) == identity(&p.code))
        {
            return Err(field(
                "code",
                format!("There is already a partner with code {code}"),
            ));
        }
        if let Some((code, name)) = partners
            .iter()
            .find(|(_, name)| identity(name) == identity(&p.name))
        {
            return Err(field(
                "name",
                format!("{name} is already the partner {code}"),
            ));
        }
        tx.execute(
            "INSERT INTO partners (code, name, position) VALUES (?1, ?2, (SELECT coalesce(max(position) + 1, 0) FROM partners))",
            params![p.code, p.name],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Renames the partner with `code`.
    pub fn rename_partner(&mut self, code: &str, name: &str) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE partners SET name = ?1 WHERE code = ?2 AND name IS NOT ?1",
            params![name, code],
        )?;
        if n == 0 {
            let exists: bool = self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM partners WHERE code = ?1)",
                [code],
                |r| r.get(0),
            )?;
            if !exists {
                return Err(StoreError::NotFound(format!("there is no partner {code}")));
            }
        }
        Ok(())
    }

    /// Sets the other names of the partner `code` (as typed: separated by commas, semicolons
    /// or lines; none to clear them), checked against every partner's names.
    pub fn set_partner_aliases(&mut self, code: &str, typed: &[String]) -> Result<Vec<String>> {
        let tx = self.conn.transaction()?;
        let partners = crate::dataset::partners_in(&tx)?;
        if !partners.iter().any(|p| p.code == code) {
            return Err(StoreError::NotFound(format!("there is no partner {code}")));
        }
        let aliases = panel_core::settings::partner_aliases_input(code, typed, &partners)
            .map_err(|e| StoreError::Field(vec![e]))?;
        tx.execute(
            "UPDATE partners SET aliases = ?1 WHERE code = ?2 AND aliases IS NOT ?1",
            params![serde_json::to_string(&aliases).unwrap_or_default(), code],
        )?;
        tx.commit()?;
        Ok(aliases)
    }

    /// Every agreement, by year.
    pub fn agreements(&self) -> Result<Vec<Agreement>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT year_start FROM agreements ORDER BY year_start")?;
        let years: Vec<i32> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(years.len());
        for y in years {
            let year = FinancialYear::starting(y)
                .ok_or_else(|| StoreError::Corrupt(format!("agreement year {y}")))?;
            if let Some(a) = self.agreement(year)? {
                out.push(a);
            }
        }
        Ok(out)
    }

    /// Creates or replaces the agreement for its year, with a contribution per partner, in one
    /// transaction.
    pub fn save_agreement(&mut self, a: &Agreement) -> Result<()> {
        let partner_ids = self.partner_positions()?;
        if a.contributions.len() != partner_ids.len() {
            return Err(field(
                "contributions",
                format!(
                    "{} contributions for {} partners",
                    a.contributions.len(),
                    partner_ids.len()
                ),
            ));
        }
        // A contribution is never agreed below what has been called of it already.
        let called = self.pool_position(a.year, crate::pool::ever())?;
        let names = self.partners()?;
        let short: Vec<String> = called
            .iter()
            .zip(&a.contributions)
            .zip(&names)
            .filter(|((p, c), _)| p.called > **c)
            .map(|((p, _), n)| format!("{} has been called for {} already", n.name, p.called))
            .collect();
        if !short.is_empty() {
            return Err(field(
                "contributions",
                format!(
                    "A contribution cannot be less than what has been called of it: {}",
                    short.join("; ")
                ),
            ));
        }
        let tx = self.conn.transaction()?;
        let id: Option<i64> = tx
            .query_row(
                "SELECT id FROM agreements WHERE year_start = ?1",
                [a.year.start_year()],
                |r| r.get(0),
            )
            .optional()?;
        let id = match id {
            Some(id) => {
                tx.execute(
                    "UPDATE agreements SET risk_share = ?1 WHERE id = ?2 AND risk_share IS NOT ?1",
                    params![a.risk_share.code(), id],
                )?;
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO agreements (year_start, risk_share) VALUES (?1, ?2)",
                    params![a.year.start_year(), a.risk_share.code()],
                )?;
                tx.last_insert_rowid()
            }
        };
        for (k, amount) in a.contributions.iter().enumerate() {
            tx.execute(
                "INSERT INTO contributions (agreement_id, partner_id, amount_pence) VALUES (?1, ?2, ?3)
                 ON CONFLICT (agreement_id, partner_id) DO UPDATE SET amount_pence = excluded.amount_pence
                 WHERE amount_pence IS NOT excluded.amount_pence",
                params![id, partner_ids[k], amount.pence()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
