//! Errors of the market-data sources.

/// What can go wrong asking DefiLlama.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The base URL is not usable (not http(s), or plain http to another machine).
    #[error("{0}")]
    Config(String),
    /// The source could not be reached (connection, timeout, TLS).
    #[error("{what} is unreachable: {reason}")]
    Unreachable {
        /// Which source ("DefiLlama prices").
        what: &'static str,
        /// What the transport said (no URL quoted).
        reason: String,
    },
    /// The source answered with an HTTP error.
    #[error("{what} answered HTTP {status}")]
    Http {
        /// Which source.
        what: &'static str,
        /// The HTTP status.
        status: u16,
    },
    /// The reply was larger than we accept.
    #[error("{what} sent more than {limit} bytes; reply ignored")]
    TooLarge {
        /// Which source.
        what: &'static str,
        /// The limit in bytes.
        limit: usize,
    },
    /// The reply is not in the documented format.
    #[error("{what} sent a reply in an unexpected format: {reason}")]
    Malformed {
        /// Which source.
        what: &'static str,
        /// What was wrong.
        reason: String,
    },
}

/// Results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
