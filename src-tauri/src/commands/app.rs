//! `app_*` commands: what the first screen needs, answered from local state only.

use sonic_types::{dto::AppInfo, IpcError};

use crate::state::AppState;

/// Version, active network and wallet presence. Makes no network call, so the window
/// paints at once even when the RPC is unreachable.
#[tauri::command]
pub(crate) fn app_info(state: tauri::State<'_, AppState>) -> Result<AppInfo, IpcError> {
    let engine = state.engine.as_ref().map_err(Clone::clone)?;
    let net = engine.active_network().map_err(|e| e.to_ipc())?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        network: net.name,
        mainnet: net.mainnet,
        wallet_exists: engine.wallet_exists(),
        data_dir: engine.data_dir().display().to_string(),
    })
}
