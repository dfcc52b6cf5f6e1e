//! Generated data: the demo a new user starts with, and larger datasets for benchmarks.
//! Deterministic: the same date and size always give the same data.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::cost::{CostLine, Per, Placement, SplitPeriod};
use crate::dataset::*;
use crate::model::*;
use crate::money::Money;
use crate::spend::{Agreement, Partner, RiskShare};
use crate::split::Percent;
use crate::year::FinancialYear;

/// A small, fast, deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % ((hi - lo + 1) as u64)) as i64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn pct(s: &[u32]) -> Vec<Percent> {
    s.iter()
        .map(|&bp| Percent::from_basis_points(bp).unwrap_or(Percent::ZERO))
        .collect()
}

fn partners() -> Vec<Partner> {
    [
        ("SC", "Social care"),
        ("ED", "Education (High Needs Block)"),
        ("HE", "Health (ICB)"),
    ]
    .iter()
    .map(|(c, n)| Partner {
        code: c.to_string(),
        name: n.to_string(),
        aliases: Vec::new(),
    })
    .collect()
}

/// The seed's pool: £7,200,000 a year as 34% / 33% / 33%.
fn seed_agreement(year: FinancialYear) -> Agreement {
    Agreement {
        year,
        risk_share: RiskShare::Contributions,
        contributions: vec![
            Money::from_pounds(2_448_000),
            Money::from_pounds(2_376_000),
            Money::from_pounds(2_376_000),
        ],
    }
}

const SPLITS: &[[u32; 3]] = &[
    [3400, 3300, 3300],
    [3400, 3300, 3300],
    [5000, 2500, 2500],
    [4000, 3000, 3000],
    [6000, 4000, 0],
    [5000, 0, 5000],
    [3334, 3333, 3333],
    [4500, 4500, 1000],
];

const PROVIDERS: &[(&str, PlacementType)] = &[
    ("Oakfield House", PlacementType::Residential),
    ("Beacon View Children's Home", PlacementType::Residential),
    ("Hollybank School", PlacementType::ResidentialSchool),
    ("Larchwood College", PlacementType::ResidentialSchool),
    ("Meadowside Specialist School", PlacementType::DaySchool),
    ("Brightpath Fostering", PlacementType::Fostering),
    ("Kestrel Care at Home", PlacementType::CarePackage),
    ("Willow Short Breaks", PlacementType::ShortBreaks),
    ("Riverside Supported Living", PlacementType::SupportedLiving),
    ("Harbour Lodge", PlacementType::Residential),
];

const NEEDS: &[&str] = &[
    "Autism and severe learning disability; behaviour that challenges; needs 2:1 support in the community.",
    "Complex health needs (epilepsy, PEG feeding); 24-hour waking care.",
    "Social, emotional and mental health needs; history of placement breakdown.",
    "Profound and multiple learning disabilities; specialist residential education.",
    "Sensory impairment with learning disability; requires specialist communication support.",
];

/// The first 1 April on or after `d`.
fn next_april(d: NaiveDate) -> NaiveDate {
    let fy = FinancialYear::containing(d);
    if d == fy.start() {
        d
    } else {
        fy.next().start()
    }
}

/// A placement from `start` to `end` at `weekly` per week, uplifted by 2–5% each 1 April
/// (each uplift a new cost line), with the given split, maybe a second split from a review.
fn placement_with_uplifts(
    rng: &mut Rng,
    start: NaiveDate,
    end: Option<NaiveDate>,
    weekly: i64,
    horizon: NaiveDate,
) -> (Vec<CostLine>, Vec<SplitPeriod>) {
    let mut lines = Vec::new();
    let mut from = start;
    let mut rate = weekly;
    let last = end.unwrap_or(horizon);
    loop {
        let april = next_april(from + Days::new(1));
        // The last rate runs to the placement's end; the others to the day before 1 April.
        let to = (april <= last).then(|| april - Days::new(1));
        lines.push(CostLine {
            description: if lines.is_empty() {
                "Weekly fee".into()
            } else {
                format!("Weekly fee ({} uplift)", FinancialYear::containing(from))
            },
            per: Per::Week,
            amount: Money::from_pence(rate),
            from,
            to,
        });
        if to.is_none() {
            break;
        }
        rate = (rate * rng.range(10_200, 10_500) / 10_000) / 100 * 100;
        from = april;
    }
    let first = *rng.pick(SPLITS);
    let mut splits = vec![SplitPeriod {
        from: start,
        shares: pct(&first),
    }];
    let span = (last - start).num_days();
    if span > 200 && rng.chance(30) {
        let changed = start + Days::new(rng.range(90, span - 30) as u64);
        let second = *rng.pick(SPLITS);
        if second != first {
            splits.push(SplitPeriod {
                from: changed,
                shares: pct(&second),
            });
        }
    }
    (lines, splits)
}

fn initials(rng: &mut Rng) -> String {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPRSTW";
    format!(
        "{}.{}.",
        *rng.pick(LETTERS) as char,
        *rng.pick(LETTERS) as char
    )
}

/// The second Thursday of the month `d` falls in: the panel's day.
fn panel_day(d: NaiveDate) -> NaiveDate {
    let first = d.with_day(1).unwrap_or(d);
    let first_thu = first
        + Days::new(
            ((7 + Weekday::Thu.num_days_from_monday() as i64
                - first.weekday().num_days_from_monday() as i64)
                % 7) as u64,
        );
    first_thu + Days::new(7)
}

/// The panel's next meeting after `today` (today's own, if the panel has not yet met today's
/// month), and its meetings before that from the month before `earliest`, oldest first.
fn schedule(today: NaiveDate, earliest: NaiveDate) -> (Vec<NaiveDate>, NaiveDate) {
    let this_month = panel_day(today);
    let next = if this_month > today {
        this_month
    } else {
        panel_day(today.checked_add_months(Months::new(1)).unwrap_or(today))
    };
    let mut past = Vec::new();
    let mut k = 1;
    while let Some(day) = next.checked_sub_months(Months::new(k)).map(panel_day) {
        past.push(day);
        if day < earliest {
            break;
        }
        k += 1;
    }
    past.reverse();
    (past, next)
}

/// The cases that show, one each, what an auditor would ask about and what the next meeting
/// is to take up: by index among the cases.
struct Examples {
    /// A short-breaks placement begun since the last meeting, not yet to the panel: spend with
    /// no decision.
    no_decision: usize,
    /// An emergency placement agreed by the chair between meetings, for ratification.
    chair: usize,
    /// A new referral on the next meeting's agenda, to start after it.
    referral: usize,
    /// A placement ending within eight weeks that is on no agenda.
    ending: usize,
    /// A placement whose provider raised its fee after the panel approved it.
    raised: usize,
}

impl Examples {
    /// Whether the meetings' usual course leaves the case alone (its decisions are made by
    /// hand, or it has none yet).
    fn apart(&self, case: usize) -> bool {
        [self.no_decision, self.chair, self.referral].contains(&case)
    }
}

/// A case of the examples: one placement from `start` at `weekly` pounds a week.
#[allow(clippy::too_many_arguments)]
fn example_case(
    rng: &mut Rng,
    cases: &mut Vec<Case>,
    provider: usize,
    start: NaiveDate,
    end: Option<NaiveDate>,
    weekly: i64,
    dob: Option<NaiveDate>,
    horizon: NaiveDate,
) -> usize {
    let (provider, kind) = PROVIDERS[provider];
    let (cost_lines, splits) = placement_with_uplifts(rng, start, end, weekly * 100, horizon);
    push_case(
        rng,
        cases,
        dob,
        PlacementRecord {
            provider: provider.to_string(),
            kind,
            placement: Placement {
                start,
                end,
                cost_lines,
                splits,
            },
        },
    )
}

/// A case with the next reference, initials and needs drawn, and its one placement; its index.
fn push_case(
    rng: &mut Rng,
    cases: &mut Vec<Case>,
    date_of_birth: Option<NaiveDate>,
    placement: PlacementRecord,
) -> usize {
    let n = cases.len() + 1;
    cases.push(Case {
        reference: format!("CN-{n:04}"),
        initials: initials(rng),
        date_of_birth,
        needs: rng.pick(NEEDS).to_string(),
        placements: vec![placement],
    });
    n - 1
}

/// Demo data as of `today`: a well-run panel. The seed's £7.2m pool split 34/33/33, about 30
/// children placed at a time at an average near £4,721 a week, with uplifts, split changes
/// and placements ending; a meeting every month since the first of them was placed, at which
/// each placement was approved before it began, reviewed at six months and then yearly, and
/// its ending noted; the actions done. The next meeting is quorate, with a new referral and
/// the endings due on its agenda, and a handful of things to bring to it: the reviews falling
/// due, a chair's action to ratify, and one of each of what an auditor would ask about (a
/// placement begun with no decision, a fee raised above the rate approved, a review deferred,
/// an action overdue, a placement ending soon on no agenda, a young person turning 18).
pub fn demo(today: NaiveDate) -> Dataset {
    let mut rng = Rng(0xC0FF_EE00_2021);
    let current = FinancialYear::containing(today);
    let first_year = FinancialYear::starting(current.start_year() - 3).unwrap_or(current);
    let history_start = first_year.start();
    let horizon = current.next().end();
    let mut cases = Vec::new();
    // Weekly fees in the first year averaging about £4,300; uplifts carry the average to
    // about £4,700 by the current year, as in the seed's figures.
    let add_case = |rng: &mut Rng, start: NaiveDate, cases: &mut Vec<Case>| {
        let (provider, kind) = *rng.pick(PROVIDERS);
        let years_on = (start.year() - history_start.year()).max(0) as i64;
        let weekly = rng.range(2_600, 6_200) * 100 * (100 + 3 * years_on) / 100;
        let length_days = rng.range(300, 1_100);
        let end = start + Days::new(length_days as u64);
        let end = if end > today && rng.chance(55) {
            None
        } else {
            Some(end)
        };
        let (mut lines, splits) = placement_with_uplifts(rng, start, end, weekly, horizon);
        if rng.chance(25) {
            lines.push(CostLine {
                description: "1:1 support".into(),
                per: Per::Day,
                amount: Money::from_pounds(rng.range(90, 240)),
                from: start,
                to: Some(
                    (start + Days::new(rng.range(60, 240) as u64)).min(end.unwrap_or(horizon)),
                ),
            });
        }
        if rng.chance(20) {
            lines.push(CostLine {
                description: "Transition and assessment".into(),
                per: Per::Once,
                amount: Money::from_pounds(rng.range(15, 60) * 100),
                from: start,
                to: None,
            });
        }
        let age = rng.range(6, 17);
        let dob = NaiveDate::from_ymd_opt(
            start.year() - age as i32,
            rng.range(1, 12) as u32,
            rng.range(1, 28) as u32,
        );
        push_case(
            rng,
            cases,
            dob,
            PlacementRecord {
                provider: provider.to_string(),
                kind,
                placement: Placement {
                    start,
                    end,
                    cost_lines: lines,
                    splits,
                },
            },
        );
    };
    // Those already placed when the history begins.
    for _ in 0..30 {
        let start = history_start - Days::new(rng.range(30, 700) as u64);
        add_case(&mut rng, start, &mut cases);
    }
    // New placements: about 15 a year keeps about 30 placed at a time.
    let mut day = history_start;
    while day <= today {
        day = day + Days::new(rng.range(10, 40) as u64);
        if day <= today {
            add_case(&mut rng, day, &mut cases);
        }
    }
    // A well-run panel plans for adulthood: a child still placed is not 18 before the
    // placement's end (or, open-ended, the forecast's reach). One young person below is.
    for case in &mut cases {
        let p = &case.placements[0].placement;
        if p.end.is_some_and(|e| e < today) {
            continue;
        }
        let last = p.end.unwrap_or(horizon);
        if let Some(dob) = case.date_of_birth
            && crate::exceptions::birthday(dob, 18).is_some_and(|b| b <= last)
        {
            case.date_of_birth =
                NaiveDate::from_ymd_opt(last.year() - 17, dob.month(), dob.day().min(28));
        }
    }

    let earliest = cases
        .iter()
        .map(|c| c.placements[0].placement.start)
        .min()
        .unwrap_or(history_start);
    let (past, next) = schedule(today, earliest);
    let last_met = past.last().copied().unwrap_or(today);
    let mut xr = Rng(0xE8A3_F1E5_2026);
    let mut example = |provider, start, end, weekly, dob| {
        example_case(
            &mut xr, &mut cases, provider, start, end, weekly, dob, horizon,
        )
    };
    let since = |days: u64| (last_met + Days::new(days)).min(today);
    // A young person of 17 whose placement runs past the 18th birthday: the panel's course
    // takes it, and the exceptions flag it.
    example(
        8,
        today - Days::new(300),
        None,
        3_900,
        (today + Days::new(100)).checked_sub_months(Months::new(12 * 18)),
    );
    let examples = Examples {
        no_decision: example(7, since(3).max(today - Days::new(9)), None, 1_450, None),
        chair: example(
            1,
            since(1).max(today - Days::new(16)),
            None,
            6_850,
            today.checked_sub_months(Months::new(12 * 11)),
        ),
        referral: example(
            2,
            next + Days::new(25),
            None,
            5_300,
            today.checked_sub_months(Months::new(12 * 12)),
        ),
        ending: example(
            5,
            today - Days::new(480),
            Some(today + Days::new(45)),
            1_200,
            today.checked_sub_months(Months::new(12 * 9)),
        ),
        raised: example(
            0,
            today - Days::new(105),
            None,
            4_650,
            today.checked_sub_months(Months::new(12 * 14)),
        ),
    };

    let (meetings, decisions) = demo_meetings(&mut rng, today, &past, next, &mut cases, &examples);
    // The pool from the year the first child was placed: the seed's £7.2m for the last four
    // years, and in the years before, as the panel grew, what those years' placements came to,
    // to the £100,000.
    let partners = partners();
    let all: Vec<Placement> = cases
        .iter()
        .flat_map(|c| &c.placements)
        .map(|p| p.placement.clone())
        .collect();
    let agreements: Vec<Agreement> = (FinancialYear::containing(earliest).start_year()
        ..=current.start_year())
        .filter_map(FinancialYear::starting)
        .map(|year| {
            if year.start_year() >= first_year.start_year() {
                return seed_agreement(year);
            }
            let spend = crate::spend::spend_report(year, year.end(), &partners, None, &all);
            let hundreds = (spend.projected.pence() + 10_000_000 - 1) / 10_000_000;
            let total = hundreds.max(1) * 10_000_000;
            let (sc, ed) = (total * 34 / 100, total * 33 / 100);
            Agreement {
                year,
                risk_share: RiskShare::Contributions,
                contributions: vec![
                    Money::from_pence(sc),
                    Money::from_pence(ed),
                    Money::from_pence(total - sc - ed),
                ],
            }
        })
        .collect();
    let allocation_tables = demo_tables(current);
    let assessments = demo_assessments(&allocation_tables, &cases, today);
    Dataset {
        allocation_tables,
        assessments,
        statements: Vec::new(),
        disputes: Vec::new(),
        pool: pool_calls(&agreements, today),
        // The council commissions the placements and invoices its partners.
        finance: Some(FinanceSettings {
            lead_partner: Some("SC".into()),
            ..FinanceSettings::default()
        }),
        settings: Some(Settings {
            authority: "Northshire County Council".into(),
            panel_name: "Children's Complex Needs Panel".into(),
            // Reviewed six months after the decision, then yearly.
            first_review_months: 6,
            review_months: 12,
            ..Settings::default()
        }),
        partners,
        agreements,
        cases,
        meetings,
        decisions,
    }
}

/// The resource allocation tables of last year and this: six areas of need, five levels each,
/// a point worth £12.00 a week last year and £12.50 this.
fn demo_tables(current: FinancialYear) -> Vec<crate::ras::AllocationTable> {
    const AREAS: [&str; 6] = [
        "Personal care",
        "Health needs",
        "Behaviour and safety",
        "Communication",
        "Learning and education",
        "Family and carers",
    ];
    const LEVELS: [(&str, &str); 5] = [
        ("None", "0"),
        ("Low", "10"),
        ("Medium", "25"),
        ("High", "45"),
        ("Very high", "70"),
    ];
    let areas: Vec<crate::ras::AreaInput> = AREAS
        .iter()
        .map(|a| crate::ras::AreaInput {
            name: a.to_string(),
            levels: LEVELS
                .iter()
                .map(|(n, p)| crate::ras::LevelInput {
                    name: n.to_string(),
                    points: p.to_string(),
                })
                .collect(),
        })
        .collect();
    [
        (FinancialYear::starting(current.start_year() - 1), "12.00"),
        (Some(current), "12.50"),
    ]
    .iter()
    .filter_map(|(y, rate)| crate::ras::table_input(&(*y)?.to_string(), rate, &areas).ok())
    .collect()
}

/// Most children placed today assessed against this year's table (or last year's, before
/// this year's first month is out), with levels drawn from their own generator so the rest
/// of the demo is as it always was.
fn demo_assessments(
    tables: &[crate::ras::AllocationTable],
    cases: &[Case],
    today: NaiveDate,
) -> Vec<AssessmentRecord> {
    let mut rng = Rng(0xA55E_55ED_2026_0001);
    let mut out = Vec::new();
    for (k, case) in cases.iter().enumerate() {
        let placed = case
            .placements
            .iter()
            .any(|p| p.placement.start <= today && p.placement.end.is_none_or(|e| e >= today));
        if !placed || !rng.chance(70) {
            continue;
        }
        let on = today - Days::new(rng.range(7, 150) as u64);
        let Some(table) = tables
            .iter()
            .find(|t| t.year == FinancialYear::containing(on))
        else {
            continue;
        };
        let choices: Vec<(String, String)> = table
            .areas
            .iter()
            .map(|a| {
                let level = &a.levels[rng.range(0, a.levels.len() as i64 - 1) as usize];
                (a.name.clone(), level.name.clone())
            })
            .collect();
        if let Ok(assessment) = crate::ras::assess(table, on, &choices) {
            out.push(AssessmentRecord {
                case: k,
                assessment,
            });
        }
    }
    out
}

/// The partners other than the council (which pays the providers) called for a quarter of
/// their contribution as each quarter begins, and paying it in three weeks later, up to today.
fn pool_calls(agreements: &[Agreement], today: NaiveDate) -> Vec<PoolRecord> {
    let mut out = Vec::new();
    for a in agreements {
        for (partner, &contribution) in a.contributions.iter().enumerate().skip(1) {
            let quarter = contribution.pence() / 4;
            for q in 0..4u32 {
                let Some(called) = a.year.start().checked_add_months(Months::new(3 * q)) else {
                    continue;
                };
                let amount = if q == 3 {
                    contribution.pence() - 3 * quarter
                } else {
                    quarter
                };
                if called > today || amount <= 0 {
                    continue;
                }
                let number = format!("{}-{}-Q{}", a.year.short_label(), partner, q + 1);
                let record = |kind, on| PoolRecord {
                    partner,
                    year: a.year,
                    kind,
                    on,
                    amount: Money::from_pence(amount),
                    reference: number.clone(),
                };
                out.push(record(PoolKind::Call, called));
                let paid = called + Days::new(21);
                if paid <= today {
                    out.push(record(PoolKind::Receipt, paid));
                }
            }
        }
    }
    out
}

fn attendees() -> Vec<Attendee> {
    [
        (
            "Helen Ward",
            "Children's Services",
            Some(0),
            "Head of Service, Children in Care (chair)",
        ),
        (
            "Marcus Bell",
            "Education (SEND)",
            Some(1),
            "SEND Service Manager",
        ),
        (
            "Dr Priya Nair",
            "Health (ICB)",
            Some(2),
            "Designated Clinical Officer",
        ),
        ("Sam Okafor", "Virtual School", None, "Virtual School Head"),
        (
            "Jo Reid",
            "Adult Care",
            None,
            "Preparing for Adulthood Lead",
        ),
    ]
    .iter()
    .map(|&(name, agency, represents, role)| Attendee {
        name: name.into(),
        agency: agency.into(),
        represents,
        role: role.into(),
        attendance: Attendance::Present,
    })
    .collect()
}

/// The item, the decision and what the meetings' course keeps of a case as it goes.
struct Course {
    /// Each case's next review, once a decision has set one.
    review: Vec<Option<NaiveDate>>,
    /// Decision numbers given, by financial year.
    seq: std::collections::HashMap<FinancialYear, u32>,
}

impl Course {
    fn number(&mut self, on: NaiveDate) -> DecisionNumber {
        let year = FinancialYear::containing(on);
        let seq = self.seq.entry(year).or_insert(0);
        *seq += 1;
        DecisionNumber {
            prefix: "CNP".into(),
            year,
            seq: *seq,
        }
    }
}

const PRESENTERS: &[&str] = &[
    "A. Shah, Social Worker",
    "L. Grant, Commissioning Officer",
    "T. Evans, SEND Caseworker",
];

const REASONS: &str = "The assessed needs cannot be met by local or universal services; the placement is the least restrictive option that meets them.";

/// An agenda item about case `ci`, as the administrator writes it.
fn item(rng: &mut Rng, kind: ItemKind, ci: usize, c: &Case, date: NaiveDate) -> AgendaItem {
    let p = &c.placements[0];
    let weekly = p.placement.weekly_equivalent(p.placement.start.max(date));
    let (title, ask, minutes) = match kind {
        ItemKind::NewReferral => (
            format!(
                "New referral: {} placement",
                p.kind.code().replace('_', " ")
            ),
            format!(
                "Approve funding of {weekly} a week from {}",
                p.placement.start.format("%d/%m/%Y")
            ),
            20,
        ),
        ItemKind::Ending => (
            "Placement ending".to_string(),
            format!(
                "Note the ending on {} and the plan that follows",
                p.placement.end.unwrap_or(date).format("%d/%m/%Y")
            ),
            5,
        ),
        _ => (
            "Review of the placement".to_string(),
            "Confirm continued funding and split".to_string(),
            10,
        ),
    };
    AgendaItem {
        kind,
        case: Some(ci),
        title,
        presenter: rng.pick(PRESENTERS).to_string(),
        minutes,
        ask,
        notes: match kind {
            ItemKind::Ending => {
                "Panel noted the ending and the arrangements that follow it.".into()
            }
            _ => {
                "Panel considered the reports and the views of the young person and family.".into()
            }
        },
        interests: Vec::new(),
        ratifies: None,
    }
}

/// A final decision at item `k` of meeting `mi` (on `date`) about case `ci`.
#[allow(clippy::too_many_arguments)]
fn decided(
    course: &mut Course,
    kind: ItemKind,
    ci: usize,
    c: &Case,
    (mi, k): (usize, usize),
    date: NaiveDate,
    title: &str,
    deferred: bool,
) -> Decision {
    let p = &c.placements[0];
    let weekly = p.placement.weekly_equivalent(p.placement.start.max(date));
    let number = course.number(date);
    let (outcome, paragraphs, review_date, actions) = match kind {
        ItemKind::Ending => (
            Outcome::Noted,
            vec![format!(
                "note that the placement with {} ends on {}, and the plan for what follows",
                p.provider,
                p.placement.end.unwrap_or(date).format("%d/%m/%Y")
            )],
            None,
            Vec::new(),
        ),
        ItemKind::Review if deferred => (
            Outcome::Deferred,
            vec![
                "defer the review to the next meeting: the provider's progress report is awaited"
                    .to_string(),
            ],
            None,
            Vec::new(),
        ),
        _ => {
            let new = kind == ItemKind::NewReferral;
            // Some new placements are approved on conditions, as panels often do.
            let outcome = if new && ci.is_multiple_of(3) {
                Outcome::ApprovedWithConditions
            } else {
                Outcome::Approved
            };
            let paragraphs = if new {
                vec![
                    format!(
                        "approve the placement with {} from {}",
                        p.provider,
                        p.placement.start.format("%d/%m/%Y")
                    ),
                    format!(
                        "fund it at {weekly} a week from the pooled budget, shared by the split recorded"
                    ),
                    "review the placement at six months".to_string(),
                ]
            } else {
                vec!["continue funding at the current rate and split".to_string()]
            };
            // Reviewed six months after it is approved, then yearly, at a meeting.
            let months = if new { 6 } else { 12 };
            let review = date.checked_add_months(Months::new(months)).map(panel_day);
            let actions = if new {
                vec![Action {
                    action: "Issue the individual placement agreement".into(),
                    owner: "Commissioning".into(),
                    due: date.checked_add_days(Days::new(14)),
                }]
            } else {
                Vec::new()
            };
            (outcome, paragraphs, review, actions)
        }
    };
    if review_date.is_some() {
        course.review[ci] = review_date;
    }
    let conditions = if outcome == Outcome::ApprovedWithConditions {
        vec![
            "an initial health assessment within 28 days of the placement starting".to_string(),
            "the provider's first monthly report to the allocated social worker".to_string(),
        ]
    } else {
        Vec::new()
    };
    let funding = crate::decision::funds(outcome);
    Decision {
        number: Some(number),
        status: DecisionStatus::Final,
        item: Some((mi, k)),
        case: ci,
        placement: Some(0),
        decided_on: date,
        urgent: false,
        inquorate: false,
        outcome,
        subject: title.to_string(),
        paragraphs,
        reasons: match outcome {
            Outcome::Noted => "The placement ends as planned with the young person and family.".into(),
            Outcome::Deferred => "The panel cannot review the placement without the provider's report.".into(),
            _ => REASONS.into(),
        },
        alternatives: match outcome {
            Outcome::Noted => String::new(),
            Outcome::Deferred => "None: the report is needed to decide".into(),
            _ => "In-county residential provision (no vacancy); enhanced foster care (needs too complex).".into(),
        },
        conditions,
        actions,
        review_date,
        effective_from: None,
        assent: if funding {
            vec![(0, Assent::Agree), (1, Assent::Agree), (2, Assent::Agree)]
        } else {
            Vec::new()
        },
        amends: None,
        snapshot: None,
        impact: Vec::new(),
        indicative: None,
        actions_done: Vec::new(),
    }
}

/// A meeting every month on `past` (minutes locked, the last three approved and the last
/// circulated), each approving the placements that begin before the next, reviewing those
/// whose review has come, and noting those that end before the next; and the `next` one
/// (attendees expected, agenda begun). The examples' cases are given their own course.
fn demo_meetings(
    rng: &mut Rng,
    today: NaiveDate,
    past: &[NaiveDate],
    next: NaiveDate,
    cases: &mut [Case],
    examples: &Examples,
) -> (Vec<Meeting>, Vec<Decision>) {
    let mut meetings = Vec::new();
    let mut decisions: Vec<Decision> = Vec::new();
    let mut course = Course {
        review: vec![None; cases.len()],
        seq: Default::default(),
    };
    let meeting = |date: NaiveDate, status, items| Meeting {
        date,
        starts_at: chrono::NaiveTime::from_hms_opt(10, 0, 0),
        venue: "Committee Room 2, County Hall".into(),
        chair: "Helen Ward".into(),
        minutes_status: status,
        attendees: attendees(),
        items,
    };
    for (mi, &date) in past.iter().enumerate() {
        let following = past.get(mi + 1).copied().unwrap_or(next);
        let last = mi + 1 == past.len();
        let mut kinds = Vec::new();
        for (ci, c) in cases.iter().enumerate() {
            if examples.apart(ci) {
                continue;
            }
            let p = &c.placements[0].placement;
            if p.start > date && p.start <= following {
                kinds.push((ItemKind::NewReferral, ci));
            }
        }
        for (ci, c) in cases.iter().enumerate() {
            let p = &c.placements[0].placement;
            if !examples.apart(ci)
                && p.covers(date)
                && course.review[ci].is_some_and(|due| due <= date)
            {
                kinds.push((ItemKind::Review, ci));
            }
        }
        for (ci, c) in cases.iter().enumerate() {
            let p = &c.placements[0].placement;
            if !examples.apart(ci) && p.end.is_some_and(|e| e >= date && e < following) {
                kinds.push((ItemKind::Ending, ci));
            }
        }
        let mut items = Vec::new();
        let mut deferred = false;
        let mut left_undone = false;
        for (k, &(kind, ci)) in kinds.iter().enumerate() {
            let it = item(rng, kind, ci, &cases[ci], date);
            // At the last meeting the first review waited for a report: deferred, so it is
            // overdue now and comes again.
            let defer = last && kind == ItemKind::Review && !deferred;
            deferred |= defer;
            let mut d = decided(
                &mut course,
                kind,
                ci,
                &cases[ci],
                (mi, k),
                date,
                &it.title,
                defer,
            );
            // Every action done in time, but the first of the last meeting's.
            for (a, action) in d.actions.iter().enumerate() {
                let Some(due) = action.due else { continue };
                if last && !left_undone {
                    left_undone = true;
                    continue;
                }
                let on = date + Days::new(rng.range(3, 12) as u64);
                if on <= today && on <= due {
                    d.actions_done
                        .push((a, on, "Agreement signed by the provider".into()));
                }
            }
            decisions.push(d);
            items.push(it);
        }
        // An interest declared at the last meeting, with the dispensation given.
        if last && let Some(first) = items.first_mut() {
            first.interests.push(Interest {
                attendee: 3,
                interest: "Governor of the young person's school".into(),
                dispensation: Some("May speak to the item; took no part in the decision".into()),
            });
        }
        let status = if last {
            MinutesStatus::Circulated
        } else if mi + 4 > past.len() {
            MinutesStatus::Approved
        } else {
            MinutesStatus::Locked
        };
        meetings.push(meeting(date, status, items));
    }

    // The chair's action since the last meeting: an emergency placement agreed the day it
    // began, with every partner's assent by email.
    let ci = examples.chair;
    let start = cases[ci].placements[0].placement.start;
    let title = "Emergency residential placement (chair's action)".to_string();
    let mut chair = decided(
        &mut course,
        ItemKind::NewReferral,
        ci,
        &cases[ci],
        (0, 0),
        start,
        &title,
        false,
    );
    chair.item = None;
    chair.urgent = true;
    chair.reasons = "The young person could not stay at home safely that night, and the panel did not meet until the following month.".into();
    chair.conditions.clear();
    chair.outcome = Outcome::Approved;
    if let Some(due) = chair.actions.first().and_then(|a| a.due) {
        let on = (start + Days::new(2)).min(today);
        if on <= due {
            chair
                .actions_done
                .push((0, on, "Agreement signed by the provider".into()));
        }
    }
    decisions.push(chair);

    // The provider of one placement raised its fee three weeks ago, above the rate the panel
    // approved: the decision keeps the placement as approved.
    let ci = examples.raised;
    if let Some(d) = decisions
        .iter_mut()
        .rev()
        .find(|d| d.case == ci && crate::decision::funds(d.outcome))
    {
        let approved = cases[ci].placements[0].clone();
        let p = &mut cases[ci].placements[0].placement;
        let raised = (d.decided_on + Days::new(30))
            .max(today - Days::new(21))
            .min(today);
        let rise = Money::from_pounds(325);
        let covering = p.cost_lines.iter().position(|l| {
            l.per == Per::Week && l.from < raised && l.to.is_none_or(|t| t >= raised)
        });
        if let Some(k) = covering {
            // The rate in force from the day it rose, and every later rate, £325 a week more.
            for line in &mut p.cost_lines {
                if line.per == Per::Week && line.from >= raised {
                    line.amount += rise;
                }
            }
            let line = &mut p.cost_lines[k];
            let higher = CostLine {
                description: "Weekly fee (provider's increase)".into(),
                per: Per::Week,
                amount: line.amount + rise,
                from: raised,
                to: line.to,
            };
            line.to = Some(raised - Days::new(1));
            p.cost_lines.insert(k + 1, higher);
            d.snapshot = Some(approved);
        }
    }

    // The next meeting: everyone expected, and on its agenda the new referral and the
    // endings before the one after it (but the example's, on no agenda yet).
    let after = panel_day(next.checked_add_months(Months::new(1)).unwrap_or(next))
        .max(today + Days::new(crate::exceptions::ENDING_SOON_DAYS as u64 + 1));
    let mut items = vec![item(
        rng,
        ItemKind::NewReferral,
        examples.referral,
        &cases[examples.referral],
        next,
    )];
    for (ci, c) in cases.iter().enumerate() {
        let p = &c.placements[0].placement;
        if ci != examples.ending && p.end.is_some_and(|e| e >= next && e < after) {
            items.push(item(rng, ItemKind::Ending, ci, c, next));
        }
    }
    // And the pool's monitoring, as at every meeting, last.
    items.push(AgendaItem {
        kind: ItemKind::Information,
        case: None,
        title: "Pooled budget monitoring".into(),
        presenter: "R. Patel, Finance Business Partner".into(),
        minutes: 10,
        ask: "Note the projected outturn for the year".into(),
        notes: String::new(),
        interests: Vec::new(),
        ratifies: None,
    });
    meetings.push(meeting(next, MinutesStatus::Draft, items));
    (meetings, decisions)
}

/// A dataset of a given size for benchmarks: `cases` cases over `years` financial years from
/// 2016/17, each with `placements` placements in succession, each with `lines` cost lines
/// (weekly rates changing through the placement, one of them a one-off) and two splits.
pub fn generated(cases: usize, placements: usize, lines: usize, years: i32) -> Dataset {
    let mut rng = Rng(0x5EED);
    let first =
        FinancialYear::starting(2016).unwrap_or_else(|| FinancialYear::containing(NaiveDate::MIN));
    let total_days = i64::from(years) * 365;
    let per_placement = (total_days / placements.max(1) as i64).max(2);
    let mut out = Vec::with_capacity(cases);
    for c in 0..cases {
        let mut ps = Vec::with_capacity(placements);
        for k in 0..placements {
            let start =
                first.start() + Days::new((k as i64 * per_placement + rng.range(0, 30)) as u64);
            let end = start + Days::new((per_placement - 31).max(1) as u64);
            let step = ((end - start).num_days() / lines.max(1) as i64).max(1);
            let mut cost_lines = Vec::with_capacity(lines);
            for l in 0..lines {
                let from = start + Days::new((l as i64 * step) as u64);
                let last = l + 1 == lines;
                cost_lines.push(if l == 0 {
                    CostLine {
                        description: "Assessment".into(),
                        per: Per::Once,
                        amount: Money::from_pounds(rng.range(500, 3000)),
                        from,
                        to: None,
                    }
                } else {
                    CostLine {
                        description: format!("Fee, rate {l}"),
                        per: *rng.pick(&[Per::Week, Per::Week, Per::Day, Per::Year]),
                        amount: Money::from_pence(rng.range(100_000, 900_000)),
                        from,
                        to: if last {
                            None
                        } else {
                            Some(from + Days::new((step - 1) as u64))
                        },
                    }
                });
            }
            let mid = start + Days::new(((end - start).num_days() / 2) as u64);
            let splits = vec![
                SplitPeriod {
                    from: start,
                    shares: pct(&rng.pick(SPLITS)[..]),
                },
                SplitPeriod {
                    from: mid.max(start + Days::new(1)),
                    shares: pct(&rng.pick(SPLITS)[..]),
                },
            ];
            ps.push(PlacementRecord {
                provider: rng.pick(PROVIDERS).0.to_string(),
                kind: rng.pick(PROVIDERS).1,
                placement: Placement {
                    start,
                    end: Some(end),
                    cost_lines,
                    splits,
                },
            });
        }
        out.push(Case {
            reference: format!("GEN-{:05}", c + 1),
            initials: initials(&mut rng),
            date_of_birth: None,
            needs: String::new(),
            placements: ps,
        });
    }
    Dataset {
        allocation_tables: Vec::new(),
        assessments: Vec::new(),
        statements: Vec::new(),
        disputes: Vec::new(),
        pool: Vec::new(),
        finance: None,
        settings: Some(Settings::default()),
        partners: partners(),
        agreements: (0..years)
            .filter_map(|y| FinancialYear::starting(2016 + y))
            .map(seed_agreement)
            .collect(),
        cases: out,
        meetings: Vec::new(),
        decisions: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::{read_dataset, write_dataset};
    use crate::spend::spend_report;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn demo_is_valid_and_round_trips_through_the_format() {
        let d = demo(today());
        // The indicative budget's tables (last year's and this) and assessments travel too.
        assert_eq!(d.allocation_tables.len(), 2);
        assert!(d.assessments.len() >= 10, "{}", d.assessments.len());
        let text = write_dataset(&d);
        let back = read_dataset(&text).unwrap();
        assert!(back == d, "demo data does not round-trip");
        assert_eq!(write_dataset(&back), text);
    }

    #[test]
    fn every_demo_decision_keeps_the_rules_on_any_day() {
        // Whatever day the demo is made for, its decisions are ones the app could finalise.
        for day in [
            "2026-11-23",
            "2027-03-31",
            "2027-04-01",
            "2028-02-29",
            "2026-12-01",
        ] {
            let day = crate::year::parse_iso_date(day).unwrap();
            let d = demo(day);
            let problems = crate::rules::dataset_problems(
                &d,
                d.settings.as_ref().unwrap_or(&Default::default()),
            );
            assert!(problems.is_empty(), "{day}: {problems:#?}");
        }
    }

    #[test]
    fn demo_looks_like_the_seed_pool() {
        let d = demo(today());
        let year = FinancialYear::containing(today());
        let active: Vec<&Placement> = d
            .cases
            .iter()
            .flat_map(|c| &c.placements)
            .map(|p| &p.placement)
            .filter(|p| p.covers(today()))
            .collect();
        assert!((24..=38).contains(&active.len()), "{} active", active.len());
        let avg = active
            .iter()
            .map(|p| p.weekly_equivalent(today()).pence())
            .sum::<i64>()
            / active.len() as i64;
        assert!((420_000..=540_000).contains(&avg), "average weekly {avg}");
        let placements: Vec<Placement> = d
            .cases
            .iter()
            .flat_map(|c| &c.placements)
            .map(|p| p.placement.clone())
            .collect();
        let r = spend_report(year, today(), &d.partners, d.agreements.last(), &placements);
        assert_eq!(r.budget, Money::from_pounds(7_200_000));
        assert!(
            r.projected > Money::from_pounds(5_500_000)
                && r.projected < Money::from_pounds(9_500_000),
            "{}",
            r.projected
        );
        // Rates change (uplifts), splits change, placements end.
        assert!(placements.iter().any(|p| p.cost_lines.len() > 2));
        assert!(placements.iter().any(|p| p.splits.len() > 1));
        assert!(
            placements
                .iter()
                .any(|p| p.end.is_some_and(|e| e < today()))
        );
        assert!(
            d.decisions
                .iter()
                .all(|x| x.status == DecisionStatus::Final)
        );
        assert!(!d.decisions.is_empty());
    }

    #[test]
    fn generated_has_the_requested_size() {
        let d = generated(30, 10, 10, 10);
        assert_eq!(d.cases.len(), 30);
        let lines: usize = d
            .cases
            .iter()
            .flat_map(|c| &c.placements)
            .map(|p| p.placement.cost_lines.len())
            .sum();
        assert_eq!(lines, 3000);
        let text = write_dataset(&d);
        assert!(
            read_dataset(&text).unwrap() == d,
            "generated data does not round-trip"
        );
    }
}
