//! `sonic price` and `sonic yields`: market data from DefiLlama, each figure with its
//! source and time. A failure prints one line and no figure.

use serde_json::json;
use sonic_engine::{age_phrase, pool_line, usd_text, Pool};
use sonic_types::market::YieldsView;

use super::Ctx;
use crate::Fail;

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// Prints the USD price of each asset (all asked in one request).
pub(crate) async fn price(cx: &Ctx, assets: &[String]) -> Result<(), Fail> {
    let engine = cx.engine()?;
    let names: Vec<&str> = assets.iter().map(String::as_str).collect();
    // Everything is fetched before anything is printed: a failure prints no figure.
    let list = engine.prices(&names).await?;
    let now = now();
    for p in list {
        cx.print(json!({"asset": p.asset, "usd": p.usd, "source": p.source, "at": p.at}), || {
            format!("{} {} ({}, {})", p.asset, usd_text(p.usd), p.source, age_phrase(p.at, now))
        })?;
    }
    Ok(())
}

/// Prints Sonic pools, highest APY first (in the shape a host returns them, so both
/// paths print through [`print_yields`]).
pub(crate) async fn yields(cx: &Ctx, asset: Option<&str>, limit: Option<usize>) -> Result<(), Fail> {
    let engine = cx.engine()?;
    let y = engine.yields(asset, limit).await?;
    print_yields(cx, &sonic_host::shared::yields_view(y))
}

/// Prints yield pools: one JSON object, or a header with the source's age and a line
/// per pool (the engine's `pool_line`). `sonic yields` with or without a host.
pub(crate) fn print_yields(cx: &Ctx, y: &YieldsView) -> Result<(), Fail> {
    if cx.out.is_json() {
        let pools: Vec<_> = y
            .pools
            .iter()
            .map(|p| {
                json!({"project": p.project, "symbol": p.symbol, "apy": p.apy, "apy_base": p.apy_base,
                       "apy_reward": p.apy_reward, "tvl_usd": p.tvl_usd, "pool": p.pool})
            })
            .collect();
        return cx.out.line(json!({"pools": pools, "source": y.source, "at": y.at}));
    }
    if y.pools.is_empty() {
        return cx.out.line(format!("no Sonic pools with at least $10,000 locked ({})", y.source));
    }
    cx.out.line(format!("Sonic pools ({}, {}):", y.source, age_phrase(y.at, now())))?;
    for p in &y.pools {
        cx.out.line(pool_line(&Pool {
            project: p.project.clone(),
            symbol: p.symbol.clone(),
            apy: p.apy,
            apy_base: p.apy_base,
            apy_reward: p.apy_reward,
            tvl_usd: p.tvl_usd,
            pool: p.pool.clone(),
        }))?;
    }
    Ok(())
}
