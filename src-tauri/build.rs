//! Declares the app's commands so capabilities can allow them one by one.

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&["app_info"])),
    )
    .expect("tauri build script");
}
