//! The register of decisions as a whole (rule 9): each decision on an item about its own
//! case, one final decision an item unless one amends the other, amendment chains that never
//! fork nor cross cases nor run backwards in time, and no draft left under minutes that can no
//! longer change. The same check for an imported file and for `panel check`.

use chrono::NaiveDate;

use crate::model::{DecisionStatus, MinutesStatus};

/// The agenda item a decision was made on, as the register needs to know it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemPlace {
    /// The item's key (a row id, or a position in a file).
    pub item: i64,
    /// The case the item is about, if any.
    pub case: Option<i64>,
    /// The state of its meeting's minutes.
    pub minutes: MinutesStatus,
}

/// One decision, as the register needs to know it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Draft or final.
    pub status: DecisionStatus,
    /// The case it is about (a key).
    pub case: i64,
    /// The item it was made on, if at a meeting.
    pub item: Option<ItemPlace>,
    /// The position in the same list of the decision it amends.
    pub amends: Option<usize>,
    /// When it was decided.
    pub decided_on: NaiveDate,
    /// How people know it: its number, or "a draft".
    pub label: String,
}

/// The part of a decision a register problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegisterPart {
    /// The item it was made on.
    Item,
    /// Its status.
    Status,
    /// What it amends.
    Amends,
}

/// A problem of the register: which decision (its position), where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisterProblem {
    /// Position of the decision in the list given.
    pub decision: usize,
    /// Where.
    pub part: RegisterPart,
    /// What is wrong.
    pub message: String,
}

/// Every problem of the register `entries`.
pub fn register_problems(entries: &[Entry]) -> Vec<RegisterProblem> {
    let mut out = Vec::new();
    let mut push = |decision: usize, part: RegisterPart, message: String| {
        out.push(RegisterProblem {
            decision,
            part,
            message,
        })
    };
    for (i, e) in entries.iter().enumerate() {
        if let Some(place) = &e.item {
            if place.case != Some(e.case) {
                push(
                    i,
                    RegisterPart::Item,
                    match place.case {
                        Some(_) => "the agenda item it was made on is about another case".into(),
                        None => "the agenda item it was made on is about no case".into(),
                    },
                );
            }
            if e.status == DecisionStatus::Draft
                && matches!(
                    place.minutes,
                    MinutesStatus::Approved | MinutesStatus::Locked
                )
            {
                push(
                    i,
                    RegisterPart::Status,
                    format!(
                        "a draft under minutes that are {}: it could never be finalised or discarded",
                        place.minutes.label().to_lowercase()
                    ),
                );
            }
            // Two final decisions on one item: the later must amend the earlier.
            if e.status == DecisionStatus::Final
                && let Some((j, other)) = entries[..i].iter().enumerate().find(|(_, o)| {
                    o.status == DecisionStatus::Final
                        && o.item.as_ref().is_some_and(|p| p.item == place.item)
                })
                && !amends_chain(entries, i, j)
            {
                push(
                    i,
                    RegisterPart::Item,
                    format!(
                        "its item already has a final decision ({}) that it does not amend",
                        other.label
                    ),
                );
            }
        }
        let Some(a) = e.amends else { continue };
        let Some(amended) = entries.get(a) else {
            push(
                i,
                RegisterPart::Amends,
                "amends a decision that is not there".into(),
            );
            continue;
        };
        if amended.status != DecisionStatus::Final {
            push(
                i,
                RegisterPart::Amends,
                "only a final decision can be amended".into(),
            );
        }
        if amended.case != e.case {
            push(
                i,
                RegisterPart::Amends,
                format!("amends {}, which is about another case", amended.label),
            );
        }
        if e.decided_on < amended.decided_on {
            push(
                i,
                RegisterPart::Amends,
                format!(
                    "is dated {}, before {} which it amends ({})",
                    e.decided_on.format("%d/%m/%Y"),
                    amended.label,
                    amended.decided_on.format("%d/%m/%Y")
                ),
            );
        }
        if let Some(first) = entries[..i].iter().position(|o| o.amends == Some(a)) {
            push(
                i,
                RegisterPart::Amends,
                format!(
                    "{} is already amended by {}: only the latest decision of a chain can be amended",
                    amended.label, entries[first].label
                ),
            );
        }
    }
    out
}

/// Whether decision `i` amends `j`, directly or through decisions between them.
fn amends_chain(entries: &[Entry], i: usize, j: usize) -> bool {
    let mut cur = i;
    for _ in 0..entries.len() {
        match entries[cur].amends {
            Some(a) if a == j => return true,
            Some(a) if a < entries.len() => cur = a,
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::year::parse_iso_date;

    fn entry(
        status: DecisionStatus,
        case: i64,
        item: Option<(i64, i64)>,
        amends: Option<usize>,
    ) -> Entry {
        Entry {
            status,
            case,
            item: item.map(|(item, case)| ItemPlace {
                item,
                case: Some(case),
                minutes: MinutesStatus::Draft,
            }),
            amends,
            decided_on: parse_iso_date("2026-11-12").unwrap(),
            label: "D".into(),
        }
    }

    fn parts(entries: &[Entry]) -> Vec<(usize, RegisterPart)> {
        register_problems(entries)
            .into_iter()
            .map(|p| (p.decision, p.part))
            .collect()
    }

    use DecisionStatus::{Draft, Final};

    #[test]
    fn a_sound_register_has_no_problems() {
        let e = [
            entry(Final, 1, Some((10, 1)), None),
            entry(Final, 1, Some((10, 1)), Some(0)),
            entry(Final, 1, Some((20, 1)), Some(1)),
            entry(Draft, 2, Some((30, 2)), None),
        ];
        assert!(
            register_problems(&e).is_empty(),
            "{:?}",
            register_problems(&e)
        );
    }

    #[test]
    fn every_fault_of_the_register_is_found() {
        let mut locked = entry(Draft, 1, Some((40, 1)), None);
        locked.item.as_mut().unwrap().minutes = MinutesStatus::Locked;
        let mut early = entry(Final, 1, Some((50, 1)), Some(0));
        early.decided_on = parse_iso_date("2026-10-01").unwrap();
        let e = [
            entry(Final, 1, Some((10, 1)), None),
            entry(Final, 2, Some((10, 1)), None), // item about another case, second final
            entry(Final, 1, Some((20, 1)), Some(0)),
            entry(Final, 1, Some((21, 1)), Some(0)), // fork
            entry(Final, 3, Some((22, 3)), Some(2)), // crosses cases
            locked,
            early,                          // before what it amends, and a fork
            entry(Final, 1, None, Some(5)), // amends a draft
        ];
        assert_eq!(
            parts(&e),
            [
                (1, RegisterPart::Item),
                (1, RegisterPart::Item),
                (3, RegisterPart::Amends),
                (4, RegisterPart::Amends),
                (5, RegisterPart::Status),
                (6, RegisterPart::Amends),
                (6, RegisterPart::Amends),
                (7, RegisterPart::Amends),
            ]
        );
        let m: Vec<String> = register_problems(&e)
            .into_iter()
            .map(|p| p.message)
            .collect();
        assert!(
            m[4].contains("draft under minutes that are approved and locked"),
            "{m:?}"
        );
        assert!(m[5].contains("is dated 01/10/2026, before D"), "{m:?}");
    }
}
