//! The chain watcher: follows new blocks of one network, records every transfer that
//! touches a watched account (native in and out, ERC-20 Transfer logs both ways, the
//! user's own contract calls) in the store with its cursor in the same transaction,
//! detects reorganisations and rolls back to the fork point, tracks pending
//! transactions until mined, dropped or replaced, keeps cached balances fresh, and
//! survives a bad RPC (retries with backoff and jitter, failover across URLs).

mod error;
pub mod explorer;
mod pending;
mod rpc;
mod sync;

pub use error::{Error, Result};
pub use rpc::{endpoint_stats, stats_for, EndpointReport, EndpointStats, RpcPool};
pub use sync::{Watcher, WatcherConfig};
