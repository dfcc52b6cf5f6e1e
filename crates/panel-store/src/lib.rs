//! The SQLite store of Complex Needs Panel: the only crate that writes SQL.
//!
//! Opening a file applies the embedded migrations (each in a transaction) and refuses a
//! database written by a newer program. Every change runs in a transaction, and triggers in
//! the schema write the audit trail and keep finalised decisions and locked minutes unchanged.

mod agenda;
mod audit;
mod backup;
mod bulk;
pub mod busy;
mod case;
mod check;
mod crypt;
mod dataset;
mod decision;
mod dispute;
mod exceptions;
mod forecast;
mod impact;
mod meeting;
mod pool;
mod ports;
mod ras;
mod schema;
mod seal;
mod settings;
mod settlement;
mod sheet;
mod statement;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use panel_core::access::Passphrase;
use panel_core::analysis::{self, Basis, Filter, FundedPlacement, SegmentLine, SpendScreen};
use panel_core::ledger;
use panel_core::year::parse_iso_date;
use panel_core::year::{FIRST_YEAR, LAST_YEAR};
use panel_core::{FinancialYear, Placement, SpendReport};
use std::sync::atomic::Ordering;

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

pub use agenda::{AgendaEntry, AgendaOffer};
pub use audit::{AuditEntry, AuditFilter, AuditPage, AuditSave, local_time};
pub use backup::{
    BackupFile, BackupPlace, DEFAULT_KEEP, DbSummary, backup_dir, backup_due, inspect_backup,
    list_backups,
};
pub use case::{CaseDetail, CaseSummary, DecisionSummary, PlacementEntry};
pub use check::{CheckLine, CheckReport};
pub use crypt::{FileKind, file_kind};
pub use dataset::ImportSummary;
pub use decision::{DecisionRecord, InterestEntry};
pub use dispute::FinanceSettings;
pub use exceptions::{ExceptionEntry, exceptions_csv};
pub use forecast::{AfterEighteen, Forecast};
pub use meeting::{MeetingDetail, MeetingSummary};
pub use panel_core::sheet_import::SheetImported;
pub use panel_core::statement::{DisputeEntry, disputes_csv};
pub use pool::{PoolEntry, PoolPosition};
pub use ras::AssessmentEntry;
pub use schema::SCHEMA_VERSION;
pub use statement::{IssuedStatement, PartnerDebt, Payment, debts_csv};

/// The application's identifier: the desktop app and `panel` share the data folder it names.
pub const APP_IDENTIFIER: &str = "uk.complexneedspanel.desktop";

/// How long a change waits for another program writing to the database before it is reported
/// [`StoreError::Busy`].
pub const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// The database file's name in the data folder.
pub const DB_FILE_NAME: &str = "panel.sqlite3";

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed in a way no rule explains.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// A protective trigger of the schema refused the change: a finalised decision, locked
    /// minutes or the audit trail. The sentence is the trigger's own.
    #[error("{0}")]
    Refused(String),
    /// Another connection (the `panel` command, a second window) held the database for longer
    /// than the wait allows. Nothing was changed; the same request may simply be tried again.
    #[error(
        "the database is busy: another program (the panel command, or another copy of the app) is writing to it; nothing was changed, try again in a moment"
    )]
    Busy,
    /// The disk holding the database (or the file being written) is full. Nothing was changed;
    /// once space is freed the same request succeeds.
    #[error(
        "the disk is full: nothing was saved. Free some space on it (or move the database to a larger disk) and try again"
    )]
    Full,
    /// The file was written by a newer version of the program.
    #[error(
        "this database was written by a newer version of Complex Needs Panel (schema version {found}; this program knows up to {supported}); use the newer program"
    )]
    TooNew {
        /// The file's schema version.
        found: i64,
        /// The newest this program knows.
        supported: i64,
    },
    /// The file is not a database of this program.
    #[error("{path} is not a Complex Needs Panel database: {reason}")]
    NotOurs {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// Values a person entered that cannot be stored, each with its field.
    #[error("{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("; "))]
    Field(Vec<panel_core::field::FieldError>),
    /// Something asked for that does not exist.
    #[error("{0}")]
    NotFound(String),
    /// Data that cannot be stored, one problem a line.
    #[error("{}", .0.join("\n"))]
    Invalid(Vec<String>),
    /// A file or folder could not be used.
    #[error("{0}")]
    Io(String),
    /// A stored value the program cannot read (the file was changed outside it).
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    /// The passphrase does not open the file.
    #[error(
        "the passphrase is wrong, or {path} is not a Complex Needs Panel database; nothing was changed"
    )]
    WrongPassphrase {
        /// The file.
        path: String,
    },
    /// An encrypted file opened without a passphrase.
    #[error("{path} is encrypted (or is no database at all): give its passphrase")]
    Encrypted {
        /// The file.
        path: String,
    },
    /// A passphrase given for a file that is not encrypted.
    #[error("{path} is not encrypted: encrypt it first")]
    NotEncrypted {
        /// The file.
        path: String,
    },
}

/// A result of the store.
pub type Result<T> = std::result::Result<T, StoreError>;

/// Holds a write open at a named point for eight seconds when `PANEL_PAUSE_IN` names it: how
/// the tests that kill the app catch a finalise between writing its rows and committing them.
/// Only in builds with debug assertions, the tests' own; a release build never pauses.
pub(crate) fn pause_in(point: &str) {
    if cfg!(debug_assertions) && std::env::var("PANEL_PAUSE_IN").is_ok_and(|v| v == point) {
        std::thread::sleep(std::time::Duration::from_secs(8));
    }
}

/// A file's failure `e` while `doing` (e.g. "cannot write backup.sqlite3"): a full disk is
/// [`StoreError::Full`], whatever the file.
pub(crate) fn io_error(doing: &str, e: &std::io::Error) -> StoreError {
    if e.kind() == std::io::ErrorKind::StorageFull {
        StoreError::Full
    } else {
        StoreError::Io(format!("{doing}: {e}"))
    }
}

impl From<rusqlite::Error> for StoreError {
    /// SQLite's failures told apart once, here, by their codes (never by their words): a
    /// trigger's refusal is a rule's; busy or locked is another connection's; the rest is a
    /// database error.
    fn from(e: rusqlite::Error) -> StoreError {
        use rusqlite::ffi::{SQLITE_CONSTRAINT_TRIGGER, SQLITE_LOCKED_SHAREDCACHE};
        match &e {
            rusqlite::Error::SqliteFailure(f, message) => match f.code {
                rusqlite::ErrorCode::ConstraintViolation
                    if f.extended_code == SQLITE_CONSTRAINT_TRIGGER =>
                {
                    StoreError::Refused(message.clone().unwrap_or_else(|| e.to_string()))
                }
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                    if f.extended_code != SQLITE_LOCKED_SHAREDCACHE =>
                {
                    StoreError::Busy
                }
                rusqlite::ErrorCode::DiskFull => StoreError::Full,
                _ => StoreError::Sqlite(e),
            },
            _ => StoreError::Sqlite(e),
        }
    }
}

/// The default database: `panel.sqlite3` in the user's data folder
/// (`~/.local/share/uk.complexneedspanel.desktop/` on Linux,
/// `%APPDATA%\uk.complexneedspanel.desktop\` on Windows), where the desktop app keeps it.
pub fn default_db_path() -> Result<PathBuf> {
    let base = dirs::data_dir().ok_or_else(|| {
        StoreError::Io("cannot find the user's data folder (is HOME set?); give --db PATH".into())
    })?;
    Ok(base.join(APP_IDENTIFIER).join(DB_FILE_NAME))
}

/// An open database.
pub struct Store {
    conn: Connection,
    /// The passphrase the file is encrypted under (none: not encrypted). Kept to key the
    /// backups, which are encrypted under the same passphrase.
    key: Option<Passphrase>,
    /// Who the audit trail names for this connection's changes.
    actor: String,
    /// Whether an import audits its cases and placements a table at a time (the default) or
    /// row by row, as the triggers do: the same entries either way.
    bulk_audit: bool,
    /// This connection's commits, counted by its commit hook.
    commits: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// Every placement as last read, ready to cost, with the state of the file it was read
    /// from: read again once anything is committed, by this connection or another.
    placements: std::cell::RefCell<Option<dataset::PlacementsRead>>,
}

pub(crate) fn date_col(s: &str) -> Result<NaiveDate> {
    parse_iso_date(s).ok_or_else(|| StoreError::Corrupt(format!("\"{s}\" is not a date")))
}

/// A stored time of day (`hh:mm`) read back; anything else is damage.
pub(crate) fn time_col(s: &str) -> Result<chrono::NaiveTime> {
    panel_core::meeting::parse_clock(s)
        .filter(|t| panel_core::meeting::clock_text(*t) == s)
        .ok_or_else(|| StoreError::Corrupt(format!("\"{s}\" is not a time of day")))
}

/// A stored code read back through its parser; a value the parser refuses is damage.
pub(crate) fn parse_code<T>(
    what: &str,
    s: &str,
    parse: impl FnOnce(&str) -> std::result::Result<T, String>,
) -> Result<T> {
    parse(s).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

/// A value a person entered, refused at its field.
pub(crate) fn field(field: &str, message: impl Into<String>) -> StoreError {
    StoreError::Field(vec![panel_core::field::FieldError::new(field, message)])
}

/// SQLite's "not a database" as the file at `path` not being ours; other errors as they are.
pub(crate) fn not_a_database(e: StoreError, path: &str) -> StoreError {
    match e {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::NotADatabase =>
        {
            StoreError::NotOurs {
                path: path.to_string(),
                reason: "the file is not an SQLite database".into(),
            }
        }
        other => other,
    }
}

pub(crate) fn opt_date_col(s: Option<String>) -> Result<Option<NaiveDate>> {
    s.as_deref().map(date_col).transpose()
}

impl Store {
    /// Opens (creating if need be) the unencrypted database at `path`, acting as `actor` for
    /// the audit trail. An encrypted file needs [`Store::open_encrypted`].
    pub fn open(path: &Path, actor: &str) -> Result<Store> {
        Store::open_with(path, actor, None)
    }

    /// Opens (creating if need be, encrypted) the database at `path` with its passphrase. A
    /// wrong passphrase is [`StoreError::WrongPassphrase`] and changes nothing.
    pub fn open_encrypted(path: &Path, actor: &str, key: &Passphrase) -> Result<Store> {
        Store::open_with(path, actor, Some(key))
    }

    fn open_with(path: &Path, actor: &str, key: Option<&Passphrase>) -> Result<Store> {
        let shown = path.display().to_string();
        match (crypt::file_kind(path)?, key) {
            (FileKind::Encrypted, None) => return Err(StoreError::Encrypted { path: shown }),
            (FileKind::Plain, Some(_)) => return Err(StoreError::NotEncrypted { path: shown }),
            _ => {}
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                StoreError::Io(format!("cannot create the folder {}: {e}", dir.display()))
            })?;
        }
        let conn = crypt::connect(path, key)?;
        let mut store = Store::configure(conn, actor).map_err(|e| not_a_database(e, &shown))?;
        store.key = key.cloned();
        Ok(store)
    }

    fn configure(mut conn: Connection, actor: &str) -> Result<Store> {
        // A change waits up to five seconds for another program (the panel command, a second
        // window) to finish writing, then is reported Busy with nothing changed. Changes take
        // the write lock as they begin (IMMEDIATE), so the wait applies to every one of them:
        // a change that had read first and then found the database taken could not wait, and
        // would fail at once.
        conn.busy_timeout(BUSY_WAIT)?;
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        conn.pragma_update(None, "foreign_keys", true)?;
        let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        }
        // Decisions must survive a power cut once reported saved.
        conn.pragma_update(None, "synchronous", "FULL")?;
        let name = actor.to_string();
        conn.create_scalar_function("panel_actor", 0, FunctionFlags::SQLITE_UTF8, move |_| {
            Ok(name.clone())
        })?;
        // One save, one number: every audit row a transaction writes takes the number its
        // first row was offered (that row's id), and the number is forgotten as the
        // transaction commits or rolls back, so the next one starts its own.
        let save = std::sync::Arc::new(std::sync::atomic::AtomicI64::new(0));
        let current = save.clone();
        conn.create_scalar_function("panel_save", 1, FunctionFlags::SQLITE_UTF8, move |ctx| {
            let offered: i64 = ctx.get(0)?;
            Ok(
                match current.compare_exchange(0, offered, Ordering::SeqCst, Ordering::SeqCst) {
                    Ok(_) => offered,
                    Err(taken) => taken,
                },
            )
        })?;
        let ended = save.clone();
        // Every commit of this connection counted: what was read and kept before one may no
        // longer be so (another connection's commits show in `PRAGMA data_version`).
        let commits = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let counted = commits.clone();
        conn.commit_hook(Some(move || {
            ended.store(0, Ordering::SeqCst);
            counted.fetch_add(1, Ordering::SeqCst);
            false
        }))?;
        conn.rollback_hook(Some(move || save.store(0, Ordering::SeqCst)))?;
        seal::register_functions(&conn)?;
        let mut store = Store {
            conn,
            key: None,
            actor: actor.to_string(),
            bulk_audit: true,
            commits,
            placements: std::cell::RefCell::new(None),
        };
        schema::migrate(&mut store.conn)?;
        Ok(store)
    }

    /// Audit an import's cases and placements row by row, as the triggers do, instead of a
    /// table at a time: for tests and benchmarks that compare the two.
    #[doc(hidden)]
    pub fn audit_imports_row_by_row(&mut self) {
        self.bulk_audit = false;
    }

    /// The underlying connection, for tests and tools in this workspace that read raw SQL.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Whether the database holds no partners, cases or meetings yet.
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM partners) + (SELECT count(*) FROM cases) + (SELECT count(*) FROM meetings)",
            [],
            |r| r.get(0),
        )?;
        Ok(n == 0)
    }

    /// Number of rows in the audit trail.
    pub fn audit_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?)
    }

    /// Spend against the pooled budget for `year` as of `as_of` (rule 7): the figures of
    /// `panel spend` and of the spend screen.
    pub fn spend(&self, year: FinancialYear, as_of: NaiveDate) -> Result<SpendReport> {
        self.spend_with_uplift(year, as_of, panel_core::Percent::ZERO)
    }

    /// [`Store::spend`] with every rate raised by `uplift` (next year's projection).
    pub(crate) fn spend_with_uplift(
        &self,
        year: FinancialYear,
        as_of: NaiveDate,
        uplift: panel_core::Percent,
    ) -> Result<SpendReport> {
        let partners = self.partners()?;
        let agreement = self.agreement(year)?;
        let placements: Vec<Placement> = self
            .funded_placements_in(year.start(), year.end(), partners.len())?
            .into_iter()
            .map(|p| {
                if uplift.basis_points() == 0 {
                    p.placement
                } else {
                    panel_core::impact::with_uplift(&p.placement, uplift)
                }
            })
            .collect();
        Ok(panel_core::spend_report(
            year,
            as_of,
            &partners,
            agreement.as_ref(),
            &placements,
        ))
    }

    /// The cumulative spend screen for `year` as of `as_of`: [`Store::spend`]'s figures with the
    /// months, years, placements and activity behind them, placements listed by `filter`.
    pub fn spend_screen(
        &self,
        year: FinancialYear,
        as_of: NaiveDate,
        filter: &Filter,
    ) -> Result<SpendScreen> {
        let partners = self.partners()?;
        if let Some(i) = filter.partner
            && i >= partners.len()
        {
            return Err(StoreError::NotFound(format!(
                "there is no partner number {}",
                i + 1
            )));
        }
        let agreements = self.agreements()?;
        let placements = self.all_funded_placements(partners.len())?;
        Ok(analysis::spend_screen(
            year,
            as_of,
            &partners,
            &agreements,
            &placements,
            filter,
        ))
    }

    /// Every placement, ready to cost.
    fn all_funded_placements(
        &self,
        partners: usize,
    ) -> Result<std::sync::Arc<Vec<FundedPlacement>>> {
        let (first, last) = (
            FinancialYear::starting(FIRST_YEAR),
            FinancialYear::starting(LAST_YEAR),
        );
        let from = first.map_or(NaiveDate::MIN, |y| y.start());
        let to = last.map_or(NaiveDate::MAX, |y| y.end());
        self.shared_placements_in(from, to, partners)
    }

    /// The segments behind placement `placement_id`'s spend to date and projected spend in
    /// `year` as of `as_of` (rule 3), spend to date first.
    pub fn spend_segments(
        &self,
        placement_id: i64,
        year: FinancialYear,
        as_of: NaiveDate,
    ) -> Result<(FundedPlacement, Vec<SegmentLine>)> {
        let partners = self.partners()?;
        let placement = self
            .funded_placements_in(year.start(), year.end(), partners.len())?
            .into_iter()
            .find(|p| p.id == placement_id)
            .ok_or_else(|| {
                StoreError::NotFound(format!("placement {placement_id} has no days in {year}"))
            })?;
        let mut lines = analysis::segment_lines(&placement.placement, year, as_of, Basis::ToDate);
        lines.extend(analysis::segment_lines(
            &placement.placement,
            year,
            as_of,
            Basis::Projected,
        ));
        Ok((placement, lines))
    }

    /// The spend figures by partner as CSV (see [`panel_core::ledger::summary_csv`]).
    pub fn spend_summary_csv(&self, year: FinancialYear, as_of: NaiveDate) -> Result<String> {
        let report = self.spend(year, as_of)?;
        Ok(ledger::summary_csv(&report, &self.partners()?))
    }

    /// Every segment behind the year's spend as CSV (see [`panel_core::ledger::detail_csv`]).
    pub fn spend_detail_csv(&self, year: FinancialYear, as_of: NaiveDate) -> Result<String> {
        let partners = self.partners()?;
        let placements = self.funded_placements_in(year.start(), year.end(), partners.len())?;
        Ok(ledger::detail_csv(year, as_of, &partners, &placements))
    }
}

#[cfg(all(test, windows))]
mod windows_tests {
    /// On Windows the database is in the roaming application data folder, which follows the
    /// person from laptop to laptop on a council's network and which installing or
    /// uninstalling the app never touches.
    #[test]
    fn the_default_database_is_in_appdata() {
        let appdata = std::path::PathBuf::from(std::env::var_os("APPDATA").unwrap());
        let db = super::default_db_path().unwrap();
        assert_eq!(
            db,
            appdata
                .join("uk.complexneedspanel.desktop")
                .join("panel.sqlite3")
        );
    }
}
