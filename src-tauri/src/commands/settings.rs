//! Engine settings shared with the CLI (network and its RPC URL, auto-lock, agent), and
//! the websites connected to the signer RPC.

use sonic_engine::ProviderKind;
use sonic_types::{
    dto::{AgentProviderView, ApprovedOrigin, EngineSettings},
    ipc::{
        AgentProviderGetArgs, AgentProviderSetArgs, ProviderChoice, SettingsGetArgs, SettingsSetArgs,
        SignerOriginRevokeArgs, SignerOriginsArgs,
    },
    IpcError, Network,
};
use tauri::AppHandle;

use super::engine;

/// The engine settings (the host's clients get the same: `sonic_host::shared`).
pub(crate) async fn settings_get(app: &AppHandle, args: SettingsGetArgs) -> Result<EngineSettings, IpcError> {
    sonic_host::shared::settings_get(&*engine(app)?, args).await
}

/// Saves the network (applies at the next start), a new RPC URL for it, and the
/// auto-lock time. A new URL overrides the network's endpoint as `sonic network add
/// NAME --rpc URL` does: the chain id is still checked, and a built-in keeps its label.
pub(crate) async fn settings_set(app: &AppHandle, args: SettingsSetArgs) -> Result<(), IpcError> {
    let e = engine(app)?;
    let rpc = args.rpc_url.map(|u| u.trim().to_string()).filter(|u| !u.is_empty());
    if let Some(rpc) = rpc {
        let net = e.networks()?.into_iter().find(|n| n.name == args.network);
        if let Some(net) = net.filter(|n| n.rpc_url() != rpc) {
            // The old WebSocket endpoint belongs to the old node: new heads are polled.
            e.add_network(Network { rpc_urls: vec![rpc], ws_url: None, ..net })?;
        }
    }
    e.set_network(&args.network)?;
    Ok(e.set_auto_lock_minutes(args.auto_lock_minutes)?)
}

/// The agent's language model as saved (the key stays in the vault).
pub(crate) async fn agent_provider_get(
    app: &AppHandle,
    _: AgentProviderGetArgs,
) -> Result<AgentProviderView, IpcError> {
    Ok(match engine(app)?.agent_provider()? {
        None => AgentProviderView { kind: ProviderChoice::Rules, url: String::new(), model: String::new() },
        Some(c) => AgentProviderView {
            kind: match c.kind {
                ProviderKind::Gemini => ProviderChoice::Gemini,
                ProviderKind::OpenAi => ProviderChoice::OpenAi,
            },
            url: c.base_url,
            model: c.model,
        },
    })
}

/// Sets the agent's language model: the rules (offline, the default), Gemini (needs
/// Premium) or an OpenAI-compatible server; a non-empty `key` is stored in the vault.
pub(crate) async fn agent_provider_set(app: &AppHandle, args: AgentProviderSetArgs) -> Result<(), IpcError> {
    sonic_host::shared::agent_provider_set(&*engine(app)?, args).await
}

/// The websites connected to the signer RPC.
pub(crate) async fn signer_origins(app: &AppHandle, _: SignerOriginsArgs) -> Result<Vec<ApprovedOrigin>, IpcError> {
    Ok(engine(app)?.approved_origins()?)
}

/// Disconnects a website from the signer RPC.
pub(crate) async fn signer_origin_revoke(app: &AppHandle, args: SignerOriginRevokeArgs) -> Result<bool, IpcError> {
    Ok(engine(app)?.revoke_origin(&args.origin)?)
}
