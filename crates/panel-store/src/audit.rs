//! Reading the audit trail: who changed what, when, before and after, and the events of the
//! database as a whole (encrypted, passphrase changed, restored), filtered by case, meeting
//! and person.
//!
//! The trail is read one save at a time: every row a transaction wrote carries the same
//! `save` number, and each row its case and meeting, written with it by the schema's triggers.
//! A page is a query over those columns' indexes, whatever the trail's length.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use rusqlite::OptionalExtension;
use rusqlite::types::Value;

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
    /// Only changes about this case.
    pub case_id: Option<i64>,
    /// Only changes about this meeting (its attendance, agenda, interests and decisions).
    pub meeting_id: Option<i64>,
    /// Only changes made by this person.
    pub actor: Option<String>,
    /// At most this many saves, newest first.
    pub limit: usize,
    /// After skipping this many saves.
    pub offset: usize,
    /// Of each save, at most this many of its rows (all are counted).
    pub rows_shown: usize,
}

/// One row changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// When (UTC, ISO 8601).
    pub at: String,
    /// Who.
    pub actor: String,
    /// The table changed.
    pub table: String,
    /// The row changed.
    pub row_id: i64,
    /// `insert`, `update` or `delete`.
    pub action: String,
    /// The row before, as JSON (none for an insert).
    pub before: Option<String>,
    /// The row after, as JSON (none for a delete).
    pub after: Option<String>,
    /// The case it concerns, by id and reference.
    pub case: Option<(i64, String)>,
    /// The meeting it concerns, by id and ISO date.
    pub meeting: Option<(i64, String)>,
}

/// One save (every row one change wrote), or one event of the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditSave {
    /// When it began (UTC, ISO 8601).
    pub at: String,
    /// Who.
    pub actor: String,
    /// For an event of the file: `encrypted`, `passphrase_changed` or `restored`, and its
    /// detail.
    pub event: Option<(String, String)>,
    /// The rows the filter finds, in the order written, at most `rows_shown` of them.
    pub rows: Vec<AuditEntry>,
    /// How many rows the filter finds in the save in all.
    pub row_count: usize,
    /// Those rows by table and action (`cost_lines`, `insert`, 3), in the order first written.
    pub summary: Vec<(String, String, usize)>,
}

/// A page of the trail and how much the filter finds in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditPage {
    /// The saves and events, newest first.
    pub entries: Vec<AuditSave>,
    /// How many saves and events match the filter.
    pub total: usize,
    /// How many rows of the trail match it.
    pub rows: usize,
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

    /// The page of the audit trail `filter` asks for, newest first.
    pub fn audit(&self, filter: &AuditFilter) -> Result<AuditPage> {
        // The conditions, each on an indexed column, and their values.
        let mut conds = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if let Some(c) = filter.case_id {
            values.push(Value::Integer(c));
            conds.push(format!("case_id = ?{}", values.len()));
        }
        if let Some(m) = filter.meeting_id {
            values.push(Value::Integer(m));
            conds.push(format!("meeting_id = ?{}", values.len()));
        }
        if let Some(a) = &filter.actor {
            values.push(Value::Text(a.clone()));
            conds.push(format!("actor = ?{}", values.len()));
        }
        let cond = if conds.is_empty() {
            "1".to_string()
        } else {
            conds.join(" AND ")
        };
        // Events of the whole file concern no case or meeting.
        let events = filter.case_id.is_none() && filter.meeting_id.is_none();
        let event_cond = match &filter.actor {
            Some(_) => format!("actor = ?{}", values.len()),
            None => "1".into(),
        };
        let params = rusqlite::params_from_iter(values.iter());

        let (saves, rows): (i64, i64) = self.conn.query_row(
            &format!("SELECT count(DISTINCT save), count(*) FROM audit_log WHERE {cond}"),
            params.clone(),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let event_count: i64 = if events {
            self.conn.query_row(
                &format!("SELECT count(*) FROM events WHERE {event_cond}"),
                rusqlite::params_from_iter(values.iter()),
                |r| r.get(0),
            )?
        } else {
            0
        };

        // The page: saves by number and events by the trail's length when they happened.
        let event_part = if events {
            format!(
                " UNION ALL SELECT coalesce(audit_seq, (SELECT coalesce(max(a.id), 0) FROM audit_log a WHERE a.at <= e.at)) + 0.5, NULL, id
                  FROM events e WHERE {event_cond}"
            )
        } else {
            String::new()
        };
        let n = values.len();
        let sql = format!(
            "SELECT save, event FROM (
                 SELECT save AS key, save, NULL AS event FROM audit_log WHERE {cond} GROUP BY save
                 {event_part}
             ) ORDER BY key DESC, event DESC LIMIT ?{} OFFSET ?{}",
            n + 1,
            n + 2
        );
        let mut page_values = values.clone();
        page_values.push(Value::Integer(
            i64::try_from(filter.limit).unwrap_or(i64::MAX),
        ));
        page_values.push(Value::Integer(
            i64::try_from(filter.offset).unwrap_or(i64::MAX),
        ));
        let keys: Vec<(Option<i64>, Option<i64>)> = self
            .conn
            .prepare(&sql)?
            .query_map(rusqlite::params_from_iter(page_values.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;

        let mut names = Names::default();
        let mut entries = Vec::with_capacity(keys.len());
        for key in keys {
            match key {
                (_, Some(event)) => entries.push(self.audit_event(event)?),
                (save, None) => {
                    entries.push(self.audit_save(save, &cond, &values, filter, &mut names)?)
                }
            }
        }
        Ok(AuditPage {
            entries,
            total: usize::try_from(saves + event_count).unwrap_or(0),
            rows: usize::try_from(rows).unwrap_or(0),
        })
    }

    fn audit_event(&self, id: i64) -> Result<AuditSave> {
        Ok(self.conn.query_row(
            "SELECT at, actor, event, detail FROM events WHERE id = ?1",
            [id],
            |r| {
                Ok(AuditSave {
                    at: r.get(0)?,
                    actor: r.get(1)?,
                    event: Some((r.get(2)?, r.get(3)?)),
                    rows: Vec::new(),
                    row_count: 0,
                    summary: Vec::new(),
                })
            },
        )?)
    }

    fn audit_save(
        &self,
        save: Option<i64>,
        cond: &str,
        values: &[Value],
        filter: &AuditFilter,
        names: &mut Names,
    ) -> Result<AuditSave> {
        let n = values.len();
        let mut with_save = values.to_vec();
        with_save.push(save.map_or(Value::Null, Value::Integer));
        // Filtered by case or meeting, the rows are found by that index and then by save
        // (`+save` keeps the planner from walking every row of a large save, an import's,
        // to find the few of one case).
        let by_save = if filter.case_id.is_some() || filter.meeting_id.is_some() {
            "+save"
        } else {
            "save"
        };
        let this = format!("{by_save} IS ?{} AND {cond}", n + 1);
        let summary: Vec<(String, String, usize)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT table_name, action, count(*) FROM audit_log WHERE {this}
                 GROUP BY table_name, action ORDER BY min(id)"
            ))?
            .query_map(rusqlite::params_from_iter(with_save.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as usize))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut shown = with_save.clone();
        shown.push(Value::Integer(
            i64::try_from(filter.rows_shown).unwrap_or(i64::MAX),
        ));
        let raw: Vec<(AuditEntry, Option<i64>, Option<i64>)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT at, actor, table_name, row_id, action, before, after, case_id, meeting_id
                 FROM audit_log WHERE {this} ORDER BY id LIMIT ?{}",
                n + 2
            ))?
            .query_map(rusqlite::params_from_iter(shown.iter()), |r| {
                Ok((
                    AuditEntry {
                        at: r.get(0)?,
                        actor: r.get(1)?,
                        table: r.get(2)?,
                        row_id: r.get(3)?,
                        action: r.get(4)?,
                        before: r.get(5)?,
                        after: r.get(6)?,
                        case: None,
                        meeting: None,
                    },
                    r.get(7)?,
                    r.get(8)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut rows = Vec::with_capacity(raw.len());
        for (mut entry, case, meeting) in raw {
            entry.case = names.case(self, case)?;
            entry.meeting = names.meeting(self, meeting)?;
            rows.push(entry);
        }
        // Who and when: the save's first row, whether or not the filter shows it — the row
        // whose id the save bears, found by its key (not by sorting an import's 700,000 rows).
        let first = |sql: &str| {
            self.conn
                .query_row(sql, [save], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
        };
        let (at, actor): (String, String) =
            match first("SELECT at, actor FROM audit_log WHERE id = ?1 AND save = ?1")? {
                Some(found) => found,
                None => {
                    first("SELECT at, actor FROM audit_log WHERE save IS ?1 ORDER BY id LIMIT 1")?
                        .ok_or(rusqlite::Error::QueryReturnedNoRows)?
                }
            };
        Ok(AuditSave {
            at,
            actor,
            event: None,
            row_count: summary.iter().map(|(_, _, k)| k).sum(),
            summary,
            rows,
        })
    }
}

/// Case references and meeting dates by id, each looked up once a page; a row since
/// deleted is named by its id.
#[derive(Default)]
struct Names {
    cases: HashMap<i64, String>,
    meetings: HashMap<i64, String>,
}

impl Names {
    fn case(&mut self, store: &Store, id: Option<i64>) -> Result<Option<(i64, String)>> {
        let Some(id) = id else { return Ok(None) };
        if let Entry::Vacant(slot) = self.cases.entry(id) {
            let reference = store.audit_reference("cases", id)?;
            slot.insert(reference.unwrap_or_else(|| format!("case {id} (deleted)")));
        }
        Ok(Some((id, self.cases[&id].clone())))
    }

    fn meeting(&mut self, store: &Store, id: Option<i64>) -> Result<Option<(i64, String)>> {
        let Some(id) = id else { return Ok(None) };
        if let Entry::Vacant(slot) = self.meetings.entry(id) {
            let date = store.audit_reference("meetings", id)?;
            slot.insert(date.unwrap_or_else(|| format!("meeting {id} (deleted)")));
        }
        Ok(Some((id, self.meetings[&id].clone())))
    }
}

impl Store {
    /// A row another row names, in words for the audit trail: a partner's name, a decision's
    /// number, a placement's provider, an item's title, a split's first day, an attendee's
    /// name, an agreement's year. A row since deleted is named from its last entry in the
    /// trail; `None` when the trail never held it.
    pub fn audit_reference(&self, table: &str, id: i64) -> Result<Option<String>> {
        let (sql, field) = match table {
            "partners" => ("SELECT name FROM partners WHERE id = ?1", "name"),
            "decisions" => (
                "SELECT coalesce(number, 'a draft decision') FROM decisions WHERE id = ?1",
                "number",
            ),
            "placements" => ("SELECT provider FROM placements WHERE id = ?1", "provider"),
            "agenda_items" => ("SELECT title FROM agenda_items WHERE id = ?1", "title"),
            "splits" => ("SELECT from_date FROM splits WHERE id = ?1", "from_date"),
            "attendees" => ("SELECT name FROM attendees WHERE id = ?1", "name"),
            "agreements" => (
                "SELECT year_start FROM agreements WHERE id = ?1",
                "year_start",
            ),
            "cases" => ("SELECT reference FROM cases WHERE id = ?1", "reference"),
            "meetings" => ("SELECT date FROM meetings WHERE id = ?1", "date"),
            "statements" => ("SELECT number FROM statements WHERE id = ?1", "number"),
            "disputes" => ("SELECT number FROM disputes WHERE id = ?1", "number"),
            "actions" => ("SELECT action FROM actions WHERE id = ?1", "action"),
            _ => return Ok(None),
        };
        let now: Option<rusqlite::types::Value> = self
            .conn
            .prepare_cached(sql)?
            .query_row([id], |r| r.get(0))
            .optional()?;
        let value = match now {
            Some(v) => Some(v),
            None => self
                .conn
                .prepare_cached(
                    "SELECT json_extract(coalesce(after, before), '$.' || ?3) FROM audit_log
                     WHERE table_name = ?1 AND row_id = ?2 ORDER BY id DESC LIMIT 1",
                )?
                .query_row(rusqlite::params![table, id, field], |r| r.get(0))
                .optional()?,
        };
        Ok(match value {
            Some(Value::Text(s)) => Some(s),
            Some(Value::Integer(n)) => Some(n.to_string()),
            Some(Value::Null) if table == "decisions" => Some("a draft decision".into()),
            _ => None,
        })
    }
}
