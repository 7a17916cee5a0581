//! Yield pools from DefiLlama's yields API: `GET {base}/pools` answering
//! `{"status": "success", "data": [{"chain", "project", "symbol", "tvlUsd", "apy",
//! "apyBase", "apyReward", "pool", ...}]}`. The real reply lists every chain (tens of
//! megabytes); rows are read one at a time and only Sonic pools of at least
//! [`MIN_TVL_USD`] are kept, at most [`MAX_POOLS`] of them.

use std::{fmt, time::Duration};

use serde::{
    de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor},
    Deserialize, Serialize,
};

use crate::{http, Error, Result};

/// The environment variable naming the yields API's base URL.
pub const YIELDS_URL_ENV: &str = "SONIC_YIELDS_URL";
/// The yields API's public base URL (no key).
pub const DEFAULT_YIELDS_URL: &str = "https://yields.llama.fi";
/// The largest reply read.
pub const MAX_BODY: usize = 32 << 20;
/// The most Sonic pools kept from one reply.
pub const MAX_POOLS: usize = 2000;
/// Pools with less value locked are left out.
pub const MIN_TVL_USD: f64 = 10_000.0;
/// The chain name the source gives Sonic.
const SONIC: &str = "Sonic";
const WHAT: &str = "DefiLlama yields";

/// One Sonic pool (figures for display only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pool {
    /// The protocol (`beets`, `aave-v3`...).
    pub project: String,
    /// The pool's assets, `-`-separated (`WS-USDC`).
    pub symbol: String,
    /// Total APY in percent.
    pub apy: f64,
    /// The base part of the APY (fees, interest), if given.
    pub apy_base: Option<f64>,
    /// The reward part of the APY (incentive tokens), if given.
    pub apy_reward: Option<f64>,
    /// Value locked in USD.
    pub tvl_usd: f64,
    /// The source's pool id.
    pub pool: String,
}

impl Pool {
    /// Whether one of the pool's `-`-separated symbol parts is `asset` (any case).
    pub fn holds(&self, asset: &str) -> bool {
        self.symbol.split('-').any(|part| part.trim().eq_ignore_ascii_case(asset.trim()))
    }
}

/// A client of the yields API.
#[derive(Debug, Clone)]
pub struct YieldsClient {
    base: String,
    http: reqwest::Client,
}

impl YieldsClient {
    /// A client for the API at `base` (https, or plain http to this machine).
    pub fn new(base: &str) -> Result<Self> {
        Ok(Self { base: http::check_base(base)?, http: http::client(Duration::from_secs(60))? })
    }

    /// A client for `SONIC_YIELDS_URL`, else the public API.
    pub fn from_env() -> Result<Self> {
        let base = std::env::var(YIELDS_URL_ENV).ok().filter(|v| !v.trim().is_empty());
        Self::new(base.as_deref().unwrap_or(DEFAULT_YIELDS_URL))
    }

    /// Sonic pools of at least [`MIN_TVL_USD`], highest APY first.
    pub async fn sonic_pools(&self) -> Result<Vec<Pool>> {
        let body = http::get(&self.http, WHAT, &format!("{}/pools", self.base), MAX_BODY).await?;
        parse(&body)
    }
}

/// Reads a `/pools` reply: Sonic pools of at least [`MIN_TVL_USD`] that have every
/// field we show, at most [`MAX_POOLS`], highest APY first.
pub fn parse(body: &[u8]) -> Result<Vec<Pool>> {
    let reply: Reply =
        serde_json::from_slice(body).map_err(|e| Error::Malformed { what: WHAT, reason: e.to_string() })?;
    if reply.status.as_deref() != Some("success") {
        return Err(Error::Malformed { what: WHAT, reason: "status is not \"success\"".into() });
    }
    let mut pools = reply.data.ok_or_else(|| Error::Malformed { what: WHAT, reason: "no \"data\" list".into() })?.0;
    sort(&mut pools);
    Ok(pools)
}

/// Highest APY first; ties by TVL, then by pool id, so the order is stable.
pub fn sort(pools: &mut [Pool]) {
    pools.sort_by(|a, b| {
        b.apy.total_cmp(&a.apy).then(b.tvl_usd.total_cmp(&a.tvl_usd)).then_with(|| a.pool.cmp(&b.pool))
    });
}

/// The top-level object; any other field is skipped.
#[derive(Deserialize)]
struct Reply {
    status: Option<String>,
    data: Option<SonicPools>,
}

/// The `data` list, filtered while it is read.
struct SonicPools(Vec<Pool>);

impl<'de> Deserialize<'de> for SonicPools {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Rows;
        impl<'de> Visitor<'de> for Rows {
            type Value = SonicPools;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of pools")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<SonicPools, A::Error> {
                let mut kept = Vec::new();
                while let Some(row) = seq.next_element::<Row>()? {
                    if kept.len() < MAX_POOLS {
                        kept.extend(row.0);
                    }
                }
                Ok(SonicPools(kept))
            }
        }
        d.deserialize_seq(Rows)
    }
}

/// One row of `data`: a Sonic pool worth keeping, or nothing (another chain, a missing
/// or bad field, a row that is not an object).
struct Row(Option<Pool>);

impl<'de> Deserialize<'de> for Row {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = Row;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a pool")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Row, A::Error> {
                // Only the fields we show are kept as values; the rest are skipped
                // without being built, so a huge row costs no memory.
                let mut row = serde_json::Map::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "chain" | "project" | "symbol" | "tvlUsd" | "apy" | "apyBase" | "apyReward" | "pool" => {
                            let v: serde_json::Value = map.next_value()?;
                            row.insert(key, v);
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(Row(pool(&row)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Row, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Row(None))
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<Row, E> {
                Ok(Row(None))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> std::result::Result<Row, E> {
                Ok(Row(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> std::result::Result<Row, E> {
                Ok(Row(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> std::result::Result<Row, E> {
                Ok(Row(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> std::result::Result<Row, E> {
                Ok(Row(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> std::result::Result<Row, E> {
                Ok(Row(None))
            }
        }
        d.deserialize_any(Fields)
    }
}

fn pool(row: &serde_json::Map<String, serde_json::Value>) -> Option<Pool> {
    if row.get("chain")?.as_str()? != SONIC {
        return None;
    }
    let tvl_usd = http::number(row.get("tvlUsd")).filter(|t| *t >= MIN_TVL_USD)?;
    // A present but bad part (negative, not a number) spoils the row; an absent or null
    // part is just not shown.
    let part = |k: &str| match row.get(k) {
        None | Some(serde_json::Value::Null) => Some(None),
        v => http::number(v).map(Some),
    };
    let (apy_base, apy_reward) = (part("apyBase")?, part("apyReward")?);
    let apy = match row.get("apy") {
        None | Some(serde_json::Value::Null) => match (apy_base, apy_reward) {
            (None, None) => return None,
            (b, r) => b.unwrap_or(0.0) + r.unwrap_or(0.0),
        },
        v => http::number(v)?,
    };
    Some(Pool {
        project: http::text(row.get("project"), 64)?,
        symbol: http::text(row.get("symbol"), 128)?,
        apy,
        apy_base,
        apy_reward,
        tvl_usd,
        pool: http::text(row.get("pool"), 128)?,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn one(row: serde_json::Value) -> Option<Pool> {
        let body = json!({"status": "success", "data": [row]}).to_string();
        parse(body.as_bytes()).expect("parse").into_iter().next()
    }

    fn row() -> serde_json::Value {
        json!({"chain": "Sonic", "project": "beets", "symbol": "WS-USDC", "tvlUsd": 50_000.0, "apy": 12.5,
               "apyBase": 2.5, "apyReward": 10.0, "pool": "p1", "rewardTokens": ["0x1"], "predictions": {"x": 1}})
    }

    fn with(k: &str, v: serde_json::Value) -> serde_json::Value {
        let mut r = row();
        r[k] = v;
        r
    }

    #[test]
    fn rows_are_checked() {
        let p = one(row()).expect("kept");
        assert_eq!((p.project.as_str(), p.apy, p.apy_base, p.apy_reward), ("beets", 12.5, Some(2.5), Some(10.0)));
        assert!(one(with("chain", json!("Ethereum"))).is_none());
        assert!(one(with("tvlUsd", json!(9_999.0))).is_none());
        assert!(one(with("tvlUsd", json!(null))).is_none());
        assert!(one(with("apy", json!(-1.0))).is_none());
        assert!(one(with("apyBase", json!(-1.0))).is_none());
        assert!(one(with("apyReward", json!("10"))).is_none());
        assert!(one(with("project", json!(7))).is_none());
        assert!(one(with("pool", json!(null))).is_none());
        assert_eq!(one(with("apyReward", json!(null))).expect("kept").apy_reward, None);
        assert_eq!(one(with("apy", json!(null))).expect("kept").apy, 12.5);
        let mut r = row();
        r.as_object_mut().expect("obj").remove("symbol");
        assert!(one(r).is_none());
    }

    #[test]
    fn odd_rows_are_skipped_not_fatal() {
        let body = json!({"status": "success", "data": [1, "x", null, [1, 2], {"chain": 5}, row()]}).to_string();
        assert_eq!(parse(body.as_bytes()).expect("parse").len(), 1);
    }

    #[test]
    fn sorted_by_apy_and_bounded() {
        let rows: Vec<_> = (0..MAX_POOLS + 50)
            .map(|i| {
                let mut r = with("apy", json!(i as f64 / 10.0));
                r["pool"] = json!(format!("p{i}"));
                r
            })
            .collect();
        let body = json!({"status": "success", "data": rows}).to_string();
        let pools = parse(body.as_bytes()).expect("parse");
        assert_eq!(pools.len(), MAX_POOLS);
        assert!(pools.windows(2).all(|w| w[0].apy >= w[1].apy));
    }

    #[test]
    fn bad_replies_are_errors() {
        for body in ["", "{}", "{\"status\": \"error\", \"data\": []}", "{\"status\": \"success\"}", "[]"] {
            assert!(matches!(parse(body.as_bytes()), Err(Error::Malformed { .. })), "{body}");
        }
    }

    #[test]
    fn symbol_parts_match() {
        let p = one(row()).expect("kept");
        assert!(p.holds("ws") && p.holds("USDC") && !p.holds("US") && !p.holds("WS-USDC"));
    }
}
