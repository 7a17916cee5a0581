//! The portfolio series against anvil and the fake DefiLlama: after a send of 1 S the
//! last two points differ by exactly 1 S (records carry no fee), each day is valued at
//! its own day's price, and an unreachable source is an error, never a made-up figure.

use alloy::primitives::U256;
use sonic_defi::fake::{dead_url, llama_server_with_history, sample_history, sample_pools, sample_prices};
use sonic_engine::{AmountSpec, SendRequest};
use sonic_types::{dto::TxState, market::fiat_value, NATIVE_SYMBOL};

use crate::support::{anvil, engine, OUTSIDER, PRICES_ENV};

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_secs()
}

/// S at $0.30 thirty days ago, a cent more each day: $0.60 today.
fn price(i: u64) -> f64 {
    0.30 + i as f64 / 100.0
}

#[tokio::test(flavor = "multi_thread")]
async fn a_send_shows_in_the_series_at_each_days_price() {
    let _env = PRICES_ENV.lock().await;
    let history = sample_history(sonic_defi::NATIVE_COIN, 30, now(), price);
    let fake = llama_server_with_history(sample_prices(0.6, now()), sample_pools(), history);
    std::env::set_var(sonic_defi::PRICES_URL_ENV, &fake.url);

    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let plan = e
        .plan_send(SendRequest {
            from: None,
            to: OUTSIDER.into(),
            amount: AmountSpec::parse("1").expect("amount"),
            asset: Some(NATIVE_SYMBOL.into()),
        })
        .await
        .expect("plan");
    let sent = e.confirm(&plan.id, Some(std::time::Duration::from_secs(30))).await.expect("sent");
    assert_eq!(sent.status, TxState::Confirmed);
    e.watch(Some(1), true, std::future::pending()).await.expect("index");

    let p = e.portfolio(None, Some(30)).await.expect("portfolio");
    assert_eq!(fake.hits(), 1, "one request for every coin");
    assert_eq!(p.days.len(), 30);
    assert_eq!(p.source, "defillama");
    assert!(!p.fees_included);
    assert!(p.unpriced.is_empty(), "{:?}", p.unpriced);
    let (last, prev) = (&p.days[29], &p.days[28]);
    let s = |d: &sonic_types::market::PortfolioDay| d.holdings.iter().find(|h| h.asset == "S").expect("S").clone();
    let one = U256::from(10u64).pow(U256::from(18u64));
    assert_eq!(s(prev).raw - s(last).raw, one, "exactly 1 S: the fee is not in the records");
    assert_eq!(s(last).raw, e.balance(None, None).await.expect("balance").raw);
    // Today's point is valued at today's price, yesterday's at yesterday's.
    assert_eq!(s(last).price, Some(price(30)));
    assert_eq!(s(prev).price, Some(price(29)));
    assert_eq!(p.days[0].holdings[0].price, Some(price(1)));
    assert!((last.total_usd - fiat_value(s(last).raw, 18, price(30))).abs() < 1e-6);
    assert!((prev.total_usd - fiat_value(s(prev).raw, 18, price(29))).abs() < 1e-6);
    // At one price, the two points differ by that price × 1 S.
    let at_today = fiat_value(s(prev).raw, 18, price(30)) - last.total_usd;
    assert!((at_today - price(30)).abs() < 1e-6, "{at_today}");

    // Cached: a second series asks nothing.
    e.portfolio(None, Some(30)).await.expect("cached");
    assert_eq!(fake.hits(), 1);

    // A cold cache and a source that is down: an error, no figure.
    std::env::set_var(sonic_defi::PRICES_URL_ENV, dead_url());
    assert!(e.portfolio(None, Some(7)).await.is_err());
    std::env::remove_var(sonic_defi::PRICES_URL_ENV);
}
