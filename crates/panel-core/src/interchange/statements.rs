//! Partner statements as issued (rule 17): each with its number, period and lines, the lines
//! adding up to its total, no two of a partner's stating the same day.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::dataset::*;
use crate::money::Money;
use crate::statement::statement_number;
use crate::year::FinancialYear;

use super::walker::{at, describe};
use super::*;

impl Reader {
    pub(super) fn statements(
        &mut self,
        list: &[Value],
        codes: &HashMap<String, usize>,
        out: &Dataset,
    ) -> Vec<IssuedStatementRecord> {
        let refs: HashMap<&str, usize> = out
            .cases
            .iter()
            .enumerate()
            .map(|(i, c)| (c.reference.as_str(), i))
            .collect();
        let mut numbers = HashSet::new();
        let mut statements: Vec<IssuedStatementRecord> = Vec::new();
        for (i, v) in list.iter().enumerate() {
            let path = format!("statements[{i}]");
            let Some(s) = self.statement(v, &path, codes, &refs, out, &statements) else {
                continue;
            };
            if !numbers.insert(s.number.clone()) {
                self.problem(
                    &at(&path, "number"),
                    format!("\"{}\" is listed twice", s.number),
                );
            }
            if let Some(other) = statements
                .iter()
                .find(|o| o.partner == s.partner && o.from <= s.to && s.from <= o.to)
            {
                self.problem(
                    &at(&path, "from"),
                    format!(
                        "{} states days that {} states already: each day is stated to a partner once",
                        s.number, other.number
                    ),
                );
            }
            statements.push(s);
        }
        statements
    }

    fn statement(
        &mut self,
        v: &Value,
        path: &str,
        codes: &HashMap<String, usize>,
        refs: &HashMap<&str, usize>,
        out: &Dataset,
        earlier: &[IssuedStatementRecord],
    ) -> Option<IssuedStatementRecord> {
        let m = self.object(
            v,
            path,
            &[
                "number",
                "partner",
                "from",
                "to",
                "issued_on",
                "total",
                "lines",
                "payments",
                "pool",
            ],
        )?;
        let number = self.text(m, path, "number");
        let partner = self
            .text(m, path, "partner")
            .and_then(|c| self.partner_ref(&at(path, "partner"), &c, codes));
        let from = self.date(m, path, "from");
        let to = self.date(m, path, "to");
        let issued_on = self.date(m, path, "issued_on");
        let total = self
            .required(m, path, "total")
            .cloned()
            .and_then(|t| self.money(&at(path, "total"), &t));
        let mut lines = Vec::new();
        let mut ok = true;
        for (k, l) in self.array(m, path, "lines", false).iter().enumerate() {
            match self.statement_line(l, &format!("{path}.lines[{k}]"), refs, out) {
                Some(l) => lines.push(l),
                None => ok = false,
            }
        }
        let mut payments = Vec::new();
        for (k, pay) in self.array(m, path, "payments", false).iter().enumerate() {
            let p = format!("{path}.payments[{k}]");
            let Some(pm) = self.object(pay, &p, &["received_on", "amount", "reference"]) else {
                ok = false;
                continue;
            };
            let on = self.date(pm, &p, "received_on");
            let amount = self
                .required(pm, &p, "amount")
                .cloned()
                .and_then(|a| self.money(&at(&p, "amount"), &a));
            let reference = self.free_text(pm, &p, "reference");
            match (on, amount) {
                (Some(on), Some(amount)) => {
                    if amount <= Money::ZERO {
                        self.problem(&at(&p, "amount"), "a payment is an amount above 0.00");
                    }
                    payments.push((on, amount, reference));
                }
                _ => ok = false,
            }
        }
        let mut pool = Vec::new();
        for (k, x) in self.array(m, path, "pool", false).iter().enumerate() {
            match self.statement_pool(x, &format!("{path}.pool[{k}]")) {
                Some(x) => pool.push(x),
                None => ok = false,
            }
        }
        let (number, partner, from, to, issued_on, total) =
            (number?, partner?, from?, to?, issued_on?, total?);
        if !ok {
            return None;
        }
        // A pooled year's figures at the last day of one of the period's parts, for the
        // partner's contribution as the agreement gives it.
        let parts = crate::statement::period_parts(from, to);
        for (k, x) in pool.iter().enumerate() {
            let p = format!("{path}.pool[{k}]");
            if !parts
                .iter()
                .any(|part| part.year == x.year && part.to == x.on)
            {
                self.problem(
                    &p,
                    format!(
                        "{} at {} is not at the last day of a part of the statement's period",
                        x.year, x.on
                    ),
                );
            }
            if pool[..k].iter().any(|o| o.year == x.year) {
                self.problem(&at(&p, "year"), format!("{} is listed twice", x.year));
            }
            match out.agreements.iter().find(|a| a.year == x.year) {
                Some(a) if a.contributions.get(partner) != Some(&x.contribution) => self.problem(
                    &at(&p, "contribution"),
                    format!(
                        "{} is not the partner's contribution for {} ({})",
                        x.contribution,
                        x.year,
                        a.contributions.get(partner).copied().unwrap_or(Money::ZERO)
                    ),
                ),
                Some(_) => {}
                None => self.problem(
                    &at(&p, "year"),
                    format!("{} has no pooled budget agreement", x.year),
                ),
            }
        }
        // The number is the partner's, in the year the period starts in.
        let code = &out.partners[partner].code;
        let year = FinancialYear::containing(from);
        let seq = number
            .rsplit('/')
            .next()
            .and_then(|s| s.parse::<u32>().ok())
            .filter(|&n| n >= 1);
        if seq.is_none_or(|n| statement_number(code, year, n) != number) {
            self.problem(
                &at(path, "number"),
                format!(
                    "\"{number}\" is not a number of {code}'s statements for {year} (expected {})",
                    statement_number(code, year, seq.unwrap_or(1))
                ),
            );
        }
        if to < from {
            self.problem(&at(path, "to"), "the period ends before it starts");
        }
        if issued_on < to {
            self.problem(
                &at(path, "issued_on"),
                "a statement is issued once its period is over, not before",
            );
        }
        let paid: Money = payments.iter().map(|(_, a, _)| *a).sum();
        if paid > total {
            self.problem(
                &at(path, "payments"),
                format!("{paid} received is more than the statement's total ({total})"),
            );
        }
        if payments.iter().any(|(on, _, _)| *on < issued_on) {
            self.problem(
                &at(path, "payments"),
                "a payment is received no earlier than the statement was issued",
            );
        }
        let sum: Money = lines.iter().map(|l| l.amount).sum();
        if sum != total {
            self.problem(
                &at(path, "total"),
                format!("{total} is not the sum of the lines ({sum})"),
            );
        }
        for (k, l) in lines.iter().enumerate() {
            if let Some(n) = &l.adjusts {
                match earlier
                    .iter()
                    .find(|e| &e.number == n && e.partner == partner)
                {
                    Some(e) if l.from >= e.from && l.to <= e.to => {}
                    Some(_) => self.problem(
                        &format!("{path}.lines[{k}]"),
                        format!("its days are outside the period of {n}, which it adjusts"),
                    ),
                    None => self.problem(
                        &format!("{path}.lines[{k}].adjusts"),
                        format!(
                            "\"{n}\" is not a statement of the same partner listed before this one"
                        ),
                    ),
                }
            } else if l.from < from || l.to > to {
                self.problem(
                    &format!("{path}.lines[{k}]"),
                    "its days are outside the statement's period",
                );
            }
        }
        Some(IssuedStatementRecord {
            number,
            partner,
            from,
            to,
            issued_on,
            total,
            lines,
            payments,
            pool,
        })
    }

    /// A pooled year's figures on an issued statement.
    fn statement_pool(&mut self, v: &Value, path: &str) -> Option<crate::statement::PoolLine> {
        let m = self.object(
            v,
            path,
            &["year", "on", "contribution", "spend", "called", "paid_in"],
        )?;
        let year = self.code(m, path, "year", |s| {
            s.parse::<FinancialYear>().map_err(|e| e.to_string())
        });
        let on = self.date(m, path, "on");
        let mut amount = |key: &str| {
            self.required(m, path, key)
                .cloned()
                .and_then(|a| self.money(&at(path, key), &a))
        };
        let (contribution, spend, called, paid_in) = (
            amount("contribution"),
            amount("spend"),
            amount("called"),
            amount("paid_in"),
        );
        let (year, on, contribution, spend, called, paid_in) =
            (year?, on?, contribution?, spend?, called?, paid_in?);
        if paid_in < Money::ZERO || paid_in > called || called > contribution {
            self.problem(
                path,
                format!(
                    "{paid_in} paid in of {called} called of {contribution}: nothing is paid in beyond what was called, nor called beyond the contribution"
                ),
            );
        }
        Some(crate::statement::PoolLine {
            year,
            on,
            contribution,
            spend,
            called,
            paid_in,
        })
    }

    fn statement_line(
        &mut self,
        v: &Value,
        path: &str,
        refs: &HashMap<&str, usize>,
        out: &Dataset,
    ) -> Option<IssuedLineRecord> {
        let m = self.object(
            v,
            path,
            &[
                "year",
                "from",
                "to",
                "case",
                "placement",
                "provider",
                "decisions",
                "share",
                "days",
                "amount",
                "adjusts",
                "disputes",
            ],
        )?;
        let adjusts = self.opt_string(m, path, "adjusts").ok()?;
        let disputes: Option<Vec<String>> = self
            .array(m, path, "disputes", false)
            .iter()
            .enumerate()
            .map(|(k, d)| match d.as_str() {
                Some(s) => Some(s.to_string()),
                None => {
                    self.problem(
                        &format!("{path}.disputes[{k}]"),
                        format!("must be a dispute number, not {}", describe(d)),
                    );
                    None
                }
            })
            .collect();
        let disputes = disputes?;
        let year = self.code(m, path, "year", |s| {
            s.parse::<FinancialYear>().map_err(|e| e.to_string())
        });
        let from = self.date(m, path, "from");
        let to = self.date(m, path, "to");
        let case = self.text(m, path, "case").and_then(|r| {
            let c = refs.get(r.as_str()).copied();
            if c.is_none() {
                self.problem(&at(path, "case"), format!("\"{r}\" is not a case in cases"));
            }
            c
        });
        let placement = self.whole_number(m, path, "placement", 10_000);
        let provider = self.text(m, path, "provider");
        let decisions: Option<Vec<String>> = self
            .array(m, path, "decisions", false)
            .iter()
            .enumerate()
            .map(|(k, d)| match d.as_str() {
                Some(s) => Some(s.to_string()),
                None => {
                    self.problem(
                        &format!("{path}.decisions[{k}]"),
                        format!("must be a decision number, not {}", describe(d)),
                    );
                    None
                }
            })
            .collect();
        let share = self.free_text(m, path, "share");
        let days = self.whole_number(m, path, "days", 366);
        let amount = self
            .required(m, path, "amount")
            .cloned()
            .and_then(|a| self.money(&at(path, "amount"), &a));
        let (year, from, to, case, placement, provider, decisions, days, amount) = (
            year?, from?, to?, case?, placement?, provider?, decisions?, days?, amount?,
        );
        let placement = placement as usize;
        if placement >= out.cases[case].placements.len() {
            self.problem(
                &at(path, "placement"),
                format!(
                    "case {} has no placement {placement} (it has {})",
                    out.cases[case].reference,
                    out.cases[case].placements.len()
                ),
            );
            return None;
        }
        if !year.contains(from) || !year.contains(to) || to < from {
            self.problem(path, format!("its days are not within {year}"));
        } else {
            let period = (to - from).num_days() + 1;
            if i64::from(days) > period {
                self.problem(
                    &at(path, "days"),
                    format!(
                        "{days} days cannot lie between {} and {} ({period} days)",
                        from.format("%d/%m/%Y"),
                        to.format("%d/%m/%Y")
                    ),
                );
            }
        }
        // A decision cited is one of record, about the line's case: a line's evidence is
        // never a number the register does not hold.
        for (k, n) in decisions.iter().enumerate() {
            let cited = out
                .decisions
                .iter()
                .find(|x| x.number.as_ref().is_some_and(|d| d.to_string() == *n));
            let problem = match cited {
                None => Some(format!("\"{n}\" is not a final decision in decisions")),
                Some(x) if x.case != case => Some(format!(
                    "{n} is about case {}, not {}",
                    out.cases.get(x.case).map_or("?", |c| c.reference.as_str()),
                    out.cases[case].reference
                )),
                Some(_) => None,
            };
            if let Some(problem) = problem {
                self.problem(&format!("{path}.decisions[{k}]"), problem);
            }
        }
        Some(IssuedLineRecord {
            year,
            from,
            to,
            case,
            placement,
            provider,
            decisions,
            share,
            days,
            amount,
            adjusts,
            disputes,
        })
    }
}
