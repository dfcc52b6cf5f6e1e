//! A partner's statement for a period (rule 17), from the placements and decisions stored.

use std::collections::HashMap;

use chrono::NaiveDate;
use panel_core::money::Money;
use panel_core::statement::{
    PoolLine, Statement, StatementLine, line_figures, parse_share_text, partner_to_date,
    period_parts, statement_number,
};
use panel_core::year::FinancialYear;
use rusqlite::{OptionalExtension, params};

use crate::{Result, Store, StoreError, date_col, field};

/// What was stated for one part of one statement and one placement, with the placement's
/// case and provider as last stated.
struct Stated {
    amount: Money,
    case_id: i64,
    case_reference: String,
    initials: String,
    provider: String,
}

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
        let earlier = self.issued_statements(Some(code))?;
        let first_day = earlier
            .iter()
            .map(|s| FinancialYear::containing(s.from).start())
            .chain(parts.first().map(|p| p.year.start()))
            .min()
            .unwrap_or(from);
        let last_day = earlier.iter().map(|s| s.to).chain([to]).max().unwrap_or(to);
        let placements = self.funded_placements_in(first_day, last_day, partners.len())?;
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
                    case_id: p.case_id,
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
                    adjusts: None,
                    disputes: Vec::new(),
                });
            }
            of_part.sort_by(|a, b| {
                (a.case_reference.as_str(), a.placement_id)
                    .cmp(&(b.case_reference.as_str(), b.placement_id))
            });
            lines.extend(of_part);
        }
        // An adjustment cites the decisions on record now: the one that settled a dispute
        // is often taken after the period's end.
        let on_record =
            self.decisions_in_force(NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(to))?;
        lines.extend(self.adjustments(
            code,
            index,
            &earlier,
            &placements,
            &on_record,
            (from, to),
        )?);
        let total = lines.iter().map(|l| l.amount).sum();
        let mut pool = Vec::new();
        for part in &parts {
            if self.agreement(part.year)?.is_none() {
                continue;
            }
            let position = self.pool_position(part.year, part.to)?;
            let Some(at) = position.get(index) else {
                continue;
            };
            pool.push(PoolLine {
                year: part.year,
                on: part.to,
                contribution: at.agreed,
                spend: placements
                    .iter()
                    .map(|p| partner_to_date(&p.placement, index, part.year, part.to))
                    .sum(),
                called: at.called,
                paid_in: at.received,
            });
        }
        Ok(Statement {
            partner: code.to_string(),
            partner_name: partners[index].name.clone(),
            from,
            to,
            parts,
            lines,
            total,
            pool,
        })
    }

    /// The adjustment lines partner `code` (at `index` among the partners) is owed or owes
    /// on its statements issued before (rule 17): for each part of each, and each placement
    /// it stated or that now costs the partner something in it, what the partner's share
    /// grew by over the part as the placement now stands, less what was stated for it then
    /// and in adjustments since. Each cites the disputes on the placement resolved since that
    /// statement was issued. The statement's own period (`period`) is left out of the
    /// statements adjusted.
    fn adjustments(
        &self,
        code: &str,
        index: usize,
        earlier: &[IssuedStatement],
        placements: &[panel_core::analysis::FundedPlacement],
        decisions: &HashMap<i64, Vec<(NaiveDate, String)>>,
        period: (NaiveDate, NaiveDate),
    ) -> Result<Vec<StatementLine>> {
        if earlier.is_empty() {
            return Ok(Vec::new());
        }
        // What was stated for each statement's part and placement, with the placement's case
        // and provider as last stated.
        let mut stated: HashMap<(i64, i32, i64), Stated> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT coalesce(l.adjusts_id, l.statement_id), l.year_start, l.placement_id,
                    sum(l.amount_pence), max(l.id), l.case_id, l.case_reference, l.initials, l.provider
             FROM statement_lines l JOIN statements s ON s.id = l.statement_id
             JOIN partners p ON p.id = s.partner_id WHERE p.code = ?1
             GROUP BY 1, 2, 3",
        )?;
        let mut rows = stmt.query([code])?;
        while let Some(r) = rows.next()? {
            stated.insert(
                (r.get(0)?, r.get(1)?, r.get(2)?),
                Stated {
                    amount: Money::from_pence(r.get(3)?),
                    case_id: r.get(5)?,
                    case_reference: r.get(6)?,
                    initials: r.get(7)?,
                    provider: r.get(8)?,
                },
            );
        }
        let mut resolved: HashMap<i64, Vec<(NaiveDate, String)>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.placement_id, d.closed_on, d.number FROM disputes d
             JOIN partners p ON p.id = d.partner_id
             WHERE p.code = ?1 AND d.status = 'resolved' ORDER BY d.closed_on, d.id",
        )?;
        let mut rows = stmt.query([code])?;
        while let Some(r) = rows.next()? {
            resolved
                .entry(r.get(0)?)
                .or_default()
                .push((date_col(&r.get::<_, String>(1)?)?, r.get(2)?));
        }
        let by_id: HashMap<i64, &panel_core::analysis::FundedPlacement> =
            placements.iter().map(|p| (p.id, p)).collect();
        let mut out = Vec::new();
        for s in earlier {
            if s.from <= period.1 && period.0 <= s.to {
                continue;
            }
            for part in period_parts(s.from, s.to) {
                let year = part.year.start_year();
                let mut ids: Vec<i64> = placements
                    .iter()
                    .filter(|p| {
                        p.placement.start <= part.to
                            && p.placement.end.is_none_or(|e| e >= part.from)
                    })
                    .map(|p| p.id)
                    .collect();
                ids.extend(
                    stated
                        .keys()
                        .filter(|k| k.0 == s.id && k.1 == year)
                        .map(|k| k.2),
                );
                ids.sort_unstable();
                ids.dedup();
                let mut of_part = Vec::new();
                for id in ids {
                    let now = by_id
                        .get(&id)
                        .and_then(|p| line_figures(&p.placement, index, &part));
                    let was = stated.get(&(s.id, year, id));
                    let amount = now.as_ref().map_or(Money::ZERO, |l| l.amount)
                        - was.map_or(Money::ZERO, |w| w.amount);
                    if amount == Money::ZERO {
                        continue;
                    }
                    let (case_id, case_reference, initials, provider) = match (by_id.get(&id), was)
                    {
                        (Some(p), _) => (
                            p.case_id,
                            p.case_reference.clone(),
                            p.initials.clone(),
                            p.provider.clone(),
                        ),
                        (None, Some(w)) => (
                            w.case_id,
                            w.case_reference.clone(),
                            w.initials.clone(),
                            w.provider.clone(),
                        ),
                        (None, None) => continue,
                    };
                    of_part.push(StatementLine {
                        year: part.year,
                        from: part.from,
                        to: part.to,
                        case_id,
                        case_reference,
                        initials,
                        placement_id: id,
                        provider,
                        decisions: decisions
                            .get(&id)
                            .map(|d| d.iter().map(|(_, n)| n.clone()).collect())
                            .unwrap_or_default(),
                        shares: now.as_ref().map(|l| l.shares.clone()).unwrap_or_default(),
                        days: now.as_ref().map_or(0, |l| l.days),
                        amount,
                        adjusts: Some(s.number.clone()),
                        disputes: resolved
                            .get(&id)
                            .map(|d| {
                                d.iter()
                                    .filter(|(on, _)| *on >= s.issued_on)
                                    .map(|(_, n)| n.clone())
                                    .collect()
                            })
                            .unwrap_or_default(),
                    });
                }
                of_part.sort_by(|a, b| {
                    (a.case_reference.as_str(), a.placement_id)
                        .cmp(&(b.case_reference.as_str(), b.placement_id))
                });
                out.extend(of_part);
            }
        }
        Ok(out)
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

/// A statement as issued: its number and period, when it was issued, and its total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedStatement {
    /// Row id.
    pub id: i64,
    /// Its number, e.g. `HE/26-27/03`.
    pub number: String,
    /// The partner's code.
    pub partner: String,
    /// The period's first day.
    pub from: NaiveDate,
    /// Its last day.
    pub to: NaiveDate,
    /// The day it was issued.
    pub issued_on: NaiveDate,
    /// Its total.
    pub total: Money,
}

impl Store {
    /// Why a statement previewed cannot be issued on `today`, if it cannot: to the partner
    /// that pays the providers (it invoices the others), for a period not yet over, or for days
    /// a statement already issued to the partner states. The preview says so before anyone
    /// asks; issuing refuses it all the same.
    pub fn why_not_issued(
        &self,
        statement: &Statement,
        today: NaiveDate,
    ) -> Result<Option<panel_core::field::FieldError>> {
        why_not_issued(&self.conn, statement, today)
    }

    /// Issues partner `code`'s statement for `from..=to` on `today`: numbers it in the
    /// partner's statements of the financial year its period starts in, and keeps it, with
    /// every line's evidence, never to change. Refused for a period not yet over, or one that
    /// a statement already issued to the partner covers any day of.
    pub fn issue_statement(
        &mut self,
        code: &str,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
    ) -> Result<(IssuedStatement, Statement)> {
        let statement = self.statement(code, from, to)?;
        let tx = self.conn.transaction()?;
        if let Some(problem) = why_not_issued(&tx, &statement, today)? {
            return Err(StoreError::Field(vec![problem]));
        }
        let partner_id: i64 =
            tx.query_row("SELECT id FROM partners WHERE code = ?1", [code], |r| {
                r.get(0)
            })?;
        let year = FinancialYear::containing(from);
        let seq: u32 = tx.query_row(
            "SELECT coalesce(max(seq), 0) + 1 FROM statements WHERE partner_id = ?1 AND year_start = ?2",
            params![partner_id, year.start_year()],
            |r| r.get(0),
        )?;
        let number = statement_number(code, year, seq);
        let lines: Vec<LineRow<'_>> = statement
            .lines
            .iter()
            .map(|l| LineRow {
                year: l.year,
                from: l.from,
                to: l.to,
                case_id: l.case_id,
                placement_id: l.placement_id,
                case_reference: &l.case_reference,
                initials: &l.initials,
                provider: &l.provider,
                decisions: l.decisions.join(" "),
                share: l.share_text(),
                days: l.days,
                amount: l.amount,
                adjusts: l.adjusts.as_deref(),
                disputes: l.disputes.join(" "),
            })
            .collect();
        let id = write_statement(
            &tx,
            &StatementRow {
                partner_id,
                year,
                seq,
                number: &number,
                from,
                to,
                issued_on: today,
                total: statement.total,
                pool: &statement.pool,
            },
            &lines,
        )?;
        tx.commit()?;
        Ok((
            IssuedStatement {
                id,
                number,
                partner: code.to_string(),
                from,
                to,
                issued_on: today,
                total: statement.total,
            },
            statement,
        ))
    }

    /// The statement issued as `number`, with its lines exactly as issued, whatever has
    /// changed since.
    pub fn issued_statement(&self, number: &str) -> Result<(IssuedStatement, Statement)> {
        let issued = self
            .issued_statements(None)?
            .into_iter()
            .find(|s| s.number == number)
            .ok_or_else(|| {
                StoreError::NotFound(format!("there is no issued statement {number}"))
            })?;
        let partner_name: String = self.conn.query_row(
            "SELECT name FROM partners WHERE code = ?1",
            [&issued.partner],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.year_start, l.line_from, l.line_to, l.case_id, l.placement_id, l.case_reference, l.initials,
                    l.provider, l.decisions, l.share, l.days, l.amount_pence, a.number, l.disputes
             FROM statement_lines l LEFT JOIN statements a ON a.id = l.adjusts_id
             WHERE l.statement_id = ?1 ORDER BY l.position",
        )?;
        let mut rows = stmt.query([issued.id])?;
        let mut lines = Vec::new();
        while let Some(r) = rows.next()? {
            let year: i32 = r.get(0)?;
            let from = date_col(&r.get::<_, String>(1)?)?;
            let share: String = r.get(9)?;
            let decisions: String = r.get(8)?;
            lines.push(StatementLine {
                year: FinancialYear::starting(year)
                    .ok_or_else(|| StoreError::Corrupt(format!("statement line year {year}")))?,
                from,
                to: date_col(&r.get::<_, String>(2)?)?,
                case_id: r.get(3)?,
                placement_id: r.get(4)?,
                case_reference: r.get(5)?,
                initials: r.get(6)?,
                provider: r.get(7)?,
                decisions: decisions.split_whitespace().map(str::to_string).collect(),
                shares: parse_share_text(&share, from).ok_or_else(|| {
                    StoreError::Corrupt(format!("a line of {number} has the share \"{share}\""))
                })?,
                days: r.get(10)?,
                amount: Money::from_pence(r.get(11)?),
                adjusts: r.get(12)?,
                disputes: r
                    .get::<_, String>(13)?
                    .split_whitespace()
                    .map(str::to_string)
                    .collect(),
            });
        }
        let statement = Statement {
            partner: issued.partner.clone(),
            partner_name,
            from: issued.from,
            to: issued.to,
            parts: period_parts(issued.from, issued.to),
            lines,
            total: issued.total,
            pool: statement_pool(&self.conn, issued.id)?,
        };
        Ok((issued, statement))
    }

    /// The statements issued, to partner `code` or to every partner, by partner and period.
    pub fn issued_statements(&self, code: Option<&str>) -> Result<Vec<IssuedStatement>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.number, p.code, s.period_from, s.period_to, s.issued_on, s.total_pence
             FROM statements s JOIN partners p ON p.id = s.partner_id
             WHERE ?1 IS NULL OR p.code = ?1 ORDER BY p.position, s.period_from",
        )?;
        let mut rows = stmt.query([code])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(IssuedStatement {
                id: r.get(0)?,
                number: r.get(1)?,
                partner: r.get(2)?,
                from: date_col(&r.get::<_, String>(3)?)?,
                to: date_col(&r.get::<_, String>(4)?)?,
                issued_on: date_col(&r.get::<_, String>(5)?)?,
                total: Money::from_pence(r.get(6)?),
            });
        }
        Ok(out)
    }
}

/// A statement's row as it is written.
pub(crate) struct StatementRow<'a> {
    pub(crate) partner_id: i64,
    pub(crate) year: FinancialYear,
    pub(crate) seq: u32,
    pub(crate) number: &'a str,
    pub(crate) from: NaiveDate,
    pub(crate) to: NaiveDate,
    pub(crate) issued_on: NaiveDate,
    pub(crate) total: Money,
    /// Its pooled years' figures, as issued.
    pub(crate) pool: &'a [PoolLine],
}

/// A statement line's row as it is written.
pub(crate) struct LineRow<'a> {
    pub(crate) year: FinancialYear,
    pub(crate) from: NaiveDate,
    pub(crate) to: NaiveDate,
    pub(crate) case_id: i64,
    pub(crate) placement_id: i64,
    pub(crate) case_reference: &'a str,
    pub(crate) initials: &'a str,
    pub(crate) provider: &'a str,
    pub(crate) decisions: String,
    pub(crate) share: String,
    pub(crate) days: u32,
    pub(crate) amount: Money,
    /// For an adjustment, the number of the statement it corrects.
    pub(crate) adjusts: Option<&'a str>,
    pub(crate) disputes: String,
}

/// [`Store::why_not_issued`] on `conn`: the store's connection for a preview, or the
/// transaction that then issues the statement, so that nothing issued in between is missed.
fn why_not_issued(
    conn: &rusqlite::Connection,
    statement: &Statement,
    today: NaiveDate,
) -> Result<Option<panel_core::field::FieldError>> {
    use panel_core::field::FieldError;
    let (code, from, to) = (statement.partner.as_str(), statement.from, statement.to);
    if crate::dispute::finance_settings(conn)?
        .lead_partner
        .as_deref()
        == Some(code)
    {
        return Ok(Some(FieldError::new(
            "partner",
            format!(
                "{} pays the providers and invoices the other partners: it is not issued a statement",
                statement.partner_name
            ),
        )));
    }
    if to > today {
        return Ok(Some(FieldError::new(
            "to",
            format!(
                "A statement is issued for days that have passed: the period ends on {}, after today ({})",
                to.format("%d/%m/%Y"),
                today.format("%d/%m/%Y")
            ),
        )));
    }
    let covered: Option<(String, String, String)> = conn
        .query_row(
            "SELECT s.number, s.period_from, s.period_to FROM statements s JOIN partners p ON p.id = s.partner_id
             WHERE p.code = ?1 AND s.period_from <= ?3 AND s.period_to >= ?2
             ORDER BY s.period_from LIMIT 1",
            params![code, from.to_string(), to.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(match covered {
        Some((number, a, b)) => Some(FieldError::new(
            "from",
            format!(
                "{number} already states {} to {}: each day is stated to a partner once (a correction is an adjustment on a later statement)",
                date_col(&a)?.format("%d/%m/%Y"),
                date_col(&b)?.format("%d/%m/%Y")
            ),
        )),
        None => None,
    })
}

/// Writes a statement and its lines (inside the caller's transaction); returns its id.
pub(crate) fn write_statement(
    conn: &rusqlite::Connection,
    s: &StatementRow<'_>,
    lines: &[LineRow<'_>],
) -> Result<i64> {
    conn.execute(
        "INSERT INTO statements (partner_id, year_start, seq, number, period_from, period_to, issued_on, total_pence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            s.partner_id,
            s.year.start_year(),
            s.seq,
            s.number,
            s.from.to_string(),
            s.to.to_string(),
            s.issued_on.to_string(),
            s.total.pence()
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO statement_lines (statement_id, position, year_start, line_from, line_to, case_id, placement_id,
                                      case_reference, initials, provider, decisions, share, days, amount_pence,
                                      adjusts_id, disputes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
                 (SELECT id FROM statements WHERE number = ?15), ?16)",
    )?;
    for (position, l) in lines.iter().enumerate() {
        stmt.execute(params![
            id,
            position as i64,
            l.year.start_year(),
            l.from.to_string(),
            l.to.to_string(),
            l.case_id,
            l.placement_id,
            l.case_reference,
            l.initials,
            l.provider,
            l.decisions,
            l.share,
            l.days,
            l.amount.pence(),
            l.adjusts,
            l.disputes
        ])?;
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO statement_pool (statement_id, year_start, on_date, contribution_pence, spend_pence,
                                     called_pence, paid_in_pence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for p in s.pool {
        stmt.execute(params![
            id,
            p.year.start_year(),
            p.on.to_string(),
            p.contribution.pence(),
            p.spend.pence(),
            p.called.pence(),
            p.paid_in.pence()
        ])?;
    }
    Ok(id)
}

/// The pooled years' figures of issued statement `id`, as issued.
pub(crate) fn statement_pool(conn: &rusqlite::Connection, id: i64) -> Result<Vec<PoolLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT year_start, on_date, contribution_pence, spend_pence, called_pence, paid_in_pence
         FROM statement_pool WHERE statement_id = ?1 ORDER BY year_start",
    )?;
    let mut rows = stmt.query([id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let y: i32 = r.get(0)?;
        out.push(PoolLine {
            year: FinancialYear::starting(y)
                .ok_or_else(|| StoreError::Corrupt(format!("a statement's pooled year {y}")))?,
            on: date_col(&r.get::<_, String>(1)?)?,
            contribution: Money::from_pence(r.get(2)?),
            spend: Money::from_pence(r.get(3)?),
            called: Money::from_pence(r.get(4)?),
            paid_in: Money::from_pence(r.get(5)?),
        });
    }
    Ok(out)
}

/// A payment received against an issued statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payment {
    /// The statement's number.
    pub statement: String,
    /// The day it was received.
    pub received_on: NaiveDate,
    /// How much.
    pub amount: Money,
    /// The partner's reference for it.
    pub reference: String,
}

/// What a partner owes on its issued statements as of a day, by age (see
/// [`panel_core::statement::DEBT_BANDS`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartnerDebt {
    /// The partner's code.
    pub partner: String,
    /// Its name.
    pub name: String,
    /// Owed and not disputed, by age.
    pub undisputed: [Money; 4],
    /// Owed and held as disputed, by age.
    pub disputed: [Money; 4],
    /// All it owes.
    pub total: Money,
}

impl Store {
    /// Records a payment of `amount` received on `received_on` against statement `number`,
    /// with the partner's `reference`; answers what is still owed on it. Refused: an unknown
    /// statement, an amount not above nothing or above what is owed, a day before the
    /// statement was issued or after `today`, a reference that cannot be stored.
    pub fn record_payment(
        &mut self,
        number: &str,
        received_on: NaiveDate,
        amount: Money,
        reference: &str,
        today: NaiveDate,
    ) -> Result<Money> {
        let reference = panel_core::field::text_input(
            "reference",
            "Reference",
            reference,
            false,
            panel_core::text::limit::NAME,
        )
        .map_err(|e| StoreError::Field(vec![e]))?;
        let (issued, _) = self.issued_statement(number)?;
        if amount <= Money::ZERO {
            return Err(field("amount", "A payment is an amount above £0.00"));
        }
        if received_on < issued.issued_on || received_on > today {
            return Err(field(
                "received_on",
                format!(
                    "A payment against {number} is received between its issue on {} and today ({}), not on {}",
                    issued.issued_on.format("%d/%m/%Y"),
                    today.format("%d/%m/%Y"),
                    received_on.format("%d/%m/%Y")
                ),
            ));
        }
        let tx = self.conn.transaction()?;
        let paid: i64 = tx.query_row(
            "SELECT coalesce(sum(amount_pence), 0) FROM payments WHERE statement_id = ?1",
            [issued.id],
            |r| r.get(0),
        )?;
        let owed = issued.total - Money::from_pence(paid);
        if amount > owed {
            return Err(field(
                "amount",
                format!(
                    "{amount} is more than is owed on {number} ({owed} of {})",
                    issued.total
                ),
            ));
        }
        tx.execute(
            "INSERT INTO payments (statement_id, received_on, amount_pence, reference) VALUES (?1, ?2, ?3, ?4)",
            params![issued.id, received_on.to_string(), amount.pence(), reference],
        )?;
        tx.commit()?;
        Ok(owed - amount)
    }

    /// The payments received against statement `number`, in the order received.
    pub fn payments(&self, number: &str) -> Result<Vec<Payment>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.number, p.received_on, p.amount_pence, p.reference FROM payments p
             JOIN statements s ON s.id = p.statement_id WHERE s.number = ?1 ORDER BY p.received_on, p.id",
        )?;
        let mut rows = stmt.query([number])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(Payment {
                statement: r.get(0)?,
                received_on: date_col(&r.get::<_, String>(1)?)?,
                amount: Money::from_pence(r.get(2)?),
                reference: r.get(3)?,
            });
        }
        Ok(out)
    }

    /// Each partner's debt as of `as_of`: for every statement issued by then, its total less
    /// what was received by then, by the age of the statement; of it, what disputes open on
    /// that day hold (never more than is owed) is disputed, the rest undisputed.
    pub fn debts(&self, as_of: NaiveDate) -> Result<Vec<PartnerDebt>> {
        let partners = self.partners()?;
        let mut out: Vec<PartnerDebt> = partners
            .iter()
            .map(|p| PartnerDebt {
                partner: p.code.clone(),
                name: p.name.clone(),
                undisputed: [Money::ZERO; 4],
                disputed: [Money::ZERO; 4],
                total: Money::ZERO,
            })
            .collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.code, s.issued_on, s.total_pence
                    - (SELECT coalesce(sum(x.amount_pence), 0) FROM payments x
                       WHERE x.statement_id = s.id AND x.received_on <= ?1),
                    (SELECT coalesce(sum(h.amount_pence), 0) FROM dispute_holds h JOIN disputes d ON d.id = h.dispute_id
                     WHERE h.statement_id = s.id AND d.raised_on <= ?1 AND (d.closed_on IS NULL OR d.closed_on > ?1))
             FROM statements s JOIN partners p ON p.id = s.partner_id
             WHERE s.issued_on <= ?1",
        )?;
        let mut rows = stmt.query([as_of.to_string()])?;
        while let Some(r) = rows.next()? {
            let code: String = r.get(0)?;
            let issued_on = date_col(&r.get::<_, String>(1)?)?;
            let owed = Money::from_pence(r.get(2)?);
            if owed == Money::ZERO {
                continue;
            }
            let held = Money::from_pence(r.get(3)?);
            let disputed = if owed > Money::ZERO {
                held.max(Money::ZERO).min(owed)
            } else {
                Money::ZERO
            };
            if let Some(d) = out.iter_mut().find(|d| d.partner == code) {
                let band = panel_core::statement::debt_band(issued_on, as_of);
                d.undisputed[band] += owed - disputed;
                d.disputed[band] += disputed;
                d.total += owed;
            }
        }
        Ok(out)
    }
}

/// Debts as CSV for a ledger: a row for each partner's undisputed and disputed debt, by age.
pub fn debts_csv(as_of: NaiveDate, debts: &[PartnerDebt]) -> String {
    let mut out = String::from("as_of,partner,kind");
    for b in panel_core::statement::DEBT_BANDS {
        out.push_str(&format!(",{}", b.replace('–', "-").replace(' ', "_")));
    }
    out.push_str(",total\r\n");
    for d in debts {
        for (kind, bands) in [("undisputed", &d.undisputed), ("disputed", &d.disputed)] {
            let sum: Money = bands.iter().copied().sum();
            let cells: Vec<String> = bands.iter().map(|m| m.to_plain()).collect();
            out.push_str(&format!(
                "{as_of},{},{kind},{},{}\r\n",
                d.partner,
                cells.join(","),
                sum.to_plain()
            ));
        }
    }
    out
}
