//! What an auditor would ask about (rule 20): `panel exceptions`, and `panel action-done`,
//! which clears an action overdue; the indicative budget: `panel allocation-table` and
//! `panel assess`.

use crate::*;

/// `panel exceptions`: every exception as of a day, as a table, JSON, CSV or a PDF.
pub(crate) fn exceptions(
    db: &Option<PathBuf>,
    as_of: Option<String>,
    json: bool,
    csv: bool,
    out: Option<PathBuf>,
) -> Result<(), Failure> {
    let as_of = match as_of {
        Some(text) => super::finance::day("--as-of", &text)?,
        None => today(),
    };
    let (store, _) = open(db)?;
    let found = panel_app::exceptions::list(&store, as_of)?;
    if let Some(out) = &out {
        let paper = panel_app::documents::exceptions_paper(&store, &found, as_of, today())
            .map_err(|e| Failure::Said(e.to_string()))?;
        let pdf = panel_pdf::exceptions_pdf(&paper)?;
        write_pdf(out, &pdf, "The exceptions")?;
        return Ok(());
    }
    if json {
        let v = serde_json::json!({
            "as_of": as_of.to_string(),
            "exceptions": found.iter().map(|e| serde_json::json!({
                "kind": e.kind.code(),
                "case": e.case.as_ref().map(|c| c.0.clone()),
                "year": e.year.map(|y| y.to_string()),
                "placement": e.placement,
                "detail": e.detail,
            })).collect::<Vec<_>>(),
        });
        let text = serde_json::to_string_pretty(&v).map_err(|e| Failure::Said(e.to_string()))?;
        println!("{text}");
    } else if csv {
        print!("{}", panel_core::exceptions::exceptions_csv(as_of, &found));
    } else {
        println!("Exceptions as of {}", as_of.format("%d/%m/%Y"));
        if found.is_empty() {
            println!("None: nothing an auditor would ask about.");
            return Ok(());
        }
        for kind in panel_core::model::ExceptionKind::ALL {
            let of_kind: Vec<_> = found.iter().filter(|e| e.kind == *kind).collect();
            if of_kind.is_empty() {
                continue;
            }
            println!();
            println!("{} ({})", kind.label(), of_kind.len());
            for e in of_kind {
                let whose = e
                    .case
                    .as_ref()
                    .map(|(r, i)| format!("{r} ({i})"))
                    .or_else(|| e.year.map(|y| y.to_string()))
                    .unwrap_or_default();
                println!("  {whose:<18} {}", e.detail);
            }
        }
        println!();
        println!(
            "{} exception{} in all.",
            found.len(),
            if found.len() == 1 { "" } else { "s" }
        );
    }
    Ok(())
}

/// `panel action-done`: an action of a final decision recorded as done.
pub(crate) fn action_done(
    db: &Option<PathBuf>,
    decision: String,
    action: usize,
    on: Option<String>,
    note: String,
) -> Result<(), Failure> {
    let on = match on {
        Some(text) => super::finance::day("--on", &text)?,
        None => today(),
    };
    let (mut store, _) = open(db)?;
    panel_app::exceptions::mark_done(&mut store, &decision, action, on, &note, today())?;
    println!(
        "Recorded action {action} of {decision} as done on {}.",
        on.format("%d/%m/%Y")
    );
    Ok(())
}

/// A table as a file gives it: `{"per_point", "areas": [{"name", "levels": [{"name",
/// "points"}]}]}`, points a number or a string; validated as the settings screen validates.
fn table_from_file(year: &str, text: &str) -> Result<panel_core::ras::AllocationTable, Failure> {
    use panel_core::ras::{AreaInput, LevelInput, table_input};
    use serde_json::Value;
    let bad = |what: &str| Failure::Said(format!("the table file: {what}"));
    let v: Value = serde_json::from_str(text).map_err(|e| bad(&format!("not valid JSON: {e}")))?;
    let top = v.as_object().ok_or_else(|| bad("must be an object"))?;
    if let Some(k) = top
        .keys()
        .find(|k| !["per_point", "areas"].contains(&k.as_str()))
    {
        return Err(bad(&format!(
            "unknown field \"{k}\" (expected per_point, areas)"
        )));
    }
    let as_text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    };
    let per_point = top.get("per_point").map(as_text).unwrap_or_default();
    let empty = Vec::new();
    let areas: Vec<AreaInput> = top
        .get("areas")
        .and_then(Value::as_array)
        .unwrap_or(&empty)
        .iter()
        .map(|a| AreaInput {
            name: a["name"].as_str().unwrap_or_default().to_string(),
            levels: a["levels"]
                .as_array()
                .unwrap_or(&empty)
                .iter()
                .map(|l| LevelInput {
                    name: l["name"].as_str().unwrap_or_default().to_string(),
                    points: as_text(&l["points"]),
                })
                .collect(),
        })
        .collect();
    table_input(year, &per_point, &areas).map_err(|e| {
        Failure::Said(
            e.iter()
                .map(|e| e.message.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })
}

/// `panel allocation-table`: the tables shown, or one year's set from a file.
pub(crate) fn allocation_table(
    db: &Option<PathBuf>,
    year: Option<String>,
    set: Option<PathBuf>,
) -> Result<(), Failure> {
    let (mut store, _) = open(db)?;
    if let (Some(year), Some(file)) = (&year, &set) {
        let text = std::fs::read_to_string(file)
            .map_err(|e| Failure::Said(format!("cannot read {}: {e}", file.display())))?;
        let table = table_from_file(year, &text)?;
        panel_app::indicative::set_table(&mut store, &table)?;
        println!(
            "Set the resource allocation table for {}: {} areas, {} a point a week.",
            table.year,
            table.areas.len(),
            table.per_point
        );
        return Ok(());
    }
    let wanted = match &year {
        Some(y) => Some(
            y.parse::<panel_core::year::FinancialYear>()
                .map_err(|e| Failure::Said(format!("--year: {e}")))?,
        ),
        None => None,
    };
    let tables: Vec<_> = panel_app::indicative::all_tables(&store)?
        .into_iter()
        .filter(|t| wanted.is_none_or(|y| y == t.year))
        .collect();
    if tables.is_empty() {
        println!(
            "No resource allocation table{}.",
            wanted.map_or(String::new(), |y| format!(" for {y}"))
        );
    }
    for t in tables {
        println!("{}: {} a point a week", t.year, t.per_point);
        for a in &t.areas {
            let levels: Vec<String> = a
                .levels
                .iter()
                .map(|l| format!("{} {}", l.name, l.points))
                .collect();
            println!("  {:<28} {}", a.name, levels.join(" · "));
        }
    }
    Ok(())
}

/// `panel assess`: a case's assessment recorded, or its assessments listed.
pub(crate) fn assess(
    db: &Option<PathBuf>,
    case: String,
    levels: Vec<String>,
    on: Option<String>,
) -> Result<(), Failure> {
    let (mut store, _) = open(db)?;
    let case_id = store.case_id(&case)?;
    if levels.is_empty() {
        let list = panel_app::indicative::assessments_of(&store, case_id)?;
        if list.is_empty() {
            println!("{case} has no assessment.");
        }
        for a in list {
            let a = a.assessment;
            println!(
                "{}  {} points × {} = {} a week ({} table)",
                a.assessed_on.format("%d/%m/%Y"),
                a.points(),
                a.per_point,
                a.weekly_budget(),
                a.year
            );
            for s in &a.scores {
                println!("    {:<28} {} ({})", s.area, s.level, s.points);
            }
        }
        return Ok(());
    }
    let on = match on {
        Some(text) => super::finance::day("--on", &text)?,
        None => today(),
    };
    let mut choices = Vec::with_capacity(levels.len());
    for l in &levels {
        let Some((area, level)) = l.split_once('=') else {
            return Err(Failure::Said(format!(
                "--level: \"{l}\" is not AREA=LEVEL (e.g. \"Personal care=High\")"
            )));
        };
        choices.push((area.trim().to_string(), level.trim().to_string()));
    }
    let a = panel_app::indicative::assess(&mut store, case_id, on, &choices, today())?.assessment;
    {
        println!(
            "Assessed {case} on {}: {} points, an indicative budget of {} a week.",
            on.format("%d/%m/%Y"),
            a.points(),
            a.weekly_budget()
        );
    }
    Ok(())
}
