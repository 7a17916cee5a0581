//! Market data, staking and swaps for the DeFi page and the wallet's fiat values:
//! prices, yield pools, validators and delegations, and staking and swap plans (cards;
//! nothing is signed here).

use sonic_engine::{AmountSpec, AssetPrice, Error, SwapRequest, WithdrawalInfo};
use sonic_types::{
    dto::Plan,
    format_units,
    ipc::{PricesArgs, StakeOverviewArgs, StakePlanArgs, SwapPlanArgs, YieldsArgs},
    market::{
        DelegationView, PoolView, PriceView, PricesView, StakeAction, StakeOverview, ValidatorView, WithdrawalView,
        YieldsView,
    },
    IpcError, NATIVE_DECIMALS,
};
use tauri::AppHandle;

use super::engine;

fn price_view(p: AssetPrice) -> PriceView {
    PriceView { asset: p.asset, usd: p.usd, source: p.source.to_string(), at: p.at }
}

/// USD prices of the assets, in their order. All are asked in one request; when the
/// source has no price for one of them (or does not know it), each is asked alone so
/// the others still get theirs. An unreachable source is an error: no figure is made
/// up.
pub(crate) async fn prices(app: &AppHandle, args: PricesArgs) -> Result<PricesView, IpcError> {
    let engine = engine(app)?;
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
pub(crate) async fn yields(app: &AppHandle, args: YieldsArgs) -> Result<YieldsView, IpcError> {
    let limit = args.limit.map(|l| l as usize);
    let y = engine(app)?.yields(args.asset.as_deref(), limit).await?;
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
    Ok(YieldsView { pools, source: y.source.to_string(), at: y.at })
}

fn s_text(v: sonic_types::U256) -> String {
    format_units(v, NATIVE_DECIMALS)
}

fn request_view(r: WithdrawalInfo) -> WithdrawalView {
    WithdrawalView { id: r.id, amount: s_text(r.amount), withdrawable_at: r.withdrawable_at }
}

/// The validators and the user's delegations.
pub(crate) async fn stake_overview(app: &AppHandle, _: StakeOverviewArgs) -> Result<StakeOverview, IpcError> {
    let engine = engine(app)?;
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

/// Plans a staking move.
pub(crate) async fn stake_plan(app: &AppHandle, args: StakePlanArgs) -> Result<Plan, IpcError> {
    let engine = engine(app)?;
    Ok(match args.action {
        StakeAction::Delegate { validator, amount } => engine.plan_stake_delegate(validator, &amount).await?,
        StakeAction::Claim { validator } => engine.plan_stake_claim(validator).await?,
        StakeAction::Restake { validator } => engine.plan_stake_restake(validator).await?,
        StakeAction::Undelegate { validator, amount } => engine.plan_stake_undelegate(validator, &amount).await?.plan,
        StakeAction::Withdraw { validator, request } => engine.plan_stake_withdraw(validator, request).await?,
    })
}

/// Plans a swap.
pub(crate) async fn swap_plan(app: &AppHandle, args: SwapPlanArgs) -> Result<Plan, IpcError> {
    let amount = AmountSpec::parse(&args.amount)?;
    let request = SwapRequest { from: None, sell: args.sell, buy: args.buy, amount, slippage_bps: args.slippage_bps };
    Ok(engine(app)?.plan_swap(request).await?)
}
