//! What a document printed for publication withholds (Schedule 12A, paragraphs 1–3), and the
//! check that it did: the case's reference and initials in every form a person writes them
//! (`A.B.`, `A. B.`, `A B` in any case, and `AB` in capitals, for in lower case it is often an
//! ordinary word), each distinctive word of the provider's name, the date of
//! birth in every common written form (`01/03/2012`, `1.3.12`, `1st March 2012`, `1 Mar
//! 2012`, `March 1, 2012`, `2012-03-01`), and the references and initials of every other case.
//! Matching is by whole words, ignoring case, across any spaces and line breaks, so that an
//! ordinary word is never cut ("c[withheld]ired") and "Oakfield  House" is still found.

use chrono::{Datelike, NaiveDate};

/// What replaces a withheld value.
pub(crate) const WITHHELD: &str = "[withheld]";

/// Words of providers' names that identify no one on their own.
const GENERIC: &[&str] = &[
    "academy",
    "and",
    "care",
    "centre",
    "center",
    "children",
    "childrens",
    "college",
    "community",
    "company",
    "court",
    "farm",
    "for",
    "foster",
    "fostering",
    "group",
    "hall",
    "home",
    "homes",
    "house",
    "independent",
    "limited",
    "living",
    "lodge",
    "ltd",
    "of",
    "partnership",
    "residential",
    "school",
    "schools",
    "service",
    "services",
    "short",
    "breaks",
    "specialist",
    "support",
    "supported",
    "the",
    "trust",
    "uk",
    "cic",
    "plc",
    "llp",
    "day",
];

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// One thing to withhold, and what it is, for a refusal's message.
#[derive(Clone, Debug)]
enum Pattern {
    /// A run of whole words, lower case.
    Words(Vec<String>),
    /// One whole word exactly as written: initials run together (`AB`), which in lower case
    /// are often ordinary words ("an", "me", "is").
    Capitals(String),
    /// A date in any common written form.
    Date(NaiveDate),
}

/// The identifying values a published document must not hold.
#[derive(Clone, Debug, Default)]
pub(crate) struct Identifiers {
    patterns: Vec<(Pattern, String)>,
}

/// A word of a text: where it is and what it says, in lower case.
struct Token {
    start: usize,
    end: usize,
    lower: String,
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Token {
                    start: s,
                    end: i,
                    lower: text[s..i].to_lowercase(),
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: text.len(),
            lower: text[s..].to_lowercase(),
        });
    }
    out
}

/// Whether what lies between two words can join them into one value: spaces and line breaks,
/// and at most two of `. - / ,` (as in `A. B.`, `CN-0002`, `1/3/12`, `March 1, 2012`).
fn joins(gap: &str) -> bool {
    let marks = gap.chars().filter(|c| !c.is_whitespace()).count();
    marks <= 2
        && gap
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '.' | '-' | '/' | ','))
}

/// The day of a word: `1`, `01`, `1st`, `01st`.
fn day_of(w: &str) -> Option<u32> {
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let rest = &w[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !matches!(rest, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok()
}

/// The month of a word: `3`, `03`, `march`, `mar`, `sept`.
fn month_of(w: &str, numeric: bool) -> Option<u32> {
    if numeric {
        return (w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()))
            .then(|| w.parse().ok())
            .flatten();
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| w == *m || (w.len() == 3 && m.starts_with(w)))
        .map(|i| i as u32 + 1)
}

/// Whether a word is the year of `d`: `2012` or `12`.
fn is_year(w: &str, d: NaiveDate) -> bool {
    w == d.year().to_string() || w == format!("{:02}", d.year().rem_euclid(100))
}

impl Identifiers {
    /// Withholds a case's reference, initials and date of birth; `whose` names it in messages
    /// ("the case" or "another case").
    pub(crate) fn case(
        &mut self,
        reference: &str,
        initials: &str,
        dob: Option<NaiveDate>,
        whose: &str,
    ) {
        let words: Vec<String> = tokens(reference).into_iter().map(|t| t.lower).collect();
        if !words.is_empty() {
            self.patterns.push((
                Pattern::Words(vec![words.concat()]),
                format!("{whose}'s reference"),
            ));
            self.patterns
                .push((Pattern::Words(words), format!("{whose}'s reference")));
        }
        let letters: Vec<String> = initials
            .chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .map(String::from)
            .collect();
        if letters.len() >= 2 {
            self.patterns.push((
                Pattern::Capitals(letters.concat().to_uppercase()),
                format!("{whose}'s initials"),
            ));
            self.patterns
                .push((Pattern::Words(letters), format!("{whose}'s initials")));
        }
        if let Some(d) = dob {
            self.patterns
                .push((Pattern::Date(d), format!("{whose}'s date of birth")));
        }
    }

    /// Withholds a provider's name: the whole of it, and each distinctive word alone.
    pub(crate) fn provider(&mut self, name: &str) {
        let words: Vec<String> = tokens(name).into_iter().map(|t| t.lower).collect();
        if words.is_empty() {
            return;
        }
        for w in &words {
            if w.chars().count() >= 3 && !GENERIC.contains(&w.as_str()) {
                self.patterns.push((
                    Pattern::Words(vec![w.clone()]),
                    "the provider's name".into(),
                ));
            }
        }
        self.patterns
            .push((Pattern::Words(words), "the provider's name".into()));
    }

    /// Whether there is nothing to withhold (a record printed in full).
    pub(crate) fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The longest match at word `i`: how many words, and what it is.
    fn match_at(&self, text: &str, toks: &[Token], i: usize) -> Option<(usize, &str)> {
        let joined = |a: usize| a + 1 < toks.len() && joins(&text[toks[a].end..toks[a + 1].start]);
        let mut best: Option<(usize, &str)> = None;
        for (p, label) in &self.patterns {
            let n = match p {
                Pattern::Words(words) => {
                    let n = words.len();
                    let found = i + n <= toks.len()
                        && words
                            .iter()
                            .enumerate()
                            .all(|(k, w)| toks[i + k].lower == *w)
                        && (0..n - 1).all(|k| joined(i + k));
                    found.then_some(n)
                }
                Pattern::Capitals(w) => (&text[toks[i].start..toks[i].end] == w).then_some(1),
                Pattern::Date(d) => date_at(text, toks, i, *d),
            };
            if let Some(n) = n
                && best.is_none_or(|(m, _)| n > m)
            {
                best = Some((n, label));
            }
        }
        best
    }

    /// `text` with every identifying value replaced by `[withheld]`.
    pub(crate) fn scrub(&self, text: &str) -> String {
        if self.patterns.is_empty() {
            return text.to_string();
        }
        let toks = tokens(text);
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        let mut i = 0;
        while i < toks.len() {
            match self.match_at(text, &toks, i) {
                Some((n, _)) => {
                    out.push_str(&text[copied..toks[i].start]);
                    out.push_str(WITHHELD);
                    copied = toks[i + n - 1].end;
                    i += n;
                }
                None => i += 1,
            }
        }
        out.push_str(&text[copied..]);
        out
    }

    /// The first identifying value `text` still holds: what it is and how it is written.
    pub(crate) fn find(&self, text: &str) -> Option<(String, String)> {
        let toks = tokens(text);
        (0..toks.len()).find_map(|i| {
            self.match_at(text, &toks, i).map(|(n, what)| {
                (
                    what.to_string(),
                    text[toks[i].start..toks[i + n - 1].end].to_string(),
                )
            })
        })
    }
}

/// How many words from `i` write the date `d`, if they do.
fn date_at(text: &str, toks: &[Token], i: usize, d: NaiveDate) -> Option<usize> {
    let w = |k: usize| toks.get(i + k).map(|t| t.lower.as_str());
    let joined =
        |k: usize| i + k + 1 < toks.len() && joins(&text[toks[i + k].end..toks[i + k + 1].start]);
    let day = |k: usize| w(k).and_then(day_of) == Some(d.day());
    let month =
        |k: usize, numeric: bool| w(k).and_then(|x| month_of(x, numeric)) == Some(d.month());
    let year = |k: usize| w(k).is_some_and(|x| is_year(x, d));
    // 1st March 2012, 1 Mar 12, 1st of March 2012
    if day(0) && joined(0) {
        let m = if w(1) == Some("of") && joined(1) {
            2
        } else {
            1
        };
        if month(m, false) && joined(m) && year(m + 1) {
            return Some(m + 2);
        }
        // 01/03/2012, 1.3.12, 01-03-2012
        if month(1, true) && joined(1) && year(2) {
            return Some(3);
        }
    }
    // March 1, 2012
    if month(0, false) && joined(0) && day(1) && joined(1) && year(2) {
        return Some(3);
    }
    // 2012-03-01
    if w(0) == Some(d.year().to_string().as_str()) && joined(0) && month(1, true) && joined(1) {
        let last = w(2).and_then(|x| x.parse::<u32>().ok());
        if last == Some(d.day()) && w(2).is_some_and(|x| x.len() <= 2) {
            return Some(3);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> Identifiers {
        let mut ids = Identifiers::default();
        ids.case(
            "CN-0001",
            "A.B.",
            NaiveDate::from_ymd_opt(2012, 3, 1),
            "the case",
        );
        ids.case("CN-0002", "C.D.", None, "another case");
        ids.case("CN-0081", "H.A.", None, "another case");
        ids.provider("Oakfield House");
        ids
    }

    #[test]
    fn every_written_form_is_withheld_and_no_ordinary_word_is_cut() {
        let ids = ids();
        let cases = [
            ("Oakfield alone", "[withheld] alone"),
            ("at Oakfield  House today", "at [withheld] today"),
            ("at Oakfield\nHouse", "at [withheld]"),
            ("OAKFIELD HOUSE", "[withheld]"),
            ("the house was warm", "the house was warm"),
            (
                "A.B. and A. B. and AB and A B and a.b. and ab",
                "[withheld]. and [withheld]. and [withheld] and [withheld] and [withheld]. and ab",
            ),
            (
                "CN-0002 (C.D.) and CN0002 and cn 0001",
                "[withheld] ([withheld].) and [withheld] and [withheld]",
            ),
            ("born 1st March 2012", "born [withheld]"),
            (
                "born 01.03.2012 or 1 Mar 2012 or 01/03/12",
                "born [withheld] or [withheld] or [withheld]",
            ),
            (
                "born March 1, 2012 or 2012-03-01 or 1st of March 2012",
                "born [withheld] or [withheld] or [withheld]",
            ),
            ("required her chair", "required her chair"),
            (
                "H.A. said HA, and ha ha, an Ha",
                "[withheld]. said [withheld], and ha ha, an Ha",
            ),
            (
                "1 March 2013 and 2 March 2012 and 01/03/2013",
                "1 March 2013 and 2 March 2012 and 01/03/2013",
            ),
            ("ABC and CABIN and CN-00011", "ABC and CABIN and CN-00011"),
        ];
        for (text, want) in cases {
            assert_eq!(ids.scrub(text), want, "{text:?}");
            assert_eq!(ids.find(&ids.scrub(text)), None, "{text:?}");
        }
        let mut brook = Identifiers::default();
        brook.provider("Brook Lodge");
        assert_eq!(
            brook.scrub("At Brook Lodge; brook LODGE. A lodge."),
            "At [withheld]; [withheld]. A lodge."
        );
        assert_eq!(
            ids.find("placed at Oakfield\n House"),
            Some(("the provider's name".into(), "Oakfield\n House".into()))
        );
        assert_eq!(
            ids.find("born 01.03.12"),
            Some(("the case's date of birth".into(), "01.03.12".into()))
        );
    }
}
