//! Writing a dataset in the file format, every record in a fixed order so that an export, an
//! import and another export give the same bytes.

use chrono::NaiveDate;
use serde_json::{Map, Value, json};

use super::FORMAT;
use crate::dataset::*;
use crate::model::*;

fn opt_date(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.to_string()))
}

fn opt_text(s: &Option<String>) -> Value {
    s.as_ref().map_or(Value::Null, |s| Value::String(s.clone()))
}

/// Writes a dataset in the interchange format: pretty-printed, fields in a fixed order,
/// ending with a newline, so the same data always gives the same bytes.
pub fn write_dataset(d: &Dataset) -> String {
    let codes: Vec<&str> = d.partners.iter().map(|p| p.code.as_str()).collect();
    let settings = d.settings.clone().unwrap_or_default();
    let mut top = Map::new();
    top.insert("format".into(), json!(FORMAT));
    top.insert(
        "settings".into(),
        json!({
            "authority": settings.authority,
            "panel_name": settings.panel_name,
            "decision_prefix": settings.decision_prefix,
            "first_review_months": settings.first_review_months,
            "review_months": settings.review_months,
            "notice_months": settings.notice_months,
            "quorum": settings.quorum.code(),
        }),
    );
    if let Some(f) = &d.finance {
        let mut v = json!({
            "escalation_days": f.escalation_days,
            "lead_partner": opt_text(&f.lead_partner),
            "statement_months": f.statement_months,
        });
        // An uplift is written only when one is assumed: a file without reads as 0%.
        if let (true, Value::Object(o)) = (f.uplift.basis_points() > 0, &mut v) {
            o.insert("uplift".into(), json!(f.uplift.to_string()));
        }
        top.insert("finance".into(), v);
    }
    top.insert(
        "partners".into(),
        d.partners
            .iter()
            .map(|p| {
                // Other names are written only when a partner has some.
                let mut v = json!({"code": p.code, "name": p.name});
                if let (false, Value::Object(o)) = (p.aliases.is_empty(), &mut v) {
                    o.insert("aliases".into(), json!(p.aliases));
                }
                v
            })
            .collect(),
    );
    top.insert(
        "agreements".into(),
        d.agreements
            .iter()
            .map(|a| {
                let contributions: Map<String, Value> = codes.iter().zip(&a.contributions).map(|(c, m)| (c.to_string(), json!(m.to_plain()))).collect();
                json!({"year": a.year.to_string(), "risk_share": a.risk_share.code(), "contributions": contributions})
            })
            .collect(),
    );
    top.insert(
        "cases".into(),
        d.cases
            .iter()
            .map(|c| {
                json!({
                    "reference": c.reference,
                    "initials": c.initials,
                    "date_of_birth": opt_date(c.date_of_birth),
                    "needs": c.needs,
                    "placements": c.placements.iter().map(|p| write_placement(p, &codes)).collect::<Vec<_>>(),
                })
            })
            .collect(),
    );
    top.insert(
        "meetings".into(),
        d.meetings
            .iter()
            .map(|m| {
                json!({
                    "date": m.date.to_string(),
                    "starts_at": m.starts_at.map_or(Value::Null, |t| json!(crate::meeting::clock_text(t))),
                    "venue": m.venue,
                    "chair": m.chair,
                    "minutes_status": m.minutes_status.code(),
                    "attendees": m.attendees.iter().map(|a| json!({
                        "name": a.name,
                        "agency": a.agency,
                        "represents": a.represents.map_or(Value::Null, |i| json!(codes[i])),
                        "role": a.role,
                        "attendance": a.attendance.code(),
                    })).collect::<Vec<_>>(),
                    "items": m.items.iter().map(|it| json!({
                        "kind": it.kind.code(),
                        "case": it.case.map_or(Value::Null, |c| json!(d.cases[c].reference)),
                        "title": it.title,
                        "presenter": it.presenter,
                        "minutes": it.minutes,
                        "ask": it.ask,
                        "notes": it.notes,
                        "ratifies": it.ratifies.as_ref().map_or(Value::Null, |n| json!(n.to_string())),
                        "interests": it.interests.iter().map(|i| json!({
                            "attendee": m.attendees[i.attendee].name,
                            "interest": i.interest,
                            "dispensation": opt_text(&i.dispensation),
                        })).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    );
    top.insert(
        "decisions".into(),
        d.decisions
            .iter()
            .map(|x| {
                let assent: Map<String, Value> = x.assent.iter().map(|(i, a)| (codes[*i].to_string(), json!(a.code()))).collect();
                let mut v = json!({
                    "number": x.number.as_ref().map_or(Value::Null, |n| json!(n.to_string())),
                    "status": x.status.code(),
                    "meeting": x.item.map_or(Value::Null, |(m, _)| json!(d.meetings[m].date.to_string())),
                    "item": x.item.map_or(Value::Null, |(_, i)| json!(i + 1)),
                    "case": d.cases[x.case].reference,
                    "placement": x.placement.map_or(Value::Null, |p| json!(p)),
                    "decided_on": x.decided_on.to_string(),
                    "urgent": x.urgent,
                    "inquorate": x.inquorate,
                    "outcome": x.outcome.code(),
                    "subject": x.subject,
                    "paragraphs": x.paragraphs,
                    "reasons": x.reasons,
                    "alternatives": x.alternatives,
                    "conditions": x.conditions,
                    "actions": x.actions.iter().enumerate().map(|(k, a)| {
                        let mut v = json!({"action": a.action, "owner": a.owner, "due": opt_date(a.due)});
                        // An action done says when; others read as they always did.
                        if let (Some((_, on, note)), Value::Object(o)) = (x.actions_done.iter().find(|(i, _, _)| *i == k), &mut v) {
                            o.insert("done".into(), json!({"on": on.to_string(), "note": note}));
                        }
                        v
                    }).collect::<Vec<_>>(),
                    "review_date": opt_date(x.review_date),
                    "effective_from": opt_date(x.effective_from),
                    "assent": assent,
                    "amends": x.amends.and_then(|a| d.decisions[a].number.as_ref()).map_or(Value::Null, |n| json!(n.to_string())),
                    "placement_snapshot": x.snapshot.as_ref().map_or(Value::Null, |p| write_placement(p, &codes)),
                });
                // A decision that kept its financial impact says it; others read as they always did.
                if let (false, Value::Object(o)) = (x.impact.is_empty(), &mut v) {
                    o.insert("impact".into(), x.impact.iter().map(|y| {
                        let partners: Map<String, Value> = codes.iter().enumerate().map(|(k, c)| {
                            let at = |v: &[crate::money::Money]| v.get(k).copied().unwrap_or(crate::money::Money::ZERO).to_plain();
                            (c.to_string(), json!({"contribution": at(&y.contributions), "before": at(&y.before), "after": at(&y.after)}))
                        }).collect();
                        json!({"year": y.year.to_string(), "has_agreement": y.has_agreement, "partners": partners})
                    }).collect());
                }
                if let (Some(i), Value::Object(o)) = (&x.indicative, &mut v) {
                    o.insert("indicative".into(), super::ras::write_indicative(i));
                }
                v
            })
            .collect(),
    );
    // Statements only where some were issued: a file without them reads as it always did.
    if !d.statements.is_empty() {
        top.insert(
            "statements".into(),
            d.statements
                .iter()
                .map(|s| {
                    let mut v = json!({
                        "number": s.number,
                        "partner": codes.get(s.partner).copied().unwrap_or_default(),
                        "from": s.from.to_string(),
                        "to": s.to.to_string(),
                        "issued_on": s.issued_on.to_string(),
                        "total": s.total.to_plain(),
                        "lines": s.lines.iter().map(|l| {
                            let mut v = json!({
                                "year": l.year.to_string(),
                                "from": l.from.to_string(),
                                "to": l.to.to_string(),
                                "case": d.cases.get(l.case).map(|c| c.reference.as_str()).unwrap_or_default(),
                                "placement": l.placement,
                                "provider": l.provider,
                                "decisions": l.decisions,
                                "share": l.share,
                                "days": l.days,
                                "amount": l.amount.to_plain(),
                            });
                            // An adjustment says what it adjusts; other lines read as they always did.
                            if let (Some(n), Value::Object(o)) = (&l.adjusts, &mut v) {
                                o.insert("adjusts".into(), json!(n));
                                o.insert("disputes".into(), json!(l.disputes));
                            }
                            v
                        }).collect::<Vec<_>>(),
                        "payments": s.payments.iter().map(|(on, amount, reference)| json!({
                            "received_on": on.to_string(),
                            "amount": amount.to_plain(),
                            "reference": reference,
                        })).collect::<Vec<_>>(),
                    });
                    // A statement of a pooled year says where the partner's contribution stood.
                    if let (false, Value::Object(o)) = (s.pool.is_empty(), &mut v) {
                        o.insert("pool".into(), s.pool.iter().map(|x| json!({
                            "year": x.year.to_string(),
                            "on": x.on.to_string(),
                            "contribution": x.contribution.to_plain(),
                            "spend": x.spend.to_plain(),
                            "called": x.called.to_plain(),
                            "paid_in": x.paid_in.to_plain(),
                        })).collect());
                    }
                    v
                })
                .collect(),
        );
    }
    if !d.disputes.is_empty() {
        top.insert("disputes".into(), super::disputes::write_disputes(d));
    }
    if !d.pool.is_empty() {
        top.insert("pool".into(), super::pool::write_pool(d));
    }
    if !d.allocation_tables.is_empty() {
        top.insert("allocation_tables".into(), super::ras::write_tables(d));
    }
    if !d.assessments.is_empty() {
        top.insert("assessments".into(), super::ras::write_assessments(d));
    }
    let mut text = serde_json::to_string_pretty(&Value::Object(top)).unwrap_or_default();
    text.push('\n');
    text
}

fn write_placement(p: &PlacementRecord, codes: &[&str]) -> Value {
    let pl = &p.placement;
    json!({
        "provider": p.provider,
        "type": p.kind.code(),
        "start": pl.start.to_string(),
        "end": opt_date(pl.end),
        "cost_lines": pl.cost_lines.iter().map(|l| json!({
            "description": l.description,
            "per": l.per.code(),
            "amount": l.amount.to_plain(),
            "from": l.from.to_string(),
            "to": opt_date(l.to),
        })).collect::<Vec<_>>(),
        "splits": pl.splits.iter().map(|s| {
            let shares: Map<String, Value> = codes.iter().zip(&s.shares).map(|(c, p)| (c.to_string(), json!(p.to_string()))).collect();
            json!({"from": s.from.to_string(), "shares": shares})
        }).collect::<Vec<_>>(),
    })
}
