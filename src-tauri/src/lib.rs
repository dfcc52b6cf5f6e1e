//! The desktop shell of Complex Needs Panel: Tauri commands over `panel-store` and
//! `panel-core`. All rules live in those crates; this crate only connects them to the window.

pub mod cases;
pub mod commands;
pub mod decisions;
pub mod documents;
pub mod dto;
pub mod error;
pub mod safety;
pub mod settings;
pub mod sheets;
pub mod single;
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
        commands::vocabulary,
        safety::lock_state,
        safety::unlock,
        safety::lock,
        safety::change_passphrase,
        safety::list_backup_files,
        safety::back_up_now,
        safety::save_backup_as,
        safety::choose_backup_file,
        safety::preview_backup,
        safety::restore_backup,
        safety::audit_trail,
        sheets::choose_spreadsheet,
        sheets::open_spreadsheet,
        sheets::preview_import,
        sheets::import_spreadsheet,
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

/// How often a long session checks whether the daily backup is due.
const DAILY_CHECK: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Starts the application: on a database another instance has open, brings that one to the
/// front instead. The database stays locked until its passphrase and the person's name are
/// given on the unlock screen.
pub fn run() {
    let builder = specta_builder();
    let (db_path, path_error) = match db_path() {
        Ok(p) => (p, None),
        Err(e) => (PathBuf::new(), Some(e)),
    };
    let listener = if path_error.is_none() {
        match single::claim(&db_path) {
            single::Instance::First(l) => Some(l),
            single::Instance::Second => {
                eprintln!(
                    "Complex Needs Panel is already open on {}: it was brought to the front.",
                    db_path.display()
                );
                return;
            }
            single::Instance::Alone(why) => {
                eprintln!("Running without the one-instance guard: {why}");
                None
            }
        }
    } else {
        None
    };
    let state = AppState {
        db_path: db_path.clone(),
        path_error,
        store: Mutex::new(None),
    };
    let app = tauri::Builder::default()
        .invoke_handler(builder.invoke_handler())
        .on_window_event(|window, event| {
            // The backup on closing is taken as the window closes, while the app still runs.
            if matches!(
                event,
                tauri::WindowEvent::CloseRequested { .. } | tauri::WindowEvent::Destroyed
            ) {
                safety::closing_backup(&window.state::<AppState>());
            }
        })
        .setup(move |app| {
            app.manage(state);
            if let Some(listener) = listener {
                let handle = app.handle().clone();
                single::serve(listener, move || {
                    if let Some(w) = handle.get_webview_window("main") {
                        let _ = w.unminimize();
                        let _ = w.show();
                        let _ = w.set_focus();
                    }
                });
            }
            // Logging out or shutting down ends the app with a signal, not a window close: it
            // takes the backup on closing and ends as the window would.
            let handle = app.handle().clone();
            match signal_hook::iterator::Signals::new([
                signal_hook::consts::SIGTERM,
                signal_hook::consts::SIGHUP,
                signal_hook::consts::SIGINT,
            ]) {
                Ok(mut signals) => {
                    std::thread::spawn(move || {
                        if signals.forever().next().is_some() {
                            safety::closing_backup(&handle.state::<AppState>());
                            handle.exit(0);
                        }
                    });
                }
                Err(e) => eprintln!("Signals to end the app cannot be caught: {e}"),
            }
            // A session left open for days still takes its daily backup.
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                loop {
                    std::thread::sleep(DAILY_CHECK);
                    let state = handle.state::<AppState>();
                    if let Ok(slot) = state.slot()
                        && let Some(store) = slot.as_ref()
                        && let Some(note) = safety::daily_backup(store, &state.db_path)
                    {
                        eprintln!("{note}");
                    }
                }
            });
            Ok(())
        })
        .build(tauri::generate_context!());
    let app = match app {
        Ok(app) => app,
        Err(e) => {
            eprintln!("Complex Needs Panel could not start: {e}");
            single::release(&db_path);
            std::process::exit(1);
        }
    };
    app.run(move |handle, event| {
        if let tauri::RunEvent::Exit = event {
            safety::closing_backup(&handle.state::<AppState>());
            single::release(&db_path);
        }
    });
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
