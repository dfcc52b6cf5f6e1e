//! Rows of a tracker that are not placements — blank rows, totals and subtotals, the headings
//! written again, a heading over a group of rows, notes under the table — recognised, so that
//! they are left out and named in the report rather than read as cases called "Total".

use std::collections::HashMap;
use std::fmt;

use super::cells::placement_kind;
use super::mapping::{Field, Mapping, squash};
use super::names::words;
use crate::sheet::{Cell, Table};

/// Why a row is not a placement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LeftOut {
    /// Nothing in it.
    Blank,
    /// A total or subtotal: its first cell says so ("Total", "Grand total", "Sub-total"), or
    /// its only values are formulas or the sums of the rows above.
    Totals,
    /// The headings written again.
    Headings,
    /// One text alone within the table, as a heading over the rows below it.
    Section,
    /// Text under the table, with nothing of a placement.
    Note,
}

impl LeftOut {
    /// What the row is, for the report: "a totals row".
    pub fn words(self) -> &'static str {
        match self {
            LeftOut::Blank => "blank",
            LeftOut::Totals => "a totals row",
            LeftOut::Headings => "the headings again",
            LeftOut::Section => "a heading within the table",
            LeftOut::Note => "a note under the table",
        }
    }

    /// Its code: `blank`, `totals`, `headings`, `section`, `note`.
    pub fn code(self) -> &'static str {
        match self {
            LeftOut::Blank => "blank",
            LeftOut::Totals => "totals",
            LeftOut::Headings => "headings",
            LeftOut::Section => "section",
            LeftOut::Note => "note",
        }
    }
}

/// Rows left out: from `first` to `last` (blank rows side by side are one entry), why, and
/// what the row says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOutRows {
    /// The first row's number.
    pub first: usize,
    /// The last row's number (the first, for one row).
    pub last: usize,
    /// Why.
    pub why: LeftOut,
    /// What the row says (its first text, shortened), empty for blank rows.
    pub text: String,
}

impl fmt::Display for LeftOutRows {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.last > self.first {
            write!(f, "Rows {}–{}: ", self.first, self.last)?;
        } else {
            write!(f, "Row {}: ", self.first)?;
        }
        write!(f, "{}", self.why.words())?;
        if !self.text.is_empty() {
            write!(f, " (\u{201C}{}\u{201D})", self.text)?;
        }
        write!(f, ", left out")
    }
}

/// What a left-out row says: its texts in order (not its numbers, whether typed or
/// calculated), shortened to 60 characters.
pub(super) fn row_text(cells: &[Cell]) -> String {
    let all: Vec<String> = cells
        .iter()
        .filter(|c| matches!(c, Cell::Text(_)) && number(c).is_none())
        .map(Cell::display)
        .collect();
    let joined = all
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if joined.chars().count() > 60 {
        format!("{}…", joined.chars().take(59).collect::<String>())
    } else {
        joined
    }
}

/// Whether a cell reads as a case reference: a number, or a short text with a digit and no
/// more than one space ("CN-0001", "LCS 123456").
fn reference_like(c: &Cell) -> bool {
    match c {
        Cell::Number(_) => true,
        Cell::Text(t) => {
            let t = t.trim();
            let parts: Vec<&str> = t.split_whitespace().collect();
            // "LCS 123456" is a reference; "4 placements" is not (a word of small letters).
            let worded = parts.len() > 1
                && parts
                    .iter()
                    .any(|p| p.chars().count() >= 4 && p.chars().all(|c| c.is_lowercase()));
            t.chars().any(|c| c.is_ascii_digit())
                && t.chars().count() <= 30
                && parts.len() <= 2
                && !worded
                && !is_total_label(t)
        }
        _ => false,
    }
}

/// Whether a text says its row is a total: "Total", "Totals", "Sub-total", "Grand total",
/// "Residential total", "Sum" …
fn is_total_label(t: &str) -> bool {
    let w = words(t);
    w.first().is_some_and(|x| x == "sum")
        || w.iter().any(|x| {
            matches!(
                x.as_str(),
                "total" | "totals" | "subtotal" | "subtotals" | "grandtotal"
            )
        })
}

/// The number a cell holds or shows as text ("£1,250.00", "50%"), if any.
fn number(c: &Cell) -> Option<f64> {
    match c {
        Cell::Number(n) if n.is_finite() => Some(*n),
        Cell::Text(t) => {
            let s: String = t
                .chars()
                .filter(|c| !matches!(c, '£' | ',' | ' ' | '%' | '\u{a0}'))
                .collect();
            if s.is_empty()
                || !s
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
            {
                return None;
            }
            s.parse().ok()
        }
        _ => None,
    }
}

/// Why each data row of `table` is left out (`None`: it is read as a placement), under
/// `mapping`.
pub(super) fn classify(table: &Table, mapping: &Mapping) -> Vec<Option<LeftOut>> {
    let heading_words: Vec<String> = table.headers.iter().map(|h| squash(h)).collect();
    let col = |f: Field| mapping.column(f);
    fn cell(cells: &[Cell], c: Option<usize>) -> Option<&Cell> {
        c.map(|c| &cells[c])
    }
    let empty = |c: Option<&Cell>| c.is_none_or(Cell::is_empty);
    let mut out = vec![None; table.rows.len()];
    // The sums of each column over the placements above: since the last total, and all.
    let mut since: HashMap<usize, f64> = HashMap::new();
    let mut all: HashMap<usize, f64> = HashMap::new();
    let mut placement_like = vec![false; table.rows.len()];
    for (i, (row, cells)) in table.rows.iter().enumerate() {
        let filled: Vec<usize> = (0..cells.len()).filter(|&c| !cells[c].is_empty()).collect();
        let reference = cell(cells, col(Field::Reference));
        let start = cell(cells, col(Field::Start));
        // A count of the rows above (=COUNTA(A4:A15)) is not a reference.
        let refish = reference.is_some_and(reference_like)
            && col(Field::Reference).is_none_or(|c| !table.formulas.contains(&(*row, c)));
        let kind_known =
            cell(cells, col(Field::Kind)).is_some_and(|k| placement_kind(&k.display()).is_some());

        // The headings again.
        if filled.len() >= 2
            && filled
                .iter()
                .all(|&c| squash(&cells[c].display()) == heading_words[c])
        {
            out[i] = Some(LeftOut::Headings);
            continue;
        }

        // A total: labelled so, or only formulas and sums of the rows above.
        let leftmost_label = filled
            .first()
            .is_some_and(|&c| matches!(&cells[c], Cell::Text(t) if is_total_label(t)));
        let numbers: Vec<(usize, f64)> = filled
            .iter()
            .filter_map(|&c| number(&cells[c]).map(|n| (c, n)))
            .collect();
        let summed = |c: usize, n: f64| {
            let near = |s: Option<&f64>| s.is_some_and(|s| (s - n).abs() < 0.005 + 1e-9 * s.abs());
            table.formulas.contains(&(*row, c)) || near(since.get(&c)) || near(all.get(&c))
        };
        let others = filled.len() - numbers.len();
        let sums = !numbers.is_empty()
            && others <= 1
            && empty(cell(cells, col(Field::Provider)))
            && numbers.iter().all(|&(c, n)| summed(c, n));
        if !refish && empty(start) && !kind_known && (leftmost_label || sums) {
            out[i] = Some(LeftOut::Totals);
            since.clear();
            continue;
        }

        placement_like[i] =
            refish || !empty(start) || !empty(cell(cells, col(Field::Amount))) || kind_known;
        if placement_like[i] {
            for (c, n) in numbers {
                *since.entry(c).or_default() += n;
                *all.entry(c).or_default() += n;
            }
        }
    }
    // What is not a placement: under the table a note; within it, one text alone a heading.
    let last = placement_like.iter().rposition(|p| *p);
    for (i, (_, cells)) in table.rows.iter().enumerate() {
        if out[i].is_some() || placement_like[i] {
            continue;
        }
        let filled: Vec<&Cell> = cells.iter().filter(|c| !c.is_empty()).collect();
        if last.is_none_or(|l| i > l) {
            out[i] = Some(LeftOut::Note);
        } else if let [Cell::Text(_)] = filled.as_slice() {
            out[i] = Some(LeftOut::Section);
        }
    }
    out
}

/// The blank rows within the table (between its headings and its last row), side by side
/// rows as one entry.
pub(super) fn blank_rows(table: &Table) -> Vec<LeftOutRows> {
    let mut out: Vec<LeftOutRows> = Vec::new();
    let mut expected = table.header_row + 1;
    for (row, _) in &table.rows {
        if *row > expected {
            out.push(LeftOutRows {
                first: expected,
                last: row - 1,
                why: LeftOut::Blank,
                text: String::new(),
            });
        }
        expected = row + 1;
    }
    out
}
