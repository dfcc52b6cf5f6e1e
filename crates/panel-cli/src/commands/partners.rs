//! `partners`: the funding partners and the names each goes by in a spreadsheet's headings.

use crate::*;
use panel_core::sheet_import::partner_names;

/// Lists the partners with every name a heading may give each (its own first, then those
/// councils use for its kind); with a code and `--also-called`, sets that partner's own other
/// names first.
pub(crate) fn partners(
    db: &Option<PathBuf>,
    code: Option<String>,
    also_called: Option<String>,
) -> Result<(), Failure> {
    let (mut store, _) = open(db)?;
    if let (Some(code), Some(names)) = (&code, &also_called) {
        let known = store.partners()?;
        let Some(p) = known.iter().find(|p| p.code.eq_ignore_ascii_case(code)) else {
            let codes: Vec<&str> = known.iter().map(|p| p.code.as_str()).collect();
            return Err(Failure::Said(format!(
                "there is no partner {code}; the partners are {}",
                codes.join(", ")
            )));
        };
        let code = p.code.clone();
        let set = store.set_partner_aliases(&code, std::slice::from_ref(names))?;
        if set.is_empty() {
            println!("{code} has no other names now.");
        } else {
            println!("{code} is also called {}.", set.join(", "));
        }
    }
    let partners = store.partners()?;
    if partners.is_empty() {
        println!(
            "There are no partners yet: add them on the settings screen, or import a dataset."
        );
        return Ok(());
    }
    let names = partner_names(&partners);
    for (p, names) in partners.iter().zip(&names) {
        println!("{} {}", p.code, p.name);
        let own: Vec<&str> = p.aliases.iter().map(String::as_str).collect();
        println!(
            "  also called: {}",
            if own.is_empty() {
                "-".to_string()
            } else {
                own.join(", ")
            }
        );
        let kind: Vec<&str> = names
            .iter()
            .filter(|n| !n.own)
            .map(|n| n.name.as_str())
            .collect();
        if !kind.is_empty() {
            println!("  headings also matched: {}", kind.join(", "));
        }
    }
    Ok(())
}
