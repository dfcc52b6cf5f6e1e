//! One instance per database: a second start on a database that an open instance has brings
//! that instance's window to the front and ends, instead of opening the database again.
//!
//! `tauri-plugin-single-instance` does the finding on each system, all of it local to the
//! machine: a named mutex and a hidden window on Windows (one instance per Windows user, who
//! has one database), a name on the desktop session's D-Bus on Linux. On Linux the name is the
//! database's, so that two databases (a trial copy beside the live one, or the end-to-end tests
//! running side by side) are two instances. Without a session bus (a bare terminal with no
//! desktop) the app starts alone; SQLite's locking still keeps two writers from colliding.

use std::path::Path;

use panel_store::APP_IDENTIFIER as IDENTIFIER;
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime};

/// The plugin for the database at `db`: a later start calls `bring_to_front` here.
pub fn plugin<R: Runtime>(db: &Path) -> TauriPlugin<R> {
    let builder = tauri_plugin_single_instance::Builder::new()
        .callback(|app: &AppHandle<R>, _args, _cwd| bring_to_front(app));
    #[cfg(target_os = "linux")]
    let builder = builder.dbus_id(dbus_id(db));
    #[cfg(not(target_os = "linux"))]
    let _ = db;
    builder.build()
}

/// Shows the main window, restored and focused.
fn bring_to_front<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

/// The D-Bus name (before the plugin's `.SingleInstance`) of the instance on `db`: the
/// identifier and a digest of the database's full path, so the same file reached by another
/// path (a relative one, a link) is the same instance. D-Bus names allow letters, digits and
/// `_` in elements that do not start with a digit.
pub fn dbus_id(db: &Path) -> String {
    let full = full_path(db);
    format!(
        "{IDENTIFIER}.db{:016x}",
        fnv1a(full.as_os_str().as_encoded_bytes())
    )
}

/// The path with links and `..` resolved, as far as it exists: the file itself may not exist
/// before the first start.
fn full_path(db: &Path) -> std::path::PathBuf {
    if let Ok(p) = db.canonicalize() {
        return p;
    }
    match (db.parent(), db.file_name()) {
        (Some(dir), Some(name)) => {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            dir.canonicalize()
                .map(|d| d.join(name))
                .unwrap_or_else(|_| db.to_path_buf())
        }
        _ => db.to_path_buf(),
    }
}

/// FNV-1a, 64 bits: stable across builds and releases (the standard library's hasher is not
/// promised to be), so two builds of the app on one database find each other.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_database_is_one_instance_whatever_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("panel data é.sqlite3");
        std::fs::write(&db, b"").unwrap();
        let via_dots = dir.path().join(".").join("panel data é.sqlite3");
        assert_eq!(dbus_id(&db), dbus_id(&via_dots));
        // Before the file exists the name is the same as after.
        let fresh = dir.path().join("fresh.sqlite3");
        let before = dbus_id(&fresh);
        std::fs::write(&fresh, b"").unwrap();
        assert_eq!(before, dbus_id(&fresh));
        assert_ne!(dbus_id(&db), dbus_id(&fresh));
    }

    #[test]
    fn the_name_is_a_valid_dbus_name() {
        let id = dbus_id(Path::new("/home/a person/Données/panel.sqlite3"));
        assert!(id.len() < 200);
        for element in id.split('.') {
            assert!(!element.is_empty());
            assert!(!element.starts_with(|c: char| c.is_ascii_digit()), "{id}");
            assert!(
                element
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "{id}"
            );
        }
        // The identifier is the app's own.
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        assert_eq!(conf["identifier"], IDENTIFIER);
    }

    #[test]
    fn the_digest_is_fnv1a() {
        // The published FNV-1a 64 test values.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
