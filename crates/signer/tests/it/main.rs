//! The signer RPC against a real anvil and a real engine: HTTP and WebSocket clients,
//! `cast send --unlocked`, and a viem script.

mod calls;
mod cast;
mod hostile;
mod http;
mod sign;
mod support;
mod viem;
mod ws;
