//! What a document printed for publication withholds (Schedule 12A, paragraphs 1–3), and the
//! check that it did (DOMAIN.md, "The record of decision").
//!
//! Matching is done on a *folded* form of the text and of each identifier alike
//! (`panel_core::text::fold`): compatibility forms as their plain letters (ligatures,
//! full-width letters), accents dropped, look-alike letters of other scripts as the Latin ones
//! they imitate, letter case ignored, invisible characters and apostrophes removed, and every
//! kind of space, dash, hyphen, underscore and stop dividing words alike. Then:
//!
//! - a *name or reference* matches its letters and digits in order, its words written together
//!   or apart ("Oakfield" is "Oak-field" is "Oak field"; "CN-0001" is "CN0001", "CN_0001",
//!   "CN‑0001" with a no-break hyphen), beginning and ending on whole words, never inside an
//!   ordinary word ("c[withheld]ired"); a provider's name takes plurals and possessives
//!   ("Oakfields", "Oakfield's"), and a possessive in it may be written without its "'s"
//!   ("St Mary" and "St Marys" for "St. Mary's");
//! - *initials* match as separate letters in any case (`A.B.`, `a b`, `A_B`, `A–B`) and run
//!   together only in capitals (`AB`), for in lower case they are often an ordinary word;
//! - the *date of birth* matches in every common written form: `01/03/2012`, `1.3.12`,
//!   `1st March 2012`, `1 Mar 2012`, `March 1, 2012`, `1 March '12`, `2012-03-01`, US order
//!   `03/01/2012`, and compact `20120301`, `01032012`, `03012012`, `010312`;
//! - a provider's name is withheld whole, each run of its words that begins and ends with a
//!   word that is not generic ("Oak-field" of "Oak-field Lodge"), and each *distinctive* word
//!   alone; a word that is ordinary English ("New", "Oak", "Field", "Mary": the list in
//!   `assets/words/`) or generic ("House", "Lodge") is withheld only where it stands in the
//!   name, so that a record the public reads is still whole.
//!
//! Words may be divided by spaces and line breaks and by up to three stops, commas, slashes,
//! dashes or apostrophes, as people write them.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use panel_core::text::{Folded, fold, folded_words, is_apostrophe, is_invisible};

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

/// Ordinary English words, one a line (source and licence in `assets/words/README.md`).
const ORDINARY_ENGLISH: &str = include_str!("../../../assets/words/ordinary-english.txt");

/// Whether a folded word is ordinary English, or its plural or possessive is.
fn is_ordinary(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let words = WORDS.get_or_init(|| ORDINARY_ENGLISH.lines().collect());
    words.contains(word)
        || word.strip_suffix('s').is_some_and(|w| words.contains(w))
        || word.strip_suffix("es").is_some_and(|w| words.contains(w))
}

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

/// One thing to withhold.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Pattern {
    /// A name or reference: its folded words in order, written together or apart; with
    /// `stems`, each word may take a final "s" (plurals, possessives).
    Name { words: Vec<Vec<char>>, stems: bool },
    /// Initials written apart: each letter a word of its own, in any case.
    Letters(Vec<char>),
    /// Initials run together, only in capitals (`AB`): in lower case often an ordinary word.
    Capitals(Vec<char>),
    /// A date in any common written form.
    Date(NaiveDate),
}

/// The identifying values a published document must not hold.
#[derive(Clone, Debug, Default)]
pub(crate) struct Identifiers {
    patterns: Vec<(Pattern, String)>,
    /// The patterns already held, so that one given twice (a provider of two placements, a
    /// run of its words also its whole name) is held once.
    held: HashSet<Pattern>,
    /// The patterns by the first letter or digit they match.
    by_first: HashMap<char, Vec<usize>>,
    /// The dates, tried at every word.
    dates: Vec<usize>,
}

/// A text folded for matching: its letters and digits, and its words as runs of them.
struct View<'t> {
    text: &'t str,
    units: Vec<Folded>,
    /// Each word's units, `start..end`.
    words: Vec<(usize, usize)>,
    /// The word of each unit.
    word_of: Vec<usize>,
    /// Each word's letters and digits.
    spelled: Vec<String>,
}

impl<'t> View<'t> {
    fn new(text: &'t str) -> Self {
        let units = fold(text);
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut word_of = Vec::with_capacity(units.len());
        for (i, u) in units.iter().enumerate() {
            match words.last_mut() {
                Some(w) if !u.word_start => w.1 = i + 1,
                _ => words.push((i, i + 1)),
            }
            word_of.push(words.len() - 1);
        }
        let spelled = words
            .iter()
            .map(|&(a, b)| units[a..b].iter().map(|u| u.ch).collect())
            .collect();
        View {
            text,
            units,
            words,
            word_of,
            spelled,
        }
    }

    /// Whether unit `b` follows unit `a` as part of one written value: in the same word, or
    /// across a gap of spaces, line breaks and at most three stops, commas, slashes, dashes,
    /// underscores or apostrophes.
    fn joined(&self, a: usize, b: usize) -> bool {
        let (x, y) = (&self.units[a], &self.units[b]);
        if !y.word_start || x.end >= y.start {
            return true;
        }
        let mut marks = 0;
        for c in self.text[x.end..y.start].chars() {
            if c.is_whitespace() || is_invisible(c) {
                continue;
            }
            if is_dash(c)
                || is_apostrophe(c)
                || matches!(
                    c,
                    '_' | '.' | '/' | ',' | '\u{FF0E}' | '\u{FF0F}' | '\u{FF0C}'
                )
            {
                marks += 1;
            } else {
                return false;
            }
        }
        marks <= 3
    }

    /// Whether a value may end before unit `u`: at a word's end.
    fn ends_at(&self, u: usize) -> bool {
        u == self.units.len() || self.units[u].word_start
    }

    /// Where `form` ends if it is written from unit `u`.
    fn spells(&self, u: usize, form: &[char]) -> Option<usize> {
        if u + form.len() > self.units.len() {
            return None;
        }
        for (k, c) in form.iter().enumerate() {
            if self.units[u + k].ch != *c || (k > 0 && !self.joined(u + k - 1, u + k)) {
                return None;
            }
        }
        Some(u + form.len())
    }

    /// Where the name `words[k..]` ends if written from unit `u`: the longest way.
    fn name_from(&self, u: usize, words: &[Vec<char>], k: usize, stems: bool) -> Option<usize> {
        let Some(word) = words.get(k) else {
            return self.ends_at(u).then_some(u);
        };
        if u >= self.units.len() || (k > 0 && !self.joined(u - 1, u)) {
            return None;
        }
        let after = self.spells(u, word)?;
        let mut best = self.name_from(after, words, k + 1, stems);
        let plural = after < self.units.len()
            && self.units[after].ch == 's'
            && !self.units[after].word_start;
        if stems && plural {
            best = best.max(self.name_from(after + 1, words, k + 1, stems));
        }
        best
    }

    /// Where initials written apart end, if they start at unit `u`.
    fn letters_from(&self, u: usize, letters: &[char]) -> Option<usize> {
        let w = self.word_of[u];
        let mut end = u;
        for (k, c) in letters.iter().enumerate() {
            let &(a, b) = self.words.get(w + k)?;
            if b - a != 1 || self.units[a].ch != *c || (k > 0 && !self.joined(end - 1, a)) {
                return None;
            }
            end = b;
        }
        Some(end)
    }

    /// Where initials run together in capitals end, if they start at unit `u`.
    fn capitals_from(&self, u: usize, letters: &[char]) -> Option<usize> {
        let (a, b) = self.words[self.word_of[u]];
        let units = &self.units[a..b];
        (units.len() == letters.len()
            && units
                .iter()
                .zip(letters)
                .all(|(x, c)| x.ch == *c && x.capital))
        .then_some(b)
    }

    /// Where the date `d` ends if written from unit `u`.
    fn date_from(&self, u: usize, d: NaiveDate) -> Option<usize> {
        let first = self.word_of[u];
        date_at(self, first, d).map(|n| self.words[first + n - 1].1)
    }
}

/// Whether `c` is a dash or hyphen of any kind.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{58A}' | '\u{5BE}' | '\u{1400}' | '\u{1806}' | '\u{2010}'
            ..='\u{2015}'
                | '\u{2212}'
                | '\u{2E17}'
                | '\u{2E1A}'
                | '\u{2E3A}'
                | '\u{2E3B}'
                | '\u{301C}'
                | '\u{3030}'
                | '\u{30A0}'
                | '\u{FE31}'
                | '\u{FE32}'
                | '\u{FE58}'
                | '\u{FE63}'
                | '\u{FF0D}'
    )
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

/// How many words from word `i` write the date `d`, if they do.
fn date_at(v: &View, i: usize, d: NaiveDate) -> Option<usize> {
    let w = |k: usize| v.spelled.get(i + k).map(String::as_str);
    let joined = |k: usize| {
        i + k + 1 < v.words.len() && v.joined(v.words[i + k].1 - 1, v.words[i + k + 1].0)
    };
    let day = |k: usize| w(k).and_then(day_of) == Some(d.day());
    let month =
        |k: usize, numeric: bool| w(k).and_then(|x| month_of(x, numeric)) == Some(d.month());
    let year = |k: usize| w(k).is_some_and(|x| is_year(x, d));
    // 20120301, 01032012, 03012012 (US), 010312
    let (y, m, dd) = (d.year(), d.month(), d.day());
    if w(0).is_some_and(|x| {
        x.len() >= 6
            && x.bytes().all(|b| b.is_ascii_digit())
            && [
                format!("{y:04}{m:02}{dd:02}"),
                format!("{dd:02}{m:02}{y:04}"),
                format!("{m:02}{dd:02}{y:04}"),
                format!("{dd:02}{m:02}{:02}", y.rem_euclid(100)),
            ]
            .iter()
            .any(|f| f == x)
    }) {
        return Some(1);
    }
    // 1st March 2012, 1 Mar 12, 1st of March 2012, 1 March '12
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
    // March 1, 2012; and the US order 03/01/2012, 3/1/12
    for numeric in [false, true] {
        if month(0, numeric) && joined(0) && day(1) && joined(1) && year(2) {
            return Some(3);
        }
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

/// `name` with each possessive "'s" (any apostrophe) taken away: "St. Mary's" is "St. Mary".
fn without_possessives(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < chars.len() {
        let possessive = is_apostrophe(chars[i])
            && chars.get(i + 1).is_some_and(|c| matches!(c, 's' | 'S'))
            && chars.get(i + 2).is_none_or(|c| !c.is_alphanumeric());
        if possessive {
            i += 2;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Whether a folded word of a provider's name identifies no one by itself.
fn is_generic(word: &str) -> bool {
    GENERIC.contains(&word)
}

fn chars(words: &[String]) -> Vec<Vec<char>> {
    words.iter().map(|w| w.chars().collect()).collect()
}

impl Identifiers {
    fn push(&mut self, pattern: Pattern, label: String) {
        if self.held.contains(&pattern) {
            return;
        }
        let first = match &pattern {
            Pattern::Name { words, .. } => words.first().and_then(|w| w.first()).copied(),
            Pattern::Letters(l) | Pattern::Capitals(l) => l.first().copied(),
            Pattern::Date(_) => None,
        };
        let index = self.patterns.len();
        match (&pattern, first) {
            (Pattern::Date(_), _) => self.dates.push(index),
            (_, Some(c)) => self.by_first.entry(c).or_default().push(index),
            (_, None) => return,
        }
        self.held.insert(pattern.clone());
        self.patterns.push((pattern, label));
    }

    /// Withholds a case's reference, initials and date of birth; `whose` names it in messages
    /// ("the case" or "another case").
    pub(crate) fn case(
        &mut self,
        reference: &str,
        initials: &str,
        dob: Option<NaiveDate>,
        whose: &str,
    ) {
        let words = folded_words(reference);
        if !words.is_empty() {
            self.push(
                Pattern::Name {
                    words: chars(&words),
                    stems: false,
                },
                format!("{whose}'s reference"),
            );
        }
        let letters: Vec<char> = fold(initials)
            .iter()
            .map(|f| f.ch)
            .filter(|c| c.is_alphabetic())
            .collect();
        if letters.len() >= 2 {
            self.push(
                Pattern::Capitals(letters.clone()),
                format!("{whose}'s initials"),
            );
            self.push(Pattern::Letters(letters), format!("{whose}'s initials"));
        }
        if let Some(d) = dob {
            self.push(Pattern::Date(d), format!("{whose}'s date of birth"));
        }
    }

    /// Withholds a provider's name: the whole of it, each run of its words that begins and
    /// ends with a word that is not generic, and each distinctive word alone (neither generic
    /// nor ordinary English, and of three letters or more).
    pub(crate) fn provider(&mut self, name: &str) {
        self.provider_words(&folded_words(name));
        // A possessive is written with its "'s" or without it: "St Mary" is "St. Mary's".
        self.provider_words(&folded_words(&without_possessives(name)));
    }

    fn provider_words(&mut self, words: &[String]) {
        let n = words.len();
        let label = || "the provider's name".to_string();
        for i in 0..n {
            for j in i + 1..=n {
                let whole = i == 0 && j == n;
                let run = j - i >= 2 && !is_generic(&words[i]) && !is_generic(&words[j - 1]);
                let single = j - i == 1
                    && words[i].chars().count() >= 3
                    && !is_generic(&words[i])
                    && !is_ordinary(&words[i]);
                if whole || run || single {
                    self.push(
                        Pattern::Name {
                            words: chars(&words[i..j]),
                            stems: true,
                        },
                        label(),
                    );
                }
            }
        }
    }

    /// Whether there is nothing to withhold (a record printed in full).
    pub(crate) fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The longest match at unit `u` (a word's start): where it ends, and what it is.
    fn match_at(&self, v: &View, u: usize) -> Option<(usize, &str)> {
        let candidates = self
            .by_first
            .get(&v.units[u].ch)
            .into_iter()
            .flatten()
            .chain(&self.dates);
        let mut best: Option<(usize, &str)> = None;
        for &i in candidates {
            let (pattern, label) = &self.patterns[i];
            let end = match pattern {
                Pattern::Name { words, stems } => v.name_from(u, words, 0, *stems),
                Pattern::Letters(l) => v.letters_from(u, l),
                Pattern::Capitals(l) => v.capitals_from(u, l),
                Pattern::Date(d) => v.date_from(u, *d),
            };
            if let Some(end) = end
                && best.is_none_or(|(e, _)| end > e)
            {
                best = Some((end, label));
            }
        }
        best
    }

    /// Every match in `text`, left to right, each as the bytes it covers and what it is.
    fn matches<'a>(&'a self, v: &View) -> Vec<(usize, usize, &'a str)> {
        let mut found = Vec::new();
        let mut u = 0;
        while u < v.units.len() {
            if !v.units[u].word_start {
                u += 1;
                continue;
            }
            match self.match_at(v, u) {
                Some((end, what)) => {
                    found.push((v.units[u].start, v.units[end - 1].end, what));
                    u = end;
                }
                None => u += 1,
            }
        }
        found
    }

    /// `text` with every identifying value replaced by `[withheld]`.
    pub(crate) fn scrub(&self, text: &str) -> String {
        if self.patterns.is_empty() {
            return text.to_string();
        }
        let view = View::new(text);
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        for (start, end, _) in self.matches(&view) {
            out.push_str(&text[copied..start]);
            out.push_str(WITHHELD);
            copied = end;
        }
        out.push_str(&text[copied..]);
        out
    }

    /// The first identifying value `text` still holds: what it is and how it is written.
    pub(crate) fn find(&self, text: &str) -> Option<(String, String)> {
        let view = View::new(text);
        (0..view.units.len())
            .filter(|&u| view.units[u].word_start)
            .find_map(|u| {
                self.match_at(&view, u).map(|(end, what)| {
                    (
                        what.to_string(),
                        text[view.units[u].start..view.units[end - 1].end].to_string(),
                    )
                })
            })
    }
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
            brook.scrub("At Brook Lodge; brook LODGE. A lodge by a brook."),
            "At [withheld]; [withheld]. A lodge by a brook."
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

    #[test]
    fn separators_invisible_characters_and_look_alikes_do_not_hide_a_value() {
        let ids = ids();
        for text in [
            "A_B",
            "A\u{2013}B",
            "A\u{2011}B",
            "a\u{A0}b",
            "CN\u{2011}0001",
            "CN_0002",
            "CN\u{2013}0002",
            "CN\u{2014}0002",
            "CN\u{200B}0001",
            "\u{421}N-0001",
            "ＣＮ－０００１",
            "Oak-field",
            "Oak field",
            "Oak_field",
            "Oakfields",
            "Oakfield's",
            "Oak\u{AD}field",
            "Oak\u{200B}field",
            "Oakﬁeld",
            "\u{41E}akfield",
            "20120301",
            "01032012",
            "03/01/2012",
            "1 March '12",
            "1 March \u{2019}12",
        ] {
            let sentence = format!("Seen: {text}.");
            assert_eq!(ids.scrub(&sentence), "Seen: [withheld].", "{text:?}");
            assert!(ids.find(&sentence).is_some(), "{text:?}");
        }
    }

    #[test]
    fn a_providers_ordinary_words_are_withheld_only_in_its_name() {
        let mut ids = Identifiers::default();
        ids.provider("New Horizons");
        ids.provider("Oak-field Lodge");
        ids.provider("St. Mary's");
        for (text, want) in [
            ("A new placement", "A new placement"),
            (
                "An oak tree and a playing field",
                "An oak tree and a playing field",
            ),
            ("Chair Mary Jones", "Chair Mary Jones"),
            ("at New Horizons", "at [withheld]"),
            ("at new-horizons", "at [withheld]"),
            ("at Oakfield Lodge", "at [withheld]"),
            ("at Oakfield", "at [withheld]"),
            ("at St Marys", "at [withheld]"),
            ("at St. Mary's", "at [withheld]"),
            ("at St Mary", "at [withheld]"),
            ("a new horizon", "a new horizon"),
            ("the horizons of a lodge", "the horizons of a lodge"),
        ] {
            assert_eq!(ids.scrub(text), want, "{text:?}");
        }
    }
}
