//! Every row checked by the same rules as the entry form, with a report by row and column,
//! and the plan of what importing would add.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;

use super::cells::*;
use super::mapping::*;
use super::rows::{LeftOut, LeftOutRows, blank_rows, classify, row_text};
use crate::cost::Per;
use crate::entry::{CostLineInput, NewCase, PlacementInput, SplitInput, new_case, placement_input};
use crate::field::FieldError;
use crate::model::{PlacementRecord, PlacementType};
use crate::sheet::{Cell, Table, column_letter};
use crate::spend::Partner;

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
    /// Why the row is left out, when it is not a placement (its other fields are then empty
    /// but `said`).
    pub left_out: Option<LeftOut>,
    /// What a left-out row says.
    pub said: String,
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
    /// The rows that are not placements (blank, totals, notes …), in row order.
    pub left_out: Vec<LeftOutRows>,
}

/// What a spreadsheet import added, and the rows it left out as not placements.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetImported {
    /// Cases created.
    pub cases: usize,
    /// Placements added.
    pub placements: usize,
    /// The rows that are not placements (blank, totals, notes …).
    pub left_out: Vec<LeftOutRows>,
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
            mapping_problem(&mut plan, required_message(f, partners));
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
        let taken: HashSet<usize> = mapping.columns.values().copied().collect();
        for p in &mut plan.problems {
            if let Some(f) = Field::all(0)
                .into_iter()
                .find(|f| p.message == required_message(*f, partners))
            {
                let maybe = columns_named(table, maybe(f, &table.headers, &taken));
                if !maybe.is_empty() {
                    p.message = format!("{}: perhaps {maybe}", p.message);
                }
            }
        }
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
    // The cases already recorded by what their references read as, found once for the sheet.
    let known_by_identity: HashMap<String, &String> = existing
        .cases
        .keys()
        .map(|r| (crate::text::identity(r), r))
        .collect();
    let mut seen_placements: HashMap<(String, String, NaiveDate), usize> = HashMap::new();
    // A partner with no column pays 0%; when shares then fall short, the report names the
    // columns that look like shares and hold none ("North Tyneside PCT %").
    let share_hint = {
        let taken: HashSet<usize> = mapping.columns.values().copied().collect();
        let missing: Vec<&str> = (0..partners.len())
            .filter(|k| mapping.column(Field::Share(*k)).is_none())
            .map(|k| partners[k].name.as_str())
            .collect();
        let loose = columns_named(table, share_like(&table.headers, &taken));
        if missing.is_empty() {
            String::new()
        } else if loose.is_empty() {
            format!("; none is chosen for {}", missing.join(" or "))
        } else {
            format!(
                "; none is chosen for {}: perhaps {loose}, which a partner's other names on the settings screen can match",
                missing.join(" or ")
            )
        }
    };
    let kinds = classify(table, mapping);
    plan.left_out = blank_rows(table);
    for ((row, cells), left_out) in table.rows.iter().zip(kinds) {
        let row = *row;
        if let Some(why) = left_out {
            let said = row_text(cells);
            plan.left_out.push(LeftOutRows {
                first: row,
                last: row,
                why,
                text: said.clone(),
            });
            plan.rows.push(RowPreview {
                row,
                reference: String::new(),
                initials: String::new(),
                new_case: false,
                provider: String::new(),
                kind: String::new(),
                start: String::new(),
                end: String::new(),
                cost: String::new(),
                shares: Vec::new(),
                problems: 0,
                left_out: Some(why),
                said,
            });
            continue;
        }
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
        // A reference written otherwise ("cn-0001") is the case already known (CN-0001).
        let same = crate::text::identity(&reference);
        let known = existing.cases.get_key_value(&reference).or_else(|| {
            known_by_identity
                .get(&same)
                .and_then(|r| existing.cases.get_key_value(*r))
        });
        let existing_initials = known.map(|(_, i)| i);
        let reference = known.map_or(reference, |(r, _)| r.clone());
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
        } else if let Some((first, at)) = seen_cases.get(&same) {
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
                seen_cases.insert(same.clone(), (initials.clone(), row));
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
                    let (f, message) = placement_fault(&e, partners, &share_hint);
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
            left_out: None,
            said: String::new(),
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
    plan.left_out.sort_by_key(|l| l.first);
    plan
}

/// Columns by letter and heading, `E ("Date of placement") or F ("Began")`; empty for none.
fn columns_named(table: &Table, columns: Vec<usize>) -> String {
    columns
        .into_iter()
        .map(|c| {
            format!(
                "{} (\u{201C}{}\u{201D})",
                column_letter(c),
                table.headers[c]
            )
        })
        .collect::<Vec<_>>()
        .join(" or ")
}

/// What to say when no column is chosen for a field every import needs.
fn required_message(f: Field, partners: &[Partner]) -> String {
    format!(
        "Choose the column that holds the {}",
        f.label(partners).to_lowercase()
    )
}

/// `a week`, `a day`, `a year`, `once`.
pub(super) fn per_words(p: Per) -> &'static str {
    match p {
        Per::Week => "a week",
        Per::Day => "a day",
        Per::Year => "a year",
        Per::Once => "once",
    }
}

/// The field (and so the column) of an entry-form error, and what is wrong, which reads
/// after the column's name.
pub(super) fn placement_fault(
    e: &FieldError,
    partners: &[Partner],
    hint: &str,
) -> (Option<Field>, String) {
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
        format!(
            "{} (the shares are in the partners' columns{hint})",
            e.problem
        )
    } else {
        e.problem.clone()
    };
    (f, m)
}
