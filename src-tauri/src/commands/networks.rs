//! The Networks page's commands: the networks, a custom network or a built-in's RPC
//! URL saved once its node answered with the right chain id, the switch, and the
//! explorer's API key (kept in the vault) for history backfills.

use sonic_types::{
    ipc::{ExplorerKeySetArgs, HistoryBackfillArgs, NetworkSaveArgs, NetworkUseArgs, NetworksListArgs},
    ErrorCode, IpcError, Network,
};
use tauri::AppHandle;
use zeroize::Zeroizing;

use super::engine;

/// Etherscan's v2 API, which serves Sonic: the default explorer for backfills.
const ETHERSCAN_V2: &str = "https://api.etherscan.io/v2/api";

/// Every network; the active one with the URL actually used (the one the app was
/// started with, while it applies).
pub(crate) async fn networks_list(app: &AppHandle, _: NetworksListArgs) -> Result<Vec<Network>, IpcError> {
    let e = engine(app)?;
    let mut nets = e.networks()?;
    if let Some(url) = e.started_rpc() {
        let active = e.active_network()?.name;
        for n in nets.iter_mut().filter(|n| n.name == active) {
            n.rpc_urls = vec![url.clone()];
        }
    }
    Ok(nets)
}

/// Verifies the node at the URL (it must answer, with the network's chain id), then
/// saves the network and, if asked (or if it is the one in use), switches to it: from
/// then on the saved choice applies, over the network and RPC URL the app was started
/// with.
pub(crate) async fn network_save(app: &AppHandle, args: NetworkSaveArgs) -> Result<Network, IpcError> {
    let e = engine(app)?;
    let name = args.name.trim().to_string();
    let existing = e.networks()?.into_iter().find(|n| n.name == name);
    let explorer_url = args
        .explorer_url
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
        .or_else(|| existing.as_ref().and_then(|n| n.explorer_url.clone()));
    let net = Network {
        name: name.clone(),
        chain_id: args.chain_id.or_else(|| existing.as_ref().and_then(|n| n.chain_id)),
        rpc_urls: vec![args.rpc_url.trim().to_string()],
        explorer_url,
        mainnet: false,
        // A WebSocket endpoint belongs to the old node: new heads are polled.
        ws_url: None,
    };
    let net = e.verify_network(net).await?;
    // New endpoints for the network in use apply at once, as a switch to it does.
    let activate = args.activate || e.active_network()?.name == name;
    e.add_network(net)?;
    if activate {
        e.set_network(&name)?;
        e.use_saved_network()?;
    }
    e.networks()?
        .into_iter()
        .find(|n| n.name == name)
        .ok_or_else(|| IpcError::new(ErrorCode::Internal, format!("network '{name}' was not kept")))
}

/// Switches to a network now (the host's clients get the same: `sonic_host::shared`).
pub(crate) async fn network_use(app: &AppHandle, args: NetworkUseArgs) -> Result<(), IpcError> {
    sonic_host::shared::network_use(&*engine(app)?, args).await
}

/// Sets (or, with an empty key, removes) the explorer API key.
pub(crate) async fn explorer_key_set(app: &AppHandle, args: ExplorerKeySetArgs) -> Result<(), IpcError> {
    let key = Zeroizing::new(args.key.trim().to_string());
    let url = args.url.map(|u| u.trim().to_string()).filter(|u| !u.is_empty()).unwrap_or_else(|| ETHERSCAN_V2.into());
    let e = engine(app)?;
    if key.is_empty() {
        Ok(e.set_explorer(None, None).await?)
    } else {
        Ok(e.set_explorer(Some(&url), Some(&key)).await?)
    }
}

/// Fills in the history before the index began from the explorer (rows checked on
/// chain); the number of transfers added.
pub(crate) async fn history_backfill(app: &AppHandle, _: HistoryBackfillArgs) -> Result<u32, IpcError> {
    let n = engine(app)?.backfill_history().await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}
