//! IPFS errors.

/// What can go wrong storing or pinning content.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file is larger than the cap.
    #[error("the file is {0} bytes; the limit is 50 MB")]
    TooLarge(usize),
    /// The file is empty.
    #[error("the file is empty")]
    Empty,
    /// A file could not be read or written.
    #[error("{0}")]
    Io(String),
    /// Pinata refused or could not be reached.
    #[error("Pinata: {0}")]
    Pinata(String),
    /// Pinata's CID differs from ours: the content was not stored as we addressed it.
    #[error("Pinata returned CID {theirs}, but the content's CID is {ours}")]
    CidMismatch {
        /// What we computed.
        ours: String,
        /// What Pinata returned.
        theirs: String,
    },
}

/// IPFS result.
pub type Result<T, E = Error> = std::result::Result<T, E>;
