//! The portfolio series: an account's holdings at each day's end over the last
//! days, reconstructed exactly (U256) from today's balances walking back through the
//! indexed history, each valued at that day's price from DefiLlama's daily chart
//! (display only). Prices are cached an hour, and the series says when they were read.
//! Untrusted and replaced records are left out; records carry no fee, so a day before
//! one of the account's own sends is low by that send's fee (the view says so).

use alloy::primitives::{Address, U256};
use serde::{Deserialize, Serialize};
use sonic_defi::{coin_key, price_at, PriceClient, PricePoint, DAY_SECS, NATIVE_COIN, SOURCE};
use sonic_types::{
    checksum,
    dto::{TxRecord, TxState},
    format_units,
    market::{fiat_value, HoldingView, PortfolioDay, PortfolioView},
    network::SONIC_MAINNET,
    time::utc_date_time,
};

use crate::{engine::Engine, plan::now_secs, settings::price_history_cache, HistoryFilter, Result};

/// Cached daily prices are asked again after this many seconds.
pub(crate) const HISTORY_TTL_SECS: u64 = 60 * 60;
/// Days in a series when none is asked.
pub(crate) const DEFAULT_DAYS: u32 = 30;
/// The most days in a series.
pub(crate) const MAX_DAYS: u32 = 365;

/// Daily prices as stored in the cache.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct CachedHistory {
    /// Coin key → points, oldest first.
    points: std::collections::BTreeMap<String, Vec<PricePoint>>,
    /// When we received them (Unix seconds).
    fetched_at: u64,
}

/// One asset the series follows, with its balance now.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Held {
    /// The symbol shown.
    pub(crate) symbol: String,
    /// The token, `None` for S.
    pub(crate) token: Option<Address>,
    /// Its decimals.
    pub(crate) decimals: u8,
    /// The balance now, base units.
    pub(crate) now: U256,
}

/// The end of each of `days` days up to `now`, oldest first: the last second of each
/// past UTC day, and `now` for today.
pub(crate) fn day_ends(days: u32, now: u64) -> Vec<u64> {
    let today = now - now % DAY_SECS;
    (0..u64::from(days)).rev().map(|back| if back == 0 { now } else { today - (back - 1) * DAY_SECS - 1 }).collect()
}

/// The balance of each of `held` at each time of `ends` (ascending): today's balance
/// with every confirmed record after that time undone. `records` are the account's,
/// already without untrusted or replaced ones. A balance the records would take below
/// zero (an incomplete index) stops at zero.
pub(crate) fn balances_at(me: Address, held: &[Held], records: &[TxRecord], ends: &[u64]) -> Vec<Vec<U256>> {
    let mut mined: Vec<&TxRecord> = records.iter().filter(|t| t.state == TxState::Confirmed).collect();
    mined.sort_by_key(|t| std::cmp::Reverse(t.timestamp));
    let mut bal: Vec<U256> = held.iter().map(|h| h.now).collect();
    let slot = |token: Option<Address>| held.iter().position(|h| h.token == token);
    let mut out = vec![Vec::new(); ends.len()];
    let mut next = 0;
    for (i, end) in ends.iter().enumerate().rev() {
        while let Some(t) = mined.get(next).filter(|t| t.timestamp > *end) {
            next += 1;
            // Undo: what came in was not there yet, what went out still was.
            if let Some(j) = slot(t.token) {
                if t.to == me {
                    bal[j] = bal[j].saturating_sub(t.raw);
                }
                if t.from == me {
                    bal[j] = bal[j].saturating_add(t.raw);
                }
            }
            if let Some(r) = &t.received {
                if let Some(j) = slot(r.token) {
                    bal[j] = bal[j].saturating_sub(r.raw);
                }
            }
        }
        out[i] = bal.clone();
    }
    out
}

/// The series from balances per day and each asset's daily prices (`None`: the source
/// has none for it).
pub(crate) fn series(
    held: &[Held],
    ends: &[u64],
    balances: &[Vec<U256>],
    prices: &[Option<&Vec<PricePoint>>],
) -> (Vec<PortfolioDay>, Vec<String>) {
    let mut unpriced_any: Vec<String> = Vec::new();
    let days = ends
        .iter()
        .zip(balances)
        .map(|(at, bal)| {
            let mut day = PortfolioDay { at: *at, date: utc_date_time(*at)[..10].to_string(), ..Default::default() };
            for (j, h) in held.iter().enumerate() {
                if bal[j].is_zero() {
                    continue;
                }
                let price = prices[j].and_then(|p| price_at(p, *at)).map(|p| p.usd);
                let usd = price.map(|p| fiat_value(bal[j], h.decimals, p));
                match usd {
                    Some(v) => day.total_usd += v,
                    None => {
                        day.unpriced.push(h.symbol.clone());
                        if !unpriced_any.contains(&h.symbol) {
                            unpriced_any.push(h.symbol.clone());
                        }
                    }
                }
                day.holdings.push(HoldingView {
                    asset: h.symbol.clone(),
                    amount: format_units(bal[j], h.decimals),
                    raw: bal[j],
                    decimals: h.decimals,
                    price,
                    usd,
                });
            }
            day
        })
        .collect();
    (days, unpriced_any)
}

impl Engine {
    /// An account's (the default's when `None`) holdings valued in USD at each of the last `days` days'
    /// end (default 30, at most 365), oldest first, today's point being now. Balances
    /// are exact, from the node's balances now and the indexed history; prices are the
    /// source's daily chart, read in one request for every asset and cached an hour.
    /// S is priced on every network; tokens only on Sonic mainnet (a token elsewhere
    /// has no market price). An asset without a price is listed as unpriced, never
    /// valued at 0. An unreachable source is an error.
    pub async fn portfolio(&self, account: Option<&str>, days: Option<u32>) -> Result<PortfolioView> {
        let days = days.unwrap_or(DEFAULT_DAYS).clamp(1, MAX_DAYS);
        let now = now_secs();
        let me = self.resolve_account(account).await?.address;
        let account = Some(checksum(&me));
        let mainnet = self.chain().await?.chain_id() == SONIC_MAINNET;
        let held: Vec<Held> = self
            .balances(account.as_deref())
            .await?
            .into_iter()
            .map(|b| Held { symbol: b.asset, token: b.token, decimals: b.decimals, now: b.raw })
            .collect();
        let records = self.history(&HistoryFilter { account: account.clone(), ..Default::default() }).await?;
        let ends = day_ends(days, now);
        let balances = balances_at(me, &held, &records, &ends);

        let keys: Vec<Option<String>> = held
            .iter()
            .map(|h| match h.token {
                None => Some(NATIVE_COIN.to_string()),
                Some(t) if mainnet => Some(coin_key(Some(&t))),
                Some(_) => None,
            })
            .collect();
        let mut ask: Vec<String> = keys.iter().flatten().cloned().collect();
        ask.sort();
        ask.dedup();
        let cache = price_history_cache(days, &ask.join(","));
        let history = match self.store.setting(&cache)? {
            Some(c) if now.saturating_sub(c.fetched_at) < HISTORY_TTL_SECS => c,
            _ => {
                let points = PriceClient::from_env()?.daily_history(&ask, days, now).await?;
                let c = CachedHistory { points, fetched_at: now };
                self.store.set_setting(&cache, &c)?;
                c
            }
        };
        let prices: Vec<Option<&Vec<PricePoint>>> =
            keys.iter().map(|k| k.as_ref().and_then(|k| history.points.get(k))).collect();
        let (days, unpriced) = series(&held, &ends, &balances, &prices);
        Ok(PortfolioView { days, unpriced, source: SOURCE.into(), at: history.fetched_at, fees_included: false })
    }
}

#[cfg(test)]
mod tests {
    use sonic_types::dto::SwapLeg;

    use super::*;

    const NOW: u64 = 1_764_000_000 + 50_000; // 2025-11-24, 13:53 UTC.
    const ME: Address = Address::repeat_byte(0x11);
    const THEM: Address = Address::repeat_byte(0x22);
    const USDC: Address = Address::repeat_byte(0x33);

    fn s(n: u64) -> U256 {
        U256::from(n) * U256::from(10u64).pow(U256::from(18u64))
    }

    fn rec(from: Address, to: Address, token: Option<Address>, raw: U256, ts: u64) -> TxRecord {
        TxRecord {
            hash: format!("0x{ts:x}"),
            log_index: None,
            chain_id: 146,
            from,
            to,
            asset: if token.is_some() { "USDC".into() } else { "S".into() },
            token,
            raw,
            decimals: if token.is_some() { 6 } else { 18 },
            nonce: 0,
            state: TxState::Confirmed,
            block: Some(ts),
            timestamp: ts,
            untrusted: false,
            replaced_by: None,
            reason: None,
            received: None,
        }
    }

    fn held(now_s: U256, now_usdc: u64) -> Vec<Held> {
        vec![
            Held { symbol: "S".into(), token: None, decimals: 18, now: now_s },
            Held { symbol: "USDC".into(), token: Some(USDC), decimals: 6, now: U256::from(now_usdc) },
        ]
    }

    #[test]
    fn day_ends_are_the_last_second_of_each_past_day_and_now() {
        let e = day_ends(3, NOW);
        let today = NOW - NOW % DAY_SECS;
        assert_eq!(e, vec![today - DAY_SECS - 1, today - 1, NOW]);
        assert_eq!(day_ends(1, NOW), vec![NOW]);
    }

    #[test]
    fn past_balances_walk_back_exactly() {
        let today = NOW - NOW % DAY_SECS;
        let records = vec![
            // Yesterday: 5 S in. Today: 1 S out, and a swap of 2 S for 3 USDC.
            rec(THEM, ME, None, s(5), today - 3600),
            rec(ME, THEM, None, s(1), today + 60),
            TxRecord {
                received: Some(SwapLeg {
                    asset: "USDC".into(),
                    token: Some(USDC),
                    raw: U256::from(3_000_000u64),
                    decimals: 6,
                }),
                ..rec(ME, THEM, None, s(2), today + 120)
            },
            // Not mined, so not undone.
            TxRecord { state: TxState::Pending, ..rec(ME, THEM, None, s(50), today + 130) },
        ];
        let ends = day_ends(3, NOW);
        let b = balances_at(ME, &held(s(10), 3_000_000), &records, &ends);
        assert_eq!(b[2], vec![s(10), U256::from(3_000_000u64)]);
        assert_eq!(b[1], vec![s(13), U256::ZERO]);
        assert_eq!(b[0], vec![s(8), U256::ZERO]);
        // An incomplete index cannot make a balance negative.
        let b = balances_at(ME, &held(s(1), 0), &records[..1], &ends);
        assert_eq!(b[0][0], U256::ZERO);
    }

    #[test]
    fn each_day_uses_its_own_price_and_unpriced_assets_are_listed() {
        let today = NOW - NOW % DAY_SECS;
        let ends = day_ends(3, NOW);
        let balances = vec![vec![s(8), U256::ZERO], vec![s(13), U256::ZERO], vec![s(10), U256::from(3_000_000u64)]];
        let pts: Vec<PricePoint> =
            (0..3).map(|i| PricePoint { timestamp: today - (2 - i) * DAY_SECS, usd: 0.5 + i as f64 / 10.0 }).collect();
        let (days, unpriced) = series(&held(s(10), 3_000_000), &ends, &balances, &[Some(&pts), None]);
        assert_eq!(days.len(), 3);
        assert!((days[0].total_usd - 8.0 * 0.5).abs() < 1e-9);
        assert!((days[1].total_usd - 13.0 * 0.6).abs() < 1e-9);
        assert!((days[2].total_usd - 10.0 * 0.7).abs() < 1e-9, "USDC is not valued at 0: it is left out");
        assert_eq!(days[2].unpriced, vec!["USDC".to_string()]);
        assert!(days[1].unpriced.is_empty(), "no USDC held that day");
        assert_eq!(unpriced, vec!["USDC".to_string()]);
        assert_eq!(days[2].holdings[1].usd, None);
        assert_eq!(days[2].holdings[0].amount, "10");
        assert_eq!(days[0].date, utc_date_time(today - DAY_SECS - 1)[..10]);
        // No price before the chart's first point: that day is unpriced, not $0.
        let (days, _) = series(&held(s(10), 0), &ends, &balances, &[Some(&pts[2..].to_vec()), None]);
        assert_eq!(days[0].unpriced, vec!["S".to_string()]);
        assert_eq!(days[0].total_usd, 0.0);
    }
}
