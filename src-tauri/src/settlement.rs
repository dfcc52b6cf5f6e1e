//! The year-end settlement screen for finance officers (rules 7, 17, 18): the figures of
//! `panel settlement`, and the pack saved as PDF or CSV.

use panel_core::FinancialYear;
use panel_core::settlement::{balance_words, settlement_csv};
use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, State};

use crate::commands::AppState;
use crate::documents::{CSV, PDF, SavedDocument, save_as};
use crate::error::AppError;

/// A partner's line of the settlement, money in words.
#[derive(Clone, Debug, Serialize, Type)]
pub struct SettlementRow {
    /// The partner's code.
    pub partner: String,
    /// Its name.
    pub name: String,
    /// Its contribution.
    pub contribution: String,
    /// Its split of the year's spend.
    pub spend: String,
    /// Its split less its contribution.
    pub variance: String,
    /// Its part of the pool's variance.
    pub risk_share: String,
    /// What the year costs it in the end.
    pub due: String,
    /// On statements issued for the year.
    pub stated: String,
    /// On none yet.
    pub unstated: String,
    /// Paid against them.
    pub paid: String,
    /// Held by open disputes.
    pub disputed: String,
    /// Its contribution called.
    pub called: String,
    /// Paid in against the calls.
    pub paid_in: String,
    /// The balance, e.g. `£1.00` (negative when it is owed).
    pub balance: String,
    /// The balance in words, e.g. `owes SC £1.00`.
    pub balance_words: String,
    /// Whether it pays the providers.
    pub lead: bool,
}

/// A year's settlement for the screen.
#[derive(Clone, Debug, Serialize, Type)]
pub struct SettlementDto {
    /// The year.
    pub year: String,
    /// The years that can be settled: those with an agreement or a statement, newest first.
    pub years: Vec<String>,
    /// Payments and disputes counted to (ISO).
    pub as_of: String,
    /// Whether the year is over.
    pub is_final: bool,
    /// The contributions.
    pub budget: String,
    /// The year's spend.
    pub spend: String,
    /// The over- or underspend, in words (blank with no agreement for the year).
    pub verdict: String,
    /// The risk share, in words.
    pub agreement_note: String,
    /// A line a partner.
    pub partners: Vec<SettlementRow>,
    /// The totals: stated, not yet stated, paid, disputed, paid in.
    pub totals: Vec<String>,
    /// Statements issued for the year.
    pub statements: u32,
    /// Disputes open on them.
    pub disputes: u32,
}

/// The years a settlement can be asked for, newest first: each with an agreement, a
/// statement, or today.
fn years(s: &panel_store::Store, today: chrono::NaiveDate) -> Result<Vec<FinancialYear>, AppError> {
    let mut out: Vec<FinancialYear> = s.agreements()?.into_iter().map(|a| a.year).collect();
    out.extend(
        s.issued_statements(None)?
            .into_iter()
            .map(|i| FinancialYear::containing(i.from)),
    );
    out.push(FinancialYear::containing(today));
    out.sort_by_key(|y| std::cmp::Reverse(y.start_year()));
    out.dedup();
    Ok(out)
}

fn parse_year(year: &str) -> Result<FinancialYear, AppError> {
    year.parse::<FinancialYear>().map_err(|e| {
        AppError::fields(vec![panel_core::field::FieldError::labelled(
            "year",
            "Year",
            e.to_string(),
        )])
    })
}

/// A year's settlement as of today: `year` as `2025/26`, or none for the year a finance
/// officer would look at first (the one being closed, else the one running).
#[tauri::command]
#[specta::specta]
pub fn settlement(
    state: State<'_, AppState>,
    year: Option<String>,
) -> Result<SettlementDto, AppError> {
    let today = crate::cases::today();
    state.with(|s| {
        let years = years(s, today)?;
        let year = match year {
            Some(y) => parse_year(&y)?,
            None => panel_core::settlement::default_settlement_year(today),
        };
        let paper = panel_app::documents::settlement_paper(s, year, today, today)?;
        let st = &paper.settlement;
        let lead = st
            .lead
            .and_then(|i| st.partners.get(i))
            .map(|p| p.code.clone());
        let sum = |f: fn(&panel_core::settlement::PartnerSettlement) -> panel_core::Money| {
            st.partners
                .iter()
                .map(f)
                .sum::<panel_core::Money>()
                .to_string()
        };
        Ok(SettlementDto {
            year: year.to_string(),
            years: years.iter().map(|y| y.to_string()).collect(),
            as_of: today.to_string(),
            is_final: st.is_final(),
            budget: st.spend.budget.to_string(),
            spend: st.spend.projected.to_string(),
            verdict: if st.spend.has_agreement {
                st.spend.verdict()
            } else {
                String::new()
            },
            agreement_note: st.spend.agreement_note(),
            partners: st
                .partners
                .iter()
                .enumerate()
                .map(|(i, p)| SettlementRow {
                    partner: p.code.clone(),
                    name: p.name.clone(),
                    contribution: p.contribution.to_string(),
                    spend: p.spend.to_string(),
                    variance: p.variance.to_string(),
                    risk_share: p.risk_share.to_string(),
                    due: p.due.to_string(),
                    stated: p.stated.to_string(),
                    unstated: p.unstated.to_string(),
                    paid: p.paid.to_string(),
                    disputed: p.disputed.to_string(),
                    called: p.called.to_string(),
                    paid_in: p.paid_in.to_string(),
                    balance: p.balance.to_string(),
                    balance_words: balance_words(p.balance, lead.as_deref(), st.lead == Some(i)),
                    lead: st.lead == Some(i),
                })
                .collect(),
            totals: vec![
                sum(|p| p.stated),
                sum(|p| p.unstated),
                sum(|p| p.paid),
                sum(|p| p.disputed),
                sum(|p| p.paid_in),
            ],
            statements: u32::try_from(st.statements.len()).unwrap_or(u32::MAX),
            disputes: u32::try_from(paper.disputes.len()).unwrap_or(u32::MAX),
        })
    })
}

/// Saves a year's settlement pack as PDF (opened once saved) or its figures as CSV.
#[tauri::command]
#[specta::specta]
pub async fn save_settlement(
    app: AppHandle,
    state: State<'_, AppState>,
    year: String,
    csv: bool,
) -> Result<Option<SavedDocument>, AppError> {
    let today = crate::cases::today();
    let year = parse_year(&year)?;
    let (name, bytes, kind) = state.with(|s| {
        let paper = panel_app::documents::settlement_paper(s, year, today, today)?;
        let stem = format!("Settlement {}", year.to_string().replace('/', "-"));
        Ok(if csv {
            (
                format!("{stem}.csv"),
                settlement_csv(&paper.settlement).into_bytes(),
                CSV,
            )
        } else {
            (
                format!("{stem}.pdf"),
                panel_pdf::settlement_pdf(&paper)?,
                PDF,
            )
        })
    })?;
    save_as(&app, &name, &bytes, kind).await
}
