//! The window's size and position across restarts (tauri-plugin-window-state), saved
//! half a second after the last resize or move as well as at exit.

use std::sync::atomic::{AtomicU64, Ordering};

use tauri::{AppHandle, Runtime};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// The latest resize or move; an older pending save gives way to it.
static LATEST: AtomicU64 = AtomicU64::new(0);

/// Saves the window state once the window has stopped changing for 500 ms.
pub(crate) fn save_soon<R: Runtime>(app: &AppHandle<R>) {
    let n = LATEST.fetch_add(1, Ordering::Relaxed) + 1;
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        if LATEST.load(Ordering::Relaxed) == n {
            if let Err(e) = app.save_window_state(StateFlags::all()) {
                tracing::warn!("window state not saved: {e}");
            }
        }
    });
}
