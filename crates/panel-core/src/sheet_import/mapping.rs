//! Which column holds which field: the fields, the headings each is known by, the guess from
//! a sheet's headings, and the sheet that names most of them.

use std::collections::{BTreeMap, HashSet};

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
            "caseno",
            "casenumber",
            "caseid",
            "childref",
            "childreference",
            "lcsid",
            "mosaicid",
            "id",
        ],
        Field::Initials => &["initials", "childsinitials", "childinitials", "ypinitials"],
        Field::DateOfBirth => &["dob", "dateofbirth", "birthdate", "born"],
        Field::Needs => &[
            "needs",
            "needssummary",
            "summaryofneeds",
            "primaryneed",
            "presentingneeds",
        ],
        Field::Provider => &[
            "provider",
            "providername",
            "placementprovider",
            "setting",
            "placement",
            "placementname",
        ],
        Field::Kind => &[
            "type",
            "placementtype",
            "typeofplacement",
            "provision",
            "typeofprovision",
            "provisiontype",
            "kind",
        ],
        Field::Start => &[
            "start",
            "startdate",
            "placementstart",
            "datefrom",
            "from",
            "fromdate",
        ],
        Field::End => &["end", "enddate", "placementend", "dateto", "to", "todate"],
        Field::Description => &["description", "costdescription", "costline", "details"],
        Field::Per => &["per", "unit", "frequency", "period", "basis", "rateper"],
        Field::Amount => &[
            "amount",
            "cost",
            "rate",
            "fee",
            "weeklycost",
            "weeklyrate",
            "weeklyfee",
            "costperweek",
            "dailycost",
            "dailyrate",
            "costperday",
            "annualcost",
            "yearlycost",
            "costperyear",
            "annualfee",
        ],
        Field::Share(_) => &[],
    }
}

/// A first mapping from the headings: each field takes the first column whose heading is one
/// of its names; a partner's share the column whose heading names the partner (by name or
/// code) with `%`, "share", "split" or "contribution", or is the name alone. The unit follows
/// the amount's heading ("Weekly cost" → week, "Annual cost" → year), else week.
pub fn guess_mapping(headers: &[String], partners: &[Partner]) -> Mapping {
    let squashed: Vec<String> = headers.iter().map(|h| squash(h)).collect();
    let mut columns = BTreeMap::new();
    let mut taken = HashSet::new();
    for f in Field::all(partners.len()) {
        let found = match f {
            Field::Share(k) => {
                // "Health (ICB)" is headed "Health %".
                let name = squash(partners[k].name.split('(').next().unwrap_or_default());
                let code = squash(&partners[k].code);
                headers.iter().zip(&squashed).position(|(h, s)| {
                    let shareish = h.contains('%')
                        || ["share", "split", "contribution", "percent"]
                            .iter()
                            .any(|w| s.contains(w));
                    let names = (!name.is_empty() && s.contains(&name))
                        || (!code.is_empty() && s.starts_with(&code) && shareish);
                    names && (shareish || *s == name)
                })
            }
            _ => synonyms(f)
                .iter()
                .find_map(|name| squashed.iter().position(|s| s == name)),
        };
        if let Some(c) = found.filter(|c| taken.insert(*c)) {
            columns.insert(f, c);
        }
    }
    let per = columns
        .get(&Field::Amount)
        .map(|&c| squashed[c].as_str())
        .map_or(Per::Week, |h| {
            if h.contains("annual") || h.contains("year") {
                Per::Year
            } else if h.contains("daily") || h.contains("day") || h.contains("night") {
                Per::Day
            } else {
                Per::Week
            }
        });
    Mapping { columns, per }
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
