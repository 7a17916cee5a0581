//! Payment links (`ethereum:` and `smartsonic://`): registered as the app's schemes,
//! delivered by the OS or by a second launch, and shown as a confirmation card in the
//! UI, never sent automatically.
//!
//! Each delivery reaches the UI exactly once: links wait in a queue in the app state,
//! the UI takes them one by one (`pending_link`), and the event only says that some
//! arrived. Each link has one way in per platform (see [`setup`]).

use sonic_types::ipc::PaymentLinks;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_deep_link::DeepLinkExt;

use crate::{events::emit, state::AppState};

/// How many links may wait; more are dropped (a flood of links is not a user's doing).
const MAX_WAITING: usize = 16;

pub(crate) fn setup<R: Runtime>(app: &AppHandle<R>) {
    #[cfg(any(target_os = "linux", all(debug_assertions, windows)))]
    if let Err(e) = app.deep_link().register_all() {
        eprintln!("deep links not registered: {e}");
    }
    // On Linux and Windows the OS opens a link by launching the app with the link as
    // its argument: the second launch reaches the single-instance callback (lib.rs),
    // which takes it. The single-instance plugin (feature `deep-link`) also re-emits
    // those arguments as deep-link events; listening to them too would deliver every
    // link twice. On macOS links arrive as deep-link events only.
    #[cfg(target_os = "macos")]
    {
        let handle = app.clone();
        app.deep_link().on_open_url(move |event| {
            for url in event.urls() {
                handle_link(&handle, url.as_str());
            }
        });
    }
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

/// Queues a link for the UI and tells it; the UI takes it with `pending_link`.
fn handle_link<R: Runtime>(app: &AppHandle<R>, url: &str) {
    let queued = match app.state::<AppState>().pending_links.lock() {
        Ok(mut waiting) if waiting.len() < MAX_WAITING => {
            waiting.push_back(url.to_string());
            true
        }
        _ => false,
    };
    show_main(app);
    if queued {
        emit::<PaymentLinks, _>(app, &url.to_string());
    }
}
