//! Current prices from DefiLlama's coins API: `GET {base}/prices/current/{coins}` with
//! coins as `sonic:<address>` or `coingecko:<id>`, answering
//! `{"coins": {key: {"decimals", "symbol", "price", "timestamp", "confidence"}}}`.

use std::{collections::BTreeMap, time::Duration};

use serde::{Deserialize, Serialize};
use sonic_types::{checksum, Address};

use crate::{http, Error, Result};

/// The environment variable naming the coins API's base URL.
pub const PRICES_URL_ENV: &str = "SONIC_PRICES_URL";
/// The coins API's public base URL (no key).
pub const DEFAULT_PRICES_URL: &str = "https://coins.llama.fi";
/// The coin key of native S.
pub const NATIVE_COIN: &str = "coingecko:sonic-3";
/// The most coins asked in one request (the URL stays well under common limits).
pub const MAX_COINS: usize = 100;
/// The largest reply read (a reply for [`MAX_COINS`] coins is a few kilobytes).
const MAX_BODY: usize = 1 << 20;
/// Quotes more than this far in the future (clock skew aside) are refused.
const MAX_FUTURE_SECS: u64 = 3600;
const WHAT: &str = "DefiLlama prices";

/// The coin key of an asset on Sonic mainnet: native S when `token` is `None`.
pub fn coin_key(token: Option<&Address>) -> String {
    match token {
        None => NATIVE_COIN.into(),
        Some(a) => format!("sonic:{}", checksum(a)),
    }
}

/// One price quote, as the source gave it (checked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The coin key asked for.
    pub key: String,
    /// The symbol the source gives, if it gave a sane one.
    pub symbol: Option<String>,
    /// USD price (display only).
    pub usd: f64,
    /// When the source took the quote (Unix seconds).
    pub timestamp: u64,
    /// The source's confidence (0 to 1), if given.
    pub confidence: Option<f64>,
}

/// A client of the coins API.
#[derive(Debug, Clone)]
pub struct PriceClient {
    base: String,
    http: reqwest::Client,
}

impl PriceClient {
    /// A client for the API at `base` (https, or plain http to this machine).
    pub fn new(base: &str) -> Result<Self> {
        Ok(Self { base: http::check_base(base)?, http: http::client(Duration::from_secs(15))? })
    }

    /// The checked base URL, without a trailing slash.
    pub(crate) fn base(&self) -> &str {
        &self.base
    }

    /// The HTTP client.
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// A client for `SONIC_PRICES_URL`, else the public API.
    pub fn from_env() -> Result<Self> {
        let base = std::env::var(PRICES_URL_ENV).ok().filter(|v| !v.trim().is_empty());
        Self::new(base.as_deref().unwrap_or(DEFAULT_PRICES_URL))
    }

    /// Current quotes for `keys`, in one request. Coins the source does not know are
    /// absent from the map; so is any row that fails the checks.
    pub async fn current(&self, keys: &[String], now: u64) -> Result<BTreeMap<String, Quote>> {
        if keys.is_empty() {
            return Ok(BTreeMap::new());
        }
        if keys.len() > MAX_COINS {
            return Err(Error::Config(format!("at most {MAX_COINS} coins per request")));
        }
        // Keys are ours (`sonic:0x…`, `coingecko:<id>`): nothing to escape but a check.
        if let Some(k) = keys.iter().find(|k| !k.chars().all(|c| c.is_ascii_alphanumeric() || ":-_.".contains(c))) {
            return Err(Error::Config(format!("'{k}' is not a coin key")));
        }
        let url = format!("{}/prices/current/{}", self.base, keys.join(","));
        let body = http::get(&self.http, WHAT, &url, MAX_BODY).await?;
        parse(&body, keys, now)
    }
}

/// Reads a coins reply, keeping only rows for `asked` keys (matched without regard to
/// case: the source may lowercase addresses) whose price and timestamp pass the checks.
pub fn parse(body: &[u8], asked: &[String], now: u64) -> Result<BTreeMap<String, Quote>> {
    let malformed = |reason: String| Error::Malformed { what: WHAT, reason };
    let v: serde_json::Value = serde_json::from_slice(body).map_err(|e| malformed(e.to_string()))?;
    let coins = v.get("coins").and_then(|c| c.as_object()).ok_or_else(|| malformed("no \"coins\" object".into()))?;
    let mut out = BTreeMap::new();
    for (key, row) in coins {
        let Some(ours) = asked.iter().find(|a| a.eq_ignore_ascii_case(key)) else { continue };
        if let Some(q) = quote(ours, row, now) {
            out.insert(ours.clone(), q);
        }
    }
    Ok(out)
}

fn quote(key: &str, row: &serde_json::Value, now: u64) -> Option<Quote> {
    let usd = http::number(row.get("price")).filter(|p| *p > 0.0)?;
    let timestamp = row.get("timestamp")?.as_u64().filter(|t| *t > 0 && *t <= now + MAX_FUTURE_SECS)?;
    Some(Quote {
        key: key.to_string(),
        symbol: http::text(row.get("symbol"), 32),
        usd,
        timestamp,
        confidence: http::number(row.get("confidence")).filter(|c| *c <= 1.0),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const NOW: u64 = 1_760_000_000;

    fn keys(k: &[&str]) -> Vec<String> {
        k.iter().map(|s| s.to_string()).collect()
    }

    fn check(row: serde_json::Value, expected: Option<f64>) {
        let body = json!({"coins": {NATIVE_COIN: row}}).to_string();
        let got = parse(body.as_bytes(), &keys(&[NATIVE_COIN]), NOW).expect("parse");
        assert_eq!(got.get(NATIVE_COIN).map(|q| q.usd), expected, "{body}");
    }

    #[test]
    fn rows_are_checked() {
        let ok = json!({"decimals": 18, "symbol": "S", "price": 0.5, "timestamp": NOW - 10, "confidence": 0.99});
        check(ok.clone(), Some(0.5));
        check(json!({"symbol": "S", "price": 0.5, "timestamp": NOW}), Some(0.5));
        check(json!({"price": -0.5, "timestamp": NOW}), None);
        check(json!({"price": 0, "timestamp": NOW}), None);
        check(json!({"price": "0.5", "timestamp": NOW}), None);
        check(json!({"price": 0.5}), None);
        check(json!({"timestamp": NOW}), None);
        check(json!({"price": 0.5, "timestamp": NOW + 86_400}), None);
        check(json!({"price": 0.5, "timestamp": -1}), None);
        check(json!("garbage"), None);
        // A silly confidence or symbol is dropped, not the price.
        let body =
            json!({"coins": {NATIVE_COIN: {"price": 2, "timestamp": NOW, "confidence": 7, "symbol": "\u{1b}[31m"}}});
        let q = parse(body.to_string().as_bytes(), &keys(&[NATIVE_COIN]), NOW).expect("parse");
        assert_eq!(q[NATIVE_COIN].confidence, None);
        assert_eq!(q[NATIVE_COIN].symbol, None);
    }

    #[test]
    fn only_asked_keys_are_kept_whatever_their_case() {
        let usdc = "sonic:0x29219dd400f2Bf60E5a23d13Be72B486D4038894";
        let body = json!({"coins": {
            usdc.to_lowercase(): {"price": 1.0, "timestamp": NOW},
            "sonic:0x0000000000000000000000000000000000000001": {"price": 99.0, "timestamp": NOW},
        }});
        let got = parse(body.to_string().as_bytes(), &keys(&[usdc]), NOW).expect("parse");
        assert_eq!(got.len(), 1);
        assert_eq!(got[usdc].usd, 1.0);
    }

    #[test]
    fn malformed_replies_are_errors() {
        for body in ["", "[]", "{\"coins\": []}", "{\"coin\": {}}", "nul"] {
            assert!(matches!(parse(body.as_bytes(), &[], NOW), Err(Error::Malformed { .. })), "{body}");
        }
        assert!(parse(b"{\"coins\": {}}", &[], NOW).expect("empty").is_empty());
    }

    #[test]
    fn coin_keys() {
        assert_eq!(coin_key(None), "coingecko:sonic-3");
        let a = sonic_types::parse_address("0x039e2fB66102314Ce7b64Ce5Ce3E5183bc94aD38").expect("addr");
        assert_eq!(coin_key(Some(&a)), "sonic:0x039e2fB66102314Ce7b64Ce5Ce3E5183bc94aD38");
    }
}
