//! Amounts, percentages and dates as people type them: any text is parsed or refused with a
//! message, never a panic; what is accepted prints back to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use panel_core::field::parse_date_input;
use panel_core::{Money, Percent};

fuzz_target!(|text: &str| {
    if let Ok(m) = Money::parse("Amount", text) {
        assert_eq!(Money::parse("Amount", &m.to_plain()), Ok(m));
        assert_eq!(Money::parse("Amount", &m.to_string()), Ok(m));
    } else if let Err(e) = Money::parse("Amount", text) {
        assert!(!e.to_string().is_empty());
    }
    if let Ok(p) = Percent::parse(text) {
        assert_eq!(Percent::parse(&p.to_string()), Ok(p));
    }
    if let Ok(d) = parse_date_input("date", "Date", text) {
        let shown = d.format("%d/%m/%Y").to_string();
        assert_eq!(parse_date_input("date", "Date", &shown).ok(), Some(d));
    }
});
