//! `sonic history`, `sonic tx` and `sonic watch`: the indexed history, one
//! transaction's status (speed-up and cancel of a stuck one), and the watcher.

use std::{io::IsTerminal, sync::Arc, time::Duration};

use serde_json::json;
use sonic_engine::HistoryFilter;
use sonic_types::{checksum, Event};
use tokio::sync::{broadcast::error::RecvError, Notify};

use super::{plan::confirm_plan, Ctx};
use crate::{
    args::TxCmd,
    out::{note, Out},
    Fail,
};

/// Prints the records of an account, newest first.
pub(crate) async fn history(cx: &Ctx, f: HistoryFilter) -> Result<(), Fail> {
    let engine = cx.engine()?;
    let me = engine.resolve_account(f.account.as_deref()).await?.address;
    for t in engine.history(&f).await? {
        print_transfer(cx, me, &t)?;
    }
    Ok(())
}

/// Prints one transfer as seen from account `me` (here and through the wallet's host).
pub(super) fn print_transfer(cx: &Ctx, me: sonic_types::Address, t: &sonic_types::dto::TxRecord) -> Result<(), Fail> {
    let amount = sonic_types::format_units(t.raw, t.decimals);
    let dir = if t.from == me { "out" } else { "in" };
    let other = if t.from == me { t.to } else { t.from };
    // A swap's record carries what it received too: one entry, both legs.
    let received = t.received.as_ref().map(|l| (sonic_types::format_units(l.raw, l.decimals), l.asset.clone()));
    cx.print(
        json!({"hash": t.hash, "block": t.block, "timestamp": t.timestamp, "direction": dir,
               "counterparty": checksum(&other), "asset": t.asset, "amount": amount, "raw": t.raw.to_string(),
               "status": t.state, "untrusted": t.untrusted, "replaced_by": t.replaced_by,
               "received": received.as_ref().map(|(a, asset)| json!({"asset": asset, "amount": a}))}),
        || {
            format!(
                "{} {:<3} {:>24} {:<8} {} {:?}{}{}{}",
                t.block.map(|b| b.to_string()).unwrap_or_else(|| "pending".into()),
                dir,
                amount,
                t.asset,
                checksum(&other),
                t.state,
                if t.untrusted { " (untrusted)" } else { "" },
                t.replaced_by.as_ref().map(|b| format!(" (replaced by {b}, not counted)")).unwrap_or_default(),
                received.as_ref().map(|(a, asset)| format!(" (swap: received {a} {asset})")).unwrap_or_default()
            )
        },
    )
}

/// Prints `sonic tx status` of `hash` (with or without a host): its state, block and
/// replacement; an error when it is not the wallet's.
pub(crate) fn print_tx_status(cx: &Ctx, hash: &str, t: Option<sonic_types::dto::TxRecord>) -> Result<(), Fail> {
    let Some(t) = t else {
        return Err(Fail::op(format!("{hash} is not a transaction of this wallet")));
    };
    cx.print(
        json!({"hash": t.hash, "status": t.state, "block": t.block, "reason": t.reason, "replaced_by": t.replaced_by}),
        || {
            format!(
                "{:?}{}{}",
                t.state,
                t.block.map(|b| format!(" in block {b}")).unwrap_or_default(),
                t.replaced_by.map(|b| format!(" by {b}")).unwrap_or_default()
            )
            .to_lowercase()
        },
    )
}

/// Runs one `sonic tx` command.
pub(crate) async fn tx(cx: &Ctx, cmd: TxCmd) -> Result<(), Fail> {
    let engine = cx.engine()?;
    let (hash, plan, yes) = match cmd {
        TxCmd::Status { hash } => {
            return print_tx_status(cx, &hash, engine.tx_status(&hash).await?);
        }
        TxCmd::Speedup { hash, yes } => (hash.clone(), engine.plan_speed_up(&hash).await?, yes),
        TxCmd::Cancel { hash, yes } => (hash.clone(), engine.plan_cancel(&hash).await?, yes),
    };
    let r = confirm_plan(cx, &engine, &plan, yes, None).await?;
    cx.print(json!({"replaces": hash, "hash": r.hash, "status": r.status}), || {
        format!("sent {} (replaces {hash})", r.hash)
    })
}

/// Indexes history and prints the engine's events until Ctrl-C (or the head, with
/// `exit_at_head`). A closed stdout stops the watcher too.
/// The indexing progress bar, on a terminal and without `--json`.
pub(super) fn progress_bar(out: Out) -> Option<indicatif::ProgressBar> {
    (!out.is_json() && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} block {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    })
}

/// Prints one event as `sonic watch` does (here and through the wallet's host):
/// progress on a bar or stderr, the rest as a line (JSON with `--json`).
pub(super) fn print_event(out: Out, ev: &Event, bar: Option<&indicatif::ProgressBar>) -> Result<(), Fail> {
    match (ev, bar) {
        (Event::SyncProgress { block, target }, Some(b)) => {
            b.set_length(*target);
            b.set_position(*block);
            Ok(())
        }
        (Event::SyncProgress { block, target }, None) if !out.is_json() => {
            note(format!("indexed up to block {block} of {target}"));
            Ok(())
        }
        _ if out.is_json() => out.line(serde_json::to_string(ev).unwrap_or_default()),
        _ => out.line(describe(ev)),
    }
}

pub(crate) async fn watch(cx: &Ctx, from_block: Option<u64>, exit_at_head: bool) -> Result<(), Fail> {
    let engine = cx.engine()?;
    let mut events = engine.bus().subscribe();
    let out = cx.out;
    let bar = progress_bar(out);
    let output_gone = Arc::new(Notify::new());
    let printer = tokio::spawn({
        let output_gone = output_gone.clone();
        async move {
            loop {
                let ev = match events.recv().await {
                    Ok(ev) => ev,
                    // Events missed under load are only progress to show; go on.
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => return Ok(()),
                };
                if let Err(f) = print_event(out, &ev, bar.as_ref()) {
                    output_gone.notify_one();
                    return Err(f);
                }
            }
        }
    });
    let stop = async {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            () = output_gone.notified() => {}
        }
    };
    // The explorer's key is in the vault.
    if engine.explorer_configured() {
        cx.unlock(&engine).await?;
    }
    let result = engine.watch(from_block, exit_at_head, stop).await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    printer.abort();
    if let Ok(Err(f)) = printer.await {
        return Err(f);
    }
    result?;
    Ok(())
}

/// One line for an event.
fn describe(ev: &Event) -> String {
    use Event as E;
    match ev {
        E::IncomingTransfer { from, asset, amount, hash, .. } => {
            format!("received {amount} {asset} from {from} ({hash})")
        }
        E::TxConfirmed { hash, block } => format!("confirmed {hash} in block {block}"),
        E::TxFailed { hash, reason } => format!("failed {hash}: {reason}"),
        E::TxDropped { hash } => format!("dropped {hash}"),
        E::TxReplaced { hash, by } => format!("replaced {hash} by {by}"),
        E::BalanceChanged { account, asset, amount } => format!("balance {account}: {amount} {asset}"),
        E::NetworkStatus { network, status } => format!("network {network}: {status:?}").to_lowercase(),
        E::HistoryFilledIn { records } => format!("history filled in from the explorer: {records} records"),
        other => format!("{other:?}"),
    }
}
