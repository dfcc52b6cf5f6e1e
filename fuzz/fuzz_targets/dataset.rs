//! The dataset import (complex-needs-panel/1 JSON): any text is read or refused with problems,
//! never a panic; what is read is written as text that reads back and writes the same again
//! (the writer fills in defaults, such as settings left out, so the first writing is the fixed
//! point).
#![no_main]

use libfuzzer_sys::fuzz_target;
use panel_core::interchange::{read_dataset, write_dataset};

fuzz_target!(|text: &str| {
    match read_dataset(text) {
        Ok(d) => {
            let written = write_dataset(&d);
            let back = read_dataset(&written).expect("a written dataset reads back");
            assert_eq!(write_dataset(&back), written);
        }
        Err(problems) => assert!(!problems.is_empty()),
    }
});
