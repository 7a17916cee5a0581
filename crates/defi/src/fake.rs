//! A local server speaking DefiLlama's coins and yields formats, for tests:
//! `GET /prices/current/{coins}` answers the configured rows of the coins asked (and,
//! as a hostile source might, one row nobody asked for); `GET /pools` answers the
//! configured body; `GET /chart/{coins}?start=&span=&period=1d` answers the configured
//! daily history of the coins asked from `start` on, at most `span` points (and a decoy
//! coin). It records every path it was asked. `kyber_server` speaks
//! KyberSwap's aggregator API (routes, then route/build).

use std::{
    io::{BufRead, BufReader, Write},
    net::TcpListener,
    sync::{Arc, Mutex},
    thread,
};

use serde_json::{json, Value};

/// A coin key the fake always prices, though no one asks for it.
pub const DECOY_COIN: &str = "sonic:0x000000000000000000000000000000000000dEaD";

/// The running fake: its base URL and the paths it was asked.
#[derive(Debug, Clone)]
pub struct Fake {
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    /// Request paths, in order.
    pub requests: Arc<Mutex<Vec<String>>>,
}

impl Fake {
    /// How many requests reached the fake.
    pub fn hits(&self) -> usize {
        self.requests.lock().map(|r| r.len()).unwrap_or(0)
    }
}

/// Rows in the coins API's shape, keyed by coin key: S at `s_usd`, wS likewise, USDC at
/// 0.9998, all quoted at `timestamp`.
pub fn sample_prices(s_usd: f64, timestamp: u64) -> Value {
    json!({
        "coingecko:sonic-3": {"symbol": "S", "price": s_usd, "timestamp": timestamp, "confidence": 0.99},
        "sonic:0x039e2fB66102314Ce7b64Ce5Ce3E5183bc94aD38":
            {"decimals": 18, "symbol": "wS", "price": s_usd, "timestamp": timestamp, "confidence": 0.99},
        "sonic:0x29219dd400f2Bf60E5a23d13Be72B486D4038894":
            {"decimals": 6, "symbol": "USDC.e", "price": 0.9998, "timestamp": timestamp, "confidence": 0.99},
    })
}

/// A `/pools` reply in the yields API's shape: Sonic pools (one under the TVL floor,
/// one with a negative APY, one missing its project), and pools on other chains.
pub fn sample_pools() -> Value {
    let row = |chain: &str, project: &str, symbol: &str, tvl: f64, apy: Value, base: Value, reward: Value, id: &str| {
        json!({
            "chain": chain, "project": project, "symbol": symbol, "tvlUsd": tvl, "apyBase": base,
            "apyReward": reward, "apy": apy, "rewardTokens": null, "pool": id, "apyPct1D": 0.1,
            "apyPct7D": null, "apyPct30D": null, "stablecoin": false, "ilRisk": "yes", "exposure": "multi",
            "predictions": {"predictedClass": "Stable/Up", "predictedProbability": 70, "binnedConfidence": 2},
            "poolMeta": null, "mu": 10.2, "sigma": 0.4, "count": 90, "outlier": false,
            "underlyingTokens": ["0x039e2fB66102314Ce7b64Ce5Ce3E5183bc94aD38"], "il7d": null, "apyBase7d": null,
            "apyMean30d": 9.1, "volumeUsd1d": null, "volumeUsd7d": null, "apyBaseInception": null
        })
    };
    json!({"status": "success", "data": [
        row("Ethereum", "lido", "STETH", 2.0e10, json!(2.9), json!(2.9), Value::Null, "eth-lido"),
        row("Sonic", "beets", "WS-USDC", 1_250_000.0, json!(18.4), json!(3.4), json!(15.0), "sonic-beets-1"),
        row("Sonic", "aave-v3", "USDC", 40_000_000.0, json!(4.2), json!(4.2), Value::Null, "sonic-aave-usdc"),
        row("Sonic", "silo-v2", "WS", 8_000_000.0, json!(7.5), json!(5.0), json!(2.5), "sonic-silo-ws"),
        row("Sonic", "shadow-exchange", "WS-WETH", 5_000.0, json!(250.0), json!(50.0), json!(200.0), "sonic-tiny"),
        row("Sonic", "scam", "WS", 90_000.0, json!(-3.0), json!(-3.0), Value::Null, "sonic-negative"),
        json!({"chain": "Sonic", "symbol": "WS", "tvlUsd": 90_000.0, "apy": 99.0, "pool": "sonic-noproject"}),
        row("Arbitrum", "uniswap-v3", "WETH-USDC", 9.0e7, json!(22.0), json!(22.0), Value::Null, "arb-uni"),
    ]})
}

/// A daily history in the chart API's shape for `coin`: `days + 1` points, one a day
/// at midnight UTC up to `now`'s day, the `i`-th (oldest first) priced `usd(i)`.
pub fn sample_history(coin: &str, days: u64, now: u64, usd: impl Fn(u64) -> f64) -> Value {
    let today = now - now % 86_400;
    let points: Vec<Value> =
        (0..=days).map(|i| json!({"timestamp": today - (days - i) * 86_400, "price": usd(i)})).collect();
    json!({coin: {"symbol": "S", "confidence": 0.99, "decimals": 18, "prices": points}})
}

/// Starts the fake with `prices` (coin key → row) and the `/pools` reply.
pub fn llama_server(prices: Value, pools: Value) -> Fake {
    llama_server_with_history(prices, pools, json!({}))
}

/// Starts the fake with `prices`, the `/pools` reply and `history` (coin key → the
/// chart row, `{"symbol", "confidence", "decimals", "prices": [{"timestamp", "price"}]}`).
pub fn llama_server_with_history(prices: Value, pools: Value, history: Value) -> Fake {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let requests: Arc<Mutex<Vec<String>>> = Arc::default();
    let log = requests.clone();
    let pools = pools.to_string();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                    break;
                }
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            log.lock().expect("lock").push(path.clone());
            let (status, body) = if let Some(coins) = path.strip_prefix("/prices/current/") {
                let mut rows = serde_json::Map::new();
                for asked in coins.split(',') {
                    let found = prices.as_object().and_then(|m| m.iter().find(|(k, _)| k.eq_ignore_ascii_case(asked)));
                    if let Some((_, row)) = found {
                        rows.insert(asked.to_string(), row.clone());
                    }
                }
                rows.insert(DECOY_COIN.into(), json!({"symbol": "DEAD", "price": 12345.0, "timestamp": 1}));
                (200, json!({"coins": rows}).to_string())
            } else if let Some(rest) = path.strip_prefix("/chart/") {
                let (coins, query) = rest.split_once('?').unwrap_or((rest, ""));
                let param = |k: &str| query.split('&').find_map(|p| p.strip_prefix(&format!("{k}=")));
                let start: u64 = param("start").and_then(|v| v.parse().ok()).unwrap_or(0);
                let span: usize = param("span").and_then(|v| v.parse().ok()).unwrap_or(0);
                let mut rows = serde_json::Map::new();
                for asked in coins.split(',') {
                    let found = history.as_object().and_then(|m| m.iter().find(|(k, _)| k.eq_ignore_ascii_case(asked)));
                    if let Some((_, row)) = found {
                        let mut row = row.clone();
                        let points: Vec<Value> = row["prices"]
                            .as_array()
                            .map(|a| {
                                a.iter()
                                    .filter(|p| p["timestamp"].as_u64().is_some_and(|t| t + 43_200 >= start))
                                    .take(span.max(1))
                                    .cloned()
                                    .collect()
                            })
                            .unwrap_or_default();
                        row["prices"] = Value::Array(points);
                        rows.insert(asked.to_string(), row);
                    }
                }
                rows.insert(
                    DECOY_COIN.into(),
                    json!({"symbol": "DEAD", "prices": [{"timestamp": start, "price": 12345.0}]}),
                );
                (200, json!({"coins": rows}).to_string())
            } else if path == "/pools" {
                (200, pools.clone())
            } else {
                (404, json!({"error": "not found"}).to_string())
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    Fake { url, requests }
}

/// A base URL where nothing listens (a port bound, then released).
pub fn dead_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    url
}

/// What the KyberSwap fake answers: the amount out of every route, the router address
/// its replies name, and the calldata of a build, made by the test from the build
/// request's JSON body (so a test can answer with another recipient, a lower minimum...).
pub struct KyberFake {
    /// `amountOut` of routes and builds, base units.
    pub amount_out: String,
    /// `routerAddress` in both replies.
    pub router: String,
    /// The build's `data` (0x-hex) for a request body.
    pub calldata: Box<dyn Fn(&Value) -> String + Send + Sync>,
}

/// Starts a fake KyberSwap aggregator API: `GET /{chain}/api/v1/routes` answers a
/// one-hop route for the `tokenIn`/`tokenOut`/`amountIn` asked, in the documented
/// `{"code":0,"message":"successfully","data":{"routeSummary":{...},"routerAddress"}}`
/// shape; `POST /{chain}/api/v1/route/build` answers `{"code":0,"data":{"amountIn",
/// "amountOut","gas","data","routerAddress"}}`. It records request paths, and the
/// build bodies as JSON lines after their path.
pub fn kyber_server(cfg: KyberFake) -> Fake {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let requests: Arc<Mutex<Vec<String>>> = Arc::default();
    let log = requests.clone();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let mut length = 0usize;
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                    break;
                }
                if let Some((k, v)) = h.split_once(':') {
                    if k.trim().eq_ignore_ascii_case("content-length") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
            }
            let mut body = vec![0u8; length.min(1 << 20)];
            let _ = std::io::Read::read_exact(&mut reader, &mut body);
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            log.lock().expect("lock").push(path.clone());
            let (route, query) = path.split_once('?').unwrap_or((&path, ""));
            let param = |k: &str| {
                query.split('&').find_map(|p| p.strip_prefix(&format!("{k}="))).unwrap_or_default().to_string()
            };
            let (status, reply) = if route.ends_with("/api/v1/routes") {
                let (token_in, token_out, amount_in) = (param("tokenIn"), param("tokenOut"), param("amountIn"));
                let summary = json!({
                    "tokenIn": token_in, "amountIn": amount_in, "amountInUsd": "4.2",
                    "tokenOut": token_out, "amountOut": cfg.amount_out, "amountOutUsd": "4.19",
                    "tokenOutMarketPriceAvailable": null, "gas": "180000", "gasPrice": "55000000000",
                    "gasUsd": "0.004",
                    "extraFee": {"feeAmount": "", "chargeFeeBy": "", "isInBps": false, "feeReceiver": ""},
                    "route": [[{"pool": "0x000000000000000000000000000000000000b001", "tokenIn": token_in,
                                "tokenOut": token_out, "swapAmount": amount_in, "amountOut": cfg.amount_out,
                                "exchange": "shadow-cl", "poolType": "uniswap-v3", "poolExtra": null, "extra": null}]],
                    "routeID": "fake-route", "checksum": "1234567890", "timestamp": 1_790_000_000u64
                });
                (
                    200,
                    json!({"code": 0, "message": "successfully",
                             "data": {"routeSummary": summary, "routerAddress": cfg.router}, "requestId": "fake"}),
                )
            } else if route.ends_with("/api/v1/route/build") {
                let req: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                log.lock().expect("lock").push(req.to_string());
                let amount_in = req["routeSummary"]["amountIn"].clone();
                (
                    200,
                    json!({"code": 0, "message": "successfully", "data": {
                    "amountIn": amount_in, "amountInUsd": "4.2", "amountOut": cfg.amount_out,
                    "amountOutUsd": "4.19", "gas": "180000", "gasUsd": "0.004", "additionalCostUsd": "0",
                    "additionalCostMessage": "", "data": (cfg.calldata)(&req), "routerAddress": cfg.router,
                    "transactionValue": "0"}, "requestId": "fake"}),
                )
            } else {
                (404, json!({"code": 404, "message": "not found"}))
            };
            let text = reply.to_string();
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{text}",
                text.len()
            );
        }
    });
    Fake { url, requests }
}
