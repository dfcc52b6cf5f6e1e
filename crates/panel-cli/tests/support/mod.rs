//! What the command's test files share: running the real `panel` on a database in a
//! temporary folder, under a fixed passphrase and a fixed day.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// The passphrase the tests' databases are encrypted under.
pub const KEY: &str = "a test passphrase";

/// The day the tests run on, whatever the machine's clock says (PANEL_TODAY).
pub const TODAY: &str = "2026-11-15";

/// `TODAY` as a date.
pub fn today() -> chrono::NaiveDate {
    panel_core::year::parse_iso_date(TODAY).unwrap()
}

/// The command `panel --db DB ARGS…`, with the tests' passphrase and day and nothing else
/// from the environment that would change what it does.
pub fn command(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_panel"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .env("HOME", db.parent().unwrap())
        .env("PANEL_KEY", KEY)
        .env("PANEL_TODAY", TODAY)
        .env_remove("PANEL_NEW_KEY")
        .env_remove("PANEL_BACKUP_KEY")
        .env_remove("PANEL_USER");
    c
}

#[path = "../../../panel-store/tests/support/start.rs"]
pub mod start;

/// Runs a command to its end, started again when the system refuses to start it (see
/// [`start::again_if_refused`]).
pub trait Run {
    /// Its output.
    fn run(&mut self) -> Output;
}

impl Run for Command {
    fn run(&mut self) -> Output {
        start::again_if_refused("the program", || self.output())
    }
}

/// `panel --db DB ARGS…` run to its end.
pub fn panel(db: &Path, args: &[&str]) -> Output {
    command(db, args).run()
}

/// The database as the program opens it, to read what a command did.
pub fn open_db(db: &Path) -> panel_store::Store {
    let key = panel_core::access::Passphrase::given(KEY).unwrap();
    panel_store::Store::open_encrypted(db, "reader", &key).unwrap()
}

/// What a run printed on standard output.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What a run printed on standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
