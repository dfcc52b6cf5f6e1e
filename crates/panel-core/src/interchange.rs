//! The interchange format `complex-needs-panel/1`: reading with every problem named by its
//! path, and writing. The format is documented in `docs/interchange-format.md`.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde_json::{Map, Value, json};

use crate::cost::{CostLine, Per, Placement, SplitPeriod};
use crate::model::*;
use crate::money::Money;
use crate::spend::{Agreement, Partner, RiskShare};
use crate::split::Percent;
use crate::year::{FinancialYear, parse_iso_date};

/// The format this program reads and writes.
pub const FORMAT: &str = "complex-needs-panel/1";

/// Reads a dataset, or lists every problem found, one line each, naming the record and field.
pub fn read_dataset(text: &str) -> Result<Dataset, Vec<String>> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| vec![format!("not valid JSON: {e}")])?;
    let twice = crate::strict_json::duplicate_keys(text)
        .map_err(|e| vec![format!("not valid JSON: {e}")])?;
    if !twice.is_empty() {
        return Err(twice);
    }
    let mut r = Reader::default();
    let dataset = r.dataset(&value);
    if r.problems.is_empty() {
        Ok(dataset)
    } else {
        Err(r.problems)
    }
}

#[derive(Default)]
struct Reader {
    problems: Vec<String>,
}

/// The path of a field: `cases[2].placements[0]` + `amount`.
fn at(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    }
}

impl Reader {
    fn problem(&mut self, path: &str, msg: impl std::fmt::Display) {
        self.problems.push(format!("{path}: {msg}"));
    }

    /// An object whose keys are all in `known`; unknown keys are problems.
    fn object<'a>(
        &mut self,
        v: &'a Value,
        path: &str,
        known: &[&str],
    ) -> Option<&'a Map<String, Value>> {
        match v.as_object() {
            Some(m) => {
                for k in m.keys() {
                    if !known.contains(&k.as_str()) {
                        self.problem(
                            &at(path, k),
                            format!("unknown field (expected one of {})", known.join(", ")),
                        );
                    }
                }
                Some(m)
            }
            None => {
                let p = if path.is_empty() { "(top level)" } else { path };
                self.problem(p, format!("must be an object, not {}", describe(v)));
                None
            }
        }
    }

    fn required<'a>(
        &mut self,
        m: &'a Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<&'a Value> {
        let v = m.get(key);
        if v.is_none() {
            self.problem(&at(path, key), "is missing");
        }
        v
    }

    /// Whether `s`, the value of `key`, is text the application can store; a problem if not.
    fn storable(&mut self, path: &str, key: &str, s: &str) -> bool {
        let (max, multiline) = crate::text::field_rule(key);
        match crate::text::text_problem(s, max, multiline) {
            Some(problem) => {
                self.problem(path, problem);
                false
            }
            None => true,
        }
    }

    fn string(&mut self, m: &Map<String, Value>, path: &str, key: &str) -> Option<String> {
        let v = self.required(m, path, key)?;
        match v.as_str() {
            Some(s) => self.storable(&at(path, key), key, s).then(|| s.to_string()),
            None => {
                self.problem(
                    &at(path, key),
                    format!("must be a string, not {}", describe(v)),
                );
                None
            }
        }
    }

    /// A string that must not be blank.
    fn text(&mut self, m: &Map<String, Value>, path: &str, key: &str) -> Option<String> {
        let s = self.string(m, path, key)?;
        if s.trim().is_empty() {
            self.problem(&at(path, key), "must not be empty");
            return None;
        }
        Some(s)
    }

    /// An optional string: absent or null is `None`.
    fn opt_string(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Result<Option<String>, ()> {
        match m.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => {
                if self.storable(&at(path, key), key, s) {
                    Ok(Some(s.clone()))
                } else {
                    Err(())
                }
            }
            Some(v) => {
                self.problem(
                    &at(path, key),
                    format!("must be a string or null, not {}", describe(v)),
                );
                Err(())
            }
        }
    }

    /// Free text that may be absent (empty).
    fn free_text(&mut self, m: &Map<String, Value>, path: &str, key: &str) -> String {
        self.opt_string(m, path, key)
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    fn date(&mut self, m: &Map<String, Value>, path: &str, key: &str) -> Option<NaiveDate> {
        let s = self.string(m, path, key)?;
        self.parse_date(&at(path, key), &s)
    }

    fn parse_date(&mut self, path: &str, s: &str) -> Option<NaiveDate> {
        let d = parse_iso_date(s);
        if d.is_none() {
            self.problem(path, format!("\"{s}\" is not a date (expected YYYY-MM-DD)"));
        }
        d
    }

    /// A date that may be null; the key itself is required when `required`.
    fn opt_date(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        key: &str,
        required: bool,
    ) -> Result<Option<NaiveDate>, ()> {
        if required && !m.contains_key(key) {
            self.problem(&at(path, key), "is missing (use null for none)");
            return Err(());
        }
        match self.opt_string(m, path, key)? {
            None => Ok(None),
            Some(s) => self.parse_date(&at(path, key), &s).map(Some).ok_or(()),
        }
    }

    fn money(&mut self, path: &str, v: &Value) -> Option<Money> {
        match v.as_str() {
            Some(s) => match Money::parse(path, s) {
                Ok(m) => Some(m),
                Err(e) => {
                    self.problems.push(e.to_string());
                    None
                }
            },
            None => {
                self.problem(
                    path,
                    format!(
                        "must be an amount as a string, e.g. \"1234.50\", not {}",
                        describe(v)
                    ),
                );
                None
            }
        }
    }

    fn code<T>(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        key: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let s = self.string(m, path, key)?;
        match parse(&s) {
            Ok(v) => Some(v),
            Err(e) => {
                self.problem(&at(path, key), e);
                None
            }
        }
    }

    fn array<'a>(
        &mut self,
        m: &'a Map<String, Value>,
        path: &str,
        key: &str,
        required: bool,
    ) -> &'a [Value] {
        match m.get(key) {
            None if !required => &[],
            None => {
                self.problem(&at(path, key), "is missing");
                &[]
            }
            Some(Value::Array(a)) => a,
            Some(v) => {
                self.problem(
                    &at(path, key),
                    format!("must be a list, not {}", describe(v)),
                );
                &[]
            }
        }
    }

    fn bool(&mut self, m: &Map<String, Value>, path: &str, key: &str) -> bool {
        match m.get(key) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(v) => {
                self.problem(
                    &at(path, key),
                    format!("must be true or false, not {}", describe(v)),
                );
                false
            }
        }
    }

    fn whole_number(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        key: &str,
        max: u64,
    ) -> Option<u32> {
        let v = self.required(m, path, key)?;
        match v.as_u64() {
            Some(n) if n <= max => u32::try_from(n).ok(),
            _ => {
                self.problem(
                    &at(path, key),
                    format!(
                        "must be a whole number from 0 to {max}, not {}",
                        describe(v)
                    ),
                );
                None
            }
        }
    }

    fn dataset(&mut self, v: &Value) -> Dataset {
        let mut out = Dataset::default();
        let Some(top) = self.object(
            v,
            "",
            &[
                "format",
                "settings",
                "partners",
                "agreements",
                "cases",
                "meetings",
                "decisions",
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
        for (i, p) in self.array(top, "", "partners", true).iter().enumerate() {
            let path = format!("partners[{i}]");
            let Some(m) = self.object(p, &path, &["code", "name"]) else {
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
                }
            }
            out.partners.push(Partner {
                code: code.unwrap_or_default(),
                name: name.unwrap_or_default(),
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
        for (i, c) in self.array(top, "", "cases", false).iter().enumerate() {
            let path = format!("cases[{i}]");
            // Checked on the raw value, so a duplicate is reported even when the case has
            // other problems. (Indices only matter when there are no problems at all.)
            if let Some(r) = c.get("reference").and_then(Value::as_str)
                && refs.insert(r.to_string(), i).is_some()
            {
                self.problem(
                    &at(&path, "reference"),
                    format!("\"{r}\" is a duplicate case reference"),
                );
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
        out
    }

    /// A ratification item brings a chair's action of its case taken before its meeting
    /// (rule 15). One numbered outside the file is checked against the database on import.
    fn check_ratifications(&mut self, out: &Dataset) {
        for (mi, m) in out.meetings.iter().enumerate() {
            for (ii, it) in m.items.iter().enumerate() {
                let Some(n) = &it.ratifies else { continue };
                let Some(d) = out.decisions.iter().find(|d| d.number.as_ref() == Some(n)) else {
                    continue;
                };
                let problem = if !d.urgent {
                    Some(format!("{n} is not a chair's action"))
                } else if Some(d.case) != it.case {
                    Some(format!("{n} is about another case"))
                } else if d.decided_on > m.date {
                    Some(format!("{n} was taken after this meeting"))
                } else {
                    None
                };
                if let Some(p) = problem {
                    self.problem(&format!("meetings[{mi}].items[{ii}].ratifies"), p);
                }
            }
        }
    }

    fn settings(&mut self, v: &Value) -> Option<Settings> {
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

    fn partner_ref(
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

    fn agreement(
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

    fn case(
        &mut self,
        v: &Value,
        path: &str,
        codes: &HashMap<String, usize>,
        n: usize,
    ) -> Option<Case> {
        let m = self.object(
            v,
            path,
            &[
                "reference",
                "initials",
                "date_of_birth",
                "needs",
                "placements",
            ],
        )?;
        let reference = self.text(m, path, "reference");
        if let Some(r) = &reference
            && (r.len() > 32 || r.chars().any(char::is_whitespace))
        {
            self.problem(
                &at(path, "reference"),
                format!("\"{r}\" is not a case reference (up to 32 characters, no spaces)"),
            );
        }
        let initials = self.text(m, path, "initials");
        if let Some(i) = &initials
            && !valid_initials(i)
        {
            self.problem(
                &at(path, "initials"),
                format!("\"{i}\" is not initials (2 to 4 letters, e.g. A.B.; never a full name)"),
            );
        }
        let dob = self.opt_date(m, path, "date_of_birth", false);
        let needs = self.free_text(m, path, "needs");
        let mut placements = Vec::new();
        let mut ok = true;
        for (i, p) in self.array(m, path, "placements", false).iter().enumerate() {
            match self.placement(p, &format!("{path}.placements[{i}]"), codes, n) {
                Some(p) => placements.push(p),
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        Some(Case {
            reference: reference?,
            initials: initials?,
            date_of_birth: dob.ok()?,
            needs,
            placements,
        })
    }

    fn placement(
        &mut self,
        v: &Value,
        path: &str,
        codes: &HashMap<String, usize>,
        n: usize,
    ) -> Option<PlacementRecord> {
        let m = self.object(
            v,
            path,
            &["provider", "type", "start", "end", "cost_lines", "splits"],
        )?;
        let provider = self.text(m, path, "provider");
        let kind = self.code(m, path, "type", PlacementType::parse);
        let start = self.date(m, path, "start");
        let end = self.opt_date(m, path, "end", true);
        let mut ok = true;
        let mut cost_lines = Vec::new();
        for (i, l) in self.array(m, path, "cost_lines", true).iter().enumerate() {
            match self.cost_line(l, &format!("{path}.cost_lines[{i}]")) {
                Some(l) => cost_lines.push(l),
                None => ok = false,
            }
        }
        let mut splits = Vec::new();
        let split_values = self.array(m, path, "splits", true);
        if split_values.is_empty() && m.contains_key("splits") {
            self.problem(&at(path, "splits"), "needs at least one split");
            ok = false;
        }
        for (i, s) in split_values.iter().enumerate() {
            match self.split(s, &format!("{path}.splits[{i}]"), codes, n) {
                Some(s) => splits.push(s),
                None => ok = false,
            }
        }
        let (provider, kind, start, end) = (provider?, kind?, start?, end.ok()?);
        if !ok {
            return None;
        }
        if let Some(e) = end
            && e < start
        {
            self.problem(&at(path, "end"), format!("{e} is before the start {start}"));
            return None;
        }
        for (i, l) in cost_lines.iter().enumerate() {
            if let Some(to) = l.to
                && to < l.from
            {
                self.problem(
                    &format!("{path}.cost_lines[{i}].to"),
                    format!("{to} is before its from {}", l.from),
                );
                ok = false;
            }
        }
        for (i, s) in splits.iter().enumerate() {
            if i == 0 && s.from > start {
                self.problem(&format!("{path}.splits[0].from"), format!("{} is after the placement start {start}; the first split must be in force from the start", s.from));
                ok = false;
            }
            if i > 0 && s.from <= splits[i - 1].from {
                self.problem(
                    &format!("{path}.splits[{i}].from"),
                    format!(
                        "{} is not after the split before it ({})",
                        s.from,
                        splits[i - 1].from
                    ),
                );
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        let placement = Placement {
            start,
            end,
            cost_lines,
            splits,
        };
        // The lines' own rules first, each named by its field; then the placement as a whole.
        let problems = crate::cost::line_problems(&placement);
        for lp in &problems {
            self.problem(
                &format!("{path}.cost_lines[{}].{}", lp.line, lp.field),
                &lp.message,
            );
        }
        if !problems.is_empty() {
            return None;
        }
        if let Err(e) = placement.validate(n) {
            self.problem(path, e);
            return None;
        }
        Some(PlacementRecord {
            provider,
            kind,
            placement,
        })
    }

    fn cost_line(&mut self, v: &Value, path: &str) -> Option<CostLine> {
        let m = self.object(v, path, &["description", "per", "amount", "from", "to"])?;
        let description = self.text(m, path, "description");
        let per = self.code(m, path, "per", |s| s.parse::<Per>());
        let amount = self
            .required(m, path, "amount")
            .and_then(|a| self.money(&at(path, "amount"), a));
        let from = self.date(m, path, "from");
        let to = self.opt_date(m, path, "to", true);
        Some(CostLine {
            description: description?,
            per: per?,
            amount: amount?,
            from: from?,
            to: to.ok()?,
        })
    }

    fn split(
        &mut self,
        v: &Value,
        path: &str,
        codes: &HashMap<String, usize>,
        n: usize,
    ) -> Option<SplitPeriod> {
        let m = self.object(v, path, &["from", "shares"])?;
        let from = self.date(m, path, "from");
        let mut shares = vec![Percent::ZERO; n];
        let mut ok = true;
        match self.required(m, path, "shares") {
            Some(Value::Object(s)) => {
                for (code, share) in s {
                    let p = format!("{path}.shares.{code}");
                    let partner = self.partner_ref(&p, code, codes);
                    let pct = match share.as_str() {
                        Some(t) => Percent::parse(t).map_err(|e| self.problem(&p, e)).ok(),
                        None => {
                            self.problem(
                                &p,
                                format!(
                                    "must be a percentage as a string, e.g. \"33.33\", not {}",
                                    describe(share)
                                ),
                            );
                            None
                        }
                    };
                    match (partner, pct) {
                        (Some(i), Some(pct)) => shares[i] = pct,
                        _ => ok = false,
                    }
                }
                let sum: u32 = shares.iter().map(|s| s.basis_points()).sum();
                if ok && sum != crate::split::WHOLE {
                    let shown = crate::split::format_basis_points(sum);
                    self.problem(
                        &at(path, "shares"),
                        format!("sum to {shown}%, not exactly 100%"),
                    );
                    ok = false;
                }
            }
            Some(other) => {
                self.problem(
                    &at(path, "shares"),
                    format!(
                        "must be an object of partner code to percentage, not {}",
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
        Some(SplitPeriod {
            from: from?,
            shares,
        })
    }

    fn meeting(
        &mut self,
        v: &Value,
        path: &str,
        codes: &HashMap<String, usize>,
        refs: &HashMap<String, usize>,
    ) -> Option<Meeting> {
        let m = self.object(
            v,
            path,
            &[
                "date",
                "venue",
                "chair",
                "minutes_status",
                "attendees",
                "items",
            ],
        )?;
        let date = self.date(m, path, "date");
        let venue = self.free_text(m, path, "venue");
        let chair = self.text(m, path, "chair");
        let status = self.code(m, path, "minutes_status", MinutesStatus::parse);
        let mut ok = true;
        let mut attendees = Vec::new();
        let mut names: HashMap<String, usize> = HashMap::new();
        for (i, a) in self.array(m, path, "attendees", false).iter().enumerate() {
            let p = format!("{path}.attendees[{i}]");
            let Some(am) = self.object(
                a,
                &p,
                &["name", "agency", "represents", "role", "attendance"],
            ) else {
                ok = false;
                continue;
            };
            let name = self.text(am, &p, "name");
            let agency = self.text(am, &p, "agency");
            let represents = match self.opt_string(am, &p, "represents") {
                Ok(Some(code)) => self
                    .partner_ref(&at(&p, "represents"), &code, codes)
                    .map(Some),
                Ok(None) => Some(None),
                Err(()) => None,
            };
            let role = self.free_text(am, &p, "role");
            let attendance = self.code(am, &p, "attendance", Attendance::parse);
            match (name, agency, represents, attendance) {
                (Some(name), Some(agency), Some(represents), Some(attendance)) => {
                    if names.insert(name.clone(), i).is_some() {
                        self.problem(&at(&p, "name"), format!("\"{name}\" is listed twice"));
                        ok = false;
                    }
                    attendees.push(Attendee {
                        name,
                        agency,
                        represents,
                        role,
                        attendance,
                    });
                }
                _ => ok = false,
            }
        }
        let mut items = Vec::new();
        for (i, it) in self.array(m, path, "items", false).iter().enumerate() {
            let p = format!("{path}.items[{i}]");
            let Some(im) = self.object(
                it,
                &p,
                &[
                    "kind",
                    "case",
                    "title",
                    "presenter",
                    "minutes",
                    "ask",
                    "notes",
                    "interests",
                    "ratifies",
                ],
            ) else {
                ok = false;
                continue;
            };
            let kind = self.code(im, &p, "kind", ItemKind::parse);
            let case = match self.opt_string(im, &p, "case") {
                Ok(Some(r)) => match refs.get(&r) {
                    Some(&c) => Some(Some(c)),
                    None => {
                        self.problem(
                            &at(&p, "case"),
                            format!("\"{r}\" is not a case in this file"),
                        );
                        None
                    }
                },
                Ok(None) => Some(None),
                Err(()) => None,
            };
            let title = self.text(im, &p, "title");
            let presenter = self.free_text(im, &p, "presenter");
            let minutes = self.whole_number(im, &p, "minutes", 480);
            let ask = self.free_text(im, &p, "ask");
            let notes = self.free_text(im, &p, "notes");
            let ratifies = match (self.opt_string(im, &p, "ratifies"), kind) {
                (Err(()), _) => None,
                (Ok(None), Some(ItemKind::Ratification)) => {
                    self.problem(
                        &at(&p, "ratifies"),
                        "a ratification item names the chair's action it brings",
                    );
                    None
                }
                (Ok(None), _) => Some(None),
                (Ok(Some(n)), Some(ItemKind::Ratification)) => match DecisionNumber::parse(&n) {
                    Some(n) => Some(Some(n)),
                    None => {
                        self.problem(
                            &at(&p, "ratifies"),
                            format!("\"{n}\" is not a decision number"),
                        );
                        None
                    }
                },
                (Ok(Some(_)), _) => {
                    self.problem(
                        &at(&p, "ratifies"),
                        "only a ratification item names a chair's action",
                    );
                    None
                }
            };
            let mut interests = Vec::new();
            for (k, int) in self.array(im, &p, "interests", false).iter().enumerate() {
                let ip = format!("{p}.interests[{k}]");
                let Some(intm) = self.object(int, &ip, &["attendee", "interest", "dispensation"])
                else {
                    ok = false;
                    continue;
                };
                let who = self
                    .text(intm, &ip, "attendee")
                    .and_then(|n| match names.get(&n) {
                        Some(&a) => Some(a),
                        None => {
                            self.problem(
                                &at(&ip, "attendee"),
                                format!("\"{n}\" is not an attendee of this meeting"),
                            );
                            None
                        }
                    });
                let interest = self.text(intm, &ip, "interest");
                let dispensation = self.opt_string(intm, &ip, "dispensation");
                match (who, interest, dispensation) {
                    (Some(attendee), Some(interest), Ok(dispensation)) => {
                        interests.push(Interest {
                            attendee,
                            interest,
                            dispensation,
                        })
                    }
                    _ => ok = false,
                }
            }
            match (kind, case, title, minutes, ratifies) {
                (Some(kind), Some(case), Some(title), Some(minutes), Some(ratifies)) => {
                    items.push(AgendaItem {
                        kind,
                        case,
                        title,
                        presenter,
                        minutes,
                        ask,
                        notes,
                        interests,
                        ratifies,
                    })
                }
                _ => ok = false,
            }
        }
        if !ok {
            return None;
        }
        Some(Meeting {
            date: date?,
            venue,
            chair: chair?,
            minutes_status: status?,
            attendees,
            items,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn decision(
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
            ],
        )?;
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
        let urgent = self.bool(m, path, "urgent");
        let inquorate = self.bool(m, path, "inquorate");
        let outcome = self.code(m, path, "outcome", Outcome::parse);
        let subject = self.text(m, path, "subject");
        let paragraphs = self.strings(m, path, "paragraphs");
        let reasons = self.free_text(m, path, "reasons");
        let alternatives = self.free_text(m, path, "alternatives");
        let conditions = self.strings(m, path, "conditions");
        let mut actions = Vec::new();
        let mut ok = true;
        for (i, a) in self.array(m, path, "actions", false).iter().enumerate() {
            let p = format!("{path}.actions[{i}]");
            let Some(am) = self.object(a, &p, &["action", "owner", "due"]) else {
                ok = false;
                continue;
            };
            let action = self.text(am, &p, "action");
            let owner = self.text(am, &p, "owner");
            let due = self.opt_date(am, &p, "due", false);
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
        if !ok {
            return None;
        }
        Some(Decision {
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
        })
    }

    fn strings(&mut self, m: &Map<String, Value>, path: &str, key: &str) -> Option<Vec<String>> {
        let mut out = Vec::new();
        let mut ok = true;
        for (i, v) in self.array(m, path, key, false).iter().enumerate() {
            match v.as_str() {
                Some(s) if !s.trim().is_empty() => {
                    if self.storable(&format!("{path}.{key}[{i}]"), key, s) {
                        out.push(s.to_string());
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

    /// Rule 8 within the file: final numbers unique, and 1..n without gaps in each year.
    fn check_numbering(&mut self, decisions: &[Decision]) {
        let mut by_year: HashMap<FinancialYear, Vec<u32>> = HashMap::new();
        for d in decisions {
            if let Some(n) = &d.number {
                by_year.entry(n.year).or_default().push(n.seq);
            }
        }
        let mut years: Vec<_> = by_year.into_iter().collect();
        years.sort();
        for (year, mut seqs) in years {
            seqs.sort_unstable();
            for (i, s) in seqs.iter().enumerate() {
                let expected = i as u32 + 1;
                if *s != expected {
                    let what = if i > 0 && seqs[i - 1] == *s {
                        "is used twice"
                    } else {
                        "leaves a gap"
                    };
                    self.problem("decisions", format!("decision number {:04} of {year} {what}: numbers run from 0001 with no gaps and no duplicates", s));
                    break;
                }
            }
        }
    }
}

/// Whether `c` can be a partner code.
pub fn valid_partner_code(c: &str) -> bool {
    !c.is_empty()
        && c.len() <= 16
        && c.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether `s` looks like initials (`A.B.`, `AB`, `A B`): two to four letters, nothing else
/// but dots, spaces and hyphens — so a full name cannot be stored by mistake.
pub fn valid_initials(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    (2..=4).contains(&letters)
        && s.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | ' ' | '-' | '\''))
        && s.len() <= 16
}

fn opt_date(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.to_string()))
}

fn opt_text(s: &Option<String>) -> Value {
    s.as_ref().map_or(Value::Null, |s| Value::String(s.clone()))
}

/// Writes a dataset in the interchange format: pretty-printed, fields in a fixed order,
/// ending with a newline, so the same data always gives the same bytes.
pub fn write_dataset(d: &Dataset) -> String {
    let codes: Vec<&str> = d.partners.iter().map(|p| p.code.as_str()).collect();
    let settings = d.settings.clone().unwrap_or_default();
    let mut top = Map::new();
    top.insert("format".into(), json!(FORMAT));
    top.insert(
        "settings".into(),
        json!({
            "authority": settings.authority,
            "panel_name": settings.panel_name,
            "decision_prefix": settings.decision_prefix,
            "first_review_months": settings.first_review_months,
            "review_months": settings.review_months,
            "notice_months": settings.notice_months,
            "quorum": settings.quorum.code(),
        }),
    );
    top.insert(
        "partners".into(),
        d.partners
            .iter()
            .map(|p| json!({"code": p.code, "name": p.name}))
            .collect(),
    );
    top.insert(
        "agreements".into(),
        d.agreements
            .iter()
            .map(|a| {
                let contributions: Map<String, Value> = codes.iter().zip(&a.contributions).map(|(c, m)| (c.to_string(), json!(m.to_plain()))).collect();
                json!({"year": a.year.to_string(), "risk_share": a.risk_share.code(), "contributions": contributions})
            })
            .collect(),
    );
    top.insert(
        "cases".into(),
        d.cases
            .iter()
            .map(|c| {
                json!({
                    "reference": c.reference,
                    "initials": c.initials,
                    "date_of_birth": opt_date(c.date_of_birth),
                    "needs": c.needs,
                    "placements": c.placements.iter().map(|p| write_placement(p, &codes)).collect::<Vec<_>>(),
                })
            })
            .collect(),
    );
    top.insert(
        "meetings".into(),
        d.meetings
            .iter()
            .map(|m| {
                json!({
                    "date": m.date.to_string(),
                    "venue": m.venue,
                    "chair": m.chair,
                    "minutes_status": m.minutes_status.code(),
                    "attendees": m.attendees.iter().map(|a| json!({
                        "name": a.name,
                        "agency": a.agency,
                        "represents": a.represents.map_or(Value::Null, |i| json!(codes[i])),
                        "role": a.role,
                        "attendance": a.attendance.code(),
                    })).collect::<Vec<_>>(),
                    "items": m.items.iter().map(|it| json!({
                        "kind": it.kind.code(),
                        "case": it.case.map_or(Value::Null, |c| json!(d.cases[c].reference)),
                        "title": it.title,
                        "presenter": it.presenter,
                        "minutes": it.minutes,
                        "ask": it.ask,
                        "notes": it.notes,
                        "ratifies": it.ratifies.as_ref().map_or(Value::Null, |n| json!(n.to_string())),
                        "interests": it.interests.iter().map(|i| json!({
                            "attendee": m.attendees[i.attendee].name,
                            "interest": i.interest,
                            "dispensation": opt_text(&i.dispensation),
                        })).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    );
    top.insert(
        "decisions".into(),
        d.decisions
            .iter()
            .map(|x| {
                let assent: Map<String, Value> = x.assent.iter().map(|(i, a)| (codes[*i].to_string(), json!(a.code()))).collect();
                json!({
                    "number": x.number.as_ref().map_or(Value::Null, |n| json!(n.to_string())),
                    "status": x.status.code(),
                    "meeting": x.item.map_or(Value::Null, |(m, _)| json!(d.meetings[m].date.to_string())),
                    "item": x.item.map_or(Value::Null, |(_, i)| json!(i + 1)),
                    "case": d.cases[x.case].reference,
                    "placement": x.placement.map_or(Value::Null, |p| json!(p)),
                    "decided_on": x.decided_on.to_string(),
                    "urgent": x.urgent,
                    "inquorate": x.inquorate,
                    "outcome": x.outcome.code(),
                    "subject": x.subject,
                    "paragraphs": x.paragraphs,
                    "reasons": x.reasons,
                    "alternatives": x.alternatives,
                    "conditions": x.conditions,
                    "actions": x.actions.iter().map(|a| json!({"action": a.action, "owner": a.owner, "due": opt_date(a.due)})).collect::<Vec<_>>(),
                    "review_date": opt_date(x.review_date),
                    "effective_from": opt_date(x.effective_from),
                    "assent": assent,
                    "amends": x.amends.and_then(|a| d.decisions[a].number.as_ref()).map_or(Value::Null, |n| json!(n.to_string())),
                    "placement_snapshot": x.snapshot.as_ref().map_or(Value::Null, |p| write_placement(p, &codes)),
                })
            })
            .collect(),
    );
    let mut text = serde_json::to_string_pretty(&Value::Object(top)).unwrap_or_default();
    text.push('\n');
    text
}

fn write_placement(p: &PlacementRecord, codes: &[&str]) -> Value {
    let pl = &p.placement;
    json!({
        "provider": p.provider,
        "type": p.kind.code(),
        "start": pl.start.to_string(),
        "end": opt_date(pl.end),
        "cost_lines": pl.cost_lines.iter().map(|l| json!({
            "description": l.description,
            "per": l.per.code(),
            "amount": l.amount.to_plain(),
            "from": l.from.to_string(),
            "to": opt_date(l.to),
        })).collect::<Vec<_>>(),
        "splits": pl.splits.iter().map(|s| {
            let shares: Map<String, Value> = codes.iter().zip(&s.shares).map(|(c, p)| (c.to_string(), json!(p.to_string()))).collect();
            json!({"from": s.from.to_string(), "shares": shares})
        }).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DecisionStatus;

    #[test]
    fn a_decisions_kept_placement_travels_and_only_a_final_one_has_it() {
        let today = crate::year::parse_iso_date("2026-11-23").unwrap_or_default();
        let mut d = crate::demo::demo(today);
        let k = d
            .decisions
            .iter()
            .position(|x| x.status == DecisionStatus::Final && x.placement.is_some())
            .unwrap_or_default();
        let x = &d.decisions[k];
        let mut kept = d.cases[x.case].placements[x.placement.unwrap_or_default()].clone();
        kept.provider = "The provider as it was".into();
        d.decisions[k].snapshot = Some(kept);
        let back = read_dataset(&write_dataset(&d));
        assert!(back.as_ref().is_ok_and(|b| *b == d), "{back:?}");

        // A draft has nothing to keep.
        d.decisions[k].status = DecisionStatus::Draft;
        d.decisions[k].number = None;
        let problems = read_dataset(&write_dataset(&d)).err().unwrap_or_default();
        assert!(
            problems.iter().any(|p| p.ends_with(
                "placement_snapshot: only a final decision about a placement has a snapshot of it"
            )),
            "{problems:?}"
        );
    }

    /// Found by fuzzing: a partner without a code left a decision's kept placement with one
    /// share fewer than there are partners, and reading the next partner's share panicked.
    #[test]
    fn a_partner_without_a_code_is_a_problem_not_a_panic() {
        let mut d =
            crate::demo::demo(crate::year::parse_iso_date("2026-11-23").unwrap_or_default());
        let k = d
            .decisions
            .iter()
            .position(|x| x.status == DecisionStatus::Final && x.placement.is_some())
            .unwrap_or_default();
        let x = &d.decisions[k];
        d.decisions[k].snapshot =
            Some(d.cases[x.case].placements[x.placement.unwrap_or_default()].clone());
        let text = write_dataset(&d).replacen("\"code\": \"ED\"", "\"EDde\": \"ED\"", 1);
        assert!(text.contains("\"EDde\": \"ED\""));
        let problems = read_dataset(&text).err().unwrap_or_default();
        assert!(
            problems.iter().any(|p| p.starts_with("partners[1]")),
            "{problems:?}"
        );
    }

    #[test]
    fn a_kept_placement_reads_back_as_written() {
        let today = crate::year::parse_iso_date("2026-11-23").unwrap_or_default();
        let d = crate::demo::demo(today);
        let codes: Vec<&str> = d.partners.iter().map(|p| p.code.as_str()).collect();
        let p = &d.cases[0].placements[0];
        let text = crate::snapshot::write(p, &codes);
        assert_eq!(crate::snapshot::read(&text, &codes).as_ref(), Ok(p));
        assert!(crate::snapshot::read("{\"provider\": 1}", &codes).is_err());
        assert!(crate::snapshot::read("not json", &codes).is_err());
    }
}
