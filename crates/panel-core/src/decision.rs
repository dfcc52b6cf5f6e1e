//! A decision as the chair and administrator write it, and what it needs before it can be
//! finalised: the parts regulation 12 requires, quorum (rule 12), notice of a reduction
//! (rule 10) and each funding partner's assent (rule 14).

use chrono::{Months, NaiveDate};

use crate::cost::Placement;
use crate::field::Problems;
use crate::model::{Action, Assent, Outcome};
use crate::{
    field::{FieldError, parse_date_input, text_input},
    meeting::Quorum,
};

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
    let subject = p.take(text_input(
        "subject",
        "Subject",
        &input.subject,
        true,
        crate::text::limit::SUBJECT,
    ));
    let mut paragraphs = Vec::new();
    for (i, text) in input.paragraphs.iter().enumerate() {
        if let Some(t) = p.take(text_input(
            &format!("paragraphs.{i}"),
            &format!("Paragraph {})", paragraph_letter(i)),
            text,
            false,
            crate::text::limit::PARAGRAPH,
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
        crate::text::limit::LONG,
    ));
    let alternatives = p.take(text_input(
        "alternatives",
        "Alternatives considered",
        &input.alternatives,
        false,
        crate::text::limit::LONG,
    ));
    let mut conditions = Vec::new();
    for (i, text) in input.conditions.iter().enumerate() {
        if let Some(t) = p.take(text_input(
            &format!("conditions.{i}"),
            &format!("Condition {}", i + 1),
            text,
            false,
            crate::text::limit::PARAGRAPH,
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
            crate::text::limit::ACTION,
        ));
        let owner = p.take(text_input(
            &format!("actions.{i}.owner"),
            &format!("Action {n}: owner"),
            &a.owner,
            true,
            crate::text::limit::OWNER,
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

/// What surrounds a decision when it is finalised, whichever door it comes through: the
/// finaliser in the app, a chair's action, an imported file, or `panel check` reading it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinaliseContext<'a> {
    /// The date it is decided.
    pub decided_on: NaiveDate,
    /// Taken by the chair between meetings (rule 15): there is no meeting to be quorate.
    pub urgent: bool,
    /// The meeting's quorum by its attendance (rule 12): which partners someone present
    /// represents. `None` when the decision has no meeting (a chair's action).
    pub quorum: Option<Quorum>,
    /// Whether the decision is recorded as taken at an inquorate meeting (rule 12). The app
    /// never does; a file may, and must then agree with the attendance.
    pub recorded_inquorate: bool,
    /// Months of notice before a reduction takes effect (rule 10).
    pub notice_months: u32,
    /// The placement the decision is about, as it stands when finalised.
    pub placement: Option<&'a Placement>,
    /// The same placement as the latest earlier final decision about it approved it, if any:
    /// what a lower cost is a reduction from (rule 10).
    pub approved_before: Option<&'a Placement>,
    /// Partners' names, in partner order.
    pub partner_names: &'a [String],
}

/// A part of a decision a problem is about, so each door can name it in its own words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecisionPart {
    /// The meeting's quorum.
    Quorum,
    /// The record that the meeting was inquorate.
    Inquorate,
    /// The outcome.
    Outcome,
    /// The lettered paragraphs.
    Paragraphs,
    /// The reasons.
    Reasons,
    /// The alternatives considered.
    Alternatives,
    /// The conditions.
    Conditions,
    /// The review date.
    ReviewDate,
    /// The date a reduction takes effect.
    EffectiveFrom,
    /// The assent of the partner at this index.
    Assent(usize),
}

impl DecisionPart {
    /// The field of the decision form this part is shown beside.
    pub fn form_field(self) -> String {
        match self {
            DecisionPart::Quorum | DecisionPart::Inquorate => "quorum".into(),
            DecisionPart::Outcome => "outcome".into(),
            DecisionPart::Paragraphs => "paragraphs.0".into(),
            DecisionPart::Reasons => "reasons".into(),
            DecisionPart::Alternatives => "alternatives".into(),
            DecisionPart::Conditions => "conditions.0".into(),
            DecisionPart::ReviewDate => "review_date".into(),
            DecisionPart::EffectiveFrom => "effective_from".into(),
            DecisionPart::Assent(k) => format!("assents.{k}"),
        }
    }

    /// The field of a decision in the interchange format, with partners named by `codes`.
    pub fn file_field(self, codes: &[&str]) -> String {
        match self {
            DecisionPart::Quorum => "meeting".into(),
            DecisionPart::Inquorate => "inquorate".into(),
            DecisionPart::Outcome => "outcome".into(),
            DecisionPart::Paragraphs => "paragraphs".into(),
            DecisionPart::Reasons => "reasons".into(),
            DecisionPart::Alternatives => "alternatives".into(),
            DecisionPart::Conditions => "conditions".into(),
            DecisionPart::ReviewDate => "review_date".into(),
            DecisionPart::EffectiveFrom => "effective_from".into(),
            DecisionPart::Assent(k) => match codes.get(k) {
                Some(c) => format!("assent.{c}"),
                None => "assent".into(),
            },
        }
    }
}

/// Why a decision cannot be final: the part and a sentence for a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionProblem {
    /// Where.
    pub part: DecisionPart,
    /// What is wrong, and what to do.
    pub message: String,
}

impl DecisionProblem {
    /// The problem against its field of the decision form.
    pub fn to_field_error(&self) -> FieldError {
        FieldError::new(&self.part.form_field(), self.message.clone())
    }
}

/// The splits in force over the period a decision covers (rule 14): from the decision (or
/// the placement's start, if later) to the placement's end, a split taking effect later
/// included; a decision after the placement's end covers the whole placement. Each with the
/// first day of the period it is in force.
fn splits_in_period(
    placement: &Placement,
    decided_on: NaiveDate,
) -> impl Iterator<Item = (NaiveDate, &crate::SplitPeriod)> {
    let mut from = decided_on.max(placement.start);
    if placement.end.is_some_and(|e| e < from) {
        from = placement.start;
    }
    placement
        .splits
        .iter()
        .enumerate()
        .filter(move |(i, split)| {
            let ends_before = placement
                .splits
                .get(i + 1)
                .is_some_and(|next| next.from <= from);
            let starts_after = placement.end.is_some_and(|e| split.from > e);
            !ends_before && !starts_after
        })
        .map(move |(_, split)| (split.from.max(from), split))
}

/// Which partners fund a placement over the period a decision covers (rule 14): a share
/// above 0% in any split in force in it ([`splits_in_period`]).
pub fn funding_partners(
    placement: &Placement,
    decided_on: NaiveDate,
    partners: usize,
) -> Vec<bool> {
    let mut out = vec![false; partners];
    for (_, split) in splits_in_period(placement, decided_on) {
        for (k, share) in split.shares.iter().enumerate() {
            if share.basis_points() > 0
                && let Some(slot) = out.get_mut(k)
            {
                *slot = true;
            }
        }
    }
    out
}

/// The first day on or after a decision when a placement costs less a week than before (rule
/// 10): less than the latest earlier decision approved for that day, or, where nothing was
/// approved before, a rate starting that day that leaves it lower than the day before. Only
/// days the placement covers count (an ending is not a lower rate).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reduction {
    /// The first day at the lower cost.
    pub from: NaiveDate,
    /// The weekly cost before, rounded to the penny.
    pub before: crate::Money,
    /// The weekly cost from `from`, rounded to the penny.
    pub after: crate::Money,
}

/// The first reduction a decision on `decided_on` makes to `placement` (see [`Reduction`]).
pub fn first_reduction(
    placement: &Placement,
    approved_before: Option<&Placement>,
    decided_on: NaiveDate,
) -> Option<Reduction> {
    let mut days = vec![decided_on];
    for p in std::iter::once(placement).chain(approved_before) {
        for line in &p.cost_lines {
            days.push(line.from);
            if let Some(next) = line.to.and_then(|t| t.succ_opt()) {
                days.push(next);
            }
        }
        days.push(p.start);
    }
    days.retain(|&d| d >= decided_on && placement.covers(d));
    days.sort();
    days.dedup();
    for day in days {
        let after = placement.weekly_rate(day);
        let before = match approved_before {
            Some(b) if b.covers(day) => b.weekly_rate(day),
            Some(_) => continue,
            // A new rate starts that day; a time-limited line simply ending (1:1 support for
            // twelve weeks) is part of what is approved, not a lower rate.
            None if !placement
                .cost_lines
                .iter()
                .any(|l| l.from == day && l.per != crate::Per::Once) =>
            {
                continue;
            }
            None => match day.pred_opt() {
                Some(prev) if placement.covers(prev) => placement.weekly_rate(prev),
                _ => continue,
            },
        };
        if after < before {
            let round = crate::Money::from_bounded_pence;
            return Some(Reduction {
                from: day,
                before: round(before),
                after: round(after),
            });
        }
    }
    None
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

/// Why the meeting is not quorate, in words: the partners nobody present represents.
fn not_quorate(ctx: &FinaliseContext) -> String {
    let missing: Vec<&str> = ctx
        .quorum
        .iter()
        .flat_map(|q| q.represented.iter().enumerate())
        .filter(|(_, represented)| !**represented)
        .filter_map(|(k, _)| ctx.partner_names.get(k).map(String::as_str))
        .collect();
    let who = match missing.as_slice() {
        [] => return "The meeting is not quorate: every funding partner must be represented by someone present before a decision can be finalised".into(),
        [one] => (*one).to_string(),
        [first @ .., last] => format!("{} or {last}", first.join(", ")),
    };
    format!(
        "The meeting is not quorate: nobody present represents {who}, and a decision can be finalised only when every funding partner is represented"
    )
}

/// Everything that stops a decision being final, whichever door it comes through (the
/// app's finaliser, a chair's action, an imported file, `panel check`): the parts regulation
/// 12 requires, quorum (rule 12), notice of a reduction read from the costs themselves (rule
/// 10) and the assent of every partner funding any part of the period (rule 14). Empty when it
/// can be final.
pub fn final_decision_problems(d: &DecisionDraft, ctx: &FinaliseContext) -> Vec<DecisionProblem> {
    let mut out = Vec::new();
    let mut push =
        |part: DecisionPart, message: String| out.push(DecisionProblem { part, message });
    let date = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    let quorate = ctx.quorum.as_ref().is_none_or(|q| q.quorate);
    if ctx.urgent && ctx.recorded_inquorate {
        push(
            DecisionPart::Inquorate,
            "A chair's action is taken between meetings: it has no meeting to be inquorate".into(),
        );
    } else if !ctx.urgent && !quorate && !ctx.recorded_inquorate {
        push(DecisionPart::Quorum, not_quorate(ctx));
    } else if !ctx.urgent && quorate && ctx.recorded_inquorate {
        push(
            DecisionPart::Inquorate,
            "Recorded as taken at an inquorate meeting, but the meeting's attendance is quorate"
                .into(),
        );
    }
    if d.paragraphs.is_empty() {
        push(
            DecisionPart::Paragraphs,
            "Write the decision: at least paragraph a)".into(),
        );
    }
    if d.reasons.trim().is_empty() {
        push(
            DecisionPart::Reasons,
            "Give the reasons for the decision".into(),
        );
    }
    if d.alternatives.trim().is_empty() && d.outcome != Outcome::Noted {
        push(
            DecisionPart::Alternatives,
            "Record the alternatives considered and rejected (write \"None\" if there were none)"
                .into(),
        );
    }
    if d.outcome == Outcome::ApprovedWithConditions && d.conditions.is_empty() {
        push(
            DecisionPart::Conditions,
            "A decision approved with conditions needs at least one condition".into(),
        );
    }
    if d.outcome != Outcome::ApprovedWithConditions && !d.conditions.is_empty() {
        push(
            DecisionPart::Outcome,
            "There are conditions: choose \"approved with conditions\", or remove them".into(),
        );
    }
    let earliest = earliest_reduction(ctx.decided_on, ctx.notice_months);
    let notice = format!(
        "a reduction takes effect no earlier than {} months' notice after the decision: {} at the earliest",
        ctx.notice_months,
        date(earliest)
    );
    if funds(d.outcome) {
        match d.review_date {
            None => push(
                DecisionPart::ReviewDate,
                "A funded package needs a review date".into(),
            ),
            Some(r) if r <= ctx.decided_on => push(
                DecisionPart::ReviewDate,
                format!(
                    "The review date must be after the decision ({})",
                    date(ctx.decided_on)
                ),
            ),
            Some(_) => {}
        }
        let funding = match ctx.placement {
            Some(p) => funding_partners(p, ctx.decided_on, ctx.partner_names.len()),
            None => vec![true; ctx.partner_names.len()],
        };
        for (k, needed) in funding.iter().enumerate() {
            if *needed && d.assents.get(k).copied().flatten().is_none() {
                let name = ctx.partner_names.get(k).map_or("a partner", |s| s.as_str());
                let pays = ctx
                    .placement
                    .and_then(|p| first_share(p, ctx.decided_on, k))
                    .map(|(from, pct)| format!(" (it pays {pct} from {})", date(from)))
                    .unwrap_or_default();
                push(
                    DecisionPart::Assent(k),
                    format!(
                        "Record whether {name} agrees{pays}: a split cannot be imposed on a partner"
                    ),
                );
            }
        }
        if let Some(r) = ctx
            .placement
            .and_then(|p| first_reduction(p, ctx.approved_before, ctx.decided_on))
        {
            let falls = format!(
                "The weekly cost falls from {} to {} on {}",
                r.before,
                r.after,
                date(r.from)
            );
            if r.from < earliest {
                push(
                    DecisionPart::EffectiveFrom,
                    format!("{falls}: {notice}. Start the lower rate on that date or later"),
                );
            } else {
                match d.effective_from {
                    None => push(
                        DecisionPart::EffectiveFrom,
                        format!(
                            "{falls}: this decision is a reduction; record it as one, with the lower cost starting on {}",
                            date(r.from)
                        ),
                    ),
                    Some(f) if f != r.from => push(
                        DecisionPart::EffectiveFrom,
                        format!(
                            "{falls}, so the lower cost starts on {}, not on {}",
                            date(r.from),
                            date(f)
                        ),
                    ),
                    Some(_) => {}
                }
            }
            return out;
        }
    }
    if let Some(from) = d.effective_from
        && from < earliest
    {
        let mut n = notice;
        if let Some(first) = n.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        push(DecisionPart::EffectiveFrom, n);
    }
    out
}

/// The first day in the period a decision covers on which partner `k` pays a share above 0%,
/// with that share written as a percentage (`30.00%`).
fn first_share(p: &Placement, decided_on: NaiveDate, k: usize) -> Option<(NaiveDate, String)> {
    splits_in_period(p, decided_on).find_map(|(day, split)| {
        let share = split.shares.get(k)?;
        (share.basis_points() > 0).then(|| {
            (
                day,
                format!(
                    "{}%",
                    crate::split::format_basis_points(share.basis_points())
                ),
            )
        })
    })
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

    fn names() -> &'static [String] {
        static N: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        N.get_or_init(|| vec!["Social care".into(), "Education".into(), "Health".into()])
    }

    fn quorum(represented: [bool; 3]) -> Quorum {
        Quorum {
            quorate: represented.iter().all(|&r| r),
            represented: represented.to_vec(),
        }
    }

    #[test]
    fn an_inquorate_meeting_names_the_partners_nobody_represents() {
        let draft = decision_input(&complete(), 3).unwrap();
        let mut c = ctx();
        let said = |c: &FinaliseContext| final_decision_problems(&draft, c)[0].message.clone();
        c.quorum = Some(quorum([true, true, false]));
        assert_eq!(
            said(&c),
            "The meeting is not quorate: nobody present represents Health, and a decision can be finalised only when every funding partner is represented"
        );
        c.quorum = Some(quorum([false, true, false]));
        assert!(
            said(&c).contains(": nobody present represents Social care or Health,"),
            "{}",
            said(&c)
        );
        c.quorum = Some(quorum([false, false, false]));
        assert!(
            said(&c).contains(": nobody present represents Social care, Education or Health,"),
            "{}",
            said(&c)
        );
        // No words cite a rule by number: the person reading does not know the numbers.
        let mut input = complete();
        input.paragraphs = vec![String::new()];
        input.reasons = String::new();
        input.alternatives = String::new();
        input.review_date = "16/01/2031".into();
        input.assents = vec![String::new(), String::new(), String::new()];
        let bare = decision_input(&input, 3).unwrap();
        let p = placement(&[("2030-04-01", ["50", "30", "20"])]);
        c.placement = Some(&p);
        let problems = final_decision_problems(&bare, &c);
        assert!(problems.len() >= 7, "{problems:?}");
        for problem in problems {
            assert!(!problem.message.contains("(rule"), "{}", problem.message);
        }
    }

    fn ctx() -> FinaliseContext<'static> {
        FinaliseContext {
            decided_on: d("2031-01-16"),
            urgent: false,
            quorum: None,
            recorded_inquorate: false,
            notice_months: 3,
            placement: None,
            approved_before: None,
            partner_names: names(),
        }
    }

    fn pct(s: &str) -> crate::Percent {
        crate::Percent::parse(s).unwrap()
    }

    /// A placement from 01/04/2030, open-ended, £1,000.00 a week, with these splits.
    fn placement(splits: &[(&str, [&str; 3])]) -> Placement {
        Placement {
            start: d("2030-04-01"),
            end: None,
            cost_lines: vec![line(100_000, "2030-04-01", None)],
            splits: splits
                .iter()
                .map(|(from, shares)| crate::SplitPeriod {
                    from: d(from),
                    shares: shares.iter().map(|s| pct(s)).collect(),
                })
                .collect(),
        }
    }

    fn line(pence: i64, from: &str, to: Option<&str>) -> crate::CostLine {
        crate::CostLine {
            description: "Weekly fee".into(),
            per: crate::Per::Week,
            amount: crate::Money::from_pence(pence),
            from: d(from),
            to: to.map(d),
        }
    }

    fn fields(problems: Vec<DecisionProblem>) -> Vec<String> {
        problems.iter().map(|p| p.part.form_field()).collect()
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
        assert!(final_decision_problems(&draft, &ctx()).is_empty());
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
        c.quorum = Some(quorum([true, true, false]));
        let p = placement(&[("2030-04-01", ["50", "50", "0"])]);
        c.placement = Some(&p);
        assert_eq!(
            fields(final_decision_problems(&draft, &c)),
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
        assert_eq!(
            final_decision_problems(&draft, &ctx())[0].part,
            DecisionPart::Conditions
        );
        input.outcome = "approved".into();
        input.conditions = vec!["Education plan reviewed in 3 months".into()];
        let draft = decision_input(&input, 3).unwrap();
        assert_eq!(
            final_decision_problems(&draft, &ctx())[0].part,
            DecisionPart::Outcome
        );
        input.outcome = "declined".into();
        input.conditions.clear();
        input.review_date = String::new();
        input.assents = vec![String::new(); 3];
        let draft = decision_input(&input, 3).unwrap();
        assert!(final_decision_problems(&draft, &ctx()).is_empty());
    }

    #[test]
    fn a_reduction_waits_for_its_notice() {
        let mut input = complete();
        input.reduction = true;
        input.effective_from = "15/04/2031".into();
        let draft = decision_input(&input, 3).unwrap();
        let problems = final_decision_problems(&draft, &ctx());
        assert_eq!(problems[0].part, DecisionPart::EffectiveFrom);
        assert!(
            problems[0].message.contains("16/04/2031"),
            "{}",
            problems[0].message
        );
        input.effective_from = "16/04/2031".into();
        let draft = decision_input(&input, 3).unwrap();
        assert!(final_decision_problems(&draft, &ctx()).is_empty());
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

    #[test]
    fn a_partner_paying_only_from_a_later_split_must_assent() {
        // Health pays nothing on the decision day, 30% from 01/04/2031.
        let p = placement(&[
            ("2030-04-01", ["50", "50", "0"]),
            ("2031-04-01", ["35", "35", "30"]),
        ]);
        assert_eq!(funding_partners(&p, d("2031-01-16"), 3), [true, true, true]);
        let mut input = complete();
        input.assents[2] = String::new();
        let draft = decision_input(&input, 3).unwrap();
        let mut c = ctx();
        c.placement = Some(&p);
        let problems = final_decision_problems(&draft, &c);
        assert_eq!(fields(problems.clone()), ["assents.2"]);
        assert!(
            problems[0]
                .message
                .contains("Health agrees (it pays 30% from 01/04/2031)"),
            "{}",
            problems[0].message
        );
        // A split that ended before the decision funds nothing the decision covers.
        let ended = placement(&[
            ("2030-04-01", ["35", "35", "30"]),
            ("2030-10-01", ["50", "50", "0"]),
        ]);
        assert_eq!(
            funding_partners(&ended, d("2031-01-16"), 3),
            [true, true, false]
        );
        c.placement = Some(&ended);
        assert!(final_decision_problems(&draft, &c).is_empty());
        // Decided after the placement ended: the whole placement counts.
        let mut over = ended.clone();
        over.end = Some(d("2030-12-31"));
        assert_eq!(
            funding_partners(&over, d("2031-01-16"), 3),
            [true, true, true]
        );
    }

    #[test]
    fn a_lower_rate_is_a_reduction_whether_marked_or_not() {
        let mut p = placement(&[("2030-04-01", ["50", "50", "0"])]);
        p.cost_lines = vec![
            line(551_250, "2030-04-01", Some("2031-01-17")),
            line(400_000, "2031-01-18", None),
        ];
        let draft = decision_input(&complete(), 3).unwrap();
        let mut c = ctx();
        c.placement = Some(&p);
        let problems = final_decision_problems(&draft, &c);
        assert_eq!(fields(problems.clone()), ["effective_from"]);
        assert!(
            problems[0].message.contains(
                "The weekly cost falls from £5,512.50 to £4,000.00 on 18/01/2031: a reduction takes effect no earlier than 3 months' notice after the decision: 16/04/2031 at the earliest"
            ),
            "{}",
            problems[0].message
        );
        // The lower rate after the notice, but not marked: a reduction all the same.
        let mut p = p.clone();
        p.cost_lines = vec![
            line(551_250, "2030-04-01", Some("2031-04-30")),
            line(400_000, "2031-05-01", None),
        ];
        let mut c = ctx();
        c.placement = Some(&p);
        let problems = final_decision_problems(&draft, &c);
        assert_eq!(fields(problems.clone()), ["effective_from"]);
        assert!(
            problems[0]
                .message
                .contains("record it as one, with the lower cost starting on 01/05/2031"),
            "{}",
            problems[0].message
        );
        let mut input = complete();
        input.reduction = true;
        input.effective_from = "02/05/2031".into();
        let marked = decision_input(&input, 3).unwrap();
        let problems = final_decision_problems(&marked, &c);
        assert!(
            problems[0].message.contains("not on 02/05/2031"),
            "{}",
            problems[0].message
        );
        input.effective_from = "01/05/2031".into();
        let marked = decision_input(&input, 3).unwrap();
        assert!(final_decision_problems(&marked, &c).is_empty());
        // Approved before with the same fall: a later review is no new reduction.
        let before = p.clone();
        c.approved_before = Some(&before);
        c.decided_on = d("2031-03-01");
        let mut review = complete();
        review.review_date = "01/09/2031".into();
        let review = decision_input(&review, 3).unwrap();
        assert!(final_decision_problems(&review, &c).is_empty());
        // A rate rewritten lower than was approved is a reduction from the decision day.
        let mut lowered = p.clone();
        lowered.cost_lines = vec![line(500_000, "2030-04-01", None)];
        c.placement = Some(&lowered);
        let problems = final_decision_problems(&review, &c);
        assert!(
            problems[0]
                .message
                .contains("falls from £5,512.50 to £5,000.00 on 01/03/2031"),
            "{}",
            problems[0].message
        );
        // A higher rate, or an ending, is no reduction; nor is a decision that funds nothing.
        let mut higher = p.clone();
        higher.cost_lines = vec![
            line(600_000, "2030-04-01", None),
            line(90_000, "2030-04-01", Some("2031-06-01")),
        ];
        higher.end = Some(d("2031-06-30"));
        c.placement = Some(&higher);
        assert!(final_decision_problems(&review, &c).is_empty());
        let mut declined = complete();
        declined.outcome = "declined".into();
        declined.review_date = String::new();
        let declined = decision_input(&declined, 3).unwrap();
        c.placement = Some(&lowered);
        assert!(final_decision_problems(&declined, &c).is_empty());
    }

    #[test]
    fn an_inquorate_record_must_agree_with_the_attendance() {
        let draft = decision_input(&complete(), 3).unwrap();
        let mut c = ctx();
        c.quorum = Some(quorum([true, false, false]));
        assert_eq!(fields(final_decision_problems(&draft, &c)), ["quorum"]);
        c.recorded_inquorate = true;
        assert!(final_decision_problems(&draft, &c).is_empty());
        c.quorum = Some(quorum([true, true, true]));
        let p = final_decision_problems(&draft, &c);
        assert_eq!(p[0].part, DecisionPart::Inquorate);
        assert!(
            p[0].message.contains("attendance is quorate"),
            "{}",
            p[0].message
        );
        c.urgent = true;
        c.quorum = None;
        let p = final_decision_problems(&draft, &c);
        assert!(p[0].message.contains("chair's action"), "{}", p[0].message);
        c.recorded_inquorate = false;
        assert!(final_decision_problems(&draft, &c).is_empty());
    }
}
