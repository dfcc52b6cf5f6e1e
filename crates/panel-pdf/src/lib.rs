//! The panel's printed documents as PDF: the record of each decision (in full, or redacted
//! for publication), the minutes of a meeting and its agenda pack, and the spend report. Text is set in DejaVu Sans,
//! embedded as a subset, wrapped by measured glyph widths and flowed over A4 pages.

pub mod exceptions;
mod fonts;
pub mod layout;
pub mod meeting;
mod parts;
pub mod record;
mod redact;
pub mod render;
pub mod settlement;
pub mod spend;
pub mod statement;

pub use exceptions::{ExceptionsPaper, exceptions_pdf};
pub use fonts::Weight;
pub use meeting::{AgendaPack, Minutes, agenda_pdf, minutes_pdf};
pub use parts::{Finance, long_date, short_date};
pub use record::{Record, Redaction, pdf_text, record_pdf};
pub use settlement::{SettlementPaper, settlement_pdf};
pub use spend::{SpendPaper, spend_pdf};
pub use statement::{StatementPaper, statement_pdf};

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The embedded typeface could not be used.
    #[error("{0}")]
    Font(String),
    /// What was asked for cannot be printed, e.g. a draft decision's record.
    #[error("{0}")]
    Refused(String),
}

/// Writes `bytes` to `path` whole or not at all: into a hidden file beside it, synced, then
/// renamed over it, so that a failure never leaves half a file where a document should be.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    let tmp = dir.join(format!(".{name}.partial"));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    match written.and_then(|()| std::fs::rename(&tmp, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}
