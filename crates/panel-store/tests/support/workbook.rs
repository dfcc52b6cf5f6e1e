//! Excel workbooks written as a panel keeps its tracker: a title above the headings, and
//! dates, money and percentages formatted as Excel formats them (the cells hold a date serial,
//! a number and a fraction). Shared by the store's tests and benchmarks and the end-to-end
//! tests.
#![allow(dead_code)]

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

/// A cell's value.
pub enum Value {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A date, formatted dd/mm/yyyy.
    Date(NaiveDate),
    /// Money, formatted £#,##0.00.
    Money(f64),
    /// A fraction formatted as a percentage (0.5 shows 50%).
    Percent(f64),
    /// A formula and the result Excel saved with it.
    Formula(String, f64),
}

/// Text.
pub fn text(s: &str) -> Value {
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s.to_string())
    }
}

/// One sheet: its name, a title in A1 (the headings then in row 3) and its rows.
pub struct Sheet<'a> {
    /// The sheet's name.
    pub name: &'a str,
    /// A title above the headings.
    pub title: Option<&'a str>,
    /// The headings.
    pub headings: &'a [&'a str],
    /// The rows below them.
    pub rows: Vec<Vec<Value>>,
}

/// The workbook's bytes, as saved.
pub fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    let mut book = Workbook::new();
    let dates = Format::new().set_num_format("dd/mm/yyyy");
    let money = Format::new().set_num_format("£#,##0.00");
    let percent = Format::new().set_num_format("0%");
    for s in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(s.name).unwrap();
        let mut row = 0;
        if let Some(title) = s.title {
            sheet.write_string(0, 0, title).unwrap();
            row = 2;
        }
        for (c, h) in s.headings.iter().enumerate() {
            sheet.write_string(row, c as u16, *h).unwrap();
        }
        for cells in &s.rows {
            row += 1;
            for (c, v) in cells.iter().enumerate() {
                let c = c as u16;
                match v {
                    Value::Empty => {}
                    Value::Text(t) => {
                        sheet.write_string(row, c, t).unwrap();
                    }
                    Value::Date(d) => {
                        let day = ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )
                        .unwrap();
                        sheet.write_date_with_format(row, c, day, &dates).unwrap();
                    }
                    Value::Money(n) => {
                        sheet.write_number_with_format(row, c, *n, &money).unwrap();
                    }
                    Value::Percent(n) => {
                        sheet
                            .write_number_with_format(row, c, *n, &percent)
                            .unwrap();
                    }
                    Value::Formula(f, result) => {
                        sheet
                            .write_formula(row, c, Formula::new(f).set_result(result.to_string()))
                            .unwrap();
                    }
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// A tracker workbook of `rows` placements, as Excel would save it: dates, money and
/// percentages formatted; every row a new case, referenced `{prefix}-00000` onwards.
pub fn tracker(rows: usize, prefix: &str) -> Vec<u8> {
    let kinds = ["Residential", "Day school", "IFA", "Short breaks"];
    workbook(&[Sheet {
        name: "Placements",
        title: None,
        headings: &[
            "Case ref",
            "Initials",
            "Provider",
            "Placement type",
            "Start date",
            "Weekly cost",
            "Social care %",
            "Education %",
            "Health %",
        ],
        rows: (0..rows)
            .map(|i| {
                let start = NaiveDate::from_ymd_opt(2026, 4 + (i % 9) as u32, 1 + (i % 28) as u32)
                    .unwrap_or_default();
                vec![
                    Value::Text(format!("{prefix}-{i:05}")),
                    text("A.B."),
                    Value::Text(format!("Provider {}", i % 97)),
                    text(kinds[i % kinds.len()]),
                    Value::Date(start),
                    Value::Money(1_000.25 + (i % 5_000) as f64),
                    Value::Percent(0.5),
                    Value::Percent(0.25),
                    Value::Percent(0.25),
                ]
            })
            .collect(),
    }])
}
