//! The rules a whole dataset keeps before any of it is stored: every final decision as the
//! finaliser would accept it ([`crate::decision::final_decision_problems`]) and the register
//! as a whole ([`crate::register::register_problems`]). `panel import` and a restore of exported
//! data call this, so a file cannot hold what the app would refuse.

use chrono::NaiveDate;

use crate::cost::Placement;
use crate::decision::{DecisionDraft, FinaliseContext, final_decision_problems};
use crate::meeting::quorum;
use crate::register::{Entry, ItemPlace, RegisterPart, register_problems};
use crate::{
    dataset::Dataset,
    model::{Decision, DecisionStatus, Settings},
};

/// A decision's content as the decision form holds it, for `partners` partners.
pub fn decision_content(d: &Decision, partners: usize) -> DecisionDraft {
    let mut assents = vec![None; partners];
    for &(k, a) in &d.assent {
        if let Some(slot) = assents.get_mut(k) {
            *slot = Some(a);
        }
    }
    DecisionDraft {
        outcome: d.outcome,
        subject: d.subject.clone(),
        paragraphs: d.paragraphs.clone(),
        reasons: d.reasons.clone(),
        alternatives: d.alternatives.clone(),
        conditions: d.conditions.clone(),
        actions: d.actions.clone(),
        review_date: d.review_date,
        effective_from: d.effective_from,
        assents,
    }
}

/// The placement a decision of the dataset is about, as it stood when the decision was made:
/// its kept snapshot, else the case's placement.
fn decided_placement<'a>(data: &'a Dataset, d: &'a Decision) -> Option<&'a Placement> {
    match &d.snapshot {
        Some(s) => Some(&s.placement),
        None => {
            let p = d.placement?;
            Some(&data.cases.get(d.case)?.placements.get(p)?.placement)
        }
    }
}

/// Every problem of the dataset's decisions, one line each, naming the decision and field as
/// `decisions[3].assent.HE: …`. `settings` are those the data will be stored under.
pub fn dataset_problems(data: &Dataset, settings: &Settings) -> Vec<String> {
    let mut out = Vec::new();
    let n = data.partners.len();
    let codes: Vec<&str> = data.partners.iter().map(|p| p.code.as_str()).collect();
    let names: Vec<String> = data.partners.iter().map(|p| p.name.clone()).collect();
    for (i, d) in data.decisions.iter().enumerate() {
        if d.status != DecisionStatus::Final {
            continue;
        }
        let meeting = d.item.and_then(|(mi, _)| data.meetings.get(mi));
        let quorum = meeting.map(|m| quorum(n, &m.attendees));
        let placement = decided_placement(data, d);
        // What the latest earlier final funding decision on the same placement approved:
        // earlier by date, then number, wherever it is listed (as `panel check` orders them).
        let approved_before = d.placement.and_then(|p| {
            data.decisions
                .iter()
                .filter(|o| {
                    o.status == DecisionStatus::Final
                        && o.case == d.case
                        && o.placement == Some(p)
                        && crate::decision::funds(o.outcome)
                        && (o.decided_on, &o.number) < (d.decided_on, &d.number)
                })
                .max_by_key(|o| (o.decided_on, o.number.clone()))
                .and_then(|o| decided_placement(data, o))
        });
        let ctx = FinaliseContext {
            decided_on: d.decided_on,
            urgent: d.urgent,
            quorum,
            recorded_inquorate: d.inquorate,
            notice_months: settings.notice_months,
            placement,
            approved_before,
            partner_names: &names,
        };
        for p in final_decision_problems(&decision_content(d, n), &ctx) {
            out.push(format!(
                "decisions[{i}].{}: {}",
                p.part.file_field(&codes),
                p.message
            ));
        }
    }
    let entries: Vec<Entry> = data
        .decisions
        .iter()
        .enumerate()
        .map(|(i, d)| Entry {
            status: d.status,
            case: d.case as i64,
            item: d.item.and_then(|(mi, ii)| {
                let m = data.meetings.get(mi)?;
                Some(ItemPlace {
                    item: (mi as i64) << 32 | ii as i64,
                    case: m.items.get(ii)?.case.map(|c| c as i64),
                    minutes: m.minutes_status,
                })
            }),
            amends: d.amends,
            decided_on: d.decided_on,
            label: d
                .number
                .as_ref()
                .map_or_else(|| format!("the draft decisions[{i}]"), |n| n.to_string()),
        })
        .collect();
    for p in register_problems(&entries) {
        let field = match p.part {
            RegisterPart::Item => "item",
            RegisterPart::Status => "status",
            RegisterPart::Amends => "amends",
        };
        out.push(format!("decisions[{}].{field}: {}", p.decision, p.message));
    }
    out
}

/// Every date of the dataset after `today` that the app would refuse at its own door, one
/// line each, naming the record and field: a chair's action is recorded once taken, an action
/// once done, an assessment once made, a contribution called or paid in once it happens, a
/// statement once issued (the file's reader sees that it is issued once its period is over),
/// a payment once received, a dispute once raised and closed once it closes, and no one is born tomorrow.
/// A meeting, a placement, a review or an action's due date may lie ahead.
pub fn dates_after_today(data: &Dataset, today: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    let mut after = |path: String, day: NaiveDate, what: &str| {
        if day > today {
            out.push(format!(
                "{path}: {} is after today ({}): {what}",
                day.format("%d/%m/%Y"),
                today.format("%d/%m/%Y")
            ));
        }
    };
    for (i, c) in data.cases.iter().enumerate() {
        if let Some(dob) = c.date_of_birth {
            after(
                format!("cases[{i}].date_of_birth"),
                dob,
                "a date of birth cannot be in the future",
            );
        }
    }
    for (i, d) in data.decisions.iter().enumerate() {
        if d.item.is_none() {
            after(
                format!("decisions[{i}].decided_on"),
                d.decided_on,
                "a chair's action is recorded once taken",
            );
        }
        for (a, on, _) in &d.actions_done {
            after(
                format!("decisions[{i}].actions[{a}].done.on"),
                *on,
                "an action is recorded as done once it is done",
            );
        }
    }
    for (i, a) in data.assessments.iter().enumerate() {
        after(
            format!("assessments[{i}].assessed_on"),
            a.assessment.assessed_on,
            "an assessment is recorded once it is made",
        );
    }
    for (i, p) in data.pool.iter().enumerate() {
        after(
            format!("pool[{i}].on"),
            p.on,
            "a contribution is called or paid in once it happens",
        );
    }
    for (i, s) in data.statements.iter().enumerate() {
        after(
            format!("statements[{i}].issued_on"),
            s.issued_on,
            "a statement is recorded once it is issued",
        );
        for (k, (on, _, _)) in s.payments.iter().enumerate() {
            after(
                format!("statements[{i}].payments[{k}].received_on"),
                *on,
                "a payment is recorded once it is received",
            );
        }
    }
    for (i, d) in data.disputes.iter().enumerate() {
        after(
            format!("disputes[{i}].raised_on"),
            d.raised_on,
            "a dispute is recorded once it is raised",
        );
        if let Some(c) = d.closed_on {
            after(
                format!("disputes[{i}].closed_on"),
                c,
                "a dispute is recorded as closed once it closes",
            );
        }
    }
    out
}
