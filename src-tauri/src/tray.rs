//! The system tray: Open, Lock, the network and its status, Quit.

use std::sync::Mutex;

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
    let net = MenuItem::with_id(app, NETWORK_ITEM, network_label(&network, None), false, None::<&str>)?;
    app.manage(NetworkLine { item: net.clone(), now: Mutex::new((network, None)) });
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

/// The tray's network line and what it shows now (network, last known status).
struct NetworkLine<R: Runtime> {
    item: MenuItem<R>,
    now: Mutex<(String, Option<NetStatus>)>,
}

/// The text of the network line: `Network: local (online)`; no status before the
/// first one is known.
pub(crate) fn network_label(network: &str, status: Option<NetStatus>) -> String {
    match status {
        None => format!("Network: {network}"),
        Some(s) => format!("Network: {network} ({})", status_word(s)),
    }
}

fn status_word(status: NetStatus) -> &'static str {
    match status {
        NetStatus::Online => "online",
        NetStatus::Degraded => "degraded",
        NetStatus::Offline => "offline",
    }
}

/// Keeps the network line of the menu and the tooltip current: a switch shows the new
/// network (its status unknown until the watcher reports it), a status its word.
pub(crate) fn on_event<R: Runtime>(app: &AppHandle<R>, ev: &Event) {
    let Some(line) = app.try_state::<NetworkLine<R>>() else { return };
    let label = {
        let mut now = line.now.lock().unwrap_or_else(|p| p.into_inner());
        match ev {
            Event::NetworkChanged { network } => *now = (network.clone(), None),
            // A status of a network no longer active does not overwrite the line.
            Event::NetworkStatus { network, status } if *network == now.0 => now.1 = Some(*status),
            _ => return,
        }
        network_label(&now.0, now.1)
    };
    let _ = line.item.set_text(&label);
    if let Some(tray) = app.tray_by_id("main") {
        let _ = tray.set_tooltip(Some(format!("Smart Sonic: {}", label.trim_start_matches("Network: "))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_network_line_says_the_network_and_its_status() {
        assert_eq!(network_label("local", None), "Network: local");
        assert_eq!(network_label("Sonic", Some(NetStatus::Online)), "Network: Sonic (online)");
        assert_eq!(network_label("Sonic", Some(NetStatus::Degraded)), "Network: Sonic (degraded)");
        assert_eq!(network_label("Blaze testnet", Some(NetStatus::Offline)), "Network: Blaze testnet (offline)");
    }
}
