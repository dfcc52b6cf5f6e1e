//! The indicative budget: the resource allocation tables (a setting, one a financial year),
//! the cases' assessments against them, and the budget set beside a decision's package —
//! worked out for a draft, kept with a final decision.

use chrono::NaiveDate;
use panel_core::model::DecisionStatus;
use panel_core::money::Money;
use panel_core::ras::{
    AllocationTable, Assessment, Indicative, NeedArea, NeedLevel, Score, assess,
};
use panel_core::year::FinancialYear;
use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};

use crate::{Result, Store, StoreError};

fn year_of(start: i32) -> Result<FinancialYear> {
    FinancialYear::starting(start).ok_or_else(|| StoreError::Corrupt(format!("a year {start}")))
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("an unreadable {what}"))
}

pub(crate) fn areas_json(t: &AllocationTable) -> String {
    Value::from(
        t.areas
            .iter()
            .map(|a| {
                json!({"name": a.name, "levels": a.levels.iter()
                    .map(|l| json!({"name": l.name, "points": l.points})).collect::<Vec<_>>()})
            })
            .collect::<Vec<_>>(),
    )
    .to_string()
}

fn read_areas(text: &str) -> Result<Vec<NeedArea>> {
    let v: Value = serde_json::from_str(text).map_err(|_| corrupt("resource allocation table"))?;
    let name = |v: &Value| v["name"].as_str().map(str::to_string);
    v.as_array()
        .ok_or_else(|| corrupt("resource allocation table"))?
        .iter()
        .map(|a| {
            let levels = a["levels"]
                .as_array()
                .ok_or_else(|| corrupt("resource allocation table"))?
                .iter()
                .map(|l| {
                    let level = || {
                        Some(NeedLevel {
                            name: name(l)?,
                            points: u32::try_from(l["points"].as_u64()?).ok()?,
                        })
                    };
                    level().ok_or_else(|| corrupt("resource allocation table"))
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(NeedArea {
                name: name(a).ok_or_else(|| corrupt("resource allocation table"))?,
                levels,
            })
        })
        .collect()
}

pub(crate) fn scores_json(a: &Assessment) -> String {
    Value::from(
        a.scores
            .iter()
            .map(|s| json!({"area": s.area, "level": s.level, "points": s.points}))
            .collect::<Vec<_>>(),
    )
    .to_string()
}

fn read_scores(text: &str) -> Result<Vec<Score>> {
    let v: Value = serde_json::from_str(text).map_err(|_| corrupt("assessment"))?;
    v.as_array()
        .ok_or_else(|| corrupt("assessment"))?
        .iter()
        .map(|s| {
            let score = || {
                Some(Score {
                    area: s["area"].as_str()?.to_string(),
                    level: s["level"].as_str()?.to_string(),
                    points: u32::try_from(s["points"].as_u64()?).ok()?,
                })
            };
            score().ok_or_else(|| corrupt("assessment"))
        })
        .collect()
}

pub use panel_core::ras::AssessmentEntry;

impl Store {
    /// Every resource allocation table, latest year first.
    pub fn allocation_tables(&self) -> Result<Vec<AllocationTable>> {
        self.read_allocation_tables(None)
    }

    /// The table of `year`, if one is set.
    pub fn allocation_table(&self, year: FinancialYear) -> Result<Option<AllocationTable>> {
        Ok(self.read_allocation_tables(Some(year))?.pop())
    }

    /// Every table, latest year first, or only `year`'s.
    fn read_allocation_tables(&self, year: Option<FinancialYear>) -> Result<Vec<AllocationTable>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT year_start, per_point_pence, areas FROM allocation_tables
             WHERE ?1 IS NULL OR year_start = ?1 ORDER BY year_start DESC",
        )?;
        let rows = stmt
            .query_map([year.map(FinancialYear::start_year)], |r| {
                Ok((
                    r.get::<_, i32>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(y, p, areas)| {
                Ok(AllocationTable {
                    year: year_of(y)?,
                    per_point: Money::from_pence(p),
                    areas: read_areas(&areas)?,
                })
            })
            .collect()
    }

    /// Sets the table of its year, replacing the one there was. Assessments already made keep
    /// the points they were made with.
    pub fn save_allocation_table(&mut self, t: &AllocationTable) -> Result<()> {
        t.check().map_err(StoreError::Field)?;
        self.conn.execute(
            "INSERT INTO allocation_tables (year_start, per_point_pence, areas) VALUES (?1, ?2, ?3)
             ON CONFLICT (year_start) DO UPDATE SET per_point_pence = excluded.per_point_pence,
                 areas = excluded.areas
             WHERE (per_point_pence, areas) IS NOT (excluded.per_point_pence, excluded.areas)",
            params![t.year.start_year(), t.per_point.pence(), areas_json(t)],
        )?;
        Ok(())
    }

    /// Removes the table of `year`; assessments made with it keep their points.
    pub fn remove_allocation_table(&mut self, year: FinancialYear) -> Result<()> {
        let n = self.conn.execute(
            "DELETE FROM allocation_tables WHERE year_start = ?1",
            [year.start_year()],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!(
                "There is no resource allocation table for {year}"
            )));
        }
        Ok(())
    }

    /// Records case `case_id`'s assessment on `on` (not after `today`) against the table of
    /// that day's financial year, one level (`choices`: area, level) in every area.
    pub fn record_assessment(
        &mut self,
        case_id: i64,
        on: NaiveDate,
        choices: &[(String, String)],
        today: NaiveDate,
    ) -> Result<i64> {
        if on > today {
            return Err(crate::field(
                "assessed_on",
                format!(
                    "{} is after today ({}): record an assessment once it is made",
                    on.format("%d/%m/%Y"),
                    today.format("%d/%m/%Y")
                ),
            ));
        }
        self.case(case_id)?;
        let year = FinancialYear::containing(on);
        let Some(table) = self.allocation_table(year)? else {
            return Err(crate::field(
                "assessed_on",
                format!(
                    "There is no resource allocation table for {year}: set one on the settings screen first"
                ),
            ));
        };
        let a = assess(&table, on, choices).map_err(StoreError::Field)?;
        self.conn.execute(
            "INSERT INTO assessments (case_id, assessed_on, year_start, per_point_pence, scores)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                case_id,
                on.to_string(),
                a.year.start_year(),
                a.per_point.pence(),
                scores_json(&a)
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Case `case_id`'s assessments, latest first.
    pub fn assessments(&self, case_id: i64) -> Result<Vec<AssessmentEntry>> {
        assessments_in(&self.conn, case_id)
    }

    /// The indicative budget beside placement `placement_id` of case `case_id` for a
    /// decision on `decided_on`: the case's latest assessment made on or before that day,
    /// and the package's weekly cost on the later of that day and the placement's start.
    /// None without a placement or an assessment.
    pub fn indicative_for(
        &self,
        case_id: i64,
        placement_id: Option<i64>,
        decided_on: NaiveDate,
    ) -> Result<Option<Indicative>> {
        let Some(placement_id) = placement_id else {
            return Ok(None);
        };
        let Some(a) = self
            .assessments(case_id)?
            .into_iter()
            .find(|a| a.assessment.assessed_on <= decided_on)
        else {
            return Ok(None);
        };
        let (_, entry) = self.placement(placement_id)?;
        let p = &entry.record.placement;
        let package = p.weekly_equivalent(decided_on.max(p.start));
        Ok(Some(Indicative::of(&a.assessment, package)))
    }

    /// The indicative budget of decision `id`: as kept when it was finalised, or for a draft
    /// as it stands now.
    pub fn decision_indicative(&self, id: i64) -> Result<Option<Indicative>> {
        let record = self.decision(id)?;
        if record.status == DecisionStatus::Final {
            return self.kept_indicative(id);
        }
        self.indicative_for(record.case_id, record.placement_id, record.decided_on)
    }

    /// The indicative budget kept with final decision `id`.
    pub(crate) fn kept_indicative(&self, id: i64) -> Result<Option<Indicative>> {
        let row = self
            .conn
            .query_row(
                "SELECT assessed_on, year_start, points, per_point_pence, budget_pence, package_pence
                 FROM decision_indicatives WHERE decision_id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i32>(1)?,
                        r.get::<_, u32>(2)?,
                        r.get::<_, i64>(3)?,
                        r.get::<_, i64>(4)?,
                        r.get::<_, i64>(5)?,
                    ))
                },
            )
            .optional()?;
        row.map(|(on, y, points, per, budget, package)| {
            Ok(Indicative {
                assessed_on: crate::date_col(&on)?,
                year: year_of(y)?,
                points,
                per_point: Money::from_pence(per),
                budget: Money::from_pence(budget),
                package: Money::from_pence(package),
            })
        })
        .transpose()
    }
}

/// Keeps `i` with final decision `id` (inside the caller's transaction).
pub(crate) fn keep_indicative(conn: &rusqlite::Connection, id: i64, i: &Indicative) -> Result<()> {
    conn.execute(
        "INSERT INTO decision_indicatives (decision_id, assessed_on, year_start, points,
                                           per_point_pence, budget_pence, package_pence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            i.assessed_on.to_string(),
            i.year.start_year(),
            i.points,
            i.per_point.pence(),
            i.budget.pence(),
            i.package.pence()
        ],
    )?;
    Ok(())
}

/// Case `case_id`'s assessments, latest first.
pub(crate) fn assessments_in(
    conn: &rusqlite::Connection,
    case_id: i64,
) -> Result<Vec<AssessmentEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, assessed_on, year_start, per_point_pence, scores FROM assessments
             WHERE case_id = ?1 ORDER BY assessed_on DESC, id DESC",
    )?;
    let rows = stmt
        .query_map([case_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i32>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, on, y, p, scores)| {
            Ok(AssessmentEntry {
                id,
                assessment: Assessment {
                    assessed_on: crate::date_col(&on)?,
                    year: year_of(y)?,
                    per_point: Money::from_pence(p),
                    scores: read_scores(&scores)?,
                },
            })
        })
        .collect()
}
