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
use sonic_engine::{AmountSpec, Engine, HistoryFilter, PlanDone, SendRequest, SwapRequest};
use sonic_types::{
    dto::{
        AccountInfo, AgentReply, AppInfo, Balance, Contact, EngineSettings, MintResult, NftInfo, PaymentRequestView,
        Plan, PlanDoneView, SendResult, SubscriptionStatus, TokenInfo, TxRecord,
    },
    host::{
        AccountDefaultArgs, AutoLockSetArgs, BalanceArgs, ContactAddArgs, ContractsDeployPlanArgs, ContractsSetArgs,
        ContractsShowArgs, ContractsView, DelegationRow, DevnetDefiArgs, DevnetDefiView, EventsFollowArgs,
        HistoryFilterArgs, HistoryView, LinkResolveArgs, LinkResolvedView, NetworkAddArgs, NftMintConfirmArgs,
        NftPinArgs, PlanConfirmWaitArgs, PlanGetArgs, RequestRow, SendRequestArgs, StakeStatusArgs, StakeStatusView,
        StakeUndelegateArgs, StakeValidatorsArgs, SubscriptionStatusArgs, SwapQuoteArgs, SwapQuoteView,
        SwapRequestArgs, TxStatusArgs, UndelegateView, ValidatorRow, WrapPlanArgs,
    },
    ipc::{
        AccountAddArgs, AccountBalancesArgs, AccountRenameArgs, AccountsListArgs, AgentProviderSetArgs, AgentResetArgs,
        AgentTurnArgs, AppInfoArgs, BalancesArgs, Command, ContactPlanArgs, ContactRemoveArgs, ContactsListArgs,
        HistoryArgs, LinkPlanArgs, NetworkUseArgs, NetworksListArgs, NftListArgs, NftMintPlanArgs, PaymentRequestArgs,
        PlanCancelArgs, PlanConfirmAnyArgs, PlanConfirmArgs, PlansPendingArgs, PremiumPlanArgs, PricesArgs,
        SendPlanArgs, SettingsGetArgs, StakeOverviewArgs, StakePlanArgs, SwapPlanArgs, TokenAddArgs, TokensListArgs,
        TxCancelArgs, TxSpeedupArgs, WalletChangePasswordArgs, WalletLockArgs, WalletUnlockArgs, YieldsArgs,
    },
    market::{PricesView, StakeOverview, YieldsView},
    qr::qr_svg,
    redact::scrub,
    ErrorCode, IpcError, Network,
};
use zeroize::{Zeroize, Zeroizing};

use crate::shared::{self, s_text};
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
        WalletChangePasswordArgs => wallet_change_password,
        AccountsListArgs => accounts_list,
        AccountAddArgs => account_add,
        AccountRenameArgs => account_rename,
        BalancesArgs => balances,
        SendPlanArgs => send_plan,
        LinkPlanArgs => link_plan,
        PlanConfirmArgs => plan_confirm,
        PlanCancelArgs => plan_cancel,
        HistoryArgs => history,
        TxSpeedupArgs => tx_speedup,
        TxCancelArgs => tx_cancel,
        PaymentRequestArgs => payment_request,
        AgentTurnArgs => agent_turn,
        AgentResetArgs => agent_reset,
        ContactsListArgs => contacts_list,
        ContactPlanArgs => contact_plan,
        ContactRemoveArgs => contact_remove,
        TokensListArgs => tokens_list,
        TokenAddArgs => token_add,
        SettingsGetArgs => settings_get,
        AgentProviderSetArgs => agent_provider_set,
        NetworksListArgs => networks_list,
        NetworkUseArgs => network_use,
        AccountBalancesArgs => account_balances,
        PricesArgs => prices,
        YieldsArgs => yields,
        StakeOverviewArgs => stake_overview,
        StakePlanArgs => stake_plan,
        SwapPlanArgs => swap_plan,
        PlansPendingArgs => plans_pending,
        PlanConfirmAnyArgs => plan_confirm_any,
        BalanceArgs => balance,
        SendRequestArgs => send_request,
        HistoryFilterArgs => history_filter,
        SwapQuoteArgs => swap_quote,
        SwapRequestArgs => swap_request,
        WrapPlanArgs => wrap_plan,
        StakeValidatorsArgs => stake_validators,
        StakeStatusArgs => stake_status,
        StakeUndelegateArgs => stake_undelegate,
        TxStatusArgs => tx_status,
        ContactAddArgs => contact_add,
        AutoLockSetArgs => auto_lock_set,
        AccountDefaultArgs => account_default,
        PlanGetArgs => plan_get,
        PlanConfirmWaitArgs => plan_confirm_wait,
        PremiumPlanArgs => premium_plan,
        NftMintPlanArgs => nft_mint_plan,
        NftListArgs => nft_list,
        ContractsShowArgs => contracts_show,
        ContractsSetArgs => contracts_set,
        ContractsDeployPlanArgs => contracts_deploy_plan,
        SubscriptionStatusArgs => subscription_status,
        NftMintConfirmArgs => nft_mint_confirm,
        NftPinArgs => nft_pin,
        DevnetDefiArgs => devnet_defi,
        NetworkAddArgs => network_add,
        LinkResolveArgs => link_resolve,
        EventsFollowArgs => events_follow,
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
/// the field, never echoes a string value (it is scrubbed anyway). The request's
/// strings are wiped once read: some carry a password.
fn arguments<A: DeserializeOwned>(command: &str, mut args: Value) -> Reply<A> {
    if args.is_null() {
        args = Value::Object(Default::default());
    }
    let read =
        A::deserialize(&args).map_err(|e| refused(format!("bad arguments for {command}: {}", scrub(&e.to_string()))));
    wipe(&mut args);
    read
}

/// Overwrites every string of a JSON value with zeros before it is dropped.
pub(crate) fn wipe(value: &mut Value) {
    match value {
        Value::String(s) => s.zeroize(),
        Value::Array(items) => items.iter_mut().for_each(wipe),
        Value::Object(map) => map.values_mut().for_each(wipe),
        _ => {}
    }
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

async fn app_info(engine: &Engine, _: &str, args: AppInfoArgs) -> Reply<AppInfo> {
    shared::app_info(engine, args).await
}

async fn wallet_unlock(engine: &Engine, _: &str, args: WalletUnlockArgs) -> Reply<()> {
    let password = Zeroizing::new(args.password);
    Ok(engine.unlock(password.as_bytes()).await?)
}

async fn wallet_change_password(engine: &Engine, _: &str, args: WalletChangePasswordArgs) -> Reply<()> {
    shared::wallet_change_password(engine, args).await
}

async fn account_add(engine: &Engine, _: &str, args: AccountAddArgs) -> Reply<AccountInfo> {
    Ok(engine.add_account(given(args.name)).await?)
}

async fn account_rename(engine: &Engine, _: &str, args: AccountRenameArgs) -> Reply<()> {
    Ok(engine.rename_account(&args.account, &args.name).await?)
}

async fn account_default(engine: &Engine, _: &str, args: AccountDefaultArgs) -> Reply<AccountInfo> {
    Ok(engine.set_default_account(&args.account).await?)
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

async fn settings_get(engine: &Engine, _: &str, args: SettingsGetArgs) -> Reply<EngineSettings> {
    shared::settings_get(engine, args).await
}

async fn auto_lock_set(engine: &Engine, _: &str, args: AutoLockSetArgs) -> Reply<()> {
    Ok(engine.set_auto_lock_minutes(args.minutes)?)
}

/// The agent's model, without a key: an API key is a secret and does not cross the
/// host's socket (it is set in the app's Settings, or with no host running).
async fn agent_provider_set(engine: &Engine, _: &str, args: AgentProviderSetArgs) -> Reply<()> {
    if args.key.as_deref().is_some_and(|k| !k.trim().is_empty()) {
        return Err(refused("an API key is not taken over the host's socket; set it in the app's Settings"));
    }
    shared::agent_provider_set(engine, args).await
}

async fn networks_list(engine: &Engine, _: &str, _: NetworksListArgs) -> Reply<Vec<Network>> {
    Ok(engine.networks()?)
}

async fn network_use(engine: &Engine, _: &str, args: NetworkUseArgs) -> Reply<()> {
    shared::network_use(engine, args).await
}

async fn contact_remove(engine: &Engine, _: &str, args: ContactRemoveArgs) -> Reply<()> {
    Ok(engine.remove_contact(&args.name)?)
}

/// A new contact saved as typed; an existing name is refused (a change of address is
/// a plan, shown old and new).
async fn contact_add(engine: &Engine, _: &str, args: ContactAddArgs) -> Reply<Contact> {
    if engine.contacts()?.iter().any(|c| c.name.eq_ignore_ascii_case(args.name.trim())) {
        return Err(refused(format!(
            "contact '{}' exists; changing its address is a plan (contact_plan)",
            scrub(args.name.trim())
        )));
    }
    Ok(engine.add_contact(&args.name, &args.address)?)
}

async fn token_add(engine: &Engine, _: &str, args: TokenAddArgs) -> Reply<TokenInfo> {
    Ok(engine.add_token(&args.address).await?)
}

async fn agent_turn(engine: &Engine, origin: &str, args: AgentTurnArgs) -> Reply<AgentReply> {
    let mut reply = engine.agent_turn_with(&args.text, args.visible_plan.as_deref()).await?;
    if let Some(plan) = reply.plan.take() {
        reply.plan = Some(proposed(engine, origin, plan).await?);
    }
    Ok(reply)
}

async fn agent_reset(engine: &Engine, _: &str, _: AgentResetArgs) -> Reply<()> {
    Ok(engine.agent_reset()?)
}

async fn yields(engine: &Engine, _: &str, args: YieldsArgs) -> Reply<YieldsView> {
    shared::yields(engine, args).await
}

async fn stake_overview(engine: &Engine, _: &str, args: StakeOverviewArgs) -> Reply<StakeOverview> {
    shared::stake_overview(engine, args).await
}

/// The engine's swap request from the fields both swap commands carry.
fn swap_of(
    account: Option<String>,
    sell: String,
    buy: String,
    amount: &str,
    slippage_bps: Option<u32>,
) -> Reply<SwapRequest> {
    Ok(SwapRequest { from: given(account), sell, buy, amount: AmountSpec::parse(amount)?, slippage_bps })
}

async fn swap_quote(engine: &Engine, _: &str, args: SwapQuoteArgs) -> Reply<SwapQuoteView> {
    let request = swap_of(args.account, args.sell, args.buy, &args.amount, args.slippage_bps)?;
    let q = engine.quote_swap(request).await?;
    Ok(SwapQuoteView {
        line: q.line(),
        amount: q.sell_amount(),
        expected: q.expected(),
        minimum: q.minimum(),
        source: q.source,
        route: q.route,
        router: q.router,
        sell: q.sell_asset,
        buy: q.buy_asset,
        slippage_bps: q.slippage_bps,
        price_impact_bps: q.price_impact_bps,
        pool_fee_bps: q.pool_fee_bps,
    })
}

async fn swap_request(engine: &Engine, origin: &str, args: SwapRequestArgs) -> Reply<Plan> {
    let request = swap_of(args.account, args.sell, args.buy, &args.amount, args.slippage_bps)?;
    proposed(engine, origin, engine.plan_swap(request).await?).await
}

async fn wrap_plan(engine: &Engine, origin: &str, args: WrapPlanArgs) -> Reply<Plan> {
    let amount = AmountSpec::parse(&args.amount)?;
    let plan = if args.unwrap { engine.plan_unwrap(amount).await? } else { engine.plan_wrap(amount).await? };
    proposed(engine, origin, plan).await
}

async fn stake_validators(engine: &Engine, _: &str, _: StakeValidatorsArgs) -> Reply<Vec<ValidatorRow>> {
    Ok(engine
        .stake_validators()
        .await?
        .into_iter()
        .map(|v| ValidatorRow {
            id: v.id,
            active: v.active,
            status: v.status,
            status_text: v.status_text(),
            stake: s_text(v.stake),
        })
        .collect())
}

async fn stake_status(engine: &Engine, _: &str, args: StakeStatusArgs) -> Reply<StakeStatusView> {
    let st = engine.stake_status(args.validator).await?;
    let delegations = st
        .delegations
        .into_iter()
        .map(|d| DelegationRow {
            validator: d.validator,
            stake: s_text(d.stake),
            pending_rewards: s_text(d.pending_rewards),
            requests: d
                .requests
                .into_iter()
                .map(|r| RequestRow {
                    line: r.line(),
                    validator: r.validator,
                    id: r.id,
                    amount: s_text(r.amount),
                    requested_at: r.requested_at,
                    withdrawable_at: r.withdrawable_at,
                })
                .collect(),
        })
        .collect();
    Ok(StakeStatusView { account: st.account, delegations })
}

async fn stake_undelegate(engine: &Engine, origin: &str, args: StakeUndelegateArgs) -> Reply<UndelegateView> {
    let u = engine.plan_stake_undelegate(args.validator, &args.amount).await?;
    Ok(UndelegateView { plan: proposed(engine, origin, u.plan).await?, request: u.request })
}

async fn tx_status(engine: &Engine, _: &str, args: TxStatusArgs) -> Reply<Option<TxRecord>> {
    Ok(engine.tx_status(&args.hash).await?)
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

/// Prices in the order asked, `None` where the source has none (as the desktop's
/// `prices`).
async fn prices(engine: &Engine, _: &str, args: PricesArgs) -> Reply<PricesView> {
    if args.assets.is_empty() || args.assets.len() > MAX_PRICED {
        return Err(refused(format!("name 1 to {MAX_PRICED} assets")));
    }
    shared::prices(engine, args).await
}

async fn stake_plan(engine: &Engine, origin: &str, args: StakePlanArgs) -> Reply<Plan> {
    proposed(engine, origin, shared::stake_plan(engine, args).await?).await
}

async fn swap_plan(engine: &Engine, origin: &str, args: SwapPlanArgs) -> Reply<Plan> {
    proposed(engine, origin, shared::swap_plan(engine, args).await?).await
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

async fn premium_plan(engine: &Engine, origin: &str, _: PremiumPlanArgs) -> Reply<Plan> {
    proposed(engine, origin, engine.plan_subscription_purchase().await?).await
}

/// A mint plan with the image's bytes (read by the client from its own file): they
/// stay in the plan, in memory, until confirmed.
async fn nft_mint_plan(engine: &Engine, origin: &str, args: NftMintPlanArgs) -> Reply<Plan> {
    proposed(engine, origin, shared::nft_mint_plan(engine, args).await?).await
}

async fn nft_list(engine: &Engine, _: &str, args: NftListArgs) -> Reply<Option<Vec<NftInfo>>> {
    shared::nft_list(engine, args).await
}

fn contracts_view(a: &sonic_engine::ContractAddresses) -> ContractsView {
    ContractsView { subscription: a.subscription, nft: a.nft }
}

async fn contracts_show(engine: &Engine, _: &str, _: ContractsShowArgs) -> Reply<ContractsView> {
    Ok(contracts_view(&engine.contract_addresses().await?))
}

async fn contracts_set(engine: &Engine, _: &str, args: ContractsSetArgs) -> Reply<ContractsView> {
    let parse = |s: Option<String>| -> Reply<Option<sonic_types::Address>> {
        given(s).map(|x| sonic_types::parse_address(&x).map_err(|e| refused(e.to_string()))).transpose()
    };
    let (subscription, nft) = (parse(args.subscription)?, parse(args.nft)?);
    let mut addrs = engine.contract_addresses().await?;
    addrs.subscription = subscription.or(addrs.subscription);
    addrs.nft = nft.or(addrs.nft);
    engine.set_contract_addresses(&addrs).await?;
    Ok(contracts_view(&addrs))
}

async fn contracts_deploy_plan(engine: &Engine, origin: &str, args: ContractsDeployPlanArgs) -> Reply<Vec<Plan>> {
    let plans = if args.create2 {
        engine.plan_deploy_create2().await?
    } else {
        match given(args.subscription) {
            None => vec![engine.plan_deploy_subscription().await?],
            Some(sub) => {
                let sub = sonic_types::parse_address(&sub).map_err(|e| refused(e.to_string()))?;
                vec![engine.plan_deploy_nft(sub).await?]
            }
        }
    };
    let mut out = Vec::with_capacity(plans.len());
    for plan in plans {
        out.push(proposed(engine, origin, plan).await?);
    }
    Ok(out)
}

async fn subscription_status(engine: &Engine, _: &str, _: SubscriptionStatusArgs) -> Reply<SubscriptionStatus> {
    Ok(engine.subscription_status().await?)
}

async fn nft_mint_confirm(engine: &Engine, _: &str, args: NftMintConfirmArgs) -> Reply<MintResult> {
    unlocked(engine).await?;
    Ok(engine.confirm_nft_mint(&args.id).await?)
}

async fn nft_pin(engine: &Engine, _: &str, _: NftPinArgs) -> Reply<u64> {
    unlocked(engine).await?;
    Ok(u64::try_from(engine.nft_pin_pending().await?).unwrap_or(u64::MAX))
}

async fn devnet_defi(engine: &Engine, _: &str, _: DevnetDefiArgs) -> Reply<DevnetDefiView> {
    let d = engine.devnet_defi().await?;
    Ok(DevnetDefiView { usdc: d.usdc, ws: d.ws, factory: d.factory, router: d.router, pair: d.pair, sfc: d.sfc })
}

async fn network_add(engine: &Engine, _: &str, args: NetworkAddArgs) -> Reply<()> {
    let mainnet = args.chain_id == Some(sonic_types::network::SONIC_MAINNET);
    Ok(engine.add_network(Network {
        name: args.name,
        chain_id: args.chain_id,
        rpc_urls: vec![args.rpc],
        explorer_url: args.explorer,
        mainnet,
        ws_url: args.ws,
    })?)
}

async fn link_resolve(engine: &Engine, _: &str, args: LinkResolveArgs) -> Reply<LinkResolvedView> {
    let r = engine.resolve_link(&args.uri).await?;
    Ok(LinkResolvedView { token: r.token, raw: r.raw.map(|x| x.to_string()), symbol: r.symbol, decimals: r.decimals })
}

/// Following is a stream the server keeps open on its socket (`server.rs`), not a
/// call: an engine of one's own has its bus at hand.
async fn events_follow(_: &Engine, _: &str, _: EventsFollowArgs) -> Reply<()> {
    Err(refused("events_follow is served on the host's socket only"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wiping_zeroes_every_string() {
        let mut v = serde_json::json!({"password": "hunter22", "nested": [{"k": "sk-1"}, 5, null]});
        wipe(&mut v);
        let text = v.to_string();
        assert!(!text.contains("hunter22") && !text.contains("sk-1"), "{text}");
        assert_eq!(v["nested"][1], 5);
    }

    #[test]
    fn every_host_command_is_in_the_table() {
        // A host command without a handler would be refused as unknown.
        let source = include_str!("dispatch.rs");
        for name in sonic_types::host::HOST_COMMANDS {
            let camel: String = name
                .split('_')
                .map(|w| {
                    let mut c = w.chars();
                    c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
                })
                .collect();
            assert!(source.contains(&format!("{camel}Args => ")), "{name} has no handler");
        }
    }
}
