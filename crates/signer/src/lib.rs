//! The signer RPC: EIP-1193 JSON-RPC for dapps and local programs, over HTTP (POST,
//! batches) and WebSocket on one loopback port (`SONIC_SIGNER_PORT`, default 1248).
//!
//! - [`serve`] binds and returns a [`SignerHandle`], which stops the server on drop.
//! - `guard`: a loopback `Host` only (no DNS rebinding), a readable `Origin`, CORS
//!   for approved origins only.
//! - `rpc`: the methods. `eth_sendTransaction`, `personal_sign` and
//!   `eth_signTypedData_v4` become plans (`Engine::plan_dapp_tx`,
//!   `Engine::plan_sign_message`) proposed as `signer` or `signer:<origin>`; the call
//!   waits until the user confirms (the hash or signature) or rejects (4001). A web
//!   origin must be approved first (`eth_requestAccounts` raises a connection card);
//!   until then it sees no account and may propose nothing (4100). Reads from an
//!   allow-list go to the active network's RPC; `eth_sign` and
//!   `eth_signTransaction` are refused (4200).
//! - `params`: the parameters read from hostile JSON.
//!
//! Nothing here signs: signatures come only from `Engine::confirm_plan`.

pub mod error;
mod guard;
mod params;
mod rpc;
mod server;

use std::{
    net::{Ipv4Addr, SocketAddr},
    sync::Arc,
};

pub use error::{Error, Result, RpcError};
pub use rpc::{FORWARDED, MAX_BATCH};
pub use server::MAX_BODY;
use sonic_engine::Engine;
use tokio::{net::TcpListener, sync::watch};

/// The port when `SONIC_SIGNER_PORT` is not set (the one Frame made familiar).
pub const DEFAULT_PORT: u16 = 1248;

/// The port from `SONIC_SIGNER_PORT`, else [`DEFAULT_PORT`]; an unreadable value is
/// an error, not a silent default.
pub fn port_from_env() -> Result<u16> {
    match std::env::var("SONIC_SIGNER_PORT") {
        Ok(v) => v.trim().parse().map_err(|_| Error::BadPort(v.chars().take(20).collect())),
        Err(_) => Ok(DEFAULT_PORT),
    }
}

/// `127.0.0.1:<port>`.
pub fn loopback(port: u16) -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, port))
}

/// A running signer RPC; dropping it stops the server, its connections and the
/// requests waiting in it (their plans stay pending in the engine until they expire).
#[derive(Debug)]
pub struct SignerHandle {
    addr: SocketAddr,
    stop: watch::Sender<bool>,
}

impl SignerHandle {
    /// The address it listens on (with the port bound, when 0 was asked).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `http://127.0.0.1:<port>` (or the bound loopback address).
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for SignerHandle {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

/// Starts the signer RPC on `addr` (a loopback address; port 0 picks a free one) for
/// `engine`. Must be called within a tokio runtime.
pub async fn serve(engine: Arc<Engine>, addr: SocketAddr) -> Result<SignerHandle> {
    if !addr.ip().is_loopback() {
        return Err(Error::NotLoopback(addr));
    }
    let listener = TcpListener::bind(addr).await.map_err(|source| Error::Bind { addr, source })?;
    let bound = listener.local_addr().map_err(|source| Error::Bind { addr, source })?;
    let (stop, stopped) = watch::channel(false);
    tokio::spawn(server::run(listener, Arc::new(rpc::Ctx::new(engine)), stopped));
    tracing::info!("signer RPC on http://{bound}");
    Ok(SignerHandle { addr: bound, stop })
}
