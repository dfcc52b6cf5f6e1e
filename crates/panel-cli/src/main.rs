//! `panel`: the command line of Complex Needs Panel.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use panel_core::access::{Passphrase, user_name};
use panel_core::clock::Clock;
use panel_core::interchange::{read_dataset, write_dataset};
use panel_core::sheet::{column_letter, read_spreadsheet};
use panel_core::sheet_import::{Field, best_sheet, guess_mapping, unit};
use panel_core::year::parse_iso_date;
use panel_core::{FinancialYear, Per, SpendReport};
use panel_pdf::{Redaction, agenda_pdf, minutes_pdf, record_pdf, spend_pdf, write_file};
use panel_store::{
    DEFAULT_KEEP, DbSummary, FileKind, ImportSummary, Store, StoreError, backup_dir, busy,
    default_db_path, file_kind, list_backups, local_time,
};

/// Complex Needs Panel: placements, costs and splits of a multi-agency panel, and spend
/// against its pooled budget.
///
/// The database is encrypted: its passphrase is asked for, or taken from PANEL_KEY. Changes
/// are recorded against PANEL_USER (default: your login name). While the desktop app is
/// writing, a change waits for it up to PANEL_BUSY_WAIT seconds (default 30).
#[derive(Parser)]
#[command(name = "panel", version, about, long_about = None)]
struct Cli {
    /// The database file (default: the desktop app's, in your data folder).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the database, or bring it up to date.
    Init,
    /// Import a dataset (complex-needs-panel/1 JSON): all of it, or nothing.
    Import {
        /// The file to read.
        file: PathBuf,
    },
    /// Import placements from a spreadsheet (.xlsx, .xls, .ods or .csv), one row a placement
    /// with one cost and one split; a case not yet recorded is created from its row. Columns
    /// are matched to fields by their headings (a partner's share also by the names councils
    /// use and its other names: see `panel partners`). Rows that are not placements (blank,
    /// totals, headings over groups, notes under the table) are left out and named. Every row
    /// is imported, or none with a report of what to fix, row by row.
    ImportSheet {
        /// The spreadsheet.
        file: PathBuf,
        /// The sheet to read (default: the one whose headings name most fields).
        #[arg(long)]
        sheet: Option<String>,
        /// Read FIELD from COLUMN (its heading or its letter), or `FIELD=none` to leave it
        /// out. Fields: reference, initials, date_of_birth, needs, provider, type, start, end,
        /// description, per, amount, and share:CODE for each partner (e.g. share:SC).
        #[arg(long = "column", value_name = "FIELD=COLUMN")]
        columns: Vec<String>,
        /// The unit of the amounts when no column gives it: week, day, year or once
        /// (default: from the amount's heading, else week).
        #[arg(long)]
        per: Option<String>,
        /// Check every row and report, importing nothing.
        #[arg(long)]
        check: bool,
    },
    /// List the funding partners and every name each is known by in a spreadsheet's
    /// headings; with a partner's code and --also-called, set that partner's other names.
    Partners {
        /// The partner whose other names to set, e.g. HE.
        #[arg(requires = "also_called")]
        code: Option<String>,
        /// Its other names, separated by commas (e.g. "CCG, Sunderland CCG"); "" for none.
        #[arg(long, value_name = "NAMES", requires = "code")]
        also_called: Option<String>,
    },
    /// Export the whole database as a dataset (JSON); `-` writes to standard output.
    Export {
        /// The file to write.
        file: PathBuf,
    },
    /// Spend against the pooled budget for a financial year.
    Spend {
        /// The financial year, e.g. 2023/24 (default: the year of --as-of).
        #[arg(long, value_name = "YYYY/YY")]
        year: Option<String>,
        /// Count spend to date up to and including this day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long, conflicts_with_all = ["csv", "detail_csv"])]
        json: bool,
        /// Print the figures by partner as CSV, for a ledger.
        #[arg(long, conflicts_with = "detail_csv")]
        csv: bool,
        /// Print every segment behind the figures as CSV: days, rate, split and amount.
        #[arg(long)]
        detail_csv: bool,
    },
    /// Print a partner's statement for a period: what its share of the spend grew by, placement
    /// by placement, with the decisions and split behind each line (a period crossing 31 March
    /// is shown for each year apart).
    Statement {
        /// The partner's code, e.g. HE.
        #[arg(long, value_name = "CODE", required_unless_present = "number")]
        partner: Option<String>,
        /// The period's first day.
        #[arg(long, value_name = "YYYY-MM-DD", required_unless_present = "number")]
        from: Option<String>,
        /// The period's last day.
        #[arg(long, value_name = "YYYY-MM-DD", required_unless_present = "number")]
        to: Option<String>,
        /// A statement already issued, e.g. HE/26-27/03, exactly as it was issued.
        #[arg(long, value_name = "NUMBER", conflicts_with_all = ["partner", "from", "to", "issue"])]
        number: Option<String>,
        /// Print JSON instead of a table: money as decimal strings.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV for the partner's ledger.
        #[arg(long)]
        csv: bool,
        /// Issue it: number it (e.g. HE/26-27/03) and keep it as it stands, never to change.
        /// Refused for a period not yet over or with a day already stated to the partner.
        #[arg(long)]
        issue: bool,
        /// Also write it as PDF, every line with its evidence (a preview says it is one).
        #[arg(long, value_name = "FILE.pdf")]
        out: Option<PathBuf>,
    },
    /// Record a payment received from a partner against an issued statement.
    Payment {
        /// The statement paid, e.g. HE/26-27/03.
        #[arg(long, value_name = "NUMBER")]
        statement: String,
        /// How much, e.g. 1234.56.
        #[arg(long, value_name = "AMOUNT")]
        amount: String,
        /// The day it was received (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
        /// The partner's reference for it.
        #[arg(long, value_name = "TEXT", default_value = "")]
        reference: String,
    },
    /// Print what each partner owes on its issued statements, by age: 0–30, 31–60, 61–90 and
    /// over 90 days from each statement's date, undisputed and disputed.
    Debts {
        /// Count payments received up to and including this day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Print JSON instead of a table: money as decimal strings.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV.
        #[arg(long)]
        csv: bool,
    },
    /// Print what an auditor would ask about as of a day: spend with no decision, rates above
    /// those approved, reviews overdue, placements ending soon with nothing on an agenda,
    /// spend with no pooled budget agreement, assent not recorded, actions overdue, chairs'
    /// actions not ratified and placements past the 18th birthday.
    Exceptions {
        /// The day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long, conflicts_with_all = ["csv", "out"])]
        json: bool,
        /// Print CSV.
        #[arg(long, conflicts_with = "out")]
        csv: bool,
        /// Write them as a PDF to this file.
        #[arg(long, value_name = "FILE.pdf")]
        out: Option<PathBuf>,
    },
    /// Say whether a printed record of decision is the one on the register: its digest is the
    /// register's for its number, the register's chain holds there, and its text is the record
    /// the register prints, in full or for publication.
    Verify {
        /// The record's PDF.
        #[arg(value_name = "FILE.pdf")]
        file: PathBuf,
    },
    /// The indicative budget's resource allocation tables: each year's shown, or one year's
    /// set from a JSON file `{"per_point": "12.50", "areas": [{"name": "Personal care",
    /// "levels": [{"name": "None", "points": 0}, …]}, …]}`.
    AllocationTable {
        /// The financial year, e.g. 2026/27 (default: every table).
        #[arg(long, value_name = "YYYY/YY")]
        year: Option<String>,
        /// Set the year's table from this JSON file, replacing the one there was.
        #[arg(long, value_name = "FILE.json", requires = "year")]
        set: Option<PathBuf>,
    },
    /// Record a case's assessment against the table of its financial year (its indicative
    /// weekly budget), or with no --level list the case's assessments.
    Assess {
        /// The case's reference.
        #[arg(value_name = "REFERENCE")]
        case: String,
        /// The level of one area, as AREA=LEVEL; one for every area of the table.
        #[arg(long = "level", value_name = "AREA=LEVEL")]
        levels: Vec<String>,
        /// The day it was made (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
    },
    /// Record an action of a final decision as done, which clears it from the exceptions.
    ActionDone {
        /// The decision's number, e.g. CNP/26-27/0004.
        #[arg(long, value_name = "NUMBER")]
        decision: String,
        /// The action's place in the decision, from 1.
        #[arg(long, value_name = "N")]
        action: usize,
        /// The day it was done (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
        /// What was done.
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
    },
    /// Record a partner's dispute of a line of an issued statement (or of its placement's
    /// split), withdraw one, or bring one to a meeting to be settled (rule 18).
    Dispute {
        /// The statement whose line is disputed, e.g. HE/26-27/03.
        #[arg(long, value_name = "NUMBER", requires_all = ["line", "reason"],
              conflicts_with_all = ["withdraw", "bring"])]
        statement: Option<String>,
        /// The line disputed, from 1 as the statement numbers them.
        #[arg(long, value_name = "N")]
        line: Option<u32>,
        /// Dispute the placement's split: every line of it stated to the partner is held.
        #[arg(long)]
        split: bool,
        /// Why: split, rate, no_decision, eligibility or other.
        #[arg(long, value_name = "REASON")]
        reason: Option<String>,
        /// What the partner says (needed for the reason "other"), or on withdrawing, why.
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
        /// Withdraw this open dispute, e.g. DSP/26-27/001: what it held is owed again.
        #[arg(long, value_name = "NUMBER", conflicts_with = "bring")]
        withdraw: Option<String>,
        /// Bring this open dispute to a meeting as an agenda item; its decision settles it.
        #[arg(long, value_name = "NUMBER", requires = "meeting")]
        bring: Option<String>,
        /// The meeting's date, with --bring.
        #[arg(long, value_name = "YYYY-MM-DD")]
        meeting: Option<String>,
    },
    /// Print the disputes register: every dispute, its age, where it stands, and those open
    /// past the days they are escalated after.
    Disputes {
        /// As it stood on this day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Print JSON instead of a table: money as decimal strings.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV.
        #[arg(long)]
        csv: bool,
    },
    /// Record part of a partner's contribution to a pooled year called from it (an invoice),
    /// or paid in by it against the calls.
    Contribution {
        /// The partner's code, e.g. HE.
        #[arg(long, value_name = "CODE")]
        partner: String,
        /// The pooled year, e.g. 2026/27.
        #[arg(long, value_name = "YYYY/YY")]
        year: String,
        /// Record a call: part of the contribution asked for.
        #[arg(long, conflicts_with = "receipt", required_unless_present = "receipt")]
        call: bool,
        /// Record a receipt: money paid in against the calls.
        #[arg(long)]
        receipt: bool,
        /// How much, e.g. 594000.00.
        #[arg(long, value_name = "AMOUNT")]
        amount: String,
        /// The day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
        /// The invoice's or remittance's reference.
        #[arg(long, value_name = "TEXT", default_value = "")]
        reference: String,
    },
    /// Print each partner's contribution to a pooled year, and what was called and paid in.
    Contributions {
        /// The pooled year, e.g. 2026/27.
        #[arg(long, value_name = "YYYY/YY")]
        year: String,
        /// Print JSON instead of a table: money as decimal strings.
        #[arg(long)]
        json: bool,
    },
    /// Print a financial year's settlement between the partners: each partner's contribution,
    /// split of the spend and risk share as of 31 March, what its statements charged, what it
    /// paid, what is disputed, and the balance it owes or is owed.
    Settlement {
        /// The financial year, e.g. 2025/26.
        #[arg(long, value_name = "YYYY/YY")]
        year: String,
        /// Count payments and disputes up to and including this day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Print JSON instead of a table: money as decimal strings.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV: a row a partner, then the totals.
        #[arg(long)]
        csv: bool,
        /// Also write the settlement pack as PDF, for the partnership board.
        #[arg(long, value_name = "FILE.pdf")]
        out: Option<PathBuf>,
    },
    /// Print the spend report (by partner, month, year and placement) as PDF.
    SpendReport {
        /// The financial year, e.g. 2023/24 (default: the year of --as-of).
        #[arg(long, value_name = "YYYY/YY")]
        year: Option<String>,
        /// Count spend to date up to and including this day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// The PDF file to write.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// Fill an empty database with realistic demo data.
    Demo {
        /// Skip the question when the database is empty and standard input is a terminal.
        #[arg(long, short)]
        yes: bool,
    },
    /// Set up on first use: demo data offered for an empty database, then this year's spend.
    Start,
    /// Print the record of a final decision as PDF.
    Record {
        /// The decision number, e.g. CNP/30-31/0001.
        number: String,
        /// The PDF file to write.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// For publication: no case reference, initials, date of birth or provider name.
        #[arg(long)]
        redacted: bool,
    },
    /// Print the minutes of a meeting as PDF.
    Minutes {
        /// The meeting's date.
        #[arg(value_name = "YYYY-MM-DD")]
        date: String,
        /// The PDF file to write.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// Back the database up to FILE (encrypted under its passphrase), or without FILE into
    /// the automatic backups folder beside the database.
    Backup {
        /// The backup file to write; it must not exist yet.
        file: Option<PathBuf>,
    },
    /// List the automatic backups, newest first.
    Backups,
    /// Replace the database with a backup, after showing what each holds. The data it replaces
    /// is kept as a backup of its own first.
    Restore {
        /// The backup to restore.
        file: PathBuf,
        /// Do not ask (needed when standard input is not a terminal).
        #[arg(long, short)]
        yes: bool,
    },
    /// Check the database: SQLite's integrity and foreign-key checks, splits adding up to
    /// 100%, decision numbers without gaps, finalised decisions unchanged, the audit trail
    /// unbroken and its protections in place. Exits with 1 if anything is wrong.
    Check,
    /// Encrypt an unencrypted database in place under a new passphrase.
    Encrypt,
    /// Change the database's passphrase (the new one from PANEL_NEW_KEY, or asked for twice).
    Passphrase,
    /// Print the agenda pack of a meeting as PDF.
    Agenda {
        /// The meeting's date.
        #[arg(value_name = "YYYY-MM-DD")]
        date: String,
        /// The PDF file to write.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
}

/// A failure to report to the person, one line or several.
enum Failure {
    /// What was asked cannot be done as asked (an argument, a file, a refusal in words): the
    /// sentence is printed.
    Said(String),
    /// The store failed or refused.
    Store(StoreError),
    /// A document could not be made.
    Pdf(panel_pdf::PdfError),
    /// Whoever read what the command prints stopped reading (`panel export - | head`): the
    /// command ends quietly, as other tools do.
    ReaderGone,
}

/// Whether a failed write means the reader of the output has gone (a closed pipe).
fn reader_gone(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
}

/// `println!` and `print!` panic when the output cannot be written: a closed pipe ends the
/// command quietly with status 0 instead; any other failure to print (a full disk) still
/// says so.
fn end_quietly_when_the_reader_goes() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let said = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        // "failed printing to stdout: Broken pipe (os error 32)"; on Windows, error 109 (the
        // pipe has been ended) or 232 (the pipe is being closed).
        if said.starts_with("failed printing to stdout")
            && ["(os error 32)", "(os error 109)", "(os error 232)"]
                .iter()
                .any(|code| said.ends_with(code))
        {
            std::process::exit(0);
        }
        default(info);
    }));
}

impl Failure {
    /// The exit status: 75 (try again later, as sysexits has it) when another program was
    /// writing to the database, so that a script can wait and run the command again; 1 for
    /// anything else.
    fn exit_code(&self) -> ExitCode {
        match self {
            Failure::Store(StoreError::Busy) => ExitCode::from(75),
            Failure::ReaderGone => ExitCode::SUCCESS,
            _ => ExitCode::FAILURE,
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Said(m) => f.write_str(m),
            Failure::Store(e) => write!(f, "{e}"),
            Failure::Pdf(e) => write!(f, "{e}"),
            Failure::ReaderGone => Ok(()),
        }
    }
}

impl From<panel_pdf::PdfError> for Failure {
    fn from(e: panel_pdf::PdfError) -> Failure {
        Failure::Pdf(e)
    }
}

fn write_pdf(out: &Path, pdf: &[u8], what: &str) -> Result<(), Failure> {
    write_file(out, pdf)
        .map_err(|e| Failure::Said(format!("cannot write {}: {e}", out.display())))?;
    eprintln!("{what} written to {}", out.display());
    Ok(())
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        Failure::Store(e)
    }
}

/// A use case's refusal, said as it is worded; busy ends as the store's busy does (75, try
/// again).
impl From<panel_core::ports::Error> for Failure {
    fn from(e: panel_core::ports::Error) -> Failure {
        match e {
            panel_core::ports::Error::Busy => Failure::Store(StoreError::Busy),
            other => Failure::Said(other.to_string()),
        }
    }
}

fn main() -> ExitCode {
    end_quietly_when_the_reader_goes();
    let cli = Cli::parse();
    if let Err(e) = Clock::from_env() {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    if let Err(e) = busy::wait_from_env() {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::ReaderGone) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            failure.exit_code()
        }
    }
}

/// Who the audit trail names for changes made with this command: PANEL_USER, or the login.
fn actor() -> Result<String, Failure> {
    if let Ok(name) = std::env::var("PANEL_USER") {
        return user_name(&name).map_err(|e| Failure::Said(format!("PANEL_USER: {e}")));
    }
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown user".into());
    Ok(format!("{user} (panel command)"))
}

/// A secret from the environment variable `var`, or asked for on the terminal; its memory is
/// wiped when it is dropped.
fn secret(var: &str, prompt: &str) -> Result<Option<zeroize::Zeroizing<String>>, Failure> {
    if let Ok(value) = std::env::var(var) {
        return Ok(Some(zeroize::Zeroizing::new(value)));
    }
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    rpassword::prompt_password(prompt)
        .map(|p| Some(zeroize::Zeroizing::new(p)))
        .map_err(|e| Failure::Said(format!("cannot read the passphrase: {e}")))
}

/// The passphrase of an encrypted file: PANEL_KEY, or asked for.
fn passphrase(path: &Path) -> Result<Passphrase, Failure> {
    let text = secret("PANEL_KEY", &format!("Passphrase for {}: ", path.display()))?
        .ok_or_else(|| {
            Failure::Said(format!(
                "{} is encrypted: set PANEL_KEY to its passphrase, or run panel in a terminal to be asked for it",
                path.display()
            ))
        })?;
    Passphrase::given(&text).map_err(|e| Failure::Said(format!("PANEL_KEY: {e}")))
}

/// A new passphrase: from `var`, or asked for twice.
fn new_passphrase(var: &str, what: &str) -> Result<Passphrase, Failure> {
    if let Ok(text) = std::env::var(var) {
        return Passphrase::chosen(&text).map_err(|e| Failure::Said(format!("{var}: {e}")));
    }
    let first = secret(var, &format!("Choose a passphrase {what}: "))?.ok_or_else(|| {
        Failure::Said(format!(
            "a new passphrase is needed {what}: set {var}, or run panel in a terminal to be asked for it"
        ))
    })?;
    let again = secret(var, "The same passphrase again: ")?.unwrap_or_default();
    Passphrase::chosen_twice(&first, &again).map_err(|e| Failure::Said(e.to_string()))
}

fn db_path(db: &Option<PathBuf>) -> Result<PathBuf, Failure> {
    Ok(match db {
        Some(p) => p.clone(),
        None => default_db_path()?,
    })
}

/// Opens the database, asking for its passphrase. A path where there is no database is
/// refused: a mistyped `--db` must not become a new, empty database whose figures are all
/// £0.00.
fn open(db: &Option<PathBuf>) -> Result<(Store, PathBuf), Failure> {
    open_as(db, false)
}

/// Opens the database, or creates it (encrypted under a passphrase chosen now) where there
/// is none: for the commands that make or fill one (`init`, `import`, `import-sheet`,
/// `demo`, `start`).
fn open_or_create(db: &Option<PathBuf>) -> Result<(Store, PathBuf), Failure> {
    open_as(db, true)
}

fn open_as(db: &Option<PathBuf>, create: bool) -> Result<(Store, PathBuf), Failure> {
    let path = db_path(db)?;
    let cannot = |e: StoreError| Failure::Said(format!("cannot open {}: {e}", path.display()));
    let mut store = match file_kind(&path).map_err(cannot)? {
        FileKind::New if !create => {
            return Err(Failure::Said(format!(
                "There is no database at {}: `panel init` creates one.",
                path.display()
            )));
        }
        FileKind::New => {
            let key = new_passphrase(
                "PANEL_KEY",
                &format!("to encrypt the new database {}", path.display()),
            )?;
            Store::open_encrypted(&path, &actor()?, &key).map_err(cannot)?
        }
        FileKind::Plain => {
            eprintln!(
                "Warning: {} is not encrypted; `panel encrypt` encrypts it.",
                path.display()
            );
            Store::open(&path, &actor()?).map_err(cannot)?
        }
        FileKind::Encrypted => {
            Store::open_encrypted(&path, &actor()?, &passphrase(&path)?).map_err(cannot)?
        }
    };
    store.wait_for_writers(
        busy::wait_from_env().unwrap_or(busy::DEFAULT_WAIT),
        |limit| {
            eprintln!(
                "Another program (the desktop app, or another panel command) is writing to the database: waiting for it to finish (up to {} s)…",
                limit.as_secs()
            );
        },
    )?;
    Ok((store, path))
}

/// The clock of this run: PANEL_TODAY fixes the day (checked once in `main`).
fn clock() -> Clock {
    Clock::from_env().unwrap_or_else(|_| Clock::system())
}

fn today() -> NaiveDate {
    clock().today()
}

mod commands;

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Init => commands::data::init(&cli.db),
        Command::Import { file } => commands::data::import(&cli.db, file),
        Command::ImportSheet {
            file,
            sheet,
            columns,
            per,
            check,
        } => commands::data::import_sheet(&cli.db, file, sheet, columns, per, check),
        Command::Export { file } => commands::data::export(&cli.db, file),
        Command::Partners { code, also_called } => {
            commands::partners::partners(&cli.db, code, also_called)
        }
        Command::Spend {
            year,
            as_of,
            json,
            csv,
            detail_csv,
        } => commands::spend::spend(&cli.db, year, as_of, json, csv, detail_csv),
        Command::Statement {
            partner,
            from,
            to,
            json,
            csv,
            issue,
            out,
            number,
        } => commands::finance::statement(
            &cli.db,
            commands::finance::StatementArgs {
                partner,
                from,
                to,
                number,
                json,
                csv,
                issue,
                out,
            },
        ),
        Command::Payment {
            statement,
            amount,
            on,
            reference,
        } => commands::finance::payment(&cli.db, statement, amount, on, reference),
        Command::Debts { as_of, json, csv } => commands::finance::debts(&cli.db, as_of, json, csv),
        Command::Exceptions {
            as_of,
            json,
            csv,
            out,
        } => commands::foresight::exceptions(&cli.db, as_of, json, csv, out),
        Command::Verify { file } => commands::documents::verify(&cli.db, file),
        Command::AllocationTable { year, set } => {
            commands::foresight::allocation_table(&cli.db, year, set)
        }
        Command::Assess { case, levels, on } => {
            commands::foresight::assess(&cli.db, case, levels, on)
        }
        Command::ActionDone {
            decision,
            action,
            on,
            note,
        } => commands::foresight::action_done(&cli.db, decision, action, on, note),
        Command::Dispute {
            statement,
            line,
            split,
            reason,
            note,
            withdraw,
            bring,
            meeting,
        } => match (statement, withdraw, bring) {
            (_, Some(number), _) => commands::finance::withdraw_dispute(&cli.db, number, note),
            (_, _, Some(number)) => {
                commands::finance::bring_dispute(&cli.db, number, meeting.unwrap_or_default())
            }
            (Some(statement), _, _) => commands::finance::raise_dispute(
                &cli.db,
                statement,
                line.unwrap_or_default(),
                split,
                reason.unwrap_or_default(),
                note,
            ),
            (None, None, None) => Err(Failure::Said(
                "say what to do: --statement with --line and --reason to raise a dispute, --withdraw or --bring".into(),
            )),
        },
        Command::Disputes { as_of, json, csv } => {
            commands::finance::disputes(&cli.db, as_of, json, csv)
        }
        Command::Contribution {
            partner,
            year,
            call,
            receipt: _,
            amount,
            on,
            reference,
        } => commands::finance::contribution(&cli.db, partner, year, call, amount, on, reference),
        Command::Contributions { year, json } => {
            commands::finance::contributions(&cli.db, year, json)
        }
        Command::Settlement {
            year,
            as_of,
            json,
            csv,
            out,
        } => commands::finance::settlement(&cli.db, year, as_of, json, csv, out),
        Command::SpendReport { year, as_of, out } => {
            commands::spend::spend_report(&cli.db, year, as_of, out)
        }
        Command::Demo { yes } => commands::data::demo(&cli.db, yes),
        Command::Record {
            number,
            out,
            redacted,
        } => commands::documents::record(&cli.db, number, out, redacted),
        Command::Minutes { date, out } => commands::documents::minutes(&cli.db, date, out),
        Command::Agenda { date, out } => commands::documents::agenda(&cli.db, date, out),
        Command::Backup { file } => commands::safety::backup(&cli.db, file),
        Command::Backups => commands::safety::backups(&cli.db),
        Command::Restore { file, yes } => commands::safety::restore(&cli.db, file, yes),
        Command::Check => commands::safety::check(&cli.db),
        Command::Encrypt => commands::safety::encrypt(&cli.db),
        Command::Passphrase => commands::safety::change_passphrase(&cli.db),
        Command::Start => commands::data::start(&cli.db),
    }
}

/// Asks a yes/no question on a terminal (default yes); without a terminal, the answer is yes.
fn confirm(question: &str) -> Result<bool, Failure> {
    if !std::io::stdin().is_terminal() {
        return Ok(true);
    }
    ask(question, true)
}

/// Asks a yes/no question on the terminal; Enter gives `default`.
fn ask(question: &str, default: bool) -> Result<bool, Failure> {
    print!("{question} {} ", if default { "[Y/n]" } else { "[y/N]" });
    std::io::stdout()
        .flush()
        .map_err(|e| Failure::Said(e.to_string()))?;
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Failure::Said(e.to_string()))?;
    Ok(match answer.trim().to_ascii_lowercase().as_str() {
        "" => default,
        a => matches!(a, "y" | "yes"),
    })
}

fn now() -> chrono::NaiveDateTime {
    clock().now()
}

fn refused(file: &Path, problems: Vec<String>) -> Failure {
    let n = problems.len();
    let mut msg = problems.join("\n");
    msg.push_str(&format!(
        "\nNothing was imported from {}: {n} problem{} to fix.",
        file.display(),
        if n == 1 { "" } else { "s" }
    ));
    Failure::Said(msg)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
