//! Engine calls answered alike by the desktop shell (`src-tauri/src/commands`) and the
//! host's table ([`crate::dispatch`]): one implementation for both, each typed by its
//! command's argument struct and result. Plans made here are not announced with an
//! origin; the host does that for its clients, the window shows its own.

use sonic_engine::{AmountSpec, AssetPrice, Engine, Error, SwapRequest, WithdrawalInfo};
use sonic_types::{
    dto::{AppInfo, EngineSettings, NftInfo, Plan},
    format_units,
    ipc::{
        AgentProviderSetArgs, AppInfoArgs, NetworkUseArgs, NftListArgs, NftMintPlanArgs, PricesArgs, ProviderChoice,
        SettingsGetArgs, StakeOverviewArgs, StakePlanArgs, SwapPlanArgs, WalletChangePasswordArgs, YieldsArgs,
    },
    market::{
        DelegationView, PoolView, PriceView, PricesView, StakeAction, StakeOverview, ValidatorView, WithdrawalView,
        YieldsView,
    },
    ErrorCode, IpcError, NATIVE_DECIMALS,
};
use zeroize::Zeroizing;

type Reply<T> = Result<T, IpcError>;

/// Version, network, wallet presence and lock state, from local state only.
pub async fn app_info(engine: &Engine, _: AppInfoArgs) -> Reply<AppInfo> {
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

/// The engine settings.
pub async fn settings_get(engine: &Engine, _: SettingsGetArgs) -> Reply<EngineSettings> {
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

fn price_view(p: AssetPrice) -> PriceView {
    PriceView { asset: p.asset, usd: p.usd, source: p.source.to_string(), at: p.at }
}

/// USD prices of the assets, in their order: all in one request; when the source has
/// no price for one of them, each alone, `None` where it has none. An unreachable
/// source is an error: no figure is made up.
pub async fn prices(engine: &Engine, args: PricesArgs) -> Reply<PricesView> {
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

/// Sonic yield pools, highest APY first.
pub async fn yields(engine: &Engine, args: YieldsArgs) -> Reply<YieldsView> {
    let limit = args.limit.map(|l| usize::try_from(l).unwrap_or(usize::MAX));
    let y = engine.yields(args.asset.as_deref().filter(|a| !a.trim().is_empty()), limit).await?;
    Ok(yields_view(y))
}

/// The engine's pool list as the contract's view (what the app and host clients get).
pub fn yields_view(y: sonic_engine::YieldPools) -> YieldsView {
    let pools = y
        .pools
        .into_iter()
        .map(|p| PoolView {
            project: p.project,
            symbol: p.symbol,
            apy: p.apy,
            apy_base: p.apy_base,
            apy_reward: p.apy_reward,
            tvl_usd: p.tvl_usd,
            pool: p.pool,
        })
        .collect();
    YieldsView { pools, source: y.source.to_string(), at: y.at }
}

/// An amount of S in wei, as an exact decimal.
pub(crate) fn s_text(v: sonic_types::U256) -> String {
    format_units(v, NATIVE_DECIMALS)
}

fn request_view(r: WithdrawalInfo) -> WithdrawalView {
    WithdrawalView { id: r.id, amount: s_text(r.amount), withdrawable_at: r.withdrawable_at }
}

/// The validators and the user's delegations.
pub async fn stake_overview(engine: &Engine, _: StakeOverviewArgs) -> Reply<StakeOverview> {
    let validators = engine
        .stake_validators()
        .await?
        .into_iter()
        .map(|v| ValidatorView { id: v.id, active: v.active, status: v.status_text(), stake: s_text(v.stake) })
        .collect();
    let delegations = engine
        .stake_status(None)
        .await?
        .delegations
        .into_iter()
        .map(|d| DelegationView {
            validator: d.validator,
            stake: s_text(d.stake),
            stake_raw: d.stake,
            pending_rewards: s_text(d.pending_rewards),
            requests: d.requests.into_iter().map(request_view).collect(),
        })
        .collect();
    Ok(StakeOverview { validators, delegations })
}

/// Plans a staking move (not yet announced).
pub async fn stake_plan(engine: &Engine, args: StakePlanArgs) -> Reply<Plan> {
    Ok(match args.action {
        StakeAction::Delegate { validator, amount } => engine.plan_stake_delegate(validator, &amount).await?,
        StakeAction::Claim { validator } => engine.plan_stake_claim(validator).await?,
        StakeAction::Restake { validator } => engine.plan_stake_restake(validator).await?,
        StakeAction::Undelegate { validator, amount } => engine.plan_stake_undelegate(validator, &amount).await?.plan,
        StakeAction::Withdraw { validator, request } => engine.plan_stake_withdraw(validator, request).await?,
    })
}

/// Plans a swap from the default account (not yet announced).
pub async fn swap_plan(engine: &Engine, args: SwapPlanArgs) -> Reply<Plan> {
    let amount = AmountSpec::parse(&args.amount)?;
    let request = SwapRequest { from: None, sell: args.sell, buy: args.buy, amount, slippage_bps: args.slippage_bps };
    Ok(engine.plan_swap(request).await?)
}

/// Switches to a network now (the connection and the watcher follow).
pub async fn network_use(engine: &Engine, args: NetworkUseArgs) -> Reply<()> {
    engine.set_network(args.name.trim())?;
    Ok(engine.use_saved_network()?)
}

/// Changes the wallet password (a new one of 8 characters at least); both are wiped
/// once used.
pub async fn wallet_change_password(engine: &Engine, args: WalletChangePasswordArgs) -> Reply<()> {
    let (old, new) = (Zeroizing::new(args.password), Zeroizing::new(args.new_password));
    if new.chars().count() < 8 {
        return Err(IpcError::new(ErrorCode::InvalidInput, "use a new password of at least 8 characters"));
    }
    Ok(engine.change_password(old.as_bytes(), new.as_bytes()).await?)
}

/// Sets the agent's language model: the rules (offline, the default), Gemini (needs
/// Premium) or an OpenAI-compatible server; a non-empty `key` is stored in the vault.
pub async fn agent_provider_set(engine: &Engine, args: AgentProviderSetArgs) -> Reply<()> {
    let kind = match args.kind {
        ProviderChoice::Rules => None,
        ProviderChoice::Gemini => Some(sonic_engine::ProviderKind::Gemini),
        ProviderChoice::OpenAi => Some(sonic_engine::ProviderKind::OpenAi),
    };
    let config =
        kind.map(|kind| sonic_engine::ProviderConfig { kind, base_url: args.url, model: args.model, timeout_secs: 15 });
    engine.set_agent_provider(config).await?;
    let key = args.key.map(Zeroizing::new);
    if let Some(k) = key.as_deref().filter(|k| !k.trim().is_empty()) {
        engine.set_agent_provider_key(Some(k.trim())).await?;
    }
    Ok(())
}

/// Plans a mint with the bytes of an image the client read itself (no path reaches
/// the engine); the engine caps their size.
pub async fn nft_mint_plan(engine: &Engine, args: NftMintPlanArgs) -> Reply<Plan> {
    Ok(match (args.image, args.image_name) {
        (Some(bytes), name) => {
            let name = name.unwrap_or_else(|| "image".into());
            engine.plan_nft_mint_bytes(&args.name, &args.description, &name, bytes).await?
        }
        (None, Some(_)) => return Err(Error::Invalid("an image name without its bytes".into()).into()),
        (None, None) => engine.plan_nft_mint(&args.name, &args.description, None).await?,
    })
}

/// The default account's NFTs; `None` where the NFT contract is not deployed here.
pub async fn nft_list(engine: &Engine, _: NftListArgs) -> Reply<Option<Vec<NftInfo>>> {
    if engine.contract_addresses().await?.nft.is_none() {
        return Ok(None);
    }
    Ok(Some(engine.nft_list().await?))
}
