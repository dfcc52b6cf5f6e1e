//! What every door does with a value a person typed or a file gave, before any rule sees it:
//! a field's error (its name, and what is wrong with and without the field's label), the
//! refusals collected while a form is read, and the parsers of dates, text and whole numbers.
//! A leaf: it uses only `text` and `year`, and every module that reads input uses it.

use chrono::NaiveDate;

use crate::year::parse_iso_date;

/// A value refused, with the field it came from, for the screen to show beside that field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FieldError {
    /// The field's name, as the screen knows it.
    pub field: String,
    /// What is wrong, in words for people, naming the field as the form labels it.
    pub message: String,
    /// What is wrong without the field's name: the words another door that names the field
    /// its own way (a spreadsheet's column) puts after that name, so that no door has to cut
    /// a label out of this one's message.
    pub problem: String,
}

impl FieldError {
    /// A problem with `field` whose message names no field label (the problem is the message).
    pub fn new(field: &str, message: impl Into<String>) -> FieldError {
        let message = message.into();
        FieldError {
            field: field.to_string(),
            problem: message.clone(),
            message,
        }
    }

    /// A problem with `field`, shown on the form as `label: problem`.
    pub fn labelled(field: &str, label: &str, problem: impl Into<String>) -> FieldError {
        let problem = problem.into();
        FieldError {
            field: field.to_string(),
            message: format!("{label}: {problem}"),
            problem,
        }
    }

    /// A problem with `field` whose form message is worded round its label (`Start date is
    /// required`), with the same `problem` without the label.
    pub fn worded(field: &str, message: String, problem: impl Into<String>) -> FieldError {
        FieldError {
            field: field.to_string(),
            message,
            problem: problem.into(),
        }
    }
}

/// `label is required`: nothing was typed in a field that needs a value.
fn required(field: &str, label: &str) -> FieldError {
    FieldError::worded(field, format!("{label} is required"), "a value is required")
}

/// Parses a date as people in England type it, `23/11/2026` (or `23/11/26`), or as ISO
/// `2026-11-23`.
pub fn parse_date_input(field: &str, label: &str, input: &str) -> Result<NaiveDate, FieldError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(required(field, label));
    }
    let bad = || {
        FieldError::labelled(
            field,
            label,
            format!("\"{text}\" is not a date (type it as dd/mm/yyyy, e.g. 23/11/2026)"),
        )
    };
    if let Some(d) = parse_iso_date(text) {
        return Ok(d);
    }
    let parts: Vec<&str> = text.split('/').collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad());
    }
    let (d, m) = (parts[0], parts[1]);
    if d.len() > 2 || m.len() > 2 || !(parts[2].len() == 4 || parts[2].len() == 2) {
        return Err(bad());
    }
    let year: i32 = parts[2].parse().map_err(|_| bad())?;
    let year = if parts[2].len() == 2 {
        2000 + year
    } else {
        year
    };
    let day: u32 = d.parse().map_err(|_| bad())?;
    let month: u32 = m.parse().map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(bad)
}

/// Trims `input` and composes it (NFC), refusing it when empty (if `required`), longer than
/// `max` characters, or holding what text may not (`text::text_problem`).
pub fn text_input(
    field: &str,
    label: &str,
    input: &str,
    required: bool,
    max: usize,
) -> Result<String, FieldError> {
    let text = input.trim();
    if required && text.is_empty() {
        return Err(self::required(field, label));
    }
    if text.chars().count() > max {
        return Err(FieldError::worded(
            field,
            format!("{label} is too long (at most {max} characters)"),
            format!("the text is too long (at most {max} characters)"),
        ));
    }
    // Line breaks belong in the long texts only (written in several lines on the screen).
    let multiline = max > crate::text::limit::SUBJECT;
    if let Some(problem) = crate::text::text_problem(text, max, multiline) {
        return Err(FieldError::worded(
            field,
            format!("{label} {problem}"),
            format!("the text {problem}"),
        ));
    }
    Ok(crate::text::normalise(text))
}

/// A whole number of `unit` from `min` to `max`, as typed.
pub fn number_input(
    field: &str,
    label: &str,
    input: &str,
    unit: &str,
    min: u32,
    max: u32,
) -> Result<u32, FieldError> {
    let text = input.trim();
    text.parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| {
            FieldError::labelled(
                field,
                label,
                format!("\"{text}\" is not a whole number of {unit} from {min} to {max}"),
            )
        })
}

/// Collects field errors while values are validated one by one.
#[derive(Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    /// The value, or `None` with its error kept.
    pub fn take<T>(&mut self, r: Result<T, FieldError>) -> Option<T> {
        r.map_err(|e| self.0.push(e)).ok()
    }

    /// Keeps a refusal made elsewhere.
    pub fn add(&mut self, e: FieldError) {
        self.0.push(e);
    }

    /// Keeps an error.
    pub fn push(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// A date that may be left empty (`Some(None)`); `None` when refused, with its error kept.
    pub fn optional_date(
        &mut self,
        field: &str,
        label: &str,
        text: &str,
    ) -> Option<Option<NaiveDate>> {
        match text.trim() {
            "" => Some(None),
            t => self.take(parse_date_input(field, label, t)).map(Some),
        }
    }

    /// Whether nothing has been refused.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `value` when nothing was refused, else every error.
    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty()
            && let Some(v) = value()
        {
            return Ok(v);
        }
        Err(self.0)
    }
}
