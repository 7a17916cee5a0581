//! The structured error that crosses the IPC boundary and the CLI's `--json` output.

use serde::{Deserialize, Serialize};

/// A machine-readable error category the UI can match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The vault is locked; unlock first.
    Locked,
    /// The password was wrong.
    WrongPassword,
    /// No wallet exists yet.
    NoWallet,
    /// A vault or keystore file is damaged or tampered with.
    Corrupt,
    /// Bad input: an address, an amount, a name.
    InvalidInput,
    /// Balance too low for amount plus fee.
    InsufficientFunds,
    /// The RPC reports another chain than the network's.
    ChainMismatch,
    /// The RPC cannot be reached.
    Unreachable,
    /// The node refused or the simulation reverted.
    Rejected,
    /// The plan is unknown, expired or already used.
    PlanInvalid,
    /// The data directory is used by another process.
    Busy,
    /// Something was not found (account, contact, token, network).
    NotFound,
    /// Anything else.
    Internal,
}

/// `{code, message}`: what a UI or a script sees of an engine error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[error("{message}")]
pub struct IpcError {
    /// The category.
    pub code: ErrorCode,
    /// One readable sentence.
    pub message: String,
}

impl IpcError {
    /// Builds an error from a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }
}
