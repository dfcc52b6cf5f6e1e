//! Agendas: items in order, and what a meeting is offered (rule 11).

use chrono::NaiveDate;
use panel_core::meeting::NewAgendaItem;
pub use panel_core::model::AgendaEntry;
use panel_core::model::ExceptionKind;
use panel_core::model::{ItemKind, MinutesStatus};
use panel_core::review::{ending_due, review_due};
use rusqlite::{Connection, OptionalExtension, params};

use crate::{Result, Store, StoreError, date_col, field, opt_date_col};

/// Something the agenda builder offers: a review due, a placement ending, or a chair's action
/// awaiting ratification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaOffer {
    /// `Review`, `Ending` or `Ratification`.
    pub kind: ItemKind,
    /// Case reference.
    pub case: String,
    /// Initials.
    pub initials: String,
    /// Provider (for a chair's action, of its placement if it names one).
    pub provider: String,
    /// The date the review falls due, the placement ends or the chair's action was taken.
    pub date: NaiveDate,
    /// For a chair's action: its number and subject.
    pub decision: Option<(String, String)>,
    /// For an exception that needs the panel (rule 20): its kind and what is wrong.
    pub exception: Option<(ExceptionKind, String)>,
}

impl Store {
    /// The date of a meeting whose minutes are still open to change (draft or circulated,
    /// rule 16); approved or locked minutes are refused.
    pub(crate) fn editable_meeting(&self, meeting_id: i64) -> Result<NaiveDate> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT date, minutes_status FROM meetings WHERE id = ?1",
                [meeting_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (date, status) =
            row.ok_or_else(|| StoreError::NotFound(format!("there is no meeting {meeting_id}")))?;
        match MinutesStatus::parse(&status).map_err(StoreError::Corrupt)? {
            MinutesStatus::Locked => {
                return Err(StoreError::Invalid(vec![
                    "The minutes of this meeting are locked: nothing of it can change".into(),
                ]));
            }
            MinutesStatus::Approved => {
                return Err(StoreError::Invalid(vec![
                    "The minutes of this meeting are approved: nothing of it can change".into(),
                ]));
            }
            MinutesStatus::Draft | MinutesStatus::Circulated => {}
        }
        date_col(&date)
    }

    /// A meeting's agenda, in order.
    pub fn agenda(&self, meeting_id: i64) -> Result<Vec<AgendaEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.id, i.kind, c.reference, c.initials, i.title, i.presenter, i.minutes, i.ask, d.id, d.number
             FROM agenda_items i LEFT JOIN cases c ON c.id = i.case_id LEFT JOIN decisions d ON d.id = i.ratifies_id
             WHERE i.meeting_id = ?1 ORDER BY i.position",
        )?;
        let mut rows = stmt.query([meeting_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let kind: String = r.get(1)?;
            let reference: Option<String> = r.get(2)?;
            let initials: Option<String> = r.get(3)?;
            out.push(AgendaEntry {
                id: r.get(0)?,
                kind: ItemKind::parse(&kind).map_err(StoreError::Corrupt)?,
                case: reference.zip(initials),
                title: r.get(4)?,
                presenter: r.get(5)?,
                minutes: r.get(6)?,
                ask: r.get(7)?,
                ratifies: match (r.get::<_, Option<i64>>(8)?, r.get::<_, Option<String>>(9)?) {
                    (Some(id), Some(number)) => Some((id, number)),
                    _ => None,
                },
            });
        }
        Ok(out)
    }

    /// The meeting an item belongs to.
    pub fn item_meeting(&self, item_id: i64) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT meeting_id FROM agenda_items WHERE id = ?1",
                [item_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("there is no agenda item {item_id}")))
    }

    /// The case and the chair's action an item as entered names, as row ids, checked against
    /// the database: the case exists; a chair's action to ratify is one on that case awaiting
    /// ratification by a meeting on `date`.
    fn item_links(
        &self,
        item: &NewAgendaItem,
        date: NaiveDate,
    ) -> Result<(Option<i64>, Option<i64>)> {
        let case_id: Option<i64> = match &item.case {
            None => None,
            Some(reference) => Some(
                self.conn
                    .query_row(
                        "SELECT id FROM cases WHERE reference = ?1 COLLATE NOCASE",
                        [reference],
                        |r| r.get(0),
                    )
                    .optional()?
                    .ok_or_else(|| {
                        field(
                            "case",
                            format!("There is no case with reference {reference}"),
                        )
                    })?,
            ),
        };
        let ratifies = match (&item.ratifies, case_id) {
            (Some(n), Some(case_id)) => Some(chair_action_to_ratify(
                &self.conn,
                &n.to_string(),
                case_id,
                date,
            )?),
            _ => None,
        };
        Ok((case_id, ratifies))
    }

    /// Adds an item at the end of a meeting's agenda.
    pub fn add_agenda_item(&mut self, meeting_id: i64, item: &NewAgendaItem) -> Result<i64> {
        if item.kind == ItemKind::Dispute {
            return Err(field(
                "kind",
                "A dispute comes to a meeting from the disputes register, which links it to the item",
            ));
        }
        self.insert_agenda_item(meeting_id, item, |_, _| Ok(()))
    }

    /// Adds an item at the end of a meeting's agenda and, in the same transaction, does
    /// `then` with the new item's id.
    pub(crate) fn insert_agenda_item(
        &mut self,
        meeting_id: i64,
        item: &NewAgendaItem,
        then: impl FnOnce(&rusqlite::Transaction<'_>, i64) -> Result<()>,
    ) -> Result<i64> {
        let date = self.editable_meeting(meeting_id)?;
        let (case_id, ratifies) = self.item_links(item, date)?;
        let tx = self.conn.transaction()?;
        let position: i64 = tx.query_row(
            "SELECT coalesce(max(position) + 1, 0) FROM agenda_items WHERE meeting_id = ?1",
            [meeting_id],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO agenda_items (meeting_id, position, kind, case_id, title, presenter, minutes, ask, ratifies_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![meeting_id, position, item.kind.code(), case_id, item.title, item.presenter, item.minutes, item.ask, ratifies],
        )?;
        let id = tx.last_insert_rowid();
        then(&tx, id)?;
        tx.commit()?;
        Ok(id)
    }

    /// Changes an item until the meeting's minutes are approved: its title, presenter, length
    /// and what is asked at any time; its kind, case and the chair's action it ratifies only
    /// while nothing has been decided on it (a decision belongs to the case it was made on).
    pub fn update_agenda_item(&mut self, item_id: i64, item: &NewAgendaItem) -> Result<()> {
        let meeting_id = self.item_meeting(item_id)?;
        let date = self.editable_meeting(meeting_id)?;
        let (case_id, ratifies) = self.item_links(item, date)?;
        let (kind, old_case, old_ratifies, decided): (String, Option<i64>, Option<i64>, bool) =
            self.conn.query_row(
                "SELECT kind, case_id, ratifies_id,
                        EXISTS (SELECT 1 FROM decisions WHERE item_id = agenda_items.id)
                   FROM agenda_items WHERE id = ?1",
                [item_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
        if (kind == ItemKind::Dispute.code()) != (item.kind == ItemKind::Dispute) {
            return Err(field(
                "kind",
                if item.kind == ItemKind::Dispute {
                    "A dispute comes to a meeting from the disputes register, which links it to the item"
                } else {
                    "This item brings a dispute to the panel, so its kind stays as it is (remove the item to take the dispute off the agenda)"
                },
            ));
        }
        if decided && (kind != item.kind.code() || old_case != case_id || old_ratifies != ratifies)
        {
            let mut problems = Vec::new();
            if kind != item.kind.code() {
                problems.push(panel_core::field::FieldError::new(
                    "kind",
                    "A decision has been recorded on this item, so its kind stays as it is",
                ));
            }
            if old_case != case_id {
                problems.push(panel_core::field::FieldError::new(
                    "case",
                    "A decision has been recorded on this item, so it stays about the same case",
                ));
            }
            if old_ratifies != ratifies && kind == item.kind.code() {
                problems.push(panel_core::field::FieldError::new(
                    "ratifies",
                    "A decision has been recorded on this item, so it ratifies the same chair's action",
                ));
            }
            return Err(StoreError::Field(problems));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE agenda_items SET kind = ?1, case_id = ?2, title = ?3, presenter = ?4, minutes = ?5,
                    ask = ?6, ratifies_id = ?7
              WHERE id = ?8",
            params![item.kind.code(), case_id, item.title, item.presenter, item.minutes, item.ask, ratifies, item_id],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Moves an item one place up (`up`) or down its agenda; at either end nothing changes.
    pub fn move_agenda_item(&mut self, item_id: i64, up: bool) -> Result<()> {
        let (meeting_id, position): (i64, i64) = self
            .conn
            .query_row(
                "SELECT meeting_id, position FROM agenda_items WHERE id = ?1",
                [item_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("there is no agenda item {item_id}")))?;
        self.editable_meeting(meeting_id)?;
        let tx = self.conn.transaction()?;
        let neighbour: Option<(i64, i64)> = tx
            .query_row(
                if up {
                    "SELECT id, position FROM agenda_items WHERE meeting_id = ?1 AND position < ?2 ORDER BY position DESC LIMIT 1"
                } else {
                    "SELECT id, position FROM agenda_items WHERE meeting_id = ?1 AND position > ?2 ORDER BY position LIMIT 1"
                },
                params![meeting_id, position],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((other, other_position)) = neighbour {
            // Through a free position, since (meeting, position) is unique.
            let free: i64 = tx.query_row(
                "SELECT max(position) + 1 FROM agenda_items WHERE meeting_id = ?1",
                [meeting_id],
                |r| r.get(0),
            )?;
            tx.execute(
                "UPDATE agenda_items SET position = ?1 WHERE id = ?2",
                params![free, item_id],
            )?;
            tx.execute(
                "UPDATE agenda_items SET position = ?1 WHERE id = ?2",
                params![position, other],
            )?;
            tx.execute(
                "UPDATE agenda_items SET position = ?1 WHERE id = ?2",
                params![other_position, item_id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Removes an item on which nothing has been decided.
    pub fn remove_agenda_item(&mut self, item_id: i64) -> Result<()> {
        let meeting_id = self.item_meeting(item_id)?;
        self.editable_meeting(meeting_id)?;
        let decided: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM decisions WHERE item_id = ?1)",
            [item_id],
            |r| r.get(0),
        )?;
        if decided {
            return Err(StoreError::Invalid(vec![
                "A decision has been recorded on this item, so it stays on the agenda".into(),
            ]));
        }
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM interests WHERE item_id = ?1", [item_id])?;
        // A dispute brought by the item waits to be brought again.
        tx.execute(
            "UPDATE disputes SET agenda_item_id = NULL WHERE agenda_item_id = ?1 AND status = 'open'",
            [item_id],
        )?;
        tx.execute("DELETE FROM agenda_items WHERE id = ?1", [item_id])?;
        tx.commit()?;
        Ok(())
    }

    /// What the agenda builder offers a meeting (rule 11): the reviews due by its date that
    /// the panel has not yet held (an overdue one stays offered until held), the placements
    /// ending before it that have not been brought, less those already on its agenda; and the
    /// chairs' actions awaiting ratification (rule 15).
    pub fn agenda_offers(&self, meeting_id: i64) -> Result<Vec<AgendaOffer>> {
        let date: String = self
            .conn
            .query_row(
                "SELECT date FROM meetings WHERE id = ?1",
                [meeting_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("there is no meeting {meeting_id}")))?;
        let by = date_col(&date)?;
        let settings = self.settings()?;
        // A review is held by a final decision on the placement that sets the next review
        // date; an ending is brought by an ending item for the case at a meeting since the
        // placement started.
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.reference, c.initials, p.provider, p.start_date, p.end_date,
                    (SELECT d.review_date FROM decisions d WHERE d.placement_id = p.id AND d.status = 'final'
                       AND d.review_date IS NOT NULL ORDER BY d.decided_on DESC, d.id DESC LIMIT 1),
                    EXISTS (SELECT 1 FROM agenda_items i WHERE i.meeting_id = ?1 AND i.case_id = c.id AND i.kind = 'review'),
                    EXISTS (SELECT 1 FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id
                            WHERE i.case_id = c.id AND i.kind = 'ending' AND m.date >= p.start_date)
             FROM placements p JOIN cases c ON c.id = p.case_id
             WHERE p.start_date <= ?2
             ORDER BY c.reference, p.position",
        )?;
        let mut rows = stmt.query(params![meeting_id, by.to_string()])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let (case, initials, provider): (String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?);
            let start = date_col(&r.get::<_, String>(3)?)?;
            let end = opt_date_col(r.get(4)?)?;
            let anchor = opt_date_col(r.get(5)?)?;
            let (reviewing, brought): (bool, bool) = (r.get(6)?, r.get(7)?);
            let ended = end.is_some_and(|e| e < by);
            if !reviewing
                && !ended
                && let Some(due) = review_due(start, end, anchor, settings.first_review_months, by)
            {
                out.push(AgendaOffer {
                    kind: ItemKind::Review,
                    case: case.clone(),
                    initials: initials.clone(),
                    provider: provider.clone(),
                    date: due,
                    decision: None,
                    exception: None,
                });
            }
            if ending_due(end, by, brought) {
                out.push(AgendaOffer {
                    kind: ItemKind::Ending,
                    case,
                    initials,
                    provider,
                    date: end.unwrap_or(by),
                    decision: None,
                    exception: None,
                });
            }
        }
        // Chairs' actions taken by the meeting's date and not yet ratified: not on this agenda,
        // and not decided on (other than deferred) at another meeting.
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.reference, c.initials, coalesce(p.provider, ''), d.decided_on, d.number, d.subject
             FROM decisions d JOIN cases c ON c.id = d.case_id LEFT JOIN placements p ON p.id = d.placement_id
             WHERE d.urgent = 1 AND d.status = 'final' AND d.decided_on <= ?2
               AND NOT EXISTS (SELECT 1 FROM agenda_items i WHERE i.ratifies_id = d.id AND (i.meeting_id = ?1
                   OR EXISTS (SELECT 1 FROM decisions r WHERE r.item_id = i.id AND r.status = 'final' AND r.outcome <> 'deferred')))
             ORDER BY d.decided_on, d.seq",
        )?;
        let mut rows = stmt.query(params![meeting_id, by.to_string()])?;
        while let Some(r) = rows.next()? {
            out.push(AgendaOffer {
                kind: ItemKind::Ratification,
                case: r.get(0)?,
                initials: r.get(1)?,
                provider: r.get(2)?,
                date: date_col(&r.get::<_, String>(3)?)?,
                decision: Some((r.get(4)?, r.get(5)?)),
                exception: None,
            });
        }
        drop(rows);
        drop(stmt);
        // The exceptions as of the meeting that need the panel and that the offers above do
        // not already bring (a review overdue, a chair's action to ratify): a placement with
        // spend and no decision, a rate above the approved or a partner's assent missing is
        // brought as a change; one ending within eight weeks as its ending; one running past
        // the 18th birthday as a transition review. None for a case with an item of that kind
        // on this agenda.
        let on_agenda: Vec<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT c.reference, i.kind FROM agenda_items i JOIN cases c ON c.id = i.case_id
                 WHERE i.meeting_id = ?1",
            )?
            .query_map([meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for e in self.exceptions(by)? {
            let kind = match e.kind {
                ExceptionKind::NoDecision
                | ExceptionKind::AboveApproved
                | ExceptionKind::NoAssent => ItemKind::Change,
                ExceptionKind::EndingSoon => ItemKind::Ending,
                ExceptionKind::Turns18 => ItemKind::Review,
                _ => continue,
            };
            let Some((case, initials)) = e.case else {
                continue;
            };
            if on_agenda
                .iter()
                .any(|(c, k)| *c == case && k == kind.code())
                || out.iter().any(|o| {
                    o.case == case
                        && o.kind == kind
                        && o.provider == e.provider.clone().unwrap_or_default()
                })
            {
                continue;
            }
            out.push(AgendaOffer {
                kind,
                case,
                initials,
                provider: e.provider.unwrap_or_default(),
                date: by,
                decision: None,
                exception: Some((e.kind, e.detail)),
            });
        }
        out.sort_by(|a, b| a.date.cmp(&b.date).then(a.case.cmp(&b.case)));
        Ok(out)
    }
}

impl Store {
    /// Every case's reference and initials, by reference: for choosing a case.
    pub fn case_refs(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT reference, initials FROM cases ORDER BY reference")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The id of the chair's action numbered `number` that a ratification item of `case_id`
/// at a meeting on `date` can bring (rule 15): final, urgent, of that case, taken by then.
pub(crate) fn chair_action_to_ratify(
    conn: &Connection,
    number: &str,
    case_id: i64,
    date: NaiveDate,
) -> Result<i64> {
    let found: Option<(i64, bool, i64, String)> = conn
        .query_row(
            "SELECT id, urgent, case_id, decided_on FROM decisions WHERE number = ?1",
            [number],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((id, urgent, case, decided_on)) = found else {
        return Err(field(
            "ratifies",
            format!("There is no final decision {number}"),
        ));
    };
    if !urgent {
        return Err(field(
            "ratifies",
            format!(
                "{number} was decided at a meeting, not by chair's action: it needs no ratification"
            ),
        ));
    }
    if case != case_id {
        return Err(field("ratifies", format!("{number} is about another case")));
    }
    if date_col(&decided_on)? > date {
        return Err(field(
            "ratifies",
            format!("{number} was taken after this meeting"),
        ));
    }
    Ok(id)
}
