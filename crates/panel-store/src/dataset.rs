//! Import and export of whole datasets, and the reads that cost placements.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;
use panel_core::analysis::FundedPlacement;
use panel_core::dataset::*;
use panel_core::model::*;
use panel_core::{
    Agreement, CostLine, FinancialYear, Money, Partner, Per, Percent, Placement, RiskShare,
    SplitPeriod,
};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::statement::{LineRow, StatementRow, write_statement};
use crate::{Result, Store, StoreError, date_col, opt_date_col, parse_code};

/// What an import added.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Partners added (existing ones with the same code and name are reused).
    pub partners: usize,
    /// Agreements added.
    pub agreements: usize,
    /// Cases added.
    pub cases: usize,
    /// Placements added.
    pub placements: usize,
    /// Cost lines added.
    pub cost_lines: usize,
    /// Meetings added.
    pub meetings: usize,
    /// Decisions added.
    pub decisions: usize,
    /// Issued statements added.
    pub statements: usize,
    /// Disputes added.
    pub disputes: usize,
    /// Contributions called or paid in, added.
    pub pool: usize,
    /// Resource allocation tables added.
    pub allocation_tables: usize,
    /// Assessments added.
    pub assessments: usize,
}

/// The state of the file when placements were last asked for — `PRAGMA data_version`
/// (another connection's commits), this connection's commits, and the number of partners —
/// and every placement as read then, once asked for twice in that state.
pub(crate) struct PlacementsRead {
    pub(crate) state: (i64, u64, usize),
    pub(crate) all: Option<KeptPlacements>,
}

/// Every placement as read, and the dates that say whether a period holds them all.
#[derive(Clone)]
pub(crate) struct KeptPlacements {
    placements: Arc<Vec<FundedPlacement>>,
    /// The latest start of any placement or cost line: a period ending on or after it...
    latest_start: NaiveDate,
    /// ...and starting on or before the earliest end of any (none: nothing ends) holds
    /// every placement and every line whole.
    earliest_end: Option<NaiveDate>,
}

impl KeptPlacements {
    fn of(placements: Vec<FundedPlacement>) -> KeptPlacements {
        let mut latest_start = NaiveDate::MIN;
        let mut earliest_end: Option<NaiveDate> = None;
        let mut ends = |end: Option<NaiveDate>| {
            if let Some(e) = end {
                earliest_end = Some(earliest_end.map_or(e, |x| x.min(e)));
            }
        };
        for p in &placements {
            latest_start = latest_start.max(p.placement.start);
            ends(p.placement.end);
            for l in &p.placement.cost_lines {
                latest_start = latest_start.max(l.from);
                ends(l.to);
            }
        }
        KeptPlacements {
            placements: Arc::new(placements),
            latest_start,
            earliest_end,
        }
    }
}

const PERIOD_PLACEMENTS: &str =
    "SELECT p.id, p.start_date, p.end_date, p.case_id, c.reference, c.initials, p.provider, p.type
     FROM placements p CROSS JOIN cases c ON c.id = p.case_id
     WHERE p.start_date <= ?2 AND (p.end_date IS NULL OR p.end_date >= ?1) ORDER BY +p.id";
const PERIOD_LINES: &str =
    "SELECT l.placement_id, l.per, l.amount_pence, l.from_date, l.to_date, l.description
     FROM placements p CROSS JOIN cost_lines l ON l.placement_id = p.id
     WHERE p.start_date <= ?2 AND (p.end_date IS NULL OR p.end_date >= ?1)
       AND l.from_date <= ?2 AND (l.to_date IS NULL OR l.to_date >= ?1)
     ORDER BY l.placement_id, l.position";
const PERIOD_SPLITS: &str =
    "SELECT s.placement_id, s.id, s.from_date, sh.partner_id, sh.basis_points
     FROM placements p CROSS JOIN splits s ON s.placement_id = p.id
     LEFT JOIN split_shares sh ON sh.split_id = s.id
     WHERE p.start_date <= ?2 AND (p.end_date IS NULL OR p.end_date >= ?1)
     ORDER BY s.placement_id, s.from_date";
// (?1 and ?2 are bound and unused: the period is every day.)
const ALL_PLACEMENTS: &str =
    "SELECT p.id, p.start_date, p.end_date, p.case_id, c.reference, c.initials, p.provider, p.type
     FROM placements p JOIN cases c ON c.id = p.case_id WHERE ?1 <= ?2 ORDER BY p.id";
const ALL_LINES: &str =
    "SELECT l.placement_id, l.per, l.amount_pence, l.from_date, l.to_date, l.description
     FROM cost_lines l WHERE ?1 <= ?2 ORDER BY l.placement_id, l.position";
const ALL_SPLITS: &str = "SELECT s.placement_id, s.id, s.from_date, sh.partner_id, sh.basis_points
     FROM splits s LEFT JOIN split_shares sh ON sh.split_id = s.id
     WHERE ?1 <= ?2 ORDER BY s.placement_id, s.from_date";

impl Store {
    /// Partners in partner order.
    pub fn partners(&self) -> Result<Vec<Partner>> {
        partners_in(&self.conn)
    }

    /// The settings.
    pub fn settings(&self) -> Result<Settings> {
        settings_in(&self.conn)
    }

    /// The pooled-budget agreement for `year`, if any, contributions in partner order.
    pub fn agreement(&self, year: FinancialYear) -> Result<Option<Agreement>> {
        let found: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT id, risk_share FROM agreements WHERE year_start = ?1",
                [year.start_year()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((id, rule)) = found else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT coalesce(c.amount_pence, 0) FROM partners p
             LEFT JOIN contributions c ON c.partner_id = p.id AND c.agreement_id = ?1 ORDER BY p.position",
        )?;
        let contributions = stmt
            .query_map([id], |r| Ok(Money::from_pence(r.get(0)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(Agreement {
            year,
            risk_share: parse_code("agreements.risk_share", &rule, |s| s.parse::<RiskShare>())?,
            contributions,
        }))
    }

    /// Placements that cover any day of `from..=to`, with their case, provider and type, the
    /// cost lines that cover any of those days and every split, ready to cost. Splits list a
    /// share for each of `partners` partners.
    ///
    /// Outside a transaction, asked a second time with nothing committed since (by this
    /// connection or another), every placement is read and kept until anything is: the
    /// spend, the spend screen, statements and the exceptions ask again and again of the same
    /// placements, while a command that asks once reads only its period. Inside a
    /// transaction, what it has written so far is read from the file.
    pub fn funded_placements_in(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        partners: usize,
    ) -> Result<Vec<FundedPlacement>> {
        let shared = self.shared_placements_in(from, to, partners)?;
        Ok(Arc::try_unwrap(shared).unwrap_or_else(|kept| kept.as_ref().clone()))
    }

    /// [`Store::funded_placements_in`] without a copy when the period holds every placement
    /// kept (the spend screen's ten years side by side): the kept list itself.
    pub(crate) fn shared_placements_in(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        partners: usize,
    ) -> Result<Arc<Vec<FundedPlacement>>> {
        if !self.conn.is_autocommit() {
            return Ok(Arc::new(
                self.read_funded_placements(Some((from, to)), partners)?,
            ));
        }
        let state = (
            self.conn
                .pragma_query_value(None, "data_version", |r| r.get::<_, i64>(0))?,
            self.commits.load(std::sync::atomic::Ordering::SeqCst),
            partners,
        );
        let mut kept = self.placements.borrow_mut();
        let all = match kept.as_mut() {
            // Asked again with nothing changed: every placement read (once), and kept.
            Some(k) if k.state == state => match &k.all {
                Some(all) => all.clone(),
                None => {
                    let all = KeptPlacements::of(self.read_funded_placements(None, partners)?);
                    k.all = Some(all.clone());
                    all
                }
            },
            // Asked first since the last change: just the period (a command asks once).
            _ => {
                *kept = Some(PlacementsRead { state, all: None });
                return Ok(Arc::new(
                    self.read_funded_placements(Some((from, to)), partners)?,
                ));
            }
        };
        if all.latest_start <= to && all.earliest_end.is_none_or(|e| e >= from) {
            return Ok(Arc::clone(&all.placements));
        }
        Ok(Arc::new(
            all.placements
                .iter()
                .filter(|p| p.placement.start <= to && p.placement.end.is_none_or(|e| e >= from))
                .map(|p| FundedPlacement {
                    placement: Placement {
                        cost_lines: p
                            .placement
                            .cost_lines
                            .iter()
                            .filter(|l| l.from <= to && l.to.is_none_or(|t| t >= from))
                            .cloned()
                            .collect(),
                        ..p.placement.clone()
                    },
                    ..p.clone()
                })
                .collect(),
        ))
    }

    /// [`Store::funded_placements_in`] read from the file: of `period`, or every placement.
    fn read_funded_placements(
        &self,
        period: Option<(NaiveDate, NaiveDate)>,
        partners: usize,
    ) -> Result<Vec<FundedPlacement>> {
        // A period's placements are found by the index on their dates, then their rows looked
        // up (`CROSS JOIN` keeps that order; `+p.id` keeps the planner from reading every
        // placement to save a sort), so that the cost grows with the period's placements, not
        // the file's; every placement is read in the tables' own order.
        let (from_s, to_s) = period.map_or_else(
            || ("0000-01-01".to_string(), "9999-12-31".to_string()),
            |(from, to)| (from.to_string(), to.to_string()),
        );
        let (placements_sql, lines_sql, splits_sql) = if period.is_some() {
            (PERIOD_PLACEMENTS, PERIOD_LINES, PERIOD_SPLITS)
        } else {
            (ALL_PLACEMENTS, ALL_LINES, ALL_SPLITS)
        };
        let mut order: Vec<i64> = Vec::new();
        let mut by_id: HashMap<i64, FundedPlacement> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(placements_sql)?;
        let mut rows = stmt.query(params![from_s, to_s])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            order.push(id);
            let kind: String = r.get(7)?;
            by_id.insert(
                id,
                FundedPlacement {
                    id,
                    case_id: r.get(3)?,
                    case_reference: r.get(4)?,
                    initials: r.get(5)?,
                    provider: r.get(6)?,
                    kind: parse_code("placements.type", &kind, PlacementType::parse)?,
                    placement: Placement {
                        start: date_col(&r.get::<_, String>(1)?)?,
                        end: opt_date_col(r.get(2)?)?,
                        cost_lines: Vec::new(),
                        splits: Vec::new(),
                    },
                },
            );
        }
        let mut stmt = self.conn.prepare_cached(lines_sql)?;
        let mut rows = stmt.query(params![from_s, to_s])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let per: String = r.get(1)?;
            if let Some(p) = by_id.get_mut(&id) {
                p.placement.cost_lines.push(CostLine {
                    description: r.get(5)?,
                    per: parse_code("cost_lines.per", &per, |s| s.parse::<Per>())?,
                    amount: Money::from_pence(r.get(2)?),
                    from: date_col(&r.get::<_, String>(3)?)?,
                    to: opt_date_col(r.get(4)?)?,
                });
            }
        }
        // Each partner's place in a split's shares: its place in partner order.
        let place: HashMap<i64, usize> = self
            .conn
            .prepare_cached("SELECT id FROM partners ORDER BY position")?
            .query_map([], |r| r.get::<_, i64>(0))?
            .enumerate()
            .map(|(k, id)| id.map(|id| (id, k)))
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(splits_sql)?;
        let mut rows = stmt.query(params![from_s, to_s])?;
        let mut last_split = None;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let split_id: i64 = r.get(1)?;
            let Some(p) = by_id.get_mut(&id) else {
                continue;
            };
            let p = &mut p.placement;
            if last_split != Some(split_id) {
                // A partner with no share recorded has 0%.
                p.splits.push(SplitPeriod {
                    from: date_col(&r.get::<_, String>(2)?)?,
                    shares: vec![Percent::ZERO; partners],
                });
                last_split = Some(split_id);
            }
            let (Some(partner), Some(bp)) =
                (r.get::<_, Option<i64>>(3)?, r.get::<_, Option<u32>>(4)?)
            else {
                continue;
            };
            let share = Percent::from_basis_points(bp).ok_or_else(|| {
                StoreError::Corrupt(format!("split {split_id}: share {bp} out of range"))
            })?;
            if let (Some(s), Some(&k)) = (p.splits.last_mut(), place.get(&partner))
                && let Some(slot) = s.shares.get_mut(k)
            {
                *slot = share;
            }
        }
        let mut out = Vec::with_capacity(order.len());
        for id in order {
            if let Some(p) = by_id.remove(&id) {
                p.placement
                    .validate(partners)
                    .map_err(|e| StoreError::Corrupt(format!("placement {id} {e}")))?;
                out.push(p);
            }
        }
        Ok(out)
    }

    /// Imports a dataset, all or nothing: on any problem nothing is written and every problem
    /// is listed, naming the record and field.
    pub fn import(&mut self, d: &Dataset) -> Result<ImportSummary> {
        self.import_as_of(d, panel_core::clock::Clock::system().today())
    }

    /// Imports a dataset as of `today`, the day the shells' clock says: as [`Store::import`],
    /// and nothing dated after `today` that the app's own doors would refuse
    /// ([`panel_core::rules::dates_after_today`]).
    pub fn import_as_of(&mut self, d: &Dataset, today: NaiveDate) -> Result<ImportSummary> {
        let tx = self.conn.transaction()?;
        let bulk = if self.bulk_audit {
            Some(crate::bulk::BulkAudit::begin(
                &tx,
                crate::bulk::BULK_TABLES,
            )?)
        } else {
            None
        };
        let summary = import_into(&tx, d, today)?;
        if let Some(bulk) = bulk {
            bulk.finish(&tx)?;
        }
        tx.commit()?;
        Ok(summary)
    }

    /// The whole database as a dataset (the audit trail stays with the database).
    pub fn export(&self) -> Result<Dataset> {
        // One read transaction, so the export is a consistent snapshot.
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Deferred,
        )?;
        let d = export_from(self)?;
        tx.commit()?;
        Ok(d)
    }
}

fn import_into(tx: &Transaction<'_>, d: &Dataset, today: NaiveDate) -> Result<ImportSummary> {
    let mut problems = panel_core::rules::dates_after_today(d, today);
    let mut summary = ImportSummary::default();

    // The file's decisions by the same rules as the app's finaliser, under the settings they
    // will be stored with (the file's, else the database's).
    let settings = match &d.settings {
        Some(s) => s.clone(),
        None => settings_in(tx)?,
    };
    problems.extend(panel_core::rules::dataset_problems(d, &settings));

    // Partners: reuse those with the same code (and name); add the rest after them.
    let mut partner_ids = Vec::with_capacity(d.partners.len());
    let mut next_pos: i64 = tx.query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM partners",
        [],
        |r| r.get(0),
    )?;
    for (i, p) in d.partners.iter().enumerate() {
        let existing: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, name FROM partners WHERE code = ?1",
                [&p.code],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match existing {
            Some((id, name)) if name == p.name => {
                // Its other names: those recorded, and any more the file gives.
                if !p.aliases.is_empty() {
                    let known: String =
                        tx.query_row("SELECT aliases FROM partners WHERE id = ?1", [id], |r| {
                            r.get(0)
                        })?;
                    let mut all: Vec<String> = serde_json::from_str(&known).unwrap_or_default();
                    for a in &p.aliases {
                        if !all.iter().any(|k| k.eq_ignore_ascii_case(a)) {
                            all.push(a.clone());
                        }
                    }
                    tx.execute(
                        "UPDATE partners SET aliases = ?1 WHERE id = ?2 AND aliases IS NOT ?1",
                        params![serde_json::to_string(&all).unwrap_or_default(), id],
                    )?;
                }
                partner_ids.push(id);
            }
            Some((id, name)) => {
                problems.push(format!("partners[{i}].name: \"{}\" differs from the name of partner {} in the database (\"{name}\")", p.name, p.code));
                partner_ids.push(id);
            }
            None => {
                tx.execute(
                    "INSERT INTO partners (code, name, position, aliases) VALUES (?1, ?2, ?3, ?4)",
                    params![
                        p.code,
                        p.name,
                        next_pos,
                        serde_json::to_string(&p.aliases).unwrap_or_default()
                    ],
                )?;
                next_pos += 1;
                summary.partners += 1;
                partner_ids.push(tx.last_insert_rowid());
            }
        }
    }
    // A partner's other names, as the file gives them, checked against every partner the
    // database now holds (the file was checked against its own partners only): never a name
    // another partner goes by.
    if d.partners.iter().any(|p| !p.aliases.is_empty()) {
        let all = partners_in(tx)?;
        for (i, p) in d.partners.iter().enumerate() {
            if p.aliases.is_empty() {
                continue;
            }
            if let Err(e) = panel_core::settings::partner_aliases_input(&p.code, &p.aliases, &all) {
                problems.push(format!("partners[{i}].aliases: {}", e.message));
            }
        }
    }

    if let Some(s) = &d.settings {
        tx.execute(
            "UPDATE settings SET authority = ?1, panel_name = ?2, decision_prefix = ?3, first_review_months = ?4,
             review_months = ?5, notice_months = ?6, quorum = ?7 WHERE id = 1
             AND (authority, panel_name, decision_prefix, first_review_months, review_months, notice_months, quorum)
                 IS NOT (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![s.authority, s.panel_name, s.decision_prefix, s.first_review_months, s.review_months, s.notice_months, s.quorum.code()],
        )?;
    }

    if let Some(f) = &d.finance {
        tx.execute(
            "UPDATE finance_settings SET escalation_days = ?1, statement_months = ?3, uplift_bp = ?4,
                    lead_partner_id = (SELECT id FROM partners WHERE code = ?2)
             WHERE id = 1 AND (escalation_days, statement_months, lead_partner_id, uplift_bp)
                 IS NOT (?1, ?3, (SELECT id FROM partners WHERE code = ?2), ?4)",
            params![f.escalation_days, f.lead_partner, f.statement_months, f.uplift.basis_points()],
        )?;
    }

    for (i, a) in d.agreements.iter().enumerate() {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM agreements WHERE year_start = ?1)",
            [a.year.start_year()],
            |r| r.get(0),
        )?;
        if exists {
            problems.push(format!(
                "agreements[{i}].year: the database already has an agreement for {}",
                a.year
            ));
            continue;
        }
        tx.execute(
            "INSERT INTO agreements (year_start, risk_share) VALUES (?1, ?2)",
            params![a.year.start_year(), a.risk_share.code()],
        )?;
        let id = tx.last_insert_rowid();
        let mut stmt = tx.prepare_cached("INSERT INTO contributions (agreement_id, partner_id, amount_pence) VALUES (?1, ?2, ?3)")?;
        for (k, c) in a.contributions.iter().enumerate() {
            stmt.execute(params![id, partner_ids[k], c.pence()])?;
        }
        summary.agreements += 1;
    }

    let mut case_ids = Vec::with_capacity(d.cases.len());
    let mut placement_ids: Vec<Vec<i64>> = Vec::with_capacity(d.cases.len());
    {
        let mut case_stmt = tx.prepare_cached(
            "INSERT INTO cases (reference, initials, date_of_birth, needs) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut pl_stmt = tx.prepare_cached(
            "INSERT INTO placements (case_id, position, provider, type, start_date, end_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        // The cases already recorded, by what their references read as (letter case and
        // look-alikes aside): "cn-0001" is CN-0001 again.
        let existing: HashMap<String, String> = tx
            .prepare("SELECT reference FROM cases")?
            .query_map([], |r| r.get::<_, String>(0))?
            .map(|r| r.map(|reference| (panel_core::text::identity(&reference), reference)))
            .collect::<rusqlite::Result<_>>()?;
        for (i, c) in d.cases.iter().enumerate() {
            if let Some(there) = existing.get(&panel_core::text::identity(&c.reference)) {
                problems.push(if *there == c.reference {
                    format!(
                        "cases[{i}].reference: \"{}\" is already a case in the database",
                        c.reference
                    )
                } else {
                    format!(
                        "cases[{i}].reference: \"{}\" is the case {there} already in the database, written otherwise",
                        c.reference
                    )
                });
                case_ids.push(0);
                placement_ids.push(Vec::new());
                continue;
            }
            case_stmt.execute(params![
                c.reference,
                c.initials,
                c.date_of_birth.map(|d| d.to_string()),
                c.needs
            ])?;
            let case_id = tx.last_insert_rowid();
            case_ids.push(case_id);
            summary.cases += 1;
            let mut ids = Vec::with_capacity(c.placements.len());
            for (k, p) in c.placements.iter().enumerate() {
                let pl = &p.placement;
                pl_stmt.execute(params![
                    case_id,
                    k as i64,
                    p.provider,
                    p.kind.code(),
                    pl.start.to_string(),
                    pl.end.map(|e| e.to_string())
                ])?;
                let pid = tx.last_insert_rowid();
                ids.push(pid);
                summary.placements += 1;
                summary.cost_lines += pl.cost_lines.len();
                crate::case::insert_lines_and_splits(tx, pid, pl, &partner_ids)?;
            }
            placement_ids.push(ids);
        }
    }

    let mut item_ids: Vec<Vec<i64>> = Vec::with_capacity(d.meetings.len());
    let mut meeting_ids: Vec<Option<i64>> = Vec::with_capacity(d.meetings.len());
    for (i, m) in d.meetings.iter().enumerate() {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM meetings WHERE date = ?1)",
            [m.date.to_string()],
            |r| r.get(0),
        )?;
        if exists {
            problems.push(format!(
                "meetings[{i}].date: the database already has a meeting on {}",
                m.date
            ));
            item_ids.push(Vec::new());
            meeting_ids.push(None);
            continue;
        }
        // Insert as draft, then set the status, so that a locked meeting can receive its items.
        tx.execute(
            "INSERT INTO meetings (date, starts_at, venue, chair, minutes_status) VALUES (?1, ?2, ?3, ?4, 'draft')",
            params![m.date.to_string(), m.starts_at.map(panel_core::meeting::clock_text), m.venue, m.chair],
        )?;
        let mid = tx.last_insert_rowid();
        summary.meetings += 1;
        let mut attendee_ids = Vec::with_capacity(m.attendees.len());
        for (k, a) in m.attendees.iter().enumerate() {
            tx.execute(
                "INSERT INTO attendees (meeting_id, position, name, agency, represents_partner_id, role, attendance) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![mid, k as i64, a.name, a.agency, a.represents.map(|p| partner_ids[p]), a.role, a.attendance.code()],
            )?;
            attendee_ids.push(tx.last_insert_rowid());
        }
        let mut ids = Vec::with_capacity(m.items.len());
        for (k, it) in m.items.iter().enumerate() {
            tx.execute(
                "INSERT INTO agenda_items (meeting_id, position, kind, case_id, title, presenter, minutes, ask, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![mid, k as i64, it.kind.code(), it.case.map(|c| case_ids[c]), it.title, it.presenter, it.minutes, it.ask, it.notes],
            )?;
            let iid = tx.last_insert_rowid();
            ids.push(iid);
            for int in &it.interests {
                tx.execute(
                    "INSERT INTO interests (item_id, attendee_id, interest, dispensation) VALUES (?1, ?2, ?3, ?4)",
                    params![iid, attendee_ids[int.attendee], int.interest, int.dispensation],
                )?;
            }
        }
        item_ids.push(ids);
        meeting_ids.push(Some(mid));
    }

    // Rule 8 across the file and the database: no duplicate numbers, no gaps.
    let mut seqs: HashMap<FinancialYear, Vec<u32>> = HashMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    {
        let mut stmt =
            tx.prepare("SELECT year_start, seq, number FROM decisions WHERE status = 'final'")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(y) = FinancialYear::starting(r.get(0)?) {
                seqs.entry(y).or_default().push(r.get(1)?);
            }
            taken.insert(r.get(2)?);
        }
    }
    for (i, x) in d.decisions.iter().enumerate() {
        if let Some(n) = &x.number {
            if taken.contains(&n.to_string()) {
                problems.push(format!(
                    "decisions[{i}].number: {n} is already a decision in the database"
                ));
            }
            seqs.entry(n.year).or_default().push(n.seq);
        }
    }
    let mut years: Vec<_> = seqs.into_iter().collect();
    years.sort();
    for (year, mut s) in years {
        s.sort_unstable();
        if s.iter().enumerate().any(|(k, &v)| v != k as u32 + 1) {
            problems.push(format!("decisions: with those already in the database, the decision numbers of {year} would have a gap or a duplicate (they must run from 0001 with neither)"));
        }
    }

    let mut decision_ids = Vec::with_capacity(d.decisions.len());
    if problems.is_empty() {
        let file_codes: Vec<&str> = d.partners.iter().map(|p| p.code.as_str()).collect();
        for x in &d.decisions {
            let placement_id = x.placement.map(|p| placement_ids[x.case][p]);
            // Inserted as drafts, with their parts, then finalised: finalised rows take no parts.
            tx.execute(
                "INSERT INTO decisions (status, item_id, case_id, placement_id, decided_on, urgent, inquorate, outcome, subject,
                 reasons, alternatives, review_date, effective_from, amends_id)
                 VALUES ('draft', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    x.item.map(|(m, k)| item_ids[m][k]),
                    case_ids[x.case],
                    placement_id,
                    x.decided_on.to_string(),
                    x.urgent,
                    x.inquorate,
                    x.outcome.code(),
                    x.subject,
                    x.reasons,
                    x.alternatives,
                    x.review_date.map(|d| d.to_string()),
                    x.effective_from.map(|d| d.to_string()),
                    x.amends.map(|a| decision_ids[a]),
                ],
            )?;
            let id: i64 = tx.last_insert_rowid();
            decision_ids.push(id);
            for (k, p) in x.paragraphs.iter().enumerate() {
                tx.execute("INSERT INTO decision_paragraphs (decision_id, position, text) VALUES (?1, ?2, ?3)", params![id, k as i64, p])?;
            }
            for (k, c) in x.conditions.iter().enumerate() {
                tx.execute(
                    "INSERT INTO conditions (decision_id, position, text) VALUES (?1, ?2, ?3)",
                    params![id, k as i64, c],
                )?;
            }
            for (k, a) in x.actions.iter().enumerate() {
                tx.execute(
                    "INSERT INTO actions (decision_id, position, action, owner, due) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, k as i64, a.action, a.owner, a.due.map(|d| d.to_string())],
                )?;
            }
            for (p, a) in &x.assent {
                tx.execute(
                    "INSERT INTO assents (decision_id, partner_id, assent) VALUES (?1, ?2, ?3)",
                    params![id, partner_ids[*p], a.code()],
                )?;
            }
            if let Some(n) = &x.number {
                // The placement as the file keeps it for the decision, or else as the file
                // has it now.
                let snapshot = x
                    .snapshot
                    .as_ref()
                    .or_else(|| x.placement.map(|p| &d.cases[x.case].placements[p]))
                    .map(|p| panel_core::snapshot::write(p, &file_codes));
                tx.execute(
                    "UPDATE decisions SET status = 'final', number = ?1, year_start = ?2, seq = ?3,
                            placement_snapshot = ?5 WHERE id = ?4",
                    params![n.to_string(), n.year.start_year(), n.seq, id, snapshot],
                )?;
                crate::impact::keep_impact(tx, id, &x.impact)?;
                if let Some(i) = &x.indicative {
                    crate::ras::keep_indicative(tx, id, i)?;
                }
                for (k, on, note) in &x.actions_done {
                    tx.execute(
                        "INSERT INTO actions_done (action_id, done_on, note)
                         VALUES ((SELECT id FROM actions WHERE decision_id = ?1 AND position = ?2), ?3, ?4)",
                        params![id, *k as i64, on.to_string(), note],
                    )?;
                }
            }
            summary.decisions += 1;
        }
    }

    // Ratification items name their chair's action by number, in the file or the database;
    // then the meetings take their minutes status, which may lock them.
    if problems.is_empty() {
        for (mi, m) in d.meetings.iter().enumerate() {
            let Some(mid) = meeting_ids[mi] else { continue };
            for (ii, it) in m.items.iter().enumerate() {
                let (Some(n), Some(c)) = (&it.ratifies, it.case) else {
                    continue;
                };
                match crate::agenda::chair_action_to_ratify(tx, &n.to_string(), case_ids[c], m.date)
                {
                    Ok(id) => {
                        tx.execute(
                            "UPDATE agenda_items SET ratifies_id = ?1 WHERE id = ?2",
                            params![id, item_ids[mi][ii]],
                        )?;
                    }
                    Err(StoreError::Field(fields)) => {
                        for f in fields {
                            problems.push(format!(
                                "meetings[{mi}].items[{ii}].ratifies: {}",
                                f.message
                            ));
                        }
                    }
                    Err(e) => return Err(e),
                }
            }
            if m.minutes_status != MinutesStatus::Draft {
                tx.execute(
                    "UPDATE meetings SET minutes_status = ?1 WHERE id = ?2",
                    params![m.minutes_status.code(), mid],
                )?;
            }
        }
    }

    // Statements as issued, after what they cite; a day stated to a partner once, in the file
    // and the database together.
    let mut statement_ids = vec![0i64; d.statements.len()];
    for (i, s) in d.statements.iter().enumerate() {
        // A case the import refused is reported already.
        if s.lines.iter().any(|l| case_ids[l.case] == 0) {
            continue;
        }
        let partner_id = partner_ids[s.partner];
        let taken: Option<String> = tx
            .query_row(
                "SELECT number FROM statements WHERE number = ?1
                    OR (partner_id = ?2 AND period_from <= ?4 AND period_to >= ?3) LIMIT 1",
                params![s.number, partner_id, s.from.to_string(), s.to.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = taken {
            problems.push(if other == s.number {
                format!("statements[{i}].number: \"{other}\" is already a statement in the database")
            } else {
                format!("statements[{i}].from: {} states days that {other} in the database states already", s.number)
            });
            continue;
        }
        let year = FinancialYear::containing(s.from);
        let seq: u32 = s
            .number
            .rsplit('/')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let lines: Vec<LineRow<'_>> = s
            .lines
            .iter()
            .map(|l| LineRow {
                year: l.year,
                from: l.from,
                to: l.to,
                case_id: case_ids[l.case],
                placement_id: placement_ids[l.case].get(l.placement).copied().unwrap_or(0),
                case_reference: &d.cases[l.case].reference,
                initials: &d.cases[l.case].initials,
                provider: &l.provider,
                decisions: l.decisions.join(" "),
                share: l.share.clone(),
                days: l.days,
                amount: l.amount,
                adjusts: l.adjusts.as_deref(),
                disputes: l.disputes.join(" "),
            })
            .collect();
        let sid = write_statement(
            tx,
            &StatementRow {
                partner_id,
                year,
                seq,
                number: &s.number,
                from: s.from,
                to: s.to,
                issued_on: s.issued_on,
                total: s.total,
                pool: &s.pool,
            },
            &lines,
        )?;
        for (on, amount, reference) in &s.payments {
            tx.execute(
                "INSERT INTO payments (statement_id, received_on, amount_pence, reference) VALUES (?1, ?2, ?3, ?4)",
                params![sid, on.to_string(), amount.pence(), reference],
            )?;
        }
        statement_ids[i] = sid;
        summary.statements += 1;
    }

    // Disputes, after the statements, agenda items and decisions they name.
    for (i, x) in d.disputes.iter().enumerate() {
        let sid = statement_ids[x.statement];
        if sid == 0 || x.holds.iter().any(|h| statement_ids[h.0] == 0) {
            continue;
        }
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM disputes WHERE number = ?1)",
            [&x.number],
            |r| r.get(0),
        )?;
        if taken {
            problems.push(format!(
                "disputes[{i}].number: \"{}\" is already a dispute in the database",
                x.number
            ));
            continue;
        }
        let year = FinancialYear::containing(x.raised_on);
        let seq: u32 = x
            .number
            .rsplit('/')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let line: Option<(i64, i64, i64)> = tx
            .query_row(
                "SELECT id, case_id, placement_id FROM statement_lines WHERE statement_id = ?1 AND position = ?2",
                params![sid, x.line as i64],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((line_id, case_id, placement_id)) = line else {
            problems.push(format!(
                "disputes[{i}].line: the statement has no such line"
            ));
            continue;
        };
        // The decision that resolved it and the item that brings it, once they are written: a
        // file refused already for its decisions or meetings has none, and nothing of it stays.
        let decision = match x.decision {
            Some(k) => match decision_ids.get(k) {
                Some(&id) => Some(id),
                None => continue,
            },
            None => None,
        };
        let agenda = match x.agenda {
            Some((m, k)) => match item_ids.get(m).and_then(|items| items.get(k)) {
                Some(&id) => Some(id),
                None => continue,
            },
            None => None,
        };
        tx.execute(
            "INSERT INTO disputes (year_start, seq, number, partner_id, statement_line_id, scope, case_id, placement_id,
                                   reason, note, raised_on, amount_pence, status, agenda_item_id, closed_on, decision_id, closing_note)
             VALUES (?1, ?2, ?3, (SELECT partner_id FROM statements WHERE id = ?4), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
                     ?13, ?14, ?15, ?16, ?17)",
            params![
                year.start_year(),
                seq,
                x.number,
                sid,
                line_id,
                x.scope.code(),
                case_id,
                placement_id,
                x.reason.code(),
                x.note,
                x.raised_on.to_string(),
                x.amount.pence(),
                x.status.code(),
                agenda,
                x.closed_on.map(|c| c.to_string()),
                decision,
                x.closing_note
            ],
        )?;
        let id = tx.last_insert_rowid();
        for (h, amount) in &x.holds {
            tx.execute(
                "INSERT INTO dispute_holds (dispute_id, statement_id, amount_pence) VALUES (?1, ?2, ?3)",
                params![id, statement_ids[*h], amount.pence()],
            )?;
        }
        summary.disputes += 1;
    }

    // Contributions called, then paid in (so that a payment finds its call), each once: one
    // the database already holds alike is not added again.
    let mut pool: Vec<&panel_core::dataset::PoolRecord> = d.pool.iter().collect();
    pool.sort_by_key(|r| (r.kind != panel_core::model::PoolKind::Call, r.on));
    for r in pool {
        let values = params![
            partner_ids[r.partner],
            r.year.start_year(),
            r.kind.code(),
            r.on.to_string(),
            r.amount.pence(),
            r.reference
        ];
        let held: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM pool_entries WHERE partner_id = ?1 AND year_start = ?2 AND kind = ?3
                             AND on_date = ?4 AND amount_pence = ?5 AND reference = ?6)",
            values,
            |r| r.get(0),
        )?;
        if held {
            continue;
        }
        let inserted = tx.execute(
            "INSERT INTO pool_entries (partner_id, year_start, kind, on_date, amount_pence, reference)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            values,
        );
        if inserted.is_err() {
            problems.push(format!(
                "pool: {} pays in more for {} than it was called for",
                d.partners[r.partner].code, r.year
            ));
            break;
        }
        summary.pool += 1;
    }
    // The resource allocation tables: one the database holds alike is not added again, one
    // it holds otherwise is a problem (change it on the settings screen).
    for (i, t) in d.allocation_tables.iter().enumerate() {
        let held: Option<(i64, String)> = tx
            .query_row(
                "SELECT per_point_pence, areas FROM allocation_tables WHERE year_start = ?1",
                [t.year.start_year()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let areas = crate::ras::areas_json(t);
        match held {
            Some((p, a)) if p == t.per_point.pence() && a == areas => {}
            Some(_) => problems.push(format!(
                "allocation_tables[{i}].year: the database already has a different table for {}",
                t.year
            )),
            None => {
                tx.execute(
                    "INSERT INTO allocation_tables (year_start, per_point_pence, areas) VALUES (?1, ?2, ?3)",
                    params![t.year.start_year(), t.per_point.pence(), areas],
                )?;
                summary.allocation_tables += 1;
            }
        }
    }
    // The assessments of the cases the file adds.
    for r in &d.assessments {
        let case_id = case_ids.get(r.case).copied().unwrap_or(0);
        if case_id == 0 {
            continue;
        }
        let a = &r.assessment;
        tx.execute(
            "INSERT INTO assessments (case_id, assessed_on, year_start, per_point_pence, scores)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                case_id,
                a.assessed_on.to_string(),
                a.year.start_year(),
                a.per_point.pence(),
                crate::ras::scores_json(a)
            ],
        )?;
        summary.assessments += 1;
    }

    // Never more called than a pooled year's contribution, and only in a pooled year.
    let mut stmt = tx.prepare(
        "SELECT p.code, e.year_start, sum(e.amount_pence),
                (SELECT c.amount_pence FROM agreements a JOIN contributions c ON c.agreement_id = a.id
                  WHERE a.year_start = e.year_start AND c.partner_id = e.partner_id)
         FROM pool_entries e JOIN partners p ON p.id = e.partner_id
         WHERE e.kind = 'call' GROUP BY e.partner_id, e.year_start ORDER BY e.year_start, p.code",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (code, year, called, agreed): (String, i32, i64, Option<i64>) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let year = FinancialYear::starting(year).map_or(year.to_string(), |y| y.to_string());
        match agreed {
            None => problems.push(format!(
                "pool: {code} is called for {year}, which has no pooled budget agreement"
            )),
            Some(a) if called > a => problems.push(format!(
                "pool: {code} is called for {} in {year}, more than its contribution of {}",
                Money::from_pence(called),
                Money::from_pence(a)
            )),
            Some(_) => {}
        }
    }
    drop(rows);
    drop(stmt);

    if problems.is_empty() {
        Ok(summary)
    } else {
        Err(StoreError::Invalid(problems))
    }
}

/// The statements as issued, each line by its case and its placement's place in the case.
fn statements_of(
    conn: &rusqlite::Connection,
    partner_pos: &HashMap<i64, usize>,
    case_index: &HashMap<i64, usize>,
    placements_by_id: &HashMap<i64, (usize, usize)>,
) -> Result<Vec<IssuedStatementRecord>> {
    let mut out: Vec<IssuedStatementRecord> = Vec::new();
    let mut index: HashMap<i64, usize> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT id, number, partner_id, period_from, period_to, issued_on, total_pence FROM statements ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        index.insert(r.get(0)?, out.len());
        let partner: i64 = r.get(2)?;
        out.push(IssuedStatementRecord {
            number: r.get(1)?,
            partner: *partner_pos.get(&partner).ok_or_else(|| {
                StoreError::Corrupt(format!("a statement's partner {partner} is missing"))
            })?,
            from: date_col(&r.get::<_, String>(3)?)?,
            to: date_col(&r.get::<_, String>(4)?)?,
            issued_on: date_col(&r.get::<_, String>(5)?)?,
            total: Money::from_pence(r.get(6)?),
            lines: Vec::new(),
            payments: Vec::new(),
            pool: crate::statement::statement_pool(conn, r.get(0)?)?,
        });
    }
    let mut stmt = conn.prepare(
        "SELECT l.statement_id, l.year_start, l.line_from, l.line_to, l.case_id, l.placement_id, l.provider, l.decisions,
                l.share, l.days, l.amount_pence, a.number, l.disputes
         FROM statement_lines l LEFT JOIN statements a ON a.id = l.adjusts_id ORDER BY l.statement_id, l.position",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let si = index[&r.get::<_, i64>(0)?];
        let (case_id, placement_id): (i64, i64) = (r.get(4)?, r.get(5)?);
        let (ci, pi) = *placements_by_id.get(&placement_id).ok_or_else(|| {
            StoreError::Corrupt(format!(
                "a statement line's placement {placement_id} is missing"
            ))
        })?;
        if case_index.get(&case_id) != Some(&ci) {
            return Err(StoreError::Corrupt(format!(
                "a statement line's placement {placement_id} is not of its case {case_id}"
            )));
        }
        let year: i32 = r.get(1)?;
        let decisions: String = r.get(7)?;
        out[si].lines.push(IssuedLineRecord {
            year: FinancialYear::starting(year)
                .ok_or_else(|| StoreError::Corrupt(format!("statement line year {year}")))?,
            from: date_col(&r.get::<_, String>(2)?)?,
            to: date_col(&r.get::<_, String>(3)?)?,
            case: ci,
            placement: pi,
            provider: r.get(6)?,
            decisions: decisions.split_whitespace().map(str::to_string).collect(),
            share: r.get(8)?,
            days: r.get(9)?,
            amount: Money::from_pence(r.get(10)?),
            adjusts: r.get(11)?,
            disputes: r
                .get::<_, String>(12)?
                .split_whitespace()
                .map(str::to_string)
                .collect(),
        });
    }
    let mut stmt = conn.prepare(
        "SELECT statement_id, received_on, amount_pence, reference FROM payments ORDER BY statement_id, received_on, id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let si = index[&r.get::<_, i64>(0)?];
        out[si].payments.push((
            date_col(&r.get::<_, String>(1)?)?,
            Money::from_pence(r.get(2)?),
            r.get(3)?,
        ));
    }
    Ok(out)
}

fn export_from(store: &Store) -> Result<Dataset> {
    let conn = &store.conn;
    let partners = store.partners()?;
    let codes: Vec<&str> = partners.iter().map(|p| p.code.as_str()).collect();
    let partner_pos: HashMap<i64, usize> = {
        let mut stmt = conn.prepare("SELECT id FROM partners ORDER BY position")?;
        let ids: Vec<i64> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().enumerate().map(|(i, id)| (id, i)).collect()
    };
    let mut agreements = Vec::new();
    {
        let mut stmt = conn.prepare("SELECT year_start FROM agreements ORDER BY year_start")?;
        let years: Vec<i32> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for y in years {
            let year = FinancialYear::starting(y)
                .ok_or_else(|| StoreError::Corrupt(format!("agreement year {y}")))?;
            if let Some(a) = store.agreement(year)? {
                agreements.push(a);
            }
        }
    }

    // Cases with placements, lines and splits.
    let mut cases = Vec::new();
    let mut case_index: HashMap<i64, usize> = HashMap::new();
    let mut placement_index: HashMap<i64, usize> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT id, reference, initials, date_of_birth, needs FROM cases ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            case_index.insert(r.get(0)?, cases.len());
            cases.push(Case {
                reference: r.get(1)?,
                initials: r.get(2)?,
                date_of_birth: opt_date_col(r.get(3)?)?,
                needs: r.get(4)?,
                placements: Vec::new(),
            });
        }
    }
    let mut placements_by_id: HashMap<i64, (usize, usize)> = HashMap::new();
    {
        let mut stmt = conn.prepare("SELECT id, case_id, provider, type, start_date, end_date FROM placements ORDER BY case_id, position")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, case_id): (i64, i64) = (r.get(0)?, r.get(1)?);
            let ci = *case_index
                .get(&case_id)
                .ok_or_else(|| StoreError::Corrupt(format!("placement {id} has no case")))?;
            let kind: String = r.get(3)?;
            let list = &mut cases[ci].placements;
            placements_by_id.insert(id, (ci, list.len()));
            placement_index.insert(id, list.len());
            list.push(PlacementRecord {
                provider: r.get(2)?,
                kind: parse_code("placements.type", &kind, PlacementType::parse)?,
                placement: Placement {
                    start: date_col(&r.get::<_, String>(4)?)?,
                    end: opt_date_col(r.get(5)?)?,
                    cost_lines: Vec::new(),
                    splits: Vec::new(),
                },
            });
        }
    }
    {
        let mut stmt = conn.prepare("SELECT placement_id, description, per, amount_pence, from_date, to_date FROM cost_lines ORDER BY placement_id, position")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let pid: i64 = r.get(0)?;
            let &(ci, pi) = placements_by_id.get(&pid).ok_or_else(|| {
                StoreError::Corrupt(format!("cost line of missing placement {pid}"))
            })?;
            let per: String = r.get(2)?;
            cases[ci].placements[pi]
                .placement
                .cost_lines
                .push(CostLine {
                    description: r.get(1)?,
                    per: parse_code("cost_lines.per", &per, |s| s.parse::<Per>())?,
                    amount: Money::from_pence(r.get(3)?),
                    from: date_col(&r.get::<_, String>(4)?)?,
                    to: opt_date_col(r.get(5)?)?,
                });
        }
    }
    {
        let mut stmt = conn.prepare(
            "SELECT s.placement_id, s.id, s.from_date, coalesce(sh.basis_points, 0) FROM splits s CROSS JOIN partners pa
             LEFT JOIN split_shares sh ON sh.split_id = s.id AND sh.partner_id = pa.id
             ORDER BY s.placement_id, s.from_date, pa.position",
        )?;
        let mut rows = stmt.query([])?;
        let mut last = None;
        while let Some(r) = rows.next()? {
            let (pid, sid): (i64, i64) = (r.get(0)?, r.get(1)?);
            let &(ci, pi) = placements_by_id
                .get(&pid)
                .ok_or_else(|| StoreError::Corrupt(format!("split of missing placement {pid}")))?;
            let splits = &mut cases[ci].placements[pi].placement.splits;
            if last != Some(sid) {
                splits.push(SplitPeriod {
                    from: date_col(&r.get::<_, String>(2)?)?,
                    shares: Vec::new(),
                });
                last = Some(sid);
            }
            let bp: u32 = r.get(3)?;
            let share = Percent::from_basis_points(bp)
                .ok_or_else(|| StoreError::Corrupt(format!("split {sid}: share {bp}")))?;
            if let Some(s) = splits.last_mut() {
                s.shares.push(share);
            }
        }
    }

    // Meetings with attendees, items and interests.
    let mut meetings = Vec::new();
    let mut meeting_index: HashMap<i64, usize> = HashMap::new();
    let mut item_index: HashMap<i64, (usize, usize)> = HashMap::new();
    let mut attendee_index: HashMap<i64, usize> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT id, date, venue, chair, minutes_status, starts_at FROM meetings ORDER BY date",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            meeting_index.insert(r.get(0)?, meetings.len());
            let status: String = r.get(4)?;
            meetings.push(Meeting {
                date: date_col(&r.get::<_, String>(1)?)?,
                starts_at: r
                    .get::<_, Option<String>>(5)?
                    .map(|t| crate::time_col(&t))
                    .transpose()?,
                venue: r.get(2)?,
                chair: r.get(3)?,
                minutes_status: parse_code(
                    "meetings.minutes_status",
                    &status,
                    MinutesStatus::parse,
                )?,
                attendees: Vec::new(),
                items: Vec::new(),
            });
        }
    }
    {
        let mut stmt = conn.prepare("SELECT id, meeting_id, name, agency, represents_partner_id, role, attendance FROM attendees ORDER BY meeting_id, position")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mi = meeting_index[&r.get::<_, i64>(1)?];
            let rep: Option<i64> = r.get(4)?;
            let attendance: String = r.get(6)?;
            attendee_index.insert(r.get(0)?, meetings[mi].attendees.len());
            meetings[mi].attendees.push(Attendee {
                name: r.get(2)?,
                agency: r.get(3)?,
                represents: rep.and_then(|p| partner_pos.get(&p).copied()),
                role: r.get(5)?,
                attendance: parse_code("attendees.attendance", &attendance, Attendance::parse)?,
            });
        }
    }
    {
        let mut stmt = conn.prepare(
            "SELECT i.id, i.meeting_id, i.kind, i.case_id, i.title, i.presenter, i.minutes, i.ask, i.notes, d.number
             FROM agenda_items i LEFT JOIN decisions d ON d.id = i.ratifies_id ORDER BY i.meeting_id, i.position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mi = meeting_index[&r.get::<_, i64>(1)?];
            let kind: String = r.get(2)?;
            let case: Option<i64> = r.get(3)?;
            item_index.insert(r.get(0)?, (mi, meetings[mi].items.len()));
            meetings[mi].items.push(AgendaItem {
                kind: parse_code("agenda_items.kind", &kind, ItemKind::parse)?,
                case: case.and_then(|c| case_index.get(&c).copied()),
                title: r.get(4)?,
                presenter: r.get(5)?,
                minutes: r.get(6)?,
                ask: r.get(7)?,
                notes: r.get(8)?,
                interests: Vec::new(),
                ratifies: match r.get::<_, Option<String>>(9)? {
                    Some(n) => Some(DecisionNumber::parse(&n).ok_or_else(|| {
                        StoreError::Corrupt(format!("decision number {n} is damaged"))
                    })?),
                    None => None,
                },
            });
        }
    }
    {
        let mut stmt = conn.prepare(
            "SELECT item_id, attendee_id, interest, dispensation FROM interests ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (mi, ii) = item_index[&r.get::<_, i64>(0)?];
            let attendee = attendee_index[&r.get::<_, i64>(1)?];
            meetings[mi].items[ii].interests.push(Interest {
                attendee,
                interest: r.get(2)?,
                dispensation: r.get(3)?,
            });
        }
    }

    // Decisions with their parts.
    let mut decisions = Vec::new();
    let mut decision_index: HashMap<i64, usize> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT id, status, number, item_id, case_id, placement_id, decided_on, urgent, inquorate, outcome, subject,
                    reasons, alternatives, review_date, effective_from, amends_id, placement_snapshot
             FROM decisions ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let status: String = r.get(1)?;
            let number: Option<String> = r.get(2)?;
            let item: Option<i64> = r.get(3)?;
            let placement: Option<i64> = r.get(5)?;
            let outcome: String = r.get(9)?;
            let amends: Option<i64> = r.get(15)?;
            decision_index.insert(id, decisions.len());
            decisions.push(Decision {
                number: number
                    .map(|n| {
                        DecisionNumber::parse(&n)
                            .ok_or_else(|| StoreError::Corrupt(format!("decision number \"{n}\"")))
                    })
                    .transpose()?,
                status: parse_code("decisions.status", &status, DecisionStatus::parse)?,
                item: item.and_then(|i| item_index.get(&i).copied()),
                case: *case_index
                    .get(&r.get::<_, i64>(4)?)
                    .ok_or_else(|| StoreError::Corrupt(format!("decision {id} has no case")))?,
                placement: placement.and_then(|p| placement_index.get(&p).copied()),
                decided_on: date_col(&r.get::<_, String>(6)?)?,
                urgent: r.get(7)?,
                inquorate: r.get(8)?,
                outcome: parse_code("decisions.outcome", &outcome, Outcome::parse)?,
                subject: r.get(10)?,
                paragraphs: Vec::new(),
                reasons: r.get(11)?,
                alternatives: r.get(12)?,
                conditions: Vec::new(),
                actions: Vec::new(),
                review_date: opt_date_col(r.get(13)?)?,
                effective_from: opt_date_col(r.get(14)?)?,
                assent: Vec::new(),
                amends: amends.and_then(|a| decision_index.get(&a).copied()),
                snapshot: match r.get::<_, Option<String>>(16)? {
                    Some(text) => Some(panel_core::snapshot::read(&text, &codes).map_err(|p| {
                        StoreError::Corrupt(format!(
                            "the placement kept by decision {id}: {}",
                            p.join("; ")
                        ))
                    })?),
                    None => None,
                },
                impact: Vec::new(),
                indicative: None,
                actions_done: Vec::new(),
            });
        }
    }
    for (id, &i) in &decision_index {
        if decisions[i].status == DecisionStatus::Final {
            decisions[i].impact = store.kept_impact(*id)?;
            decisions[i].indicative = store.kept_indicative(*id)?;
        }
    }
    for (table, is_condition) in [("decision_paragraphs", false), ("conditions", true)] {
        let mut stmt = conn.prepare(&format!(
            "SELECT decision_id, text FROM {table} ORDER BY decision_id, position"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let di = decision_index[&r.get::<_, i64>(0)?];
            let list = if is_condition {
                &mut decisions[di].conditions
            } else {
                &mut decisions[di].paragraphs
            };
            list.push(r.get(1)?);
        }
    }
    {
        let mut stmt = conn.prepare(
            "SELECT decision_id, action, owner, due FROM actions ORDER BY decision_id, position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let di = decision_index[&r.get::<_, i64>(0)?];
            decisions[di].actions.push(Action {
                action: r.get(1)?,
                owner: r.get(2)?,
                due: opt_date_col(r.get(3)?)?,
            });
        }
        let mut stmt = conn.prepare(
            "SELECT a.decision_id, a.position, x.done_on, x.note
             FROM actions_done x JOIN actions a ON a.id = x.action_id ORDER BY a.decision_id, a.position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let di = decision_index[&r.get::<_, i64>(0)?];
            let position: i64 = r.get(1)?;
            decisions[di].actions_done.push((
                usize::try_from(position).unwrap_or(usize::MAX),
                date_col(&r.get::<_, String>(2)?)?,
                r.get(3)?,
            ));
        }
    }
    {
        let mut stmt = conn.prepare("SELECT a.decision_id, a.partner_id, a.assent FROM assents a JOIN partners p ON p.id = a.partner_id ORDER BY a.decision_id, p.position")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let di = decision_index[&r.get::<_, i64>(0)?];
            let assent: String = r.get(2)?;
            decisions[di].assent.push((
                partner_pos[&r.get::<_, i64>(1)?],
                parse_code("assents.assent", &assent, Assent::parse)?,
            ));
        }
    }

    let statements = statements_of(conn, &partner_pos, &case_index, &placements_by_id)?;
    let disputes = disputes_of(conn, &statements, &item_index, &decision_index)?;
    Ok(Dataset {
        settings: Some(store.settings()?),
        finance: Some(store.finance_settings()?),
        partners,
        agreements,
        cases,
        meetings,
        decisions,
        statements,
        disputes,
        pool: pool_of(store, &partner_pos)?,
        allocation_tables: store.allocation_tables()?,
        assessments: assessments_of(conn, &case_index)?,
    })
}

/// Every case's assessments, case by case in date order.
fn assessments_of(
    conn: &rusqlite::Connection,
    case_index: &HashMap<i64, usize>,
) -> Result<Vec<panel_core::dataset::AssessmentRecord>> {
    let mut out = Vec::new();
    for (case_id, k) in case_index {
        let mut list = crate::ras::assessments_in(conn, *case_id)?;
        list.reverse();
        out.extend(list.into_iter().map(|a| (*k, a.id, a.assessment)));
    }
    out.sort_by_key(|(k, id, a)| (*k, a.assessed_on, *id));
    Ok(out
        .into_iter()
        .map(|(case, _, assessment)| panel_core::dataset::AssessmentRecord { case, assessment })
        .collect())
}

/// The contributions called and paid in, with each partner by its place in the file.
fn pool_of(
    store: &Store,
    partner_pos: &HashMap<i64, usize>,
) -> Result<Vec<panel_core::dataset::PoolRecord>> {
    let ids: HashMap<String, i64> = store
        .conn
        .prepare("SELECT code, id FROM partners")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    store
        .pool_entries(None)?
        .into_iter()
        .map(|e| {
            Ok(panel_core::dataset::PoolRecord {
                partner: ids
                    .get(&e.partner)
                    .and_then(|id| partner_pos.get(id))
                    .copied()
                    .ok_or_else(|| StoreError::Corrupt(format!("pool partner {}", e.partner)))?,
                year: e.year,
                kind: e.kind,
                on: e.on,
                amount: e.amount,
                reference: e.reference,
            })
        })
        .collect()
}

/// The disputes, each naming its statement, line, holds, agenda item and decision by their
/// places in the file.
fn disputes_of(
    conn: &rusqlite::Connection,
    statements: &[IssuedStatementRecord],
    item_index: &HashMap<i64, (usize, usize)>,
    decision_index: &HashMap<i64, usize>,
) -> Result<Vec<DisputeRecord>> {
    let by_number: HashMap<&str, usize> = statements
        .iter()
        .enumerate()
        .map(|(i, s)| (s.number.as_str(), i))
        .collect();
    let statement = |n: &str| {
        by_number.get(n).copied().ok_or_else(|| {
            StoreError::Corrupt(format!("a dispute names statement {n}, which is missing"))
        })
    };
    let mut out = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT d.id, d.number, s.number, l.position, d.scope, d.reason, d.note, d.raised_on, d.amount_pence,
                d.status, d.closed_on, d.decision_id, d.closing_note, d.agenda_item_id
         FROM disputes d JOIN statement_lines l ON l.id = d.statement_line_id
         JOIN statements s ON s.id = l.statement_id ORDER BY d.id",
    )?;
    let mut holds = conn.prepare(
        "SELECT s.number, h.amount_pence FROM dispute_holds h JOIN statements s ON s.id = h.statement_id
         WHERE h.dispute_id = ?1 ORDER BY s.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let mut held = Vec::new();
        let mut hr = holds.query([id])?;
        while let Some(h) = hr.next()? {
            held.push((
                statement(&h.get::<_, String>(0)?)?,
                Money::from_pence(h.get(1)?),
            ));
        }
        let code = |i: usize| r.get::<_, String>(i);
        out.push(DisputeRecord {
            number: r.get(1)?,
            statement: statement(&r.get::<_, String>(2)?)?,
            line: r.get::<_, i64>(3)? as usize,
            scope: parse_code("disputes.scope", &code(4)?, DisputeScope::parse)?,
            reason: parse_code("disputes.reason", &code(5)?, DisputeReason::parse)?,
            note: r.get(6)?,
            raised_on: date_col(&code(7)?)?,
            amount: Money::from_pence(r.get(8)?),
            holds: held,
            status: parse_code("disputes.status", &code(9)?, DisputeStatus::parse)?,
            closed_on: opt_date_col(r.get(10)?)?,
            decision: r
                .get::<_, Option<i64>>(11)?
                .and_then(|k| decision_index.get(&k).copied()),
            closing_note: r.get(12)?,
            agenda: r
                .get::<_, Option<i64>>(13)?
                .and_then(|k| item_index.get(&k).copied()),
        });
    }
    Ok(out)
}

/// Partners in partner order, read through a connection or a transaction.
pub(crate) fn partners_in(conn: &rusqlite::Connection) -> Result<Vec<Partner>> {
    let mut stmt =
        conn.prepare_cached("SELECT code, name, aliases FROM partners ORDER BY position")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (code, name, aliases) = row?;
        let aliases = serde_json::from_str(&aliases).map_err(|e| {
            StoreError::Corrupt(format!(
                "partner {code}: its other names are unreadable: {e}"
            ))
        })?;
        out.push(Partner {
            code,
            name,
            aliases,
        });
    }
    Ok(out)
}

/// The settings, read through `conn`.
pub(crate) fn settings_in(conn: &rusqlite::Connection) -> Result<Settings> {
    let row = conn.query_row(
        "SELECT authority, panel_name, decision_prefix, first_review_months, review_months, notice_months, quorum FROM settings WHERE id = 1",
        [],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, u32>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, u32>(5)?,
                r.get::<_, String>(6)?,
            ))
        },
    )?;
    Ok(Settings {
        authority: row.0,
        panel_name: row.1,
        decision_prefix: row.2,
        first_review_months: row.3,
        review_months: row.4,
        notice_months: row.5,
        quorum: parse_code("settings.quorum", &row.6, QuorumRule::parse)?,
    })
}
