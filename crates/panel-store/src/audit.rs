//! Reading the audit trail: who changed what, when, before and after, and the events of the
//! database as a whole (encrypted, passphrase changed, restored), filtered by case, meeting
//! and person.
//!
//! Each entry is placed in its case and meeting through the ids its row holds, followed up
//! the trail itself (a cost line's placement's case, a paragraph's decision's case, an
//! interest's agenda item's meeting), so entries of rows since deleted are placed too.

use std::collections::HashMap;

use crate::{Result, Store};

/// An audit time (UTC, ISO 8601, as the trail records it) in local time, as people read it:
/// `23/11/2026 19:45:09`. Text that is no such time is shown as it is.
pub fn local_time(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%d/%m/%Y %H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|_| at.to_string())
}

/// Which entries to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only entries about this case.
    pub case_id: Option<i64>,
    /// Only entries about this meeting (its attendance, agenda, interests and decisions).
    pub meeting_id: Option<i64>,
    /// Only changes made by this person.
    pub actor: Option<String>,
    /// At most this many, newest first.
    pub limit: usize,
    /// After skipping this many.
    pub offset: usize,
}

/// One change, or one event of the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// When (UTC, ISO 8601).
    pub at: String,
    /// Who.
    pub actor: String,
    /// The table changed (`database` for an event of the whole file).
    pub table: String,
    /// The row changed (0 for an event).
    pub row_id: i64,
    /// `insert`, `update`, `delete`, or the event (`encrypted`, `passphrase_changed`,
    /// `restored`).
    pub action: String,
    /// The row before, as JSON (none for an insert).
    pub before: Option<String>,
    /// The row after, as JSON (none for a delete); an event's detail.
    pub after: Option<String>,
    /// The case it concerns, by id and reference.
    pub case: Option<(i64, String)>,
    /// The meeting it concerns, by id and date.
    pub meeting: Option<(i64, String)>,
}

/// A page of the trail and how many entries the filter finds in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditPage {
    /// The entries, newest first.
    pub entries: Vec<AuditEntry>,
    /// How many match the filter.
    pub total: usize,
}

/// The ids a row names, read from its JSON.
#[derive(Default, Clone, Copy)]
struct Links {
    case: Option<i64>,
    meeting: Option<i64>,
    placement: Option<i64>,
    decision: Option<i64>,
    split: Option<i64>,
    item: Option<i64>,
}

struct Raw {
    id: i64,
    at: String,
    actor: String,
    table: String,
    row_id: i64,
    action: String,
    before: Option<String>,
    after: Option<String>,
    links: Links,
}

impl Store {
    /// The people the audit trail names, most recent first.
    pub fn audit_actors(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT actor FROM (SELECT actor, max(id) AS last FROM audit_log GROUP BY actor
                                UNION ALL SELECT actor, 0 FROM events)
             GROUP BY actor ORDER BY max(last) DESC, actor",
        )?;
        Ok(stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The entries of the audit trail `filter` asks for, newest first.
    pub fn audit(&self, filter: &AuditFilter) -> Result<AuditPage> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, actor, table_name, row_id, action, before, after,
                    json_extract(coalesce(after, before), '$.case_id'),
                    json_extract(coalesce(after, before), '$.meeting_id'),
                    json_extract(coalesce(after, before), '$.placement_id'),
                    json_extract(coalesce(after, before), '$.decision_id'),
                    json_extract(coalesce(after, before), '$.split_id'),
                    json_extract(coalesce(after, before), '$.item_id')
             FROM audit_log ORDER BY id",
        )?;
        let rows: Vec<Raw> = stmt
            .query_map([], |r| {
                Ok(Raw {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    actor: r.get(2)?,
                    table: r.get(3)?,
                    row_id: r.get(4)?,
                    action: r.get(5)?,
                    before: r.get(6)?,
                    after: r.get(7)?,
                    links: Links {
                        case: r.get(8)?,
                        meeting: r.get(9)?,
                        placement: r.get(10)?,
                        decision: r.get(11)?,
                        split: r.get(12)?,
                        item: r.get(13)?,
                    },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        // What each row of each table names, from its latest entry.
        let mut named: HashMap<(&str, i64), Links> = HashMap::new();
        for raw in &rows {
            named.insert((raw.table.as_str(), raw.row_id), raw.links);
        }
        let of = |table: &str, id: Option<i64>| id.and_then(|id| named.get(&(table, id)).copied());
        let case_of = |raw: &Raw| -> Option<i64> {
            let l = raw.links;
            match raw.table.as_str() {
                "cases" => Some(raw.row_id),
                _ => l
                    .case
                    .or_else(|| of("placements", l.placement).and_then(|p| p.case))
                    .or_else(|| {
                        of("splits", l.split)
                            .and_then(|s| of("placements", s.placement))
                            .and_then(|p| p.case)
                    })
                    .or_else(|| of("decisions", l.decision).and_then(|d| d.case))
                    .or_else(|| of("agenda_items", l.item).and_then(|i| i.case)),
            }
        };
        let meeting_of = |raw: &Raw| -> Option<i64> {
            let l = raw.links;
            match raw.table.as_str() {
                "meetings" => Some(raw.row_id),
                _ => l
                    .meeting
                    .or_else(|| of("agenda_items", l.item).and_then(|i| i.meeting))
                    .or_else(|| {
                        of("decisions", l.decision)
                            .and_then(|d| of("agenda_items", d.item))
                            .and_then(|i| i.meeting)
                    }),
            }
        };
        let references: HashMap<i64, String> = self
            .conn
            .prepare("SELECT id, reference FROM cases")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let dates: HashMap<i64, String> = self
            .conn
            .prepare("SELECT id, date FROM meetings")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let label = |map: &HashMap<i64, String>, id: Option<i64>| {
            id.map(|id| {
                let text = map
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| format!("{id} (deleted)"));
                (id, text)
            })
        };

        let mut entries: Vec<(i64, AuditEntry)> = Vec::new();
        for raw in &rows {
            let case = case_of(raw);
            let meeting = meeting_of(raw);
            if filter.case_id.is_some_and(|c| case != Some(c))
                || filter.meeting_id.is_some_and(|m| meeting != Some(m))
                || filter.actor.as_ref().is_some_and(|a| *a != raw.actor)
            {
                continue;
            }
            entries.push((
                raw.id,
                AuditEntry {
                    at: raw.at.clone(),
                    actor: raw.actor.clone(),
                    table: raw.table.clone(),
                    row_id: raw.row_id,
                    action: raw.action.clone(),
                    before: raw.before.clone(),
                    after: raw.after.clone(),
                    case: label(&references, case),
                    meeting: label(&dates, meeting),
                },
            ));
        }
        // Events of the whole file concern no case or meeting.
        if filter.case_id.is_none() && filter.meeting_id.is_none() {
            let mut stmt = self
                .conn
                .prepare("SELECT at, actor, event, detail FROM events ORDER BY id")?;
            let events = stmt.query_map([], |r| {
                Ok(AuditEntry {
                    at: r.get(0)?,
                    actor: r.get(1)?,
                    table: "database".into(),
                    row_id: 0,
                    action: r.get(2)?,
                    before: None,
                    after: Some(r.get(3)?),
                    case: None,
                    meeting: None,
                })
            })?;
            for event in events {
                let event = event?;
                if filter.actor.as_ref().is_none_or(|a| *a == event.actor) {
                    entries.push((i64::MAX, event));
                }
            }
        }
        // Newest first; an event sorts by its time among the changes.
        entries.sort_by(|(ia, a), (ib, b)| b.at.cmp(&a.at).then(ib.cmp(ia)));
        let total = entries.len();
        Ok(AuditPage {
            entries: entries
                .into_iter()
                .skip(filter.offset)
                .take(filter.limit)
                .map(|(_, e)| e)
                .collect(),
            total,
        })
    }
}
