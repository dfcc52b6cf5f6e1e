//! Errors as the front end receives them: `{ code, message, fields }`.

use panel_core::field::FieldError;
use panel_store::StoreError;
use serde::Serialize;
use specta::Type;

/// What kind of failure, for the front end to act on (it never matches message text).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Values entered are refused; `fields` says which and why.
    Validation,
    /// The thing asked for does not exist.
    NotFound,
    /// Refused by a rule (a finalised decision, locked minutes …).
    Refused,
    /// The database could not be opened.
    NoDatabase,
    /// The database is locked: the unlock screen is needed.
    Locked,
    /// Another program is writing to the database: nothing changed; try again.
    Busy,
    /// The database failed.
    Storage,
}

/// A refused value, for the screen to show beside its field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Type)]
pub struct FieldProblem {
    /// The field's name.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

/// An error sent to the front end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Type, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    /// What kind.
    pub code: ErrorCode,
    /// In words for people.
    pub message: String,
    /// Field by field, for validation errors.
    pub fields: Vec<FieldProblem>,
}

impl AppError {
    /// An error without fields.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> AppError {
        AppError {
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    /// A validation error on fields.
    pub fn fields(problems: Vec<FieldError>) -> AppError {
        let message = match problems.len() {
            1 => problems[0].message.clone(),
            n => format!("{n} fields need attention"),
        };
        AppError {
            code: ErrorCode::Validation,
            message,
            fields: problems
                .into_iter()
                .map(|p| FieldProblem {
                    field: p.field,
                    message: p.message,
                })
                .collect(),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        match e {
            StoreError::Field(problems) => AppError::fields(problems),
            StoreError::NotFound(m) => AppError::new(ErrorCode::NotFound, m),
            StoreError::Invalid(lines) => AppError::new(ErrorCode::Refused, lines.join("\n")),
            StoreError::Refused(sentence) => AppError::new(ErrorCode::Refused, sentence),
            StoreError::Busy => AppError::new(ErrorCode::Busy, StoreError::Busy.to_string()),
            StoreError::Sqlite(e) => AppError::new(
                ErrorCode::Storage,
                format!("The database refused the change: {e}"),
            ),
            other => AppError::new(ErrorCode::Storage, other.to_string()),
        }
    }
}

impl From<panel_core::ports::Error> for AppError {
    fn from(e: panel_core::ports::Error) -> AppError {
        use panel_core::ports::Error;
        match e {
            Error::Field(problems) => AppError::fields(problems),
            Error::NotFound(m) => AppError::new(ErrorCode::NotFound, m),
            Error::Invalid(lines) => AppError::new(ErrorCode::Refused, lines.join("\n")),
            Error::Refused(sentence) => AppError::new(ErrorCode::Refused, sentence),
            Error::Busy => AppError::new(ErrorCode::Busy, Error::Busy.to_string()),
            Error::Storage(m) => AppError::new(ErrorCode::Storage, m),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_front_end_is_told_what_an_error_is_by_its_code() {
        let refused = AppError::from(StoreError::Refused(
            "the minutes of this meeting are locked".into(),
        ));
        assert_eq!(refused.code, ErrorCode::Refused);
        assert_eq!(refused.message, "the minutes of this meeting are locked");
        // Busy is not a refusal, whatever SQLite's own words for it ("database is locked").
        let busy = AppError::from(StoreError::Busy);
        assert_eq!(busy.code, ErrorCode::Busy);
        assert!(busy.message.contains("try again"), "{}", busy.message);
        let other = AppError::from(StoreError::Corrupt("placement 3 has no split".into()));
        assert_eq!(other.code, ErrorCode::Storage);
    }
}
