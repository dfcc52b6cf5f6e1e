//! The whole record as the application keeps it and the interchange file carries it: the
//! settings, partners and agreements, the cases, meetings and decisions, and the money
//! between partners (statements as issued, disputes, the pool) and the indicative budgets.
//! Built on the domain's types (`model`, `ras`, `statement`); nothing here is a rule.

use chrono::NaiveDate;

use crate::model::*;
use crate::spend::{Agreement, Partner};
use crate::year::FinancialYear;

/// Everything the application stores, as the interchange format carries it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Dataset {
    /// Settings; `None` keeps what the database has.
    pub settings: Option<Settings>,
    /// Finance settings; `None` keeps what the database has.
    pub finance: Option<FinanceSettings>,
    /// Partners, in partner order.
    pub partners: Vec<Partner>,
    /// Pooled-budget agreements.
    pub agreements: Vec<Agreement>,
    /// Cases.
    pub cases: Vec<Case>,
    /// Meetings.
    pub meetings: Vec<Meeting>,
    /// Decisions.
    pub decisions: Vec<Decision>,
    /// Partner statements as issued (rule 17).
    pub statements: Vec<IssuedStatementRecord>,
    /// Disputes between partners (rule 18).
    pub disputes: Vec<DisputeRecord>,
    /// Contributions called and paid in, pooled year by pooled year (rule 7).
    pub pool: Vec<PoolRecord>,
    /// The resource allocation tables, a financial year each.
    pub allocation_tables: Vec<crate::ras::AllocationTable>,
    /// The cases' assessments against them.
    pub assessments: Vec<AssessmentRecord>,
}

/// A case's assessment for its indicative budget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssessmentRecord {
    /// Index into `Dataset::cases`.
    pub case: usize,
    /// The assessment.
    pub assessment: crate::ras::Assessment,
}

/// A contribution called from or paid in by a partner for a pooled year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolRecord {
    /// The partner's index among the partners.
    pub partner: usize,
    /// The pooled year.
    pub year: FinancialYear,
    /// Called or paid in.
    pub kind: PoolKind,
    /// The day.
    pub on: NaiveDate,
    /// How much, above nothing.
    pub amount: crate::money::Money,
    /// The invoice's or remittance's reference.
    pub reference: String,
}

/// A dispute between partners as the register holds it (rule 18).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisputeRecord {
    /// Its number, e.g. `DSP/26-27/001`.
    pub number: String,
    /// Index of the statement whose line is disputed.
    pub statement: usize,
    /// Index of the line on it.
    pub line: usize,
    /// The line or its placement's split.
    pub scope: DisputeScope,
    /// Why.
    pub reason: DisputeReason,
    /// What the partner said.
    pub note: String,
    /// The day it was raised.
    pub raised_on: NaiveDate,
    /// What it holds as disputed: the sum of `holds`.
    pub amount: crate::money::Money,
    /// What it holds on each statement: the statement's index and the amount.
    pub holds: Vec<(usize, crate::money::Money)>,
    /// Where it stands.
    pub status: DisputeStatus,
    /// The day it closed, once withdrawn or resolved.
    pub closed_on: Option<NaiveDate>,
    /// Index of the decision that resolved it.
    pub decision: Option<usize>,
    /// What was said on closing it.
    pub closing_note: String,
    /// The agenda item that brings it: the meeting's and the item's indices.
    pub agenda: Option<(usize, usize)>,
}

/// A partner statement as issued: never changed once issued (rule 17).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedStatementRecord {
    /// Its number, e.g. `HE/26-27/03`.
    pub number: String,
    /// Index of the partner.
    pub partner: usize,
    /// The period's first day.
    pub from: NaiveDate,
    /// Its last day.
    pub to: NaiveDate,
    /// The day it was issued.
    pub issued_on: NaiveDate,
    /// Its total: the sum of its lines.
    pub total: crate::money::Money,
    /// Its lines, in order.
    pub lines: Vec<IssuedLineRecord>,
    /// Payments received against it, in order: the day, the amount and the reference.
    pub payments: Vec<(NaiveDate, crate::money::Money, String)>,
    /// Its pooled years' contributions, spend, calls and receipts, as issued.
    pub pool: Vec<crate::statement::PoolLine>,
}

/// A line of an issued statement, with the evidence it was issued on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedLineRecord {
    /// The financial year of the part of the period.
    pub year: crate::year::FinancialYear,
    /// The part's first day.
    pub from: NaiveDate,
    /// Its last day.
    pub to: NaiveDate,
    /// Index of the case.
    pub case: usize,
    /// Index of the placement within the case.
    pub placement: usize,
    /// The provider as issued.
    pub provider: String,
    /// The numbers of the decisions behind the line, as issued.
    pub decisions: Vec<String>,
    /// The partner's share, in words, as issued.
    pub share: String,
    /// The days the placement covered.
    pub days: u32,
    /// What the partner's share grew by.
    pub amount: crate::money::Money,
    /// For an adjustment line, the number of the earlier statement it corrects.
    pub adjusts: Option<String>,
    /// For an adjustment line, the disputes whose resolution it carries.
    pub disputes: Vec<String>,
}
