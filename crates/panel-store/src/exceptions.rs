//! What an auditor would ask about as of a day (rule 20), from the whole database, with the
//! case, placement and meeting each exception is about, by their rows, to open them.

use std::collections::HashMap;

use chrono::NaiveDate;
use panel_core::exceptions::exceptions;
use panel_core::model::ExceptionKind;
use panel_core::year::FinancialYear;

use crate::{Result, Store};

/// One exception, with the rows it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    /// What kind.
    pub kind: ExceptionKind,
    /// The case's reference and initials, when it is about one.
    pub case: Option<(String, String)>,
    /// The case's row id.
    pub case_id: Option<i64>,
    /// The year, when it is about one.
    pub year: Option<FinancialYear>,
    /// The placement's place in its case (from 0), when it is about one.
    pub placement: Option<usize>,
    /// The placement's provider.
    pub provider: Option<String>,
    /// The decision's number, when it is about one.
    pub decision: Option<String>,
    /// The meeting's row id and date, when it is about one.
    pub meeting: Option<(i64, NaiveDate)>,
    /// The action's place in its decision (from 1), when it is about one.
    pub action: Option<usize>,
    /// What is wrong.
    pub detail: String,
}

impl Store {
    /// Everything an auditor would ask about as of `as_of`, by kind, case and placement.
    pub fn exceptions(&self, as_of: NaiveDate) -> Result<Vec<ExceptionEntry>> {
        let data = self.export()?;
        let case_ids: HashMap<String, i64> = self
            .conn
            .prepare_cached("SELECT reference, id FROM cases")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let meeting_ids: HashMap<String, i64> = self
            .conn
            .prepare_cached("SELECT date, id FROM meetings")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(exceptions(&data, as_of)
            .into_iter()
            .map(|e| {
                let case = e.case.and_then(|c| data.cases.get(c));
                ExceptionEntry {
                    kind: e.kind,
                    case: case.map(|c| (c.reference.clone(), c.initials.clone())),
                    case_id: case.and_then(|c| case_ids.get(&c.reference).copied()),
                    year: e.year,
                    placement: e.placement,
                    provider: case
                        .zip(e.placement)
                        .and_then(|(c, p)| c.placements.get(p))
                        .map(|p| p.provider.clone()),
                    decision: e
                        .decision
                        .and_then(|i| data.decisions.get(i))
                        .and_then(|d| d.number.as_ref())
                        .map(ToString::to_string),
                    meeting: e
                        .meeting
                        .and_then(|m| data.meetings.get(m))
                        .and_then(|m| meeting_ids.get(&m.date.to_string()).map(|id| (*id, m.date))),
                    action: e.action.map(|k| k + 1),
                    detail: e.detail,
                }
            })
            .collect())
    }
}

/// The exceptions as CSV: a row each, with the day they are as of.
pub fn exceptions_csv(as_of: NaiveDate, list: &[ExceptionEntry]) -> String {
    use panel_core::ledger::{csv_row, csv_text};
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "as_of",
            "kind",
            "case",
            "year",
            "placement",
            "decision",
            "detail",
        ]
        .map(String::from),
    );
    for e in list {
        csv_row(
            &mut out,
            &[
                as_of.to_string(),
                e.kind.code().to_string(),
                csv_text(e.case.as_ref().map_or("", |c| c.0.as_str())),
                e.year.map(|y| y.to_string()).unwrap_or_default(),
                e.placement.map(|p| p.to_string()).unwrap_or_default(),
                csv_text(e.decision.as_deref().unwrap_or_default()),
                csv_text(&e.detail),
            ],
        );
    }
    out
}
