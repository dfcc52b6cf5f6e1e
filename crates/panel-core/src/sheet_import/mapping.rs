//! Which column holds which field: the fields, the headings each is known by, the guess from
//! a sheet's headings, and the sheet that names most of them.

use std::collections::{BTreeMap, HashSet};

use super::names::{partner_names, share_partner, words};
use crate::cost::Per;
use crate::sheet::Table;
use crate::spend::Partner;

/// A field a column can be mapped to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// Case reference (required).
    Reference,
    /// Initials (required for a new case).
    Initials,
    /// Date of birth (new cases).
    DateOfBirth,
    /// Summary of needs (new cases).
    Needs,
    /// Provider (required).
    Provider,
    /// Type of placement (required).
    Kind,
    /// Start date (required).
    Start,
    /// End date.
    End,
    /// What the cost is for.
    Description,
    /// The unit of the amount: week, day, year or once.
    Per,
    /// The amount (required).
    Amount,
    /// One partner's share of the cost, by partner position.
    Share(usize),
}

impl Field {
    /// Every field for `partners` partners, in the order a form shows them.
    pub fn all(partners: usize) -> Vec<Field> {
        let mut v = vec![
            Field::Reference,
            Field::Initials,
            Field::DateOfBirth,
            Field::Needs,
            Field::Provider,
            Field::Kind,
            Field::Start,
            Field::End,
            Field::Description,
            Field::Per,
            Field::Amount,
        ];
        v.extend((0..partners).map(Field::Share));
        v
    }

    /// Its code: `reference`, `start`, `share:SC` …
    pub fn code(self, partners: &[Partner]) -> String {
        match self {
            Field::Reference => "reference".into(),
            Field::Initials => "initials".into(),
            Field::DateOfBirth => "date_of_birth".into(),
            Field::Needs => "needs".into(),
            Field::Provider => "provider".into(),
            Field::Kind => "type".into(),
            Field::Start => "start".into(),
            Field::End => "end".into(),
            Field::Description => "description".into(),
            Field::Per => "per".into(),
            Field::Amount => "amount".into(),
            Field::Share(k) => format!(
                "share:{}",
                partners
                    .get(k)
                    .map_or_else(|| k.to_string(), |p| p.code.clone())
            ),
        }
    }

    /// The field of a code.
    pub fn parse(code: &str, partners: &[Partner]) -> Option<Field> {
        if let Some(p) = code.strip_prefix("share:") {
            return partners
                .iter()
                .position(|x| x.code.eq_ignore_ascii_case(p))
                .map(Field::Share);
        }
        Field::all(0).into_iter().find(|f| f.code(partners) == code)
    }

    /// Its name for people.
    pub fn label(self, partners: &[Partner]) -> String {
        match self {
            Field::Reference => "Case reference".into(),
            Field::Initials => "Initials".into(),
            Field::DateOfBirth => "Date of birth".into(),
            Field::Needs => "Needs summary".into(),
            Field::Provider => "Provider".into(),
            Field::Kind => "Type of placement".into(),
            Field::Start => "Start date".into(),
            Field::End => "End date".into(),
            Field::Description => "Cost description".into(),
            Field::Per => "Unit (week, day, year, once)".into(),
            Field::Amount => "Amount".into(),
            Field::Share(k) => format!(
                "{} share",
                partners.get(k).map_or("Partner", |p| p.name.as_str())
            ),
        }
    }

    /// Whether every import needs a column for it.
    pub fn required(self) -> bool {
        matches!(
            self,
            Field::Reference | Field::Provider | Field::Kind | Field::Start | Field::Amount
        )
    }
}

/// Which column holds each field (by column index), and the unit of the amounts when no
/// column says it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// Field → column.
    pub columns: BTreeMap<Field, usize>,
    /// The unit when there is no unit column (or its cell is empty).
    pub per: Per,
}

impl Mapping {
    /// The column of a field.
    pub fn column(&self, f: Field) -> Option<usize> {
        self.columns.get(&f).copied()
    }
}

/// Letters and digits only, lower case: how headings are compared.
pub(super) fn squash(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The headings each field is known by, squashed.
pub(super) fn synonyms(f: Field) -> &'static [&'static str] {
    match f {
        Field::Reference => &[
            "casereference",
            "caseref",
            "reference",
            "ref",
            "refno",
            "referenceno",
            "referencenumber",
            "caseno",
            "casenumber",
            "caseid",
            "childref",
            "childreference",
            "childid",
            "ypref",
            "clientref",
            "clientid",
            "personid",
            "lcsid",
            "lcsref",
            "lcsno",
            "mosaicid",
            "mosaicref",
            "mosaicno",
            "eclipseid",
            "id",
        ],
        Field::Initials => &[
            "initials",
            "childsinitials",
            "childinitials",
            "ypinitials",
            "child",
            "childsname",
            "childname",
            "name",
            "youngperson",
            "yp",
            "ypname",
            "cyp",
            "childyp",
            "childyoungperson",
        ],
        Field::DateOfBirth => &["dob", "dateofbirth", "birthdate", "born"],
        Field::Needs => &[
            "needs",
            "needssummary",
            "summaryofneeds",
            "primaryneed",
            "presentingneeds",
            "primaryneeds",
        ],
        Field::Provider => &[
            "provider",
            "providername",
            "nameofprovider",
            "placementprovider",
            "setting",
            "placement",
            "placementname",
            "placementsetting",
            "establishment",
            "home",
            "school",
            "supplier",
        ],
        Field::Kind => &[
            "type",
            "placementtype",
            "typeofplacement",
            "provision",
            "typeofprovision",
            "provisiontype",
            "kind",
            "category",
            "placementcategory",
            "servicetype",
            "typeofservice",
            "packagetype",
            "typeofpackage",
            "caretype",
            "typeofcare",
        ],
        Field::Start => &[
            "start",
            "startdate",
            "placementstart",
            "placementstartdate",
            "startofplacement",
            "dateplaced",
            "placementdate",
            "datefrom",
            "from",
            "fromdate",
            "commenced",
            "datecommenced",
            "commencementdate",
            "datestarted",
            "fundedfrom",
            "effectivefrom",
            "admissiondate",
        ],
        Field::End => &[
            "end",
            "enddate",
            "placementend",
            "placementenddate",
            "endofplacement",
            "dateended",
            "ended",
            "dateto",
            "to",
            "todate",
            "until",
            "plannedend",
            "plannedenddate",
            "expectedenddate",
            "fundedto",
            "fundeduntil",
            "effectiveto",
        ],
        Field::Description => &[
            "description",
            "costdescription",
            "costline",
            "details",
            "costdetails",
            "packagedescription",
        ],
        Field::Per => &["per", "unit", "frequency", "period", "basis", "rateper"],
        Field::Amount => &[
            "amount",
            "cost",
            "rate",
            "fee",
            "price",
            "charge",
            "weeklycost",
            "weeklyrate",
            "weeklyfee",
            "weeklyamount",
            "weeklycharge",
            "weeklyplacementcost",
            "weeklypackagecost",
            "costperweek",
            "feeperweek",
            "costpw",
            "feepw",
            "pw",
            "placementcost",
            "packagecost",
            "unitcost",
            "dailycost",
            "dailyrate",
            "dailyfee",
            "costperday",
            "costpernight",
            "nightlyrate",
            "annualcost",
            "annualfee",
            "annualamount",
            "annualpackagecost",
            "yearlycost",
            "yearlyfee",
            "costperyear",
            "costperannum",
            "costpa",
        ],
        Field::Share(_) => &[],
    }
}

/// A first mapping from the headings: each field takes the first column whose heading is one
/// of its names; a partner's share the column whose heading names the partner by its code, its
/// name, its other names or those councils use for its kind ([`share_partner`]). The unit
/// follows the amount's heading ("Weekly cost" → week, "Annual cost" → year), else week.
pub fn guess_mapping(headers: &[String], partners: &[Partner]) -> Mapping {
    let squashed: Vec<String> = headers.iter().map(|h| squash(h)).collect();
    let names = partner_names(partners);
    let share_of: Vec<Option<usize>> = headers.iter().map(|h| share_partner(h, &names)).collect();
    let mut columns = BTreeMap::new();
    let mut taken = HashSet::new();
    for f in Field::all(partners.len()) {
        let found = match f {
            Field::Share(k) => share_of
                .iter()
                .enumerate()
                .position(|(c, p)| *p == Some(k) && !taken.contains(&c)),
            _ => synonyms(f).iter().find_map(|name| {
                (0..squashed.len()).find(|c| squashed[*c] == *name && !taken.contains(c))
            }),
        };
        if let Some(c) = found.filter(|c| taken.insert(*c)) {
            columns.insert(f, c);
        }
    }
    // Headings written at more length ("Placement start date (dd/mm/yyyy)", "Total weekly
    // cost") for the fields every import needs that no heading names exactly.
    for f in Field::all(0) {
        if columns.contains_key(&f) {
            continue;
        }
        let found = (0..headers.len())
            .find(|c| !taken.contains(c) && share_of[*c].is_none() && reads_as(f, &headers[*c]));
        if let Some(c) = found {
            taken.insert(c);
            columns.insert(f, c);
        }
    }
    let per = columns
        .get(&Field::Amount)
        .map_or(Per::Week, |&c| unit_of_heading(&headers[c]));
    Mapping { columns, per }
}

/// Whether a longer heading reads as `f` by its words: a reference of a case ("Child's LCS
/// reference"), a start or end ("Placement start date"), a provider, a type of placement, or
/// a cost with its unit ("Total weekly cost"); never a share.
fn reads_as(f: Field, heading: &str) -> bool {
    let w = words(&heading.to_lowercase().replace("p.a.", "pa"));
    let has = |xs: &[&str]| w.iter().any(|x| xs.contains(&x.as_str()));
    if heading.contains('%') || has(&["share", "split", "contribution", "percent"]) {
        return false;
    }
    match f {
        Field::Reference => {
            has(&["ref", "reference", "id", "no", "number"])
                && has(&[
                    "case", "child", "childs", "client", "person", "yp", "lcs", "mosaic", "eclipse",
                ])
                && !has(&["nhs"])
        }
        Field::Initials => has(&["initials"]),
        Field::DateOfBirth => has(&["dob", "birth"]),
        Field::Provider => has(&["provider", "establishment"]),
        Field::Kind => {
            has(&["type", "category"])
                && has(&[
                    "placement",
                    "provision",
                    "service",
                    "care",
                    "package",
                    "setting",
                ])
        }
        Field::Start => has(&["start", "started", "commenced", "placed"]) && !has(&["end"]),
        Field::End => has(&["end", "ended", "ending", "until"]) && !has(&["start"]),
        Field::Amount => {
            has(&[
                "cost", "costs", "fee", "fees", "rate", "price", "charge", "amount",
            ]) && has(&[
                "weekly", "week", "pw", "annual", "annum", "pa", "year", "yearly", "daily", "day",
                "night", "nightly", "per",
            ]) && !has(&["spend", "date", "variance", "budget"])
        }
        _ => false,
    }
}

/// The unit an amount's heading gives: "Annual cost", "Cost p.a." → year; "Daily rate",
/// "Cost per night" → day; else week.
fn unit_of_heading(heading: &str) -> Per {
    let w = words(&heading.to_lowercase().replace("p.a.", "pa"));
    let has = |xs: &[&str]| w.iter().any(|x| xs.contains(&x.as_str()));
    if has(&["annual", "annually", "year", "yearly", "pa", "annum"]) {
        Per::Year
    } else if has(&["daily", "day", "night", "nightly", "pn"]) {
        Per::Day
    } else {
        Per::Week
    }
}

/// How much a row reads like a table's headings: how many of its cells name a field (or a
/// share). The headings row of a sheet is the top row that reads most like them.
pub(crate) fn heading_score(cells: &[String]) -> usize {
    cells
        .iter()
        .filter(|c| {
            let s = squash(c);
            !s.is_empty()
                && (Field::all(0)
                    .into_iter()
                    .any(|f| synonyms(f).contains(&s.as_str()))
                    || (c.contains('%') && c.chars().any(char::is_alphabetic))
                    || words(c)
                        .iter()
                        .any(|w| ["share", "split", "contribution"].contains(&w.as_str())))
        })
        .count()
}

/// Headings not `taken` that read as a share: a `%` or "share", "split", "contribution".
pub(super) fn share_like(headers: &[String], taken: &HashSet<usize>) -> Vec<usize> {
    headers
        .iter()
        .enumerate()
        .filter(|(c, h)| {
            !taken.contains(c)
                && (h.contains('%')
                    || words(h)
                        .iter()
                        .any(|w| ["share", "split", "contribution"].contains(&w.as_str())))
        })
        .map(|(c, _)| c)
        .collect()
}

/// Headings that might hold a field no heading names, for the report: those with a word the
/// field is often written with ("Date of placement" for the start date).
pub(super) fn maybe(f: Field, headers: &[String], taken: &HashSet<usize>) -> Vec<usize> {
    let hints: &[&str] = match f {
        Field::Reference => &["ref", "reference", "id", "number", "no"],
        Field::Initials => &["initials", "name", "child", "yp"],
        Field::Provider => &[
            "provider",
            "home",
            "school",
            "setting",
            "placement",
            "service",
        ],
        Field::Kind => &["type", "provision", "category", "kind", "service"],
        Field::Start => &["start", "from", "placed", "commenced", "began", "date"],
        Field::Amount => &["cost", "fee", "rate", "amount", "price", "charge", "£"],
        _ => &[],
    };
    headers
        .iter()
        .enumerate()
        .filter(|(c, h)| {
            !taken.contains(c)
                && (h.contains('£') && hints.contains(&"£")
                    || words(h).iter().any(|w| hints.contains(&w.as_str())))
        })
        .map(|(c, _)| c)
        .collect()
}

/// The sheet most likely to hold the placements: the one whose headings name most fields
/// (the first of equals).
pub fn best_sheet(tables: &[Table], partners: &[Partner]) -> usize {
    let mut best = (0, 0);
    for (i, t) in tables.iter().enumerate() {
        let n = guess_mapping(&t.headers, partners).columns.len();
        if n > best.1 {
            best = (i, n);
        }
    }
    best.0
}
