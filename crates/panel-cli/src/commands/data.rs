//! Data in and out: `init`, `import`, `import-sheet`, `export`, `demo` and `start`.

use super::spend::print_spend;
use crate::*;

/// Creates the database, or brings it up to date.
pub(crate) fn init(db: &Option<PathBuf>) -> Result<(), Failure> {
    let (_, path) = open_or_create(db)?;
    println!("Database ready: {}", path.display());
    Ok(())
}

/// `panel import`: a dataset, all of it or nothing, after a backup.
pub(crate) fn import(db: &Option<PathBuf>, file: PathBuf) -> Result<(), Failure> {
    let text = std::fs::read_to_string(&file)
        .map_err(|e| Failure::Said(format!("cannot read {}: {e}", file.display())))?;
    let dataset = read_dataset(&text).map_err(|problems| refused(&file, problems))?;
    let (mut store, path) = open_or_create(db)?;
    let done = panel_app::import_dataset(&mut store, &clock(), &backup_dir(&path), &dataset)
        .map_err(|e| match e {
            StoreError::Invalid(problems) => refused(&file, problems),
            other => other.into(),
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
    Ok(())
}

/// `panel import-sheet`: placements from a spreadsheet, every row or none.
pub(crate) fn import_sheet(
    db: &Option<PathBuf>,
    file: PathBuf,
    sheet: Option<String>,
    columns: Vec<String>,
    per: Option<String>,
    check: bool,
) -> Result<(), Failure> {
    let (mut store, path) = open_or_create(db)?;
    let options = SheetOptions {
        sheet: sheet.as_deref(),
        columns: &columns,
        per: per.as_deref(),
        check_only: check,
    };
    import_sheet_file(&mut store, &path, &file, &options)?;
    Ok(())
}

/// `panel export`: the whole database as a dataset.
pub(crate) fn export(db: &Option<PathBuf>, file: PathBuf) -> Result<(), Failure> {
    let (store, _) = open(db)?;
    let text = write_dataset(&store.export()?);
    if file.as_os_str() == "-" {
        std::io::stdout().write_all(text.as_bytes()).map_err(|e| {
            if crate::reader_gone(&e) {
                Failure::ReaderGone
            } else {
                Failure::Said(format!("cannot write: {e}"))
            }
        })?;
    } else {
        write_file(&file, text.as_bytes())
            .map_err(|e| Failure::Said(format!("cannot write {}: {e}", file.display())))?;
        eprintln!("Exported to {}", file.display());
    }
    Ok(())
}

/// `panel demo`: demo data into an empty database.
pub(crate) fn demo(db: &Option<PathBuf>, yes: bool) -> Result<(), Failure> {
    let (mut store, path) = open_or_create(db)?;
    if !store.is_empty()? {
        return Err(Failure::Said(format!(
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
    Ok(())
}

/// `panel start`: demo data offered for an empty database, then this year's spend.
pub(crate) fn start(db: &Option<PathBuf>) -> Result<(), Failure> {
    let (mut store, path) = open_or_create(db)?;
    if store.is_empty()? {
        println!("{} is a new, empty database.", path.display());
        if confirm("Load demo data, so you can see a living panel?")? {
            let summary = panel_app::load_demo(&mut store, &clock())?;
            println!("Demo data added: {}\n", describe(&summary));
        }
    }
    let report = store.spend(FinancialYear::containing(today()), today())?;
    print_spend(&store, &report)?;
    Ok(())
}

/// `panel import-sheet`: reads the file, shows how each column is read, then checks and
/// imports.
pub(crate) fn import_sheet_file(
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
    let bytes = std::fs::read(file)
        .map_err(|e| Failure::Said(format!("cannot read {}: {e}", file.display())))?;
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tables = read_spreadsheet(&name, &bytes)
        .map_err(|e| Failure::Said(format!("Nothing was imported from {}: {e}", file.display())))?;
    let partners = store.partners()?;
    let table = match sheet {
        None => &tables[best_sheet(&tables, &partners)],
        Some(wanted) => tables
            .iter()
            .find(|t| t.name.eq_ignore_ascii_case(wanted))
            .ok_or_else(|| {
                let names: Vec<String> = tables.iter().map(|t| format!("\"{}\"", t.name)).collect();
                Failure::Said(format!(
                    "{} has no sheet \"{wanted}\" with anything in it; its sheets are {}",
                    file.display(),
                    names.join(", ")
                ))
            })?,
    };
    let mut mapping = guess_mapping(&table.headers, &partners);
    if let Some(p) = per {
        mapping.per = unit(p).ok_or_else(|| {
            Failure::Said(format!("--per {p}: the unit is week, day, year or once"))
        })?;
    }
    for choice in columns {
        let (code, column) = choice.split_once('=').ok_or_else(|| {
            Failure::Said(format!(
                "--column {choice}: write it as FIELD=COLUMN, e.g. start=\"Date from\""
            ))
        })?;
        let field = Field::parse(code.trim(), &partners).ok_or_else(|| {
            let codes: Vec<String> = Field::all(partners.len())
                .iter()
                .map(|f| f.code(&partners))
                .collect();
            Failure::Said(format!(
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
                Failure::Said(format!(
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
    // The rows that are not placements, each named, before anything else is said of them.
    let plan = panel_app::plan_sheet(store, &clock, table, &mapping)?;
    for l in &plan.left_out {
        println!("{l}");
    }
    if check_only {
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
                other => other.into(),
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
pub(crate) struct SheetOptions<'a> {
    /// The sheet's name.
    sheet: Option<&'a str>,
    /// `FIELD=COLUMN` choices.
    columns: &'a [String],
    /// The unit when no column gives it.
    per: Option<&'a str>,
    /// Report only.
    check_only: bool,
}

pub(crate) fn describe(s: &ImportSummary) -> String {
    let statements = if s.statements > 0 {
        format!(
            ", {}",
            plural(s.statements, "issued statement", "issued statements")
        )
    } else {
        String::new()
    };
    format!(
        "{}, {}, {} ({}, {}), {}, {}{statements}.",
        plural(s.partners, "new partner", "new partners"),
        plural(s.agreements, "agreement", "agreements"),
        plural(s.cases, "case", "cases"),
        plural(s.placements, "placement", "placements"),
        plural(s.cost_lines, "cost line", "cost lines"),
        plural(s.meetings, "meeting", "meetings"),
        plural(s.decisions, "decision", "decisions"),
    )
}
