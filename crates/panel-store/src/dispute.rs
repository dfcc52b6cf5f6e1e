//! Disputes between partners (rule 18): raised against a line of an issued statement, held
//! as disputed, brought to the panel as an agenda item, and closed by withdrawal or by the
//! panel's decision, whose effect the next statement carries as adjustment lines.

use chrono::NaiveDate;
use panel_core::model::{DisputeReason, DisputeScope, DisputeStatus, ItemKind};
use panel_core::money::Money;
use panel_core::statement::{DisputeEntry, NewDispute, dispute_number, escalation_date};
use panel_core::year::FinancialYear;
use rusqlite::{OptionalExtension, params};

use crate::{Result, Store, StoreError, date_col, field};

pub use panel_core::model::FinanceSettings;

impl Store {
    /// The finance settings.
    pub fn finance_settings(&self) -> Result<FinanceSettings> {
        finance_settings(&self.conn)
    }

    /// The partner that pays providers, as "Name (CODE)", if the finance settings name one.
    pub fn lead_partner_label(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT p.name || ' (' || p.code || ')' FROM finance_settings f
                 JOIN partners p ON p.id = f.lead_partner_id WHERE f.id = 1",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Replaces the finance settings; refused field by field when out of range or naming no
    /// partner.
    pub fn save_finance_settings(&mut self, s: &FinanceSettings) -> Result<()> {
        let mut problems = Vec::new();
        if !(1..=365).contains(&s.escalation_days) {
            problems.push(panel_core::field::FieldError::new(
                "escalation_days",
                "Days before a dispute is escalated must be from 1 to 365",
            ));
        }
        if s.uplift.basis_points() > 10_000 {
            problems.push(panel_core::field::FieldError::new(
                "uplift",
                "The uplift assumed for next year must be from 0% to 100%",
            ));
        }
        if ![1, 3].contains(&s.statement_months) {
            problems.push(panel_core::field::FieldError::new(
                "statement_months",
                "Statements are monthly (1) or quarterly (3)",
            ));
        }
        let lead: Option<i64> = match &s.lead_partner {
            None => None,
            Some(code) => {
                let id = self
                    .conn
                    .query_row("SELECT id FROM partners WHERE code = ?1", [code], |r| {
                        r.get(0)
                    })
                    .optional()?;
                if id.is_none() {
                    problems.push(panel_core::field::FieldError::new(
                        "lead_partner",
                        format!("There is no partner with the code \"{code}\""),
                    ));
                }
                // The partner that pays providers is never stated to: one that has been
                // cannot become it.
                if let Some(id) = id {
                    let stated: Option<String> = self
                        .conn
                        .query_row(
                            "SELECT number FROM statements WHERE partner_id = ?1 ORDER BY period_from LIMIT 1",
                            [id],
                            |r| r.get(0),
                        )
                        .optional()?;
                    if let Some(number) = stated {
                        problems.push(panel_core::field::FieldError::new(
                            "lead_partner",
                            format!(
                                "{code} has been issued statements ({number} the first): the partner that pays the providers is the one that issues them"
                            ),
                        ));
                    }
                }
                id
            }
        };
        if !problems.is_empty() {
            return Err(StoreError::Field(problems));
        }
        self.conn.execute(
            "UPDATE finance_settings SET escalation_days = ?1, lead_partner_id = ?2, statement_months = ?3, uplift_bp = ?4
             WHERE id = 1 AND (escalation_days, lead_partner_id, statement_months, uplift_bp) IS NOT (?1, ?2, ?3, ?4)",
            params![s.escalation_days, lead, s.statement_months, s.uplift.basis_points()],
        )?;
        Ok(())
    }

    /// Raises a dispute on `today` by the partner of statement `statement` against its line
    /// `line` (from 1): the line's amount, or for a split every line of the placement stated
    /// to the partner, is held as disputed until the dispute closes. Refused: an unknown
    /// statement or line, a line of nothing disputed for its amount, a line (or placement)
    /// already under an open dispute.
    pub fn raise_dispute(
        &mut self,
        statement: &str,
        line: u32,
        d: &NewDispute,
        today: NaiveDate,
    ) -> Result<DisputeEntry> {
        let (issued, st) = self.issued_statement(statement)?;
        let Some(l) = line
            .checked_sub(1)
            .and_then(|i| st.lines.get(i as usize))
            .filter(|_| line >= 1)
        else {
            return Err(field(
                "line",
                format!(
                    "{statement} has no line {line} (its lines are 1 to {})",
                    st.lines.len()
                ),
            ));
        };
        if today < issued.issued_on {
            return Err(field(
                "line",
                format!(
                    "{statement} is issued on {}, after today",
                    issued.issued_on.format("%d/%m/%Y")
                ),
            ));
        }
        if d.scope == DisputeScope::Line && l.amount == Money::ZERO {
            return Err(field(
                "line",
                format!(
                    "Line {line} of {statement} charges nothing: there is no amount to dispute (dispute the split if the share is wrong)"
                ),
            ));
        }
        let tx = self.conn.transaction()?;
        let line_id: i64 = tx.query_row(
            "SELECT id FROM statement_lines WHERE statement_id = ?1 AND position = ?2",
            params![issued.id, line - 1],
            |r| r.get(0),
        )?;
        let open: Option<String> = tx
            .query_row(
                "SELECT number FROM disputes WHERE status = 'open' AND partner_id = (SELECT partner_id FROM statements WHERE id = ?2)
                   AND (statement_line_id = ?1 OR (scope = 'split' AND placement_id = ?3))",
                params![line_id, issued.id, l.placement_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(n) = open {
            return Err(field(
                "line",
                format!(
                    "{n} already disputes this line and is open: add to it, or withdraw it first"
                ),
            ));
        }
        // What is held, statement by statement.
        let holds: Vec<(i64, i64)> = match d.scope {
            DisputeScope::Line => vec![(issued.id, l.amount.pence())],
            DisputeScope::Split => {
                let mut stmt = tx.prepare(
                    "SELECT l.statement_id, sum(l.amount_pence) FROM statement_lines l
                     JOIN statements s ON s.id = l.statement_id
                     WHERE s.partner_id = (SELECT partner_id FROM statements WHERE id = ?1)
                       AND l.placement_id = ?2
                     GROUP BY l.statement_id ORDER BY l.statement_id",
                )?;
                let rows = stmt.query_map(params![issued.id, l.placement_id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
                rows.collect::<std::result::Result<_, _>>()?
            }
        };
        let amount: i64 = holds.iter().map(|h| h.1).sum();
        let year = FinancialYear::containing(today);
        let seq: u32 = tx.query_row(
            "SELECT coalesce(max(seq), 0) + 1 FROM disputes WHERE year_start = ?1",
            [year.start_year()],
            |r| r.get(0),
        )?;
        let number = dispute_number(year, seq);
        tx.execute(
            "INSERT INTO disputes (year_start, seq, number, partner_id, statement_line_id, scope, case_id, placement_id,
                                   reason, note, raised_on, amount_pence)
             VALUES (?1, ?2, ?3, (SELECT partner_id FROM statements WHERE id = ?4), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                year.start_year(),
                seq,
                number,
                issued.id,
                line_id,
                d.scope.code(),
                l.case_id,
                l.placement_id,
                d.reason.code(),
                d.note,
                today.to_string(),
                amount
            ],
        )?;
        let id = tx.last_insert_rowid();
        for (statement_id, pence) in holds {
            tx.execute(
                "INSERT INTO dispute_holds (dispute_id, statement_id, amount_pence) VALUES (?1, ?2, ?3)",
                params![id, statement_id, pence],
            )?;
        }
        tx.commit()?;
        self.dispute(&number, today)
    }

    /// Withdraws open dispute `number` on `today`, with what was said. The amounts it held
    /// are owed again as they were stated.
    pub fn withdraw_dispute(
        &mut self,
        number: &str,
        note: &str,
        today: NaiveDate,
    ) -> Result<DisputeEntry> {
        let note = panel_core::field::text_input("closing_note", "Note", note, false, 2000)
            .map_err(|e| StoreError::Field(vec![e]))?;
        let d = self.open_dispute(number, today)?;
        self.conn.execute(
            "UPDATE disputes SET status = 'withdrawn', closed_on = ?2, closing_note = ?3 WHERE id = ?1",
            params![d.id, today.to_string(), note],
        )?;
        self.dispute(number, today)
    }

    /// Brings open dispute `number` to meeting `meeting_id`: an agenda item of kind
    /// "dispute" about its case, linked to it, whose final decision will resolve it. Answers
    /// the item's id. Refused for a dispute closed or already on an agenda, or a meeting whose
    /// minutes are approved.
    pub fn bring_dispute_to_panel(&mut self, number: &str, meeting_id: i64) -> Result<i64> {
        let date = self.editable_meeting(meeting_id)?;
        let d = self.open_dispute(number, date)?;
        if let Some((_, on)) = d.meeting {
            return Err(field(
                "meeting",
                format!(
                    "{number} is already on the agenda of the meeting of {}: remove it there first",
                    on.format("%d/%m/%Y")
                ),
            ));
        }
        let ask = format!(
            "{} disputes {} of {} ({}): {}{}. The panel is asked to settle it: confirm the split and rate, or set a new one from a date.",
            d.partner_name,
            match d.scope {
                DisputeScope::Line => format!("line {}", d.line),
                DisputeScope::Split => format!("the split of line {}", d.line),
            },
            d.statement,
            d.amount,
            d.reason.label().to_lowercase(),
            if d.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", d.note)
            }
        );
        let item = panel_core::meeting::NewAgendaItem {
            kind: ItemKind::Dispute,
            case: Some(d.case_reference.clone()),
            title: format!("Dispute {number}: {} — {}", d.partner_name, d.provider),
            presenter: String::new(),
            minutes: 15,
            ask: ask.chars().take(2000).collect(),
            ratifies: None,
        };
        self.insert_agenda_item(meeting_id, &item, |tx, item_id| {
            tx.execute(
                "UPDATE disputes SET agenda_item_id = ?2 WHERE id = ?1",
                params![d.id, item_id],
            )?;
            Ok(())
        })
    }

    /// Dispute `number`, refused unless it is open.
    fn open_dispute(&self, number: &str, today: NaiveDate) -> Result<DisputeEntry> {
        let d = self.dispute(number, today)?;
        if d.status != DisputeStatus::Open {
            return Err(StoreError::Invalid(vec![format!(
                "{number} is {} and cannot change",
                match d.status {
                    DisputeStatus::Withdrawn => "withdrawn",
                    _ => "resolved",
                }
            )]));
        }
        Ok(d)
    }

    /// Dispute `number` as it stands on `as_of`.
    pub fn dispute(&self, number: &str, as_of: NaiveDate) -> Result<DisputeEntry> {
        self.disputes(as_of)?
            .into_iter()
            .find(|d| d.number == number)
            .ok_or_else(|| StoreError::NotFound(format!("there is no dispute {number}")))
    }

    /// The register: every dispute raised by `as_of`, oldest first, each as it stood on that
    /// day (a dispute closed after it reads as open).
    pub fn disputes(&self, as_of: NaiveDate) -> Result<Vec<DisputeEntry>> {
        let days = self.finance_settings()?.escalation_days;
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.number, p.code, p.name, s.number, l.position, d.scope, l.case_reference, l.initials,
                    d.placement_id, l.provider, d.reason, d.note, d.raised_on, d.amount_pence, d.status,
                    d.closed_on, x.number, d.closing_note, m.id, m.date, d.case_id
             FROM disputes d JOIN partners p ON p.id = d.partner_id
             JOIN statement_lines l ON l.id = d.statement_line_id
             JOIN statements s ON s.id = l.statement_id
             LEFT JOIN decisions x ON x.id = d.decision_id
             LEFT JOIN agenda_items a ON a.id = d.agenda_item_id
             LEFT JOIN meetings m ON m.id = a.meeting_id
             WHERE d.raised_on <= ?1 ORDER BY d.raised_on, d.id",
        )?;
        let mut rows = stmt.query([as_of.to_string()])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let raised_on = date_col(&r.get::<_, String>(13)?)?;
            let mut closed_on = r
                .get::<_, Option<String>>(16)?
                .map(|s| date_col(&s))
                .transpose()?;
            let mut status =
                DisputeStatus::parse(&r.get::<_, String>(15)?).map_err(StoreError::Corrupt)?;
            let mut decision: Option<String> = r.get(17)?;
            if closed_on.is_some_and(|c| c > as_of) {
                (closed_on, status, decision) = (None, DisputeStatus::Open, None);
            }
            let escalation = escalation_date(raised_on, days);
            let meeting = match (
                r.get::<_, Option<i64>>(19)?,
                r.get::<_, Option<String>>(20)?,
            ) {
                (Some(id), Some(on)) => Some((id, date_col(&on)?)),
                _ => None,
            };
            out.push(DisputeEntry {
                id: r.get(0)?,
                number: r.get(1)?,
                partner: r.get(2)?,
                partner_name: r.get(3)?,
                statement: r.get(4)?,
                line: r.get::<_, u32>(5)? + 1,
                scope: DisputeScope::parse(&r.get::<_, String>(6)?).map_err(StoreError::Corrupt)?,
                case_id: r.get(21)?,
                case_reference: r.get(7)?,
                initials: r.get(8)?,
                placement_id: r.get(9)?,
                provider: r.get(10)?,
                reason: DisputeReason::parse(&r.get::<_, String>(11)?)
                    .map_err(StoreError::Corrupt)?,
                note: r.get(12)?,
                raised_on,
                amount: Money::from_pence(r.get(14)?),
                status,
                age_days: (closed_on.unwrap_or(as_of) - raised_on).num_days(),
                escalation_date: escalation,
                escalated: status == DisputeStatus::Open && as_of > escalation,
                meeting,
                closed_on,
                decision,
                closing_note: if status == DisputeStatus::Open {
                    String::new()
                } else {
                    r.get(18)?
                },
            });
        }
        Ok(out)
    }
}

/// Resolves the open disputes that agenda item `item_id` brings, by final decision
/// `decision_id` taken on `decided_on` (inside the finalisation's transaction). A deferred
/// item leaves them open, to be brought again.
pub(crate) fn resolve_by_decision(
    conn: &rusqlite::Connection,
    item_id: i64,
    decision_id: i64,
    decided_on: NaiveDate,
    deferred: bool,
) -> Result<()> {
    if deferred {
        conn.execute(
            "UPDATE disputes SET agenda_item_id = NULL WHERE agenda_item_id = ?1 AND status = 'open'",
            [item_id],
        )?;
        return Ok(());
    }
    conn.execute(
        "UPDATE disputes SET status = 'resolved', closed_on = max(?3, raised_on), decision_id = ?2,
                closing_note = 'Resolved by the panel'
         WHERE agenda_item_id = ?1 AND status = 'open'",
        params![item_id, decision_id, decided_on.to_string()],
    )?;
    Ok(())
}

/// [`Store::finance_settings`] on `conn` (the store's connection, or a transaction of it).
pub(crate) fn finance_settings(conn: &rusqlite::Connection) -> Result<FinanceSettings> {
    Ok(conn.query_row(
        "SELECT f.escalation_days, p.code, f.statement_months, f.uplift_bp FROM finance_settings f
         LEFT JOIN partners p ON p.id = f.lead_partner_id WHERE f.id = 1",
        [],
        |r| {
            Ok(FinanceSettings {
                escalation_days: r.get(0)?,
                lead_partner: r.get(1)?,
                statement_months: r.get(2)?,
                uplift: panel_core::Percent::from_basis_points(r.get(3)?)
                    .unwrap_or(panel_core::Percent::ZERO),
            })
        },
    )?)
}
