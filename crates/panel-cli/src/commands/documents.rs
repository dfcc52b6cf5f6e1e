//! The formal documents: `record`, `minutes` and `agenda`.

use crate::*;

/// `panel record`: the record of a final decision as PDF, in full or redacted.
pub(crate) fn record(
    db: &Option<PathBuf>,
    number: String,
    out: PathBuf,
    redacted: bool,
) -> Result<(), Failure> {
    let (store, _) = open(db)?;
    let id = store.decision_by_number(&number)?;
    let record = panel_app::documents::record(&store, id)?;
    let redaction = if redacted {
        Redaction::Published
    } else {
        Redaction::Full
    };
    let pdf = record_pdf(&record, redaction)?;
    write_file(&out, &pdf)
        .map_err(|e| Failure::Said(format!("cannot write {}: {e}", out.display())))?;
    eprintln!(
        "Record of decision {}{} written to {}",
        record.number,
        if redacted {
            " (redacted for publication)"
        } else {
            ""
        },
        out.display()
    );
    Ok(())
}

/// `panel minutes`: a meeting's minutes as PDF.
pub(crate) fn minutes(db: &Option<PathBuf>, date: String, out: PathBuf) -> Result<(), Failure> {
    let (store, _) = open(db)?;
    let minutes = panel_app::documents::minutes(&store, meeting_on(&store, &date)?)?;
    let pdf = minutes_pdf(&minutes)?;
    write_pdf(
        &out,
        &pdf,
        &format!(
            "Minutes of the meeting of {}",
            panel_pdf::long_date(minutes.head.date)
        ),
    )?;
    Ok(())
}

/// `panel agenda`: a meeting's agenda pack as PDF.
pub(crate) fn agenda(db: &Option<PathBuf>, date: String, out: PathBuf) -> Result<(), Failure> {
    let (store, _) = open(db)?;
    let pack = panel_app::documents::agenda_pack(&store, meeting_on(&store, &date)?)?;
    let pdf = agenda_pdf(&pack)?;
    write_pdf(
        &out,
        &pdf,
        &format!(
            "Agenda pack of the meeting of {}",
            panel_pdf::long_date(pack.head.date)
        ),
    )?;
    Ok(())
}

/// The meeting held on `date` (YYYY-MM-DD).
pub(crate) fn meeting_on(store: &Store, date: &str) -> Result<i64, Failure> {
    let day = parse_iso_date(date.trim()).ok_or_else(|| {
        Failure::Said(format!(
            "\"{date}\" is not a meeting date: write it as YYYY-MM-DD, e.g. 2026-12-10"
        ))
    })?;
    Ok(store.meeting_on(day)?)
}

/// `panel verify`: whether a printed record of decision is the one on the register.
pub(crate) fn verify(db: &Option<PathBuf>, file: PathBuf) -> Result<(), Failure> {
    let bytes = std::fs::read(&file)
        .map_err(|e| Failure::Said(format!("cannot read {}: {e}", file.display())))?;
    let shown = file.display().to_string();
    let text = panel_pdf::pdf_text(&bytes)
        .map_err(|e| Failure::Said(format!("{shown} is not a record of decision: {e}")))?;
    let number = text
        .split("Record of decision ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .map(str::to_string)
        .ok_or_else(|| Failure::Said(format!("{shown} is not a record of decision")))?;
    // The digest is printed after its label in four groups of sixteen hexadecimal digits (a
    // page may end among them).
    let digest: Option<String> = text
        .split("Register digest (SHA-256):")
        .nth(1)
        .map(|rest| {
            rest.split_whitespace()
                .filter(|w| w.len() == 16 && w.bytes().all(|b| b.is_ascii_hexdigit()))
                .take(4)
                .collect::<String>()
        })
        .filter(|d| d.len() == 64);
    let (store, _) = open(db)?;
    let Some(register) = store.register_digest(&number)? else {
        return Err(Failure::Said(format!(
            "{shown} names {number}, which is not on this register"
        )));
    };
    let Some(digest) = digest else {
        return Err(Failure::Said(format!(
            "{shown} carries no register digest: it was printed before the register was chained, or is not a record of decision"
        )));
    };
    if digest != register {
        return Err(Failure::Said(format!(
            "{shown} is not the record on the register: it carries the digest {digest}, the register holds {register} for {number}"
        )));
    }
    // The chain holds at that link, and the decision is as sealed.
    let broken: Vec<String> = store
        .check()?
        .into_problems()
        .into_iter()
        .filter(|p| p.contains(&number))
        .collect();
    if !broken.is_empty() {
        return Err(Failure::Said(format!(
            "{shown} carries {number}'s digest, but the register itself has been changed there: {}",
            broken.join("; ")
        )));
    }
    // Its text is the record the register prints, in full or for publication.
    let id = store.decision_by_number(&number)?;
    let record =
        panel_app::documents::record(&store, id).map_err(|e| Failure::Said(e.to_string()))?;
    let same = [panel_pdf::Redaction::Full, panel_pdf::Redaction::Published]
        .into_iter()
        .filter_map(|r| panel_pdf::record_pdf(&record, r).ok())
        .filter_map(|pdf| panel_pdf::pdf_text(&pdf).ok())
        .any(|t| t == text);
    if !same {
        return Err(Failure::Said(format!(
            "{shown} carries {number}'s digest, but its text is not the record the register prints: it has been altered, or printed before a name in it changed"
        )));
    }
    println!("{shown} is the record of {number} on the register (digest {digest}).");
    Ok(())
}
