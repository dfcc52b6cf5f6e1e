//! `allocation_tables[]`, `assessments[]` and a final decision's `indicative`: the indicative
//! budget's tables, the cases' assessments, and what a decision set beside its package.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::walker::{Reader, at, describe};
use crate::dataset::{AssessmentRecord, Dataset};
use crate::money::Money;
use crate::ras::{
    AllocationTable, AreaInput, Assessment, Indicative, LevelInput, MAX_AREAS, MAX_POINTS, Score,
    table_input,
};
use crate::year::FinancialYear;

impl Reader {
    fn year(&mut self, m: &Map<String, Value>, path: &str) -> Option<FinancialYear> {
        self.string(m, path, "year").and_then(|y| {
            y.parse::<FinancialYear>()
                .map_err(|e| self.problem(&at(path, "year"), e))
                .ok()
        })
    }

    fn amount(&mut self, m: &Map<String, Value>, path: &str, key: &str) -> Option<Money> {
        let v = self.required(m, path, key)?.clone();
        self.money(&at(path, key), &v)
    }

    /// The tables, at most one a year, each as the settings screen would take it.
    pub(super) fn allocation_tables(&mut self, list: &[Value]) -> Vec<AllocationTable> {
        let mut out: Vec<AllocationTable> = Vec::new();
        for (i, v) in list.iter().enumerate() {
            let path = format!("allocation_tables[{i}]");
            let Some(m) = self.object(v, &path, &["year", "per_point", "areas"]) else {
                continue;
            };
            let year = self.string(m, &path, "year").unwrap_or_default();
            let per_point = match self.required(m, &path, "per_point") {
                Some(Value::String(s)) => s.clone(),
                Some(v) => {
                    self.problem(
                        &at(&path, "per_point"),
                        format!("must be an amount as a string, not {}", describe(v)),
                    );
                    continue;
                }
                None => continue,
            };
            let mut areas = Vec::new();
            for (a, area) in self.array(m, &path, "areas", true).iter().enumerate() {
                let apath = format!("{path}.areas[{a}]");
                let Some(am) = self.object(area, &apath, &["name", "levels"]) else {
                    continue;
                };
                let name = self.string(am, &apath, "name").unwrap_or_default();
                let mut levels = Vec::new();
                for (l, level) in self.array(am, &apath, "levels", true).iter().enumerate() {
                    let lpath = format!("{apath}.levels[{l}]");
                    let Some(lm) = self.object(level, &lpath, &["name", "points"]) else {
                        continue;
                    };
                    let name = self.string(lm, &lpath, "name").unwrap_or_default();
                    let points = self.whole_number(lm, &lpath, "points", u64::from(MAX_POINTS));
                    levels.push(LevelInput {
                        name,
                        points: points.map_or_else(String::new, |p| p.to_string()),
                    });
                }
                areas.push(AreaInput { name, levels });
            }
            match table_input(&year, &per_point, &areas) {
                Ok(t) if out.iter().any(|o| o.year == t.year) => self.problem(
                    &at(&path, "year"),
                    format!("{} has a table already", t.year),
                ),
                Ok(t) => out.push(t),
                Err(e) => {
                    for e in e {
                        self.problem(&path, e.message);
                    }
                }
            }
        }
        out
    }

    /// The assessments: of a case in the file, each with its scores as they were worth.
    pub(super) fn assessments(
        &mut self,
        list: &[Value],
        refs: &HashMap<String, usize>,
    ) -> Vec<AssessmentRecord> {
        let mut out = Vec::new();
        for (i, v) in list.iter().enumerate() {
            let path = format!("assessments[{i}]");
            let Some(m) = self.object(
                v,
                &path,
                &["case", "assessed_on", "year", "per_point", "scores"],
            ) else {
                continue;
            };
            let case = self
                .text(m, &path, "case")
                .and_then(|r| match refs.get(&r) {
                    Some(&c) => Some(c),
                    None => {
                        self.problem(
                            &at(&path, "case"),
                            format!("\"{r}\" is not a case in this file"),
                        );
                        None
                    }
                });
            let on = self.date(m, &path, "assessed_on");
            let year = self.year(m, &path);
            if let (Some(on), Some(year)) = (on, year)
                && FinancialYear::containing(on) != year
            {
                self.problem(
                    &at(&path, "year"),
                    format!(
                        "an assessment on {on} is made with the table of {}",
                        FinancialYear::containing(on)
                    ),
                );
                continue;
            }
            let per_point = self.amount(m, &path, "per_point");
            if per_point.is_some_and(|p| p <= Money::ZERO || p > crate::ras::MAX_PER_POINT) {
                self.problem(
                    &at(&path, "per_point"),
                    "must be above 0.00 and at most £1,000.00",
                );
                continue;
            }
            let mut scores: Vec<Score> = Vec::new();
            let list = self.array(m, &path, "scores", true);
            if list.is_empty() || list.len() > MAX_AREAS {
                self.problem(
                    &at(&path, "scores"),
                    format!("must hold from 1 to {MAX_AREAS} areas"),
                );
                continue;
            }
            for (k, s) in list.iter().enumerate() {
                let spath = format!("{path}.scores[{k}]");
                let Some(sm) = self.object(s, &spath, &["area", "level", "points"]) else {
                    continue;
                };
                let area = self.text(sm, &spath, "area");
                let level = self.text(sm, &spath, "level");
                let points = self.whole_number(sm, &spath, "points", u64::from(MAX_POINTS));
                if let (Some(area), Some(level), Some(points)) = (area, level, points) {
                    if scores
                        .iter()
                        .any(|x| crate::text::identity(&x.area) == crate::text::identity(&area))
                    {
                        self.problem(&at(&spath, "area"), format!("\"{area}\" is scored twice"));
                        continue;
                    }
                    scores.push(Score {
                        area,
                        level,
                        points,
                    });
                }
            }
            if let (Some(case), Some(assessed_on), Some(year), Some(per_point), true) =
                (case, on, year, per_point, scores.len() == list.len())
            {
                out.push(AssessmentRecord {
                    case,
                    assessment: Assessment {
                        assessed_on,
                        year,
                        per_point,
                        scores,
                    },
                });
            }
        }
        out
    }

    /// A final decision's indicative budget as kept.
    pub(super) fn indicative(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
    ) -> Option<Option<Indicative>> {
        let Some(v) = m.get("indicative") else {
            return Some(None);
        };
        let path = at(path, "indicative");
        let i = self.object(
            v,
            &path,
            &[
                "assessed_on",
                "year",
                "points",
                "per_point",
                "budget",
                "package",
            ],
        )?;
        let assessed_on = self.date(i, &path, "assessed_on");
        let year = self.year(i, &path);
        let points =
            self.whole_number(i, &path, "points", u64::from(MAX_POINTS) * MAX_AREAS as u64);
        let per_point = self.amount(i, &path, "per_point");
        let budget = self.amount(i, &path, "budget");
        let package = self.amount(i, &path, "package");
        let kept = Indicative {
            assessed_on: assessed_on?,
            year: year?,
            points: points?,
            per_point: per_point?,
            budget: budget?,
            package: package?,
        };
        if !kept.is_consistent() {
            self.problem(
                &path,
                "the budget must be the points times the amount per point, and the package not below 0.00",
            );
            return None;
        }
        Some(Some(kept))
    }
}

/// `allocation_tables[]` as the file holds them.
pub(super) fn write_tables(d: &Dataset) -> Value {
    d.allocation_tables
        .iter()
        .map(|t| {
            json!({
                "year": t.year.to_string(),
                "per_point": t.per_point.to_plain(),
                "areas": t.areas.iter().map(|a| json!({
                    "name": a.name,
                    "levels": a.levels.iter().map(|l| json!({"name": l.name, "points": l.points})).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// `assessments[]` as the file holds them.
pub(super) fn write_assessments(d: &Dataset) -> Value {
    d.assessments
        .iter()
        .map(|r| {
            let a = &r.assessment;
            json!({
                "case": d.cases.get(r.case).map(|c| c.reference.as_str()),
                "assessed_on": a.assessed_on.to_string(),
                "year": a.year.to_string(),
                "per_point": a.per_point.to_plain(),
                "scores": a.scores.iter().map(|s| json!({"area": s.area, "level": s.level, "points": s.points})).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// A decision's kept indicative budget as the file holds it.
pub(super) fn write_indicative(i: &Indicative) -> Value {
    json!({
        "assessed_on": i.assessed_on.to_string(),
        "year": i.year.to_string(),
        "points": i.points,
        "per_point": i.per_point.to_plain(),
        "budget": i.budget.to_plain(),
        "package": i.package.to_plain(),
    })
}
