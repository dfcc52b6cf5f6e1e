//! Disputes between partners (rule 18) as the file holds them: each against a line of a
//! statement listed in the file, with what it holds, where it stands, and the agenda item and
//! decision that settled it.

use std::collections::HashSet;

use serde_json::Value;

use crate::dataset::*;
use crate::model::*;
use crate::money::Money;
use crate::statement::dispute_number;
use crate::year::FinancialYear;

use super::walker::{at, describe};
use super::*;

impl Reader {
    pub(super) fn disputes(&mut self, list: &[Value], out: &Dataset) -> Vec<DisputeRecord> {
        let mut numbers = HashSet::new();
        let mut disputes: Vec<DisputeRecord> = Vec::new();
        for (i, v) in list.iter().enumerate() {
            let path = format!("disputes[{i}]");
            let Some(d) = self.dispute(v, &path, out) else {
                continue;
            };
            if !numbers.insert(d.number.clone()) {
                self.problem(
                    &at(&path, "number"),
                    format!("\"{}\" is listed twice", d.number),
                );
            }
            // As when one is raised: a line (or a placement's split) disputed by an open
            // dispute is not disputed again while it is open.
            if d.status == DisputeStatus::Open
                && let Some(other) = disputes
                    .iter()
                    .find(|e| e.status == DisputeStatus::Open && open_over(e, &d, out))
            {
                self.problem(
                    &at(&path, "line"),
                    format!(
                        "{} already disputes this line and is open: a line is disputed once at a time",
                        other.number
                    ),
                );
            }
            disputes.push(d);
        }
        disputes
    }

    fn statement_index(&mut self, path: &str, v: Option<&Value>, out: &Dataset) -> Option<usize> {
        let Some(n) = v.and_then(Value::as_str) else {
            self.problem(
                path,
                format!(
                    "must be the number of a statement in statements, not {}",
                    v.map_or("nothing".into(), describe)
                ),
            );
            return None;
        };
        let found = out.statements.iter().position(|s| s.number == n);
        if found.is_none() {
            self.problem(path, format!("\"{n}\" is not a statement in statements"));
        }
        found
    }

    fn dispute(&mut self, v: &Value, path: &str, out: &Dataset) -> Option<DisputeRecord> {
        let m = self.object(
            v,
            path,
            &[
                "number",
                "statement",
                "line",
                "scope",
                "reason",
                "note",
                "raised_on",
                "amount",
                "holds",
                "status",
                "closed_on",
                "decision",
                "closing_note",
                "meeting",
                "item",
            ],
        )?;
        let number = self.text(m, path, "number");
        let statement = self.statement_index(&at(path, "statement"), m.get("statement"), out);
        let line = self.whole_number(m, path, "line", 100_000);
        let scope = self.code(m, path, "scope", DisputeScope::parse);
        let reason = self.code(m, path, "reason", DisputeReason::parse);
        let note = self.free_text(m, path, "note");
        let raised_on = self.date(m, path, "raised_on");
        let amount = self
            .required(m, path, "amount")
            .cloned()
            .and_then(|a| self.money(&at(path, "amount"), &a));
        let mut holds = Vec::new();
        let mut ok = true;
        for (k, h) in self.array(m, path, "holds", true).iter().enumerate() {
            let p = format!("{path}.holds[{k}]");
            let Some(hm) = self.object(h, &p, &["statement", "amount"]) else {
                ok = false;
                continue;
            };
            let s = self.statement_index(&at(&p, "statement"), hm.get("statement"), out);
            let a = self
                .required(hm, &p, "amount")
                .cloned()
                .and_then(|a| self.money(&at(&p, "amount"), &a));
            match (s, a) {
                (Some(s), Some(a)) => holds.push((s, a)),
                _ => ok = false,
            }
        }
        let status = self.code(m, path, "status", DisputeStatus::parse);
        let closed_on = self.opt_date(m, path, "closed_on", false).ok()?;
        let decision = match m.get("decision") {
            None | Some(Value::Null) => None,
            Some(Value::String(n)) => {
                let found = out
                    .decisions
                    .iter()
                    .position(|x| x.number.as_ref().is_some_and(|k| k.to_string() == *n));
                if found.is_none() {
                    self.problem(
                        &at(path, "decision"),
                        format!("\"{n}\" is not a final decision in decisions"),
                    );
                    ok = false;
                }
                found
            }
            Some(other) => {
                self.problem(
                    &at(path, "decision"),
                    format!("must be a decision number or null, not {}", describe(other)),
                );
                ok = false;
                None
            }
        };
        let closing_note = self.free_text(m, path, "closing_note");
        let meeting = self.opt_date(m, path, "meeting", false).ok()?;
        let agenda = match (meeting, m.get("item")) {
            (None, None | Some(Value::Null)) => None,
            (Some(date), Some(it)) => {
                let mi = out.meetings.iter().position(|mt| mt.date == date);
                match (mi, it.as_u64()) {
                    (Some(mi), Some(n))
                        if n >= 1 && (n as usize) <= out.meetings[mi].items.len() =>
                    {
                        let item = &out.meetings[mi].items[n as usize - 1];
                        if item.kind != ItemKind::Dispute {
                            self.problem(
                                &at(path, "item"),
                                format!("item {n} of the meeting on {date} is not a dispute item"),
                            );
                        }
                        Some((mi, n as usize - 1))
                    }
                    _ => {
                        self.problem(
                            &at(path, "item"),
                            format!("is not an item of a meeting on {date} in this file"),
                        );
                        ok = false;
                        None
                    }
                }
            }
            _ => {
                self.problem(path, "meeting and item go together: give both or neither");
                ok = false;
                None
            }
        };
        let (number, statement, line, scope, reason, raised_on, amount, status) = (
            number?, statement?, line?, scope?, reason?, raised_on?, amount?, status?,
        );
        if !ok {
            return None;
        }
        let s = &out.statements[statement];
        let line = line as usize;
        if line < 1 || line > s.lines.len() {
            self.problem(
                &at(path, "line"),
                format!("{} has no line {line} (it has {})", s.number, s.lines.len()),
            );
            return None;
        }
        let year = FinancialYear::containing(raised_on);
        let seq = number
            .rsplit('/')
            .next()
            .and_then(|n| n.parse::<u32>().ok());
        if seq.is_none_or(|n| n == 0 || dispute_number(year, n) != number) {
            self.problem(
                &at(path, "number"),
                format!(
                    "\"{number}\" is not a number of the disputes raised in {year} (like {})",
                    dispute_number(year, 1)
                ),
            );
        }
        if raised_on < s.issued_on {
            self.problem(
                &at(path, "raised_on"),
                format!(
                    "a dispute is raised once {} is issued, not before",
                    s.number
                ),
            );
        }
        if holds
            .iter()
            .any(|(h, _)| out.statements[*h].partner != s.partner)
        {
            self.problem(
                &at(path, "holds"),
                "a dispute holds amounts on its own partner's statements only",
            );
        }
        // What it holds is what the app derives when the dispute is raised: the line's amount
        // on its statement, or for a split, on each of the partner's statements, the sum of
        // its lines for the placement.
        let disputed = &s.lines[line - 1];
        if scope == DisputeScope::Line && disputed.amount == Money::ZERO {
            self.problem(
                &at(path, "line"),
                format!(
                    "line {line} of {} charges nothing: there is no amount to dispute (a split may be disputed)",
                    s.number
                ),
            );
        }
        let same_placement =
            |l: &IssuedLineRecord| l.case == disputed.case && l.placement == disputed.placement;
        for (k, (h, held)) in holds.iter().enumerate() {
            let on = &out.statements[*h];
            let (derived, what) = match scope {
                DisputeScope::Line if *h == statement => (
                    Some(disputed.amount),
                    format!("line {line} of {}", s.number),
                ),
                DisputeScope::Line => (None, format!("line {line} of {}", s.number)),
                DisputeScope::Split => (
                    on.lines.iter().any(same_placement).then(|| {
                        on.lines
                            .iter()
                            .filter(|l| same_placement(l))
                            .map(|l| l.amount)
                            .sum()
                    }),
                    format!("the placement's lines on {}", on.number),
                ),
            };
            match derived {
                Some(d) if d == *held => {}
                Some(d) => self.problem(
                    &format!("{path}.holds[{k}].amount"),
                    format!("{held} is not what {what} charges ({d}): a dispute holds what it disputes, no more"),
                ),
                None => self.problem(
                    &format!("{path}.holds[{k}].statement"),
                    format!("{} holds nothing this dispute disputes", on.number),
                ),
            }
        }
        if let Some(x) = decision.and_then(|i| out.decisions.get(i)) {
            if x.case != disputed.case {
                self.problem(
                    &at(path, "decision"),
                    format!(
                        "a dispute is resolved by a decision about its own case ({}), not case {}",
                        out.cases[disputed.case].reference,
                        out.cases.get(x.case).map_or("?", |c| c.reference.as_str())
                    ),
                );
            } else if x.decided_on < raised_on {
                self.problem(
                    &at(path, "decision"),
                    format!(
                        "a dispute is resolved by a decision made after it was raised ({}), not by one of {}",
                        raised_on.format("%d/%m/%Y"),
                        x.decided_on.format("%d/%m/%Y")
                    ),
                );
            } else if agenda.is_none() || x.item != agenda {
                self.problem(
                    &at(path, "decision"),
                    "a dispute is resolved by the panel's final decision at the agenda item that brings it (its meeting and item), and this decision is not that one",
                );
            } else if closed_on != Some(x.decided_on.max(raised_on)) {
                self.problem(
                    &at(path, "closed_on"),
                    format!(
                        "a dispute resolved by the panel closes on the day of the decision ({})",
                        x.decided_on.max(raised_on).format("%d/%m/%Y")
                    ),
                );
            }
        }
        let held: Money = holds.iter().map(|h| h.1).sum();
        if held != amount {
            self.problem(
                &at(path, "amount"),
                format!("{amount} is not the sum of what it holds ({held})"),
            );
        }
        match (status, closed_on) {
            (DisputeStatus::Open, Some(_)) => {
                self.problem(&at(path, "closed_on"), "an open dispute has not closed")
            }
            (DisputeStatus::Withdrawn | DisputeStatus::Resolved, None) => self.problem(
                &at(path, "closed_on"),
                "a dispute withdrawn or resolved says the day it closed",
            ),
            (_, Some(c)) if c < raised_on => self.problem(
                &at(path, "closed_on"),
                "a dispute closes no earlier than it was raised",
            ),
            _ => {}
        }
        if (status == DisputeStatus::Resolved) != decision.is_some() {
            self.problem(
                &at(path, "decision"),
                "a resolved dispute names the decision that resolved it, and no other does",
            );
        }
        Some(DisputeRecord {
            number,
            statement,
            line: line - 1,
            scope,
            reason,
            note,
            raised_on,
            amount,
            holds,
            status,
            closed_on,
            decision,
            closing_note,
            agenda,
        })
    }
}

/// Whether open dispute `earlier` stands over the line `later` disputes: the same line of the
/// same statement, or a split of the same placement stated to the same partner.
fn open_over(earlier: &DisputeRecord, later: &DisputeRecord, out: &Dataset) -> bool {
    let line = |d: &DisputeRecord| {
        let s = &out.statements[d.statement];
        (s.partner, &s.lines[d.line])
    };
    let ((p1, l1), (p2, l2)) = (line(earlier), line(later));
    p1 == p2
        && ((earlier.statement, earlier.line) == (later.statement, later.line)
            || (earlier.scope == DisputeScope::Split
                && (l1.case, l1.placement) == (l2.case, l2.placement)))
}

/// The disputes as the file writes them.
pub(super) fn write_disputes(d: &Dataset) -> Value {
    d.disputes
        .iter()
        .map(|x| {
            serde_json::json!({
                "number": x.number,
                "statement": d.statements.get(x.statement).map(|s| s.number.as_str()),
                "line": x.line + 1,
                "scope": x.scope.code(),
                "reason": x.reason.code(),
                "note": x.note,
                "raised_on": x.raised_on.to_string(),
                "amount": x.amount.to_plain(),
                "holds": x.holds.iter().map(|(s, a)| serde_json::json!({
                    "statement": d.statements.get(*s).map(|s| s.number.as_str()),
                    "amount": a.to_plain(),
                })).collect::<Vec<_>>(),
                "status": x.status.code(),
                "closed_on": x.closed_on.map(|c| c.to_string()),
                "decision": x.decision.and_then(|i| d.decisions.get(i)).and_then(|x| x.number.as_ref()).map(|n| n.to_string()),
                "closing_note": x.closing_note,
                "meeting": x.agenda.map(|(m, _)| d.meetings[m].date.to_string()),
                "item": x.agenda.map(|(_, i)| i + 1),
            })
        })
        .collect()
}
