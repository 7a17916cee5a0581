//! The engine host: one process (the desktop app, `sonic daemon`, or `sonic mcp` when
//! nothing else runs) owns the data directory and its engine, and serves a local
//! control API; every other `sonic` process is a client of it.
//!
//! - [`wire`]: the protocol, newline-delimited JSON with a version, the per-start
//!   token and bounded lines.
//! - [`dispatch`]: one table answering the IPC contract's engine commands and the
//!   host's own ([`sonic_types::host`]) by calling the engine. Plans made for a
//!   client are announced with the client's origin, so the app queues them as cards.
//! - [`shared`]: the engine calls the desktop shell and the host's table answer
//!   alike, one implementation for both.
//! - [`server`]: the socket (`<data dir>/host.sock`, 0600 in a 0700 directory) and the
//!   token file beside it (`host.token`, 0600, written atomically, removed on stop).
//! - [`client`]: [`HostClient`], typed by the contract.
//!
//! A Unix domain socket on Linux and macOS, a named pipe on Windows (compiled there,
//! not yet tested on a Windows machine).

pub mod client;
pub mod dispatch;
mod error;
pub mod server;
pub mod shared;
pub mod wire;

use std::path::{Path, PathBuf};

pub use client::{host_answers, EventStream, HostClient};
pub use dispatch::{call_local, dispatch};
pub use error::HostError;
pub use server::{Host, HostHandle};

/// The socket's file name in the data directory.
pub const SOCKET_FILE: &str = "host.sock";
/// The token file's name in the data directory.
pub const TOKEN_FILE: &str = "host.token";

/// Where the host of `data_dir` listens: `<data dir>/host.sock`, or on Windows the
/// named pipe `\\.\pipe\smart-sonic-<FNV-1a of the data directory's full path>`.
pub fn socket_path(data_dir: &Path) -> PathBuf {
    if cfg!(windows) {
        // Paths are case-insensitive there; the hash is stable across versions.
        let full = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
        let text = full.to_string_lossy().to_lowercase();
        let hash =
            text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        PathBuf::from(format!(r"\\.\pipe\smart-sonic-{hash:016x}"))
    } else {
        data_dir.join(SOCKET_FILE)
    }
}

/// Where the host of `data_dir` keeps its per-start token.
pub fn token_path(data_dir: &Path) -> PathBuf {
    data_dir.join(TOKEN_FILE)
}
