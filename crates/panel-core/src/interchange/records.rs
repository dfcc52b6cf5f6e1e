//! The file as a whole, mapped to the domain: its format, settings, partners and agreements,
//! and the lists of cases, meetings and decisions (each read in its own module).

use std::collections::{HashMap, HashSet};

use serde_json::Value;
use serde_json::value::RawValue;

use crate::dataset::*;
use crate::model::*;
use crate::money::Money;
use crate::spend::{Agreement, Partner, RiskShare};
use crate::year::FinancialYear;

use super::walker::{at, describe};
use super::*;
use crate::text::valid_partner_code;

impl Reader {
    /// The dataset in `v`, its cases read one at a time from `cases` (slices of the file's
    /// text) when the file's `cases` is a list.
    pub(super) fn dataset(&mut self, v: &Value, cases: Option<&[&RawValue]>) -> Dataset {
        let mut out = Dataset::default();
        let Some(top) = self.object(
            v,
            "",
            &[
                "format",
                "settings",
                "finance",
                "partners",
                "agreements",
                "cases",
                "meetings",
                "decisions",
                "statements",
                "disputes",
                "pool",
                "allocation_tables",
                "assessments",
            ],
        ) else {
            return out;
        };
        match top.get("format") {
            Some(Value::String(f)) if f == FORMAT => {}
            Some(f) => {
                self.problem(
                    "format",
                    format!(
                        "{} is not a format this program reads (expected \"{FORMAT}\")",
                        describe(f)
                    ),
                );
                return out;
            }
            None => {
                self.problem("format", format!("is missing (expected \"{FORMAT}\")"));
                return out;
            }
        }
        if let Some(s) = top.get("settings") {
            out.settings = self.settings(s);
        }
        let mut codes: HashMap<String, usize> = HashMap::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, p) in self.array(top, "", "partners", true).iter().enumerate() {
            let path = format!("partners[{i}]");
            let Some(m) = self.object(p, &path, &["code", "name", "aliases"]) else {
                continue;
            };
            let (code, name) = (self.text(m, &path, "code"), self.text(m, &path, "name"));
            if let Some(code) = &code {
                if !valid_partner_code(code) {
                    self.problem(
                        &at(&path, "code"),
                        format!("\"{code}\" is not a partner code (1–16 letters, digits, - or _)"),
                    );
                } else if codes.insert(code.clone(), i).is_some() {
                    self.problem(&at(&path, "code"), format!("\"{code}\" is listed twice"));
                } else if let Some(k) =
                    seen.insert(format!("code {}", crate::text::identity(code)), i)
                {
                    self.problem(
                        &at(&path, "code"),
                        format!("\"{code}\" is the code of partners[{k}] in other letters: each partner once"),
                    );
                }
            }
            if let Some(name) = &name
                && let Some(k) = seen.insert(format!("name {}", crate::text::identity(name)), i)
            {
                self.problem(
                    &at(&path, "name"),
                    format!("\"{name}\" is the name of partners[{k}] too: each partner once"),
                );
            }
            let aliases = self.aliases(m, &path, code.as_deref(), &out.partners);
            out.partners.push(Partner {
                code: code.unwrap_or_default(),
                name: name.unwrap_or_default(),
                aliases,
            });
        }
        let n = out.partners.len();
        let mut years = HashSet::new();
        for (i, a) in self.array(top, "", "agreements", false).iter().enumerate() {
            let path = format!("agreements[{i}]");
            if let Some(a) = self.agreement(a, &path, &codes, n) {
                if !years.insert(a.year) {
                    self.problem(&at(&path, "year"), format!("{} has two agreements", a.year));
                }
                out.agreements.push(a);
            }
        }
        let mut refs: HashMap<String, usize> = HashMap::new();
        // Two references that read the same (letter case aside) are one case twice.
        let mut same: HashMap<String, String> = HashMap::new();
        let whole = self.array(top, "", "cases", false);
        let count = cases.map_or(whole.len(), <[_]>::len);
        for i in 0..count {
            let parsed;
            let c = match cases {
                Some(raw) => match serde_json::from_str::<Value>(raw[i].get()) {
                    Ok(v) => {
                        parsed = v;
                        &parsed
                    }
                    Err(e) => {
                        self.problem(&format!("cases[{i}]"), format!("not valid JSON: {e}"));
                        continue;
                    }
                },
                None => &whole[i],
            };
            let path = format!("cases[{i}]");
            // Checked on the raw value, so a duplicate is reported even when the case has
            // other problems. (Indices only matter when there are no problems at all.)
            if let Some(r) = c.get("reference").and_then(Value::as_str) {
                if refs.insert(r.to_string(), i).is_some() {
                    self.problem(
                        &at(&path, "reference"),
                        format!("\"{r}\" is a duplicate case reference"),
                    );
                } else if let Some(first) = same.insert(crate::text::identity(r), r.to_string()) {
                    self.problem(
                        &at(&path, "reference"),
                        format!("\"{r}\" is the case reference \"{first}\" written otherwise: each case once"),
                    );
                }
            }
            if let Some(c) = self.case(c, &path, &codes, n) {
                out.cases.push(c);
            }
        }
        let mut dates = HashSet::new();
        for (i, m) in self.array(top, "", "meetings", false).iter().enumerate() {
            let path = format!("meetings[{i}]");
            if let Some(m) = self.meeting(m, &path, &codes, &refs) {
                if !dates.insert(m.date) {
                    self.problem(&at(&path, "date"), format!("{} has two meetings", m.date));
                }
                out.meetings.push(m);
            }
        }
        let decisions = self.array(top, "", "decisions", false);
        let mut numbers: HashMap<String, usize> = HashMap::new();
        for (i, d) in decisions.iter().enumerate() {
            if let Some(num) = d.get("number").and_then(Value::as_str) {
                numbers.entry(num.to_string()).or_insert(i);
            }
        }
        for (i, d) in decisions.iter().enumerate() {
            let path = format!("decisions[{i}]");
            if let Some(d) = self.decision(d, &path, &codes, &refs, &out, &numbers, i) {
                out.decisions.push(d);
            }
        }
        self.check_numbering(&out.decisions);
        self.check_ratifications(&out);
        let statements = self.array(top, "", "statements", false);
        out.statements = self.statements(statements, &codes, &out);
        let disputes = self.array(top, "", "disputes", false);
        out.disputes = self.disputes(disputes, &out);
        if let Some(f) = top.get("finance") {
            out.finance = self.finance(f, &codes);
        }
        // The partner that pays the providers invoices the others: no statement is issued
        // to it.
        let lead = out.finance.as_ref().and_then(|f| f.lead_partner.clone());
        if let Some((code, index)) = lead.and_then(|c| codes.get(&c).map(|&i| (c, i))) {
            for (i, st) in out.statements.iter().enumerate() {
                if st.partner == index {
                    self.problem(
                        &format!("statements[{i}].partner"),
                        format!(
                            "{} is stated to {}, which pays the providers (finance.lead_partner): statements go to the partners it invoices",
                            st.number, code
                        ),
                    );
                }
            }
        }
        let pool = self.array(top, "", "pool", false);
        out.pool = self.pool(pool, &codes);
        let tables = self.array(top, "", "allocation_tables", false);
        out.allocation_tables = self.allocation_tables(tables);
        let assessments = self.array(top, "", "assessments", false);
        out.assessments = self.assessments(assessments, &refs);
        out
    }

    /// The finance settings: escalation after 1 to 365 days, a lead partner listed in the
    /// file's partners (or none), monthly (1) or quarterly (3) statements.
    fn finance(
        &mut self,
        v: &Value,
        codes: &HashMap<String, usize>,
    ) -> Option<crate::model::FinanceSettings> {
        let path = "finance";
        let m = self.object(
            v,
            path,
            &[
                "escalation_days",
                "lead_partner",
                "statement_months",
                "uplift",
            ],
        )?;
        // The uplift assumed for next year: a percentage, absent for 0%.
        let uplift = match m.get("uplift") {
            None | Some(Value::Null) => Some(crate::split::Percent::ZERO),
            Some(Value::String(s)) => match crate::settings::uplift_input(s) {
                Ok(p) => Some(p),
                Err(e) => {
                    self.problem(&at(path, "uplift"), e.problem);
                    None
                }
            },
            Some(other) => {
                self.problem(
                    &at(path, "uplift"),
                    format!("must be a percentage as text, e.g. \"3.5\", not {other}"),
                );
                None
            }
        };
        let days = self
            .whole_number(m, path, "escalation_days", 365)
            .and_then(|d| {
                if d == 0 {
                    self.problem(&at(path, "escalation_days"), "must be at least 1");
                    None
                } else {
                    Some(d)
                }
            });
        let lead = match self.opt_string(m, path, "lead_partner") {
            Ok(None) => Some(None),
            Ok(Some(code)) => self
                .partner_ref(&at(path, "lead_partner"), &code, codes)
                .map(|_| Some(code)),
            Err(()) => None,
        };
        let months = self
            .whole_number(m, path, "statement_months", 12)
            .and_then(|n| {
                if n == 1 || n == 3 {
                    Some(n)
                } else {
                    self.problem(
                        &at(path, "statement_months"),
                        format!("must be 1 (monthly) or 3 (quarterly), not {n}"),
                    );
                    None
                }
            });
        Some(crate::model::FinanceSettings {
            escalation_days: days?,
            lead_partner: lead?,
            statement_months: months?,
            uplift: uplift?,
        })
    }

    pub(super) fn settings(&mut self, v: &Value) -> Option<Settings> {
        let path = "settings";
        let m = self.object(
            v,
            path,
            &[
                "authority",
                "panel_name",
                "decision_prefix",
                "first_review_months",
                "review_months",
                "notice_months",
                "quorum",
            ],
        )?;
        let authority = self.text(m, path, "authority");
        let panel_name = self.text(m, path, "panel_name");
        let prefix = self.string(m, path, "decision_prefix");
        if let Some(p) = &prefix
            && !valid_prefix(p)
        {
            self.problem(
                &at(path, "decision_prefix"),
                format!("\"{p}\" is not a prefix (1–10 letters, digits or -)"),
            );
        }
        let first = self.whole_number(m, path, "first_review_months", 120);
        let review = self.whole_number(m, path, "review_months", 120);
        let notice = self.whole_number(m, path, "notice_months", 24);
        let quorum = self.code(m, path, "quorum", QuorumRule::parse);
        Some(Settings {
            authority: authority?,
            panel_name: panel_name?,
            decision_prefix: prefix.filter(|p| valid_prefix(p))?,
            first_review_months: first.filter(|&f| f > 0).or_else(|| {
                self.problem(&at(path, "first_review_months"), "must be at least 1");
                None
            })?,
            review_months: review.filter(|&f| f > 0).or_else(|| {
                self.problem(&at(path, "review_months"), "must be at least 1");
                None
            })?,
            notice_months: notice?,
            quorum: quorum?,
        })
    }

    /// A partner's other names (`aliases`, absent for none), checked as the settings screen
    /// checks them against the partners read before it.
    fn aliases(
        &mut self,
        m: &serde_json::Map<String, Value>,
        path: &str,
        code: Option<&str>,
        before: &[Partner],
    ) -> Vec<String> {
        let p = at(path, "aliases");
        let list: Vec<String> = match m.get("aliases") {
            None => return Vec::new(),
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            Some(v) => {
                self.problem(&p, format!("must be a list of names, not {}", describe(v)));
                return Vec::new();
            }
        };
        match crate::settings::partner_aliases_input(code.unwrap_or_default(), &list, before) {
            Ok(v) => v,
            Err(e) => {
                self.problem(&p, e.message);
                Vec::new()
            }
        }
    }

    pub(super) fn partner_ref(
        &mut self,
        path: &str,
        code: &str,
        codes: &HashMap<String, usize>,
    ) -> Option<usize> {
        let i = codes.get(code).copied();
        if i.is_none() {
            self.problem(
                path,
                format!("\"{code}\" is not a partner listed in partners"),
            );
        }
        i
    }

    pub(super) fn agreement(
        &mut self,
        v: &Value,
        path: &str,
        codes: &HashMap<String, usize>,
        n: usize,
    ) -> Option<Agreement> {
        let m = self.object(v, path, &["year", "risk_share", "contributions"])?;
        let year = self
            .string(m, path, "year")
            .and_then(|s| match s.parse::<FinancialYear>() {
                Ok(y) => Some(y),
                Err(e) => {
                    self.problem(&at(path, "year"), e);
                    None
                }
            });
        let risk_share = self.code(m, path, "risk_share", |s| s.parse::<RiskShare>());
        let mut contributions = vec![Money::ZERO; n];
        let mut ok = true;
        match self.required(m, path, "contributions") {
            Some(Value::Object(c)) => {
                for (code, amount) in c {
                    let p = format!("{path}.contributions.{code}");
                    let partner = self.partner_ref(&p, code, codes);
                    match (partner, self.money(&p, amount)) {
                        (Some(i), Some(a)) if a.is_negative() => {
                            let _ = i;
                            self.problem(&p, "a contribution cannot be negative");
                            ok = false;
                        }
                        (Some(i), Some(a)) => contributions[i] = a,
                        _ => ok = false,
                    }
                }
                if ok
                    && risk_share == Some(RiskShare::Contributions)
                    && contributions.iter().all(|c| *c == Money::ZERO)
                {
                    self.problem(&at(path, "contributions"), "a risk share in proportion to contributions needs contributions above zero");
                    ok = false;
                }
            }
            Some(other) => {
                self.problem(
                    &at(path, "contributions"),
                    format!(
                        "must be an object of partner code to amount, not {}",
                        describe(other)
                    ),
                );
                ok = false;
            }
            None => ok = false,
        }
        if !ok {
            return None;
        }
        Some(Agreement {
            year: year?,
            risk_share: risk_share?,
            contributions,
        })
    }
}
