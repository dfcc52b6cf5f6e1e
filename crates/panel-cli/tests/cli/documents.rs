//! `record`, `minutes`, `agenda` and `verify`: the printed papers.

use super::*;

#[test]
fn record_prints_a_final_decision_in_full_or_redacted() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    let store = open_db(&env.db());
    let year = panel_core::FinancialYear::containing(today());
    // The demo's decisions are numbered in the current year or the one before.
    let previous = panel_core::FinancialYear::starting(year.start_year() - 1).unwrap();
    let number = [year, previous]
        .iter()
        .map(|y| format!("CNP/{}/0001", y.short_label()))
        .find(|n| store.decision_by_number(n).is_ok())
        .expect("the demo has a first decision");
    let record =
        panel_app::documents::record(&store, store.decision_by_number(&number).unwrap()).unwrap();
    drop(store);

    let full = env.dir.path().join("out/record.pdf");
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    let o = panel(
        &env.db(),
        &["record", &number, "--out", full.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("Record of decision {number}")));
    let bytes = std::fs::read(&full).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let redacted = env.dir.path().join("out/published.pdf");
    env.ok(&[
        "record",
        &number,
        "--out",
        redacted.to_str().unwrap(),
        "--redacted",
    ]);
    let published = std::fs::read(&redacted).unwrap();
    assert!(published.starts_with(b"%PDF-"));
    let raw = String::from_utf8_lossy(&published);
    assert!(
        !raw.contains(&record.reference),
        "{} in the file",
        record.reference
    );

    // No such decision: refused, and no file.
    let missing = env.dir.path().join("out/missing.pdf");
    let o = panel(
        &env.db(),
        &[
            "record",
            "CNP/99-00/0001",
            "--out",
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("there is no decision CNP/99-00/0001"),
        "{}",
        stderr(&o)
    );
    assert!(!missing.exists());
}

#[test]
fn minutes_and_agenda_print_a_meeting_by_its_date() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    let store = open_db(&env.db());
    // The demo's latest meeting with decisions, and its first decision.
    let (meeting, number) = store
        .meetings()
        .unwrap()
        .into_iter()
        .find_map(|m| {
            let agenda = store.agenda(m.id).unwrap();
            let first = agenda.first()?;
            let d = store.item_decisions(first.id).unwrap().into_iter().next()?;
            Some((m, d.number?))
        })
        .expect("the demo has a meeting with decisions");
    drop(store);
    let day = meeting.date.to_string();
    let flat = |path: &std::path::Path| {
        let bytes = std::fs::read(path).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        pdf_extract::extract_text_from_mem(&bytes)
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let long = meeting.date.format("%-d %B %Y").to_string();

    let minutes = env.dir.path().join("minutes.pdf");
    let o = panel(
        &env.db(),
        &["minutes", &day, "--out", minutes.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("Minutes of the meeting of {long} written to")));
    let text = flat(&minutes);
    assert!(text.contains(&format!("meeting of {long}")), "{text}");
    assert!(text.contains(&number), "{number} not in {text}");
    assert!(text.contains(&meeting.chair), "{text}");

    let agenda = env.dir.path().join("agenda.pdf");
    env.ok(&["agenda", &day, "--out", agenda.to_str().unwrap()]);
    let text = flat(&agenda);
    assert!(
        text.contains(&format!("agenda pack for the meeting of {long}")),
        "{text}"
    );
    // The demo's meetings start at 10:00: the timetable has clock times.
    assert!(text.contains("Start time 10:00"), "{text}");
    assert!(text.contains("10:00–"), "{text}");

    // A date with no meeting, or no date at all: refused, and no file.
    let none = env.dir.path().join("none.pdf");
    let o = panel(
        &env.db(),
        &["minutes", "2001-01-01", "--out", none.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("there is no meeting on 01/01/2001"),
        "{}",
        stderr(&o)
    );
    let o = panel(
        &env.db(),
        &["agenda", "10/12/2026", "--out", none.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("write it as YYYY-MM-DD"),
        "{}",
        stderr(&o)
    );
    assert!(!none.exists());
}

#[test]
fn a_printed_record_is_verified_against_the_register() {
    let env = Env::new();
    env.ok(&["demo", "--yes"]);
    let store = open_db(&env.db());
    let number: String = store
        .connection()
        .query_row(
            "SELECT number FROM seal_chain ORDER BY position LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let digest = store.register_digest(&number).unwrap().unwrap();
    drop(store);
    let full = env.dir.path().join("record.pdf");
    let published = env.dir.path().join("published.pdf");
    env.ok(&["record", &number, "--out", full.to_str().unwrap()]);
    env.ok(&[
        "record",
        &number,
        "--out",
        published.to_str().unwrap(),
        "--redacted",
    ]);
    let text = panel_pdf::pdf_text(&std::fs::read(&full).unwrap()).unwrap();
    let grouped = format!(
        "{} {} {} {}",
        &digest[..16],
        &digest[16..32],
        &digest[32..48],
        &digest[48..]
    );
    assert!(
        text.contains(&format!("Register digest (SHA-256): {grouped}")),
        "{text}"
    );
    // Both prints are the record on the register.
    for file in [&full, &published] {
        let out = env.ok(&["verify", file.to_str().unwrap()]);
        assert_eq!(
            out,
            format!(
                "{} is the record of {number} on the register (digest {digest}).\n",
                file.display()
            )
        );
    }
    // Another register does not hold it.
    let other = Env::new();
    let clean = other.file(
        "clean.json",
        include_str!("../../../../docs/examples/clean-panel.json"),
    );
    other.ok(&["import", clean.to_str().unwrap()]);
    let o = panel(&other.db(), &["verify", full.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!("names {number}, which is not on this register")),
        "{}",
        stderr(&o)
    );
    // A document that is no record, and a file that is no PDF.
    let spend = env.dir.path().join("spend.pdf");
    env.ok(&["spend-report", "--out", spend.to_str().unwrap()]);
    let o = panel(&env.db(), &["verify", spend.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is not a record of decision"),
        "{}",
        stderr(&o)
    );
    let junk = env.file("junk.pdf", "not a pdf");
    let o = panel(&env.db(), &["verify", junk.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is not a record of decision"),
        "{}",
        stderr(&o)
    );
    // The decision rewritten in the database, with its seal, behind the program's back: the
    // printed record no longer matches the register.
    open_db(&env.db())
        .connection()
        .execute_batch(&format!(
            "DROP TRIGGER decisions_final_no_update; DROP TRIGGER decision_seals_no_update;
             UPDATE decisions SET reasons = 'Other reasons' WHERE number = '{number}';
             UPDATE decision_seals SET content = (SELECT content FROM decision_content WHERE id = decision_seals.decision_id)
              WHERE decision_id = (SELECT id FROM decisions WHERE number = '{number}');"
        ))
        .unwrap();
    let o = panel(&env.db(), &["verify", full.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the register itself has been changed there"),
        "{}",
        stderr(&o)
    );
}
