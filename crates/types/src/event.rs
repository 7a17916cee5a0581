//! Engine events, published on the bus and forwarded to the UI and the CLI.

use serde::{Deserialize, Serialize};

/// Connectivity of the active network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NetStatus {
    /// Answers normally.
    Online,
    /// Answers slowly or with errors.
    Degraded,
    /// Does not answer.
    Offline,
}

/// Everything the engine tells its listeners. Closed on purpose: a new event is a
/// deliberate change to every listener.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// The vault was unlocked.
    Unlocked,
    /// The vault was locked (by the user or the idle timer).
    Locked,
    /// A transaction was signed and broadcast.
    TxSent {
        /// Transaction hash.
        hash: String,
        /// Human summary of the plan.
        summary: String,
    },
    /// A transaction was mined successfully.
    TxConfirmed {
        /// Transaction hash.
        hash: String,
        /// Block number.
        block: u64,
    },
    /// A transaction was mined but reverted, or could not be sent.
    TxFailed {
        /// Transaction hash.
        hash: String,
        /// Why, readably.
        reason: String,
    },
    /// A balance changed.
    BalanceChanged {
        /// Checksummed account address.
        account: String,
        /// Asset symbol.
        asset: String,
        /// New amount as a decimal string.
        amount: String,
    },
    /// Connectivity of a network changed.
    NetworkStatus {
        /// Network name.
        network: String,
        /// New status.
        status: NetStatus,
    },
}
