//! Meetings: what a person types to create one or record attendance, and quorum (rule 12).

use chrono::{NaiveDate, NaiveTime, Timelike};

use crate::field::{FieldError, number_input, parse_date_input, text_input};
use crate::model::{Attendance, Attendee};

/// A meeting as entered, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMeeting {
    /// The date.
    pub date: NaiveDate,
    /// When it starts, if known: the agenda's items then have clock times.
    pub starts_at: Option<NaiveTime>,
    /// Where.
    pub venue: String,
    /// Who chairs.
    pub chair: String,
}

/// Validates a new meeting's fields with no start time; every problem is returned, each with
/// its field.
pub fn new_meeting(date: &str, venue: &str, chair: &str) -> Result<NewMeeting, Vec<FieldError>> {
    meeting_fields(date, "", venue, chair)
}

/// Validates a meeting's fields as typed, the start time (`10:00`, `9:30`, or empty for none)
/// among them; every problem is returned, each with its field.
pub fn meeting_fields(
    date: &str,
    starts_at: &str,
    venue: &str,
    chair: &str,
) -> Result<NewMeeting, Vec<FieldError>> {
    let date = parse_date_input("date", "Date", date);
    let starts_at = parse_time_input("starts_at", "Start time", starts_at);
    let venue = text_input("venue", "Venue", venue, false, crate::text::limit::NAME);
    let chair = text_input("chair", "Chair", chair, true, 120);
    match (date, starts_at, venue, chair) {
        (Ok(date), Ok(starts_at), Ok(venue), Ok(chair)) => Ok(NewMeeting {
            date,
            starts_at,
            venue,
            chair,
        }),
        (d, t, v, c) => Err([d.err(), t.err(), v.err(), c.err()]
            .into_iter()
            .flatten()
            .collect()),
    }
}

/// A time of day as typed on the 24-hour clock (`14:30`, `9:05`, `09.05`), or nothing.
pub fn parse_time_input(
    field: &str,
    label: &str,
    input: &str,
) -> Result<Option<NaiveTime>, FieldError> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    parse_clock(text).map(Some).ok_or_else(|| {
        FieldError::labelled(
            field,
            label,
            format!("\"{text}\" is not a time (type it on the 24-hour clock as hh:mm, e.g. 10:00 or 14:30)"),
        )
    })
}

/// `hh:mm` (or `h:mm`, or with a dot) on the 24-hour clock.
pub fn parse_clock(text: &str) -> Option<NaiveTime> {
    let (h, m) = text.split_once([':', '.'])?;
    let digits = |s: &str, max_len: usize| {
        !s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(h, 2) || m.len() != 2 || !digits(m, 2) {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// A time of day as the app writes it and the file keeps it: `09:30`.
pub fn clock_text(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// When each item of an agenda starts and ends, from the lengths of the items in order: clock
/// times (`10:15`) from the meeting's start time, or, with none, times from the opening of the
/// meeting (`+0:15`). A meeting running past midnight goes on from `00:00`.
pub fn timetable(starts_at: Option<NaiveTime>, lengths: &[u32]) -> Vec<(String, String)> {
    let at = |offset: u32| match starts_at {
        Some(t) => clock_text(t + chrono::Duration::minutes(i64::from(offset))),
        None => format!("+{}:{:02}", offset / 60, offset % 60),
    };
    let mut elapsed = 0;
    lengths
        .iter()
        .map(|&len| {
            let slot = (at(elapsed), at(elapsed + len));
            elapsed += len;
            slot
        })
        .collect()
}

/// Validates an attendee's fields. `represents` is the index of a funding partner, already
/// checked by the caller against the partners there are.
pub fn new_attendee(
    name: &str,
    agency: &str,
    represents: Option<usize>,
    role: &str,
    attendance: &str,
) -> Result<Attendee, Vec<FieldError>> {
    let name = text_input("name", "Name", name, true, 120);
    let agency = text_input("agency", "Agency", agency, true, 120);
    let role = text_input("role", "Role", role, false, crate::text::limit::NAME);
    let attendance = Attendance::parse(attendance)
        .map_err(|_| FieldError::new("attendance", "Choose present or apologies"));
    match (name, agency, role, attendance) {
        (Ok(name), Ok(agency), Ok(role), Ok(attendance)) => Ok(Attendee {
            name,
            agency,
            represents,
            role,
            attendance,
        }),
        (n, a, r, t) => Err([n.err(), a.err(), r.err(), t.err()]
            .into_iter()
            .flatten()
            .collect()),
    }
}

/// Whether a meeting is quorate, and which partners are represented by someone present.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quorum {
    /// Every funding partner is represented by someone present.
    pub quorate: bool,
    /// For each partner, in partner order, whether someone present represents it.
    pub represented: Vec<bool>,
}

/// Rule 12: a meeting is quorate when every funding partner is represented by an attendee
/// who is present. A panel with no partners is never quorate: nothing could be funded.
pub fn quorum(partners: usize, attendees: &[Attendee]) -> Quorum {
    let mut represented = vec![false; partners];
    for a in attendees
        .iter()
        .filter(|a| a.attendance == Attendance::Present)
    {
        if let Some(slot) = a.represents.and_then(|p| represented.get_mut(p)) {
            *slot = true;
        }
    }
    Quorum {
        quorate: partners > 0 && represented.iter().all(|&r| r),
        represented,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attendee(represents: Option<usize>, attendance: Attendance) -> Attendee {
        Attendee {
            name: "x".into(),
            agency: "y".into(),
            represents,
            role: String::new(),
            attendance,
        }
    }

    #[test]
    fn uk_dates() {
        let d = |s| parse_date_input("date", "Date", s);
        assert_eq!(d("23/11/2026").unwrap().to_string(), "2026-11-23");
        assert_eq!(d("1/4/2026").unwrap().to_string(), "2026-04-01");
        assert_eq!(d("01/04/26").unwrap().to_string(), "2026-04-01");
        assert_eq!(d("2026-04-01").unwrap().to_string(), "2026-04-01");
        assert_eq!(d("").unwrap_err().message, "Date is required");
        for bad in [
            "31/02/2026",
            "2026/04/01",
            "1.4.2026",
            "13/13/2026",
            "tomorrow",
            "1/4/026",
        ] {
            let e = d(bad).unwrap_err();
            assert_eq!(e.field, "date");
            assert!(e.message.contains("is not a date"), "{bad}: {}", e.message);
        }
    }

    #[test]
    fn start_times_are_read_on_the_24_hour_clock() {
        let t = |s: &str| parse_time_input("starts_at", "Start time", s);
        let hm = |h, m| Some(NaiveTime::from_hms_opt(h, m, 0).unwrap());
        assert_eq!(t("10:00").unwrap(), hm(10, 0));
        assert_eq!(t(" 9:05 ").unwrap(), hm(9, 5));
        assert_eq!(t("09.30").unwrap(), hm(9, 30));
        assert_eq!(t("23:59").unwrap(), hm(23, 59));
        assert_eq!(t("").unwrap(), None);
        for bad in [
            "24:00", "10:60", "10", "10:5", "1000", "10:00am", "-1:00", "100:00", "ten",
        ] {
            let e = t(bad).unwrap_err();
            assert_eq!(e.field, "starts_at");
            assert!(
                e.message.starts_with("Start time: "),
                "{bad}: {}",
                e.message
            );
            assert!(e.message.contains("is not a time"), "{bad}: {}", e.message);
        }
        assert_eq!(clock_text(hm(9, 5).unwrap()), "09:05");
    }

    #[test]
    fn the_timetable_runs_from_the_start_time_or_the_opening() {
        let start = NaiveTime::from_hms_opt(9, 30, 0);
        let slots = |s| timetable(s, &[15, 45, 0, 10]);
        let pairs = |v: Vec<(String, String)>| {
            v.into_iter()
                .map(|(a, b)| format!("{a}-{b}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            pairs(slots(start)),
            ["09:30-09:45", "09:45-10:30", "10:30-10:30", "10:30-10:40"]
        );
        assert_eq!(
            pairs(slots(None)),
            ["+0:00-+0:15", "+0:15-+1:00", "+1:00-+1:00", "+1:00-+1:10"]
        );
        let late = NaiveTime::from_hms_opt(23, 50, 0);
        assert_eq!(pairs(timetable(late, &[20])), ["23:50-00:10"]);
        assert!(timetable(start, &[]).is_empty());
    }

    #[test]
    fn new_meeting_names_every_bad_field() {
        let errs = meeting_fields("30/02/2027", "25:00", "", "  ").unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["date", "starts_at", "chair"]);
        let m = meeting_fields("12/12/2026", "14:00", "", "Helen Ward").unwrap();
        assert_eq!(m.starts_at, NaiveTime::from_hms_opt(14, 0, 0));
        let errs = new_meeting("30/02/2027", "", "  ").unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["date", "chair"]);
        let m = new_meeting("12/12/2026", " County Hall ", "Helen Ward").unwrap();
        assert_eq!(
            (m.venue.as_str(), m.chair.as_str()),
            ("County Hall", "Helen Ward")
        );
    }

    #[test]
    fn quorate_only_when_every_partner_is_represented_by_someone_present() {
        let present = Attendance::Present;
        let all = [
            attendee(Some(0), present),
            attendee(Some(1), present),
            attendee(Some(2), present),
            attendee(None, present),
        ];
        assert!(quorum(3, &all).quorate);
        let apologies = [
            attendee(Some(0), present),
            attendee(Some(1), present),
            attendee(Some(2), Attendance::Apologies),
        ];
        let q = quorum(3, &apologies);
        assert!(!q.quorate);
        assert_eq!(q.represented, [true, true, false]);
        assert!(!quorum(3, &[]).quorate);
        assert!(!quorum(0, &[]).quorate);
    }
}

/// An agenda item as entered, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAgendaItem {
    /// Why it comes.
    pub kind: crate::model::ItemKind,
    /// The case's reference, when about one.
    pub case: Option<String>,
    /// Title.
    pub title: String,
    /// Presenting officer.
    pub presenter: String,
    /// Minutes allowed.
    pub minutes: u32,
    /// What is asked of the panel.
    pub ask: String,
    /// For a ratification item, the number of the chair's action it brings (rule 15).
    pub ratifies: Option<crate::model::DecisionNumber>,
}

/// Validates an agenda item's fields. Every kind but information is about a case; a
/// ratification item names the chair's action it brings, and no other kind names one.
pub fn new_agenda_item(
    kind: &str,
    case: &str,
    title: &str,
    presenter: &str,
    minutes: &str,
    ask: &str,
    ratifies: &str,
) -> Result<NewAgendaItem, Vec<FieldError>> {
    use crate::model::ItemKind;
    let kind =
        ItemKind::parse(kind).map_err(|_| FieldError::new("kind", "Choose what the item is"));
    let case =
        text_input("case", "Case", case, false, 32).and_then(|c| match (&kind, c.is_empty()) {
            (Ok(k), true) if *k != ItemKind::Information => Err(FieldError::new(
                "case",
                "Choose the case this item is about",
            )),
            (_, true) => Ok(None),
            (_, false) => Ok(Some(c)),
        });
    let title = text_input("title", "Title", title, true, crate::text::limit::NAME);
    let presenter = text_input("presenter", "Presenting officer", presenter, false, 120);
    let minutes = match minutes.trim() {
        "" => Ok(15),
        m => number_input("minutes", "Length (minutes)", m, "minutes", 1, 480),
    };
    let ask = text_input("ask", "What is asked of the panel", ask, false, 2000);
    let ratifies = match (ratifies.trim(), &kind) {
        ("", Ok(ItemKind::Ratification)) => Err(FieldError::new(
            "ratifies",
            "Give the number of the chair's action to be ratified",
        )),
        ("", _) => Ok(None),
        (n, Ok(ItemKind::Ratification)) => crate::model::DecisionNumber::parse(n)
            .map(Some)
            .ok_or_else(|| {
                FieldError::new(
                    "ratifies",
                    format!("\"{n}\" is not a decision number (like CNP/30-31/0004)"),
                )
            }),
        (_, _) => Err(FieldError::new(
            "ratifies",
            "Only a ratification item names a chair's action",
        )),
    };
    match (kind, case, title, presenter, minutes, ask, ratifies) {
        (Ok(kind), Ok(case), Ok(title), Ok(presenter), Ok(minutes), Ok(ask), Ok(ratifies)) => {
            Ok(NewAgendaItem {
                kind,
                case,
                title,
                presenter,
                minutes,
                ask,
                ratifies,
            })
        }
        (k, c, t, p, m, a, r) => Err([
            k.err(),
            c.err(),
            t.err(),
            p.err(),
            m.err(),
            a.err(),
            r.err(),
        ]
        .into_iter()
        .flatten()
        .collect()),
    }
}

#[cfg(test)]
mod agenda_tests {
    use super::*;

    #[test]
    fn agenda_items_are_validated_field_by_field() {
        let item = new_agenda_item(
            "review",
            "CN-0001",
            "Six-monthly review",
            "A. Shah",
            "",
            "Confirm funding",
            "",
        )
        .unwrap();
        assert_eq!((item.minutes, item.case.as_deref()), (15, Some("CN-0001")));
        let errs = new_agenda_item("review", "", " ", "", "ninety", "", "").unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["case", "title", "minutes"]);
        assert!(
            new_agenda_item("information", "", "Budget update", "", "10", "", "")
                .unwrap()
                .case
                .is_none()
        );
        assert_eq!(
            new_agenda_item("party", "", "x", "", "", "", "").unwrap_err()[0].field,
            "kind"
        );
        assert_eq!(
            new_agenda_item("review", "CN-1", "x", "", "481", "", "").unwrap_err()[0].field,
            "minutes"
        );
    }

    #[test]
    fn a_ratification_names_the_chairs_action_and_nothing_else_does() {
        let ratify = |kind: &str, n: &str| new_agenda_item(kind, "CN-1", "x", "", "", "", n);
        let item = ratify("ratification", " CNP/30-31/0004 ").unwrap();
        assert_eq!(
            item.ratifies.map(|n| n.to_string()).as_deref(),
            Some("CNP/30-31/0004")
        );
        for (kind, n, message) in [
            ("ratification", "", "Give the number"),
            ("ratification", "CNP/30-32/0004", "is not a decision number"),
            ("review", "CNP/30-31/0004", "Only a ratification item"),
        ] {
            let errs = ratify(kind, n).unwrap_err();
            assert_eq!(errs[0].field, "ratifies");
            assert!(errs[0].message.contains(message), "{}", errs[0].message);
        }
        assert!(ratify("review", "").unwrap().ratifies.is_none());
    }
}
