//! Commands of the spreadsheet import: each one call of `panel_app::sheets`.

use panel_app::sheets;
use panel_core::ports::Error;
use panel_store::backup_dir;
use tauri::{AppHandle, State};

use crate::commands::AppState;
use crate::error::{AppError, ErrorCode};

pub use panel_app::sheets::{
    ColumnChoice, ColumnDto, FieldDto, ImportDoneDto, ImportPreviewDto, ImportRowDto, ProblemDto,
    SheetDto, SheetImportInput, SpreadsheetDto,
};

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
    state.with(|s| Ok(sheets::open(s, &path)?))
}

/// Every row as it will be read under the chosen columns, and every problem; nothing changes.
#[tauri::command]
#[specta::specta]
pub fn preview_import(
    state: State<'_, AppState>,
    input: SheetImportInput,
) -> Result<ImportPreviewDto, AppError> {
    state.with(|s| Ok(sheets::preview(s, &input, crate::cases::today())?))
}

/// Imports every row, or nothing: the data as it is is backed up first. A refusal only counts
/// the problems: the report is the preview's.
#[tauri::command]
#[specta::specta]
pub fn import_spreadsheet(
    state: State<'_, AppState>,
    input: SheetImportInput,
) -> Result<ImportDoneDto, AppError> {
    let dir = backup_dir(&state.db_path);
    state.with(|s| {
        sheets::import(s, &crate::cases::clock(), &dir, &input).map_err(|e| match e {
            Error::Invalid(problems) => AppError::new(
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
        })
    })
}
