//! Market data for display: token prices and Sonic yield pools from DefiLlama, cached
//! in the store (prices for 5 minutes, pools for an hour) and always given with the
//! source's time, so a figure is never shown without its age. Prices are read for
//! Sonic mainnet tokens (the registry and the shipped list), whatever the active
//! network: testnet tokens have no market price.

use serde::{Deserialize, Serialize};
use sonic_defi::{coin_key, Pool, PriceClient, Quote, YieldsClient, NATIVE_COIN, SOURCE};
// One USD format for the whole wallet (chat, CLI and app): cents from $1 with
// thousands grouped, four significant digits below.
pub use sonic_types::market::usd_text;
use sonic_types::{checksum, network::SONIC_MAINNET, parse_address, NATIVE_SYMBOL};

use crate::{
    engine::Engine,
    error::invalid,
    plan::now_secs,
    settings::{price_cache, YIELDS_CACHE},
    Error, Result,
};

/// A cached price is asked again after this many seconds.
pub(crate) const PRICE_TTL_SECS: u64 = 5 * 60;
/// Cached pools are asked again after this many seconds.
pub(crate) const YIELDS_TTL_SECS: u64 = 60 * 60;
/// Pools listed when no limit is given.
pub(crate) const DEFAULT_POOL_LIMIT: usize = 10;
/// The most pools listed.
pub(crate) const MAX_POOL_LIMIT: usize = 100;

/// A price as stored in the cache.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct CachedPrice {
    /// The quote as the source gave it.
    quote: Quote,
    /// When we received it (Unix seconds).
    pub(crate) fetched_at: u64,
}

/// The Sonic pools as stored in the cache.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct CachedPools {
    /// Every Sonic pool kept, highest APY first.
    pools: Vec<Pool>,
    /// When we received them (Unix seconds): the source gives no time of its own.
    fetched_at: u64,
}

/// The USD price of one asset (display only: never used for an amount).
#[derive(Debug, Clone, PartialEq)]
pub struct AssetPrice {
    /// The asset as shown (`S`, `USDC`, or a checksummed address).
    pub asset: String,
    /// USD per whole unit.
    pub usd: f64,
    /// The source's name (`defillama`).
    pub source: &'static str,
    /// When the source took the quote (Unix seconds).
    pub at: u64,
}

/// Sonic pools for an asset, with the time the source gave them.
#[derive(Debug, Clone, PartialEq)]
pub struct YieldPools {
    /// Pools of at least $10,000 TVL, highest APY first.
    pub pools: Vec<Pool>,
    /// The source's name (`defillama`).
    pub source: &'static str,
    /// When the list was read from the source (Unix seconds).
    pub at: u64,
}

/// How old a figure taken at `at` is, in words ("2 min old").
pub fn age_phrase(at: u64, now: u64) -> String {
    let secs = now.saturating_sub(at);
    match secs {
        0..=59 => format!("{secs} s old"),
        60..=3599 => format!("{} min old", secs / 60),
        3600..=86_399 => format!("{} h old", secs / 3600),
        _ => format!("{} days old", secs / 86_400),
    }
}

/// A TVL for display ($1.25M, $40.0k).
pub fn tvl_text(usd: f64) -> String {
    match usd {
        u if u >= 1e9 => format!("${:.2}B", u / 1e9),
        u if u >= 1e6 => format!("${:.2}M", u / 1e6),
        u if u >= 1e3 => format!("${:.1}k", u / 1e3),
        u => format!("${u:.0}"),
    }
}

/// One pool in one line: project, symbol, APY split into base and reward, TVL.
pub fn pool_line(p: &Pool) -> String {
    let part = |v: Option<f64>| v.map(|x| format!("{x:.2}%")).unwrap_or_else(|| "–".into());
    format!(
        "{} {}: {:.2}% APY ({} base + {} reward), TVL {}",
        p.project,
        p.symbol,
        p.apy,
        part(p.apy_base),
        part(p.apy_reward),
        tvl_text(p.tvl_usd)
    )
}

impl Engine {
    /// The coin key and display name of an asset on Sonic mainnet: `S`, a symbol of
    /// the registry or the shipped list, or a token address. No node is asked.
    fn price_coin(&self, spec: &str) -> Result<(String, String)> {
        let spec = spec.trim();
        if spec.is_empty() {
            return Err(Error::Invalid("name an asset (S, USDC, or a token address)".into()));
        }
        if spec.eq_ignore_ascii_case(NATIVE_SYMBOL) || spec.eq_ignore_ascii_case("sonic") {
            return Ok((NATIVE_COIN.into(), NATIVE_SYMBOL.into()));
        }
        let known = self.known_tokens(SONIC_MAINNET)?;
        if spec.starts_with("0x") {
            let a = parse_address(spec).map_err(invalid)?;
            let name = known.iter().find(|t| t.address == a).map(|t| t.symbol.clone()).unwrap_or_else(|| checksum(&a));
            return Ok((coin_key(Some(&a)), name));
        }
        let matches: Vec<_> = known.iter().filter(|t| t.symbol.eq_ignore_ascii_case(spec)).collect();
        match matches.as_slice() {
            [t] => Ok((coin_key(Some(&t.address)), t.symbol.clone())),
            [] => Err(Error::NotFound(format!("unknown asset '{spec}' on Sonic (give its token address)"))),
            _ => Err(Error::Invalid(format!("several tokens are called '{spec}'; give the token address"))),
        }
    }

    /// The USD price of one asset (see [`Engine::prices`]).
    pub async fn price(&self, asset: &str) -> Result<AssetPrice> {
        let mut list = self.prices(&[asset]).await?;
        list.pop().ok_or_else(|| Error::NotFound(format!("no price for '{asset}'")))
    }

    /// USD prices of several assets, in their order: cached quotes under 5 minutes old
    /// as they are, every other asset in one request to the source. An asset the source
    /// does not price is an error, as is an unreachable source: no figure is made up
    /// and no stale one is passed off as current.
    pub async fn prices(&self, assets: &[&str]) -> Result<Vec<AssetPrice>> {
        let now = now_secs();
        let wanted: Vec<(String, String)> = assets.iter().map(|a| self.price_coin(a)).collect::<Result<_>>()?;
        let mut quotes = std::collections::BTreeMap::new();
        let mut ask: Vec<String> = Vec::new();
        for (key, _) in &wanted {
            match self.store.setting(&price_cache(key))? {
                Some(c) if now.saturating_sub(c.fetched_at) < PRICE_TTL_SECS => {
                    quotes.insert(key.clone(), c.quote);
                }
                _ if !ask.contains(key) => ask.push(key.clone()),
                _ => {}
            }
        }
        if !ask.is_empty() {
            let fresh = PriceClient::from_env()?.current(&ask, now).await?;
            for (key, quote) in fresh {
                self.store.set_setting(&price_cache(&key), &CachedPrice { quote: quote.clone(), fetched_at: now })?;
                quotes.insert(key, quote);
            }
        }
        wanted
            .into_iter()
            .map(|(key, name)| match quotes.get(&key) {
                Some(q) => Ok(AssetPrice { asset: name, usd: q.usd, source: SOURCE, at: q.timestamp }),
                None => Err(Error::NotFound(format!("{SOURCE} has no price for {name}"))),
            })
            .collect()
    }

    /// Sonic pools holding `asset` (every pool when `None`), highest APY first, at most
    /// `limit` (default 10, at most 100). `S` also matches wS pools. Read from the
    /// cache when under an hour old.
    pub async fn yields(&self, asset: Option<&str>, limit: Option<usize>) -> Result<YieldPools> {
        let now = now_secs();
        let cached = match self.store.setting(&YIELDS_CACHE)? {
            Some(c) if now.saturating_sub(c.fetched_at) < YIELDS_TTL_SECS => c,
            _ => {
                let pools = YieldsClient::from_env()?.sonic_pools().await?;
                let c = CachedPools { pools, fetched_at: now };
                self.store.set_setting(&YIELDS_CACHE, &c)?;
                c
            }
        };
        let asset = asset.map(str::trim).filter(|a| !a.is_empty());
        let limit = limit.unwrap_or(DEFAULT_POOL_LIMIT).clamp(1, MAX_POOL_LIMIT);
        let pools = cached
            .pools
            .into_iter()
            .filter(|p| match asset {
                None => true,
                Some(a) if a.eq_ignore_ascii_case(NATIVE_SYMBOL) => p.holds(a) || p.holds("wS"),
                Some(a) => p.holds(a),
            })
            .take(limit)
            .collect();
        Ok(YieldPools { pools, source: SOURCE, at: cached.fetched_at })
    }

    /// The agent's answer to a DeFi question: a price with its source and age, or the
    /// top pools; never a figure the source did not give.
    pub(crate) async fn defi_reply(&self, topic: &str, asset: Option<&str>) -> String {
        let now = now_secs();
        match topic {
            "yield" | "pool" => {
                let what = asset.map(|a| format!(" for {a}")).unwrap_or_default();
                match self.yields(asset, Some(3)).await {
                    Ok(y) if y.pools.is_empty() => {
                        format!("DefiLlama lists no Sonic pool{what} with at least $10,000 locked.")
                    }
                    Ok(y) => {
                        let lines: Vec<String> = y.pools.iter().map(|p| format!("• {}", pool_line(p))).collect();
                        format!(
                            "Top Sonic pools{what} (source: DefiLlama, {}):\n{}",
                            age_phrase(y.at, now),
                            lines.join("\n")
                        )
                    }
                    Err(e) => unavailable("yields", &e),
                }
            }
            _ => {
                let asset = asset.unwrap_or(NATIVE_SYMBOL);
                match self.price(asset).await {
                    Ok(p) => {
                        format!("{} is {} (source: DefiLlama, {}).", p.asset, usd_text(p.usd), age_phrase(p.at, now))
                    }
                    Err(e @ (Error::NotFound(_) | Error::Invalid(_))) => format!("I have no price for that: {e}."),
                    Err(e) => unavailable("prices", &e),
                }
            }
        }
    }
}

/// The reply when a source fails: said plainly, with no figure.
fn unavailable(what: &str, e: &Error) -> String {
    match e {
        Error::Defi(sonic_defi::Error::Unreachable { .. } | sonic_defi::Error::Http { .. }) => {
            format!("I can't reach DefiLlama's {what} right now, so I have no figure to give.")
        }
        _ => format!("DefiLlama's {what} are unavailable right now ({e}), so I have no figure to give."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_well() {
        assert_eq!(usd_text(0.4321), "$0.4321");
        assert_eq!(usd_text(0.99984), "$0.9998");
        assert_eq!(usd_text(1234.567), "$1,234.57");
        assert_eq!(usd_text(0.00001234), "$0.00001234");
        assert_eq!(tvl_text(1_250_000.0), "$1.25M");
        assert_eq!(tvl_text(40_000.0), "$40.0k");
        assert_eq!(age_phrase(100, 130), "30 s old");
        assert_eq!(age_phrase(100, 400), "5 min old");
        assert_eq!(age_phrase(500, 100), "0 s old");
        assert_eq!(age_phrase(0, 3 * 86_400), "3 days old");
    }

    #[test]
    fn pools_show_their_split() {
        let p = Pool {
            project: "beets".into(),
            symbol: "WS-USDC".into(),
            apy: 18.4,
            apy_base: Some(3.4),
            apy_reward: None,
            tvl_usd: 1_250_000.0,
            pool: "x".into(),
        };
        assert_eq!(pool_line(&p), "beets WS-USDC: 18.40% APY (3.40% base + – reward), TVL $1.25M");
    }
}
