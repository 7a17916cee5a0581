//! Integration tests of the vault: BIP-39 vectors, anvil's mnemonic, encryption at
//! rest, damage and tampering, password change, backup and restore.

mod bip39;
mod vault;
