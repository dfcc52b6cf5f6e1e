//! Embedded migrations, applied in order, each in its own transaction.

use rusqlite::Connection;

use crate::{Result, StoreError};

/// The migrations, in order; `user_version` counts those applied. Never edit one that has
/// shipped: add another.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_ratification.sql"),
    include_str!("../migrations/0003_placement_snapshot.sql"),
    include_str!("../migrations/0004_seals_and_events.sql"),
    include_str!("../migrations/0005_decision_indexes.sql"),
    include_str!("../migrations/0006_meeting_start.sql"),
    include_str!("../migrations/0007_audit_saves.sql"),
    include_str!("../migrations/0008_statements.sql"),
    include_str!("../migrations/0009_payments.sql"),
    include_str!("../migrations/0010_disputes.sql"),
    include_str!("../migrations/0011_pool_money.sql"),
    include_str!("../migrations/0012_decision_impact.sql"),
    include_str!("../migrations/0013_actions_done.sql"),
    include_str!("../migrations/0014_uplift.sql"),
    include_str!("../migrations/0015_seal_chain.sql"),
    include_str!("../migrations/0016_indicative_budget.sql"),
    include_str!("../migrations/0017_partner_aliases.sql"),
];

/// The CHECK constraints a migration loosens before its SQL runs (SQLite cannot alter a
/// constraint): the migration's number, the table, and the text replaced. Every row that
/// passed the old constraint passes the new one.
const LOOSENED: &[(usize, &str, &str, &str)] = &[(
    10,
    "agenda_items",
    "'ratification', 'information')",
    "'ratification', 'information', 'dispute')",
)];

/// Loosens a table's CHECK constraint in place, as SQLite documents for removing or relaxing
/// constraints: the schema's text is changed and its version raised, inside the migration's
/// transaction, so the change and the migration land together or not at all.
fn loosen(conn: &Connection, table: &str, old: &str, new: &str) -> Result<()> {
    let version: i64 = conn.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    conn.pragma_update(None, "writable_schema", true)?;
    let changed = conn.execute(
        "UPDATE sqlite_schema SET sql = replace(sql, ?2, ?3) WHERE type = 'table' AND name = ?1 AND instr(sql, ?2) > 0",
        rusqlite::params![table, old, new],
    );
    conn.pragma_update(None, "writable_schema", false)?;
    if changed? != 1 {
        return Err(StoreError::Corrupt(format!(
            "the table {table} is not as this program made it, so its constraint could not be widened"
        )));
    }
    conn.pragma_update(None, "schema_version", version + 1)?;
    Ok(())
}

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database up to [`SCHEMA_VERSION`], or refuses one that is newer.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found == 0 {
        // A new file must be empty: never build our schema into somebody else's database.
        let tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
            [],
            |r| r.get(0),
        )?;
        if tables > 0 {
            return Err(StoreError::NotOurs {
                path: conn.path().unwrap_or("the file").to_string(),
                reason: "it already holds other tables".into(),
            });
        }
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        for (_, table, old, new) in LOOSENED.iter().filter(|l| l.0 == i + 1) {
            loosen(&tx, table, old, new)?;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    // Seals made before the register was a chain are chained now, in number order.
    if found < SCHEMA_VERSION {
        let tx = conn.transaction()?;
        crate::seal::chain_unchained(&tx)?;
        tx.commit()?;
    }
    Ok(())
}
