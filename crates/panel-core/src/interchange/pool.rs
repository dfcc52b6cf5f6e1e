//! `pool[]`: contributions called from the partners and paid in by them, pooled year by year.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::walker::{Reader, at};
use crate::money::Money;
use crate::year::FinancialYear;
use crate::{
    dataset::{Dataset, PoolRecord},
    model::PoolKind,
};

impl Reader {
    pub(super) fn pool(
        &mut self,
        list: &[Value],
        codes: &HashMap<String, usize>,
    ) -> Vec<PoolRecord> {
        let mut out = Vec::new();
        for (i, v) in list.iter().enumerate() {
            let path = format!("pool[{i}]");
            let Some(m) = self.object(
                v,
                &path,
                &["partner", "year", "kind", "on", "amount", "reference"],
            ) else {
                continue;
            };
            let partner = self
                .string(m, &path, "partner")
                .and_then(|c| self.partner_ref(&at(&path, "partner"), &c, codes));
            let year = self.string(m, &path, "year").and_then(|y| {
                y.parse::<FinancialYear>()
                    .map_err(|e| self.problem(&at(&path, "year"), e))
                    .ok()
            });
            let kind = self.code(m, &path, "kind", PoolKind::parse);
            let on = self.date(m, &path, "on");
            let amount = self
                .required(m, &path, "amount")
                .cloned()
                .and_then(|a| self.money(&at(&path, "amount"), &a));
            if amount.is_some_and(|a| a <= Money::ZERO) {
                self.problem(&at(&path, "amount"), "must be above 0.00");
                continue;
            }
            let reference = self.free_text(m, &path, "reference");
            if let (Some(partner), Some(year), Some(kind), Some(on), Some(amount)) =
                (partner, year, kind, on, amount)
            {
                out.push(PoolRecord {
                    partner,
                    year,
                    kind,
                    on,
                    amount,
                    reference,
                });
            }
        }
        // Never more paid in than called, partner by partner and year by year.
        let mut sums: HashMap<(usize, i32), (Money, Money)> = HashMap::new();
        for r in &out {
            let e = sums.entry((r.partner, r.year.start_year())).or_default();
            match r.kind {
                PoolKind::Call => e.0 += r.amount,
                PoolKind::Receipt => e.1 += r.amount,
            }
        }
        let mut over: Vec<_> = sums.into_iter().filter(|(_, (c, p))| p > c).collect();
        over.sort_by_key(|((p, y), _)| (*y, *p));
        let code = |i: usize| {
            codes
                .iter()
                .find(|(_, k)| **k == i)
                .map_or_else(|| (i + 1).to_string(), |(c, _)| c.clone())
        };
        for ((partner, year), (called, paid)) in over {
            self.problem(
                "pool",
                format!(
                    "{} pays in {paid} for {} but was called for {called}",
                    code(partner),
                    FinancialYear::starting(year).map_or(year.to_string(), |y| y.to_string())
                ),
            );
        }
        out
    }
}

/// `pool[]` as the file holds it.
pub(super) fn write_pool(d: &Dataset) -> Value {
    d.pool
        .iter()
        .map(|r| {
            json!({
                "partner": d.partners.get(r.partner).map(|p| p.code.as_str()),
                "year": r.year.to_string(),
                "kind": r.kind.code(),
                "on": r.on.to_string(),
                "amount": r.amount.to_plain(),
                "reference": r.reference,
            })
        })
        .collect()
}
