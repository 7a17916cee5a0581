//! The running app's watcher follows the wallet as it changes, with no restart: an
//! account added in the app, a token registered in it, and a network switched to are
//! watched at once (a payment raises the "Received" notification).

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

/// A token registered in the app is watched at once: its transfer to the wallet is
/// notified with the token's own symbol and amount.
#[tokio::test(flavor = "multi_thread")]
async fn a_token_added_in_the_app_is_watched_at_once() {
    let node = anvil();
    let key: PrivateKeySigner = node.keys()[5].clone().into();
    let outsider = key.address();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let token = sonic_testkit::TestToken::deploy(&p, "Test Dollar".into(), "TDOL".into(), 6).await.expect("deploy");
    token.mint(outsider, U256::from(100_000_000u64)).send().await.expect("mint").get_receipt().await.expect("mined");

    let mut s = Session::start("watch-token", &node.endpoint()).await;
    s.onboard().await;
    s.click("#tab-contacts").await;
    s.type_in("#token-address", &token.address().to_checksum(None)).await;
    s.click("#token-add").await;
    s.text_until("#token-added", |t| t.contains("TDOL")).await;

    let me: Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266".parse().expect("address");
    token.transfer(me, U256::from(5_250_000u64)).send().await.expect("transfer").get_receipt().await.expect("mined");
    let mut seen = String::new();
    for _ in 0..150 {
        seen = s.notifications();
        if seen.contains("Received 5.25 TDOL") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(seen.contains("Received 5.25 TDOL"), "no notification for the new token's transfer: {seen}");
    s.stop().await;
}

/// After a switch to another network in the app, the watcher follows that network: a
/// payment there is notified, with no restart; the tray's network line follows too.
#[tokio::test(flavor = "multi_thread")]
async fn after_a_network_switch_in_the_app_the_new_network_is_watched() {
    let first = anvil();
    // Another chain, with its own id: the wallet keeps one index per chain id, so two
    // devnets under one id would be taken for one chain (and its history for theirs).
    let second = sonic_testkit::anvil(&["--chain-id", "31338"]);
    let mut s = Session::start("watch-switch", &first.endpoint()).await;
    s.onboard().await;
    // The tray's network line says the network and, once the watcher knows, its state.
    s.tray_until(|m| m.contains("'Network: local (online)'")).await;
    s.click("#tab-networks").await;
    s.replace_in("#net-name", "second").await;
    s.replace_in("#net-rpc", &second.endpoint()).await;
    // Saved without switching (the box is unticked), then switched with Use.
    s.click("#net-activate").await;
    s.click("#net-save").await;
    s.text_until("#networks-status", |t| t.contains("Saved second")).await;
    s.click("#network-use-second").await;
    s.text_until("#network-second", |t| t.contains("in use")).await;
    s.tray_until(|m| m.contains("'Network: second")).await;

    // A payment on the second network only.
    let key: PrivateKeySigner = second.keys()[5].clone().into();
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(second.endpoint_url());
    let me: Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266".parse().expect("address");
    let tx = TransactionRequest::default().with_to(me).with_value(U256::from(3_500_000_000_000_000_000u128));
    p.send_transaction(tx).await.expect("send").get_receipt().await.expect("mined");
    let mut seen = String::new();
    for _ in 0..150 {
        seen = s.notifications();
        if seen.contains("Received 3.5 S") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    s.tray_until(|m| m.contains("'Network: second (online)'")).await;
    assert!(seen.contains("Received 3.5 S"), "no notification for the payment on the new network: {seen}");
    s.stop().await;
}
