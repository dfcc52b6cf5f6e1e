//! What an auditor would ask about (rule 20), the administrators' use cases: the exceptions
//! as of a day in groups by kind, each with the case or meeting it is about; the list as CSV;
//! an overdue action marked done. The screen's model is built here for every door.

use chrono::NaiveDate;
use panel_core::exceptions::{ExceptionEntry, exceptions_csv};
use panel_core::field::parse_date_input;
use panel_core::ports::{CasesStore, DecisionsStore, Error, Result};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::to_id;

/// One exception, for the screen.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ExceptionRow {
    /// Its kind's code, e.g. `review_overdue`.
    pub kind: String,
    /// The case's reference and initials, e.g. `CN-0001 (A.B.)`, when it is about one.
    pub case: Option<String>,
    /// The case, by id, to open it.
    pub case_id: Option<i32>,
    /// The year, when it is about one.
    pub year: Option<String>,
    /// The decision's number, when it is about one.
    pub decision: Option<String>,
    /// The meeting, by id, and its date (ISO), when it is about one.
    pub meeting: Option<(i32, String)>,
    /// The action's place in its decision (from 1), when it is about one.
    pub action: Option<u32>,
    /// What is wrong.
    pub detail: String,
}

/// The exceptions of one kind.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ExceptionGroup {
    /// The kind's code.
    pub kind: String,
    /// The kind in words.
    pub label: String,
    /// Whether the panel itself has to take these up.
    pub for_the_panel: bool,
    /// The exceptions.
    pub rows: Vec<ExceptionRow>,
}

/// The exceptions as of a day, by kind (every kind, found or not).
#[derive(Clone, Debug, Serialize, Type)]
pub struct ExceptionsDto {
    /// The day (ISO).
    pub as_of: String,
    /// How many in all.
    pub count: u32,
    /// By kind, in order.
    pub groups: Vec<ExceptionGroup>,
}

/// An action recorded as done, as typed.
#[derive(Clone, Debug, Deserialize, Type)]
pub struct ActionDoneInput {
    /// The decision's number.
    pub decision: String,
    /// The action's place in it, from 1.
    pub action: u32,
    /// The day it was done, dd/mm/yyyy.
    pub on: String,
    /// What was done.
    pub note: String,
}

/// A day as typed for the list, refused at the field `as_of`.
pub fn as_of(text: &str) -> Result<NaiveDate> {
    parse_date_input("as_of", "As of", text).map_err(Error::field)
}

/// The exceptions as of `day`, as the core finds them (the command and the printed list use
/// them as they are).
pub fn list(s: &(impl CasesStore + ?Sized), day: NaiveDate) -> Result<Vec<ExceptionEntry>> {
    s.exceptions(day)
}

/// The exceptions as of `day` as CSV: a row each.
pub fn csv(s: &(impl CasesStore + ?Sized), day: NaiveDate) -> Result<String> {
    Ok(exceptions_csv(day, &s.exceptions(day)?))
}

/// The exceptions screen as of a day as typed: every kind, with the exceptions of each.
pub fn screen(s: &(impl CasesStore + ?Sized), as_of_text: &str) -> Result<ExceptionsDto> {
    let day = as_of(as_of_text)?;
    let found = s.exceptions(day)?;
    let groups = panel_core::model::ExceptionKind::ALL
        .iter()
        .map(|kind| {
            Ok(ExceptionGroup {
                kind: kind.code().to_string(),
                label: kind.label().to_string(),
                for_the_panel: kind.needs_the_panel(),
                rows: found
                    .iter()
                    .filter(|e| e.kind == *kind)
                    .map(|e| {
                        Ok(ExceptionRow {
                            kind: e.kind.code().to_string(),
                            case: e.case.as_ref().map(|(r, i)| format!("{r} ({i})")),
                            case_id: e.case_id.map(to_id).transpose()?,
                            year: e.year.map(|y| y.to_string()),
                            decision: e.decision.clone(),
                            meeting: e
                                .meeting
                                .map(|(id, on)| Ok::<_, Error>((to_id(id)?, on.to_string())))
                                .transpose()?,
                            action: e.action.and_then(|a| u32::try_from(a).ok()),
                            detail: e.detail.clone(),
                        })
                    })
                    .collect::<Result<_>>()?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(ExceptionsDto {
        as_of: day.to_string(),
        count: u32::try_from(found.len()).unwrap_or(u32::MAX),
        groups,
    })
}

/// Marks an action done as typed, not after `today`.
pub fn complete_action(
    s: &mut (impl DecisionsStore + ?Sized),
    input: &ActionDoneInput,
    today: NaiveDate,
) -> Result<()> {
    let on = parse_date_input("on", "Done on", &input.on).map_err(Error::field)?;
    s.complete_action(
        &input.decision,
        input.action as usize,
        on,
        &input.note,
        today,
    )
}

/// Marks action `action` (from 1) of the final decision `number` done on `on` (not after
/// `today`), with a note: the command's door, its values already read.
pub fn mark_done(
    s: &mut (impl DecisionsStore + ?Sized),
    number: &str,
    action: usize,
    on: NaiveDate,
    note: &str,
    today: NaiveDate,
) -> Result<()> {
    s.complete_action(number, action, on, note, today)
}
