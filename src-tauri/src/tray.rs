//! The system tray: Open, Lock, the network and its status, Quit.

use sonic_types::{event::NetStatus, Event};
use tauri::{
    menu::{Menu, MenuItem},
    tray::TrayIconBuilder,
    AppHandle, Manager, Runtime,
};

use crate::{deeplink::show_main, state::AppState};

const NETWORK_ITEM: &str = "network";

pub(crate) fn create<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let network = app
        .state::<AppState>()
        .engine()
        .ok()
        .and_then(|e| e.active_network().ok())
        .map(|n| n.name)
        .unwrap_or_else(|| "no network".into());
    let open = MenuItem::with_id(app, "open", "Open Smart Sonic", true, None::<&str>)?;
    let lock = MenuItem::with_id(app, "lock", "Lock", true, None::<&str>)?;
    let net = MenuItem::with_id(app, NETWORK_ITEM, format!("Network: {network}"), false, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&open, &lock, &net, &quit])?;
    let mut builder = TrayIconBuilder::with_id("main").menu(&menu).tooltip("Smart Sonic");
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder
        .on_menu_event(|app, event| match event.id.as_ref() {
            "open" => show_main(app),
            "lock" => {
                if let Ok(engine) = app.state::<AppState>().engine() {
                    tauri::async_runtime::spawn(async move { engine.lock().await });
                }
            }
            "quit" => app.exit(0),
            _ => {}
        })
        .build(app)?;
    Ok(())
}

/// Keeps the network line of the menu current.
pub(crate) fn on_event<R: Runtime>(app: &AppHandle<R>, ev: &Event) {
    if let Event::NetworkStatus { network, status } = ev {
        let word = match status {
            NetStatus::Online => "online",
            NetStatus::Degraded => "degraded",
            NetStatus::Offline => "offline",
        };
        if let Some(tray) = app.tray_by_id("main") {
            let _ = tray.set_tooltip(Some(format!("Smart Sonic: {network} {word}")));
        }
    }
}
