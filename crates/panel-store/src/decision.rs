//! Finalising decisions: numbering without gaps or duplicates (rule 8), then locked (rule 9).

use panel_core::FinancialYear;
use panel_core::model::DecisionNumber;
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use crate::{Result, Store, StoreError, date_col};

impl Store {
    /// Finalises the draft decision `id`: gives it the next number of the financial year of
    /// its date and locks it. The number is taken and written in one immediate transaction,
    /// so two finalisations can never take the same number.
    pub fn finalise_decision(&mut self, id: i64) -> Result<DecisionNumber> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found: Option<(String, String, Option<String>)> = tx
            .query_row(
                "SELECT status, decided_on, number FROM decisions WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((status, decided_on, number)) = found else {
            return Err(StoreError::Invalid(vec![format!(
                "decision {id}: there is no such decision"
            )]));
        };
        if status == "final" {
            return Err(StoreError::Invalid(vec![format!(
                "decision {}: it is already final and cannot change; record an amending decision instead",
                number.unwrap_or_default()
            )]));
        }
        let year = FinancialYear::containing(date_col(&decided_on)?);
        let prefix: String = tx.query_row(
            "SELECT decision_prefix FROM settings WHERE id = 1",
            [],
            |r| r.get(0),
        )?;
        let last: u32 = tx.query_row(
            "SELECT coalesce(max(seq), 0) FROM decisions WHERE year_start = ?1",
            [year.start_year()],
            |r| r.get(0),
        )?;
        let number = DecisionNumber {
            prefix,
            year,
            seq: last + 1,
        };
        tx.execute(
            "UPDATE decisions SET status = 'final', number = ?1, year_start = ?2, seq = ?3 WHERE id = ?4",
            params![number.to_string(), year.start_year(), number.seq, id],
        )?;
        tx.commit()?;
        Ok(number)
    }
}
