//! Placements imported from a spreadsheet: validated against what is recorded and written in
//! one transaction, or not at all.

use chrono::NaiveDate;
use panel_core::sheet::Table;
use panel_core::sheet_import::{Existing, ImportPlan, Mapping, SheetImported, plan_import};

use rusqlite::Connection;

use crate::case::{insert_case, insert_placement};
use crate::dataset::partners_in;
use crate::{Result, Store, StoreError, date_col};

impl Store {
    /// The cases and placements recorded, as a spreadsheet import checks its rows against.
    pub fn recorded_for_import(&self) -> Result<Existing> {
        existing_in(&self.conn)
    }

    /// Validates a sheet under a mapping against the database, changing nothing.
    pub fn plan_sheet_import(
        &self,
        table: &Table,
        mapping: &Mapping,
        today: NaiveDate,
    ) -> Result<ImportPlan> {
        Ok(plan_import(
            table,
            mapping,
            &self.partners()?,
            &existing_in(&self.conn)?,
            today,
        ))
    }

    /// Imports every row of a sheet, or nothing: the rows are validated again inside the
    /// transaction that writes them (so a sheet imported twice is refused the second time),
    /// and any problem refuses the whole import with the report, one problem a line.
    pub fn import_sheet(
        &mut self,
        table: &Table,
        mapping: &Mapping,
        today: NaiveDate,
    ) -> Result<SheetImported> {
        let partner_ids = self.partner_positions()?;
        let tx = self.conn.transaction()?;
        let plan = plan_import(
            table,
            mapping,
            &partners_in(&tx)?,
            &existing_in(&tx)?,
            today,
        );
        if !plan.is_ready() {
            let mut lines: Vec<String> = plan.problems.iter().map(ToString::to_string).collect();
            if lines.is_empty() {
                lines.push("There are no placements in the sheet to import".into());
            }
            return Err(StoreError::Invalid(lines));
        }
        for c in &plan.new_cases {
            insert_case(&tx, c)?;
        }
        for (reference, record) in &plan.placements {
            record.placement.validate(partner_ids.len()).map_err(|e| {
                StoreError::Invalid(vec![format!("{reference}: the placement {e}")])
            })?;
            let case_id: i64 = tx.query_row(
                "SELECT id FROM cases WHERE reference = ?1 COLLATE NOCASE",
                [reference],
                |r| r.get(0),
            )?;
            insert_placement(&tx, case_id, record, &partner_ids)?;
        }
        tx.commit()?;
        Ok(SheetImported {
            cases: plan.new_cases.len(),
            placements: plan.placements.len(),
            left_out: plan.left_out,
        })
    }
}

/// The cases and placements recorded, read through a connection or a transaction.
fn existing_in(conn: &Connection) -> Result<Existing> {
    let mut out = Existing::default();
    let mut stmt = conn.prepare_cached("SELECT reference, initials FROM cases")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        out.cases.insert(r.get(0)?, r.get(1)?);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT c.reference, lower(p.provider), p.start_date FROM placements p JOIN cases c ON c.id = p.case_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let start: String = r.get(2)?;
        out.placements
            .insert((r.get(0)?, r.get(1)?, date_col(&start)?));
    }
    Ok(out)
}
