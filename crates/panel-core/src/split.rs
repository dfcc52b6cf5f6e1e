//! Percentages and the allocation of an amount between partners to the penny (rule 5).

use std::fmt;

use crate::money::Money;

/// A percentage with at most two decimals, held in hundredths of a percent (basis points).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent(u32);

/// 100%, in basis points.
pub const WHOLE: u32 = 10_000;

/// Why a percentage was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PercentError {
    /// Not a number from 0 to 100.
    #[error("\"{0}\" is not a percentage from 0 to 100")]
    Malformed(String),
    /// More than two decimals.
    #[error("\"{0}\" has more than two decimal places")]
    TooManyDecimals(String),
}

impl Percent {
    /// 0%.
    pub const ZERO: Percent = Percent(0);

    /// A percentage from basis points (hundredths of a percent); `None` above 100%.
    pub fn from_basis_points(bp: u32) -> Option<Percent> {
        (bp <= WHOLE).then_some(Percent(bp))
    }

    /// The percentage in hundredths of a percent.
    pub fn basis_points(self) -> u32 {
        self.0
    }

    /// Parses `50`, `33.33`, `12.5` (an optional trailing `%` is allowed).
    pub fn parse(input: &str) -> Result<Percent, PercentError> {
        let text = input.trim();
        let text = text.strip_suffix('%').unwrap_or(text).trim_end();
        let malformed = || PercentError::Malformed(input.to_string());
        let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
        if whole.is_empty()
            || whole.len() > 3
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || (text.contains('.') && frac.is_empty())
        {
            return Err(malformed());
        }
        if frac.len() > 2 {
            return Err(PercentError::TooManyDecimals(input.to_string()));
        }
        let whole: u32 = whole.parse().map_err(|_| malformed())?;
        let hundredths: u32 = match frac.len() {
            0 => 0,
            1 => frac.parse::<u32>().map_err(|_| malformed())? * 10,
            _ => frac.parse().map_err(|_| malformed())?,
        };
        Percent::from_basis_points(whole * 100 + hundredths).ok_or_else(malformed)
    }
}

impl fmt::Display for Percent {
    /// The shortest exact form: `50`, `33.33`, `12.5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format_basis_points(self.0))
    }
}

/// Hundredths of a percent with two decimals and the sign, as tables print them: `33.34%`,
/// `50.00%`, `100.00%` — also for sums that no [`Percent`] holds.
pub fn format_percent_table(bp: u32) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

/// Hundredths of a percent in the shortest exact form, `50`, `33.33`, `12.5`, `101` — also
/// for sums above 100% that no [`Percent`] holds.
pub fn format_basis_points(bp: u32) -> String {
    let (whole, frac) = (bp / 100, bp % 100);
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

/// Shares `amount` between partners in proportion to non-negative `weights` (rule 5).
///
/// Each partner gets the floor of its exact share; the pence left over go one at a time to the
/// largest fractional remainders, ties in partner order (the order of `weights`). A negative
/// amount is shared as its absolute value, then negated. The shares always add up to `amount`.
/// The arithmetic is exact (128-bit integers: quotient and remainder), so no rounding error can
/// decide a tie. Returns `None` when the weights are empty, negative or sum to zero.
pub fn allocate(amount: Money, weights: &[i64]) -> Option<Vec<Money>> {
    if weights.iter().any(|&w| w < 0) {
        return None;
    }
    allocate_weighted(amount, weights.len(), |i| weights[i])
}

/// [`allocate`] over `count` weights given by `weight`, without copying them: one vector, the
/// shares, however many partners (a spend screen allocates every segment of every placement).
fn allocate_weighted(
    amount: Money,
    count: usize,
    weight: impl Fn(usize) -> i64,
) -> Option<Vec<Money>> {
    let total: i128 = (0..count).map(|i| i128::from(weight(i))).sum();
    if total <= 0 {
        return None;
    }
    let abs = i128::from(amount.pence()).abs();
    // Each partner's exact share is floor + remainder ÷ total; the floors first.
    let mut shares: Vec<Money> = Vec::with_capacity(count);
    let mut remainders = Remainders::new(count);
    let mut left = abs;
    for i in 0..count {
        let exact = abs * i128::from(weight(i));
        let (floor, remainder) = crate::money::div_rem(exact, total);
        left -= floor;
        remainders.push(remainder);
        shares.push(Money::from_pence(i64::try_from(floor).ok()?));
    }
    // A partner gets one of the `left` pence when fewer than `left` partners come before it:
    // a larger remainder, or an equal one earlier in partner order.
    let left = usize::try_from(left).ok()?;
    if left > 0 {
        for (i, share) in shares.iter_mut().enumerate() {
            let r = remainders.get(i);
            let before = (0..count)
                .filter(|&j| {
                    let rj = remainders.get(j);
                    rj > r || (rj == r && j < i)
                })
                .count();
            if before < left {
                *share = Money::from_pence(share.pence() + 1);
            }
        }
    }
    if amount.is_negative() {
        for share in &mut shares {
            *share = Money::from_pence(-share.pence());
        }
    }
    Some(shares)
}

/// The fractional remainders of the shares: on the stack for up to eight partners.
enum Remainders {
    Few([i128; 8], usize),
    Many(Vec<i128>),
}

impl Remainders {
    fn new(count: usize) -> Remainders {
        if count <= 8 {
            Remainders::Few([0; 8], 0)
        } else {
            Remainders::Many(Vec::with_capacity(count))
        }
    }

    fn push(&mut self, r: i128) {
        match self {
            Remainders::Few(a, n) => {
                a[*n] = r;
                *n += 1;
            }
            Remainders::Many(v) => v.push(r),
        }
    }

    fn get(&self, i: usize) -> i128 {
        match self {
            Remainders::Few(a, _) => a[i],
            Remainders::Many(v) => v[i],
        }
    }
}

/// Shares `amount` by percentages in basis points that sum to 100% (rule 5).
pub fn allocate_by_percent(amount: Money, shares: &[Percent]) -> Option<Vec<Money>> {
    if shares.iter().map(|p| i64::from(p.0)).sum::<i64>() != i64::from(WHOLE) {
        return None;
    }
    allocate_weighted(amount, shares.len(), |i| i64::from(shares[i].0))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pct(s: &str) -> Percent {
        Percent::parse(s).unwrap()
    }

    fn pence(v: &[Money]) -> Vec<i64> {
        v.iter().map(|m| m.pence()).collect()
    }

    #[test]
    fn seed_contributions_34_33_33() {
        let shares = [pct("34"), pct("33"), pct("33")];
        let out = allocate_by_percent(Money::from_pounds(7_200_000), &shares).unwrap();
        assert_eq!(
            out.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["£2,448,000.00", "£2,376,000.00", "£2,376,000.00"]
        );
    }

    #[test]
    fn leftover_pence_go_to_largest_remainders_then_partner_order() {
        // 100p by thirds: 33.33.. each, one penny left, tie -> first partner.
        let thirds = [pct("33.34"), pct("33.33"), pct("33.33")];
        assert_eq!(
            pence(&allocate_by_percent(Money::from_pence(100), &thirds).unwrap()),
            [34, 33, 33]
        );
        // Equal weights, 2p left over: first two partners in order.
        assert_eq!(
            pence(&allocate(Money::from_pence(5), &[1, 1, 1]).unwrap()),
            [2, 2, 1]
        );
        // 1p by 50/25/25: exact 0.5, 0.25, 0.25 -> largest remainder is the first.
        let s = [pct("50"), pct("25"), pct("25")];
        assert_eq!(
            pence(&allocate_by_percent(Money::from_pence(1), &s).unwrap()),
            [1, 0, 0]
        );
        // 3p by 25/25/50: 0.75, 0.75, 1.5 -> floors 0,0,1; remainders .75,.75,.5 -> first two.
        let s = [pct("25"), pct("25"), pct("50")];
        assert_eq!(
            pence(&allocate_by_percent(Money::from_pence(3), &s).unwrap()),
            [1, 1, 1]
        );
        // 10p by 40/30/30: 4, 3, 3 exactly.
        let s = [pct("40"), pct("30"), pct("30")];
        assert_eq!(
            pence(&allocate_by_percent(Money::from_pence(10), &s).unwrap()),
            [4, 3, 3]
        );
        // 7p by 40/30/30: 2.8, 2.1, 2.1 -> 2,2,2 + 1 to the first (0.8).
        assert_eq!(
            pence(&allocate_by_percent(Money::from_pence(7), &s).unwrap()),
            [3, 2, 2]
        );
    }

    #[test]
    fn negative_amount_is_shared_as_absolute_then_negated() {
        let s = [pct("50"), pct("25"), pct("25")];
        assert_eq!(
            pence(&allocate_by_percent(Money::from_pence(-1), &s).unwrap()),
            [-1, 0, 0]
        );
        // 7p: 3.5, 1.75, 1.75 -> floors 3,1,1; remainders .5,.75,.75 -> the 2p go to partners 2 and 3.
        assert_eq!(
            pence(&allocate_by_percent(Money::from_pence(7), &s).unwrap()),
            [3, 2, 2]
        );
        assert_eq!(
            pence(&allocate_by_percent(Money::from_pence(-7), &s).unwrap()),
            [-3, -2, -2]
        );
    }

    #[test]
    fn refuses_bad_weights() {
        assert!(allocate(Money::from_pence(5), &[]).is_none());
        assert!(allocate(Money::from_pence(5), &[0, 0]).is_none());
        assert!(allocate(Money::from_pence(5), &[2, -1]).is_none());
        assert!(allocate_by_percent(Money::from_pence(5), &[pct("50"), pct("49.99")]).is_none());
    }

    #[test]
    fn percent_parse_and_display() {
        assert_eq!(pct("33.33").basis_points(), 3333);
        assert_eq!(pct("12.5").basis_points(), 1250);
        assert_eq!(pct("100").basis_points(), 10_000);
        assert_eq!(pct("0").basis_points(), 0);
        assert_eq!(pct("40%").basis_points(), 4000);
        assert_eq!(pct("12.5").to_string(), "12.5");
        assert_eq!(pct("33.33").to_string(), "33.33");
        assert_eq!(pct("50.00").to_string(), "50");
        assert_eq!(pct("0.05").to_string(), "0.05");
        assert_eq!(
            Percent::parse("33.333"),
            Err(PercentError::TooManyDecimals("33.333".into()))
        );
        for bad in ["", "abc", "-5", "100.01", "101", "1.", ".5", "5 0", "1e2"] {
            assert!(Percent::parse(bad).is_err(), "{bad:?}");
        }
    }

    /// Any valid set of percentages: 1 to 6 partners, two decimals, summing to exactly 100.
    pub(crate) fn percentages() -> impl Strategy<Value = Vec<Percent>> {
        prop::collection::vec(0u32..=WHOLE, 0..6).prop_map(|mut cuts| {
            cuts.push(0);
            cuts.push(WHOLE);
            cuts.sort_unstable();
            cuts.windows(2).map(|w| Percent(w[1] - w[0])).collect()
        })
    }

    proptest! {
        #[test]
        fn shares_always_add_up_to_the_amount(
            amount in -crate::money::MAX_PENCE..=crate::money::MAX_PENCE,
            shares in percentages(),
        ) {
            let out = allocate_by_percent(Money::from_pence(amount), &shares).unwrap();
            prop_assert_eq!(out.len(), shares.len());
            prop_assert_eq!(out.iter().map(|m| m.pence()).sum::<i64>(), amount);
            // Each share is within a penny of its exact value, and has the amount's sign.
            for (m, p) in out.iter().zip(&shares) {
                let exact = i128::from(amount) * i128::from(p.basis_points());
                let diff = i128::from(m.pence()) * i128::from(WHOLE) - exact;
                prop_assert!(diff.abs() < i128::from(WHOLE));
                prop_assert!(m.pence() == 0 || (m.pence() < 0) == (amount < 0));
            }
        }

        #[test]
        fn weighted_shares_add_up(amount in -10i64.pow(12)..10i64.pow(12),
                                  weights in prop::collection::vec(0i64..10i64.pow(11), 1..6)) {
            prop_assume!(weights.iter().sum::<i64>() > 0);
            let out = allocate(Money::from_pence(amount), &weights).unwrap();
            prop_assert_eq!(out.iter().map(|m| m.pence()).sum::<i64>(), amount);
        }

        #[test]
        fn percent_display_parses_back(bp in 0u32..=WHOLE) {
            let p = Percent(bp);
            prop_assert_eq!(Percent::parse(&p.to_string()), Ok(p));
        }
    }
}
