//! Networks: the built-in ones, custom ones and RPC overrides of built-ins, the
//! active network, and the chain connection (checked against the network's chain id).

use std::sync::{PoisonError, RwLock};

use sonic_chain::Chain;
use sonic_store::settings::NETWORK;
use sonic_types::{Event, Network};

use crate::{engine::Engine, Error, Result};

/// Whether a chain id is Sonic mainnet's (real value).
fn is_sonic_mainnet(chain_id: Option<u64>) -> bool {
    chain_id == Some(sonic_types::network::SONIC_MAINNET)
}

/// What an override holds now (a poisoned lock still holds a whole `Option`).
fn read(lock: &RwLock<Option<String>>) -> Option<String> {
    lock.read().unwrap_or_else(PoisonError::into_inner).clone()
}

/// A built-in network with the endpoints of a saved override: the chain id (when the
/// built-in has one) and the mainnet label stay the built-in's.
fn over_builtin(builtin: &Network, saved: Network) -> Network {
    Network {
        name: builtin.name.clone(),
        chain_id: builtin.chain_id.or(saved.chain_id),
        rpc_urls: saved.rpc_urls,
        explorer_url: saved.explorer_url.or_else(|| builtin.explorer_url.clone()),
        mainnet: builtin.mainnet,
        ws_url: saved.ws_url,
    }
}

impl Engine {
    /// Built-in and custom networks. A saved override of a built-in network changes
    /// only its endpoints (and explorer, if it names one): its chain id and mainnet
    /// label stay the built-in's, whatever was saved (older versions saved whole
    /// networks). A custom network is mainnet exactly when its chain id is Sonic
    /// mainnet's.
    pub fn networks(&self) -> Result<Vec<Network>> {
        let mut nets = Network::builtins();
        for n in self.store.custom_networks()? {
            match nets.iter_mut().find(|b| b.name == n.name) {
                Some(b) => *b = over_builtin(b, n),
                None => nets.push(Network { mainnet: is_sonic_mainnet(n.chain_id), ..n }),
            }
        }
        Ok(nets)
    }

    /// The active network: the override, else the saved choice, else Sonic mainnet.
    pub fn active_network(&self) -> Result<Network> {
        let name = match read(&self.network_override) {
            Some(n) => n,
            None => self.store.setting(&NETWORK)?.unwrap_or_else(|| "sonic".into()),
        };
        self.networks()?
            .into_iter()
            .find(|n| n.name == name)
            .ok_or_else(|| Error::NotFound(format!("no network '{name}' (see `sonic network list`)")))
    }

    /// Saves the active network.
    pub fn set_network(&self, name: &str) -> Result<()> {
        if !self.networks()?.iter().any(|n| n.name == name) {
            return Err(Error::NotFound(format!("no network '{name}'")));
        }
        self.store.set_setting(&NETWORK, &name.to_string())?;
        self.network_changed()
    }

    /// The RPC URL the shell was started with (`SONIC_RPC`), while it applies: the
    /// active network's node is reached there, not at its saved URL.
    pub fn started_rpc(&self) -> Option<String> {
        read(&self.rpc_override)
    }

    /// Drops the network and RPC URL the shell was started with (`SONIC_NETWORK`,
    /// `SONIC_RPC`): from now on the saved choice applies. The desktop calls this when
    /// the user picks a network or saves an RPC URL, so the choice takes effect at once.
    pub fn use_saved_network(&self) -> Result<()> {
        let had = read(&self.network_override).is_some() || read(&self.rpc_override).is_some();
        *self.network_override.write().unwrap_or_else(PoisonError::into_inner) = None;
        *self.rpc_override.write().unwrap_or_else(PoisonError::into_inner) = None;
        if had {
            self.network_changed()?;
        }
        Ok(())
    }

    /// Checks a network before it is saved: the node at its first RPC URL must answer
    /// and report the chain id the network has (a built-in's own, else the one given);
    /// a custom network given none takes the node's (the built-in `local` accepts any).
    /// Returns the network with that chain id. A refusal is about the URL the user
    /// typed, so it is an input error saying why (never `unreachable`, which would mean
    /// the active node is down).
    pub async fn verify_network(&self, mut net: Network) -> Result<Network> {
        let builtin = Network::builtins().into_iter().find(|b| b.name == net.name);
        if let Some(b) = &builtin {
            if let (Some(want), Some(got)) = (b.chain_id, net.chain_id) {
                if want != got {
                    return Err(Error::Invalid(format!("'{}' is chain {want}, not chain {got}", b.name)));
                }
            }
            net.chain_id = b.chain_id;
        }
        let url = net.rpc_url().to_string();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(Error::Invalid(format!("'{url}' is not an http(s) RPC URL")));
        }
        match Chain::connect(&net, None).await {
            Ok(c) => {
                if builtin.is_none() {
                    net.chain_id = net.chain_id.or(Some(c.chain_id()));
                }
                Ok(net)
            }
            Err(sonic_chain::Error::ChainMismatch { network, expected, actual, .. }) => Err(Error::Invalid(format!(
                "the node at this URL is chain {actual}, but '{network}' is chain {expected}: not saved"
            ))),
            Err(e) => Err(Error::Invalid(format!("no node answers at this URL ({e}): not saved"))),
        }
    }

    /// Tells the watcher (and the UI) that the active network may be another one now:
    /// the next `chain()` connects to it, and the watcher follows it.
    fn network_changed(&self) -> Result<()> {
        let network = self.active_network()?.name;
        self.watched_set_changed(Event::NetworkChanged { network });
        Ok(())
    }

    /// Adds or replaces a custom network (or overrides a built-in's RPC). A built-in
    /// network keeps its chain id (another one is refused; none means the built-in's)
    /// and its mainnet label; a custom network is mainnet exactly when its chain id is
    /// Sonic mainnet's, whatever `mainnet` says.
    pub fn add_network(&self, mut net: Network) -> Result<()> {
        let name_ok =
            !net.name.is_empty() && net.name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !name_ok {
            return Err(Error::Invalid(format!(
                "'{}' is not a valid network name (letters, digits, - and _)",
                net.name
            )));
        }
        for url in &net.rpc_urls {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(Error::Invalid(format!("'{url}' is not an http(s) RPC URL")));
            }
        }
        if net.rpc_urls.is_empty() {
            return Err(Error::Invalid("a network needs an RPC URL".into()));
        }
        if let Some(ws) = &net.ws_url {
            if !(ws.starts_with("ws://") || ws.starts_with("wss://")) {
                return Err(Error::Invalid(format!("'{ws}' is not a ws(s) URL")));
            }
        }
        match Network::builtins().into_iter().find(|b| b.name == net.name) {
            Some(b) => {
                if let (Some(want), Some(got)) = (b.chain_id, net.chain_id) {
                    if want != got {
                        return Err(Error::Invalid(format!(
                            "'{}' is chain {want}; an RPC override cannot make it chain {got} (add a network with \
                             another name instead)",
                            b.name
                        )));
                    }
                }
                net = over_builtin(&b, net);
            }
            None => net.mainnet = is_sonic_mainnet(net.chain_id),
        }
        self.store.put_network(&net)?;
        // New endpoints of the active network: the connection and the watcher move.
        if self.active_network()?.name == net.name {
            self.network_changed()?;
        }
        Ok(())
    }

    /// The chain connection, made (and checked) on first use, and made again when the
    /// active network (or its endpoints) changed since.
    pub async fn chain(&self) -> Result<Chain> {
        let net = self.active_network()?;
        let started = read(&self.rpc_override);
        let url = started.clone().unwrap_or_else(|| net.rpc_url().to_string());
        let mut guard = self.chain.lock().await;
        // The same network at the same URL (the start URL may have given way meanwhile).
        if let Some(c) = guard.as_ref().filter(|c| c.network() == &net && c.url() == url) {
            return Ok(c.clone());
        }
        let c = Chain::connect(&net, started.as_deref()).await?;
        if let Err(e) = self.store.set_setting(&crate::settings::network_chain_id(&net.name), &c.chain_id()) {
            tracing::warn!("chain id not remembered: {e}");
        }
        *guard = Some(c.clone());
        Ok(c)
    }

    /// The active network's chain id without asking its node when it can be known
    /// otherwise: the network's own (Sonic, testnet), else the one its node last
    /// answered with; the node is asked only when neither is known.
    pub(crate) async fn chain_id_for_reading(&self) -> Result<u64> {
        match self.active_chain_id().await {
            Ok(id) => Ok(id),
            Err(e) => {
                let net = self.active_network()?;
                self.store.setting(&crate::settings::network_chain_id(&net.name))?.ok_or(e)
            }
        }
    }

    /// The active network's chain id: its own where it has one (the connection checks
    /// the node against it, so it is the node's), else the connected node's.
    pub(crate) async fn active_chain_id(&self) -> Result<u64> {
        match self.active_network()?.chain_id {
            Some(id) => Ok(id),
            None => Ok(self.chain().await?.chain_id()),
        }
    }
}
