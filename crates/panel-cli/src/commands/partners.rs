//! `partners`: the funding partners and the names each goes by in a spreadsheet's headings.

use crate::*;
use panel_app::settings::{self, PartnerAliasesInput};

/// Lists the partners with every name a heading may give each (its own first, then those
/// councils use for its kind); with a code and `--also-called`, sets that partner's own other
/// names first.
pub(crate) fn partners(
    db: &Option<PathBuf>,
    code: Option<String>,
    also_called: Option<String>,
) -> Result<(), Failure> {
    let (mut store, _) = open(db)?;
    let set = match (code, also_called) {
        (Some(code), Some(aliases)) => {
            let input = PartnerAliasesInput { code, aliases };
            Some((
                settings::set_partner_aliases(&mut store, &input)?,
                input.code,
            ))
        }
        _ => None,
    };
    let partners = settings::partners(&store)?;
    if let Some((set, typed)) = set {
        // The partner as it is recorded, whatever letter case its code was typed in.
        let code = partners
            .iter()
            .find(|p| p.code.eq_ignore_ascii_case(typed.trim()))
            .map_or(typed.as_str(), |p| p.code.as_str());
        if set.is_empty() {
            println!("{code} has no other names now.");
        } else {
            println!("{code} is also called {}.", set.join(", "));
        }
    }
    if partners.is_empty() {
        println!(
            "There are no partners yet: add them on the settings screen, or import a dataset."
        );
        return Ok(());
    }
    for p in &partners {
        println!("{} {}", p.code, p.name);
        println!(
            "  also called: {}",
            if p.aliases.is_empty() {
                "-".to_string()
            } else {
                p.aliases.join(", ")
            }
        );
        if !p.kind_names.is_empty() {
            println!("  headings also matched: {}", p.kind_names.join(", "));
        }
    }
    Ok(())
}
