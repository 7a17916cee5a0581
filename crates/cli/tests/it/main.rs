//! End-to-end tests of the `sonic` binary against real anvil nodes: wallet import and
//! export (with cast interop), balances, native and ERC-20 sends, refusals, and the
//! failure modes a user can hit (wrong password, corrupt vault, bad RPC).

mod agent;
mod chain;
mod contacts;
mod defi;
mod host;
mod mcp;
mod output;
mod pay;
mod premium;
mod stake;
mod support;
mod swap;
mod wallet;
mod watch;
