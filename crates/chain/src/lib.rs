//! Chain access on alloy: connecting with a chain-id check, balances, ERC-20 reads,
//! EIP-1559 fees, simulation, gas estimation, a nonce manager, signing and broadcast.
//!
//! This crate never decides whether to send: the engine's plan/confirm gate does.

mod client;
pub mod contracts;
pub mod erc20;
mod error;
pub mod kyber;
mod nonce;
pub mod transport;
pub mod uniswap;

pub use client::{Chain, Fees, Mined, TxSpec};
pub use error::{Error, Result};
pub use nonce::NonceManager;
