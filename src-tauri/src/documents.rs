//! Printed documents from the app: a decision's record, a meeting's minutes and agenda pack,
//! saved where the person chooses and opened in the system's PDF viewer; and every record of
//! a meeting or a financial year exported into a folder for archiving.
//!
//! When `PANEL_SAVE_DIR` is set, documents go into that folder under their usual names
//! without a dialog and are not opened: for unattended use such as scripted archiving.

use std::path::{Path, PathBuf};

use panel_core::FinancialYear;
use panel_pdf::{PdfError, Redaction, agenda_pdf, minutes_pdf, record_pdf, write_file};
use panel_store::Store;
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::{AppHandle, Manager, State};

use crate::commands::AppState;
use crate::error::{AppError, ErrorCode};

impl From<PdfError> for AppError {
    fn from(e: PdfError) -> AppError {
        match e {
            PdfError::Refused(m) => AppError::new(ErrorCode::Refused, m),
            PdfError::Font(m) => AppError::new(ErrorCode::Storage, m),
        }
    }
}

/// A document saved.
#[derive(Clone, Debug, Serialize, Type)]
pub struct SavedDocument {
    /// Where it was written.
    pub path: String,
    /// Whether the system's viewer was asked to open it.
    pub opened: bool,
    /// Why it could not be opened, if it could not.
    pub note: Option<String>,
}

/// Records exported into a folder.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ExportedRecords {
    /// The folder.
    pub folder: String,
    /// The files written, by name, in number order.
    pub files: Vec<String>,
}

/// Which paper of a meeting.
#[derive(Clone, Copy, Debug, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    /// The agenda pack, before the meeting.
    Agenda,
    /// The minutes, after it.
    Minutes,
}

/// The folder documents go to without asking, when set.
pub(crate) fn unattended_dir() -> Option<PathBuf> {
    std::env::var_os("PANEL_SAVE_DIR")
        .map(PathBuf::from)
        .filter(|p| !p.as_os_str().is_empty())
}

/// A file name for a decision number: `CNP-26-27-0001`.
fn number_file(number: &str) -> String {
    number.replace('/', "-")
}

fn write_error(path: &Path, e: &std::io::Error) -> AppError {
    AppError::new(
        ErrorCode::Storage,
        format!("Could not write {}: {e}", path.display()),
    )
}

/// Asks where to save a backup, suggesting `name`.
pub(crate) async fn choose_file(
    app: &AppHandle,
    title: &str,
    name: String,
) -> Result<Option<PathBuf>, AppError> {
    let chosen = ask(app, title, move |d| {
        d.set_file_name(name)
            .add_filter("Complex Needs Panel backup", &["sqlite3"])
            .save_file()
    })
    .await?;
    Ok(chosen.map(|mut p| {
        if p.extension().is_none() {
            p.set_extension("sqlite3");
        }
        p
    }))
}

/// Asks for an existing backup file.
pub(crate) async fn choose_existing(
    app: &AppHandle,
    title: &str,
) -> Result<Option<PathBuf>, AppError> {
    ask(app, title, |d| {
        d.add_filter("Complex Needs Panel backup", &["sqlite3"])
            .pick_file()
    })
    .await
}

/// Asks for a spreadsheet of placements.
pub(crate) async fn choose_spreadsheet(app: &AppHandle) -> Result<Option<PathBuf>, AppError> {
    ask(app, "Choose a spreadsheet of placements", |d| {
        d.add_filter(
            "Spreadsheet (Excel, OpenDocument or CSV)",
            &[
                "xlsx", "xlsm", "xls", "xlsb", "ods", "csv", "XLSX", "XLS", "CSV",
            ],
        )
        .add_filter("All files", &["*"])
        .pick_file()
    })
    .await
}

/// Shows a native file dialog over the main window and waits for the answer: the path
/// chosen, or `None` when cancelled. GTK dialogs must be made on the main thread; the answer
/// is awaited here, off it.
async fn ask<F>(
    app: &AppHandle,
    title: &str,
    show: impl FnOnce(rfd::AsyncFileDialog) -> F + Send + 'static,
) -> Result<Option<PathBuf>, AppError>
where
    F: std::future::Future<Output = Option<rfd::FileHandle>> + Send + 'static,
{
    let (tx, rx) = std::sync::mpsc::channel();
    let window = app.get_webview_window("main");
    let title = title.to_string();
    app.run_on_main_thread(move || {
        let mut dialog = rfd::AsyncFileDialog::new().set_title(title);
        // Start in the person's documents folder, as office software does.
        if let Some(dir) = dirs::document_dir()
            .filter(|d| d.is_dir())
            .or_else(dirs::home_dir)
        {
            dialog = dialog.set_directory(dir);
        }
        if let Some(w) = &window {
            dialog = dialog.set_parent(w);
        }
        let _ = tx.send(show(dialog));
    })
    .map_err(|e| AppError::new(ErrorCode::Storage, format!("No dialog could be shown: {e}")))?;
    let answer = rx
        .recv()
        .map_err(|_| AppError::new(ErrorCode::Storage, "No dialog could be shown"))?;
    Ok(answer.await.map(|h| h.path().to_path_buf()))
}

/// What kind of file is saved: how the dialog names it, its extension, and whether it is
/// opened once saved.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FileKind {
    /// The dialog's title.
    title: &'static str,
    /// The filter's name.
    filter: &'static str,
    /// The extension, without its dot.
    ext: &'static str,
    /// Open it in the system's viewer once saved.
    open: bool,
}

/// A document for reading: opened once saved.
pub(crate) const PDF: FileKind = FileKind {
    title: "Save as PDF",
    filter: "PDF document",
    ext: "pdf",
    open: true,
};

/// Figures for a ledger or spreadsheet: saved, not opened.
pub(crate) const CSV: FileKind = FileKind {
    title: "Save as CSV",
    filter: "CSV file (comma-separated values)",
    ext: "csv",
    open: false,
};

/// Asks where to save `bytes` as a file of `kind` (suggesting `name`), writes them whole, and
/// opens the file when `kind` says so. `None` when the person cancels.
pub(crate) async fn save_as(
    app: &AppHandle,
    name: &str,
    bytes: &[u8],
    kind: FileKind,
) -> Result<Option<SavedDocument>, AppError> {
    if let Some(dir) = unattended_dir() {
        let path = dir.join(name);
        write_file(&path, bytes).map_err(|e| write_error(&path, &e))?;
        return Ok(Some(SavedDocument {
            path: path.display().to_string(),
            opened: false,
            note: None,
        }));
    }
    let suggested = name.to_string();
    let chosen = ask(app, kind.title, move |d| {
        d.set_file_name(suggested)
            .add_filter(kind.filter, &[kind.ext])
            .save_file()
    })
    .await?;
    let Some(mut path) = chosen else {
        return Ok(None);
    };
    if path.extension().is_none() {
        path.set_extension(kind.ext);
    }
    write_file(&path, bytes).map_err(|e| write_error(&path, &e))?;
    let shown = path.display().to_string();
    if !kind.open {
        return Ok(Some(SavedDocument {
            path: shown,
            opened: false,
            note: None,
        }));
    }
    let (opened, note) = match open::that_detached(&path) {
        Ok(()) => (true, None),
        Err(e) => (
            false,
            Some(format!("Saved, but no PDF viewer could open it: {e}")),
        ),
    };
    Ok(Some(SavedDocument {
        path: shown,
        opened,
        note,
    }))
}

fn record_bytes(s: &Store, id: i64, redacted: bool) -> Result<(String, Vec<u8>), AppError> {
    let record = panel_app::documents::record(s, id)?;
    let (redaction, suffix) = if redacted {
        (Redaction::Published, " (published)")
    } else {
        (Redaction::Full, "")
    };
    let bytes = record_pdf(&record, redaction)?;
    Ok((
        format!("Record {}{suffix}.pdf", number_file(&record.number)),
        bytes,
    ))
}

/// Prints the record of final decision `decision_id`, in full or redacted for publication:
/// asks where to save it, then opens it. `null` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_record_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    decision_id: i32,
    redacted: bool,
) -> Result<Option<SavedDocument>, AppError> {
    let (name, bytes) = state.with(|s| record_bytes(s, i64::from(decision_id), redacted))?;
    save_as(&app, &name, &bytes, PDF).await
}

/// Prints a meeting's agenda pack or minutes: asks where to save it, then opens it. `null`
/// when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_meeting_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    meeting_id: i32,
    paper: Paper,
) -> Result<Option<SavedDocument>, AppError> {
    let (name, bytes) = state.with(|s| {
        let id = i64::from(meeting_id);
        Ok(match paper {
            Paper::Agenda => {
                let pack = panel_app::documents::agenda_pack(s, id)?;
                (
                    format!("Agenda pack {}.pdf", pack.head.date),
                    agenda_pdf(&pack)?,
                )
            }
            Paper::Minutes => {
                let minutes = panel_app::documents::minutes(s, id)?;
                (
                    format!("Minutes {}.pdf", minutes.head.date),
                    minutes_pdf(&minutes)?,
                )
            }
        })
    })?;
    save_as(&app, &name, &bytes, PDF).await
}

/// Exports the record of every final decision of a meeting (`meeting_id`) or of a financial
/// year (`year`, e.g. `2026/27`) into a folder chosen by the person, one PDF each named by
/// its number. Every record is made before anything is written. `null` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_records(
    app: AppHandle,
    state: State<'_, AppState>,
    meeting_id: Option<i32>,
    year: Option<String>,
    redacted: bool,
) -> Result<Option<ExportedRecords>, AppError> {
    let files = state.with(|s| {
        let (ids, what) = match (meeting_id, year.as_deref()) {
            (Some(m), None) => {
                let m = i64::from(m);
                let date = s.meeting(m)?.summary.date;
                (
                    s.meeting_records(m)?,
                    format!("the meeting of {}", date.format("%d/%m/%Y")),
                )
            }
            (None, Some(y)) => {
                let year: FinancialYear = y.trim().parse().map_err(|_| {
                    AppError::fields(vec![panel_core::field::FieldError::new(
                        "year",
                        format!("Year: \"{y}\" is not a financial year: write it as 2026/27"),
                    )])
                })?;
                (s.year_records(year)?, year.to_string())
            }
            _ => {
                return Err(AppError::new(
                    ErrorCode::Refused,
                    "Choose a meeting or a financial year to export",
                ));
            }
        };
        if ids.is_empty() {
            return Err(AppError::new(
                ErrorCode::Refused,
                format!("There are no final decisions of {what}: nothing to export"),
            ));
        }
        ids.into_iter()
            .map(|(id, _)| record_bytes(s, id, redacted))
            .collect::<Result<Vec<_>, AppError>>()
    })?;
    let folder = match unattended_dir() {
        Some(dir) => dir,
        None => match ask(&app, "Export records into folder", |d| d.pick_folder()).await? {
            Some(dir) => dir,
            None => return Ok(None),
        },
    };
    let mut written = Vec::with_capacity(files.len());
    for (name, bytes) in &files {
        let path = folder.join(name);
        write_file(&path, bytes).map_err(|e| {
            let mut err = write_error(&path, &e);
            if !written.is_empty() {
                err.message.push_str(&format!(
                    " ({} records were written before it)",
                    written.len()
                ));
            }
            err
        })?;
        written.push(name.clone());
    }
    Ok(Some(ExportedRecords {
        folder: folder.display().to_string(),
        files: written,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_make_file_names() {
        assert_eq!(number_file("CNP/26-27/0001"), "CNP-26-27-0001");
    }
}
