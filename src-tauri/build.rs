//! Build script: prepares the Tauri context (configuration, icons, capabilities).
fn main() {
    tauri_build::build();
}
