//! `panel check`: is the database sound? SQLite's own integrity and foreign-key checks, then
//! the rules the data must keep whatever wrote it: every split adds up to 100%, decision
//! numbers run without gaps, finalised decisions are as they were sealed, the audit trail has
//! no hole, and the schema's protective triggers are all in place and unaltered.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use panel_core::FinancialYear;
use panel_core::decision::{FinaliseContext, final_decision_problems};
use panel_core::meeting::Quorum;
use panel_core::model::{DecisionNumber, DecisionStatus, MinutesStatus};
use panel_core::register::{Entry, ItemPlace, register_problems};
use panel_core::split::format_percent_table;
use rusqlite::Connection;

use crate::{Result, Store, schema};

/// One check and what it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckLine {
    /// What was checked.
    pub name: String,
    /// How much was looked at, e.g. "212 splits".
    pub scope: String,
    /// What is wrong, one problem a line; empty when all is well.
    pub problems: Vec<String>,
}

/// Every check of [`Store::check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// The checks, in the order they ran.
    pub lines: Vec<CheckLine>,
}

impl CheckReport {
    /// Whether every check passed.
    pub fn ok(&self) -> bool {
        self.lines.iter().all(|l| l.problems.is_empty())
    }

    /// How many problems were found in all.
    pub fn problem_count(&self) -> usize {
        self.lines.iter().map(|l| l.problems.len()).sum()
    }

    /// Every problem found, in the order the checks ran.
    pub fn into_problems(self) -> Vec<String> {
        self.lines.into_iter().flat_map(|l| l.problems).collect()
    }
}

fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn strings(conn: &Connection, sql: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare(sql)?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Each case's reference by its row id, to name a problem by the case it concerns.
fn case_references(conn: &Connection) -> Result<HashMap<i64, String>> {
    Ok(conn
        .prepare("SELECT id, reference FROM cases")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

fn count(conn: &Connection, sql: &str) -> Result<i64> {
    Ok(conn.query_row(sql, [], |r| r.get(0))?)
}

impl Store {
    /// Runs every check. Reading only: the database is not changed.
    pub fn check(&self) -> Result<CheckReport> {
        let c = &self.conn;
        Ok(CheckReport {
            lines: vec![
                integrity(c)?,
                foreign_keys(c)?,
                splits(c)?,
                self.placement_rules()?,
                numbers(c)?,
                seals(c)?,
                self.decision_rules()?,
                statements(c)?,
                audit_trail(c)?,
                protections(c)?,
            ],
        })
    }
}

impl Store {
    /// Every placement as the placement form and `panel import` would accept it: its dates
    /// and each cost line's amount and dates (the same functions those doors call). Splits
    /// that do not add up are the splits check's to report, and what a line breaks is said
    /// once, by the line's rules.
    pub(crate) fn placement_rules(&self) -> Result<CheckLine> {
        use panel_core::cost::{PlacementError, line_problems};
        let placements = self.read_placements(None)?;
        let partners = self.partners()?.len();
        let refs = case_references(&self.conn)?;
        let mut problems = Vec::new();
        let mut lines = 0;
        for (case, e) in &placements {
            let p = &e.record.placement;
            lines += p.cost_lines.len();
            let name = format!(
                "case {}, placement at {} from {}",
                refs.get(case).map_or("?", String::as_str),
                e.record.provider,
                p.start.format("%d/%m/%Y")
            );
            match p.validate(partners) {
                Ok(())
                | Err(
                    PlacementError::NoSplit
                    | PlacementError::SharesNot100 { .. }
                    | PlacementError::LineEndBeforeStart { .. }
                    | PlacementError::AmountAboveCeiling { .. },
                ) => {}
                Err(err) => problems.push(format!("{name}: {err}")),
            }
            for lp in line_problems(p) {
                problems.push(format!(
                    "{name}: cost line {} ({}) {}: {}",
                    lp.line + 1,
                    p.cost_lines[lp.line].description,
                    lp.field,
                    lp.message
                ));
            }
        }
        Ok(CheckLine {
            name: format!(
                "Every placement keeps the rules (dates, amounts within {} a line)",
                panel_core::cost::LINE_CEILING
            ),
            scope: format!(
                "{} with {}",
                plural(placements.len() as i64, "placement", "placements"),
                plural(lines as i64, "cost line", "cost lines")
            ),
            problems,
        })
    }

    /// Every final decision as the finaliser would accept it, and the register as a whole
    /// (rules 9–14): the same functions the app and `panel import` call.
    pub(crate) fn decision_rules(&self) -> Result<CheckLine> {
        let decisions = self.all_decisions()?;
        let partners = self.partners()?;
        let names: Vec<String> = partners.iter().map(|p| p.name.clone()).collect();
        let settings = self.settings()?;
        let meetings: HashMap<i64, (Quorum, MinutesStatus)> = self
            .meetings_with_attendance(None)?
            .into_iter()
            .map(|m| (m.summary.id, (m.quorum, m.summary.minutes_status)))
            .collect();
        let meeting_dates: HashMap<i64, String> = self
            .conn
            .prepare("SELECT id, date FROM meetings")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let items: HashMap<i64, (i64, Option<i64>)> = self
            .conn
            .prepare("SELECT id, meeting_id, case_id FROM agenda_items")?
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?;
        let refs = case_references(&self.conn)?;
        let mut problems = Vec::new();
        let label = |d: &crate::DecisionRecord| match &d.number {
            Some(n) => n.clone(),
            None => format!(
                "the draft decision on case {}",
                refs.get(&d.case_id).map_or("?", String::as_str)
            ),
        };
        // Final decisions in the order they were made, so each is compared with what the
        // latest earlier funding decision on its placement approved (kept as it goes: one
        // pass, no query per decision).
        let mut order: Vec<(&crate::DecisionRecord, (i32, u32))> = decisions
            .iter()
            .filter(|d| d.status == DecisionStatus::Final)
            .map(|d| {
                let n = d
                    .number
                    .as_deref()
                    .and_then(DecisionNumber::parse)
                    .map_or((i32::MAX, u32::MAX), |n| (n.year.start_year(), n.seq));
                (d, n)
            })
            .collect();
        order.sort_by_key(|(d, n)| (d.decided_on, *n));
        let finals = order.len() as i64;
        let mut approved: HashMap<i64, panel_core::Placement> = HashMap::new();
        for (d, _) in order {
            let quorum = d
                .item_id
                .and_then(|i| items.get(&i))
                .and_then(|(m, _)| meetings.get(m))
                .map(|(q, _)| q.clone());
            let placement = match (&d.snapshot, d.placement_id) {
                (Some(s), _) => Some(s.placement.clone()),
                (None, Some(p)) => Some(self.placement(p)?.1.record.placement),
                (None, None) => None,
            };
            let approved_before = d.placement_id.and_then(|p| approved.get(&p));
            // A chair's action is one with no agenda item: derived, never taken from the
            // column, which must agree.
            let urgent = d.item_id.is_none();
            if d.urgent != urgent {
                problems.push(format!(
                    "{}: recorded as {} but {}",
                    label(d),
                    if d.urgent {
                        "a chair's action"
                    } else {
                        "the panel's decision at a meeting"
                    },
                    if urgent {
                        "it has no agenda item"
                    } else {
                        "it is made at an agenda item"
                    }
                ));
            }
            if let Some(date) = d
                .item_id
                .and_then(|i| items.get(&i))
                .and_then(|(m, _)| meeting_dates.get(m))
                && *date != d.decided_on.to_string()
            {
                problems.push(format!(
                    "{}: dated {}, not the date of its meeting ({date})",
                    label(d),
                    d.decided_on
                ));
            }
            let ctx = FinaliseContext {
                decided_on: d.decided_on,
                urgent,
                quorum,
                recorded_inquorate: d.inquorate,
                notice_months: settings.notice_months,
                placement: placement.as_ref(),
                approved_before,
                partner_names: &names,
            };
            for p in final_decision_problems(&d.content, &ctx) {
                problems.push(format!("{}: {}", label(d), p.message));
            }
            if let (Some(p), Some(s)) = (d.placement_id, &d.snapshot)
                && panel_core::decision::funds(d.content.outcome)
            {
                approved.insert(p, s.placement.clone());
            }
        }
        let position: HashMap<i64, usize> = decisions
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id, i))
            .collect();
        let entries: Vec<Entry> = decisions
            .iter()
            .map(|d| Entry {
                status: d.status,
                case: d.case_id,
                item: d.item_id.and_then(|i| {
                    let (meeting, case) = items.get(&i)?;
                    Some(ItemPlace {
                        item: i,
                        case: *case,
                        minutes: meetings.get(meeting)?.1,
                    })
                }),
                amends: d
                    .amends
                    .as_ref()
                    .and_then(|(id, _)| position.get(id).copied()),
                decided_on: d.decided_on,
                label: label(d),
            })
            .collect();
        for p in register_problems(&entries) {
            problems.push(format!("{}: {}", entries[p.decision].label, p.message));
        }
        Ok(CheckLine {
            name:
                "Every final decision keeps the rules (parts, quorum, notice, assent, amendments)"
                    .into(),
            scope: plural(finals, "final decision", "final decisions"),
            problems,
        })
    }
}

fn integrity(c: &Connection) -> Result<CheckLine> {
    let found = strings(c, "PRAGMA integrity_check")?;
    let pages = count(c, "PRAGMA page_count")?;
    Ok(CheckLine {
        name: "File intact (SQLite integrity check)".into(),
        scope: plural(pages, "page", "pages"),
        problems: if found == ["ok"] { Vec::new() } else { found },
    })
}

fn foreign_keys(c: &Connection) -> Result<CheckLine> {
    let mut stmt = c.prepare("PRAGMA foreign_key_check")?;
    let problems = stmt
        .query_map([], |r| {
            Ok(format!(
                "{} row {} refers to a row of {} that does not exist",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?
                    .map_or("?".to_string(), |n| n.to_string()),
                r.get::<_, String>(2)?
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let tables = count(
        c,
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )?;
    Ok(CheckLine {
        name: "Every reference points at a row that exists (foreign keys)".into(),
        scope: plural(tables, "table", "tables"),
        problems,
    })
}

fn splits(c: &Connection) -> Result<CheckLine> {
    let mut problems = Vec::new();
    let mut stmt = c.prepare(
        "SELECT cs.reference, p.provider, s.from_date, COALESCE(SUM(sh.basis_points), 0) AS total
         FROM splits s
         JOIN placements p ON p.id = s.placement_id
         JOIN cases cs ON cs.id = p.case_id
         LEFT JOIN split_shares sh ON sh.split_id = s.id
         GROUP BY s.id HAVING total != 10000
         ORDER BY cs.reference, p.position, s.from_date",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    for row in rows {
        let (reference, provider, from, total) = row?;
        problems.push(format!(
            "case {reference}, placement at {provider}: the split from {from} adds up to {}, not 100%",
            u32::try_from(total).map_or_else(|_| format!("{total} basis points"), format_percent_table)
        ));
    }
    let mut stmt = c.prepare(
        "SELECT cs.reference, p.provider FROM placements p JOIN cases cs ON cs.id = p.case_id
         WHERE NOT EXISTS (SELECT 1 FROM splits s WHERE s.placement_id = p.id)
         ORDER BY cs.reference, p.position",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (reference, provider) = row?;
        problems.push(format!(
            "case {reference}, placement at {provider}: no split between the partners"
        ));
    }
    let n = count(c, "SELECT count(*) FROM splits")?;
    let p = count(c, "SELECT count(*) FROM placements")?;
    Ok(CheckLine {
        name: "Every split adds up to 100%".into(),
        scope: format!(
            "{} of {}",
            plural(n, "split", "splits"),
            plural(p, "placement", "placements")
        ),
        problems,
    })
}

fn numbers(c: &Connection) -> Result<CheckLine> {
    let mut problems = Vec::new();
    let mut by_year: BTreeMap<i64, (BTreeSet<i64>, Option<String>)> = BTreeMap::new();
    let mut stmt = c.prepare(
        "SELECT number, year_start, seq FROM decisions WHERE status = 'final' ORDER BY year_start, seq",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    let mut total = 0;
    for row in rows {
        let (number, year_start, seq) = row?;
        total += 1;
        let parsed = DecisionNumber::parse(&number);
        match &parsed {
            Some(n) if i64::from(n.year.start_year()) == year_start && i64::from(n.seq) == seq => {}
            _ => problems.push(format!(
                "decision {number} is stored as number {seq} of the year starting {year_start}"
            )),
        }
        let entry = by_year.entry(year_start).or_default();
        entry.0.insert(seq);
        if entry.1.is_none() {
            entry.1 = parsed.map(|n| n.prefix);
        }
    }
    for (year_start, (seqs, prefix)) in by_year {
        let last = seqs.last().copied().unwrap_or(0);
        let missing: Vec<i64> = (1..=last).filter(|s| !seqs.contains(s)).collect();
        if missing.is_empty() {
            continue;
        }
        let year = i32::try_from(year_start)
            .ok()
            .and_then(FinancialYear::starting);
        let name = |seq: i64| match (&prefix, year, u32::try_from(seq)) {
            (Some(prefix), Some(year), Ok(seq)) => DecisionNumber {
                prefix: prefix.clone(),
                year,
                seq,
            }
            .to_string(),
            _ => format!("number {seq} of {year_start}"),
        };
        problems.push(format!(
            "{} of {} {} missing: numbers run without gaps",
            plural(missing.len() as i64, "decision number", "decision numbers"),
            year.map_or(year_start.to_string(), |y| y.to_string()),
            if missing.len() == 1 { "is" } else { "are" },
        ));
        problems.push(format!(
            "  missing: {}",
            missing
                .iter()
                .map(|&s| name(s))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(CheckLine {
        name: "Decision numbers run without gaps".into(),
        scope: plural(total, "final decision", "final decisions"),
        problems,
    })
}

fn seals(c: &Connection) -> Result<CheckLine> {
    let mut problems = strings(
        c,
        "SELECT d.number || ' is final but was never sealed' FROM decisions d
         WHERE d.status = 'final' AND NOT EXISTS (SELECT 1 FROM decision_seals s WHERE s.decision_id = d.id)
         ORDER BY d.year_start, d.seq",
    )?;
    let mut stmt = c.prepare(
        "SELECT json_extract(s.content, '$.decision.number'), s.content, dc.content
         FROM decision_seals s LEFT JOIN decision_content dc ON dc.id = s.decision_id
         WHERE dc.content IS NOT s.content ORDER BY s.decision_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    for row in rows {
        let (number, sealed, now) = row?;
        let number = number.unwrap_or_else(|| "a sealed decision".into());
        let Some(now) = now else {
            problems.push(format!("{number} has been deleted since it was finalised"));
            continue;
        };
        let changed = changed_fields(c, &sealed, &now)?;
        problems.push(format!(
            "{number} has been changed since it was finalised: {}",
            if changed.is_empty() {
                "its stored form".to_string()
            } else {
                changed.join(", ")
            }
        ));
    }
    // The financial impact kept with each final decision, as it was written.
    problems.extend(strings(
        c,
        "SELECT 'the financial impact of ' || coalesce(d.number, 'a decision') || ' is not as it was finalised'
         FROM decision_impacts x LEFT JOIN decisions d ON d.id = x.decision_id
         LEFT JOIN audit_log a ON a.table_name = 'decision_impacts' AND a.row_id = x.id AND a.action = 'insert'
         WHERE a.id IS NULL OR a.after IS NOT json_object('id', x.id, 'decision_id', x.decision_id,
               'year_start', x.year_start, 'partner_id', x.partner_id, 'has_agreement', x.has_agreement,
               'contribution_pence', x.contribution_pence, 'before_pence', x.before_pence,
               'after_pence', x.after_pence)
         GROUP BY x.decision_id ORDER BY x.decision_id",
    )?);
    problems.extend(strings(
        c,
        "SELECT 'action ' || (a.position + 1) || ' of ' || coalesce(d.number, 'a decision') || ' is not as it was recorded done'
         FROM actions_done x LEFT JOIN actions a ON a.id = x.action_id LEFT JOIN decisions d ON d.id = a.decision_id
         LEFT JOIN audit_log l ON l.table_name = 'actions_done' AND l.row_id = x.id AND l.action = 'insert'
         WHERE l.id IS NULL OR l.after IS NOT json_object('id', x.id, 'action_id', x.action_id,
               'done_on', x.done_on, 'note', x.note)
         ORDER BY x.id",
    )?);
    problems.extend(strings(
        c,
        "SELECT 'the indicative budget beside ' || coalesce(d.number, 'a decision') || ' is not as it was finalised'
         FROM decision_indicatives x LEFT JOIN decisions d ON d.id = x.decision_id
         LEFT JOIN audit_log l ON l.table_name = 'decision_indicatives' AND l.row_id = x.decision_id AND l.action = 'insert'
         WHERE l.id IS NULL OR l.after IS NOT json_object('decision_id', x.decision_id, 'assessed_on', x.assessed_on,
               'year_start', x.year_start, 'points', x.points, 'per_point_pence', x.per_point_pence,
               'budget_pence', x.budget_pence, 'package_pence', x.package_pence)
         ORDER BY x.decision_id",
    )?);
    problems.extend(crate::seal::chain_problems(c)?);
    let n = count(c, "SELECT count(*) FROM decisions WHERE status = 'final'")?;
    Ok(CheckLine {
        name: "Finalised decisions unchanged since they were sealed".into(),
        scope: plural(n, "final decision", "final decisions"),
        problems,
    })
}

/// Which fields of the decision, and which of its parts, differ between two contents.
fn changed_fields(c: &Connection, sealed: &str, now: &str) -> Result<Vec<String>> {
    let mut stmt = c.prepare(
        "SELECT a.key FROM json_each(?1, '$.decision') a
         LEFT JOIN json_each(?2, '$.decision') b ON b.key = a.key
         WHERE b.key IS NULL OR a.value IS NOT b.value OR a.type IS NOT b.type
         UNION ALL
         SELECT a.key FROM json_each(?1) a
         LEFT JOIN json_each(?2) b ON b.key = a.key
         WHERE a.key != 'decision' AND (b.key IS NULL OR a.value IS NOT b.value)",
    )?;
    let fields = stmt
        .query_map((sealed, now), |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(fields.into_iter().map(|f| f.replace('_', " ")).collect())
}

fn audit_trail(c: &Connection) -> Result<CheckLine> {
    let (n, max): (i64, Option<i64>) =
        c.query_row("SELECT count(*), max(id) FROM audit_log", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let mut problems = Vec::new();
    if max.unwrap_or(0) != n {
        // Each hole: the entry after a present one that is missing, up to the next present.
        let mut stmt = c.prepare(
            "SELECT a.id + 1, (SELECT min(b.id) - 1 FROM audit_log b WHERE b.id > a.id)
             FROM (SELECT 0 AS id UNION ALL SELECT id FROM audit_log) a
             WHERE a.id < (SELECT max(id) FROM audit_log)
               AND NOT EXISTS (SELECT 1 FROM audit_log b WHERE b.id = a.id + 1)
             ORDER BY a.id",
        )?;
        let holes = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        for hole in holes {
            let (from, to) = hole?;
            problems.push(if from == to {
                format!("entry {from} of the audit trail is missing")
            } else {
                format!("entries {from} to {to} of the audit trail are missing")
            });
        }
    }
    Ok(CheckLine {
        name: "The audit trail is unbroken".into(),
        scope: plural(n, "entry", "entries"),
        problems,
    })
}

/// Issued statements, their payments and the disputes against them as they were made (rules
/// 17, 18): each statement and line as its audit entry recorded it when issued, each total
/// the sum of its lines, no day stated twice to a partner, no more paid than stated, and each
/// dispute holding what its parts hold.
fn statements(c: &Connection) -> Result<CheckLine> {
    let mut problems = strings(
        c,
        "SELECT s.number || ' is not as it was issued' FROM statements s
         LEFT JOIN audit_log a ON a.table_name = 'statements' AND a.row_id = s.id AND a.action = 'insert'
         WHERE a.id IS NULL OR a.after IS NOT json_object('id', s.id, 'partner_id', s.partner_id, 'year_start', s.year_start,
               'seq', s.seq, 'number', s.number, 'period_from', s.period_from, 'period_to', s.period_to,
               'issued_on', s.issued_on, 'total_pence', s.total_pence)
         ORDER BY s.id",
    )?;
    problems.extend(strings(
        c,
        "SELECT 'line ' || (l.position + 1) || ' of ' || s.number || ' is not as it was issued'
         FROM statement_lines l JOIN statements s ON s.id = l.statement_id
         LEFT JOIN audit_log a ON a.table_name = 'statement_lines' AND a.row_id = l.id AND a.action = 'insert'
         WHERE a.id IS NULL
            OR (json_extract(a.after, '$.statement_id'), json_extract(a.after, '$.position'),
                json_extract(a.after, '$.year_start'), json_extract(a.after, '$.line_from'),
                json_extract(a.after, '$.line_to'), json_extract(a.after, '$.placement_id'),
                json_extract(a.after, '$.case_reference'), json_extract(a.after, '$.initials'),
                json_extract(a.after, '$.provider'), json_extract(a.after, '$.decisions'),
                json_extract(a.after, '$.share'), json_extract(a.after, '$.days'),
                json_extract(a.after, '$.amount_pence'))
               IS NOT (l.statement_id, l.position, l.year_start, l.line_from, l.line_to, l.placement_id,
                       l.case_reference, l.initials, l.provider, l.decisions, l.share, l.days, l.amount_pence)
         ORDER BY l.id",
    )?);
    problems.extend(strings(
        c,
        "SELECT s.number || ' totals ' || printf('%.2f', s.total_pence / 100.0) || ' but its lines come to '
                || printf('%.2f', coalesce((SELECT sum(amount_pence) FROM statement_lines WHERE statement_id = s.id), 0) / 100.0)
         FROM statements s
         WHERE s.total_pence IS NOT coalesce((SELECT sum(amount_pence) FROM statement_lines WHERE statement_id = s.id), 0)
         ORDER BY s.id",
    )?);
    problems.extend(strings(
        c,
        "SELECT a.number || ' and ' || b.number || ' both state days from ' || strftime('%d/%m/%Y', max(a.period_from, b.period_from))
         FROM statements a JOIN statements b ON a.partner_id = b.partner_id AND a.id < b.id
              AND a.period_from <= b.period_to AND b.period_from <= a.period_to
         ORDER BY a.id, b.id",
    )?);
    problems.extend(strings(
        c,
        "SELECT s.number || ' has more paid against it than it states' FROM statements s
         WHERE (SELECT coalesce(sum(amount_pence), 0) FROM payments WHERE statement_id = s.id) > s.total_pence
         ORDER BY s.id",
    )?);
    problems.extend(strings(
        c,
        "SELECT d.number || ' holds ' || printf('%.2f', d.amount_pence / 100.0) || ' but its parts hold '
                || printf('%.2f', coalesce((SELECT sum(amount_pence) FROM dispute_holds WHERE dispute_id = d.id), 0) / 100.0)
         FROM disputes d
         WHERE d.amount_pence IS NOT coalesce((SELECT sum(amount_pence) FROM dispute_holds WHERE dispute_id = d.id), 0)
         ORDER BY d.id",
    )?);
    problems.extend(strings(
        c,
        "SELECT 'the pooled budget figures of ' || s.number || ' are not as they were issued'
         FROM statement_pool x JOIN statements s ON s.id = x.statement_id
         LEFT JOIN audit_log a ON a.table_name = 'statement_pool' AND a.row_id = x.id AND a.action = 'insert'
         WHERE a.id IS NULL OR a.after IS NOT json_object('id', x.id, 'statement_id', x.statement_id,
               'year_start', x.year_start, 'on_date', x.on_date, 'contribution_pence', x.contribution_pence,
               'spend_pence', x.spend_pence, 'called_pence', x.called_pence, 'paid_in_pence', x.paid_in_pence)
         ORDER BY x.id",
    )?);
    // Contributions called and paid in, as recorded, within the agreement's contribution.
    problems.extend(strings(
        c,
        "SELECT 'a contribution ' || (CASE e.kind WHEN 'call' THEN 'called' ELSE 'paid in' END) || ' on '
                || strftime('%d/%m/%Y', e.on_date) || ' is not as it was recorded'
         FROM pool_entries e
         LEFT JOIN audit_log a ON a.table_name = 'pool_entries' AND a.row_id = e.id AND a.action = 'insert'
         WHERE a.id IS NULL OR a.after IS NOT json_object('id', e.id, 'partner_id', e.partner_id,
               'year_start', e.year_start, 'kind', e.kind, 'on_date', e.on_date,
               'amount_pence', e.amount_pence, 'reference', e.reference)
         ORDER BY e.id",
    )?);
    problems.extend(strings(
        c,
        "SELECT p.code || ' is called for ' || printf('%.2f', sum(e.amount_pence) / 100.0) || ' of its contribution to '
                || e.year_start || '/' || substr(e.year_start + 1, 3, 2) || ', which is '
                || coalesce(printf('%.2f', (SELECT c.amount_pence / 100.0 FROM agreements g JOIN contributions c
                     ON c.agreement_id = g.id WHERE g.year_start = e.year_start AND c.partner_id = e.partner_id)), 'not agreed')
         FROM pool_entries e JOIN partners p ON p.id = e.partner_id WHERE e.kind = 'call'
         GROUP BY e.partner_id, e.year_start
         HAVING sum(e.amount_pence) > coalesce((SELECT c.amount_pence FROM agreements g JOIN contributions c
                     ON c.agreement_id = g.id WHERE g.year_start = e.year_start AND c.partner_id = e.partner_id), -1)
         ORDER BY e.year_start, p.code",
    )?);
    let n = count(c, "SELECT count(*) FROM statements")?;
    let d = count(c, "SELECT count(*) FROM disputes")?;
    Ok(CheckLine {
        name: "Issued statements, payments and disputes as they were made".into(),
        scope: format!(
            "{} and {}",
            plural(n, "statement", "statements"),
            plural(d, "dispute", "disputes")
        ),
        problems,
    })
}

/// The schema's objects as this program builds them, against those in the file: a missing or
/// altered trigger would let finalised decisions or the audit trail be changed.
fn protections(c: &Connection) -> Result<CheckLine> {
    let mut reference = Connection::open_in_memory()?;
    schema::migrate(&mut reference)?;
    let objects = |conn: &Connection| -> Result<BTreeMap<(String, String), Option<String>>> {
        let mut stmt = conn.prepare(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view', 'table', 'index') AND name NOT LIKE 'sqlite_%'",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(((r.get::<_, String>(0)?, r.get::<_, String>(1)?), r.get(2)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let expected = objects(&reference)?;
    let found = objects(c)?;
    let mut problems = Vec::new();
    for ((kind, name), sql) in &expected {
        match found.get(&(kind.clone(), name.clone())) {
            None => problems.push(format!("the {kind} {name} is missing")),
            Some(other) if other != sql => {
                problems.push(format!("the {kind} {name} has been altered"))
            }
            Some(_) => {}
        }
    }
    for (kind, name) in found.keys() {
        if !expected.contains_key(&(kind.clone(), name.clone())) {
            problems.push(format!("an unknown {kind} {name} has been added"));
        }
    }
    let triggers = expected.keys().filter(|(k, _)| k == "trigger").count() as i64;
    Ok(CheckLine {
        name: "Protections in place (triggers that keep decisions and the audit trail unchanged)"
            .into(),
        scope: format!(
            "{} and {}",
            plural(triggers, "trigger", "triggers"),
            plural(
                expected.len() as i64 - triggers,
                "other object",
                "other objects"
            )
        ),
        problems,
    })
}
