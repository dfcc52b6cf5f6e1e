//! Partner statements (rule 17): what a partner's share of the spend grew by over a period,
//! placement by placement.
//!
//! A line is the partner's spend to date on the placement at the period's last day minus its
//! spend to date at the day before the period's first day, both within one financial year (a
//! period crossing 31 March is cut there into parts). Each spend to date is the sum of its
//! segments, each rounded to the penny and shared by largest remainder (rules 3–5), so
//! consecutive statements add up exactly to the year's spend to date.

use chrono::NaiveDate;

use crate::cost::Placement;
use crate::money::Money;
use crate::split::Percent;
use crate::year::FinancialYear;

/// The part of a statement's period within one financial year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeriodPart {
    /// The year.
    pub year: FinancialYear,
    /// Its first day in the period.
    pub from: NaiveDate,
    /// Its last day in the period.
    pub to: NaiveDate,
}

/// The period `from..=to` cut at each 31 March; empty when it ends before it starts.
pub fn period_parts(from: NaiveDate, to: NaiveDate) -> Vec<PeriodPart> {
    let mut parts = Vec::new();
    let mut cur = from;
    while cur <= to {
        let year = FinancialYear::containing(cur);
        let end = year.end().min(to);
        parts.push(PeriodPart {
            year,
            from: cur,
            to: end,
        });
        match end.succ_opt() {
            Some(next) => cur = next,
            None => break,
        }
    }
    parts
}

/// Partner `partner`'s spend to date on `p` in `year` as of `day` (rule 4): nothing before the
/// year starts, the whole year after it ends.
pub fn partner_to_date(
    p: &Placement,
    partner: usize,
    year: FinancialYear,
    day: NaiveDate,
) -> Money {
    let mut total = Money::ZERO;
    if day < year.start() {
        return total;
    }
    p.for_each_segment(year.start(), day.min(year.end()), |s| {
        if let Some(share) = s.shares.get(partner) {
            total += *share;
        }
    });
    total
}

/// What a placement puts on a partner's statement for one part of its period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineFigures {
    /// The days of the part the placement covers.
    pub days: u32,
    /// The partner's share in force over those days: the first day's, then each change, by
    /// the day it takes effect.
    pub shares: Vec<(NaiveDate, Percent)>,
    /// The partner's spend to date at the part's end less that at the day before its start.
    pub amount: Money,
}

/// The line placement `p` puts on partner `partner`'s statement for `part`, or none when
/// the placement has no day in it and costs the partner nothing in it.
pub fn line_figures(p: &Placement, partner: usize, part: &PeriodPart) -> Option<LineFigures> {
    let before = part.from.pred_opt().unwrap_or(part.from);
    let amount = partner_to_date(p, partner, part.year, part.to)
        - if part.from == part.year.start() {
            Money::ZERO
        } else {
            partner_to_date(p, partner, part.year, before)
        };
    let first = p.start.max(part.from);
    let last = p.end.map_or(part.to, |e| e.min(part.to));
    let days = if first <= last {
        u32::try_from((last - first).num_days() + 1).unwrap_or(u32::MAX)
    } else {
        0
    };
    if days == 0 && amount == Money::ZERO {
        return None;
    }
    let mut shares = Vec::new();
    if days > 0 {
        if let Some(i) = p.split_on(first) {
            shares.push((
                first,
                p.splits[i]
                    .shares
                    .get(partner)
                    .copied()
                    .unwrap_or(Percent::ZERO),
            ));
        }
        for s in p.splits.iter().filter(|s| s.from > first && s.from <= last) {
            shares.push((
                s.from,
                s.shares.get(partner).copied().unwrap_or(Percent::ZERO),
            ));
        }
    }
    Some(LineFigures {
        days,
        shares,
        amount,
    })
}

/// One placement's line on a statement, for one part of the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementLine {
    /// The financial year of the part.
    pub year: FinancialYear,
    /// The part's first day.
    pub from: NaiveDate,
    /// The part's last day.
    pub to: NaiveDate,
    /// The case's row id.
    pub case_id: i64,
    /// The case's reference.
    pub case_reference: String,
    /// The child's initials.
    pub initials: String,
    /// The placement's row id.
    pub placement_id: i64,
    /// The provider.
    pub provider: String,
    /// The numbers of the final decisions on the placement made by the part's last day,
    /// leaving out any amended by the period's last day (the amending one stands instead).
    pub decisions: Vec<String>,
    /// The partner's share in force over the days, from each day it took effect.
    pub shares: Vec<(NaiveDate, Percent)>,
    /// The days of the part the placement covers.
    pub days: u32,
    /// What the partner's share grew by over the part; for an adjustment, what it grew by
    /// as the placement now stands less what was stated for the part before.
    pub amount: Money,
    /// For an adjustment line, the number of the statement issued before whose part it
    /// corrects; `None` for a line of the statement's own period.
    pub adjusts: Option<String>,
    /// For an adjustment line, the numbers of the disputes whose resolution it carries.
    pub disputes: Vec<String>,
}

/// What a partner's share of the spend grew by over a period, placement by placement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// The partner's code.
    pub partner: String,
    /// Its name.
    pub partner_name: String,
    /// The period's first day.
    pub from: NaiveDate,
    /// Its last day.
    pub to: NaiveDate,
    /// The period cut at each 31 March.
    pub parts: Vec<PeriodPart>,
    /// The lines, part by part, by case reference and placement; then the adjustments to
    /// statements issued before, by the statement they correct.
    pub lines: Vec<StatementLine>,
    /// Their sum.
    pub total: Money,
    /// For each part in a pooled year (rule 7), the partner's contribution and its share of
    /// the spend to date beside what was called and paid in, at the part's last day; kept as
    /// it was when the statement was issued.
    pub pool: Vec<PoolLine>,
}

/// A partner's place in a pooled year at a statement part's last day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolLine {
    /// The pooled year.
    pub year: FinancialYear,
    /// The day the figures are at: the part's last day.
    pub on: NaiveDate,
    /// The partner's contribution for the year, as the agreement gives it.
    pub contribution: Money,
    /// The partner's share of the spend in the year to `on` (its statements' lines for the
    /// year so far add up to it).
    pub spend: Money,
    /// Its contribution called by `on`.
    pub called: Money,
    /// Paid in against the calls by `on`.
    pub paid_in: Money,
}

impl PoolLine {
    /// The figures in a sentence, as statements print them.
    pub fn words(&self) -> String {
        format!(
            "{} pooled budget at {}: contribution {}, of which {} called and {} paid in; share of the spend to date {}.",
            self.year,
            self.on.format("%d/%m/%Y"),
            self.contribution,
            self.called,
            self.paid_in,
            self.spend
        )
    }
}

/// The shares of a line read back from [`StatementLine::share_text`]'s words: `33%` is in
/// force from `first`; each `30% from 01/06/2026` from its day. `None` for words it did not
/// write.
pub fn parse_share_text(text: &str, first: NaiveDate) -> Option<Vec<(NaiveDate, Percent)>> {
    if text == "—" {
        return Some(Vec::new());
    }
    text.split(", ")
        .map(|part| {
            let (pct, on) = match part.split_once("% from ") {
                Some((p, d)) => (p, NaiveDate::parse_from_str(d, "%d/%m/%Y").ok()?),
                None => (part.strip_suffix('%')?, first),
            };
            Some((on, Percent::parse(pct).ok()?))
        })
        .collect()
}

/// The ages of a debt, from its statement's date: 0–30, 31–60, 61–90 and over 90 days.
pub const DEBT_BANDS: [&str; 4] = ["0–30 days", "31–60 days", "61–90 days", "over 90 days"];

/// Which of [`DEBT_BANDS`] a sum owed on a statement issued on `issued_on` falls in on
/// `as_of`.
pub fn debt_band(issued_on: NaiveDate, as_of: NaiveDate) -> usize {
    match (as_of - issued_on).num_days() {
        ..=30 => 0,
        31..=60 => 1,
        61..=90 => 2,
        _ => 3,
    }
}

/// A statement's number: the partner's code, the financial year and its place in the
/// partner's statements of that year, `HE/26-27/03`.
pub fn statement_number(partner: &str, year: FinancialYear, seq: u32) -> String {
    format!("{partner}/{}/{seq:02}", year.short_label())
}

/// A dispute's number: its place among the disputes raised in its financial year,
/// `DSP/26-27/001`.
pub fn dispute_number(year: FinancialYear, seq: u32) -> String {
    format!("DSP/{}/{seq:03}", year.short_label())
}

/// The day an open dispute raised on `raised_on` is escalated, `days` later (rule 18).
pub fn escalation_date(raised_on: NaiveDate, days: u32) -> NaiveDate {
    raised_on + chrono::Duration::days(i64::from(days))
}

/// A dispute as a partner raises it, validated: why, and what it says (rule 18).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDispute {
    /// Whether it disputes the line or its placement's split.
    pub scope: crate::model::DisputeScope,
    /// Why.
    pub reason: crate::model::DisputeReason,
    /// What the partner says; needed when the reason is "other".
    pub note: String,
}

/// Validates a dispute's fields: the scope (`line` or `split`), the reason's code and the
/// note, which another reason must explain.
pub fn new_dispute(
    scope: &str,
    reason: &str,
    note: &str,
) -> Result<NewDispute, Vec<crate::field::FieldError>> {
    use crate::field::FieldError;
    use crate::model::{DisputeReason, DisputeScope};
    let scope = DisputeScope::parse(scope.trim()).map_err(|_| {
        FieldError::new(
            "scope",
            "Choose whether the line or its placement's split is disputed",
        )
    });
    let reason = DisputeReason::parse(reason.trim())
        .map_err(|_| FieldError::new("reason", "Choose why the partner disputes it"));
    let note = crate::field::text_input("note", "Note", note, false, 2000).and_then(|n| {
        if n.is_empty() && reason == Ok(DisputeReason::Other) {
            Err(FieldError::new(
                "note",
                "Say what the partner disputes: the reason is \"other\"",
            ))
        } else {
            Ok(n)
        }
    });
    match (scope, reason, note) {
        (Ok(scope), Ok(reason), Ok(note)) => Ok(NewDispute {
            scope,
            reason,
            note,
        }),
        (s, r, n) => Err([s.err(), r.err(), n.err()].into_iter().flatten().collect()),
    }
}

/// The statement as CSV for the partner's ledger: a row a line, then the total; money as
/// plain decimals, dates ISO, the share as the screens say it.
pub fn statement_csv(s: &Statement) -> String {
    use crate::ledger::{csv_row, csv_text};
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "partner",
            "year",
            "from",
            "to",
            "case",
            "initials",
            "provider",
            "decisions",
            "share",
            "days",
            "amount",
            "adjusts",
            "disputes",
        ]
        .map(String::from),
    );
    for l in &s.lines {
        csv_row(
            &mut out,
            &[
                csv_text(&s.partner),
                l.year.to_string(),
                l.from.to_string(),
                l.to.to_string(),
                csv_text(&l.case_reference),
                csv_text(&l.initials),
                csv_text(&l.provider),
                csv_text(&l.decisions.join(" ")),
                csv_text(&l.share_text()),
                l.days.to_string(),
                l.amount.to_plain(),
                csv_text(l.adjusts.as_deref().unwrap_or_default()),
                csv_text(&l.disputes.join(" ")),
            ],
        );
    }
    csv_row(
        &mut out,
        &[
            csv_text(&s.partner),
            String::new(),
            s.from.to_string(),
            s.to.to_string(),
            "total".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            s.total.to_plain(),
            String::new(),
            String::new(),
        ],
    );
    out
}

impl StatementLine {
    /// The partner's share in words: `33%`, or each share from the day it applies when the
    /// placement starts later in the part or the share changes in it (`0% from 10/05/2026,
    /// 30% from 01/06/2026`).
    pub fn share_text(&self) -> String {
        match self.shares.as_slice() {
            [] => "—".into(),
            [(on, only)] if *on == self.from => format!("{only}%"),
            many => many
                .iter()
                .map(|(on, p)| format!("{p}% from {}", on.format("%d/%m/%Y")))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// A dispute on the register, with where it stands as of a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisputeEntry {
    /// Row id.
    pub id: i64,
    /// Its number, e.g. `DSP/26-27/001`.
    pub number: String,
    /// The partner's code.
    pub partner: String,
    /// The partner's name.
    pub partner_name: String,
    /// The statement whose line is disputed.
    pub statement: String,
    /// The line's place on it, from 1.
    pub line: u32,
    /// The line or its placement's split.
    pub scope: crate::model::DisputeScope,
    /// The case's row id.
    pub case_id: i64,
    /// The case's reference.
    pub case_reference: String,
    /// The child's initials.
    pub initials: String,
    /// The placement's row id.
    pub placement_id: i64,
    /// The provider.
    pub provider: String,
    /// Why.
    pub reason: crate::model::DisputeReason,
    /// What the partner said.
    pub note: String,
    /// The day it was raised.
    pub raised_on: NaiveDate,
    /// What it holds as disputed.
    pub amount: Money,
    /// Where it stands.
    pub status: crate::model::DisputeStatus,
    /// Its age in days, to the day it closed or to the day asked about.
    pub age_days: i64,
    /// The day it is (or was to be) escalated if still open.
    pub escalation_date: NaiveDate,
    /// Open past its escalation date.
    pub escalated: bool,
    /// The meeting whose agenda brings it: its row id and date.
    pub meeting: Option<(i64, NaiveDate)>,
    /// The day it closed.
    pub closed_on: Option<NaiveDate>,
    /// The number of the decision that resolved it.
    pub decision: Option<String>,
    /// What was said on closing it.
    pub closing_note: String,
}

/// Disputes as CSV: a row a dispute, money as plain decimals, dates ISO.
pub fn disputes_csv(as_of: NaiveDate, disputes: &[DisputeEntry]) -> String {
    use crate::ledger::{csv_row, csv_text};
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "as_of",
            "number",
            "partner",
            "statement",
            "line",
            "scope",
            "case",
            "provider",
            "reason",
            "note",
            "raised_on",
            "amount",
            "status",
            "age_days",
            "escalation_date",
            "escalated",
            "closed_on",
            "decision",
        ]
        .map(String::from),
    );
    for d in disputes {
        csv_row(
            &mut out,
            &[
                as_of.to_string(),
                csv_text(&d.number),
                csv_text(&d.partner),
                csv_text(&d.statement),
                d.line.to_string(),
                d.scope.code().into(),
                csv_text(&d.case_reference),
                csv_text(&d.provider),
                d.reason.code().into(),
                csv_text(&d.note),
                d.raised_on.to_string(),
                d.amount.to_plain(),
                d.status.code().into(),
                d.age_days.to_string(),
                d.escalation_date.to_string(),
                d.escalated.to_string(),
                d.closed_on.map(|c| c.to_string()).unwrap_or_default(),
                csv_text(d.decision.as_deref().unwrap_or_default()),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::{CostLine, Per, SplitPeriod};
    use crate::year::parse_iso_date;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        parse_iso_date(s).unwrap()
    }

    fn pct(s: &str) -> Percent {
        Percent::parse(s).unwrap()
    }

    fn months(year: FinancialYear) -> Vec<(NaiveDate, NaiveDate)> {
        let mut out = Vec::new();
        let mut from = year.start();
        while from <= year.end() {
            let next = from.checked_add_months(chrono::Months::new(1)).unwrap();
            out.push((from, next.pred_opt().unwrap()));
            from = next;
        }
        out
    }

    #[test]
    fn a_lines_share_reads_back_from_its_words() {
        let line = |shares: Vec<(NaiveDate, Percent)>| StatementLine {
            year: FinancialYear::starting(2026).unwrap(),
            from: d("2026-05-01"),
            to: d("2026-06-30"),
            case_id: 1,
            case_reference: "CN-1".into(),
            initials: "A.B.".into(),
            placement_id: 1,
            provider: "P".into(),
            decisions: Vec::new(),
            shares,
            days: 61,
            amount: Money::ZERO,
            adjusts: None,
            disputes: Vec::new(),
        };
        for shares in [
            vec![(d("2026-05-01"), pct("33.33"))],
            vec![(d("2026-05-20"), pct("25"))],
            vec![(d("2026-05-10"), pct("0")), (d("2026-06-01"), pct("30"))],
            Vec::new(),
        ] {
            let l = line(shares.clone());
            assert_eq!(parse_share_text(&l.share_text(), l.from), Some(shares));
        }
        assert_eq!(parse_share_text("a third", d("2026-05-01")), None);
    }

    #[test]
    fn a_debt_ages_from_its_statements_date() {
        let issued = d("2026-10-01");
        for (as_of, band) in [
            ("2026-10-01", 0),
            ("2026-10-31", 0),
            ("2026-11-01", 1),
            ("2026-11-30", 1),
            ("2026-12-01", 2),
            ("2026-12-30", 2),
            ("2026-12-31", 3),
            ("2027-06-01", 3),
        ] {
            assert_eq!(debt_band(issued, d(as_of)), band, "{as_of}");
        }
    }

    #[test]
    fn a_period_is_cut_at_each_31_march() {
        let parts = period_parts(d("2026-03-15"), d("2027-04-10"));
        let shown: Vec<(String, NaiveDate, NaiveDate)> = parts
            .iter()
            .map(|p| (p.year.to_string(), p.from, p.to))
            .collect();
        assert_eq!(
            shown,
            [
                ("2025/26".into(), d("2026-03-15"), d("2026-03-31")),
                ("2026/27".into(), d("2026-04-01"), d("2027-03-31")),
                ("2027/28".into(), d("2027-04-01"), d("2027-04-10")),
            ]
        );
        assert!(period_parts(d("2026-05-02"), d("2026-05-01")).is_empty());
        assert_eq!(period_parts(d("2026-05-01"), d("2026-05-01")).len(), 1);
    }

    #[test]
    fn a_line_shows_its_days_its_share_and_what_it_grew_by() {
        // £700 a week from 10 May, Health 0% then 30% from 1 June.
        let p = Placement {
            start: d("2026-05-10"),
            end: None,
            cost_lines: vec![CostLine {
                description: "Fee".into(),
                per: Per::Week,
                amount: Money::from_pounds(700),
                from: d("2026-05-10"),
                to: None,
            }],
            splits: vec![
                SplitPeriod {
                    from: d("2026-05-10"),
                    shares: vec![pct("50"), pct("50"), pct("0")],
                },
                SplitPeriod {
                    from: d("2026-06-01"),
                    shares: vec![pct("35"), pct("35"), pct("30")],
                },
            ],
        };
        let may = period_parts(d("2026-05-01"), d("2026-05-31"))[0];
        let l = line_figures(&p, 2, &may).unwrap();
        assert_eq!((l.days, l.amount), (22, Money::ZERO));
        assert_eq!(l.shares, [(d("2026-05-10"), pct("0"))]);
        let both = period_parts(d("2026-05-01"), d("2026-06-30"))[0];
        let l = line_figures(&p, 2, &both).unwrap();
        // June: 30 days of £100 a day, 30% of it.
        assert_eq!(l.amount, Money::from_pounds(900));
        assert_eq!(
            l.shares,
            [(d("2026-05-10"), pct("0")), (d("2026-06-01"), pct("30"))]
        );
        // April: no day and nothing spent, no line.
        let april = period_parts(d("2026-04-01"), d("2026-04-30"))[0];
        assert_eq!(line_figures(&p, 0, &april), None);
    }

    proptest! {
        /// Twelve monthly statements add up, to the penny, to each partner's spend to date for
        /// the whole year, whatever the rates, splits and dates (rule 17).
        #[test]
        fn monthly_statements_add_up_to_the_year(
            start in 0i64..500,
            length in proptest::option::of(1i64..700),
            pence in proptest::collection::vec((1i64..2_000_000, 0usize..4, 0i64..400), 1..4),
            split_at in 1i64..300,
            first in 0u32..=10_000,
            second in 0u32..=10_000,
        ) {
            let year = FinancialYear::starting(2026).unwrap();
            let base = d("2026-01-01");
            let start = base + chrono::Duration::days(start);
            let pers = [Per::Week, Per::Day, Per::Year, Per::Once];
            let cost_lines = pence
                .iter()
                .map(|&(p, per, offset)| CostLine {
                    description: "Line".into(),
                    per: pers[per],
                    amount: Money::from_pence(p),
                    from: start + chrono::Duration::days(offset),
                    to: None,
                })
                .collect();
            let three = |a: u32| {
                let b = (10_000 - a) / 2;
                vec![
                    Percent::from_basis_points(a).unwrap(),
                    Percent::from_basis_points(b).unwrap(),
                    Percent::from_basis_points(10_000 - a - b).unwrap(),
                ]
            };
            let p = Placement {
                start,
                end: length.map(|l| start + chrono::Duration::days(l)),
                cost_lines,
                splits: vec![
                    SplitPeriod { from: start, shares: three(first) },
                    SplitPeriod { from: start + chrono::Duration::days(split_at), shares: three(second) },
                ],
            };
            for partner in 0..3 {
                let mut sum = Money::ZERO;
                for (from, to) in months(year) {
                    for part in period_parts(from, to) {
                        if let Some(l) = line_figures(&p, partner, &part) {
                            sum += l.amount;
                        }
                    }
                }
                prop_assert_eq!(sum, partner_to_date(&p, partner, year, year.end()));
            }
        }
    }
}
