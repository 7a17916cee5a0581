//! One table answering the host's requests by calling the engine: the engine commands
//! of the IPC contract ([`sonic_types::ipc`]) and the host's own
//! ([`sonic_types::host`]). Each handler is typed by its command (argument struct in,
//! result out); the table reads the arguments strictly (unknown fields refused) and
//! refuses a command it does not know.
//!
//! Plans made for a client are announced with the client's origin
//! ([`Engine::propose_as`]), so the app queues each as a card. Confirming is refused
//! while the vault is locked, before the plan is taken, so a plan survives a locked
//! host until a client unlocks it. Nothing here reveals or exports a secret.

use std::time::Duration;

use serde::de::DeserializeOwned;
use serde_json::Value;
use sonic_engine::{AmountSpec, AssetPrice, Engine, Error, HistoryFilter, PlanDone, SendRequest, SwapRequest};
use sonic_types::{
    dto::{
        AccountInfo, AppInfo, Balance, Contact, EngineSettings, PaymentRequestView, Plan, PlanDoneView, SendResult,
        TokenInfo, TxRecord,
    },
    host::{BalanceArgs, HistoryFilterArgs, HistoryView, PlanConfirmWaitArgs, PlanGetArgs, SendRequestArgs},
    ipc::{
        AccountBalancesArgs, AccountsListArgs, AppInfoArgs, BalancesArgs, Command, ContactPlanArgs, ContactsListArgs,
        HistoryArgs, LinkPlanArgs, PaymentRequestArgs, PlanCancelArgs, PlanConfirmAnyArgs, PlanConfirmArgs,
        PlansPendingArgs, PricesArgs, SendPlanArgs, SettingsGetArgs, StakePlanArgs, SwapPlanArgs, TokensListArgs,
        TxCancelArgs, TxSpeedupArgs, WalletLockArgs, WalletUnlockArgs,
    },
    market::{PriceView, PricesView, StakeAction},
    qr::qr_svg,
    redact::scrub,
    ErrorCode, IpcError,
};

use crate::wire::refused;

/// The longest wait for a receipt a client can ask for.
const MAX_WAIT_SECS: u64 = 300;
/// The most assets priced in one request.
const MAX_PRICED: usize = 20;
/// The most history records in one answer.
const MAX_HISTORY: u64 = 5000;
/// How a plan made for a client is labelled when the client does not say.
pub const DEFAULT_ORIGIN: &str = "cli";

type Reply<T> = Result<T, IpcError>;

/// Answers one command for a client whose plans carry `origin`. Unknown commands,
/// malformed arguments and commands only the desktop window answers are refused.
pub async fn dispatch(engine: &Engine, origin: &str, command: &str, args: Value) -> Result<Value, IpcError> {
    macro_rules! table {
        ($($args:ty => $handler:ident),* $(,)?) => {
            $(
                if command == <$args as Command>::NAME {
                    let a: $args = arguments(command, args)?;
                    let reply = $handler(engine, origin, a).await?;
                    return serde_json::to_value(reply)
                        .map_err(|e| IpcError::new(ErrorCode::Internal, format!("cannot encode the answer: {e}")));
                }
            )*
        };
    }
    table! {
        AppInfoArgs => app_info,
        WalletUnlockArgs => wallet_unlock,
        WalletLockArgs => wallet_lock,
        AccountsListArgs => accounts_list,
        BalancesArgs => balances,
        SendPlanArgs => send_plan,
        LinkPlanArgs => link_plan,
        PlanConfirmArgs => plan_confirm,
        PlanCancelArgs => plan_cancel,
        HistoryArgs => history,
        TxSpeedupArgs => tx_speedup,
        TxCancelArgs => tx_cancel,
        PaymentRequestArgs => payment_request,
        ContactsListArgs => contacts_list,
        ContactPlanArgs => contact_plan,
        TokensListArgs => tokens_list,
        SettingsGetArgs => settings_get,
        AccountBalancesArgs => account_balances,
        PricesArgs => prices,
        StakePlanArgs => stake_plan,
        SwapPlanArgs => swap_plan,
        PlansPendingArgs => plans_pending,
        PlanConfirmAnyArgs => plan_confirm_any,
        BalanceArgs => balance,
        SendRequestArgs => send_request,
        HistoryFilterArgs => history_filter,
        PlanGetArgs => plan_get,
        PlanConfirmWaitArgs => plan_confirm_wait,
    }
    if sonic_types::ipc::COMMANDS.contains(&command) {
        return Err(refused(format!("'{command}' is answered by the desktop window only, not by the host")));
    }
    Err(refused(format!("unknown command '{}'", scrub(&command.chars().take(64).collect::<String>()))))
}

/// Calls `dispatch` with a typed command: what a process that owns its engine runs
/// instead of asking a host, so both paths share one implementation.
pub async fn call_local<C: Command>(engine: &Engine, origin: &str, args: &C) -> Result<C::Reply, IpcError> {
    let args = serde_json::to_value(args).map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string()))?;
    let value = dispatch(engine, origin, C::NAME, args).await?;
    serde_json::from_value(value).map_err(|e| IpcError::new(ErrorCode::Internal, format!("unexpected answer: {e}")))
}

/// Reads a command's argument struct; `null` stands for `{}`. Serde's message names
/// the field, never echoes a string value (it is scrubbed anyway).
fn arguments<A: DeserializeOwned>(command: &str, args: Value) -> Reply<A> {
    let args = if args.is_null() { Value::Object(Default::default()) } else { args };
    serde_json::from_value(args).map_err(|e| refused(format!("bad arguments for {command}: {}", scrub(&e.to_string()))))
}

/// A text field left blank means "not given".
fn given(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty())
}

/// Announces a plan made for a client, with its origin.
async fn proposed(engine: &Engine, origin: &str, plan: Plan) -> Reply<Plan> {
    Ok(engine.propose_as(&plan.id, origin).await?)
}

/// Refuses to act on a plan while the vault is locked, so the plan is not taken.
async fn unlocked(engine: &Engine) -> Reply<()> {
    if engine.is_unlocked().await {
        Ok(())
    } else {
        Err(IpcError::new(ErrorCode::Locked, "the wallet is locked; unlock it to confirm (the plan stays pending)"))
    }
}

async fn app_info(engine: &Engine, _: &str, _: AppInfoArgs) -> Reply<AppInfo> {
    let net = engine.active_network()?;
    Ok(AppInfo {
        unlocked: engine.is_unlocked().await,
        version: env!("CARGO_PKG_VERSION").to_string(),
        network: net.name.clone(),
        mainnet: net.mainnet,
        wallet_exists: engine.wallet_exists(),
        data_dir: engine.data_dir().display().to_string(),
        explorer_url: net.explorer_url.clone(),
    })
}

async fn wallet_unlock(engine: &Engine, _: &str, args: WalletUnlockArgs) -> Reply<()> {
    Ok(engine.unlock(args.password.as_bytes()).await?)
}

async fn wallet_lock(engine: &Engine, _: &str, _: WalletLockArgs) -> Reply<()> {
    engine.lock().await;
    Ok(())
}

async fn accounts_list(engine: &Engine, _: &str, _: AccountsListArgs) -> Reply<Vec<AccountInfo>> {
    Ok(engine.accounts().await?)
}

async fn balances(engine: &Engine, _: &str, _: BalancesArgs) -> Reply<Vec<Balance>> {
    Ok(engine.balances(None).await?)
}

async fn send_plan(engine: &Engine, origin: &str, args: SendPlanArgs) -> Reply<Plan> {
    let form = args.form;
    let request =
        SendRequest { from: None, to: form.to, amount: AmountSpec::parse(&form.amount)?, asset: given(form.token) };
    proposed(engine, origin, engine.plan_send(request).await?).await
}

async fn link_plan(engine: &Engine, origin: &str, args: LinkPlanArgs) -> Reply<Plan> {
    proposed(engine, origin, engine.plan_link(&args.uri).await?).await
}

async fn plan_confirm(engine: &Engine, _: &str, args: PlanConfirmArgs) -> Reply<SendResult> {
    unlocked(engine).await?;
    Ok(engine.confirm(&args.id, Some(Duration::from_secs(30))).await?)
}

async fn plan_cancel(engine: &Engine, _: &str, args: PlanCancelArgs) -> Reply<bool> {
    Ok(engine.cancel_plan(&args.id).await)
}

async fn history(engine: &Engine, _: &str, args: HistoryArgs) -> Reply<Vec<TxRecord>> {
    let q = args.query;
    let filter = HistoryFilter {
        account: None,
        asset: given(q.asset),
        direction: given(q.direction),
        counterparty: None,
        days: q.days,
        limit: Some(500),
        include_untrusted: q.include_untrusted,
    };
    Ok(engine.history(&filter).await?)
}

async fn tx_speedup(engine: &Engine, origin: &str, args: TxSpeedupArgs) -> Reply<Plan> {
    proposed(engine, origin, engine.plan_speed_up(&args.hash).await?).await
}

async fn tx_cancel(engine: &Engine, origin: &str, args: TxCancelArgs) -> Reply<Plan> {
    proposed(engine, origin, engine.plan_cancel(&args.hash).await?).await
}

async fn payment_request(engine: &Engine, _: &str, args: PaymentRequestArgs) -> Reply<PaymentRequestView> {
    let (amount, token) = (given(args.amount), given(args.token));
    let uri = engine.payment_request_uri(amount.as_deref(), token.as_deref()).await?;
    Ok(PaymentRequestView { qr_svg: qr_svg(&uri), uri })
}

async fn contacts_list(engine: &Engine, _: &str, _: ContactsListArgs) -> Reply<Vec<Contact>> {
    Ok(engine.contacts()?)
}

async fn contact_plan(engine: &Engine, origin: &str, args: ContactPlanArgs) -> Reply<Plan> {
    proposed(engine, origin, engine.plan_contact(&args.name, &args.address).await?).await
}

async fn tokens_list(engine: &Engine, _: &str, _: TokensListArgs) -> Reply<Vec<TokenInfo>> {
    Ok(engine.tokens().await?)
}

async fn settings_get(engine: &Engine, _: &str, _: SettingsGetArgs) -> Reply<EngineSettings> {
    let net = engine.active_network()?;
    Ok(EngineSettings {
        rpc_url: net.rpc_url().to_string(),
        network: net.name,
        networks: engine.networks()?.into_iter().map(|n| n.name).collect(),
        auto_lock_minutes: engine.auto_lock()?.as_secs() / 60,
        agent: engine
            .agent_provider()?
            .map(|p| format!("{} ({})", p.base_url, p.model))
            .unwrap_or_else(|| "rules".into()),
    })
}

async fn balance(engine: &Engine, _: &str, args: BalanceArgs) -> Reply<Vec<Balance>> {
    let account = given(args.account);
    if args.all {
        Ok(engine.balances(account.as_deref()).await?)
    } else {
        Ok(vec![engine.balance(account.as_deref(), given(args.token).as_deref()).await?])
    }
}

async fn send_request(engine: &Engine, origin: &str, args: SendRequestArgs) -> Reply<Plan> {
    let request = SendRequest {
        from: given(args.from),
        to: args.to,
        amount: AmountSpec::parse(&args.amount)?,
        asset: given(args.token),
    };
    proposed(engine, origin, engine.plan_send(request).await?).await
}

async fn history_filter(engine: &Engine, _: &str, args: HistoryFilterArgs) -> Reply<HistoryView> {
    let account = engine.resolve_account(given(args.account.clone()).as_deref()).await?.address;
    let limit = args.limit.unwrap_or(MAX_HISTORY).min(MAX_HISTORY);
    let filter = HistoryFilter {
        account: given(args.account),
        asset: given(args.asset),
        direction: given(args.direction),
        counterparty: given(args.counterparty),
        days: args.days,
        limit: Some(usize::try_from(limit).unwrap_or(usize::MAX)),
        include_untrusted: args.all,
    };
    Ok(HistoryView { account, records: engine.history(&filter).await? })
}

async fn account_balances(engine: &Engine, _: &str, args: AccountBalancesArgs) -> Reply<Vec<Balance>> {
    Ok(engine.balances(Some(&args.account)).await?)
}

fn price_view(p: AssetPrice) -> PriceView {
    PriceView { asset: p.asset, usd: p.usd, source: p.source.to_string(), at: p.at }
}

/// Prices in the order asked, `None` where the source has none (as the desktop's
/// `prices`): all in one request, each alone when one of them is unknown.
async fn prices(engine: &Engine, _: &str, args: PricesArgs) -> Reply<PricesView> {
    if args.assets.is_empty() || args.assets.len() > MAX_PRICED {
        return Err(refused(format!("name 1 to {MAX_PRICED} assets")));
    }
    let assets: Vec<&str> = args.assets.iter().map(String::as_str).collect();
    match engine.prices(&assets).await {
        Ok(list) => Ok(PricesView { prices: list.into_iter().map(|p| Some(price_view(p))).collect() }),
        Err(Error::NotFound(_) | Error::Invalid(_)) => {
            let mut prices = Vec::with_capacity(assets.len());
            for a in assets {
                match engine.price(a).await {
                    Ok(p) => prices.push(Some(price_view(p))),
                    Err(Error::NotFound(_) | Error::Invalid(_)) => prices.push(None),
                    Err(e) => return Err(e.into()),
                }
            }
            Ok(PricesView { prices })
        }
        Err(e) => Err(e.into()),
    }
}

async fn stake_plan(engine: &Engine, origin: &str, args: StakePlanArgs) -> Reply<Plan> {
    let plan = match args.action {
        StakeAction::Delegate { validator, amount } => engine.plan_stake_delegate(validator, &amount).await?,
        StakeAction::Claim { validator } => engine.plan_stake_claim(validator).await?,
        StakeAction::Restake { validator } => engine.plan_stake_restake(validator).await?,
        StakeAction::Undelegate { validator, amount } => engine.plan_stake_undelegate(validator, &amount).await?.plan,
        StakeAction::Withdraw { validator, request } => engine.plan_stake_withdraw(validator, request).await?,
    };
    proposed(engine, origin, plan).await
}

async fn swap_plan(engine: &Engine, origin: &str, args: SwapPlanArgs) -> Reply<Plan> {
    let amount = AmountSpec::parse(&args.amount)?;
    let request = SwapRequest { from: None, sell: args.sell, buy: args.buy, amount, slippage_bps: args.slippage_bps };
    proposed(engine, origin, engine.plan_swap(request).await?).await
}

async fn plans_pending(engine: &Engine, _: &str, _: PlansPendingArgs) -> Reply<Vec<Plan>> {
    Ok(engine.pending_plans().await)
}

async fn plan_confirm_any(engine: &Engine, origin: &str, args: PlanConfirmAnyArgs) -> Reply<PlanDoneView> {
    plan_confirm_wait(engine, origin, PlanConfirmWaitArgs { id: args.id, wait_secs: 30 }).await
}

async fn plan_get(engine: &Engine, _: &str, args: PlanGetArgs) -> Reply<Option<Plan>> {
    Ok(engine.pending_plan(&args.id).await)
}

async fn plan_confirm_wait(engine: &Engine, _: &str, args: PlanConfirmWaitArgs) -> Reply<PlanDoneView> {
    unlocked(engine).await?;
    let wait = (args.wait_secs > 0).then(|| Duration::from_secs(args.wait_secs.min(MAX_WAIT_SECS)));
    Ok(match engine.confirm_plan(&args.id, wait).await? {
        PlanDone::Sent(r) => PlanDoneView::Sent(r),
        PlanDone::Contact(c) => PlanDoneView::Saved(c),
        other => PlanDoneView::Other { hash: other.hash() },
    })
}
