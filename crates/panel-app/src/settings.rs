//! The settings screen's use cases: the panel's settings, the finance settings, the funding
//! partners (and the names each goes by in a council's spreadsheets), and each year's
//! pooled-budget agreement. Each reads what was typed, checks it by the core's rules, and
//! stores it through [`SettingsStore`]; the screen's model is built here for every door.

use panel_core::Money;
use panel_core::ports::{Error, Result, SettingsStore};
use panel_core::settings::{agreement_input, finance_input, partner_input, settings_input};
use panel_core::sheet_import::partner_names;
use serde::{Deserialize, Serialize};
use specta::Type;

/// A funding partner as the screens show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Type)]
pub struct PartnerDto {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Its own other names in a spreadsheet's headings (e.g. `CCG`).
    pub aliases: Vec<String>,
    /// The names councils use for its kind of partner, matched as well.
    pub kind_names: Vec<String>,
}

/// A year's pooled-budget agreement as the screen shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Type)]
pub struct AgreementDto {
    /// Year, e.g. `2026/27`.
    pub year: String,
    /// `contributions` or `as_incurred`.
    pub risk_share: String,
    /// One plain amount per partner, in partner order.
    pub contributions: Vec<String>,
    /// Their total, e.g. `£7,200,000.00`.
    pub total: String,
}

/// The settings screen's data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Type)]
pub struct SettingsDto {
    /// The panel's settings as form values.
    pub form: SettingsInput,
    /// The finance settings as form values.
    pub finance: FinanceInput,
    /// Partners in order.
    pub partners: Vec<PartnerDto>,
    /// Agreements by year.
    pub agreements: Vec<AgreementDto>,
}

/// The finance settings as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct FinanceInput {
    /// Days an open dispute runs before it is escalated.
    pub escalation_days: String,
    /// The code of the partner that pays providers, or blank.
    pub lead_partner: String,
    /// `1` (monthly) or `3` (quarterly).
    pub statement_months: String,
    /// The uplift assumed for next year, a percentage, e.g. `3.5`.
    pub uplift: String,
}

/// The panel's settings as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SettingsInput {
    /// Authority.
    pub authority: String,
    /// Panel name.
    pub panel_name: String,
    /// Decision number prefix.
    pub decision_prefix: String,
    /// Months to the first review.
    pub first_review_months: String,
    /// Months between later reviews.
    pub review_months: String,
    /// Months of notice before a reduction.
    pub notice_months: String,
    /// Quorum rule code.
    pub quorum: String,
}

/// A partner as typed.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Type)]
pub struct PartnerInput {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
}

/// A partner's other names, as typed (separated by commas).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Type)]
pub struct PartnerAliasesInput {
    /// The partner's code.
    pub code: String,
    /// Its other names, e.g. `CCG, Sunderland CCG`; empty for none.
    pub aliases: String,
}

/// An agreement as typed.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Type)]
pub struct AgreementInput {
    /// Year, e.g. `2026/27`.
    pub year: String,
    /// `contributions` or `as_incurred`.
    pub risk_share: String,
    /// One amount per partner.
    pub contributions: Vec<String>,
}

/// The partners as the screens show them, with every name a spreadsheet may head each by:
/// their own, then those councils use for their kind.
pub fn partner_dtos(partners: Vec<panel_core::Partner>) -> Vec<PartnerDto> {
    let names = partner_names(&partners);
    partners
        .into_iter()
        .zip(names)
        .map(|(p, names)| PartnerDto {
            code: p.code,
            name: p.name,
            aliases: p.aliases,
            kind_names: names
                .into_iter()
                .filter(|n| !n.own)
                .map(|n| n.name)
                .collect(),
        })
        .collect()
}

/// The partners, each with the names a spreadsheet may head its share by.
pub fn partners(store: &(impl SettingsStore + ?Sized)) -> Result<Vec<PartnerDto>> {
    Ok(partner_dtos(store.partners()?))
}

/// The settings screen: the settings and finance settings as form values, the partners and
/// the agreements.
pub fn screen(store: &(impl SettingsStore + ?Sized)) -> Result<SettingsDto> {
    let st = store.settings()?;
    let f = store.finance_settings()?;
    Ok(SettingsDto {
        finance: FinanceInput {
            escalation_days: f.escalation_days.to_string(),
            lead_partner: f.lead_partner.unwrap_or_default(),
            statement_months: f.statement_months.to_string(),
            uplift: f.uplift.to_string(),
        },
        form: SettingsInput {
            authority: st.authority,
            panel_name: st.panel_name,
            decision_prefix: st.decision_prefix,
            first_review_months: st.first_review_months.to_string(),
            review_months: st.review_months.to_string(),
            notice_months: st.notice_months.to_string(),
            quorum: st.quorum.code().to_string(),
        },
        partners: partners(store)?,
        agreements: store
            .agreements()?
            .into_iter()
            .map(|a| AgreementDto {
                year: a.year.to_string(),
                risk_share: a.risk_share.code().to_string(),
                total: a.contributions.iter().copied().sum::<Money>().to_string(),
                contributions: a.contributions.iter().map(|m| m.to_plain()).collect(),
            })
            .collect(),
    })
}

/// Saves the panel's settings as typed.
pub fn save_settings(
    store: &mut (impl SettingsStore + ?Sized),
    input: &SettingsInput,
) -> Result<()> {
    let st = settings_input(
        &input.authority,
        &input.panel_name,
        &input.decision_prefix,
        &input.first_review_months,
        &input.review_months,
        &input.notice_months,
        &input.quorum,
    )
    .map_err(Error::Field)?;
    store.save_settings(&st)
}

/// Saves the finance settings as typed.
pub fn save_finance_settings(
    store: &mut (impl SettingsStore + ?Sized),
    input: &FinanceInput,
) -> Result<()> {
    let f = finance_input(
        &input.escalation_days,
        &input.lead_partner,
        &input.statement_months,
        &input.uplift,
    )
    .map_err(Error::Field)?;
    store.save_finance_settings(&f)
}

/// Adds a funding partner as typed.
pub fn add_partner(store: &mut (impl SettingsStore + ?Sized), input: &PartnerInput) -> Result<()> {
    let p = partner_input(&input.code, &input.name).map_err(Error::Field)?;
    store.add_partner(&p)
}

/// Renames a funding partner as typed.
pub fn rename_partner(
    store: &mut (impl SettingsStore + ?Sized),
    input: &PartnerInput,
) -> Result<()> {
    let p = partner_input(&input.code, &input.name).map_err(Error::Field)?;
    store.rename_partner(&p.code, &p.name)
}

/// Sets the names a partner also goes by in a spreadsheet's headings, as typed (separated by
/// commas; empty for none); the partner may be named by its code in any letter case. The
/// names kept.
pub fn set_partner_aliases(
    store: &mut (impl SettingsStore + ?Sized),
    input: &PartnerAliasesInput,
) -> Result<Vec<String>> {
    let known = store.partners()?;
    let Some(p) = known
        .iter()
        .find(|p| p.code.eq_ignore_ascii_case(input.code.trim()))
    else {
        let codes: Vec<&str> = known.iter().map(|p| p.code.as_str()).collect();
        return Err(Error::NotFound(format!(
            "there is no partner {}; the partners are {}",
            input.code.trim(),
            codes.join(", ")
        )));
    };
    let code = p.code.clone();
    store.set_partner_aliases(&code, std::slice::from_ref(&input.aliases))
}

/// Creates or replaces a year's pooled-budget agreement as typed: one contribution for each
/// partner.
pub fn save_agreement(
    store: &mut (impl SettingsStore + ?Sized),
    input: &AgreementInput,
) -> Result<()> {
    let partners = store.partners()?.len();
    let a = agreement_input(
        &input.year,
        &input.risk_share,
        &input.contributions,
        partners,
    )
    .map_err(Error::Field)?;
    store.save_agreement(&a)
}
