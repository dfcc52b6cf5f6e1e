//! What an administrator types on the settings screen: the panel's settings, partners, and
//! the pooled-budget agreement of each year, validated field by field.

use crate::field::Problems;
use crate::field::{FieldError, number_input, text_input};
use crate::model::{QuorumRule, Settings, valid_prefix};
use crate::money::Money;
use crate::spend::{Agreement, Partner, RiskShare};
use crate::text::valid_partner_code;
use crate::year::FinancialYear;

fn months(
    p: &mut Problems,
    field: &str,
    label: &str,
    text: &str,
    min: u32,
    max: u32,
) -> Option<u32> {
    p.take(number_input(field, label, text, "months", min, max))
}

/// Validates the panel's settings.
#[allow(clippy::too_many_arguments)]
pub fn settings_input(
    authority: &str,
    panel_name: &str,
    decision_prefix: &str,
    first_review_months: &str,
    review_months: &str,
    notice_months: &str,
    quorum: &str,
) -> Result<Settings, Vec<FieldError>> {
    let mut p = Problems::default();
    let authority = p.take(text_input("authority", "Authority", authority, true, 200));
    let panel_name = p.take(text_input(
        "panel_name",
        "Panel name",
        panel_name,
        true,
        200,
    ));
    let prefix = p.take(
        text_input("decision_prefix", "Decision number prefix", decision_prefix, true, 10).and_then(
            |x| {
                if valid_prefix(&x) {
                    Ok(x)
                } else {
                    Err(FieldError::new(
                        "decision_prefix",
                        format!("Decision number prefix: \"{x}\" may hold only letters, digits and hyphens (e.g. CNP)"),
                    ))
                }
            },
        ),
    );
    let first = months(
        &mut p,
        "first_review_months",
        "First review",
        first_review_months,
        1,
        120,
    );
    let every = months(
        &mut p,
        "review_months",
        "Later reviews",
        review_months,
        1,
        120,
    );
    let notice = months(
        &mut p,
        "notice_months",
        "Notice of a reduction",
        notice_months,
        0,
        24,
    );
    let quorum = p.take(
        QuorumRule::parse(quorum).map_err(|_| FieldError::new("quorum", "Choose the quorum rule")),
    );
    p.finish(|| {
        Some(Settings {
            authority: authority?,
            panel_name: panel_name?,
            decision_prefix: prefix?,
            first_review_months: first?,
            review_months: every?,
            notice_months: notice?,
            quorum: quorum?,
        })
    })
}

/// Validates the finance settings as typed: days before a dispute is escalated (1–365), the
/// partner that pays providers (a code, or blank for none; the store checks it exists), and
/// how many months a statement covers (1 or 3).
pub fn finance_input(
    escalation_days: &str,
    lead_partner: &str,
    statement_months: &str,
    uplift: &str,
) -> Result<crate::model::FinanceSettings, Vec<FieldError>> {
    let mut p = Problems::default();
    let days = p.take(crate::field::number_input(
        "escalation_days",
        "Escalate a dispute after",
        escalation_days,
        "days",
        1,
        365,
    ));
    let lead = p.take(
        text_input("lead_partner", "Pays providers", lead_partner, false, 16)
            .map(|c| (!c.is_empty()).then_some(c)),
    );
    let months = p.take(match statement_months.trim() {
        "1" => Ok(1),
        "3" => Ok(3),
        _ => Err(FieldError::new(
            "statement_months",
            "Choose monthly or quarterly statements",
        )),
    });
    let uplift = p.take(uplift_input(uplift));
    p.finish(|| {
        Some(crate::model::FinanceSettings {
            escalation_days: days?,
            lead_partner: lead?,
            statement_months: months?,
            uplift: uplift?,
        })
    })
}

/// Validates a funding partner.
pub fn partner_input(code: &str, name: &str) -> Result<Partner, Vec<FieldError>> {
    let mut p = Problems::default();
    let code = p.take(text_input("code", "Code", code, true, 16).and_then(|c| {
        if valid_partner_code(&c) {
            Ok(c)
        } else {
            Err(FieldError::new(
                "code",
                format!("Code: \"{c}\" may hold only letters, digits, - and _ (e.g. SC)"),
            ))
        }
    }));
    let name = p.take(text_input("name", "Name", name, true, 120));
    p.finish(|| {
        Some(Partner {
            code: code?,
            name: name?,
            aliases: Vec::new(),
        })
    })
}

/// The most other names a partner has.
pub const MAX_ALIASES: usize = 20;

/// Validates the other names of the partner `code`, as typed (separated by commas, semicolons
/// or lines) or as a file lists them: each a name on one line of at most 60 characters with a
/// letter or digit in it; the same name twice kept once; none that another of `partners` goes
/// by (its code, its name or one of its other names), nor the partner's own code or name.
pub fn partner_aliases_input(
    code: &str,
    typed: &[String],
    partners: &[Partner],
) -> Result<Vec<String>, FieldError> {
    let field = "aliases";
    let label = "Also called";
    let names: Vec<String> = typed
        .iter()
        .flat_map(|t| t.split([',', ';', '\n']))
        .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|n| !n.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    let identity = crate::text::identity;
    let own = partners.iter().find(|p| p.code == code);
    for n in names {
        let n = text_input(field, label, &n, true, 60)?;
        if !n.chars().any(char::is_alphanumeric) {
            return Err(FieldError::new(
                field,
                format!("{label}: \"{n}\" has no letter or digit in it"),
            ));
        }
        if own
            .is_some_and(|p| identity(&p.code) == identity(&n) || identity(&p.name) == identity(&n))
        {
            continue;
        }
        // A partner's names: its code, its name, its name before a bracket ("Education" of
        // "Education (High Needs Block)") and its other names.
        let names_of = |p: &Partner| {
            let mut v = vec![identity(&p.code), identity(&p.name)];
            if let Some((before, _)) = p.name.split_once('(') {
                v.push(identity(before.trim()));
            }
            v.extend(p.aliases.iter().map(|a| identity(a)));
            v
        };
        if let Some(other) = partners
            .iter()
            .find(|p| p.code != code && names_of(p).contains(&identity(&n)))
        {
            return Err(FieldError::new(
                field,
                format!(
                    "{label}: \"{n}\" is already a name of {}, {}; a name can point to one partner only",
                    other.code, other.name
                ),
            ));
        }
        if !out.iter().any(|o| identity(o) == identity(&n)) {
            out.push(n);
        }
    }
    if out.len() > MAX_ALIASES {
        return Err(FieldError::new(
            field,
            format!("{label}: at most {MAX_ALIASES} other names"),
        ));
    }
    Ok(out)
}

/// Validates a year's pooled-budget agreement: one contribution per partner, in order.
pub fn agreement_input(
    year: &str,
    risk_share: &str,
    contributions: &[String],
    partners: usize,
) -> Result<Agreement, Vec<FieldError>> {
    let mut p = Problems::default();
    let year = p.take(year.trim().parse::<FinancialYear>().map_err(|_| {
        FieldError::new(
            "year",
            format!(
                "Year: \"{}\" is not a financial year (e.g. 2026/27)",
                year.trim()
            ),
        )
    }));
    let risk = p.take(
        risk_share
            .parse::<RiskShare>()
            .map_err(|_| FieldError::new("risk_share", "Choose who bears an overspend")),
    );
    if contributions.len() != partners {
        p.push(
            "contributions",
            format!(
                "{} contributions for {partners} partners",
                contributions.len()
            ),
        );
    }
    let mut amounts = Vec::with_capacity(contributions.len());
    for (k, c) in contributions.iter().enumerate() {
        let text = if c.trim().is_empty() { "0" } else { c };
        amounts.push(
            p.take(
                Money::parse(&format!("Contribution {}", k + 1), text)
                    .map_err(|e| FieldError::new(&format!("contributions.{k}"), e.to_string()))
                    .and_then(|m| {
                        if m.is_negative() {
                            Err(FieldError::new(
                                &format!("contributions.{k}"),
                                "A contribution cannot be negative",
                            ))
                        } else {
                            Ok(m)
                        }
                    }),
            ),
        );
    }
    let amounts: Option<Vec<Money>> = amounts.into_iter().collect();
    if let Some(a) = &amounts
        && !a.is_empty()
        && a.iter().all(|m| *m == Money::ZERO)
    {
        p.push("contributions", "Give at least one partner's contribution");
    }
    p.finish(|| {
        Some(Agreement {
            year: year?,
            risk_share: risk?,
            contributions: amounts?,
        })
    })
}

/// The uplift assumed for next year, as typed: a percentage from 0 to 100 with at most two
/// decimals (blank is 0%).
pub fn uplift_input(text: &str) -> Result<crate::split::Percent, FieldError> {
    let t = text.trim().trim_end_matches('%').trim();
    if t.is_empty() {
        return Ok(crate::split::Percent::ZERO);
    }
    crate::split::Percent::parse(t)
        .ok()
        .filter(|p| p.basis_points() <= 10_000)
        .ok_or_else(|| {
            FieldError::new(
                "uplift",
                format!(
                    "Uplift assumed for next year: \"{}\" is not a percentage from 0 to 100 with at most two decimals",
                    text.trim()
                ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_validated_field_by_field() {
        let s = settings_input(
            "Northshire County Council",
            "Complex Needs Panel",
            "CNP",
            "3",
            "12",
            "3",
            "all_partners",
        )
        .unwrap();
        assert_eq!((s.first_review_months, s.review_months), (3, 12));
        let fields: Vec<String> = settings_input(" ", "Panel", "C N P", "0", "six", "25", "most")
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "authority",
                "decision_prefix",
                "first_review_months",
                "review_months",
                "notice_months",
                "quorum"
            ]
        );
    }

    #[test]
    fn partners_and_agreements_are_validated() {
        assert_eq!(partner_input("VS", "Virtual School").unwrap().code, "VS");
        assert_eq!(partner_input("V S", "").unwrap_err().len(), 2);
        let a = agreement_input(
            "2026/27",
            "contributions",
            &["2,448,000".into(), "£2,376,000.00".into(), String::new()],
            3,
        )
        .unwrap();
        assert_eq!(a.contributions[2], Money::ZERO);
        assert_eq!(a.year.start_year(), 2026);
        let fields: Vec<String> = agreement_input("2026/28", "luck", &["-1".into(), "x".into()], 3)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "year",
                "risk_share",
                "contributions",
                "contributions.0",
                "contributions.1"
            ]
        );
        assert_eq!(
            agreement_input("2026/27", "as_incurred", &["0".into()], 1).unwrap_err()[0].field,
            "contributions"
        );
    }
}
