//! What an auditor would ask about as of a day (rule 20), from the whole database, with the
//! case, placement and meeting each exception is about, by their rows, to open them.

use std::collections::HashMap;

use chrono::NaiveDate;
use panel_core::exceptions::exceptions;

use crate::{Result, Store};

pub use panel_core::exceptions::{ExceptionEntry, exceptions_csv};

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
