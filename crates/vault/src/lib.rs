//! The key vault: BIP-39 HD accounts and imported keys, encrypted at rest with scrypt
//! and XChaCha20-Poly1305, with keystore v3 import/export.
//!
//! Invariant: key material never leaves this crate except as an alloy signer handed to
//! the engine for one signature; it is never serialised for IPC and never logged.

mod error;
pub mod fsutil;
pub mod kdf;
pub mod keystore;
mod vault;

pub use error::{Error, Result};
pub use keystore::KeystoreKdf;
pub use vault::{
    mnemonic_from_entropy, mnemonic_seed, KdfParams, KeystoreExport, KeystoreKey, PasswordChange, Vault, WordCount,
};

/// Re-exported so callers can sign without depending on alloy's signer crates directly.
pub use alloy::signers::local::PrivateKeySigner;
