//! The running app's watcher follows the wallet as it changes: an account added in the
//! app is watched at once (a payment to it raises the "Received" notification and shows
//! in its Activity), with no restart.

use std::time::Duration;

use alloy::{
    network::{EthereumWallet, TransactionBuilder},
    primitives::{Address, U256},
    providers::{Provider, ProviderBuilder},
    rpc::types::TransactionRequest,
    signers::local::PrivateKeySigner,
};
use sonic_e2e::*;

/// anvil's account 1: the wallet's second derived account, added in the app.
const ACCOUNT1: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

#[tokio::test(flavor = "multi_thread")]
async fn an_account_added_in_the_app_is_watched_at_once() {
    let node = anvil();
    let mut s = Session::start("watch-live", &node.endpoint()).await;
    s.onboard().await;
    s.click("#tab-accounts").await;
    s.click("#account-add").await;
    s.text_until("#account-1", |t| t.contains(ACCOUNT1)).await;

    // Someone outside the wallet pays the new account 2.75 S.
    let key: PrivateKeySigner = node.keys()[5].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let to: Address = ACCOUNT1.parse().expect("address");
    let tx = TransactionRequest::default().with_to(to).with_value(U256::from(2_750_000_000_000_000_000u128));
    let receipt = p.send_transaction(tx).await.expect("send").get_receipt().await.expect("mined");
    assert!(receipt.status(), "the payment was mined");

    // The watcher saw it without a restart: the desktop notification says so.
    let mut seen = String::new();
    for _ in 0..150 {
        seen = s.notifications();
        if seen.contains("Received 2.75 S") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(seen.contains("Received 2.75 S"), "no notification for the new account's payment: {seen}");
    // And the new account's Activity lists it.
    s.click("#account-use-1").await;
    s.find("#account-selected-1").await;
    s.click("#tab-activity").await;
    s.text_until("#history", |t| t.contains("2.75 S")).await;
    s.shot("new-account-activity").await;
    s.stop().await;
}
