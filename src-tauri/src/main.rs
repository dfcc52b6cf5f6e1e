//! The Complex Needs Panel desktop application.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    complex_needs_panel::run();
}
