//! The records a panel keeps: cases, placements, meetings, agenda items, decisions, settings.

use chrono::NaiveDate;

use crate::cost::Placement;
use crate::year::FinancialYear;

/// Declares a closed set of codes with their text form, parsing and a list for messages.
macro_rules! codes {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "ipc", derive(serde::Serialize, specta::Type))]
        pub enum $name { $($(#[$vdoc])* #[cfg_attr(feature = "ipc", serde(rename = $code))] $variant),+ }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code used in files and the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Parses a code, or says which codes are allowed.
            pub fn parse(s: &str) -> Result<$name, String> {
                match s {
                    $($code => Ok($name::$variant),)+
                    other => Err(format!(
                        "\"{}\" is not one of {}",
                        other,
                        [$($code),+].join(", ")
                    )),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.code())
            }
        }
    };
}

codes! {
    /// The kind of provision funded.
    PlacementType {
        /// Residential children's home.
        Residential = "residential",
        /// Residential special school.
        ResidentialSchool = "residential_school",
        /// Day special school.
        DaySchool = "day_school",
        /// Independent fostering.
        Fostering = "fostering",
        /// Care package at home.
        CarePackage = "care_package",
        /// Short breaks.
        ShortBreaks = "short_breaks",
        /// Direct payment.
        DirectPayment = "direct_payment",
        /// Supported living (16–25).
        SupportedLiving = "supported_living",
        /// Anything else.
        Other = "other",
    }
}

impl Outcome {
    /// The outcome in words, for screens and records.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Approved => "Approved",
            Outcome::ApprovedWithConditions => "Approved with conditions",
            Outcome::Declined => "Declined",
            Outcome::Deferred => "Deferred",
            Outcome::Noted => "Noted",
        }
    }
}

impl MinutesStatus {
    /// The status in words, for screens and minutes (rule 16).
    pub fn label(self) -> &'static str {
        match self {
            MinutesStatus::Draft => "Draft",
            MinutesStatus::Circulated => "Circulated for amendment",
            MinutesStatus::Approved => "Approved",
            MinutesStatus::Locked => "Approved and locked",
        }
    }
}

impl ItemKind {
    /// Why an item comes, in words, for agendas and minutes.
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::NewReferral => "New referral",
            ItemKind::Review => "Review",
            ItemKind::Change => "Change of package",
            ItemKind::Ending => "Ending",
            ItemKind::Ratification => "Ratification of an urgent decision",
            ItemKind::Information => "Information",
            ItemKind::Dispute => "Dispute between partners",
        }
    }
}

impl PlacementType {
    /// The type in words, for screens and records.
    pub fn label(self) -> &'static str {
        match self {
            PlacementType::Residential => "Residential children's home",
            PlacementType::ResidentialSchool => "Residential special school",
            PlacementType::DaySchool => "Day special school",
            PlacementType::Fostering => "Independent fostering",
            PlacementType::CarePackage => "Care package at home",
            PlacementType::ShortBreaks => "Short breaks",
            PlacementType::DirectPayment => "Direct payment",
            PlacementType::SupportedLiving => "Supported living",
            PlacementType::Other => "Other",
        }
    }
}

codes! {
    /// Whether minutes are still open to change (rule 16).
    MinutesStatus {
        /// Being written.
        Draft = "draft",
        /// Sent to members for amendment.
        Circulated = "circulated",
        /// Approved at the next meeting.
        Approved = "approved",
        /// No longer changeable.
        Locked = "locked",
    }
}

codes! {
    /// Whether an attendee came.
    Attendance {
        /// Attended.
        Present = "present",
        /// Sent apologies.
        Apologies = "apologies",
    }
}

codes! {
    /// Why a case comes to the panel.
    ItemKind {
        /// A new referral.
        NewReferral = "new_referral",
        /// A review of a funded package.
        Review = "review",
        /// A change of package.
        Change = "change",
        /// A package ending.
        Ending = "ending",
        /// Ratification of an urgent decision taken between meetings (rule 15).
        Ratification = "ratification",
        /// For information.
        Information = "information",
        /// A dispute between partners brought to the panel to settle (rule 18).
        Dispute = "dispute",
    }
}

codes! {
    /// Why a partner disputes what a statement charges it (rule 18).
    DisputeReason {
        /// The split: the partner's share is wrong.
        Split = "split",
        /// The rate: the cost charged is wrong.
        Rate = "rate",
        /// No decision of record covers the spend.
        NoDecision = "no_decision",
        /// The child or the package is not eligible for the partner's funding.
        Eligibility = "eligibility",
        /// Another reason, given in the note.
        Other = "other",
    }
}

impl DisputeReason {
    /// The reason in words.
    pub fn label(self) -> &'static str {
        match self {
            DisputeReason::Split => "The split",
            DisputeReason::Rate => "The rate",
            DisputeReason::NoDecision => "No decision of record",
            DisputeReason::Eligibility => "Eligibility",
            DisputeReason::Other => "Other",
        }
    }
}

codes! {
    /// What a dispute is about: one statement line, or the split of its placement.
    DisputeScope {
        /// The line's amount.
        Line = "line",
        /// The placement's split, on every line stated to the partner.
        Split = "split",
    }
}

impl DisputeScope {
    /// What is disputed, in words.
    pub fn label(self) -> &'static str {
        match self {
            DisputeScope::Line => "The line",
            DisputeScope::Split => "The placement's split",
        }
    }
}

codes! {
    /// Where a dispute stands (rule 18).
    DisputeStatus {
        /// Held as disputed.
        Open = "open",
        /// Withdrawn by the partner.
        Withdrawn = "withdrawn",
        /// Resolved by a panel decision.
        Resolved = "resolved",
    }
}

impl DisputeStatus {
    /// Where the dispute stands, in words.
    pub fn label(self) -> &'static str {
        match self {
            DisputeStatus::Open => "Open",
            DisputeStatus::Withdrawn => "Withdrawn",
            DisputeStatus::Resolved => "Resolved",
        }
    }
}

codes! {
    /// What an auditor would ask about (rule 20).
    ExceptionKind {
        /// A placement with spend but no final decision funding it.
        NoDecision = "no_decision",
        /// A rate above what the placement's decision approved.
        AboveApproved = "above_approved",
        /// A review overdue.
        ReviewOverdue = "review_overdue",
        /// A placement ending within eight weeks with nothing on an agenda.
        EndingSoon = "ending_soon",
        /// Spend in a year with no pooled budget agreement.
        NoAgreement = "no_agreement",
        /// A funding partner whose assent is not recorded.
        NoAssent = "no_assent",
        /// An action past its due date.
        ActionOverdue = "action_overdue",
        /// A chair's action not ratified at the next meeting.
        Unratified = "unratified",
        /// A placement running past the 18th birthday.
        Turns18 = "turns_18",
    }
}

codes! {
    /// Money between a partner and the pool in a pooled year (rule 7).
    PoolKind {
        /// Part of the contribution asked for.
        Call = "call",
        /// Money paid in against the calls.
        Receipt = "receipt",
    }
}

impl PoolKind {
    /// The kind in words.
    pub fn label(self) -> &'static str {
        match self {
            PoolKind::Call => "Called",
            PoolKind::Receipt => "Received",
        }
    }
}

codes! {
    /// The panel's outcome on an item.
    Outcome {
        /// Approved.
        Approved = "approved",
        /// Approved with conditions.
        ApprovedWithConditions = "approved_with_conditions",
        /// Declined.
        Declined = "declined",
        /// Deferred.
        Deferred = "deferred",
        /// Noted.
        Noted = "noted",
    }
}

codes! {
    /// Whether a decision can still change (rule 9).
    DecisionStatus {
        /// Still being written.
        Draft = "draft",
        /// Numbered and locked.
        Final = "final",
    }
}

codes! {
    /// A funding partner's answer to a funding decision (rule 14).
    Assent {
        /// Agrees.
        Agree = "agree",
        /// Disagrees.
        Disagree = "disagree",
    }
}

codes! {
    /// When a meeting is quorate (rule 12).
    QuorumRule {
        /// Every funding partner represented.
        AllPartners = "all_partners",
    }
}

/// The panel's own settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The authority, e.g. `Northshire County Council`.
    pub authority: String,
    /// The panel's name.
    pub panel_name: String,
    /// Decision number prefix, e.g. `CNP` in `CNP/21-22/0007`.
    pub decision_prefix: String,
    /// Months from a decision to its first review.
    pub first_review_months: u32,
    /// Months between later reviews.
    pub review_months: u32,
    /// Notice before a reduction takes effect, in months (rule 10).
    pub notice_months: u32,
    /// When a meeting is quorate.
    pub quorum: QuorumRule,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            authority: "Local authority".to_string(),
            panel_name: "Complex Needs Panel".to_string(),
            decision_prefix: "CNP".to_string(),
            first_review_months: 6,
            review_months: 6,
            notice_months: 3,
            quorum: QuorumRule::AllPartners,
        }
    }
}

/// A placement with what identifies it to people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlacementRecord {
    /// Provider's name.
    pub provider: String,
    /// Kind of provision.
    pub kind: PlacementType,
    /// Dates, cost lines and splits.
    pub placement: Placement,
}

/// A child or young person, identified by reference and initials only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    /// Case reference, unique, e.g. `CN-0001`.
    pub reference: String,
    /// Initials, e.g. `A.B.`.
    pub initials: String,
    /// Date of birth, if recorded.
    pub date_of_birth: Option<NaiveDate>,
    /// A short summary of needs.
    pub needs: String,
    /// What is funded.
    pub placements: Vec<PlacementRecord>,
}

/// Someone at a meeting or sending apologies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attendee {
    /// Name.
    pub name: String,
    /// Agency, e.g. `Virtual School`.
    pub agency: String,
    /// Index of the funding partner represented, if any.
    pub represents: Option<usize>,
    /// Role.
    pub role: String,
    /// Present or apologies.
    pub attendance: Attendance,
}

/// An interest declared on an item (rule 13).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interest {
    /// Index of the attendee in the meeting.
    pub attendee: usize,
    /// The interest.
    pub interest: String,
    /// Any dispensation granted.
    pub dispensation: Option<String>,
}

/// A case brought to a meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaItem {
    /// Why it comes.
    pub kind: ItemKind,
    /// Index of the case, if about one.
    pub case: Option<usize>,
    /// Title.
    pub title: String,
    /// Presenting officer.
    pub presenter: String,
    /// Minutes allowed.
    pub minutes: u32,
    /// What is asked of the panel.
    pub ask: String,
    /// Minutes of the discussion.
    pub notes: String,
    /// Interests declared.
    pub interests: Vec<Interest>,
    /// For a ratification item, the number of the chair's action it brings (rule 15).
    pub ratifies: Option<DecisionNumber>,
}

/// One sitting of the panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    /// Date; one meeting a day.
    pub date: NaiveDate,
    /// When it starts, if known.
    pub starts_at: Option<chrono::NaiveTime>,
    /// Where.
    pub venue: String,
    /// Who chairs.
    pub chair: String,
    /// Minutes status.
    pub minutes_status: MinutesStatus,
    /// Attendees and apologies.
    pub attendees: Vec<Attendee>,
    /// Agenda, in order.
    pub items: Vec<AgendaItem>,
}

/// An action arising from a decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    /// What is to be done.
    pub action: String,
    /// Who does it.
    pub owner: String,
    /// By when.
    pub due: Option<NaiveDate>,
}

/// A decision number `PREFIX/yy-yy/nnnn` (rule 8).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DecisionNumber {
    /// Prefix, e.g. `CNP`.
    pub prefix: String,
    /// Financial year.
    pub year: FinancialYear,
    /// Sequence within the year, from 1.
    pub seq: u32,
}

impl std::fmt::Display for DecisionNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}/{}/{:04}",
            self.prefix,
            self.year.short_label(),
            self.seq
        )
    }
}

impl DecisionNumber {
    /// Parses `CNP/21-22/0007`.
    pub fn parse(s: &str) -> Option<DecisionNumber> {
        let mut parts = s.split('/');
        let (prefix, year, seq) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || !valid_prefix(prefix) || seq.len() < 4 {
            return None;
        }
        let (a, b) = year.split_once('-')?;
        if a.len() != 2 || b.len() != 2 {
            return None;
        }
        let a: i32 = a.parse().ok()?;
        let b: i32 = b.parse().ok()?;
        if (a + 1) % 100 != b || !seq.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        // Two-digit years: 1990–2089 is the window the application lives in.
        let start = if a >= 90 { 1900 + a } else { 2000 + a };
        let seq: u32 = seq.parse().ok()?;
        if seq == 0 {
            return None;
        }
        Some(DecisionNumber {
            prefix: prefix.to_string(),
            year: FinancialYear::starting(start)?,
            seq,
        })
    }
}

/// Whether `p` can prefix decision numbers: 1–10 letters, digits or hyphens.
pub fn valid_prefix(p: &str) -> bool {
    !p.is_empty() && p.len() <= 10 && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// A decision of the panel (or of the chair between meetings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The number, once final.
    pub number: Option<DecisionNumber>,
    /// Draft or final.
    pub status: DecisionStatus,
    /// Index of the meeting and of the item in it, when decided at a meeting.
    pub item: Option<(usize, usize)>,
    /// Index of the case.
    pub case: usize,
    /// Index of the placement within the case, when about one.
    pub placement: Option<usize>,
    /// Date decided.
    pub decided_on: NaiveDate,
    /// Taken by the chair between meetings (rule 15).
    pub urgent: bool,
    /// Recorded at an inquorate meeting (rule 12).
    pub inquorate: bool,
    /// Outcome.
    pub outcome: Outcome,
    /// Subject.
    pub subject: String,
    /// The decision, as lettered paragraphs.
    pub paragraphs: Vec<String>,
    /// Reasons.
    pub reasons: String,
    /// Alternatives considered and rejected.
    pub alternatives: String,
    /// Conditions.
    pub conditions: Vec<String>,
    /// Actions.
    pub actions: Vec<Action>,
    /// Review date.
    pub review_date: Option<NaiveDate>,
    /// The date a reduction takes effect (rule 10).
    pub effective_from: Option<NaiveDate>,
    /// Each funding partner's assent (partner index, answer).
    pub assent: Vec<(usize, Assent)>,
    /// The decision this one amends (index in the dataset).
    pub amends: Option<usize>,
    /// For a final decision about a placement, the placement as it stood when the decision
    /// was finalised: its record is costed from this, so a reprint never changes.
    pub snapshot: Option<PlacementRecord>,
    /// For a final decision, what it did to the pool when it was finalised (its year and the
    /// next), if that was kept.
    pub impact: Vec<crate::impact::YearImpact>,
    /// For a final decision, the indicative budget set beside its package when it was
    /// finalised, if the case had an assessment then.
    pub indicative: Option<crate::ras::Indicative>,
    /// For a final decision, the actions done since: each action's index, the day it was done
    /// and what was said.
    pub actions_done: Vec<(usize, NaiveDate, String)>,
}

/// The finance settings: when disputes escalate, who pays providers, how long a statement
/// usually runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinanceSettings {
    /// Days an open dispute runs before it is escalated (rule 18), 1 to 365.
    pub escalation_days: u32,
    /// The code of the partner that pays providers and invoices the others, if one does.
    pub lead_partner: Option<String>,
    /// Months a statement usually covers: 1 (monthly) or 3 (quarterly).
    pub statement_months: u32,
    /// The uplift assumed for next year's costs (a decision's impact, next year committed):
    /// 0% by default, at most 100%.
    pub uplift: crate::split::Percent,
}

impl Default for FinanceSettings {
    fn default() -> FinanceSettings {
        FinanceSettings {
            escalation_days: 28,
            lead_partner: None,
            statement_months: 1,
            uplift: crate::split::Percent::ZERO,
        }
    }
}

/// An item of an agenda.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaEntry {
    /// Row id.
    pub id: i64,
    /// Why it comes.
    pub kind: ItemKind,
    /// The case's reference and initials, when about one.
    pub case: Option<(String, String)>,
    /// Title.
    pub title: String,
    /// Presenting officer.
    pub presenter: String,
    /// Minutes allowed.
    pub minutes: u32,
    /// What is asked.
    pub ask: String,
    /// For a ratification item, the chair's action it brings: its id and number.
    pub ratifies: Option<(i64, String)>,
}

/// An interest declared on an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InterestEntry {
    /// Row id.
    pub id: i64,
    /// The attendee's row id.
    pub attendee_id: i64,
    /// Their name.
    pub name: String,
    /// Their agency.
    pub agency: String,
    /// The interest.
    pub interest: String,
    /// Any dispensation granted.
    pub dispensation: Option<String>,
}
