//! Placements imported from a spreadsheet: its columns mapped to fields (guessed from the
//! headings, changed by the person), every row validated with the same rules as the entry
//! form, and a report that names the row, the column and what to fix. One row is one
//! placement with one cost line and one split; a case not yet recorded is created from its
//! row. Nothing is imported unless every row is right.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;

use crate::cost::Per;
use crate::entry::{CostLineInput, NewCase, PlacementInput, SplitInput, new_case, placement_input};
use crate::meeting::{FieldError, parse_date_input};
use crate::model::{PlacementRecord, PlacementType};
use crate::money::Money;
use crate::sheet::{Cell, Table, column_letter, number_text};
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
fn squash(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The headings each field is known by, squashed.
fn synonyms(f: Field) -> &'static [&'static str] {
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

/// What is already recorded, for checks against the database.
#[derive(Clone, Debug, Default)]
pub struct Existing {
    /// Case reference → initials.
    pub cases: HashMap<String, String>,
    /// (case reference, provider in lower case, start) of every placement.
    pub placements: HashSet<(String, String, NaiveDate)>,
}

/// One thing to fix: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The spreadsheet's row number; 0 for the mapping as a whole.
    pub row: usize,
    /// The column, as `F (Weekly cost)`, when one is at fault.
    pub column: Option<String>,
    /// What is wrong and what to do.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.row, &self.column) {
            (0, _) => write!(f, "{}", self.message),
            (r, Some(c)) => write!(f, "Row {r}, column {c}: {}", self.message),
            (r, None) => write!(f, "Row {r}: {}", self.message),
        }
    }
}

/// One row as understood, for the preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowPreview {
    /// The spreadsheet's row number.
    pub row: usize,
    /// Case reference.
    pub reference: String,
    /// Initials.
    pub initials: String,
    /// Whether the row creates the case.
    pub new_case: bool,
    /// Provider.
    pub provider: String,
    /// Type of placement, as its label when understood.
    pub kind: String,
    /// Start, dd/mm/yyyy when understood.
    pub start: String,
    /// End, empty when open-ended.
    pub end: String,
    /// The cost, e.g. `£4,250.00 a week`.
    pub cost: String,
    /// Each partner's share, e.g. `50%`.
    pub shares: Vec<String>,
    /// How many problems the row has.
    pub problems: usize,
}

/// The outcome of validating a spreadsheet against a mapping.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPlan {
    /// Every data row, understood.
    pub rows: Vec<RowPreview>,
    /// Every problem, the mapping's first, then row by row.
    pub problems: Vec<Problem>,
    /// Cases to create, in the order first met.
    pub new_cases: Vec<NewCase>,
    /// Placements to add: the case reference and the placement.
    pub placements: Vec<(String, PlacementRecord)>,
}

impl ImportPlan {
    /// Whether everything can be imported.
    pub fn is_ready(&self) -> bool {
        self.problems.is_empty() && !self.placements.is_empty()
    }
}

/// Validates every row of `table` under `mapping` for `partners`, against what is already
/// `existing`, as of `today` (for dates of birth).
pub fn plan_import(
    table: &Table,
    mapping: &Mapping,
    partners: &[Partner],
    existing: &Existing,
    today: NaiveDate,
) -> ImportPlan {
    let mut plan = ImportPlan::default();
    let col_name = |c: usize| {
        format!(
            "{} ({})",
            column_letter(c),
            table.headers.get(c).map_or("", String::as_str)
        )
    };
    let mapping_problem = |plan: &mut ImportPlan, message: String| {
        plan.problems.push(Problem {
            row: 0,
            column: None,
            message,
        })
    };
    for f in Field::all(partners.len()) {
        if f.required() && mapping.column(f).is_none() {
            mapping_problem(
                &mut plan,
                format!(
                    "Choose the column that holds the {}",
                    f.label(partners).to_lowercase()
                ),
            );
        }
    }
    if !(0..partners.len()).any(|k| mapping.column(Field::Share(k)).is_some()) {
        mapping_problem(
            &mut plan,
            "Choose the columns that hold the partners' shares (a partner without a column pays 0%)"
                .into(),
        );
    }
    let mut by_column: BTreeMap<usize, Vec<Field>> = BTreeMap::new();
    for (&f, &c) in &mapping.columns {
        if c >= table.headers.len() {
            mapping_problem(
                &mut plan,
                format!(
                    "{} is mapped to column {}, which the sheet does not have",
                    f.label(partners),
                    column_letter(c)
                ),
            );
        }
        by_column.entry(c).or_default().push(f);
    }
    for (c, fields) in by_column.iter().filter(|(_, f)| f.len() > 1) {
        let names: Vec<String> = fields.iter().map(|f| f.label(partners)).collect();
        mapping_problem(
            &mut plan,
            format!(
                "Column {} is chosen for {}: choose one column for each",
                col_name(*c),
                names.join(" and ")
            ),
        );
    }
    if !plan.problems.is_empty() {
        return plan;
    }
    if table.rows.is_empty() {
        mapping_problem(
            &mut plan,
            format!("The sheet \"{}\" has headings but no rows", table.name),
        );
        return plan;
    }

    // Cases met so far in this sheet: reference → (initials, row).
    let mut seen_cases: HashMap<String, (String, usize)> = HashMap::new();
    let mut seen_placements: HashMap<(String, String, NaiveDate), usize> = HashMap::new();
    for (row, cells) in &table.rows {
        let row = *row;
        let mut problems: Vec<Problem> = Vec::new();
        let cell = |f: Field| mapping.column(f).map(|c| (c, &cells[c]));
        let fault = |f: Option<Field>, message: String, problems: &mut Vec<Problem>| {
            problems.push(Problem {
                row,
                column: f.and_then(|f| mapping.column(f)).map(col_name),
                message,
            })
        };
        let text = |f: Field, problems: &mut Vec<Problem>| -> String {
            match cell(f) {
                None => String::new(),
                Some((_, Cell::Error(e))) => {
                    problems.push(Problem {
                        row,
                        column: mapping.column(f).map(col_name),
                        message: shows_error(e, "value"),
                    });
                    String::new()
                }
                Some((_, Cell::Date(d)))
                    if !matches!(f, Field::Start | Field::End | Field::DateOfBirth) =>
                {
                    d.format("%d/%m/%Y").to_string()
                }
                Some((_, c)) => c.display(),
            }
        };

        let reference = text(Field::Reference, &mut problems);
        let initials = text(Field::Initials, &mut problems);
        let dob = date_text(cell(Field::DateOfBirth), &mut |m| {
            fault(Some(Field::DateOfBirth), m, &mut problems)
        });
        let needs = text(Field::Needs, &mut problems);
        let provider = text(Field::Provider, &mut problems);
        let kind_text = text(Field::Kind, &mut problems);
        let start = date_text(cell(Field::Start), &mut |m| {
            fault(Some(Field::Start), m, &mut problems)
        });
        let end = date_text(cell(Field::End), &mut |m| {
            fault(Some(Field::End), m, &mut problems)
        });
        let description = text(Field::Description, &mut problems);
        let per_text = text(Field::Per, &mut problems);
        let amount = amount_text(cell(Field::Amount), &mut |m| {
            fault(Some(Field::Amount), m, &mut problems)
        });
        let shares = share_texts(
            (0..partners.len())
                .map(|k| cell(Field::Share(k)).map(|(_, c)| c))
                .collect(),
        );

        // The case: known, met earlier in the sheet, or new.
        let mut new_case_here = None;
        let existing_initials = existing.cases.get(&reference);
        if reference.is_empty() {
            fault(
                Some(Field::Reference),
                "the case reference is empty".into(),
                &mut problems,
            );
        } else if let Some(known) = existing_initials {
            if !initials.is_empty() && !initials.eq_ignore_ascii_case(known) {
                fault(
                    Some(Field::Initials),
                    format!(
                        "case {reference} is recorded with the initials {known}, not {initials}; check the case reference"
                    ),
                    &mut problems,
                );
            }
        } else if let Some((first, at)) = seen_cases.get(&reference) {
            if !initials.is_empty() && !initials.eq_ignore_ascii_case(first) {
                fault(
                    Some(Field::Initials),
                    format!(
                        "case {reference} has the initials {first} in row {at}, not {initials}; check the case reference"
                    ),
                    &mut problems,
                );
            }
        } else if mapping.column(Field::Initials).is_none() {
            fault(
                None,
                format!(
                    "{reference} is a new case, so its initials are needed: choose the column that holds them"
                ),
                &mut problems,
            );
        } else {
            match new_case(&reference, &initials, &dob, &needs, today) {
                Ok(c) => new_case_here = Some(c),
                Err(errors) => {
                    for e in errors {
                        let f = match e.field.as_str() {
                            "reference" => Field::Reference,
                            "initials" => Field::Initials,
                            "date_of_birth" => Field::DateOfBirth,
                            _ => Field::Needs,
                        };
                        let message = if f == Field::Initials && initials.is_empty() {
                            format!("{reference} is a new case: type its initials (e.g. A.B.)")
                        } else {
                            e.problem
                        };
                        fault(Some(f), message, &mut problems);
                    }
                }
            }
            if !reference.is_empty() {
                seen_cases.insert(reference.clone(), (initials.clone(), row));
            }
        }

        // The placement, by the entry form's rules.
        let kind = placement_kind(&kind_text);
        if kind.is_none() && !kind_text.is_empty() {
            fault(
                Some(Field::Kind),
                format!(
                    "\"{kind_text}\" is not a type of placement; use one of: {}",
                    PlacementType::ALL
                        .iter()
                        .map(|t| t.label())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                &mut problems,
            );
        }
        let per = if per_text.is_empty() {
            Some(mapping.per)
        } else {
            let p = unit(&per_text);
            if p.is_none() {
                fault(
                    Some(Field::Per),
                    format!("\"{per_text}\" is not a unit; use week, day, year or once"),
                    &mut problems,
                );
            }
            p
        };
        let description = if description.is_empty() {
            kind.map_or_else(|| "Placement".to_string(), |k| k.label().to_string())
        } else {
            description
        };
        let input = PlacementInput {
            provider: provider.clone(),
            kind: kind.map_or(String::new(), |k| k.code().to_string()),
            start: start.clone(),
            end: end.clone(),
            lines: vec![CostLineInput {
                description,
                per: per.map_or(String::new(), |p| p.code().to_string()),
                amount: amount.clone(),
                from: start.clone(),
                to: String::new(),
            }],
            splits: vec![SplitInput {
                from: start.clone(),
                shares: shares.clone(),
            }],
        };
        let record = match placement_input(&input, partners.len()) {
            Ok(r) => Some(r),
            Err(errors) => {
                let already: HashSet<Option<String>> =
                    problems.iter().map(|p| p.column.clone()).collect();
                for e in errors {
                    let (f, message) = placement_fault(&e, partners);
                    // A cell already reported (unreadable) is not reported twice.
                    if f.is_some_and(|f| already.contains(&mapping.column(f).map(col_name))) {
                        continue;
                    }
                    if e.field == "kind" && !kind_text.is_empty() {
                        continue;
                    }
                    if e.field == "lines.0.per" {
                        continue;
                    }
                    let message = match e.field.as_str() {
                        "kind" => "the type of placement is empty".to_string(),
                        _ => message,
                    };
                    let column = f.and_then(|f| mapping.column(f)).map(col_name);
                    // The start date is also each line's and split's start: said once.
                    if !problems
                        .iter()
                        .any(|p| p.column == column && p.message == message)
                    {
                        fault(f, message, &mut problems);
                    }
                }
                None
            }
        };

        if let Some(r) = &record {
            let key = (
                reference.clone(),
                r.provider.to_lowercase(),
                r.placement.start,
            );
            if existing.placements.contains(&key) {
                fault(
                    None,
                    format!(
                        "{reference} already has a placement with {} from {}; it may have been imported before, so delete the row or change the case",
                        r.provider,
                        r.placement.start.format("%d/%m/%Y")
                    ),
                    &mut problems,
                );
            } else if let Some(first) = seen_placements.get(&key) {
                fault(
                    None,
                    format!(
                        "this is the same placement as row {first} ({reference}, {}, from {}); delete one of the rows",
                        r.provider,
                        r.placement.start.format("%d/%m/%Y")
                    ),
                    &mut problems,
                );
            } else {
                seen_placements.insert(key, row);
            }
        }

        // Left to right along the row, then what concerns the row as a whole.
        problems.sort_by_key(|p| {
            p.column.as_ref().map_or((usize::MAX, String::new()), |c| {
                let letters: String = c.chars().take_while(char::is_ascii_uppercase).collect();
                (letters.len(), letters)
            })
        });
        let preview = RowPreview {
            row,
            reference: reference.clone(),
            initials: if initials.is_empty() {
                existing_initials.cloned().unwrap_or_default()
            } else {
                initials
            },
            new_case: existing_initials.is_none(),
            provider,
            kind: kind.map_or(kind_text, |k| k.label().to_string()),
            start: record
                .as_ref()
                .map_or(start, |r| r.placement.start.format("%d/%m/%Y").to_string()),
            end: record.as_ref().map_or(end, |r| {
                r.placement
                    .end
                    .map_or(String::new(), |e| e.format("%d/%m/%Y").to_string())
            }),
            cost: record.as_ref().map_or_else(
                || amount.clone(),
                |r| {
                    let l = &r.placement.cost_lines[0];
                    format!("{} {}", l.amount, per_words(l.per))
                },
            ),
            shares: record.as_ref().map_or(shares, |r| {
                r.placement.splits[0]
                    .shares
                    .iter()
                    .map(|s| format!("{s}%"))
                    .collect()
            }),
            problems: problems.len(),
        };
        plan.rows.push(preview);
        if problems.is_empty()
            && let Some(r) = record
        {
            if let Some(c) = new_case_here {
                plan.new_cases.push(c);
            }
            plan.placements.push((reference, r));
        }
        plan.problems.extend(problems);
    }
    plan
}

/// `a week`, `a day`, `a year`, `once`.
fn per_words(p: Per) -> &'static str {
    match p {
        Per::Week => "a week",
        Per::Day => "a day",
        Per::Year => "a year",
        Per::Once => "once",
    }
}

/// The field (and so the column) of an entry-form error, and what is wrong, which reads
/// after the column's name.
fn placement_fault(e: &FieldError, partners: &[Partner]) -> (Option<Field>, String) {
    let f = match e.field.as_str() {
        "provider" => Some(Field::Provider),
        "kind" => Some(Field::Kind),
        "start" | "lines.0.from" | "splits.0.from" => Some(Field::Start),
        "end" | "lines.0.to" => Some(Field::End),
        "lines.0.description" => Some(Field::Description),
        "lines.0.per" => Some(Field::Per),
        "lines.0.amount" => Some(Field::Amount),
        other => other
            .strip_prefix("splits.0.shares.")
            .and_then(|k| k.parse().ok())
            .map(Field::Share),
    };
    let m = if e.field == "splits.0" && partners.len() > 1 {
        format!("{} (the shares are in the partners' columns)", e.problem)
    } else {
        e.problem.clone()
    };
    (f, m)
}

/// What to say of a cell that shows an error (`#REF!`) where a `what` should be.
fn shows_error(error: &str, what: &str) -> String {
    format!("the cell shows the error {error}; mend the formula or type the {what}")
}

/// A date cell as the form's date text: a date cell as dd/mm/yyyy, text as typed; a number is
/// refused (a date the spreadsheet does not know is one).
fn date_text(cell: Option<(usize, &Cell)>, fault: &mut dyn FnMut(String)) -> String {
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
fn amount_text(cell: Option<(usize, &Cell)>, fault: &mut dyn FnMut(String)) -> String {
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
fn share_texts(cells: Vec<Option<&Cell>>) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::read_csv;

    fn partners() -> Vec<Partner> {
        [("SC", "Social care"), ("ED", "Education"), ("HE", "Health")]
            .iter()
            .map(|(c, n)| Partner {
                code: c.to_string(),
                name: n.to_string(),
            })
            .collect()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn plan(csv: &str, existing: &Existing) -> ImportPlan {
        let t = read_csv("t", csv.as_bytes()).unwrap();
        let m = guess_mapping(&t.headers, &partners());
        plan_import(&t, &m, &partners(), existing, today())
    }

    fn messages(p: &ImportPlan) -> Vec<String> {
        p.problems.iter().map(ToString::to_string).collect()
    }

    const HEAD: &str = "Case ref,Initials,DOB,Provider,Placement type,Start date,End date,Weekly cost,Social care %,Education %,Health %\n";

    #[test]
    fn headings_as_trackers_name_them_are_mapped() {
        let p = partners();
        let headers: Vec<String> = HEAD.trim().split(',').map(String::from).collect();
        let m = guess_mapping(&headers, &p);
        let got: Vec<(String, usize)> = m.columns.iter().map(|(f, c)| (f.code(&p), *c)).collect();
        let want: Vec<(String, usize)> = [
            ("reference", 0),
            ("initials", 1),
            ("date_of_birth", 2),
            ("provider", 3),
            ("type", 4),
            ("start", 5),
            ("end", 6),
            ("amount", 7),
            ("share:SC", 8),
            ("share:ED", 9),
            ("share:HE", 10),
        ]
        .iter()
        .map(|(f, c)| (f.to_string(), *c))
        .collect();
        assert_eq!(got, want);
        assert_eq!(m.per, Per::Week);
        let annual: Vec<String> = ["Ref", "Annual cost", "SC share", "Health contribution"]
            .map(String::from)
            .to_vec();
        let m = guess_mapping(&annual, &p);
        assert_eq!(m.per, Per::Year);
        assert_eq!(m.column(Field::Share(0)), Some(2));
        assert_eq!(m.column(Field::Share(2)), Some(3));
        assert_eq!(m.column(Field::Share(1)), None);
        for f in Field::all(3) {
            assert_eq!(Field::parse(&f.code(&p), &p), Some(f));
        }
    }

    #[test]
    fn good_rows_become_cases_and_placements() {
        let mut existing = Existing::default();
        existing.cases.insert("CN-0001".into(), "A.B.".into());
        let p = plan(
            &format!(
                "{HEAD}CN-0001,,,Oak House,Residential,01/04/2026,,\"£4,250.00\",50,25,25\n\
                 CN-0100,X.Y.,2012-05-06,Elm School,day school,1.9.2026,31/07/2027,1200.5,0,100,\n"
            ),
            &existing,
        );
        assert_eq!(messages(&p), Vec::<String>::new());
        assert!(p.is_ready());
        assert_eq!(p.new_cases.len(), 1);
        assert_eq!(p.new_cases[0].reference, "CN-0100");
        assert_eq!(p.new_cases[0].initials, "X.Y.");
        assert_eq!(p.placements.len(), 2);
        let (r, first) = &p.placements[0];
        assert_eq!(r, "CN-0001");
        assert_eq!(first.kind, PlacementType::Residential);
        assert_eq!(
            first.placement.cost_lines[0].amount,
            Money::from_pence(425_000)
        );
        assert_eq!(first.placement.cost_lines[0].per, Per::Week);
        assert_eq!(
            first.placement.cost_lines[0].description,
            "Residential children's home"
        );
        let second = &p.placements[1].1;
        assert_eq!(second.placement.end, NaiveDate::from_ymd_opt(2027, 7, 31));
        assert_eq!(
            second.placement.splits[0]
                .shares
                .iter()
                .map(|s| s.basis_points())
                .collect::<Vec<_>>(),
            [0, 10_000, 0]
        );
        assert_eq!(p.rows[0].initials, "A.B.");
        assert!(!p.rows[0].new_case);
        assert!(p.rows[1].new_case);
        assert_eq!(p.rows[1].cost, "£1,200.50 a week");
        assert_eq!(p.rows[1].start, "01/09/2026");
    }

    #[test]
    fn every_fault_is_reported_by_row_and_column_and_nothing_is_planned() {
        let mut existing = Existing::default();
        existing.cases.insert("CN-0001".into(), "A.B.".into());
        existing.placements.insert((
            "CN-0001".into(),
            "oak house".into(),
            NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        ));
        let p = plan(
            &format!(
                "{HEAD}\
                 CN-0001,,,OAK HOUSE,Residential,01/04/2026,,100,100,,\n\
                 CN-0001,C.D.,,Birch,Respite,01/04/2026,,100,100,,\n\
                 CN-0200,Jane Smith,,Birch,Castle,31/02/2026,,-5,50,40,\n\
                 CN-0300,P.Q.,,Ash,Fostering,01/05/2026,01/04/2026,12.345,60,40,0\n\
                 ,,,Ash,fostering,01/05/2026,,12,100,,\n"
            ),
            &existing,
        );
        assert!(!p.is_ready());
        assert!(p.placements.is_empty() && p.new_cases.is_empty());
        assert_eq!(
            messages(&p),
            [
                "Row 2: CN-0001 already has a placement with OAK HOUSE from 01/04/2026; it may have been imported before, so delete the row or change the case",
                "Row 3, column B (Initials): case CN-0001 is recorded with the initials A.B., not C.D.; check the case reference",
                "Row 4, column B (Initials): \"Jane Smith\" is not initials (capital letters with dots, e.g. A.B.): records never hold a full name",
                "Row 4, column E (Placement type): \"Castle\" is not a type of placement; use one of: Residential children's home, Residential special school, Day special school, Independent fostering, Care package at home, Short breaks, Direct payment, Supported living, Other",
                "Row 4, column F (Start date): \"31/02/2026\" is not a date (type it as dd/mm/yyyy, e.g. 23/11/2026)",
                "Row 4, column H (Weekly cost): must be more than £0.00 (only a one-off amount can be a credit)",
                "Row 4: the shares add up to 90%; they must add up to exactly 100% (the shares are in the partners' columns)",
                "Row 5, column G (End date): the end date cannot be before the start date",
                "Row 5, column H (Weekly cost): \"12.345\" has more than two decimal places",
                "Row 6, column A (Case ref): the case reference is empty",
            ]
        );
        assert_eq!(p.rows.len(), 5);
        assert_eq!(p.rows[2].problems, 5);
    }

    #[test]
    fn repeated_rows_and_a_case_with_two_sets_of_initials_are_caught() {
        let p = plan(
            &format!(
                "{HEAD}CN-9,A.B.,,Oak,Fostering,01/04/2026,,100,100,,\n\
                 CN-9,A.B.,,oak,Fostering,01/04/2026,,100,100,,\n\
                 CN-9,Z.Z.,,Elm,Fostering,01/04/2026,,100,100,,\n"
            ),
            &Existing::default(),
        );
        assert_eq!(
            messages(&p),
            [
                "Row 3: this is the same placement as row 2 (CN-9, oak, from 01/04/2026); delete one of the rows",
                "Row 4, column B (Initials): case CN-9 has the initials A.B. in row 2, not Z.Z.; check the case reference",
            ]
        );
    }

    #[test]
    fn a_mapping_without_what_is_needed_is_refused_before_any_row() {
        let t = read_csv("t", b"Ref,Cost,Cost again\nCN-1,5,6\n").unwrap();
        let p = partners();
        let mut m = guess_mapping(&t.headers, &p);
        m.columns.insert(Field::End, 1);
        let plan = plan_import(&t, &m, &p, &Existing::default(), today());
        assert_eq!(
            messages(&plan),
            [
                "Choose the column that holds the provider",
                "Choose the column that holds the type of placement",
                "Choose the column that holds the start date",
                "Choose the columns that hold the partners' shares (a partner without a column pays 0%)",
                "Column B (Cost) is chosen for End date and Amount: choose one column for each",
            ]
        );
        assert!(plan.rows.is_empty());
    }

    #[test]
    fn cells_showing_errors_or_numbers_for_dates_are_reported() {
        let headers: Vec<String> = HEAD.trim().split(',').map(String::from).collect();
        let mut cells: Vec<Cell> = [
            "CN-1",
            "A.B.",
            "",
            "Oak",
            "Fostering",
            "",
            "",
            "",
            "100",
            "",
            "",
        ]
        .iter()
        .map(|t| Cell::Text(t.to_string()))
        .collect();
        cells[5] = Cell::Number(46_113.0);
        cells[6] = Cell::Error("#REF!".into());
        cells[7] = Cell::Error("#DIV/0!".into());
        cells[3] = Cell::Error("#N/A".into());
        let table = Table {
            name: "t".into(),
            header_row: 1,
            headers,
            rows: vec![(2, cells)],
        };
        let p = partners();
        let m = guess_mapping(&table.headers, &p);
        let plan = plan_import(&table, &m, &p, &Existing::default(), today());
        assert_eq!(
            messages(&plan),
            [
                "Row 2, column D (Provider): the cell shows the error #N/A; mend the formula or type the value",
                "Row 2, column F (Start date): 46113 is a number, not a date; format the column as dates in the spreadsheet, or type dd/mm/yyyy",
                "Row 2, column G (End date): the cell shows the error #REF!; mend the formula or type the date",
                "Row 2, column H (Weekly cost): the cell shows the error #DIV/0!; mend the formula or type the amount",
            ]
        );
    }

    #[test]
    fn spreadsheet_numbers_become_exact_amounts_and_shares() {
        let mut faults = Vec::new();
        let amount = |n: f64, faults: &mut Vec<String>| {
            amount_text(Some((0, &Cell::Number(n))), &mut |m| faults.push(m))
        };
        assert_eq!(amount(0.1 + 0.2, &mut faults), "0.30");
        assert_eq!(amount(4250.0, &mut faults), "4250.00");
        assert_eq!(amount(1234.56, &mut faults), "1234.56");
        assert!(faults.is_empty());
        assert_eq!(amount(1234.565, &mut faults), "");
        assert_eq!(amount(f64::NAN, &mut faults), "");
        assert_eq!(faults.len(), 2);
        let n = |x: f64| Cell::Number(x);
        let (a, b, c) = (n(0.5), n(0.25), n(0.25));
        assert_eq!(
            share_texts(vec![Some(&a), Some(&b), Some(&c)]),
            ["50", "25", "25"]
        );
        let (a, b) = (n(1.0 / 3.0), n(2.0 / 3.0));
        let thirds = share_texts(vec![Some(&a), Some(&b)]);
        assert!(
            thirds[0].starts_with("33.3333") && thirds[1].starts_with("66.6666"),
            "{thirds:?}"
        );
        let (a, b) = (n(1.0), n(99.0));
        assert_eq!(share_texts(vec![Some(&a), Some(&b), None]), ["1", "99", ""]);
        let (a, b) = (n(0.5), n(0.4));
        assert_eq!(
            share_texts(vec![Some(&a), Some(&b), None]),
            ["50", "40", ""]
        );
        let one = n(1.0);
        assert_eq!(share_texts(vec![Some(&one), None, None]), ["100", "", ""]);
        assert_eq!(unit("Per Week"), Some(Per::Week));
        assert_eq!(unit("p.a."), Some(Per::Year));
        assert_eq!(unit("one-off"), Some(Per::Once));
        assert_eq!(unit("fortnightly"), None);
        assert_eq!(placement_kind("IFA"), Some(PlacementType::Fostering));
        assert_eq!(
            placement_kind("residential_school"),
            Some(PlacementType::ResidentialSchool)
        );
        assert_eq!(
            placement_kind("Short Breaks"),
            Some(PlacementType::ShortBreaks)
        );
        assert_eq!(placement_kind(""), None);
    }
}
