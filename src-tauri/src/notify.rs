//! Native notifications (notify-rust) for incoming transfers, confirmations and
//! failures, as the desktop preferences allow.

use sonic_types::Event;
use tauri::{AppHandle, Runtime};

use crate::prefs;

pub(crate) fn maybe_notify<R: Runtime>(app: &AppHandle<R>, ev: &Event) {
    let p = prefs::load(app);
    let (summary, body) = match ev {
        Event::IncomingTransfer { from, asset, amount, .. } if p.notify_incoming => {
            (format!("Received {amount} {asset}"), format!("From {from}"))
        }
        Event::TxConfirmed { hash, block } if p.notify_confirmed => {
            ("Transaction confirmed".to_string(), format!("{hash} in block {block}"))
        }
        Event::TxFailed { hash, reason } if p.notify_failed => {
            ("Transaction failed".to_string(), format!("{hash}: {reason}"))
        }
        _ => return,
    };
    // Showing a notification blocks on D-Bus; keep it off the event loop.
    std::thread::spawn(move || {
        if let Err(e) = notify_rust::Notification::new().appname("Smart Sonic").summary(&summary).body(&body).show() {
            eprintln!("notification not shown: {e}");
        }
    });
}
