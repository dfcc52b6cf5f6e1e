//! The spreadsheet import's use cases: a file read into its sheets with the columns their
//! headings suggest, every row previewed as it will be read under the columns chosen (the rows
//! left out named, every problem by row and column), and the import itself, all or nothing,
//! after a backup. The screen's models are built here for every door.

use std::path::Path;

use panel_core::Per;
use panel_core::clock::Clock;
use panel_core::field::FieldError;
use panel_core::ports::{CasesStore, Error, Result, SettingsStore};
use panel_core::sheet::{Table, column_letter, read_spreadsheet};
use panel_core::sheet_import::{
    Field, ImportPlan, Mapping, best_sheet, guess_mapping, plan_import,
};
use panel_store::{BackupPlace, Store};
use serde::{Deserialize, Serialize};
use specta::Type;

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

/// Reads the spreadsheet at `path` into its sheets with something in them.
pub fn read_file(path: &Path) -> Result<Vec<Table>> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::NotFound(format!("Could not read {}: {e}", path.display())))?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    read_spreadsheet(&name, &bytes).map_err(|e| {
        let mut m = e.to_string();
        if let Some(first) = m.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        Error::Refused(m)
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

/// Reads a spreadsheet: its sheets, their columns and the columns their headings suggest
/// (a partner's share also by the names it goes by), and the sheet most likely to hold the
/// placements.
pub fn open(store: &(impl SettingsStore + ?Sized), path: &str) -> Result<SpreadsheetDto> {
    let partners = store.partners()?;
    let tables = read_file(Path::new(path))?;
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
        path: path.to_string(),
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
    partners: &[panel_core::Partner],
    input: &SheetImportInput,
) -> Result<(Table, Mapping)> {
    let table = read_file(Path::new(&input.path))?
        .into_iter()
        .find(|t| t.name == input.sheet)
        .ok_or_else(|| {
            Error::NotFound(format!(
                "The file has no sheet \"{}\" any more",
                input.sheet
            ))
        })?;
    let per: Per = input
        .per
        .parse()
        .map_err(|e: String| Error::field(FieldError::new("per", e)))?;
    let mut mapping = Mapping {
        columns: Default::default(),
        per,
    };
    for c in &input.columns {
        let field = Field::parse(&c.field, partners).ok_or_else(|| {
            Error::field(FieldError::new(
                "columns",
                format!("\"{}\" is not a field", c.field),
            ))
        })?;
        if let Some(col) = c.column {
            mapping.columns.insert(field, col as usize);
        }
    }
    Ok((table, mapping))
}

/// Every row of a sheet as it will be read under the chosen columns, the rows left out, and
/// every problem, as of `today`; nothing changes.
pub fn preview(
    store: &(impl SettingsStore + CasesStore + ?Sized),
    input: &SheetImportInput,
    today: chrono::NaiveDate,
) -> Result<ImportPreviewDto> {
    let partners = store.partners()?;
    let (table, mapping) = sheet_and_mapping(&partners, input)?;
    let plan = plan_import(
        &table,
        &mapping,
        &partners,
        &store.recorded_for_import()?,
        today,
    );
    Ok(preview_of(plan))
}

/// The preview of a plan: the first rows, every problem, the rows left out.
fn preview_of(plan: ImportPlan) -> ImportPreviewDto {
    ImportPreviewDto {
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
        left_out: plan.left_out.iter().map(ToString::to_string).collect(),
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
    }
}

/// Imports every row of the sheet as chosen, or nothing: refused whole, before anything is
/// backed up, when any row has a problem ([`Error::Invalid`], one problem a line); otherwise
/// the data is backed up into `backups`, then every row added in one transaction.
pub fn import(
    store: &mut Store,
    clock: &Clock,
    backups: &BackupPlace,
    input: &SheetImportInput,
) -> Result<ImportDoneDto> {
    let partners = SettingsStore::partners(store)?;
    let (table, mapping) = sheet_and_mapping(&partners, input)?;
    let done = crate::import_sheet(store, clock, backups, &table, &mapping)?;
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
}
