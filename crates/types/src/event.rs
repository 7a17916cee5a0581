//! Engine events, published on the bus and forwarded to the UI and the CLI.

use serde::{Deserialize, Serialize};

/// Connectivity of the active network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
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
#[cfg_attr(feature = "specta", derive(specta::Type))]
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
        #[cfg_attr(feature = "specta", specta(type = f64))]
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
    /// A trusted transfer into a watched account was mined.
    IncomingTransfer {
        /// Transaction hash.
        hash: String,
        /// Sender (checksummed).
        from: String,
        /// Receiving account (checksummed).
        to: String,
        /// Asset symbol.
        asset: String,
        /// Amount as a decimal string.
        amount: String,
    },
    /// A pending transaction disappeared without being mined.
    TxDropped {
        /// Transaction hash.
        hash: String,
    },
    /// A pending transaction's nonce was mined by another transaction.
    TxReplaced {
        /// The replaced transaction.
        hash: String,
        /// The one mined instead.
        by: String,
    },
    /// History indexing progress.
    SyncProgress {
        /// Last indexed block.
        #[cfg_attr(feature = "specta", specta(type = f64))]
        block: u64,
        /// Block being caught up to.
        #[cfg_attr(feature = "specta", specta(type = f64))]
        target: u64,
    },
    /// Records from before the index began were added to history (an explorer's rows,
    /// confirmed on chain): lists of transactions are out of date.
    HistoryFilledIn {
        /// How many records were added.
        records: u32,
    },
    /// An account was added to the wallet (derived, imported, or a new or restored
    /// wallet): the watcher follows the new set.
    AccountsChanged,
    /// A token was registered: the watcher trusts its transfers from now on.
    TokensChanged,
    /// The active network was switched, or its endpoints changed: the watcher follows
    /// the new chain.
    NetworkChanged {
        /// Name of the active network.
        network: String,
    },
    /// A client of the host (the CLI, the signer RPC, the MCP server) proposed a plan;
    /// it waits for the user's answer on a card.
    PlanProposed {
        /// The plan.
        plan: Box<crate::dto::Plan>,
    },
    /// A pending plan was confirmed, rejected, expired or failed.
    PlanResolved {
        /// Plan id.
        id: String,
        /// How it ended.
        outcome: crate::dto::PlanOutcome,
    },
    /// Connectivity of a network changed.
    NetworkStatus {
        /// Network name.
        network: String,
        /// New status.
        status: NetStatus,
    },
}
