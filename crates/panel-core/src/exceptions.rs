//! What an auditor would ask about, as of a day (rule 20), and the birthdays that matter as a
//! child grows up (rule 19).
//!
//! Every exception is found from the dataset alone: placements and their costs, the final
//! decisions with what each approved, the meetings and their agendas, the agreements and the
//! cases' dates of birth. Each names the case (by reference: never a name), the placement
//! (by its place in the case) and the year where it is about one, and says what is wrong in
//! a sentence.

use chrono::{Datelike, NaiveDate};

use crate::decision::{funding_partners, funds};
use crate::money::Money;
use crate::year::FinancialYear;
use crate::{
    dataset::Dataset,
    model::{Decision, DecisionStatus, ExceptionKind, ItemKind, Outcome},
};

/// How far ahead an ending is looked for: eight weeks.
pub const ENDING_SOON_DAYS: i64 = 56;

/// One thing an auditor would ask about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exception {
    /// What kind of thing.
    pub kind: ExceptionKind,
    /// The case's index, when it is about one.
    pub case: Option<usize>,
    /// The financial year, when it is about one.
    pub year: Option<FinancialYear>,
    /// The placement's index within the case, when it is about one.
    pub placement: Option<usize>,
    /// The decision's index, when it is about one.
    pub decision: Option<usize>,
    /// The meeting's index, when it is about one.
    pub meeting: Option<usize>,
    /// The action's index in its decision, when it is about one.
    pub action: Option<usize>,
    /// What is wrong, in a sentence.
    pub detail: String,
}

impl ExceptionKind {
    /// The kind in words, as a heading.
    pub fn label(self) -> &'static str {
        match self {
            ExceptionKind::NoDecision => "Spend with no decision",
            ExceptionKind::AboveApproved => "Above the rate approved",
            ExceptionKind::ReviewOverdue => "Review overdue",
            ExceptionKind::EndingSoon => "Ending soon, not on an agenda",
            ExceptionKind::NoAgreement => "Spend with no pooled budget agreement",
            ExceptionKind::NoAssent => "Assent not recorded",
            ExceptionKind::ActionOverdue => "Action overdue",
            ExceptionKind::Unratified => "Chair's action not ratified",
            ExceptionKind::Turns18 => "Placement past the 18th birthday",
        }
    }

    /// Whether the panel itself has to take it up (the agenda builder offers these).
    pub fn needs_the_panel(self) -> bool {
        matches!(
            self,
            ExceptionKind::NoDecision
                | ExceptionKind::AboveApproved
                | ExceptionKind::ReviewOverdue
                | ExceptionKind::EndingSoon
                | ExceptionKind::NoAssent
                | ExceptionKind::Unratified
                | ExceptionKind::Turns18
        )
    }
}

/// The day a person born on `dob` reaches `years` years of age: the anniversary of the
/// birth, and for a birth on 29 February, 1 March in a year that has no 29 February.
pub fn birthday(dob: NaiveDate, years: u32) -> Option<NaiveDate> {
    let year = dob.year().checked_add(i32::try_from(years).ok()?)?;
    NaiveDate::from_ymd_opt(year, dob.month(), dob.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
}

/// A growing-up milestone of a case (rule 19).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Milestone {
    /// The day.
    pub on: NaiveDate,
    /// What it is.
    pub what: &'static str,
}

/// A case's milestones from its date of birth (rule 19): transition planning from 14, adult
/// continuing healthcare screening at 17, the adult panel's application due three months
/// before the 18th birthday, the 18th birthday, and the 25th.
pub fn milestones(dob: NaiveDate) -> Vec<Milestone> {
    let mut out = Vec::new();
    let mut add = |on: Option<NaiveDate>, what| {
        if let Some(on) = on {
            out.push(Milestone { on, what });
        }
    };
    let eighteen = birthday(dob, 18);
    add(birthday(dob, 14), "Transition planning begins (14)");
    add(
        birthday(dob, 17),
        "Adult continuing healthcare screening (17)",
    );
    add(
        eighteen.and_then(|d| d.checked_sub_months(chrono::Months::new(3))),
        "Application to the adult panel due (3 months before 18)",
    );
    add(
        eighteen,
        "18th birthday: children's social care duties end; adult care may take over",
    );
    add(
        birthday(dob, 25),
        "25th birthday: an EHC plan can last to 25",
    );
    out
}

fn uk(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn number(d: &Decision) -> String {
    d.number
        .as_ref()
        .map_or_else(|| "A decision".to_string(), ToString::to_string)
}

/// The latest final decision on each placement that funds it, by case and placement: the
/// one in force (an amended decision gives way to the one amending it).
fn funding_decisions(d: &Dataset) -> Vec<Vec<Option<usize>>> {
    let mut out: Vec<Vec<Option<usize>>> = d
        .cases
        .iter()
        .map(|c| vec![None; c.placements.len()])
        .collect();
    for (i, dec) in d.decisions.iter().enumerate() {
        if dec.status != DecisionStatus::Final || !funds(dec.outcome) {
            continue;
        }
        let Some(slot) = dec
            .placement
            .and_then(|p| out.get_mut(dec.case).and_then(|c| c.get_mut(p)))
        else {
            continue;
        };
        let later = match *slot {
            Some(j) => {
                let other: &Decision = &d.decisions[j];
                (dec.decided_on, dec.number.as_ref().map(|n| (n.year, n.seq)))
                    > (
                        other.decided_on,
                        other.number.as_ref().map(|n| (n.year, n.seq)),
                    )
            }
            None => true,
        };
        if later {
            *slot = Some(i);
        }
    }
    out
}

/// Everything an auditor would ask about as of `as_of` (rule 20), by kind, then case and
/// placement.
pub fn exceptions(d: &Dataset, as_of: NaiveDate) -> Vec<Exception> {
    let mut out = Vec::new();
    let settings = d.settings.clone().unwrap_or_default();
    let in_force = funding_decisions(d);
    let horizon = FinancialYear::containing(as_of).next().end();
    let base = |kind, case: Option<usize>, placement: Option<usize>| Exception {
        kind,
        case,
        year: None,
        placement,
        decision: None,
        meeting: None,
        action: None,
        detail: String::new(),
    };

    // The years with spend to date and no agreement.
    let mut spend_by_year: std::collections::BTreeMap<i32, Money> = Default::default();
    for (ci, case) in d.cases.iter().enumerate() {
        for (pi, rec) in case.placements.iter().enumerate() {
            let p = &rec.placement;
            if p.start > as_of {
                continue;
            }
            let last = p.end.map_or(as_of, |e| e.min(as_of));
            let mut spent = Money::ZERO;
            let mut year = FinancialYear::containing(p.start);
            loop {
                let to = year.end().min(last);
                let mut in_year = Money::ZERO;
                p.for_each_segment(year.start().max(p.start), to, |s| in_year += s.cost);
                *spend_by_year.entry(year.start_year()).or_default() += in_year;
                spent += in_year;
                if year.end() >= last {
                    break;
                }
                year = year.next();
            }

            // Spend with no final decision that funds it.
            let decision = in_force[ci][pi];
            if decision.is_none() && spent > Money::ZERO {
                out.push(Exception {
                    detail: format!(
                        "{} from {}: {spent} spent to {} with no final decision approving it",
                        rec.provider,
                        uk(p.start),
                        uk(last)
                    ),
                    ..base(ExceptionKind::NoDecision, Some(ci), Some(pi))
                });
            }

            if let Some(di) = decision {
                let dec = &d.decisions[di];
                // A rate above what the decision approved, on a day from the decision to today.
                if let Some(approved) = &dec.snapshot {
                    let a = &approved.placement;
                    let mut days = vec![dec.decided_on.max(p.start)];
                    for line in &p.cost_lines {
                        days.push(line.from);
                    }
                    for line in &a.cost_lines {
                        if let Some(next) = line.to.and_then(|t| t.succ_opt()) {
                            days.push(next);
                        }
                    }
                    days.retain(|&day| day >= dec.decided_on && day <= as_of && p.covers(day));
                    days.sort();
                    days.dedup();
                    for day in days {
                        let (now, then) = (p.weekly_rate(day), a.weekly_rate(day));
                        if now > then {
                            let round = Money::from_bounded_pence;
                            out.push(Exception {
                                decision: Some(di),
                                detail: format!(
                                    "{}: from {} it costs {} a week, above the {} a week {} approved",
                                    rec.provider,
                                    uk(day),
                                    round(now),
                                    round(then),
                                    number(dec)
                                ),
                                ..base(ExceptionKind::AboveApproved, Some(ci), Some(pi))
                            });
                            break;
                        }
                    }
                }
                // A funding partner with no assent recorded, over the period the decision
                // covers as the placement stands now (a split added later included).
                let partners = funding_partners(p, dec.decided_on, d.partners.len());
                for (k, funding) in partners.iter().enumerate() {
                    if *funding && !dec.assent.iter().any(|(who, _)| *who == k) {
                        out.push(Exception {
                            decision: Some(di),
                            detail: format!(
                                "{}: {} pays part of it under {}, but its assent is not recorded",
                                rec.provider,
                                d.partners.get(k).map_or("A partner", |x| x.name.as_str()),
                                number(dec)
                            ),
                            ..base(ExceptionKind::NoAssent, Some(ci), Some(pi))
                        });
                    }
                }
            }

            // A review overdue: the next review of a package still running is past.
            if p.covers(as_of) {
                let anchor = d
                    .decisions
                    .iter()
                    .filter(|x| {
                        x.status == DecisionStatus::Final
                            && x.case == ci
                            && x.placement == Some(pi)
                            && x.review_date.is_some()
                            && x.decided_on <= as_of
                    })
                    .max_by_key(|x| (x.decided_on, x.number.as_ref().map(|n| (n.year, n.seq))))
                    .and_then(|x| x.review_date);
                let due = crate::review::next_review(p.start, anchor, settings.first_review_months);
                if due < as_of {
                    out.push(Exception {
                        detail: format!(
                            "{}: its review was due on {}, {} days ago",
                            rec.provider,
                            uk(due),
                            (as_of - due).num_days()
                        ),
                        ..base(ExceptionKind::ReviewOverdue, Some(ci), Some(pi))
                    });
                }
            }

            // Ending within eight weeks, with nothing about the case on an agenda from today
            // and its ending not brought to the panel since it started.
            if let Some(end) = p.end
                && end >= as_of
                && (end - as_of).num_days() <= ENDING_SOON_DAYS
            {
                let on_agenda = d.meetings.iter().any(|m| {
                    m.items.iter().any(|i| {
                        i.case == Some(ci)
                            && (m.date >= as_of
                                || (i.kind == ItemKind::Ending && m.date >= p.start))
                    })
                });
                if !on_agenda {
                    out.push(Exception {
                        detail: format!(
                            "{}: it ends on {}, in {} days, and nothing about the case is on an agenda",
                            rec.provider,
                            uk(end),
                            (end - as_of).num_days()
                        ),
                        ..base(ExceptionKind::EndingSoon, Some(ci), Some(pi))
                    });
                }
            }

            // A placement running past the 18th birthday: one that ends after it, or an
            // open-ended one whose child turns 18 by the end of next year (the forecast's
            // reach), unless it ended before today.
            if let Some(eighteen) = case.date_of_birth.and_then(|dob| birthday(dob, 18))
                && p.start < eighteen
                && match p.end {
                    Some(e) => e >= eighteen && e >= as_of,
                    None => eighteen <= horizon,
                }
            {
                out.push(Exception {
                    detail: format!(
                        "{}: {} turns 18 on {}, and the placement {}",
                        rec.provider,
                        case.initials,
                        uk(eighteen),
                        match p.end {
                            Some(e) => format!("runs to {}", uk(e)),
                            None => "has no end date".to_string(),
                        }
                    ),
                    ..base(ExceptionKind::Turns18, Some(ci), Some(pi))
                });
            }
        }
    }

    for (&start, &spent) in &spend_by_year {
        let Some(year) = FinancialYear::starting(start) else {
            continue;
        };
        if spent > Money::ZERO && !d.agreements.iter().any(|a| a.year == year) {
            out.push(Exception {
                year: Some(year),
                detail: format!(
                    "{spent} spent in {year} to {} with no pooled budget agreement for the year",
                    uk(year.end().min(as_of))
                ),
                ..base(ExceptionKind::NoAgreement, None, None)
            });
        }
    }

    for (di, dec) in d.decisions.iter().enumerate() {
        if dec.status != DecisionStatus::Final {
            continue;
        }
        // Actions past their due date and not done by the day.
        for (k, a) in dec.actions.iter().enumerate() {
            let done = dec
                .actions_done
                .iter()
                .any(|(i, on, _)| *i == k && *on <= as_of);
            if let Some(due) = a.due
                && due < as_of
                && !done
            {
                out.push(Exception {
                    decision: Some(di),
                    action: Some(k),
                    detail: format!(
                        "{}: \"{}\" ({}) was due on {}",
                        number(dec),
                        a.action,
                        if a.owner.is_empty() {
                            "no owner"
                        } else {
                            a.owner.as_str()
                        },
                        uk(due)
                    ),
                    ..base(ExceptionKind::ActionOverdue, Some(dec.case), dec.placement)
                });
            }
        }
        // A chair's action the next meeting held did not ratify (and none has since).
        if dec.urgent {
            let next = d
                .meetings
                .iter()
                .enumerate()
                .filter(|(_, m)| m.date > dec.decided_on && m.date <= as_of)
                .min_by_key(|(_, m)| m.date);
            let ratified = d.decisions.iter().any(|r| {
                dec.number.is_some()
                    && r.status == DecisionStatus::Final
                    && r.outcome != Outcome::Deferred
                    && r.decided_on <= as_of
                    && r.item.is_some_and(|(m, i)| {
                        d.meetings
                            .get(m)
                            .and_then(|m| m.items.get(i))
                            .is_some_and(|item| item.ratifies.as_ref() == dec.number.as_ref())
                    })
            });
            if let Some((mi, m)) = next
                && !ratified
                && dec.number.is_some()
            {
                out.push(Exception {
                    decision: Some(di),
                    meeting: Some(mi),
                    detail: format!(
                        "Chair's action {} of {} was not ratified at the next meeting, on {}",
                        number(dec),
                        uk(dec.decided_on),
                        uk(m.date)
                    ),
                    ..base(ExceptionKind::Unratified, Some(dec.case), dec.placement)
                });
            }
        }
    }

    let order = |k: ExceptionKind| ExceptionKind::ALL.iter().position(|x| *x == k);
    out.sort_by(|a, b| {
        (
            order(a.kind),
            a.case.map(|c| d.cases[c].reference.as_str()),
            a.placement,
            a.year.map(FinancialYear::start_year),
        )
            .cmp(&(
                order(b.kind),
                b.case.map(|c| d.cases[c].reference.as_str()),
                b.placement,
                b.year.map(FinancialYear::start_year),
            ))
    });
    out
}

/// One exception, with the rows it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    /// What kind.
    pub kind: crate::model::ExceptionKind,
    /// The case's reference and initials, when it is about one.
    pub case: Option<(String, String)>,
    /// The case's row id.
    pub case_id: Option<i64>,
    /// The year, when it is about one.
    pub year: Option<FinancialYear>,
    /// The placement's place in its case (from 0), when it is about one.
    pub placement: Option<usize>,
    /// The placement's provider.
    pub provider: Option<String>,
    /// The decision's number, when it is about one.
    pub decision: Option<String>,
    /// The meeting's row id and date, when it is about one.
    pub meeting: Option<(i64, NaiveDate)>,
    /// The action's place in its decision (from 1), when it is about one.
    pub action: Option<usize>,
    /// What is wrong.
    pub detail: String,
}

/// The exceptions as CSV: a row each, with the day they are as of.
pub fn exceptions_csv(as_of: NaiveDate, list: &[ExceptionEntry]) -> String {
    use crate::ledger::{csv_row, csv_text};
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "as_of",
            "kind",
            "case",
            "year",
            "placement",
            "decision",
            "detail",
        ]
        .map(String::from),
    );
    for e in list {
        csv_row(
            &mut out,
            &[
                as_of.to_string(),
                e.kind.code().to_string(),
                csv_text(e.case.as_ref().map_or("", |c| c.0.as_str())),
                e.year.map(|y| y.to_string()).unwrap_or_default(),
                e.placement.map(|p| p.to_string()).unwrap_or_default(),
                csv_text(e.decision.as_deref().unwrap_or_default()),
                csv_text(&e.detail),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::{read_dataset, write_dataset};
    use crate::year::parse_iso_date;
    use serde_json::{Value, json};

    fn d(s: &str) -> NaiveDate {
        parse_iso_date(s).unwrap()
    }

    const AS_OF: &str = "2026-11-15";

    fn placement(weekly: &str) -> Value {
        json!({"provider": "Oakfield House", "type": "residential",
               "start": "2026-04-01", "end": null,
               "cost_lines": [{"description": "Weekly fee", "per": "week", "amount": weekly,
                               "from": "2026-04-01", "to": null}],
               "splits": [{"from": "2026-04-01", "shares": {"SC": "50", "ED": "50"}}]})
    }

    /// A panel with nothing to ask about on 15/11/2026 (`docs/examples/clean-panel.json`):
    /// one placement, approved at a quorate meeting with both funding partners' assent, its
    /// review and its action still to come, a pooled agreement for the year with spend.
    fn clean() -> Value {
        serde_json::from_str(include_str!("../../../docs/examples/clean-panel.json")).unwrap()
    }

    /// A change to the clean panel that plants one exception.
    type Plant = Box<dyn Fn(&mut Value)>;

    fn found(v: &Value) -> Vec<Exception> {
        let data = read_dataset(&v.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
        exceptions(&data, d(AS_OF))
    }

    fn kinds(v: &Value) -> Vec<&'static str> {
        found(v).iter().map(|e| e.kind.code()).collect()
    }

    #[test]
    fn a_clean_panel_has_nothing_to_ask_about() {
        assert_eq!(found(&clean()), vec![]);
        // The data file as written reads the same.
        let data = read_dataset(&clean().to_string()).unwrap();
        let again = read_dataset(&write_dataset(&data)).unwrap();
        assert_eq!(exceptions(&again, d(AS_OF)), vec![]);
    }

    #[test]
    fn each_planted_exception_is_found_alone() {
        let plants: Vec<(&str, Plant)> = vec![
            (
                "no_decision",
                Box::new(|v| {
                    let mut p = placement("250.00");
                    p["provider"] = json!("Willow Short Breaks");
                    p["start"] = json!("2026-10-01");
                    p["cost_lines"][0]["from"] = json!("2026-10-01");
                    p["splits"][0]["from"] = json!("2026-10-01");
                    v["cases"][0]["placements"].as_array_mut().unwrap().push(p);
                }),
            ),
            (
                "above_approved",
                Box::new(|v| {
                    v["cases"][0]["placements"][0]["cost_lines"][0]["to"] = json!("2026-08-31");
                    v["cases"][0]["placements"][0]["cost_lines"]
                        .as_array_mut()
                        .unwrap()
                        .push(json!({"description": "Weekly fee (uplift)", "per": "week",
                                     "amount": "1100.00", "from": "2026-09-01", "to": null}));
                }),
            ),
            (
                "review_overdue",
                Box::new(|v| v["decisions"][0]["review_date"] = json!("2026-10-01")),
            ),
            (
                "ending_soon",
                Box::new(|v| {
                    v["cases"][0]["placements"][0]["end"] = json!("2026-12-20");
                    v["decisions"][0]["placement_snapshot"]["end"] = json!("2026-12-20");
                    v["decisions"][0]["review_date"] = json!("2026-12-10");
                }),
            ),
            ("no_agreement", Box::new(|v| v["agreements"] = json!([]))),
            (
                "no_assent",
                Box::new(|v| {
                    v["cases"][0]["placements"][0]["splits"]
                        .as_array_mut()
                        .unwrap()
                        .push(json!({"from": "2026-09-01",
                                     "shares": {"SC": "40", "ED": "30", "HE": "30"}}));
                }),
            ),
            (
                "action_overdue",
                Box::new(|v| v["decisions"][0]["actions"][0]["due"] = json!("2026-10-01")),
            ),
            (
                "unratified",
                Box::new(|v| {
                    let mut urgent = v["decisions"][0].clone();
                    urgent["number"] = json!("CNP/26-27/0001");
                    urgent["meeting"] = json!(null);
                    urgent["item"] = json!(null);
                    urgent["urgent"] = json!(true);
                    urgent["decided_on"] = json!("2026-05-01");
                    urgent["subject"] = json!("Extra support");
                    urgent["actions"] = json!([]);
                    urgent["outcome"] = json!("noted");
                    urgent["review_date"] = json!(null);
                    v["decisions"].as_array_mut().unwrap().push(urgent);
                    let mut next = v["meetings"][0].clone();
                    next["date"] = json!("2026-06-10");
                    next["minutes_status"] = json!("draft");
                    next["items"] = json!([]);
                    v["meetings"].as_array_mut().unwrap().push(next);
                }),
            ),
            (
                "turns_18",
                Box::new(|v| v["cases"][0]["date_of_birth"] = json!("2009-02-01")),
            ),
        ];
        for (kind, plant) in &plants {
            let mut v = clean();
            plant(&mut v);
            let got = found(&v);
            assert_eq!(
                got.iter().map(|e| e.kind.code()).collect::<Vec<_>>(),
                vec![*kind],
                "{got:#?}"
            );
            let e = &got[0];
            assert!(!e.detail.is_empty());
            if *kind == "no_agreement" {
                assert_eq!((e.case, e.year), (None, FinancialYear::starting(2026)));
            } else {
                assert_eq!(e.case, Some(0), "{kind}");
            }
        }
        // All of them at once (the review overdue planted after the ending, which sets a
        // review date of its own): each found.
        let mut v = clean();
        for (_, plant) in plants.iter().rev() {
            plant(&mut v);
        }
        let mut all = kinds(&v);
        all.dedup();
        assert_eq!(
            all,
            ExceptionKind::ALL
                .iter()
                .map(|k| k.code())
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn an_action_done_clears_its_exception_from_the_day_it_was_done() {
        let mut v = clean();
        v["decisions"][0]["actions"][0]["due"] = json!("2026-10-01");
        assert_eq!(kinds(&v), vec!["action_overdue"]);
        v["decisions"][0]["actions"][0]["done"] =
            json!({"on": "2026-11-10", "note": "Signed and returned"});
        assert_eq!(kinds(&v), Vec::<&str>::new());
        let data = read_dataset(&v.to_string()).unwrap();
        assert_eq!(
            exceptions(&data, d("2026-11-09")).len(),
            1,
            "not done yet then"
        );
        // Done before the decision was taken, or on a draft: refused by name.
        v["decisions"][0]["actions"][0]["done"]["on"] = json!("2026-01-01");
        let said = read_dataset(&v.to_string()).unwrap_err().join("\n");
        assert!(said.contains("decisions[0].actions: an action is done on 2026-01-01, before the decision was taken"), "{said}");
    }

    #[test]
    fn each_exception_says_what_is_wrong() {
        let mut v = clean();
        v["decisions"][0]["review_date"] = json!("2026-10-01");
        v["decisions"][0]["actions"][0]["due"] = json!("2026-11-01");
        v["cases"][0]["date_of_birth"] = json!("2009-02-28");
        let got = found(&v);
        let said: Vec<&str> = got.iter().map(|e| e.detail.as_str()).collect();
        assert_eq!(
            said,
            vec![
                "Oakfield House: its review was due on 01/10/2026, 45 days ago",
                "CNP/25-26/0001: \"Send the contract\" (Commissioning) was due on 01/11/2026",
                "Oakfield House: A.B. turns 18 on 28/02/2027, and the placement has no end date",
            ]
        );
    }

    #[test]
    fn a_birthday_on_29_february_falls_on_1_march_in_other_years() {
        assert_eq!(birthday(d("2008-02-29"), 18), Some(d("2026-03-01")));
        assert_eq!(birthday(d("2008-02-29"), 16), Some(d("2024-02-29")));
        assert_eq!(birthday(d("2010-06-30"), 18), Some(d("2028-06-30")));
        let m = milestones(d("2008-02-29"));
        let on: Vec<NaiveDate> = m.iter().map(|m| m.on).collect();
        assert_eq!(
            on,
            vec![
                d("2022-03-01"),
                d("2025-03-01"),
                d("2025-12-01"),
                d("2026-03-01"),
                d("2033-03-01")
            ]
        );
    }
}
