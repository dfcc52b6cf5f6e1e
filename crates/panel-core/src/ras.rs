//! The indicative budget (a resource allocation system, seed 001): a table for each financial
//! year of need areas, each with levels worth points, and an amount per point a week. A
//! case's assessment picks one level in every area; its points times the amount per point are
//! the indicative weekly budget, set beside the requested package's weekly cost.
//!
//! An assessment keeps the points and the amount per point it was made with, so a table
//! changed later never changes an assessment already made, nor a decision that printed it.

use chrono::NaiveDate;

use crate::field::Problems;
use crate::field::{FieldError, number_input, text_input};
use crate::money::Money;
use crate::year::FinancialYear;

/// The most need areas a table has.
pub const MAX_AREAS: usize = 30;
/// The most levels an area has.
pub const MAX_LEVELS: usize = 12;
/// The most points a level is worth.
pub const MAX_POINTS: u32 = 1_000;
/// The most a point is worth a week.
pub const MAX_PER_POINT: Money = Money::from_pounds(1_000);
/// The longest name of an area or a level.
pub const NAME_LENGTH: usize = 80;

/// One level of need in an area and what it is worth.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NeedLevel {
    /// Its name, e.g. "Some support".
    pub name: String,
    /// Its points.
    pub points: u32,
}

/// An area of need and its levels, lowest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NeedArea {
    /// Its name, e.g. "Personal care".
    pub name: String,
    /// Its levels, in the order the assessment offers them.
    pub levels: Vec<NeedLevel>,
}

/// The resource allocation table of one financial year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllocationTable {
    /// The financial year it is used in.
    pub year: FinancialYear,
    /// What one point is worth a week.
    pub per_point: Money,
    /// Its need areas.
    pub areas: Vec<NeedArea>,
}

/// An area and level as typed on the settings screen (points as text).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(
    feature = "ipc",
    derive(serde::Serialize, serde::Deserialize, specta::Type)
)]
pub struct AreaInput {
    /// The area's name.
    pub name: String,
    /// Its levels: name and points as typed.
    pub levels: Vec<LevelInput>,
}

/// A level as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(
    feature = "ipc",
    derive(serde::Serialize, serde::Deserialize, specta::Type)
)]
pub struct LevelInput {
    /// Its name.
    pub name: String,
    /// Its points, as typed.
    pub points: String,
}

/// Whether two names of areas or levels are one: the same identity (`text::identity`:
/// letter case, runs of spaces of any kind, compatibility forms and look-alikes aside).
fn same_name(a: &str, b: &str) -> bool {
    crate::text::identity(a) == crate::text::identity(b)
}

/// Validates a table as typed: the year (`2026/27`), the amount per point a week, and the
/// areas with their levels. Errors name their field: `year`, `per_point`, `areas`,
/// `areas.2.name`, `areas.2.levels`, `areas.2.levels.1.name`, `areas.2.levels.1.points`.
pub fn table_input(
    year: &str,
    per_point: &str,
    areas: &[AreaInput],
) -> Result<AllocationTable, Vec<FieldError>> {
    let mut p = Problems::default();
    let year = p.take(
        year.trim()
            .parse::<FinancialYear>()
            .map_err(|e| FieldError::labelled("year", "Financial year", e.to_string())),
    );
    let per_point = p.take(
        Money::parse("Amount per point a week", per_point)
            .map_err(|e| FieldError::labelled("per_point", "Amount per point a week", e.problem()))
            .and_then(|m| {
                if m <= Money::ZERO || m > MAX_PER_POINT {
                    Err(FieldError::labelled(
                        "per_point",
                        "Amount per point a week",
                        format!("must be above 0.00 and at most {MAX_PER_POINT}"),
                    ))
                } else {
                    Ok(m)
                }
            }),
    );
    if areas.is_empty() {
        p.push("areas", "A table needs at least one area of need");
    }
    if areas.len() > MAX_AREAS {
        p.push(
            "areas",
            format!("A table has at most {MAX_AREAS} areas of need"),
        );
    }
    let mut out = Vec::with_capacity(areas.len());
    for (i, a) in areas.iter().enumerate() {
        let n = i + 1;
        let field = format!("areas.{i}.name");
        let name = p.take(
            text_input(&field, &format!("Area {n}"), &a.name, true, NAME_LENGTH).and_then(|x| {
                if areas[..i].iter().any(|b| same_name(&b.name, &x)) {
                    Err(FieldError::new(
                        &field,
                        format!("Area {n}: \"{x}\" is named twice"),
                    ))
                } else {
                    Ok(x)
                }
            }),
        );
        let levels_field = format!("areas.{i}.levels");
        if a.levels.is_empty() {
            p.push(&levels_field, format!("Area {n} needs at least one level"));
        }
        if a.levels.len() > MAX_LEVELS {
            p.push(
                &levels_field,
                format!("Area {n} has at most {MAX_LEVELS} levels"),
            );
        }
        let mut levels = Vec::with_capacity(a.levels.len());
        for (j, l) in a.levels.iter().enumerate() {
            let label = format!("Area {n}, level {}", j + 1);
            let field = format!("areas.{i}.levels.{j}.name");
            let level = p.take(
                text_input(&field, &label, &l.name, true, NAME_LENGTH).and_then(|x| {
                    if a.levels[..j].iter().any(|b| same_name(&b.name, &x)) {
                        Err(FieldError::new(
                            &field,
                            format!("{label}: \"{x}\" is named twice in this area"),
                        ))
                    } else {
                        Ok(x)
                    }
                }),
            );
            let points = p.take(number_input(
                &format!("areas.{i}.levels.{j}.points"),
                &format!("{label} points"),
                &l.points,
                "points",
                0,
                MAX_POINTS,
            ));
            if let (Some(name), Some(points)) = (level, points) {
                levels.push(NeedLevel { name, points });
            }
        }
        if let Some(name) = name {
            out.push(NeedArea { name, levels });
        }
    }
    p.finish(|| {
        Some(AllocationTable {
            year: year?,
            per_point: per_point?,
            areas: out,
        })
    })
}

impl AllocationTable {
    /// The table as typed back on the settings screen.
    pub fn as_input(&self) -> Vec<AreaInput> {
        self.areas
            .iter()
            .map(|a| AreaInput {
                name: a.name.clone(),
                levels: a
                    .levels
                    .iter()
                    .map(|l| LevelInput {
                        name: l.name.clone(),
                        points: l.points.to_string(),
                    })
                    .collect(),
            })
            .collect()
    }

    /// Checks a table read from a file or the database as the settings screen would.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        table_input(
            &self.year.to_string(),
            &self.per_point.to_plain(),
            &self.as_input(),
        )
        .map(|_| ())
    }
}

/// One area's level as assessed, with the points it was worth then.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Score {
    /// The area.
    pub area: String,
    /// The level picked.
    pub level: String,
    /// Its points in the table used.
    pub points: u32,
}

/// A case's assessment against the table of its financial year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    /// When it was made.
    pub assessed_on: NaiveDate,
    /// The table's year (the year of `assessed_on`).
    pub year: FinancialYear,
    /// What a point was worth a week in that table.
    pub per_point: Money,
    /// One level in every area of the table, in the table's order.
    pub scores: Vec<Score>,
}

impl Assessment {
    /// Its points.
    pub fn points(&self) -> u32 {
        self.scores.iter().map(|s| s.points).sum()
    }

    /// The indicative weekly budget: points × the amount per point, exact to the penny.
    pub fn weekly_budget(&self) -> Money {
        Money::from_pence(i64::from(self.points()) * self.per_point.pence())
    }
}

/// An assessment made on `on` with `table`, picking `choices` (area, level) in every area,
/// levels named as the table names them. Errors name `assessed_on` or `scores.K` (K the
/// area's place in the table).
pub fn assess(
    table: &AllocationTable,
    on: NaiveDate,
    choices: &[(String, String)],
) -> Result<Assessment, Vec<FieldError>> {
    let mut p = Problems::default();
    if FinancialYear::containing(on) != table.year {
        p.push(
            "assessed_on",
            format!(
                "An assessment on {} is made with the {} table, not the {} one",
                on.format("%d/%m/%Y"),
                FinancialYear::containing(on),
                table.year
            ),
        );
    }
    for (area, _) in choices {
        if !table.areas.iter().any(|a| same_name(&a.name, area)) {
            p.push(
                "scores",
                format!("\"{area}\" is not an area of the {} table", table.year),
            );
        }
    }
    let mut scores = Vec::with_capacity(table.areas.len());
    for (k, a) in table.areas.iter().enumerate() {
        let field = format!("scores.{k}");
        let picked: Vec<&String> = choices
            .iter()
            .filter(|(area, _)| same_name(area, &a.name))
            .map(|(_, level)| level)
            .collect();
        match picked.as_slice() {
            [] => p.push(&field, format!("{}: choose a level", a.name)),
            [level] => match a.levels.iter().find(|l| same_name(&l.name, level)) {
                Some(l) => scores.push(Score {
                    area: a.name.clone(),
                    level: l.name.clone(),
                    points: l.points,
                }),
                None => p.push(
                    &field,
                    format!(
                        "{}: \"{level}\" is not one of its levels ({})",
                        a.name,
                        a.levels
                            .iter()
                            .map(|l| l.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
            },
            _ => p.push(&field, format!("{}: choose one level, not several", a.name)),
        }
    }
    p.finish(|| {
        Some(Assessment {
            assessed_on: on,
            year: table.year,
            per_point: table.per_point,
            scores,
        })
    })
}

/// The indicative budget beside a package: what the chair sees and the record prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indicative {
    /// The assessment's date.
    pub assessed_on: NaiveDate,
    /// The table's year.
    pub year: FinancialYear,
    /// The assessment's points.
    pub points: u32,
    /// What a point was worth a week.
    pub per_point: Money,
    /// The indicative weekly budget.
    pub budget: Money,
    /// The requested package's weekly cost.
    pub package: Money,
}

impl Indicative {
    /// The package's weekly cost beside `assessment`'s budget.
    pub fn of(assessment: &Assessment, package: Money) -> Indicative {
        Indicative {
            assessed_on: assessment.assessed_on,
            year: assessment.year,
            points: assessment.points(),
            per_point: assessment.per_point,
            budget: assessment.weekly_budget(),
            package,
        }
    }

    /// The package's cost above (positive) or below (negative) the budget, a week.
    pub fn difference(&self) -> Money {
        Money::from_pence(self.package.pence() - self.budget.pence())
    }

    /// The difference in words: "£120.00 a week above the indicative budget".
    pub fn difference_words(&self) -> String {
        let d = self.difference();
        if d == Money::ZERO {
            "the same as the indicative budget".to_string()
        } else if d.is_negative() {
            format!("{} a week below the indicative budget", d.abs())
        } else {
            format!("{d} a week above the indicative budget")
        }
    }

    /// Checks that the budget is the points times the amount per point (a kept one read back).
    pub fn is_consistent(&self) -> bool {
        i64::from(self.points) * self.per_point.pence() == self.budget.pence()
            && self.points <= MAX_POINTS * (MAX_AREAS as u32)
            && !self.package.is_negative()
    }
}

/// An assessment as the case page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssessmentEntry {
    /// Its id.
    pub id: i64,
    /// The assessment.
    pub assessment: Assessment,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(name: &str, points: &str) -> LevelInput {
        LevelInput {
            name: name.into(),
            points: points.into(),
        }
    }

    fn rotherham() -> Vec<AreaInput> {
        vec![
            AreaInput {
                name: "Personal care".into(),
                levels: vec![level("None", "0"), level("Some", "4"), level("High", "10")],
            },
            AreaInput {
                name: "Behaviour".into(),
                levels: vec![level("None", "0"), level("Some", "3"), level("High", "8")],
            },
        ]
    }

    fn day(s: &str) -> NaiveDate {
        crate::year::parse_iso_date(s).unwrap_or_default()
    }

    #[test]
    fn a_table_is_read_as_typed_and_its_budget_is_exact() {
        let t = table_input("2026/27", "12.35", &rotherham()).unwrap();
        assert_eq!(t.per_point, Money::from_pence(1235));
        assert_eq!(t.as_input(), rotherham());
        assert!(t.check().is_ok());
        let a = assess(
            &t,
            day("2026-06-01"),
            &[
                ("behaviour".into(), "some".into()),
                ("Personal care".into(), "High".into()),
            ],
        )
        .unwrap();
        assert_eq!(a.points(), 13);
        assert_eq!(a.scores[0].level, "High");
        assert_eq!(a.weekly_budget(), Money::from_pence(13 * 1235));
        let i = Indicative::of(&a, Money::from_pence(20_000));
        assert_eq!(i.budget, Money::from_pence(16_055));
        assert_eq!(i.difference(), Money::from_pence(3_945));
        assert_eq!(
            i.difference_words(),
            "£39.45 a week above the indicative budget"
        );
        let below = Indicative::of(&a, Money::from_pence(16_000));
        assert_eq!(
            below.difference_words(),
            "£0.55 a week below the indicative budget"
        );
        assert!(i.is_consistent());
    }

    #[test]
    fn a_table_typed_wrong_is_refused_at_each_field() {
        let mut areas = rotherham();
        areas[1].name = " personal CARE ".into();
        areas[0].levels[2].points = "1001".into();
        areas[0].levels[1].name = "none".into();
        areas.push(AreaInput {
            name: "Sleep".into(),
            levels: vec![],
        });
        let e = table_input("2026", "0", &areas).unwrap_err();
        let fields: Vec<&str> = e.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "year",
                "per_point",
                "areas.0.levels.1.name",
                "areas.0.levels.2.points",
                "areas.1.name",
                "areas.2.levels"
            ],
            "{e:?}"
        );
        assert!(table_input("2026/27", "1", &[]).is_err());
        assert!(table_input("2026/27", "1000.01", &rotherham()).is_err());
    }

    #[test]
    fn an_assessment_picks_one_known_level_in_every_area_of_its_years_table() {
        let t = table_input("2026/27", "10", &rotherham()).unwrap();
        let e = assess(
            &t,
            day("2027-04-01"),
            &[
                ("Personal care".into(), "Very high".into()),
                ("Sleep".into(), "None".into()),
            ],
        )
        .unwrap_err();
        let fields: Vec<&str> = e.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["assessed_on", "scores", "scores.0", "scores.1"],
            "{e:?}"
        );
        assert!(e[2].message.contains("None, Some, High"), "{e:?}");
        let twice = assess(
            &t,
            day("2027-03-31"),
            &[
                ("Personal care".into(), "None".into()),
                ("Behaviour".into(), "None".into()),
                ("Behaviour".into(), "High".into()),
            ],
        )
        .unwrap_err();
        assert_eq!(twice[0].field, "scores.1");
        // Nothing in every area is a budget of nothing.
        let none = assess(
            &t,
            day("2026-04-01"),
            &[
                ("Personal care".into(), "None".into()),
                ("Behaviour".into(), "None".into()),
            ],
        )
        .unwrap();
        assert_eq!(none.weekly_budget(), Money::ZERO);
    }
}
