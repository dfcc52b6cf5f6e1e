//! Who may open the database and who is working in it: the passphrase that encrypts the file,
//! and the named user each session's changes are recorded against.

use std::fmt;

/// The fewest characters a new passphrase may have. Three random words pass easily; a short
/// password does not.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

/// The most characters a passphrase may have.
pub const MAX_PASSPHRASE_CHARS: usize = 256;

/// A passphrase: the secret the database file is encrypted under. Never printed: its `Debug`
/// shows only its length; its memory is wiped when it is dropped (so nothing of it is kept
/// after the database is locked).
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(zeroize::Zeroizing<String>);

impl Passphrase {
    /// A passphrase given to unlock a database: anything but nothing (a wrong one is found out
    /// by the file, not here).
    pub fn given(text: &str) -> Result<Passphrase, String> {
        if text.is_empty() {
            return Err("enter the passphrase".into());
        }
        if text.chars().count() > MAX_PASSPHRASE_CHARS {
            return Err(format!(
                "a passphrase has at most {MAX_PASSPHRASE_CHARS} characters"
            ));
        }
        Ok(Passphrase(zeroize::Zeroizing::new(text.to_string())))
    }

    /// A passphrase being chosen (first start, encrypting, changing it): long enough to resist
    /// guessing, no control characters, not spaces at either end (which are easily mistyped).
    pub fn chosen(text: &str) -> Result<Passphrase, String> {
        let chars = text.chars().count();
        if chars == 0 {
            return Err("choose a passphrase".into());
        }
        if text.chars().any(char::is_control) {
            return Err(
                "a passphrase cannot hold tabs, line breaks or other control characters".into(),
            );
        }
        if text.trim() != text {
            return Err("a passphrase cannot begin or end with a space".into());
        }
        if chars < MIN_PASSPHRASE_CHARS {
            return Err(format!(
                "a passphrase needs at least {MIN_PASSPHRASE_CHARS} characters ({chars} given): three or four unrelated words make a good one"
            ));
        }
        if text.chars().all(|c| text.starts_with(c)) {
            return Err("a passphrase cannot be one character repeated".into());
        }
        Passphrase::given(text)
    }

    /// A chosen passphrase and its confirmation, which must be the same.
    pub fn chosen_twice(text: &str, again: &str) -> Result<Passphrase, String> {
        let p = Passphrase::chosen(text)?;
        if text != again {
            return Err("the two passphrases are not the same".into());
        }
        Ok(p)
    }

    /// The secret itself, for the database and nothing else.
    pub fn expose(&self) -> &str {
        self.0.as_str()
    }

    /// The secret as an SQL string literal, in memory wiped when dropped: for `PRAGMA key`
    /// and `rekey`, which take no parameters.
    pub fn sql_literal(&self) -> zeroize::Zeroizing<String> {
        let mut out = zeroize::Zeroizing::new(String::with_capacity(self.0.len() + 2));
        out.push('\'');
        for c in self.0.chars() {
            if c == '\'' {
                out.push('\'');
            }
            out.push(c);
        }
        out.push('\'');
        out
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Passphrase({} characters)", self.0.chars().count())
    }
}

/// The most characters a user's name may have.
pub const MAX_USER_CHARS: usize = 60;

/// The named person a session's changes are recorded against in the audit trail: spaces
/// collapsed, 2 to [`MAX_USER_CHARS`] characters, no control characters.
pub fn user_name(text: &str) -> Result<String, String> {
    let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err("enter your name: every change is recorded against it".into());
    }
    if name.chars().any(char::is_control) {
        return Err("a name cannot hold control characters".into());
    }
    let n = name.chars().count();
    if n < 2 {
        return Err("enter your name as colleagues would know it, not an initial".into());
    }
    if n > MAX_USER_CHARS {
        return Err(format!(
            "a name has at most {MAX_USER_CHARS} characters ({n} given)"
        ));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_is_never_printed_and_quoted_whole_for_sql() {
        let p = Passphrase::given("it's my 'secret' phrase").unwrap();
        let shown = format!("{p:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert_eq!(shown, "Passphrase(23 characters)");
        assert_eq!(p.sql_literal().as_str(), "'it''s my ''secret'' phrase'");
        assert_eq!(p.expose(), "it's my 'secret' phrase");
    }

    #[test]
    fn a_chosen_passphrase_must_resist_guessing() {
        assert!(Passphrase::chosen("correct horse battery").is_ok());
        assert!(
            Passphrase::chosen("short")
                .unwrap_err()
                .contains("at least 10")
        );
        assert!(Passphrase::chosen("").unwrap_err().contains("choose"));
        assert!(
            Passphrase::chosen(" leading space")
                .unwrap_err()
                .contains("space")
        );
        assert!(
            Passphrase::chosen("tab\tinside it")
                .unwrap_err()
                .contains("control")
        );
        assert!(
            Passphrase::chosen("aaaaaaaaaaaa")
                .unwrap_err()
                .contains("repeated")
        );
        assert!(
            Passphrase::chosen(&"ab".repeat(200))
                .unwrap_err()
                .contains("at most")
        );
        // Counted in characters, not bytes.
        assert!(Passphrase::chosen("ééééééééé").is_err());
        assert!(Passphrase::chosen("éééééééééa").is_ok());
        assert_eq!(
            Passphrase::chosen_twice("correct horse battery", "correct horse batery").unwrap_err(),
            "the two passphrases are not the same"
        );
    }

    #[test]
    fn any_given_passphrase_is_tried_and_none_is_printed() {
        let p = Passphrase::given("x").unwrap();
        assert_eq!(p.expose(), "x");
        assert!(Passphrase::given("").is_err());
        let secret = Passphrase::chosen("correct horse battery").unwrap();
        assert_eq!(format!("{secret:?}"), "Passphrase(21 characters)");
    }

    #[test]
    fn a_user_is_named() {
        assert_eq!(user_name("  Sam   Patel ").unwrap(), "Sam Patel");
        assert!(user_name("   ").unwrap_err().contains("enter your name"));
        assert!(user_name("S").unwrap_err().contains("not an initial"));
        assert!(
            user_name(&"x".repeat(61))
                .unwrap_err()
                .contains("at most 60")
        );
        assert!(user_name("Sam\u{7}").unwrap_err().contains("control"));
    }
}
