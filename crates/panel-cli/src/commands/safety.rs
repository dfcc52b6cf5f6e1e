//! Keeping the data safe: `backup`, `backups`, `restore`, `check`, `encrypt` and `passphrase`.

use crate::*;

/// `panel backup`: a backup to a file, or into the automatic backups folder.
pub(crate) fn backup(db: &Option<PathBuf>, file: Option<PathBuf>) -> Result<(), Failure> {
    let (store, path) = open(db)?;
    let written = match file {
        Some(file) => {
            if file.exists() {
                return Err(Failure::Said(format!(
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
    Ok(())
}

/// `panel backups`: the automatic backups, newest first.
pub(crate) fn backups(db: &Option<PathBuf>) -> Result<(), Failure> {
    let path = db_path(db)?;
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
    Ok(())
}

/// `panel restore`: what the backup and the database hold, then (asked) the restore.
pub(crate) fn restore(db: &Option<PathBuf>, file: PathBuf, yes: bool) -> Result<(), Failure> {
    let (mut store, path) = open(db)?;
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
            return Err(Failure::Said(
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
    Ok(())
}

/// `panel check`: every check of the database; a problem exits with 1.
pub(crate) fn check(db: &Option<PathBuf>) -> Result<(), Failure> {
    let (store, path) = open(db)?;
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
        return Err(Failure::Said(format!(
            "{} found: restore a backup taken before it, or ask for help (`panel backups` lists them).",
            plural(n, "problem", "problems")
        )));
    }
    println!("All {} checks passed.", report.lines.len());
    Ok(())
}

/// `panel encrypt`: an unencrypted database encrypted in place.
pub(crate) fn encrypt(db: &Option<PathBuf>) -> Result<(), Failure> {
    let path = db_path(db)?;
    match file_kind(&path)? {
        FileKind::Plain => {}
        FileKind::Encrypted => {
            return Err(Failure::Said(format!(
                "{} is already encrypted",
                path.display()
            )));
        }
        FileKind::New => {
            return Err(Failure::Said(format!(
                "there is no database at {} to encrypt",
                path.display()
            )));
        }
    }
    let key = new_passphrase("PANEL_KEY", &format!("to encrypt {}", path.display()))?;
    Store::encrypt_file(&path, &actor()?, &key)
        .map_err(|e| Failure::Said(format!("cannot encrypt {}: {e}", path.display())))?;
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
    Ok(())
}

/// `panel passphrase`: a new passphrase for the database.
pub(crate) fn change_passphrase(db: &Option<PathBuf>) -> Result<(), Failure> {
    let (mut store, path) = open(db)?;
    if !store.is_encrypted() {
        return Err(Failure::Said(format!(
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
    Ok(())
}

/// The passphrase of a backup taken under another passphrase: PANEL_BACKUP_KEY, or asked.
pub(crate) fn backup_key(file: &Path) -> Result<Passphrase, Failure> {
    let text = secret(
        "PANEL_BACKUP_KEY",
        &format!("Passphrase of the backup {}: ", file.display()),
    )?
    .ok_or_else(|| {
        Failure::Said(format!(
            "Nothing restored: {} is under another passphrase, or is no backup at all; set PANEL_BACKUP_KEY to its passphrase, or run panel in a terminal to be asked",
            file.display()
        ))
    })?;
    Passphrase::given(&text).map_err(|e| Failure::Said(format!("PANEL_BACKUP_KEY: {e}")))
}

pub(crate) fn refused_restore(file: &Path, e: StoreError) -> Failure {
    Failure::Said(format!("Nothing restored from {}: {e}", file.display()))
}

/// What a database holds, in a sentence.
pub(crate) fn summarise(s: &DbSummary) -> String {
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
