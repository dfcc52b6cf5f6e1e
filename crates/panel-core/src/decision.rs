//! A decision as the chair and administrator write it, and what it needs before it can be
//! finalised: the parts regulation 12 requires, quorum (rule 12), notice of a reduction
//! (rule 10) and each funding partner's assent (rule 14).

use chrono::{Months, NaiveDate};

use crate::entry::Problems;
use crate::meeting::{FieldError, parse_date_input, text_input};
use crate::model::{Action, Assent, Outcome};

/// An action as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActionInput {
    /// What is to be done.
    pub action: String,
    /// Who does it.
    pub owner: String,
    /// By when (dd/mm/yyyy), may be empty.
    pub due: String,
}

/// A decision as typed in the minutes screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DecisionInput {
    /// Outcome code.
    pub outcome: String,
    /// Subject.
    pub subject: String,
    /// The decision, one lettered paragraph each; blank ones are dropped.
    pub paragraphs: Vec<String>,
    /// Reasons.
    pub reasons: String,
    /// Alternatives considered and rejected.
    pub alternatives: String,
    /// Conditions; blank ones are dropped.
    pub conditions: Vec<String>,
    /// Actions; wholly blank ones are dropped.
    pub actions: Vec<ActionInput>,
    /// Review date, may be empty.
    pub review_date: String,
    /// Whether the decision lowers the package's cost (rule 10).
    pub reduction: bool,
    /// When the lower cost starts, for a reduction.
    pub effective_from: String,
    /// One answer per partner, in partner order: `agree`, `disagree` or empty.
    pub assents: Vec<String>,
}

/// A decision's content, validated as far as a draft must be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionDraft {
    /// Outcome.
    pub outcome: Outcome,
    /// Subject.
    pub subject: String,
    /// Lettered paragraphs.
    pub paragraphs: Vec<String>,
    /// Reasons.
    pub reasons: String,
    /// Alternatives considered and rejected.
    pub alternatives: String,
    /// Conditions.
    pub conditions: Vec<String>,
    /// Actions.
    pub actions: Vec<Action>,
    /// Review date.
    pub review_date: Option<NaiveDate>,
    /// When a reduction takes effect; `Some` marks the decision as a reduction.
    pub effective_from: Option<NaiveDate>,
    /// Per partner, in partner order: the answer given, if any.
    pub assents: Vec<Option<Assent>>,
}

/// The letter of the `index`th paragraph: a, b, … z, aa, ab …
pub fn paragraph_letter(index: usize) -> String {
    let mut n = index;
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'a' + (n % 26) as u8));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.iter().rev().collect()
}

/// Validates what was typed for a decision for `partners` partners. A draft may be
/// incomplete, but what is there must be well formed, and it needs a subject.
pub fn decision_input(
    input: &DecisionInput,
    partners: usize,
) -> Result<DecisionDraft, Vec<FieldError>> {
    let mut p = Problems::default();
    let outcome = p.take(
        Outcome::parse(&input.outcome)
            .map_err(|_| FieldError::new("outcome", "Choose the outcome")),
    );
    let subject = p.take(text_input("subject", "Subject", &input.subject, true, 300));
    let mut paragraphs = Vec::new();
    for (i, text) in input.paragraphs.iter().enumerate() {
        if let Some(t) = p.take(text_input(
            &format!("paragraphs.{i}"),
            &format!("Paragraph {})", paragraph_letter(i)),
            text,
            false,
            4000,
        )) && !t.is_empty()
        {
            paragraphs.push(t);
        }
    }
    let reasons = p.take(text_input(
        "reasons",
        "Reasons",
        &input.reasons,
        false,
        100_000,
    ));
    let alternatives = p.take(text_input(
        "alternatives",
        "Alternatives considered",
        &input.alternatives,
        false,
        100_000,
    ));
    let mut conditions = Vec::new();
    for (i, text) in input.conditions.iter().enumerate() {
        if let Some(t) = p.take(text_input(
            &format!("conditions.{i}"),
            &format!("Condition {}", i + 1),
            text,
            false,
            4000,
        )) && !t.is_empty()
        {
            conditions.push(t);
        }
    }
    let mut actions = Vec::new();
    for (i, a) in input.actions.iter().enumerate() {
        if a.action.trim().is_empty() && a.owner.trim().is_empty() && a.due.trim().is_empty() {
            continue;
        }
        let n = i + 1;
        let action = p.take(text_input(
            &format!("actions.{i}.action"),
            &format!("Action {n}"),
            &a.action,
            true,
            2000,
        ));
        let owner = p.take(text_input(
            &format!("actions.{i}.owner"),
            &format!("Action {n}: owner"),
            &a.owner,
            true,
            120,
        ));
        let due = p.optional_date(
            &format!("actions.{i}.due"),
            &format!("Action {n}: due"),
            &a.due,
        );
        if let (Some(action), Some(owner), Some(due)) = (action, owner, due) {
            actions.push(Action { action, owner, due });
        }
    }
    let review_date = p.optional_date("review_date", "Review date", &input.review_date);
    let effective_from = if input.reduction {
        p.take(parse_date_input(
            "effective_from",
            "Date the lower cost starts",
            &input.effective_from,
        ))
        .map(Some)
    } else {
        Some(None)
    };
    let mut assents = Vec::with_capacity(partners);
    if input.assents.len() != partners {
        p.push(
            "assents",
            format!("{} answers for {partners} partners", input.assents.len()),
        );
    }
    for (k, a) in input.assents.iter().enumerate() {
        assents.push(match a.trim() {
            "" => Some(None),
            t => p
                .take(Assent::parse(t).map_err(|_| {
                    FieldError::new(&format!("assents.{k}"), "Choose agrees or disagrees")
                }))
                .map(Some),
        });
    }
    p.finish(|| {
        Some(DecisionDraft {
            outcome: outcome?,
            subject: subject?,
            paragraphs,
            reasons: reasons?,
            alternatives: alternatives?,
            conditions,
            actions,
            review_date: review_date?,
            effective_from: effective_from?,
            assents: assents.into_iter().collect::<Option<Vec<_>>>()?,
        })
    })
}

/// What surrounds a decision when it is finalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinaliseContext {
    /// The date it is decided.
    pub decided_on: NaiveDate,
    /// Whether the meeting is quorate (always true for a chair's urgent action).
    pub quorate: bool,
    /// Months of notice before a reduction takes effect (rule 10).
    pub notice_months: u32,
    /// Per partner: whether it funds the package (a share above 0% in the split in force),
    /// so its assent is needed for a funding decision.
    pub funding: Vec<bool>,
    /// Partners' names, in partner order, for messages.
    pub partner_names: Vec<String>,
}

/// Whether an outcome commits funding, so needs a review date and the partners' assent.
pub fn funds(outcome: Outcome) -> bool {
    matches!(outcome, Outcome::Approved | Outcome::ApprovedWithConditions)
}

/// The date of a chair's action between meetings (rule 15): when it was taken, so never
/// after `today`.
pub fn chair_action_date(input: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let date = parse_date_input("decided_on", "Date of the chair's action", input)?;
    if date > today {
        return Err(FieldError::new(
            "decided_on",
            format!(
                "A chair's action is recorded once taken: {} is after today ({})",
                date.format("%d/%m/%Y"),
                today.format("%d/%m/%Y")
            ),
        ));
    }
    Ok(date)
}

/// The earliest date a reduction decided on `decided_on` can take effect (rule 10).
pub fn earliest_reduction(decided_on: NaiveDate, notice_months: u32) -> NaiveDate {
    decided_on
        .checked_add_months(Months::new(notice_months))
        .unwrap_or(decided_on)
}

/// Everything that stops a draft being finalised, each against its field (`quorum` for the
/// meeting). Empty when it can be finalised.
pub fn finalise_problems(d: &DecisionDraft, ctx: &FinaliseContext) -> Vec<FieldError> {
    let mut out = Vec::new();
    let mut push = |field: &str, message: String| out.push(FieldError::new(field, message));
    if !ctx.quorate {
        push(
            "quorum",
            "The meeting is not quorate: every funding partner must be represented by someone present before a decision can be finalised (rule 12)".into(),
        );
    }
    if d.paragraphs.is_empty() {
        push(
            "paragraphs.0",
            "Write the decision: at least paragraph a)".into(),
        );
    }
    if d.reasons.is_empty() {
        push("reasons", "Give the reasons for the decision".into());
    }
    if d.alternatives.is_empty() && d.outcome != Outcome::Noted {
        push(
            "alternatives",
            "Record the alternatives considered and rejected (write \"None\" if there were none)"
                .into(),
        );
    }
    if d.outcome == Outcome::ApprovedWithConditions && d.conditions.is_empty() {
        push(
            "conditions.0",
            "A decision approved with conditions needs at least one condition".into(),
        );
    }
    if d.outcome != Outcome::ApprovedWithConditions && !d.conditions.is_empty() {
        push(
            "outcome",
            "There are conditions: choose \"approved with conditions\", or remove them".into(),
        );
    }
    if funds(d.outcome) {
        match d.review_date {
            None => push("review_date", "A funded package needs a review date".into()),
            Some(r) if r <= ctx.decided_on => push(
                "review_date",
                format!(
                    "The review date must be after the decision ({})",
                    ctx.decided_on.format("%d/%m/%Y")
                ),
            ),
            Some(_) => {}
        }
        for (k, needed) in ctx.funding.iter().enumerate() {
            if *needed && d.assents.get(k).copied().flatten().is_none() {
                let name = ctx.partner_names.get(k).map_or("a partner", |s| s.as_str());
                push(
                    &format!("assents.{k}"),
                    format!(
                        "Record whether {name} agrees: a split cannot be imposed on a partner (rule 14)"
                    ),
                );
            }
        }
    }
    if let Some(from) = d.effective_from {
        let earliest = earliest_reduction(ctx.decided_on, ctx.notice_months);
        if from < earliest {
            push(
                "effective_from",
                format!(
                    "A reduction takes effect no earlier than {} months' notice after the decision: {} at the earliest (rule 10)",
                    ctx.notice_months,
                    earliest.format("%d/%m/%Y")
                ),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::year::parse_iso_date;

    fn d(s: &str) -> NaiveDate {
        parse_iso_date(s).unwrap()
    }

    fn complete() -> DecisionInput {
        DecisionInput {
            outcome: "approved".into(),
            subject: "Residential placement at Oakfield House".into(),
            paragraphs: vec![
                "Approve the placement".into(),
                " ".into(),
                "Fund 1:1 support".into(),
            ],
            reasons: "Needs cannot be met at home".into(),
            alternatives: "Local foster care: no carer available".into(),
            conditions: vec![String::new()],
            actions: vec![
                ActionInput {
                    action: "Issue placement agreement".into(),
                    owner: "Commissioning".into(),
                    due: "30/01/2031".into(),
                },
                ActionInput::default(),
            ],
            review_date: "16/07/2031".into(),
            reduction: false,
            effective_from: String::new(),
            assents: vec!["agree".into(), "agree".into(), "disagree".into()],
        }
    }

    fn ctx() -> FinaliseContext {
        FinaliseContext {
            decided_on: d("2031-01-16"),
            quorate: true,
            notice_months: 3,
            funding: vec![true, true, true],
            partner_names: vec!["Social care".into(), "Education".into(), "Health".into()],
        }
    }

    #[test]
    fn letters_run_on_past_z() {
        let letters: Vec<String> = [0, 1, 25, 26, 27, 51, 52].map(paragraph_letter).into();
        assert_eq!(letters, ["a", "b", "z", "aa", "ab", "az", "ba"]);
    }

    #[test]
    fn a_complete_decision_can_be_finalised() {
        let draft = decision_input(&complete(), 3).unwrap();
        assert_eq!(draft.paragraphs.len(), 2);
        assert!(draft.conditions.is_empty());
        assert_eq!(draft.actions.len(), 1);
        assert_eq!(draft.assents[2], Some(Assent::Disagree));
        assert!(finalise_problems(&draft, &ctx()).is_empty());
    }

    #[test]
    fn bad_values_are_refused_even_in_a_draft() {
        let mut input = complete();
        input.subject = String::new();
        input.actions[0].owner = String::new();
        input.actions[0].due = "32/01/2031".into();
        input.review_date = "soon".into();
        input.assents[1] = "maybe".into();
        let fields: Vec<String> = decision_input(&input, 3)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "subject",
                "actions.0.owner",
                "actions.0.due",
                "review_date",
                "assents.1"
            ]
        );
        assert_eq!(
            decision_input(&complete(), 2).unwrap_err()[0].field,
            "assents"
        );
    }

    #[test]
    fn finalising_needs_every_required_part() {
        let mut input = complete();
        input.paragraphs = vec![String::new()];
        input.reasons = String::new();
        input.alternatives = String::new();
        input.review_date = "16/01/2031".into();
        input.assents = vec!["agree".into(), String::new(), String::new()];
        let draft = decision_input(&input, 3).unwrap();
        let mut c = ctx();
        c.quorate = false;
        c.funding = vec![true, true, false];
        let fields: Vec<String> = finalise_problems(&draft, &c)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "quorum",
                "paragraphs.0",
                "reasons",
                "alternatives",
                "review_date",
                "assents.1"
            ]
        );
    }

    #[test]
    fn conditions_go_with_their_outcome() {
        let mut input = complete();
        input.outcome = "approved_with_conditions".into();
        let draft = decision_input(&input, 3).unwrap();
        assert_eq!(finalise_problems(&draft, &ctx())[0].field, "conditions.0");
        input.outcome = "approved".into();
        input.conditions = vec!["Education plan reviewed in 3 months".into()];
        let draft = decision_input(&input, 3).unwrap();
        assert_eq!(finalise_problems(&draft, &ctx())[0].field, "outcome");
        input.outcome = "declined".into();
        input.conditions.clear();
        input.review_date = String::new();
        input.assents = vec![String::new(); 3];
        let draft = decision_input(&input, 3).unwrap();
        assert!(finalise_problems(&draft, &ctx()).is_empty());
    }

    #[test]
    fn a_reduction_waits_for_its_notice() {
        let mut input = complete();
        input.reduction = true;
        input.effective_from = "15/04/2031".into();
        let draft = decision_input(&input, 3).unwrap();
        let problems = finalise_problems(&draft, &ctx());
        assert_eq!(problems[0].field, "effective_from");
        assert!(
            problems[0].message.contains("16/04/2031"),
            "{}",
            problems[0].message
        );
        input.effective_from = "16/04/2031".into();
        let draft = decision_input(&input, 3).unwrap();
        assert!(finalise_problems(&draft, &ctx()).is_empty());
        input.effective_from = String::new();
        assert_eq!(
            decision_input(&input, 3).unwrap_err()[0].field,
            "effective_from"
        );
        assert_eq!(earliest_reduction(d("2030-11-30"), 3), d("2031-02-28"));
    }

    #[test]
    fn a_chairs_action_is_dated_today_or_before() {
        let today = d("2031-01-20");
        assert_eq!(chair_action_date("20/01/2031", today), Ok(today));
        assert_eq!(chair_action_date("2031-01-02", today), Ok(d("2031-01-02")));
        let e = chair_action_date("21/01/2031", today).unwrap_err();
        assert_eq!(e.field, "decided_on");
        assert!(
            e.message.contains("after today (20/01/2031)"),
            "{}",
            e.message
        );
        assert_eq!(
            chair_action_date("", today).unwrap_err().field,
            "decided_on"
        );
    }
}
