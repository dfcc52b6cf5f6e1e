//! Excel workbooks written as a panel keeps its tracker: a title above the headings, and
//! dates, money and percentages formatted as Excel formats them (the cells hold a date serial,
//! a number and a fraction). Shared by the store's tests and benchmarks and the end-to-end
//! tests.
#![allow(dead_code)]

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

/// A cell's value.
#[derive(Clone)]
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

/// The workbook's bytes, as saved: each sheet's title in A1, its headings in row 3 below a
/// blank row (in row 1 without a title), then its rows.
pub fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    let grids: Vec<(&str, Vec<Vec<Value>>)> = sheets
        .iter()
        .map(|s| {
            let mut grid = Vec::new();
            if let Some(title) = s.title {
                grid.push(vec![text(title)]);
                grid.push(Vec::new());
            }
            grid.push(s.headings.iter().map(|h| text(h)).collect());
            grid.extend(s.rows.iter().cloned());
            (s.name, grid)
        })
        .collect();
    workbook_grid(&grids)
}

/// A workbook of sheets each written cell by cell from its top row (titles, blank rows and
/// headings included): `(name, rows)`.
pub fn workbook_grid(sheets: &[(&str, Vec<Vec<Value>>)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let dates = Format::new().set_num_format("dd/mm/yyyy");
    let money = Format::new().set_num_format("£#,##0.00");
    let percent = Format::new().set_num_format("0%");
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, cells) in rows.iter().enumerate() {
            let r = r as u32;
            for (c, v) in cells.iter().enumerate() {
                let c = c as u16;
                match v {
                    Value::Empty => {}
                    Value::Text(t) => {
                        sheet.write_string(r, c, t).unwrap();
                    }
                    Value::Date(d) => {
                        let day = ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )
                        .unwrap();
                        sheet.write_date_with_format(r, c, day, &dates).unwrap();
                    }
                    Value::Money(n) => {
                        sheet.write_number_with_format(r, c, *n, &money).unwrap();
                    }
                    Value::Percent(n) => {
                        sheet.write_number_with_format(r, c, *n, &percent).unwrap();
                    }
                    Value::Formula(f, result) => {
                        sheet
                            .write_formula_with_format(
                                r,
                                c,
                                Formula::new(f).set_result(result.to_string()),
                                &money,
                            )
                            .unwrap();
                    }
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// The same sheets as an OpenDocument spreadsheet (`.ods`), as LibreOffice saves one: dates,
/// currency and percentages typed, formulas with the value they gave.
pub fn ods_grid(sheets: &[(&str, Vec<Vec<Value>>)]) -> Vec<u8> {
    use std::io::Write;
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    for (name, rows) in sheets {
        xml.push_str(&format!(r#"<table:table table:name="{}">"#, escape(name)));
        for cells in rows {
            xml.push_str("<table:table-row>");
            for v in cells {
                xml.push_str(&match v {
                    Value::Empty => "<table:table-cell/>".to_string(),
                    Value::Text(t) => format!(
                        r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                        escape(t)
                    ),
                    Value::Date(d) => format!(
                        r#"<table:table-cell office:value-type="date" office:date-value="{}"><text:p>{}</text:p></table:table-cell>"#,
                        d.format("%Y-%m-%d"),
                        d.format("%d/%m/%Y")
                    ),
                    Value::Money(n) => format!(
                        r#"<table:table-cell office:value-type="currency" office:currency="GBP" office:value="{n}"><text:p>£{n:.2}</text:p></table:table-cell>"#
                    ),
                    Value::Percent(n) => format!(
                        r#"<table:table-cell office:value-type="percentage" office:value="{n}"><text:p>{:.0}%</text:p></table:table-cell>"#,
                        n * 100.0
                    ),
                    Value::Formula(f, n) => format!(
                        r#"<table:table-cell table:formula="of:{}" office:value-type="currency" office:currency="GBP" office:value="{n}"><text:p>£{n:.2}</text:p></table:table-cell>"#,
                        escape(f)
                    ),
                });
            }
            xml.push_str("</table:table-row>");
        }
        xml.push_str("</table:table>");
    }
    xml.push_str("</office:spreadsheet></office:body></office:document-content>");
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
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
