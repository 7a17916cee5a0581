//! Why a host could not start.

use std::path::PathBuf;

/// A host that could not be served.
#[derive(Debug, thiserror::Error)]
pub enum HostError {
    /// Another host answers on this data directory's socket.
    #[error("another Smart Sonic host already answers at {0}")]
    AlreadyRunning(PathBuf),
    /// The socket, the token file or the directory could not be set up.
    #[error("cannot set up the host at {path}: {source}")]
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The platform has no host transport yet.
    #[error("the engine host is not supported on this platform")]
    Unsupported,
}

impl HostError {
    #[cfg_attr(not(any(unix, windows)), allow(dead_code))]
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        HostError::Io { path: path.into(), source }
    }
}
