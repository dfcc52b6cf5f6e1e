//! Financial years: 1 April to 31 March, labelled `2021/22` (rule 2).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// The earliest and latest financial years the application accepts (start years).
pub const FIRST_YEAR: i32 = 1990;
/// See [`FIRST_YEAR`].
pub const LAST_YEAR: i32 = 2199;

/// A financial year, named by the calendar year in which it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FinancialYear {
    start_year: i32,
}

/// Why a financial year label was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{input}\" is not a financial year (expected e.g. 2023/24, running 1 April 2023 to 31 March 2024)"
)]
pub struct YearError {
    /// What was given.
    pub input: String,
}

impl FinancialYear {
    /// The financial year that starts on 1 April of `start_year`, if within range.
    pub fn starting(start_year: i32) -> Option<FinancialYear> {
        (FIRST_YEAR..=LAST_YEAR)
            .contains(&start_year)
            .then_some(FinancialYear { start_year })
    }

    /// The financial year a date falls in.
    pub fn containing(date: NaiveDate) -> FinancialYear {
        let start_year = if date.month() >= 4 {
            date.year()
        } else {
            date.year() - 1
        };
        FinancialYear { start_year }
    }

    /// The calendar year in which it starts.
    pub fn start_year(self) -> i32 {
        self.start_year
    }

    /// 1 April.
    pub fn start(self) -> NaiveDate {
        ymd(self.start_year, 4, 1)
    }

    /// 31 March of the next calendar year.
    pub fn end(self) -> NaiveDate {
        ymd(self.start_year + 1, 3, 31)
    }

    /// 365, or 366 when the year holds a 29 February.
    pub fn days(self) -> i64 {
        (self.end() - self.start()).num_days() + 1
    }

    /// The year after.
    pub fn next(self) -> FinancialYear {
        FinancialYear {
            start_year: self.start_year + 1,
        }
    }

    /// Whether `date` lies in this year.
    pub fn contains(self, date: NaiveDate) -> bool {
        self.start() <= date && date <= self.end()
    }

    /// The short form used in decision numbers: `21-22`.
    pub fn short_label(self) -> String {
        format!(
            "{:02}-{:02}",
            self.start_year.rem_euclid(100),
            (self.start_year + 1).rem_euclid(100)
        )
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    // 1 April and 31 March exist in every year chrono represents.
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

impl fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{:02}",
            self.start_year,
            (self.start_year + 1).rem_euclid(100)
        )
    }
}

impl FromStr for FinancialYear {
    type Err = YearError;

    /// Parses `2023/24`; the second part must be the year after the first.
    fn from_str(s: &str) -> Result<FinancialYear, YearError> {
        let err = || YearError {
            input: s.to_string(),
        };
        let (a, b) = s.trim().split_once('/').ok_or_else(err)?;
        if a.len() != 4 || b.len() != 2 || !(a.bytes().chain(b.bytes())).all(|c| c.is_ascii_digit())
        {
            return Err(err());
        }
        let start: i32 = a.parse().map_err(|_| err())?;
        let end: i32 = b.parse().map_err(|_| err())?;
        if (start + 1).rem_euclid(100) != end {
            return Err(err());
        }
        FinancialYear::starting(start).ok_or_else(err)
    }
}

/// Parses an ISO date `YYYY-MM-DD`, strictly (no other form, no out-of-range day).
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    if !b
        .iter()
        .enumerate()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return None;
    }
    // Read digit by digit: every date the database holds passes through here, and a
    // formatted parse costs several times as much.
    let number = |from: usize, to: usize| {
        b[from..to]
            .iter()
            .fold(0u32, |n, c| n * 10 + u32::from(c - b'0'))
    };
    let year = i32::try_from(number(0, 4)).ok()?;
    NaiveDate::from_ymd_opt(year, number(5, 7), number(8, 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_iso_date(s).unwrap()
    }

    #[test]
    fn labels_and_bounds() {
        let y: FinancialYear = "2021/22".parse().unwrap();
        assert_eq!(y.start(), d("2021-04-01"));
        assert_eq!(y.end(), d("2022-03-31"));
        assert_eq!(y.days(), 365);
        assert_eq!(y.to_string(), "2021/22");
        assert_eq!(y.short_label(), "21-22");
        let leap: FinancialYear = "2023/24".parse().unwrap();
        assert_eq!(leap.days(), 366);
        assert_eq!(
            "1999/00".parse::<FinancialYear>().unwrap().short_label(),
            "99-00"
        );
        assert_eq!(
            FinancialYear::containing(d("2022-03-31")).to_string(),
            "2021/22"
        );
        assert_eq!(
            FinancialYear::containing(d("2022-04-01")).to_string(),
            "2022/23"
        );
    }

    #[test]
    fn refuses_bad_labels() {
        for bad in [
            "2021/23",
            "2021-22",
            "21/22",
            "2021/2022",
            "abcd/ef",
            "",
            "2021/",
            "1800/01",
        ] {
            assert!(bad.parse::<FinancialYear>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn strict_iso_dates() {
        assert!(parse_iso_date("2024-02-29").is_some());
        for bad in [
            "2023-02-29",
            "2023-2-01",
            "01/02/2023",
            "2023-13-01",
            "2023-01-01T00:00",
            "+2023-01-01",
        ] {
            assert!(parse_iso_date(bad).is_none(), "{bad:?}");
        }
    }
}
