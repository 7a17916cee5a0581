//! Declares the app's commands, those of the IPC contract (`sonic_types::ipc`), so
//! tauri-build writes one permission per command and capabilities allow them one by one.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(sonic_types::ipc::COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)).expect("tauri build script");
}
