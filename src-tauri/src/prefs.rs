//! The desktop's own preferences (theme, notifications per kind, close-to-tray), kept
//! with tauri-plugin-store. Engine settings (network, auto-lock, agent) live in the
//! engine, shared with the CLI.

use tauri::{AppHandle, Runtime};
use tauri_plugin_store::StoreExt;

const FILE: &str = "desktop.json";
const KEY: &str = "prefs";

pub(crate) type Prefs = sonic_types::dto::DesktopPrefs;

pub(crate) fn load<R: Runtime>(app: &AppHandle<R>) -> Prefs {
    app.store(FILE).ok().and_then(|s| s.get(KEY)).and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default()
}

pub(crate) fn save<R: Runtime>(app: &AppHandle<R>, prefs: &Prefs) -> Result<(), String> {
    let store = app.store(FILE).map_err(|e| e.to_string())?;
    store.set(KEY, serde_json::to_value(prefs).map_err(|e| e.to_string())?);
    store.save().map_err(|e| e.to_string())
}
