//! What crosses the IPC boundary. Money is a decimal string, dates ISO `YYYY-MM-DD`.

pub use panel_app::settings::{
    AgreementDto, AgreementInput, FinanceInput, PartnerAliasesInput, PartnerDto, PartnerInput,
    SettingsDto, SettingsInput, partner_dtos,
};
use panel_core::Per;
use panel_core::model::{DecisionStatus, ItemKind, MinutesStatus, Outcome, PlacementType};
use serde::{Deserialize, Serialize};
use specta::Type;

/// A code with its label in words, as the screens show it.
#[derive(Clone, Debug, Serialize, Type)]
pub struct Choice<T> {
    /// The code.
    pub value: T,
    /// In words.
    pub label: String,
}

/// An outcome with its label and what follows from it.
#[derive(Clone, Debug, Serialize, Type)]
pub struct OutcomeChoice {
    /// The code.
    pub value: Outcome,
    /// In words.
    pub label: String,
    /// Whether it funds a placement (rule 14: partners' assent; rule 11: a review date).
    pub funds: bool,
}

/// Every closed list of codes the screens offer or show, with their labels, in order: the
/// one source of them (the front end keeps no copy).
#[derive(Clone, Debug, Serialize, Type)]
pub struct Vocabulary {
    /// Placement types.
    pub placement_types: Vec<Choice<PlacementType>>,
    /// Why an agenda item comes.
    pub item_kinds: Vec<Choice<ItemKind>>,
    /// The units of a cost line.
    pub units: Vec<Choice<Per>>,
    /// Decision outcomes.
    pub outcomes: Vec<OutcomeChoice>,
    /// Why a partner disputes a statement (rule 18).
    pub dispute_reasons: Vec<Choice<panel_core::model::DisputeReason>>,
    /// The steps of the minutes, in order (rule 16).
    pub minutes_statuses: Vec<Choice<MinutesStatus>>,
    /// The letters of a decision's paragraphs in order, `a` to `zz` (702 of them), as the
    /// record letters them.
    pub paragraph_letters: Vec<String>,
}

/// About the running application and its database.
#[derive(Clone, Debug, Serialize, Type)]
pub struct AppInfo {
    /// The database file.
    pub db_path: String,
    /// Who this session's changes are recorded against.
    pub user: String,
    /// Whether the database is encrypted.
    pub encrypted: bool,
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

/// A line of the meetings list.
#[derive(Clone, Debug, Serialize, Type)]
pub struct MeetingRow {
    /// Row id.
    pub id: i32,
    /// ISO date.
    pub date: String,
    /// Start time (`hh:mm`), if set.
    pub starts_at: Option<String>,
    /// Venue.
    pub venue: String,
    /// Chair.
    pub chair: String,
    /// Where the minutes stand (rule 16).
    pub minutes_status: MinutesStatus,
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
    /// Start time as typed (`hh:mm`), or empty for none.
    pub starts_at: String,
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
    /// Why the item comes.
    pub kind: ItemKind,
    /// The case, when about one.
    pub case: Option<CaseRef>,
    /// Title.
    pub title: String,
    /// Presenting officer.
    pub presenter: String,
    /// Minutes allowed.
    pub minutes: u32,
    /// When it starts: a clock time (`10:15`) from the meeting's start time, else a time from
    /// the opening (`+0:15`).
    pub from: String,
    /// When it ends, likewise.
    pub to: String,
    /// What is asked of the panel.
    pub ask: String,
    /// For a ratification item, the number of the chair's action it brings.
    pub ratifies: Option<String>,
}

/// A review due, a placement ending or a chair's action to ratify, offered for the agenda.
#[derive(Clone, Debug, Serialize, Type)]
pub struct AgendaOfferDto {
    /// `review`, `ending` or `ratification`.
    pub kind: ItemKind,
    /// The case.
    pub case: CaseRef,
    /// Provider (for a chair's action, of its placement if it names one).
    pub provider: String,
    /// ISO date the review falls due, the placement ends or the chair's action was taken.
    pub date: String,
    /// For a chair's action: its number.
    pub number: Option<String>,
    /// For a chair's action: its subject.
    pub subject: Option<String>,
    /// For an exception that needs the panel: its kind's code and label, and what is wrong.
    pub exception: Option<(String, String, String)>,
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
    /// For a ratification item, the number of the chair's action; otherwise empty.
    pub ratifies: String,
}

/// A line of the case list.
#[derive(Clone, Debug, Serialize, Type)]
pub struct CaseRow {
    /// Row id.
    pub id: i32,
    /// Reference.
    pub reference: String,
    /// Initials.
    pub initials: String,
    /// ISO date of birth, if recorded.
    pub date_of_birth: Option<String>,
    /// Age today, if the date of birth is recorded.
    pub age: Option<i32>,
    /// Placements in force today.
    pub active: u32,
    /// Their weekly cost today, e.g. `£4,500.00`.
    pub weekly: String,
    /// ISO date of the next review of a current or future placement.
    pub next_review: Option<String>,
    /// A placement in force or to come, or none yet: the case list shows these first.
    pub current: bool,
}

/// A cost line as stored and as shown: amounts plain (`4500.00`) for the form.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct CostLineForm {
    /// What it is for.
    pub description: String,
    /// `week`, `day`, `year` or `once`.
    pub per: String,
    /// Amount, plain decimal or as typed.
    pub amount: String,
    /// From (dd/mm/yyyy in forms; ISO from the store).
    pub from: String,
    /// To, empty when open.
    pub to: String,
}

/// A split as stored and as typed: percentages per partner in partner order.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct SplitForm {
    /// In force from.
    pub from: String,
    /// One percentage per partner.
    pub shares: Vec<String>,
}

/// A placement's fields, as the entry form holds them.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct PlacementForm {
    /// Provider.
    pub provider: String,
    /// Type code.
    pub kind: String,
    /// Start.
    pub start: String,
    /// End, empty when open-ended.
    pub end: String,
    /// Cost lines.
    pub lines: Vec<CostLineForm>,
    /// Splits in date order.
    pub splits: Vec<SplitForm>,
}

/// One partner's part of a cost.
#[derive(Clone, Debug, Serialize, Type)]
pub struct PartnerAmount {
    /// Partner code.
    pub code: String,
    /// Partner name.
    pub name: String,
    /// Percentage, e.g. `34.00`.
    pub percent: String,
    /// Amount, e.g. `£2,448.00`.
    pub amount: String,
    /// The share the amount was shared by, in words: `34% share`, or each split of the year
    /// in turn (`0% share, 30% from 01/03/2031`) when it changes within the year.
    pub share: String,
}

/// The cost of a placement as the preview shows it; every figure computed by the core rules.
#[derive(Clone, Debug, Serialize, Type)]
pub struct CostPreviewDto {
    /// ISO date the figures are for.
    pub day: String,
    /// Weekly equivalent on that day.
    pub weekly: String,
    /// Financial year label, e.g. `2026/27`.
    pub year: String,
    /// Cost in that year.
    pub this_year: String,
    /// Each partner's part of it.
    pub this_year_shares: Vec<PartnerAmount>,
    /// Cost of a full year at the day's rates.
    pub full_year: String,
    /// Each partner's part of it.
    pub full_year_shares: Vec<PartnerAmount>,
    /// Cost lines paid together (allowed, worth a second look), one sentence each.
    pub warnings: Vec<String>,
    /// What the weekly figure is, in a line.
    pub weekly_note: String,
    /// What the year's figure is, in a line.
    pub this_year_note: String,
    /// What the full year's figure is, and why it differs from the year's, in a line.
    pub full_year_note: String,
    /// Why two partners with equal shares have amounts a penny apart, when they do.
    pub penny_note: Option<String>,
}

/// A placement on the case screen.
#[derive(Clone, Debug, Serialize, Type)]
pub struct PlacementDto {
    /// Row id.
    pub id: i32,
    /// Its fields, dates ISO, amounts plain.
    pub form: PlacementForm,
    /// Type in words.
    pub kind_label: String,
    /// Whether it covers today.
    pub current: bool,
    /// ISO date of its next review.
    pub next_review: String,
    /// Its cost as of today.
    pub preview: CostPreviewDto,
    /// The child's 18th birthday (ISO), when the placement runs past it (rule 19).
    pub past_eighteen: Option<String>,
}

/// A line of a decision history.
#[derive(Clone, Debug, Serialize, Type)]
pub struct DecisionRow {
    /// Row id.
    pub id: i32,
    /// Number, once final.
    pub number: Option<String>,
    /// Draft or final.
    pub status: DecisionStatus,
    /// ISO date decided.
    pub decided_on: String,
    /// The outcome.
    pub outcome: Outcome,
    /// Subject.
    pub subject: String,
    /// The meeting's row id, if decided at one.
    pub meeting_id: Option<i32>,
    /// The number of the decision it amends.
    pub amends: Option<String>,
    /// Chair's action between meetings.
    pub urgent: bool,
    /// For a chair's action, the meeting whose agenda brings it for ratification: row id.
    pub ratification_meeting: Option<i32>,
    /// That meeting's ISO date.
    pub ratification_date: Option<String>,
    /// Whether it can be amended: final and the latest of its chain (rule 9).
    pub amendable: bool,
}

/// A case with everything the case screen shows.
#[derive(Clone, Debug, Serialize, Type)]
pub struct CaseDto {
    /// Row id.
    pub id: i32,
    /// Reference.
    pub reference: String,
    /// Initials.
    pub initials: String,
    /// ISO date of birth.
    pub date_of_birth: Option<String>,
    /// Age today.
    pub age: Option<i32>,
    /// Needs summary.
    pub needs: String,
    /// Placements.
    pub placements: Vec<PlacementDto>,
    /// Decisions, newest first.
    pub decisions: Vec<DecisionRow>,
    /// ISO date of the next review due, if any current or future placement.
    pub next_review: Option<String>,
    /// Growing up (rule 19): the milestones from the date of birth, when it is recorded.
    pub milestones: Vec<MilestoneDto>,
}

/// A growing-up milestone of a case (rule 19).
#[derive(Clone, Debug, Serialize, Type)]
pub struct MilestoneDto {
    /// The day (ISO).
    pub on: String,
    /// What it is.
    pub what: String,
    /// Whether it has passed.
    pub passed: bool,
}

/// A case as typed.
#[derive(Clone, Debug, Deserialize, Type)]
pub struct CaseInput {
    /// Reference.
    pub reference: String,
    /// Initials.
    pub initials: String,
    /// Date of birth, may be empty.
    pub date_of_birth: String,
    /// Needs summary.
    pub needs: String,
}

/// The split a new placement is offered, and where it comes from.
#[derive(Clone, Debug, Serialize, Type)]
pub struct DefaultSplitDto {
    /// One percentage per partner.
    pub shares: Vec<String>,
    /// In words, e.g. `the 2026/27 pooled budget contributions`.
    pub source: String,
}

/// An action of a decision.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct ActionForm {
    /// What is to be done.
    pub action: String,
    /// Who does it.
    pub owner: String,
    /// By when (dd/mm/yyyy typed, ISO stored), may be empty.
    pub due: String,
}

/// A decision's fields, as the minutes form holds them.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct DecisionForm {
    /// Outcome code.
    pub outcome: String,
    /// Subject.
    pub subject: String,
    /// Lettered paragraphs.
    pub paragraphs: Vec<String>,
    /// Reasons.
    pub reasons: String,
    /// Alternatives considered and rejected.
    pub alternatives: String,
    /// Conditions.
    pub conditions: Vec<String>,
    /// Actions.
    pub actions: Vec<ActionForm>,
    /// Review date.
    pub review_date: String,
    /// Whether it lowers the package's cost (rule 10).
    pub reduction: bool,
    /// When the lower cost starts.
    pub effective_from: String,
    /// Per partner in order: `agree`, `disagree` or empty.
    pub assents: Vec<String>,
}

/// A decision on the minutes screen.
#[derive(Clone, Debug, Serialize, Type)]
pub struct DecisionDto {
    /// Row id.
    pub id: i32,
    /// Number, once final.
    pub number: Option<String>,
    /// Draft or final.
    pub status: DecisionStatus,
    /// ISO date.
    pub decided_on: String,
    /// The placement it is about.
    pub placement_id: Option<i32>,
    /// Its content, dates ISO.
    pub form: DecisionForm,
    /// The number of the decision it amends.
    pub amends: Option<String>,
    /// Numbers of decisions amending it (`draft` for an open one).
    pub amended_by: Vec<String>,
}

/// An interest declared on an item.
#[derive(Clone, Debug, Serialize, Type)]
pub struct InterestDto {
    /// Row id.
    pub id: i32,
    /// Attendee's row id.
    pub attendee_id: i32,
    /// Their name.
    pub name: String,
    /// Their agency.
    pub agency: String,
    /// The interest.
    pub interest: String,
    /// The dispensation, if any.
    pub dispensation: Option<String>,
}

/// An interest as typed.
#[derive(Clone, Debug, Deserialize, Type)]
pub struct InterestInput {
    /// The attendee's row id, as chosen.
    pub attendee_id: String,
    /// The interest.
    pub interest: String,
    /// The dispensation, may be empty.
    pub dispensation: String,
}

/// Everything the chair's screen needs for one agenda item.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ItemWorkspace {
    /// The item.
    pub item: AgendaItemDto,
    /// The meeting, with quorum.
    pub meeting: MeetingDto,
    /// Whether the minutes can still change (draft or circulated).
    pub editable: bool,
    /// The case, with placements and costs.
    pub case: Option<CaseDto>,
    /// Decisions on the item, oldest first.
    pub decisions: Vec<DecisionDto>,
    /// Interests declared on the item.
    pub interests: Vec<InterestDto>,
    /// ISO review date a new decision defaults to.
    pub default_review: String,
    /// ISO earliest date a reduction can take effect (rule 10).
    pub earliest_reduction: String,
    /// Notice period in months.
    pub notice_months: u32,
    /// The ids of the items before and after this one on the agenda.
    pub previous_item: Option<i32>,
    /// The next item.
    pub next_item: Option<i32>,
    /// For a ratification item, the chair's action it brings.
    pub ratifies: Option<DecisionDto>,
}

/// Everything the screen for recording a chair's action on a case shows (rule 15).
#[derive(Clone, Debug, Serialize, Type)]
pub struct ChairActionWorkspace {
    /// The case, with its placements costed today.
    pub case: CaseDto,
    /// The case's open draft chair's action, if one.
    pub draft: Option<DecisionDto>,
    /// ISO date today: the default date of the action.
    pub today: String,
    /// ISO review date a new action defaults to.
    pub default_review: String,
    /// ISO earliest date a reduction decided today can take effect (rule 10).
    pub earliest_reduction: String,
    /// Notice period in months.
    pub notice_months: u32,
}
