//! What a cell holds, read as the form would have it typed: dates, amounts, shares, the type
//! of placement and the unit, each named as trackers write them.

use super::mapping::*;
use crate::cost::Per;
use crate::field::parse_date_input;
use crate::model::PlacementType;
use crate::money::Money;
use crate::sheet::{Cell, number_text};

/// What to say of a cell that shows an error (`#REF!`) where a `what` should be.
pub(super) fn shows_error(error: &str, what: &str) -> String {
    format!("the cell shows the error {error}; mend the formula or type the {what}")
}

/// A date cell as the form's date text: a date cell as dd/mm/yyyy, text as typed; a number is
/// refused (a date the spreadsheet does not know is one).
pub(super) fn date_text(cell: Option<(usize, &Cell)>, fault: &mut dyn FnMut(String)) -> String {
    match cell {
        None => String::new(),
        Some((_, Cell::Date(d))) => d.format("%d/%m/%Y").to_string(),
        Some((_, Cell::Number(n))) => {
            fault(format!(
                "{} is a number, not a date; format the column as dates in the spreadsheet, or type dd/mm/yyyy",
                number_text(*n)
            ));
            String::new()
        }
        Some((_, Cell::Error(e))) => {
            fault(shows_error(e, "date"));
            String::new()
        }
        Some((_, c)) => {
            let t = c.display();
            // Dates typed with dashes or dots as well as slashes.
            if t.contains('-') && parse_date_input("", "", &t).is_err() {
                t.replace('-', "/")
            } else {
                t.replace('.', "/")
            }
        }
    }
}

/// An amount cell as the form's amount text: a number must be a whole number of pence (to
/// within the float's error), text as typed.
pub(super) fn amount_text(cell: Option<(usize, &Cell)>, fault: &mut dyn FnMut(String)) -> String {
    match cell {
        None => String::new(),
        Some((_, Cell::Number(n))) => {
            let pence = (n * 100.0).round();
            if !n.is_finite() || pence.abs() > 9e15 {
                fault(format!("{} is not an amount of money", number_text(*n)));
                String::new()
            } else if ((n * 100.0) - pence).abs() > 1e-6 * pence.abs().max(1.0) {
                fault(format!(
                    "{} has fractions of a penny; round it to pence in the spreadsheet",
                    number_text(*n)
                ));
                String::new()
            } else {
                Money::from_pence(pence as i64).to_plain()
            }
        }
        Some((_, Cell::Error(e))) => {
            fault(shows_error(e, "amount"));
            String::new()
        }
        Some((_, c)) => c.display(),
    }
}

/// The shares as the form's percentage texts. When every number is at most 1 they are
/// fractions, as a cell formatted as a percentage holds them (50% is 0.5): as percentages they
/// could never add up to 100. Otherwise they are percentages.
pub(super) fn share_texts(cells: Vec<Option<&Cell>>) -> Vec<String> {
    let numbers: Vec<f64> = cells
        .iter()
        .filter_map(|c| match c {
            Some(Cell::Number(n)) => Some(*n),
            _ => None,
        })
        .collect();
    let fractions = numbers.iter().any(|n| *n > 0.0) && numbers.iter().all(|n| *n <= 1.0);
    cells
        .into_iter()
        .map(|c| match c {
            None | Some(Cell::Empty) => String::new(),
            Some(Cell::Number(n)) => {
                let pct = if fractions { n * 100.0 } else { *n };
                let hundredths = (pct * 100.0).round();
                if (pct * 100.0 - hundredths).abs() < 1e-6 {
                    crate::split::format_basis_points(hundredths as u32)
                } else {
                    number_text(pct)
                }
            }
            Some(c) => c.display(),
        })
        .collect()
}

/// The type of placement from its code, its label or a common name for it.
pub fn placement_kind(text: &str) -> Option<PlacementType> {
    let s = squash(text);
    if s.is_empty() {
        return None;
    }
    if let Some(t) = PlacementType::ALL
        .iter()
        .find(|t| squash(t.code()) == s || squash(t.label()) == s)
    {
        return Some(*t);
    }
    let t = match s.as_str() {
        "residential" | "childrenshome" | "residentialhome" | "residentialcare" => {
            PlacementType::Residential
        }
        "residentialschool" | "specialschoolresidential" | "52week" | "38week" => {
            PlacementType::ResidentialSchool
        }
        "dayschool" | "specialschool" | "independentspecialschool" | "dayplacement" => {
            PlacementType::DaySchool
        }
        "fostering" | "ifa" | "fosterplacement" | "foster" | "independentfosteringagency" => {
            PlacementType::Fostering
        }
        "carepackage" | "homecare" | "packageofcare" | "domiciliary" | "domiciliarycare" => {
            PlacementType::CarePackage
        }
        "shortbreaks" | "shortbreak" | "respite" => PlacementType::ShortBreaks,
        "directpayment" | "directpayments" | "dp" => PlacementType::DirectPayment,
        "supportedliving" | "supportedaccommodation" => PlacementType::SupportedLiving,
        _ => return None,
    };
    Some(t)
}

/// The unit from what people write: `weekly`, `per week`, `pw`, `daily`, `per night`,
/// `annual`, `pa`, `one-off` …
pub fn unit(text: &str) -> Option<Per> {
    match squash(text).as_str() {
        "week" | "weekly" | "perweek" | "pw" | "wk" | "aweek" => Some(Per::Week),
        "day" | "daily" | "perday" | "pd" | "night" | "nightly" | "pernight" | "aday" => {
            Some(Per::Day)
        }
        "year" | "yearly" | "annual" | "annually" | "peryear" | "pa" | "perannum" | "ayear" => {
            Some(Per::Year)
        }
        "once" | "oneoff" | "single" | "lumpsum" | "oneoffpayment" => Some(Per::Once),
        _ => None,
    }
}
