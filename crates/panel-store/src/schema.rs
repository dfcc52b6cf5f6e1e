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
];

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
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
