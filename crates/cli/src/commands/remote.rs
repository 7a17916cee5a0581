//! `sonic` beside a running wallet: when a host (the app, `sonic daemon`, `sonic mcp`)
//! owns the data directory, the commands that can go through it do (balance, send,
//! history, accounts, contacts, price, plans); the others say in one line that they
//! cannot run beside it yet. Also `sonic plans`, the same with or without a host.

use std::{
    sync::Arc,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use serde_json::json;
use sonic_engine::{age_phrase, usd_text, Engine};
use sonic_host::{call_local, HostClient};
use sonic_types::{
    checksum,
    dto::{Plan, PlanDoneView, TxState},
    host::{BalanceArgs, HistoryFilterArgs, PlanConfirmWaitArgs, PlanGetArgs, SendRequestArgs},
    ipc::{
        AccountsListArgs, AppInfoArgs, Command as IpcCommand, ContactsListArgs, LinkPlanArgs, PaymentRequestArgs,
        PlanCancelArgs, PlansPendingArgs, PricesArgs, TokensListArgs, WalletUnlockArgs,
    },
    ErrorCode, IpcError,
};
use tokio::sync::Mutex;

use super::{
    chain::{print_balance, print_sent},
    history::print_transfer,
    plan::{show_and_approve, CancelPlan},
    wallet::kind_label,
    Ctx, RECEIPT_WAIT,
};
use crate::{
    args::{Command, ContactsCmd, PayCmd, PlansCmd, TokensCmd, WalletCmd},
    secrets::vault_password,
    Fail,
};

/// Where commands go: the wallet's host, or this process's own engine.
pub(crate) enum Backend {
    /// A host owns the data directory.
    Host(Mutex<HostClient>),
    /// This process opened it; plans made here carry `origin`.
    Local {
        /// The engine.
        engine: Arc<Engine>,
        /// The origin of the plans made (`cli`, `mcp`).
        origin: &'static str,
    },
}

impl Backend {
    /// The host when one answers, else the engine opened here.
    pub(crate) async fn open(cx: &Ctx) -> Result<Backend, Fail> {
        match HostClient::connect(&cx.data_dir()).await {
            Some(client) => Ok(Backend::Host(Mutex::new(client))),
            None => Ok(Backend::Local { engine: Arc::new(cx.engine()?), origin: "cli" }),
        }
    }

    /// Calls one command, typed by the contract, on the host or on the engine here
    /// (the same implementation: `sonic_host::dispatch`).
    pub(crate) async fn call<C: IpcCommand>(&self, args: &C) -> Result<C::Reply, IpcError> {
        match self {
            Backend::Host(client) => {
                let mut client = client.lock().await;
                match client.call(args).await {
                    // The host went away (the app restarted): once more on the one
                    // serving now. A request cut off may have been carried out; what
                    // it could have done is at most a proposal or a confirmation, and a
                    // plan is confirmed once only.
                    Err(_) if client.lost() && client.reconnect().await => client.call(args).await,
                    other => other,
                }
            }
            Backend::Local { engine, origin } => call_local(engine, origin, args).await,
        }
    }

    /// Unlocks the wallet with the user's password when it is locked (on the host,
    /// the password crosses only the local socket).
    pub(crate) async fn ensure_unlocked(&self, cx: &Ctx) -> Result<(), Fail> {
        if self.call(&AppInfoArgs {}).await.map_err(fail)?.unlocked {
            return Ok(());
        }
        let password = vault_password(cx.g.password_file.as_deref(), false)?;
        let mut args = WalletUnlockArgs { password: password.to_string() };
        let unlocked = self.call(&args).await.map_err(fail);
        zeroize::Zeroize::zeroize(&mut args.password);
        unlocked
    }
}

impl CancelPlan for Backend {
    async fn cancel_plan(&self, id: &str) -> bool {
        self.call(&PlanCancelArgs { id: id.to_string() }).await.unwrap_or(false)
    }
}

/// An error from the host or the dispatch table, as one line.
pub(crate) fn fail(e: IpcError) -> Fail {
    Fail::op(e.message)
}

/// Runs `command` through the wallet's host when one answers and the command can go
/// through it; otherwise hands it back to run here.
pub(crate) async fn route(cx: &Ctx, command: Command) -> Result<Option<Command>, Fail> {
    if let Command::Plans(cmd) = command {
        return plans(cx, &Backend::open(cx).await?, cmd).await.map(|()| None);
    }
    let routable = matches!(
        command,
        Command::Balance { .. }
            | Command::Send { .. }
            | Command::History { .. }
            | Command::Price { .. }
            | Command::Wallet(WalletCmd::List)
            | Command::Contacts(ContactsCmd::List)
            | Command::Tokens(TokensCmd::List)
            | Command::Pay(PayCmd::Request { .. } | PayCmd::Open { .. })
    );
    if !routable {
        return Ok(Some(command));
    }
    let Some(client) = HostClient::connect(&cx.data_dir()).await else { return Ok(Some(command)) };
    let b = Backend::Host(Mutex::new(client));
    match command {
        Command::Balance { account, token, all } => {
            for bal in b.call(&BalanceArgs { account, token, all }).await.map_err(fail)? {
                print_balance(cx, &bal)?;
            }
        }
        Command::Send { to, amount, token, from, yes, no_wait } => {
            let plan = b.call(&SendRequestArgs { from, to, amount, token }).await.map_err(fail)?;
            approve_own(cx, &b, &plan, yes).await?;
            confirm(cx, &b, &plan.id, no_wait).await?;
        }
        Command::History { account, asset, direction, counterparty, days, limit, all } => {
            let limit = limit.map(|l| u64::try_from(l).unwrap_or(u64::MAX));
            let args = HistoryFilterArgs { account, asset, direction, counterparty, days, limit, all };
            let view = b.call(&args).await.map_err(fail)?;
            for t in &view.records {
                print_transfer(cx, view.account, t)?;
            }
        }
        Command::Price { assets } => {
            let view = b.call(&PricesArgs { assets: assets.clone() }).await.map_err(fail)?;
            let now = now();
            for (asked, p) in assets.iter().zip(view.prices) {
                let Some(p) = p else { return Err(Fail::op(format!("no price for {asked}"))) };
                cx.print(json!({"asset": p.asset, "usd": p.usd, "source": p.source, "at": p.at}), || {
                    format!("{} {} ({}, {})", p.asset, usd_text(p.usd), p.source, age_phrase(p.at, now))
                })?;
            }
        }
        Command::Wallet(WalletCmd::List) => {
            for a in b.call(&AccountsListArgs {}).await.map_err(fail)? {
                let address = checksum(&a.address);
                let kind = kind_label(a.kind);
                cx.print(json!({"position": a.position, "name": a.name, "address": address, "kind": kind}), || {
                    format!("{:>3}  {address}  {:<16} {kind}", a.position, a.name)
                })?;
            }
        }
        Command::Contacts(ContactsCmd::List) => {
            for c in b.call(&ContactsListArgs {}).await.map_err(fail)? {
                let a = checksum(&c.address);
                cx.print(json!({"name": c.name, "address": a}), || format!("{:<20} {a}", c.name))?;
            }
        }
        Command::Tokens(TokensCmd::List) => {
            for t in b.call(&TokensListArgs {}).await.map_err(fail)? {
                let a = checksum(&t.address);
                cx.print(json!({"address": a, "symbol": t.symbol, "decimals": t.decimals}), || {
                    format!("{:<10} {a} ({} decimals)", t.symbol, t.decimals)
                })?;
            }
        }
        Command::Pay(PayCmd::Request { amount, token, qr }) => {
            let uri = b.call(&PaymentRequestArgs { amount, token }).await.map_err(fail)?.uri;
            if let Some(path) = &qr {
                super::pay::write_qr_png(&uri, path)?;
            }
            cx.print(json!({"uri": uri, "qr": qr}), || uri.clone())?;
        }
        Command::Pay(PayCmd::Open { uri, yes }) => {
            let plan = b.call(&LinkPlanArgs { uri }).await.map_err(fail)?;
            approve_own(cx, &b, &plan, yes).await?;
            confirm(cx, &b, &plan.id, false).await?;
        }
        other => return Ok(Some(other)),
    }
    Ok(None)
}

/// Shows a plan this command made and asks (unless `yes`), then makes sure the wallet
/// is unlocked. A plan not confirmed here (no terminal to ask on, no password) is
/// dropped, not left as a card in the app.
async fn approve_own(cx: &Ctx, b: &Backend, plan: &Plan, yes: bool) -> Result<(), Fail> {
    let approved = match show_and_approve(b, plan, yes).await {
        Ok(()) => b.ensure_unlocked(cx).await,
        Err(f) => Err(f),
    };
    if approved.is_err() {
        b.cancel_plan(&plan.id).await;
    }
    approved
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// Confirms plan `id` (unlocking first when needed) and prints what it did; a
/// transaction that reverted on chain is a failure.
async fn confirm(cx: &Ctx, b: &Backend, id: &str, no_wait: bool) -> Result<(), Fail> {
    b.ensure_unlocked(cx).await?;
    let wait_secs = if no_wait { 0 } else { RECEIPT_WAIT.as_secs() };
    match b.call(&PlanConfirmWaitArgs { id: id.to_string(), wait_secs }).await.map_err(fail)? {
        PlanDoneView::Sent(r) if r.status == TxState::Failed => {
            Err(Fail::op(format!("transaction {} reverted on chain", r.hash)))
        }
        PlanDoneView::Sent(r) => print_sent(cx, &r),
        PlanDoneView::Saved(c) => {
            let a = checksum(&c.address);
            cx.print(json!({"name": c.name, "address": a}), || format!("Saved {} = {a}", c.name))
        }
        PlanDoneView::Other { hash } => cx.print(json!({"id": id, "hash": hash}), || match &hash {
            Some(h) => format!("done: {h}"),
            None => "done".to_string(),
        }),
    }
}

/// How long until `expires_at`, in words.
fn expiry(expires_at: u64) -> String {
    let left = Duration::from_secs(expires_at.saturating_sub(now()));
    format!("expires in {}s", left.as_secs())
}

/// Runs one `sonic plans` command.
async fn plans(cx: &Ctx, b: &Backend, cmd: PlansCmd) -> Result<(), Fail> {
    match cmd {
        PlansCmd::List => {
            for p in b.call(&PlansPendingArgs {}).await.map_err(fail)? {
                print_plan(cx, &p)?;
            }
            Ok(())
        }
        PlansCmd::Confirm { id, no_wait } => {
            let Some(plan) = b.call(&PlanGetArgs { id: id.clone() }).await.map_err(fail)? else {
                return Err(no_plan(b, &id));
            };
            // `plans confirm ID` is the user's order: the card is shown, not asked again.
            show_and_approve(b, &plan, true).await?;
            confirm(cx, b, &id, no_wait).await
        }
        PlansCmd::Reject { id } => {
            if !b.call(&PlanCancelArgs { id: id.clone() }).await.map_err(fail)? {
                return Err(no_plan(b, &id));
            }
            cx.print(json!({"rejected": id}), || format!("Rejected {id}; nothing was signed or sent"))
        }
    }
}

/// The error for a plan that is not pending.
fn no_plan(b: &Backend, id: &str) -> Fail {
    let id = sonic_types::redact::scrub(id);
    match b {
        Backend::Host(_) => Fail::op(format!("no pending plan '{id}' (already confirmed, rejected, or expired)")),
        Backend::Local { .. } => Fail::op(format!(
            "no pending plan '{id}': no wallet host runs on this data directory (start the app or `sonic daemon`)"
        )),
    }
}

fn print_plan(cx: &Ctx, p: &Plan) -> Result<(), Fail> {
    let origin = p.origin.clone().unwrap_or_else(|| "app".into());
    cx.print(
        json!({"id": p.id, "origin": origin, "summary": p.summary, "expires_at": p.expires_at,
               "kind": p.kind, "network": p.network, "from": checksum(&p.from), "to": checksum(&p.to),
               "asset": p.asset, "amount": p.amount, "raw": p.raw.to_string()}),
        || format!("{}  {:<8} {}  ({})", p.id, origin, p.summary, expiry(p.expires_at)),
    )
}

/// The one line for a command that cannot run beside a host yet.
pub(crate) fn beside_host(socket: &std::path::Path) -> Fail {
    Fail::op(format!(
        "the wallet is open in Smart Sonic (host at {}); `sonic {}` cannot run beside it yet",
        socket.display(),
        subcommand_name()
    ))
}

/// The subcommand as typed (`balance`, `wallet`...), for messages.
fn subcommand_name() -> String {
    const WITH_VALUE: [&str; 4] = ["--data-dir", "--network", "--rpc", "--password-file"];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if WITH_VALUE.contains(&a.as_str()) {
            args.next();
        } else if !a.starts_with('-') {
            return a;
        }
    }
    "…".into()
}

/// `Busy` from the store: another process holds the data directory without serving it.
pub(crate) fn is_busy(e: &sonic_engine::Error) -> bool {
    e.code() == ErrorCode::Busy
}
