//! Reviews (rule 11): when each funded package is reviewed, and what a meeting is offered.

use chrono::{Months, NaiveDate};

/// The review dates of a package, in order: from `anchor` (the review date its latest
/// decision set) if there is one, else `first_months` after `start`; then every
/// `every_months`. None after `end`, and none past `until`.
pub fn review_dates(
    start: NaiveDate,
    end: Option<NaiveDate>,
    anchor: Option<NaiveDate>,
    first_months: u32,
    every_months: u32,
    until: NaiveDate,
) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    // Each date from the same base, so a cycle from 31 August keeps to month ends
    // (28 February, then 31 August) instead of drifting to the 28th.
    let (base, offset) = match anchor {
        Some(a) => (a, 0),
        None => (start, first_months),
    };
    for k in 0u32.. {
        let Some(next) = base.checked_add_months(Months::new(offset + every_months.max(1) * k))
        else {
            break;
        };
        if next > until || end.is_some_and(|e| next > e) {
            break;
        }
        out.push(next);
    }
    out
}

/// The review a meeting on `by` is offered for a package (rule 11): its next review not yet
/// held — the review date its latest decision set, else `first_months` after its start — when
/// that falls on or before the meeting. An overdue review stays offered until a decision holds
/// it (and sets the next). None when the package ends before the review falls.
pub fn review_due(
    start: NaiveDate,
    end: Option<NaiveDate>,
    anchor: Option<NaiveDate>,
    first_months: u32,
    by: NaiveDate,
) -> Option<NaiveDate> {
    let next = next_review(start, anchor, first_months);
    (next <= by && end.is_none_or(|e| next <= e)).then_some(next)
}

/// The next review of a package: the review date its latest decision set, else
/// `first_months` after its start. It may be past: the review is then overdue.
pub fn next_review(start: NaiveDate, anchor: Option<NaiveDate>, first_months: u32) -> NaiveDate {
    anchor.unwrap_or_else(|| {
        start
            .checked_add_months(Months::new(first_months))
            .unwrap_or(start)
    })
}

/// Whether a meeting on `by` is offered a package's ending (rule 11): it ends before the
/// meeting and has not been brought to the panel.
pub fn ending_due(end: Option<NaiveDate>, by: NaiveDate, brought: bool) -> bool {
    !brought && end.is_some_and(|e| e < by)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::year::parse_iso_date;

    fn d(s: &str) -> NaiveDate {
        parse_iso_date(s).unwrap()
    }

    #[test]
    fn six_monthly_from_the_start_or_from_the_last_decision() {
        let dates = review_dates(d("2025-08-31"), None, None, 6, 6, d("2027-01-01"));
        assert_eq!(dates, [d("2026-02-28"), d("2026-08-31")]);
        // A decision set the next review: the cycle runs from there.
        let dates = review_dates(
            d("2025-01-10"),
            None,
            Some(d("2026-05-01")),
            6,
            12,
            d("2028-01-01"),
        );
        assert_eq!(dates, [d("2026-05-01"), d("2027-05-01")]);
        // Nothing after the package ends.
        assert!(
            review_dates(
                d("2025-01-10"),
                Some(d("2025-06-01")),
                None,
                6,
                6,
                d("2030-01-01")
            )
            .is_empty()
        );
    }

    #[test]
    fn due_by_the_meeting_and_offered_until_held() {
        let start = d("2026-05-20");
        // First review 20 Nov 2026: due at the 10 Dec meeting, not at the November one.
        assert_eq!(
            review_due(start, None, None, 6, d("2026-12-10")),
            Some(d("2026-11-20"))
        );
        assert_eq!(review_due(start, None, None, 6, d("2026-11-12")), None);
        // Not held in December: still offered in January, and at every meeting after.
        assert_eq!(
            review_due(start, None, None, 6, d("2027-01-14")),
            Some(d("2026-11-20"))
        );
        assert_eq!(
            review_due(start, None, None, 6, d("2027-09-09")),
            Some(d("2026-11-20"))
        );
        // Held in January, the decision set the next review for July: nothing until then.
        assert_eq!(
            review_due(start, None, Some(d("2027-07-14")), 6, d("2027-02-11")),
            None
        );
        assert_eq!(
            review_due(start, None, Some(d("2027-07-14")), 6, d("2027-07-14")),
            Some(d("2027-07-14"))
        );
        // A three-month first review; none for a package ending before it falls.
        assert_eq!(
            review_due(start, None, None, 3, d("2026-09-01")),
            Some(d("2026-08-20"))
        );
        assert_eq!(
            review_due(start, Some(d("2026-08-01")), None, 3, d("2026-09-01")),
            None
        );
        // An ending is offered until it is brought.
        assert!(ending_due(Some(d("2026-12-01")), d("2026-12-10"), false));
        assert!(ending_due(Some(d("2026-06-01")), d("2026-12-10"), false));
        assert!(!ending_due(Some(d("2026-06-01")), d("2026-12-10"), true));
        assert!(!ending_due(Some(d("2026-12-10")), d("2026-12-10"), false));
        assert!(!ending_due(None, d("2026-12-10"), false));
    }
}
