//! Spreadsheets as people keep them: a CSV file or an Excel (or OpenDocument) workbook read
//! into tables of cells, each row keeping the number the spreadsheet shows beside it, so that
//! a report can say "row 7" and mean the row a person sees.

use std::collections::BTreeSet;
use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use chrono::NaiveDate;

/// The largest file read: a spreadsheet of placements is far smaller.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// The most data rows in one sheet.
pub const MAX_ROWS: usize = 20_000;
/// The most columns read from one sheet.
pub const MAX_COLUMNS: usize = 200;
/// How many rows from the top are searched for the row of column headings.
const HEADER_SEARCH: usize = 20;

/// One cell's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Nothing in it.
    Empty,
    /// Text (CSV cells are all text).
    Text(String),
    /// A number.
    Number(f64),
    /// A date (a cell formatted as a date).
    Date(NaiveDate),
    /// TRUE or FALSE.
    Bool(bool),
    /// What the spreadsheet showed instead of a value, e.g. `#REF!`.
    Error(String),
}

impl Cell {
    /// Whether the cell holds nothing (or only spaces).
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as a person reads it in the spreadsheet.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// A number as a spreadsheet shows it in a general cell: `12`, `4250.5`.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// One sheet: its column headings and its data rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The sheet's name (the file's name for a CSV file).
    pub name: String,
    /// The spreadsheet's number of the headings row (from 1).
    pub header_row: usize,
    /// One heading per column; a column without one is called by its letter.
    pub headers: Vec<String>,
    /// Data rows that are not wholly empty: the spreadsheet's row number and one cell per
    /// column.
    pub rows: Vec<(usize, Vec<Cell>)>,
    /// The cells that hold a formula (`=SUM(H4:H10)`), by row number and column index: a
    /// workbook says which; a CSV file keeps only values.
    pub formulas: BTreeSet<(usize, usize)>,
}

/// Why a file cannot be read as a spreadsheet.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    /// Larger than [`MAX_BYTES`].
    #[error(
        "the file is {0} MB; a spreadsheet of placements is at most 20 MB (save only the sheet of placements)"
    )]
    TooLarge(usize),
    /// Not a CSV file or a workbook.
    #[error("this file is not a spreadsheet that can be read ({0}); save it as .xlsx or .csv")]
    Unreadable(String),
    /// Nothing in it.
    #[error("there is nothing in this spreadsheet")]
    Empty,
    /// More than [`MAX_ROWS`] rows.
    #[error("the sheet \"{0}\" has more than 20,000 rows; import it in parts")]
    TooManyRows(String),
}

/// The letters a spreadsheet gives column `index` (from 0): `A`, `Z`, `AA`.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Reads a spreadsheet file: CSV by its name (`.csv`, `.txt`) or its content, anything else
/// as a workbook (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`). Sheets with nothing in them are
/// left out; at least one remains.
pub fn read_spreadsheet(file_name: &str, bytes: &[u8]) -> Result<Vec<Table>, SheetError> {
    if bytes.len() > MAX_BYTES {
        return Err(SheetError::TooLarge(bytes.len().div_ceil(1024 * 1024)));
    }
    let lower = file_name.to_ascii_lowercase();
    let workbook_magic = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF]);
    if lower.ends_with(".csv") || lower.ends_with(".txt") || !workbook_magic {
        let name = std::path::Path::new(file_name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| file_name.to_string());
        return Ok(vec![read_csv(&name, bytes)?]);
    }
    read_workbook(bytes)
}

/// Reads CSV text as Excel writes it: UTF-8 (with or without its byte-order mark) or, when
/// not UTF-8, Windows-1252 (where `£` is byte A3); commas, or semicolons when the first line
/// has more of them.
pub fn read_csv(name: &str, bytes: &[u8]) -> Result<Table, SheetError> {
    let text = decode_text(bytes);
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut grid = Vec::new();
    // Rows as a spreadsheet numbers them: a blank line is a row, a line break inside quotes
    // is not, and a line ends in LF or in CRLF (as Excel saves it). Counted by one pass over
    // the text up to each record's first character.
    let bytes = text.as_bytes();
    let (mut scanned, mut row, mut quoted) = (0, 1, false);
    for record in reader.records() {
        let record = record.map_err(|e| SheetError::Unreadable(e.to_string()))?;
        let start = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(bytes.len());
        let content = start
            + bytes[start..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        for &b in &bytes[scanned.min(content)..content] {
            match b {
                b'"' => quoted = !quoted,
                b'\n' if !quoted => row += 1,
                _ => {}
            }
        }
        scanned = scanned.max(content);
        let line = row;
        if grid.len() > MAX_ROWS + HEADER_SEARCH {
            return Err(SheetError::TooManyRows(name.to_string()));
        }
        grid.push((
            line,
            record
                .iter()
                .take(MAX_COLUMNS)
                .map(|f| {
                    if f.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(f.to_string())
                    }
                })
                .collect::<Vec<_>>(),
        ));
    }
    table(name, grid)?.ok_or(SheetError::Empty)
}

/// Reads every sheet of a workbook that has something in it.
pub fn read_workbook(bytes: &[u8]) -> Result<Vec<Table>, SheetError> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| SheetError::Unreadable(e.to_string()))?;
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| SheetError::Unreadable(format!("sheet \"{name}\": {e}")))?;
        let Some((top, left)) = range.start() else {
            continue;
        };
        if range.height() > MAX_ROWS + HEADER_SEARCH {
            return Err(SheetError::TooManyRows(name));
        }
        let skip = usize::try_from(left).unwrap_or(usize::MAX);
        let grid = range
            .rows()
            .enumerate()
            .map(|(i, row)| {
                // Columns before the range's first hold nothing, but keep their letters.
                let mut cells = vec![Cell::Empty; skip.min(MAX_COLUMNS)];
                cells.extend(
                    row.iter()
                        .take(MAX_COLUMNS.saturating_sub(skip))
                        .map(cell_of),
                );
                (top as usize + i + 1, cells)
            })
            .collect();
        if let Some(mut t) = table(&name, grid)? {
            // Which cells are formulas (a workbook that cannot say has none).
            if let Ok(formulas) = book.worksheet_formula(&name) {
                let (top, left) = formulas.start().unwrap_or((0, 0));
                for (r, c, f) in formulas.used_cells() {
                    if !f.trim().is_empty() {
                        t.formulas.insert((top as usize + r + 1, left as usize + c));
                    }
                }
            }
            tables.push(t);
        }
    }
    if tables.is_empty() {
        return Err(SheetError::Empty);
    }
    Ok(tables)
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
                .map_or_else(|| Cell::Number(dt.as_f64()), Cell::Date)
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}

/// The table of a grid of rows: the headings row is the first of the top rows with two or
/// more cells filled (a title above it has one), the data rows those after it that are not
/// wholly empty; `None` when there is nothing at all.
fn table(name: &str, grid: Vec<(usize, Vec<Cell>)>) -> Result<Option<Table>, SheetError> {
    let filled = |cells: &[Cell]| cells.iter().filter(|c| !c.is_empty()).count();
    let Some(first) = grid.iter().position(|(_, c)| filled(c) > 0) else {
        return Ok(None);
    };
    // The top row that reads most like headings; when none names a field, the first with two
    // cells or more.
    let top = || grid.iter().enumerate().skip(first).take(HEADER_SEARCH);
    let named = top()
        .map(|(i, (_, c))| {
            let texts: Vec<String> = c.iter().map(Cell::display).collect();
            (crate::sheet_import::heading_score(&texts), i)
        })
        .filter(|(score, _)| *score >= 2)
        .fold(
            None,
            |best: Option<(usize, usize)>, (score, i)| match best {
                Some((b, _)) if b >= score => best,
                _ => Some((score, i)),
            },
        );
    let header_at = named.map(|(_, i)| i).unwrap_or_else(|| {
        top()
            .find(|(_, (_, c))| filled(c) >= 2)
            .map_or(first, |(i, _)| i)
    });
    let mut rows: Vec<(usize, Vec<Cell>)> = grid
        .into_iter()
        .enumerate()
        .filter(|(i, (_, c))| *i >= header_at && filled(c) > 0)
        .map(|(_, r)| r)
        .collect();
    let (header_row, header_cells) = rows.remove(0);
    if rows.len() > MAX_ROWS {
        return Err(SheetError::TooManyRows(name.to_string()));
    }
    let width = std::iter::once(&header_cells)
        .chain(rows.iter().map(|(_, c)| c))
        .map(|c| c.iter().rposition(|x| !x.is_empty()).map_or(0, |p| p + 1))
        .max()
        .unwrap_or(0);
    let headers = (0..width)
        .map(|i| match header_cells.get(i).map(Cell::display) {
            Some(h) if !h.is_empty() => h.split_whitespace().collect::<Vec<_>>().join(" "),
            _ => format!("Column {}", column_letter(i)),
        })
        .collect();
    for (_, cells) in &mut rows {
        cells.resize(width, Cell::Empty);
    }
    Ok(Some(Table {
        name: name.to_string(),
        header_row,
        headers,
        rows,
        formulas: BTreeSet::new(),
    }))
}

/// Text from bytes: UTF-8 without its byte-order mark, or Windows-1252.
fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

/// The character of a Windows-1252 byte.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &Table) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|(_, c)| c.iter().map(Cell::display).collect())
            .collect()
    }

    #[test]
    fn column_letters_run_as_a_spreadsheet_names_them() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn csv_as_excel_saves_it_is_read_with_row_numbers_a_person_sees() {
        let text = "\u{FEFF}Placements at 1 April 2026\n\nCase ref,Provider,Weekly cost\nCN-1,\"Oak House, Leeds\",\"£4,250.00\"\n,,\nCN-2,\"Line\nbreak\",12\n";
        let t = read_spreadsheet("tracker.csv", text.as_bytes()).unwrap();
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!(t.name, "tracker");
        assert_eq!(t.header_row, 3);
        assert_eq!(t.headers, ["Case ref", "Provider", "Weekly cost"]);
        assert_eq!(
            texts(t),
            [
                vec!["CN-1", "Oak House, Leeds", "£4,250.00"],
                vec!["CN-2", "Line\nbreak", "12"]
            ]
        );
        let rows: Vec<usize> = t.rows.iter().map(|(n, _)| *n).collect();
        assert_eq!(rows, [4, 6], "the blank row 5 is skipped, not renumbered");

        // Excel ends each line with CRLF (and a line break within a cell with LF alone): the
        // rows are numbered the same.
        let crlf = "\u{FEFF}Placements at 1 April 2026\r\n\r\nCase ref,Provider,Weekly cost\r\nCN-1,\"Oak House, Leeds\",\"£4,250.00\"\r\n,,\r\nCN-2,\"Line\nbreak\",12\r\nCN-3,Elm,5\r\n";
        let t = &read_spreadsheet("tracker.csv", crlf.as_bytes()).unwrap()[0];
        assert_eq!(t.header_row, 3);
        let rows: Vec<usize> = t.rows.iter().map(|(n, _)| *n).collect();
        assert_eq!(rows, [4, 6, 7]);
        assert_eq!(t.rows[1].1[1], Cell::Text("Line\nbreak".into()));
    }

    #[test]
    fn windows_1252_and_semicolons_are_understood() {
        let bytes = b"Ref;Cost;Provider\nCN-1;\xA3100;Caf\xE9 \x93Oak\x94\n";
        let t = &read_spreadsheet("old.csv", bytes).unwrap()[0];
        assert_eq!(texts(t), [vec!["CN-1", "£100", "Café “Oak”"]]);
    }

    #[test]
    fn headings_missing_or_repeated_spaces_are_named() {
        let t = &read_csv("x", b"Ref,,Weekly   cost\nA,B,C,D\n").unwrap();
        assert_eq!(t.headers, ["Ref", "Column B", "Weekly cost", "Column D"]);
        assert_eq!(t.rows[0].1.len(), 4);
    }

    #[test]
    fn nothing_and_garbage_are_refused_with_reasons() {
        assert_eq!(read_csv("x", b"\n ,\n"), Err(SheetError::Empty));
        let e = read_spreadsheet("x.xlsx", b"PK\x03\x04 not really a zip").unwrap_err();
        assert!(matches!(e, SheetError::Unreadable(_)), "{e:?}");
        assert!(e.to_string().contains("save it as .xlsx or .csv"));
        let big = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(
            read_spreadsheet("x.csv", &big).unwrap_err().to_string(),
            "the file is 21 MB; a spreadsheet of placements is at most 20 MB (save only the sheet of placements)"
        );
        let many = "a,b\n".repeat(MAX_ROWS + 2);
        assert!(matches!(
            read_csv("x", many.as_bytes()),
            Err(SheetError::TooManyRows(_))
        ));
    }
}
