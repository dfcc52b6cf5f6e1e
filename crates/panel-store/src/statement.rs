//! A partner's statement for a period (rule 17), from the placements and decisions stored.

use std::collections::HashMap;

use chrono::NaiveDate;
use panel_core::statement::{Statement, StatementLine, line_figures, period_parts};
use rusqlite::params;

use crate::{Result, Store, StoreError, date_col, field};

impl Store {
    /// Partner `code`'s statement for `from..=to`. An unknown partner, or a period that ends
    /// before it starts, is refused.
    pub fn statement(&self, code: &str, from: NaiveDate, to: NaiveDate) -> Result<Statement> {
        let partners = self.partners()?;
        let Some(index) = partners.iter().position(|p| p.code == code) else {
            let known: Vec<&str> = partners.iter().map(|p| p.code.as_str()).collect();
            return Err(field(
                "partner",
                format!(
                    "There is no partner with the code \"{code}\" (the partners are {})",
                    known.join(", ")
                ),
            ));
        };
        if to < from {
            return Err(field(
                "to",
                format!(
                    "The period ends on {} before it starts on {}",
                    to.format("%d/%m/%Y"),
                    from.format("%d/%m/%Y")
                ),
            ));
        }
        let parts = period_parts(from, to);
        let first_day = parts.first().map_or(from, |p| p.year.start());
        let placements = self.funded_placements_in(first_day, to, partners.len())?;
        let decisions = self.decisions_in_force(to)?;
        let mut lines = Vec::new();
        for part in &parts {
            let mut of_part = Vec::new();
            for p in &placements {
                let Some(l) = line_figures(&p.placement, index, part) else {
                    continue;
                };
                of_part.push(StatementLine {
                    year: part.year,
                    from: part.from,
                    to: part.to,
                    case_reference: p.case_reference.clone(),
                    initials: p.initials.clone(),
                    placement_id: p.id,
                    provider: p.provider.clone(),
                    decisions: decisions
                        .get(&p.id)
                        .map(|d| {
                            d.iter()
                                .filter(|(on, _)| *on <= part.to)
                                .map(|(_, n)| n.clone())
                                .collect()
                        })
                        .unwrap_or_default(),
                    shares: l.shares,
                    days: l.days,
                    amount: l.amount,
                });
            }
            of_part.sort_by(|a, b| {
                (a.case_reference.as_str(), a.placement_id)
                    .cmp(&(b.case_reference.as_str(), b.placement_id))
            });
            lines.extend(of_part);
        }
        let total = lines.iter().map(|l| l.amount).sum();
        Ok(Statement {
            partner: code.to_string(),
            partner_name: partners[index].name.clone(),
            from,
            to,
            parts,
            lines,
            total,
        })
    }

    /// The final decisions on each placement decided by `by`, with their dates, in order,
    /// leaving out those amended by then.
    fn decisions_in_force(&self, by: NaiveDate) -> Result<HashMap<i64, Vec<(NaiveDate, String)>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.placement_id, d.decided_on, d.number FROM decisions d
             WHERE d.status = 'final' AND d.placement_id IS NOT NULL AND d.decided_on <= ?1
               AND NOT EXISTS (SELECT 1 FROM decisions a WHERE a.amends_id = d.id
                               AND a.status = 'final' AND a.decided_on <= ?1)
             ORDER BY d.decided_on, d.year_start, d.seq",
        )?;
        let mut out: HashMap<i64, Vec<(NaiveDate, String)>> = HashMap::new();
        let mut rows = stmt.query(params![by.to_string()])?;
        while let Some(r) = rows.next()? {
            let on = date_col(&r.get::<_, String>(1)?)?;
            let number: Option<String> = r.get(2)?;
            let number = number
                .ok_or_else(|| StoreError::Corrupt("a final decision has no number".into()))?;
            out.entry(r.get(0)?).or_default().push((on, number));
        }
        Ok(out)
    }
}
