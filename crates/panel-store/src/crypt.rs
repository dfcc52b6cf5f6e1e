//! Encryption at rest with SQLCipher: every page of the file and of its write-ahead log is
//! encrypted (AES-256) under a key derived from the passphrase, so the file's bytes say nothing
//! without it.

use std::io::Read;
use std::path::{Path, PathBuf};

use panel_core::access::Passphrase;
use rusqlite::Connection;

use crate::{Result, Store, StoreError, schema};

/// What a database file is, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// No file, or an empty one: a new database.
    New,
    /// A plain SQLite file, readable by anyone who has it.
    Plain,
    /// Anything else: an encrypted database (or a file that is no database at all, which its
    /// passphrase will not open).
    Encrypted,
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// What the file at `path` is.
pub fn file_kind(path: &Path) -> Result<FileKind> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::New),
        Err(e) => {
            return Err(StoreError::Io(format!(
                "cannot read {}: {e}",
                path.display()
            )));
        }
    };
    let mut head = Vec::with_capacity(16);
    file.by_ref()
        .take(16)
        .read_to_end(&mut head)
        .map_err(|e| StoreError::Io(format!("cannot read {}: {e}", path.display())))?;
    Ok(if head.is_empty() {
        FileKind::New
    } else if head == SQLITE_HEADER {
        FileKind::Plain
    } else {
        FileKind::Encrypted
    })
}

/// A connection to `path`, keyed with `key` when given, proven readable: a wrong passphrase
/// fails here, before anything is written.
pub(crate) fn connect(path: &Path, key: Option<&Passphrase>) -> Result<Connection> {
    let conn = Connection::open(path)?;
    // SQLCipher reports a failed decryption on standard error as well as to the caller.
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    if let Some(key) = key {
        // Written out here (not by rusqlite's pragma_update) so that the text holding the
        // secret is wiped once used.
        let sql = zeroize::Zeroizing::new(format!("PRAGMA key = {}", key.sql_literal().as_str()));
        conn.execute_batch(&sql)?;
    }
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(conn),
        Err(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::NotADatabase && key.is_some() =>
        {
            Err(StoreError::WrongPassphrase {
                path: path.display().to_string(),
            })
        }
        Err(e) => Err(e.into()),
    }
}

/// Flushes the file at `path` to the disk, and on Unix the folder holding it too (so that its
/// new name survives a power cut). The file is opened for writing, as Windows flushes only a
/// handle that may write; a folder cannot be opened there, and its entries need no flush.
pub(crate) fn sync(path: &Path) -> Result<()> {
    let io = |e: std::io::Error| crate::io_error(&format!("cannot save {}", path.display()), &e);
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|f| f.sync_all())
        .map_err(io)?;
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)
            .and_then(|f| f.sync_all())
            .map_err(io)?;
    }
    Ok(())
}

/// `path` with `suffix` added to its file name.
pub(crate) fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Rows in every table of the database attached as `schema` (`main` or another), by table.
fn row_counts(conn: &Connection, schema: &str) -> Result<Vec<(String, i64)>> {
    let tables: Vec<String> = conn
        .prepare(&format!(
            "SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tables
        .into_iter()
        .map(|t| {
            let n: i64 =
                conn.query_row(&format!("SELECT count(*) FROM {schema}.\"{t}\""), [], |r| {
                    r.get(0)
                })?;
            Ok((t, n))
        })
        .collect()
}

impl Store {
    /// Whether the file is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Who this connection's changes are recorded against.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Encrypts the unencrypted database at `path` in place under `key`, and opens it. The
    /// encrypted copy is written beside it, checked row for row, and only then put in the
    /// file's place, so a failure at any moment leaves the file as it was.
    pub fn encrypt_file(path: &Path, actor: &str, key: &Passphrase) -> Result<Store> {
        let shown = path.display().to_string();
        match file_kind(path)? {
            FileKind::Plain => {}
            FileKind::Encrypted => return Err(StoreError::Encrypted { path: shown }),
            FileKind::New => {
                return Err(StoreError::NotFound(format!(
                    "there is no database at {shown} to encrypt"
                )));
            }
        }
        let tmp = beside(path, ".encrypting");
        remove_if_present(&tmp)?;
        let result = (|| {
            let plain = Store::open(path, actor)?;
            plain
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            let before = row_counts(&plain.conn, "main")?;
            let version: i64 = plain
                .conn
                .pragma_query_value(None, "user_version", |r| r.get(0))?;
            plain.conn.execute(
                "ATTACH DATABASE ?1 AS encrypted KEY ?2",
                (tmp.to_string_lossy(), key.expose()),
            )?;
            plain
                .conn
                .query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
            plain
                .conn
                .pragma_update(Some("encrypted"), "user_version", version)?;
            let after = row_counts(&plain.conn, "encrypted")?;
            plain.conn.execute_batch("DETACH DATABASE encrypted")?;
            if before != after {
                return Err(StoreError::Corrupt(format!(
                    "the encrypted copy does not hold every row ({before:?} against {after:?}); the file was left unencrypted"
                )));
            }
            drop(plain);
            if beside(path, "-wal").exists() {
                return Err(StoreError::Io(format!(
                    "{shown} is still open in another program; close it and encrypt again"
                )));
            }
            sync(&tmp)?;
            std::fs::rename(&tmp, path).map_err(|e| {
                StoreError::Io(format!(
                    "cannot replace {shown} with its encrypted copy: {e}"
                ))
            })?;
            sync(path)?;
            Ok(())
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result?;
        let mut store = Store::open_encrypted(path, actor, key)?;
        store.record_event("encrypted", "the database was encrypted in place")?;
        Ok(store)
    }

    /// Changes the passphrase from `current` (which must be the one in use, so an unlocked
    /// screen left unattended is not enough) to `new`. Backups already taken keep the
    /// passphrase they were taken under.
    pub fn change_passphrase(&mut self, current: &Passphrase, new: &Passphrase) -> Result<()> {
        let path = self.conn.path().unwrap_or("the database").to_string();
        match &self.key {
            None => return Err(StoreError::NotEncrypted { path }),
            Some(k) if k != current => return Err(StoreError::WrongPassphrase { path }),
            Some(_) => {}
        }
        let sql = zeroize::Zeroizing::new(format!("PRAGMA rekey = {}", new.sql_literal().as_str()));
        self.conn.execute_batch(&sql)?;
        self.key = Some(new.clone());
        self.record_event("passphrase_changed", "")
    }

    /// Records an event of the database as a whole in the audit trail.
    pub(crate) fn record_event(&mut self, event: &str, detail: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO events (at, actor, event, detail, audit_seq) VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?1, ?2, ?3, (SELECT coalesce(max(id), 0) FROM audit_log))",
            (&self.actor, event, detail),
        )?;
        Ok(())
    }

    /// Brings the schema up to date (after a restore from an older backup).
    pub(crate) fn migrate(&mut self) -> Result<()> {
        schema::migrate(&mut self.conn)
    }
}

pub(crate) fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::Io(format!(
            "cannot remove {}: {e}",
            path.display()
        ))),
    }
}
