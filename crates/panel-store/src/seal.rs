//! The register as a chain of seals (a tamper-evident register): each final decision's seal
//! is linked to the one before by a SHA-256 digest of the previous link's digest, the
//! decision's number and its sealed content. `panel check` walks the chain; a printed record
//! carries its decision's digest, so `panel verify` can say whether it is the one on the
//! register.

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;
use sha2::{Digest, Sha256};

use crate::{Result, Store};

/// The first link's previous digest.
pub(crate) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A link's digest: of the previous link's digest, the number and the sealed content, each on
/// its own line.
pub(crate) fn digest(previous: &str, number: &str, content: &str) -> String {
    hex(&format!("{previous}\n{number}\n{content}"))
}

fn hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `panel_sha256(text)`, which the chain's trigger calls.
pub(crate) fn register_functions(conn: &Connection) -> Result<()> {
    conn.create_scalar_function(
        "panel_sha256",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(hex(&ctx.get::<String>(0)?)),
    )?;
    Ok(())
}

/// Chains the seals made before the chain existed, in the order the decisions are numbered.
pub(crate) fn chain_unchained(conn: &Connection) -> Result<()> {
    let missing: Vec<(i64, String, String)> = conn
        .prepare(
            "SELECT s.decision_id, d.number, s.content FROM decision_seals s JOIN decisions d ON d.id = s.decision_id
             WHERE NOT EXISTS (SELECT 1 FROM seal_chain c WHERE c.decision_id = s.decision_id)
               AND d.number IS NOT NULL
             ORDER BY d.year_start, d.seq, s.decision_id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, number, content) in missing {
        let previous: String = conn.query_row(
            "SELECT coalesce((SELECT digest FROM seal_chain ORDER BY position DESC LIMIT 1), ?1)",
            [GENESIS],
            |r| r.get(0),
        )?;
        conn.execute(
            "INSERT INTO seal_chain (decision_id, number, previous, digest) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![id, number, previous, digest(&previous, &number, &content)],
        )?;
    }
    Ok(())
}

/// What is wrong with the chain: a link whose digest is not that of its previous link,
/// number and seal; a link that does not follow the one before; a final decision with no
/// link; a link whose decision or seal is gone.
pub(crate) fn chain_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT c.number, c.previous, c.digest, s.content, d.id, d.number
         FROM seal_chain c LEFT JOIN decision_seals s ON s.decision_id = c.decision_id
         LEFT JOIN decisions d ON d.id = c.decision_id ORDER BY c.position",
    )?;
    let mut rows = stmt.query([])?;
    let mut expected = GENESIS.to_string();
    while let Some(r) = rows.next()? {
        let (number, previous, link): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let content: Option<String> = r.get(3)?;
        let decision: Option<i64> = r.get(4)?;
        let now: Option<String> = r.get(5)?;
        if previous != expected {
            problems.push(format!(
                "the register's chain is broken before {number}: a link was removed or changed"
            ));
        }
        match (decision, content) {
            (None, _) => problems.push(format!("{number} is on the register but has been deleted")),
            (Some(_), None) => problems.push(format!("{number} has lost its seal")),
            (Some(_), Some(content)) => {
                if digest(&previous, &number, &content) != link {
                    problems.push(format!(
                        "{number}'s link in the register's chain does not match its seal"
                    ));
                }
                if now.as_deref() != Some(number.as_str()) {
                    problems.push(format!("{number} has been renumbered since it was sealed"));
                }
            }
        }
        expected = link;
    }
    drop(rows);
    problems.extend(
        conn.prepare(
            "SELECT d.number || ' is final but not on the register''s chain' FROM decisions d
             WHERE d.status = 'final' AND NOT EXISTS (SELECT 1 FROM seal_chain c WHERE c.decision_id = d.id)
             ORDER BY d.year_start, d.seq",
        )?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?,
    );
    Ok(problems)
}

impl Store {
    /// The register's digest of final decision `number`, if it is on the register.
    pub fn register_digest(&self, number: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row(
                "SELECT digest FROM seal_chain WHERE number = ?1",
                [number],
                |r| r.get(0),
            )
            .optional()?)
    }
}
