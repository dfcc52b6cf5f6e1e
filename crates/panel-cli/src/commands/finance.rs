//! Money between partners: `statement`, `payment`, `debts`, `dispute`, `disputes` and
//! `settlement`.

use panel_core::statement::{Statement, statement_csv};

use crate::*;

/// A day given on the command line as YYYY-MM-DD, named by its option.
pub(crate) fn day(option: &str, text: &str) -> Result<NaiveDate, Failure> {
    parse_iso_date(text).ok_or_else(|| {
        Failure::Said(format!(
            "{option}: \"{text}\" is not a date (expected YYYY-MM-DD)"
        ))
    })
}

/// The partner and period asked for (clap requires them without --number).
fn period(
    partner: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<(String, NaiveDate, NaiveDate), Failure> {
    let need = |v: Option<String>, option: &str| {
        v.ok_or_else(|| Failure::Said(format!("{option} is needed without --number")))
    };
    let partner = need(partner, "--partner")?;
    let from = day("--from", &need(from, "--from")?)?;
    let to = day("--to", &need(to, "--to")?)?;
    Ok((partner, from, to))
}

/// What `panel statement` was asked.
pub(crate) struct StatementArgs {
    pub(crate) partner: Option<String>,
    pub(crate) from: Option<String>,
    pub(crate) to: Option<String>,
    pub(crate) number: Option<String>,
    pub(crate) json: bool,
    pub(crate) csv: bool,
    pub(crate) issue: bool,
    pub(crate) out: Option<PathBuf>,
}

/// `panel statement`: a partner's statement for a period, as a table, JSON or CSV; with
/// `issue`, issued first: numbered and kept, never to change.
pub(crate) fn statement(db: &Option<PathBuf>, args: StatementArgs) -> Result<(), Failure> {
    let StatementArgs {
        partner,
        from,
        to,
        number,
        json,
        csv,
        issue,
        out,
    } = args;
    let (mut store, _) = open(db)?;
    let (number, s) = if let Some(number) = number {
        let (issued, s) = store.issued_statement(&number)?;
        (Some((issued.number, issued.issued_on)), s)
    } else if issue {
        let (partner, from, to) = period(partner, from, to)?;
        let (issued, s) = store.issue_statement(&partner, from, to, today())?;
        eprintln!(
            "Issued {} to {}: {} to {}, {} in {} line{}.",
            issued.number,
            s.partner_name,
            from.format("%d/%m/%Y"),
            to.format("%d/%m/%Y"),
            s.total,
            s.lines.len(),
            if s.lines.len() == 1 { "" } else { "s" }
        );
        (Some((issued.number, issued.issued_on)), s)
    } else {
        let (partner, from, to) = period(partner, from, to)?;
        (None, store.statement(&partner, from, to)?)
    };
    if let Some(out) = &out {
        let settings = store.settings()?;
        let paper = panel_pdf::StatementPaper {
            authority: settings.authority,
            panel_name: settings.panel_name,
            statement: s.clone(),
            issued: number.clone(),
            printed: today(),
            lead_partner: store.lead_partner_label()?,
        };
        let pdf = panel_pdf::statement_pdf(&paper)?;
        let what = match &number {
            Some((n, _)) => format!("Statement {n}"),
            None => format!("A preview of {}'s statement", s.partner),
        };
        write_pdf(out, &pdf, &what)?;
    }
    let number = number.map(|(n, _)| n);
    if json {
        let mut v = statement_json(&s);
        if let (Some(n), Some(map)) = (&number, v.as_object_mut()) {
            map.insert("number".into(), serde_json::Value::String(n.clone()));
        }
        let text = serde_json::to_string_pretty(&v).map_err(|e| Failure::Said(e.to_string()))?;
        println!("{text}");
    } else if csv {
        print!("{}", statement_csv(&s));
    } else {
        print_statement(&s, number.as_deref());
    }
    Ok(())
}

/// The statement as `panel statement --json` prints it: money as decimal strings.
pub(crate) fn statement_json(s: &Statement) -> serde_json::Value {
    serde_json::json!({
        "partner": s.partner,
        "from": s.from.to_string(),
        "to": s.to.to_string(),
        "total": s.total.to_plain(),
        "lines": s.lines.iter().map(|l| serde_json::json!({
            "year": l.year.to_string(),
            "from": l.from.to_string(),
            "to": l.to.to_string(),
            "case": l.case_reference,
            "initials": l.initials,
            "placement": l.placement_id,
            "provider": l.provider,
            "decisions": l.decisions,
            "split": l.shares.iter().map(|(on, p)| serde_json::json!({
                "from": on.to_string(),
                "percent": p.to_string(),
            })).collect::<Vec<_>>(),
            "days": l.days,
            "amount": l.amount.to_plain(),
            "adjusts": l.adjusts,
            "disputes": l.disputes,
        })).collect::<Vec<_>>(),
    })
}

fn print_statement(s: &Statement, number: Option<&str>) {
    println!(
        "Statement {}for {} ({}), {} to {}",
        number.map(|n| format!("{n} ")).unwrap_or_default(),
        s.partner_name,
        s.partner,
        s.from.format("%d/%m/%Y"),
        s.to.format("%d/%m/%Y")
    );
    if s.parts.len() > 1 {
        let years: Vec<String> = s.parts.iter().map(|p| p.year.to_string()).collect();
        println!(
            "The period crosses 31 March: its lines are shown for {} apart.",
            years.join(" and ")
        );
    }
    println!();
    let headings = [
        "Year",
        "Case",
        "Provider",
        "Decisions",
        "Share",
        "Days",
        "Amount",
    ];
    let rows: Vec<[String; 7]> = s
        .lines
        .iter()
        .map(|l| {
            [
                match &l.adjusts {
                    Some(n) => format!("adjusts {n}"),
                    None => l.year.to_string(),
                },
                format!("{} ({})", l.case_reference, l.initials),
                l.provider.clone(),
                match (l.decisions.is_empty(), l.adjusts.is_some()) {
                    (true, false) => "none of record".into(),
                    _ => l
                        .decisions
                        .iter()
                        .chain(&l.disputes)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", "),
                },
                l.share_text(),
                l.days.to_string(),
                l.amount.to_string(),
            ]
        })
        .collect();
    let mut widths = headings.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 7]| {
        let mut out = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            if i >= 5 {
                out.push_str(&format!("{:>w$}", c, w = widths[i]));
            } else {
                out.push_str(&format!("{:<w$}", c, w = widths[i]));
            }
        }
        out.trim_end().to_string()
    };
    println!("{}", line(headings));
    let rule = "-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1));
    println!("{rule}");
    for row in &rows {
        println!(
            "{}",
            line([
                &row[0], &row[1], &row[2], &row[3], &row[4], &row[5], &row[6]
            ])
        );
    }
    println!("{rule}");
    println!(
        "{} line{}, total {}",
        s.lines.len(),
        if s.lines.len() == 1 { "" } else { "s" },
        s.total
    );
    for x in &s.pool {
        println!("{}", x.words());
    }
}

/// `panel payment`: a payment received against an issued statement.
pub(crate) fn payment(
    db: &Option<PathBuf>,
    statement: String,
    amount: String,
    on: Option<String>,
    reference: String,
) -> Result<(), Failure> {
    let amount =
        panel_core::Money::parse("--amount", &amount).map_err(|e| Failure::Said(e.to_string()))?;
    let on = match on {
        Some(text) => day("--on", &text)?,
        None => today(),
    };
    let (mut store, _) = open(db)?;
    let left = store.record_payment(&statement, on, amount, &reference, today())?;
    println!(
        "Recorded {amount} received on {} against {statement}; {left} is still owed on it.",
        on.format("%d/%m/%Y")
    );
    Ok(())
}

/// `panel debts`: what each partner owes, by age, as a table, JSON or CSV.
pub(crate) fn debts(
    db: &Option<PathBuf>,
    as_of: Option<String>,
    json: bool,
    csv: bool,
) -> Result<(), Failure> {
    use panel_core::statement::DEBT_BANDS;
    let as_of = match as_of {
        Some(text) => day("--as-of", &text)?,
        None => today(),
    };
    let (store, _) = open(db)?;
    let debts = store.debts(as_of)?;
    let total: panel_core::Money = debts.iter().map(|d| d.total).sum();
    let plain = |m: &[panel_core::Money; 4]| m.iter().map(|x| x.to_plain()).collect::<Vec<_>>();
    if json {
        let v = serde_json::json!({
            "as_of": as_of.to_string(),
            "bands": DEBT_BANDS,
            "partners": debts.iter().map(|d| serde_json::json!({
                "partner": d.partner,
                "undisputed": plain(&d.undisputed),
                "disputed": plain(&d.disputed),
                "total": d.total.to_plain(),
            })).collect::<Vec<_>>(),
            "total": total.to_plain(),
        });
        let text = serde_json::to_string_pretty(&v).map_err(|e| Failure::Said(e.to_string()))?;
        println!("{text}");
    } else if csv {
        print!("{}", panel_store::debts_csv(as_of, &debts));
    } else {
        println!(
            "Owed on issued statements as of {}, by the age of each statement",
            as_of.format("%d/%m/%Y")
        );
        println!();
        let names: Vec<String> = debts
            .iter()
            .map(|d| format!("{} ({})", d.name, d.partner))
            .collect();
        let w = names
            .iter()
            .map(|n| n.chars().count())
            .max()
            .unwrap_or(0)
            .max(7);
        let mut header = format!("{:<w$}", "Partner");
        for b in DEBT_BANDS {
            header.push_str(&format!("  {b:>14}"));
        }
        header.push_str(&format!("  {:>14}  {:>14}", "Total", "Disputed"));
        println!("{header}");
        println!("{}", "-".repeat(header.chars().count()));
        for (d, name) in debts.iter().zip(&names) {
            let mut row = format!("{name:<w$}");
            for (u, x) in d.undisputed.iter().zip(&d.disputed) {
                row.push_str(&format!("  {:>14}", (*u + *x).to_string()));
            }
            let disputed: panel_core::Money = d.disputed.iter().copied().sum();
            row.push_str(&format!(
                "  {:>14}  {:>14}",
                d.total.to_string(),
                disputed.to_string()
            ));
            println!("{row}");
        }
        println!("{}", "-".repeat(header.chars().count()));
        let disputed: panel_core::Money =
            debts.iter().flat_map(|d| d.disputed.iter().copied()).sum();
        println!(
            "Owed in all: {total}, of which {disputed} is held as disputed (see panel disputes)."
        );
    }
    Ok(())
}

/// `panel dispute --statement`: a partner disputes a line of an issued statement, or its
/// placement's split, today.
pub(crate) fn raise_dispute(
    db: &Option<PathBuf>,
    statement: String,
    line: u32,
    split: bool,
    reason: String,
    note: String,
) -> Result<(), Failure> {
    let input = panel_app::disputes::DisputeInput {
        statement,
        line,
        scope: if split { "split" } else { "line" }.into(),
        reason,
        note,
    };
    let (mut store, _) = open(db)?;
    let entry = panel_app::disputes::raise(&mut store, &input, today()).map_err(|e| match e {
        // Each refused value named as the option that gave it.
        panel_core::ports::Error::Field(errors) => Failure::Said(
            errors
                .iter()
                .map(|e| match e.field.as_str() {
                    "reason" => format!(
                        "--reason: {}: one of {}",
                        e.message,
                        panel_core::model::DisputeReason::ALL
                            .iter()
                            .map(|r| r.code())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    field => format!("--{field}: {}", e.message),
                })
                .collect::<Vec<_>>()
                .join("; "),
        ),
        other => other.into(),
    })?;
    println!(
        "Raised {}: {} disputes {} of {} ({} {}, {}). {} is held as disputed; it is escalated if still open after {}.",
        entry.number,
        entry.partner_name,
        match entry.scope {
            panel_core::model::DisputeScope::Line => format!("line {}", entry.line),
            panel_core::model::DisputeScope::Split => format!("the split of line {}", entry.line),
        },
        entry.statement,
        entry.case_reference,
        entry.initials,
        entry.provider,
        entry.amount,
        entry.escalation_date.format("%d/%m/%Y")
    );
    Ok(())
}

/// `panel dispute --withdraw`: the partner withdraws an open dispute today.
pub(crate) fn withdraw_dispute(
    db: &Option<PathBuf>,
    number: String,
    note: String,
) -> Result<(), Failure> {
    let (mut store, _) = open(db)?;
    let entry = panel_app::disputes::withdraw(&mut store, &number, &note, today())?;
    println!(
        "Withdrew {}: the {} it held is owed by {} again as stated.",
        entry.number, entry.amount, entry.partner_name
    );
    Ok(())
}

/// `panel dispute --bring`: an open dispute goes on a meeting's agenda.
pub(crate) fn bring_dispute(
    db: &Option<PathBuf>,
    number: String,
    meeting: String,
) -> Result<(), Failure> {
    let (mut store, _) = open(db)?;
    let meeting_id = crate::commands::documents::meeting_on(&store, &meeting)?;
    panel_app::disputes::bring(&mut store, &number, meeting_id)?;
    let date = day("--meeting", &meeting)?;
    println!(
        "{number} is on the agenda of the meeting of {}: the decision recorded on it settles it.",
        date.format("%d/%m/%Y")
    );
    Ok(())
}

/// `panel disputes`: the register as a table, JSON or CSV.
pub(crate) fn disputes(
    db: &Option<PathBuf>,
    as_of: Option<String>,
    json: bool,
    csv: bool,
) -> Result<(), Failure> {
    let as_of = match as_of {
        Some(text) => day("--as-of", &text)?,
        None => today(),
    };
    let (store, _) = open(db)?;
    let all = panel_app::disputes::register(&store, as_of)?;
    if json {
        let v = serde_json::json!({
            "as_of": as_of.to_string(),
            "disputes": all.iter().map(|d| serde_json::json!({
                "number": d.number,
                "partner": d.partner,
                "statement": d.statement,
                "line": d.line,
                "scope": d.scope.code(),
                "case": d.case_reference,
                "initials": d.initials,
                "provider": d.provider,
                "reason": d.reason.code(),
                "note": d.note,
                "raised_on": d.raised_on.to_string(),
                "amount": d.amount.to_plain(),
                "status": d.status.code(),
                "age_days": d.age_days,
                "escalation_date": d.escalation_date.to_string(),
                "escalated": d.escalated,
                "meeting": d.meeting.map(|(_, on)| on.to_string()),
                "closed_on": d.closed_on.map(|c| c.to_string()),
                "decision": d.decision,
            })).collect::<Vec<_>>(),
        });
        let text = serde_json::to_string_pretty(&v).map_err(|e| Failure::Said(e.to_string()))?;
        println!("{text}");
        return Ok(());
    }
    if csv {
        print!("{}", panel_core::statement::disputes_csv(as_of, &all));
        return Ok(());
    }
    println!("Disputes as of {}", as_of.format("%d/%m/%Y"));
    println!();
    if all.is_empty() {
        println!("No dispute has been raised.");
        return Ok(());
    }
    let headings = [
        "Number",
        "Partner",
        "Statement",
        "Case",
        "Reason",
        "Amount",
        "Age",
        "Where it stands",
    ];
    let rows: Vec<[String; 8]> = all
        .iter()
        .map(|d| {
            let stands = match d.status {
                panel_core::model::DisputeStatus::Open => {
                    let mut s = if d.escalated {
                        format!(
                            "Open past {}: escalated",
                            d.escalation_date.format("%d/%m/%Y")
                        )
                    } else {
                        format!(
                            "Open, escalates after {}",
                            d.escalation_date.format("%d/%m/%Y")
                        )
                    };
                    if let Some((_, on)) = d.meeting {
                        s.push_str(&format!("; on the agenda of {}", on.format("%d/%m/%Y")));
                    }
                    s
                }
                panel_core::model::DisputeStatus::Withdrawn => format!(
                    "Withdrawn on {}",
                    d.closed_on
                        .map(|c| c.format("%d/%m/%Y").to_string())
                        .unwrap_or_default()
                ),
                panel_core::model::DisputeStatus::Resolved => format!(
                    "Resolved by {} on {}",
                    d.decision.clone().unwrap_or_default(),
                    d.closed_on
                        .map(|c| c.format("%d/%m/%Y").to_string())
                        .unwrap_or_default()
                ),
            };
            [
                d.number.clone(),
                d.partner.clone(),
                format!("{} line {}", d.statement, d.line),
                format!("{} ({})", d.case_reference, d.initials),
                match (d.scope, d.reason) {
                    (panel_core::model::DisputeScope::Split, r)
                        if r != panel_core::model::DisputeReason::Split =>
                    {
                        format!("{}, of the split", r.label())
                    }
                    (_, r) => r.label().to_string(),
                },
                d.amount.to_string(),
                format!("{} days", d.age_days),
                stands,
            ]
        })
        .collect();
    let mut widths = headings.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut out = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            if i == 5 || i == 6 {
                out.push_str(&format!("{:>w$}", c, w = widths[i]));
            } else {
                out.push_str(&format!("{:<w$}", c, w = widths[i]));
            }
        }
        out.trim_end().to_string()
    };
    println!("{}", line(&headings.map(String::from)));
    let rule = "-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1));
    println!("{rule}");
    for row in &rows {
        println!("{}", line(row));
    }
    println!("{rule}");
    let open: Vec<_> = all
        .iter()
        .filter(|d| d.status == panel_core::model::DisputeStatus::Open)
        .collect();
    let held: panel_core::Money = open.iter().map(|d| d.amount).sum();
    let escalated = open.iter().filter(|d| d.escalated).count();
    println!(
        "{} open, {held} held as disputed; {} escalated (open past {} days).",
        open.len(),
        match escalated {
            0 => "none".to_string(),
            n => n.to_string(),
        },
        store.finance_settings()?.escalation_days
    );
    Ok(())
}

/// `panel settlement`: a year's settlement between the partners, as a table, JSON or CSV, and
/// with `out` as the PDF pack.
pub(crate) fn settlement(
    db: &Option<PathBuf>,
    year: String,
    as_of: Option<String>,
    json: bool,
    csv: bool,
    out: Option<PathBuf>,
) -> Result<(), Failure> {
    use panel_core::settlement::{balance_words, settlement_csv};
    let year: FinancialYear = year
        .parse()
        .map_err(|e| Failure::Said(format!("--year: {e}")))?;
    let as_of = match as_of {
        Some(text) => day("--as-of", &text)?,
        None => today(),
    };
    let (store, _) = open(db)?;
    let paper = panel_app::documents::settlement_paper(&store, year, as_of, today())?;
    let s = &paper.settlement;
    if let Some(out) = &out {
        let pdf = panel_pdf::settlement_pdf(&paper)?;
        write_pdf(out, &pdf, &format!("The settlement pack for {year}"))?;
    }
    let lead = s
        .lead
        .and_then(|i| s.partners.get(i))
        .map(|p| p.code.clone());
    if json {
        let v = serde_json::json!({
            "year": year.to_string(),
            "as_of": as_of.to_string(),
            "final": s.is_final(),
            "lead": lead,
            "budget": s.spend.budget.to_plain(),
            "spend": s.spend.projected.to_plain(),
            "variance": s.spend.variance.to_plain(),
            "partners": s.partners.iter().map(|p| serde_json::json!({
                "partner": p.code,
                "contribution": p.contribution.to_plain(),
                "spend": p.spend.to_plain(),
                "variance": p.variance.to_plain(),
                "risk_share": p.risk_share.to_plain(),
                "due": p.due.to_plain(),
                "stated": p.stated.to_plain(),
                "unstated": p.unstated.to_plain(),
                "paid": p.paid.to_plain(),
                "disputed": p.disputed.to_plain(),
                "called": p.called.to_plain(),
                "paid_in": p.paid_in.to_plain(),
                "balance": p.balance.to_plain(),
            })).collect::<Vec<_>>(),
            "statements": s.statements.iter().map(|x| serde_json::json!({
                "number": x.number,
                "partner": s.partners.get(x.partner).map(|p| p.code.clone()),
                "from": x.from.to_string(),
                "to": x.to.to_string(),
                "stated": x.stated.to_plain(),
                "paid": x.paid.to_plain(),
            })).collect::<Vec<_>>(),
        });
        let text = serde_json::to_string_pretty(&v).map_err(|e| Failure::Said(e.to_string()))?;
        println!("{text}");
        return Ok(());
    }
    if csv {
        print!("{}", settlement_csv(s));
        return Ok(());
    }
    println!(
        "Settlement {year}: spend {} against contributions of {}{}",
        s.spend.projected,
        s.spend.budget,
        if s.is_final() {
            String::new()
        } else {
            " (the year is not over: spend as projected)".to_string()
        }
    );
    println!("{}", s.spend.verdict());
    println!("Payments and disputes as of {}.", as_of.format("%d/%m/%Y"));
    println!();
    let headings = [
        "Partner",
        "Contribution",
        "Spend",
        "Risk share",
        "Due",
        "Stated",
        "Paid",
        "Disputed",
        "Paid in",
        "Balance",
    ];
    let rows: Vec<[String; 10]> = s
        .partners
        .iter()
        .enumerate()
        .map(|(i, p)| {
            [
                p.code.clone(),
                p.contribution.to_string(),
                p.spend.to_string(),
                p.risk_share.to_string(),
                p.due.to_string(),
                p.stated.to_string(),
                p.paid.to_string(),
                p.disputed.to_string(),
                p.paid_in.to_string(),
                balance_words(p.balance, lead.as_deref(), s.lead == Some(i)),
            ]
        })
        .collect();
    let mut widths = headings.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut out = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            if i == 0 || i == 9 {
                out.push_str(&format!("{:<w$}", c, w = widths[i]));
            } else {
                out.push_str(&format!("{:>w$}", c, w = widths[i]));
            }
        }
        out.trim_end().to_string()
    };
    println!("{}", line(&headings.map(String::from)));
    let rule = "-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1));
    println!("{rule}");
    for row in &rows {
        println!("{}", line(row));
    }
    println!("{rule}");
    println!(
        "{} statement{} issued for the year; {} dispute{} open on them.",
        s.statements.len(),
        if s.statements.len() == 1 { "" } else { "s" },
        paper.disputes.len(),
        if paper.disputes.len() == 1 { "" } else { "s" },
    );
    Ok(())
}

fn pooled_year(text: &str) -> Result<FinancialYear, Failure> {
    text.parse()
        .map_err(|e| Failure::Said(format!("--year: {e}")))
}

/// `panel contribution`: a call or a receipt of a partner's contribution to a pooled year.
#[allow(clippy::too_many_arguments)]
pub(crate) fn contribution(
    db: &Option<PathBuf>,
    partner: String,
    year: String,
    call: bool,
    amount: String,
    on: Option<String>,
    reference: String,
) -> Result<(), Failure> {
    use panel_core::model::PoolKind;
    let year = pooled_year(&year)?;
    let amount =
        panel_core::Money::parse("--amount", &amount).map_err(|e| Failure::Said(e.to_string()))?;
    let on = match on {
        Some(text) => day("--on", &text)?,
        None => today(),
    };
    let kind = if call {
        PoolKind::Call
    } else {
        PoolKind::Receipt
    };
    let (mut store, _) = open(db)?;
    let p = panel_app::pool::record(
        &mut store,
        &panel_core::pool::NewPoolEntry {
            partner,
            year,
            kind,
            on,
            amount,
            reference,
        },
        today(),
    )?;
    println!("{}", p.recorded(kind, amount, on, year));
    Ok(())
}

/// `panel contributions`: each partner's contribution to a pooled year, called and paid in.
pub(crate) fn contributions(db: &Option<PathBuf>, year: String, json: bool) -> Result<(), Failure> {
    let year = pooled_year(&year)?;
    let (store, _) = open(db)?;
    let (position, entries) = panel_app::pool::position(&store, year, today())?;
    if json {
        let v = serde_json::json!({
            "year": year.to_string(),
            "partners": position.iter().map(|p| serde_json::json!({
                "partner": p.partner,
                "agreed": p.agreed.to_plain(),
                "called": p.called.to_plain(),
                "paid_in": p.received.to_plain(),
            })).collect::<Vec<_>>(),
            "entries": entries.iter().map(|e| serde_json::json!({
                "partner": e.partner,
                "kind": e.kind.code(),
                "on": e.on.to_string(),
                "amount": e.amount.to_plain(),
                "reference": e.reference,
            })).collect::<Vec<_>>(),
        });
        let text = serde_json::to_string_pretty(&v).map_err(|e| Failure::Said(e.to_string()))?;
        println!("{text}");
        return Ok(());
    }
    println!(
        "Contributions to the pool for {year}, as of {}",
        today().format("%d/%m/%Y")
    );
    println!();
    let w = position
        .iter()
        .map(|p| p.name.chars().count() + p.partner.len() + 3)
        .max()
        .unwrap_or(7)
        .max(7);
    println!(
        "{:<w$}  {:>15}  {:>15}  {:>15}",
        "Partner", "Agreed", "Called", "Paid in"
    );
    println!("{}", "-".repeat(w + 51));
    for p in &position {
        println!(
            "{:<w$}  {:>15}  {:>15}  {:>15}",
            format!("{} ({})", p.name, p.partner),
            p.agreed.to_string(),
            p.called.to_string(),
            p.received.to_string()
        );
    }
    println!("{}", "-".repeat(w + 51));
    println!(
        "{} call{} and receipt{} recorded.",
        entries.len(),
        if entries.len() == 1 { "" } else { "s" },
        if entries.len() == 1 { "" } else { "s" }
    );
    Ok(())
}
