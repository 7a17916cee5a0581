//! IPFS content for NFTs. [`cid::cid_of`] computes the CIDv1 that kubo's
//! `ipfs add --cid-version=1` gives a file (raw leaves, 256 KiB chunks, a balanced
//! UnixFS DAG of at most 174 links per node, sha2-256); [`store::ContentStore`] keeps
//! the bytes in the data directory; [`pinata`] pins them and checks the CID it returns.

pub mod cid;
mod error;
#[cfg(feature = "fake-server")]
pub mod fake;
pub mod pinata;
pub mod store;

pub use error::{Error, Result};

/// Largest image accepted for an NFT.
pub const MAX_FILE_SIZE: usize = 50 * 1024 * 1024;
