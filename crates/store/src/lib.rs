//! The embedded store: sled trees for contacts, tokens, transactions, custom networks
//! and non-secret settings, with a versioned schema and migrations.
//!
//! Invariant: nothing secret is ever written here; secrets live in the vault.

mod error;
mod migrate;
mod sent;
pub mod settings;
mod store;

pub use error::{Error, Result};
pub use migrate::SCHEMA_VERSION;
pub use sent::SentTx;
pub use settings::Setting;
pub use store::Store;
