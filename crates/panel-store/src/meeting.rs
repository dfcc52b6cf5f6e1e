//! Meetings and attendance.

use chrono::{NaiveDate, NaiveTime};
use panel_core::meeting::clock_text;
use panel_core::meeting::{NewMeeting, Quorum, quorum};
use panel_core::model::{Attendance, Attendee, MinutesStatus};
use rusqlite::{OptionalExtension, params};

use crate::{Result, Store, StoreError, date_col, field};

/// A line of the meetings list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingSummary {
    /// Row id.
    pub id: i64,
    /// Date.
    pub date: NaiveDate,
    /// Start time, if known.
    pub starts_at: Option<NaiveTime>,
    /// Venue.
    pub venue: String,
    /// Chair.
    pub chair: String,
    /// Minutes status.
    pub minutes_status: MinutesStatus,
    /// Agenda items.
    pub items: usize,
    /// Quorum as attendance stands.
    pub quorate: bool,
}

/// A meeting with its attendees (and their row ids) and quorum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingDetail {
    /// The list line.
    pub summary: MeetingSummary,
    /// Attendees with their row ids, in order.
    pub attendees: Vec<(i64, Attendee)>,
    /// Quorum.
    pub quorum: Quorum,
}

impl Store {
    pub(crate) fn partner_positions(&self) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM partners ORDER BY position")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    fn attendees_of(&self, meeting_id: i64, partner_ids: &[i64]) -> Result<Vec<(i64, Attendee)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, agency, represents_partner_id, role, attendance FROM attendees WHERE meeting_id = ?1 ORDER BY position",
        )?;
        let mut rows = stmt.query([meeting_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let rep: Option<i64> = r.get(3)?;
            let attendance: String = r.get(5)?;
            out.push((
                r.get(0)?,
                Attendee {
                    name: r.get(1)?,
                    agency: r.get(2)?,
                    represents: rep.and_then(|p| partner_ids.iter().position(|&id| id == p)),
                    role: r.get(4)?,
                    attendance: Attendance::parse(&attendance).map_err(StoreError::Corrupt)?,
                },
            ));
        }
        Ok(out)
    }

    /// Meetings newest first (only meeting `only`, when given), each with its attendance
    /// and whether that is quorate.
    /// Every meeting (or only the one `only`) with its attendance and quorum.
    pub(crate) fn meetings_with_attendance(&self, only: Option<i64>) -> Result<Vec<MeetingDetail>> {
        let partner_ids = self.partner_positions()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, m.date, m.venue, m.chair, m.minutes_status,
                    (SELECT count(*) FROM agenda_items i WHERE i.meeting_id = m.id), m.starts_at
             FROM meetings m WHERE ?1 IS NULL OR m.id = ?1 ORDER BY m.date DESC",
        )?;
        let mut rows = stmt.query([only])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let status: String = r.get(4)?;
            let id: i64 = r.get(0)?;
            let attendees = self.attendees_of(id, &partner_ids)?;
            let list: Vec<Attendee> = attendees.iter().map(|(_, a)| a.clone()).collect();
            let quorum = quorum(partner_ids.len(), &list);
            let summary = MeetingSummary {
                id,
                date: date_col(&r.get::<_, String>(1)?)?,
                starts_at: r
                    .get::<_, Option<String>>(6)?
                    .map(|t| crate::time_col(&t))
                    .transpose()?,
                venue: r.get(2)?,
                chair: r.get(3)?,
                minutes_status: MinutesStatus::parse(&status).map_err(StoreError::Corrupt)?,
                items: r.get::<_, i64>(5)? as usize,
                quorate: quorum.quorate,
            };
            out.push(MeetingDetail {
                summary,
                attendees,
                quorum,
            });
        }
        Ok(out)
    }

    /// Every meeting, newest first.
    pub fn meetings(&self) -> Result<Vec<MeetingSummary>> {
        Ok(self
            .meetings_with_attendance(None)?
            .into_iter()
            .map(|m| m.summary)
            .collect())
    }

    /// One meeting with attendance and quorum.
    pub fn meeting(&self, id: i64) -> Result<MeetingDetail> {
        self.meetings_with_attendance(Some(id))?
            .pop()
            .ok_or_else(|| StoreError::NotFound(format!("there is no meeting {id}")))
    }

    /// The id of the meeting held on `date` (there is at most one a day).
    pub fn meeting_on(&self, date: NaiveDate) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT id FROM meetings WHERE date = ?1",
                [date.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| {
                StoreError::NotFound(format!(
                    "there is no meeting on {}",
                    date.format("%d/%m/%Y")
                ))
            })
    }

    /// Creates a meeting; one a day.
    pub fn create_meeting(&mut self, m: &NewMeeting) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM meetings WHERE date = ?1)",
            [m.date.to_string()],
            |r| r.get(0),
        )?;
        if exists {
            return Err(field(
                "date",
                format!(
                    "There is already a meeting on {}",
                    m.date.format("%d/%m/%Y")
                ),
            ));
        }
        tx.execute(
            "INSERT INTO meetings (date, starts_at, venue, chair) VALUES (?1, ?2, ?3, ?4)",
            params![
                m.date.to_string(),
                m.starts_at.map(clock_text),
                m.venue,
                m.chair
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Changes a meeting's date, start time, venue or chair until its minutes are approved.
    /// The date is its decisions' date and the day their numbers' year is read from, so it
    /// stays once any decision of the meeting is recorded, even as a draft.
    pub fn update_meeting(&mut self, id: i64, m: &NewMeeting) -> Result<()> {
        let date = self.editable_meeting(id)?;
        let tx = self.conn.transaction()?;
        if m.date != date {
            let decided: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM decisions d JOIN agenda_items i ON i.id = d.item_id
                 WHERE i.meeting_id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if decided {
                return Err(field(
                    "date",
                    "A decision of this meeting is recorded on its date: the date can no longer change",
                ));
            }
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM meetings WHERE date = ?1 AND id <> ?2)",
                params![m.date.to_string(), id],
                |r| r.get(0),
            )?;
            if taken {
                return Err(field(
                    "date",
                    format!(
                        "There is already a meeting on {}",
                        m.date.format("%d/%m/%Y")
                    ),
                ));
            }
        }
        tx.execute(
            "UPDATE meetings SET date = ?1, starts_at = ?2, venue = ?3, chair = ?4
             WHERE id = ?5 AND (date, coalesce(starts_at, ''), venue, chair) IS NOT (?1, coalesce(?2, ''), ?3, ?4)",
            params![
                m.date.to_string(),
                m.starts_at.map(clock_text),
                m.venue,
                m.chair,
                id
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Refuses to change who attended once the minutes are approved, or once a decision of
    /// the meeting is final (its record names who was there).
    fn attendance_changeable(&self, attendee_id: i64) -> Result<()> {
        let meeting_id: i64 = self
            .conn
            .query_row(
                "SELECT meeting_id FROM attendees WHERE id = ?1",
                [attendee_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("there is no attendee {attendee_id}")))?;
        self.editable_meeting(meeting_id)?;
        let decided: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM decisions d JOIN agenda_items i ON i.id = d.item_id
             WHERE i.meeting_id = ?1 AND d.status = 'final')",
            [meeting_id],
            |r| r.get(0),
        )?;
        if decided {
            return Err(StoreError::Invalid(vec![
                "A decision of this meeting is final and its record lists who attended: attendance can no longer change (someone arriving late can still be added)".into(),
            ]));
        }
        Ok(())
    }

    /// Adds an attendee (or apologies) to a meeting whose minutes are not locked.
    pub fn add_attendee(&mut self, meeting_id: i64, a: &Attendee) -> Result<i64> {
        self.editable_meeting(meeting_id)?;
        let partner_ids = self.partner_positions()?;
        let represents = match a.represents {
            Some(p) => Some(
                *partner_ids
                    .get(p)
                    .ok_or_else(|| field("represents", "Choose one of the funding partners"))?,
            ),
            None => None,
        };
        let tx = self.conn.transaction()?;
        // One person once, however their name is spaced or capitalised.
        let listed: Vec<String> = tx
            .prepare("SELECT name FROM attendees WHERE meeting_id = ?1")?
            .query_map([meeting_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let identity = panel_core::text::identity(&a.name);
        if let Some(there) = listed
            .iter()
            .find(|n| panel_core::text::identity(n) == identity)
        {
            return Err(field(
                "name",
                format!("{there} is already listed for this meeting"),
            ));
        }
        let position: i64 = tx.query_row(
            "SELECT coalesce(max(position) + 1, 0) FROM attendees WHERE meeting_id = ?1",
            [meeting_id],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO attendees (meeting_id, position, name, agency, represents_partner_id, role, attendance) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![meeting_id, position, a.name, a.agency, represents, a.role, a.attendance.code()],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Changes whether an attendee is present or sent apologies.
    pub fn set_attendance(&mut self, attendee_id: i64, attendance: Attendance) -> Result<()> {
        self.attendance_changeable(attendee_id)?;
        let n = self.conn.execute(
            "UPDATE attendees SET attendance = ?1 WHERE id = ?2",
            params![attendance.code(), attendee_id],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!(
                "there is no attendee {attendee_id}"
            )));
        }
        Ok(())
    }

    /// Removes an attendee who declared no interest.
    pub fn remove_attendee(&mut self, attendee_id: i64) -> Result<()> {
        self.attendance_changeable(attendee_id)?;
        let interests: i64 = self.conn.query_row(
            "SELECT count(*) FROM interests WHERE attendee_id = ?1",
            [attendee_id],
            |r| r.get(0),
        )?;
        if interests > 0 {
            return Err(field(
                "name",
                "This attendee declared an interest, which stays on record: mark them as sending apologies instead",
            ));
        }
        let n = self
            .conn
            .execute("DELETE FROM attendees WHERE id = ?1", [attendee_id])?;
        if n == 0 {
            return Err(StoreError::NotFound(format!(
                "there is no attendee {attendee_id}"
            )));
        }
        Ok(())
    }
}
