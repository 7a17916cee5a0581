//! Payment links (`ethereum:` and `smartsonic://`): registered as the app's schemes,
//! delivered by the OS or by a second launch, and shown as a confirmation card in the
//! UI, never sent automatically.

use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_deep_link::DeepLinkExt;

use crate::state::AppState;

/// The Tauri event carrying a payment link to the UI.
pub(crate) const LINK_EVENT: &str = "payment-link";

pub(crate) fn setup<R: Runtime>(app: &AppHandle<R>) {
    #[cfg(any(target_os = "linux", all(debug_assertions, windows)))]
    if let Err(e) = app.deep_link().register_all() {
        eprintln!("deep links not registered: {e}");
    }
    let handle = app.clone();
    app.deep_link().on_open_url(move |event| {
        for url in event.urls() {
            handle_link(&handle, url.as_str());
        }
    });
}

/// Brings the main window up.
pub(crate) fn show_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
}

/// Handles an argument that may be a payment link.
pub(crate) fn handle<R: Runtime>(app: &AppHandle<R>, arg: &str) {
    if arg.starts_with("ethereum:") || arg.starts_with("smartsonic://") {
        handle_link(app, arg);
    }
}

fn handle_link<R: Runtime>(app: &AppHandle<R>, url: &str) {
    if let Ok(mut pending) = app.state::<AppState>().pending_link.lock() {
        *pending = Some(url.to_string());
    }
    show_main(app);
    let _ = app.emit(LINK_EVENT, url.to_string());
}
