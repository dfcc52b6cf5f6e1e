//! The desktop shell of Complex Needs Panel: Tauri commands over `panel-store` and
//! `panel-core`. All rules live in those crates; this crate only connects them to the window.

pub mod audit;
pub mod cases;
pub mod commands;
pub mod decisions;
pub mod disputes;
pub mod documents;
pub mod dto;
pub mod error;
pub mod exceptions;
pub mod impact;
pub mod instance;
pub mod pool;
pub mod ras;
pub mod safety;
pub mod settings;
pub mod settlement;
pub mod sheets;
pub mod spend;
pub mod statements;
mod webview;

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
        audit::audit_trail,
        sheets::choose_spreadsheet,
        sheets::open_spreadsheet,
        sheets::preview_import,
        sheets::import_spreadsheet,
        commands::load_demo,
        commands::list_meetings,
        commands::create_meeting,
        commands::update_meeting,
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
        statements::statement_preview,
        statements::issue_statement,
        statements::list_statements,
        statements::issued_statement,
        statements::save_statement,
        statements::statement_payments,
        statements::record_payment,
        statements::debts,
        statements::save_debts,
        disputes::list_disputes,
        disputes::raise_dispute,
        disputes::withdraw_dispute,
        disputes::bring_dispute,
        disputes::save_disputes,
        exceptions::exceptions,
        impact::impact_preview,
        impact::decision_impact,
        ras::allocation_tables,
        ras::save_allocation_table,
        ras::remove_allocation_table,
        ras::table_for_day,
        ras::case_assessments,
        ras::record_assessment,
        ras::indicative_preview,
        ras::decision_indicative,
        exceptions::save_exceptions,
        exceptions::complete_action,
        pool::contributions,
        pool::record_contribution,
        settlement::settlement,
        settlement::save_settlement,
        settings::get_settings,
        settings::save_settings,
        settings::save_finance_settings,
        settings::add_partner,
        settings::rename_partner,
        settings::set_partner_aliases,
        settings::save_agreement,
        commands::get_agenda,
        commands::agenda_offers,
        commands::add_agenda_item,
        commands::update_agenda_item,
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
    let state = AppState {
        db_path: db_path.clone(),
        path_error,
        store: Mutex::new(None),
    };
    // The one-instance plugin comes first: a second start hands over before anything else.
    let app = tauri::Builder::default()
        .plugin(instance::plugin(&db_path))
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
            webview::lighten(app);
            closing_on_signals(app.handle());
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
            // Started from a menu nobody sees the terminal: the reason is shown in a dialog.
            let message = start_failure(&e.to_string());
            eprintln!("{message}");
            let _ = rfd::MessageDialog::new()
                .set_level(rfd::MessageLevel::Error)
                .set_title("Complex Needs Panel could not start")
                .set_description(&message)
                .set_buttons(rfd::MessageButtons::Ok)
                .show();
            std::process::exit(1);
        }
    };
    // The last chance on every way the app ends: the window closed, the app asked to end, and
    // on Windows logging off or shutting down (the window system's end of session ends the
    // event loop, which Tauri reports as `Exit`).
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            safety::closing_backup(&handle.state::<AppState>());
        }
    });
}

/// What to tell the person when the window cannot be made. On Windows the likeliest reason is
/// a computer without the WebView2 Runtime, which draws the window.
fn start_failure(error: &str) -> String {
    let mut message = format!("Complex Needs Panel could not start: {error}.");
    if cfg!(windows) {
        message.push_str(
            "\n\nIts window needs the Microsoft Edge WebView2 Runtime, which Windows 11 and \
             up-to-date Windows 10 include. If this computer does not have it, ask your IT \
             service to install the \"Evergreen WebView2 Runtime\" from Microsoft.",
        );
    }
    message
}

/// On Linux, logging out or shutting down ends the app with a signal (SIGTERM, SIGHUP), and a
/// terminal's Ctrl+C with SIGINT, not with a window close: each takes the backup on closing
/// and ends the app as the window would. Windows has no such signals for a windowed app.
#[cfg(unix)]
fn closing_on_signals(handle: &tauri::AppHandle) {
    let handle = handle.clone();
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
}

#[cfg(not(unix))]
fn closing_on_signals(_handle: &tauri::AppHandle) {}

#[cfg(test)]
mod tests {
    /// The installers take the version from tauri.conf.json, the programs from Cargo.toml:
    /// they must say the same.
    #[test]
    fn the_version_is_the_same_everywhere() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        assert_eq!(conf["version"], env!("CARGO_PKG_VERSION"));
    }

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
