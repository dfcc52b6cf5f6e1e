//! The audit screen: the trail one save at a time, in words an auditor can read aloud. Each
//! entry says who did what, when, and to which case and meeting; its rows name what they
//! changed by what it is ("Cost line “Placement fee”") and their fields by their labels, with
//! partners, decisions, placements and dates in words rather than ids.

use std::collections::HashMap;

use panel_core::Money;
use panel_core::model::{Assent, Attendance, ItemKind, MinutesStatus, Outcome, PlacementType};
use panel_store::{AuditEntry, AuditFilter, AuditSave, Store, local_time};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use specta::Type;
use tauri::State;

use crate::commands::{AppState, to_id};
use crate::error::AppError;

/// Which entries of the audit trail to show.
#[derive(Clone, Debug, Deserialize, Type)]
pub struct AuditQuery {
    /// Only about this case.
    pub case_id: Option<i32>,
    /// Only about this meeting.
    pub meeting_id: Option<i32>,
    /// Only by this person.
    pub user: Option<String>,
    /// Which page of [`AUDIT_PAGE`] entries, from 0 (newest).
    pub page: u32,
}

/// Entries (saves) on a page of the audit screen.
pub const AUDIT_PAGE: usize = 25;

/// Rows of one save shown on the screen; the rest are counted.
pub const ROWS_SHOWN: usize = 12;

/// One field of a change.
#[derive(Clone, Debug, Serialize, Type, PartialEq, Eq)]
pub struct FieldChange {
    /// The field, as the screens label it.
    pub field: String,
    /// Before (none: added).
    pub before: Option<String>,
    /// After (none: removed).
    pub after: Option<String>,
}

/// One row a save changed.
#[derive(Clone, Debug, Serialize, Type)]
pub struct RowChange {
    /// What it is, in words: "Cost line “Placement fee”".
    pub what: String,
    /// `added`, `changed` or `removed`.
    pub action: String,
    /// The fields: those of a row added or removed that hold something, those changed of a
    /// row changed.
    pub fields: Vec<FieldChange>,
}

/// One entry of the audit screen: a save, or an event of the whole file.
#[derive(Clone, Debug, Serialize, Type)]
pub struct AuditRow {
    /// When, as people read it.
    pub at: String,
    /// Who.
    pub user: String,
    /// What happened, in a line.
    pub title: String,
    /// The case, when the entry concerns one.
    pub case_id: Option<i32>,
    /// Its reference.
    pub case_reference: Option<String>,
    /// The meeting, when the entry concerns one.
    pub meeting_id: Option<i32>,
    /// Its date (ISO), or words for one since deleted.
    pub meeting_date: Option<String>,
    /// The rows changed, at most [`ROWS_SHOWN`].
    pub changes: Vec<RowChange>,
    /// Rows changed beyond those shown.
    pub more: u32,
}

/// A page of the audit screen.
#[derive(Clone, Debug, Serialize, Type)]
pub struct AuditDto {
    /// Newest first.
    pub rows: Vec<AuditRow>,
    /// Entries matching in all.
    pub total: u32,
    /// Rows of the trail those entries hold.
    pub changes: u32,
    /// Entries a page.
    pub page_size: u32,
    /// Everyone the trail names, to filter by.
    pub users: Vec<String>,
}

/// A page of the audit trail, filtered by case, meeting and person.
#[tauri::command]
#[specta::specta]
pub fn audit_trail(state: State<'_, AppState>, query: AuditQuery) -> Result<AuditDto, AppError> {
    let user = query.user.filter(|u| !u.is_empty());
    state.with(|s| {
        let page = s.audit(&AuditFilter {
            case_id: query.case_id.map(i64::from),
            meeting_id: query.meeting_id.map(i64::from),
            actor: user,
            limit: AUDIT_PAGE,
            offset: AUDIT_PAGE * query.page as usize,
            rows_shown: ROWS_SHOWN,
        })?;
        let mut words = Words::new(s);
        let rows = page
            .entries
            .iter()
            .map(|e| audit_row(&mut words, e))
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok(AuditDto {
            rows,
            total: u32::try_from(page.total).unwrap_or(u32::MAX),
            changes: u32::try_from(page.rows).unwrap_or(u32::MAX),
            page_size: AUDIT_PAGE as u32,
            users: s.audit_actors()?,
        })
    })
}

fn audit_row(words: &mut Words<'_>, e: &AuditSave) -> Result<AuditRow, AppError> {
    if let Some((event, detail)) = &e.event {
        let title = match event.as_str() {
            "encrypted" => "The database was encrypted",
            "passphrase_changed" => "The passphrase was changed",
            "restored" => "The database was restored from a backup",
            other => other,
        };
        // The detail, where there is one, says it in full.
        let mut detail = detail.trim().to_string();
        if let Some(c) = detail.get(..1) {
            detail = format!("{}{}", c.to_uppercase(), &detail[1..]);
        }
        return Ok(AuditRow {
            at: local_time(&e.at),
            user: e.actor.clone(),
            title: if detail.is_empty() {
                title.to_string()
            } else {
                detail
            },
            case_id: None,
            case_reference: None,
            meeting_id: None,
            meeting_date: None,
            changes: Vec::new(),
            more: 0,
        });
    }
    let changes = e
        .rows
        .iter()
        .map(|r| row_change(words, r))
        .collect::<Result<Vec<_>, AppError>>()?;
    // The case and meeting of the entry: those every row shown shares.
    let shared = |f: &dyn Fn(&AuditEntry) -> Option<(i64, String)>| {
        let first = e.rows.first().and_then(f);
        if e.rows.iter().all(|r| f(r) == first) {
            first
        } else {
            None
        }
    };
    let case = shared(&|r| r.case.clone());
    let meeting = shared(&|r| r.meeting.clone());
    Ok(AuditRow {
        at: local_time(&e.at),
        user: e.actor.clone(),
        title: title(e, &changes),
        case_id: case.as_ref().map(|(id, _)| to_id(*id)).transpose()?,
        case_reference: case.map(|(_, r)| r),
        meeting_id: meeting.as_ref().map(|(id, _)| to_id(*id)).transpose()?,
        meeting_date: meeting.map(|(_, d)| d),
        more: u32::try_from(e.row_count.saturating_sub(changes.len())).unwrap_or(u32::MAX),
        changes,
    })
}

/// The entry in a line: its first row (or how many of its kind), and what else the save did,
/// by kind, each action once: "Placement at Oakfield House added, with 3 cost lines, 1 split
/// and 3 partners' shares added".
fn title(e: &AuditSave, changes: &[RowChange]) -> String {
    let Some(first) = changes.first() else {
        return "No changes".into();
    };
    let (first_table, first_action) = (&e.rows[0].table, &e.rows[0].action);
    let mut head = format!("{} {}", first.what, first.action);
    // What else, grouped by action in the order first done.
    let mut actions: Vec<(&str, Vec<String>)> = Vec::new();
    for (table, action, n) in &e.summary {
        let mut n = *n;
        if table == first_table && action == first_action {
            if n > 1 {
                head = format!("{} {}", count_of(table, n), action_word(action));
            }
            n = 0;
        }
        if n == 0 {
            continue;
        }
        let word = action_word(action);
        match actions.iter_mut().find(|(a, _)| *a == word) {
            Some((_, list)) => list.push(count_of(table, n)),
            None => actions.push((word, vec![count_of(table, n)])),
        }
    }
    if actions.is_empty() {
        return head;
    }
    let rest: Vec<String> = actions
        .into_iter()
        .map(|(word, list)| format!("{} {word}", join_words(&list)))
        .collect();
    format!("{head}, with {}", rest.join("; "))
}

fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn action_word(action: &str) -> &'static str {
    match action {
        "insert" => "added",
        "update" => "changed",
        "delete" => "removed",
        _ => "changed",
    }
}

/// `3 cost lines`, `1 split`.
fn count_of(table: &str, n: usize) -> String {
    let (one, many) = match table {
        "settings" => ("settings change", "settings changes"),
        "partners" => ("partner", "partners"),
        "agreements" => ("pooled budget agreement", "pooled budget agreements"),
        "contributions" => ("contribution", "contributions"),
        "cases" => ("case", "cases"),
        "placements" => ("placement", "placements"),
        "cost_lines" => ("cost line", "cost lines"),
        "splits" => ("split", "splits"),
        "split_shares" => ("partner's share", "partners' shares"),
        "meetings" => ("meeting", "meetings"),
        "attendees" => ("attendee", "attendees"),
        "agenda_items" => ("agenda item", "agenda items"),
        "interests" => ("declared interest", "declared interests"),
        "decisions" => ("decision", "decisions"),
        "decision_paragraphs" => ("decision paragraph", "decision paragraphs"),
        "conditions" => ("condition", "conditions"),
        "actions" => ("action", "actions"),
        "assents" => ("partner's assent", "partners' assents"),
        "statements" => ("statement", "statements"),
        "statement_lines" => ("statement line", "statement lines"),
        "payments" => ("payment", "payments"),
        "disputes" => ("dispute", "disputes"),
        "dispute_holds" => ("disputed amount", "disputed amounts"),
        "finance_settings" => ("finance settings change", "finance settings changes"),
        "pool_entries" => (
            "contribution called or paid in",
            "contributions called or paid in",
        ),
        "statement_pool" => ("pooled budget position", "pooled budget positions"),
        "decision_impacts" => ("financial impact figure", "financial impact figures"),
        "actions_done" => ("action done", "actions done"),
        "allocation_tables" => ("resource allocation table", "resource allocation tables"),
        "assessments" => ("assessment", "assessments"),
        "decision_indicatives" => ("indicative budget", "indicative budgets"),
        other => (other, other),
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Names of the rows a row names, each looked up once.
struct Words<'a> {
    store: &'a Store,
    found: HashMap<(&'static str, i64), Option<String>>,
}

impl<'a> Words<'a> {
    fn new(store: &'a Store) -> Words<'a> {
        Words {
            store,
            found: HashMap::new(),
        }
    }

    fn of(&mut self, table: &'static str, id: i64) -> Result<String, AppError> {
        if !self.found.contains_key(&(table, id)) {
            let name = self.store.audit_reference(table, id)?;
            self.found.insert((table, id), name);
        }
        let name = self.found[&(table, id)].clone();
        Ok(match (table, name) {
            ("splits" | "meetings", Some(d)) => uk_date(&d),
            ("agreements", Some(y)) => y
                .parse::<i32>()
                .ok()
                .and_then(panel_core::FinancialYear::starting)
                .map_or(y, |fy| fy.to_string()),
            (_, Some(n)) => n,
            (_, None) => format!("no. {id}, no longer recorded"),
        })
    }
}

fn uk_date(iso: &str) -> String {
    panel_core::year::parse_iso_date(iso)
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|| iso.to_string())
}

fn text<'v>(row: &'v Map<String, Value>, key: &str) -> Option<&'v str> {
    row.get(key).and_then(Value::as_str)
}

fn int(row: &Map<String, Value>, key: &str) -> Option<i64> {
    row.get(key).and_then(Value::as_i64)
}

/// What a row is, in words, from what it holds.
fn what(words: &mut Words<'_>, table: &str, row: &Map<String, Value>) -> Result<String, AppError> {
    let quoted = |s: Option<&str>| s.map(|s| format!("“{s}”")).unwrap_or_default();
    let partner = |words: &mut Words<'_>, key: &str| -> Result<String, AppError> {
        int(row, key).map_or(Ok("A partner".into()), |id| words.of("partners", id))
    };
    Ok(match table {
        "settings" => "Settings".into(),
        "partners" => format!("Partner {}", text(row, "name").unwrap_or_default()),
        "agreements" => format!(
            "Pooled budget agreement for {}",
            int(row, "year_start")
                .and_then(|y| panel_core::FinancialYear::starting(y as i32))
                .map(|y| y.to_string())
                .unwrap_or_default()
        ),
        "contributions" => format!("{}'s contribution", partner(words, "partner_id")?),
        "cases" => format!("Case {}", text(row, "reference").unwrap_or_default()),
        "placements" => format!(
            "Placement at {}",
            text(row, "provider").unwrap_or("an unnamed provider")
        ),
        "cost_lines" => format!("Cost line {}", quoted(text(row, "description"))),
        "splits" => format!(
            "Split from {}",
            text(row, "from_date").map(uk_date).unwrap_or_default()
        ),
        "split_shares" => format!("{}'s share", partner(words, "partner_id")?),
        "meetings" => format!(
            "Meeting of {}",
            text(row, "date").map(uk_date).unwrap_or_default()
        ),
        "attendees" => format!("Attendee {}", text(row, "name").unwrap_or_default()),
        "agenda_items" => format!("Agenda item {}", quoted(text(row, "title"))),
        "interests" => "Declared interest".into(),
        "decisions" => match text(row, "number") {
            Some(n) => format!("Decision {n}"),
            None => format!("Draft decision {}", quoted(text(row, "subject"))),
        },
        "decision_paragraphs" => "Decision paragraph".into(),
        "conditions" => "Condition".into(),
        "actions" => format!("Action {}", quoted(text(row, "action"))),
        "assents" => format!("{}'s assent", partner(words, "partner_id")?),
        "statements" => format!(
            "Statement {} to {}",
            text(row, "number").unwrap_or_default(),
            partner(words, "partner_id")?
        ),
        "statement_lines" => format!(
            "Statement line for {} at {}",
            text(row, "case_reference").unwrap_or_default(),
            text(row, "provider").unwrap_or_default()
        ),
        "payments" => format!(
            "Payment of {} against {}",
            int(row, "amount_pence").map_or_else(String::new, |p| Money::from_pence(p).to_string()),
            int(row, "statement_id").map_or(Ok(String::new()), |id| words.of("statements", id))?
        ),
        "disputes" => format!(
            "Dispute {} by {}",
            text(row, "number").unwrap_or_default(),
            partner(words, "partner_id")?
        ),
        "dispute_holds" => format!(
            "Amount held by {} on {}",
            int(row, "dispute_id").map_or(Ok(String::new()), |id| words.of("disputes", id))?,
            int(row, "statement_id").map_or(Ok(String::new()), |id| words.of("statements", id))?
        ),
        "finance_settings" => "Finance settings".into(),
        "pool_entries" => format!(
            "{} {} of {}'s contribution to {}",
            if text(row, "kind") == Some("call") {
                "Called"
            } else {
                "Paid in"
            },
            int(row, "amount_pence").map_or_else(String::new, |p| Money::from_pence(p).to_string()),
            partner(words, "partner_id")?,
            pooled_year(row)
        ),
        "decision_impacts" => format!(
            "Financial impact in {} of {}",
            pooled_year(row),
            int(row, "decision_id").map_or(Ok(String::new()), |id| words.of("decisions", id))?
        ),
        "actions_done" => format!(
            "Action done: {}",
            quoted(
                int(row, "action_id")
                    .map(|id| words.of("actions", id))
                    .transpose()?
                    .as_deref()
            )
        ),
        "allocation_tables" => format!("Resource allocation table for {}", pooled_year(row)),
        "assessments" => format!(
            "Assessment of {} on {}",
            int(row, "case_id").map_or(Ok(String::new()), |id| words.of("cases", id))?,
            text(row, "assessed_on")
                .and_then(panel_core::year::parse_iso_date)
                .map_or_else(String::new, |d| d.format("%d/%m/%Y").to_string())
        ),
        "decision_indicatives" => format!(
            "Indicative budget beside {}",
            int(row, "decision_id").map_or(Ok(String::new()), |id| words.of("decisions", id))?
        ),
        "statement_pool" => format!(
            "Pooled budget {} on {}",
            pooled_year(row),
            int(row, "statement_id").map_or(Ok(String::new()), |id| words.of("statements", id))?
        ),
        other => other.replace('_', " "),
    })
}

/// The financial year a row's `year_start` names, e.g. `2026/27`.
fn pooled_year(row: &Map<String, Value>) -> String {
    int(row, "year_start")
        .and_then(|y| i32::try_from(y).ok())
        .and_then(panel_core::FinancialYear::starting)
        .map_or_else(String::new, |y| y.to_string())
}

fn row_change(words: &mut Words<'_>, e: &AuditEntry) -> Result<RowChange, AppError> {
    let parse =
        |s: Option<&str>| s.and_then(|t| serde_json::from_str::<Map<String, Value>>(t).ok());
    let (before, after) = (parse(e.before.as_deref()), parse(e.after.as_deref()));
    let empty = Map::new();
    let row = after.as_ref().or(before.as_ref()).unwrap_or(&empty);
    Ok(RowChange {
        what: what(words, &e.table, row)?,
        action: action_word(&e.action).to_string(),
        fields: field_changes(words, &e.table, before.as_ref(), after.as_ref())?,
    })
}

/// The fields of a change, by their labels: every field of a row added or removed that holds
/// something, the fields that differ of a row changed. Ids, positions and what the row's
/// own name already says are left out; a placement's copy in its decision is told as what it
/// holds, not as its text.
fn field_changes(
    words: &mut Words<'_>,
    table: &str,
    before: Option<&Map<String, Value>>,
    after: Option<&Map<String, Value>>,
) -> Result<Vec<FieldChange>, AppError> {
    let keys: Vec<String> = after
        .or(before)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    for k in keys {
        let Some(label) = label(table, &k) else {
            continue;
        };
        let old = before.and_then(|m| m.get(&k));
        let new = after.and_then(|m| m.get(&k));
        let changed = before.is_some() && after.is_some();
        if changed && old == new {
            continue;
        }
        // A row added or removed lists what it held.
        if !changed && old.or(new).is_none_or(Value::is_null) {
            continue;
        }
        let show = |words: &mut Words<'_>, v: Option<&Value>| -> Result<Option<String>, AppError> {
            v.map(|v| value_words(words, table, &k, v)).transpose()
        };
        let (mut was, mut now) = (show(words, old)?, show(words, new)?);
        // Two copies of a placement that read alike differ in an amount or a date.
        if changed && was == now && k == "placement_snapshot" {
            was = was.map(|w| format!("{w} (before its amounts or dates changed)"));
            now = now.map(|n| format!("{n} (with its amounts or dates changed)"));
        }
        out.push(FieldChange {
            field: label.to_string(),
            before: was,
            after: now,
        });
    }
    Ok(out)
}

/// A field's label, or none for a field the audit screen leaves out.
fn label(table: &str, key: &str) -> Option<&'static str> {
    Some(match (table, key) {
        ("agreements", "year_start") => "Financial year",
        // The entry names the case and meeting; a decision's number says its year.
        (_, "id" | "position" | "seq" | "year_start" | "case_id" | "meeting_id") => return None,
        (_, "placement_id") => "Placement",
        (_, "decision_id") => "Decision",
        (_, "split_id") => "Split",
        (_, "item_id") => "Agenda item",
        (_, "attendee_id") => "Attendee",
        (_, "agreement_id") => "Agreement",
        (_, "partner_id") => "Partner",
        (_, "represents_partner_id") => "Represents",
        (_, "ratifies_id") => "Ratifies",
        (_, "amends_id") => "Amends",
        (_, "amount_pence") => "Amount",
        (_, "total_pence") => "Total",
        (_, "statement_id") => "Statement",
        (_, "period_from") => "Period from",
        (_, "period_to") => "Period to",
        (_, "issued_on") => "Issued on",
        (_, "received_on") => "Received on",
        (_, "line_from") => "From",
        (_, "line_to") => "To",
        (_, "decisions") => "Decisions",
        (_, "share") => "Share",
        (_, "days") => "Days",
        (_, "case_reference") => "Case",
        (_, "basis_points") => "Share",
        (_, "from_date") => "From",
        (_, "to_date") => "To",
        (_, "start_date") => "Start date",
        (_, "end_date") => "End date",
        (_, "date_of_birth") => "Date of birth",
        (_, "decided_on") => "Decided on",
        (_, "review_date") => "Review date",
        (_, "effective_from") => "Effective from",
        (_, "due") => "Due",
        (_, "date") => "Date",
        (_, "starts_at") => "Start time",
        (_, "per") => "Unit",
        (_, "minutes_status") => "Minutes",
        (_, "minutes") => "Length (minutes)",
        (_, "placement_snapshot") => "Placement as decided",
        (_, "risk_share") => "Risk share",
        (_, "first_review_months") => "First review after (months)",
        (_, "review_months") => "Reviews every (months)",
        (_, "notice_months") => "Notice (months)",
        (_, "decision_prefix") => "Decision number prefix",
        (_, "panel_name") => "Panel name",
        (_, "authority") => "Authority",
        (_, "quorum") => "Quorum",
        (_, "code") => "Code",
        (_, "name") => "Name",
        (_, "reference") => "Reference",
        (_, "initials") => "Initials",
        (_, "needs") => "Needs",
        (_, "provider") => "Provider",
        (_, "type") => "Type",
        (_, "description") => "Description",
        (_, "venue") => "Venue",
        (_, "chair") => "Chair",
        (_, "agency") => "Agency",
        (_, "role") => "Role",
        (_, "attendance") => "Attendance",
        (_, "kind") => "Kind",
        (_, "title") => "Title",
        (_, "presenter") => "Presenting officer",
        (_, "ask") => "Asked of the panel",
        (_, "notes") => "Minutes of the discussion",
        (_, "interest") => "Interest",
        (_, "dispensation") => "Dispensation",
        (_, "status") => "Status",
        (_, "number") => "Number",
        (_, "urgent") => "Chair's action",
        (_, "inquorate") => "Inquorate",
        (_, "outcome") => "Outcome",
        (_, "subject") => "Subject",
        (_, "reasons") => "Reasons",
        (_, "alternatives") => "Alternatives considered",
        (_, "text") => "Text",
        (_, "action") => "Action",
        (_, "owner") => "Owner",
        (_, "assent") => "Assent",
        (_, "statement_line_id") => "Statement line",
        (_, "dispute_id") => "Dispute",
        (_, "adjusts_id") => "Adjusts",
        (_, "disputes") => "Disputes",
        (_, "scope") => "Disputed",
        (_, "reason") => "Reason",
        (_, "note") => "Note",
        (_, "raised_on") => "Raised on",
        (_, "closed_on") => "Closed on",
        (_, "closing_note") => "Closing note",
        (_, "agenda_item_id") => "Agenda item",
        (_, "escalation_days") => "Escalate after (days)",
        (_, "lead_partner_id") => "Lead partner",
        (_, "statement_months") => "Statement covers (months)",
        (_, "uplift_bp") => "Uplift assumed for next year",
        (_, "on_date") => "On",
        (_, "done_on") => "Done on",
        (_, "action_id") => "Action",
        (_, "has_agreement") => "Pooled budget agreement",
        (_, "before_pence") => "Projected before",
        (_, "after_pence") => "Projected after",
        (_, "contribution_pence") => "Contribution",
        (_, "spend_pence") => "Spend to date",
        (_, "called_pence") => "Called",
        (_, "paid_in_pence") => "Paid in",
        ("partners", "aliases") => "Also called in spreadsheets",
        _ => return None,
    })
}

/// A value as the screens show it: money in pounds, shares as percentages, dates as
/// dd/mm/yyyy, codes in words, ids by the name of what they are.
fn value_words(
    words: &mut Words<'_>,
    table: &str,
    key: &str,
    v: &Value,
) -> Result<String, AppError> {
    if v.is_null() {
        return Ok("—".into());
    }
    let s = v.as_str();
    let n = v.as_i64();
    let code = |label: Option<&'static str>| label.map(str::to_string).or(s.map(str::to_string));
    Ok(match key {
        "amount_pence" | "total_pence" | "contribution_pence" | "spend_pence" | "called_pence"
        | "paid_in_pence" | "before_pence" | "after_pence" => {
            n.map_or_else(|| v.to_string(), |p| Money::from_pence(p).to_string())
        }
        "statement_id" => {
            return n.map_or(Ok(v.to_string()), |id| words.of("statements", id));
        }
        "aliases" => match v.as_array() {
            Some(names) if names.is_empty() => "—".to_string(),
            Some(names) => names
                .iter()
                .map(|n| n.as_str().unwrap_or_default())
                .collect::<Vec<_>>()
                .join(", "),
            None => v.to_string(),
        },
        "basis_points" | "uplift_bp" => {
            n.map_or_else(|| v.to_string(), |b| format!("{}.{:02}%", b / 100, b % 100))
        }
        "placement_id" => {
            return n.map_or(Ok(v.to_string()), |id| {
                Ok(match words.store.audit_reference("placements", id)? {
                    Some(p) => format!("at {p}"),
                    None => words.of("placements", id)?,
                })
            });
        }
        "decision_id" | "ratifies_id" | "amends_id" => {
            return n.map_or(Ok(v.to_string()), |id| words.of("decisions", id));
        }
        "split_id" => {
            return n.map_or(Ok(v.to_string()), |id| {
                words.of("splits", id).map(|d| format!("from {d}"))
            });
        }
        "item_id" | "agenda_item_id" => {
            return n.map_or(Ok(v.to_string()), |id| words.of("agenda_items", id));
        }
        "dispute_id" => return n.map_or(Ok(v.to_string()), |id| words.of("disputes", id)),
        "action_id" => return n.map_or(Ok(v.to_string()), |id| words.of("actions", id)),
        "reason" if table == "disputes" => code(
            s.and_then(|c| panel_core::model::DisputeReason::parse(c).ok())
                .map(panel_core::model::DisputeReason::label),
        )
        .unwrap_or_default(),
        "scope" if table == "disputes" => code(
            s.and_then(|c| panel_core::model::DisputeScope::parse(c).ok())
                .map(panel_core::model::DisputeScope::label),
        )
        .unwrap_or_default(),
        "status" if table == "disputes" => code(
            s.and_then(|c| panel_core::model::DisputeStatus::parse(c).ok())
                .map(panel_core::model::DisputeStatus::label),
        )
        .unwrap_or_default(),
        "attendee_id" => return n.map_or(Ok(v.to_string()), |id| words.of("attendees", id)),
        "agreement_id" => return n.map_or(Ok(v.to_string()), |id| words.of("agreements", id)),
        "partner_id" | "represents_partner_id" | "lead_partner_id" => {
            return n.map_or(Ok(v.to_string()), |id| words.of("partners", id));
        }
        "year_start" => n
            .and_then(|y| panel_core::FinancialYear::starting(y as i32))
            .map_or_else(|| v.to_string(), |y| y.to_string()),
        "urgent" | "inquorate" | "has_agreement" => {
            (if n == Some(1) { "Yes" } else { "No" }).into()
        }
        "per" => code(
            s.and_then(|c| panel_core::Per::ALL.iter().find(|p| p.code() == c))
                .map(|p| p.label()),
        )
        .unwrap_or_default(),
        "type" if table == "placements" => code(
            s.and_then(|c| PlacementType::parse(c).ok())
                .map(PlacementType::label),
        )
        .unwrap_or_default(),
        "kind" if table == "pool_entries" => code(
            s.and_then(|c| panel_core::model::PoolKind::parse(c).ok())
                .map(panel_core::model::PoolKind::label),
        )
        .unwrap_or_default(),
        "kind" if table == "agenda_items" => {
            code(s.and_then(|c| ItemKind::parse(c).ok()).map(ItemKind::label)).unwrap_or_default()
        }
        "outcome" => {
            code(s.and_then(|c| Outcome::parse(c).ok()).map(Outcome::label)).unwrap_or_default()
        }
        "minutes_status" => code(
            s.and_then(|c| MinutesStatus::parse(c).ok())
                .map(MinutesStatus::label),
        )
        .unwrap_or_default(),
        "attendance" => code(s.and_then(|c| Attendance::parse(c).ok()).map(|a| match a {
            Attendance::Present => "Present",
            Attendance::Apologies => "Apologies",
        }))
        .unwrap_or_default(),
        "assent" => {
            code(s.and_then(|c| Assent::parse(c).ok()).map(assent_label)).unwrap_or_default()
        }
        "status" if table == "decisions" => {
            code(s.map(|c| if c == "final" { "Final" } else { "Draft" })).unwrap_or_default()
        }
        "placement_snapshot" => s.map_or_else(|| v.to_string(), snapshot_words),
        "period_from" | "period_to" | "issued_on" | "received_on" | "line_from" | "line_to"
        | "from_date" | "to_date" | "start_date" | "end_date" | "date_of_birth" | "decided_on"
        | "review_date" | "effective_from" | "due" | "date" | "raised_on" | "closed_on"
        | "on_date" | "done_on" => s.map_or_else(|| v.to_string(), uk_date),
        _ => match v {
            Value::String(t) => t.clone(),
            other => other.to_string(),
        },
    })
}

fn assent_label(a: Assent) -> &'static str {
    match a {
        Assent::Agree => "Agrees",
        Assent::Disagree => "Disagrees",
    }
}

/// A decision's copy of its placement, told by what it holds: the provider, its dates, its
/// cost lines and splits.
fn snapshot_words(json: &str) -> String {
    let Ok(v) = serde_json::from_str::<Value>(json) else {
        return "a copy of the placement".into();
    };
    let count = |key: &str| v.get(key).and_then(Value::as_array).map_or(0, Vec::len);
    let provider = v
        .get("provider")
        .and_then(Value::as_str)
        .unwrap_or("the placement");
    let lines = count("cost_lines");
    let splits = count("splits");
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{provider}, {} and {}, as it stood when decided",
        plural(lines, "cost line", "cost lines"),
        plural(splits, "split", "splits")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(table: &str, action: &str, before: Option<&str>, after: Option<&str>) -> AuditEntry {
        AuditEntry {
            at: "2026-11-23T10:00:00Z".into(),
            actor: "Sam Patel".into(),
            table: table.into(),
            row_id: 1,
            action: action.into(),
            before: before.map(str::to_string),
            after: after.map(str::to_string),
            case: None,
            meeting: None,
        }
    }

    #[test]
    fn a_row_is_told_in_words_with_its_fields_labelled() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a.sqlite3"), "tester").unwrap();
        let mut words = Words::new(&store);
        let added = row_change(
            &mut words,
            &entry(
                "cost_lines",
                "insert",
                None,
                Some(r#"{"id":7,"placement_id":99,"position":0,"description":"Placement fee","per":"week","amount_pence":123456,"from_date":"2026-04-01","to_date":null}"#),
            ),
        )
        .unwrap();
        assert_eq!(added.what, "Cost line “Placement fee”");
        assert_eq!(added.action, "added");
        let fields: Vec<(String, Option<String>)> = added
            .fields
            .into_iter()
            .map(|f| (f.field, f.after))
            .collect();
        assert_eq!(
            fields,
            [
                (
                    "Placement".into(),
                    Some("no. 99, no longer recorded".into())
                ),
                ("Description".into(), Some("Placement fee".into())),
                ("Unit".into(), Some("per week".into())),
                ("Amount".into(), Some("£1,234.56".into())),
                ("From".into(), Some("01/04/2026".into())),
            ]
        );
        // A change shows only what changed, before and after.
        let changed = row_change(
            &mut words,
            &entry(
                "cases",
                "update",
                Some(r#"{"id":1,"reference":"CN-1","needs":"old","date_of_birth":null}"#),
                Some(r#"{"id":1,"reference":"CN-1","needs":"new","date_of_birth":"2015-03-04"}"#),
            ),
        )
        .unwrap();
        assert_eq!(changed.what, "Case CN-1");
        assert_eq!(
            changed.fields,
            [
                FieldChange {
                    field: "Needs".into(),
                    before: Some("old".into()),
                    after: Some("new".into())
                },
                FieldChange {
                    field: "Date of birth".into(),
                    before: Some("—".into()),
                    after: Some("04/03/2015".into())
                },
            ]
        );
        // A decision's copy of its placement is told by what it holds.
        let snapshot = r#"{"provider":"Oakfield House","type":"residential","start":"2026-01-01","end":null,"cost_lines":[{"description":"Fee","per":"week","amount":"1000","from":"2026-01-01","to":null}],"splits":[]}"#;
        let decided = row_change(
            &mut words,
            &entry(
                "decisions",
                "insert",
                None,
                Some(&serde_json::json!({"id": 3, "status": "draft", "number": null, "subject": "Placement", "urgent": 0, "outcome": "approved_with_conditions", "placement_snapshot": snapshot}).to_string()),
            ),
        )
        .unwrap();
        assert_eq!(decided.what, "Draft decision “Placement”");
        let shown: HashMap<String, Option<String>> = decided
            .fields
            .into_iter()
            .map(|f| (f.field, f.after))
            .collect();
        assert_eq!(
            shown["Outcome"].as_deref(),
            Some("Approved with conditions")
        );
        assert_eq!(shown["Chair's action"].as_deref(), Some("No"));
        assert_eq!(
            shown["Placement as decided"].as_deref(),
            Some("Oakfield House, 1 cost line and 0 splits, as it stood when decided")
        );
        assert!(
            !shown.contains_key("Number"),
            "an empty field is left out of a row added"
        );
    }

    #[test]
    fn a_save_is_one_line_naming_what_else_it_did() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a.sqlite3"), "tester").unwrap();
        let mut words = Words::new(&store);
        let first = entry(
            "placements",
            "insert",
            None,
            Some(r#"{"id":5,"case_id":1,"provider":"Oakfield House"}"#),
        );
        let save = AuditSave {
            at: first.at.clone(),
            actor: first.actor.clone(),
            event: None,
            rows: vec![first],
            row_count: 7,
            summary: vec![
                ("placements".into(), "insert".into(), 1),
                ("cost_lines".into(), "insert".into(), 3),
                ("splits".into(), "insert".into(), 1),
                ("split_shares".into(), "insert".into(), 2),
            ],
        };
        let row = audit_row(&mut words, &save).unwrap();
        assert_eq!(
            row.title,
            "Placement at Oakfield House added, with 3 cost lines, 1 split and 2 partners' shares added"
        );
        assert_eq!(row.more, 6);
    }
}
