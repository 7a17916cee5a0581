//! Engine events to the UI (as Tauri events: the UI never polls) and to native
//! notifications; and the watcher, run in the background while the app is open.

use std::time::Duration;

use sonic_types::{
    ipc::{EngineEvents, Topic},
    Event,
};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::{notify, state::AppState, tray};

/// Emits one of the contract's events to the UI (`sonic_types::ipc`: its name and
/// payload type are declared there, nowhere else).
pub(crate) fn emit<T: Topic, R: Runtime>(app: &AppHandle<R>, payload: &T::Payload) {
    if let Err(e) = app.emit(T::NAME, payload) {
        eprintln!("event {} not delivered: {e}", T::NAME);
    }
}

/// Forwards engine events, and runs the auto-lock check and the watcher.
pub(crate) fn spawn<R: Runtime>(app: &AppHandle<R>) {
    let Ok(engine) = app.state::<AppState>().engine() else { return };
    let mut rx = engine.bus().subscribe();
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            match rx.recv().await {
                Ok(ev) => {
                    log_event(&ev);
                    // Per-block progress is not shown: not sending it keeps the web
                    // process asleep between blocks (the idle cost of a tray wallet).
                    if !matches!(ev, Event::SyncProgress { .. }) {
                        emit::<EngineEvents, _>(&handle, &ev);
                    }
                    notify::maybe_notify(&handle, &ev);
                    tray::on_event(&handle, &ev);
                }
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(_) => break,
            }
        }
    });
    // Auto-lock: the vault locks itself after the idle time from the settings when it
    // is next used; this check makes that happen on time even when nothing is used, and
    // the Locked event then shows the lock screen.
    {
        let engine = engine.clone();
        tauri::async_runtime::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(15)).await;
                let _ = engine.is_unlocked().await;
            }
        });
    }
    // The watcher: history, pending transactions, balances. It follows new accounts,
    // tokens and a network switch by itself, and retries on its own; when it gives up
    // (RPC down for long), it starts again after a pause, cut short by a new wallet or
    // a network switch (the next network may answer).
    let engine = engine.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            // Subscribed before the run, so a switch made while it fails is not missed.
            let mut changes = engine.bus().subscribe();
            if engine.wallet_exists() {
                if let Err(e) = engine.watch(None, false, std::future::pending()).await {
                    tracing::warn!("watcher stopped: {e}");
                }
            }
            let _ = tokio::time::timeout(Duration::from_secs(5), async {
                loop {
                    match changes.recv().await {
                        Ok(Event::AccountsChanged | Event::NetworkChanged { .. }) => return,
                        Err(tokio::sync::broadcast::error::RecvError::Closed) => std::future::pending().await,
                        _ => {}
                    }
                }
            })
            .await;
        }
    });
}

/// One line in the log for the events worth one: no amounts of incoming transfers, no
/// secrets (events carry none).
fn log_event(ev: &Event) {
    match ev {
        Event::Unlocked => tracing::info!("vault unlocked"),
        Event::Locked => tracing::info!("vault locked"),
        Event::NetworkChanged { network } => tracing::info!(network, "network switched"),
        Event::NetworkStatus { network, status } => tracing::info!(network, ?status, "network status"),
        Event::PlanProposed { plan } => {
            tracing::info!(id = %plan.id, origin = ?plan.origin, "plan proposed: {}", plan.summary)
        }
        Event::PlanResolved { id, outcome } => tracing::info!(id, ?outcome, "plan resolved"),
        Event::TxSent { summary, .. } => tracing::info!("transaction sent: {summary}"),
        Event::TxConfirmed { block, .. } => tracing::info!(block, "transaction confirmed"),
        Event::TxFailed { reason, .. } => tracing::warn!("transaction failed: {reason}"),
        Event::TxDropped { .. } => tracing::warn!("transaction dropped"),
        Event::TxReplaced { .. } => tracing::info!("transaction replaced"),
        Event::SyncProgress { block, target } => tracing::debug!(block, target, "watcher progress"),
        Event::HistoryFilledIn { records } => tracing::info!(records, "history filled in from the explorer"),
        Event::AccountsChanged => tracing::info!("accounts changed"),
        Event::TokensChanged => tracing::info!("tokens changed"),
        Event::BalanceChanged { .. } | Event::IncomingTransfer { .. } => tracing::debug!("balance changed"),
    }
}
