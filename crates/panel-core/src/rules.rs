//! The rules a whole dataset keeps before any of it is stored: every final decision as the
//! finaliser would accept it ([`crate::decision::final_decision_problems`]) and the register
//! as a whole ([`crate::register::register_problems`]). `panel import` and a restore of exported
//! data call this, so a file cannot hold what the app would refuse.

use crate::cost::Placement;
use crate::decision::{DecisionDraft, FinaliseContext, final_decision_problems};
use crate::meeting::quorum;
use crate::model::{Dataset, Decision, DecisionStatus, Settings};
use crate::register::{Entry, ItemPlace, RegisterPart, register_problems};

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
