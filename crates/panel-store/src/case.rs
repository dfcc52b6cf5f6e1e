//! Cases and their placements: cost lines with their rate history, and splits.

use std::collections::HashMap;

use chrono::NaiveDate;
use panel_core::entry::NewCase;
use panel_core::model::{DecisionStatus, Outcome, PlacementRecord, PlacementType};
use panel_core::review::next_review;
use panel_core::{CostLine, Money, Per, Percent, Placement, SplitPeriod};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::{Result, Store, StoreError, date_col, field, opt_date_col, parse_code};

/// A line of the case list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseSummary {
    /// Row id.
    pub id: i64,
    /// Reference.
    pub reference: String,
    /// Initials.
    pub initials: String,
    /// Date of birth.
    pub date_of_birth: Option<NaiveDate>,
    /// Placements covering the day asked about.
    pub active: usize,
    /// Their cost per week on that day.
    pub weekly: Money,
    /// The earliest next review of a current or future placement.
    pub next_review: Option<NaiveDate>,
    /// Whether the case is current on that day: a placement in force or to come, or none yet
    /// (a case being referred). A case whose placements have all ended is not.
    pub current: bool,
}

/// A placement with its row id and the next review it is due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlacementEntry {
    /// Row id.
    pub id: i64,
    /// Provider, type, dates, cost lines and splits.
    pub record: PlacementRecord,
    /// Its next review (rule 11), from its latest final decision or its start.
    pub next_review: NaiveDate,
}

/// A line of a case's decision history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionSummary {
    /// Row id.
    pub id: i64,
    /// The number, once final.
    pub number: Option<String>,
    /// Draft or final.
    pub status: DecisionStatus,
    /// Date decided.
    pub decided_on: NaiveDate,
    /// Outcome.
    pub outcome: Outcome,
    /// Subject.
    pub subject: String,
    /// The meeting it was made at, if any.
    pub meeting: Option<(i64, NaiveDate)>,
    /// The number of the decision it amends.
    pub amends: Option<String>,
    /// Chair's action between meetings (rule 15).
    pub urgent: bool,
    /// For a chair's action, the meeting (id, date) whose agenda brings it for ratification.
    pub ratification: Option<(i64, NaiveDate)>,
    /// Whether it can be amended: final, and the latest of its chain (rule 9).
    pub amendable: bool,
}

/// A case with everything the case screen shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseDetail {
    /// Row id.
    pub id: i64,
    /// Reference, initials, date of birth, needs.
    pub case: NewCase,
    /// Placements in order.
    pub placements: Vec<PlacementEntry>,
    /// Decisions, newest first.
    pub decisions: Vec<DecisionSummary>,
}

impl Store {
    /// The row id of the case with `reference`.
    pub fn case_id(&self, reference: &str) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT id FROM cases WHERE reference = ?1 COLLATE NOCASE",
                [reference],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("there is no case {reference}")))
    }

    /// Every case by reference, with its current placements as of `day`.
    pub fn cases(&self, day: NaiveDate) -> Result<Vec<CaseSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, reference, initials, date_of_birth FROM cases ORDER BY reference",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(CaseSummary {
                id: r.get(0)?,
                reference: r.get(1)?,
                initials: r.get(2)?,
                date_of_birth: opt_date_col(r.get(3)?)?,
                active: 0,
                weekly: Money::ZERO,
                next_review: None,
                current: true,
            });
        }
        let index: HashMap<i64, usize> = out.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        for (case_id, entry) in self.load_placements(None)? {
            let Some(&i) = index.get(&case_id) else {
                continue;
            };
            let p = &entry.record.placement;
            let c = &mut out[i];
            // Ended once it has placements and every one has ended (set again just below
            // when this one has not).
            if c.next_review.is_none() {
                c.current = false;
            }
            if p.covers(day) {
                c.active += 1;
                c.weekly += p.weekly_equivalent(day);
            }
            if p.end.is_none_or(|e| e >= day) {
                c.current = true;
                c.next_review = Some(
                    c.next_review
                        .map_or(entry.next_review, |n| n.min(entry.next_review)),
                );
            }
        }
        Ok(out)
    }

    /// One case with its placements and decisions.
    pub fn case(&self, id: i64) -> Result<CaseDetail> {
        let found: Option<(String, String, Option<String>, String)> = self
            .conn
            .query_row(
                "SELECT reference, initials, date_of_birth, needs FROM cases WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let (reference, initials, dob, needs) =
            found.ok_or_else(|| StoreError::NotFound(format!("there is no case {id}")))?;
        let placements = self
            .load_placements(Some(id))?
            .into_iter()
            .map(|(_, p)| p)
            .collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.number, d.status, d.decided_on, d.outcome, d.subject, m.id, m.date, a.number, d.urgent,
                    rm.id, rm.date,
                    d.status = 'final' AND NOT EXISTS (SELECT 1 FROM decisions x WHERE x.amends_id = d.id)
             FROM decisions d
             LEFT JOIN agenda_items i ON i.id = d.item_id
             LEFT JOIN meetings m ON m.id = i.meeting_id
             LEFT JOIN decisions a ON a.id = d.amends_id
             LEFT JOIN meetings rm ON rm.id = (SELECT ri.meeting_id FROM agenda_items ri JOIN meetings x ON x.id = ri.meeting_id
                                               WHERE ri.ratifies_id = d.id ORDER BY x.date DESC LIMIT 1)
             WHERE d.case_id = ?1 ORDER BY d.decided_on DESC, d.id DESC",
        )?;
        let mut rows = stmt.query([id])?;
        let mut decisions = Vec::new();
        while let Some(r) = rows.next()? {
            let meeting = match (r.get::<_, Option<i64>>(6)?, r.get::<_, Option<String>>(7)?) {
                (Some(mid), Some(date)) => Some((mid, date_col(&date)?)),
                _ => None,
            };
            decisions.push(DecisionSummary {
                id: r.get(0)?,
                number: r.get(1)?,
                status: parse_code(
                    "decisions.status",
                    &r.get::<_, String>(2)?,
                    DecisionStatus::parse,
                )?,
                decided_on: date_col(&r.get::<_, String>(3)?)?,
                outcome: parse_code("decisions.outcome", &r.get::<_, String>(4)?, Outcome::parse)?,
                subject: r.get(5)?,
                meeting,
                amends: r.get(8)?,
                urgent: r.get(9)?,
                ratification: match (
                    r.get::<_, Option<i64>>(10)?,
                    r.get::<_, Option<String>>(11)?,
                ) {
                    (Some(id), Some(date)) => Some((id, date_col(&date)?)),
                    _ => None,
                },
                amendable: r.get(12)?,
            });
        }
        Ok(CaseDetail {
            id,
            case: NewCase {
                reference,
                initials,
                date_of_birth: opt_date_col(dob)?,
                needs,
            },
            placements,
            decisions,
        })
    }

    /// Placements with everything about them, of one case or of all, each with its case id;
    /// a placement that cannot be costed is refused as corrupt.
    fn load_placements(&self, case_id: Option<i64>) -> Result<Vec<(i64, PlacementEntry)>> {
        let out = self.read_placements(case_id)?;
        let partners = self.partners()?.len();
        for (_, e) in &out {
            e.record
                .placement
                .validate(partners)
                .map_err(|err| StoreError::Corrupt(format!("placement {} {err}", e.id)))?;
        }
        Ok(out)
    }

    /// Placements as stored, of one case or of all, each with its case id, whether or not
    /// they keep the rules: what `panel check` examines.
    pub(crate) fn read_placements(
        &self,
        case_id: Option<i64>,
    ) -> Result<Vec<(i64, PlacementEntry)>> {
        let settings = self.settings()?;
        let partners = self.partners()?.len();
        let filter = if case_id.is_some() {
            "p.case_id = ?1"
        } else {
            "?1 IS NULL"
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.id, p.case_id, p.provider, p.type, p.start_date, p.end_date,
                    (SELECT d.review_date FROM decisions d WHERE d.placement_id = p.id AND d.status = 'final'
                       AND d.review_date IS NOT NULL ORDER BY d.decided_on DESC, d.id DESC LIMIT 1)
             FROM placements p WHERE {filter} ORDER BY p.case_id, p.position"
        ))?;
        let mut rows = stmt.query([case_id])?;
        let mut out: Vec<(i64, PlacementEntry)> = Vec::new();
        let mut index: HashMap<i64, usize> = HashMap::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let start = date_col(&r.get::<_, String>(4)?)?;
            let anchor = opt_date_col(r.get(6)?)?;
            index.insert(id, out.len());
            out.push((
                r.get(1)?,
                PlacementEntry {
                    id,
                    record: PlacementRecord {
                        provider: r.get(2)?,
                        kind: parse_code(
                            "placements.type",
                            &r.get::<_, String>(3)?,
                            PlacementType::parse,
                        )?,
                        placement: Placement {
                            start,
                            end: opt_date_col(r.get(5)?)?,
                            cost_lines: Vec::new(),
                            splits: Vec::new(),
                        },
                    },
                    next_review: next_review(start, anchor, settings.first_review_months),
                },
            ));
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT l.placement_id, l.description, l.per, l.amount_pence, l.from_date, l.to_date
             FROM cost_lines l JOIN placements p ON p.id = l.placement_id
             WHERE {filter} ORDER BY l.placement_id, l.position"
        ))?;
        let mut rows = stmt.query([case_id])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
                out[i].1.record.placement.cost_lines.push(CostLine {
                    description: r.get(1)?,
                    per: parse_code("cost_lines.per", &r.get::<_, String>(2)?, |s| {
                        s.parse::<Per>()
                    })?,
                    amount: Money::from_pence(r.get(3)?),
                    from: date_col(&r.get::<_, String>(4)?)?,
                    to: opt_date_col(r.get(5)?)?,
                });
            }
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT s.placement_id, s.id, s.from_date, coalesce(sh.basis_points, 0)
             FROM splits s JOIN placements p ON p.id = s.placement_id
             CROSS JOIN partners pa
             LEFT JOIN split_shares sh ON sh.split_id = s.id AND sh.partner_id = pa.id
             WHERE {filter} ORDER BY s.placement_id, s.from_date, pa.position"
        ))?;
        let mut rows = stmt.query([case_id])?;
        let mut last = None;
        while let Some(r) = rows.next()? {
            let split_id: i64 = r.get(1)?;
            let Some(&i) = index.get(&r.get::<_, i64>(0)?) else {
                continue;
            };
            let splits = &mut out[i].1.record.placement.splits;
            if last != Some(split_id) {
                splits.push(SplitPeriod {
                    from: date_col(&r.get::<_, String>(2)?)?,
                    shares: Vec::with_capacity(partners),
                });
                last = Some(split_id);
            }
            let bp: u32 = r.get(3)?;
            let share = Percent::from_basis_points(bp).ok_or_else(|| {
                StoreError::Corrupt(format!("split {split_id}: share {bp} out of range"))
            })?;
            if let Some(s) = splits.last_mut() {
                s.shares.push(share);
            }
        }
        Ok(out)
    }

    /// One placement, with the id of its case.
    pub fn placement(&self, id: i64) -> Result<(i64, PlacementEntry)> {
        let case_id: i64 = self
            .conn
            .query_row("SELECT case_id FROM placements WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("there is no placement {id}")))?;
        self.load_placements(Some(case_id))?
            .into_iter()
            .find(|(_, e)| e.id == id)
            .ok_or_else(|| StoreError::NotFound(format!("there is no placement {id}")))
    }

    /// Creates a case; references are unique.
    pub fn create_case(&mut self, c: &NewCase) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let id = insert_case(&tx, c)?;
        tx.commit()?;
        Ok(id)
    }

    /// Changes a case's reference, initials, date of birth or needs.
    pub fn update_case(&mut self, id: i64, c: &NewCase) -> Result<()> {
        let tx = self.conn.transaction()?;
        refuse_taken_reference(&tx, &c.reference, Some(id))?;
        let n = tx.execute(
            "UPDATE cases SET reference = ?1, initials = ?2, date_of_birth = ?3, needs = ?4 WHERE id = ?5
             AND (reference, initials, date_of_birth, needs) IS NOT (?1, ?2, ?3, ?4)",
            params![
                c.reference,
                c.initials,
                c.date_of_birth.map(|d| d.to_string()),
                c.needs,
                id
            ],
        )?;
        if n == 0 {
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if !exists {
                return Err(StoreError::NotFound(format!("there is no case {id}")));
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Adds a placement to a case (`placement_id` `None`) or replaces one's provider, type,
    /// dates, cost lines and splits, all in one transaction. Returns the placement's id.
    pub fn save_placement(
        &mut self,
        case_id: i64,
        placement_id: Option<i64>,
        record: &PlacementRecord,
    ) -> Result<i64> {
        let partner_ids = self.partner_positions()?;
        record
            .placement
            .validate(partner_ids.len())
            .map_err(|e| StoreError::Invalid(vec![format!("the placement {e}")]))?;
        let tx = self.conn.transaction()?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?1)",
            [case_id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(StoreError::NotFound(format!("there is no case {case_id}")));
        }
        let p = &record.placement;
        let id = match placement_id {
            Some(id) => {
                let owner: Option<i64> = tx
                    .query_row("SELECT case_id FROM placements WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })
                    .optional()?;
                if owner != Some(case_id) {
                    return Err(StoreError::NotFound(format!(
                        "there is no placement {id} in this case"
                    )));
                }
                tx.execute(
                    "UPDATE placements SET provider = ?1, type = ?2, start_date = ?3, end_date = ?4 WHERE id = ?5
                     AND (provider, type, start_date, end_date) IS NOT (?1, ?2, ?3, ?4)",
                    params![record.provider, record.kind.code(), p.start.to_string(), p.end.map(|e| e.to_string()), id],
                )?;
                tx.execute(
                    "DELETE FROM split_shares WHERE split_id IN (SELECT id FROM splits WHERE placement_id = ?1)",
                    [id],
                )?;
                tx.execute("DELETE FROM splits WHERE placement_id = ?1", [id])?;
                tx.execute("DELETE FROM cost_lines WHERE placement_id = ?1", [id])?;
                id
            }
            None => {
                let id = insert_placement(&tx, case_id, record, &partner_ids)?;
                tx.commit()?;
                return Ok(id);
            }
        };
        insert_lines_and_splits(&tx, id, p, &partner_ids)?;
        tx.commit()?;
        Ok(id)
    }
}

/// Adds a case (its reference not taken) inside a transaction.
pub(crate) fn insert_case(tx: &Transaction<'_>, c: &NewCase) -> Result<i64> {
    refuse_taken_reference(tx, &c.reference, None)?;
    tx.execute(
        "INSERT INTO cases (reference, initials, date_of_birth, needs) VALUES (?1, ?2, ?3, ?4)",
        params![
            c.reference,
            c.initials,
            c.date_of_birth.map(|d| d.to_string()),
            c.needs
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Adds a placement, after the case's others, with its cost lines and splits, inside a
/// transaction.
pub(crate) fn insert_placement(
    tx: &Transaction<'_>,
    case_id: i64,
    record: &PlacementRecord,
    partner_ids: &[i64],
) -> Result<i64> {
    let p = &record.placement;
    tx.execute(
        "INSERT INTO placements (case_id, position, provider, type, start_date, end_date)
         VALUES (?1, (SELECT coalesce(max(position) + 1, 0) FROM placements WHERE case_id = ?1), ?2, ?3, ?4, ?5)",
        params![case_id, record.provider, record.kind.code(), p.start.to_string(), p.end.map(|e| e.to_string())],
    )?;
    let id = tx.last_insert_rowid();
    insert_lines_and_splits(tx, id, p, partner_ids)?;
    Ok(id)
}

fn refuse_taken_reference(
    tx: &Transaction<'_>,
    reference: &str,
    except: Option<i64>,
) -> Result<()> {
    // References are letters A–Z, digits, - / and _ (`text::case_reference_problem`), so
    // SQLite's NOCASE reads them as `text::identity` does: "cn-0001" is CN-0001 again.
    let taken: Option<String> = tx
        .query_row(
            "SELECT reference FROM cases WHERE reference = ?1 COLLATE NOCASE AND id IS NOT ?2",
            params![reference, except],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(there) = taken {
        return Err(field(
            "reference",
            format!("There is already a case {there}"),
        ));
    }
    Ok(())
}

pub(crate) fn insert_lines_and_splits(
    tx: &Transaction<'_>,
    placement_id: i64,
    p: &Placement,
    partner_ids: &[i64],
) -> Result<()> {
    let mut line = tx.prepare_cached(
        "INSERT INTO cost_lines (placement_id, position, description, per, amount_pence, from_date, to_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (n, l) in p.cost_lines.iter().enumerate() {
        line.execute(params![
            placement_id,
            n as i64,
            l.description,
            l.per.code(),
            l.amount.pence(),
            l.from.to_string(),
            l.to.map(|t| t.to_string())
        ])?;
    }
    let mut split =
        tx.prepare_cached("INSERT INTO splits (placement_id, from_date) VALUES (?1, ?2)")?;
    let mut share = tx.prepare_cached(
        "INSERT INTO split_shares (split_id, partner_id, basis_points) VALUES (?1, ?2, ?3)",
    )?;
    for s in &p.splits {
        split.execute(params![placement_id, s.from.to_string()])?;
        let sid = tx.last_insert_rowid();
        for (k, pct) in s.shares.iter().enumerate() {
            share.execute(params![sid, partner_ids[k], pct.basis_points()])?;
        }
    }
    Ok(())
}
