//! The interchange format `complex-needs-panel/1`: reading with every problem named by its
//! path, and writing. The format is documented in `docs/interchange-format.md`.
//!
//! Split by concern: `walker` follows the JSON and reads values; `records`, `cases`,
//! `meetings` and `decisions` map the records; `checks` holds what must agree across
//! records; `writer` writes. What a final decision keeps of its placement in the database is
//! not this format's but `crate::snapshot`'s.

mod cases;
mod checks;
mod decisions;
mod disputes;
mod meetings;
mod pool;
mod ras;
mod records;
mod statements;
mod walker;
mod writer;

use serde_json::Value;
use serde_json::value::RawValue;

use crate::dataset::*;

/// The format this program reads and writes.
pub const FORMAT: &str = "complex-needs-panel/1";

use walker::Reader;
pub use writer::write_dataset;

/// Reads a dataset, or lists every problem found, one line each, naming the record and field.
pub fn read_dataset(text: &str) -> Result<Dataset, Vec<String>> {
    let twice = crate::strict_json::duplicate_keys(text)
        .map_err(|e| vec![format!("not valid JSON: {e}")])?;
    if !twice.is_empty() {
        return Err(twice);
    }
    // The cases, most of a large file, are read one at a time from the text rather than held
    // all at once as a tree: the top level is kept as slices of the text, and every other part
    // read whole (it is small).
    let not_json = |e: serde_json::Error| vec![format!("not valid JSON: {e}")];
    let (value, cases) = split_top(text).map_err(not_json)?;
    let mut r = Reader::default();
    let dataset = r.dataset(&value, cases.as_deref());
    if r.problems.is_empty() {
        Ok(dataset)
    } else {
        Err(r.problems)
    }
}

/// The file's top level, every member read whole but `cases`, which (when it is a list) is
/// left as slices of `text`, one a case. A top level that is not an object is read whole.
fn split_top(text: &str) -> Result<(Value, Option<Vec<&RawValue>>), serde_json::Error> {
    let Ok(Members(members)) = serde_json::from_str::<Members<'_>>(text) else {
        return Ok((serde_json::from_str(text)?, None));
    };
    let mut top = serde_json::Map::new();
    let mut cases = None;
    for (key, raw) in members {
        if key == "cases"
            && let Ok(list) = serde_json::from_str::<Vec<&RawValue>>(raw.get())
        {
            cases = Some(list);
            continue;
        }
        top.insert(key, serde_json::from_str(raw.get())?);
    }
    Ok((Value::Object(top), cases))
}

/// A JSON object's members in the order written, each value a slice of the text.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for Members<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
            type Value = Members<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut m: M,
            ) -> Result<Members<'a>, M::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, &'de RawValue>()? {
                    out.push((k, v));
                }
                Ok(Members(out))
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DecisionStatus;

    #[test]
    fn a_decisions_kept_placement_travels_and_only_a_final_one_has_it() {
        let today = crate::year::parse_iso_date("2026-11-23").unwrap_or_default();
        let mut d = crate::demo::demo(today);
        let k = d
            .decisions
            .iter()
            .position(|x| x.status == DecisionStatus::Final && x.placement.is_some())
            .unwrap_or_default();
        let x = &d.decisions[k];
        let mut kept = d.cases[x.case].placements[x.placement.unwrap_or_default()].clone();
        kept.provider = "The provider as it was".into();
        d.decisions[k].snapshot = Some(kept);
        let back = read_dataset(&write_dataset(&d));
        assert!(back.as_ref().is_ok_and(|b| *b == d), "{back:?}");

        // A draft has nothing to keep.
        d.decisions[k].status = DecisionStatus::Draft;
        d.decisions[k].number = None;
        let problems = read_dataset(&write_dataset(&d)).err().unwrap_or_default();
        assert!(
            problems.iter().any(|p| p.ends_with(
                "placement_snapshot: only a final decision about a placement has a snapshot of it"
            )),
            "{problems:?}"
        );
    }

    /// Found by fuzzing: a partner without a code left a decision's kept placement with one
    /// share fewer than there are partners, and reading the next partner's share panicked.
    #[test]
    fn a_partner_without_a_code_is_a_problem_not_a_panic() {
        let mut d =
            crate::demo::demo(crate::year::parse_iso_date("2026-11-23").unwrap_or_default());
        let k = d
            .decisions
            .iter()
            .position(|x| x.status == DecisionStatus::Final && x.placement.is_some())
            .unwrap_or_default();
        let x = &d.decisions[k];
        d.decisions[k].snapshot =
            Some(d.cases[x.case].placements[x.placement.unwrap_or_default()].clone());
        let text = write_dataset(&d).replacen("\"code\": \"ED\"", "\"EDde\": \"ED\"", 1);
        assert!(text.contains("\"EDde\": \"ED\""));
        let problems = read_dataset(&text).err().unwrap_or_default();
        assert!(
            problems.iter().any(|p| p.starts_with("partners[1]")),
            "{problems:?}"
        );
    }

    #[test]
    fn a_kept_placement_reads_back_as_written() {
        let today = crate::year::parse_iso_date("2026-11-23").unwrap_or_default();
        let d = crate::demo::demo(today);
        let codes: Vec<&str> = d.partners.iter().map(|p| p.code.as_str()).collect();
        let p = &d.cases[0].placements[0];
        let text = crate::snapshot::write(p, &codes);
        assert_eq!(crate::snapshot::read(&text, &codes).as_ref(), Ok(p));
        assert!(crate::snapshot::read("{\"provider\": 1}", &codes).is_err());
        assert!(crate::snapshot::read("not json", &codes).is_err());
    }

    #[test]
    fn a_partner_other_names_are_read_checked_and_written_back() {
        let today = crate::year::parse_iso_date("2026-11-23").unwrap_or_default();
        let mut d = crate::demo::demo(today);
        d.partners[2].aliases = vec!["Sunderland CCG".into()];
        let text = write_dataset(&d);
        let read = read_dataset(&text).unwrap_or_default();
        assert_eq!(read.partners[2].aliases, ["Sunderland CCG"]);
        assert!(read.partners[0].aliases.is_empty());
        assert_eq!(
            text.matches("\"aliases\"").count(),
            1,
            "written only when held"
        );
        // Not a list; another partner's name; a name with nothing in it.
        for (aliases, said) in [
            (
                "\"CCG\"",
                "partners[2].aliases: must be a list of names, not \"CCG\"",
            ),
            (
                "[\"Social care\"]",
                "partners[2].aliases: Also called: \"Social care\" is already a name of SC, Social care; a name can point to one partner only",
            ),
            (
                "[\"--\"]",
                "partners[2].aliases: Also called: \"--\" has no letter or digit in it",
            ),
        ] {
            let mut v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
            v["partners"][2]["aliases"] = serde_json::from_str(aliases).unwrap_or_default();
            let problems = read_dataset(&v.to_string()).err().unwrap_or_default();
            assert!(problems.iter().any(|p| p == said), "{said}: {problems:?}");
        }
    }
}
