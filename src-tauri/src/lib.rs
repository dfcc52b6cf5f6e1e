//! The desktop shell of Complex Needs Panel: Tauri commands over `panel-store` and
//! `panel-core`. All rules live in those crates; this crate only connects them to the window.

pub mod cases;
pub mod commands;
pub mod decisions;
pub mod documents;
pub mod dto;
pub mod error;
pub mod settings;
pub mod spend;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use specta_typescript::Typescript;
use tauri::Manager;
use tauri_specta::{Builder, collect_commands};

use commands::AppState;

/// The commands, for the invoke handler and for the generated TypeScript.
pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new().commands(collect_commands![
        commands::app_info,
        commands::load_demo,
        commands::list_meetings,
        commands::create_meeting,
        commands::get_meeting,
        commands::add_attendee,
        commands::set_attendance,
        commands::remove_attendee,
        cases::list_cases,
        cases::get_case,
        cases::create_case,
        cases::update_case,
        cases::preview_placement,
        cases::save_placement,
        cases::default_split_for,
        decisions::item_workspace,
        decisions::save_decision,
        decisions::chair_action_workspace,
        decisions::save_chair_action,
        decisions::finalise_decision,
        decisions::amend_decision,
        decisions::discard_decision,
        decisions::declare_interest,
        decisions::remove_interest,
        decisions::advance_minutes,
        documents::save_record_pdf,
        documents::save_meeting_pdf,
        documents::export_records,
        spend::spend_screen,
        spend::spend_segments,
        spend::save_spend,
        settings::get_settings,
        settings::save_settings,
        settings::add_partner,
        settings::rename_partner,
        settings::save_agreement,
        commands::get_agenda,
        commands::agenda_offers,
        commands::add_agenda_item,
        commands::move_agenda_item,
        commands::remove_agenda_item,
    ])
}

/// Writes the TypeScript bindings of every command and its data to `path`.
pub fn export_bindings(path: &Path) -> Result<(), String> {
    specta_builder()
        .export(
            Typescript::default().header("// Generated from the Rust commands: run `UPDATE_BINDINGS=1 cargo test -p complex-needs-panel bindings`.\n// Do not edit by hand.\n"),
            path,
        )
        .map_err(|e| e.to_string())
}

/// Where the database is: `PANEL_DB` if set, else the user's data folder.
fn db_path() -> Result<PathBuf, String> {
    match std::env::var_os("PANEL_DB") {
        Some(p) => Ok(PathBuf::from(p)),
        None => panel_store::default_db_path().map_err(|e| e.to_string()),
    }
}

/// Who the audit trail names for this session.
fn actor() -> String {
    std::env::var("PANEL_USER")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| {
            let user = std::env::var("USER").unwrap_or_else(|_| "unknown user".into());
            format!("{user} (desktop app)")
        })
}

/// Starts the application.
pub fn run() {
    let builder = specta_builder();
    let path = db_path();
    let state = match path {
        Ok(path) => {
            let store = panel_store::Store::open(&path, &actor())
                .map(Mutex::new)
                .map_err(|e| format!("Cannot open {}: {e}", path.display()));
            AppState {
                db_path: path,
                store,
            }
        }
        Err(e) => AppState {
            db_path: PathBuf::new(),
            store: Err(e),
        },
    };
    let result = tauri::Builder::default()
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            app.manage(state);
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Complex Needs Panel could not start: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    /// The committed TypeScript bindings match the commands; `UPDATE_BINDINGS=1` rewrites them.
    #[test]
    fn bindings_are_current() {
        let committed =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("bindings.ts");
        super::export_bindings(&fresh).unwrap();
        let fresh_text = std::fs::read_to_string(&fresh).unwrap();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&committed, &fresh_text).unwrap();
        }
        let committed_text = std::fs::read_to_string(&committed).unwrap_or_default();
        assert!(
            committed_text == fresh_text,
            "ui/src/bindings.ts is out of date with the Rust commands: run `UPDATE_BINDINGS=1 cargo test -p complex-needs-panel bindings` and commit it"
        );
    }
}
