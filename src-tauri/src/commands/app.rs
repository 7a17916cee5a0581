//! What the first screen needs, answered from local state only; the payment links
//! waiting for the UI; the desktop's own preferences.

use sonic_types::{
    dto::{AppInfo, DesktopPrefs, DiagnosticsReport},
    ipc::{
        AppInfoArgs, DesktopPrefsArgs, DiagnosticsArgs, PendingLinkArgs, SetDesktopPrefsArgs, UiFaultArgs, UiReadyArgs,
    },
    ErrorCode, IpcError,
};
use tauri::{AppHandle, Manager};

use super::engine;
use crate::{prefs, state::AppState};

/// Version, network, wallet presence and lock state. Makes no network call, so the
/// window paints at once even when the RPC is unreachable.
pub(crate) async fn app_info(app: &AppHandle, args: AppInfoArgs) -> Result<AppInfo, IpcError> {
    sonic_host::shared::app_info(&*engine(app)?, args).await
}

/// The app's health for the Diagnostics page (no secret in it).
pub(crate) async fn diagnostics(app: &AppHandle, _: DiagnosticsArgs) -> Result<DiagnosticsReport, IpcError> {
    Ok(engine(app)?.diagnostics(env!("CARGO_PKG_VERSION")).await?)
}

/// The UI's first screen is on: printed once, for the startup benchmark
/// (tests/bench/desktop reads it).
pub(crate) async fn ui_ready(_: &AppHandle, _: UiReadyArgs) -> Result<(), IpcError> {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| println!("SMART_SONIC_READY"));
    Ok(())
}

/// The interface stopped on a panic of its own: one line in the log (the message cut
/// to 2,000 characters, scrubbed like every line), for the Diagnostics report and a
/// bug report. The window shows its own "stopped" screen.
pub(crate) async fn ui_fault(_: &AppHandle, args: UiFaultArgs) -> Result<(), IpcError> {
    let message: String = args.message.chars().take(2_000).collect();
    tracing::error!("the interface stopped: {message}");
    Ok(())
}

/// The oldest payment link the UI has not taken yet; each is handed out once.
pub(crate) async fn pending_link(app: &AppHandle, _: PendingLinkArgs) -> Result<Option<String>, IpcError> {
    Ok(app.state::<AppState>().pending_links.lock().ok().and_then(|mut p| p.pop_front()))
}

/// The desktop preferences.
pub(crate) async fn desktop_prefs(app: &AppHandle, _: DesktopPrefsArgs) -> Result<DesktopPrefs, IpcError> {
    Ok(prefs::load(app))
}

/// Saves the desktop preferences.
pub(crate) async fn set_desktop_prefs(app: &AppHandle, args: SetDesktopPrefsArgs) -> Result<(), IpcError> {
    if !["light", "dark", "system"].contains(&args.prefs.theme.as_str()) {
        return Err(IpcError::new(ErrorCode::InvalidInput, "theme must be light, dark or system"));
    }
    prefs::save(app, &args.prefs).map_err(|e| IpcError::new(ErrorCode::Internal, e))
}
