//! The desktop shell: the only crate that knows Tauri. It opens the engine, registers
//! thin commands that delegate to it, forwards engine events to the UI and to native
//! notifications, and owns the tray, deep links and the single running instance.

mod commands;
mod deeplink;
mod events;
mod notify;
mod prefs;
mod state;
mod tray;

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
        .setup(|app| {
            let state = AppState::from_env();
            app.manage(state);
            tray::create(app.handle())?;
            deeplink::setup(app.handle());
            events::spawn(app.handle());
            // A link given on the command line of the first launch.
            for arg in std::env::args().skip(1) {
                deeplink::handle(app.handle(), &arg);
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                if prefs::load(window.app_handle()).close_to_tray {
                    api.prevent_close();
                    let _ = window.hide();
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::ui_ready,
            commands::app::pending_link,
            commands::app::desktop_prefs,
            commands::app::set_desktop_prefs,
            commands::wallet::wallet_create,
            commands::wallet::wallet_import_mnemonic,
            commands::wallet::wallet_import_key,
            commands::wallet::wallet_import_keystore,
            commands::wallet::wallet_unlock,
            commands::wallet::wallet_lock,
            commands::wallet::accounts_list,
            commands::wallet::account_add,
            commands::wallet::account_rename,
            commands::chain::balances,
            commands::chain::send_plan,
            commands::chain::link_plan,
            commands::chain::plan_confirm,
            commands::chain::plan_cancel,
            commands::chain::history,
            commands::chain::tx_speedup,
            commands::chain::tx_cancel,
            commands::chain::payment_request,
            commands::agent::agent_turn,
            commands::agent::agent_reset,
            commands::book::contacts_list,
            commands::book::contact_plan,
            commands::book::contact_confirm,
            commands::book::contact_remove,
            commands::book::tokens_list,
            commands::book::token_add,
            commands::settings::settings_get,
            commands::settings::settings_set,
            commands::settings::agent_provider_set,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("error: Smart Sonic could not start: {e}");
        std::process::exit(1);
    }
}
