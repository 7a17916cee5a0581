//! The desktop shell: the only crate that knows Tauri. It opens the engine, registers
//! thin commands that delegate to it, forwards engine events to the UI and to native
//! notifications, and owns the tray, deep links and the single running instance.

mod commands;
mod deeplink;
mod events;
mod host;
mod logging;
mod notify;
mod prefs;
mod state;
mod tray;
mod window_state;

use tauri::Manager;

use state::AppState;

/// Builds and runs the app.
pub fn run() {
    let result = tauri::Builder::default()
        // A second launch (e.g. `smart-sonic ethereum:...`) forwards its arguments here.
        .plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
            deeplink::show_main(app);
            for arg in argv.iter().skip(1) {
                deeplink::handle(app, arg);
            }
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_store::Builder::default().build())
        // Used from the shell only (commands::security): the webview gets no clipboard
        // permission of its own.
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        // The window's size and position, kept across restarts.
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .setup(|app| {
            // The log first, so the engine's opening is in it; without one the app runs.
            if let Some(dir) = logging::log_dir(app.path().app_log_dir().ok()) {
                if let Err(e) = logging::init(&dir) {
                    eprintln!("no log file in {}: {e}", dir.display());
                }
            }
            tracing::info!(version = env!("CARGO_PKG_VERSION"), "Smart Sonic starting");
            let state = AppState::from_env();
            app.manage(state);
            tray::create(app.handle())?;
            deeplink::setup(app.handle());
            events::spawn(app.handle());
            host::spawn(app.handle());
            // A link given on the command line of the first launch.
            for arg in std::env::args().skip(1) {
                deeplink::handle(app.handle(), &arg);
            }
            Ok(())
        })
        .on_window_event(|window, event| match event {
            tauri::WindowEvent::CloseRequested { api, .. } if prefs::load(window.app_handle()).close_to_tray => {
                api.prevent_close();
                let _ = window.hide();
            }
            // The plugin writes its file at a clean exit only; a session ended otherwise
            // (a crash, a killed process) keeps the last size too.
            tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Moved(_) => {
                window_state::save_soon(window.app_handle())
            }
            _ => {}
        })
        // Every command of the IPC contract (sonic_types::ipc), expanded from it.
        .invoke_handler(commands::handler())
        .build(tauri::generate_context!())
        // At exit the host's socket and token file are removed (the process ends
        // without dropping managed state).
        .map(|app| {
            app.run(|app, event| {
                if let tauri::RunEvent::Exit = event {
                    host::stop(app);
                }
            })
        });
    if let Err(e) = result {
        eprintln!("error: Smart Sonic could not start: {e}");
        std::process::exit(1);
    }
}
