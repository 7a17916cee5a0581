//! Wasm-safe types shared by every Smart Sonic crate and the UI: amounts, addresses,
//! networks, DTOs that cross the IPC boundary, the IPC contract (`ipc`: every command
//! and event of the desktop app, declared once), engine events and the IPC error.
//!
//! Nothing here does I/O, so the crate builds for `wasm32-unknown-unknown`.

pub mod action;
pub mod address;
pub mod amount;
pub mod dto;
pub mod eip712;
pub mod error;
pub mod event;
pub mod host;
pub mod ipc;
pub mod market;
pub mod network;
pub mod payreq;
pub mod qr;
pub mod redact;
pub mod time;
pub mod tokens;

pub use address::{checksum, parse_address, AddressError};
pub use alloy_primitives::{Address, B256, U256};
pub use amount::{format_units, parse_units, AmountError};
pub use error::{ErrorCode, IpcError};
pub use event::Event;
pub use network::Network;

/// Decimals of the native token S.
pub const NATIVE_DECIMALS: u8 = 18;
/// Symbol of the native token.
pub const NATIVE_SYMBOL: &str = "S";
