//! Generated data: the demo a new user starts with, and larger datasets for benchmarks.
//! Deterministic: the same date and size always give the same data.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::cost::{CostLine, Per, Placement, SplitPeriod};
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

/// Demo data as of `today`: the seed's £7.2m pool split 34/33/33, about 30 children placed
/// at a time at an average near £4,721 a week, four years of history with uplifts, split
/// changes and placements ending, the last three meetings with decisions, and the next
/// meeting's agenda.
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
        let n = cases.len() + 1;
        let age = rng.range(6, 17);
        let dob = NaiveDate::from_ymd_opt(
            start.year() - age as i32,
            rng.range(1, 12) as u32,
            rng.range(1, 28) as u32,
        );
        cases.push(Case {
            reference: format!("CN-{n:04}"),
            initials: initials(rng),
            date_of_birth: dob,
            needs: rng.pick(NEEDS).to_string(),
            placements: vec![PlacementRecord {
                provider: provider.to_string(),
                kind,
                placement: Placement {
                    start,
                    end,
                    cost_lines: lines,
                    splits,
                },
            }],
        });
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

    let (meetings, decisions) = demo_meetings(&mut rng, today, &cases);
    let agreements: Vec<Agreement> = (first_year.start_year()..=current.start_year())
        .filter_map(FinancialYear::starting)
        .map(seed_agreement)
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
            ..Settings::default()
        }),
        partners: partners(),
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

/// The last three panels (minutes approved or circulated, decisions final) and the next one
/// (agenda only), with a new-referral item and an approved decision for each placement that
/// started in the month after a panel.
fn demo_meetings(rng: &mut Rng, today: NaiveDate, cases: &[Case]) -> (Vec<Meeting>, Vec<Decision>) {
    let mut meetings = Vec::new();
    let mut decisions: Vec<Decision> = Vec::new();
    let mut seq_by_year: std::collections::HashMap<FinancialYear, u32> = Default::default();
    let this_month = panel_day(today);
    let next = if this_month > today {
        this_month
    } else {
        panel_day(today.checked_add_months(Months::new(1)).unwrap_or(today))
    };
    let past: Vec<NaiveDate> = (1..=3)
        .rev()
        .filter_map(|k| next.checked_sub_months(Months::new(k)).map(panel_day))
        .collect();
    for (mi, &date) in past.iter().enumerate() {
        let mut items = Vec::new();
        let following = panel_day(date.checked_add_months(Months::new(1)).unwrap_or(date));
        for (ci, c) in cases.iter().enumerate() {
            let p = &c.placements[0];
            if p.placement.start > date && p.placement.start <= following {
                items.push((ItemKind::NewReferral, ci));
            }
        }
        // Two reviews of long-running placements.
        for (ci, c) in cases
            .iter()
            .enumerate()
            .filter(|(_, c)| c.placements[0].placement.covers(date))
            .skip(mi * 2)
            .take(2)
        {
            let _ = c;
            items.push((ItemKind::Review, ci));
        }
        let mut meeting_items = Vec::new();
        for (k, &(kind, ci)) in items.iter().enumerate() {
            let c = &cases[ci];
            let p = &c.placements[0];
            let weekly = p.placement.weekly_equivalent(p.placement.start.max(date));
            let (title, ask) = match kind {
                ItemKind::NewReferral => (
                    format!(
                        "New referral: {} placement",
                        p.kind.code().replace('_', " ")
                    ),
                    format!(
                        "Approve funding of {weekly} a week from {}",
                        p.placement.start.format("%d/%m/%Y")
                    ),
                ),
                _ => (
                    "Six-monthly review".to_string(),
                    "Confirm continued funding and split".to_string(),
                ),
            };
            meeting_items.push(AgendaItem {
                kind,
                case: Some(ci),
                title: title.clone(),
                presenter: rng
                    .pick(&[
                        "A. Shah, Social Worker",
                        "L. Grant, Commissioning Officer",
                        "T. Evans, SEND Caseworker",
                    ])
                    .to_string(),
                minutes: 15,
                ask,
                notes: "Panel considered the reports and the views of the young person and family."
                    .into(),
                interests: Vec::new(),
                ratifies: None,
            });
            let year = FinancialYear::containing(date);
            let seq = seq_by_year.entry(year).or_insert(0);
            *seq += 1;
            let paragraphs = match kind {
                ItemKind::NewReferral => vec![
                    format!(
                        "approve the placement with {} from {}",
                        p.provider,
                        p.placement.start.format("%d/%m/%Y")
                    ),
                    format!(
                        "fund it at {weekly} a week from the pooled budget, shared by the split recorded"
                    ),
                    "review the placement at six months".to_string(),
                ],
                _ => vec!["continue funding at the current rate and split".to_string()],
            };
            // Some new placements are approved on conditions, as panels often do.
            let conditions = if matches!(kind, ItemKind::NewReferral) && ci % 3 == 0 {
                vec![
                    "an initial health assessment within 28 days of the placement starting"
                        .to_string(),
                    "the provider's first monthly report to the allocated social worker"
                        .to_string(),
                ]
            } else {
                Vec::new()
            };
            decisions.push(Decision {
                number: Some(DecisionNumber { prefix: "CNP".into(), year, seq: *seq }),
                status: DecisionStatus::Final,
                item: Some((mi, k)),
                case: ci,
                placement: Some(0),
                decided_on: date,
                urgent: false,
                inquorate: false,
                outcome: if conditions.is_empty() {
                    Outcome::Approved
                } else {
                    Outcome::ApprovedWithConditions
                },
                subject: title,
                paragraphs,
                reasons: "The assessed needs cannot be met by local or universal services; the placement is the least restrictive option that meets them.".into(),
                alternatives: "In-county residential provision (no vacancy); enhanced foster care (needs too complex).".into(),
                conditions,
                actions: vec![Action { action: "Issue the individual placement agreement".into(), owner: "Commissioning".into(), due: date.checked_add_days(Days::new(14)) }],
                review_date: date.checked_add_months(Months::new(6)),
                effective_from: None,
                assent: vec![(0, Assent::Agree), (1, Assent::Agree), (2, Assent::Agree)],
                amends: None,
                snapshot: None,
                impact: Vec::new(),
                indicative: None,
                actions_done: Vec::new(),
            });
        }
        meetings.push(Meeting {
            date,
            starts_at: chrono::NaiveTime::from_hms_opt(10, 0, 0),
            venue: "Committee Room 2, County Hall".into(),
            chair: "Helen Ward".into(),
            minutes_status: if mi + 1 < past.len() {
                MinutesStatus::Approved
            } else {
                MinutesStatus::Circulated
            },
            attendees: attendees(),
            items: meeting_items,
        });
    }
    meetings.push(Meeting {
        date: next,
        starts_at: chrono::NaiveTime::from_hms_opt(10, 0, 0),
        venue: "Committee Room 2, County Hall".into(),
        chair: "Helen Ward".into(),
        minutes_status: MinutesStatus::Draft,
        attendees: Vec::new(),
        items: Vec::new(),
    });
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
