//! Disputes between partners (rule 18), the finance officers' use cases: a line of an issued
//! statement (or its placement's split) disputed, the register as of a day, a dispute withdrawn
//! or brought to a meeting, and the register as CSV. The screen's rows are built here.

use chrono::NaiveDate;
use panel_core::model::{DisputeReason, DisputeScope, DisputeStatus};
use panel_core::ports::{Error, MoneyStore, Result};
use panel_core::statement::{DisputeEntry, disputes_csv, new_dispute};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::to_id;

/// A dispute as typed against a line of an issued statement.
#[derive(Clone, Debug, Deserialize, Type)]
pub struct DisputeInput {
    /// The statement's number.
    pub statement: String,
    /// The line, from 1.
    pub line: u32,
    /// `line` or `split`.
    pub scope: String,
    /// The reason's code.
    pub reason: String,
    /// What the partner says.
    pub note: String,
}

/// A dispute on the register, for the screen.
#[derive(Clone, Debug, Serialize, Type)]
pub struct DisputeRow {
    /// Its number, e.g. `DSP/26-27/001`.
    pub number: String,
    /// The partner's code.
    pub partner: String,
    /// Its name.
    pub partner_name: String,
    /// The statement disputed.
    pub statement: String,
    /// The line, from 1.
    pub line: u32,
    /// The line or the placement's split.
    pub scope: DisputeScope,
    /// The case, by id.
    pub case_id: i32,
    /// Its reference.
    pub case_reference: String,
    /// The child's initials.
    pub initials: String,
    /// The provider.
    pub provider: String,
    /// Why.
    pub reason: DisputeReason,
    /// Why, in words.
    pub reason_label: String,
    /// What the partner said.
    pub note: String,
    /// Raised (ISO).
    pub raised_on: String,
    /// What it holds as disputed.
    pub amount: String,
    /// Where it stands.
    pub status: DisputeStatus,
    /// Days open (to the day it closed).
    pub age_days: i32,
    /// The day after which it is escalated (ISO).
    pub escalation_date: String,
    /// Open past that day.
    pub escalated: bool,
    /// The meeting whose agenda brings it: its id and date (ISO).
    pub meeting: Option<(i32, String)>,
    /// Closed (ISO).
    pub closed_on: Option<String>,
    /// The decision that resolved it.
    pub decision: Option<String>,
    /// What was said on closing it.
    pub closing_note: String,
}

/// A dispute as the screen shows it.
pub fn row(d: DisputeEntry) -> Result<DisputeRow> {
    Ok(DisputeRow {
        case_id: to_id(d.case_id)?,
        reason_label: d.reason.label().to_string(),
        number: d.number,
        partner: d.partner,
        partner_name: d.partner_name,
        statement: d.statement,
        line: d.line,
        scope: d.scope,
        case_reference: d.case_reference,
        initials: d.initials,
        provider: d.provider,
        reason: d.reason,
        note: d.note,
        raised_on: d.raised_on.to_string(),
        amount: d.amount.to_string(),
        status: d.status,
        age_days: i32::try_from(d.age_days).unwrap_or(i32::MAX),
        escalation_date: d.escalation_date.to_string(),
        escalated: d.escalated,
        meeting: d
            .meeting
            .map(|(id, on)| Ok::<_, Error>((to_id(id)?, on.to_string())))
            .transpose()?,
        closed_on: d.closed_on.map(|c| c.to_string()),
        decision: d.decision,
        closing_note: d.closing_note,
    })
}

/// The register as of `today`, a row a dispute, for the screen.
pub fn list(store: &(impl MoneyStore + ?Sized), today: NaiveDate) -> Result<Vec<DisputeRow>> {
    store.disputes(today)?.into_iter().map(row).collect()
}

/// The register as of `as_of`, as the store keeps it (the command prints it its own way).
pub fn register(store: &(impl MoneyStore + ?Sized), as_of: NaiveDate) -> Result<Vec<DisputeEntry>> {
    store.disputes(as_of)
}

/// The register as of `as_of` as CSV: a row a dispute, money as plain decimals, dates ISO.
pub fn csv(store: &(impl MoneyStore + ?Sized), as_of: NaiveDate) -> Result<String> {
    Ok(disputes_csv(as_of, &store.disputes(as_of)?))
}

/// Raises a dispute as typed, on `today`: the scope, reason and note checked by the core's
/// rule, the line by the store's.
pub fn raise(
    store: &mut (impl MoneyStore + ?Sized),
    input: &DisputeInput,
    today: NaiveDate,
) -> Result<DisputeEntry> {
    let d = new_dispute(&input.scope, &input.reason, &input.note).map_err(Error::Field)?;
    store.raise_dispute(&input.statement, input.line, &d, today)
}

/// Raises a dispute as typed, on `today`, and returns its row for the screen.
pub fn raise_row(
    store: &mut (impl MoneyStore + ?Sized),
    input: &DisputeInput,
    today: NaiveDate,
) -> Result<DisputeRow> {
    row(raise(store, input, today)?)
}

/// The partner withdraws the open dispute `number` on `today`, saying why.
pub fn withdraw(
    store: &mut (impl MoneyStore + ?Sized),
    number: &str,
    note: &str,
    today: NaiveDate,
) -> Result<DisputeEntry> {
    store.withdraw_dispute(number, note, today)
}

/// Withdraws as [`withdraw`], and returns the dispute's row for the screen.
pub fn withdraw_row(
    store: &mut (impl MoneyStore + ?Sized),
    number: &str,
    note: &str,
    today: NaiveDate,
) -> Result<DisputeRow> {
    row(withdraw(store, number, note, today)?)
}

/// Brings the open dispute `number` to the meeting `meeting_id`; the agenda item's id.
pub fn bring(store: &mut (impl MoneyStore + ?Sized), number: &str, meeting_id: i64) -> Result<i64> {
    store.bring_dispute_to_panel(number, meeting_id)
}
