//! What any text the application stores may hold, whichever door it comes in by: no control
//! characters (a line break or tab only in long texts), no characters that reorder how text is
//! shown (right-to-left overrides and isolates), no invisible characters (zero-width spaces and
//! joiners, soft hyphens), and no more than each field's length; text is kept in Unicode NFC.
//!
//! And the two ways text is compared, so that what looks the same is the same: the *identity*
//! of a name or reference (for uniqueness: compatibility forms folded, look-alike letters of
//! other scripts mapped to the Latin letters they imitate, letter case and runs of spaces
//! ignored), and the *folded* letters and digits of a text (for the published record's
//! redaction, which also treats every dash, underscore and space alike).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};
use unicode_security::MixedScript;

/// The longest text of each kind, in characters: the same limits for the forms and the files.
pub mod limit {
    /// A name, agency, role, venue, chair, provider, title or description.
    pub const NAME: usize = 200;
    /// A decision's subject.
    pub const SUBJECT: usize = 300;
    /// One lettered paragraph or one condition.
    pub const PARAGRAPH: usize = 4000;
    /// An action.
    pub const ACTION: usize = 2000;
    /// An action's owner.
    pub const OWNER: usize = 120;
    /// Reasons, alternatives, needs, notes and other long texts.
    pub const LONG: usize = 100_000;
}

/// Why `text` cannot be stored, if it cannot: a control character (line breaks and tabs are
/// allowed when `multiline`), a character that reorders the display, or more than `max`
/// characters.
pub fn text_problem(text: &str, max: usize, multiline: bool) -> Option<String> {
    for c in text.chars() {
        let allowed_space = multiline && matches!(c, '\n' | '\r' | '\t');
        if c.is_control() && !allowed_space {
            return Some(match c {
                '\n' | '\r' => "must be on one line (it contains a line break)".to_string(),
                _ => format!(
                    "contains a control character (U+{:04X}) that cannot be stored",
                    u32::from(c)
                ),
            });
        }
        if matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
        {
            return Some(format!(
                "contains a character (U+{:04X}) that changes the direction text is shown in",
                u32::from(c)
            ));
        }
        if is_invisible(c) {
            return Some(format!(
                "contains an invisible character (U+{:04X}{}) that would hide what the text says",
                u32::from(c),
                invisible_name(c)
                    .map(|n| format!(", {n}"))
                    .unwrap_or_default()
            ));
        }
    }
    let n = text.chars().count();
    (n > max).then(|| format!("is too long ({n} characters; at most {max})"))
}

/// `text` in Unicode normalisation form C, as every door stores it: "é" typed as "e" and a
/// combining accent is the same text as "é" typed at once.
pub fn normalise(text: &str) -> String {
    if unicode_normalization::is_nfc(text) {
        text.to_string()
    } else {
        text.nfc().collect()
    }
}

/// Whether `c` shows nothing: Unicode's default-ignorable code points (soft hyphen,
/// zero-width space, non-joiner and joiner, word joiner, byte-order mark, direction marks
/// and controls, variation selectors, fillers and tags).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{61C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// What the commonest invisible characters are called, for a message.
fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{AD}' => "a soft hyphen",
        '\u{200B}' => "a zero-width space",
        '\u{200C}' => "a zero-width non-joiner",
        '\u{200D}' => "a zero-width joiner",
        '\u{2060}' => "a word joiner",
        '\u{FEFF}' => "a byte-order mark",
        _ => return None,
    })
}

/// The identity of a name, reference or code, for telling whether two are the same: NFKC
/// (so a full-width "ＣＮ" or a ligature "ﬁ" is its plain letters), look-alike letters of
/// other scripts as the Latin letters they imitate (a Cyrillic "С" is "C"; Unicode TR39's
/// confusable skeleton, applied to letters outside ASCII only), invisible characters removed,
/// letter case ignored and every run of spaces (no-break spaces too) one space. "Personal
/// care", "personal  care" and "Personal\u{A0}care" are one name.
pub fn identity(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfkc() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        for d in latin_look_alike(c) {
            out.extend(d.to_lowercase());
        }
    }
    out
}

/// `c`, or the ASCII letters or digits it is made to look like when it is a letter of another
/// script (Unicode TR39's confusable skeleton): Cyrillic "С" and Greek "Ο" are "C" and "O".
/// ASCII itself is left as it is (the skeleton would make "m" "rn" and "0" "O").
fn latin_look_alike(c: char) -> Vec<char> {
    if c.is_ascii() || !c.is_alphanumeric() {
        return vec![c];
    }
    let mut buf = [0u8; 4];
    let skeleton: Vec<char> = unicode_security::skeleton(c.encode_utf8(&mut buf)).collect();
    if !skeleton.is_empty() && skeleton.iter().all(char::is_ascii_alphanumeric) {
        skeleton
    } else {
        vec![c]
    }
}

/// Why a reference or code cannot be one, if it cannot: letters of different scripts mixed
/// (a Latin "CN" with a Cyrillic "С" in it), which a reader cannot tell apart.
pub fn mixed_script_problem(text: &str) -> Option<String> {
    if text.is_single_script() {
        return None;
    }
    let foreign: Vec<String> = text
        .chars()
        .filter(|c| !c.is_ascii() && c.is_alphabetic())
        .map(|c| format!("\"{c}\" (U+{:04X})", u32::from(c)))
        .collect();
    Some(format!(
        "mixes letters of different scripts that look alike ({}): type it in one script",
        if foreign.is_empty() {
            "letters of more than one script".to_string()
        } else {
            foreign.join(", ")
        }
    ))
}

/// One letter or digit of a text folded for matching, and where in the text it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Folded {
    /// The letter or digit, in lower case, without accents, a look-alike of another script
    /// as the Latin letter it imitates.
    pub ch: char,
    /// Where the character it came from starts in the text (bytes).
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// Whether a word starts here: something other than a letter, a digit, an apostrophe or
    /// an invisible character stands before it (a space of any kind, a dash, an underscore,
    /// a stop), or it is the first.
    pub word_start: bool,
    /// Whether it was written as a capital.
    pub capital: bool,
}

/// Whether `c` is an apostrophe, which joins a word rather than divides it ("Mary's").
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{2BC}' | '`' | '\u{2032}' | '\u{FF07}'
    )
}

/// The letters and digits of `text`, folded so that every way of writing one word reads the
/// same: compatibility forms as their plain letters (ligatures, full-width and styled
/// letters), accents removed, look-alike letters of other scripts as Latin, lower case;
/// invisible characters and apostrophes dropped without dividing a word; everything else
/// (every kind of space, dash and hyphen, underscores, stops) dividing words alike.
pub fn fold(text: &str) -> Vec<Folded> {
    let mut out = Vec::with_capacity(text.len());
    let mut word_start = true;
    for (start, c) in text.char_indices() {
        let end = start + c.len_utf8();
        if is_invisible(c) || is_apostrophe(c) {
            continue;
        }
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(Folded {
                    ch: c.to_ascii_lowercase(),
                    start,
                    end,
                    word_start,
                    capital: c.is_ascii_uppercase(),
                });
                word_start = false;
            } else {
                word_start = true;
            }
            continue;
        }
        let mut parts = Vec::new();
        decompose_compatible(c, |d| parts.push(d));
        for d in parts {
            if is_combining_mark(d) || is_invisible(d) {
                continue;
            }
            if !d.is_alphanumeric() {
                word_start = true;
                continue;
            }
            for e in latin_look_alike(d) {
                let capital = e.is_uppercase();
                for ch in e.to_lowercase() {
                    out.push(Folded {
                        ch,
                        start,
                        end,
                        word_start,
                        capital,
                    });
                    word_start = false;
                }
            }
        }
    }
    out
}

/// The words of `text` folded (`fold`): "St. Mary's" is `["st", "marys"]`, "Oak‑field" is
/// `["oak", "field"]`.
pub fn folded_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for f in fold(text) {
        match words.last_mut() {
            Some(w) if !f.word_start => w.push(f.ch),
            _ => words.push(f.ch.to_string()),
        }
    }
    words
}

/// The limit and whether line breaks are allowed, for a field of the interchange format by
/// its key.
pub fn field_rule(key: &str) -> (usize, bool) {
    match key {
        "subject" => (limit::SUBJECT, false),
        "paragraphs" | "conditions" => (limit::PARAGRAPH, true),
        "action" => (limit::ACTION, true),
        "owner" => (limit::OWNER, false),
        "reasons" | "alternatives" | "needs" | "notes" | "ask" | "interest" | "dispensation" => {
            (limit::LONG, true)
        }
        _ => (limit::NAME, false),
    }
}

/// Why `r` cannot be a case reference, if it cannot: up to 32 characters, each a letter A–Z,
/// a digit, `-`, `/` or `_` — so that no reference hides a letter of another script that
/// looks like a Latin one ("СN-0001" with a Cyrillic "С"), a space or an invisible character.
pub fn case_reference_problem(r: &str) -> Option<String> {
    if r.chars().count() > 32 {
        return Some(format!(
            "\"{r}\" is too long for a case reference (at most 32 characters)"
        ));
    }
    if let Some(c) = r
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '_')))
    {
        let why = mixed_script_problem(r)
            .map(|p| format!(": it {p}"))
            .unwrap_or_default();
        return Some(format!(
            "\"{r}\" may hold only letters A–Z, digits, - / and _ (not \"{c}\", U+{:04X}){why}",
            u32::from(c)
        ));
    }
    None
}

/// Whether `c` can be a partner code.
pub fn valid_partner_code(c: &str) -> bool {
    !c.is_empty()
        && c.len() <= 16
        && c.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether `s` looks like initials (`A.B.`, `AB`, `A B`): two to four letters, nothing else
/// but dots, spaces and hyphens — so a full name cannot be stored by mistake.
pub fn valid_initials(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    // A capital followed by small letters is a name, not initials: "Tom", "Jo" (a column
    // headed "Name" or "Child" may hold first names).
    let name_like = s.split(['.', ' ', '-', '\'']).any(|w| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
    });
    (2..=4).contains(&letters)
        && !name_like
        && s.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | ' ' | '-' | '\''))
        && s.len() <= 16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_are_capitals_never_a_name() {
        for good in ["A.B.", "AB", "A B", "A.B.C.D.", "ab", "A-B", "O'N"] {
            assert!(valid_initials(good), "{good}");
        }
        for bad in ["Tom", "Jo", "Tom Walker", "A.", "ABCDE", "A.B.1", "Al B."] {
            assert!(!valid_initials(bad), "{bad}");
        }
    }

    #[test]
    fn control_and_reordering_characters_and_length_are_refused() {
        assert_eq!(text_problem("Oakfield House", 200, false), None);
        assert_eq!(text_problem("one\ntwo\r\n\tthree", 200, true), None);
        assert!(
            text_problem("one\ntwo", 200, false)
                .unwrap()
                .contains("one line")
        );
        for bad in ["bell\u{7}", "nul\0", "esc\u{1b}[0m"] {
            assert!(
                text_problem(bad, 200, true)
                    .unwrap()
                    .contains("control character"),
                "{bad:?}"
            );
        }
        assert!(
            text_problem("abc\u{202E}fed", 200, true)
                .unwrap()
                .contains("U+202E")
        );
        assert!(
            text_problem(&"x".repeat(301), limit::SUBJECT, false)
                .unwrap()
                .contains("301 characters; at most 300")
        );
        assert_eq!(text_problem(&"é".repeat(300), limit::SUBJECT, false), None);
        for (bad, name) in [
            ("CN\u{200B}-0001", "U+200B, a zero-width space"),
            ("Oak\u{AD}field", "U+00AD, a soft hyphen"),
            ("A\u{2060}B", "U+2060, a word joiner"),
            ("\u{FEFF}Oakfield", "U+FEFF, a byte-order mark"),
        ] {
            let problem = text_problem(bad, 200, true).unwrap_or_default();
            assert!(
                problem.contains("invisible character") && problem.contains(name),
                "{bad:?}: {problem}"
            );
        }
    }

    #[test]
    fn text_is_kept_composed() {
        assert_eq!(normalise("Rene\u{301}e"), "Renée");
        assert_eq!(normalise("Renée"), "Renée");
    }

    #[test]
    fn names_that_look_the_same_have_one_identity() {
        let one = identity("CN-0001");
        for same in ["cn-0001", "ＣＮ-0001", "\u{421}N-0001", " CN-0001 "] {
            assert_eq!(identity(same), one, "{same:?}");
        }
        assert_ne!(identity("CN-0002"), one);
        let care = identity("Personal care");
        for same in [
            "Personal  care",
            "Personal\u{A0}care",
            "PERSONAL CARE",
            "Personal\u{2003}care",
        ] {
            assert_eq!(identity(same), care, "{same:?}");
        }
        assert_eq!(identity("o\u{FB03}ce"), identity("office"));
        assert_eq!(identity("Jo  Bloggs"), identity("jo bloggs"));
    }

    #[test]
    fn mixed_scripts_are_named() {
        assert_eq!(mixed_script_problem("CN-0001"), None);
        assert_eq!(mixed_script_problem("Żaneta"), None);
        let problem = mixed_script_problem("\u{421}N-0001").unwrap_or_default();
        assert!(problem.contains("U+0421"), "{problem}");
    }

    #[test]
    fn every_way_of_writing_a_word_folds_alike() {
        let words = |t: &str| folded_words(t);
        assert_eq!(words("St. Mary's"), ["st", "marys"]);
        assert_eq!(words("St Marys"), ["st", "marys"]);
        for oak in [
            "Oak-field",
            "Oak field",
            "Oak_field",
            "Oak\u{2013}field",
            "Oak\u{2011}field",
            "Oak\u{A0}field",
            "OAK\u{2014}FIELD",
        ] {
            assert_eq!(words(oak), ["oak", "field"], "{oak:?}");
        }
        for oakfield in [
            "Oak\u{AD}field",
            "Oak\u{200B}field",
            "Oakﬁeld",
            "Ｏａｋｆｉｅｌｄ",
            "\u{41E}akfield",
            "Oakfiéld",
        ] {
            assert_eq!(words(oakfield), ["oakfield"], "{oakfield:?}");
        }
        let f = fold("Aﬁ");
        assert_eq!(f.iter().map(|x| x.ch).collect::<String>(), "afi");
        assert_eq!((f[1].start, f[1].end, f[2].start), (1, 4, 1));
        assert!(f[0].capital && !f[1].capital);
    }
}
