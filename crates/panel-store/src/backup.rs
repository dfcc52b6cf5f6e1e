//! Backups, taken with SQLite's online backup API while the database is in use: on demand to
//! a chosen file, and automatically (on closing the app and daily) into a `backups` folder
//! beside the database, keeping the newest few. A backup is encrypted under the passphrase the
//! database had when it was taken, and written beside its destination first, so a backup file
//! is whole or absent. Restoring shows what a backup holds first, keeps the data it replaces
//! as a backup of its own, and is recorded in the audit trail.

use std::path::{Path, PathBuf};

use chrono::{NaiveDateTime, Timelike};
use panel_core::access::Passphrase;
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use crate::crypt::{self, FileKind, beside, remove_if_present, sync};
use crate::{Result, SCHEMA_VERSION, Store, StoreError};

/// How many automatic backups are kept unless the caller says otherwise.
pub const DEFAULT_KEEP: usize = 14;

/// Where the automatic backups of one database go: the `backups` folder beside it, each file
/// named after the database (`panel-20261201-172400-daily.sqlite3` for `panel.sqlite3`), so
/// that two databases in one folder never take, prune or offer each other's backups.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupPlace {
    /// The folder.
    pub dir: PathBuf,
    /// What each backup's name starts with: the database's name and a dash.
    prefix: String,
}

impl BackupPlace {
    /// The folder, to show.
    pub fn display(&self) -> std::path::Display<'_> {
        self.dir.display()
    }

    fn name(&self, stamp: &str, reason: &str, n: u32) -> String {
        if n == 1 {
            format!("{}{stamp}-{reason}{SUFFIX}", self.prefix)
        } else {
            format!("{}{stamp}-{reason}-{n}{SUFFIX}", self.prefix)
        }
    }
}

/// Where the automatic backups of the database at `db` go (`BackupPlace`). A database
/// named `NAME.sqlite3` has backups named `NAME-…`; one named otherwise (`NAME.db`) has them
/// named `NAME.db-…`, so that no two databases in one folder share a name.
pub fn backup_dir(db: &Path) -> BackupPlace {
    let file = db.file_name().and_then(|n| n.to_str()).unwrap_or("panel");
    let name = file.strip_suffix(SUFFIX).unwrap_or(file);
    BackupPlace {
        dir: db.parent().unwrap_or(Path::new(".")).join("backups"),
        prefix: format!("{name}-"),
    }
}

/// What a database (or a backup of one) holds, to show before restoring it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbSummary {
    /// Its schema version (older ones are brought up to date on restoring).
    pub schema_version: i64,
    /// Whether it is encrypted.
    pub encrypted: bool,
    /// Partners of the pooled budget.
    pub partners: i64,
    /// Cases.
    pub cases: i64,
    /// Placements.
    pub placements: i64,
    /// Meetings.
    pub meetings: i64,
    /// Final decisions.
    pub final_decisions: i64,
    /// Draft decisions.
    pub draft_decisions: i64,
    /// The number of the latest final decision.
    pub latest_decision: Option<String>,
    /// When the last change was made (UTC, ISO 8601), and by whom.
    pub last_change: Option<(String, String)>,
    /// Entries in the audit trail.
    pub audit_entries: i64,
    /// After a restore: every way the restored decisions break the rules (rules 9–14), as
    /// `panel check` lists them. The data is restored all the same (nothing is lost), and the
    /// person is told.
    pub rule_problems: Vec<String>,
}

/// An automatic backup in the backups folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    /// The file.
    pub path: PathBuf,
    /// When it was taken (local time, to the second).
    pub taken: NaiveDateTime,
    /// Why: `close`, `daily`, `manual`, `before-restore`.
    pub reason: String,
    /// Its size.
    pub bytes: u64,
}

const SUFFIX: &str = ".sqlite3";
const STAMP: &str = "%Y%m%d-%H%M%S";

/// When a backup of the database whose backups start with `prefix` was taken, and why, from
/// its name; none for any other file.
fn parse_name(prefix: &str, name: &str) -> Option<(NaiveDateTime, String)> {
    let rest = name.strip_prefix(prefix)?.strip_suffix(SUFFIX)?;
    let (stamp, reason) = rest.split_at_checked(15)?;
    let taken = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    let reason = reason.strip_prefix('-')?;
    // A second backup for the same reason in the same second is numbered: `…-before-import-2`.
    let reason = match reason.rsplit_once('-') {
        Some((r, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => r,
        _ => reason,
    };
    (!reason.is_empty() && reason.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .then(|| (taken, reason.to_string()))
}

/// A backup's number within its second: 1, or the `N` of `…-before-import-N.sqlite3`.
fn ordinal(path: &Path) -> u32 {
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(SUFFIX))
        .and_then(|n| n.rsplit_once('-'))
        .and_then(|(_, n)| n.parse().ok())
        .unwrap_or(1)
}

/// The automatic backups of one database, newest first (none when the folder does not
/// exist); another database's backups in the same folder are not its.
pub fn list_backups(place: &BackupPlace) -> Result<Vec<BackupFile>> {
    let dir = &place.dir;
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(StoreError::Io(format!(
                "cannot read the backups folder {}: {e}",
                dir.display()
            )));
        }
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some((taken, reason)) = name.to_str().and_then(|n| parse_name(&place.prefix, n)) else {
            continue;
        };
        let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        found.push(BackupFile {
            path: entry.path(),
            taken,
            reason,
            bytes,
        });
    }
    // Newest first: by when, then a numbered second backup of the same second before the first.
    let key = |b: &BackupFile| (b.taken, ordinal(&b.path), b.path.clone());
    found.sort_by_key(|b| std::cmp::Reverse(key(b)));
    Ok(found)
}

/// Whether a daily backup of the database is due: none of its backups taken in the 24 hours
/// before `now`.
pub fn backup_due(place: &BackupPlace, now: NaiveDateTime) -> Result<bool> {
    Ok(list_backups(place)?
        .first()
        .is_none_or(|b| now - b.taken >= chrono::TimeDelta::hours(24) || b.taken > now))
}

/// Opens a backup (or any database of this program) to read or restore from, proving it is
/// readable, ours, not newer than this program and undamaged.
fn open_backup(path: &Path, key: Option<&Passphrase>) -> Result<(Connection, DbSummary)> {
    let shown = path.display().to_string();
    let key = match crypt::file_kind(path)? {
        FileKind::New => {
            return Err(StoreError::NotFound(format!(
                "{shown} does not exist or is empty"
            )));
        }
        FileKind::Plain => None,
        FileKind::Encrypted => Some(key.ok_or(StoreError::Encrypted {
            path: shown.clone(),
        })?),
    };
    let conn = crypt::connect(path, key).map_err(|e| crate::not_a_database(e, &shown))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let has_settings: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'settings'",
        [],
        |r| r.get(0),
    )?;
    if version == 0 || !has_settings {
        return Err(StoreError::NotOurs {
            path: shown,
            reason: "it holds no panel data".into(),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let quick: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if quick != "ok" {
        return Err(StoreError::Corrupt(format!(
            "{shown} is damaged ({quick}); choose another backup"
        )));
    }
    let summary = summarise(&conn, key.is_some())?;
    Ok((conn, summary))
}

/// What the backup at `path` holds; `key` is tried on an encrypted one.
pub fn inspect_backup(path: &Path, key: Option<&Passphrase>) -> Result<DbSummary> {
    Ok(open_backup(path, key)?.1)
}

fn summarise(conn: &Connection, encrypted: bool) -> Result<DbSummary> {
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    Ok(DbSummary {
        schema_version: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
        encrypted,
        partners: count("SELECT count(*) FROM partners")?,
        cases: count("SELECT count(*) FROM cases")?,
        placements: count("SELECT count(*) FROM placements")?,
        meetings: count("SELECT count(*) FROM meetings")?,
        final_decisions: count("SELECT count(*) FROM decisions WHERE status = 'final'")?,
        draft_decisions: count("SELECT count(*) FROM decisions WHERE status = 'draft'")?,
        latest_decision: conn
            .query_row(
                "SELECT number FROM decisions WHERE status = 'final' ORDER BY year_start DESC, seq DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .map(Some)
            .or_else(none_if_no_rows)?,
        last_change: conn
            .query_row(
                "SELECT at, actor FROM audit_log ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map(Some)
            .or_else(none_if_no_rows)?,
        audit_entries: count("SELECT count(*) FROM audit_log")?,
        rule_problems: Vec::new(),
    })
}

fn none_if_no_rows<T>(e: rusqlite::Error) -> rusqlite::Result<Option<T>> {
    match e {
        rusqlite::Error::QueryReturnedNoRows => Ok(None),
        other => Err(other),
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

impl Store {
    /// What this database holds.
    pub fn summary(&self) -> Result<DbSummary> {
        summarise(&self.conn, self.key.is_some())
    }

    /// What the backup at `path` holds, tried with `key` or else this database's passphrase,
    /// with what the rules would find in it once restored: it is copied to a scratch file
    /// beside this database (encrypted as the backup is), brought up to date and checked
    /// there, then the copy is deleted. Neither the backup nor this database is changed.
    pub fn inspect(&self, path: &Path, key: Option<&Passphrase>) -> Result<DbSummary> {
        let key = key.or(self.key.as_ref());
        let (source, mut summary) = open_backup(path, key)?;
        let encrypted = summary.encrypted;
        let scratch = match self.own_path() {
            Some(own) => beside(&own, ".preview"),
            None => std::env::temp_dir().join(format!("panel-preview-{}", std::process::id())),
        };
        let remove = |p: &Path| {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let _ = std::fs::remove_file(beside(p, suffix));
            }
        };
        remove(&scratch);
        let found = (|| {
            let mut conn = crypt::connect(&scratch, key.filter(|_| encrypted))?;
            copy_whole(&source, &mut conn)?;
            let copy = Store::configure(conn, "preview")?;
            copy.rule_problems()
        })();
        remove(&scratch);
        summary.rule_problems = found?;
        Ok(summary)
    }

    /// Every way the data breaks the rules that every door keeps: the placements' and the
    /// final decisions', as `panel check` lists them.
    pub(crate) fn rule_problems(&self) -> Result<Vec<String>> {
        let mut out = self.placement_rules()?.problems;
        out.extend(self.decision_rules()?.problems);
        Ok(out)
    }

    fn own_path(&self) -> Option<PathBuf> {
        self.conn
            .path()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    }

    /// Backs the database up to `dest` (replacing it), encrypted under the current passphrase.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if self.own_path().is_some_and(|own| same_file(&own, dest)) {
            return Err(StoreError::Io(
                "a backup cannot be written over the database itself: choose another file".into(),
            ));
        }
        let tmp = self.copy_beside(dest)?;
        let placed = std::fs::rename(&tmp, dest)
            .map_err(|e| crate::io_error(&format!("cannot write {}", dest.display()), &e))
            .and_then(|()| sync(dest));
        if placed.is_err() {
            remove_copy(&tmp);
        }
        placed
    }

    /// A whole copy of the database, synced to disk, in a file of this process's own beside
    /// `dest` (two programs backing up at once never share one), to be put in place.
    fn copy_beside(&self, dest: &Path) -> Result<PathBuf> {
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                StoreError::Io(format!("cannot create the folder {}: {e}", dir.display()))
            })?;
        }
        static COPIES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let copy = COPIES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = beside(dest, &format!(".{}-{copy}.partial", std::process::id()));
        remove_if_present(&tmp)?;
        let result = (|| {
            let mut out = crypt::connect(&tmp, self.key.as_ref())?;
            copy_whole(&self.conn, &mut out)?;
            // The copy is a file to keep, not one in use: no write-ahead log beside it.
            out.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
            drop(out);
            sync(&tmp)
        })();
        match result {
            Ok(()) => Ok(tmp),
            Err(e) => {
                remove_copy(&tmp);
                Err(e)
            }
        }
    }

    fn backup_into(
        &self,
        place: &BackupPlace,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<BackupFile> {
        let stamp = now.format(STAMP).to_string();
        let tmp = self.copy_beside(&place.dir.join(place.name(&stamp, reason, 1)))?;
        // Two backups for one reason in one second (two imports at once, from two programs)
        // are both kept: the second is numbered, never written over the first. A name is
        // taken by linking the copy to it, which fails when the name is already taken.
        let mut placed = Err(StoreError::Io("no name is free for the backup".into()));
        for n in 1..=1000 {
            let path = place.dir.join(place.name(&stamp, reason, n));
            debug_assert!(parse_name(&place.prefix, &place.name(&stamp, reason, n)).is_some());
            match std::fs::hard_link(&tmp, &path) {
                Ok(()) => {
                    placed = Ok(path);
                    break;
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                // A file system without links (FAT): the name is checked, then taken.
                Err(_) if !path.exists() => {
                    placed = std::fs::rename(&tmp, &path)
                        .map(|()| path.clone())
                        .map_err(|e| {
                            crate::io_error(&format!("cannot write {}", path.display()), &e)
                        });
                    break;
                }
                Err(_) => continue,
            }
        }
        let placed = placed.and_then(|path| sync(&path).map(|()| path));
        remove_copy(&tmp);
        let path = placed?;
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        Ok(BackupFile {
            path,
            taken: now.with_nanosecond(0).unwrap_or(now),
            reason: reason.to_string(),
            bytes,
        })
    }

    /// Takes an automatic backup into `place` (named by `now` and `reason`), then deletes all
    /// but the database's newest `keep` there (at least one is always kept).
    pub fn backup_auto(
        &self,
        dir: &BackupPlace,
        reason: &str,
        now: NaiveDateTime,
        keep: usize,
    ) -> Result<BackupFile> {
        let taken = self.backup_into(dir, reason, now)?;
        prune(dir, keep)?;
        Ok(taken)
    }

    /// Backs the data up into `dir` (named by `now` and `reason`), then runs `change`: when it
    /// fails, the backup it did not need is deleted again (so a refused import never pushes an
    /// older backup out); when it succeeds, all but the newest `keep` backups are deleted.
    pub fn with_backup<T>(
        &mut self,
        dir: &BackupPlace,
        reason: &str,
        now: NaiveDateTime,
        keep: usize,
        change: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<(T, BackupFile)> {
        let taken = self.backup_into(dir, reason, now)?;
        match change(self) {
            Ok(done) => {
                prune(dir, keep)?;
                Ok((done, taken))
            }
            Err(e) => {
                let _ = std::fs::remove_file(&taken.path);
                Err(e)
            }
        }
    }

    /// Replaces the data with the backup at `src` (tried with `key`, or the current
    /// passphrase), in one step: first the data as it stands is backed up into `safety_dir`,
    /// then the backup is copied in with the backup API, brought up to date and the restore
    /// recorded. Returns what was restored and where the replaced data was kept.
    pub fn restore_from(
        &mut self,
        src: &Path,
        key: Option<&Passphrase>,
        safety_dir: &BackupPlace,
        now: NaiveDateTime,
        keep: usize,
    ) -> Result<(DbSummary, BackupFile)> {
        if self.own_path().is_some_and(|own| same_file(&own, src)) {
            return Err(StoreError::Io(
                "that is the database itself, not a backup of it: choose a backup".into(),
            ));
        }
        let (source, summary) = open_backup(src, key.or(self.key.as_ref()))?;
        let safety = self.backup_into(safety_dir, "before-restore", now)?;
        copy_whole(&source, &mut self.conn)?;
        drop(source);
        self.migrate()?;
        let detail = format!(
            "restored from {} (last changed {}); the data it replaced is kept in {}",
            src.display(),
            summary
                .last_change
                .as_ref()
                .map_or("never".to_string(), |(at, by)| format!("{at} by {by}")),
            safety.path.display()
        );
        self.record_event("restored", &detail)?;
        prune(safety_dir, keep)?;
        // The restored data goes through the same rules as every other door.
        let mut summary = summary;
        summary.rule_problems = self.rule_problems()?;
        Ok((summary, safety))
    }
}

/// Copies every page of `from` into `to` with the online backup API, in one step: `to` is
/// replaced whole, in one transaction, or not at all.
fn copy_whole(from: &Connection, to: &mut Connection) -> Result<()> {
    match Backup::new(from, to)?.step(-1)? {
        StepResult::Done => Ok(()),
        other => Err(StoreError::Io(format!(
            "the database is in use elsewhere ({other:?}); try again"
        ))),
    }
}

/// Removes a copy that was not put in place, and the journal SQLite may have kept beside it.
fn remove_copy(tmp: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let _ = std::fs::remove_file(beside(tmp, suffix));
    }
}

/// Deletes all but the database's newest `keep` automatic backups (at least one is kept).
fn prune(dir: &BackupPlace, keep: usize) -> Result<()> {
    for old in list_backups(dir)?.into_iter().skip(keep.max(1)) {
        remove_if_present(&old.path)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_database_names_its_own_backups() {
        let panel = backup_dir(Path::new("/data/panel.sqlite3"));
        let other = backup_dir(Path::new("/data/other.sqlite3"));
        let db = backup_dir(Path::new("/data/panel.db"));
        assert_eq!(panel.dir, Path::new("/data/backups"));
        assert_eq!(panel.dir, other.dir);
        let name = panel.name("20261201-172400", "daily", 1);
        assert_eq!(name, "panel-20261201-172400-daily.sqlite3");
        assert!(parse_name(&panel.prefix, &name).is_some());
        assert!(parse_name(&other.prefix, &name).is_none());
        assert!(parse_name(&db.prefix, &name).is_none());
        let mine = db.name("20261201-172400", "daily", 2);
        assert_eq!(mine, "panel.db-20261201-172400-daily-2.sqlite3");
        assert!(parse_name(&panel.prefix, &mine).is_none());
    }

    #[test]
    fn a_second_backup_in_the_same_second_is_numbered_not_written_over() {
        let (taken, reason) =
            parse_name("panel-", "panel-20261201-172400-before-import-2.sqlite3").unwrap();
        assert_eq!(taken.to_string(), "2026-12-01 17:24:00");
        assert_eq!(reason, "before-import");
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("panel.sqlite3"), "t").unwrap();
        let now =
            NaiveDateTime::parse_from_str("2026-12-01 17:24:00", "%Y-%m-%d %H:%M:%S").unwrap();
        let backups = backup_dir(&dir.path().join("panel.sqlite3"));
        let first = store
            .backup_auto(&backups, "before-import", now, 5)
            .unwrap();
        let second = store
            .backup_auto(&backups, "before-import", now, 5)
            .unwrap();
        assert_ne!(first.path, second.path);
        assert!(first.path.exists() && second.path.exists());
        let listed = list_backups(&backups).unwrap();
        assert_eq!(listed.len(), 2);
        assert!(listed.iter().all(|b| b.reason == "before-import"));
        assert_eq!(listed[0].path, second.path, "the numbered one is the newer");
    }

    #[test]
    fn backup_names_carry_when_and_why() {
        let (taken, reason) =
            parse_name("panel-", "panel-20261123-191259-before-restore.sqlite3").unwrap();
        assert_eq!(taken.to_string(), "2026-11-23 19:12:59");
        assert_eq!(reason, "before-restore");
        for other in [
            "panel.sqlite3",
            "panel-20261123-191259.sqlite3",
            "panel-20261323-191259-close.sqlite3",
            "panel-20261123-191259-Close.sqlite3",
            "panel-20261123-191259-close.sqlite3.partial",
            "notes-20261123-191259-close.sqlite3",
            "panel-old-20261123-191259-close.sqlite3",
        ] {
            assert_eq!(parse_name("panel-", other), None, "{other}");
        }
    }
}
