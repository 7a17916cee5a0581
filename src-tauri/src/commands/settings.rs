//! Engine settings shared with the CLI (network, auto-lock, agent).

use sonic_types::{dto::EngineSettings, IpcError};
use tauri::State;

use super::{engine, ipc};
use crate::state::AppState;

/// The engine settings.
#[tauri::command]
pub(crate) async fn settings_get(state: State<'_, AppState>) -> Result<EngineSettings, IpcError> {
    let e = engine(&state)?;
    let net = e.active_network().map_err(ipc)?;
    Ok(EngineSettings {
        rpc_url: net.rpc_url().to_string(),
        network: net.name,
        networks: e.networks().map_err(ipc)?.into_iter().map(|n| n.name).collect(),
        auto_lock_minutes: e.auto_lock().map_err(ipc)?.as_secs() / 60,
        agent: e
            .agent_provider()
            .map_err(ipc)?
            .map(|p| format!("{} ({})", p.base_url, p.model))
            .unwrap_or_else(|| "rules".into()),
    })
}

/// Saves the network (applies at the next start) and the auto-lock time.
#[tauri::command]
pub(crate) async fn settings_set(
    state: State<'_, AppState>,
    network: String,
    auto_lock_minutes: u64,
) -> Result<(), IpcError> {
    let e = engine(&state)?;
    e.set_network(&network).map_err(ipc)?;
    e.set_auto_lock_minutes(auto_lock_minutes).map_err(ipc)
}

/// Sets the agent's language model: `rules` (offline, the default), `gemini` (needs
/// Premium) or `openai` (any OpenAI-compatible server); a non-empty `key` is stored in
/// the vault.
#[tauri::command]
pub(crate) async fn agent_provider_set(
    state: State<'_, AppState>,
    kind: String,
    url: String,
    model: String,
    key: Option<String>,
) -> Result<(), IpcError> {
    use sonic_engine::{ProviderConfig, ProviderKind};
    let e = engine(&state)?;
    let config = match kind.as_str() {
        "rules" => None,
        "gemini" | "openai" => Some(ProviderConfig {
            kind: if kind == "gemini" { ProviderKind::Gemini } else { ProviderKind::OpenAi },
            base_url: url,
            model,
            timeout_secs: 15,
        }),
        other => {
            return Err(IpcError::new(sonic_types::ErrorCode::InvalidInput, format!("unknown provider '{other}'")));
        }
    };
    e.set_agent_provider(config).await.map_err(ipc)?;
    if let Some(k) = key.filter(|k| !k.trim().is_empty()) {
        e.set_agent_provider_key(Some(k.trim())).await.map_err(ipc)?;
    }
    Ok(())
}
