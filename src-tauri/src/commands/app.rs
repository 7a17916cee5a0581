//! `app_*` commands: what the first screen needs, answered from local state only, and
//! the desktop's own preferences.

use sonic_types::{
    dto::{AppInfo, DesktopPrefs},
    ErrorCode, IpcError,
};
use tauri::{AppHandle, State};

use super::{engine, ipc};
use crate::{prefs, state::AppState};

/// Version, network, wallet presence and lock state. Makes no network call, so the
/// window paints at once even when the RPC is unreachable.
#[tauri::command]
pub(crate) async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, IpcError> {
    let engine = engine(&state)?;
    let net = engine.active_network().map_err(ipc)?;
    Ok(AppInfo {
        unlocked: engine.is_unlocked().await,
        version: env!("CARGO_PKG_VERSION").to_string(),
        network: net.name.clone(),
        mainnet: net.mainnet,
        wallet_exists: engine.wallet_exists(),
        data_dir: engine.data_dir().display().to_string(),
        explorer_url: net.explorer_url.clone(),
    })
}

/// The UI's first screen is on: printed once, for the startup benchmark
/// (tests/bench/desktop reads it).
#[tauri::command]
pub(crate) fn ui_ready() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| println!("SMART_SONIC_READY"));
}

/// The oldest payment link the UI has not taken yet; each is handed out once.
#[tauri::command]
pub(crate) fn pending_link(state: State<'_, AppState>) -> Option<String> {
    state.pending_links.lock().ok().and_then(|mut p| p.pop_front())
}

/// The desktop preferences.
#[tauri::command]
pub(crate) fn desktop_prefs(app: AppHandle) -> DesktopPrefs {
    prefs::load(&app)
}

/// Saves the desktop preferences.
#[tauri::command]
pub(crate) fn set_desktop_prefs(app: AppHandle, prefs: DesktopPrefs) -> Result<(), IpcError> {
    if !["light", "dark", "system"].contains(&prefs.theme.as_str()) {
        return Err(IpcError::new(ErrorCode::InvalidInput, "theme must be light, dark or system"));
    }
    prefs::save(&app, &prefs).map_err(|e| IpcError::new(ErrorCode::Internal, e))
}
