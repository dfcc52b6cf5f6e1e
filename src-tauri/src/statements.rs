//! Partner statements for finance officers (rule 17): previewed for a partner and period,
//! issued (numbered, never to change), listed, printed as PDF and saved as CSV for a ledger.
//! The figures are the store's, the same as `panel statement` prints.

use chrono::NaiveDate;
use panel_core::field::{FieldError, parse_date_input};
use panel_core::statement::{Statement, statement_csv};
use panel_pdf::{StatementPaper, statement_pdf};
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::{AppHandle, State};

use crate::commands::{AppState, to_id};
use crate::documents::{CSV, PDF, SavedDocument, save_as};
use crate::error::AppError;

/// A partner and period as typed.
#[derive(Clone, Debug, Deserialize, Type)]
pub struct StatementQuery {
    /// The partner's code.
    pub partner: String,
    /// The first day, dd/mm/yyyy.
    pub from: String,
    /// The last day, dd/mm/yyyy.
    pub to: String,
}

/// A line of a statement, for the screen.
#[derive(Clone, Debug, Serialize, Type)]
pub struct StatementLineDto {
    /// The financial year of its part of the period.
    pub year: String,
    /// The first day it covers (ISO).
    pub from: String,
    /// The last day it covers (ISO).
    pub to: String,
    /// The case, by id.
    pub case_id: i32,
    /// Its reference.
    pub case_reference: String,
    /// The child's initials.
    pub initials: String,
    /// The provider.
    pub provider: String,
    /// The decisions behind it, by number.
    pub decisions: Vec<String>,
    /// The partner's share, in words.
    pub share: String,
    /// Days the placement covered.
    pub days: u32,
    /// What the partner's share grew by, e.g. `£5,880.86`.
    pub amount: String,
    /// For an adjustment line, the statement it corrects.
    pub adjusts: Option<String>,
    /// For an adjustment line, the disputes whose resolution it carries.
    pub disputes: Vec<String>,
    /// For a line of an issued statement, the dispute raised against it that is open (or,
    /// if none is, the last one raised), with where it stands.
    pub disputed: Option<(String, panel_core::model::DisputeStatus)>,
}

/// A statement, previewed or issued.
#[derive(Clone, Debug, Serialize, Type)]
pub struct StatementDto {
    /// Its number, once issued.
    pub number: Option<String>,
    /// The day it was issued (ISO), once issued.
    pub issued_on: Option<String>,
    /// The partner's code.
    pub partner: String,
    /// Its name.
    pub partner_name: String,
    /// The first day (ISO).
    pub from: String,
    /// The last day (ISO).
    pub to: String,
    /// The financial years the period falls in.
    pub years: Vec<String>,
    /// The lines.
    pub lines: Vec<StatementLineDto>,
    /// Lines citing no decision.
    pub undecided: u32,
    /// The total, e.g. `£171,562.63`.
    pub total: String,
    /// For each part of the period in a pooled year, where the partner's contribution stood.
    pub pool: Vec<StatementPoolDto>,
    /// For a preview that cannot be issued today, why not (issued already, to the partner
    /// that pays providers, a period not yet over).
    pub not_issuable: Option<String>,
}

/// A pooled year's figures beside a statement's lines, money in words.
#[derive(Clone, Debug, Serialize, Type)]
pub struct StatementPoolDto {
    /// The year.
    pub year: String,
    /// The day they are at (ISO).
    pub on: String,
    /// The partner's contribution.
    pub contribution: String,
    /// Called of it by then.
    pub called: String,
    /// Paid in by then.
    pub paid_in: String,
    /// The partner's share of the year's spend to then.
    pub spend: String,
}

/// An issued statement in the list.
#[derive(Clone, Debug, Serialize, Type)]
pub struct IssuedStatementRow {
    /// Its number.
    pub number: String,
    /// The partner's code.
    pub partner: String,
    /// The first day (ISO).
    pub from: String,
    /// The last day (ISO).
    pub to: String,
    /// The day it was issued (ISO).
    pub issued_on: String,
    /// Its total.
    pub total: String,
}

fn period(q: &StatementQuery) -> Result<(NaiveDate, NaiveDate), AppError> {
    let from = parse_date_input("from", "From", &q.from);
    let to = parse_date_input("to", "To", &q.to);
    match (from, to) {
        (Ok(f), Ok(t)) => Ok((f, t)),
        (f, t) => Err(AppError::fields(
            [f.err(), t.err()]
                .into_iter()
                .flatten()
                .collect::<Vec<FieldError>>(),
        )),
    }
}

fn dto(
    store: &panel_store::Store,
    s: &Statement,
    issued: Option<(&str, NaiveDate)>,
) -> Result<StatementDto, AppError> {
    use panel_core::model::DisputeStatus;
    let disputes = match issued {
        Some((number, _)) => store
            .disputes(crate::cases::today())?
            .into_iter()
            .filter(|d| d.statement == number)
            .collect(),
        None => Vec::new(),
    };
    let disputed = |line: u32| {
        let on_line = disputes.iter().filter(|d| d.line == line);
        on_line
            .clone()
            .find(|d| d.status == DisputeStatus::Open)
            .or_else(|| on_line.clone().next_back())
            .map(|d| (d.number.clone(), d.status))
    };
    Ok(StatementDto {
        number: issued.map(|(n, _)| n.to_string()),
        issued_on: issued.map(|(_, d)| d.to_string()),
        partner: s.partner.clone(),
        partner_name: s.partner_name.clone(),
        from: s.from.to_string(),
        to: s.to.to_string(),
        years: s.parts.iter().map(|p| p.year.to_string()).collect(),
        undecided: u32::try_from(
            s.lines
                .iter()
                .filter(|l| l.decisions.is_empty() && l.adjusts.is_none())
                .count(),
        )
        .unwrap_or(u32::MAX),
        lines: s
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                Ok(StatementLineDto {
                    year: l.year.to_string(),
                    from: l.from.to_string(),
                    to: l.to.to_string(),
                    case_id: to_id(l.case_id)?,
                    case_reference: l.case_reference.clone(),
                    initials: l.initials.clone(),
                    provider: l.provider.clone(),
                    decisions: l.decisions.clone(),
                    share: l.share_text(),
                    days: l.days,
                    amount: l.amount.to_string(),
                    adjusts: l.adjusts.clone(),
                    disputes: l.disputes.clone(),
                    disputed: disputed(u32::try_from(i + 1).unwrap_or(u32::MAX)),
                })
            })
            .collect::<Result<_, AppError>>()?,
        total: s.total.to_string(),
        pool: s
            .pool
            .iter()
            .map(|x| StatementPoolDto {
                year: x.year.to_string(),
                on: x.on.to_string(),
                contribution: x.contribution.to_string(),
                called: x.called.to_string(),
                paid_in: x.paid_in.to_string(),
                spend: x.spend.to_string(),
            })
            .collect(),
        not_issuable: None,
    })
}

/// A partner's statement for a period, not issued.
#[tauri::command]
#[specta::specta]
pub fn statement_preview(
    state: State<'_, AppState>,
    query: StatementQuery,
) -> Result<StatementDto, AppError> {
    let (from, to) = period(&query)?;
    state.with(|s| {
        let st = s.statement(&query.partner, from, to)?;
        let mut out = dto(s, &st, None)?;
        out.not_issuable = s
            .why_not_issued(&st, crate::cases::today())?
            .map(|p| p.message);
        Ok(out)
    })
}

/// Issues a partner's statement for a period: numbered and kept, never to change.
#[tauri::command]
#[specta::specta]
pub fn issue_statement(
    state: State<'_, AppState>,
    query: StatementQuery,
) -> Result<StatementDto, AppError> {
    let (from, to) = period(&query)?;
    state.with(|s| {
        let (issued, st) = s.issue_statement(&query.partner, from, to, crate::cases::today())?;
        dto(s, &st, Some((&issued.number, issued.issued_on)))
    })
}

/// Every statement issued, by partner and period.
#[tauri::command]
#[specta::specta]
pub fn list_statements(state: State<'_, AppState>) -> Result<Vec<IssuedStatementRow>, AppError> {
    state.with(|s| {
        Ok(s.issued_statements(None)?
            .into_iter()
            .map(|i| IssuedStatementRow {
                number: i.number,
                partner: i.partner,
                from: i.from.to_string(),
                to: i.to.to_string(),
                issued_on: i.issued_on.to_string(),
                total: i.total.to_string(),
            })
            .collect())
    })
}

/// An issued statement, exactly as issued.
#[tauri::command]
#[specta::specta]
pub fn issued_statement(
    state: State<'_, AppState>,
    number: String,
) -> Result<StatementDto, AppError> {
    state.with(|s| {
        let (issued, st) = s.issued_statement(&number)?;
        dto(s, &st, Some((&issued.number, issued.issued_on)))
    })
}

/// Which statement to save: an issued one by number, or a preview of a partner and period.
#[derive(Clone, Debug, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum StatementChoice {
    /// Issued, by number.
    Issued(String),
    /// A preview.
    Preview(StatementQuery),
}

/// Saves a statement as PDF (opened once saved) or as CSV for a ledger.
#[tauri::command]
#[specta::specta]
pub async fn save_statement(
    app: AppHandle,
    state: State<'_, AppState>,
    which: StatementChoice,
    csv: bool,
) -> Result<Option<SavedDocument>, AppError> {
    let (name, bytes, kind) = state.with(|s| {
        let (st, issued) = match &which {
            StatementChoice::Issued(number) => {
                let (i, st) = s.issued_statement(number)?;
                (st, Some((i.number, i.issued_on)))
            }
            StatementChoice::Preview(q) => {
                let (from, to) = period(q)?;
                (s.statement(&q.partner, from, to)?, None)
            }
        };
        let stem = match &issued {
            Some((n, _)) => format!("Statement {}", n.replace('/', "-")),
            None => format!("Statement preview {} {} to {}", st.partner, st.from, st.to),
        };
        if csv {
            return Ok((format!("{stem}.csv"), statement_csv(&st).into_bytes(), CSV));
        }
        let settings = s.settings()?;
        let paper = StatementPaper {
            authority: settings.authority,
            panel_name: settings.panel_name,
            statement: st,
            issued,
            printed: crate::cases::today(),
            lead_partner: s.lead_partner_label()?,
        };
        Ok((format!("{stem}.pdf"), statement_pdf(&paper)?, PDF))
    })?;
    save_as(&app, &name, &bytes, kind).await
}

/// A payment as typed against an issued statement.
#[derive(Clone, Debug, Deserialize, Type)]
pub struct PaymentInput {
    /// The statement's number.
    pub statement: String,
    /// The day received, dd/mm/yyyy.
    pub received_on: String,
    /// The amount, e.g. `1,234.56`.
    pub amount: String,
    /// The partner's reference.
    pub reference: String,
}

/// A payment received, for the screen.
#[derive(Clone, Debug, Serialize, Type)]
pub struct PaymentDto {
    /// The day received (ISO).
    pub received_on: String,
    /// The amount.
    pub amount: String,
    /// The partner's reference.
    pub reference: String,
}

/// Payments against an issued statement, and what is still owed on it.
#[derive(Clone, Debug, Serialize, Type)]
pub struct PaymentsDto {
    /// In the order received.
    pub payments: Vec<PaymentDto>,
    /// Still owed.
    pub owed: String,
}

/// A partner's debt by age, for the screen.
#[derive(Clone, Debug, Serialize, Type)]
pub struct DebtRow {
    /// The partner's code.
    pub partner: String,
    /// Its name.
    pub name: String,
    /// Undisputed, by age band.
    pub undisputed: Vec<String>,
    /// Disputed, by age band.
    pub disputed: Vec<String>,
    /// All it owes.
    pub total: String,
}

/// Every partner's debt as of today.
#[derive(Clone, Debug, Serialize, Type)]
pub struct DebtsDto {
    /// The day (ISO).
    pub as_of: String,
    /// The age bands, in words.
    pub bands: Vec<String>,
    /// A row a partner.
    pub partners: Vec<DebtRow>,
    /// Owed in all.
    pub total: String,
}

fn payments_dto(s: &panel_store::Store, number: &str) -> Result<PaymentsDto, AppError> {
    let (issued, _) = s.issued_statement(number)?;
    let payments = s.payments(number)?;
    let paid: panel_core::Money = payments.iter().map(|p| p.amount).sum();
    Ok(PaymentsDto {
        owed: (issued.total - paid).to_string(),
        payments: payments
            .into_iter()
            .map(|p| PaymentDto {
                received_on: p.received_on.to_string(),
                amount: p.amount.to_string(),
                reference: p.reference,
            })
            .collect(),
    })
}

/// The payments received against an issued statement.
#[tauri::command]
#[specta::specta]
pub fn statement_payments(
    state: State<'_, AppState>,
    number: String,
) -> Result<PaymentsDto, AppError> {
    state.with(|s| payments_dto(s, &number))
}

/// Records a payment received against an issued statement.
#[tauri::command]
#[specta::specta]
pub fn record_payment(
    state: State<'_, AppState>,
    input: PaymentInput,
) -> Result<PaymentsDto, AppError> {
    let on = parse_date_input("received_on", "Received on", &input.received_on);
    let amount = panel_core::Money::parse("Amount", &input.amount)
        .map_err(|e| FieldError::labelled("amount", "Amount", e.problem()));
    let (on, amount) = match (on, amount) {
        (Ok(on), Ok(a)) => (on, a),
        (on, a) => {
            return Err(AppError::fields(
                [on.err(), a.err()].into_iter().flatten().collect(),
            ));
        }
    };
    state.with(|s| {
        s.record_payment(
            &input.statement,
            on,
            amount,
            &input.reference,
            crate::cases::today(),
        )?;
        payments_dto(s, &input.statement)
    })
}

/// What each partner owes on its issued statements today, by age.
#[tauri::command]
#[specta::specta]
pub fn debts(state: State<'_, AppState>) -> Result<DebtsDto, AppError> {
    let today = crate::cases::today();
    state.with(|s| {
        let debts = s.debts(today)?;
        let total: panel_core::Money = debts.iter().map(|d| d.total).sum();
        Ok(DebtsDto {
            as_of: today.to_string(),
            bands: panel_core::statement::DEBT_BANDS
                .iter()
                .map(|b| b.to_string())
                .collect(),
            partners: debts
                .into_iter()
                .map(|d| DebtRow {
                    partner: d.partner,
                    name: d.name,
                    undisputed: d.undisputed.iter().map(|m| m.to_string()).collect(),
                    disputed: d.disputed.iter().map(|m| m.to_string()).collect(),
                    total: d.total.to_string(),
                })
                .collect(),
            total: total.to_string(),
        })
    })
}

/// Saves what each partner owes today, by age, as CSV for a ledger.
#[tauri::command]
#[specta::specta]
pub async fn save_debts(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<SavedDocument>, AppError> {
    let today = crate::cases::today();
    let bytes = state.with(|s| Ok(panel_store::debts_csv(today, &s.debts(today)?).into_bytes()))?;
    save_as(&app, &format!("Debts {today}.csv"), &bytes, CSV).await
}
