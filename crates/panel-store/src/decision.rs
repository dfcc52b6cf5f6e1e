//! Decisions: drafts written in the meeting, finalising — numbering without gaps or duplicates
//! (rule 8), then locked (rule 9) — amending, and interests declared on items (rule 13).

use chrono::{Months, NaiveDate};
use panel_core::FinancialYear;
use panel_core::decision::{DecisionDraft, FinaliseContext, final_decision_problems, funds};
pub use panel_core::model::InterestEntry;
use panel_core::model::{
    Action, Assent, DecisionNumber, DecisionStatus, MinutesStatus, Outcome, PlacementRecord,
};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use crate::{Result, Store, StoreError, date_col, field, opt_date_col, parse_code};

/// A decision with everything recorded about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionRecord {
    /// Row id.
    pub id: i64,
    /// The number, once final.
    pub number: Option<String>,
    /// Draft or final.
    pub status: DecisionStatus,
    /// The agenda item it was made on, if at a meeting.
    pub item_id: Option<i64>,
    /// The case.
    pub case_id: i64,
    /// The placement it is about, if one.
    pub placement_id: Option<i64>,
    /// Date decided.
    pub decided_on: NaiveDate,
    /// Chair's action between meetings (rule 15).
    pub urgent: bool,
    /// Recorded at an inquorate meeting.
    pub inquorate: bool,
    /// Outcome, paragraphs, reasons and the rest.
    pub content: DecisionDraft,
    /// The decision this one amends: id and number.
    pub amends: Option<(i64, String)>,
    /// Numbers (or "draft") of decisions amending this one.
    pub amended_by: Vec<(i64, Option<String>)>,
    /// For a final decision about a placement, the placement as it stood when finalised
    /// (none for decisions finalised before snapshots were kept).
    pub snapshot: Option<PlacementRecord>,
}

fn refused(message: impl Into<String>) -> StoreError {
    StoreError::Invalid(vec![message.into()])
}

impl Store {
    /// One decision.
    pub fn decision(&self, id: i64) -> Result<DecisionRecord> {
        self.decisions_where("d.id = ?1", id)?
            .pop()
            .ok_or_else(|| StoreError::NotFound(format!("there is no decision {id}")))
    }

    /// The id of the decision numbered `number`.
    pub fn decision_by_number(&self, number: &str) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT id FROM decisions WHERE number = ?1",
                [number.trim()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("there is no decision {}", number.trim())))
    }

    /// The final decisions (id and number) made at meeting `meeting_id`, in number order.
    pub fn meeting_records(&self, meeting_id: i64) -> Result<Vec<(i64, String)>> {
        self.numbered(
            "SELECT d.id, d.number FROM decisions d JOIN agenda_items i ON i.id = d.item_id
             WHERE i.meeting_id = ?1 AND d.status = 'final' ORDER BY d.year_start, d.seq",
            meeting_id,
        )
    }

    /// The final decisions (id and number) of financial year `year`, at meetings or by
    /// chair's action, in number order.
    pub fn year_records(&self, year: panel_core::FinancialYear) -> Result<Vec<(i64, String)>> {
        self.numbered(
            "SELECT id, number FROM decisions WHERE status = 'final' AND year_start = ?1
             ORDER BY seq",
            i64::from(year.start_year()),
        )
    }

    fn numbered(&self, sql: &str, value: i64) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt
            .query_map([value], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Every decision, drafts included, in the order they were made.
    pub(crate) fn all_decisions(&self) -> Result<Vec<DecisionRecord>> {
        self.decisions_where("?1 = 1", 1)
    }

    /// The decisions made on an agenda item, oldest first.
    pub fn item_decisions(&self, item_id: i64) -> Result<Vec<DecisionRecord>> {
        self.decisions_where("d.item_id = ?1", item_id)
    }

    fn decisions_where(&self, filter: &str, value: i64) -> Result<Vec<DecisionRecord>> {
        let partner_ids = self.partner_positions()?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT d.id, d.number, d.status, d.item_id, d.case_id, d.placement_id, d.decided_on, d.urgent,
                    d.inquorate, d.outcome, d.subject, d.reasons, d.alternatives, d.review_date,
                    d.effective_from, d.amends_id, a.number, d.placement_snapshot
             FROM decisions d LEFT JOIN decisions a ON a.id = d.amends_id
             WHERE {filter} ORDER BY d.id"
        ))?;
        let mut rows = stmt.query([value])?;
        let mut out = Vec::new();
        let mut codes: Option<Vec<String>> = None;
        while let Some(r) = rows.next()? {
            let snapshot = match r.get::<_, Option<String>>(17)? {
                Some(text) => {
                    let codes = match &codes {
                        Some(c) => c,
                        None => {
                            codes.insert(self.partners()?.into_iter().map(|p| p.code).collect())
                        }
                    };
                    let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
                    Some(
                        panel_core::snapshot::read(&text, &codes).map_err(|problems| {
                            StoreError::Corrupt(format!(
                                "the placement kept by decision {}: {}",
                                r.get::<_, i64>(0).unwrap_or_default(),
                                problems.join("; ")
                            ))
                        })?,
                    )
                }
                None => None,
            };
            let amends = match (
                r.get::<_, Option<i64>>(15)?,
                r.get::<_, Option<String>>(16)?,
            ) {
                (Some(id), number) => Some((id, number.unwrap_or_else(|| "draft".into()))),
                _ => None,
            };
            out.push(DecisionRecord {
                id: r.get(0)?,
                number: r.get(1)?,
                status: parse_code(
                    "decisions.status",
                    &r.get::<_, String>(2)?,
                    DecisionStatus::parse,
                )?,
                item_id: r.get(3)?,
                case_id: r.get(4)?,
                placement_id: r.get(5)?,
                decided_on: date_col(&r.get::<_, String>(6)?)?,
                urgent: r.get(7)?,
                inquorate: r.get(8)?,
                content: DecisionDraft {
                    outcome: parse_code(
                        "decisions.outcome",
                        &r.get::<_, String>(9)?,
                        Outcome::parse,
                    )?,
                    subject: r.get(10)?,
                    paragraphs: Vec::new(),
                    reasons: r.get(11)?,
                    alternatives: r.get(12)?,
                    conditions: Vec::new(),
                    actions: Vec::new(),
                    review_date: opt_date_col(r.get(13)?)?,
                    effective_from: opt_date_col(r.get(14)?)?,
                    assents: vec![None; partner_ids.len()],
                },
                amends,
                amended_by: Vec::new(),
                snapshot,
            });
        }
        for d in &mut out {
            d.content.paragraphs = self.texts("decision_paragraphs", d.id)?;
            d.content.conditions = self.texts("conditions", d.id)?;
            let mut stmt = self.conn.prepare_cached(
                "SELECT action, owner, due FROM actions WHERE decision_id = ?1 ORDER BY position",
            )?;
            let mut rows = stmt.query([d.id])?;
            while let Some(r) = rows.next()? {
                d.content.actions.push(Action {
                    action: r.get(0)?,
                    owner: r.get(1)?,
                    due: opt_date_col(r.get(2)?)?,
                });
            }
            let mut stmt = self
                .conn
                .prepare_cached("SELECT partner_id, assent FROM assents WHERE decision_id = ?1")?;
            let mut rows = stmt.query([d.id])?;
            while let Some(r) = rows.next()? {
                let partner: i64 = r.get(0)?;
                let assent = parse_code("assents.assent", &r.get::<_, String>(1)?, Assent::parse)?;
                if let Some(k) = partner_ids.iter().position(|&p| p == partner) {
                    d.content.assents[k] = Some(assent);
                }
            }
            let mut stmt = self.conn.prepare_cached(
                "SELECT id, number FROM decisions WHERE amends_id = ?1 ORDER BY id",
            )?;
            d.amended_by = stmt
                .query_map([d.id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(out)
    }

    fn texts(&self, table: &str, decision_id: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT text FROM {table} WHERE decision_id = ?1 ORDER BY position"
        ))?;
        let texts = stmt
            .query_map([decision_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(texts)
    }

    /// The meeting, its date and the case of an agenda item, checking the minutes are open.
    fn item_for_decision(&self, item_id: i64) -> Result<(i64, NaiveDate, i64)> {
        let found: Option<(i64, Option<i64>)> = self
            .conn
            .query_row(
                "SELECT meeting_id, case_id FROM agenda_items WHERE id = ?1",
                [item_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (meeting_id, case_id) = found
            .ok_or_else(|| StoreError::NotFound(format!("there is no agenda item {item_id}")))?;
        let case_id = case_id.ok_or_else(|| {
            refused("This item is for information and is about no case: record its notes in the minutes instead")
        })?;
        let date = self.editable_meeting(meeting_id)?;
        Ok((meeting_id, date, case_id))
    }

    /// The review date a decision on `decided_on` about `placement_id` defaults to: the first
    /// review cycle for a placement not yet decided on, the later cycle after that (rule 11).
    pub fn default_review_date(
        &self,
        placement_id: Option<i64>,
        decided_on: NaiveDate,
    ) -> Result<NaiveDate> {
        let settings = self.settings()?;
        let decided_before: bool = match placement_id {
            None => false,
            Some(p) => self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM decisions WHERE placement_id = ?1 AND status = 'final' AND decided_on < ?2)",
                params![p, decided_on.to_string()],
                |r| r.get(0),
            )?,
        };
        let months = if decided_before {
            settings.review_months
        } else {
            settings.first_review_months
        };
        Ok(decided_on
            .checked_add_months(Months::new(months))
            .unwrap_or(decided_on))
    }

    /// Saves the draft decision on an agenda item: creates it, or replaces the content of the
    /// item's open draft (`decision_id`), in one transaction. Returns its id.
    pub fn save_decision(
        &mut self,
        item_id: i64,
        decision_id: Option<i64>,
        placement_id: Option<i64>,
        d: &DecisionDraft,
    ) -> Result<i64> {
        let (_, date, case_id) = self.item_for_decision(item_id)?;
        self.write_draft(Some(item_id), case_id, date, decision_id, placement_id, d)
    }

    /// Saves a draft chair's action on a case taken between meetings on `decided_on` (rule
    /// 15): creates it, or replaces the case's open draft (`decision_id`). Returns its id.
    pub fn save_chair_action(
        &mut self,
        case_id: i64,
        decision_id: Option<i64>,
        placement_id: Option<i64>,
        decided_on: NaiveDate,
        d: &DecisionDraft,
    ) -> Result<i64> {
        let exists: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?1)",
            [case_id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(StoreError::NotFound(format!("there is no case {case_id}")));
        }
        self.write_draft(None, case_id, decided_on, decision_id, placement_id, d)
    }

    /// The open draft chair's action of a case, if one.
    pub fn chair_action_draft(&self, case_id: i64) -> Result<Option<DecisionRecord>> {
        Ok(self
            .decisions_where(
                "d.case_id = ?1 AND d.urgent = 1 AND d.status = 'draft'",
                case_id,
            )?
            .pop())
    }

    /// Writes a draft made on `item_id`, or by chair's action when there is none.
    fn write_draft(
        &mut self,
        item_id: Option<i64>,
        case_id: i64,
        date: NaiveDate,
        decision_id: Option<i64>,
        placement_id: Option<i64>,
        d: &DecisionDraft,
    ) -> Result<i64> {
        let urgent = item_id.is_none();
        let partner_ids = self.partner_positions()?;
        if d.assents.len() != partner_ids.len() {
            return Err(refused(format!(
                "{} answers for {} partners",
                d.assents.len(),
                partner_ids.len()
            )));
        }
        if let Some(p) = placement_id {
            let owner: Option<i64> = self
                .conn
                .query_row("SELECT case_id FROM placements WHERE id = ?1", [p], |r| {
                    r.get(0)
                })
                .optional()?;
            if owner != Some(case_id) {
                return Err(field("placement", "Choose one of this case's placements"));
            }
        }
        // Saving what is already stored writes nothing (and so adds nothing to the audit trail).
        if let Some(id) = decision_id
            && let Ok(stored) = self.decision(id)
            && stored.item_id == item_id
            && stored.case_id == case_id
            && stored.status == DecisionStatus::Draft
            && stored.decided_on == date
            && stored.placement_id == placement_id
            && stored.content == *d
        {
            return Ok(id);
        }
        let tx = self.conn.transaction()?;
        let id = match decision_id {
            Some(id) => {
                let found: Option<(Option<i64>, i64, String)> = tx
                    .query_row(
                        "SELECT item_id, case_id, status FROM decisions WHERE id = ?1",
                        [id],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )
                    .optional()?;
                match found {
                    None => return Err(StoreError::NotFound(format!("there is no decision {id}"))),
                    Some((item, case, _)) if item != item_id || case != case_id => {
                        return Err(refused(if urgent {
                            "That decision is not a chair's action on this case"
                        } else {
                            "That decision belongs to another item"
                        }));
                    }
                    Some((_, _, status)) if status == "final" => {
                        return Err(refused(
                            "This decision is final and cannot change: record an amending decision",
                        ));
                    }
                    Some(_) => {}
                }
                tx.execute(
                    "UPDATE decisions SET placement_id = ?1, decided_on = ?2, outcome = ?3, subject = ?4, reasons = ?5,
                     alternatives = ?6, review_date = ?7, effective_from = ?8 WHERE id = ?9
                     AND (placement_id, decided_on, outcome, subject, reasons, alternatives, review_date, effective_from)
                         IS NOT (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![placement_id, date.to_string(), d.outcome.code(), d.subject, d.reasons, d.alternatives,
                        d.review_date.map(|r| r.to_string()), d.effective_from.map(|r| r.to_string()), id],
                )?;
                for table in ["decision_paragraphs", "conditions", "actions", "assents"] {
                    tx.execute(&format!("DELETE FROM {table} WHERE decision_id = ?1"), [id])?;
                }
                id
            }
            None => {
                match item_id {
                    Some(item_id) => {
                        let existing: Option<(String, Option<String>)> = tx
                            .query_row(
                                "SELECT status, number FROM decisions WHERE item_id = ?1 ORDER BY id DESC LIMIT 1",
                                [item_id],
                                |r| Ok((r.get(0)?, r.get(1)?)),
                            )
                            .optional()?;
                        match existing {
                            Some((status, _)) if status == "draft" => {
                                return Err(refused(
                                    "This item already has a draft decision: open it to carry on",
                                ));
                            }
                            Some((_, number)) => {
                                return Err(refused(format!(
                                    "This item is decided ({}): to correct it, record an amending decision",
                                    number.unwrap_or_default()
                                )));
                            }
                            None => {}
                        }
                    }
                    None => {
                        let open: bool = tx.query_row(
                            "SELECT EXISTS (SELECT 1 FROM decisions WHERE case_id = ?1 AND urgent = 1 AND status = 'draft')",
                            [case_id],
                            |r| r.get(0),
                        )?;
                        if open {
                            return Err(refused(
                                "This case already has a draft chair's action: open it to carry on",
                            ));
                        }
                    }
                }
                tx.execute(
                    "INSERT INTO decisions (status, item_id, case_id, placement_id, decided_on, urgent, outcome, subject,
                     reasons, alternatives, review_date, effective_from)
                     VALUES ('draft', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                    params![item_id, case_id, placement_id, date.to_string(), urgent, d.outcome.code(), d.subject,
                        d.reasons, d.alternatives, d.review_date.map(|r| r.to_string()),
                        d.effective_from.map(|r| r.to_string())],
                )?;
                tx.last_insert_rowid()
            }
        };
        insert_parts(&tx, id, d, &partner_ids)?;
        tx.commit()?;
        Ok(id)
    }

    /// Discards a draft decision (a final one stays for ever).
    pub fn discard_draft(&mut self, id: i64) -> Result<()> {
        let record = self.decision(id)?;
        if record.status == DecisionStatus::Final {
            return Err(refused("A finalised decision cannot be discarded"));
        }
        if let Some(item) = record.item_id {
            self.item_for_decision(item)?;
        }
        let tx = self.conn.transaction()?;
        for table in ["decision_paragraphs", "conditions", "actions", "assents"] {
            tx.execute(&format!("DELETE FROM {table} WHERE decision_id = ?1"), [id])?;
        }
        tx.execute("DELETE FROM decisions WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(())
    }

    /// Starts an amending decision of the final decision `id` (rule 9), made and dated where
    /// it is made: on the agenda item `at` of a meeting whose minutes are open (the date is
    /// the meeting's), or, with no item, as a chair's action taken on `decided_on`. The
    /// earlier meeting's minutes may be in any state. Only the latest decision of a chain is
    /// amended, and only for its own case. The draft begins as a copy of the decision; its id
    /// is returned.
    pub fn amend_decision(
        &mut self,
        id: i64,
        at: Option<i64>,
        decided_on: NaiveDate,
    ) -> Result<i64> {
        let original = self.decision(id)?;
        let number = match (&original.status, &original.number) {
            (DecisionStatus::Final, Some(n)) => n.clone(),
            _ => {
                return Err(refused(
                    "Only a finalised decision is amended; a draft can still be edited",
                ));
            }
        };
        if let Some((_, by)) = original.amended_by.last() {
            return Err(refused(format!(
                "{number} is already amended by {}: amend that decision instead (only the latest of a chain is amended)",
                by.as_deref().unwrap_or("a draft")
            )));
        }
        let (item_id, date) = match at {
            Some(item) => {
                let (_, date, case_id) = self.item_for_decision(item)?;
                if case_id != original.case_id {
                    return Err(refused(format!(
                        "This item is about another case: {number} is amended only at an item about its own case"
                    )));
                }
                let decided: Option<(String, Option<String>)> = self
                    .conn
                    .query_row(
                        "SELECT status, number FROM decisions WHERE item_id = ?1 AND id != ?2
                         ORDER BY id DESC LIMIT 1",
                        params![item, id],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                match decided {
                    Some((status, _)) if status == "draft" => {
                        return Err(refused(
                            "This item already has a draft decision: open it to carry on",
                        ));
                    }
                    Some((_, Some(other))) if original.item_id != Some(item) => {
                        return Err(refused(format!(
                            "This item is decided ({other}): amend {number} at another item"
                        )));
                    }
                    _ => {}
                }
                (Some(item), date)
            }
            None => {
                let open: bool = self.conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM decisions WHERE case_id = ?1 AND urgent = 1 AND status = 'draft')",
                    [original.case_id],
                    |r| r.get(0),
                )?;
                if open {
                    return Err(refused(
                        "This case already has a draft chair's action: open it to carry on",
                    ));
                }
                (None, decided_on)
            }
        };
        if date < original.decided_on {
            return Err(field(
                "decided_on",
                format!(
                    "An amendment is made after the decision it amends: {} is before {number} ({})",
                    date.format("%d/%m/%Y"),
                    original.decided_on.format("%d/%m/%Y")
                ),
            ));
        }
        let partner_ids = self.partner_positions()?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO decisions (status, item_id, case_id, placement_id, decided_on, urgent, outcome, subject,
             reasons, alternatives, review_date, effective_from, amends_id)
             SELECT 'draft', ?2, case_id, placement_id, ?3, ?4, outcome, subject, reasons,
                    alternatives, review_date, effective_from, id FROM decisions WHERE id = ?1",
            params![id, item_id, date.to_string(), item_id.is_none()],
        )?;
        let new_id = tx.last_insert_rowid();
        insert_parts(&tx, new_id, &original.content, &partner_ids)?;
        tx.commit()?;
        Ok(new_id)
    }

    /// Finalises the draft decision `id`: checks that it is complete and that its meeting is
    /// quorate, then gives it the next number of the financial year of its date and locks it.
    /// Checks, number and lock happen in one immediate transaction, so two finalisations can
    /// never take the same number and attendance cannot change in between.
    pub fn finalise_decision(&mut self, id: i64) -> Result<DecisionNumber> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let record = match self.decision(id) {
            Ok(r) => r,
            Err(StoreError::NotFound(_)) => {
                return Err(refused(format!("decision {id}: there is no such decision")));
            }
            Err(e) => return Err(e),
        };
        if record.status == DecisionStatus::Final {
            return Err(refused(format!(
                "decision {}: it is already final and cannot change; record an amending decision instead",
                record.number.unwrap_or_default()
            )));
        }
        let quorum = match record.item_id {
            Some(item) => {
                let (meeting_id, _, _) = self.item_for_decision(item)?;
                Some(self.meeting(meeting_id)?.quorum)
            }
            None => None,
        };
        let settings = self.settings()?;
        let partners = self.partners()?;
        let codes: Vec<String> = partners.iter().map(|p| p.code.clone()).collect();
        let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
        let mut snapshot = None;
        let mut placement = None;
        let mut approved_before = None;
        if let Some(p) = record.placement_id {
            let (_, entry) = self.placement(p)?;
            snapshot = Some(panel_core::snapshot::write(&entry.record, &codes));
            approved_before = self.approved_before(p, record.decided_on)?;
            placement = Some(entry.record.placement);
        }
        let names: Vec<String> = partners.iter().map(|p| p.name.clone()).collect();
        let ctx = FinaliseContext {
            decided_on: record.decided_on,
            urgent: record.urgent,
            quorum,
            recorded_inquorate: false,
            notice_months: settings.notice_months,
            placement: placement.as_ref(),
            approved_before: approved_before.as_ref(),
            partner_names: &names,
        };
        let problems = final_decision_problems(&record.content, &ctx);
        if !problems.is_empty() {
            return Err(StoreError::Field(
                problems.iter().map(|p| p.to_field_error()).collect(),
            ));
        }
        debug_assert!(!funds(record.content.outcome) || record.content.review_date.is_some());
        // What the decision does to the pool, from the placements as they stand now: kept
        // with it.
        let impact = self.impact_of(&record)?;
        // The indicative budget beside its package, from the case's assessment: kept too.
        let indicative =
            self.indicative_for(record.case_id, record.placement_id, record.decided_on)?;
        let year = FinancialYear::containing(record.decided_on);
        let last: u32 = tx.query_row(
            "SELECT coalesce(max(seq), 0) FROM decisions WHERE year_start = ?1",
            [year.start_year()],
            |r| r.get(0),
        )?;
        let number = DecisionNumber {
            prefix: settings.decision_prefix,
            year,
            seq: last + 1,
        };
        tx.execute(
            "UPDATE decisions SET status = 'final', number = ?1, year_start = ?2, seq = ?3,
                    placement_snapshot = ?5 WHERE id = ?4",
            params![
                number.to_string(),
                year.start_year(),
                number.seq,
                id,
                snapshot
            ],
        )?;
        crate::impact::keep_impact(&tx, id, &impact)?;
        if let Some(i) = &indicative {
            crate::ras::keep_indicative(&tx, id, i)?;
        }
        if let Some(item) = record.item_id {
            crate::dispute::resolve_by_decision(
                &tx,
                item,
                id,
                record.decided_on,
                record.content.outcome == panel_core::model::Outcome::Deferred,
            )?;
        }
        crate::pause_in("finalise");
        tx.commit()?;
        Ok(number)
    }

    /// The placement as the latest final funding decision about it, taken on or before
    /// `on`, kept it (rule 10: what a lower cost is a reduction from).
    pub(crate) fn approved_before(
        &self,
        placement_id: i64,
        on: NaiveDate,
    ) -> Result<Option<panel_core::Placement>> {
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT placement_snapshot FROM decisions
                 WHERE placement_id = ?1 AND status = 'final' AND placement_snapshot IS NOT NULL
                   AND outcome IN ('approved', 'approved_with_conditions') AND decided_on <= ?2
                 ORDER BY decided_on DESC, year_start DESC, seq DESC LIMIT 1",
                params![placement_id, on.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        let Some(text) = text else { return Ok(None) };
        let codes: Vec<String> = self.partners()?.into_iter().map(|p| p.code).collect();
        let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
        panel_core::snapshot::read(&text, &codes)
            .map(|r| Some(r.placement))
            .map_err(|problems| {
                StoreError::Corrupt(format!(
                    "the placement kept by a decision about placement {placement_id}: {}",
                    problems.join("; ")
                ))
            })
    }

    /// The interests declared on an item, in the order declared.
    pub fn interests(&self, item_id: i64) -> Result<Vec<InterestEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.id, i.attendee_id, a.name, a.agency, i.interest, i.dispensation
             FROM interests i JOIN attendees a ON a.id = i.attendee_id WHERE i.item_id = ?1 ORDER BY i.id",
        )?;
        let rows = stmt.query_map([item_id], |r| {
            Ok(InterestEntry {
                id: r.get(0)?,
                attendee_id: r.get(1)?,
                name: r.get(2)?,
                agency: r.get(3)?,
                interest: r.get(4)?,
                dispensation: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Refuses a change to an item's interests once the minutes are approved or a decision on
    /// it is final (the record shows them).
    fn interests_changeable(&self, item_id: i64) -> Result<i64> {
        let meeting_id = self.item_meeting(item_id)?;
        self.editable_meeting(meeting_id)?;
        let decided: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM decisions WHERE item_id = ?1 AND status = 'final')",
            [item_id],
            |r| r.get(0),
        )?;
        if decided {
            return Err(refused(
                "The decision on this item is final and its record lists the interests declared: they can no longer change",
            ));
        }
        Ok(meeting_id)
    }

    /// Records an interest an attendee declared on an item, with any dispensation (rule 13).
    pub fn declare_interest(
        &mut self,
        item_id: i64,
        attendee_id: i64,
        interest: &str,
        dispensation: Option<&str>,
    ) -> Result<i64> {
        let meeting_id = self.interests_changeable(item_id)?;
        let attendee_meeting: Option<i64> = self
            .conn
            .query_row(
                "SELECT meeting_id FROM attendees WHERE id = ?1",
                [attendee_id],
                |r| r.get(0),
            )
            .optional()?;
        if attendee_meeting != Some(meeting_id) {
            return Err(field("attendee", "Choose someone listed for this meeting"));
        }
        self.conn.execute(
            "INSERT INTO interests (item_id, attendee_id, interest, dispensation) VALUES (?1, ?2, ?3, ?4)",
            params![item_id, attendee_id, interest, dispensation],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Removes an interest recorded in error.
    pub fn remove_interest(&mut self, interest_id: i64) -> Result<()> {
        let item_id: i64 = self
            .conn
            .query_row(
                "SELECT item_id FROM interests WHERE id = ?1",
                [interest_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("there is no interest {interest_id}")))?;
        self.interests_changeable(item_id)?;
        self.conn
            .execute("DELETE FROM interests WHERE id = ?1", [interest_id])?;
        Ok(())
    }

    /// Moves a meeting's minutes one step on (rule 16): draft → circulated → approved →
    /// locked. Approval needs every decision of the meeting final; nothing goes back.
    pub fn advance_minutes(&mut self, meeting_id: i64, to: MinutesStatus) -> Result<()> {
        let status: String = self
            .conn
            .query_row(
                "SELECT minutes_status FROM meetings WHERE id = ?1",
                [meeting_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("there is no meeting {meeting_id}")))?;
        let from = MinutesStatus::parse(&status).map_err(StoreError::Corrupt)?;
        let next = match from {
            MinutesStatus::Draft => Some(MinutesStatus::Circulated),
            MinutesStatus::Circulated => Some(MinutesStatus::Approved),
            MinutesStatus::Approved => Some(MinutesStatus::Locked),
            MinutesStatus::Locked => None,
        };
        if next != Some(to) {
            return Err(refused(match next {
                None => "The minutes are locked: they cannot change".to_string(),
                Some(n) => format!("The minutes are {from}: they can only move on to {n}"),
            }));
        }
        if to == MinutesStatus::Approved {
            let drafts: i64 = self.conn.query_row(
                "SELECT count(*) FROM decisions d JOIN agenda_items i ON i.id = d.item_id
                 WHERE i.meeting_id = ?1 AND d.status = 'draft'",
                [meeting_id],
                |r| r.get(0),
            )?;
            if drafts > 0 {
                return Err(refused(format!(
                    "{drafts} decision{} of this meeting {} still draft: finalise or discard {} before the minutes are approved",
                    if drafts == 1 { "" } else { "s" },
                    if drafts == 1 { "is" } else { "are" },
                    if drafts == 1 { "it" } else { "them" },
                )));
            }
        }
        self.conn.execute(
            "UPDATE meetings SET minutes_status = ?1 WHERE id = ?2",
            params![to.code(), meeting_id],
        )?;
        Ok(())
    }
}

fn insert_parts(
    tx: &Transaction<'_>,
    id: i64,
    d: &DecisionDraft,
    partner_ids: &[i64],
) -> Result<()> {
    for (table, texts) in [
        ("decision_paragraphs", &d.paragraphs),
        ("conditions", &d.conditions),
    ] {
        let mut stmt = tx.prepare_cached(&format!(
            "INSERT INTO {table} (decision_id, position, text) VALUES (?1, ?2, ?3)"
        ))?;
        for (n, t) in texts.iter().enumerate() {
            stmt.execute(params![id, n as i64, t])?;
        }
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO actions (decision_id, position, action, owner, due) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (n, a) in d.actions.iter().enumerate() {
        stmt.execute(params![
            id,
            n as i64,
            a.action,
            a.owner,
            a.due.map(|x| x.to_string())
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO assents (decision_id, partner_id, assent) VALUES (?1, ?2, ?3)",
    )?;
    for (k, a) in d.assents.iter().enumerate() {
        if let Some(a) = a {
            stmt.execute(params![id, partner_ids[k], a.code()])?;
        }
    }
    Ok(())
}

impl Store {
    /// Records action `position` (from 1) of final decision `number` as done on `on` (no
    /// later than `today`, no earlier than the decision), with a note. Refused: an unknown
    /// decision or action, a draft, an action already done.
    pub fn complete_action(
        &mut self,
        number: &str,
        position: usize,
        on: NaiveDate,
        note: &str,
        today: NaiveDate,
    ) -> Result<()> {
        let note = panel_core::field::text_input(
            "note",
            "Note",
            note,
            false,
            panel_core::text::limit::ACTION,
        )
        .map_err(|e| StoreError::Field(vec![e]))?;
        let id = self.decision_by_number(number).map_err(|_| {
            crate::field("decision", format!("There is no final decision {number}"))
        })?;
        let record = self.decision(id)?;
        let Some(k) = position
            .checked_sub(1)
            .filter(|k| *k < record.content.actions.len())
        else {
            return Err(crate::field(
                "action",
                format!(
                    "{number} has {} action{}: there is no action {position}",
                    record.content.actions.len(),
                    if record.content.actions.len() == 1 {
                        ""
                    } else {
                        "s"
                    }
                ),
            ));
        };
        if on > today {
            return Err(crate::field(
                "on",
                format!(
                    "{} is after today ({}): record it when it is done",
                    on.format("%d/%m/%Y"),
                    today.format("%d/%m/%Y")
                ),
            ));
        }
        if on < record.decided_on {
            return Err(crate::field(
                "on",
                format!(
                    "{} is before {number} was taken, on {}",
                    on.format("%d/%m/%Y"),
                    record.decided_on.format("%d/%m/%Y")
                ),
            ));
        }
        let done: Option<String> = self
            .conn
            .query_row(
                "SELECT x.done_on FROM actions_done x JOIN actions a ON a.id = x.action_id
                 WHERE a.decision_id = ?1 AND a.position = ?2",
                params![id, k as i64],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(d) = done {
            return Err(crate::field(
                "action",
                format!(
                    "Action {position} of {number} was recorded as done on {} already",
                    crate::date_col(&d)?.format("%d/%m/%Y")
                ),
            ));
        }
        self.conn.execute(
            "INSERT INTO actions_done (action_id, done_on, note)
             VALUES ((SELECT id FROM actions WHERE decision_id = ?1 AND position = ?2), ?3, ?4)",
            params![id, k as i64, on.to_string(), note],
        )?;
        Ok(())
    }
}
