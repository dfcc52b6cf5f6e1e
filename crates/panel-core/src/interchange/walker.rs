//! The JSON walker: a reader that follows paths through the file, reads each kind of value
//! (text, dates, money, codes, arrays) and keeps every problem, named by its path.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::money::Money;
use crate::year::parse_iso_date;

#[derive(Default)]
pub(super) struct Reader {
    pub(super) problems: Vec<String>,
}

/// The path of a field: `cases[2].placements[0]` + `amount`.
pub(super) fn at(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

pub(super) fn describe(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    }
}

impl Reader {
    pub(super) fn problem(&mut self, path: &str, msg: impl std::fmt::Display) {
        self.problems.push(format!("{path}: {msg}"));
    }

    /// An object whose keys are all in `known`; unknown keys are problems.
    pub(super) fn object<'a>(
        &mut self,
        v: &'a Value,
        path: &str,
        known: &[&str],
    ) -> Option<&'a Map<String, Value>> {
        match v.as_object() {
            Some(m) => {
                for k in m.keys() {
                    if !known.contains(&k.as_str()) {
                        self.problem(
                            &at(path, k),
                            format!("unknown field (expected one of {})", known.join(", ")),
                        );
                    }
                }
                Some(m)
            }
            None => {
                let p = if path.is_empty() { "(top level)" } else { path };
                self.problem(p, format!("must be an object, not {}", describe(v)));
                None
            }
        }
    }

    pub(super) fn required<'a>(
        &mut self,
        m: &'a Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<&'a Value> {
        let v = m.get(key);
        if v.is_none() {
            self.problem(&at(path, key), "is missing");
        }
        v
    }

    /// Whether `s`, the value of `key`, is text the application can store; a problem if not.
    pub(super) fn storable(&mut self, path: &str, key: &str, s: &str) -> bool {
        let (max, multiline) = crate::text::field_rule(key);
        match crate::text::text_problem(s, max, multiline) {
            Some(problem) => {
                self.problem(path, problem);
                false
            }
            None => true,
        }
    }

    pub(super) fn string(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<String> {
        let v = self.required(m, path, key)?;
        match v.as_str() {
            Some(s) => self
                .storable(&at(path, key), key, s)
                .then(|| crate::text::normalise(s)),
            None => {
                self.problem(
                    &at(path, key),
                    format!("must be a string, not {}", describe(v)),
                );
                None
            }
        }
    }

    /// A string that must not be blank.
    pub(super) fn text(&mut self, m: &Map<String, Value>, path: &str, key: &str) -> Option<String> {
        let s = self.string(m, path, key)?;
        if s.trim().is_empty() {
            self.problem(&at(path, key), "must not be empty");
            return None;
        }
        Some(s)
    }

    /// An optional string: absent or null is `None`.
    pub(super) fn opt_string(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Result<Option<String>, ()> {
        match m.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => {
                if self.storable(&at(path, key), key, s) {
                    Ok(Some(crate::text::normalise(s)))
                } else {
                    Err(())
                }
            }
            Some(v) => {
                self.problem(
                    &at(path, key),
                    format!("must be a string or null, not {}", describe(v)),
                );
                Err(())
            }
        }
    }

    /// Free text that may be absent (empty).
    pub(super) fn free_text(&mut self, m: &Map<String, Value>, path: &str, key: &str) -> String {
        self.opt_string(m, path, key)
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    pub(super) fn date(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<NaiveDate> {
        let s = self.string(m, path, key)?;
        self.parse_date(&at(path, key), &s)
    }

    pub(super) fn parse_date(&mut self, path: &str, s: &str) -> Option<NaiveDate> {
        let d = parse_iso_date(s);
        if d.is_none() {
            self.problem(path, format!("\"{s}\" is not a date (expected YYYY-MM-DD)"));
        }
        d
    }

    /// A date that may be null; the key itself is required when `required`.
    pub(super) fn opt_date(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        key: &str,
        required: bool,
    ) -> Result<Option<NaiveDate>, ()> {
        if required && !m.contains_key(key) {
            self.problem(&at(path, key), "is missing (use null for none)");
            return Err(());
        }
        match self.opt_string(m, path, key)? {
            None => Ok(None),
            Some(s) => self.parse_date(&at(path, key), &s).map(Some).ok_or(()),
        }
    }

    pub(super) fn money(&mut self, path: &str, v: &Value) -> Option<Money> {
        match v.as_str() {
            Some(s) => match Money::parse(path, s) {
                Ok(m) => Some(m),
                Err(e) => {
                    self.problems.push(e.to_string());
                    None
                }
            },
            None => {
                self.problem(
                    path,
                    format!(
                        "must be an amount as a string, e.g. \"1234.50\", not {}",
                        describe(v)
                    ),
                );
                None
            }
        }
    }

    pub(super) fn code<T>(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        key: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let s = self.string(m, path, key)?;
        match parse(&s) {
            Ok(v) => Some(v),
            Err(e) => {
                self.problem(&at(path, key), e);
                None
            }
        }
    }

    pub(super) fn array<'a>(
        &mut self,
        m: &'a Map<String, Value>,
        path: &str,
        key: &str,
        required: bool,
    ) -> &'a [Value] {
        match m.get(key) {
            None if !required => &[],
            None => {
                self.problem(&at(path, key), "is missing");
                &[]
            }
            Some(Value::Array(a)) => a,
            Some(v) => {
                self.problem(
                    &at(path, key),
                    format!("must be a list, not {}", describe(v)),
                );
                &[]
            }
        }
    }

    pub(super) fn bool(&mut self, m: &Map<String, Value>, path: &str, key: &str) -> bool {
        match m.get(key) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(v) => {
                self.problem(
                    &at(path, key),
                    format!("must be true or false, not {}", describe(v)),
                );
                false
            }
        }
    }

    pub(super) fn whole_number(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        key: &str,
        max: u64,
    ) -> Option<u32> {
        let v = self.required(m, path, key)?;
        match v.as_u64() {
            Some(n) if n <= max => u32::try_from(n).ok(),
            _ => {
                self.problem(
                    &at(path, key),
                    format!(
                        "must be a whole number from 0 to {max}, not {}",
                        describe(v)
                    ),
                );
                None
            }
        }
    }
}
