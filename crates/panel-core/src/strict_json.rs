//! JSON read strictly: a key given twice in one object is a problem, never silently the last
//! value (`"amount": "5250.00", "amount": "1.00"` would otherwise change a year's spend).

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// Every key given twice in one object of the JSON `text`, as `path: …` lines. `Err` when the
/// text is not JSON at all (the caller reports that as it reads the text).
pub fn duplicate_keys(text: &str) -> Result<Vec<String>, serde_json::Error> {
    let found = RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    Walk {
        path: String::new(),
        found: &found,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(found.into_inner())
}

struct Walk<'a> {
    path: String,
    found: &'a RefCell<Vec<String>>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while seq
            .next_element_seed(Walk {
                path: format!("{}[{i}]", self.path),
                found: self.found,
            })?
            .is_some()
        {
            i += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = if self.path.is_empty() {
                key.clone()
            } else {
                format!("{}.{key}", self.path)
            };
            if !seen.insert(key) {
                self.found.borrow_mut().push(format!(
                    "{path}: is given twice (a field may be given only once)"
                ));
            }
            map.next_value_seed(Walk {
                path,
                found: self.found,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_given_twice_is_found_wherever_it_is() {
        let text = r#"{"cases": [{"reference": "CN-1", "placements": [{"cost_lines": [
            {"amount": "5250.00", "per": "week", "amount": "1.00"}]}]}], "format": "x", "format": "y"}"#;
        assert_eq!(
            duplicate_keys(text).unwrap(),
            [
                "cases[0].placements[0].cost_lines[0].amount: is given twice (a field may be given only once)",
                "format: is given twice (a field may be given only once)",
            ]
        );
        assert!(
            duplicate_keys(r#"{"a": [1, {"b": null}], "c": true}"#)
                .unwrap()
                .is_empty()
        );
        assert!(duplicate_keys("{").is_err());
    }
}
