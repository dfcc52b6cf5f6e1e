//! A meeting: its attendance, agenda items and the interests declared on them.

use std::collections::HashMap;

use serde_json::Value;

use crate::model::*;

use super::walker::at;
use super::*;

impl Reader {
    pub(super) fn meeting(
        &mut self,
        v: &Value,
        path: &str,
        codes: &HashMap<String, usize>,
        refs: &HashMap<String, usize>,
    ) -> Option<Meeting> {
        let m = self.object(
            v,
            path,
            &[
                "date",
                "starts_at",
                "venue",
                "chair",
                "minutes_status",
                "attendees",
                "items",
            ],
        )?;
        let date = self.date(m, path, "date");
        let starts_at = match self.opt_string(m, path, "starts_at") {
            Ok(None) => Some(None),
            Ok(Some(s)) => match crate::meeting::parse_clock(&s) {
                Some(t) if crate::meeting::clock_text(t) == s => Some(Some(t)),
                _ => {
                    self.problem(
                        &at(path, "starts_at"),
                        format!("\"{s}\" is not a time (expected hh:mm on the 24-hour clock)"),
                    );
                    None
                }
            },
            Err(()) => None,
        };
        let venue = self.free_text(m, path, "venue");
        let chair = self.text(m, path, "chair");
        let status = self.code(m, path, "minutes_status", MinutesStatus::parse);
        let mut ok = true;
        let mut attendees = Vec::new();
        let mut names: HashMap<String, usize> = HashMap::new();
        for (i, a) in self.array(m, path, "attendees", false).iter().enumerate() {
            let p = format!("{path}.attendees[{i}]");
            let Some(am) = self.object(
                a,
                &p,
                &["name", "agency", "represents", "role", "attendance"],
            ) else {
                ok = false;
                continue;
            };
            let name = self.text(am, &p, "name");
            let agency = self.text(am, &p, "agency");
            let represents = match self.opt_string(am, &p, "represents") {
                Ok(Some(code)) => self
                    .partner_ref(&at(&p, "represents"), &code, codes)
                    .map(Some),
                Ok(None) => Some(None),
                Err(()) => None,
            };
            let role = self.free_text(am, &p, "role");
            let attendance = self.code(am, &p, "attendance", Attendance::parse);
            match (name, agency, represents, attendance) {
                (Some(name), Some(agency), Some(represents), Some(attendance)) => {
                    if let Some(k) = names.insert(crate::text::identity(&name), i) {
                        self.problem(
                            &at(&p, "name"),
                            format!("\"{name}\" is listed twice (as attendees[{k}] too): a person attends once"),
                        );
                        ok = false;
                    }
                    attendees.push(Attendee {
                        name,
                        agency,
                        represents,
                        role,
                        attendance,
                    });
                }
                _ => ok = false,
            }
        }
        let mut items = Vec::new();
        for (i, it) in self.array(m, path, "items", false).iter().enumerate() {
            let p = format!("{path}.items[{i}]");
            let Some(im) = self.object(
                it,
                &p,
                &[
                    "kind",
                    "case",
                    "title",
                    "presenter",
                    "minutes",
                    "ask",
                    "notes",
                    "interests",
                    "ratifies",
                ],
            ) else {
                ok = false;
                continue;
            };
            let kind = self.code(im, &p, "kind", ItemKind::parse);
            let case = match self.opt_string(im, &p, "case") {
                Ok(Some(r)) => match refs.get(&r) {
                    Some(&c) => Some(Some(c)),
                    None => {
                        self.problem(
                            &at(&p, "case"),
                            format!("\"{r}\" is not a case in this file"),
                        );
                        None
                    }
                },
                Ok(None) => Some(None),
                Err(()) => None,
            };
            let title = self.text(im, &p, "title");
            let presenter = self.free_text(im, &p, "presenter");
            let minutes = self.whole_number(im, &p, "minutes", 480);
            let ask = self.free_text(im, &p, "ask");
            let notes = self.free_text(im, &p, "notes");
            let ratifies = match (self.opt_string(im, &p, "ratifies"), kind) {
                (Err(()), _) => None,
                (Ok(None), Some(ItemKind::Ratification)) => {
                    self.problem(
                        &at(&p, "ratifies"),
                        "a ratification item names the chair's action it brings",
                    );
                    None
                }
                (Ok(None), _) => Some(None),
                (Ok(Some(n)), Some(ItemKind::Ratification)) => match DecisionNumber::parse(&n) {
                    Some(n) => Some(Some(n)),
                    None => {
                        self.problem(
                            &at(&p, "ratifies"),
                            format!("\"{n}\" is not a decision number"),
                        );
                        None
                    }
                },
                (Ok(Some(_)), _) => {
                    self.problem(
                        &at(&p, "ratifies"),
                        "only a ratification item names a chair's action",
                    );
                    None
                }
            };
            let mut interests = Vec::new();
            for (k, int) in self.array(im, &p, "interests", false).iter().enumerate() {
                let ip = format!("{p}.interests[{k}]");
                let Some(intm) = self.object(int, &ip, &["attendee", "interest", "dispensation"])
                else {
                    ok = false;
                    continue;
                };
                let who = self.text(intm, &ip, "attendee").and_then(|n| {
                    match names.get(&crate::text::identity(&n)) {
                        Some(&a) => Some(a),
                        None => {
                            self.problem(
                                &at(&ip, "attendee"),
                                format!("\"{n}\" is not an attendee of this meeting"),
                            );
                            None
                        }
                    }
                });
                let interest = self.text(intm, &ip, "interest");
                let dispensation = self.opt_string(intm, &ip, "dispensation");
                match (who, interest, dispensation) {
                    (Some(attendee), Some(interest), Ok(dispensation)) => {
                        interests.push(Interest {
                            attendee,
                            interest,
                            dispensation,
                        })
                    }
                    _ => ok = false,
                }
            }
            match (kind, case, title, minutes, ratifies) {
                (Some(kind), Some(case), Some(title), Some(minutes), Some(ratifies)) => {
                    items.push(AgendaItem {
                        kind,
                        case,
                        title,
                        presenter,
                        minutes,
                        ask,
                        notes,
                        interests,
                        ratifies,
                    })
                }
                _ => ok = false,
            }
        }
        if !ok {
            return None;
        }
        Some(Meeting {
            date: date?,
            starts_at: starts_at?,
            venue,
            chair: chair?,
            minutes_status: status?,
            attendees,
            items,
        })
    }
}
