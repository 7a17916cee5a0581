//! Native notifications (notify-rust) for incoming transfers, confirmations and
//! failures, as the desktop preferences allow. Each says who and how much (a contact's
//! name where the address is saved), and clicking it (the notification's default
//! action) brings the window up with the transaction open in Activity: the `open-tx`
//! event of the contract.

use sonic_types::{checksum, dto::TxRecord, format_units, ipc::OpenTx, Address, Event};
use tauri::{AppHandle, Manager, Runtime};

use crate::{deeplink, events::emit, prefs, state::AppState};

/// The default action's key: what a click on the notification's body invokes.
const OPEN: &str = "default";

/// Shows the notification an event calls for, if the preferences allow it.
pub(crate) fn maybe_notify<R: Runtime>(app: &AppHandle<R>, ev: &Event) {
    let p = prefs::load(app);
    let wanted = match ev {
        Event::IncomingTransfer { .. } => p.notify_incoming,
        Event::TxConfirmed { .. } => p.notify_confirmed,
        Event::TxFailed { .. } => p.notify_failed,
        _ => false,
    };
    if !wanted {
        return;
    }
    let (app, ev) = (app.clone(), ev.clone());
    tauri::async_runtime::spawn(async move {
        let Some((summary, body, hash)) = words(&app, &ev).await else { return };
        // Showing a notification and waiting for its click block on D-Bus: a thread of
        // its own, off the event loop.
        std::thread::spawn(move || show(&app, &summary, &body, &hash));
    });
}

/// The notification's title and text, and the transaction it opens.
async fn words<R: Runtime>(app: &AppHandle<R>, ev: &Event) -> Option<(String, String, String)> {
    match ev {
        Event::IncomingTransfer { hash, from, asset, amount, .. } => {
            let who = name_of(app, from.parse().ok()).unwrap_or_else(|| from.clone());
            Some((format!("Received {amount} {asset}"), format!("From {who}"), hash.clone()))
        }
        Event::TxConfirmed { hash, block } => {
            let body = match record(app, hash).await {
                Some(t) => format!("{} in block {block}", sent_line(app, &t)),
                None => format!("{hash} in block {block}"),
            };
            Some(("Transaction confirmed".to_string(), body, hash.clone()))
        }
        Event::TxFailed { hash, reason } => {
            let what = record(app, hash).await.map(|t| format!("{}: ", sent_line(app, &t))).unwrap_or_default();
            Some(("Transaction failed".to_string(), format!("{what}{reason}"), hash.clone()))
        }
        _ => None,
    }
}

/// "Sent 1.5 S to Alice": the record's amount and recipient.
fn sent_line<R: Runtime>(app: &AppHandle<R>, t: &TxRecord) -> String {
    let to = name_of(app, Some(t.to)).unwrap_or_else(|| checksum(&t.to));
    format!("Sent {} {} to {to}", format_units(t.raw, t.decimals), t.asset)
}

/// This wallet's record of a transaction, if it has one.
async fn record<R: Runtime>(app: &AppHandle<R>, hash: &str) -> Option<TxRecord> {
    let engine = app.state::<AppState>().engine().ok()?;
    engine.tx_status(hash).await.ok().flatten()
}

/// The contact name saved for an address.
fn name_of<R: Runtime>(app: &AppHandle<R>, address: Option<Address>) -> Option<String> {
    let address = address?;
    let engine = app.state::<AppState>().engine().ok()?;
    engine.contacts().ok()?.into_iter().find(|c| c.address == address).map(|c| c.name)
}

/// Shows the notification and waits for it to be clicked or closed; a click opens the
/// transaction in the app.
fn show<R: Runtime>(app: &AppHandle<R>, summary: &str, body: &str, hash: &str) {
    let shown = notify_rust::Notification::new()
        .appname("Smart Sonic")
        .summary(summary)
        .body(body)
        .action(OPEN, "Open in Activity")
        .show();
    match shown {
        #[cfg(all(unix, not(target_os = "macos")))]
        Ok(handle) => handle.wait_for_action(|action| {
            if action == OPEN {
                deeplink::show_main(app);
                emit::<OpenTx, R>(app, &hash.to_string());
            }
        }),
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        Ok(_) => {
            // Elsewhere notify-rust reports no click: the notification only informs.
            let _ = (app, hash);
        }
        Err(e) => eprintln!("notification not shown: {e}"),
    }
}
