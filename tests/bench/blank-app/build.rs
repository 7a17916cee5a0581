//! Build script of the blank baseline app.

fn main() {
    tauri_build::build();
}
