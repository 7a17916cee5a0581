//! Market data, staking and swaps for the DeFi page and the wallet's fiat values:
//! prices, yield pools, validators and delegations, and staking and swap plans (cards;
//! nothing is signed here). Each is the one implementation the host's clients get too
//! (`sonic_host::shared`).

use sonic_types::{
    dto::Plan,
    ipc::{PortfolioArgs, PricesArgs, StakeOverviewArgs, StakePlanArgs, SwapPlanArgs, YieldsArgs},
    market::{PortfolioView, PricesView, StakeOverview, YieldsView},
    IpcError,
};
use tauri::AppHandle;

use super::engine;

/// USD prices of the assets, in their order. All are asked in one request; when the
/// source has no price for one of them (or does not know it), each is asked alone so
/// the others still get theirs. An unreachable source is an error: no figure is made
/// up.
pub(crate) async fn prices(app: &AppHandle, args: PricesArgs) -> Result<PricesView, IpcError> {
    sonic_host::shared::prices(&*engine(app)?, args).await
}

/// An account's holdings valued in USD at each day's end (display only).
pub(crate) async fn portfolio(app: &AppHandle, args: PortfolioArgs) -> Result<PortfolioView, IpcError> {
    Ok(engine(app)?.portfolio(args.account.as_deref(), args.days).await?)
}

/// Sonic yield pools, highest APY first.
pub(crate) async fn yields(app: &AppHandle, args: YieldsArgs) -> Result<YieldsView, IpcError> {
    sonic_host::shared::yields(&*engine(app)?, args).await
}

/// The validators and the user's delegations.
pub(crate) async fn stake_overview(app: &AppHandle, args: StakeOverviewArgs) -> Result<StakeOverview, IpcError> {
    sonic_host::shared::stake_overview(&*engine(app)?, args).await
}

/// Plans a staking move.
pub(crate) async fn stake_plan(app: &AppHandle, args: StakePlanArgs) -> Result<Plan, IpcError> {
    sonic_host::shared::stake_plan(&*engine(app)?, args).await
}

/// Plans a swap.
pub(crate) async fn swap_plan(app: &AppHandle, args: SwapPlanArgs) -> Result<Plan, IpcError> {
    sonic_host::shared::swap_plan(&*engine(app)?, args).await
}
