//! The watcher against real anvil nodes: exactly-once records in both directions for
//! S and ERC-20, a reorganisation rolled back and re-indexed, and a faulty RPC that
//! must not crash it nor corrupt the index.

mod faults;
mod index;
mod pending;
mod support;
