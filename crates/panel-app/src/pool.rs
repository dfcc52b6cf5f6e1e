//! A pooled year's contributions, the finance officers' use cases (rule 7): each partner's
//! contribution, what was called from it and what it paid in, with every call and receipt;
//! recording one. The screen's model is built here for every door.

use chrono::NaiveDate;
use panel_core::FinancialYear;
use panel_core::field::{FieldError, parse_date_input};
use panel_core::model::PoolKind;
use panel_core::pool::{NewPoolEntry, PoolEntry, PoolPosition};
use panel_core::ports::{Error, MoneyStore, Result, SettingsStore};
use serde::{Deserialize, Serialize};
use specta::Type;

/// A partner's contribution to a pooled year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Type)]
pub struct ContributionRow {
    /// The partner's code.
    pub partner: String,
    /// Its name.
    pub name: String,
    /// Its contribution, as the agreement gives it.
    pub agreed: String,
    /// Called so far.
    pub called: String,
    /// Paid in so far.
    pub paid_in: String,
    /// Still to call.
    pub to_call: String,
    /// Called and not yet paid in.
    pub outstanding: String,
}

/// A call or a receipt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Type)]
pub struct ContributionEntry {
    /// The partner's code.
    pub partner: String,
    /// "Called" or "Received".
    pub kind: String,
    /// The day (ISO).
    pub on: String,
    /// How much.
    pub amount: String,
    /// The invoice's or remittance's reference.
    pub reference: String,
}

/// A pooled year's contributions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Type)]
pub struct ContributionsDto {
    /// The year, e.g. `2026/27`; blank when no year has an agreement.
    pub year: String,
    /// The years with a pooled budget agreement, newest first.
    pub years: Vec<String>,
    /// A row a partner.
    pub partners: Vec<ContributionRow>,
    /// Every call and receipt of the year, by day.
    pub entries: Vec<ContributionEntry>,
    /// After recording one, what was recorded, in a sentence.
    pub recorded: Option<String>,
}

/// A call or receipt as typed.
#[derive(Clone, Debug, Deserialize, Type)]
pub struct ContributionInput {
    /// The partner's code.
    pub partner: String,
    /// The pooled year, e.g. `2026/27`.
    pub year: String,
    /// True for a call, false for money paid in.
    pub call: bool,
    /// The day, dd/mm/yyyy.
    pub on: String,
    /// How much.
    pub amount: String,
    /// The invoice's or remittance's reference.
    pub reference: String,
}

/// The contributions screen for `year` (none: this year if pooled, else the latest), as of
/// `today`.
pub fn screen(
    s: &(impl SettingsStore + MoneyStore + ?Sized),
    year: Option<FinancialYear>,
    today: NaiveDate,
) -> Result<ContributionsDto> {
    let mut years: Vec<FinancialYear> = s.agreements()?.into_iter().map(|a| a.year).collect();
    years.sort_by_key(|y| std::cmp::Reverse(y.start_year()));
    let current = FinancialYear::containing(today);
    let Some(year) = year.or_else(|| {
        years
            .iter()
            .copied()
            .find(|y| *y == current)
            .or(years.first().copied())
    }) else {
        return Ok(ContributionsDto {
            year: String::new(),
            years: Vec::new(),
            partners: Vec::new(),
            entries: Vec::new(),
            recorded: None,
        });
    };
    let position = s.pool_position(year, today)?;
    Ok(ContributionsDto {
        year: year.to_string(),
        years: years.iter().map(|y| y.to_string()).collect(),
        partners: position
            .into_iter()
            .map(|p| ContributionRow {
                to_call: (p.agreed - p.called).to_string(),
                outstanding: (p.called - p.received).to_string(),
                partner: p.partner,
                name: p.name,
                agreed: p.agreed.to_string(),
                called: p.called.to_string(),
                paid_in: p.received.to_string(),
            })
            .collect(),
        entries: s
            .pool_entries(Some(year))?
            .into_iter()
            .map(|e| ContributionEntry {
                partner: e.partner,
                kind: e.kind.label().to_string(),
                on: e.on.to_string(),
                amount: e.amount.to_string(),
                reference: e.reference,
            })
            .collect(),
        recorded: None,
    })
}

/// A pooled year as typed, refused at the field `year`.
pub fn parse_year(year: &str) -> Result<FinancialYear> {
    year.parse::<FinancialYear>()
        .map_err(|e| Error::field(FieldError::labelled("year", "Year", e.to_string())))
}

/// The contributions screen for a year as typed (none: the default year).
pub fn screen_for(
    s: &(impl SettingsStore + MoneyStore + ?Sized),
    year: Option<&str>,
    today: NaiveDate,
) -> Result<ContributionsDto> {
    let year = year.map(parse_year).transpose()?;
    screen(s, year, today)
}

/// Records a call or receipt as parsed, on `today`: the partner's position after it.
pub fn record(
    s: &mut (impl MoneyStore + ?Sized),
    e: &NewPoolEntry,
    today: NaiveDate,
) -> Result<PoolPosition> {
    s.record_pool_entry(e, today)
}

/// Records a call or receipt as typed, on `today`, every field checked; the year's screen
/// after it, saying what was recorded.
pub fn record_typed(
    s: &mut (impl SettingsStore + MoneyStore + ?Sized),
    input: &ContributionInput,
    today: NaiveDate,
) -> Result<ContributionsDto> {
    let year = parse_year(&input.year);
    let on = parse_date_input("on", "On", &input.on).map_err(Error::field);
    let amount = panel_core::Money::parse("Amount", &input.amount)
        .map_err(|e| Error::field(FieldError::labelled("amount", "Amount", e.problem())));
    let (year, on, amount) = match (year, on, amount) {
        (Ok(y), Ok(on), Ok(a)) => (y, on, a),
        (y, on, a) => {
            let fields = [y.err(), on.err(), a.err()]
                .into_iter()
                .flatten()
                .flat_map(|e| match e {
                    Error::Field(f) => f,
                    _ => Vec::new(),
                })
                .collect();
            return Err(Error::Field(fields));
        }
    };
    let kind = if input.call {
        PoolKind::Call
    } else {
        PoolKind::Receipt
    };
    let after = record(
        s,
        &NewPoolEntry {
            partner: input.partner.clone(),
            year,
            kind,
            on,
            amount,
            reference: input.reference.clone(),
        },
        today,
    )?;
    let mut dto = screen(s, Some(year), today)?;
    dto.recorded = Some(after.recorded(kind, amount, on, year));
    Ok(dto)
}

/// Each partner's position in `year` as of `as_of`, and every call and receipt of it (the
/// command prints them its own way).
pub fn position(
    s: &(impl MoneyStore + ?Sized),
    year: FinancialYear,
    as_of: NaiveDate,
) -> Result<(Vec<PoolPosition>, Vec<PoolEntry>)> {
    Ok((s.pool_position(year, as_of)?, s.pool_entries(Some(year))?))
}
