//! The SQLite store behind the ports of `panel_core::ports`: each port method is the store's
//! own method of the same name, its error told in the ports' terms (SQLite's own words kept
//! for what no rule explains).

use chrono::NaiveDate;
use panel_core::exceptions::ExceptionEntry;
use panel_core::impact::YearImpact;
use panel_core::model::{FinanceSettings, Outcome, Settings};
use panel_core::pool::{NewPoolEntry, PoolEntry, PoolPosition};
use panel_core::ports::{self, CasesStore, DecisionsStore, MoneyStore, SettingsStore};
use panel_core::ras::{AllocationTable, AssessmentEntry, Indicative};
use panel_core::sheet::Table;
use panel_core::sheet_import::{Existing, Mapping, SheetImported};
use panel_core::statement::{DisputeEntry, NewDispute};
use panel_core::year::FinancialYear;
use panel_core::{Agreement, Partner};

use crate::{Store, StoreError};

impl From<StoreError> for ports::Error {
    fn from(e: StoreError) -> ports::Error {
        match e {
            StoreError::Field(f) => ports::Error::Field(f),
            StoreError::NotFound(m) => ports::Error::NotFound(m),
            StoreError::Invalid(lines) => ports::Error::Invalid(lines),
            StoreError::Refused(m) => ports::Error::Refused(m),
            StoreError::Busy => ports::Error::Busy,
            StoreError::Sqlite(e) => {
                ports::Error::Storage(format!("The database refused the change: {e}"))
            }
            other => ports::Error::Storage(other.to_string()),
        }
    }
}

impl SettingsStore for Store {
    fn settings(&self) -> ports::Result<Settings> {
        Ok(Store::settings(self)?)
    }

    fn save_settings(&mut self, s: &Settings) -> ports::Result<()> {
        Ok(Store::save_settings(self, s)?)
    }

    fn finance_settings(&self) -> ports::Result<FinanceSettings> {
        Ok(Store::finance_settings(self)?)
    }

    fn save_finance_settings(&mut self, f: &FinanceSettings) -> ports::Result<()> {
        Ok(Store::save_finance_settings(self, f)?)
    }

    fn partners(&self) -> ports::Result<Vec<Partner>> {
        Ok(Store::partners(self)?)
    }

    fn add_partner(&mut self, p: &Partner) -> ports::Result<()> {
        Ok(Store::add_partner(self, p)?)
    }

    fn rename_partner(&mut self, code: &str, name: &str) -> ports::Result<()> {
        Ok(Store::rename_partner(self, code, name)?)
    }

    fn set_partner_aliases(&mut self, code: &str, typed: &[String]) -> ports::Result<Vec<String>> {
        Ok(Store::set_partner_aliases(self, code, typed)?)
    }

    fn agreements(&self) -> ports::Result<Vec<Agreement>> {
        Ok(Store::agreements(self)?)
    }

    fn save_agreement(&mut self, a: &Agreement) -> ports::Result<()> {
        Ok(Store::save_agreement(self, a)?)
    }

    fn allocation_tables(&self) -> ports::Result<Vec<AllocationTable>> {
        Ok(Store::allocation_tables(self)?)
    }

    fn allocation_table(&self, year: FinancialYear) -> ports::Result<Option<AllocationTable>> {
        Ok(Store::allocation_table(self, year)?)
    }

    fn save_allocation_table(&mut self, t: &AllocationTable) -> ports::Result<()> {
        Ok(Store::save_allocation_table(self, t)?)
    }

    fn remove_allocation_table(&mut self, year: FinancialYear) -> ports::Result<()> {
        Ok(Store::remove_allocation_table(self, year)?)
    }
}

impl CasesStore for Store {
    fn recorded_for_import(&self) -> ports::Result<Existing> {
        Ok(Store::recorded_for_import(self)?)
    }

    fn import_sheet(
        &mut self,
        table: &Table,
        mapping: &Mapping,
        today: NaiveDate,
    ) -> ports::Result<SheetImported> {
        Ok(Store::import_sheet(self, table, mapping, today)?)
    }

    fn case_of_placement(&self, placement_id: i64) -> ports::Result<i64> {
        Ok(Store::placement(self, placement_id)?.0)
    }

    fn exceptions(&self, as_of: NaiveDate) -> ports::Result<Vec<ExceptionEntry>> {
        Ok(Store::exceptions(self, as_of)?)
    }

    fn assessments(&self, case_id: i64) -> ports::Result<Vec<AssessmentEntry>> {
        Ok(Store::assessments(self, case_id)?)
    }

    fn record_assessment(
        &mut self,
        case_id: i64,
        on: NaiveDate,
        choices: &[(String, String)],
        today: NaiveDate,
    ) -> ports::Result<i64> {
        Ok(Store::record_assessment(self, case_id, on, choices, today)?)
    }

    fn indicative_for(
        &self,
        case_id: i64,
        placement_id: Option<i64>,
        on: NaiveDate,
    ) -> ports::Result<Option<Indicative>> {
        Ok(Store::indicative_for(self, case_id, placement_id, on)?)
    }
}

impl MoneyStore for Store {
    fn disputes(&self, as_of: NaiveDate) -> ports::Result<Vec<DisputeEntry>> {
        Ok(Store::disputes(self, as_of)?)
    }

    fn raise_dispute(
        &mut self,
        statement: &str,
        line: u32,
        d: &NewDispute,
        today: NaiveDate,
    ) -> ports::Result<DisputeEntry> {
        Ok(Store::raise_dispute(self, statement, line, d, today)?)
    }

    fn withdraw_dispute(
        &mut self,
        number: &str,
        note: &str,
        today: NaiveDate,
    ) -> ports::Result<DisputeEntry> {
        Ok(Store::withdraw_dispute(self, number, note, today)?)
    }

    fn bring_dispute_to_panel(&mut self, number: &str, meeting_id: i64) -> ports::Result<i64> {
        Ok(Store::bring_dispute_to_panel(self, number, meeting_id)?)
    }

    fn record_pool_entry(
        &mut self,
        e: &NewPoolEntry,
        today: NaiveDate,
    ) -> ports::Result<PoolPosition> {
        Ok(Store::record_pool_entry(
            self,
            &e.partner,
            e.year,
            e.kind,
            e.on,
            e.amount,
            &e.reference,
            today,
        )?)
    }

    fn pool_position(
        &self,
        year: FinancialYear,
        as_of: NaiveDate,
    ) -> ports::Result<Vec<PoolPosition>> {
        Ok(Store::pool_position(self, year, as_of)?)
    }

    fn pool_entries(&self, year: Option<FinancialYear>) -> ports::Result<Vec<PoolEntry>> {
        Ok(Store::pool_entries(self, year)?)
    }
}

impl DecisionsStore for Store {
    fn complete_action(
        &mut self,
        number: &str,
        action: usize,
        on: NaiveDate,
        note: &str,
        today: NaiveDate,
    ) -> ports::Result<()> {
        Ok(Store::complete_action(
            self, number, action, on, note, today,
        )?)
    }

    fn decision_indicative(&self, decision_id: i64) -> ports::Result<Option<Indicative>> {
        Ok(Store::decision_indicative(self, decision_id)?)
    }

    fn decision_impact(&self, decision_id: i64) -> ports::Result<Vec<YearImpact>> {
        Ok(Store::decision_impact(self, decision_id)?)
    }

    fn impact_for(
        &self,
        placement_id: Option<i64>,
        decided_on: NaiveDate,
        outcome: Outcome,
    ) -> ports::Result<Vec<YearImpact>> {
        Ok(Store::impact_for(self, placement_id, decided_on, outcome)?)
    }
}
