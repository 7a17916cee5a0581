//! `sonic swap`, `sonic wrap` and `sonic unwrap`: swap plans (route, expected and
//! minimum received, price impact, fee, an exact approval when needed) and wrap/unwrap
//! plans, shown and confirmed like every plan; `--quote` only quotes.

use serde_json::json;
use sonic_engine::{AmountSpec, SwapRequest};
use sonic_types::{checksum, dto::PlanKind, parse_units};

use super::{plan::confirm_plan, Ctx, RECEIPT_WAIT};
use crate::Fail;

/// Reads `--slippage` in percent ("0.5", "1", "0.25%") as basis points, exactly.
pub(crate) fn slippage_bps(text: &str) -> Result<u32, Fail> {
    let t = text.trim().trim_end_matches('%').trim();
    let bps =
        parse_units(t, 2).map_err(|e| Fail::usage(format!("--slippage '{text}': {e} (a percentage like 0.5)")))?;
    let bps = u32::try_from(bps).unwrap_or(u32::MAX);
    if bps > sonic_engine::MAX_SLIPPAGE_BPS {
        return Err(Fail::usage(format!(
            "--slippage '{text}' is too high; at most {}",
            sonic_engine::bps_text(sonic_engine::MAX_SLIPPAGE_BPS)
        )));
    }
    Ok(bps)
}

/// `sonic swap --from A --to B --amount X [--slippage P] [--quote] [--yes]`.
pub(crate) async fn swap(cx: &Ctx, req: SwapRequest, quote_only: bool, yes: bool) -> Result<(), Fail> {
    let engine = cx.engine()?;
    if quote_only {
        let q = engine.quote_swap(req).await?;
        return cx.print(
            json!({"source": q.source, "route": q.route, "router": checksum(&q.router),
                   "sell": q.sell_asset, "amount": q.sell_amount(), "buy": q.buy_asset,
                   "expected": q.expected(), "minimum": q.minimum(), "slippage_bps": q.slippage_bps,
                   "price_impact_bps": q.price_impact_bps, "pool_fee_bps": q.pool_fee_bps}),
            || q.line(),
        );
    }
    let plan = engine.plan_swap(req).await?;
    let PlanKind::Swap(d) = plan.kind.clone() else {
        return Err(Fail::op("the engine made no swap plan".into()));
    };
    let r = confirm_plan(cx, &engine, &plan, yes, Some(RECEIPT_WAIT)).await?;
    let got = engine.tx(&r.hash)?.and_then(|t| t.received).map(|l| sonic_types::format_units(l.raw, l.decimals));
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

/// `sonic wrap --amount X` / `sonic unwrap --amount X`.
pub(crate) async fn wrapping(cx: &Ctx, amount: &str, wrap: bool, yes: bool) -> Result<(), Fail> {
    let engine = cx.engine()?;
    let amount = AmountSpec::parse(amount)?;
    let plan = if wrap { engine.plan_wrap(amount).await? } else { engine.plan_unwrap(amount).await? };
    let r = confirm_plan(cx, &engine, &plan, yes, Some(RECEIPT_WAIT)).await?;
    let (from, to) = if wrap { ("S", "wS") } else { ("wS", "S") };
    cx.print(json!({"hash": r.hash, "status": r.status, "amount": plan.amount, "from": from, "to": to}), || {
        format!("{} {} {from} into {to} ({})", if wrap { "Wrapped" } else { "Unwrapped" }, plan.amount, r.hash)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slippage_reads_percentages_exactly() {
        assert_eq!(slippage_bps("0.5").expect("ok"), 50);
        assert_eq!(slippage_bps("1%").expect("ok"), 100);
        assert_eq!(slippage_bps("0.25").expect("ok"), 25);
        assert_eq!(slippage_bps("50").expect("ok"), 5_000);
        assert!(slippage_bps("50.01").is_err());
        assert!(slippage_bps("0.001").is_err(), "finer than a basis point");
        assert!(slippage_bps("-1").is_err());
        assert!(slippage_bps("abc").is_err());
    }
}
