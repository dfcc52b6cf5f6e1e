//! Money: whole pence, parsed from what people type and shown as `£2,448,000.00` (rule 1).

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The largest amount the application accepts: £1,000,000,000,000.00 in pence.
/// Far above any pooled budget, and small enough that no sum of segments can overflow.
pub const MAX_PENCE: i64 = 100_000_000_000_000;

/// An amount of pounds sterling, held as whole pence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

/// Why a typed amount was refused. The `Display` text names the field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Nothing was typed.
    #[error("{field}: an amount is required")]
    Empty {
        /// The field the value was for.
        field: String,
    },
    /// More than two digits after the decimal point.
    #[error("{field}: \"{input}\" has more than two decimal places")]
    TooManyDecimals {
        /// The field the value was for.
        field: String,
        /// What was typed.
        input: String,
    },
    /// Not an amount of money at all.
    #[error("{field}: \"{input}\" is not an amount of money (expected e.g. 1234.50 or £1,234.50)")]
    Malformed {
        /// The field the value was for.
        field: String,
        /// What was typed.
        input: String,
    },
    /// Larger than the application accepts.
    #[error("{field}: \"{input}\" is too large")]
    TooLarge {
        /// The field the value was for.
        field: String,
        /// What was typed.
        input: String,
    },
}

impl MoneyError {
    /// What is wrong, without the field's name: the message a door that names the field its
    /// own way puts after that name.
    pub fn problem(&self) -> String {
        match self {
            MoneyError::Empty { .. } => "an amount is required".to_string(),
            MoneyError::TooManyDecimals { input, .. } => {
                format!("\"{input}\" has more than two decimal places")
            }
            MoneyError::Malformed { input, .. } => format!(
                "\"{input}\" is not an amount of money (expected e.g. 1234.50 or £1,234.50)"
            ),
            MoneyError::TooLarge { input, .. } => format!("\"{input}\" is too large"),
        }
    }
}

/// A decimal number of pence rounded to whole pence, half away from zero.
fn round_pence(pence: Decimal) -> i128 {
    let rounded = pence.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    rounded.mantissa() / 10i128.pow(rounded.scale())
}

/// `n` ÷ `d` and its remainder, in 64-bit arithmetic where both fit (the costs and shares of
/// amounts within the ceilings always do), else in 128-bit.
pub(crate) fn div_rem(n: i128, d: i128) -> (i128, i128) {
    match (i64::try_from(n), i64::try_from(d)) {
        (Ok(n), Ok(d)) => (i128::from(n / d), i128::from(n % d)),
        _ => (n / d, n % d),
    }
}

impl Money {
    /// Zero pounds.
    pub const ZERO: Money = Money(0);

    /// An amount of whole pence.
    pub const fn from_pence(pence: i64) -> Money {
        Money(pence)
    }

    /// An amount of whole pounds.
    pub const fn from_pounds(pounds: i64) -> Money {
        Money(pounds * 100)
    }

    /// The amount in whole pence.
    pub const fn pence(self) -> i64 {
        self.0
    }

    /// Whether the amount is below zero.
    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// The amount without its sign.
    pub const fn abs(self) -> Money {
        Money(self.0.abs())
    }

    /// A decimal number of pence rounded to the penny, half away from zero.
    ///
    /// Returns `None` when the result is out of range.
    pub fn from_decimal_pence(pence: Decimal) -> Option<Money> {
        Money::checked_from_pence(round_pence(pence))
    }

    /// A decimal number of pence that is within range by construction (the cost of a
    /// segment of a line within [`crate::cost::LINE_CEILING`], an average of amounts),
    /// rounded to the penny as [`Money::from_decimal_pence`] rounds it. Out of range is a
    /// fault to stop at, never a silent £0.00.
    pub fn from_bounded_pence(pence: Decimal) -> Money {
        Money::from_bounded_whole_pence(round_pence(pence))
    }

    /// Whole pence within the range of amounts (at most [`MAX_PENCE`] either way).
    pub fn checked_from_pence(pence: i128) -> Option<Money> {
        let whole = i64::try_from(pence).ok()?;
        (whole.abs() <= MAX_PENCE).then_some(Money(whole))
    }

    /// Whole pence within range by construction, as [`Money::from_bounded_pence`] has them.
    pub fn from_bounded_whole_pence(pence: i128) -> Money {
        match Money::checked_from_pence(pence) {
            Some(m) => m,
            None => panic!("{pence} pence is outside the range of amounts of money"),
        }
    }

    /// Parses what a person typed into the field named `field`.
    ///
    /// Accepts `£1,234.50`, `1234.5`, `1,234`, `-£20.00` and `£-20`; refuses `12.345`, `1.2.3`,
    /// `abc`, badly grouped thousands (`12,34`) and an empty field, each with a message that
    /// names the field.
    pub fn parse(field: &str, input: &str) -> Result<Money, MoneyError> {
        let malformed = || MoneyError::Malformed {
            field: field.to_string(),
            input: input.to_string(),
        };
        let text = input.trim();
        if text.is_empty() {
            return Err(MoneyError::Empty {
                field: field.to_string(),
            });
        }
        let (negative, rest) = strip_sign_and_pound(text);
        let (whole, fraction) = match rest.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (rest, None),
        };
        if whole.is_empty() {
            return Err(malformed());
        }
        let digits = ungroup(whole).ok_or_else(malformed)?;
        let fraction_pence = match fraction {
            None => 0,
            Some(f) => {
                if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(malformed());
                }
                if f.len() > 2 {
                    return Err(MoneyError::TooManyDecimals {
                        field: field.to_string(),
                        input: input.to_string(),
                    });
                }
                let value: i64 = f.parse().map_err(|_| malformed())?;
                if f.len() == 1 { value * 10 } else { value }
            }
        };
        let too_large = || MoneyError::TooLarge {
            field: field.to_string(),
            input: input.to_string(),
        };
        // More than 13 integer digits is beyond MAX_PENCE whatever they are.
        let pounds: i64 = if digits.trim_start_matches('0').len() > 13 {
            return Err(too_large());
        } else {
            digits.parse().map_err(|_| malformed())?
        };
        let pence = pounds * 100 + fraction_pence;
        if pence > MAX_PENCE {
            return Err(too_large());
        }
        Ok(Money(if negative { -pence } else { pence }))
    }

    /// The plain decimal form used in files and across IPC: `2448000.00`, `-12.50`.
    pub fn to_plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

/// Takes off a leading minus sign and pound sign in either order.
fn strip_sign_and_pound(text: &str) -> (bool, &str) {
    let mut negative = false;
    let mut rest = text;
    for _ in 0..2 {
        if let Some(r) = rest.strip_prefix('-') {
            if negative {
                break;
            }
            negative = true;
            rest = r;
        } else if let Some(r) = rest.strip_prefix('£') {
            rest = r;
        }
    }
    (negative, rest)
}

/// The digits of a whole number of pounds, with thousands separators checked and removed.
fn ungroup(whole: &str) -> Option<String> {
    if !whole.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return None;
    }
    if !whole.contains(',') {
        return Some(whole.to_string());
    }
    let groups: Vec<&str> = whole.split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    (first_ok && rest_ok).then(|| groups.concat())
}

impl fmt::Display for Money {
    /// `£2,448,000.00`, or `-£12.50` for a negative amount.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let abs = self.0.unsigned_abs();
        let pounds = (abs / 100).to_string();
        let mut grouped = String::with_capacity(pounds.len() + pounds.len() / 3);
        for (i, c) in pounds.chars().enumerate() {
            if i > 0 && (pounds.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let sign = if self.0 < 0 { "-" } else { "" };
        let text = format!("{sign}£{grouped}.{:02}", abs % 100);
        f.pad(&text)
    }
}

/// Checked arithmetic, in every build: an amount outside the range of whole pence is a fault
/// to stop at, never a figure that silently wraps. No amount the doors let in can get there
/// (a cost line is at most [`crate::cost::LINE_CEILING`], so a year of one is at most
/// £3,660,000,000.00, and it takes over two million such line-years to leave the range).
fn in_range(pence: Option<i64>) -> Money {
    match pence {
        Some(p) => Money(p),
        None => panic!("an amount of money went outside the range of whole pence"),
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        in_range(self.0.checked_add(rhs.0))
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        in_range(self.0.checked_sub(rhs.0))
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        *self = *self - rhs;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        in_range(self.0.checked_neg())
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_plain())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        let text = String::deserialize(deserializer)?;
        Money::parse("amount", &text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Money, MoneyError> {
        Money::parse("amount", s)
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(p("£1,234.50"), Ok(Money(123_450)));
        assert_eq!(p("1234.5"), Ok(Money(123_450)));
        assert_eq!(p("1,234"), Ok(Money(123_400)));
        assert_eq!(p("  £2,448,000.00 "), Ok(Money(244_800_000)));
        assert_eq!(p("0.07"), Ok(Money(7)));
        assert_eq!(p("-£20.00"), Ok(Money(-2000)));
        assert_eq!(p("£-20"), Ok(Money(-2000)));
        assert_eq!(p("007"), Ok(Money(700)));
    }

    #[test]
    fn refuses_anything_else_naming_the_field() {
        let e = p("12.345").unwrap_err();
        assert_eq!(
            e.to_string(),
            "amount: \"12.345\" has more than two decimal places"
        );
        assert!(matches!(p("1.2.3"), Err(MoneyError::Malformed { .. })));
        assert!(matches!(p("abc"), Err(MoneyError::Malformed { .. })));
        assert_eq!(
            p("").unwrap_err().to_string(),
            "amount: an amount is required"
        );
        assert!(matches!(p("   "), Err(MoneyError::Empty { .. })));
        for bad in [
            "12,34", "1,2345", ",123", "1234.", ".5", "£", "--5", "1 234", "1e5", "+5", "£££1",
            "12.3a", "0x10", "1,234,56",
        ] {
            assert!(
                matches!(p(bad), Err(MoneyError::Malformed { .. })),
                "{bad:?} should be refused"
            );
        }
        let e = Money::parse("cases[0].amount", "99999999999999999999").unwrap_err();
        assert!(matches!(e, MoneyError::TooLarge { .. }));
        assert!(e.to_string().starts_with("cases[0].amount: "));
    }

    #[test]
    fn formats_with_pound_sign_and_thousands() {
        assert_eq!(Money(244_800_000).to_string(), "£2,448,000.00");
        assert_eq!(Money(0).to_string(), "£0.00");
        assert_eq!(Money(5).to_string(), "£0.05");
        assert_eq!(Money(-123_450).to_string(), "-£1,234.50");
        assert_eq!(Money(100_000).to_string(), "£1,000.00");
        assert_eq!(Money(99_999).to_string(), "£999.99");
        assert_eq!(format!("{:>12}", Money(100)), "       £1.00");
        assert_eq!(Money(244_800_000).to_plain(), "2448000.00");
        assert_eq!(Money(-5).to_plain(), "-0.05");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(
            Money::from_decimal_pence(Decimal::new(25, 1)),
            Some(Money(3))
        );
        assert_eq!(
            Money::from_decimal_pence(Decimal::new(-25, 1)),
            Some(Money(-3))
        );
        assert_eq!(
            Money::from_decimal_pence(Decimal::new(249, 2)),
            Some(Money(2))
        );
    }

    #[test]
    #[should_panic(expected = "outside the range of whole pence")]
    fn a_sum_out_of_range_stops_rather_than_wraps() {
        let _ = Money(i64::MAX) + Money(1);
    }

    #[test]
    #[should_panic(expected = "outside the range of whole pence")]
    fn a_difference_out_of_range_stops_rather_than_wraps() {
        let mut m = Money(i64::MIN);
        m -= Money(1);
    }

    #[test]
    #[should_panic(expected = "outside the range of amounts of money")]
    fn an_unbounded_amount_is_never_taken_for_zero() {
        let _ = Money::from_bounded_pence(Decimal::from(MAX_PENCE) * Decimal::from(366));
    }

    #[test]
    fn the_problem_is_the_message_without_the_field() {
        for bad in ["", "12.345", "abc", "99999999999999999999"] {
            let e = Money::parse("Cost line 1: amount", bad).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("Cost line 1: amount: {}", e.problem())
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_and_display_forms_parse_back(pence in -MAX_PENCE..=MAX_PENCE) {
            let m = Money(pence);
            proptest::prop_assert_eq!(p(&m.to_plain()), Ok(m));
            proptest::prop_assert_eq!(p(&m.to_string()), Ok(m));
        }
    }
}
