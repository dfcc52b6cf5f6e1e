//! The pooled budget's money between partners (rule 7): each partner's contribution to a
//! pooled year, what was called from it and what it paid in, and every call and receipt.

use chrono::NaiveDate;

use crate::model::PoolKind;
use crate::money::Money;
use crate::year::FinancialYear;

/// A contribution called or received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolEntry {
    /// The partner's code.
    pub partner: String,
    /// The pooled year.
    pub year: FinancialYear,
    /// Called or received.
    pub kind: PoolKind,
    /// The day.
    pub on: NaiveDate,
    /// How much.
    pub amount: Money,
    /// The invoice's or the remittance's reference.
    pub reference: String,
}

/// Where a partner's contribution for a pooled year stands on a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolPosition {
    /// The partner's code.
    pub partner: String,
    /// Its name.
    pub name: String,
    /// The contribution the agreement gives.
    pub agreed: Money,
    /// Called by the day.
    pub called: Money,
    /// Received by the day.
    pub received: Money,
}

impl PoolPosition {
    /// What recording `amount` of `kind` on `on` for `year` did, in a sentence, this being the
    /// position after it.
    pub fn recorded(
        &self,
        kind: PoolKind,
        amount: Money,
        on: NaiveDate,
        year: FinancialYear,
    ) -> String {
        format!(
            "Recorded {amount} {} {} on {} for {year}: {} called of {}, {} paid in.",
            match kind {
                PoolKind::Call => "called from",
                PoolKind::Receipt => "paid in by",
            },
            self.name,
            on.format("%d/%m/%Y"),
            self.called,
            self.agreed,
            self.received
        )
    }
}

/// A call or receipt to record, as typed and parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPoolEntry {
    /// The partner's code.
    pub partner: String,
    /// The pooled year.
    pub year: FinancialYear,
    /// Called or received.
    pub kind: PoolKind,
    /// The day.
    pub on: NaiveDate,
    /// How much.
    pub amount: Money,
    /// The invoice's or the remittance's reference.
    pub reference: String,
}
