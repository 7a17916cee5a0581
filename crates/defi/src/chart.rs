//! Past prices from DefiLlama's coins API: `GET {base}/chart/{coins}?start=<unix>&span=<n>&period=1d`
//! for a batch of coins in one request, answering
//! `{"coins": {key: {"symbol", "confidence", "decimals", "prices": [{"timestamp", "price"}…]}}}`.
//! Read as hostile input like the current prices: a bounded body, at most [`MAX_POINTS`]
//! points per coin, points with a missing, non-finite or negative number skipped, and
//! coins not asked ignored.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{http, prices::MAX_COINS, Error, PriceClient, Result};

/// The most points kept per coin (a year of daily prices; we ask for 30 or so).
pub const MAX_POINTS: usize = 366;
/// The most days asked in one request.
pub const MAX_DAYS: u32 = 365;
/// One day, in seconds: the chart's period.
pub const DAY_SECS: u64 = 86_400;
/// The largest chart reply read (100 coins × 366 points is about 2 MiB).
const MAX_BODY: usize = 4 << 20;
/// Points more than this far in the future (clock skew aside) are refused.
const MAX_FUTURE_SECS: u64 = 3600;
const WHAT: &str = "DefiLlama price history";

/// One past price.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PricePoint {
    /// When the source took it (Unix seconds).
    pub timestamp: u64,
    /// USD per whole unit (display only).
    pub usd: f64,
}

impl PriceClient {
    /// Daily prices of `keys` for the `days` days ending at `now` (from `now - days`
    /// days on, `days + 1` points), in one request. Each coin's points come back sorted
    /// by time; a coin the source does not know is absent.
    pub async fn daily_history(
        &self,
        keys: &[String],
        days: u32,
        now: u64,
    ) -> Result<BTreeMap<String, Vec<PricePoint>>> {
        if keys.is_empty() {
            return Ok(BTreeMap::new());
        }
        if keys.len() > MAX_COINS {
            return Err(Error::Config(format!("at most {MAX_COINS} coins per request")));
        }
        if days == 0 || days > MAX_DAYS {
            return Err(Error::Config(format!("between 1 and {MAX_DAYS} days of prices")));
        }
        if let Some(k) = keys.iter().find(|k| !k.chars().all(|c| c.is_ascii_alphanumeric() || ":-_.".contains(c))) {
            return Err(Error::Config(format!("'{k}' is not a coin key")));
        }
        let start = now.saturating_sub(u64::from(days) * DAY_SECS);
        let url = format!("{}/chart/{}?start={start}&span={}&period=1d", self.base(), keys.join(","), days + 1);
        let body = http::get(self.http(), WHAT, &url, MAX_BODY).await?;
        parse_chart(&body, keys, now)
    }
}

/// Reads a chart reply, keeping only coins `asked` (matched without regard to case)
/// and, of each, at most [`MAX_POINTS`] points that pass the checks, sorted by time
/// (one per timestamp).
pub fn parse_chart(body: &[u8], asked: &[String], now: u64) -> Result<BTreeMap<String, Vec<PricePoint>>> {
    let malformed = |reason: String| Error::Malformed { what: WHAT, reason };
    let v: serde_json::Value = serde_json::from_slice(body).map_err(|e| malformed(e.to_string()))?;
    let coins = v.get("coins").and_then(|c| c.as_object()).ok_or_else(|| malformed("no \"coins\" object".into()))?;
    let mut out = BTreeMap::new();
    for (key, row) in coins {
        let Some(ours) = asked.iter().find(|a| a.eq_ignore_ascii_case(key)) else { continue };
        let Some(list) = row.get("prices").and_then(|p| p.as_array()) else { continue };
        let mut points: Vec<PricePoint> = list
            .iter()
            .take(MAX_POINTS)
            .filter_map(|p| {
                let usd = http::number(p.get("price")).filter(|x| *x > 0.0)?;
                let timestamp = p.get("timestamp")?.as_u64().filter(|t| *t > 0 && *t <= now + MAX_FUTURE_SECS)?;
                Some(PricePoint { timestamp, usd })
            })
            .collect();
        points.sort_by_key(|p| p.timestamp);
        points.dedup_by_key(|p| p.timestamp);
        if !points.is_empty() {
            out.insert(ours.clone(), points);
        }
    }
    Ok(out)
}

/// The price in effect at `t`: the last point at or before it, else none (a price
/// from after `t` is never used for it).
pub fn price_at(points: &[PricePoint], t: u64) -> Option<PricePoint> {
    points.iter().take_while(|p| p.timestamp <= t).last().copied()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::NATIVE_COIN;

    const NOW: u64 = 1_760_000_000;

    fn asked() -> Vec<String> {
        vec![NATIVE_COIN.to_string()]
    }

    fn points(prices: serde_json::Value) -> Option<Vec<f64>> {
        let body =
            json!({"coins": {NATIVE_COIN: {"symbol": "S", "confidence": 0.99, "decimals": 18, "prices": prices}}});
        let got = parse_chart(body.to_string().as_bytes(), &asked(), NOW).expect("parse");
        got.get(NATIVE_COIN).map(|p| p.iter().map(|p| p.usd).collect())
    }

    #[test]
    fn points_are_checked() {
        let t = NOW - DAY_SECS;
        assert_eq!(
            points(json!([{"timestamp": t, "price": 0.5}, {"timestamp": NOW, "price": 0.6}])),
            Some(vec![0.5, 0.6])
        );
        // Missing fields, strings, negative, zero and future points are skipped, not the coin.
        let mixed = json!([
            {"timestamp": t},
            {"price": 0.5},
            {"timestamp": t, "price": "0.5"},
            {"timestamp": t, "price": -0.5},
            {"timestamp": t, "price": 0},
            {"timestamp": -1, "price": 0.5},
            {"timestamp": NOW + DAY_SECS, "price": 0.5},
            "garbage",
            {"timestamp": NOW, "price": 0.7},
        ]);
        assert_eq!(points(mixed), Some(vec![0.7]));
        assert_eq!(points(json!([])), None);
        assert_eq!(points(json!("nope")), None);
        assert_eq!(points(json!(null)), None);
    }

    #[test]
    fn non_finite_numbers_are_skipped() {
        // JSON has no NaN; a source writing one makes the whole reply unreadable, and a
        // number too large for f64 is not finite.
        let body = format!(r#"{{"coins": {{"{NATIVE_COIN}": {{"prices": [{{"timestamp": {NOW}, "price": NaN}}]}}}}}}"#);
        assert!(matches!(parse_chart(body.as_bytes(), &asked(), NOW), Err(Error::Malformed { .. })));
        let body =
            format!(r#"{{"coins": {{"{NATIVE_COIN}": {{"prices": [{{"timestamp": {NOW}, "price": 1e999}}]}}}}}}"#);
        let got = parse_chart(body.as_bytes(), &asked(), NOW);
        assert!(got.map(|m| m.is_empty()).unwrap_or(true), "an infinite price is never kept");
    }

    #[test]
    fn huge_arrays_are_capped_and_sorted() {
        let many: Vec<_> = (0..5000u64).rev().map(|i| json!({"timestamp": NOW - i * 60, "price": 1.0})).collect();
        let body = json!({"coins": {NATIVE_COIN: {"prices": many}}});
        let got = parse_chart(body.to_string().as_bytes(), &asked(), NOW).expect("parse");
        let p = &got[NATIVE_COIN];
        assert_eq!(p.len(), MAX_POINTS);
        assert!(p.windows(2).all(|w| w[0].timestamp < w[1].timestamp));
        // Duplicate timestamps keep one point.
        let body = json!({"coins": {NATIVE_COIN: {"prices": [
            {"timestamp": NOW, "price": 1.0}, {"timestamp": NOW - 10, "price": 2.0}, {"timestamp": NOW, "price": 3.0}
        ]}}});
        let got = parse_chart(body.to_string().as_bytes(), &asked(), NOW).expect("parse");
        assert_eq!(got[NATIVE_COIN].len(), 2);
        assert_eq!(got[NATIVE_COIN][0].usd, 2.0);
    }

    #[test]
    fn only_asked_coins_are_kept_whatever_their_case() {
        let usdc = "sonic:0x29219dd400f2Bf60E5a23d13Be72B486D4038894";
        let body = json!({"coins": {
            usdc.to_lowercase(): {"prices": [{"timestamp": NOW, "price": 1.0}]},
            "sonic:0x0000000000000000000000000000000000000001": {"prices": [{"timestamp": NOW, "price": 99.0}]},
            "coingecko:sonic": {"prices": [{"timestamp": NOW, "price": 99.0}]},
        }});
        let got = parse_chart(body.to_string().as_bytes(), &[usdc.to_string()], NOW).expect("parse");
        assert_eq!(got.len(), 1);
        assert_eq!(got[usdc][0].usd, 1.0);
    }

    #[test]
    fn malformed_replies_are_errors() {
        for body in ["", "[]", "{\"coins\": []}", "{\"coin\": {}}", "nul"] {
            assert!(matches!(parse_chart(body.as_bytes(), &[], NOW), Err(Error::Malformed { .. })), "{body}");
        }
    }

    #[test]
    fn the_price_at_a_time_is_never_from_after_it() {
        let p = [PricePoint { timestamp: 100, usd: 1.0 }, PricePoint { timestamp: 200, usd: 2.0 }];
        assert_eq!(price_at(&p, 99), None);
        assert_eq!(price_at(&p, 100).map(|p| p.usd), Some(1.0));
        assert_eq!(price_at(&p, 199).map(|p| p.usd), Some(1.0));
        assert_eq!(price_at(&p, 5000).map(|p| p.usd), Some(2.0));
    }
}
