//! The wallet's portfolio chart in the app: with a price source (a local server
//! speaking DefiLlama's chart format) serving a known daily history, the chart shows
//! the account's USD value for the last 30 days, each day at its own price, labelled
//! with the source and age; 1 S received today shows in today's point only.

use std::time::{SystemTime, UNIX_EPOCH};

use alloy::{
    network::{EthereumWallet, TransactionBuilder},
    primitives::{address, Address},
    providers::{Provider, ProviderBuilder},
    rpc::types::TransactionRequest,
    signers::local::PrivateKeySigner,
};
use sonic_defi::{
    fake::{llama_server_with_history, sample_history, sample_pools, sample_prices},
    NATIVE_COIN,
};
use sonic_e2e::*;
use sonic_types::{
    market::{fiat_value, usd_text},
    time::utc_date_time,
};

/// anvil's account 0, the wallet's first account.
const ACCOUNT0: Address = address!("f39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// The known history, oldest (`i` = 0, thirty days ago) first: S at $0.25, $0.50
/// yesterday and $0.75 today.
fn price(i: u64) -> f64 {
    match i {
        30 => 0.75,
        29 => 0.5,
        _ => 0.25,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_wallet_charts_the_portfolio_value_at_each_days_price() {
    let node = anvil();
    let history = sample_history(NATIVE_COIN, 30, now(), price);
    let fake = llama_server_with_history(sample_prices(0.75, now() - 60), sample_pools(), history);
    let env = [("SONIC_PRICES_URL", fake.url.as_str()), ("SONIC_YIELDS_URL", fake.url.as_str())];
    let mut s = Session::start_with("portfolio", &node.endpoint(), &env).await;
    s.onboard().await;
    s.click("#tab-wallet").await;
    s.text_until("#balance-S", |t| t == "10000").await;

    // 1 S from outside (anvil's account 5), received today: no fee is the wallet's.
    let key: PrivateKeySigner = node.keys()[5].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let tx = TransactionRequest::default().with_to(ACCOUNT0).with_value(whole_s(1));
    p.send_transaction(tx).await.expect("send 1 S").get_receipt().await.expect("mined");
    s.text_until("#balance-S", |t| t == "10001").await;

    // Today: the balance on the node at today's price; yesterday: 1 S less at
    // yesterday's price.
    let on_chain = balance(&node, &ACCOUNT0.to_string()).await;
    let today = usd_text(fiat_value(on_chain, 18, price(30)));
    let yesterday = usd_text(fiat_value(on_chain - whole_s(1), 18, price(29)));
    assert_eq!((today.as_str(), yesterday.as_str()), ("$7,500.75", "$5,000.00"));
    s.text_until("#portfolio-chart h3", |t| t == "Portfolio value (USD), last 30 days").await;
    s.text_until("#portfolio-last", |t| t == today).await;
    let source = s.text_until("#portfolio-source", |t| t.contains("DefiLlama")).await;
    assert!(source.contains("as of just now") || source.contains("as of 1 min ago"), "{source}");
    assert!(!s.present("#portfolio-unpriced").await);

    // A point's title (its hover text) gives the day and the value.
    let title = |i: u32| format!("return document.querySelector('#portfolio-point-{i} title').textContent");
    let day = |back: u64| utc_date_time(now() - back * 86_400)[..10].to_string();
    let last = s.client.execute(&title(29), vec![]).await.expect("title");
    assert_eq!(last.as_str(), Some(format!("{}: {today}", day(0)).as_str()));
    let prev = s.client.execute(&title(28), vec![]).await.expect("title");
    assert_eq!(prev.as_str(), Some(format!("{}: {yesterday}", day(1)).as_str()));
    let first = s.client.execute(&title(0), vec![]).await.expect("title");
    let first_value = usd_text(fiat_value(on_chain - whole_s(1), 18, price(1)));
    assert_eq!(first.as_str(), Some(format!("{}: {first_value}", day(29)).as_str()));
    let script = "document.querySelector('#portfolio-chart').scrollIntoView()";
    let _ = s.client.execute(script, vec![]).await;
    s.shot("portfolio-chart").await;
    s.stop().await;
}
