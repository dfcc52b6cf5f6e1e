//! Placements imported from a spreadsheet: the file chosen, its columns matched to fields with
//! a preview of every row as it will be read, the problems row by row, and the import itself,
//! all or nothing, after a backup.

use std::path::Path;

use panel_core::Per;
use panel_core::sheet::{Table, column_letter, read_spreadsheet};
use panel_core::sheet_import::{Field, Mapping, best_sheet, guess_mapping};
use panel_store::{Store, StoreError, backup_dir};
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::{AppHandle, State};

use crate::commands::AppState;
use crate::error::{AppError, ErrorCode};

/// A column of a sheet.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ColumnDto {
    /// Its index, from 0.
    pub index: u32,
    /// Its letter, `A` …
    pub letter: String,
    /// Its heading.
    pub heading: String,
    /// The first value under the heading, to recognise it by.
    pub example: String,
}

/// A field and the column chosen for it (none: not in the spreadsheet).
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct ColumnChoice {
    /// The field's code: `reference`, `start`, `share:SC` …
    pub field: String,
    /// The column's index.
    pub column: Option<u32>,
}

/// A sheet with something in it.
#[derive(Clone, Debug, Serialize, Type)]
pub struct SheetDto {
    /// Its name.
    pub name: String,
    /// The row its headings are in.
    pub header_row: u32,
    /// Its data rows.
    pub rows: u32,
    /// Its columns.
    pub columns: Vec<ColumnDto>,
    /// The columns its headings suggest for each field.
    pub guess: Vec<ColumnChoice>,
    /// The unit its amount heading suggests.
    pub per: String,
}

/// A field to map.
#[derive(Clone, Debug, Serialize, Type)]
pub struct FieldDto {
    /// Its code.
    pub code: String,
    /// Its name.
    pub label: String,
    /// Whether every import needs it.
    pub required: bool,
}

/// A spreadsheet file as read.
#[derive(Clone, Debug, Serialize, Type)]
pub struct SpreadsheetDto {
    /// The file.
    pub path: String,
    /// Its sheets with something in them.
    pub sheets: Vec<SheetDto>,
    /// The sheet most likely to hold placements.
    pub suggested: u32,
    /// The fields, in form order.
    pub fields: Vec<FieldDto>,
}

/// Which sheet of which file, read how.
#[derive(Clone, Debug, Deserialize, Type)]
pub struct SheetImportInput {
    /// The file.
    pub path: String,
    /// The sheet's name.
    pub sheet: String,
    /// Field → column.
    pub columns: Vec<ColumnChoice>,
    /// The unit when no column gives it: `week`, `day`, `year` or `once`.
    pub per: String,
}

/// A row as it will be imported.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ImportRowDto {
    /// The spreadsheet's row number.
    pub row: u32,
    /// Case reference.
    pub reference: String,
    /// Initials.
    pub initials: String,
    /// Whether the case is created.
    pub new_case: bool,
    /// Provider.
    pub provider: String,
    /// Type.
    pub kind: String,
    /// Start.
    pub start: String,
    /// End.
    pub end: String,
    /// The cost.
    pub cost: String,
    /// Each partner's share.
    pub shares: Vec<String>,
    /// Its problems.
    pub problems: u32,
    /// Why it is left out, when it is not a placement: `blank`, `totals`, `headings`,
    /// `section` or `note`.
    pub left_out: Option<String>,
    /// Why it is left out, in words: "a totals row".
    pub left_out_words: String,
    /// What a left-out row says.
    pub said: String,
}

/// One thing to fix.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ProblemDto {
    /// The row (0: the choice of columns).
    pub row: u32,
    /// The column, as `F (Weekly cost)`.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
}

/// How many rows a preview sends to the screen; every problem is sent.
const PREVIEW_ROWS: usize = 300;

/// The preview of an import.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ImportPreviewDto {
    /// The first rows, as read.
    pub rows: Vec<ImportRowDto>,
    /// How many rows there are in all.
    pub row_count: u32,
    /// Every problem.
    pub problems: Vec<ProblemDto>,
    /// Placements that would be added.
    pub placements: u32,
    /// Cases that would be created.
    pub new_cases: u32,
    /// Whether it can be imported.
    pub ready: bool,
    /// The rows left out as not placements, one line each: "Row 11: a totals row, left out".
    pub left_out: Vec<String>,
}

/// What an import did.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ImportDoneDto {
    /// Placements added.
    pub placements: u32,
    /// Cases created.
    pub cases: u32,
    /// The backup of the data before it.
    pub backup: String,
    /// The rows left out as not placements, one line each.
    pub left_out: Vec<String>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn read(path: &str) -> Result<Vec<Table>, AppError> {
    let p = Path::new(path);
    let bytes = std::fs::read(p).map_err(|e| {
        AppError::new(
            ErrorCode::NotFound,
            format!("Could not read {}: {e}", p.display()),
        )
    })?;
    let name = p
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    read_spreadsheet(&name, &bytes).map_err(|e| {
        let mut m = e.to_string();
        if let Some(first) = m.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        AppError::new(ErrorCode::Refused, m)
    })
}

fn choices(mapping: &Mapping, partners: &[panel_core::Partner]) -> Vec<ColumnChoice> {
    Field::all(partners.len())
        .into_iter()
        .map(|f| ColumnChoice {
            field: f.code(partners),
            column: mapping.column(f).map(count),
        })
        .collect()
}

/// Asks for a spreadsheet file (none: they cancelled).
#[tauri::command]
#[specta::specta]
pub async fn choose_spreadsheet(app: AppHandle) -> Result<Option<String>, AppError> {
    Ok(crate::documents::choose_spreadsheet(&app)
        .await?
        .map(|p| p.display().to_string()))
}

/// Reads a spreadsheet: its sheets, their columns and the columns their headings suggest.
#[tauri::command]
#[specta::specta]
pub fn open_spreadsheet(
    state: State<'_, AppState>,
    path: String,
) -> Result<SpreadsheetDto, AppError> {
    let partners = state.with(|s| Ok(s.partners()?))?;
    let tables = read(&path)?;
    let sheets = tables
        .iter()
        .map(|t| {
            let guess = guess_mapping(&t.headers, &partners);
            SheetDto {
                name: t.name.clone(),
                header_row: count(t.header_row),
                rows: count(t.rows.len()),
                columns: t
                    .headers
                    .iter()
                    .enumerate()
                    .map(|(i, h)| ColumnDto {
                        index: count(i),
                        letter: column_letter(i),
                        heading: h.clone(),
                        example: t
                            .rows
                            .iter()
                            .map(|(_, c)| c[i].display())
                            .find(|v| !v.is_empty())
                            .unwrap_or_default(),
                    })
                    .collect(),
                guess: choices(&guess, &partners),
                per: guess.per.code().to_string(),
            }
        })
        .collect();
    Ok(SpreadsheetDto {
        path,
        sheets,
        suggested: count(best_sheet(&tables, &partners)),
        fields: Field::all(partners.len())
            .into_iter()
            .map(|f| FieldDto {
                code: f.code(&partners),
                label: f.label(&partners),
                required: f.required(),
            })
            .collect(),
    })
}

/// The sheet and mapping an input names, read afresh from the file.
fn sheet_and_mapping(
    store: &Store,
    input: &SheetImportInput,
) -> Result<(Table, Mapping), AppError> {
    let partners = store.partners()?;
    let table = read(&input.path)?
        .into_iter()
        .find(|t| t.name == input.sheet)
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!("The file has no sheet \"{}\" any more", input.sheet),
            )
        })?;
    let per: Per = input
        .per
        .parse()
        .map_err(|e: String| AppError::new(ErrorCode::Validation, e))?;
    let mut mapping = Mapping {
        columns: Default::default(),
        per,
    };
    for c in &input.columns {
        let field = Field::parse(&c.field, &partners).ok_or_else(|| {
            AppError::new(
                ErrorCode::Validation,
                format!("\"{}\" is not a field", c.field),
            )
        })?;
        if let Some(col) = c.column {
            mapping.columns.insert(field, col as usize);
        }
    }
    Ok((table, mapping))
}

/// Every row as it will be read under the chosen columns, and every problem; nothing changes.
#[tauri::command]
#[specta::specta]
pub fn preview_import(
    state: State<'_, AppState>,
    input: SheetImportInput,
) -> Result<ImportPreviewDto, AppError> {
    state.with(|store| {
        let (table, mapping) = sheet_and_mapping(store, &input)?;
        let plan = store.plan_sheet_import(&table, &mapping, crate::cases::today())?;
        Ok(ImportPreviewDto {
            ready: plan.is_ready(),
            placements: count(plan.placements.len()),
            new_cases: count(plan.new_cases.len()),
            problems: plan
                .problems
                .iter()
                .map(|p| ProblemDto {
                    row: count(p.row),
                    column: p.column.clone(),
                    message: p.message.clone(),
                })
                .collect(),
            row_count: count(plan.rows.len()),
            rows: plan
                .rows
                .into_iter()
                .take(PREVIEW_ROWS)
                .map(|r| ImportRowDto {
                    row: count(r.row),
                    reference: r.reference,
                    initials: r.initials,
                    new_case: r.new_case,
                    provider: r.provider,
                    kind: r.kind,
                    start: r.start,
                    end: r.end,
                    cost: r.cost,
                    shares: r.shares,
                    problems: count(r.problems),
                    left_out: r.left_out.map(|l| l.code().to_string()),
                    left_out_words: r.left_out.map_or(String::new(), |l| l.words().to_string()),
                    said: r.said,
                })
                .collect(),
            left_out: plan.left_out.iter().map(ToString::to_string).collect(),
        })
    })
}

/// Imports every row, or nothing: the data as it is is backed up first.
#[tauri::command]
#[specta::specta]
pub fn import_spreadsheet(
    state: State<'_, AppState>,
    input: SheetImportInput,
) -> Result<ImportDoneDto, AppError> {
    let dir = backup_dir(&state.db_path);
    state.with(|store| {
        let (table, mapping) = sheet_and_mapping(store, &input)?;
        // Refused before the backup when the rows are not all right; the report is the
        // preview's, so the message only counts the problems.
        let done = panel_app::import_sheet(store, &crate::cases::clock(), &dir, &table, &mapping)
            .map_err(|e| match e {
            StoreError::Invalid(problems) => AppError::new(
                ErrorCode::Refused,
                format!(
                    "Nothing was imported: {} to fix (see the report)",
                    match problems.len() {
                        1 => "1 problem".to_string(),
                        n => format!("{n} problems"),
                    }
                ),
            ),
            other => other.into(),
        })?;
        Ok(ImportDoneDto {
            placements: count(done.imported.placements),
            cases: count(done.imported.cases),
            backup: done.backup.path.display().to_string(),
            left_out: done
                .imported
                .left_out
                .iter()
                .map(ToString::to_string)
                .collect(),
        })
    })
}
