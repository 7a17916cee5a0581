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
                    return Error::Reverted(revert_reason(&data));
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

/// The words of a revert: `Error(string)` and `Panic(uint256)` decoded, anything else
/// (a custom error) as its hex data, for the caller that knows the contract's errors
/// to read. (alloy's own decoder also takes data that happens to be valid UTF-8 as
/// text: a custom error whose selector bytes are printable came out as "^fxX".)
pub(crate) fn revert_reason(data: &[u8]) -> String {
    const ERROR_STRING: [u8; 4] = [0x08, 0xc3, 0x79, 0xa0];
    const PANIC: [u8; 4] = [0x4e, 0x48, 0x7b, 0x71];
    let standard = matches!(data.get(..4), Some(s) if s == ERROR_STRING || s == PANIC);
    standard
        .then(|| alloy::sol_types::decode_revert_reason(data))
        .flatten()
        .unwrap_or_else(|| format!("reverted with data 0x{}", alloy::hex::encode(data)))
}

/// Chain result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::revert_reason;

    #[test]
    fn a_custom_error_stays_hex_and_a_string_is_read() {
        // NotEnoughUnlockedStake(): its selector's bytes are "^fxX" in ASCII.
        assert_eq!(revert_reason(&[0x5e, 0x66, 0x78, 0x58]), "reverted with data 0x5e667858");
        let string = alloy::sol_types::SolError::abi_encode(&alloy::sol_types::Revert::from("no stake"));
        assert_eq!(revert_reason(&string), "revert: no stake");
        assert_eq!(revert_reason(&[]), "reverted with data 0x");
    }
}
