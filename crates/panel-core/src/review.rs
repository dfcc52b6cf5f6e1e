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

/// The review of a package falling due in `after` (exclusive) to `by` (inclusive): the
/// window since the previous meeting. Returns the date it falls due.
#[allow(clippy::too_many_arguments)]
pub fn review_due(
    start: NaiveDate,
    end: Option<NaiveDate>,
    anchor: Option<NaiveDate>,
    first_months: u32,
    every_months: u32,
    after: NaiveDate,
    by: NaiveDate,
) -> Option<NaiveDate> {
    review_dates(start, end, anchor, first_months, every_months, by)
        .into_iter()
        .rev()
        .find(|&d| d > after)
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

/// Whether a package ends in the window since the previous meeting (`after` exclusive, `by`
/// inclusive), so the meeting is offered its ending.
pub fn ends_in(end: Option<NaiveDate>, after: NaiveDate, by: NaiveDate) -> bool {
    end.is_some_and(|e| e > after && e <= by)
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
    fn due_in_the_window_since_the_previous_meeting() {
        let start = d("2026-05-20");
        // First review 20 Nov 2026: due at the 10 Dec meeting (previous: 12 Nov).
        assert_eq!(
            review_due(start, None, None, 6, 6, d("2026-11-12"), d("2026-12-10")),
            Some(d("2026-11-20"))
        );
        // Not at the November meeting, and not again in January.
        assert_eq!(
            review_due(start, None, None, 6, 6, d("2026-10-08"), d("2026-11-12")),
            None
        );
        assert_eq!(
            review_due(start, None, None, 6, 6, d("2026-12-10"), d("2027-01-14")),
            None
        );
        // A three-month first review, then yearly.
        assert_eq!(
            review_due(start, None, None, 3, 12, d("2026-08-01"), d("2026-09-01")),
            Some(d("2026-08-20"))
        );
        assert!(ends_in(
            Some(d("2026-12-01")),
            d("2026-11-12"),
            d("2026-12-10")
        ));
        assert!(!ends_in(
            Some(d("2026-11-12")),
            d("2026-11-12"),
            d("2026-12-10")
        ));
        assert!(!ends_in(None, d("2026-11-12"), d("2026-12-10")));
    }
}
