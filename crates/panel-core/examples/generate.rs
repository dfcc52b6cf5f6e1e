//! Writes a generated dataset in the data file's format to standard output, for measuring the
//! program at scale: `cargo run --release -p panel-core --example generate -- CASES
//! PLACEMENTS LINES YEARS > data.json` (the ten-year dataset is 300 10 10 10; ten times it,
//! a large county's decade, 3000 10 10 10).

use std::io::Write;

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().unwrap_or_else(|_| usage()))
        .collect();
    let [cases, placements, lines, years] = args[..] else {
        usage()
    };
    let d = panel_core::demo::generated(cases, placements, lines, years as i32);
    let text = panel_core::interchange::write_dataset(&d);
    if std::io::stdout().write_all(text.as_bytes()).is_err() {
        std::process::exit(1);
    }
}

fn usage() -> ! {
    eprintln!("usage: generate CASES PLACEMENTS LINES YEARS");
    std::process::exit(2);
}
