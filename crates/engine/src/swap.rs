//! Swaps and wrapping: quotes ([`Engine::quote_swap`]), swap plans
//! ([`Engine::plan_swap`]: the route, expected and minimum received, price impact,
//! fee, and an approval of exactly the amount sold as a step of the same plan), and
//! wrap/unwrap plans (S <-> wS). On the local devnet routes come from the Uniswap V2
//! router `sonic devnet defi` deployed; confirming runs through [`Engine::confirm`]:
//! the approval is signed and mined, the swap simulated again, then signed.

use std::time::Duration;

use alloy::{
    primitives::{Address, Bytes, U256},
    providers::Provider,
    sol_types::{SolCall, SolEvent},
};
use serde::Serialize;
use sonic_chain::{
    uniswap::{IERC20Allowance, IWrappedNative, UniswapV2Factory, UniswapV2Pair, UniswapV2Router02},
    Chain, TxSpec,
};
use sonic_types::{
    amount::format_units_short,
    dto::{Plan, PlanKind, Risk, SendResult, SwapDetails, SwapLeg, TxState},
    format_units,
    network::SONIC_MAINNET,
    parse_address, NATIVE_DECIMALS, NATIVE_SYMBOL,
};

use crate::{
    devnet::DevnetDefi,
    engine::Engine,
    plan::{fee_bounds, now_secs, Exec, PlanView},
    send_steps::{self as steps, Holdings},
    AmountSpec, Asset, Error, Result,
};

/// Gas added to a swap's estimate: a pool touched in an earlier block than the one the
/// estimate ran in updates its price accumulators too (Uniswap V2 `_update`: two more
/// storage writes, about 45 000 gas when they were zero), so the mined swap can need
/// more than the estimate. Unused gas is not paid; the card's maximum fee covers it.
const SWAP_STATE_HEADROOM: u64 = 60_000;

/// Slippage when none is given: 0.5%.
pub const DEFAULT_SLIPPAGE_BPS: u32 = 50;
/// The most slippage accepted: 50%.
pub const MAX_SLIPPAGE_BPS: u32 = 5_000;
/// Above this price impact (2%) the plan carries a risk.
pub const PRICE_IMPACT_RISK_BPS: u32 = 200;
/// A Uniswap V2 pool keeps 0.3% of what goes in.
const UNIV2_FEE_BPS: u32 = 30;
/// Gas planned for a swap that cannot be simulated before its approval is mined; the
/// simulation after the approval must fit in it, or nothing more is signed.
const SWAP_GAS_UNSIMULATED: u64 = 350_000;
/// How long a swap stays valid on chain after it is planned (the router's deadline).
const SWAP_DEADLINE_SECS: u64 = 20 * 60;
/// How long confirm waits for the approval's receipt before giving up on the swap.
const APPROVAL_WAIT: Duration = Duration::from_secs(60);
/// wS on Sonic mainnet.
const WS_MAINNET: &str = "0x039e2fB66102314Ce7b64Ce5Ce3E5183bc94aD38";

/// A request to swap (or quote) `amount` of `sell` for `buy`.
#[derive(Debug, Clone)]
pub struct SwapRequest {
    /// The paying account (address, position or name); the default one when `None`.
    pub from: Option<String>,
    /// What is sold: `S`, a symbol or a token address.
    pub sell: String,
    /// What is bought: `S`, a symbol or a token address.
    pub buy: String,
    /// How much is sold.
    pub amount: AmountSpec,
    /// Slippage in basis points (0.5% = 50); [`DEFAULT_SLIPPAGE_BPS`] when `None`.
    pub slippage_bps: Option<u32>,
}

/// What a swap would give now, with no plan made ("what would I get for...").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SwapQuote {
    /// Where the route comes from.
    pub source: String,
    /// The route, asset by asset (`S -> USDC`).
    pub route: String,
    /// The router that would be called.
    pub router: Address,
    /// The asset sold.
    pub sell_asset: String,
    /// Its token, `None` for S.
    pub sell_token: Option<Address>,
    /// Decimals of the asset sold.
    pub sell_decimals: u8,
    /// Amount sold, base units.
    pub sell_raw: U256,
    /// The asset bought.
    pub buy_asset: String,
    /// Its token, `None` for S.
    pub buy_token: Option<Address>,
    /// Decimals of the asset bought.
    pub buy_decimals: u8,
    /// Expected amount received, base units.
    pub expected_raw: U256,
    /// The least received at this slippage, base units.
    pub minimum_raw: U256,
    /// The slippage, basis points.
    pub slippage_bps: u32,
    /// The price impact, basis points.
    pub price_impact_bps: u32,
    /// The pools' fee in basis points, when known.
    pub pool_fee_bps: Option<u32>,
}

impl SwapQuote {
    /// Amount sold, exact decimal.
    pub fn sell_amount(&self) -> String {
        format_units(self.sell_raw, self.sell_decimals)
    }

    /// Expected amount received, exact decimal.
    pub fn expected(&self) -> String {
        format_units(self.expected_raw, self.buy_decimals)
    }

    /// Least amount received, exact decimal.
    pub fn minimum(&self) -> String {
        format_units(self.minimum_raw, self.buy_decimals)
    }

    /// "10 S -> about 4.98 USDC (at least 4.95 USDC with 0.5% slippage) on Uniswap V2".
    pub fn line(&self) -> String {
        format!(
            "{} {} -> about {} {} (at least {} {} with {} slippage), price impact {}, via {} ({})",
            self.sell_amount(),
            self.sell_asset,
            format_units_short(self.expected_raw, self.buy_decimals),
            self.buy_asset,
            self.minimum(),
            self.buy_asset,
            bps_text(self.slippage_bps),
            bps_text(self.price_impact_bps),
            self.source,
            self.route
        )
    }
}

/// "0.5%" for 50 basis points.
pub fn bps_text(bps: u32) -> String {
    let (whole, frac) = (bps / 100, bps % 100);
    match frac {
        0 => format!("{whole}%"),
        f if f % 10 == 0 => format!("{whole}.{}%", f / 10),
        f => format!("{whole}.{f:02}%"),
    }
}

/// What confirming a swap (or a wrap) does: the exact approval first, when needed,
/// then the swap, simulated again right before it is signed.
#[derive(Debug, Clone)]
pub(crate) struct SwapExec {
    /// `approve(router, exactly the amount sold)` on the token sold.
    pub(crate) approve: Option<TxSpec>,
    /// The swap itself.
    pub(crate) swap: TxSpec,
    /// What the account receives, as quoted (read from the receipt once mined).
    pub(crate) received: SwapLeg,
    /// wS on this chain: an unwrap to S shows in its `Withdrawal` log.
    pub(crate) wrapped: Option<Address>,
}

/// The least received at `bps` of slippage.
pub(crate) fn minimum_out(expected: U256, bps: u32) -> U256 {
    expected * U256::from(10_000u32.saturating_sub(bps)) / U256::from(10_000u32)
}

/// The price impact in basis points of receiving `out` for `amount_in` through pools
/// with these reserves (in, out per hop) and a fee of `fee_bps` each: how much less
/// than the pools' mid price, fees aside.
pub(crate) fn price_impact_bps(amount_in: U256, out: U256, reserves: &[(U256, U256)], fee_bps: u32) -> u32 {
    let keep = U256::from(10_000u32.saturating_sub(fee_bps));
    let mut ideal = amount_in;
    for (r_in, r_out) in reserves {
        if r_in.is_zero() {
            return 10_000;
        }
        ideal = ideal.saturating_mul(*r_out).saturating_mul(keep) / (*r_in * U256::from(10_000u32));
    }
    if ideal.is_zero() || out >= ideal {
        return 0;
    }
    let lost = (ideal - out).saturating_mul(U256::from(10_000u32)) / ideal;
    u32::try_from(lost).unwrap_or(10_000).min(10_000)
}

/// The slippage asked, checked.
fn slippage(bps: Option<u32>) -> Result<u32> {
    let bps = bps.unwrap_or(DEFAULT_SLIPPAGE_BPS);
    if bps > MAX_SLIPPAGE_BPS {
        return Err(Error::Invalid(format!(
            "slippage {} is too high; at most {}",
            bps_text(bps),
            bps_text(MAX_SLIPPAGE_BPS)
        )));
    }
    Ok(bps)
}

/// A route found for a swap, with the call that carries it out.
#[derive(Debug, Clone)]
pub(crate) struct Route {
    pub(crate) quote: SwapQuote,
    /// The router's calldata (with the minimum and the recipient inside).
    pub(crate) data: Bytes,
    /// Native value sent with it.
    pub(crate) value: U256,
}

/// Where a network's swap routes come from.
pub(crate) enum Source {
    /// A Uniswap V2 deployment (the devnet's).
    UniV2(UniV2),
    /// KyberSwap's aggregator (Sonic mainnet), with wS.
    Kyber(crate::kyber::Kyber, Address),
}

impl Source {
    async fn route(
        &self,
        chain: &Chain,
        me: Address,
        sell: &Asset,
        buy: &Asset,
        amount_in: U256,
        slippage_bps: u32,
    ) -> Result<Route> {
        match self {
            Source::UniV2(u) => u.route(chain, me, sell, buy, amount_in, slippage_bps).await,
            Source::Kyber(k, _) => {
                let r = k.route(me, sell, buy, amount_in, slippage_bps).await?;
                debug_assert_eq!(r.quote.router, k.router());
                Ok(r)
            }
        }
    }

    /// wS on this network.
    fn wrapped(&self) -> Address {
        match self {
            Source::UniV2(u) => u.wrapped,
            Source::Kyber(_, ws) => *ws,
        }
    }
}

/// The Uniswap V2 deployment a route goes through.
pub(crate) struct UniV2 {
    router: Address,
    factory: Address,
    wrapped: Address,
    source: &'static str,
}

impl UniV2 {
    fn devnet(d: &DevnetDefi) -> Self {
        Self { router: d.router, factory: d.factory, wrapped: d.ws, source: "Uniswap V2 (devnet)" }
    }

    fn token_of(&self, a: &Asset) -> Address {
        a.token().unwrap_or(self.wrapped)
    }

    /// Reserves (in, out) of the pool between `a` and `b`; `None`: no pool.
    async fn reserves(&self, chain: &Chain, a: Address, b: Address) -> Result<Option<(U256, U256)>> {
        let p = chain.provider();
        let pair = UniswapV2Factory::new(self.factory, p).getPair(a, b).call().await.map_err(uni_err)?;
        if pair == Address::ZERO {
            return Ok(None);
        }
        let pool = UniswapV2Pair::new(pair, p);
        let r = pool.getReserves().call().await.map_err(uni_err)?;
        let token0 = pool.token0().call().await.map_err(uni_err)?;
        let (r0, r1) = (U256::from(r._reserve0), U256::from(r._reserve1));
        Ok(Some(if token0 == a { (r0, r1) } else { (r1, r0) }))
    }

    /// The path and its pools' reserves: direct, else through wS.
    async fn path(&self, chain: &Chain, sell: Address, buy: Address) -> Result<(Vec<Address>, Vec<(U256, U256)>)> {
        if let Some(r) = self.reserves(chain, sell, buy).await? {
            return Ok((vec![sell, buy], vec![r]));
        }
        if sell != self.wrapped && buy != self.wrapped {
            if let (Some(a), Some(b)) =
                (self.reserves(chain, sell, self.wrapped).await?, self.reserves(chain, self.wrapped, buy).await?)
            {
                return Ok((vec![sell, self.wrapped, buy], vec![a, b]));
            }
        }
        Err(Error::NotFound("no pool on this network trades that pair".into()))
    }

    async fn route(
        &self,
        chain: &Chain,
        me: Address,
        sell: &Asset,
        buy: &Asset,
        amount_in: U256,
        slippage_bps: u32,
    ) -> Result<Route> {
        let (path, reserves) = self.path(chain, self.token_of(sell), self.token_of(buy)).await?;
        let amounts = UniswapV2Router02::new(self.router, chain.provider())
            .getAmountsOut(amount_in, path.clone())
            .call()
            .await
            .map_err(|e| Error::Invalid(format!("the pool cannot quote this swap: {}", short_err(&e))))?;
        let expected = amounts.last().copied().unwrap_or_default();
        if expected.is_zero() {
            return Err(Error::Invalid("this amount is too small to get anything back".into()));
        }
        let minimum = minimum_out(expected, slippage_bps).max(U256::from(1u8));
        let deadline = U256::from(now_secs() + SWAP_DEADLINE_SECS);
        let (value, data) = match (sell, buy) {
            (Asset::Native, _) => (
                amount_in,
                UniswapV2Router02::swapExactETHForTokensCall {
                    amountOutMin: minimum,
                    path: path.clone(),
                    to: me,
                    deadline,
                }
                .abi_encode(),
            ),
            (_, Asset::Native) => (
                U256::ZERO,
                UniswapV2Router02::swapExactTokensForETHCall {
                    amountIn: amount_in,
                    amountOutMin: minimum,
                    path: path.clone(),
                    to: me,
                    deadline,
                }
                .abi_encode(),
            ),
            _ => (
                U256::ZERO,
                UniswapV2Router02::swapExactTokensForTokensCall {
                    amountIn: amount_in,
                    amountOutMin: minimum,
                    path: path.clone(),
                    to: me,
                    deadline,
                }
                .abi_encode(),
            ),
        };
        let hops: Vec<&str> = std::iter::once(sell.symbol())
            .chain((path.len() > 2).then_some("wS"))
            .chain(std::iter::once(buy.symbol()))
            .collect();
        let quote = SwapQuote {
            source: self.source.into(),
            route: hops.join(" -> "),
            router: self.router,
            sell_asset: sell.symbol().into(),
            sell_token: sell.token(),
            sell_decimals: sell.decimals(),
            sell_raw: amount_in,
            buy_asset: buy.symbol().into(),
            buy_token: buy.token(),
            buy_decimals: buy.decimals(),
            expected_raw: expected,
            minimum_raw: minimum,
            slippage_bps,
            price_impact_bps: price_impact_bps(amount_in, expected, &reserves, UNIV2_FEE_BPS),
            pool_fee_bps: Some(UNIV2_FEE_BPS),
        };
        Ok(Route { quote, data: data.into(), value })
    }
}

fn uni_err(e: alloy::contract::Error) -> Error {
    Error::contract("Uniswap V2", e)
}

/// A contract error's message, scrubbed.
fn short_err(e: &alloy::contract::Error) -> String {
    sonic_types::redact::scrub(&e.to_string())
}

/// A simulation that reverted, said plainly.
fn swap_refused(e: Error) -> Error {
    match e {
        Error::Chain(sonic_chain::Error::Reverted(m)) => {
            let why = if m.contains("INSUFFICIENT_OUTPUT_AMOUNT") {
                format!("the price moved beyond the slippage allowed ({m})")
            } else {
                m
            };
            Error::Chain(sonic_chain::Error::Reverted(format!("the swap would fail: {why}")))
        }
        other => other,
    }
}

impl Engine {
    /// wS on the active chain: the devnet's WETH9, or Sonic mainnet's wS.
    async fn wrapped_native(&self, chain: &Chain) -> Result<Address> {
        if chain.chain_id() == SONIC_MAINNET {
            return parse_address(WS_MAINNET).map_err(|e| Error::Invalid(e.to_string()));
        }
        match self.recorded_devnet(chain).await? {
            Some(d) => Ok(d.ws),
            None => Err(Error::NotFound(
                "no wS known on this network (on the devnet, run `sonic devnet defi` first)".into(),
            )),
        }
    }

    /// The route source of the active network: KyberSwap on Sonic mainnet, the
    /// devnet's Uniswap V2 router on a local chain with the fixtures.
    async fn route_source(&self, chain: &Chain) -> Result<Source> {
        if chain.chain_id() == SONIC_MAINNET {
            let ws = self.wrapped_native(chain).await?;
            return Ok(Source::Kyber(crate::kyber::Kyber::from_env()?, ws));
        }
        match self.recorded_devnet(chain).await? {
            Some(d) => Ok(Source::UniV2(UniV2::devnet(&d))),
            None if chain.network().name == "local" => {
                Err(Error::NotFound("no swap router on this devnet yet: run `sonic devnet defi` to deploy one".into()))
            }
            None => Err(Error::NotFound(format!("swaps are not available on network '{}' yet", chain.network().name))),
        }
    }

    /// Resolves both sides of a swap and refuses what is not a swap.
    async fn swap_assets(&self, sell: &str, buy: &str) -> Result<(Asset, Asset)> {
        let sell = self.resolve_asset(Some(sell)).await?;
        let buy = self.resolve_asset(Some(buy)).await?;
        if sell == buy {
            return Err(Error::Invalid(format!("selling {} for {} is no swap", sell.symbol(), buy.symbol())));
        }
        let ws_pair = |a: &Asset, b: &Asset| matches!(a, Asset::Native) && b.symbol().eq_ignore_ascii_case("ws");
        if ws_pair(&sell, &buy) || ws_pair(&buy, &sell) {
            return Err(Error::Invalid("S and wS are exchanged one for one: use wrap or unwrap".into()));
        }
        Ok((sell, buy))
    }

    /// The amount sold in base units: exact, or "max"/a percentage of the balance (for
    /// S, less the worst-case fee of a swap).
    fn swap_amount(spec: &AmountSpec, sell: &Asset, holdings: Holdings, fee_reserve: U256) -> Result<U256> {
        let amount = steps::amount(spec, sell.decimals())?;
        steps::funds(&amount, sell, holdings, fee_reserve)
    }

    /// What a swap would give now; nothing is planned.
    pub async fn quote_swap(&self, req: SwapRequest) -> Result<SwapQuote> {
        let from = self.resolve_account(req.from.as_deref()).await?;
        let bps = slippage(req.slippage_bps)?;
        let chain = self.chain().await?;
        let source = self.route_source(&chain).await?;
        let (sell, buy) = self.swap_assets(&req.sell, &req.buy).await?;
        let raw = match &req.amount {
            AmountSpec::Exact(_) | AmountSpec::Raw(_) => match steps::amount(&req.amount, sell.decimals())? {
                steps::Amount::Exact(v) => v,
                _ => U256::ZERO,
            },
            _ => {
                let native = chain.native_balance(from.address).await?;
                let held = self.held(&chain, &sell, from.address, native).await?;
                let fees = chain.fees().await?;
                let reserve = fee_bounds(SWAP_GAS_UNSIMULATED, &fees).0;
                Self::swap_amount(&req.amount, &sell, Holdings { native, held }, reserve)?
            }
        };
        Ok(source.route(&chain, from.address, &sell, &buy, raw, bps).await?.quote)
    }

    async fn held(&self, chain: &Chain, asset: &Asset, who: Address, native: U256) -> Result<U256> {
        Ok(match asset {
            Asset::Native => native,
            Asset::Token(t) => chain.token_balance(t.address, who).await?,
        })
    }

    /// Plans a swap: the route and its quote, the minimum received at the slippage, the
    /// price impact (a risk above 2%), the fee, and, for a token whose allowance to the
    /// router is short, an approval of exactly the amount sold as the plan's first
    /// step. Simulated with `eth_call` (after the approval, when there is one, at
    /// confirmation). Nothing is signed.
    pub async fn plan_swap(&self, req: SwapRequest) -> Result<Plan> {
        let from = self.resolve_account(req.from.as_deref()).await?;
        let me = from.address;
        let bps = slippage(req.slippage_bps)?;
        let chain = self.chain().await?;
        let source = self.route_source(&chain).await?;
        let (sell, buy) = self.swap_assets(&req.sell, &req.buy).await?;
        let network = chain.network().clone();
        let native = chain.native_balance(me).await?;
        let held = self.held(&chain, &sell, me, native).await?;
        let holdings = Holdings { native, held };
        let fees = chain.fees().await?;
        let reserve = fee_bounds(SWAP_GAS_UNSIMULATED, &fees).0;
        let raw = Self::swap_amount(&req.amount, &sell, holdings, reserve)?;
        let route = source.route(&chain, me, &sell, &buy, raw, bps).await?;
        let q = &route.quote;

        // The approval: exactly the amount sold, only when the allowance is short.
        let approve = match &sell {
            Asset::Token(t) => {
                let allowance = IERC20Allowance::new(t.address, chain.provider())
                    .allowance(me, q.router)
                    .call()
                    .await
                    .map_err(|e| Error::contract("ERC-20", e))?;
                if allowance < raw {
                    let data: Bytes =
                        IERC20Allowance::approveCall { spender: q.router, amount: raw }.abi_encode().into();
                    let gas = chain.simulate_and_estimate(me, Some(t.address), U256::ZERO, &data).await?;
                    Some(TxSpec {
                        from: me,
                        to: Some(t.address),
                        value: U256::ZERO,
                        data,
                        gas_limit: gas,
                        fees,
                        nonce: None,
                    })
                } else {
                    None
                }
            }
            Asset::Native => None,
        };
        // The swap: simulated now unless it waits for the approval.
        let gas = match approve {
            Some(_) => SWAP_GAS_UNSIMULATED,
            None => chain
                .simulate_and_estimate(me, Some(q.router), route.value, &route.data)
                .await
                .map_err(|e| swap_refused(e.into()))?
                .saturating_add(SWAP_STATE_HEADROOM),
        };
        let swap = TxSpec {
            from: me,
            to: Some(q.router),
            value: route.value,
            data: route.data.clone(),
            gas_limit: gas,
            fees,
            nonce: None,
        };
        let total_gas = gas.saturating_add(approve.as_ref().map_or(0, |a| a.gas_limit));
        let (max_fee, expected_fee) = fee_bounds(total_gas, &fees);
        match &sell {
            Asset::Native => steps::funds_for_call(raw, max_fee, native)?,
            Asset::Token(_) => steps::funds_for_call(U256::ZERO, max_fee, native)?,
        }

        let mut risks: Vec<Risk> = steps::network_risks(&fees, &network);
        if q.price_impact_bps > PRICE_IMPACT_RISK_BPS {
            risks.push(Risk::PriceImpact { bps: q.price_impact_bps });
        }
        let approve_text = approve.as_ref().map(|_| q.sell_amount());
        let first = match &approve_text {
            Some(a) => format!("Approve exactly {a} {} for the router, then swap", q.sell_asset),
            None => "Swap".to_string(),
        };
        let summary = format!(
            "{first} {} {} for about {} {} (at least {} {}, {} slippage) via {}, fee about {} S",
            q.sell_amount(),
            q.sell_asset,
            format_units_short(q.expected_raw, q.buy_decimals),
            q.buy_asset,
            q.minimum(),
            q.buy_asset,
            bps_text(bps),
            q.source,
            format_units_short(expected_fee, NATIVE_DECIMALS)
        );
        let details = SwapDetails {
            source: q.source.clone(),
            route: q.route.clone(),
            buy_asset: q.buy_asset.clone(),
            buy_token: q.buy_token,
            buy_decimals: q.buy_decimals,
            expected: q.expected(),
            expected_raw: q.expected_raw,
            minimum: q.minimum(),
            minimum_raw: q.minimum_raw,
            slippage_bps: bps,
            price_impact_bps: q.price_impact_bps,
            pool_fee_bps: q.pool_fee_bps,
            approve: approve_text,
        };
        let view = PlanView {
            kind: PlanKind::Swap(details),
            to: q.router,
            to_label: Some(q.source.clone()),
            asset: sell.symbol().into(),
            token: sell.token(),
            raw,
            decimals: sell.decimals(),
            risks,
            summary,
        };
        let received =
            SwapLeg { asset: buy.symbol().into(), token: buy.token(), raw: q.expected_raw, decimals: buy.decimals() };
        let wrapped = Some(source.wrapped());
        // The plan's gas and fee figures are both steps together.
        let shown = TxSpec { gas_limit: total_gas, ..swap.clone() };
        let exec = Exec::Swap(Box::new(SwapExec { approve, swap, received, wrapped }));
        Ok(self.make_plan_with(&chain, shown, view, exec).await)
    }

    /// Plans wrapping `amount` S into wS (`deposit`).
    pub async fn plan_wrap(&self, amount: AmountSpec) -> Result<Plan> {
        self.plan_wrapping(amount, true).await
    }

    /// Plans unwrapping `amount` wS back into S (`withdraw`).
    pub async fn plan_unwrap(&self, amount: AmountSpec) -> Result<Plan> {
        self.plan_wrapping(amount, false).await
    }

    async fn plan_wrapping(&self, amount: AmountSpec, wrap: bool) -> Result<Plan> {
        let me = self.resolve_account(None).await?.address;
        let chain = self.chain().await?;
        let ws = self.wrapped_native(&chain).await?;
        let ws_asset = Asset::Token(sonic_types::dto::TokenInfo { address: ws, symbol: "wS".into(), decimals: 18 });
        let (sold, got) = if wrap { (Asset::Native, ws_asset) } else { (ws_asset, Asset::Native) };
        let native = chain.native_balance(me).await?;
        let held = self.held(&chain, &sold, me, native).await?;
        let fees = chain.fees().await?;
        // Wrapping costs well under 100 000 gas; that bounds "max" before the estimate.
        let reserve = fee_bounds(100_000, &fees).0;
        let raw = Self::swap_amount(&amount, &sold, Holdings { native, held }, reserve)?;
        let (value, data): (U256, Bytes) = if wrap {
            (raw, IWrappedNative::depositCall {}.abi_encode().into())
        } else {
            (U256::ZERO, IWrappedNative::withdrawCall { wad: raw }.abi_encode().into())
        };
        let gas = chain.simulate_and_estimate(me, Some(ws), value, &data).await?;
        let (max_fee, expected_fee) = fee_bounds(gas, &fees);
        steps::funds_for_call(value, max_fee, native)?;
        let amount_text = format_units(raw, 18);
        let summary = if wrap {
            format!("Wrap {amount_text} S into wS, fee about {} S", format_units_short(expected_fee, NATIVE_DECIMALS))
        } else {
            format!("Unwrap {amount_text} wS into S, fee about {} S", format_units_short(expected_fee, NATIVE_DECIMALS))
        };
        let view = PlanView {
            kind: if wrap { PlanKind::Wrap } else { PlanKind::Unwrap },
            to: ws,
            to_label: Some("wS".into()),
            asset: sold.symbol().into(),
            token: sold.token(),
            raw,
            decimals: 18,
            risks: steps::network_risks(&fees, chain.network()),
            summary,
        };
        let spec = TxSpec { from: me, to: Some(ws), value, data, gas_limit: gas, fees, nonce: None };
        let received = SwapLeg { asset: got.symbol().into(), token: got.token(), raw, decimals: 18 };
        let exec = Exec::Swap(Box::new(SwapExec { approve: None, swap: spec.clone(), received, wrapped: None }));
        Ok(self.make_plan_with(&chain, spec, view, exec).await)
    }

    /// Carries out a swap or wrap plan taken by [`Engine::confirm`]: the approval is
    /// signed and must be mined, then the swap is simulated again (a failure stops here,
    /// unsigned) and signed; once mined, what was received is read from its receipt.
    pub(crate) async fn carry_out_swap(&self, plan: Plan, x: SwapExec, wait: Option<Duration>) -> Result<SendResult> {
        let SwapExec { approve, swap, mut received, wrapped } = x;
        let mut approved = None;
        if let Some(spec) = approve {
            let token = spec.to.unwrap_or_default();
            let step = Plan {
                to: token,
                to_label: None,
                asset: NATIVE_SYMBOL.into(),
                token: None,
                raw: U256::ZERO,
                decimals: NATIVE_DECIMALS,
                summary: format!("Approve exactly {} {} for the swap's router", plan.amount, plan.asset),
                ..plan.clone()
            };
            let r = self.sign_and_record(step, spec, Some(wait.unwrap_or(APPROVAL_WAIT))).await?;
            match r.status {
                TxState::Confirmed => approved = Some(r.hash),
                TxState::Pending => {
                    return Err(Error::Plan(format!(
                        "the approval {} is not mined yet, so the swap was not signed; plan the swap again once it is",
                        r.hash
                    )))
                }
                _ => {
                    return Err(Error::Plan(format!(
                        "the approval {} failed on chain; the swap was not signed",
                        r.hash
                    )))
                }
            }
        }
        let chain = self.chain().await?;
        if chain.chain_id() != plan.chain_id {
            return Err(Error::Plan("the network changed since the plan was made; make a new plan".into()));
        }
        let note = approved
            .map(|h| format!(" (the approval {h} of exactly {} {} stays in place)", plan.amount, plan.asset))
            .unwrap_or_default();
        match chain.simulate_and_estimate(swap.from, swap.to, swap.value, &swap.data).await {
            Ok(gas) if gas <= swap.gas_limit => {}
            Ok(gas) => {
                return Err(Error::Plan(format!(
                    "the swap now needs {gas} gas, more than the {} planned: it was not signed{note}",
                    swap.gas_limit
                )))
            }
            Err(e) => return Err(Error::Plan(format!("{}; it was not signed{note}", swap_refused(e.into())))),
        }
        let me = swap.from;
        let buy_token = received.token;
        let mut result = self.sign_and_record_with(plan, swap, wait, Some(received.clone())).await?;
        if result.status == TxState::Confirmed {
            if let Some(got) = self.received_in(&chain, &result.hash, me, buy_token, wrapped).await {
                received.raw = got;
                if let Some(mut rec) = self.store.tx(&result.hash)? {
                    rec.received = Some(received);
                    self.store.put_tx(&rec)?;
                }
            }
            result.status = TxState::Confirmed;
        }
        Ok(result)
    }

    /// What a mined swap delivered to `me`, from its receipt: the bought token's
    /// Transfer logs to `me`, or for S the wS unwrapped (`Withdrawal` logs of wS).
    async fn received_in(
        &self,
        chain: &Chain,
        hash: &str,
        me: Address,
        token: Option<Address>,
        wrapped: Option<Address>,
    ) -> Option<U256> {
        let hash = hash.parse().ok()?;
        let receipt = chain.provider().get_transaction_receipt(hash).await.ok()??;
        let mut total = U256::ZERO;
        for log in receipt.inner.logs() {
            match token {
                Some(t) if log.address() == t => {
                    if let Ok(ev) = IERC20Allowance::Transfer::decode_log_data(log.data()) {
                        if ev.to == me {
                            total = total.checked_add(ev.value)?;
                        }
                    }
                }
                None if Some(log.address()) == wrapped => {
                    if let Ok(ev) = IWrappedNative::Withdrawal::decode_log_data(log.data()) {
                        total = total.checked_add(ev.wad)?;
                    }
                }
                _ => {}
            }
        }
        (!total.is_zero()).then_some(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimum_is_the_expected_less_the_slippage() {
        assert_eq!(minimum_out(U256::from(10_000u32), 50), U256::from(9_950u32));
        assert_eq!(minimum_out(U256::from(10_000u32), 0), U256::from(10_000u32));
        assert_eq!(minimum_out(U256::from(999u32), 50), U256::from(994u32));
    }

    #[test]
    fn slippage_is_bounded() {
        assert_eq!(slippage(None).expect("default"), 50);
        assert_eq!(slippage(Some(5_000)).expect("max"), 5_000);
        assert!(slippage(Some(5_001)).is_err());
    }

    #[test]
    fn price_impact_follows_the_reserves() {
        let r = |a: u64, b: u64| (U256::from(a), U256::from(b));
        // A thousandth of a deep pool: 0.1% beyond the fee.
        let out = U256::from(997_000u32) * U256::from(1_000_000u32) / U256::from(1_000_000_000u64 + 997_000);
        assert_eq!(price_impact_bps(U256::from(1_000u32), out, &[r(1_000_000, 1_000_000)], 30), 10);
        // Getting the mid price (or more) is no impact.
        assert_eq!(price_impact_bps(U256::from(1_000u32), U256::from(997u32), &[r(1_000_000, 1_000_000)], 30), 0);
        // A tenth of the pool: about 9% less than the mid price.
        let amount_in = U256::from(100_000u32);
        let with_fee = amount_in * U256::from(997u32);
        let out = with_fee * U256::from(1_000_000u32) / (U256::from(1_000_000_000u64) + with_fee);
        let bps = price_impact_bps(amount_in, out, &[r(1_000_000, 1_000_000)], 30);
        assert!((900..=920).contains(&bps), "{bps}");
        assert_eq!(price_impact_bps(amount_in, U256::ZERO, &[r(0, 5)], 30), 10_000);
    }

    #[test]
    fn basis_points_read_as_percentages() {
        assert_eq!(bps_text(50), "0.5%");
        assert_eq!(bps_text(200), "2%");
        assert_eq!(bps_text(1), "0.01%");
        assert_eq!(bps_text(275), "2.75%");
    }
}
