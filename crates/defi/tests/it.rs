//! The clients against the local fake DefiLlama: one batched request for prices, a
//! decoy row ignored, Sonic pools filtered and sorted, and failures as errors.

use sonic_defi::{
    fake::{dead_url, llama_server, sample_pools, sample_prices, DECOY_COIN},
    Error, PriceClient, YieldsClient, NATIVE_COIN,
};

const NOW: u64 = 1_760_000_000;
const USDC: &str = "sonic:0x29219dd400f2Bf60E5a23d13Be72B486D4038894";

#[tokio::test]
async fn prices_are_batched_and_only_asked_coins_kept() {
    let fake = llama_server(sample_prices(0.4321, NOW - 60), sample_pools());
    let client = PriceClient::new(&fake.url).expect("client");
    let keys = vec![NATIVE_COIN.to_string(), USDC.to_string(), "coingecko:nothing-here".to_string()];
    let quotes = client.current(&keys, NOW).await.expect("quotes");
    assert_eq!(fake.hits(), 1, "one request for all coins");
    assert_eq!(quotes.len(), 2);
    assert_eq!(quotes[NATIVE_COIN].usd, 0.4321);
    assert_eq!(quotes[NATIVE_COIN].timestamp, NOW - 60);
    assert_eq!(quotes[USDC].usd, 0.9998);
    assert!(!quotes.contains_key(DECOY_COIN));
    let path = fake.requests.lock().expect("lock")[0].clone();
    assert_eq!(path, format!("/prices/current/{NATIVE_COIN},{USDC},coingecko:nothing-here"));
}

#[tokio::test]
async fn pools_are_sonic_only_big_enough_and_sorted() {
    let fake = llama_server(sample_prices(0.5, NOW), sample_pools());
    let pools = YieldsClient::new(&fake.url).expect("client").sonic_pools().await.expect("pools");
    let ids: Vec<&str> = pools.iter().map(|p| p.pool.as_str()).collect();
    assert_eq!(ids, ["sonic-beets-1", "sonic-silo-ws", "sonic-aave-usdc"]);
    assert_eq!(pools[0].apy_base, Some(3.4));
    assert_eq!(pools[0].apy_reward, Some(15.0));
    assert!(pools[0].holds("ws") && pools[0].holds("USDC"));
}

#[tokio::test]
async fn an_unreachable_source_is_an_error() {
    let url = dead_url();
    let e = PriceClient::new(&url).expect("client").current(&[NATIVE_COIN.into()], NOW).await.expect_err("down");
    assert!(matches!(e, Error::Unreachable { .. }), "{e}");
    assert!(!e.to_string().contains(&url), "no URL quoted: {e}");
    let e = YieldsClient::new(&url).expect("client").sonic_pools().await.expect_err("down");
    assert!(matches!(e, Error::Unreachable { .. }), "{e}");
}

#[tokio::test]
async fn remote_plain_http_is_refused() {
    assert!(matches!(PriceClient::new("http://coins.llama.fi"), Err(Error::Config(_))));
    assert!(matches!(YieldsClient::new("file:///etc/passwd"), Err(Error::Config(_))));
}

#[tokio::test]
async fn daily_history_is_one_request_for_all_coins() {
    use sonic_defi::fake::{llama_server_with_history, sample_history};
    let mut history = sample_history(NATIVE_COIN, 30, NOW, |i| 0.30 + i as f64 / 100.0);
    history[USDC] = sample_history(USDC, 30, NOW, |_| 1.0)[USDC].clone();
    let fake = llama_server_with_history(sample_prices(0.5, NOW), sample_pools(), history);
    let client = PriceClient::new(&fake.url).expect("client");
    let keys = vec![NATIVE_COIN.to_string(), USDC.to_string(), "coingecko:nothing-here".to_string()];
    let got = client.daily_history(&keys, 30, NOW).await.expect("history");
    assert_eq!(fake.hits(), 1, "one request for all coins");
    assert_eq!(got.len(), 2, "the decoy and the unknown coin are absent");
    let s = &got[NATIVE_COIN];
    assert_eq!(s.len(), 31);
    assert_eq!(s[0].usd, 0.30);
    assert_eq!(s[30].usd, 0.60);
    assert!(s.windows(2).all(|w| w[1].timestamp - w[0].timestamp == 86_400));
    let path = fake.requests.lock().expect("lock")[0].clone();
    assert_eq!(
        path,
        format!("/chart/{NATIVE_COIN},{USDC},coingecko:nothing-here?start={}&span=31&period=1d", NOW - 30 * 86_400)
    );
    assert!(client.daily_history(&keys, 0, NOW).await.is_err());
}
