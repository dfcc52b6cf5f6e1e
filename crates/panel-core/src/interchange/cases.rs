//! A case and its placements, cost lines and splits, read from the file by the rules every
//! door keeps (`cost::line_problems`, `Placement::validate`).

use std::collections::HashMap;

use serde_json::Value;

use crate::cost::{CostLine, Per, Placement, SplitPeriod};
use crate::model::*;
use crate::split::Percent;

use super::walker::{at, describe};
use super::*;
use crate::text::valid_initials;

impl Reader {
    pub(super) fn case(
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
        if let Some(problem) = reference
            .as_deref()
            .and_then(crate::text::case_reference_problem)
        {
            self.problem(&at(path, "reference"), problem);
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

    pub(super) fn placement(
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

    pub(super) fn cost_line(&mut self, v: &Value, path: &str) -> Option<CostLine> {
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

    pub(super) fn split(
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
}
