//! A decision: its parts, assent, amendment and kept placement, as the file holds it.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::dataset::*;
use crate::model::*;
use crate::money::Money;
use crate::year::FinancialYear;

use super::walker::{at, describe};
use super::*;

impl Reader {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn decision(
        &mut self,
        v: &Value,
        path: &str,
        codes: &HashMap<String, usize>,
        refs: &HashMap<String, usize>,
        data: &Dataset,
        numbers: &HashMap<String, usize>,
        index: usize,
    ) -> Option<Decision> {
        let m = self.object(
            v,
            path,
            &[
                "number",
                "status",
                "meeting",
                "item",
                "case",
                "placement",
                "decided_on",
                "urgent",
                "inquorate",
                "outcome",
                "subject",
                "paragraphs",
                "reasons",
                "alternatives",
                "conditions",
                "actions",
                "review_date",
                "effective_from",
                "assent",
                "amends",
                "placement_snapshot",
                "impact",
                "indicative",
            ],
        )?;
        let impact = self.impact(m, path, codes, data);
        let indicative = self.indicative(m, path);
        let status = self.code(m, path, "status", DecisionStatus::parse);
        let snapshot = match m.get("placement_snapshot") {
            None | Some(Value::Null) => Some(None),
            Some(v) => self
                .placement(
                    v,
                    &at(path, "placement_snapshot"),
                    codes,
                    data.partners.len(),
                )
                .map(Some),
        };
        let number = match self.opt_string(m, path, "number") {
            Ok(None) => Some(None),
            Ok(Some(s)) => match DecisionNumber::parse(&s) {
                Some(n) => Some(Some(n)),
                None => {
                    self.problem(
                        &at(path, "number"),
                        format!("\"{s}\" is not a decision number (e.g. CNP/21-22/0007)"),
                    );
                    None
                }
            },
            Err(()) => None,
        };
        let decided_on = self.date(m, path, "decided_on");
        let case = self.text(m, path, "case").and_then(|r| match refs.get(&r) {
            Some(&c) => Some(c),
            None => {
                self.problem(
                    &at(path, "case"),
                    format!("\"{r}\" is not a case in this file"),
                );
                None
            }
        });
        let placement = match m.get("placement") {
            None | Some(Value::Null) => Some(None),
            Some(p) => match (p.as_u64(), case) {
                (Some(i), Some(c))
                    if (i as usize) < data.cases.get(c).map_or(0, |c| c.placements.len()) =>
                {
                    Some(Some(i as usize))
                }
                (_, None) => None,
                _ => {
                    self.problem(
                        &at(path, "placement"),
                        format!(
                            "{} is not the index of one of the case's placements",
                            describe(p)
                        ),
                    );
                    None
                }
            },
        };
        let meeting = self.opt_date(m, path, "meeting", false);
        let item = match (meeting, m.get("item")) {
            (Ok(None), None | Some(Value::Null)) => Some(None),
            (Ok(Some(date)), Some(it)) => {
                let mi = data.meetings.iter().position(|mt| mt.date == date);
                match (mi, it.as_u64()) {
                    (None, _) => {
                        self.problem(
                            &at(path, "meeting"),
                            format!("{date} is not a meeting in this file"),
                        );
                        None
                    }
                    (Some(mi), Some(n))
                        if n >= 1 && (n as usize) <= data.meetings[mi].items.len() =>
                    {
                        Some(Some((mi, n as usize - 1)))
                    }
                    (Some(_), _) => {
                        self.problem(
                            &at(path, "item"),
                            format!(
                                "{} is not an item number of the meeting on {date}",
                                describe(it)
                            ),
                        );
                        None
                    }
                }
            }
            (Ok(_), _) => {
                self.problem(path, "meeting and item go together: give both or neither");
                None
            }
            (Err(()), _) => None,
        };
        // Whether a decision is a chair's action is a fact of the record: it has no agenda
        // item. A file may say so (`urgent`), but what it says must agree.
        let said_urgent = m
            .get("urgent")
            .filter(|v| !v.is_null())
            .map(|_| self.bool(m, path, "urgent"));
        let urgent = match item {
            Some(item) => {
                let derived = item.is_none();
                match said_urgent {
                    Some(true) if !derived => self.problem(
                        &at(path, "urgent"),
                        "true says a chair's action, but the decision is made at an agenda item of a meeting: a chair's action is taken between meetings, at none",
                    ),
                    Some(false) if derived => self.problem(
                        &at(path, "urgent"),
                        "false says the panel's decision at a meeting, but the decision has no agenda item: one without is a chair's action, offered to the next meeting for ratification",
                    ),
                    _ => {}
                }
                derived
            }
            None => said_urgent.unwrap_or(false),
        };
        let inquorate = self.bool(m, path, "inquorate");
        let outcome = self.code(m, path, "outcome", Outcome::parse);
        let subject = self.text(m, path, "subject");
        let paragraphs = self.strings(m, path, "paragraphs");
        let reasons = self.free_text(m, path, "reasons");
        let alternatives = self.free_text(m, path, "alternatives");
        let conditions = self.strings(m, path, "conditions");
        let mut actions = Vec::new();
        let mut actions_done = Vec::new();
        let mut ok = true;
        for (i, a) in self.array(m, path, "actions", false).iter().enumerate() {
            let p = format!("{path}.actions[{i}]");
            let Some(am) = self.object(a, &p, &["action", "owner", "due", "done"]) else {
                ok = false;
                continue;
            };
            let action = self.text(am, &p, "action");
            let owner = self.text(am, &p, "owner");
            let due = self.opt_date(am, &p, "due", false);
            match am.get("done") {
                None | Some(Value::Null) => {}
                Some(d) => {
                    let dp = at(&p, "done");
                    match self.object(d, &dp, &["on", "note"]) {
                        Some(dm) => {
                            let on = self.date(dm, &dp, "on");
                            let note = self.free_text(dm, &dp, "note");
                            match on {
                                Some(on) => actions_done.push((actions.len(), on, note)),
                                None => ok = false,
                            }
                        }
                        None => ok = false,
                    }
                }
            }
            match (action, owner, due) {
                (Some(action), Some(owner), Ok(due)) => actions.push(Action { action, owner, due }),
                _ => ok = false,
            }
        }
        let review_date = self.opt_date(m, path, "review_date", false);
        let effective_from = self.opt_date(m, path, "effective_from", false);
        let mut assent = Vec::new();
        match m.get("assent") {
            None | Some(Value::Null) => {}
            Some(Value::Object(a)) => {
                for (code, answer) in a {
                    let p = format!("{path}.assent.{code}");
                    let partner = self.partner_ref(&p, code, codes);
                    let answer = match answer.as_str().map(Assent::parse) {
                        Some(Ok(x)) => Some(x),
                        Some(Err(e)) => {
                            self.problem(&p, e);
                            None
                        }
                        None => {
                            self.problem(
                                &p,
                                format!(
                                    "must be \"agree\" or \"disagree\", not {}",
                                    describe(answer)
                                ),
                            );
                            None
                        }
                    };
                    match (partner, answer) {
                        (Some(i), Some(x)) => assent.push((i, x)),
                        _ => ok = false,
                    }
                }
                assent.sort_by_key(|&(i, _)| i);
            }
            Some(other) => {
                self.problem(
                    &at(path, "assent"),
                    format!(
                        "must be an object of partner code to agree or disagree, not {}",
                        describe(other)
                    ),
                );
                ok = false;
            }
        }
        let amends = match self.opt_string(m, path, "amends") {
            Ok(None) => Some(None),
            Ok(Some(n)) => match numbers.get(&n) {
                Some(&i) if i < index => Some(Some(i)),
                _ => {
                    self.problem(
                        &at(path, "amends"),
                        format!("\"{n}\" is not a final decision listed before this one"),
                    );
                    None
                }
            },
            Err(()) => None,
        };
        let (status, number, decided_on) = (status?, number?, decided_on?);
        match (status, &number) {
            (DecisionStatus::Final, None) => {
                self.problem(&at(path, "number"), "a final decision needs its number");
                ok = false;
            }
            (DecisionStatus::Draft, Some(_)) => {
                self.problem(
                    &at(path, "number"),
                    "a draft decision has no number yet (use null)",
                );
                ok = false;
            }
            (DecisionStatus::Final, Some(n)) if n.year != FinancialYear::containing(decided_on) => {
                self.problem(
                    &at(path, "number"),
                    format!(
                        "{n} is not numbered in the financial year of {decided_on} ({})",
                        FinancialYear::containing(decided_on)
                    ),
                );
                ok = false;
            }
            _ => {}
        }
        if let (Some(Some((mi, _))), false) = (item, urgent)
            && data.meetings[mi].date != decided_on
        {
            self.problem(
                &at(path, "decided_on"),
                format!(
                    "{decided_on} is not the date of its meeting ({})",
                    data.meetings[mi].date
                ),
            );
            ok = false;
        }
        if let Some(Some(a)) = amends
            && data
                .decisions
                .get(a)
                .is_some_and(|d| d.status != DecisionStatus::Final)
        {
            self.problem(&at(path, "amends"), "only a final decision can be amended");
            ok = false;
        }
        if let (Some(Some(_)), Some(p)) = (&snapshot, &placement)
            && (status != DecisionStatus::Final || p.is_none())
        {
            self.problem(
                &at(path, "placement_snapshot"),
                "only a final decision about a placement has a snapshot of it",
            );
            ok = false;
        }
        if !actions_done.is_empty() && status != DecisionStatus::Final {
            self.problem(
                &at(path, "actions"),
                "only the actions of a final decision are done",
            );
            ok = false;
        }
        if let Some((_, on, _)) = actions_done.iter().find(|(_, on, _)| *on < decided_on) {
            self.problem(
                &at(path, "actions"),
                format!("an action is done on {on}, before the decision was taken"),
            );
            ok = false;
        }
        if impact.as_ref().is_some_and(|i| !i.is_empty()) && status != DecisionStatus::Final {
            self.problem(
                &at(path, "impact"),
                "only a final decision keeps its financial impact",
            );
            ok = false;
        }
        if indicative.as_ref().is_some_and(Option::is_some) && status != DecisionStatus::Final {
            self.problem(
                &at(path, "indicative"),
                "only a final decision keeps the indicative budget set beside it",
            );
            ok = false;
        }
        if !ok {
            return None;
        }
        Some(Decision {
            indicative: indicative?,
            number,
            status,
            item: item?,
            case: case?,
            placement: placement?,
            decided_on,
            urgent,
            inquorate,
            outcome: outcome?,
            subject: subject?,
            paragraphs: paragraphs?,
            reasons,
            alternatives,
            conditions: conditions?,
            actions,
            review_date: review_date.ok()?,
            effective_from: effective_from.ok()?,
            assent,
            amends: amends?,
            snapshot: snapshot?,
            impact: impact?,
            actions_done,
        })
    }

    /// A final decision's financial impact as kept: for each year, each partner's
    /// contribution and projected spend before and after the decision.
    fn impact(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        codes: &HashMap<String, usize>,
        data: &Dataset,
    ) -> Option<Vec<crate::impact::YearImpact>> {
        let mut out = Vec::new();
        let mut ok = true;
        for (k, y) in self.array(m, path, "impact", false).iter().enumerate() {
            let p = format!("{path}.impact[{k}]");
            let Some(ym) = self.object(y, &p, &["year", "has_agreement", "partners"]) else {
                ok = false;
                continue;
            };
            let year = self.code(ym, &p, "year", |s| {
                s.parse::<crate::year::FinancialYear>()
                    .map_err(|e| e.to_string())
            });
            let has_agreement = match ym.get("has_agreement") {
                Some(Value::Bool(b)) => Some(*b),
                other => {
                    self.problem(
                        &at(&p, "has_agreement"),
                        format!(
                            "must be true or false, not {}",
                            other.map_or("nothing".into(), describe)
                        ),
                    );
                    None
                }
            };
            let n = data.partners.len();
            let (mut contributions, mut before, mut after) = (
                vec![Money::ZERO; n],
                vec![Money::ZERO; n],
                vec![Money::ZERO; n],
            );
            match ym.get("partners").and_then(Value::as_object) {
                Some(parts) => {
                    for (code, figures) in parts {
                        let pp = format!("{p}.partners.{code}");
                        let Some(i) = self.partner_ref(&pp, code, codes) else {
                            ok = false;
                            continue;
                        };
                        let Some(f) =
                            self.object(figures, &pp, &["contribution", "before", "after"])
                        else {
                            ok = false;
                            continue;
                        };
                        let mut money = |key: &str| {
                            self.required(f, &pp, key)
                                .cloned()
                                .and_then(|v| self.money(&at(&pp, key), &v))
                        };
                        match (money("contribution"), money("before"), money("after")) {
                            (Some(c), Some(b), Some(a)) => {
                                if c < Money::ZERO {
                                    self.problem(&at(&pp, "contribution"), "cannot be negative");
                                    ok = false;
                                }
                                contributions[i] = c;
                                before[i] = b;
                                after[i] = a;
                            }
                            _ => ok = false,
                        }
                    }
                }
                None => {
                    self.problem(
                        &at(&p, "partners"),
                        "must be an object of partners' figures",
                    );
                    ok = false;
                }
            }
            match (year, has_agreement) {
                (Some(year), Some(has_agreement)) => {
                    if out
                        .iter()
                        .any(|x: &crate::impact::YearImpact| x.year == year)
                    {
                        self.problem(&at(&p, "year"), format!("{year} is listed twice"));
                        ok = false;
                    }
                    out.push(crate::impact::YearImpact {
                        year,
                        contributions,
                        before,
                        after,
                        has_agreement,
                    });
                }
                _ => ok = false,
            }
        }
        ok.then_some(out)
    }

    pub(super) fn strings(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<Vec<String>> {
        let mut out = Vec::new();
        let mut ok = true;
        for (i, v) in self.array(m, path, key, false).iter().enumerate() {
            match v.as_str() {
                Some(s) if !s.trim().is_empty() => {
                    if self.storable(&format!("{path}.{key}[{i}]"), key, s) {
                        out.push(crate::text::normalise(s));
                    } else {
                        ok = false;
                    }
                }
                _ => {
                    self.problem(
                        &format!("{path}.{key}[{i}]"),
                        format!("must be non-empty text, not {}", describe(v)),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }
}
