//! What holds across records of one file: ratifications bring a chair's action of their case
//! taken before the meeting, and decision numbers run without gaps or duplicates (rule 8).

use std::collections::HashMap;

use crate::dataset::*;
use crate::model::*;
use crate::year::FinancialYear;

use super::*;

impl Reader {
    /// A ratification item brings a chair's action of its case taken before its meeting
    /// (rule 15). One numbered outside the file is checked against the database on import.
    pub(super) fn check_ratifications(&mut self, out: &Dataset) {
        for (mi, m) in out.meetings.iter().enumerate() {
            for (ii, it) in m.items.iter().enumerate() {
                let Some(n) = &it.ratifies else { continue };
                let Some(d) = out.decisions.iter().find(|d| d.number.as_ref() == Some(n)) else {
                    continue;
                };
                let problem = if !d.urgent {
                    Some(format!("{n} is not a chair's action"))
                } else if Some(d.case) != it.case {
                    Some(format!("{n} is about another case"))
                } else if d.decided_on > m.date {
                    Some(format!("{n} was taken after this meeting"))
                } else {
                    None
                };
                if let Some(p) = problem {
                    self.problem(&format!("meetings[{mi}].items[{ii}].ratifies"), p);
                }
            }
        }
    }

    /// Rule 8 within the file: final numbers unique, and 1..n without gaps in each year.
    pub(super) fn check_numbering(&mut self, decisions: &[Decision]) {
        let mut by_year: HashMap<FinancialYear, Vec<u32>> = HashMap::new();
        for d in decisions {
            if let Some(n) = &d.number {
                by_year.entry(n.year).or_default().push(n.seq);
            }
        }
        let mut years: Vec<_> = by_year.into_iter().collect();
        years.sort();
        for (year, mut seqs) in years {
            seqs.sort_unstable();
            for (i, s) in seqs.iter().enumerate() {
                let expected = i as u32 + 1;
                if *s != expected {
                    let what = if i > 0 && seqs[i - 1] == *s {
                        "is used twice"
                    } else {
                        "leaves a gap"
                    };
                    self.problem("decisions", format!("decision number {:04} of {year} {what}: numbers run from 0001 with no gaps and no duplicates", s));
                    break;
                }
            }
        }
    }
}
