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
use panel_pdf::{
    AgendaPack, Minutes, Record, Redaction, SpendPaper, agenda_pdf, minutes_pdf, record_pdf,
    spend_pdf, write_file,
};
use panel_store::{
    DEFAULT_KEEP, DbSummary, FileKind, ImportSummary, Store, StoreError, backup_dir,
    default_db_path, file_kind, list_backups, local_time,
};

/// Complex Needs Panel: placements, costs and splits of a multi-agency panel, and spend
/// against its pooled budget.
///
/// The database is encrypted: its passphrase is asked for, or taken from PANEL_KEY. Changes
/// are recorded against PANEL_USER (default: your login name).
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
    /// are matched to fields by their headings. Every row is imported, or none with a report
    /// of what to fix, row by row.
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
struct Failure(String);

impl From<panel_pdf::PdfError> for Failure {
    fn from(e: panel_pdf::PdfError) -> Failure {
        Failure(e.to_string())
    }
}

/// The year and as-of date of `--year` and `--as-of`: today, and the year containing the day,
/// when not given.
fn year_and_day(
    year: Option<String>,
    as_of: Option<String>,
) -> Result<(FinancialYear, NaiveDate), Failure> {
    let as_of = match as_of {
        Some(s) => parse_iso_date(&s).ok_or_else(|| {
            Failure(format!(
                "--as-of: \"{s}\" is not a date (expected YYYY-MM-DD)"
            ))
        })?,
        None => today(),
    };
    let year = match year {
        Some(y) => y
            .parse::<FinancialYear>()
            .map_err(|e| Failure(format!("--year: {e}")))?,
        None => FinancialYear::containing(as_of),
    };
    Ok((year, as_of))
}

/// The meeting held on `date` (YYYY-MM-DD).
fn meeting_on(store: &Store, date: &str) -> Result<i64, Failure> {
    let day = parse_iso_date(date.trim()).ok_or_else(|| {
        Failure(format!(
            "\"{date}\" is not a meeting date: write it as YYYY-MM-DD, e.g. 2026-12-10"
        ))
    })?;
    Ok(store.meeting_on(day)?)
}

fn write_pdf(out: &Path, pdf: &[u8], what: &str) -> Result<(), Failure> {
    write_file(out, pdf).map_err(|e| Failure(format!("cannot write {}: {e}", out.display())))?;
    eprintln!("{what} written to {}", out.display());
    Ok(())
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(e) = Clock::from_env() {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(msg)) => {
            eprintln!("{msg}");
            ExitCode::FAILURE
        }
    }
}

/// Who the audit trail names for changes made with this command: PANEL_USER, or the login.
fn actor() -> Result<String, Failure> {
    if let Ok(name) = std::env::var("PANEL_USER") {
        return user_name(&name).map_err(|e| Failure(format!("PANEL_USER: {e}")));
    }
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown user".into());
    Ok(format!("{user} (panel command)"))
}

/// A secret from the environment variable `var`, or asked for on the terminal.
fn secret(var: &str, prompt: &str) -> Result<Option<String>, Failure> {
    if let Ok(value) = std::env::var(var) {
        return Ok(Some(value));
    }
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    rpassword::prompt_password(prompt)
        .map(Some)
        .map_err(|e| Failure(format!("cannot read the passphrase: {e}")))
}

/// The passphrase of an encrypted file: PANEL_KEY, or asked for.
fn passphrase(path: &Path) -> Result<Passphrase, Failure> {
    let text = secret("PANEL_KEY", &format!("Passphrase for {}: ", path.display()))?
        .ok_or_else(|| {
            Failure(format!(
                "{} is encrypted: set PANEL_KEY to its passphrase, or run panel in a terminal to be asked for it",
                path.display()
            ))
        })?;
    Passphrase::given(&text).map_err(|e| Failure(format!("PANEL_KEY: {e}")))
}

/// A new passphrase: from `var`, or asked for twice.
fn new_passphrase(var: &str, what: &str) -> Result<Passphrase, Failure> {
    if let Ok(text) = std::env::var(var) {
        return Passphrase::chosen(&text).map_err(|e| Failure(format!("{var}: {e}")));
    }
    let first = secret(var, &format!("Choose a passphrase {what}: "))?.ok_or_else(|| {
        Failure(format!(
            "a new passphrase is needed {what}: set {var}, or run panel in a terminal to be asked for it"
        ))
    })?;
    let again = secret(var, "The same passphrase again: ")?.unwrap_or_default();
    Passphrase::chosen_twice(&first, &again).map_err(|e| Failure(e.to_string()))
}

fn db_path(db: &Option<PathBuf>) -> Result<PathBuf, Failure> {
    Ok(match db {
        Some(p) => p.clone(),
        None => default_db_path()?,
    })
}

/// Opens the database, asking for its passphrase; a new one is encrypted under a passphrase
/// chosen now.
fn open(db: &Option<PathBuf>) -> Result<(Store, PathBuf), Failure> {
    let path = db_path(db)?;
    let cannot = |e: StoreError| Failure(format!("cannot open {}: {e}", path.display()));
    let store = match file_kind(&path).map_err(cannot)? {
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
    Ok((store, path))
}

/// The clock of this run: PANEL_TODAY fixes the day (checked once in `main`).
fn clock() -> Clock {
    Clock::from_env().unwrap_or_else(|_| Clock::system())
}

fn today() -> NaiveDate {
    clock().today()
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Init => {
            let (_, path) = open(&cli.db)?;
            println!("Database ready: {}", path.display());
        }
        Command::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))?;
            let dataset = read_dataset(&text).map_err(|problems| refused(&file, problems))?;
            let (mut store, path) = open(&cli.db)?;
            let done =
                panel_app::import_dataset(&mut store, &clock(), &backup_dir(&path), &dataset)
                    .map_err(|e| match e {
                        StoreError::Invalid(problems) => refused(&file, problems),
                        other => Failure(other.to_string()),
                    })?;
            println!("Imported {}: {}", file.display(), describe(&done.summary));
            println!(
                "The data as it was before is backed up in {}.",
                done.backup.path.display()
            );
            // Allowed, but worth a second look: lines paid together.
            for w in &done.warnings {
                println!("Check {w}");
            }
        }
        Command::ImportSheet {
            file,
            sheet,
            columns,
            per,
            check,
        } => {
            let (mut store, path) = open(&cli.db)?;
            let options = SheetOptions {
                sheet: sheet.as_deref(),
                columns: &columns,
                per: per.as_deref(),
                check_only: check,
            };
            import_sheet(&mut store, &path, &file, &options)?;
        }
        Command::Export { file } => {
            let (store, _) = open(&cli.db)?;
            let text = write_dataset(&store.export()?);
            if file.as_os_str() == "-" {
                std::io::stdout()
                    .write_all(text.as_bytes())
                    .map_err(|e| Failure(format!("cannot write: {e}")))?;
            } else {
                write_file(&file, text.as_bytes())
                    .map_err(|e| Failure(format!("cannot write {}: {e}", file.display())))?;
                eprintln!("Exported to {}", file.display());
            }
        }
        Command::Spend {
            year,
            as_of,
            json,
            csv,
            detail_csv,
        } => {
            let (year, as_of) = year_and_day(year, as_of)?;
            let (store, _) = open(&cli.db)?;
            if csv {
                print!("{}", store.spend_summary_csv(year, as_of)?);
            } else if detail_csv {
                print!("{}", store.spend_detail_csv(year, as_of)?);
            } else if json {
                let report = store.spend(year, as_of)?;
                let text =
                    serde_json::to_string_pretty(&report).map_err(|e| Failure(e.to_string()))?;
                println!("{text}");
            } else {
                print_spend(&store, &store.spend(year, as_of)?)?;
            }
        }
        Command::SpendReport { year, as_of, out } => {
            let (year, as_of) = year_and_day(year, as_of)?;
            let (store, _) = open(&cli.db)?;
            let paper = SpendPaper::load(&store, year, as_of, today())?;
            let pdf = spend_pdf(&paper)?;
            write_pdf(
                &out,
                &pdf,
                &format!(
                    "Spend report for {year} as of {}",
                    panel_pdf::long_date(as_of)
                ),
            )?;
        }
        Command::Demo { yes } => {
            let (mut store, path) = open(&cli.db)?;
            if !store.is_empty()? {
                return Err(Failure(format!(
                    "{} already holds data: demo data only goes into an empty database (give --db with a new file)",
                    path.display()
                )));
            }
            if !yes && !confirm(&format!("Fill {} with demo data?", path.display()))? {
                println!("Nothing done.");
                return Ok(());
            }
            let summary = panel_app::load_demo(&mut store, &clock())?;
            println!(
                "Demo data added to {}: {}",
                path.display(),
                describe(&summary)
            );
        }
        Command::Record {
            number,
            out,
            redacted,
        } => {
            let (store, _) = open(&cli.db)?;
            let id = store.decision_by_number(&number)?;
            let record = Record::load(&store, id).map_err(|e| Failure(e.to_string()))?;
            let redaction = if redacted {
                Redaction::Published
            } else {
                Redaction::Full
            };
            let pdf = record_pdf(&record, redaction).map_err(|e| Failure(e.to_string()))?;
            write_file(&out, &pdf)
                .map_err(|e| Failure(format!("cannot write {}: {e}", out.display())))?;
            eprintln!(
                "Record of decision {}{} written to {}",
                record.number,
                if redacted {
                    " (redacted for publication)"
                } else {
                    ""
                },
                out.display()
            );
        }
        Command::Minutes { date, out } => {
            let (store, _) = open(&cli.db)?;
            let minutes = Minutes::load(&store, meeting_on(&store, &date)?)?;
            let pdf = minutes_pdf(&minutes)?;
            write_pdf(
                &out,
                &pdf,
                &format!(
                    "Minutes of the meeting of {}",
                    panel_pdf::long_date(minutes.head.date)
                ),
            )?;
        }
        Command::Agenda { date, out } => {
            let (store, _) = open(&cli.db)?;
            let pack = AgendaPack::load(&store, meeting_on(&store, &date)?)?;
            let pdf = agenda_pdf(&pack)?;
            write_pdf(
                &out,
                &pdf,
                &format!(
                    "Agenda pack of the meeting of {}",
                    panel_pdf::long_date(pack.head.date)
                ),
            )?;
        }
        Command::Backup { file } => {
            let (store, path) = open(&cli.db)?;
            let written = match file {
                Some(file) => {
                    if file.exists() {
                        return Err(Failure(format!(
                            "{} already exists: choose a new file name",
                            file.display()
                        )));
                    }
                    store.backup_to(&file)?;
                    file
                }
                None => {
                    store
                        .backup_auto(&backup_dir(&path), "manual", now(), DEFAULT_KEEP)?
                        .path
                }
            };
            println!(
                "Backed up {} to {}{}",
                path.display(),
                written.display(),
                if store.is_encrypted() {
                    " (encrypted under the database's passphrase)"
                } else {
                    ""
                }
            );
            println!("It holds {}.", summarise(&store.summary()?));
        }
        Command::Backups => {
            let path = db_path(&cli.db)?;
            let dir = backup_dir(&path);
            let found = list_backups(&dir)?;
            if found.is_empty() {
                println!("No automatic backups in {}.", dir.display());
            }
            for b in found {
                println!(
                    "{}  {:<15} {:>8} KB  {}",
                    b.taken.format("%d/%m/%Y %H:%M:%S"),
                    b.reason,
                    b.bytes.div_ceil(1024),
                    b.path.display()
                );
            }
        }
        Command::Restore { file, yes } => {
            let (mut store, path) = open(&cli.db)?;
            let current = store.summary()?;
            // A backup is under the database's passphrase, or the one it had then.
            let (summary, key) = match store.inspect(&file, None) {
                Ok(s) => (s, None),
                Err(StoreError::Encrypted { .. } | StoreError::WrongPassphrase { .. }) => {
                    let key = backup_key(&file)?;
                    let summary = store
                        .inspect(&file, Some(&key))
                        .map_err(|e| refused_restore(&file, e))?;
                    (summary, Some(key))
                }
                Err(e) => return Err(refused_restore(&file, e)),
            };
            println!(
                "The backup {} holds {}.",
                file.display(),
                summarise(&summary)
            );
            println!(
                "The database {} holds {}.",
                path.display(),
                summarise(&current)
            );
            if !summary.rule_problems.is_empty() {
                println!(
                    "The backup breaks the rules in {} place{} (it can be restored all the same; panel check lists them too):",
                    summary.rule_problems.len(),
                    if summary.rule_problems.len() == 1 {
                        ""
                    } else {
                        "s"
                    }
                );
                for p in &summary.rule_problems {
                    println!("  {p}");
                }
            }
            if !yes {
                if !std::io::stdin().is_terminal() {
                    return Err(Failure(
                        "Nothing restored: give --yes to restore without being asked".into(),
                    ));
                }
                if !ask("Replace the database with the backup?", false)? {
                    println!("Nothing restored.");
                    return Ok(());
                }
            }
            let (restored, kept) = store
                .restore_from(&file, key.as_ref(), &backup_dir(&path), now(), DEFAULT_KEEP)
                .map_err(|e| refused_restore(&file, e))?;
            println!(
                "Restored from {}. The data it replaced is kept in {}.",
                file.display(),
                kept.path.display()
            );
            if !restored.rule_problems.is_empty() {
                println!(
                    "The restored data breaks the rules in {} place{}: run panel check to list {}.",
                    restored.rule_problems.len(),
                    if restored.rule_problems.len() == 1 {
                        ""
                    } else {
                        "s"
                    },
                    if restored.rule_problems.len() == 1 {
                        "it"
                    } else {
                        "them"
                    }
                );
            }
        }
        Command::Check => {
            let (store, path) = open(&cli.db)?;
            let report = store.check()?;
            println!("Checking {}", path.display());
            for line in &report.lines {
                let mark = if line.problems.is_empty() {
                    "ok  "
                } else {
                    "FAIL"
                };
                println!("{mark}  {} ({})", line.name, line.scope);
                for p in &line.problems {
                    println!("        {p}");
                }
            }
            if !report.ok() {
                let n = report.problem_count();
                return Err(Failure(format!(
                    "{} found: restore a backup taken before it, or ask for help (`panel backups` lists them).",
                    plural(n, "problem", "problems")
                )));
            }
            println!("All {} checks passed.", report.lines.len());
        }
        Command::Encrypt => {
            let path = db_path(&cli.db)?;
            match file_kind(&path)? {
                FileKind::Plain => {}
                FileKind::Encrypted => {
                    return Err(Failure(format!("{} is already encrypted", path.display())));
                }
                FileKind::New => {
                    return Err(Failure(format!(
                        "there is no database at {} to encrypt",
                        path.display()
                    )));
                }
            }
            let key = new_passphrase("PANEL_KEY", &format!("to encrypt {}", path.display()))?;
            Store::encrypt_file(&path, &actor()?, &key)
                .map_err(|e| Failure(format!("cannot encrypt {}: {e}", path.display())))?;
            println!(
                "Encrypted {}. Keep the passphrase safe: without it nothing in the file can be read.",
                path.display()
            );
            let plain: Vec<_> = list_backups(&backup_dir(&path))?
                .into_iter()
                .filter(|b| matches!(file_kind(&b.path), Ok(FileKind::Plain)))
                .collect();
            if !plain.is_empty() {
                println!(
                    "{} taken before are not encrypted: delete them from {} once you have a new one.",
                    plural(plain.len(), "backup", "backups"),
                    backup_dir(&path).display()
                );
            }
        }
        Command::Passphrase => {
            let (mut store, path) = open(&cli.db)?;
            if !store.is_encrypted() {
                return Err(Failure(format!(
                    "{} is not encrypted: `panel encrypt` encrypts it under a passphrase",
                    path.display()
                )));
            }
            let current = passphrase(&path)?;
            let new = new_passphrase("PANEL_NEW_KEY", "to replace the current one")?;
            store.change_passphrase(&current, &new)?;
            println!(
                "The passphrase of {} is changed. Backups taken before keep the old one.",
                path.display()
            );
        }
        Command::Start => {
            let (mut store, path) = open(&cli.db)?;
            if store.is_empty()? {
                println!("{} is a new, empty database.", path.display());
                if confirm("Load demo data, so you can see a living panel?")? {
                    let summary = panel_app::load_demo(&mut store, &clock())?;
                    println!("Demo data added: {}\n", describe(&summary));
                }
            }
            let report = store.spend(FinancialYear::containing(today()), today())?;
            print_spend(&store, &report)?;
        }
    }
    Ok(())
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
        .map_err(|e| Failure(e.to_string()))?;
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Failure(e.to_string()))?;
    Ok(match answer.trim().to_ascii_lowercase().as_str() {
        "" => default,
        a => matches!(a, "y" | "yes"),
    })
}

fn now() -> chrono::NaiveDateTime {
    clock().now()
}

/// The passphrase of a backup taken under another passphrase: PANEL_BACKUP_KEY, or asked.
fn backup_key(file: &Path) -> Result<Passphrase, Failure> {
    let text = secret(
        "PANEL_BACKUP_KEY",
        &format!("Passphrase of the backup {}: ", file.display()),
    )?
    .ok_or_else(|| {
        Failure(format!(
            "Nothing restored: {} is under another passphrase, or is no backup at all; set PANEL_BACKUP_KEY to its passphrase, or run panel in a terminal to be asked",
            file.display()
        ))
    })?;
    Passphrase::given(&text).map_err(|e| Failure(format!("PANEL_BACKUP_KEY: {e}")))
}

fn refused_restore(file: &Path, e: StoreError) -> Failure {
    Failure(format!("Nothing restored from {}: {e}", file.display()))
}

/// What a database holds, in a sentence.
fn summarise(s: &DbSummary) -> String {
    let mut text = format!(
        "{}, {}, {}, {}{}, {}",
        plural(s.partners as usize, "partner", "partners"),
        plural(s.cases as usize, "case", "cases"),
        plural(s.placements as usize, "placement", "placements"),
        plural(
            s.final_decisions as usize,
            "final decision",
            "final decisions"
        ),
        s.latest_decision
            .as_ref()
            .map_or(String::new(), |n| format!(" (the latest {n})")),
        plural(s.meetings as usize, "meeting", "meetings"),
    );
    if s.draft_decisions > 0 {
        text.push_str(&format!(
            ", {}",
            plural(
                s.draft_decisions as usize,
                "draft decision",
                "draft decisions"
            )
        ));
    }
    match &s.last_change {
        Some((at, by)) => text.push_str(&format!("; last changed {} by {by}", local_time(at))),
        None => text.push_str("; never changed"),
    }
    text
}

/// `panel import-sheet`: reads the file, shows how each column is read, then checks and
/// imports.
fn import_sheet(
    store: &mut Store,
    db: &Path,
    file: &Path,
    options: &SheetOptions<'_>,
) -> Result<(), Failure> {
    let SheetOptions {
        sheet,
        columns,
        per,
        check_only,
    } = *options;
    let bytes =
        std::fs::read(file).map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))?;
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tables = read_spreadsheet(&name, &bytes)
        .map_err(|e| Failure(format!("Nothing was imported from {}: {e}", file.display())))?;
    let partners = store.partners()?;
    let table = match sheet {
        None => &tables[best_sheet(&tables, &partners)],
        Some(wanted) => tables
            .iter()
            .find(|t| t.name.eq_ignore_ascii_case(wanted))
            .ok_or_else(|| {
                let names: Vec<String> = tables.iter().map(|t| format!("\"{}\"", t.name)).collect();
                Failure(format!(
                    "{} has no sheet \"{wanted}\" with anything in it; its sheets are {}",
                    file.display(),
                    names.join(", ")
                ))
            })?,
    };
    let mut mapping = guess_mapping(&table.headers, &partners);
    if let Some(p) = per {
        mapping.per = unit(p)
            .ok_or_else(|| Failure(format!("--per {p}: the unit is week, day, year or once")))?;
    }
    for choice in columns {
        let (code, column) = choice.split_once('=').ok_or_else(|| {
            Failure(format!(
                "--column {choice}: write it as FIELD=COLUMN, e.g. start=\"Date from\""
            ))
        })?;
        let field = Field::parse(code.trim(), &partners).ok_or_else(|| {
            let codes: Vec<String> = Field::all(partners.len())
                .iter()
                .map(|f| f.code(&partners))
                .collect();
            Failure(format!(
                "--column {choice}: \"{code}\" is not a field; the fields are {}",
                codes.join(", ")
            ))
        })?;
        let column = column.trim();
        if column.eq_ignore_ascii_case("none") {
            mapping.columns.remove(&field);
            continue;
        }
        let at = table
            .headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(column))
            .or_else(|| (0..table.headers.len()).find(|&i| column_letter(i).eq_ignore_ascii_case(column)))
            .ok_or_else(|| {
                Failure(format!(
                    "--column {choice}: the sheet \"{}\" has no column headed or lettered \"{column}\"",
                    table.name
                ))
            })?;
        mapping.columns.insert(field, at);
    }
    println!(
        "Sheet \"{}\" of {}: headings in row {}, {}.",
        table.name,
        file.display(),
        table.header_row,
        plural(table.rows.len(), "row", "rows")
    );
    for f in Field::all(partners.len()) {
        let label = f.label(&partners);
        match mapping.column(f) {
            Some(c) => println!(
                "  {label:<34} {:>3}  {}",
                column_letter(c),
                table.headers.get(c).map_or("", String::as_str)
            ),
            None if f == Field::Per => println!(
                "  {label:<34}   -  (every amount is {})",
                match mapping.per {
                    Per::Week => "a week's",
                    Per::Day => "a day's",
                    Per::Year => "a year's",
                    Per::Once => "a one-off amount",
                }
            ),
            None => println!("  {label:<34}   -"),
        }
    }
    let clock = clock();
    if check_only {
        let plan = panel_app::plan_sheet(store, &clock, table, &mapping)?;
        let problems: Vec<String> = plan.problems.iter().map(ToString::to_string).collect();
        if !problems.is_empty() {
            return Err(refused(file, problems));
        }
        println!(
            "Every row can be imported: {} and {}. Nothing was imported (--check).",
            plural(plan.placements.len(), "placement", "placements"),
            plural(plan.new_cases.len(), "new case", "new cases"),
        );
        return Ok(());
    }
    let done =
        panel_app::import_sheet(store, &clock, &backup_dir(db), table, &mapping).map_err(|e| {
            match e {
                StoreError::Invalid(problems) => refused(file, problems),
                other => Failure(other.to_string()),
            }
        })?;
    println!(
        "Imported {} and {} from {}. The data as it was before is backed up in {}.",
        plural(done.imported.placements, "placement", "placements"),
        plural(done.imported.cases, "new case", "new cases"),
        file.display(),
        done.backup.path.display()
    );
    Ok(())
}

/// How `panel import-sheet` reads a file.
#[derive(Clone, Copy)]
struct SheetOptions<'a> {
    /// The sheet's name.
    sheet: Option<&'a str>,
    /// `FIELD=COLUMN` choices.
    columns: &'a [String],
    /// The unit when no column gives it.
    per: Option<&'a str>,
    /// Report only.
    check_only: bool,
}

fn refused(file: &Path, problems: Vec<String>) -> Failure {
    let n = problems.len();
    let mut msg = problems.join("\n");
    msg.push_str(&format!(
        "\nNothing was imported from {}: {n} problem{} to fix.",
        file.display(),
        if n == 1 { "" } else { "s" }
    ));
    Failure(msg)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn describe(s: &ImportSummary) -> String {
    format!(
        "{}, {}, {} ({}, {}), {}, {}.",
        plural(s.partners, "new partner", "new partners"),
        plural(s.agreements, "agreement", "agreements"),
        plural(s.cases, "case", "cases"),
        plural(s.placements, "placement", "placements"),
        plural(s.cost_lines, "cost line", "cost lines"),
        plural(s.meetings, "meeting", "meetings"),
        plural(s.decisions, "decision", "decisions"),
    )
}

/// Prints the spend report as a table.
fn print_spend(store: &Store, r: &SpendReport) -> Result<(), Failure> {
    let settings = store.settings()?;
    let partners = store.partners()?;
    println!("{} — {}", settings.panel_name, settings.authority);
    println!(
        "Pooled budget {} ({} to {}), spend to date as of {}",
        r.year,
        r.year.start().format("%d/%m/%Y"),
        r.year.end().format("%d/%m/%Y"),
        r.as_of.format("%d/%m/%Y")
    );
    println!("{}", r.agreement_note());
    println!();
    let headings = [
        "Partner",
        "Contribution",
        "Spend to date",
        "Projected spend",
        "Risk share",
    ];
    let mut rows: Vec<[String; 5]> = r
        .partners
        .iter()
        .zip(&partners)
        .map(|(p, info)| {
            [
                format!("{} {}", p.code, info.name),
                p.contribution.to_string(),
                p.to_date.to_string(),
                p.projected.to_string(),
                p.risk_share.to_string(),
            ]
        })
        .collect();
    rows.push([
        "Total".into(),
        r.budget.to_string(),
        r.to_date.to_string(),
        r.projected.to_string(),
        r.variance.to_string(),
    ]);
    let mut widths = headings.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 5]| {
        let mut s = format!("{:<w$}", cells[0], w = widths[0]);
        for (i, c) in cells.iter().enumerate().skip(1) {
            s.push_str(&format!("  {:>w$}", c, w = widths[i]));
        }
        s
    };
    println!("{}", line(headings));
    println!(
        "{}",
        "-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1))
    );
    for (i, row) in rows.iter().enumerate() {
        if i + 1 == rows.len() {
            println!(
                "{}",
                "-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1))
            );
        }
        println!("{}", line([&row[0], &row[1], &row[2], &row[3], &row[4]]));
    }
    println!();
    println!("{}", r.verdict());
    Ok(())
}
