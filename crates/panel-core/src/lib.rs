//! The rules of a UK local authority's multi-agency complex-needs panel: money, financial
//! years, the cost of placements over time, how it is split between partners to the penny,
//! and spend against a Section 75 pooled budget. Pure Rust: no I/O.
//!
//! "Rule N" throughout the code is rule N of `docs/rules.md`, which says what each rule
//! requires, the function here that enforces it, and the tests that prove it.

pub mod access;
pub mod analysis;
pub mod clock;
pub mod cost;
pub mod dataset;
pub mod decision;
pub mod demo;
pub mod entry;
pub mod exceptions;
pub mod field;
pub mod impact;
pub mod interchange;
pub mod ledger;
pub mod meeting;
pub mod model;
pub mod money;
pub mod pool;
pub mod ports;
pub mod ras;
pub mod register;
pub mod review;
pub mod rules;
pub mod settings;
pub mod settlement;
pub mod sheet;
pub mod sheet_import;
pub mod snapshot;
pub mod spend;
pub mod split;
pub mod statement;
pub mod strict_json;
pub mod text;
pub mod year;

pub use cost::{CostLine, Per, Placement, Segment, SplitPeriod};
pub use money::{Money, MoneyError};
pub use spend::{Agreement, Partner, RiskShare, SpendReport, YearSpend, spend_report};
pub use split::{Percent, allocate, allocate_by_percent};
pub use year::FinancialYear;
