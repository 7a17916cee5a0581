//! Watcher errors.

/// What stops the watcher (transient RPC faults are retried, not returned).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Every RPC URL kept failing past the retry budget.
    #[error("the network's RPC is unavailable: {0}")]
    Unavailable(String),
    /// The node did not give a block (or gave it inconsistently) through every retry:
    /// it is behind, or the head it reported does not exist. Everything before this
    /// block is indexed.
    #[error("block {block} is not available from the node (it is behind, or its reported head is wrong)")]
    BlockUnavailable {
        /// The first block not indexed.
        block: u64,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] sonic_store::Error),
    /// A bad configuration.
    #[error("{0}")]
    Config(String),
}

/// Watcher result.
pub type Result<T, E = Error> = std::result::Result<T, E>;
