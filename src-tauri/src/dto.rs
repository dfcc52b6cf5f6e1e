//! What crosses the IPC boundary. Money is a decimal string, dates ISO `YYYY-MM-DD`.

use serde::{Deserialize, Serialize};
use specta::Type;

/// About the running application and its database.
#[derive(Clone, Debug, Serialize, Type)]
pub struct AppInfo {
    /// The database file.
    pub db_path: String,
    /// The authority.
    pub authority: String,
    /// The panel's name.
    pub panel_name: String,
    /// Whether the database holds nothing yet (first start: offer the demo).
    pub empty: bool,
    /// Today, ISO.
    pub today: String,
    /// Funding partners, in partner order.
    pub partners: Vec<PartnerDto>,
}

/// A funding partner.
#[derive(Clone, Debug, Serialize, Type)]
pub struct PartnerDto {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
}

/// A line of the meetings list.
#[derive(Clone, Debug, Serialize, Type)]
pub struct MeetingRow {
    /// Row id.
    pub id: i32,
    /// ISO date.
    pub date: String,
    /// Venue.
    pub venue: String,
    /// Chair.
    pub chair: String,
    /// `draft`, `circulated`, `approved` or `locked`.
    pub minutes_status: String,
    /// Agenda items.
    pub items: u32,
    /// Quorate as attendance stands.
    pub quorate: bool,
}

/// A new meeting as typed.
#[derive(Clone, Debug, Deserialize, Type)]
pub struct NewMeetingInput {
    /// Date as typed (dd/mm/yyyy).
    pub date: String,
    /// Venue.
    pub venue: String,
    /// Chair.
    pub chair: String,
}

/// A partner and whether someone present represents it.
#[derive(Clone, Debug, Serialize, Type)]
pub struct PartnerPresence {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Represented by someone present.
    pub represented: bool,
}

/// An attendee.
#[derive(Clone, Debug, Serialize, Type)]
pub struct AttendeeDto {
    /// Row id.
    pub id: i32,
    /// Name.
    pub name: String,
    /// Agency.
    pub agency: String,
    /// Code of the partner represented, if any.
    pub represents: Option<String>,
    /// Role.
    pub role: String,
    /// `present` or `apologies`.
    pub attendance: String,
}

/// A meeting with attendance and quorum.
#[derive(Clone, Debug, Serialize, Type)]
pub struct MeetingDto {
    /// The list line.
    pub meeting: MeetingRow,
    /// Partners and whether each is represented.
    pub partners: Vec<PartnerPresence>,
    /// Attendees and apologies.
    pub attendees: Vec<AttendeeDto>,
}

/// An attendee as typed.
#[derive(Clone, Debug, Deserialize, Type)]
pub struct AttendeeInput {
    /// Name.
    pub name: String,
    /// Agency.
    pub agency: String,
    /// Code of the partner represented, or none.
    pub represents: Option<String>,
    /// Role.
    pub role: String,
    /// `present` or `apologies`.
    pub attendance: String,
}

/// A case as chosen from a list: reference and initials only.
#[derive(Clone, Debug, Serialize, Type)]
pub struct CaseRef {
    /// Reference.
    pub reference: String,
    /// Initials.
    pub initials: String,
}

/// An item of a meeting's agenda.
#[derive(Clone, Debug, Serialize, Type)]
pub struct AgendaItemDto {
    /// Row id.
    pub id: i32,
    /// `new_referral`, `review`, `change`, `ending`, `ratification` or `information`.
    pub kind: String,
    /// The case, when about one.
    pub case: Option<CaseRef>,
    /// Title.
    pub title: String,
    /// Presenting officer.
    pub presenter: String,
    /// Minutes allowed.
    pub minutes: u32,
    /// What is asked of the panel.
    pub ask: String,
}

/// A review due or a placement ending, offered for the agenda.
#[derive(Clone, Debug, Serialize, Type)]
pub struct AgendaOfferDto {
    /// `review` or `ending`.
    pub kind: String,
    /// The case.
    pub case: CaseRef,
    /// Provider.
    pub provider: String,
    /// ISO date the review falls due or the placement ends.
    pub date: String,
}

/// An agenda item as typed.
#[derive(Clone, Debug, Deserialize, Type)]
pub struct AgendaItemInput {
    /// Kind code.
    pub kind: String,
    /// Case reference, or empty.
    pub case: String,
    /// Title.
    pub title: String,
    /// Presenting officer.
    pub presenter: String,
    /// Minutes, as typed.
    pub minutes: String,
    /// What is asked.
    pub ask: String,
}
