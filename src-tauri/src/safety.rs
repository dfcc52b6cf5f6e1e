//! Keeping the data safe from the window: unlocking with the passphrase and a named user,
//! locking, changing the passphrase, backups (automatic, on demand, restored after a preview)
//! and the audit trail.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use panel_core::access::{Passphrase, user_name};
use panel_core::field::FieldError;
use panel_store::{
    BackupFile, DEFAULT_KEEP, DbSummary, FileKind, Store, StoreError, backup_dir, backup_due,
    file_kind, list_backups, local_time,
};
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::{AppHandle, State};

use crate::commands::AppState;
use crate::error::{AppError, ErrorCode};

/// What the unlock screen needs to know.
#[derive(Clone, Debug, Serialize, Type)]
pub struct LockState {
    /// The database file.
    pub db_path: String,
    /// `new` (none yet: a passphrase is chosen), `plain` (not encrypted: it is encrypted on
    /// unlocking) or `encrypted`.
    pub kind: String,
    /// Whether it is open.
    pub unlocked: bool,
    /// The name to offer (`PANEL_USER`, or the session's).
    pub user: String,
}

/// What the person typed on the unlock screen. Its passphrases are never printed and are
/// wiped from memory when it is dropped.
#[derive(Clone, Deserialize, Type)]
pub struct UnlockInput {
    /// Their name, for the audit trail.
    pub user: String,
    /// The passphrase.
    pub passphrase: String,
    /// The passphrase again, when one is being chosen.
    pub again: String,
}

/// Unlocked.
#[derive(Clone, Debug, Serialize, Type)]
pub struct Unlocked {
    /// A daily backup taken on unlocking, or why it could not be.
    pub backup_note: Option<String>,
}

fn field(name: &str, message: impl Into<String>) -> AppError {
    AppError::fields(vec![FieldError::new(name, message)])
}

/// A passphrase being chosen, typed in the field `name` and again in `again`: refused at
/// `name` when too weak, at `again` when the two differ.
fn chosen_twice(name: &str, text: &str, again: &str) -> Result<Passphrase, AppError> {
    let p = Passphrase::chosen(text).map_err(|e| field(name, e))?;
    if text != again {
        return Err(field("again", "The two passphrases are not the same"));
    }
    Ok(p)
}

fn now() -> NaiveDateTime {
    crate::cases::clock().now()
}

/// Whether the database is open, and what unlocking it will ask for.
#[tauri::command]
#[specta::specta]
pub fn lock_state(state: State<'_, AppState>) -> Result<LockState, AppError> {
    let slot = state.slot()?;
    let kind = file_kind(&state.db_path)?;
    Ok(LockState {
        db_path: state.db_path.display().to_string(),
        kind: match kind {
            FileKind::New => "new",
            FileKind::Plain => "plain",
            FileKind::Encrypted => "encrypted",
        }
        .into(),
        unlocked: slot.is_some(),
        user: slot.as_ref().map_or_else(
            || {
                std::env::var("PANEL_USER")
                    .ok()
                    .and_then(|u| user_name(&u).ok())
                    .unwrap_or_default()
            },
            |s| s.actor().to_string(),
        ),
    })
}

/// Opens the database with its passphrase for the named person: a new database is created
/// encrypted under the passphrase chosen, an unencrypted one is encrypted in place. A wrong
/// passphrase is refused at its field and changes nothing. A daily backup is taken if due.
#[tauri::command]
#[specta::specta]
pub fn unlock(state: State<'_, AppState>, input: UnlockInput) -> Result<Unlocked, AppError> {
    let mut slot = state.slot()?;
    if slot.is_some() {
        return Err(AppError::new(
            ErrorCode::Refused,
            "The database is already unlocked",
        ));
    }
    let user = user_name(&input.user).map_err(|e| field("user", e))?;
    let path = &state.db_path;
    let kind = file_kind(path)?;
    let chosen = || chosen_twice("passphrase", &input.passphrase, &input.again);
    let store = match kind {
        FileKind::New => Store::open_encrypted(path, &user, &chosen()?)?,
        FileKind::Plain => Store::encrypt_file(path, &user, &chosen()?)?,
        FileKind::Encrypted => {
            let key = Passphrase::given(&input.passphrase).map_err(|e| field("passphrase", e))?;
            Store::open_encrypted(path, &user, &key).map_err(|e| match e {
                StoreError::WrongPassphrase { .. } => field(
                    "passphrase",
                    "That passphrase does not open this database: check Caps Lock and try again",
                ),
                other => other.into(),
            })?
        }
    };
    let backup_note = daily_backup(&store, path);
    *slot = Some(store);
    Ok(Unlocked { backup_note })
}

/// Takes the daily backup if none was taken in the last day; says why if it failed.
pub(crate) fn daily_backup(store: &Store, db: &Path) -> Option<String> {
    let dir = backup_dir(db);
    match backup_due(&dir, now()) {
        Ok(false) => None,
        Ok(true) => match store.backup_auto(&dir, "daily", now(), DEFAULT_KEEP) {
            Ok(_) => None,
            Err(e) => Some(format!("The daily backup could not be taken: {e}")),
        },
        Err(e) => Some(format!("The backups folder cannot be read: {e}")),
    }
}

/// Takes the backup made on closing the app, if the database is open, and locks it: the
/// first of the window closing and the app ending takes it, the other finds it locked.
pub(crate) fn closing_backup(state: &AppState) {
    let Ok(mut slot) = state.slot() else { return };
    if let Some(store) = slot.take()
        && let Err(e) = store.backup_auto(&backup_dir(&state.db_path), "close", now(), DEFAULT_KEEP)
    {
        eprintln!("The backup on closing could not be taken: {e}");
    }
}

/// Closes the database: the unlock screen shows until it is unlocked again.
#[tauri::command]
#[specta::specta]
pub fn lock(state: State<'_, AppState>) -> Result<(), AppError> {
    let mut slot = state.slot()?;
    *slot = None;
    Ok(())
}

/// The passphrase change form. Its passphrases are never printed and are wiped from memory
/// when it is dropped.
#[derive(Clone, Deserialize, Type)]
pub struct PassphraseChange {
    /// The passphrase in use.
    pub current: String,
    /// The new one.
    pub new: String,
    /// The new one again.
    pub again: String,
}

impl std::fmt::Debug for UnlockInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnlockInput")
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

impl Drop for UnlockInput {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.passphrase.zeroize();
        self.again.zeroize();
    }
}

impl std::fmt::Debug for PassphraseChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PassphraseChange").finish_non_exhaustive()
    }
}

impl Drop for PassphraseChange {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.current.zeroize();
        self.new.zeroize();
        self.again.zeroize();
    }
}

/// Changes the passphrase; the current one must be given.
#[tauri::command]
#[specta::specta]
pub fn change_passphrase(
    state: State<'_, AppState>,
    change: PassphraseChange,
) -> Result<(), AppError> {
    let current = Passphrase::given(&change.current).map_err(|e| field("current", e))?;
    let new = chosen_twice("new", &change.new, &change.again)?;
    if change.new == change.current {
        return Err(field(
            "new",
            "The new passphrase is the one in use: choose another",
        ));
    }
    state.with(|s| {
        s.change_passphrase(&current, &new).map_err(|e| match e {
            StoreError::WrongPassphrase { .. } => {
                field("current", "That is not the passphrase in use")
            }
            other => other.into(),
        })
    })
}

/// A backup in the list.
#[derive(Clone, Debug, Serialize, Type)]
pub struct BackupItem {
    /// Its file.
    pub path: String,
    /// When it was taken, as people read it.
    pub taken: String,
    /// Why: close, daily, manual, before-restore.
    pub reason: String,
    /// Its size in KB.
    pub kb: u32,
}

/// The automatic backups.
#[derive(Clone, Debug, Serialize, Type)]
pub struct BackupsDto {
    /// Their folder.
    pub folder: String,
    /// How many are kept.
    pub keep: u32,
    /// Newest first.
    pub items: Vec<BackupItem>,
}

fn item(b: BackupFile) -> BackupItem {
    BackupItem {
        path: b.path.display().to_string(),
        taken: b.taken.format("%d/%m/%Y %H:%M:%S").to_string(),
        reason: b.reason,
        kb: u32::try_from(b.bytes.div_ceil(1024)).unwrap_or(u32::MAX),
    }
}

/// The automatic backups, newest first.
#[tauri::command]
#[specta::specta]
pub fn list_backup_files(state: State<'_, AppState>) -> Result<BackupsDto, AppError> {
    let dir = backup_dir(&state.db_path);
    Ok(BackupsDto {
        folder: dir.display().to_string(),
        keep: DEFAULT_KEEP as u32,
        items: list_backups(&dir)?.into_iter().map(item).collect(),
    })
}

/// Backs up now into the backups folder.
#[tauri::command]
#[specta::specta]
pub fn back_up_now(state: State<'_, AppState>) -> Result<BackupItem, AppError> {
    let dir = backup_dir(&state.db_path);
    state.with(|s| Ok(item(s.backup_auto(&dir, "manual", now(), DEFAULT_KEEP)?)))
}

/// Backs up to a file the person chooses (none: they cancelled).
#[tauri::command]
#[specta::specta]
pub async fn save_backup_as(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, AppError> {
    let name = format!("panel-backup-{}.sqlite3", now().format("%Y%m%d-%H%M%S"));
    let path = match crate::documents::unattended_dir() {
        Some(dir) => dir.join(name),
        None => {
            let Some(path) = crate::documents::choose_file(&app, "Save a backup", name).await?
            else {
                return Ok(None);
            };
            path
        }
    };
    state.with(|s| {
        s.backup_to(&path)?;
        Ok(Some(path.display().to_string()))
    })
}

/// Chooses a backup file to restore from (none: they cancelled).
#[tauri::command]
#[specta::specta]
pub async fn choose_backup_file(app: AppHandle) -> Result<Option<String>, AppError> {
    Ok(
        crate::documents::choose_existing(&app, "Choose a backup to restore")
            .await?
            .map(|p| p.display().to_string()),
    )
}

/// What a database holds, for the restore preview.
#[derive(Clone, Debug, Serialize, Type)]
pub struct SummaryDto {
    /// Partners.
    pub partners: u32,
    /// Cases.
    pub cases: u32,
    /// Placements.
    pub placements: u32,
    /// Meetings.
    pub meetings: u32,
    /// Final decisions.
    pub final_decisions: u32,
    /// Drafts.
    pub draft_decisions: u32,
    /// The latest decision's number.
    pub latest_decision: Option<String>,
    /// When last changed, as people read it.
    pub last_changed: Option<String>,
    /// By whom.
    pub last_changed_by: Option<String>,
    /// Whether it is encrypted.
    pub encrypted: bool,
}

fn summary_dto(s: DbSummary) -> SummaryDto {
    let n = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
    SummaryDto {
        partners: n(s.partners),
        cases: n(s.cases),
        placements: n(s.placements),
        meetings: n(s.meetings),
        final_decisions: n(s.final_decisions),
        draft_decisions: n(s.draft_decisions),
        latest_decision: s.latest_decision,
        last_changed: s.last_change.as_ref().map(|(at, _)| local_time(at)),
        last_changed_by: s.last_change.map(|(_, by)| by),
        encrypted: s.encrypted,
    }
}

/// A backup beside the database as it is now.
#[derive(Clone, Debug, Serialize, Type)]
pub struct BackupPreview {
    /// The backup's file.
    pub path: String,
    /// What the backup holds.
    pub backup: SummaryDto,
    /// What the database holds now.
    pub current: SummaryDto,
    /// Every way the backup's data breaks the rules every door keeps, found before restoring
    /// (it may be restored all the same: nothing is lost), one line each.
    pub rule_problems: Vec<String>,
}

fn backup_key(passphrase: Option<&str>) -> Result<Option<Passphrase>, AppError> {
    passphrase
        .filter(|p| !p.is_empty())
        .map(|p| Passphrase::given(p).map_err(|e| field("backup_passphrase", e)))
        .transpose()
}

fn backup_refused(e: StoreError) -> AppError {
    match e {
        StoreError::WrongPassphrase { .. } | StoreError::Encrypted { .. } => field(
            "backup_passphrase",
            "This backup is under another passphrase (one in use before a change): enter that passphrase",
        ),
        other => AppError::new(ErrorCode::Refused, other.to_string()),
    }
}

/// What the backup at `path` holds, beside what the database holds now.
#[tauri::command]
#[specta::specta]
pub fn preview_backup(
    state: State<'_, AppState>,
    path: String,
    passphrase: Option<String>,
) -> Result<BackupPreview, AppError> {
    let passphrase = passphrase.map(zeroize::Zeroizing::new);
    let key = backup_key(passphrase.as_deref().map(String::as_str))?;
    let file = PathBuf::from(&path);
    state.with(|s| {
        let mut backup = s.inspect(&file, key.as_ref()).map_err(backup_refused)?;
        let rule_problems = std::mem::take(&mut backup.rule_problems);
        Ok(BackupPreview {
            backup: summary_dto(backup),
            current: summary_dto(s.summary()?),
            path,
            rule_problems,
        })
    })
}

/// What a restore did.
#[derive(Clone, Debug, Serialize, Type)]
pub struct RestoreDone {
    /// Where the data it replaced was kept.
    pub kept: String,
    /// Every way the restored decisions break the rules (restored all the same), one line each.
    pub rule_problems: Vec<String>,
}

/// Replaces the data with the backup at `path`; the data replaced is kept as a backup first.
/// Returns where it was kept, and what the rules find in the restored decisions.
#[tauri::command]
#[specta::specta]
pub fn restore_backup(
    state: State<'_, AppState>,
    path: String,
    passphrase: Option<String>,
) -> Result<RestoreDone, AppError> {
    let passphrase = passphrase.map(zeroize::Zeroizing::new);
    let key = backup_key(passphrase.as_deref().map(String::as_str))?;
    let dir = backup_dir(&state.db_path);
    state.with(|s| {
        let (restored, kept) = s
            .restore_from(Path::new(&path), key.as_ref(), &dir, now(), DEFAULT_KEEP)
            .map_err(backup_refused)?;
        Ok(RestoreDone {
            kept: kept.path.display().to_string(),
            rule_problems: restored.rule_problems,
        })
    })
}
