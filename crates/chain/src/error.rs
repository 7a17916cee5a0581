//! Chain errors. URLs and foreign messages in them are scrubbed: an RPC URL may carry
//! an API key.

use sonic_types::redact::scrub;

/// Everything that can go wrong talking to a node.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The RPC did not answer.
    #[error("cannot reach the RPC at {url}: {reason}")]
    Unreachable {
        /// The endpoint.
        url: String,
        /// What happened.
        reason: String,
    },
    /// The RPC serves another chain than the network expects.
    #[error(
        "the RPC at {url} reports chain id {actual}, but network '{network}' is chain {expected}; refusing to sign"
    )]
    ChainMismatch {
        /// Network name.
        network: String,
        /// The endpoint.
        url: String,
        /// Expected chain id.
        expected: u64,
        /// Reported chain id.
        actual: u64,
    },
    /// The URL is not a valid http(s) URL.
    #[error("'{0}' is not a valid RPC URL")]
    BadUrl(String),
    /// The simulation reverted.
    #[error("the transaction would fail: {0}")]
    Reverted(String),
    /// The node refused the transaction.
    #[error("the node refused the transaction: {0}")]
    Rejected(String),
    /// Any other RPC error.
    #[error("RPC error: {0}")]
    Rpc(String),
    /// A contract returned something unexpected.
    #[error("unexpected answer from {0}")]
    BadContract(String),
    /// Waiting for a receipt took too long.
    #[error("no receipt for {0} yet (still pending)")]
    Timeout(String),
}

impl Error {
    /// Classifies an alloy transport error, keeping revert reasons readable.
    pub(crate) fn from_rpc(url: &str, e: alloy::transports::TransportError) -> Self {
        use alloy::transports::RpcError;
        match &e {
            RpcError::Transport(kind) => Error::Unreachable { url: scrub(url), reason: scrub(&kind.to_string()) },
            RpcError::ErrorResp(payload) => {
                if let Some(data) = payload.as_revert_data() {
                    let reason = alloy::sol_types::decode_revert_reason(&data)
                        .unwrap_or_else(|| format!("reverted with data {data}"));
                    return Error::Reverted(reason);
                }
                let msg = payload.message.to_string();
                if msg.contains("revert") {
                    Error::Reverted(msg)
                } else {
                    Error::Rpc(msg)
                }
            }
            _ => Error::Rpc(e.to_string()),
        }
    }
}

/// Chain result.
pub type Result<T, E = Error> = std::result::Result<T, E>;
