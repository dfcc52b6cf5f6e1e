//! What any text the application stores may hold, whichever door it comes in by: no control
//! characters (a line break or tab only in long texts), no characters that reorder how text is
//! shown (right-to-left overrides and isolates), and no more than each field's length.

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
    }
    let n = text.chars().count();
    (n > max).then(|| format!("is too long ({n} characters; at most {max})"))
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
    (2..=4).contains(&letters)
        && s.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | ' ' | '-' | '\''))
        && s.len() <= 16
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
