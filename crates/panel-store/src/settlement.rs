//! The year-end settlement pack's figures (rules 7, 17, 18): the year's spend as of 31 March,
//! with the statements issued for it, what was paid against them, what open disputes hold and
//! the contributions called and paid in, as of a day.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use panel_core::money::Money;
use panel_core::settlement::{Settlement, StatementInYear, Takings, apportion_paid, settle};
use panel_core::year::FinancialYear;

use crate::{Result, Store, date_col};

/// An issued statement's number, partner (by index), period, and what its lines come to in
/// each financial year (by its first year), in year order.
type Issued = (String, usize, NaiveDate, NaiveDate, Vec<(i32, Money)>);

impl Store {
    /// The settlement of `year`: its spend as of 31 March (the figures of `panel spend` for
    /// that day), and the statements issued, payments received and disputes open on `as_of`.
    pub fn settlement(&self, year: FinancialYear, as_of: NaiveDate) -> Result<Settlement> {
        let partners = self.partners()?;
        let spend = self.spend(year, year.end())?;
        let lead = self
            .finance_settings()?
            .lead_partner
            .and_then(|code| partners.iter().position(|p| p.code == code));
        let index = |code: &str| partners.iter().position(|p| p.code == code);
        let day = as_of.to_string();

        // Each statement issued by `as_of`, with what its lines come to year by year.
        let mut by_statement: BTreeMap<i64, Issued> = BTreeMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.number, p.code, s.period_from, s.period_to, l.year_start, sum(l.amount_pence)
             FROM statements s JOIN partners p ON p.id = s.partner_id
             JOIN statement_lines l ON l.statement_id = s.id
             WHERE s.issued_on <= ?1
             GROUP BY s.id, l.year_start ORDER BY s.id, l.year_start",
        )?;
        let mut rows = stmt.query([&day])?;
        while let Some(r) = rows.next()? {
            let code: String = r.get(2)?;
            let Some(partner) = index(&code) else {
                continue;
            };
            let entry = by_statement.entry(r.get(0)?).or_insert((
                r.get(1)?,
                partner,
                date_col(&r.get::<_, String>(3)?)?,
                date_col(&r.get::<_, String>(4)?)?,
                Vec::new(),
            ));
            entry.4.push((r.get(5)?, Money::from_pence(r.get(6)?)));
        }
        let mut paid_on: BTreeMap<i64, Money> = BTreeMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT statement_id, sum(amount_pence) FROM payments WHERE received_on <= ?1 GROUP BY 1",
        )?;
        let mut rows = stmt.query([&day])?;
        while let Some(r) = rows.next()? {
            paid_on.insert(r.get(0)?, Money::from_pence(r.get(1)?));
        }

        let n = partners.len();
        let (mut stated, mut paid, mut disputed) = (
            vec![Money::ZERO; n],
            vec![Money::ZERO; n],
            vec![Money::ZERO; n],
        );
        let mut statements = Vec::new();
        for (id, (number, partner, from, to, parts)) in by_statement {
            let Some(k) = parts.iter().position(|(y, _)| *y == year.start_year()) else {
                continue;
            };
            let amounts: Vec<Money> = parts.iter().map(|p| p.1).collect();
            let share = apportion_paid(&amounts, paid_on.get(&id).copied().unwrap_or_default());
            stated[partner] += amounts[k];
            paid[partner] += share[k];
            statements.push(StatementInYear {
                number,
                partner,
                from,
                to,
                stated: amounts[k],
                paid: share[k],
            });
        }

        // What disputes open on `as_of` hold on statements starting in the year.
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.code, s.period_from, h.amount_pence
             FROM dispute_holds h JOIN disputes d ON d.id = h.dispute_id
             JOIN statements s ON s.id = h.statement_id JOIN partners p ON p.id = d.partner_id
             WHERE d.raised_on <= ?1 AND (d.closed_on IS NULL OR d.closed_on > ?1)",
        )?;
        let mut rows = stmt.query([&day])?;
        while let Some(r) = rows.next()? {
            let from = date_col(&r.get::<_, String>(1)?)?;
            if FinancialYear::containing(from) != year {
                continue;
            }
            if let Some(i) = index(&r.get::<_, String>(0)?) {
                disputed[i] += Money::from_pence(r.get(2)?);
            }
        }

        let pool = self.pool_position(year, as_of)?;
        let takings = Takings {
            stated,
            paid,
            disputed,
            called: pool.iter().map(|p| p.called).collect(),
            paid_in: pool.iter().map(|p| p.received).collect(),
        };
        let names: Vec<String> = partners.iter().map(|p| p.name.clone()).collect();
        Ok(Settlement {
            year,
            as_of,
            partners: settle(&spend, &names, lead, &takings),
            spend,
            lead,
            statements,
        })
    }
}
