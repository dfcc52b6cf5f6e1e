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
