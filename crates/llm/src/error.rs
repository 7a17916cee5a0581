//! Provider errors. Each one makes the caller fall back to the rules engine.

/// Why a provider gave no usable answer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The server could not be reached or did not answer in time.
    #[error("the language model at {0} did not answer: {1}")]
    Unreachable(String, String),
    /// The server answered with an HTTP error.
    #[error("the language model returned HTTP {status}: {message}")]
    Http {
        /// Status code.
        status: u16,
        /// The server's error message, if any.
        message: String,
    },
    /// The answer was not the expected function call.
    #[error("the language model did not answer with a wallet action: {0}")]
    NoFunctionCall(String),
    /// Plain http to a host other than this machine: the messages and the key would
    /// cross the network in clear.
    #[error("plain http is only for a model on this machine (localhost, 127.0.0.1, ::1); use https for {0}")]
    InsecureUrl(String),
    /// A bad configuration (URL, model).
    #[error("invalid provider settings: {0}")]
    Config(String),
}

/// Provider result.
pub type Result<T, E = Error> = std::result::Result<T, E>;
