//! Swap routes from the KyberSwap aggregator API: `GET {base}/{chain}/api/v1/routes`
//! (`tokenIn`, `tokenOut`, `amountIn`) answering `{"code": 0, "data": {"routeSummary":
//! {...}, "routerAddress"}}`, then `POST {base}/{chain}/api/v1/route/build` with the
//! route summary as given, the sender, the recipient and the slippage in basis points,
//! answering `{"code": 0, "data": {"amountIn", "amountOut", "gas", "data",
//! "routerAddress"}}`. Native S is [`NATIVE_TOKEN`].
//!
//! Replies are hostile: bodies are bounded, numbers are decimal integers read exactly,
//! and nothing here decides where money goes. The router address a reply names is
//! returned for the caller to compare with the one it trusts; the calldata is returned
//! for the caller to decode and check before it becomes a plan.

use std::time::Duration;

use serde_json::{json, Value};
use sonic_types::{checksum, parse_address, Address, U256};

use crate::{http, Error, Result};

/// The environment variable naming the aggregator's base URL.
pub const SWAP_URL_ENV: &str = "SONIC_SWAP_URL";
/// KyberSwap's public aggregator API.
pub const DEFAULT_SWAP_URL: &str = "https://aggregator-api.kyberswap.com";
/// How the API names native S.
pub const NATIVE_TOKEN: &str = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";
/// KyberSwap's MetaAggregationRouterV2, deployed at this address on every chain it
/// serves (its documentation's contract list; zkSync aside).
pub const KYBER_ROUTER: &str = "0x6131B5fae19EA4f9D964eAc0408E4408b66337b5";
/// The largest reply read: a route with many hops is a few tens of kilobytes.
const MAX_BODY: usize = 1 << 20;
/// Hops shown at most.
const MAX_HOPS: usize = 64;
const WHAT: &str = "KyberSwap";

/// A route as the API proposed it (amounts checked as integers).
#[derive(Debug, Clone, PartialEq)]
pub struct KyberRoute {
    /// The route summary exactly as received: the build step wants it back verbatim.
    pub summary: Value,
    /// Amount in, base units.
    pub amount_in: U256,
    /// Amount out the route expects, base units.
    pub amount_out: U256,
    /// Gas the API estimates.
    pub gas: u64,
    /// The pools' exchanges along the route, in order, for display.
    pub exchanges: Vec<String>,
    /// The router the reply names (untrusted: compare it with [`KYBER_ROUTER`]).
    pub router: Address,
    /// The USD value of what goes in, when given (display only: a price impact).
    pub amount_in_usd: Option<f64>,
    /// The USD value of what comes out, when given (display only).
    pub amount_out_usd: Option<f64>,
}

/// A built swap transaction as the API returned it (untrusted: decode and check it).
#[derive(Debug, Clone, PartialEq)]
pub struct KyberBuild {
    /// Amount in, base units.
    pub amount_in: U256,
    /// Amount out expected, base units.
    pub amount_out: U256,
    /// Gas the API estimates.
    pub gas: u64,
    /// The router calldata.
    pub data: Vec<u8>,
    /// The router the reply names (untrusted).
    pub router: Address,
}

/// A client of the aggregator API.
#[derive(Debug, Clone)]
pub struct KyberClient {
    base: String,
    http: reqwest::Client,
}

fn malformed(reason: impl Into<String>) -> Error {
    Error::Malformed { what: WHAT, reason: reason.into() }
}

/// A decimal integer (a JSON string, or a small JSON number) as U256.
fn integer(v: Option<&Value>, field: &str) -> Result<U256> {
    let text = match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) if n.is_u64() => n.to_string(),
        _ => return Err(malformed(format!("{field} is missing or not an integer"))),
    };
    if text.is_empty() || text.len() > 78 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed(format!("{field} is not a decimal integer")));
    }
    U256::from_str_radix(&text, 10).map_err(|_| malformed(format!("{field} is out of range")))
}

fn address(v: Option<&Value>, field: &str) -> Result<Address> {
    let s = v.and_then(Value::as_str).ok_or_else(|| malformed(format!("{field} is missing")))?;
    // Lowercase is how the API writes addresses; a mixed case must verify.
    parse_address(s).map_err(|_| malformed(format!("{field} is not an address")))
}

/// A USD figure (a decimal string or a number), finite and not negative; else `None`.
fn usd(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::String(s) if s.len() <= 40 => s.parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0),
        other => http::number(Some(other)),
    }
}

fn gas(v: Option<&Value>) -> Result<u64> {
    u64::try_from(integer(v, "gas")?).map_err(|_| malformed("gas is out of range"))
}

/// The `data` object of a reply whose `code` is 0.
fn data_of(body: &[u8]) -> Result<Value> {
    let v: Value = serde_json::from_slice(body).map_err(|_| malformed("not JSON"))?;
    let code = v.get("code").and_then(Value::as_i64).ok_or_else(|| malformed("no code"))?;
    if code != 0 {
        let msg = http::text(v.get("message"), 200).unwrap_or_else(|| "no message".into());
        return Err(Error::Malformed { what: WHAT, reason: format!("refused the request (code {code}: {msg})") });
    }
    v.get("data").filter(|d| d.is_object()).cloned().ok_or_else(|| malformed("no data"))
}

/// `0x…` hex as bytes.
fn hex_bytes(v: Option<&Value>) -> Result<Vec<u8>> {
    let s = v.and_then(Value::as_str).ok_or_else(|| malformed("data is missing"))?;
    let digits = s.strip_prefix("0x").ok_or_else(|| malformed("data is not 0x-hex"))?;
    if digits.len() % 2 != 0 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(malformed("data is not 0x-hex"));
    }
    (0..digits.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&digits[i..i + 2], 16).map_err(|_| malformed("data is not 0x-hex")))
        .collect()
}

/// The token as the API names it: native S as [`NATIVE_TOKEN`].
pub fn api_token(token: Option<&Address>) -> String {
    match token {
        Some(a) => checksum(a),
        None => NATIVE_TOKEN.into(),
    }
}

/// A routes reply for `amount_in`, checked.
pub fn parse_route(body: &[u8], amount_in: U256) -> Result<KyberRoute> {
    let data = data_of(body)?;
    let summary =
        data.get("routeSummary").filter(|s| s.is_object()).cloned().ok_or_else(|| malformed("no routeSummary"))?;
    let got_in = integer(summary.get("amountIn"), "amountIn")?;
    if got_in != amount_in {
        return Err(malformed(format!("the route is for {got_in}, not the {amount_in} asked")));
    }
    let exchanges = summary
        .get("route")
        .and_then(Value::as_array)
        .map(|paths| {
            paths
                .iter()
                .filter_map(Value::as_array)
                .flatten()
                .filter_map(|hop| http::text(hop.get("exchange"), 40))
                .take(MAX_HOPS)
                .collect()
        })
        .unwrap_or_default();
    Ok(KyberRoute {
        amount_in: got_in,
        amount_out: integer(summary.get("amountOut"), "amountOut")?,
        gas: gas(summary.get("gas"))?,
        exchanges,
        router: address(data.get("routerAddress"), "routerAddress")?,
        amount_in_usd: usd(summary.get("amountInUsd")),
        amount_out_usd: usd(summary.get("amountOutUsd")),
        summary,
    })
}

/// A route/build reply, checked.
pub fn parse_build(body: &[u8]) -> Result<KyberBuild> {
    let data = data_of(body)?;
    Ok(KyberBuild {
        amount_in: integer(data.get("amountIn"), "amountIn")?,
        amount_out: integer(data.get("amountOut"), "amountOut")?,
        gas: gas(data.get("gas"))?,
        data: hex_bytes(data.get("data"))?,
        router: address(data.get("routerAddress"), "routerAddress")?,
    })
}

impl KyberClient {
    /// A client for the API at `base` (https, or plain http to this machine).
    pub fn new(base: &str) -> Result<Self> {
        Ok(Self { base: http::check_base(base)?, http: http::client(Duration::from_secs(20))? })
    }

    /// A client for `SONIC_SWAP_URL`, else KyberSwap's public API.
    pub fn from_env() -> Result<Self> {
        Self::new(&std::env::var(SWAP_URL_ENV).unwrap_or_else(|_| DEFAULT_SWAP_URL.into()))
    }

    /// The best route for selling `amount_in` of `token_in` for `token_out` (`None`:
    /// native S) on `chain` (`sonic`).
    pub async fn route(
        &self,
        chain: &str,
        token_in: Option<&Address>,
        token_out: Option<&Address>,
        amount_in: U256,
    ) -> Result<KyberRoute> {
        let url = format!(
            "{}/{chain}/api/v1/routes?tokenIn={}&tokenOut={}&amountIn={amount_in}&gasInclude=true",
            self.base,
            api_token(token_in),
            api_token(token_out)
        );
        let body = http::get(&self.http, WHAT, &url, MAX_BODY).await?;
        parse_route(&body, amount_in)
    }

    /// Builds the swap of `route` for `sender`, paying `recipient`, at `slippage_bps`.
    pub async fn build(
        &self,
        chain: &str,
        route: &KyberRoute,
        sender: &Address,
        recipient: &Address,
        slippage_bps: u32,
        deadline: u64,
    ) -> Result<KyberBuild> {
        let url = format!("{}/{chain}/api/v1/route/build", self.base);
        let body = json!({
            "routeSummary": route.summary,
            "sender": checksum(sender),
            "recipient": checksum(recipient),
            "slippageTolerance": slippage_bps,
            "deadline": deadline,
            "source": "smart-sonic",
        });
        let reply = http::post_json(&self.http, WHAT, &url, &body, MAX_BODY).await?;
        parse_build(&reply)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_exact_decimals() {
        assert_eq!(integer(Some(&json!("1000000000000000000000")), "x").expect("ok"), U256::from(10u128.pow(21)));
        assert_eq!(integer(Some(&json!(7)), "x").expect("ok"), U256::from(7u8));
        for bad in
            [json!("1e18"), json!("-1"), json!(""), json!(1.5), json!(null), json!("0x10"), json!("9".repeat(79))]
        {
            assert!(integer(Some(&bad), "x").is_err(), "{bad}");
        }
    }

    #[test]
    fn replies_must_say_code_zero() {
        assert!(data_of(br#"{"code":0,"data":{"a":1}}"#).is_ok());
        let e = data_of(br#"{"code":4008,"message":"route not found"}"#).expect_err("refused");
        assert!(e.to_string().contains("route not found"), "{e}");
        assert!(data_of(br#"{"code":0}"#).is_err());
        assert!(data_of(b"<html>").is_err());
    }

    #[test]
    fn calldata_is_even_hex() {
        assert_eq!(hex_bytes(Some(&json!("0xe21fd0e9"))).expect("ok"), vec![0xe2, 0x1f, 0xd0, 0xe9]);
        assert!(hex_bytes(Some(&json!("e21f"))).is_err());
        assert!(hex_bytes(Some(&json!("0xe21"))).is_err());
        assert!(hex_bytes(Some(&json!("0xzz"))).is_err());
    }

    fn good_route() -> Value {
        json!({"code": 0, "message": "successfully", "data": {"routerAddress": KYBER_ROUTER.to_lowercase(),
            "routeSummary": {"tokenIn": NATIVE_TOKEN, "amountIn": "1000", "amountInUsd": "0.4",
                "tokenOut": "0x29219dd400f2bf60e5a23d13be72b486d4038894", "amountOut": "398", "amountOutUsd": "0.398",
                "gas": "120000", "route": [[{"pool": "0x1", "exchange": "shadow-cl", "amountOut": "398"}]]}}})
    }

    #[test]
    fn a_good_route_reads_exactly() {
        let r = parse_route(good_route().to_string().as_bytes(), U256::from(1000u32)).expect("route");
        assert_eq!((r.amount_in, r.amount_out, r.gas), (U256::from(1000u32), U256::from(398u32), 120_000));
        assert_eq!(checksum(&r.router), KYBER_ROUTER);
        assert_eq!(r.exchanges, vec!["shadow-cl".to_string()]);
        assert_eq!((r.amount_in_usd, r.amount_out_usd), (Some(0.4), Some(0.398)));
        assert_eq!(r.summary["route"][0][0]["pool"], "0x1", "kept verbatim");
        let e = parse_route(good_route().to_string().as_bytes(), U256::from(999u32)).expect_err("other amount");
        assert!(e.to_string().contains("not the 999 asked"), "{e}");
    }

    #[test]
    fn hostile_replies_are_errors_never_panics() {
        let good = good_route().to_string().into_bytes();
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let mut body = good.clone();
            for _ in 0..(next() % 4 + 1) {
                if body.is_empty() {
                    break;
                }
                let at = (next() as usize) % body.len();
                match next() % 3 {
                    0 => body[at] = next() as u8,
                    1 => body.truncate(at),
                    _ => body.insert(at, b"\"{}[]0-9e"[(next() % 9) as usize]),
                }
            }
            let _ = parse_route(&body, U256::from(1000u32));
            let _ = parse_build(&body);
        }
        for bad in [
            json!({"code": 0, "data": {"routeSummary": {"amountIn": "1000", "amountOut": "-1", "gas": "1"}}}),
            json!({"code": 0, "data": {"routeSummary": {"amountIn": "1000", "amountOut": "1",
                   "gas": "99999999999999999999999"}, "routerAddress": KYBER_ROUTER}}),
            json!({"code": 0, "data": {"routeSummary": [], "routerAddress": KYBER_ROUTER}}),
            json!({"code": "0", "data": {}}),
        ] {
            assert!(parse_route(bad.to_string().as_bytes(), U256::from(1000u32)).is_err(), "{bad}");
        }
        let build = json!({"code": 0, "data": {"amountIn": "1", "amountOut": "1", "gas": "1", "data": "0x12",
                           "routerAddress": "0x6131b5fae19ea4f9d964eac0408e4408b66337b5"}});
        assert_eq!(parse_build(build.to_string().as_bytes()).expect("build").data, vec![0x12]);
        let mixed = json!({"code": 0, "data": {"amountIn": "1", "amountOut": "1", "gas": "1", "data": "0x12",
                           "routerAddress": "0x6131b5fae19ea4f9d964eac0408e4408b66337B5"}});
        assert!(parse_build(mixed.to_string().as_bytes()).is_err(), "a mixed case that does not verify");
    }

    #[test]
    fn the_router_constant_is_a_checksummed_address() {
        assert_eq!(checksum(&parse_address(KYBER_ROUTER).expect("address")), KYBER_ROUTER);
        assert_eq!(api_token(None), NATIVE_TOKEN);
    }
}
