//! The ports: what the use cases (`panel-app`) need of a store, one trait per aggregate, in
//! the domain's own types — no SQL, no database's types. The SQLite store implements them
//! today and a PostgreSQL store will; a use case written against a port works on either.
//!
//! The ports are synchronous. Every store behind them answers a request in milliseconds, the
//! desktop calls them from its commands' own threads, and a server calls them from a pool of
//! blocking threads (as `postgres` itself wraps `tokio-postgres`): an `async` port would put a
//! runtime into every caller for nothing the callers can use (see `docs/ARCHITECTURE.md`).
//!
//! Each port method is one transaction of the store's own: a method that checks what is
//! stored before it writes (a name another partner goes by) checks it inside that transaction.

use chrono::NaiveDate;

use crate::exceptions::ExceptionEntry;
use crate::field::FieldError;
use crate::impact::YearImpact;
use crate::model::{FinanceSettings, Outcome, Settings};
use crate::pool::{NewPoolEntry, PoolEntry, PoolPosition};
use crate::ras::{AllocationTable, AssessmentEntry, Indicative};
use crate::sheet::Table;
use crate::sheet_import::{Existing, Mapping, SheetImported};
use crate::spend::{Agreement, Partner};
use crate::statement::{DisputeEntry, NewDispute};
use crate::year::FinancialYear;

/// Why a store could not do what was asked, whichever store it is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Values a person entered that cannot be stored, each with its field.
    #[error("{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("; "))]
    Field(Vec<FieldError>),
    /// Something asked for that does not exist.
    #[error("{0}")]
    NotFound(String),
    /// Data that cannot be stored, one problem a line.
    #[error("{}", .0.join("\n"))]
    Invalid(Vec<String>),
    /// A protection of the store refused the change (a final decision, locked minutes, the
    /// audit trail); the sentence says which.
    #[error("{0}")]
    Refused(String),
    /// Another person or program held the data too long: nothing changed; try again.
    #[error(
        "the database is busy: another program (the panel command, or another copy of the app) is writing to it; nothing was changed, try again in a moment"
    )]
    Busy,
    /// The store failed in a way no rule explains (its own words).
    #[error("{0}")]
    Storage(String),
}

impl Error {
    /// A refusal of one field.
    pub fn field(e: FieldError) -> Error {
        Error::Field(vec![e])
    }
}

/// A result of a port.
pub type Result<T> = std::result::Result<T, Error>;

/// The panel's settings, its funding partners and each year's pooled-budget agreement.
pub trait SettingsStore {
    /// The panel's settings.
    fn settings(&self) -> Result<Settings>;
    /// Replaces the panel's settings.
    fn save_settings(&mut self, s: &Settings) -> Result<()>;
    /// The finance settings (rules 17–18).
    fn finance_settings(&self) -> Result<FinanceSettings>;
    /// Replaces the finance settings, refused when the lead partner has been stated to.
    fn save_finance_settings(&mut self, f: &FinanceSettings) -> Result<()>;
    /// The partners, in partner order, each with its other names.
    fn partners(&self) -> Result<Vec<Partner>>;
    /// Adds a partner after the others (existing splits give it 0%); refused when its code or
    /// name is another's.
    fn add_partner(&mut self, p: &Partner) -> Result<()>;
    /// Renames the partner `code`.
    fn rename_partner(&mut self, code: &str, name: &str) -> Result<()>;
    /// Sets the other names of the partner `code`, as typed, checked against every partner's
    /// names inside the store's transaction ([`crate::settings::partner_aliases_input`]);
    /// the names kept.
    fn set_partner_aliases(&mut self, code: &str, typed: &[String]) -> Result<Vec<String>>;
    /// Every agreement, by year.
    fn agreements(&self) -> Result<Vec<Agreement>>;
    /// Creates or replaces the agreement of its year.
    fn save_agreement(&mut self, a: &Agreement) -> Result<()>;
    /// Every resource allocation table, latest year first.
    fn allocation_tables(&self) -> Result<Vec<AllocationTable>>;
    /// The table of `year`, if it has one.
    fn allocation_table(&self, year: FinancialYear) -> Result<Option<AllocationTable>>;
    /// Sets the table of its year, replacing the one there was.
    fn save_allocation_table(&mut self, t: &AllocationTable) -> Result<()>;
    /// Removes the table of `year`; assessments made with it keep their points.
    fn remove_allocation_table(&mut self, year: FinancialYear) -> Result<()>;
}

/// The cases and their placements.
pub trait CasesStore {
    /// The cases (reference → initials) and placements (case, provider, start) recorded, as a
    /// spreadsheet import checks its rows against.
    fn recorded_for_import(&self) -> Result<Existing>;
    /// Imports every row of `table` under `mapping` as of `today`, or none: the rows checked
    /// again by [`crate::sheet_import::plan_import`] inside the transaction that writes them
    /// (a sheet imported twice is refused the second time, one problem a line).
    fn import_sheet(
        &mut self,
        table: &Table,
        mapping: &Mapping,
        today: NaiveDate,
    ) -> Result<SheetImported>;
    /// The case a placement belongs to.
    fn case_of_placement(&self, placement_id: i64) -> Result<i64>;
    /// Everything an auditor would ask about as of `as_of` (rule 20), by kind, case and
    /// placement, with the rows each is about.
    fn exceptions(&self, as_of: NaiveDate) -> Result<Vec<ExceptionEntry>>;
    /// A case's assessments, latest first.
    fn assessments(&self, case_id: i64) -> Result<Vec<AssessmentEntry>>;
    /// Records a case's assessment on `on` (not after `today`) against the table of that
    /// day's year, one level (area, level) in every area; its id.
    fn record_assessment(
        &mut self,
        case_id: i64,
        on: NaiveDate,
        choices: &[(String, String)],
        today: NaiveDate,
    ) -> Result<i64>;
    /// The indicative budget beside a placement (or the case) for a decision on `on`, from
    /// the case's latest assessment by then.
    fn indicative_for(
        &self,
        case_id: i64,
        placement_id: Option<i64>,
        on: NaiveDate,
    ) -> Result<Option<Indicative>>;
}

/// Decisions and the register.
pub trait DecisionsStore {
    /// Marks action `action` (from 1) of the final decision `number` done on `on` (not after
    /// `today`), with a note.
    fn complete_action(
        &mut self,
        number: &str,
        action: usize,
        on: NaiveDate,
        note: &str,
        today: NaiveDate,
    ) -> Result<()>;
    /// The indicative budget of a decision: as kept when finalised, or for a draft now.
    fn decision_indicative(&self, decision_id: i64) -> Result<Option<Indicative>>;
    /// What a decision does to the pool, for its year and the next: as kept when it was
    /// finalised, or for a draft now.
    fn decision_impact(&self, decision_id: i64) -> Result<Vec<YearImpact>>;
    /// What a decision with `outcome` on `decided_on` about a placement would do to the pool,
    /// from the placements on record now (none without a placement).
    fn impact_for(
        &self,
        placement_id: Option<i64>,
        decided_on: NaiveDate,
        outcome: Outcome,
    ) -> Result<Vec<YearImpact>>;
}

/// Money between partners: statements as issued, payments, disputes, the pool.
pub trait MoneyStore {
    /// Every dispute on the register (rule 18), where each stands as of `as_of`.
    fn disputes(&self, as_of: NaiveDate) -> Result<Vec<DisputeEntry>>;
    /// Raises `d` against line `line` (from 1) of the issued statement `statement` on `today`,
    /// refused when the line is not the partner's to dispute or is disputed already.
    fn raise_dispute(
        &mut self,
        statement: &str,
        line: u32,
        d: &NewDispute,
        today: NaiveDate,
    ) -> Result<DisputeEntry>;
    /// The partner withdraws the open dispute `number` on `today`, saying why.
    fn withdraw_dispute(
        &mut self,
        number: &str,
        note: &str,
        today: NaiveDate,
    ) -> Result<DisputeEntry>;
    /// Brings the open dispute `number` to the meeting `meeting_id` as an agenda item; the
    /// item's id.
    fn bring_dispute_to_panel(&mut self, number: &str, meeting_id: i64) -> Result<i64>;
    /// Records a contribution called from or paid in by a partner (rule 7), no later than
    /// `today`; refused for a year with no agreement, an unknown partner, nothing, a call beyond
    /// the contribution or a receipt beyond what was called. The partner's position after it.
    fn record_pool_entry(&mut self, e: &NewPoolEntry, today: NaiveDate) -> Result<PoolPosition>;
    /// Each partner's contribution to `year`, and what was called and paid in by `as_of`.
    fn pool_position(&self, year: FinancialYear, as_of: NaiveDate) -> Result<Vec<PoolPosition>>;
    /// Every call and receipt, of `year` or of every year.
    fn pool_entries(&self, year: Option<FinancialYear>) -> Result<Vec<PoolEntry>>;
}
