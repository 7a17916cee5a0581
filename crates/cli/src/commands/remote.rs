//! `sonic` beside a running wallet: when a host (the app, `sonic daemon`, `sonic mcp`)
//! owns the data directory, commands go through it and the host calls the same engine
//! functions as the direct path (balances, sends, swaps, wraps, staking, transactions,
//! the chat, contacts, tokens, settings, networks, accounts, prices, yields, plans,
//! contracts, Premium, NFTs, the devnet fixtures), and `sonic watch` prints the host's
//! events. Commands that handle a secret (the phrase, keys, backups, API keys) are
//! refused beside a host on purpose, `sonic watch --from-block|--exit-at-head` too (the
//! host's watcher follows the chain on its own). Also `sonic plans`, the same with or
//! without a host.

use std::{
    sync::Arc,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use serde_json::json;
use sonic_engine::{age_phrase, usd_text, Engine};
use sonic_host::{call_local, HostClient};
use sonic_types::{
    checksum,
    dto::{Plan, PlanDoneView, PlanKind, SendResult, TxState},
    host::{
        AccountDefaultArgs, AutoLockSetArgs, BalanceArgs, ContactAddArgs, DevnetDefiArgs, HistoryFilterArgs,
        NetworkAddArgs, PlanConfirmWaitArgs, PlanGetArgs, RequestRow, SendRequestArgs, StakeStatusArgs,
        StakeStatusView, StakeUndelegateArgs, StakeValidatorsArgs, SwapQuoteArgs, SwapRequestArgs, TxStatusArgs,
        WrapPlanArgs,
    },
    ipc::{
        AccountAddArgs, AccountRenameArgs, AccountsListArgs, AgentProviderSetArgs, AgentResetArgs, AgentTurnArgs,
        AppInfoArgs, Command as IpcCommand, ContactPlanArgs, ContactRemoveArgs, ContactsListArgs, LinkPlanArgs,
        NetworkUseArgs, NetworksListArgs, PaymentRequestArgs, PlanCancelArgs, PlansPendingArgs, PricesArgs,
        ProviderChoice, SettingsGetArgs, StakePlanArgs, TokenAddArgs, TokensListArgs, TxCancelArgs, TxSpeedupArgs,
        WalletChangePasswordArgs, WalletLockArgs, WalletUnlockArgs, YieldsArgs,
    },
    market::StakeAction,
    time::utc_date_time,
    ErrorCode, IpcError,
};
use tokio::sync::Mutex;

use super::{
    chain::{print_balance, print_sent},
    history::print_transfer,
    plan::{ask_yes, show_and_approve, CancelPlan},
    wallet::kind_label,
    Ctx, RECEIPT_WAIT,
};
use crate::{
    args::{
        AgentCmd, Command, ContactsCmd, DevnetCmd, NetworkCmd, PayCmd, PlansCmd, SettingsCmd, StakeCmd, TokensCmd,
        TxCmd, WalletCmd,
    },
    secrets::{other_secret, vault_password},
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

/// Runs `command` through the wallet's host when one answers; otherwise hands it back
/// to run here. Beside a host, the commands that handle a secret (the phrase, a key, a
/// backup, an API key) are refused on purpose.
pub(crate) async fn route(cx: &Ctx, command: Command) -> Result<Option<Command>, Fail> {
    if let Command::Plans(cmd) = command {
        return plans(cx, &Backend::open(cx).await?, cmd).await.map(|()| None);
    }
    let secret = match &command {
        Command::Wallet(
            WalletCmd::Create { .. }
            | WalletCmd::Import { .. }
            | WalletCmd::Export { .. }
            | WalletCmd::Reveal { .. }
            | WalletCmd::Backup { .. }
            | WalletCmd::Restore { .. },
        ) => Some("Security"),
        Command::Settings(SettingsCmd::AgentKey { .. } | SettingsCmd::Pinata { .. } | SettingsCmd::Explorer { .. }) => {
            Some("Settings")
        }
        _ => None,
    };
    let routable = secret.is_none()
        && !matches!(
            command,
            Command::Daemon { .. }
                | Command::Mcp
                | Command::Agent(AgentCmd::Parse { .. })
                | Command::Pay(PayCmd::Parse { resolve: false, .. })
        );
    if secret.is_none() && !routable {
        return Ok(Some(command));
    }
    let Some(client) = HostClient::connect(&cx.data_dir()).await else { return Ok(Some(command)) };
    if let Some(page) = secret {
        return Err(secret_beside_host(client.socket_path(), page));
    }
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
        Command::Yields { asset, limit } => {
            let limit = limit.map(|l| u32::try_from(l).unwrap_or(u32::MAX));
            let y = b.call(&YieldsArgs { asset, limit }).await.map_err(fail)?;
            super::defi::print_yields(cx, &y)?;
        }
        Command::Wallet(cmd) => wallet(cx, &b, cmd).await?,
        Command::Contacts(cmd) => contacts(cx, &b, cmd).await?,
        Command::Tokens(TokensCmd::List) => {
            for t in b.call(&TokensListArgs {}).await.map_err(fail)? {
                let a = checksum(&t.address);
                cx.print(json!({"address": a, "symbol": t.symbol, "decimals": t.decimals}), || {
                    format!("{:<10} {a} ({} decimals)", t.symbol, t.decimals)
                })?;
            }
        }
        Command::Tokens(TokensCmd::Add { address }) => {
            let t = b.call(&TokenAddArgs { address }).await.map_err(fail)?;
            let a = checksum(&t.address);
            cx.print(json!({"address": a, "symbol": t.symbol, "decimals": t.decimals}), || {
                format!("Registered {} ({a}, {} decimals)", t.symbol, t.decimals)
            })?;
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
        Command::Swap { from, to, amount, slippage, account, quote, yes } => {
            let slippage_bps = slippage.as_deref().map(super::swap::slippage_bps).transpose()?;
            if quote {
                let q = b
                    .call(&SwapQuoteArgs { sell: from, buy: to, amount, slippage_bps, account })
                    .await
                    .map_err(fail)?;
                cx.print(
                    json!({"source": q.source, "route": q.route, "router": checksum(&q.router),
                           "sell": q.sell, "amount": q.amount, "buy": q.buy,
                           "expected": q.expected, "minimum": q.minimum, "slippage_bps": q.slippage_bps,
                           "price_impact_bps": q.price_impact_bps, "pool_fee_bps": q.pool_fee_bps}),
                    || q.line.clone(),
                )?;
            } else {
                let args = SwapRequestArgs { sell: from, buy: to, amount, slippage_bps, account };
                let plan = b.call(&args).await.map_err(fail)?;
                swap_done(cx, &b, &plan, yes).await?;
            }
        }
        Command::Wrap { amount, yes } => wrapping(cx, &b, amount, true, yes).await?,
        Command::Unwrap { amount, yes } => wrapping(cx, &b, amount, false, yes).await?,
        Command::Stake(cmd) => stake(cx, &b, cmd).await?,
        Command::Tx(cmd) => tx(cx, &b, cmd).await?,
        Command::Agent(AgentCmd::Ask { yes, message }) => agent_ask(cx, &b, message, yes).await?,
        Command::Agent(AgentCmd::Reset) => {
            b.call(&AgentResetArgs {}).await.map_err(fail)?;
            cx.print(json!({"reset": true}), || "Conversation cleared.".into())?;
        }
        Command::Settings(cmd) => settings(cx, &b, cmd).await?,
        Command::Network(NetworkCmd::List) => {
            let active = b.call(&SettingsGetArgs {}).await.map_err(fail)?.network;
            for n in b.call(&NetworksListArgs {}).await.map_err(fail)? {
                super::settings::print_network(cx, &n, n.name == active)?;
            }
        }
        Command::Network(NetworkCmd::Add { name, rpc, chain_id, explorer, ws }) => {
            b.call(&NetworkAddArgs { name: name.clone(), rpc, chain_id, explorer, ws }).await.map_err(fail)?;
            cx.print(json!({"added": name}), || format!("Added network {name}"))?;
        }
        Command::Nft(cmd) => super::contracts::nft_host(cx, &b, cmd).await?,
        Command::Contracts(cmd) => super::contracts::contracts_host(cx, &b, cmd).await?,
        Command::Subscription(cmd) => super::contracts::subscription_host(cx, &b, cmd).await?,
        Command::Devnet(DevnetCmd::Defi) => {
            let d = b.call(&DevnetDefiArgs {}).await.map_err(fail)?;
            super::devnet::print_defi(cx, &[d.usdc, d.router, d.pair, d.sfc, d.ws, d.factory])?;
        }
        Command::Pay(PayCmd::Parse { uri, .. }) => super::pay::parse(cx, super::pay::Resolve::Host(&b), &uri).await?,
        Command::Network(NetworkCmd::Use { name }) => {
            b.call(&NetworkUseArgs { name: name.clone() }).await.map_err(fail)?;
            cx.print(json!({"network": name}), || format!("Now using {name}"))?;
        }
        Command::Watch { from_block, exit_at_head } => {
            let Backend::Host(client) = b else { return Ok(None) };
            return watch_host(cx, client.into_inner(), from_block, exit_at_head).await.map(|()| None);
        }
        other => return Ok(Some(other)),
    }
    Ok(None)
}

/// `sonic watch` beside a host: the host's watcher already follows the chain and
/// indexes history, so this prints the host's events as they come (as `sonic watch`
/// prints its own engine's) until interrupted. Starting at a block, or stopping at the
/// head, would need a watcher of its own: refused, with the reason.
async fn watch_host(cx: &Ctx, client: HostClient, from_block: Option<u64>, exit_at_head: bool) -> Result<(), Fail> {
    if from_block.is_some() || exit_at_head {
        return Err(Fail::op(format!(
            "the wallet is open in Smart Sonic (host at {}), which already follows the chain and indexes history: see it with `sonic history`, follow it with `sonic watch` (no --from-block or --exit-at-head), or stop the host to run those here",
            client.socket_path().display()
        )));
    }
    let mut events = client.follow().await.map_err(fail)?;
    let bar = super::history::progress_bar(cx.out);
    loop {
        let ev = tokio::select! {
            _ = tokio::signal::ctrl_c() => return Ok(()),
            ev = events.next() => ev.map_err(fail)?,
        };
        super::history::print_event(cx.out, &ev, bar.as_ref())?;
    }
}

/// `sonic wallet` beside a host: everything but the secrets (refused before).
async fn wallet(cx: &Ctx, b: &Backend, cmd: WalletCmd) -> Result<(), Fail> {
    match cmd {
        WalletCmd::List => {
            for a in b.call(&AccountsListArgs {}).await.map_err(fail)? {
                let address = checksum(&a.address);
                let kind = kind_label(a.kind);
                cx.print(json!({"position": a.position, "name": a.name, "address": address, "kind": kind}), || {
                    format!("{:>3}  {address}  {:<16} {kind}", a.position, a.name)
                })?;
            }
            Ok(())
        }
        WalletCmd::Add { name } => {
            b.ensure_unlocked(cx).await?;
            let a = b.call(&AccountAddArgs { name }).await.map_err(fail)?;
            let address = checksum(&a.address);
            cx.print(json!({"position": a.position, "name": a.name, "address": address}), || {
                format!("Added {address} ({})", a.name)
            })
        }
        WalletCmd::Rename { account, name } => {
            b.call(&AccountRenameArgs { account: account.clone(), name: name.clone() }).await.map_err(fail)?;
            cx.print(json!({"renamed": account, "name": name}), || format!("Renamed to {name}"))
        }
        WalletCmd::Default { account } => {
            let a = b.call(&AccountDefaultArgs { account }).await.map_err(fail)?;
            let address = checksum(&a.address);
            cx.print(json!({"default": address}), || format!("Default account: {address} ({})", a.name))
        }
        WalletCmd::Lock => {
            b.call(&WalletLockArgs {}).await.map_err(fail)?;
            cx.print(json!({"locked": true}), || "Locked.".into())
        }
        WalletCmd::Unlock => {
            b.ensure_unlocked(cx).await?;
            cx.print(json!({"unlocked": true}), || "Unlocked.".into())
        }
        WalletCmd::Passwd { new_password_file } => {
            let old = vault_password(cx.g.password_file.as_deref(), false)?;
            let new = other_secret(new_password_file.as_deref(), "New password")?;
            if new.chars().count() < 8 {
                return Err(Fail::usage("use a password of at least 8 characters".into()));
            }
            let mut args = WalletChangePasswordArgs { password: old.to_string(), new_password: new.to_string() };
            let changed = b.call(&args).await.map_err(fail);
            zeroize::Zeroize::zeroize(&mut args.password);
            zeroize::Zeroize::zeroize(&mut args.new_password);
            changed?;
            cx.print(json!({"changed": true}), || "Password changed.".into())
        }
        WalletCmd::Create { .. }
        | WalletCmd::Import { .. }
        | WalletCmd::Export { .. }
        | WalletCmd::Reveal { .. }
        | WalletCmd::Backup { .. }
        | WalletCmd::Restore { .. } => Err(Fail::op("this wallet command does not go through the host".into())),
    }
}

/// `sonic contacts` beside a host: a new name is saved as typed, a change of address
/// is a plan shown old and new and asked (as without a host).
async fn contacts(cx: &Ctx, b: &Backend, cmd: ContactsCmd) -> Result<(), Fail> {
    match cmd {
        ContactsCmd::List => {
            for c in b.call(&ContactsListArgs {}).await.map_err(fail)? {
                let a = checksum(&c.address);
                cx.print(json!({"name": c.name, "address": a}), || format!("{:<20} {a}", c.name))?;
            }
            Ok(())
        }
        ContactsCmd::Add { name, address, yes } => {
            let exists = b
                .call(&ContactsListArgs {})
                .await
                .map_err(fail)?
                .iter()
                .any(|c| c.name.eq_ignore_ascii_case(name.trim()));
            if exists {
                let plan = b.call(&ContactPlanArgs { name, address }).await.map_err(fail)?;
                approve_own(cx, b, &plan, yes).await?;
                return confirm(cx, b, &plan.id, false).await;
            }
            let c = b.call(&ContactAddArgs { name, address }).await.map_err(fail)?;
            let a = checksum(&c.address);
            cx.print(json!({"name": c.name, "address": a}), || format!("Saved {} = {a}", c.name))
        }
        ContactsCmd::Remove { name } => {
            b.call(&ContactRemoveArgs { name: name.clone() }).await.map_err(fail)?;
            cx.print(json!({"removed": name}), || format!("Removed {name}"))
        }
    }
}

/// `sonic settings` beside a host (the secrets were refused before).
async fn settings(cx: &Ctx, b: &Backend, cmd: SettingsCmd) -> Result<(), Fail> {
    match cmd {
        SettingsCmd::Show => {
            let st = b.call(&SettingsGetArgs {}).await.map_err(fail)?;
            let data_dir = b.call(&AppInfoArgs {}).await.map_err(fail)?.data_dir;
            let agent = if st.agent == "rules" { "rules (offline)".to_string() } else { st.agent };
            let (net, minutes) = (st.network, st.auto_lock_minutes);
            cx.print(
                json!({"network": net, "auto_lock_minutes": minutes, "data_dir": data_dir, "agent": agent}),
                || format!("network     {net}\nauto-lock   {minutes} min\nagent       {agent}\ndata dir    {data_dir}"),
            )
        }
        SettingsCmd::AutoLock { minutes } => {
            b.call(&AutoLockSetArgs { minutes }).await.map_err(fail)?;
            cx.print(json!({"auto_lock_minutes": minutes}), || format!("Auto-lock after {minutes} min"))
        }
        SettingsCmd::AgentProvider { kind, url, model } => {
            let config = super::settings::provider_config(&kind, url, model)?;
            let (kind, url, model) = match &config {
                None => (ProviderChoice::Rules, String::new(), String::new()),
                Some(c) => {
                    let k = match c.kind {
                        sonic_engine::ProviderKind::Gemini => ProviderChoice::Gemini,
                        sonic_engine::ProviderKind::OpenAi => ProviderChoice::OpenAi,
                    };
                    (k, c.base_url.clone(), c.model.clone())
                }
            };
            b.call(&AgentProviderSetArgs { kind, url, model, key: None }).await.map_err(fail)?;
            super::settings::print_provider(cx, config.as_ref())
        }
        SettingsCmd::AgentKey { .. } | SettingsCmd::Pinata { .. } | SettingsCmd::Explorer { .. } => {
            Err(Fail::op("this settings command does not go through the host".into()))
        }
    }
}

/// Confirms a plan that must end in a transaction; a revert on chain is a failure.
pub(super) async fn confirm_tx(cx: &Ctx, b: &Backend, id: &str, no_wait: bool) -> Result<SendResult, Fail> {
    b.ensure_unlocked(cx).await?;
    let wait_secs = if no_wait { 0 } else { RECEIPT_WAIT.as_secs() };
    match b.call(&PlanConfirmWaitArgs { id: id.to_string(), wait_secs }).await.map_err(fail)? {
        PlanDoneView::Sent(r) if r.status == TxState::Failed => {
            Err(Fail::op(format!("transaction {} reverted on chain", r.hash)))
        }
        PlanDoneView::Sent(r) => Ok(r),
        _ => Err(Fail::op(format!("plan {id} made no transaction"))),
    }
}

/// Shows, asks and confirms a swap plan, then prints what it received.
async fn swap_done(cx: &Ctx, b: &Backend, plan: &Plan, yes: bool) -> Result<(), Fail> {
    let PlanKind::Swap(d) = plan.kind.clone() else {
        b.cancel_plan(&plan.id).await;
        return Err(Fail::op("the engine made no swap plan".into()));
    };
    approve_own(cx, b, plan, yes).await?;
    let r = confirm_tx(cx, b, &plan.id, false).await?;
    let rec = b.call(&TxStatusArgs { hash: r.hash.clone() }).await.map_err(fail)?;
    let got = rec.and_then(|t| t.received).map(|l| sonic_types::format_units(l.raw, l.decimals));
    cx.print(
        json!({"hash": r.hash, "status": r.status, "block": r.block, "sold": plan.amount, "sell": plan.asset,
               "buy": d.buy_asset, "expected": d.expected, "minimum": d.minimum, "received": got,
               "router": checksum(&plan.to)}),
        || {
            let got = got.clone().unwrap_or_else(|| format!("at least {}", d.minimum));
            format!("Swapped {} {} for {got} {} ({})", plan.amount, plan.asset, d.buy_asset, r.hash)
        },
    )
}

/// `sonic wrap` / `sonic unwrap` beside a host.
async fn wrapping(cx: &Ctx, b: &Backend, amount: String, wrap: bool, yes: bool) -> Result<(), Fail> {
    let plan = b.call(&WrapPlanArgs { amount, unwrap: !wrap }).await.map_err(fail)?;
    approve_own(cx, b, &plan, yes).await?;
    let r = confirm_tx(cx, b, &plan.id, false).await?;
    let (from, to) = if wrap { ("S", "wS") } else { ("wS", "S") };
    cx.print(json!({"hash": r.hash, "status": r.status, "amount": plan.amount, "from": from, "to": to}), || {
        format!("{} {} {from} into {to} ({})", if wrap { "Wrapped" } else { "Unwrapped" }, plan.amount, r.hash)
    })
}

/// `sonic stake` beside a host.
async fn stake(cx: &Ctx, b: &Backend, cmd: StakeCmd) -> Result<(), Fail> {
    let (action, yes) = match cmd {
        StakeCmd::Validators => {
            for v in b.call(&StakeValidatorsArgs {}).await.map_err(fail)? {
                cx.print(
                    json!({"id": v.id, "active": v.active, "status": v.status, "status_text": v.status_text,
                           "stake": v.stake}),
                    || format!("validator {:>4}  {:<12} {} S staked", v.id, v.status_text, v.stake),
                )?;
            }
            return Ok(());
        }
        StakeCmd::Status { validator } => {
            let st = b.call(&StakeStatusArgs { validator }).await.map_err(fail)?;
            return print_stake_status(cx, &st);
        }
        StakeCmd::Undelegate { validator, amount, yes } => {
            let u = b.call(&StakeUndelegateArgs { validator, amount }).await.map_err(fail)?;
            approve_own(cx, b, &u.plan, yes).await?;
            let r = confirm_tx(cx, b, &u.plan.id, false).await?;
            // The lock ends a period after the block that mined it: read it back.
            let st = b.call(&StakeStatusArgs { validator: Some(validator) }).await.map_err(fail)?;
            let req = st
                .delegations
                .iter()
                .flat_map(|d| d.requests.iter())
                .find(|q| q.id == u.request)
                .ok_or_else(|| Fail::op(format!("undelegation {} is not mined yet", r.hash)))?;
            let mut v = request_json(req);
            v["hash"] = json!(r.hash);
            return cx.print(v, || {
                format!(
                    "Undelegated {} S from validator {validator}: request {}, withdraw after {} UTC with `sonic stake withdraw --validator {validator} --request {}`",
                    req.amount,
                    req.id,
                    utc_date_time(req.withdrawable_at),
                    req.id
                )
            });
        }
        StakeCmd::Delegate { validator, amount, yes } => (StakeAction::Delegate { validator, amount }, yes),
        StakeCmd::Claim { validator, yes } => (StakeAction::Claim { validator }, yes),
        StakeCmd::Restake { validator, yes } => (StakeAction::Restake { validator }, yes),
        StakeCmd::Withdraw { validator, request, yes } => (StakeAction::Withdraw { validator, request }, yes),
    };
    let plan = b.call(&StakePlanArgs { action: action.clone() }).await.map_err(fail)?;
    approve_own(cx, b, &plan, yes).await?;
    let r = confirm_tx(cx, b, &plan.id, false).await?;
    match action {
        StakeAction::Delegate { validator, .. } => cx
            .print(json!({"hash": r.hash, "validator": validator, "amount": plan.amount}), || {
                format!("Delegated {} S to validator {validator} ({})", plan.amount, r.hash)
            }),
        StakeAction::Claim { validator } => cx.print(json!({"hash": r.hash, "validator": validator}), || {
            format!("Claimed the rewards from validator {validator} ({})", r.hash)
        }),
        StakeAction::Restake { validator } => cx.print(json!({"hash": r.hash, "validator": validator}), || {
            format!("Restaked the rewards with validator {validator} ({})", r.hash)
        }),
        StakeAction::Withdraw { validator, request } => cx
            .print(json!({"hash": r.hash, "validator": validator, "request": request}), || {
                format!("Withdrew request {request} from validator {validator} ({})", r.hash)
            }),
        StakeAction::Undelegate { .. } => Ok(()),
    }
}

fn request_json(r: &RequestRow) -> serde_json::Value {
    json!({"validator": r.validator, "request": r.id, "amount": r.amount, "requested_at": r.requested_at,
           "withdrawable_at": r.withdrawable_at, "withdrawable_date": format!("{} UTC", utc_date_time(r.withdrawable_at))})
}

fn print_stake_status(cx: &Ctx, st: &StakeStatusView) -> Result<(), Fail> {
    if st.delegations.is_empty() {
        return cx.print(json!({"account": checksum(&st.account), "delegations": []}), || {
            format!("{} has no stake.", checksum(&st.account))
        });
    }
    for d in &st.delegations {
        let requests: Vec<_> = d.requests.iter().map(request_json).collect();
        cx.print(
            json!({"account": checksum(&st.account), "validator": d.validator, "stake": d.stake,
                   "pending_rewards": d.pending_rewards, "requests": requests}),
            || {
                let mut text =
                    format!("validator {}: {} S staked, {} S pending rewards", d.validator, d.stake, d.pending_rewards);
                for r in &d.requests {
                    text.push_str(&format!("\n  {}", r.line));
                }
                text
            },
        )?;
    }
    Ok(())
}

/// `sonic tx` beside a host.
async fn tx(cx: &Ctx, b: &Backend, cmd: TxCmd) -> Result<(), Fail> {
    let (hash, plan, yes) = match cmd {
        TxCmd::Status { hash } => {
            let t = b.call(&TxStatusArgs { hash: hash.clone() }).await.map_err(fail)?;
            return super::history::print_tx_status(cx, &hash, t);
        }
        TxCmd::Speedup { hash, yes } => (hash.clone(), b.call(&TxSpeedupArgs { hash }).await.map_err(fail)?, yes),
        TxCmd::Cancel { hash, yes } => (hash.clone(), b.call(&TxCancelArgs { hash }).await.map_err(fail)?, yes),
    };
    approve_own(cx, b, &plan, yes).await?;
    let r = confirm_tx(cx, b, &plan.id, true).await?;
    cx.print(json!({"replaces": hash, "hash": r.hash, "status": r.status}), || {
        format!("sent {} (replaces {hash})", r.hash)
    })
}

/// One chat turn through the host (the same engine call as without one); a plan in
/// the reply is confirmed (or not) by the answer at the terminal, or by `--yes`, and a
/// plan not answered is dropped, not left as a card in the app.
async fn agent_ask(cx: &Ctx, b: &Backend, message: String, yes: bool) -> Result<(), Fail> {
    let reply = b.call(&AgentTurnArgs { text: message, visible_plan: None }).await.map_err(fail)?;
    cx.print(serde_json::to_value(&reply).unwrap_or_default(), || reply.text.clone())?;
    let Some(plan) = &reply.plan else { return Ok(()) };
    let go = match if yes { Ok(true) } else { ask_yes("Confirm?") } {
        Ok(true) => b.ensure_unlocked(cx).await.map(|()| true),
        other => other,
    };
    let go = match go {
        Ok(go) => go,
        Err(f) => {
            b.cancel_plan(&plan.id).await;
            return Err(f);
        }
    };
    // The answer is to the plan just printed, and to no other.
    let text = if go { "yes" } else { "no" }.to_string();
    let answer = b.call(&AgentTurnArgs { text, visible_plan: Some(plan.id.clone()) }).await.map_err(fail)?;
    cx.print(serde_json::to_value(&answer).unwrap_or_default(), || answer.text.clone())
}

/// Shows a plan this command made and asks (unless `yes`), then makes sure the wallet
/// is unlocked. A plan not confirmed here (no terminal to ask on, no password) is
/// dropped, not left as a card in the app.
pub(super) async fn approve_own(cx: &Ctx, b: &Backend, plan: &Plan, yes: bool) -> Result<(), Fail> {
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

/// The one line for a command that handles a secret, beside a host: refused on
/// purpose, so no phrase, key, backup or API key ever crosses the host's socket.
fn secret_beside_host(socket: &std::path::Path, page: &str) -> Fail {
    Fail::op(format!(
        "the wallet is open in Smart Sonic (host at {}); `sonic {}` handles a secret, and secrets never cross the host's socket, on purpose: use the app's {page} page, or stop the host (quit the app or `sonic daemon`) and run it again",
        socket.display(),
        subcommand_words(2)
    ))
}

/// The subcommand as typed (`balance`, `wallet`...), for messages.
fn subcommand_name() -> String {
    subcommand_words(1)
}

/// The first `n` words of the subcommand as typed (`wallet reveal`), for messages.
fn subcommand_words(n: usize) -> String {
    const WITH_VALUE: [&str; 4] = ["--data-dir", "--network", "--rpc", "--password-file"];
    let mut args = std::env::args().skip(1);
    let mut words = Vec::new();
    while let Some(a) = args.next() {
        if WITH_VALUE.contains(&a.as_str()) {
            args.next();
        } else if !a.starts_with('-') {
            words.push(sonic_types::redact::scrub(&a.chars().take(32).collect::<String>()));
            if words.len() == n {
                break;
            }
        }
    }
    if words.is_empty() {
        "…".into()
    } else {
        words.join(" ")
    }
}

/// `Busy` from the store: another process holds the data directory without serving it.
pub(crate) fn is_busy(e: &sonic_engine::Error) -> bool {
    e.code() == ErrorCode::Busy
}
