//! Store errors.

use std::path::PathBuf;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Another process has the data directory open (sled is single-writer).
    #[error("the data directory {0} is in use by another Smart Sonic process (close it, or use --data-dir)")]
    Busy(PathBuf),
    /// The database was written by a newer version of Smart Sonic.
    #[error(
        "the store in {path} has schema version {found}, newer than this program's {supported}; upgrade Smart Sonic"
    )]
    TooNew {
        /// The store's folder.
        path: PathBuf,
        /// Version found on disk.
        found: u32,
        /// Highest version this build knows.
        supported: u32,
    },
    /// A record could not be decoded.
    #[error("damaged record in tree '{tree}': {reason}")]
    Decode {
        /// The tree.
        tree: String,
        /// What failed.
        reason: String,
    },
    /// sled failed.
    #[error("store error: {0}")]
    Sled(#[from] sled::Error),
    /// A name or value is not acceptable.
    #[error("{0}")]
    Invalid(String),
}

/// Store result.
pub type Result<T, E = Error> = std::result::Result<T, E>;
