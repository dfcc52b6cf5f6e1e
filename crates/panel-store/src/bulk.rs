//! The audit trail of a large import written a table at a time rather than a row at a time.
//!
//! Every insert is audited by a trigger that writes one `audit_log` row; for the hundreds of
//! thousands of rows of a large import, running those triggers row by row is most of the
//! import's time (each statement that fires a trigger keeps a statement journal). Inside the
//! import's transaction, the insert triggers of the tables it fills in bulk are set aside and,
//! once the rows are in, each trigger's own `INSERT INTO audit_log … VALUES (…)` is run once as
//! `INSERT INTO audit_log … SELECT … FROM table AS NEW` over the rows added: the same entries,
//! from the same SQL, with consecutive ids, in the same save. The triggers are put back before
//! the transaction ends, and a rolled-back import rolls their removal back with it.

use rusqlite::{OptionalExtension, Transaction};

use crate::{Result, StoreError};

/// The tables a dataset import fills in bulk, in the order their rows are audited.
pub(crate) const BULK_TABLES: &[&str] = &[
    "cases",
    "placements",
    "cost_lines",
    "splits",
    "split_shares",
];

/// One table's insert trigger, set aside.
struct SetAside {
    table: &'static str,
    trigger: String,
    sql: String,
    bulk: String,
    after_rowid: i64,
}

/// The insert triggers of some tables, set aside until [`BulkAudit::finish`].
pub(crate) struct BulkAudit {
    set_aside: Vec<SetAside>,
}

/// The trigger's single `INSERT INTO audit_log (…) VALUES (…)` as `INSERT INTO audit_log (…)
/// SELECT … FROM table AS NEW WHERE NEW.rowid > ?1 ORDER BY NEW.rowid`; None for a trigger of
/// another shape (which is then left to run row by row).
pub(crate) fn bulk_form(trigger_sql: &str, table: &str) -> Option<String> {
    let begin = trigger_sql.find("BEGIN")? + "BEGIN".len();
    let end = trigger_sql.rfind("END")?;
    let body = trigger_sql
        .get(begin..end)?
        .trim()
        .strip_suffix(';')?
        .trim_end();
    if !body.starts_with("INSERT INTO audit_log") || body.contains(';') {
        return None;
    }
    let values = body.find("VALUES")?;
    let rest = body[values + "VALUES".len()..].trim_start();
    let inner = rest.strip_prefix('(')?.strip_suffix(')')?;
    Some(format!(
        "{} SELECT {inner} FROM {table} AS NEW WHERE NEW.rowid > ?1 ORDER BY NEW.rowid",
        body[..values].trim_end()
    ))
}

impl BulkAudit {
    /// Sets aside the insert audit triggers of `tables` inside `tx`, noting where each table's
    /// rows end now.
    pub(crate) fn begin(tx: &Transaction<'_>, tables: &[&'static str]) -> Result<BulkAudit> {
        let mut set_aside = Vec::with_capacity(tables.len());
        for &table in tables {
            let trigger = format!("{table}_audit_insert");
            let Some(sql) = tx
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1 AND tbl_name = ?2",
                    [&trigger, table],
                    |r| r.get::<_, String>(0),
                )
                .optional()?
            else {
                continue;
            };
            let Some(bulk) = bulk_form(&sql, table) else {
                continue;
            };
            let after_rowid: i64 = tx.query_row(
                &format!("SELECT coalesce(max(rowid), 0) FROM {table}"),
                [],
                |r| r.get(0),
            )?;
            tx.execute_batch(&format!("DROP TRIGGER {trigger}"))?;
            set_aside.push(SetAside {
                table,
                trigger,
                sql,
                bulk,
                after_rowid,
            });
        }
        Ok(BulkAudit { set_aside })
    }

    /// Audits the rows added since [`BulkAudit::begin`], table by table, and puts the triggers
    /// back as they were.
    pub(crate) fn finish(self, tx: &Transaction<'_>) -> Result<()> {
        for s in &self.set_aside {
            tx.execute(&s.bulk, [s.after_rowid])?;
            tx.execute_batch(&s.sql)?;
            let back: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?1)",
                [&s.trigger],
                |r| r.get(0),
            )?;
            if !back {
                return Err(StoreError::Corrupt(format!(
                    "the audit trigger of {} could not be put back",
                    s.table
                )));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trigger_of_one_audit_insert_is_run_over_the_rows_added() {
        let sql = "CREATE TRIGGER t_audit_insert AFTER INSERT ON t BEGIN\n    INSERT INTO audit_log (a, b)\n    VALUES (NEW.id, json_object('x', NEW.x));\nEND";
        assert_eq!(
            bulk_form(sql, "t").as_deref(),
            Some(
                "INSERT INTO audit_log (a, b) SELECT NEW.id, json_object('x', NEW.x) FROM t AS NEW WHERE NEW.rowid > ?1 ORDER BY NEW.rowid"
            )
        );
        // Two statements, or anything but an audit insert, run row by row as before.
        let two = "CREATE TRIGGER t AFTER INSERT ON t BEGIN INSERT INTO audit_log (a) VALUES (1); INSERT INTO audit_log (a) VALUES (2); END";
        assert_eq!(bulk_form(two, "t"), None);
        let other = "CREATE TRIGGER t AFTER INSERT ON t BEGIN UPDATE x SET a = 1; END";
        assert_eq!(bulk_form(other, "t"), None);
    }
}
