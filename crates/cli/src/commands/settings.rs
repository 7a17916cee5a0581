//! `sonic network` and `sonic settings`: networks, auto-lock, the model provider and
//! its key, Pinata and the explorer (their secrets go to the vault).

use serde_json::json;
use sonic_engine::{ProviderConfig, ProviderKind};
use sonic_types::Network;

use super::Ctx;
use crate::{
    args::{NetworkCmd, SettingsCmd},
    secrets::{other_secret, read_secret_file},
    Fail,
};

/// Runs one `sonic network` command.
pub(crate) fn network(cx: &Ctx, cmd: NetworkCmd) -> Result<(), Fail> {
    let engine = cx.engine()?;
    match cmd {
        NetworkCmd::List => {
            let active = engine.active_network().map(|n| n.name).unwrap_or_default();
            for n in engine.networks()? {
                print_network(cx, &n, n.name == active)?;
            }
            Ok(())
        }
        NetworkCmd::Add { name, rpc, chain_id, explorer, ws } => {
            let mainnet = chain_id == Some(sonic_types::network::SONIC_MAINNET);
            engine.add_network(Network {
                name: name.clone(),
                chain_id,
                rpc_urls: vec![rpc],
                explorer_url: explorer,
                mainnet,
                ws_url: ws,
            })?;
            cx.print(json!({"added": name}), || format!("Added network {name}"))
        }
        NetworkCmd::Use { name } => {
            engine.set_network(&name)?;
            cx.print(json!({"network": name}), || format!("Now using {name}"))
        }
    }
}

/// Prints one network (here and through the wallet's host).
pub(super) fn print_network(cx: &Ctx, n: &Network, is_active: bool) -> Result<(), Fail> {
    cx.print(
        json!({"name": n.name, "chain_id": n.chain_id, "rpc": n.rpc_urls, "explorer": n.explorer_url, "active": is_active}),
        || {
            let id = n.chain_id.map(|c| c.to_string()).unwrap_or_else(|| "any".into());
            format!("{} {:<10} chain {:<6} {}", if is_active { "*" } else { " " }, n.name, id, n.rpc_url())
        },
    )
}

/// The model provider `sonic settings agent-provider KIND` asks for (`None`: rules).
pub(super) fn provider_config(
    kind: &str,
    url: Option<String>,
    model: Option<String>,
) -> Result<Option<ProviderConfig>, Fail> {
    Ok(match kind {
        "rules" => None,
        "gemini" => Some(ProviderConfig {
            base_url: url.unwrap_or_else(|| "https://generativelanguage.googleapis.com".into()),
            model: model.unwrap_or_else(|| "gemini-2.0-flash".into()),
            ..ProviderConfig::gemini("")
        }),
        "openai" => Some(ProviderConfig {
            kind: ProviderKind::OpenAi,
            base_url: url.unwrap_or_else(|| "http://localhost:11434/v1".into()),
            model: model.ok_or_else(|| Fail::usage("--model is required for an OpenAI-compatible server".into()))?,
            timeout_secs: 15,
        }),
        other => return Err(Fail::usage(format!("unknown provider '{other}' (rules, gemini or openai)"))),
    })
}

/// Says what the agent now asks (here and through the wallet's host).
pub(super) fn print_provider(cx: &Ctx, config: Option<&ProviderConfig>) -> Result<(), Fail> {
    cx.print(json!({"agent_provider": config.map(|c| c.base_url.clone())}), || match config {
        None => "The agent uses the offline rules engine only.".into(),
        Some(c) => format!(
            "The agent asks {} ({}) first. Sent per message: the message and your contact names; never keys, addresses, balances or history. The rules engine answers when it fails.",
            c.base_url, c.model
        ),
    })
}

/// Runs one `sonic settings` command.
pub(crate) async fn run(cx: &Ctx, cmd: SettingsCmd) -> Result<(), Fail> {
    let engine = cx.engine()?;
    match cmd {
        SettingsCmd::Show => {
            let minutes = engine.auto_lock()?.as_secs() / 60;
            let net = engine.active_network()?.name;
            let provider = engine.agent_provider()?;
            let agent = provider
                .as_ref()
                .map(|p| format!("{} ({})", p.base_url, p.model))
                .unwrap_or_else(|| "rules (offline)".into());
            cx.print(
                json!({"network": net, "auto_lock_minutes": minutes, "data_dir": engine.data_dir(), "agent": agent}),
                || {
                    format!(
                        "network     {net}\nauto-lock   {minutes} min\nagent       {agent}\ndata dir    {}",
                        engine.data_dir().display()
                    )
                },
            )
        }
        SettingsCmd::AutoLock { minutes } => {
            engine.set_auto_lock_minutes(minutes)?;
            cx.print(json!({"auto_lock_minutes": minutes}), || format!("Auto-lock after {minutes} min"))
        }
        SettingsCmd::AgentProvider { kind, url, model } => {
            let config = provider_config(&kind, url, model)?;
            engine.set_agent_provider(config.clone()).await?;
            print_provider(cx, config.as_ref())
        }
        SettingsCmd::AgentKey { key_file, clear } => {
            cx.unlock(&engine).await?;
            let key = match (key_file, clear) {
                (_, true) => None,
                (Some(f), false) => Some(read_secret_file(&f)?),
                (None, false) => Some(other_secret(None, "API key")?),
            };
            engine.set_agent_provider_key(key.as_deref().map(|k| k.as_str())).await?;
            cx.print(json!({"key_stored": key.is_some()}), || {
                if key.is_some() { "API key stored in the vault." } else { "API key removed." }.into()
            })
        }
        SettingsCmd::Pinata { jwt_file, url, off } => {
            cx.unlock(&engine).await?;
            let jwt = match (jwt_file, off) {
                (_, true) => None,
                (Some(f), false) => Some(read_secret_file(&f)?),
                (None, false) => Some(other_secret(None, "Pinata JWT")?),
            };
            engine.set_pinata(jwt.as_ref().map(|_| url.as_str()), jwt.as_deref().map(|j| j.as_str())).await?;
            cx.print(json!({"pinata": jwt.is_some()}), || {
                if jwt.is_some() {
                    format!("NFT images and metadata will be uploaded to {url} (public network) when you mint.")
                } else {
                    "Pinning off: NFT content stays in the local store.".into()
                }
            })
        }
        SettingsCmd::Explorer { key_file, url, off } => {
            cx.unlock(&engine).await?;
            let key = match (key_file, off) {
                (_, true) => None,
                (Some(f), false) => Some(read_secret_file(&f)?),
                (None, false) => Some(other_secret(None, "Explorer API key")?),
            };
            engine.set_explorer(key.as_ref().map(|_| url.as_str()), key.as_deref().map(|k| k.as_str())).await?;
            cx.print(json!({"explorer": key.is_some()}), || {
                if key.is_some() {
                    format!("History backfills on Sonic will use {url}.")
                } else {
                    "Explorer off.".into()
                }
            })
        }
    }
}
