//! The app as the wallet's engine host: while it runs, it serves the local control
//! socket of its data directory (`sonic_host`), so `sonic` beside it and `sonic mcp`
//! are its clients, and the signer RPC (`sonic_signer`, on 127.0.0.1, port from
//! `SONIC_SIGNER_PORT`, default 1248) for dapps and developer tools. Every plan they
//! propose reaches the UI as a card (`Event::PlanProposed`, forwarded by `events.rs`).

use std::sync::Mutex;

use sonic_host::{Host, HostHandle};
use sonic_signer::SignerHandle;
use tauri::{AppHandle, Manager};

use crate::state::AppState;

/// The running host and signer RPC, kept for the app's life and stopped at its exit
/// (stopping the host removes the socket and the token file; a file left by a crash is
/// replaced at the next start).
pub(crate) struct HostState(Mutex<Option<(Option<HostHandle>, Option<SignerHandle>)>>);

/// Starts serving the engine to local clients (nothing when the engine did not open).
pub(crate) fn spawn(app: &AppHandle) {
    let Ok(engine) = app.state::<AppState>().engine() else { return };
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let dir = engine.data_dir().to_path_buf();
        // The app works without either; only other programs cannot reach the wallet.
        let host = Host::serve(engine.clone(), &dir)
            .await
            .map_err(|e| eprintln!("warning: `sonic` and `sonic mcp` cannot reach this wallet: {e}"))
            .ok();
        let signer = match sonic_signer::port_from_env() {
            Ok(port) => sonic_signer::serve(engine, sonic_signer::loopback(port))
                .await
                .map_err(|e| eprintln!("warning: no signer RPC for dapps: {e}"))
                .ok(),
            Err(e) => {
                eprintln!("warning: no signer RPC for dapps: {e}");
                None
            }
        };
        app.manage(HostState(Mutex::new(Some((host, signer)))));
    });
}

/// Stops serving: the signer RPC and the host, whose socket and token file go away.
pub(crate) fn stop(app: &AppHandle) {
    if let Some(state) = app.try_state::<HostState>() {
        if let Ok(mut running) = state.0.lock() {
            drop(running.take());
        }
    }
}
