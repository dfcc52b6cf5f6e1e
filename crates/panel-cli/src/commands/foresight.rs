//! What an auditor would ask about (rule 20): `panel exceptions`, and `panel action-done`,
//! which clears an action overdue.

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
    let found = store.exceptions(as_of)?;
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
        print!("{}", panel_store::exceptions_csv(as_of, &found));
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
    store.complete_action(&decision, action, on, &note, today())?;
    println!(
        "Recorded action {action} of {decision} as done on {}.",
        on.format("%d/%m/%Y")
    );
    Ok(())
}
