//! The commands the front end calls. Each only turns its input into calls on the store and
//! the core rules, and their answers into data for the screen.

use std::sync::Mutex;

use panel_core::model::Attendance;
use panel_core::{
    field::FieldError,
    meeting::{meeting_fields, new_attendee},
};
use panel_store::{MeetingSummary, Store};
use tauri::State;

use crate::dto::*;
use crate::error::{AppError, ErrorCode};

/// The database: where it is, and the store once unlocked.
pub struct AppState {
    /// The database file.
    pub db_path: std::path::PathBuf,
    /// Why no database file could be named, if none could.
    pub path_error: Option<String>,
    /// The store, while unlocked.
    pub store: Mutex<Option<Store>>,
}

impl AppState {
    /// The store's slot, for unlocking and locking.
    pub(crate) fn slot(&self) -> Result<std::sync::MutexGuard<'_, Option<Store>>, AppError> {
        if let Some(e) = &self.path_error {
            return Err(AppError::new(ErrorCode::NoDatabase, e.clone()));
        }
        self.store.lock().map_err(|_| {
            AppError::new(
                ErrorCode::Storage,
                "the database is unavailable after an earlier failure; restart the application",
            )
        })
    }

    pub(crate) fn with<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut guard = self.slot()?;
        let store = guard.as_mut().ok_or_else(|| {
            AppError::new(
                ErrorCode::Locked,
                "The database is locked: unlock it with its passphrase",
            )
        })?;
        f(store)
    }
}

/// A row id as the front end holds it (row ids stay far below 2^31).
pub(crate) fn to_id(id: i64) -> Result<i32, AppError> {
    Ok(panel_app::to_id(id)?)
}

pub(crate) fn row(m: MeetingSummary) -> Result<MeetingRow, AppError> {
    Ok(MeetingRow {
        id: to_id(m.id)?,
        date: m.date.to_string(),
        starts_at: m.starts_at.map(panel_core::meeting::clock_text),
        venue: m.venue,
        chair: m.chair,
        minutes_status: m.minutes_status,
        items: u32::try_from(m.items).unwrap_or(u32::MAX),
        quorate: m.quorate,
    })
}

/// A meeting with its attendance and quorum, for the screen.
pub(crate) fn meeting_dto(s: &Store, id: i32) -> Result<MeetingDto, AppError> {
    let partners = s.partners()?;
    let detail = s.meeting(i64::from(id))?;
    Ok(MeetingDto {
        partners: partners
            .iter()
            .zip(&detail.quorum.represented)
            .map(|(p, &represented)| PartnerPresence {
                code: p.code.clone(),
                name: p.name.clone(),
                represented,
            })
            .collect(),
        attendees: detail
            .attendees
            .into_iter()
            .map(|(id, a)| {
                Ok(AttendeeDto {
                    id: to_id(id)?,
                    name: a.name,
                    agency: a.agency,
                    represents: a
                        .represents
                        .and_then(|i| partners.get(i))
                        .map(|p| p.code.clone()),
                    role: a.role,
                    attendance: a.attendance.code().to_string(),
                })
            })
            .collect::<Result<_, AppError>>()?,
        meeting: row(detail.summary)?,
    })
}

/// A meeting's agenda for the screen, each item with its times.
pub(crate) fn agenda_dtos(s: &Store, meeting_id: i64) -> Result<Vec<AgendaItemDto>, AppError> {
    let starts_at = s.meeting(meeting_id)?.summary.starts_at;
    let agenda = s.agenda(meeting_id)?;
    let lengths: Vec<u32> = agenda.iter().map(|i| i.minutes).collect();
    agenda
        .into_iter()
        .zip(panel_core::meeting::timetable(starts_at, &lengths))
        .map(|(i, slot)| agenda_dto(i, slot))
        .collect()
}

/// An agenda item for the screen, with its start and end.
fn agenda_dto(
    i: panel_store::AgendaEntry,
    (from, to): (String, String),
) -> Result<AgendaItemDto, AppError> {
    Ok(AgendaItemDto {
        from,
        to,
        id: to_id(i.id)?,
        kind: i.kind,
        case: i.case.map(|(reference, initials)| CaseRef {
            reference,
            initials,
        }),
        title: i.title,
        presenter: i.presenter,
        minutes: i.minutes,
        ask: i.ask,
        ratifies: i.ratifies.map(|(_, n)| n),
    })
}

/// The application, its database and its partners.
#[tauri::command]
#[specta::specta]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, AppError> {
    let db_path = state.db_path.display().to_string();
    state.with(|s| {
        let settings = s.settings()?;
        Ok(AppInfo {
            db_path,
            user: s.actor().to_string(),
            encrypted: s.is_encrypted(),
            authority: settings.authority,
            panel_name: settings.panel_name,
            empty: s.is_empty()?,
            today: crate::cases::today().to_string(),
            partners: panel_app::settings::partners(s)?,
        })
    })
}

/// How many paragraph letters the screens are given: a to zz.
const PARAGRAPH_LETTERS: usize = 26 + 26 * 26;

/// Every closed list of codes, with labels, for the screens' choices and captions.
#[tauri::command]
#[specta::specta]
pub fn vocabulary() -> Vocabulary {
    use panel_core::model::{ItemKind, MinutesStatus, Outcome, PlacementType};
    fn choices<T: Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> Vec<Choice<T>> {
        all.iter()
            .map(|&value| Choice {
                value,
                label: label(value).to_string(),
            })
            .collect()
    }
    Vocabulary {
        placement_types: choices(PlacementType::ALL, PlacementType::label),
        item_kinds: choices(ItemKind::ALL, ItemKind::label),
        units: choices(panel_core::Per::ALL, |p| match p {
            // On a form the unit reads after the amount's box: "one-off" says what it is.
            panel_core::Per::Once => "one-off",
            other => other.label(),
        }),
        outcomes: Outcome::ALL
            .iter()
            .map(|&value| OutcomeChoice {
                value,
                label: value.label().to_string(),
                funds: panel_core::decision::funds(value),
            })
            .collect(),
        dispute_reasons: choices(
            panel_core::model::DisputeReason::ALL,
            panel_core::model::DisputeReason::label,
        ),
        minutes_statuses: choices(MinutesStatus::ALL, MinutesStatus::label),
        paragraph_letters: (0..PARAGRAPH_LETTERS)
            .map(panel_core::decision::paragraph_letter)
            .collect(),
    }
}

/// Fills an empty database with demo data.
#[tauri::command]
#[specta::specta]
pub fn load_demo(state: State<'_, AppState>) -> Result<(), AppError> {
    state.with(|s| {
        panel_app::load_demo(s, &crate::cases::clock())?;
        Ok(())
    })
}

/// Every meeting, newest first.
#[tauri::command]
#[specta::specta]
pub fn list_meetings(state: State<'_, AppState>) -> Result<Vec<MeetingRow>, AppError> {
    state.with(|s| s.meetings()?.into_iter().map(row).collect())
}

/// Creates a meeting from what was typed; returns its id.
#[tauri::command]
#[specta::specta]
pub fn create_meeting(state: State<'_, AppState>, input: NewMeetingInput) -> Result<i32, AppError> {
    let m = meeting_fields(&input.date, &input.starts_at, &input.venue, &input.chair)
        .map_err(AppError::fields)?;
    state.with(|s| to_id(s.create_meeting(&m)?))
}

/// Changes a meeting's date, start time, venue or chair until its minutes are approved.
#[tauri::command]
#[specta::specta]
pub fn update_meeting(
    state: State<'_, AppState>,
    id: i32,
    input: NewMeetingInput,
) -> Result<MeetingDto, AppError> {
    let m = meeting_fields(&input.date, &input.starts_at, &input.venue, &input.chair)
        .map_err(AppError::fields)?;
    state.with(|s| {
        s.update_meeting(i64::from(id), &m)?;
        meeting_dto(s, id)
    })
}

/// A meeting with its attendance and quorum.
#[tauri::command]
#[specta::specta]
pub fn get_meeting(state: State<'_, AppState>, id: i32) -> Result<MeetingDto, AppError> {
    state.with(|s| meeting_dto(s, id))
}

/// Adds an attendee (or apologies); returns the attendee's id.
#[tauri::command]
#[specta::specta]
pub fn add_attendee(
    state: State<'_, AppState>,
    meeting_id: i32,
    input: AttendeeInput,
) -> Result<i32, AppError> {
    state.with(|s| {
        let partners = s.partners()?;
        let represents =
            match input.represents.as_deref().filter(|c| !c.is_empty()) {
                None => None,
                Some(code) => Some(partners.iter().position(|p| p.code == code).ok_or_else(
                    || {
                        AppError::fields(vec![FieldError::new(
                            "represents",
                            format!("\"{code}\" is not a funding partner"),
                        )])
                    },
                )?),
            };
        let a = new_attendee(
            &input.name,
            &input.agency,
            represents,
            &input.role,
            &input.attendance,
        )
        .map_err(AppError::fields)?;
        to_id(s.add_attendee(i64::from(meeting_id), &a)?)
    })
}

/// Marks an attendee present or sending apologies.
#[tauri::command]
#[specta::specta]
pub fn set_attendance(
    state: State<'_, AppState>,
    attendee_id: i32,
    attendance: String,
) -> Result<(), AppError> {
    let attendance = Attendance::parse(&attendance).map_err(|_| {
        AppError::fields(vec![FieldError::new(
            "attendance",
            "Choose present or apologies",
        )])
    })?;
    state.with(|s| Ok(s.set_attendance(i64::from(attendee_id), attendance)?))
}

/// Removes an attendee.
#[tauri::command]
#[specta::specta]
pub fn remove_attendee(state: State<'_, AppState>, attendee_id: i32) -> Result<(), AppError> {
    state.with(|s| Ok(s.remove_attendee(i64::from(attendee_id))?))
}

/// A meeting's agenda, in order.
#[tauri::command]
#[specta::specta]
pub fn get_agenda(
    state: State<'_, AppState>,
    meeting_id: i32,
) -> Result<Vec<AgendaItemDto>, AppError> {
    state.with(|s| agenda_dtos(s, i64::from(meeting_id)))
}

/// The reviews due and placements ending that a meeting's agenda is offered (rule 11).
#[tauri::command]
#[specta::specta]
pub fn agenda_offers(
    state: State<'_, AppState>,
    meeting_id: i32,
) -> Result<Vec<AgendaOfferDto>, AppError> {
    state.with(|s| {
        Ok(s.agenda_offers(i64::from(meeting_id))?
            .into_iter()
            .map(|o| AgendaOfferDto {
                kind: o.kind,
                case: CaseRef {
                    reference: o.case,
                    initials: o.initials,
                },
                provider: o.provider,
                date: o.date.to_string(),
                number: o.decision.as_ref().map(|(n, _)| n.clone()),
                subject: o.decision.map(|(_, s)| s),
                exception: o
                    .exception
                    .map(|(k, why)| (k.code().to_string(), k.label().to_string(), why)),
            })
            .collect())
    })
}

/// An agenda item as typed, checked by the core's rules (field by field when refused).
fn agenda_item(input: &AgendaItemInput) -> Result<panel_core::meeting::NewAgendaItem, AppError> {
    panel_core::meeting::new_agenda_item(
        &input.kind,
        &input.case,
        &input.title,
        &input.presenter,
        &input.minutes,
        &input.ask,
        &input.ratifies,
    )
    .map_err(AppError::fields)
}

/// Adds an item to the end of a meeting's agenda; returns its id.
#[tauri::command]
#[specta::specta]
pub fn add_agenda_item(
    state: State<'_, AppState>,
    meeting_id: i32,
    input: AgendaItemInput,
) -> Result<i32, AppError> {
    let item = agenda_item(&input)?;
    state.with(|s| to_id(s.add_agenda_item(i64::from(meeting_id), &item)?))
}

/// Changes an agenda item (its kind, case and chair's action only while nothing is decided on
/// it), until the meeting's minutes are approved.
#[tauri::command]
#[specta::specta]
pub fn update_agenda_item(
    state: State<'_, AppState>,
    item_id: i32,
    input: AgendaItemInput,
) -> Result<(), AppError> {
    let item = agenda_item(&input)?;
    state.with(|s| Ok(s.update_agenda_item(i64::from(item_id), &item)?))
}

/// Moves an agenda item up or down one place.
#[tauri::command]
#[specta::specta]
pub fn move_agenda_item(
    state: State<'_, AppState>,
    item_id: i32,
    up: bool,
) -> Result<(), AppError> {
    state.with(|s| Ok(s.move_agenda_item(i64::from(item_id), up)?))
}

/// Removes an agenda item on which nothing has been decided.
#[tauri::command]
#[specta::specta]
pub fn remove_agenda_item(state: State<'_, AppState>, item_id: i32) -> Result<(), AppError> {
    state.with(|s| Ok(s.remove_agenda_item(i64::from(item_id))?))
}
