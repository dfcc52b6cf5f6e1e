//! The use cases of Complex Needs Panel that both shells offer: the desktop app
//! (`src-tauri`) and the `panel` command (`panel-cli`). Each is a function taking the store,
//! the clock, where backups go, and what the person chose; it does the work in the order the
//! product promises (refuse what the rules refuse, back up, then change, all or nothing). The
//! shells only parse what was typed, ask, and show what came back, so a workflow is written
//! once and both doors behave alike.

pub mod disputes;
pub mod documents;
pub mod exceptions;
pub mod impact;
pub mod indicative;
pub mod pool;
pub mod settings;
pub mod sheets;

use panel_core::clock::Clock;
use panel_core::dataset::Dataset;
use panel_core::sheet::Table;
use panel_core::sheet_import::{ImportPlan, Mapping};
use panel_store::{
    BackupFile, BackupPlace, DEFAULT_KEEP, ImportSummary, SheetImported, Store, StoreError,
};

/// A result of a use case: the store's errors, with [`StoreError::Refused`] for what a use
/// case itself refuses and [`StoreError::Invalid`] for records a file holds that the rules
/// refuse, one line each.
pub type Result<T> = std::result::Result<T, StoreError>;

/// The backup reason of an import, in the backup's file name.
pub const BEFORE_IMPORT: &str = "before-import";

/// Fills an empty database with the demo panel made for today. A database that holds
/// anything is refused and left as it is: demo data never mixes with real data.
pub fn load_demo(store: &mut Store, clock: &Clock) -> Result<ImportSummary> {
    if !store.is_empty()? {
        return Err(StoreError::Refused(
            "the database already holds data: demo data only goes into an empty one".into(),
        ));
    }
    store.import_as_of(&panel_core::demo::demo(clock.today()), clock.today())
}

/// What importing a dataset did.
#[derive(Debug)]
pub struct DatasetImported {
    /// What was added.
    pub summary: ImportSummary,
    /// The backup of the data as it was before.
    pub backup: BackupFile,
    /// What is allowed but worth a second look, one sentence each, naming the record:
    /// `cases[0].placements[1]: Cost lines 1 (…) and 2 (…) are both paid from …`.
    pub warnings: Vec<String>,
}

/// Imports a dataset (a file of the interchange format, already read): the data as it stands
/// is backed up into `backups` first, then every record is added in one transaction. A dataset
/// the rules refuse changes nothing, and the backup it did not need is not kept.
pub fn import_dataset(
    store: &mut Store,
    clock: &Clock,
    backups: &BackupPlace,
    data: &Dataset,
) -> Result<DatasetImported> {
    let (summary, backup) =
        store.with_backup(backups, BEFORE_IMPORT, clock.now(), DEFAULT_KEEP, |s| {
            s.import_as_of(data, clock.today())
        })?;
    Ok(DatasetImported {
        summary,
        backup,
        warnings: dataset_warnings(data),
    })
}

/// Lines paid together in a dataset's placements: allowed (a fee and a 1:1 support line), but
/// a rate change entered without ending the old rate looks the same.
pub fn dataset_warnings(data: &Dataset) -> Vec<String> {
    let mut out = Vec::new();
    for (i, c) in data.cases.iter().enumerate() {
        for (j, p) in c.placements.iter().enumerate() {
            for w in panel_core::cost::overlapping_lines(&p.placement) {
                out.push(format!("cases[{i}].placements[{j}]: {w}"));
            }
        }
    }
    out
}

/// A row id as the screens carry it (a TypeScript number), refused when out of range.
pub fn to_id(id: i64) -> std::result::Result<i32, panel_core::ports::Error> {
    i32::try_from(id)
        .map_err(|_| panel_core::ports::Error::Storage(format!("row id {id} is out of range")))
}

/// What importing a spreadsheet did.
#[derive(Debug)]
pub struct SheetDone {
    /// What was added.
    pub imported: SheetImported,
    /// The backup of the data as it was before.
    pub backup: BackupFile,
}

/// Whether every row of a sheet can be imported as mapped, row by row, as of today. Nothing
/// is changed.
pub fn plan_sheet(
    store: &Store,
    clock: &Clock,
    table: &Table,
    mapping: &Mapping,
) -> Result<ImportPlan> {
    store.plan_sheet_import(table, mapping, clock.today())
}

/// Imports every row of a sheet as mapped: refused whole, before anything is backed up or
/// changed, when any row has a problem ([`StoreError::Invalid`], one line a problem, by row and
/// column); otherwise the data is backed up, then the rows are added in one transaction.
pub fn import_sheet(
    store: &mut Store,
    clock: &Clock,
    backups: &BackupPlace,
    table: &Table,
    mapping: &Mapping,
) -> Result<SheetDone> {
    let plan = plan_sheet(store, clock, table, mapping)?;
    if !plan.is_ready() {
        let mut problems: Vec<String> = plan.problems.iter().map(ToString::to_string).collect();
        if problems.is_empty() {
            problems.push(format!(
                "the sheet \"{}\" has no rows to import",
                table.name
            ));
        }
        return Err(StoreError::Invalid(problems));
    }
    let today = clock.today();
    let (imported, backup) =
        store.with_backup(backups, BEFORE_IMPORT, clock.now(), DEFAULT_KEEP, |s| {
            s.import_sheet(table, mapping, today)
        })?;
    Ok(SheetDone { imported, backup })
}

#[cfg(test)]
mod tests {
    use super::*;
    use panel_core::year::parse_iso_date;
    use std::path::Path;

    fn day() -> Clock {
        Clock::fixed(parse_iso_date("2026-11-15").unwrap())
    }

    fn files(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .map(|r| {
                r.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    #[test]
    fn demo_data_goes_only_into_an_empty_database() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("panel.sqlite3"), "t").unwrap();
        let first = load_demo(&mut store, &day()).unwrap();
        assert!(first.cases > 50, "{first:?}");
        let audit = store.audit_count().unwrap();
        let err = load_demo(&mut store, &day()).unwrap_err();
        assert!(matches!(err, StoreError::Refused(_)), "{err:?}");
        assert!(
            err.to_string().contains("only goes into an empty one"),
            "{err}"
        );
        assert_eq!(store.audit_count().unwrap(), audit, "nothing changed");
    }

    #[test]
    fn an_import_is_backed_up_first_and_a_refused_one_keeps_no_backup() {
        let dir = tempfile::tempdir().unwrap();
        let backups = panel_store::backup_dir(&dir.path().join("panel.sqlite3"));
        let mut store = Store::open(&dir.path().join("panel.sqlite3"), "t").unwrap();
        load_demo(&mut store, &day()).unwrap();
        let data = store.export().unwrap();

        // The same data again: every case is already there, so it is refused whole.
        let err = import_dataset(&mut store, &day(), &backups, &data).unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
        assert_eq!(files(&backups.dir), Vec::<String>::new(), "no backup kept");

        // Into a new database: backed up (empty as it was), then imported.
        let other_path = dir.path().join("other.sqlite3");
        let mut other = Store::open(&other_path, "t").unwrap();
        let other_backups = panel_store::backup_dir(&other_path);
        let done = import_dataset(&mut other, &day(), &other_backups, &data).unwrap();
        assert_eq!(done.summary.cases, data.cases.len());
        assert!(done.backup.path.exists());
        assert_eq!(done.backup.reason, BEFORE_IMPORT);
        assert_eq!(files(&backups.dir).len(), 1);
        assert!(
            panel_store::list_backups(&backups).unwrap().is_empty(),
            "the other database's backup is not this one's"
        );
        assert_eq!(panel_store::list_backups(&other_backups).unwrap().len(), 1);
        let kept = panel_store::inspect_backup(&done.backup.path, None).unwrap();
        assert_eq!(kept.cases, 0, "the backup holds the data as it was before");
    }
}
