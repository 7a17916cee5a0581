//! `sonic daemon`: the engine host where there is no desktop. It owns the data
//! directory, unlocks when given the password, runs the watcher, serves other `sonic`
//! processes and `sonic mcp` on the host socket and dapps on the signer RPC, until
//! Ctrl-C or SIGTERM.

use std::{sync::Arc, time::Duration};

use serde_json::json;
use sonic_host::Host;

use super::Ctx;
use crate::{out::note, secrets::read_secret_file, Fail};

/// How long the watcher waits before trying again after a failure (node down...).
const WATCH_RETRY: Duration = Duration::from_secs(5);

/// Runs the daemon until a stop signal.
pub(crate) async fn run(cx: &Ctx, no_signer: bool) -> Result<(), Fail> {
    let engine = Arc::new(cx.engine()?);
    // Unlocked only with a password given non-interactively; else it stays locked
    // until a client sends the password (`sonic plans confirm` asks for it).
    let password = match (&cx.g.password_file, std::env::var("SONIC_PASSWORD")) {
        (Some(f), _) => Some(read_secret_file(f)?),
        (None, Ok(p)) => Some(zeroize::Zeroizing::new(p)),
        (None, Err(_)) => None,
    };
    if let Some(pw) = password {
        engine.unlock(pw.as_bytes()).await?;
    }
    let host = Host::serve(engine.clone(), &cx.data_dir()).await.map_err(|e| Fail::op(e.to_string()))?;
    let signer = if no_signer {
        None
    } else {
        let port = sonic_signer::port_from_env().map_err(|e| Fail::usage(e.to_string()))?;
        let handle = sonic_signer::serve(engine.clone(), sonic_signer::loopback(port)).await.map_err(|e| {
            Fail::op(format!("cannot start the signer RPC: {e} (use --no-signer or SONIC_SIGNER_PORT)"))
        })?;
        Some(handle)
    };
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let watcher = tokio::spawn(watch(engine.clone(), stop_rx));

    let socket = host.socket_path().display().to_string();
    let url = signer.as_ref().map(|s| s.url());
    cx.print(json!({"host": socket, "signer": url, "pid": std::process::id()}), || match &url {
        Some(u) => format!("sonic daemon: host at {socket}, signer RPC at {u}"),
        None => format!("sonic daemon: host at {socket}"),
    })?;

    stopped().await;
    let _ = stop_tx.send(true);
    let _ = tokio::time::timeout(Duration::from_secs(5), watcher).await;
    drop(signer);
    drop(host);
    Ok(())
}

/// Follows the chain until stopped, starting again after a failure.
async fn watch(engine: Arc<sonic_engine::Engine>, mut stop: tokio::sync::watch::Receiver<bool>) {
    loop {
        let mut until = stop.clone();
        let result = engine.watch(None, false, async move {
            let _ = until.wait_for(|s| *s).await;
        });
        if let Err(e) = result.await {
            note(format!("watcher: {e}; trying again in {}s", WATCH_RETRY.as_secs()));
        }
        if *stop.borrow() {
            return;
        }
        if tokio::time::timeout(WATCH_RETRY, stop.wait_for(|s| *s)).await.is_ok() {
            return;
        }
    }
}

/// Resolves at Ctrl-C or SIGTERM.
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
