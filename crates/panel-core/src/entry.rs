//! What an administrator types for a case and its placements, validated field by field, and
//! the live preview of a placement's cost (rules 3–6) shown while it is typed.

use chrono::{Datelike, NaiveDate};

use crate::cost::{CostLine, Per, Placement, SplitPeriod, pro_rata};
use crate::field::{FieldError, Problems, parse_date_input, text_input};
use crate::model::{PlacementRecord, PlacementType};
use crate::money::Money;
use crate::split::{Percent, WHOLE, allocate, allocate_by_percent, format_basis_points};
use crate::text::valid_initials;
use crate::year::FinancialYear;

/// A case as entered, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCase {
    /// Case reference.
    pub reference: String,
    /// Initials (never a full name).
    pub initials: String,
    /// Date of birth, if known.
    pub date_of_birth: Option<NaiveDate>,
    /// Summary of needs.
    pub needs: String,
}

/// Whole years of age on `day`.
pub fn age_on(date_of_birth: NaiveDate, day: NaiveDate) -> i32 {
    let mut age = day.year() - date_of_birth.year();
    if (day.month(), day.day()) < (date_of_birth.month(), date_of_birth.day()) {
        age -= 1;
    }
    age
}

/// Validates a case's fields as of `today`. A case is a child or young person aged 0–25.
pub fn new_case(
    reference: &str,
    initials: &str,
    date_of_birth: &str,
    needs: &str,
    today: NaiveDate,
) -> Result<NewCase, Vec<FieldError>> {
    let mut p = Problems::default();
    let reference = p.take(
        text_input("reference", "Case reference", reference, true, 32).and_then(|r| {
            match crate::text::case_reference_problem(&r) {
                None => Ok(r),
                Some(problem) => Err(FieldError::labelled("reference", "Case reference", problem)),
            }
        }),
    );
    let initials = p.take(text_input("initials", "Initials", initials, true, 16).and_then(|i| {
        if valid_initials(&i) {
            Ok(i)
        } else {
            Err(FieldError::labelled(
                "initials",
                "Initials",
                format!(
                    "\"{i}\" is not initials (capital letters with dots, e.g. A.B.): records never hold a full name"
                ),
            ))
        }
    }));
    let dob = match date_of_birth.trim() {
        "" => Some(None),
        text => p.take(
            parse_date_input("date_of_birth", "Date of birth", text).and_then(|d| {
                if d > today {
                    Err(FieldError::worded(
                        "date_of_birth",
                        "Date of birth cannot be in the future".into(),
                        "the date of birth cannot be in the future",
                    ))
                } else if age_on(d, today) > 25 {
                    Err(FieldError::labelled(
                        "date_of_birth",
                        "Date of birth",
                        format!(
                            "the panel considers children and young people aged 0–25; this is {} years ago",
                            age_on(d, today)
                        ),
                    ))
                } else {
                    Ok(Some(d))
                }
            }),
        ),
    };
    let needs = p.take(text_input("needs", "Needs summary", needs, false, 4000));
    p.finish(|| {
        Some(NewCase {
            reference: reference?,
            initials: initials?,
            date_of_birth: dob?,
            needs: needs?,
        })
    })
}

/// A cost line as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CostLineInput {
    /// What it is for.
    pub description: String,
    /// `week`, `day`, `year` or `once`.
    pub per: String,
    /// Amount as typed.
    pub amount: String,
    /// From (or the date of a one-off amount).
    pub from: String,
    /// To, empty for open.
    pub to: String,
}

/// A split as typed: a date and one percentage per partner.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SplitInput {
    /// In force from.
    pub from: String,
    /// One percentage per partner, in partner order.
    pub shares: Vec<String>,
}

/// A placement as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlacementInput {
    /// Provider.
    pub provider: String,
    /// Type code.
    pub kind: String,
    /// Start date.
    pub start: String,
    /// End date, empty for open-ended.
    pub end: String,
    /// Cost lines.
    pub lines: Vec<CostLineInput>,
    /// Splits, in date order.
    pub splits: Vec<SplitInput>,
}

/// Validates a placement for `partners` partners; every problem is returned, named by field
/// (`provider`, `lines.1.amount`, `splits.0.shares.2` …).
pub fn placement_input(
    input: &PlacementInput,
    partners: usize,
) -> Result<PlacementRecord, Vec<FieldError>> {
    let mut p = Problems::default();
    let provider = p.take(text_input(
        "provider",
        "Provider",
        &input.provider,
        true,
        crate::text::limit::NAME,
    ));
    let kind = p.take(
        PlacementType::parse(&input.kind)
            .map_err(|_| FieldError::new("kind", "Choose the type of placement")),
    );
    let start = p.take(parse_date_input("start", "Start date", &input.start));
    let end = p
        .optional_date("end", "End date", &input.end)
        .and_then(|end| {
            if let (Some(s), Some(e)) = (start, end)
                && e < s
            {
                p.add(FieldError::worded(
                    "end",
                    "End date cannot be before the start date".into(),
                    "the end date cannot be before the start date",
                ));
                return None;
            }
            Some(end)
        });

    if input.lines.is_empty() {
        p.push("lines", "Add at least one cost line");
    }
    let mut lines = Vec::with_capacity(input.lines.len());
    for (i, l) in input.lines.iter().enumerate() {
        let f = |name: &str| format!("lines.{i}.{name}");
        let n = i + 1;
        let description = p.take(text_input(
            &f("description"),
            &format!("Cost line {n}: description"),
            &l.description,
            true,
            crate::text::limit::NAME,
        ));
        let per = p.take(l.per.parse::<Per>().map_err(|_| {
            FieldError::labelled(&f("per"), &format!("Cost line {n}"), "choose the unit")
        }));
        let amount = p.take(
            Money::parse(&format!("Cost line {n}: amount"), &l.amount)
                .map_err(|e| FieldError::worded(&f("amount"), e.to_string(), e.problem())),
        );
        let from = p.take(parse_date_input(
            &f("from"),
            &format!("Cost line {n}: from"),
            &l.from,
        ));
        let to = p.optional_date(&f("to"), &format!("Cost line {n}: to"), &l.to);
        // The line's rules are the domain's, whichever door the line comes in by; the form
        // only labels them. The placement's dates bound the line once they are readable.
        let within = match (start, end) {
            (Some(s), Some(e)) => Some((s, e)),
            _ => None,
        };
        let known = crate::cost::LineFields {
            per,
            amount,
            from,
            to,
        };
        let problems = crate::cost::cost_line_problems(i, &known, within);
        let refused = |field: &str| problems.iter().any(|x| x.field == field);
        let (amount, from, to) = (
            amount.filter(|_| !refused("amount")),
            from.filter(|_| !refused("from")),
            to.filter(|_| !refused("to")),
        );
        for problem in problems {
            p.add(FieldError::worded(
                &f(problem.field),
                format!("Cost line {n}: {} {}", problem.field, problem.message),
                problem.message,
            ));
        }
        lines.push((description, per, amount, from, to));
    }

    if input.splits.is_empty() {
        p.push("splits", "Add the split of the cost between partners");
    }
    let mut splits = Vec::with_capacity(input.splits.len());
    let mut previous: Option<NaiveDate> = None;
    for (i, s) in input.splits.iter().enumerate() {
        let n = i + 1;
        let from = p
            .take(parse_date_input(
                &format!("splits.{i}.from"),
                &format!("Split {n}: in force from"),
                &s.from,
            ))
            .and_then(|d| {
                if i == 0 && start.is_some_and(|st| d > st) {
                    p.push(
                        &format!("splits.{i}.from"),
                        "The first split must be in force from the placement's start",
                    );
                    return None;
                }
                if previous.is_some_and(|prev| d <= prev) {
                    p.push(
                        &format!("splits.{i}.from"),
                        format!("Split {n} must start after the split before it"),
                    );
                    return None;
                }
                previous = Some(d);
                Some(d)
            });
        if s.shares.len() != partners {
            p.push(
                &format!("splits.{i}"),
                format!(
                    "Split {n} has {} shares; there are {partners} partners",
                    s.shares.len()
                ),
            );
            continue;
        }
        let mut shares = Vec::with_capacity(partners);
        for (k, text) in s.shares.iter().enumerate() {
            let field = format!("splits.{i}.shares.{k}");
            let text = if text.trim().is_empty() { "0" } else { text };
            shares.push(p.take(
                Percent::parse(text).map_err(|e| {
                    FieldError::labelled(&field, &format!("Split {n}"), e.to_string())
                }),
            ));
        }
        let shares: Option<Vec<Percent>> = shares.into_iter().collect();
        if let Some(shares) = &shares {
            let sum: u32 = shares.iter().map(|s| s.basis_points()).sum();
            if sum != WHOLE {
                p.add(FieldError::labelled(
                    &format!("splits.{i}"),
                    &format!("Split {n}"),
                    format!(
                        "the shares add up to {}%; they must add up to exactly 100%",
                        format_basis_points(sum)
                    ),
                ));
            }
        }
        splits.push(from.zip(shares));
    }

    p.finish(|| {
        let cost_lines = lines
            .into_iter()
            .map(|(description, per, amount, from, to)| {
                Some(CostLine {
                    description: description?,
                    per: per?,
                    amount: amount?,
                    from: from?,
                    to: to?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let splits = splits
            .into_iter()
            .map(|s| s.map(|(from, shares)| SplitPeriod { from, shares }))
            .collect::<Option<Vec<_>>>()?;
        let placement = Placement {
            start: start?,
            end: end?,
            cost_lines,
            splits,
        };
        placement.validate(partners).ok()?;
        Some(PlacementRecord {
            provider: provider?,
            kind: kind?,
            placement,
        })
    })
}

/// The split the pooled agreement's contributions imply: each partner's contribution as a
/// percentage of the total, to two decimals, summing to exactly 100% (rule 5 on 10,000
/// hundredths). `None` when there are no contributions.
pub fn default_split(contributions: &[Money]) -> Option<Vec<Percent>> {
    let weights: Vec<i64> = contributions.iter().map(|m| m.pence()).collect();
    allocate(Money::from_pence(i64::from(WHOLE)), &weights)?
        .into_iter()
        .map(|bp| {
            u32::try_from(bp.pence())
                .ok()
                .and_then(Percent::from_basis_points)
        })
        .collect()
}

/// What a placement costs, as shown beside its entry form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CostPreview {
    /// The day the figures are for: today, or the nearest day the placement covers.
    pub day: NaiveDate,
    /// The equivalent cost per week on that day.
    pub weekly: Money,
    /// The financial year of that day.
    pub year: FinancialYear,
    /// The cost in that financial year (open ends projected to its end, rule 4).
    pub this_year: Money,
    /// Each partner's part of it (sums of each segment's shares, rule 3).
    pub this_year_shares: Vec<Money>,
    /// The cost of a whole financial year at the rates and split in force on the day.
    pub full_year: Money,
    /// Each partner's part of it.
    pub full_year_shares: Vec<Money>,
    /// The split in force on the day.
    pub split: Vec<Percent>,
    /// The year's cost split by split, one group for each split in force in the year with its
    /// dates: every percentage beside the amounts it shared. They add up to `this_year` and
    /// `this_year_shares`.
    pub by_split: Vec<SplitInYear>,
}

/// The part of a year's cost shared by one split (rules 3 and 6).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitInYear {
    /// The first day of the year this split is in force on.
    pub from: NaiveDate,
    /// Its last day in the year: the day before the next split, the placement's end, or the
    /// year's end (an open end is projected to it, rule 4).
    pub to: NaiveDate,
    /// The percentages.
    pub shares: Vec<Percent>,
    /// The cost shared by it in the year.
    pub cost: Money,
    /// Each partner's part of that cost.
    pub amounts: Vec<Money>,
}

/// The preview of a validated placement's cost as of `today`.
pub fn cost_preview(p: &Placement, today: NaiveDate, partners: usize) -> CostPreview {
    let day = match p.end {
        Some(end) if today > end => end,
        _ if today < p.start => p.start,
        _ => today,
    };
    let year = FinancialYear::containing(day);
    let mut this_year = Money::ZERO;
    let mut this_year_shares = vec![Money::ZERO; partners];
    let mut groups: Vec<(usize, Money, Vec<Money>)> = Vec::new();
    p.for_each_segment(year.start(), year.end(), |s| {
        this_year += s.cost;
        for (t, &share) in this_year_shares.iter_mut().zip(&s.shares) {
            *t += share;
        }
        let g = match groups.iter().position(|g| g.0 == s.split) {
            Some(g) => g,
            None => {
                groups.push((s.split, Money::ZERO, vec![Money::ZERO; partners]));
                groups.len() - 1
            }
        };
        groups[g].1 += s.cost;
        for (t, &share) in groups[g].2.iter_mut().zip(&s.shares) {
            *t += share;
        }
    });
    groups.sort_by_key(|g| g.0);
    let by_split = groups
        .into_iter()
        .map(|(i, cost, amounts)| {
            let split = &p.splits[i];
            let until = p
                .splits
                .get(i + 1)
                .and_then(|n| n.from.pred_opt())
                .unwrap_or(year.end());
            let to = p.end.map_or(until, |e| e.min(until)).min(year.end());
            SplitInYear {
                from: split.from.max(year.start()).max(p.start),
                to,
                shares: split.shares.clone(),
                cost,
                amounts,
            }
        })
        .collect();
    let split = p
        .split_on(day)
        .map(|i| p.splits[i].shares.clone())
        .unwrap_or_else(|| vec![Percent::ZERO; partners]);
    let mut full_year = Money::ZERO;
    for line in &p.cost_lines {
        let in_force =
            line.per != Per::Once && line.from <= day && line.to.is_none_or(|t| day <= t);
        if in_force {
            full_year += pro_rata(line.amount, line.per, year.days(), year);
        }
    }
    let full_year_shares =
        allocate_by_percent(full_year, &split).unwrap_or_else(|| vec![Money::ZERO; partners]);
    CostPreview {
        day,
        weekly: p.weekly_equivalent(day),
        year,
        this_year,
        this_year_shares,
        full_year,
        full_year_shares,
        split,
        by_split,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::year::parse_iso_date;

    fn d(s: &str) -> NaiveDate {
        parse_iso_date(s).unwrap()
    }

    fn line(description: &str, per: &str, amount: &str, from: &str, to: &str) -> CostLineInput {
        CostLineInput {
            description: description.into(),
            per: per.into(),
            amount: amount.into(),
            from: from.into(),
            to: to.into(),
        }
    }

    fn split(from: &str, shares: &[&str]) -> SplitInput {
        SplitInput {
            from: from.into(),
            shares: shares.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn good() -> PlacementInput {
        PlacementInput {
            provider: "Oakfield House".into(),
            kind: "residential".into(),
            start: "01/04/2026".into(),
            end: String::new(),
            lines: vec![
                line(
                    "Placement fee",
                    "week",
                    "£4,500.00",
                    "01/04/2026",
                    "30/09/2026",
                ),
                line("Placement fee", "week", "4725", "01/10/2026", ""),
                line("1:1 support", "day", "120.50", "01/04/2026", ""),
            ],
            splits: vec![split("01/04/2026", &["50", "25", "25"])],
        }
    }

    #[test]
    fn a_typed_placement_becomes_a_record() {
        let r = placement_input(&good(), 3).unwrap();
        assert_eq!(r.provider, "Oakfield House");
        assert_eq!(r.placement.cost_lines.len(), 3);
        assert_eq!(r.placement.cost_lines[1].amount, Money::from_pounds(4725));
        assert_eq!(r.placement.cost_lines[0].to, Some(d("2026-09-30")));
        assert_eq!(r.placement.splits[0].shares[0].basis_points(), 5000);
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut input = good();
        input.provider = " ".into();
        input.kind = "castle".into();
        input.lines[0].amount = "12.345".into();
        input.lines[1].from = "31/02/2026".into();
        input.lines[2].per = "month".into();
        input.lines[2].to = "01/03/2026".into();
        input.splits[0].shares[2] = "24.99".into();
        let fields: Vec<String> = placement_input(&input, 3)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "provider",
                "kind",
                "lines.0.amount",
                "lines.1.from",
                "lines.2.per",
                "lines.2.to",
                "splits.0"
            ]
        );
    }

    #[test]
    fn the_form_refuses_a_cost_line_for_the_same_reasons_as_a_file() {
        // Each line breaks one rule of the domain's; the form names the same fields with the
        // same words after its own label as the file importer does after its path.
        let mut input = good();
        input.end = "31/03/2027".into();
        input.lines = vec![
            line("Fee", "week", "20000000", "01/04/2026", ""),
            line("Fee", "day", "-5", "01/04/2026", ""),
            line("Credit", "once", "0", "01/04/2026", ""),
            line("Assessment", "once", "900", "01/03/2026", ""),
            line("1:1", "week", "300", "01/05/2026", "01/04/2027"),
            line("1:1", "week", "300", "01/06/2026", "01/05/2026"),
            line("Deposit", "once", "100", "01/06/2026", "02/06/2026"),
        ];
        let errors = placement_input(&input, 3).unwrap_err();
        let from_form: Vec<(String, String)> = errors
            .iter()
            .map(|e| (e.field.clone(), e.problem.clone()))
            .collect();
        let per = |s: &str| s.parse::<Per>().unwrap();
        let placement = Placement {
            start: d("2026-04-01"),
            end: Some(d("2027-03-31")),
            cost_lines: input
                .lines
                .iter()
                .map(|l| CostLine {
                    description: l.description.clone(),
                    per: per(&l.per),
                    amount: Money::parse("amount", &l.amount).unwrap(),
                    from: parse_date_input("from", "From", &l.from).unwrap(),
                    to: (!l.to.is_empty()).then(|| parse_date_input("to", "To", &l.to).unwrap()),
                })
                .collect(),
            splits: vec![],
        };
        let from_file: Vec<(String, String)> = crate::cost::line_problems(&placement)
            .into_iter()
            .map(|p| (format!("lines.{}.{}", p.line, p.field), p.message))
            .collect();
        assert_eq!(from_form, from_file);
        assert_eq!(from_form.len(), 7, "{from_form:#?}");
        assert_eq!(
            errors[0].message,
            "Cost line 1: amount £20,000,000.00 is above the most one cost line may be (£10,000,000.00)"
        );
        assert_eq!(
            errors[5].message,
            "Cost line 6: to 01/05/2026 is before the line starts (01/06/2026)"
        );
    }

    #[test]
    fn dates_and_splits_must_hang_together() {
        let mut input = good();
        input.end = "31/03/2026".into();
        let errs = placement_input(&input, 3).unwrap_err();
        assert_eq!(errs[0].field, "end");

        let mut input = good();
        input.end = "31/12/2026".into();
        input.lines[1].to = "31/01/2027".into();
        let errs = placement_input(&input, 3).unwrap_err();
        assert_eq!(errs[0].field, "lines.1.to");
        assert!(
            errs[0].message.contains("31/01/2027"),
            "{}",
            errs[0].message
        );

        let mut input = good();
        input.splits[0].from = "02/04/2026".into();
        input.splits.push(split("01/04/2026", &["100", "", ""]));
        let fields: Vec<String> = placement_input(&input, 3)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["splits.0.from"]);

        let mut input = good();
        input.splits.push(split("01/04/2026", &["100", "", ""]));
        assert_eq!(
            placement_input(&input, 3).unwrap_err()[0].field,
            "splits.1.from"
        );

        let mut input = good();
        input.lines.clear();
        input.splits.clear();
        let fields: Vec<String> = placement_input(&input, 3)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["lines", "splits"]);
        assert_eq!(
            placement_input(&good(), 2).unwrap_err()[0].field,
            "splits.0"
        );

        let mut input = good();
        input.lines[0].amount = "-10".into();
        assert_eq!(
            placement_input(&input, 3).unwrap_err()[0].field,
            "lines.0.amount"
        );
        input.lines[0].per = "once".into();
        input.lines[0].to = String::new();
        assert!(placement_input(&input, 3).is_ok());
    }

    #[test]
    fn contributions_give_the_default_split() {
        let seed = [
            Money::from_pounds(2_448_000),
            Money::from_pounds(2_376_000),
            Money::from_pounds(2_376_000),
        ];
        let bp: Vec<u32> = default_split(&seed)
            .unwrap()
            .iter()
            .map(|p| p.basis_points())
            .collect();
        assert_eq!(bp, [3400, 3300, 3300]);
        let thirds = [Money::from_pounds(1); 3];
        let bp: Vec<u32> = default_split(&thirds)
            .unwrap()
            .iter()
            .map(|p| p.basis_points())
            .collect();
        assert_eq!(bp, [3334, 3333, 3333]);
        assert!(default_split(&[Money::ZERO, Money::ZERO]).is_none());
        assert!(default_split(&[]).is_none());
    }

    #[test]
    fn the_preview_follows_the_rules() {
        let r = placement_input(&good(), 3).unwrap();
        let p = cost_preview(&r.placement, d("2026-11-23"), 3);
        assert_eq!(p.year, FinancialYear::starting(2026).unwrap());
        // £4,725 a week plus £120.50 a day × 7 = £843.50.
        assert_eq!(p.weekly, Money::from_pence(472_500 + 84_350));
        // Fee: 183 days at £4,500/wk + 182 days at £4,725/wk; support 365 days at £120.50.
        let fee1 = Money::from_pence(11_764_286); // 4500 × 183 / 7 = 117,642.857… → 117,642.86
        let fee2 = Money::from_pounds(122_850); // 4725 × 182 / 7 = 122,850
        let support = Money::from_pence(4_398_250); // 120.50 × 365 = 43,982.50
        assert_eq!(p.this_year, fee1 + fee2 + support);
        let sum: Money = p.this_year_shares.iter().copied().sum();
        assert_eq!(sum, p.this_year);
        // A full year at the rates of 23/11/2026: 4725 × 365/7 + 120.50 × 365.
        assert_eq!(p.full_year, Money::from_pence(24_637_500 + 4_398_250));
        assert_eq!(p.full_year_shares[0], Money::from_pence(14_517_875));
        // Before it starts, the figures are for its first day.
        assert_eq!(
            cost_preview(&r.placement, d("2025-01-01"), 3).day,
            d("2026-04-01")
        );
    }

    #[test]
    fn cases_are_validated() {
        let today = d("2026-11-23");
        let c = new_case("CN-0101", "A.B.", "05/06/2012", "Autism; SEMH", today).unwrap();
        assert_eq!(c.date_of_birth, Some(d("2012-06-05")));
        assert_eq!(age_on(d("2012-06-05"), today), 14);
        assert_eq!(age_on(d("2012-11-24"), today), 13);
        let fields: Vec<String> = new_case("CN 1", "Alice Brown", "01/01/1990", "", today)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["reference", "initials", "date_of_birth"]);
        assert_eq!(
            new_case("CN-1", "A.B.", "01/01/2027", "", today).unwrap_err()[0].field,
            "date_of_birth"
        );
        assert!(
            new_case("CN-1", "A.B.", "", "", today)
                .unwrap()
                .date_of_birth
                .is_none()
        );
    }
}
