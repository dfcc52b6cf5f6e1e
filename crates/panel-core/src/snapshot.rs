//! What a final decision keeps of the placement it was made on (its provider, type, dates,
//! cost lines and splits as they stood), so that its record never changes when the placement
//! later does (rule 9). This is a storage format of its own, versioned, and independent of the
//! interchange file format: a change to the files can never change what sealed decisions hold.
//!
//! Version 1 is a JSON object with no version key: `provider`, `type`, `start`, `end`,
//! `cost_lines` (`description`, `per`, `amount`, `from`, `to`) and `splits` (`from`, `shares`
//! keyed by partner code), dates ISO and amounts plain. A later version adds `"version": N`
//! and keeps reading every version ever written.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::cost::{CostLine, Per, Placement, SplitPeriod};
use crate::model::{PlacementRecord, PlacementType};
use crate::money::Money;
use crate::split::Percent;
use crate::year::parse_iso_date;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct V1 {
    provider: String,
    #[serde(rename = "type")]
    kind: String,
    start: String,
    end: Option<String>,
    cost_lines: Vec<LineV1>,
    splits: Vec<SplitV1>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LineV1 {
    description: String,
    per: String,
    amount: String,
    from: String,
    to: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SplitV1 {
    from: String,
    shares: Map<String, Value>,
}

/// The placement as a decision keeps it, with the partners' shares keyed by `codes` (in
/// partner order).
pub fn write(p: &PlacementRecord, codes: &[&str]) -> String {
    let pl = &p.placement;
    let v = V1 {
        provider: p.provider.clone(),
        kind: p.kind.code().to_string(),
        start: pl.start.to_string(),
        end: pl.end.map(|d| d.to_string()),
        cost_lines: pl
            .cost_lines
            .iter()
            .map(|l| LineV1 {
                description: l.description.clone(),
                per: l.per.code().to_string(),
                amount: l.amount.to_plain(),
                from: l.from.to_string(),
                to: l.to.map(|d| d.to_string()),
            })
            .collect(),
        splits: pl
            .splits
            .iter()
            .map(|s| SplitV1 {
                from: s.from.to_string(),
                shares: codes
                    .iter()
                    .zip(&s.shares)
                    .map(|(c, p)| (c.to_string(), Value::String(p.to_string())))
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_string(&v).unwrap_or_default()
}

/// Reads back a placement kept by [`write`] (any version), with partners `codes` in order;
/// every problem is named, and a placement that could not be costed is refused.
pub fn read(text: &str, codes: &[&str]) -> Result<PlacementRecord, Vec<String>> {
    let twice = crate::strict_json::duplicate_keys(text)
        .map_err(|e| vec![format!("not valid JSON: {e}")])?;
    if !twice.is_empty() {
        return Err(twice);
    }
    let v: V1 =
        serde_json::from_str(text).map_err(|e| vec![format!("not a kept placement: {e}")])?;
    let mut problems = Vec::new();
    let mut date = |what: &str, s: &str| {
        let d = parse_iso_date(s);
        if d.is_none() {
            problems.push(format!("{what}: \"{s}\" is not a date"));
        }
        d
    };
    let start = date("start", &v.start);
    let end = v.end.as_deref().map(|e| date("end", e));
    let mut lines = Vec::with_capacity(v.cost_lines.len());
    for (i, l) in v.cost_lines.iter().enumerate() {
        let from = date(&format!("cost_lines[{i}].from"), &l.from);
        let to =
            l.to.as_deref()
                .map(|t| date(&format!("cost_lines[{i}].to"), t));
        lines.push((from, to));
    }
    let mut split_dates = Vec::with_capacity(v.splits.len());
    for (i, s) in v.splits.iter().enumerate() {
        split_dates.push(date(&format!("splits[{i}].from"), &s.from));
    }
    let kind = PlacementType::parse(&v.kind).map_err(|e| problems.push(format!("type: {e}")));
    let mut cost_lines = Vec::with_capacity(v.cost_lines.len());
    for (i, (l, (from, to))) in v.cost_lines.iter().zip(lines).enumerate() {
        let per = l
            .per
            .parse::<Per>()
            .map_err(|e| problems.push(format!("cost_lines[{i}].per: {e}")));
        let amount = Money::parse(&format!("cost_lines[{i}].amount"), &l.amount)
            .map_err(|e| problems.push(e.to_string()));
        if let (Ok(per), Ok(amount), Some(from), Some(to)) = (per, amount, from, read_end(to)) {
            cost_lines.push(CostLine {
                description: l.description.clone(),
                per,
                amount,
                from,
                to,
            });
        }
    }
    let mut splits = Vec::with_capacity(v.splits.len());
    for (i, (s, from)) in v.splits.iter().zip(split_dates).enumerate() {
        if s.shares.len() != codes.len() || codes.iter().any(|c| !s.shares.contains_key(*c)) {
            problems.push(format!(
                "splits[{i}].shares: the partners are {}, not {}",
                codes.join(", "),
                s.shares.keys().cloned().collect::<Vec<_>>().join(", ")
            ));
            continue;
        }
        let shares: Vec<Option<Percent>> = codes
            .iter()
            .map(|c| {
                let p = s.shares[*c].as_str().and_then(|t| Percent::parse(t).ok());
                if p.is_none() {
                    problems.push(format!("splits[{i}].shares.{c}: not a percentage"));
                }
                p
            })
            .collect();
        if let (Some(from), Some(shares)) = (from, shares.into_iter().collect::<Option<Vec<_>>>()) {
            splits.push(SplitPeriod { from, shares });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let (Some(start), Some(end), Ok(kind)) = (start, read_end(end), kind) else {
        return Err(vec!["the kept placement cannot be read".into()]);
    };
    let placement = Placement {
        start,
        end,
        cost_lines,
        splits,
    };
    placement
        .validate(codes.len())
        .map_err(|e| vec![format!("the kept placement {e}")])?;
    Ok(PlacementRecord {
        provider: v.provider,
        kind,
        placement,
    })
}

/// An end that may be absent: `None` (no end) is fine, `Some(None)` (a date that could not be
/// read) is not.
fn read_end<T>(end: Option<Option<T>>) -> Option<Option<T>> {
    match end {
        None => Some(None),
        Some(Some(d)) => Some(Some(d)),
        Some(None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A snapshot as version 1 has always written it: stored decisions hold exactly this.
    const STORED: &str = r#"{"provider":"Oakfield House","type":"residential","start":"2023-04-01","end":null,"cost_lines":[{"description":"Placement fee","per":"week","amount":"5250.00","from":"2023-04-01","to":"2023-10-31"},{"description":"Placement fee","per":"week","amount":"5512.50","from":"2023-11-01","to":null}],"splits":[{"from":"2023-04-01","shares":{"SC":"50","ED":"25","HE":"25"}}]}"#;

    #[test]
    fn a_stored_snapshot_reads_back_and_is_written_again_byte_for_byte() {
        let codes = ["SC", "ED", "HE"];
        let p = read(STORED, &codes).unwrap();
        assert_eq!(p.provider, "Oakfield House");
        assert_eq!(p.placement.cost_lines[1].amount, Money::from_pence(551_250));
        assert_eq!(write(&p, &codes), STORED);
    }

    #[test]
    fn a_damaged_snapshot_is_refused_naming_what_is_wrong() {
        let codes = ["SC", "ED", "HE"];
        let bad = STORED.replace("\"5250.00\"", "\"52.505\"");
        let e = read(&bad, &codes).unwrap_err();
        assert!(e[0].contains("cost_lines[0].amount"), "{e:?}");
        let e = read(&STORED.replace("\"HE\":\"25\"", "\"HE\":\"20\""), &codes).unwrap_err();
        assert!(e[0].contains("100%"), "{e:?}");
        let e = read(STORED, &["SC", "ED"]).unwrap_err();
        assert!(e[0].contains("the partners are SC, ED"), "{e:?}");
        let e = read(
            &STORED.replace("\"end\":null", "\"end\":null,\"extra\":1"),
            &codes,
        )
        .unwrap_err();
        assert!(e[0].contains("unknown field"), "{e:?}");
        assert!(read("{", &codes).is_err());
    }
}
