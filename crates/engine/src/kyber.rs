//! Swap routes on Sonic mainnet from KyberSwap's aggregator ([`sonic_defi::KyberClient`]),
//! checked before they become a plan: the router must be KyberSwap's published
//! MetaAggregationRouterV2 (never the address a reply names), and the calldata is
//! decoded and must sell exactly the token and amount asked, pay the bought token to
//! the user's own account, take no fee, and return at least the minimum our slippage
//! allows. Anything else is refused.

use alloy::{
    primitives::{Address, Bytes, U256},
    sol_types::SolCall,
};
use sonic_chain::kyber::IMetaAggregationRouterV2 as Router;
use sonic_defi::{KyberClient, KyberRoute, KYBER_ROUTER, NATIVE_TOKEN};
use sonic_types::{checksum, parse_address};

use crate::{
    plan::now_secs,
    swap::{minimum_out, Route, SwapQuote},
    Asset, Error, Result,
};

/// The API's name for Sonic mainnet.
const CHAIN: &str = "sonic";
/// How long a built swap stays valid on chain (the router's deadline).
const DEADLINE_SECS: u64 = 20 * 60;

/// KyberSwap as a route source.
pub(crate) struct Kyber {
    client: KyberClient,
    router: Address,
}

fn refused(why: String) -> Error {
    Error::Invalid(format!("KyberSwap's route was refused: {why}"))
}

fn constant(a: &str) -> Result<Address> {
    parse_address(a).map_err(|e| Error::Io(format!("bad built-in address {a}: {e}")))
}

/// The token as the router names it: native S as 0xEeee…
fn router_token(a: &Asset) -> Result<Address> {
    match a {
        Asset::Native => constant(NATIVE_TOKEN),
        Asset::Token(t) => Ok(t.address),
    }
}

/// The swap description inside a MetaAggregationRouterV2 call, if the calldata is one
/// of its two swap functions.
fn description(data: &[u8]) -> Option<Router::SwapDescriptionV2> {
    if let Ok(call) = Router::swapCall::abi_decode(data) {
        return Some(call.execution.desc);
    }
    Router::swapSimpleModeCall::abi_decode(data).ok().map(|c| c.desc)
}

/// What a swap's calldata must say, checked against what the user asked.
pub(crate) struct Expected {
    pub(crate) sell: Address,
    pub(crate) buy: Address,
    pub(crate) amount: U256,
    pub(crate) recipient: Address,
    pub(crate) minimum: U256,
}

/// Checks KyberSwap's calldata against `want`; the reason for a refusal.
pub(crate) fn check_calldata(data: &[u8], want: &Expected) -> std::result::Result<(), String> {
    let d = description(data).ok_or("its calldata is not a swap of KyberSwap's router")?;
    if d.srcToken != want.sell || d.dstToken != want.buy {
        return Err(format!("it swaps {} for {}, not what was asked", checksum(&d.srcToken), checksum(&d.dstToken)));
    }
    if d.amount != want.amount {
        return Err(format!("it sells {} base units, not the {} asked", d.amount, want.amount));
    }
    if d.dstReceiver != want.recipient {
        return Err(format!("it pays {}, not your account", checksum(&d.dstReceiver)));
    }
    if d.minReturnAmount < want.minimum {
        return Err(format!(
            "its minimum return {} is below the {} your slippage allows",
            d.minReturnAmount, want.minimum
        ));
    }
    if d.feeAmounts.iter().any(|f| !f.is_zero()) {
        return Err("it takes a fee for someone else".into());
    }
    Ok(())
}

/// The price impact in basis points from the route's USD values (display only).
fn impact_bps(route: &KyberRoute) -> u32 {
    match (route.amount_in_usd, route.amount_out_usd) {
        (Some(i), Some(o)) if i > 0.0 && o < i => (((i - o) / i) * 10_000.0).clamp(0.0, 10_000.0) as u32,
        _ => 0,
    }
}

impl Kyber {
    /// KyberSwap at `SONIC_SWAP_URL` (default: its public API), with its published router.
    pub(crate) fn from_env() -> Result<Self> {
        Ok(Self { client: KyberClient::from_env()?, router: constant(KYBER_ROUTER)? })
    }

    /// The router swaps go to.
    pub(crate) fn router(&self) -> Address {
        self.router
    }

    /// A checked route selling `amount_in` of `sell` for `buy`, paid to `me`.
    pub(crate) async fn route(
        &self,
        me: Address,
        sell: &Asset,
        buy: &Asset,
        amount_in: U256,
        slippage_bps: u32,
    ) -> Result<Route> {
        let route = self.client.route(CHAIN, sell.token().as_ref(), buy.token().as_ref(), amount_in).await?;
        if route.router != self.router {
            return Err(refused(format!(
                "it names router {}, not KyberSwap's {}",
                checksum(&route.router),
                checksum(&self.router)
            )));
        }
        if route.amount_out.is_zero() {
            return Err(refused("it gives nothing back".into()));
        }
        let deadline = now_secs() + DEADLINE_SECS;
        let built = self.client.build(CHAIN, &route, &me, &me, slippage_bps, deadline).await?;
        if built.router != self.router {
            return Err(refused(format!("its build names router {}", checksum(&built.router))));
        }
        let expected = route.amount_out;
        let minimum = minimum_out(expected, slippage_bps).max(U256::from(1u8));
        let want =
            Expected { sell: router_token(sell)?, buy: router_token(buy)?, amount: amount_in, recipient: me, minimum };
        check_calldata(&built.data, &want).map_err(refused)?;
        let hops =
            if route.exchanges.is_empty() { String::new() } else { format!(" ({})", route.exchanges.join(", ")) };
        let quote = SwapQuote {
            source: "KyberSwap".into(),
            route: format!("{} -> {}{hops}", sell.symbol(), buy.symbol()),
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
            price_impact_bps: impact_bps(&route),
            pool_fee_bps: None,
        };
        let value = if matches!(sell, Asset::Native) { amount_in } else { U256::ZERO };
        Ok(Route { quote, data: Bytes::from(built.data), value })
    }
}

#[cfg(test)]
mod tests {
    use alloy::primitives::address;

    use super::*;

    fn desc(receiver: Address, min: u64, fee: u64) -> Router::SwapDescriptionV2 {
        Router::SwapDescriptionV2 {
            srcToken: address!("EeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE"),
            dstToken: address!("29219dd400f2Bf60E5a23d13Be72B486D4038894"),
            srcReceivers: vec![],
            srcAmounts: vec![],
            feeReceivers: vec![address!("0000000000000000000000000000000000000fee")],
            feeAmounts: vec![U256::from(fee)],
            dstReceiver: receiver,
            amount: U256::from(1_000u64),
            minReturnAmount: U256::from(min),
            flags: U256::ZERO,
            permit: Default::default(),
        }
    }

    #[test]
    fn calldata_must_match_the_request() {
        let me = address!("f39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        let want = Expected {
            sell: address!("EeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE"),
            buy: address!("29219dd400f2Bf60E5a23d13Be72B486D4038894"),
            amount: U256::from(1_000u64),
            recipient: me,
            minimum: U256::from(500u64),
        };
        let simple = |d| {
            Router::swapSimpleModeCall {
                caller: Address::ZERO,
                desc: d,
                executorData: Default::default(),
                clientData: Default::default(),
            }
            .abi_encode()
        };
        assert_eq!(check_calldata(&simple(desc(me, 500, 0)), &want), Ok(()));
        let general = Router::swapCall {
            execution: Router::SwapExecutionParams {
                callTarget: Address::ZERO,
                approveTarget: Address::ZERO,
                targetData: Default::default(),
                desc: desc(me, 600, 0),
                clientData: Default::default(),
            },
        }
        .abi_encode();
        assert_eq!(check_calldata(&general, &want), Ok(()));
        let other = address!("9965507D1a55bcC2695C58ba16FB37d819B0A4dc");
        assert!(check_calldata(&simple(desc(other, 500, 0)), &want).expect_err("refused").contains("not your account"));
        assert!(check_calldata(&simple(desc(me, 499, 0)), &want).expect_err("refused").contains("minimum return"));
        assert!(check_calldata(&simple(desc(me, 500, 1)), &want).expect_err("refused").contains("fee"));
        assert!(check_calldata(&[0xde, 0xad, 0xbe, 0xef], &want).expect_err("refused").contains("not a swap"));
        let mut more = desc(me, 500, 0);
        more.amount = U256::from(1_001u64);
        assert!(check_calldata(&simple(more), &want).expect_err("refused").contains("sells 1001"));
    }
}
