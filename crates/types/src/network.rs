//! Network definitions: the built-in Sonic networks, the local devnet and custom ones.

use serde::{Deserialize, Serialize};

/// A network the wallet can talk to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Network {
    /// Short unique name (`sonic`, `testnet`, `local`, or a user's own).
    pub name: String,
    /// The chain id the RPC must report; `None` accepts any (only for `local`).
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub chain_id: Option<u64>,
    /// JSON-RPC endpoints, the first preferred.
    pub rpc_urls: Vec<String>,
    /// Block explorer base URL, if any.
    pub explorer_url: Option<String>,
    /// Whether this is a production network holding real value.
    pub mainnet: bool,
    /// A WebSocket endpoint for new-block subscriptions, if the network offers one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ws_url: Option<String>,
}

/// Sonic mainnet chain id.
pub const SONIC_MAINNET: u64 = 146;
/// Sonic testnet chain id.
pub const SONIC_TESTNET: u64 = 14601;

impl Network {
    /// The networks every installation knows.
    pub fn builtins() -> Vec<Network> {
        vec![
            Network {
                name: "sonic".into(),
                chain_id: Some(SONIC_MAINNET),
                rpc_urls: vec!["https://rpc.soniclabs.com".into()],
                explorer_url: Some("https://sonicscan.org".into()),
                mainnet: true,
                ws_url: None,
            },
            Network {
                name: "testnet".into(),
                chain_id: Some(SONIC_TESTNET),
                rpc_urls: vec!["https://rpc.testnet.soniclabs.com".into()],
                explorer_url: Some("https://testnet.sonicscan.org".into()),
                mainnet: false,
                ws_url: None,
            },
            Network {
                name: "local".into(),
                chain_id: None,
                rpc_urls: vec!["http://127.0.0.1:8545".into()],
                explorer_url: None,
                mainnet: false,
                ws_url: None,
            },
        ]
    }

    /// The primary RPC URL.
    pub fn rpc_url(&self) -> &str {
        self.rpc_urls.first().map(String::as_str).unwrap_or("")
    }

    /// Explorer link for a transaction hash, if the network has an explorer.
    pub fn tx_url(&self, hash: &str) -> Option<String> {
        self.explorer_url.as_ref().map(|base| format!("{}/tx/{hash}", base.trim_end_matches('/')))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_have_sonic_ids() {
        let nets = Network::builtins();
        assert_eq!(nets[0].chain_id, Some(146));
        assert_eq!(nets[1].chain_id, Some(14601));
        assert!(nets[0].mainnet && !nets[2].mainnet);
        assert_eq!(nets[0].tx_url("0xab").as_deref(), Some("https://sonicscan.org/tx/0xab"));
    }
}
