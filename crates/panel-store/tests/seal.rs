//! The register as a chain of seals, on a real SQLite file: each final decision's digest
//! covers the one before, and a change behind the program's back — even with every trigger
//! removed, even one that keeps a decision and its seal alike — is found.
#![allow(clippy::unwrap_used, missing_docs)]

use panel_store::Store;

fn demo(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("panel.sqlite3"), "tester").unwrap();
    let today = panel_core::year::parse_iso_date("2026-11-15").unwrap();
    store.import(&panel_core::demo::demo(today)).unwrap();
    store
}

fn problems(store: &Store) -> Vec<String> {
    store.check().unwrap().into_problems()
}

/// The numbers of the final decisions, in the register's order.
fn numbers(store: &Store) -> Vec<String> {
    store
        .connection()
        .prepare("SELECT number FROM seal_chain ORDER BY position")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn every_final_decision_is_chained_and_its_digest_covers_the_one_before() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(&dir);
    assert!(store.check().unwrap().ok());
    let chain = numbers(&store);
    let finals: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM decisions WHERE status = 'final'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(chain.len() as i64, finals);
    assert!(finals >= 3);
    let digests: Vec<String> = chain
        .iter()
        .map(|n| store.register_digest(n).unwrap().unwrap())
        .collect();
    assert!(
        digests
            .iter()
            .all(|d| d.len() == 64 && d.bytes().all(|b| b.is_ascii_hexdigit()))
    );
    let mut unique = digests.clone();
    unique.dedup();
    assert_eq!(unique.len(), digests.len());
    assert_eq!(store.register_digest("CNP/99-00/0001").unwrap(), None);
}

#[test]
fn a_decision_rewritten_with_its_seal_or_deleted_breaks_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(&dir);
    let chain = numbers(&store);
    let (second, third) = (chain[1].clone(), chain[2].clone());
    // The subject rewritten in the decision and its seal alike: the seal check passes, the
    // chain does not.
    store
        .connection()
        .execute_batch(&format!(
            "DROP TRIGGER decisions_final_no_update; DROP TRIGGER decision_seals_no_update;
             UPDATE decisions SET subject = 'Rewritten' WHERE number = '{second}';
             UPDATE decision_seals SET content = (SELECT content FROM decision_content WHERE id = decision_seals.decision_id)
              WHERE decision_id = (SELECT id FROM decisions WHERE number = '{second}');"
        ))
        .unwrap();
    let found = problems(&store);
    assert!(
        found.contains(&format!(
            "{second}'s link in the register's chain does not match its seal"
        )),
        "{found:?}"
    );
    // A decision deleted with its seal and its link: the chain is broken after it.
    let dir = tempfile::tempdir().unwrap();
    let store = demo(&dir);
    store
        .connection()
        .execute_batch(&format!(
            "PRAGMA foreign_keys = OFF;
             DROP TRIGGER decisions_final_no_delete; DROP TRIGGER decision_seals_no_delete; DROP TRIGGER seal_chain_no_delete;
             DELETE FROM seal_chain WHERE number = '{second}';
             DELETE FROM decision_seals WHERE decision_id = (SELECT id FROM decisions WHERE number = '{second}');
             DELETE FROM decisions WHERE number = '{second}';"
        ))
        .unwrap();
    let found = problems(&store);
    assert!(
        found.contains(&format!(
            "the register's chain is broken before {third}: a link was removed or changed"
        )),
        "{found:?}"
    );
}

#[test]
fn a_register_sealed_before_the_chain_is_chained_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.sqlite3");
    let before = {
        let store = demo(&dir);
        let chain = numbers(&store);
        let digests: Vec<_> = chain
            .iter()
            .map(|n| store.register_digest(n).unwrap())
            .collect();
        // As a file of the version before: no chain yet (nor what came after it).
        store
            .connection()
            .execute_batch(
                "DROP TABLE decision_indicatives; DROP TABLE assessments; DROP TABLE allocation_tables;
                 DROP TRIGGER decision_seals_chain; DROP TABLE seal_chain;
                 DROP TRIGGER partners_audit_insert; DROP TRIGGER partners_audit_update;
                 DROP TRIGGER partners_audit_delete; ALTER TABLE partners DROP COLUMN aliases;
                 PRAGMA user_version = 14;",
            )
            .unwrap();
        (chain, digests)
    };
    let store = Store::open(&path, "tester").unwrap();
    assert_eq!(numbers(&store), before.0);
    let digests: Vec<_> = before
        .0
        .iter()
        .map(|n| store.register_digest(n).unwrap())
        .collect();
    assert_eq!(
        digests, before.1,
        "chained by the program as the schema chains them"
    );
    assert!(store.check().unwrap().ok(), "{:?}", problems(&store));
}
