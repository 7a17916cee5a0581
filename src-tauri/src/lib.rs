//! The desktop shell: the only crate that knows Tauri. It opens the engine, registers
//! thin commands that delegate to it, and opens the window.

mod commands;
mod state;

use state::AppState;

/// Builds and runs the app.
pub fn run() {
    let state = AppState::from_env();
    let result = tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![commands::app::app_info])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("error: Smart Sonic could not start: {e}");
        std::process::exit(1);
    }
}
