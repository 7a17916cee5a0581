//! Errors: the server's own ([`Error`]) and the JSON-RPC error objects sent to clients
//! ([`RpcError`], EIP-1193 and JSON-RPC 2.0 codes). Nothing secret goes into either:
//! engine and node messages are scrubbed, and a node's URL is never named.

use serde_json::{json, Value};
use sonic_types::{redact::scrub, ErrorCode};

/// What can stop the server from starting.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The address is not a loopback one: the signer RPC serves this machine only.
    #[error("the signer RPC listens on loopback addresses only, not {0}")]
    NotLoopback(std::net::SocketAddr),
    /// `SONIC_SIGNER_PORT` is not a port number.
    #[error("SONIC_SIGNER_PORT='{0}' is not a port number")]
    BadPort(String),
    /// The port could not be bound (in use, or not allowed).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: std::net::SocketAddr,
        /// Why.
        source: std::io::Error,
    },
}

/// `Result` with the signer's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// EIP-1193: the user rejected the request.
pub const USER_REJECTED: i64 = 4001;
/// EIP-1193: the origin (or account) is not authorized.
pub const UNAUTHORIZED: i64 = 4100;
/// EIP-1193: the method is not supported by this wallet.
pub const UNSUPPORTED: i64 = 4200;
/// EIP-3326: the chain is unknown to the wallet.
pub const UNRECOGNIZED_CHAIN: i64 = 4902;
/// JSON-RPC: the body is not JSON.
pub const PARSE_ERROR: i64 = -32700;
/// JSON-RPC: not a request object.
pub const INVALID_REQUEST: i64 = -32600;
/// JSON-RPC: no such method.
pub const METHOD_NOT_FOUND: i64 = -32601;
/// JSON-RPC: bad parameters.
pub const INVALID_PARAMS: i64 = -32602;
/// JSON-RPC: the wallet failed.
pub const INTERNAL: i64 = -32603;
/// JSON-RPC server error: refused by the wallet or the node (a revert, no funds).
pub const SERVER: i64 = -32000;

/// A JSON-RPC error object.
#[derive(Debug, Clone, PartialEq)]
pub struct RpcError {
    /// The code (see the constants of this module).
    pub code: i64,
    /// A readable message, scrubbed of secrets.
    pub message: String,
    /// Extra data (a node's revert data, passed through).
    pub data: Option<Value>,
}

impl RpcError {
    /// An error with a code and a message.
    pub fn new(code: i64, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), data: None }
    }

    /// Bad parameters.
    pub fn params(message: impl Into<String>) -> Self {
        Self::new(INVALID_PARAMS, message)
    }

    /// The origin is not approved (or the account is not the wallet's).
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(UNAUTHORIZED, message)
    }

    /// The JSON form.
    pub fn to_json(&self) -> Value {
        match &self.data {
            Some(d) => json!({ "code": self.code, "message": self.message, "data": d }),
            None => json!({ "code": self.code, "message": self.message }),
        }
    }
}

impl From<sonic_engine::Error> for RpcError {
    fn from(e: sonic_engine::Error) -> Self {
        let code = match e.code() {
            ErrorCode::InvalidInput => INVALID_PARAMS,
            ErrorCode::Internal => INTERNAL,
            _ => SERVER,
        };
        Self::new(code, scrub(&e.to_string()))
    }
}

/// A node's error answer, passed through (code, message, data); a transport failure
/// says only that the network did not answer (its URL may hold an API key).
pub(crate) fn from_transport(e: alloy::transports::TransportError) -> RpcError {
    match e {
        alloy::transports::RpcError::ErrorResp(p) => RpcError {
            code: p.code,
            message: scrub(&p.message),
            data: p.data.and_then(|d| serde_json::from_str(d.get()).ok()),
        },
        _ => RpcError::new(INTERNAL, "the network's RPC did not answer"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_errors_keep_their_kind_and_lose_their_secrets() {
        let e: RpcError = sonic_engine::Error::Invalid("bad".into()).into();
        assert_eq!(e.code, INVALID_PARAMS);
        let key = "0x4c0883a69102937d6231471b5dbb6204fe512961708279f1d5a8f2f2f0b5d8a1";
        let e: RpcError = sonic_engine::Error::Plan(format!("odd {key}")).into();
        assert_eq!(e.code, SERVER);
        assert!(!e.message.contains(key), "{}", e.message);
    }

    #[test]
    fn node_errors_pass_through_with_their_data() {
        let payload = alloy::rpc::json_rpc::ErrorPayload {
            code: 3,
            message: "execution reverted: no".into(),
            data: serde_json::value::to_raw_value(&"0x08c379a0").ok(),
        };
        let e = from_transport(alloy::transports::RpcError::ErrorResp(payload));
        assert_eq!(e.to_json(), json!({"code": 3, "message": "execution reverted: no", "data": "0x08c379a0"}));
    }
}
