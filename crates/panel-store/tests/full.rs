//! A full disk: a save, an import, a backup and a restore refused with a clear message,
//! nothing half-written left, and everything working again once space is freed.
//!
//! Two ways to fill the disk: SQLite's `max_page_count` (the database may grow no further:
//! every machine), and a small file system of its own, filled to the last byte (where the
//! machine lets a test mount one).
#![allow(clippy::unwrap_used, missing_docs)]

use std::path::{Path, PathBuf};

use panel_core::demo::{demo, generated};
use panel_core::entry::{CostLineInput, PlacementInput, SplitInput, placement_input};
use panel_core::interchange::write_dataset;
use panel_store::{Store, StoreError};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn now() -> chrono::NaiveDateTime {
    today().and_hms_opt(10, 0, 0).unwrap()
}

/// Everything the database holds, its audit trail's length and its schema.
fn state(store: &Store) -> (String, i64, Vec<String>) {
    let schema = store
        .connection()
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    (
        write_dataset(&store.export().unwrap()),
        store.audit_count().unwrap(),
        schema,
    )
}

/// A placement of `lines` cost lines for the first case.
fn big_placement(lines: usize) -> PlacementInput {
    PlacementInput {
        provider: "Brook Lodge School".into(),
        kind: "residential_school".into(),
        start: "01/04/2026".into(),
        end: String::new(),
        lines: (0..lines)
            .map(|k| CostLineInput {
                description: format!("A support line long enough to take some room, number {k}"),
                per: "week".into(),
                amount: "100".into(),
                from: "01/04/2026".into(),
                to: String::new(),
            })
            .collect(),
        splits: vec![SplitInput {
            from: "01/04/2026".into(),
            shares: vec!["40".into(), "40".into(), "20".into()],
        }],
    }
}

/// Generated cases (and nothing else) to import.
fn cases(n: usize) -> panel_core::dataset::Dataset {
    let mut d = generated(n, 10, 10, 10);
    d.agreements.clear();
    d
}

fn is_full(e: &StoreError) -> bool {
    matches!(e, StoreError::Full)
        && e.to_string()
            .starts_with("the disk is full: nothing was saved")
}

fn limit(store: &Store, pages: Option<i64>) {
    let pages = pages.unwrap_or(1_073_741_823);
    store
        .connection()
        .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
        .unwrap();
}

#[test]
fn a_database_that_may_not_grow_refuses_a_save_and_an_import_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("panel.sqlite3"), "Sam Patel").unwrap();
    store.import(&demo(today())).unwrap();
    let pages: i64 = store
        .connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    limit(&store, Some(pages));
    let before = state(&store);
    let case = store.case_id(&demo(today()).cases[0].reference).unwrap();
    let input = placement_input(&big_placement(400), 3).unwrap();
    let e = store.save_placement(case, None, &input).unwrap_err();
    assert!(is_full(&e), "{e:?}");
    assert_eq!(state(&store), before);
    let e = store.import(&cases(30)).unwrap_err();
    assert!(is_full(&e), "{e:?}");
    assert_eq!(
        state(&store),
        before,
        "the import left nothing, its triggers put back"
    );
    // Space freed: both go through.
    limit(&store, None);
    store.save_placement(case, None, &input).unwrap();
    store.import(&cases(30)).unwrap();
    assert!(store.check().unwrap().ok());
}

/// A small file system mounted for the test (Linux, where the machine allows it), removed
/// when dropped.
struct SmallDisk {
    dir: PathBuf,
}

impl SmallDisk {
    fn mount(parent: &Path, bytes: u64) -> Option<SmallDisk> {
        if !cfg!(target_os = "linux") {
            return None;
        }
        let dir = parent.join("small");
        std::fs::create_dir_all(&dir).ok()?;
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}"), "tmpfs"])
            .arg(&dir)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(SmallDisk { dir })
    }

    /// Fills what is left of the disk with a file, returned to be deleted to free the space.
    fn fill(&self) -> PathBuf {
        use std::io::Write;
        let path = self.dir.join("filler");
        let mut f = std::fs::File::create(&path).unwrap();
        let block = vec![0u8; 4096];
        while f.write_all(&block).is_ok() {}
        while f.write_all(&block[..1]).is_ok() {}
        let _ = f.sync_all();
        path
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.dir).status();
    }
}

#[test]
fn a_full_disk_refuses_a_save_an_import_a_backup_and_a_restore_and_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = SmallDisk::mount(dir.path(), 24 << 20) else {
        eprintln!(
            "skipped: this machine does not let a test mount a small file system (the page limit test covers the database)"
        );
        return;
    };
    // A backup made while there is room, to restore later.
    let outside = dir.path().join("backup-outside.sqlite3");
    {
        let mut other = Store::open(&dir.path().join("other.sqlite3"), "Sam Patel").unwrap();
        other.import(&generated(40, 10, 10, 10)).unwrap();
        other.backup_to(&outside).unwrap();
    }
    let db = disk.dir.join("panel.sqlite3");
    let mut store = Store::open(&db, "Sam Patel").unwrap();
    store.import(&demo(today())).unwrap();
    // The log the import wrote is emptied first, so that the writes below need new room
    // rather than reusing the log's.
    store
        .connection()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    let backups = panel_store::backup_dir(&db);
    let filler = disk.fill();
    let before = state(&store);
    let listing = |d: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let files = listing(&disk.dir);

    let case = store.case_id(&demo(today()).cases[0].reference).unwrap();
    let input = placement_input(&big_placement(400), 3).unwrap();
    let e = store.save_placement(case, None, &input).unwrap_err();
    assert!(is_full(&e), "a save: {e:?}");
    let e = store.import(&cases(40)).unwrap_err();
    assert!(is_full(&e), "an import: {e:?}");
    let e = store.backup_to(&disk.dir.join("copy.sqlite3")).unwrap_err();
    assert!(is_full(&e), "a backup: {e:?}");
    let e = store
        .restore_from(&outside, None, &backups, now(), 5)
        .unwrap_err();
    assert!(is_full(&e), "a restore: {e:?}");
    assert_eq!(state(&store), before, "nothing changed");
    let mut after = listing(&disk.dir);
    after.retain(|n| !n.starts_with("panel.sqlite3-") && n != "backups");
    let mut expected = files.clone();
    expected.retain(|n| !n.starts_with("panel.sqlite3-") && n != "backups");
    assert_eq!(after, expected, "no partial file is left");
    if backups.dir.exists() {
        assert!(
            listing(&backups.dir).is_empty(),
            "{:?}",
            listing(&backups.dir)
        );
    }

    // Space freed: the same requests succeed on the same open database.
    std::fs::remove_file(&filler).unwrap();
    store.save_placement(case, None, &input).unwrap();
    store.backup_to(&disk.dir.join("copy.sqlite3")).unwrap();
    store
        .restore_from(&outside, None, &backups, now(), 5)
        .unwrap();
    let restored = store.case_id("GEN-00001").unwrap();
    store.save_placement(restored, None, &input).unwrap();
    assert!(store.check().unwrap().ok());
}
