//! The year-end settlement between the partners (rules 7, 17 and 18): for a financial year as
//! of 31 March, what each partner put in, what its split of the spend came to, what the
//! agreement's risk share makes it bear, what its statements charged and what it paid, what is
//! held in dispute, and so the balance it owes or is owed.
//!
//! What the year costs a partner in the end (its *due*) is its contribution and its part of the
//! pool's over- or underspend under the risk share; with no agreement for the year, its split of
//! the spend. Its balance is what is due less what it has paid against the year's statements.
//! When a lead partner pays the providers, it has paid out the whole spend and received the
//! others' payments: its balance is the others' balances with the sign turned, so the balances
//! add up to nothing; with no lead partner they add up to what the pool is still owed.

use chrono::NaiveDate;

use crate::money::Money;
use crate::spend::SpendReport;
use crate::year::FinancialYear;

/// The year whose settlement a finance officer is shown first on `today`: the year just ended
/// while its accounts are being closed (April to June), else the year running, whose
/// settlement is provisional until 31 March.
pub fn default_settlement_year(today: NaiveDate) -> FinancialYear {
    let current = FinancialYear::containing(today);
    let closing = (today - current.start()).num_days() < 91;
    if closing {
        current
            .start_year()
            .checked_sub(1)
            .and_then(FinancialYear::starting)
            .unwrap_or(current)
    } else {
        current
    }
}

/// One partner's line of the settlement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartnerSettlement {
    /// The partner's code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its contribution for the year (rule 7), or nothing with no agreement.
    pub contribution: Money,
    /// Its split of the year's spend.
    pub spend: Money,
    /// Its split of the spend less its contribution.
    pub variance: Money,
    /// Its part of the pool's over- (positive) or underspend (negative) under the risk share.
    pub risk_share: Money,
    /// What the year costs it in the end: its contribution and its risk share.
    pub due: Money,
    /// What the statements issued to it charge for the year, adjustments included.
    pub stated: Money,
    /// Its split of the spend not on any statement yet (none for the lead partner, which
    /// pays the providers and is never stated to).
    pub unstated: Money,
    /// What it has paid against the year's statements.
    pub paid: Money,
    /// What open disputes hold on the year's statements.
    pub disputed: Money,
    /// Its contribution called for the year.
    pub called: Money,
    /// Its contribution paid in against the calls.
    pub paid_in: Money,
    /// What it still owes (positive) or is owed (negative): its due less what it paid against
    /// statements and paid in against calls.
    pub balance: Money,
}

/// A statement's part of a year, with what was paid against that part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementInYear {
    /// Its number.
    pub number: String,
    /// The partner's index among the partners.
    pub partner: usize,
    /// Its period.
    pub from: NaiveDate,
    /// Its period's last day.
    pub to: NaiveDate,
    /// What its lines of the year come to.
    pub stated: Money,
    /// What was paid against them.
    pub paid: Money,
}

/// The year-end settlement of a financial year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settlement {
    /// The year.
    pub year: FinancialYear,
    /// Payments and disputes are counted up to and including this day.
    pub as_of: NaiveDate,
    /// The spend report for the year as of 31 March: the figures of `panel spend`.
    pub spend: SpendReport,
    /// The partner that pays providers, by index, if one does.
    pub lead: Option<usize>,
    /// One line a partner, in partner order.
    pub partners: Vec<PartnerSettlement>,
    /// The statements with lines in the year, in the order issued.
    pub statements: Vec<StatementInYear>,
}

impl Settlement {
    /// Whether the year is over on the day counted to; before, the spend is as projected.
    pub fn is_final(&self) -> bool {
        self.as_of >= self.year.end()
    }
}

/// Payments against a statement whose lines fall in several years (a period crossing 31
/// March), counted to the earlier year first: `parts` is what each year's lines come to, in
/// year order; answers what is paid of each. A year whose lines come to nothing or less takes
/// nothing; what is paid beyond every part goes to the last.
pub fn apportion_paid(parts: &[Money], paid: Money) -> Vec<Money> {
    let mut left = paid;
    let mut out: Vec<Money> = parts
        .iter()
        .map(|&part| {
            let take = if part > Money::ZERO && left > Money::ZERO {
                part.min(left)
            } else {
                Money::ZERO
            };
            left -= take;
            take
        })
        .collect();
    if let Some(last) = out.last_mut() {
        *last += left;
    }
    out
}

/// What each partner was charged and paid for a year, in partner order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Takings {
    /// On statements issued for the year.
    pub stated: Vec<Money>,
    /// Paid against them.
    pub paid: Vec<Money>,
    /// Held by open disputes on them.
    pub disputed: Vec<Money>,
    /// Contributions called.
    pub called: Vec<Money>,
    /// Contributions paid in.
    pub paid_in: Vec<Money>,
}

/// The settlement's partner lines from the year's spend report (as of 31 March), the partners'
/// names in order, the lead partner, and what each partner was charged and paid.
pub fn settle(
    spend: &SpendReport,
    names: &[String],
    lead: Option<usize>,
    t: &Takings,
) -> Vec<PartnerSettlement> {
    let (stated, paid, disputed) = (&t.stated, &t.paid, &t.disputed);
    let at = |v: &[Money], i: usize| v.get(i).copied().unwrap_or(Money::ZERO);
    let mut out: Vec<PartnerSettlement> = spend
        .partners
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let due = p.contribution + p.risk_share;
            PartnerSettlement {
                code: p.code.clone(),
                name: names.get(i).cloned().unwrap_or_else(|| p.code.clone()),
                contribution: p.contribution,
                spend: p.projected,
                variance: p.variance,
                risk_share: p.risk_share,
                due,
                stated: at(stated, i),
                unstated: p.projected - at(stated, i),
                paid: at(paid, i),
                disputed: at(disputed, i),
                called: at(&t.called, i),
                paid_in: at(&t.paid_in, i),
                balance: due - at(paid, i) - at(&t.paid_in, i),
            }
        })
        .collect();
    if let Some(l) = lead.filter(|&l| l < out.len()) {
        let others: Money = out
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != l)
            .map(|(_, p)| p.balance)
            .sum();
        out[l].balance = Money::ZERO - others;
        // It pays the providers and is stated to by no one: nothing of its split waits for a
        // statement.
        out[l].unstated = Money::ZERO;
    }
    out
}

/// What a balance means, in words: `owes SC £1.00`, `is owed £1.00 by the pool`, `is
/// settled`; the lead partner's is to or from the others.
pub fn balance_words(balance: Money, lead: Option<&str>, is_lead: bool) -> String {
    let whom = match (lead, is_lead) {
        (_, true) => "the others".to_string(),
        (Some(l), false) => l.to_string(),
        (None, false) => "the pool".to_string(),
    };
    if balance > Money::ZERO {
        format!("owes {whom} {balance}")
    } else if balance < Money::ZERO {
        format!("is owed {} by {whom}", Money::ZERO - balance)
    } else {
        "is settled".to_string()
    }
}

/// The settlement as CSV: a row a partner, then the totals; money as plain decimals.
pub fn settlement_csv(s: &Settlement) -> String {
    use crate::ledger::{csv_row, csv_text};
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "year",
            "as_of",
            "partner",
            "contribution",
            "spend",
            "variance",
            "risk_share",
            "due",
            "stated",
            "unstated",
            "paid",
            "disputed",
            "called",
            "paid_in",
            "balance",
            "lead",
        ]
        .map(String::from),
    );
    let row = |out: &mut String, code: String, p: &PartnerSettlement, lead: bool| {
        csv_row(
            out,
            &[
                s.year.to_string(),
                s.as_of.to_string(),
                code,
                p.contribution.to_plain(),
                p.spend.to_plain(),
                p.variance.to_plain(),
                p.risk_share.to_plain(),
                p.due.to_plain(),
                p.stated.to_plain(),
                p.unstated.to_plain(),
                p.paid.to_plain(),
                p.disputed.to_plain(),
                p.called.to_plain(),
                p.paid_in.to_plain(),
                p.balance.to_plain(),
                lead.to_string(),
            ],
        );
    };
    for (i, p) in s.partners.iter().enumerate() {
        row(&mut out, csv_text(&p.code), p, s.lead == Some(i));
    }
    let sum = |f: fn(&PartnerSettlement) -> Money| s.partners.iter().map(f).sum::<Money>();
    let total = PartnerSettlement {
        code: String::new(),
        name: String::new(),
        contribution: sum(|p| p.contribution),
        spend: sum(|p| p.spend),
        variance: sum(|p| p.variance),
        risk_share: sum(|p| p.risk_share),
        due: sum(|p| p.due),
        stated: sum(|p| p.stated),
        unstated: sum(|p| p.unstated),
        paid: sum(|p| p.paid),
        disputed: sum(|p| p.disputed),
        called: sum(|p| p.called),
        paid_in: sum(|p| p.paid_in),
        balance: sum(|p| p.balance),
    };
    row(&mut out, "total".into(), &total, false);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spend::{Agreement, RiskShare, spend_report};
    use proptest::prelude::*;

    fn m(p: i64) -> Money {
        Money::from_pence(p)
    }

    #[test]
    fn the_year_shown_first_is_the_one_being_closed_then_the_one_running() {
        let d = |s: &str| crate::year::parse_iso_date(s).unwrap();
        let y = |s: &str| s.parse::<FinancialYear>().unwrap();
        // Through April, May and June the year just ended is being closed.
        assert_eq!(default_settlement_year(d("2026-04-01")), y("2025/26"));
        assert_eq!(default_settlement_year(d("2026-06-30")), y("2025/26"));
        // From July, and through the winter, the year running.
        assert_eq!(default_settlement_year(d("2026-07-01")), y("2026/27"));
        assert_eq!(default_settlement_year(d("2026-12-07")), y("2026/27"));
        assert_eq!(default_settlement_year(d("2027-03-31")), y("2026/27"));
    }

    #[test]
    fn payments_go_to_the_earlier_year_first() {
        assert_eq!(apportion_paid(&[m(100), m(50)], m(120)), [m(100), m(20)]);
        assert_eq!(apportion_paid(&[m(100), m(50)], m(30)), [m(30), m(0)]);
        assert_eq!(apportion_paid(&[m(100)], m(100)), [m(100)]);
        // A part that is a credit takes nothing.
        assert_eq!(apportion_paid(&[m(-10), m(50)], m(40)), [m(0), m(40)]);
        assert!(apportion_paid(&[], m(0)).is_empty());
    }

    fn report(rule: RiskShare, contributions: [i64; 3]) -> SpendReport {
        let partners = crate::spend::tests::partners();
        let a = Agreement {
            year: "2023/24".parse().unwrap(),
            risk_share: rule,
            contributions: contributions.iter().map(|&c| m(c)).collect(),
        };
        let year: FinancialYear = "2023/24".parse().unwrap();
        spend_report(
            year,
            year.end(),
            &partners,
            Some(&a),
            &[crate::cost::tests::oakfield()],
        )
    }

    #[test]
    fn the_due_is_the_contribution_and_the_risk_share_and_balances_sum_to_what_is_owed() {
        let names = ["Social care", "Education", "Health"].map(String::from);
        for rule in [RiskShare::Contributions, RiskShare::AsIncurred] {
            let r = report(rule, [1_000_000, 800_000, 700_000]);
            let stated: Vec<Money> = r.partners.iter().map(|p| p.projected).collect();
            let paid = [m(500_000), m(0), m(12_345)];
            let t = Takings {
                stated: stated.clone(),
                paid: paid.to_vec(),
                disputed: vec![m(0); 3],
                called: vec![m(0); 3],
                paid_in: vec![m(0), m(0), m(100)],
            };
            let lines = settle(&r, &names, None, &t);
            let spend: Money = lines.iter().map(|l| l.spend).sum();
            let due: Money = lines.iter().map(|l| l.due).sum();
            assert_eq!(due, r.projected, "{rule:?}");
            assert_eq!(spend, r.projected);
            for (l, p) in lines.iter().zip(&r.partners) {
                assert_eq!(l.due, p.contribution + p.risk_share);
                assert_eq!(l.unstated, Money::ZERO);
            }
            let balance: Money = lines.iter().map(|l| l.balance).sum();
            assert_eq!(balance, r.projected - m(500_000 + 12_345 + 100));
            if rule == RiskShare::AsIncurred {
                for l in &lines {
                    assert_eq!(l.due, l.spend);
                }
            }
            // With a lead partner the balances are money between partners: they add to nothing.
            let led = settle(&r, &names, Some(0), &t);
            assert_eq!(led.iter().map(|l| l.balance).sum::<Money>(), Money::ZERO);
            assert_eq!(led[1].balance, lines[1].balance);
        }
    }

    #[test]
    fn balances_are_said_in_words() {
        assert_eq!(balance_words(m(100), Some("SC"), false), "owes SC £1.00");
        assert_eq!(balance_words(m(100), None, false), "owes the pool £1.00");
        assert_eq!(
            balance_words(m(-100), None, false),
            "is owed £1.00 by the pool"
        );
        assert_eq!(
            balance_words(m(-100), Some("SC"), true),
            "is owed £1.00 by the others"
        );
        assert_eq!(
            balance_words(m(100), Some("SC"), true),
            "owes the others £1.00"
        );
        assert_eq!(balance_words(m(0), None, false), "is settled");
    }

    proptest! {
        #[test]
        fn apportioned_payments_add_up_to_what_was_paid(
            parts in proptest::collection::vec(-10_000i64..1_000_000, 1..4),
            paid in 0i64..3_000_000,
        ) {
            let parts: Vec<Money> = parts.into_iter().map(m).collect();
            let out = apportion_paid(&parts, m(paid));
            prop_assert_eq!(out.iter().copied().sum::<Money>(), m(paid));
            prop_assert!(out.iter().all(|&x| x >= Money::ZERO));
        }
    }
}
